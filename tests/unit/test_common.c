/* Unit tests of src/common/: check digits, the address parser, the token
 * codec, BLAKE2b, the keyring and key files, buffers and character
 * classes. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "common/addr.h"
#include "common/blake2b.h"
#include "common/buf.h"
#include "common/chars.h"
#include "common/checkdigit.h"
#include "common/keyring.h"
#include "common/token.h"

#define S(lit) lit, sizeof lit - 1

/* The digit values of a string of digits, e.g. "79927398713". */
static size_t digits_of(const char *s, unsigned char *d)
{
    size_t n = 0;
    for (; *s; s++)
        d[n++] = (unsigned char)(*s - '0');
    return n;
}

START_TEST(luhn_vectors)
{
    unsigned char d[32];
    size_t n = digits_of("79927398713", d);
    ck_assert(ck_luhn_ok(d, n));
    ck_assert_uint_eq(ck_luhn_digit(d, n - 1), 3);
    n = digits_of("4111111111111111", d);
    ck_assert(ck_luhn_ok(d, n));
    ck_assert_uint_eq(ck_luhn_digit(d, n - 1), 1);
    n = digits_of("6222021234567890128", d);
    ck_assert_uint_eq(ck_luhn_digit(d, n - 1), 8);
    d[0] = 0; /* a lone digit is no check digit of anything */
    ck_assert(!ck_luhn_ok(d, 1));
    /* The digit computed for any body makes it valid; every other final
     * digit, and any single changed digit before it, does not. */
    srand(7);
    for (int t = 0; t < 200; t++) {
        size_t len = 2 + (size_t)rand() % 18;
        for (size_t i = 0; i + 1 < len; i++)
            d[i] = (unsigned char)(rand() % 10);
        d[len - 1] = (unsigned char)ck_luhn_digit(d, len - 1);
        ck_assert(ck_luhn_ok(d, len));
        d[len - 1] = (unsigned char)((d[len - 1] + 1 + rand() % 9) % 10);
        ck_assert(!ck_luhn_ok(d, len));
        d[len - 1] = (unsigned char)ck_luhn_digit(d, len - 1);
        size_t at = (size_t)rand() % (len - 1);
        d[at] = (unsigned char)((d[at] + 1 + rand() % 9) % 10);
        ck_assert(!ck_luhn_ok(d, len));
    }
}
END_TEST

START_TEST(cn_id_char)
{
    ck_assert_int_eq(ck_cn_id_char("11010119900307867"), '0');
    ck_assert_int_eq(ck_cn_id_char("44011320141005001"), 'X');
    ck_assert_int_eq(ck_cn_id_char("81000019940823002"), '1');
    /* every check value 0..10 is reachable: "10X98765432" */
    char body[18] = "11010119900307860";
    int seen = 0;
    for (char c = '0'; c <= '9'; c++) {
        body[16] = c;
        char k = ck_cn_id_char(body);
        seen |= 1 << (k == 'X' ? 10 : k - '0');
    }
    ck_assert_int_eq(__builtin_popcount(seen), 10); /* 10 bodies, 10 chars */
}
END_TEST

START_TEST(dates)
{
    ck_assert(ck_date_ok(2000, 2, 29)); /* divisible by 400 */
    ck_assert(!ck_date_ok(1900, 2, 29)); /* divisible by 100 */
    ck_assert(ck_date_ok(2024, 2, 29));
    ck_assert(!ck_date_ok(2023, 2, 29));
    ck_assert(!ck_date_ok(2100, 2, 28)); /* past 2099 */
    ck_assert(ck_date_ok(2099, 12, 31));
    ck_assert(ck_date_ok(1900, 1, 1));
    ck_assert(!ck_date_ok(2023, 4, 31));
    ck_assert(ck_date_ok(2023, 3, 31));
    ck_assert(!ck_date_ok(1899, 12, 31));
    ck_assert(!ck_date_ok(2023, 0, 1));
    ck_assert(!ck_date_ok(2023, 13, 1));
    ck_assert(!ck_date_ok(2023, 1, 0));
    ck_assert(!ck_date_ok(2023, 1, 32));
}
END_TEST

START_TEST(mod97)
{
    /* GB82WEST12345698765432 rearranged: BBAN, country, check digits */
    ck_assert_uint_eq(ck_mod97(0, S("WEST12345698765432GB82")), 1);
    ck_assert_uint_eq(ck_mod97(0, S("west12345698765432gb82")), 1);
    ck_assert_uint_eq(98 - ck_mod97(0, S("WEST12345698765432GB00")), 82);
    ck_assert_uint_ne(ck_mod97(0, S("WEST12345698765433GB82")), 1);
    /* a running remainder: two calls equal one */
    unsigned r = ck_mod97(0, S("WEST123456"));
    ck_assert_uint_eq(ck_mod97(r, S("98765432GB82")), 1);
    ck_assert_uint_eq(ck_mod97(0, S("A")), 10);
    ck_assert_uint_eq(ck_mod97(0, S("Z")), 35);
}
END_TEST

