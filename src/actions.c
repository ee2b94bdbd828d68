/* actions.c — what a finding is replaced with: hash, mask, redact, keep. */
#include <arpa/inet.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "internal.h"

#define DIGEST_BYTES HASH_DIGEST_BYTES
#define DIGEST_CHARS 18 /* 26^18 > 2^80 */


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

static size_t canon_ipv4(const char *v, size_t n, char *out, size_t cap)
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

static size_t canon_ipv6(const char *v, size_t n, char *out, size_t cap)
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

static size_t canon_email(const char *v, size_t n, char *out, size_t cap)
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

/* The canonical form makes one person one token however the value was
 * written: prefixes, separators, case and URL encoding do not count. */
size_t canonical_form(const char *type, const char *v, size_t n, char *out,
                      size_t cap)
{
    if (!strcmp(type, "PHONE")) {
        size_t k = keep_if(v, n, out, cap, is_digit, false);
        bool intl = n > 3 && v[0] == '+' && !(v[1] == '8' && v[2] == '6');
        if (k > 11 && !intl) { /* drop the country code */
            memmove(out, out + k - 11, 11);
            k = 11;
        }
        return k;
    }
    if (!strcmp(type, "BANK_CARD")) { /* an IBAN has letters, in any case */
        size_t k = keep_if(v, n, out, cap, is_alnum, false);
        for (size_t i = 0; i < k; i++)
            out[i] = out[i] >= 'a' && out[i] <= 'z' ? (char)(out[i] - 32) : out[i];
        return k;
    }
    if (!strcmp(type, "IMEI") || !strcmp(type, "IMSI") || !strcmp(type, "ICCID"))
        return keep_if(v, n, out, cap, is_digit, false);
    if (!strcmp(type, "MAC") || !strcmp(type, "MEID"))
        return keep_if(v, n, out, cap, is_hex, true);
    if (!strcmp(type, "DEVICE_ID")) { /* IDFA in upper, OAID in lower case */
        size_t k = n < cap ? n : cap;
        for (size_t i = 0; i < k; i++)
            out[i] = lower(v[i]);
        return k;
    }
    if (!strcmp(type, "CN_ID")) {
        size_t k = n < cap ? n : cap;
        for (size_t i = 0; i < k; i++)
            out[i] = v[i] == 'x' ? 'X' : v[i];
        return k;
    }
    if (!strcmp(type, "EMAIL"))
        return canon_email(v, n, out, cap);
    if (!strcmp(type, "IPV4"))
        return canon_ipv4(v, n, out, cap);
    if (!strcmp(type, "IPV6")) {
        size_t k = canon_ipv6(v, n, out, cap);
        if (k)
            return k;
    }
    size_t k = n < cap ? n : cap;
    memcpy(out, v, k);
    return k;
}

int put_hash(const scrub_engine *eng, const crule *r, const char *v,
             size_t n, sbuf *out)
{
    char canon[1024];
    unsigned char d[DIGEST_BYTES];
    char enc[DIGEST_CHARS];
    size_t cn = canonical_form(r->type, v, n, canon, sizeof canon);
    crypto_generichash_state st;
    memcpy(&st, eng->hash_state, sizeof st);
    crypto_generichash_update(&st, (const unsigned char *)r->type,
                              strlen(r->type) + 1);
    crypto_generichash_update(&st, (const unsigned char *)canon, cn);
    crypto_generichash_final(&st, d, sizeof d);
    sodium_memzero(&st, sizeof st);
    sodium_memzero(canon, sizeof canon);
    base26_encode(d, sizeof d, enc, sizeof enc);
    int rc = sbuf_put(out, r->type, strlen(r->type));
    rc |= sbuf_putc(out, '_');
    rc |= sbuf_put(out, eng->key_id, strlen(eng->key_id));
    rc |= sbuf_putc(out, '_');
    rc |= sbuf_put(out, enc, sizeof enc);
    return rc ? SCRUB_E_NOMEM : SCRUB_OK;
}

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

static int mask_phone(const char *v, size_t n, sbuf *out)
{
    /* 138****5678: digits 4-7 of the national number; the last 11 digits
     * are the national number whatever prefix precedes them. */
    char d[32];
    size_t total = keep_if(v, n, d, sizeof d, is_digit, false);
    return mask_class(v, n, is_digit, total > 8 ? total - 8 : 0, 4, out);
}

/* The first character of the local part, *** and the domain: a***@x.com.
 * The '@' may be written %40 or \u0040; '+' as %2B is part of the local
 * part. The first character is kept whole (UTF-8). */
static int mask_email(const char *v, size_t n, sbuf *out)
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

static int mask_ipv4(const char *v, size_t n, sbuf *out)
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
static int mask_ipv6(const char *v, size_t n, sbuf *out)
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
static int mask_generic(const char *v, size_t n, sbuf *out)
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
static int mask_chars(const char *v, size_t n, size_t keep, sbuf *out)
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
static int mask_geo(const char *v, size_t n, sbuf *out)
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

