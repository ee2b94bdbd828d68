#!/usr/bin/env python3
"""Labelled corpus generator for the scrub detection benchmark.

Writes realistic mixed logs (nginx access, JSON app logs, Android logcat,
Chinese-language app logs, syslog) to --out, and one JSON Lines label per
true personal-data value to --labels:

    {"type":"PHONE","offset":1234,"length":11}

offset/length are in bytes of the output file (the text is UTF-8, so CJK
characters count three bytes each).

Every labelled value is valid by its format definition (Luhn, ISO 7064
MOD 11-2, IIN ranges, octet ranges...), and every look-alike is checked to
be *invalid* under the same rules, so a finding on a look-alike is a real
false positive and a missed label is a real false negative.

With --extended the corpus also carries the context types of SPEC §1
(IMSI, ICCID, MEID, DEVICE_ID, GEO, SECRET, NAME, ADDRESS) and the
context-only forms of core types, under their keys in JSON, escaped JSON,
key=value, query strings, headers and Chinese text; labels then carry a
"form" member, and decoys (values under keys that must not be reported)
go to --decoys.  --hard adds forms scrub is not expected to handle yet.
A label is the value only: never the key, the quotes or an escape.

Label span conventions (see bench/README.md):
  PHONE      includes the country prefix and its separator (+86 , 0086-, %2B86)
  IPV4       the address only, never the :port
  IPV6       the address, including a %zone; never the [brackets] or :port
  EMAIL      local part .. TLD, with %40 when the @ is URL-encoded

Python 3 standard library only.  Same seed + same options = same bytes.
"""

import argparse
import datetime as dt
import io
import ipaddress
import json
import random
import re
import sys

# ---------------------------------------------------------------------------
# Validators.  The generator re-checks its own output with these, so a label
# is only written for a value that is valid by definition, and a look-alike
# only when it is not.

def luhn_ok(digits):
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = ord(ch) - 48
        if i % 2 == 1:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def luhn_complete(partial):
    """Append the Luhn check digit that makes `partial` valid."""
    for c in "0123456789":
        if luhn_ok(partial + c):
            return partial + c
    raise AssertionError("unreachable")


def luhn_break(digits):
    """Return `digits` with the last digit changed so the Luhn check fails."""
    if not luhn_ok(digits):
        return digits
    # The last digit is never doubled, so +1 shifts the sum by exactly 1.
    return digits[:-1] + str((int(digits[-1]) + 1) % 10)

MOD11_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
MOD11_CHARS = "10X98765432"   # indexed by (weighted sum mod 11)

# GB/T 2260 province-level codes (first two digits of a resident ID).
PROVINCES = (11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37,
             41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65)


def cn_id_check_char(first17):
    s = sum(int(c) * w for c, w in zip(first17, MOD11_WEIGHTS))
    return MOD11_CHARS[s % 11]


def cn_id_checksum_ok(s):
    return (len(s) == 18 and s[:17].isdigit()
            and s[17].upper() == cn_id_check_char(s[:17]))


def cn_id_valid(s):
    """Full GB 11643 validity as this corpus defines it (birth 1950-2010)."""
    if not cn_id_checksum_ok(s) or int(s[:2]) not in PROVINCES:
        return False
    try:
        birth = dt.date(int(s[6:10]), int(s[10:12]), int(s[12:14]))
    except ValueError:
        return False
    return dt.date(1950, 1, 1) <= birth <= dt.date(2010, 12, 31)


# (brand, IIN ranges as (low, high) of equal digit count, allowed lengths)
CARD_BRANDS = (
    ("unionpay", ((62, 62),), (16, 17, 18, 19)),
    ("visa", ((4, 4),), (16,)),
    ("mastercard", ((51, 55), (2221, 2720)), (16,)),
    ("amex", ((34, 34), (37, 37)), (15,)),
    ("jcb", ((3528, 3589),), (16,)),
    ("discover", ((6011, 6011), (65, 65)), (16,)),
    ("diners", ((36, 36),), (14,)),
)


def card_brand(digits):
    """Brand whose IIN range and length `digits` fits, else None."""
    for brand, ranges, lengths in CARD_BRANDS:
        if len(digits) not in lengths:
            continue
        for low, high in ranges:
            n = len(str(low))
            if low <= int(digits[:n]) <= high:
                return brand
    return None


def card_valid(digits):
    return digits.isdigit() and card_brand(digits) is not None and luhn_ok(digits)


# The widest IIN/length table in common use (some tables let Diners Club
# issue 14-19 digits from 300-305, 3095, 36, 38-39, UnionPay use 81...).
# Only used to keep other types' values from *also* reading as a card.
BROAD_CARD_RANGES = (
    ((62, 62), (81, 81), (3528, 3589), (6011, 6011), (644, 649), (65, 65)), range(16, 20),
    ((4, 4),), (13, 16, 19),
    ((51, 55), (2221, 2720)), (16,),
    ((34, 34), (37, 37)), (15,),
    ((300, 305), (3095, 3095), (36, 36), (38, 39)), range(14, 20),
)


def card_valid_any(digits):
    if not (digits.isdigit() and luhn_ok(digits)):
        return False
    for i in range(0, len(BROAD_CARD_RANGES), 2):
        ranges, lengths = BROAD_CARD_RANGES[i], BROAD_CARD_RANGES[i + 1]
        if len(digits) in lengths and any(
                low <= int(digits[:len(str(low))]) <= high for low, high in ranges):
            return True
    return False


# GSMA reporting body identifiers (first two digits of a TAC).
IMEI_RBI = ("35", "86", "01", "99", "49", "44", "45", "33", "30", "53")


def imei_valid(digits):
    return (len(digits) == 15 and digits.isdigit() and digits[:2] in IMEI_RBI
            and luhn_ok(digits))


def phone_core_valid(digits):
    return (len(digits) == 11 and digits.isdigit() and digits[0] == "1"
            and digits[1] in "3456789")


MAC_RE = re.compile(r"^(?:[0-9A-Fa-f]{2}([:-])(?:[0-9A-Fa-f]{2}\1){4}[0-9A-Fa-f]{2}"
                    r"|[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4})$")


def mac_valid(s):
    if not MAC_RE.match(s):
        return False
    hexdigits = re.sub(r"[^0-9A-Fa-f]", "", s).lower()
    return hexdigits not in ("0" * 12, "f" * 12)


def digit_run_hazards(run, next_char=""):
    """Why a maximal run of digits would be a finding under *some* rule.

    Deliberately stricter than SPEC (e.g. any Luhn-valid 13-19 digit run,
    whatever its IIN) so that look-alikes stay clearly outside every rule.
    Returns a list of reasons; empty means the run is a safe look-alike.
    """
    n = len(run)
    why = []
    if phone_core_valid(run):
        why.append("phone")
    if n == 13 and run.startswith("86") and phone_core_valid(run[2:]):
        why.append("phone+86")
    if n == 15 and run.startswith("0086") and phone_core_valid(run[4:]):
        why.append("phone+0086")
    if 13 <= n <= 19 and luhn_ok(run):
        why.append("luhn")
    if n == 18 and cn_id_checksum_ok(run):
        why.append("cn_id")
    if n == 17 and next_char in ("X", "x") and cn_id_checksum_ok(run + "X"):
        why.append("cn_id")
    if n == 15 and run.startswith("460"):
        why.append("imsi")
    if n in (19, 20) and run.startswith("89"):
        why.append("iccid")
    return why


DIGIT_RUN_RE = re.compile(r"(?<![0-9])[0-9]+(?![0-9])")
# Separator-grouped digit shapes: phone 3-4-4, card 4-4-4-4, IMEI 2-6-6-1.
GROUPED_RE = re.compile(r"(?<![0-9])(?:\d{3}([ -])\d{4}\1\d{4}|\d{4}([ -])\d{4}\2\d{4}\2\d{4}"
                        r"|\d{2}-\d{6}-\d{6}-\d)(?![0-9])")


def grouped_hazard(text):
    d = re.sub(r"\D", "", text)
    return phone_core_valid(d) or luhn_ok(d)


def text_is_safe_lookalike(text):
    """True when no digit run or grouped digit shape in `text` is a hazard.

    Letters do not count as a boundary here: a detector may (and for CJK
    must) match a number that touches letters, so 'f16793423705' inside a
    UUID would be an accidental phone."""
    for m in DIGIT_RUN_RE.finditer(text):
        nxt = text[m.end():m.end() + 1]
        if digit_run_hazards(m.group(), nxt):
            return False
    return not any(grouped_hazard(m.group()) for m in GROUPED_RE.finditer(text))


# ---------------------------------------------------------------------------
# Value generators.  Each returns a list of segments (text, label_type|None)
# so that brackets, ports and the like stay outside the label span.
#
# ctx says where the value lands, which restricts the variants:
#   "query"  URL query string (no raw spaces, no raw %zone)
#   "json"   a JSON string member
#   "kv"     key=value in a space separated line (no spaces inside)
#   "text"   free prose (syslog message, JSON "msg")
#   "cjk"    directly touching CJK characters on both sides
#   "remote" nginx $remote_addr (an address only: no port, no zone)

def rand_digits(rng, n):
    return "".join(rng.choice("0123456789") for _ in range(n))


def hexstr(rng, n):
    return "".join(rng.choice("0123456789abcdef") for _ in range(n))


def pick(rng, weighted):
    """weighted: sequence of (value, weight)."""
    values = [v for v, _ in weighted]
    weights = [w for _, w in weighted]
    return rng.choices(values, weights)[0]


PHONE_PREFIXES = tuple(
    [str(p) for p in range(130, 140)] + ["145", "147", "149"]
    + [str(p) for p in range(150, 160) if p != 154]
    + ["162", "165", "166", "167", "170", "171", "172", "173", "175", "176",
       "177", "178"] + [str(p) for p in range(180, 190)]
    + ["190", "191", "192", "193", "195", "196", "197", "198", "199"])


def phone_prefix(rng, ctx):
    """(country prefix, separator after it) suitable for ctx."""
    if ctx == "query":
        p = pick(rng, (("", 55), ("%2B86", 25), ("86", 10), ("0086", 10)))
        sep = pick(rng, (("", 70), ("-", 20), ("%20", 10))) if p == "%2B86" \
            else pick(rng, (("", 80), ("-", 20)))
    elif ctx == "cjk":
        p = pick(rng, (("", 70), ("+86", 30)))
        sep = ""
    else:
        p = pick(rng, (("", 50), ("+86", 25), ("86", 10), ("0086", 15)))
        seps = (("", 50), ("-", 25), (" ", 25)) if ctx != "kv" else (("", 70), ("-", 30))
        sep = rng.choices([s for s, _ in seps], [w for _, w in seps])[0]
    return p, (sep if p else "")


def phone_grouping(rng, ctx):
    if ctx == "query" and EXT["on"]:
        return pick(rng, (("", 75), ("-", 15), ("%20", 10)))
    if ctx in ("query", "kv", "cjk"):
        return pick(rng, (("", 85), ("-", 15)))
    return pick(rng, (("", 60), (" ", 20), ("-", 20)))


def gen_phone(rng, ctx):
    while True:
        core = rng.choice(PHONE_PREFIXES) + rand_digits(rng, 8)
        prefix, psep = phone_prefix(rng, ctx)
        g = phone_grouping(rng, ctx)
        if g and prefix and not psep:
            psep = g  # nobody writes "+86138-1234-5678"
        body = core if not g else g.join((core[:3], core[3:7], core[7:]))
        text = prefix + psep + body
        # An unseparated 86/0086 form is a 13/15 digit run; keep it clear of
        # the Luhn-based rules so the only valid reading is PHONE.
        if prefix in ("86", "0086") and not psep and not g and luhn_ok(prefix + core):
            continue
        return [(text, "PHONE")]


def random_date(rng, start, end):
    return start + dt.timedelta(days=rng.randrange((end - start).days + 1))


def cn_id_body(rng):
    """First 17 characters: region (6), birth date (8), sequence (3)."""
    region = "%02d%02d%02d" % (rng.choice(PROVINCES), rng.randint(1, 20), rng.randint(1, 30))
    birth = random_date(rng, dt.date(1950, 1, 1), dt.date(2010, 12, 31))
    return region + birth.strftime("%Y%m%d") + rand_digits(rng, 3)


def gen_cn_id(rng, ctx):
    while True:
        body = cn_id_body(rng)
        check = cn_id_check_char(body)
        # An all-digit ID that also passes Luhn would be an 18-digit UnionPay
        # card (62 = Gansu); a 17-digit Luhn body before X likewise.  Skip
        # them so each label has exactly one valid reading.
        if luhn_ok(body + check if check != "X" else body):
            continue
        if check == "X" and rng.random() < 0.35:
            check = "x"
        return [(body + check, "CN_ID")]


# Issuer prefixes: a few real Chinese UnionPay BINs, otherwise the brand range.
UNIONPAY_BINS = ("622202", "622848", "621700", "622588", "622262", "621483",
                 "622609", "621226", "623058", "625965")


def card_prefix(rng, brand):
    if brand == "unionpay":
        return rng.choice(UNIONPAY_BINS)
    if brand == "visa":
        return "4"
    if brand == "mastercard":
        return str(rng.randint(51, 55)) if rng.random() < 0.7 else str(rng.randint(2221, 2720))
    if brand == "amex":
        return rng.choice(("34", "37"))
    if brand == "jcb":
        return str(rng.randint(3528, 3589))
    if brand == "discover":
        return rng.choice(("6011", "65"))
    return "36"  # diners


