/* kafka_group.c — how a round of records ends, and what a rebalance
 * does.
 *
 * A round is scrubbed by the workers, then: with --findings its JSON
 * lines go to stdout; by default its outputs are produced and their
 * input offsets committed as their acknowledgements come in (kafka_out.c);
 * with --exactly-once the round is one transaction: its outputs and the
 * consumer offsets after it commit together, or the transaction is
 * aborted and the round read again.
 *
 * Before partitions go (rebalance, shutdown) the round polled so far is
 * finished, every output is acknowledged and the offsets are committed,
 * so the next owner starts where this one stopped. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kafka.h"

#define MAX_ABORTS 5 /* transactions aborted in a row before giving up */

/* --findings: an offset counts as done once its lines are flushed. */
static int write_findings(kapp *app, const kround *r)
{
    size_t done = 0;
    for (; done < r->n; done++) {
        const krecord *rec = &r->r[done];
        if (rec->rc) {
            die_msg("record %s/%d@%lld cannot be scanned: %s",
                    app->o->kafka_from, (int)rec->m->partition,
                    (long long)rec->m->offset, scrub_error_name(rec->rc));
            app->fatal = 1;
            break;
        }
        fwrite(kpool_output(app->pool, rec), 1, rec->out_len, stdout);
    }
    if (fflush(stdout) || ferror(stdout)) {
        die_msg("cannot write to standard output: %s", strerror(errno));
        app->fatal = 1;
        return -1;
    }
    for (size_t i = 0; i < done; i++) {
        ktrack *t = kafka_track(app, r->r[i].m->partition);
        uint64_t seq;
        if (!t || kafka_track_take(t, r->r[i].m->offset, &seq)) {
            die_msg("out of memory");
            app->fatal = 1;
            return -1;
        }
        t->done[seq % t->cap] = 1;
    }
    app->n_out += done;
    return app->fatal ? -1 : 0;
}

/* ---- --exactly-once ------------------------------------------------------ */

/* Partitions of the open transaction, at their first (rewind) or next
 * (commit) offset. */
static rd_kafka_topic_partition_list_t *txn_offsets(kapp *app, int next)
{
    rd_kafka_topic_partition_list_t *l = rd_kafka_topic_partition_list_new(4);
    for (size_t i = 0; i < app->ntracks; i++) {
        ktrack *t = &app->tracks[i];
        if (t->round_first >= 0)
            rd_kafka_topic_partition_list_add(l, app->o->kafka_from,
                                              (int32_t)i)->offset =
                next ? t->next : t->round_first;
    }
    return l;
}

/* After an abort: read the round's records again. */
static void txn_rewind(kapp *app)
{
    rd_kafka_topic_partition_list_t *l = txn_offsets(app, 0);
    rd_kafka_error_t *e = rd_kafka_seek_partitions(app->cons, l, 10000);
    for (int i = 0; i < l->cnt; i++) {
        ktrack *t = &app->tracks[l->elems[i].partition];
        kafka_track_reset(t, t->owned);
    }
    rd_kafka_topic_partition_list_destroy(l);
    if (e) {
        die_msg("--exactly-once: cannot read topic %s again after an "
                "aborted transaction: %s",
                app->o->kafka_from, rd_kafka_error_string(e));
        rd_kafka_error_destroy(e);
        app->fatal = 1;
    }
}

/* A retriable error means: call again. */
static int again(rd_kafka_error_t **e, int *tries)
{
    if (!*e || !rd_kafka_error_is_retriable(*e) || ++*tries > 10)
        return 0;
    rd_kafka_error_destroy(*e);
    *e = NULL;
    return 1;
}

static rd_kafka_error_t *txn_commit(kapp *app)
{
    rd_kafka_topic_partition_list_t *l = txn_offsets(app, 1);
    rd_kafka_consumer_group_metadata_t *g =
        rd_kafka_consumer_group_metadata(app->cons);
    rd_kafka_error_t *e;
    int tries = 0;
    do
        e = rd_kafka_send_offsets_to_transaction(app->prod, l, g, -1);
    while (again(&e, &tries));
    rd_kafka_consumer_group_metadata_destroy(g);
    rd_kafka_topic_partition_list_destroy(l);
    tries = 0;
    if (!e)
        do
            e = rd_kafka_commit_transaction(app->prod, -1);
        while (again(&e, &tries));
    return e;
}

