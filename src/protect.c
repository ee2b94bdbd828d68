/* protect.c — the reversible and format-preserving actions: pseudo,
 * encrypt (and its inverse for --reveal) and coarsen. */
#include <arpa/inet.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#define SIV_BYTES 16
#define MAX_PLAIN 4096 /* longer values get hash tokens (documented) */


/* ---- subkeys --------------------------------------------------------- */

void derive_subkeys(const unsigned char key[KEY_BYTES], unsigned char *sub)
{
    static const char *const labels[SUBKEY_COUNT] = {"scrub fpe v1",
                                                     "scrub enc v1",
                                                     "scrub siv v1"};
    for (int i = 0; i < SUBKEY_COUNT; i++)
        crypto_generichash(sub + i * KEY_BYTES, KEY_BYTES,
                           (const unsigned char *)labels[i], strlen(labels[i]),
                           key, KEY_BYTES);
}

/* ---- pseudo ------------------------------------------------------------ */

/* Positions of the characters of class `pred` in v (after `skip` of them),
 * their digit values, and the permuted values written back in place. */
typedef struct digitset {
    size_t pos[64];
    unsigned char val[64];
    size_t n;
} digitset;

static void collect(const char *v, size_t n, bool (*pred)(char), bool hex,
                    digitset *d)
{
    d->n = 0;
    for (size_t i = 0; i < n && d->n < 64; i++) {
        size_t esc = url_escape_len(v, n, i);
        if (esc) {
            i += esc - 1;
            continue;
        }
        if (pred(v[i])) {
            d->pos[d->n] = i;
            d->val[d->n++] = (unsigned char)(hex ? hexval(v[i]) : v[i] - '0');
        }
    }
}

static void write_back(char *out, const digitset *d, size_t from, size_t to,
                       bool hex)
{
    bool upper = false; /* keep the case the value was written in */
    for (size_t k = 0; hex && k < d->n; k++)
        upper |= out[d->pos[k]] >= 'A' && out[d->pos[k]] <= 'F';
    for (size_t k = from; k < to; k++) {
        unsigned dv = d->val[k];
        char c = dv < 10 ? (char)('0' + dv) : (char)('a' + dv - 10);
        if (upper && dv >= 10)
            c = (char)(c - 32);
        out[d->pos[k]] = c;
    }
}

/* Luhn check digit for digits d[0..n) followed by one more digit. */
static unsigned luhn_digit(const unsigned char *d, size_t n)
{
    unsigned sum = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned x = d[n - 1 - i];
        if (i % 2 == 0) {
            x *= 2;
            if (x > 9)
                x -= 9;
        }
        sum += x;
    }
    return (10 - sum % 10) % 10;
}

static bool is_d(char c) { return is_digit(c); }
static bool is_h(char c) { return is_hex(c); }

/* Keep `keep` leading digits, permute the next `perm` ones; with `luhn`
 * the last digit is recomputed. Works in place on a copy of the value. */
static void pseudo_digits(const scrub_engine *eng, const char *type, char *v,
                          size_t n, size_t keep, bool luhn, bool inverse)
{
    digitset d;
    collect(v, n, is_d, false, &d);
    if (d.n <= keep + (luhn ? 1 : 0))
        return;
    size_t perm = d.n - keep - (luhn ? 1 : 0);
    /* The tweak names the kept digits that define the number's context
     * (carrier prefix, IIN, TAC), not a country code written or not. */
    char tweak[96];
    int tl = snprintf(tweak, sizeof tweak, "%s/%zu/", type, perm);
    size_t from = keep > 8 ? keep - 8 : 0;
    if (!strcmp(type, "PHONE") && keep >= 3)
        from = keep - 3;
    for (size_t i = from; i < keep && (size_t)tl + 1 < sizeof tweak; i++)
        tweak[tl++] = (char)('0' + d.val[i]);
    tweak[tl] = '\0';
    /* A number found by its key may fail Luhn; keep its distance from the
     * valid digit, so that it stays distinct from its valid twin and
     * comes back exactly. */
    unsigned off = luhn ? (d.val[d.n - 1] + 10 - luhn_digit(d.val, d.n - 1)) % 10
                        : 0;
    fpe_permute(eng->subkeys, tweak, 10, d.val + keep, perm, inverse);
    if (luhn)
        d.val[d.n - 1] =
            (unsigned char)((luhn_digit(d.val, d.n - 1) + off) % 10);
    write_back(v, &d, keep, d.n, false);
}

