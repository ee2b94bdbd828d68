/* rules/yaml_util.c — reading YAML nodes: one-line errors with the file
 * and line, and the scalar, number, boolean and list fields. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "rules/yaml.h"

int yml_err(yctx *y, yaml_node_t *n, const char *what, const char *name)
{
    unsigned long line = n ? (unsigned long)n->start_mark.line + 1 : 0;
    return set_err(y->err, y->errlen, SCRUB_E_CONFIG, "%s:%lu: %s%s%s%s",
                   y->origin, line, what, name ? " '" : "", name ? name : "",
                   name ? "'" : "");
}

const char *yml_scalar(yaml_node_t *n)
{
    return n && n->type == YAML_SCALAR_NODE ? (const char *)n->data.scalar.value
                                             : NULL;
}

int yml_string(yctx *y, yaml_node_t *n, const char *key, char **out)
{
    const char *s = yml_scalar(n);
    if (!s)
        return yml_err(y, n, "expected a string for", key);
    free(*out);
    *out = xstrdup(s);
    return *out ? SCRUB_OK : SCRUB_E_NOMEM;
}

int yml_int(yctx *y, yaml_node_t *n, const char *key, long lo,
                   long hi, long *out)
{
    const char *s = yml_scalar(n);
    char *end;
    if (!s)
        return yml_err(y, n, "expected a number for", key);
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || *end || end == s || v < lo || v > hi)
        return yml_err(y, n, "number out of range for", key);
    *out = v;
    return SCRUB_OK;
}

int yml_bool(yctx *y, yaml_node_t *n, const char *key, bool *out)
{
    const char *s = yml_scalar(n);
    if (s && (!strcmp(s, "true") || !strcmp(s, "yes")))
        *out = true;
    else if (s && (!strcmp(s, "false") || !strcmp(s, "no")))
        *out = false;
    else
        return yml_err(y, n, "expected true or false for", key);
    return SCRUB_OK;
}

/* A list of strings; a single string counts as a list of one. */
int yml_strlist(yctx *y, yaml_node_t *n, const char *key,
                       strlist *out)
{
    if (n->type == YAML_SCALAR_NODE) {
        char **v = realloc(out->v, (out->n + 1) * sizeof *v);
        if (!v)
            return SCRUB_E_NOMEM;
        out->v = v;
        if (!(v[out->n] = xstrdup(yml_scalar(n))))
            return SCRUB_E_NOMEM;
        out->n++;
        return SCRUB_OK;
    }
    if (n->type != YAML_SEQUENCE_NODE)
        return yml_err(y, n, "expected a list of strings for", key);
    for (yaml_node_item_t *it = n->data.sequence.items.start;
         it < n->data.sequence.items.top; it++) {
        yaml_node_t *e = yaml_document_get_node(y->doc, *it);
        if (!yml_scalar(e))
            return yml_err(y, e, "expected a string in", key);
        int rc = yml_strlist(y, e, key, out);
        if (rc)
            return rc;
    }
    return SCRUB_OK;
}
