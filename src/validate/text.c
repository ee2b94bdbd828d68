/* validate/text.c — validators of values found by their key: MEID, GEO,
 * device ids, person names and postal addresses. */
#include <string.h>
#include <strings.h>

#include "common/chars.h"
#include "validate/validate.h"

/* MEID: 14 hex digits, optionally followed by a check digit computed with
 * the Luhn scheme in base 16. */
bool val_hex_luhn(const char *s, size_t n)
{
    if (n != 14 && n != 15)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!is_hex(s[i]))
            return false;
    if (n == 14)
        return true;
    int sum = 0;
    for (size_t i = 0; i < 15; i++) {
        int d = hexval(s[14 - i]);
        if (i & 1) {
            d *= 2;
            d = d / 16 + d % 16;
        }
        sum += d;
    }
    return sum % 16 == 0;
}

/* Parse a decimal degree; returns false on anything but [+-]d[.ddd]. */
static bool parse_deg(const char *s, size_t n, double *out, int *decimals)
{
    double v = 0, scale = 0;
    bool neg = n && s[0] == '-', digit = false;
    size_t i0 = n && (s[0] == '-' || s[0] == '+'); /* +39.9 (iOS) */
    *decimals = 0;
    for (size_t i = i0; i < n; i++) {
        if (is_digit(s[i])) {
            digit = true;
            if (scale > 0) {
                v += (s[i] - '0') / scale;
                scale *= 10;
                (*decimals)++;
            } else {
                v = v * 10 + (s[i] - '0');
            }
        } else if (s[i] == '.' && scale == 0) {
            scale = 10;
        } else {
            return false;
        }
    }
    *out = neg ? -v : v;
    return digit;
}

bool val_geo_lat(const char *s, size_t n)
{
    double v;
    int dec;
    return parse_deg(s, n, &v, &dec) && v >= -90 && v <= 90;
}

bool val_geo_lng(const char *s, size_t n)
{
    double v;
    int dec;
    return parse_deg(s, n, &v, &dec) && v >= -180 && v <= 180;
}

/* Two degrees "a,b" (a space may follow the comma), each with at least
 * min_dec decimals; a in [-lim_a, lim_a], b in [-lim_b, lim_b]. */
static bool geo_two(const char *s, size_t n, double lim_a, double lim_b,
                    int min_dec)
{
    const char *comma = memchr(s, ',', n);
    if (!comma)
        return false;
    size_t a = (size_t)(comma - s), b = a + 1;
    while (b < n && s[b] == ' ')
        b++;
    double x, y;
    int d1, d2;
    return parse_deg(s, a, &x, &d1) && parse_deg(s + b, n - b, &y, &d2) &&
           d1 >= min_dec && d2 >= min_dec && x >= -lim_a && x <= lim_a &&
           y >= -lim_b && y <= lim_b;
}

/* A bare "lat,lng" pair: in range, four or more decimals each (~10 m). */
bool val_geo_pair(const char *s, size_t n) { return geo_two(s, n, 90, 180, 4); }

/* "lng,lat" under a coordinate key (Amap, GeoJSON): two decimals at least. */
bool val_geo_lnglat(const char *s, size_t n)
{
    return geo_two(s, n, 180, 90, 2);
}

/* Values that say "no value": reporting them would only add noise. */
bool val_not_placeholder(const char *s, size_t n)
{
    static const char *const words[] = {"null", "none", "nil", "unknown",
                                        "undefined", "n/a", "na", "-",
                                        "0", "false", "true", "empty",
                                        "yes", "no"};
    for (size_t i = 0; i < sizeof words / sizeof *words; i++)
        if (strlen(words[i]) == n && strncasecmp(words[i], s, n) == 0)
            return false;
    for (size_t i = 0; i < n; i++) /* 00000000-0000-... (ad tracking off) */
        if (s[i] != '0' && s[i] != '-')
            return true;
    return false;
}

/* Length of the escape at s[i] in JSON text escaped any number of times:
 * a run of backslashes and then u + 4 hex digits (a character: *is_char),
 * or a quote (part of the value); 0 when there is none. */
static size_t json_escape_at(const char *s, size_t n, size_t i, bool *is_char)
{
    size_t k = i;
    *is_char = false;
    while (k < n && s[k] == '\\')
        k++;
    if (k == i || k >= n)
        return 0;
    if (s[k] == '"' || s[k] == '\'')
        return k + 1 - i;
    if (s[k] != 'u' || k + 5 > n)
        return 0;
    for (size_t j = k + 1; j < k + 5; j++)
        if (!is_hex(s[j]))
            return 0;
    *is_char = true;
    return k + 5 - i;
}

