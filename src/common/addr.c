/* common/addr.c — IP address text to bytes. */
#include <arpa/inet.h>
#include <string.h>

#include "common/addr.h"
#include "common/chars.h"

bool addr_v4_octets(const char *s, size_t n, unsigned o[4])
{
    int k = 0, val = -1;
    char sep = 0;
    for (size_t i = 0; i <= n; i++) {
        if (i == n || s[i] == '.' || s[i] == '-') {
            if (val < 0 || val > 255 || k == 4 || (i < n && sep && s[i] != sep))
                return false;
            if (i < n)
                sep = s[i];
            o[k++] = (unsigned)val;
            val = -1;
        } else if (is_digit(s[i])) {
            val = (val < 0 ? 0 : val * 10) + (s[i] - '0');
            if (val > 999)
                return false;
        } else {
            return false;
        }
    }
    return k == 4;
}

int addr_parse(const char *s, size_t n, int want, unsigned char out[16],
               size_t *zone_at)
{
    unsigned o[4];
    memset(out, 0, 16);
    *zone_at = n;
    if (want != 6 && addr_v4_octets(s, n, o)) {
        for (int i = 0; i < 4; i++)
            out[i] = (unsigned char)o[i];
        return 4;
    }
    if (want == 4)
        return 0;
    char tmp[64];
    const char *zone = memchr(s, '%', n);
    size_t alen = zone ? (size_t)(zone - s) : n;
    if (alen == 0 || alen >= sizeof tmp)
        return 0;
    memcpy(tmp, s, alen);
    tmp[alen] = '\0';
    if (inet_pton(AF_INET6, tmp, out) != 1)
        return 0;
    *zone_at = alen;
    return 6;
}
