/* Unit tests of the engine: rules, examples, overlaps, streaming. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "engine/engine.h"

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

/* The example check must be able to fail: a rule whose examples are
 * wrong both ways yields one failure per example per matcher. */
START_TEST(example_check_can_fail)
{
    const char *y = "rules:\n"
                    "  - id: t.order\n"
                    "    type: ORDER\n"
                    "    pattern: 'ORD-[0-9]{6}'\n"
                    "    examples: ['ORD-12345']\n"
                    "    negative_examples: ['x ORD-123456 y']\n";
    scrub_config *cfg = scrub_config_new_empty();
    char err[256];
    ck_assert(!scrub_config_load_yaml(cfg, y, strlen(y), "t", err, 256));
    scrub_engine *eng = NULL;
    ck_assert(!scrub_config_set_action(cfg, "all", SCRUB_ACTION_REDACT));
    ck_assert(!scrub_engine_new(&eng, cfg, err, sizeof err));
    ck_assert_int_eq(scrub_check_examples(cfg, eng, NULL, NULL), 4);
    scrub_engine_free(eng);
    scrub_config_free(cfg);
}
END_TEST

START_TEST(config_errors)
{
    scrub_config *cfg = scrub_config_new_empty();
    char err[256];
    const char *bad_yaml = "rules: [\n";
    ck_assert_int_eq(scrub_config_load_yaml(cfg, bad_yaml, strlen(bad_yaml),
                                            "f.yml", err, sizeof err),
                     SCRUB_E_CONFIG);
    ck_assert_ptr_nonnull(strstr(err, "f.yml:"));
    const char *unknown = "rules:\n  - id: a\n    type: A\n    pattern: x\n"
                          "    colour: red\n";
    ck_assert_int_eq(scrub_config_load_yaml(cfg, unknown, strlen(unknown),
                                            "g.yml", err, sizeof err),
                     SCRUB_E_CONFIG);
    ck_assert_ptr_nonnull(strstr(err, "colour"));
    const char *badtype = "rules:\n  - {id: a, type: lower, pattern: x}\n";
    ck_assert_int_eq(scrub_config_load_yaml(cfg, badtype, strlen(badtype),
                                            "h", err, sizeof err),
                     SCRUB_E_CONFIG);
    const char *badre = "rules:\n  - {id: broken.one, type: A, pattern: 'a(b'}\n";
    ck_assert(!scrub_config_load_yaml(cfg, badre, strlen(badre), "i", err,
                                      sizeof err));
    scrub_config_set_action(cfg, "all", SCRUB_ACTION_REDACT);
    scrub_engine *eng = NULL;
    ck_assert_int_eq(scrub_engine_new(&eng, cfg, err, sizeof err),
                     SCRUB_E_PATTERN);
    ck_assert_ptr_nonnull(strstr(err, "broken.one"));
    ck_assert_ptr_null(eng);
    scrub_config_free(cfg);
}
END_TEST

START_TEST(hash_needs_key)
{
    scrub_config *cfg = scrub_config_new();
    scrub_engine *eng = NULL;
    char err[128];
    ck_assert_int_eq(scrub_engine_new(&eng, cfg, err, sizeof err),
                     SCRUB_E_KEY);
    ck_assert(!scrub_config_set_action(cfg, "all", SCRUB_ACTION_MASK));
    ck_assert(!scrub_engine_new(&eng, cfg, err, sizeof err));
    scrub_engine_free(eng);
    scrub_config_free(cfg);
}
END_TEST

START_TEST(override_disable_and_pcre2_rule)
{
    /* A backreference: Hyperscan cannot take it, PCRE2 runs it. */
    const char *y = "rules:\n"
                    "  - id: t.twice\n"
                    "    type: TWICE\n"
                    "    pattern: '([a-z]{3})-\\1'\n"
                    "    left: '(?<![a-z])'\n"
                    "    right: '(?![a-z])'\n"
                    "disable: [imei.plain]\n"
                    "actions: {TWICE: redact, IMEI: redact, PHONE: keep}\n";
    scrub_engine *eng = engine_with(y, NULL);
    char *o = scrub_str(eng, "abc-abc abc-abd 354178036859789 13812345678");
    ck_assert_str_eq(o, "[TWICE] abc-abd 354178036859789 13812345678");
    free(o);
    scrub_engine_free(eng);
}
END_TEST

