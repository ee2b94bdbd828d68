/* scan/value.c — read the free-text value that follows a key and its
 * separator: up to the closing quote when quoted, else up to a delimiter.
 *
 * Quotes come in every form logs write them: plain ("v", 'v'), inside
 * JSON escaped once or more (\"v\", \\\"v\\\": Docker's json-file around
 * an application's JSON), percent-encoded (%22v%22, twice: %2522), as a
 * JSON or nginx escape (\u0022, \x22), in angle brackets (session=<id>),
 * and XML element text (<k>v</k>).
 * A value opened at one depth ends at a quote of that depth or less: in
 * JSON escaped L times a quote preceded by m backslashes belongs to depth
 * L when m + 1 is not a multiple of 2^(L+1) (m = 2^(L+1) - 1 is a quote
 * inside the value, escaped once more). */
#include <stdint.h>
#include <string.h>
#include <strings.h>

#include "common/chars.h"
#include "scan/value.h"
#include "transform/transform.h" /* LONG_VALUE */

/* ASCII bytes that end a bare value. */
static bool ascii_delim(unsigned char c)
{
    return c == ' ' || (c >= '\t' && c <= '\r') ||
           strchr("\"'&;,<>(){}[]|\\", c);
}

/* Length of the full-width delimiter at p (，：；（）！？、。 and the
 * ideographic space), which end values in Chinese text; 0 if none. */
static size_t wide_delim(const unsigned char *p, size_t n)
{
    if (n < 3)
        return 0;
    if (p[0] == 0xEF && p[1] == 0xBC &&
        strchr("\x81\x88\x89\x8C\x9A\x9B\x9F", p[2]))
        return 3;
    if (p[0] == 0xE3 && p[1] == 0x80 && p[2] <= 0x82)
        return 3;
    return 0;
}

/* A delimiter percent-encoded once or twice (%26, %2526, %20, %22...):
 * in a URL-encoded query the value ends there. */
static bool pct_delim(const unsigned char *p, size_t n)
{
    size_t at = n >= 5 && p[0] == '%' && p[1] == '2' && p[2] == '5' ? 3 : 1;
    /* %26, or %2526: the '%' itself encoded, then 26 */
    if (p[0] != '%' || n < at + 2 || !is_hex((char)p[at]) ||
        !is_hex((char)p[at + 1]))
        return false;
    p += at - 1;
    unsigned char c = (unsigned char)(hexval((char)p[1]) << 4 |
                                      hexval((char)p[2]));
    return c < 0x80 && c != '\\' && ascii_delim(c);
}

static bool bare_delim(const unsigned char *u, size_t len, size_t i)
{
    return ascii_delim(u[i]) || (u[i] >= 0xE3 && wide_delim(u + i, len - i)) ||
           (u[i] == '%' && pct_delim(u + i, len - i));
}

/* In a URL query (?k=v&k2=v2) a value's own spaces and punctuation are
 * percent-encoded (%20, %2C, %27) or '+': it runs to a literal
 * delimiter (&, a blank, a quote), not to an encoded one. */
static size_t query_end(const unsigned char *u, size_t len, size_t i)
{
    while (i < len && !ascii_delim(u[i]) &&
           !(u[i] >= 0xE3 && wide_delim(u + i, len - i)))
        i++;
    return i;
}

/* Where the URL or form key that the '=' right before pos ends starts;
 * SIZE_MAX when no such key ends there. */
static size_t eq_key_start(const char *buf, size_t pos)
{
    if (pos < 2 || buf[pos - 1] != '=')
        return SIZE_MAX;
    size_t k = pos - 1;
    while (k > 0 && (is_alnum(buf[k - 1]) || strchr("_-.[]", buf[k - 1])))
        k--;
    return k < pos - 1 ? k : SIZE_MAX;
}

/* Whether the value at pos is a URL query's: the '=' before it ends a key
 * that a '?' or '&' (or HTML's &amp;) starts. A key after an encoded
 * separator (msg=login%20password%3Dx%20user%3Dbob: a whole URL-encoded
 * line) is not: there %20 ends the value. */
static bool in_query(const char *buf, size_t pos)
{
    size_t k = eq_key_start(buf, pos);
    return k != SIZE_MAX && k > 0 &&
           (buf[k - 1] == '?' || buf[k - 1] == '&' ||
            (k >= 5 && !memcmp(buf + k - 5, "&amp;", 5)));
}

static size_t bare_end(const unsigned char *u, size_t len, size_t i,
                       run_cache *rc)
{
    if (rc && i >= rc->lo && i < rc->hi)
        return rc->hi; /* inside a run measured before */
    size_t from = i;
    while (i < len && !bare_delim(u, len, i))
        i++;
    if (rc) {
        rc->lo = from;
        rc->hi = i;
    }
    return i;
}

static bool starts(const char *buf, size_t len, size_t i, const char *lit)
{
    size_t n = strlen(lit);
    return i + n <= len && strncasecmp(buf + i, lit, n) == 0;
}

/* The quote that opens a value at buf[i] (after the separator and any
 * blanks), and how many bytes it takes; {0} and 0 for a bare value. */