CARD_WEIGHTS = (("unionpay", 45), ("visa", 15), ("mastercard", 15), ("amex", 6),
                ("jcb", 7), ("discover", 6), ("diners", 6))


def gen_card_number(rng):
    brand = pick(rng, CARD_WEIGHTS)
    lengths = dict((b, ls) for b, _, ls in CARD_BRANDS)[brand]
    length = pick(rng, ((16, 50), (17, 5), (18, 5), (19, 40))) if brand == "unionpay" \
        else lengths[0]
    while True:
        prefix = card_prefix(rng, brand)
        num = luhn_complete(prefix + rand_digits(rng, length - len(prefix) - 1))
        if length == 18 and cn_id_checksum_ok(num):
            continue  # would also read as a resident ID
        return num


def gen_bank_card(rng, ctx):
    num = gen_card_number(rng)
    if len(num) == 16 and ctx != "cjk":
        seps = (("", 60), ("-", 20), (" ", 20)) if ctx in ("json", "text") \
            else (("", 75), ("-", 25))
        g = pick(rng, seps)
        if g:
            num = g.join(num[i:i + 4] for i in range(0, 16, 4))
    return [(num, "BANK_CARD")]


def gen_imei(rng, ctx):
    while True:
        num = luhn_complete(rng.choice(IMEI_RBI) + rand_digits(rng, 12))
        # TAC 300-305 / 3095 + Luhn is also a 15-digit Diners Club number
        # under the broad table; such a value has no single right type.
        if not card_valid_any(num):
            break
    if ctx != "cjk" and rng.random() < 0.2:
        num = "-".join((num[:2], num[2:8], num[8:14], num[14]))
    return [(num, "IMEI")]


# A few real-looking OUIs (Huawei, Xiaomi, Apple, TP-Link, Cisco...) plus random ones.
OUIS = ("00e0fc", "286ed4", "f4f5db", "a4c3f0", "3c22fb", "50bd5f", "00259c",
        "b0be76", "d4ee07", "ac233f", "9c2ea1", "e0b94d")


def gen_mac(rng, ctx):
    while True:
        oui = rng.choice(OUIS) if rng.random() < 0.6 else hexstr(rng, 6)
        h = oui + hexstr(rng, 6)
        if h not in ("0" * 12, "f" * 12):
            break
    style = pick(rng, (("colon", 60), ("hyphen", 28), ("cisco", 12)))
    if style == "cisco":
        return [(".".join((h[0:4], h[4:8], h[8:12])), "MAC")]
    octets = [h[i:i + 2] for i in range(0, 12, 2)]
    case = pick(rng, (("lower", 50), ("upper", 35), ("mixed", 15)))
    if case == "upper":
        octets = [o.upper() for o in octets]
    elif case == "mixed":
        octets = [o.upper() if rng.random() < 0.5 else o for o in octets]
    return [((":" if style == "colon" else "-").join(octets), "MAC")]


SURNAMES = ("zhang", "wang", "li", "liu", "chen", "yang", "huang", "zhao", "wu",
            "zhou", "xu", "sun", "ma", "zhu", "hu", "guo", "he", "lin", "gao", "luo")
GIVEN = ("wei", "fang", "na", "min", "jing", "lei", "qiang", "yang", "jun", "yong",
         "yan", "jie", "tao", "ming", "chao", "xiu", "hua", "ping", "gang", "hui")
MAIL_DOMAINS = ("qq.com", "163.com", "126.com", "sina.com", "sohu.com", "foxmail.com",
                "gmail.com", "outlook.com", "hotmail.com", "yeah.net", "aliyun.com",
                "139.com", "example.com", "example.cn", "corp.example.com.cn",
                "mail.example.org")


def email_local(rng, domain, ctx):
    s, g = rng.choice(SURNAMES), rng.choice(GIVEN)
    if domain in ("qq.com", "foxmail.com") and rng.random() < 0.5:
        # QQ numbers: 5-10 digits.  Never 11, which could read as a phone.
        return str(rng.randint(1, 9)) + rand_digits(rng, rng.randint(4, 9))
    form = rng.randrange(6)
    local = (s + "." + g, s + g + str(rng.randint(1, 99)), g + "_" + s,
             s[0] + g + str(rng.randint(1960, 2005)), g + "-" + s, s + g)[form]
    if ctx == "json" and rng.random() < 0.1:
        local += "+" + rng.choice(("shop", "news", "work"))
    return local


def gen_email(rng, ctx):
    domain = rng.choice(MAIL_DOMAINS)
    local = email_local(rng, domain, ctx)
    if rng.random() < 0.2:  # people and forms do write mixed case
        local = local.capitalize() if rng.random() < 0.5 else local.upper()
        domain = domain.upper() if rng.random() < 0.4 else domain.capitalize()
    at = "%40" if ctx == "query" and rng.random() < 0.5 else "@"
    return [(local + at + domain, "EMAIL")]


def ipv4_text(rng):
    kind = pick(rng, (("10", 15), ("172", 10), ("192", 15), ("public", 60)))
    if kind == "10":
        o = [10, rng.randrange(256), rng.randrange(256), rng.randint(1, 254)]
    elif kind == "172":
        o = [172, rng.randint(16, 31), rng.randrange(256), rng.randint(1, 254)]
    elif kind == "192":
        o = [192, 168, rng.randrange(256), rng.randint(1, 254)]
    else:
        first = rng.choice([n for n in range(1, 224) if n not in (10, 127, 172, 192)])
        o = [first, rng.randrange(256), rng.randrange(256), rng.randint(1, 254)]
    return ".".join(map(str, o))


def gen_ipv4(rng, ctx, port_ok=True):
    segs = [(ipv4_text(rng), "IPV4")]
    if port_ok and ctx in ("json", "kv", "text", "query") and rng.random() < 0.25:
        segs.append((":" + str(rng.choice((80, 443, 8080, 3306, 6379, rng.randint(1024, 65535)))), None))
    return segs


IPV6_PREFIXES = ("2001:db8", "240e:3a1", "2408:8256", "2409:8a1e", "2400:da00", "2a01:4f8")
ZONES = ("eth0", "wlan0", "en0", "ens33", "br-lan")


def ipv6_global(rng):
    groups = [int(g, 16) for g in rng.choice(IPV6_PREFIXES).split(":")]
    groups += [rng.randrange(0x10000) for _ in range(6)]
    if rng.random() < 0.6:  # a zero run so the compressed form has '::'
        start = rng.randint(2, 6)
        for i in range(start, min(8, start + rng.randint(2, 4))):
            groups[i] = 0
    if groups[7] == 0:
        groups[7] = rng.randint(1, 0xffff)
    return ipaddress.IPv6Address(":".join("%x" % g for g in groups))


def ipv6_text(rng, ctx):
    form = pick(rng, (("compressed", 45), ("full", 15), ("nolz", 10),
                      ("zone", 0 if ctx in ("query", "remote") else 15), ("v4", 15)))
    if form == "zone":
        tail = ":".join("%x" % rng.randrange(0x10000) for _ in range(4))
        text = "fe80::" + tail + "%" + rng.choice(ZONES)
    elif form == "v4":
        text = rng.choice(("::ffff:", "64:ff9b::")) + ipv4_text(rng)
    else:
        addr = ipv6_global(rng)
        if form == "compressed":
            text = addr.compressed
        elif form == "full":
            text = addr.exploded
        else:  # full length but without leading zeros, as many tools print it
            text = ":".join("%x" % int(g, 16) for g in addr.exploded.split(":"))
    if form != "v4" and rng.random() < 0.15:
        head, _, zone = text.partition("%")
        text = head.upper() + ("%" + zone if zone else "")
    return text


def gen_ipv6(rng, ctx, port_ok=True):
    text = ipv6_text(rng, ctx)
    if port_ok and ctx in ("json", "text") and "%" not in text and rng.random() < 0.2:
        return [("[", None), (text, "IPV6"), ("]:" + str(rng.choice((443, 8443, 53, 80))), None)]
    return [(text, "IPV6")]


VALUE_GENERATORS = {
    "PHONE": gen_phone, "CN_ID": gen_cn_id, "BANK_CARD": gen_bank_card,
    "IMEI": gen_imei, "MAC": gen_mac, "EMAIL": gen_email,
    "IPV4": gen_ipv4, "IPV6": gen_ipv6,
}

TYPE_WEIGHTS = (("PHONE", 20), ("EMAIL", 13), ("IPV4", 17), ("IPV6", 10),
                ("MAC", 10), ("IMEI", 9), ("CN_ID", 10), ("BANK_CARD", 11))

# Key names per type.  Only the labelled types' own keys appear in front of
# a value; look-alikes get neutral keys (see LOOKALIKE_KEYS).
VALUE_KEYS = {
    "PHONE": ("phone", "mobile", "tel", "phoneNumber", "contact_phone"),
    "CN_ID": ("id_card", "idNo", "cert_no", "id_number"),
    "BANK_CARD": ("card_no", "bankCard", "card", "pay_card"),
    "IMEI": ("imei", "IMEI", "dev_imei"),
    "MAC": ("mac", "wifi_mac", "bssid", "macAddress"),
    "EMAIL": ("email", "mail", "contact_email", "userEmail"),
    "IPV4": ("client_ip", "ip", "remote_ip", "x_real_ip", "server_ip"),
    "IPV6": ("client_ip", "ipv6", "peer_ip", "src_ip"),
}


# Extended contexts, as the core generators see them.
CORE_CTX = {"ejson": "json", "header": "text", "kvq": "json", "lombok": "kv", "sq": "kv",
            "pyrepr": "kv"}


def gen_value(rng, vtype, ctx, port_ok=True):
    cctx = CORE_CTX.get(ctx, ctx)
    if vtype in ("IPV4", "IPV6"):
        segs = VALUE_GENERATORS[vtype](rng, cctx, port_ok)
    else:
        segs = VALUE_GENERATORS[vtype](rng, cctx)
    return tag(segs, "%s.std.%s" % (vtype, ctx)) if EXT["on"] else segs


# ---------------------------------------------------------------------------
# Look-alikes: strings that resemble a type but are valid under no rule.
# Every generator loops until text_is_safe_lookalike() agrees.

def safe(gen):
    def wrapper(rng, clock):
        while True:
            text = gen(rng, clock)
            if text_is_safe_lookalike(text):
                return text
    wrapper.__name__ = gen.__name__
    return wrapper


@safe
def la_epoch_ms(rng, clock):
    return str(int(clock.now.timestamp() * 1000) + rng.randint(-5000, 5000))


@safe
def la_epoch_s(rng, clock):
    return str(int(clock.now.timestamp()) - rng.randint(0, 86400))


@safe
def la_snowflake(rng, clock):
    n = rng.choice((18, 19))
    return str(rng.randint(1, 7)) + rand_digits(rng, n - 1)


@safe
def la_order_id(rng, clock):
    stamp = clock.now.strftime("%Y%m%d%H%M%S")
    form = rng.randrange(3)
    if form == 0:
        return stamp + rand_digits(rng, rng.randint(4, 6))
    if form == 1:
        return rng.choice(("E", "T", "ORD", "SO")) + stamp + rand_digits(rng, 4)
    return clock.now.strftime("%y%m%d") + rand_digits(rng, rng.randint(10, 12))


@safe
def la_bad_card(rng, clock):
    prefix = rng.choice(("4", "51", "53", "55", "62", "3530", "6011", "2221"))
    num = luhn_break(prefix + rand_digits(rng, 16 - len(prefix)))
    if rng.random() < 0.2:
        num = "-".join(num[i:i + 4] for i in range(0, 16, 4))
    return num


@safe
def la_bad_cn_id(rng, clock):
    body = cn_id_body(rng)
    good = cn_id_check_char(body)
    return body + rng.choice([c for c in "0123456789X" if c != good])


@safe
def la_non_phone_11(rng, clock):
    return rng.choice(("10", "11", "12")) + rand_digits(rng, 9)


@safe
def la_phone_in_run(rng, clock):
    phone = rng.choice(PHONE_PREFIXES) + rand_digits(rng, 8)
    before = rand_digits(rng, rng.randint(1, 4))
    after = rand_digits(rng, rng.randint(1, 4))
    return before + phone + after


@safe
def la_counter15(rng, clock):
    return str(rng.randint(1, 9)) + rand_digits(rng, 14)


@safe
def la_uuid(rng, clock):
    h = hexstr(rng, 32)
    return "-".join((h[:8], h[8:12], "4" + h[13:16], "a" + h[17:20], h[20:]))


@safe
def la_md5(rng, clock):
    return hexstr(rng, 32)


@safe
def la_sha1(rng, clock):
    return hexstr(rng, 40)


def la_version(rng, clock):
    form = rng.randrange(4)
    if form == 0:  # Windows build: third part > 255, never a dotted quad
        return "10.0.%d.%d" % (rng.choice((19041, 19045, 22621, 22631)), rng.randint(1000, 4000))
    if form == 1:
        return "v%d.%d.%d" % (rng.randint(0, 5), rng.randint(0, 30), rng.randint(0, 20))
    if form == 2:
        return "%d.%d.%d" % (rng.randint(1, 12), rng.randint(0, 9), rng.randint(0, 99))
    return "%d.0.%d.%d" % (rng.randint(100, 125), rng.randint(5000, 6500), rng.randint(10, 230))


def la_float(rng, clock):
    return rng.choice(("%.3f", "%.2f", "%.1f", "%.6f")) % (rng.random() * rng.choice((1, 100, 5000)))


