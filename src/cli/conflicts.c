/* conflicts.c — options that do not go together are refused, with one
 * line naming them, rather than one of them being quietly ignored:
 * --keygen stands alone; the checks (--check-config, --check-rules,
 * --list-rules) read no input; --findings writes no text to reveal;
 * --rsyslog answers rsyslog with text, on standard input only; --kafka
 * reads topics. Options without effect in a mode but harmless (-j,
 * --line-buffered under --rsyslog) are let through, so that a working
 * command line stays working. */
#include <stdio.h>
#include <string.h>

#include "cli.h"

static const char *const names[B__COUNT] = {
    [B_CONFIG] = "--config", [B_KEY] = "--key-file", [B_ACTION] = "--action",
    [B_THREADS] = "--threads", [B_FINDINGS] = "--findings",
    [B_LINEBUF] = "--line-buffered", [B_STATS] = "--stats",
    [B_STATS_INTERVAL] = "--stats-interval",
    [B_STATS_FORMAT] = "--stats-format", [B_METRICS] = "--metrics-file",
    [B_REVEAL] = "--reveal", [B_RSYSLOG] = "--rsyslog",
    [B_RSYSLOG_INPUT] = "--rsyslog-input", [B_LIST] = "--list-rules",
    [B_CHECK] = "--check-rules", [B_CHECK_CONFIG] = "--check-config",
    [B_BLOCK] = "--block-size", [B_MATCHER] = "--matcher",
    [B_KAFKA] = "--kafka", [B_FROM] = "--from", [B_TO] = "--to",
    [B_GROUP] = "--group", [B_DLQ] = "--dlq",
    [B_EXACTLY_ONCE] = "--exactly-once", [B_X] = "-X",
    [B_KEYGEN] = "--keygen", [B_ON_SCAN_ERROR] = "--on-scan-error"};

#define BIT(b) (1ull << (b))

/* The first option in `given` outside `allowed`, or NULL. */
static const char *stray(uint64_t given, uint64_t allowed)
{
    for (int b = 0; b < B__COUNT; b++)
        if ((given & BIT(b)) && !(allowed & BIT(b)))
            return names[b];
    return NULL;
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

static int refuse(const char *mode, const char *what)
{
    die_msg("%s %s", mode, what);
    return EXIT_ERROR;
}

/* The modes that stand alone, and what each takes. */
static int check_modes(const options *o)
{
    const uint64_t cfg = BIT(B_CONFIG) | BIT(B_KEY) | BIT(B_ACTION);
    const uint64_t test = BIT(B_MATCHER) | BIT(B_BLOCK);
    static const struct { int bit; uint64_t takes; } modes[] = {
        {B_KEYGEN, 0}, {B_CHECK_CONFIG, 0}, {B_LIST, 0}, {B_CHECK, 0}};
    for (size_t i = 0; i < sizeof modes / sizeof modes[0]; i++) {
        int m = modes[i].bit;
        if (!(o->given & BIT(m)))
            continue;
        uint64_t takes = BIT(m) | (m == B_KEYGEN ? 0 : cfg) |
                         (m == B_LIST || m == B_CHECK ? test : 0);
        const char *x = stray(o->given, takes);
        char what[96];
        if (x) {
            snprintf(what, sizeof what, "does not go with %s%s", x,
                     m == B_KEYGEN ? " (it writes a key file and exits)"
                                   : "");
            return refuse(names[m], what);
        }
        if (o->nfiles)
            return refuse(names[m], m == B_KEYGEN
                                        ? "takes one FILE, the key file"
                                        : "reads no input: no FILE");
    }
    return -1;
}

int check_conflicts(const options *o)
{
    int rc = check_modes(o);
    if (rc >= 0)
        return rc;
    if (o->findings && o->reveal)
        return refuse("--findings", "does not go with --reveal (--findings "
                      "writes no text to reveal)");
    if (o->rsyslog && (o->findings || o->reveal))
        return refuse("--rsyslog", o->findings
                      ? "does not go with --findings (rsyslog needs the "
                        "scrubbed text)"
                      : "does not go with --reveal");
    if (o->rsyslog && o->nfiles)
        return refuse("--rsyslog", "reads rsyslog's messages on standard "
                      "input: no FILE");
    return check_kafka(o);
}
