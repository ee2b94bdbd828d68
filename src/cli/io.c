/* io.c — read the inputs, feed the engine, write the result.
 * All inputs are opened before anything is written, so a missing file
 * fails before output starts. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"

#define READ_CHUNK (256 * 1024)

static volatile sig_atomic_t stop_signal;

static void on_stop(int sig) { stop_signal = sig; }

/* No SA_RESTART: a blocking read returns EINTR so that we can flush what
 * was read and leave. */
static void install_stop_handlers(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_stop;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
}

typedef struct sink {
    int fd;
    int err; /* errno of the first failed write */
} sink;

static int write_text(void *opaque, const char *p, size_t n)
{
    sink *s = opaque;
    while (n) {
        ssize_t w = write(s->fd, p, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0) {
            s->err = w < 0 ? errno : EIO;
            return 1;
        }
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

/* Where findings go: stdout, each naming the file it is in (NULL: no
 * FILE was given, the stream is standard input). */
typedef struct finding_sink {
    const char *file;
} finding_sink;

static int write_finding(void *opaque, const scrub_finding *f)
{
    const finding_sink *fs = opaque;
    char line[FINDING_MAX];
    int n = format_finding(f, fs->file, line, sizeof line);
    return n < 0 || fwrite(line, 1, (size_t)n, stdout) != (size_t)n;
}

static int open_inputs(const options *o, int *fds)
{
    for (size_t i = 0; i < o->nfiles; i++) {
        if (strcmp(o->files[i], "-") == 0) {
            fds[i] = STDIN_FILENO;
            continue;
        }
        fds[i] = open(o->files[i], O_RDONLY | O_CLOEXEC);
        if (fds[i] < 0) {
            die_msg("cannot open %s: %s", o->files[i], strerror(errno));
            while (i-- > 0)
                if (fds[i] != STDIN_FILENO)
                    close(fds[i]);
            return -1;
        }
    }
    return 0;
}

static const char *scan_error(int rc, const sink *out)
{
    if (rc == SCRUB_E_CALLBACK && out->err)
        return strerror(out->err);
    if (rc == SCRUB_E_CALLBACK)
        return "cannot write the output";
    return scrub_error_name(rc);
}

/* Feed one input; returns 0, or -1 after printing a message. */
static int pump(scrub_ctx *ctx, int fd, const char *name, char *buf,
                const sink *out, bool flush_each)
{
    while (!stop_signal) {
        ssize_t r = read(fd, buf, READ_CHUNK);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0) {
            die_msg("cannot read %s: %s", name, strerror(errno));
            return -1;
        }
        if (r == 0)
            return 0;
        int rc = scrub_ctx_write(ctx, buf, (size_t)r);
        if (!rc && flush_each && fflush(stdout))
            rc = SCRUB_E_CALLBACK;
        if (rc) {
            die_msg("%s", scan_error(rc, out));
            return -1;
        }
    }
    return 0;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static scrub_ctx *make_ctx(const scrub_engine *eng, const options *o,
                           sink *out, finding_sink *fs)
{
    scrub_ctx *ctx = scrub_ctx_new(eng);
    if (!ctx)
        return NULL;
    if (o->block_size)
        scrub_ctx_set_block_size(ctx, o->block_size);
    scrub_ctx_set_matcher(ctx, o->matcher);
    scrub_ctx_set_eager(ctx, o->line_buffered);
    scrub_ctx_set_reveal(ctx, o->reveal);
    if (o->findings)
        scrub_ctx_set_findings(ctx, write_finding, fs);
    else
        scrub_ctx_set_output(ctx, write_text, out);
    return ctx;
}

/* Each input is a stream of its own (as grep reads FILEs): a last line
 * without a newline ends at its file's end, and findings count offsets
 * and lines in their file. */
static int feed_all(scrub_ctx *ctx, const options *o, const int *fds,
                    const sink *out, finding_sink *fs, bool named)
{
    char *buf = malloc(READ_CHUNK);
    int rc = buf ? 0 : -1;
    if (!buf)
        die_msg("out of memory");
    for (size_t i = 0; !rc && i < o->nfiles && !stop_signal; i++) {
        fs->file = named ? o->files[i] : NULL;
        rc = pump(ctx, fds[i], o->files[i], buf, out,
                  o->line_buffered && o->findings);
        if (rc || i + 1 == o->nfiles || stop_signal)
            break;
        int frc = scrub_ctx_flush(ctx);
        if (!frc)
            frc = scrub_ctx_set_position(ctx, 0, 1);
        if (frc) {
            die_msg("%s", scan_error(frc, out));
            rc = -1;
        }
    }
    free(buf);
    if (rc)
        return -1;
    /* Also on SIGTERM/SIGINT: what was read is scrubbed and written. */
    int frc = scrub_ctx_finish(ctx);
    if (frc) {
        die_msg("%s", scan_error(frc, out));
        return -1;
    }
    return 0;
}

static int close_stdout(void)
{
    if (fflush(stdout) || ferror(stdout) || fclose(stdout)) {
        die_msg("cannot write the output: %s", strerror(errno));
        return -1;
    }
    return 0;
}

static size_t thread_count(const options *o)
{
    long n = o->threads;
    if (n == 0) { /* default: all cores */
        n = sysconf(_SC_NPROCESSORS_ONLN);
        if (n < 1)
            n = 1;
    }
    return (size_t)n;
}

/* -j N > 1: N contexts, one per worker; they also carry the stats. */
static int run_threads(const scrub_engine *eng, const options *o,
                       const int *fds, size_t n, double t0, bool named)
{
    scrub_ctx **ctxs = calloc(n, sizeof *ctxs);
    int rc = ctxs ? 0 : -1;
    for (size_t i = 0; !rc && i < n; i++) {
        ctxs[i] = scrub_ctx_new(eng);
        if (!ctxs[i])
            rc = -1;
        else if (o->block_size)
            scrub_ctx_set_block_size(ctxs[i], o->block_size);
        if (ctxs[i]) {
            scrub_ctx_set_matcher(ctxs[i], o->matcher);
            scrub_ctx_set_reveal(ctxs[i], o->reveal);
        }
    }
    if (rc)
        die_msg("out of memory");
    else
        rc = run_pipeline(eng, o, fds, &stop_signal, ctxs, n, named);
    if (!rc && o->stats)
        print_stats(eng, ctxs, n, now() - t0);
    for (size_t i = 0; ctxs && i < n; i++)
        scrub_ctx_free(ctxs[i]);
    free(ctxs);
    return rc;
}

int run_filter(const scrub_engine *eng, const options *o)
{
    static const char *stdin_only[] = {"-"};
    options eff = *o;
    if (eff.nfiles == 0) {
        eff.files = stdin_only;
        eff.nfiles = 1;
    }
    int *fds = calloc(eff.nfiles, sizeof *fds);
    if (!fds || open_inputs(&eff, fds)) {
        free(fds);
        return EXIT_ERROR;
    }
    install_stop_handlers();
    sink out = {STDOUT_FILENO, 0};
    double t0 = now();
    size_t nthreads = thread_count(o);
    int rc;
    if (nthreads > 1) {
        fflush(stdout); /* the pipeline writes to the descriptor itself */
        rc = run_threads(eng, &eff, fds, nthreads, t0, o->nfiles > 0);
    } else {
        finding_sink fs = {NULL};
        scrub_ctx *ctx = make_ctx(eng, &eff, &out, &fs);
        rc = ctx ? feed_all(ctx, &eff, fds, &out, &fs, o->nfiles > 0) : -1;
        if (!ctx)
            die_msg("out of memory");
        if (ctx && o->stats)
            print_stats(eng, &ctx, 1, now() - t0);
        scrub_ctx_free(ctx);
    }
    for (size_t i = 0; i < eff.nfiles; i++)
        if (fds[i] != STDIN_FILENO)
            close(fds[i]);
    free(fds);
    if (close_stdout())
        rc = -1;
    if (rc == 0 && stop_signal) { /* flushed: now end as the signal asks */
        signal(stop_signal, SIG_DFL);
        raise(stop_signal);
    }
    return rc ? EXIT_ERROR : EXIT_OK;
}
