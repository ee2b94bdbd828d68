/* report.c — the one place the program talks to the user on stderr, and
 * the JSON line of a finding. Messages name files, options, rules and
 * types; never values or keys; one line each, no control bytes. */
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

static atomic_ullong errors;

uint64_t error_count(void) { return atomic_load(&errors); }

/* One line: a newline or other control byte the format brought in (a
 * library message, a file name) is shown as '?'. */
static void say(const char *fmt, va_list ap)
{
    char line[1024];
    int n = vsnprintf(line, sizeof line, fmt, ap);
    if (n < 0)
        return;
    size_t len = (size_t)n < sizeof line ? (size_t)n : sizeof line - 1;
    for (size_t i = 0; i < len; i++)
        if ((unsigned char)line[i] < 0x20 || line[i] == 0x7f)
            line[i] = '?';
    flockfile(stderr);
    fputs("scrub: ", stderr);
    fwrite(line, 1, len, stderr);
    fputc('\n', stderr);
    funlockfile(stderr);
}

void die_msg(const char *fmt, ...)
{
    va_list ap;
    atomic_fetch_add(&errors, 1);
    va_start(ap, fmt);
    say(fmt, ap);
    va_end(ap);
}

void notice_msg(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    say(fmt, ap);
    va_end(ap);
}

const char *printable(const char *s, size_t max, char stop, char *buf,
                      size_t cap)
{
    size_t k = 0;
    for (; s && *s && *s != stop && k + 4 < cap; s++) {
        if (k >= max) {
            memcpy(buf + k, "...", 3);
            k += 3;
            break;
        }
        unsigned char c = (unsigned char)*s;
        buf[k++] = c >= 0x20 && c < 0x7f ? (char)c : '?';
    }
    buf[k] = '\0';
    return buf;
}

size_t put_json_str(char *buf, size_t k, size_t cap, const char *s)
{
    if (k < cap)
        buf[k++] = '"';
    for (; *s && k < cap; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            k += (size_t)snprintf(buf + k, cap - k, "\\%c", c);
        else if (c < 0x20 || c == 0x7f)
            k += (size_t)snprintf(buf + k, cap - k, "\\u%04x", c);
        else
            buf[k++] = (char)c;
    }
    if (k < cap)
        buf[k++] = '"';
    return k < cap ? k : cap;
}

void json_str(FILE *f, const char *s)
{
    fputc('"', f);
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            fprintf(f, "\\%c", c);
        else if (c < 0x20 || c == 0x7f)
            fprintf(f, "\\u%04x", c);
        else
            fputc(c, f);
    }
    fputc('"', f);
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
