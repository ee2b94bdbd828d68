/* stream/emit.c — write a scanned region: the bytes between findings as
 * they are, each finding as its action makes it (transform/), and its
 * report to the findings callback; in reveal mode, our tokens opened. */
#include <string.h>

#include "stream/ctx.h"

/* Reveal mode: what a finding becomes. Only our tokens and pseudonyms of
 * reversible types change; everything else stays as it is. */
static int reveal_one(scrub_ctx *c, const crule *r, const char *v, size_t n)
{
    if (n > LONG_VALUE && !r->reveal_only) /* hashed when scrubbed */
        return sbuf_put(&c->out, v, n);
    if (r->reveal_only) {
        if (xf_reveal(c->eng->kr, v, n, &c->out)) {
            c->revealed++;
            return SCRUB_OK;
        }
        c->rejected++; /* tampered, or another key's: left as it is */
    } else if (r->reversible && r->action == SCRUB_ACTION_PSEUDO) {
        c->revealed++;
        return xf_pseudo(&c->eng->x, &r->xt, v, n, true, &c->out);
    }
    return sbuf_put(&c->out, v, n);
}

static int report(scrub_ctx *c, const crule *r, uint64_t offset,
                  uint64_t length, uint64_t line, scrub_action act,
                  bool allowed)
{
    c->stats.findings++;
    c->type_counts[r->type_idx]++;
    if (!c->find_fn)
        return SCRUB_OK;
    scrub_finding fd = {r->type, r->id, act, offset, length, line, allowed};
    return c->find_fn(c->find_opaque, &fd) ? SCRUB_E_CALLBACK : SCRUB_OK;
}

/* The rest of an open value, base[from..end): what its action writes for
 * a piece after the first; when it closes, its one finding. */
static int emit_continued(scrub_ctx *c, const char *base, size_t from,
                          size_t end, bool closes)
{
    struct open_value *o = &c->open;
    const crule *r = &c->eng->rules[o->rule];
    o->len += end - from;
    if (xf_apply_rest(&r->xt, o->act, base + from, end - from, &c->out))
        return SCRUB_E_NOMEM;
    if (!closes)
        return SCRUB_OK;
    o->rule = -1;
    return c->scan.reveal
               ? SCRUB_OK
               : report(c, r, o->offset, o->len, o->line, o->act, false);
}

/* The first piece of a value that runs on into the next part: replaced
 * now, reported when it closes. */
static int emit_opened(scrub_ctx *c, const char *base, size_t from,
                       const cand *f, size_t end, uint64_t line)
{
    struct open_value *o = &c->open;
    const crule *r = &c->eng->rules[f->rule];
    o->rule = (int)f->rule;
    o->quote = value_quote(base, f->start);
    o->act = c->scan.reveal ? SCRUB_ACTION_KEEP : r->action;
    o->offset = c->base_offset + (f->start - from);
    o->line = line;
    o->len = end - f->start;
    return xf_apply(&c->eng->x, &r->xt, o->act, base + f->start, end - f->start,
                        &c->out);
}

/* One region being written: base[from..commit), written up to pos. */
typedef struct emitter {
    scrub_ctx *c;
    const char *base;
    size_t from, pos;
    uint64_t line; /* the line of base[pos] */
} emitter;

/* base[pos..to) as it is: scanned and found clean. */
static int put_clean(emitter *e, size_t to)
{
    e->line += stream_newlines(e->base + e->pos, to - e->pos);
    if (sbuf_put(&e->c->out, e->base + e->pos, to - e->pos))
        return SCRUB_E_NOMEM;
    e->pos = to;
    return SCRUB_OK;
}

static void taken(emitter *e, size_t end)
{
    e->pos = end;
    e->c->taken_end = e->c->base_offset + (end - e->from);
}

/* A line that could not be scanned (scan/withhold.c): its bytes are not
 * written, [UNSCANNED] is, and the caller hears of it. */
