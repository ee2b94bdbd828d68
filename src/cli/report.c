/* report.c — the one place the program talks to the user on stderr.
 * Messages name files, rules and types; never values or keys. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

void die_msg(const char *fmt, ...)
{
    va_list ap;
    fputs("scrub: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

void print_stats(const scrub_engine *eng, scrub_ctx *const *ctxs, size_t n,
                 double secs)
{
    scrub_stats st = {0};
    for (size_t i = 0; i < n; i++) {
        scrub_stats one;
        scrub_ctx_stats(ctxs[i], &one);
        st.bytes_in += one.bytes_in;
        st.bytes_out += one.bytes_out;
        st.lines += one.lines;
        st.findings += one.findings;
    }
    double mb = (double)st.bytes_in / 1e6;
    fprintf(stderr,
            "scrub: stats bytes_in=%llu bytes_out=%llu lines=%llu "
            "findings=%llu seconds=%.3f mb_per_s=%.1f\n",
            (unsigned long long)st.bytes_in, (unsigned long long)st.bytes_out,
            (unsigned long long)st.lines, (unsigned long long)st.findings,
            secs, secs > 0 ? mb / secs : 0.0);
    uint64_t revealed = 0, rejected = 0;
    for (size_t i = 0; i < n; i++) {
        uint64_t a, b;
        scrub_ctx_reveal_counts(ctxs[i], &a, &b);
        revealed += a;
        rejected += b;
    }
    if (revealed || rejected)
        fprintf(stderr, "scrub: stats revealed=%llu rejected=%llu\n",
                (unsigned long long)revealed, (unsigned long long)rejected);
    for (size_t i = 0; i < scrub_engine_type_count(eng); i++) {
        const char *t = scrub_engine_type_name(eng, i);
        unsigned long long k = 0;
        for (size_t c = 0; c < n; c++)
            k += scrub_ctx_type_count(ctxs[c], t);
        fprintf(stderr, "scrub: stats type=%s findings=%llu\n", t, k);
    }
}

/* s as a JSON string into buf[k..cap): quotes, backslashes and control
 * bytes escaped, other bytes as they are; the new length, or cap when it
 * does not fit. */
static size_t put_json_str(char *buf, size_t k, size_t cap, const char *s)
{
    if (k < cap)
        buf[k++] = '"';
    for (; *s && k < cap; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            k += (size_t)snprintf(buf + k, cap - k, "\\%c", c);
        else if (c < 0x20)
            k += (size_t)snprintf(buf + k, cap - k, "\\u%04x", c);
        else
            buf[k++] = (char)c;
    }
    if (k < cap)
        buf[k++] = '"';
    return k < cap ? k : cap;
}

int format_finding(const scrub_finding *f, const char *file, char *buf,
                   size_t cap)
{
    /* Type names are [A-Z0-9_] and rule ids [a-z0-9._-]: nothing to
     * escape. A key rule's quoted twin ("#quoted") is the same rule. */
    const char *hash = strchr(f->rule_id, '#');
    int idlen = hash ? (int)(hash - f->rule_id) : (int)strlen(f->rule_id);
    int n = snprintf(buf, cap,
                     "{\"type\":\"%s\",\"rule\":\"%.*s\",\"offset\":%llu,"
                     "\"length\":%llu,\"line\":%llu%s",
                     f->type, idlen, f->rule_id, (unsigned long long)f->offset,
                     (unsigned long long)f->length, (unsigned long long)f->line,
                     f->allowed ? ",\"action\":\"keep\"" : "");
    if (n < 0 || (size_t)n >= cap)
        return -1;
    size_t k = (size_t)n;
    if (file) {
        k += (size_t)snprintf(buf + k, cap - k, ",\"file\":");
        k = k < cap ? put_json_str(buf, k, cap, file) : cap;
    }
    if (k + 2 >= cap)
        return -1;
    buf[k++] = '}';
    buf[k++] = '\n';
    return (int)k;
}
