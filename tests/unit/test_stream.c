/* Unit tests of src/stream/: the context. Offsets and lines of findings,
 * output independent of block size, matcher and how the input arrives,
 * long lines in parts, flush and positions, eager mode, reveal mode,
 * allow-lists, counters and call order; lines withheld when a rule
 * fails; scrub_buffer(). */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "stream/ctx.h"

START_TEST(offsets_and_lines)
{
    scrub_engine *eng = engine_with(NULL, "redact");
    const char *t = "first\r\nx 13812345678\n\nip 10.1.2.3 and a@b.cn";
    run_result r;
    run_text(eng, t, strlen(t), 0, SCRUB_MATCHER_HYPERSCAN, &r);
    ck_assert_int_eq(r.rc, 0);
    ck_assert_str_eq(r.out.p, "first\r\nx [PHONE]\n\nip [IPV4] and [EMAIL]");
    ck_assert_uint_eq(r.nf, 3);
    ck_assert_str_eq(r.types[0], "PHONE");
    ck_assert_uint_eq(r.offs[0], 9);
    ck_assert_uint_eq(r.lens[0], 11);
    ck_assert_uint_eq(r.lines[0], 2);
    ck_assert_int_eq(r.acts[0], SCRUB_ACTION_REDACT);
    ck_assert_str_eq(r.types[1], "IPV4");
    ck_assert_uint_eq(r.offs[1], 25);
    ck_assert_uint_eq(r.lines[1], 4);
    ck_assert_str_eq(r.types[2], "EMAIL");
    ck_assert_uint_eq(r.offs[2], 38);
    ck_assert_uint_eq(r.lines[2], 4);
    sbuf_free(&r.out);
    scrub_engine_free(eng);
}
END_TEST

static void build_corpus(sbuf *b)
{
#define PART(lit) {lit, sizeof lit - 1} /* binary: NUL bytes too */
    static const struct { const char *s; size_t n; } parts[] = {
        PART("GET /a?phone=13812345678&e=a%40b.com HTTP/1.1\n"),
        PART("{\"id\":\"110101199003078670\",\"card\":\"4111 1111 1111 1111\"}\n"),
        PART("imei 354178036859789 mac 00:1a:2b:3c:4d:5e ip 10.0.0.1\r\n"),
        PART("v6 [2001:db8::1]:80 ts 1700000000000 ver 10.0.19045.3693\n"),
        PART("bin \x00\xff\xfe\x80 gbk \xc4\xe3\xba\xc3 13912345678\n"),
    };
    for (int rep = 0; rep < 40; rep++)
        for (size_t i = 0; i < sizeof parts / sizeof *parts; i++)
            sbuf_put(b, parts[i].s, parts[i].n);
    sbuf_put(b, "\x00 tail 13812345678", 18); /* no newline at the end */
}

START_TEST(block_size_and_matcher_invariance)
{
    scrub_engine *eng = engine_with(NULL, NULL);
    sbuf corpus = {0};
    build_corpus(&corpus);
    run_result ref;
    run_text(eng, corpus.p, corpus.len, 0, SCRUB_MATCHER_HYPERSCAN, &ref);
    ck_assert_int_eq(ref.rc, 0);
    /* 8 a repetition (the ID under "id" is sheltered), and the tail's */
    ck_assert_uint_eq(ref.nf, 40 * 8 + 1);
    static const size_t blocks[] = {1, 2, 3, 17, 64, 1000, 65536};
    for (size_t i = 0; i < sizeof blocks / sizeof *blocks; i++) {
        for (int m = 0; m < 2; m++) {
            run_result r;
            run_text(eng, corpus.p, corpus.len, blocks[i],
                     m ? SCRUB_MATCHER_PCRE2 : SCRUB_MATCHER_HYPERSCAN, &r);
            assert_same_run(&ref, &r, m ? "pcre2" : "hyperscan");
            sbuf_free(&r.out);
        }
    }
    sbuf_free(&ref.out);
    sbuf_free(&corpus);
    scrub_engine_free(eng);
}
END_TEST

