/* kafka.c — `scrub --kafka BROKERS --from TOPIC --to TOPIC`: a member of a
 * Kafka consumer group that reads records from one topic, scrubs each
 * record's value as one message and produces it, key, headers and
 * timestamp kept, to another. N instances in one group share the input
 * partitions; the same key file gives the same tokens in all of them.
 *
 * This file: client set-up (-X passes properties to both clients, as
 * kcat does), start-up checks (brokers, topics, partition counts), the
 * main loop and the orderly end on TERM/INT: stop fetching, finish the
 * round, wait for every acknowledgement, commit, leave the group, exit 0.
 * Messages name options, topics and properties, never a value. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "kafka.h"

#define ROUND_RECORDS 20000    /* a round ends at this many records, */
#define ROUND_BYTES (8u << 20) /* this many bytes, or an empty poll */
#define START_TIMEOUT 15.0     /* seconds to find brokers and topics */
#define COMMIT_EVERY 0.2       /* seconds between (async) commits */
#define WARN_EVERY 30.0        /* at most one warning this often */

double kafka_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void warn(kapp *app, const char *what)
{
    double t = kafka_now();
    if (t - app->last_warn < WARN_EVERY)
        return;
    app->last_warn = t;
    die_msg("warning: kafka: %s", what);
}

/* ---- configuration -------------------------------------------------------- */

static void no_log(const rd_kafka_t *rk, int level, const char *fac,
                   const char *buf)
{
    (void)rk, (void)level, (void)fac, (void)buf;
}

/* Only with -X debug=...: librdkafka's own log lines. */
static void on_log(const rd_kafka_t *rk, int level, const char *fac,
                   const char *buf)
{
    (void)rk, (void)level;
    fprintf(stderr, "scrub: kafka: %s: %s\n", fac, buf);
}

static void on_error(rd_kafka_t *rk, int err, const char *reason,
                     void *opaque)
{
    kapp *app = opaque;
    if (err == RD_KAFKA_RESP_ERR__FATAL) {
        char why[512];
        rd_kafka_fatal_error(rk, why, sizeof why);
        if (!app->fatal)
            die_msg("kafka: fatal error: %s", why);
        app->fatal = 1;
        return;
    }
    if (err == RD_KAFKA_RESP_ERR__ALL_BROKERS_DOWN)
        app->all_down = 1;
    else if (app->starting)
        snprintf(app->last_error, sizeof app->last_error, "%s", reason);
    if (!app->starting)
        warn(app, reason);
}

static int conf_set(rd_kafka_conf_t *c, const char *name, const char *val,
                    const char *origin)
{
    char err[512];
    rd_kafka_conf_res_t r = rd_kafka_conf_set(c, name, val, err, sizeof err);
    if (r == RD_KAFKA_CONF_OK)
        return 0;
    /* librdkafka's message may quote the value: ours does not. */
    die_msg("%s %s: %s", origin, name,
            r == RD_KAFKA_CONF_UNKNOWN ? "unknown property"
                                       : "invalid value");
    return -1;
}

static const char *managed(const char *name, const options *o)
{
    if (!strcmp(name, "bootstrap.servers") ||
        !strcmp(name, "metadata.broker.list"))
        return "is set by --kafka";
    if (!strcmp(name, "group.id"))
        return "is set by --group";
    if (!strcmp(name, "enable.auto.commit") ||
        !strcmp(name, "enable.auto.offset.store"))
        return "is managed by scrub (offsets are committed after delivery)";
    if (!strcmp(name, "transactional.id") && !o->exactly_once)
        return "needs --exactly-once";
    return NULL;
}

/* -X PROP=VALUE, in order, after scrub's defaults (so they can change
 * them). */
static int apply_props(rd_kafka_conf_t *c, const options *o)
{
    for (size_t i = 0; i < o->nkafka_props; i++) {
        const char *spec = o->kafka_props[i];
        const char *eq = strchr(spec, '=');
        char name[256];
        if (!eq || eq == spec || (size_t)(eq - spec) >= sizeof name) {
            die_msg("-X takes PROP=VALUE (a librdkafka property)");
            return -1;
        }
        memcpy(name, spec, (size_t)(eq - spec));
        name[eq - spec] = '\0';
        const char *why = managed(name, o);
        if (why) {
            die_msg("-X %s: %s", name, why);
            return -1;
        }
        if (conf_set(c, name, eq + 1, "-X"))
            return -1;
    }
    return 0;
}

