/* engine.c — compile a config into the immutable, shareable engine. */
#include <sodium.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static int type_index(scrub_engine *eng, const char *type, unsigned *idx)
{
    for (size_t i = 0; i < eng->ntypes; i++) {
        if (strcmp(eng->types[i], type) == 0) {
            *idx = (unsigned)i;
            return SCRUB_OK;
        }
    }
    char **v = realloc(eng->types, (eng->ntypes + 1) * sizeof *v);
    if (!v)
        return SCRUB_E_NOMEM;
    eng->types = v;
    if (!(v[eng->ntypes] = xstrdup(type)))
        return SCRUB_E_NOMEM;
    *idx = (unsigned)eng->ntypes++;
    return SCRUB_OK;
}

/* opts: PCRE2_ANCHORED is given at compile time, because JIT code
 * cannot take it at match time (the interpreter would run instead).
 * JIT compiling is most of the cost of a program: only the programs of
 * the hot path are JIT-compiled at start (jit); the others when needed. */
static pcre2_code *compile_pcre(const char *src, bool caseless, uint32_t opts,
                                bool jit, const char *rule_id,
                                const char *what, char *err, size_t errlen)
{
    int code;
    PCRE2_SIZE off;
    opts |= caseless ? PCRE2_CASELESS : 0;
    pcre2_code *re = pcre2_compile((PCRE2_SPTR)src, PCRE2_ZERO_TERMINATED,
                                   opts, &code, &off, NULL);
    if (!re) {
        PCRE2_UCHAR msg[160];
        pcre2_get_error_message(code, msg, sizeof msg);
        set_err(err, errlen, SCRUB_E_PATTERN,
                "rule %s: %s does not compile at offset %zu: %s", rule_id,
                what, (size_t)off, (const char *)msg);
        return NULL;
    }
    /* JIT is an optimisation: without it (e.g. no executable memory) the
     * interpreter gives identical results. */
    if (jit)
        pcre2_jit_compile(re, PCRE2_JIT_COMPLETE);
    return re;
}

/* "(?:a)(?:b)" followed by tail: the pieces of a rule's PCRE2 programs. */
static char *wrap2(const char *a, const char *b, const char *tail)
{
    size_t n = strlen(a) + strlen(b) + strlen(tail) + 9;
    char *s = malloc(n);
    if (s)
        snprintf(s, n, "(?:%s)(?:%s)%s", a, b, tail);
    return s;
}

/* The whole-rule program, from the source kept in cr->full_src. */
static int compile_full(crule *cr, const char *id, char *err, size_t errlen)
{
    cr->full_re = compile_pcre(cr->full_src, cr->caseless,
                               PCRE2_NO_AUTO_POSSESS, false, id, "pattern",
                               err, errlen);
    if (!cr->full_re)
        return SCRUB_E_PATTERN;
    int gf = pcre2_substring_number_from_name(cr->full_re, (PCRE2_SPTR) "v");
    if ((gf > 0 ? (uint32_t)gf : 0) != cr->vgroup) /* LEFT/RIGHT have one */
        return set_err(err, errlen, SCRUB_E_PATTERN,
                       "rule %s: the value group (?<v>...) must be in the "
                       "pattern, once", id);
    return SCRUB_OK;
}

/* Build the PCRE2 programs of a rule: start recovery, right guard and the
 * whole-rule program (PCRE2 path and reference matcher); the anchored
 * start program comes after probe_hs, for fixed-width rules only. */
static int compile_rule_pcre(crule *cr, const rule *r, bool need_right,
                             bool defer_full, char *err, size_t errlen)
{
    const char *left = r->left ? r->left : "";
    const char *right = r->right ? r->right : "";
    char *start_src = wrap2(left, r->pattern, "\\z");
    /* The whole program ends in a callout that sees every end (scan.c);
     * auto-possessification would hide the shorter ones. */
    char *right_grp = wrap2("", right, "(?C1)");
    cr->full_src = right_grp ? wrap2(left, r->pattern, right_grp) : NULL;
    free(right_grp);
    int rc = SCRUB_OK;
    if (!start_src || !cr->full_src) {
        rc = set_err(err, errlen, SCRUB_E_NOMEM, "out of memory");
        goto out;
    }
    cr->start_re = compile_pcre(start_src, r->caseless, 0, true, r->id,
                                "pattern with left", err, errlen);
    bool has_right = r->right && *r->right;
    if (cr->start_re && has_right && need_right)
        cr->right_re = compile_pcre(r->right, r->caseless, PCRE2_ANCHORED,
                                    false, r->id, "right", err, errlen);
    if (!cr->start_re || (has_right && need_right && !cr->right_re)) {
        rc = SCRUB_E_PATTERN;
        goto out;
    }
    int g = pcre2_substring_number_from_name(cr->start_re, (PCRE2_SPTR) "v");
    cr->vgroup = g > 0 ? (uint32_t)g : 0;
    cr->caseless = r->caseless;
    if (!defer_full)
        rc = compile_full(cr, r->id, err, errlen);
out:
    free(start_src);
    return rc;
}

