/* kafka_work.c — records are scrubbed in rounds: the main thread polls a
 * round of records, the round is cut into contiguous runs of about equal
 * bytes, and each worker scrubs one run with its own scrub_ctx (the one
 * immutable engine is shared). Each record's value is one message: it is
 * given to the context whole and flushed, so a value with newlines stays
 * one record and the output is what `scrub` makes of that value alone.
 * The main thread then produces the outputs in input order. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kafka.h"

typedef struct kworker {
    struct kpool *pool;
    size_t idx;
    scrub_ctx *ctx;
    pthread_t tid;
    char *buf; /* this round's outputs, one after another */
    size_t len, cap;
    size_t lo, hi; /* records [lo, hi) of the round */
    const krecord *cur;
    meter mt;      /* what ctx did, counted into cnt */
    counts cnt;
    fsink fs;
} kworker;

struct kpool {
    const scrub_engine *eng;
    const options *o;
    pthread_mutex_t mu;
    pthread_cond_t go, done;
    unsigned gen;
    size_t busy, started;
    int quit;
    kround *round;
    size_t n;
    kworker *w; /* w[0] is the main thread */
    scrub_ctx **all; /* every context made, for --stats */
    size_t nall;
};

static int append(void *opaque, const char *data, size_t n)
{
    kworker *w = opaque;
    if (w->len + n > w->cap) {
        size_t cap = w->cap ? w->cap : 65536;
        while (cap < w->len + n)
            cap *= 2;
        char *p = realloc(w->buf, cap);
        if (!p)
            return 1;
        w->buf = p;
        w->cap = cap;
    }
    memcpy(w->buf + w->len, data, n);
    w->len += n;
    return 0;
}

/* --findings: the JSON line of `scrub --findings`, with the record's
 * topic, partition and offset (topic names need no escaping). */
static int append_finding(void *opaque, const scrub_finding *f)
{
    kworker *w = opaque;
    const rd_kafka_message_t *m = w->cur->m;
    char line[FINDING_MAX];
    int n = format_finding(f, NULL, line, sizeof line);
    if (n < 2)
        return 1;
    n -= 2; /* "}\n" */
    int k = snprintf(line + n, sizeof line - (size_t)n,
                     ",\"topic\":\"%s\",\"partition\":%d,"
                     "\"record_offset\":%lld}\n",
                     rd_kafka_topic_name(m->rkt), (int)m->partition,
                     (long long)m->offset);
    if (k < 0 || (size_t)k >= sizeof line - (size_t)n)
        return 1;
    return append(w, line, (size_t)n + (size_t)k);
}

static scrub_ctx *new_ctx(kpool *p, kworker *w)
{
    scrub_ctx *ctx = scrub_ctx_new(p->eng);
    if (!ctx)
        return NULL;
    pthread_mutex_lock(&p->mu);
    scrub_ctx **all = realloc(p->all, (p->nall + 1) * sizeof *all);
    if (all) {
        all[p->nall++] = ctx;
        p->all = all;
    }
    pthread_mutex_unlock(&p->mu);
    if (!all) {
        scrub_ctx_free(ctx);
        return NULL;
    }
    if (p->o->block_size)
        scrub_ctx_set_block_size(ctx, p->o->block_size);
    scrub_ctx_set_matcher(ctx, p->o->matcher);
    scan_errors_attach(ctx, p->o);
    w->fs = (fsink){&w->cnt, p->o->findings ? append_finding : NULL, w};
    scrub_ctx_set_findings(ctx, fsink_finding, &w->fs);
    if (!p->o->findings)
        scrub_ctx_set_output(ctx, append, w);
    w->mt = (meter){0};
    return ctx;
}

/* One record; on failure its partial output is dropped (never produced)
 * and the context, whose errors are sticky, is replaced. */
static void scrub_record(kworker *w, krecord *rec)
{
    const rd_kafka_message_t *m = rec->m;
    rec->worker = w->idx;
    rec->out_off = w->len;
    rec->out_len = 0;
    rec->rc = w->ctx ? SCRUB_OK : SCRUB_E_NOMEM;
    if (!m->payload || rec->rc)
        return; /* a null value (tombstone) stays null */
    w->cur = rec;
    int rc = scrub_ctx_set_position(w->ctx, 0, 1);
    if (!rc)
        rc = scrub_ctx_write(w->ctx, m->payload, m->len);
    if (!rc)
        rc = scrub_ctx_flush(w->ctx);
    if (rc) {
        rec->rc = rc;
        w->len = rec->out_off;
        meter_take(&w->mt, w->ctx, &w->cnt);
        w->ctx = new_ctx(w->pool, w); /* the old one stays in p->all */
        return;
    }
    rec->out_len = w->len - rec->out_off;
}

static void run_part(kworker *w)
{
    w->len = 0;
    for (size_t i = w->lo; i < w->hi; i++)
        scrub_record(w, &w->pool->round->r[i]);
}

