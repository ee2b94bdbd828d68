#!/usr/bin/env python3
"""properties.py — properties of scrub over generated text (SPEC section 5).

All text is generated with a seeded `random`, so every run sees the same
bytes. Properties:
  * byte-exact pass-through of text without personal data (invalid UTF-8,
    GBK, NUL, CR, CRLF, long lines, no final newline), and with one phone
    number inserted only the phone's span changes;
  * realistic log text full of look-alikes (timestamps, epochs, UUIDs,
    digests, versions, clock times, C++ scopes, floats, Luhn-invalid card
    numbers, ...) that are invalid by the SPEC rules passes unchanged and
    yields no findings;
  * idempotence of every action on a corpus with all eight types;
  * output independent of --block-size, --line-buffered, --threads and of
    how the input arrives through a pipe;
  * the PCRE2 reference matcher and Hyperscan agree;
  * findings report exactly the inserted spans, and redact replaces exactly
    those spans by [TYPE].

Binary: $SCRUB (default <repo>/build/scrub). Output: `ok - NAME` or
`not ok - NAME: REASON` per check, then `N passed, M failed`. Failure
reasons give offsets, lengths and categories, never raw personal values.
"""
import ipaddress
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))), "lib"))
from tap import check, not_ok, ok, skip  # noqa: E402  (shared reporting)
from tap import summary as tap_summary  # noqa: E402


ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SCRUB = os.environ.get("SCRUB") or os.path.join(ROOT, "build", "scrub")
SEED = int(os.environ.get("SCRUB_PROPERTY_SEED", "20261129"))

TYPES = ("PHONE", "CN_ID", "BANK_CARD", "IMEI", "MAC", "EMAIL", "IPV4", "IPV6")
TOKEN_RE = re.compile(rb"[A-Z][A-Z0-9_]*_[a-z]{2,15}_[a-z]{18}")



TMP = tempfile.mkdtemp(prefix="scrub-props-")
KEY = os.path.join(TMP, "key")
with open(KEY, "wb") as _f:
    _f.write(bytes(range(32)))
os.chmod(KEY, 0o600)
os.makedirs(os.path.join(TMP, "home"))
os.makedirs(os.path.join(TMP, "xdg"))
ENV = dict(os.environ)
ENV.pop("SCRUB_KEY_FILE", None)
ENV["HOME"] = os.path.join(TMP, "home")
ENV["XDG_CONFIG_HOME"] = os.path.join(TMP, "xdg")
ENV["LC_ALL"] = "C"


def scrub(args, data, timeout=300):
    """Run scrub with the test key on data; returns (rc, stdout, stderr)."""
    p = subprocess.run([SCRUB, "-k", KEY] + list(args), input=data, env=ENV,
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       timeout=timeout, cwd=TMP)
    return p.returncode, p.stdout, p.stderr


def scrub_chunked(args, data, rng, timeout=300):
    """Feed data through a pipe in odd-sized chunks with small pauses."""
    p = subprocess.Popen([SCRUB, "-k", KEY] + list(args), stdin=subprocess.PIPE,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         env=ENV, cwd=TMP)
    out = []
    err = []
    t1 = threading.Thread(target=lambda: out.append(p.stdout.read()))
    t2 = threading.Thread(target=lambda: err.append(p.stderr.read()))
    t1.start()
    t2.start()
    sizes = [1, 2, 3, 5, 7, 11, 13, 64, 127, 500, 1021, 4093, 9000]
    i = 0
    n = 0
    try:
        while i < len(data):
            k = rng.choice(sizes)
            p.stdin.write(data[i:i + k])
            p.stdin.flush()
            i += k
            n += 1
            if n % 97 == 0:
                time.sleep(0.002)
        p.stdin.close()
    except BrokenPipeError:
        pass
    rc = p.wait(timeout=timeout)
    t1.join()
    t2.join()
    return rc, out[0] if out else b"", err[0] if err else b""


def findings(args, data):
    rc, out, err = scrub(["--findings"] + list(args), data)
    res = []
    for ln in out.splitlines():
        try:
            res.append(json.loads(ln))
        except ValueError:
            res.append({"unparsable": len(ln)})
    return rc, res, err


def first_diff(a, b):
    n = min(len(a), len(b))
    for i in range(n):
        if a[i] != b[i]:
            return i
    return n if len(a) != len(b) else -1


def shape_of(b):
    """The shape of a (synthetic) field for a failure message: digits as 9,
    hex letters as a/A, other letters as x/X; never the value itself."""
    out = []
    for ch in b.decode("utf-8", "replace"):
        if ch.isdigit():
            out.append("9")
        elif ch in "abcdef":
            out.append("a")
        elif ch in "ABCDEF":
            out.append("A")
        elif ch.isalpha() and ch.isascii():
            out.append("X" if ch.isupper() else "x")
        else:
            out.append(ch)
    return "".join(out)


