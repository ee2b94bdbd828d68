/* keyrules.c — turn a rule that names keys into the patterns that find
 * values by their key: JSON members (also escaped JSON inside a string),
 * key=value and key: value pairs, URL query parameters and headers.
 *
 * A key `device_id` matches case-insensitively as device_id, device-id,
 * deviceId, DEVICEID...: words are joined by an optional '_' or '-'.
 * Each rule becomes two: values written bare (up to a delimiter) and
 * values in double quotes (up to the closing quote). The value is the
 * capture group "v", so the finding is the value alone, never the key. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "internal.h"

#define QUOTED_END "(?=\\\\?[\"'])"
/* No opening quote and no spaces after the separator: the match only has
 * to end at the separator (the value reader skips spaces), and shorter
 * tails keep the Hyperscan automaton fast. */
#define KEY_OPEN ""
#define KEY_CLOSE "(?:\\\\?[\"'])?[ \\t]*(?:[:=]|\\xEF\\xBC\\x9A)"
#define VALUE_GAP "[ \\t]*"
/* Not inside a longer or dotted key: host.name is not a person's name. */
#define KEY_LEFT "(?<![A-Za-z0-9_./-])"

static bool is_meta(char c) { return strchr("\\^$.|?*+()[]{}/", c) != NULL; }

/* Words of a key, case-insensitive, joined by an optional _ or -. */
static int put_words(sbuf *b, const char *k)
{
    int rc = sbuf_put(b, "(?i:", 4);
    for (const char *p = k; *p; p++) {
        if (*p == '_' || *p == '-' || *p == ' ')
            rc |= sbuf_put(b, "[_-]?", 5);
        else {
            if (is_meta(*p))
                rc |= sbuf_putc(b, '\\');
            rc |= sbuf_putc(b, *p);
        }
    }
    return rc | sbuf_putc(b, ')');
}

/* One key as a regex. A leading '*' stands for any identifier prefix:
 * `*bytes` is any key ending in "bytes" (totalBytes, body_bytes);
 * `*_at` needs a word break before the suffix (created_at, createdAt,
 * but not "lat" or "LAT"), so a short suffix cannot swallow an unrelated
 * key. */
static int put_key(sbuf *b, const char *k)
{
    if (k[0] != '*')
        return put_words(b, k);
    int rc = sbuf_put(b, "[A-Za-z0-9_-]*", 14);
    k++;
    if (*k != '_' && *k != '-')
        return rc | put_words(b, k);
    k++;
    rc |= sbuf_put(b, "(?:[_-]", 7);
    rc |= put_words(b, k);
    if (*k >= 'a' && *k <= 'z') { /* camelCase: aA, not LAT or FORMAT */
        rc |= sbuf_put(b, "|[a-z0-9]", 9);
        rc |= sbuf_putc(b, (char)(*k - 32));
        if (k[1])
            rc |= put_words(b, k + 1);
    }
    return rc | sbuf_putc(b, ')');
}

static char *key_alternation(const strlist *keys)
{
    sbuf b = {0};
    int rc = sbuf_put(&b, "(?:", 3);
    for (size_t i = 0; i < keys->n; i++) {
        if (i)
            rc |= sbuf_putc(&b, '|');
        rc |= put_key(&b, keys->v[i]);
    }
    rc |= sbuf_put(&b, ")", 2); /* with the terminating NUL */
    if (rc) {
        sbuf_free(&b);
        return NULL;
    }
    return b.p;
}

static char *concat(const char *const *parts)
{
    sbuf b = {0};
    int rc = 0;
    for (; *parts; parts++)
        rc |= sbuf_put(&b, *parts, strlen(*parts));
    rc |= sbuf_putc(&b, '\0');
    if (rc) {
        sbuf_free(&b);
        return NULL;
    }
    return b.p;
}

static int fill(rule *out, const rule *proto, const char *suffix,
                const char *pattern, const char *right)
{
    memset(out, 0, sizeof *out);
    const char *idp[] = {proto->id, suffix, NULL};
    out->id = concat(idp);
    out->type = xstrdup(proto->type);
    out->pattern = xstrdup(pattern);
    out->left = xstrdup(KEY_LEFT);
    out->right = xstrdup(right);
    out->validators = proto->validators;
    out->priority = proto->priority;
    out->caseless = false;
    out->context = !proto->exclude;
    out->exclude = proto->exclude;
    out->max_len = proto->max_len;
    if (!out->id || !out->type || !out->left || !out->right)
        return SCRUB_E_NOMEM;
    return SCRUB_OK;
}

/* ASCII bytes that end a bare value. */
static bool ascii_delim(unsigned char c)
{
    return c == ' ' || (c >= '\t' && c <= '\r') || strchr("\"'&;,<>(){}[]|\\", c);
}

/* Length of the full-width delimiter at p (，：；（）！？、。 and the
 * ideographic space), which end values in Chinese text; 0 if none. */
static size_t wide_delim(const unsigned char *p, size_t n)
{
    if (n < 3)
        return 0;
    if (p[0] == 0xEF && p[1] == 0xBC && strchr("\x81\x88\x89\x8C\x9A\x9B\x9F", p[2]))
        return 3;
    if (p[0] == 0xE3 && p[1] == 0x80 && p[2] <= 0x82)
        return 3;
    return 0;
}

