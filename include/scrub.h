/*
 * scrub.h — public API of libscrub, a streaming de-identification filter.
 *
 * Model:
 *   scrub_config  — mutable description: rules (built-in by default), actions
 *                   per type, key. Build one, then compile it.
 *   scrub_engine  — immutable compiled form of a config. Thread-safe: share
 *                   one engine between any number of threads.
 *   scrub_ctx     — per-thread (or per-stream) state: scratch space, the
 *                   carry-over of a partial line, byte and line counters.
 *
 * The library never prints, never exits and never reads files or the
 * environment: callers hand it bytes and receive bytes through callbacks.
 * Every function that can fail returns a scrub_error (0 = SCRUB_OK); those
 * that take an `err` buffer also write a one-line, raw-data-free message.
 *
 * Lifetimes:
 *   - A config may be freed once its engine is built; an engine must
 *     outlive every context made from it.
 *   - Callbacks are called only from inside scrub_ctx_write(), _flush()
 *     and _finish() (and scrub_buffer()), on the calling thread. The bytes
 *     given to a write callback, and the scrub_finding or scrub_scan_error
 *     given to the others, are valid during the call only: copy what you
 *     keep. The strings they point to (type, rule_id) live as long as the
 *     engine. `opaque` is the caller's: the library never frees it.
 *   - Bytes given to scrub_ctx_write() are copied: the caller may reuse
 *     its buffer at once. Input held by a context is wiped when scanned
 *     and when the context is freed.
 *
 * Errors: the first error a context meets (a callback's non-zero return,
 * SCRUB_E_SCAN, SCRUB_E_NOMEM) sticks: every later write, flush and
 * finish returns it, and nothing more is written. Output written before
 * the error was scanned; input held at the error is discarded (wiped) by
 * scrub_ctx_free(), which is the only thing left to do with the context.
 */
#ifndef SCRUB_H
#define SCRUB_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define SCRUB_VERSION_MAJOR 0
#define SCRUB_VERSION_MINOR 1
#define SCRUB_VERSION_PATCH 0
#define SCRUB_VERSION_NUMBER                                                   \
    (SCRUB_VERSION_MAJOR * 10000 + SCRUB_VERSION_MINOR * 100 +                 \
     SCRUB_VERSION_PATCH)
#define SCRUB_VERSION_STRING "0.1.0"

#if defined(__GNUC__) && defined(SCRUB_BUILDING_LIBRARY)
#define SCRUB_API __attribute__((visibility("default")))
#else
#define SCRUB_API
#endif

/** Runtime version, SCRUB_VERSION_NUMBER of the library actually linked. */
SCRUB_API unsigned scrub_version_number(void);
/** Runtime version string, e.g. "0.1.0". */
SCRUB_API const char *scrub_version_string(void);

typedef enum scrub_error {
    SCRUB_OK = 0,
    SCRUB_E_NOMEM,     /* allocation failed */
    SCRUB_E_ARG,       /* invalid argument (NULL, unknown type or action) */
    SCRUB_E_CONFIG,    /* malformed config or rule file */
    SCRUB_E_PATTERN,   /* a rule's pattern does not compile */
    SCRUB_E_KEY,       /* key missing, too short or malformed */
    SCRUB_E_SCAN,      /* the matcher failed: nothing was written */
    SCRUB_E_CALLBACK,  /* an output or findings callback returned non-zero */
    SCRUB_E_STATE,     /* call out of order (e.g. after scrub_ctx_finish) */
    SCRUB_E__COUNT
} scrub_error;

/** Stable name of an error code, e.g. "SCRUB_E_CONFIG". Never NULL. */
SCRUB_API const char *scrub_error_name(int err);

/** Actions a type can be given. */
typedef enum scrub_action {
    SCRUB_ACTION_HASH = 0, /* TYPE_kid_digest, keyed BLAKE2b of canonical form */
    SCRUB_ACTION_MASK,     /* conventional partial mask, same length */
    SCRUB_ACTION_REDACT,   /* [TYPE] */
    SCRUB_ACTION_KEEP,     /* unchanged, still reported */
    SCRUB_ACTION_PSEUDO,   /* keyed format-preserving pseudonym */
    SCRUB_ACTION_ENCRYPT,  /* reversible token (scrub --reveal) */
    SCRUB_ACTION_COARSEN,  /* less precise: GEO 2 decimals, IPv4 /24, IPv6 /48 */
    SCRUB_ACTION__COUNT
} scrub_action;

