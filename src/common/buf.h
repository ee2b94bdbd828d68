/* common/buf.h — growable byte buffers, string lists and error messages:
 * the library's only allocation helpers. */
#ifndef SCRUB_COMMON_BUF_H
#define SCRUB_COMMON_BUF_H

#include "common/api.h"

typedef struct sbuf {
    char *p;
    size_t len, cap;
} sbuf;

/* Bytes allocated, zeroed, past an sbuf's capacity (buf.c says why). */
#define SBUF_PAD 64

HIDDEN int sbuf_reserve(sbuf *b, size_t extra);
HIDDEN int sbuf_put(sbuf *b, const void *data, size_t n);
HIDDEN int sbuf_putc(sbuf *b, char c);
HIDDEN void sbuf_free(sbuf *b);
/* Zero the whole capacity, then free: the buffer held raw input. */
HIDDEN void sbuf_wipe(sbuf *b);

typedef struct strlist {
    char **v;
    size_t n;
} strlist;

HIDDEN void strlist_free(strlist *l);
HIDDEN int strlist_copy(strlist *to, const strlist *from);

/* Write a one-line message into err (if any) and return code. */
HIDDEN int set_err(char *err, size_t errlen, int code, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
HIDDEN char *xstrdup(const char *s);

#endif