START_TEST(overlaps_leftmost_longest)
{
    scrub_engine *eng = engine_with(NULL, "redact");
    /* The phone inside the URL-encoded email is part of the email. */
    char *o = scrub_str(eng, "u=13957525385%40163.com&");
    ck_assert_str_eq(o, "u=[EMAIL]&");
    free(o);
    /* IPv4 embedded in IPv6: one IPv6 finding. */
    o = scrub_str(eng, "a ::ffff:192.0.2.1 b");
    ck_assert_str_eq(o, "a [IPV6] b");
    free(o);
    scrub_engine_free(eng);
}
END_TEST

START_TEST(offsets_and_lines)
{
    scrub_engine *eng = engine_with(NULL, "redact");
    const char *t = "first\r\nx 13812345678\n\nip 10.1.2.3 and a@b.cn";
    run_result r;
    run_text(eng, t, strlen(t), 0, SCRUB_MATCHER_HYPERSCAN, &r);
    ck_assert_int_eq(r.rc, 0);
    ck_assert_uint_eq(r.nf, 3);
    ck_assert_str_eq(r.types[0], "PHONE");
    ck_assert_uint_eq(r.offs[0], 9);
    ck_assert_uint_eq(r.lens[0], 11);
    ck_assert_uint_eq(r.lines[0], 2);
    ck_assert_str_eq(r.types[1], "IPV4");
    ck_assert_uint_eq(r.offs[1], 25);
    ck_assert_uint_eq(r.lines[1], 4);
    ck_assert_str_eq(r.types[2], "EMAIL");
    ck_assert_uint_eq(r.lines[2], 4);
    sbuf_free(&r.out);
    scrub_engine_free(eng);
}
END_TEST

static void build_corpus(sbuf *b)
{
    static const char *const parts[] = {
        "GET /a?phone=13812345678&e=a%40b.com HTTP/1.1\n",
        "{\"id\":\"110101199003078670\",\"card\":\"4111 1111 1111 1111\"}\n",
        "imei 354178036859789 mac 00:1a:2b:3c:4d:5e ip 10.0.0.1\r\n",
        "v6 [2001:db8::1]:80 ts 1700000000000 ver 10.0.19045.3693\n",
        "bin \x00\xff\xfe\x80 gbk \xc4\xe3\xba\xc3 13912345678",
    };
    for (int rep = 0; rep < 40; rep++)
        for (size_t i = 0; i < sizeof parts / sizeof *parts; i++)
            sbuf_put(b, parts[i], strlen(parts[i]) + (i == 4 ? 0 : 0));
    /* the NUL inside part 4 cut strlen short: add the tail explicitly */
    sbuf_put(b, "\x00 tail 13812345678", 18);
}

START_TEST(block_size_and_matcher_invariance)
{
    scrub_engine *eng = engine_with(NULL, NULL);
    sbuf corpus = {0};
    build_corpus(&corpus);
    run_result ref;
    run_text(eng, corpus.p, corpus.len, 0, SCRUB_MATCHER_HYPERSCAN, &ref);
    ck_assert_int_eq(ref.rc, 0);
    ck_assert_uint_gt(ref.nf, 10);
    static const size_t blocks[] = {1, 2, 3, 17, 64, 1000, 65536};
    for (size_t i = 0; i < sizeof blocks / sizeof *blocks; i++) {
        for (int m = 0; m < 2; m++) {
            run_result r;
            run_text(eng, corpus.p, corpus.len, blocks[i],
                     m ? SCRUB_MATCHER_PCRE2 : SCRUB_MATCHER_HYPERSCAN, &r);
            ck_assert_int_eq(r.rc, 0);
            ck_assert_uint_eq(r.out.len, ref.out.len);
            ck_assert_msg(memcmp(r.out.p, ref.out.p, r.out.len) == 0,
                          "block %zu matcher %d differs", blocks[i], m);
            sbuf_free(&r.out);
        }
    }
    sbuf_free(&ref.out);
    sbuf_free(&corpus);
    scrub_engine_free(eng);
}
END_TEST

