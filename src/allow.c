/* allow.c — values and address ranges that are never scrubbed (internal
 * service addresses, published test numbers). They are still reported,
 * with action keep. */
#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

typedef struct cidr {
    int family;
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

static bool parse_addr(const char *s, size_t n, cidr *out)
{
    char tmp[64];
    const char *zone = memchr(s, '%', n);
    if (zone)
        n = (size_t)(zone - s);
    if (n == 0 || n >= sizeof tmp)
        return false;
    memcpy(tmp, s, n);
    tmp[n] = '\0';
    memset(out->addr, 0, sizeof out->addr);
    if (inet_pton(AF_INET, tmp, out->addr) == 1) {
        out->family = AF_INET;
        return true;
    }
    if (inet_pton(AF_INET6, tmp, out->addr) == 1) {
        out->family = AF_INET6;
        return true;
    }
    return false;
}

int allow_add_cidr(allow_list *a, const char *spec)
{
    const char *slash = strchr(spec, '/');
    cidr c;
    if (!parse_addr(spec, slash ? (size_t)(slash - spec) : strlen(spec), &c))
        return SCRUB_E_CONFIG;
    unsigned max = c.family == AF_INET ? 32 : 128;
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

static bool address_allowed(const allow_list *a, const char *type,
                            const char *v, size_t n)
{
    char canon[64];
    cidr ip;
    if (!a->ncidrs || (strcmp(type, "IPV4") && strcmp(type, "IPV6")))
        return false;
    /* IPv4 in canonical form drops leading zeros inet_pton refuses. */
    size_t cn = strcmp(type, "IPV4") ? n : canonical_form(type, v, n, canon,
                                                          sizeof canon);
    if (!parse_addr(strcmp(type, "IPV4") ? v : canon, cn, &ip))
        return false;
    for (size_t i = 0; i < a->ncidrs; i++)
        if (in_cidr(&a->cidrs[i], &ip))
            return true;
    return false;
}

bool allow_match(const allow_list *a, const char *type, const char *v,
                 size_t n)
{
    if (!a)
        return false;
    if (address_allowed(a, type, v, n))
        return true;
    char cv[512], ca[512];
    size_t cvn = canonical_form(type, v, n, cv, sizeof cv);
    for (size_t i = 0; i < a->values.n; i++) {
        const char *al = a->values.v[i];
        size_t can = canonical_form(type, al, strlen(al), ca, sizeof ca);
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
