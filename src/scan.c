/* scan.c — find, confirm and resolve the findings of one block.
 *
 * Hyperscan runs once over the block for all rules, without start of
 * match (cheaper automata); each reported end is confirmed by PCRE2: the
 * rule's right guard is matched at the end, and the rule's left guard and
 * pattern, anchored at the end (`\z` on the subject cut there), recover
 * the leftmost start. Validators then judge the exact bytes. Rules that
 * Hyperscan cannot express, and the reference matcher used by the tests,
 * run each rule's whole PCRE2 program over the block instead. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "internal.h"

int candvec_push(candvec *cv, size_t start, size_t end, unsigned ri)
{
    return candvec_push_key(cv, start, start, end, ri);
}

int candvec_push_key(candvec *cv, size_t key, size_t start, size_t end,
                     unsigned ri)
{
    if (cv->n == cv->cap) {
        size_t cap = cv->cap ? cv->cap * 2 : 64;
        cand *v = realloc(cv->v, cap * sizeof *v);
        if (!v)
            return SCRUB_E_NOMEM;
        cv->v = v;
        cv->cap = cap;
    }
    cv->v[cv->n++] = (cand){start, end, key, ri, false};
    return SCRUB_OK;
}

int scan_state_init(scan_state *st, const scrub_engine *eng)
{
    memset(st, 0, sizeof *st);
    st->eng = eng;
    st->md = pcre2_match_data_create(16, NULL);
    st->mctx = pcre2_match_context_create(NULL);
    if (!st->md || !st->mctx ||
        (eng->db && hs_alloc_scratch(eng->db, &st->scratch) != HS_SUCCESS))
        return SCRUB_E_NOMEM;
    return SCRUB_OK;
}

void scan_state_free(scan_state *st)
{
    if (st->gbk.p)
        memset(st->gbk.p, 0, st->gbk.cap); /* a copy of raw input */
    sbuf_free(&st->gbk);
    free(st->excl.v);
    free(st->later.v);
    free(st->cands.v);
    hs_free_scratch(st->scratch);
    pcre2_match_context_free(st->mctx);
    pcre2_match_data_free(st->md);
}

/* Length of a separator, closing quote or escape (keyrules.c) that ends
 * at buf[i] (exclusive), or 0. */
static size_t key_punct_before(const char *buf, size_t i)
{
    static const char *const forms[] = {"%253A", "%253a", "%253D", "%253d",
                                        "%3A", "%3a", "%3D", "%3d",
                                        "%2522", "%2527", "%22", "%27",
                                        "\\u0022", "\\x22", "\xEF\xBC\x9A"};
    unsigned char c = i ? (unsigned char)buf[i - 1] : 0;
    if (c == ':' || c == '=' || c == '>' || c == '"' || c == '\'' ||
        c == '\\' || c == ' ' || c == '\t')
        return 1;
    for (size_t k = 0; k < sizeof forms / sizeof *forms; k++) {
        size_t n = strlen(forms[k]);
        if (i >= n && !memcmp(buf + i - n, forms[k], n))
            return n;
    }
    return 0;
}

/* Where a key ending at `end` can start: back over the separator, quotes
 * and the key's own characters. Searching for the key's start from there,
 * not from a whole window back, keeps key rules cheap. */
static size_t key_floor(const char *buf, size_t end)
{
    const unsigned char *u = (const unsigned char *)buf;
    size_t i = end, n;
    for (int k = 0; k < 24 && (n = key_punct_before(buf, i)); k++)
        i -= n;
    for (int words = 0; words < 4; words++) { /* "MAC Address", "Device ID" */
        while (i > 0 && (u[i - 1] >= 0x80 || u[i - 1] == '_' || u[i - 1] == '-' ||
                         u[i - 1] == '.' || u[i - 1] == '%' || u[i - 1] == '\\' ||
                         is_alnum((char)u[i - 1])))
            i--; /* %E5%A7%93 and \u59d3 are key characters too */
        if (!(i > 1 && u[i - 1] == ' ' && is_alnum((char)u[i - 2])))
            break;
        i--;
    }
    for (int k = 0; k < 24 && i > 0 && strchr("<\"'\\", u[i - 1]); k++)
        i--;
    return i;
}

