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

static int write_all(int fd, const char *p, size_t n)
{
    while (n) {
        ssize_t w = write(fd, p, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return -1;
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

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
    int bad = write_all(fd, buf, n) || fsync(fd);
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

static char *default_key_path(void)
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

static int create_default(char *path, bool quiet)
{
    if (mkdirs(path)) {
        die_msg("cannot create the directory of %s: %s", path,
                strerror(errno));
        return EXIT_ERROR;
    }
    int rc = write_new_keyfile(path);
    if (rc == EXIT_OK && !quiet)
        die_msg("created a new key file %s (keep it secret: tokens depend "
                "on it)", path);
    return rc;
}

static int read_key_as(scrub_config *cfg, const char *path, bool retired);

static int read_key(scrub_config *cfg, const char *path)
{
    return read_key_as(cfg, path, false);
}

/* Retired keys named by the config: --reveal still opens their tokens. */
int load_retired_keys(scrub_config *cfg)
{
    for (size_t i = 0; i < scrub_config_retired_key_file_count(cfg); i++)
        if (read_key_as(cfg, scrub_config_retired_key_file(cfg, i), true))
            return EXIT_ERROR;
    return EXIT_OK;
}

static int read_key_as(scrub_config *cfg, const char *path, bool retired)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    struct stat st;
    if (fd < 0 || fstat(fd, &st)) {
        die_msg("cannot open key file %s: %s", path, strerror(errno));
        if (fd >= 0)
            close(fd);
        return EXIT_ERROR;
    }
    if (st.st_mode & (S_IRWXG | S_IRWXO)) {
        close(fd);
        die_msg("key file %s is accessible by group or others; "
                "run: chmod 600 %s", path, path);
        return EXIT_ERROR;
    }
    if (st.st_size > KEYFILE_MAX) {
        close(fd);
        die_msg("key file %s is larger than %d bytes", path, KEYFILE_MAX);
        return EXIT_ERROR;
    }
    unsigned char *buf = sodium_malloc(KEYFILE_MAX);
    size_t n = 0;
    int rd_err = 0;
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
    if (!buf || rd_err) {
        die_msg("cannot read key file %s: %s", path,
                buf ? strerror(rd_err) : "out of memory");
        sodium_free(buf);
        return EXIT_ERROR;
    }
    char err[200];
    int rc = retired ? scrub_config_add_retired_key(cfg, buf, n, err, sizeof err)
                     : scrub_config_set_key(cfg, buf, n, err, sizeof err);
    sodium_free(buf); /* zeroes it */
    if (rc) {
        die_msg("%s: %s", path, err);
        return EXIT_ERROR;
    }
    return EXIT_OK;
}

int load_key(scrub_config *cfg, const char *explicit_path, bool quiet)
{
    if (explicit_path)
        return read_key(cfg, explicit_path);
    const char *env = getenv("SCRUB_KEY_FILE");
    if (env && *env)
        return read_key(cfg, env);
    char *path = default_key_path();
    if (!path) {
        die_msg("no key: use --key-file, set SCRUB_KEY_FILE or HOME");
        return EXIT_ERROR;
    }
    int rc = EXIT_OK;
    if (access(path, F_OK) != 0)
        rc = create_default(path, quiet);
    if (rc == EXIT_OK)
        rc = read_key(cfg, path);
    free(path);
    return rc;
}
