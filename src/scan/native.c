/* scan/native.c — the native matcher (engine/native.h): one pass of the
 * classification kernel over the block (classify.c), then, at the few
 * positions of each class, the triggers of the rules it serves:
 *   digits   where a run of digits ends: NAT_DIGITS and NAT_IPV4 rules
 *   words    where a word ends: NAT_MAC and NAT_UPPER rules
 *   colons   runs of hex digits and colons: NAT_IPV6 rules
 *   seps     separators: rules found by keys (native_keys.c)
 *   at-signs @ %40 \u0040: NAT_EMAIL rules (native_email.c)
 * Each trigger is a necessary condition for an accepted value to end
 * there; scan_end() confirms it as on Hyperscan's path. */
#include <string.h>

#include "common/chars.h"
#include "scan/classify.h"
#include "scan/scan.h"

/* Walking back from e over digits and the groups' separators (one byte
 * of seps, or %20), at most 128 bytes: where the min-th digit back is
 * (its position + 1; 0: not that many digits), and how many separators
 * the run holds (the whole run: a value may reach further back). */
static size_t nth_digit_back(const char *b, size_t e, const nat_digits *d,
                             size_t *groups)
{
    size_t n = 0, i = e, at = 0;
    *groups = 0;
    while (i > 0 && e - i < 128) {
        unsigned char c = (unsigned char)b[i - 1];
        if (d->pct20 && n > 0 && i >= 4 && c == '0' && b[i - 2] == '2' &&
            b[i - 3] == '%' && is_digit(b[i - 4]))
            i -= 3, (*groups)++;
        else if (is_digit((char)c)) {
            if (++n == d->min)
                at = i;
            i--;
        } else if (n > 0 && i >= 2 && is_digit(b[i - 2]) &&
                   nat_has(&d->seps, c))
            i--, (*groups)++;
        else
            break;
        if (at && *groups >= d->groups)
            break; /* enough known */
    }
    return at;
}

/* NAT_DIGITS: enough digits end at e (after `before`, when given; with
 * `lead` the first of a fixed-length value's digits is one of it). */
static bool digits_trigger(const char *b, size_t e, size_t run,
                           const nat_digits *d)
{
    unsigned char pre = e > run ? (unsigned char)b[e - run - 1] : 0;
    if (d->has_before)
        return run >= d->min && e > run && nat_has(&d->before, pre);
    if (run < d->min && (!d->grouped || e == run ||
                         !(nat_has(&d->seps, pre) || (d->pct20 && pre == '%'))))
        return false; /* no separator before the run: too few digits */
    if (!d->grouped && !d->has_lead)
        return true;
    if (run >= d->min && d->groups == 0) /* the last min digits: a group */
        return !d->has_lead || nat_has(&d->lead, (unsigned char)b[e - d->min]);
    size_t groups, at = nth_digit_back(b, e, d, &groups);
    return at && groups >= d->groups &&
           (!d->has_lead || nat_has(&d->lead, (unsigned char)b[at - 1]));
}

/* NAT_IPV4: four dotted groups end at e (the last three of 1-3 digits). */
static bool ipv4_trigger(const char *b, size_t len, size_t e, size_t run)
{
    if (run > 3 || (e < len && is_alnum(b[e])))
        return false;
    size_t i = e - run;
    for (int g = 0; g < 3; g++) {
        if (i < 2 || b[i - 1] != '.' || !is_digit(b[i - 2]))
            return false;
        size_t k = --i;
        while (i > 0 && is_digit(b[i - 1]))
            i--;
        if (g < 2 && k - i > 3)
            return false;
    }
    return true;
}

/* Where a value that ends at e may start at the earliest: back over the
 * bytes values of the rule hold. The confirmation searches from there,
 * not from a whole window back: the same leftmost start, found sooner. */
static size_t digits_floor(const char *b, size_t e, size_t lo,
                           const nat_digits *d)
{
    while (e > lo && (is_digit(b[e - 1]) ||
                      nat_has(&d->body, (unsigned char)b[e - 1])))
        e--;
    return e;
}

static size_t class_floor(const char *b, size_t e, size_t lo,
                          bool (*in)(char))
{
    while (e > lo && in(b[e - 1]))
        e--;
    return e;
}

/* No value of rule ri that ends at e starts before this (its window, the
 * longest match): every walk back stops there, or a long run of the
 * class (600 KB of "203.0.113.9 ") would be read again at each end. */