static bool is_type_name(const scrub_engine *eng, const char *s, size_t n)
{
    for (size_t i = 0; i < eng->ntypes; i++)
        if (strlen(eng->types[i]) == n && !memcmp(eng->types[i], s, n))
            return true;
    return false;
}

/* Whether one of the engine's labels ("[PHONE]", the redact action's
 * output; not "[INFO]") ends just before buf[at], or starts at buf[at]. */
static bool label_ends_at(const scrub_engine *eng, const char *buf, size_t at)
{
    if (at < 3 || buf[at - 1] != ']')
        return false;
    size_t i = at - 1;
    while (i > 0 && at - i < 40 && buf[i - 1] != '[')
        i--;
    return i > 0 && buf[i - 1] == '[' && is_type_name(eng, buf + i, at - 1 - i);
}

static bool label_starts_at(const scrub_engine *eng, const char *buf,
                            size_t len, size_t at)
{
    if (at + 2 >= len || buf[at] != '[')
        return false;
    size_t n = len - at - 1 < 40 ? len - at - 1 : 40;
    const char *close = memchr(buf + at + 1, ']', n);
    return close && is_type_name(eng, buf + at + 1,
                                 (size_t)(close - (buf + at + 1)));
}

/* Whether s holds one of the engine's labels (contains_scrub_token()). */
static bool contains_label(const scrub_engine *eng, const char *s, size_t n)
{
    for (const char *p = s; (p = memchr(p, '[', n - (size_t)(p - s))); p++)
        if (label_starts_at(eng, s, n, (size_t)(p - s)))
            return true;
    return false;
}

/* touches_token() for labels: directly or glued by one punctuation byte;
 * but "[IMEI]:35..." or "[MAC]:00:1a:..." may be a log's own tag before
 * a raw value, and a tag must not hide it: ':' after a label is no glue. */
static bool touches_label(const scrub_engine *eng, const char *buf,
                          size_t len, size_t start, size_t end)
{
    return label_ends_at(eng, buf, start) ||
           (start > 0 && is_glue(buf[start - 1]) && buf[start - 1] != ':' &&
            label_ends_at(eng, buf, start - 1)) ||
           label_starts_at(eng, buf, len, end) ||
           (end < len && is_glue(buf[end]) &&
            label_starts_at(eng, buf, len, end + 1));
}

static bool is_key_sep(char c) { return c == '_' || c == '.' || c == '-'; }

/* A camelCase hump at buf[i]: a lower-case letter or digit, then an
 * upper-case letter (hostName). */
static bool camel_hump(const char *buf, size_t i)
{
    char c = buf[i - 1], d = buf[i];
    return ((c >= 'a' && c <= 'z') || is_digit(c)) && d >= 'A' && d <= 'Z';
}

/* Whether the key of a key rule's match (from buf[key], before the
 * value at start) has, before its last word, a word the rule lists in
 * not_prefixes: bank_name and hostName are no person's name, and
 * Calling-Station-Id no id key. Words are split at '_', '.', '-' and
 * camelCase humps; a one-word key takes the word before it across a blank
 * ("Log Name:", as Windows prints fields). */
