/* common/keyfile.c — key files: raw random bytes or the text format of
 * --keygen.
 *
 * Text format (written by scrub_keyfile_generate):
 *   # scrub key file v1
 *   id=kabcd
 *   created=2026-11-29T06:49:16Z
 *   secret=<64 hex digits>
 * Any other file of 32 or more bytes is a raw key: its bytes are hashed
 * into the 32-byte secret. Either way the id is derived from the secret,
 * so every host holding the same key makes the same tokens. */
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "common/buf.h"
#include "common/keyring.h"
#include "common/token.h"

#define KEYFILE_MAGIC "# scrub key file v1\n"

static void derive_id(const unsigned char key[KEY_BYTES], char id[16])
{
    unsigned char h[8];
    static const char label[] = "scrub key id v1";
    crypto_generichash(h, sizeof h, (const unsigned char *)label,
                       sizeof label - 1, key, KEY_BYTES);
    id[0] = 'k';
    tok_base26(h, sizeof h, id + 1, 4);
    id[5] = '\0';
}

static int parse_hex_secret(const char *s, size_t n, unsigned char *out)
{
    size_t bin_len = 0;
    if (sodium_hex2bin(out, KEY_BYTES, s, n, NULL, &bin_len, NULL) != 0 ||
        bin_len != KEY_BYTES)
        return -1;
    return 0;
}

/* An explicit id must be lower-case letters, like derived ones, so that
 * tokens stay free of digits. */
static bool id_ok(const char *s, size_t n)
{
    if (n < 2 || n > 15)
        return false;
    for (size_t i = 0; i < n; i++)
        if (s[i] < 'a' || s[i] > 'z')
            return false;
    return true;
}

static int parse_text_key(const char *t, size_t len,
                          unsigned char out[KEY_BYTES], char id[16],
                          char *err, size_t errlen)
{
    const char *end = t + len;
    bool have = false;
    for (const char *p = t; p < end;) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *le = nl ? nl : end;
        if ((size_t)(le - p) > 7 && memcmp(p, "secret=", 7) == 0) {
            if (parse_hex_secret(p + 7, (size_t)(le - p - 7), out))
                return set_err(err, errlen, SCRUB_E_KEY,
                               "key file: secret is not 64 hex digits");
            have = true;
        } else if ((size_t)(le - p) > 3 && memcmp(p, "id=", 3) == 0) {
            if (!id_ok(p + 3, (size_t)(le - p - 3)))
                return set_err(err, errlen, SCRUB_E_KEY,
                               "key file: id must be 2-15 letters a-z");
            memcpy(id, p + 3, (size_t)(le - p - 3));
            id[le - p - 3] = '\0';
        }
        p = nl ? nl + 1 : end;
    }
    if (!have)
        return set_err(err, errlen, SCRUB_E_KEY,
                       "key file: no secret= line");
    return SCRUB_OK;
}

int kr_derive(const unsigned char *file, size_t len,
               unsigned char out[KEY_BYTES], char id[16], char *err,
               size_t errlen)
{
    size_t mlen = sizeof KEYFILE_MAGIC - 1;
    if (len >= mlen && memcmp(file, KEYFILE_MAGIC, mlen) == 0) {
        id[0] = '\0';
        int rc = parse_text_key((const char *)file, len, out, id, err, errlen);
        if (rc)
            return rc;
        if (id[0])
            return SCRUB_OK;
    } else {
        if (len < KEY_BYTES)
            return set_err(err, errlen, SCRUB_E_KEY,
                           "key file too short: need 32 or more bytes");
        static const char label[] = "scrub raw key v1";
        crypto_generichash_state st;
        crypto_generichash_init(&st, NULL, 0, KEY_BYTES);
        crypto_generichash_update(&st, (const unsigned char *)label,
                                  sizeof label - 1);
        crypto_generichash_update(&st, file, len);
        crypto_generichash_final(&st, out, KEY_BYTES);
        sodium_memzero(&st, sizeof st);
    }
    derive_id(out, id);
    return SCRUB_OK;
}

size_t scrub_keyfile_generate(char *buf, size_t buflen, int64_t created)
{
    unsigned char secret[KEY_BYTES];
    char hex[2 * KEY_BYTES + 1], id[16], when[32];
    time_t t = (time_t)created;
    struct tm tm;
    if (sodium_init() < 0)
        return 0;
    randombytes_buf(secret, sizeof secret);
    derive_id(secret, id);
    sodium_bin2hex(hex, sizeof hex, secret, sizeof secret);
    if (!gmtime_r(&t, &tm) ||
        !strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm))
        when[0] = '\0';
    int n = snprintf(buf, buflen, "%sid=%s\ncreated=%s\nsecret=%s\n",
                     KEYFILE_MAGIC, id, when, hex);
    sodium_memzero(secret, sizeof secret);
    sodium_memzero(hex, sizeof hex);
    if (n < 0 || (size_t)n >= buflen) {
        sodium_memzero(buf, buflen);
        return 0;
    }
    return (size_t)n;
}
