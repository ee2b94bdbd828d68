/* engine/compile.c — a rule's PCRE2 programs: start recovery (LEFT and
 * the pattern, anchored at a reported end), the right guard (or the set
 * of bytes it refuses), the whole-rule program of the PCRE2 path and the
 * reference matcher, and the expression Hyperscan is given. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/engine.h"

/* opts: PCRE2_ANCHORED is given at compile time, because JIT code
 * cannot take it at match time (the interpreter would run instead).
 * JIT compiling is most of the cost of a program: it is done when the
 * rule is first used (eng_rule_jit), or by the reference matcher (jit). */
static pcre2_code *compile_pcre(const char *src, bool caseless, uint32_t opts,
                                bool jit, const char *rule_id,
                                const char *what, char *err, size_t errlen)
{
    int code;
    PCRE2_SIZE off;
    opts |= caseless ? PCRE2_CASELESS : 0;
    pcre2_code *re = pcre2_compile((PCRE2_SPTR)src, PCRE2_ZERO_TERMINATED,
                                   opts, &code, &off, NULL);
    if (!re) {
        PCRE2_UCHAR msg[160];
        pcre2_get_error_message(code, msg, sizeof msg);
        set_err(err, errlen, SCRUB_E_PATTERN,
                "rule %s: %s does not compile at offset %zu: %s", rule_id,
                what, (size_t)off, (const char *)msg);
        return NULL;
    }
    /* JIT is an optimisation: without it (e.g. no executable memory) the
     * interpreter gives identical results. */
    if (jit)
        pcre2_jit_compile(re, PCRE2_JIT_COMPLETE);
    return re;
}

/* "(?:a)(?:b)" followed by tail: the pieces of a rule's PCRE2 programs. */
static char *wrap2(const char *a, const char *b, const char *tail)
{
    size_t n = strlen(a) + strlen(b) + strlen(tail) + 9;
    char *s = malloc(n);
    if (s)
        snprintf(s, n, "(?:%s)(?:%s)%s", a, b, tail);
    return s;
}

/* The whole-rule program, from the source kept in cr->full_src. */
static int compile_full(crule *cr, const char *id, char *err, size_t errlen)
{
    cr->full_re = compile_pcre(cr->full_src, cr->caseless,
                               PCRE2_NO_AUTO_POSSESS, false, id, "pattern",
                               err, errlen);
    if (!cr->full_re)
        return SCRUB_E_PATTERN;
    int gf = pcre2_substring_number_from_name(cr->full_re, (PCRE2_SPTR) "v");
    if ((gf > 0 ? (uint32_t)gf : 0) != cr->vgroup) /* LEFT/RIGHT have one */
        return set_err(err, errlen, SCRUB_E_PATTERN,
                       "rule %s: the value group (?<v>...) must be in the "
                       "pattern, once", id);
    return SCRUB_OK;
}

/* Build the PCRE2 programs of a rule: start recovery, right guard and the
 * whole-rule program (PCRE2 path and reference matcher); the anchored
 * start program comes after probe_hs, for fixed-width rules only. */
static int compile_rule_pcre(crule *cr, const rule *r, bool need_right,
                             bool defer_full, char *err, size_t errlen)
{
    const char *left = r->left ? r->left : "";
    const char *right = r->right ? r->right : "";
    char *start_src = wrap2(left, r->pattern, "\\z");
    /* The whole program ends in a callout that sees every end (scan/find.c);
     * auto-possessification would hide the shorter ones. */
    char *right_grp = wrap2("", right, "(?C1)");
    cr->full_src = right_grp ? wrap2(left, r->pattern, right_grp) : NULL;
    free(right_grp);
    int rc = SCRUB_OK;
    if (!start_src || !cr->full_src) {
        rc = set_err(err, errlen, SCRUB_E_NOMEM, "out of memory");
        goto out;
    }
    cr->start_re = compile_pcre(start_src, r->caseless, 0, false, r->id,
                                "pattern with left", err, errlen);
    bool has_right = r->right && *r->right;
    if (cr->start_re && has_right && need_right)
        cr->right_re = compile_pcre(r->right, r->caseless, PCRE2_ANCHORED,
                                    false, r->id, "right", err, errlen);
    if (!cr->start_re || (has_right && need_right && !cr->right_re)) {
        rc = SCRUB_E_PATTERN;
        goto out;
    }
    int g = pcre2_substring_number_from_name(cr->start_re, (PCRE2_SPTR) "v");
    cr->vgroup = g > 0 ? (uint32_t)g : 0;
    cr->caseless = r->caseless;
    if (!defer_full)
        rc = compile_full(cr, r->id, err, errlen);
out:
    free(start_src);
    return rc;
}

