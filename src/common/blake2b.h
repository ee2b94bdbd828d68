/* common/blake2b.h — BLAKE2b (RFC 7693), keyed or not, digests of 1 to 64
 * bytes; the same output as libsodium's crypto_generichash. It exists for
 * one thing libsodium cannot do: compress a key block once and reuse the
 * state. libsodium keeps the key block buffered until it knows more data
 * follows (an empty message must compress it as the last block), so every
 * hash token paid two compressions. b2_init_key_ahead() compresses it at
 * once for states that always get data, and a copy of that state hashes a
 * short message in one compression. Everything else uses libsodium. */
#ifndef SCRUB_COMMON_BLAKE2B_H
#define SCRUB_COMMON_BLAKE2B_H

#include "common/api.h"

#define B2_BLOCK_BYTES 128
#define B2_OUT_MAX 64
#define B2_KEY_MAX 64

/* Plain data: copy it with memcpy or assignment to hash many messages
 * from one start (a key absorbed, a common prefix). */
typedef struct b2_state {
    uint64_t h[8];  /* the chain value */
    uint64_t t[2];  /* bytes compressed so far, 128 bits */
    size_t buflen;  /* bytes of buf not compressed yet */
    size_t outlen;
    bool ahead;     /* the key block went ahead of any data (see below) */
    unsigned char buf[B2_BLOCK_BYTES];
} b2_state;

/* A state for a digest of outlen bytes (1..B2_OUT_MAX), keyed with
 * key[0..keylen) (keylen 0..B2_KEY_MAX; 0: unkeyed, key may be NULL).
 * -1 on a length out of range, else 0. */
HIDDEN int b2_init(b2_state *s, size_t outlen, const void *key,
                   size_t keylen);
/* b2_init with a key (keylen 1..B2_KEY_MAX), its block compressed now: for
 * states (and copies of them) that absorb at least one byte before
 * b2_final, which refuses one that got none. Wipes its copy of the key. */
HIDDEN int b2_init_key_ahead(b2_state *s, size_t outlen, const void *key,
                             size_t keylen);
HIDDEN void b2_update(b2_state *s, const void *in, size_t n);
/* The digest, s->outlen bytes, into out; then the state is wiped (it held
 * the message's last block). -1, with out untouched, for a key-ahead state
 * that absorbed nothing: its digest would need the key block again. */
HIDDEN int b2_final(b2_state *s, unsigned char *out);
/* The digest of in[0..n) in one call; -1 on a length out of range. */
HIDDEN int b2_hash(unsigned char *out, size_t outlen, const void *in,
                   size_t n, const void *key, size_t keylen);

#endif
