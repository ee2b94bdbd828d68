/* validate/net.c — validators of IEEE 802 MAC addresses and email
 * (RFC 5321), and the check that judges hex values (MAC, IPv6) by their
 * neighbours. */
#include <arpa/inet.h>
#include <string.h>
#include <strings.h>

#include "common/chars.h"
#include "validate/validate.h"

/* Not all-zero, not broadcast, not 02:00:00:00:00:00 (what Android
 * reports to apps in place of the real address since version 6). */
bool val_mac(const char *s, size_t n)
{
    bool all0 = true, allf = true, placeholder = true;
    int k = 0;
    for (size_t i = 0; i < n; i++) {
        if (!is_hex(s[i]))
            continue;
        all0 &= s[i] == '0';
        allf &= s[i] == 'f' || s[i] == 'F';
        placeholder &= s[i] == (k++ == 1 ? '2' : '0');
    }
    return !all0 && !allf && !(placeholder && k == 12);
}

/* In three groups of four (Huawei xxxx-xxxx-xxxx) found without a key,
 * some letter: all-digit groups are numbers (1234-5678-9012). */
bool val_hex_letter(const char *s, size_t n)
{
    if (!(n == 14 && s[4] == '-'))
        return true;
    for (size_t i = 0; i < n; i++)
        if ((s[i] | 0x20) >= 'a' && (s[i] | 0x20) <= 'f')
            return true;
    return false;
}

/* Whether the value occurs again, in any case, elsewhere on its line
 * (within 512 bytes): a DHCP client id 01:<mac> in a lease file or CSV
 * repeats the hardware address of its line. */
bool span_repeated_in_line(const char *buf, size_t len, size_t start,
                           size_t end)
{
    size_t n = end - start, ls = start, le = end;
    while (ls > 0 && start - ls < 512 && buf[ls - 1] != '\n')
        ls--;
    while (le < len && le - end < 512 && buf[le] != '\n')
        le++;
    for (size_t i = ls; i + n <= le; i++)
        if ((i + n <= start || i >= end) && !strncasecmp(buf + i, buf + start, n))
            return true;
    return false;
}

/* The alphanumeric word that ends at buf[at] (exclusive): where it
 * starts. An escape glued before it (%3D, \u53f7) ends the word. */
static size_t word_start(const char *buf, size_t at)
{
    size_t a = at;
    while (a > 0 && is_alnum(buf[a - 1]) && !escape_before(buf, a))
        a--;
    return a;
}

static size_t word_end(const char *buf, size_t len, size_t at)
{
    size_t b = at;
    while (b < len && is_alnum(buf[b]))
        b++;
    return b;
}

/* tcpdump and pf write an address and its port as one dotted word
 * (10.0.0.1.443 > 10.0.0.2.52311: ...): the port ends it. */
static bool tcpdump_port_at(const char *buf, size_t len, size_t at)
{
    size_t i = at + 1, d = 0;
    if (at >= len || buf[at] != '.')
        return false;
    while (i < len && is_digit(buf[i]) && d < 6)
        i++, d++;
    if (d == 0 || d > 5)
        return false;
    return (i + 2 < len && buf[i] == ' ' && buf[i + 1] == '>' &&
            buf[i + 2] == ' ') ||
           (i + 1 < len && buf[i] == ':' && buf[i + 1] == ' ');
}

/* The separator inside a hex value and the length of its groups when
 * they all have one (a MAC: 2, or 4 in Cisco/Huawei form); 0 when they
 * differ (an IPv6 address: 1 to 4). */
static size_t group_len(const char *s, size_t n, char *sep)
{
    size_t len = 0, cur = 0;
    bool uniform = true;
    *sep = 0;
    for (size_t i = 0; i <= n; i++) {
        if (i < n && is_hex(s[i])) {
            cur++;
            continue;
        }
        if (i < n && !*sep)
            *sep = s[i];
        if (len && cur != len)
            uniform = false;
        len = len ? len : cur;
        cur = 0;
    }
    return uniform ? len : 0;
}

/* Whether the word buf[a..b), across separator c from a value with
 * separator sep and group length glen, continues the value: the same
 * separator, and hex digits that form a group of its kind (two for a
 * colon or dash MAC: "5F2A:8c:77:..." is an SSID's tail; any for the
 * four-digit forms, so UUID groups continue, and for IPv6). A word with
 * other letters before the value continues it with its hex tail, unless
 * that tail is two digits or less: then the word is a key whose name ends
 * in hex digits (MAC:, IPv6:, btMac:, BSSID:), not a group (text2001:db8::1
 * continues). */
static bool continues(const char *buf, size_t a, size_t b, char c, char sep,
                      size_t glen, bool before)
{
    if (b <= a || c != sep)
        return false;
    size_t t = b; /* the word's hex tail: buf[t..b) */
    while (t > a && is_hex(buf[t - 1]))
        t--;
    if (t > a && (!before || b - t <= 2))
        return false; /* text after the value, or a key before it */
    size_t n = b - t;
    if (n == 0)
        return false;
    return glen != 2 || n == 2;
}

