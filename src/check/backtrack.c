/* check/backtrack.c — find rules prone to catastrophic backtracking
 * before a stream does. Each rule's whole PCRE2 program is walked, as the
 * PCRE2 path walks it (every start, every end), over texts made to make a
 * pattern backtrack: long runs of one character ending in a byte that
 * fails the match, for the characters the pattern names and the usual
 * classes, and the rule's examples glued together. A rule whose walk
 * needs more than a tenth of the per-line limit (scan/scan.h) on such a
 * text is reported: on a real line it would be withheld, or far slower. */
#include <stdlib.h>
#include <string.h>

#include "scan/scan.h"

#define BT_LIMIT (SCAN_MATCH_LIMIT / 10)
#define BT_RUN 2000 /* bytes of one character in a text */

static int fail_every_end(pcre2_callout_block *cb, void *opaque)
{
    (void)cb, (void)opaque;
    return 1; /* backtrack: every path is tried, as the PCRE2 path does */
}

typedef struct bt_probe {
    const pcre2_code *re;
    pcre2_match_data *md;
    pcre2_match_context *mc;
    sbuf text;
} bt_probe;

/* Whether the walk over the text fails on a limit. */
static bool too_costly(bt_probe *p)
{
    int rc = pcre2_match(p->re, (PCRE2_SPTR)p->text.p, p->text.len, 0, 0,
                         p->md, p->mc);
    return rc < 0 && rc != PCRE2_ERROR_NOMATCH;
}

/* A run of c, ended by end, then every character of tail: PCRE2 skips
 * a text that lacks a character every match needs, so the text has them
 * all, after the run. */
static int run_of(bt_probe *p, char c, char end, const char *tail,
                  bool *costly)
{
    p->text.len = 0;
    for (int i = 0; i < BT_RUN; i++)
        if (sbuf_putc(&p->text, c))
            return SCRUB_E_NOMEM;
    if (sbuf_putc(&p->text, end) || sbuf_put(&p->text, tail, strlen(tail)))
        return SCRUB_E_NOMEM;
    *costly |= too_costly(p);
    return SCRUB_OK;
}

/* The characters a text of runs is made of: every printable byte the
 * pattern names, and a letter, a digit and a blank. */
static int runs(bt_probe *p, const char *pattern, bool *costly)
{
    bool seen[128] = {false};
    char tail[100];
    size_t nt = 0;
    const char *extra = "aA1 ";
    for (const char *s = pattern; *s; s++)
        seen[(unsigned char)*s & 127] |= *s > ' ' && *s < 127;
    for (const char *s = extra; *s; s++)
        seen[(unsigned char)*s] = true;
    for (int c = ' '; c < 127; c++)
        if (seen[c])
            tail[nt++] = (char)c;
    tail[nt] = '\0';
    for (int c = ' '; c < 127 && !*costly; c++) {
        int rc = seen[c] ? run_of(p, (char)c, '\x01', tail, costly)
                         : SCRUB_OK;
        if (!rc && seen[c] && !*costly)
            rc = run_of(p, (char)c, c == 'a' ? '!' : 'a', "", costly);
        if (rc)
            return rc;
    }
    return SCRUB_OK;
}

/* The rule's examples glued end to end, then a failing byte. */
static int glued(bt_probe *p, const strlist *ex, bool *costly)
{
    p->text.len = 0;
    for (size_t k = 0; ex->n && p->text.len < BT_RUN; k++) {
        const char *e = ex->v[k % ex->n];
        if (!*e && ex->n == 1)
            break;
        if (sbuf_put(&p->text, e, strlen(e)))
            return SCRUB_E_NOMEM;
    }
    if (sbuf_putc(&p->text, '\x01'))
        return SCRUB_E_NOMEM;
    *costly |= too_costly(p);
    return SCRUB_OK;
}

long scrub_check_backtracking(const scrub_config *cfg,
                              const scrub_engine *eng,
                              scrub_backtrack_fn fn, void *opaque)
{
    if (!cfg || !eng || cfg->nrules != eng->nrules)
        return -1;
    eng_prepare_reference((scrub_engine *)eng); /* locked, once */
    bt_probe p = {NULL, pcre2_match_data_create(16, NULL),
                  pcre2_match_context_create(NULL), {0}};
    long found = 0;
    int rc = p.md && p.mc ? SCRUB_OK : SCRUB_E_NOMEM;
    if (!rc) {
        pcre2_set_match_limit(p.mc, BT_LIMIT);
        pcre2_set_callout(p.mc, fail_every_end, NULL);
    }
    for (size_t i = 0; !rc && i < cfg->nrules; i++) {
        const rule *r = &cfg->rules[i];
        bool costly = false;
        if (!(p.re = eng->rules[i].full_re))
            continue;
        eng_rule_ready(eng, &eng->rules[i]);
        rc = runs(&p, r->pattern, &costly);
        if (!rc && !costly)
            rc = glued(&p, &r->examples, &costly);
        if (!rc && costly) {
            found++;
            if (fn)
                fn(opaque, r->id, BT_LIMIT);
        }
    }
    sbuf_free(&p.text);
    pcre2_match_context_free(p.mc);
    pcre2_match_data_free(p.md);
    return rc ? -1 : found;
}
