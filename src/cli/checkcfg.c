/* checkcfg.c — the modes that check and exit, reading no input.
 *
 * --check-config [-c FILE]... [-k KEY] [-a T=A]...: like `vector
 * validate` or `rsyslogd -N1`: every config file loads, the rules
 * compile, every rule's examples and negative examples hold on both
 * matchers, every -a names an action and a type the rules have, the key
 * file (-k, else $SCRUB_KEY_FILE, else the default one if it exists) is
 * a regular file only its owner can read, and a key; so are the retired
 * keys a config names. Each problem is one line on stderr (examples by
 * number: their text can look like personal data); with none, one line
 * "scrub: config ok (N rules, M types)" on stdout. Exit 0 or 2.
 *
 * --check-rules prints each failing example in full (rule authors' test
 * data) and "N example failures", exit 1 on any; --list-rules prints
 * "id<TAB>type" per rule. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

/* The number (1-based, among its rule's examples or negative examples)
 * of a failing example. */
typedef struct which {
    const char *rule;
    int positive;
    const char *text;
    long n, found;
} which;

static int count_example(void *opaque, const char *rule_id, const char *type,
                         int positive, const char *text)
{
    which *w = opaque;
    (void)type;
    if (strcmp(rule_id, w->rule) || positive != w->positive)
        return 0;
    w->n++;
    if (text == w->text || !strcmp(text, w->text)) {
        w->found = w->n;
        return 1;
    }
    return 0;
}

typedef struct check_state {
    const scrub_config *cfg;
} check_state;

/* A rule prone to catastrophic backtracking: a warning, not a failure
 * (a line that makes it backtrack is withheld, see --on-scan-error). */
static void on_backtrack(void *opaque, const char *rule_id,
                         unsigned long steps)
{
    (void)opaque;
    notice_msg("warning: rule %s may backtrack catastrophically: on a crafted "
            "line its match needed more than %lu steps at one start (a line "
            "that makes it backtrack is written as [UNSCANNED])",
            rule_id, steps);
}

static const char *matcher_name(scrub_matcher m)
{
    return m == SCRUB_MATCHER_PCRE2       ? "pcre2"
           : m == SCRUB_MATCHER_HYPERSCAN ? "hyperscan"
                                          : "native";
}

static void on_example_failure(void *opaque, const char *rule_id,
                               int positive, scrub_matcher m,
                               const char *text, const char *why)
{
    const check_state *cs = opaque;
    which w = {rule_id, positive, text, 0, 0};
    scrub_config_each_example(cs->cfg, count_example, &w);
    die_msg("rule %s: %s %ld: %s (%s)", rule_id,
            positive ? "example" : "negative_example", w.found, why,
            matcher_name(m));
}

/* The key a run would use; none yet (the default one is made on first
 * use) is no error. */
static int check_key(scrub_config *cfg, const options *o, char *err,
                     size_t errlen)
{
    const char *env = getenv("SCRUB_KEY_FILE");
    const char *path = o->key_file ? o->key_file : env && *env ? env : NULL;
    char *def = NULL;
    if (!path && (def = default_key_path()) && access(def, F_OK) == 0)
        path = def;
    int rc = path ? load_key(cfg, path, true, err, errlen) : EXIT_OK;
    if (!path || rc)
        set_throwaway_key(cfg); /* the rules can still be checked */
    free(def);
    return rc;
}

static size_t count_rules(const scrub_config *cfg)
{
    size_t n = 0;
    for (size_t i = 0; i < scrub_config_rule_count(cfg); i++)
        n += strchr(scrub_config_rule_id(cfg, i), '#') == NULL;
    return n;
}

/* Engine, -a types and examples; returns the number of problems. */
static long check_engine(scrub_config *cfg, const options *o,
                         const bool *bad_action, size_t *ntypes)
{
    char err[700];
    scrub_engine *eng = NULL;
    long errors = 0;
    if (scrub_engine_new(&eng, cfg, err, sizeof err)) {
        die_msg("%s", err);
        return 1;
    }
    *ntypes = scrub_engine_type_count(eng);
    for (size_t i = 0; i < o->nactions; i++)
        if (!bad_action[i] &&
            engine_check_action(eng, o->actions[i], err, sizeof err)) {
            die_msg("%s", err);
            errors++;
        }
    check_state cs = {cfg};
    long fails = scrub_check_examples(cfg, eng, on_example_failure, &cs);
    if (fails >= 0 && scrub_check_backtracking(cfg, eng, on_backtrack, NULL) < 0)
        fails = -1;
    if (fails < 0) {
        die_msg("out of memory");
        fails = 1;
    }
    scrub_engine_free(eng);
    return errors + fails;
}