/* One line of about 340 KiB: values every few hundred bytes at shifting
 * distances (so some sit on every boundary of the parts), free-text
 * values, and a secret longer than PART_TAIL: it stays open from one part
 * into the next ones. */
static void build_long_line(sbuf *b)
{
    static const char *const vals[] = {
        "13812345678", "a@b.cn", "10.1.2.3", "password=hunter2 ",
        "{\"real_name\":\"张伟\"}", "354178036859789", "00:1a:2b:3c:4d:5e"};
    for (size_t i = 0; b->len < 300000; i++) {
        for (size_t k = 0; k < 100 + (i * 37) % 400; k++)
            sbuf_putc(b, k % 7 == 6 ? ' ' : 'w');
        sbuf_putc(b, ' ');
        sbuf_put(b, vals[i % 7], strlen(vals[i % 7]));
        sbuf_putc(b, ' ');
        if (i == 150) { /* a secret that runs across parts */
            sbuf_put(b, "token=", 6);
            for (size_t k = 0; k < 10 * LONG_VALUE; k++)
                sbuf_putc(b, (char)('a' + k % 26));
            sbuf_putc(b, ' ');
        }
    }
    sbuf_put(b, "\nnext 13912345678\n", 18);
}

START_TEST(long_line_in_parts)
{
    scrub_engine *eng = engine_with(NULL, "mask");
    sbuf line = {0};
    build_long_line(&line);
    ck_assert_uint_gt(line.len, 4 * LONG_LINE);
    run_result whole, parts;
    /* a block larger than the line: scanned whole */
    run_chunks(eng, line.p, line.len, 1u << 24, 1u << 20,
               SCRUB_MATCHER_HYPERSCAN, &whole);
    ck_assert_uint_gt(whole.nf, 500);
    ck_assert_ptr_null(strstr(whole.out.p, "13812345678"));
    ck_assert_ptr_nonnull(strstr(whole.out.p, "token=********"));
    static const size_t chunks[] = {4096, 9973, 65536};
    for (size_t i = 0; i < sizeof chunks / sizeof *chunks; i++) {
        /* it arrives in pieces, no newline in sight: scrubbed in parts */
        run_chunks(eng, line.p, line.len, chunks[i] / 3, chunks[i],
                   SCRUB_MATCHER_HYPERSCAN, &parts);
        assert_same_run(&whole, &parts, "long line");
        sbuf_free(&parts.out);
    }
    sbuf_free(&whole.out);
    sbuf_free(&line);
    scrub_engine_free(eng);
}
END_TEST

/* A context of eng that collects into r. */
static scrub_ctx *ctx_into(const scrub_engine *eng, run_result *r)
{
    memset(r, 0, sizeof *r);
    scrub_ctx *c = scrub_ctx_new(eng);
    ck_assert_ptr_nonnull(c);
    scrub_ctx_set_output(c, collect_output, r);
    scrub_ctx_set_findings(c, collect_finding, r);
    return c;
}

#define WRITE(c, s) ck_assert_int_eq(scrub_ctx_write(c, s, strlen(s)), 0)

