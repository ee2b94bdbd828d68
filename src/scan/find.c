/* scan/find.c — find the candidates of one block.
 *
 * Hyperscan runs once over the block for all rules, without start of
 * match (cheaper automata); each reported end is confirmed (confirm.c).
 * Rules that Hyperscan cannot express, and the reference matcher used by
 * the tests, run each rule's whole PCRE2 program over the block instead,
 * with a callout that sees every (start, end) pair. */
#include <stdlib.h>
#include <string.h>

#include "scan/gbk.h"
#include "scan/scan.h"

int scan_state_init(scan_state *st, const scrub_engine *eng)
{
    memset(st, 0, sizeof *st);
    st->eng = eng;
    st->md = pcre2_match_data_create(16, NULL);
    st->mctx = pcre2_match_context_create(NULL);
    st->limits = pcre2_match_context_create(NULL);
    if (!st->md || !st->mctx || !st->limits ||
        (eng->db && hs_alloc_scratch(eng->db, &st->scratch) != HS_SUCCESS))
        return SCRUB_E_NOMEM;
    pcre2_set_match_limit(st->limits, SCAN_MATCH_LIMIT);
    return SCRUB_OK;
}

int scan_use_matcher(scan_state *st, scrub_matcher m)
{
    const scrub_engine *eng = st->eng;
    if (m != SCRUB_MATCHER_HYPERSCAN || !eng->nat.any)
        return SCRUB_OK;
    int rc = eng_prepare_hyperscan((scrub_engine *)eng);
    if (!rc && eng->full_db &&
        hs_alloc_scratch(eng->full_db, &st->scratch) != HS_SUCCESS)
        rc = SCRUB_E_NOMEM;
    return rc;
}

void scan_state_free(scan_state *st)
{
    if (st->gbk.p)
        memset(st->gbk.p, 0, st->gbk.cap); /* a copy of raw input */
    sbuf_free(&st->gbk);
    free(st->excl.v);
    free(st->withheld.v);
    free(st->nends);
    free(st->defer);
    free(st->seen);
    pcre2_match_context_free(st->limits);
    free(st->later.v);
    free(st->cands.v);
    hs_free_scratch(st->scratch);
    pcre2_match_context_free(st->mctx);
    pcre2_match_data_free(st->md);
}

typedef struct hs_cb_ctx {
    scan_state *st;
    const char *buf;
    size_t len;
    const unsigned *map; /* Hyperscan id -> rule */
} hs_cb_ctx;

int scan_end(scan_state *st, unsigned ri, const char *buf, size_t len,
             size_t at, size_t min_start)
{
    const crule *r = &st->eng->rules[ri];
    size_t start, end;
    if (!scan_confirm(st, r, buf, len, at, min_start, &start, &end))
        return st->error;
    /* The last PCRE2 match recovered the start: its match began at the
     * key (validators and the value reader do not use it). */
    size_t key = pcre2_get_ovector_pointer(st->md)[0];
    if (candvec_push_key(&st->cands, key < start ? key : start, start, end,
                         ri))
        return st->error = SCRUB_E_NOMEM;
    st->cands.v[st->cands.n - 1].refine = !r->fixed_width && !r->freetext;
    return SCRUB_OK;
}

static int on_hs_match(unsigned id, unsigned long long from,
                       unsigned long long to, unsigned flags, void *opaque)
{
    (void)from;
    (void)flags;
    hs_cb_ctx *c = opaque;
    scan_state *st = c->st;
    unsigned ri = c->map[id];
    const crule *r = &st->eng->rules[ri];
    if (r->reveal_only && !st->reveal)
        return 0;
    size_t at = (size_t)to;
    if (r->terminated && at > 0) { /* the match took the byte after */
        unsigned char last = (unsigned char)c->buf[at - 1];
        if (!((r->right_bad[last >> 3] >> (last & 7)) & 1))
            at--;
    }
    /* a PCRE2 failure (stop mode) or no memory stops the scan */
    return scan_end(st, ri, c->buf, c->len, at, 0) ? 1 : 0;
}
/* The PCRE2 path: a callout at the end of the rule's whole program sees
 * every (start, end) pair the pattern can match, because it answers "no"
 * and so makes PCRE2 backtrack into every shorter end and then move on to
 * every later start. (A plain search would give one greedy end per
 * start: "6226 0212 3456 7890 128" fails Luhn as 19 digits and its
 * 16-digit card would never be tried.) */
