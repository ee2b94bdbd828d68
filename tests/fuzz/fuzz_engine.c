/* fuzz_engine.c — libFuzzer harness for the scan/replace engine.
 *
 * Input: bytes 0 and 1 choose how the rest (the "log") is scrubbed; bytes
 * 2.. are the log. The built-in rules and the fixed test key are used.
 *
 *   b0 % 5          block size: default (1 MiB), 1, 7, 64, 4096
 *   b0 / 5 % 5      feeding: all at once, one byte per write, growing
 *                   pieces, pseudo-random pieces (with empty writes), or
 *                   several contexts with scrub_ctx_set_position/flush on
 *                   pieces cut after a newline (what -j N does)
 *   b0 / 25 % 2     eager (--line-buffered) mode
 *   b0 / 50 % 4     action for every type: hash, mask, redact, keep
 *   b1 & 1          the variant uses the PCRE2 reference matcher, else the
 *                   default native one (the reference is Hyperscan's)
 *   b1 & 6 == 2     long line: the log, newlines made spaces, is repeated
 *                   to 64 KiB + (b1 >> 3 & 7) * 8 KiB and more, so that a
 *                   single line is longer than any block (a quarter of
 *                   the inputs: they take ~20 times longer)
 *   b1 & 6 == 4     long value: a key (b1 >> 3 & 3: password=, "password":",
 *                   escaped JSON token, oaid:) and the log repeated as its
 *                   value, the bytes that would end it made 'x', to
 *                   64 KiB + (b1 >> 5) * 8 KiB; then the log as it is: one
 *                   free-text value crossing the parts of a long line
 *
 * Properties (abort() on violation):
 *   1. Scrubbing never fails; findings are in order, non-overlapping,
 *      inside the input, non-empty, of a known type, with the action of
 *      their type and the right 1-based line; the stats agree.
 *   2. Output and findings equal the single-block result (default block
 *      size, whole input in one write, SCRUB_MATCHER_HYPERSCAN) for the
 *      chosen variant: the native matcher's differential test.
 *   3. Output minus findings equals input minus findings: with `redact`
 *      the bytes between findings are the input's bytes between findings
 *      and each finding became exactly "[TYPE]"; with `hash` each became
 *      TYPE_<keyid>_<18 letters>; with `keep` the output is the input.
 *   4. The findings do not depend on the action.
 *   5. (check "idempotent") Scrubbing hashed or redacted output again
 *      changes nothing.
 *   (check "longline") 2. also for the long-line inputs.
 * Messages give offsets and lengths only. */
#include "fuzz_util.h"

enum { NACT = 4 };
static const scrub_action act_of[NACT] = {
    SCRUB_ACTION_HASH, SCRUB_ACTION_MASK, SCRUB_ACTION_REDACT,
    SCRUB_ACTION_KEEP};
static const char *const act_name[NACT] = {"hash", "mask", "redact", "keep"};
static const size_t block_of[5] = {0, 1, 7, 64, 4096};

static scrub_engine *engines[NACT];
static const char *key_id;
static char key_id_buf[32];

static void free_engines(void)
{
    for (int i = 0; i < NACT; i++) {
        scrub_engine_free(engines[i]);
        engines[i] = NULL;
    }
}

static void init_engines(void)
{
    if (engines[0])
        return;
    char err[256];
    for (int i = 0; i < NACT; i++) {
        scrub_config *cfg = scrub_config_new();
        if (!cfg)
            fuzz_fail("harness: scrub_config_new failed");
        if (scrub_config_set_action(cfg, "all", act_of[i]) ||
            scrub_config_set_key(cfg, fuzz_test_key, sizeof fuzz_test_key,
                                 err, sizeof err) ||
            scrub_engine_new(&engines[i], cfg, err, sizeof err))
            fuzz_fail("harness: engine setup failed");
        if (i == 0) {
            const char *id = scrub_config_key_id(cfg);
            if (!id || strlen(id) >= sizeof key_id_buf)
                fuzz_fail("harness: no key id");
            strcpy(key_id_buf, id);
            key_id = key_id_buf;
        }
        scrub_config_free(cfg);
    }
    atexit(free_engines);
}

/* ------------------------------------------------------------------ */
/* One run: output, findings and stats.                                 */

typedef struct frec {
    const char *type;    /* owned by the engine */
    const char *rule_id; /* owned by the engine */
    scrub_action action;
    uint64_t offset, length, line;
    int allowed;
} frec;

