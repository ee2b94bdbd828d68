/* transform/transform.h — what a finding becomes: the table of actions
 * (hash, mask, redact, keep, pseudo, encrypt, coarsen) and the table of
 * types (each type's canonical form, mask, pseudonym and coarser form).
 * Adding an action is one row in action.c and its function; a type's own
 * mask or pseudonym, one row in types.c and its function. */
#ifndef SCRUB_TRANSFORM_H
#define SCRUB_TRANSFORM_H

#include "common/buf.h"
#include "common/keyring.h"

/* A value longer than this (a free-text value: typed ones are shorter) is
 * judged by its first LONG_VALUE bytes and replaced by what needs no more
 * than them, so that a value crossing the parts of a long line is
 * replaced as if the line were whole. */
#define LONG_VALUE 4096

/* What the actions need from the engine: the keys (NULL without one) and
 * the coarsening precision. */
typedef struct xform {
    const keyring *kr;
    int geo_decimals;
    unsigned ipv4_prefix, ipv6_prefix;
} xform;

typedef struct xf_type xf_type;
/* An action's form of one value: written to out. */
typedef int (*xf_form_fn)(const xform *x, const xf_type *t, const char *v,
                          size_t n, sbuf *out);

/* One row of the type table (types.c); unknown types (a config's own,
 * ORDER_ID) get the generic row. A NULL function means: bytes as they are
 * (canon), every character masked (mask), a hash token (pseudo: the type
 * has no format worth keeping), a mask (coarsen). */
typedef struct xf_shape {
    const char *name;
    int family; /* 4 or 6: an IP address (allow-list ranges); else 0 */
    size_t (*canon)(const char *v, size_t n, char *out, size_t cap);
    int (*mask)(const char *v, size_t n, sbuf *out);
    /* the pseudonym written over a copy w[0..n) of the value (digits
     * permuted, check digits computed again); inverse undoes it */
    void (*pseudo)(const unsigned char *fpe_key, const char *type, char *w,
                   size_t n, bool inverse);
    /* or a pseudonym written whole (addresses, coordinates: they are
     * read as written, full-width digits and all) */
    int (*pseudo_whole)(const xform *x, const xf_type *t, const char *v,
                        size_t n, bool inverse, sbuf *out);
    xf_form_fn coarsen;
    bool pseudo_coarse; /* the pseudonym is the coarse form, which may
                           equal the value (GEO) */
    bool mask_keeps;    /* a mask may leave a value as it was (GEO at two
                           decimals, a name's first character) */
    bool long_by_char;  /* a long value is masked by character (free
                           text), keeping its first long_keep ones */
    unsigned char long_keep;
} xf_shape;

/* A type of an engine: its name and its row. */
struct xf_type {
    const char *name;
    const xf_shape *shape;
};
HIDDEN const xf_shape *xf_shape_for(const char *type_name);

/* The action table (action.c). */
HIDDEN bool xf_action_needs_key(scrub_action a);
/* What value v[0..n) of type t becomes under action a. */
HIDDEN int xf_apply(const xform *x, const xf_type *t, scrub_action a,
                    const char *v, size_t n, sbuf *out);
/* What action a writes for v[0..n), a piece after the first of a value
 * longer than LONG_VALUE (the first went through xf_apply). */
HIDDEN int xf_apply_rest(const xf_type *t, scrub_action a, const char *v,
                         size_t n, sbuf *out);

/* The canonical form that makes one person one token however the value
 * was written (canon.c); its length in out. */
HIDDEN size_t xf_canonical(const xf_type *t, const char *v, size_t n,
                           char *out, size_t cap);
/* The actions' functions, for the table and for --reveal. */
HIDDEN int xf_hash(const xform *x, const xf_type *t, const char *v, size_t n,
                   sbuf *out);
HIDDEN int xf_mask(const xf_type *t, const char *v, size_t n, sbuf *out);
/* Every character masked (free text, long values). */
HIDDEN int xf_mask_chars(const char *v, size_t n, size_t keep, sbuf *out);
HIDDEN int xf_mask_generic(const char *v, size_t n, sbuf *out);
HIDDEN int xf_pseudo(const xform *x, const xf_type *t, const char *v,
                     size_t n, bool inverse, sbuf *out);
HIDDEN int xf_encrypt(const xform *x, const xf_type *t, const char *v,
                      size_t n, sbuf *out);
HIDDEN int xf_coarsen(const xform *x, const xf_type *t, const char *v,
                      size_t n, sbuf *out);
/* The original bytes of an encrypt token t[0..n) made under a key the
 * keyring holds; false (out untouched) when it is none of ours. */
HIDDEN bool xf_reveal(const keyring *kr, const char *t, size_t n, sbuf *out);

#endif
