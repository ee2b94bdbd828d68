/* metrics.c — what scrub counts, and where the counts meet.
 *
 * Every ctx gets a findings callback (fsink) that counts each finding by
 * type and by rule into a `counts`, and a `meter` that turns the ctx's
 * running totals (scrub_ctx_stats) into what changed since the last look.
 * The counts of a stretch of input (a read, a block of the -j pipeline, a
 * Kafka round) are merged, under one lock, into the total and into their
 * file's counts; the signal thread reads them for the periodic, USR1 and
 * final reports and the --metrics-file. Counts never hold a value: only
 * numbers, type names, rule ids and file names. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"

struct tally_ent {
    char *name;
    size_t len;
    uint64_t n;
};

static uint64_t hash_name(const char *s, size_t len)
{
    uint64_t h = 1469598103934665603ull; /* FNV-1a */
    for (size_t i = 0; i < len; i++)
        h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
    return h;
}

static int rehash(tally *t, size_t nslot)
{
    uint32_t *slot = calloc(nslot, sizeof *slot);
    if (!slot)
        return -1;
    for (size_t i = 0; i < t->n; i++) {
        size_t k = hash_name(t->v[i].name, t->v[i].len) & (nslot - 1);
        while (slot[k])
            k = (k + 1) & (nslot - 1);
        slot[k] = (uint32_t)(i + 1);
    }
    free(t->slot);
    t->slot = slot;
    t->nslot = nslot;
    return 0;
}

static struct tally_ent *find(const tally *t, const char *name, size_t len,
                              size_t *at)
{
    if (!t->nslot)
        return NULL;
    size_t k = hash_name(name, len) & (t->nslot - 1);
    for (; t->slot[k]; k = (k + 1) & (t->nslot - 1)) {
        struct tally_ent *e = &t->v[t->slot[k] - 1];
        if (e->len == len && !memcmp(e->name, name, len))
            return e;
    }
    if (at)
        *at = k;
    return NULL;
}

int tally_add(tally *t, const char *name, size_t len, uint64_t n)
{
    struct tally_ent *e = find(t, name, len, NULL);
    if (e) {
        e->n += n;
        return 0;
    }
    if ((t->n + 1) * 2 > t->nslot && rehash(t, t->nslot ? t->nslot * 2 : 64))
        return -1;
    if (t->n == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 32;
        struct tally_ent *v = realloc(t->v, cap * sizeof *v);
        if (!v)
            return -1;
        t->v = v;
        t->cap = cap;
    }
    char *copy = strndup(name, len);
    if (!copy)
        return -1;
    size_t at = 0;
    find(t, name, len, &at);
    t->v[t->n] = (struct tally_ent){copy, len, n};
    t->slot[at] = (uint32_t)++t->n;
    return 0;
}

size_t tally_size(const tally *t) { return t->n; }
const char *tally_name(const tally *t, size_t i) { return t->v[i].name; }
uint64_t tally_count(const tally *t, size_t i) { return t->v[i].n; }

uint64_t tally_get(const tally *t, const char *name)
{
    const struct tally_ent *e = find(t, name, strlen(name), NULL);
    return e ? e->n : 0;
}

static void tally_free(tally *t)
{
    for (size_t i = 0; i < t->n; i++)
        free(t->v[i].name);
    free(t->v);
    free(t->slot);
    memset(t, 0, sizeof *t);
}

/* A key rule's quoted twin ("id#quoted") counts as its rule. */
int counts_finding(counts *c, const scrub_finding *f)
{
    return tally_add(&c->types, f->type, strlen(f->type), 1) ||
           tally_add(&c->rules, f->rule_id, strcspn(f->rule_id, "#"), 1);
}

static int tally_merge(tally *dst, const tally *src)
{
    for (size_t i = 0; i < src->n; i++)
        if (src->v[i].n &&
            tally_add(dst, src->v[i].name, src->v[i].len, src->v[i].n))
            return -1;
    return 0;
}

int counts_merge(counts *dst, const counts *src)
{
    dst->bytes_in += src->bytes_in;
    dst->bytes_out += src->bytes_out;
    dst->lines += src->lines;
    dst->findings += src->findings;
    dst->revealed += src->revealed;
    dst->rejected += src->rejected;
    dst->withheld += src->withheld;
    return tally_merge(&dst->types, &src->types) ||
           tally_merge(&dst->rules, &src->rules);
}