static void pseudo_cn_id(const scrub_engine *eng, char *v, size_t n,
                         bool inverse)
{
    digitset d;
    collect(v, n, is_d, false, &d);
    if (n != 18 || d.n < 17)
        return;
    char tweak[64];
    snprintf(tweak, sizeof tweak, "CN_ID/%.14s", v); /* region and birth */
    fpe_permute(eng->subkeys, tweak, 10, d.val + 14, 3, inverse);
    write_back(v, &d, 14, 17, false);
    char check = cn_id_check_char(v);
    v[17] = (check == 'X' && v[17] == 'x') ? 'x' : check;
}

static void pseudo_hex(const scrub_engine *eng, const char *type, char *v,
                       size_t n, size_t keep, bool inverse)
{
    digitset d;
    collect(v, n, is_h, true, &d);
    if (d.n <= keep)
        return;
    char tweak[64];
    snprintf(tweak, sizeof tweak, "%s/%zu", type, d.n);
    fpe_permute(eng->subkeys, tweak, 16, d.val + keep, d.n - keep, inverse);
    write_back(v, &d, keep, d.n, true);
}

/* Email: the domain stays; the local part's letters and digits are
 * permuted as base-36 digits (lower case), punctuation stays. */
static void pseudo_email(const scrub_engine *eng, char *v, size_t n,
                         bool inverse)
{
    size_t at = 0;
    while (at < n && v[at] != '@' && v[at] != '%')
        at++;
    unsigned char vals[64];
    size_t pos[64], k = 0;
    for (size_t i = 0; i < at && k < 64; i++) {
        char c = (char)(v[i] | 0x20);
        if (is_digit(v[i]) || (c >= 'a' && c <= 'z')) {
            pos[k] = i;
            vals[k++] = (unsigned char)(is_digit(v[i]) ? v[i] - '0' : c - 'a' + 10);
        }
    }
    fpe_permute(eng->subkeys, "EMAIL", 36, vals, k, inverse);
    for (size_t i = 0; i < k; i++)
        v[pos[i]] = vals[i] < 10 ? (char)('0' + vals[i]) : (char)('a' + vals[i] - 10);
}

/* An address finding as bytes: 4 or 16 of them, and where its zone id
 * (%eth0, kept as written) starts. False when it does not parse. */
static bool parse_addr(bool v6, const char *v, size_t n, unsigned char *a,
                       size_t *zone_at)
{
    char tmp[64];
    const char *zone = v6 ? memchr(v, '%', n) : NULL;
    size_t alen = zone ? (size_t)(zone - v) : n;
    if (!v6) /* leading zeros, which inet_pton refuses, are dropped */
        alen = canonical_form("IPV4", v, n, tmp, sizeof tmp - 1);
    else if (alen < sizeof tmp)
        memcpy(tmp, v, alen);
    if (alen == 0 || alen >= sizeof tmp)
        return false;
    tmp[alen] = '\0';
    *zone_at = zone ? (size_t)(zone - v) : n;
    return inet_pton(v6 ? AF_INET6 : AF_INET, tmp, a) == 1;
}

static char ip_sep(const char *v, size_t n)
{
    return memchr(v, '-', n) && !memchr(v, '.', n) ? '-' : '.';
}

static bool has_upper_hex(const char *v, size_t n)
{
    for (size_t i = 0; i < n && v[i] != '%'; i++)
        if (v[i] >= 'A' && v[i] <= 'F')
            return true;
    return false;
}

/* The address in canonical text, in upper case when the original was,
 * with '-' between octets when it was written so (ip-10-1-2-3). */
static int put_addr(bool v6, const unsigned char *a, bool upper, char sep,
                    const char *zone, size_t zlen, sbuf *out)
{
    char text[INET6_ADDRSTRLEN];
    inet_ntop(v6 ? AF_INET6 : AF_INET, a, text, sizeof text);
    for (char *p = text; *p; p++) {
        if (upper && *p >= 'a' && *p <= 'f')
            *p = (char)(*p - 32);
        if (!v6 && *p == '.')
            *p = sep;
    }
    int rc = sbuf_put(out, text, strlen(text));
    rc |= sbuf_put(out, zone, zlen);
    return rc ? SCRUB_E_NOMEM : SCRUB_OK;
}

