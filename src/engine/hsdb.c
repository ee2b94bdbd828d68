/* engine/hsdb.c — the Hyperscan database of every rule on Hyperscan's
 * path, one scan for all. Compiling it is most of a start-up: the built-in
 * rules' database is compiled at build time (mkdb) and deserialised when
 * the patterns are exactly those it was built from. */
#include <stdlib.h>
#include <string.h>

#include "engine/engine.h"

/* FNV-1a over the patterns and flags Hyperscan is given, in order: a
 * serialised database is used only for exactly these. */
uint64_t eng_hs_signature(const scrub_engine *eng, const scrub_config *cfg)
{
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < eng->nrules; i++) {
        if (!eng->rules[i].on_hs)
            continue;
        const char *p = eng->rules[i].hs_expr ? eng->rules[i].hs_expr
                                              : cfg->rules[i].pattern;
        for (; *p; p++)
            h = (h ^ (unsigned char)*p) * 1099511628211ull;
        h = (h ^ (cfg->rules[i].caseless ? 0xC1u : 0xC0u)) * 1099511628211ull;
    }
    return h;
}

/* Start-up without compiling: the built-in database from the build. Any
 * doubt (custom rules, other patterns, another CPU) means compile. */
static bool load_builtin_hs(scrub_engine *eng, const scrub_config *cfg)
{
    if (cfg->custom_rules || scrub_builtin_hsdb_len == 0 ||
        eng_hs_signature(eng, cfg) != scrub_builtin_hsdb_sig)
        return false;
    hs_database_t *db = NULL;
    if (hs_deserialize_database((const char *)scrub_builtin_hsdb,
                                scrub_builtin_hsdb_len, &db) != HS_SUCCESS)
        return false;
    hs_scratch_t *s = NULL;
    if (hs_alloc_scratch(db, &s) != HS_SUCCESS) {
        hs_free_database(db);
        return false;
    }
    hs_free_scratch(s);
    eng->db = db;
    return true;
}

int eng_compile_hs(scrub_engine *eng, const scrub_config *cfg, char *err,
                      size_t errlen)
{
    size_t n = 0;
    for (size_t i = 0; i < eng->nrules; i++)
        n += eng->rules[i].on_hs;
    if (n == 0)
        return SCRUB_OK;
    const char **exprs = calloc(n, sizeof *exprs);
    unsigned *flags = calloc(n, sizeof *flags);
    unsigned *ids = calloc(n, sizeof *ids);
    eng->hs_rule = calloc(n, sizeof *eng->hs_rule);
    int rc = SCRUB_OK;
    if (!exprs || !flags || !ids || !eng->hs_rule) {
        rc = set_err(err, errlen, SCRUB_E_NOMEM, "out of memory");
        goto out;
    }
    for (size_t i = 0, k = 0; i < eng->nrules; i++) {
        if (!eng->rules[i].on_hs)
            continue;
        exprs[k] = eng->rules[i].hs_expr ? eng->rules[i].hs_expr
                                         : cfg->rules[i].pattern;
        flags[k] = cfg->rules[i].caseless ? HS_FLAG_CASELESS : 0;
        ids[k] = (unsigned)k;
        eng->hs_rule[k++] = (unsigned)i;
    }
    eng->nhs = n;
    if (load_builtin_hs(eng, cfg))
        goto out;
    hs_compile_error_t *ce = NULL;
    if (hs_compile_multi(exprs, flags, ids, (unsigned)n, HS_MODE_BLOCK, NULL,
                         &eng->db, &ce) != HS_SUCCESS) {
        const char *id = ce && ce->expression >= 0
                             ? cfg->rules[eng->hs_rule[ce->expression]].id
                             : "?";
        rc = set_err(err, errlen, SCRUB_E_PATTERN, "rule %s: hyperscan: %s",
                     id, ce ? ce->message : "compile failed");
        hs_free_compile_error(ce);
    }
out:
    free(ids);
    free(flags);
    free(exprs);
    return rc;
}
