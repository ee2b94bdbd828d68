/* Unit tests of the actions: exact replacement text per type. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "transform/transform.h"

static scrub_engine *eng_mask, *eng_redact, *eng_hash, *eng_keep;
static scrub_engine *eng_default;

static void setup(void)
{
    eng_default = engine_with(NULL, NULL);
    eng_mask = engine_with(NULL, "mask");
    eng_redact = engine_with(NULL, "redact");
    eng_hash = engine_with(NULL, "hash");
    eng_keep = engine_with(NULL, "keep");
}

static void teardown(void)
{
    scrub_engine_free(eng_keep);
    scrub_engine_free(eng_hash);
    scrub_engine_free(eng_redact);
    scrub_engine_free(eng_mask);
    scrub_engine_free(eng_default);
}

#define EXPECT(eng, in, want)                                                  \
    do {                                                                       \
        char *got_ = scrub_str(eng, in);                                       \
        ck_assert_str_eq(got_, want);                                          \
        free(got_);                                                            \
    } while (0)

START_TEST(mask_each_type)
{
    EXPECT(eng_mask, "m 13812345678 x", "m 138****5678 x");
    EXPECT(eng_mask, "m +86 138-1234-5678 x", "m +86 138-****-5678 x");
    EXPECT(eng_mask, "q=%2B86%20138%201234%205678&",
           "q=%2B86%20138%20****%205678&");
    EXPECT(eng_mask, "id 110101199003078670.", "id 110101********8670.");
    EXPECT(eng_mask, "c 6222021234567890128", "c 622202*********0128");
    EXPECT(eng_mask, "c 4012 8888 8888 1881", "c 4012 88** **** 1881");
    EXPECT(eng_mask, "i 354178036859789", "i 35417803*******");
    EXPECT(eng_mask, "w 00:1A:2B:3C:4D:5E", "w 00:1A:2B:**:**:**");
    EXPECT(eng_mask, "e John.Doe@Example.com", "e J***@Example.com");
    EXPECT(eng_mask, "e=a%40b.com", "e=a***%40b.com");
    EXPECT(eng_mask, "ip 192.168.10.123:80", "ip 192.168.10.***:80");
    EXPECT(eng_mask, "ip 2001:db8:85a3::8a2e:370:7334",
           "ip 2001:db8:85a3::****:***:****");
}
END_TEST

START_TEST(mask_extended_types)
{
    EXPECT(eng_mask, "imsi=460001234567890", "imsi=46000**********");
    EXPECT(eng_mask, "iccid=89860012345678901234",
           "iccid=898600**********1234");
    EXPECT(eng_mask, "meid=A0000012345678", "meid=A0000012******");
    EXPECT(eng_mask, "{\"lat\":39.904211,\"lng\":116.407395}",
           "{\"lat\":39.90****,\"lng\":116.40****}");
    EXPECT(eng_mask, "at 39.9042,116.4074 x", "at 39.90**,116.40** x");
    EXPECT(eng_mask, "password=hunter2 x", "password=******* x");
    EXPECT(eng_mask, "{\"real_name\":\"张伟\"}", "{\"real_name\":\"张*\"}");
    EXPECT(eng_mask, "地址：北京市朝阳区建国路88号，",
           "地址：北京市朝阳区******，");
}
END_TEST

/* Scrubbing scrubbed output changes nothing, also for values taken by
 * their key (which would otherwise hash the token again). */
START_TEST(idempotent_key_values)
{
    static const char *in =
        "password=hunter2 {\"real_name\":\"张伟\",\"idfa\":"
        "\"6D92078A-8246-4BA4-AE5B-76104861E7DC\"} lat=39.904211 "
        "addr=北京市朝阳区建国路88号，imsi=460001234567890\n";
    scrub_engine *engs[] = {eng_hash, eng_mask, eng_redact, eng_keep,
                            eng_default};
    for (size_t i = 0; i < sizeof engs / sizeof *engs; i++) {
        char *once = scrub_str(engs[i], in);
        char *twice = scrub_str(engs[i], once);
        ck_assert_str_eq(once, twice);
        if (engs[i] != eng_keep)
            ck_assert_str_ne(once, in);
        free(once);
        free(twice);
    }
}
END_TEST

