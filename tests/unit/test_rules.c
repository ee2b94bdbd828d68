/* Unit tests of src/rules/: rules found by their keys (keyrules.c), the
 * config (actions, keys, disabling) and the YAML loader's errors. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "rules/rules.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

/* A rule `device_id` with a value pattern, expanded. */
static void expand_device_id(rule out[2], size_t *nout)
{
    char *keys[] = {"device_id"};
    strlist kl = {keys, 1};
    rule proto = {.id = "t.dev", .type = "DEVICE_ID", .max_len = 64,
                  .priority = 7, .validators = VAL_DEVICE_ID};
    memset(out, 0, 2 * sizeof *out);
    ck_assert_int_eq(expand_key_rule(&proto, &kl, "[A-Za-z0-9]{6,}", out,
                                     nout), 0);
}

/* The rule's whole program as the engine builds it: LEFT, pattern, RIGHT. */
static pcre2_code *compile_rule(const rule *r)
{
    size_t n = strlen(r->left) + strlen(r->pattern) + strlen(r->right) + 16;
    char *src = malloc(n);
    snprintf(src, n, "(?:%s)(?:%s)%s", r->left, r->pattern, r->right);
    int code;
    PCRE2_SIZE off;
    pcre2_code *re = pcre2_compile((PCRE2_SPTR)src, PCRE2_ZERO_TERMINATED, 0,
                                   &code, &off, NULL);
    ck_assert_msg(re != NULL, "%s does not compile at %zu", r->id,
                  (size_t)off);
    free(src);
    return re;
}

/* The value group "v" of the first match of re in text, or "" if none. */
static const char *value_in(pcre2_code *re, const char *text)
{
    static char v[64];
    pcre2_match_data *md = pcre2_match_data_create_from_pattern(re, NULL);
    v[0] = '\0';
    if (pcre2_match(re, (PCRE2_SPTR)text, strlen(text), 0, 0, md, NULL) > 0) {
        PCRE2_SIZE len = sizeof v;
        ck_assert_int_eq(pcre2_substring_copy_byname(
                             md, (PCRE2_SPTR) "v", (PCRE2_UCHAR *)v, &len),
                         0);
    }
    pcre2_match_data_free(md);
    return v;
}

START_TEST(key_rule_expansion)
{
    rule out[2];
    size_t n;
    expand_device_id(out, &n);
    ck_assert_uint_eq(n, 2);
    ck_assert_str_eq(out[0].id, "t.dev");
    ck_assert_str_eq(out[1].id, "t.dev#quoted");
    for (int i = 0; i < 2; i++) { /* the twins carry the prototype's fields */
        ck_assert_str_eq(out[i].type, "DEVICE_ID");
        ck_assert_int_eq(out[i].priority, 7);
        ck_assert_uint_eq(out[i].validators, VAL_DEVICE_ID);
        ck_assert(out[i].context && !out[i].exclude && !out[i].freetext);
    }
    pcre2_code *bare = compile_rule(&out[0]), *quoted = compile_rule(&out[1]);
    static const char *const bare_forms[] = {
        "device_id=ab12cd34 x", "device-id: ab12cd34", "DEVICEID=ab12cd34",
        "deviceId=ab12cd34&",   "--device-id=ab12cd34", "mDeviceId=ab12cd34",
        "Device.ID:ab12cd34",   "<device_id>ab12cd34</device_id>"};
    for (size_t i = 0; i < sizeof bare_forms / sizeof *bare_forms; i++)
        ck_assert_msg(!strcmp(value_in(bare, bare_forms[i]), "ab12cd34"),
                      "%s", bare_forms[i]);
    static const char *const quoted_forms[] = {
        "{\"deviceId\":\"ab12cd34\"}", "{\"device_id\": \"ab12cd34\"}",
        "{\\\"device_id\\\":\\\"ab12cd34\\\"}",
        "device_id=%22ab12cd34%22"};
    for (size_t i = 0; i < sizeof quoted_forms / sizeof *quoted_forms; i++)
        ck_assert_msg(!strcmp(value_in(quoted, quoted_forms[i]), "ab12cd34"),
                      "%s", quoted_forms[i]);
    /* inside a longer or dotted key: not this key */
    ck_assert_str_eq(value_in(bare, "old_device_id=ab12cd34"), "");
    ck_assert_str_eq(value_in(bare, "x.device_id=ab12cd34"), "");
    ck_assert_str_eq(value_in(bare, "device_identity=ab12cd34"), "");
    ck_assert_str_eq(value_in(bare, "device_id=ab12"), ""); /* too short */
    pcre2_code_free(bare);
    pcre2_code_free(quoted);
    rule_clear(&out[0]);
    rule_clear(&out[1]);
}
END_TEST

