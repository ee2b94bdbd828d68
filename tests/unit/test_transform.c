/* Unit tests of src/transform/: the action table end to end (exact
 * replacement text per type), and its functions called directly: keyed
 * permutations, pseudonyms per type, encrypt tokens and --reveal, long
 * values, coarsening and allow-lists. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/addr.h"
#include "common/chars.h"
#include "common/checkdigit.h"
#include "common/token.h"
#include "helpers.h"
#include "transform/allow.h"
#include "transform/fpe.h"
#include "transform/transform.h"
#include "validate/validate.h"

static xf_type T(const char *name) { return (xf_type){name, xf_shape_for(name)}; }

/* ---- the actions through an engine ---------------------------------- */

static scrub_engine *eng_mask, *eng_redact, *eng_hash, *eng_keep;
static scrub_engine *eng_default;

static void engines_setup(void)
{
    eng_default = engine_with(NULL, NULL);
    eng_mask = engine_with(NULL, "mask");
    eng_redact = engine_with(NULL, "redact");
    eng_hash = engine_with(NULL, "hash");
    eng_keep = engine_with(NULL, "keep");
}

static void engines_teardown(void)
{
    scrub_engine_free(eng_keep);
    scrub_engine_free(eng_hash);
    scrub_engine_free(eng_redact);
    scrub_engine_free(eng_mask);
    scrub_engine_free(eng_default);
}

#define EXPECT(eng, in, want)                                                  \
    do {                                                                       \
        char *got_ = scrub_str(eng, in);                                       \
        ck_assert_str_eq(got_, want);                                          \
        free(got_);                                                            \
    } while (0)

START_TEST(mask_each_type)
{
    EXPECT(eng_mask, "m 13812345678 x", "m 138****5678 x");
    EXPECT(eng_mask, "m +86 138-1234-5678 x", "m +86 138-****-5678 x");
    EXPECT(eng_mask, "q=%2B86%20138%201234%205678&",
           "q=%2B86%20138%20****%205678&");
    EXPECT(eng_mask, "id 110101199003078670.", "id 110101********8670.");
    EXPECT(eng_mask, "c 6222021234567890128", "c 622202*********0128");
    EXPECT(eng_mask, "c 4012 8888 8888 1881", "c 4012 88** **** 1881");
    EXPECT(eng_mask, "i 354178036859789", "i 35417803*******");
    EXPECT(eng_mask, "w 00:1A:2B:3C:4D:5E", "w 00:1A:2B:**:**:**");
    EXPECT(eng_mask, "e John.Doe@Example.com", "e J***@Example.com");
    EXPECT(eng_mask, "e=a%40b.com", "e=a***%40b.com");
    EXPECT(eng_mask, "ip 192.168.10.123:80", "ip 192.168.10.***:80");
    EXPECT(eng_mask, "ip 2001:db8:85a3::8a2e:370:7334",
           "ip 2001:db8:85a3::****:***:****");
}
END_TEST

START_TEST(mask_extended_types)
{
    EXPECT(eng_mask, "imsi=460001234567890", "imsi=46000**********");
    EXPECT(eng_mask, "iccid=89860012345678901234",
           "iccid=898600**********1234");
    EXPECT(eng_mask, "meid=A0000012345678", "meid=A0000012******");
    EXPECT(eng_mask, "{\"lat\":39.904211,\"lng\":116.407395}",
           "{\"lat\":39.90****,\"lng\":116.40****}");
    EXPECT(eng_mask, "at 39.9042,116.4074 x", "at 39.90**,116.40** x");
    EXPECT(eng_mask, "password=hunter2 x", "password=******* x");
    EXPECT(eng_mask, "{\"real_name\":\"张伟\"}", "{\"real_name\":\"张*\"}");
    EXPECT(eng_mask, "地址：北京市朝阳区建国路88号，",
           "地址：北京市朝阳区******，");
}
END_TEST

/* Scrubbing scrubbed output changes nothing, also for values taken by
 * their key (which would otherwise hash the token again). */
START_TEST(idempotent_key_values)
{
    static const char *in =
        "password=hunter2 {\"real_name\":\"张伟\",\"idfa\":"
        "\"6D92078A-8246-4BA4-AE5B-76104861E7DC\"} lat=39.904211 "
        "addr=北京市朝阳区建国路88号，imsi=460001234567890\n";
    scrub_engine *engs[] = {eng_hash, eng_mask, eng_redact, eng_keep,
                            eng_default};
    for (size_t i = 0; i < sizeof engs / sizeof *engs; i++) {
        char *once = scrub_str(engs[i], in);
        char *twice = scrub_str(engs[i], once);
        ck_assert_str_eq(once, twice);
        if (engs[i] != eng_keep)
            ck_assert_str_ne(once, in);
        free(once);
        free(twice);
    }
}
END_TEST