START_TEST(secret_default_redact)
{
    /* SECRET is redacted by default, other types hashed. */
    char *o = scrub_str(eng_default, "password=hunter2 phone=13812345678");
    ck_assert_ptr_nonnull(strstr(o, "password=[SECRET] phone=PHONE_k"));
    free(o);
}
END_TEST

START_TEST(redact_and_keep)
{
    EXPECT(eng_redact, "a 13812345678 b a@b.cn", "a [PHONE] b [EMAIL]");
    const char *mixed = "x 13812345678 00:1a:2b:3c:4d:5e 10.0.0.1\n";
    EXPECT(eng_keep, mixed, mixed);
}
END_TEST

START_TEST(hash_tokens)
{
    char *a = scrub_str(eng_hash, "13812345678");
    char *b = scrub_str(eng_hash, "+86 138-1234-5678");
    char *c = scrub_str(eng_hash, "%2B86%20138%201234%205678");
    char *d = scrub_str(eng_hash, "13812345679");
    ck_assert_str_eq(a, b); /* one person, one token */
    ck_assert_str_eq(a, c);
    ck_assert_str_ne(a, d);
    ck_assert_int_eq(strncmp(a, "PHONE_k", 7), 0);
    ck_assert_uint_eq(strlen(a), strlen("PHONE_kxxxx_") + 18);
    for (const char *p = a + 6; *p; p++) /* letters and _ only */
        ck_assert(*p == '_' || (*p >= 'a' && *p <= 'z'));
    free(a); free(b); free(c); free(d);
    char *e1 = scrub_str(eng_hash, "Foo.Bar@Example.COM");
    char *e2 = scrub_str(eng_hash, "foo.bar%40example.com");
    ck_assert_str_eq(e1, e2);
    free(e1); free(e2);
    char *m1 = scrub_str(eng_hash, "00:1A:2B:3C:4D:5E");
    char *m2 = scrub_str(eng_hash, "001a.2b3c.4d5e");
    ck_assert_str_eq(m1, m2);
    free(m1); free(m2);
    char *i1 = scrub_str(eng_hash, "2001:db8::1");
    char *i2 = scrub_str(eng_hash, "2001:0DB8:0:0:0:0:0:1");
    ck_assert_str_eq(i1, i2);
    free(i1); free(i2);
}
END_TEST

START_TEST(canonical_forms)
{
    char out[64];
    size_t n = xf_canonical(&(xf_type){"PHONE", xf_shape_for("PHONE")}, "+86 138-1234-5678", 17, out, 64);
    ck_assert_uint_eq(n, 11);
    ck_assert_int_eq(memcmp(out, "13812345678", 11), 0);
    n = xf_canonical(&(xf_type){"CN_ID", xf_shape_for("CN_ID")}, "44011320141005001x", 18, out, 64);
    ck_assert_int_eq(memcmp(out, "44011320141005001X", 18), 0);
    n = xf_canonical(&(xf_type){"IPV4", xf_shape_for("IPV4")}, "010.001.002.003", 15, out, 64);
    ck_assert_uint_eq(n, 8);
    ck_assert_int_eq(memcmp(out, "10.1.2.3", 8), 0);
}
END_TEST

START_TEST(key_ids)
{
    scrub_config *cfg = scrub_config_new_empty();
    char err[128], buf[256];
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
    ck_assert_uint_eq(scrub_keyfile_generate(buf, 20, 0), 0);
    scrub_config_free(cfg);
}
END_TEST

Suite *actions_suite(void)
{
    Suite *s = suite_create("actions");
    TCase *t = tcase_create("actions");
    tcase_add_checked_fixture(t, setup, teardown);
    tcase_add_test(t, mask_each_type);
    tcase_add_test(t, redact_and_keep);
    tcase_add_test(t, mask_extended_types);
    tcase_add_test(t, secret_default_redact);
    tcase_add_test(t, idempotent_key_values);
    tcase_add_test(t, hash_tokens);
    tcase_add_test(t, canonical_forms);
    tcase_add_test(t, key_ids);
    suite_add_tcase(s, t);
    return s;
}