def la_clock(rng, clock):
    t = clock.now - dt.timedelta(seconds=rng.randint(0, 7200))
    return t.strftime("%H:%M:%S") + (".%03d" % rng.randrange(1000) if rng.random() < 0.3 else "")


CPP_NAMES = ("std::vector<std::string>", "std::__1::basic_string", "std::chrono::steady_clock",
             "boost::asio::detail::scheduler::run", "folly::EventBase::loopBody",
             "absl::Status", "android::Parcel::readInt32", "std::out_of_range",
             "ViewRootImpl::onTouchEvent::1", "grpc::Status::OK", "std::map::at")


def la_cpp(rng, clock):
    return rng.choice(CPP_NAMES)


def la_duration(rng, clock):
    form = rng.randrange(4)
    if form == 0:
        return "%dh%dm%ds" % (rng.randint(0, 23), rng.randint(0, 59), rng.randint(0, 59))
    if form == 1:
        return "%dms" % rng.randint(1, 9999)
    if form == 2:
        return "%.1fs" % (rng.random() * 30)
    return "PT%dM" % rng.randint(1, 59)


# Neutral key names: none of them is a context key of any SPEC type
# (no card/bank/imei/mac/name/addr/token/lat/... words).
LOOKALIKES = (
    (la_epoch_ms, ("ts", "timestamp", "ctime", "sent_at"), 12),
    (la_epoch_s, ("t", "since", "expire"), 6),
    (la_snowflake, ("msg_id", "feed_id", "post_id"), 8),
    (la_order_id, ("order_id", "trade_no", "out_trade_no", "biz_no"), 9),
    (la_bad_card, ("ref", "txn_ref", "voucher"), 6),
    (la_bad_cn_id, ("doc_no", "file_no"), 5),
    (la_non_phone_11, ("ticket", "case_no", "ext_no"), 5),
    (la_phone_in_run, ("seq_no", "batch"), 5),
    (la_counter15, ("counter", "offset", "rx_bytes"), 6),
    (la_uuid, ("trace_id", "request_id", "span"), 10),
    (la_md5, ("md5", "etag", "sign"), 6),
    (la_sha1, ("sha1", "commit", "digest"), 4),
    (la_version, ("ver", "build", "app_version"), 8),
    (la_float, ("ratio", "score", "load"), 6),
    (la_clock, ("at", "start", "until"), 4),
    (la_cpp, ("where", "frame", "component"), 4),
    (la_duration, ("elapsed", "took", "ttl"), 6),
)


def gen_lookalike(rng, clock):
    """(key, text) of one random look-alike."""
    gen, keys, _ = rng.choices(LOOKALIKES, [w for _, _, w in LOOKALIKES])[0]
    return rng.choice(keys), gen(rng, clock)


# ---------------------------------------------------------------------------
# Extended corpus (--extended): the context types of SPEC §1 (IMSI, ICCID,
# MEID, DEVICE_ID, GEO, SECRET, NAME, ADDRESS), the context-only forms of
# core types (bare 12-hex MAC, 15-digit legacy ID, IMEISV / 14-digit IMEI,
# Luhn-invalid UnionPay numbers) and decoys under keys that must *not* be
# reported (exclusion keys, username/hostname, software names, placeholders,
# out-of-range coordinates).  With the flag off nothing here draws from the
# random generator, so the core corpus stays byte-identical per seed.
#
# In extended mode a label segment's type is "TYPE|form": the form
# ("NAME.cjk.json", "IMSI.bare.cjk", "PHONE.std.query"...) is written as an
# extra "form" member of the label, for per-form analysis in eval.py.  A
# segment typed "~category" is a decoy: never a label, written to --decoys.

EXT = {"on": False, "hard": False}

# Context kinds, beyond the core types, and the type their labels carry.
EXT_KIND_TYPE = {
    "IMSI": "IMSI", "ICCID": "ICCID", "MEID": "MEID", "DEVICE_ID": "DEVICE_ID",
    "GEO": "GEO", "SECRET": "SECRET", "NAME": "NAME", "ADDRESS": "ADDRESS",
    "MAC12": "MAC", "CN_ID15": "CN_ID", "IMEISV": "IMEI", "UP_NOLUHN": "BANK_CARD",
}

EXT_TYPE_WEIGHTS = (("PHONE", 14), ("EMAIL", 9), ("IPV4", 11), ("IPV6", 6),
                    ("MAC", 6), ("IMEI", 6), ("CN_ID", 6), ("BANK_CARD", 7),
                    ("IMSI", 6), ("ICCID", 5), ("MEID", 3), ("DEVICE_ID", 10),
                    ("GEO", 7), ("SECRET", 9), ("NAME", 9), ("ADDRESS", 6),
                    ("MAC12", 2), ("CN_ID15", 2), ("IMEISV", 2), ("UP_NOLUHN", 2))


def tag(segs, form):
    """Give every labelled segment of `segs` the form `form` (if it has none)."""
    return [(t, v + "|" + form if v and "|" not in v and not v.startswith("~") else v)
            for t, v in segs]


def key_variant(rng, key, header=False):
    """A snake_case key as snake, camelCase, kebab-case or UPPER_CASE; a
    one-word key as lower, UPPER or Capitalized.  Chinese keys as they are.
    Header names are mostly Capitalized-Kebab."""
    if not key.isascii():
        return key
    words = key.split("_")
    if header:
        return pick(rng, (("-".join(w.capitalize() for w in words), 60), (key, 25),
                          (words[0] + "".join(w.capitalize() for w in words[1:]), 15)))
    if len(words) == 1:
        return pick(rng, ((key, 70), (key.upper(), 20), (key.capitalize(), 10)))
    form = pick(rng, (("snake", 40), ("camel", 35), ("kebab", 10), ("upper", 15)))
    if form == "snake":
        return key
    if form == "camel":
        return words[0] + "".join(w.capitalize() for w in words[1:])
    if form == "kebab":
        return "-".join(words)
    return key.upper()


def json_colon(rng):
    return pick(rng, ((":", 82), (": ", 15), (" : ", 3)))


def render(rng, ctx, key, value, numeric=False, quoted=False):
    """One key/value field.  `value` is a segment list.  ctx: json (a JSON
    member), ejson (a member of JSON escaped inside a JSON string), kv
    (key=value, `quoted` for key="value"), lombok (key=value in a Lombok
    toString, separated by ", "), query, text (key=value in prose), header
    (Name: value), cjk (key：value); hard mode only: sq (key='value') and
    pyrepr ('key': 'value')."""
    if ctx == "json":
        if numeric:
            return [('"%s"%s' % (key, json_colon(rng)), None)] + value
        return [('"%s"%s"' % (key, json_colon(rng)), None)] + value + [('"', None)]
    if ctx == "ejson":
        if numeric:
            return [('\\"%s\\":' % key, None)] + value
        return [('\\"%s\\":\\"' % key, None)] + value + [('\\"', None)]
    if ctx == "header":
        return [("%s: " % key, None)] + value
    if ctx == "cjk":
        return [("%s：" % key, None)] + value
    if ctx == "kv" and quoted:
        return [('%s="' % key, None)] + value + [('"', None)]
    if ctx == "sq":  # Java IDE toString: User{name='张伟', lat=39.9, …}
        if numeric:
            return [("%s=" % key, None)] + value
        return [("%s='" % key, None)] + value + [("'", None)]
    if ctx == "pyrepr":  # Python dict repr: {'name': '张伟', 'lat': 39.9}
        if numeric:
            return [("'%s': " % key, None)] + value
        return [("'%s': '" % key, None)] + value + [("'", None)]
    if ctx in ("kv", "text") and rng.random() < 0.1:  # logcat style "imsi: 4600…"
        return [("%s%s" % (key, rng.choice((": ", ": ", ":"))), None)] + value
    return [("%s=" % key, None)] + value


def url_quote(s):
    import urllib.parse
    return urllib.parse.quote(s, safe="")


# --- value generators of the context kinds --------------------------------

IMSI_MNCS = tuple("%02d" % m for m in range(0, 14)) + ("15", "20")


def imsi_value(rng):
    return "460" + rng.choice(IMSI_MNCS) + rand_digits(rng, 10)


def imsi_valid(s):
    return (len(s) == 15 and s.isdigit() and s.startswith("460")
            and s[3:5] in IMSI_MNCS)


# ICCID (ITU-T E.118): 89, country code, issuer, serial, Luhn check digit.
ICCID_CN_ISSUERS = ("00", "01", "02", "03", "06", "07", "11", "15")
ICCID_FOREIGN_CC = ("44", "49", "33", "81", "82", "852", "886", "65", "61", "1", "7", "91")


def iccid_value(rng, china):
    prefix = "8986" + rng.choice(ICCID_CN_ISSUERS) if china \
        else "89" + rng.choice(ICCID_FOREIGN_CC)
    length = pick(rng, ((20, 70), (19, 30)))
    return luhn_complete(prefix + rand_digits(rng, length - len(prefix) - 1))


def iccid_valid(s):
    if len(s) == 20 and s[-1] in "Ff":
        s = s[:-1]
    return s.isdigit() and len(s) in (19, 20) and s.startswith("89") and luhn_ok(s)


def hex_luhn_ok(h):
    total = 0
    for i, ch in enumerate(reversed(h)):
        d = int(ch, 16)
        if i % 2 == 1:
            d *= 2
            d = d // 16 + d % 16
        total += d
    return total % 16 == 0


def meid_value(rng):
    """14 hex digits, regional code A0-FF; sometimes the hex Luhn check digit."""
    h = "%02x" % rng.randint(0xA0, 0xFF) + hexstr(rng, 12)
    if rng.random() < 0.2:
        h += next(c for c in "0123456789abcdef" if hex_luhn_ok(h + c))
    return h.upper() if rng.random() < 0.6 else h


def meid_valid(s):
    return (re.fullmatch(r"[0-9A-Fa-f]{14,15}", s) is not None and int(s[:2], 16) >= 0xA0
            and (len(s) == 14 or hex_luhn_ok(s)))


def uuid4(rng, upper=False):
    h = hexstr(rng, 32)
    s = "-".join((h[:8], h[8:12], "4" + h[13:16], rng.choice("89ab") + h[17:20], h[20:]))
    return s.upper() if upper else s


def ios_udid_new(rng):
    return "0000%04X-00%014X" % (rng.choice((0x8020, 0x8027, 0x8030, 0x8101, 0x8110, 0x8120)),
                                 rng.getrandbits(56))


# key -> (weight, value makers)
DEVICE_KEYS = (
    ("android_id", 24, (lambda r: hexstr(r, 16),)),
    ("oaid", 16, (lambda r: uuid4(r), lambda r: uuid4(r), lambda r: hexstr(r, 16),
                  lambda r: hexstr(r, 64))),
    ("idfa", 14, (lambda r: uuid4(r, True),)),
    ("idfv", 8, (lambda r: uuid4(r, True),)),
    ("udid", 8, (lambda r: hexstr(r, 40), ios_udid_new)),
    ("device_id", 18, (lambda r: uuid4(r), lambda r: hexstr(r, 16), lambda r: hexstr(r, 32),
                       lambda r: uuid4(r, True))),
    ("aaid", 6, (lambda r: uuid4(r),)),
    ("gaid", 3, (lambda r: uuid4(r),)),
    ("adid", 3, (lambda r: uuid4(r),)),
)


def device_id_valid(s):
    return (re.fullmatch(r"[0-9A-Fa-f]{16}|[0-9A-Fa-f]{32}|[0-9A-Fa-f]{40}|[0-9A-Fa-f]{64}"
                         r"|[0-9A-Fa-f]{8}(?:-[0-9A-Fa-f]{4}){3}-[0-9A-Fa-f]{12}"
                         r"|0000[0-9A-F]{4}-00[0-9A-F]{14}", s) is not None
            and set(s) - set("0-") != set())


def geo_number(rng, lat, decimals):
    if lat:
        v = rng.uniform(18.2, 53.5) if rng.random() < 0.8 else rng.uniform(-89.9, 89.9)
    else:
        v = rng.uniform(73.5, 134.8) if rng.random() < 0.8 else rng.uniform(-179.9, 179.9)
    text = "%.*f" % (decimals, v)
    return "0" + text[2:] if text.startswith("-0") and not text.strip("-0.") else text


def geo_decimals(rng):
    return pick(rng, ((1, 3), (2, 7), (3, 8), (4, 15), (5, 15), (6, 37), (7, 8), (8, 7)))


def geo_pair_value(rng):
    d = rng.randint(4, 7)
    return geo_number(rng, True, d) + rng.choice((",", ",", ", ")) + geo_number(rng, False, d)


GEO_NUM_RE = re.compile(r"-?\d{1,3}\.\d+|-?\d{1,3}")


def geo_valid(s, form):
    if ".pair." in form:
        m = re.fullmatch(r"(-?\d{1,2}\.(\d{4,})), ?(-?\d{1,3}\.(\d{4,}))", s)
        return bool(m) and abs(float(m.group(1))) <= 90 and abs(float(m.group(3))) <= 180
    if not re.fullmatch(r"-?\d{1,3}(?:\.\d+)?", s):
        return False
    return abs(float(s)) <= (90 if ".lat." in form else 180)


PASSWORD_WORDS = ("summer", "dragon", "monkey", "qwerty", "iloveyou", "admin", "welcome",
                  "sunshine", "shadow", "master", "letmein", "football", "woaini", "aini",
                  "zhang", "wang", "hello", "abc", "pass", "love", "tiger", "happy")
PASSWORD_SYMBOLS = "!#$*._-~^+="
B62 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
B64URL = B62 + "-_"