/* A right guard of the form (?![class]) depends on one byte only: turn it
 * into a 256-bit set by asking PCRE2 about every byte, so the hot path
 * tests a bit instead of calling the matcher. */
static int right_guard_to_set(crule *cr, const rule *r)
{
    const char *g = r->right;
    size_t n = g ? strlen(g) : 0;
    if (!cr->right_re || n < 6 || strncmp(g, "(?![", 4) != 0 ||
        strcmp(g + n - 2, "])") != 0)
        return SCRUB_OK;
    for (size_t i = 4; i < n - 2; i++) /* one class, nothing else */
        if (strchr("[]()|", g[i]))
            return SCRUB_OK;
    pcre2_match_data *md = pcre2_match_data_create(1, NULL);
    if (!md)
        return SCRUB_E_NOMEM;
    for (int b = 0; b < 256; b++) {
        unsigned char s = (unsigned char)b;
        if (pcre2_match(cr->right_re, &s, 1, 0, 0, md, NULL) < 0)
            cr->right_bad[b >> 3] |= (uint8_t)(1u << (b & 7));
    }
    cr->right_bad_at_end =
        pcre2_match(cr->right_re, (PCRE2_SPTR) "", 0, 0, 0, md, NULL) < 0;
    cr->right_is_set = true;
    pcre2_match_data_free(md);
    return SCRUB_OK;
}

/* With hs_terminator, Hyperscan matches the value and the byte after it
 * (or the end of data): it then reports the end of a digit run once, not
 * at every digit. Needs a one-byte right guard and values that never end
 * in a byte the guard allows, which the rule author asserts. */
static int terminate_hs_expr(crule *cr, const rule *r)
{
    if (!r->hs_terminator || !cr->right_is_set || !cr->on_hs)
        return SCRUB_OK;
    sbuf b = {0};
    int rc = sbuf_put(&b, "(?:", 3);
    rc |= sbuf_put(&b, r->pattern, strlen(r->pattern));
    rc |= sbuf_put(&b, ")(?:[", 5);
    for (int c = 0; c < 256; c++) {
        char hex[8];
        if ((cr->right_bad[c >> 3] >> (c & 7)) & 1)
            continue;
        snprintf(hex, sizeof hex, "\\x%02X", c);
        rc |= sbuf_put(&b, hex, 4);
    }
    rc |= sbuf_put(&b, cr->right_bad_at_end ? "])" : "]|$)", cr->right_bad_at_end ? 2 : 4);
    rc |= sbuf_putc(&b, '\0');
    if (rc) {
        sbuf_free(&b);
        return SCRUB_E_NOMEM;
    }
    cr->hs_expr = b.p;
    cr->terminated = true;
    return SCRUB_OK;
}

/* Ask Hyperscan whether it takes the pattern and how wide matches are. */
static int probe_hs(crule *cr, const rule *r, char *err, size_t errlen)
{
    hs_expr_info_t *info = NULL;
    hs_compile_error_t *ce = NULL;
    unsigned flags = r->caseless ? HS_FLAG_CASELESS : 0;
    cr->window = r->max_len;
    if (r->pcre2_only)
        return SCRUB_OK;
    if (hs_expression_info(r->pattern, flags, &info, &ce) != HS_SUCCESS) {
        /* Constructs Hyperscan lacks (backreferences, lookaround): the
         * rule runs on the PCRE2 path instead. */
        hs_free_compile_error(ce);
        return SCRUB_OK;
    }
    if (info->min_width == 0) {
        free(info);
        return set_err(err, errlen, SCRUB_E_PATTERN,
                       "rule %s: pattern can match the empty string", r->id);
    }
    if (info->max_width < cr->window)
        cr->window = info->max_width;
    if (info->min_width == info->max_width && !cr->vgroup && !cr->freetext)
        cr->fixed_width = info->min_width;
    free(info);
    cr->on_hs = true;
    return SCRUB_OK;
}

