/* rules/yaml_native.c — a built-in rule's `native:` trigger (rules.h
 * nat_spec, scrub.conf(5)). */
#include <string.h>

#include "rules/yaml.h"

/* A short string field of a native trigger, into a fixed buffer. */
static int get_chars(yctx *y, yaml_node_t *v, const char *k, char *out,
                     size_t cap)
{
    const char *s = yml_scalar(v);
    if (!s || strlen(s) >= cap)
        return yml_err(y, v, "expected a short string for", k);
    memcpy(out, s, strlen(s) + 1);
    return SCRUB_OK;
}

static int native_field(yctx *y, nat_spec *ns, const char *k, yaml_node_t *v)
{
    static const char *const shapes[] = {"ipv4", "ipv6", "mac", "upper",
                                         "email"};
    static const uint8_t kinds[] = {NAT_IPV4, NAT_IPV6, NAT_MAC, NAT_UPPER,
                                    NAT_EMAIL};
    long num;
    int rc;
    if (!strcmp(k, "digits") || !strcmp(k, "min")) {
        if ((rc = yml_int(y, v, k, 1, 64, &num)))
            return rc;
        ns->min = (uint8_t)num;
        if (!strcmp(k, "digits"))
            ns->kind = NAT_DIGITS;
        return SCRUB_OK;
    }
    if (!strcmp(k, "seps"))
        return get_chars(y, v, k, ns->seps, sizeof ns->seps);
    if (!strcmp(k, "last"))
        return get_chars(y, v, k, ns->last, sizeof ns->last);
    if (!strcmp(k, "before"))
        return get_chars(y, v, k, ns->before, sizeof ns->before);
    if (!strcmp(k, "chars"))
        return get_chars(y, v, k, ns->chars, sizeof ns->chars);
    if (!strcmp(k, "lead"))
        return get_chars(y, v, k, ns->lead, sizeof ns->lead);
    if (!strcmp(k, "groups")) {
        if ((rc = yml_int(y, v, k, 0, 16, &num)))
            return rc;
        ns->groups = (uint8_t)num;
        return SCRUB_OK;
    }
    if (!strcmp(k, "pct20"))
        return yml_bool(y, v, k, &ns->pct20);
    if (!strcmp(k, "shape")) {
        for (size_t i = 0; yml_scalar(v) && i < sizeof kinds; i++)
            if (!strcmp(yml_scalar(v), shapes[i])) {
                ns->kind = kinds[i];
                return SCRUB_OK;
            }
        return yml_err(y, v, "native shape must be ipv4, ipv6, mac, upper or email, not",
                    yml_scalar(v));
    }
    return yml_err(y, v, "unknown native key", k);
}

/* native: {digits: N, seps, pct20, last, before} or {shape: ...}. */
int yml_native(yctx *y, yaml_node_t *n, nat_spec *ns)
{
    if (n->type != YAML_MAPPING_NODE)
        return yml_err(y, n, "native must be a mapping", NULL);
    memset(ns, 0, sizeof *ns);
    for (yaml_node_pair_t *p = n->data.mapping.pairs.start;
         p < n->data.mapping.pairs.top; p++) {
        yaml_node_t *k = yaml_document_get_node(y->doc, p->key);
        int rc = yml_scalar(k) ? native_field(y, ns, yml_scalar(k),
                                          yaml_document_get_node(y->doc,
                                                                 p->value))
                           : yml_err(y, k, "native keys must be strings", NULL);
        if (rc)
            return rc;
    }
    return ns->kind ? SCRUB_OK
                    : yml_err(y, n, "native needs digits or shape", NULL);
}