START_TEST(flush_and_position)
{
    scrub_engine *eng = engine_with(NULL, "redact");
    run_result r;
    scrub_ctx *c = ctx_into(eng, &r);
    WRITE(c, "a 13812345678"); /* no newline: held */
    ck_assert_uint_eq(r.out.len, 0);
    ck_assert_int_eq(scrub_ctx_set_position(c, 0, 1), SCRUB_E_STATE);
    ck_assert_int_eq(scrub_ctx_flush(c), 0); /* as if the stream ended */
    ck_assert_uint_eq(r.out.len, 9);
    ck_assert_int_eq(memcmp(r.out.p, "a [PHONE]", 9), 0);
    WRITE(c, "\nb a@b.cn\n"); /* the context goes on: offsets too */
    ck_assert_int_eq(scrub_ctx_flush(c), 0);
    ck_assert_uint_eq(r.nf, 2);
    ck_assert_uint_eq(r.offs[1], 16);
    ck_assert_uint_eq(r.lines[1], 2);
    /* another context's block: its position in the stream */
    ck_assert_int_eq(scrub_ctx_set_position(c, 1000, 50), 0);
    WRITE(c, "x\ny 10.1.2.3\n");
    ck_assert_int_eq(scrub_ctx_finish(c), 0);
    ck_assert_uint_eq(r.nf, 3);
    ck_assert_uint_eq(r.offs[2], 1004);
    ck_assert_uint_eq(r.lines[2], 51);
    sbuf_putc(&r.out, '\0');
    ck_assert_str_eq(r.out.p, "a [PHONE]\nb [EMAIL]\nx\ny [IPV4]\n");
    ck_assert_int_eq(scrub_ctx_flush(c), SCRUB_E_STATE); /* finished */
    ck_assert_int_eq(scrub_ctx_set_position(c, 0, 0), SCRUB_E_ARG);
    scrub_ctx_free(c);
    sbuf_free(&r.out);
    scrub_engine_free(eng);
}
END_TEST

START_TEST(eager_lines)
{
    scrub_engine *eng = engine_with(NULL, "redact");
    run_result lazy, eager;
    scrub_ctx *a = ctx_into(eng, &lazy), *b = ctx_into(eng, &eager);
    scrub_ctx_set_eager(b, 1);
    WRITE(a, "x 13812345678\ny");
    WRITE(b, "x 13812345678\ny");
    ck_assert_uint_eq(lazy.out.len, 0); /* waits for a full block */
    ck_assert_uint_eq(eager.out.len, 10); /* each whole line at once */
    ck_assert_int_eq(memcmp(eager.out.p, "x [PHONE]\n", 10), 0);
    ck_assert_int_eq(scrub_ctx_finish(a), 0);
    ck_assert_int_eq(scrub_ctx_finish(b), 0);
    ck_assert_uint_eq(lazy.out.len, eager.out.len);
    ck_assert_int_eq(memcmp(lazy.out.p, eager.out.p, lazy.out.len), 0);
    scrub_ctx_free(a);
    scrub_ctx_free(b);
    sbuf_free(&lazy.out);
    sbuf_free(&eager.out);
    scrub_engine_free(eng);
}
END_TEST

/* Scrub text with eng, then reveal it with rev; the counts come back. */
static char *reveal_text(const scrub_engine *rev, const char *text,
                         uint64_t *revealed, uint64_t *rejected)
{
    run_result r;
    scrub_ctx *c = ctx_into(rev, &r);
    scrub_ctx_set_reveal(c, 1);
    WRITE(c, text);
    ck_assert_int_eq(scrub_ctx_finish(c), 0);
    ck_assert_uint_eq(r.nf, 0); /* reveal reports no findings */
    scrub_ctx_reveal_counts(c, revealed, rejected);
    scrub_ctx_free(c);
    sbuf_putc(&r.out, '\0');
    return r.out.p;
}

/* Encrypt tokens of PHONE and IPV4, an EMAIL pseudonym (reversible), a
 * SECRET label: the engine that reveals them, and its scrubbed text. */
static scrub_engine *reveal_engine(char **scrubbed)
{
    scrub_engine *eng = engine_with("reversible: [EMAIL]\n"
                                    "actions: {all: encrypt, EMAIL: pseudo,"
                                    " SECRET: redact}\n", NULL);
    *scrubbed = scrub_str(eng, "tel 13812345678 ip 10.1.2.3 mail "
                               "bob@example.com password=hunter2\n");
    ck_assert_ptr_null(strstr(*scrubbed, "13812345678"));
    ck_assert_ptr_null(strstr(*scrubbed, "bob@"));
    ck_assert_int_eq(strncmp(*scrubbed, "tel PHONE_", 10), 0);
    return eng;
}