static bool same_probe(const builtin_probe *a, const builtin_probe *b)
{
    return a->hash == b->hash && a->window == b->window &&
           a->fixed_width == b->fixed_width && a->on_hs == b->on_hs &&
           a->right_is_set == b->right_is_set &&
           a->right_bad_at_end == b->right_bad_at_end &&
           !memcmp(a->right_bad, b->right_bad, sizeof a->right_bad);
}

/* The probe results mkdb embeds are what start-up would work out: the
 * built-in engine (table) and one built with the table refused. */
START_TEST(builtin_probe_table_matches)
{
    scrub_config *cfg = scrub_config_new();
    ck_assert_uint_eq(scrub_builtin_probe_count, cfg->nrules);
    char err[256];
    scrub_engine *a = NULL, *b = NULL;
    ck_assert_int_eq(scrub_config_set_action(cfg, "all", SCRUB_ACTION_REDACT),
                     0);
    ck_assert_int_eq(scrub_engine_new(&a, cfg, err, sizeof err), 0);
    cfg->custom_rules = true; /* the same rules, probed at start */
    ck_assert_int_eq(scrub_engine_new(&b, cfg, err, sizeof err), 0);
    for (size_t i = 0; i < cfg->nrules; i++) {
        builtin_probe pa = eng_probe_of(a, cfg, i);
        builtin_probe pb = eng_probe_of(b, cfg, i);
        ck_assert_msg(same_probe(&pa, &pb), "rule %s differs",
                      cfg->rules[i].id);
        ck_assert_msg(same_probe(&pa, &scrub_builtin_probe[i]),
                      "rule %s: table differs", cfg->rules[i].id);
    }
    scrub_engine_free(b);
    scrub_engine_free(a);
    scrub_config_free(cfg);
}
END_TEST

START_TEST(state_errors)
{
    scrub_engine *eng = engine_with(NULL, "redact");
    scrub_ctx *ctx = scrub_ctx_new(eng);
    ck_assert_int_eq(scrub_ctx_finish(ctx), 0);
    ck_assert_int_eq(scrub_ctx_write(ctx, "x", 1), SCRUB_E_STATE);
    ck_assert_int_eq(scrub_ctx_set_block_size(ctx, 0), SCRUB_E_ARG);
    scrub_ctx_free(ctx);
    scrub_ctx_free(NULL);
    scrub_engine_free(eng);
    scrub_engine_free(NULL);
    scrub_config_free(NULL);
    ck_assert_str_eq(scrub_error_name(SCRUB_E_KEY), "SCRUB_E_KEY");
    ck_assert_str_eq(scrub_error_name(999), "SCRUB_E_UNKNOWN");
    ck_assert_uint_eq(scrub_version_number(), SCRUB_VERSION_NUMBER);
}
END_TEST

Suite *engine_suite(void)
{
    Suite *s = suite_create("engine");
    TCase *t = tcase_create("engine");
    tcase_set_timeout(t, 60);
    tcase_add_test(t, builtin_examples_pass);
    tcase_add_test(t, example_check_can_fail);
    tcase_add_test(t, config_errors);
    tcase_add_test(t, hash_needs_key);
    tcase_add_test(t, override_disable_and_pcre2_rule);
    tcase_add_test(t, overlaps_leftmost_longest);
    tcase_add_test(t, offsets_and_lines);
    tcase_add_test(t, block_size_and_matcher_invariance);
    tcase_add_test(t, state_errors);
    tcase_add_test(t, builtin_probe_table_matches);
    suite_add_tcase(s, t);
    return s;
}
