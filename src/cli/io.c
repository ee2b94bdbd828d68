/* io.c — read the inputs, feed the engine, write the result (one thread;
 * -j N > 1 is pipeline.c). All inputs are opened before anything is
 * written, so a missing file fails before output starts.
 *
 * A reload (SIGHUP) takes effect at a line boundary: while the context
 * holds the start of a line, the bytes up to its newline still go to the
 * old engine; then the context is flushed, the new engine's context goes
 * on at the same offset and line, and nothing is lost or doubled. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

#define READ_CHUNK (256 * 1024)

typedef struct sink {
    int fd;
    int err; /* errno of the first failed write */
} sink;

/* The one stream being scrubbed. */
typedef struct one {
    runtime *rt;
    const options *o;
    scrub_ctx *ctx;
    scrub_engine *pending; /* built after a HUP, not yet in use */
    meter mt;
    counts cnt;
    fsink fs;
    sink out;
    const char *file;   /* named in findings (NULL: standard input only) */
    const char *name;   /* the input being read, for messages */
    long fidx;          /* its index in the per-file stats, or -1 */
    uint64_t off, line; /* position of the next byte in its file */
    bool mid_line;      /* the last byte given was not a newline */
} one;

int fd_write_all(int fd, const void *p, size_t n)
{
    const char *c = p;
    while (n) {
        ssize_t w = write(fd, c, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return w < 0 ? errno : EIO;
        c += w;
        n -= (size_t)w;
    }
    return 0;
}

static int write_text(void *opaque, const char *p, size_t n)
{
    sink *s = opaque;
    s->err = fd_write_all(s->fd, p, n);
    return s->err != 0;
}

/* --findings: each on stdout, naming its file when FILEs were given. */
static int write_finding(void *opaque, const scrub_finding *f)
{
    const one *s = opaque;
    char line[FINDING_MAX];
    int n = format_finding(f, s->file, line, sizeof line);
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

static int scan_failed(const one *s, int rc)
{
    if (rc == SCRUB_E_CALLBACK && s->out.err)
        die_msg("cannot write to standard output: %s",
                strerror(s->out.err));
    else if (rc == SCRUB_E_CALLBACK)
        die_msg("cannot write to standard output");
    else
        die_msg("cannot scrub %s: %s", strcmp(s->name, "-") ? s->name
                                       : "standard input",
                scrub_error_name(rc));
    return -1;
}

static scrub_ctx *make_ctx(one *s)
{
    scrub_ctx *ctx = scrub_ctx_new(s->rt->eng);
    if (!ctx)
        return NULL;
    if (s->o->block_size)
        scrub_ctx_set_block_size(ctx, s->o->block_size);
    scrub_ctx_set_matcher(ctx, s->o->matcher);
    scan_errors_attach(ctx, s->o);
    scrub_ctx_set_eager(ctx, s->o->line_buffered);
    scrub_ctx_set_reveal(ctx, s->o->reveal);
    s->fs = (fsink){&s->cnt, s->o->findings ? write_finding : NULL, s};
    scrub_ctx_set_findings(ctx, fsink_finding, &s->fs);
    if (!s->o->findings)
        scrub_ctx_set_output(ctx, write_text, &s->out);
    s->mt = (meter){0};
    return ctx;
}

static void account(one *s)
{
    meter_take(&s->mt, s->ctx, &s->cnt);
    metrics_merge(s->rt->m, &s->cnt, s->fidx);
}

/* At a line boundary: the old engine finishes what it holds, the new
 * one goes on from the same place. */
static int switch_engine(one *s)
{
    int rc = scrub_ctx_flush(s->ctx);
    if (rc)
        return scan_failed(s, rc);
    account(s);
    scrub_ctx_free(s->ctx);
    reload_switch(s->rt, s->pending);
    s->pending = NULL;
    if (!(s->ctx = make_ctx(s))) {
        die_msg("out of memory");
        return -1;
    }
    rc = scrub_ctx_set_position(s->ctx, s->off, s->line);
    return rc ? scan_failed(s, rc) : 0;
}

static int feed(one *s, const char *p, size_t n)
{
    while (n) {
        size_t take = n;
        if (s->pending && !s->mid_line && switch_engine(s))
            return -1;
        if (s->pending) { /* to the end of the line under way */
            const char *nl = memchr(p, '\n', n);
            take = nl ? (size_t)(nl - p) + 1 : n;
        }
        int rc = scrub_ctx_write(s->ctx, p, take);
        if (rc)
            return scan_failed(s, rc);
        s->off += take;
        for (const char *q = p, *e = p + take;
             (q = memchr(q, '\n', (size_t)(e - q))); q++)
            s->line++;
        s->mid_line = p[take - 1] != '\n';
        p += take;
        n -= take;
    }
    account(s);
    return 0;
}

/* Feed one input; returns 0, or -1 after printing a message. */
static int pump(one *s, int fd, const char *name, char *buf)
{
    bool flush_each = s->o->line_buffered && s->o->findings;
    for (;;) {
        scrub_engine *neu = reload_poll(s->rt);
        if (neu) {
            scrub_engine_free(s->pending);
            s->pending = neu;
        }
        if (s->pending && !s->mid_line && switch_engine(s))
            return -1;
        ssize_t r = ops_read(fd, buf, READ_CHUNK);
        if (r == -2 && ops_stopping())
            return 0;
        if (r == -2)
            continue;
        if (r < 0) {
            die_msg("cannot read %s: %s", name, strerror(errno));
            return -1;
        }
        if (r == 0)
            return 0;
        if (feed(s, buf, (size_t)r))
            return -1;
        if (flush_each && fflush(stdout)) {
            die_msg("cannot write to standard output: %s", strerror(errno));
            return -1;
        }
    }
}

/* Each input is a stream of its own (as grep reads FILEs): a last line
 * without a newline ends at its file's end, and findings count offsets
 * and lines in their file. */
static int feed_all(one *s, const int *fds, bool named)
{
    const options *o = s->o;
    char *buf = malloc(READ_CHUNK);
    int rc = buf ? 0 : -1;
    if (!buf)
        die_msg("out of memory");
    for (size_t i = 0; !rc && i < o->nfiles && !ops_stopping(); i++) {
        s->file = named ? o->files[i] : NULL;
        s->name = o->files[i];
        s->fidx = named ? (long)i : -1;
        s->off = 0;
        s->line = 1;
        s->mid_line = false;
        rc = pump(s, fds[i], o->files[i], buf);
        if (rc || i + 1 == o->nfiles || ops_stopping())
            break;
        int frc = scrub_ctx_flush(s->ctx);
        if (!frc)
            frc = scrub_ctx_set_position(s->ctx, 0, 1);
        if (frc)
            rc = scan_failed(s, frc);
        account(s);
    }
    free(buf);
    if (rc)
        return -1;
    /* Also on SIGTERM/SIGINT: what was read is scrubbed and written. */
    int frc = scrub_ctx_finish(s->ctx);
    account(s);
    return frc ? scan_failed(s, frc) : 0;
}

/* `say`: no error was reported yet (one message per failure). */
static int close_stdout(bool say)
{
    if (fflush(stdout) || ferror(stdout) || fclose(stdout)) {
        if (say)
            die_msg("cannot write to standard output: %s", strerror(errno));
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

static int run_single(runtime *rt, const options *eff, const int *fds,
                      bool named)
{
    one s = {.rt = rt, .o = eff, .out = {STDOUT_FILENO, 0}, .fidx = -1,
             .name = "-"};
    s.ctx = make_ctx(&s);
    if (!s.ctx) {
        die_msg("out of memory");
        return -1;
    }
    int rc = feed_all(&s, fds, named);
    scrub_ctx_free(s.ctx);
    scrub_engine_free(s.pending);
    counts_free(&s.cnt);
    return rc;
}

int run_filter(runtime *rt)
{
    static const char *stdin_only[] = {"-"};
    const options *o = rt->o;
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
    size_t nthreads = thread_count(o);
    int rc;
    if (nthreads > 1) {
        fflush(stdout); /* the pipeline writes to the descriptor itself */
        rt->o = &eff;
        rc = run_pipeline(rt, fds, nthreads, o->nfiles > 0);
        rt->o = o;
    } else {
        rc = run_single(rt, &eff, fds, o->nfiles > 0);
    }
    for (size_t i = 0; i < eff.nfiles; i++)
        if (fds[i] != STDIN_FILENO)
            close(fds[i]);
    free(fds);
    if (close_stdout(rc == 0))
        rc = -1;
    return rc ? EXIT_ERROR : EXIT_OK;
}