def diff_reason(want, got, what="output"):
    i = first_diff(want, got)
    line = want[:i].count(b"\n") + 1
    return ("%s differs at byte %d (line %d); lengths %d vs %d expected"
            % (what, i, line, len(got), len(want)))


# ---------------------------------------------------------------------------
# Generators of valid personal data (SPEC section 1 rules)

def luhn_check_digit(body):
    """Digit that makes body + d Luhn-valid."""
    total = 0
    for i, ch in enumerate(reversed(body)):
        d = int(ch)
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return str((10 - total % 10) % 10)


def luhn_ok(num):
    total = 0
    for i, ch in enumerate(reversed(num)):
        d = int(ch)
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def digits(rng, n):
    return "".join(rng.choice("0123456789") for _ in range(n))


PROVINCES = [11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41,
             42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65]
ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]


def cn_id_check(first17):
    s = sum(int(c) * w for c, w in zip(first17, ID_WEIGHTS))
    return "10X98765432"[s % 11]


def id_card_ambiguous(body17, c):
    """An 18-character ID shape that also holds a Luhn-valid card number:
    all 18 digits, or the 17 digits before an X. Left out of generated data
    so that every value has one right answer."""
    return luhn_ok(body17 + c) if c not in "Xx" else luhn_ok(body17)


def gen_phone_digits(rng):
    return "1" + rng.choice("3456789") + digits(rng, 9)


def gen_phone(rng):
    d = gen_phone_digits(rng)
    form = rng.randrange(8)
    if form == 0:
        return d
    if form == 1:
        return "+86 %s-%s-%s" % (d[:3], d[3:7], d[7:])
    if form == 2:
        return "+86" + d
    if form == 3:
        return "0086" + d
    if form == 4:
        return "%s %s %s" % (d[:3], d[3:7], d[7:])
    if form == 5:
        return "%s-%s-%s" % (d[:3], d[3:7], d[7:])
    if form == 6:
        return "+86-" + d
    return d


def gen_cn_id(rng):
    while True:
        y = rng.randint(1940, 2015)
        m = rng.randint(1, 12)
        dd = rng.randint(1, 28)
        body = "%02d%04d%04d%02d%02d%s" % (rng.choice(PROVINCES), rng.randint(100, 9999),
                                           y, m, dd, digits(rng, 3))
        c = cn_id_check(body)
        if id_card_ambiguous(body, c):
            continue
        if c == "X" and rng.random() < 0.5:
            c = "x"
        return body + c


def gen_bank_card(rng):
    kind = rng.randrange(5)
    if kind == 0:
        body = "62" + digits(rng, rng.choice([13, 14, 16]))       # UnionPay 16/17/19
    elif kind == 1:
        body = "4" + digits(rng, 14)                                # Visa 16
    elif kind == 2:
        body = "5" + rng.choice("12345") + digits(rng, 13)          # Mastercard 16
    elif kind == 3:
        body = "62" + digits(rng, 16)                               # UnionPay 19
    else:
        body = "3" + rng.choice("47") + digits(rng, 12)             # Amex 15
    num = body + luhn_check_digit(body)
    g = rng.randrange(3)
    sep = " " if g == 1 else "-"
    if num[:2] in ("34", "37"):
        # a plain 15-digit Luhn-valid number would also be an IMEI by the
        # SPEC's IMEI rule: Amex is written 4-6-5 here
        return "%s%s%s%s%s" % (num[:4], sep, num[4:10], sep, num[10:])
    if g == 0:
        return num
    return sep.join(num[i:i + 4] for i in range(0, len(num), 4))


def gen_imei(rng):
    # Allocated reporting bodies outside every card IIN range (35 only
    # below JCB's 3528), so the value can only be an IMEI.
    rb = rng.choice(["86", "99", "01", "35"])
    if rb == "35":
        rb += "%02d" % rng.randrange(28)
    body = rb + digits(rng, 14 - len(rb))
    num = body + luhn_check_digit(body)
    if rng.random() < 0.25:
        return "%s-%s-%s-%s" % (num[:2], num[2:8], num[8:14], num[14])
    return num


