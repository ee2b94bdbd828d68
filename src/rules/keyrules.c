/* rules/keyrules.c — turn a rule that names keys into the patterns that find
 * values by their key: JSON members (also escaped JSON inside a string,
 * once or more), key=value and key: value pairs, URL query parameters
 * (also percent-encoded), headers, command-line flags, XML elements and
 * attributes, properties and environment variables, Java field dumps.
 *
 * A key `device_id` matches case-insensitively as device_id, device-id,
 * device.id, deviceId, DEVICEID...: words are joined by an optional '_',
 * '-' or '.'.
 * Each rule becomes two: values written bare (up to a delimiter) and
 * values in double quotes (up to the closing quote). The value is the
 * capture group "v", so the finding is the value alone, never the key. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/chars.h"
#include "rules/rules.h"

/* A quote around a key or value, in every form logs write it: plain,
 * JSON escaped any number of times, percent-encoded once or twice,
 * \u0022 and nginx's \x22 (scan/value.c reads the value the same way). */
#define QUOTE_RE "(?:\\\\*[\"']|%(?:25)?2[27]|\\\\u0022|\\\\x22)"
/* An optional '<' opens an XML element (<password>v</password>, checked
 * in scan/confirm.c); no opening quote and no spaces after the separator: the
 * match only has to end at the separator (the value reader skips
 * spaces), and shorter tails keep the Hyperscan automaton fast. The
 * separator: ':', '=', the full-width colon, %3A / %3D (also encoded
 * twice), or the '>' of an XML element (also after a key that is an
 * attribute's value: Windows' <Data Name='TargetUserName'>li.na</Data>). */
#define KEY_OPEN "<?"
#define KEY_CLOSE                                                           \
    "(?:[\"']?>|" QUOTE_RE "?[ \\t]*(?:[:=]|\\xEF\\xBC\\x9A|%(?:25)?3[AaDd]))"
/* Blanks (also JSON's \t), and the bracket of a JSON array
 * ("coordinates":[116.4,39.9]) or a parenthesis (coord: (121.47, 31.23)) */
#define VALUE_GAP "(?:[ \\t]|\\\\t)*[\\[(]?"
/* Not inside a longer or dotted key (host.name is not a person's name),
 * unless an escape glued before it ends the word before (%26token=). */
#define KEY_LEFT                                                            \
    "(?:(?<![A-Za-z0-9_./-])|(?<=%[0-9A-Fa-f]{2})|(?<=%25[0-9A-Fa-f]{2})|"  \
    "(?<=\\\\x[0-9A-Fa-f]{2})|(?<=\\\\u[0-9A-Fa-f]{4}))"
/* The identifier before a suffix key: any word, dotted or not. */
#define KEY_PREFIX "[A-Za-z0-9_.-]*"

static bool is_meta(char c) { return strchr("\\^$.|?*+()[]{}/", c) != NULL; }

static bool is_sep(char c) { return c == '_' || c == '-' || c == ' ' || c == '.'; }

/* The words of a key from k on, case-insensitive, joined by an optional
 * '_', '-', '.' or space (device_id = deviceId = DEVICE-ID = device.id =
 * "Device ID"). */
static int put_words(sbuf *b, const char *k)
{
    int rc = sbuf_put(b, "(?i:", 4);
    for (const char *p = k; *p; p++) {
        if (is_sep(*p))
            rc |= sbuf_put(b, ")[_. -]?(?i:", 12);
        else {
            if (is_meta(*p))
                rc |= sbuf_putc(b, '\\');
            rc |= sbuf_putc(b, *p);
        }
    }
    return rc | sbuf_putc(b, ')');
}

/* The key as the next word of a camelCase identifier: its first letter
 * in upper case (newPassword, mImei, btMac). */
static int put_camel(sbuf *b, const char *k)
{
    int rc = sbuf_putc(b, (char)(k[0] - 32));
    return k[1] ? rc | put_words(b, k + 1) : rc;
}

