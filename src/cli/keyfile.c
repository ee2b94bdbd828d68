/* keyfile.c — where the key comes from, and how key files are made.
 * Order: --key-file, then $SCRUB_KEY_FILE, then a per-user default that
 * is created (mode 0600) on first use with one notice on stderr. */
#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"

#define KEYFILE_MAX 4096

int write_new_keyfile(const char *path)
{
    char buf[256];
    size_t n = scrub_keyfile_generate(buf, sizeof buf, (int64_t)time(NULL));
    if (!n) {
        die_msg("cannot generate a key");
        return EXIT_ERROR;
    }
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) {
        die_msg("cannot create key file %s: %s", path, strerror(errno));
        sodium_memzero(buf, sizeof buf);
        return EXIT_ERROR;
    }
    int bad = fd_write_all(fd, buf, n) || fsync(fd);
    sodium_memzero(buf, sizeof buf);
    if (close(fd) || bad) {
        die_msg("cannot write key file %s: %s", path, strerror(errno));
        unlink(path);
        return EXIT_ERROR;
    }
    return EXIT_OK;
}

static int mkdirs(char *path)
{
    for (char *p = path + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        int rc = mkdir(path, 0700);
        *p = '/';
        if (rc && errno != EEXIST)
            return -1;
    }
    return 0;
}

char *default_key_path(void)
{
    const char *xdg = getenv("XDG_CONFIG_HOME");
    const char *home = getenv("HOME");
    char *p = NULL;
    if (xdg && *xdg == '/') {
        if (asprintf(&p, "%s/scrub/key", xdg) < 0)
            p = NULL;
    } else if (home && *home) {
        if (asprintf(&p, "%s/.config/scrub/key", home) < 0)
            p = NULL;
    }
    return p;
}

static int create_default(char *path, bool quiet, char *err, size_t errlen)
{
    if (mkdirs(path)) {
        snprintf(err, errlen, "cannot create the directory of %s: %s", path,
                 strerror(errno));
        return EXIT_ERROR;
    }
    char buf[256];
    size_t n = scrub_keyfile_generate(buf, sizeof buf, (int64_t)time(NULL));
    int fd = n ? open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600)
               : -1;
    int bad = fd < 0 || fd_write_all(fd, buf, n) || fsync(fd);
    int e = errno;
    sodium_memzero(buf, sizeof buf);
    if (fd >= 0 && close(fd) && !bad) {
        bad = 1;
        e = errno;
    }
    if (bad && fd >= 0)
        unlink(path);
    if (bad) {
        snprintf(err, errlen, "cannot create key file %s: %s", path,
                 n ? strerror(e) : "no key generated");
        return EXIT_ERROR;
    }
    if (!quiet)
        notice_msg("created a new key file %s (keep it secret: tokens "
                   "depend on it)", path);
    return EXIT_OK;
}

/* A key file must be a regular file only its owner can read: say which
 * rule it breaks, and how to fix it only where the fix is harmless. */
static int check_key_stat(const char *path, const struct stat *st, char *err,
                          size_t errlen)
{
    if (!S_ISREG(st->st_mode)) {
        snprintf(err, errlen, "key file %s is not a regular file", path);
        return EXIT_ERROR;
    }
    if (st->st_mode & (S_IRWXG | S_IRWXO)) {
        unsigned mode = (unsigned)(st->st_mode & 07777);
        if (st->st_uid == geteuid())
            snprintf(err, errlen, "key file %s (mode %04o) is accessible "
                     "by group or others; run: chmod 600 %s", path, mode,
                     path);
        else
            snprintf(err, errlen, "key file %s (mode %04o) is accessible "
                     "by group or others; it must be readable by its owner "
                     "only", path, mode);
        return EXIT_ERROR;
    }
    if (st->st_size > KEYFILE_MAX) {
        snprintf(err, errlen, "key file %s is larger than %d bytes", path,
                 KEYFILE_MAX);
        return EXIT_ERROR;
    }
    return EXIT_OK;
}

/* The bytes of a key file into locked memory (sodium_free it). */
static unsigned char *read_key_bytes(const char *path, size_t *len,
                                     char *err, size_t errlen)
{
    /* O_NONBLOCK: a FIFO in its place must not hang us */
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
    struct stat st;
    if (fd < 0 || fstat(fd, &st)) {
        snprintf(err, errlen, "cannot open key file %s: %s", path,
                 strerror(errno));
        if (fd >= 0)
            close(fd);
        return NULL;
    }
    if (check_key_stat(path, &st, err, errlen)) {
        close(fd);
        return NULL;
    }
    unsigned char *buf = sodium_malloc(KEYFILE_MAX);
    size_t n = 0;
    int rd_err = buf ? 0 : ENOMEM;
    while (buf && n < KEYFILE_MAX) {
        ssize_t r = read(fd, buf + n, KEYFILE_MAX - n);
        if (r > 0)
            n += (size_t)r;
        else if (r < 0 && errno == EINTR)
            continue;
        else {
            rd_err = r < 0 ? errno : 0;
            break;
        }
    }
    close(fd);
    if (rd_err) {
        snprintf(err, errlen, "cannot read key file %s: %s", path,
                 strerror(rd_err));
        if (buf)
            sodium_free(buf);
        return NULL;
    }
    *len = n;
    return buf;
}

static int read_key_as(scrub_config *cfg, const char *path, bool retired,
                       char *err, size_t errlen)
{
    size_t n = 0;
    unsigned char *buf = read_key_bytes(path, &n, err, errlen);
    if (!buf)
        return EXIT_ERROR;
    char why[200];
    int rc = retired
                 ? scrub_config_add_retired_key(cfg, buf, n, why, sizeof why)
                 : scrub_config_set_key(cfg, buf, n, why, sizeof why);
    sodium_free(buf); /* zeroes it */
    if (rc) {
        snprintf(err, errlen, "key file %s: %s", path, why);
        return EXIT_ERROR;
    }
    return EXIT_OK;
}

/* Retired keys named by the config: --reveal still opens their tokens. */
int load_retired_keys(scrub_config *cfg, char *err, size_t errlen)
{
    for (size_t i = 0; i < scrub_config_retired_key_file_count(cfg); i++)
        if (read_key_as(cfg, scrub_config_retired_key_file(cfg, i), true, err,
                        errlen))
            return EXIT_ERROR;
    return EXIT_OK;
}

int load_key(scrub_config *cfg, const char *explicit_path, bool quiet,
             char *err, size_t errlen)
{
    if (explicit_path)
        return read_key_as(cfg, explicit_path, false, err, errlen);
    const char *env = getenv("SCRUB_KEY_FILE");
    if (env && *env)
        return read_key_as(cfg, env, false, err, errlen);
    char *path = default_key_path();
    if (!path) {
        snprintf(err, errlen,
                 "no key: use --key-file, set SCRUB_KEY_FILE or HOME");
        return EXIT_ERROR;
    }
    int rc = EXIT_OK;
    if (access(path, F_OK) != 0)
        rc = create_default(path, quiet, err, errlen);
    if (rc == EXIT_OK)
        rc = read_key_as(cfg, path, false, err, errlen);
    free(path);
    return rc;
}