typedef struct pcre_walk {
    scan_state *st;
    const crule *r;
    unsigned ri;
    const char *buf;
    size_t len;
    size_t tried_start, tried_end; /* the pair judged last */
} pcre_walk;

/* Whether the rule's candidates at the tail of cv already hold (s, e):
 * different paths through a pattern can end at the same place. */
static bool have_pair(const candvec *cv, unsigned ri, size_t s, size_t e)
{
    for (size_t j = cv->n; j > 0; j--) {
        const cand *c = &cv->v[j - 1];
        if (c->rule != ri || c->start != s)
            return false;
        if (c->end == e)
            return true;
    }
    return false;
}

static int on_pcre_end(pcre2_callout_block *cb, void *opaque)
{
    pcre_walk *w = opaque;
    scan_state *st = w->st;
    const crule *r = w->r;
    size_t s = cb->start_match, e = cb->current_position;
    if (r->vgroup) {
        if (cb->capture_top <= r->vgroup)
            return 1;
        s = cb->offset_vector[2 * r->vgroup];
        e = cb->offset_vector[2 * r->vgroup + 1];
    }
    if (r->freetext && !value_extract(w->buf, w->len, e, &s, &e, &st->runs))
        return 1;
    if (s == PCRE2_UNSET || e <= s || (s == w->tried_start && e == w->tried_end))
        return 1;
    w->tried_start = s;
    w->tried_end = e;
    if (have_pair(&st->cands, w->ri, s, e) ||
        !scan_accept(st->eng, r, w->buf, w->len, cb->start_match, s, e))
        return 1;
    size_t key = cb->start_match < s ? cb->start_match : s;
    if (candvec_push_key(&st->cands, key, s, e, w->ri)) {
        st->error = SCRUB_E_NOMEM;
        return PCRE2_ERROR_CALLOUT; /* abandon the match */
    }
    return 1; /* backtrack: look for every other end and start */
}

/* Rule ri's whole program over buf[from..len), from the start offset
 * `from` (its left guard may look before it): a PCRE2 result. */
static int walk_rule(scan_state *st, unsigned ri, const char *buf,
                     size_t from, size_t len)
{
    pcre_walk w = {st, &st->eng->rules[ri], ri, buf, len, PCRE2_UNSET, 0};
    pcre2_set_callout(st->mctx, on_pcre_end, &w);
    pcre2_set_match_limit(st->mctx, w.r->on_hs ? SCAN_REFERENCE_LIMIT
                                               : SCAN_MATCH_LIMIT);
    st->runs.lo = st->runs.hi = 0;
    return pcre2_match(w.r->full_re, (PCRE2_SPTR)buf, len, from, 0, st->md,
                       st->mctx);
}

/* Every path fails by design; anything but "no match" is a limit or an
 * error, and must not let the block through: the rule runs again line by
 * line, and the lines where it fails again are withheld (withhold.c). */
static int scan_rule_pcre(scan_state *st, unsigned ri, const char *buf,
                          size_t len)
{
    if (!st->eng->rules[ri].full_re)
        return SCRUB_E_SCAN; /* it would not compile: fail closed */
    eng_rule_ready(st->eng, &st->eng->rules[ri]);
    size_t n0 = st->cands.n;
    int rc = walk_rule(st, ri, buf, 0, len);
    if (st->error || rc == PCRE2_ERROR_NOMATCH)
        return st->error;
    st->cands.n = n0; /* its candidates are found again, line by line */
    for (size_t ls = 0; ls < len && !st->error;) {
        const char *nl = memchr(buf + ls, '\n', len - ls);
        size_t le = nl ? (size_t)(nl - buf) + 1 : len; /* the newline too:
                                                          right guards see it */
        rc = walk_rule(st, ri, buf, ls, le);
        if (rc != PCRE2_ERROR_NOMATCH && !st->error)
            scan_failed_at(st, ri, buf, len, ls);
        ls = le;
    }
    return st->error;
}

