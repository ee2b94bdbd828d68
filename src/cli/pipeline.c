/* pipeline.c — -j N: the main thread reads and cuts the input into blocks
 * of whole lines, N workers scrub blocks (one scrub_ctx each, sharing the
 * one immutable engine), a writer thread emits results in input order.
 * Blocks live in a fixed ring, so memory stays bounded however fast the
 * input comes. */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

enum { FREE, FILLED, WORKING, DONE };

typedef struct block {
    char *in;
    size_t len, cap;
    char *out;
    size_t olen, ocap;
    uint64_t offset, line, seq;
    const char *file; /* named in findings (NULL: standard input) */
    int state;
    int rc;
} block;

typedef struct pipeline {
    const scrub_engine *eng;
    const options *o;
    pthread_mutex_t mu;
    pthread_cond_t changed;
    block *ring;
    size_t nring;
    uint64_t next_fill, next_work, next_write;
    bool eof, failed;
    bool named; /* FILEs were given: findings name them */
    int write_errno;
    int rc; /* first scan error */
    scrub_ctx **ctxs;
} pipeline;

static volatile sig_atomic_t *stop_flag;
static bool stop_requested(void) { return stop_flag && *stop_flag; }

static int grow(char **p, size_t *cap, size_t need)
{
    if (*cap >= need)
        return 0;
    size_t c = *cap ? *cap : 65536;
    while (c < need)
        c *= 2;
    char *n = realloc(*p, c);
    if (!n)
        return -1;
    *p = n;
    *cap = c;
    return 0;
}

static int append_out(void *opaque, const char *data, size_t n)
{
    block *b = opaque;
    if (grow(&b->out, &b->ocap, b->olen + n))
        return 1;
    memcpy(b->out + b->olen, data, n);
    b->olen += n;
    return 0;
}

static int append_finding(void *opaque, const scrub_finding *f)
{
    const block *b = opaque;
    char line[FINDING_MAX];
    int n = format_finding(f, b->file, line, sizeof line);
    return n < 0 || append_out(opaque, line, (size_t)n);
}

static void scrub_one(pipeline *p, scrub_ctx *ctx, block *b)
{
    b->olen = 0;
    if (p->o->findings)
        scrub_ctx_set_findings(ctx, append_finding, b);
    else
        scrub_ctx_set_output(ctx, append_out, b);
    b->rc = scrub_ctx_set_position(ctx, b->offset, b->line);
    if (!b->rc)
        b->rc = scrub_ctx_write(ctx, b->in, b->len);
    if (!b->rc)
        b->rc = scrub_ctx_flush(ctx);
    memset(b->in, 0, b->len); /* raw input does not linger */
}

typedef struct worker_arg {
    pipeline *p;
    scrub_ctx *ctx;
} worker_arg;

static void *worker(void *arg)
{
    worker_arg *w = arg;
    pipeline *p = w->p;
    pthread_mutex_lock(&p->mu);
    for (;;) {
        while (!p->failed && p->next_work == p->next_fill && !p->eof)
            pthread_cond_wait(&p->changed, &p->mu);
        if (p->failed || (p->next_work == p->next_fill && p->eof))
            break;
        block *b = &p->ring[p->next_work++ % p->nring];
        b->state = WORKING;
        pthread_mutex_unlock(&p->mu);
        scrub_one(p, w->ctx, b);
        pthread_mutex_lock(&p->mu);
        b->state = DONE;
        pthread_cond_broadcast(&p->changed);
    }
    pthread_mutex_unlock(&p->mu);
    return NULL;
}

