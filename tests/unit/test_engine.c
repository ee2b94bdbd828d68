/* Unit tests of src/engine/: compiling a config into an engine: pattern
 * errors, keys, which path each rule takes (Hyperscan or PCRE2), the
 * build-time probe table, and what the engine copies from its config. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "engine/engine.h"
#include "helpers.h"

/* scrub_engine_new of cfg fails with code, its message holding what. */
static void engine_fails(scrub_config *cfg, int code, const char *what)
{
    scrub_engine *eng = (scrub_engine *)1;
    char err[256] = "";
    ck_assert_int_eq(scrub_engine_new(&eng, cfg, err, sizeof err), code);
    ck_assert_msg(strstr(err, what) != NULL, "'%s' lacks '%s'", err, what);
    ck_assert_ptr_null(eng);
}

START_TEST(pattern_errors)
{
    const char *bad = "rules:\n  - {id: broken.one, type: A, pattern: 'a(b'}\n"
                      "actions: {all: redact}\n";
    scrub_config *cfg = config_with(bad, 0); /* loads: compiled later */
    engine_fails(cfg, SCRUB_E_PATTERN, "broken.one");
    scrub_config_free(cfg);
    cfg = config_with("rules:\n  - {id: t.empty, type: A, pattern: 'a*'}\n"
                      "actions: {all: redact}\n", 0);
    engine_fails(cfg, SCRUB_E_PATTERN, "empty string");
    scrub_config_free(cfg);
    /* the value group belongs to the pattern, not to a guard */
    cfg = config_with("rules:\n  - {id: t.v, type: A, pattern: 'ab',"
                      " right: '(?=(?<v>;))'}\nactions: {all: redact}\n", 0);
    engine_fails(cfg, SCRUB_E_PATTERN, "value group");
    ck_assert_int_eq(scrub_engine_new(NULL, cfg, NULL, 0), SCRUB_E_ARG);
    scrub_config_free(cfg);
    scrub_engine *eng;
    ck_assert_int_eq(scrub_engine_new(&eng, NULL, NULL, 0), SCRUB_E_ARG);
}
END_TEST

START_TEST(keys_when_needed)
{
    scrub_config *cfg = scrub_config_new();
    engine_fails(cfg, SCRUB_E_KEY, "needs a key"); /* hash by default */
    ck_assert(!scrub_config_set_action(cfg, "all", SCRUB_ACTION_MASK));
    scrub_engine *eng = NULL;
    ck_assert(!scrub_engine_new(&eng, cfg, NULL, 0));
    ck_assert_ptr_null(eng->kr); /* none given, none needed */
    scrub_engine_free(eng);
    ck_assert(!scrub_config_set_action(cfg, "IMEI", SCRUB_ACTION_ENCRYPT));
    engine_fails(cfg, SCRUB_E_KEY, "key");
    eng = engine_of(cfg); /* with a key: its ring */
    ck_assert_ptr_nonnull(eng->kr);
    ck_assert_ptr_eq(eng->x.kr, eng->kr);
    ck_assert_str_eq(kr_id(eng->kr), scrub_config_key_id(cfg));
    scrub_engine_free(eng);
    scrub_config_free(cfg);
}
END_TEST

/* The compiled rule of eng with this id. */
static const crule *crule_named(const scrub_engine *eng, const char *id)
{
    for (size_t i = 0; i < eng->nrules; i++)
        if (!strcmp(eng->rules[i].id, id))
            return &eng->rules[i];
    ck_abort_msg("no rule %s", id);
    return NULL;
}

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
    ck_assert(!crule_named(eng, "t.twice")->on_hs);
    ck_assert_ptr_nonnull(crule_named(eng, "t.twice")->full_re);
    ck_assert(crule_named(eng, "phone.cn.mobile")->on_hs);
    ck_assert_int_eq(crule_named(eng, "phone.cn.mobile")->action,
                     SCRUB_ACTION_KEEP);
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

