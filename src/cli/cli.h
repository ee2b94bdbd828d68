/* cli.h — pieces of the scrub command line program.
 *
 *   main.c       modes: filter, --rsyslog, --kafka, checks, --keygen
 *   options.c    getopt; usage.c the --help text; conflicts.c what does
 *                not go together
 *   setup.c      config + key -> engine (at start and on SIGHUP)
 *   keyfile.c    finding, checking and making key files
 *   signals.c    the signal thread: TERM/INT stop, HUP reload, USR1 and
 *                --stats-interval report
 *   reload.c     a new engine aside, switched at a line boundary
 *   metrics.c    counts: per ctx, per block, per file, in total
 *   stats.c      --stats text/JSON and the --metrics-file (Prometheus)
 *   io.c         one thread; pipeline*.c -j N
 *   checkcfg.c   --check-config, --check-rules, --list-rules
 *   report.c     messages on stderr, findings as JSON lines
 */
#ifndef SCRUB_CLI_H
#define SCRUB_CLI_H

#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>

#include "scrub.h"

/* Named exit codes (jq style). */
enum { EXIT_OK = 0, EXIT_FINDINGS_FAILED = 1, EXIT_ERROR = 2 };

enum { STATS_TEXT = 0, STATS_JSON = 1 };

/* One bit per option given, for conflicts.c. */
enum optbit {
    B_CONFIG, B_KEY, B_ACTION, B_THREADS, B_FINDINGS, B_LINEBUF, B_STATS,
    B_STATS_INTERVAL, B_STATS_FORMAT, B_METRICS, B_REVEAL, B_RSYSLOG,
    B_RSYSLOG_INPUT, B_LIST, B_CHECK, B_CHECK_CONFIG, B_BLOCK, B_MATCHER,
    B_KAFKA, B_FROM, B_TO, B_GROUP, B_DLQ, B_EXACTLY_ONCE, B_X, B_KEYGEN,
    B_ON_SCAN_ERROR, B__COUNT
};

typedef struct options {
    const char **configs;
    size_t nconfigs;
    const char **actions; /* "TYPE=ACTION" */
    size_t nactions;
    const char *key_file;
    const char *keygen_file;
    const char **files;
    size_t nfiles;
    long threads;
    size_t block_size;
    scrub_matcher matcher;
    scrub_on_scan_error on_scan_error; /* withhold (default) or stop */
    bool findings;
    bool line_buffered;
    bool stats;
    bool list_rules;
    bool check_rules;
    bool check_config;
    bool rsyslog;
    bool reveal;
    const char *rsyslog_input; /* msg, rawmsg or fulljson */
    long stats_interval;       /* seconds; 0: only at exit (and USR1) */
    int stats_format;          /* STATS_TEXT or STATS_JSON */
    const char *metrics_file;  /* Prometheus text format, or NULL */
    /* --kafka: a consumer-group stream processor (kafka.c) */
    const char *kafka_brokers;
    const char *kafka_from, *kafka_to, *kafka_group, *kafka_dlq;
    const char **kafka_props; /* -X PROP=VALUE */
    size_t nkafka_props;
    bool exactly_once;
    uint64_t given;           /* 1 << enum optbit for each option given */
} options;

/* scanerr.c: a context's scan errors (a rule's PCRE2 limit on a line)
 * reported: one warning per rule, the line withheld or the run stopped
 * as --on-scan-error says. */
void scan_errors_attach(scrub_ctx *ctx, const options *o);

/* options.c */
int parse_options(int argc, char **argv, options *o);
/* usage.c */
extern const char usage_text[];
void print_version(void);
/* conflicts.c: -1 when the options go together, else the exit status
 * (after one line on stderr). */
int check_conflicts(const options *o);

/* ---- counts (metrics.c) ------------------------------------------------- */

/* Names (types, rule ids) and their counts; names are copied. */
typedef struct tally {
    struct tally_ent *v; /* in order of first appearance */
    size_t n, cap;
    uint32_t *slot;      /* hash index into v, 0 = empty, else i + 1 */
    size_t nslot;
} tally;

/* What some bytes of input gave: a ctx, a block, a file, the total. */
typedef struct counts {
    uint64_t bytes_in, bytes_out, lines, findings, revealed, rejected;
    uint64_t withheld; /* lines written as [UNSCANNED] */
    tally types, rules;
} counts;

int tally_add(tally *t, const char *name, size_t len, uint64_t n);
size_t tally_size(const tally *t);
const char *tally_name(const tally *t, size_t i);
uint64_t tally_count(const tally *t, size_t i);
uint64_t tally_get(const tally *t, const char *name);

int counts_finding(counts *c, const scrub_finding *f);
int counts_merge(counts *dst, const counts *src);
void counts_zero(counts *c);
void counts_free(counts *c);

/* A ctx whose progress is counted: what it did since the last look. */
typedef struct meter {
    scrub_stats last;
    uint64_t revealed, rejected;
} meter;
void meter_take(meter *m, const scrub_ctx *ctx, counts *into);

/* The findings callback every ctx gets: it counts each finding into
 * *cnt, then hands it to emit (--findings), if any. */
typedef struct fsink {
    counts *cnt;
    scrub_finding_fn emit;
    void *opaque;
} fsink;
int fsink_finding(void *opaque, const scrub_finding *f);

