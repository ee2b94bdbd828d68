/* transform/mask.c — masks: the conventional partial forms (138****5678,
 * first 6 and last 4 of a card, a MAC's OUI, a /24) and the masks of free
 * text; same length and separators. */
#include <string.h>

#include "common/chars.h"
#include "transform/transform.h"
#include "transform/types.h"

/* The character of class pred at v[i]: its length (3 for a full-width
 * digit whose ASCII twin is in the class), or 0. */
static size_t class_char(const char *v, size_t n, size_t i, bool (*pred)(char))
{
    if (is_fw_digit(v, n, i))
        return pred((char)('0' + (unsigned char)v[i + 2] - 0x90)) ? 3 : 0;
    return pred(v[i]) ? 1 : 0;
}

/* Mask the characters of v that satisfy pred, counting only those
 * characters: positions [keep_head, count - keep_tail) become '*' (a
 * full-width digit becomes the full-width asterisk: same width and
 * bytes). URL escapes are no characters of the value. */
static int mask_class(const char *v, size_t n, bool (*pred)(char),
                      size_t keep_head, size_t keep_tail, sbuf *out)
{
    size_t total = 0, seen = 0, cl;
    for (size_t i = 0; i < n; i++) {
        size_t esc = url_escape_len(v, n, i);
        if (esc)
            i += esc - 1;
        else if ((cl = class_char(v, n, i, pred)))
            total++, i += cl - 1;
    }
    size_t p0 = out->len;
    if (sbuf_put(out, v, n))
        return SCRUB_E_NOMEM;
    for (size_t i = 0; i < n; i++) {
        size_t esc = url_escape_len(v, n, i);
        if (esc) {
            i += esc - 1;
            continue;
        }
        if (!(cl = class_char(v, n, i, pred)))
            continue;
        if (seen >= keep_head && seen + keep_tail < total) {
            if (cl == 3)
                memcpy(out->p + p0 + i, "\xEF\xBC\x8A", 3); /* ＊ */
            else
                out->p[p0 + i] = '*';
        }
        seen++;
        i += cl - 1;
    }
    return SCRUB_OK;
}

int mask_phone(const char *v, size_t n, sbuf *out)
{
    /* 138****5678: digits 4-7 of the national number; the last 11 digits
     * are the national number whatever prefix precedes them. */
    char d[32];
    size_t total = canon_digits(v, n, d, sizeof d);
    return mask_class(v, n, is_digit, total > 8 ? total - 8 : 0, 4, out);
}

/* The first character of the local part, *** and the domain: a***@x.com.
 * The '@' may be written %40 or \u0040; '+' as %2B is part of the local
 * part. The first character is kept whole (UTF-8). */
int mask_email(const char *v, size_t n, sbuf *out)
{
    size_t at = 0;
    while (at < n && v[at] != '@' &&
           !(v[at] == '%' && at + 2 < n && v[at + 1] == '4' && v[at + 2] == '0') &&
           !(v[at] == '\\' && at + 5 < n && !memcmp(v + at + 1, "u0040", 5)))
        at++;
    size_t first = 1;
    while (first < at && ((unsigned char)v[first] & 0xC0) == 0x80)
        first++;
    int rc = sbuf_put(out, v, first);
    rc |= sbuf_put(out, "***", 3);
    rc |= sbuf_put(out, v + at, n - at);
    return rc ? SCRUB_E_NOMEM : SCRUB_OK;
}

int mask_ipv4(const char *v, size_t n, sbuf *out)
{
    size_t dot = n;
    while (dot > 0 && v[dot - 1] != '.' && v[dot - 1] != '-') /* or 10-1-2-3 */
        dot--;
    int rc = sbuf_put(out, v, dot);
    for (size_t i = dot; i < n; i++)
        rc |= sbuf_putc(out, '*');
    return rc ? SCRUB_E_NOMEM : SCRUB_OK;
}

/* Keep the /48 routing prefix (three groups), mask every digit after. */
int mask_ipv6(const char *v, size_t n, sbuf *out)
{
    size_t cut = 0;
    int colons = 0;
    const char *zone = memchr(v, '%', n);
    size_t end = zone ? (size_t)(zone - v) : n;
    while (cut < end && colons < 3) {
        if (v[cut] == ':') {
            colons++;
            if (cut + 1 < end && v[cut + 1] == ':') {
                cut += 2;
                break;
            }
        }
        cut++;
    }
    size_t p0 = out->len;
    if (sbuf_put(out, v, n))
        return SCRUB_E_NOMEM;
    for (size_t i = cut; i < end; i++)
        if (is_hex(v[i]))
            out->p[p0 + i] = '*';
    return SCRUB_OK;
}

