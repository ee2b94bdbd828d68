/* stream.c — the per-thread context: gathers input into blocks of whole
 * lines, scans them and emits scrubbed text and findings in order. */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#define DEFAULT_BLOCK (1u << 20)
/* A line longer than LONG_LINE is scrubbed in parts, in bounded memory:
 * the last PART_TAIL bytes of a part (longer than any match window) wait
 * for the next part, and PART_CONTEXT bytes before a part stay readable
 * for keys and boundary checks. A free-text value still open at the end
 * of a part (at least PART_TAIL - VALUE_LOOKBACK > LONG_VALUE bytes of it are in the
 * part) continues into the next one: its replacement goes out with its
 * first piece, which is all it needs (actions.c), and its finding is
 * reported when it closes. */
#define LONG_LINE (64u << 10)
#define PART_TAIL (16u << 10)
_Static_assert(PART_TAIL > MAX_WINDOW + 64, "a value fits in the tail");
_Static_assert(GBK_MAX_LINE <= LONG_LINE, "a line in parts is no GBK line");
_Static_assert(PART_TAIL - VALUE_LOOKBACK > LONG_VALUE,
               "an open value's head is whole");
#define PART_CONTEXT (4u << 10)

struct scrub_ctx {
    const scrub_engine *eng;
    scan_state scan;
    scrub_matcher matcher;
    sbuf in;    /* bytes given; in.p[in_start..in.len) not yet scanned */
    size_t in_start;
    size_t ctx_len; /* bytes before in_start kept as context (mid-line) */
    struct open_value { /* a free-text value crossing parts */
        int rule;           /* -1: none */
        vquote quote;       /* how it was opened (value.c) */
        scrub_action act;
        uint64_t offset, line, len;
    } open;
    sbuf out;   /* scrubbed bytes of the current block */
    size_t block_size;
    bool eager;
    bool finished;
    int sticky; /* first error: later calls fail with it */
    uint64_t base_offset; /* stream offset of in.p[0] */
    uint64_t base_line;   /* line number at in.p[0] */
    uint64_t taken_end;   /* stream offset where the last finding ended */
    scrub_write_fn write_fn;
    void *write_opaque;
    scrub_finding_fn find_fn;
    void *find_opaque;
    scrub_stats stats;
    uint64_t *type_counts;
    uint64_t revealed, rejected;
};

scrub_ctx *scrub_ctx_new(const scrub_engine *eng)
{
    if (!eng)
        return NULL;
    scrub_ctx *c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    c->eng = eng;
    c->block_size = DEFAULT_BLOCK;
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

/* Reveal mode: what a finding becomes. Only our tokens and pseudonyms of
 * reversible types change; everything else stays as it is. */
static int reveal_one(scrub_ctx *c, const crule *r, const char *v, size_t n)
{
    if (n > LONG_VALUE && !r->reveal_only) /* hashed when scrubbed */
        return sbuf_put(&c->out, v, n);
    if (r->reveal_only) {
        if (reveal_token(c->eng, v, n, &c->out)) {
            c->revealed++;
            return SCRUB_OK;
        }
        c->rejected++; /* tampered, or another key's: left as it is */
    } else if (r->reversible && r->action == SCRUB_ACTION_PSEUDO) {
        c->revealed++;
        return put_pseudo(c->eng, r, v, n, true, &c->out);
    }
    return sbuf_put(&c->out, v, n);
}
void scrub_ctx_set_matcher(scrub_ctx *c, scrub_matcher m)
{
    /* the engine is shared and otherwise immutable: its lock orders this */
    if (m == SCRUB_MATCHER_PCRE2)
        engine_prepare_reference((scrub_engine *)c->eng);
    c->matcher = m;
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
    if (action_apply_rest(r, o->act, base + from, end - from, &c->out))
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
    return action_apply(c->eng, r, o->act, base + f->start, end - f->start,
                        &c->out);
}

/* Emit base[from..commit) with the (sorted, non-overlapping) findings that
 * lie in it: first the rest of a value left open (up to cont_end), last
 * the start of one that stays open when `opening`. Output goes out only
 * after the region was scanned: a scan error never lets raw bytes
 * through. */
static int emit(scrub_ctx *c, const char *base, size_t from, size_t commit,
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
                           allow_match(c->eng->allow, r->type, v, vn);
            scrub_action act = allowed ? SCRUB_ACTION_KEEP : r->action;
            rc = report(c, r, c->base_offset + (f->start - from), vn, line,
                        act, allowed);
            if (!rc)
                rc = action_apply(c->eng, r, act, v, vn, &c->out);
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
static int process(scrub_ctx *c, size_t len, bool partial)
{
    size_t lo = c->in_start - c->ctx_len;
    const char *base = c->in.p + lo;
    size_t from = c->ctx_len, to = from + len;
    size_t cont_end = from; /* where a value left open ends */
    if (c->open.rule >= 0) {
        bool runs_on; /* the same as cont_end == to */
        cont_end = continue_value(base, to, from, c->open.quote, &runs_on);
    }
    int rc = SCRUB_OK;
    uint64_t at0 = c->base_offset - from; /* stream offset of base[0] */
    c->scan.prev_end =
        c->taken_end > at0 ? (size_t)(c->taken_end - at0) : 0;
    c->scan.cut = (from > 0 ? GBK_CUT_BEFORE : 0) | /* a long line's part */
                  (partial ? GBK_CUT_AFTER : 0);
    if (cont_end < to) /* else the open value fills the rest */
        rc = scan_block(&c->scan, base, to, cont_end, c->matcher);
    else
        c->scan.cands.n = 0;
    if (rc)
        return rc;
    bool opening;
    size_t commit =
        choose_commit(c, base, from, to, partial, cont_end, &opening);
    if ((rc = emit(c, base, from, commit, cont_end, opening)))
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
