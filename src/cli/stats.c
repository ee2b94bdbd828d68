/* stats.c — the counts as people and programs read them.
 *
 * --stats (stderr, at exit and on USR1): text lines "scrub: stats ..."
 * or, with --stats-format json, one JSON object per report. With
 * --stats-interval N, every N seconds too (text: the summary line only).
 * --metrics-file PATH: the Prometheus text exposition format, written to
 * a temporary file in PATH's directory and renamed over PATH, so that a
 * reader (node_exporter's textfile collector) never sees half a file.
 * Only numbers, type names, rule ids and file names: never a value. */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

typedef unsigned long long ull;

static double mb_per_s(uint64_t bytes, double secs)
{
    return secs > 0 ? (double)bytes / 1e6 / secs : 0.0;
}

static void text_summary(FILE *f, const metrics *m, double secs, bool brief)
{
    const counts *c = &m->total;
    fprintf(f, "scrub: stats bytes_in=%llu bytes_out=%llu lines=%llu "
            "findings=%llu seconds=%.3f mb_per_s=%.1f",
            (ull)c->bytes_in, (ull)c->bytes_out, (ull)c->lines,
            (ull)c->findings, secs, mb_per_s(c->bytes_in, secs));
    if (brief)
        fprintf(f, " errors=%llu reloads=%llu reloads_failed=%llu",
                (ull)error_count(), (ull)m->reloads_ok,
                (ull)m->reloads_failed);
    fputc('\n', f);
}

static void text_file(FILE *f, const metrics *m, size_t i)
{
    const counts *c = &m->files[i];
    fputs("scrub: stats file=", f);
    json_str(f, m->o->files[i]);
    fprintf(f, " bytes_in=%llu bytes_out=%llu lines=%llu findings=%llu",
            (ull)c->bytes_in, (ull)c->bytes_out, (ull)c->lines,
            (ull)c->findings);
    for (size_t t = 0; t < tally_size(&c->types); t++)
        if (tally_count(&c->types, t))
            fprintf(f, " %s=%llu", tally_name(&c->types, t),
                    (ull)tally_count(&c->types, t));
    fputc('\n', f);
}

static void text_report(FILE *f, const metrics *m, double secs)
{
    const counts *c = &m->total;
    text_summary(f, m, secs, false);
    if (c->revealed || c->rejected)
        fprintf(f, "scrub: stats revealed=%llu rejected=%llu\n",
                (ull)c->revealed, (ull)c->rejected);
    if (c->withheld)
        fprintf(f, "scrub: stats withheld_lines=%llu\n", (ull)c->withheld);
    for (size_t t = 0; t < tally_size(&c->types); t++)
        fprintf(f, "scrub: stats type=%s findings=%llu\n",
                tally_name(&c->types, t), (ull)tally_count(&c->types, t));
    for (size_t r = 0; r < tally_size(&c->rules); r++)
        if (tally_count(&c->rules, r))
            fprintf(f, "scrub: stats rule=%s findings=%llu\n",
                    tally_name(&c->rules, r), (ull)tally_count(&c->rules, r));
    for (size_t i = 0; i < m->nfiles; i++)
        text_file(f, m, i);
    fprintf(f, "scrub: stats errors=%llu reloads=%llu reloads_failed=%llu\n",
            (ull)error_count(), (ull)m->reloads_ok, (ull)m->reloads_failed);
}

/* "name":{"A":1,...}; every name when `all`, else those counted. */
static void json_tally(FILE *f, const char *name, const tally *t, bool all)
{
    fprintf(f, ",\"%s\":{", name);
    bool first = true;
    for (size_t i = 0; i < tally_size(t); i++) {
        if (!all && !tally_count(t, i))
            continue;
        fputs(first ? "" : ",", f);
        json_str(f, tally_name(t, i));
        fprintf(f, ":%llu", (ull)tally_count(t, i));
        first = false;
    }
    fputc('}', f);
}

static void json_counts(FILE *f, const counts *c)
{
    fprintf(f, "\"bytes_in\":%llu,\"bytes_out\":%llu,\"lines\":%llu,"
            "\"findings\":%llu", (ull)c->bytes_in, (ull)c->bytes_out,
            (ull)c->lines, (ull)c->findings);
}

static void json_report(FILE *f, const metrics *m, double secs,
                        const char *event)
{
    const counts *c = &m->total;
    fprintf(f, "{\"event\":\"%s\",\"seconds\":%.3f,", event, secs);
    json_counts(f, c);
    fprintf(f, ",\"mb_per_s\":%.3f,\"revealed\":%llu,\"rejected\":%llu,"
            "\"withheld_lines\":%llu,"
            "\"errors\":%llu,\"reloads\":%llu,\"reloads_failed\":%llu",
            mb_per_s(c->bytes_in, secs), (ull)c->revealed, (ull)c->rejected,
            (ull)c->withheld, (ull)error_count(), (ull)m->reloads_ok,
            (ull)m->reloads_failed);
    json_tally(f, "types", &c->types, true);
    json_tally(f, "rules", &c->rules, false);
    if (m->nfiles) {
        fputs(",\"files\":[", f);
        for (size_t i = 0; i < m->nfiles; i++) {
            fputs(i ? ",{\"file\":" : "{\"file\":", f);
            json_str(f, m->o->files[i]);
            fputc(',', f);
            json_counts(f, &m->files[i]);
            json_tally(f, "types", &m->files[i].types, false);
            fputc('}', f);
        }
        fputc(']', f);
    }
    fputs("}\n", f);
}

/* One report, written with one write() so that lines of two reports, or
 * of a report and a message, never mix. */