/* The byte c as a regex: \xHH. */
static int put_byte(sbuf *b, unsigned char c)
{
    char x[8];
    snprintf(x, sizeof x, "\\x%02X", c);
    return sbuf_put(b, x, 4);
}

/* A hex digit in either case: [Ee]. */
static int put_hex_digit(sbuf *b, unsigned v)
{
    char d = "0123456789ABCDEF"[v & 15];
    if (d < 'A')
        return sbuf_putc(b, d);
    char cls[5] = {'[', d, (char)(d + 32), ']', 0};
    return sbuf_put(b, cls, 4);
}

/* A key in another script (手机号), as written and as URLs and JSON
 * write it: percent-encoded once (%E6%89%8B) or twice (%25E6...), or
 * \u escaped (\u624b); ASCII bytes in it stay as they are. */
static int put_script_key(sbuf *b, const char *k)
{
    const unsigned char *u = (const unsigned char *)k;
    int rc = sbuf_put(b, "(?:", 3);
    for (size_t i = 0; u[i]; i++) /* raw */
        rc |= u[i] < 0x80 ? sbuf_putc(b, (char)u[i]) : put_byte(b, u[i]);
    for (int twice = 0; twice < 2; twice++) {
        rc |= sbuf_putc(b, '|');
        for (size_t i = 0; u[i]; i++) {
            if (u[i] < 0x80) {
                rc |= sbuf_putc(b, (char)u[i]);
                continue;
            }
            rc |= sbuf_put(b, twice ? "%25" : "%", twice ? 3 : 1);
            rc |= put_hex_digit(b, u[i] >> 4) | put_hex_digit(b, u[i]);
        }
    }
    rc |= sbuf_putc(b, '|');
    for (size_t i = 0; u[i];) { /* JSON: one \uXXXX per BMP character */
        unsigned cp = u[i], len = 1;
        if (u[i] >= 0xE0 && u[i + 1] && u[i + 2])
            cp = (u[i] & 0x0Fu) << 12 | (u[i + 1] & 0x3Fu) << 6 | (u[i + 2] & 0x3Fu), len = 3;
        else if (u[i] >= 0xC0 && u[i + 1])
            cp = (u[i] & 0x1Fu) << 6 | (u[i + 1] & 0x3Fu), len = 2;
        if (cp < 0x80) {
            rc |= sbuf_putc(b, (char)cp);
        } else {
            rc |= sbuf_put(b, "\\\\u", 3);
            for (int sh = 12; sh >= 0; sh -= 4)
                rc |= put_hex_digit(b, cp >> sh);
        }
        i += len;
    }
    return rc | sbuf_putc(b, ')');
}

/* One key as a regex. A plain key matches as written (in every case
 * and separator variant), also as a Java/Android field (mImei) and a
 * command-line flag (--password). A leading '*' makes it a suffix at a
 * word boundary: any identifier that ends with it after '_', '-', '.' or
 * a camelCase hump (db_password, newPassword, X-Auth-Token,
 * spring.datasource.password), but never a word that merely contains it
 * (account is not *count). Keys in other scripts (手机号) match as
 * written. */
/* A key in another script, or a plain key (not a suffix): its regex. */
static int put_key(sbuf *b, const char *k)
{
    for (const char *p = k; *p; p++)
        if ((unsigned char)*p >= 0x80)
            return put_script_key(b, k[0] == '*' ? k + 1 : k);
    bool camel = *k >= 'a' && *k <= 'z';
    int rc = sbuf_put(b, "(?:--?)?(?:", 11) | put_words(b, k);
    if (camel)
        rc |= sbuf_put(b, "|m", 2) | put_camel(b, k);
    return rc | sbuf_putc(b, ')');
}

/* Whether k is a suffix key ('*' and ASCII): those are written together. */
static bool is_suffix_key(const char *k)
{
    if (k[0] != '*')
        return false;
    for (const char *p = k; *p; p++)
        if ((unsigned char)*p >= 0x80)
            return false;
    return true;
}

