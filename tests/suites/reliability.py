#!/usr/bin/env python3
"""Reliability guarantees of SPEC section 5, end to end through the CLI.

- any line length in bounded memory (a 1 GiB line; RSS under 128 MiB),
  with the findings of processing it whole, values straddling parts;
- nothing lost on SIGTERM/SIGINT: every byte read is scrubbed and written;
- a closed pipe ends quietly; a full disk is an error (exit 2);
- fail closed: a key or config error writes nothing to stdout;
- secrets stay secret: no stderr or findings output carries a raw value
  or the key.
Prints `ok - ...` / `not ok - ...` and `N passed, M failed` last.
Set SCRUB_BIG_LINE_MB to change the size of the long-line test (default
1024; CI keeps the default).
"""
import os
import re
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))), "lib"))
from tap import check  # noqa: E402  (shared reporting)
from tap import summary as tap_summary  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SCRUB = os.environ.get("SCRUB", os.path.join(ROOT, "build", "scrub"))
BIG_MB = int(os.environ.get("SCRUB_BIG_LINE_MB", "1024"))
stderr_seen = []

def env_with(tmp):
    e = dict(os.environ)
    e.pop("SCRUB_KEY_FILE", None)
    e["HOME"] = tmp
    e["XDG_CONFIG_HOME"] = os.path.join(tmp, "xdg")
    return e


# One unit of the long line: values of several types between filler. Its
# findings are known, so the findings of N units are known too.
UNIT = (b"x=13812345678 ip 10.1.2.3 mail a.b@example.com id 110101199003078670 "
        b"card 6222021234567890128 mac 00:1a:2b:3c:4d:5e token=abc.def filler "
        b"1700000000000 v10.0.19045.3693 \xe6\x95\xb0\xe6\x8d\xae ")


def findings_of(data, tmp, extra=()):
    r = subprocess.run([SCRUB, "--findings", *extra], input=data,
                       capture_output=True, env=env_with(tmp))
    stderr_seen.append(r.stderr)
    return r.returncode, r.stdout


def test_long_line(tmp):
    rc, unit_f = findings_of(UNIT + b"\n", tmp)
    unit_spans = [(int(m.group(1)), int(m.group(2)), m.group(3))
                  for m in re.finditer(rb'"offset":(\d+),"length":(\d+),"line":(\d+)', unit_f)]
    check("unit has findings", rc == 0 and len(unit_spans) == 7,
          "expected 7 findings in the unit, got %d" % len(unit_spans))
    n_units = BIG_MB * (1 << 20) // len(UNIT)
    gen = subprocess.Popen([sys.executable, "-c",
                            "import sys\nu=%r\nn=%d\nw=sys.stdout.buffer.write\n"
                            "b=u*1024\nfor i in range(n//1024): w(b)\nw(u*(n%%1024))\n"
                            % (UNIT, n_units)],
                           stdout=subprocess.PIPE)
    t0 = time.time()
    timer = ["/usr/bin/time", "-f", "%M"] if os.path.exists("/usr/bin/time") else []
    p = subprocess.Popen(timer + [SCRUB, "--findings", "-j2"], stdin=gen.stdout,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         env=env_with(tmp))
    gen.stdout.close()
    count = 0
    bad = None
    unit_len = len(UNIT)
    per_unit = len(unit_spans)
    for i, line in enumerate(p.stdout):
        m = re.match(rb'\{"type":"[A-Z_0-9]+","rule":"[a-z0-9._-]+","offset":(\d+),"length":(\d+),"line":(\d+)\}', line)
        if not m:
            bad = bad or "unparsable finding line %d" % i
            continue
        off, ln, lno = int(m.group(1)), int(m.group(2)), int(m.group(3))
        u, k = divmod(i, per_unit)
        want = (unit_spans[k][0] + u * unit_len, unit_spans[k][1])
        if (off, ln) != want or lno != 1:
            bad = bad or "finding %d at %d+%d, expected %d+%d" % (i, off, ln, *want)
        count += 1
    err = p.stderr.read()
    p.wait()
    gen.wait()
    stderr_seen.append(err)
    check("%d MiB line: exit 0" % BIG_MB, p.returncode == 0, "exit %d" % p.returncode)
    check("%d MiB line: every finding, at the offsets of the whole line" % BIG_MB,
          bad is None and count == n_units * per_unit,
          bad or "%d findings, expected %d" % (count, n_units * per_unit))
    if timer and not os.environ.get("SCRUB_SANITIZER"):  # ASan's shadow memory
        rss = int(err.decode().strip().splitlines()[-1])
        check("%d MiB line: peak RSS under 128 MiB (%d KiB)" % (BIG_MB, rss),
              rss < 128 * 1024, "%d KiB" % rss)
    print("# long line: %.1f s" % (time.time() - t0))


