/* stream.c — the per-thread context: gathers input into blocks of whole
 * lines, scans them and emits scrubbed text and findings in order. */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#define DEFAULT_BLOCK (1u << 20)

struct scrub_ctx {
    const scrub_engine *eng;
    scan_state scan;
    scrub_matcher matcher;
    sbuf in;    /* bytes given; in.p[in_start..in.len) not yet scanned */
    size_t in_start;
    sbuf out;   /* scrubbed bytes of the current block */
    size_t block_size;
    bool eager;
    bool finished;
    int sticky; /* first error: later calls fail with it */
    uint64_t base_offset; /* stream offset of in.p[0] */
    uint64_t base_line;   /* line number at in.p[0] */
    scrub_write_fn write_fn;
    void *write_opaque;
    scrub_finding_fn find_fn;
    void *find_opaque;
    scrub_stats stats;
    uint64_t *type_counts;
};

scrub_ctx *scrub_ctx_new(const scrub_engine *eng)
{
    if (!eng)
        return NULL;
    scrub_ctx *c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    c->eng = eng;
    c->scan.eng = eng;
    c->block_size = DEFAULT_BLOCK;
    c->base_line = 1;
    c->type_counts = calloc(eng->ntypes + 1, sizeof *c->type_counts);
    c->scan.md = pcre2_match_data_create(16, NULL);
    if (!c->type_counts || !c->scan.md ||
        (eng->db && hs_alloc_scratch(eng->db, &c->scan.scratch) != HS_SUCCESS)) {
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
    free(c->scan.cands.v);
    hs_free_scratch(c->scan.scratch);
    pcre2_match_data_free(c->scan.md);
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
void scrub_ctx_set_matcher(scrub_ctx *c, scrub_matcher m) { c->matcher = m; }

static uint64_t count_newlines(const char *p, size_t n)
{
    uint64_t k = 0;
    for (const char *e = p + n; (p = memchr(p, '\n', (size_t)(e - p)));
         p++)
        k++;
    return k;
}

static int report(scrub_ctx *c, const cand *f, uint64_t line,
                  scrub_action act, bool allowed)
{
    const crule *r = &c->eng->rules[f->rule];
    c->stats.findings++;
    c->type_counts[r->type_idx]++;
    if (!c->find_fn)
        return SCRUB_OK;
    scrub_finding fd = {r->type, r->id, act, c->base_offset + f->start,
                        f->end - f->start, line, allowed};
    return c->find_fn(c->find_opaque, &fd) ? SCRUB_E_CALLBACK : SCRUB_OK;
}

/* Scan in.p[0..len), which ends at a line end or the stream end, and emit
 * it. Output goes out only after the whole block was scanned: a scan error
 * never lets raw bytes through. */
static int process(scrub_ctx *c, size_t len)
{
    const char *buf = c->in.p + c->in_start;
    int rc = scan_block(&c->scan, buf, len, c->matcher);
    if (rc)
        return rc;
    c->out.len = 0;
    size_t pos = 0;
    uint64_t line = c->base_line;
    for (size_t i = 0; i < c->scan.cands.n; i++) {
        const cand *f = &c->scan.cands.v[i];
        const crule *r = &c->eng->rules[f->rule];
        const char *v = buf + f->start;
        size_t vn = f->end - f->start;
        bool allowed = allow_match(c->eng->allow, r->type, v, vn);
        scrub_action act = allowed ? SCRUB_ACTION_KEEP : r->action;
        line += count_newlines(buf + pos, f->start - pos);
        if ((rc = report(c, f, line, act, allowed)))
            return rc;
        if (sbuf_put(&c->out, buf + pos, f->start - pos) ||
            action_apply(c->eng, r, act, v, vn, &c->out))
            return SCRUB_E_NOMEM;
        line += count_newlines(buf + f->start, f->end - f->start);
        pos = f->end;
    }
    if (sbuf_put(&c->out, buf + pos, len - pos))
        return SCRUB_E_NOMEM;
    uint64_t nl = line + count_newlines(buf + pos, len - pos) - c->base_line;
    c->stats.lines += nl;
    c->base_line += nl;
    c->base_offset += len;
    c->stats.bytes_out += c->out.len;
    if (c->write_fn && c->out.len &&
        c->write_fn(c->write_opaque, c->out.p, c->out.len))
        return SCRUB_E_CALLBACK;
    memset(c->in.p + c->in_start, 0, len);
    c->in_start += len;
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
        if (cut == 0) { /* a line longer than a block: take it whole */
            const char *nl = memchr(p + lim, '\n', have - lim);
            if (!nl)
                break; /* keep gathering until its end arrives */
            cut = (size_t)(nl - p) + 1;
        }
        if ((rc = process(c, cut)))
            return fail(c, rc);
    }
    /* Move the unscanned tail to the front once per call. */
    memmove(c->in.p, c->in.p + c->in_start, c->in.len - c->in_start);
    c->in.len -= c->in_start;
    c->in_start = 0;
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
    return fail(c, have ? process(c, have) : SCRUB_OK);
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
    int rc = have ? process(c, have) : SCRUB_OK;
    c->in.len = c->in_start = 0;
    return fail(c, rc);
}

int scrub_ctx_set_position(scrub_ctx *c, uint64_t offset, uint64_t line)
{
    if (!c || line == 0)
        return SCRUB_E_ARG;
    if (c->in.len != c->in_start)
        return SCRUB_E_STATE; /* bytes held: their position is fixed */
    c->base_offset = offset;
    c->base_line = line;
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