/* A suffix key's words, without its '*' and leading separators ('*_at'
 * is written for '*at' too). */
static const char *suffix_words(const char *k)
{
    for (k++; is_sep(*k);)
        k++;
    return k;
}

/* Every suffix key at once: an identifier ending with one of them after
 * '_', '-', '.' or a camelCase hump, or the key alone. One prefix for all
 * (PREFIX[_.-](?:a|b)|PREFIX[a-z0-9](?:A|B)|a|b): the same language as
 * one group per key, but a backtracking matcher walks the identifier once
 * instead of once per key. */
static int put_suffix_keys(sbuf *b, const strlist *keys)
{
    static const char pre[] = "(?:" KEY_PREFIX "[_.-](?:";
    static const char hump[] = ")|" KEY_PREFIX "[a-z0-9](?:";
    int rc = sbuf_put(b, pre, sizeof pre - 1);
    int n = 0;
    for (size_t i = 0; i < keys->n; i++)
        if (is_suffix_key(keys->v[i]))
            rc |= (n++ ? sbuf_putc(b, '|') : 0) |
                  put_words(b, suffix_words(keys->v[i]));
    rc |= sbuf_put(b, hump, sizeof hump - 1);
    n = 0;
    for (size_t i = 0; i < keys->n; i++) {
        const char *w = suffix_words(keys->v[i]);
        if (is_suffix_key(keys->v[i]) && *w >= 'a' && *w <= 'z')
            rc |= (n++ ? sbuf_putc(b, '|') : 0) | put_camel(b, w);
    }
    rc |= sbuf_put(b, n ? ")" : "(?!))", n ? 1 : 5);
    for (size_t i = 0; i < keys->n; i++)
        if (is_suffix_key(keys->v[i]))
            rc |= sbuf_putc(b, '|') | put_words(b, suffix_words(keys->v[i]));
    return rc | sbuf_putc(b, ')');
}

/* One spelling in key_norm() form, appended to out. */
static int add_spelling(strlist *out, const sbuf *raw)
{
    sbuf n = {0};
    int rc = 0;
    for (size_t i = 0; i < raw->len; i++) {
        int c = key_norm((unsigned char)raw->p[i]);
        if (c >= 0)
            rc |= sbuf_putc(&n, (char)c);
    }
    rc |= sbuf_putc(&n, '\0');
    char **v = rc ? NULL : realloc(out->v, (out->n + 1) * sizeof *v);
    if (!v) {
        sbuf_free(&n);
        return SCRUB_E_NOMEM;
    }
    out->v = v;
    out->v[out->n++] = n.p;
    return SCRUB_OK;
}

/* A key in another script as put_script_key() spells it: its bytes,
 * %XX, %25XX and \uXXXX. */
static int script_spellings(const unsigned char *u, strlist *out)
{
    static const char hex[] = "0123456789abcdef";
    sbuf f[4] = {{0}};
    int rc = 0;
    for (size_t i = 0; u[i]; i++) {
        char x[5] = {'%', '2', '5', hex[u[i] >> 4], hex[u[i] & 15]};
        rc |= sbuf_putc(&f[0], (char)u[i]);
        if (u[i] < 0x80) { /* ASCII bytes stay as they are */
            rc |= sbuf_putc(&f[1], (char)u[i]) | sbuf_putc(&f[2], (char)u[i]);
            continue;
        }
        rc |= sbuf_putc(&f[1], '%') | sbuf_put(&f[1], x + 3, 2);
        rc |= sbuf_put(&f[2], x, 5);
    }
    for (size_t i = 0; u[i];) {
        unsigned cp = u[i], len = 1;
        if (u[i] >= 0xE0 && u[i + 1] && u[i + 2])
            cp = (u[i] & 0x0Fu) << 12 | (u[i + 1] & 0x3Fu) << 6 |
                 (u[i + 2] & 0x3Fu),
            len = 3;
        else if (u[i] >= 0xC0 && u[i + 1])
            cp = (u[i] & 0x1Fu) << 6 | (u[i + 1] & 0x3Fu), len = 2;
        char x[7] = {'\\', 'u', hex[cp >> 12 & 15], hex[cp >> 8 & 15],
                     hex[cp >> 4 & 15], hex[cp & 15], 0};
        rc |= cp < 0x80 ? sbuf_putc(&f[3], (char)cp) : sbuf_put(&f[3], x, 6);
        i += len;
    }
    for (int k = 0; k < 4; k++) {
        rc |= rc ? 0 : add_spelling(out, &f[k]);
        sbuf_free(&f[k]);
    }
    return rc ? SCRUB_E_NOMEM : SCRUB_OK;
}

