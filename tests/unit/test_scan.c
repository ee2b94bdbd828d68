/* Unit tests of src/scan/: one block's candidates straight from
 * scan_block (both matchers), exclusions, our own tokens and labels left
 * alone, the GBK view, and the free-text value reader. */
#include <check.h>
#include <stdio.h>
#include <string.h>

#include "helpers.h"
#include "scan/gbk.h"
#include "scan/scan.h"

static scrub_engine *eng;
static scan_state st;

static void setup(void)
{
    eng = engine_with(NULL, "redact");
    ck_assert_int_eq(scan_state_init(&st, eng), 0);
    ck_assert_int_eq(scan_use_matcher(&st, SCRUB_MATCHER_HYPERSCAN), 0);
}

static void teardown(void)
{
    scan_state_free(&st);
    scrub_engine_free(eng);
}

/* The findings scan_block leaves for text (from `first` on), as
 * "TYPE start-end; ...", after checking that they are sorted and do not
 * overlap. */
static const char *cands_from(const char *text, size_t first, scrub_matcher m)
{
    static char buf[2048];
    size_t k = 0, prev_end = first;
    ck_assert_int_eq(scan_block(&st, text, strlen(text), first, m), 0);
    buf[0] = '\0';
    for (size_t i = 0; i < st.cands.n; i++) {
        const cand *c = &st.cands.v[i];
        ck_assert_msg(c->start >= prev_end && c->end > c->start,
                      "%s: candidate %zu overlaps", text, i);
        prev_end = c->end;
        k += (size_t)snprintf(buf + k, sizeof buf - k, "%s%s %zu-%zu",
                              i ? "; " : "", eng->rules[c->rule].type,
                              c->start, c->end);
    }
    return buf;
}

static const char *cands(const char *text)
{
    return cands_from(text, 0, SCRUB_MATCHER_HYPERSCAN);
}

START_TEST(block_candidates)
{
    ck_assert_str_eq(cands("call 13812345678 or mail a@b.cn"),
                     "PHONE 5-16; EMAIL 25-31");
    ck_assert_str_eq(cands("x\nip 10.1.2.3\nmac 00:1a:2b:3c:4d:5e\n"),
                     "IPV4 5-13; MAC 18-35");
    ck_assert_str_eq(cands("id 110101199003078670, card 6222021234567890128"),
                     "CN_ID 3-21; BANK_CARD 28-47");
    ck_assert_str_eq(cands("no personal data here 12345"), "");
    ck_assert_int_eq(scan_block(&st, "", 0, 0, SCRUB_MATCHER_HYPERSCAN), 0);
    ck_assert_uint_eq(st.cands.n, 0);
    /* nothing may start before `first`: those bytes are decided */
    ck_assert_str_eq(cands_from("call 13812345678", 5,
                                SCRUB_MATCHER_HYPERSCAN), "PHONE 5-16");
    ck_assert_str_eq(cands_from("call 13812345678", 6,
                                SCRUB_MATCHER_HYPERSCAN), "");
}
END_TEST

/* What our own output looks like stays as it is, and what touches it. */
START_TEST(tokens_left_alone)
{
    ck_assert_str_eq(cands("x PHONE_kabcd_abcdefghijklmnopqr 13812345678"),
                     "PHONE 33-44");
    ck_assert_str_eq(cands("x 13812345678-PHONE_kabcd_abcdefghijklmnopqr"),
                     "");
    ck_assert_str_eq(cands("a [PHONE] 13812345678"), "PHONE 10-21");
    /* a log's own tag before a raw value must not hide it */
    ck_assert_str_eq(cands("[IMEI]:354178036859789"), "IMEI 7-22");
    ck_assert_str_eq(cands("[IMEI]354178036859789"), "");
}
END_TEST