/* Account and process names that `name=` carries in system logs. */
static bool system_name(const char *s, size_t n)
{
    static const char *const names[] = {
        "android", "system", "root", "admin", "administrator", "default",
        "localhost", "guest", "server", "client", "service", "daemon",
        "kernel", "audioserver", "nobody", "test", "main", "worker", "app",
        "linux", "windows", "darwin", "android", "ios", "macos", "security",
        "application", "setup", "query", "connect", "anonymous logon",
        "local service", "network service", "everyone", "users", "guests",
        "deploy", "ubuntu", "centos", "ec2-user", "www-data", "nginx", "mysql",
        "postgres", "jenkins", "git", "oracle", "backup", "operator", "ops",
        "redmi", "xiaomi", "huawei", "honor", "oppo", "vivo", "iphone", "ipad",
        "galaxy", "pixel", "oneplus", "meizu", "realme", "lenovo", "samsung",
        "apple", "nokia", "sony", "motorola", "zte"};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        if (strlen(names[i]) == n && strncasecmp(names[i], s, n) == 0)
            return true;
    return false;
}

/* CJK text ending in the word for a bank, company, group, school,
 * hospital... (招商银行, 顺丰速运有限公司): an organisation's name. */
static bool organisation(const char *s, size_t n)
{
    static const char *const ends[] = {
        "银行", "公司", "集团", "科技", "医院", "大学", "学院", "学校", "中学",
        "小学", "中心", "酒店", "商店", "超市", "餐厅", "物流", "快递", "速运",
        "速递", "平台", "工作室", "委员会", "政府", "事务所", "协会", "基金会",
        "研究所", "研究院", "旗舰店", "专卖店", "药房", "药店", "诊所", "门诊",
        "商城", "网络", "传媒", "保险", "证券", "基金", "信托", "支付", "商行",
        "车行", "货运", "航空", "铁路", "地铁", "公交", "出行", "外卖", "移动",
        "联通", "电信", "广电"};
    for (size_t i = 0; i < sizeof ends / sizeof *ends; i++) {
        size_t l = strlen(ends[i]);
        if (n > l && !memcmp(s + n - l, ends[i], l))
            return true;
    }
    return false;
}

/* One word in capitals (TZ, HOME, ADMINISTRATOR): a constant, an
 * environment variable or an account, not how a name is written. */
static bool capitals_word(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!(s[i] >= 'A' && s[i] <= 'Z'))
            return false;
    return n > 0;
}

/* Lower-case words joined by '-' (api-gateway, kube-proxy): the names of
 * services, containers and loggers, never how a person writes a name. */
static bool kebab_identifier(const char *s, size_t n)
{
    bool hyphen = false;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '-')
            hyphen = true;
        else if (!(s[i] >= 'a' && s[i] <= 'z'))
            return false;
    }
    return hyphen;
}

/* given.family in lower case (li.na, xu.qiang): how logins spell a
 * person's name; not a file or a host (config.json, example.com). */
static bool dotted_login(const char *s, size_t n)
{
    static const char *const ext[] = {"json", "xml", "txt", "log", "yml",
                                      "yaml", "conf", "com", "cn", "net",
                                      "org", "io", "py", "js", "java", "so",
                                      "jar", "exe", "dll", "sh", "html", "png",
                                      "jpg", "local", "internal", "service"};
    const char *dot = memchr(s, '.', n);
    if (!dot || dot == s || memchr(dot + 1, '.', n - (size_t)(dot - s) - 1))
        return false;
    size_t tl = n - (size_t)(dot - s) - 1;
    for (size_t i = 0; i < n; i++)
        if (s + i != dot && !(s[i] >= 'a' && s[i] <= 'z'))
            return false;
    for (size_t i = 0; i < sizeof ext / sizeof *ext; i++)
        if (strlen(ext[i]) == tl && !memcmp(ext[i], dot + 1, tl))
            return false;
    return dot - s >= 2 && tl >= 2;
}

/* A byte of a name in a URL query at s[i] (*len bytes): a percent-escape
 * of a UTF-8 byte (%E5%BC%A0), of a space, apostrophe or hyphen, or a
 * '+' (form encoding's space) between letters: Zhang+San. */
static bool url_name_byte(const char *s, size_t n, size_t i, size_t *len)
{
    *len = url_escape_len(s, n, i);
    if (*len) {
        unsigned c = (unsigned)(hexval(s[i + 1]) << 4 | hexval(s[i + 2]));
        return c >= 0x80 || c == ' ' || c == '\'' || c == '-';
    }
    *len = 1;
    return s[i] == '+' && i > 0 && i + 1 < n && is_alpha(s[i - 1]) &&
           is_alpha(s[i + 1]);
}

/* Person names are letters (any script), spaces, hyphens, apostrophes and
 * the middle dot of transliterated names; software names in logs are not
 * (com.android.phone, SurfaceView, mesos-master-1, _NSNotification). */