static size_t quote_at(const char *buf, size_t len, size_t i, vquote *q)
{
    *q = (vquote){0, 0};
    size_t k = i;
    while (k < len && buf[k] == '\\')
        k++;
    if (k < len && (buf[k] == '"' || buf[k] == '\'')) {
        size_t m = k - i;
        unsigned char level = 0;
        while (level < 7 && ((size_t)2 << level) <= m + 1)
            level++;
        *q = (vquote){buf[k], level};
        return k + 1 - i;
    }
    if (starts(buf, len, i, "%2522") || starts(buf, len, i, "%2527")) {
        *q = (vquote){'%', 1};
        return 5;
    }
    if (starts(buf, len, i, "%22") || starts(buf, len, i, "%27")) {
        *q = (vquote){'%', 0};
        return 3;
    }
    if (starts(buf, len, i, "\\u0022")) {
        *q = (vquote){'u', 0};
        return 6;
    }
    if (starts(buf, len, i, "\\x22")) {
        *q = (vquote){'x', 0};
        return 4;
    }
    if (buf[i] == '<' && i + 1 < len && buf[i + 1] != '/' && buf[i + 1] != '<') {
        *q = (vquote){'>', 0}; /* session=<id> (dovecot), to=<a@b> */
        return 1;
    }
    return 0;
}

/* Whether a quote of depth q.level or less closes the value at buf[i],
 * given the backslashes right before it (m of them). */
static bool closes_at(const char *buf, size_t len, size_t i, vquote q,
                      size_t m)
{
    switch (q.kind) {
    case '"':
    case '\'':
        return buf[i] == q.kind && (m + 1) % ((size_t)2 << q.level) != 0;
    case '%':
        return q.level ? starts(buf, len, i, "%2522") ||
                             starts(buf, len, i, "%2527")
                       : starts(buf, len, i, "%22") ||
                             starts(buf, len, i, "%27");
    case 'u':
        return starts(buf, len, i, "\\u0022");
    case 'x':
        return starts(buf, len, i, "\\x22");
    case '>':
        return buf[i] == '>';
    default: /* '<': XML element text */
        return buf[i] == '<';
    }
}

/* Where a quoted (or XML) value that is read from i ends: at its closing
 * quote, or at the end of its line; len (*open) when neither comes. */
static size_t quoted_end(const char *buf, size_t len, size_t i, vquote q,
                         bool *open)
{
    size_t m = 0; /* backslashes right before buf[i] */
    *open = false;
    for (; i < len; i++) {
        char c = buf[i];
        if (c == '\r' || c == '\n')
            return i;
        if (closes_at(buf, len, i, q, m)) { /* its escapes are the quote's */
            size_t own = q.kind == '"' || q.kind == '\'' ?
                         ((size_t)1 << q.level) - 1 : 0;
            return i - (m < own ? m : own);
        }
        m = c == '\\' ? m + 1 : 0;
    }
    *open = true;
    return len;
}

static bool is_auth_scheme(const char *s, size_t n)
{
    static const char *const schemes[] = {"bearer", "basic", "token",
                                          "digest", "negotiate", "oauth",
                                          "apikey", "mac", "hoba"};
    for (size_t k = 0; k < sizeof schemes / sizeof *schemes; k++)
        if (strlen(schemes[k]) == n && strncasecmp(schemes[k], s, n) == 0)
            return true;
    return false;
}

/* identifier=something: the start of another key=value pair. */
static bool looks_like_pair(const char *s, size_t n)
{
    size_t k = 0;
    while (k < n && (s[k] == '_' || s[k] == '-' || s[k] == '.' ||
                     is_alnum(s[k])))
        k++;
    return k > 0 && k + 1 < n && s[k] == '=' && s[k + 1] != '=';
}

/* The first pair of a form body (name=Zhang%20San&age=30) at the start of
 * a line or after a blank or a quote: read as a query's when another pair
 * follows the '&' that ends it within LONG_VALUE bytes. A value that long
 * or longer is read as bare: it is the only kind that can reach into the
 * next part of a long line, whose reader (value_quote) sees no '&'. */
static bool form_first(const char *buf, size_t len, size_t pos)
{
    size_t k = eq_key_start(buf, pos);
    if (k == SIZE_MAX || (k > 0 && !strchr(" \t\"'\n\r", buf[k - 1])))
        return false;
    size_t lim = len - pos > LONG_VALUE ? pos + LONG_VALUE : len;
    size_t e = query_end((const unsigned char *)buf, lim, pos);
    return e < lim && buf[e] == '&' && looks_like_pair(buf + e + 1, len - e - 1);
}

