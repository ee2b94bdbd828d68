/* common/blake2b.c — BLAKE2b as RFC 7693 specifies it (section 3: the
 * mixing function G, the compression function F, the parameter block of
 * section 2.5 with only digest and key length set), written for scrub's
 * hash tokens; see blake2b.h for why it is not libsodium's. */
#include <sodium.h>
#include <string.h>

#include "common/blake2b.h"

/* The initialisation vector: SHA-512's (RFC 7693 section 2.6). */
static const uint64_t b2_iv[8] = {
    0x6a09e667f3bcc908ULL, 0xbb67ae8584caa73bULL, 0x3c6ef372fe94f82bULL,
    0xa54ff53a5f1d36f1ULL, 0x510e527fade682d1ULL, 0x9b05688c2b3e6c1fULL,
    0x1f83d9abfb41bd6bULL, 0x5be0cd19137e2179ULL};

/* The message word permutations of the 12 rounds (section 2.7): rounds
 * 10 and 11 repeat 0 and 1. */
static const unsigned char b2_sigma[12][16] = {
    {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15},
    {14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3},
    {11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4},
    {7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8},
    {9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13},
    {2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9},
    {12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11},
    {13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10},
    {6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5},
    {10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0},
    {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15},
    {14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3},
};

static uint64_t rotr64(uint64_t x, unsigned n)
{
    return (x >> n) | (x << (64 - n));
}

/* Words are little-endian whatever the machine. Written out, not as a
 * loop: compilers merge this expression into one load where that is the
 * same (gcc left the loop byte by byte, costing a third of the rounds). */
static uint64_t load64_le(const unsigned char *p)
{
    return (uint64_t)p[0] | (uint64_t)p[1] << 8 | (uint64_t)p[2] << 16 |
           (uint64_t)p[3] << 24 | (uint64_t)p[4] << 32 |
           (uint64_t)p[5] << 40 | (uint64_t)p[6] << 48 |
           (uint64_t)p[7] << 56;
}

/* G (section 3.1), with the rotations R1..R4 = 32, 24, 16, 63. */
#define B2_G(a, b, c, d, x, y)                                                \
    do {                                                                      \
        v[a] = v[a] + v[b] + (x);                                             \
        v[d] = rotr64(v[d] ^ v[a], 32);                                       \
        v[c] = v[c] + v[d];                                                   \
        v[b] = rotr64(v[b] ^ v[c], 24);                                       \
        v[a] = v[a] + v[b] + (y);                                             \
        v[d] = rotr64(v[d] ^ v[a], 16);                                       \
        v[c] = v[c] + v[d];                                                   \
        v[b] = rotr64(v[b] ^ v[c], 63);                                       \
    } while (0)

/* One round: the columns, then the diagonals. Written out per round (not
 * a loop) so that every sigma index is a constant and the 16 words stay
 * in registers. */
#define B2_ROUND(r)                                                           \
    do {                                                                      \
        const unsigned char *z = b2_sigma[r];                                 \
        B2_G(0, 4, 8, 12, m[z[0]], m[z[1]]);                                  \
        B2_G(1, 5, 9, 13, m[z[2]], m[z[3]]);                                  \
        B2_G(2, 6, 10, 14, m[z[4]], m[z[5]]);                                 \
        B2_G(3, 7, 11, 15, m[z[6]], m[z[7]]);                                 \
        B2_G(0, 5, 10, 15, m[z[8]], m[z[9]]);                                 \
        B2_G(1, 6, 11, 12, m[z[10]], m[z[11]]);                               \
        B2_G(2, 7, 8, 13, m[z[12]], m[z[13]]);                                \
        B2_G(3, 4, 9, 14, m[z[14]], m[z[15]]);                                \
    } while (0)

/* F (section 3.2): one 128-byte block into the chain value; the counter
 * already counts the block's bytes; last marks the final block. */