static size_t win_lo(const scan_state *st, unsigned ri, size_t e)
{
    size_t w = st->eng->rules[ri].window;
    return e > w ? e - w : 0;
}

static bool ipv4_byte(char c) { return is_digit(c) || c == '.'; }
static bool mac_byte(char c)
{
    return is_hex(c) || c == ':' || c == '-' || c == '.';
}
static bool iban_byte(char c)
{
    return is_digit(c) || c == ' ' || (c >= 'A' && c <= 'Z');
}

/* The NAT_DIGITS and NAT_IPV4 rules at the end e of a run of digits. */
/* Digits counted back from e over groups joined by any rule's separator
 * (digits_pre: one byte, or the % of %20), up to cap: no grouped rule
 * counts more. */
static size_t any_grouped(const char *b, size_t e, const eng_native *nat,
                          size_t cap)
{
    size_t n = 0, i = e;
    while (i > 0 && n < cap) {
        if (is_digit(b[i - 1]))
            i--, n++;
        else if (n && i >= 2 && is_digit(b[i - 2]) &&
                 nat_has(&nat->digits_pre, (unsigned char)b[i - 1]))
            i--;
        else
            break;
    }
    return n;
}

static int at_digit_end(scan_state *st, const char *b, size_t len, size_t e)
{
    const eng_native *nat = &st->eng->nat;
    size_t run = 0;
    while (run < e && is_digit(b[e - run - 1]))
        run++;
    size_t grouped = run;
    if (run < nat->digits_long && run < e &&
        nat_has(&nat->digits_pre, (unsigned char)b[e - run - 1]))
        grouped = any_grouped(b, e, nat, nat->digits_long);
    bool before = run >= nat->before_short && run < e &&
                  nat_has(&nat->before_any, (unsigned char)b[e - run - 1]);
    if (grouped < nat->digits_short && !before)
        goto ipv4; /* the common short number: no NAT_DIGITS value */
    for (size_t k = 0; k < nat->ndigits && !st->error; k++) {
        const nat_digits *d = &nat->digits[k];
        if ((d->has_before && !before) ||
            (d->grouped ? grouped : run) + d->has_last < d->min)
            continue;
        if (d->has_last && e < len && nat_has(&d->last, (unsigned char)b[e])) {
            /* ...X: the value ends after the check character */
            if (run + 1 >= d->min &&
                (!d->has_lead ||
                 nat_has(&d->lead, (unsigned char)b[e + 1 - d->min])))
                scan_end(st, d->rule, b, len, e + 1,
                         digits_floor(b, e + 1, win_lo(st, d->rule, e + 1), d));
            continue;
        }
        if (digits_trigger(b, e, run, d))
            scan_end(st, d->rule, b, len, e,
                     digits_floor(b, e, win_lo(st, d->rule, e), d));
    }
ipv4:
    for (size_t k = 0; k < nat->n_by_kind[NAT_IPV4] && !st->error; k++) {
        unsigned ri = nat->by_kind[NAT_IPV4][k];
        if (ipv4_trigger(b, len, e, run))
            scan_end(st, ri, b, len, e,
                     class_floor(b, e, win_lo(st, ri, e), ipv4_byte));
    }
    return st->error;
}

/* Hex digits just before b[i], counting up to cap + 1. */
static size_t hex_back(const char *b, size_t i, size_t cap)
{
    size_t n = 0;
    while (n < i && n <= cap && is_hex(b[i - n - 1]))
        n++;
    return n;
}

/* ngroups groups of hex digits joined by sep end at e: all but the first
 * of lo..hi digits, the first of at least `first` (more may precede it). */
static bool hex_groups(const char *b, size_t e, char sep, int ngroups,
                       size_t lo, size_t hi, size_t first)
{
    size_t i = e;
    for (int g = 0; g + 1 < ngroups; g++) {
        size_t n = hex_back(b, i, hi);
        if (n < lo || n > hi || i < n + 2 || b[i - n - 1] != sep)
            return false;
        i -= n + 1;
    }
    return hex_back(b, i, first) >= first;
}

/* NAT_MAC: one of the four MAC forms ends at e (the separator before
 * the last group tells which may). */
static bool mac_trigger(const char *b, size_t e)
{
    size_t n = hex_back(b, e, 4);
    char sep = n && n < e ? b[e - n - 1] : 0;
    if (sep == ':')
        return n <= 2 && hex_groups(b, e, ':', 6, 1, 2, 1);
    if (sep == '-')
        return (n == 2 && hex_groups(b, e, '-', 6, 2, 2, 2)) ||
               (n == 4 && hex_groups(b, e, '-', 3, 4, 4, 4));
    return sep == '.' && n == 4 && hex_groups(b, e, '.', 3, 4, 4, 4);
}

