/* kafka_out.c — where scrubbed records go, and when an input offset may
 * be committed.
 *
 * At least once (default): every output carries its input partition and
 * sequence number to its delivery report; an input offset is committed
 * only when the outputs of every record before it were acknowledged.
 * Exactly once (--exactly-once): each round is one Kafka transaction
 * holding its outputs and its input offsets; a failed round is aborted
 * and read again.
 * Fail closed: a record that cannot be scrubbed or produced is never
 * produced raw. With --dlq it becomes a placeholder in the dead-letter
 * topic (key, headers and timestamp kept, plus scrub-error and
 * scrub-source headers); without, scrub stops and its offset is never
 * committed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kafka.h"

#define PLACEHOLDER "[UNSCANNED]"

/* ---- in-flight records per input partition ---------------------------- */

ktrack *kafka_track(kapp *app, int32_t part)
{
    if (part < 0)
        return NULL;
    if ((size_t)part >= app->ntracks) {
        size_t n = (size_t)part + 1;
        ktrack *t = realloc(app->tracks, n * sizeof *t);
        if (!t)
            return NULL;
        for (size_t i = app->ntracks; i < n; i++)
            t[i] = (ktrack){.next = -1, .committed = -1, .round_first = -1};
        app->tracks = t;
        app->ntracks = n;
    }
    return &app->tracks[part];
}

static int track_grow(ktrack *t)
{
    size_t cap = t->cap ? t->cap * 2 : 4096;
    int64_t *offs = malloc(cap * sizeof *offs);
    unsigned char *done = malloc(cap);
    if (!offs || !done) {
        free(offs);
        free(done);
        return -1;
    }
    for (uint64_t s = t->head; s < t->tail; s++) {
        offs[s % cap] = t->offs[s % t->cap];
        done[s % cap] = t->done[s % t->cap];
    }
    free(t->offs);
    free(t->done);
    t->offs = offs;
    t->done = done;
    t->cap = cap;
    return 0;
}

int kafka_track_take(ktrack *t, int64_t offset, uint64_t *seq)
{
    if (t->tail - t->head == t->cap && track_grow(t))
        return -1;
    t->offs[t->tail % t->cap] = offset;
    t->done[t->tail % t->cap] = 0;
    *seq = t->tail++;
    t->next = offset + 1;
    return 0;
}

static int in_flight(const ktrack *t, uint64_t seq)
{
    return t && seq >= t->head && seq < t->tail;
}

/* The offset to commit: the first record not yet acknowledged, or the
 * one after the last record taken. */
static int64_t track_position(ktrack *t)
{
    while (t->head < t->tail && t->done[t->head % t->cap])
        t->head++;
    return t->head < t->tail ? t->offs[t->head % t->cap] : t->next;
}

void kafka_track_reset(ktrack *t, int owned)
{
    t->head = t->tail; /* late reports of dropped records are ignored */
    t->next = t->committed = t->round_first = -1;
    t->owned = owned;
}

void kafka_tracks_free(kapp *app)
{
    for (size_t i = 0; i < app->ntracks; i++) {
        free(app->tracks[i].offs);
        free(app->tracks[i].done);
    }
    free(app->tracks);
    app->tracks = NULL;
    app->ntracks = 0;
}

int kafka_commit(kapp *app, int sync)
{
    rd_kafka_topic_partition_list_t *l = rd_kafka_topic_partition_list_new(4);
    for (size_t i = 0; i < app->ntracks; i++) {
        ktrack *t = &app->tracks[i];
        int64_t pos = t->owned ? track_position(t) : -1;
        if (pos >= 0 && (pos > t->committed || sync))
            rd_kafka_topic_partition_list_add(l, app->o->kafka_from,
                                              (int32_t)i)->offset = pos;
    }
    app->last_commit = kafka_now();
    rd_kafka_resp_err_t err =
        l->cnt ? rd_kafka_commit(app->cons, l, !sync) : 0;
    for (int i = 0; !err && i < l->cnt; i++)
        app->tracks[l->elems[i].partition].committed = l->elems[i].offset;
    rd_kafka_topic_partition_list_destroy(l);
    if (err && sync) {
        die_msg("warning: cannot commit the offsets of topic %s: %s (records "
                "after the last commit will be read again)",
                app->o->kafka_from, rd_kafka_err2str(err));
        return -1;
    }
    return 0;
}

int kafka_flush(kapp *app, int ms)
{
    if (!app->prod || !rd_kafka_flush(app->prod, ms))
        return 0;
    die_msg("records sent to topic %s were not acknowledged within %d s; "
            "their input offsets stay uncommitted",
            app->o->kafka_to, ms / 1000);
    app->fatal = 1;
    return -1;
}

/* ---- producing ---------------------------------------------------------- */

static rd_kafka_headers_t *copy_headers(const rd_kafka_message_t *m)
{
    rd_kafka_headers_t *h = NULL;
    if (rd_kafka_message_headers(m, &h) || !h)
        return NULL;
    return rd_kafka_headers_copy(h);
}

