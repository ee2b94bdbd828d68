/* common/checkdigit.c — Luhn, ISO 7064 MOD 11-2, ISO 13616 mod-97 and
 * calendar dates. */
#include "common/checkdigit.h"
#include "common/chars.h"

bool ck_luhn_ok(const unsigned char *d, size_t n)
{
    return n > 1 && ck_luhn_digit(d, n - 1) == d[n - 1];
}

unsigned ck_luhn_digit(const unsigned char *d, size_t n)
{
    unsigned sum = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned x = d[n - 1 - i];
        if (i % 2 == 0) {
            x *= 2;
            if (x > 9)
                x -= 9;
        }
        sum += x;
    }
    return (10 - sum % 10) % 10;
}

char ck_cn_id_char(const char *first17)
{
    static const int w[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6,
                              3, 7, 9, 10, 5, 8, 4, 2};
    int sum = 0;
    for (int i = 0; i < 17; i++)
        sum += (first17[i] - '0') * w[i];
    return "10X98765432"[sum % 11];
}

bool ck_date_ok(int y, int m, int d)
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

unsigned ck_mod97(unsigned rem, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char c = s[i] >= 'a' && s[i] <= 'z' ? (char)(s[i] - 32) : s[i];
        rem = is_digit(c) ? (rem * 10 + (unsigned)(c - '0')) % 97
                          : (rem * 100 + (unsigned)(c - 'A' + 10)) % 97;
    }
    return rem;
}