static bool key_prefix_denied(const crule *r, const char *buf, size_t key,
                              size_t start)
{
    size_t a = key;
    while (a < start && strchr("<-\"'\\%", buf[a]))
        a += buf[a] == '%' && a + 2 < start ? 3 : 1; /* <, --, \", %22 */
    size_t b = a;
    while (b < start && (is_alnum(buf[b]) || is_key_sep(buf[b])))
        b++;
    size_t ps = 0, pe = 0, cs = 0, ce = 0, i = a; /* previous, current */
    bool have = false, two = false;
    while (i < b) {
        while (i < b && is_key_sep(buf[i]))
            i++;
        if (i >= b)
            break;
        size_t s0 = i++;
        while (i < b && !is_key_sep(buf[i]) && !camel_hump(buf, i))
            i++;
        two = have;
        ps = cs, pe = ce;
        cs = s0, ce = i;
        have = true;
    }
    if (!two && have && a >= 2 && buf[a - 1] == ' ' && is_alnum(buf[a - 2])) {
        /* "Log Name:", "<Provider Name=": the word before, across a blank,
         * when it is a label's first word, not another pair's value */
        size_t ws = a - 1;
        while (ws > 0 && is_alnum(buf[ws - 1]))
            ws--;
        if (ws == 0 || strchr(" \t\n<", buf[ws - 1])) {
            pe = a - 1;
            ps = pe;
            while (ps > ws && !camel_hump(buf, ps))
                ps--;
            two = true;
        }
    }
    for (size_t k = 0; two && k < r->n_not_prefixes; k++) {
        const char *w = r->not_prefixes[k];
        if (strlen(w) == pe - ps && strncasecmp(w, buf + ps, pe - ps) == 0)
            return true;
    }
    return false;
}

/* The rule's validators, and never our own tokens or labels (except for
 * the rule that looks for tokens, and exclusions, which only shelter what
 * lies in them): scrubbing scrubbed text changes nothing. A candidate that
 * holds a token or touches one is scrubbed text already ("4+PHONE_...+x"
 * was "4+86 138-2468-5678+x"). key: where the match began (the key of a
 * key rule), which a label right before must not have made a key
 * ("[IMEI]token=..." was "<digits>token=...", no key after a digit). A
 * free-text value is judged by its first LONG_VALUE bytes, which every
 * part of a long line that opens it holds. */
static bool accept_span(const scrub_engine *eng, const crule *r,
                        const char *buf, size_t len, size_t key, size_t start,
                        size_t end)
{
    if (r->freetext && end - start > LONG_VALUE)
        end = start + LONG_VALUE;
    if (r->n_not_prefixes && key_prefix_denied(r, buf, key, start))
        return false;
    /* '>' separates a key from its value only in an XML element, or
     * after a key written as an attribute's value (Name='key'>) */
    if ((r->context || r->exclude) && key < start && buf[key] != '<' &&
        !(key > 1 && (buf[key - 1] == '\'' || buf[key - 1] == '"') &&
          buf[key - 2] == '=') &&
        value_quote(buf, start).kind == '<')
        return false;
    if (!r->reveal_only && !r->exclude && /* an exclusion may hold tokens */
        ((key < start && label_ends_at(eng, buf, key)) ||
         touches_token(buf, len, start, end) ||
         touches_label(eng, buf, len, start, end) ||
         is_scrub_token(buf + start, end - start) ||
         contains_scrub_token(buf + start, end - start) ||
         contains_label(eng, buf + start, end - start)))
        return false;
    return validate_span(r->validators, buf, len, start, end);
}

/* A PCRE2 result: matched, did not match, or failed (a match, depth or
 * heap limit): a failure must not let the candidate's bytes through, so
 * it stops the scan (fail closed). */
static bool matched(scan_state *st, int rc)
{
    if (rc < 0 && rc != PCRE2_ERROR_NOMATCH)
        st->error = SCRUB_E_SCAN;
    return rc >= 0;
}

/* The value of a free-text key rule that ends at `end`. Values of a run
 * of keys with no delimiter share their end: it is found once, so that a
 * line of many keys is not read again for each (that was quadratic). */
