/* pipeline.c — -j N: the main thread (pipeline_read.c) reads and cuts
 * the input into blocks of whole lines, N workers scrub blocks (one
 * scrub_ctx each, sharing the one immutable engine), a writer thread
 * emits results in input order and adds each block's counts to the
 * metrics. Blocks live in a fixed ring,
 * so memory stays bounded however fast the input comes.
 *
 * Signals are taken by the signal thread alone (workers and writer block
 * them); the reader looks at the stop flag before every read. A reload
 * waits until every block handed out is written, then gives the workers
 * contexts of the new engine: blocks hold whole lines, so the switch
 * falls on a line boundary. */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "pipeline.h"

int grow(char **p, size_t *cap, size_t need)
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

static scrub_ctx *new_ctx(const pipeline *p, const scrub_engine *eng)
{
    scrub_ctx *ctx = scrub_ctx_new(eng);
    if (ctx && p->o->block_size)
        scrub_ctx_set_block_size(ctx, p->o->block_size);
    if (ctx) {
        scrub_ctx_set_matcher(ctx, p->o->matcher);
        scrub_ctx_set_reveal(ctx, p->o->reveal);
        scan_errors_attach(ctx, p->o);
    }
    return ctx;
}

static void scrub_one(pipeline *p, worker_arg *w, scrub_ctx *ctx, block *b)
{
    b->olen = 0;
    w->fs = (fsink){&b->cnt, p->o->findings ? append_finding : NULL, b};
    scrub_ctx_set_findings(ctx, fsink_finding, &w->fs);
    if (!p->o->findings)
        scrub_ctx_set_output(ctx, append_out, b);
    b->rc = scrub_ctx_set_position(ctx, b->offset, b->line);
    if (!b->rc)
        b->rc = scrub_ctx_write(ctx, b->in, b->len);
    if (!b->rc)
        b->rc = scrub_ctx_flush(ctx);
    meter_take(&p->mt[w->idx], ctx, &b->cnt);
    memset(b->in, 0, b->len); /* raw input does not linger */
}

static void *worker(void *arg)
{
    worker_arg *w = arg;
    pipeline *p = w->p;
    ops_block_in_thread();
    pthread_mutex_lock(&p->mu);
    for (;;) {
        while (!p->failed && p->next_work == p->next_fill && !p->eof)
            pthread_cond_wait(&p->changed, &p->mu);
        if (p->failed || (p->next_work == p->next_fill && p->eof))
            break;
        block *b = &p->ring[p->next_work++ % p->nring];
        scrub_ctx *ctx = p->ctxs[w->idx];
        b->state = WORKING;
        pthread_mutex_unlock(&p->mu);
        scrub_one(p, w, ctx, b);
        pthread_mutex_lock(&p->mu);
        b->state = DONE;
        pthread_cond_broadcast(&p->changed);
    }
    pthread_mutex_unlock(&p->mu);
    return NULL;
}