START_TEST(key_rule_free_text)
{
    char *keys[] = {"*password", "密码"};
    strlist kl = {keys, 2};
    rule proto = {.id = "t.pw", .type = "SECRET", .max_len = 64};
    rule out[2];
    size_t n = 0;
    memset(out, 0, sizeof out);
    ck_assert_int_eq(expand_key_rule(&proto, &kl, NULL, out, &n), 0);
    ck_assert_uint_eq(n, 1); /* C reads the value: one rule */
    ck_assert(out[0].freetext);
    ck_assert_str_eq(out[0].right, ""); /* the value reader ends it */
    pcre2_code *re = compile_rule(&out[0]);
    pcre2_match_data *md = pcre2_match_data_create(4, NULL);
    static const char *const hits[] = {"db_password=x", "newPassword: x",
                                       "spring.datasource.password=x",
                                       "password=x", "密码：x", "%E5%AF%86%E7%A0%81=x"};
    for (size_t i = 0; i < sizeof hits / sizeof *hits; i++)
        ck_assert_msg(pcre2_match(re, (PCRE2_SPTR)hits[i], strlen(hits[i]), 0,
                                  0, md, NULL) > 0, "%s", hits[i]);
    ck_assert_int_lt(pcre2_match(re, (PCRE2_SPTR) "passwordless=x", 14, 0, 0,
                                 md, NULL), 0);
    pcre2_match_data_free(md);
    pcre2_code_free(re);
    rule_clear(&out[0]);
}
END_TEST

START_TEST(actions_per_type)
{
    scrub_config *cfg = config_with(NULL, 1);
    ck_assert_int_eq(config_action_for(cfg, "PHONE"), SCRUB_ACTION_HASH);
    ck_assert_int_eq(scrub_config_set_action(cfg, "PHONE", SCRUB_ACTION_MASK),
                     0);
    ck_assert_int_eq(config_action_for(cfg, "PHONE"), SCRUB_ACTION_MASK);
    ck_assert_int_eq(config_action_for(cfg, "EMAIL"), SCRUB_ACTION_HASH);
    /* `all` later resets every earlier per-type choice */
    ck_assert_int_eq(scrub_config_set_action(cfg, "all", SCRUB_ACTION_REDACT),
                     0);
    ck_assert_int_eq(config_action_for(cfg, "PHONE"), SCRUB_ACTION_REDACT);
    ck_assert_int_eq(scrub_config_set_action(cfg, "EMAIL", SCRUB_ACTION_KEEP),
                     0);
    ck_assert_int_eq(config_action_for(cfg, "EMAIL"), SCRUB_ACTION_KEEP);
    ck_assert_int_eq(config_action_for(cfg, "PHONE"), SCRUB_ACTION_REDACT);
    /* a typo would change nothing: refused */
    ck_assert_int_eq(scrub_config_set_action(cfg, "PHNOE", SCRUB_ACTION_MASK),
                     SCRUB_E_ARG);
    ck_assert_int_eq(scrub_config_set_action(cfg, "phone", SCRUB_ACTION_MASK),
                     SCRUB_E_ARG);
    ck_assert_int_eq(scrub_config_set_action(cfg, "PHONE", SCRUB_ACTION__COUNT),
                     SCRUB_E_ARG);
    ck_assert_int_eq(scrub_config_set_action(cfg, NULL, SCRUB_ACTION_MASK),
                     SCRUB_E_ARG);
    char err[160];
    ck_assert_int_eq(config_set_action_str(cfg, "PHONE", "scramble", err,
                                           sizeof err), SCRUB_E_ARG);
    ck_assert_ptr_nonnull(strstr(err, "scramble"));
    ck_assert_int_eq(config_set_action_str(cfg, "ph one", "mask", err,
                                           sizeof err), SCRUB_E_ARG);
    ck_assert_ptr_nonnull(strstr(err, "bad type name"));
    ck_assert_int_eq(config_set_action_str(cfg, "NOPE", "mask", err,
                                           sizeof err), SCRUB_E_ARG);
    ck_assert_ptr_nonnull(strstr(err, "unknown type 'NOPE'"));
    ck_assert(type_name_ok("IPV4") && type_name_ok("A_1"));
    ck_assert(!type_name_ok("4IP") && !type_name_ok("") && !type_name_ok(NULL));
    scrub_config_free(cfg);
}
END_TEST