/* Zero the numbers, keep the names (they come again). */
void counts_zero(counts *c)
{
    c->bytes_in = c->bytes_out = c->lines = c->findings = 0;
    c->revealed = c->rejected = c->withheld = 0;
    for (size_t i = 0; i < c->types.n; i++)
        c->types.v[i].n = 0;
    for (size_t i = 0; i < c->rules.n; i++)
        c->rules.v[i].n = 0;
}

void counts_free(counts *c)
{
    tally_free(&c->types);
    tally_free(&c->rules);
}

void meter_take(meter *m, const scrub_ctx *ctx, counts *into)
{
    scrub_stats now;
    uint64_t rev, rej;
    scrub_ctx_stats(ctx, &now);
    scrub_ctx_reveal_counts(ctx, &rev, &rej);
    into->bytes_in += now.bytes_in - m->last.bytes_in;
    into->bytes_out += now.bytes_out - m->last.bytes_out;
    into->lines += now.lines - m->last.lines;
    into->findings += now.findings - m->last.findings;
    into->withheld += now.lines_withheld - m->last.lines_withheld;
    into->revealed += rev - m->revealed;
    into->rejected += rej - m->rejected;
    m->last = now;
    m->revealed = rev;
    m->rejected = rej;
}

int fsink_finding(void *opaque, const scrub_finding *f)
{
    fsink *s = opaque;
    if (s->cnt && counts_finding(s->cnt, f))
        return 1;
    return s->emit ? s->emit(s->opaque, f) : 0;
}

/* ---- the meeting point ------------------------------------------------- */

double mono_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

metrics *metrics_new(const options *o)
{
    metrics *m = calloc(1, sizeof *m);
    if (!m)
        return NULL;
    pthread_mutex_init(&m->mu, NULL);
    m->o = o;
    m->t0 = m->last_t = mono_now();
    m->start_unix = (double)time(NULL);
    if (o->nfiles) {
        m->files = calloc(o->nfiles, sizeof *m->files);
        if (!m->files) {
            metrics_free(m);
            return NULL;
        }
        m->nfiles = o->nfiles;
    }
    return m;
}

void metrics_free(metrics *m)
{
    if (!m)
        return;
    counts_free(&m->total);
    for (size_t i = 0; i < m->nfiles; i++)
        counts_free(&m->files[i]);
    free(m->files);
    pthread_mutex_destroy(&m->mu);
    free(m);
}

void metrics_merge(metrics *m, counts *c, long file)
{
    pthread_mutex_lock(&m->mu);
    int bad = counts_merge(&m->total, c);
    if (file >= 0 && (size_t)file < m->nfiles)
        bad |= counts_merge(&m->files[file], c);
    m->oom |= bad;
    pthread_mutex_unlock(&m->mu);
    counts_zero(c);
}

void metrics_register(metrics *m, const scrub_config *cfg,
                      const scrub_engine *eng)
{
    pthread_mutex_lock(&m->mu);
    int bad = 0;
    for (size_t i = 0; i < scrub_engine_type_count(eng); i++) {
        const char *t = scrub_engine_type_name(eng, i);
        bad |= tally_add(&m->total.types, t, strlen(t), 0);
    }
    for (size_t i = 0; i < scrub_config_rule_count(cfg); i++) {
        const char *id = scrub_config_rule_id(cfg, i);
        const char *type = scrub_config_rule_type(cfg, i);
        /* exclusions and reveal-only rules have no type of the engine's */
        bool typed = false;
        for (size_t k = 0; !typed && k < scrub_engine_type_count(eng); k++)
            typed = !strcmp(type, scrub_engine_type_name(eng, k));
        if (typed)
            bad |= tally_add(&m->total.rules, id, strcspn(id, "#"), 0);
    }
    m->oom |= bad;
    pthread_mutex_unlock(&m->mu);
}

void metrics_reload(metrics *m, bool ok)
{
    pthread_mutex_lock(&m->mu);
    if (ok)
        m->reloads_ok++;
    else
        m->reloads_failed++;
    pthread_mutex_unlock(&m->mu);
}
