#!/usr/bin/env python3
"""cli.py — command-line behaviour of scrub (SPEC sections 2, 3 and 5).

Options and their errors, key handling (explicit, $SCRUB_KEY_FILE, the
per-user default, --keygen and its text format), each action, --findings,
--stats, exit status and I/O errors, and that no diagnostic ever carries a
raw test value or the key.

Binary: $SCRUB (default <repo>/build/scrub). Everything happens in a temp
dir with HOME and XDG_CONFIG_HOME pointing into it and SCRUB_KEY_FILE unset,
so the user's real key is never touched. Output: one `ok - NAME` or
`not ok - NAME: REASON` per check, then `N passed, M failed`.
"""
import json
import os
import re
import shutil
import stat
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))), "lib"))
from tap import check, not_ok, ok, skip  # noqa: E402  (shared reporting)
from tap import summary as tap_summary  # noqa: E402


ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SCRUB = os.environ.get("SCRUB") or os.path.join(ROOT, "build", "scrub")

TYPES = ("PHONE", "CN_ID", "BANK_CARD", "IMEI", "MAC", "EMAIL", "IPV4", "IPV6")
# TYPE _ key id (letters) _ 18 lower-case letters
TOKEN_RE = re.compile(rb"(?P<type>[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*?)_(?P<kid>[a-z]{2,15})_(?P<dig>[a-z]{18})(?![A-Za-z0-9])")

# Raw test values: none of them may ever appear on stderr or in findings.
PHONE = b"13812345678"
PHONE_GROUPED = b"+86 138-1234-5678"
PHONE_SPACED = b"138 1234 5678"
EMAIL = b"zhang.wei@example.com"
IPV4 = b"203.0.113.77"
CN_ID = b"110101199003078670"
RAW_VALUES = [PHONE, PHONE_GROUPED, b"138-1234-5678", PHONE_SPACED, EMAIL,
              IPV4, CN_ID, b"1234-5678", b"12345678"]
KEY_BYTES = bytes(range(32))

LINE = (b"call " + PHONE + b" or " + PHONE_GROUPED + b" mail " + EMAIL +
        b" ip " + IPV4 + b"\n")

all_stderr = []   # (check name, bytes) of every child's stderr
secrets = [KEY_BYTES, KEY_BYTES.hex().encode()]  # grows with keygen secrets


TMP = tempfile.mkdtemp(prefix="scrub-cli-")
HOME = os.path.join(TMP, "home")
XDG = os.path.join(TMP, "xdg")
os.makedirs(HOME)
os.makedirs(XDG)


def base_env(**over):
    env = dict(os.environ)
    env.pop("SCRUB_KEY_FILE", None)
    env["HOME"] = HOME
    env["XDG_CONFIG_HOME"] = XDG
    env["LC_ALL"] = "C"
    for k, v in over.items():
        if v is None:
            env.pop(k, None)
        else:
            env[k] = v
    return env


def run(args, inp=b"", env=None, stdout=None, tag="", timeout=120):
    """Run scrub; returns (rc, stdout bytes, stderr bytes)."""
    if env is None:
        env = base_env()
    kw = {}
    if stdout is not None:
        kw["stdout"] = stdout
    else:
        kw["stdout"] = subprocess.PIPE
    p = subprocess.run([SCRUB] + list(args), input=inp, env=env,
                       stderr=subprocess.PIPE, timeout=timeout, cwd=TMP, **kw)
    all_stderr.append((tag or " ".join(args), p.stderr))
    return p.returncode, (p.stdout if p.stdout is not None else b""), p.stderr


def path(*parts):
    return os.path.join(TMP, *parts)


def write(name, data, mode=0o600):
    p = path(name)
    with open(p, "wb") as f:
        f.write(data)
    os.chmod(p, mode)
    return p


def one_line(err):
    """stderr is exactly one non-empty line ending in a newline."""
    return err.endswith(b"\n") and err.count(b"\n") == 1 and len(err.strip()) > 0


