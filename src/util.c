/* util.c — growable buffers, error messages, version and error names. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

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
    char *p = realloc(b->p, cap);
    if (!p)
        return SCRUB_E_NOMEM;
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

static const char *const action_names[SCRUB_ACTION__COUNT] = {
    "hash", "mask", "redact", "keep", "pseudo", "encrypt", "coarsen"};

const char *scrub_action_name(scrub_action a)
{
    if ((unsigned)a >= SCRUB_ACTION__COUNT)
        return NULL;
    return action_names[a];
}

int scrub_action_parse(const char *name, scrub_action *out)
{
    if (!name || !out)
        return SCRUB_E_ARG;
    for (unsigned i = 0; i < SCRUB_ACTION__COUNT; i++) {
        if (strcmp(name, action_names[i]) == 0) {
            *out = (scrub_action)i;
            return SCRUB_OK;
        }
    }
    return SCRUB_E_ARG;
}
