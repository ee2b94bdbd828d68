/* options.c — command line parsing. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <hs/hs.h>
#include <pcre2.h>
#include <sodium.h>

#include "cli.h"

static const char usage_text[] =
    "Usage: scrub [OPTION]... [FILE]...\n"
    "Replace personal data in log text with tokens, masks or labels.\n"
    "FILEs are read in order as one stream ('-' or none: standard input);\n"
    "the result goes to standard output.\n"
    "\n"
    "  -c, --config FILE      rules and actions in YAML (repeatable; adds to\n"
    "                         and overrides the built-in rules)\n"
    "  -k, --key-file FILE    secret key; else $SCRUB_KEY_FILE; else\n"
    "                         ~/.config/scrub/key, created on first use\n"
    "  -a, --action T=A       action A for type T (T may be 'all'); actions:\n"
    "                         hash (default), mask, redact, keep, pseudo,\n"
    "                         encrypt, coarsen\n"
    "      --findings         write no text: one JSON object per finding\n"
    "                         {\"type\",\"offset\",\"length\",\"line\"}, never the value\n"
    "  -j, --threads N        worker threads (0 = all cores; output order is\n"
    "                         always input order)\n"
    "      --line-buffered    write each line as soon as it is complete\n"
    "      --stats            byte, line and per-type counts and MB/s on stderr\n"
    "      --reveal           turn encrypt tokens (and pseudonyms of types the\n"
    "                         config marks reversible) back into the originals\n"
    "      --keygen FILE      write a new random key file (mode 0600) and exit\n"
    "      --rsyslog          rsyslog mmexternal protocol on stdin/stdout (needs\n"
    "                         --key-file; never writes to stderr)\n"
    "      --rsyslog-input I  what rsyslog sends: msg (default), rawmsg, fulljson\n"
    "      --kafka BROKERS    Kafka stream processor: consume --from TOPIC as a\n"
    "                         member of consumer group --group, scrub each\n"
    "                         record's value, produce it (key, headers and\n"
    "                         timestamp kept) to --to TOPIC; at least once\n"
    "      --from TOPIC       --to TOPIC    input and output topics\n"
    "      --group ID         consumer group (default: scrub)\n"
    "  -X PROP=VALUE          librdkafka property for the consumer and the\n"
    "                         producer (repeatable), e.g. security.protocol\n"
    "      --dlq TOPIC        a record that cannot be scrubbed or produced goes\n"
    "                         there as a placeholder (default: scrub stops)\n"
    "      --exactly-once     Kafka transactions: outputs and input offsets\n"
    "                         commit together"
    "      --list-rules       print the id and type of every rule and exit\n"
    "      --check-rules      test every rule's examples and exit (1 on failure)\n"
    "      --help             this text\n"
    "      --version          version information\n"
    "\n"
    "Exit status: 0 success; 1 --check-rules found failures;\n"
    "2 usage, config, key or I/O error (one line on stderr, no raw data).\n";

enum {
    OPT_FINDINGS = 256,
    OPT_LINEBUF,
    OPT_STATS,
    OPT_KEYGEN,
    OPT_REVEAL,
    OPT_RSYSLOG,
    OPT_RSYSLOG_INPUT,
    OPT_LIST,
    OPT_CHECK,
    OPT_BLOCK,
    OPT_MATCHER,
    OPT_HELP,
    OPT_VERSION,
    OPT_KAFKA,
    OPT_FROM,
    OPT_TO,
    OPT_GROUP,
    OPT_DLQ,
    OPT_EXACTLY_ONCE
};

static const struct option longopts[] = {
    {"config", required_argument, 0, 'c'},
    {"key-file", required_argument, 0, 'k'},
    {"action", required_argument, 0, 'a'},
    {"threads", required_argument, 0, 'j'},
    {"findings", no_argument, 0, OPT_FINDINGS},
    {"line-buffered", no_argument, 0, OPT_LINEBUF},
    {"stats", no_argument, 0, OPT_STATS},
    {"keygen", required_argument, 0, OPT_KEYGEN},
    {"reveal", no_argument, 0, OPT_REVEAL},
    {"rsyslog", no_argument, 0, OPT_RSYSLOG},
    {"rsyslog-input", required_argument, 0, OPT_RSYSLOG_INPUT},
    {"list-rules", no_argument, 0, OPT_LIST},
    {"check-rules", no_argument, 0, OPT_CHECK},
    {"block-size", required_argument, 0, OPT_BLOCK}, /* for tests */
    {"matcher", required_argument, 0, OPT_MATCHER},  /* for tests */
    {"kafka", required_argument, 0, OPT_KAFKA},
    {"from", required_argument, 0, OPT_FROM},
    {"to", required_argument, 0, OPT_TO},
    {"group", required_argument, 0, OPT_GROUP},
    {"dlq", required_argument, 0, OPT_DLQ},
    {"exactly-once", no_argument, 0, OPT_EXACTLY_ONCE},
    {"help", no_argument, 0, OPT_HELP},
    {"version", no_argument, 0, OPT_VERSION},
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

static void print_version(void)
{
    printf("scrub %s (libscrub %s, Hyperscan %s, PCRE2 %d.%d, "
           "libsodium %s)\n",
           SCRUB_VERSION_STRING, scrub_version_string(), hs_version(),
           PCRE2_MAJOR, PCRE2_MINOR, sodium_version_string());
}

