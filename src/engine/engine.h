/* engine/engine.h — the immutable, shareable engine compiled from a
 * config: per rule its programs (a Hyperscan database for all rules that
 * Hyperscan can run, PCRE2 programs to confirm and for the rest), guards
 * and action; the keys; the allow-list. Scan state is per thread
 * (scan/scan.h). */
#ifndef SCRUB_ENGINE_H
#define SCRUB_ENGINE_H

#define PCRE2_CODE_UNIT_WIDTH 8
#include <hs/hs.h>
#include <pcre2.h>
#include <pthread.h>

#include "common/token.h"
#include "engine/native.h"
#include "rules/builtin.h"
#include "rules/rules.h"
#include "transform/allow.h"
#include "transform/transform.h"

typedef struct crule {
    char *id;
    char *type;
    xf_type xt;             /* the type's row (transform/types.c) */
    unsigned type_idx;      /* in the engine's types (not for exclusions) */
    val_mask validators;
    int priority;
    scrub_action action;
    bool on_hs;
    bool context;
    bool exclude;
    bool freetext;
    bool reveal_only;
    bool reversible;
    uint32_t vgroup;        /* capture group "v" = the value; 0: whole match */
    size_t window;          /* start search looks back at most this far */
    size_t fixed_width;     /* > 0: every match has this length */
    bool right_is_set;      /* right guard depends on one byte: use bad */
    bool terminated;        /* Hyperscan's match includes the next byte */
    char *hs_expr;          /* what Hyperscan is given for this rule */
    bool right_bad_at_end;  /* ... and whether the end of data fails it */
    uint8_t right_bad[32];  /* bytes after the value that reject it */
    pcre2_code *start_re;   /* LEFT(?:P)\z, run on the subject cut at end */
    pcre2_code *start_anchored_re; /* the same, anchored (known start) */
    pcre2_code *right_re;   /* RIGHT, anchored at the end; NULL if none */
    pcre2_code *full_re;    /* LEFT(?:P)RIGHT, reference and PCRE2 path;
                               NULL until first used for a built-in rule
                               on Hyperscan's path */
    char *full_src;         /* its source */
    bool caseless;
    char **not_prefixes;    /* rule.not_prefixes, lower case */
    size_t n_not_prefixes;
    /* the native path (native.h) */
    bool on_native;         /* its ends come from the native matcher */
    nat_spec native;        /* its trigger (built-in rules) */
    pcre2_code *walk_re;    /* a key rule's tail(?C1), anchored at the
                               separator: the ends of its typed values */
    uint32_t walk_vgroup;
    int ready; /* its programs are JIT-compiled (atomic: eng_rule_ready) */
} crule;

struct scrub_engine {
    pthread_mutex_t jit_lock; /* guards the JIT of the reference programs */
    bool reference_ready;     /* every full_re is JIT-compiled */
    crule *rules;
    size_t nrules;
    char **types;             /* the types of the rules that report */
    size_t ntypes;
    /* Hyperscan: db holds the rules on Hyperscan's path of the default
     * matcher (all but the native ones); full_db every rule Hyperscan
     * takes, for SCRUB_MATCHER_HYPERSCAN, made on first use (NULL when
     * no rule is native: db is that database then). */
    hs_database_t *db;
    unsigned *hs_rule;        /* Hyperscan id -> rule index */
    size_t nhs;
    hs_database_t *full_db;
    unsigned *full_rule;
    size_t nfull;
    int full_error;           /* making full_db failed: scans fail */
    bool builtin_rules;       /* the config's rules were the built-in set */
    eng_native nat;
    keyring *kr;              /* NULL without a key */
    xform x;                  /* what the actions need: keys, precision */
    allow_list *allow;
};

/* The engine's type names, for the readers of labels (common/token.h). */
static inline tok_types eng_types(const scrub_engine *eng)
{
    return (tok_types){eng->types, eng->ntypes};
}

/* compile.c: the PCRE2 programs of rule i (and, for Hyperscan, the
 * expression it is given). */
HIDDEN int eng_compile_rule(crule *cr, const rule *r,
                            const builtin_probe *bp, char *err,
                            size_t errlen);
/* A rule's programs JIT-compiled, once, before its first use (any
 * thread; the engine is otherwise immutable). */
HIDDEN void eng_rule_jit(scrub_engine *eng, crule *cr);
static inline void eng_rule_ready(const scrub_engine *eng, const crule *cr)
{
    if (!__atomic_load_n(&cr->ready, __ATOMIC_ACQUIRE))
        eng_rule_jit((scrub_engine *)eng, (crule *)cr);
}
/* JIT-compile the whole-rule programs of Hyperscan's rules, once, before
 * a context first uses the PCRE2 reference matcher (thread-safe). */
HIDDEN void eng_prepare_reference(scrub_engine *eng);

/* probe.c: what Hyperscan says of a pattern (whether it takes it, how
 * wide its matches are), or what mkdb said of a built-in rule. */
HIDDEN int eng_probe_hs(crule *cr, const rule *r, char *err, size_t errlen);
HIDDEN uint64_t eng_rule_hash(const rule *r);
HIDDEN const builtin_probe *eng_builtin_probe(const scrub_config *cfg,
                                             size_t i);
HIDDEN void eng_use_probe(crule *cr, const builtin_probe *bp);
/* mkdb: the probe results of rule i of a built engine. */
HIDDEN builtin_probe eng_probe_of(const scrub_engine *eng,
                                  const scrub_config *cfg, size_t i);

/* hsdb.c: the Hyperscan database of the rules on its path (without the
 * native ones unless `full`): the built-in one when the patterns are the
 * built-in ones, else compiled. */
HIDDEN int eng_compile_hs(scrub_engine *eng, bool full, char *err,
                          size_t errlen);
HIDDEN uint64_t eng_hs_signature(const scrub_engine *eng, bool full);
/* Make full_db, once (thread-safe); its error, or SCRUB_OK. */
HIDDEN int eng_prepare_hyperscan(scrub_engine *eng);

/* native_build.c: the native tables (rules on the native path, the key
 * trie, the walkers of typed key values). */
HIDDEN int eng_native_build(scrub_engine *eng, const scrub_config *cfg,
                            char *err, size_t errlen);
HIDDEN void eng_native_free(scrub_engine *eng);

#endif
