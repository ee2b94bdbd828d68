/* rules/builtin.h — what the build embeds in the library (tools/embed.c
 * writes it from patterns/ and from what tools/mkdb works out). */
#ifndef SCRUB_RULES_BUILTIN_H
#define SCRUB_RULES_BUILTIN_H

#include "common/api.h"

/* The built-in rule files, as text. */
typedef struct builtin_file {
    const char *name;
    const char *text;
    size_t len;
} builtin_file;
extern const builtin_file scrub_builtin_files[];
extern const size_t scrub_builtin_file_count;

/* The built-in rules' Hyperscan database, compiled and serialised at build
 * time (empty in the first build stage), and the signature of the
 * patterns it was built from (engine/hsdb.c). */
extern const unsigned char scrub_builtin_hsdb[];
extern const size_t scrub_builtin_hsdb_len;
extern const uint64_t scrub_builtin_hsdb_sig;
/* ...and the database of the default matcher: the built-in rules but
 * those on the native path (engine/native.h). */
extern const unsigned char scrub_builtin_hsdb_nat[];
extern const size_t scrub_builtin_hsdb_nat_len;
extern const uint64_t scrub_builtin_hsdb_nat_sig;

/* What start-up learns about each built-in rule (Hyperscan's probe of the
 * pattern, the right guard as a bit set), worked out by mkdb at build time
 * (none in the first build stage). Used for rule i of an unchanged
 * built-in set when `hash` matches rule_probe_hash() of it
 * (engine/probe.c). */
typedef struct builtin_probe {
    uint64_t hash;
    uint32_t window, fixed_width;
    uint8_t on_hs, right_is_set, right_bad_at_end;
    uint8_t right_bad[32];
} builtin_probe;
extern const builtin_probe scrub_builtin_probe[];
extern const size_t scrub_builtin_probe_count;

#endif
