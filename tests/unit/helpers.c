#include "helpers.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const unsigned char test_key[32] = {0,  1,  2,  3,  4,  5,  6,  7,
                                    8,  9,  10, 11, 12, 13, 14, 15,
                                    16, 17, 18, 19, 20, 21, 22, 23,
                                    24, 25, 26, 27, 28, 29, 30, 31};

scrub_engine *engine_with(const char *yaml, const char *action_all)
{
    scrub_config *cfg = scrub_config_new();
    char err[256];
    ck_assert_ptr_nonnull(cfg);
    if (yaml)
        ck_assert_msg(!scrub_config_load_yaml(cfg, yaml, strlen(yaml), "t",
                                              err, sizeof err),
                      "%s", err);
    if (action_all) {
        scrub_action a;
        ck_assert(!scrub_action_parse(action_all, &a));
        ck_assert(!scrub_config_set_action(cfg, "all", a));
    }
    ck_assert(!scrub_config_set_key(cfg, test_key, sizeof test_key, err,
                                    sizeof err));
    scrub_engine *eng = NULL;
    ck_assert_msg(!scrub_engine_new(&eng, cfg, err, sizeof err), "%s", err);
    scrub_config_free(cfg);
    return eng;
}

static int on_out(void *o, const char *p, size_t n)
{
    return sbuf_put(&((run_result *)o)->out, p, n);
}

static int on_find(void *o, const scrub_finding *f)
{
    run_result *r = o;
    if (r->nf >= 64) { /* count the rest, keep the first 64 */
        r->nf++;
        return 0;
    }
    snprintf(r->types[r->nf], sizeof r->types[0], "%s", f->type);
    r->offs[r->nf] = f->offset;
    r->lens[r->nf] = f->length;
    r->lines[r->nf] = f->line;
    r->nf++;
    return 0;
}

void run_text(const scrub_engine *eng, const char *text, size_t len,
              size_t block, scrub_matcher m, run_result *res)
{
    memset(res, 0, sizeof *res);
    scrub_ctx *ctx = scrub_ctx_new(eng);
    ck_assert_ptr_nonnull(ctx);
    if (block)
        scrub_ctx_set_block_size(ctx, block);
    scrub_ctx_set_matcher(ctx, m);
    scrub_ctx_set_output(ctx, on_out, res);
    scrub_ctx_set_findings(ctx, on_find, res);
    /* Feed in uneven pieces, as a pipe would. */
    size_t pos = 0, step = 1;
    while (!res->rc && pos < len) {
        size_t n = len - pos < step ? len - pos : step;
        res->rc = scrub_ctx_write(ctx, text + pos, n);
        pos += n;
        step = step * 3 + 1;
    }
    if (!res->rc)
        res->rc = scrub_ctx_finish(ctx);
    sbuf_putc(&res->out, '\0');
    res->out.len--;
    scrub_ctx_free(ctx);
}

char *scrub_str(const scrub_engine *eng, const char *text)
{
    run_result r;
    run_text(eng, text, strlen(text), 0, SCRUB_MATCHER_HYPERSCAN, &r);
    ck_assert_int_eq(r.rc, 0);
    return r.out.p;
}
