/* fuzz_config.c — libFuzzer harness for the rule/config parser.
 *
 * The input is a YAML config (rules, actions, disable, allow), merged with
 * scrub_config_load_yaml() into a config holding the fixed test key and
 * either the built-in rules (a quarter of the inputs, chosen by a hash of
 * their bytes; SCRUB_FUZZ_BUILTINS=1 for all, =0 for none) or no rules.
 * If it loads, the harness walks the config (rule listing, examples),
 * compiles it with scrub_engine_new() and, if that works, checks the
 * rules' own examples (scrub_check_examples, both matchers; not on top of
 * the built-ins) and scrubs a small fixed sample and the input text itself
 * with both matchers. Nothing may crash, leak or read out of bounds; every
 * failure must come with a NUL-terminated, non-empty message and a known
 * error code, and scrubbing may fail only with SCRUB_E_SCAN. */
#include "fuzz_util.h"

static const char sample[] =
    "2026-11-29T08:00:01Z INFO login user=alice phone=13812345678 "
    "ip=203.0.113.9\n"
    "{\"event\":\"bind\",\"mobile\":\"+86 139-1234-5678\","
    "\"email\":\"Alice.Wang@example.com\",\"imsi\":\"460001234567890\"}\n"
    "card=6222021234567890128 imei=354178036859789 wifi=a4:5e:60:e4:2c:11 "
    "ORD-1234567890 10.0.19045.3693\r\n"
    "\xe7\x94\xa8\xe6\x88\xb7 110101199003078670 zhang.wei@qq.com "
    "2001:db8:85a3::8a2e:370:7334 \xff\xfe\x00 tail";

static void check_err(const char *what, int rc, const char *err,
                      size_t errlen)
{
    if (rc <= 0 || rc >= SCRUB_E__COUNT)
        fuzz_fail("%s: error code %d out of range", what, rc);
    if (!memchr(err, '\0', errlen))
        fuzz_fail("%s: error message not terminated", what);
    if (!err[0])
        fuzz_fail("%s: failed (%s) without a message", what,
                  scrub_error_name(rc));
}

/* Counts the examples that are empty once their « » markers are gone
 * (they make scrub_check_examples write 0 bytes: see README, "Bugs"). */
static int count_example(void *opaque, const char *id, const char *type,
                         int positive, const char *text)
{
    size_t *n = opaque;
    if (!id || !type || !text || (positive != 0 && positive != 1))
        fuzz_fail("each_example: bad arguments");
    size_t len = strlen(text);
    for (const char *m = text; (m = strstr(m, "\xc2\xab")); m += 2)
        len -= 2;
    for (const char *m = text; (m = strstr(m, "\xc2\xbb")); m += 2)
        len -= 2;
    *n += len == 0;
    return 0;
}

static void on_check(void *opaque, const char *rule_id, int positive,
                     scrub_matcher m, const char *text, const char *why)
{
    (void)opaque;
    (void)positive;
    (void)m;
    if (!rule_id || !text || !why)
        fuzz_fail("check_examples: callback without rule, text or reason");
}

static int count_finding(void *opaque, const scrub_finding *f)
{
    size_t *n = opaque;
    if (!f->type || !f->rule_id || f->length == 0)
        fuzz_fail("finding without type, rule or length");
    (*n)++;
    return 0;
}

static void scrub_text(const scrub_engine *eng, scrub_matcher m,
                       const char *text, size_t len, size_t block)
{
    scrub_ctx *c = scrub_ctx_new(eng);
    if (!c)
        fuzz_fail("harness: scrub_ctx_new failed");
    fbuf out = {0};
    size_t nf = 0;
    scrub_ctx_set_matcher(c, m);
    scrub_ctx_set_output(c, fbuf_sink, &out);
    scrub_ctx_set_findings(c, count_finding, &nf);
    if (block)
        scrub_ctx_set_block_size(c, block);
    /* A custom pattern may exhaust PCRE2's match limit: SCRUB_E_SCAN is a
     * correct (fail-closed) answer then, and nothing else. */
    int rc = len || fuzz_check_enabled("emptywrite")
                 ? scrub_ctx_write(c, text, len)
                 : SCRUB_OK; /* known: an empty first write, see README */
    if (!rc)
        rc = scrub_ctx_finish(c);
    if (rc && rc != SCRUB_E_SCAN)
        fuzz_fail("scrubbing the sample failed with %s",
                  scrub_error_name(rc));
    if (!rc) {
        scrub_stats st;
        scrub_ctx_stats(c, &st);
        if (st.bytes_in != len || st.bytes_out != out.len ||
            st.findings != nf)
            fuzz_fail("stats disagree with what was seen");
    }
    for (size_t i = 0; i < scrub_engine_type_count(eng); i++)
        (void)scrub_ctx_type_count(c, scrub_engine_type_name(eng, i));
    scrub_ctx_free(c);
    fbuf_free(&out);
}