/** Name of an action ("hash", ...), or NULL when out of range. */
SCRUB_API const char *scrub_action_name(scrub_action a);
/** Parse an action name; returns SCRUB_E_ARG when unknown. */
SCRUB_API int scrub_action_parse(const char *name, scrub_action *out);

/* ------------------------------------------------------------------ */
/* Configuration                                                        */

typedef struct scrub_config scrub_config;

/** New config holding the built-in rules, action `hash` for every type and
 *  no key. Returns NULL on allocation failure. */
SCRUB_API scrub_config *scrub_config_new(void);
/** Like scrub_config_new() but with no rules at all. */
SCRUB_API scrub_config *scrub_config_new_empty(void);
/** Free a config; NULL is accepted. */
SCRUB_API void scrub_config_free(scrub_config *cfg);

/**
 * Merge a YAML document (rule file or config file) into cfg.
 * Top-level keys: `rules` (list; a rule whose id exists replaces it),
 * `actions` (map TYPE or `all` -> action), `disable` (list of rule ids).
 * `origin` names the document in error messages (e.g. a file name).
 */
SCRUB_API int scrub_config_load_yaml(scrub_config *cfg, const char *text,
                                     size_t len, const char *origin,
                                     char *err, size_t errlen);

/** Non-zero when some type's action needs a key (hash). */
SCRUB_API int scrub_config_needs_key(const scrub_config *cfg);

/** Set the action of one type, or of every type when type is "all".
 *  SCRUB_E_ARG for an action out of range, or a type that is not
 *  written as one (upper case, digits, '_') or that no rule of the config
 *  has so far (PHNOE): load the rules first. */
SCRUB_API int scrub_config_set_action(scrub_config *cfg, const char *type,
                                      scrub_action action);

/**
 * Install the key from the contents of a key file: either 32 or more raw
 * random bytes, or the text format written by scrub_keyfile_generate().
 * The secret is copied into locked, guarded memory; the caller should wipe
 * its own copy.
 */
SCRUB_API int scrub_config_set_key(scrub_config *cfg, const void *keyfile,
                                   size_t len, char *err, size_t errlen);

/** Add a retired key (same file formats): its tokens are still accepted by
 *  reveal, but nothing new is made with it. */
SCRUB_API int scrub_config_add_retired_key(scrub_config *cfg,
                                           const void *keyfile, size_t len,
                                           char *err, size_t errlen);
/** Retired key files the YAML named (`retired_keys:`); the caller reads
 *  them and passes their bytes to scrub_config_add_retired_key(). */
SCRUB_API size_t scrub_config_retired_key_file_count(const scrub_config *cfg);
SCRUB_API const char *scrub_config_retired_key_file(const scrub_config *cfg,
                                                    size_t i);

/** Key id of the installed key (e.g. "kqzmt"), or NULL when none. */
SCRUB_API const char *scrub_config_key_id(const scrub_config *cfg);

/**
 * Write a new key file image (text format, explicit id and creation time)
 * into buf. Returns its length, or 0 if buf is too small (256 bytes is
 * always enough). `created` is seconds since the epoch.
 */
SCRUB_API size_t scrub_keyfile_generate(char *buf, size_t buflen,
                                        int64_t created);

/** Number of rules, and the fields of rule i (for listings and tests). */
SCRUB_API size_t scrub_config_rule_count(const scrub_config *cfg);
SCRUB_API const char *scrub_config_rule_id(const scrub_config *cfg, size_t i);
SCRUB_API const char *scrub_config_rule_type(const scrub_config *cfg,
                                             size_t i);

/** Visit every example (positive = 1) or negative example (0) of every
 *  rule; stops when fn returns non-zero and returns that value. */
typedef int (*scrub_example_fn)(void *opaque, const char *rule_id,
                                const char *type, int positive,
                                const char *text);
SCRUB_API int scrub_config_each_example(const scrub_config *cfg,
                                        scrub_example_fn fn, void *opaque);

/* ------------------------------------------------------------------ */
/* Engine                                                               */

typedef struct scrub_engine scrub_engine;

/** Matcher used by scan. The default, SCRUB_MATCHER_NATIVE, finds the
 *  rules found by keys and the built-in rules with native triggers with
 *  C code (one SIMD pass over the block) and the others with Hyperscan;
 *  SCRUB_MATCHER_HYPERSCAN runs every rule Hyperscan takes through it
 *  (the native matcher's reference: same findings, slower);
 *  SCRUB_MATCHER_PCRE2 runs each rule's PCRE2 program (an independent
 *  reference for tests). All three give the same findings. */
