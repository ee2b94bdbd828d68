/* transform/canon.c — canonical forms: one person one token however the
 * value was written. Prefixes, separators, case and URL encoding do not
 * count: +86 138-1234-5678, %2B8613812345678 and 13812345678 give one
 * token; emails are lower-cased, MACs lose their separators, IPv6
 * addresses are compared as 128-bit numbers. */
#include <arpa/inet.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "common/chars.h"
#include "transform/transform.h"
#include "transform/types.h"

/* The characters of v that satisfy pred (folded to lower case with
 * fold), URL escapes skipped; full-width digits count as their ASCII
 * twins (１ is 1). */
static size_t keep_if(const char *v, size_t n, char *out, size_t cap,
                      bool (*pred)(char), bool fold)
{
    size_t k = 0;
    for (size_t i = 0; i < n && k < cap; i++) {
        size_t esc = url_escape_len(v, n, i);
        if (esc) {
            i += esc - 1;
            continue;
        }
        char c = v[i];
        if (is_fw_digit(v, n, i)) {
            c = (char)('0' + (unsigned char)v[i + 2] - 0x90);
            i += 2;
        }
        if (pred(c))
            out[k++] = fold ? lower(c) : c;
    }
    return k;
}

size_t canon_ipv4(const char *v, size_t n, char *out, size_t cap)
{
    unsigned o[4] = {0};
    int k = 0;
    for (size_t i = 0; i < n && k < 4; i++) {
        if (v[i] == '.' || v[i] == '-') /* ip-10-1-2-3 */
            k++;
        else if (is_digit(v[i]))
            o[k] = o[k] * 10 + (unsigned)(v[i] - '0');
    }
    int w = snprintf(out, cap, "%u.%u.%u.%u", o[0], o[1], o[2], o[3]);
    return w > 0 && (size_t)w < cap ? (size_t)w : 0;
}

static size_t ipv6_canon(const char *v, size_t n, char *out, size_t cap)
{
    char tmp[64];
    const char *zone = memchr(v, '%', n);
    size_t alen = zone ? (size_t)(zone - v) : n;
    unsigned char a[16];
    if (alen >= sizeof tmp || cap < 33)
        return 0;
    memcpy(tmp, v, alen);
    tmp[alen] = '\0';
    if (inet_pton(AF_INET6, tmp, a) != 1)
        return 0;
    sodium_bin2hex(out, cap, a, sizeof a);
    size_t k = 32;
    for (size_t i = alen; i < n && k < cap; i++) /* zone, folded */
        out[k++] = lower(v[i]);
    return k;
}

size_t canon_email(const char *v, size_t n, char *out, size_t cap)
{
    size_t k = 0;
    for (size_t i = 0; i < n && k < cap; i++) {
        if (v[i] == '%' && i + 2 < n && v[i + 1] == '4' && v[i + 2] == '0') {
            out[k++] = '@';
            i += 2;
        } else if (v[i] == '%' && i + 2 < n && v[i + 1] == '2' &&
                   (v[i + 2] | 0x20) == 'b') {
            out[k++] = '+';
            i += 2;
        } else if (v[i] == '\\' && i + 5 < n && !memcmp(v + i + 1, "u0040", 5)) {
            out[k++] = '@';
            i += 5;
        } else {
            out[k++] = lower(v[i]);
        }
    }
    return k;
}

size_t canon_phone(const char *v, size_t n, char *out, size_t cap)
{
    size_t k = keep_if(v, n, out, cap, is_digit, false);
    /* + or its URL escape %2B, then a country code other than 86 */
    size_t cc = n > 3 && v[0] == '+' ? 1
              : n > 5 && v[0] == '%' && v[1] == '2' && (v[2] | 0x20) == 'b' ? 3
                                                                             : 0;
    bool intl = cc && !(v[cc] == '8' && v[cc + 1] == '6');
    if (k > 11 && !intl) { /* drop the country code */
        memmove(out, out + k - 11, 11);
        k = 11;
    }
    return k;
}

/* An IBAN has letters, in any case. */
size_t canon_card(const char *v, size_t n, char *out, size_t cap)
{
    size_t k = keep_if(v, n, out, cap, is_alnum, false);
    for (size_t i = 0; i < k; i++)
        out[i] = out[i] >= 'a' && out[i] <= 'z' ? (char)(out[i] - 32) : out[i];
    return k;
}

size_t canon_digits(const char *v, size_t n, char *out, size_t cap)
{
    return keep_if(v, n, out, cap, is_digit, false);
}

size_t canon_hex(const char *v, size_t n, char *out, size_t cap)
{
    return keep_if(v, n, out, cap, is_hex, true);
}

/* IDFA in upper, OAID in lower case: one id. */
size_t canon_lower(const char *v, size_t n, char *out, size_t cap)
{
    size_t k = n < cap ? n : cap;
    for (size_t i = 0; i < k; i++)
        out[i] = lower(v[i]);
    return k;
}

size_t canon_cn_id(const char *v, size_t n, char *out, size_t cap)
{
    size_t k = n < cap ? n : cap;
    for (size_t i = 0; i < k; i++)
        out[i] = v[i] == 'x' ? 'X' : v[i];
    return k;
}

/* An address that does not parse keeps its bytes. */
size_t canon_ipv6(const char *v, size_t n, char *out, size_t cap)
{
    size_t k = ipv6_canon(v, n, out, cap);
    if (k)
        return k;
    k = n < cap ? n : cap;
    memcpy(out, v, k);
    return k;
}

size_t xf_canonical(const xf_type *t, const char *v, size_t n, char *out,
                    size_t cap)
{
    if (t->shape->canon)
        return t->shape->canon(v, n, out, cap);
    size_t k = n < cap ? n : cap;
    memcpy(out, v, k);
    return k;
}
