#!/usr/bin/env python3
"""ops_config.py — strict configuration and reviewed messages (issue 14).

  * --check-config [-c FILE]... [-k KEY] [-a T=A]...: exit 0 with one line
    "scrub: config ok (N rules, M types)" on stdout, or exit 2 with one
    line per problem on stderr: a config that does not read or load, a
    rule whose example fails (named by rule and number, never its text),
    an -a with an unknown action or type, a key file that is missing, not
    a regular file, readable by others or too short, a retired key.
  * Options that do not go together are refused in one line (exit 2).
  * Each message the issue lists: -h and -V; --keygen without argument (no
    control byte); --rsyslog-input foo (said when run by hand, and the
    message is answered with a placeholder, never let through); -a
    PHONE=zap lists all seven actions; -a PHNOE=mask names the type and
    lists the known ones; -k /dev/null (not a regular file, no chmod
    advice); -c missing (with its reason); -k missing.key -a all=mask
    (exit 2: a named key file must exist whatever the action).
  * Every message: one line, printable, no value given on the command line
    after '=', no raw data.

Output: `ok - ...` / `not ok - ...`, then `N passed, M failed`.
"""
import os
import re
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))), "lib"))
from tap import check, not_ok  # noqa: E402  (shared reporting)
from tap import summary as tap_summary  # noqa: E402
from suite import SCRUB, scratch  # noqa: E402

TMP, ENV = scratch("scrub-ops-cfg-")
ACTIONS = ["hash", "mask", "redact", "keep", "pseudo", "encrypt", "coarsen"]
messages = []  # (name, stderr) of every run


def path(name):
    return os.path.join(TMP, name)


def write(name, data, mode=0o600):
    with open(path(name), "wb") as f:
        f.write(data)
    os.chmod(path(name), mode)
    return path(name)


KEY = write("key", bytes(range(32)))
SAMPLE = write("in.log", b"call 13812345678\n", 0o644)


def run(args, inp=b"", name=None, stderr=subprocess.PIPE):
    p = subprocess.run([SCRUB] + args, input=inp, env=ENV, cwd=TMP,
                       stdout=subprocess.PIPE, stderr=stderr, timeout=60)
    err = p.stderr if p.stderr is not None else b""
    messages.append((name or " ".join(args), err))
    return p.returncode, p.stdout, err


def lines(err):
    return err.decode("utf-8", "replace").splitlines()


def error(name, args, want=(), unwanted=(), inp=b"", nlines=1):
    """exit 2, exactly `nlines` lines on stderr naming each of want."""
    rc, out, err = run(args, inp, name)
    text = err.decode("utf-8", "replace")
    why = []
    if rc != 2:
        why.append("exit %d" % rc)
    if len(lines(err)) != nlines or not err.endswith(b"\n"):
        why.append("%d stderr lines, want %d" % (len(lines(err)), nlines))
    why += ["does not say %r" % w for w in want if w not in text]
    why += ["says %r" % w for w in unwanted if w in text]
    check(name, not why, "; ".join(why) + " | " + text[:300])
    return out, text


