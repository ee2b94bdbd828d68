/* scan/classify.h — the native matcher's first pass: each 64-byte chunk
 * of a block as bit masks of the byte classes its triggers look for
 * (simdjson's idea: classify the whole block with SIMD, then do scalar
 * work only at the few interesting positions). The kernel is chosen once
 * per process for the CPU: AVX-512BW, AVX2, or portable C. */
#ifndef SCRUB_SCAN_CLASSIFY_H
#define SCRUB_SCAN_CLASSIFY_H

#include "common/api.h"

/* Bit i is byte i of the chunk. */
typedef struct nat_masks {
    uint64_t digit; /* 0-9 */
    uint64_t word;  /* 0-9 A-Z a-z _ */
    uint64_t sep;   /* : = > % and 0xEF (a key's separator may start) */
    uint64_t colon; /* : */
    uint64_t hex;   /* 0-9 A-F a-f */
    uint64_t upper; /* A-Z */
    uint64_t mac;   /* : - . (between a MAC's groups) */
    uint64_t space; /* ' ' */
    uint64_t at;    /* @ and \ (an email's @, or the \ of \u0040) */
} nat_masks;

/* The masks of p[0..n), n <= 64 (bytes past n are not classified). */
HIDDEN void nat_classify(const char *p, size_t n, nat_masks *m);
/* The kernel in use: "avx512", "avx2" or "scalar" (for bench and tests);
 * nat_classify_with() runs one by name (tests compare them). */
HIDDEN const char *nat_kernel_name(void);
HIDDEN bool nat_classify_with(const char *kernel, const char *p, size_t n,
                              nat_masks *m);

#endif