static int wants_debug(const options *o)
{
    for (size_t i = 0; i < o->nkafka_props; i++)
        if (!strncmp(o->kafka_props[i], "debug=", 6))
            return 1;
    return 0;
}

static rd_kafka_conf_t *base_conf(kapp *app)
{
    rd_kafka_conf_t *c = rd_kafka_conf_new();
    rd_kafka_conf_set_opaque(c, app);
    rd_kafka_conf_set_error_cb(c, on_error);
    rd_kafka_conf_set_log_cb(c, wants_debug(app->o) ? on_log : no_log);
    if (conf_set(c, "bootstrap.servers", app->o->kafka_brokers, "--kafka")) {
        rd_kafka_conf_destroy(c);
        return NULL;
    }
    return c;
}

static rd_kafka_t *new_client(kapp *app, rd_kafka_type_t type,
                              rd_kafka_conf_t *c)
{
    char err[512];
    if (apply_props(c, app->o)) {
        rd_kafka_conf_destroy(c);
        return NULL;
    }
    rd_kafka_t *rk = rd_kafka_new(type, c, err, sizeof err);
    if (!rk) {
        rd_kafka_conf_destroy(c);
        die_msg("--kafka: cannot create the %s: %s",
                type == RD_KAFKA_CONSUMER ? "consumer" : "producer", err);
    }
    return rk;
}

static rd_kafka_t *new_consumer(kapp *app)
{
    const options *o = app->o;
    rd_kafka_conf_t *c = base_conf(app);
    if (!c || conf_set(c, "group.id", o->kafka_group ? o->kafka_group : "scrub",
                       "--group") ||
        conf_set(c, "enable.auto.commit", "false", "") ||
        conf_set(c, "enable.auto.offset.store", "false", "") ||
        conf_set(c, "auto.offset.reset", "earliest", "") ||
        conf_set(c, "enable.partition.eof", "false", "")) {
        if (c)
            rd_kafka_conf_destroy(c);
        return NULL;
    }
    rd_kafka_conf_set_rebalance_cb(c, kafka_on_rebalance);
    return new_client(app, RD_KAFKA_CONSUMER, c);
}

static rd_kafka_t *new_producer(kapp *app)
{
    const options *o = app->o;
    char tid[512], host[256] = "host";
    rd_kafka_conf_t *c = base_conf(app);
    gethostname(host, sizeof host - 1);
    /* unique per process; a stable one (-X) fences a restarted instance's
     * old transactions at once */
    snprintf(tid, sizeof tid, "scrub-%s-%s-%ld",
             o->kafka_group ? o->kafka_group : "scrub", host, (long)getpid());
    if (!c || conf_set(c, "enable.idempotence", "true", "") ||
        conf_set(c, "partitioner", "murmur2_random", "") ||
        (o->exactly_once && conf_set(c, "transactional.id", tid, ""))) {
        if (c)
            rd_kafka_conf_destroy(c);
        return NULL;
    }
    rd_kafka_conf_set_dr_msg_cb(c, kafka_on_delivery);
    return new_client(app, RD_KAFKA_PRODUCER, c);
}

/* ---- start-up checks ------------------------------------------------------ */

static int topic_parts(const rd_kafka_metadata_t *md, const char *name)
{
    for (int i = 0; name && i < md->topic_cnt; i++)
        if (!strcmp(md->topics[i].topic, name) && !md->topics[i].err)
            return md->topics[i].partition_cnt;
    return 0;
}

static int check_topic(const rd_kafka_metadata_t *md, const char *opt,
                       const char *name, int quiet)
{
    if (!name || topic_parts(md, name) > 0)
        return 0;
    if (!quiet)
        die_msg("%s: topic %s does not exist (or this client may not see "
                "it)", opt, name);
    return -1;
}

