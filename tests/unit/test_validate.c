/* Unit tests of src/validate/: each rule of each format, both ways, and
 * the registry of validators. */
#include <check.h>
#include <string.h>

#include "common/checkdigit.h"
#include "validate/validate.h"

#define OK(fn, s) ck_assert_msg(fn(s, strlen(s)), #fn " rejects %s", s)
#define NO(fn, s) ck_assert_msg(!fn(s, strlen(s)), #fn " accepts %s", s)

START_TEST(luhn)
{
    OK(val_luhn, "79927398713");
    OK(val_luhn, "4111111111111111");
    OK(val_luhn, "4111-1111-1111-1111"); /* separators are skipped */
    NO(val_luhn, "79927398710");
    NO(val_luhn, "4111111111111112");
    NO(val_luhn, "0"); /* a single digit is no check */
}
END_TEST

START_TEST(cn_id)
{
    OK(val_cn_id, "110101199003078670");
    OK(val_cn_id, "44011320141005001x");
    OK(val_cn_id, "44011320141005001X");
    OK(val_cn_id, "810000199408230021"); /* HK residence permit */
    NO(val_cn_id, "110101199003078671"); /* check character */
    NO(val_cn_id, "990426199112010074"); /* province 99 */
    NO(val_cn_id, "360426199113010079"); /* month 13 */
    NO(val_cn_id, "440308199902301512"); /* 30 February */
    NO(val_cn_id, "11010119900307867");  /* 17 chars */
    NO(val_cn_id, "1101011990030786X0"); /* X not last */
    ck_assert_int_eq(ck_cn_id_char("11010119900307867"), '0');
    ck_assert_int_eq(ck_cn_id_char("44011320141005001"), 'X');
}
END_TEST

START_TEST(bank_iin)
{
    OK(val_bank_iin, "6222021234567890128");  /* UnionPay 19 */
    OK(val_bank_iin, "6212260200012345670");
    OK(val_bank_iin, "4111111111111111");     /* Visa 16 */
    OK(val_bank_iin, "4222222222222");        /* Visa 13 */
    OK(val_bank_iin, "5500005555555559");     /* Mastercard */
    OK(val_bank_iin, "2223000048400011");     /* Mastercard 2-series */
    OK(val_bank_iin, "378282246310005");      /* Amex 15 */
    OK(val_bank_iin, "3530111333300000");     /* JCB */
    OK(val_bank_iin, "6011111111111117");     /* Discover */
    OK(val_bank_iin, "30569309025904");       /* Diners 14 */
    NO(val_bank_iin, "378282246310005000");   /* Amex is 15 only */
    NO(val_bank_iin, "41111111111111");       /* Visa 14 */
    NO(val_bank_iin, "9111111111111111");     /* no such IIN */
    NO(val_bank_iin, "1748503543012");        /* a timestamp */
    NO(val_bank_iin, "2721000000000000");     /* past the 2-series */
}
END_TEST

START_TEST(imei_tac)
{
    OK(val_imei_tac, "354178036859789");
    OK(val_imei_tac, "861234567890127");
    OK(val_imei_tac, "01-234567-890123-4");
    NO(val_imei_tac, "123456789012347"); /* reporting body 12 */
    NO(val_imei_tac, "7012345678901");   /* too short */
}
END_TEST

START_TEST(ipv4)
{
    OK(val_ipv4, "192.168.1.1");
    OK(val_ipv4, "10-1-2-3"); /* a cloud host name's form */
    OK(val_ipv4, "128.0.0.1");
    NO(val_ipv4, "0.0.0.0");         /* unspecified */
    NO(val_ipv4, "0.0.0.6");         /* "this network": a version */
    NO(val_ipv4, "127.0.0.1");       /* loopback */
    NO(val_ipv4, "127.1.2.3");
    NO(val_ipv4, "255.255.255.255"); /* broadcast */
    NO(val_ipv4, "255.255.255.0");   /* netmasks */
    NO(val_ipv4, "255.255.0.0");
    NO(val_ipv4, "192.0.0.0");
    NO(val_ipv4, "10-1.2-3");        /* one separator throughout */
    NO(val_ipv4, "256.1.1.1");
    NO(val_ipv4, "1.2.3");
    NO(val_ipv4, "1.2.3.4.5");
    NO(val_ipv4, "1..2.3");
}
END_TEST