/* addr_parse of s: its family, and the bytes written. */
static int parse(const char *s, int want, unsigned char out[16], size_t *zone)
{
    return addr_parse(s, strlen(s), want, out, zone);
}

START_TEST(addr_v4)
{
    unsigned char a[16];
    size_t z;
    ck_assert_int_eq(parse("192.168.1.20", 0, a, &z), 4);
    ck_assert_int_eq(memcmp(a, "\xC0\xA8\x01\x14", 4), 0);
    ck_assert_uint_eq(z, 12);
    ck_assert_int_eq(parse("010.001.002.003", 0, a, &z), 4);
    ck_assert_int_eq(memcmp(a, "\x0A\x01\x02\x03", 4), 0);
    ck_assert_int_eq(parse("10-1-2-3", 4, a, &z), 4); /* ip-10-1-2-3 */
    ck_assert_int_eq(memcmp(a, "\x0A\x01\x02\x03", 4), 0);
    ck_assert_int_eq(parse("10-1.2-3", 0, a, &z), 0); /* mixed */
    ck_assert_int_eq(parse("10.1-2.3", 0, a, &z), 0);
    ck_assert_int_eq(parse("ip-10-1-2-3", 0, a, &z), 0);
    ck_assert_int_eq(parse("256.1.1.1", 0, a, &z), 0);
    ck_assert_int_eq(parse("1.2.3", 0, a, &z), 0);
    ck_assert_int_eq(parse("1.2.3.4.5", 0, a, &z), 0);
    ck_assert_int_eq(parse("1..2.3", 0, a, &z), 0);
    ck_assert_int_eq(parse("1.2.3.", 0, a, &z), 0);
    ck_assert_int_eq(parse("1.2.3.4", 6, a, &z), 0); /* not a v6 */
    unsigned o[4];
    ck_assert(!addr_v4_octets(S("1000.1.1.1"), o));
    ck_assert(addr_v4_octets(S("0.255.7.0009"), o)); /* zeros: any number */
    ck_assert_uint_eq(o[1], 255);
    ck_assert_uint_eq(o[3], 9);
}
END_TEST

START_TEST(addr_v6)
{
    unsigned char a[16];
    size_t z;
    static const unsigned char db8_1[16] = {0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0,
                                            0,    0,    0,    0,    0, 0, 0, 1};
    ck_assert_int_eq(parse("2001:db8::1", 0, a, &z), 6);
    ck_assert_int_eq(memcmp(a, db8_1, 16), 0);
    ck_assert_uint_eq(z, 11);
    ck_assert_int_eq(parse("2001:DB8:0:0:0:0:0:1", 6, a, &z), 6);
    ck_assert_int_eq(memcmp(a, db8_1, 16), 0);
    ck_assert_int_eq(parse("fe80::1%eth0", 0, a, &z), 6);
    ck_assert_uint_eq(z, 7); /* the zone starts at the '%' */
    ck_assert_int_eq(a[0], 0xfe);
    ck_assert_int_eq(a[15], 1);
    ck_assert_int_eq(parse("::ffff:192.0.2.1", 0, a, &z), 6);
    ck_assert_int_eq(a[10], 0xff);
    ck_assert_int_eq(a[12], 192);
    ck_assert_int_eq(parse("2001:db8::1", 4, a, &z), 0); /* want 4 */
    ck_assert_int_eq(parse("1::2::3", 0, a, &z), 0);
    ck_assert_int_eq(parse("12345::1", 0, a, &z), 0);
    ck_assert_int_eq(parse("%eth0", 0, a, &z), 0);
    ck_assert_int_eq(parse("hello", 0, a, &z), 0);
    ck_assert_int_eq(parse("", 0, a, &z), 0);
    /* longer than any address text: refused, not truncated */
    ck_assert_int_eq(parse("2001:0db8:0000:0000:0000:0000:0000:0001:0000:1111:"
                           "2222", 0, a, &z), 0);
}
END_TEST

START_TEST(tokens)
{
    ck_assert(tok_is(S("PHONE_kabcd_abcdefghijklmnopqr")));
    ck_assert(tok_is(S("CN_ID_kabcd_abcdefghijklmnopqr")));
    ck_assert(tok_is(S("[SECRET]")));
    ck_assert(!tok_is(S("hunter2")));
    ck_assert(!tok_is(S("PHONE_kabcd_abcdefghijklmnopq"))); /* 17 letters */
    ck_assert(!tok_is(S("phone_kabcd_abcdefghijklmnopqr")));
    ck_assert(!tok_is(S("PHONE_k_abcdefghijklmnopqr")));   /* 1-letter id */
    ck_assert(!tok_is(S("[secret]")));
    ck_assert(!tok_is(S("[]")));
    /* type names may hold digits, not start with one */
    ck_assert(tok_is(S("IPV4_kabcd_abcdefghijklmnopqr")));
    ck_assert(tok_is(S("[IPV6]")));
    ck_assert(!tok_is(S("[4PV6]")));
    ck_assert_uint_eq(tok_len(S("PHONE_kabcd_abcdefghijklmnopqr rest")), 30);
    ck_assert_uint_eq(tok_len(S("PHONE_kabcd_abcdefghijklmnopq rest")), 0);
}
END_TEST

