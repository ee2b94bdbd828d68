/* rsyslog.c — `scrub --rsyslog`: rsyslog's mmexternal protocol. rsyslog
 * writes one message per line on stdin and reads exactly one JSON object
 * per message on stdout, in order: the properties to change, or {} when
 * nothing changed. It reads our stderr through the same pipe, so this
 * mode never writes to stderr, whatever happens. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

typedef struct linebuf {
    char *p;
    size_t len, cap;
} linebuf;

static int collect(void *opaque, const char *data, size_t n)
{
    linebuf *b = opaque;
    if (b->len + n + 1 > b->cap) {
        size_t cap = (b->len + n + 1) * 2;
        char *p = realloc(b->p, cap);
        if (!p)
            return 1;
        b->p = p;
        b->cap = cap;
    }
    memcpy(b->p + b->len, data, n);
    b->len += n;
    return 0;
}

/* A JSON string: quotes, backslashes and control bytes escaped; other
 * bytes as they are (rsyslog's parser takes them). */
static void put_json_string(FILE *out, const char *s, size_t n)
{
    fputc('"', out);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"' || c == '\\')
            fprintf(out, "\\%c", c);
        else if (c < 0x20)
            fprintf(out, "\\u%04x", c);
        else
            fputc(c, out);
    }
    fputc('"', out);
}

/* Scrub one text (no newline inside) into b; true when it changed. */
static int scrub_text(scrub_ctx *ctx, linebuf *b, const char *s, size_t n,
                      bool *changed)
{
    b->len = 0;
    int rc = scrub_ctx_write(ctx, s, n);
    if (!rc)
        rc = scrub_ctx_write(ctx, "\n", 1);
    if (!rc && (b->len == 0 || b->p[b->len - 1] != '\n'))
        rc = SCRUB_E_STATE;
    if (rc)
        return rc;
    b->len--; /* the newline we added */
    *changed = b->len != n || memcmp(b->p, s, n) != 0;
    return SCRUB_OK;
}

/* fulljson: the message object; the reply changes "msg" only. */
static int reply_fulljson(scrub_ctx *ctx, linebuf *b, const char *line,
                          size_t n, FILE *out)
{
    json_error_t jerr;
    json_t *root = json_loadb(line, n, JSON_ALLOW_NUL, &jerr);
    json_t *msg = root ? json_object_get(root, "msg") : NULL;
    if (!msg || !json_is_string(msg)) {
        json_decref(root);
        /* Not a message we can read: fail closed, drop its text. */
        fputs("{\"msg\":\"[UNSCANNED]\"}\n", out);
        return SCRUB_OK;
    }
    bool changed = false;
    const char *s = json_string_value(msg);
    size_t sn = json_string_length(msg);
    /* A JSON msg may hold newlines: scrub each line of it. */
    linebuf whole = {0};
    int rc = SCRUB_OK;
    for (size_t pos = 0; !rc && pos <= sn;) {
        const char *nl = memchr(s + pos, '\n', sn - pos);
        size_t end = nl ? (size_t)(nl - s) : sn;
        bool ch = false;
        rc = scrub_text(ctx, b, s + pos, end - pos, &ch);
        changed |= ch;
        if (!rc && (collect(&whole, b->p, b->len) ||
                    (nl && collect(&whole, "\n", 1))))
            rc = SCRUB_E_NOMEM;
        pos = end + 1;
    }
    if (!rc) {
        if (changed) {
            fputs("{\"msg\":", out);
            put_json_string(out, whole.p, whole.len);
            fputs("}\n", out);
        } else {
            fputs("{}\n", out);
        }
    }
    free(whole.p);
    json_decref(root);
    return rc;
}

int run_rsyslog(const scrub_engine *eng, const char *input)
{
    bool full = strcmp(input, "fulljson") == 0;
    const char *prop = strcmp(input, "rawmsg") == 0 ? "rawmsg" : "msg";
    scrub_ctx *ctx = scrub_ctx_new(eng);
    linebuf b = {0};
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    int rc = ctx ? SCRUB_OK : SCRUB_E_NOMEM;
    if (ctx) {
        scrub_ctx_set_eager(ctx, 1);
        scrub_ctx_set_output(ctx, collect, &b);
    }
    while (!rc && (n = getline(&line, &cap, stdin)) > 0) {
        size_t len = (size_t)n;
        if (line[len - 1] == '\n')
            len--;
        if (full) {
            rc = reply_fulljson(ctx, &b, line, len, stdout);
        } else {
            bool changed = false;
            rc = scrub_text(ctx, &b, line, len, &changed);
            if (!rc && changed) {
                printf("{\"%s\":", prop);
                put_json_string(stdout, b.p, b.len);
                fputs("}\n", stdout);
            } else if (!rc) {
                fputs("{}\n", stdout);
            }
        }
        if (fflush(stdout))
            rc = SCRUB_E_CALLBACK;
        memset(line, 0, cap);
    }
    free(line);
    free(b.p);
    scrub_ctx_free(ctx);
    return rc || ferror(stdin) ? EXIT_ERROR : EXIT_OK;
}