static void *writer(void *arg)
{
    pipeline *p = arg;
    ops_block_in_thread();
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
        int err = b->rc ? 0 : fd_write_all(STDOUT_FILENO, b->out, b->olen);
        if (!b->rc && !err)
            metrics_merge(p->rt->m, &b->cnt, b->fidx);
        counts_zero(&b->cnt);
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

/* Hand the first `keep` bytes of the filled block to the workers; the
 * rest moves on to the next block. */
int publish(pipeline *p, block *b, size_t keep, uint64_t *offset,
            uint64_t *line)
{
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
    if (grow(&next->in, &next->cap, rest + 1)) {
        die_msg("out of memory");
        return -1;
    }
    memcpy(next->in, b->in + keep, rest);
    next->len = rest;
    next->file = b->file;
    next->fidx = b->fidx;
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

/* Bytes up to the last (or first) newline of b; 0 without one. */
size_t upto_nl(const block *b, bool last)
{
    const char *nl = last ? memrchr(b->in, '\n', b->len)
                          : memchr(b->in, '\n', b->len);
    return nl ? (size_t)(nl - b->in) + 1 : 0;
}

/* Until every block handed out has been written. */
void drain(pipeline *p)
{
    pthread_mutex_lock(&p->mu);
    while (!p->failed && p->next_write < p->next_fill)
        pthread_cond_wait(&p->changed, &p->mu);
    pthread_mutex_unlock(&p->mu);
}

/* A reload: the blocks handed out finish under the old engine, the
 * workers then get contexts of the new one. */
int switch_engine(pipeline *p, scrub_engine *neu)
{
    scrub_ctx **fresh = calloc(p->n, sizeof *fresh);
    bool ok = fresh != NULL;
    for (size_t i = 0; ok && i < p->n; i++)
        ok = (fresh[i] = new_ctx(p, neu)) != NULL;
    drain(p);
    if (!ok || p->failed) {
        for (size_t i = 0; fresh && i < p->n; i++)
            scrub_ctx_free(fresh[i]);
        free(fresh);
        scrub_engine_free(neu);
        if (!ok)
            die_msg("reload: out of memory");
        return -1;
    }
    pthread_mutex_lock(&p->mu); /* the workers wait: nothing queued */
    for (size_t i = 0; i < p->n; i++) {
        scrub_ctx *old = p->ctxs[i];
        p->ctxs[i] = fresh[i];
        fresh[i] = old;
        p->mt[i] = (meter){0};
    }
    pthread_mutex_unlock(&p->mu);
    for (size_t i = 0; i < p->n; i++)
        scrub_ctx_free(fresh[i]);
    free(fresh);
    reload_switch(p->rt, neu);
    return 0;
}

static void free_pipeline(pipeline *p)
{
    for (size_t i = 0; p->ring && i < p->nring; i++) {
        free(p->ring[i].in);
        free(p->ring[i].out);
        counts_free(&p->ring[i].cnt);
    }
    free(p->ring);
    for (size_t i = 0; p->ctxs && i < p->n; i++)
        scrub_ctx_free(p->ctxs[i]);
    free(p->ctxs);
    free(p->mt);
    pthread_cond_destroy(&p->changed);
    pthread_mutex_destroy(&p->mu);
}

static int start_threads(pipeline *p, pthread_t *tids, worker_arg *args,
                         size_t *started, pthread_t *wt, bool *writer_ok)
{
    for (size_t i = 0; i < p->n; i++) {
        if (!(p->ctxs[i] = new_ctx(p, p->rt->eng)))
            return -1;
    }
    for (size_t i = 0; i < p->n; i++) {
        args[i] = (worker_arg){p, i, {0}};
        if (pthread_create(&tids[i], NULL, worker, &args[i]))
            return -1;
        (*started)++;
    }
    *writer_ok = !pthread_create(wt, NULL, writer, p);
    return *writer_ok ? 0 : -1;
}

int run_pipeline(runtime *rt, const int *fds, size_t nthreads, bool named)
{
    pipeline p = {.rt = rt, .o = rt->o, .nring = 2 * nthreads + 2,
                  .n = nthreads, .named = named};
    pthread_mutex_init(&p.mu, NULL);
    pthread_cond_init(&p.changed, NULL);
    p.ring = calloc(p.nring, sizeof *p.ring);
    p.ctxs = calloc(nthreads, sizeof *p.ctxs);
    p.mt = calloc(nthreads, sizeof *p.mt);
    pthread_t *tids = calloc(nthreads, sizeof *tids);
    worker_arg *args = calloc(nthreads, sizeof *args);
    pthread_t wt;
    size_t started = 0;
    bool writer_ok = false;
    int rc = (p.ring && p.ctxs && p.mt && tids && args) ? 0 : -1;
    if (rc) {
        die_msg("out of memory");
    } else if (start_threads(&p, tids, args, &started, &wt, &writer_ok)) {
        die_msg("cannot start %zu worker threads", nthreads);
        rc = -1;
    }
    if (!rc)
        rc = read_all(&p, fds);
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
    if (p.rc && p.write_errno)
        die_msg("cannot write to standard output: %s",
                strerror(p.write_errno));
    else if (p.rc)
        die_msg("scrubbing failed: %s", scrub_error_name(p.rc));
    rc = rc || p.rc ? -1 : 0;
    free_pipeline(&p);
    free(args);
    free(tids);
    return rc;
}