START_TEST(tokens_inside)
{
    ck_assert(tok_contains(S("4+PHONE_kabcd_abcdefghijklmnopqr+x")));
    ck_assert(!tok_contains(S("4+86 138-2468-5678+x")));
    /* only at a word start: xPHONE_... is someone's identifier */
    ck_assert(!tok_contains(S("xPHONE_kabcd_abcdefghijklmnopqr")));
    const char *t = "GEO_kabcd_ltbaoxdlponboqhlca%2B8613812345678";
    size_t n = strlen(t), at = strlen("GEO_kabcd_ltbaoxdlponboqhlca");
    ck_assert(tok_touches(t, n, at, n));      /* right after a token */
    ck_assert(!tok_touches(t, n, at + 3, n)); /* not touching it */
    const char *u = "13812345678PHONE_kabcd_abcdefghijklmnopqr";
    ck_assert(tok_touches(u, strlen(u), 0, 11)); /* right before one */
    ck_assert(tok_touches(u, strlen(u), 11, strlen(u))); /* starts one */
    const char *v = "abc_kabcd_abcdefghijklmnopqr13812345678";
    ck_assert(!tok_touches(v, strlen(v), 28, strlen(v))); /* no TYPE */
    const char *w = "13812345678 PHONE_kabcd_abcdefghijklmnopqr";
    ck_assert(!tok_touches(w, strlen(w), 0, 11)); /* a blank is no glue */
    const char *g = "13812345678-PHONE_kabcd_abcdefghijklmnopqr";
    ck_assert(tok_touches(g, strlen(g), 0, 11)); /* one glue byte is */
}
END_TEST

START_TEST(token_writers)
{
    sbuf b = {0};
    unsigned char dg[TOK_DIGEST_BYTES] = {0};
    ck_assert_int_eq(tok_put_hash(&b, "PHONE", "kabcd", dg), 0);
    ck_assert_uint_eq(b.len, 12 + TOK_DIGEST_CHARS);
    ck_assert_int_eq(memcmp(b.p, "PHONE_kabcd_aaaaaaaaaaaaaaaaaa", b.len), 0);
    b.len = 0;
    dg[TOK_DIGEST_BYTES - 1] = 1; /* the last byte is the lowest digit */
    ck_assert_int_eq(tok_put_hash(&b, "IPV4", "kq", dg), 0);
    ck_assert_uint_eq(b.len, 8 + TOK_DIGEST_CHARS);
    ck_assert_int_eq(memcmp(b.p, "IPV4_kq_baaaaaaaaaaaaaaaaa", b.len), 0);
    ck_assert_uint_eq(tok_len(b.p, b.len), b.len);
    ck_assert(tok_is(b.p, b.len));
    /* all 80 bits set still fits 18 letters, all of them a-z */
    memset(dg, 0xff, sizeof dg);
    b.len = 0;
    tok_put_hash(&b, "EMAIL", "kabcd", dg);
    ck_assert(tok_is(b.p, b.len));
    for (size_t i = 11; i < b.len; i++)
        ck_assert(b.p[i] == '_' || (b.p[i] >= 'a' && b.p[i] <= 'z'));
    b.len = 0;
    ck_assert_int_eq(tok_put_label(&b, "PHONE"), 0);
    ck_assert_uint_eq(b.len, 7);
    ck_assert_int_eq(memcmp(b.p, "[PHONE]", 7), 0);
    ck_assert(tok_is(b.p, b.len));
    sbuf_free(&b);
}
END_TEST

/* tok_base26 as it was first written: one 128-bit division per letter.
 * The split into 64-bit parts must give the same letters for any input
 * and any length, or every token would change. */
static void base26_reference(const unsigned char *in, size_t inlen,
                             char *out, size_t outlen)
{
    unsigned __int128 v = 0;
    for (size_t i = 0; i < inlen && i < 16; i++)
        v = (v << 8) | in[i];
    for (size_t i = 0; i < outlen; i++) {
        out[i] = (char)('a' + (int)(v % 26));
        v /= 26;
    }
}

