/* validate_net.c — validators of network identifiers: IPv4 (RFC 791),
 * IPv6 (RFC 4291 / 5952), IEEE 802 MAC addresses, email (RFC 5321), and
 * the checks that judge hex values and addresses by their neighbours. */
#include <arpa/inet.h>
#include <string.h>
#include <strings.h>

#include "internal.h"

/* Four octets 0..255 separated by '.', or by '-' in a cloud host name
 * (ip-10-1-2-3): the same separator throughout. */
static bool ipv4_octets(const char *s, size_t n, unsigned o[4])
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

/* An address of a host: not "this network" (0/8: 0.0.0.0, versions such
 * as 0.0.0.6), loopback (127/8), broadcast (255.255.255.255; a subnet's
 * is told by its key, span_not_version), nor a netmask (ones then zeros
 * from the top: 255.255.255.0, 255.255.0.0, 192.0.0.0). None of them is
 * anyone's address. */
bool val_ipv4(const char *s, size_t n)
{
    unsigned o[4];
    if (!ipv4_octets(s, n, o))
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
    char tmp[64];
    const char *zone = memchr(s, '%', n);
    size_t len = zone ? (size_t)(zone - s) : n;
    if (len < 2 || len >= sizeof tmp)
        return false;
    memcpy(tmp, s, len);
    tmp[len] = '\0';
    int colons = 0, digits = 0;
    for (size_t i = 0; i < len; i++) {
        colons += tmp[i] == ':';
        digits += is_digit(tmp[i]);
    }
    /* Letters alone ("Db::Add", "cafe::beef") spell words, not hosts. */
    if (digits == 0 || mixed_case_group(tmp, len))
        return false;
    /* Without "::" an address has all eight groups; this is what keeps
     * clock times such as 10:23:45 out. */
    if (!strstr(tmp, "::") && colons != 7 && !(colons == 6 && strchr(tmp, '.')))
        return false;
    unsigned char a[16];
    if (inet_pton(AF_INET6, tmp, a) != 1)
        return false;
    static const unsigned char zero[15];
    /* :: (unspecified) and ::1 (loopback) belong to no one */
    return memcmp(a, zero, 15) != 0 || a[15] > 1;
}

/* Not all-zero, not broadcast, not 02:00:00:00:00:00 (what Android
 * reports to apps in place of the real address since version 6); in
 * three groups of four (Huawei xxxx-xxxx-xxxx), some letter: all-digit
 * groups are numbers (1234-5678-9012). */
