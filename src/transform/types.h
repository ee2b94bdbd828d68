/* transform/types.h — the per-type functions the type table (types.c)
 * names: canonical forms (canon.c), masks (mask.c), pseudonyms
 * (pseudo.c, netaddr.c) and coarser forms (coarsen.c, netaddr.c). */
#ifndef SCRUB_TRANSFORM_TYPES_H
#define SCRUB_TRANSFORM_TYPES_H

#include "transform/transform.h"

HIDDEN size_t canon_phone(const char *v, size_t n, char *out, size_t cap);
HIDDEN size_t canon_card(const char *v, size_t n, char *out, size_t cap);
HIDDEN size_t canon_digits(const char *v, size_t n, char *out, size_t cap);
HIDDEN size_t canon_hex(const char *v, size_t n, char *out, size_t cap);
HIDDEN size_t canon_lower(const char *v, size_t n, char *out, size_t cap);
HIDDEN size_t canon_cn_id(const char *v, size_t n, char *out, size_t cap);
HIDDEN size_t canon_email(const char *v, size_t n, char *out, size_t cap);
HIDDEN size_t canon_ipv4(const char *v, size_t n, char *out, size_t cap);
HIDDEN size_t canon_ipv6(const char *v, size_t n, char *out, size_t cap);

HIDDEN int mask_phone(const char *v, size_t n, sbuf *out);
HIDDEN int mask_email(const char *v, size_t n, sbuf *out);
HIDDEN int mask_ipv4(const char *v, size_t n, sbuf *out);
HIDDEN int mask_ipv6(const char *v, size_t n, sbuf *out);
HIDDEN int mask_geo(const char *v, size_t n, sbuf *out);
HIDDEN int mask_cn_id(const char *v, size_t n, sbuf *out);
HIDDEN int mask_card(const char *v, size_t n, sbuf *out);
HIDDEN int mask_imei(const char *v, size_t n, sbuf *out);
HIDDEN int mask_mac(const char *v, size_t n, sbuf *out);
HIDDEN int mask_imsi(const char *v, size_t n, sbuf *out);
HIDDEN int mask_iccid(const char *v, size_t n, sbuf *out);
HIDDEN int mask_meid(const char *v, size_t n, sbuf *out);
HIDDEN int mask_secret(const char *v, size_t n, sbuf *out);
HIDDEN int mask_name(const char *v, size_t n, sbuf *out);
HIDDEN int mask_address(const char *v, size_t n, sbuf *out);

#define PSEUDO_DECL(fn)                                                      \
    HIDDEN void fn(const unsigned char *fpe_key, const char *type, char *w,  \
                   size_t n, bool inverse);
PSEUDO_DECL(pseudo_phone)
PSEUDO_DECL(pseudo_cn_id)
PSEUDO_DECL(pseudo_card)
PSEUDO_DECL(pseudo_imei)
PSEUDO_DECL(pseudo_imsi)
PSEUDO_DECL(pseudo_iccid)
PSEUDO_DECL(pseudo_mac)
PSEUDO_DECL(pseudo_meid)
PSEUDO_DECL(pseudo_device_id)
PSEUDO_DECL(pseudo_email)
#undef PSEUDO_DECL
HIDDEN int pseudo_ip(const xform *x, const xf_type *t, const char *v,
                     size_t n, bool inverse, sbuf *out);
HIDDEN int pseudo_geo(const xform *x, const xf_type *t, const char *v,
                      size_t n, bool inverse, sbuf *out);

HIDDEN int coarsen_geo(const xform *x, const xf_type *t, const char *v,
                       size_t n, sbuf *out);
HIDDEN int coarsen_ip(const xform *x, const xf_type *t, const char *v,
                      size_t n, sbuf *out);

#endif
