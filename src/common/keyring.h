/* common/keyring.h — key files and the keys derived from them: the
 * current key (tokens are made under it) and retired keys (--reveal
 * still opens their tokens). Key material lives in locked, guarded memory
 * (libsodium) and is wiped on release. */
#ifndef SCRUB_COMMON_KEYRING_H
#define SCRUB_COMMON_KEYRING_H

#include <sodium.h>

#include "common/api.h"
#include "common/blake2b.h"

#define KEY_BYTES 32
#define KEY_ID_MAX 16
/* Per key: the format-preserving permutation's, the encryption's and the
 * synthetic IV's key, in that order. */
#define SUBKEY_COUNT 3
#define SUBKEY_FPE 0
#define SUBKEY_ENC 1
#define SUBKEY_SIV 2

/* A key file's 32-byte secret and its id (keyfile.c): the text format of
 * --keygen, or any file of 32 or more raw bytes. */
HIDDEN int kr_derive(const unsigned char *file, size_t len,
                     unsigned char out[KEY_BYTES], char id[KEY_ID_MAX],
                     char *err, size_t errlen);

typedef struct keyring keyring;
/* A keyring of key[KEY_BYTES] with id, and n retired keys (KEY_BYTES
 * each, with their ids); NULL when memory runs out. */
HIDDEN keyring *kr_new(const unsigned char *key, const char *id,
                       const unsigned char *retired,
                       const char (*retired_ids)[KEY_ID_MAX], size_t n);
HIDDEN void kr_free(keyring *kr); /* wipes; NULL is fine */
HIDDEN const char *kr_id(const keyring *kr);
/* The subkeys of the current key, or of the key with this id (current
 * or retired); NULL when none has it. */
HIDDEN const unsigned char *kr_subkeys(const keyring *kr);
HIDDEN const unsigned char *kr_subkeys_for(const keyring *kr, const char *id);
/* The hash tokens' keyed BLAKE2b state (TOK_DIGEST_BYTES) of the current
 * key, its key block compressed once in kr_new: each token copies it and
 * absorbs at least one byte (its type name), one compression in all for
 * a short value instead of two. */
HIDDEN void kr_hash_start(const keyring *kr, b2_state *st);

#endif