/* Which config the input is merged into. Compiling custom rules together
 * with all built-in ones costs ~0.2 s, so a quarter of the inputs (by a
 * hash of their bytes, so that seeds stay plain YAML and every run of one
 * input is the same) go on top of the built-in rules and the rest on top
 * of an empty config, where only their own rules are compiled. */
static int on_builtins(const uint8_t *data, size_t size)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < size; i++)
        h = (h ^ data[i]) * 16777619u;
    if (getenv("SCRUB_FUZZ_BUILTINS")) /* "1": always, "0": never */
        return getenv("SCRUB_FUZZ_BUILTINS")[0] == '1';
    return (h >> 7) % 4 == 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char err[256];
    int builtins = on_builtins(data, size);
    scrub_config *cfg = builtins ? scrub_config_new()
                                 : scrub_config_new_empty();
    if (!cfg)
        fuzz_fail("harness: scrub_config_new failed");
    if (scrub_config_set_key(cfg, fuzz_test_key, sizeof fuzz_test_key, err,
                             sizeof err))
        fuzz_fail("harness: scrub_config_set_key failed");
    /* The text is not NUL-terminated: ASan sees any read past its end. */
    char *text = malloc(size ? size : 1);
    if (!text)
        return 0;
    if (size)
        memcpy(text, data, size);
    memset(err, 0x55, sizeof err);
    int rc = scrub_config_load_yaml(cfg, text, size, "fuzz.yml", err,
                                    sizeof err);
    if (rc) {
        check_err("scrub_config_load_yaml", rc, err, sizeof err);
        goto out;
    }

    size_t nr = scrub_config_rule_count(cfg), nempty = 0;
    for (size_t i = 0; i < nr; i++)
        if (!scrub_config_rule_id(cfg, i) || !scrub_config_rule_type(cfg, i))
            fuzz_fail("rule %zu has no id or type", i);
    if (scrub_config_rule_id(cfg, nr) || scrub_config_rule_type(cfg, nr))
        fuzz_fail("rule past the end has an id or type");
    scrub_config_each_example(cfg, count_example, &nempty);
    (void)scrub_config_needs_key(cfg);
    if (!scrub_config_key_id(cfg))
        fuzz_fail("key id lost after loading the config");

    scrub_engine *eng = NULL;
    memset(err, 0x55, sizeof err);
    rc = scrub_engine_new(&eng, cfg, err, sizeof err);
    if (rc) {
        check_err("scrub_engine_new", rc, err, sizeof err);
        if (eng)
            fuzz_fail("scrub_engine_new failed but returned an engine");
        goto out;
    }
    /* The built-in rules' examples are checked by tests/check-rules.sh */
    if (!builtins && (!nempty || fuzz_check_enabled("emptywrite")) &&
        scrub_check_examples(cfg, eng, on_check, NULL) < 0)
        fuzz_fail("scrub_check_examples: allocation failure");
    size_t tlen = size < 4096 ? size : 4096;
    for (int m = 0; m < 2; m++) {
        scrub_matcher mm = m ? SCRUB_MATCHER_PCRE2 : SCRUB_MATCHER_HYPERSCAN;
        scrub_text(eng, mm, sample, sizeof sample - 1, 0);
        scrub_text(eng, mm, text, tlen, 64);
    }
    scrub_engine_free(eng);
out:
    free(text);
    scrub_config_free(cfg);
    return 0;
}