static bool freetext_value(scan_state *st, const crule *r, const char *buf,
                           size_t len, size_t key, size_t end, size_t *start,
                           size_t *vend)
{
    size_t vs, ve;
    if (!extract_value(buf, len, end, &vs, &ve, &st->runs) ||
        !accept_span(st->eng, r, buf, len, key, vs, ve))
        return false;
    *start = vs;
    *vend = ve;
    return true;
}

bool confirm_at_end(scan_state *st, const crule *r, const char *buf,
                    size_t len, size_t end, size_t min_start, size_t *start,
                    size_t *vend)
{
    PCRE2_SPTR s = (PCRE2_SPTR)buf;
    if (r->right_is_set) {
        unsigned char next = end < len ? (unsigned char)buf[end] : 0;
        if (end < len ? (r->right_bad[next >> 3] >> (next & 7)) & 1
                      : r->right_bad_at_end)
            return false;
    } else if (r->right_re &&
               !matched(st, pcre2_match(r->right_re, s, len, end, 0, st->md,
                                        NULL))) {
        return false;
    }
    if (r->fixed_width) { /* the start is known: only check LEFT there */
        if (end < r->fixed_width ||
            !matched(st, pcre2_match(r->start_anchored_re, s, end,
                                     end - r->fixed_width, 0, st->md, NULL)))
            return false;
        if (!accept_span(st->eng, r, buf, len, end - r->fixed_width,
                         end - r->fixed_width, end))
            return false;
        *start = end - r->fixed_width;
        *vend = end;
        return true;
    }
    size_t lo = r->freetext ? key_floor(buf, end)
                            : end > r->window ? end - r->window : 0;
    if (!r->freetext && lo < min_start)
        lo = min_start;
    /* The leftmost start first; when the validators reject it, a later
     * start for the same end may still be a value ("abcd+86 139-1234-5678":
     * not the +86 glued to hex, but the number). A few tries suffice: the
     * starts differ only by optional prefixes. */
    for (int tries = 0; tries < 6 && lo < end; tries++) {
        if (!matched(st, pcre2_match(r->start_re, s, end, lo, 0, st->md, NULL)))
            return false;
        PCRE2_SIZE *ov = pcre2_get_ovector_pointer(st->md);
        if (r->freetext)
            return freetext_value(st, r, buf, len, ov[0], end, start, vend);
        size_t from = ov[2 * r->vgroup];
        if (from == PCRE2_UNSET || ov[2 * r->vgroup + 1] != end || from >= end)
            return false;
        if (accept_span(st->eng, r, buf, len, ov[0], from, end)) {
            *start = from;
            *vend = end;
            return true;
        }
        lo = ov[0] + 1;
    }
    return false;
}

typedef struct hs_cb_ctx {
    scan_state *st;
    const char *buf;
    size_t len;
} hs_cb_ctx;

static int on_hs_match(unsigned id, unsigned long long from,
                       unsigned long long to, unsigned flags, void *opaque)
{
    (void)from;
    (void)flags;
    hs_cb_ctx *c = opaque;
    scan_state *st = c->st;
    unsigned ri = st->eng->hs_rule[id];
    const crule *r = &st->eng->rules[ri];
    if (r->reveal_only && !st->reveal)
        return 0;
    size_t start, end, at = (size_t)to;
    if (r->terminated && at > 0) { /* the match took the byte after */
        unsigned char last = (unsigned char)c->buf[at - 1];
        if (!((r->right_bad[last >> 3] >> (last & 7)) & 1))
            at--;
    }
    if (!confirm_at_end(st, r, c->buf, c->len, at, 0, &start, &end))
        return st->error ? 1 : 0; /* a PCRE2 failure stops the scan */
    /* The last PCRE2 match recovered the start: its match began at the
     * key (validators and the value reader do not use it). */
    size_t key = pcre2_get_ovector_pointer(st->md)[0];
    if (candvec_push_key(&st->cands, key < start ? key : start, start, end,
                         ri)) {
        st->error = SCRUB_E_NOMEM;
        return 1; /* stop the scan */
    }
    st->cands.v[st->cands.n - 1].refine = !r->fixed_width && !r->freetext;
    return 0;
}