def rand_chars(rng, alphabet, n):
    return "".join(rng.choice(alphabet) for _ in range(n))


def password_value(rng, spaces_ok):
    w = rng.choice(PASSWORD_WORDS)
    w = pick(rng, ((w, 50), (w.capitalize(), 35), (w.upper(), 5), (w[0] + w[1:].upper(), 10)))
    digits = pick(rng, ((str(rng.randint(1970, 2024)), 30), (rand_digits(rng, rng.randint(1, 4)), 40),
                        ("123456"[:rng.randint(3, 6)], 20), ("888", 10)))
    sym = rng.choice(PASSWORD_SYMBOLS) if rng.random() < 0.45 else ""
    parts = [w, digits, sym] if rng.random() < 0.8 else [sym, digits, w]
    if rng.random() < 0.15:
        return rand_chars(rng, B62 + "!#$*", rng.randint(8, 16))  # generated password
    pw = "".join(parts)
    if spaces_ok and rng.random() < 0.1:
        pw = w + " " + rng.choice(PASSWORD_WORDS) + " " + digits
    return pw


def b64url(data):
    import base64
    return base64.urlsafe_b64encode(data).decode("ascii").rstrip("=")


def jwt_value(rng, clock):
    alg = rng.choice(("HS256", "RS256", "ES256"))
    head = b64url(json.dumps({"alg": alg, "typ": "JWT"}, separators=(",", ":")).encode())
    iat = int(clock.now.timestamp()) if clock else 1710115200
    body = b64url(json.dumps({"sub": str(rng.randint(10000, 99999999)), "iat": iat,
                              "exp": iat + 7200}, separators=(",", ":")).encode())
    return head + "." + body + "." + rand_chars(rng, B64URL, 43 if alg == "HS256" else 86)


def token_value(rng, clock, key):
    if key in ("api_key", "apikey"):
        return pick(rng, (("sk-" + rand_chars(rng, B62, 48), 30),
                          ("AKIA" + rand_chars(rng, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16), 20),
                          (hexstr(rng, 32), 50)))
    if key in ("secret", "client_secret", "app_secret"):
        return pick(rng, ((hexstr(rng, 32), 50), (rand_chars(rng, B62, 40), 30),
                          ("sk_live_" + rand_chars(rng, B62, 24), 20)))
    return pick(rng, ((jwt_value(rng, clock), 35), (hexstr(rng, 32), 20),
                      ("ya29." + rand_chars(rng, B64URL, 60), 10),
                      ("ghp_" + rand_chars(rng, B62, 36), 5),
                      (rand_chars(rng, B64URL, rng.randint(22, 43)), 20),
                      (b64std(rng), 10)))


def b64std(rng):
    """Standard base64 of random bytes, '=' padding included."""
    import base64
    return base64.b64encode(bytes(rng.getrandbits(8) for _ in range(rng.randint(16, 32)))).decode()


def basic_value(rng):
    import base64
    user = rng.choice(SURNAMES) + rng.choice(GIVEN)
    cred = (user + ":" + password_value(rng, False)).encode()
    return base64.b64encode(cred).decode("ascii")


SECRET_KEYS = (("password", 26), ("passwd", 5), ("pwd", 8), ("secret", 5), ("token", 16),
               ("access_token", 14), ("refresh_token", 7), ("api_key", 8), ("client_secret", 3),
               ("app_secret", 3), ("session_token", 3), ("id_token", 2))
PASSWORD_KEYS = ("password", "passwd", "pwd")


def secret_valid(s, form):
    if ".auth." in form:
        return re.fullmatch(r"(?:Bearer|Basic|bearer) [A-Za-z0-9._~+/=-]+", s) is not None
    return len(s) >= 3 and re.search(r'(?<!\\)"', s) is None  # a quote only JSON-escaped


CN_SURNAMES = tuple("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘"
                    "于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江"
                    "尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤")
CN_COMPOUND = ("欧阳", "司马", "诸葛", "上官", "东方", "慕容", "皇甫", "令狐")
CN_GIVEN = ("伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟",
            "涛", "明", "超", "秀英", "霞", "平", "刚", "桂英", "华", "建华", "文", "晨", "宇",
            "浩", "子涵", "欣怡", "梓轩", "一诺", "思远", "雨桐", "俊杰", "佳怡", "博文", "嘉怡",
            "志强", "海燕", "国强", "建国", "丹", "萍", "鑫", "婷", "玉兰", "红", "斌", "亮", "飞",
            "琳", "颖", "晓明", "小红", "振宇", "梦琪", "诗涵", "浩然", "雅静")
UYGHUR_PARTS = ("阿卜杜拉", "艾力", "买买提", "阿依古丽", "热合曼", "吐尔逊", "努尔", "古丽")
CN_NICKNAMES = ("快乐小猪", "阳光男孩", "追风少年", "小鱼儿", "晴天", "喵喵酱", "大白", "糖糖",
                "安静的美男子", "小猫咪🐱", "🌸花花", "小明 Ming", "Lucky 小七", "北方的狼", "柠檬不萌")
LATIN_FIRST = ("Alice", "James", "Mary", "John", "Patricia", "Robert", "Jennifer", "Michael",
               "Linda", "David", "Elizabeth", "William", "Susan", "Sophie", "Lucas", "Emma",
               "Oliver", "Olivia", "Noah", "Mia", "Ethan", "Chloe", "Daniel", "Grace", "Kevin",
               "Emily", "Jason", "Anna", "Mary-Jane", "Jean-Luc", "Zoë", "José")
LATIN_LAST = ("Smith", "Johnson", "Brown", "Taylor", "Miller", "Wilson", "Moore", "Anderson",
              "Thomas", "Jackson", "White", "Harris", "Martin", "Garcia", "Clark", "Lewis",
              "Walker", "Hall", "Young", "King", "Wright", "Scott", "Green", "Baker", "Adams",
              "Nelson", "Campbell", "Roberts", "Carter", "Evans", "Turner", "Parker", "Müller",
              "Schmidt", "Dubois", "Rossi", "Novak", "Kim", "Park", "Nguyen", "Tanaka", "O'Brien")
# Hard cases (--hard): realistic names scrub's name validator may reject.
HARD_LAST = ("McDonald", "MacLeod", "DeLuca", "LeBlanc", "McCarthy", "DiCaprio")
HARD_HANDLES = ("lucky_star88", "tom2023", "xiaoming_1998", "cool.cat", "user_7721", "momo520")


def cn_name(rng):
    r = rng.random()
    if r < 0.03:
        return rng.choice(UYGHUR_PARTS) + "·" + rng.choice(UYGHUR_PARTS)
    surname = rng.choice(CN_COMPOUND) if r < 0.08 else rng.choice(CN_SURNAMES)
    given = rng.choice(CN_GIVEN)
    if len(given) == 1 and rng.random() < 0.4:
        given += rng.choice([g for g in CN_GIVEN if len(g) == 1])
    return surname + given


def pinyin_name(rng, style):
    s, g = rng.choice(SURNAMES), rng.choice(GIVEN)
    if style == "spaced":
        return pick(rng, ((s.capitalize() + " " + g.capitalize(), 60),
                          (g.capitalize() + " " + s.capitalize(), 30), (s.upper() + " " + g, 10)))
    # A given name alone, but never "Na": alone it reads as the placeholder NA.
    alone = g.capitalize() if g != "na" else "Nana"
    return pick(rng, ((s + g, 60), (alone, 25), (s.capitalize() + "-" + g, 15)))


def latin_name(rng, spaced):
    first = rng.choice(LATIN_FIRST)
    if not spaced:
        return first
    last = rng.choice(LATIN_LAST)
    return pick(rng, ((first + " " + last, 80), (first[0] + ". " + last, 10), (last + " " + first, 10)))


def name_value(rng, key, ctx):
    """(value, variant).  spaced: the value may contain spaces (quoted)."""
    spaced = ctx in ("json", "ejson", "kvq", "sq", "pyrepr")
    bare_ok = ctx not in ("query", "header")
    if EXT["hard"] and rng.random() < 0.25:
        hard = pick(rng, (("camel", 30 if spaced else 10), ("handle", 25 if key == "nickname" else 0),
                          ("pct", 30 if ctx == "query" else 0), ("uescape", 30 if ctx == "json" else 0),
                          ("pinyin_camel", 10)))
        if hard == "camel":
            return (rng.choice(LATIN_FIRST) + " " if spaced else "") + rng.choice(HARD_LAST), "hard_camel"
        if hard == "handle":
            return rng.choice(HARD_HANDLES), "hard_handle"
        if hard == "pct":
            return url_quote(cn_name(rng)), "hard_pct"
        if hard == "uescape":
            return "".join("\\u%04x" % ord(c) for c in cn_name(rng)), "hard_uescape"
        s, g = rng.choice(SURNAMES), rng.choice(GIVEN)
        return s.capitalize() + g.capitalize(), "hard_pinyin_camel"
    if key == "nickname" and bare_ok and rng.random() < 0.4:
        nick = rng.choice(CN_NICKNAMES if spaced else [n for n in CN_NICKNAMES if " " not in n])
        return nick, "nick"
    if ctx in ("query", "header"):
        return latin_name(rng, False) if rng.random() < 0.6 else pinyin_name(rng, "bare"), "latin"
    kind = pick(rng, (("cn", 60), ("pinyin", 20), ("latin", 20)))
    if kind == "cn":
        return cn_name(rng), "cn"
    if kind == "pinyin":
        return pinyin_name(rng, "spaced" if spaced and rng.random() < 0.7 else "bare"), "latin"
    name = latin_name(rng, spaced and rng.random() < 0.8)
    if (not spaced or ctx == "sq") and "'" in name:
        name = name.replace("'", "")  # (Python's repr would switch to double quotes)
    return name, "latin"


NAME_KEYS = (("name", 28), ("real_name", 20), ("nickname", 14), ("contact_name", 14),
             ("姓名", 8), ("full_name", 4), ("contact", 3), ("first_name", 3), ("last_name", 2),
             ("真实姓名", 2), ("联系人", 2), ("收货人", 2))


def name_valid(s, form):
    if ".hard_" in form:
        return bool(s)
    if len(s) > 64 or not s:
        return False
    return re.fullmatch(r"(?:[^\x00-\x7f]|[A-Za-z' -]|\.(?= ))+", s) is not None \
        and re.search(r"[a-z][A-Z]", s) is None


CN_PLACES = (("北京市", ("朝阳区", "海淀区", "东城区", "西城区", "丰台区")),
             ("上海市", ("浦东新区", "徐汇区", "静安区", "黄浦区", "闵行区")),
             ("广东省深圳市", ("南山区", "福田区", "宝安区", "龙岗区")),
             ("广东省广州市", ("天河区", "越秀区", "番禺区", "海珠区")),
             ("浙江省杭州市", ("西湖区", "滨江区", "余杭区", "拱墅区")),
             ("江苏省南京市", ("鼓楼区", "玄武区", "建邺区")),
             ("四川省成都市", ("武侯区", "锦江区", "高新区", "青羊区")),
             ("湖北省武汉市", ("洪山区", "江汉区", "武昌区")),
             ("天津市", ("和平区", "南开区", "河西区")),
             ("重庆市", ("渝中区", "江北区", "沙坪坝区")),
             ("陕西省西安市", ("雁塔区", "碑林区", "未央区")))
CN_ROADS = ("建国路", "中关村大街", "世纪大道", "科技南路", "文三路", "人民路", "解放路", "中山路",
            "长江路", "天府大道", "南京东路", "深南大道", "珠江路", "望京街", "学院路", "东风路")
CN_BUILDINGS = ("阳光花园", "金色家园", "华润大厦", "万科城", "翠苑小区", "幸福里", "SOHO现代城",
                "国贸中心", "绿地世纪城", "碧桂园")
LATIN_STREETS = ("Main", "Oak", "Maple", "Baker", "Elm", "Park", "Nathan", "Queen", "Harbour",
                 "Orchard", "Victoria", "Market")
LATIN_CITIES = ("Springfield", "London", "Hong Kong", "Singapore", "Toronto", "Sydney", "Berlin")


def cn_address(rng, spaced):
    city, districts = rng.choice(CN_PLACES)
    parts = [city if rng.random() < 0.8 else "", rng.choice(districts), rng.choice(CN_ROADS),
             "%d号" % rng.randint(1, 999)]
    r = rng.random()
    tail = ""
    if r < 0.35:
        tail = "%s%d号楼%d单元%d室" % (rng.choice(CN_BUILDINGS), rng.randint(1, 30),
                                    rng.randint(1, 6), rng.randint(1, 33) * 100 + rng.randint(1, 8))
    elif r < 0.55:
        tail = "%s%s座%d" % (rng.choice(CN_BUILDINGS), rng.choice("ABCD"),
                            rng.randint(1, 40) * 100 + rng.randint(1, 20))
    elif r < 0.65:
        tail = "%s%d栋" % (rng.choice(CN_BUILDINGS), rng.randint(1, 40))
    if tail:
        parts.append((" " if spaced and rng.random() < 0.3 else "") + tail)
    if spaced and rng.random() < 0.1:
        parts.append(rng.choice(("（近地铁站）", "（东门）", "（快递放门卫）")))
    return "".join(parts)


def latin_address(rng):
    text = "%d %s %s" % (rng.randint(1, 9999), rng.choice(LATIN_STREETS),
                         rng.choice(("Street", "St", "Avenue", "Ave", "Road", "Rd", "Blvd")))
    if rng.random() < 0.6:
        text += ", " + rng.choice(LATIN_CITIES)
    return text


