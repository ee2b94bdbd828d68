/* validate/validate.c — the validator registry, and the hex-word check
 * that judges numbers by their neighbours.
 *
 * Each check follows the format's definition, so a value is accepted
 * because it *is* well-formed, not because it looks like our own test
 * data. */
#include <string.h>

#include "common/chars.h"
#include "validate/validate.h"

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

