/* validate.c — structural checks that confirm a pattern match.
 *
 * Each check follows the format's definition (ISO/IEC 7812 Luhn and IIN
 * ranges, GB 11643-1999, 3GPP TS 23.003 reporting bodies, RFC 4291), so a
 * value is accepted because it *is* well-formed, not because it looks
 * like our own test data. */
#include <arpa/inet.h>
#include <string.h>
#include <strings.h>

#include "internal.h"


/* Copy the decimal digits of s into out; returns their count, or 0 when
 * more than cap. */
static size_t digits_of(const char *s, size_t n, char *out, size_t cap)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (!is_digit(s[i]))
            continue;
        if (k == cap)
            return 0;
        out[k++] = s[i];
    }
    return k;
}

bool val_luhn(const char *s, size_t n)
{
    int sum = 0, ndig = 0;
    for (size_t i = n; i-- > 0;) {
        if (!is_digit(s[i]))
            continue;
        int d = s[i] - '0';
        if (ndig++ & 1) {
            d *= 2;
            if (d > 9)
                d -= 9;
        }
        sum += d;
    }
    return ndig > 1 && sum % 10 == 0;
}

bool val_date_ymd(int y, int m, int d)
{
    static const int mdays[12] = {31, 29, 31, 30, 31, 30,
                                  31, 31, 30, 31, 30, 31};
    if (y < 1900 || y > 2099 || m < 1 || m > 12 || d < 1)
        return false;
    if (d > mdays[m - 1])
        return false;
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return !(m == 2 && d == 29 && !leap);
}

static int num_at(const char *s, int width)
{
    int v = 0;
    for (int i = 0; i < width; i++)
        v = v * 10 + (s[i] - '0');
    return v;
}

/* GB/T 2260 province-level codes, plus 81/82/83: the residence permits
 * for Hong Kong, Macao and Taiwan residents use 810000/820000/830000. */
static bool cn_province_ok(int p)
{
    static const unsigned char codes[] = {
        11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42,
        43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83};
    for (size_t i = 0; i < sizeof codes; i++)
        if (codes[i] == p)
            return true;
    return false;
}

/* ISO 7064 MOD 11-2 check character over the first 17 digits. */
char cn_id_check_char(const char *first17)
{
    static const int w[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6,
                              3, 7, 9, 10, 5, 8, 4, 2};
    int sum = 0;
    for (int i = 0; i < 17; i++)
        sum += (first17[i] - '0') * w[i];
    return "10X98765432"[sum % 11];
}

bool val_cn_id(const char *s, size_t n)
{
    if (n != 18)
        return false;
    for (int i = 0; i < 17; i++)
        if (!is_digit(s[i]))
            return false;
    char last = s[17] == 'x' ? 'X' : s[17];
    if (!is_digit(last) && last != 'X')
        return false;
    if (!cn_province_ok(num_at(s, 2)))
        return false;
    if (!val_date_ymd(num_at(s + 6, 4), num_at(s + 10, 2), num_at(s + 12, 2)))
        return false;
    return cn_id_check_char(s) == last;
}

static bool prefix_in(const char *d, int width, int lo, int hi)
{
    int v = num_at(d, width);
    return v >= lo && v <= hi;
}

/* Issuer ranges per network and the lengths each network issues. UnionPay
 * (62, and the 81 range) is listed first because it is the common case in
 * Chinese logs. */
bool val_bank_iin(const char *s, size_t n)
{
    char d[20];
    size_t len = digits_of(s, n, d, sizeof d);
    if (len < 13 || len > 19)
        return false;
    if (prefix_in(d, 2, 62, 62) || prefix_in(d, 2, 81, 81))
        return len >= 14;                        /* UnionPay: 14-19 */
    if (d[0] == '4')
        return len == 13 || len == 16 || len == 19; /* Visa */
    if (prefix_in(d, 2, 51, 55) || prefix_in(d, 4, 2221, 2720))
        return len == 16;                        /* Mastercard */
    if (prefix_in(d, 2, 34, 34) || prefix_in(d, 2, 37, 37))
        return len == 15;                        /* Amex */
    if (prefix_in(d, 4, 3528, 3589))
        return len >= 16;                        /* JCB */
    if (prefix_in(d, 4, 6011, 6011) || prefix_in(d, 3, 644, 649) ||
        prefix_in(d, 2, 65, 65))
        return len >= 16;                        /* Discover */
    if (prefix_in(d, 3, 300, 305) || prefix_in(d, 4, 3095, 3095) ||
        prefix_in(d, 2, 36, 36) || prefix_in(d, 2, 38, 39))
        return len == 14 || len == 16 || len == 19; /* Diners Club */
    return false;
}