START_TEST(redact_keep_and_default)
{
    EXPECT(eng_redact, "a 13812345678 b a@b.cn", "a [PHONE] b [EMAIL]");
    const char *mixed = "x 13812345678 00:1a:2b:3c:4d:5e 10.0.0.1\n";
    EXPECT(eng_keep, mixed, mixed);
    /* SECRET is redacted by default, other types hashed. */
    char *o = scrub_str(eng_default, "password=hunter2 phone=13812345678");
    ck_assert_ptr_nonnull(strstr(o, "password=[SECRET] phone=PHONE_k"));
    free(o);
}
END_TEST

/* One person, one token: however the value was written. */
static void same_token(const char *a, const char *b, int same)
{
    char *ta = scrub_str(eng_hash, a), *tb = scrub_str(eng_hash, b);
    ck_assert_msg((strcmp(ta, tb) == 0) == same, "%s / %s", a, b);
    free(ta);
    free(tb);
}

START_TEST(hash_tokens)
{
    same_token("13812345678", "+86 138-1234-5678", 1);
    same_token("13812345678", "%2B86%20138%201234%205678", 1);
    same_token("13812345678", "13812345679", 0);
    same_token("Foo.Bar@Example.COM", "foo.bar%40example.com", 1);
    same_token("00:1A:2B:3C:4D:5E", "001a.2b3c.4d5e", 1);
    same_token("2001:db8::1", "2001:0DB8:0:0:0:0:0:1", 1);
    char *a = scrub_str(eng_hash, "13812345678");
    ck_assert_int_eq(strncmp(a, "PHONE_k", 7), 0);
    ck_assert_uint_eq(strlen(a), strlen("PHONE_kxxxx_") + 18);
    for (const char *p = a + 6; *p; p++) /* letters and _ only */
        ck_assert(*p == '_' || (*p >= 'a' && *p <= 'z'));
    free(a);
}
END_TEST

START_TEST(canonical_forms)
{
    static const char *const rows[][3] = {
        {"PHONE", "+86 138-1234-5678", "13812345678"},
        {"CN_ID", "44011320141005001x", "44011320141005001X"},
        {"IPV4", "010.001.002.003", "10.1.2.3"},
        {"MAC", "00:1A:2B:3C:4D:5E", "001a2b3c4d5e"},
        {"ORDER", "Ab-1", "Ab-1"}, /* no row: bytes as they are */
    };
    for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
        char out[64];
        xf_type t = T(rows[i][0]);
        size_t n = xf_canonical(&t, rows[i][1], strlen(rows[i][1]), out, 64);
        ck_assert_msg(n == strlen(rows[i][2]) && !memcmp(out, rows[i][2], n),
                      "%s: %.*s", rows[i][1], (int)n, out);
    }
}
END_TEST

/* ---- the functions, called directly --------------------------------- */

static keyring *kr;
static xform X;

static void kr_setup(void)
{
    ck_assert_int_ge(sodium_init(), 0); /* as the library's entry points */
    kr = kr_new(test_key, "kabcd", NULL, NULL, 0);
    X = (xform){.kr = kr, .geo_decimals = 2, .ipv4_prefix = 24,
                .ipv6_prefix = 48};
}

static void kr_teardown(void) { kr_free(kr); }

/* What action a makes of v as type `type`: a NUL-terminated copy. */
static char *apply(const char *type, scrub_action a, const char *v, size_t n)
{
    xf_type t = T(type);
    sbuf o = {0};
    ck_assert_int_eq(xf_apply(&X, &t, a, v, n, &o), 0);
    sbuf_putc(&o, '\0');
    return o.p;
}

#define APPLY(type, a, v, want)                                                \
    do {                                                                       \
        char *got_ = apply(type, a, v, strlen(v));                             \
        ck_assert_str_eq(got_, want);                                          \
        free(got_);                                                            \
    } while (0)

/* On a small domain the map is a permutation (every output once) with no
 * fixed point, and the inverse undoes it. */
START_TEST(fpe_small_domains)
{
    static const struct { unsigned radix; size_t n; } cases[] = {
        {10, 1}, {10, 2}, {10, 3}, {16, 1}, {16, 2}, {36, 1}, {36, 2}};
    const unsigned char *key = kr_subkeys(kr) + SUBKEY_FPE * KEY_BYTES;
    for (size_t c = 0; c < sizeof cases / sizeof *cases; c++) {
        unsigned radix = cases[c].radix;
        size_t n = cases[c].n, m = radix; /* radix^n inputs, all of them */
        for (size_t i = 1; i < n; i++)
            m *= radix;
        unsigned char *seen = calloc(m, 1);
        for (size_t x = 0; x < m; x++) {
            unsigned char d[4], orig[4];
            for (size_t i = 0, v = x; i < n; i++, v /= radix)
                d[n - 1 - i] = (unsigned char)(v % radix);
            memcpy(orig, d, n);
            fpe_permute(key, "T", radix, d, n, false);
            size_t y = 0;
            for (size_t i = 0; i < n; i++) {
                ck_assert_uint_lt(d[i], radix);
                y = y * radix + d[i];
            }
            ck_assert_msg(y != x, "radix %u n %zu: %zu is fixed", radix, n, x);
            ck_assert_msg(!seen[y]++, "radix %u n %zu: %zu twice", radix, n, y);
            fpe_permute(key, "T", radix, d, n, true);
            ck_assert_int_eq(memcmp(d, orig, n), 0);
        }
        free(seen);
    }
}
END_TEST

