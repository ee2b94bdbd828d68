/* rules/yaml.h — what the YAML readers of rules/ share: the document
 * being read, its one-line errors (FILE:LINE: what 'name'), and the
 * readers of scalar fields (yaml_util.c) and of `native:` (yaml_native.c). */
#ifndef SCRUB_RULES_YAML_H
#define SCRUB_RULES_YAML_H

#include <yaml.h>

#include "rules/rules.h"

typedef struct yctx {
    yaml_document_t *doc;
    const char *origin;
    char *err;
    size_t errlen;
} yctx;

HIDDEN int yml_err(yctx *y, yaml_node_t *n, const char *what,
                   const char *name);
HIDDEN const char *yml_scalar(yaml_node_t *n);
HIDDEN int yml_string(yctx *y, yaml_node_t *n, const char *key, char **out);
HIDDEN int yml_int(yctx *y, yaml_node_t *n, const char *key, long lo, long hi,
                   long *out);
HIDDEN int yml_bool(yctx *y, yaml_node_t *n, const char *key, bool *out);
HIDDEN int yml_strlist(yctx *y, yaml_node_t *n, const char *key,
                       strlist *out);
HIDDEN int yml_native(yctx *y, yaml_node_t *n, nat_spec *ns);

#endif
