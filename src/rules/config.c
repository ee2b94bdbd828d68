/* rules/config.c — the mutable rule set, per-type actions and keys. */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules/builtin.h"
#include "rules/rules.h"
#include "transform/transform.h"

void rule_clear(rule *r)
{
    free(r->id);
    free(r->type);
    free(r->pattern);
    free(r->left);
    free(r->right);
    free(r->value);
    free(r->keypart);
    free(r->origin);
    free(r->tail);
    strlist_free(&r->keys);
    strlist_free(&r->not_prefixes);
    strlist_free(&r->examples);
    strlist_free(&r->negatives);
    memset(r, 0, sizeof *r);
}

bool type_name_ok(const char *t)
{
    if (!t || !(*t >= 'A' && *t <= 'Z'))
        return false;
    for (; *t; t++)
        if (!((*t >= 'A' && *t <= 'Z') || (*t >= '0' && *t <= '9') ||
              *t == '_'))
            return false;
    return true;
}

scrub_config *scrub_config_new_empty(void)
{
    if (sodium_init() < 0)
        return NULL;
    scrub_config *cfg = calloc(1, sizeof(scrub_config));
    if (cfg) {
        cfg->custom_rules = true;
        cfg->geo_decimals = cfg->ipv4_prefix = cfg->ipv6_prefix = -1;
    }
    return cfg;
}

scrub_config *scrub_config_new(void)
{
    scrub_config *cfg = scrub_config_new_empty();
    if (!cfg)
        return NULL;
    for (size_t i = 0; i < scrub_builtin_file_count; i++) {
        const builtin_file *f = &scrub_builtin_files[i];
        if (scrub_config_load_yaml(cfg, f->text, f->len, f->name, NULL, 0)) {
            scrub_config_free(cfg);
            return NULL;
        }
    }
    cfg->custom_rules = false;
    for (size_t i = 0; i < cfg->nrules; i++)
        cfg->rules[i].builtin = true;
    return cfg;
}

void scrub_config_free(scrub_config *cfg)
{
    if (!cfg)
        return;
    for (size_t i = 0; i < cfg->nrules; i++)
        rule_clear(&cfg->rules[i]);
    free(cfg->rules);
    for (size_t i = 0; i < cfg->nactions; i++)
        free(cfg->actions[i].type);
    free(cfg->actions);
    if (cfg->key)
        sodium_free(cfg->key);
    allow_free(cfg->allow);
    strlist_free(&cfg->reversible);
    strlist_free(&cfg->retired_paths);
    if (cfg->retired)
        sodium_free(cfg->retired);
    free(cfg->retired_ids);
    free(cfg);
}

static rule *find_rule(scrub_config *cfg, const char *id)
{
    for (size_t i = 0; i < cfg->nrules; i++)
        if (strcmp(cfg->rules[i].id, id) == 0)
            return &cfg->rules[i];
    return NULL;
}

int config_add_rule(scrub_config *cfg, rule *r)
{
    cfg->custom_rules = true;
    rule *old = find_rule(cfg, r->id);
    if (old) { /* same id: the later definition replaces the earlier */
        rule_clear(old);
        *old = *r;
        memset(r, 0, sizeof *r);
        return SCRUB_OK;
    }
    if (cfg->nrules == cfg->caprules) {
        size_t cap = cfg->caprules ? cfg->caprules * 2 : 32;
        rule *v = realloc(cfg->rules, cap * sizeof *v);
        if (!v)
            return SCRUB_E_NOMEM;
        cfg->rules = v;
        cfg->caprules = cap;
    }
    cfg->rules[cfg->nrules++] = *r;
    memset(r, 0, sizeof *r);
    return SCRUB_OK;
}

static void remove_rule(scrub_config *cfg, rule *r)
{
    size_t i = (size_t)(r - cfg->rules);
    rule_clear(r);
    memmove(r, r + 1, (cfg->nrules - i - 1) * sizeof *r);
    cfg->nrules--;
}

/* Disabling a rule found by keys also disables its quoted twin. */
int config_disable_rule(scrub_config *cfg, const char *id)
{
    rule *r = find_rule(cfg, id);
    if (!r)
        return SCRUB_E_ARG;
    cfg->custom_rules = true;
    remove_rule(cfg, r);
    char twin[256];
    snprintf(twin, sizeof twin, "%s#quoted", id);
    if ((r = find_rule(cfg, twin)))
        remove_rule(cfg, r);
    return SCRUB_OK;
}

bool config_has_type(const scrub_config *cfg, const char *type)
{
    for (size_t i = 0; i < cfg->nrules; i++)
        if (!strcmp(cfg->rules[i].type, type))
            return true;
    return false;
}

int scrub_config_set_action(scrub_config *cfg, const char *type,
                            scrub_action action)
{
    if (!cfg || !type || (unsigned)action >= SCRUB_ACTION__COUNT)
        return SCRUB_E_ARG;
    if (strcmp(type, "all") == 0) {
        /* `all` resets every earlier per-type choice: later wins. */
        for (size_t i = 0; i < cfg->nactions; i++)
            free(cfg->actions[i].type);
        cfg->nactions = 0;
        cfg->has_default_action = true;
        cfg->default_action = action;
        return SCRUB_OK;
    }
    if (!type_name_ok(type) || !config_has_type(cfg, type))
        return SCRUB_E_ARG; /* PHNOE: a typo would change nothing */
    for (size_t i = 0; i < cfg->nactions; i++) {
        if (strcmp(cfg->actions[i].type, type) == 0) {
            cfg->actions[i].action = action;
            return SCRUB_OK;
        }
    }
    type_action *v =
        realloc(cfg->actions, (cfg->nactions + 1) * sizeof *cfg->actions);
    if (!v)
        return SCRUB_E_NOMEM;
    cfg->actions = v;
    char *t = xstrdup(type);
    if (!t)
        return SCRUB_E_NOMEM;
    cfg->actions[cfg->nactions++] = (type_action){t, action};
    return SCRUB_OK;
}