START_TEST(ipv6)
{
    OK(val_ipv6, "2001:db8::1");
    OK(val_ipv6, "FE80::1");
    NO(val_ipv6, "::1");        /* loopback */
    NO(val_ipv6, "::0");        /* unspecified */
    NO(val_ipv6, "Db::Add");    /* a C++ name: mixed case, no digit */
    NO(val_ipv6, "cafe::beef"); /* words */
    OK(val_ipv6, "fe80::1%eth0");
    OK(val_ipv6, "::ffff:192.0.2.1");
    OK(val_ipv6, "1:2:3:4:5:6:7:8");
    OK(val_ipv6, "1:2:3:4:5:6:1.2.3.4");
    NO(val_ipv6, "10:23:45");   /* a clock */
    NO(val_ipv6, "::");         /* C++ scope, not an address */
    NO(val_ipv6, "1:2:3:4:5:6:7"); /* too few groups, no :: */
    NO(val_ipv6, "1::2::3");
    NO(val_ipv6, "12345::1");
    NO(val_ipv6, "00:1a:2b:3c:4d:5e"); /* a MAC */
}
END_TEST

START_TEST(mac)
{
    OK(val_mac, "00:1a:2b:3c:4d:5e");
    OK(val_mac, "fd:ff:ff:84:a2:a0");
    NO(val_mac, "00:00:00:00:00:00");
    NO(val_mac, "FF:FF:FF:FF:FF:FF");
    NO(val_mac, "ffff.ffff.ffff");
    NO(val_mac, "02:00:00:00:00:00"); /* Android's placeholder */
    OK(val_mac, "02:00:00:00:00:01");
    OK(val_mac, "5489-98f2-1a3c");   /* Huawei form */
    OK(val_mac, "1234-5678-9012");   /* under a MAC key */
    NO(val_hex_letter, "1234-5678-9012"); /* bare, digits only: a number */
    OK(val_hex_letter, "5489-98f2-1a3c");
}
END_TEST

#define SPAN(v, s, a, b) ck_assert_msg(v(s, strlen(s), a, b) , #v " rejects %s", s)
#define NOSPAN(v, s, a, b) ck_assert_msg(!v(s, strlen(s), a, b), #v " accepts %s", s)

START_TEST(hex_bounds)
{
    /* a key before: its letters are no octets */
    SPAN(span_hex_bounds, "MAC:e4:5f:01:2a:3b:4c", 4, 21);
    SPAN(span_hex_bounds, "btMac:fc:a1:83:9e:22:01", 6, 23);
    SPAN(span_hex_bounds, "IPv6:2408:8207::1", 5, 17);
    /* text after: an SSID */
    SPAN(span_hex_bounds, "AA-BB-CC-DD-EE-FF:CafeNet", 0, 17);
    /* a longer run of hex and separators */
    NOSPAN(span_hex_bounds, "00:1a:2b:3c:4d:5e:6f", 0, 17);
    NOSPAN(span_hex_bounds, "00:1a:2b:3c:4d:5e:6f", 3, 20);
    NOSPAN(span_hex_bounds, "1b4e28ba-2fa1-11d2-883f", 9, 23);
    NOSPAN(span_hex_bounds, "fe80::1:2", 4, 9);
    NOSPAN(span_hex_bounds, "x00:1a:2b:3c:4d:5e", 1, 18);
    /* an escape glued before delimits */
    SPAN(span_hex_bounds, "%3D00:1a:2b:3c:4d:5e", 3, 20);
    /* tcpdump's port */
    SPAN(span_hex_bounds, "2001:db8::1.443 > x", 0, 11);
}
END_TEST

START_TEST(versions)
{
    NOSPAN(span_ip_context, "Chrome/120.0.0.0 Safari", 7, 16);
    NOSPAN(span_ip_context, "x okhttp/9.0.0.0", 9, 16); /* reduced */
    NOSPAN(span_ip_context, "app.jar:1.2.0.4", 8, 15);
    SPAN(span_ip_context, "node1.example.com/10.1.2.3", 18, 26);
    SPAN(span_ip_context, "GET /ip/8.8.8.8", 8, 15);
    SPAN(span_ip_context, "inet addr:10.0.0.5", 10, 18);
    NOSPAN(span_ip_context, "brd 172.20.249.255 scope", 4, 18);
    NOSPAN(span_ip_context, "172.25.154.255  ff-ff-ff-ff-ff-ff", 0, 14);
    NOSPAN(span_ip_context, "v 2.3.4.5-SNAPSHOT", 2, 9);
    SPAN(span_ip_context, "AP 172.18.242.76-a4:83:e7:51:c2:f0", 3, 16);
}
END_TEST

