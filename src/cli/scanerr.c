/* scanerr.c — what scrub says when a rule's PCRE2 match fails on a line
 * (a match, depth or heap limit: a rule prone to catastrophic
 * backtracking). The library withholds the line ([UNSCANNED] in its
 * place) or stops, as --on-scan-error says; here each rule is named once
 * (a stream may meet thousands of such lines), with the line, never its
 * bytes. The count is in --stats and the metrics (withheld lines). */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

#define MAX_NAMED 64 /* rules named; after that they are only counted */

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static char *named[MAX_NAMED];
static size_t nnamed;

/* Whether this rule was named already (and, if not, it is now). */
static bool first_time(const char *rule_id)
{
    bool first = true;
    pthread_mutex_lock(&lock);
    for (size_t i = 0; first && i < nnamed; i++)
        first = strcmp(named[i], rule_id) != 0;
    if (first && nnamed < MAX_NAMED && (named[nnamed] = strdup(rule_id)))
        nnamed++;
    pthread_mutex_unlock(&lock);
    return first;
}

static int on_scan_error(void *opaque, const scrub_scan_error *e)
{
    (void)opaque;
    if (!e->withheld)
        die_msg("rule %s failed on line %llu (a PCRE2 limit: the pattern "
                "backtracks too much); stopping, as --on-scan-error=stop "
                "asks", e->rule_id, (unsigned long long)e->line);
    else if (first_time(e->rule_id))
        die_msg("warning: rule %s failed on line %llu (a PCRE2 limit: the "
                "pattern backtracks too much); that line is written as "
                "[UNSCANNED], and so is every line it fails on (counted in "
                "--stats)", e->rule_id, (unsigned long long)e->line);
    return 0;
}

void scan_errors_attach(scrub_ctx *ctx, const options *o)
{
    scrub_ctx_set_on_scan_error(ctx, o->on_scan_error, on_scan_error, NULL);
}
