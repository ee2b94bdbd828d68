/* check/examples.c — check rules against their own examples, on all three
 * matchers.
 * Rule files carry their tests; this is what makes them executable. */
#include <stdlib.h>
#include <string.h>

#include "rules/rules.h"

#define MARK_OPEN "\xC2\xAB"  /* « */
#define MARK_CLOSE "\xC2\xBB" /* » */

typedef struct found {
    const char *type;
    uint64_t offset, length;
    struct found *next;
} found;

typedef struct collect {
    found *head;
    int oom;
} collect;

static int on_finding(void *opaque, const scrub_finding *f)
{
    collect *c = opaque;
    found *n = malloc(sizeof *n);
    if (!n) {
        c->oom = 1;
        return 1;
    }
    *n = (found){f->type, f->offset, f->length, c->head};
    c->head = n;
    return 0;
}

static void free_found(found *f)
{
    while (f) {
        found *n = f->next;
        free(f);
        f = n;
    }
}

/* Strip the markers: text becomes plain, [*s, *e) the marked span. */
static char *unmark(const char *ex, size_t *s, size_t *e)
{
    size_t n = strlen(ex);
    char *t = malloc(n + 1);
    if (!t)
        return NULL;
    const char *o = strstr(ex, MARK_OPEN);
    const char *c = o ? strstr(o, MARK_CLOSE) : NULL;
    if (!o || !c) {
        memcpy(t, ex, n + 1);
        *s = 0;
        *e = n;
        return t;
    }
    size_t a = (size_t)(o - ex), b = (size_t)(c - ex);
    memcpy(t, ex, a);
    memcpy(t + a, o + 2, b - a - 2);
    strcpy(t + b - 2, c + 2);
    *s = a;
    *e = b - 2;
    return t;
}

static int run_one(const scrub_engine *eng, scrub_matcher m, const char *text,
                   collect *col)
{
    scrub_ctx *ctx = scrub_ctx_new(eng);
    if (!ctx)
        return SCRUB_E_NOMEM;
    scrub_ctx_set_matcher(ctx, m);
    scrub_ctx_set_findings(ctx, on_finding, col);
    int rc = scrub_ctx_write(ctx, text, strlen(text));
    if (!rc)
        rc = scrub_ctx_finish(ctx);
    scrub_ctx_free(ctx);
    return col->oom ? SCRUB_E_NOMEM : rc;
}

/* Returns 1 when the example fails, 0 when it passes, <0 on error. A
 * negative example of an exclusion rule (type NULL) must give no finding
 * of any type. */
static int check_one(const scrub_engine *eng, const char *type, int positive,
                     const char *ex, scrub_matcher m, const char **why)
{
    size_t s, e;
    char *text = unmark(ex, &s, &e);
    collect col = {0};
    if (!text)
        return -1;
    int rc = run_one(eng, m, text, &col);
    int fails = 0;
    bool exact = false, any = false;
    for (found *f = col.head; f; f = f->next) {
        if (type && strcmp(f->type, type) != 0)
            continue;
        any = true;
        exact |= f->offset == s && f->offset + f->length == e;
    }
    if (positive && !exact) {
        fails = 1;
        *why = any ? "found, but with another span" : "not found";
    } else if (!positive && any) {
        fails = 1;
        *why = "found, but must not be";
    }
    free_found(col.head);
    free(text);
    return rc ? -1 : fails;
}

long scrub_check_examples(const scrub_config *cfg, const scrub_engine *eng,
                          scrub_check_fn fn, void *opaque)
{
    long failures = 0;
    static const scrub_matcher ms[3] = {
        SCRUB_MATCHER_NATIVE, SCRUB_MATCHER_HYPERSCAN, SCRUB_MATCHER_PCRE2};
    for (size_t i = 0; cfg && eng && i < cfg->nrules; i++) {
        const rule *r = &cfg->rules[i];
        if (r->reveal_only)
            continue;
        for (int pos = 1; pos >= 0; pos--) {
            const strlist *l = pos ? &r->examples : &r->negatives;
            for (size_t k = 0; k < l->n; k++) {
                for (int mi = 0; mi < 3; mi++) {
                    const char *why = NULL;
                    int rc = check_one(eng, r->exclude ? NULL : r->type, pos,
                                       l->v[k], ms[mi], &why);
                    if (rc < 0)
                        return -1;
                    if (rc && fn)
                        fn(opaque, r->id, pos, ms[mi], l->v[k], why);
                    failures += rc;
                }
            }
        }
    }
    return failures;
}
