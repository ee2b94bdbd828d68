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

/* A built-in rule's trigger for the native matcher (scan/native.c): a
 * necessary condition on where an accepted value of the rule ends, cheap
 * to test on every position. Rule files write it as `native:` (scrub.conf
 * (5)); only built-in rules, unchanged, use it. */
enum {
    NAT_NONE = 0,
    NAT_DIGITS, /* the value ends a run of digits (see below) */
    NAT_IPV4,   /* four dotted groups of digits end there */
    NAT_IPV6,   /* a run of hex digits and colons with :: or 6 colons */
    NAT_MAC,    /* hex groups with 5 colons or dashes, or 2 dots or dashes */
    NAT_UPPER,  /* a run of upper-case letters, digits and spaces */
    NAT_EMAIL   /* a domain after an at-sign (@, %40, \u0040) */
};
typedef struct nat_spec {
    uint8_t kind;
    uint8_t min;     /* NAT_DIGITS: digits counted back from the end, over
                        groups joined by one of seps (or %20); NAT_UPPER:
                        the run's length */
    bool pct20;
    uint8_t groups;  /* at least this many separators among the digits */
    char seps[8];
    char last[4];    /* besides digits, bytes the value may end with */
    char before[4];  /* the byte before the last digit run is one of */
    char lead[12];   /* the min-th digit back is one of (fixed lengths) */
    char chars[12];  /* other bytes a value may hold (its start is found
                        back over digits and these, seps, last and %) */
} nat_spec;

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
    /* A rule found by its keys (keyrules.c): the regex of the key and
     * its separator, and of what follows the separator up to the value's
     * end (typed values only); `keys` then holds the key list. */
    char *keypart, *tail;
    nat_spec native;
    bool builtin; /* loaded from the built-in rules, not redefined */
    char *origin; /* FILE:LINE of its definition, for messages */
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
/* The spellings of key k as the native matcher compares keys (key_norm()
 * form: lower case, no joiners); a key in another script has four (its
 * bytes, %XX, %25XX, \uXXXX), as its regex. Appended to out. */
HIDDEN int key_spellings(const char *k, strlist *out);

#endif