static int mask_by_type(const crule *r, const char *v, size_t n, sbuf *out)
{
    const char *t = r->type;
    if (!strcmp(t, "PHONE"))
        return mask_phone(v, n, out);
    if (!strcmp(t, "CN_ID"))
        return mask_class(v, n, is_alnum, 6, 4, out);
    if (!strcmp(t, "BANK_CARD")) /* an IBAN's letters count too */
        return mask_class(v, n, is_alnum, 6, 4, out);
    if (!strcmp(t, "IMEI"))
        return mask_class(v, n, is_digit, 8, 0, out);
    if (!strcmp(t, "MAC"))
        return mask_class(v, n, is_hex, 6, 0, out);
    if (!strcmp(t, "EMAIL"))
        return mask_email(v, n, out);
    if (!strcmp(t, "IPV4"))
        return mask_ipv4(v, n, out);
    if (!strcmp(t, "IPV6"))
        return mask_ipv6(v, n, out);
    if (!strcmp(t, "IMSI"))
        return mask_class(v, n, is_digit, 5, 0, out); /* MCC + MNC */
    if (!strcmp(t, "ICCID"))
        return mask_class(v, n, is_digit, 6, 4, out);
    if (!strcmp(t, "MEID"))
        return mask_class(v, n, is_hex, 8, 0, out); /* manufacturer code */
    if (!strcmp(t, "GEO"))
        return mask_geo(v, n, out);
    if (!strcmp(t, "SECRET"))
        return mask_chars(v, n, 0, out);
    if (!strcmp(t, "NAME"))
        return mask_chars(v, n, 1, out);
    if (!strcmp(t, "ADDRESS"))
        return mask_chars(v, n, 6, out);
    return mask_generic(v, n, out);
}

/* A mask that changed nothing (a form its type's mask does not know)
 * would let the value through: every character is masked then. Not for
 * the masks that keep a head or coarse digits (GEO, NAME, ADDRESS): what
 * they leave unchanged is such a mask's own output, masked again. */
int put_mask(const crule *r, const char *v, size_t n, sbuf *out)
{
    size_t p0 = out->len;
    int rc = mask_by_type(r, v, n, out);
    if (rc || out->len - p0 != n || memcmp(out->p + p0, v, n) != 0 ||
        !strcmp(r->type, "GEO") || !strcmp(r->type, "NAME") ||
        !strcmp(r->type, "ADDRESS"))
        return rc;
    out->len = p0;
    return mask_generic(v, n, out);
}

/* A value longer than LONG_VALUE (free text) gets a form that needs
 * only its first LONG_VALUE bytes (a hash of them, a label) or that is
 * made byte by byte (keep, a mask of every character), so that a value
 * crossing the parts of a long line gets what the whole would. */
static scrub_action long_value_action(scrub_action a)
{
    if (a == SCRUB_ACTION_PSEUDO || a == SCRUB_ACTION_ENCRYPT)
        return SCRUB_ACTION_HASH;
    if (a == SCRUB_ACTION_COARSEN)
        return SCRUB_ACTION_MASK;
    return a;
}

/* Masks of long values: the character masks keep the first 0, 1 or 6
 * characters; every other type masks each alphanumeric character. */
static size_t long_mask_keep(const crule *r, bool *by_char)
{
    *by_char = true;
    if (!strcmp(r->type, "SECRET"))
        return 0;
    if (!strcmp(r->type, "NAME"))
        return 1;
    if (!strcmp(r->type, "ADDRESS"))
        return 6;
    *by_char = false;
    return 0;
}

static int apply_long(const scrub_engine *eng, const crule *r,
                      scrub_action a, const char *v, size_t n, sbuf *out)
{
    bool by_char;
    size_t keep;
    switch (long_value_action(a)) {
    case SCRUB_ACTION_HASH:
        return put_hash(eng, r, v, LONG_VALUE, out);
    case SCRUB_ACTION_MASK:
        keep = long_mask_keep(r, &by_char);
        return by_char ? mask_chars(v, n, keep, out) : mask_generic(v, n, out);
    default:
        return action_apply(eng, r, a, v, LONG_VALUE, out);
    }
}

int action_apply_rest(const crule *r, scrub_action a, const char *v,
                      size_t n, sbuf *out)
{
    bool by_char;
    switch (long_value_action(a)) {
    case SCRUB_ACTION_KEEP:
        return sbuf_put(out, v, n);
    case SCRUB_ACTION_MASK: /* the kept characters were in the first piece */
        long_mask_keep(r, &by_char);
        return by_char ? mask_chars(v, n, 0, out) : mask_generic(v, n, out);
    default:
        return SCRUB_OK; /* the token or label went out with the first */
    }
}

int action_apply(const scrub_engine *eng, const crule *r, scrub_action a,
                 const char *v, size_t n, sbuf *out)
{
    if (n > LONG_VALUE && a != SCRUB_ACTION_KEEP)
        return apply_long(eng, r, a, v, n, out);
    switch (a) {
    case SCRUB_ACTION_HASH:
        return put_hash(eng, r, v, n, out);
    case SCRUB_ACTION_MASK:
        return put_mask(r, v, n, out);
    case SCRUB_ACTION_REDACT: {
        int rc = sbuf_putc(out, '[');
        rc |= sbuf_put(out, r->type, strlen(r->type));
        rc |= sbuf_putc(out, ']');
        return rc ? SCRUB_E_NOMEM : SCRUB_OK;
    }
    case SCRUB_ACTION_PSEUDO:
        return put_pseudo(eng, r, v, n, false, out);
    case SCRUB_ACTION_ENCRYPT:
        return put_encrypt(eng, r, v, n, out);
    case SCRUB_ACTION_COARSEN:
        return put_coarsen(eng, r, v, n, out);
    case SCRUB_ACTION_KEEP:
    default:
        return sbuf_put(out, v, n);
    }
}
