/* kafka.h — what the files of `scrub --kafka` share. Built only when
 * librdkafka is there (SCRUB_HAVE_KAFKA). The library knows nothing of
 * Kafka: this is the program, using scrub.h like any other caller.
 *
 *   kafka.c        options, client set-up, start-up checks, main loop
 *   kafka_work.c   rounds of records scrubbed by the worker threads
 *   kafka_out.c    producing, the dead-letter topic, delivery reports,
 *                  in-flight records and commits (at least once)
 *   kafka_group.c  what a round ends with (findings, produce, or a
 *                  transaction) and rebalances
 *
 * Threads: librdkafka's own, the workers (scrub only, never call
 * librdkafka), and the main thread, which polls, produces and commits;
 * every librdkafka callback runs on the main thread (from a poll). */
#ifndef SCRUB_CLI_KAFKA_H
#define SCRUB_CLI_KAFKA_H

#include <librdkafka/rdkafka.h>
#include <signal.h>
#include <stdint.h>

#include "cli.h"

/* One consumed record and where its scrubbed value went. */
typedef struct krecord {
    rd_kafka_message_t *m;
    size_t worker;         /* whose buffer holds the output */
    size_t out_off, out_len;
    int rc;                /* scrub_error of this record, 0 = scrubbed */
} krecord;

/* Records polled together, scrubbed in parallel, produced in order. */
typedef struct kround {
    krecord *r;
    size_t n, cap, bytes;
} kround;

/* The records of one input partition whose outputs are in flight, in
 * input order: an offset may be committed only when every output before
 * it has been acknowledged. A ring indexed by a sequence number that
 * only grows, so that a late report of a dropped record is recognised. */
typedef struct ktrack {
    int64_t *offs;
    unsigned char *done;
    size_t cap;
    uint64_t head, tail;   /* sequence numbers in flight: [head, tail) */
    int64_t next;          /* offset after the last record taken, -1 */
    int64_t committed;     /* last offset committed, -1 */
    int64_t round_first;   /* first offset of the open transaction, -1 */
    int owned;
} ktrack;

/* What a produced record carries to its delivery report. */
typedef struct kpending {
    int32_t part;          /* input partition */
    uint64_t seq;          /* its sequence number there */
    int dlq;               /* this is the dead-letter placeholder */
} kpending;

typedef struct kpool kpool;

typedef struct kapp {
    const scrub_engine *eng;
    const options *o;
    runtime *rt;
    rd_kafka_t *cons, *prod;
    rd_kafka_topic_t *out, *dlq;
    int32_t in_parts, out_parts;
    ktrack *tracks;
    size_t ntracks;
    kround round;
    kpool *pool;
    int fatal;             /* set: stop, exit status 2 */
    int starting;          /* start-up: errors are kept, not printed */
    int all_down;          /* no broker reachable (start-up) */
    char last_error[256];  /* librdkafka's last reason (start-up) */
    int in_txn, aborts;
    double last_commit, last_warn, t0;
    uint64_t n_in, n_out, n_dlq, bytes_in, bytes_out;
} kapp;

/* kafka_work.c */
kpool *kpool_new(const scrub_engine *eng, const options *o, size_t n);
void kpool_free(kpool *p);
/* Scrub every record of r (in parallel when there are workers). */
void kpool_scrub(kpool *p, kround *r);
/* The scrubbed value of a record, valid until the next kpool_scrub. */
const char *kpool_output(const kpool *p, const krecord *rec);
/* Add what the workers' contexts did since the last call to m (main
 * thread, between rounds). */
void kpool_account(kpool *p, metrics *m);
int kround_add(kround *r, rd_kafka_message_t *m);
void kround_clear(kround *r);

/* kafka_out.c */
ktrack *kafka_track(kapp *app, int32_t part);
int kafka_track_take(ktrack *t, int64_t offset, uint64_t *seq);
void kafka_track_reset(ktrack *t, int owned);
int kafka_produce_round(kapp *app, const kround *r);
void kafka_on_delivery(rd_kafka_t *rk, const rd_kafka_message_t *m,
                       void *opaque);
/* Commit every owned partition's safe position (sync: wait, and report
 * a failure). */
int kafka_commit(kapp *app, int sync);
/* Wait for every output to be acknowledged (up to ms). */
int kafka_flush(kapp *app, int ms);
void kafka_tracks_free(kapp *app);

/* kafka_group.c */
/* Scrub the round polled so far and send it on; empties the round. */
int kafka_process_round(kapp *app);
void kafka_on_rebalance(rd_kafka_t *rk, rd_kafka_resp_err_t err,
                        rd_kafka_topic_partition_list_t *parts, void *opaque);

/* kafka.c */
double kafka_now(void);
/* Refresh the partition counts of --from and --to (after a rebalance). */
int kafka_refresh_partitions(kapp *app, int quiet);

#endif
