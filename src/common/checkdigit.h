/* common/checkdigit.h — the check digits and dates of the formats scrub
 * knows, in one place: validators check them, pseudonyms recompute them. */
#ifndef SCRUB_COMMON_CHECKDIGIT_H
#define SCRUB_COMMON_CHECKDIGIT_H

#include "common/api.h"

/* Luhn (ISO/IEC 7812-1) over digit values d[0..n): whether the last is
 * the check digit of those before it; n >= 2. */
HIDDEN bool ck_luhn_ok(const unsigned char *d, size_t n);
/* The Luhn check digit that would follow d[0..n). */
HIDDEN unsigned ck_luhn_digit(const unsigned char *d, size_t n);
/* ISO 7064 MOD 11-2 check character over the first 17 digits (GB 11643). */
HIDDEN char ck_cn_id_char(const char *first17);
/* A calendar date of 1900-2099. */
HIDDEN bool ck_date_ok(int y, int m, int d);
/* ISO 13616 (IBAN) remainder modulo 97 of s[0..n) read with A=10..Z=35,
 * upper case; starting from rem. */
HIDDEN unsigned ck_mod97(unsigned rem, const char *s, size_t n);

#endif