def gen_mac(rng):
    while True:
        octs = [rng.randrange(256) for _ in range(6)]
        if any(o not in (0, 255) for o in octs):
            break
    kind = rng.randrange(4)
    hx = "".join("%02x" % o for o in octs)
    if rng.random() < 0.5:
        hx = hx.upper()
    if kind == 3:
        return "%s.%s.%s" % (hx[:4], hx[4:8], hx[8:])
    sep = ":" if kind < 2 else "-"
    return sep.join(hx[i:i + 2] for i in range(0, 12, 2))


WORDS = ["alice", "bob", "wei", "zhang", "li", "na", "ops", "dev", "info",
         "sales", "team", "support", "mary", "jun", "xiao", "ming", "hr"]
DOMAINS = ["example.com", "qq.com", "163.com", "mail.example.org",
           "corp.example.cn", "xn--fiqs8s.example.net", "gmail.com"]


def gen_email(rng):
    local = rng.choice(WORDS)
    r = rng.random()
    if r < 0.3:
        local += "." + rng.choice(WORDS)
    elif r < 0.45:
        local += "_" + rng.choice(WORDS)
    elif r < 0.6:
        local += str(rng.randint(1, 999))
    elif r < 0.7:
        local += "+tag"
    e = local + "@" + rng.choice(DOMAINS)
    if rng.random() < 0.2:
        e = e.upper() if rng.random() < 0.5 else e.title()
    return e


def gen_ipv4(rng):
    # a host's address: SPEC leaves loopback (127/8) unreported
    first = rng.choice([o for o in range(1, 224) if o != 127])
    return "%d.%d.%d.%d" % (first, rng.randrange(256),
                            rng.randrange(256), rng.randint(1, 254))


def gen_ipv6(rng):
    kind = rng.randrange(6)
    if kind == 0:  # full, uncompressed
        return ":".join("%04x" % rng.randrange(65536) for _ in range(8))
    if kind == 1:  # compressed with a run of zeros
        groups = [rng.randrange(1, 65536) for _ in range(8)]
        z = rng.randrange(1, 7)
        for i in range(z, min(8, z + rng.randint(2, 4))):
            groups[i] = 0
        return ipaddress.IPv6Address(":".join("%x" % g for g in groups)).compressed
    if kind == 2:
        return "2001:db8:%x::%x" % (rng.randrange(1, 65536), rng.randrange(1, 65536))
    if kind == 3:
        return "fe80::%x:%x%%eth%d" % (rng.randrange(1, 65536), rng.randrange(1, 65536),
                                      rng.randrange(4))
    if kind == 4:
        return "::ffff:%s" % gen_ipv4(rng)
    a = ":".join("%X" % rng.randrange(1, 65536) for _ in range(8))
    return a


GEN = {"PHONE": gen_phone, "CN_ID": gen_cn_id, "BANK_CARD": gen_bank_card,
       "IMEI": gen_imei, "MAC": gen_mac, "EMAIL": gen_email, "IPV4": gen_ipv4,
       "IPV6": gen_ipv6}

# How a value sits in a line: (before, after). Every `before` ends with a
# byte that cannot extend any value, every `after` starts with one.
CONTEXT = {
    "PHONE": [("phone=", "&from=app"), ('"mobile":"', '"'), ("tel ", " ok"),
              ("用户手机号", "已绑定"), ("call(", ")")],
    "CN_ID": [("id_card=", ";"), ("身份证号", "请核对"), ('"idcard":"', '"'), ("cert ", " done")],
    "BANK_CARD": [("card_no=", "&amt=5"), ("pay with ", " ok"), ("银行卡号", "，"), ("card: ", " end")],
    "IMEI": [("imei=", " "), ("device ", " online"), ("设备串号", "。")],
    "MAC": [("bssid=", ","), ("wifi ", " up"), ("WiFi地址", "已连接"), ("to ", " via eth1")],
    "EMAIL": [("mail ", " now"), ("联系邮箱", "谢谢"), ("<", ">"), ('"email":"', '"'),
              ("to: ", ".")],
    "IPV4": [("rhost=", " user=root"), ("from ", "."), ("connect ", ":8080"), ("来自", "的请求")],
    "IPV6": [("client ", " port 443"), ("peer=[", "]:443"), ("src ", " ok"), ("(", ")")],
}


# ---------------------------------------------------------------------------
# Look-alikes: text that must NOT be detected, each invalid by SPEC rules

def la_ms_timestamp(rng):
    return str(rng.randint(1600000000000, 1799999999999))


def la_epoch(rng):
    return str(rng.randint(1500000000, 1799999999))


def la_uuid(rng):
    # A run of all-digit groups could be a grouped phone or card by the
    # SPEC's own rules; real UUIDs with two adjacent all-digit groups are
    # left out so that every look-alike here is unambiguous.
    while True:
        h = "%032x" % rng.getrandbits(128)
        g = [h[:8], h[8:12], h[12:16], h[16:20], h[20:]]
        alld = [x.isdigit() for x in g]
        if not any(alld[i] and alld[i + 1] for i in range(4)):
            return "-".join(g)