/* NAT_UPPER: a run of A-Z, 0-9 and single spaces, at least min long,
 * with two capitals (an IBAN's country), counted back to lo at most (a
 * value lies after it: its bytes are counted). */
static bool upper_trigger(const char *b, size_t e, size_t lo,
                          const nat_spec *ns)
{
    size_t n = 0, caps = 0, i = e;
    while (i > lo) {
        char c = b[i - 1];
        if (c >= 'A' && c <= 'Z')
            caps++;
        else if (c == ' ' && i >= 2 && b[i - 2] != ' ' && n > 0)
            ;
        else if (!is_digit(c))
            break;
        i--, n++;
    }
    return n >= ns->min && caps >= 2;
}


static bool hexcolon(char c) { return is_hex(c) || c == ':'; }

/* Bytes that may not follow an IPv6 value (its right guard's class). */
static bool v6_guard(char c)
{
    return is_alnum(c) || c == '_' || c == '*' || c == '@';
}

/* Where an IPv6 value that starts in the run [rs, re) may end at the
 * latest: after an IPv4 tail and a %zone. */
static size_t v6_region_end(const char *b, size_t len, size_t re)
{
    while (re < len && (is_digit(b[re]) || b[re] == '.'))
        re++;
    if (re < len && b[re] == '%')
        for (size_t z = 0; ++re < len && z < 32; z++)
            if (!is_alnum(b[re]) && !strchr("._~-", b[re]))
                break;
    return re;
}

/* NAT_IPV6: in a run of hex digits and colons holding :: or 6 colons,
 * every place its guard lets a value end. Returns the run's end. */
static size_t at_colon(scan_state *st, const char *b, size_t len, size_t c)
{
    const eng_native *nat = &st->eng->nat;
    size_t rs = c, re = c, total = 0;
    bool any_dbl = false;
    while (rs > 0 && hexcolon(b[rs - 1]))
        rs--;
    while (re < len && hexcolon(b[re]))
        re++;
    for (size_t i = rs; i < re; i++) {
        total += b[i] == ':';
        any_dbl |= b[i] == ':' && i > rs && b[i - 1] == ':';
    }
    if (total < 6 && !any_dbl)
        return re; /* a clock, a MAC: no IPv6 value in this run */
    size_t end = v6_region_end(b, len, re), colons = 0;
    bool dbl = false;
    for (size_t e = rs + 1; e <= end && !st->error; e++) {
        colons += b[e - 1] == ':';
        dbl |= e >= 2 && b[e - 1] == ':' && b[e - 2] == ':';
        if ((colons < 6 && !dbl) || (e < len && v6_guard(b[e])))
            continue;
        for (size_t k = 0; k < nat->n_by_kind[NAT_IPV6]; k++)
            scan_end(st, nat->by_kind[NAT_IPV6][k], b, len, e, rs);
    }
    return re;
}
typedef struct chunk_state {
    size_t colon_done; /* the IPv6 runs before this are done */
    uint64_t prev_mac;  /* the chunk before's MAC separators */
    uint64_t prev_iban; /* ...and its bytes of [A-Z0-9 ] */
} chunk_state;

/* m shifted up by k (< 64) within the block: bits of the chunk before
 * (prev) come in at the bottom. */
static uint64_t shl(uint64_t m, uint64_t prev, unsigned k)
{
    return m << k | prev >> (64 - k);
}

/* Bit i set when bits i-14..i of (prev, m) are all set. */
static uint64_t run15(uint64_t m, uint64_t prev)
{
    unsigned __int128 x = (unsigned __int128)m << 64 | prev;
    x &= x << 1;
    x &= x << 2;
    x &= x << 4;
    x &= x << 7;
    return (uint64_t)(x >> 64);
}

/* The ends of words (b[e-1] a word byte, b[e] none) that may end a MAC
 * (a hex digit, a separator 1, 2 or 4 bytes before: its last group) or
 * an IBAN (a capital or digit, 15 bytes of [A-Z0-9 ] before). */
