/* transform/hash.c — hash tokens: a keyed BLAKE2b of the type and the
 * value's canonical form, TYPE_kid_<18 letters>. */
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
    crypto_generichash_state st;
    kr_hash_start(x->kr, &st);
    crypto_generichash_update(&st, (const unsigned char *)t->name,
                              strlen(t->name) + 1);
    crypto_generichash_update(&st, (const unsigned char *)canon, cn);
    crypto_generichash_final(&st, d, sizeof d);
    sodium_memzero(&st, sizeof st);
    sodium_memzero(canon, sizeof canon);
    return tok_put_hash(out, t->name, kr_id(x->kr), d);
}