def describe_err(err):
    return "stderr has %d line(s), %d bytes" % (err.count(b"\n"), len(err))


def expect_usage_error(name, args, inp=b"", env=None, want_in_msg=None,
                       stdout_empty=True):
    rc, out, err = run(args, inp, env=env, tag=name)
    reasons = []
    if rc != 2:
        reasons.append("exit %d, want 2" % rc)
    if not one_line(err):
        reasons.append(describe_err(err) + ", want exactly one line")
    if stdout_empty and out:
        reasons.append("%d bytes on stdout, want none" % len(out))
    if want_in_msg is not None and want_in_msg not in err:
        reasons.append("message does not name %r" % want_in_msg.decode())
    check(name, not reasons, "; ".join(reasons))


def token_shape_ok(tok, typ=None):
    m = re.fullmatch(rb"([A-Z][A-Z0-9_]*)_([a-z]{2,15})_([a-z]{18})", tok)
    if not m:
        return False
    return typ is None or m.group(1) == typ


def tokens(out):
    return [(m.group("type"), m.group(0)) for m in TOKEN_RE.finditer(out)]


def split_line(out):
    """Parse scrub's output of LINE under any action into its 4 replacements."""
    m = re.fullmatch(rb"call (\S+) or (.+?) mail (\S+) ip (\S+)\n", out)
    return m.groups() if m else None


# --- key files -------------------------------------------------------------
KEY = write("key", KEY_BYTES)
KEY2 = write("key2", bytes(range(100, 132)))


