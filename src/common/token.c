/* common/token.c — scrub's tokens and labels: writers and readers. */
#include <string.h>

#include "common/chars.h"
#include "common/token.h"

static bool is_lower_az(char c) { return c >= 'a' && c <= 'z'; }
static bool is_upper_az(char c) { return c >= 'A' && c <= 'Z'; }
static bool is_type_char(char c)
{
    return is_upper_az(c) || is_digit(c) || c == '_';
}

/* n base-26 digits of x into out, least significant first. */
static void base26_u64(uint64_t x, char *out, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        out[i] = (char)('a' + (int)(x % 26)); /* a multiply, not a divide */
        x /= 26;
    }
}

#define B26_CHUNK 13 /* digits per 64-bit part: 26^13 < 2^64 */
#define B26_POW13 2481152873203736576ULL /* 26^13 */

/* Lower-case letters only: a digest made of them can never look like a
 * number, an address or a hex value to any rule, which keeps scrubbing
 * idempotent. A 128-bit division is a libgcc call (~7 ns): one per
 * letter made a token's 18 letters cost ~130 ns. So the value is split by
 * 26^13 into parts that fit 64 bits, whose digits cost a multiply each:
 * an 80-bit digest (any value below 2^120) takes one wide division. */
void tok_base26(const unsigned char *in, size_t inlen, char *out,
                size_t outlen)
{
    unsigned __int128 v = 0;
    for (size_t i = 0; i < inlen && i < 16; i++)
        v = (v << 8) | in[i];
    size_t done = 0;
    while ((v >> 64) != 0 && done < outlen) {
        unsigned __int128 q = v / B26_POW13;
        size_t k = outlen - done < B26_CHUNK ? outlen - done : B26_CHUNK;
        base26_u64((uint64_t)(v - q * B26_POW13), out + done, k);
        done += k;
        v = q;
    }
    base26_u64((uint64_t)v, out + done, outlen - done);
}

/* TYPE_kid_ : the head every token starts with. */
static int put_head(sbuf *out, const char *type, const char *kid)
{
    int rc = sbuf_put(out, type, strlen(type));
    rc |= sbuf_putc(out, '_');
    rc |= sbuf_put(out, kid, strlen(kid));
    rc |= sbuf_putc(out, '_');
    return rc ? SCRUB_E_NOMEM : SCRUB_OK;
}

int tok_put_hash(sbuf *out, const char *type, const char *kid,
                 const unsigned char digest[TOK_DIGEST_BYTES])
{
    char enc[TOK_DIGEST_CHARS];
    tok_base26(digest, TOK_DIGEST_BYTES, enc, sizeof enc);
    int rc = put_head(out, type, kid);
    rc |= sbuf_put(out, enc, sizeof enc);
    return rc ? SCRUB_E_NOMEM : SCRUB_OK;
}

/* Bytes as letters a-p, two per byte: no digit, no character that needs
 * escaping anywhere, and nothing any rule can match. */
int tok_put_encrypt(sbuf *out, const char *type, const char *kid,
                    const unsigned char *body, size_t n)
{
    int rc = put_head(out, type, kid);
    rc |= sbuf_putc(out, 'x');
    if (rc || sbuf_reserve(out, 2 * n))
        return SCRUB_E_NOMEM;
    for (size_t i = 0; i < n; i++) {
        out->p[out->len++] = (char)('a' + (body[i] >> 4));
        out->p[out->len++] = (char)('a' + (body[i] & 15));
    }
    return SCRUB_OK;
}

int tok_put_label(sbuf *out, const char *type)
{
    int rc = sbuf_putc(out, '[');
    rc |= sbuf_put(out, type, strlen(type));
    rc |= sbuf_putc(out, ']');
    return rc ? SCRUB_E_NOMEM : SCRUB_OK;
}

bool tok_split_encrypt(const char *t, size_t n, tok_parts *p)
{
    const char *x = NULL;
    for (size_t i = n; i-- > 1;)
        if (t[i - 1] == '_' && t[i] == 'x') {
            x = t + i;
            break;
        }
    if (!x)
        return false;
    const char *kid_end = x - 1, *kid = kid_end;
    while (kid > t && is_lower_az(kid[-1]))
        kid--;
    if (kid == t || kid[-1] != '_' || kid_end - kid >= 16 || kid - 1 == t)
        return false;
    *p = (tok_parts){(size_t)(kid - 1 - t), kid, (size_t)(kid_end - kid),
                     x + 1, (size_t)(t + n - x - 1)};
    return true;
}

bool tok_decode_letters(const char *s, size_t nbytes, unsigned char *out)
{
    for (size_t i = 0; i < nbytes; i++) {
        unsigned hi = (unsigned)(s[2 * i] - 'a'), lo = (unsigned)(s[2 * i + 1] - 'a');
        if (hi > 15 || lo > 15)
            return false;
        out[i] = (unsigned char)(hi << 4 | lo);
    }
    return true;
}

