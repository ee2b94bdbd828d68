/* stream/stream.c — the per-thread context: gathers input into blocks of whole
 * lines, scans them and emits scrubbed text and findings in order. */
#include <stdlib.h>
#include <string.h>

#include "stream/ctx.h"

scrub_ctx *scrub_ctx_new(const scrub_engine *eng)
{
    if (!eng)
        return NULL;
    scrub_ctx *c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    c->eng = eng;
    c->block_size = DEFAULT_BLOCK;
    c->matcher = SCRUB_MATCHER_NATIVE;
    c->base_line = 1;
    c->open.rule = -1;
    c->type_counts = calloc(eng->ntypes + 1, sizeof *c->type_counts);
    if (scan_state_init(&c->scan, eng) || !c->type_counts) {
        scrub_ctx_free(c);
        return NULL;
    }
    return c;
}

void scrub_ctx_free(scrub_ctx *c)
{
    if (!c)
        return;
    /* Unscanned input may hold personal data: wipe before release. */
    if (c->in.p)
        memset(c->in.p, 0, c->in.cap);
    sbuf_free(&c->in);
    sbuf_free(&c->out);
    scan_state_free(&c->scan);
    free(c->type_counts);
    free(c);
}

void scrub_ctx_set_output(scrub_ctx *c, scrub_write_fn fn, void *opaque)
{
    c->write_fn = fn;
    c->write_opaque = opaque;
}

void scrub_ctx_set_findings(scrub_ctx *c, scrub_finding_fn fn, void *opaque)
{
    c->find_fn = fn;
    c->find_opaque = opaque;
}

int scrub_ctx_set_block_size(scrub_ctx *c, size_t bytes)
{
    if (!c || bytes == 0)
        return SCRUB_E_ARG;
    c->block_size = bytes;
    return SCRUB_OK;
}

void scrub_ctx_set_eager(scrub_ctx *c, int on) { c->eager = on != 0; }
void scrub_ctx_set_reveal(scrub_ctx *c, int on) { c->scan.reveal = on != 0; }

void scrub_ctx_reveal_counts(const scrub_ctx *c, uint64_t *revealed,
                             uint64_t *rejected)
{
    if (revealed)
        *revealed = c ? c->revealed : 0;
    if (rejected)
        *rejected = c ? c->rejected : 0;
}

void scrub_ctx_set_on_scan_error(scrub_ctx *c, scrub_on_scan_error mode,
                                 scrub_scan_error_fn fn, void *opaque)
{
    if (!c)
        return;
    c->scan.stop_on_error = mode == SCRUB_ON_SCAN_ERROR_STOP;
    c->err_fn = fn;
    c->err_opaque = opaque;
}

void scrub_ctx_set_matcher(scrub_ctx *c, scrub_matcher m)
{
    if (!c)
        return;
    if ((unsigned)m > SCRUB_MATCHER_NATIVE)
        m = SCRUB_MATCHER_NATIVE;
    /* the engine is shared and otherwise immutable: its lock orders this */
    if (m == SCRUB_MATCHER_PCRE2)
        eng_prepare_reference((scrub_engine *)c->eng);
    int rc = scan_use_matcher(&c->scan, m);
    if (rc && !c->sticky) /* the next call reports it */
        c->sticky = rc;
    c->matcher = m;
}

/* For a part of a long line, where to stop: never inside a finding, and
 * not in the tail where more data could still change a finding. A free-
 * text value that runs to the end of the part stays open (*opening); the
 * part then ends where its reader can resume. */
static size_t choose_commit(scrub_ctx *c, const char *base, size_t from,
                            size_t to, bool partial, size_t cont_end,
                            bool *opening)
{
    *opening = false;
    if (!partial)
        return to;
    /* A part of a long line has no newline: a withheld span runs to its
     * end, and so does the withholding (the rest of the line is dropped
     * in the parts to come). */
    if (c->scan.withheld.n) {
        c->withholding = true;
        return to;
    }
    if (c->open.rule >= 0 && cont_end == to) /* fills the whole part */
        return value_resume(base, to, from);
    /* A continued value that closed here is final: always emitted now. */
    size_t commit = to - PART_TAIL;
    if (commit < cont_end)
        commit = cont_end;
    const candvec *cv = &c->scan.cands;
    for (size_t i = 0; i < cv->n; i++) {
        const cand *f = &cv->v[i];
        if (f->start >= commit)
            break;
        const crule *r = &c->eng->rules[f->rule];
        if (r->freetext && f->end == to) { /* value runs on */
            *opening = true;
            return value_resume(base, to, f->start);
        }
        if (f->end > commit)
            return f->start > from ? f->start : from;
    }
    return commit;
}

/* Scan the next `len` bytes (whole lines, or a part of a long line when
 * `partial`) with the context kept before them, and emit what is final. */
/* A scan stopped by a rule's failure (SCRUB_ON_SCAN_ERROR_STOP): the
 * caller hears which rule and line before the error is returned. */
static int stop_error(scrub_ctx *c, const char *base, size_t from, int rc)
{
    const scan_state *st = &c->scan;
    if (rc != SCRUB_E_SCAN || !st->stop_on_error || !c->err_fn ||
        st->err_pos < from)
        return rc;
    scrub_scan_error se = {c->eng->rules[st->err_rule].id,
                           c->base_offset + (st->err_pos - from),
                           c->base_line +
                               stream_newlines(base + from, st->err_pos - from),
                           0};
    return c->err_fn(c->err_opaque, &se) ? SCRUB_E_CALLBACK : rc;
}

/* Where the bytes not to scan end: a value left open by the previous
 * part continues up to there, or (the rest of a withheld line) they are
 * dropped up to the line's end. */