typedef struct result {
    fbuf out;
    frec *f;
    size_t nf, capf;
    int rc;
    scrub_stats stats;
} result;

static int on_finding(void *opaque, const scrub_finding *f)
{
    result *r = opaque;
    if (r->nf == r->capf) {
        size_t cap = r->capf ? r->capf * 2 : 16;
        frec *v = realloc(r->f, cap * sizeof *v);
        if (!v)
            return 1;
        r->f = v;
        r->capf = cap;
    }
    r->f[r->nf++] = (frec){f->type,   f->rule_id, f->action, f->offset,
                           f->length, f->line,    f->allowed};
    return 0;
}

static void result_free(result *r)
{
    fbuf_free(&r->out);
    free(r->f);
    memset(r, 0, sizeof *r);
}

typedef struct variant {
    size_t block; /* 0: default */
    int feed;     /* 0 all, 1 bytes, 2 growing, 3 random, 4 contexts */
    int eager;
    scrub_matcher matcher;
    uint32_t seed;
} variant;

static uint32_t lcg(uint32_t *s)
{
    *s = *s * 1103515245u + 12345u;
    return *s >> 8;
}

static scrub_ctx *new_ctx(const scrub_engine *eng, const variant *v,
                          result *r)
{
    scrub_ctx *c = scrub_ctx_new(eng);
    if (!c)
        fuzz_fail("harness: scrub_ctx_new failed");
    if (v->block && scrub_ctx_set_block_size(c, v->block))
        fuzz_fail("scrub_ctx_set_block_size(%zu) failed", v->block);
    scrub_ctx_set_eager(c, v->eager);
    scrub_ctx_set_matcher(c, v->matcher);
    scrub_ctx_set_output(c, fbuf_sink, &r->out);
    scrub_ctx_set_findings(c, on_finding, r);
    return c;
}

static size_t count_nl(const uint8_t *p, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        k += p[i] == '\n';
    return k;
}

/* Several contexts, each given whole-line pieces at their position and
 * flushed, in input order (the -j N pipeline without threads). */
static void run_contexts(const scrub_engine *eng, const uint8_t *d, size_t n,
                         const variant *v, result *r)
{
    scrub_ctx *c[2] = {new_ctx(eng, v, r), new_ctx(eng, v, r)};
    uint32_t seed = v->seed;
    size_t pos = 0, k = 0;
    uint64_t line = 1;
    while (!r->rc && pos < n) {
        size_t want = 1 + lcg(&seed) % (n / 3 + 1);
        size_t end = pos + want < n ? pos + want : n;
        if (end < n) { /* extend to just after a newline, else to the end */
            const uint8_t *nl = memchr(d + end - 1, '\n', n - end + 1);
            end = nl ? (size_t)(nl - d) + 1 : n;
        }
        scrub_ctx *ctx = c[k++ & 1];
        r->rc = scrub_ctx_set_position(ctx, pos, line);
        if (!r->rc)
            r->rc = scrub_ctx_write(ctx, d + pos, end - pos);
        if (!r->rc)
            r->rc = scrub_ctx_flush(ctx);
        line += count_nl(d + pos, end - pos);
        pos = end;
    }
    for (int i = 0; i < 2; i++) {
        if (!r->rc)
            r->rc = scrub_ctx_finish(c[i]);
        scrub_stats st;
        scrub_ctx_stats(c[i], &st);
        r->stats.bytes_in += st.bytes_in;
        r->stats.bytes_out += st.bytes_out;
        r->stats.findings += st.findings;
        scrub_ctx_free(c[i]);
    }
}

static void run(const scrub_engine *eng, const uint8_t *d, size_t n,
                const variant *v, result *r)
{
    memset(r, 0, sizeof *r);
    if (v->feed == 4) {
        run_contexts(eng, d, n, v, r);
        return;
    }
    scrub_ctx *c = new_ctx(eng, v, r);
    uint32_t seed = v->seed;
    size_t pos = 0, step = 1;
    while (!r->rc && pos < n) {
        size_t k;
        switch (v->feed) {
        case 1:
            k = 1;
            break;
        case 2:
            k = step;
            step = step * 3 + 1;
            break;
        case 3: /* around the block size, sometimes nothing at all */
            k = lcg(&seed) % (2 * (v->block ? v->block : 64) + 2);
            if (k == 0 && pos == 0 && !fuzz_check_enabled("emptywrite"))
                k = 1; /* known: an empty first write, see README */
            break;
        default:
            k = n;
        }
        if (k > n - pos)
            k = n - pos;
        r->rc = scrub_ctx_write(c, d + pos, k);
        pos += k;
    }
    if (!r->rc)
        r->rc = scrub_ctx_finish(c);
    scrub_ctx_stats(c, &r->stats);
    scrub_ctx_free(c);
}

