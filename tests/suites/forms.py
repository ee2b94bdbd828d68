#!/usr/bin/env python3
"""forms.py — every type in every context form and next to every glue byte
(SPEC section 1: the type table and its "Context" paragraph; section 3 for
FILE arguments).

Written from the SPEC alone (not from patterns/ or src/). A property test:
sample values are generated from the SPEC's definitions (real mobile
prefixes, GB 11643 check characters, Luhn, IBAN mod-97, hex-Luhn, ...) with
a seeded `random` ($SCRUB_FORMS_SEED, default below), then put

  1. in a table of values per type (bare and under the type's key);
  2. in every context form: JSON string / number member, JSON escaped 1, 2
     and 3 times, Docker json-file around application JSON, key=value with
     ' ', '&', ';', ',' and ', ', URL query parameter plain, percent-encoded
     once and twice and as encoded JSON (%22), encoded CJK key names, header,
     --flag=, XML element and attribute, properties, env, YAML, Android field
     dump (mImei=), Lombok toString (UserDTO(...)), full-width colon after a
     Chinese key, and key-name variants (snake, camel, kebab, UPPER, dotted,
     longer keys ending with the key at a word boundary);
  3. next to glue bytes, before and after each bare value: space, tab, line
     start/end, , ; ( ) [ ] " ' = :, CJK in UTF-8 and in GBK (also GBK
     characters whose second byte is an ASCII hex letter), full-width
     punctuation, percent escapes, \\x22, \\u0022, \\u53f7; key letters
     glued before hex types (MAC:, btMac:, IPv6:, [IPV6]:, RADIUS
     Called-Station-Id MAC:SSID);
  4. negatives the SPEC promises to leave alone (digit runs, decimals,
     versions, loopback, placeholders, asset names, exclusion keys) and
     personal keys that merely contain an exclusion word;
  5. two FILE arguments whose boundary falls between two values.

Every case is one line. All lines go through ONE `scrub -k KEY --findings`
run and ONE `scrub -k KEY -a all=redact` run; findings are mapped back to
lines by offset. A case passes when its findings are exactly the expected
(type, offset, length) spans and the redacted line equals the input with
exactly those spans replaced by `[TYPE]` (everything else byte for byte).
Check names read `TYPE/value-kind | form | glue`; a failure prints the
input line (synthetic data), the findings on it and the output line.

Decisions where the SPEC does not fix the exact span ("loose" checks: some
finding(s) of the type cover the core bytes, none reaches outside the
allowed region, the text outside that region is unchanged):
  * `(+86)` prefix, and `86` + space/hyphen: loose (core: the 11 digits;
    region: from `(` / the `86`). `+86`, `0086`, `86` glued, `+86 `,
    `+86-`, `0086 `: part of the phone (exact span from `+`/`0`/`8`).
  * cloud host names `ip-10-1-2-3`: loose, core `10-1-2-3`, region the
    host-name label. tcpdump `a.b.c.d.port`: loose, core the quad, region
    quad + port.
  * IPv6 with a zone `%eth0`: loose, core the address, region incl. zone.
    Bracketed `[addr]:port`: exact, the address only. IPv4-embedded
    (`::ffff:a.b.c.d`): one IPV6 finding over the whole text.
  * DHCP host names `android-<16 hex>`: loose, core the 16 hex digits.
  * `Authorization: Bearer <t>`: loose, core the token, region `Bearer <t>`.
  * A lat,lng (or lng,lat) pair: loose (one finding or two), core both
    numbers, region the pair.
  * netfilter `MAC=dst:src:type`: exact, two MACs, the ethertype is not one.
    pxelinux `01-aa-bb-..`: exact, the MAC without `01-`. RADIUS
    `Called-Station-Id = "AA-BB-CC-DD-EE-FF:SSID"`: exact, the MAC without
    `:SSID` (a `:` after a `-`-separated MAC is no continuation of it).
  * 3-8 grouping by a dot (138.12345678) is not a phone: SPEC lists a dot
    among the separators, but a dot after 3 digits is how a decimal is
    written (longitudes 130-139 with 8 decimals), so scrub takes the dot
    only in 3-4-4 grouping; the negatives check 132.51247152 is left.
  * `mailto:` and `tel:` are not part of the value; URL userinfo: the
    password only; cookies: the cookie value only.
  * IBAN in its ISO 13616 print form (groups of 4 by spaces), IMEI 2-6-6-1,
    cards 4-4-4-4 / 6-13 / 4-6-5, MEID with its check digit: the whole
    grouped text is one finding.
  * CJK text (UTF-8 or GBK) touching an ASCII value is not part of it.
  * `:` is no glue next to a `:`-separated hex value (MAC, IPv6): SPEC says
    such a value never sits inside a longer colon run. `.`, `-` are no glue
    for numbers (decimal point, negative number). `'` and `=` are atext in
    an email local part, so they are no glue before an email. No percent
    escape after an IPv6 address (`%` starts a zone).
  * FILE arguments: `"file"` is the argument exactly as given; `offset`
    and `line` count in that file; stdout is the files' outputs
    concatenated, byte for byte (no newline added after a last line that
    had none).

Binary: $SCRUB (default <repo>/build/scrub). Python 3 standard library
only. Last line `N passed, M failed`; exit 0 iff nothing failed.
"""
import bisect
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import urllib.parse

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))), "lib"))
from tap import not_ok, ok  # noqa: E402  (shared reporting)
from tap import summary as tap_summary  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SCRUB = os.environ.get("SCRUB") or os.path.join(ROOT, "build", "scrub")
SEED = int(os.environ.get("SCRUB_FORMS_SEED", "4242"))

TMP = None
KEY = None
ENV = None


def setup():
    global TMP, KEY, ENV
    TMP = tempfile.mkdtemp(prefix="scrub-forms-")
    home = os.path.join(TMP, "home")
    os.makedirs(os.path.join(home, ".config"))
    ENV = dict(os.environ)
    ENV.pop("SCRUB_KEY_FILE", None)
    ENV["HOME"] = home
    ENV["XDG_CONFIG_HOME"] = os.path.join(home, ".config")
    KEY = os.path.join(TMP, "test.key")
    fd = os.open(KEY, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as f:
        f.write(os.urandom(32))
    os.chmod(KEY, 0o600)


def b(s):
    return s if isinstance(s, bytes) else s.encode("utf-8")


# ---------------------------------------------------------------------------
# Validators / generators from the SPEC's definitions
# ---------------------------------------------------------------------------

def luhn_ok(digits):
    tot = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        tot += d
    return tot % 10 == 0


def luhn_complete(payload):
    for c in "0123456789":
        if luhn_ok(payload + c):
            return payload + c
    raise AssertionError(payload)


def hex_luhn_digit(s):
    tot = 0
    for i, ch in enumerate(reversed(s)):
        d = int(ch, 16)
        if i % 2 == 0:
            d *= 2
            d = d // 16 + d % 16
        tot += d
    return "%X" % ((16 - tot % 16) % 16)


CNID_W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]


def cnid_check(first17):
    return "10X98765432"[sum(int(c) * w for c, w in zip(first17, CNID_W)) % 11]


PROVINCES = {"11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33",
             "34", "35", "36", "37", "41", "42", "43", "44", "45", "46", "50",
             "51", "52", "53", "54", "61", "62", "63", "64", "65"}
AREAS = ["110101", "110105", "310115", "440305", "330106", "510107", "420111",
         "610113", "320102", "370202", "500103", "120101", "130102", "210102",
         "350102", "430102", "450102", "620102", "650102", "360102"]


def valid_date(y, m, d):
    import datetime
    try:
        datetime.date(y, m, d)
        return True
    except ValueError:
        return False


def looks_cnid(s):
    if not re.fullmatch(r"\d{17}[\dXx]", s) or s[:2] not in PROVINCES:
        return False
    if not valid_date(int(s[6:10]), int(s[10:12]), int(s[12:14])):
        return False
    return cnid_check(s[:17]) == s[17].upper()


def iban_make(country, bban):
    conv = "".join(str(int(c, 36)) for c in bban + country + "00")
    check = 98 - int(conv) % 97
    return "%s%02d%s" % (country, check, bban)


def iban_ok(s):
    s = s.replace(" ", "")
    conv = "".join(str(int(c, 36)) for c in s[4:] + s[:4])
    return int(conv) % 97 == 1


MOBILE_PREFIXES = ["130", "131", "132", "133", "134", "135", "136", "137",
                   "138", "139", "147", "150", "151", "152", "153", "155",
                   "156", "157", "158", "159", "166", "173", "175", "176",
                   "177", "178", "180", "181", "182", "183", "184", "185",
                   "186", "187", "188", "189", "191", "198", "199"]
IMSI_MNC = ["00", "01", "02", "03", "05", "06", "07", "08", "09", "11", "20"]
IPV4_FIRST = [1, 8, 36, 39, 42, 58, 59, 61, 101, 106, 111, 112, 113, 114, 115,
              116, 117, 119, 120, 121, 122, 123, 124, 125, 175, 180, 182, 183,
              202, 203, 210, 211, 218, 219, 220, 221, 222, 223]


class V:
    """A sample value. `core`: (start, end) character slice for a loose
    check (None = exact span). `bare`: found without a key. `keys`: the
    keys it goes under (None = the type's keys)."""

    def __init__(self, typ, text, kind, bare=True, core=None, keys=None,
                 rep=False, glue=False, cjk=True):
        self.typ, self.text, self.kind = typ, text, kind
        self.bare, self.core, self.keys = bare, core, keys
        self.rep, self.glue, self.cjk = rep, glue, cjk


