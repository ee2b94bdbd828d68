/* engine/native_build.c — the native matcher's tables (native.h): which
 * rules it serves, the trie of their keys, the walkers of typed values. */
#include <stdlib.h>
#include <string.h>

#include "engine/engine.h"

/* The trie while it is built: children as linked lists. */
typedef struct tnode {
    int child, next; /* first child, next sibling; -1: none */
    uint8_t byte;
    unsigned *rules;
    size_t nrules;
} tnode;

typedef struct tbuild {
    tnode *v;
    size_t n, cap;
} tbuild;

static int tnew(tbuild *t, uint8_t byte)
{
    if (t->n == t->cap) {
        size_t cap = t->cap ? 2 * t->cap : 256;
        tnode *v = realloc(t->v, cap * sizeof *v);
        if (!v)
            return -1;
        t->v = v, t->cap = cap;
    }
    t->v[t->n] = (tnode){-1, -1, byte, NULL, 0};
    return (int)t->n++;
}

/* A spelling, read backwards, ends at a node that names the rule. */
static int tinsert(tbuild *t, const char *s, unsigned ri)
{
    int node = 0;
    for (size_t i = strlen(s); i-- > 0;) {
        uint8_t b = (uint8_t)s[i];
        int c = t->v[node].child;
        while (c >= 0 && t->v[c].byte != b)
            c = t->v[c].next;
        if (c < 0) {
            if ((c = tnew(t, b)) < 0)
                return SCRUB_E_NOMEM;
            t->v[c].next = t->v[node].child;
            t->v[node].child = c;
        }
        node = c;
    }
    tnode *x = &t->v[node];
    if (x->nrules && x->rules[x->nrules - 1] == ri)
        return SCRUB_OK; /* two spellings of one rule's keys */
    unsigned *r = realloc(x->rules, (x->nrules + 1) * sizeof *r);
    if (!r)
        return SCRUB_E_NOMEM;
    x->rules = r;
    x->rules[x->nrules++] = ri;
    return SCRUB_OK;
}

/* Breadth first, so that each node's children are adjacent. */
static int tflatten(const tbuild *t, nat_keys *k)
{
    size_t nr = 0;
    for (size_t i = 0; i < t->n; i++)
        nr += t->v[i].nrules;
    int *order = malloc(t->n * sizeof *order);
    k->nodes = calloc(t->n, sizeof *k->nodes);
    k->rules = malloc((nr ? nr : 1) * sizeof *k->rules);
    if (!order || !k->nodes || !k->rules) {
        free(order);
        return SCRUB_E_NOMEM;
    }
    size_t head = 0, tail = 1, rules = 0;
    order[0] = 0;
    while (head < tail) { /* order[head] goes to nodes[head] */
        const tnode *x = &t->v[order[head]];
        nat_node *y = &k->nodes[head++];
        y->byte = x->byte;
        y->child = (uint32_t)tail;
        for (int c = x->child; c >= 0; c = t->v[c].next, y->nchild++)
            order[tail++] = c;
        y->rule = (uint32_t)rules;
        y->nrule = (uint16_t)x->nrules;
        if (x->nrules) /* x->rules is NULL for a node no key ends at */
            memcpy(k->rules + rules, x->rules, x->nrules * sizeof *x->rules);
        rules += x->nrules;
    }
    k->nnodes = t->n;
    k->nrules = nr;
    free(order);
    return SCRUB_OK;
}

/* The spellings of a key rule's keys into the trie. */
static int add_keys(tbuild *t, const rule *r, unsigned ri, size_t *depth)
{
    strlist sp = {0};
    int rc = SCRUB_OK;
    for (size_t k = 0; !rc && k < r->keys.n; k++)
        rc = key_spellings(r->keys.v[k], &sp);
    for (size_t k = 0; !rc && k < sp.n; k++) {
        rc = tinsert(t, sp.v[k], ri);
        if (strlen(sp.v[k]) > *depth)
            *depth = strlen(sp.v[k]);
    }
    strlist_free(&sp);
    return rc;
}

/* A typed key rule's walker: its tail, anchored at the separator, with a
 * callout at every end (no auto-possessification: it would hide ends). */
static int compile_walker(crule *cr, const rule *r, char *err, size_t errlen)
{
    size_t n = strlen(r->tail) + 8;
    char *src = malloc(n);
    int code;
    PCRE2_SIZE off;
    if (!src)
        return set_err(err, errlen, SCRUB_E_NOMEM, "out of memory");
    memcpy(src, r->tail, n - 8);
    memcpy(src + n - 8, "(?C1)", 6);
    cr->walk_re = pcre2_compile((PCRE2_SPTR)src, PCRE2_ZERO_TERMINATED,
                                PCRE2_ANCHORED | PCRE2_NO_AUTO_POSSESS, &code,
                                &off, NULL);
    free(src);
    if (!cr->walk_re)
        return set_err(err, errlen, SCRUB_E_PATTERN,
                       "rule %s: its value does not compile", r->id);
    int g = pcre2_substring_number_from_name(cr->walk_re, (PCRE2_SPTR) "v");
    cr->walk_vgroup = g > 0 ? (uint32_t)g : 0;
    return SCRUB_OK;
}