def la_md5(rng):
    return "%032x" % rng.getrandbits(128)


def la_sha1(rng):
    return "%040x" % rng.getrandbits(160)


def la_version(rng):
    k = rng.randrange(4)
    if k == 0:  # Windows build: third component > 255
        return "10.0.%d.%d" % (rng.randint(10240, 22631), rng.randint(1, 5000))
    if k == 1:
        return "%d.%d.%d" % (rng.randint(0, 20), rng.randint(0, 99), rng.randint(0, 300))
    if k == 2:  # five components: a longer dotted sequence
        return ".".join(str(rng.randint(0, 255)) for _ in range(5))
    return "v%d.%d.%d" % (rng.randint(0, 9), rng.randint(0, 30), rng.randint(0, 99))


def la_clock(rng):
    k = rng.randrange(3)
    t = "%02d:%02d:%02d" % (rng.randrange(24), rng.randrange(60), rng.randrange(60))
    if k == 0:
        return t
    if k == 1:
        return t + ".%03d" % rng.randrange(1000)
    return "2026-%02d-%02dT%sZ" % (rng.randint(1, 12), rng.randint(1, 28), t)


def la_cpp(rng):
    return rng.choice(["std::vector<int>", "std::string", "std::map<std::string, int>",
                       "boost::asio::ip::tcp::socket", "std::chrono::milliseconds",
                       "ns::Widget::render()", "std::unique_ptr<Conn>", "::operator new",
                       "Logger::instance()", "std::shared_ptr<void>"])


def la_float(rng):
    k = rng.randrange(3)
    if k == 0:
        return "%.3f" % rng.uniform(-1000, 1000)
    if k == 1:
        return "%.2e" % rng.uniform(1e-9, 1e9)
    return "%.1f%%" % rng.uniform(0, 100)


def la_eleven_digits(rng):
    return rng.choice(["10", "11", "12"]) + digits(rng, 9)


def la_bad_luhn(rng, prefix, length):
    while True:
        n = prefix + digits(rng, length - len(prefix))
        if not luhn_ok(n):
            return n


def la_card4(rng):
    return la_bad_luhn(rng, "4", 16)


def la_card62(rng):
    return la_bad_luhn(rng, "62", rng.choice([16, 19]))


def la_imei_bad(rng):
    return la_bad_luhn(rng, rng.choice(["35", "86"]), 15)


def la_cn_id_bad(rng):
    # valid layout and date, wrong check character
    body = gen_cn_id(rng)[:17]
    good = cn_id_check(body)
    while True:
        bad = rng.choice([c for c in "0123456789X" if c != good])
        if not id_card_ambiguous(body, bad):  # nor a Luhn-valid card number
            return body + bad


def la_mac_bad(rng):
    return rng.choice(["00:00:00:00:00:00", "ff:ff:ff:ff:ff:ff", "FF-FF-FF-FF-FF-FF",
                       ":".join("%02x" % rng.randrange(256) for _ in range(5)),
                       ":".join("%02x" % rng.randrange(256) for _ in range(7))])


def la_hex_addr(rng):
    return "0x%012x" % rng.getrandbits(48)


def la_at(rng):
    return rng.choice(["user@localhost", "@channel", "git@github", "a@b", "root@host-01"])


def la_order(rng):
    return la_bad_luhn(rng, rng.choice(["2025", "2026"]), 17)


def la_cn_id_date(rng):
    # right layout, impossible birth date (Feb 30 / month 13)
    body = "%02d%04d%s%s" % (rng.choice(PROVINCES), rng.randint(100, 9999),
                             rng.choice(["19900230", "19881301", "20010431"]), digits(rng, 3))
    for c in [cn_id_check(body)] + list("0123456789X"):
        if not id_card_ambiguous(body, c):
            return body + c
    raise AssertionError("no unambiguous check character")


LOOKALIKES = [la_ms_timestamp, la_epoch, la_uuid, la_md5, la_sha1, la_version,
              la_clock, la_cpp, la_float, la_eleven_digits, la_card4, la_card62,
              la_imei_bad, la_cn_id_bad, la_cn_id_date, la_mac_bad, la_hex_addr, la_at,
              la_order]