def gen_values(rng):
    R = rng
    vals = {}

    def digits(n):
        return "".join(R.choice("0123456789") for _ in range(n))

    def hexs(n, upper=False):
        s = "".join(R.choice("0123456789abcdef") for _ in range(n))
        return s.upper() if upper else s

    # PHONE -------------------------------------------------------------
    def mobile():
        return R.choice(MOBILE_PREFIXES) + digits(8)
    P = []
    m = [mobile() for _ in range(8)]
    g344 = lambda x, s: "%s%s%s%s%s" % (x[:3], s, x[3:7], s, x[7:])  # noqa: E731
    g38 = lambda x, s: "%s%s%s" % (x[:3], s, x[3:])  # noqa: E731
    P.append(V("PHONE", m[0], "plain", rep=True, glue=True))
    P.append(V("PHONE", "+86" + m[1], "+86", rep=True, glue=True))
    P.append(V("PHONE", "+86 " + g344(m[2], " "), "+86 3-4-4 space", rep=True, glue=True))
    P.append(V("PHONE", g344(m[3], "-"), "3-4-4 hyphen", rep=True, glue=True))
    P.append(V("PHONE", g344(m[4], "."), "3-4-4 dot"))
    P.append(V("PHONE", g344(m[5], " "), "3-4-4 space", glue=True))
    P.append(V("PHONE", g38(m[6], " "), "3-8 space"))
    P.append(V("PHONE", g38(m[7], "-"), "3-8 hyphen", glue=True))
    P.append(V("PHONE", "+86-" + g344(mobile(), "-"), "+86- 3-4-4 hyphen"))
    P.append(V("PHONE", "0086" + mobile(), "0086"))
    P.append(V("PHONE", "0086 " + mobile(), "0086 space", glue=True))
    P.append(V("PHONE", "0086-" + mobile(), "0086-"))
    P.append(V("PHONE", "86" + mobile(), "86 glued"))
    x = mobile()
    P.append(V("PHONE", "86 " + x, "86 space", core=(3, 14)))
    x = mobile()
    P.append(V("PHONE", "86-" + x, "86-", core=(3, 14)))
    x = mobile()
    P.append(V("PHONE", "(+86)" + x, "(+86)", core=(5, 16), rep=True))
    x = mobile()
    P.append(V("PHONE", "(+86) " + g344(x, "-"), "(+86) 3-4-4 hyphen", core=(6, 19)))
    fw = "".join(chr(0xFF10 + int(c)) for c in mobile())
    P.append(V("PHONE", fw, "full-width digits", glue=True))
    P.append(V("PHONE", "%2B86" + mobile(), "%2B86"))
    P.append(V("PHONE", "%2B86%20" + g344(mobile(), "%20"), "%2B86%20 3-4-4 %20"))
    P.append(V("PHONE", g344(mobile(), "%20"), "3-4-4 %20"))
    P.append(V("PHONE", "010-6" + digits(7), "fixed-line 010-8", rep=True, glue=True))
    P.append(V("PHONE", "0755-8" + digits(7), "fixed-line 0755-8"))
    P.append(V("PHONE", "0571-8" + digits(6), "fixed-line 0571-7"))
    P.append(V("PHONE", "0106" + digits(7), "fixed-line no separator", bare=False))
    P.append(V("PHONE", "+1415555" + digits(4), "E.164 +1", bare=False))
    P.append(V("PHONE", "+4420718" + digits(5), "E.164 +44", bare=False))
    vals["PHONE"] = P

    # CN_ID -------------------------------------------------------------
    def cnid(want_x=None):
        while True:
            y = R.randint(1950, 2005)
            mo = R.randint(1, 12)
            d = R.randint(1, 28)
            s17 = R.choice(AREAS) + "%04d%02d%02d" % (y, mo, d) + digits(3)
            c = cnid_check(s17)
            if want_x is None or (c == "X") == want_x:
                return s17 + c
    C = []
    C.append(V("CN_ID", cnid(False), "digit check", rep=True, glue=True))
    x = cnid(True)
    C.append(V("CN_ID", x, "X check", rep=True, glue=True))
    C.append(V("CN_ID", cnid(True)[:17] + "x", "x check (lower)", glue=True))
    C.append(V("CN_ID", cnid(False), "digit check 2"))
    while True:
        y = R.randint(40, 99)
        s15 = R.choice(AREAS) + "%02d%02d%02d" % (y, R.randint(1, 12), R.randint(1, 28)) + digits(3)
        if not luhn_ok(s15):
            break
    C.append(V("CN_ID", s15, "15-digit legacy", bare=False, rep=True))
    vals["CN_ID"] = C

    # BANK_CARD -------------------------------------------------------------
    def card(prefix, length):
        while True:
            s = luhn_complete(prefix + digits(length - len(prefix) - 1))
            if not looks_cnid(s):
                return s
    B = []
    up19 = card("622202", 19)
    B.append(V("BANK_CARD", up19, "UnionPay 62 19", rep=True, glue=True))
    up16 = card("621700", 16)
    B.append(V("BANK_CARD", up16, "UnionPay 62 16", glue=True))
    B.append(V("BANK_CARD", card("81", 16), "UnionPay 81 16"))
    visa = card("4", 16)
    B.append(V("BANK_CARD", visa, "Visa 16"))
    B.append(V("BANK_CARD", " ".join(visa[i:i + 4] for i in range(0, 16, 4)),
               "Visa 4-4-4-4 space", rep=True, glue=True))
    mc = card("5" + R.choice("12345"), 16)
    B.append(V("BANK_CARD", mc, "Mastercard 5x"))
    mc2 = card(str(R.randint(2221, 2720)), 16)
    B.append(V("BANK_CARD", "-".join(mc2[i:i + 4] for i in range(0, 16, 4)),
               "Mastercard 2-series 4-4-4-4 hyphen", glue=True))
    amex = card(R.choice(["34", "37"]), 15)
    B.append(V("BANK_CARD", amex, "Amex 15"))
    B.append(V("BANK_CARD", amex[:4] + " " + amex[4:10] + " " + amex[10:],
               "Amex 4-6-5 space", glue=True))
    B.append(V("BANK_CARD", card(str(R.randint(3528, 3589)), 16), "JCB 16"))
    B.append(V("BANK_CARD", card("6011", 16), "Discover 6011"))
    B.append(V("BANK_CARD", card("65", 16), "Discover 65"))
    B.append(V("BANK_CARD", card("36", 14), "Diners 36 14"))
    B.append(V("BANK_CARD", up19[:6] + " " + up19[6:], "UnionPay 6-13 space"))
    B.append(V("BANK_CARD", up19[:6] + "-" + up19[6:], "UnionPay 6-13 hyphen"))
    while True:
        bad = "622848" + digits(10)
        if not luhn_ok(bad):
            break
    B.append(V("BANK_CARD", bad, "UnionPay Luhn-invalid", bare=False,
               keys=["card_no", "bank_card", "卡号"]))
    de = iban_make("DE", digits(18))
    assert iban_ok(de)
    B.append(V("BANK_CARD", de, "IBAN DE", rep=True, glue=True))
    gb = iban_make("GB", "NWBK" + digits(14))
    B.append(V("BANK_CARD", gb, "IBAN GB"))
    fr = iban_make("FR", digits(23))
    B.append(V("BANK_CARD", " ".join(fr[i:i + 4] for i in range(0, len(fr), 4)),
               "IBAN FR print form", glue=True))
    acct_keys = ["account_no", "acct", "bank_account", "账号", "收款账号", "对公账户"]
    B.append(V("BANK_CARD", "3105" + digits(16), "account 20 digits", bare=False,
               keys=acct_keys, rep=True))
    B.append(V("BANK_CARD", "11" + digits(8), "account 10 digits", bare=False, keys=acct_keys))
    vals["BANK_CARD"] = B

    # IMEI ---------------------------------------------------------------
    def imei(rb):
        return luhn_complete(rb + digits(12))
    I = []
    i1 = imei("35")
    I.append(V("IMEI", i1, "RBI 35", rep=True, glue=True))
    i2 = imei("86")
    I.append(V("IMEI", i2, "RBI 86", glue=True))
    i3 = imei("35")
    I.append(V("IMEI", "%s-%s-%s-%s" % (i3[:2], i3[2:8], i3[8:14], i3[14]),
               "2-6-6-1 hyphen", rep=True, glue=True))
    i4 = imei("86")
    I.append(V("IMEI", "%s %s %s %s" % (i4[:2], i4[2:8], i4[8:14], i4[14]),
               "2-6-6-1 space"))
    I.append(V("IMEI", imei("35")[:14] + digits(2), "IMEISV 16", bare=False,
               keys=["imei", "imeisv"]))
    vals["IMEI"] = I

    # MAC ----------------------------------------------------------------
    def mac_octets(first_letter=False):
        while True:
            o = [R.randint(0, 255) for _ in range(6)]
            if first_letter:
                o[0] = R.randint(0xa0, 0xff)
            if o not in ([0] * 6, [255] * 6, [2, 0, 0, 0, 0, 0]):
                return o
    M = []
    o = mac_octets()
    M.append(V("MAC", ":".join("%02x" % v for v in o), "colon lower", rep=True, glue=True))
    o = mac_octets()
    M.append(V("MAC", ":".join("%02X" % v for v in o), "colon upper", glue=True))
    o = mac_octets()
    M.append(V("MAC", "-".join("%02X" % v for v in o), "hyphen upper", rep=True, glue=True))
    o = mac_octets()
    M.append(V("MAC", "-".join("%02x" % v for v in o), "hyphen lower"))
    o = mac_octets(True)
    M.append(V("MAC", ":".join("%02x" % v for v in o), "colon lower, hex letter first", glue=True))
    o = mac_octets(True)
    M.append(V("MAC", "-".join("%02X" % v for v in o), "hyphen upper, hex letter first", glue=True))
    h = "".join("%02x" % v for v in mac_octets())
    M.append(V("MAC", "%s.%s.%s" % (h[:4], h[4:8], h[8:]), "Cisco dotted", glue=True))
    h = "".join("%02x" % v for v in mac_octets())
    M.append(V("MAC", "%s-%s-%s" % (h[:4], h[4:8], h[8:]), "Huawei 4-4-4", glue=True))
    h = "".join("%02X" % v for v in mac_octets(True))
    M.append(V("MAC", "%s-%s-%s" % (h[:4], h[4:8], h[8:]), "Huawei 4-4-4 upper, letter first"))
    M.append(V("MAC", "".join("%02x" % v for v in mac_octets()), "bare 12 hex", bare=False,
               rep=True, keys=["mac", "bssid", "wifi_mac", "bt_addr"]))
    vals["MAC"] = M

    # EMAIL -------------------------------------------------------------
    E = []
    E.append(V("EMAIL", "alice.wang%d@example.com" % R.randint(1, 99), "plain", rep=True, glue=True))
    E.append(V("EMAIL", "Bob_Li+test@Mail.Example.CN", "mixed case, +tag", glue=True))
    E.append(V("EMAIL", "ZHANG.WEI%d@163.COM" % R.randint(1, 99), "upper case"))
    E.append(V("EMAIL", "li-na.%d@sub.domain.org" % R.randint(1, 99), "hyphen, subdomain"))
    E.append(V("EMAIL", "zhangwei%d%%40qq.com" % R.randint(1, 99), "%40", rep=True, glue=True))
    E.append(V("EMAIL", "bob%%2Btag%d%%40example.com" % R.randint(1, 99), "%2B and %40"))
    E.append(V("EMAIL", "wang%d\\u0040example.com" % R.randint(1, 99), "\\u0040"))
    E.append(V("EMAIL", "张伟@例子.中国", "IDN local and domain", cjk=False))
    E.append(V("EMAIL", "user%d@bücher.de" % R.randint(1, 99), "IDN domain"))
    vals["EMAIL"] = E

    # IPV4 --------------------------------------------------------------
    def ipv4():
        return "%d.%d.%d.%d" % (R.choice(IPV4_FIRST), R.randint(0, 255),
                                R.randint(0, 255), R.randint(1, 254))
    V4 = [V("IPV4", ipv4(), "public", rep=True, glue=True),
          V("IPV4", ipv4(), "public 2", glue=True),
          V("IPV4", "192.168.%d.%d" % (R.randint(0, 255), R.randint(1, 254)), "private 192.168"),
          V("IPV4", "10.%d.%d.%d" % (R.randint(0, 255), R.randint(0, 255), R.randint(1, 254)),
            "private 10/8")]
    vals["IPV4"] = V4

    # IPV6 --------------------------------------------------------------
    def grp():
        return "%x" % R.randint(0x100, 0xffff)
    V6 = []
    full = "240e:" + ":".join("%04x" % R.randint(0, 0xffff) for _ in range(7))
    V6.append(V("IPV6", full, "full", rep=True, glue=True))
    comp = "2409:8a%02x:%s:%s::%s" % (R.randint(0, 255), grp(), grp(), grp())
    V6.append(V("IPV6", comp, "compressed", rep=True, glue=True))
    V6.append(V("IPV6", ("2001:DB8:%X::%X:%X" % (R.randint(0x100, 0xffff), R.randint(0x100, 0xffff),
                                                R.randint(0x100, 0xffff))), "compressed upper", glue=True))
    fe = "fe80::%s:%s:%s:%s" % (grp(), grp(), grp(), grp())
    V6.append(V("IPV6", fe, "link-local, hex letter first", glue=True))
    V6.append(V("IPV6", fe + "%eth0", "zone %eth0", core=(0, len(fe))))
    V6.append(V("IPV6", "::ffff:%s" % ipv4(), "IPv4-mapped"))
    V6.append(V("IPV6", "64:ff9b::%s" % ipv4(), "IPv4-embedded NAT64"))
    vals["IPV6"] = V6

    # IMSI --------------------------------------------------------------
    def imsi(luhn_bad=True):
        while True:
            s = "460" + R.choice(IMSI_MNC) + digits(10)
            if not luhn_bad or not luhn_ok(s):
                return s
    vals["IMSI"] = [V("IMSI", imsi(), "460+MNC", rep=True, glue=True),
                    V("IMSI", imsi(), "460+MNC 2")]

    # ICCID -------------------------------------------------------------
    vals["ICCID"] = [V("ICCID", luhn_complete("8986" + digits(15)), "8986 20 digits", rep=True, glue=True),
                     V("ICCID", luhn_complete("8986" + digits(14)), "8986 19 digits", glue=True),
                     V("ICCID", luhn_complete("8944" + digits(15)), "89 (not 86) with context",
                       bare=False)]

    # MEID --------------------------------------------------------------
    m14 = "A" + hexs(13, upper=True)
    vals["MEID"] = [V("MEID", m14, "14 hex upper", bare=False, rep=True),
                    V("MEID", hexs(14), "14 hex lower", bare=False),
                    V("MEID", m14[:1] + hexs(13, True)[:13], "14 hex upper 2", bare=False),
                    ]
    m14b = "A1" + hexs(12, True)
    vals["MEID"].append(V("MEID", m14b + hex_luhn_digit(m14b), "15 with hex-Luhn check", bare=False))

    # DEVICE_ID ---------------------------------------------------------
    def uuid(upper=False):
        s = "%s-%s-4%s-%s%s-%s" % (hexs(8), hexs(4), hexs(3), R.choice("89ab"), hexs(3), hexs(12))
        return s.upper() if upper else s
    aid = hexs(16)
    vals["DEVICE_ID"] = [
        V("DEVICE_ID", aid, "android_id 16 hex", bare=False, rep=True,
          keys=["android_id", "device_id", "deviceId"]),
        V("DEVICE_ID", uuid(), "oaid UUID", bare=False, rep=True, keys=["oaid", "device_id"]),
        V("DEVICE_ID", uuid(True), "idfa UUID upper", bare=False, keys=["idfa", "idfv"]),
        V("DEVICE_ID", hexs(40), "udid 40 hex", bare=False, keys=["udid"]),
        V("DEVICE_ID", uuid(), "aaid UUID", bare=False, keys=["aaid"]),
        V("DEVICE_ID", "android-" + hexs(16), "DHCP android-<16 hex>", core=(8, 24)),
    ]

    # GEO ---------------------------------------------------------------
    lat = "%.6f" % R.uniform(18.2, 53.5)
    lng = "%.6f" % R.uniform(73.6, 134.7)
    vals["GEO"] = [
        V("GEO", lat, "lat", bare=False, rep=True, keys=["lat", "latitude"]),
        V("GEO", lng, "lng", bare=False, rep=True, keys=["lng", "lon", "longitude"]),
        V("GEO", "-%.4f" % R.uniform(10, 45), "negative lat", bare=False, keys=["lat"]),
        V("GEO", "%s,%s" % (lat, lng), "bare lat,lng pair", core=(0, len(lat) + 1 + len(lng)),
          keys=["pos"], glue=True),
    ]
    sp = "%.4f, %.4f" % (R.uniform(18, 53), R.uniform(74, 134))
    vals["GEO"].append(V("GEO", sp, "bare lat, lng pair (space)", core=(0, len(sp)),
                         keys=["pos"]))

    # SECRET ------------------------------------------------------------
    sk = ["password", "passwd", "pwd", "secret", "token", "access_token",
          "refresh_token", "api_key", "cvv"]
    vals["SECRET"] = [
        V("SECRET", "Zx9-q_7.w%d" % R.randint(10, 99), "password text", bare=False, rep=True,
          keys=["password"]),
        V("SECRET", "s3cr3T%s" % hexs(6), "password 2", bare=False, rep=True, keys=["token"]),
        V("SECRET", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIx%s.%s" % (hexs(4), hexs(10)), "JWT",
          bare=False, keys=["access_token", "token", "refresh_token"]),
        V("SECRET", "k-%s" % hexs(20), "api key", bare=False, keys=["api_key", "secret"]),
        V("SECRET", "%03d" % R.randint(100, 999), "cvv", bare=False, keys=["cvv"]),
        V("SECRET", "pw%s!" % hexs(4), "password with !", bare=False, keys=["pwd", "passwd"]),
    ]
    vals["SECRET_KEYS"] = sk

    # NAME --------------------------------------------------------------
    vals["NAME"] = [
        V("NAME", R.choice(["张伟", "王芳", "李娜", "刘洋", "陈静"]), "Chinese 2", bare=False, rep=True),
        V("NAME", R.choice(["欧阳娜娜", "诸葛明亮", "司马相如"]), "Chinese 4 (compound surname)",
          bare=False),
        V("NAME", R.choice(["Alice", "Robert", "Zhiwei"]), "Latin given name", bare=False, rep=True),
        V("NAME", R.choice(["Wang Fang", "Alice Smith"]), "Latin full name (space)", bare=False),
    ]

    # ADDRESS -----------------------------------------------------------
    vals["ADDRESS"] = [
        V("ADDRESS", "北京市朝阳区建国路%d号" % R.randint(1, 200), "Chinese street", bare=False, rep=True),
        V("ADDRESS", "上海市浦东新区世纪大道%d号" % R.randint(1, 200), "Chinese district", bare=False),
        V("ADDRESS", "%d Amphitheatre Pkwy" % R.randint(100, 2000), "English (space)", bare=False),
    ]
    return vals


