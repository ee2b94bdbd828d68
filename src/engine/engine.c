/* engine/engine.c — compile a config into the immutable, shareable
 * engine: each rule's programs (compile.c, probe.c), one Hyperscan
 * database (hsdb.c), the keys and the allow-list. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/engine.h"

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

static int build_rule(scrub_engine *eng, const scrub_config *cfg, size_t i,
                      char *err, size_t errlen)
{
    const rule *r = &cfg->rules[i];
    crule *cr = &eng->rules[i];
    cr->id = xstrdup(r->id);
    cr->type = xstrdup(r->type);
    if (!cr->id || !cr->type)
        return set_err(err, errlen, SCRUB_E_NOMEM, "out of memory");
    cr->xt = (xf_type){cr->type, xf_shape_for(cr->type)};
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
    if (!rc)
        rc = eng_compile_rule(cr, r, eng_builtin_probe(cfg, i), err, errlen);
    if (rc && r->origin && err && errlen) { /* where the rule is defined */
        char msg[512];
        snprintf(msg, sizeof msg, "%s", err);
        snprintf(err, errlen, "%s: %s", r->origin, msg);
    }
    return rc;
}

/* Keys are needed when a rule that replaces values uses an action that
 * needs one (rules/config.c decides, for the CLI as well). */
static int install_key(scrub_engine *eng, const scrub_config *cfg,
                       char *err, size_t errlen)
{
    bool need = false;
    for (size_t i = 0; i < cfg->nrules; i++)
        need |= config_rule_needs_key(cfg, &cfg->rules[i]);
    if (!cfg->key)
        return need ? set_err(err, errlen, SCRUB_E_KEY,
                              "action hash needs a key")
                    : SCRUB_OK;
    eng->kr = kr_new(cfg->key, cfg->key_id, cfg->retired,
                     (const char(*)[KEY_ID_MAX])cfg->retired_ids,
                     cfg->nretired);
    if (!eng->kr)
        return set_err(err, errlen, SCRUB_E_NOMEM, "out of memory");
    eng->x.kr = eng->kr;
    return SCRUB_OK;
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
    eng->builtin_rules = !cfg->custom_rules;
    eng->x.geo_decimals = cfg->geo_decimals >= 0 ? cfg->geo_decimals : 2;
    eng->x.ipv4_prefix =
        cfg->ipv4_prefix >= 0 ? (unsigned)cfg->ipv4_prefix : 24;
    eng->x.ipv6_prefix =
        cfg->ipv6_prefix >= 0 ? (unsigned)cfg->ipv6_prefix : 48;
    eng->rules = calloc(cfg->nrules ? cfg->nrules : 1, sizeof *eng->rules);
    if (!eng->rules)
        rc = set_err(err, errlen, SCRUB_E_NOMEM, "out of memory");
    else
        eng->nrules = cfg->nrules;
    for (size_t i = 0; !rc && i < cfg->nrules; i++)
        rc = build_rule(eng, cfg, i, err, errlen);
    if (!rc)
        rc = eng_native_build(eng, cfg, err, errlen);
    if (!rc)
        rc = eng_compile_hs(eng, false, err, errlen);
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
    kr_free(eng->kr);
    allow_free(eng->allow);
    hs_free_database(eng->db);
    free(eng->hs_rule);
    hs_free_database(eng->full_db);
    free(eng->full_rule);
    eng_native_free(eng);
    for (size_t i = 0; i < eng->nrules; i++) {
        crule *cr = &eng->rules[i];
        pcre2_code_free(cr->full_re);
        pcre2_code_free(cr->walk_re);
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
