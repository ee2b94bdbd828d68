/* gbk.c — a view of GBK / GB18030 text in which every byte is what it
 * looks like.
 *
 * In GBK a character is a lead byte 0x81-0xFE and a trail byte that may
 * be ASCII (0x40-0x7E: '@', 'A'..'Z', '\\', 'a'..'z'...); GB18030 adds
 * four-byte characters whose second and fourth bytes are digits. Read as
 * ASCII, such a trail joins the value after it ("号" + "13812345678" is
 * then "A13812345678", a hex word) or starts one (an email from the 'a'
 * of a character). Rules see a copy of such a line in which these trail
 * bytes are replaced by a byte that is no ASCII (0xFF): lengths and
 * offsets stay, and a character before a value reads as CJK text does.
 * Findings are still replaced in the original bytes.
 *
 * A line that is valid UTF-8 is left as it is: UTF-8 never puts an ASCII
 * byte inside a character. Only lines that are not, and that hold a high
 * byte followed by an ASCII byte a trail can be, are parsed as GBK from
 * their start (a line start is a character boundary in both). */
#include <string.h>

#include "internal.h"

/* Not ASCII, and no byte of UTF-8 or GBK: it joins nothing, and a lead
 * byte before it does not become a UTF-8 character. */
#define GBK_MASK 0xFF

static bool is_lead(unsigned char c) { return c >= 0x81 && c <= 0xFE; }
static bool is_ascii_trail(unsigned char c) { return c >= 0x40 && c <= 0x7E; }

/* Whether u[i..) could hold a character with an ASCII byte in it: a
 * two-byte one with an ASCII trail, or a four-byte GB18030 one. */
static bool suspect_at(const unsigned char *u, size_t n, size_t i)
{
    if (!is_lead(u[i]) || i + 1 >= n)
        return false;
    if (is_ascii_trail(u[i + 1]))
        return true;
    return i + 3 < n && u[i + 1] >= '0' && u[i + 1] <= '9' &&
           is_lead(u[i + 2]) && u[i + 3] >= '0' && u[i + 3] <= '9';
}

/* Length of the valid UTF-8 sequence at u[i..n), or 0. */
static size_t utf8_len(const unsigned char *u, size_t n, size_t i)
{
    unsigned char c = u[i];
    size_t len = c >= 0xF0 && c <= 0xF4   ? 4
                 : c >= 0xE0 && c <= 0xEF ? 3
                 : c >= 0xC2 && c <= 0xDF ? 2
                                          : 0;
    if (len == 0 || i + len > n)
        return 0;
    for (size_t k = 1; k < len; k++)
        if ((u[i + k] & 0xC0) != 0x80)
            return 0;
    /* overlong or surrogate forms are no UTF-8 either */
    if ((c == 0xE0 && u[i + 1] < 0xA0) || (c == 0xED && u[i + 1] > 0x9F) ||
        (c == 0xF0 && u[i + 1] < 0x90) || (c == 0xF4 && u[i + 1] > 0x8F))
        return 0;
    return len;
}

static bool valid_utf8(const unsigned char *u, size_t n)
{
    for (size_t i = 0; i < n;) {
        if (u[i] < 0x80) {
            i++;
            continue;
        }
        size_t len = utf8_len(u, n, i);
        if (!len)
            return false;
        i += len;
    }
    return true;
}

/* Parse u[0..n) (one line) as GB18030 and mask the ASCII bytes inside
 * characters; returns how many were masked. */
static size_t mask_line(unsigned char *u, size_t n)
{
    size_t masked = 0;
    for (size_t i = 0; i < n;) {
        if (!is_lead(u[i]) || i + 1 >= n) {
            i++;
            continue;
        }
        if (i + 3 < n && u[i + 1] >= '0' && u[i + 1] <= '9' &&
            is_lead(u[i + 2]) && u[i + 3] >= '0' && u[i + 3] <= '9') {
            u[i + 1] = u[i + 3] = GBK_MASK;
            masked += 2;
            i += 4;
            continue;
        }
        if (is_ascii_trail(u[i + 1])) {
            u[i + 1] = GBK_MASK;
            masked++;
        }
        i += 2;
    }
    return masked;
}

/* The first position of a line to mask in buf[from..len), or len. */
static size_t next_suspect_line(const unsigned char *u, size_t len,
                                size_t *from)
{
    for (size_t i = *from; i < len; i++) {
        if (u[i] < 0x81 || !suspect_at(u, len, i))
            continue;
        size_t ls = i;
        while (ls > 0 && u[ls - 1] != '\n')
            ls--;
        const unsigned char *nl = memchr(u + i, '\n', len - i);
        size_t le = nl ? (size_t)(nl - u) : len;
        *from = le;
        if (!valid_utf8(u + ls, le - ls))
            return ls;
        i = le;
    }
    *from = len;
    return len;
}

const char *gbk_view(sbuf *copy, const char *buf, size_t len, int *err)
{
    const unsigned char *u = (const unsigned char *)buf;
    size_t from = 0, ls = next_suspect_line(u, len, &from);
    *err = SCRUB_OK;
    if (ls == len)
        return buf;
    copy->len = 0;
    if (sbuf_put(copy, buf, len)) {
        *err = SCRUB_E_NOMEM;
        return NULL;
    }
    unsigned char *w = (unsigned char *)copy->p;
    while (ls < len) {
        mask_line(w + ls, from - ls);
        ls = next_suspect_line(u, len, &from);
    }
    return copy->p;
}
