/* cli.h — pieces of the scrub command line program. */
#ifndef SCRUB_CLI_H
#define SCRUB_CLI_H

#include <stdbool.h>
#include <stddef.h>

#include "scrub.h"

/* Named exit codes (jq style). */
enum { EXIT_OK = 0, EXIT_FINDINGS_FAILED = 1, EXIT_ERROR = 2 };

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
    bool findings;
    bool line_buffered;
    bool stats;
    bool list_rules;
    bool check_rules;
    bool rsyslog;
    bool reveal;
    const char *rsyslog_input; /* msg, rawmsg or fulljson */
    /* --kafka: a consumer-group stream processor (kafka.c) */
    const char *kafka_brokers;
    const char *kafka_from, *kafka_to, *kafka_group, *kafka_dlq;
    const char **kafka_props; /* -X PROP=VALUE */
    size_t nkafka_props;
    bool exactly_once;
} options;

/* options.c */
int parse_options(int argc, char **argv, options *o);

/* keyfile.c: find, create and load the key; messages carry paths only. */
int load_key(scrub_config *cfg, const char *explicit_path, bool quiet);
int load_retired_keys(scrub_config *cfg);
int write_new_keyfile(const char *path);

/* io.c */
int run_filter(const scrub_engine *eng, const options *o);

/* pipeline.c: -j N with N > 1 */
#include <signal.h>
int run_pipeline(const scrub_engine *eng, const options *o, const int *fds,
                 volatile sig_atomic_t *stop, scrub_ctx **ctxs,
                 size_t nthreads, bool named);

/* rsyslog.c: --rsyslog, the mmexternal protocol on stdin/stdout */
int run_rsyslog(const scrub_engine *eng, const char *input);
int rsyslog_fail_closed(const char *input);

/* kafka.c (only when built with librdkafka: SCRUB_HAVE_KAFKA) */
int run_kafka(const scrub_engine *eng, const options *o);

/* report.c */
/* One finding as its JSON line, naming `file` unless NULL; returns the
 * length or -1. FINDING_MAX holds any (file names are at most PATH_MAX). */
#define FINDING_MAX 8400
int format_finding(const scrub_finding *f, const char *file, char *buf,
                   size_t cap);
void die_msg(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void print_stats(const scrub_engine *eng, scrub_ctx *const *ctxs, size_t n,
                 double seconds);

#endif