/* Which rules the native matcher serves: those found by keys (their
 * patterns are made from the keys, which the trie holds), and built-in
 * rules with a trigger. Only rules Hyperscan takes: their reference is
 * Hyperscan's path. */
static int choose(scrub_engine *eng, const scrub_config *cfg, tbuild *t,
                  char *err, size_t errlen)
{
    size_t depth = 0;
    int rc = SCRUB_OK;
    for (size_t i = 0; !rc && i < cfg->nrules; i++) {
        const rule *r = &cfg->rules[i];
        crule *cr = &eng->rules[i];
        if (!cr->on_hs || r->reveal_only)
            continue;
        if (r->keypart && r->keys.n) {
            cr->on_native = true;
            rc = add_keys(t, r, (unsigned)i, &depth);
            if (!rc && r->tail)
                rc = compile_walker(cr, r, err, errlen);
        } else if (r->builtin && r->native.kind && r->native.kind < NAT_KINDS) {
            cr->on_native = true;
            cr->native = r->native;
        }
    }
    eng->nat.keys.depth = depth;
    return rc;
}

static int by_kind(scrub_engine *eng)
{
    eng_native *nat = &eng->nat;
    for (size_t i = 0; i < eng->nrules; i++) {
        const crule *cr = &eng->rules[i];
        if (!cr->on_native || !cr->native.kind)
            continue;
        unsigned k = cr->native.kind;
        unsigned *v = realloc(nat->by_kind[k], (nat->n_by_kind[k] + 1) *
                                                   sizeof *v);
        if (!v)
            return SCRUB_E_NOMEM;
        nat->by_kind[k] = v;
        v[nat->n_by_kind[k]++] = (unsigned)i;
    }
    return SCRUB_OK;
}

static void set_add(nat_set *s, const char *bytes)
{
    for (const unsigned char *p = (const unsigned char *)bytes; *p; p++)
        s->w[*p >> 6] |= (uint64_t)1 << (*p & 63);
}

/* The NAT_DIGITS rules' triggers, and the quick test of a short run. */
static int digit_table(scrub_engine *eng)
{
    eng_native *nat = &eng->nat;
    size_t n = nat->n_by_kind[NAT_DIGITS];
    nat->digits = calloc(n ? n : 1, sizeof *nat->digits);
    if (!nat->digits)
        return SCRUB_E_NOMEM;
    nat->digits_short = nat->before_short = 255;
    for (size_t k = 0; k < n; k++) {
        unsigned ri = nat->by_kind[NAT_DIGITS][k];
        const nat_spec *ns = &eng->rules[ri].native;
        nat_digits *d = &nat->digits[nat->ndigits++];
        d->rule = ri, d->min = ns->min, d->groups = ns->groups;
        d->pct20 = ns->pct20;
        d->grouped = ns->seps[0] || ns->pct20;
        d->has_last = ns->last[0], d->has_before = ns->before[0];
        d->has_lead = ns->lead[0];
        set_add(&d->seps, ns->seps), set_add(&d->last, ns->last);
        set_add(&d->before, ns->before), set_add(&d->lead, ns->lead);
        set_add(&d->body, ns->chars), set_add(&d->body, ns->seps);
        set_add(&d->body, ns->last);
        if (ns->pct20)
            set_add(&d->body, "%");
        set_add(&nat->digits_pre, ns->seps);
        if (ns->pct20)
            set_add(&nat->digits_pre, "%");
        unsigned need = d->has_last ? d->min - 1u : d->min;
        if (d->has_before) {
            set_add(&nat->before_any, ns->before);
            if (need < nat->before_short)
                nat->before_short = (uint8_t)need;
        } else if (need < nat->digits_short) {
            nat->digits_short = (uint8_t)need;
        }
        if (d->min > nat->digits_long)
            nat->digits_long = d->min;
    }
    return SCRUB_OK;
}

int eng_native_build(scrub_engine *eng, const scrub_config *cfg, char *err,
                     size_t errlen)
{
    tbuild t = {0};
    int rc = tnew(&t, 0) < 0 ? SCRUB_E_NOMEM : SCRUB_OK;
    if (!rc)
        rc = choose(eng, cfg, &t, err, errlen);
    if (!rc && t.v[0].child >= 0)
        rc = tflatten(&t, &eng->nat.keys);
    if (!rc)
        rc = by_kind(eng);
    if (!rc)
        rc = digit_table(eng);
    for (size_t i = 0; i < t.n; i++)
        free(t.v[i].rules);
    free(t.v);
    for (size_t i = 0; !rc && i < eng->nrules; i++)
        eng->nat.any |= eng->rules[i].on_native;
    if (rc == SCRUB_E_NOMEM)
        set_err(err, errlen, rc, "out of memory");
    return rc;
}

void eng_native_free(scrub_engine *eng)
{
    free(eng->nat.keys.nodes);
    free(eng->nat.keys.rules);
    for (int k = 0; k < NAT_KINDS; k++)
        free(eng->nat.by_kind[k]);
    free(eng->nat.digits);
}
