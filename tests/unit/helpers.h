/* Shared helpers of the unit tests: build configs and engines, run text
 * through a context and collect what comes out. */
#ifndef TEST_HELPERS_H
#define TEST_HELPERS_H

#include "common/buf.h"

#define MAX_FINDINGS 256

typedef struct run_result {
    sbuf out;
    char types[MAX_FINDINGS][16];
    uint64_t offs[MAX_FINDINGS], lens[MAX_FINDINGS], lines[MAX_FINDINGS];
    int allowed[MAX_FINDINGS];
    scrub_action acts[MAX_FINDINGS];
    size_t nf; /* every finding; the first MAX_FINDINGS are kept */
    uint64_t digest; /* of every finding's type, offset, length, line */
    int rc;
} run_result;

/* A fixed key, so that tokens are stable across runs and machines. */
extern const unsigned char test_key[32];

/* The built-in rules (or none) plus yaml; a NULL yaml adds nothing. */
scrub_config *config_with(const char *yaml, int builtin);
/* cfg compiled with test_key installed; asserts success. */
scrub_engine *engine_of(scrub_config *cfg);
/* Built-in rules, yaml, then `all: actions_all` when not NULL. */
scrub_engine *engine_with(const char *yaml, const char *actions_all);
/* Feed text in uneven, growing pieces (as a pipe would). */
void run_text(const scrub_engine *eng, const char *text, size_t len,
              size_t block, scrub_matcher m, run_result *res);
/* Feed text in pieces of `chunk` bytes (a long line arrives in parts). */
void run_chunks(const scrub_engine *eng, const char *text, size_t len,
                size_t block, size_t chunk, scrub_matcher m, run_result *res);
/* The whole output and findings of two runs are the same. */
void assert_same_run(const run_result *a, const run_result *b,
                     const char *what);
/* Scrub text with the Hyperscan matcher; the caller frees the result. */
char *scrub_str(const scrub_engine *eng, const char *text);
/* Record findings of a context into r (for tests that drive a ctx). */
int collect_finding(void *r, const scrub_finding *f);
int collect_output(void *r, const char *p, size_t n);

#endif
