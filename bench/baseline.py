#!/usr/bin/env python3
"""Reference de-identification filter in plain Python: the throughput baseline.

Implements the eight core scrub types the way a careful Python redactor would:
one `re` pattern per rule (the shapes and boundaries of patterns/*.yml),
validators in Python (ISO 7064 MOD 11-2 with province and birth date, IIN
ranges + Luhn, IMEI Luhn + reporting body, MAC not all-zero/all-ff, IPv4
octets, IPv6 through the `ipaddress` parser), overlaps resolved leftmost,
longest, then by priority, and every finding replaced by a keyed token
TYPE_<keyid>_<digest> (HMAC-SHA256 over a canonical form of the value).

It is a benchmark baseline, not a product: no context keys, no exclusion keys,
no extended types, no actions other than hash.

    baseline.py -k KEYFILE < in > out            scrub the text
    baseline.py -k KEYFILE --findings < in       one JSON object per finding
                                                 {"type","offset","length","line"}

Python 3 standard library only. Reads stdin in blocks of about 1 MiB cut at
a line end (no value spans a newline), so memory stays bounded for any
ordinary log.
"""

import argparse
import base64
import hashlib
import hmac
import ipaddress
import re
import sys

BLOCK = 1 << 20

# Left boundaries shared by the numeric rules: not after a digit (but after a
# URL escape such as %3D), and not joined to an identifier by '_' or '_-'.
NUM_LEFT = rb"(?:(?<![0-9])|(?<=%[0-9A-Fa-f][0-9]))(?<![A-Za-z0-9]_)(?<![A-Za-z0-9]_-)"

# (type, priority, left, pattern, right, validators)
RULES = [
    ("PHONE", 50,
     rb"(?:(?<![0-9])|(?<=%[0-9A-Fa-f][0-9]))",
     rb"(?:(?:\+|%2[Bb]|00)?86(?:[ -]|%20)?)?1[3-9][0-9]"
     rb"(?:[0-9]{8}|-[0-9]{4}-[0-9]{4}| [0-9]{4} [0-9]{4}|%20[0-9]{4}%20[0-9]{4})",
     rb"(?![0-9])", ("hexword",)),
    ("CN_ID", 60, NUM_LEFT,
     rb"[1-8][0-9]{5}(?:19|20)[0-9]{9}[0-9Xx]",
     rb"(?![0-9Xx])", ("cn_id", "hexword")),
    ("BANK_CARD", 40, NUM_LEFT,
     rb"[2-6][0-9]{12,18}|81[0-9]{12,17}",
     rb"(?![0-9])", ("luhn", "iin", "hexword")),
    ("BANK_CARD", 40, NUM_LEFT,
     rb"[2-8][0-9]{3} [0-9]{4} [0-9]{4} [0-9]{1,4}(?: [0-9]{1,3})?"
     rb"|[2-8][0-9]{3}-[0-9]{4}-[0-9]{4}-[0-9]{1,4}(?:-[0-9]{1,3})?"
     rb"|3[47][0-9]{2} [0-9]{6} [0-9]{5}|3[47][0-9]{2}-[0-9]{6}-[0-9]{5}",
     rb"(?![0-9])", ("luhn", "iin")),
    ("IMEI", 30, NUM_LEFT,
     rb"[0-9]{15}",
     rb"(?![0-9])", ("luhn", "tac", "hexword")),
    ("IMEI", 30,
     rb"(?<![0-9])(?<![0-9][ -])",
     rb"[0-9]{2}[ -][0-9]{6}[ -][0-9]{6}[ -][0-9]|[0-9]{6}[ -][0-9]{2}[ -][0-9]{6}[ -][0-9]"
     rb"|[0-9]{8}[ -][0-9]{6}[ -][0-9]",
     rb"(?![0-9])(?![ -][0-9])", ("luhn", "tac")),
    ("MAC", 50,
     rb"(?<![0-9A-Fa-f:])(?<![0-9A-Fa-f][-.])",
     rb"[0-9A-Fa-f]{2}(?::[0-9A-Fa-f]{2}){5}|[0-9A-Fa-f]{2}(?:-[0-9A-Fa-f]{2}){5}"
     rb"|[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}",
     rb"(?![0-9A-Fa-f:])(?![-.][0-9A-Fa-f])", ("mac",)),
    ("EMAIL", 70,
     rb"(?:(?<![A-Za-z0-9._+%-])|(?<=%[0-9A-Fa-f]{2}))",
     rb"[A-Za-z0-9._+-]+(?:@|%40)[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
     rb"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z][A-Za-z0-9-]*[A-Za-z0-9]",
     rb"(?![A-Za-z0-9-])(?!\.[A-Za-z0-9])", ("maxlen320",)),
    ("IPV4", 40,
     rb"(?<![0-9A-Za-z.~])",
     rb"[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}",
     rb"(?![0-9])(?!\.[0-9])", ("ipv4",)),
    ("IPV6", 45,
     rb"(?<![0-9A-Za-z_:.*])",
     rb"(?:[0-9A-Fa-f]{1,4}:|:)(?:[0-9A-Fa-f]{0,4}:){1,7}"
     rb"(?:[0-9A-Fa-f]{1,4}|[0-9]{1,3}(?:\.[0-9]{1,3}){3})?(?:%[0-9A-Za-z._~-]+)?",
     rb"(?![0-9A-Za-z_:*])(?!\.[0-9])", ("ipv6",)),
]

