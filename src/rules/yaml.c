/* rules/yaml.c — read rule files and config files (YAML) into a config.
 *
 * Accepted shape (every key optional; scrub.conf(5) has each field):
 *   rules:        [ {id, type, pattern | keys + value, left, right,
 *                    validators, priority, engine, caseless, max_len,
 *                    examples, negative_examples, ...} ]
 *   actions:      { TYPE|all: ACTION }
 *   disable:      [ rule-id, ... ]
 *   allow:        values and CIDR ranges never scrubbed
 *   coarsen:      { geo_decimals, ipv4_prefix, ipv6_prefix }
 *   reversible:   [ TYPE, ... ]    retired_keys: [ path, ... ]
 * Unknown keys are errors: a typo must not silently weaken detection. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "rules/yaml.h"

static int get_validators(yctx *y, yaml_node_t *n, val_mask *out)
{
    strlist l = {0};
    int rc = yml_strlist(y, n, "validators", &l);
    for (size_t i = 0; !rc && i < l.n; i++) {
        val_mask bit = validator_parse(l.v[i]);
        if (!bit)
            rc = yml_err(y, n, "unknown validator", l.v[i]);
        *out |= bit;
    }
    for (size_t i = 0; i < l.n; i++)
        free(l.v[i]);
    free(l.v);
    return rc;
}

static int rule_field(yctx *y, rule *r, const char *k, yaml_node_t *v)
{
    long num;
    int rc;
    if (!strcmp(k, "id"))
        return yml_string(y, v, k, &r->id);
    if (!strcmp(k, "type"))
        return yml_string(y, v, k, &r->type);
    if (!strcmp(k, "pattern"))
        return yml_string(y, v, k, &r->pattern);
    if (!strcmp(k, "left"))
        return yml_string(y, v, k, &r->left);
    if (!strcmp(k, "right"))
        return yml_string(y, v, k, &r->right);
    if (!strcmp(k, "value"))
        return yml_string(y, v, k, &r->value);
    if (!strcmp(k, "keys"))
        return yml_strlist(y, v, k, &r->keys);
    if (!strcmp(k, "not_prefixes"))
        return yml_strlist(y, v, k, &r->not_prefixes);
    if (!strcmp(k, "exclude"))
        return yml_bool(y, v, k, &r->exclude);
    if (!strcmp(k, "validators"))
        return get_validators(y, v, &r->validators);
    if (!strcmp(k, "examples"))
        return yml_strlist(y, v, k, &r->examples);
    if (!strcmp(k, "negative_examples"))
        return yml_strlist(y, v, k, &r->negatives);
    if (!strcmp(k, "caseless"))
        return yml_bool(y, v, k, &r->caseless);
    if (!strcmp(k, "hs_terminator"))
        return yml_bool(y, v, k, &r->hs_terminator);
    if (!strcmp(k, "reveal_only"))
        return yml_bool(y, v, k, &r->reveal_only);
    if (!strcmp(k, "native"))
        return yml_native(y, v, &r->native);
    if (!strcmp(k, "description"))
        return yml_scalar(v) ? SCRUB_OK : yml_err(y, v, "expected a string for", k);
    if (!strcmp(k, "priority")) {
        if ((rc = yml_int(y, v, k, -1000, 1000, &num)))
            return rc;
        r->priority = (int)num;
        return SCRUB_OK;
    }
    if (!strcmp(k, "max_len")) {
        /* at most MAX_WINDOW: the tail that waits for the next part of a
         * long line must be longer than any value (stream/ctx.h) */
        if ((rc = yml_int(y, v, k, 1, MAX_WINDOW, &num)))
            return rc;
        r->max_len = (size_t)num;
        return SCRUB_OK;
    }
    if (!strcmp(k, "engine")) {
        const char *s = yml_scalar(v);
        if (s && !strcmp(s, "pcre2"))
            r->pcre2_only = true;
        else if (!s || strcmp(s, "hyperscan"))
            return yml_err(y, v, "engine must be hyperscan or pcre2, not", s);
        return SCRUB_OK;
    }
    return yml_err(y, v, "unknown rule key", k);
}

/* A rule found by its key: the examples stay with the first of the two
 * generated rules (they are checked by type, so either may find them). */
static int add_key_rule(yctx *y, scrub_config *cfg, rule *r, yaml_node_t *n)
{
    rule out[2];
    size_t nout = 0;
    /* keys and the value pattern are long: leave room for them */
    r->max_len += 64;
    memset(out, 0, sizeof out);
    int rc = expand_key_rule(r, &r->keys, r->value, out, &nout);
    if (rc) {
        rule_clear(&out[0]);
        rule_clear(&out[1]);
        return yml_err(y, n, "out of memory expanding", r->id);
    }
    out[0].examples = r->examples;
    out[0].negatives = r->negatives;
    memset(&r->examples, 0, sizeof r->examples);
    memset(&r->negatives, 0, sizeof r->negatives);
    rc = config_add_rule(cfg, &out[0]);
    if (!rc && nout == 2)
        rc = config_add_rule(cfg, &out[1]);
    rule_clear(&out[0]);
    rule_clear(&out[1]);
    return rc;
}