/* FNV-1a over the patterns and flags Hyperscan is given, in order: a
 * serialised database is used only for exactly these. */
uint64_t engine_hs_signature(const scrub_engine *eng, const scrub_config *cfg)
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
        engine_hs_signature(eng, cfg) != scrub_builtin_hsdb_sig)
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

static int compile_hs(scrub_engine *eng, const scrub_config *cfg, char *err,
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

/* FNV-1a over what the probe results depend on. */
static uint64_t fnv(uint64_t h, const char *s)
{
    for (; s && *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return (h ^ 0xFFu) * 1099511628211ull; /* ends each field */
}

uint64_t rule_probe_hash(const rule *r)
{
    char flags[8] = {(char)('0' + r->caseless), (char)('0' + r->pcre2_only),
                     (char)('0' + r->freetext), 0};
    char len[24];
    snprintf(len, sizeof len, "%zu", r->max_len);
    uint64_t h = 1469598103934665603ull;
    const char *f[] = {r->id, r->pattern, r->left, r->right, flags, len};
    for (size_t k = 0; k < sizeof f / sizeof *f; k++)
        h = fnv(h, f[k]);
    return h;
}

/* The build-time probe of rule i, when the rules are the built-in ones
 * and rule i is the rule it was made for. */
static const builtin_probe *builtin_probe_for(const scrub_config *cfg,
                                              size_t i)
{
    if (cfg->custom_rules || i >= scrub_builtin_probe_count ||
        cfg->nrules != scrub_builtin_probe_count ||
        scrub_builtin_probe[i].hash != rule_probe_hash(&cfg->rules[i]))
        return NULL;
    return &scrub_builtin_probe[i];
}

static void use_builtin_probe(crule *cr, const builtin_probe *bp)
{
    cr->on_hs = bp->on_hs;
    cr->window = bp->window;
    cr->fixed_width = bp->fixed_width;
    cr->right_is_set = bp->right_is_set;
    cr->right_bad_at_end = bp->right_bad_at_end;
    memcpy(cr->right_bad, bp->right_bad, sizeof cr->right_bad);
}

builtin_probe engine_probe_of(const scrub_engine *eng, const scrub_config *cfg,
                              size_t i)
{
    const crule *cr = &eng->rules[i];
    builtin_probe p = {rule_probe_hash(&cfg->rules[i]), (uint32_t)cr->window,
                       (uint32_t)cr->fixed_width, cr->on_hs, cr->right_is_set,
                       cr->right_bad_at_end, {0}};
    memcpy(p.right_bad, cr->right_bad, sizeof p.right_bad);
    return p;
}

/* A fixed-width rule knows its start: only LEFT and the pattern are
 * checked there, anchored. */
static int anchored_start(crule *cr, const rule *r, char *err, size_t errlen)
{
    char *src = wrap2(r->left ? r->left : "", r->pattern, "\\z");
    if (!src)
        return set_err(err, errlen, SCRUB_E_NOMEM, "out of memory");
    cr->start_anchored_re = compile_pcre(src, r->caseless, PCRE2_ANCHORED,
                                         true, r->id, "pattern with left",
                                         err, errlen);
    free(src);
    return cr->start_anchored_re ? SCRUB_OK : SCRUB_E_PATTERN;
}

void engine_prepare_reference(scrub_engine *eng)
{
    pthread_mutex_lock(&eng->jit_lock);
    for (size_t i = 0; !eng->reference_ready && i < eng->nrules; i++) {
        crule *cr = &eng->rules[i];
        char err[8];
        /* a built-in pattern: compiled at build time by mkdb already */
        if (!cr->full_re && compile_full(cr, cr->id, err, sizeof err))
            continue; /* scan_rule_pcre fails closed on a missing program */
        if (cr->on_hs)
            pcre2_jit_compile(cr->full_re, PCRE2_JIT_COMPLETE);
    }
    eng->reference_ready = true;
    pthread_mutex_unlock(&eng->jit_lock);
}

static int build_rule(scrub_engine *eng, const scrub_config *cfg, size_t i,
                      char *err, size_t errlen)
{
    const rule *r = &cfg->rules[i];
    crule *cr = &eng->rules[i];
    cr->id = xstrdup(r->id);
    cr->type = xstrdup(r->type);
    if (!cr->id || !cr->type)
        return set_err(err, errlen, SCRUB_E_NOMEM, "out of memory");
    cr->validators = r->validators;
    cr->priority = r->priority;
    cr->context = r->context;
    cr->exclude = r->exclude;
    cr->freetext = r->freetext;
    cr->reveal_only = r->reveal_only;
    if (r->not_prefixes.n &&
        !(cr->not_prefixes = calloc(r->not_prefixes.n, sizeof(char *))))
        return set_err(err, errlen, SCRUB_E_NOMEM, "out of memory");
    for (size_t k = 0; k < r->not_prefixes.n; k++, cr->n_not_prefixes++)
        if (!(cr->not_prefixes[k] = xstrdup(r->not_prefixes.v[k])))
            return set_err(err, errlen, SCRUB_E_NOMEM, "out of memory");
    for (size_t k = 0; k < cfg->reversible.n; k++)
        cr->reversible |= !strcmp(cfg->reversible.v[k], r->type);
    cr->action = config_action_for(cfg, r->type);
    int rc = r->exclude || r->reveal_only
                 ? SCRUB_OK
                 : type_index(eng, r->type, &cr->type_idx);
    const builtin_probe *bp = builtin_probe_for(cfg, i);
    /* A built-in rule on Hyperscan's path needs its whole program only for
     * the reference matcher: it is compiled then. */
    if (!rc)
        rc = compile_rule_pcre(cr, r, !bp || !bp->right_is_set,
                               bp && bp->on_hs, err, errlen);
    if (!rc && bp)
        use_builtin_probe(cr, bp);
    else if (!rc)
        rc = probe_hs(cr, r, err, errlen);
    if (!rc && cr->fixed_width)
        rc = anchored_start(cr, r, err, errlen);
    if (!rc) {
        /* the table holds the set already: no 257 matches at start */
        if (!bp && right_guard_to_set(cr, r))
            return set_err(err, errlen, SCRUB_E_NOMEM, "out of memory");
        if (cr->right_re && !cr->right_is_set) /* matched at every end */
            pcre2_jit_compile(cr->right_re, PCRE2_JIT_COMPLETE);
        if (!cr->on_hs) /* the PCRE2 path runs it on every block */
            pcre2_jit_compile(cr->full_re, PCRE2_JIT_COMPLETE);
        if (terminate_hs_expr(cr, r))
            return set_err(err, errlen, SCRUB_E_NOMEM, "out of memory");
    }
    return rc;
}

static int install_key(scrub_engine *eng, const scrub_config *cfg,
                       char *err, size_t errlen)
{
    bool need = false;
    for (size_t i = 0; i < eng->nrules; i++) {
        scrub_action a = eng->rules[i].action;
        need |= (a == SCRUB_ACTION_HASH || a == SCRUB_ACTION_PSEUDO ||
                 a == SCRUB_ACTION_ENCRYPT) &&
                !eng->rules[i].exclude;
    }
    if (!cfg->key) {
        if (need)
            return set_err(err, errlen, SCRUB_E_KEY,
                           "action hash needs a key");
        return SCRUB_OK;
    }
    eng->key = sodium_malloc(KEY_BYTES);
    if (!eng->key)
        return set_err(err, errlen, SCRUB_E_NOMEM, "out of memory");
    memcpy(eng->key, cfg->key, KEY_BYTES);
    sodium_mprotect_readonly(eng->key);
    memcpy(eng->key_id, cfg->key_id, sizeof eng->key_id);
    eng->has_key = true;
    eng->subkeys = sodium_malloc(SUBKEY_COUNT * KEY_BYTES);
    if (!eng->subkeys)
        return set_err(err, errlen, SCRUB_E_NOMEM, "out of memory");
    derive_subkeys(eng->key, eng->subkeys);
    sodium_mprotect_readonly(eng->subkeys);
    /* The key is absorbed once; each token copies this state (half the
     * cost of keying BLAKE2b per token). */
    eng->hash_state = sodium_malloc(sizeof(crypto_generichash_state));
    if (!eng->hash_state)
        return set_err(err, errlen, SCRUB_E_NOMEM, "out of memory");
    crypto_generichash_init(eng->hash_state, eng->key, KEY_BYTES,
                            HASH_DIGEST_BYTES);
    sodium_mprotect_readonly(eng->hash_state);
    if (cfg->nretired) {
        eng->retired_subkeys =
            sodium_malloc(cfg->nretired * SUBKEY_COUNT * KEY_BYTES);
        eng->retired_ids = calloc(cfg->nretired, sizeof *eng->retired_ids);
        if (!eng->retired_subkeys || !eng->retired_ids)
            return set_err(err, errlen, SCRUB_E_NOMEM, "out of memory");
        for (size_t i = 0; i < cfg->nretired; i++) {
            derive_subkeys(cfg->retired + i * KEY_BYTES,
                           eng->retired_subkeys + i * SUBKEY_COUNT * KEY_BYTES);
            memcpy(eng->retired_ids[i], cfg->retired_ids[i], 16);
        }
        eng->nretired = cfg->nretired;
        sodium_mprotect_readonly(eng->retired_subkeys);
    }
    return SCRUB_OK;
}

const unsigned char *key_for_id(const scrub_engine *eng, const char *id)
{
    if (eng->subkeys && !strcmp(eng->key_id, id))
        return eng->subkeys;
    for (size_t i = 0; i < eng->nretired; i++)
        if (!strcmp(eng->retired_ids[i], id))
            return eng->retired_subkeys + i * SUBKEY_COUNT * KEY_BYTES;
    return NULL;
}

int scrub_engine_new(scrub_engine **out, const scrub_config *cfg, char *err,
                     size_t errlen)
{
    if (!out || !cfg)
        return set_err(err, errlen, SCRUB_E_ARG, "no config");
    *out = NULL;
    if (sodium_init() < 0)
        return set_err(err, errlen, SCRUB_E_NOMEM, "libsodium init failed");
    scrub_engine *eng = calloc(1, sizeof *eng);
    if (!eng)
        return set_err(err, errlen, SCRUB_E_NOMEM, "out of memory");
    pthread_mutex_init(&eng->jit_lock, NULL);
    int rc = SCRUB_OK;
    eng->geo_decimals = cfg->geo_decimals >= 0 ? cfg->geo_decimals : 2;
    eng->ipv4_prefix = cfg->ipv4_prefix >= 0 ? (unsigned)cfg->ipv4_prefix : 24;
    eng->ipv6_prefix = cfg->ipv6_prefix >= 0 ? (unsigned)cfg->ipv6_prefix : 48;
    eng->rules = calloc(cfg->nrules ? cfg->nrules : 1, sizeof *eng->rules);
    if (!eng->rules)
        rc = set_err(err, errlen, SCRUB_E_NOMEM, "out of memory");
    else
        eng->nrules = cfg->nrules;
    for (size_t i = 0; !rc && i < cfg->nrules; i++)
        rc = build_rule(eng, cfg, i, err, errlen);
    if (!rc)
        rc = compile_hs(eng, cfg, err, errlen);
    if (!rc)
        rc = install_key(eng, cfg, err, errlen);
    if (!rc && cfg->allow && !(eng->allow = allow_copy(cfg->allow)))
        rc = set_err(err, errlen, SCRUB_E_NOMEM, "out of memory");
    if (rc) {
        scrub_engine_free(eng);
        return rc;
    }
    *out = eng;
    return SCRUB_OK;
}

void scrub_engine_free(scrub_engine *eng)
{
    if (!eng)
        return;
    if (eng->key)
        sodium_free(eng->key); /* wipes before unmapping */
    if (eng->subkeys)
        sodium_free(eng->subkeys);
    if (eng->hash_state)
        sodium_free(eng->hash_state);
    if (eng->retired_subkeys)
        sodium_free(eng->retired_subkeys);
    free(eng->retired_ids);
    allow_free(eng->allow);
    hs_free_database(eng->db);
    free(eng->hs_rule);
    for (size_t i = 0; i < eng->nrules; i++) {
        crule *cr = &eng->rules[i];
        pcre2_code_free(cr->full_re);
        pcre2_code_free(cr->right_re);
        pcre2_code_free(cr->start_re);
        pcre2_code_free(cr->start_anchored_re);
        free(cr->full_src);
        free(cr->hs_expr);
        for (size_t k = 0; k < cr->n_not_prefixes; k++)
            free(cr->not_prefixes[k]);
        free(cr->not_prefixes);
        free(cr->type);
        free(cr->id);
    }
    free(eng->rules);
    for (size_t i = 0; i < eng->ntypes; i++)
        free(eng->types[i]);
    free(eng->types);
    pthread_mutex_destroy(&eng->jit_lock);
    free(eng);
}

size_t scrub_engine_type_count(const scrub_engine *eng)
{
    return eng ? eng->ntypes : 0;
}

const char *scrub_engine_type_name(const scrub_engine *eng, size_t i)
{
    return eng && i < eng->ntypes ? eng->types[i] : NULL;
}