static void b2_compress(b2_state *s, const unsigned char *block, bool last)
{
    uint64_t m[16], v[16];
    for (int i = 0; i < 16; i++)
        m[i] = load64_le(block + 8 * i);
    for (int i = 0; i < 8; i++) {
        v[i] = s->h[i];
        v[i + 8] = b2_iv[i];
    }
    v[12] ^= s->t[0];
    v[13] ^= s->t[1];
    if (last)
        v[14] = ~v[14];
    B2_ROUND(0);
    B2_ROUND(1);
    B2_ROUND(2);
    B2_ROUND(3);
    B2_ROUND(4);
    B2_ROUND(5);
    B2_ROUND(6);
    B2_ROUND(7);
    B2_ROUND(8);
    B2_ROUND(9);
    B2_ROUND(10);
    B2_ROUND(11);
    for (int i = 0; i < 8; i++)
        s->h[i] ^= v[i] ^ v[i + 8];
}

/* The 128-bit byte counter, before the block of n bytes is compressed. */
static void b2_count(b2_state *s, size_t n)
{
    s->t[0] += n;
    if (s->t[0] < n)
        s->t[1]++;
}

int b2_init(b2_state *s, size_t outlen, const void *key, size_t keylen)
{
    if (outlen < 1 || outlen > B2_OUT_MAX || keylen > B2_KEY_MAX ||
        (keylen && !key))
        return -1;
    memset(s, 0, sizeof *s);
    memcpy(s->h, b2_iv, sizeof s->h);
    /* the parameter block: digest length, key length, fanout 1, depth 1 */
    s->h[0] ^= 0x01010000ULL ^ ((uint64_t)keylen << 8) ^ outlen;
    s->outlen = outlen;
    if (keylen) {
        /* the key, zero-padded, is the first block (section 3.3); it is
         * compressed when data follows, or as the last block if none */
        memcpy(s->buf, key, keylen);
        s->buflen = B2_BLOCK_BYTES;
    }
    return 0;
}

int b2_init_key_ahead(b2_state *s, size_t outlen, const void *key,
                      size_t keylen)
{
    if (keylen < 1 || b2_init(s, outlen, key, keylen))
        return -1;
    b2_count(s, B2_BLOCK_BYTES);
    b2_compress(s, s->buf, false);
    sodium_memzero(s->buf, sizeof s->buf);
    s->buflen = 0;
    s->ahead = true;
    return 0;
}

void b2_update(b2_state *s, const void *in, size_t n)
{
    const unsigned char *p = in;
    while (n > 0) {
        /* a full buffer is compressed only once more data is known to
         * follow: the last block must be compressed as the last */
        if (s->buflen == B2_BLOCK_BYTES) {
            b2_count(s, B2_BLOCK_BYTES);
            b2_compress(s, s->buf, false);
            s->buflen = 0;
        }
        size_t take = B2_BLOCK_BYTES - s->buflen;
        if (take > n)
            take = n;
        memcpy(s->buf + s->buflen, p, take);
        s->buflen += take;
        p += take;
        n -= take;
    }
}

int b2_final(b2_state *s, unsigned char *out)
{
    if (s->ahead && s->t[0] == B2_BLOCK_BYTES && s->t[1] == 0 &&
        s->buflen == 0)
        return -1; /* nothing after a key block compressed as not last */
    b2_count(s, s->buflen);
    memset(s->buf + s->buflen, 0, B2_BLOCK_BYTES - s->buflen);
    b2_compress(s, s->buf, true);
    /* the chain value's first outlen bytes, little-endian: only those
     * are made (a token needs 10 of 64) */
    for (size_t i = 0; i < s->outlen; i++)
        out[i] = (unsigned char)(s->h[i / 8] >> (8 * (i % 8)));
    sodium_memzero(s, sizeof *s);
    return 0;
}

int b2_hash(unsigned char *out, size_t outlen, const void *in, size_t n,
            const void *key, size_t keylen)
{
    b2_state s;
    if (b2_init(&s, outlen, key, keylen))
        return -1;
    b2_update(&s, in, n);
    return b2_final(&s, out);
}
