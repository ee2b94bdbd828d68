/* scan/value.h — the value reader (value.c): the free-text value after a
 * key, for key rules whose pattern ends at the key, and for the stream
 * when such a value runs on past a part of a long line. */
#ifndef SCRUB_SCAN_VALUE_H
#define SCRUB_SCAN_VALUE_H

#include "common/api.h"

/* How a value was opened: kind 0 (bare), 'q' (bare in a URL query: to a
 * literal delimiter), '"' or '\'' (level: JSON escape depth), '%' (%22;
 * level 1: %2522), 'u' (\u0022), 'x' (\x22), '>' (<v>) or '<' (XML
 * element text). */
typedef struct vquote {
    char kind;
    unsigned char level;
} vquote;

/* Where the delimiter-free run starting in [lo, hi) ends: hi. Reused by
 * the keys of one run (optional). */
typedef struct run_cache {
    size_t lo, hi;
} run_cache;

/* The free-text value that starts at pos (after a key and separator):
 * up to the closing quote when quoted, else up to a delimiter. */
HIDDEN bool value_extract(const char *buf, size_t len, size_t pos,
                          size_t *vs, size_t *ve, run_cache *rc);
/* How the value value_extract() found at vs was opened. */
HIDDEN vquote value_quote(const char *buf, size_t vs);
/* Where a free-text value that began in an earlier part of a long line
 * ends in buf[pos..len); *open when it runs on past len. */
HIDDEN size_t value_continue(const char *buf, size_t len, size_t pos,
                             vquote q, bool *open);
/* Where the reader of a value open at the end of buf[..to), reading from
 * pos, can resume with the next part: VALUE_LOOKBACK bytes before the end
 * (a multi-byte delimiter or closing quote may be cut by it), moved back
 * to the start of a run of backslashes. */
#define VALUE_LOOKBACK 8
HIDDEN size_t value_resume(const char *buf, size_t to, size_t pos);

#endif
