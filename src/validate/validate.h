/* validate/validate.h — validators: the checks that confirm a candidate.
 *
 * Each validator sees the exact matched bytes, and the block around them
 * (span validators judge the value by its neighbours), and says whether
 * the value is structurally what its rule claims. They never allocate.
 * One list: name in rule files, kind, function. */
#ifndef SCRUB_VALIDATE_H
#define SCRUB_VALIDATE_H

#include "common/api.h"

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
    X(IP_CONTEXT, "ip_context", span, span_ip_context)                       \
    X(IBAN, "iban", value, val_iban)                                         \
    X(NOT_MOBILE, "not_mobile", value, val_not_mobile)                       \
    X(E164, "e164", value, val_e164)                                         \
    X(FIXED_LINE, "cn_fixed_line", value, val_fixed_line)                    \
    X(GEO_LNGLAT, "geo_lnglat", value, val_geo_lnglat)                       \
    X(CN_MOBILE, "cn_mobile", value, val_cn_mobile)                          \
    X(NOT_FOREIGN, "not_foreign", span, span_not_foreign)                    \
    X(SECRET, "secret", value, val_secret)                                   \
    X(SESSION_ID, "session_id", value, val_session_id)                       \
    X(HEX_LETTER, "hex_letter", value, val_hex_letter)                       \
    X(REPEATED, "repeated_in_line", span, span_repeated_in_line)

typedef uint64_t val_mask;
enum {
#define VAL_INDEX(name, str, kind, fn) VALI_##name,
    SCRUB_VALIDATORS(VAL_INDEX)
#undef VAL_INDEX
    VAL__COUNT
};
#define VAL_BIT(name, str, kind, fn)                                         \
    static const val_mask VAL_##name = (val_mask)1 << VALI_##name;
SCRUB_VALIDATORS(VAL_BIT)
#undef VAL_BIT
_Static_assert(VAL__COUNT <= 64, "validator bits fit a val_mask");

HIDDEN const char *validator_name(val_mask bit);
HIDDEN val_mask validator_parse(const char *name); /* 0 when unknown */
/* Every validator of mask on buf[start..end) in the block buf[0..len). */
HIDDEN bool validate_span(val_mask mask, const char *buf, size_t len,
                          size_t start, size_t end);
/* validate_span() of s[0..n) alone (no neighbours). */
HIDDEN bool validate_all(val_mask mask, const char *s, size_t n);

/* The validators by name (numbers.c, ip.c, net.c, text.c); span_* ones
 * see the block. */
#define VAL_DECL_value(fn) HIDDEN bool fn(const char *s, size_t n);
#define VAL_DECL_span(fn)                                                    \
    HIDDEN bool fn(const char *buf, size_t len, size_t start, size_t end);
#define VAL_DECL(name, str, kind, fn) VAL_DECL_##kind(fn)
SCRUB_VALIDATORS(VAL_DECL)
#undef VAL_DECL

/* Whether the all-alphanumeric bytes buf[a..b) are hex digits only (a
 * leading 0x allowed): a hex word (UUID group, digest, counter). */
HIDDEN bool all_hex_word(const char *buf, size_t a, size_t b);

#endif
