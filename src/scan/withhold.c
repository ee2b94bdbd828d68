/* scan/withhold.c — what a scan does when a rule's PCRE2 match fails (a
 * match, depth or heap limit: a user rule prone to catastrophic
 * backtracking). Its bytes cannot be judged, so they must not be written:
 * the line is withheld (the stream writes [UNSCANNED] in its place and
 * reports the rule and line), and the scan goes on with the next line.
 * With stop_on_error the scan stops instead (SCRUB_E_SCAN), as before. */
#include <stdlib.h>
#include <string.h>

#include "scan/scan.h"

void scan_failed_at(scan_state *st, unsigned ri, const char *buf, size_t len,
                    size_t pos)
{
    if (st->stop_on_error) {
        if (!st->error) {
            st->error = SCRUB_E_SCAN;
            st->err_rule = ri;
            st->err_pos = pos;
        }
        return;
    }
    size_t ls = pos < len ? pos : len, le = ls;
    while (ls > 0 && buf[ls - 1] != '\n')
        ls--;
    const char *nl = memchr(buf + le, '\n', len - le);
    le = nl ? (size_t)(nl - buf) : len;
    candvec *w = &st->withheld;
    if (w->n && w->v[w->n - 1].start == ls) /* the same line again */
        return;
    if (candvec_push(w, ls, le, ri))
        st->error = SCRUB_E_NOMEM;
}

static int by_start(const void *pa, const void *pb)
{
    const cand *a = pa, *b = pb;
    return a->start < b->start ? -1 : a->start > b->start;
}

/* Sort the spans and merge those that overlap. */
static void merge(candvec *w)
{
    qsort(w->v, w->n, sizeof *w->v, by_start);
    size_t k = 0;
    for (size_t i = 0; i < w->n; i++) {
        if (w->v[i].start == w->v[i].end)
            continue; /* nothing left to withhold */
        if (k && w->v[i].start <= w->v[k - 1].end) {
            if (w->v[i].end > w->v[k - 1].end)
                w->v[k - 1].end = w->v[i].end;
        } else {
            w->v[k++] = w->v[i];
        }
    }
    w->n = k;
}

int scan_withhold(scan_state *st, size_t first)
{
    candvec *w = &st->withheld, *cv = &st->cands;
    if (!w->n)
        return SCRUB_OK;
    for (size_t i = 0; i < w->n; i++) /* the bytes before are decided */
        if (w->v[i].start < first)
            w->v[i].start = first < w->v[i].end ? first : w->v[i].end;
    merge(w);
    /* Findings (sorted, non-overlapping) that touch a span join it. */
    size_t j = 0, kept = 0;
    for (size_t i = 0; i < cv->n; i++) {
        cand *f = &cv->v[i];
        while (j < w->n && w->v[j].end <= f->start)
            j++;
        if (j < w->n && f->end > w->v[j].start) {
            if (f->start < w->v[j].start)
                w->v[j].start = f->start;
            if (f->end > w->v[j].end)
                w->v[j].end = f->end;
            continue;
        }
        cv->v[kept++] = *f;
    }
    cv->n = kept;
    merge(w);
    return SCRUB_OK;
}
