/* transform/fpe.c — keyed, reversible, format-preserving permutations.
 *
 * A Feistel network over a string of digits of one radix (10 or 16 or
 * 36): the string is split in two halves, read as numbers, and eight
 * rounds add a keyed BLAKE2b PRF of one half to the other, modulo the
 * half's range. Every round can be undone, so the map is a permutation:
 * pseudonyms never collide, and the key owner can invert them. The tweak
 * (type, position, kept prefix) makes equal digits in different contexts
 * map differently. */
#include <sodium.h>
#include <string.h>

#include "common/keyring.h"
#include "transform/fpe.h"

#define ROUNDS 8
#define MAX_HALF 12 /* 36^12 < 2^63 */

static uint64_t ipow(unsigned radix, size_t n)
{
    uint64_t v = 1;
    while (n--)
        v *= radix;
    return v;
}

static uint64_t prf(const unsigned char *key, const char *tweak,
                    size_t tweak_len, unsigned round, uint64_t x)
{
    unsigned char in[8 + 1], out[8];
    crypto_generichash_state st;
    memcpy(in, &x, 8);
    in[8] = (unsigned char)round;
    crypto_generichash_init(&st, key, KEY_BYTES, sizeof out);
    crypto_generichash_update(&st, (const unsigned char *)tweak, tweak_len);
    crypto_generichash_update(&st, in, sizeof in);
    crypto_generichash_final(&st, out, sizeof out);
    uint64_t v;
    memcpy(&v, out, 8);
    return v;
}

/* digits[] holds values 0..radix-1; n <= 2 * MAX_HALF. */
static void feistel(const unsigned char *key, const char *tweak, size_t tl,
                    unsigned radix, unsigned char *digits, size_t n,
                    bool inverse)
{
    size_t a = n / 2, b = n - a;
    uint64_t A = 0, B = 0, ma = ipow(radix, a), mb = ipow(radix, b);
    for (size_t i = 0; i < a; i++)
        A = A * radix + digits[i];
    for (size_t i = a; i < n; i++)
        B = B * radix + digits[i];
    for (unsigned k = 0; k < ROUNDS; k++) {
        unsigned r = inverse ? ROUNDS - 1 - k : k;
        if (r % 2 == 0 && a) { /* A += F(B) */
            uint64_t f = prf(key, tweak, tl, r, B) % ma;
            A = inverse ? (A + ma - f) % ma : (A + f) % ma;
        } else if (r % 2 == 1) { /* B += F(A) */
            uint64_t f = prf(key, tweak, tl, r, A) % mb;
            B = inverse ? (B + mb - f) % mb : (B + f) % mb;
        }
    }
    for (size_t i = n; i-- > a;) {
        digits[i] = (unsigned char)(B % radix);
        B /= radix;
    }
    for (size_t i = a; i-- > 0;) {
        digits[i] = (unsigned char)(A % radix);
        A /= radix;
    }
}

/* digits as one number: += delta (+1 or -1) modulo radix^n */
static void step(unsigned char *digits, size_t n, unsigned radix, int delta)
{
    for (size_t i = n; i-- > 0;) {
        int d = digits[i] + delta;
        if (d >= 0 && d < (int)radix) {
            digits[i] = (unsigned char)d;
            return;
        }
        digits[i] = (unsigned char)(delta > 0 ? 0 : radix - 1);
    }
}

static void permute_plain(const unsigned char *key, const char *tweak,
                          unsigned radix, unsigned char *digits, size_t n,
                          bool inverse);

/* A keyed permutation without fixed points: P(x) = F(F^-1(x) + 1). The
 * shift by one has no fixed point, and conjugating keeps it so, so a
 * pseudonym always differs from its original (with only 1000 ID
 * sequences, a plain permutation would keep one in a thousand). */
void fpe_permute(const unsigned char *key, const char *tweak, unsigned radix,
                 unsigned char *digits, size_t n, bool inverse)
{
    size_t head = n < 24 ? n : 24; /* the first chunk: enough to differ */
    permute_plain(key, tweak, radix, digits, head, true);
    step(digits, head, radix, inverse ? -1 : 1);
    permute_plain(key, tweak, radix, digits, head, false);
    if (n > head)
        permute_plain(key, tweak, radix, digits + head, n - head, inverse);
}

static void permute_plain(const unsigned char *key, const char *tweak,
                          unsigned radix, unsigned char *digits, size_t n,
                          bool inverse)
{
    char tw[160];
    /* Long strings go in chunks; each chunk's tweak names its index. */
    for (size_t off = 0, chunk = 0; off < n; off += 2 * MAX_HALF, chunk++) {
        size_t len = n - off < 2 * MAX_HALF ? n - off : 2 * MAX_HALF;
        int tl = snprintf(tw, sizeof tw, "%s/%u/%zu/%zu", tweak, radix, chunk,
                          len);
        if (len >= 2)
            feistel(key, tw, (size_t)tl, radix, digits + off, len, inverse);
        else if (len == 1) { /* one digit: a keyed rotation */
            unsigned s = (unsigned)(prf(key, tw, (size_t)tl, 0, 0) % radix);
            digits[off] = (unsigned char)((digits[off] + (inverse ? radix - s : s)) % radix);
        }
    }
}

/* Crypto-PAn style prefix-preserving map of an address (bits msb first):
 * output bit i = input bit i XOR PRF(input bits before i), so addresses
 * sharing a k-bit prefix map to addresses sharing a k-bit prefix. */
/* Whether the first i bits of an IPv4 address's first octet lead to 0 or
 * to 127 (the prefixes of 00000000 and 01111111). No bit flips on these
 * paths, so 0/8 and 127/8 (no host's addresses, never found as IPV4) map
 * to themselves and every host's address to another host's: pseudonyms
 * stay valid addresses, and the map stays prefix-preserving. */
static bool v4_fixed_path(unsigned first, size_t i)
{
    return i == 0 || (first >> (8 - i)) == 0 ||
           (first >> (8 - i)) == (0x7Fu >> (8 - i));
}

/* Whether the first i bits of the last octet are all ones: no flips on
 * the path to 255, so x.x.x.255 maps to x'.x'.x'.255 and no host's address
 * becomes one that ends in 255. */
static bool ones_path(unsigned last, size_t i)
{
    return i == 0 || (last >> (8 - i)) == (0xFFu >> (8 - i));
}

void fpe_prefix_preserve(const unsigned char *key, unsigned char *addr,
                         size_t nbytes, bool inverse)
{
    unsigned char orig[16] = {0}, prefix[17];
    size_t nbits = nbytes * 8;
    for (size_t i = 0; i < nbits; i++) {
        memset(prefix, 0, sizeof prefix);
        /* prefix: the original bits before i (decoded so far when
         * inverting) */
        memcpy(prefix, orig, nbytes);
        prefix[16] = (unsigned char)i;
        unsigned char h[1];
        crypto_generichash(h, 1, prefix, sizeof prefix, key, KEY_BYTES);
        unsigned flip = h[0] & 1;
        if (nbytes == 4 && ((i < 8 && v4_fixed_path(orig[0], i)) ||
                            (i >= 24 && ones_path(orig[3], i - 24))))
            flip = 0;
        unsigned bit = (addr[i / 8] >> (7 - i % 8)) & 1;
        unsigned ob = inverse ? bit ^ flip : bit; /* the original bit */
        orig[i / 8] |= (unsigned char)(ob << (7 - i % 8));
        unsigned nb = bit ^ flip;
        addr[i / 8] = (unsigned char)((addr[i / 8] & ~(1u << (7 - i % 8))) |
                                      (nb << (7 - i % 8)));
    }
}