static void assert_base26_same(const unsigned char *in, size_t inlen,
                               size_t outlen)
{
    char got[40], want[40];
    memset(got, '?', sizeof got);
    memset(want, '?', sizeof want);
    tok_base26(in, inlen, got, outlen);
    base26_reference(in, inlen, want, outlen);
    ck_assert_msg(!memcmp(got, want, sizeof got),
                  "base 26 of %zu bytes as %zu letters differs", inlen,
                  outlen);
}

START_TEST(base26_split)
{
    unsigned char in[16];
    srand(26);
    for (int t = 0; t < 20000; t++) {
        for (size_t i = 0; i < sizeof in; i++)
            in[i] = (unsigned char)rand();
        size_t inlen = (size_t)rand() % 17, outlen = (size_t)rand() % 31;
        assert_base26_same(in, inlen, outlen);
        assert_base26_same(in, TOK_DIGEST_BYTES, TOK_DIGEST_CHARS);
    }
    /* the edges: all bits set and zero at every width; powers of 26 and
     * of 2 (the split points 26^13 and 2^64 among them), one below and
     * one above each */
    for (size_t inlen = 0; inlen <= 16; inlen++)
        for (size_t outlen = 0; outlen <= 30; outlen++) {
            memset(in, 0xff, sizeof in);
            assert_base26_same(in, inlen, outlen);
            memset(in, 0, sizeof in);
            assert_base26_same(in, inlen, outlen);
        }
    unsigned __int128 p26 = 1;
    for (int k = 0; k < 28; k++, p26 *= 26)
        for (int d = -1; d <= 1; d++)
            for (int pow2 = 0; pow2 < 2; pow2++) {
                unsigned __int128 v = pow2 ? (unsigned __int128)1 << (k * 4)
                                           : p26;
                v += (unsigned __int128)(__int128)d;
                for (int i = 15; i >= 0; i--, v >>= 8)
                    in[i] = (unsigned char)v;
                for (size_t outlen = 0; outlen <= 30; outlen++)
                    assert_base26_same(in, 16, outlen);
            }
    char id[4]; /* a key id's 8-byte hash as 4 letters: 64-bit only */
    tok_base26((const unsigned char *)"\0\0\0\0\0\0\0\x1b", 8, id, 4);
    ck_assert_int_eq(memcmp(id, "bbaa", 4), 0); /* 27 = 1 + 1*26 */
}
END_TEST

START_TEST(encrypt_codec)
{
    unsigned char body[40], back[40];
    for (size_t i = 0; i < sizeof body; i++)
        body[i] = (unsigned char)(i * 37 + 5);
    body[0] = 0x00, body[1] = 0x0f, body[2] = 0xf0, body[3] = 0xff;
    sbuf b = {0};
    ck_assert_int_eq(tok_put_encrypt(&b, "CN_ID", "kabcd", body, sizeof body),
                     0);
    ck_assert_uint_eq(b.len, strlen("CN_ID_kabcd_x") + 2 * sizeof body);
    /* 00 0f f0 ff: high nibble first, a = 0 ... p = 15 */
    ck_assert_int_eq(memcmp(b.p, "CN_ID_kabcd_xaaappapp", 21), 0);
    ck_assert_uint_eq(tok_len(b.p, b.len), b.len); /* one token */
    tok_parts p;
    ck_assert(tok_split_encrypt(b.p, b.len, &p));
    ck_assert_uint_eq(p.type_len, 5);
    ck_assert_uint_eq(p.kid_len, 5);
    ck_assert_int_eq(memcmp(p.kid, "kabcd", 5), 0);
    ck_assert_uint_eq(p.body_len, 2 * sizeof body);
    ck_assert(tok_decode_letters(p.body, sizeof body, back));
    ck_assert_int_eq(memcmp(back, body, sizeof body), 0);
    ck_assert(!tok_decode_letters("aq", 1, back)); /* q is past p */
    ck_assert(!tok_decode_letters("Aa", 1, back));
    /* text glued before the type stays part of it */
    ck_assert(tok_split_encrypt(S("IDPHONE_kabcd_xabab"), &p));
    ck_assert_uint_eq(p.type_len, 7);
    ck_assert(!tok_split_encrypt(S("PHONE_kabcd_abab"), &p)); /* no _x */
    ck_assert(!tok_split_encrypt(S("_kabcd_xabab"), &p)); /* no type */
    ck_assert(!tok_split_encrypt(S("P_kabcdefghijklmnop_xab"), &p)); /* 16 */
    sbuf_free(&b);
}
END_TEST

static char *const type_names[] = {"PHONE", "IMEI", "MAC"};
static const tok_types types = {type_names, 3};

