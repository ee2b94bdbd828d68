/* common/buf.c — growable buffers, string lists, error messages, and the
 * library's version and error names. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/buf.h"

int sbuf_reserve(sbuf *b, size_t extra)
{
    if (b->cap - b->len >= extra)
        return SCRUB_OK;
    size_t cap = b->cap ? b->cap : 256;
    while (cap - b->len < extra) {
        if (cap > SIZE_MAX / 2)
            return SCRUB_E_NOMEM;
        cap *= 2;
    }
    /* SBUF_PAD defined bytes past the capacity, and every byte past the
     * old capacity zeroed: PCRE2's JIT reads aligned vectors that may run
     * past a subject's end (it ignores those bytes), and a buffer is often
     * scanned up to its last byte; so no read lands outside the block or
     * on bytes never written (valgrind stays quiet, growth stays rare). */
    if (cap > SIZE_MAX - SBUF_PAD)
        return SCRUB_E_NOMEM;
    char *p = realloc(b->p, cap + SBUF_PAD);
    if (!p)
        return SCRUB_E_NOMEM;
    memset(p + b->cap, 0, cap + SBUF_PAD - b->cap);
    b->p = p;
    b->cap = cap;
    return SCRUB_OK;
}

int sbuf_put(sbuf *b, const void *data, size_t n)
{
    if (n == 0)
        return SCRUB_OK;
    if (sbuf_reserve(b, n))
        return SCRUB_E_NOMEM;
    memcpy(b->p + b->len, data, n);
    b->len += n;
    return SCRUB_OK;
}

int sbuf_putc(sbuf *b, char c) { return sbuf_put(b, &c, 1); }

void sbuf_free(sbuf *b)
{
    free(b->p);
    b->p = NULL;
    b->len = b->cap = 0;
}

void sbuf_wipe(sbuf *b)
{
    if (b->p)
        memset(b->p, 0, b->cap);
    sbuf_free(b);
}

void strlist_free(strlist *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->v[i]);
    free(l->v);
    l->v = NULL;
    l->n = 0;
}

int strlist_copy(strlist *to, const strlist *from)
{
    to->v = calloc(from->n ? from->n : 1, sizeof *to->v);
    to->n = 0;
    if (!to->v)
        return SCRUB_E_NOMEM;
    for (; to->n < from->n; to->n++)
        if (!(to->v[to->n] = xstrdup(from->v[to->n])))
            return SCRUB_E_NOMEM;
    return SCRUB_OK;
}

int set_err(char *err, size_t errlen, int code, const char *fmt, ...)
{
    if (err && errlen) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err, errlen, fmt, ap);
        va_end(ap);
    }
    return code;
}

char *xstrdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *p = malloc(n);
    if (p)
        memcpy(p, s, n);
    return p;
}

unsigned scrub_version_number(void) { return SCRUB_VERSION_NUMBER; }
const char *scrub_version_string(void) { return SCRUB_VERSION_STRING; }

const char *scrub_error_name(int err)
{
    static const char *const names[SCRUB_E__COUNT] = {
        "SCRUB_OK",        "SCRUB_E_NOMEM",    "SCRUB_E_ARG",
        "SCRUB_E_CONFIG",  "SCRUB_E_PATTERN",  "SCRUB_E_KEY",
        "SCRUB_E_SCAN",    "SCRUB_E_CALLBACK", "SCRUB_E_STATE",
    };
    if (err < 0 || err >= SCRUB_E__COUNT)
        return "SCRUB_E_UNKNOWN";
    return names[err];
}
