/* fuzz_util.h — small helpers shared by the fuzz harnesses (public API of
 * libscrub only). Included by each harness; everything here is static. */
#ifndef SCRUB_FUZZ_UTIL_H
#define SCRUB_FUZZ_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scrub.h"

/* libFuzzer's entry point; replay_main.c calls it too. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The fixed key of the unit tests: tokens are stable across runs. */
__attribute__((unused)) static const unsigned char fuzz_test_key[32] = {
    0,  1,  2,  3,  4,  5,  6,  7,  8,  9,  10, 11, 12, 13, 14, 15,
    16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31};

/* A property does not hold, or the harness itself cannot run: say which
 * (offsets and lengths only, never input bytes) and abort, so that
 * libFuzzer records the input as a crash. */
__attribute__((noreturn, format(printf, 1, 2))) static void
fuzz_fail(const char *fmt, ...)
{
    va_list ap;
    fputs("FUZZ PROPERTY VIOLATED: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    fflush(stderr);
    abort();
}

/* Growable byte buffer. */
typedef struct fbuf {
    char *p;
    size_t len, cap;
} fbuf;

__attribute__((unused)) static int fbuf_put(fbuf *b, const void *data,
                                            size_t n)
{
    if (n > b->cap - b->len) {
        size_t cap = b->cap ? b->cap : 256;
        while (cap - b->len < n)
            cap *= 2;
        char *p = realloc(b->p, cap);
        if (!p)
            return 1;
        b->p = p;
        b->cap = cap;
    }
    if (n)
        memcpy(b->p + b->len, data, n);
    b->len += n;
    return 0;
}

__attribute__((unused)) static void fbuf_free(fbuf *b)
{
    free(b->p);
    memset(b, 0, sizeof *b);
}

/* scrub_write_fn appending to an fbuf. */
__attribute__((unused)) static int fbuf_sink(void *opaque, const char *data,
                                             size_t len)
{
    return fbuf_put(opaque, data, len);
}

/* Switch for optional checks: the environment variable SCRUB_FUZZ_SKIP is
 * a comma separated list of check names to turn off (e.g.
 * "pcre2,idempotent"), so that a run can go on past a known, reported
 * violation. */
__attribute__((unused)) static int fuzz_check_enabled(const char *name)
{
    static const char *skip;
    static int loaded;
    if (!loaded) {
        skip = getenv("SCRUB_FUZZ_SKIP");
        loaded = 1;
    }
    if (!skip)
        return 1;
    size_t n = strlen(name);
    for (const char *s = skip; (s = strstr(s, name)); s += n)
        if ((s == skip || s[-1] == ',') && (s[n] == ',' || s[n] == '\0'))
            return 0;
    return 1;
}

#endif