def test_check_config():
    rc, out, err = run(["--check-config"])
    m = re.fullmatch(rb"scrub: config ok \((\d+) rules, (\d+) types\)\n", out)
    rc2, listed, _ = run(["--list-rules"])
    ids = {ln.split(b"\t")[0].split(b"#")[0] for ln in listed.splitlines()}
    rc3, _, st = run(["--stats", "-a", "all=redact"])
    ntypes = st.count(b"stats type=")
    check("--check-config: exit 0, one line on stdout, nothing on stderr",
          rc == 0 and m is not None and not err, "exit %d, %r" % (rc, out))
    check("--check-config: N rules (as --list-rules), M types (as --stats)",
          m is not None and int(m.group(1)) == len(ids) and
          int(m.group(2)) == ntypes > 0, "%r vs %d rules, %d types" %
          (out, len(ids), ntypes))
    good = write("good.yml", b"rules:\n  - id: acme.ticket\n    type: TICKET\n"
                 b"    pattern: 'TK-[0-9]{6}'\n    examples: ['see \xc2\xabTK-123456\xc2\xbb']\n"
                 b"actions:\n  TICKET: redact\n", 0o644)
    rc, out, err = run(["--check-config", "-c", good, "-k", KEY,
                        "-a", "TICKET=mask", "-a", "all=hash"])
    check("--check-config with a config, its new type in -a, a key: ok",
          rc == 0 and m is not None and out == b"scrub: config ok (%d rules, "
          b"%d types)\n" % (len(ids) + 1, ntypes + 1), "exit %d, %r %r" %
          (rc, out, err))
    failing = write("failing.yml", b"rules:\n  - id: acme.order\n    type: ORDER\n"
                    b"    pattern: 'ORD-[0-9]{10}'\n    examples: ['ORD-1234567890',"
                    b" 'order ORD-12345']\n", 0o644)
    out, text = error("--check-config: a failing example is named by rule and "
                      "number, not shown", ["--check-config", "-c", failing],
                      want=("acme.order", "example 2", "native", "hyperscan"),
                      unwanted=("ORD-12345",), nlines=3)
    check("--check-config with errors: nothing on stdout", out == b"")
    bad = write("bad.yml", b"rules:\n  - id: x\n    type: [unclosed\n", 0o644)
    error("--check-config: YAML that does not load, a bad -a, a missing key: "
          "three lines", ["--check-config", "-c", bad, "-a", "PHONE=zap", "-k",
                          path("nokey")],
          want=("bad.yml", "PHONE=zap", "nokey"), nlines=3)
    badpat = write("badpat.yml", b"rules:\n  - id: ok.one\n    type: T\n"
                   b"    pattern: 'x[0-9]+'\n  - id: bad.one\n    type: T\n"
                   b"    pattern: 'a(b'\n", 0o644)
    error("a pattern that does not compile: its file and line, its own "
          "offset", ["-c", badpat, "-a", "all=redact"], want=("badpat.yml:5", "bad.one",
                                          "pattern", "offset 3"))
    error("--check-config: a config that cannot be read says why",
          ["--check-config", "-c", path("missing.yml")],
          want=("missing.yml", "No such file or directory"))
    error("--check-config: an unknown -a type", ["--check-config", "-a",
                                                  "PHNOE=mask"],
          want=("PHNOE", "PHONE", "all"))
    for what, key, want in (
            ("readable by others", write("k644", bytes(32), 0o644), "chmod 600"),
            ("too short", write("k16", bytes(16)), "k16"),
            ("not a regular file", "/dev/null", "not a regular file")):
        error("--check-config: a key file %s" % what,
              ["--check-config", "-k", key], want=(want,))
    retired = write("retired.yml", b"retired_keys: [%s]\n" % path("gone").encode(),
                    0o644)
    error("--check-config: a missing retired key", ["--check-config", "-c",
                                                     retired], want=("gone",))
    error("--check-config reads no input", ["--check-config", SAMPLE],
          want=("--check-config", "FILE"))
    rc, out, _ = run(["--check-rules"])
    check("--check-rules still works", rc == 0 and
          out.endswith(b"0 example failures\n"), "exit %d" % rc)


def test_conflicts():
    for args, want in (
            (["--findings", "--reveal"], ("--findings", "--reveal")),
            (["--rsyslog", "--findings", "-k", KEY], ("--rsyslog", "--findings")),
            (["--rsyslog", "-k", KEY, SAMPLE], ("--rsyslog", "FILE")),
            (["--keygen", path("new.key"), "-k", KEY], ("--keygen", "--key-file")),
            (["--keygen", path("new.key"), SAMPLE], ("--keygen",)),
            (["--check-config", "--stats"], ("--check-config", "--stats")),
            (["--list-rules", SAMPLE], ("--list-rules", "FILE")),
            (["--check-rules", "--metrics-file", path("m.prom")],
             ("--check-rules", "--metrics-file")),
            (["--kafka", "localhost:9", "--from", "a", "--to", "b", SAMPLE],
             ("--kafka",))):
        error("refused: %s" % " ".join(a for a in args if not a.startswith("/")),
              args, want=want)
    check("refused --keygen writes no key", not os.path.exists(path("new.key")))