void stats_print(metrics *m, int why)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (!f)
        return;
    pthread_mutex_lock(&m->mu);
    double secs = mono_now() - m->t0;
    if (m->o->stats_format == STATS_JSON)
        json_report(f, m, secs, why == OPS_TICK   ? "interval"
                                : why == OPS_USR1 ? "signal"
                                                  : "exit");
    else if (why == OPS_TICK)
        text_summary(f, m, secs, true);
    else
        text_report(f, m, secs);
    pthread_mutex_unlock(&m->mu);
    if (fclose(f) == 0)
        (void)fd_write_all(STDERR_FILENO, buf, len); /* nowhere to report */
    free(buf);
}

/* ---- Prometheus text exposition format -------------------------------- */

static void prom_head(FILE *f, const char *name, const char *type,
                      const char *help)
{
    fprintf(f, "# HELP %s %s\n# TYPE %s %s\n", name, help, name, type);
}

/* A label value: backslash, double quote and newline escaped. */
static void prom_label(FILE *f, const char *s)
{
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '\\' || *s == '"')
            fprintf(f, "\\%c", *s);
        else if (*s == '\n')
            fputs("\\n", f);
        else
            fputc(*s, f);
    }
    fputc('"', f);
}

static void prom_tally(FILE *f, const char *name, const char *label,
                       const tally *t)
{
    for (size_t i = 0; i < tally_size(t); i++) {
        fprintf(f, "%s{%s=", name, label);
        prom_label(f, tally_name(t, i));
        fprintf(f, "} %llu\n", (ull)tally_count(t, i));
    }
}

static void prom_counter(FILE *f, const char *name, const char *help,
                         uint64_t v)
{
    prom_head(f, name, "counter", help);
    fprintf(f, "%s %llu\n", name, (ull)v);
}

static void prom_body(FILE *f, metrics *m)
{
    const counts *c = &m->total;
    double t = mono_now();
    double rate = mb_per_s(c->bytes_in - m->last_bytes, t - m->last_t);
    m->last_t = t;
    m->last_bytes = c->bytes_in;
    prom_counter(f, "scrub_bytes_in_total", "Bytes read.", c->bytes_in);
    prom_counter(f, "scrub_bytes_out_total", "Bytes written.", c->bytes_out);
    prom_counter(f, "scrub_lines_total", "Lines read.", c->lines);
    prom_counter(f, "scrub_withheld_lines_total",
                 "Lines written as [UNSCANNED]: a rule failed on them.",
                 c->withheld);
    prom_head(f, "scrub_findings_total", "counter", "Findings by type.");
    prom_tally(f, "scrub_findings_total", "type", &c->types);
    prom_head(f, "scrub_findings_by_rule_total", "counter",
              "Findings by rule.");
    prom_tally(f, "scrub_findings_by_rule_total", "rule", &c->rules);
    prom_counter(f, "scrub_errors_total",
                 "Errors reported on stderr (failed reloads included).",
                 error_count());
    prom_head(f, "scrub_reloads_total", "counter",
              "Reloads on SIGHUP, by result.");
    fprintf(f, "scrub_reloads_total{result=\"ok\"} %llu\n",
            (ull)m->reloads_ok);
    fprintf(f, "scrub_reloads_total{result=\"failed\"} %llu\n",
            (ull)m->reloads_failed);
    prom_counter(f, "scrub_revealed_total", "Tokens revealed (--reveal).",
                 c->revealed);
    prom_counter(f, "scrub_reveal_rejected_total",
                 "Tokens that did not open (--reveal).", c->rejected);
    prom_head(f, "scrub_mb_per_second", "gauge",
              "Megabytes (10^6) read per second since the previous update.");
    fprintf(f, "scrub_mb_per_second %.6f\n", rate);
    prom_head(f, "scrub_start_time_seconds", "gauge",
              "Start time of scrub since the Unix epoch in seconds.");
    fprintf(f, "scrub_start_time_seconds %.0f\n", m->start_unix);
}

/* buf into a temporary file beside path (mode 0644 less the umask),
 * renamed over it. The first call comes before any other thread. */
static int replace_file(const char *path, const char *buf, size_t len)
{
    static int um = -1;
    if (um < 0) {
        um = (int)umask(0);
        umask((mode_t)um);
    }
    char *dup = strdup(path), *tmp = NULL;
    const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
    if (dup && asprintf(&tmp, "%s/.%s.XXXXXX", dirname(dup), base) < 0)
        tmp = NULL;
    int fd = tmp ? mkstemp(tmp) : -1, rc = -1;
    if (fd >= 0) {
        int bad = fchmod(fd, 0644 & ~(mode_t)um) ||
                  fd_write_all(fd, buf, len);
        int e = errno;
        if (close(fd) && !bad) {
            bad = 1;
            e = errno;
        }
        if (!bad && rename(tmp, path)) {
            bad = 1;
            e = errno;
        }
        if (bad)
            unlink(tmp);
        rc = bad ? -1 : 0;
        errno = e;
    }
    free(tmp);
    free(dup);
    return rc;
}

int metrics_write_file(metrics *m, char *err, size_t errlen)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (!f) {
        snprintf(err, errlen, "--metrics-file: out of memory");
        return -1;
    }
    pthread_mutex_lock(&m->mu);
    prom_body(f, m);
    pthread_mutex_unlock(&m->mu);
    int rc = fclose(f) ? -1 : replace_file(m->o->metrics_file, buf, len);
    if (rc)
        snprintf(err, errlen, "cannot write metrics file %s: %s",
                 m->o->metrics_file, strerror(errno));
    free(buf);
    return rc;
}