START_TEST(reveal_mode)
{
    char *once;
    scrub_engine *eng = reveal_engine(&once);
    uint64_t rev, rej;
    char *back = reveal_text(eng, once, &rev, &rej);
    ck_assert_str_eq(back, "tel 13812345678 ip 10.1.2.3 mail bob@example.com "
                           "password=[SECRET]\n"); /* a label stays */
    ck_assert_uint_eq(rev, 3);
    ck_assert_uint_eq(rej, 0);
    free(back);
    /* a token changed by one letter is left as it is, and counted */
    char *bad = xstrdup(once), *tok = strstr(bad, "PHONE_");
    tok[40] = tok[40] == 'a' ? 'b' : 'a';
    back = reveal_text(eng, bad, &rev, &rej);
    ck_assert_int_eq(strncmp(back + 4, tok, strcspn(tok, " ")), 0);
    ck_assert_ptr_nonnull(strstr(back, "ip 10.1.2.3"));
    ck_assert_uint_eq(rev, 2);
    ck_assert_uint_eq(rej, 1);
    free(back);
    free(bad);
    free(once);
    scrub_engine_free(eng);
}
END_TEST

/* Another key's engine opens none of them: both tokens are rejected, the
 * pseudonym (not reversible there) passes as it is. */
START_TEST(reveal_other_key)
{
    char *once;
    scrub_engine *eng = reveal_engine(&once);
    scrub_config *cfg = config_with(NULL, 1);
    char err[128];
    static const unsigned char other[32] = {9, 9, 9};
    ck_assert(!scrub_config_set_key(cfg, other, 32, err, sizeof err));
    scrub_engine *stranger = NULL;
    ck_assert(!scrub_engine_new(&stranger, cfg, err, sizeof err));
    uint64_t rev, rej;
    char *back = reveal_text(stranger, once, &rev, &rej);
    ck_assert_str_eq(back, once);
    ck_assert_uint_eq(rev, 0);
    ck_assert_uint_eq(rej, 2);
    free(back);
    scrub_engine_free(stranger);
    scrub_config_free(cfg);
    free(once);
    scrub_engine_free(eng);
}
END_TEST

START_TEST(allowed_values)
{
    scrub_engine *eng = engine_with(
        "allow: {values: ['13800000000'], cidrs: [10.0.0.0/8]}\n", "redact");
    run_result r;
    const char *t = "13800000000 13812345678 10.1.2.3 11.1.2.3\n";
    run_text(eng, t, strlen(t), 0, SCRUB_MATCHER_HYPERSCAN, &r);
    ck_assert_str_eq(r.out.p, "13800000000 [PHONE] 10.1.2.3 [IPV4]\n");
    ck_assert_uint_eq(r.nf, 4); /* allowed values are still reported */
    ck_assert(r.allowed[0] && r.acts[0] == SCRUB_ACTION_KEEP);
    ck_assert(!r.allowed[1] && r.acts[1] == SCRUB_ACTION_REDACT);
    ck_assert(r.allowed[2] && !r.allowed[3]);
    sbuf_free(&r.out);
    scrub_engine_free(eng);
}
END_TEST

START_TEST(counters)
{
    scrub_engine *eng = engine_with(NULL, "redact");
    run_result r;
    scrub_ctx *c = ctx_into(eng, &r);
    WRITE(c, "13812345678 a@b.cn\n13912345678\nend");
    ck_assert_int_eq(scrub_ctx_finish(c), 0);
    ck_assert_uint_eq(scrub_ctx_type_count(c, "PHONE"), 2);
    ck_assert_uint_eq(scrub_ctx_type_count(c, "EMAIL"), 1);
    ck_assert_uint_eq(scrub_ctx_type_count(c, "IMEI"), 0);
    ck_assert_uint_eq(scrub_ctx_type_count(c, "NOPE"), 0);
    ck_assert_uint_eq(scrub_ctx_type_count(c, NULL), 0);
    scrub_stats s;
    scrub_ctx_stats(c, &s);
    ck_assert_uint_eq(s.bytes_in, 34);
    ck_assert_uint_eq(s.bytes_out, r.out.len);
    ck_assert_uint_eq(s.lines, 2);
    ck_assert_uint_eq(s.findings, 3);
    scrub_ctx_free(c);
    sbuf_free(&r.out);
    scrub_engine_free(eng);
}
END_TEST