LA_KEYS = {la_ms_timestamp: ["ts", "time_ms", "sent_at"], la_epoch: ["epoch", "t", "expires"],
           la_uuid: ["request", "trace_id", "correlation"], la_md5: ["md5", "etag", "digest"],
           la_sha1: ["sha1", "commit", "rev"], la_version: ["build", "ver", "app_version"],
           la_clock: ["at", "since", "until"], la_cpp: ["in", "type", "fn"],
           la_float: ["ratio", "score", "load"], la_eleven_digits: ["seq", "order", "txn"],
           la_card4: ["ref", "batch", "count"], la_card62: ["ref", "serial", "lot"],
           la_imei_bad: ["ref", "job", "n"], la_cn_id_bad: ["doc", "ref", "ticket"],
           la_cn_id_date: ["doc", "ref", "case"],
           la_mac_bad: ["hw", "pattern", "mask"], la_hex_addr: ["ptr", "base", "rip"],
           la_at: ["host", "mention", "remote"], la_order: ["order", "bill", "ref"]}

LEVELS = ["INFO", "WARN", "DEBUG", "ERROR", "TRACE"]
COMPONENTS = ["gateway", "auth", "billing", "push", "im.msg", "media", "scheduler"]
MESSAGES = ["request completed", "cache miss", "retrying upstream", "message delivered",
            "connection reset by peer", "slow query", "GC pause", "user session refreshed",
            "消息已送达", "请求处理完成", "重试上游服务", "GET /api/v1/messages?page=2&size=50",
            "POST /v2/upload HTTP/1.1 200", "worker started", "shutting down gracefully"]


def lookalike_field(rng):
    f = rng.choice(LOOKALIKES)
    v = f(rng)
    k = rng.randrange(3)
    if k == 0:
        return "%s=%s" % (rng.choice(LA_KEYS[f]), v), f.__name__
    if k == 1:
        return '"%s":"%s"' % (rng.choice(LA_KEYS[f]), v), f.__name__
    return "%s %s" % (rng.choice(LA_KEYS[f]), v), f.__name__


def log_prefix(rng):
    return "2026-11-%02d %02d:%02d:%02d.%03d %s [%s] " % (
        rng.randint(1, 28), rng.randrange(24), rng.randrange(60), rng.randrange(60),
        rng.randrange(1000), rng.choice(LEVELS), rng.choice(COMPONENTS))


def gen_clean_corpus(rng, nlines):
    """Log lines with look-alikes only; returns (bytes, [(offset, len, category)])."""
    out = bytearray()
    spans = []
    for _ in range(nlines):
        line = log_prefix(rng) + rng.choice(MESSAGES)
        out += line.encode()
        for _ in range(rng.randint(1, 5)):
            field, cat = lookalike_field(rng)
            out += b" "
            spans.append((len(out), len(field.encode()), cat))
            out += field.encode()
        out += b"\r\n" if rng.random() < 0.05 else b"\n"
    return bytes(out), spans


def gen_mixed_corpus(rng, nlines, long_line_every=0):
    """Log lines with look-alikes and valid personal data of all eight types.
    Returns (bytes, [(type, offset, length)]) in offset order."""
    out = bytearray()
    spans = []
    counts = {t: 0 for t in TYPES}
    for i in range(nlines):
        out += (log_prefix(rng) + rng.choice(MESSAGES)).encode()
        nfields = rng.randint(1, 6)
        if long_line_every and i % long_line_every == long_line_every - 1:
            nfields = 3000  # a line of a few hundred KiB
        for _ in range(nfields):
            out += b" "
            if rng.random() < 0.45:
                # rotate through the types so every one is well represented
                t = min(TYPES, key=lambda x: (counts[x], rng.random()))
                counts[t] += 1
                before, after = rng.choice(CONTEXT[t])
                v = GEN[t](rng).encode()
                out += before.encode()
                spans.append((t, len(out), len(v)))
                out += v + after.encode()
            else:
                out += lookalike_field(rng)[0].encode()
        r = rng.random()
        if r < 0.05:
            out += b"\r\n"
        elif r < 0.08:
            out += b" \xff\xfe raw \x00 bytes \xc3\x28\n"  # invalid UTF-8 and NUL
        elif r < 0.1:
            out += " 状态正常".encode("gbk") + b"\n"
        else:
            out += b"\n"
    out += b"last line without newline " + b"mail "
    v = gen_email(rng).encode()
    spans.append(("EMAIL", len(out), len(v)))
    out += v
    return bytes(out), spans


def redact(data, spans):
    out = bytearray()
    pos = 0
    for t, off, n in spans:
        out += data[pos:off] + b"[" + t.encode() + b"]"
        pos = off + n
    out += data[pos:]
    return bytes(out)


def span_list(fs):
    return [(f.get("type"), f.get("offset"), f.get("length")) for f in fs]