/* Lengths 1..60 cross the 24-digit head and the 24-digit chunks. */
START_TEST(fpe_lengths)
{
    static const unsigned radices[] = {10, 16, 36};
    const unsigned char *key = kr_subkeys(kr) + SUBKEY_FPE * KEY_BYTES;
    srand(11);
    for (size_t r = 0; r < 3; r++) {
        for (size_t n = 1; n <= 60; n++) {
            unsigned char d[64], orig[64], other[64];
            for (size_t i = 0; i < n; i++)
                d[i] = (unsigned char)((unsigned)rand() % radices[r]);
            memcpy(orig, d, n);
            memcpy(other, d, n);
            fpe_permute(key, "T", radices[r], d, n, false);
            fpe_permute(key, "U", radices[r], other, n, false);
            for (size_t i = 0; i < n; i++)
                ck_assert_uint_lt(d[i], radices[r]);
            ck_assert_int_ne(memcmp(d, orig, n), 0);
            if (n >= 8) /* tweaks separate (a chance collision below) */
                ck_assert_int_ne(memcmp(d, other, n), 0);
            fpe_permute(key, "T", radices[r], d, n, true);
            ck_assert_msg(!memcmp(d, orig, n), "radix %u n %zu", radices[r],
                          n);
        }
    }
}
END_TEST

/* Bits before the first difference of a and b. */
static size_t common_bits(const unsigned char *a, const unsigned char *b,
                          size_t nbytes)
{
    size_t k = 0;
    while (k < 8 * nbytes &&
           ((a[k / 8] ^ b[k / 8]) >> (7 - k % 8) & 1) == 0)
        k++;
    return k;
}

/* Two addresses sharing exactly k leading bits map to two that share
 * exactly k; the inverse brings each back. */
START_TEST(fpe_prefixes)
{
    const unsigned char *key = kr_subkeys(kr) + SUBKEY_FPE * KEY_BYTES;
    srand(5);
    for (size_t nbytes = 4; nbytes <= 16; nbytes += 12) {
        for (size_t k = 0; k < 8 * nbytes; k += (k < 40 ? 1 : 7)) {
            unsigned char a[16], b[16], pa[16], pb[16];
            for (size_t i = 0; i < nbytes; i++)
                a[i] = b[i] = (unsigned char)rand();
            for (size_t i = k + 1; i < 8 * nbytes; i++) /* after k: any */
                b[i / 8] ^= (unsigned char)((rand() & 1) << (7 - i % 8));
            b[k / 8] ^= (unsigned char)(1 << (7 - k % 8));
            ck_assert_uint_eq(common_bits(a, b, nbytes), k);
            memcpy(pa, a, nbytes);
            memcpy(pb, b, nbytes);
            fpe_prefix_preserve(key, pa, nbytes, false);
            fpe_prefix_preserve(key, pb, nbytes, false);
            ck_assert_msg(common_bits(pa, pb, nbytes) == k, "%zu bytes, k %zu",
                          nbytes, k);
            fpe_prefix_preserve(key, pa, nbytes, true);
            fpe_prefix_preserve(key, pb, nbytes, true);
            ck_assert_int_eq(memcmp(pa, a, nbytes), 0);
            ck_assert_int_eq(memcmp(pb, b, nbytes), 0);
        }
    }
    unsigned char lo[4] = {127, 0, 0, 5}; /* 127/8 stays in 127/8 */
    fpe_prefix_preserve(key, lo, 4, false);
    ck_assert_int_eq(lo[0], 127);
}
END_TEST

/* xf_pseudo of v, or its inverse: a NUL-terminated copy. */
static char *pseudo_of(const char *type, const char *v, bool inverse)
{
    xf_type t = T(type);
    sbuf o = {0};
    ck_assert_int_eq(xf_pseudo(&X, &t, v, strlen(v), inverse, &o), 0);
    sbuf_putc(&o, '\0');
    return o.p;
}

/* The pseudonym of v: not v, made again alike, and the inverse brings v
 * back. */
static char *pseudo_rt(const char *type, const char *v)
{
    char *p = pseudo_of(type, v, false), *again = pseudo_of(type, v, false);
    char *back = pseudo_of(type, p, true);
    ck_assert_msg(strcmp(p, v), "%s unchanged", v);
    ck_assert_str_eq(again, p);
    ck_assert_msg(!strcmp(back, v), "%s: %s comes back as %s", v, p, back);
    free(again);
    free(back);
    return p;
}

/* p has v's length, v's first `keep` bytes, v's punctuation where v has
 * it, and where v has a digit, a character of class cls (a digit, a hex
 * digit, any letter or digit). */