# Keys per type: primary ASCII keys, a CJK key, and variants (snake, camel,
# kebab, UPPER, dotted and longer keys ending with the key at a boundary).
KEYS = {
    "PHONE": ["phone", "mobile"],
    "CN_ID": ["id_card"],
    "BANK_CARD": ["card_no"],
    "IMEI": ["imei"],
    "MAC": ["mac"],
    "EMAIL": ["email"],
    "IPV4": ["client_ip"],
    "IPV6": ["client_ip"],
    "IMSI": ["imsi"],
    "ICCID": ["iccid"],
    "MEID": ["meid"],
    "DEVICE_ID": ["device_id"],
    "GEO": ["lat"],
    "SECRET": ["password"],
    "NAME": ["real_name", "name"],
    "ADDRESS": ["address"],
}
CJK_KEYS = {
    "PHONE": "手机号", "CN_ID": "身份证号", "BANK_CARD": "卡号", "EMAIL": "邮箱",
    "SECRET": "密码", "NAME": "姓名", "ADDRESS": "地址",
}
VARIANTS = {
    "PHONE": ["Phone", "PHONE", "user_phone", "userPhone", "user-phone", "USER_PHONE",
              "user.phone", "UserPhone", "contactPhone", "mobile", "MOBILE"],
    "CN_ID": ["idCard", "ID_CARD", "id-card", "id.card", "IdCard", "user_id_card", "userIdCard"],
    "BANK_CARD": ["cardNo", "CARD_NO", "card-no", "card.no", "CardNo", "bank_card_no",
                  "bankCardNo"],
    "IMEI": ["IMEI", "Imei", "device_imei", "deviceImei", "DEVICE-IMEI", "device.imei", "mImei"],
    "MAC": ["MAC", "Mac", "wifi_mac", "wifiMac", "WIFI-MAC", "wifi.mac", "btMac", "bt_addr",
            "bssid", "BSSID"],
    "EMAIL": ["EMAIL", "Email", "user_email", "userEmail", "user-email", "USER_EMAIL",
              "user.email", "mail"],
    "IMSI": ["IMSI", "Imsi", "sim_imsi", "simImsi", "sim-imsi", "SIM_IMSI", "sim.imsi", "mImsi"],
    "ICCID": ["ICCID", "sim_iccid", "simIccid", "sim-iccid", "SIM_ICCID", "sim.iccid"],
    "MEID": ["MEID", "device_meid", "deviceMeid", "device-meid", "DEVICE_MEID"],
    "DEVICE_ID": ["deviceId", "DEVICE_ID", "device-id", "device.id", "DeviceId",
                  "X-Device-Id", "x_device_id"],
    "GEO": ["LAT", "Lat", "gps_lat", "gpsLat", "gps-lat", "GPS_LAT", "gps.lat", "latitude",
            "userLatitude"],
    "SECRET": ["PASSWORD", "Password", "db_password", "dbPassword", "db-password",
               "DB_PASSWORD", "db.password", "newPassword", "new_password", "X-Auth-Token",
               "x_auth_token", "accessToken", "apiKey", "API_KEY", "api-key", "clientSecret",
               "spring.datasource.password", "MYSQL_ROOT_PASSWORD"],
    "NAME": ["realName", "REAL_NAME", "real-name", "real.name", "RealName", "contact_name",
             "contactName", "nickname", "nickName", "NICKNAME"],
    "ADDRESS": ["ADDRESS", "Address", "home_address", "homeAddress", "home-address",
                "HOME_ADDRESS", "home.address", "shipping_address", "deliveryAddress", "addr"],
}


