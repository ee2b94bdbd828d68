/* scan/confirm.c — confirm a candidate: Hyperscan reports only where a
 * match ends; the rule's right guard is checked there (a bit set when it
 * depends on one byte), and its left guard and pattern, anchored at the
 * end (`\z` on the subject cut there), recover the leftmost start. A key
 * rule's value is then read (value.c), and the value must pass its key's
 * words, its validators and never hold or touch a token of ours. */
#include <string.h>
#include <strings.h>

#include "common/chars.h"
#include "common/token.h"
#include "scan/scan.h"

/* Length of a separator, closing quote or escape (rules/keyrules.c) that
 * ends at buf[i] (exclusive), or 0. */
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
bool scan_accept(const scrub_engine *eng, const crule *r, const char *buf,
                 size_t len, size_t key, size_t start, size_t end)
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
        ((key < start && tok_label_ends_at(eng_types(eng), buf, key)) ||
         tok_touches(buf, len, start, end) ||
         tok_touches_label(eng_types(eng), buf, len, start, end) ||
         tok_is(buf + start, end - start) ||
         tok_contains(buf + start, end - start) ||
         tok_contains_label(eng_types(eng), buf + start, end - start)))
        return false;
    return validate_span(r->validators, buf, len, start, end);
}

/* A PCRE2 result: matched, did not match, or failed (a match, depth or
 * heap limit): a failure must not let the candidate's bytes through, so
 * its line is withheld, or the scan stops (withhold.c). */
static bool matched(scan_state *st, const crule *r, const char *buf,
                    size_t len, size_t at, int rc)
{
    if (rc < 0 && rc != PCRE2_ERROR_NOMATCH)
        scan_failed_at(st, (unsigned)(r - st->eng->rules), buf, len, at);
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
    if (!value_extract(buf, len, end, &vs, &ve, &st->runs) ||
        !scan_accept(st->eng, r, buf, len, key, vs, ve))
        return false;
    *start = vs;
    *vend = ve;
    return true;
}

bool scan_confirm(scan_state *st, const crule *r, const char *buf,
                  size_t len, size_t end, size_t min_start, size_t *start,
                  size_t *vend)
{
    PCRE2_SPTR s = (PCRE2_SPTR)buf;
    eng_rule_ready(st->eng, r);
    if (r->right_is_set) {
        unsigned char next = end < len ? (unsigned char)buf[end] : 0;
        if (end < len ? (r->right_bad[next >> 3] >> (next & 7)) & 1
                      : r->right_bad_at_end)
            return false;
    } else if (r->right_re &&
               !matched(st, r, buf, len, end,
                        pcre2_match(r->right_re, s, len, end, 0, st->md,
                                    st->limits))) {
        return false;
    }
    if (r->fixed_width) { /* the start is known: only check LEFT there */
        if (end < r->fixed_width ||
            !matched(st, r, buf, len, end,
                     pcre2_match(r->start_anchored_re, s, end,
                                 end - r->fixed_width, 0, st->md, st->limits)))
            return false;
        if (!scan_accept(st->eng, r, buf, len, end - r->fixed_width,
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
        if (!matched(st, r, buf, len, end,
                     pcre2_match(r->start_re, s, end, lo, 0, st->md,
                                 st->limits)))
            return false;
        PCRE2_SIZE *ov = pcre2_get_ovector_pointer(st->md);
        if (r->freetext)
            return freetext_value(st, r, buf, len, ov[0], end, start, vend);
        size_t from = ov[2 * r->vgroup];
        if (from == PCRE2_UNSET || ov[2 * r->vgroup + 1] != end || from >= end)
            return false;
        if (scan_accept(st->eng, r, buf, len, ov[0], from, end)) {
            *start = from;
            *vend = end;
            return true;
        }
        lo = ov[0] + 1;
    }
    return false;
}