static int pseudo_ip(const scrub_engine *eng, const crule *r, const char *v,
                     size_t n, bool inverse, sbuf *out)
{
    unsigned char a[16];
    size_t z;
    bool v6 = !strcmp(r->type, "IPV6");
    if (!parse_addr(v6, v, n, a, &z))
        return sbuf_put(out, v, n);
    /* Cycle-walk past addresses that are no host's (0/8, 127/8, netmasks:
     * they are not found as IPV4): the walk from a host's address ends at
     * another one, and the inverse walk brings it back. */
    for (int k = 0; k < 1000; k++) {
        fpe_prefix_preserve(eng->subkeys, a, v6 ? 16 : 4, inverse);
        char text[INET_ADDRSTRLEN];
        if (v6 || (inet_ntop(AF_INET, a, text, sizeof text) &&
                   val_ipv4(text, strlen(text))))
            break;
    }
    return put_addr(v6, a, has_upper_hex(v, n), ip_sep(v, n), v + z, n - z,
                    out);
}

/* IBAN: country kept, the account's digits permuted (its letters kept),
 * the two check digits computed again (ISO 13616 mod-97). */
static void pseudo_iban(const scrub_engine *eng, char *v, size_t n,
                        bool inverse)
{
    size_t pos[40], k = 0;
    for (size_t i = 0; i < n && k < 40; i++)
        if (is_alnum(v[i]))
            pos[k++] = i;
    if (k < 15)
        return;
    digitset d = {.n = 0};
    for (size_t j = 4; j < k; j++)
        if (is_digit(v[pos[j]])) {
            d.pos[d.n] = pos[j];
            d.val[d.n++] = (unsigned char)(v[pos[j]] - '0');
        }
    char tweak[16];
    snprintf(tweak, sizeof tweak, "IBAN/%c%c", v[pos[0]], v[pos[1]]);
    fpe_permute(eng->subkeys, tweak, 10, d.val, d.n, inverse);
    write_back(v, &d, 0, d.n, false);
    unsigned rem = 0;
    for (size_t j = 4; j < k + 4; j++) { /* BBAN, country, then "00" */
        char c = j < k ? v[pos[j]] : j < k + 2 ? v[pos[j - k]] : '0';
        c = c >= 'a' && c <= 'z' ? (char)(c - 32) : c;
        rem = is_digit(c) ? (rem * 10 + (unsigned)(c - '0')) % 97
                          : (rem * 100 + (unsigned)(c - 'A' + 10)) % 97;
    }
    unsigned check = 98 - rem;
    v[pos[2]] = (char)('0' + check / 10);
    v[pos[3]] = (char)('0' + check % 10);
}

static bool has_letter(const char *v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if ((v[i] | 0x20) >= 'a' && (v[i] | 0x20) <= 'z')
            return true;
    return false;
}

static int pseudo_by_type(const scrub_engine *eng, const crule *r,
                          const char *v, size_t n, bool inverse, sbuf *out);

/* A number in full-width digits: its pseudonym is made from the ASCII
 * digits and written in full-width digits again. */
static int pseudo_fullwidth(const scrub_engine *eng, const crule *r,
                            const char *v, size_t n, bool inverse, sbuf *out)
{
    sbuf asc = {0}, ps = {0};
    int rc = SCRUB_OK;
    for (size_t i = 0; !rc && i < n; i++) {
        bool fw = is_fw_digit(v, n, i);
        rc = sbuf_putc(&asc, fw ? (char)('0' + (unsigned char)v[i + 2] - 0x90)
                                : v[i]);
        i += fw ? 2 : 0;
    }
    if (!rc)
        rc = pseudo_by_type(eng, r, asc.p, asc.len, inverse, &ps);
    for (size_t i = 0; !rc && i < ps.len; i++) {
        char fw[3] = {'\xEF', '\xBC', (char)(0x90 + ps.p[i] - '0')};
        rc = is_digit(ps.p[i]) ? sbuf_put(out, fw, 3) : sbuf_putc(out, ps.p[i]);
    }
    sbuf_free(&asc);
    sbuf_free(&ps);
    return rc;
}

/* Format-preserving pseudonym (or, with inverse, the original back). Types
 * without a format keep-able pseudonym are hashed (GEO is coarsened). */