/* ------------------------------------------------------------------ */
/* Checks.                                                              */

static int known_type(const scrub_engine *eng, const char *t)
{
    for (size_t i = 0; i < scrub_engine_type_count(eng); i++)
        if (!strcmp(scrub_engine_type_name(eng, i), t))
            return 1;
    return 0;
}

/* Any finding longer than max? (Values longer than a rule's window are a
 * known disagreement of the two matchers, see README: check "pcre2-long".) */
static int has_long(const result *r, uint64_t max)
{
    for (size_t i = 0; i < r->nf; i++)
        if (r->f[i].length > max)
            return 1;
    return 0;
}

/* Property 1 on one run. */
static void check_sane(const scrub_engine *eng, const char *what,
                       const uint8_t *d, size_t n, scrub_action act,
                       const result *r)
{
    if (r->rc)
        fuzz_fail("%s: scrubbing failed with %s", what,
                  scrub_error_name(r->rc));
    uint64_t prev_end = 0, line = 1, line_at = 0;
    for (size_t i = 0; i < r->nf; i++) {
        const frec *f = &r->f[i];
        if (!f->type || !f->rule_id || !known_type(eng, f->type))
            fuzz_fail("%s: finding %zu has no known type", what, i);
        if (f->length == 0 || f->offset > n || f->length > n - f->offset)
            fuzz_fail("%s: finding %zu [%llu,+%llu) outside input of %zu",
                      what, i, (unsigned long long)f->offset,
                      (unsigned long long)f->length, n);
        if (f->offset < prev_end)
            fuzz_fail("%s: finding %zu at %llu overlaps or precedes the "
                      "previous one ending at %llu",
                      what, i, (unsigned long long)f->offset,
                      (unsigned long long)prev_end);
        scrub_action want = f->allowed ? SCRUB_ACTION_KEEP : act;
        if (f->action != want)
            fuzz_fail("%s: finding %zu has action %d, expected %d", what, i,
                      (int)f->action, (int)want);
        line += count_nl(d + line_at, f->offset - line_at);
        line_at = f->offset;
        if (f->line != line)
            fuzz_fail("%s: finding %zu at %llu reports line %llu, is on %llu",
                      what, i, (unsigned long long)f->offset,
                      (unsigned long long)f->line, (unsigned long long)line);
        prev_end = f->offset + f->length;
    }
    if (r->stats.bytes_in != n || r->stats.bytes_out != r->out.len ||
        r->stats.findings != r->nf)
        fuzz_fail("%s: stats in=%llu out=%llu findings=%llu, expected "
                  "%zu/%zu/%zu",
                  what, (unsigned long long)r->stats.bytes_in,
                  (unsigned long long)r->stats.bytes_out,
                  (unsigned long long)r->stats.findings, n, r->out.len,
                  r->nf);
}

/* Same findings (action excepted when !with_action). */
static void same_findings(const char *what, const result *a, const result *b,
                          int with_action)
{
    if (a->nf != b->nf)
        fuzz_fail("%s: %zu findings, the reference has %zu", what,
                  b->nf, a->nf);
    for (size_t i = 0; i < a->nf; i++) {
        const frec *x = &a->f[i], *y = &b->f[i];
        if (strcmp(x->type, y->type) || strcmp(x->rule_id, y->rule_id) ||
            x->offset != y->offset || x->length != y->length ||
            x->line != y->line || x->allowed != y->allowed ||
            (with_action && x->action != y->action))
            fuzz_fail("%s: finding %zu differs: %s@%llu+%llu line %llu vs "
                      "reference %s@%llu+%llu line %llu",
                      what, i, y->type, (unsigned long long)y->offset,
                      (unsigned long long)y->length,
                      (unsigned long long)y->line, x->type,
                      (unsigned long long)x->offset,
                      (unsigned long long)x->length,
                      (unsigned long long)x->line);
    }
}