static int refuse(void *o, const char *p, size_t n)
{
    (void)o, (void)p, (void)n;
    return 1;
}

START_TEST(state_errors)
{
    scrub_engine *eng = engine_with(NULL, "redact");
    scrub_ctx *ctx = scrub_ctx_new(eng);
    ck_assert_int_eq(scrub_ctx_finish(ctx), 0);
    ck_assert_int_eq(scrub_ctx_finish(ctx), 0); /* twice is fine */
    ck_assert_int_eq(scrub_ctx_write(ctx, "x", 1), SCRUB_E_STATE);
    ck_assert_int_eq(scrub_ctx_set_block_size(ctx, 0), SCRUB_E_ARG);
    scrub_ctx_free(ctx);
    /* a callback's refusal sticks: nothing more is taken */
    ctx = scrub_ctx_new(eng);
    scrub_ctx_set_output(ctx, refuse, NULL);
    scrub_ctx_set_eager(ctx, 1);
    ck_assert_int_eq(scrub_ctx_write(ctx, "a\n", 2), SCRUB_E_CALLBACK);
    ck_assert_int_eq(scrub_ctx_write(ctx, "b\n", 2), SCRUB_E_CALLBACK);
    ck_assert_int_eq(scrub_ctx_finish(ctx), SCRUB_E_CALLBACK);
    scrub_ctx_free(ctx);
    ck_assert_int_eq(scrub_ctx_write(NULL, "x", 1), SCRUB_E_ARG);
    ck_assert_ptr_null(scrub_ctx_new(NULL));
    scrub_ctx_free(NULL);
    scrub_engine_free(eng);
    scrub_engine_free(NULL);
    scrub_config_free(NULL);
    ck_assert_str_eq(scrub_error_name(SCRUB_E_KEY), "SCRUB_E_KEY");
    ck_assert_str_eq(scrub_error_name(999), "SCRUB_E_UNKNOWN");
    ck_assert_uint_eq(scrub_version_number(), SCRUB_VERSION_NUMBER);
    ck_assert_str_eq(scrub_version_string(), SCRUB_VERSION_STRING);
}
END_TEST

/* ---- lines withheld when a rule's PCRE2 match fails (withhold.c) ---- */

/* (a|aa)+ backtracks exponentially on a run of a's that the lookahead
 * then refuses: Hyperscan cannot take the lookahead, so the rule runs on
 * the PCRE2 path, and on such a line it hits the match limit. */
#define BAD_RULE                                                               \
    "rules:\n"                                                                 \
    "  - id: t.catastrophic\n"                                                 \
    "    type: ORDER\n"                                                        \
    "    pattern: '(a|aa)+(?=c)'\n"

typedef struct errs {
    int n, withheld;
    uint64_t lines[8], offs[8];
    char rule[64];
} errs;

static int on_err(void *o, const scrub_scan_error *e)
{
    errs *x = o;
    if (x->n < 8) {
        x->lines[x->n] = e->line;
        x->offs[x->n] = e->offset;
    }
    x->n++;
    x->withheld += e->withheld;
    snprintf(x->rule, sizeof x->rule, "%s", e->rule_id);
    return 0;
}

/* A line of 60 a's and a b: the bad rule fails there. */
static void bad_text(sbuf *t)
{
    const char *ok = "ok 13812345678 aac\n";
    sbuf_put(t, ok, strlen(ok));
    sbuf_put(t, "x ", 2);
    for (int i = 0; i < 60; i++)
        sbuf_putc(t, 'a');
    sbuf_put(t, "b 13912345678\n", 14);
    sbuf_put(t, ok, strlen(ok));
}

