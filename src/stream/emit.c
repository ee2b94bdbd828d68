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
static uint64_t count_newlines(const char *p, size_t n)
{
    uint64_t k = 0;
    for (const char *e = p + n; (p = memchr(p, '\n', (size_t)(e - p)));
         p++)
        k++;
    return k;
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

/* Emit base[from..commit) with the (sorted, non-overlapping) findings that
 * lie in it: first the rest of a value left open (up to cont_end), last
 * the start of one that stays open when `opening`. Output goes out only
 * after the region was scanned: a scan error never lets raw bytes
 * through. */
int stream_emit(scrub_ctx *c, const char *base, size_t from, size_t commit,
                size_t cont_end, bool opening)
{
    int rc;
    c->out.len = 0;
    size_t pos = from;
    uint64_t line = c->base_line;
    if (c->open.rule >= 0) {
        size_t end = cont_end < commit ? cont_end : commit;
        if ((rc = emit_continued(c, base, from, end, cont_end <= commit)))
            return rc;
        pos = end;
        c->taken_end = c->base_offset + (pos - from);
    }
    for (size_t i = 0; i < c->scan.cands.n; i++) {
        const cand *f = &c->scan.cands.v[i];
        if (f->start < pos || f->start >= commit)
            continue;
        line += count_newlines(base + pos, f->start - pos);
        if (sbuf_put(&c->out, base + pos, f->start - pos))
            return SCRUB_E_NOMEM;
        if (opening && i + 1 == c->scan.cands.n) {
            if ((rc = emit_opened(c, base, from, f, commit, line)))
                return rc;
            pos = commit;
            c->taken_end = c->base_offset + (pos - from);
            break;
        }
        if (f->end > commit)
            return SCRUB_E_SCAN; /* commit is never inside one: fail closed */
        const crule *r = &c->eng->rules[f->rule];
        const char *v = base + f->start;
        size_t vn = f->end - f->start;
        if (c->scan.reveal) {
            rc = reveal_one(c, r, v, vn);
        } else {
            bool allowed = vn <= LONG_VALUE &&
                           allow_match(c->eng->allow, &r->xt, v, vn);
            scrub_action act = allowed ? SCRUB_ACTION_KEEP : r->action;
            rc = report(c, r, c->base_offset + (f->start - from), vn, line,
                        act, allowed);
            if (!rc)
                rc = xf_apply(&c->eng->x, &r->xt, act, v, vn, &c->out);
        }
        if (rc)
            return rc;
        line += count_newlines(v, vn);
        pos = f->end;
        c->taken_end = c->base_offset + (pos - from);
    }
    if (sbuf_put(&c->out, base + pos, commit - pos))
        return SCRUB_E_NOMEM;
    uint64_t nl = line + count_newlines(base + pos, commit - pos) - c->base_line;
    c->stats.lines += nl;
    c->base_line += nl;
    c->base_offset += commit - from;
    c->stats.bytes_out += c->out.len;
    if (c->write_fn && c->out.len &&
        c->write_fn(c->write_opaque, c->out.p, c->out.len))
        return SCRUB_E_CALLBACK;
    return SCRUB_OK;
}
