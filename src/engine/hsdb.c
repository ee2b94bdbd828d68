/* engine/hsdb.c — the Hyperscan databases, one scan for all their rules:
 * the default matcher's (every rule Hyperscan takes but the native ones)
 * and the full one of SCRUB_MATCHER_HYPERSCAN, the reference (made on
 * first use). Compiling is most of a start-up: the built-in rules'
 * databases are compiled at build time (mkdb) and deserialised when the
 * patterns are exactly those they were built from. */
#include <stdlib.h>
#include <string.h>

#include "engine/engine.h"

static bool in_db(const crule *cr, bool full)
{
    return cr->on_hs && (full || !cr->on_native);
}

/* FNV-1a over the patterns and flags Hyperscan is given, in order: a
 * serialised database is used only for exactly these. */
uint64_t eng_hs_signature(const scrub_engine *eng, bool full)
{
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < eng->nrules; i++) {
        if (!in_db(&eng->rules[i], full))
            continue;
        for (const char *p = eng->rules[i].hs_expr; *p; p++)
            h = (h ^ (unsigned char)*p) * 1099511628211ull;
        h = (h ^ (eng->rules[i].caseless ? 0xC1u : 0xC0u)) * 1099511628211ull;
    }
    return h;
}

/* Start-up without compiling: a built-in database from the build. Any
 * doubt (custom rules, other patterns, another CPU) means compile. */
static hs_database_t *load_builtin(const scrub_engine *eng, bool full)
{
    const unsigned char *blob = full ? scrub_builtin_hsdb : scrub_builtin_hsdb_nat;
    size_t n = full ? scrub_builtin_hsdb_len : scrub_builtin_hsdb_nat_len;
    uint64_t sig = full ? scrub_builtin_hsdb_sig : scrub_builtin_hsdb_nat_sig;
    hs_database_t *db = NULL;
    hs_scratch_t *s = NULL;
    if (!eng->builtin_rules || n == 0 || eng_hs_signature(eng, full) != sig ||
        hs_deserialize_database((const char *)blob, n, &db) != HS_SUCCESS)
        return NULL;
    if (hs_alloc_scratch(db, &s) != HS_SUCCESS) {
        hs_free_database(db);
        return NULL;
    }
    hs_free_scratch(s);
    return db;
}

/* The rules of a database, and the map from Hyperscan ids to rules. */
static int collect(const scrub_engine *eng, bool full, const char ***exprs,
                   unsigned **flags, unsigned **ids, unsigned **map, size_t *n)
{
    *n = 0;
    for (size_t i = 0; i < eng->nrules; i++)
        *n += in_db(&eng->rules[i], full);
    size_t c = *n ? *n : 1;
    *exprs = calloc(c, sizeof **exprs);
    *flags = calloc(c, sizeof **flags);
    *ids = calloc(c, sizeof **ids);
    *map = calloc(c, sizeof **map);
    if (!*exprs || !*flags || !*ids || !*map)
        return SCRUB_E_NOMEM;
    for (size_t i = 0, k = 0; i < eng->nrules; i++) {
        if (!in_db(&eng->rules[i], full))
            continue;
        (*exprs)[k] = eng->rules[i].hs_expr;
        (*flags)[k] = eng->rules[i].caseless ? HS_FLAG_CASELESS : 0;
        (*ids)[k] = (unsigned)k;
        (*map)[k++] = (unsigned)i;
    }
    return SCRUB_OK;
}

static int compile(const scrub_engine *eng, const char **exprs,
                   const unsigned *flags, const unsigned *ids,
                   const unsigned *map, size_t n, hs_database_t **db,
                   char *err, size_t errlen)
{
    hs_compile_error_t *ce = NULL;
    if (hs_compile_multi(exprs, flags, ids, (unsigned)n, HS_MODE_BLOCK, NULL,
                         db, &ce) == HS_SUCCESS)
        return SCRUB_OK;
    const char *id =
        ce && ce->expression >= 0 ? eng->rules[map[ce->expression]].id : "?";
    int rc = set_err(err, errlen, SCRUB_E_PATTERN, "rule %s: hyperscan: %s",
                     id, ce ? ce->message : "compile failed");
    hs_free_compile_error(ce);
    return rc;
}

int eng_compile_hs(scrub_engine *eng, bool full, char *err, size_t errlen)
{
    const char **exprs = NULL;
    unsigned *flags = NULL, *ids = NULL, *map = NULL;
    size_t n;
    hs_database_t *db = NULL;
    int rc = collect(eng, full, &exprs, &flags, &ids, &map, &n);
    if (rc)
        rc = set_err(err, errlen, SCRUB_E_NOMEM, "out of memory");
    else if (n && !(db = load_builtin(eng, full)))
        rc = compile(eng, exprs, flags, ids, map, n, &db, err, errlen);
    free(ids);
    free(flags);
    free(exprs);
    if (rc) {
        free(map);
        return rc;
    }
    if (full)
        eng->full_db = db, eng->full_rule = map, eng->nfull = n;
    else
        eng->db = db, eng->hs_rule = map, eng->nhs = n;
    return SCRUB_OK;
}

int eng_prepare_hyperscan(scrub_engine *eng)
{
    if (!eng->nat.any)
        return SCRUB_OK; /* db is the full database */
    pthread_mutex_lock(&eng->jit_lock);
    if (!eng->full_rule && !eng->full_error) {
        char err[8];
        eng->full_error = eng_compile_hs(eng, true, err, sizeof err);
    }
    int rc = eng->full_error;
    pthread_mutex_unlock(&eng->jit_lock);
    return rc;
}