# --- validators -------------------------------------------------------------

NOT_DIGIT = re.compile(rb"[^0-9]")
HEX = frozenset(b"0123456789abcdefABCDEF")
ALNUM = frozenset(b"0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")


def luhn(d):
    total = 0
    odd = False
    for c in reversed(d):
        v = c - 48
        if odd:
            v = v * 2 - 9 if v > 4 else v * 2
        total += v
        odd = not odd
    return total % 10 == 0


def iin(d):
    n = len(d)
    if n < 13 or n > 19:
        return False
    p2, p3, p4 = int(d[:2]), int(d[:3]), int(d[:4])
    if p2 in (62, 81):
        return n >= 14                          # UnionPay
    if d[0] == 52:                              # '4': Visa
        return n in (13, 16, 19)
    if 51 <= p2 <= 55 or 2221 <= p4 <= 2720:
        return n == 16                          # Mastercard
    if p2 in (34, 37):
        return n == 15                          # Amex
    if 3528 <= p4 <= 3589:
        return n >= 16                          # JCB
    if p4 == 6011 or 644 <= p3 <= 649 or p2 == 65:
        return n >= 16                          # Discover
    if 300 <= p3 <= 305 or p4 == 3095 or p2 == 36 or p2 in (38, 39):
        return n in (14, 16, 19)                # Diners Club
    return False


TAC_RBI = frozenset((1, 10, 30, 33, 35, 44, 45, 49, 50, 51, 52, 53, 54, 86, 91, 98, 99))


def tac(d):
    return len(d) >= 14 and int(d[:2]) in TAC_RBI


PROVINCES = frozenset((11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42,
                       43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83))
MOD11_W = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
MDAYS = (0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def cn_id(v):
    if int(v[:2]) not in PROVINCES:
        return False
    y, m, dd = int(v[6:10]), int(v[10:12]), int(v[12:14])
    if y < 1900 or m < 1 or m > 12 or dd < 1 or dd > MDAYS[m]:
        return False
    if m == 2 and dd == 29 and not (y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)):
        return False
    s = sum((v[i] - 48) * MOD11_W[i] for i in range(17))
    return b"10X98765432"[s % 11] == (v[17] & 0xDF if v[17] > 57 else v[17])


def not_in_hex_word(buf, s, e):
    """False when the value sits inside a longer all-hex word (trace id, digest)."""
    n = len(buf)
    a, b = s, e
    while a > 0 and buf[a - 1] in ALNUM:
        a -= 1
    while b < n and buf[b] in ALNUM:
        b += 1
    if a == s and b == e:
        return True
    if b - a > 2 and buf[a] == 48 and buf[a + 1] in (120, 88):   # 0x...
        a += 2
    for i in range(a, b):
        if buf[i] not in HEX:
            return True
    return False


def mac(v):
    h = bytes(c for c in v.lower() if c in HEX)
    return h != b"0" * 12 and h != b"f" * 12


def ipv4(v):
    for o in v.split(b"."):
        if int(o) > 255:
            return False
    return True


def ipv6(v):
    addr = v.split(b"%", 1)[0]
    if len(addr) < 2 or len(addr) >= 64:
        return False
    if not any(c in HEX for c in addr):
        return False                            # bare '::' is C++ scope
    colons = addr.count(b":")
    if b"::" not in addr and colons != 7 and not (colons == 6 and b"." in addr):
        return False                            # a clock time such as 10:23:45
    try:
        ipaddress.IPv6Address(addr.decode("ascii"))
    except ValueError:
        return False
    return True


