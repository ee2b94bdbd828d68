/* transform/fpe.h — keyed, reversible, format-preserving permutations:
 * of digit strings (pseudo) and of addresses, prefix-preserving. */
#ifndef SCRUB_TRANSFORM_FPE_H
#define SCRUB_TRANSFORM_FPE_H

#include "common/api.h"

/* Permute digits[0..n) (values < radix) under key and tweak; inverse
 * undoes it. */
HIDDEN void fpe_permute(const unsigned char *key, const char *tweak,
                        unsigned radix, unsigned char *digits, size_t n,
                        bool inverse);
/* Crypto-PAn style: addresses sharing a k-bit prefix map to addresses
 * sharing a k-bit prefix (nbytes 4 or 16). */
HIDDEN void fpe_prefix_preserve(const unsigned char *key, unsigned char *addr,
                                size_t nbytes, bool inverse);

#endif