size_t tok_len(const char *s, size_t n)
{
    if (n == 0 || !is_upper_az(s[0]))
        return 0;
    size_t i = 0;
    while (i < n && is_type_char(s[i]))
        i++;
    if (s[i - 1] != '_')
        return 0;
    size_t kid = i;
    while (i < n && is_lower_az(s[i]))
        i++;
    if (i - kid < 2 || i >= n || s[i] != '_')
        return 0;
    size_t digest = ++i;
    while (i < n && is_lower_az(s[i]))
        i++;
    return i - digest >= TOK_DIGEST_CHARS ? i : 0;
}

bool tok_is(const char *s, size_t n)
{
    if (n >= 3 && s[0] == '[' && s[n - 1] == ']') {
        for (size_t i = 1; i + 1 < n; i++)
            if (!is_type_char(s[i]))
                return false;
        return is_upper_az(s[1]);
    }
    return tok_len(s, n) == n;
}

/* Whether one of our tokens ends just before buf[at]: back over the
 * digest (at most an encrypt token's length), the key id and the type. */
static bool tok_ends_at(const char *buf, size_t at)
{
    size_t i = at, lim = at > TOK_ENCRYPT_MAX ? at - TOK_ENCRYPT_MAX : 0;
    while (i > lim && is_lower_az(buf[i - 1]))
        i--;
    if (at - i < TOK_DIGEST_CHARS || i < 2 || buf[i - 1] != '_')
        return false;
    size_t kid_end = i - 1, k = kid_end;
    while (k > 0 && is_lower_az(buf[k - 1]))
        k--;
    if (kid_end - k < 2 || k < 2 || buf[k - 1] != '_')
        return false;
    size_t t = k - 1; /* the type: [A-Z][A-Z0-9_]* before the '_' */
    while (t > 0 && is_type_char(buf[t - 1]))
        t--;
    while (t < k - 1 && !is_upper_az(buf[t]))
        t++;
    return t < k - 1;
}

bool tok_touches(const char *buf, size_t len, size_t start, size_t end)
{
    size_t before = start, after = end;
    if (before > 1 && is_glue(buf[before - 1]) && is_lower_az(buf[before - 2]))
        before--;
    if (after + 1 < len && is_glue(buf[after]))
        after++;
    return (start > 0 && is_lower_az(buf[start - 1]) &&
            tok_ends_at(buf, start)) ||
           (before < start && tok_ends_at(buf, before)) ||
           tok_len(buf + start, len - start) > 0 ||
           (end < len && tok_len(buf + end, len - end) > 0) ||
           (after > end && tok_len(buf + after, len - after) > 0);
}

bool tok_contains(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (is_upper_az(s[i]) &&
            (i == 0 || !(is_alnum(s[i - 1]) || s[i - 1] == '_')) &&
            tok_len(s + i, n - i))
            return true;
    return false;
}

static bool is_type_name(tok_types t, const char *s, size_t n)
{
    for (size_t i = 0; i < t.n; i++)
        if (strlen(t.names[i]) == n && !memcmp(t.names[i], s, n))
            return true;
    return false;
}

/* A label's name is short: 40 bytes bound the search for its bracket. */
bool tok_label_ends_at(tok_types t, const char *buf, size_t at)
{
    if (at < 3 || buf[at - 1] != ']')
        return false;
    size_t i = at - 1;
    while (i > 0 && at - i < 40 && buf[i - 1] != '[')
        i--;
    return i > 0 && buf[i - 1] == '[' && is_type_name(t, buf + i, at - 1 - i);
}

bool tok_label_starts_at(tok_types t, const char *buf, size_t len, size_t at)
{
    if (at + 2 >= len || buf[at] != '[')
        return false;
    size_t n = len - at - 1 < 40 ? len - at - 1 : 40;
    const char *close = memchr(buf + at + 1, ']', n);
    return close &&
           is_type_name(t, buf + at + 1, (size_t)(close - (buf + at + 1)));
}

bool tok_contains_label(tok_types t, const char *s, size_t n)
{
    for (const char *p = s; (p = memchr(p, '[', n - (size_t)(p - s))); p++)
        if (tok_label_starts_at(t, s, n, (size_t)(p - s)))
            return true;
    return false;
}

bool tok_touches_label(tok_types t, const char *buf, size_t len,
                       size_t start, size_t end)
{
    return tok_label_ends_at(t, buf, start) ||
           (start > 0 && is_glue(buf[start - 1]) && buf[start - 1] != ':' &&
            tok_label_ends_at(t, buf, start - 1)) ||
           tok_label_starts_at(t, buf, len, end) ||
           (end < len && is_glue(buf[end]) &&
            tok_label_starts_at(t, buf, len, end + 1));
}