static size_t decided_end(scrub_ctx *c, const char *base, size_t from,
                          size_t to)
{
    if (c->open.rule >= 0) {
        bool runs_on; /* the same as the end being `to` */
        return value_continue(base, to, from, c->open.quote, &runs_on);
    }
    if (!c->withholding)
        return from;
    const char *nl = memchr(base + from, '\n', to - from);
    c->withholding = !nl;
    return nl ? (size_t)(nl - base) : to;
}

/* Scan the next `len` bytes (whole lines, or a part of a long line when
 * `partial`) with the context kept before them, and emit what is final. */
static int process(scrub_ctx *c, size_t len, bool partial)
{
    size_t lo = c->in_start - c->ctx_len;
    const char *base = c->in.p + lo;
    size_t from = c->ctx_len, to = from + len;
    size_t first = decided_end(c, base, from, to);
    int rc = SCRUB_OK;
    uint64_t at0 = c->base_offset - from; /* stream offset of base[0] */
    c->scan.prev_end =
        c->taken_end > at0 ? (size_t)(c->taken_end - at0) : 0;
    c->scan.cut = (from > 0 ? GBK_CUT_BEFORE : 0) | /* a long line's part */
                  (partial ? GBK_CUT_AFTER : 0);
    c->scan.withheld.n = 0;
    if (first < to) /* else the open value fills the rest */
        rc = scan_block(&c->scan, base, to, first, c->matcher);
    else
        c->scan.cands.n = 0;
    if (rc)
        return stop_error(c, base, from, rc);
    bool opening;
    size_t commit = choose_commit(c, base, from, to, partial, first, &opening);
    if ((rc = stream_emit(c, base, from, commit, first, opening)))
        return rc;
    /* Keep a little context before the next part; wipe the rest. */
    size_t keep = partial ? (commit < PART_CONTEXT ? commit : PART_CONTEXT) : 0;
    memset(c->in.p + lo, 0, commit - keep);
    c->in_start = lo + commit;
    c->ctx_len = keep;
    return SCRUB_OK;
}

static size_t last_line_end(const char *p, size_t n)
{
    const char *nl = memrchr(p, '\n', n);
    return nl ? (size_t)(nl - p) + 1 : 0;
}

static int fail(scrub_ctx *c, int rc)
{
    if (rc && !c->sticky)
        c->sticky = rc;
    return rc;
}

int scrub_ctx_write(scrub_ctx *c, const void *data, size_t len)
{
    if (!c || (!data && len))
        return SCRUB_E_ARG;
    if (c->sticky)
        return c->sticky;
    if (c->finished)
        return fail(c, SCRUB_E_STATE);
    if (len == 0)
        return SCRUB_OK;
    if (sbuf_put(&c->in, data, len))
        return fail(c, SCRUB_E_NOMEM);
    c->stats.bytes_in += len;
    int rc = SCRUB_OK;
    for (;;) {
        const char *p = c->in.p + c->in_start;
        size_t have = c->in.len - c->in_start;
        if (!c->eager && have < c->block_size)
            break;
        size_t lim = have < c->block_size ? have : c->block_size;
        size_t cut = last_line_end(p, lim);
        bool partial = false;
        if (cut == 0) { /* a line longer than a block */
            const char *nl = memchr(p + lim, '\n', have - lim);
            if (nl)
                cut = (size_t)(nl - p) + 1;
            else if (have >= LONG_LINE)
                cut = have, partial = true; /* scrub it in parts */
            else
                break; /* keep gathering until its end arrives */
        }
        if ((rc = process(c, cut, partial)))
            return fail(c, rc);
        if (partial)
            break;
    }
    /* Move the unscanned tail (and its context) to the front once. */
    size_t lo = c->in_start - c->ctx_len;
    memmove(c->in.p, c->in.p + lo, c->in.len - lo);
    c->in.len -= lo;
    c->in_start = c->ctx_len;
    return SCRUB_OK;
}

int scrub_ctx_finish(scrub_ctx *c)
{
    if (!c)
        return SCRUB_E_ARG;
    if (c->sticky)
        return c->sticky;
    if (c->finished)
        return SCRUB_OK;
    c->finished = true;
    size_t have = c->in.len - c->in_start;
    int rc = have || c->open.rule >= 0 ? process(c, have, false) : SCRUB_OK;
    c->open.rule = -1;
    return fail(c, rc);
}

int scrub_ctx_flush(scrub_ctx *c)
{
    if (!c)
        return SCRUB_E_ARG;
    if (c->sticky)
        return c->sticky;
    if (c->finished)
        return fail(c, SCRUB_E_STATE);
    size_t have = c->in.len - c->in_start;
    int rc = have || c->open.rule >= 0 ? process(c, have, false) : SCRUB_OK;
    c->in.len = c->in_start = c->ctx_len = 0;
    c->open.rule = -1;
    return fail(c, rc);
}

int scrub_ctx_set_position(scrub_ctx *c, uint64_t offset, uint64_t line)
{
    if (!c || line == 0)
        return SCRUB_E_ARG;
    if (c->in.len != c->in_start || c->ctx_len)
        return SCRUB_E_STATE; /* bytes held: their position is fixed */
    c->base_offset = offset;
    c->base_line = line;
    c->taken_end = 0;
    return SCRUB_OK;
}

void scrub_ctx_stats(const scrub_ctx *c, scrub_stats *out)
{
    if (c && out)
        *out = c->stats;
}

uint64_t scrub_ctx_type_count(const scrub_ctx *c, const char *type)
{
    for (size_t i = 0; c && type && i < c->eng->ntypes; i++)
        if (strcmp(c->eng->types[i], type) == 0)
            return c->type_counts[i];
    return 0;
}