/* A quoted value ends at the closing quote. Opened by a plain quote, a
 * backslash escapes the next byte ("ab\"cd" is one value); opened by an
 * escaped quote (JSON inside a JSON string), the escaped quote closes it. */
static bool extract_quoted(const char *buf, size_t len, size_t i, char q,
                           bool nested, size_t *vs, size_t *ve)
{
    *vs = i;
    while (i < len) {
        char c = buf[i];
        if (c == '\r' || c == '\n')
            break; /* no closing quote: the value ends with its line */
        if (nested && c == '\\' && i + 1 < len && buf[i + 1] == q)
            break;
        if (!nested && c == q)
            break;
        i += c == '\\' ? 2 : 1;
    }
    /* At the end of the data the value is open: it is taken to there (a
     * part of a long line continues it; at the end of input it fails
     * closed). */
    if (i > len)
        i = len;
    if (i == *vs)
        return false;
    *ve = i;
    return true;
}

static size_t bare_end(const unsigned char *u, size_t len, size_t i,
                       run_cache *rc)
{
    if (rc && i >= rc->lo && i < rc->hi)
        return rc->hi; /* inside a run measured before */
    size_t from = i;
    while (i < len && !ascii_delim(u[i]) && !wide_delim(u + i, len - i))
        i++;
    if (rc) {
        rc->lo = from;
        rc->hi = i;
    }
    return i;
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
                     (s[k] >= '0' && s[k] <= '9') ||
                     ((s[k] | 0x20) >= 'a' && (s[k] | 0x20) <= 'z')))
        k++;
    return k > 0 && k + 1 < n && s[k] == '=' && s[k + 1] != '=';
}

bool extract_value(const char *buf, size_t len, size_t pos, size_t *vs,
                   size_t *ve, run_cache *rc)
{
    const unsigned char *u = (const unsigned char *)buf;
    size_t gap = pos;
    while (pos < len && (buf[pos] == ' ' || buf[pos] == '\t'))
        pos++;
    gap = pos - gap;
    if (pos < len && (buf[pos] == '"' || buf[pos] == '\''))
        return extract_quoted(buf, len, pos + 1, buf[pos], false, vs, ve);
    if (pos + 1 < len && buf[pos] == '\\' &&
        (buf[pos + 1] == '"' || buf[pos + 1] == '\''))
        return extract_quoted(buf, len, pos + 2, buf[pos + 1], true, vs, ve);
    size_t i = bare_end(u, len, pos, rc);
    /* An HTTP authorization scheme (Authorization: Bearer <token>): the
     * value is the scheme and its credentials, of any length. */
    if (is_auth_scheme(buf + pos, i - pos) && i + 1 < len && buf[i] == ' ' &&
        !ascii_delim(u[i + 1]))
        i = bare_end(u, len, i + 1, rc);
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

size_t continue_value(const char *buf, size_t len, size_t pos, char quote,
                      bool nested, bool *open)
{
    const unsigned char *u = (const unsigned char *)buf;
    size_t i = pos;
    *open = false;
    while (i < len) {
        char c = buf[i];
        if (!quote) {
            if (ascii_delim(u[i]) || wide_delim(u + i, len - i))
                return i;
            i++;
            continue;
        }
        if (c == '\r' || c == '\n' || (nested && c == '\\' && i + 1 < len &&
                                        buf[i + 1] == quote) ||
            (!nested && c == quote))
            return i;
        i += c == '\\' ? 2 : 1;
    }
    *open = true;
    return len;
}

size_t value_resume(const char *buf, size_t to, size_t pos, char quote)
{
    if (to < pos + 2)
        return pos;
    if (!quote) /* no escapes: every byte is a step */
        return to - 2;
    size_t i = pos, last = pos;
    while (i + 2 <= to) {
        last = i;
        i += buf[i] == '\\' ? 2 : 1;
    }
    return last;
}

int expand_key_rule(const rule *proto, const strlist *keys,
                    const char *value, rule out[2], size_t *nout)
{
    char *alt = key_alternation(keys);
    if (!alt)
        return SCRUB_E_NOMEM;
    if (!value) { /* free text: the pattern is the key, C reads the value */
        const char *key[] = {KEY_OPEN, alt, KEY_CLOSE, NULL};
        char *pk = concat(key);
        int rc = pk ? fill(&out[0], proto, "", pk, "") : SCRUB_E_NOMEM;
        out[0].freetext = true;
        free(pk);
        free(alt);
        *nout = 1;
        return rc;
    }
    *nout = 2;
    const char *bare_end = proto->right ? proto->right : "(?![0-9A-Za-z])";
    const char *bare[] = {KEY_OPEN, alt, KEY_CLOSE VALUE_GAP, "(?<v>", value,
                          ")", NULL};
    const char *quoted[] = {KEY_OPEN, alt, KEY_CLOSE VALUE_GAP, "\\\\?[\"']",
                            "(?<v>",  value,        ")",       NULL};
    char *pb = concat(bare), *pq = concat(quoted);
    int rc = pb && pq ? SCRUB_OK : SCRUB_E_NOMEM;
    if (!rc)
        rc = fill(&out[0], proto, "", pb, bare_end);
    if (!rc)
        rc = fill(&out[1], proto, "#quoted", pq, QUOTED_END);
    free(pb);
    free(pq);
    free(alt);
    return rc;
}
