/* transform/encrypt.c — reversible tokens, and --reveal's way back.
 *
 * Deterministic authenticated encryption, SIV style: the nonce is a keyed
 * hash of the value, so one value gives one token, and the tag
 * authenticates type and key id. TYPE_kid_x<letters of siv || ciphertext
 * || tag> (common/token.c writes and reads the letters). */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/token.h"
#include "transform/transform.h"

#define SIV_BYTES 16
#define TAG_BYTES 16
#define MAX_PLAIN LONG_VALUE /* longer values get hash tokens (documented) */

static void siv_of(const unsigned char *sub, const char *type,
                   const char *kid, const char *v, size_t n,
                   unsigned char siv[SIV_BYTES])
{
    crypto_generichash_state st;
    crypto_generichash_init(&st, sub + SUBKEY_SIV * KEY_BYTES, KEY_BYTES,
                            SIV_BYTES);
    crypto_generichash_update(&st, (const unsigned char *)type,
                              strlen(type) + 1);
    crypto_generichash_update(&st, (const unsigned char *)kid,
                              strlen(kid) + 1);
    crypto_generichash_update(&st, (const unsigned char *)v, n);
    crypto_generichash_final(&st, siv, SIV_BYTES);
}

static size_t aad_of(const char *type, const char *kid, char *aad, size_t cap)
{
    int w = snprintf(aad, cap, "%s/%s", type, kid);
    return w > 0 ? (size_t)w : 0;
}

int xf_encrypt(const xform *x, const xf_type *t, const char *v, size_t n,
               sbuf *out)
{
    if (n > MAX_PLAIN)
        return xf_hash(x, t, v, n, out);
    const unsigned char *sub = kr_subkeys(x->kr);
    const char *kid = kr_id(x->kr);
    unsigned char nonce[24] = {0};
    unsigned char *buf = malloc(SIV_BYTES + n + TAG_BYTES);
    char aad[96];
    unsigned long long clen;
    if (!buf)
        return SCRUB_E_NOMEM;
    siv_of(sub, t->name, kid, v, n, buf);
    memcpy(nonce, buf, SIV_BYTES);
    size_t alen = aad_of(t->name, kid, aad, sizeof aad);
    crypto_aead_xchacha20poly1305_ietf_encrypt(
        buf + SIV_BYTES, &clen, (const unsigned char *)v, n,
        (const unsigned char *)aad, alen, NULL, nonce,
        sub + SUBKEY_ENC * KEY_BYTES);
    int rc = tok_put_encrypt(out, t->name, kid, buf, SIV_BYTES + (size_t)clen);
    free(buf);
    return rc;
}

/* Decrypt a token body of nb bytes (SIV, ciphertext, tag) made under
 * subkeys sub for type and key id; the plaintext goes to out. */
static bool open_body(const unsigned char *sub, const char *type,
                      const char *id, const unsigned char *buf, size_t nb,
                      sbuf *out)
{
    unsigned char *plain = malloc(nb);
    unsigned char nonce[24] = {0}, siv[SIV_BYTES];
    char aad[96];
    unsigned long long plen;
    bool ok = false;
    if (!plain)
        return false;
    memcpy(nonce, buf, SIV_BYTES);
    size_t alen = aad_of(type, id, aad, sizeof aad);
    if (crypto_aead_xchacha20poly1305_ietf_decrypt(
            plain, &plen, NULL, buf + SIV_BYTES, nb - SIV_BYTES,
            (const unsigned char *)aad, alen, nonce,
            sub + SUBKEY_ENC * KEY_BYTES) == 0) {
        siv_of(sub, type, id, (const char *)plain, (size_t)plen, siv);
        ok = sodium_memcmp(siv, buf, SIV_BYTES) == 0 &&
             sbuf_put(out, plain, (size_t)plen) == SCRUB_OK;
    }
    sodium_memzero(plain, nb);
    free(plain);
    return ok;
}

/* A token may be glued to the text before it (IDPHONE_..., when the value
 * touched upper-case text): the type is authenticated, so each upper-case
 * start of the type is tried, and the bytes before the one that opens are
 * kept. */
static bool open_any_type(const unsigned char *sub, const char *t,
                          const tok_parts *p, const char *id,
                          const unsigned char *body, size_t nb, sbuf *out)
{
    char type[64];
    for (size_t off = 0; off < p->type_len && p->type_len - off < sizeof type;
         off++) {
        if (!(t[off] >= 'A' && t[off] <= 'Z'))
            continue;
        memcpy(type, t + off, p->type_len - off);
        type[p->type_len - off] = '\0';
        size_t p0 = out->len;
        if (sbuf_put(out, t, off) == SCRUB_OK &&
            open_body(sub, type, id, body, nb, out))
            return true;
        out->len = p0;
    }
    return false;
}

static bool reveal_exact(const keyring *kr, const char *t, size_t n,
                         sbuf *out)
{
    tok_parts p;
    if (!tok_split_encrypt(t, n, &p))
        return false;
    size_t nb = p.body_len / 2;
    if (p.body_len % 2 || nb < SIV_BYTES + TAG_BYTES ||
        nb > SIV_BYTES + TAG_BYTES + MAX_PLAIN)
        return false;
    char id[KEY_ID_MAX];
    memcpy(id, p.kid, p.kid_len);
    id[p.kid_len] = '\0';
    const unsigned char *sub = kr_subkeys_for(kr, id);
    unsigned char *body = sub ? malloc(nb) : NULL;
    bool ok = body && tok_decode_letters(p.body, nb, body) &&
              open_any_type(sub, t, &p, id, body, nb, out);
    free(body);
    return ok;
}

/* A token glued to lower-case text after it (rv:<token>pre): its letters
 * a-p and the text's run together, so shorter ends are tried as well;
 * the bytes after the one that opens are kept. */
bool xf_reveal(const keyring *kr, const char *t, size_t n, sbuf *out)
{
    if (!kr) /* an engine without keys opens no token */
        return false;
    for (size_t m = n; m > 0 && n - m <= 8; m--) {
        size_t p0 = out->len;
        if (reveal_exact(kr, t, m, out) &&
            sbuf_put(out, t + m, n - m) == SCRUB_OK)
            return true;
        out->len = p0;
        if (!(t[m - 1] >= 'a' && t[m - 1] <= 'p'))
            break;
    }
    return false;
}
