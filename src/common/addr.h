/* common/addr.h — the one parser of IP address text, for validators,
 * allow-lists, pseudonyms and coarsening. */
#ifndef SCRUB_COMMON_ADDR_H
#define SCRUB_COMMON_ADDR_H

#include "common/api.h"

/* Four octets 0..255 separated by '.', or by '-' in a cloud host name
 * (ip-10-1-2-3): the same separator throughout; leading zeros allowed. */
HIDDEN bool addr_v4_octets(const char *s, size_t n, unsigned o[4]);

/* The address in s[0..n) as bytes: an IPv4 quad (as addr_v4_octets)
 * into 4, or IPv6 text into 16 (a %zone after it ends it: *zone_at is
 * where, n without one). Returns 4 or 6, or 0 when it does not parse.
 * want: 4 or 6 to accept only that family, 0 for either. */
HIDDEN int addr_parse(const char *s, size_t n, int want, unsigned char out[16],
                      size_t *zone_at);

#endif