static void assert_shape(const char *v, const char *p, size_t keep,
                         bool (*cls)(char))
{
    ck_assert_msg(strlen(p) == strlen(v), "%s -> %s: length", v, p);
    ck_assert_msg(!strncmp(p, v, keep), "%s -> %s: head", v, p);
    for (size_t i = 0; v[i]; i++) {
        if (!is_alnum(v[i]))
            ck_assert_msg(p[i] == v[i], "%s -> %s: at %zu", v, p, i);
        else if (is_digit(v[i]))
            ck_assert_msg(cls(p[i]), "%s -> %s: at %zu", v, p, i);
    }
}

/* The pseudonym p_ of v: a round trip, v's shape, and check holds. */
#define PSEUDO(type, v, keep, cls, check)                                      \
    do {                                                                       \
        char *p_ = pseudo_rt(type, v);                                         \
        assert_shape(v, p_, keep, cls);                                        \
        ck_assert_msg(check, "%s -> %s: " #check, v, p_);                      \
        free(p_);                                                              \
    } while (0)

#define L(p) p_, strlen(p_)

START_TEST(pseudo_numbers)
{
    PSEUDO("PHONE", "13812345678", 3, is_digit, 1);
    PSEUDO("PHONE", "+86 138-1234-5678", 7, is_digit, 1);
    PSEUDO("CN_ID", "110101199003078670", 14, is_digit,
           val_cn_id(L(p_)) && p_[17] == ck_cn_id_char(p_));
    PSEUDO("CN_ID", "110101900307867", 12, is_digit, 1); /* 15 digits */
    PSEUDO("BANK_CARD", "6222021234567890128", 6, is_digit,
           val_luhn(L(p_)) && val_bank_iin(L(p_)));
    PSEUDO("BANK_CARD", "4111 1111 1111 1111", 7, is_digit, val_luhn(L(p_)));
    PSEUDO("BANK_CARD", "GB82WEST12345698765432", 2, is_digit,
           val_iban(L(p_)) && !strncmp(p_ + 4, "WEST", 4));
    PSEUDO("BANK_CARD", "GB82 WEST 1234 5698 7654 32", 2, is_digit, val_iban(L(p_)));
    PSEUDO("IMEI", "354178036859789", 8, is_digit, val_luhn(L(p_)));
    PSEUDO("IMSI", "460001234567890", 5, is_digit, 1);
    PSEUDO("ICCID", "89860012345678901234", 6, is_digit, 1);
    PSEUDO("MEID", "A0000012345678", 8, is_hex, 1);
    /* full-width digits stay full-width: the pseudonym of the ASCII twin */
    const char *fw = "\xef\xbc\x91\xef\xbc\x93\xef\xbc\x98\xef\xbc\x91"
                     "\xef\xbc\x92\xef\xbc\x93\xef\xbc\x94\xef\xbc\x95"
                     "\xef\xbc\x96\xef\xbc\x97\xef\xbc\x98";
    char *pf = pseudo_rt("PHONE", fw), *pa = pseudo_rt("PHONE", "13812345678");
    ck_assert_uint_eq(strlen(pf), 33);
    for (size_t i = 0; i < 11; i++) {
        ck_assert(is_fw_digit(pf, 33, 3 * i));
        ck_assert_int_eq(fw_digit_value(pf, 3 * i), pa[i]);
    }
    free(pf);
    free(pa);
}
END_TEST

START_TEST(pseudo_same_person)
{
    /* written two ways, one national number: one pseudonym's digits */
    char *a = pseudo_rt("PHONE", "13812345678");
    char *b = pseudo_rt("PHONE", "+86 138-1234-5678");
    ck_assert_int_eq(memcmp(a + 3, b + 8, 4), 0);
    ck_assert_int_eq(memcmp(a + 7, b + 13, 4), 0);
    free(a);
    free(b);
    /* too few digits to permute: a hash token, never the value itself */
    char *h = apply("PHONE", SCRUB_ACTION_PSEUDO, "1234567", 7);
    char *want = apply("PHONE", SCRUB_ACTION_HASH, "1234567", 7);
    ck_assert_str_eq(h, want);
    free(h);
    free(want);
}
END_TEST

START_TEST(pseudo_hex_and_text)
{
    PSEUDO("MAC", "00:1A:2B:3C:4D:5E", 8, is_hex, !strpbrk(p_, "abcdef"));
    PSEUDO("MAC", "00:1a:2b:3c:4d:5e", 8, is_hex, !strpbrk(p_, "ABCDEF"));
    PSEUDO("DEVICE_ID", "6D92078A-8246-4BA4-AE5B-76104861E7DC", 0, is_hex,
           !strpbrk(p_, "abcdef"));
    PSEUDO("EMAIL", "john.doe42@example.com", 0, is_alnum,
           !strcmp(p_ + 10, "@example.com"));
    /* the local part is permuted in lower case: it comes back so */
    char *o = pseudo_of("EMAIL", "John@x.cn", false);
    char *back = pseudo_of("EMAIL", o, true);
    ck_assert_str_eq(back, "john@x.cn");
    free(o);
    free(back);
    /* no pseudonym for free text: a hash token */
    char *s = apply("SECRET", SCRUB_ACTION_PSEUDO, "hunter2", 7);
    char *h = apply("SECRET", SCRUB_ACTION_HASH, "hunter2", 7);
    ck_assert_str_eq(s, h);
    free(s);
    free(h);
    APPLY("GEO", SCRUB_ACTION_PSEUDO, "39.904211", "39.90"); /* coarse */
}
END_TEST

/* README: pseudonyms come back as the key owner can know them: IPs in
 * canonical text, the case of a MAC or of an ID's x as the pseudonym had
 * it (one person, one pseudonym: x and X, 010 and 10 share theirs). */
START_TEST(pseudo_comes_back_canonical)
{
    static const char *const rows[][3] = {
        {"IPV4", "010.001.002.003", "10.1.2.3"},
        {"CN_ID", "44011320141005001x", "44011320141005001X"},
        {"MAC", "00:1A:2b:3c:4d:5e", "00:1A:2b:3C:4D:5E"},
    };
    for (size_t i = 0; i < 3; i++) {
        char *p = pseudo_of(rows[i][0], rows[i][1], false);
        char *back = pseudo_of(rows[i][0], p, true);
        char *twin = pseudo_of(rows[i][0], rows[i][2], false);
        ck_assert_str_eq(back, rows[i][2]);
        if (i < 2) /* the canonical spelling: the same pseudonym */
            ck_assert_str_eq(twin, p);
        free(p);
        free(back);
        free(twin);
    }
}
END_TEST

/* The pseudonyms of two addresses of one network (sharing `bytes`
 * bytes, differing in the next) share those bytes and differ after. */
static void same_network(const char *type, const char *a, const char *b,
                         size_t bytes)
{
    int fam = type[3] == '4' ? 4 : 6;
    char *pa = pseudo_rt(type, a), *pb = pseudo_rt(type, b);
    unsigned char x[16], y[16];
    size_t z;
    ck_assert_int_eq(addr_parse(pa, strlen(pa), fam, x, &z), fam);
    ck_assert_int_eq(addr_parse(pb, strlen(pb), fam, y, &z), fam);
    ck_assert_msg(!memcmp(x, y, bytes) && x[bytes] != y[bytes], "%s %s", pa,
                  pb);
    free(pa);
    free(pb);
}

START_TEST(pseudo_addresses)
{
    /* addresses change length: only the round trip and validity */
    char *p4 = pseudo_rt("IPV4", "192.168.10.123");
    char *pd = pseudo_rt("IPV4", "10-1-2-3");
    ck_assert(val_ipv4(p4, strlen(p4)));
    ck_assert(val_ipv4(pd, strlen(pd)) && !strchr(pd, '.'));
    free(p4);
    free(pd);
    char *z = pseudo_rt("IPV6", "fe80::1%eth0");
    ck_assert_str_eq(z + strlen(z) - 5, "%eth0"); /* the zone stays */
    free(z);
    char *u = pseudo_rt("IPV6", "2001:DB8::1");
    ck_assert_ptr_null(strpbrk(u, "abcdef")); /* and the case */
    free(u);
    /* one network stays one network */
    same_network("IPV4", "192.168.10.1", "192.168.10.200", 3);
    same_network("IPV6", "2001:db8:1:2::10", "2001:db8:1:2::20", 15);
}
END_TEST

static char *encrypt(const keyring *k, const char *type, const char *v)
{
    xform x = X;
    x.kr = k;
    xf_type t = T(type);
    sbuf o = {0};
    ck_assert_int_eq(xf_encrypt(&x, &t, v, strlen(v), &o), 0);
    sbuf_putc(&o, '\0');
    return o.p;
}

/* xf_reveal of t under k: the text, or NULL when refused (out untouched) */
static char *reveal(const keyring *k, const char *t)
{
    sbuf o = {0};
    sbuf_put(&o, "=", 1);
    bool ok = xf_reveal(k, t, strlen(t), &o);
    ck_assert_uint_eq(o.len > 1, ok);
    sbuf_putc(&o, '\0');
    char *r = ok ? xstrdup(o.p + 1) : NULL;
    sbuf_free(&o);
    return r;
}

#define REVEALS(k, t, want)                                                    \
    do {                                                                       \
        char *r_ = reveal(k, t);                                               \
        ck_assert_ptr_nonnull(r_);                                             \
        ck_assert_str_eq(r_, want);                                            \
        free(r_);                                                              \
    } while (0)

START_TEST(encrypt_and_reveal)
{
    char *t = encrypt(kr, "PHONE", "13812345678");
    ck_assert_int_eq(strncmp(t, "PHONE_kabcd_x", 13), 0);
    ck_assert(tok_is(t, strlen(t)));
    char *again = encrypt(kr, "PHONE", "13812345678"), *other_type =
        encrypt(kr, "IMEI", "13812345678");
    ck_assert_str_eq(t, again); /* deterministic: one value, one token */
    ck_assert_str_ne(t + 5, other_type + 4); /* the type is bound in */
    REVEALS(kr, t, "13812345678");
    char g[256]; /* glued text on either side is kept */
    snprintf(g, sizeof g, "ID%sab", t);
    REVEALS(kr, g, "ID13812345678ab");
    char *bad = xstrdup(t); /* one letter changed */
    bad[30] = bad[30] == 'a' ? 'b' : 'a';
    ck_assert_ptr_null(reveal(kr, bad));
    memcpy(bad, t, strlen(t));
    memcpy(bad, "EMAIL", 5); /* another type under the same tag */
    ck_assert_ptr_null(reveal(kr, bad));
    bad[strlen(t) - 2] = '\0'; /* cut short */
    ck_assert_ptr_null(reveal(kr, bad));
    ck_assert(!xf_reveal(NULL, t, strlen(t), &(sbuf){0}));
    free(bad);
    free(again);
    free(other_type);
    free(t);
}
END_TEST

START_TEST(reveal_keys)
{
    static const unsigned char key2[KEY_BYTES] = {42};
    char *t = encrypt(kr, "EMAIL", "a@b.cn");
    keyring *stranger = kr_new(key2, "kzzzz", NULL, NULL, 0);
    keyring *impostor = kr_new(key2, "kabcd", NULL, NULL, 0);
    ck_assert_ptr_null(reveal(stranger, t)); /* unknown key id */
    ck_assert_ptr_null(reveal(impostor, t)); /* same id, other key */
    /* the key retired, a new one current: its tokens still open */
    char ids[1][KEY_ID_MAX] = {"kabcd"};
    keyring *rotated = kr_new(key2, "knew", test_key,
                              (const char(*)[KEY_ID_MAX])ids, 1);
    REVEALS(rotated, t, "a@b.cn");
    char *fresh = encrypt(rotated, "EMAIL", "a@b.cn");
    ck_assert_int_eq(strncmp(fresh, "EMAIL_knew_x", 12), 0);
    REVEALS(rotated, fresh, "a@b.cn");
    ck_assert_ptr_null(reveal(kr, fresh)); /* the old ring lacks it */
    free(fresh);
    kr_free(rotated);
    kr_free(impostor);
    kr_free(stranger);
    free(t);
}
END_TEST

START_TEST(action_table)
{
    for (unsigned a = 0; a < SCRUB_ACTION__COUNT; a++) {
        const char *name = scrub_action_name((scrub_action)a);
        scrub_action back;
        ck_assert_ptr_nonnull(name);
        ck_assert_int_eq(scrub_action_parse(name, &back), 0);
        ck_assert_uint_eq(back, a);
        ck_assert_int_eq(xf_action_needs_key((scrub_action)a),
                         a == SCRUB_ACTION_HASH || a == SCRUB_ACTION_PSEUDO ||
                             a == SCRUB_ACTION_ENCRYPT);
    }
    scrub_action a;
    ck_assert_ptr_null(scrub_action_name(SCRUB_ACTION__COUNT));
    ck_assert_int_eq(scrub_action_parse("Hash", &a), SCRUB_E_ARG);
    ck_assert_int_eq(scrub_action_parse(NULL, &a), SCRUB_E_ARG);
    ck_assert_int_eq(scrub_action_parse("hash", NULL), SCRUB_E_ARG);
    ck_assert(!xf_action_needs_key(SCRUB_ACTION__COUNT));
    const char *v = "13812345678";
    xf_type phone = T("PHONE");
    sbuf hs = {0};
    ck_assert_int_eq(xf_hash(&X, &phone, v, 11, &hs), 0);
    sbuf_putc(&hs, '\0');
    APPLY("PHONE", SCRUB_ACTION_HASH, v, hs.p);
    ck_assert(tok_is(hs.p, hs.len - 1));
    APPLY("PHONE", SCRUB_ACTION_MASK, v, "138****5678");
    APPLY("PHONE", SCRUB_ACTION_REDACT, v, "[PHONE]");
    APPLY("PHONE", SCRUB_ACTION_KEEP, v, v);
    APPLY("PHONE", SCRUB_ACTION_COARSEN, v, "138****5678"); /* no coarser */
    APPLY("PHONE", SCRUB_ACTION__COUNT, v, v); /* unknown: kept */
    char *p = apply("PHONE", SCRUB_ACTION_PSEUDO, v, 11);
    ck_assert_str_ne(p, v);
    ck_assert_int_eq(strncmp(p, "138", 3), 0);
    char *e = apply("PHONE", SCRUB_ACTION_ENCRYPT, v, 11);
    REVEALS(kr, e, v);
    free(e);
    free(p);
    sbuf_free(&hs);
}
END_TEST

START_TEST(coarsen)
{
    APPLY("IPV4", SCRUB_ACTION_COARSEN, "192.168.10.123", "192.168.10.0");
    APPLY("IPV4", SCRUB_ACTION_COARSEN, "10-1-2-3", "10-1-2-0");
    APPLY("IPV6", SCRUB_ACTION_COARSEN, "2001:db8:85a3:1234::1",
          "2001:db8:85a3::");
    APPLY("IPV6", SCRUB_ACTION_COARSEN, "FE80::1%eth0", "FE80::");
    APPLY("GEO", SCRUB_ACTION_COARSEN, "39.904211", "39.90");
    APPLY("GEO", SCRUB_ACTION_COARSEN, "116.407395,39.904211", "116.41,39.90");
    X.ipv4_prefix = 16;
    X.ipv6_prefix = 16;
    X.geo_decimals = 3;
    APPLY("IPV4", SCRUB_ACTION_COARSEN, "192.168.10.123", "192.168.0.0");
    APPLY("IPV6", SCRUB_ACTION_COARSEN, "2001:db8:85a3::1", "2001::");
    APPLY("GEO", SCRUB_ACTION_COARSEN, "39.904211", "39.904");
    X.ipv4_prefix = 32;
    APPLY("IPV4", SCRUB_ACTION_COARSEN, "192.168.10.123", "192.168.10.123");
    X.ipv4_prefix = 0;
    APPLY("IPV4", SCRUB_ACTION_COARSEN, "192.168.10.123", "0.0.0.0");
    APPLY("NAME", SCRUB_ACTION_COARSEN, "张伟", "张*"); /* masked */
}
END_TEST

/* A long value of free text: letters, blanks and CJK, n bytes. */
static char *long_text(size_t n)
{
    char *v = malloc(n + 1);
    for (size_t i = 0; i < n;) {
        if (i % 50 == 7 && i + 3 <= n) {
            memcpy(v + i, "\xe5\xbc\xa0", 3); /* 张 */
            i += 3;
        } else {
            v[i] = i % 9 == 4 ? ' ' : (char)('a' + i % 26);
            i++;
        }
    }
    v[n] = '\0';
    return v;
}

START_TEST(long_values)
{
    size_t n = LONG_VALUE + 500;
    char *v = long_text(n);
    char *h = apply("SECRET", SCRUB_ACTION_HASH, v, LONG_VALUE); /* head */
    static const scrub_action keyed[] = {
        SCRUB_ACTION_HASH, SCRUB_ACTION_PSEUDO, SCRUB_ACTION_ENCRYPT};
    for (size_t i = 0; i < 3; i++) { /* a token of the head */
        char *o = apply("SECRET", keyed[i], v, n);
        ck_assert_msg(!strcmp(o, h), "%s", scrub_action_name(keyed[i]));
        free(o);
    }
    APPLY("SECRET", SCRUB_ACTION_REDACT, v, "[SECRET]");
    APPLY("SECRET", SCRUB_ACTION_KEEP, v, v);
    char *m = apply("SECRET", SCRUB_ACTION_MASK, v, n);
    char *nm = apply("NAME", SCRUB_ACTION_MASK, v, n);
    ck_assert_uint_eq(strspn(m, "*"), strlen(m)); /* one '*' a character */
    size_t chars = 0;
    for (const char *c = v; *c; c++)
        chars += ((unsigned char)*c & 0xC0) != 0x80;
    ck_assert_uint_eq(strlen(m), chars);
    ck_assert_int_eq(nm[0], v[0]); /* a name keeps its first character */
    ck_assert_str_eq(nm + 1, m + 1);
    char *g = apply("PHONE", SCRUB_ACTION_MASK, v, n); /* no free text */
    ck_assert_int_eq(g[4], ' ');
    ck_assert_int_eq(g[0], '*');
    free(g);
    free(nm);
    free(m);
    free(h);
    free(v);
}
END_TEST

/* A value crossing the parts of a long line: its first piece goes through
 * xf_apply, the rest through xf_apply_rest; together they are what the
 * whole value gets, wherever the cut (mid-character too). */
START_TEST(long_values_in_pieces)
{
    size_t n = LONG_VALUE + 300;
    char *v = long_text(n);
    static const char *const types[] = {"SECRET", "NAME", "ADDRESS", "PHONE"};
    for (size_t ti = 0; ti < 4; ti++) {
        xf_type t = T(types[ti]);
        for (unsigned a = 0; a < SCRUB_ACTION__COUNT; a++) {
            sbuf whole = {0};
            ck_assert(!xf_apply(&X, &t, (scrub_action)a, v, n, &whole));
            for (size_t cut = LONG_VALUE + 1; cut < LONG_VALUE + 60; cut += 3) {
                sbuf parts = {0};
                ck_assert(!xf_apply(&X, &t, (scrub_action)a, v, cut, &parts));
                ck_assert(!xf_apply_rest(&t, (scrub_action)a, v + cut, n - cut,
                                         &parts));
                ck_assert_msg(parts.len == whole.len &&
                                  !memcmp(parts.p, whole.p, whole.len),
                              "%s %s cut at %zu", types[ti],
                              scrub_action_name((scrub_action)a), cut);
                sbuf_free(&parts);
            }
            sbuf_free(&whole);
        }
    }
    free(v);
}
END_TEST

/* Values in canonical form, addresses in ranges; each row: type, value,
 * whether it is allowed. */
static const struct {
    const char *type, *v;
    bool ok;
} allow_rows[] = {
    {"PHONE", "13812345678", 1},  {"PHONE", "%2B8613812345678", 1},
    {"PHONE", "138 1234 5678", 1}, {"PHONE", "13812345679", 0},
    {"EMAIL", "ops@example.com", 1}, {"EMAIL", "ops@example.org", 0},
    {"IPV4", "10.1.2.3", 1},       {"IPV4", "10-1-2-3", 1},
    {"IPV4", "11.0.0.1", 0},       {"IPV4", "192.168.1.5", 1},
    {"IPV4", "192.168.1.6", 0},    {"IPV4", "172.31.255.1", 1},
    {"IPV4", "172.32.0.1", 0},     {"IPV6", "fd12::1", 1},
    {"IPV6", "fe80::1", 0},        {"PHONE", "10.1.2.3", 0}, /* not an address */
};

START_TEST(allow_lists)
{
    allow_list *a = allow_new();
    static const char *const ranges[] = {"10.0.0.0/8", "192.168.1.5/32",
                                         "172.16.0.0/12", "fd00::/8"};
    for (size_t i = 0; i < 4; i++)
        ck_assert_int_eq(allow_add_cidr(a, ranges[i]), 0);
    ck_assert_int_eq(allow_add_value(a, "+86 138-1234-5678"), 0);
    ck_assert_int_eq(allow_add_value(a, "Ops@Example.com"), 0);
    allow_list *c = allow_copy(a); /* the copy is whole */
    allow_free(a);
    for (size_t i = 0; i < sizeof allow_rows / sizeof *allow_rows; i++) {
        xf_type t = T(allow_rows[i].type);
        const char *v = allow_rows[i].v;
        ck_assert_msg(allow_match(c, &t, v, strlen(v)) == allow_rows[i].ok,
                      "%s %s", allow_rows[i].type, v);
    }
    static const char *const bad[] = {"10.0.0.0/33", "10.0.0.0/", "banana",
                                      "10.0.0.0/8x", "fd00::/129", "/8",
                                      "10.0.0.0/-1", "10.0.0/8"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        ck_assert_msg(allow_add_cidr(c, bad[i]) == SCRUB_E_CONFIG, "%s",
                      bad[i]);
    xf_type v4 = T("IPV4"), v6 = T("IPV6");
    ck_assert(!allow_match(c, &v4, "8.8.8.8", 7));
    ck_assert_int_eq(allow_add_cidr(c, "0.0.0.0/0"), 0); /* every v4 */
    ck_assert(allow_match(c, &v4, "8.8.8.8", 7));
    ck_assert(!allow_match(c, &v6, "2001:db8::1", 11));
    ck_assert_int_eq(allow_add_cidr(c, "::/0"), 0);
    ck_assert(allow_match(c, &v6, "2001:db8::1", 11));
    allow_free(c);
    ck_assert(!allow_match(NULL, &v4, "10.1.2.3", 8));
    allow_list *e = allow_copy(NULL); /* an empty list */
    ck_assert_ptr_nonnull(e);
    ck_assert(!allow_match(e, &v4, "10.1.2.3", 8));
    allow_free(e);
    allow_free(NULL);
}
END_TEST

Suite *transform_suite(void)
{
    Suite *s = suite_create("transform");
    TCase *e = tcase_create("actions");
    tcase_add_checked_fixture(e, engines_setup, engines_teardown);
    tcase_add_test(e, mask_each_type);
    tcase_add_test(e, mask_extended_types);
    tcase_add_test(e, redact_keep_and_default);
    tcase_add_test(e, idempotent_key_values);
    tcase_add_test(e, hash_tokens);
    tcase_add_test(e, canonical_forms);
    suite_add_tcase(s, e);
    TCase *f = tcase_create("functions");
    tcase_add_checked_fixture(f, kr_setup, kr_teardown);
    tcase_add_test(f, fpe_small_domains);
    tcase_add_test(f, fpe_lengths);
    tcase_add_test(f, fpe_prefixes);
    tcase_add_test(f, pseudo_numbers);
    tcase_add_test(f, pseudo_same_person);
    tcase_add_test(f, pseudo_hex_and_text);
    tcase_add_test(f, pseudo_addresses);
    tcase_add_test(f, pseudo_comes_back_canonical);
    tcase_add_test(f, encrypt_and_reveal);
    tcase_add_test(f, reveal_keys);
    tcase_add_test(f, action_table);
    tcase_add_test(f, coarsen);
    tcase_add_test(f, long_values);
    tcase_add_test(f, long_values_in_pieces);
    tcase_add_test(f, allow_lists);
    suite_add_tcase(s, f);
    return s;
}
