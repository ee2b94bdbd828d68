/* stream/ctx.h — the per-thread context (scrub_ctx): gathers input
 * into blocks of whole lines (stream.c), scans them (scan/) and emits
 * scrubbed text and findings in order (emit.c). */
#ifndef SCRUB_STREAM_CTX_H
#define SCRUB_STREAM_CTX_H

#include <string.h>

#include "scan/gbk.h"
#include "scan/scan.h"

#define DEFAULT_BLOCK (1u << 20)
/* A line longer than LONG_LINE is scrubbed in parts, in bounded memory:
 * the last PART_TAIL bytes of a part (longer than any match window) wait
 * for the next part, and PART_CONTEXT bytes before a part stay readable
 * for keys and boundary checks. A free-text value still open at the end
 * of a part (at least PART_TAIL - VALUE_LOOKBACK > LONG_VALUE bytes of it
 * are in the part) continues into the next one: its replacement goes out
 * with its first piece, which is all it needs (transform/action.c), and
 * its finding is reported when it closes. */
#define LONG_LINE (64u << 10)
#define PART_TAIL (16u << 10)
_Static_assert(PART_TAIL > MAX_WINDOW + 64, "a value fits in the tail");
_Static_assert(GBK_MAX_LINE <= LONG_LINE, "a line in parts is no GBK line");
_Static_assert(PART_TAIL - VALUE_LOOKBACK > LONG_VALUE,
               "an open value's head is whole");
#define PART_CONTEXT (4u << 10)

/* What a withheld line is written as (scan/withhold.c). */
#define STREAM_UNSCANNED "[UNSCANNED]"

struct scrub_ctx {
    const scrub_engine *eng;
    scan_state scan;
    scrub_matcher matcher;
    sbuf in;    /* bytes given; in.p[in_start..in.len) not yet scanned */
    size_t in_start;
    size_t ctx_len; /* bytes before in_start kept as context (mid-line) */
    struct open_value { /* a free-text value crossing parts */
        int rule;           /* -1: none */
        vquote quote;       /* how it was opened (scan/value.c) */
        scrub_action act;
        uint64_t offset, line, len;
    } open;
    sbuf out;   /* scrubbed bytes of the current block */
    size_t block_size;
    bool eager;
    bool finished;
    int sticky; /* first error: later calls fail with it */
    uint64_t base_offset; /* stream offset of in.p[0] */
    uint64_t base_line;   /* line number at in.p[0] */
    uint64_t taken_end;   /* stream offset where the last finding ended */
    scrub_write_fn write_fn;
    void *write_opaque;
    scrub_finding_fn find_fn;
    void *find_opaque;
    scrub_scan_error_fn err_fn;
    void *err_opaque;
    bool withholding; /* the rest of a withheld long line is dropped */
    scrub_stats stats;
    uint64_t *type_counts;
    uint64_t revealed, rejected;
};

static inline uint64_t stream_newlines(const char *p, size_t n)
{
    uint64_t k = 0;
    for (const char *e = p + n; (p = memchr(p, '\n', (size_t)(e - p))); p++)
        k++;
    return k;
}

/* Emit base[from..commit) with the (sorted, non-overlapping) findings and
 * withheld lines that lie in it: first the rest of a value left open (up
 * to first; with none, base[from..first) is the dropped rest of a withheld
 * line), last the start of one that stays open when `opening` (emit.c). */
HIDDEN int stream_emit(scrub_ctx *c, const char *base, size_t from,
                       size_t commit, size_t first, bool opening);

#endif