/* Key, headers (h, owned) and timestamp of m, the given value. */
static rd_kafka_resp_err_t produce(kapp *app, rd_kafka_topic_t *t,
                                   int32_t part, const rd_kafka_message_t *m,
                                   const char *val, size_t len,
                                   rd_kafka_headers_t *h, kpending *p)
{
    int64_t ts = rd_kafka_message_timestamp(m, NULL);
    rd_kafka_resp_err_t e;
    for (;;) {
        e = rd_kafka_producev(
            app->prod, RD_KAFKA_V_RKT(t), RD_KAFKA_V_PARTITION(part),
            RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY),
            RD_KAFKA_V_VALUE((void *)val, len),
            RD_KAFKA_V_KEY(m->key, m->key_len),
            RD_KAFKA_V_TIMESTAMP(ts > 0 ? ts : 0), RD_KAFKA_V_HEADERS(h),
            RD_KAFKA_V_OPAQUE(p), RD_KAFKA_V_END);
        if (e != RD_KAFKA_RESP_ERR__QUEUE_FULL || app->fatal)
            break;
        rd_kafka_poll(app->prod, 100); /* room comes with acknowledgements */
    }
    if (e && h)
        rd_kafka_headers_destroy(h);
    return e;
}

/* The record could not be scrubbed or produced: a placeholder goes to the
 * dead-letter topic, or scrub stops. p is kept by the placeholder, or
 * freed. */
static int set_aside(kapp *app, const rd_kafka_message_t *m, kpending *p,
                     int64_t offset, const char *why)
{
    const options *o = app->o;
    if (!app->dlq) {
        die_msg("record %s/%d@%lld: %s; stopping, its offset is not "
                "committed (--dlq TOPIC sets such records aside)",
                o->kafka_from, (int)p->part, (long long)offset, why);
        app->fatal = 1;
        free(p);
        return -1;
    }
    rd_kafka_headers_t *h = copy_headers(m);
    if (!h)
        h = rd_kafka_headers_new(2);
    char src[400];
    snprintf(src, sizeof src, "%s/%d/%lld", o->kafka_from, (int)p->part,
             (long long)offset);
    rd_kafka_header_add(h, "scrub-error", -1, why, -1);
    rd_kafka_header_add(h, "scrub-source", -1, src, -1);
    p->dlq = 1;
    rd_kafka_resp_err_t e = produce(app, app->dlq, RD_KAFKA_PARTITION_UA, m,
                                    PLACEHOLDER, strlen(PLACEHOLDER), h, p);
    if (e) {
        die_msg("cannot produce to the dead-letter topic %s: %s", o->kafka_dlq,
                rd_kafka_err2str(e));
        app->fatal = 1;
        free(p);
        return -1;
    }
    return 0;
}

static int32_t out_partition(const kapp *app, const rd_kafka_message_t *m)
{
    if (app->in_parts == app->out_parts)
        return m->partition;
    if (m->key)
        return RD_KAFKA_PARTITION_UA; /* the partitioner, by key */
    return m->partition % app->out_parts; /* keeps one input's order */
}

static int produce_record(kapp *app, const krecord *rec)
{
    const rd_kafka_message_t *m = rec->m;
    ktrack *t = kafka_track(app, m->partition);
    kpending *p = calloc(1, sizeof *p);
    if (!t || !p || kafka_track_take(t, m->offset, &p->seq)) {
        free(p);
        die_msg("out of memory");
        app->fatal = 1;
        return -1;
    }
    p->part = m->partition;
    if (t->round_first < 0)
        t->round_first = m->offset;
    if (rec->rc)
        return set_aside(app, m, p, m->offset, scrub_error_name(rec->rc));
    const char *val = m->payload ? kpool_output(app->pool, rec) : NULL;
    rd_kafka_resp_err_t e =
        produce(app, app->out, out_partition(app, m), m, val, rec->out_len,
                copy_headers(m), p);
    if (!e)
        return 0;
    char why[300];
    snprintf(why, sizeof why, "cannot be produced to %s: %s",
             app->o->kafka_to, rd_kafka_err2str(e));
    return set_aside(app, m, p, m->offset, why);
}

int kafka_produce_round(kapp *app, const kround *r)
{
    for (size_t i = 0; i < r->n && !app->fatal; i++)
        if (produce_record(app, &r->r[i]))
            return -1;
    return app->fatal ? -1 : 0;
}

void kafka_on_delivery(rd_kafka_t *rk, const rd_kafka_message_t *m,
                       void *opaque)
{
    (void)rk;
    kapp *app = opaque;
    kpending *p = m->_private;
    ktrack *t = p ? kafka_track(app, p->part) : NULL;
    if (!p || !in_flight(t, p->seq)) { /* a record already let go */
        free(p);
        return;
    }
    int64_t offset = t->offs[p->seq % t->cap];
    if (m->err && !p->dlq && app->dlq && !app->o->exactly_once) {
        char why[300];
        snprintf(why, sizeof why, "not delivered to %s: %s",
                 app->o->kafka_to, rd_kafka_err2str(m->err));
        set_aside(app, m, p, offset, why);
        return;
    }
    if (m->err && !app->o->exactly_once && !app->fatal) {
        die_msg("record %s/%d@%lld: not delivered to %s: %s; stopping, its "
                "offset is not committed", app->o->kafka_from, (int)p->part,
                (long long)offset, p->dlq ? app->o->kafka_dlq
                                          : app->o->kafka_to,
                rd_kafka_err2str(m->err));
        app->fatal = 1;
    } else if (!m->err) {
        t->done[p->seq % t->cap] = 1;
        *(p->dlq ? &app->n_dlq : &app->n_out) += 1;
        app->bytes_out += m->len;
    }
    free(p);
}
