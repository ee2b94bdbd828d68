/* scan.c — find, confirm and resolve the findings of one block.
 *
 * Hyperscan runs once over the block for all rules, without start of
 * match (cheaper automata); each reported end is confirmed by PCRE2: the
 * rule's right guard is matched at the end, and the rule's left guard and
 * pattern, anchored at the end (`\z` on the subject cut there), recover
 * the leftmost start. Validators then judge the exact bytes. Rules that
 * Hyperscan cannot express, and the reference matcher used by the tests,
 * run each rule's whole PCRE2 program over the block instead. */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

int candvec_push(candvec *cv, size_t start, size_t end, unsigned ri)
{
    if (cv->n == cv->cap) {
        size_t cap = cv->cap ? cv->cap * 2 : 64;
        cand *v = realloc(cv->v, cap * sizeof *v);
        if (!v)
            return SCRUB_E_NOMEM;
        cv->v = v;
        cv->cap = cap;
    }
    cv->v[cv->n++] = (cand){start, end, ri};
    return SCRUB_OK;
}

/* Where a key ending at `end` can start: back over the separator, quotes
 * and the key's own characters. Searching for the key's start from there,
 * not from a whole window back, keeps key rules cheap. */
static size_t key_floor(const char *buf, size_t end)
{
    const unsigned char *u = (const unsigned char *)buf;
    size_t i = end;
    while (i > 0 && (u[i - 1] == ' ' || u[i - 1] == '\t'))
        i--;
    if (i > 0 && (u[i - 1] == ':' || u[i - 1] == '='))
        i--;
    else if (i >= 3 && u[i - 3] == 0xEF && u[i - 2] == 0xBC && u[i - 1] == 0x9A)
        i -= 3; /* full-width colon */
    while (i > 0 && (u[i - 1] == ' ' || u[i - 1] == '\t'))
        i--;
    for (int q = 0; q < 2 && i > 0 && strchr("\"'\\", u[i - 1]); q++)
        i--;
    while (i > 0 && (u[i - 1] >= 0x80 || u[i - 1] == '_' || u[i - 1] == '-' ||
                     u[i - 1] == '.' || (u[i - 1] >= '0' && u[i - 1] <= '9') ||
                     ((u[i - 1] | 0x20) >= 'a' && (u[i - 1] | 0x20) <= 'z')))
        i--;
    for (int q = 0; q < 2 && i > 0 && strchr("\"'\\", u[i - 1]); q++)
        i--;
    return i;
}

/* The rule's validators, and never our own tokens (except for the rule
 * that looks for them): scrubbing scrubbed text changes nothing. */
static bool accept_span(const crule *r, const char *buf, size_t len,
                        size_t start, size_t end)
{
    if (!r->reveal_only && is_scrub_token(buf + start, end - start))
        return false;
    return validate_span(r->validators, buf, len, start, end);
}

/* A PCRE2 result: matched, did not match, or failed (a match, depth or
 * heap limit): a failure must not let the candidate's bytes through, so
 * it stops the scan (fail closed). */
static bool matched(scan_state *st, int rc)
{
    if (rc < 0 && rc != PCRE2_ERROR_NOMATCH)
        st->error = SCRUB_E_SCAN;
    return rc >= 0;
}

/* The value of a free-text key rule that ends at `end`. Values of a run
 * of keys with no delimiter share their end: it is found once, so that a
 * line of many keys is not read again for each (that was quadratic). */
static bool freetext_value(scan_state *st, const crule *r, const char *buf,
                           size_t len, size_t end, size_t *start, size_t *vend)
{
    size_t vs, ve;
    if (!extract_value(buf, len, end, &vs, &ve, &st->runs) ||
        !accept_span(r, buf, len, vs, ve))
        return false;
    *start = vs;
    *vend = ve;
    return true;
}