def words(key):
    parts = re.split(r"[_\-.]", key)
    out = []
    for p in parts:
        out += [w.lower() for w in re.findall(r"[A-Z]+(?![a-z])|[A-Z]?[a-z0-9]+", p)]
    return [w for w in out if w]


def camel(key):
    w = words(key)
    return w[0] + "".join(x.capitalize() for x in w[1:])


def kebab(key):
    return "-".join(words(key))


def upper_snake(key):
    return "_".join(words(key)).upper()


def title_kebab(key):
    return "-".join(x.capitalize() for x in words(key))


def is_cjk(s):
    return any(ord(c) > 0x2e80 for c in s)


# ---------------------------------------------------------------------------
# Cases
# ---------------------------------------------------------------------------

class Seg:
    """A value inside a line: type, text (str or bytes), loose core slice
    (byte offsets inside the text), or typ=None for a forbidden region."""

    def __init__(self, typ, text, core=None):
        self.typ, self.text, self.core = typ, b(text), core


class Case:
    def __init__(self, name, segs, neg=None):
        """segs: list of str/bytes/Seg. neg: None (exact expectations from
        the Segs), or a set of types that must not be found ("ANY")."""
        self.name = name
        line = bytearray()
        self.exp = []      # (type, start, end, core_start, core_end, loose)
        for s in segs:
            if isinstance(s, Seg):
                st = len(line)
                line += s.text
                if s.core is None:
                    self.exp.append((s.typ, st, len(line), st, len(line), False))
                else:
                    self.exp.append((s.typ, st, len(line), st + s.core[0],
                                     st + s.core[1], True))
            else:
                line += b(s)
        self.line = bytes(line)
        assert b"\n" not in self.line and b"\r" not in self.line, name
        self.neg = neg


def seg_for(v, text=None):
    """Seg of value v (text: its representation, default the value)."""
    t = v.text if text is None else text
    core = None
    if v.core is not None:
        assert text is None or text == v.text
        pre = len(v.text[:v.core[0]].encode("utf-8"))
        end = len(v.text[:v.core[1]].encode("utf-8"))
        core = (pre, end)
    return Seg(v.typ, t, core)


# --- context forms ---------------------------------------------------------

MK0, MK1 = "\ue000", "\ue001"


def jesc(s):
    return json.dumps(s, ensure_ascii=False)[1:-1]


def json_ok(v):
    return jesc(v.text) == v.text


def from_marked(s, v):
    pre, rest = s.split(MK0)
    val, post = rest.split(MK1)
    assert val == v.text
    return [pre, seg_for(v), post]


def nest(inner, levels, docker=False):
    """Wrap the JSON text `inner` as a string member `levels` times."""
    s = inner
    for i in range(levels):
        if docker and i == levels - 1:
            s = ('{"log":' + json.dumps(s + "\n", ensure_ascii=False) +
                 ',"stream":"stdout","time":"2024-05-01T08:00:00.123456789Z"}')
        else:
            outer = ["msg", "log", "data", "payload"][i % 4]
            s = '{"level":"info","%s":' % outer + json.dumps(s, ensure_ascii=False) + '}'
    return s


def url_q(s, times):
    for _ in range(times):
        s = urllib.parse.quote(s, safe="")
    return s


PROMISED_ESC = {"%40", "%2B", "%20"}


def url_rep(v, times, allow_promised=True, safe=""):
    """The value percent-encoded `times` times, or None when that needs an
    escape the SPEC does not promise to read (or the value is already
    encoded / escaped)."""
    if "%" in v.text or "\\" in v.text:
        return None
    r = v.text
    for _ in range(times):
        r = urllib.parse.quote(r, safe=safe)
    if v.core is not None:
        return r if r == v.text else None
    escs = set(re.findall(r"%[0-9A-F]{2}", r))
    if not escs:
        return r
    if times == 1 and allow_promised and escs <= PROMISED_ESC:
        return r
    return None


def quoted_only(v):
    """Free-text values with a space need quotes (JSON, XML, quoted)."""
    return " " in v.text and v.typ in ("SECRET", "NAME", "ADDRESS")


def f_json_str(k, v):
    if not json_ok(v):
        return None
    return from_marked('{"ts":1714550400,"%s":"%s%s%s","ok":true}' % (jesc(k), MK0, v.text, MK1), v)


def f_json_num(k, v):
    if not re.fullmatch(r"-?(0|[1-9]\d*)(\.\d+)?", v.text):
        return None
    return from_marked('{"ts":1714550400,"%s":%s%s%s,"ok":true}' % (jesc(k), MK0, v.text, MK1), v)


def f_json_uescape_key(k, v):
    if not is_cjk(k) or not json_ok(v):
        return None
    ek = json.dumps(k)[1:-1]
    return from_marked('{"ts":1714550400,"%s":"%s%s%s"}' % (ek, MK0, v.text, MK1), v)


def make_nested(levels, docker=False, number=False):
    def f(k, v):
        if not json_ok(v):
            return None
        if number:
            if not re.fullmatch(r"-?(0|[1-9]\d*)(\.\d+)?", v.text):
                return None
            inner = '{"id":7,"%s":%s%s%s}' % (jesc(k), MK0, v.text, MK1)
        else:
            inner = '{"id":7,"%s":"%s%s%s","ok":true}' % (jesc(k), MK0, v.text, MK1)
        return from_marked(nest(inner, levels, docker), v)
    return f


def make_kv(sep):
    def f(k, v):
        if sep.strip() and sep.strip() in v.text:
            return None
        if " " in sep and quoted_only(v):
            return None
        if quoted_only(v):
            return None
        return ["ts=1714550400%sk0=v0%s%s=" % (sep, sep, k), seg_for(v), "%sk1=v1" % sep]
    return f


def f_url_query(k, v):
    if "\\" in v.text:
        return None
    # an already encoded value (%40, %2B86) stands as it is; ':' may stay raw
    r = v.text if "%" in v.text else url_rep(v, 1, safe=":")
    if r is None:
        return None
    if is_cjk(k):
        k = url_q(k, 1)
    return ["GET /api/v1/user?uid=7&%s=" % k, seg_for(v, r) if r != v.text else seg_for(v),
            "&lang=zh-CN HTTP/1.1"]