/* Where the counts meet (metrics.c); stats.c reads it. */
typedef struct metrics {
    pthread_mutex_t mu; /* everything below */
    const options *o;
    counts total;
    counts *files; /* per FILE argument (none when reading stdin only) */
    size_t nfiles;
    uint64_t reloads_ok, reloads_failed;
    double t0;         /* monotonic start */
    double start_unix; /* for scrub_start_time_seconds */
    double last_t;     /* the metrics file's rate window */
    uint64_t last_bytes;
    int oom;           /* a count could not be kept */
    int file_failing;  /* the metrics file could not be written */
} metrics;
double mono_now(void);
metrics *metrics_new(const options *o);
void metrics_free(metrics *m);
/* Add c to the total and to file `file` (< 0: none), then zero c. */
void metrics_merge(metrics *m, counts *c, long file);
/* Types and rules of a new engine: listed even while their count is 0. */
void metrics_register(metrics *m, const scrub_config *cfg,
                      const scrub_engine *eng);
void metrics_reload(metrics *m, bool ok);

/* ---- the running program ----------------------------------------------- */

typedef struct runtime {
    const options *o;
    scrub_engine *eng; /* the current engine; a reload replaces it */
    metrics *m;
} runtime;

/* setup.c: a config and an engine from -c, -a and the key files. On
 * failure, a one-line reason in err. `reload`: no notice on stderr. */
int engine_build(runtime *rt, bool reload, scrub_engine **out, char *err,
                 size_t errlen);
int config_load_file(scrub_config *cfg, const char *path, char *err,
                     size_t errlen);
int config_set_action(scrub_config *cfg, const char *spec, char *err,
                      size_t errlen);
int engine_check_action(const scrub_engine *eng, const char *spec, char *err,
                        size_t errlen);
/* The --findings and --check-* modes make no token: any key will do. */
void set_throwaway_key(scrub_config *cfg);
char *slurp_file(const char *path, size_t *len, int *err);

/* reload.c: after a SIGHUP, the new engine (NULL when there was no HUP,
 * or the build failed: then one line on stderr and the old one stays). */
scrub_engine *reload_poll(runtime *rt);
/* Make `neu` current; the old engine is freed (free its ctxs first). */
void reload_switch(runtime *rt, scrub_engine *neu);

/* keyfile.c: find, create and load the key; messages carry paths only. */
int load_key(scrub_config *cfg, const char *explicit_path, bool quiet,
             char *err, size_t errlen);
int load_retired_keys(scrub_config *cfg, char *err, size_t errlen);
int write_new_keyfile(const char *path);
char *default_key_path(void);

/* signals.c: TERM, INT (when `take_stop`), HUP and USR1 are blocked in
 * every thread and taken by one thread of its own, which sets flags,
 * wakes the reader and writes the periodic and USR1 reports. */
enum { OPS_TICK = 1, OPS_USR1 = 2 };
typedef void (*ops_report_fn)(void *opaque, int why);
void ops_block_signals(bool take_stop); /* first, before any thread */
void ops_block_in_thread(void);          /* workers, writers */
int ops_start(double interval, ops_report_fn fn, void *opaque);
void ops_end(void);
int ops_stopping(void); /* the signal that asked to stop, or 0 */
bool ops_take_hup(void);
/* Wait until fd can be read or the signal thread wakes us; then read.
 * > 0 bytes, 0 end of input, -1 error (errno), -2 woken: look at the
 * flags. */
ssize_t ops_read(int fd, void *buf, size_t n);
/* End as the stop signal asks (after everything was written). */
void ops_exit_by_signal(int sig);

/* io.c */
int run_filter(runtime *rt);
/* All n bytes to fd, again after EINTR: 0, or errno (EIO when write()
 * wrote nothing). */
int fd_write_all(int fd, const void *p, size_t n);
/* pipeline.c: -j N with N > 1 */
int run_pipeline(runtime *rt, const int *fds, size_t nthreads, bool named);

/* rsyslog.c: --rsyslog, the mmexternal protocol on stdin/stdout */
int run_rsyslog(runtime *rt, const char *input);
int rsyslog_fail_closed(const char *input);

/* kafka.c (only when built with librdkafka: SCRUB_HAVE_KAFKA) */
int run_kafka(runtime *rt);

/* checkcfg.c */
int run_check_config(const options *o);
int run_list_or_check(const options *o);

/* stats.c */
void stats_print(metrics *m, int why); /* OPS_*, or 0 at exit */
int metrics_write_file(metrics *m, char *err, size_t errlen);

/* report.c */
/* One finding as its JSON line, naming `file` unless NULL; returns the
 * length or -1. FINDING_MAX holds any (file names are at most PATH_MAX). */
#define FINDING_MAX 8400
int format_finding(const scrub_finding *f, const char *file, char *buf,
                   size_t cap);
/* s as a JSON string into buf[k..cap); the new length (cap if full). */
size_t put_json_str(char *buf, size_t k, size_t cap, const char *s);
void json_str(FILE *f, const char *s);
/* An error: one line on stderr, counted in scrub_errors_total. */
void die_msg(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* A notice (not an error): one line on stderr. */
void notice_msg(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
uint64_t error_count(void);
/* s for a message: printable ASCII only, at most `max` bytes, up to the
 * first `stop` byte (0: none). */
const char *printable(const char *s, size_t max, char stop, char *buf,
                      size_t cap);

#endif
