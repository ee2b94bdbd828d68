/* rules/rules.h — the mutable side: rules as loaded from rule files
 * (YAML) and the config that holds them with the actions, keys, allow-list
 * and coarsening settings. An engine is compiled from a config
 * (engine/engine.h) and never looks back at it. */
#ifndef SCRUB_RULES_H
#define SCRUB_RULES_H

#include "common/buf.h"
#include "common/keyring.h"
#include "transform/allow.h"
#include "validate/validate.h"

#define DEFAULT_MAX_LEN 256
/* The longest max_len a rule may have (its window, plus 64 for a key). */
#define MAX_WINDOW 12288

typedef struct rule {
    char *id;
    char *type;
    char *pattern; /* core expression, Hyperscan and PCRE2 syntax */
    char *left;    /* zero-width PCRE2 assertion before the value */
    char *right;   /* zero-width PCRE2 assertion after the value */
    val_mask validators;
    int priority;
    bool pcre2_only;    /* needs constructs Hyperscan lacks */
    bool caseless;
    bool exclude;       /* marks a value as not personal (never reported) */
    bool freetext;      /* pattern ends at the key; the value is read in C */
    bool hs_terminator; /* Hyperscan matches the byte after the value */
    bool reveal_only;   /* finds our encrypt tokens; used by --reveal only */
    bool context;       /* found by its key: wins over exclusions */
    size_t max_len;     /* longest value considered (bounds start search) */
    strlist examples;
    strlist negatives;
    strlist keys;         /* before expansion: key names that mark the value */
    strlist not_prefixes; /* a key whose word before its last is one of
                             these is not this rule's (bank_name) */
    char *value;          /* before expansion: the value's pattern, if typed */
} rule;

typedef struct type_action {
    char *type;
    scrub_action action;
} type_action;

struct scrub_config {
    rule *rules;
    size_t nrules, caprules;
    type_action *actions;
    size_t nactions;
    bool has_default_action;
    scrub_action default_action;
    unsigned char *key; /* sodium_malloc'd, KEY_BYTES */
    char key_id[KEY_ID_MAX];
    allow_list *allow;  /* NULL until the config names one */
    bool custom_rules;  /* rules differ from the built-in set */
    int geo_decimals, ipv4_prefix, ipv6_prefix; /* coarsen; -1: default */
    strlist reversible;    /* types whose pseudonyms --reveal inverts */
    strlist retired_paths; /* retired key files named by the config */
    unsigned char *retired; /* sodium_malloc'd: nretired keys */
    char (*retired_ids)[KEY_ID_MAX];
    size_t nretired;
};

/* config.c */
HIDDEN void rule_clear(rule *r);
HIDDEN bool type_name_ok(const char *t);
HIDDEN int config_add_rule(scrub_config *cfg, rule *r); /* takes ownership */
/* Disabling a rule found by keys also disables its quoted twin. */
HIDDEN int config_disable_rule(scrub_config *cfg, const char *id);
HIDDEN int config_set_action_str(scrub_config *cfg, const char *type,
                                 const char *action, char *err,
                                 size_t errlen);
/* Whether a rule of cfg (so far) has this type. */
HIDDEN bool config_has_type(const scrub_config *cfg, const char *type);
HIDDEN scrub_action config_action_for(const scrub_config *cfg,
                                      const char *type);
/* Whether rule r's values are replaced under an action that needs a key.
 * Exclusions and the token rule of --reveal replace nothing. */
HIDDEN bool config_rule_needs_key(const scrub_config *cfg, const rule *r);

/* keyrules.c: a rule with `keys` becomes a bare-value and a quoted-value
 * rule, each with the value as capture group "v". */
HIDDEN int expand_key_rule(const rule *proto, const strlist *keys,
                           const char *value, rule out[2], size_t *nout);

#endif