bool confirm_at_end(scan_state *st, const crule *r, const char *buf,
                    size_t len, size_t end, size_t *start, size_t *vend)
{
    PCRE2_SPTR s = (PCRE2_SPTR)buf;
    if (r->right_is_set) {
        unsigned char next = end < len ? (unsigned char)buf[end] : 0;
        if (end < len ? (r->right_bad[next >> 3] >> (next & 7)) & 1
                      : r->right_bad_at_end)
            return false;
    } else if (r->right_re &&
               !matched(st, pcre2_match(r->right_re, s, len, end, 0, st->md,
                                        NULL))) {
        return false;
    }
    if (r->fixed_width) { /* the start is known: only check LEFT there */
        if (end < r->fixed_width ||
            !matched(st, pcre2_match(r->start_anchored_re, s, end,
                                     end - r->fixed_width, 0, st->md, NULL)))
            return false;
        if (!accept_span(r, buf, len, end - r->fixed_width, end))
            return false;
        *start = end - r->fixed_width;
        *vend = end;
        return true;
    }
    size_t lo = r->freetext ? key_floor(buf, end)
                            : end > r->window ? end - r->window : 0;
    /* The leftmost start first; when the validators reject it, a later
     * start for the same end may still be a value ("abcd+86 139-1234-5678":
     * not the +86 glued to hex, but the number). A few tries suffice: the
     * starts differ only by optional prefixes. */
    for (int tries = 0; tries < 6 && lo < end; tries++) {
        if (!matched(st, pcre2_match(r->start_re, s, end, lo, 0, st->md, NULL)))
            return false;
        PCRE2_SIZE *ov = pcre2_get_ovector_pointer(st->md);
        if (r->freetext)
            return freetext_value(st, r, buf, len, end, start, vend);
        size_t from = ov[2 * r->vgroup];
        if (from == PCRE2_UNSET || ov[2 * r->vgroup + 1] != end || from >= end)
            return false;
        if (accept_span(r, buf, len, from, end)) {
            *start = from;
            *vend = end;
            return true;
        }
        lo = ov[0] + 1;
    }
    return false;
}

typedef struct hs_cb_ctx {
    scan_state *st;
    const char *buf;
    size_t len;
} hs_cb_ctx;

static int on_hs_match(unsigned id, unsigned long long from,
                       unsigned long long to, unsigned flags, void *opaque)
{
    (void)from;
    (void)flags;
    hs_cb_ctx *c = opaque;
    scan_state *st = c->st;
    unsigned ri = st->eng->hs_rule[id];
    const crule *r = &st->eng->rules[ri];
    if (r->reveal_only && !st->reveal)
        return 0;
    size_t start, end, at = (size_t)to;
    if (r->terminated && at > 0) { /* the match took the byte after */
        unsigned char last = (unsigned char)c->buf[at - 1];
        if (!((r->right_bad[last >> 3] >> (last & 7)) & 1))
            at--;
    }
    if (!confirm_at_end(st, r, c->buf, c->len, at, &start, &end))
        return st->error ? 1 : 0; /* a PCRE2 failure stops the scan */
    if (candvec_push(&st->cands, start, end, ri)) {
        st->error = SCRUB_E_NOMEM;
        return 1; /* stop the scan */
    }
    return 0;
}

/* Every match of one rule's whole program, restarting one byte after each
 * match start so that overlapping candidates are all seen. */
static int scan_rule_pcre(scan_state *st, unsigned ri, const char *buf,
                          size_t len)
{
    const crule *r = &st->eng->rules[ri];
    size_t off = 0;
    while (off <= len) {
        int rc = pcre2_match(r->full_re, (PCRE2_SPTR)buf, len, off, 0, st->md,
                             NULL);
        if (rc == PCRE2_ERROR_NOMATCH)
            return SCRUB_OK;
        if (rc < 0)
            return SCRUB_E_SCAN;
        PCRE2_SIZE *ov = pcre2_get_ovector_pointer(st->md);
        /* The value is the "v" group, or the whole pattern's span (LEFT
         * and RIGHT are zero-width). */
        size_t s = ov[2 * r->vgroup], e = ov[2 * r->vgroup + 1];
        if (r->freetext && !extract_value(buf, len, ov[1], &s, &e, &st->runs))
            s = PCRE2_UNSET;
        if (s != PCRE2_UNSET && e > s &&
            accept_span(r, buf, len, s, e) &&
            candvec_push(&st->cands, s, e, ri))
            return SCRUB_E_NOMEM;
        off = ov[0] + 1;
    }
    return SCRUB_OK;
}

static int cand_cmp(const void *pa, const void *pb, void *eng)
{
    const cand *a = pa, *b = pb;
    const scrub_engine *e = eng;
    if (a->start != b->start)
        return a->start < b->start ? -1 : 1;
    if (a->end != b->end)
        return a->end > b->end ? -1 : 1; /* longer first */
    int pa_ = e->rules[a->rule].priority, pb_ = e->rules[b->rule].priority;
    if (pa_ != pb_)
        return pa_ > pb_ ? -1 : 1;
    return a->rule < b->rule ? -1 : a->rule > b->rule;
}

