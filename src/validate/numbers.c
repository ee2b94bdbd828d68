/* validate/numbers.c — validators of numbers: cards (ISO/IEC 7812 Luhn
 * and IIN ranges), IBANs (ISO 13616), resident ID numbers (GB 11643),
 * IMEIs (3GPP TS 23.003 reporting bodies), IMSIs, phone numbers (MIIT
 * numbering plan, E.164). */
#include <string.h>

#include "common/checkdigit.h"
#include "common/chars.h"
#include "validate/validate.h"


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
    char d[40];
    size_t k = digits_of(s, n, d, sizeof d);
    unsigned char v[40];
    for (size_t i = 0; i < k; i++)
        v[i] = (unsigned char)(d[i] - '0');
    return ck_luhn_ok(v, k);
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
    if (!ck_date_ok(num_at(s + 6, 4), num_at(s + 10, 2), num_at(s + 12, 2)))
        return false;
    return ck_cn_id_char(s) == last;
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
        if (ok && ck_date_ok(num_at(s + i, 4), num_at(s + i + 4, 2),
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
           ck_date_ok(1900 + num_at(s + 6, 2), num_at(s + 8, 2),
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
    unsigned rem = ck_mod97(ck_mod97(0, c + 4, k - 4), c, 4);
    return rem == 1;
}

/* Digits of s, ASCII or full-width, into out (at most cap); their count,
 * or 0 when there are more. */
static size_t any_digits(const char *s, size_t n, char *out, size_t cap)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        size_t esc = url_escape_len(s, n, i);
        if (esc) { /* %20, %2B: no digits of the value */
            i += esc - 1;
            continue;
        }
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