def test_straddling(tmp, key):
    # A 3 MiB line: output must not depend on block size or threads.
    data = UNIT * (3 * (1 << 20) // len(UNIT)) + b"\nend 13912345678\n"
    outs = set()
    for extra in (["--block-size", "1"], ["--block-size", "4096"],
                  ["--block-size", "1073741824"], ["-j2"], ["-j1"]):
        r = subprocess.run([SCRUB, "-k", key, *extra], input=data,
                           capture_output=True, env=env_with(tmp))
        stderr_seen.append(r.stderr)
        outs.add(r.stdout)
    check("3 MiB line: same output at every block size and thread count",
          len(outs) == 1, "%d different outputs" % len(outs))
    out = outs.pop()
    check("3 MiB line: no raw value survives",
          b"13812345678" not in out and b"6222021234567890128" not in out)


def test_sigterm(tmp, key, sig):
    fifo = os.path.join(tmp, "fifo%d" % sig)
    os.mkfifo(fifo)
    out_path = os.path.join(tmp, "out%d" % sig)
    with open(out_path, "wb") as out:
        p = subprocess.Popen([SCRUB, "-k", key, "-j1", fifo], stdout=out,
                             stderr=subprocess.PIPE, env=env_with(tmp))
        w = open(fifo, "wb")  # scrub opens all inputs before reading
        lines = [b"line %d phone 1381234%04d partial" % (i, i) for i in range(200)]
        w.write(b"\n".join(lines))  # the last line has no newline yet
        w.flush()
        time.sleep(0.5)
        p.send_signal(sig)
        p.wait(timeout=10)
        w.close()
    stderr_seen.append(p.stderr.read())
    got = open(out_path, "rb").read()
    name = signal.Signals(sig).name
    check("%s: every line read was written" % name,
          got.count(b"\n") == 199 and got.rstrip(b"\n").endswith(b"partial"),
          "%d newlines, tail %r" % (got.count(b"\n"), got[-20:]))
    check("%s: and scrubbed" % name,
          b"1381234" not in got and got.count(b"PHONE_") == 200)


def test_pipes_and_disk(tmp, key):
    data = (UNIT + b"\n") * 20000
    # like `scrub < big | head -1`
    src = os.path.join(tmp, "big.txt")
    with open(src, "wb") as f:
        f.write(data)
    r = subprocess.run("%s -k %s < %s | head -1" % (SCRUB, key, src), shell=True,
                       capture_output=True, env=env_with(tmp), timeout=60)
    stderr_seen.append(r.stderr)
    check("closed pipe: ends quietly", r.stderr == b"" and r.stdout.count(b"\n") == 1
          and b"13812345678" not in r.stdout, "stderr %r" % r.stderr[:100])
    with open("/dev/full", "wb") as full:
        r = subprocess.run([SCRUB, "-k", key], input=data, stdout=full,
                           stderr=subprocess.PIPE, env=env_with(tmp))
    stderr_seen.append(r.stderr)
    check("full disk: exit 2 with one line", r.returncode == 2 and
          r.stderr.count(b"\n") == 1, "exit %d, %r" % (r.returncode, r.stderr))


def test_fail_closed(tmp, key):
    bad_key = os.path.join(tmp, "short.key")
    with open(bad_key, "wb") as f:
        f.write(b"k" * 16)
    os.chmod(bad_key, 0o600)
    for name, args in (("short key", ["-k", bad_key]),
                       ("bad config", ["-k", key, "-c", "/nonexistent.yml"]),
                       ("bad rule", ["-k", key, "-c", os.path.join(tmp, "bad.yml")])):
        if name == "bad rule":
            with open(args[-1], "w") as f:
                f.write("rules:\n  - {id: x, type: X, pattern: 'a('}\n")
        r = subprocess.run([SCRUB, *args], input=b"13812345678\n",
                           capture_output=True, env=env_with(tmp))
        stderr_seen.append(r.stderr)
        check("fail closed (%s): nothing on stdout, exit 2" % name,
              r.returncode == 2 and r.stdout == b"", "exit %d" % r.returncode)


def main():
    if not os.access(SCRUB, os.X_OK):
        print("not ok - no scrub binary at %s" % SCRUB)
        print("0 passed, 1 failed")
        return 1
    tmp = tempfile.mkdtemp(prefix="scrub-rel-")
    try:
        key = os.path.join(tmp, "test.key")
        key_bytes = bytes(range(7, 39))
        with open(key, "wb") as f:
            f.write(key_bytes)
        os.chmod(key, 0o600)
        test_fail_closed(tmp, key)
        test_pipes_and_disk(tmp, key)
        test_sigterm(tmp, key, signal.SIGTERM)
        test_sigterm(tmp, key, signal.SIGINT)
        test_straddling(tmp, key)
        test_long_line(tmp)
        blob = b"".join(stderr_seen)
        secret_hex = key_bytes.hex().encode()
        raw = [b"13812345678", b"110101199003078670", b"6222021234567890128",
               b"a.b@example.com", key_bytes, secret_hex]
        check("no diagnostic carries a raw value or the key",
              not any(r in blob for r in raw))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return tap_summary()


if __name__ == "__main__":
    sys.exit(main())
