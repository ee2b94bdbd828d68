/* scan/native_keys.c — rules found by their keys, natively.
 *
 * Every match of such a rule has the shape KEY separator [value]
 * (rules/keyrules.c), the separator one of : = > ： %3A %3D %253A %253D.
 * At each separator the text before it is read backwards through the
 * trie of every key rule's keys (engine/native.h), which names every
 * rule one of whose keys the text ends with (a superset: the rule's own
 * check, scan/confirm.c, decides). A free-text rule's match ends at the
 * separator; a typed rule's value is walked by its tail program, and
 * each end is confirmed with the key's earliest start as a bound. */
#include <stdlib.h>
#include <string.h>

#include "common/chars.h"
#include "scan/scan.h"

/* The separator token at buf[i]: its length, or 0. */
static size_t sep_len(const char *buf, size_t len, size_t i)
{
    const unsigned char *u = (const unsigned char *)buf + i;
    size_t left = len - i;
    if (*u == ':' || *u == '=' || *u == '>')
        return 1;
    if (*u == 0xEF)
        return left >= 3 && u[1] == 0xBC && u[2] == 0x9A ? 3 : 0;
    if (left >= 3 && u[1] == '3' && strchr("AaDd", u[2]) && u[2])
        return 3; /* %3A %3D */
    if (left >= 5 && u[1] == '2' && u[2] == '5' && u[3] == '3' && u[4] &&
        strchr("AaDd", u[4]))
        return 5; /* %253A %253D */
    return 0;
}

/* Length of the quote form (rules/keyrules.c QUOTE_RE) that ends at
 * buf[at], or 0: \\" (any backslashes), ', %22 %27 %2522 %2527, \u0022,
 * \x22. */
static size_t quote_before(const char *buf, size_t at)
{
    if (at >= 1 && (buf[at - 1] == '"' || buf[at - 1] == '\'')) {
        size_t n = 1;
        while (at > n && buf[at - n - 1] == '\\')
            n++;
        return n;
    }
    bool q = at >= 1 && (buf[at - 1] == '2' || buf[at - 1] == '7');
    if (q && at >= 5 && !memcmp(buf + at - 5, "%252", 4))
        return 5;
    if (q && at >= 3 && !memcmp(buf + at - 3, "%2", 2))
        return 3;
    if (at >= 6 && !memcmp(buf + at - 6, "\\u0022", 6))
        return 6;
    if (at >= 4 && !memcmp(buf + at - 4, "\\x22", 4))
        return 4;
    return 0;
}

/* Where the key before the separator at buf[i] ends: before `"'>` for a
 * '>' (an XML element), else before the quote and blanks of KEY_CLOSE. */
static size_t key_end(const char *buf, size_t i)
{
    if (buf[i] == '>')
        return i > 0 && (buf[i - 1] == '"' || buf[i - 1] == '\'') ? i - 1 : i;
    while (i > 0 && (buf[i - 1] == ' ' || buf[i - 1] == '\t'))
        i--;
    return i - quote_before(buf, i);
}

/* The earliest a key whose spelling starts at `from` may start: its
 * prefix ([A-Za-z0-9_.-]*: *suffix keys, mImei, --flag) and a '<'. */
static size_t key_floor_native(const char *buf, size_t from)
{
    while (from > 0 && (is_alnum(buf[from - 1]) || buf[from - 1] == '_' ||
                        buf[from - 1] == '.' || buf[from - 1] == '-'))
        from--;
    return from > 0 && buf[from - 1] == '<' ? from - 1 : from;
}

static const nat_node *child_of(const nat_keys *k, const nat_node *n,
                                unsigned char c)
{
    for (uint32_t i = 0; i < n->nchild; i++)
        if (k->nodes[n->child + i].byte == c)
            return &k->nodes[n->child + i];
    return NULL;
}

typedef struct walk_ctx {
    scan_state *st;
    const crule *r;
    unsigned rule;
    size_t from;
    int error;
} walk_ctx;

/* Whether the rule's right guard refuses an end at buf[e] (when it is a
 * byte set: the confirmation would refuse it first). */
static bool guard_refuses(const crule *r, const char *buf, size_t len,
                          size_t e)
{
    if (!r->right_is_set)
        return false;
    if (e == len)
        return r->right_bad_at_end;
    unsigned char c = (unsigned char)buf[e];
    return (r->right_bad[c >> 3] >> (c & 7)) & 1;
}

/* The walker's callout: one more end of the value. Each (rule, end) is
 * confirmed once per block, after the first key whose value reaches it:
 * separators come in order and a key's earliest start never reaches back
 * over an earlier separator, so the first has the earliest floor. */
