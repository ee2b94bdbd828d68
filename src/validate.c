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
        size_t esc = url_escape_len(s, n, i);
        if (esc) { /* %20 between groups: no digits of the value */
            i += esc - 1;
            continue;
        }
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
    char d19[40];
    size_t k = digits_of(s, n, d19, sizeof d19);
    int sum = 0, ndig = 0;
    for (size_t i = k; i-- > 0;) {
        int d = d19[i] - '0';
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

/* A YYYYMMDD date somewhere in the value is the only thing checked here:
 * rules that use it anchor the date by pattern. */
bool val_date8(const char *s, size_t n)
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
bool val_imsi(const char *s, size_t n)
{
    char d[16];
    if (digits_of(s, n, d, sizeof d) != 15 || memcmp(d, "460", 3) != 0)
        return false;
    int mnc = num_at(d + 3, 2);
    return mnc <= 13 || mnc == 15 || mnc == 20;
}

bool val_not_imei(const char *s, size_t n)
{
    return !(val_luhn(s, n) && val_imei_tac(s, n));
}


/* First-generation (1984-2004) ID: 15 digits, province, YYMMDD of 19YY. */
bool val_cn_id15(const char *s, size_t n)
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

/* The length of an IBAN of country cc in the ISO 13616 registry, or 0
 * for a country that issues none (SF29..., a courier's waybill). */
static size_t iban_length(const char *cc)
{
    static const char reg[] =
        "AD24AE23AL28AT20AZ28BA20BE16BG22BH22BI27BR29BY28CH21CR22CY28CZ24"
        "DE22DJ27DK18DO28EE20EG29ES24FI18FK18FO18FR27GB22GE22GI23GL18GR27"
        "GT28HR21HU28IE22IL23IQ23IS26IT27JO30KW30KZ20LB28LC32LI21LT20LU20"
        "LV21LY25MC27MD24ME22MK19MN20MR27MT31MU30NI28NL18NO15OM23PK24PL28"
        "PS29PT25QA29RO24RS22RU33SA24SC31SD18SE24SI19SK24SM27SO23ST25SV28"
        "TL23TN24TR26UA29VA22VG24XK20YE30";
    for (const char *p = reg; *p; p += 4)
        if (p[0] == cc[0] && p[1] == cc[1])
            return (size_t)((p[2] - '0') * 10 + (p[3] - '0'));
    return 0;
}

/* IBAN (ISO 13616): country, two check digits, then the account in
 * letters and digits, as long as the registry says for the country
 * (groups of four may be spaced);
 * the number read with A=10..Z=35, country and check moved to the end, is
 * 1 modulo 97. */
bool val_iban(const char *s, size_t n)
{
    char c[40];
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == ' ')
            continue;
        if (k == sizeof c || !is_alnum(s[i]))
            return false;
        c[k++] = (s[i] >= 'a' && s[i] <= 'z') ? (char)(s[i] - 32) : s[i];
    }
    if (k < 15 || k > 34 || !(c[0] >= 'A' && c[0] <= 'Z') ||
        !(c[1] >= 'A' && c[1] <= 'Z') || !is_digit(c[2]) || !is_digit(c[3]) ||
        iban_length(c) != k)
        return false;
    unsigned rem = 0;
    for (size_t i = 0; i < k; i++) {
        char ch = c[(i + 4) % k];
        if (is_digit(ch))
            rem = (rem * 10 + (unsigned)(ch - '0')) % 97;
        else
            rem = (rem * 100 + (unsigned)(ch - 'A' + 10)) % 97;
    }
    return rem == 1;
}

/* Digits of s, ASCII or full-width, into out (at most cap); their count,
 * or 0 when there are more. */
static size_t any_digits(const char *s, size_t n, char *out, size_t cap)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        char d = is_digit(s[i]) ? s[i]
                 : is_fw_digit(s, n, i) ? (char)('0' + (unsigned char)s[i + 2] - 0x90)
                                        : 0;
        if (!d)
            continue;
        if (k == cap)
            return 0;
        out[k++] = d;
        if (!is_digit(s[i]))
            i += 2;
    }
    return k;
}

/* A mainland mobile number, 1[3-9] + 9 digits, in ASCII or full-width
 * digits, after an optional 86 country code. */
bool val_cn_mobile(const char *s, size_t n)
{
    char d[16];
    size_t k = any_digits(s, n, d, sizeof d);
    const char *m = k == 13 && d[0] == '8' && d[1] == '6' ? d + 2 : d;
    return (k == 11 || (k == 13 && m != d)) && m[0] == '1' && m[1] >= '3';
}

/* An account number that is a mobile number is a phone (a login). */
bool val_not_mobile(const char *s, size_t n)
{
    return !(n == 11 && s[0] == '1' && s[1] >= '3' && val_cn_mobile(s, n));
}

/* ITU-T E.164: a country code and national number, 8 to 15 digits. */
bool val_e164(const char *s, size_t n)
{
    char d[16];
    size_t k = digits_of(s, n, d, sizeof d);
    return k >= 8 && k <= 15 && d[0] != '0';
}