static int put_withheld(emitter *e, const cand *w)
{
    scrub_ctx *c = e->c;
    int rc = put_clean(e, w->start);
    if (rc || sbuf_put(&c->out, STREAM_UNSCANNED, strlen(STREAM_UNSCANNED)))
        return rc ? rc : SCRUB_E_NOMEM;
    c->stats.lines_withheld++;
    scrub_scan_error se = {c->eng->rules[w->rule].id,
                           c->base_offset + (w->start - e->from), e->line,
                           1};
    if (c->err_fn && c->err_fn(c->err_opaque, &se))
        return SCRUB_E_CALLBACK;
    e->line += stream_newlines(e->base + w->start, w->end - w->start);
    taken(e, w->end);
    return SCRUB_OK;
}

/* One finding: reported, and replaced by its action's form (in reveal
 * mode: our token opened). */
static int put_finding(emitter *e, const cand *f)
{
    scrub_ctx *c = e->c;
    int rc = put_clean(e, f->start);
    const crule *r = &c->eng->rules[f->rule];
    const char *v = e->base + f->start;
    size_t vn = f->end - f->start;
    if (rc)
        return rc;
    if (c->scan.reveal) {
        rc = reveal_one(c, r, v, vn);
    } else {
        bool allowed =
            vn <= LONG_VALUE && allow_match(c->eng->allow, &r->xt, v, vn);
        scrub_action act = allowed ? SCRUB_ACTION_KEEP : r->action;
        rc = report(c, r, c->base_offset + (f->start - e->from), vn, e->line,
                    act, allowed);
        if (!rc)
            rc = xf_apply(&c->eng->x, &r->xt, act, v, vn, &c->out);
    }
    e->line += stream_newlines(v, vn);
    taken(e, f->end);
    return rc;
}

/* The findings and withheld lines of base[pos..commit), in order; the
 * last finding stays open (runs on into the next part) when `opening`. */
static int put_found(emitter *e, size_t commit, bool opening)
{
    const candvec *cv = &e->c->scan.cands, *wv = &e->c->scan.withheld;
    size_t i = 0, j = 0;
    int rc = SCRUB_OK;
    while (!rc && (i < cv->n || j < wv->n)) {
        const cand *f = i < cv->n ? &cv->v[i] : NULL;
        const cand *w = j < wv->n ? &wv->v[j] : NULL;
        bool take_w = w && (!f || w->start < f->start);
        const cand *x = take_w ? w : f;
        if (take_w)
            j++;
        else
            i++;
        if (x->start < e->pos || x->start >= commit)
            continue;
        if (!take_w && opening && i == cv->n) {
            if ((rc = put_clean(e, f->start)) ||
                (rc = emit_opened(e->c, e->base, e->from, f, commit,
                                  e->line)))
                return rc;
            taken(e, commit);
            return SCRUB_OK;
        }
        if (x->end > commit)
            return SCRUB_E_SCAN; /* commit is never inside one: fail closed */
        rc = take_w ? put_withheld(e, w) : put_finding(e, f);
    }
    return rc;
}

/* Emit base[from..commit) with the (sorted, non-overlapping) findings and
 * withheld lines that lie in it. Before them: the rest of a value left
 * open, up to first, or (no value open) the rest of a withheld line,
 * base[from..first), which is dropped. Output goes out only after the
 * region was scanned: a scan error never lets raw bytes through. */
int stream_emit(scrub_ctx *c, const char *base, size_t from, size_t commit,
                size_t first, bool opening)
{
    emitter e = {c, base, from, from, c->base_line};
    int rc;
    c->out.len = 0;
    if (c->open.rule >= 0) {
        size_t end = first < commit ? first : commit;
        if ((rc = emit_continued(c, base, from, end, first <= commit)))
            return rc;
        taken(&e, end);
    } else {
        e.pos = first < commit ? first : commit;
    }
    if ((rc = put_found(&e, commit, opening)) || (rc = put_clean(&e, commit)))
        return rc;
    uint64_t nl = e.line - c->base_line;
    c->stats.lines += nl;
    c->base_line += nl;
    c->base_offset += commit - from;
    c->stats.bytes_out += c->out.len;
    if (c->write_fn && c->out.len &&
        c->write_fn(c->write_opaque, c->out.p, c->out.len))
        return SCRUB_E_CALLBACK;
    return SCRUB_OK;
}
