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

/* rsyslog copies message bytes into its JSON as they are, GBK and broken
 * UTF-8 included, which a strict parser refuses. Such bytes travel
 * through the parser as private-use characters U+F700+byte and are
 * written back as the original byte. */
#define RAW_BASE 0xF700

static size_t utf8_len(const unsigned char *s, size_t n)
{
    if (s[0] < 0x80)
        return 1;
    size_t len = (s[0] & 0xE0) == 0xC0 ? 2 : (s[0] & 0xF0) == 0xE0 ? 3
               : (s[0] & 0xF8) == 0xF0 ? 4 : 0;
    if (len == 0 || len > n || (len == 2 && s[0] < 0xC2))
        return 0;
    for (size_t i = 1; i < len; i++)
        if ((s[i] & 0xC0) != 0x80)
            return 0;
    return len;
}

static char *protect_raw_bytes(const char *line, size_t n, size_t *out_len)
{
    char *out = malloc(n * 6 + 1);
    size_t k = 0;
    if (!out)
        return NULL;
    for (size_t i = 0; i < n;) {
        size_t l = utf8_len((const unsigned char *)line + i, n - i);
        if (l) {
            memcpy(out + k, line + i, l);
            k += l;
            i += l;
        } else {
            k += (size_t)sprintf(out + k, "\\u%04X",
                                 RAW_BASE + (unsigned char)line[i++]);
        }
    }
    *out_len = k;
    return out;
}

/* A JSON string: quotes, backslashes and control bytes escaped; other
 * bytes as they are (rsyslog's parser takes them). */
static void put_json_string(FILE *out, const char *s, size_t n)
{
    fputc('"', out);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        /* U+F700..U+F7FF (EF 9C 80 .. EF 9F BF): a raw byte carried */
        if (c == 0xEF && i + 2 < n && ((unsigned char)s[i + 1] & 0xFC) == 0x9C) {
            unsigned cp = ((c & 0x0Fu) << 12) |
                          (((unsigned char)s[i + 1] & 0x3Fu) << 6) |
                          ((unsigned char)s[i + 2] & 0x3Fu);
            fputc((int)(cp - RAW_BASE), out);
            i += 2;
            continue;
        }
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
    size_t pn = 0;
    char *prot = protect_raw_bytes(line, n, &pn);
    json_t *root = prot ? json_loadb(prot, pn, JSON_ALLOW_NUL, &jerr) : NULL;
    free(prot);
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

/* When scrub cannot work (no key, bad config, an error mid-stream), it
 * must not die: rsyslog would then pass messages on unchanged. It keeps
 * answering every message with a placeholder instead. */
int rsyslog_fail_closed(const char *input)
{
    const char *prop = strcmp(input, "rawmsg") == 0 ? "rawmsg" : "msg";
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    while ((n = getline(&line, &cap, stdin)) > 0) {
        printf("{\"%s\":\"[UNSCANNED]\"}\n", prop);
        if (fflush(stdout))
            break;
        memset(line, 0, (size_t)n); /* the message read, not the capacity */
    }
    free(line);
    return EXIT_ERROR;
}

typedef struct rs_state {
    runtime *rt;
    scrub_ctx *ctx;
    linebuf b;
    meter mt;
    counts cnt;
    fsink fs;
} rs_state;

static scrub_ctx *rs_ctx(rs_state *st)
{
    scrub_ctx *ctx = scrub_ctx_new(st->rt->eng);
    if (ctx) {
        scrub_ctx_set_eager(ctx, 1);
        scan_errors_attach(ctx, st->rt->o);
        scrub_ctx_set_output(ctx, collect, &st->b);
        st->fs = (fsink){&st->cnt, NULL, NULL};
        scrub_ctx_set_findings(ctx, fsink_finding, &st->fs);
    }
    st->mt = (meter){0};
    return ctx;
}

/* Between two messages: a new engine after a HUP (the old one goes on
 * when the new config does not load). */
static int rs_reload(rs_state *st)
{
    scrub_engine *neu = reload_poll(st->rt);
    if (!neu)
        return SCRUB_OK;
    meter_take(&st->mt, st->ctx, &st->cnt);
    scrub_ctx_free(st->ctx);
    reload_switch(st->rt, neu);
    st->ctx = rs_ctx(st);
    return st->ctx ? SCRUB_OK : SCRUB_E_NOMEM;
}

static int rs_one(rs_state *st, bool full, const char *prop, char *line,
                  size_t len)
{
    if (full)
        return reply_fulljson(st->ctx, &st->b, line, len, stdout);
    bool changed = false;
    int rc = scrub_text(st->ctx, &st->b, line, len, &changed);
    if (!rc && changed) {
        printf("{\"%s\":", prop);
        put_json_string(stdout, st->b.p, st->b.len);
        fputs("}\n", stdout);
    } else if (!rc) {
        fputs("{}\n", stdout);
    }
    return rc;
}

int run_rsyslog(runtime *rt, const char *input)
{
    bool full = strcmp(input, "fulljson") == 0;
    const char *prop = strcmp(input, "rawmsg") == 0 ? "rawmsg" : "msg";
    rs_state st = {.rt = rt};
    st.ctx = rs_ctx(&st);
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    int rc = st.ctx ? SCRUB_OK : SCRUB_E_NOMEM;
    while (!rc && (n = getline(&line, &cap, stdin)) > 0) {
        size_t len = (size_t)n;
        if (line[len - 1] == '\n')
            len--;
        rc = rs_reload(&st);
        if (!rc)
            rc = rs_one(&st, full, prop, line, len);
        if (rc) /* this message, and all after it, as placeholders */
            printf("{\"%s\":\"[UNSCANNED]\"}\n", full ? "msg" : prop);
        if (fflush(stdout))
            break;
        memset(line, 0, (size_t)n); /* the message read, not the capacity */
        if (st.ctx) {
            meter_take(&st.mt, st.ctx, &st.cnt);
            metrics_merge(rt->m, &st.cnt, -1);
        }
    }
    free(line);
    free(st.b.p);
    scrub_ctx_free(st.ctx);
    counts_free(&st.cnt);
    if (rc)
        return rsyslog_fail_closed(input);
    return ferror(stdin) ? EXIT_ERROR : EXIT_OK;
}
