#include "helpers.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const unsigned char test_key[32] = {0,  1,  2,  3,  4,  5,  6,  7,
                                    8,  9,  10, 11, 12, 13, 14, 15,
                                    16, 17, 18, 19, 20, 21, 22, 23,
                                    24, 25, 26, 27, 28, 29, 30, 31};

scrub_config *config_with(const char *yaml, int builtin)
{
    scrub_config *cfg = builtin ? scrub_config_new() : scrub_config_new_empty();
    char err[256];
    ck_assert_ptr_nonnull(cfg);
    if (yaml)
        ck_assert_msg(!scrub_config_load_yaml(cfg, yaml, strlen(yaml), "t",
                                              err, sizeof err),
                      "%s", err);
    return cfg;
}

scrub_engine *engine_of(scrub_config *cfg)
{
    char err[256];
    ck_assert(!scrub_config_set_key(cfg, test_key, sizeof test_key, err,
                                    sizeof err));
    scrub_engine *eng = NULL;
    ck_assert_msg(!scrub_engine_new(&eng, cfg, err, sizeof err), "%s", err);
    return eng;
}

scrub_engine *engine_with(const char *yaml, const char *action_all)
{
    scrub_config *cfg = config_with(yaml, 1);
    if (action_all) {
        scrub_action a;
        ck_assert(!scrub_action_parse(action_all, &a));
        ck_assert(!scrub_config_set_action(cfg, "all", a));
    }
    scrub_engine *eng = engine_of(cfg);
    scrub_config_free(cfg);
    return eng;
}

int collect_output(void *o, const char *p, size_t n)
{
    return sbuf_put(&((run_result *)o)->out, p, n);
}

/* FNV-1a, to compare runs with more findings than are kept. */
static uint64_t fnv(uint64_t h, const void *p, size_t n)
{
    for (const unsigned char *c = p; n--; c++)
        h = (h ^ *c) * 1099511628211ull;
    return h;
}

int collect_finding(void *o, const scrub_finding *f)
{
    run_result *r = o;
    uint64_t pos[3] = {f->offset, f->length, f->line};
    r->digest = fnv(fnv(r->digest, f->type, strlen(f->type)), pos, sizeof pos);
    if (r->nf >= MAX_FINDINGS) { /* count the rest, keep the first ones */
        r->nf++;
        return 0;
    }
    snprintf(r->types[r->nf], sizeof r->types[0], "%s", f->type);
    r->offs[r->nf] = f->offset;
    r->lens[r->nf] = f->length;
    r->lines[r->nf] = f->line;
    r->allowed[r->nf] = f->allowed;
    r->acts[r->nf] = f->action;
    r->nf++;
    return 0;
}

static scrub_ctx *ctx_for(const scrub_engine *eng, size_t block,
                          scrub_matcher m, run_result *res)
{
    memset(res, 0, sizeof *res);
    scrub_ctx *ctx = scrub_ctx_new(eng);
    ck_assert_ptr_nonnull(ctx);
    if (block)
        ck_assert_int_eq(scrub_ctx_set_block_size(ctx, block), 0);
    scrub_ctx_set_matcher(ctx, m);
    scrub_ctx_set_output(ctx, collect_output, res);
    scrub_ctx_set_findings(ctx, collect_finding, res);
    return ctx;
}

/* Feed pieces of step, step * grow + 1, ...; finish; NUL-terminate. */
static void feed(scrub_ctx *ctx, const char *text, size_t len, size_t step,
                 int grow, run_result *res)
{
    size_t pos = 0;
    while (!res->rc && pos < len) {
        size_t n = len - pos < step ? len - pos : step;
        res->rc = scrub_ctx_write(ctx, text + pos, n);
        pos += n;
        if (grow)
            step = step * 3 + 1;
    }
    if (!res->rc)
        res->rc = scrub_ctx_finish(ctx);
    sbuf_putc(&res->out, '\0');
    res->out.len--;
    scrub_ctx_free(ctx);
}

void run_text(const scrub_engine *eng, const char *text, size_t len,
              size_t block, scrub_matcher m, run_result *res)
{
    feed(ctx_for(eng, block, m, res), text, len, 1, 1, res);
}

void run_chunks(const scrub_engine *eng, const char *text, size_t len,
                size_t block, size_t chunk, scrub_matcher m, run_result *res)
{
    feed(ctx_for(eng, block, m, res), text, len, chunk, 0, res);
}

void assert_same_run(const run_result *a, const run_result *b,
                     const char *what)
{
    ck_assert_msg(a->rc == 0 && b->rc == 0, "%s: rc %d / %d", what, a->rc,
                  b->rc);
    ck_assert_msg(a->out.len == b->out.len &&
                      !memcmp(a->out.p, b->out.p, a->out.len),
                  "%s: output differs", what);
    ck_assert_msg(a->nf == b->nf, "%s: %zu findings, not %zu", what, b->nf,
                  a->nf);
    ck_assert_msg(a->digest == b->digest, "%s: findings differ", what);
    for (size_t i = 0; i < a->nf && i < MAX_FINDINGS; i++)
        ck_assert_msg(!strcmp(a->types[i], b->types[i]) &&
                          a->offs[i] == b->offs[i] &&
                          a->lens[i] == b->lens[i] &&
                          a->lines[i] == b->lines[i],
                      "%s: finding %zu differs", what, i);
}

char *scrub_str(const scrub_engine *eng, const char *text)
{
    run_result r;
    run_text(eng, text, strlen(text), 0, SCRUB_MATCHER_HYPERSCAN, &r);
    ck_assert_int_eq(r.rc, 0);
    return r.out.p;
}