static void same_output(const char *what, const result *ref,
                        const result *r)
{
    size_t n = ref->out.len < r->out.len ? ref->out.len : r->out.len, i = 0;
    while (i < n && ref->out.p[i] == r->out.p[i])
        i++;
    if (i < n || ref->out.len != r->out.len)
        fuzz_fail("%s: output (%zu bytes) differs from the single-block "
                  "output (%zu bytes) at byte %zu",
                  what, r->out.len, ref->out.len, i);
}

/* Length of the replacement of finding f at out[0..avail), or fail. */
static size_t replacement_len(const char *what, size_t i, const frec *f,
                              const uint8_t *value, const char *o,
                              size_t avail)
{
    size_t tl = strlen(f->type);
    if (f->action == SCRUB_ACTION_KEEP) {
        if (avail < f->length || memcmp(o, value, f->length))
            fuzz_fail("%s: kept finding %zu is not the input bytes", what, i);
        return f->length;
    }
    if (f->action == SCRUB_ACTION_REDACT) {
        if (avail < tl + 2 || o[0] != '[' || memcmp(o + 1, f->type, tl) ||
            o[tl + 1] != ']')
            fuzz_fail("%s: finding %zu (%s) is not replaced by [TYPE]", what,
                      i, f->type);
        return tl + 2;
    }
    /* hash: TYPE_<keyid>_<18 lower-case letters> */
    size_t kl = strlen(key_id), len = tl + kl + 2 + 18;
    int ok = avail >= len && !memcmp(o, f->type, tl) && o[tl] == '_' &&
             !memcmp(o + tl + 1, key_id, kl) && o[tl + 1 + kl] == '_';
    for (size_t k = tl + kl + 2; ok && k < len; k++)
        ok = o[k] >= 'a' && o[k] <= 'z';
    if (!ok)
        fuzz_fail("%s: finding %zu (%s) is not replaced by a hash token",
                  what, i, f->type);
    return len;
}

/* Property 3: the bytes between findings pass through unchanged. */
static void check_gaps(const char *what, const uint8_t *d, size_t n,
                       const result *r)
{
    size_t ip = 0, op = 0;
    const char *o = r->out.p ? r->out.p : ""; /* no output at all: NULL */
    if (!d)
        d = (const uint8_t *)"";
    for (size_t i = 0; i <= r->nf; i++) {
        size_t end = i < r->nf ? (size_t)r->f[i].offset : n;
        size_t gap = end - ip;
        if (gap > r->out.len - op || memcmp(o + op, d + ip, gap))
            fuzz_fail("%s: bytes [%zu,%zu) between findings do not pass "
                      "through unchanged (output offset %zu)",
                      what, ip, end, op);
        op += gap;
        ip = end;
        if (i == r->nf)
            break;
        op += replacement_len(what, i, &r->f[i], d + ip, o + op,
                              r->out.len - op);
        ip += r->f[i].length;
    }
    if (op != r->out.len)
        fuzz_fail("%s: %zu bytes of output after the last input byte", what,
                  r->out.len - op);
}

/* Whether byte c would end a value opened by key k of long_value(). */
static bool ends_value(int k, uint8_t c)
{
    if (c == '\n' || c == '\r' || c == '\\')
        return true;
    if (k == 1 || k == 2)
        return c == '"';
    return c <= ' ' || c >= 0x80 || strchr("\"'&;,<>(){}[]|", c) != NULL;
}

/* The long-value input of b1 & 6 == 4: key, the log repeated as one
 * value, then the log. */
