/* options.c — command line parsing. Each option's value is checked here;
 * what does not go together is conflicts.c's. Messages name the option
 * as it was typed (up to a '=', printable bytes only), never a value
 * that could be a secret. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

enum {
    OPT_FINDINGS = 256,
    OPT_LINEBUF,
    OPT_STATS,
    OPT_STATS_INTERVAL,
    OPT_STATS_FORMAT,
    OPT_METRICS,
    OPT_KEYGEN,
    OPT_REVEAL,
    OPT_RSYSLOG,
    OPT_RSYSLOG_INPUT,
    OPT_LIST,
    OPT_CHECK,
    OPT_CHECK_CONFIG,
    OPT_BLOCK,
    OPT_MATCHER,
    OPT_KAFKA,
    OPT_FROM,
    OPT_TO,
    OPT_GROUP,
    OPT_DLQ,
    OPT_EXACTLY_ONCE,
    OPT_ON_SCAN_ERROR
};

static const struct option longopts[] = {
    {"config", required_argument, 0, 'c'},
    {"key-file", required_argument, 0, 'k'},
    {"action", required_argument, 0, 'a'},
    {"threads", required_argument, 0, 'j'},
    {"findings", no_argument, 0, OPT_FINDINGS},
    {"line-buffered", no_argument, 0, OPT_LINEBUF},
    {"stats", no_argument, 0, OPT_STATS},
    {"stats-interval", required_argument, 0, OPT_STATS_INTERVAL},
    {"stats-format", required_argument, 0, OPT_STATS_FORMAT},
    {"metrics-file", required_argument, 0, OPT_METRICS},
    {"keygen", required_argument, 0, OPT_KEYGEN},
    {"reveal", no_argument, 0, OPT_REVEAL},
    {"rsyslog", no_argument, 0, OPT_RSYSLOG},
    {"rsyslog-input", required_argument, 0, OPT_RSYSLOG_INPUT},
    {"list-rules", no_argument, 0, OPT_LIST},
    {"check-rules", no_argument, 0, OPT_CHECK},
    {"check-config", no_argument, 0, OPT_CHECK_CONFIG},
    {"block-size", required_argument, 0, OPT_BLOCK}, /* for tests */
    {"matcher", required_argument, 0, OPT_MATCHER},  /* for tests */
    {"on-scan-error", required_argument, 0, OPT_ON_SCAN_ERROR},
    {"kafka", required_argument, 0, OPT_KAFKA},
    {"from", required_argument, 0, OPT_FROM},
    {"to", required_argument, 0, OPT_TO},
    {"group", required_argument, 0, OPT_GROUP},
    {"dlq", required_argument, 0, OPT_DLQ},
    {"exactly-once", no_argument, 0, OPT_EXACTLY_ONCE},
    {"help", no_argument, 0, 'h'},
    {"version", no_argument, 0, 'V'},
    {0, 0, 0, 0}};

static int push(const char ***v, size_t *n, const char *s)
{
    const char **nv = realloc(*v, (*n + 1) * sizeof *nv);
    if (!nv) {
        die_msg("out of memory");
        return -1;
    }
    nv[(*n)++] = s;
    *v = nv;
    return 0;
}

static int parse_long(const char *s, long lo, long hi, long *out)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || *end || end == s || v < lo || v > hi)
        return -1;
    *out = v;
    return 0;
}

static int bad(const char *msg)
{
    die_msg("%s", msg);
    return EXIT_ERROR;
}

/* The options that take a value with a fixed form. */
static int handle_value(int c, const char *arg, options *o)
{
    long v;
    switch (c) {
    case 'j':
        if (parse_long(arg, 0, 1024, &o->threads))
            return bad("--threads takes a number from 0 to 1024");
        return -1;
    case OPT_BLOCK:
        if (parse_long(arg, 1, 1L << 30, &v))
            return bad("--block-size takes a number of bytes from 1 to 2^30");
        o->block_size = (size_t)v;
        return -1;
    case OPT_MATCHER:
        if (!strcmp(arg, "native"))
            o->matcher = SCRUB_MATCHER_NATIVE;
        else if (!strcmp(arg, "hyperscan"))
            o->matcher = SCRUB_MATCHER_HYPERSCAN;
        else if (!strcmp(arg, "pcre2"))
            o->matcher = SCRUB_MATCHER_PCRE2;
        else
            return bad("--matcher takes native, hyperscan or pcre2");
        return -1;
    case OPT_ON_SCAN_ERROR:
        if (strcmp(arg, "withhold") && strcmp(arg, "stop"))
            return bad("--on-scan-error takes withhold or stop");
        o->on_scan_error = strcmp(arg, "stop") ? SCRUB_ON_SCAN_ERROR_WITHHOLD
                                               : SCRUB_ON_SCAN_ERROR_STOP;
        return -1;
    case OPT_STATS_INTERVAL:
        if (parse_long(arg, 1, 86400, &o->stats_interval))
            return bad("--stats-interval takes a number of seconds from 1 "
                       "to 86400");
        o->stats = true;
        return -1;
    case OPT_STATS_FORMAT:
        if (strcmp(arg, "text") && strcmp(arg, "json"))
            return bad("--stats-format takes text or json");
        o->stats_format = strcmp(arg, "json") ? STATS_TEXT : STATS_JSON;
        o->stats = true;
        return -1;
    case OPT_RSYSLOG_INPUT:
        if (strcmp(arg, "msg") && strcmp(arg, "rawmsg") &&
            strcmp(arg, "fulljson"))
            return bad("--rsyslog-input takes msg, rawmsg or fulljson");
        o->rsyslog_input = arg;
        o->rsyslog = true;
        return -1;
    default:
        return -2;
    }
}