/* Lines of every kind, each scanned on its own, and what they hold. */
static const struct {
    const char *line, *want;
} corpus[] = {
    {"GET /a?phone=13812345678&e=a%40b.com HTTP/1.1",
     "PHONE 13-24; EMAIL 27-36"},
    {"{\"id\":\"110101199003078670\",\"card\":\"4111 1111 1111 1111\"}",
     "BANK_CARD 35-54"}, /* the ID under "id" is sheltered */
    {"imei 354178036859789 mac 00:1a:2b:3c:4d:5e ip 10.0.0.1",
     "IMEI 5-20; MAC 25-42; IPV4 46-54"},
    {"v6 [2001:db8::1]:80 ts 1700000000000 ver 10.0.19045.3693",
     "IPV6 4-15"},
    {"password=hunter2 token: abc.def-123 {\"real_name\":\"张伟\"}",
     "SECRET 9-16; NAME 50-56"},
    {"lat=39.904211&lng=116.407395 at 39.9042,116.4074",
     "GEO 4-13; GEO 18-28; GEO 32-48"},
    /* the device id takes "+86"; the phone is still 138-2468-5678 */
    {"oaid:abcdefgh+86 138-2468-5678 iban GB82 WEST 1234 5698 7654 32",
     "DEVICE_ID 5-16; PHONE 17-30; BANK_CARD 36-63"},
    {"imsi=460001234567890 iccid=89860012345678901234 meid=A0000012345678",
     "IMSI 5-20; ICCID 27-47; MEID 53-67"},
    {"地址：北京市朝阳区建国路88号，电话：010-62345678",
     "ADDRESS 9-41; PHONE 53-65"},
    {"u=13957525385%40163.com& a ::ffff:192.0.2.1 b", "EMAIL 2-23; IPV6 27-43"},
    {"trace_id=13812345678 count=86 13812345678 ip-10-1-2-3.ec2",
     "PHONE 27-41; IPV4 45-53"},
};

START_TEST(matchers_agree)
{
    /* the reference programs are JIT-compiled on first use only: without
     * them the PCRE2 path fails closed rather than skip a rule */
    const char *l0 = corpus[0].line;
    ck_assert_int_eq(scan_block(&st, l0, strlen(l0), 0, SCRUB_MATCHER_PCRE2),
                     SCRUB_E_SCAN);
    eng_prepare_reference(eng);
    for (size_t i = 0; i < sizeof corpus / sizeof *corpus; i++) {
        const char *l = corpus[i].line;
        ck_assert_str_eq(cands(l), corpus[i].want);
        ck_assert_str_eq(cands_from(l, 0, SCRUB_MATCHER_PCRE2), corpus[i].want);
        ck_assert_str_eq(cands_from(l, 0, SCRUB_MATCHER_NATIVE),
                         corpus[i].want);
    }
}
END_TEST

START_TEST(exclusions)
{
    /* a value under a counter or id key is not personal */
    ck_assert_str_eq(cands("trace_id=13812345678"), "");
    ck_assert_str_eq(cands("{\"bytes\":19106806907}"), "");
    ck_assert_str_eq(cands("x 13812345678"), "PHONE 2-13");
    /* the excluded value is "86": a phone reaching past it is no count */
    ck_assert_str_eq(cands("count=86 13812345678"), "PHONE 6-20");
    /* a personal-data key wins over an id key */
    ck_assert_str_eq(cands("device_id=354178036859789"), "IMEI 10-25");
    /* an email under an id key is no identifier: still found */
    ck_assert_str_eq(cands("order_id=a@b.cn"), "EMAIL 9-15");
}
END_TEST

/* gbk_view of buf (its own length), checked to keep the length. */
static const char *view(sbuf *copy, const char *buf, size_t len, unsigned cut)
{
    int err = -1;
    const char *v = gbk_view(copy, buf, len, cut, &err);
    ck_assert_int_eq(err, 0);
    ck_assert_ptr_nonnull(v);
    return v;
}