/* For types without a convention: every character becomes one '*', UTF-8
 * sequences included, so a masked name cannot leak by its bytes. */
int xf_mask_generic(const char *v, size_t n, sbuf *out)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)v[i];
        if ((c & 0xC0) == 0x80)
            continue; /* continuation byte: already masked with its lead */
        char m = (c < 0x80 && !is_alnum((char)c)) ? (char)c : '*';
        if (sbuf_putc(out, m))
            return SCRUB_E_NOMEM;
    }
    return SCRUB_OK;
}

/* Keep the first `keep` characters (UTF-8 aware), one '*' for each of
 * the rest: 张伟 -> 张*, and a masked value never ends mid-character. */
int xf_mask_chars(const char *v, size_t n, size_t keep, sbuf *out)
{
    size_t chars = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)v[i];
        if ((c & 0xC0) == 0x80)
            continue;
        size_t len = 1;
        while (i + len < n && ((unsigned char)v[i + len] & 0xC0) == 0x80)
            len++;
        int rc = chars++ < keep ? sbuf_put(out, v + i, len)
                                : sbuf_putc(out, '*');
        if (rc)
            return SCRUB_E_NOMEM;
    }
    return SCRUB_OK;
}

/* Two decimals (about 1 km) stay; the finer digits are masked. */
int mask_geo(const char *v, size_t n, sbuf *out)
{
    size_t p0 = out->len;
    if (sbuf_put(out, v, n))
        return SCRUB_E_NOMEM;
    int decimals = -1;
    for (size_t i = 0; i < n; i++) {
        if (v[i] == '.')
            decimals = 0;
        else if (is_digit(v[i]) && decimals >= 0 && ++decimals > 2)
            out->p[p0 + i] = '*';
        else if (!is_digit(v[i]))
            decimals = -1; /* the second number of a pair */
    }
    return SCRUB_OK;
}

int mask_cn_id(const char *v, size_t n, sbuf *out)
{
    return mask_class(v, n, is_alnum, 6, 4, out);
}

/* first 6 and last 4; an IBAN's letters count too */
int mask_card(const char *v, size_t n, sbuf *out)
{
    return mask_class(v, n, is_alnum, 6, 4, out);
}

int mask_imei(const char *v, size_t n, sbuf *out) /* keeps the 8-digit TAC */
{
    return mask_class(v, n, is_digit, 8, 0, out);
}

int mask_mac(const char *v, size_t n, sbuf *out) /* keeps the OUI */
{
    return mask_class(v, n, is_hex, 6, 0, out);
}

int mask_imsi(const char *v, size_t n, sbuf *out) /* keeps MCC + MNC */
{
    return mask_class(v, n, is_digit, 5, 0, out);
}

int mask_iccid(const char *v, size_t n, sbuf *out)
{
    return mask_class(v, n, is_digit, 6, 4, out);
}

int mask_meid(const char *v, size_t n, sbuf *out) /* manufacturer code */
{
    return mask_class(v, n, is_hex, 8, 0, out);
}

int mask_secret(const char *v, size_t n, sbuf *out)
{
    return xf_mask_chars(v, n, 0, out);
}

int mask_name(const char *v, size_t n, sbuf *out) /* 张伟 -> 张* */
{
    return xf_mask_chars(v, n, 1, out);
}

int mask_address(const char *v, size_t n, sbuf *out)
{
    return xf_mask_chars(v, n, 6, out);
}

/* A mask that changed nothing (a form its type's mask does not know)
 * would let the value through: every character is masked then. Not for
 * the masks that may keep a value (GEO, NAME, ADDRESS): what they leave
 * unchanged is such a mask's own output, masked again. */
int xf_mask(const xf_type *t, const char *v, size_t n, sbuf *out)
{
    size_t p0 = out->len;
    int rc = t->shape->mask ? t->shape->mask(v, n, out)
                            : xf_mask_generic(v, n, out);
    if (rc || out->len - p0 != n || memcmp(out->p + p0, v, n) != 0 ||
        t->shape->mask_keeps)
        return rc;
    out->len = p0;
    return xf_mask_generic(v, n, out);
}
