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

#include "internal.h"

/* Bytes that end a bare value: ASCII delimiters, and the full-width
 * comma, colon, semicolon, parenthesis and ideographic comma, full stop
 * and space, which end values in Chinese text. */
#define BARE_VALUE                                                             \
    "(?:[^\\s\"'&;,<>(){}\\[\\]|\\\\\\xE3\\xEF]"                              \
    "|\\xEF[\\x80-\\xBB\\xBD-\\xBF][\\x80-\\xBF]"                             \
    "|\\xEF\\xBC[\\x80-\\x88\\x8A\\x8B\\x8D-\\x99\\x9C-\\xBF]"                  \
    "|\\xE3[\\x81-\\xBF][\\x80-\\xBF]|\\xE3\\x80[\\x83-\\xBF])+"
/* Not '(' or '{': a word followed by them is a type or a call
 * (Token{…}, Surface(…)), not a value. */
#define BARE_END                                                               \
    "(?=[\\s\"'&;,<>)}\\[\\]|\\\\]|\\xEF\\xBC[\\x89\\x8C\\x9A\\x9B]"            \
    "|\\xE3\\x80[\\x80-\\x82]|\\z)"
#define QUOTED_VALUE "(?:[^\"\\\\\\r\\n]|\\\\[^\"\\r\\n])+"
#define QUOTED_END "(?=\\\\?\")"
#define KEY_OPEN "(?:\\\\?[\"'])?"
#define KEY_CLOSE "(?:\\\\?[\"'])?[ \\t]*(?:[:=]|\\xEF\\xBC\\x9A)[ \\t]*"
/* Not inside a longer or dotted key: host.name is not a person's name. */
#define KEY_LEFT "(?<![A-Za-z0-9_.-])"

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
 * but not "lat"), so a short suffix cannot swallow an unrelated key. */
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
    if (*k >= 'a' && *k <= 'z') { /* camelCase: upper-case first letter */
        rc |= sbuf_putc(b, '|');
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

int expand_key_rule(const rule *proto, const strlist *keys,
                    const char *value, rule out[2])
{
    char *alt = key_alternation(keys);
    if (!alt)
        return SCRUB_E_NOMEM;
    const char *bare_v = value ? value : BARE_VALUE;
    const char *quoted_v = value ? value : QUOTED_VALUE;
    /* A typed value (digits, hex) keeps the rule's own right guard when it
     * has one; a free-text value ends at a delimiter or the quote. */
    const char *bare_end = proto->right && value ? proto->right : BARE_END;
    const char *bare[] = {KEY_OPEN, alt, KEY_CLOSE, "(?<v>", bare_v, ")", NULL};
    const char *quoted[] = {KEY_OPEN, alt,          KEY_CLOSE, "\\\\?\"",
                            "(?<v>",  quoted_v,     ")",       NULL};
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
