/* scan/scan.h — find, confirm and resolve the findings of one block.
 *
 *   find.c     Hyperscan over the block for every rule on its path (ends
 *              only), the PCRE2 path for the rest and for the reference
 *              matcher
 *   confirm.c  each reported end: right guard, leftmost start, key, the
 *              value reader, validators, never our own tokens
 *   resolve.c  exclusions, then leftmost-longest without overlaps
 *   value.c    the free-text value after a key;  gbk.c  GBK text
 * The state is per thread; the engine is shared. */
#ifndef SCRUB_SCAN_H
#define SCRUB_SCAN_H

#include "engine/engine.h"
#include "scan/value.h"

typedef struct cand {
    size_t start, end;
    size_t key;  /* where the match began: the key of a key rule */
    unsigned rule;
    bool refine; /* the leftmost start for its end: later ones may exist */
} cand;

typedef struct candvec {
    cand *v;
    size_t n, cap;
} candvec;

HIDDEN int candvec_push(candvec *cv, size_t start, size_t end, unsigned ri);
HIDDEN int candvec_push_key(candvec *cv, size_t key, size_t start, size_t end,
                            unsigned ri);

/* An end of a typed key rule's value found by the native matcher, and
 * the earliest its key may start (scan/native_keys.c). */
typedef struct nat_end {
    unsigned rule;
    size_t end, floor;
} nat_end;

typedef struct scan_state {
    const scrub_engine *eng;
    hs_scratch_t *scratch;
    pcre2_match_data *md;
    pcre2_match_context *mctx; /* with the callout of the PCRE2 path */
    candvec cands;
    candvec later; /* resolution: candidates given a later start (heap) */
    candvec excl;  /* resolution: exclusion spans */
    size_t prev_end; /* end of the last finding before this block's data */
    int error;
    bool reveal; /* reveal mode: reveal_only rules take part */
    /* A PCRE2 limit hit (withhold.c): the lines where it happened are
     * withheld, or the scan stops (stop_on_error) at the first, which
     * err_rule and err_pos name. */
    pcre2_match_context *limits; /* the match limit, for confirm.c */
    candvec withheld; /* line spans not written (sorted after a scan) */
    bool stop_on_error;
    unsigned err_rule;
    size_t err_pos;
    /* where each finder's candidates begin in cands (resolve.c sorts
     * each run, then merges them) */
#define SCAN_RUNS 4
    size_t run_at[SCAN_RUNS];
    size_t nruns;
    nat_end *nends; /* native_keys.c: one walk's value ends */
    size_t nnends, capnends;
    nat_end *defer; /* native_keys.c: exclusions' ends put aside */
    size_t ndefer, capdefer;
    uint64_t *seen; /* native_seen.c: (rule, end) pairs of this block */
    size_t nseen, capseen;
    run_cache runs;
    sbuf gbk; /* the block with GBK trail bytes masked (gbk.c) */
    unsigned cut; /* GBK_CUT_*: the block starts or ends inside a line */
} scan_state;

HIDDEN int scan_state_init(scan_state *st, const scrub_engine *eng);
HIDDEN void scan_state_free(scan_state *st);

/* Find, validate and resolve the findings of buf[0..len) with matcher m
 * (scan_use_matcher() first for SCRUB_MATCHER_HYPERSCAN). The result is
 * left in st->cands: sorted, non-overlapping, none starting before
 * `first` (the bytes before it are decided already: context, or a value
 * continued from an earlier part of the line). */
HIDDEN int scan_block(scan_state *st, const char *buf, size_t len,
                      size_t first, scrub_matcher m);

/* find.c: rule ri's candidate that ends at `at` (a Hyperscan end or a
 * native trigger): confirmed with a start no earlier than min_start
 * (confirm.c), then kept. st->error on failure. */
HIDDEN int scan_end(scan_state *st, unsigned ri, const char *buf, size_t len,
                    size_t at, size_t min_start);
/* native.c: the candidates of the rules on the native path. */
HIDDEN int scan_native(scan_state *st, const char *buf, size_t len);
/* native_keys.c: the key rules whose key ends before the separator that
 * starts at buf[i] (if one does): their candidates. */
HIDDEN int nat_separator(scan_state *st, const char *buf, size_t len,
                         size_t i);
/* native_email.c: the email rules' ends after the at-sign that spans
 * buf[at..dom) (@, %40, \u0040). */
HIDDEN int nat_email_at(scan_state *st, const char *buf, size_t len,
                        size_t at, size_t dom);
/* native_seen.c: whether (rule, end) is new in this block (1; it is
 * recorded), seen (0) or no memory (-1); forget all; one walk's ends. */
HIDDEN int nat_seen_add(scan_state *st, unsigned ri, size_t end);
HIDDEN void nat_seen_clear(scan_state *st);
HIDDEN int nat_ends_push(scan_state *st, unsigned ri, size_t end);
HIDDEN int nat_defer(scan_state *st, unsigned ri, size_t end, size_t floor);
/* native_keys.c: the exclusions' ends put aside that shelter a candidate
 * (cands sorted), confirmed. */
HIDDEN int nat_deferred(scan_state *st, const char *buf, size_t len);
/* resolve.c: sort cands by start (each finder's run, then merged). */
HIDDEN int scan_sort(scan_state *st);
/* The matcher a context uses: for SCRUB_MATCHER_HYPERSCAN the full
 * database is made (once per engine) and the scratch grown for it. */
HIDDEN int scan_use_matcher(scan_state *st, scrub_matcher m);

/* confirm.c: decide one candidate ending at `end` for rule r: recover its
 * leftmost start at or after min_start, check the guards and validators.
 * Returns true and sets *start and *vend when accepted. */
HIDDEN bool scan_confirm(scan_state *st, const crule *r, const char *buf,
                         size_t len, size_t end, size_t min_start,
                         size_t *start, size_t *vend);
/* Whether the value buf[start..end), its match begun at key, is rule r's:
 * its key's words, its validators, and no token of ours in or at it. */
HIDDEN bool scan_accept(const scrub_engine *eng, const crule *r,
                        const char *buf, size_t len, size_t key, size_t start,
                        size_t end);

/* A PCRE2 match may take at most this many steps per start position: a
 * rule prone to catastrophic backtracking fails on the line that makes it
 * backtrack, in milliseconds, not the whole stream for minutes. The
 * built-in rules need far fewer, also on the PCRE2 path over words of
 * 64 KiB. The reference matcher's walks of Hyperscan's rules keep PCRE2's
 * own limit: they are the reference. */
#define SCAN_MATCH_LIMIT 1000000
#define SCAN_REFERENCE_LIMIT 10000000 /* PCRE2's default */

/* withhold.c: rule ri's match failed (a PCRE2 limit) at buf[pos]: its line
 * is withheld, or, with stop_on_error, the scan stops (st->error). */
HIDDEN void scan_failed_at(scan_state *st, unsigned ri, const char *buf,
                           size_t len, size_t pos);
/* After resolution: withheld spans start at `first` or later, are sorted
 * and merged, and swallow every finding they touch (its bytes are not
 * written either: fail closed). */
HIDDEN int scan_withhold(scan_state *st, size_t first);

/* resolve.c: sort st->cands and keep the findings. */
HIDDEN int scan_resolve(scan_state *st, const char *buf, size_t len,
                        size_t first);

#endif
