/* main.c — scrub: the command line front end of libscrub. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

/* What the signal thread does every --stats-interval seconds and on
 * USR1: a report on stderr, the metrics file. */
static void on_report(void *opaque, int why)
{
    metrics *m = opaque;
    if (why == OPS_USR1 || m->o->stats_interval)
        stats_print(m, why);
    if (m->o->metrics_file) {
        char err[600];
        int bad = metrics_write_file(m, err, sizeof err) != 0;
        if (bad && !m->file_failing) /* once, until it works again */
            die_msg("%s", err);
        m->file_failing = bad;
    }
}

static void final_report(metrics *m, const options *o)
{
    if (o->stats)
        stats_print(m, 0);
    if (o->metrics_file) {
        char err[600];
        if (metrics_write_file(m, err, sizeof err))
            die_msg("%s", err);
    }
}

static const char *rsyslog_input(const options *o)
{
    return o->rsyslog_input ? o->rsyslog_input : "msg";
}

/* Filter, --rsyslog or --kafka: an engine, the signal thread, a run. */
static int run_stream(const options *o)
{
    ops_block_signals(!o->rsyslog); /* before any other thread exists */
    runtime rt = {.o = o, .m = metrics_new(o)};
    char err[700];
    int rc = EXIT_ERROR;
    bool started = false;
    if (!rt.m) {
        die_msg("out of memory");
    } else if (engine_build(&rt, false, &rt.eng, err, sizeof err)) {
        die_msg("%s", err);
    } else if (o->metrics_file && metrics_write_file(rt.m, err, sizeof err)) {
        die_msg("%s", err); /* a path that cannot work fails at once */
    } else if (ops_start(o->stats_interval ? (double)o->stats_interval
                         : o->metrics_file ? 10.0 : 0.0, on_report, rt.m)) {
        die_msg("cannot start the signal thread");
    } else {
        started = true;
        if (o->rsyslog)
            rc = run_rsyslog(&rt, rsyslog_input(o));
#ifdef SCRUB_HAVE_KAFKA
        else if (o->kafka_brokers)
            rc = run_kafka(&rt);
#endif
        else
            rc = run_filter(&rt);
        ops_end();
        final_report(rt.m, o);
    }
    scrub_engine_free(rt.eng);
    metrics_free(rt.m);
    if (!started && o->rsyslog) /* could not start: answer, never leak */
        return rsyslog_fail_closed(rsyslog_input(o));
    int sig = ops_stopping();
    if (rc == EXIT_OK && sig && !o->rsyslog && !o->kafka_brokers)
        ops_exit_by_signal(sig); /* all written: end as the signal asks */
    return rc;
}

/* rsyslog reads our stderr through the same pipe as our replies: then
 * nothing may go there. Run by hand (stderr elsewhere), messages do. */
static bool stderr_is_stdout(void)
{
    struct stat out, err;
    return fstat(STDOUT_FILENO, &out) == 0 && fstat(STDERR_FILENO, &err) == 0
           && out.st_dev == err.st_dev && out.st_ino == err.st_ino &&
           !isatty(STDERR_FILENO);
}

static bool wants_rsyslog(int argc, char **argv)
{
    for (int i = 1; i < argc; i++)
        if (!strcmp(argv[i], "--rsyslog") ||
            !strncmp(argv[i], "--rsyslog-input", 15))
            return true;
    return false;
}

int main(int argc, char **argv)
{
    options o;
    bool rsyslog = wants_rsyslog(argc, argv);
    if (rsyslog && stderr_is_stdout() && !freopen("/dev/null", "w", stderr))
        return EXIT_ERROR;
    int rc = parse_options(argc, argv, &o);
    if (rc < 0)
        rc = check_conflicts(&o);
    if (rc < 0) {
        if (o.keygen_file)
            rc = write_new_keyfile(o.keygen_file);
        else if (o.check_config)
            rc = run_check_config(&o);
        else if (o.list_rules || o.check_rules)
            rc = run_list_or_check(&o);
        else
            rc = run_stream(&o);
    } else if (rc == EXIT_ERROR && rsyslog) {
        /* a usage error under rsyslog: exiting would let every message
         * through unchanged */
        rc = rsyslog_fail_closed(o.rsyslog_input ? o.rsyslog_input : "msg");
    }
    free(o.configs);
    free(o.actions);
    free(o.files);
    free(o.kafka_props);
    return rc;
}