static void *worker_main(void *arg)
{
    kworker *w = arg;
    kpool *p = w->pool;
    unsigned seen = 0;
    ops_block_in_thread();
    pthread_mutex_lock(&p->mu);
    for (;;) {
        while (!p->quit && p->gen == seen)
            pthread_cond_wait(&p->go, &p->mu);
        if (p->quit)
            break;
        seen = p->gen;
        pthread_mutex_unlock(&p->mu);
        run_part(w);
        pthread_mutex_lock(&p->mu);
        if (--p->busy == 0)
            pthread_cond_signal(&p->done);
    }
    pthread_mutex_unlock(&p->mu);
    return NULL;
}

kpool *kpool_new(const scrub_engine *eng, const options *o, size_t n)
{
    kpool *p = calloc(1, sizeof *p);
    if (!p)
        return NULL;
    p->eng = eng;
    p->o = o;
    p->n = n ? n : 1;
    pthread_mutex_init(&p->mu, NULL);
    pthread_cond_init(&p->go, NULL);
    pthread_cond_init(&p->done, NULL);
    p->w = calloc(p->n, sizeof *p->w);
    if (!p->w) {
        kpool_free(p);
        return NULL;
    }
    for (size_t i = 0; i < p->n; i++) {
        p->w[i].pool = p;
        p->w[i].idx = i;
        if (!(p->w[i].ctx = new_ctx(p, &p->w[i]))) {
            kpool_free(p);
            return NULL;
        }
    }
    for (size_t i = 1; i < p->n; i++) {
        if (pthread_create(&p->w[i].tid, NULL, worker_main, &p->w[i])) {
            kpool_free(p);
            return NULL;
        }
        p->started = i;
    }
    return p;
}

void kpool_free(kpool *p)
{
    if (!p)
        return;
    pthread_mutex_lock(&p->mu);
    p->quit = 1;
    pthread_cond_broadcast(&p->go);
    pthread_mutex_unlock(&p->mu);
    for (size_t i = 1; i <= p->started; i++)
        pthread_join(p->w[i].tid, NULL);
    for (size_t i = 0; p->w && i < p->n; i++) {
        free(p->w[i].buf);
        counts_free(&p->w[i].cnt);
    }
    for (size_t i = 0; i < p->nall; i++)
        scrub_ctx_free(p->all[i]);
    free(p->all);
    free(p->w);
    pthread_cond_destroy(&p->go);
    pthread_cond_destroy(&p->done);
    pthread_mutex_destroy(&p->mu);
    free(p);
}

/* Cut r into runs of about equal bytes, one per worker. */
static size_t cut_runs(kpool *p, kround *r)
{
    size_t per = r->bytes / p->n + 1, i = 0, k = 0;
    for (; k < p->n && i < r->n; k++) {
        size_t sum = 0;
        p->w[k].lo = i;
        while (i < r->n && (sum < per || k == p->n - 1))
            sum += r->r[i++].m->len + 1;
        p->w[k].hi = i;
    }
    for (size_t j = k; j < p->n; j++)
        p->w[j].lo = p->w[j].hi = r->n;
    return k;
}

void kpool_scrub(kpool *p, kround *r)
{
    p->round = r;
    size_t used = cut_runs(p, r);
    if (used > 1) {
        pthread_mutex_lock(&p->mu);
        p->busy = p->n - 1;
        p->gen++;
        pthread_cond_broadcast(&p->go);
        pthread_mutex_unlock(&p->mu);
    }
    run_part(&p->w[0]);
    if (used > 1) {
        pthread_mutex_lock(&p->mu);
        while (p->busy)
            pthread_cond_wait(&p->done, &p->mu);
        pthread_mutex_unlock(&p->mu);
    }
}

const char *kpool_output(const kpool *p, const krecord *rec)
{
    return p->w[rec->worker].buf ? p->w[rec->worker].buf + rec->out_off : "";
}

void kpool_account(kpool *p, metrics *m)
{
    for (size_t i = 0; i < p->n; i++) {
        kworker *w = &p->w[i];
        if (w->ctx)
            meter_take(&w->mt, w->ctx, &w->cnt);
        metrics_merge(m, &w->cnt, -1);
    }
}

int kround_add(kround *r, rd_kafka_message_t *m)
{
    if (r->n == r->cap) {
        size_t cap = r->cap ? r->cap * 2 : 1024;
        krecord *n = realloc(r->r, cap * sizeof *n);
        if (!n)
            return -1;
        r->r = n;
        r->cap = cap;
    }
    r->r[r->n++] = (krecord){.m = m};
    r->bytes += m->len;
    return 0;
}

void kround_clear(kround *r)
{
    for (size_t i = 0; i < r->n; i++)
        rd_kafka_message_destroy(r->r[i].m);
    r->n = 0;
    r->bytes = 0;
}