def make_url_nested(times):
    """A query string inside a parameter, percent-encoded `times` times:
    redirect=%2Fcb%3Fuid%3D7%26KEY%3DVALUE%26x%3D1 (a value that would need
    escapes itself is not promised at that depth: only plain values)."""
    def f(k, v):
        if url_rep(v, times + 1, allow_promised=False) != v.text:
            return None
        pre = url_q("/cb?uid=7&%s=" % k, times)
        post = url_q("&x=1", times)
        return ["GET /sso/login?redirect=" + pre, seg_for(v), post + "&t=1 HTTP/1.1"]
    return f


def f_url_json(k, v):
    """JSON in a query parameter, percent-encoded: data=%7B%22k%22%3A%22v%22%7D"""
    if not json_ok(v):
        return None
    r = url_rep(v, 1, allow_promised=True)
    if r is None:
        return None
    pre = url_q('{"uid":7,"%s":"' % k, 1)
    post = url_q('","ok":1}', 1)
    return ["POST /track?data=" + pre, seg_for(v, r) if r != v.text else seg_for(v),
            post + " HTTP/1.1"]


def f_header(k, v):
    if is_cjk(k):
        return None
    return ["%s: " % title_kebab(k), seg_for(v)]


def f_header_x(k, v):
    if is_cjk(k):
        return None
    return ["X-%s: " % title_kebab(k), seg_for(v)]


def f_cli(k, v):
    if is_cjk(k) or " " in v.text:
        return None
    return ["/usr/bin/app --verbose --%s=" % kebab(k), seg_for(v), " --port=8080"]


def f_xml_elem(k, v):
    if is_cjk(k) or re.search(r"[<>&]", v.text):
        return None
    return ["<user><id>7</id><%s>" % camel(k), seg_for(v), "</%s></user>" % camel(k)]


def f_xml_attr(k, v):
    if is_cjk(k) or re.search(r'[<>&"]', v.text):
        return None
    return ['<user id="7" %s="' % camel(k), seg_for(v), '" state="1"/>']


def f_properties(k, v):
    if is_cjk(k) or quoted_only(v):
        return None
    return ["app.client.%s=" % kebab(k), seg_for(v)]


def f_env(k, v):
    if is_cjk(k) or quoted_only(v):
        return None
    return ["APP_%s=" % upper_snake(k), seg_for(v)]


def f_yaml(k, v):
    if is_cjk(k):
        return None
    return ["    %s: " % "_".join(words(k)), seg_for(v)]


def f_java_field(k, v):
    if is_cjk(k) or quoted_only(v):
        return None
    c = camel(k)
    return ["    m%s%s=" % (c[0].upper(), c[1:]), seg_for(v), " mState=1"]


def f_lombok(k, v):
    if is_cjk(k) or ", " in v.text or ")" in v.text:
        return None
    return ["UserDTO(id=7, %s=" % camel(k), seg_for(v), ", status=ACTIVE)"]


def f_fullwidth(k, v):
    if not is_cjk(k) or "，" in v.text:
        return None
    return ["提交成功 %s：" % k, seg_for(v), "，状态：正常"]


def f_cjk_colon(k, v):
    if not is_cjk(k) or quoted_only(v):
        return None
    return ["提交成功 %s:" % k, seg_for(v), " 状态:正常"]


FORMS = [
    ("json string", f_json_str),
    ("json number", f_json_num),
    ("json escaped once", make_nested(1)),
    ("json escaped twice", make_nested(2)),
    ("json escaped three times", make_nested(3)),
    ("json number escaped once", make_nested(1, number=True)),
    ("docker json-file", make_nested(1, docker=True)),
    ("docker json-file, escaped app json twice", make_nested(2, docker=True)),
    ("json \\u-escaped CJK key", f_json_uescape_key),
    ("k=v sep ' '", make_kv(" ")),
    ("k=v sep '&'", make_kv("&")),
    ("k=v sep ';'", make_kv(";")),
    ("k=v sep ','", make_kv(",")),
    ("k=v sep ', '", make_kv(", ")),
    ("url query", f_url_query),
    ("url query encoded once (%3D %26)", make_url_nested(1)),
    ("url query encoded twice (%253D %2526)", make_url_nested(2)),
    ("url encoded json (%22)", f_url_json),
    ("header", f_header),
    ("header X-", f_header_x),
    ("cli --key=", f_cli),
    ("xml element", f_xml_elem),
    ("xml attribute", f_xml_attr),
    ("properties", f_properties),
    ("env", f_env),
    ("yaml", f_yaml),
    ("java field mKey=", f_java_field),
    ("lombok toString", f_lombok),
    ("full-width colon", f_fullwidth),
    ("CJK key ascii colon", f_cjk_colon),
]
CJK_FORMS = {"json string", "json escaped once", "json \\u-escaped CJK key", "k=v sep '&'",
             "url query", "url query encoded once (%3D %26)", "url encoded json (%22)",
             "full-width colon", "CJK key ascii colon"}


def vname(v):
    return "%s/%s" % (v.typ, v.kind)


def mk(name, segs_or_none):
    if segs_or_none is None:
        return None
    return Case(name, segs_or_none)


def keys_for(v):
    return v.keys if v.keys else KEYS[v.typ]


def value_cases(vals):
    """1. The value table: every value bare (if found bare) and under its
    keys (key=value and a JSON member)."""
    out = []
    for typ, vs in vals.items():
        if typ.endswith("_KEYS"):
            continue
        for v in vs:
            if v.bare:
                out.append(Case("%s | bare | space" % vname(v), ["value ", seg_for(v), " end"]))
            for k in keys_for(v):
                if is_cjk(k) and not v.cjk:
                    continue
                for fname, f in (("k=v sep ' '", make_kv(" ")), ("json string", f_json_str)):
                    c = mk("%s | %s key=%s | -" % (vname(v), fname, k), f(k, v))
                    if c:
                        out.append(c)
            if typ == "SECRET":
                for k in vals["SECRET_KEYS"]:
                    if (k == "cvv") != (v.kind == "cvv"):
                        continue     # a cvv is digits; digits are no password sample
                    c = mk("%s | k=v sep '&' key=%s | -" % (vname(v), k), make_kv("&")(k, v))
                    if c:
                        out.append(c)
    return out


def form_cases(vals):
    """2. Representative values in every context form."""
    out = []
    for typ, vs in vals.items():
        if typ.endswith("_KEYS"):
            continue
        for v in vs:
            if not v.rep:
                continue
            keys = [keys_for(v)[0]]
            if typ in CJK_KEYS and v.cjk and v.keys is None:
                keys.append(CJK_KEYS[typ])
            for k in list(keys_for(v)):
                if is_cjk(k) and k not in keys:
                    keys.append(k)
            for k in keys:
                for fname, f in FORMS:
                    if is_cjk(k) and fname not in CJK_FORMS:
                        continue
                    c = mk("%s | %s key=%s | -" % (vname(v), fname, k), f(k, v))
                    if c:
                        out.append(c)
            # key-name variants
            if v.keys is None or typ in ("DEVICE_ID", "GEO"):
                for k in VARIANTS.get(typ, []):
                    if typ == "GEO" and v.kind != "lat":
                        continue
                    if typ == "DEVICE_ID" and v.kind != "android_id 16 hex":
                        continue
                    if k.startswith("X-"):
                        out.append(Case("%s | header variant key=%s | -" % (vname(v), k),
                                        ["%s: " % k, seg_for(v)]))
                        continue
                    for fname, f in (("k=v sep ' '", make_kv(" ")), ("json string", f_json_str)):
                        c = mk("%s | %s variant key=%s | -" % (vname(v), fname, k), f(k, v))
                        if c:
                            out.append(c)
    return out