int config_set_action_str(scrub_config *cfg, const char *type,
                          const char *action, char *err, size_t errlen)
{
    scrub_action a;
    if (scrub_action_parse(action, &a))
        return set_err(err, errlen, SCRUB_E_ARG,
                       "unknown action '%.40s' (hash, mask, redact, keep, "
                       "pseudo, encrypt, coarsen)",
                       action);
    if (strcmp(type, "all") && !type_name_ok(type))
        return set_err(err, errlen, SCRUB_E_ARG,
                       "bad type name '%.40s' (upper case, e.g. PHONE, or "
                       "all)",
                       type);
    if (scrub_config_set_action(cfg, type, a))
        return set_err(err, errlen, SCRUB_E_ARG,
                       "unknown type '%.40s': no rule finds it (scrub "
                       "--list-rules shows the types)",
                       type);
    return SCRUB_OK;
}

scrub_action config_action_for(const scrub_config *cfg, const char *type)
{
    for (size_t i = 0; i < cfg->nactions; i++)
        if (strcmp(cfg->actions[i].type, type) == 0)
            return cfg->actions[i].action;
    return cfg->has_default_action ? cfg->default_action : SCRUB_ACTION_HASH;
}

size_t scrub_config_rule_count(const scrub_config *cfg)
{
    return cfg ? cfg->nrules : 0;
}

const char *scrub_config_rule_id(const scrub_config *cfg, size_t i)
{
    return cfg && i < cfg->nrules ? cfg->rules[i].id : NULL;
}

const char *scrub_config_rule_type(const scrub_config *cfg, size_t i)
{
    return cfg && i < cfg->nrules ? cfg->rules[i].type : NULL;
}

int scrub_config_each_example(const scrub_config *cfg, scrub_example_fn fn,
                              void *opaque)
{
    for (size_t i = 0; cfg && i < cfg->nrules; i++) {
        const rule *r = &cfg->rules[i];
        for (size_t k = 0; k < r->examples.n; k++) {
            int rc = fn(opaque, r->id, r->type, 1, r->examples.v[k]);
            if (rc)
                return rc;
        }
        for (size_t k = 0; k < r->negatives.n; k++) {
            int rc = fn(opaque, r->id, r->type, 0, r->negatives.v[k]);
            if (rc)
                return rc;
        }
    }
    return 0;
}

int scrub_config_set_key(scrub_config *cfg, const void *keyfile, size_t len,
                         char *err, size_t errlen)
{
    if (!cfg || !keyfile)
        return set_err(err, errlen, SCRUB_E_ARG, "no key given");
    if (!cfg->key) {
        cfg->key = sodium_malloc(KEY_BYTES);
        if (!cfg->key)
            return set_err(err, errlen, SCRUB_E_NOMEM, "out of memory");
    }
    return kr_derive(keyfile, len, cfg->key, cfg->key_id, err, errlen);
}

const char *scrub_config_key_id(const scrub_config *cfg)
{
    return cfg && cfg->key && cfg->key_id[0] ? cfg->key_id : NULL;
}

bool config_rule_needs_key(const scrub_config *cfg, const rule *r)
{
    return !r->exclude && !r->reveal_only &&
           xf_action_needs_key(config_action_for(cfg, r->type));
}

int scrub_config_needs_key(const scrub_config *cfg)
{
    for (size_t i = 0; cfg && i < cfg->nrules; i++)
        if (config_rule_needs_key(cfg, &cfg->rules[i]))
            return 1;
    return 0;
}

int scrub_config_add_retired_key(scrub_config *cfg, const void *keyfile,
                                 size_t len, char *err, size_t errlen)
{
    if (!cfg || !keyfile)
        return set_err(err, errlen, SCRUB_E_ARG, "no key given");
    unsigned char *nk = sodium_malloc((cfg->nretired + 1) * KEY_BYTES);
    char(*ids)[KEY_ID_MAX] = realloc(cfg->retired_ids,
                             (cfg->nretired + 1) * sizeof *cfg->retired_ids);
    if (!nk || !ids) {
        if (nk)
            sodium_free(nk);
        if (ids)
            cfg->retired_ids = ids;
        return set_err(err, errlen, SCRUB_E_NOMEM, "out of memory");
    }
    cfg->retired_ids = ids;
    if (cfg->retired) {
        memcpy(nk, cfg->retired, cfg->nretired * KEY_BYTES);
        sodium_free(cfg->retired);
    }
    cfg->retired = nk;
    int rc = kr_derive(keyfile, len, nk + cfg->nretired * KEY_BYTES,
                        ids[cfg->nretired], err, errlen);
    if (!rc)
        cfg->nretired++;
    return rc;
}

size_t scrub_config_retired_key_file_count(const scrub_config *cfg)
{
    return cfg ? cfg->retired_paths.n : 0;
}

const char *scrub_config_retired_key_file(const scrub_config *cfg, size_t i)
{
    return cfg && i < cfg->retired_paths.n ? cfg->retired_paths.v[i] : NULL;
}