/* A hex value (MAC, IPv6) is not part of a longer run of hex groups: a
 * neighbour across the value's own separator that is a group like its
 * own continues it (a 7th octet, a UUID group, a clock), and so does a
 * second ':' (an IPv6 address); a word with other letters is a key (MAC:,
 * IPv6:, btMac:) or text (an SSID after "AA-BB-CC-DD-EE-FF:", an AP name
 * before "-64:09:80:af:7a:26"), and no part of it. An escape glued before
 * the value (%3D, \u53f7, \t) ends the text before it. */
bool span_hex_bounds(const char *buf, size_t len, size_t start, size_t end)
{
    char sep;
    size_t glen = group_len(buf + start, end - start, &sep);
    if (start > 0 && !escape_before(buf, start)) {
        char c = buf[start - 1];
        if (is_alnum(c) || c == '_')
            return false;
        if (c == ':' && start > 1 && buf[start - 2] == ':')
            return false; /* inside an IPv6 address */
        if (c == ':' || c == '-' || c == '.') {
            size_t a = word_start(buf, start - 1);
            if (continues(buf, a, start - 1, c, sep, glen, true))
                return false;
        }
    }
    if (end < len) {
        char c = buf[end];
        if (is_alnum(c) || c == '_')
            return false;
        if (c == ':' && end + 1 < len && buf[end + 1] == ':')
            return false;
        if ((c == ':' || c == '-' || c == '.') &&
            !tcpdump_port_at(buf, len, end) &&
            continues(buf, end + 1, word_end(buf, len, end + 1), c, sep, glen,
                      false))
            return false;
    }
    return true;
}

/* Where the '@' of an email is: '@', %40 or \u0040; n when absent. */
static size_t email_at(const char *s, size_t n, size_t *skip)
{
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '@') {
            *skip = 1;
            return i;
        }
        if (s[i] == '%' && i + 2 < n && s[i + 1] == '4' && s[i + 2] == '0') {
            *skip = 3;
            return i;
        }
        if (s[i] == '\\' && i + 5 < n && !memcmp(s + i + 1, "u0040", 5)) {
            *skip = 6;
            return i;
        }
    }
    return n;
}

/* Image and web assets named like addresses: icon@2x.png, logo@3x.webp. */
static bool asset_name(const char *dom, size_t n)
{
    static const char *const ext[] = {"png", "jpg", "jpeg", "gif", "webp",
                                      "svg", "ico", "bmp", "css", "js",
                                      "json", "xml", "txt", "log", "mp4"};
    if (n >= 3 && is_digit(dom[0]) && (dom[1] == 'x' || dom[1] == 'X') &&
        dom[2] == '.')
        return true;
    const char *dot = memrchr(dom, '.', n);
    size_t el = dot ? n - (size_t)(dot - dom) - 1 : 0;
    for (size_t i = 0; dot && i < sizeof ext / sizeof *ext; i++)
        if (strlen(ext[i]) == el && !strncasecmp(ext[i], dot + 1, el))
            return true;
    return false;
}

/* Whether buf[at] starts the userinfo of a URL (scheme://user@,
 * scheme://user:password@): RFC 3986 authority, not a mailbox. */
static bool url_userinfo_at(const char *buf, size_t at)
{
    size_t i = at;
    if (i > 0 && buf[i - 1] == ':') /* the password: skip back the user */
        for (i--; i > 0 && !strchr(" \t/@:\"'", buf[i - 1]); i--)
            ;
    return i >= 3 && buf[i - 1] == '/' && buf[i - 2] == '/' && buf[i - 3] == ':';
}

/* Whether buf[at] starts the user part of a sip:, sips: or tel: URI:
 * a subscriber, not a mailbox (the number in it is a PHONE). */
static bool uri_user_at(const char *buf, size_t at)
{
    return (at >= 4 && !strncasecmp(buf + at - 4, "sip:", 4)) ||
           (at >= 5 && !strncasecmp(buf + at - 5, "sips:", 5));
}

/* The lengths RFC 5321 (4.5.3.1) allows: a local part of at most 64
 * octets, a domain of at most 253 in labels of at most 63. Longer runs
 * are not addresses (and a bounded value is found the same way by every
 * matcher). Not an asset name, not an SSH remote (git@host:org/x), not
 * the userinfo of a URL (https://user:password@host). A
 * local part in CJK script may not begin inside CJK text: where such an
 * address starts cannot be told. */
bool span_email(const char *buf, size_t len, size_t start, size_t end)
{
    const char *s = buf + start;
    size_t n = end - start, skip = 0, at = email_at(s, n, &skip);
    if (at == 0 || at > 64 || at == n)
        return false;
    size_t dom = at + skip;
    if (dom > n || n - dom > 253 || asset_name(s + dom, n - dom))
        return false;
    size_t label = 0;
    for (size_t i = dom; i < n; i++) {
        label = s[i] == '.' ? 0 : label + 1;
        if (label > 63)
            return false;
    }
    if (end + 1 < len && buf[end] == ':' && buf[end + 1] != ' ' &&
        buf[end + 1] != '\t' && buf[end + 1] != '"')
        return false;
    if (url_userinfo_at(buf, start) || uri_user_at(buf, start))
        return false;
    return !((unsigned char)s[0] >= 0xE0 && start > 0 &&
             (unsigned char)buf[start - 1] >= 0x80);
}