/* Returns -1 to continue, otherwise the exit status. */
static int handle(int c, const char *arg, options *o)
{
    int rc = handle_value(c, arg, o);
    if (rc != -2)
        return rc;
    switch (c) {
    case 'c': return push(&o->configs, &o->nconfigs, arg) ? EXIT_ERROR : -1;
    case 'a': return push(&o->actions, &o->nactions, arg) ? EXIT_ERROR : -1;
    case 'X':
        return push(&o->kafka_props, &o->nkafka_props, arg) ? EXIT_ERROR : -1;
    case 'k': o->key_file = arg; return -1;
    case OPT_FINDINGS: o->findings = true; return -1;
    case OPT_LINEBUF: o->line_buffered = true; return -1;
    case OPT_STATS: o->stats = true; return -1;
    case OPT_METRICS: o->metrics_file = arg; return -1;
    case OPT_KEYGEN: o->keygen_file = arg; return -1;
    case OPT_LIST: o->list_rules = true; return -1;
    case OPT_CHECK: o->check_rules = true; return -1;
    case OPT_CHECK_CONFIG: o->check_config = true; return -1;
    case OPT_RSYSLOG: o->rsyslog = true; return -1;
    case OPT_REVEAL: o->reveal = true; return -1;
    case OPT_KAFKA: o->kafka_brokers = arg; return -1;
    case OPT_FROM: o->kafka_from = arg; return -1;
    case OPT_TO: o->kafka_to = arg; return -1;
    case OPT_GROUP: o->kafka_group = arg; return -1;
    case OPT_DLQ: o->kafka_dlq = arg; return -1;
    case OPT_EXACTLY_ONCE: o->exactly_once = true; return -1;
    case 'h': fputs(usage_text, stdout); return EXIT_OK;
    case 'V': print_version(); return EXIT_OK;
    default: return EXIT_ERROR; /* not reached */
    }
}

static uint64_t bit_of(int c)
{
    static const struct { int c; int bit; } map[] = {
        {'c', B_CONFIG}, {'k', B_KEY}, {'a', B_ACTION}, {'j', B_THREADS},
        {'X', B_X}, {OPT_FINDINGS, B_FINDINGS}, {OPT_LINEBUF, B_LINEBUF},
        {OPT_STATS, B_STATS}, {OPT_STATS_INTERVAL, B_STATS_INTERVAL},
        {OPT_STATS_FORMAT, B_STATS_FORMAT}, {OPT_METRICS, B_METRICS},
        {OPT_KEYGEN, B_KEYGEN}, {OPT_REVEAL, B_REVEAL},
        {OPT_RSYSLOG, B_RSYSLOG}, {OPT_RSYSLOG_INPUT, B_RSYSLOG_INPUT},
        {OPT_LIST, B_LIST}, {OPT_CHECK, B_CHECK},
        {OPT_CHECK_CONFIG, B_CHECK_CONFIG}, {OPT_BLOCK, B_BLOCK},
        {OPT_MATCHER, B_MATCHER}, {OPT_KAFKA, B_KAFKA}, {OPT_FROM, B_FROM},
        {OPT_TO, B_TO}, {OPT_GROUP, B_GROUP}, {OPT_DLQ, B_DLQ},
        {OPT_EXACTLY_ONCE, B_EXACTLY_ONCE},
        {OPT_ON_SCAN_ERROR, B_ON_SCAN_ERROR}};
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (map[i].c == c)
            return 1ull << map[i].bit;
    return 0;
}

/* The option getopt stopped at, as typed: "--name" (never "=value") or
 * "-x". An unknown short option has optopt set to a letter that is none
 * of ours; an unknown long one, 0; a long one given a value it does not
 * take, its own code. */
static const char *typed(char **argv, char *buf, size_t cap)
{
    const char *word = optind > 0 ? argv[optind - 1] : "";
    bool ours = optopt && (optopt > 0x7f || strchr("ckajXhV", optopt));
    if ((!optopt || ours) && word && !strncmp(word, "--", 2))
        return printable(word, 40, '=', buf, cap);
    char opt[3] = {'-', (char)optopt, 0};
    return printable(opt, 4, 0, buf, cap);
}

static int option_error(int c, char **argv)
{
    char name[48];
    const char *word = optind > 0 ? argv[optind - 1] : "";
    typed(argv, name, sizeof name);
    if (c == ':')
        die_msg("option %s needs an argument; try 'scrub --help'", name);
    else if (optopt && !strncmp(word, "--", 2) && strchr(word, '='))
        die_msg("option %s takes no argument; try 'scrub --help'", name);
    else
        die_msg("unknown option %s; try 'scrub --help'", name);
    return EXIT_ERROR;
}

int parse_options(int argc, char **argv, options *o)
{
    memset(o, 0, sizeof *o);
    o->matcher = SCRUB_MATCHER_NATIVE;
    int c;
    opterr = 0; /* one message, ours */
    while ((c = getopt_long(argc, argv, ":c:k:a:j:X:hV", longopts, NULL)) !=
           -1) {
        if (c == ':' || c == '?')
            return option_error(c, argv);
        o->given |= bit_of(c);
        int rc = handle(c, optarg, o);
        if (rc >= 0)
            return rc;
    }
    for (int i = optind; i < argc; i++)
        if (push(&o->files, &o->nfiles, argv[i]))
            return EXIT_ERROR;
    return -1;
}