def valid(vals, buf, s, e):
    v = buf[s:e]
    d = None
    for name in vals:
        if name in ("luhn", "iin", "tac"):
            if d is None:
                d = NOT_DIGIT.sub(b"", v)
            ok = luhn(d) if name == "luhn" else iin(d) if name == "iin" else tac(d)
        elif name == "hexword":
            ok = not_in_hex_word(buf, s, e)
        elif name == "cn_id":
            ok = cn_id(v)
        elif name == "mac":
            ok = mac(v)
        elif name == "ipv4":
            ok = ipv4(v)
        elif name == "ipv6":
            ok = ipv6(v)
        elif name == "maxlen320":
            ok = e - s <= 320
        else:
            raise AssertionError(name)
        if not ok:
            return False
    return True


# --- replacement -------------------------------------------------------------

def canonical(typ, v):
    if typ == "PHONE":
        return NOT_DIGIT.sub(b"", v.replace(b"%20", b"").replace(b"%2B", b"")
                             .replace(b"%2b", b""))[-11:]
    if typ in ("BANK_CARD", "IMEI"):
        return NOT_DIGIT.sub(b"", v)
    if typ == "CN_ID":
        return v.upper()
    if typ == "MAC":
        return bytes(c for c in v.lower() if c in HEX)
    if typ == "EMAIL":
        return v.replace(b"%40", b"@").lower()
    if typ == "IPV6":
        return v.lower()
    return v


class Hasher:
    def __init__(self, key):
        self.key = key
        kid = hmac.new(key, b"scrub-baseline key id", hashlib.sha256).digest()
        self.kid = base64.b32encode(kid[:5]).decode("ascii").lower()
        self.tmpl = hmac.new(key, digestmod=hashlib.sha256)   # key absorbed once

    def token(self, typ, v):
        h = self.tmpl.copy()
        h.update(typ.encode("ascii") + b"\0" + canonical(typ, v))
        dig = base64.b32encode(h.digest()[:10]).decode("ascii").lower()
        return ("%s_%s_%s" % (typ, self.kid, dig[:16])).encode("ascii")


# --- engine ------------------------------------------------------------------

COMPILED = [(typ, prio, re.compile(b"(?:" + left + b")(?:" + pat + b")" + right), vals)
            for typ, prio, left, pat, right, vals in RULES]


def find(buf):
    """Validated, non-overlapping findings in buf: sorted (start, end, type)."""
    cands = []
    for idx, (typ, prio, rx, vals) in enumerate(COMPILED):
        for m in rx.finditer(buf):
            s, e = m.span()
            if valid(vals, buf, s, e):
                cands.append((s, -e, -prio, idx, typ))
    cands.sort()
    out = []
    last = 0
    for s, ne, _, _, typ in cands:
        if out and s < last:
            continue
        out.append((s, -ne, typ))
        last = -ne
    return out


def blocks(stream):
    rest = b""
    while True:
        data = stream.read(BLOCK)
        if not data:
            if rest:
                yield rest
            return
        data = rest + data
        cut = data.rfind(b"\n") + 1
        if cut == 0:
            rest = data
            continue
        rest = data[cut:]
        yield data[:cut]


def main(argv=None):
    ap = argparse.ArgumentParser(description="Python baseline of scrub's core rules")
    ap.add_argument("-k", "--key-file", required=True)
    ap.add_argument("--findings", action="store_true",
                    help="one JSON object per finding instead of the text")
    args = ap.parse_args(argv)
    with open(args.key_file, "rb") as f:
        key = f.read()
    if len(key) < 32:
        print("baseline.py: key file too short", file=sys.stderr)
        return 2
    hasher = Hasher(key)
    out = sys.stdout.buffer
    base = 0
    line = 1
    for buf in blocks(sys.stdin.buffer):
        found = find(buf)
        if args.findings:
            pos = 0
            rows = []
            for s, e, typ in found:
                line += buf.count(b"\n", pos, s)
                pos = s
                rows.append('{"type":"%s","offset":%d,"length":%d,"line":%d}\n'
                            % (typ, base + s, e - s, line))
            line += buf.count(b"\n", pos)
            out.write("".join(rows).encode("ascii"))
        else:
            parts = []
            pos = 0
            for s, e, typ in found:
                parts.append(buf[pos:s])
                parts.append(hasher.token(typ, buf[s:e]))
                pos = e
            parts.append(buf[pos:])
            out.write(b"".join(parts))
        base += len(buf)
    out.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