/* Returns -1 to continue, otherwise the exit status. */
static int handle(int c, const char *arg, options *o)
{
    long v;
    switch (c) {
    case 'c': return push(&o->configs, &o->nconfigs, arg) ? EXIT_ERROR : -1;
    case 'a': return push(&o->actions, &o->nactions, arg) ? EXIT_ERROR : -1;
    case 'k': o->key_file = arg; return -1;
    case 'j':
        if (parse_long(arg, 0, 1024, &o->threads)) {
            die_msg("--threads takes a number from 0 to 1024");
            return EXIT_ERROR;
        }
        return -1;
    case OPT_BLOCK:
        if (parse_long(arg, 1, 1L << 30, &v)) {
            die_msg("--block-size takes a number of bytes from 1 to 2^30");
            return EXIT_ERROR;
        }
        o->block_size = (size_t)v;
        return -1;
    case OPT_MATCHER:
        if (!strcmp(arg, "native"))
            o->matcher = SCRUB_MATCHER_NATIVE;
        else if (!strcmp(arg, "hyperscan"))
            o->matcher = SCRUB_MATCHER_HYPERSCAN;
        else if (!strcmp(arg, "pcre2"))
            o->matcher = SCRUB_MATCHER_PCRE2;
        else {
            die_msg("--matcher is native, hyperscan or pcre2");
            return EXIT_ERROR;
        }
        return -1;
    case OPT_FINDINGS: o->findings = true; return -1;
    case OPT_LINEBUF: o->line_buffered = true; return -1;
    case OPT_STATS: o->stats = true; return -1;
    case OPT_KEYGEN: o->keygen_file = arg; return -1;
    case OPT_LIST: o->list_rules = true; return -1;
    case OPT_CHECK: o->check_rules = true; return -1;
    case OPT_RSYSLOG: o->rsyslog = true; return -1;
    case OPT_RSYSLOG_INPUT:
        if (strcmp(arg, "msg") && strcmp(arg, "rawmsg") &&
            strcmp(arg, "fulljson")) {
            die_msg("--rsyslog-input is msg, rawmsg or fulljson");
            return EXIT_ERROR;
        }
        o->rsyslog_input = arg;
        o->rsyslog = true;
        return -1;
    case OPT_REVEAL: o->reveal = true; return -1;
    case OPT_KAFKA: o->kafka_brokers = arg; return -1;
    case OPT_FROM: o->kafka_from = arg; return -1;
    case OPT_TO: o->kafka_to = arg; return -1;
    case OPT_GROUP: o->kafka_group = arg; return -1;
    case OPT_DLQ: o->kafka_dlq = arg; return -1;
    case OPT_EXACTLY_ONCE: o->exactly_once = true; return -1;
    case 'X':
        return push(&o->kafka_props, &o->nkafka_props, arg) ? EXIT_ERROR : -1;
    case OPT_HELP: fputs(usage_text, stdout); return EXIT_OK;
    case OPT_VERSION: print_version(); return EXIT_OK;
    case ':':
        die_msg("option %s needs an argument; try 'scrub --help'", arg);
        return EXIT_ERROR;
    default:
        die_msg("unknown option %s; try 'scrub --help'", arg);
        return EXIT_ERROR;
    }
}

static const char *kafka_only(const options *o)
{
    return o->kafka_from    ? "--from"
           : o->kafka_to    ? "--to"
           : o->kafka_group ? "--group"
           : o->kafka_dlq   ? "--dlq"
           : o->nkafka_props ? "-X"
           : o->exactly_once ? "--exactly-once"
                             : NULL;
}

#ifdef SCRUB_HAVE_KAFKA
static const bool kafka_built = true;
#else
static const bool kafka_built = false;
#endif

static bool same(const char *a, const char *b)
{
    return a && b && !strcmp(a, b);
}

/* --kafka and the options that go with it; -1 when all is well. */
static int check_kafka(const options *o)
{
    const char *why = NULL;
    if (!o->kafka_brokers)
        why = kafka_only(o) ? "needs --kafka BROKERS" : NULL;
    else if (!kafka_built)
        why = "built without Kafka support (librdkafka was missing at "
              "build time)";
    else if (!o->kafka_from)
        why = "needs --from TOPIC";
    else if (!o->kafka_to && !o->findings)
        why = "needs --to TOPIC (or --findings)";
    else if (o->nfiles || o->rsyslog || o->reveal)
        why = "reads topics: no FILE, --rsyslog or --reveal";
    else if (o->findings && (o->kafka_to || o->kafka_dlq || o->exactly_once))
        why = "with --findings writes findings to stdout: no --to, --dlq or "
              "--exactly-once";
    else if (same(o->kafka_from, o->kafka_to) ||
             same(o->kafka_dlq, o->kafka_from) ||
             same(o->kafka_dlq, o->kafka_to))
        why = "needs different topics for --from, --to and --dlq";
    if (!why)
        return -1;
    die_msg("%s: %s", o->kafka_brokers ? "--kafka" : kafka_only(o), why);
    return EXIT_ERROR;
}

int parse_options(int argc, char **argv, options *o)
{
    memset(o, 0, sizeof *o);
    o->matcher = SCRUB_MATCHER_NATIVE;
    o->threads = 0;
    int c;
    opterr = 0; /* one message, ours */
    while ((c = getopt_long(argc, argv, ":c:k:a:j:X:", longopts, NULL)) != -1) {
        const char *arg = optarg;
        char shortopt[3] = {'-', (char)optopt, 0};
        if (c == '?' || c == ':')
            arg = optopt ? shortopt : argv[optind - 1];
        int rc = handle(c, arg, o);
        if (rc >= 0)
            return rc;
    }
    for (int i = optind; i < argc; i++)
        if (push(&o->files, &o->nfiles, argv[i]))
            return EXIT_ERROR;
    return check_kafka(o);
}