/* The first two TAC digits are the reporting body identifier; only these
 * have been allocated (GSMA TS.06). */
bool val_imei_tac(const char *s, size_t n)
{
    static const unsigned char rbi[] = {1,  10, 30, 33, 35, 44, 45, 49, 50,
                                        51, 52, 53, 54, 86, 91, 98, 99};
    char d[20];
    size_t len = digits_of(s, n, d, sizeof d);
    if (len < 14)
        return false;
    int v = num_at(d, 2);
    for (size_t i = 0; i < sizeof rbi; i++)
        if (rbi[i] == v)
            return true;
    return false;
}

bool val_ipv4(const char *s, size_t n)
{
    int octets = 0, val = -1;
    for (size_t i = 0; i <= n; i++) {
        if (i == n || s[i] == '.') {
            if (val < 0 || val > 255)
                return false;
            octets++;
            val = -1;
        } else if (is_digit(s[i])) {
            val = (val < 0 ? 0 : val * 10) + (s[i] - '0');
            if (val > 999)
                return false;
        } else {
            return false;
        }
    }
    return octets == 4;
}

bool val_ipv6(const char *s, size_t n)
{
    char tmp[64];
    size_t len = n;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '%') { /* zone id: the address ends here */
            len = i;
            break;
        }
    }
    if (len < 2 || len >= sizeof tmp)
        return false;
    memcpy(tmp, s, len);
    tmp[len] = '\0';
    int colons = 0, hexdigits = 0;
    for (size_t i = 0; i < len; i++) {
        colons += tmp[i] == ':';
        hexdigits += is_hex(tmp[i]);
    }
    /* A bare "::" is C++ scope syntax far more often than an address. */
    if (hexdigits == 0)
        return false;
    /* Without "::" an address has all eight groups; this is what keeps
     * clock times such as 10:23:45 out. */
    if (!strstr(tmp, "::") && colons != 7 && !(colons == 6 && strchr(tmp, '.')))
        return false;
    unsigned char addr[16];
    return inet_pton(AF_INET6, tmp, addr) == 1;
}

bool val_mac(const char *s, size_t n)
{
    bool all0 = true, allf = true;
    for (size_t i = 0; i < n; i++) {
        if (!is_hex(s[i]))
            continue;
        all0 &= s[i] == '0';
        allf &= s[i] == 'f' || s[i] == 'F';
    }
    return !all0 && !allf;
}

/* A YYYYMMDD date somewhere in the value is the only thing checked here:
 * rules that use it anchor the date by pattern. */
static bool val_date8(const char *s, size_t n)
{
    for (size_t i = 0; i + 8 <= n; i++) {
        bool ok = true;
        for (size_t k = 0; k < 8; k++)
            ok &= is_digit(s[i + k]);
        if (ok && val_date_ymd(num_at(s + i, 4), num_at(s + i + 4, 2),
                               num_at(s + i + 6, 2)))
            return true;
    }
    return false;
}

/* MCC 460 (China) with the MNCs the MIIT has allocated. */
static bool val_imsi(const char *s, size_t n)
{
    char d[16];
    if (digits_of(s, n, d, sizeof d) != 15 || memcmp(d, "460", 3) != 0)
        return false;
    int mnc = num_at(d + 3, 2);
    return mnc <= 13 || mnc == 15 || mnc == 20;
}

static bool val_not_imei(const char *s, size_t n)
{
    return !(val_luhn(s, n) && val_imei_tac(s, n));
}


/* MEID: 14 hex digits, optionally followed by a check digit computed with
 * the Luhn scheme in base 16. */
static bool val_hex_luhn(const char *s, size_t n)
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

