/* transform/action.c — the action table: one row per action, with its
 * name, whether it needs a key, what a value too long to be read whole
 * gets instead, and its function. Adding an action is one row here, its
 * function and its enum value in scrub.h. */
#include <string.h>

#include "common/token.h"
#include "transform/transform.h"

static int act_hash(const xform *x, const xf_type *t, const char *v,
                    size_t n, sbuf *out)
{
    return xf_hash(x, t, v, n, out);
}

static int act_mask(const xform *x, const xf_type *t, const char *v,
                    size_t n, sbuf *out)
{
    (void)x;
    return xf_mask(t, v, n, out);
}

static int act_redact(const xform *x, const xf_type *t, const char *v,
                      size_t n, sbuf *out)
{
    (void)x, (void)v, (void)n;
    return tok_put_label(out, t->name);
}

static int act_keep(const xform *x, const xf_type *t, const char *v,
                    size_t n, sbuf *out)
{
    (void)x, (void)t;
    return sbuf_put(out, v, n);
}

static int act_pseudo(const xform *x, const xf_type *t, const char *v,
                      size_t n, sbuf *out)
{
    return xf_pseudo(x, t, v, n, false, out);
}

typedef struct xf_action {
    const char *name;
    bool needs_key;
    /* A value longer than LONG_VALUE (free text) gets a form that needs
     * only its first LONG_VALUE bytes (a hash of them, a label) or that
     * is made byte by byte (keep, a mask of every character), so that a
     * value crossing the parts of a long line gets what the whole would. */
    scrub_action long_form;
    xf_form_fn apply;
} xf_action;

static const xf_action actions[SCRUB_ACTION__COUNT] = {
    [SCRUB_ACTION_HASH] = {"hash", true, SCRUB_ACTION_HASH, act_hash},
    [SCRUB_ACTION_MASK] = {"mask", false, SCRUB_ACTION_MASK, act_mask},
    [SCRUB_ACTION_REDACT] = {"redact", false, SCRUB_ACTION_REDACT, act_redact},
    [SCRUB_ACTION_KEEP] = {"keep", false, SCRUB_ACTION_KEEP, act_keep},
    [SCRUB_ACTION_PSEUDO] = {"pseudo", true, SCRUB_ACTION_HASH, act_pseudo},
    [SCRUB_ACTION_ENCRYPT] = {"encrypt", true, SCRUB_ACTION_HASH, xf_encrypt},
    [SCRUB_ACTION_COARSEN] = {"coarsen", false, SCRUB_ACTION_MASK, xf_coarsen},
};

const char *scrub_action_name(scrub_action a)
{
    if ((unsigned)a >= SCRUB_ACTION__COUNT)
        return NULL;
    return actions[a].name;
}

int scrub_action_parse(const char *name, scrub_action *out)
{
    if (!name || !out)
        return SCRUB_E_ARG;
    for (unsigned i = 0; i < SCRUB_ACTION__COUNT; i++) {
        if (strcmp(name, actions[i].name) == 0) {
            *out = (scrub_action)i;
            return SCRUB_OK;
        }
    }
    return SCRUB_E_ARG;
}

bool xf_action_needs_key(scrub_action a)
{
    return (unsigned)a < SCRUB_ACTION__COUNT && actions[a].needs_key;
}

/* Long masks: free-text types mask each character after their first few;
 * every other type masks each alphanumeric character. */
static int mask_long(const xf_type *t, const char *v, size_t n, bool first,
                     sbuf *out)
{
    if (!t->shape->long_by_char)
        return xf_mask_generic(v, n, out);
    return xf_mask_chars(v, n, first ? t->shape->long_keep : 0, out);
}

int xf_apply(const xform *x, const xf_type *t, scrub_action a,
             const char *v, size_t n, sbuf *out)
{
    if ((unsigned)a >= SCRUB_ACTION__COUNT)
        a = SCRUB_ACTION_KEEP;
    if (n <= LONG_VALUE || a == SCRUB_ACTION_KEEP)
        return actions[a].apply(x, t, v, n, out);
    switch (actions[a].long_form) {
    case SCRUB_ACTION_HASH:
        return xf_hash(x, t, v, LONG_VALUE, out);
    case SCRUB_ACTION_MASK:
        return mask_long(t, v, n, true, out);
    default:
        return actions[a].apply(x, t, v, LONG_VALUE, out);
    }
}

int xf_apply_rest(const xf_type *t, scrub_action a, const char *v, size_t n,
                  sbuf *out)
{
    if ((unsigned)a >= SCRUB_ACTION__COUNT)
        a = SCRUB_ACTION_KEEP;
    switch (actions[a].long_form) {
    case SCRUB_ACTION_KEEP:
        return sbuf_put(out, v, n);
    case SCRUB_ACTION_MASK: /* the kept characters were in the first piece */
        return mask_long(t, v, n, false, out);
    default:
        return SCRUB_OK; /* the token or label went out with the first */
    }
}
