/* pipeline.h — what pipeline.c (threads, ring, hand-over, reload) and
 * pipeline_read.c (the reader, long lines) share. */
#ifndef SCRUB_CLI_PIPELINE_H
#define SCRUB_CLI_PIPELINE_H

#include <pthread.h>

#include "cli.h"

enum { FREE, FILLED, WORKING, DONE };

typedef struct block {
    char *in;
    size_t len, cap;
    char *out;
    size_t olen, ocap;
    uint64_t offset, line, seq;
    const char *file; /* named in findings (NULL: standard input) */
    long fidx;        /* its index in the per-file stats, or -1 */
    counts cnt;       /* what scrubbing it gave */
    int state;
    int rc;
} block;

typedef struct pipeline {
    runtime *rt;
    const options *o;
    pthread_mutex_t mu;
    pthread_cond_t changed;
    block *ring;
    size_t nring;
    uint64_t next_fill, next_work, next_write;
    bool eof, failed;
    bool named; /* FILEs were given: findings name them */
    int write_errno;
    int rc; /* first scan error */
    scrub_ctx **ctxs; /* one per worker; replaced on reload (under mu) */
    meter *mt;
    size_t n;
} pipeline;

typedef struct worker_arg {
    pipeline *p;
    size_t idx;
    fsink fs;
} worker_arg;

int grow(char **p, size_t *cap, size_t need);
/* Hand the first `keep` bytes of b to the workers; the rest moves on to
 * the next block. */
int publish(pipeline *p, block *b, size_t keep, uint64_t *offset,
            uint64_t *line);
/* Bytes up to the last (or first) newline of b; 0 without one. */
size_t upto_nl(const block *b, bool last);
/* Until every block handed out has been written. */
void drain(pipeline *p);
/* Workers on contexts of `neu` once the blocks handed out are written. */
int switch_engine(pipeline *p, scrub_engine *neu);
/* pipeline_read.c: read every input, hand out blocks, take reloads. */
int read_all(pipeline *p, const int *fds);

#endif