static int write_all(const char *data, size_t n, bool flush_each)
{
    (void)flush_each;
    while (n) {
        ssize_t w = write(STDOUT_FILENO, data, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return w < 0 ? errno : EIO;
        data += w;
        n -= (size_t)w;
    }
    return 0;
}

static void *writer(void *arg)
{
    pipeline *p = arg;
    pthread_mutex_lock(&p->mu);
    for (;;) {
        block *b = &p->ring[p->next_write % p->nring];
        while (!p->failed && p->next_write < p->next_fill && b->state != DONE)
            pthread_cond_wait(&p->changed, &p->mu);
        if (p->failed)
            break;
        if (p->next_write == p->next_fill) {
            if (p->eof)
                break;
            pthread_cond_wait(&p->changed, &p->mu);
            continue;
        }
        pthread_mutex_unlock(&p->mu);
        int err = b->rc ? 0 : write_all(b->out, b->olen, false);
        pthread_mutex_lock(&p->mu);
        if (b->rc || err) { /* nothing after a failed block is written */
            p->rc = b->rc ? b->rc : SCRUB_E_CALLBACK;
            p->write_errno = err;
            p->failed = true;
        }
        b->state = FREE;
        p->next_write++;
        pthread_cond_broadcast(&p->changed);
    }
    pthread_mutex_unlock(&p->mu);
    return NULL;
}

static uint64_t count_lines(const char *s, size_t n)
{
    uint64_t k = 0;
    for (const char *e = s + n; (s = memchr(s, '\n', (size_t)(e - s))); s++)
        k++;
    return k;
}

/* Hand the filled block to the workers; the bytes after its last newline
 * (if `cut`) move on to the next block. */
static int publish(pipeline *p, block *b, bool cut, uint64_t *offset,
                   uint64_t *line)
{
    size_t keep = b->len;
    if (cut) {
        const char *nl = memrchr(b->in, '\n', b->len);
        keep = nl ? (size_t)(nl - b->in) + 1 : 0;
    }
    if (keep == 0)
        return 0;
    block *next = &p->ring[(p->next_fill + 1) % p->nring];
    pthread_mutex_lock(&p->mu);
    while (!p->failed && next->state != FREE)
        pthread_cond_wait(&p->changed, &p->mu);
    pthread_mutex_unlock(&p->mu);
    if (p->failed)
        return -1;
    size_t rest = b->len - keep;
    if (grow(&next->in, &next->cap, rest + 1))
        return -1;
    memcpy(next->in, b->in + keep, rest);
    next->len = rest;
    b->len = keep;
    b->offset = *offset;
    b->line = *line;
    *offset += keep;
    *line += count_lines(b->in, keep);
    pthread_mutex_lock(&p->mu);
    b->state = FILLED;
    b->seq = p->next_fill++;
    pthread_cond_broadcast(&p->changed);
    pthread_mutex_unlock(&p->mu);
    return 0;
}

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
    d->err = write_all(data, n, false);
    return d->err != 0;
}

static int direct_finding(void *opaque, const scrub_finding *f)
{
    const direct_out *d = opaque;
    char line[FINDING_MAX];
    int n = format_finding(f, d->file, line, sizeof line);
    return n < 0 || direct_text(opaque, line, (size_t)n);
}

static void drain(pipeline *p)
{
    pthread_mutex_lock(&p->mu);
    while (!p->failed && p->next_write < p->next_fill)
        pthread_cond_wait(&p->changed, &p->mu);
    pthread_mutex_unlock(&p->mu);
}

/* Feed b (no newline yet) and what follows up to the line's end through
 * one context; leave the bytes after the newline in b. */
static int long_line(pipeline *p, block *b, int fd, const char *name,
                     uint64_t *offset, uint64_t *line)
{
    drain(p);
    if (p->failed)
        return -1;
    scrub_ctx *ctx = p->ctxs[0]; /* its worker is idle: nothing queued */
    direct_out d = {0, b->file};
    if (p->o->findings)
        scrub_ctx_set_findings(ctx, direct_finding, &d);
    else
        scrub_ctx_set_output(ctx, direct_text, &d);
    int rc = scrub_ctx_set_position(ctx, *offset, *line);
    size_t rest = 0;
    bool done = false;
    while (!rc && !done) {
        const char *nl = memchr(b->in, '\n', b->len);
        size_t take = nl ? (size_t)(nl - b->in) + 1 : b->len;
        rc = scrub_ctx_write(ctx, b->in, take);
        *offset += take;
        if (nl) {
            (*line)++;
            rest = b->len - take;
            memmove(b->in, b->in + take, rest);
            done = true;
            break;
        }
        ssize_t r;
        do
            r = read(fd, b->in, b->cap);
        while (r < 0 && errno == EINTR && !stop_requested());
        if (r < 0 && errno != EINTR) {
            die_msg("cannot read %s: %s", name, strerror(errno));
            return -1;
        }
        b->len = r > 0 ? (size_t)r : 0;
        done = r <= 0; /* end of this input, or a stop signal */
    }
    if (!rc)
        rc = scrub_ctx_flush(ctx);
    b->len = rest;
    if (rc) {
        die_msg("%s", d.err ? strerror(d.err) : scrub_error_name(rc));
        return -1;
    }
    return 0;
}

