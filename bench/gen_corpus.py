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


def gen_value(rng, vtype, ctx, port_ok=True):
    if vtype in ("IPV4", "IPV6"):
        return VALUE_GENERATORS[vtype](rng, ctx, port_ok)
    return VALUE_GENERATORS[vtype](rng, ctx)


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
    (la_uuid, ("trace_id", "request_id", "session"), 10),
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


def kv_fields(rng, clock, types, ctx, n_noise):
    """Segments for key=value fields (values and look-alikes), shuffled.
    ctx "json" renders "key":"value" members, anything else key=value."""
    if ctx == "json":
        open_, close = '"%s":"', '"'
    else:
        open_, close = "%s=", ""
    fields = []
    for t in types:
        key = rng.choice(VALUE_KEYS[t])
        fields.append([(open_ % key, None)] + gen_value(rng, t, ctx) + [(close, None)])
    for _ in range(n_noise):
        key, text = gen_lookalike(rng, clock)
        fields.append([(open_ % key + text + close, None)])
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


def text_phrase(rng, vtype, ctx="text"):
    left, _, right = rng.choice(TEXT_PHRASES[vtype]).partition("{}")
    return [(left, None)] + gen_value(rng, vtype, ctx) + [(right, None)]


def fmt_json(rng, clock, types):
    t = clock.tick()
    level = pick(rng, (("INFO", 70), ("WARN", 15), ("DEBUG", 10), ("ERROR", 5)))
    head = '{"ts":"%s.%03d+08:00","level":"%s","logger":"%s",' % (
        t.strftime("%Y-%m-%dT%H:%M:%S"), t.microsecond // 1000, level, rng.choice(LOGGERS))
    types = list(types)
    if types and rng.random() < 0.3:  # sometimes the value sits in the message text
        msg = [('"msg":"', None)] + text_phrase(rng, types.pop(), "text") + [('"', None)]
    else:
        msg = [('"msg":"%s"' % rng.choice(JSON_MSGS), None)]
    fields = kv_fields(rng, clock, types, "json", rng.randint(1, 2))
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
        parts.append(text_phrase(rng, types.pop(), "text"))
    parts += kv_fields(rng, clock, types, "kv", rng.randint(0, 2))
    if not parts:
        key, text = gen_lookalike(rng, clock)
        parts = [[("event=%s %s=%s" % (rng.choice(LOGCAT_EVENTS).replace(" ", "_"), key, text), None)]]
    return [(syslog_header(rng, clock, prog), None)] + join_fields(parts, " ")


FORMATS = (("nginx", fmt_nginx, 20), ("json", fmt_json, 28), ("logcat", fmt_logcat, 20),
           ("cjk", fmt_cjk, 16), ("syslog", fmt_syslog, 16))

# How many values a line carries: dense averages ~1.4, mixed ~0.45.
DENSE_COUNTS = ((0, 12), (1, 45), (2, 34), (3, 9))
MIXED_COUNTS = ((0, 65), (1, 25), (2, 8), (3, 2))


def gen_line(rng, clock, dense):
    n = pick(rng, DENSE_COUNTS if dense else MIXED_COUNTS)
    formats = [(f, w) for name, f, w in FORMATS if n or name != "nginx"]
    fmt = pick(rng, formats)
    types = [pick(rng, TYPE_WEIGHTS) for _ in range(n)]
    if fmt is fmt_nginx and types[0] not in ("IPV4", "IPV6"):
        types[0] = pick(rng, (("IPV4", 75), ("IPV6", 25)))  # the client address
    return fmt(rng, clock, types)


# ---------------------------------------------------------------------------
# Writer

def generate(out, labels_out, seed=1, lines=20000, max_bytes=None, dense=False):
    """Write the corpus to binary stream `out` and labels to text stream
    `labels_out`.  Stops after `lines` lines, or once `max_bytes` is reached
    (at a line boundary) when given.  Returns (lines, bytes, counts)."""
    rng = random.Random(seed)
    clock = Clock(rng)
    offset = 0
    n_lines = 0
    counts = {}
    while (offset < max_bytes) if max_bytes is not None else (n_lines < lines):
        for text, vtype in gen_line(rng, clock, dense):
            b = text.encode("utf-8")
            if vtype:
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
                            r"(1\d{2})([ -]?)(\d{4})\2(\d{4})$")


def validate_label(vtype, s):
    """Does the labelled text re-validate as its type?"""
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


def self_check_corpus(data, label_lines):
    """Return a list of problems (empty = good)."""
    problems = []
    labels = [json.loads(line) for line in label_lines]
    spans = sorted((l["offset"], l["offset"] + l["length"], l["type"]) for l in labels)
    prev_end = 0
    for start, end, vtype in spans:
        s = data[start:end].decode("utf-8")
        if start < prev_end:
            problems.append("overlapping labels at %d" % start)
        if not validate_label(vtype, s):
            problems.append("label does not validate: %s at %d" % (vtype, start))
        elif second_reading(vtype, s):
            problems.append("label also reads as %s: %s at %d" % (second_reading(vtype, s), vtype, start))
        prev_end = end
    problems += unlabelled_hazards(data, spans)
    if FORBIDDEN_KEYS.search(data):
        m = FORBIDDEN_KEYS.search(data)
        problems.append("context key of an unlabelled type at %d" % m.start())
    return problems


def unlabelled_hazards(data, spans):
    import bisect
    starts = [s for s, _, _ in spans]
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
    for seed in (1, 2):
        for dense in (False, True):
            out, lab = io.BytesIO(), io.StringIO()
            n, size, counts = generate(out, lab, seed=seed, lines=6000, dense=dense)
            data = out.getvalue()
            probs = self_check_corpus(data, lab.getvalue().splitlines())
            again_out, again_lab = io.BytesIO(), io.StringIO()
            generate(again_out, again_lab, seed=seed, lines=6000, dense=dense)
            if again_out.getvalue() != data or again_lab.getvalue() != lab.getvalue():
                probs.append("same seed gave different output")
            missing = set(VALUE_GENERATORS) - set(counts)
            if missing:
                probs.append("types never generated: %s" % sorted(missing))
            print("seed %d %-6s %d lines, %d bytes, %d labels (%.2f/line, %.0f B/line): %s" % (
                seed, "dense" if dense else "mixed", n, size, sum(counts.values()),
                sum(counts.values()) / n, size / n, "OK" if not probs else "FAIL"))
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
    ap.add_argument("--self-check", action="store_true",
                    help="regenerate with two seeds and validate every label")
    ap.add_argument("-q", "--quiet", action="store_true", help="no summary on stderr")
    args = ap.parse_args(argv)
    if args.self_check:
        return run_self_check()
    if not args.out or not args.labels:
        ap.error("--out and --labels are required")
    with open(args.out, "wb") as out, open(args.labels, "w", encoding="ascii") as lab:
        n, size, counts = generate(out, lab, seed=args.seed, lines=args.lines,
                                   max_bytes=args.bytes, dense=args.dense)
    if not args.quiet:
        total = sum(counts.values())
        print("%d lines, %d bytes, %d labels (%.2f per line): %s" % (
            n, size, total, total / max(n, 1),
            " ".join("%s=%d" % (t, counts[t]) for t in sorted(counts))), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