/* One Hyperscan database over the block. */
static int scan_hs(scan_state *st, const hs_database_t *db,
                   const unsigned *map, const char *buf, size_t len)
{
    hs_cb_ctx c = {st, buf, len, map};
    if (!db)
        return SCRUB_OK;
    /* Hyperscan takes an unsigned length. The stream's blocks are far
     * smaller (a long line goes in parts); a block of 4 GiB or more
     * (a block size set that large) fails closed. */
    if (len > 0xFFFFFFFFu)
        return SCRUB_E_SCAN;
    hs_error_t he =
        hs_scan(db, buf, (unsigned)len, 0, st->scratch, on_hs_match, &c);
    if (st->error)
        return st->error;
    return he == HS_SUCCESS ? SCRUB_OK : SCRUB_E_SCAN;
}

/* The default matcher: the native one for its rules, Hyperscan for the
 * rest; SCRUB_MATCHER_HYPERSCAN: Hyperscan for every rule it takes (the
 * reference of the native matcher); SCRUB_MATCHER_PCRE2: every rule's
 * whole PCRE2 program (the reference of both). */
static int scan_view(scan_state *st, const char *buf, size_t len,
                     size_t first, scrub_matcher m)
{
    const scrub_engine *eng = st->eng;
    int rc = SCRUB_OK;
    st->nruns = 0;
    st->run_at[st->nruns++] = st->cands.n;
    if (m == SCRUB_MATCHER_HYPERSCAN && eng->nat.any)
        rc = eng->full_error ? eng->full_error
             : !eng->full_rule /* scan_use_matcher() was not called */
                 ? SCRUB_E_SCAN
                 : scan_hs(st, eng->full_db, eng->full_rule, buf, len);
    else if (m != SCRUB_MATCHER_PCRE2)
        rc = scan_hs(st, eng->db, eng->hs_rule, buf, len);
    st->run_at[st->nruns++] = st->cands.n;
    if (!rc && m == SCRUB_MATCHER_NATIVE && eng->nat.any)
        rc = scan_native(st, buf, len);
    st->run_at[st->nruns++] = st->cands.n;
    for (unsigned i = 0; !rc && i < eng->nrules; i++) {
        if ((m != SCRUB_MATCHER_PCRE2 && eng->rules[i].on_hs) ||
            (eng->rules[i].reveal_only && !st->reveal))
            continue;
        rc = scan_rule_pcre(st, i, buf, len);
    }
    if (!rc && st->ndefer) { /* exclusions: only those that matter */
        rc = scan_sort(st);
        st->nruns = 0;
        st->run_at[st->nruns++] = 0;
        st->run_at[st->nruns++] = st->cands.n;
        rc = rc ? rc : nat_deferred(st, buf, len);
    }
    if (!rc)
        rc = scan_resolve(st, buf, len, first);
    return rc ? rc : scan_withhold(st, first);
}
/* Rules read GBK text through a view in which its characters' ASCII-range
 * bytes are masked (gbk.c); the copy is wiped once scanned. */
int scan_block(scan_state *st, const char *buf, size_t len, size_t first,
               scrub_matcher m)
{
    st->cands.n = 0;
    st->withheld.n = 0;
    st->ndefer = 0;
    st->error = SCRUB_OK;
    st->runs.lo = st->runs.hi = 0; /* positions are per block */
    if (len == 0)
        return SCRUB_OK;
    int rc;
    const char *view = gbk_view(&st->gbk, buf, len, st->cut, &rc);
    if (!view)
        return rc;
    rc = scan_view(st, view, len, first, m);
    if (view != buf)
        memset(st->gbk.p, 0, len);
    return rc;
}