START_TEST(labels)
{
    ck_assert(tok_label_ends_at(types, S("x [PHONE]")));
    ck_assert(!tok_label_ends_at(types, "x [INFO]", 8)); /* a log's tag */
    ck_assert(tok_label_starts_at(types, S("[MAC] y"), 0));
    ck_assert(!tok_label_starts_at(types, S("[MAC y"), 0));
    ck_assert(tok_contains_label(types, S("a [IMEI] b")));
    ck_assert(!tok_contains_label(types, S("[INFO] [WARN] b")));
    /* "[IMEI]:35..." is a tag before a raw value: ':' is no glue there */
    const char *c = "[IMEI]:354178036859789";
    ck_assert(!tok_touches_label(types, c, strlen(c), 7, strlen(c)));
    const char *d = "[IMEI]-354178036859789";
    ck_assert(tok_touches_label(types, d, strlen(d), 7, strlen(d)));
    const char *e = "[IMEI]354178036859789";
    ck_assert(tok_touches_label(types, e, strlen(e), 6, strlen(e)));
    const char *f = "354178036859789[IMEI] x";
    ck_assert(tok_touches_label(types, f, strlen(f), 0, 15));
    const char *g = "354178036859789-[IMEI] x";
    ck_assert(tok_touches_label(types, g, strlen(g), 0, 15));
    const char *h = "354178036859789 [IMEI] x";
    ck_assert(!tok_touches_label(types, h, strlen(h), 0, 15));
    const char *i = "[INFO]354178036859789";
    ck_assert(!tok_touches_label(types, i, strlen(i), 6, strlen(i)));
}
END_TEST

/* Bytes that vary with their position, for messages and keys. */
static void fill(unsigned char *p, size_t n, unsigned seed)
{
    for (size_t i = 0; i < n; i++)
        p[i] = (unsigned char)(i * 131 + seed * 7 + (i >> 3));
}

static void hexof(const unsigned char *p, size_t n, char *out)
{
    for (size_t i = 0; i < n; i++)
        sprintf(out + 2 * i, "%02x", p[i]);
}

/* RFC 7693 Appendix A: BLAKE2b-512("abc"); and the first keyed vector of
 * the BLAKE2 reference package (key 00..3f, empty input). */
START_TEST(b2_vectors)
{
    unsigned char d[64], key[64];
    char hex[129];
    ck_assert_int_eq(b2_hash(d, 64, "abc", 3, NULL, 0), 0);
    hexof(d, 64, hex);
    ck_assert_str_eq(hex, "ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b7"
                          "4b12bb6fdbffa2d17d87c5392aab792dc252d5de4533cc95"
                          "18d38aa8dbf1925ab92386edd4009923");
    for (int i = 0; i < 64; i++)
        key[i] = (unsigned char)i;
    ck_assert_int_eq(b2_hash(d, 64, "", 0, key, 64), 0);
    hexof(d, 64, hex);
    ck_assert_str_eq(hex, "10ebb67700b1868efb4417987acf4690ae9d972fb7a590c2"
                          "f02871799aaa4786b5e996e8f0f4eb981fc214b005f42d2f"
                          "f4233499391653df7aefcbc13fc51568");
    /* lengths out of range: refused */
    ck_assert_int_eq(b2_hash(d, 0, "", 0, NULL, 0), -1);
    ck_assert_int_eq(b2_hash(d, 65, "", 0, NULL, 0), -1);
    ck_assert_int_eq(b2_hash(d, 10, "", 0, key, 65), -1);
    ck_assert_int_eq(b2_hash(d, 10, "", 0, NULL, 3), -1);
}
END_TEST

/* b2_ against libsodium's crypto_generichash: every message length
 * 0..300 (empty, inside one block, block edges 127/128/129, 256, several
 * blocks), unkeyed and keyed (the keyring's 32 bytes, and 1..64), digests
 * of 10, 16, 32 and 64 bytes; one call, and fed in uneven pieces. */
static void assert_b2_is_sodium(const unsigned char *msg, size_t n,
                                size_t outlen, const unsigned char *key,
                                size_t keylen)
{
    unsigned char got[64], piecewise[64], want[64];
    ck_assert_int_eq(b2_hash(got, outlen, msg, n, key, keylen), 0);
    ck_assert_int_eq(crypto_generichash(want, outlen, msg, n, key, keylen),
                     0);
    ck_assert_msg(!memcmp(got, want, outlen),
                  "b2 differs from libsodium: %zu bytes, key %zu, out %zu",
                  n, keylen, outlen);
    b2_state st;
    ck_assert_int_eq(b2_init(&st, outlen, key, keylen), 0);
    for (size_t at = 0, step = 1; at < n; at += step, step = step * 3 % 71)
        b2_update(&st, msg + at, step < n - at ? step : n - at);
    ck_assert_int_eq(b2_final(&st, piecewise), 0);
    ck_assert_msg(!memcmp(piecewise, want, outlen),
                  "b2 in pieces differs: %zu bytes, key %zu, out %zu", n,
                  keylen, outlen);
}