static int pseudo_by_type(const scrub_engine *eng, const crule *r,
                          const char *v, size_t n, bool inverse, sbuf *out)
{
    const char *t = r->type;
    if (!strcmp(t, "IPV4") || !strcmp(t, "IPV6"))
        return pseudo_ip(eng, r, v, n, inverse, out);
    if (!strcmp(t, "GEO"))
        return put_coarsen(eng, r, v, n, out);
    for (size_t i = 0; i < n; i++)
        if (is_fw_digit(v, n, i))
            return pseudo_fullwidth(eng, r, v, n, inverse, out);
    size_t p0 = out->len;
    if (sbuf_put(out, v, n))
        return SCRUB_E_NOMEM;
    char *w = out->p + p0;
    digitset d;
    if (!strcmp(t, "PHONE")) {
        collect(w, n, is_d, false, &d); /* keep country code and 1XX */
        if (d.n >= 8)
            pseudo_digits(eng, t, w, n, d.n - 8, false, inverse);
    } else if (!strcmp(t, "CN_ID")) {
        if (n == 18)
            pseudo_cn_id(eng, w, n, inverse);
        else
            pseudo_digits(eng, t, w, n, 12, false, inverse);
    } else if (!strcmp(t, "BANK_CARD")) {
        if (has_letter(w, n))
            pseudo_iban(eng, w, n, inverse);
        else
            pseudo_digits(eng, t, w, n, 6, true, inverse);
    } else if (!strcmp(t, "IMEI")) {
        collect(w, n, is_d, false, &d);
        if (d.n == 15)
            pseudo_digits(eng, t, w, n, 8, true, inverse);
        else /* 14 (no check digit) or 16 (IMEISV: serial, then SV) */
            pseudo_digits(eng, t, w, n, 8, false, inverse);
    } else if (!strcmp(t, "IMSI")) {
        pseudo_digits(eng, t, w, n, 5, false, inverse);
    } else if (!strcmp(t, "ICCID")) {
        pseudo_digits(eng, t, w, n, 6, false, inverse);
    } else if (!strcmp(t, "MAC")) {
        pseudo_hex(eng, t, w, n, 6, inverse);
    } else if (!strcmp(t, "MEID") || !strcmp(t, "DEVICE_ID")) {
        pseudo_hex(eng, t, w, n, !strcmp(t, "MEID") ? 8 : 0, inverse);
    } else if (!strcmp(t, "EMAIL")) {
        pseudo_email(eng, w, n, inverse);
    } else {
        out->len = p0; /* no format to keep: a keyed token */
        return put_hash(eng, r, v, n, out);
    }
    return SCRUB_OK;
}

/* A pseudonym equal to its original (a form its type's permutation does
 * not reach) would let the value through: it gets a hash token then. */
int put_pseudo(const scrub_engine *eng, const crule *r, const char *v,
               size_t n, bool inverse, sbuf *out)
{
    size_t p0 = out->len;
    int rc = pseudo_by_type(eng, r, v, n, inverse, out);
    if (rc || inverse || !strcmp(r->type, "GEO") || /* coarse already */
        out->len - p0 != n || memcmp(out->p + p0, v, n) != 0)
        return rc;
    out->len = p0;
    return put_hash(eng, r, v, n, out);
}

/* ---- coarsen ----------------------------------------------------------- */

static int coarsen_geo(const scrub_engine *eng, const char *v, size_t n,
                       sbuf *out)
{
    char buf[64];
    int rc = 0;
    for (size_t i = 0; i < n;) { /* each number of a value or a pair */
        size_t j = i;
        while (j < n && (is_digit(v[j]) || v[j] == '.' || v[j] == '-'))
            j++;
        if (j > i) {
            char num[40];
            size_t l = j - i < sizeof num - 1 ? j - i : sizeof num - 1;
            memcpy(num, v + i, l);
            num[l] = '\0';
            int w = snprintf(buf, sizeof buf, "%.*f", eng->geo_decimals,
                             strtod(num, NULL));
            rc |= sbuf_put(out, buf, (size_t)w);
            i = j;
        } else {
            rc |= sbuf_putc(out, v[i++]);
        }
    }
    return rc ? SCRUB_E_NOMEM : SCRUB_OK;
}

