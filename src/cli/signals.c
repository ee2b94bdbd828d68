/* signals.c — one thread takes the signals.
 *
 * TERM and INT (finish what was read, then exit), HUP (reload) and USR1
 * (stats now) are blocked in every thread: main blocks them before it
 * starts any other, and threads inherit the mask. The signal thread waits
 * for them with sigtimedwait(), so no handler ever runs in the middle of
 * a read, a scan or a write, and none is lost between two checks of a
 * flag: it sets the flag, then writes a byte into a pipe that the reader
 * polls together with its input (ops_read). The same thread writes the
 * periodic report (--stats-interval, --metrics-file) and the USR1 one.
 *
 * Under --rsyslog, TERM and INT keep their default action (rsyslog stops
 * its helper with TERM while it waits in a read): only HUP and USR1 are
 * taken. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"

static atomic_int stop_sig;
static atomic_int hup;
static atomic_int quitting;
static int wake[2] = {-1, -1};
static sigset_t taken;
static pthread_t tid;
static bool running;
static double every; /* seconds between ticks; 0: none */
static ops_report_fn report;
static void *report_opaque;

void ops_block_signals(bool take_stop)
{
    sigemptyset(&taken);
    sigaddset(&taken, SIGHUP);
    sigaddset(&taken, SIGUSR1);
    if (take_stop) {
        sigaddset(&taken, SIGTERM);
        sigaddset(&taken, SIGINT);
    }
    pthread_sigmask(SIG_BLOCK, &taken, NULL);
}

/* For a thread that must never take them (they are blocked already if
 * main blocked them before creating it: this makes sure). */
void ops_block_in_thread(void)
{
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGHUP);
    sigaddset(&set, SIGUSR1);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGINT);
    pthread_sigmask(SIG_BLOCK, &set, NULL);
}

int ops_stopping(void) { return atomic_load(&stop_sig); }

bool ops_take_hup(void) { return atomic_exchange(&hup, 0) != 0; }

static void poke(void)
{
    ssize_t w = write(wake[1], "", 1); /* full pipe: already poked */
    (void)w;
}

static struct timespec until(double t)
{
    double d = t - mono_now();
    if (d < 0)
        d = 0;
    struct timespec ts = {(time_t)d, (long)((d - (double)(time_t)d) * 1e9)};
    return ts;
}

static void *ops_main(void *arg)
{
    (void)arg;
    double next = every > 0 ? mono_now() + every : 0;
    while (!atomic_load(&quitting)) {
        struct timespec ts = until(next);
        int sig = every > 0 ? sigtimedwait(&taken, NULL, &ts)
                            : sigwaitinfo(&taken, NULL);
        if (atomic_load(&quitting))
            break;
        if (sig == SIGTERM || sig == SIGINT) {
            int none = 0; /* the first one decides how we end */
            atomic_compare_exchange_strong(&stop_sig, &none, sig);
            poke();
        } else if (sig == SIGHUP) {
            atomic_store(&hup, 1);
            poke();
        } else if (sig == SIGUSR1 && report) {
            report(report_opaque, OPS_USR1);
        } else if (sig < 0 && errno == EAGAIN && every > 0) {
            if (report)
                report(report_opaque, OPS_TICK);
            next += every;
            if (next < mono_now())
                next = mono_now() + every;
        }
    }
    return NULL;
}

/* A pipe end that took the place of a closed standard descriptor (scrub
 * run with <&-) moves up: reading "standard input" must not read it. */
static int above_std(int fd)
{
    if (fd > STDERR_FILENO)
        return fd;
    int up = fcntl(fd, F_DUPFD_CLOEXEC, STDERR_FILENO + 1);
    close(fd);
    return up;
}

int ops_start(double interval, ops_report_fn fn, void *opaque)
{
    if (pipe2(wake, O_CLOEXEC | O_NONBLOCK))
        return -1;
    wake[0] = above_std(wake[0]);
    wake[1] = above_std(wake[1]);
    if (wake[0] < 0 || wake[1] < 0)
        return -1;
    every = interval;
    report = fn;
    report_opaque = opaque;
    if (pthread_create(&tid, NULL, ops_main, NULL)) {
        close(wake[0]);
        close(wake[1]);
        wake[0] = wake[1] = -1;
        return -1;
    }
    running = true;
    return 0;
}

/* The thread waits for a signal it takes: one aimed at it alone ends it
 * (a USR1 from outside at this moment is no longer reported: the final
 * report follows). */
void ops_end(void)
{
    if (!running)
        return;
    atomic_store(&quitting, 1);
    pthread_kill(tid, SIGUSR1);
    pthread_join(tid, NULL);
    running = false;
    close(wake[0]);
    close(wake[1]);
    wake[0] = wake[1] = -1;
}

static void drain_wake(void)
{
    char buf[64];
    while (read(wake[0], buf, sizeof buf) > 0)
        ;
}

ssize_t ops_read(int fd, void *buf, size_t n)
{
    struct pollfd p[2] = {{fd, POLLIN, 0}, {wake[0], POLLIN, 0}};
    int np = wake[0] >= 0 ? 2 : 1;
    for (;;) {
        if (ops_stopping())
            return -2;
        int r = poll(p, (nfds_t)np, -1);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0)
            return -1;
        if (np == 2 && p[1].revents) { /* before more input: a stop */
            drain_wake();
            return -2;
        }
        if (p[0].revents) {
            ssize_t k = read(fd, buf, n);
            if (k < 0 && (errno == EINTR || errno == EAGAIN))
                continue;
            return k;
        }
    }
}

void ops_exit_by_signal(int sig)
{
    sigset_t one;
    signal(sig, SIG_DFL);
    sigemptyset(&one);
    sigaddset(&one, sig);
    pthread_sigmask(SIG_UNBLOCK, &one, NULL);
    raise(sig);
}