/* The rule of cfg with this id. */
static rule *rule_named(scrub_config *cfg, const char *id)
{
    for (size_t i = 0; i < cfg->nrules; i++)
        if (!strcmp(cfg->rules[i].id, id))
            return &cfg->rules[i];
    return NULL;
}

START_TEST(which_rules_need_a_key)
{
    scrub_config *cfg = config_with(NULL, 1);
    rule *excl = rule_named(cfg, "exclude.ids");
    rule *tok = rule_named(cfg, "scrub.encrypted_token");
    rule *phone = rule_named(cfg, "phone.cn.mobile");
    ck_assert(excl && tok && phone && excl->exclude && tok->reveal_only);
    ck_assert(!config_rule_needs_key(cfg, excl)); /* replace nothing */
    ck_assert(!config_rule_needs_key(cfg, tok));
    ck_assert(config_rule_needs_key(cfg, phone)); /* hash by default */
    ck_assert(scrub_config_needs_key(cfg));
    ck_assert(!scrub_config_set_action(cfg, "all", SCRUB_ACTION_MASK));
    ck_assert(!scrub_config_needs_key(cfg));
    ck_assert(!scrub_config_set_action(cfg, "PHONE", SCRUB_ACTION_PSEUDO));
    ck_assert(scrub_config_needs_key(cfg));
    ck_assert(!config_rule_needs_key(cfg, rule_named(cfg, "email.address")));
    ck_assert(!scrub_config_set_action(cfg, "PHONE", SCRUB_ACTION_COARSEN));
    ck_assert(!scrub_config_needs_key(cfg));
    ck_assert(!scrub_config_needs_key(NULL));
    scrub_config_free(cfg);
}
END_TEST

START_TEST(disable_rules)
{
    scrub_config *cfg = config_with(NULL, 1);
    size_t n = scrub_config_rule_count(cfg);
    ck_assert_ptr_nonnull(rule_named(cfg, "imsi.key#quoted"));
    ck_assert_int_eq(config_disable_rule(cfg, "imsi.key"), 0);
    ck_assert_uint_eq(scrub_config_rule_count(cfg), n - 2); /* with twin */
    ck_assert_ptr_null(rule_named(cfg, "imsi.key"));
    ck_assert_ptr_null(rule_named(cfg, "imsi.key#quoted"));
    ck_assert(cfg->custom_rules);
    ck_assert_int_eq(config_disable_rule(cfg, "imsi.key"), SCRUB_E_ARG);
    ck_assert_int_eq(config_disable_rule(cfg, "imei.plain"), 0);
    ck_assert_uint_eq(scrub_config_rule_count(cfg), n - 3);
    /* the twin alone may go too */
    ck_assert_int_eq(config_disable_rule(cfg, "iccid.key#quoted"), 0);
    ck_assert_ptr_nonnull(rule_named(cfg, "iccid.key"));
    scrub_config_free(cfg);
}
END_TEST

