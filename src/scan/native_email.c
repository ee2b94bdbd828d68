/* scan/native_email.c — emails, natively. An email's match holds one
 * at-sign (@, %40 or \u0040): its domain holds none of their bytes, and
 * neither does its local part. So at each at-sign the domain after it is
 * walked, and every place its right guard lets a value end, after a dot,
 * is a trigger; the local part's run before the at-sign bounds the
 * start. scan_end() confirms each, as on Hyperscan's path. */
#include "common/chars.h"
#include "scan/scan.h"

static bool high(char c) { return (unsigned char)c >= 0x80; }

/* A domain's bytes: labels of letters, digits, '-', bytes beyond ASCII,
 * joined by dots. */
static bool domain_byte(char c)
{
    return is_alnum(c) || c == '-' || c == '.' || high(c);
}

/* A local part's bytes (its %2B, UTF-8 and CJK included). */
static bool local_byte(char c)
{
    return is_alnum(c) || high(c) || c == '.' || c == '_' || c == '+' ||
           c == '-' || c == '%';
}

/* The rule's right guard: (?![A-Za-z0-9_@-])(?!\.[A-Za-z0-9]). */
static bool may_end(const char *b, size_t len, size_t e)
{
    if (e == len)
        return true;
    char c = b[e];
    if (is_alnum(c) || c == '_' || c == '@' || c == '-')
        return false;
    return !(c == '.' && e + 1 < len && is_alnum(b[e + 1]));
}

int nat_email_at(scan_state *st, const char *b, size_t len, size_t at,
                 size_t dom)
{
    const eng_native *nat = &st->eng->nat;
    size_t floor = at;
    while (floor > 0 && local_byte(b[floor - 1]))
        floor--;
    bool dot = false;
    for (size_t e = dom + 1; e <= len && !st->error; e++) {
        char last = b[e - 1];
        if (!domain_byte(last))
            break;
        if (dot && (is_alnum(last) || high(last)) && may_end(b, len, e))
            for (size_t k = 0; k < nat->n_by_kind[NAT_EMAIL]; k++)
                scan_end(st, nat->by_kind[NAT_EMAIL][k], b, len, e, floor);
        dot |= last == '.';
    }
    return st->error;
}
