/* internal.h — structures shared by the library's translation units. */
#ifndef SCRUB_INTERNAL_H
#define SCRUB_INTERNAL_H

#define PCRE2_CODE_UNIT_WIDTH 8
#include <hs/hs.h>
#include <pthread.h>
#include <pcre2.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "scrub.h"

#define HIDDEN __attribute__((visibility("hidden")))

/* ---- ASCII character classes (bytes >= 0x80 are never in them) ------- */
static inline bool is_digit(char c) { return c >= '0' && c <= '9'; }
static inline bool is_hex(char c)
{
    return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
static inline bool is_alnum(char c)
{
    return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
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

/* ---- growable byte buffer ------------------------------------------ */
typedef struct sbuf {
    char *p;
    size_t len, cap;
} sbuf;

HIDDEN int sbuf_reserve(sbuf *b, size_t extra);
HIDDEN int sbuf_put(sbuf *b, const void *data, size_t n);
HIDDEN int sbuf_putc(sbuf *b, char c);
HIDDEN void sbuf_free(sbuf *b);

/* ---- error message helper ------------------------------------------ */
HIDDEN int set_err(char *err, size_t errlen, int code, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
HIDDEN char *xstrdup(const char *s);

/* ---- validators ------------------------------------------------------ */
/* Each validator sees the exact matched bytes, and the block around them
 * (span validators judge the value by its neighbours), and says whether
 * the value is structurally what its rule claims. They never allocate.
 * One list: name in rule files, kind, function (validate.c). */
#define SCRUB_VALIDATORS(X)                                                  \
    X(LUHN, "luhn", value, val_luhn)                                         \
    X(CN_ID, "cn_id_checksum", value, val_cn_id)                             \
    X(BANK_IIN, "bank_iin", value, val_bank_iin)                             \
    X(IMEI_TAC, "imei_tac", value, val_imei_tac)                             \
    X(IPV4, "ipv4", value, val_ipv4)                                         \
    X(IPV6, "ipv6", value, val_ipv6)                                         \
    X(MAC, "mac", value, val_mac)                                            \
    X(DATE, "date", value, val_date8)                                        \
    X(NOT_HEX_RUN, "not_in_hex_word", span, span_not_in_hex_word)            \
    X(IMSI, "imsi", value, val_imsi)                                         \
    X(NOT_IMEI, "not_imei", value, val_not_imei)                             \
    X(HEX_LUHN, "hex_luhn", value, val_hex_luhn)                             \
    X(GEO_LAT, "geo_lat", value, val_geo_lat)                                \
    X(GEO_LNG, "geo_lng", value, val_geo_lng)                                \
    X(GEO_PAIR, "geo_pair", value, val_geo_pair)                             \
    X(CN_ID15, "cn_id15", value, val_cn_id15)                                \
    X(NOT_PLACEHOLDER, "not_placeholder", value, val_not_placeholder)        \
    X(PERSON_NAME, "person_name", value, val_person_name)                    \
    X(POSTAL, "postal_address", value, val_postal)                           \
    X(DEVICE_ID, "device_id", value, val_device_id)                          \
    X(EMAIL, "email", span, span_email)                                      \
    X(HEX_BOUNDS, "hex_bounds", span, span_hex_bounds)                       \
    X(IP_CONTEXT, "ip_context", span, span_ip_context)                      \
    X(IBAN, "iban", value, val_iban)                                         \
    X(NOT_MOBILE, "not_mobile", value, val_not_mobile)                       \
    X(E164, "e164", value, val_e164)                                         \
    X(FIXED_LINE, "cn_fixed_line", value, val_fixed_line)                    \
    X(GEO_LNGLAT, "geo_lnglat", value, val_geo_lnglat)                       \
    X(CN_MOBILE, "cn_mobile", value, val_cn_mobile)                         \
    X(NOT_FOREIGN, "not_foreign", span, span_not_foreign)                   \
    X(SECRET, "secret", value, val_secret)                                  \
    X(SESSION_ID, "session_id", value, val_session_id)                      \
    X(HEX_LETTER, "hex_letter", value, val_hex_letter)                      \
    X(REPEATED, "repeated_in_line", span, span_repeated_in_line)

typedef uint64_t val_mask;
enum {
#define VAL_INDEX(name, str, kind, fn) VALI_##name,
    SCRUB_VALIDATORS(VAL_INDEX)
#undef VAL_INDEX
    VAL__COUNT
};
#define VAL_BIT(name, str, kind, fn) \
    static const val_mask VAL_##name = (val_mask)1 << VALI_##name;
SCRUB_VALIDATORS(VAL_BIT)
#undef VAL_BIT
_Static_assert(VAL__COUNT <= 64, "validator bits fit a val_mask");

HIDDEN const char *validator_name(val_mask bit);
HIDDEN val_mask validator_parse(const char *name); /* 0 when unknown */
HIDDEN bool validate_all(val_mask mask, const char *s, size_t n);
/* Every validator of mask on buf[start..end) in the block buf[0..len). */
HIDDEN bool validate_span(val_mask mask, const char *buf, size_t len,
                          size_t start, size_t end);
HIDDEN bool is_scrub_token(const char *s, size_t n);
/* Whether a hash or encrypt token starts at a word start in s. */
HIDDEN bool contains_scrub_token(const char *s, size_t n);
/* Whether buf[start..end) starts with one of our tokens or touches one on
 * either side, directly or glued by one punctuation byte: replacing a
 * value changes its neighbours' surroundings (a digit before an address
 * becomes a letter, "192.0" becomes "192.CN_ID_..."), and what the first
 * pass left must stay as it is. Whitespace is no glue: a raw value beside
 * a token is still found. */
HIDDEN bool touches_token(const char *buf, size_t len, size_t start,
                          size_t end);

/* The validators by name (validate*.c); span_* ones see the block. */
#define VAL_DECL_value(fn) HIDDEN bool fn(const char *s, size_t n);
#define VAL_DECL_span(fn)                                                    \
    HIDDEN bool fn(const char *buf, size_t len, size_t start, size_t end);
#define VAL_DECL(name, str, kind, fn) VAL_DECL_##kind(fn)
SCRUB_VALIDATORS(VAL_DECL)
#undef VAL_DECL
HIDDEN bool val_date_ymd(int y, int m, int d);
HIDDEN char cn_id_check_char(const char *first17);
/* Whether the all-alphanumeric bytes buf[a..b) are hex digits only (a
 * leading 0x allowed): a hex word (UUID group, digest, counter). */
HIDDEN bool all_hex_word(const char *buf, size_t a, size_t b);
/* Full-width digits (U+FF10..U+FF19, EF BC 90..99) in UTF-8. */
static inline bool is_fw_digit(const char *s, size_t n, size_t i)
{
    return i + 2 < n && (unsigned char)s[i] == 0xEF &&
           (unsigned char)s[i + 1] == 0xBC &&
           (unsigned char)s[i + 2] >= 0x90 && (unsigned char)s[i + 2] <= 0x99;
}

/* ---- rules and config ------------------------------------------------ */
typedef struct strlist {
    char **v;
    size_t n;
} strlist;

typedef struct rule {
    char *id;
    char *type;
    char *pattern; /* core expression, Hyperscan and PCRE2 syntax */
    char *left;    /* zero-width PCRE2 assertion before the value */
    char *right;   /* zero-width PCRE2 assertion after the value */
    val_mask validators;
    int priority;
    bool pcre2_only; /* needs constructs Hyperscan lacks */
    bool caseless;
    bool exclude;    /* marks a value as not personal (never reported) */
    bool freetext;   /* pattern ends at the key; the value is read in C */
    bool hs_terminator; /* Hyperscan matches the byte after the value */
    bool reveal_only; /* finds our encrypt tokens; used by --reveal only */
    bool context;    /* found by its key: wins over exclusions */
    size_t max_len;  /* longest value considered (bounds start search) */
    strlist examples;
    strlist negatives;
    strlist keys;    /* before expansion: key names that mark the value */
    strlist not_prefixes; /* a key whose word before its last is one of
                             these is not this rule's (bank_name) */
    char *value;     /* before expansion: the value's pattern, if typed */
} rule;

/* allow.c */
typedef struct allow_list allow_list;
HIDDEN allow_list *allow_new(void);
HIDDEN void allow_free(allow_list *a);
HIDDEN allow_list *allow_copy(const allow_list *a);
HIDDEN int allow_add_value(allow_list *a, const char *v);
HIDDEN int allow_add_cidr(allow_list *a, const char *spec);
HIDDEN bool allow_match(const allow_list *a, const char *type, const char *v,
                        size_t n);

typedef struct type_action {
    char *type;
    scrub_action action;
} type_action;

struct scrub_config {
    rule *rules;
    size_t nrules, caprules;
    type_action *actions;
    size_t nactions;
    bool has_default_action;
    scrub_action default_action;
    unsigned char *key; /* sodium_malloc'd, KEY_BYTES */
    char key_id[16];
    allow_list *allow;  /* NULL until the config names one */
    bool custom_rules;  /* rules differ from the built-in set */
    int geo_decimals, ipv4_prefix, ipv6_prefix; /* coarsen; -1: default */
    strlist reversible;    /* types whose pseudonyms --reveal inverts */
    strlist retired_paths; /* retired key files named by the config */
    unsigned char *retired; /* sodium_malloc'd: nretired keys */
    char (*retired_ids)[16];
    size_t nretired;
};

#define KEY_BYTES 32
#define SUBKEY_COUNT 3 /* fpe, enc, siv */
#define HASH_DIGEST_BYTES 10 /* 80-bit hash tokens */
#define DEFAULT_MAX_LEN 256
/* A value longer than this (a free-text value: typed ones are shorter) is
 * judged by its first LONG_VALUE bytes and replaced by what needs no more
 * than them (actions.c), so that a value crossing the parts of a long
 * line is replaced as if the line were whole. */
#define LONG_VALUE 4096
/* The longest max_len a rule may have (its window, plus 64 for a key). */
#define MAX_WINDOW 12288

HIDDEN void rule_clear(rule *r);
HIDDEN void strlist_free(strlist *l);
HIDDEN int strlist_copy(strlist *to, const strlist *from);
/* keyrules.c: a rule with `keys` becomes a bare-value and a quoted-value
 * rule, each with the value as capture group "v". */
HIDDEN int expand_key_rule(const rule *proto, const strlist *keys,
                           const char *value, rule out[2], size_t *nout);
/* value.c: the free-text value after a key. How it was opened: kind 0
 * (bare), '"' or '\'' (level: JSON escape depth), '%' (%22; level 1:
 * %2522), 'u' (\u0022), 'x' (\x22), '>' (<v>) or '<' (XML element
 * text). */
typedef struct vquote {
    char kind;
    unsigned char level;
} vquote;
/* Where the delimiter-free run starting in [lo, hi) ends: hi. Reused
 * by the keys of one run (optional). */
typedef struct run_cache {
    size_t lo, hi;
} run_cache;
/* The free-text value that starts at pos (after a key and separator):
 * up to the closing quote when quoted, else up to a delimiter. */
HIDDEN bool extract_value(const char *buf, size_t len, size_t pos,
                          size_t *vs, size_t *ve, run_cache *rc);
/* How the value extract_value() found at vs was opened. */
HIDDEN vquote value_quote(const char *buf, size_t vs);
/* Where a free-text value that began in an earlier part of a long line
 * ends in buf[pos..len); *open when it runs on past len. */
HIDDEN size_t continue_value(const char *buf, size_t len, size_t pos,
                             vquote q, bool *open);
/* Where the reader of a value open at the end of buf[..to), reading from
 * pos, can resume with the next part: VALUE_LOOKBACK bytes before the end
 * (a multi-byte delimiter or closing quote may be cut by it), moved back
 * to the start of a run of backslashes. */
#define VALUE_LOOKBACK 8
HIDDEN size_t value_resume(const char *buf, size_t to, size_t pos);
HIDDEN int config_add_rule(scrub_config *cfg, rule *r); /* takes ownership */
HIDDEN int config_disable_rule(scrub_config *cfg, const char *id);
HIDDEN int config_set_action_str(scrub_config *cfg, const char *type,
                                 const char *action, char *err,
                                 size_t errlen);
HIDDEN scrub_action config_action_for(const scrub_config *cfg,
                                      const char *type);
HIDDEN bool type_name_ok(const char *t);

/* Built-in rule files, generated from patterns/ at build time. */
typedef struct builtin_file {
    const char *name;
    const char *text;
    size_t len;
} builtin_file;
extern const builtin_file scrub_builtin_files[];
extern const size_t scrub_builtin_file_count;
/* The built-in rules' Hyperscan database, compiled and serialised at build
 * time (empty in the first build stage), and the signature of the
 * patterns it was built from. */
extern const unsigned char scrub_builtin_hsdb[];
extern const size_t scrub_builtin_hsdb_len;
extern const uint64_t scrub_builtin_hsdb_sig;
HIDDEN uint64_t engine_hs_signature(const scrub_engine *eng,
                                    const scrub_config *cfg);
/* What start-up learns about each built-in rule (Hyperscan's probe of the
 * pattern, the right guard as a bit set), worked out by mkdb at build time
 * (none in the first build stage). Used for rule i of an unchanged
 * built-in set when `hash` matches rule_probe_hash() of it. */
typedef struct builtin_probe {
    uint64_t hash;
    uint32_t window, fixed_width;
    uint8_t on_hs, right_is_set, right_bad_at_end;
    uint8_t right_bad[32];
} builtin_probe;
extern const builtin_probe scrub_builtin_probe[];
extern const size_t scrub_builtin_probe_count;
HIDDEN uint64_t rule_probe_hash(const rule *r);
/* mkdb: the probe results of rule i of a built engine. */
HIDDEN builtin_probe engine_probe_of(const scrub_engine *eng,
                                     const scrub_config *cfg, size_t i);

/* ---- keys ------------------------------------------------------------ */
HIDDEN int key_derive(const unsigned char *file, size_t len,
                      unsigned char out[KEY_BYTES], char id[16], char *err,
                      size_t errlen);
HIDDEN void base26_encode(const unsigned char *in, size_t inlen, char *out,
                          size_t outlen);

/* ---- engine ---------------------------------------------------------- */
typedef struct crule {
    char *id;
    char *type;
    unsigned type_idx;
    val_mask validators;
    int priority;
    scrub_action action;
    bool on_hs;
    bool context;
    bool exclude;
    bool freetext;
    bool reveal_only;
    bool reversible;
    uint32_t vgroup;        /* capture group "v" = the value; 0: whole match */
    size_t window;          /* start search looks back at most this far */
    size_t fixed_width;     /* > 0: every match has this length */
    bool right_is_set;      /* right guard depends on one byte: use bad */
    bool terminated;        /* Hyperscan's match includes the next byte */
    char *hs_expr;          /* what Hyperscan is given for this rule */
    bool right_bad_at_end;  /* ... and whether the end of data fails it */
    uint8_t right_bad[32];  /* bytes after the value that reject it */
    pcre2_code *start_re;   /* LEFT(?:P)\z, run on the subject cut at end */
    pcre2_code *start_anchored_re; /* the same, anchored (known start) */
    pcre2_code *right_re;   /* RIGHT, anchored at the end; NULL if none */
    pcre2_code *full_re;    /* LEFT(?:P)RIGHT, reference and PCRE2 path;
                               NULL until first used for a built-in rule
                               on Hyperscan's path */
    char *full_src;         /* its source */
    bool caseless;
    char **not_prefixes;    /* rule.not_prefixes, lower case */
    size_t n_not_prefixes;
} crule;

struct scrub_engine {
    pthread_mutex_t jit_lock; /* guards the JIT of the reference programs */
    bool reference_ready;     /* every full_re is JIT-compiled */
    crule *rules;
    size_t nrules;
    char **types;
    size_t ntypes;
    hs_database_t *db;
    unsigned *hs_rule; /* Hyperscan id -> rule index */
    size_t nhs;
    unsigned char *key; /* sodium_malloc'd */
    char key_id[16];
    bool has_key;
    allow_list *allow;
    unsigned char *subkeys; /* sodium_malloc'd: SUBKEY_COUNT keys */
    void *hash_state; /* sodium_malloc'd BLAKE2b state with the key absorbed */
    unsigned char *retired_subkeys; /* nretired * SUBKEY_COUNT keys */
    char (*retired_ids)[16];
    size_t nretired;
    int geo_decimals;
    unsigned ipv4_prefix, ipv6_prefix;
};

/* ---- format-preserving permutations (fpe.c) --------------------------- */
HIDDEN void fpe_permute(const unsigned char *key, const char *tweak,
                        unsigned radix, unsigned char *digits, size_t n,
                        bool inverse);
HIDDEN void fpe_prefix_preserve(const unsigned char *key, unsigned char *addr,
                                size_t nbytes, bool inverse);

/* ---- scanning -------------------------------------------------------- */
typedef struct cand {
    size_t start, end;
    size_t key;  /* where the match began: the key of a key rule */
    unsigned rule;
    bool refine; /* the leftmost start for its end: later ones may exist */
} cand;

typedef struct candvec {
    cand *v;
    size_t n, cap;
} candvec;

HIDDEN int candvec_push(candvec *cv, size_t start, size_t end, unsigned ri);
HIDDEN int candvec_push_key(candvec *cv, size_t key, size_t start, size_t end,
                            unsigned ri);

typedef struct scan_state {
    const scrub_engine *eng;
    hs_scratch_t *scratch;
    pcre2_match_data *md;
    pcre2_match_context *mctx; /* with the callout of the PCRE2 path */
    candvec cands;
    candvec later; /* resolution: candidates given a later start (heap) */
    candvec excl;  /* resolution: exclusion spans */
    size_t prev_end; /* end of the last finding before this block's data */
    int error;
    bool reveal; /* reveal mode: reveal_only rules take part */
    run_cache runs;
    sbuf gbk; /* the block with GBK trail bytes masked (gbk.c) */
    unsigned cut; /* GBK_CUT_*: the block starts or ends inside a line */
} scan_state;

/* gbk.c: buf itself, or a copy in *copy in which the bytes inside GBK /
 * GB18030 characters are masked (same length and offsets); NULL with *err
 * set when the copy cannot be made. cut: whether buf starts or ends inside
 * a line (GBK_CUT_*). */
HIDDEN const char *gbk_view(sbuf *copy, const char *buf, size_t len,
                            unsigned cut, int *err);
enum { GBK_CUT_BEFORE = 1, GBK_CUT_AFTER = 2 }; /* buf starts / ends mid-line */
/* Lines this long or longer, or cut by the block, are not read as GBK
 * (stream.c's LONG_LINE: they may be scanned in parts). */
#define GBK_MAX_LINE (64u << 10)

HIDDEN int scan_state_init(scan_state *st, const scrub_engine *eng);
HIDDEN void scan_state_free(scan_state *st);

/* Find, validate and resolve the findings of buf[0..len). The result is
 * left in st->cands: sorted, non-overlapping, none starting before
 * `first` (the bytes before it are decided already: context, or a value
 * continued from an earlier part of the line). */
/* JIT-compile the whole-rule programs of Hyperscan's rules, once, before
 * a context first uses the PCRE2 reference matcher (thread-safe). */
HIDDEN void engine_prepare_reference(scrub_engine *eng);
HIDDEN int scan_block(scan_state *st, const char *buf, size_t len,
                      size_t first, scrub_matcher m);
/* Decide one candidate ending at `end` for rule r: recover its leftmost
 * start at or after min_start, check the guards and validators. Returns
 * true and sets *start when accepted. */
HIDDEN bool confirm_at_end(scan_state *st, const crule *r, const char *buf,
                           size_t len, size_t end, size_t min_start,
                           size_t *start, size_t *vend);

/* ---- actions --------------------------------------------------------- */
HIDDEN int action_apply(const scrub_engine *eng, const crule *r,
                        scrub_action a, const char *v, size_t n, sbuf *out);
/* What action a writes for v[0..n), a piece after the first of a value
 * longer than LONG_VALUE (the first went through action_apply). */
HIDDEN int action_apply_rest(const crule *r, scrub_action a, const char *v,
                             size_t n, sbuf *out);
HIDDEN size_t canonical_form(const char *type, const char *v, size_t n,
                             char *out, size_t outcap);
HIDDEN int put_hash(const scrub_engine *eng, const crule *r, const char *v,
                    size_t n, sbuf *out);
HIDDEN int put_mask(const crule *r, const char *v, size_t n, sbuf *out);

/* protect.c: pseudo, encrypt, coarsen and their inverses */
HIDDEN void derive_subkeys(const unsigned char key[KEY_BYTES],
                           unsigned char *sub);
HIDDEN const unsigned char *key_for_id(const scrub_engine *eng,
                                       const char *id);
HIDDEN int put_pseudo(const scrub_engine *eng, const crule *r, const char *v,
                      size_t n, bool inverse, sbuf *out);
HIDDEN int put_coarsen(const scrub_engine *eng, const crule *r, const char *v,
                       size_t n, sbuf *out);
HIDDEN int put_encrypt(const scrub_engine *eng, const crule *r, const char *v,
                       size_t n, sbuf *out);
HIDDEN bool reveal_token(const scrub_engine *eng, const char *t, size_t n,
                         sbuf *out);

#endif