int run_check_config(const options *o)
{
    char err[700];
    long errors = 0;
    bool loaded = true;
    scrub_config *cfg = scrub_config_new();
    if (!cfg) {
        die_msg("cannot load the built-in rules");
        return EXIT_ERROR;
    }
    for (size_t i = 0; i < o->nconfigs; i++)
        if (config_load_file(cfg, o->configs[i], err, sizeof err)) {
            die_msg("%s", err);
            errors++;
            loaded = false;
        }
    bool *bad_action = calloc(o->nactions + 1, sizeof *bad_action);
    for (size_t i = 0; bad_action && i < o->nactions; i++)
        if (config_set_action(cfg, o->actions[i], err, sizeof err)) {
            die_msg("%s", err);
            errors++;
            bad_action[i] = true;
        }
    if (load_retired_keys(cfg, err, sizeof err)) {
        die_msg("%s", err);
        errors++;
    }
    if (check_key(cfg, o, err, sizeof err)) {
        die_msg("%s", err);
        errors++;
    }
    size_t ntypes = 0;
    if (!bad_action) {
        die_msg("out of memory");
        errors++;
    } else if (loaded) { /* else there is nothing to compile */
        errors += check_engine(cfg, o, bad_action, &ntypes);
    }
    free(bad_action);
    if (!errors)
        printf("scrub: config ok (%zu rules, %zu types)\n", count_rules(cfg),
               ntypes);
    scrub_config_free(cfg);
    return errors ? EXIT_ERROR : EXIT_OK;
}

static void on_check_failure(void *opaque, const char *rule_id, int positive,
                             scrub_matcher m, const char *text,
                             const char *why)
{
    (void)opaque;
    /* Examples are the rule author's test data, not user input. */
    printf("FAIL %s %s [%s]: %s: %s\n", rule_id,
           positive ? "example" : "negative_example",
           matcher_name(m), why, text);
}

static int build(const options *o, scrub_config *cfg, scrub_engine **eng)
{
    char err[700];
    int rc = EXIT_OK;
    for (size_t i = 0; !rc && i < o->nconfigs; i++)
        rc = config_load_file(cfg, o->configs[i], err, sizeof err);
    for (size_t i = 0; !rc && i < o->nactions; i++)
        rc = config_set_action(cfg, o->actions[i], err, sizeof err);
    if (!rc)
        rc = load_retired_keys(cfg, err, sizeof err);
    if (!rc && o->key_file) /* named: it must be a good one */
        rc = load_key(cfg, o->key_file, true, err, sizeof err);
    else if (!rc)
        set_throwaway_key(cfg);
    if (!rc && scrub_engine_new(eng, cfg, err, sizeof err))
        rc = EXIT_ERROR;
    for (size_t i = 0; !rc && i < o->nactions; i++)
        rc = engine_check_action(*eng, o->actions[i], err, sizeof err);
    if (rc)
        die_msg("%s", err);
    return rc;
}

int run_list_or_check(const options *o)
{
    scrub_config *cfg = scrub_config_new();
    scrub_engine *eng = NULL;
    if (!cfg) {
        die_msg("cannot load the built-in rules");
        return EXIT_ERROR;
    }
    int rc = build(o, cfg, &eng);
    if (!rc && o->list_rules) {
        for (size_t i = 0; i < scrub_config_rule_count(cfg); i++)
            printf("%s\t%s\n", scrub_config_rule_id(cfg, i),
                   scrub_config_rule_type(cfg, i));
    } else if (!rc) {
        long fails = scrub_check_examples(cfg, eng, on_check_failure, NULL);
        if (fails >= 0 &&
            scrub_check_backtracking(cfg, eng, on_backtrack, NULL) < 0)
            fails = -1;
        if (fails < 0) {
            die_msg("out of memory");
            rc = EXIT_ERROR;
        } else {
            printf("%ld example failures\n", fails);
            rc = fails ? EXIT_FINDINGS_FAILED : EXIT_OK;
        }
    }
    scrub_engine_free(eng);
    scrub_config_free(cfg);
    return rc;
}