def special_cases(vals):
    """Forms named in the SPEC that need their own shape."""
    out = []
    P = vals["PHONE"][0].text
    S = Seg
    out.append(Case("PHONE/E.164 | tel: URI | -",
                    ['<a href="tel:', S("PHONE", "+4420718%s" % P[-5:]), '">call</a>']))
    out.append(Case("PHONE/mobile | tel: URI | -", ['<a href="tel:', S("PHONE", "+86" + P), '">']))
    # SECRET shapes
    jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.dBjftJeZ4CVP"
    out.append(Case("SECRET/bearer | header Authorization | -",
                    ["Authorization: ", S("SECRET", "Bearer " + jwt, (7, 7 + len(jwt)))]))
    out.append(Case("SECRET/bearer | curl -H Authorization | -",
                    ['curl -s -H "Authorization: ', S("SECRET", "Bearer " + jwt, (7, 7 + len(jwt))),
                     '" https://api.example.com/v1']))
    out.append(Case("SECRET/api key | header X-Api-Key | -",
                    ["X-Api-Key: ", S("SECRET", "k-9f8e7d6c5b4a39281706"), ""]))
    out.append(Case("SECRET/password | URL userinfo | -",
                    ["jdbc url mysql://app:", S("SECRET", "S3cr3tPw9"), "@db.internal.example:3306/app"]))
    out.append(Case("SECRET/password | URL userinfo https | -",
                    ["GET https://bob:", S("SECRET", "hunter2x"), "@example.com/x"]))
    out.append(Case("SECRET/session | Cookie JSESSIONID | -",
                    ["Cookie: JSESSIONID=", S("SECRET", "0A1B2C3D4E5F60718293A4B5C6D7E8F9"),
                     "; lang=zh-CN"]))
    out.append(Case("SECRET/session | Set-Cookie session | -",
                    ["Set-Cookie: session=", S("SECRET", "ab12cd34ef56Xy9Qz"), "; Path=/; HttpOnly"]))
    out.append(Case("SECRET/session | sid= | -",
                    ["GET /x?sid=", S("SECRET", "a8f5f167f44f4964e6c998dee827110c"), "&y=1"]))
    out.append(Case("SECRET/password | spring properties | -",
                    ["spring.datasource.password=", S("SECRET", "Db-Pass_2024")]))
    out.append(Case("SECRET/password | env MYSQL_ROOT_PASSWORD | -",
                    ["MYSQL_ROOT_PASSWORD=", S("SECRET", "r00tPw_x1")]))
    out.append(Case("SECRET/password | yaml password: | -",
                    ["  password: ", S("SECRET", "yamlPw_77")]))
    out.append(Case("SECRET/password | cli --password= | -",
                    ["mysql -u root --password=", S("SECRET", "cliPw_88"), " -h db"]))
    out.append(Case("SECRET/cvv | json number | -", ['{"cvv":', S("SECRET", "123"), "}"]))
    # NAME / PHONE in one Lombok dump
    n = vals["NAME"][0].text
    out.append(Case("NAME+PHONE | lombok UserDTO(name=, phone=) | -",
                    ["UserDTO(id=7, name=", S("NAME", n), ", phone=", S("PHONE", P), ")"]))
    out.append(Case("NAME/Latin full name | json string | -",
                    ['{"name":"', S("NAME", "Wang Fang"), '","age":30}']))
    out.append(Case("NAME/持卡人 | full-width colon | -", ["持卡人：", S("NAME", n), "，卡号：",
                                                       S("BANK_CARD", vals["BANK_CARD"][0].text), "。"]))
    out.append(Case("ADDRESS/English | xml element | -",
                    ["<address>", S("ADDRESS", "1600 Amphitheatre Pkwy"), "</address>"]))
    out.append(Case("ADDRESS/住址 | full-width colon | -",
                    ["住址：", S("ADDRESS", vals["ADDRESS"][0].text), "，电话：", S("PHONE", P)]))
    # GEO shapes
    lat, lng = vals["GEO"][0].text, vals["GEO"][1].text
    pair_ll = lng + "," + lat
    out.append(Case("GEO/lng,lat | location= (Amap) | -",
                    ["location=", S("GEO", pair_ll, (0, len(pair_ll))), "&key=x"]))
    out.append(Case("GEO/lng,lat | lnglat= | -",
                    ["lnglat=", S("GEO", pair_ll, (0, len(pair_ll))), " ok"]))
    out.append(Case("GEO/lng,lat | GeoJSON coordinates | -",
                    ['{"type":"Point","coordinates":[', S("GEO", pair_ll, (0, len(pair_ll))), "]}"]))
    out.append(Case("GEO/lat+lng | json numbers | -",
                    ['{"lat":', S("GEO", lat), ',"lng":', S("GEO", lng), "}"]))
    out.append(Case("GEO/lat+lng | query | -",
                    ["GET /near?latitude=", S("GEO", lat), "&longitude=", S("GEO", lng), "&r=5"]))
    # EMAIL shapes
    out.append(Case("EMAIL/plain | mailto: | -",
                    ['<a href="mailto:', S("EMAIL", "alice.w@example.com"), '">mail</a>']))
    out.append(Case("EMAIL/plain | touching CJK both sides | -",
                    ["请联系", S("EMAIL", "alice.w@example.com"), "获取"]))
    # MAC shapes
    m1 = vals["MAC"][0].text
    m2 = vals["MAC"][1].text.lower()
    out.append(Case("MAC/netfilter | MAC= dst:src:type | -",
                    ["kernel: IN=eth0 OUT= MAC=", S("MAC", m1), ":", S("MAC", m2),
                     ":08:00 SRC=", S("IPV4", vals["IPV4"][0].text), " DST=",
                     S("IPV4", vals["IPV4"][1].text), " LEN=60"]))
    out.append(Case("MAC/pxelinux | 01- form | -",
                    ["TFTP RRQ pxelinux.cfg/01-", S("MAC", m1.replace(":", "-")), " from x"]))
    out.append(Case("MAC/RADIUS | Calling-Station-Id | -",
                    ['Calling-Station-Id = "', S("MAC", m1.replace(":", "-").upper()), '"']))
    bare12 = vals["MAC"][-1].text
    out.append(Case("MAC/bare 12 hex | RADIUS Calling-Station-Id | -",
                    ['Calling-Station-Id = "', S("MAC", bare12), '"']))
    # IPV4 / IPV6 shapes
    ip = vals["IPV4"][0].text
    ip2 = vals["IPV4"][1].text
    out.append(Case("IPV4/tcpdump | a.b.c.d.port | -",
                    ["IP ", S("IPV4", ip + ".443", (0, len(ip))), " > ",
                     S("IPV4", ip2 + ".51234", (0, len(ip2))), ": Flags [S]"]))
    h = "ip-" + ip.replace(".", "-")
    out.append(Case("IPV4/cloud host | ip-a-b-c-d | -",
                    ["host=", S("IPV4", h, (3, len(h))), ".ec2.internal ready"]))
    out.append(Case("IPV4/cloud host | ip-a-b-c-d bare | -",
                    ["Started ", S("IPV4", h, (3, len(h))), " kubelet"]))
    comp = vals["IPV6"][1].text
    out.append(Case("IPV6/bracketed | [addr]:port | -", ["connect [", S("IPV6", comp), "]:8443 ok"]))
    out.append(Case("IPV6/bracketed | url http://[addr]:port/ | -",
                    ["GET http://[", S("IPV6", comp), "]:8080/index.html"]))
    out.append(Case("IPV4/host:port | addr= | -",
                    ["addr=", S("IPV4", ip), ":8080 ok"]))
    out.append(Case("IPV4/plain | address= (an IP there is an IP) | -",
                    ["address=", S("IPV4", ip)]))
    out.append(Case("IPV4/host:port | remote_addr JSON | -",
                    ['{"remote_addr":"', S("IPV4", ip), ':51234"}']))
    # ICCID / DEVICE_ID
    out.append(Case("DEVICE_ID/android-<hex> | DHCP hostname | -",
                    ["DHCPREQUEST hostname=", seg_for(vals["DEVICE_ID"][-1]), " ok"]))
    return out


# --- glue -----------------------------------------------------------------

def gbk_letter_chars():
    """GBK characters whose second byte is an ASCII hex letter."""
    res = []
    for t in b"AaFfDd":
        for lead in (0xD5, 0xC4, 0xB0, 0x81):
            bb = bytes([lead, t])
            try:
                bb.decode("gbk")
            except UnicodeDecodeError:
                continue
            res.append(bb)
            break
    return res


def glue_lists():
    before = [("space", " "), ("tab", "\t"), (",", ","), (";", ";"), ("(", "("),
              ("[", "["), ('"', '"'), ("'", "'"), ("=", "="), (":", ":"),
              ("UTF-8 号", "号"), ("UTF-8 的", "的"), ("GBK 号", "号".encode("gbk")),
              ("GBK 手机", "手机".encode("gbk")),
              ("full-width ：", "："), ("full-width ，", "，"), ("full-width （", "（"),
              ("%3D", "%3D"), ("%20", "%20"), ("%22", "%22"), ("%253D", "%253D"),
              ("%E5%8F%B7", "%E5%8F%B7"), ("\\x22", "\\x22"), ("\\u0022", "\\u0022"),
              ("\\u53f7", "\\u53f7")]
    for bb in gbk_letter_chars():
        before.append(("GBK %s (2nd byte %r)" % (bb.decode("gbk"), chr(bb[1])), bb))
    after = [("space", " "), ("tab", "\t"), (",", ","), (";", ";"), (")", ")"),
             ("]", "]"), ('"', '"'), ("'", "'"), (":", ":"), ("&", "&"),
             ("UTF-8 号", "号"), ("UTF-8 的", "的"), ("GBK 的", "的".encode("gbk")),
             ("full-width ，", "，"), ("full-width 。", "。"), ("full-width ）", "）"),
             ("%26", "%26"), ("%20", "%20"), ("%22", "%22"), ("%2526", "%2526"),
             ("%E7%9A%84", "%E7%9A%84"), ("\\x22", "\\x22"), ("\\u0022", "\\u0022"),
             ("\\u53f7", "\\u53f7")]
    for bb in gbk_letter_chars()[:2]:
        after.append(("GBK %s (2nd byte %r)" % (bb.decode("gbk"), chr(bb[1])), bb))
    return before, after


def glue_meaningful(v, side, gname):
    colon_hex = (v.typ == "MAC" and ":" in v.text) or v.typ == "IPV6"
    if gname == ":" and colon_hex:
        return False
    if gname == ":" and v.typ == "GEO":
        return False
    if side == "after" and v.typ == "IPV6" and gname.startswith("%"):
        return False
    if side == "before" and v.typ == "EMAIL" and gname in ("'", "="):
        return False
    if v.typ == "GEO" and gname in (",", "full-width ，"):
        return False
    return True


