/* hsprobe.c — where does the Hyperscan scan time go? Compiles each
 * built-in rule alone, scans a file, and prints the time and the number of
 * match callbacks per rule, then all rules together. For profiling only.
 * Build: make build/hsprobe; run: build/hsprobe FILE */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "engine/engine.h"

static int count_cb(unsigned id, unsigned long long from,
                    unsigned long long to, unsigned flags, void *ctx)
{
    (void)id, (void)from, (void)to, (void)flags;
    ++*(unsigned long long *)ctx;
    return 0;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void probe(const char *name, const char **exprs, unsigned *flags,
                  unsigned n, const char *buf, size_t len)
{
    hs_database_t *db = NULL;
    hs_compile_error_t *ce = NULL;
    unsigned *ids = calloc(n, sizeof *ids);
    for (unsigned i = 0; i < n; i++)
        ids[i] = i;
    if (hs_compile_multi(exprs, flags, ids, n, HS_MODE_BLOCK, NULL, &db,
                         &ce) != HS_SUCCESS) {
        printf("%-28s compile error: %s\n", name, ce->message);
        hs_free_compile_error(ce);
        free(ids);
        return;
    }
    hs_scratch_t *s = NULL;
    hs_alloc_scratch(db, &s);
    unsigned long long matches = 0;
    double t0 = now();
    for (size_t off = 0; off < len; off += 1 << 20) {
        size_t n1 = len - off < (1u << 20) ? len - off : 1u << 20;
        hs_scan(db, buf + off, (unsigned)n1, 0, s, count_cb, &matches);
    }
    double dt = now() - t0;
    printf("%-28s %8.1f MB/s %10llu matches\n", name, (double)len / 1e6 / dt,
           matches);
    hs_free_scratch(s);
    hs_free_database(db);
    free(ids);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: hsprobe FILE\n");
        return 2;
    }
    FILE *f = fopen(argv[1], "rb");
    if (!f)
        return 2;
    fseek(f, 0, SEEK_END);
    size_t len = (size_t)ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc(len);
    if (fread(buf, 1, len, f) != len)
        return 2;
    fclose(f);
    scrub_config *cfg = scrub_config_new();
    scrub_engine *eng = NULL;
    char err[256];
    scrub_config_set_action(cfg, "all", SCRUB_ACTION_REDACT);
    if (scrub_engine_new(&eng, cfg, err, sizeof err)) {
        fprintf(stderr, "hsprobe: %s\n", err);
        return 2;
    }
    const char **all = calloc(cfg->nrules, sizeof *all);
    unsigned *flags = calloc(cfg->nrules, sizeof *flags);
    unsigned n = 0;
    for (size_t i = 0; i < cfg->nrules; i++) {
        const rule *r = &cfg->rules[i];
        if (!eng->rules[i].on_hs)
            continue;
        flags[n] = r->caseless ? HS_FLAG_CASELESS : 0;
        all[n] = eng->rules[i].hs_expr ? eng->rules[i].hs_expr : r->pattern;
        if (argc > 2 && strcmp(argv[2], r->id) == 0)
            fprintf(stderr, "%s\n", all[n]);
        probe(r->id, &all[n], &flags[n], 1, buf, len);
        n++;
    }
    probe("ALL", all, flags, n, buf, len);
    scrub_engine_free(eng);
    scrub_config_free(cfg);
    free(all);
    free(flags);
    free(buf);
    return 0;
}