bool val_mac(const char *s, size_t n)
{
    bool all0 = true, allf = true, placeholder = true, letter = false;
    int k = 0;
    for (size_t i = 0; i < n; i++) {
        if (!is_hex(s[i]))
            continue;
        all0 &= s[i] == '0';
        allf &= s[i] == 'f' || s[i] == 'F';
        letter |= !is_digit(s[i]);
        placeholder &= s[i] == (k++ == 1 ? '2' : '0');
    }
    if (n == 14 && s[4] == '-' && !letter)
        return false;
    return !all0 && !allf && !(placeholder && k == 12);
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

/* The hex digits a key's name may end in (IPv6, MAC, BSSID, btMac): at
 * most two, after a letter that is no hex digit. A word ending in more
 * (text2001:db8::1) is part of the run. */
static bool key_word(const char *buf, size_t a, size_t b)
{
    size_t tail = 0;
    while (b - tail > a && is_hex(buf[b - tail - 1]))
        tail++;
    return tail < b - a && tail <= 2;
}

/* A hex value (MAC, IPv6) is not part of a longer run of hex digits and
 * separators: a neighbour across one '-', '.' or ':' that is a hex word
 * continues it (a 7th octet, a UUID group, a clock), and so does a second
 * ':' (an IPv6 address), while a word with other letters is a key (MAC:,
 * IPv6:, btMac:) or text (an SSID after "AA-BB-CC-DD-EE-FF:"), and no
 * part of it. An escape glued before the value (%3D, \u53f7) ends the
 * text before it. */
bool span_hex_bounds(const char *buf, size_t len, size_t start, size_t end)
{
    if (start > 0 && !escape_before(buf, start)) {
        char c = buf[start - 1];
        if (is_alnum(c) || c == '_')
            return false;
        if (c == ':' || c == '-' || c == '.') {
            if (c == ':' && start > 1 && buf[start - 2] == ':')
                return false; /* inside an IPv6 address */
            size_t a = word_start(buf, start - 1);
            if (a < start - 1 && !key_word(buf, a, start - 1))
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
            !tcpdump_port_at(buf, len, end)) {
            size_t b = word_end(buf, len, end + 1);
            if (b > end + 1 && all_hex_word(buf, end + 1, b))
                return false;
        }
    }
    return true;
}

static bool is_token_char(char c)
{
    return is_alnum(c) || c == '.' || c == '_' || c == '-';
}

/* A dotted quad that is a version: a product's (Chrome/120.0.0.0 in a
 * user agent, RFC 9110 product tokens are capitalised names; a Java
 * InetAddress prints host/10.0.0.1 with a host name in lower case), or a
 * file's (app.jar:1.2.0.4), or one with a pre-release tag (-SNAPSHOT);
 * nor a subnet's broadcast address. */
/* A subnet's broadcast address, as ifconfig and ip print it: after
 * "broadcast", "brd" or "Bcast:". */
static bool after_broadcast_key(const char *buf, size_t start)
{
    static const char *const keys[] = {"broadcast", "brd", "bcast"};
    size_t e = start;
    if (e > 0 && (buf[e - 1] == ' ' || buf[e - 1] == ':' || buf[e - 1] == '='))
        e--;
    size_t a = e;
    while (a > 0 && ((buf[a - 1] | 0x20) >= 'a' && (buf[a - 1] | 0x20) <= 'z'))
        a--;
    for (size_t k = 0; e < start && k < sizeof keys / sizeof *keys; k++)
        if (strlen(keys[k]) == e - a && !strncasecmp(buf + a, keys[k], e - a))
            return true;
    return false;
}

bool span_not_version(const char *buf, size_t len, size_t start, size_t end)
{
    if (after_broadcast_key(buf, start))
        return false;
    if (end + 1 < len && buf[end] == '-' &&
        ((buf[end + 1] | 0x20) >= 'a' && (buf[end + 1] | 0x20) <= 'z'))
        return false; /* 2.3.4.5-SNAPSHOT, 1.0.0.0-beta */
    if (start < 2 || (buf[start - 1] != '/' && buf[start - 1] != ':'))
        return true;
    size_t t = start - 1;
    while (t > 0 && is_token_char(buf[t - 1]))
        t--;
    const char *tok = buf + t;
    size_t tn = start - 1 - t;
    if (tn == 0 || !((tok[0] | 0x20) >= 'a' && (tok[0] | 0x20) <= 'z'))
        return true;
    const char *dot = memrchr(tok, '.', tn);
    if (buf[start - 1] == '/') {
        bool reduced = end - start >= 7 &&
                       !memcmp(buf + end - 6, ".0.0.0", 6); /* Chrome/1x */
        bool before_ok = t == 0 || !(is_alnum(buf[t - 1]) || buf[t - 1] == '/');
        bool product = tok[0] >= 'A' && tok[0] <= 'Z' && !dot &&
                       !memchr(tok, '_', tn); /* not Squid's HIER_DIRECT */
        return !(before_ok && (product || reduced));
    }
    if (!dot || dot == tok + tn - 1)
        return true;
    for (const char *p = dot + 1; p < tok + tn; p++) /* a file extension */
        if (!((*p | 0x20) >= 'a' && (*p | 0x20) <= 'z'))
            return true;
    return false;
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
    if (url_userinfo_at(buf, start))
        return false;
    return !((unsigned char)s[0] >= 0xE0 && start > 0 &&
             (unsigned char)buf[start - 1] >= 0x80);
}
