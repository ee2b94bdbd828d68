/* transform/netaddr.c — IP addresses' pseudonyms (prefix-preserving, so
 * that two hosts of one network stay in one network) and coarser forms
 * (the /24 or /48 they are in). Written back as they were written: case,
 * '-' between octets (ip-10-1-2-3), the zone id (%eth0). */
#include <arpa/inet.h>
#include <string.h>

#include "common/addr.h"
#include "transform/fpe.h"
#include "transform/types.h"
#include "validate/validate.h"

static char ip_sep(const char *v, size_t n)
{
    return memchr(v, '-', n) && !memchr(v, '.', n) ? '-' : '.';
}

static bool has_upper_hex(const char *v, size_t n)
{
    for (size_t i = 0; i < n && v[i] != '%'; i++)
        if (v[i] >= 'A' && v[i] <= 'F')
            return true;
    return false;
}

static int put_addr(bool v6, const unsigned char *a, bool upper, char sep,
                    const char *zone, size_t zlen, sbuf *out)
{
    char text[INET6_ADDRSTRLEN];
    inet_ntop(v6 ? AF_INET6 : AF_INET, a, text, sizeof text);
    for (char *p = text; *p; p++) {
        if (upper && *p >= 'a' && *p <= 'f')
            *p = (char)(*p - 32);
        if (!v6 && *p == '.')
            *p = sep;
    }
    int rc = sbuf_put(out, text, strlen(text));
    rc |= sbuf_put(out, zone, zlen);
    return rc ? SCRUB_E_NOMEM : SCRUB_OK;
}

int pseudo_ip(const xform *x, const xf_type *t, const char *v, size_t n,
              bool inverse, sbuf *out)
{
    unsigned char a[16];
    size_t z;
    bool v6 = t->shape->family == 6;
    if (!addr_parse(v, n, v6 ? 6 : 4, a, &z))
        return sbuf_put(out, v, n);
    /* Cycle-walk past addresses that are no host's (0/8, 127/8, netmasks:
     * they are not found as IPV4): the walk from a host's address ends at
     * another one, and the inverse walk brings it back. */
    for (int k = 0; k < 1000; k++) {
        fpe_prefix_preserve(kr_subkeys(x->kr) + SUBKEY_FPE * KEY_BYTES, a,
                            v6 ? 16 : 4, inverse);
        char text[INET_ADDRSTRLEN];
        if (v6 || (inet_ntop(AF_INET, a, text, sizeof text) &&
                   val_ipv4(text, strlen(text))))
            break;
    }
    return put_addr(v6, a, has_upper_hex(v, n), ip_sep(v, n), v + z, n - z,
                    out);
}

/* The zone goes with the host part. */
int coarsen_ip(const xform *x, const xf_type *t, const char *v, size_t n,
               sbuf *out)
{
    unsigned char a[16];
    size_t z;
    bool v6 = t->shape->family == 6;
    if (!addr_parse(v, n, v6 ? 6 : 4, a, &z))
        return sbuf_put(out, v, n);
    unsigned bits = v6 ? x->ipv6_prefix : x->ipv4_prefix;
    for (size_t i = bits; i < (v6 ? 128u : 32u); i++)
        a[i / 8] &= (unsigned char)~(1u << (7 - i % 8));
    return put_addr(v6, a, has_upper_hex(v, n), ip_sep(v, n), "", 0, out);
}