static int load_rule(yctx *y, scrub_config *cfg, yaml_node_t *n)
{
    if (n->type != YAML_MAPPING_NODE)
        return yml_err(y, n, "a rule must be a mapping", NULL);
    rule r = {0};
    int rc = SCRUB_OK;
    char where[512];
    snprintf(where, sizeof where, "%s:%lu", y->origin,
             (unsigned long)n->start_mark.line + 1);
    if (!(r.origin = xstrdup(where)))
        return SCRUB_E_NOMEM;
    for (yaml_node_pair_t *p = n->data.mapping.pairs.start;
         !rc && p < n->data.mapping.pairs.top; p++) {
        yaml_node_t *k = yaml_document_get_node(y->doc, p->key);
        yaml_node_t *v = yaml_document_get_node(y->doc, p->value);
        if (!yml_scalar(k))
            rc = yml_err(y, k, "rule keys must be strings", NULL);
        else
            rc = rule_field(y, &r, yml_scalar(k), v);
    }
    if (!rc && r.exclude && !r.type)
        r.type = xstrdup("EXCLUDED");
    if (!rc && (!r.id || !r.type || (!r.pattern && !r.keys.n)))
        rc = yml_err(y, n, "a rule needs id, type and pattern (or keys)", r.id);
    if (!rc && r.pattern && r.keys.n)
        rc = yml_err(y, n, "a rule has either pattern or keys, not both", r.id);
    if (!rc && !type_name_ok(r.type))
        rc = yml_err(y, n, "type must be upper case letters, digits and _:",
                  r.type);
    if (!rc && !r.max_len)
        r.max_len = DEFAULT_MAX_LEN;
    if (!rc && r.keys.n)
        rc = add_key_rule(y, cfg, &r, n);
    else if (!rc)
        rc = config_add_rule(cfg, &r);
    rule_clear(&r);
    return rc;
}

static int load_rules(yctx *y, scrub_config *cfg, yaml_node_t *n)
{
    if (n->type != YAML_SEQUENCE_NODE)
        return yml_err(y, n, "rules must be a list", NULL);
    for (yaml_node_item_t *it = n->data.sequence.items.start;
         it < n->data.sequence.items.top; it++) {
        int rc = load_rule(y, cfg, yaml_document_get_node(y->doc, *it));
        if (rc)
            return rc;
    }
    return SCRUB_OK;
}

static int load_actions(yctx *y, scrub_config *cfg, yaml_node_t *n)
{
    if (n->type != YAML_MAPPING_NODE)
        return yml_err(y, n, "actions must be a mapping TYPE: action", NULL);
    for (yaml_node_pair_t *p = n->data.mapping.pairs.start;
         p < n->data.mapping.pairs.top; p++) {
        yaml_node_t *k = yaml_document_get_node(y->doc, p->key);
        yaml_node_t *v = yaml_document_get_node(y->doc, p->value);
        if (!yml_scalar(k) || !yml_scalar(v))
            return yml_err(y, k, "actions must map a type to an action", NULL);
        char msg[160];
        if (config_set_action_str(cfg, yml_scalar(k), yml_scalar(v), msg, sizeof msg))
            return yml_err(y, v, msg, NULL);
    }
    return SCRUB_OK;
}

static int load_disable(yctx *y, scrub_config *cfg, yaml_node_t *n)
{
    strlist l = {0};
    int rc = yml_strlist(y, n, "disable", &l);
    for (size_t i = 0; !rc && i < l.n; i++)
        if (config_disable_rule(cfg, l.v[i]))
            rc = yml_err(y, n, "cannot disable unknown rule", l.v[i]);
    for (size_t i = 0; i < l.n; i++)
        free(l.v[i]);
    free(l.v);
    return rc;
}

static int load_allow_list(yctx *y, scrub_config *cfg, yaml_node_t *v,
                           bool cidrs)
{
    strlist l = {0};
    int rc = yml_strlist(y, v, cidrs ? "cidrs" : "values", &l);
    if (!rc && !cfg->allow && !(cfg->allow = allow_new()))
        rc = SCRUB_E_NOMEM;
    for (size_t i = 0; !rc && i < l.n; i++) {
        rc = cidrs ? allow_add_cidr(cfg->allow, l.v[i])
                   : allow_add_value(cfg->allow, l.v[i]);
        if (rc == SCRUB_E_CONFIG)
            rc = yml_err(y, v, "not an address or CIDR range:", l.v[i]);
    }
    for (size_t i = 0; i < l.n; i++)
        free(l.v[i]);
    free(l.v);
    return rc;
}

/* allow: {values: [...], cidrs: [...]} */
static int load_allow(yctx *y, scrub_config *cfg, yaml_node_t *n)
{
    if (n->type != YAML_MAPPING_NODE)
        return yml_err(y, n, "allow must be a mapping of values and cidrs",
                    NULL);
    for (yaml_node_pair_t *p = n->data.mapping.pairs.start;
         p < n->data.mapping.pairs.top; p++) {
        const char *key = yml_scalar(yaml_document_get_node(y->doc, p->key));
        yaml_node_t *v = yaml_document_get_node(y->doc, p->value);
        int rc;
        if (key && !strcmp(key, "values"))
            rc = load_allow_list(y, cfg, v, false);
        else if (key && !strcmp(key, "cidrs"))
            rc = load_allow_list(y, cfg, v, true);
        else
            rc = yml_err(y, v, "unknown allow key", key ? key : "?");
        if (rc)
            return rc;
    }
    return SCRUB_OK;
}

