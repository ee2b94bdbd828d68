/* transform/coarsen.c — less precise values: coordinates to a number of
 * decimals (2 by default, about 1 km), addresses to their network
 * (netaddr.c); types without a coarser form are masked. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/chars.h"
#include "transform/types.h"

int coarsen_geo(const xform *x, const xf_type *t, const char *v, size_t n,
                sbuf *out)
{
    (void)t;
    char buf[64];
    int rc = 0;
    for (size_t i = 0; i < n;) { /* each number of a value or a pair */
        size_t j = i;
        while (j < n && (is_digit(v[j]) || v[j] == '.' || v[j] == '-'))
            j++;
        if (j > i) {
            char num[40];
            size_t l = j - i < sizeof num - 1 ? j - i : sizeof num - 1;
            memcpy(num, v + i, l);
            num[l] = '\0';
            int w = snprintf(buf, sizeof buf, "%.*f", x->geo_decimals,
                             strtod(num, NULL));
            rc |= sbuf_put(out, buf, (size_t)w);
            i = j;
        } else {
            rc |= sbuf_putc(out, v[i++]);
        }
    }
    return rc ? SCRUB_E_NOMEM : SCRUB_OK;
}

int xf_coarsen(const xform *x, const xf_type *t, const char *v, size_t n,
               sbuf *out)
{
    if (t->shape->coarsen)
        return t->shape->coarsen(x, t, v, n, out);
    return xf_mask(t, v, n, out);
}