int key_spellings(const char *k, strlist *out)
{
    for (const char *p = k; *p; p++)
        if ((unsigned char)*p >= 0x80)
            return script_spellings(
                (const unsigned char *)(k[0] == '*' ? k + 1 : k), out);
    sbuf raw = {0}; /* the words; the prefix of '*' keys is any text */
    const char *w = k[0] == '*' ? k + 1 : k;
    int rc = sbuf_put(&raw, w, strlen(w));
    rc = rc ? SCRUB_E_NOMEM : add_spelling(out, &raw);
    sbuf_free(&raw);
    return rc;
}

static char *key_alternation(const strlist *keys)
{
    sbuf b = {0};
    int rc = sbuf_put(&b, "(?:", 3), n = 0;
    for (size_t i = 0; i < keys->n; i++)
        if (!is_suffix_key(keys->v[i]))
            rc |= (n++ ? sbuf_putc(&b, '|') : 0) | put_key(&b, keys->v[i]);
    for (size_t i = 0; i < keys->n; i++)
        if (is_suffix_key(keys->v[i])) {
            rc |= (n ? sbuf_putc(&b, '|') : 0) | put_suffix_keys(&b, keys);
            break;
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
    if (!out->id || !out->type || !out->left || !out->right ||
        strlist_copy(&out->not_prefixes, &proto->not_prefixes) ||
        strlist_copy(&out->keys, &proto->keys) ||
        (proto->origin && !(out->origin = xstrdup(proto->origin))))
        return SCRUB_E_NOMEM;
    return SCRUB_OK;
}

/* What the native matcher needs of a rule found by its keys: the key
 * part (KEY_OPEN alt KEY_CLOSE) and the rest (tail, typed values). */
static int set_parts(rule *out, const char *alt, const char *tail)
{
    const char *kp[] = {KEY_OPEN, alt, KEY_CLOSE, NULL};
    out->keypart = concat(kp);
    out->tail = tail ? xstrdup(tail) : NULL;
    return out->keypart && (!tail || out->tail) ? SCRUB_OK : SCRUB_E_NOMEM;
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
        if (!rc)
            rc = set_parts(&out[0], alt, NULL);
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
    const char *quoted[] = {KEY_OPEN, alt, KEY_CLOSE VALUE_GAP, "(?:" QUOTE_RE "|<)",
                            "(?<v>",  value,        ")",       NULL};
    const char *bare_tail[] = {VALUE_GAP "(?<v>", value, ")", NULL};
    const char *quoted_tail[] = {VALUE_GAP "(?:" QUOTE_RE "|<)(?<v>", value,
                                 ")", NULL};
    char *pb = concat(bare), *pq = concat(quoted);
    char *tb = concat(bare_tail), *tq = concat(quoted_tail);
    int rc = pb && pq && tb && tq ? SCRUB_OK : SCRUB_E_NOMEM;
    if (!rc)
        rc = fill(&out[0], proto, "", pb, bare_end);
    if (!rc)
        rc = fill(&out[1], proto, "#quoted", pq, bare_end);
    if (!rc)
        rc = set_parts(&out[0], alt, tb);
    if (!rc)
        rc = set_parts(&out[1], alt, tq);
    free(pb);
    free(pq);
    free(tb);
    free(tq);
    free(alt);
    return rc;
}