/* A right guard of the form (?![class]) depends on one byte only: turn it
 * into a 256-bit set by asking PCRE2 about every byte, so the hot path
 * tests a bit instead of calling the matcher. */
static int right_guard_to_set(crule *cr, const rule *r)
{
    const char *g = r->right;
    size_t n = g ? strlen(g) : 0;
    if (!cr->right_re || n < 6 || strncmp(g, "(?![", 4) != 0 ||
        strcmp(g + n - 2, "])") != 0)
        return SCRUB_OK;
    for (size_t i = 4; i < n - 2; i++) /* one class, nothing else */
        if (strchr("[]()|", g[i]))
            return SCRUB_OK;
    pcre2_match_data *md = pcre2_match_data_create(1, NULL);
    if (!md)
        return SCRUB_E_NOMEM;
    for (int b = 0; b < 256; b++) {
        unsigned char s = (unsigned char)b;
        if (pcre2_match(cr->right_re, &s, 1, 0, 0, md, NULL) < 0)
            cr->right_bad[b >> 3] |= (uint8_t)(1u << (b & 7));
    }
    cr->right_bad_at_end =
        pcre2_match(cr->right_re, (PCRE2_SPTR) "", 0, 0, 0, md, NULL) < 0;
    cr->right_is_set = true;
    pcre2_match_data_free(md);
    return SCRUB_OK;
}

/* With hs_terminator, Hyperscan matches the value and the byte after it
 * (or the end of data): it then reports the end of a digit run once, not
 * at every digit. Needs a one-byte right guard and values that never end
 * in a byte the guard allows, which the rule author asserts. */
static int terminate_hs_expr(crule *cr, const rule *r)
{
    if (!r->hs_terminator || !cr->right_is_set || !cr->on_hs)
        return SCRUB_OK;
    sbuf b = {0};
    int rc = sbuf_put(&b, "(?:", 3);
    rc |= sbuf_put(&b, r->pattern, strlen(r->pattern));
    rc |= sbuf_put(&b, ")(?:[", 5);
    for (int c = 0; c < 256; c++) {
        char hex[8];
        if ((cr->right_bad[c >> 3] >> (c & 7)) & 1)
            continue;
        snprintf(hex, sizeof hex, "\\x%02X", c);
        rc |= sbuf_put(&b, hex, 4);
    }
    rc |= sbuf_put(&b, cr->right_bad_at_end ? "])" : "]|$)", cr->right_bad_at_end ? 2 : 4);
    rc |= sbuf_putc(&b, '\0');
    if (rc) {
        sbuf_free(&b);
        return SCRUB_E_NOMEM;
    }
    cr->hs_expr = b.p;
    cr->terminated = true;
    return SCRUB_OK;
}

/* A fixed-width rule knows its start: only LEFT and the pattern are
 * checked there, anchored. */
static int anchored_start(crule *cr, const rule *r, char *err, size_t errlen)
{
    char *src = wrap2(r->left ? r->left : "", r->pattern, "\\z");
    if (!src)
        return set_err(err, errlen, SCRUB_E_NOMEM, "out of memory");
    cr->start_anchored_re = compile_pcre(src, r->caseless, PCRE2_ANCHORED,
                                         false, r->id, "pattern with left",
                                         err, errlen);
    free(src);
    return cr->start_anchored_re ? SCRUB_OK : SCRUB_E_PATTERN;
}

