/* transform/allow.h — allow-lists: values and address ranges that are
 * never scrubbed (internal service addresses, published test numbers).
 * They are still reported, with action keep. */
#ifndef SCRUB_TRANSFORM_ALLOW_H
#define SCRUB_TRANSFORM_ALLOW_H

#include "transform/transform.h"

typedef struct allow_list allow_list;
HIDDEN allow_list *allow_new(void);
HIDDEN void allow_free(allow_list *a); /* NULL is fine */
HIDDEN allow_list *allow_copy(const allow_list *a);
/* A value, compared in its type's canonical form. */
HIDDEN int allow_add_value(allow_list *a, const char *v);
/* An address or a CIDR range (10.0.0.0/8, fd00::/8). */
HIDDEN int allow_add_cidr(allow_list *a, const char *spec);
HIDDEN bool allow_match(const allow_list *a, const xf_type *t, const char *v,
                        size_t n);

#endif