/* Hyperscan reports matches by end, so candidates arrive almost sorted
 * by start: insertion sort is linear then and needs no allocation. If the
 * order is far off (many moves), qsort takes over, so that no input makes
 * it quadratic. */
static void sort_cands(candvec *cv, const scrub_engine *eng)
{
    size_t moves = 0, limit = 8 * cv->n + 64;
    for (size_t i = 1; i < cv->n; i++) {
        cand x = cv->v[i];
        size_t j = i;
        while (j > 0 && cand_cmp(&cv->v[j - 1], &x, (void *)eng) > 0) {
            cv->v[j] = cv->v[j - 1];
            j--;
            if (++moves > limit) {
                cv->v[j] = x;
                qsort_r(cv->v, cv->n, sizeof *cv->v, cand_cmp, (void *)eng);
                return;
            }
        }
        cv->v[j] = x;
    }
}

/* Exclusion spans (values under keys such as "bytes" or "trace_id") drop
 * the candidates that lie inside them, unless a personal-data key found
 * the candidate; then they leave the list. A candidate reaching beyond the
 * excluded value ("count=86 13812345678": a phone after it) stays: only
 * the value itself is known not to be personal. Sorted by start. */
static void apply_exclusions(const scrub_engine *eng, candvec *cv)
{
    size_t k = 0, excl_start = 0, excl_end = 0; /* the latest-ending one */
    for (size_t i = 0; i < cv->n; i++) {
        const cand *c = &cv->v[i];
        const crule *r = &eng->rules[c->rule];
        if (r->exclude) {
            if (c->end > excl_end) {
                excl_start = c->start;
                excl_end = c->end;
            }
            continue;
        }
        bool dropped = excl_end > c->start && excl_start <= c->start &&
                       c->end <= excl_end;
        for (size_t j = i + 1; !dropped && j < cv->n && cv->v[j].start == c->start;
             j++)
            dropped = eng->rules[cv->v[j].rule].exclude &&
                      c->end <= cv->v[j].end;
        if (!dropped || r->context)
            cv->v[k++] = *c;
    }
    cv->n = k;
}

/* Leftmost, then longest, then highest priority, then first-defined rule;
 * a candidate overlapping one already taken is dropped. */
static void resolve_overlaps(scan_state *st)
{
    candvec *cv = &st->cands;
    if (cv->n == 0)
        return;
    sort_cands(cv, st->eng);
    apply_exclusions(st->eng, cv);
    size_t k = 0, last_end = 0;
    for (size_t i = 0; i < cv->n; i++) {
        if (k > 0 && cv->v[i].start < last_end)
            continue;
        cv->v[k++] = cv->v[i];
        last_end = cv->v[i].end;
    }
    cv->n = k;
}

static int start_cmp(const void *pa, const void *pb)
{
    const cand *a = pa, *b = pb;
    return a->start < b->start ? -1 : a->start > b->start;
}

void qsort_cands_by_start(candvec *cv)
{
    qsort(cv->v, cv->n, sizeof *cv->v, start_cmp);
}

int scan_block(scan_state *st, const char *buf, size_t len, scrub_matcher m)
{
    const scrub_engine *eng = st->eng;
    st->cands.n = 0;
    st->error = SCRUB_OK;
    st->runs.lo = st->runs.hi = 0; /* positions are per block */
    if (len == 0)
        return SCRUB_OK;
    if (m == SCRUB_MATCHER_HYPERSCAN && eng->db) {
        hs_cb_ctx c = {st, buf, len};
        /* Hyperscan takes an unsigned length: feed huge blocks in parts
         * that overlap by more than any value can span. */
        if (len > 0xFFFFFFFFu)
            return SCRUB_E_SCAN;
        hs_error_t he = hs_scan(eng->db, buf, (unsigned)len, 0, st->scratch,
                                on_hs_match, &c);
        if (st->error)
            return st->error;
        if (he != HS_SUCCESS)
            return SCRUB_E_SCAN;
    }
    for (unsigned i = 0; i < eng->nrules; i++) {
        if ((m == SCRUB_MATCHER_HYPERSCAN && eng->rules[i].on_hs) ||
            (eng->rules[i].reveal_only && !st->reveal))
            continue;
        int rc = scan_rule_pcre(st, i, buf, len);
        if (rc)
            return rc;
    }
    resolve_overlaps(st);
    return SCRUB_OK;
}