START_TEST(b2_matches_sodium)
{
    static const size_t outlens[] = {10, 16, 32, 64};
    unsigned char msg[300], key[64];
    fill(msg, sizeof msg, 1);
    fill(key, sizeof key, 2);
    for (size_t n = 0; n <= sizeof msg; n++)
        for (size_t o = 0; o < sizeof outlens / sizeof *outlens; o++) {
            assert_b2_is_sodium(msg, n, outlens[o], NULL, 0);
            assert_b2_is_sodium(msg, n, outlens[o], key, KEY_BYTES);
            assert_b2_is_sodium(msg, n, outlens[o], key, 1 + n % 64);
        }
}
END_TEST

/* The key-ahead state, as the keyring makes it: for every length 1..300
 * and digest size, copies of one state give libsodium's keyed digest;
 * with nothing absorbed it refuses rather than give a wrong digest. */
START_TEST(b2_key_ahead)
{
    static const size_t outlens[] = {10, 16, 32, 64};
    unsigned char msg[300], key[KEY_BYTES], got[64], want[64];
    fill(msg, sizeof msg, 3);
    fill(key, sizeof key, 4);
    for (size_t o = 0; o < sizeof outlens / sizeof *outlens; o++) {
        size_t outlen = outlens[o];
        b2_state ahead;
        ck_assert_int_eq(b2_init_key_ahead(&ahead, outlen, key, KEY_BYTES),
                         0);
        for (size_t n = 1; n <= sizeof msg; n++) {
            b2_state st = ahead;
            b2_update(&st, msg, n / 2);
            b2_update(&st, msg + n / 2, n - n / 2);
            ck_assert_int_eq(b2_final(&st, got), 0);
            crypto_generichash(want, outlen, msg, n, key, KEY_BYTES);
            ck_assert_msg(!memcmp(got, want, outlen),
                          "key-ahead differs: %zu bytes, out %zu", n, outlen);
        }
        b2_state empty = ahead;
        memset(got, 0x5a, sizeof got);
        ck_assert_int_eq(b2_final(&empty, got), -1);
        for (size_t i = 0; i < sizeof got; i++)
            ck_assert_int_eq(got[i], 0x5a); /* nothing written */
        b2_update(&empty, "", 0); /* an empty update is still nothing */
        ck_assert_int_eq(b2_final(&empty, got), -1);
    }
    b2_state st;
    ck_assert_int_eq(b2_init_key_ahead(&st, 10, NULL, 0), -1); /* no key */
    /* b2_final wipes the state: it held the message's last block */
    ck_assert_int_eq(b2_init(&st, 10, key, KEY_BYTES), 0);
    b2_update(&st, "13812345678", 11);
    ck_assert_int_eq(b2_final(&st, got), 0);
    static const b2_state zero;
    ck_assert_int_eq(memcmp(&st, &zero, sizeof st), 0);
}
END_TEST

static const unsigned char key_a[KEY_BYTES] = {1, 2, 3};
static const unsigned char key_b[KEY_BYTES] = {4, 5, 6};
static const unsigned char key_c[KEY_BYTES] = {7, 8, 9};

/* kr_new's guarded memory needs libsodium initialised, which the
 * library's entry points (config, engine) do before they make one. */
static void sodium_setup(void) { ck_assert_int_ge(sodium_init(), 0); }

START_TEST(keyring_ids)
{
    unsigned char retired[2 * KEY_BYTES];
    char ids[2][KEY_ID_MAX] = {"kold", "kolder"};
    memcpy(retired, key_b, KEY_BYTES);
    memcpy(retired + KEY_BYTES, key_c, KEY_BYTES);
    keyring *kr = kr_new(key_a, "kabcd", retired,
                         (const char(*)[KEY_ID_MAX])ids, 2);
    ck_assert_ptr_nonnull(kr);
    ck_assert_str_eq(kr_id(kr), "kabcd");
    ck_assert_ptr_eq(kr_subkeys_for(kr, "kabcd"), kr_subkeys(kr));
    const unsigned char *old = kr_subkeys_for(kr, "kold");
    const unsigned char *older = kr_subkeys_for(kr, "kolder");
    ck_assert_ptr_nonnull(old);
    ck_assert_ptr_nonnull(older);
    ck_assert_ptr_null(kr_subkeys_for(kr, "knope"));
    ck_assert_ptr_null(kr_subkeys_for(kr, "kol")); /* no prefix match */
    size_t all = SUBKEY_COUNT * KEY_BYTES;
    ck_assert_int_ne(memcmp(old, kr_subkeys(kr), all), 0);
    ck_assert_int_ne(memcmp(old, older, all), 0);
    /* a retired key's subkeys are the ones it had as the current key */
    keyring *was = kr_new(key_b, "kold", NULL, NULL, 0);
    ck_assert_int_eq(memcmp(kr_subkeys(was), old, all), 0);
    /* the three subkeys of one key differ from each other */
    const unsigned char *s = kr_subkeys(kr);
    ck_assert_int_ne(memcmp(s, s + KEY_BYTES, KEY_BYTES), 0);
    ck_assert_int_ne(memcmp(s + KEY_BYTES, s + 2 * KEY_BYTES, KEY_BYTES), 0);
    kr_free(was);
    kr_free(kr);
    kr_free(NULL);
}
END_TEST