/* The table is used only for the unchanged built-in rule set. */
START_TEST(builtin_probe_only_for_builtins)
{
    scrub_config *cfg = scrub_config_new();
    size_t n = cfg->nrules;
    for (size_t i = 0; i < n; i++)
        ck_assert_ptr_eq(eng_builtin_probe(cfg, i), &scrub_builtin_probe[i]);
    ck_assert_ptr_null(eng_builtin_probe(cfg, n));
    cfg->custom_rules = true; /* said to differ: probed at start, to be sure */
    ck_assert_ptr_null(eng_builtin_probe(cfg, 0));
    cfg->custom_rules = false;
    /* a rule changed under the same id: its hash no longer matches */
    char *old = cfg->rules[0].pattern;
    cfg->rules[0].pattern = "[0-9]{4}";
    ck_assert_ptr_null(eng_builtin_probe(cfg, 0));
    cfg->rules[0].pattern = old;
    ck_assert_ptr_nonnull(eng_builtin_probe(cfg, 0));
    ck_assert_int_eq(config_disable_rule(cfg, "imei.plain"), 0);
    for (size_t i = 0; i < cfg->nrules; i++)
        ck_assert_ptr_null(eng_builtin_probe(cfg, i));
    scrub_config_free(cfg);
    cfg = config_with("rules:\n  - {id: t.a, type: A, pattern: 'A[0-9]{3}'}\n",
                      0);
    ck_assert_ptr_null(eng_builtin_probe(cfg, 0));
    scrub_engine *eng = engine_of(cfg);
    const crule *cr = crule_named(eng, "t.a");
    ck_assert(cr->on_hs); /* probed at start instead */
    ck_assert_uint_eq(cr->fixed_width, 4);
    ck_assert_uint_eq(cr->window, 4);
    ck_assert_uint_eq(eng_rule_hash(&cfg->rules[0]),
                      eng_probe_of(eng, cfg, 0).hash);
    scrub_engine_free(eng);
    scrub_config_free(cfg);
}
END_TEST

START_TEST(engine_types)
{
    scrub_engine *eng = engine_with(NULL, "redact");
    size_t n = scrub_engine_type_count(eng);
    bool phone = false;
    for (size_t i = 0; i < n; i++) {
        const char *t = scrub_engine_type_name(eng, i);
        phone |= !strcmp(t, "PHONE");
        /* exclusions and --reveal's token rule report nothing */
        ck_assert_str_ne(t, "EXCLUDED");
        ck_assert_str_ne(t, "ENCRYPTED");
        for (size_t k = 0; k < i; k++) /* each type once */
            ck_assert_str_ne(t, scrub_engine_type_name(eng, k));
    }
    ck_assert(phone);
    ck_assert_uint_ge(n, 15);
    ck_assert_ptr_null(scrub_engine_type_name(eng, n));
    ck_assert_uint_eq(scrub_engine_type_count(NULL), 0);
    ck_assert_str_eq(eng->types[crule_named(eng, "imei.plain")->type_idx],
                     "IMEI");
    ck_assert(crule_named(eng, "exclude.ids")->exclude);
    ck_assert(crule_named(eng, "scrub.encrypted_token")->reveal_only);
    ck_assert_ptr_eq(crule_named(eng, "mac.bare.key")->xt.shape,
                     xf_shape_for("MAC"));
    scrub_engine_free(eng);
}
END_TEST

START_TEST(settings_copied)
{
    scrub_config *cfg = config_with(
        "coarsen: {geo_decimals: 4, ipv6_prefix: 64}\nreversible: [PHONE]\n"
        "allow: {values: ['13800000000']}\n", 1);
    scrub_engine *eng = engine_of(cfg);
    scrub_config_free(cfg); /* the engine never looks back */
    ck_assert_int_eq(eng->x.geo_decimals, 4);
    ck_assert_uint_eq(eng->x.ipv4_prefix, 24); /* default */
    ck_assert_uint_eq(eng->x.ipv6_prefix, 64);
    ck_assert(crule_named(eng, "phone.cn.mobile")->reversible);
    ck_assert(!crule_named(eng, "imei.plain")->reversible);
    const crule *r = crule_named(eng, "phone.cn.mobile");
    ck_assert(allow_match(eng->allow, &r->xt, "138-0000-0000", 13));
    scrub_engine_free(eng);
}
END_TEST

/* No rules at all: a valid engine that passes text through. */
START_TEST(empty_engine)
{
    scrub_config *cfg = scrub_config_new_empty();
    scrub_engine *eng = engine_of(cfg);
    ck_assert_uint_eq(eng->nrules, 0);
    ck_assert_uint_eq(scrub_engine_type_count(eng), 0);
    char *o = scrub_str(eng, "13812345678 a@b.cn\n");
    ck_assert_str_eq(o, "13812345678 a@b.cn\n");
    free(o);
    scrub_engine_free(eng);
    scrub_config_free(cfg);
    scrub_engine_free(NULL);
}
END_TEST

Suite *engine_suite(void)
{
    Suite *s = suite_create("engine");
    TCase *t = tcase_create("engine");
    tcase_set_timeout(t, 60);
    tcase_add_test(t, pattern_errors);
    tcase_add_test(t, keys_when_needed);
    tcase_add_test(t, override_disable_and_pcre2_rule);
    tcase_add_test(t, overlaps_leftmost_longest);
    tcase_add_test(t, builtin_probe_table_matches);
    tcase_add_test(t, builtin_probe_only_for_builtins);
    tcase_add_test(t, engine_types);
    tcase_add_test(t, settings_copied);
    tcase_add_test(t, empty_engine);
    suite_add_tcase(s, t);
    return s;
}