typedef enum scrub_matcher {
    SCRUB_MATCHER_HYPERSCAN = 0,
    SCRUB_MATCHER_PCRE2 = 1,
    SCRUB_MATCHER_NATIVE = 2
} scrub_matcher;

/** Compile cfg into an immutable engine. The config may be freed after. */
SCRUB_API int scrub_engine_new(scrub_engine **out, const scrub_config *cfg,
                               char *err, size_t errlen);
/** Free an engine; NULL is accepted. Free every ctx of it first. */
SCRUB_API void scrub_engine_free(scrub_engine *eng);

/** Report of one failed rule example. `text` is the example as written in
 *  the rule file (examples are test data, never user input). */
typedef void (*scrub_check_fn)(void *opaque, const char *rule_id,
                               int positive, scrub_matcher m,
                               const char *text, const char *why);
/**
 * Check every example and negative example of cfg's rules against eng
 * (compiled from cfg) with both matchers. An example must yield a finding
 * of its rule's type spanning the text between « and », or the whole text
 * when it has no markers; a negative example must yield no finding of that
 * type. Returns the number of failures (negative on allocation failure).
 */
SCRUB_API long scrub_check_examples(const scrub_config *cfg,
                                    const scrub_engine *eng,
                                    scrub_check_fn fn, void *opaque);

/** Report of a rule prone to catastrophic backtracking: on a crafted
 *  line its match needed more than `steps` PCRE2 steps at one start. */
typedef void (*scrub_backtrack_fn)(void *opaque, const char *rule_id,
                                   unsigned long steps);
/**
 * Walk every rule of cfg (compiled into eng) over texts made to make a
 * pattern backtrack (long runs of the characters it names, its examples
 * glued together, each ended by a byte that fails it) and report each
 * rule that needs more than a tenth of the per-line limit there: on such
 * a line in a stream it would be withheld (scrub_ctx_set_on_scan_error).
 * Returns the number of rules reported, negative on allocation failure.
 */
SCRUB_API long scrub_check_backtracking(const scrub_config *cfg,
                                        const scrub_engine *eng,
                                        scrub_backtrack_fn fn, void *opaque);

/* ------------------------------------------------------------------ */
/* Streaming context                                                    */

typedef struct scrub_ctx scrub_ctx;

/** One finding. The raw value is never part of it. */
typedef struct scrub_finding {
    const char *type;    /* e.g. "PHONE" */
    const char *rule_id; /* e.g. "phone.cn.mobile" */
    scrub_action action;
    uint64_t offset;     /* absolute byte offset in the stream */
    uint64_t length;     /* bytes */
    uint64_t line;       /* 1-based line of the first byte */
    int allowed;         /* 1: on the config's allow list, so kept */
} scrub_finding;

/** Output sink: receives the scrubbed stream in order. Non-zero = abort. */
typedef int (*scrub_write_fn)(void *opaque, const char *data, size_t len);
/** Findings sink: called in stream order. Non-zero = abort. */
typedef int (*scrub_finding_fn)(void *opaque, const scrub_finding *f);

/** New context. Returns NULL on allocation failure. */
SCRUB_API scrub_ctx *scrub_ctx_new(const scrub_engine *eng);
/** Free a context; NULL is accepted. Unflushed data is discarded. */
SCRUB_API void scrub_ctx_free(scrub_ctx *ctx);

/** Where scrubbed text goes (NULL fn: text is dropped, findings still
 *  reported). */
SCRUB_API void scrub_ctx_set_output(scrub_ctx *ctx, scrub_write_fn fn,
                                    void *opaque);
/** Where findings go (NULL fn: not reported). */
SCRUB_API void scrub_ctx_set_findings(scrub_ctx *ctx, scrub_finding_fn fn,
                                      void *opaque);
/** Bytes gathered before a scan (default 1 MiB; tests vary it). Lines are
 *  never split, so the output does not depend on it. */
SCRUB_API int scrub_ctx_set_block_size(scrub_ctx *ctx, size_t bytes);
/** When on, every complete line is scanned and written as soon as it has
 *  been given (for --line-buffered); output is the same either way. */
SCRUB_API void scrub_ctx_set_eager(scrub_ctx *ctx, int on);
/** Reveal mode: encrypt tokens (made under the key or a retired key) are
 *  turned back into the original bytes, and pseudonyms of the types the
 *  config marks `reversible` are inverted; everything else passes as is.
 *  A tampered or foreign token is left as it is and counted. */
