/* transform/hash.c — hash tokens: a keyed BLAKE2b of the type and the
 * value's canonical form, TYPE_kid_<18 letters>. The keyring's state has
 * the key block compressed already (common/blake2b.h), so a short value
 * costs one compression; the digest is the one libsodium's keyed
 * crypto_generichash gives, and tokens are those of every earlier
 * version. */
#include <sodium.h>
#include <string.h>

#include "common/token.h"
#include "transform/transform.h"

int xf_hash(const xform *x, const xf_type *t, const char *v, size_t n,
            sbuf *out)
{
    char canon[1024];
    unsigned char d[TOK_DIGEST_BYTES];
    size_t cn = xf_canonical(t, v, n, canon, sizeof canon);
    b2_state st;
    kr_hash_start(x->kr, &st);
    /* the type name and its NUL: never empty, as the key-ahead state
     * needs (b2_final wipes the state) */
    b2_update(&st, t->name, strlen(t->name) + 1);
    b2_update(&st, canon, cn);
    b2_final(&st, d);
    sodium_memzero(canon, sizeof canon);
    return tok_put_hash(out, t->name, kr_id(x->kr), d);
}