START_TEST(gbk_views)
{
    sbuf copy = {0};
    const char *utf8 = "手机号13812345678\n张伟 a@b.cn\n";
    ck_assert_ptr_eq(view(&copy, utf8, strlen(utf8), 0), utf8);
    /* 丂 (81 41: its trail is 'A') and 手机 (CA D6 BB FA) in GBK, and a
     * GB18030 four-byte character (81 30 81 30) */
    static const char gbk[] = "ok\n\x81\x41\x31\x33 \xca\xd6\xbb\xfa"
                              "\x81\x30\x81\x30x\nend";
    size_t n = sizeof gbk - 1;
    const char *v = view(&copy, gbk, n, 0);
    ck_assert_ptr_eq(v, copy.p);
    ck_assert_uint_eq(copy.len, n);
    static const size_t masked[] = {4, 9, 11, 13, 14, 15};
    for (size_t i = 0, m = 0; i < n; i++) {
        bool is_masked = m < 6 && masked[m] == i;
        if (is_masked)
            m++;
        ck_assert_msg(is_masked ? (unsigned char)v[i] == 0xFF : v[i] == gbk[i],
                      "byte %zu", i);
    }
    /* a line a block cut is not read as GBK: its start or end is unseen */
    const char *line = gbk + 3; /* "\x81\x41..." up to its newline */
    size_t ll = (size_t)(strchr(line, '\n') - line);
    ck_assert_ptr_eq(view(&copy, line, ll, GBK_CUT_BEFORE), line);
    ck_assert_ptr_eq(view(&copy, line, ll, GBK_CUT_AFTER), line);
    ck_assert_ptr_ne(view(&copy, line, ll, 0), line);
    /* ... but a whole line inside a cut block still is */
    ck_assert_ptr_ne(view(&copy, gbk, n, GBK_CUT_BEFORE | GBK_CUT_AFTER), gbk);
    /* UTF-8 with one stray byte stays UTF-8 */
    const char *stray = "张伟张伟 \xff 13812345678";
    ck_assert_ptr_eq(view(&copy, stray, strlen(stray), 0), stray);
    sbuf_free(&copy);
}
END_TEST