def compare_spans(name, want, got):
    """want/got: lists of (type, offset, length). Report missing/extra."""
    ws, gs = set(want), set(got)
    missing = sorted(ws - gs, key=lambda x: x[1])
    extra = sorted(gs - ws, key=lambda x: (x[1] or 0))
    if not missing and not extra and len(want) == len(got):
        ok(name)
        return
    by_type = {}
    for t, _, _ in missing:
        by_type.setdefault(t, 0)
        by_type[t] += 1
    not_ok(name, "%d of %d expected findings missing (by type %s; first %s), %d extra (first %s)"
           % (len(missing), len(want), by_type, missing[:5], len(extra), extra[:5]))


# ---------------------------------------------------------------------------

def prop_passthrough(rng):
    long_words = []
    size = 0
    while size < 3 * 1024 * 1024:
        w = rng.choice(["lorem", "ipsum", "dolor", "sit", "amet", "状态",
                        "x" * rng.randint(1, 40), "--", "::", "..."])
        long_words.append(w)
        size += len(w.encode()) + 1
    long_line = " ".join(long_words).encode()
    inputs = {
        "invalid UTF-8": b"bad \xff\xfe\xfd bytes \xc3\x28 \xe2\x82 trunc \xf0\x9f\x98 end\n\xc0\xaf\xed\xa0\x80\n",
        "GBK": "用户登录成功，状态正常。手机号码已隐藏\n".encode("gbk") * 3,
        "NUL bytes": b"a\x00b\x00\x00c line\x00\nsecond\x00\x00\n\x00",
        "CR only": b"one\rtwo\rthree\r",
        "CRLF": b"first\r\nsecond\r\n\r\nfourth\r\n",
        "last line without newline": b"line one\nline two without newline",
        "3 MiB line": long_line + b"\nshort\n",
        "3 MiB line without newline": long_line,
        "empty lines only": b"\n\n\n\n",
        "all bytes": bytes(b for b in range(256) if not (0x30 <= b <= 0x39)) * 4 + b"\n",
    }
    inputs["everything"] = b"".join(inputs.values())
    for name, data in inputs.items():
        rc, out, err = scrub([], data)
        check("pass-through byte-exact: %s" % name, rc == 0 and out == data,
              "exit %d; " % rc + diff_reason(data, out))
    for v in (["--block-size", "7"], ["--line-buffered"], ["--matcher", "pcre2"]):
        data = inputs["everything"]
        rc, out, err = scrub(v, data)
        check("pass-through byte-exact: everything, with %s" % " ".join(v),
              rc == 0 and out == data, "exit %d; " % rc + diff_reason(data, out))

    # one phone inserted: only its span changes
    phone = gen_phone_digits(rng).encode()
    seps = {
        "invalid UTF-8": (b"\xff", b"\xfe"),
        "GBK": ("手机".encode("gbk"), "号码".encode("gbk")),
        "NUL bytes": (b"\x00", b"\x00"),
        "CR only": (b"\r", b"\r"),
        "CRLF": (b"\r\n", b"\r\n"),
        "last line without newline": (b" ", b""),
        "3 MiB line": (b" ", b" "),
        "3 MiB line without newline": (b" ", b""),
        "empty lines only": (b"\n", b"\n"),
        "all bytes": (b" ", b" "),
        "everything": (b"\x00", b"\xff"),
    }
    for name, data in inputs.items():
        before, after = seps[name]
        if name.endswith("without newline"):
            pos = len(data)
        else:
            pos = len(data) // 2
        pre = data[:pos] + before
        post = after + data[pos:]
        rc, out, err = scrub([], pre + phone + post)
        good = (rc == 0 and out.startswith(pre) and out.endswith(post) and
                len(out) >= len(pre) + len(post) and
                TOKEN_RE.fullmatch(out[len(pre):len(out) - len(post)]) is not None and
                out[len(pre):len(out) - len(post)].startswith(b"PHONE_"))
        if good:
            ok("phone inserted (%s): only the phone span changes" % name)
        else:
            i = first_diff(pre, out)
            not_ok("phone inserted (%s): only the phone span changes" % name,
                   "exit %d; phone at offset %d length %d; output differs from the prefix at %d; "
                   "output %d bytes, input %d" % (rc, len(pre), len(phone), i, len(out),
                                                  len(pre) + len(phone) + len(post)))