ADDRESS_KEYS = (("address", 34), ("addr", 14), ("home_address", 14), ("地址", 14), ("住址", 10),
                ("shipping_address", 4), ("收货地址", 4), ("详细地址", 3), ("家庭住址", 3))


def address_valid(s, form):
    if ".hard_" in form:
        return bool(s)
    return bool(re.search(r"[^\x00-\x7f]", s) or (re.search(r"\d", s) and re.search(r"[A-Za-z]", s)))


MAC12_KEYS = ("mac", "bssid", "wifi_mac", "mac_address", "bt_addr", "ap_mac")
CN_ID15_KEYS = ("id_card", "id_no", "id_number", "cert_no", "idcard", "身份证号")
IMEISV_KEYS = ("imei", "imeisv", "imei_sv", "device_imei", "imei1")
UP_KEYS = ("card_no", "bank_card", "card_number", "account_no", "cardno", "bank_account")
IMSI_KEYS = (("imsi", 60), ("subscriber_id", 25), ("sim_imsi", 15))
ICCID_KEYS = (("iccid", 55), ("sim_serial", 25), ("icc_id", 10), ("sim_serial_number", 10))
MEID_KEYS = (("meid", 80), ("device_meid", 20))


def cn_id15_value(rng):
    region = "%02d%02d%02d" % (rng.choice(PROVINCES), rng.randint(1, 20), rng.randint(1, 30))
    birth = random_date(rng, dt.date(1930, 1, 1), dt.date(1999, 12, 31))
    return region + birth.strftime("%y%m%d") + rand_digits(rng, 3)


def cn_id15_valid(s):
    if not (len(s) == 15 and s.isdigit() and int(s[:2]) in PROVINCES):
        return False
    try:
        dt.date(1900 + int(s[6:8]), int(s[8:10]), int(s[10:12]))
    except ValueError:
        return False
    return True


def imeisv_value(rng):
    tac = rng.choice(IMEI_RBI) + rand_digits(rng, 6)
    if rng.random() < 0.25:
        return tac + rand_digits(rng, 6), "imei14"  # IMEI without its check digit
    return tac + rand_digits(rng, 6) + "%02d" % rng.randint(0, 30), "imeisv16"


def up_noluhn_value(rng):
    length = pick(rng, ((16, 45), (17, 5), (18, 5), (19, 45)))
    prefix = rng.choice(UNIONPAY_BINS) if rng.random() < 0.7 else "62" + rand_digits(rng, 4)
    return luhn_break(prefix + rand_digits(rng, length - len(prefix)))


def mac12_value(rng):
    while True:
        h = (rng.choice(OUIS) if rng.random() < 0.6 else hexstr(rng, 6)) + hexstr(rng, 6)
        if h not in ("0" * 12, "f" * 12):
            return h.upper() if rng.random() < 0.35 else h


def wkey(rng, weighted):
    return pick(rng, weighted)


def ext_fields(rng, clock, kind, ctx):
    """Fields (each a segment list) carrying one value of an extended kind in
    ctx (json, ejson, kv, query, text, header).  GEO by key gives two fields."""
    header = ctx == "header"
    quoted = ctx == "kv" and rng.random() < 0.15  # key="value" in a kv line
    # where the value may hold spaces: quoted values only
    spaced_ctx = "kvq" if quoted else ("json" if ctx == "ejson" else ctx)

    def field(key, value, vtype, variant, numeric=False):
        form = "%s.%s.%s" % (vtype, variant, "kvq" if quoted else ctx)
        return render(rng, ctx, key_variant(rng, key, header), [(value, vtype + "|" + form)],
                      numeric, quoted)

    if kind == "IMSI":
        v = imsi_value(rng)
        if ctx in ("kv", "query", "text") and rng.random() < 0.3:
            # no IMSI key: the number alone identifies it
            k = rng.choice(("sub", "s", "subscriber", "ue"))
            return [[("%s=" % k, None), (v, "IMSI|IMSI.bare.%s" % ctx)]]
        return [field(wkey(rng, IMSI_KEYS), v, "IMSI", "key",
                      numeric=ctx in ("json", "ejson", "pyrepr") and rng.random() < 0.25)]
    if kind == "ICCID":
        if ctx in ("kv", "query", "text") and rng.random() < 0.3:
            return [[("sim=", None), (iccid_value(rng, True), "ICCID|ICCID.bare8986.%s" % ctx)]]
        china = rng.random() < 0.6
        v = iccid_value(rng, china)
        if len(v) == 19 and rng.random() < 0.15:
            v += "F"  # 19 digits padded to 20 characters, as some modems report it
        return [field(wkey(rng, ICCID_KEYS), v, "ICCID", "key8986" if china else "key89")]
    if kind == "MEID":
        return [field(wkey(rng, MEID_KEYS), meid_value(rng), "MEID", "key")]
    if kind == "DEVICE_ID":
        key, _, makers = rng.choices(DEVICE_KEYS, [w for _, w, _ in DEVICE_KEYS])[0]
        return [field(key, rng.choice(makers)(rng), "DEVICE_ID", key)]
    if kind == "GEO":
        if header:
            return [[("X-Location: ", None), (geo_pair_value(rng).replace(" ", ""), "GEO|GEO.pair.header")]]
        if ctx in ("json", "ejson", "kv", "query", "text") and rng.random() < 0.25:
            k = rng.choice(("loc", "location", "gps", "coord", "pos"))
            v = geo_pair_value(rng)
            if ctx in ("json", "ejson"):
                q = '\\"' if ctx == "ejson" else '"'
                return [[("%s%s%s:%s" % (q, k, q, q), None), (v, "GEO|GEO.pair.%s" % ctx), (q, None)]]
            return [[("%s=" % k, None), (v.replace(" ", ""), "GEO|GEO.pair.%s" % ctx)]]
        klat, klng = pick(rng, ((("lat", "lng"), 50), (("latitude", "longitude"), 35), (("lat", "lon"), 15)))
        numeric = (ctx in ("json", "ejson", "pyrepr") and rng.random() < 0.6
                   or ctx == "sq" and rng.random() < 0.8)
        d = geo_decimals(rng)
        out = [field(klat, geo_number(rng, True, d), "GEO", "lat", numeric),
               field(klng, geo_number(rng, False, d), "GEO", "lng", numeric)]
        if ctx == "json" and rng.random() < 0.3:  # nested: "location":{"lat":…,"lng":…}
            return [[('"location":{', None)] + out[0] + [(",", None)] + out[1] + [("}", None)]]
        return out
    if kind == "SECRET":
        if ctx in ("header", "json", "ejson", "kv") and rng.random() < (0.6 if header else 0.2):
            scheme = pick(rng, (("Bearer", 75), ("Basic", 20), ("bearer", 5)))
            tok = basic_value(rng) if scheme == "Basic" else token_value(rng, clock, "token")
            key = pick(rng, (("authorization", 90), ("proxy_authorization", 10)))
            return [field(key, scheme + " " + tok, "SECRET", "auth")]
        if header and rng.random() < 0.5:  # Cookie: session_token=…; theme=dark
            k = rng.choice(("session_token", "token", "access_token"))
            return [[("Cookie: %s=" % k, None),
                     (token_value(rng, clock, k), "SECRET|SECRET.cookie.header"),
                     ("; lang=zh-CN", None)]]
        key = wkey(rng, SECRET_KEYS)
        if key in PASSWORD_KEYS:
            v = password_value(rng, spaced_ctx in ("json", "kvq"))
            if ctx == "query":
                v = url_quote(v)
            elif ctx == "json" and rng.random() < 0.04:  # a quote or backslash, JSON-escaped
                v = v[:2] + rng.choice(('\\"', "\\\\")) + v[2:]
            return [field(key, v, "SECRET", "password")]
        return [field(key, token_value(rng, clock, key), "SECRET", "token")]
    if kind == "NAME":
        key = wkey(rng, NAME_KEYS)
        if ctx in ("query", "header") and not key.isascii():
            key = "name"
        v, variant = name_value(rng, key, spaced_ctx)
        return [field(key, v, "NAME", variant)]
    if kind == "ADDRESS":
        key = wkey(rng, ADDRESS_KEYS)
        if EXT["hard"] and ctx == "query":
            return [field("address", url_quote(cn_address(rng, False)), "ADDRESS", "hard_pct")]
        if spaced_ctx in ("json", "kvq") and rng.random() < 0.15 and key.isascii():
            return [field(key, latin_address(rng), "ADDRESS", "latin")]
        return [field(key, cn_address(rng, spaced_ctx in ("json", "kvq")), "ADDRESS", "cn")]
    if kind == "MAC12":
        return [field(rng.choice(MAC12_KEYS), mac12_value(rng), "MAC", "bare12")]
    if kind == "CN_ID15":
        return [field(rng.choice(CN_ID15_KEYS if ctx in ("json", "ejson", "kv") else CN_ID15_KEYS[:5]),
                      cn_id15_value(rng), "CN_ID", "legacy15")]
    if kind == "IMEISV":
        v, variant = imeisv_value(rng)
        return [field(rng.choice(IMEISV_KEYS), v, "IMEI", variant)]
    if kind == "UP_NOLUHN":
        return [field(rng.choice(UP_KEYS), up_noluhn_value(rng), "BANK_CARD", "up_noluhn")]
    raise AssertionError(kind)


# Prose around a value of an extended kind: bare forms where the format
# allows them, else a key=value inside the sentence.
EXT_TEXT_PHRASES = {
    "IMSI": ("subscriber {} attached", "attach accept for {}"),
    "ICCID": ("sim {} activated",),
    "GEO": ("location {} reported", "fix at {} acc=12m"),
}
EXT_TEXT_LEADS = ("user login", "profile update", "device report", "auth check",
                  "request accepted", "sync done")


def ext_text_phrase(rng, clock, kind, ctx="text"):
    if kind in EXT_TEXT_PHRASES and rng.random() < 0.5:
        left, _, right = rng.choice(EXT_TEXT_PHRASES[kind]).partition("{}")
        if kind == "IMSI":
            v, vt = imsi_value(rng), "IMSI|IMSI.bare.text"
        elif kind == "ICCID":
            v, vt = iccid_value(rng, True), "ICCID|ICCID.bare8986.text"
        else:
            v, vt = geo_pair_value(rng), "GEO|GEO.pair.text"
        return [(left, None), (v, vt), (right, None)]
    lead = rng.choice(EXT_TEXT_LEADS)
    fields = ext_fields(rng, clock, kind, "text")
    return [(lead + " ", None)] + join_fields(fields, " ") + \
        ([(" ok", None)] if rng.random() < 0.5 else [])


# Chinese clauses.  Free-text values (names, addresses, secrets, device ids)
# end the clause: a bare value runs to the next full-width delimiter.
EXT_CJK = {
    "IMSI": (("SIM卡{}已激活", "bare"), ("用户IMSI为{}", "bare"), ("IMSI：{}", "key")),
    "ICCID": (("物联网卡{}已停机", "bare8986"), ("ICCID：{}", "key")),
    "MEID": (("MEID：{}", "key"), ("终端MEID：{}", "key")),
    "DEVICE_ID": (("设备标识OAID：{}", "oaid"), ("广告标识IDFA：{}", "idfa"),
                  ("android_id：{}", "android_id")),
    "GEO": (("定位{}成功", "pair"), ("当前坐标{}", "pair")),
    "SECRET": (("密码：{}", "password"), ("登录密码：{}", "password")),
    "NAME": (("姓名：{}", "cn"), ("真实姓名：{}", "cn"), ("联系人：{}", "cn"), ("收货人：{}", "cn")),
    "ADDRESS": (("地址：{}", "cn"), ("住址：{}", "cn"), ("收货地址：{}", "cn"), ("家庭住址：{}", "cn")),
    "MAC12": (("终端MAC：{}已认证", "bare12"),),
    "CN_ID15": (("身份证号：{}", "legacy15"), ("身份证号码：{}", "legacy15")),
    "IMEISV": (("IMEI：{}", "sv"),),
    "UP_NOLUHN": (("银行卡号：{}", "up_noluhn"), ("卡号：{}", "up_noluhn")),
}


def ext_cjk_clause(rng, clock, kind):
    tpl, variant = rng.choice(EXT_CJK[kind])
    left, _, right = tpl.partition("{}")
    vtype = EXT_KIND_TYPE[kind]
    if kind == "IMSI":
        v = imsi_value(rng)
    elif kind == "ICCID":
        v = iccid_value(rng, variant == "bare8986" or rng.random() < 0.7)
    elif kind == "MEID":
        v = meid_value(rng)
    elif kind == "DEVICE_ID":
        v = dict((k, m) for k, _, m in DEVICE_KEYS)[variant][0](rng)
    elif kind == "GEO":
        v = geo_pair_value(rng).replace(" ", "")
    elif kind == "SECRET":
        v = password_value(rng, False)
    elif kind == "NAME":
        v = cn_name(rng) if rng.random() < 0.85 else pinyin_name(rng, "bare")
    elif kind == "ADDRESS":
        v = cn_address(rng, False)
    elif kind == "MAC12":
        v = mac12_value(rng)
    elif kind == "CN_ID15":
        v = cn_id15_value(rng)
    elif kind == "IMEISV":
        v, variant = imeisv_value(rng)
    else:
        v = up_noluhn_value(rng)
    form = "%s.%s.cjk" % (vtype, variant)
    return [(left, None), (v, vtype + "|" + form), (right, None)]


# --- decoys: values under keys that must not be reported -------------------