static void word_ends(scan_state *st, const char *b, size_t len, size_t base,
                      uint64_t wend, const nat_masks *m, chunk_state *cs)
{
    const eng_native *nat = &st->eng->nat;
    uint64_t iban = m->upper | m->digit | m->space;
    uint64_t sep = shl(m->mac, cs->prev_mac, 1) | shl(m->mac, cs->prev_mac, 2) |
                   shl(m->mac, cs->prev_mac, 4);
    uint64_t mac = nat->n_by_kind[NAT_MAC] ? wend & m->hex & sep : 0;
    uint64_t up = nat->n_by_kind[NAT_UPPER]
                      ? wend & (m->upper | m->digit) & run15(iban, cs->prev_iban)
                      : 0;
    for (uint64_t w = mac | up; w && !st->error; w &= w - 1) {
        size_t e = base + (size_t)__builtin_ctzll(w) + 1;
        uint64_t bit = w & -w;
        for (size_t k = 0; (mac & bit) && k < nat->n_by_kind[NAT_MAC]; k++) {
            unsigned ri = nat->by_kind[NAT_MAC][k];
            if (mac_trigger(b, e))
                scan_end(st, ri, b, len, e,
                         class_floor(b, e, win_lo(st, ri, e), mac_byte));
        }
        for (size_t k = 0; (up & bit) && k < nat->n_by_kind[NAT_UPPER]; k++) {
            unsigned ri = nat->by_kind[NAT_UPPER][k];
            size_t lo = win_lo(st, ri, e);
            if (upper_trigger(b, e, lo, &st->eng->rules[ri].native))
                scan_end(st, ri, b, len, e, class_floor(b, e, lo, iban_byte));
        }
    }
    cs->prev_mac = m->mac;
    cs->prev_iban = iban;
}

/* The at-signs of the chunk (@, %40, \u0040): the email rules. */
static void at_signs(scan_state *st, const char *b, size_t len, size_t base,
                     const nat_masks *m)
{
    uint64_t pct = m->sep & ~m->colon; /* the % of %40 is a sep byte */
    for (uint64_t a = m->at | pct; a && !st->error; a &= a - 1) {
        size_t i = base + (size_t)__builtin_ctzll(a);
        if (b[i] == '@')
            nat_email_at(st, b, len, i, i + 1);
        else if (b[i] == '%' && i + 3 <= len && b[i + 1] == '4' &&
                 b[i + 2] == '0')
            nat_email_at(st, b, len, i, i + 3);
        else if (b[i] == '\\' && i + 6 <= len && b[i + 1] == 'u' &&
                 b[i + 2] == '0' && b[i + 3] == '0' && b[i + 4] == '4' &&
                 b[i + 5] == '0')
            nat_email_at(st, b, len, i, i + 6);
    }
}

/* One 64-byte chunk at b[base..base+n): its classes' positions. */
static int chunk(scan_state *st, const char *b, size_t len, size_t base,
                 size_t n, chunk_state *cs)
{
    const eng_native *nat = &st->eng->nat;
    nat_masks m;
    nat_classify(b + base, n, &m);
    uint64_t next_digit = base + n < len && is_digit(b[base + n]);
    uint64_t next_word = base + n < len && (is_alnum(b[base + n]) ||
                                            b[base + n] == '_');
    uint64_t dend = m.digit & ~(m.digit >> 1 | next_digit << 63);
    uint64_t wend = m.word & ~(m.word >> 1 | next_word << 63);
    bool digits = nat->ndigits || nat->n_by_kind[NAT_IPV4];
    for (uint64_t d = digits ? dend : 0; d && !st->error; d &= d - 1)
        at_digit_end(st, b, len, base + (size_t)__builtin_ctzll(d) + 1);
    word_ends(st, b, len, base, wend, &m, cs);
    for (uint64_t s = nat->keys.nodes ? m.sep : 0; s && !st->error; s &= s - 1)
        nat_separator(st, b, len, base + (size_t)__builtin_ctzll(s));
    if (nat->n_by_kind[NAT_EMAIL])
        at_signs(st, b, len, base, &m);
    for (uint64_t c = nat->n_by_kind[NAT_IPV6] ? m.colon : 0;
         c && !st->error; c &= c - 1) {
        size_t at = base + (size_t)__builtin_ctzll(c);
        if (at >= cs->colon_done)
            cs->colon_done = at_colon(st, b, len, at);
    }
    return st->error;
}

int scan_native(scan_state *st, const char *buf, size_t len)
{
    chunk_state cs = {0, 0, 0};
    nat_seen_clear(st);
    for (size_t base = 0; base < len && !st->error; base += 64)
        chunk(st, buf, len, base, len - base < 64 ? len - base : 64, &cs);
    return st->error;
}