int kafka_refresh_partitions(kapp *app, int quiet)
{
    const options *o = app->o;
    const rd_kafka_metadata_t *md = NULL;
    /* all topics: asking for one by name may create it */
    if (rd_kafka_metadata(app->cons, 1, NULL, &md, quiet ? 5000 : 1000))
        return 1; /* no answer yet */
    int rc = 0;
    if (check_topic(md, "--from", o->kafka_from, quiet) ||
        (!o->findings && check_topic(md, "--to", o->kafka_to, quiet)) ||
        check_topic(md, "--dlq", o->kafka_dlq, quiet))
        rc = -1;
    else {
        app->in_parts = topic_parts(md, o->kafka_from);
        app->out_parts = topic_parts(md, o->kafka_to);
    }
    rd_kafka_metadata_destroy(md);
    return rc;
}

/* Brokers answer and the topics exist, or a one-line error. */
static int check_cluster(kapp *app)
{
    double deadline = kafka_now() + START_TIMEOUT;
    for (;;) {
        int rc = kafka_refresh_partitions(app, 0);
        if (rc <= 0)
            return rc;
        rd_kafka_poll(app->cons, 0); /* serves on_error */
        if (app->prod)
            rd_kafka_poll(app->prod, 0);
        if (ops_stopping())
            return -1;
        if (app->all_down || kafka_now() > deadline) {
            die_msg("--kafka %s: %s%s%s", app->o->kafka_brokers,
                    app->all_down ? "no broker reachable"
                                  : "no answer from the brokers",
                    app->last_error[0] ? ": " : "", app->last_error);
            return -1;
        }
    }
}

static int start_txn(kapp *app)
{
    rd_kafka_error_t *e = rd_kafka_init_transactions(app->prod, 30000);
    if (!e)
        return 0;
    die_msg("--exactly-once: the brokers refuse transactions: %s",
            rd_kafka_error_string(e));
    rd_kafka_error_destroy(e);
    return -1;
}

static size_t thread_count(const options *o)
{
    long n = o->threads ? o->threads : sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : (size_t)n;
}

static int start(kapp *app)
{
    const options *o = app->o;
    app->starting = 1;
    if (!(app->cons = new_consumer(app)) ||
        (!o->findings && !(app->prod = new_producer(app))) ||
        check_cluster(app) || (o->exactly_once && start_txn(app)))
        return -1;
    if (app->prod) {
        app->out = rd_kafka_topic_new(app->prod, o->kafka_to, NULL);
        if (o->kafka_dlq)
            app->dlq = rd_kafka_topic_new(app->prod, o->kafka_dlq, NULL);
    }
    if (!(app->pool = kpool_new(app->eng, o, thread_count(o)))) {
        die_msg("out of memory");
        return -1;
    }
    rd_kafka_topic_partition_list_t *l = rd_kafka_topic_partition_list_new(1);
    rd_kafka_topic_partition_list_add(l, o->kafka_from, RD_KAFKA_PARTITION_UA);
    rd_kafka_resp_err_t e = rd_kafka_subscribe(app->cons, l);
    rd_kafka_topic_partition_list_destroy(l);
    if (e) {
        die_msg("--from %s: cannot subscribe: %s", o->kafka_from,
                rd_kafka_err2str(e));
        return -1;
    }
    rd_kafka_poll_set_consumer(app->cons); /* errors come with records */
    app->starting = 0;
    return 0;
}

/* ---- the loop --------------------------------------------------------------- */

static void consumer_error(kapp *app, const rd_kafka_message_t *m)
{
    if (m->err == RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART ||
        m->err == RD_KAFKA_RESP_ERR_TOPIC_AUTHORIZATION_FAILED) {
        die_msg("--from %s: %s", app->o->kafka_from, rd_kafka_err2str(m->err));
        app->fatal = 1;
    } else if (m->err != RD_KAFKA_RESP_ERR__PARTITION_EOF) {
        warn(app, rd_kafka_err2str(m->err));
    }
}

/* Poll a round: wait up to 100 ms for the first record, then take what
 * is there without waiting. */