def glue_cases(vals):
    """3. Glue bytes before and after each bare value."""
    before, after = glue_lists()
    out = []
    for typ, vs in vals.items():
        if typ.endswith("_KEYS"):
            continue
        for v in vs:
            if not (v.bare and v.glue):
                continue
            out.append(Case("%s | bare | line start and end (alone)" % vname(v), [seg_for(v)]))
            out.append(Case("%s | bare | line start" % vname(v), [seg_for(v), " end"]))
            out.append(Case("%s | bare | line end" % vname(v), ["value ", seg_for(v)]))
            for gname, g in before:
                if glue_meaningful(v, "before", gname):
                    out.append(Case("%s | bare | before=%s" % (vname(v), gname),
                                    ["value ", g, seg_for(v), " end"]))
            for gname, g in after:
                if glue_meaningful(v, "after", gname):
                    out.append(Case("%s | bare | after=%s" % (vname(v), gname),
                                    ["value ", seg_for(v), g, " end"]))
            # glued at line start / end
            for gname, g in (("UTF-8 号", "号"), ("%3D", "%3D"), ("\\u53f7", "\\u53f7")):
                if glue_meaningful(v, "after", gname):
                    out.append(Case("%s | bare | line start, then value, after=%s" % (vname(v), gname),
                                    [seg_for(v), g]))
                if glue_meaningful(v, "before", gname):
                    out.append(Case("%s | bare | before=%s, value at line end" % (vname(v), gname),
                                    [g, seg_for(v)]))
    # free-text values under a key end at glue bytes too
    ends = [("space", " "), ("tab", "\t"), (",", ","), (";", ";"), ("&", "&"),
            ("full-width ，", "，"), ("full-width 。", "。"), ("%26", "%26"), ("%22", "%22"),
            ("\\x22", "\\x22"), ("\\u0022", "\\u0022"), ("line end", "")]
    for typ, key in (("SECRET", "password"), ("NAME", "real_name"), ("ADDRESS", "address"),
                     ("DEVICE_ID", "android_id"), ("MEID", "meid"), ("GEO", "lat")):
        v = [x for x in vals[typ] if x.rep][0]
        for gname, g in ends:
            out.append(Case("%s | k=v key=%s | after=%s" % (vname(v), key, gname),
                            ["x=1 %s=" % key, seg_for(v), g, (" end" if g else "")]))
    return out


def hexkey_cases(vals):
    """3b. Key letters glued before hex values are never part of them."""
    out = []
    macs = [v for v in vals["MAC"] if v.bare]
    for v in macs:
        for kn in ("MAC:", "mac:", "btMac:", "wifiMac:", "BSSID:", "bssid:", "MAC=", "Mac "):
            out.append(Case("%s | key letters | before=%s" % (vname(v), kn),
                            ["dev ", kn, seg_for(v), " up"]))
    for v in [x for x in vals["IPV6"] if x.core is None]:
        for kn in ("IPv6:", "ipv6:", "IPV6:", "[IPV6]:", "ipv6=", "addr6:", "inet6 "):
            out.append(Case("%s | key letters | before=%s" % (vname(v), kn),
                            ["if0 ", kn, seg_for(v), " up"]))
    # RADIUS Called-Station-Id = "MAC:SSID", SSIDs starting with hex letters
    for v in [x for x in macs if "-" in x.text and len(x.text) == 17]:
        for ssid in ("CafeNet", "eduroam", "FreeWiFi", "Dlink_5G", "BeeHive", "abc", "Guest"):
            out.append(Case("%s | RADIUS Called-Station-Id MAC:SSID | after=:%s" % (vname(v), ssid),
                            ['Called-Station-Id = "', seg_for(v), ':%s"' % ssid]))
    # MEID / android_id under keys whose letters are hex
    me = vals["MEID"][0]
    for kn in ("meid:", "MEID=", "deviceMeid="):
        out.append(Case("%s | key letters | before=%s" % (vname(me), kn), ["x ", kn, seg_for(me), " y"]))
    ad = vals["DEVICE_ID"][0]
    for kn in ("android_id:", "androidId=", "ANDROID_ID:"):
        out.append(Case("%s | key letters | before=%s" % (vname(ad), kn), ["x ", kn, seg_for(ad), " y"]))
    return out


# --- negatives ------------------------------------------------------------

def valid_somehow(run):
    """Could the digit run itself be a value of some type (so that finding
    it whole would be right)? Conservative."""
    n = len(run)
    if 13 <= n <= 19 and luhn_ok(run):
        return True
    if n in (19, 20) and run.startswith("89"):
        return True
    if n == 15 and run.startswith("460"):
        return True
    if re.fullmatch(r"(0086|86)?1[3-9]\d{9}", run):
        return True
    if n in (15, 18) and run[:2] in PROVINCES:
        return True
    return looks_cnid(run)


ANY = "ANY"


def negative_cases(vals, rng):
    out = []

    def neg(name, text, types=ANY):
        out.append(Case("negative | %s" % name, [text], neg=types))

    # numeric values inside longer digit runs and after a decimal point
    for typ in ("PHONE", "CN_ID", "BANK_CARD", "IMEI", "IMSI", "ICCID"):
        for v in vals[typ]:
            if not v.bare or not re.fullmatch(r"[0-9]+", v.text):
                continue
            for where in ("before", "after", "both"):
                for pad in "9753186":
                    run = (pad if where != "after" else "") + v.text + (pad if where != "before" else "")
                    if not valid_somehow(run):
                        break
                else:
                    continue
                neg("%s inside a longer digit run (%s)" % (vname(v), where),
                    "seq " + run + " end")
            neg("%s after a decimal point" % vname(v), "ratio=0." + v.text + " ok")
            neg("%s after a decimal point, bare" % vname(v), "took 3." + v.text + "s")
    neg("score=0.13812345678 (SPEC)", "score=0.13812345678")
    neg("a longitude is no 3-8 dot-grouped phone", "lon 132.51247152 course=138.12345678")
    # versions, not IPs
    for t in ("Mozilla/5.0 Chrome/120.0.0.0 Safari/537.36", "app_ver=1.2.3.4",
              "loaded app.jar:1.2.0.4", "Windows 10.0.19045.3693", "v=1.2.3.4.5",
              "build 2.3.4.5-SNAPSHOT"):
        neg("version is no IPV4: %s" % t, t, {"IPV4"})
    for t in ("Db::Add(x)", "std::map<Abc, Def> m;", "at 10:23:45 done",
              "2024-05-01 10:23:45.123 INFO", "12:00:00", "Foo::Bar::baz()", "a::b", "Abc::Def"):
        neg("no IPV6: %s" % t, t)
    for t in ("listen 127.0.0.1:8080", "bind 0.0.0.0", "mask 255.255.255.0",
              "bcast 255.255.255.255", "netmask 255.255.0.0", "lo 127.0.0.53",
              "listen [::1]:80", "bind :: port 80", "addr ::1", "listen [::]:443"):
        neg("not personal: %s" % t, t)
    for t in ("wlan0 02:00:00:00:00:00", "mac=00:00:00:00:00:00", "FF:FF:FF:FF:FF:FF bcast",
              "ff:ff:ff:ff:ff:ff", "mac=02:00:00:00:00:00"):
        neg("MAC placeholder: %s" % t, t)
    for t in ("x 00:1a:2b:3c:4d:5e:6f y", "x 001a.2b3c.4d5e.6f70 y", "id 0a00:1a:2b:3c:4d:5e y",
              "sha 00a1b2c3d4e5f60718293a4b y"):
        neg("MAC inside a longer hex/colon run: %s" % t, t, {"MAC"})
    for t in ("load icon@2x.png", "bg@3x.webp ok", "git clone git@github.com:org/repo.git",
              "git@gitlab.example.com:team/app.git"):
        neg("not an email: %s" % t, t)
    for t in ("name=api-gateway", '{"name":"order-service","level":"info"}',
              "name=com.example.OrderService", "logger name=root", 'container name="nginx-proxy-1"'):
        neg("service/logger name: %s" % t, t, {"NAME"})
    card = vals["BANK_CARD"][0].text
    imei = vals["IMEI"][0].text
    for k in ("order_id", "trace_id", "orderId", "traceId", "request_id", "txn_id"):
        neg("Luhn-valid card under %s=" % k, "%s=%s" % (k, card))
        neg("Luhn-valid IMEI-like under %s=" % k, "%s=%s" % (k, imei))
    P = vals["PHONE"][0].text
    for t in ("count=%s" % P, "bytes=%s" % P, '{"bytes":%s}' % P, "retry_count=%s" % P,
              "body_bytes_sent=%s" % P, '"totalBytes":%s,' % P, "rx_bytes=%s" % card):
        neg("counter: %s" % t, t)
    # personal keys that contain an exclusion word: found
    acct = "6217" + "".join(rng.choice("0123456789") for _ in range(15))
    for k in ("account", "bankAccount", "payeeAccount", "payee_account", "bank_account",
              "account_no", "收款账号"):
        out.append(Case("BANK_CARD/account number | key containing 'count': %s= | -" % k,
                        ["%s=" % k, Seg("BANK_CARD", acct), "&x=1"]))
    out.append(Case("BANK_CARD/card | key containing 'count': account= | -",
                    ["account=", Seg("BANK_CARD", card), " ok"]))
    lat, lng = vals["GEO"][0].text, vals["GEO"][1].text
    pr = lat + "," + lng
    for k in ("position", "pos", "gps_position"):
        out.append(Case("GEO/lat,lng | key with exclusion word: %s= | -" % k,
                        ["%s=" % k, Seg("GEO", pr, (0, len(pr))), " ok"]))
    for k in ("serial_no", "serialNo", "device_serial"):
        out.append(Case("IMEI/plain | key with exclusion word: %s= | -" % k,
                        ["%s=" % k, Seg("IMEI", imei), " ok"]))
    out.append(Case("PHONE/plain | after a counter pair | -",
                    ["count=3 bytes=1024 phone=", Seg("PHONE", P)]))
    return out


# ---------------------------------------------------------------------------
# Running
# ---------------------------------------------------------------------------

def run(data, args, files=None):
    cmd = [SCRUB, "-k", KEY] + list(args) + (files or [])
    p = subprocess.run(cmd, input=data, env=ENV, stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, timeout=120)
    return p.returncode, p.stdout, p.stderr


