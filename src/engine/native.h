/* engine/native.h — the native matcher's tables, built from a config
 * (native_build.c) and run by scan/native*.c.
 *
 * The native matcher replaces Hyperscan for the rules it can serve: every
 * rule found by its keys, and the built-in rules (unchanged) with a
 * `native:` trigger. It does not decide anything a rule decides: for each
 * such rule it proposes the places where an accepted value of the rule
 * may end (a superset: every end the rule's own check, scan/confirm.c,
 * would accept), and that check, the same as on Hyperscan's path, keeps
 * or drops each. So both paths give the same findings; the differential
 * test (tests/suites/matchers.sh) holds them to it. */
#ifndef SCRUB_ENGINE_NATIVE_H
#define SCRUB_ENGINE_NATIVE_H

#include "common/api.h"

/* The keys of every key rule, as a trie of their key_norm() spellings
 * read backwards: walking back from the end of a key in a text finds
 * every rule one of whose keys the text ends with. */
typedef struct nat_node {
    uint32_t child;  /* first child in nodes[] (children are adjacent) */
    uint16_t nchild;
    uint8_t byte;    /* the byte that leads here from the parent */
    uint32_t rule;   /* first rule in rules[] whose key ends here */
    uint16_t nrule;
} nat_node;

typedef struct nat_keys {
    nat_node *nodes; /* nodes[0] is the root; NULL: no key rules */
    size_t nnodes;
    unsigned *rules;
    size_t nrules;
    size_t depth;    /* the longest spelling */
} nat_keys;

/* A set of bytes. */
typedef struct nat_set {
    uint64_t w[4];
} nat_set;

static inline bool nat_has(const nat_set *s, unsigned char c)
{
    return (s->w[c >> 6] >> (c & 63)) & 1;
}

/* A NAT_DIGITS rule's trigger (rules/rules.h nat_spec), with its byte
 * lists as sets. */
typedef struct nat_digits {
    unsigned rule;
    uint8_t min, groups;
    bool pct20, grouped, has_last, has_before, has_lead;
    nat_set seps, last, before, lead;
    nat_set body; /* the bytes a value may hold besides digits */
} nat_digits;

/* Rules by trigger kind (NAT_* of rules/rules.h), in rule order. */
#define NAT_KINDS 7
typedef struct eng_native {
    nat_keys keys;
    unsigned *by_kind[NAT_KINDS];
    size_t n_by_kind[NAT_KINDS];
    nat_digits *digits; /* the NAT_DIGITS rules */
    size_t ndigits;
    /* A run of digits shorter than digits_short ends no NAT_DIGITS value
     * unless the byte before it is in digits_pre (a group's separator). */
    uint8_t digits_short, digits_long; /* the least and most min */
    nat_set digits_pre;
    /* ...the same for the rules with `before` apart: their value is the
     * last run, after one of before_any */
    uint8_t before_short;
    nat_set before_any;
    bool any; /* some rule is on the native path */
} eng_native;

#endif