def main():
    if not os.access(SCRUB, os.X_OK):
        not_ok("binary", "%s is not executable (run make)" % SCRUB)
        return
    sample = write("line.txt", LINE, 0o644)

    # --- help, version, option errors -----------------------------------
    rc, out, err = run(["--help"], tag="help")
    check("--help exits 0 with usage on stdout",
          rc == 0 and b"usage" in out.lower() and b"--key-file" in out and not err,
          "exit %d, %d bytes stdout, %d bytes stderr" % (rc, len(out), len(err)))
    rc, out, err = run(["--version"], tag="version")
    check("--version exits 0 and prints a version",
          rc == 0 and re.search(rb"\d+\.\d+", out) is not None,
          "exit %d, %d bytes stdout" % (rc, len(out)))
    expect_usage_error("unknown long option exits 2, one line",
                       ["--no-such-option", "-k", KEY, sample])
    expect_usage_error("unknown short option exits 2, one line",
                       ["-Z", "-k", KEY, sample])
    expect_usage_error("-a PHONE=bogus exits 2, one line",
                       ["-k", KEY, "-a", "PHONE=bogus", sample])
    expect_usage_error("-a without '=' exits 2, one line",
                       ["-k", KEY, "-a", "PHONE", sample])
    expect_usage_error("-a with empty type exits 2, one line",
                       ["-k", KEY, "-a", "=hash", sample])
    expect_usage_error("-j abc exits 2, one line", ["-k", KEY, "-j", "abc", sample])
    expect_usage_error("option missing its argument exits 2, one line",
                       ["-k", KEY, sample, "-a"])

    # --- config errors --------------------------------------------------
    expect_usage_error("-c missing file exits 2, one line",
                       ["-k", KEY, "-c", path("no-such.yml"), sample])
    bad_yaml = write("bad.yml", b"rules:\n  - id: x\n    type: [unclosed\n  pattern: 'a'\n")
    expect_usage_error("-c malformed YAML exits 2, one line",
                       ["-k", KEY, "-c", bad_yaml, sample])
    unk = write("unknown.yml", b"actions:\n  PHONE: mask\nfrobnicate: true\n")
    expect_usage_error("-c unknown top-level key exits 2, one line",
                       ["-k", KEY, "-c", unk, sample], want_in_msg=b"frobnicate")
    badpat = write("badpat.yml",
                   b"rules:\n  - id: my.broken_rule\n    type: TICKET\n"
                   b"    pattern: 'TK-([0-9]+'\n")
    expect_usage_error("-c rule whose pattern does not compile: exit 2, one line naming the rule",
                       ["-k", KEY, "-c", badpat, sample], want_in_msg=b"my.broken_rule")
    goodrule = write("goodrule.yml",
                     b"rules:\n  - id: my.ticket\n    type: TICKET\n"
                     b"    pattern: 'TK-[0-9]{6}'\n    left: '(?<![A-Za-z0-9])'\n"
                     b"    right: '(?![0-9])'\nactions:\n  TICKET: redact\n")
    rc, out, err = run(["-k", KEY, "-c", goodrule], b"see TK-123456 now\n", tag="custom rule")
    check("-c a valid user rule is applied", rc == 0 and out == b"see [TICKET] now\n",
          "exit %d, output %d bytes" % (rc, len(out)))

    # --- missing input --------------------------------------------------
    expect_usage_error("missing input FILE: exit 2, one line, nothing on stdout",
                       ["-k", KEY, path("no-such-input.log")])
    expect_usage_error("missing second FILE: nothing of the first is written",
                       ["-k", KEY, sample, path("no-such-input.log")])

    # --- key handling ---------------------------------------------------
    k644 = write("key644", KEY_BYTES, 0o644)
    expect_usage_error("-k key with mode 0644 is refused (exit 2, one line)",
                       ["-k", k644, sample])
    k640 = write("key640", KEY_BYTES, 0o640)
    expect_usage_error("-k key with mode 0640 is refused (exit 2, one line)",
                       ["-k", k640, sample])
    k16 = write("key16", KEY_BYTES[:16])
    expect_usage_error("-k 16-byte key is refused (exit 2, one line)", ["-k", k16, sample])
    expect_usage_error("-k missing key file: exit 2, one line",
                       ["-k", path("no-such-key"), sample])
    env_bad = base_env(SCRUB_KEY_FILE=k644)
    expect_usage_error("$SCRUB_KEY_FILE with mode 0644 is refused",
                       [sample], env=env_bad)

    k64 = write("key64", bytes(range(64, 128)))
    rc, out, err = run(["-k", k64, sample], tag="64-byte key")
    check("-k with a 64-byte raw key is accepted", rc == 0 and len(tokens(out)) == 4 and not err,
          "exit %d, %s" % (rc, describe_err(err)))
    rc, ref, err = run(["-k", KEY, sample], tag="ref")
    check("-k with a 32-byte 0600 key: exit 0, nothing on stderr",
          rc == 0 and not err and ref, "exit %d, %s" % (rc, describe_err(err)))

    # default key under $XDG_CONFIG_HOME
    xdg1 = path("xdg1")
    home1 = path("home1")
    os.makedirs(xdg1)
    os.makedirs(home1)
    env = base_env(XDG_CONFIG_HOME=xdg1, HOME=home1)
    rc, out1, err1 = run([sample], env=env, tag="default key first run")
    kp = os.path.join(xdg1, "scrub", "key")
    exists = os.path.exists(kp)
    mode = stat.S_IMODE(os.stat(kp).st_mode) if exists else None
    check("no key: default key created at $XDG_CONFIG_HOME/scrub/key",
          rc == 0 and exists, "exit %d, exists=%s" % (rc, exists))
    check("default key file has mode 0600", mode == 0o600,
          "mode %s" % (oct(mode) if mode is not None else "none"))
    check("default key creation: exactly one notice line on stderr",
          one_line(err1), describe_err(err1))
    check("default key not created under $HOME when XDG_CONFIG_HOME is set",
          not os.path.exists(os.path.join(home1, ".config", "scrub", "key")))
    if exists:
        with open(kp, "rb") as f:
            secrets.append(f.read())
    rc, out2, err2 = run([sample], env=env, tag="default key second run")
    check("default key second run: no notice, exit 0", rc == 0 and not err2,
          "exit %d, %s" % (rc, describe_err(err2)))
    check("default key second run: same tokens", out1 == out2 and len(tokens(out1)) == 4,
          "outputs differ or have %d tokens" % len(tokens(out1)))

    # default key under $HOME/.config when XDG_CONFIG_HOME is unset
    home2 = path("home2")
    os.makedirs(home2)
    env = base_env(XDG_CONFIG_HOME=None, HOME=home2)
    rc, out, err = run([sample], env=env, tag="default key in HOME")
    kp2 = os.path.join(home2, ".config", "scrub", "key")
    ex2 = os.path.exists(kp2)
    check("XDG_CONFIG_HOME unset: default key created at $HOME/.config/scrub/key",
          rc == 0 and ex2 and stat.S_IMODE(os.stat(kp2).st_mode) == 0o600 and one_line(err),
          "exit %d, exists=%s, %s" % (rc, ex2, describe_err(err)))
    if ex2:
        with open(kp2, "rb") as f:
            secrets.append(f.read())
    rc, outb, errb = run([sample], env=env, tag="default key in HOME again")
    check("XDG_CONFIG_HOME unset: second run silent, same tokens",
          rc == 0 and not errb and outb == out, "exit %d, %s" % (rc, describe_err(errb)))

    # $SCRUB_KEY_FILE
    xdg3 = path("xdg3")
    os.makedirs(xdg3)
    env = base_env(XDG_CONFIG_HOME=xdg3, SCRUB_KEY_FILE=KEY)
    rc, out, err = run([sample], env=env, tag="SCRUB_KEY_FILE")
    check("$SCRUB_KEY_FILE is used when -k is absent (same tokens as -k)",
          rc == 0 and out == ref and not err, "exit %d, same=%s" % (rc, out == ref))
    check("$SCRUB_KEY_FILE set: no default key is created",
          not os.path.exists(os.path.join(xdg3, "scrub", "key")))
    env = base_env(XDG_CONFIG_HOME=xdg3, SCRUB_KEY_FILE=KEY2)
    rc, out, err = run(["-k", KEY, sample], env=env, tag="-k over SCRUB_KEY_FILE")
    check("-k wins over $SCRUB_KEY_FILE", rc == 0 and out == ref,
          "exit %d, same=%s" % (rc, out == ref))

    # same key / different keys
    rc, again, _ = run(["-k", KEY, sample], tag="same key again")
    check("same key in two processes gives identical tokens", rc == 0 and again == ref)
    copy = write("key-copy", KEY_BYTES)
    rc, again2, _ = run(["-k", copy, sample], tag="same key other file")
    check("same key bytes in another file give identical tokens", rc == 0 and again2 == ref)
    rc, other, _ = run(["-k", KEY2, sample], tag="other key")
    t_ref, t_other = tokens(ref), tokens(other)
    differ = (len(t_ref) == len(t_other) == 4 and
              all(a[1] != b[1] for a, b in zip(t_ref, t_other)))
    check("different keys give different tokens", rc == 0 and differ,
          "%d vs %d tokens" % (len(t_ref), len(t_other)))
    kid_ref = {TOKEN_RE.fullmatch(t).group("kid") for _, t in t_ref}
    kid_other = {TOKEN_RE.fullmatch(t).group("kid") for _, t in t_other}
    check("tokens carry the key id, different for different keys",
          len(kid_ref) == 1 and len(kid_other) == 1 and kid_ref != kid_other,
          "ids %d/%d distinct" % (len(kid_ref), len(kid_other)))

    # --keygen
    kg = path("gen.key")
    rc, out, err = run(["--keygen", kg], tag="keygen")
    kg_ok = rc == 0 and os.path.exists(kg)
    check("--keygen FILE exits 0 and writes the file", kg_ok,
          "exit %d, %s" % (rc, describe_err(err)))
    kg_text = b""
    if kg_ok:
        with open(kg, "rb") as f:
            kg_text = f.read()
        secrets.append(kg_text)
        for line in kg_text.splitlines():
            if line.startswith(b"secret="):
                secrets.append(line[7:].strip())
        check("--keygen file has mode 0600", stat.S_IMODE(os.stat(kg).st_mode) == 0o600,
              "mode %s" % oct(stat.S_IMODE(os.stat(kg).st_mode)))
        check("--keygen writes nothing to stdout", out == b"", "%d bytes" % len(out))
    rc, kout, err = run(["-k", kg, sample], tag="-k keygen file")
    check("-k accepts the --keygen file", rc == 0 and len(tokens(kout)) == 4 and not err,
          "exit %d, %s" % (rc, describe_err(err)))
    m = re.search(rb"^id=([a-z]+)\s*$", kg_text, re.M)
    kids = {TOKEN_RE.fullmatch(t).group("kid") for _, t in tokens(kout)}
    check("key id in tokens matches the id= line of the --keygen file",
          m is not None and kids == {m.group(1)},
          "id line %s, %d distinct ids in tokens" % ("found" if m else "missing", len(kids)))
    rc, kout2, _ = run(["-k", kg, sample], tag="-k keygen file again")
    check("--keygen key gives the same tokens in two processes", rc == 0 and kout2 == kout)
    check("--keygen key differs from the fixed test key", kout != ref)
    before = kg_text
    expect_usage_error("--keygen refuses to overwrite an existing file", ["--keygen", kg])
    with open(kg, "rb") as f:
        check("--keygen refusal leaves the existing file unchanged", f.read() == before)
    kg2 = path("gen2.key")
    run(["--keygen", kg2], tag="keygen 2")
    if os.path.exists(kg2):
        with open(kg2, "rb") as f:
            t2 = f.read()
        secrets.append(t2)
        for line in t2.splitlines():
            if line.startswith(b"secret="):
                secrets.append(line[7:].strip())
        check("two --keygen runs make different keys", t2 != kg_text)
    # hand-written text format (as documented in src/key.c) with a fixed secret
    txt = write("text.key", b"# scrub key file v1\nid=ktest\ncreated=2026-01-01T00:00:00Z\nsecret="
                + KEY_BYTES.hex().encode() + b"\n")
    rc, tout, err = run(["-k", txt, sample], tag="text key")
    tk = tokens(tout)
    check("text-format key with explicit id=ktest: tokens carry ktest",
          rc == 0 and len(tk) == 4 and all(b"_ktest_" in t for _, t in tk),
          "exit %d, %d tokens" % (rc, len(tk)))
    txt644 = write("text644.key", b"# scrub key file v1\nid=ktest\nsecret="
                   + KEY_BYTES.hex().encode() + b"\n", 0o644)
    expect_usage_error("text-format key with mode 0644 is refused", ["-k", txt644, sample])

    # --- actions --------------------------------------------------------
    parts = split_line(ref)
    shape = parts is not None and all(token_shape_ok(p) for p in parts)
    check("default action is hash: every value became a token", shape,
          "output does not have the shape call T or T mail T ip T")
    if parts:
        exp_types = [b"PHONE", b"PHONE", b"EMAIL", b"IPV4"]
        check("hash tokens: TYPE_<keyid>_<18 lower-case letters> with the right type",
              all(token_shape_ok(p, t) for p, t in zip(parts, exp_types)),
              "types/shape mismatch")
        check("hash: '+86 138-1234-5678' gets the same token as '13812345678'",
              parts[0] == parts[1])
        check("hash tokens need no escaping (letters, digits, '_')",
              all(re.fullmatch(rb"[A-Za-z0-9_]+", p) for p in parts))
    rc, out, _ = run(["-k", KEY], b"a " + PHONE_SPACED + b" b 0086" + PHONE +
                     b" c %2B86" + PHONE + b" d\n", tag="phone forms")
    pt = tokens(out)
    check("hash: '138 1234 5678', '0086…' and '%2B86…' forms share one token",
          rc == 0 and len(pt) == 3 and len({t for _, t in pt}) == 1 and parts is not None
          and pt[0][1] == parts[0], "%d tokens, %d distinct" % (len(pt), len({t for _, t in pt})))
    rc, out, _ = run(["-k", KEY], b"m " + EMAIL.upper() + b" x\n", tag="email case")
    et = tokens(out)
    check("hash: e-mail in upper case gets the same token",
          rc == 0 and len(et) == 1 and parts is not None and et[0][1] == parts[2])

    rc, out, _ = run(["-k", KEY, "-a", "all=redact", sample], tag="redact")
    check("-a all=redact gives [TYPE] labels",
          rc == 0 and out == b"call [PHONE] or [PHONE] mail [EMAIL] ip [IPV4]\n",
          "exit %d, output %d bytes" % (rc, len(out)))
    rc, out, _ = run(["-a", "all=redact", sample], tag="redact no key")
    check("-a all=redact needs no key (no default key created)",
          rc == 0 and out == b"call [PHONE] or [PHONE] mail [EMAIL] ip [IPV4]\n"
          and not os.path.exists(os.path.join(XDG, "scrub", "key")))

    rc, out, _ = run(["-k", KEY, "-a", "PHONE=mask", sample], tag="phone mask")
    p2 = split_line(out)
    check("-a PHONE=mask: bare phone becomes 138****5678",
          rc == 0 and p2 is not None and p2[0] == b"138****5678",
          "exit %d, parsed=%s" % (rc, p2 is not None))
    check("-a PHONE=mask: grouped phone keeps prefix and separators (+86 138-****-5678)",
          p2 is not None and p2[1] == b"+86 138-****-5678")
    check("-a PHONE=mask: other types keep the default hash",
          p2 is not None and token_shape_ok(p2[2], b"EMAIL") and token_shape_ok(p2[3], b"IPV4"))
    rc, out, _ = run(["-k", KEY, "-a", "PHONE=mask"], b"t " + PHONE_SPACED + b" u\n",
                     tag="phone mask spaced")
    check("-a PHONE=mask: '138 1234 5678' becomes '138 **** 5678'",
          rc == 0 and out == b"t 138 **** 5678 u\n")

    rc, out, _ = run(["-k", KEY, "-a", "all=keep", sample], tag="keep")
    check("-a all=keep reproduces the input byte for byte", rc == 0 and out == LINE)

    rc, out, _ = run(["-k", KEY, "-a", "all=mask", "-a", "PHONE=keep", sample], tag="mask+keep")
    p3 = split_line(out)
    check("-a all=mask -a PHONE=keep: phones kept (later per-type wins)",
          rc == 0 and p3 is not None and p3[0] == PHONE and p3[1] == PHONE_GROUPED)
    check("-a all=mask -a PHONE=keep: others masked (z***@example.com, 203.0.113.**)",
          p3 is not None and p3[2] == b"z***@example.com" and p3[3] == b"203.0.113.**")

    cfg = write("actions.yml", b"actions:\n  all: redact\n  PHONE: mask\n")
    rc, out, err = run(["-k", KEY, "-c", cfg, sample], tag="yaml actions")
    check("config actions: map (all: redact, PHONE: mask)",
          rc == 0 and out == b"call 138****5678 or +86 138-****-5678 mail [EMAIL] ip [IPV4]\n",
          "exit %d, %s" % (rc, describe_err(err)))
    rc, out, _ = run(["-k", KEY, "-c", cfg, "-a", "EMAIL=keep", sample], tag="yaml+cli")
    check("-a on the command line overrides the config file",
          rc == 0 and out == b"call 138****5678 or +86 138-****-5678 mail " + EMAIL +
          b" ip [IPV4]\n")
    cfgbad = write("badaction.yml", b"actions:\n  PHONE: shred\n")
    expect_usage_error("config with an unknown action exits 2, one line",
                       ["-k", KEY, "-c", cfgbad, sample])

    # --- --findings -----------------------------------------------------
    f1 = b"first line " + PHONE + b"\nsecond " + EMAIL + b" end\n"
    f2 = b"x " + IPV4 + b"\r\nno newline at end, tail "
    f3 = PHONE_GROUPED + b" and " + CN_ID + b"\n"
    p1, p2_, p3_ = write("f1.log", f1), write("f2.log", f2), write("f3.log", f3)
    stream = f1 + f2 + f3
    expected = []

    # SPEC 3: each FILE is its own stream; findings name their rule and,
    # with FILE arguments, their file; offsets and lines count in it.
    def add(typ, rule, value, path, text):
        off = text.index(value)
        line = text[:off].count(b"\n") + 1
        expected.append({"type": typ, "rule": rule, "offset": off,
                         "length": len(value), "line": line, "file": path})
    add("PHONE", "phone.cn.mobile", PHONE, p1, f1)
    add("EMAIL", "email.address", EMAIL, p1, f1)
    add("IPV4", "ipv4.dotted", IPV4, p2_, f2)
    add("PHONE", "phone.cn.mobile", PHONE_GROUPED, p3_, f3)
    add("CN_ID", "cn_id.resident", CN_ID, p3_, f3)
    rc, out, err = run(["--findings", p1, p2_, p3_], tag="findings")
    exp_bytes = b"".join(
        b'{"type":"%s","rule":"%s","offset":%d,"length":%d,"line":%d,"file":%s}\n'
        % (e["type"].encode(), e["rule"].encode(), e["offset"], e["length"],
           e["line"], json.dumps(e["file"]).encode()) for e in expected)
    got = []
    parse_ok = True
    for ln in out.splitlines():
        try:
            got.append(json.loads(ln))
        except ValueError:
            parse_ok = False
    check("--findings: exit 0, every line is a JSON object", rc == 0 and parse_ok and got,
          "exit %d, %d lines" % (rc, len(out.splitlines())))
    check("--findings: keys are exactly type, rule, offset, length, line, file",
          got and all(isinstance(g, dict) and
                      set(g) == {"type", "rule", "offset", "length", "line", "file"}
                      for g in got))
    check("--findings: per-FILE offsets and 1-based lines, each finding names its file",
          got == expected,
          "got %s want %s" % ([(g.get("type"), g.get("offset"), g.get("length"), g.get("line"))
                               for g in got if isinstance(g, dict)],
                              [(e["type"], e["offset"], e["length"], e["line"]) for e in expected]))
    check("--findings: exact byte format", out == exp_bytes,
          "%d bytes vs %d expected" % (len(out), len(exp_bytes)))
    rc, out_in, _ = run(["--findings"], inp=f1, tag="findings stdin only")
    check("--findings: no file member when reading standard input",
          rc == 0 and out_in and all("file" not in json.loads(l)
                                     for l in out_in.splitlines()))
    leaked = [i for i, v in enumerate(RAW_VALUES) if v in out]
    check("--findings: no raw value in the output", not leaked, "raw values #%s present" % leaked)
    rc, out_std, _ = run(["--findings", p1, "-", p3_], inp=f2, tag="findings stdin")
    check("--findings: '-' in the middle reads stdin at that point",
          out_std == out.replace(json.dumps(p2_).encode(), b'"-"'))
    rc, out_k, _ = run(["--findings", "-k", KEY, p1, p2_, p3_], tag="findings with key")
    check("--findings output does not depend on the action or key",
          out_k == out)
    rc, out_a, _ = run(["--findings", "-a", "all=keep", p1, p2_, p3_], tag="findings keep")
    check("--findings also reports values whose action is keep", out_a == out)

    # --- --stats --------------------------------------------------------
    rc, out_s, err_s = run(["-k", KEY, "--stats", sample], tag="stats")
    check("--stats: stdout unchanged", rc == 0 and out_s == ref)
    text = err_s.decode("utf-8", "replace")
    counts_ok = True
    for typ, n in (("PHONE", 2), ("EMAIL", 1), ("IPV4", 1)):
        lines = [l for l in text.splitlines() if re.search(r"\b%s\b" % typ, l)]
        if not any(n in [int(x) for x in re.findall(r"\d+", l)] for l in lines):
            counts_ok = False
    check("--stats: stderr has per-type counts (PHONE 2, EMAIL 1, IPV4 1)", counts_ok)
    blines = [l for l in text.splitlines() if "bytes" in l]
    check("--stats: stderr has the byte count",
          any(len(LINE) in [int(x) for x in re.findall(r"\d+", l)] for l in blines),
          "no line with 'bytes' and %d" % len(LINE))
    leaked = [i for i, v in enumerate(RAW_VALUES) if v in err_s]
    check("--stats: no raw value on stderr", not leaked, "raw values #%s" % leaked)

    # --- exit status and I/O -------------------------------------------
    for label, data in (("small", LINE), ("4 MiB", LINE * (4 * 1024 * 1024 // len(LINE)))):
        big = write("full-%s.log" % label.replace(" ", ""), data)
        with open("/dev/full", "wb") as full:
            rc, _, err = run(["-k", KEY, big], stdout=full, tag="dev full")
        check("write to /dev/full (%s input): exit 2, one stderr line" % label,
              rc == 2 and one_line(err), "exit %d, %s" % (rc, describe_err(err)))
    d = path("a-directory")
    os.makedirs(d, exist_ok=True)
    rc, out, err = run(["-k", KEY, d], tag="directory input")
    check("a directory as FILE: exit 2, one stderr line",
          rc == 2 and one_line(err), "exit %d, %s" % (rc, describe_err(err)))
    rc, out, err = run(["-k", KEY], b"", tag="empty stdin")
    check("empty stdin: empty output, exit 0", rc == 0 and out == b"" and err == b"")
    empty = write("empty.log", b"")
    rc, out, err = run(["-k", KEY, empty, empty], tag="empty files")
    check("empty files: empty output, exit 0", rc == 0 and out == b"" and err == b"")
    rc, out, err = run(["-k", KEY, "-"], LINE, tag="dash")
    check("'-' as FILE reads stdin", rc == 0 and out == ref)
    rc, out, err = run(["-k", KEY], LINE, tag="no file")
    check("no FILE reads stdin", rc == 0 and out == ref)
    a = write("a.log", b"alpha " + PHONE + b"\nbeta no newline ")
    b = write("b.log", EMAIL + b" gamma\n")
    rc, out_cat, _ = run(["-k", KEY, a, b], tag="concat")
    rc2, out_one, _ = run(["-k", KEY], b"alpha " + PHONE + b"\nbeta no newline " + EMAIL +
                          b" gamma\n", tag="concat ref")
    check("multiple FILEs are one concatenated stream (like cat)",
          rc == 0 and rc2 == 0 and out_cat == out_one and len(tokens(out_cat)) == 2)
    rc, out_d, _ = run(["-k", KEY, a, "-", b], b"middle " + IPV4 + b"\n", tag="concat dash")
    rc2, ref_d, _ = run(["-k", KEY], b"alpha " + PHONE + b"\nbeta no newline middle " + IPV4 +
                        b"\n" + EMAIL + b" gamma\n", tag="concat dash ref")
    check("'-' between FILEs reads stdin at that position", rc == 0 and out_d == ref_d)
    rc, out, _ = run(["-k", KEY, "-a", "all=keep", a, a], tag="same file twice")
    with open(a, "rb") as f:
        adata = f.read()
    check("the same FILE twice is read twice", rc == 0 and out == adata + adata)

    # --- nothing raw in any diagnostic ---------------------------------
    bad = []
    for name, err in all_stderr:
        for i, v in enumerate(RAW_VALUES):
            if v in err:
                bad.append("%s: raw value #%d" % (name, i))
        for s in secrets:
            if s and s in err:
                bad.append("%s: key material" % name)
    check("no stderr of this suite (%d runs) contains a raw value or key material"
          % len(all_stderr), not bad, "; ".join(bad[:10]))


try:
    main()
except Exception as e:  # a crash of the suite is a failure, not a silent pass
    not_ok("suite", "exception %s: %s" % (type(e).__name__, e))
finally:
    shutil.rmtree(TMP, ignore_errors=True)
sys.exit(tap_summary())