/* kr_hash_start: a keyed state; the same key hashes alike, another not. */
static void hash_with(const keyring *kr, unsigned char out[TOK_DIGEST_BYTES])
{
    b2_state st;
    kr_hash_start(kr, &st);
    b2_update(&st, "x", 1);
    ck_assert_int_eq(b2_final(&st, out), 0);
}

START_TEST(keyring_hash)
{
    keyring *a1 = kr_new(key_a, "ka", NULL, NULL, 0);
    keyring *a2 = kr_new(key_a, "kb", NULL, NULL, 0);
    keyring *b = kr_new(key_b, "ka", NULL, NULL, 0);
    unsigned char h1[TOK_DIGEST_BYTES], h2[TOK_DIGEST_BYTES],
        h3[TOK_DIGEST_BYTES];
    hash_with(a1, h1);
    hash_with(a2, h2);
    hash_with(b, h3);
    ck_assert_int_eq(memcmp(h1, h2, sizeof h1), 0);
    ck_assert_int_ne(memcmp(h1, h3, sizeof h1), 0);
    hash_with(a1, h2); /* the state is copied: a second use is the same */
    ck_assert_int_eq(memcmp(h1, h2, sizeof h1), 0);
    /* the digest of tokens before issue 13: libsodium's keyed BLAKE2b of
     * 10 bytes over the type, its NUL and the canonical value */
    static const unsigned char msg[] = "PHONE\0" "13812345678";
    unsigned char want[TOK_DIGEST_BYTES];
    crypto_generichash(want, sizeof want, msg, sizeof msg - 1, key_a,
                       KEY_BYTES);
    b2_state st;
    kr_hash_start(a1, &st);
    b2_update(&st, msg, sizeof msg - 1);
    ck_assert_int_eq(b2_final(&st, h1), 0);
    ck_assert_int_eq(memcmp(h1, want, sizeof want), 0);
    kr_free(a1);
    kr_free(a2);
    kr_free(b);
}
END_TEST

START_TEST(key_files)
{
    unsigned char k1[KEY_BYTES], k2[KEY_BYTES];
    char id1[KEY_ID_MAX], id2[KEY_ID_MAX], err[128];
    unsigned char raw[40];
    memset(raw, 'r', sizeof raw);
    ck_assert_int_eq(kr_derive(raw, 32, k1, id1, err, sizeof err), 0);
    ck_assert_uint_eq(strlen(id1), 5);
    ck_assert_int_eq(id1[0], 'k');
    ck_assert_int_eq(kr_derive(raw, 32, k2, id2, err, sizeof err), 0);
    ck_assert_str_eq(id1, id2); /* every host derives the same */
    ck_assert_int_eq(memcmp(k1, k2, KEY_BYTES), 0);
    ck_assert_int_eq(kr_derive(raw, 33, k2, id2, err, sizeof err), 0);
    ck_assert_int_ne(memcmp(k1, k2, KEY_BYTES), 0); /* every byte counts */
    ck_assert_int_eq(kr_derive(raw, 31, k2, id2, err, sizeof err),
                     SCRUB_E_KEY);
    static const char text[] = "# scrub key file v1\nid=kmine\n"
                               "secret=000102030405060708090a0b0c0d0e0f"
                               "101112131415161718191a1b1c1d1e1f\n";
    ck_assert_int_eq(kr_derive((const unsigned char *)text, strlen(text), k1,
                               id1, err, sizeof err), 0);
    ck_assert_str_eq(id1, "kmine");
    for (int i = 0; i < KEY_BYTES; i++)
        ck_assert_int_eq(k1[i], i);
    static const char bad_id[] = "# scrub key file v1\nid=k1\nsecret=00\n";
    ck_assert_int_eq(kr_derive((const unsigned char *)bad_id, strlen(bad_id),
                               k1, id1, err, sizeof err), SCRUB_E_KEY);
    static const char short_secret[] = "# scrub key file v1\nsecret=0011\n";
    ck_assert_int_eq(kr_derive((const unsigned char *)short_secret,
                               strlen(short_secret), k1, id1, err,
                               sizeof err), SCRUB_E_KEY);
    ck_assert_ptr_nonnull(strstr(err, "64 hex digits"));
}
END_TEST