/* A mainland fixed-line number: (+86 or 0086,) trunk 0, an area code (10 and 2X have
 * two digits, the others three), a subscriber number of 7-8 digits that
 * starts with 2-9. */
bool val_fixed_line(const char *s, size_t n)
{
    char buf[16];
    size_t k = digits_of(s, n, buf, sizeof buf);
    const char *d = buf;
    if (k > 12 && (s[0] == '+' || (s[0] == '0' && s[1] == '0')))
        d += s[0] == '+' ? 2 : 4, k -= s[0] == '+' ? 2 : 4; /* +86, 0086 */
    if (k < 10 || d[0] != '0' || d[1] == '0')
        return false;
    size_t area = (d[1] == '1' || d[1] == '2') ? 3 : 4;
    if (d[1] == '1' && d[2] != '0')
        return false;
    size_t sub = k - area;
    return (sub == 7 || sub == 8) && d[area] >= '2';
}

/* A mainland number is never the national part of another country's
 * number: "+49 176 12345678", "0049 176 ...", "00 49 176 ..." are German
 * mobiles, whatever the digits after the country code look like. */
bool span_not_foreign(const char *buf, size_t len, size_t start, size_t end)
{
    (void)len;
    (void)end;
    if (start < 2 || (buf[start - 1] != ' ' && buf[start - 1] != '-'))
        return true;
    size_t d = start - 1;
    while (d > 0 && is_digit(buf[d - 1]) && start - 1 - d < 5)
        d--;
    const char *cc = buf + d;
    size_t n = start - 1 - d;
    if (n == 0 || (d > 0 && is_digit(buf[d - 1])))
        return true;
    if (n > 2 && cc[0] == '0' && cc[1] == '0') /* 0049 */
        cc += 2, n -= 2;
    else if (!(d > 0 && buf[d - 1] == '+') &&
             !(d >= 3 && buf[d - 1] == ' ' && buf[d - 2] == '0' &&
               buf[d - 3] == '0')) /* +49, 00 49 */
        return true;
    return n == 2 && cc[0] == '8' && cc[1] == '6';
}

/* The registry: one row per validator of SCRUB_VALIDATORS. */
typedef struct validator {
    const char *name;
    bool (*value)(const char *, size_t);
    bool (*span)(const char *, size_t, size_t, size_t);
} validator;

#define VAL_ROW_value(fn) NULL
#define VAL_ROW_span(fn) fn
#define VAL_VALUE_value(fn) fn
#define VAL_VALUE_span(fn) NULL
#define VAL_ROW(name, str, kind, fn) \
    [VALI_##name] = {str, VAL_VALUE_##kind(fn), VAL_ROW_##kind(fn)},
static const validator validators[VAL__COUNT] = {SCRUB_VALIDATORS(VAL_ROW)};
#undef VAL_ROW

const char *validator_name(val_mask bit)
{
    for (int i = 0; i < VAL__COUNT; i++)
        if (((val_mask)1 << i) == bit)
            return validators[i].name;
    return NULL;
}

val_mask validator_parse(const char *name)
{
    for (int i = 0; i < VAL__COUNT; i++)
        if (strcmp(validators[i].name, name) == 0)
            return (val_mask)1 << i;
    return 0;
}

bool validate_span(val_mask mask, const char *buf, size_t len, size_t start,
                   size_t end)
{
    for (int i = 0; i < VAL__COUNT && mask; i++) {
        if (!(mask & ((val_mask)1 << i)))
            continue;
        const validator *v = &validators[i];
        if (v->value ? !v->value(buf + start, end - start)
                     : !v->span(buf, len, start, end))
            return false;
        mask &= ~((val_mask)1 << i);
    }
    return true;
}

bool validate_all(val_mask mask, const char *s, size_t n)
{
    return validate_span(mask, s, n, 0, n);
}

/* Hex identifiers (UUIDs, digests, trace ids) are full of digit runs that
 * look like numbers; a value whose surrounding word is longer than it and
 * made only of hex digits is part of such an identifier. A word with other
 * letters ("phone13812345678") does not count. */
/* Is buf[a..b) made of hex digits only (a leading 0x allowed)? */
bool all_hex_word(const char *buf, size_t a, size_t b)
{
    if (b - a > 2 && buf[a] == '0' && (buf[a + 1] == 'x' || buf[a + 1] == 'X'))
        a += 2; /* a C hex literal: its x belongs to the hex word */
    for (size_t i = a; i < b; i++)
        if (!is_hex(buf[i]))
            return false;
    return true;
}

bool span_not_in_hex_word(const char *buf, size_t len, size_t start,
                          size_t end)
{
    /* The word the value starts in, and the word it ends in (they differ
     * for grouped values such as "86 138..."). An escape glued before the
     * value (%3D, %E5%8F%B7, \x22, \u53f7) ends the word before it. */
    size_t a = start, b = end, first_end = start, last_start = end;
    while (a > 0 && is_alnum(buf[a - 1]) && !escape_before(buf, a))
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