static void txn_done(kapp *app)
{
    for (size_t i = 0; i < app->ntracks; i++) {
        ktrack *t = &app->tracks[i];
        if (t->round_first < 0)
            continue;
        t->head = t->tail;
        t->committed = t->next;
        t->round_first = -1;
    }
    app->in_txn = 0;
}

static int txn_round(kapp *app, const kround *r)
{
    rd_kafka_error_t *e = rd_kafka_begin_transaction(app->prod);
    if (!e) {
        app->in_txn = 1;
        if (kafka_produce_round(app, r) == 0)
            e = txn_commit(app);
    }
    if (!e && !app->fatal) {
        txn_done(app);
        app->aborts = 0;
        return 0;
    }
    int abortable = !e || rd_kafka_error_txn_requires_abort(e);
    if (e && abortable && !app->fatal && ++app->aborts <= MAX_ABORTS)
        die_msg("warning: transaction aborted (%s); reading the round again",
                rd_kafka_error_string(e));
    else if (e)
        die_msg("--exactly-once: transaction failed: %s",
                rd_kafka_error_string(e));
    if (e && (!abortable || app->aborts > MAX_ABORTS))
        app->fatal = 1;
    if (e)
        rd_kafka_error_destroy(e);
    if (app->in_txn && abortable) {
        rd_kafka_error_t *a = rd_kafka_abort_transaction(app->prod, 30000);
        if (a) {
            app->fatal = 1;
            rd_kafka_error_destroy(a);
        }
    }
    app->in_txn = 0;
    if (!app->fatal)
        txn_rewind(app);
    return app->fatal ? -1 : 0;
}

/* ---- rounds and rebalances ----------------------------------------------- */

int kafka_process_round(kapp *app)
{
    kround *r = &app->round;
    const options *o = app->o;
    if (!r->n || app->fatal) {
        kround_clear(r);
        return app->fatal ? -1 : 0;
    }
    app->n_in += r->n;
    app->bytes_in += r->bytes;
    kpool_scrub(app->pool, r);
    int rc = o->findings        ? write_findings(app, r)
             : o->exactly_once ? txn_round(app, r)
                                : kafka_produce_round(app, r);
    kround_clear(r);
    if (app->prod)
        rd_kafka_poll(app->prod, 0);
    return rc;
}

static void take_over(kapp *app, rd_kafka_t *rk, int coop,
                   rd_kafka_topic_partition_list_t *parts)
{
    kafka_refresh_partitions(app, 1);
    for (int i = 0; i < parts->cnt; i++) {
        ktrack *t = kafka_track(app, parts->elems[i].partition);
        if (t)
            kafka_track_reset(t, 1);
        else
            app->fatal = 1;
    }
    if (coop) {
        rd_kafka_error_t *e = rd_kafka_incremental_assign(rk, parts);
        if (e)
            rd_kafka_error_destroy(e);
    } else {
        rd_kafka_assign(rk, parts);
    }
}

/* Partitions go: finish what was polled, wait for every acknowledgement,
 * commit, then let them go (unless they were lost: another member may
 * own them already, and a commit would fail or undo its progress). */
static void give_back(kapp *app, rd_kafka_t *rk, int coop,
                   rd_kafka_topic_partition_list_t *parts)
{
    int lost = rd_kafka_assignment_lost(rk);
    kafka_process_round(app);
    if (!app->o->exactly_once && app->prod)
        kafka_flush(app, app->fatal ? 10000 : 60000);
    if (!lost && !app->o->exactly_once)
        kafka_commit(app, 1);
    for (int i = 0; i < parts->cnt; i++) {
        ktrack *t = kafka_track(app, parts->elems[i].partition);
        if (t)
            kafka_track_reset(t, 0);
    }
    if (coop) {
        rd_kafka_error_t *e = rd_kafka_incremental_unassign(rk, parts);
        if (e)
            rd_kafka_error_destroy(e);
    } else {
        rd_kafka_assign(rk, NULL);
    }
}

void kafka_on_rebalance(rd_kafka_t *rk, rd_kafka_resp_err_t err,
                        rd_kafka_topic_partition_list_t *parts, void *opaque)
{
    kapp *app = opaque;
    int coop = !strcmp(rd_kafka_rebalance_protocol(rk), "COOPERATIVE");
    if (err == RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS)
        take_over(app, rk, coop, parts);
    else
        give_back(app, rk, coop, parts);
}
