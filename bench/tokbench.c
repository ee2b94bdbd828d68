/* tokbench.c — what one hash token costs (issue 13). Times, in ns per
 * call, the whole hash action (xf_hash: canonical form, keyed BLAKE2b,
 * base 26, token text) for a phone number and an email, and its parts:
 * the keyed digest through the keyring's prepared state, base-26
 * encoding, and, for comparison, the ways these were done before issue
 * 13 (libsodium's keyed BLAKE2b state, whose key block is compressed again
 * for every token; 18 divisions of a 128-bit number by 26).
 * Build: make build/tokbench; run: build/tokbench [ITERATIONS]
 * Each row is the best of REPEATS runs of ITERATIONS calls (default 1e6):
 * the least disturbed by other work on the machine. */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "common/keyring.h"
#include "common/token.h"
#include "transform/transform.h"

#define REPEATS 7

static double now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

/* What every row gets: the keyring, the two types and a sink that the
 * compiler cannot drop. */
typedef struct bench {
    const keyring *kr;
    xform x;
    xf_type phone, email;
    crypto_generichash_state sodium_keyed; /* the pre-issue-13 state */
    sbuf out;
    unsigned char sink;
    long iters;
} bench;

typedef void (*row_fn)(bench *b, long i);

/* Best-of-REPEATS ns per call of fn. */
static double time_row(bench *b, row_fn fn)
{
    double best = 0;
    for (int r = 0; r < REPEATS; r++) {
        double t0 = now_ns();
        for (long i = 0; i < b->iters; i++)
            fn(b, i);
        double ns = (now_ns() - t0) / (double)b->iters;
        if (r == 0 || ns < best)
            best = ns;
    }
    return best;
}

/* A different value each call (the last digits vary), as in a log. */
static void row_xf_hash_phone(bench *b, long i)
{
    char v[] = "13812345678";
    v[9] = (char)('0' + i % 10);
    v[10] = (char)('0' + i / 10 % 10);
    b->out.len = 0;
    xf_hash(&b->x, &b->phone, v, sizeof v - 1, &b->out);
    b->sink += (unsigned char)b->out.p[b->out.len - 1];
}

static void row_xf_hash_email(bench *b, long i)
{
    char v[] = "Alice.Wang00@Example.com";
    v[10] = (char)('0' + i % 10);
    v[11] = (char)('0' + i / 10 % 10);
    b->out.len = 0;
    xf_hash(&b->x, &b->email, v, sizeof v - 1, &b->out);
    b->sink += (unsigned char)b->out.p[b->out.len - 1];
}

/* The hash step alone, as xf_hash does it: "PHONE\0" and 11 digits. */
static const unsigned char phone_msg[] = "PHONE\0" "13812345678";

static void row_digest_keyring(bench *b, long i)
{
    unsigned char d[TOK_DIGEST_BYTES];
    b2_state st;
    kr_hash_start(b->kr, &st);
    b2_update(&st, phone_msg, sizeof phone_msg - 1);
    b2_update(&st, &i, 1);
    b2_final(&st, d);
    b->sink += d[0];
}

static void row_digest_sodium_state(bench *b, long i)
{
    unsigned char d[TOK_DIGEST_BYTES];
    crypto_generichash_state st;
    memcpy(&st, &b->sodium_keyed, sizeof st);
    crypto_generichash_update(&st, phone_msg, sizeof phone_msg - 1);
    crypto_generichash_update(&st, (const unsigned char *)&i, 1);
    crypto_generichash_final(&st, d, sizeof d);
    b->sink += d[0];
}

static void row_base26(bench *b, long i)
{
    unsigned char d[TOK_DIGEST_BYTES] = {0x9e, 0x37, 0x79, 0xb9, 0x7f,
                                         0x4a, 0x7c, 0x15, 0xf3, 0x9c};
    char enc[TOK_DIGEST_CHARS];
    d[0] ^= (unsigned char)i;
    tok_base26(d, sizeof d, enc, sizeof enc);
    b->sink += (unsigned char)enc[0];
}

/* tok_base26 as it was before issue 13: a 128-bit division per letter. */
static void base26_by_division(const unsigned char *in, size_t inlen,
                               char *out, size_t outlen)
{
    unsigned __int128 v = 0;
    for (size_t i = 0; i < inlen; i++)
        v = (v << 8) | in[i];
    for (size_t i = 0; i < outlen; i++) {
        out[i] = (char)('a' + (int)(v % 26));
        v /= 26;
    }
}

static void row_base26_old(bench *b, long i)
{
    unsigned char d[TOK_DIGEST_BYTES] = {0x9e, 0x37, 0x79, 0xb9, 0x7f,
                                         0x4a, 0x7c, 0x15, 0xf3, 0x9c};
    char enc[TOK_DIGEST_CHARS];
    d[0] ^= (unsigned char)i;
    base26_by_division(d, sizeof d, enc, sizeof enc);
    b->sink += (unsigned char)enc[0];
}

static const struct {
    const char *name;
    row_fn fn;
} rows[] = {
    {"xf_hash PHONE (whole hash action)", row_xf_hash_phone},
    {"xf_hash EMAIL (whole hash action)", row_xf_hash_email},
    {"keyed digest: keyring state (b2_)", row_digest_keyring},
    {"keyed digest: libsodium state (before)", row_digest_sodium_state},
    {"tok_base26, 10 bytes -> 18 letters", row_base26},
    {"base 26 by 128-bit division (before)", row_base26_old},
};

int main(int argc, char **argv)
{
    static const unsigned char key[KEY_BYTES] = "tokbench fixed key, no secret";
    bench b = {.iters = argc > 1 ? atol(argv[1]) : 1000000};
    if (sodium_init() < 0 || b.iters < 1) {
        fprintf(stderr, "usage: tokbench [ITERATIONS >= 1]\n");
        return 2;
    }
    keyring *kr = kr_new(key, "kbench", NULL, NULL, 0);
    if (!kr)
        return 1;
    b.kr = kr;
    b.x = (xform){.kr = kr};
    b.phone = (xf_type){"PHONE", xf_shape_for("PHONE")};
    b.email = (xf_type){"EMAIL", xf_shape_for("EMAIL")};
    crypto_generichash_init(&b.sodium_keyed, key, KEY_BYTES, TOK_DIGEST_BYTES);
    printf("%-40s %10s\n", "row", "ns/call");
    for (size_t r = 0; r < sizeof rows / sizeof *rows; r++)
        printf("%-40s %10.1f\n", rows[r].name, time_row(&b, rows[r].fn));
    printf("(best of %d runs of %ld calls; sink %u)\n", REPEATS, b.iters,
           b.sink);
    sbuf_free(&b.out);
    sodium_memzero(&b.sodium_keyed, sizeof b.sodium_keyed);
    kr_free(kr);
    return 0;
}