def scan_lines(lines):
    """({index: [(type, start, end, lineno_reported)]}, {index: out_line},
    {index: error}) for `lines`, one scrub run per action; on an error the
    batch is split to find the line(s) responsible."""
    finds, outs, errs = {}, {}, {}

    def go(idx):
        data = b"".join(lines[i] + b"\n" for i in idx)
        bases = []
        pos = 0
        for i in idx:
            bases.append(pos)
            pos += len(lines[i]) + 1
        rc1, o1, e1 = run(data, ["--findings"])
        rc2, o2, e2 = run(data, ["-a", "all=redact"])
        olines = o2.split(b"\n")
        good = rc1 == 0 and rc2 == 0 and len(olines) == len(idx) + 1 and olines[-1] == b""
        parsed = []
        if good:
            for ln in o1.decode("utf-8", "replace").splitlines():
                try:
                    f = json.loads(ln)
                    parsed.append((f["type"], int(f["offset"]), int(f["length"]), int(f["line"])))
                except (ValueError, KeyError, TypeError):
                    good = False
                    break
        if not good:
            if len(idx) == 1:
                errs[idx[0]] = ("findings exit %d %r; redact exit %d %r, %d output lines" % (
                    rc1, e1.decode("utf-8", "replace")[:120], rc2,
                    e2.decode("utf-8", "replace")[:120], len(olines) - 1))
                return
            h = len(idx) // 2
            go(idx[:h])
            go(idx[h:])
            return
        for j, i in enumerate(idx):
            finds[i] = []
            outs[i] = olines[j]
        for t, off, ln, lno in parsed:
            j = bisect.bisect_right(bases, off) - 1
            i = idx[j]
            finds[i].append((t, off - bases[j], off - bases[j] + ln, lno - 1 == j))
    go(list(range(len(lines))))
    return finds, outs, errs


def show_line(line):
    try:
        return repr(line.decode("utf-8"))
    except UnicodeDecodeError:
        return repr(line)[1:]


def _utf8(x):
    try:
        x.decode("utf-8")
        return True
    except UnicodeDecodeError:
        return False


def fshow(line, fs):
    return "[" + ", ".join("%s %d+%d %s" % (t, s, e - s, show_line(line[s:e]))
                           for t, s, e, _ in fs) + "]"


def evaluate(case, fs, out):
    line = case.line
    probs = []
    if any(not lineok for *_, lineok in fs):
        probs.append("a finding reports the wrong line number")
    if any(e > len(line) for _, s, e, _ in fs):
        probs.append("a finding runs past the end of the line")
    if case.neg is not None:
        bad = [f for f in fs if case.neg == ANY or f[0] in case.neg]
        if bad:
            probs.append("unexpected findings %s" % fshow(line, bad))
        if case.neg == ANY and out != line:
            probs.append("output %s" % show_line(out))
        elif case.neg != ANY and out != line and not fs:
            probs.append("output changed without a finding: %s" % show_line(out))
        return probs
    used = set()
    for (t, s, e, cs, ce, loose) in case.exp:
        if not loose:
            hit = [i for i, f in enumerate(fs) if f[:3] == (t, s, e)]
            if hit:
                used.add(hit[0])
            else:
                probs.append("missing %s at %d+%d %s" % (t, s, e - s, show_line(line[s:e])))
        else:
            inside = [i for i, f in enumerate(fs) if f[0] == t and f[1] >= s and f[2] <= e]
            covered = set()
            for i in inside:
                covered.update(range(fs[i][1], fs[i][2]))
            used.update(inside)
            if not set(range(cs, ce)) <= covered:
                probs.append("no %s finding(s) covering %s within %s" % (
                    t, show_line(line[cs:ce]), show_line(line[s:e])))
    extra = [f for i, f in enumerate(fs) if i not in used]
    if extra:
        probs.append("unexpected findings %s" % fshow(line, extra))
    # output: every accepted finding (the exact spans, and in a loose region
    # the findings that cover it) replaced by [TYPE], all else byte for byte
    spans = sorted((fs[i][1], fs[i][2], fs[i][0]) for i in used)
    want = bytearray()
    pos = 0
    for s, e, t in spans:
        if s < pos:
            continue
        want += line[pos:s] + b"[" + t.encode() + b"]"
        pos = e
    want += line[pos:]
    exact_ok = all(any(f[:3] == (t, s, e) for f in fs)
                   for (t, s, e, _, _, loose) in case.exp if not loose)
    if not exact_ok:
        # a missing exact span: compare with what a correct scrub writes
        want = bytearray()
        pos = 0
        for (t, s, e, _, _, _) in sorted(case.exp, key=lambda x: x[1]):
            want += line[pos:s] + b"[" + t.encode() + b"]"
            pos = e
        want += line[pos:]
    if out != bytes(want):
        probs.append("output %s" % show_line(out))
    return probs


def run_cases(cases):
    lines = [c.line for c in cases]
    finds, outs, errs = scan_lines(lines)
    for i, c in enumerate(cases):
        if i in errs:
            not_ok(c.name, "input %s: %s" % (show_line(c.line), errs[i]))
            continue
        probs = evaluate(c, finds[i], outs[i])
        if probs:
            not_ok(c.name, "input %s: %s" % (show_line(c.line), "; ".join(probs)))
        else:
            ok(c.name)


# --- 5. FILE arguments ------------------------------------------------------

def build_file(parts):
    """bytes and [(type, offset, length, line)] of a file made of parts."""
    data = bytearray()
    spans = []
    for x in parts:
        if isinstance(x, Seg):
            spans.append((x.typ, len(data), len(x.text), data.count(b"\n") + 1))
            data += x.text
        else:
            data += b(x)
    return bytes(data), spans


def redact(data, spans):
    o = bytearray()
    pos = 0
    for t, s, ln, _ in sorted(spans, key=lambda x: x[1]):
        o += data[pos:s] + b"[" + t.encode() + b"]"
        pos = s + ln
    return bytes(o + data[pos:])


def file_checks(vals):
    """5. Each FILE is its own stream: a last line without a newline ends at
    its file's end, so values on both sides of the boundary are found and
    offsets/lines count per file (SPEC section 3)."""
    P1 = vals["PHONE"][0].text
    P2 = vals["PHONE"][1].text            # +86...
    ip = vals["IPV4"][0].text
    em = vals["EMAIL"][0].text
    mac = vals["MAC"][0].text
    m3 = vals["PHONE"][3].text
    S = Seg
    pairs = [
        ("phone | phone", ["first ", S("EMAIL", em), "\nlast line ends with ", S("PHONE", P1)],
         [S("PHONE", m3), " starts f2\nmac ", S("MAC", mac), "\n"]),
        ("ipv4 | +86 phone", ["a\nhost ", S("IPV4", ip)], [S("PHONE", P2), " x\n"]),
        ("mac | ipv4, f1 one line", [S("MAC", mac)], [S("IPV4", ip), "\n"]),
        ("CN_ID | IMEI", ["id ", S("CN_ID", vals["CN_ID"][0].text)],
         [S("IMEI", vals["IMEI"][0].text), "\r\n"]),
    ]
    for name, parts1, parts2 in pairs:
        p1 = os.path.join(TMP, "f1.log")
        p2 = os.path.join(TMP, "f2.log")
        f1, s1 = build_file(parts1)
        f2, s2 = build_file(parts2)
        with open(p1, "wb") as f:
            f.write(f1)
        with open(p2, "wb") as f:
            f.write(f2)
        want = set((p1,) + x for x in s1) | set((p2,) + x for x in s2)
        rc, out, err = run(b"", ["--findings"], [p1, p2])
        got = set()
        probs = []
        for ln in out.decode("utf-8", "replace").splitlines():
            try:
                f = json.loads(ln)
                got.add((f.get("file"), f["type"], f["offset"], f["length"], f["line"]))
            except (ValueError, KeyError) as ex:
                probs.append("bad findings line %r (%s)" % (ln[:80], ex))
        nm = "files (%s): f1 ends in a value without newline, f2 starts with one: --findings" % name
        if rc != 0:
            not_ok(nm, "exit %d %r" % (rc, err[:200]))
        elif got != want or probs:
            not_ok(nm, "f1 %r f2 %r: missing %r, unexpected %r %s" % (
                f1, f2, sorted(want - got), sorted(got - want), "; ".join(probs)))
        else:
            ok(nm)
        rc, out, err = run(b"", ["-a", "all=redact"], [p1, p2])
        want_out = redact(f1, s1) + redact(f2, s2)
        nm = "files (%s): -a all=redact output is both files, byte for byte" % name
        if rc != 0:
            not_ok(nm, "exit %d %r" % (rc, err[:200]))
        elif out != want_out:
            not_ok(nm, "output %r, want %r" % (out, want_out))
        else:
            ok(nm)


def main():
    if not os.access(SCRUB, os.X_OK):
        not_ok("scrub binary", "%s is not executable (run make)" % SCRUB)
        sys.exit(tap_summary())
    setup()
    print("# seed %d (SCRUB_FORMS_SEED)" % SEED, flush=True)
    try:
        rng = random.Random(SEED)
        vals = gen_values(rng)
        cases = (value_cases(vals) + form_cases(vals) + special_cases(vals) +
                 glue_cases(vals) + hexkey_cases(vals) + negative_cases(vals, rng))
        uniq, seen_lines = [], set()
        for c in cases:          # the same case made twice runs once
            if (c.name, c.line) not in seen_lines:
                seen_lines.add((c.name, c.line))
                uniq.append(c)
        cases = uniq
        seen = {}
        for c in cases:          # names are unique: number repeats
            n = seen.get(c.name, 0)
            seen[c.name] = n + 1
            if n:
                c.name = "%s #%d" % (c.name, n + 1)
        run_cases(cases)
        file_checks(vals)
    finally:
        shutil.rmtree(TMP, ignore_errors=True)
    sys.exit(tap_summary())


if __name__ == "__main__":
    main()