static void collect(kapp *app)
{
    kround *r = &app->round;
    int wait = 100;
    while (!ops_stopping() && !app->fatal && r->n < ROUND_RECORDS &&
           r->bytes < ROUND_BYTES) {
        rd_kafka_message_t *m = rd_kafka_consumer_poll(app->cons, wait);
        if (!m)
            return;
        wait = 0;
        if (m->err) {
            consumer_error(app, m);
            rd_kafka_message_destroy(m);
        } else if (kround_add(r, m)) {
            rd_kafka_message_destroy(m);
            die_msg("out of memory");
            app->fatal = 1;
        }
    }
}

/* SIGHUP: between two rounds (nothing of the last one is held any
 * more: its outputs were copied into the producer), the workers go on
 * with contexts of the new engine. */
static void reload(kapp *app)
{
    scrub_engine *neu = reload_poll(app->rt);
    if (!neu)
        return;
    kpool *fresh = kpool_new(neu, app->o, thread_count(app->o));
    if (!fresh) {
        die_msg("reload: out of memory; the running configuration stays");
        scrub_engine_free(neu);
        return;
    }
    kpool_account(app->pool, app->rt->m);
    kpool_free(app->pool);
    app->pool = fresh;
    reload_switch(app->rt, neu);
    app->eng = neu;
}

static void loop(kapp *app)
{
    int commits = !app->o->exactly_once;
    while (!ops_stopping() && !app->fatal) {
        collect(app);
        kafka_process_round(app); /* also what a stop signal interrupted */
        kpool_account(app->pool, app->rt->m);
        reload(app);
        if (app->prod)
            rd_kafka_poll(app->prod, 0);
        if (commits && kafka_now() - app->last_commit >= COMMIT_EVERY)
            kafka_commit(app, 0);
    }
}

/* The records' counts (the bytes and findings of their values follow in
 * the common report, stats.c). */
static void print_kafka_stats(const kapp *app)
{
    double secs = kafka_now() - app->t0;
    bool json = app->o->stats_format == STATS_JSON;
    fprintf(stderr,
            json ? "{\"event\":\"kafka\",\"records_in\":%llu,"
                   "\"records_out\":%llu,\"dead_letters\":%llu,"
                   "\"bytes_in\":%llu,\"bytes_out\":%llu,\"seconds\":%.3f,"
                   "\"records_per_s\":%.0f}\n"
                 : "scrub: stats kafka records_in=%llu records_out=%llu "
                   "dead_letters=%llu bytes_in=%llu bytes_out=%llu "
                   "seconds=%.3f records_per_s=%.0f\n",
            (unsigned long long)app->n_in, (unsigned long long)app->n_out,
            (unsigned long long)app->n_dlq, (unsigned long long)app->bytes_in,
            (unsigned long long)app->bytes_out, secs,
            secs > 0 ? (double)app->n_in / secs : 0.0);
}

/* Wait for the acknowledgements, commit what is safe (also after an
 * error: offsets before the failed record), leave the group. */
static void finish(kapp *app, int started)
{
    if (started) {
        if (!app->o->exactly_once) {
            kafka_flush(app, app->fatal ? 10000 : 60000);
            kafka_commit(app, 1);
        }
        rd_kafka_consumer_close(app->cons); /* revokes: commits again */
    }
    if (started && app->o->stats)
        print_kafka_stats(app);
    if (app->pool)
        kpool_account(app->pool, app->rt->m);
    kround_clear(&app->round);
    free(app->round.r);
    kpool_free(app->pool);
    if (app->out)
        rd_kafka_topic_destroy(app->out);
    if (app->dlq)
        rd_kafka_topic_destroy(app->dlq);
    if (app->prod)
        rd_kafka_destroy(app->prod);
    if (app->cons)
        rd_kafka_destroy(app->cons);
    kafka_tracks_free(app);
}

/* TERM and INT are taken by the signal thread (signals.c): the loop sees
 * ops_stopping() within one poll (100 ms). */
int run_kafka(runtime *rt)
{
    kapp app = {.eng = rt->eng, .o = rt->o, .rt = rt};
    app.t0 = app.last_commit = kafka_now();
    int rc = start(&app);
    if (!rc)
        loop(&app);
    finish(&app, !rc);
    if (rc && ops_stopping() && !app.fatal)
        return EXIT_OK; /* stopped while starting: nothing was read */
    return rc || app.fatal ? EXIT_ERROR : EXIT_OK;
}