START_TEST(buffers)
{
    sbuf b = {0};
    ck_assert_int_eq(sbuf_put(&b, "", 0), 0);
    ck_assert_ptr_null(b.p); /* nothing to hold, nothing allocated */
    for (int i = 0; i < 1000; i++)
        ck_assert_int_eq(sbuf_put(&b, "abc", 3), 0);
    ck_assert_int_eq(sbuf_putc(&b, '!'), 0);
    ck_assert_uint_eq(b.len, 3001);
    ck_assert_uint_ge(b.cap, b.len);
    ck_assert_int_eq(memcmp(b.p + 2997, "abc!", 4), 0);
    ck_assert_int_eq(sbuf_reserve(&b, 10000), 0);
    ck_assert_uint_ge(b.cap - b.len, 10000);
    sbuf_wipe(&b);
    ck_assert_ptr_null(b.p);
    ck_assert_uint_eq(b.len + b.cap, 0);
    char *one = xstrdup("one"), *two = xstrdup("two");
    strlist l = {(char *[]){one, two}, 2}, c;
    ck_assert_int_eq(strlist_copy(&c, &l), 0);
    ck_assert_uint_eq(c.n, 2);
    ck_assert_str_eq(c.v[1], "two");
    ck_assert_ptr_ne(c.v[1], two); /* a deep copy */
    strlist_free(&c);
    ck_assert_ptr_null(c.v);
    ck_assert_uint_eq(c.n, 0);
    free(one);
    free(two);
    strlist empty = {0};
    ck_assert_int_eq(strlist_copy(&c, &empty), 0);
    ck_assert_uint_eq(c.n, 0);
    strlist_free(&c);
    char err[16];
    ck_assert_int_eq(set_err(err, sizeof err, SCRUB_E_KEY, "bad %d", 42),
                     SCRUB_E_KEY);
    ck_assert_str_eq(err, "bad 42");
    ck_assert_int_eq(set_err(err, 4, SCRUB_E_ARG, "truncated"), SCRUB_E_ARG);
    ck_assert_str_eq(err, "tru");
    ck_assert_int_eq(set_err(NULL, 0, SCRUB_E_ARG, "x"), SCRUB_E_ARG);
}
END_TEST

START_TEST(escapes)
{
    ck_assert_uint_eq(url_escape_len(S("%2B86"), 0), 3);
    ck_assert_uint_eq(url_escape_len(S("%2"), 0), 0);
    ck_assert_uint_eq(url_escape_len(S("%G0"), 0), 0);
    ck_assert_uint_eq(escape_before("a%3D1", 4), 3);
    ck_assert_uint_eq(escape_before("a%253D1", 6), 5);
    ck_assert_uint_eq(escape_before("\\x221", 4), 4);
    ck_assert_uint_eq(escape_before("\\u00221", 6), 6);
    ck_assert_uint_eq(escape_before("a\\t1", 3), 2);
    ck_assert_uint_eq(escape_before("a\\\\t1", 4), 0); /* \\t: a backslash */
    ck_assert_uint_eq(escape_before("ab1", 2), 0);
    const char *fw = "\xef\xbc\x91\xef\xbc\x99x"; /* １９x */
    ck_assert(is_fw_digit(fw, 7, 0));
    ck_assert(is_fw_digit(fw, 7, 3));
    ck_assert(!is_fw_digit(fw, 7, 6));
    ck_assert(!is_fw_digit(fw, 5, 3)); /* cut short */
    ck_assert_int_eq(fw_digit_value(fw, 3), '9');
    ck_assert(is_glue('.') && is_glue('@') && !is_glue(' ') && !is_glue('a'));
    ck_assert(!is_alnum((char)0xC3) && !is_hex((char)0xE9));
    ck_assert_int_eq(hexval('f'), 15);
    ck_assert_int_eq(hexval('A'), 10);
    ck_assert_int_eq(lower('Q'), 'q');
}
END_TEST

Suite *common_suite(void)
{
    Suite *s = suite_create("common");
    TCase *t = tcase_create("common");
    tcase_add_test(t, luhn_vectors);
    tcase_add_test(t, cn_id_char);
    tcase_add_test(t, dates);
    tcase_add_test(t, mod97);
    tcase_add_test(t, addr_v4);
    tcase_add_test(t, addr_v6);
    tcase_add_test(t, tokens);
    tcase_add_test(t, tokens_inside);
    tcase_add_test(t, token_writers);
    tcase_add_test(t, base26_split);
    tcase_add_test(t, encrypt_codec);
    tcase_add_test(t, labels);
    tcase_add_test(t, buffers);
    tcase_add_test(t, escapes);
    suite_add_tcase(s, t);
    TCase *k = tcase_create("keys");
    tcase_add_checked_fixture(k, sodium_setup, NULL);
    tcase_add_test(k, b2_vectors);
    tcase_add_test(k, b2_matches_sodium);
    tcase_add_test(k, b2_key_ahead);
    tcase_add_test(k, keyring_ids);
    tcase_add_test(k, keyring_hash);
    tcase_add_test(k, key_files);
    suite_add_tcase(s, k);
    return s;
}
