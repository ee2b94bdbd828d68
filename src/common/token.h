/* common/token.h — scrub's own output, written and read in one place:
 *   hash token     TYPE_kid_<18 letters a-z>     (keyed digest, base 26)
 *   encrypt token  TYPE_kid_x<letters a-p>       (two letters a byte)
 *   label          [TYPE]
 * TYPE is a type name ([A-Z][A-Z0-9_]*), kid a key id (2-15 letters a-z).
 * They hold no digit and no character that needs escaping, so no rule
 * can match them and scrubbing scrubbed text changes nothing; the
 * readers let the scanner leave them, and what touches them, alone. */
#ifndef SCRUB_COMMON_TOKEN_H
#define SCRUB_COMMON_TOKEN_H

#include "common/buf.h"

#define TOK_DIGEST_BYTES 10 /* 80-bit hash tokens */
#define TOK_DIGEST_CHARS 18 /* 26^18 > 2^80 */
#define TOK_ENCRYPT_MAX 9000 /* longest encrypt token scrub reads */

/* in[0..inlen) (at most 16 bytes) as outlen letters a-z. */
HIDDEN void tok_base26(const unsigned char *in, size_t inlen, char *out,
                       size_t outlen);
HIDDEN int tok_put_hash(sbuf *out, const char *type, const char *kid,
                        const unsigned char digest[TOK_DIGEST_BYTES]);
HIDDEN int tok_put_encrypt(sbuf *out, const char *type, const char *kid,
                           const unsigned char *body, size_t n);
HIDDEN int tok_put_label(sbuf *out, const char *type);

/* An encrypt token's parts: t[0..type_len) the type (perhaps with text
 * glued before it), kid[0..kid_len) the key id, body[0..body_len) the
 * letters after "_x". False when t is not shaped so. */
typedef struct tok_parts {
    size_t type_len;
    const char *kid;
    size_t kid_len;
    const char *body;
    size_t body_len;
} tok_parts;
HIDDEN bool tok_split_encrypt(const char *t, size_t n, tok_parts *p);
/* Letters a-p, two a byte, back into bytes; false on another letter. */
HIDDEN bool tok_decode_letters(const char *s, size_t nbytes,
                               unsigned char *out);

/* Length of the hash or encrypt token that starts at s, or 0. */
HIDDEN size_t tok_len(const char *s, size_t n);
/* Whether s is exactly a token or a label shape ([A-Z...]). */
HIDDEN bool tok_is(const char *s, size_t n);
/* Whether a token starts at a word start in s. */
HIDDEN bool tok_contains(const char *s, size_t n);
/* Whether buf[start..end) starts with one of our tokens or touches one on
 * either side, directly or glued by one punctuation byte: replacing a
 * value changes its neighbours' surroundings (a digit before an address
 * becomes a letter, "192.0" becomes "192.CN_ID_..."), and what the first
 * pass left must stay as it is. Whitespace is no glue: a raw value beside
 * a token is still found. */
HIDDEN bool tok_touches(const char *buf, size_t len, size_t start,
                        size_t end);

/* Labels are told from a log's own tags ([INFO]) by the engine's type
 * names: the readers take them. */
typedef struct tok_types {
    char *const *names;
    size_t n;
} tok_types;
/* Whether a label ends just before buf[at], or starts at buf[at]. */
HIDDEN bool tok_label_ends_at(tok_types t, const char *buf, size_t at);
HIDDEN bool tok_label_starts_at(tok_types t, const char *buf, size_t len,
                                size_t at);
HIDDEN bool tok_contains_label(tok_types t, const char *s, size_t n);
/* tok_touches() for labels; but "[IMEI]:35..." or "[MAC]:00:1a:..." may
 * be a log's own tag before a raw value, and a tag must not hide it: ':'
 * after a label is no glue. */
HIDDEN bool tok_touches_label(tok_types t, const char *buf, size_t len,
                              size_t start, size_t end);

#endif
