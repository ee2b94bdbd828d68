/* engine/probe.c — what start-up learns about a rule: whether Hyperscan
 * takes its pattern and how wide its matches are. For the built-in rules
 * mkdb works it out at build time (rules/builtin.h): start-up then only
 * checks that each rule is the one it was worked out for. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/engine.h"

/* Ask Hyperscan whether it takes the pattern and how wide matches are. */
int eng_probe_hs(crule *cr, const rule *r, char *err, size_t errlen)
{
    hs_expr_info_t *info = NULL;
    hs_compile_error_t *ce = NULL;
    unsigned flags = r->caseless ? HS_FLAG_CASELESS : 0;
    cr->window = r->max_len;
    if (r->pcre2_only)
        return SCRUB_OK;
    if (hs_expression_info(r->pattern, flags, &info, &ce) != HS_SUCCESS) {
        /* Constructs Hyperscan lacks (backreferences, lookaround): the
         * rule runs on the PCRE2 path instead. */
        hs_free_compile_error(ce);
        return SCRUB_OK;
    }
    if (info->min_width == 0) {
        free(info);
        return set_err(err, errlen, SCRUB_E_PATTERN,
                       "rule %s: pattern can match the empty string", r->id);
    }
    if (info->max_width < cr->window)
        cr->window = info->max_width;
    if (info->min_width == info->max_width && !cr->vgroup && !cr->freetext)
        cr->fixed_width = info->min_width;
    free(info);
    cr->on_hs = true;
    return SCRUB_OK;
}

/* FNV-1a over what the probe results depend on. */
static uint64_t fnv(uint64_t h, const char *s)
{
    for (; s && *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return (h ^ 0xFFu) * 1099511628211ull; /* ends each field */
}

uint64_t eng_rule_hash(const rule *r)
{
    char flags[8] = {(char)('0' + r->caseless), (char)('0' + r->pcre2_only),
                     (char)('0' + r->freetext), 0};
    char len[24];
    snprintf(len, sizeof len, "%zu", r->max_len);
    uint64_t h = 1469598103934665603ull;
    const char *f[] = {r->id, r->pattern, r->left, r->right, flags, len};
    for (size_t k = 0; k < sizeof f / sizeof *f; k++)
        h = fnv(h, f[k]);
    return h;
}

/* The build-time probe of rule i, when the rules are the built-in ones
 * and rule i is the rule it was made for. */
const builtin_probe *eng_builtin_probe(const scrub_config *cfg, size_t i)
{
    if (cfg->custom_rules || i >= scrub_builtin_probe_count ||
        cfg->nrules != scrub_builtin_probe_count ||
        scrub_builtin_probe[i].hash != eng_rule_hash(&cfg->rules[i]))
        return NULL;
    return &scrub_builtin_probe[i];
}

void eng_use_probe(crule *cr, const builtin_probe *bp)
{
    cr->on_hs = bp->on_hs;
    cr->window = bp->window;
    cr->fixed_width = bp->fixed_width;
    cr->right_is_set = bp->right_is_set;
    cr->right_bad_at_end = bp->right_bad_at_end;
    memcpy(cr->right_bad, bp->right_bad, sizeof cr->right_bad);
}

builtin_probe eng_probe_of(const scrub_engine *eng, const scrub_config *cfg,
                           size_t i)
{
    const crule *cr = &eng->rules[i];
    builtin_probe p = {eng_rule_hash(&cfg->rules[i]), (uint32_t)cr->window,
                       (uint32_t)cr->fixed_width, cr->on_hs, cr->right_is_set,
                       cr->right_bad_at_end, {0}};
    memcpy(p.right_bad, cr->right_bad, sizeof p.right_bad);
    return p;
}
