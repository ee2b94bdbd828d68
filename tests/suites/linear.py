#!/usr/bin/env python3
"""linear.py — the scan's work grows linearly with a line's length.

A trigger or a value walk that reads back over a whole run of its class,
or hands PCRE2 the rest of the line, turns a long line of one repeated
shape (600 KB of "203.0.113.9 ", "13812345678 ", "手机：") into
quadratic time: a record like that stalled scrub --kafka for minutes.
Each shape is scrubbed at N and 4N repetitions on one line; the CPU time
of the larger run may be at most 10× the smaller one's (linear work gives
about 4×, quadratic 16×). A ratio of the process's own CPU time, not a
wall-clock threshold, so a loaded machine does not change the verdict;
the smaller run is floored at 50 ms so that start-up noise cannot fail
it. Output is checked too: the larger run's finding count is 4× the
smaller's.
"""
import os
import resource
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))), "lib"))
from tap import check, skip  # noqa: E402
from tap import summary as tap_summary  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SCRUB = os.environ.get("SCRUB", os.path.join(ROOT, "build", "scrub"))
N = 20000
FLOOR = 0.05
RATIO = 10.0

# shape, findings per repetition (-1: not checked)
SHAPES = [
    ("203.0.113.9 ", 1),        # dotted quads after each other
    ("13812345678 ", 1),        # mobile numbers joined by blanks
    ("1 ", 0),                  # a digit run's body bytes
    ("AB12 ", -1),              # an IBAN's class: capitals, digits, blanks
    ("aa:", -1),                # a MAC's class without an end
    ("1::", -1),                # IPv6 shapes
    ("手机：", 0),               # a key with no value, again and again
    ("password=", -1),          # a free-text key without a value
    ("a@b.", -1),               # at-signs
    ("%20", 0),                 # escapes
]


def cpu_run(args, data):
    """Child CPU seconds (user + system) and stdout of one scrub run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    p = subprocess.run(args, input=data, stdout=subprocess.PIPE,
                       stderr=subprocess.DEVNULL, timeout=600)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return cpu, p.returncode, p.stdout


def main():
    if not os.access(SCRUB, os.X_OK):
        skip("linear", "no scrub binary at " + SCRUB)
        return tap_summary()
    tmp = tempfile.mkdtemp()
    key = os.path.join(tmp, "key")
    with open(key, "wb") as f:
        f.write(os.urandom(32))
    os.chmod(key, 0o600)
    for shape, per in SHAPES:
        small = (shape * N + "\n").encode()
        large = (shape * (4 * N) + "\n").encode()
        args = [SCRUB, "-k", key, "-j", "1", "--findings"]
        t1, rc1, out1 = cpu_run(args, small)
        t4, rc4, out4 = cpu_run(args, large)
        name = "linear: %r × %d and × %d" % (shape, N, 4 * N)
        if not check(name + ": exit 0", rc1 == 0 and rc4 == 0,
                     "exit %d / %d" % (rc1, rc4)):
            continue
        ratio = t4 / max(t1, FLOOR)
        check(name + ": CPU time grows linearly", ratio <= RATIO,
              "%.2f s and %.2f s of CPU: %.1f×" % (t1, t4, ratio))
        f1, f4 = out1.count(b"\n"), out4.count(b"\n")
        if per >= 0:
            check(name + ": findings", f1 == per * N and f4 == per * 4 * N,
                  "%d and %d findings" % (f1, f4))
    return tap_summary()


if __name__ == "__main__":
    sys.exit(main())