/* coarsen: {geo_decimals: 2, ipv4_prefix: 24, ipv6_prefix: 48} */
static int load_coarsen(yctx *y, scrub_config *cfg, yaml_node_t *n)
{
    if (n->type != YAML_MAPPING_NODE)
        return yml_err(y, n, "coarsen must be a mapping", NULL);
    for (yaml_node_pair_t *p = n->data.mapping.pairs.start;
         p < n->data.mapping.pairs.top; p++) {
        const char *key = yml_scalar(yaml_document_get_node(y->doc, p->key));
        yaml_node_t *v = yaml_document_get_node(y->doc, p->value);
        long num;
        int rc;
        if (key && !strcmp(key, "geo_decimals")) {
            if ((rc = yml_int(y, v, key, 0, 8, &num)))
                return rc;
            cfg->geo_decimals = (int)num;
        } else if (key && !strcmp(key, "ipv4_prefix")) {
            if ((rc = yml_int(y, v, key, 0, 32, &num)))
                return rc;
            cfg->ipv4_prefix = (int)num;
        } else if (key && !strcmp(key, "ipv6_prefix")) {
            if ((rc = yml_int(y, v, key, 0, 128, &num)))
                return rc;
            cfg->ipv6_prefix = (int)num;
        } else {
            return yml_err(y, v, "unknown coarsen key", key ? key : "?");
        }
    }
    return SCRUB_OK;
}

static int load_reversible(yctx *y, scrub_config *cfg, yaml_node_t *n)
{
    return yml_strlist(y, n, "reversible", &cfg->reversible);
}

static int load_retired(yctx *y, scrub_config *cfg, yaml_node_t *n)
{
    return yml_strlist(y, n, "retired_keys", &cfg->retired_paths);
}

/* The top-level keys. Actions are read last, whatever their place in the
 * document: an action must name a type of some rule, and the rules of the
 * same file count. */
static const struct top_key {
    const char *name;
    int (*load)(yctx *y, scrub_config *cfg, yaml_node_t *n);
    int pass;
} top_keys[] = {
    {"rules", load_rules, 0},
    {"disable", load_disable, 0},
    {"allow", load_allow, 0},
    {"coarsen", load_coarsen, 0},
    {"reversible", load_reversible, 0},
    {"retired_keys", load_retired, 0},
    {"actions", load_actions, 1},
};

static const struct top_key *top_key_of(const char *key)
{
    for (size_t i = 0; key && i < sizeof top_keys / sizeof *top_keys; i++)
        if (!strcmp(key, top_keys[i].name))
            return &top_keys[i];
    return NULL;
}

static int load_root(yctx *y, scrub_config *cfg, yaml_node_t *root)
{
    if (!root) /* empty document: nothing to add */
        return SCRUB_OK;
    if (root->type != YAML_MAPPING_NODE)
        return yml_err(y, root, "top level must be a mapping", NULL);
    for (int pass = 0; pass < 2; pass++) {
        for (yaml_node_pair_t *p = root->data.mapping.pairs.start;
             p < root->data.mapping.pairs.top; p++) {
            yaml_node_t *k = yaml_document_get_node(y->doc, p->key);
            const char *key = yml_scalar(k);
            const struct top_key *t = top_key_of(key);
            if (!t)
                return yml_err(y, k, "unknown top-level key", key ? key : "?");
            int rc = t->pass == pass
                         ? t->load(y, cfg,
                                   yaml_document_get_node(y->doc, p->value))
                         : SCRUB_OK;
            if (rc)
                return rc;
        }
    }
    return SCRUB_OK;
}

int scrub_config_load_yaml(scrub_config *cfg, const char *text, size_t len,
                           const char *origin, char *err, size_t errlen)
{
    if (!cfg || !text)
        return set_err(err, errlen, SCRUB_E_ARG, "no config text");
    yaml_parser_t parser;
    yaml_document_t doc;
    yctx y = {&doc, origin ? origin : "config", err, errlen};
    if (!yaml_parser_initialize(&parser))
        return set_err(err, errlen, SCRUB_E_NOMEM, "out of memory");
    yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
    if (!yaml_parser_load(&parser, &doc)) {
        int rc = set_err(err, errlen, SCRUB_E_CONFIG, "%s:%lu: %s", y.origin,
                         (unsigned long)parser.problem_mark.line + 1,
                         parser.problem ? parser.problem : "malformed YAML");
        yaml_parser_delete(&parser);
        return rc;
    }
    int rc = load_root(&y, cfg, yaml_document_get_root_node(&doc));
    yaml_document_delete(&doc);
    yaml_parser_delete(&parser);
    return rc;
}
