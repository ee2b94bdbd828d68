/* Unit tests of src/check/: rules checked against their own examples on
 * both matchers, and that the check reports each failure it finds. */
#include <check.h>
#include <stdio.h>
#include <string.h>

#include "helpers.h"

START_TEST(builtin_examples_pass)
{
    scrub_config *cfg = scrub_config_new();
    scrub_engine *eng = engine_with(NULL, NULL);
    ck_assert_uint_gt(scrub_config_rule_count(cfg), 8);
    ck_assert_int_eq(scrub_check_examples(cfg, eng, NULL, NULL), 0);
    scrub_engine_free(eng);
    scrub_config_free(cfg);
}
END_TEST

/* What the check reported: one line per failure. */
typedef struct report {
    char lines[16][160];
    int n;
} report;

static void on_fail(void *o, const char *rule_id, int positive,
                    scrub_matcher m, const char *text, const char *why)
{
    report *r = o;
    if (r->n < 16)
        snprintf(r->lines[r->n], sizeof r->lines[0], "%s %c %s [%s] %s",
                 rule_id, positive ? '+' : '-',
                 m == SCRUB_MATCHER_PCRE2       ? "pcre2"
                 : m == SCRUB_MATCHER_HYPERSCAN ? "hs"
                                                : "native",
                 text, why);
    r->n++;
}

/* The failures of the check of yaml's rules (alone, redacted). */
static long check_rules(const char *yaml, report *r)
{
    scrub_config *cfg = config_with(yaml, 0);
    ck_assert(!scrub_config_set_action(cfg, "all", SCRUB_ACTION_REDACT));
    scrub_engine *eng = engine_of(cfg);
    memset(r, 0, sizeof *r);
    long n = scrub_check_examples(cfg, eng, on_fail, r);
    scrub_engine_free(eng);
    scrub_config_free(cfg);
    return n;
}

#define ORDER_RULE                                                             \
    "rules:\n"                                                                 \
    "  - id: t.order\n"                                                        \
    "    type: ORDER\n"                                                        \
    "    pattern: 'ORD-[0-9]{6}'\n"                                            \
    "    left: '(?<![A-Za-z-])'\n"                                                \
    "    right: '(?![0-9])'\n"

/* The check must be able to fail: a rule whose examples are wrong both
 * ways yields one failure per example per matcher, each reported. */
START_TEST(wrong_examples_fail)
{
    report r;
    long n = check_rules(ORDER_RULE "    examples: ['ORD-12345']\n"
                                    "    negative_examples: ['x ORD-123456 y']\n",
                         &r);
    ck_assert_int_eq(n, 6);
    ck_assert_int_eq(r.n, 6);
    ck_assert_str_eq(r.lines[0], "t.order + native [ORD-12345] not found");
    ck_assert_str_eq(r.lines[1], "t.order + hs [ORD-12345] not found");
    ck_assert_str_eq(r.lines[2], "t.order + pcre2 [ORD-12345] not found");
    ck_assert_str_eq(r.lines[3],
                     "t.order - native [x ORD-123456 y] found, but must not be");
    ck_assert_str_eq(r.lines[4],
                     "t.order - hs [x ORD-123456 y] found, but must not be");
    ck_assert_str_eq(r.lines[5],
                     "t.order - pcre2 [x ORD-123456 y] found, but must not be");
}
END_TEST

START_TEST(marked_spans)
{
    report r;
    /* the finding must span exactly the text between the markers */
    ck_assert_int_eq(check_rules(ORDER_RULE "    examples: ['id «ORD-123456» ok',"
                                            " 'ORD-654321']\n"
                                            "    negative_examples: ['ORD-1234567',"
                                            " 'xORD-123456']\n",
                                 &r),
                     0);
    ck_assert_int_eq(check_rules(ORDER_RULE
                                 "    examples: ['«id ORD-123456» ok']\n",
                                 &r),
                     3);
    ck_assert_str_eq(r.lines[1], "t.order + hs [«id ORD-123456» ok] "
                                 "found, but with another span");
}
END_TEST

