/* validate/ip.c — validators of IP addresses (RFC 791 dotted quads,
 * RFC 4291 / RFC 5952 text forms) and of what a dotted quad's
 * neighbours say it is: a product's or a file's version, a subnet's
 * broadcast address. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "common/addr.h"
#include "common/chars.h"
#include "validate/validate.h"

/* An address of a host: not "this network" (0/8: 0.0.0.0, versions such
 * as 0.0.0.6), loopback (127/8), broadcast (255.255.255.255; a subnet's
 * is told by its key, span_not_version), nor a netmask (ones then zeros
 * from the top: 255.255.255.0, 255.255.0.0, 192.0.0.0). None of them is
 * anyone's address. */
bool val_ipv4(const char *s, size_t n)
{
    unsigned o[4];
    if (!addr_v4_octets(s, n, o))
        return false;
    uint32_t a = o[0] << 24 | o[1] << 16 | o[2] << 8 | o[3];
    uint32_t inv = ~a;
    bool netmask = (o[0] & 0x80) && (inv & (inv + 1)) == 0;
    return o[0] != 0 && o[0] != 127 && !netmask;
}

/* Mixed case inside one group (Db, Add) is how identifiers are written;
 * software writes addresses in one case (RFC 5952: lower). */
static bool mixed_case_group(const char *s, size_t n)
{
    bool up = false, low = false;
    for (size_t i = 0; i <= n; i++) {
        if (i == n || s[i] == ':') {
            if (up && low)
                return true;
            up = low = false;
        } else {
            up |= s[i] >= 'A' && s[i] <= 'F';
            low |= s[i] >= 'a' && s[i] <= 'f';
        }
    }
    return false;
}

bool val_ipv6(const char *s, size_t n)
{
    unsigned char a[16];
    size_t len;
    if (addr_parse(s, n, 6, a, &len) != 6 || len < 2)
        return false;
    int colons = 0, digits = 0;
    for (size_t i = 0; i < len; i++) {
        colons += s[i] == ':';
        digits += is_digit(s[i]);
    }
    /* Letters alone ("Db::Add", "cafe::beef") spell words, not hosts;
     * eight two-digit groups are a certificate serial or a fingerprint. */
    if (digits == 0 || mixed_case_group(s, len) || (colons == 7 && len == 23))
        return false;
    /* Without "::" an address has all eight groups; this is what keeps
     * clock times such as 10:23:45 out. */
    if (!memmem(s, len, "::", 2) && colons != 7 &&
        !(colons == 6 && memchr(s, '.', len)))
        return false;
    static const unsigned char zero[15];
    /* :: (unspecified) and ::1 (loopback) belong to no one */
    return memcmp(a, zero, 15) != 0 || a[15] > 1;
}

static bool is_token_char(char c)
{
    return is_alnum(c) || c == '.' || c == '_' || c == '-';
}

/* The word (letters) ending just before buf[e], matched against keys. */
static bool word_before_is(const char *buf, size_t e, const char *const *keys,
                           size_t nkeys)
{
    size_t a = e;
    while (a > 0 && ((buf[a - 1] | 0x20) >= 'a' && (buf[a - 1] | 0x20) <= 'z'))
        a--;
    for (size_t k = 0; a < e && k < nkeys; k++)
        if (strlen(keys[k]) == e - a && !strncasecmp(buf + a, keys[k], e - a))
            return true;
    return false;
}

/* A subnet's broadcast address: after "broadcast", "brd" or "Bcast:"
 * (ifconfig, ip), or in an ARP table next to the broadcast MAC (Windows
 * arp -a: 172.25.154.255  ff-ff-ff-ff-ff-ff  static; BSD: ? (x.x.x.255)
 * at ff:ff:ff:ff:ff:ff). */
static bool broadcast_at(const char *buf, size_t len, size_t start,
                         size_t end)
{
    static const char *const keys[] = {"broadcast", "brd", "bcast"};
    size_t e = start;
    if (e > 0 && (buf[e - 1] == ' ' || buf[e - 1] == ':' || buf[e - 1] == '='))
        e--;
    if (e < start && word_before_is(buf, e, keys, 3))
        return true;
    if (end < 4 || memcmp(buf + end - 4, ".255", 4) != 0)
        return false;
    size_t i = end;
    while (i < len && i < end + 24 && strchr(" \t)at", buf[i]))
        i++;
    return i + 17 <= len && !strncasecmp(buf + i, "ff", 2) &&
           (!strncasecmp(buf + i, "ff-ff-ff-ff-ff-ff", 17) ||
            !strncasecmp(buf + i, "ff:ff:ff:ff:ff:ff", 17));
}

/* A pre-release tag after the quad: 2.3.4.5-SNAPSHOT, 1.0.0.0-beta. */
static bool prerelease_after(const char *buf, size_t len, size_t end)
{
    static const char *const tags[] = {"snapshot", "release", "beta",
                                       "alpha", "rc", "dev", "final", "ga",
                                       "stable", "preview", "pre", "m"};
    if (end + 1 >= len || buf[end] != '-')
        return false;
    size_t b = end + 1;
    while (b < len && ((buf[b] | 0x20) >= 'a' && (buf[b] | 0x20) <= 'z'))
        b++;
    if (b < len && buf[b] == ':')
        return false; /* a MAC follows: 172.18.242.76-a4:83:e7:... */
    return word_before_is(buf, b, tags, sizeof tags / sizeof *tags);
}

/* A dotted quad that is a version: a product's (Chrome/120.0.0.0 in a
 * user agent: RFC 9110 product tokens are capitalised names, while Java's
 * InetAddress prints host/10.0.0.1 with a host name in lower case and
 * Squid HIER_DIRECT/10.0.0.1), or a file's (app.jar:1.2.0.4). */
static bool version_at(const char *buf, size_t start, size_t end)
{
    if (start < 2 || (buf[start - 1] != '/' && buf[start - 1] != ':'))
        return false;
    size_t t = start - 1;
    while (t > 0 && is_token_char(buf[t - 1]))
        t--;
    const char *tok = buf + t;
    size_t tn = start - 1 - t;
    if (tn == 0 || !((tok[0] | 0x20) >= 'a' && (tok[0] | 0x20) <= 'z'))
        return false;
    const char *dot = memrchr(tok, '.', tn);
    if (buf[start - 1] == '/') {
        bool reduced = end - start >= 7 &&
                       !memcmp(buf + end - 6, ".0.0.0", 6); /* Chrome/1x */
        bool before_ok = t == 0 || !(is_alnum(buf[t - 1]) || buf[t - 1] == '/');
        bool product = tok[0] >= 'A' && tok[0] <= 'Z' && !dot &&
                       !memchr(tok, '_', tn);
        return before_ok && (product || reduced);
    }
    if (!dot || dot == tok + tn - 1)
        return false;
    for (const char *p = dot + 1; p < tok + tn; p++) /* a file extension */
        if (!((*p | 0x20) >= 'a' && (*p | 0x20) <= 'z'))
            return false;
    return true;
}

bool span_ip_context(const char *buf, size_t len, size_t start, size_t end)
{
    return !broadcast_at(buf, len, start, end) &&
           !prerelease_after(buf, len, end) && !version_at(buf, start, end);
}
