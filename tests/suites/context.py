#!/usr/bin/env python3
"""context.py — context-aware detection (SPEC section 1 "Context", issue 3).

Checks, each with exact byte spans (`--findings`) or exact output text
(`-k <test key> -a all=redact`):

  * every key syntax: JSON string and number members, escaped JSON inside a
    JSON string, key=value separated by space & ; , , URL query parameters,
    HTTP-style headers (Authorization: scheme + token is the SECRET), the
    full-width colon in Chinese text with the value ending at , or .;
  * key variants (case, _ , - , camelCase) and longer keys that must not
    match (username=, host.name=, flat=);
  * every extended type positive and negative (IMSI, ICCID, MEID, DEVICE_ID,
    GEO, SECRET, NAME, ADDRESS), and that UTF-8 values are replaced whole;
  * context-only forms of core types (bare 12-hex MAC, 15-digit legacy ID,
    IMEISV, Luhn-invalid UnionPay);
  * URL-encoded values (%40, %2B86, %20) and URL-safe hash tokens;
  * exclusion keys, personal keys winning, and overriding exclusions in a
    config file;
  * allow-lists (values, CIDRs): kept unchanged, "action":"keep" in
    --findings, other spellings of an allowed value, invalid CIDR -> exit 2.

Binary: $SCRUB (default <repo>/build/scrub). Each check prints `ok - NAME`
or `not ok - NAME: REASON`; the last line is `N passed, M failed`; exit 0
iff nothing failed. Python 3 standard library only.
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import urllib.parse

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))), "lib"))
from tap import check, not_ok, ok, skip  # noqa: E402  (shared reporting)
from tap import summary as tap_summary  # noqa: E402


ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SCRUB = os.environ.get("SCRUB") or os.path.join(ROOT, "build", "scrub")


def finish():
    sys.exit(tap_summary())


TMP = None
KEY = None
ENV = None


def setup():
    global TMP, KEY, ENV
    TMP = tempfile.mkdtemp(prefix="scrub-context-")
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


def write_config(name, text):
    path = os.path.join(TMP, name)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    return path


def run(data, args):
    if isinstance(data, str):
        data = data.encode("utf-8")
    p = subprocess.run([SCRUB] + list(args), input=data, env=ENV,
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       timeout=60)
    return p.returncode, p.stdout, p.stderr


# ---------------------------------------------------------------------------
# Marked texts: «value» marks an expected finding; spans are byte offsets in
# the text without the marks.
# ---------------------------------------------------------------------------

def unmark(marked):
    out = bytearray()
    spans = []
    i = 0
    start = None
    while i < len(marked):
        ch = marked[i]
        if ch == "«":
            start = len(out)
        elif ch == "»":
            spans.append((start, len(out)))
        else:
            out += ch.encode("utf-8")
        i += 1
    return bytes(out), spans


def show(raw, s, e):
    return "%d+%d %r" % (s, e - s, raw[s:e].decode("utf-8", "replace"))


def findings(raw, args=(), config=None):
    """(rc, [finding dict], stderr, problems) for one input."""
    a = ["--findings"] + list(args)
    if config:
        a = ["-c", config] + a
    rc, out, err = run(raw, a)
    res, problems = [], []
    for ln in out.decode("utf-8", "replace").splitlines():
        try:
            f = json.loads(ln)
            if not isinstance(f, dict):
                raise ValueError("not an object")
            res.append(f)
        except ValueError as e:
            problems.append("bad findings line %r (%s)" % (ln[:80], e))
    return rc, res, err, problems


def check_find(name, marked, types, args=(), config=None, only=None,
               extra_input=b"\n"):
    """The findings on `marked` must be exactly the marked spans with
    `types` (a type name for every mark, or a list). `only`: a set of types
    to look at (None = every finding counts)."""
    raw, spans = unmark(marked)
    if isinstance(types, str):
        types = [types] * len(spans)
    assert len(types) == len(spans), name
    want = sorted((t, s, e) for t, (s, e) in zip(types, spans))
    rc, fs, err, problems = findings(raw + extra_input, args, config)
    if rc != 0:
        not_ok(name, "exit %d, stderr %r" % (rc, err.decode("utf-8", "replace")[:200]))
        return
    got = []
    for f in fs:
        try:
            t, off, ln, line = f["type"], f["offset"], f["length"], f["line"]
        except KeyError as e:
            problems.append("finding without %s: %r" % (e, f))
            continue
        if line != 1:
            problems.append("finding %r on line %r, want 1" % (f, line))
        if only is None or t in only:
            got.append((t, off, off + ln))
    got.sort()
    if got == want and not problems:
        ok(name)
        return
    missing = [w for w in want if w not in got]
    extra = [g for g in got if g not in want]
    parts = problems[:]
    if missing:
        parts.append("missing " + ", ".join("%s at %s" % (t, show(raw, s, e))
                                            for t, s, e in missing))
    if extra:
        parts.append("unexpected " + ", ".join("%s at %s" % (t, show(raw, s, e))
                                               for t, s, e in extra))
    not_ok(name, "; ".join(parts))


def check_none(name, text, types=None, args=(), config=None):
    """No finding (of `types`, or of any type) on `text`."""
    check_find(name, text.replace("«", "").replace("»", ""), [], args,
               config, only=None if types is None else set(types))


def scrub_text(text, args=("-a", "all=redact"), config=None):
    a = ["-k", KEY] + list(args)
    if config:
        a = ["-c", config] + a
    raw = text.encode("utf-8") if isinstance(text, str) else text
    return run(raw, a)


def check_out(name, text, want, args=("-a", "all=redact"), config=None):
    rc, out, err = scrub_text(text + "\n", args, config)
    want_b = (want + "\n").encode("utf-8")
    if rc != 0:
        not_ok(name, "exit %d, stderr %r" % (rc, err.decode("utf-8", "replace")[:200]))
    elif out != want_b:
        not_ok(name, "output %r, want %r" % (out.decode("utf-8", "replace"),
                                            want_b.decode("utf-8", "replace")))
    else:
        ok(name)


# ---------------------------------------------------------------------------
# The checks
# ---------------------------------------------------------------------------

def key_syntaxes():
    # JSON string member
    check_find("json string member: imsi", '{"imsi":"«460001234567890»"}', "IMSI")
    check_find("json string member: android_id (context-only type)",
               '{"ts":"x","android_id":"«9774d56d682e549c»","n":1}', "DEVICE_ID")
    check_find("json string member with spaces around the colon",
               '{"password" : "«hunter2»"}', "SECRET")
    check_find("json string member: quoted value with a space is one value",
               '{"password":"«pa ss word»","u":1}', "SECRET")
    check_find("json string member: an escaped quote is inside the value",
               r'{"password":"«ab\"cd»","x":1}', "SECRET")
    check_find("json string member: \\u-escaped Chinese name (ensure_ascii JSON)",
               r'{"real_name":"«\u5f20\u4f1f»","age":30}', "NAME")
    # JSON number member
    check_find("json number member: lat/lng",
               '{"lat":«39.904211»,"lng":«116.407395»}', "GEO")
    check_find("json number member: Luhn-invalid UnionPay under card_no",
               '{"card_no":«6221558812340000»,"amt":5}', "BANK_CARD")
    check_find("json number member: legacy 15-digit id under id_card",
               '{"id_card":«610104620927690»}', "CN_ID")
    # escaped JSON inside a JSON string
    check_find("escaped json in json string: imsi",
               r'{"msg":"{\"imsi\":\"«460021234567891»\"}"}', "IMSI")
    check_find("escaped json in json string: password",
               r'{"msg":"{\"password\":\"«hunter2»\",\"x\":1}"}', "SECRET")
    check_find("escaped json in json string: bare 12-hex under mac",
               r'{"msg":"{\"mac\":\"«a45e60e42c11»\"}"}', "MAC")
    check_out("escaped json in json string: redacted, escapes kept",
              r'{"msg":"{\"token\":\"abc.def-123\",\"x\":1}"}',
              r'{"msg":"{\"token\":\"[SECRET]\",\"x\":1}"}')
    # key=value with each separator
    check_find("key=value separated by space",
               "login user=bob password=«hunter2» ok", "SECRET")
    check_find("key=value separated by &",
               "a=1&password=«hunter2»&b=2", "SECRET")
    check_find("key=value separated by ;",
               "a=1;card_no=«6221558812340000»;b=2", "BANK_CARD")
    check_find("key=value separated by , (no space)",
               "a=1,mac=«a45e60e42c11»,b=2", "MAC")
    check_find("key=value separated by ', '",
               "a=1, android_id=«9774d56d682e549c», b=2", "DEVICE_ID")
    check_find("key=value with a single-quoted value",
               "login password='«hunter2»' ok", "SECRET")
    check_find("key=value with a double-quoted value containing spaces",
               'login password="«a b c»" ok', "SECRET")
    check_find("key=value at a CRLF line end: the CR is not in the value",
               "password=«hunter2»", "SECRET", extra_input=b"\r\n")
    check_out("key=value separators all kept",
              "u=bob password=p1&pwd=p2;secret=p3,token=p4",
              "u=bob password=[SECRET]&pwd=[SECRET];secret=[SECRET],token=[SECRET]")
    # URL query parameters
    check_find("url query parameter after ?",
               "GET /login?password=«hunter2»&next=/home HTTP/1.1", "SECRET")
    check_find("url query parameter after &",
               "GET /cb?state=1&access_token=«ya29.a0AfH6SMB» HTTP/1.1", "SECRET")
    check_find("url query parameter: bare 12-hex under mac",
               "GET /r?mac=«A45E60E42C11»&x=1 HTTP/1.1", "MAC")
    # HTTP headers
    check_find("header Authorization: Bearer token (scheme and token)",
               "Authorization: «Bearer eyJhbGciOiJIUzI1NiJ9.e30.abc»", "SECRET")
    check_find("header authorization: Basic, lower case",
               "authorization: «Basic dXNlcjpwYXNz»", "SECRET")
    check_out("header Authorization: redacted with its scheme",
              "Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.e30.abc",
              "Authorization: [SECRET]")
    check_out("header inside quotes (curl -H)",
              'curl -H "Authorization: Bearer abc123" https://x/',
              'curl -H "Authorization: [SECRET]" https://x/')
    # full-width colon in Chinese text
    check_find("full-width colon: 姓名 ends at ，",
               "姓名：«李娜»，电话«13812345678»。", ["NAME", "PHONE"])
    check_find("full-width colon: 住址 ends at 。",
               "住址：«上海市浦东新区世纪大道100号»。", "ADDRESS")
    check_find("full-width colon: 密码 ends at ，",
               "密码：«Abc12345»，请勿泄露", "SECRET")
    check_out("full-width colon: output exact",
              "客户姓名：王芳，住址：北京市朝阳区建国路88号。",
              "客户姓名：[NAME]，住址：[ADDRESS]。")


def multi_line():
    """Absolute offsets and 1-based lines for context findings."""
    lines = ['{"ts":1,"imsi":"460001234567890"}',
             "x=1 password=hunter2",
             "姓名：李娜，mac=a45e60e42c11"]
    raw = ("\n".join(lines) + "\n").encode("utf-8")
    want = []
    for line, val, typ in ((0, "460001234567890", "IMSI"), (1, "hunter2", "SECRET"),
                           (2, "李娜", "NAME"), (2, "a45e60e42c11", "MAC")):
        base = sum(len(l.encode("utf-8")) + 1 for l in lines[:line])
        off = base + lines[line].encode("utf-8").index(val.encode("utf-8"))
        want.append((typ, off, len(val.encode("utf-8")), line + 1))
    for args in ((), ("-j", "4"), ("--line-buffered",)):
        rc, fs, err, problems = findings(raw, args)
        got = sorted((f.get("type"), f.get("offset"), f.get("length"), f.get("line"))
                     for f in fs)
        name = "multi-line input: absolute offsets and lines %s" % " ".join(args)
        if rc == 0 and got == sorted(want) and not problems:
            ok(name)
        else:
            not_ok(name, "exit %d, got %r, want %r" % (rc, got, sorted(want)))


def key_variants():
    for key in ("device_id", "deviceId", "DEVICE-ID", "device-id", "DeviceId",
                "DEVICE_ID"):
        check_find("key variant %s=" % key,
                   "x %s=«9774d56d682e549c» y" % key, "DEVICE_ID")
    check_find("key variant JSON \"deviceId\"",
               '{"deviceId":"«f81d4fae-7dec-11d0-a765-00a0c91e6bf6»"}', "DEVICE_ID")
    for key in ("PASSWORD", "Password", "passWord"):
        check_find("key case-insensitive %s=" % key,
                   "%s=«hunter2» ok" % key, "SECRET")
    for key in ("accessToken", "ACCESS-TOKEN", "access-token", "refreshToken",
                "apiKey", "API_KEY", "realName", "REAL-NAME"):
        typ = "NAME" if "name" in key.lower() else "SECRET"
        val = "张伟" if typ == "NAME" else "s3cr3tValue"
        check_find("key variant %s=" % key, "%s=«%s» end" % (key, val), typ)
    # longer keys are other keys
    check_none("longer key: username= is not NAME", "username=alice ok", ["NAME"])
    check_none("longer key: host.name= is not NAME",
               "Server environment:host.name=mesos-master-1", ["NAME"])
    check_none("longer key: hostname= is not NAME", "hostname=web-1", ["NAME"])
    check_none("longer key: flat=3 is not GEO", "flat=3 rooms", ["GEO"])
    check_none("longer key: salon=5 is not GEO", "salon=5", ["GEO"])
    check_none("longer key: token_count=5 is not SECRET", "token_count=5", ["SECRET"])
    check_none("longer key: my_device_ident= is not DEVICE_ID",
               "my_device_ident=abc123def456", ["DEVICE_ID"])
    check_none("longer key: ip_address_count= is not ADDRESS",
               "ip_address_count=3", ["ADDRESS"])


def extended_types():
    # IMSI
    check_find("IMSI with key", "imsi=«460011234567890»&x=1", "IMSI")
    check_find("IMSI with key, JSON number", '"subscriberId":«460071234567892»,', "IMSI")
    check_find("IMSI bare, MCC 460 + valid MNC", "sub «460001234567890» attached", "IMSI")
    check_find("IMSI bare touching CJK", "SIM卡«460110123456789»已激活", "IMSI")
    check_none("IMSI with key, bad MNC 99: no finding", "imsi=460991234567890")
    check_none("IMSI bare, bad MNC 99: no finding", "sub 460991234567890 attached")
    check_none("IMSI bare inside a longer digit run: no IMSI",
               "id 4600012345678901 x", ["IMSI"])
    check_none("IMSI with key, not MCC 460 (out of SPEC scope): no IMSI",
               "imsi=310150123456789", ["IMSI"])
    # ICCID
    check_find("ICCID with key, 89 prefix (not 8986)",
               "iccid=«89440012345678901234» ok", "ICCID")
    check_find("ICCID with key, JSON, 19 digits",
               '{"simSerial":"«8944500102198304826»"}', "ICCID")
    check_find("ICCID bare 8986, 20 digits", "sim «89860012345678901234» ok", "ICCID")
    check_find("ICCID bare 8986, 19 digits", "sim «8986001234567890123» ok", "ICCID")
    check_none("ICCID bare 89 without 8986: no finding",
               "sim 89440012345678901234 ok")
    check_none("ICCID with key, not starting 89: no ICCID",
               "iccid=12345678901234567890", ["ICCID"])
    check_none("ICCID bare 8986 with 21 digits: no ICCID",
               "sim 898600123456789012345 ok", ["ICCID"])
    # MEID
    check_find("MEID with key, 14 hex", "meid=«A0000012345678» ok", "MEID")
    check_find("MEID with key, JSON, lower case", '{"meid":"«af0123450abcde»"}', "MEID")
    check_find("MEID with key, hex-Luhn check digit right",
               "meid=«AF0123450ABCDEC»;", "MEID")
    check_none("MEID with key, hex-Luhn check digit wrong: no finding",
               "meid=AF0123450ABCDED;")
    check_none("MEID with key, 12 hex (too short): no finding", "meid=A00000123456")
    check_none("MEID bare (context only): no MEID", "dev AF0123450ABCDEC ok", ["MEID"])
    # DEVICE_ID
    for key, val in (("android_id", "9774d56d682e549c"),
                     ("oaid", "1fe3b2c4-77a0-4d2a-9a3f-0e5f3c2b1a90"),
                     ("idfa", "6D92078A-8246-4BA4-AE5B-76104861E7DC"),
                     ("idfv", "A1B2C3D4-1111-2222-3333-444455556666"),
                     ("udid", "00008030-001A35E11A88802E"),
                     ("device_id", "f81d4fae-7dec-11d0-a765-00a0c91e6bf6"),
                     ("aaid", "38400000-8cf0-11bd-b23e-10b96e40000d")):
        check_find("DEVICE_ID %s" % key, "%s=«%s»&x=1" % (key, val), "DEVICE_ID")
    check_find("DEVICE_ID udid 40 hex, JSON",
               '{"udid":"«2b6f0cc904d137be2e1730235f5664094b831186»"}', "DEVICE_ID")
    check_none("DEVICE_ID placeholder android_id=null", "android_id=null x")
    check_none("DEVICE_ID JSON null", '{"oaid":null,"x":1}')
    check_none("DEVICE_ID all-zero IDFA",
               "idfa=00000000-0000-0000-0000-000000000000")
    check_none("DEVICE_ID too short deviceId=3",
               "downTime=261851646, deviceId=3, source=0x1002")
    check_none("DEVICE_ID empty value", '{"device_id":"","x":1}')
    # GEO
    check_find("GEO lat/lng JSON", '{"lat":«39.904211»,"lng":«116.407395»}', "GEO")
    check_find("GEO latitude/longitude query",
               "?latitude=«-33.8688»&longitude=«151.2093»&z=3", "GEO")
    check_find("GEO lon, quoted", '"lon": "«-0.1276»"', "GEO")
    check_none("GEO lat out of range (123.5)", "lat=123.5", ["GEO"])
    check_none("GEO lat out of range (-91)", "lat=-91 x", ["GEO"])
    check_none("GEO lng out of range (200.1)", "lng=200.1", ["GEO"])
    check_find("GEO bare pair, 4 decimals", "at «39.9042,116.4074» now", "GEO")
    check_find("GEO bare pair with space, 6 decimals",
               "loc=(«31.230416, 121.473701»)", "GEO")
    check_none("GEO bare pair, 2 decimals: no finding", "at 39.90,116.40 now")
    check_none("GEO bare pair, latitude out of range", "at 99.1234,116.4074 now")
    check_none("GEO bare pair inside a longer list", "values 1.2345,6.7890,1.1111")
    # SECRET
    for key in ("password", "passwd", "pwd", "secret", "token", "access_token",
                "refresh_token", "api_key", "authorization"):
        check_find("SECRET %s=" % key, "u=1 %s=«Zx9-q_7.w» end" % key, "SECRET")
    rc, out, err = scrub_text("login password=hunter2 api_key=k-123 ok\n", args=())
    want = b"login password=[SECRET] api_key=[SECRET] ok\n"
    if rc == 0 and out == want:
        ok("SECRET default action is redact (no -a)")
    else:
        not_ok("SECRET default action is redact (no -a)",
               "exit %d, output %r" % (rc, out.decode("utf-8", "replace")))
    rc, out, err = scrub_text("login phone=13812345678 ok\n", args=())
    if rc == 0 and re.fullmatch(rb"login phone=PHONE_[a-z0-9]+_[a-z]+ ok\n", out):
        ok("other types default to hash (PHONE token)")
    else:
        not_ok("other types default to hash (PHONE token)",
               "exit %d, output shape %r" % (rc, re.sub(rb"[0-9]", b"9", out)[:80]))
    for args in (("-a", "all=hash"), ("-a", "SECRET=hash")):
        rc, out, err = scrub_text("password=hunter2&x=1\n", args=args)
        m = re.fullmatch(rb"password=(SECRET_[A-Za-z0-9]+_[A-Za-z]+)&x=1\n", out)
        name = "SECRET with %s is a hash token" % args[1]
        if rc == 0 and m and b"hunter2" not in out:
            ok(name)
        else:
            not_ok(name, "exit %d, output %r" % (rc, out.decode("utf-8", "replace")))
    rc, out, err = scrub_text("Authorization: Bearer abc.def.ghi\n", args=("-a", "all=hash"))
    name = "SECRET Authorization header with -a all=hash: scheme and token hashed"
    if rc == 0 and re.fullmatch(rb"Authorization: SECRET_[A-Za-z0-9]+_[A-Za-z]+\n", out):
        ok(name)
    else:
        not_ok(name, "exit %d, output %r" % (rc, out.decode("utf-8", "replace")))
    check_none("SECRET: 'password reset requested' is no value",
               "password reset requested", ["SECRET"])
    check_none("SECRET: 'Authorization header missing' is no value",
               "Authorization header missing", ["SECRET"])
    # NAME
    check_find("NAME real_name Chinese", '{"real_name":"«张伟»","age":30}', "NAME")
    check_find("NAME 姓名：李娜，", "姓名：«李娜»，电话", "NAME")
    check_find("NAME name=Alice", "name=«Alice»&x=1", "NAME")
    check_find("NAME nickname with space", '{"nickName":"«小明 Ming»"}', "NAME")
    check_find("NAME contact_name", "contact_name=«王芳»;x=1", "NAME")
    check_none("NAME name=null", "name=null", ["NAME"])
    check_none("NAME package name is no person",
               "tag=\"View Lock\", name=com.android.systemui, ws=null", ["NAME"])
    # ADDRESS
    check_find("ADDRESS JSON Chinese", '{"address":"«北京市朝阳区建国路88号»"}', "ADDRESS")
    check_find("ADDRESS 住址：…，", "住址：«上海市浦东新区世纪大道100号»，电话", "ADDRESS")
    check_find("ADDRESS 地址 in escaped JSON",
               r'{"msg":"{\"地址\":\"«广东省深圳市南山区科技园1号»\"}"}', "ADDRESS")
    check_find("ADDRESS addr= until &", "addr=«朝阳区建国路88号»&uid=1", "ADDRESS")
    check_find("ADDRESS home_address English",
               '{"home_address":"«1600 Amphitheatre Pkwy»"}', "ADDRESS")
    check_none("ADDRESS: address=10.0.0.1 is an IPV4, not ADDRESS",
               "address=10.0.0.1", ["ADDRESS"])
    check_find("ADDRESS: address=10.0.0.1 stays IPV4", "address=«10.0.0.1»", "IPV4")
    check_none("ADDRESS: instruction address is no postal address",
               "instruction address: 0x00004ed8", ["ADDRESS"])
    utf8_whole_values()


def utf8_whole_values():
    """Chinese values are replaced whole, never split inside a character:
    the output is valid UTF-8 for every action, and no value byte remains."""
    lines = [
        '{"address":"北京市朝阳区建国路88号","real_name":"张伟"}',
        "住址：上海市浦东新区世纪大道100号，姓名：李娜。",
        "收货地址：广东省深圳市南山区科技园南区深南大道10000号；联系人：欧阳娜娜、",
        r'{"msg":"{\"name\":\"王芳\",\"addr\":\"杭州市西湖区文三路\"}"}',
        "addr=成都市武侯区人民南路四段1号&name=诸葛亮&x=1",
        '{"nickname":"小明😀","address":"香港特別行政區中環皇后大道中1號"}',
    ]
    data = ("\n".join(lines) + "\n").encode("utf-8")
    values = ["北京市朝阳区建国路88号", "张伟", "上海市浦东新区世纪大道100号", "李娜",
              "广东省深圳市南山区科技园南区深南大道10000号", "欧阳娜娜", "王芳",
              "杭州市西湖区文三路", "成都市武侯区人民南路四段1号", "诸葛亮",
              "香港特別行政區中環皇后大道中1號"]
    for action in ("hash", "mask", "redact"):
        rc, out, err = scrub_text(data, args=("-a", "all=" + action))
        name = "UTF-8 values replaced whole, valid UTF-8 out (-a all=%s)" % action
        if rc != 0:
            not_ok(name, "exit %d" % rc)
            continue
        try:
            text = out.decode("utf-8")
        except UnicodeDecodeError as e:
            not_ok(name, "output is not valid UTF-8 at byte %d" % e.start)
            continue
        left = [v for v in values if v in text]
        if action == "mask":
            # a mask may keep a conventional prefix (张*), but keeps the
            # length in characters (SPEC section 2: same length)
            partial = []
            outl = text.split("\n")[:-1]
            lens = [i + 1 for i, (a, b) in enumerate(zip(lines, outl))
                    if len(a) != len(b)]
            if len(outl) != len(lines):
                lens = ["count"]
        else:
            # a partly replaced value leaves a piece of itself next to a token
            partial = [v for v in values
                       if v not in text and (v[:2] in text or v[-2:] in text)]
            lens = []
        if left or partial or lens or text.count("\n") != len(lines):
            not_ok(name, "values left whole: %d, partly: %d, lines %d, lines "
                   "whose length in characters changed: %r" %
                   (len(left), len(partial), text.count("\n"), lens))
        else:
            ok(name)
    # redact: exact output, so the replaced span is exactly the value
    check_out("UTF-8: redact output exact for Chinese values",
              "收货地址：广东省深圳市南山区科技园南区深南大道10000号；联系人：欧阳娜娜、",
              "收货地址：[ADDRESS]；联系人：[NAME]、")
    check_out("UTF-8: redact output exact, non-BMP character in value",
              '{"nickname":"小明😀","x":1}', '{"nickname":"[NAME]","x":1}')
    # the input is not UTF-8 (GBK bytes) around a UTF-8 value: pass-through
    raw = "住址：上海市浦东新区世纪大道100号，".encode("utf-8") + b" \xc4\xe3\xba\xc3\n"
    rc, out, err = scrub_text(raw)
    want = "住址：[ADDRESS]，".encode("utf-8") + b" \xc4\xe3\xba\xc3\n"
    if rc == 0 and out == want:
        ok("UTF-8: GBK bytes after a Chinese value pass through unchanged")
    else:
        not_ok("UTF-8: GBK bytes after a Chinese value pass through unchanged",
               "exit %d, output %r, want %r" % (rc, out, want))


def context_only_core():
    check_find("MAC bare 12 hex under mac=", "mac=«a45e60e42c11» up", "MAC")
    check_find("MAC bare 12 hex under bssid=", "bssid=«001a2b3c4d5e»,rssi=-40", "MAC")
    check_find("MAC bare 12 hex under wifiMac (JSON)",
               '{"wifiMac":"«A45E60E42C11»"}', "MAC")
    check_none("MAC bare 12 hex without key: no finding", "trace a45e60e42c11 end")
    check_none("MAC bare 12 hex under another key: no MAC", "trace=a45e60e42c11", ["MAC"])
    check_none("MAC bare all-zero under mac=: no MAC", "mac=000000000000", ["MAC"])
    check_find("CN_ID 15-digit legacy under id_card=", "id_card=«610104620927690»&x=1",
               "CN_ID")
    check_find("CN_ID 15-digit legacy under 身份证号：", "身份证号：«110105491231002»，",
               "CN_ID")
    check_none("CN_ID 15-digit legacy bare: no CN_ID", "v 610104620927690 end", ["CN_ID"])
    check_none("CN_ID 15-digit legacy, bad date under id_card=: no CN_ID",
               "id_card=610104621327690", ["CN_ID"])
    check_find("IMEISV 16 digits under imei=", "imei=«3568680000414120» ok", "IMEI")
    check_find("IMEISV 16 digits under imeisv (JSON)",
               '{"imeisv":"«3568680000414120»"}', "IMEI")
    check_none("IMEISV 16 digits bare: no IMEI", "sv 3568680000414120 end", ["IMEI"])
    check_find("UnionPay Luhn-invalid under card_no=",
               "card_no=«6221558812340000»&amt=5", "BANK_CARD")
    check_find("UnionPay Luhn-invalid under 银行卡号：",
               "银行卡号：«6222600260001072441»，", "BANK_CARD")
    check_none("UnionPay Luhn-invalid bare: no BANK_CARD",
               "pay 6221558812340000 ok", ["BANK_CARD"])
    check_none("UnionPay Luhn-invalid under order_no: no BANK_CARD",
               "order_no=6221558812340000", ["BANK_CARD"])


def url_encoded():
    check_find("URL-encoded email %40", "GET /r?email=«alice%40example.com»&x=1",
               "EMAIL")
    check_find("URL-encoded email %40, no key", "GET /r?q=«bob.li%40example.cn» HTTP/1.1",
               "EMAIL")
    check_find("URL-encoded phone %2B86", "GET /r?phone=«%2B8613812345678»&x=1",
               "PHONE")
    check_find("URL-encoded phone %2B86%20 grouped by %20",
               "GET /r?tel=«%2B86%20138%201234%205678»&x=1", "PHONE")
    check_find("URL-encoded phone grouped by %20, no prefix",
               "GET /r?q=«138%201234%205678»&x=1", "PHONE")
    q = ("/cb?email=alice%40example.com&phone=%2B8613812345678"
         "&tel=%2B86%20138%201234%205678&q=138%201234%205678#frag")
    rc, out, err = scrub_text(q + "\n", args=("-a", "all=hash"))
    name = "URL-encoded values: hash tokens keep the query string parseable"
    if rc != 0:
        not_ok(name, "exit %d" % rc)
    else:
        s = out.decode("utf-8", "replace").rstrip("\n")
        parsed = urllib.parse.urlsplit(s)
        pairs = urllib.parse.parse_qsl(parsed.query, keep_blank_values=True)
        keys = [k for k, _ in pairs]
        vals = [v for _, v in pairs]
        bad = [v for v in vals if re.search(r"[%&=# +]", v)
               or not re.fullmatch(r"[A-Z_]+_[A-Za-z0-9]+_[A-Za-z]+", v)]
        if (keys == ["email", "phone", "tel", "q"] and parsed.fragment == "frag"
                and parsed.path == "/cb" and not bad
                and vals[0].startswith("EMAIL_")
                and all(v.startswith("PHONE_") for v in vals[1:])):
            ok(name)
        else:
            not_ok(name, "keys %r, fragment %r, bad values %r" % (
                keys, parsed.fragment, [re.sub(r"[0-9]", "9", v) for v in bad]))
        toks = [v for v in vals[1:]]
        rc2, out2, _ = scrub_text("13812345678\n", args=("-a", "all=hash"))
        plain = out2.decode().strip()
        name = "URL-encoded phones hash like the plain number (canonical form)"
        if rc2 == 0 and toks and all(t == plain for t in toks):
            ok(name)
        else:
            not_ok(name, "%d of %d encoded spellings differ from the plain token" %
                   (sum(t != plain for t in toks), len(toks)))
        rc3, out3, _ = scrub_text("alice@example.com\n", args=("-a", "all=hash"))
        name = "URL-encoded email hashes like alice@example.com"
        if rc3 == 0 and vals and vals[0] == out3.decode().strip():
            ok(name)
        else:
            not_ok(name, "token of alice%40example.com differs from alice@example.com")


def exclusions():
    for text in ('{"bytes":19106806907}', "size=13812345678",
                 '{"created_at":13812345678}', "order_id=6222021234567890128",
                 '"traceId":"354178036859789"', '"body_bytes_sent":13812345678,',
                 "totalBytes=13812345678", "createdAt=13812345678",
                 "elapsed_ms=13812345678", "offset=13812345678",
                 "ts=1390000000000"):
        check_none("exclusion: %s -> no finding" % text, text)
    check_find("exclusion: excluded key does not hide the next pair",
               "size=13812345678&phone=«13912345678»", "PHONE")
    check_find("personal key wins: phone=13812345678", "size=1 phone=«13812345678»",
               "PHONE")
    check_find("personal key wins: \"imei\":\"354178036859789\"",
               '{"traceId":"x","imei":"«354178036859789»"}', "IMEI")
    cfg = write_config("disable-counters.yml", "disable: [exclude.counters]\n")
    check_find("config disable: [exclude.counters] makes bytes a PHONE again",
               '{"bytes":«19106806907»}', "PHONE", config=cfg)
    check_none("config disable: [exclude.counters] leaves exclude.times",
               '{"created_at":13812345678}', config=cfg)
    cfg2 = write_config("replace-counters.yml",
                        "rules:\n"
                        "  - id: exclude.counters\n"
                        "    exclude: true\n"
                        "    keys: [widgets]\n")
    check_find("config rule with the same id replaces exclude.counters (bytes)",
               '{"bytes":«19106806907»}', "PHONE", config=cfg2)
    check_none("config rule with the same id replaces exclude.counters (new key)",
               "widgets=13812345678", config=cfg2)


ALLOW_CFG = ('allow:\n'
             '  values: ["13800138000"]\n'
             '  cidrs: ["10.0.0.0/8", "fd00::/8"]\n')


def allow_lists():
    cfg = write_config("allow.yml", ALLOW_CFG)
    line = ("call 13800138000 +86 138-0013-8000 from 10.1.2.3 fd00::1 "
            "to 11.0.0.1 and 13912345678 fe80::1 9.255.255.254 10.255.255.254")
    want = ("call 13800138000 +86 138-0013-8000 from 10.1.2.3 fd00::1 "
            "to [IPV4] and [PHONE] [IPV6] [IPV4] 10.255.255.254")
    check_out("allow-list: allowed values pass through, others scrubbed",
              line, want, config=cfg)
    raw = (line + "\n").encode("utf-8")
    expect = [("PHONE", "13800138000", True), ("PHONE", "+86 138-0013-8000", True),
              ("IPV4", "10.1.2.3", True), ("IPV6", "fd00::1", True),
              ("IPV4", "11.0.0.1", False), ("PHONE", "13912345678", False),
              ("IPV6", "fe80::1", False), ("IPV4", "9.255.255.254", False),
              ("IPV4", "10.255.255.254", True)]
    rc, fs, err, problems = findings(raw, (), cfg)
    got = {}
    for f in fs:
        got[(f.get("type"), f.get("offset"), f.get("length"))] = f
    for t, v, kept in expect:
        off = raw.index((" " + v + " ").encode()) + 1 if (" " + v + " ").encode() in raw \
            else raw.index(v.encode())
        k = (t, off, len(v.encode()))
        name = "allow-list --findings: %s %s %s" % (
            t, v, 'has "action":"keep"' if kept else "has no action member")
        f = got.pop(k, None)
        if rc != 0:
            not_ok(name, "exit %d" % rc)
        elif f is None:
            not_ok(name, "no %s finding at %d+%d" % (t, off, len(v.encode())))
        elif kept and (f.get("action") != "keep"
                       or set(f) != {"type", "rule", "offset", "length", "line", "action"}):
            not_ok(name, "finding %r" % f)
        elif not kept and set(f) != {"type", "rule", "offset", "length", "line"}:
            not_ok(name, "finding %r" % f)
        else:
            ok(name)
    name = "allow-list --findings: nothing else reported"
    if got or problems:
        not_ok(name, "extra %r %s" % (list(got.values()), "; ".join(problems)))
    else:
        ok(name)
    # -a all=redact / keep does not override the allow-list; all=hash either
    check_out("allow-list wins over -a all=hash",
              "ip=10.0.0.1&phone=13800138000", "ip=10.0.0.1&phone=13800138000",
              args=("-a", "all=hash"), config=cfg)
    # other spellings of the allowed phone
    for sp in ("+86 138-0013-8000", "0086-13800138000", "138 0013 8000",
               "%2B8613800138000"):
        check_out("allow-list: spelling %s kept" % sp, "tel=%s end" % sp,
                  "tel=%s end" % sp, config=cfg)
    check_out("allow-list: near miss 13800138001 scrubbed", "tel=13800138001 end",
              "tel=[PHONE] end", config=cfg)
    check_out("allow-list: CIDR edge 11.0.0.1 scrubbed, 10.0.0.0 kept",
              "a 11.0.0.1 b 10.0.0.0 c", "a [IPV4] b 10.0.0.0 c", config=cfg)
    check_out("allow-list: IPv6 fd12:3456::1 kept, fc00::1 scrubbed",
              "a fd12:3456::1 b fc00::1 c", "a fd12:3456::1 b [IPV6] c", config=cfg)
    # invalid CIDRs
    for bad in ("10.0.0.0/33", "10.0.0/8", "fd00::/129", "not-a-cidr"):
        c = write_config("bad-allow.yml",
                         'allow:\n  cidrs: ["%s"]\n' % bad)
        rc, out, err = run(b"phone 13812345678\n", ["-k", KEY, "-c", c])
        lines = err.decode("utf-8", "replace").splitlines()
        name = "allow-list: invalid CIDR %r -> exit 2, one stderr line" % bad
        if rc == 2 and len(lines) == 1 and out == b"" and b"13812345678" not in err:
            ok(name)
        else:
            not_ok(name, "exit %d, %d stderr lines %r, %d stdout bytes" % (
                rc, len(lines), lines[:3], len(out)))


def main():
    if not os.access(SCRUB, os.X_OK):
        not_ok("scrub binary", "%s is not executable (run make)" % SCRUB)
        finish()
    setup()
    try:
        key_syntaxes()
        key_variants()
        multi_line()
        extended_types()
        context_only_core()
        url_encoded()
        exclusions()
        allow_lists()
    finally:
        shutil.rmtree(TMP, ignore_errors=True)
    finish()


if __name__ == "__main__":
    main()
