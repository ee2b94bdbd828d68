/* transform/pseudo.c — format-preserving pseudonyms: a number keeps its
 * length, separators and the digits that say what it is (country code and
 * carrier prefix, IIN, TAC, MCC+MNC, OUI); the rest are permuted under the
 * key, and check digits are computed again. The permutation is reversible
 * (--reveal of the types a config lists as reversible). */
#include <stdio.h>
#include <string.h>

#include "common/checkdigit.h"
#include "common/chars.h"
#include "transform/fpe.h"
#include "transform/types.h"

/* Positions of the characters of one class in a value and their digit
 * values; the permuted values are written back in place. */
typedef struct digitset {
    size_t pos[64];
    unsigned char val[64];
    size_t n;
} digitset;

static void collect(const char *v, size_t n, bool hex, digitset *d)
{
    d->n = 0;
    for (size_t i = 0; i < n && d->n < 64; i++) {
        size_t esc = url_escape_len(v, n, i);
        if (esc) {
            i += esc - 1;
            continue;
        }
        if (hex ? is_hex(v[i]) : is_digit(v[i])) {
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

/* Keep `keep` leading digits, permute the rest; with `luhn` the last
 * digit is computed again. */
static void permute_digits(const unsigned char *key, const char *type,
                           char *v, size_t n, size_t keep, bool luhn,
                           bool inverse)
{
    digitset d;
    collect(v, n, false, &d);
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
    unsigned off =
        luhn ? (d.val[d.n - 1] + 10 - ck_luhn_digit(d.val, d.n - 1)) % 10 : 0;
    fpe_permute(key, tweak, 10, d.val + keep, perm, inverse);
    if (luhn)
        d.val[d.n - 1] =
            (unsigned char)((ck_luhn_digit(d.val, d.n - 1) + off) % 10);
    write_back(v, &d, keep, d.n, false);
}

static void permute_hex(const unsigned char *key, const char *type, char *v,
                        size_t n, size_t keep, bool inverse)
{
    digitset d;
    collect(v, n, true, &d);
    if (d.n <= keep)
        return;
    char tweak[64];
    snprintf(tweak, sizeof tweak, "%s/%zu", type, d.n);
    fpe_permute(key, tweak, 16, d.val + keep, d.n - keep, inverse);
    write_back(v, &d, keep, d.n, true);
}

/* The national number's last 8 digits; country code and 1XX stay. */
void pseudo_phone(const unsigned char *key, const char *type, char *w,
                  size_t n, bool inverse)
{
    digitset d;
    collect(w, n, false, &d);
    if (d.n >= 8)
        permute_digits(key, type, w, n, d.n - 8, false, inverse);
}

/* Region and birth date stay, the sequence number is permuted and the
 * check character computed again; a 15-digit card keeps its first 12. */
void pseudo_cn_id(const unsigned char *key, const char *type, char *w,
                  size_t n, bool inverse)
{
    if (n != 18) {
        permute_digits(key, type, w, n, 12, false, inverse);
        return;
    }
    digitset d;
    collect(w, n, false, &d);
    if (d.n < 17)
        return;
    char tweak[64];
    snprintf(tweak, sizeof tweak, "CN_ID/%.14s", w);
    fpe_permute(key, tweak, 10, d.val + 14, 3, inverse);
    write_back(w, &d, 14, 17, false);
    char check = ck_cn_id_char(w);
    w[17] = (check == 'X' && w[17] == 'x') ? 'x' : check;
}

/* IBAN: country kept, the account's digits permuted (its letters kept),
 * the two check digits computed again (ISO 13616 mod-97). */
static void pseudo_iban(const unsigned char *key, char *v, size_t n,
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
    fpe_permute(key, tweak, 10, d.val, d.n, inverse);
    write_back(v, &d, 0, d.n, false);
    char moved[44]; /* BBAN, country, then "00" */
    for (size_t j = 4; j < k + 4; j++)
        moved[j - 4] = j < k ? v[pos[j]] : j < k + 2 ? v[pos[j - k]] : '0';
    unsigned check = 98 - ck_mod97(0, moved, k);
    v[pos[2]] = (char)('0' + check / 10);
    v[pos[3]] = (char)('0' + check % 10);
}

/* A card keeps its IIN and a valid Luhn digit; an IBAN has letters. */
void pseudo_card(const unsigned char *key, const char *type, char *w,
                 size_t n, bool inverse)
{
    for (size_t i = 0; i < n; i++)
        if (is_alpha(w[i])) {
            pseudo_iban(key, w, n, inverse);
            return;
        }
    permute_digits(key, type, w, n, 6, true, inverse);
}

/* The TAC stays; 15 digits end with a Luhn digit, 14 have none and 16
 * (IMEISV) end with the software version. */
void pseudo_imei(const unsigned char *key, const char *type, char *w,
                 size_t n, bool inverse)
{
    digitset d;
    collect(w, n, false, &d);
    permute_digits(key, type, w, n, 8, d.n == 15, inverse);
}

void pseudo_imsi(const unsigned char *key, const char *type, char *w,
                 size_t n, bool inverse) /* MCC + MNC stay */
{
    permute_digits(key, type, w, n, 5, false, inverse);
}

void pseudo_iccid(const unsigned char *key, const char *type, char *w,
                  size_t n, bool inverse) /* 89, country and issuer stay */
{
    permute_digits(key, type, w, n, 6, false, inverse);
}

void pseudo_mac(const unsigned char *key, const char *type, char *w,
                size_t n, bool inverse) /* the OUI stays */
{
    permute_hex(key, type, w, n, 6, inverse);
}

void pseudo_meid(const unsigned char *key, const char *type, char *w,
                 size_t n, bool inverse) /* the manufacturer code stays */
{
    permute_hex(key, type, w, n, 8, inverse);
}

void pseudo_device_id(const unsigned char *key, const char *type, char *w,
                      size_t n, bool inverse)
{
    permute_hex(key, type, w, n, 0, inverse);
}

/* The domain stays; the local part's letters and digits are permuted as
 * base-36 digits (lower case), its punctuation stays. */
void pseudo_email(const unsigned char *key, const char *type, char *v,
                  size_t n, bool inverse)
{
    (void)type;
    size_t at = 0;
    while (at < n && v[at] != '@' && v[at] != '%')
        at++;
    unsigned char vals[64];
    size_t pos[64], k = 0;
    for (size_t i = 0; i < at && k < 64; i++) {
        char c = (char)(v[i] | 0x20);
        if (is_digit(v[i]) || (c >= 'a' && c <= 'z')) {
            pos[k] = i;
            vals[k++] =
                (unsigned char)(is_digit(v[i]) ? v[i] - '0' : c - 'a' + 10);
        }
    }
    fpe_permute(key, "EMAIL", 36, vals, k, inverse);
    for (size_t i = 0; i < k; i++)
        v[pos[i]] = vals[i] < 10 ? (char)('0' + vals[i])
                                 : (char)('a' + vals[i] - 10);
}

/* Coordinates have no pseudonym worth the name: they are coarsened. */
int pseudo_geo(const xform *x, const xf_type *t, const char *v, size_t n,
               bool inverse, sbuf *out)
{
    (void)inverse;
    return coarsen_geo(x, t, v, n, out);
}

static int pseudo_by_type(const xform *x, const xf_type *t, const char *v,
                          size_t n, bool inverse, sbuf *out);

/* A number in full-width digits: its pseudonym is made from the ASCII
 * digits and written in full-width digits again. */
static int pseudo_fullwidth(const xform *x, const xf_type *t, const char *v,
                            size_t n, bool inverse, sbuf *out)
{
    sbuf asc = {0}, ps = {0};
    int rc = SCRUB_OK;
    for (size_t i = 0; !rc && i < n; i++) {
        bool fw = is_fw_digit(v, n, i);
        rc = sbuf_putc(&asc, fw ? fw_digit_value(v, i) : v[i]);
        i += fw ? 2 : 0;
    }
    if (!rc)
        rc = pseudo_by_type(x, t, asc.p, asc.len, inverse, &ps);
    for (size_t i = 0; !rc && i < ps.len; i++) {
        char fw[3] = {'\xEF', '\xBC', (char)(0x90 + ps.p[i] - '0')};
        rc = is_digit(ps.p[i]) ? sbuf_put(out, fw, 3) : sbuf_putc(out, ps.p[i]);
    }
    sbuf_free(&asc);
    sbuf_free(&ps);
    return rc;
}

static int pseudo_by_type(const xform *x, const xf_type *t, const char *v,
                          size_t n, bool inverse, sbuf *out)
{
    const xf_shape *s = t->shape;
    if (s->pseudo_whole)
        return s->pseudo_whole(x, t, v, n, inverse, out);
    for (size_t i = 0; i < n; i++)
        if (is_fw_digit(v, n, i))
            return pseudo_fullwidth(x, t, v, n, inverse, out);
    if (!s->pseudo) /* no format to keep: a keyed token */
        return xf_hash(x, t, v, n, out);
    size_t p0 = out->len;
    if (sbuf_put(out, v, n))
        return SCRUB_E_NOMEM;
    s->pseudo(kr_subkeys(x->kr) + SUBKEY_FPE * KEY_BYTES, t->name,
              out->p + p0, n, inverse);
    return SCRUB_OK;
}

/* A pseudonym equal to its original (a form its type's permutation does
 * not reach) would let the value through: it gets a hash token then. */
int xf_pseudo(const xform *x, const xf_type *t, const char *v, size_t n,
              bool inverse, sbuf *out)
{
    size_t p0 = out->len;
    int rc = pseudo_by_type(x, t, v, n, inverse, out);
    if (rc || inverse || t->shape->pseudo_coarse ||
        out->len - p0 != n || memcmp(out->p + p0, v, n) != 0)
        return rc;
    out->len = p0;
    return xf_hash(x, t, v, n, out);
}
