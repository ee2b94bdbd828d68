/* common/chars.h — ASCII character classes (bytes >= 0x80 are never in
 * them) and the escapes logs glue to values. */
#ifndef SCRUB_COMMON_CHARS_H
#define SCRUB_COMMON_CHARS_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

static inline bool is_digit(char c) { return c >= '0' && c <= '9'; }
static inline bool is_hex(char c)
{
    return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
static inline bool is_alnum(char c)
{
    return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
static inline bool is_alpha(char c)
{
    return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
}
static inline char lower(char c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }
static inline int hexval(char c)
{
    return is_digit(c) ? c - '0' : (c | 0x20) - 'a' + 10;
}

/* Length of the URL escape (%20, %2B...) at v[i], or 0: its digits are
 * no part of the value they sit in. */
static inline size_t url_escape_len(const char *v, size_t n, size_t i)
{
    return v[i] == '%' && i + 2 < n && is_hex(v[i + 1]) && is_hex(v[i + 2])
               ? 3
               : 0;
}

/* Length of the escape that ends just before buf[at] (%3D, %253D for a
 * twice-encoded one, \x22, \u53f7, \t), or 0: an escape glued to a value
 * delimits it, as the character it stands for would. */
static inline size_t escape_before(const char *buf, size_t at)
{
    if (at >= 3 && buf[at - 3] == '%' && is_hex(buf[at - 2]) &&
        is_hex(buf[at - 1]))
        return 3;
    if (at >= 5 && buf[at - 5] == '%' && buf[at - 4] == '2' &&
        buf[at - 3] == '5' && is_hex(buf[at - 2]) && is_hex(buf[at - 1]))
        return 5;
    if (at >= 4 && buf[at - 4] == '\\' && buf[at - 3] == 'x' &&
        is_hex(buf[at - 2]) && is_hex(buf[at - 1]))
        return 4;
    if (at >= 2 && buf[at - 2] == '\\' && strchr("tnrbf", buf[at - 1]) &&
        (at < 3 || buf[at - 3] != '\\'))
        return 2; /* JSON's \t, \n...: a tab or line break in the text */
    if (at >= 6 && buf[at - 6] == '\\' && buf[at - 5] == 'u' &&
        is_hex(buf[at - 4]) && is_hex(buf[at - 3]) && is_hex(buf[at - 2]) &&
        is_hex(buf[at - 1]))
        return 6;
    return 0;
}

/* Punctuation that glues a value to its neighbour: rules' guards look
 * past one of these ("1.2.3.4.5" is no address, "::ffff:192.0" no IPv6). */
static inline bool is_glue(char c)
{
    return c == '.' || c == ':' || c == '-' || c == '_' || c == '/' ||
           c == '%' || c == '+' || c == '@' || c == '~' || c == '*';
}

/* Full-width digits (U+FF10..U+FF19, EF BC 90..99) in UTF-8. */
static inline bool is_fw_digit(const char *s, size_t n, size_t i)
{
    return i + 2 < n && (unsigned char)s[i] == 0xEF &&
           (unsigned char)s[i + 1] == 0xBC &&
           (unsigned char)s[i + 2] >= 0x90 && (unsigned char)s[i + 2] <= 0x99;
}

/* The ASCII digit a full-width digit at s[i] stands for. */
static inline char fw_digit_value(const char *s, size_t i)
{
    return (char)('0' + (unsigned char)s[i + 2] - 0x90);
}

/* A key's byte as the native matcher compares keys: lower case; the
 * joiners of a key's words ('_', '.', ' ', '-': device_id = deviceId =
 * "Device ID") are dropped (-1). Byte by byte, so that the normal form of
 * a text ends with a key's whenever the text ends with the key. */
static inline int key_norm(unsigned char c)
{
    if (c == '_' || c == '.' || c == ' ' || c == '-')
        return -1;
    return (unsigned char)lower((char)c);
}

#endif