static bool extract_bare(const char *buf, size_t len, size_t pos, size_t gap,
                         size_t *vs, size_t *ve, run_cache *rc)
{
    const unsigned char *u = (const unsigned char *)buf;
    bool query = !gap && (in_query(buf, pos) || form_first(buf, len, pos));
    size_t i = query ? query_end(u, len, pos) : bare_end(u, len, pos, rc);
    /* An HTTP authorization scheme (Authorization: Bearer <token>): the
     * value is the scheme and its credentials, of any length. */
    if (is_auth_scheme(buf + pos, i - pos) && i + 1 < len && buf[i] == ' ' &&
        !ascii_delim(u[i + 1])) {
        size_t j = bare_end(u, len, i + 1, rc);
        /* Digest and friends: name=value parameters to the line's end */
        if (j < len && buf[j] == '"' && looks_like_pair(buf + i + 1, j + 1 - (i + 1)))
            while (j < len && buf[j] != '\r' && buf[j] != '\n')
                j++;
        i = j;
    }
    /* A word followed by ( or { is a type or a call (Token{...},
     * Token { kind: ...}); not one of LONG_VALUE bytes, which is judged by
     * its head alone (the rest may be in a later part of a long line). */
    size_t after = i;
    while (after < len && buf[after] == ' ')
        after++;
    if (i == pos || (i - pos <= LONG_VALUE && after < len &&
                     (buf[after] == '(' || buf[after] == '{')))
        return false;
    /* "password= next=1": the key had no value; this is the next pair
     * (but "dGVzdA==" is base64 padding, and stays a value). */
    if (gap && looks_like_pair(buf + pos, i - pos < LONG_VALUE ? i - pos
                                                               : LONG_VALUE))
        return false;
    *vs = pos;
    *ve = i;
    return true;
}

bool value_extract(const char *buf, size_t len, size_t pos, size_t *vs,
                   size_t *ve, run_cache *rc)
{
    bool xml = pos > 0 && buf[pos - 1] == '>', open;
    /* "password= in cleartext": '=' glued to its key, then a blank, is a
     * key without a value in prose ("password = x" has blanks both sides) */
    bool glued_eq = pos > 1 && buf[pos - 1] == '=' && buf[pos - 2] != ' ' &&
                    buf[pos - 2] != '\t';
    size_t gap = pos;
    for (;;) { /* blanks, also JSON-escaped: "Account Name:\t\tli.na" */
        if (pos < len && (buf[pos] == ' ' || buf[pos] == '\t'))
            pos++;
        else if (pos + 2 < len && buf[pos] == '\\' && buf[pos + 1] == 't' &&
                 buf[pos + 2] != '\\')
            pos += 2;
        else
            break;
    }
    gap = pos - gap;
    if (gap && glued_eq && pos < len && (buf[pos] | 0x20) >= 'a' &&
        (buf[pos] | 0x20) <= 'z' && !looks_like_pair(buf + pos, len - pos))
        return false;
    /* a list of one: 'password': ['x'] (Python's QueryDict) */
    if (pos + 1 < len && buf[pos] == '[' && (buf[pos + 1] == '\'' || buf[pos + 1] == '"'))
        pos++;
    vquote q = {'<', 0};
    size_t ql = xml ? 0 : quote_at(buf, len, pos, &q);
    if (!xml && !ql)
        return extract_bare(buf, len, pos, gap, vs, ve, rc);
    *vs = pos + ql;
    /* At the end of the data the value is open: it is taken to there (a
     * part of a long line continues it; at the end of input it fails
     * closed). */
    *ve = quoted_end(buf, len, *vs, q, &open);
    return *ve > *vs;
}

vquote value_quote(const char *buf, size_t vs)
{
    if (in_query(buf, vs))
        return (vquote){'q', 0};
    size_t i = vs;
    while (i > 0 && (buf[i - 1] == ' ' || buf[i - 1] == '\t'))
        i--;
    if (i > 0 && buf[i - 1] == '>')
        return (vquote){'<', 0};
    if (vs > 0 && (buf[vs - 1] == '"' || buf[vs - 1] == '\'')) {
        size_t k = vs - 1; /* the whole run of backslashes before it */
        while (k > 0 && buf[k - 1] == '\\')
            k--;
        vquote q;
        quote_at(buf, vs, k, &q);
        return q;
    }
    static const char *const openers[] = {"%2522", "%2527", "%22", "%27",
                                          "\\u0022", "\\x22", "<"};
    for (size_t k = 0; k < sizeof openers / sizeof *openers; k++) {
        size_t n = strlen(openers[k]);
        vquote q;
        if (vs >= n && quote_at(buf, vs, vs - n, &q) == n)
            return q;
    }
    return (vquote){0, 0};
}

size_t value_continue(const char *buf, size_t len, size_t pos, vquote q,
                      bool *open)
{
    const unsigned char *u = (const unsigned char *)buf;
    if (q.kind && q.kind != 'q')
        return quoted_end(buf, len, pos, q, open);
    size_t i = q.kind ? query_end(u, len, pos) : pos;
    while (i < len && !bare_delim(u, len, i))
        i++;
    *open = i == len;
    return i;
}

size_t value_resume(const char *buf, size_t to, size_t pos)
{
    size_t r = to > pos + VALUE_LOOKBACK ? to - VALUE_LOOKBACK : pos;
    while (r > pos && buf[r - 1] == '\\')
        r--; /* the run of backslashes before a quote counts whole */
    return r;
}