/* Parse a decimal degree; returns false on anything but [-]d[.ddd]. */
static bool parse_deg(const char *s, size_t n, double *out, int *decimals)
{
    size_t i = 0;
    double v = 0, scale = 0;
    bool neg = n && s[0] == '-', digit = false;
    *decimals = 0;
    for (i = neg; i < n; i++) {
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

static bool val_geo_lat(const char *s, size_t n)
{
    double v;
    int dec;
    return parse_deg(s, n, &v, &dec) && v >= -90 && v <= 90;
}

static bool val_geo_lng(const char *s, size_t n)
{
    double v;
    int dec;
    return parse_deg(s, n, &v, &dec) && v >= -180 && v <= 180;
}

static bool val_geo_pair(const char *s, size_t n)
{
    const char *comma = memchr(s, ',', n);
    if (!comma)
        return false;
    size_t a = (size_t)(comma - s), b = a + 1;
    while (b < n && s[b] == ' ')
        b++;
    double lat, lng;
    int d1, d2;
    return parse_deg(s, a, &lat, &d1) && parse_deg(s + b, n - b, &lng, &d2) &&
           d1 >= 4 && d2 >= 4 && lat >= -90 && lat <= 90 && lng >= -180 &&
           lng <= 180;
}

/* First-generation (1984-2004) ID: 15 digits, province, YYMMDD of 19YY. */
static bool val_cn_id15(const char *s, size_t n)
{
    if (n != 15)
        return false;
    for (size_t i = 0; i < 15; i++)
        if (!is_digit(s[i]))
            return false;
    return cn_province_ok(num_at(s, 2)) &&
           val_date_ymd(1900 + num_at(s + 6, 2), num_at(s + 8, 2),
                        num_at(s + 10, 2));
}

/* Values that say "no value": reporting them would only add noise. */
static bool val_not_placeholder(const char *s, size_t n)
{
    static const char *const words[] = {"null", "none", "nil", "unknown",
                                        "undefined", "n/a", "na", "-",
                                        "0", "false", "true", "empty"};
    for (size_t i = 0; i < sizeof words / sizeof *words; i++)
        if (strlen(words[i]) == n && strncasecmp(words[i], s, n) == 0)
            return false;
    for (size_t i = 0; i < n; i++) /* 00000000-0000-... (ad tracking off) */
        if (s[i] != '0' && s[i] != '-')
            return true;
    return false;
}

/* Person names are letters (any script), spaces, hyphens, apostrophes and
 * the middle dot of transliterated names; software names in logs are not
 * (com.android.phone, SurfaceView, mesos-master-1, _NSNotification). */
static bool is_json_u_escape(const char *s, size_t n, size_t i)
{
    if (i + 6 > n || s[i] != '\\' || s[i + 1] != 'u')
        return false;
    for (size_t k = 2; k < 6; k++)
        if (!is_hex(s[i + k]))
            return false;
    return true;
}

static bool val_person_name(const char *s, size_t n)
{
    /* account and process names that `name=` carries in system logs */
    static const char *const system_names[] = {
        "android", "system", "root", "admin", "administrator", "default",
        "localhost", "guest", "server", "client", "service", "daemon",
        "kernel", "audioserver", "nobody", "test"};
    if (n == 0 || n > 64 || !val_not_placeholder(s, n))
        return false;
    for (size_t i = 0; i < sizeof system_names / sizeof *system_names; i++)
        if (strlen(system_names[i]) == n &&
            strncasecmp(system_names[i], s, n) == 0)
            return false;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x80)
            continue; /* a letter of another script */
        if (is_json_u_escape(s, n, i)) {
            i += 5; /* \u5f20: a JSON-escaped character */
            continue;
        }
        if (c == '\\' && i + 1 < n && s[i + 1] == '"') {
            i++; /* an escaped quote: Tom \"TJ\" Jones */
            continue;
        }
        bool lower = c >= 'a' && c <= 'z', upper = c >= 'A' && c <= 'Z';
        if (upper && i > 0 && s[i - 1] >= 'a' && s[i - 1] <= 'z')
            return false; /* CamelCase: an identifier */
        if (!lower && !upper && c != ' ' && c != '\'' && c != '-' &&
            !(c == '.' && i + 1 < n && s[i + 1] == ' '))
            return false;
    }
    return true;
}

/* A postal address holds Chinese text, or words and a number (house
 * number, postcode); not 0x-addresses, IPs or a single word. */
