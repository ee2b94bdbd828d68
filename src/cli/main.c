/* main.c — scrub: the command line front end of libscrub. */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *buf = NULL;
    size_t n = 0, cap = 0;
    for (;;) {
        if (cap - n < 65536) {
            char *nb = realloc(buf, cap = cap * 2 + 65536);
            if (!nb)
                break;
            buf = nb;
        }
        size_t r = fread(buf + n, 1, cap - n, f);
        n += r;
        if (r == 0)
            break;
    }
    int bad = ferror(f) || !buf;
    fclose(f);
    if (bad) {
        free(buf);
        return NULL;
    }
    *len = n;
    return buf;
}

static int apply_configs(scrub_config *cfg, const options *o)
{
    for (size_t i = 0; i < o->nconfigs; i++) {
        size_t len;
        char err[300];
        char *text = slurp(o->configs[i], &len);
        if (!text) {
            die_msg("cannot read config %s", o->configs[i]);
            return EXIT_ERROR;
        }
        int rc = scrub_config_load_yaml(cfg, text, len, o->configs[i], err,
                                        sizeof err);
        free(text);
        if (rc) {
            die_msg("%s", err);
            return EXIT_ERROR;
        }
    }
    return EXIT_OK;
}

static int apply_actions(scrub_config *cfg, const options *o)
{
    for (size_t i = 0; i < o->nactions; i++) {
        const char *spec = o->actions[i];
        const char *eq = strchr(spec, '=');
        scrub_action a;
        if (!eq || eq == spec || scrub_action_parse(eq + 1, &a)) {
            die_msg("--action takes TYPE=ACTION with ACTION one of hash, "
                    "mask, redact, keep");
            return EXIT_ERROR;
        }
        char type[64];
        size_t tl = (size_t)(eq - spec);
        if (tl >= sizeof type)
            tl = sizeof type - 1;
        memcpy(type, spec, tl);
        type[tl] = '\0';
        if (scrub_config_set_action(cfg, type, a)) {
            die_msg("--action: bad type name '%s'", type);
            return EXIT_ERROR;
        }
    }
    return EXIT_OK;
}

static void on_check_failure(void *opaque, const char *rule_id, int positive,
                             scrub_matcher m, const char *text,
                             const char *why)
{
    (void)opaque;
    /* Examples are the rule author's test data, not user input. */
    printf("FAIL %s %s [%s]: %s: %s\n", rule_id,
           positive ? "example" : "negative_example",
           m == SCRUB_MATCHER_PCRE2       ? "pcre2"
           : m == SCRUB_MATCHER_HYPERSCAN ? "hyperscan"
                                          : "native",
           why, text);
}

static int list_or_check(const scrub_config *cfg, const scrub_engine *eng,
                         const options *o)
{
    if (o->list_rules) {
        for (size_t i = 0; i < scrub_config_rule_count(cfg); i++)
            printf("%s\t%s\n", scrub_config_rule_id(cfg, i),
                   scrub_config_rule_type(cfg, i));
        return EXIT_OK;
    }
    long fails = scrub_check_examples(cfg, eng, on_check_failure, NULL);
    if (fails < 0) {
        die_msg("out of memory");
        return EXIT_ERROR;
    }
    printf("%ld example failures\n", fails);
    return fails ? EXIT_FINDINGS_FAILED : EXIT_OK;
}

static int run(const options *o)
{
    scrub_config *cfg = scrub_config_new();
    scrub_engine *eng = NULL;
    char err[300];
    int rc = EXIT_OK;
    if (!cfg) {
        die_msg("cannot load the built-in rules");
        return EXIT_ERROR;
    }
    if ((rc = apply_configs(cfg, o)) || (rc = apply_actions(cfg, o)))
        goto out;
    bool testing = o->list_rules || o->check_rules;
    if ((rc = load_retired_keys(cfg)))
        goto out;
    if (o->rsyslog && !o->key_file && scrub_config_needs_key(cfg)) {
        rc = EXIT_ERROR; /* rsyslog gives no environment: -k is a must */
        goto out;
    }
    if (!o->findings && !testing &&
        (scrub_config_needs_key(cfg) || o->reveal) &&
        (rc = load_key(cfg, o->key_file, false)))
        goto out;
    if (testing || o->findings) { /* no token is made: any key will do */
        unsigned char tmp[32];
        randombytes_buf(tmp, sizeof tmp);
        scrub_config_set_key(cfg, tmp, sizeof tmp, NULL, 0);
        sodium_memzero(tmp, sizeof tmp);
    }
    if (scrub_engine_new(&eng, cfg, err, sizeof err)) {
        die_msg("%s", err);
        rc = EXIT_ERROR;
        goto out;
    }
    if (o->rsyslog)
        rc = run_rsyslog(eng, o->rsyslog_input ? o->rsyslog_input : "msg");
#ifdef SCRUB_HAVE_KAFKA
    else if (o->kafka_brokers)
        rc = run_kafka(eng, o);
#endif
    else
        rc = testing ? list_or_check(cfg, eng, o) : run_filter(eng, o);
out:
    scrub_engine_free(eng);
    scrub_config_free(cfg);
    if (rc && o->rsyslog && !eng) /* could not start: answer, never leak */
        rc = rsyslog_fail_closed(o->rsyslog_input ? o->rsyslog_input : "msg");
    return rc;
}

int main(int argc, char **argv)
{
    options o;
    /* rsyslog reads stderr through the same pipe as our replies: in that
     * mode every diagnostic goes nowhere. */
    for (int i = 1; i < argc; i++)
        if (!strcmp(argv[i], "--rsyslog") ||
            !strncmp(argv[i], "--rsyslog-input", 15))
            if (!freopen("/dev/null", "w", stderr))
                return EXIT_ERROR;
    int rc = parse_options(argc, argv, &o);
    if (rc < 0) {
        if (o.keygen_file)
            rc = write_new_keyfile(o.keygen_file);
        else
            rc = run(&o);
    }
    free(o.configs);
    free(o.actions);
    free(o.files);
    free(o.kafka_props);
    return rc;
}