static int on_value_end(pcre2_callout_block *cb, void *opaque)
{
    walk_ctx *w = opaque;
    scan_state *st = w->st;
    size_t e = cb->current_position;
    if (e <= w->from || guard_refuses(w->r, (const char *)cb->subject,
                                      cb->subject_length, e))
        return 1;
    int fresh = nat_seen_add(st, w->rule, e);
    if (fresh < 0) {
        w->error = SCRUB_E_NOMEM;
        return PCRE2_ERROR_CALLOUT;
    }
    if (fresh && nat_ends_push(st, w->rule, e)) {
        w->error = SCRUB_E_NOMEM;
        return PCRE2_ERROR_CALLOUT;
    }
    return 1; /* backtrack: every end */
}

/* Bytes after a key rule's longest match that its value's guards may read. */
#define WALK_MARGIN 256

/* Rule ri's key ends at the separator (which ends at sep_end); its key's
 * spelling starts at spell. */
static int key_rule_at(scan_state *st, unsigned ri, const char *buf,
                       size_t len, size_t sep_end, size_t spell)
{
    const crule *r = &st->eng->rules[ri];
    if (r->freetext || !r->walk_re) /* the match ends at the separator */
        return scan_end(st, ri, buf, len, sep_end, 0);
    walk_ctx w = {st, r, ri, sep_end, SCRUB_OK};
    eng_rule_ready(st->eng, r);
    st->nnends = 0;
    pcre2_set_callout(st->mctx, on_value_end, &w);
    pcre2_set_match_limit(st->mctx, SCAN_MATCH_LIMIT);
    /* No value ends past sep_end + window; the rest of a long line stays
     * out of the subject, or PCRE2 would look through it for a required
     * byte at every separator (quadratic on 手机：手机：…). A guard at the
     * cut may let an end through: scan_end judges it on the whole line. */
    size_t sub = len - sep_end > r->window + WALK_MARGIN
                     ? sep_end + r->window + WALK_MARGIN
                     : len;
    int rc = pcre2_match(r->walk_re, (PCRE2_SPTR)buf, sub, sep_end, 0, st->md,
                         st->mctx);
    if (w.error)
        return st->error = w.error;
    if (rc != PCRE2_ERROR_NOMATCH)
        scan_failed_at(st, ri, buf, len, sep_end);
    size_t floor = key_floor_native(buf, spell);
    for (size_t i = 0; i < st->nnends && !st->error; i++) {
        if (r->exclude) /* confirmed only if it shelters a candidate */
            st->error = nat_defer(st, ri, st->nends[i].end, floor);
        else
            scan_end(st, ri, buf, len, st->nends[i].end, floor);
    }
    return st->error;
}

/* The first of the candidates cv->v[0..n) (sorted by start) that starts
 * at or after pos. */
static size_t first_from(const candvec *cv, size_t n, size_t pos)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (cv->v[mid].start < pos)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* An exclusion only matters to a candidate it covers (scan/resolve.c:
 * start at or before it, end at or after it): the value ends of the
 * exclusion rules were put aside, and are confirmed now only where a
 * candidate lies between the key's earliest start and the end. The rest
 * would shelter nothing. cands must be sorted by start. */
int nat_deferred(scan_state *st, const char *buf, size_t len)
{
    const candvec *cv = &st->cands;
    size_t n = cv->n; /* the exclusions confirmed now come after */
    for (size_t i = 0; i < st->ndefer && !st->error; i++) {
        const nat_end *d = &st->defer[i];
        bool covers = false;
        for (size_t k = first_from(cv, n, d->floor);
             !covers && k < n && cv->v[k].start <= d->end; k++)
            covers = cv->v[k].end <= d->end &&
                     !st->eng->rules[cv->v[k].rule].exclude;
        if (covers)
            scan_end(st, d->rule, buf, len, d->end, d->floor);
    }
    st->ndefer = 0;
    return st->error;
}

/* Every rule the trie names for the key that ends at ke, once each. */
int nat_separator(scan_state *st, const char *buf, size_t len, size_t i)
{
    size_t sl = sep_len(buf, len, i);
    const nat_keys *k = &st->eng->nat.keys;
    if (!sl || !k->nodes)
        return SCRUB_OK;
    unsigned seen[16];
    size_t nseen = 0, ke = key_end(buf, i);
    const nat_node *n = &k->nodes[0];
    size_t stop = ke > 4096 ? ke - 4096 : 0; /* a run of joiners */
    for (size_t p = ke; p > stop && !st->error;) {
        int c = key_norm((unsigned char)buf[--p]);
        if (c < 0)
            continue;
        if (!(n = child_of(k, n, (unsigned char)c)))
            break;
        for (uint16_t j = 0; j < n->nrule && !st->error; j++) {
            unsigned ri = k->rules[n->rule + j];
            bool dup = false;
            for (size_t s = 0; s < nseen; s++)
                dup |= seen[s] == ri;
            if (dup)
                continue;
            if (nseen < sizeof seen / sizeof *seen)
                seen[nseen++] = ri;
            key_rule_at(st, ri, buf, len, i + sl, p);
        }
    }
    return st->error;
}