START_TEST(gbk_in_scan)
{
    /* 号 + "A" trail: read as ASCII the phone would be glued to a hex word
     * (A13812345678); through the view it is found. */
    static const char t[] = "\xba\xc5\x81\x41" "13812345678 x";
    ck_assert_str_eq(cands(t), "PHONE 4-15");
    /* a GBK line at least GBK_MAX_LINE long is read as it is */
    static char big[GBK_MAX_LINE + 32];
    memset(big, 'y', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    memcpy(big, t, sizeof t - 1);
    ck_assert_str_eq(cands(big), "");
}
END_TEST

/* The value after the separator at buf[pos]: its span, or false. */
static bool value_of(const char *buf, size_t pos, size_t *vs, size_t *ve)
{
    return value_extract(buf, strlen(buf), pos, vs, ve, NULL);
}

#define VALUE(buf, pos, want)                                                \
    do {                                                                     \
        size_t vs_, ve_;                                                     \
        ck_assert_msg(value_of(buf, pos, &vs_, &ve_), "no value in %s", buf); \
        ck_assert_msg(ve_ - vs_ == strlen(want) &&                           \
                          !memcmp(buf + vs_, want, strlen(want)),            \
                      "%s: got %.*s", buf, (int)(ve_ - vs_), buf + vs_);     \
    } while (0)

START_TEST(value_reader)
{
    size_t vs, ve;
    /* a quoted value without its closing quote ends with the line */
    const char *q = "k=\"abc def\nnext";
    ck_assert(value_extract(q, strlen(q), 2, &vs, &ve, NULL));
    ck_assert_uint_eq(vs, 3);
    ck_assert_uint_eq(ve, 10);
    /* every quote form, and the depth of JSON escaping */
    VALUE("k=\"ab\\\"cd\" x", 2, "ab\\\"cd");
    VALUE("k=\\\"ab\\\" x", 2, "ab");
    VALUE("k=\\\\\\\"ab\\\\\\\"}", 2, "ab");           /* escaped twice */
    VALUE("k=\\\"a\\\\\\\"b\\\",", 2, "a\\\\\\\"b"); /* a quote inside */
    VALUE("k=%22ab cd%22&x", 2, "ab cd");
    VALUE("k=%2522ab%2522", 2, "ab");
    VALUE("k=\\u0022ab\\u0022", 2, "ab");
    VALUE("k=\\x22ab\\x22", 2, "ab");
    VALUE("<k>ab cd</k>", 3, "ab cd");
    /* bare values end at a delimiter, also percent-encoded */
    VALUE("k=ab%26c=1", 2, "ab");
    VALUE("k=ab%2526c", 2, "ab");
    VALUE("k=p%40ss%21 x", 2, "p%40ss%21");
    ck_assert(value_quote("k=\\\"ab", 4).level == 1);
    ck_assert(value_quote("k=\\\\\\\"ab", 6).level == 2);
    ck_assert(value_quote("<k>ab", 3).kind == '<');
    ck_assert(value_quote("k=%22ab", 5).kind == '%');
    ck_assert(value_quote("k=ab", 2).kind == 0);
}
END_TEST

/* A value open at the end of a part of a long line: where to resume,
 * and where it ends in the next part. */
START_TEST(value_continued)
{
    /* resuming: VALUE_LOOKBACK bytes back, at the start of a run of
     * backslashes */
    const char *b = "abcdefghijkl";
    ck_assert_uint_eq(value_resume(b, 12, 0), 12 - VALUE_LOOKBACK);
    ck_assert_uint_eq(value_resume(b, 5, 0), 0);
    const char *e = "abcde\\\\\\xyz"; /* a run at 5-7 */
    ck_assert_uint_eq(value_resume(e, 14, 0), 5);
    bool open;
    vquote dq = {'"', 0}, bare = {0, 0};
    const char *e2 = "abcde\\\"xy";
    ck_assert_uint_eq(value_continue(e2, 9, 0, dq, &open), 9);
    ck_assert(open);
    const char *c = "abc\" rest";
    ck_assert_uint_eq(value_continue(c, 9, 0, dq, &open), 3);
    ck_assert(!open);
    const char *w = "ab\xef\xbc\x8c"; /* ab，: a full-width comma ends it */
    ck_assert_uint_eq(value_continue(w, 5, 0, bare, &open), 2);
    ck_assert(!open);
    ck_assert_uint_eq(value_continue("abcdef", 6, 0, bare, &open), 6);
    ck_assert(open);
}
END_TEST

/* Withheld spans (withhold.c): a failure's line, clamped to `first`,
 * sorted and merged, and every finding that touches one is swallowed. */
START_TEST(withheld_spans)
{
    const char *t = "aa 13812345678\nbb 13912345678 cc\ndd\n";
    size_t len = strlen(t);
    ck_assert_int_eq(scan_block(&st, t, len, 0, SCRUB_MATCHER_HYPERSCAN), 0);
    ck_assert_uint_eq(st.cands.n, 2);
    /* two failures on line 2, one on line 3, one before `first` */
    scan_failed_at(&st, 0, t, len, 20);
    scan_failed_at(&st, 0, t, len, 17);
    scan_failed_at(&st, 0, t, len, 34);
    scan_failed_at(&st, 0, t, len, 2);
    ck_assert_int_eq(st.error, 0);
    ck_assert_int_eq(scan_withhold(&st, 3), 0);
    /* line 1 from 3 on swallows its phone (3-14); lines 2 and 3 are
     * 15-32 and 33-35: three spans, the phone of line 2 inside one */
    ck_assert_uint_eq(st.cands.n, 0);
    ck_assert_uint_eq(st.withheld.n, 3);
    ck_assert_uint_eq(st.withheld.v[0].start, 3);
    ck_assert_uint_eq(st.withheld.v[0].end, 14);
    ck_assert_uint_eq(st.withheld.v[1].start, 15);
    ck_assert_uint_eq(st.withheld.v[1].end, 32);
    ck_assert_uint_eq(st.withheld.v[2].start, 33);
    ck_assert_uint_eq(st.withheld.v[2].end, 35);
    /* stop mode: the first failure is the error, and nothing is kept */
    ck_assert_int_eq(scan_block(&st, t, len, 0, SCRUB_MATCHER_HYPERSCAN), 0);
    st.stop_on_error = true;
    scan_failed_at(&st, 1, t, len, 20);
    scan_failed_at(&st, 2, t, len, 30);
    ck_assert_int_eq(st.error, SCRUB_E_SCAN);
    ck_assert_uint_eq(st.err_rule, 1);
    ck_assert_uint_eq(st.err_pos, 20);
    ck_assert_uint_eq(st.withheld.n, 0);
    st.stop_on_error = false;
}
END_TEST

Suite *scan_suite(void)
{
    Suite *s = suite_create("scan");
    TCase *t = tcase_create("scan");
    tcase_set_timeout(t, 60);
    tcase_add_checked_fixture(t, setup, teardown);
    tcase_add_test(t, block_candidates);
    tcase_add_test(t, tokens_left_alone);
    tcase_add_test(t, matchers_agree);
    tcase_add_test(t, exclusions);
    tcase_add_test(t, gbk_views);
    tcase_add_test(t, gbk_in_scan);
    tcase_add_test(t, value_reader);
    tcase_add_test(t, value_continued);
    tcase_add_test(t, withheld_spans);
    suite_add_tcase(s, t);
    return s;
}