/* The PCRE2 path: a callout at the end of the rule's whole program sees
 * every (start, end) pair the pattern can match, because it answers "no"
 * and so makes PCRE2 backtrack into every shorter end and then move on to
 * every later start. (A plain search would give one greedy end per
 * start: "6226 0212 3456 7890 128" fails Luhn as 19 digits and its
 * 16-digit card would never be tried.) */
typedef struct pcre_walk {
    scan_state *st;
    const crule *r;
    unsigned ri;
    const char *buf;
    size_t len;
    size_t tried_start, tried_end; /* the pair judged last */
} pcre_walk;

/* Whether the rule's candidates at the tail of cv already hold (s, e):
 * different paths through a pattern can end at the same place. */
static bool have_pair(const candvec *cv, unsigned ri, size_t s, size_t e)
{
    for (size_t j = cv->n; j > 0; j--) {
        const cand *c = &cv->v[j - 1];
        if (c->rule != ri || c->start != s)
            return false;
        if (c->end == e)
            return true;
    }
    return false;
}

static int on_pcre_end(pcre2_callout_block *cb, void *opaque)
{
    pcre_walk *w = opaque;
    scan_state *st = w->st;
    const crule *r = w->r;
    size_t s = cb->start_match, e = cb->current_position;
    if (r->vgroup) {
        if (cb->capture_top <= r->vgroup)
            return 1;
        s = cb->offset_vector[2 * r->vgroup];
        e = cb->offset_vector[2 * r->vgroup + 1];
    }
    if (r->freetext && !extract_value(w->buf, w->len, e, &s, &e, &st->runs))
        return 1;
    if (s == PCRE2_UNSET || e <= s || (s == w->tried_start && e == w->tried_end))
        return 1;
    w->tried_start = s;
    w->tried_end = e;
    if (have_pair(&st->cands, w->ri, s, e) ||
        !accept_span(st->eng, r, w->buf, w->len, cb->start_match, s, e))
        return 1;
    size_t key = cb->start_match < s ? cb->start_match : s;
    if (candvec_push_key(&st->cands, key, s, e, w->ri)) {
        st->error = SCRUB_E_NOMEM;
        return PCRE2_ERROR_CALLOUT; /* abandon the match */
    }
    return 1; /* backtrack: look for every other end and start */
}

static int scan_rule_pcre(scan_state *st, unsigned ri, const char *buf,
                          size_t len)
{
    pcre_walk w = {st, &st->eng->rules[ri], ri, buf, len, PCRE2_UNSET, 0};
    if (!w.r->full_re)
        return SCRUB_E_SCAN; /* it would not compile: fail closed */
    pcre2_set_callout(st->mctx, on_pcre_end, &w);
    int rc = pcre2_match(w.r->full_re, (PCRE2_SPTR)buf, len, 0, 0, st->md,
                         st->mctx);
    if (st->error)
        return st->error;
    /* Every path fails by design; anything but "no match" is a limit or
     * an error, and must not let the block through. */
    return rc == PCRE2_ERROR_NOMATCH ? SCRUB_OK : SCRUB_E_SCAN;
}

static int cand_cmp(const void *pa, const void *pb, void *eng)
{
    const cand *a = pa, *b = pb;
    const scrub_engine *e = eng;
    if (a->start != b->start)
        return a->start < b->start ? -1 : 1;
    if (a->end != b->end)
        return a->end > b->end ? -1 : 1; /* longer first */
    int pa_ = e->rules[a->rule].priority, pb_ = e->rules[b->rule].priority;
    if (pa_ != pb_)
        return pa_ > pb_ ? -1 : 1;
    return a->rule < b->rule ? -1 : a->rule > b->rule;
}

/* Hyperscan reports matches by end, so candidates arrive almost sorted
 * by start: insertion sort is linear then and needs no allocation. If the
 * order is far off (many moves), qsort takes over, so that no input makes
 * it quadratic. */