static uint8_t *long_value(unsigned flags, const uint8_t *d, size_t *n)
{
    static const char *const keys[4] = {
        "password=", "{\"password\":\"", "{\"msg\":\"{\\\"token\\\":\\\"",
        "oaid:"};
    static const char *const closers[4] = {" ", "\"}", "\\\"}\"}", ";"};
    int k = (int)(flags >> 3 & 3);
    size_t want = 65536 + (size_t)(flags >> 5) * 8192, len = *n;
    size_t kl = strlen(keys[k]), cl = strlen(closers[k]);
    uint8_t *p = malloc(kl + want + len + cl + len);
    if (!p)
        return NULL;
    memcpy(p, keys[k], kl);
    size_t o = kl;
    for (size_t w = 0; w < want; w += len)
        for (size_t i = 0; i < len; i++)
            p[o++] = ends_value(k, d[i]) ? 'x' : d[i];
    memcpy(p + o, closers[k], cl);
    memcpy(p + o + cl, d, len);
    *n = o + cl + len;
    return p;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    init_engines();
    unsigned sel = data[0], flags = data[1];
    const uint8_t *d = data + 2;
    size_t n = size - 2;
    uint8_t *longline = NULL;
    if ((flags & 6) == 2 && n) {
        size_t want = 65536 + (size_t)(flags >> 3 & 7) * 8192, k = 0;
        if (!(longline = malloc(want + n)))
            return 0;
        for (; k < want; k += n)
            for (size_t i = 0; i < n; i++)
                longline[k + i] = d[i] == '\n' ? ' ' : d[i];
        d = longline;
        n = k;
    } else if ((flags & 6) == 4 && n) {
        if (!(longline = long_value(flags, d, &n)))
            return 0;
        d = longline;
    }
    int a = (int)(sel / 50 % 4);
    variant ref = {0, 0, 0, SCRUB_MATCHER_HYPERSCAN, 0};
    variant var = {block_of[sel % 5], (int)(sel / 5 % 5), (int)(sel / 25 % 2),
                   (flags & 1) ? SCRUB_MATCHER_PCRE2 : SCRUB_MATCHER_NATIVE,
                   (uint32_t)size * 2654435761u};
    if (var.feed == 1 && n > 65536)
        var.feed = 2; /* one byte per write: keep large inputs fast */
    if (var.matcher == SCRUB_MATCHER_PCRE2 && !fuzz_check_enabled("pcre2"))
        var.matcher = SCRUB_MATCHER_NATIVE;
    char what[96];
    snprintf(what, sizeof what,
             "%s block=%zu feed=%d eager=%d matcher=%s length=%zu",
             act_name[a], var.block, var.feed, var.eager,
             var.matcher == SCRUB_MATCHER_PCRE2 ? "pcre2" : "native", n);

    /* 1. the single-block reference */
    result r0, rv, rr;
    run(engines[a], d, n, &ref, &r0);
    check_sane(engines[a], "single-block", d, n, act_of[a], &r0);

    /* 2. the variant gives the same (check "longline": lines over 64 KiB
     * scrubbed in parts are compared only when it is on; open bug 6 and the
     * part-by-part replacement of values longer than a part) */
    int compare = !longline || fuzz_check_enabled("longline");
    if (compare && (var.block || var.feed || var.eager ||
                    var.matcher != SCRUB_MATCHER_HYPERSCAN)) {
        run(engines[a], d, n, &var, &rv);
        check_sane(engines[a], what, d, n, act_of[a], &rv);
        if (var.matcher != SCRUB_MATCHER_PCRE2 ||
            fuzz_check_enabled("pcre2-long") || !has_long(&rv, 255)) {
            same_findings(what, &r0, &rv, 1);
            same_output(what, &r0, &rv);
        }
        result_free(&rv);
    }

    /* 3. pass-through between findings (mask has no fixed replacement
     * form: its findings are checked through the redact run) */
    if (act_of[a] != SCRUB_ACTION_MASK)
        check_gaps(act_name[a], d, n, &r0);
    /* 4. the same findings with action redact, and 3. for redact */
    if (act_of[a] != SCRUB_ACTION_REDACT) {
        run(engines[2], d, n, &ref, &rr);
        check_sane(engines[2], "redact", d, n, SCRUB_ACTION_REDACT, &rr);
        same_findings("redact vs other action", &r0, &rr, 0);
        check_gaps("redact", d, n, &rr);
        result_free(&rr);
    }
    if (act_of[a] == SCRUB_ACTION_KEEP &&
        (r0.out.len != n || (n && memcmp(r0.out.p, d, n))))
        fuzz_fail("keep: output differs from the input");

    /* 5. hashed and redacted output is a fixed point (SPEC 2: tokens) */
    if ((act_of[a] == SCRUB_ACTION_HASH || act_of[a] == SCRUB_ACTION_REDACT) &&
        fuzz_check_enabled("idempotent")) {
        run(engines[a], (const uint8_t *)r0.out.p, r0.out.len, &ref, &rr);
        check_sane(engines[a], "again", (const uint8_t *)r0.out.p,
                   r0.out.len, act_of[a], &rr);
        if (rr.nf)
            fuzz_fail("idempotent: scrubbing %s output again finds %zu "
                      "values, first %s at %llu+%llu", act_name[a],
                      rr.nf, rr.f[0].type, (unsigned long long)rr.f[0].offset,
                      (unsigned long long)rr.f[0].length);
        result_free(&rr);
    }
    result_free(&r0);
    free(longline);
    return 0;
}
