/* common/keyring.c — the current and retired keys' subkeys, in guarded
 * memory. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/keyring.h"
#include "common/token.h"

struct keyring {
    char id[KEY_ID_MAX];
    unsigned char *subkeys;          /* sodium_malloc'd: SUBKEY_COUNT keys */
    b2_state *hash;                  /* sodium_malloc'd: key block absorbed */
    unsigned char *retired_subkeys;  /* n * SUBKEY_COUNT keys */
    char (*retired_ids)[KEY_ID_MAX];
    size_t nretired;
};

/* The subkeys of one key: keyed BLAKE2b of fixed labels. */
static void derive_subkeys(const unsigned char key[KEY_BYTES],
                           unsigned char *sub)
{
    static const char *const labels[SUBKEY_COUNT] = {"scrub fpe v1",
                                                     "scrub enc v1",
                                                     "scrub siv v1"};
    for (int i = 0; i < SUBKEY_COUNT; i++)
        crypto_generichash(sub + i * KEY_BYTES, KEY_BYTES,
                           (const unsigned char *)labels[i], strlen(labels[i]),
                           key, KEY_BYTES);
}

static int add_retired(keyring *kr, const unsigned char *retired,
                       const char (*ids)[KEY_ID_MAX], size_t n)
{
    kr->retired_subkeys = sodium_malloc(n * SUBKEY_COUNT * KEY_BYTES);
    kr->retired_ids = calloc(n, sizeof *kr->retired_ids);
    if (!kr->retired_subkeys || !kr->retired_ids)
        return SCRUB_E_NOMEM;
    for (size_t i = 0; i < n; i++) {
        derive_subkeys(retired + i * KEY_BYTES,
                       kr->retired_subkeys + i * SUBKEY_COUNT * KEY_BYTES);
        memcpy(kr->retired_ids[i], ids[i], KEY_ID_MAX);
    }
    kr->nretired = n;
    sodium_mprotect_readonly(kr->retired_subkeys);
    return SCRUB_OK;
}

keyring *kr_new(const unsigned char *key, const char *id,
                const unsigned char *retired,
                const char (*retired_ids)[KEY_ID_MAX], size_t n)
{
    keyring *kr = calloc(1, sizeof *kr);
    if (!kr)
        return NULL;
    snprintf(kr->id, sizeof kr->id, "%s", id);
    kr->subkeys = sodium_malloc(SUBKEY_COUNT * KEY_BYTES);
    kr->hash = sodium_malloc(sizeof *kr->hash);
    if (!kr->subkeys || !kr->hash ||
        (n && add_retired(kr, retired, retired_ids, n))) {
        kr_free(kr);
        return NULL;
    }
    derive_subkeys(key, kr->subkeys);
    sodium_mprotect_readonly(kr->subkeys);
    b2_init_key_ahead(kr->hash, TOK_DIGEST_BYTES, key, KEY_BYTES);
    sodium_mprotect_readonly(kr->hash);
    return kr;
}

void kr_free(keyring *kr)
{
    if (!kr)
        return;
    if (kr->subkeys)
        sodium_free(kr->subkeys); /* wipes before unmapping */
    if (kr->hash)
        sodium_free(kr->hash); /* a chain value of the key: wiped too */
    if (kr->retired_subkeys)
        sodium_free(kr->retired_subkeys);
    free(kr->retired_ids);
    free(kr);
}

const char *kr_id(const keyring *kr) { return kr->id; }

const unsigned char *kr_subkeys(const keyring *kr) { return kr->subkeys; }

const unsigned char *kr_subkeys_for(const keyring *kr, const char *id)
{
    if (!strcmp(kr->id, id))
        return kr->subkeys;
    for (size_t i = 0; i < kr->nretired; i++)
        if (!strcmp(kr->retired_ids[i], id))
            return kr->retired_subkeys + i * SUBKEY_COUNT * KEY_BYTES;
    return NULL;
}

void kr_hash_start(const keyring *kr, b2_state *st)
{
    memcpy(st, kr->hash, sizeof *st);
}