START_TEST(withheld_line)
{
    scrub_engine *eng = engine_with(BAD_RULE, "redact");
    sbuf t = {0};
    bad_text(&t);
    for (int m = 0; m < 2; m++) {
        run_result r = {0};
        errs x = {0};
        scrub_ctx *c = scrub_ctx_new(eng);
        scrub_ctx_set_matcher(c, m ? SCRUB_MATCHER_PCRE2
                                   : SCRUB_MATCHER_HYPERSCAN);
        scrub_ctx_set_output(c, collect_output, &r);
        scrub_ctx_set_findings(c, collect_finding, &r);
        scrub_ctx_set_on_scan_error(c, SCRUB_ON_SCAN_ERROR_WITHHOLD, on_err,
                                    &x);
        ck_assert_int_eq(scrub_ctx_write(c, t.p, t.len), 0);
        ck_assert_int_eq(scrub_ctx_finish(c), 0);
        sbuf_putc(&r.out, '\0');
        /* only the bad line is lost, its newline kept; the others are
         * scrubbed as ever, and nothing of the bad line is reported */
        ck_assert_str_eq(r.out.p, "ok [PHONE] [ORDER]c\n[UNSCANNED]\n"
                                  "ok [PHONE] [ORDER]c\n");
        ck_assert_uint_eq(r.nf, 4);
        ck_assert_uint_eq(r.lines[2], 3);
        ck_assert_int_eq(x.n, 1);
        ck_assert_int_eq(x.withheld, 1);
        ck_assert_uint_eq(x.lines[0], 2);
        ck_assert_uint_eq(x.offs[0], 19);
        ck_assert_str_eq(x.rule, "t.catastrophic");
        scrub_stats st;
        scrub_ctx_stats(c, &st);
        ck_assert_uint_eq(st.lines_withheld, 1);
        ck_assert_uint_eq(st.lines, 3);
        scrub_ctx_free(c);
        sbuf_free(&r.out);
    }
    sbuf_free(&t);
    scrub_engine_free(eng);
}
END_TEST

START_TEST(withheld_stop)
{
    scrub_engine *eng = engine_with(BAD_RULE, "redact");
    sbuf t = {0};
    bad_text(&t);
    run_result r = {0};
    errs x = {0};
    scrub_ctx *c = scrub_ctx_new(eng);
    scrub_ctx_set_output(c, collect_output, &r);
    scrub_ctx_set_on_scan_error(c, SCRUB_ON_SCAN_ERROR_STOP, on_err, &x);
    ck_assert_int_eq(scrub_ctx_write(c, t.p, t.len), 0); /* held: < block */
    ck_assert_int_eq(scrub_ctx_finish(c), SCRUB_E_SCAN);
    ck_assert_int_eq(scrub_ctx_finish(c), SCRUB_E_SCAN); /* it sticks */
    ck_assert_uint_eq(r.out.len, 0); /* nothing of the block went out */
    ck_assert_int_eq(x.n, 1);
    ck_assert_int_eq(x.withheld, 0);
    ck_assert_uint_eq(x.lines[0], 2);
    ck_assert_str_eq(x.rule, "t.catastrophic");
    scrub_ctx_free(c);
    sbuf_free(&t);
    scrub_engine_free(eng);
}
END_TEST

/* A long line (scanned in parts) that fails: the rest of that line is
 * dropped, the next line is scanned again. */