/* A rule author's pattern, left and right guards, each compiled alone
 * first: an error then points into what they wrote, not into the
 * programs made of them. The built-in rules are known to compile. */
static int check_parts(const rule *r, char *err, size_t errlen)
{
    const char *parts[] = {r->pattern, r->left, r->right};
    const char *names[] = {"pattern", "left", "right"};
    for (int k = 0; k < 3; k++) {
        if (!parts[k] || !*parts[k])
            continue;
        pcre2_code *re = compile_pcre(parts[k], r->caseless, 0, false, r->id,
                                      names[k], err, errlen);
        if (!re)
            return SCRUB_E_PATTERN;
        pcre2_code_free(re);
    }
    return SCRUB_OK;
}

int eng_compile_rule(crule *cr, const rule *r, const builtin_probe *bp,
                     char *err, size_t errlen)
{
    int rc = r->builtin || r->keypart ? SCRUB_OK : check_parts(r, err, errlen);
    if (!rc)
        rc = compile_rule_pcre(cr, r, !bp || !bp->right_is_set,
                               bp && bp->on_hs, err, errlen);
    if (!rc && bp)
        eng_use_probe(cr, bp);
    else if (!rc)
        rc = eng_probe_hs(cr, r, err, errlen);
    if (!rc && cr->fixed_width)
        rc = anchored_start(cr, r, err, errlen);
    if (rc)
        return rc;
    /* the table holds the set already: no 257 matches at start */
    if (!bp && right_guard_to_set(cr, r))
        return set_err(err, errlen, SCRUB_E_NOMEM, "out of memory");
    if (terminate_hs_expr(cr, r) ||
        (cr->on_hs && !cr->hs_expr && !(cr->hs_expr = xstrdup(r->pattern))))
        return set_err(err, errlen, SCRUB_E_NOMEM, "out of memory");
    return SCRUB_OK;
}

/* JIT compiling is most of the cost of a program, and most rules meet no
 * candidate in a short run: a rule's programs are JIT-compiled when it is
 * first used, by whichever thread uses it first; the others wait for it
 * (eng_rule_ready), so that no thread runs a program being compiled. */
void eng_rule_jit(scrub_engine *eng, crule *cr)
{
    pthread_mutex_lock(&eng->jit_lock);
    if (!__atomic_load_n(&cr->ready, __ATOMIC_ACQUIRE)) {
        pcre2_code *progs[] = {cr->start_re, cr->start_anchored_re,
                               cr->right_is_set ? NULL : cr->right_re,
                               cr->walk_re, cr->on_hs ? NULL : cr->full_re};
        for (size_t k = 0; k < sizeof progs / sizeof *progs; k++)
            if (progs[k])
                pcre2_jit_compile(progs[k], PCRE2_JIT_COMPLETE);
        __atomic_store_n(&cr->ready, 1, __ATOMIC_RELEASE);
    }
    pthread_mutex_unlock(&eng->jit_lock);
}

void eng_prepare_reference(scrub_engine *eng)
{
    pthread_mutex_lock(&eng->jit_lock);
    for (size_t i = 0; !eng->reference_ready && i < eng->nrules; i++) {
        crule *cr = &eng->rules[i];
        char err[8];
        /* a built-in pattern: compiled at build time by mkdb already */
        if (!cr->full_re && compile_full(cr, cr->id, err, sizeof err))
            continue; /* scan_rule_pcre fails closed on a missing program */
        if (cr->on_hs)
            pcre2_jit_compile(cr->full_re, PCRE2_JIT_COMPLETE);
    }
    eng->reference_ready = true;
    pthread_mutex_unlock(&eng->jit_lock);
}