def prop_no_pii(rng):
    data, spans = gen_clean_corpus(rng, 4000)
    rc, out, err = scrub([], data)
    if rc == 0 and out == data:
        ok("look-alike log text (%d lines, %d look-alikes) passes unchanged"
           % (data.count(b"\n"), len(spans)))
    else:
        i = first_diff(data, out)
        cat = [c for off, n, c in spans if off <= i < off + n]
        not_ok("look-alike log text passes unchanged",
               "exit %d; first change at byte %d (line %d) in look-alike category %s"
               % (rc, i, data[:i].count(b"\n") + 1, cat or "none (surrounding text)"))
    rc, fs, err = findings([], data)
    if rc == 0 and not fs:
        ok("look-alike log text: --findings is empty")
    else:
        desc = []
        for f in fs[:8]:
            off = f.get("offset", -1)
            cat = [c for o, n, c in spans if o <= off < o + n]
            field = [(o, n) for o, n, c in spans if o <= off < o + n]
            shape = shape_of(data[field[0][0]:field[0][0] + field[0][1]]) if field else "?"
            desc.append("%s@%d+%s in %s field shaped %s" % (f.get("type"), off, f.get("length"),
                                                           cat[0] if cat else "text", shape))
        not_ok("look-alike log text: --findings is empty",
               "exit %d; %d findings, e.g. %s" % (rc, len(fs), "; ".join(desc)))
    # a hex literal whose digits hold a phone-shaped run is one hex number
    lit = b"ptr=0x13812345678a rip=0x7ffd13912345678f\n"
    rc, fs_lit, _ = findings([], lit)
    check("look-alike: 0x hex literal with a phone-shaped digit run is not a finding",
          rc == 0 and not fs_lit, "exit %d; findings %s" % (rc, span_list(fs_lit)))
    # the same with the PCRE2 reference matcher
    rc, fs2, err = findings(["--matcher", "pcre2"], data)
    check("look-alike log text: --findings empty with --matcher pcre2", rc == 0 and not fs2,
          "exit %d; %d findings, first %s" % (rc, len(fs2), span_list(fs2[:5])))


def prop_idempotent(corpus):
    for action in ("hash", "mask", "redact", "keep", "encrypt"):
        rc1, once, e1 = scrub(["-a", "all=" + action], corpus)
        rc2, twice, e2 = scrub(["-a", "all=" + action], once)
        if action != "keep" and once == corpus:
            not_ok("idempotent: scrub(scrub(x)) == scrub(x) with -a all=%s" % action,
                   "exit %d; the first pass changed nothing, so the check is void" % rc1)
            continue
        if rc1 == 0 and rc2 == 0 and once == twice:
            ok("idempotent: scrub(scrub(x)) == scrub(x) with -a all=%s" % action)
        else:
            rc3, fs, _ = findings([], once)
            not_ok("idempotent: scrub(scrub(x)) == scrub(x) with -a all=%s" % action,
                   "exit %d/%d; %s; scrubbed text still has %d findings, first %s"
                   % (rc1, rc2, diff_reason(once, twice, "second pass"), len(fs),
                      span_list(fs[:4])))
    rc, keep, _ = scrub(["-a", "all=keep"], corpus)
    check("-a all=keep on the mixed corpus is the identity", rc == 0 and keep == corpus,
          diff_reason(corpus, keep))


def prop_block_size(corpus, rng):
    rc, ref, err = scrub([], corpus)
    if not check("mixed corpus scrubs with exit 0", rc == 0, "exit %d, %d bytes stderr" % (rc, len(err))):
        return
    variants = [["--block-size", "1"], ["--block-size", "7"], ["--block-size", "64"],
                ["--block-size", "4096"], ["--line-buffered"],
                ["--line-buffered", "--block-size", "7"], ["-j", "1"], ["-j", "3"],
                ["-j", "8", "--block-size", "64"]]
    for v in variants:
        rc, out, _ = scrub(v, corpus)
        check("same output with %s" % " ".join(v), rc == 0 and out == ref,
              "exit %d; %s" % (rc, diff_reason(ref, out)))
    for v in ([], ["--line-buffered"], ["--block-size", "7"]):
        rc, out, _ = scrub_chunked(v, corpus, random.Random(SEED + len(v)))
        check("same output when fed through a pipe in odd chunks%s"
              % ((" with " + " ".join(v)) if v else ""), rc == 0 and out == ref,
              "exit %d; %s" % (rc, diff_reason(ref, out)))
    rc, f_ref, _ = findings([], corpus)
    for v in (["--block-size", "1"], ["--block-size", "7"], ["--line-buffered"]):
        rc, f, _ = findings(v, corpus)
        check("same findings with %s" % " ".join(v), rc == 0 and f == f_ref,
              "%d vs %d findings" % (len(f), len(f_ref)))
    for action in ("mask", "redact"):
        rc, r1, _ = scrub(["-a", "all=" + action], corpus)
        rc2, r7, _ = scrub(["-a", "all=" + action, "--block-size", "7"], corpus)
        check("-a all=%s: same output with --block-size 7" % action,
              rc == 0 and rc2 == 0 and r1 == r7, diff_reason(r1, r7))