START_TEST(withheld_long_line)
{
    scrub_engine *eng = engine_with(BAD_RULE, "redact");
    sbuf t = {0};
    sbuf_put(&t, "v ", 2);
    for (int i = 0; i < 100000; i++)
        sbuf_put(&t, i % 1000 == 999 ? "13812345678 " : "x", i % 1000 == 999 ? 12 : 1);
    for (int i = 0; i < 60; i++)
        sbuf_putc(&t, 'a');
    sbuf_putc(&t, 'b');
    for (int i = 0; i < 100000; i++)
        sbuf_putc(&t, 'y');
    sbuf_put(&t, " 13812345678\nnext 13912345678\n", 30);
    run_result r = {0};
    errs x = {0};
    scrub_ctx *c = scrub_ctx_new(eng);
    scrub_ctx_set_output(c, collect_output, &r);
    scrub_ctx_set_findings(c, collect_finding, &r);
    scrub_ctx_set_on_scan_error(c, SCRUB_ON_SCAN_ERROR_WITHHOLD, on_err, &x);
    for (size_t at = 0; at < t.len; at += 7000) {
        size_t n = t.len - at < 7000 ? t.len - at : 7000;
        ck_assert_int_eq(scrub_ctx_write(c, t.p + at, n), 0);
    }
    ck_assert_int_eq(scrub_ctx_finish(c), 0);
    ck_assert_int_eq(x.n, 1);
    ck_assert_uint_eq(x.lines[0], 1);
    /* nothing of the raw values went out; the next line is scrubbed */
    ck_assert_ptr_null(memmem(r.out.p, r.out.len, "1381234", 7));
    ck_assert_ptr_null(memmem(r.out.p, r.out.len, "yyyy", 4));
    const char *tail = "[UNSCANNED]\nnext [PHONE]\n";
    ck_assert_uint_ge(r.out.len, strlen(tail));
    ck_assert(!memcmp(r.out.p + r.out.len - strlen(tail), tail, strlen(tail)));
    ck_assert_str_eq(r.types[r.nf - 1], "PHONE");
    ck_assert_uint_eq(r.lines[r.nf - 1], 2);
    scrub_ctx_free(c);
    sbuf_free(&r.out);
    sbuf_free(&t);
    scrub_engine_free(eng);
}
END_TEST

/* scrub_buffer() gives what a context gives, and nothing on error. */
START_TEST(one_buffer)
{
    scrub_engine *eng = engine_with(NULL, "redact");
    const char *in = "a 13812345678 b@c.cn\nx 13912345678";
    run_result ref, r = {0};
    run_text(eng, in, strlen(in), 0, SCRUB_MATCHER_HYPERSCAN, &ref);
    char *out = NULL;
    size_t n = 7;
    ck_assert_int_eq(scrub_buffer(eng, in, strlen(in), &out, &n,
                                  collect_finding, &r), 0);
    ck_assert_uint_eq(n, ref.out.len);
    ck_assert_str_eq(out, ref.out.p);
    ck_assert_uint_eq(r.nf, 3);
    ck_assert_uint_eq(r.digest, ref.digest);
    free(out);
    ck_assert_int_eq(scrub_buffer(eng, "", 0, &out, NULL, NULL, NULL), 0);
    ck_assert_str_eq(out, "");
    free(out);
    ck_assert_int_eq(scrub_buffer(eng, NULL, 3, &out, &n, NULL, NULL),
                     SCRUB_E_ARG);
    ck_assert_ptr_null(out);
    ck_assert_uint_eq(n, 0);
    ck_assert_int_eq(scrub_buffer(NULL, in, 1, &out, &n, NULL, NULL),
                     SCRUB_E_ARG);
    ck_assert_int_eq(scrub_buffer(eng, in, 1, NULL, &n, NULL, NULL),
                     SCRUB_E_ARG);
    sbuf_free(&ref.out);
    scrub_engine_free(eng);
}
END_TEST

Suite *stream_suite(void)
{
    Suite *s = suite_create("stream");
    TCase *t = tcase_create("stream");
    tcase_set_timeout(t, 60);
    tcase_add_test(t, offsets_and_lines);
    tcase_add_test(t, block_size_and_matcher_invariance);
    tcase_add_test(t, long_line_in_parts);
    tcase_add_test(t, flush_and_position);
    tcase_add_test(t, eager_lines);
    tcase_add_test(t, reveal_mode);
    tcase_add_test(t, reveal_other_key);
    tcase_add_test(t, allowed_values);
    tcase_add_test(t, counters);
    tcase_add_test(t, state_errors);
    tcase_add_test(t, withheld_line);
    tcase_add_test(t, withheld_stop);
    tcase_add_test(t, withheld_long_line);
    tcase_add_test(t, one_buffer);
    suite_add_tcase(s, t);
    return s;
}