EXCLUSION_KEYS = ("bytes", "body_bytes_sent", "bytes_sent", "rx_bytes", "total_bytes", "size",
                  "file_size", "content_length", "length", "count", "total", "created_at",
                  "updated_at", "ts", "timestamp", "event_time", "elapsed_ms", "cost_ms",
                  "duration", "latency", "order_id", "order_no", "trade_no", "out_trade_no",
                  "trace_id", "span_id", "request_id", "msg_id", "offset", "seq", "sequence")


def hazard_number(rng):
    """A number that is a valid PHONE, card, IMEI or IMSI when read without its key."""
    kind = pick(rng, (("phone", 42), ("card", 28), ("imei", 22), ("imsi", 8)))
    if kind == "imsi":
        return kind, imsi_value(rng)
    if kind == "phone":
        return kind, rng.choice(PHONE_PREFIXES) + rand_digits(rng, 8)
    if kind == "card":
        return kind, gen_card_number(rng)
    while True:
        num = luhn_complete(rng.choice(IMEI_RBI) + rand_digits(rng, 12))
        if not card_valid_any(num):
            return kind, num


SOFTWARE_NAMES = ("com.tencent.mm", "com.android.systemui", "com.eg.android.AlipayGphone",
                  "org.apache.hadoop.mapred", "SurfaceView", "ThreadPoolExecutor", "NetworkMonitor",
                  "kube-proxy-7f9c8", "worker-3", "nginx/1.25.3", "redis-7.2", "libssl.so.3",
                  "GET /api/v1/profile", "okhttp3.OkHttpClient", "ActivityManagerService",
                  "pool-2-thread-5", "grpc-default-executor-0", "systemd-journald.service")
USER_HOST_KEYS = ("username", "hostname", "host.name", "server_name", "hostName",
                  "process.name", "app.name")
USER_HOST_VALUES = ("zhangwei", "alice", "web-01", "mesos-master-1", "db-3.internal", "deploy",
                    "root", "liuyang88", "gw-edge-2", "gw-core-17")


def ext_decoy(rng, clock, ctx):
    """One decoy field for ctx (json, ejson, kv, query, text, header)."""
    cat = pick(rng, (("excl_num", 40), ("user_host", 12), ("software_name", 14),
                     ("placeholder", 12), ("geo_range", 8), ("secret_word", 8),
                     ("address_word", 6)))
    if ctx in ("query", "header", "lombok") and cat in ("software_name", "secret_word",
                                                        "address_word"):
        cat = "excl_num"
    jq = {"json": '"', "ejson": '\\"'}.get(ctx)

    def kv(key, value, category, numeric=False):
        seg = (value, "~" + category)
        if jq and not numeric:
            return [('%s%s%s:%s' % (jq, key, jq, jq), None), seg, (jq, None)]
        if jq:
            return [('%s%s%s:' % (jq, key, jq), None), seg]
        if ctx == "header":
            return [("%s: " % key, None), seg]
        return [("%s=" % key, None), seg]

    if cat == "excl_num":
        hk, num = hazard_number(rng)
        key = key_variant(rng, rng.choice(EXCLUSION_KEYS), ctx == "header")
        # a JSON number has no leading zero (an IMEI-shaped 01… stays a string)
        return kv(key, num, "excl_" + hk, numeric=bool(jq) and num[0] != "0" and rng.random() < 0.6)
    if cat == "user_host":
        return kv(rng.choice(USER_HOST_KEYS), rng.choice(USER_HOST_VALUES), "user_host")
    if cat == "software_name":
        name = rng.choice(SOFTWARE_NAMES)
        if ctx in ("kv", "text") and rng.random() < 0.4:
            if rng.random() < 0.5:
                return [("Surface(name=", None), ("SurfaceView", "~software_name"),
                        (" - %s)" % rng.choice(SOFTWARE_NAMES[:3]), None)]
            return [('tag="View Lock", name=', None), (rng.choice(SOFTWARE_NAMES[:4]), "~software_name"),
                    (", ws=null", None)]
        if ctx in ("kv", "text") and " " in name:
            name = name.replace(" ", "")
        return kv(key_variant(rng, "name"), name, "software_name")
    if cat == "placeholder":
        r = rng.random()
        if r < 0.35:
            return kv(key_variant(rng, "device_id"), str(rng.randint(-1, 12)), "placeholder",
                      numeric=True)
        if r < 0.55:
            return kv(rng.choice(("idfa", "IDFA", "oaid")), "00000000-0000-0000-0000-000000000000",
                      "placeholder")
        if r < 0.8:
            return kv(key_variant(rng, rng.choice(("android_id", "oaid", "imei"))),
                      rng.choice(("null", "unknown", "none")), "placeholder")
        return kv(rng.choice(("name", "nickname", "address")), rng.choice(("null", "-", "N/A")),
                  "placeholder")
    if cat == "geo_range":
        if rng.random() < 0.5:
            return kv(rng.choice(("lat", "latitude")), "%.1f" % rng.uniform(90.5, 179.9),
                      "geo_range", numeric=True)
        return kv(rng.choice(("lng", "lon", "longitude")), "%.1f" % rng.uniform(180.5, 360),
                  "geo_range", numeric=True)
    if cat == "secret_word":
        r = rng.random()
        if r < 0.3:
            segs = [("token_count=%d" % rng.randint(0, 4000), None)]
        elif r < 0.5:
            segs = [("password reset requested", None)]
        elif r < 0.7:
            segs = [("Authorization header missing", None)]
        else:
            segs = [("AppWindowToken{%s token=" % hexstr(rng, 7), None), ("Token", "~secret_word"),
                    ("{%s ActivityRecord}}" % hexstr(rng, 7), None)]
    elif rng.random() < 0.5:
        segs = [("ip_address_count=%d" % rng.randint(0, 9), None)]
    else:
        segs = [("instruction address: ", None), ("0x%08x" % rng.randint(0x1000, 0xffffff),
                                                   "~address_word")]
    if jq:  # prose inside a JSON member
        return [('%sdetail%s:%s' % (jq, jq, jq), None)] + segs + [(jq, None)]
    return segs


# Keys of the extended kinds, and the core context keys, as an independent
# self-check reads them: after any of them, a label or a decoy must start.
SELF_CHECK_KEYS = sorted(set(
    [k for k, _ in IMSI_KEYS + ICCID_KEYS + MEID_KEYS + SECRET_KEYS + NAME_KEYS + ADDRESS_KEYS]
    + [k for k, _, _ in DEVICE_KEYS] + list(MAC12_KEYS + CN_ID15_KEYS + IMEISV_KEYS + UP_KEYS)
    + ["lat", "lng", "lon", "latitude", "longitude", "authorization", "proxy_authorization",
       "身份证号码", "银行卡号", "卡号", "密码", "登录密码"]), key=len, reverse=True)


def _key_regex(k):
    if not k.isascii():
        return re.escape(k)
    return "(?i:" + "[_-]?".join(re.escape(w) for w in k.split("_")) + ")"


KEYED_VALUE_RE = re.compile(
    r"(?<![A-Za-z0-9_.-])(?:\\?[\"'])?(?:%s)(?:\\?[\"'])?[ \t]*(?:[:=]|：)[ \t]*(?:\\?[\"'])?"
    % "|".join(_key_regex(k) for k in SELF_CHECK_KEYS))


# ---------------------------------------------------------------------------
# Line formats.  Each takes the list of value types to embed and returns
# the segments of one line (without the newline).

class Clock:
    """Monotonic fake wall clock, so timestamps look like a real log."""

    def __init__(self, rng):
        self.rng = rng
        # Fixed +08:00 zone: epochs derived from it must not depend on the host's TZ.
        start = dt.datetime(2024, 3, 11, 8, 0, 0, tzinfo=dt.timezone(dt.timedelta(hours=8)))
        self.now = start + dt.timedelta(seconds=rng.randint(0, 86400))

    def tick(self):
        self.now += dt.timedelta(milliseconds=self.rng.randint(0, 900))
        return self.now


def kv_fields(rng, clock, types, ctx, n_noise, decoys=True):
    """Segments for key=value fields (values and look-alikes), shuffled.
    ctx "json" renders "key":"value" members, "ejson" the same escaped
    inside a JSON string, "header" Name: value, anything else key=value.
    In extended mode, sometimes adds a decoy field."""
    if ctx == "json":
        open_, close = '"%s":"', '"'
    elif ctx == "ejson":
        open_, close = '\\"%s\\":\\"', '\\"'
    elif ctx == "header":
        open_, close = "%s: ", ""
    elif ctx == "sq":
        open_, close = "%s='", "'"
    elif ctx == "pyrepr":
        open_, close = "'%s': '", "'"
    else:
        open_, close = "%s=", ""
    fields = []
    for t in types:
        if t in EXT_KIND_TYPE:
            fields.extend(ext_fields(rng, clock, t, ctx))
            continue
        key = rng.choice(VALUE_KEYS[t])
        fields.append([(open_ % key, None)] + gen_value(rng, t, ctx) + [(close, None)])
    for _ in range(n_noise):
        key, text = gen_lookalike(rng, clock)
        fields.append([(open_ % key + text + close, None)])
    if EXT["on"] and decoys and rng.random() < 0.35:
        fields.append(ext_decoy(rng, clock, ctx))
    rng.shuffle(fields)
    return fields


def join_fields(fields, sep):
    out = []
    for i, f in enumerate(fields):
        if i:
            out.append((sep, None))
        out.extend(f)
    return out


API_PATHS = ("/api/v1/user/login", "/api/v2/sms/send", "/api/v1/account/bind", "/m/order/detail",
             "/api/v1/pay/confirm", "/api/v3/device/report", "/passport/register", "/api/v1/profile")
USER_AGENTS = ("okhttp/4.9.3", "okhttp/3.12.13", "curl/8.4.0",
               "Dalvik/2.1.0 (Linux; U; Android 13; V2227A Build/TP1A.220624.014)",
               "Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) MicroMessenger/8.0.44",
               "Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/120.0.6099.144 Safari/537.36",
               "ExampleApp/6.3.1 (Android 12; Xiaomi 2201123C)")


def fmt_nginx(rng, clock, types):
    """nginx combined log; the first type is the client address."""
    t = clock.tick()
    remote = gen_value(rng, types[0], "remote", port_ok=False)
    n_noise = rng.randint(0, 2)
    query = join_fields(kv_fields(rng, clock, types[1:], "query", n_noise), "&")
    path = rng.choice(API_PATHS)
    method = "GET" if query or rng.random() < 0.6 else "POST"
    request = [('"%s %s' % (method, path) + ("?" if query else ""), None)] + query
    status = pick(rng, (("200", 85), ("302", 5), ("400", 4), ("404", 4), ("502", 2)))
    referer = rng.choice(('"-"', '"https://m.example.com/"', '"https://www.example.cn/login"'))
    tail = ' HTTP/1.1" %s %d %s "%s"' % (status, rng.randint(0, 20000), referer,
                                         rng.choice(USER_AGENTS))
    head = " - - [%s +0800] " % t.strftime("%d/%b/%Y:%H:%M:%S")
    return remote + [(head, None)] + request + [(tail, None)]


LOGGERS = ("c.e.user.LoginService", "c.e.pay.PayController", "c.e.sms.SmsSender",
           "c.e.risk.DeviceChecker", "c.e.gateway.AccessFilter", "c.e.order.OrderService")
JSON_MSGS = ("login ok", "sms code sent", "bind success", "risk check passed", "request done",
             "payment accepted", "profile updated", "retry scheduled")
TEXT_PHRASES = {
    "PHONE": ("sms sent to {}", "verify code for {}"),
    "CN_ID": ("realname check {} ok",),
    "BANK_CARD": ("charge card {} declined", "card {} bound"),
    "IMEI": ("new device {} seen",),
    "MAC": ("ap {} roamed", "station {} joined"),
    "EMAIL": ("mail queued for {}", "reset link sent to {}"),
    "IPV4": ("upstream {} timeout", "login from {}"),
    "IPV6": ("upstream {} timeout", "login from {}"),
}


def text_phrase(rng, vtype, ctx="text", clock=None):
    if vtype in EXT_KIND_TYPE:
        return ext_text_phrase(rng, clock, vtype, ctx)
    left, _, right = rng.choice(TEXT_PHRASES[vtype]).partition("{}")
    return [(left, None)] + gen_value(rng, vtype, ctx) + [(right, None)]


