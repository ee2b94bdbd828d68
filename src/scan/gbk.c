/* scan/gbk.c — a view of GBK / GB18030 text in which every byte is what it
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
 * byte inside a character. A line that is not is parsed as GB18030 from
 * its start (a line start is a character boundary in both), and every
 * byte after a lead byte is masked. Only whole lines shorter than
 * GBK_MAX_LINE are read so: a longer one is scanned in parts, and every
 * part must judge its bytes as the whole line would (and legacy text
 * hardly comes in lines of 64 KiB). */
#include <string.h>

#include "common/chars.h"
#include "scan/gbk.h"

/* Not ASCII, and no byte of UTF-8 or GBK: it joins nothing, and a lead
 * byte before it does not become a UTF-8 character. */
#define GBK_MASK 0xFF

static bool is_lead(unsigned char c) { return c >= 0x81 && c <= 0xFE; }

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

/* Parse u[0..n) (one line) as GB18030 and mask the bytes after each
 * character's lead byte: ASCII ones would join or start values, high ones
 * could read as UTF-8 with the lead (CE AA is 为 in GBK, and Ϊ in UTF-8). */
static void mask_line(unsigned char *u, size_t n)
{
    for (size_t i = 0; i < n;) {
        if (!is_lead(u[i]) || i + 1 >= n) {
            i++;
            continue;
        }
        if (i + 3 < n && u[i + 1] >= '0' && u[i + 1] <= '9' &&
            is_lead(u[i + 2]) && u[i + 3] >= '0' && u[i + 3] <= '9') {
            u[i + 1] = u[i + 2] = u[i + 3] = GBK_MASK;
            i += 4;
            continue;
        }
        if (u[i + 1] >= 0x40 && u[i + 1] != 0x7F)
            u[i + 1] = GBK_MASK;
        i += 2;
    }
}

/* Whether the line u[a..b) is legacy text rather than UTF-8 with a stray
 * byte: its bytes >= 0x80 more often fail to form UTF-8 characters than
 * they form them (GBK text passes as UTF-8 only by chance). */
static bool mostly_legacy(const unsigned char *u, size_t a, size_t b)
{
    size_t valid = 0, invalid = 0;
    for (size_t i = a; i < b;) {
        size_t l = u[i] < 0x80 ? 0 : utf8_len(u, b, i);
        valid += l > 0;
        invalid += u[i] >= 0x80 && l == 0;
        i += l ? l : 1;
    }
    return 4 * invalid > valid;
}

/* The start of the next line in buf[*from..len) that is not UTF-8,
 * or len; *from is set to its end (its newline). Only bytes >= 0x80 are
 * looked at: ASCII text costs one comparison a byte. */
static size_t next_legacy_line(const unsigned char *u, size_t len,
                               size_t *from, unsigned cut)
{
    for (size_t i = *from; i < len;) {
        if (u[i] < 0x80) {
            i++;
            continue;
        }
        size_t l = utf8_len(u, len, i);
        if (l) {
            i += l;
            continue;
        }
        size_t ls = i;
        while (ls > 0 && u[ls - 1] != '\n')
            ls--;
        const unsigned char *nl = memchr(u + i, '\n', len - i);
        size_t le = nl ? (size_t)(nl - u) : len;
        /* A long line is read in parts (stream/stream.c); each part must see it
         * as the whole line would: such lines are left as they are. */
        bool whole = !((cut & GBK_CUT_BEFORE) && ls == 0) &&
                     !((cut & GBK_CUT_AFTER) && !nl) && le - ls < GBK_MAX_LINE;
        if (whole && mostly_legacy(u, ls, le)) {
            *from = le;
            return ls;
        }
        i = le; /* UTF-8 with a stray byte: read as UTF-8 */
    }
    *from = len;
    return len;
}

const char *gbk_view(sbuf *copy, const char *buf, size_t len, unsigned cut,
                     int *err)
{
    const unsigned char *u = (const unsigned char *)buf;
    size_t from = 0, ls = next_legacy_line(u, len, &from, cut);
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
        ls = next_legacy_line(u, len, &from, cut);
    }
    return copy->p;
}