/* An exclusion's negative example must give no finding of any type. */
START_TEST(exclusion_examples)
{
    static const char *const y =
        ORDER_RULE
        "  - id: t.skip\n"
        "    exclude: true\n"
        "    keys: [ref]\n"
        "    value: '[A-Z0-9-]+'\n"
        "    negative_examples: ['ref=ORD-123456', 'see ORD-123456']\n";
    report r;
    ck_assert_int_eq(check_rules(y, &r), 3);
    ck_assert_ptr_nonnull(strstr(r.lines[1], "t.skip - hs [see ORD-123456]"));
}
END_TEST

static int count_examples(void *o, const char *id, const char *type,
                          int positive, const char *text)
{
    int *n = o;
    (void)type, (void)text;
    n[positive]++;
    return !strcmp(id, "t.stop") ? 7 : 0;
}

START_TEST(each_example)
{
    scrub_config *cfg = config_with(ORDER_RULE
                                    "    examples: [ORD-123456, ORD-654321]\n"
                                    "    negative_examples: [ORD-1]\n"
                                    "  - {id: t.stop, type: B, pattern: b,"
                                    " examples: [b, bb]}\n",
                                    0);
    int n[2] = {0, 0};
    ck_assert_int_eq(scrub_config_each_example(cfg, count_examples, n), 7);
    ck_assert_int_eq(n[1], 3); /* stopped at the first of t.stop */
    ck_assert_int_eq(n[0], 1);
    scrub_config_free(cfg);
    ck_assert_int_eq(scrub_config_each_example(NULL, count_examples, n), 0);
    ck_assert_int_eq(scrub_check_examples(NULL, NULL, NULL, NULL), 0);
}
END_TEST

/* The backtracking check reports each rule prone to catastrophic
 * backtracking, and neither a plain rule nor any built-in one. */
typedef struct bt_seen {
    char ids[8][40];
    int n;
} bt_seen;

static void on_costly(void *o, const char *rule_id, unsigned long steps)
{
    bt_seen *b = o;
    ck_assert_uint_gt(steps, 1000);
    if (b->n < 8)
        snprintf(b->ids[b->n], sizeof b->ids[0], "%s", rule_id);
    b->n++;
}

START_TEST(backtracking)
{
    scrub_config *cfg = scrub_config_new();
    scrub_engine *eng = engine_with(NULL, "redact");
    bt_seen b = {0};
    ck_assert_int_eq(scrub_check_backtracking(cfg, eng, on_costly, &b), 0);
    scrub_engine_free(eng);
    scrub_config_free(cfg);
    cfg = config_with("rules:\n"
                      "  - {id: t.nested, type: A, pattern: '(x+x+)+y'}\n"
                      "  - {id: t.plain, type: A, pattern: 'ORD[0-9]{6}'}\n"
                      "  - {id: t.alt, type: B, pattern: '(a|aa)+(?=c)'}\n"
                      "  - {id: t.words, type: B,"
                      " pattern: '(\\w+\\s?)+(?=;)'}\n",
                      0);
    ck_assert(!scrub_config_set_action(cfg, "all", SCRUB_ACTION_REDACT));
    eng = engine_of(cfg);
    ck_assert_int_eq(scrub_check_backtracking(cfg, eng, on_costly, &b), 3);
    ck_assert_int_eq(b.n, 3);
    ck_assert_str_eq(b.ids[0], "t.nested");
    ck_assert_str_eq(b.ids[1], "t.alt");
    ck_assert_str_eq(b.ids[2], "t.words");
    ck_assert_int_eq(scrub_check_backtracking(cfg, eng, NULL, NULL), 3);
    ck_assert_int_lt(scrub_check_backtracking(NULL, eng, NULL, NULL), 0);
    scrub_engine_free(eng);
    scrub_config_free(cfg);
}
END_TEST

Suite *check_suite(void)
{
    Suite *s = suite_create("check");
    TCase *t = tcase_create("check");
    tcase_set_timeout(t, 60);
    tcase_add_test(t, builtin_examples_pass);
    tcase_add_test(t, wrong_examples_fail);
    tcase_add_test(t, marked_spans);
    tcase_add_test(t, exclusion_examples);
    tcase_add_test(t, each_example);
    tcase_add_test(t, backtracking);
    suite_add_tcase(s, t);
    return s;
}