def fmt_json(rng, clock, types):
    t = clock.tick()
    level = pick(rng, (("INFO", 70), ("WARN", 15), ("DEBUG", 10), ("ERROR", 5)))
    head = '{"ts":"%s.%03d+08:00","level":"%s","logger":"%s",' % (
        t.strftime("%Y-%m-%dT%H:%M:%S"), t.microsecond // 1000, level, rng.choice(LOGGERS))
    types = list(types)
    if EXT["on"] and types and rng.random() < 0.2:  # JSON escaped inside the message
        k = rng.randint(1, len(types))
        inner, types = types[:k], types[k:]
        body = kv_fields(rng, clock, inner, "ejson", rng.randint(0, 1))
        msg = [('"msg":"{', None)] + join_fields(body, ",") + [('}"', None)]
    elif types and rng.random() < 0.3:  # sometimes the value sits in the message text
        msg = [('"msg":"', None)] + text_phrase(rng, types.pop(), "text", clock) + [('"', None)]
    else:
        msg = [('"msg":"%s"' % rng.choice(JSON_MSGS), None)]
    url = []
    if EXT["on"] and types and rng.random() < 0.15:  # values in a logged request URL
        k = rng.randint(1, len(types))
        inner, types = [t for t in types[:k] if t != "ADDRESS"], types[k:]
        query = join_fields(kv_fields(rng, clock, inner, "query", rng.randint(0, 1)), "&")
        url = [[('"url":"https://api.example.com%s?' % rng.choice(API_PATHS), None)] + query
               + [('"', None)]]
    fields = kv_fields(rng, clock, types, "json", rng.randint(1, 2)) + url
    return [(head, None)] + msg + ([(",", None)] + join_fields(fields, ",") if fields else []) \
        + [("}", None)]


LOGCAT_TAGS = ("WifiStateMachine", "DeviceInfo", "LoginActivity", "NetworkMonitor",
               "PushService", "PayBridge", "BluetoothAdapter", "ActivityManager")
LOGCAT_EVENTS = ("connect", "report", "login", "probe", "register", "sync", "scan done")


def fmt_logcat(rng, clock, types):
    t = clock.tick()
    pid = rng.randint(500, 32000)
    tid = pid if rng.random() < 0.4 else rng.randint(500, 32000)
    head = "%s.%03d %5d %5d %s %s: %s " % (
        t.strftime("%m-%d %H:%M:%S"), t.microsecond // 1000, pid, tid,
        pick(rng, (("I", 50), ("D", 30), ("W", 12), ("E", 8))),
        rng.choice(LOGCAT_TAGS), rng.choice(LOGCAT_EVENTS))
    fields = kv_fields(rng, clock, types, "kv", rng.randint(1, 3))
    return [(head, None)] + join_fields(fields, " ")


# Chinese templates: "{}" is where the value goes, touching CJK on both sides
# (or a full-width colon), as Chinese app logs print them.
CJK_TEMPLATES = {
    "PHONE": ("用户手机号{}已绑定", "短信验证码已发送至{}，请注意查收", "联系电话：{}，用户已确认"),
    "CN_ID": ("身份证号{}校验通过", "实名认证证件{}提交成功"),
    "BANK_CARD": ("绑定银行卡{}成功", "银行卡{}扣款失败，余额不足"),
    "IMEI": ("设备串号{}首次登录", "终端IMEI：{}已注册"),
    "MAC": ("网卡{}上线", "无线热点{}信号弱"),
    "EMAIL": ("联系邮箱{}谢谢", "已发送通知邮件至{}请查收"),
    "IPV4": ("来自{}的请求被拒绝", "登录来源为{}，存在异常"),
    "IPV6": ("客户端{}连接成功", "来自{}的请求被拒绝"),
}
# (template, look-alike generator) for unlabelled Chinese clauses.
CJK_NOISE = (("订单号{}已支付", la_order_id), ("耗时{}", la_duration), ("当前版本{}", la_version),
             ("流水号{}处理完成", la_snowflake), ("请求编号{}", la_uuid),
             ("时间戳{}", la_epoch_ms), ("批次{}入库", la_phone_in_run))


def cjk_clause(rng, vtype):
    if vtype in EXT_KIND_TYPE:
        return ext_cjk_clause(rng, None, vtype)
    left, _, right = rng.choice(CJK_TEMPLATES[vtype]).partition("{}")
    return [(left, None)] + gen_value(rng, vtype, "cjk", port_ok=False) + [(right, None)]


def fmt_cjk(rng, clock, types):
    t = clock.tick()
    head = "%s.%03d [%s] [%s] " % (t.strftime("%Y-%m-%d %H:%M:%S"), t.microsecond // 1000,
                                   pick(rng, (("INFO", 75), ("WARN", 20), ("ERROR", 5))),
                                   rng.choice(("user-svc", "pay-svc", "sms-gw", "risk")))
    clauses = [cjk_clause(rng, vt) for vt in types]
    for _ in range(rng.randint(1, 2)):
        tpl, gen = rng.choice(CJK_NOISE)
        left, _, right = tpl.partition("{}")
        clauses.append([(left + gen(rng, clock) + right, None)])
    rng.shuffle(clauses)
    return [(head, None)] + join_fields(clauses, "，") + [("。", None)]


HOSTS = ("web-01", "web-02", "gw-edge", "mail-01", "db-03", "app-7f")


def syslog_header(rng, clock, prog):
    t = clock.tick()
    return "%s %2d %s %s %s[%d]: " % (t.strftime("%b"), t.day, t.strftime("%H:%M:%S"),
                                       rng.choice(HOSTS), prog, rng.randint(100, 65000))


def syslog_special(rng, types):
    """Well-known daemon messages, used when the value types fit them."""
    if types == ["IPV4"] or types == ["IPV6"]:
        msg = ([("Accepted publickey for deploy from ", None)]
               + gen_value(rng, types[0], "text", port_ok=False)
               + [(" port %d ssh2" % rng.randint(1024, 65535), None)])
        return "sshd", msg
    if sorted(types) == ["IPV4", "MAC"]:
        return "dhcpd", ([("DHCPACK on ", None)] + gen_value(rng, "IPV4", "text", False)
                         + [(" to ", None)] + gen_value(rng, "MAC", "text")
                         + [(" via eth0", None)])
    if types == ["EMAIL"]:
        qid = hexstr(rng, 10).upper()
        return "postfix/smtp", ([("%s: to=<" % qid, None)] + gen_value(rng, "EMAIL", "text")
                                + [(">, relay=mx.example.com, delay=%.2f, status=sent" %
                                    (rng.random() * 3), None)])
    return None


def fmt_syslog(rng, clock, types):
    types = list(types)
    special = syslog_special(rng, types) if rng.random() < 0.7 else None
    if special:
        prog, msg = special
        return [(syslog_header(rng, clock, prog), None)] + msg
    prog = rng.choice(("app", "authd", "radiusd", "hostapd", "pushd"))
    parts = []
    if types and rng.random() < 0.5:
        parts.append(text_phrase(rng, types.pop(), "text", clock))
    parts += kv_fields(rng, clock, types, "kv", rng.randint(0, 2))
    if not parts:
        key, text = gen_lookalike(rng, clock)
        parts = [[("event=%s %s=%s" % (rng.choice(LOGCAT_EVENTS).replace(" ", "_"), key, text), None)]]
    return [(syslog_header(rng, clock, prog), None)] + join_fields(parts, " ")


HEADER_PLAIN = ("Content-Type: application/json; charset=utf-8", "Accept-Encoding: gzip",
                "Connection: keep-alive", "User-Agent: okhttp/4.9.3", "--> END POST",
                "Cache-Control: no-cache", "<-- 200 OK https://api.example.com/api/v1/profile (%dms)")


def fmt_header(rng, clock, types):
    """HTTP headers as apps log them (extended mode only): one OkHttp
    logging-interceptor line per header, or a gateway JSON record with a
    "headers" object."""
    t = clock.tick()
    if len(types) <= 1 and rng.random() < 0.7:
        pid = rng.randint(500, 32000)
        head = "%s.%03d %5d %5d D OkHttp: " % (t.strftime("%m-%d %H:%M:%S"), t.microsecond // 1000,
                                              pid, pid if rng.random() < 0.5 else rng.randint(500, 32000))
        if types:
            return [(head, None)] + join_fields(kv_fields(rng, clock, types, "header", 0, False), " ")
        if rng.random() < 0.3:
            return [(head, None)] + ext_decoy(rng, clock, "header")
        plain = rng.choice(HEADER_PLAIN)
        return [(head + (plain % rng.randint(5, 900) if "%d" in plain else plain), None)]
    head = '{"ts":"%s.%03d+08:00","level":"INFO","logger":"c.e.gateway.AccessFilter",' \
        '"msg":"upstream request","method":"%s","path":"%s","headers":{' % (
            t.strftime("%Y-%m-%dT%H:%M:%S"), t.microsecond // 1000,
            rng.choice(("GET", "POST")), rng.choice(API_PATHS))
    fields = kv_fields(rng, clock, types, "json", 0)
    fields.append([('"User-Agent":"%s"' % rng.choice(USER_AGENTS), None)])
    return [(head, None)] + join_fields(fields, ",") + [("}}", None)]


JAVA_TYPES = ("UserDTO", "OrderVO", "DeviceInfo", "LoginRequest", "AddressEntity", "BindCardReq")
JAVA_THREADS = ("nio-8080-exec-3", "http-nio-8080-exec-12", "main", "pool-4-thread-1",
                "kafka-consumer-2")


def fmt_app(rng, clock, types):
    """Spring Boot lines printing an object (extended mode only): Lombok
    toString `UserDTO(id=12, name=张伟, …)`; in hard mode also the IDE
    toString `UserDTO{id=12, name='张伟'}` and, from Python services, a
    dict repr `{'uid': 12, 'name': '张伟'}`."""
    t = clock.tick()
    style = pick(rng, (("lombok", 100), ("sq", 35 if EXT["hard"] else 0),
                       ("pyrepr", 25 if EXT["hard"] else 0)))
    fields = kv_fields(rng, clock, types, style, rng.randint(0, 1), decoys=style == "lombok")
    uid = rng.randint(1, 99999)
    if style == "pyrepr":
        head = "%s,%03d INFO app.views: payload=" % (t.strftime("%Y-%m-%d %H:%M:%S"),
                                                    t.microsecond // 1000)
        return [(head + "{'uid': %d" % uid, None)] + \
            ([(", ", None)] + join_fields(fields, ", ") if fields else []) + [("}", None)]
    head = "%s.%03d  %s %d --- [%s] %s : save " % (
        t.strftime("%Y-%m-%d %H:%M:%S"), t.microsecond // 1000,
        pick(rng, (("INFO", 80), ("WARN", 15), ("DEBUG", 5))), rng.randint(1000, 65000),
        rng.choice(JAVA_THREADS), rng.choice(LOGGERS))
    open_, close = ("(", ")") if style == "lombok" else ("{", "}")
    return [(head + rng.choice(JAVA_TYPES) + open_ + "id=%d" % uid, None)] + \
        ([(", ", None)] + join_fields(fields, ", ") if fields else []) + [(close, None)]


FORMATS = (("nginx", fmt_nginx, 20), ("json", fmt_json, 28), ("logcat", fmt_logcat, 20),
           ("cjk", fmt_cjk, 16), ("syslog", fmt_syslog, 16))
EXT_FORMATS = (("nginx", fmt_nginx, 15), ("json", fmt_json, 24), ("logcat", fmt_logcat, 15),
               ("cjk", fmt_cjk, 15), ("syslog", fmt_syslog, 11), ("header", fmt_header, 11),
               ("app", fmt_app, 9))

# How many values a line carries: dense averages ~1.4, mixed ~0.45.
DENSE_COUNTS = ((0, 12), (1, 45), (2, 34), (3, 9))
MIXED_COUNTS = ((0, 65), (1, 25), (2, 8), (3, 2))


def gen_line(rng, clock, dense):
    n = pick(rng, DENSE_COUNTS if dense else MIXED_COUNTS)
    formats = [(f, w) for name, f, w in (EXT_FORMATS if EXT["on"] else FORMATS)
               if n or name != "nginx"]
    fmt = pick(rng, formats)
    weights = EXT_TYPE_WEIGHTS if EXT["on"] else TYPE_WEIGHTS
    types = [pick(rng, weights) for _ in range(n)]
    if fmt is fmt_nginx and types[0] not in ("IPV4", "IPV6"):
        types[0] = pick(rng, (("IPV4", 75), ("IPV6", 25)))  # the client address
    if fmt is fmt_nginx and EXT["on"] and not EXT["hard"]:
        for i in range(1, n):  # a Chinese address in a query string is percent-encoded
            while types[i] == "ADDRESS":
                types[i] = pick(rng, weights)
    return fmt(rng, clock, types)


# ---------------------------------------------------------------------------
# Writer

def generate(out, labels_out, seed=1, lines=20000, max_bytes=None, dense=False,
             extended=False, hard=False, decoys_out=None, decoy_counts=None):
    """Write the corpus to binary stream `out` and labels to text stream
    `labels_out`.  Stops after `lines` lines, or once `max_bytes` is reached
    (at a line boundary) when given.  Returns (lines, bytes, counts).

    extended: also the context types, context-only forms and decoys (labels
    then carry a "form" member); hard: extended plus realistic forms that
    are hard to detect.  Decoy spans go to `decoys_out` (JSON Lines with
    category, offset, length) and are counted in `decoy_counts` if given."""
    saved = dict(EXT)
    EXT["on"], EXT["hard"] = bool(extended or hard), bool(hard)
    try:
        return _generate(out, labels_out, seed, lines, max_bytes, dense, decoys_out,
                         decoy_counts if decoy_counts is not None else {})
    finally:
        EXT.update(saved)


def _generate(out, labels_out, seed, lines, max_bytes, dense, decoys_out, decoy_counts):
    rng = random.Random(seed)
    clock = Clock(rng)
    offset = 0
    n_lines = 0
    counts = {}
    while (offset < max_bytes) if max_bytes is not None else (n_lines < lines):
        for text, vtype in gen_line(rng, clock, dense):
            b = text.encode("utf-8")
            if vtype and vtype[0] == "~":
                cat = vtype[1:]
                decoy_counts[cat] = decoy_counts.get(cat, 0) + 1
                if decoys_out is not None:
                    decoys_out.write('{"category":"%s","offset":%d,"length":%d}\n'
                                     % (cat, offset, len(b)))
            elif vtype:
                vtype, _, form = vtype.partition("|")
                if form:
                    labels_out.write('{"type":"%s","offset":%d,"length":%d,"form":"%s"}\n'
                                     % (vtype, offset, len(b), form))
                else:
                    labels_out.write('{"type":"%s","offset":%d,"length":%d}\n' % (vtype, offset, len(b)))
                counts[vtype] = counts.get(vtype, 0) + 1
            out.write(b)
            offset += len(b)
        out.write(b"\n")
        offset += 1
        n_lines += 1
    return n_lines, offset, counts


# ---------------------------------------------------------------------------
# Self-check: an independent reading of the output.

PHONE_LABEL_RE = re.compile(r"^(?:(?:\+86|0086|86|%2B86)(?: |-|%20)?)?"
                            r"(1\d{2})((?:[ -]|%20)?)(\d{4})\2(\d{4})$")


def validate_ext_label(vtype, s, form):
    """Re-validate a label of a context kind (form "TYPE.variant.ctx")."""
    variant = form.split(".")[1]
    if vtype == "IMSI":
        return imsi_valid(s)
    if vtype == "ICCID":
        return iccid_valid(s) and (variant != "bare8986" or s.startswith("8986"))
    if vtype == "MEID":
        return meid_valid(s)
    if vtype == "DEVICE_ID":
        return device_id_valid(s)
    if vtype == "GEO":
        return geo_valid(s, form)
    if vtype == "SECRET":
        return secret_valid(s, form)
    if vtype == "NAME":
        return name_valid(s, form)
    if vtype == "ADDRESS":
        return address_valid(s, form)
    if vtype == "MAC":  # bare12
        return re.fullmatch(r"[0-9A-Fa-f]{12}", s) is not None and mac_valid(
            ":".join(s[i:i + 2] for i in range(0, 12, 2)))
    if vtype == "CN_ID":  # legacy15
        return cn_id15_valid(s)
    if vtype == "IMEI":  # imeisv16, imei14
        return s.isdigit() and len(s) == (16 if variant == "imeisv16" else 14) and s[:2] in IMEI_RBI
    if vtype == "BANK_CARD":  # up_noluhn
        return s.isdigit() and 16 <= len(s) <= 19 and s.startswith("62") and not luhn_ok(s)
    return False


def is_std_form(form):
    return not form or ".std." in form


def validate_label(vtype, s, form=None):
    """Does the labelled text re-validate as its type?"""
    if not is_std_form(form):
        return validate_ext_label(vtype, s, form)
    if vtype == "PHONE":
        m = PHONE_LABEL_RE.match(s)
        return bool(m) and phone_core_valid(m.group(1) + m.group(3) + m.group(4))
    if vtype == "CN_ID":
        return cn_id_valid(s)
    if vtype == "BANK_CARD":
        if re.fullmatch(r"\d{4}([ -])\d{4}\1\d{4}\1\d{4}", s):
            s = re.sub(r"[ -]", "", s)
        return card_valid(s)
    if vtype == "IMEI":
        if re.fullmatch(r"\d{2}-\d{6}-\d{6}-\d", s):
            s = s.replace("-", "")
        return imei_valid(s)
    if vtype == "MAC":
        return mac_valid(s)
    if vtype == "EMAIL":
        return bool(re.fullmatch(r"[A-Za-z0-9._+-]+(?:@|%40)(?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,}", s))
    if vtype == "IPV4":
        return bool(re.fullmatch(r"\d{1,3}(?:\.\d{1,3}){3}", s)) and _ip_ok(s, 4)
    if vtype == "IPV6":
        addr, _, zone = s.partition("%")
        return _ip_ok(addr, 6) and (not zone or zone.isalnum() or re.fullmatch(r"[\w-]+", zone))
    return False


def second_reading(vtype, s):
    """Another type the same labelled text would also be valid as, or None."""
    d = re.sub(r"[ -]", "", s)
    if not d.isdigit():
        return None  # CN_ID ending in X, or a non-numeric type
    if vtype in ("IMEI", "CN_ID", "PHONE") and card_valid_any(d):
        return "BANK_CARD"
    if vtype == "BANK_CARD" and imei_valid(d):
        return "IMEI"
    if vtype == "BANK_CARD" and cn_id_checksum_ok(d):
        return "CN_ID"
    return None


def _ip_ok(s, version):
    try:
        return ipaddress.ip_address(s).version == version
    except ValueError:
        return False


# Liberal candidate scanners over the raw bytes (offsets are byte offsets).
# Anything they find must be a label or lie inside one.
_HEX = rb"[0-9A-Fa-f]"
CANDIDATE_SCANNERS = (
    ("digits", re.compile(rb"(?<![0-9])[0-9]+(?![0-9])")),
    ("grouped", re.compile(GROUPED_RE.pattern.encode())),
    ("ipv4", re.compile(rb"(?<![0-9])(?<![0-9]\.)\d{1,3}(?:\.\d{1,3}){3}(?![0-9])(?!\.[0-9])")),
    ("ipv6", re.compile(rb"(?<![\w:.])[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*(?:%[0-9A-Za-z-]+)?(?![\w:.])")),
    ("mac", re.compile(rb"(?<![0-9A-Fa-f:-])" + _HEX + rb"{2}([:-])(?:" + _HEX + rb"{2}\1){4}"
                       + _HEX + rb"{2}(?![0-9A-Fa-f:-])")),
    ("cisco", re.compile(rb"(?<![0-9A-Fa-f.])" + _HEX + rb"{4}\." + _HEX + rb"{4}\." + _HEX
                         + rb"{4}(?![0-9A-Fa-f.])")),
    ("email", re.compile(rb"[A-Za-z0-9._+-]+(?:@|%40)[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")),
)

# Context keys of the SPEC types this corpus does not label (and of the
# context-only variants of labelled ones): none may appear at all.
FORBIDDEN_KEYS = re.compile(
    rb"(?<![A-Za-z])(?:password|passwd|pwd|secret|token|access_token|api_key|authorization|bearer"
    rb"|android_id|oaid|idfa|idfv|udid|device_id|aaid|lat|latitude|lng|lon|longitude"
    rb"|name|real_name|nickname|contact_name|address|addr|home_address|imsi|iccid|meid|imeisv)"
    rb"(?![A-Za-z])|\xe5\xa7\x93\xe5\x90\x8d|\xe5\x9c\xb0\xe5\x9d\x80|\xe4\xbd\x8f\xe5\x9d\x80",
    re.IGNORECASE)  # the last three are 姓名, 地址, 住址 in UTF-8


def candidate_is_hazard(kind, m, data):
    s = m.group().decode("ascii")
    if kind == "digits":
        return bool(digit_run_hazards(s, chr(data[m.end()]) if m.end() < len(data) else ""))
    if kind == "grouped":
        return grouped_hazard(s)
    if kind == "ipv4":
        return _ip_ok(s, 4)
    if kind == "ipv6":
        return _ip_ok(s.partition("%")[0], 6)
    return True  # mac, cisco, email: the shape alone is a finding


def self_check_corpus(data, label_lines, decoy_lines=(), extended=False):
    """Return a list of problems (empty = good).

    Extended corpora: a value under a key of a context kind must be a label
    or a decoy (instead of: no such key at all), and the hazard scan treats
    decoys (deliberately dangerous numbers under exclusion keys...) as
    covered."""
    problems = []
    labels = [json.loads(line) for line in label_lines]
    spans = sorted((l["offset"], l["offset"] + l["length"], l["type"], l.get("form")) for l in labels)
    decoys = sorted((d["offset"], d["offset"] + d["length"], "~" + d["category"], None)
                    for d in map(json.loads, decoy_lines))
    prev_end = 0
    for start, end, vtype, form in spans:
        s = data[start:end].decode("utf-8")
        if start < prev_end:
            problems.append("overlapping labels at %d" % start)
        if not validate_label(vtype, s, form):
            problems.append("label does not validate: %s at %d" % (form or vtype, start))
        elif is_std_form(form) and second_reading(vtype, s):
            problems.append("label also reads as %s: %s at %d" % (second_reading(vtype, s), vtype, start))
        prev_end = end
    both = sorted(spans + decoys)
    for a, b in zip(both, both[1:]):
        if b[0] < a[1]:
            problems.append("decoy overlaps a label at %d" % b[0])
    problems += unlabelled_hazards(data, both)
    if not extended and FORBIDDEN_KEYS.search(data):
        m = FORBIDDEN_KEYS.search(data)
        problems.append("context key of an unlabelled type at %d" % m.start())
    if extended:
        starts = set(s[0] for s in both)
        text = data.decode("utf-8")
        # byte offsets of character positions, for the str regex
        for m in KEYED_VALUE_RE.finditer(text):
            pos = len(text[:m.end()].encode("utf-8"))
            if pos not in starts:
                problems.append("value under key %r at %d is neither label nor decoy"
                                % (m.group(), pos))
    return problems


def unlabelled_hazards(data, spans):
    import bisect
    starts = [s[0] for s in spans]
    problems = []
    for kind, rx in CANDIDATE_SCANNERS:
        for m in rx.finditer(data):
            i = bisect.bisect_right(starts, m.start()) - 1
            covered = i >= 0 and spans[i][0] <= m.start() and m.end() <= spans[i][1]
            if not covered and candidate_is_hazard(kind, m, data):
                problems.append("unlabelled %s candidate at %d" % (kind, m.start()))
    return problems


def run_self_check():
    ok = True
    all_types = set(VALUE_GENERATORS) | set(EXT_KIND_TYPE.values())
    for mode in ("core", "extended", "hard"):
        for seed in (1, 2):
            for dense in (False, True):
                if mode == "hard" and (seed, dense) != (1, False):
                    continue
                opts = dict(seed=seed, lines=6000, dense=dense,
                            extended=mode != "core", hard=mode == "hard")
                out, lab, dec = io.BytesIO(), io.StringIO(), io.StringIO()
                n, size, counts = generate(out, lab, decoys_out=dec, **opts)
                data = out.getvalue()
                probs = self_check_corpus(data, lab.getvalue().splitlines(),
                                          dec.getvalue().splitlines(), mode != "core")
                again_out, again_lab = io.BytesIO(), io.StringIO()
                generate(again_out, again_lab, **opts)
                if again_out.getvalue() != data or again_lab.getvalue() != lab.getvalue():
                    probs.append("same seed gave different output")
                missing = (set(VALUE_GENERATORS) if mode == "core" else all_types) - set(counts)
                if missing:
                    probs.append("types never generated: %s" % sorted(missing))
                print("%-8s seed %d %-6s %d lines, %d bytes, %d labels (%.2f/line, %.0f B/line), "
                      "%d decoys: %s" % (
                          mode, seed, "dense" if dense else "mixed", n, size, sum(counts.values()),
                          sum(counts.values()) / n, size / n, len(dec.getvalue().splitlines()),
                          "OK" if not probs else "FAIL"))
                for p in probs[:20]:
                    print("  " + p)
                ok = ok and not probs
    a, b = io.BytesIO(), io.BytesIO()
    generate(a, io.StringIO(), seed=1, lines=500)
    generate(b, io.StringIO(), seed=2, lines=500)
    if a.getvalue() == b.getvalue():
        print("different seeds gave identical output: FAIL")
        ok = False
    print("self-check " + ("passed" if ok else "FAILED"))
    return 0 if ok else 1


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", help="corpus file to write")
    ap.add_argument("--labels", help="JSON Lines label file to write")
    ap.add_argument("--seed", type=int, default=1)
    size = ap.add_mutually_exclusive_group()
    size.add_argument("--lines", type=int, default=20000, help="number of lines (default 20000)")
    size.add_argument("--bytes", type=int, help="stop at the first line end at or past N bytes")
    ap.add_argument("--dense", action="store_true",
                    help="about 1.4 values per ~160-byte line (default: mixed, ~0.45)")
    ap.add_argument("--extended", action="store_true",
                    help="also the context types (IMSI, ICCID, MEID, DEVICE_ID, GEO, SECRET, NAME, "
                         "ADDRESS), context-only forms of core types, and decoys under keys that "
                         "must not be reported; labels get a \"form\" member")
    ap.add_argument("--hard", action="store_true",
                    help="--extended plus realistic forms that are hard to detect (CamelCase "
                         "surnames, nickname handles, percent- or \\u-escaped Chinese names...)")
    ap.add_argument("--decoys", metavar="FILE",
                    help="with --extended: write decoy spans (category, offset, length) to FILE")
    ap.add_argument("--self-check", action="store_true",
                    help="regenerate with two seeds and validate every label")
    ap.add_argument("-q", "--quiet", action="store_true", help="no summary on stderr")
    args = ap.parse_args(argv)
    if args.self_check:
        return run_self_check()
    if not args.out or not args.labels:
        ap.error("--out and --labels are required")
    if args.decoys and not (args.extended or args.hard):
        ap.error("--decoys needs --extended")
    decoy_counts = {}
    with open(args.out, "wb") as out, open(args.labels, "w", encoding="ascii") as lab, \
            (open(args.decoys, "w", encoding="ascii") if args.decoys else io.StringIO()) as dec:
        n, size, counts = generate(out, lab, seed=args.seed, lines=args.lines,
                                   max_bytes=args.bytes, dense=args.dense, extended=args.extended,
                                   hard=args.hard, decoys_out=dec, decoy_counts=decoy_counts)
    if not args.quiet:
        total = sum(counts.values())
        print("%d lines, %d bytes, %d labels (%.2f per line): %s" % (
            n, size, total, total / max(n, 1),
            " ".join("%s=%d" % (t, counts[t]) for t in sorted(counts))), file=sys.stderr)
        if decoy_counts:
            print("%d decoys: %s" % (sum(decoy_counts.values()), " ".join(
                "%s=%d" % (c, decoy_counts[c]) for c in sorted(decoy_counts))), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