START_TEST(numbers)
{
    OK(val_iban, "DE89370400440532013000");
    OK(val_iban, "GB82 WEST 1234 5698 7654 32");
    NO(val_iban, "DE89370400440532013001");
    NO(val_iban, "D189370400440532013000");
    OK(val_e164, "+14155552671");
    NO(val_e164, "+1234567");
    OK(val_fixed_line, "010-62345678");
    OK(val_fixed_line, "0755-2345678");
    OK(val_fixed_line, "(021)65432109");
    NO(val_fixed_line, "010-12345678");  /* subscriber starts 2-9 */
    NO(val_fixed_line, "0123-4567890");  /* no area code 12x */
    OK(val_cn_mobile, "\xef\xbc\x91\xef\xbc\x93\xef\xbc\x98"
                      "\xef\xbc\x91\xef\xbc\x92\xef\xbc\x93\xef\xbc\x94"
                      "\xef\xbc\x95\xef\xbc\x96\xef\xbc\x97\xef\xbc\x98");
    NO(val_not_mobile, "13812345678");
    OK(val_not_mobile, "6222021234567890128");
    OK(val_geo_lnglat, "116.397128,39.916527");
    NO(val_geo_lnglat, "39.9042,116.4074");
}
END_TEST

START_TEST(hex_word)
{
    const char *uuid = "1b4e28ba-2fa1-11d2-883f-a17329409763";
    size_t n = strlen(uuid);
    /* 17329409763 inside the all-hex last group */
    ck_assert(!validate_span(VAL_NOT_HEX_RUN, uuid, n, n - 11, n));
    const char *word = "phone13812345678";
    ck_assert(validate_span(VAL_NOT_HEX_RUN, word, 16, 5, 16));
    const char *alone = "x 13812345678 y";
    ck_assert(validate_span(VAL_NOT_HEX_RUN, alone, 15, 2, 13));
}
END_TEST

START_TEST(email_lengths)
{
    char buf[400];
    memset(buf, 'a', 64);
    strcpy(buf + 64, "@example.com");
    ck_assert(validate_all(VAL_EMAIL, buf, strlen(buf)));
    memset(buf, 'a', 65);
    strcpy(buf + 65, "@example.com");
    ck_assert(!validate_all(VAL_EMAIL, buf, strlen(buf)));
    strcpy(buf, "a%40");
    memset(buf + 4, 'b', 63);
    strcpy(buf + 67, ".cn");
    ck_assert(validate_all(VAL_EMAIL, buf, strlen(buf)));
    memset(buf + 4, 'b', 64);
    strcpy(buf + 68, ".cn");
    ck_assert(!validate_all(VAL_EMAIL, buf, strlen(buf)));
    strcpy(buf, "a@"); /* 254 bytes of domain in short labels */
    for (int i = 0; i < 127; i++)
        memcpy(buf + 2 + 2 * i, "b.", 2);
    strcpy(buf + 2 + 254, "cn");
    ck_assert(!validate_all(VAL_EMAIL, buf, strlen(buf)));
    ck_assert_uint_eq(validator_parse("email"), VAL_EMAIL);
}
END_TEST

START_TEST(names)
{
    ck_assert_uint_eq(validator_parse("luhn"), VAL_LUHN);
    ck_assert_uint_eq(validator_parse("cn_id_checksum"), VAL_CN_ID);
    ck_assert_uint_eq(validator_parse("nope"), 0);
    ck_assert_str_eq(validator_name(VAL_IPV6), "ipv6");
}
END_TEST

#define S(lit) lit, sizeof lit - 1