START_TEST(yaml_rules)
{
    const char *y = "actions: {ORDER: redact}\n" /* read after the rules */
                    "rules:\n"
                    "  - id: t.order\n"
                    "    type: ORDER\n"
                    "    pattern: 'ORD-[0-9]{6}'\n"
                    "    validators: [luhn, date]\n"
                    "    priority: 5\n"
                    "  - {id: t.k, type: ORDER, keys: [order], value: '[0-9]+'}\n"
                    "  - {id: t.order, type: ORDER2, pattern: 'X[0-9]'}\n";
    scrub_config *cfg = config_with(y, 0);
    ck_assert_uint_eq(scrub_config_rule_count(cfg), 3);
    rule *r = rule_named(cfg, "t.order"); /* the same id replaces */
    ck_assert_str_eq(r->type, "ORDER2");
    ck_assert_str_eq(r->pattern, "X[0-9]");
    ck_assert_uint_eq(r->max_len, DEFAULT_MAX_LEN);
    ck_assert_ptr_nonnull(rule_named(cfg, "t.k#quoted"));
    ck_assert_uint_eq(rule_named(cfg, "t.k")->max_len, DEFAULT_MAX_LEN + 64);
    ck_assert_int_eq(config_action_for(cfg, "ORDER"), SCRUB_ACTION_REDACT);
    ck_assert_str_eq(scrub_config_rule_id(cfg, 1), "t.k");
    ck_assert_str_eq(scrub_config_rule_type(cfg, 1), "ORDER");
    ck_assert_ptr_null(scrub_config_rule_id(cfg, 3));
    scrub_config_free(cfg);
}
END_TEST

/* Loading yaml into a fresh config fails with SCRUB_E_CONFIG and a
 * message that holds `what`. */
static void yaml_fails(const char *yaml, const char *what)
{
    scrub_config *cfg = scrub_config_new_empty();
    char err[256] = "";
    ck_assert_int_eq(scrub_config_load_yaml(cfg, yaml, strlen(yaml), "f.yml",
                                            err, sizeof err),
                     SCRUB_E_CONFIG);
    ck_assert_msg(strstr(err, what) && !strncmp(err, "f.yml:", 6),
                  "'%s' lacks '%s'", err, what);
    scrub_config_free(cfg);
}

START_TEST(yaml_errors)
{
    yaml_fails("rules: [\n", "f.yml:");
    yaml_fails("rules:\n  - id: a\n    type: A\n    pattern: x\n"
               "    colour: red\n",
               "unknown rule key 'colour'");
    yaml_fails("rules:\n  - {id: a, type: A, pattern: x, validators: [lunh]}\n",
               "unknown validator 'lunh'");
    yaml_fails("rules:\n  - {id: a, type: lower, pattern: x}\n", "lower");
    yaml_fails("rules:\n  - {id: a, type: A}\n", "needs id, type and pattern");
    yaml_fails("rules:\n  - {id: a, type: A, pattern: x, keys: [k]}\n",
               "either pattern or keys");
    yaml_fails("rules:\n  - {id: a, type: A, pattern: x, max_len: 99999}\n",
               "out of range for 'max_len'");
    yaml_fails("rules:\n  - {id: a, type: A, pattern: x, engine: re2}\n",
               "'re2'");
    yaml_fails("colours: [red]\n", "unknown top-level key 'colours'");
    yaml_fails("disable: [no.such.rule]\n", "no.such.rule");
    yaml_fails("allow: {cidrs: [10.0.0.0/33]}\n", "10.0.0.0/33");
    yaml_fails("coarsen: {ipv4_prefix: 33}\n", "ipv4_prefix");
    yaml_fails("actions: {PHONE: mask}\n", "unknown type 'PHONE'");
    yaml_fails("- just\n- a list\n", "top level must be a mapping");
    /* an empty document adds nothing */
    scrub_config *cfg = config_with("", 0);
    ck_assert_uint_eq(scrub_config_rule_count(cfg), 0);
    scrub_config_free(cfg);
}
END_TEST