bool val_person_name(const char *s, size_t n)
{
    if (n == 0 || n > 64 || !val_not_placeholder(s, n) || system_name(s, n) ||
        kebab_identifier(s, n) || organisation(s, n) || capitals_word(s, n))
        return false;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x80)
            continue; /* a letter of another script */
        bool ch;
        size_t esc = json_escape_at(s, n, i, &ch);
        if (esc) { /* \u5f20, or an escaped quote: Tom \"TJ\" Jones */
            i += esc - 1;
            continue;
        }
        if (url_name_byte(s, n, i, &esc)) { /* %E5%BC%A0, Zhang%20San */
            i += esc - 1;
            continue;
        }
        bool lower = c >= 'a' && c <= 'z', upper = c >= 'A' && c <= 'Z';
        if (upper && i > 0 && s[i - 1] >= 'a' && s[i - 1] <= 'z')
            return false; /* CamelCase: an identifier */
        if (!lower && !upper && c != ' ' && c != '\'' && c != '-' &&
            !(c == '.' && i + 1 < n && s[i + 1] == ' ') &&
            !(c == '.' && dotted_login(s, n)))
            return false;
    }
    return true;
}

/* A postal address holds Chinese text, or words, a number and a space
 * (1600 Amphitheatre Pkwy); not 0x-addresses, IPs, host:port or a single
 * token such as a host name. */
bool val_postal(const char *s, size_t n)
{
    bool cjk = false, digit = false, letter = false, space = false;
    if (n >= 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
        return false;
    for (size_t i = 0; i < n && i < 256; i++) { /* the start tells */
        unsigned char c = (unsigned char)s[i];
        bool ch = false;
        if (c == '\\')
            json_escape_at(s, n, i, &ch); /* \u5317 */
        size_t esc = url_escape_len(s, n, i); /* %E5%8C%97, %20: a query's */
        if (esc) {
            unsigned d = (unsigned)(hexval(s[i + 1]) << 4 | hexval(s[i + 2]));
            cjk |= d >= 0x80;
            space |= d == ' ';
            i += esc - 1;
            continue;
        }
        space |= c == '+' && i > 0 && i + 1 < n;
        cjk |= c >= 0x80 || ch;
        digit |= is_digit((char)c);
        letter |= (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
        space |= c == ' ';
    }
    return val_not_placeholder(s, n) && (cjk || (digit && letter && space));
}

bool val_device_id(const char *s, size_t n)
{
    return n >= 8 && val_not_placeholder(s, n);
}

/* A handle printed in hex (0x7f3a2b10): a number, no credential. */
static bool hex_handle(const char *s, size_t n)
{
    if (n < 3 || n > 18 || s[0] != '0' || (s[1] | 0x20) != 'x')
        return false;
    for (size_t i = 2; i < n; i++)
        if (!is_hex(s[i]))
            return false;
    return true;
}

/* Java's Object.toString(): a class name, '@' and the identity hash in
 * hex (android.os.BinderProxy@2bd79ce). */
static bool java_object(const char *s, size_t n)
{
    const char *at = memchr(s, '@', n);
    if (!at || at == s || !memchr(s, '.', (size_t)(at - s)) ||
        (size_t)(s + n - at) < 2)
        return false;
    for (const char *p = s; p < at; p++)
        if (!(is_alnum(*p) || *p == '.' || *p == '$' || *p == '_'))
            return false;
    for (const char *p = at + 1; p < s + n; p++)
        if (!is_hex(*p))
            return false;
    return true;
}

/* A credential under its key: not a placeholder, a hex handle, an
 * object reference that logs print under "token" or "session", or a path
 * (sudo's PWD=/home/ops is the working directory). */
bool val_secret(const char *s, size_t n)
{
    bool path = n > 1 && s[0] == '/' && memchr(s + 1, '/', n - 1); /* PWD= */
    return val_not_placeholder(s, n) && !hex_handle(s, n) &&
           !java_object(s, n) && !path;
}

/* A session id worth the name (JSESSIONID=A1B2C3D4E5, session=<y9jG0z>):
 * eight characters or more, some of them letters. Windows CBS
 * "Session: 30546354_2823393669" and systemd "session=3" are counters, a
 * Windows security id (SubjectUserSid S-1-5-18) names an account. */
bool val_session_id(const char *s, size_t n)
{
    bool letter = false;
    for (size_t i = 0; i < n; i++)
        letter |= (s[i] | 0x20) >= 'a' && (s[i] | 0x20) <= 'z';
    bool windows_sid = n > 4 && !memcmp(s, "S-1-", 4); /* S-1-5-18 */
    return n >= 8 && letter && !windows_sid && val_secret(s, n);
}