static int coarsen_ip(const scrub_engine *eng, bool v6, const char *v,
                      size_t n, sbuf *out)
{
    unsigned char a[16];
    size_t z;
    if (!parse_addr(v6, v, n, a, &z))
        return sbuf_put(out, v, n);
    unsigned bits = v6 ? eng->ipv6_prefix : eng->ipv4_prefix;
    for (size_t i = bits; i < (v6 ? 128u : 32u); i++)
        a[i / 8] &= (unsigned char)~(1u << (7 - i % 8));
    /* the zone goes with the host part */
    return put_addr(v6, a, has_upper_hex(v, n), ip_sep(v, n), "", 0, out);
}

/* GEO to N decimals, IPv4 to /24, IPv6 to /48 (configurable); other
 * types have no coarser form and are masked. */
int put_coarsen(const scrub_engine *eng, const crule *r, const char *v,
                size_t n, sbuf *out)
{
    if (!strcmp(r->type, "GEO"))
        return coarsen_geo(eng, v, n, out);
    if (!strcmp(r->type, "IPV4") || !strcmp(r->type, "IPV6"))
        return coarsen_ip(eng, !strcmp(r->type, "IPV6"), v, n, out);
    return put_mask(r, v, n, out);
}

/* ---- encrypt ------------------------------------------------------------ */

/* Bytes as letters a-p, two per byte: no digit, no character that needs
 * escaping anywhere, and nothing any rule can match. */
static void to_letters(const unsigned char *in, size_t n, char *out)
{
    for (size_t i = 0; i < n; i++) {
        out[2 * i] = (char)('a' + (in[i] >> 4));
        out[2 * i + 1] = (char)('a' + (in[i] & 15));
    }
}

static void siv_of(const unsigned char *sub, const char *type,
                   const char *kid, const char *v, size_t n,
                   unsigned char siv[SIV_BYTES])
{
    crypto_generichash_state st;
    crypto_generichash_init(&st, sub + 2 * KEY_BYTES, KEY_BYTES, SIV_BYTES);
    crypto_generichash_update(&st, (const unsigned char *)type, strlen(type) + 1);
    crypto_generichash_update(&st, (const unsigned char *)kid, strlen(kid) + 1);
    crypto_generichash_update(&st, (const unsigned char *)v, n);
    crypto_generichash_final(&st, siv, SIV_BYTES);
}

static void aad_of(const char *type, const char *kid, char *aad, size_t cap,
                   size_t *len)
{
    int w = snprintf(aad, cap, "%s/%s", type, kid);
    *len = w > 0 ? (size_t)w : 0;
}

/* Deterministic authenticated encryption, SIV style: the nonce is a keyed
 * hash of the value, so one value gives one token, and the tag authenticates
 * type and key id. TYPE_kid_x<letters of siv || ciphertext || tag>. */
int put_encrypt(const scrub_engine *eng, const crule *r, const char *v,
                size_t n, sbuf *out)
{
    if (n > MAX_PLAIN)
        return put_hash(eng, r, v, n, out);
    unsigned char siv[SIV_BYTES], nonce[24] = {0};
    unsigned char *buf = malloc(SIV_BYTES + n + 16);
    char *letters = malloc(2 * (SIV_BYTES + n + 16));
    char aad[96];
    size_t alen;
    unsigned long long clen;
    int rc = SCRUB_E_NOMEM;
    if (!buf || !letters)
        goto out;
    siv_of(eng->subkeys, r->type, eng->key_id, v, n, siv);
    memcpy(nonce, siv, SIV_BYTES);
    aad_of(r->type, eng->key_id, aad, sizeof aad, &alen);
    memcpy(buf, siv, SIV_BYTES);
    crypto_aead_xchacha20poly1305_ietf_encrypt(
        buf + SIV_BYTES, &clen, (const unsigned char *)v, n,
        (const unsigned char *)aad, alen, NULL, nonce, eng->subkeys + KEY_BYTES);
    size_t total = SIV_BYTES + (size_t)clen;
    to_letters(buf, total, letters);
    rc = sbuf_put(out, r->type, strlen(r->type));
    rc |= sbuf_putc(out, '_');
    rc |= sbuf_put(out, eng->key_id, strlen(eng->key_id));
    rc |= sbuf_put(out, "_x", 2);
    rc |= sbuf_put(out, letters, 2 * total);
    rc = rc ? SCRUB_E_NOMEM : SCRUB_OK;
out:
    free(letters);
    free(buf);
    return rc;
}