/* Each input is a stream of its own: its last bytes go out as a block
 * even without a newline, and offsets and lines start again. */
static int read_all(pipeline *p, const int *fds, volatile sig_atomic_t *stop)
{
    size_t block_size = p->o->block_size ? p->o->block_size : 1u << 20;
    for (size_t i = 0; i < p->o->nfiles && !*stop; i++) {
        uint64_t offset = 0, line = 1;
        const char *file = p->named ? p->o->files[i] : NULL;
        for (;;) {
            block *b = &p->ring[p->next_fill % p->nring];
            b->file = file;
            if (grow(&b->in, &b->cap, b->len + 65536))
                return -1;
            ssize_t r = read(fds[i], b->in + b->len, b->cap - b->len);
            if (r < 0 && errno == EINTR) {
                if (*stop)
                    break;
                continue;
            }
            if (r < 0) {
                die_msg("cannot read %s: %s", p->o->files[i], strerror(errno));
                return -1;
            }
            if (r == 0)
                break;
            b->len += (size_t)r;
            if (b->len >= LONG_LINE_BLOCK && !memchr(b->in, '\n', b->len) &&
                long_line(p, b, fds[i], p->o->files[i], &offset, &line))
                return -1;
            if ((b->len >= block_size || p->o->line_buffered) &&
                publish(p, b, true, &offset, &line))
                return -1;
            if (p->failed)
                return -1;
        }
        block *b = &p->ring[p->next_fill % p->nring];
        b->file = file;
        if (b->len && publish(p, b, false, &offset, &line))
            return -1;
    }
    return 0;
}

int run_pipeline(const scrub_engine *eng, const options *o, const int *fds,
                 volatile sig_atomic_t *stop, scrub_ctx **stats_ctxs,
                 size_t nthreads, bool named)
{
    pipeline p = {.eng = eng, .o = o, .nring = 2 * nthreads + 2,
                  .ctxs = stats_ctxs, .named = named};
    stop_flag = stop;
    pthread_mutex_init(&p.mu, NULL);
    pthread_cond_init(&p.changed, NULL);
    p.ring = calloc(p.nring, sizeof *p.ring);
    pthread_t *tids = calloc(nthreads, sizeof *tids);
    worker_arg *args = calloc(nthreads, sizeof *args);
    pthread_t wt;
    size_t started = 0;
    int rc = (p.ring && tids && args) ? 0 : -1;
    for (size_t i = 0; !rc && i < nthreads; i++) {
        args[i] = (worker_arg){&p, stats_ctxs[i]};
        if (pthread_create(&tids[i], NULL, worker, &args[i]))
            rc = -1;
        else
            started++;
    }
    bool writer_ok = !rc && !pthread_create(&wt, NULL, writer, &p);
    if (!writer_ok)
        rc = -1;
    if (!rc)
        rc = read_all(&p, fds, stop);
    pthread_mutex_lock(&p.mu);
    p.eof = true;
    if (rc)
        p.failed = true;
    pthread_cond_broadcast(&p.changed);
    pthread_mutex_unlock(&p.mu);
    for (size_t i = 0; i < started; i++)
        pthread_join(tids[i], NULL);
    if (writer_ok)
        pthread_join(wt, NULL);
    if (p.rc) {
        die_msg("%s", p.write_errno ? strerror(p.write_errno)
                                    : scrub_error_name(p.rc));
        rc = -1;
    } else if (rc && !p.failed) {
        die_msg("out of memory");
    }
    for (size_t i = 0; p.ring && i < p.nring; i++) {
        free(p.ring[i].in);
        free(p.ring[i].out);
    }
    free(p.ring);
    free(args);
    free(tids);
    pthread_cond_destroy(&p.changed);
    pthread_mutex_destroy(&p.mu);
    return rc ? -1 : 0;
}
