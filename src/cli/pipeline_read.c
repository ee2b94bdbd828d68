/* pipeline_read.c — the reader of -j N (the main thread): it cuts each
 * input into blocks of whole lines for the workers, scrubs a line longer
 * than LONG_LINE_BLOCK as a stream through worker 0's context, looks at
 * the stop flag before every read (ops_read) and takes reloads at a line
 * boundary: the lines complete when the HUP came, and the rest of the
 * line under way, are scrubbed under the old engine; the bytes after it
 * under the new one. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pipeline.h"

/* A line longer than this is not gathered into one block: the pipeline
 * drains, and worker 0's context scrubs the line as a stream (it works in
 * bounded memory), then the pipeline resumes after the line's end. */
#define LONG_LINE_BLOCK (8u << 20)

typedef struct direct_out {
    int err;
    const char *file;
} direct_out;

static int direct_text(void *opaque, const char *data, size_t n)
{
    direct_out *d = opaque;
    d->err = fd_write_all(STDOUT_FILENO, data, n);
    return d->err != 0;
}

static int direct_finding(void *opaque, const scrub_finding *f)
{
    const direct_out *d = opaque;
    char line[FINDING_MAX];
    int n = format_finding(f, d->file, line, sizeof line);
    return n < 0 || direct_text(opaque, line, (size_t)n);
}

/* Feed b (no newline yet) and what follows up to the line's end, or to
 * the end of the input or a stop, through one context; leave the bytes
 * after the newline in b. */
static int long_line(pipeline *p, block *b, int fd, const char *name,
                     uint64_t *offset, uint64_t *line)
{
    drain(p);
    if (p->failed)
        return -1;
    scrub_ctx *ctx = p->ctxs[0]; /* its worker is idle: nothing queued */
    direct_out d = {0, b->file};
    fsink fs = {&b->cnt, p->o->findings ? direct_finding : NULL, &d};
    scrub_ctx_set_findings(ctx, fsink_finding, &fs);
    if (!p->o->findings)
        scrub_ctx_set_output(ctx, direct_text, &d);
    int rc = scrub_ctx_set_position(ctx, *offset, *line);
    size_t rest = 0;
    for (bool done = false; !rc && !done;) {
        const char *nl = memchr(b->in, '\n', b->len);
        size_t take = nl ? (size_t)(nl - b->in) + 1 : b->len;
        rc = scrub_ctx_write(ctx, b->in, take);
        *offset += take;
        if (nl) {
            (*line)++;
            rest = b->len - take;
            memmove(b->in, b->in + take, rest);
            break;
        }
        ssize_t r;
        while ((r = ops_read(fd, b->in, b->cap)) == -2 && !ops_stopping())
            ;
        if (r == -1) {
            die_msg("cannot read %s: %s", name, strerror(errno));
            return -1;
        }
        b->len = r > 0 ? (size_t)r : 0;
        done = r <= 0; /* end of this input, or a stop signal */
    }
    if (!rc)
        rc = scrub_ctx_flush(ctx);
    meter_take(&p->mt[0], ctx, &b->cnt);
    metrics_merge(p->rt->m, &b->cnt, b->fidx);
    b->len = rest;
    if (rc && d.err)
        die_msg("cannot write to standard output: %s", strerror(d.err));
    else if (rc)
        die_msg("scrubbing failed: %s", scrub_error_name(rc));
    return rc ? -1 : 0;
}

/* Where one input stands: a reload waits for the end of the line that
 * was under way when it came (`open_line`), so that what was read
 * before the HUP is scrubbed under the old engine. */
typedef struct reader {
    int fd;
    size_t i;
    const char *name;
    uint64_t offset, line;
    scrub_engine *pend;
    bool open_line;
} reader;

static block *current(pipeline *p, const reader *r)
{
    block *b = &p->ring[p->next_fill % p->nring];
    b->file = p->named ? r->name : NULL;
    b->fidx = p->named ? (long)r->i : -1;
    return b;
}

/* After a HUP: the complete lines read go out under the old engine; the
 * switch comes once the line under way (if any) is complete too. */
static int take_reload(pipeline *p, reader *r)
{
    scrub_engine *neu = reload_poll(p->rt);
    if (neu) {
        scrub_engine_free(r->pend);
        r->pend = neu;
        block *b = current(p, r);
        if (publish(p, b, upto_nl(b, true), &r->offset, &r->line))
            return -1;
        r->open_line = current(p, r)->len > 0;
    }
    if (!r->pend)
        return 0;
    block *b = current(p, r);
    size_t end = upto_nl(b, false);
    if (r->open_line && !end)
        return 0; /* still the same line */
    if (r->open_line && publish(p, b, end, &r->offset, &r->line))
        return -1;
    scrub_engine *neu2 = r->pend;
    r->pend = NULL;
    r->open_line = false;
    return switch_engine(p, neu2);
}

/* One input, a stream of its own: its last bytes go out as a block even
 * without a newline, and offsets and lines start again. */
static int read_input(pipeline *p, reader *r, size_t block_size)
{
    for (;;) {
        if (take_reload(p, r))
            return -1;
        block *b = current(p, r);
        if (grow(&b->in, &b->cap, b->len + 65536)) {
            die_msg("out of memory");
            return -1;
        }
        ssize_t n = ops_read(r->fd, b->in + b->len, b->cap - b->len);
        if (n == -2 && ops_stopping())
            break;
        if (n == -2)
            continue;
        if (n < 0) {
            die_msg("cannot read %s: %s", r->name, strerror(errno));
            return -1;
        }
        if (n == 0)
            break;
        b->len += (size_t)n;
        if (b->len >= LONG_LINE_BLOCK && !memchr(b->in, '\n', b->len)) {
            if (long_line(p, b, r->fd, r->name, &r->offset, &r->line))
                return -1;
            r->open_line = false; /* it ended under the old engine */
        }
        if (r->pend && take_reload(p, r)) /* the line under way ended? */
            return -1;
        b = current(p, r);
        if ((b->len >= block_size || p->o->line_buffered) &&
            publish(p, b, upto_nl(b, true), &r->offset, &r->line))
            return -1;
        if (p->failed)
            return -1;
    }
    block *b = current(p, r);
    if (publish(p, b, b->len, &r->offset, &r->line))
        return -1;
    scrub_engine *neu = r->pend; /* the input ended: a line boundary */
    r->pend = NULL;
    return neu ? switch_engine(p, neu) : 0;
}

static int read_one(pipeline *p, int fd, size_t i, size_t block_size)
{
    reader r = {fd, i, p->o->files[i], 0, 1, NULL, false};
    int rc = read_input(p, &r, block_size);
    scrub_engine_free(r.pend);
    return rc;
}

int read_all(pipeline *p, const int *fds)
{
    size_t block_size = p->o->block_size ? p->o->block_size : 1u << 20;
    for (size_t i = 0; i < p->o->nfiles && !ops_stopping(); i++)
        if (read_one(p, fds[i], i, block_size))
            return -1;
    return 0;
}