static bool val_postal(const char *s, size_t n)
{
    bool cjk = false, digit = false, letter = false;
    if (n >= 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
        return false;
    for (size_t i = 0; i < n && i < 256; i++) { /* the start tells */
        unsigned char c = (unsigned char)s[i];
        cjk |= c >= 0x80 || is_json_u_escape(s, n, i);
        digit |= is_digit((char)c);
        letter |= (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
    }
    return val_not_placeholder(s, n) && (cjk || (digit && letter));
}

static bool val_device_id(const char *s, size_t n)
{
    return n >= 8 && val_not_placeholder(s, n);
}

/* The lengths RFC 5321 (4.5.3.1) allows: a local part of at most 64
 * octets, a domain of at most 253 in labels of at most 63. Longer runs
 * are not addresses (and a bounded value is found the same way by every
 * matcher). "%40" stands for the '@'. */
static bool val_email(const char *s, size_t n)
{
    size_t at = 0;
    while (at < n && s[at] != '@' && s[at] != '%')
        at++;
    if (at == 0 || at > 64 || at == n)
        return false;
    size_t dom = at + (s[at] == '@' ? 1 : 3);
    if (dom > n || n - dom > 253)
        return false;
    size_t label = 0;
    for (size_t i = dom; i < n; i++) {
        label = s[i] == '.' ? 0 : label + 1;
        if (label > 63)
            return false;
    }
    return true;
}

static const struct {
    unsigned bit;
    const char *name;
    bool (*fn)(const char *, size_t);
} validators[VAL__COUNT] = {
    {VAL_LUHN, "luhn", val_luhn},
    {VAL_CN_ID, "cn_id_checksum", val_cn_id},
    {VAL_BANK_IIN, "bank_iin", val_bank_iin},
    {VAL_IMEI_TAC, "imei_tac", val_imei_tac},
    {VAL_IPV4, "ipv4", val_ipv4},
    {VAL_IPV6, "ipv6", val_ipv6},
    {VAL_MAC, "mac", val_mac},
    {VAL_DATE, "date", val_date8},
    {VAL_NOT_HEX_RUN, "not_in_hex_word", NULL},
    {VAL_IMSI, "imsi", val_imsi},
    {VAL_NOT_IMEI, "not_imei", val_not_imei},
    {VAL_HEX_LUHN, "hex_luhn", val_hex_luhn},
    {VAL_GEO_LAT, "geo_lat", val_geo_lat},
    {VAL_GEO_LNG, "geo_lng", val_geo_lng},
    {VAL_GEO_PAIR, "geo_pair", val_geo_pair},
    {VAL_CN_ID15, "cn_id15", val_cn_id15},
    {VAL_NOT_PLACEHOLDER, "not_placeholder", val_not_placeholder},
    {VAL_PERSON_NAME, "person_name", val_person_name},
    {VAL_POSTAL, "postal_address", val_postal},
    {VAL_DEVICE_ID, "device_id", val_device_id},
    {VAL_EMAIL, "email", val_email},
};

const char *validator_name(unsigned bit)
{
    for (int i = 0; i < VAL__COUNT; i++)
        if (validators[i].bit == bit)
            return validators[i].name;
    return NULL;
}

unsigned validator_parse(const char *name)
{
    for (int i = 0; i < VAL__COUNT; i++)
        if (strcmp(validators[i].name, name) == 0)
            return validators[i].bit;
    return 0;
}

bool validate_all(unsigned mask, const char *s, size_t n)
{
    for (int i = 0; i < VAL__COUNT && mask; i++) {
        if (!(mask & validators[i].bit))
            continue;
        if (validators[i].fn && !validators[i].fn(s, n))
            return false;
        mask &= ~validators[i].bit;
    }
    return true;
}


/* Hex identifiers (UUIDs, digests, trace ids) are full of digit runs that
 * look like numbers; a value whose surrounding word is longer than it and
 * made only of hex digits is part of such an identifier. A word with other
 * letters ("phone13812345678") does not count. */
/* Is buf[a..b) made of hex digits only (a leading 0x allowed)? */
static bool all_hex_word(const char *buf, size_t a, size_t b)
{
    if (b - a > 2 && buf[a] == '0' && (buf[a + 1] == 'x' || buf[a + 1] == 'X'))
        a += 2; /* a C hex literal: its x belongs to the hex word */
    for (size_t i = a; i < b; i++)
        if (!is_hex(buf[i]))
            return false;
    return true;
}

static bool not_in_hex_word(const char *buf, size_t len, size_t start,
                            size_t end)
{
    /* The word the value starts in, and the word it ends in (they differ
     * for grouped values such as "86 138..."). */
    size_t a = start, b = end, first_end = start, last_start = end;
    while (a > 0 && is_alnum(buf[a - 1]))
        a--;
    while (b < len && is_alnum(buf[b]))
        b++;
    while (first_end < end && is_alnum(buf[first_end]))
        first_end++;
    while (last_start > start && is_alnum(buf[last_start - 1]))
        last_start--;
    /* only a word that runs on into the value counts: "abcd+86 138..."
     * starts with '+', and abcd is no part of it */
    if (a < start && first_end > start &&
        all_hex_word(buf, a, first_end == end ? b : first_end))
        return false;
    if (b > end && last_start < end &&
        all_hex_word(buf, last_start == start ? a : last_start, b))
        return false;
    return true;
}

static bool is_lower_az(char c) { return c >= 'a' && c <= 'z'; }
static bool is_type_char(char c)
{
    return (c >= 'A' && c <= 'Z') || is_digit(c) || c == '_';
}

/* Length of the token TYPE_keyid_letters that starts at s (a hash has 18
 * letters, an encrypt token x and more), or 0. TYPE is a type name:
 * upper case, digits and '_' (IPV4). */
static size_t token_len(const char *s, size_t n)
{
    if (n == 0 || !(s[0] >= 'A' && s[0] <= 'Z'))
        return 0;
    size_t i = 0;
    while (i < n && is_type_char(s[i]))
        i++;
    if (s[i - 1] != '_')
        return 0;
    size_t kid = i;
    while (i < n && is_lower_az(s[i]))
        i++;
    if (i - kid < 2 || i >= n || s[i] != '_')
        return 0;
    size_t digest = ++i;
    while (i < n && is_lower_az(s[i]))
        i++;
    return i - digest >= 18 ? i : 0;
}

/* Our own output: TYPE_keyid_digest or [TYPE]. Rules that take any value
 * under a key (password=...) would otherwise hash a token again, and
 * scrubbing scrubbed text must change nothing. */
bool is_scrub_token(const char *s, size_t n)
{
    if (n >= 3 && s[0] == '[' && s[n - 1] == ']') {
        for (size_t i = 1; i + 1 < n; i++)
            if (!is_type_char(s[i]))
                return false;
        return s[1] >= 'A' && s[1] <= 'Z';
    }
    return token_len(s, n) == n;
}

/* Whether one of our tokens ends just before buf[at]: back over the
 * digest (at most an encrypt token's length), the key id and the type. */
static bool token_ends_at(const char *buf, size_t at)
{
    size_t i = at, lim = at > 9000 ? at - 9000 : 0;
    while (i > lim && is_lower_az(buf[i - 1]))
        i--;
    if (at - i < 18 || i < 2 || buf[i - 1] != '_')
        return false;
    size_t kid_end = i - 1, k = kid_end;
    while (k > 0 && is_lower_az(buf[k - 1]))
        k--;
    if (kid_end - k < 2 || k < 2 || buf[k - 1] != '_')
        return false;
    size_t t = k - 1; /* the type: [A-Z][A-Z0-9_]* before the '_' */
    while (t > 0 && is_type_char(buf[t - 1]))
        t--;
    while (t < k - 1 && !(buf[t] >= 'A' && buf[t] <= 'Z'))
        t++;
    return t < k - 1;
}

bool touches_token(const char *buf, size_t len, size_t start, size_t end)
{
    size_t before = start, after = end;
    if (before > 1 && is_glue(buf[before - 1]) && is_lower_az(buf[before - 2]))
        before--;
    if (after + 1 < len && is_glue(buf[after]))
        after++;
    return (start > 0 && is_lower_az(buf[start - 1]) &&
            token_ends_at(buf, start)) ||
           (before < start && token_ends_at(buf, before)) ||
           token_len(buf + start, len - start) > 0 ||
           (end < len && token_len(buf + end, len - end) > 0) ||
           (after > end && token_len(buf + after, len - after) > 0);
}

bool contains_scrub_token(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] >= 'A' && s[i] <= 'Z' &&
            (i == 0 || !(is_alnum(s[i - 1]) || s[i - 1] == '_')) &&
            token_len(s + i, n - i))
            return true;
    return false;
}

bool validate_span(unsigned mask, const char *buf, size_t len, size_t start,
                   size_t end)
{
    if ((mask & VAL_NOT_HEX_RUN) && !not_in_hex_word(buf, len, start, end))
        return false;
    return validate_all(mask & ~VAL_NOT_HEX_RUN, buf + start, end - start);
}