START_TEST(yaml_settings)
{
    const char *y = "coarsen: {geo_decimals: 3, ipv4_prefix: 16}\n"
                    "reversible: [PHONE, EMAIL]\n"
                    "retired_keys: [/etc/scrub/old.key]\n"
                    "allow: {values: ['13800000000'], cidrs: [10.0.0.0/8]}\n";
    scrub_config *cfg = config_with(y, 1);
    ck_assert_int_eq(cfg->geo_decimals, 3);
    ck_assert_int_eq(cfg->ipv4_prefix, 16);
    ck_assert_int_eq(cfg->ipv6_prefix, -1); /* the default, later */
    ck_assert_uint_eq(cfg->reversible.n, 2);
    ck_assert_str_eq(cfg->reversible.v[1], "EMAIL");
    ck_assert_uint_eq(scrub_config_retired_key_file_count(cfg), 1);
    ck_assert_str_eq(scrub_config_retired_key_file(cfg, 0),
                     "/etc/scrub/old.key");
    ck_assert_ptr_null(scrub_config_retired_key_file(cfg, 1));
    ck_assert_ptr_nonnull(cfg->allow);
    ck_assert(!cfg->custom_rules); /* settings leave the rules built-in */
    scrub_config_free(cfg);
}
END_TEST

START_TEST(key_ids)
{
    scrub_config *cfg = scrub_config_new_empty();
    char err[128], buf[256];
    ck_assert_ptr_null(scrub_config_key_id(cfg));
    ck_assert(!scrub_config_set_key(cfg, test_key, 32, err, sizeof err));
    const char *id = scrub_config_key_id(cfg);
    ck_assert_ptr_nonnull(id);
    ck_assert_uint_eq(strlen(id), 5);
    ck_assert_int_eq(scrub_config_set_key(cfg, test_key, 31, err, sizeof err),
                     SCRUB_E_KEY);
    size_t n = scrub_keyfile_generate(buf, sizeof buf, 0);
    ck_assert_uint_gt(n, 64);
    ck_assert(!scrub_config_set_key(cfg, buf, n, err, sizeof err));
    const char *idl = strstr(buf, "id=");
    ck_assert_ptr_nonnull(idl);
    ck_assert_int_eq(strncmp(idl + 3, scrub_config_key_id(cfg), 5), 0);
    ck_assert_ptr_nonnull(strstr(buf, "created=1970-01-01T00:00:00Z"));
    ck_assert_uint_eq(scrub_keyfile_generate(buf, 20, 0), 0);
    ck_assert_int_eq(scrub_config_add_retired_key(cfg, test_key, 32, err,
                                                  sizeof err), 0);
    ck_assert_uint_eq(cfg->nretired, 1);
    ck_assert_int_eq(scrub_config_add_retired_key(cfg, "short", 5, err,
                                                  sizeof err), SCRUB_E_KEY);
    ck_assert_uint_eq(cfg->nretired, 1); /* a bad one is not added */
    scrub_config_free(cfg);
}
END_TEST

Suite *rules_suite(void)
{
    Suite *s = suite_create("rules");
    TCase *t = tcase_create("rules");
    tcase_add_test(t, key_rule_expansion);
    tcase_add_test(t, key_rule_free_text);
    tcase_add_test(t, actions_per_type);
    tcase_add_test(t, which_rules_need_a_key);
    tcase_add_test(t, disable_rules);
    tcase_add_test(t, yaml_rules);
    tcase_add_test(t, yaml_errors);
    tcase_add_test(t, yaml_settings);
    tcase_add_test(t, key_ids);
    suite_add_tcase(s, t);
    return s;
}
