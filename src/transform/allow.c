/* transform/allow.c — allow-lists (allow.h): values compared in their
 * canonical form, addresses against CIDR ranges. */
#include <stdlib.h>
#include <string.h>

#include "common/addr.h"
#include "transform/allow.h"

typedef struct cidr {
    int family; /* 4 or 6 */
    unsigned char addr[16];
    unsigned bits;
} cidr;

struct allow_list {
    strlist values;
    cidr *cidrs;
    size_t ncidrs;
};

allow_list *allow_new(void) { return calloc(1, sizeof(allow_list)); }

void allow_free(allow_list *a)
{
    if (!a)
        return;
    for (size_t i = 0; i < a->values.n; i++)
        free(a->values.v[i]);
    free(a->values.v);
    free(a->cidrs);
    free(a);
}

int allow_add_value(allow_list *a, const char *v)
{
    char **nv = realloc(a->values.v, (a->values.n + 1) * sizeof *nv);
    if (!nv)
        return SCRUB_E_NOMEM;
    a->values.v = nv;
    if (!(nv[a->values.n] = xstrdup(v)))
        return SCRUB_E_NOMEM;
    a->values.n++;
    return SCRUB_OK;
}

int allow_add_cidr(allow_list *a, const char *spec)
{
    const char *slash = strchr(spec, '/');
    cidr c;
    size_t len = slash ? (size_t)(slash - spec) : strlen(spec), zone;
    c.family = addr_parse(spec, len, 0, c.addr, &zone);
    if (!c.family)
        return SCRUB_E_CONFIG;
    unsigned max = c.family == 4 ? 32 : 128;
    c.bits = max;
    if (slash) {
        char *end;
        unsigned long b = strtoul(slash + 1, &end, 10);
        if (*end || end == slash + 1 || b > max)
            return SCRUB_E_CONFIG;
        c.bits = (unsigned)b;
    }
    cidr *nc = realloc(a->cidrs, (a->ncidrs + 1) * sizeof *nc);
    if (!nc)
        return SCRUB_E_NOMEM;
    a->cidrs = nc;
    a->cidrs[a->ncidrs++] = c;
    return SCRUB_OK;
}

static bool in_cidr(const cidr *c, const cidr *ip)
{
    if (c->family != ip->family)
        return false;
    unsigned full = c->bits / 8, rest = c->bits % 8;
    if (memcmp(c->addr, ip->addr, full) != 0)
        return false;
    if (!rest)
        return true;
    unsigned char mask = (unsigned char)(0xFF << (8 - rest));
    return (c->addr[full] & mask) == (ip->addr[full] & mask);
}

static bool address_allowed(const allow_list *a, const xf_type *t,
                            const char *v, size_t n)
{
    cidr ip;
    size_t zone;
    if (!a->ncidrs || !t->shape->family)
        return false;
    ip.family = addr_parse(v, n, t->shape->family, ip.addr, &zone);
    if (!ip.family)
        return false;
    for (size_t i = 0; i < a->ncidrs; i++)
        if (in_cidr(&a->cidrs[i], &ip))
            return true;
    return false;
}

bool allow_match(const allow_list *a, const xf_type *t, const char *v,
                 size_t n)
{
    if (!a)
        return false;
    if (address_allowed(a, t, v, n))
        return true;
    char cv[512], ca[512];
    size_t cvn = xf_canonical(t, v, n, cv, sizeof cv);
    for (size_t i = 0; i < a->values.n; i++) {
        const char *al = a->values.v[i];
        size_t can = xf_canonical(t, al, strlen(al), ca, sizeof ca);
        if (can == cvn && memcmp(ca, cv, cvn) == 0)
            return true;
    }
    return false;
}

allow_list *allow_copy(const allow_list *a)
{
    allow_list *c = allow_new();
    if (!c)
        return NULL;
    for (size_t i = 0; a && i < a->values.n; i++)
        if (allow_add_value(c, a->values.v[i]))
            goto fail;
    if (a && a->ncidrs) {
        c->cidrs = malloc(a->ncidrs * sizeof *c->cidrs);
        if (!c->cidrs)
            goto fail;
        memcpy(c->cidrs, a->cidrs, a->ncidrs * sizeof *c->cidrs);
        c->ncidrs = a->ncidrs;
    }
    return c;
fail:
    allow_free(c);
    return NULL;
}