static void sort_cands(candvec *cv, const scrub_engine *eng)
{
    size_t moves = 0, limit = 8 * cv->n + 64;
    for (size_t i = 1; i < cv->n; i++) {
        cand x = cv->v[i];
        size_t j = i;
        while (j > 0 && cand_cmp(&cv->v[j - 1], &x, (void *)eng) > 0) {
            cv->v[j] = cv->v[j - 1];
            j--;
            if (++moves > limit) {
                cv->v[j] = x;
                qsort_r(cv->v, cv->n, sizeof *cv->v, cand_cmp, (void *)eng);
                return;
            }
        }
        cv->v[j] = x;
    }
}

/* Exclusion spans (values under keys such as "bytes" or "trace_id")
 * mark what lies inside them as not personal: a candidate inside one is
 * dropped, unless a personal-data key found it. A candidate reaching
 * beyond the excluded value ("count=86 13812345678": a phone after it)
 * stays. An exclusion whose key is part of a finding is void: the key is
 * replaced, and a second pass would not see it. The spans come in order
 * of start, as the candidates do. */
static int collect_exclusions(scan_state *st)
{
    const candvec *cv = &st->cands;
    st->excl.n = 0;
    for (size_t i = 0; i < cv->n; i++)
        if (st->eng->rules[cv->v[i].rule].exclude &&
            candvec_push_key(&st->excl, cv->v[i].key, cv->v[i].start,
                             cv->v[i].end, cv->v[i].rule))
            return SCRUB_E_NOMEM;
    return SCRUB_OK;
}

/* The exclusions in force at `start`, as the latest end they reach: those
 * starting at or before it whose key no finding took. Called with
 * non-decreasing starts; taken_end is the end of the last finding. */
typedef struct excl_state {
    size_t next, reach;
} excl_state;

static bool excluded(const candvec *x, excl_state *xs, size_t taken_end,
                     size_t start, size_t end)
{
    for (; xs->next < x->n && x->v[xs->next].start <= start; xs->next++) {
        const cand *e = &x->v[xs->next];
        if (taken_end <= e->key && e->end > xs->reach)
            xs->reach = e->end;
    }
    return xs->reach >= end;
}

/* A binary min-heap of candidates in cand_cmp order. */
static int heap_push(candvec *h, cand c, const scrub_engine *eng)
{
    if (candvec_push(h, 0, 0, 0))
        return SCRUB_E_NOMEM;
    size_t i = h->n - 1;
    while (i > 0 && cand_cmp(&c, &h->v[(i - 1) / 2], (void *)eng) < 0) {
        h->v[i] = h->v[(i - 1) / 2];
        i = (i - 1) / 2;
    }
    h->v[i] = c;
    return SCRUB_OK;
}

static cand heap_pop(candvec *h, const scrub_engine *eng)
{
    cand top = h->v[0], x = h->v[--h->n];
    size_t i = 0;
    for (;;) {
        size_t k = 2 * i + 1;
        if (k >= h->n)
            break;
        if (k + 1 < h->n && cand_cmp(&h->v[k + 1], &h->v[k], (void *)eng) < 0)
            k++;
        if (cand_cmp(&h->v[k], &x, (void *)eng) >= 0)
            break;
        h->v[i] = h->v[k];
        i = k;
    }
    if (h->n)
        h->v[i] = x;
    return top;
}

/* The next candidate in order: from the sorted list or from those given
 * a later start. */
static cand next_cand(scan_state *st, size_t *i)
{
    candvec *cv = &st->cands, *later = &st->later;
    if (later->n && (*i == cv->n ||
                     cand_cmp(&later->v[0], &cv->v[*i], (void *)st->eng) < 0))
        return heap_pop(later, st->eng);
    return cv->v[(*i)++];
}

