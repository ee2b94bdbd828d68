/* scrub_filter.c — the smallest useful libscrub program: scrub stdin to
 * stdout with the built-in rules, a key file and one action for every
 * type, then print the number of findings per type on stderr.
 *
 *   cc scrub_filter.c $(pkg-config --cflags --libs scrub) -o scrub_filter
 *   ./scrub_filter KEYFILE [ACTION] < app.log > clean.log
 */
#include <errno.h>
#include <fcntl.h>
#include <scrub.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int to_stdout(void *opaque, const char *data, size_t len)
{
    (void)opaque;
    return fwrite(data, 1, len, stdout) != len;
}

/* A key file must be a regular file that only its owner can read (a key
 * others can read is no secret), read whole and without error. */
static int read_key(const char *path, scrub_config *cfg)
{
    unsigned char buf[4096];
    char err[200];
    struct stat st;
    int fd = open(path, O_RDONLY | O_NOCTTY);
    if (fd < 0 || fstat(fd, &st) != 0) {
        fprintf(stderr, "scrub_filter: %s: %s\n", path, strerror(errno));
        if (fd >= 0)
            close(fd);
        return -1;
    }
    const char *bad = NULL;
    if (!S_ISREG(st.st_mode))
        bad = "not a regular file";
    else if (st.st_mode & 077)
        bad = "readable by others (chmod 600 it)";
    else if (st.st_size >= (off_t)sizeof buf)
        bad = "too large for a key";
    ssize_t n = bad ? 0 : read(fd, buf, sizeof buf);
    if (!bad && (n < 0 || n != st.st_size))
        bad = n < 0 ? strerror(errno) : "changed while read";
    close(fd);
    int rc = bad ? -1 : scrub_config_set_key(cfg, buf, (size_t)n, err,
                                             sizeof err);
    memset(buf, 0, sizeof buf);
    if (bad)
        fprintf(stderr, "scrub_filter: key file %s: %s\n", path, bad);
    else if (rc)
        fprintf(stderr, "scrub_filter: %s: %s\n", scrub_error_name(rc), err);
    return rc ? -1 : 0;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: scrub_filter KEYFILE [hash|mask|redact|keep|"
                        "pseudo|encrypt|coarsen]\n");
        return 2;
    }
    scrub_config *cfg = scrub_config_new();
    scrub_engine *eng = NULL;
    scrub_ctx *ctx = NULL;
    scrub_action action = SCRUB_ACTION_HASH;
    char err[300];
    int status = 2;
    if (!cfg || read_key(argv[1], cfg))
        goto out;
    if (argc > 2 && (scrub_action_parse(argv[2], &action) ||
                     scrub_config_set_action(cfg, "all", action))) {
        fprintf(stderr, "scrub_filter: unknown action %s\n", argv[2]);
        goto out;
    }
    int rc = scrub_engine_new(&eng, cfg, err, sizeof err);
    if (rc) {
        fprintf(stderr, "scrub_filter: %s: %s\n", scrub_error_name(rc), err);
        goto out;
    }
    ctx = scrub_ctx_new(eng);
    if (!ctx)
        goto out;
    scrub_ctx_set_output(ctx, to_stdout, NULL);
    char buf[65536];
    size_t n;
    rc = SCRUB_OK;
    while (!rc && (n = fread(buf, 1, sizeof buf, stdin)) > 0)
        rc = scrub_ctx_write(ctx, buf, n);
    if (ferror(stdin)) { /* what was read is scrubbed; the rest is lost */
        fprintf(stderr, "scrub_filter: reading stdin: %s\n", strerror(errno));
        goto out;
    }
    if (!rc)
        rc = scrub_ctx_finish(ctx);
    if (rc || fflush(stdout)) {
        fprintf(stderr, "scrub_filter: %s\n",
                rc ? scrub_error_name(rc) : "cannot write stdout");
        goto out;
    }
    for (size_t i = 0; i < scrub_engine_type_count(eng); i++) {
        const char *t = scrub_engine_type_name(eng, i);
        unsigned long long k = scrub_ctx_type_count(ctx, t);
        if (k)
            fprintf(stderr, "%s %llu\n", t, k);
    }
    status = 0;
out:
    scrub_ctx_free(ctx);
    scrub_engine_free(eng);
    scrub_config_free(cfg);
    return status;
}