/* Decrypt the letters of a token body (SIV, ciphertext, tag) made under
 * subkeys sub for type and key id; the plaintext goes to out. */
static bool open_token(const unsigned char *sub, const char *type,
                       const char *id, const char *x, size_t nb, sbuf *out)
{
    unsigned char *buf = malloc(nb), *plain = malloc(nb);
    bool ok = false;
    if (!buf || !plain)
        goto out;
    for (size_t i = 0; i < nb; i++) {
        unsigned hi = (unsigned)(x[2 * i] - 'a'), lo = (unsigned)(x[2 * i + 1] - 'a');
        if (hi > 15 || lo > 15)
            goto out;
        buf[i] = (unsigned char)(hi << 4 | lo);
    }
    unsigned char nonce[24] = {0}, siv[SIV_BYTES];
    memcpy(nonce, buf, SIV_BYTES);
    char aad[96];
    size_t alen;
    unsigned long long plen;
    aad_of(type, id, aad, sizeof aad, &alen);
    if (crypto_aead_xchacha20poly1305_ietf_decrypt(
            plain, &plen, NULL, buf + SIV_BYTES, nb - SIV_BYTES,
            (const unsigned char *)aad, alen, nonce, sub + KEY_BYTES) != 0)
        goto out;
    siv_of(sub, type, id, (const char *)plain, (size_t)plen, siv);
    if (sodium_memcmp(siv, buf, SIV_BYTES) != 0)
        goto out;
    ok = sbuf_put(out, plain, (size_t)plen) == SCRUB_OK;
out:
    if (plain)
        sodium_memzero(plain, nb);
    free(plain);
    free(buf);
    return ok;
}

/* The original bytes of an encrypt token, if it is one of ours under the
 * current or a retired key and untouched. A token may be glued to the
 * text before it (IDPHONE_..., when the value touched upper-case text):
 * the type is authenticated, so each upper-case start of t is tried, and
 * the bytes before the one that opens are kept. */
static bool reveal_exact(const scrub_engine *eng, const char *t, size_t n,
                         sbuf *out);

/* A token glued to lower-case text after it (rv:<token>pre): its letters
 * a-p and the text's run together, so shorter ends are tried as well;
 * the bytes after the one that opens are kept. */
bool reveal_token(const scrub_engine *eng, const char *t, size_t n, sbuf *out)
{
    for (size_t m = n; m > 0 && n - m <= 8; m--) {
        size_t p0 = out->len;
        if (reveal_exact(eng, t, m, out) &&
            sbuf_put(out, t + m, n - m) == SCRUB_OK)
            return true;
        out->len = p0;
        if (!(t[m - 1] >= 'a' && t[m - 1] <= 'p'))
            break;
    }
    return false;
}

static bool reveal_exact(const scrub_engine *eng, const char *t, size_t n,
                         sbuf *out)
{
    const char *x = NULL;
    for (size_t i = n; i-- > 1;)
        if (t[i - 1] == '_' && t[i] == 'x') {
            x = t + i;
            break;
        }
    if (!x)
        return false;
    size_t nl = (size_t)(t + n - x - 1), nb = nl / 2;
    const char *kid_end = x - 1, *kid = kid_end;
    while (kid > t && kid[-1] >= 'a' && kid[-1] <= 'z')
        kid--;
    if (nl % 2 || nb < SIV_BYTES + 16 || nb > SIV_BYTES + 16 + MAX_PLAIN ||
        kid == t || kid[-1] != '_' || kid_end - kid >= 16)
        return false;
    char type[64], id[16];
    memcpy(id, kid, (size_t)(kid_end - kid));
    id[kid_end - kid] = '\0';
    const unsigned char *sub = key_for_id(eng, id);
    size_t tl = (size_t)(kid - 1 - t);
    for (size_t off = 0; sub && off < tl && tl - off < sizeof type; off++) {
        if (!(t[off] >= 'A' && t[off] <= 'Z'))
            continue;
        memcpy(type, t + off, tl - off);
        type[tl - off] = '\0';
        size_t p0 = out->len;
        if (sbuf_put(out, t, off) == SCRUB_OK &&
            open_token(sub, type, id, x + 1, nb, out))
            return true;
        out->len = p0;
    }
    return false;
}