/* Leftmost, then longest, then highest priority, then first-defined rule;
 * a candidate overlapping one already taken is dropped, unless a later
 * start gives the same end a value that begins after it: in
 * "oaid:abcdefgh+86 138-2468-5678" the device id takes "+86" and the
 * phone number is still "138-2468-5678". Hyperscan's path proposes only
 * the leftmost start of each end, so the later one is looked for here;
 * the PCRE2 path has proposed every start. Nothing may start before
 * `first`. Taken candidates are written over the list as it is read:
 * each is, or was given a later start from, one read before it. */
static int resolve_overlaps(scan_state *st, const char *buf, size_t len,
                            size_t first)
{
    candvec *cv = &st->cands;
    if (cv->n == 0)
        return SCRUB_OK;
    sort_cands(cv, st->eng);
    if (collect_exclusions(st))
        return SCRUB_E_NOMEM;
    st->later.n = 0;
    size_t k = 0, last_end = first, taken_end = st->prev_end, i = 0;
    excl_state xs = {0, 0};
    while (i < cv->n || st->later.n) {
        cand c = next_cand(st, &i);
        const crule *r = &st->eng->rules[c.rule];
        /* found by a personal-data key, or our token: not sheltered */
        if (r->exclude ||
            (excluded(&st->excl, &xs, taken_end, c.start, c.end) &&
             !r->context && !r->reveal_only))
            continue;
        if (c.start >= last_end) {
            cv->v[k++] = c;
            last_end = taken_end = c.end;
            continue;
        }
        size_t s, e;
        if (!c.refine || c.end <= last_end)
            continue;
        if (confirm_at_end(st, r, buf, len, c.end, last_end, &s, &e)) {
            if (heap_push(&st->later, (cand){s, e, s, c.rule, true}, st->eng))
                return SCRUB_E_NOMEM;
        } else if (st->error) {
            return st->error;
        }
    }
    cv->n = k;
    return SCRUB_OK;
}

static int scan_view(scan_state *st, const char *buf, size_t len,
                     size_t first, scrub_matcher m);

/* Rules read GBK text through a view in which its characters' ASCII-range
 * bytes are masked (gbk.c); the copy is wiped once scanned. */
int scan_block(scan_state *st, const char *buf, size_t len, size_t first,
               scrub_matcher m)
{
    st->cands.n = 0;
    st->error = SCRUB_OK;
    st->runs.lo = st->runs.hi = 0; /* positions are per block */
    if (len == 0)
        return SCRUB_OK;
    int rc;
    const char *view = gbk_view(&st->gbk, buf, len, st->cut, &rc);
    if (!view)
        return rc;
    rc = scan_view(st, view, len, first, m);
    if (view != buf)
        memset(st->gbk.p, 0, len);
    return rc;
}

static int scan_view(scan_state *st, const char *buf, size_t len,
                     size_t first, scrub_matcher m)
{
    const scrub_engine *eng = st->eng;
    if (m == SCRUB_MATCHER_HYPERSCAN && eng->db) {
        hs_cb_ctx c = {st, buf, len};
        /* Hyperscan takes an unsigned length: feed huge blocks in parts
         * that overlap by more than any value can span. */
        if (len > 0xFFFFFFFFu)
            return SCRUB_E_SCAN;
        hs_error_t he = hs_scan(eng->db, buf, (unsigned)len, 0, st->scratch,
                                on_hs_match, &c);
        if (st->error)
            return st->error;
        if (he != HS_SUCCESS)
            return SCRUB_E_SCAN;
    }
    for (unsigned i = 0; i < eng->nrules; i++) {
        if ((m == SCRUB_MATCHER_HYPERSCAN && eng->rules[i].on_hs) ||
            (eng->rules[i].reveal_only && !st->reveal))
            continue;
        int rc = scan_rule_pcre(st, i, buf, len);
        if (rc)
            return rc;
    }
    return resolve_overlaps(st, buf, len, first);
}