SCRUB_API void scrub_ctx_set_reveal(scrub_ctx *ctx, int on);
/** Tokens revealed, and tokens that looked like ours but did not open. */
SCRUB_API void scrub_ctx_reveal_counts(const scrub_ctx *ctx,
                                       uint64_t *revealed, uint64_t *rejected);

/**
 * When a rule's PCRE2 match fails on a line (a match, depth or heap limit:
 * a user rule prone to catastrophic backtracking), that line cannot be
 * judged. By default (SCRUB_ON_SCAN_ERROR_WITHHOLD) the line's bytes are
 * not written: "[UNSCANNED]" takes their place (its newline stays), it is
 * counted in scrub_stats.lines_withheld, fn hears of it, and the stream
 * goes on. With SCRUB_ON_SCAN_ERROR_STOP the call that met it returns
 * SCRUB_E_SCAN instead (fn first hears of it with withheld = 0), and so
 * do all later calls. A long line scanned in parts loses only its rest.
 */
typedef enum scrub_on_scan_error {
    SCRUB_ON_SCAN_ERROR_WITHHOLD = 0,
    SCRUB_ON_SCAN_ERROR_STOP = 1
} scrub_on_scan_error;
typedef struct scrub_scan_error {
    const char *rule_id; /* the rule that failed */
    uint64_t offset;     /* stream offset where the withheld bytes begin
                            (stop: where the rule failed) */
    uint64_t line;       /* 1-based line of that offset */
    int withheld;        /* 1: the line was withheld; 0: the stream stops */
} scrub_scan_error;
/** Non-zero = abort (SCRUB_E_CALLBACK). The strings live as long as the
 *  engine. */
typedef int (*scrub_scan_error_fn)(void *opaque, const scrub_scan_error *e);
SCRUB_API void scrub_ctx_set_on_scan_error(scrub_ctx *ctx,
                                           scrub_on_scan_error mode,
                                           scrub_scan_error_fn fn,
                                           void *opaque);

/** Choose the matcher (default SCRUB_MATCHER_NATIVE). */
SCRUB_API void scrub_ctx_set_matcher(scrub_ctx *ctx, scrub_matcher m);

/** Feed bytes. Complete lines are scanned once a block is full (or at
 *  once in eager mode); a trailing partial line is kept for later. */
SCRUB_API int scrub_ctx_write(scrub_ctx *ctx, const void *data, size_t len);
/** End of stream: scan and emit everything still held. */
SCRUB_API int scrub_ctx_finish(scrub_ctx *ctx);

/**
 * Scan and emit everything held now, as if the stream ended here, but
 * keep the context usable. With scrub_ctx_set_position() this lets one
 * context per thread scrub independent blocks of whole lines of one
 * stream (blocks cut after a newline give the same output as one pass).
 */
SCRUB_API int scrub_ctx_flush(scrub_ctx *ctx);
/** Set the stream offset and line number of the next byte given (for
 *  blocks scrubbed out of order by several contexts). */
SCRUB_API int scrub_ctx_set_position(scrub_ctx *ctx, uint64_t offset,
                                     uint64_t line);

/**
 * One call for one buffer: in[0..len) is scrubbed as a whole stream
 * (scrub_ctx_new, write, finish, free) and *out receives a malloc'd copy
 * of the result, NUL-terminated (free() it), with its length (without the
 * NUL) in *out_len when out_len is not NULL. Findings go to fn (NULL: not
 * reported), before the call returns. On error *out is NULL and nothing
 * of the input is returned. Withheld lines as in scrub_ctx (default).
 */
SCRUB_API int scrub_buffer(const scrub_engine *eng, const void *in,
                           size_t len, char **out, size_t *out_len,
                           scrub_finding_fn fn, void *opaque);

/** Counters since the context was made. */
typedef struct scrub_stats {
    uint64_t bytes_in;
    uint64_t bytes_out;
    uint64_t lines;
    uint64_t findings;
    uint64_t lines_withheld; /* written as [UNSCANNED]: see below */
} scrub_stats;
SCRUB_API void scrub_ctx_stats(const scrub_ctx *ctx, scrub_stats *out);
/** Findings so far of one type (0 for unknown types). */
SCRUB_API uint64_t scrub_ctx_type_count(const scrub_ctx *ctx,
                                        const char *type);
/** Types known to the engine, for iterating counts: i in [0, n). */
SCRUB_API size_t scrub_engine_type_count(const scrub_engine *eng);
SCRUB_API const char *scrub_engine_type_name(const scrub_engine *eng,
                                             size_t i);

#ifdef __cplusplus
}
#endif
#endif /* SCRUB_H */