def test_messages():
    for opt in ("-h", "--help"):
        rc, out, err = run([opt])
        check("%s: usage on stdout, exit 0" % opt, rc == 0 and
              out.startswith(b"Usage: scrub") and b"--check-config" in out and
              b"SIGHUP" not in err and not err)
    for opt in ("-V", "--version"):
        rc, out, err = run([opt])
        check("%s: version on stdout, exit 0" % opt,
              rc == 0 and out.startswith(b"scrub ") and not err)
    error("--keygen without its argument: names it", ["--keygen"],
          want=("--keygen", "needs an argument"))
    error("--config without its argument: says --config", ["--config"],
          want=("--config",))
    error("--findings=x: takes no argument, value not shown",
          ["--findings=s3cr3t"], want=("--findings",), unwanted=("s3cr3t",))
    error("unknown --option=value: the value is not shown",
          ["--passwrd=s3cr3t"], want=("--passwrd",), unwanted=("s3cr3t",))
    error("unknown short option after a long one: names the short one",
          ["--stats", "-Z"], want=("unknown option -Z",),
          unwanted=("--stats",))
    out, _ = error("--rsyslog-input foo by hand: one line, and the message is "
                   "answered with a placeholder", ["--rsyslog-input", "foo"],
                   inp=b"call 13812345678\n", want=("--rsyslog-input",))
    check("--rsyslog-input foo: nothing passes unscrubbed",
          out == b'{"msg":"[UNSCANNED]"}\n', "stdout %r" % out)
    rc, out, err = run(["--rsyslog-input", "foo"], b"x 13812345678\n",
                       stderr=subprocess.STDOUT, name="rsyslog 2>&1")
    check("--rsyslog with stderr on rsyslog's pipe: only replies there",
          rc == 2 and out == b'{"msg":"[UNSCANNED]"}\n', "stdout %r" % out)
    error("-a PHONE=zap: lists all seven actions", ["-a", "PHONE=zap", SAMPLE],
          want=tuple(ACTIONS) + ("zap",))
    error("-a PHNOE=mask: names the type and lists the known ones",
          ["-k", KEY, "-a", "PHNOE=mask", SAMPLE],
          want=("PHNOE", "PHONE", "EMAIL", "all"))
    error("-a phone=mask: says types are upper case", ["-a", "phone=mask",
                                                        SAMPLE],
          want=("upper case",))
    error("-k /dev/null: not a regular file, no chmod advice",
          ["-k", "/dev/null", SAMPLE], want=("/dev/null", "not a regular file"),
          unwanted=("chmod",))
    os.mkfifo(path("key.fifo"))
    error("-k FIFO: refused at once, not waited on", ["-k", path("key.fifo"),
                                                      SAMPLE],
          want=("not a regular file",))
    error("-c missing: says why", ["-c", path("missing.yml"), SAMPLE],
          want=("missing.yml", "No such file or directory"))
    error("-k missing.key -a all=mask: a named key must exist",
          ["-k", path("missing.key"), "-a", "all=mask", SAMPLE],
          want=("missing.key",))
    error("--findings -k missing.key: a named key must exist",
          ["--findings", "-k", path("missing.key"), SAMPLE],
          want=("missing.key",))
    error("--stats-format xml is refused", ["--stats-format", "xml"],
          want=("--stats-format", "text or json"))
    error("--stats-interval 0 is refused", ["--stats-interval", "0"],
          want=("--stats-interval",))
    rc, out, err = run(["-k", KEY, "-a", "all=mask", SAMPLE])
    check("a good command line still works", rc == 0 and
          out == b"call 138****5678\n" and not err, "exit %d %r" % (rc, err))


def test_all_messages():
    bad = []
    for name, err in messages:
        for ln in err.split(b"\n")[:-1] if err else []:
            if any(c < 0x20 or c == 0x7f for c in ln):
                bad.append("%s: control byte" % name)
            if not ln.startswith(b"scrub: "):
                bad.append("%s: a line without 'scrub: '" % name)
        if b"13812345678" in err or bytes(range(32)) in err:
            bad.append("%s: raw data" % name)
    check("every message (%d runs): 'scrub: ' lines, printable, no raw data"
          % len(messages), not bad, "; ".join(bad[:5]))


def main():
    if not os.access(SCRUB, os.X_OK):
        not_ok("binary", "%s is not executable (run make)" % SCRUB)
        return
    for t in (test_check_config, test_conflicts, test_messages,
              test_all_messages):
        try:
            t()
        except Exception as e:
            not_ok(t.__name__, "exception %s: %s" % (type(e).__name__, e))


try:
    main()
except Exception as e:
    not_ok("suite", "exception %s: %s" % (type(e).__name__, e))
finally:
    shutil.rmtree(TMP, ignore_errors=True)
sys.exit(tap_summary())
