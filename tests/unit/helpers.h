/* Shared helpers of the unit tests: run text through an engine. */
#ifndef TEST_HELPERS_H
#define TEST_HELPERS_H

#include "common/buf.h"

typedef struct run_result {
    sbuf out;
    char types[64][16];
    uint64_t offs[64], lens[64], lines[64];
    size_t nf;
    int rc;
} run_result;

/* A fixed key, so that tokens are stable across runs and machines. */
extern const unsigned char test_key[32];

scrub_engine *engine_with(const char *yaml, const char *actions_all);
void run_text(const scrub_engine *eng, const char *text, size_t len,
              size_t block, scrub_matcher m, run_result *res);
char *scrub_str(const scrub_engine *eng, const char *text);

#endif
