/* usage.c — `scrub --help` and `scrub --version`. */
#include <stdio.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <hs/hs.h>
#include <pcre2.h>
#include <sodium.h>

#include "cli.h"

const char usage_text[] =
    "Usage: scrub [OPTION]... [FILE]...\n"
    "Replace personal data in log text with tokens, masks or labels.\n"
    "Each FILE is read as a stream of its own ('-' or none: standard\n"
    "input); the result goes to standard output.\n"
    "\n"
    "  -c, --config FILE      rules and actions in YAML (repeatable; adds to\n"
    "                         and overrides the built-in rules)\n"
    "  -k, --key-file FILE    secret key; else $SCRUB_KEY_FILE; else\n"
    "                         ~/.config/scrub/key, created on first use\n"
    "  -a, --action T=A       action A for type T (T may be 'all'); actions:\n"
    "                         hash (default), mask, redact, keep, pseudo,\n"
    "                         encrypt, coarsen\n"
    "      --findings         write no text: one JSON object per finding\n"
    "                         {\"type\",\"rule\",\"offset\",\"length\",\"line\"} (+ \"file\"\n"
    "                         with FILE arguments), never the value\n"
    "  -j, --threads N        worker threads (0 = all cores; output order is\n"
    "                         always input order)\n"
    "      --line-buffered    write each line as soon as it is complete\n"
    "      --stats            at exit: bytes, lines, findings per type and per\n"
    "                         rule, per FILE, errors, reloads, MB/s on stderr\n"
    "      --stats-interval N also every N seconds (one line in text format)\n"
    "      --stats-format F   text (default) or json (one object per line)\n"
    "      --metrics-file PATH  Prometheus text format, rewritten atomically\n"
    "                         every --stats-interval (default 10) seconds and\n"
    "                         at exit (node_exporter textfile collector)\n"
    "      --reveal           turn encrypt tokens (and pseudonyms of types the\n"
    "                         config marks reversible) back into the originals\n"
    "      --keygen FILE      write a new random key file (mode 0600) and exit\n"
    "      --check-config     load every -c file, compile the rules, test their\n"
    "                         examples, check the -a types and the key, then\n"
    "                         exit 0 (\"config ok\") or 2\n"
    "      --rsyslog          rsyslog mmexternal protocol on stdin/stdout (needs\n"
    "                         --key-file; never writes to rsyslog's pipe)\n"
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
    "                         commit together\n"
    "      --list-rules       print the id and type of every rule and exit\n"
    "      --check-rules      test every rule's examples and exit (1 on failure);\n"
    "                         warn about rules prone to catastrophic backtracking\n"
    "      --on-scan-error E  when a rule fails on a line (a PCRE2 limit):\n"
    "                         withhold (default: [UNSCANNED] for that line, go\n"
    "                         on) or stop (exit 2)\n"
    "      --matcher M        native (default), hyperscan or pcre2: the same\n"
    "                         output; the last two are references for tests\n"
    "  -h, --help             this text\n"
    "  -V, --version          version information\n"
    "\n"
    "Signals: TERM, INT: finish what was read, then exit; HUP: read config\n"
    "and key files again (a bad new config keeps the old one), from the next\n"
    "line on; USR1: write the stats now.\n"
    "Exit status: 0 success; 1 --check-rules found failures;\n"
    "2 usage, config, key or I/O error (one line on stderr, no raw data).\n";

void print_version(void)
{
    printf("scrub %s (libscrub %s, Hyperscan %s, PCRE2 %d.%d, "
           "libsodium %s)\n",
           SCRUB_VERSION_STRING, scrub_version_string(), hs_version(),
           PCRE2_MAJOR, PCRE2_MINOR, sodium_version_string());
}
