/* scan/resolve.c — from candidates to findings: sorted, exclusions
 * applied, overlaps resolved (leftmost, then longest, then highest
 * priority, then first-defined rule). */
#include <stdlib.h>
#include <string.h>

#include "scan/scan.h"

int candvec_push(candvec *cv, size_t start, size_t end, unsigned ri)
{
    return candvec_push_key(cv, start, start, end, ri);
}

int candvec_push_key(candvec *cv, size_t key, size_t start, size_t end,
                     unsigned ri)
{
    if (cv->n == cv->cap) {
        size_t cap = cv->cap ? cv->cap * 2 : 64;
        cand *v = realloc(cv->v, cap * sizeof *v);
        if (!v)
            return SCRUB_E_NOMEM;
        cv->v = v;
        cv->cap = cap;
    }
    cv->v[cv->n++] = (cand){start, end, key, ri, false};
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
static void sort_run(cand *v, size_t n, const scrub_engine *eng)
{
    size_t moves = 0, limit = 8 * n + 64;
    for (size_t i = 1; i < n; i++) {
        cand x = v[i];
        size_t j = i;
        while (j > 0 && cand_cmp(&v[j - 1], &x, (void *)eng) > 0) {
            v[j] = v[j - 1];
            j--;
            if (++moves > limit) {
                v[j] = x;
                qsort_r(v, n, sizeof *v, cand_cmp, (void *)eng);
                return;
            }
        }
        v[j] = x;
    }
}

/* The candidates come in runs, one per finder (Hyperscan, the native
 * matcher, the PCRE2 path: st->run_at), each nearly sorted: each run is
 * sorted, then the runs are merged (into st->later, which is free until
 * resolution, and swapped in). */
int scan_sort(scan_state *st)
{
    candvec *cv = &st->cands;
    size_t at[SCAN_RUNS + 1], n = 0;
    for (size_t r = 0; r < st->nruns; r++)
        if (st->run_at[r] < cv->n && (!n || st->run_at[r] > at[n - 1]))
            at[n++] = st->run_at[r];
    if (!n || at[0] != 0)
        memmove(at + 1, at, n * sizeof *at), at[0] = 0, n++;
    at[n] = cv->n;
    for (size_t r = 0; r < n; r++)
        sort_run(cv->v + at[r], at[r + 1] - at[r], st->eng);
    if (n == 1)
        return SCRUB_OK;
    candvec *out = &st->later;
    out->n = 0;
    size_t pos[SCAN_RUNS + 1];
    memcpy(pos, at, sizeof pos);
    for (size_t k = 0; k < cv->n; k++) {
        size_t best = n;
        for (size_t r = 0; r < n; r++)
            if (pos[r] < at[r + 1] &&
                (best == n || cand_cmp(&cv->v[pos[r]], &cv->v[pos[best]],
                                       (void *)st->eng) < 0))
                best = r;
        cand c = cv->v[pos[best]++];
        if (candvec_push(out, 0, 0, 0))
            return SCRUB_E_NOMEM;
        out->v[out->n - 1] = c;
    }
    candvec t = *cv;
    *cv = *out;
    *out = t;
    st->nruns = 0; /* one sorted run now */
    return SCRUB_OK;
}
/* Exclusion spans (values under keys such as "bytes" or "trace_id")
 * mark what lies inside them as not personal: a candidate inside one is
 * dropped, unless a personal-data key found it. A candidate reaching
 * beyond the excluded value ("count=86 13812345678": a phone after it)
 * stays. An exclusion whose key is part of a finding is void: the key is
 * replaced, and a second pass would not see it. The spans come in order
 * of start, as the candidates do. */
static int collect_exclusions(scan_state *st)
{
    const candvec *cv = &st->cands;
    st->excl.n = 0;
    for (size_t i = 0; i < cv->n; i++)
        if (st->eng->rules[cv->v[i].rule].exclude &&
            candvec_push_key(&st->excl, cv->v[i].key, cv->v[i].start,
                             cv->v[i].end, cv->v[i].rule))
            return SCRUB_E_NOMEM;
    return SCRUB_OK;
}

/* The exclusions in force at `start`, as the latest end they reach: those
 * starting at or before it whose key no finding took. Called with
 * non-decreasing starts; taken_end is the end of the last finding. */
typedef struct excl_state {
    size_t next, reach;
} excl_state;

static bool excluded(const candvec *x, excl_state *xs, size_t taken_end,
                     size_t start, size_t end)
{
    for (; xs->next < x->n && x->v[xs->next].start <= start; xs->next++) {
        const cand *e = &x->v[xs->next];
        if (taken_end <= e->key && e->end > xs->reach)
            xs->reach = e->end;
    }
    return xs->reach >= end;
}

/* A binary min-heap of candidates in cand_cmp order. */
static int heap_push(candvec *h, cand c, const scrub_engine *eng)
{
    if (candvec_push(h, 0, 0, 0))
        return SCRUB_E_NOMEM;
    size_t i = h->n - 1;
    while (i > 0 && cand_cmp(&c, &h->v[(i - 1) / 2], (void *)eng) < 0) {
        h->v[i] = h->v[(i - 1) / 2];
        i = (i - 1) / 2;
    }
    h->v[i] = c;
    return SCRUB_OK;
}

static cand heap_pop(candvec *h, const scrub_engine *eng)
{
    cand top = h->v[0], x = h->v[--h->n];
    size_t i = 0;
    for (;;) {
        size_t k = 2 * i + 1;
        if (k >= h->n)
            break;
        if (k + 1 < h->n && cand_cmp(&h->v[k + 1], &h->v[k], (void *)eng) < 0)
            k++;
        if (cand_cmp(&h->v[k], &x, (void *)eng) >= 0)
            break;
        h->v[i] = h->v[k];
        i = k;
    }
    if (h->n)
        h->v[i] = x;
    return top;
}

/* The next candidate in order: from the sorted list or from those given
 * a later start. */
static cand next_cand(scan_state *st, size_t *i)
{
    candvec *cv = &st->cands, *later = &st->later;
    if (later->n && (*i == cv->n ||
                     cand_cmp(&later->v[0], &cv->v[*i], (void *)st->eng) < 0))
        return heap_pop(later, st->eng);
    return cv->v[(*i)++];
}

/* Leftmost, then longest, then highest priority, then first-defined rule;
 * a candidate overlapping one already taken is dropped, unless a later
 * start gives the same end a value that begins after it: in
 * "oaid:abcdefgh+86 138-2468-5678" the device id takes "+86" and the
 * phone number is still "138-2468-5678". Hyperscan's path proposes only
 * the leftmost start of each end, so the later one is looked for here;
 * the PCRE2 path has proposed every start. Nothing may start before
 * `first`. Taken candidates are written over the list as it is read:
 * each is, or was given a later start from, one read before it. */
int scan_resolve(scan_state *st, const char *buf, size_t len, size_t first)
{
    candvec *cv = &st->cands;
    if (cv->n == 0)
        return SCRUB_OK;
    if (scan_sort(st))
        return SCRUB_E_NOMEM;
    if (collect_exclusions(st))
        return SCRUB_E_NOMEM;
    st->later.n = 0;
    size_t k = 0, last_end = first, taken_end = st->prev_end, i = 0;
    excl_state xs = {0, 0};
    while (i < cv->n || st->later.n) {
        cand c = next_cand(st, &i);
        const crule *r = &st->eng->rules[c.rule];
        /* found by a personal-data key, or our token: not sheltered */
        if (r->exclude ||
            (excluded(&st->excl, &xs, taken_end, c.start, c.end) &&
             !r->context && !r->reveal_only))
            continue;
        if (c.start >= last_end) {
            cv->v[k++] = c;
            last_end = taken_end = c.end;
            continue;
        }
        size_t s, e;
        if (!c.refine || c.end <= last_end)
            continue;
        if (scan_confirm(st, r, buf, len, c.end, last_end, &s, &e)) {
            if (heap_push(&st->later, (cand){s, e, s, c.rule, true}, st->eng))
                return SCRUB_E_NOMEM;
        } else if (st->error) {
            return st->error;
        }
    }
    cv->n = k;
    return SCRUB_OK;
}
