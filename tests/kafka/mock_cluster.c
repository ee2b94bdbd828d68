/* mock_cluster.c — a Kafka protocol peer for tests/suites/kafka.py and
 * bench/kafka-bench: librdkafka's mock cluster (rdkafka_mock.h) on
 * loopback.
 *
 *   kafka_mock [--brokers N] TOPIC:PARTITIONS...
 *       starts the cluster, creates the topics, prints the bootstrap
 *       servers as one line on stdout and runs until SIGTERM or SIGINT.
 *   kafka_mock --committed BROKERS GROUP TOPIC
 *       prints "PARTITION OFFSET" for every partition of TOPIC: the offset
 *       GROUP committed (-1001 when none), and exits.
 *
 * Mock brokers listen on 127.0.0.1 only. Nothing is stored on disk. */
#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int usage(void)
{
    fputs("usage: kafka_mock [--brokers N] TOPIC:PARTITIONS...\n"
          "       kafka_mock --committed BROKERS GROUP TOPIC\n", stderr);
    return 2;
}

/* Quiet: the mock's own log lines are of no use to a test's output. */
static void no_log(const rd_kafka_t *rk, int level, const char *fac,
                   const char *buf)
{
    (void)rk, (void)level, (void)fac, (void)buf;
}

static int create_topics(rd_kafka_mock_cluster_t *mc, char **specs, int n)
{
    for (int i = 0; i < n; i++) {
        char *colon = strrchr(specs[i], ':');
        int parts = colon ? atoi(colon + 1) : 0;
        if (!colon || colon == specs[i] || parts < 1) {
            fprintf(stderr, "kafka_mock: bad topic spec %s\n", specs[i]);
            return -1;
        }
        *colon = '\0';
        if (rd_kafka_mock_topic_create(mc, specs[i], parts, 1)) {
            fprintf(stderr, "kafka_mock: cannot create topic %s\n", specs[i]);
            return -1;
        }
    }
    return 0;
}

static int run_cluster(int nbrokers, char **specs, int n)
{
    char err[256];
    rd_kafka_conf_t *conf = rd_kafka_conf_new();
    rd_kafka_conf_set_log_cb(conf, no_log);
    rd_kafka_t *rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf, err, sizeof err);
    if (!rk) {
        fprintf(stderr, "kafka_mock: %s\n", err);
        return 1;
    }
    rd_kafka_mock_cluster_t *mc = rd_kafka_mock_cluster_new(rk, nbrokers);
    if (!mc || create_topics(mc, specs, n)) {
        fprintf(stderr, "kafka_mock: cannot start the mock cluster\n");
        return 1;
    }
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGINT);
    pthread_sigmask(SIG_BLOCK, &set, NULL);
    printf("%s\n", rd_kafka_mock_cluster_bootstraps(mc));
    fflush(stdout);
    int sig;
    sigwait(&set, &sig);
    rd_kafka_mock_cluster_destroy(mc);
    rd_kafka_destroy(rk);
    return 0;
}

static int print_committed(const char *brokers, const char *group,
                           const char *topic)
{
    char err[256];
    rd_kafka_conf_t *conf = rd_kafka_conf_new();
    rd_kafka_conf_set_log_cb(conf, no_log);
    if (rd_kafka_conf_set(conf, "bootstrap.servers", brokers, err,
                          sizeof err) ||
        rd_kafka_conf_set(conf, "group.id", group, err, sizeof err)) {
        fprintf(stderr, "kafka_mock: %s\n", err);
        return 2;
    }
    rd_kafka_t *rk = rd_kafka_new(RD_KAFKA_CONSUMER, conf, err, sizeof err);
    const rd_kafka_metadata_t *md = NULL;
    rd_kafka_topic_t *rkt = rk ? rd_kafka_topic_new(rk, topic, NULL) : NULL;
    if (!rkt || rd_kafka_metadata(rk, 0, rkt, &md, 10000) ||
        md->topic_cnt != 1 || md->topics[0].err) {
        fprintf(stderr, "kafka_mock: no metadata for topic %s\n", topic);
        return 2;
    }
    rd_kafka_topic_partition_list_t *l =
        rd_kafka_topic_partition_list_new(md->topics[0].partition_cnt);
    for (int i = 0; i < md->topics[0].partition_cnt; i++)
        rd_kafka_topic_partition_list_add(l, topic,
                                          md->topics[0].partitions[i].id);
    rd_kafka_metadata_destroy(md);
    if (rd_kafka_committed(rk, l, 10000)) {
        fprintf(stderr, "kafka_mock: cannot read committed offsets\n");
        return 2;
    }
    for (int i = 0; i < l->cnt; i++)
        printf("%d %lld\n", (int)l->elems[i].partition,
               (long long)l->elems[i].offset);
    rd_kafka_topic_partition_list_destroy(l);
    rd_kafka_topic_destroy(rkt);
    rd_kafka_destroy(rk);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc == 5 && !strcmp(argv[1], "--committed"))
        return print_committed(argv[2], argv[3], argv[4]);
    int nbrokers = 3, i = 1;
    if (argc > 2 && !strcmp(argv[1], "--brokers")) {
        nbrokers = atoi(argv[2]);
        i = 3;
    }
    if (nbrokers < 1 || i >= argc)
        return usage();
    return run_cluster(nbrokers, argv + i, argc - i);
}
