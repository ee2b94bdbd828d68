/* replay_main.c — a stand-alone main for the fuzz harnesses, so that the
 * seed corpus (and any crash file) can be replayed with gcc, without
 * clang or libFuzzer:
 *
 *     build/fuzz_engine_replay tests/fuzz/corpus/engine
 *     build/fuzz_config_replay crash-1234...
 *
 * Arguments are files or directories (every regular file in them, sorted,
 * not recursive). Each file runs in a child process, so one that aborts
 * (a violated property, a sanitizer report) or hangs (60 s) is reported
 * and the others still run. Prints `ok - NAME` / `not ok - NAME: why` per
 * file, then `N passed, M failed`; exit status 1 if any failed. With
 * SCRUB_REPLAY_NOFORK=1 everything runs in this process (for debuggers). */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <dirent.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int passed, failed;

static int run_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return -1;
    size_t cap = 4096, len = 0;
    uint8_t *buf = malloc(cap);
    for (size_t n; buf; len += n) {
        if (len == cap) {
            uint8_t *p = realloc(buf, cap *= 2);
            if (!p) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = p;
        }
        if (!(n = fread(buf + len, 1, cap - len, f)))
            break;
    }
    int bad = !buf || ferror(f);
    fclose(f);
    if (bad) {
        free(buf);
        return -1;
    }
    /* An exact-size copy, so that ASan sees reads past the input's end. */
    uint8_t *exact = malloc(len ? len : 1);
    if (!exact) {
        free(buf);
        return -1;
    }
    memcpy(exact, buf, len);
    free(buf);
    LLVMFuzzerTestOneInput(exact, len);
    free(exact);
    return 0;
}

static void one(const char *path)
{
    if (getenv("SCRUB_REPLAY_NOFORK")) {
        if (run_file(path)) {
            printf("not ok - %s: cannot read\n", path);
            failed++;
        } else {
            printf("ok - %s\n", path);
            passed++;
        }
        return;
    }
    fflush(stdout);
    pid_t pid = fork();
    if (pid < 0) {
        printf("not ok - %s: fork failed\n", path);
        failed++;
        return;
    }
    if (pid == 0) {
        alarm(60);
        exit(run_file(path) ? 3 : 0);
    }
    int st;
    if (waitpid(pid, &st, 0) < 0) {
        printf("not ok - %s: wait failed\n", path);
        failed++;
    } else if (WIFEXITED(st) && WEXITSTATUS(st) == 0) {
        printf("ok - %s\n", path);
        passed++;
    } else if (WIFEXITED(st)) {
        printf("not ok - %s: exit status %d%s\n", path, WEXITSTATUS(st),
               WEXITSTATUS(st) == 3 ? " (cannot read)" : "");
        failed++;
    } else {
        int sig = WTERMSIG(st);
        printf("not ok - %s: %s (signal %d)\n", path,
               sig == SIGALRM   ? "timeout after 60 s"
               : sig == SIGABRT ? "aborted: a property or sanitizer check "
                                  "failed, see above"
                                : "crashed",
               sig);
        failed++;
    }
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void dir(const char *path)
{
    DIR *d = opendir(path);
    if (!d) {
        printf("not ok - %s: cannot open\n", path);
        failed++;
        return;
    }
    char **names = NULL;
    size_t n = 0;
    for (struct dirent *e; (e = readdir(d));) {
        if (e->d_name[0] == '.')
            continue;
        char *full;
        struct stat sb;
        if (asprintf(&full, "%s/%s", path, e->d_name) < 0)
            break;
        char **v = stat(full, &sb) == 0 && S_ISREG(sb.st_mode)
                       ? realloc(names, (n + 1) * sizeof *names)
                       : NULL;
        if (!v) {
            free(full);
            continue;
        }
        names = v;
        names[n++] = full;
    }
    closedir(d);
    qsort(names, n, sizeof *names, by_name);
    for (size_t i = 0; i < n; i++) {
        one(names[i]);
        free(names[i]);
    }
    free(names);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s FILE|DIR...\n", argv[0]);
        return 2;
    }
    for (int i = 1; i < argc; i++) {
        struct stat sb;
        if (stat(argv[i], &sb) == 0 && S_ISDIR(sb.st_mode))
            dir(argv[i]);
        else
            one(argv[i]);
    }
    printf("%d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