/* The registry: every validator's name parses back to its own bit. */
START_TEST(registry)
{
    for (int i = 0; i < VAL__COUNT; i++) {
        val_mask bit = (val_mask)1 << i;
        const char *name = validator_name(bit);
        ck_assert_ptr_nonnull(name);
        ck_assert_msg(validator_parse(name) == bit, "%s", name);
    }
    ck_assert_ptr_null(validator_name(0));
    ck_assert_ptr_null(validator_name(VAL_LUHN | VAL_IPV4)); /* not one */
    ck_assert_ptr_null(validator_name((val_mask)1 << VAL__COUNT));
    /* a mask of several: each must agree */
    ck_assert(validate_all(VAL_LUHN | VAL_BANK_IIN, S("4111111111111111")));
    ck_assert(validate_all(VAL_LUHN, S("79927398713")));
    ck_assert(!validate_all(VAL_LUHN | VAL_BANK_IIN, S("79927398713")));
    ck_assert(!validate_all(VAL_LUHN | VAL_BANK_IIN, S("4111111111111112")));
    ck_assert(validate_all(0, S("anything"))); /* no validator, no veto */
    /* value validators judge buf[start..end) only, span ones its context */
    const char *t = "x4111111111111111";
    ck_assert(validate_span(VAL_LUHN, t, 17, 1, 17));
    ck_assert(!validate_span(VAL_NOT_HEX_RUN, "a4111111111111111", 17, 1, 17));
}
END_TEST

START_TEST(ids_and_dates)
{
    OK(val_imsi, "460001234567890");
    OK(val_imsi, "460201234567890"); /* MNC 20 */
    NO(val_imsi, "460141234567890"); /* MNC 14: not allocated */
    NO(val_imsi, "310001234567890"); /* not China */
    NO(val_imsi, "46000123456789");
    OK(val_date8, "x20240229y");
    NO(val_date8, "20230229");
    NO(val_date8, "2024022");
    OK(val_cn_id15, "110101900307867");
    NO(val_cn_id15, "110101901307867"); /* month 13 */
    NO(val_cn_id15, "990101900307867"); /* province 99 */
    NO(val_cn_id15, "1101019003078670");
    NO(val_not_imei, "354178036859789");
    OK(val_not_imei, "13812345678");
    /* MEID: 14 hex digits, or 15 with a base-16 Luhn digit: exactly one of
     * the sixteen possible last digits is valid */
    OK(val_hex_luhn, "A0000012345678");
    NO(val_hex_luhn, "A000001234567G");
    char meid[16] = "A0000012345678?";
    int valid = 0;
    for (const char *c = "0123456789ABCDEF"; *c; c++) {
        meid[14] = *c;
        valid += val_hex_luhn(meid, 15);
    }
    ck_assert_int_eq(valid, 1);
}
END_TEST

START_TEST(coordinates)
{
    OK(val_geo_lat, "39.904211");
    OK(val_geo_lat, "-90");
    OK(val_geo_lat, "+39.9");
    NO(val_geo_lat, "90.1");
    NO(val_geo_lat, "39.9.1");
    NO(val_geo_lat, "");
    NO(val_geo_lat, "-");
    OK(val_geo_lng, "116.4");
    OK(val_geo_lng, "-180");
    NO(val_geo_lng, "180.0001");
    OK(val_geo_pair, "39.9042,116.4074");
    OK(val_geo_pair, "39.9042, 116.4074");
    NO(val_geo_pair, "39.90,116.40");     /* ~1 km: no position */
    NO(val_geo_pair, "116.4074,39.9042"); /* latitude first */
    NO(val_geo_pair, "39.9042;116.4074");
}
END_TEST

Suite *validate_suite(void)
{
    Suite *s = suite_create("validate");
    TCase *t = tcase_create("formats");
    tcase_add_test(t, luhn);
    tcase_add_test(t, cn_id);
    tcase_add_test(t, bank_iin);
    tcase_add_test(t, imei_tac);
    tcase_add_test(t, ipv4);
    tcase_add_test(t, ipv6);
    tcase_add_test(t, mac);
    tcase_add_test(t, hex_bounds);
    tcase_add_test(t, versions);
    tcase_add_test(t, numbers);
    tcase_add_test(t, hex_word);
    tcase_add_test(t, names);
    tcase_add_test(t, email_lengths);
    tcase_add_test(t, registry);
    tcase_add_test(t, ids_and_dates);
    tcase_add_test(t, coordinates);
    suite_add_tcase(s, t);
    return s;
}