def prop_matchers(corpus):
    rc1, hs, _ = scrub([], corpus)
    rc2, pc, _ = scrub(["--matcher", "pcre2"], corpus)
    rc3, hs2, _ = scrub(["--matcher", "hyperscan"], corpus)
    check("--matcher pcre2 and default give identical output",
          rc1 == 0 and rc2 == 0 and hs == pc, "exit %d/%d; %s" % (rc1, rc2, diff_reason(hs, pc)))
    check("--matcher hyperscan is the default", rc3 == 0 and hs2 == hs)
    rc1, f1, _ = findings([], corpus)
    rc2, f2, _ = findings(["--matcher", "pcre2"], corpus)
    if rc1 == 0 and rc2 == 0 and f1 == f2:
        ok("--matcher pcre2 and default give identical findings (%d)" % len(f1))
    else:
        a, b = set(map(tuple, span_list(f1))), set(map(tuple, span_list(f2)))
        not_ok("--matcher pcre2 and default give identical findings",
               "exit %d/%d; only hyperscan %s; only pcre2 %s"
               % (rc1, rc2, sorted(a - b, key=lambda x: x[1])[:5],
                  sorted(b - a, key=lambda x: x[1])[:5]))
    rc, p7, _ = scrub(["--matcher", "pcre2", "--block-size", "7"], corpus)
    check("--matcher pcre2 with --block-size 7 gives the same output", rc == 0 and p7 == pc,
          diff_reason(pc, p7))


def prop_findings(corpus, spans):
    rc, fs, err = findings([], corpus)
    check("findings: exit 0 and every line parses", rc == 0 and all("unparsable" not in f for f in fs))
    want = [(t, off, n) for t, off, n in spans]
    compare_spans("findings: exactly the %d inserted values at their offsets and lengths"
                  % len(want), want, span_list(fs))
    per_type = {t: sum(1 for s in spans if s[0] == t) for t in TYPES}
    check("mixed corpus holds every one of the eight types",
          all(per_type[t] > 10 for t in TYPES), str(per_type))
    bad_lines = []
    for f in fs:
        off = f.get("offset")
        if isinstance(off, int) and f.get("line") != corpus[:off].count(b"\n") + 1:
            bad_lines.append((off, f.get("line")))
    check("findings: line numbers are 1-based line of the offset", not bad_lines,
          "%d wrong, first (offset, line) %s" % (len(bad_lines), bad_lines[:5]))
    rc, fp, _ = findings(["--matcher", "pcre2"], corpus)
    compare_spans("findings (--matcher pcre2): exactly the inserted values", want, span_list(fp))
    rc, out, _ = scrub(["-a", "all=redact"], corpus)
    expect = redact(corpus, spans)
    check("-a all=redact equals the input with exactly the inserted spans replaced by [TYPE]",
          rc == 0 and out == expect, "exit %d; %s" % (rc, diff_reason(expect, out)))
    # per type: each generated form alone on a line
    for t in TYPES:
        lines = bytearray()
        tsp = []
        for i in range(40):
            before, after = CONTEXT[t][i % len(CONTEXT[t])]
            v = GEN[t](random.Random(SEED * 7 + i * 13 + TYPES.index(t))).encode()
            lines += b"x " + before.encode()
            tsp.append((t, len(lines), len(v)))
            lines += v + after.encode() + b"\n"
        rc, f, _ = findings([], bytes(lines))
        compare_spans("findings: 40 generated %s values in their contexts" % t, tsp, span_list(f))


def main():
    if not os.access(SCRUB, os.X_OK):
        not_ok("binary", "%s is not executable (run make)" % SCRUB)
        return
    rng = random.Random(SEED)
    prop_passthrough(random.Random(SEED + 1))
    prop_no_pii(random.Random(SEED + 2))
    corpus, spans = gen_mixed_corpus(random.Random(SEED + 3), 2500, long_line_every=1000)
    prop_findings(corpus, spans)
    prop_idempotent(corpus)
    prop_block_size(corpus, rng)
    prop_matchers(corpus)


try:
    main()
except Exception as e:
    import traceback
    traceback.print_exc(limit=3)
    not_ok("suite", "exception %s: %s" % (type(e).__name__, e))
finally:
    shutil.rmtree(TMP, ignore_errors=True)
sys.exit(tap_summary())
