#!/usr/bin/env python3
"""scan_errors.py — a rule that fails on some lines (issue 14).

A user rule prone to catastrophic backtracking, (q|qq)+(?=z) (Hyperscan
lacks the lookahead: it runs on the PCRE2 path), on a 10,000-line stream
in which 1 line in 100 makes it backtrack past PCRE2's limit:
  * by default only those lines are withheld: each is written as
    [UNSCANNED] (its newline kept), every other line exactly as a run
    without the bad lines gives it; exit 0; one warning names the rule and
    the first failing line, never its bytes; --stats, --stats-format json
    and --metrics-file count the withheld lines; -j 2 gives the same;
  * --on-scan-error=stop exits 2 and names the rule and line, and nothing
    of the block that held it is written;
  * --check-rules and --check-config warn that the rule may backtrack
    catastrophically (and name no built-in rule).
Output: `ok - ...` / `not ok - ...`, then `N passed, M failed`.
"""
import json
import os
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))), "lib"))
from tap import check, summary  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SCRUB = os.environ.get("SCRUB") or os.path.join(ROOT, "build", "scrub")
TMP = tempfile.mkdtemp(prefix="scrub-scanerr-")
ENV = dict(os.environ, HOME=TMP, LC_ALL="C")
ENV.pop("SCRUB_KEY_FILE", None)
BAD = b"q" * 60 + b"b"  # (q|qq)+ backtracks ~1.6e12 ways before the b


def write(name, data):
    p = os.path.join(TMP, name)
    with open(p, "wb") as f:
        f.write(data)
    return p


def run(args, inp):
    r = subprocess.run([SCRUB] + args, input=inp, stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, env=ENV, timeout=600)
    return r.returncode, r.stdout, r.stderr


def stream():
    """10,000 lines; every 100th (from line 8) makes the rule fail."""
    lines, bad = [], []
    for i in range(10000):
        if i % 100 == 7:
            lines.append(b"x " + BAD + b" call 1391234%04d" % i)
            bad.append(i + 1)
        else:
            lines.append(b"line %d phone 1381234%04d ok qqz" % (i, i))
    return lines, bad


def main():
    cfg = write("bad.yml", b"rules:\n  - id: user.catastrophic\n"
                b"    type: ORDER\n    pattern: '(q|qq)+(?=z)'\n")
    lines, bad = stream()
    text = b"\n".join(lines) + b"\n"
    args = ["-c", cfg, "-a", "all=redact"]
    rc, out, err = run(args + ["--stats"], text)
    got = out.split(b"\n")[:-1]
    check("default: exit 0, one output line per input line", rc == 0 and
          len(got) == len(lines), "exit %d, %d lines" % (rc, len(got)))
    withheld = [i + 1 for i, l in enumerate(got) if l == b"[UNSCANNED]"]
    check("exactly the failing lines are [UNSCANNED]", withheld == bad,
          "%d withheld, first %s" % (len(withheld), withheld[:3]))
    good = b"\n".join(l for i, l in enumerate(lines) if i + 1 not in bad)
    rc2, ref, _ = run(args, good + b"\n")
    kept = [l for i, l in enumerate(got) if i + 1 not in bad]
    check("every other line as a run without the failing lines gives it",
          rc2 == 0 and kept == ref.split(b"\n")[:-1])
    warn = [l for l in err.split(b"\n") if b"warning" in l]
    check("one warning, naming the rule and the first failing line",
          len(warn) == 1 and b"user.catastrophic" in warn[0] and
          b"line %d" % bad[0] in warn[0], repr(warn[:2]))
    check("no raw bytes of the failing lines on stderr",
          BAD[:20] not in err and b"1391234" not in err)
    check("--stats counts the withheld lines",
          b"withheld_lines=%d" % len(bad) in err, err[-300:])
    metrics = os.path.join(TMP, "m.prom")
    rc, out_j, err = run(args + ["-j", "2", "--stats-format", "json",
                                 "--metrics-file", metrics], text)
    check("-j 2 gives the same output", rc == 0 and out_j == out)
    stats = [json.loads(l) for l in err.split(b"\n") if l.startswith(b"{")]
    check("--stats-format json: withheld_lines",
          stats and stats[-1].get("withheld_lines") == len(bad), repr(stats[-1:]))
    prom = open(metrics, "rb").read()
    check("--metrics-file: scrub_withheld_lines_total",
          re.search(rb"^scrub_withheld_lines_total %d$" % len(bad), prom, re.M))
    rc, out, err = run(args + ["--on-scan-error=stop"], text)
    check("--on-scan-error=stop: exit 2, the rule and line named",
          rc == 2 and b"user.catastrophic" in err and
          b"line %d" % bad[0] in err, "exit %d: %r" % (rc, err[:200]))
    check("--on-scan-error=stop: nothing of the failing block written",
          b"call 1391234" not in out and len(out) < len(text) // 2)
    rc, out, err = run(["--on-scan-error=sometimes"], b"")
    check("--on-scan-error takes withhold or stop", rc == 2 and
          err.count(b"\n") == 1 and b"withhold or stop" in err, err)
    rc, out, err = run(["-c", cfg, "--check-rules"], b"")
    check("--check-rules warns about the rule, and only about it",
          b"user.catastrophic may backtrack catastrophically" in err and
          err.count(b"may backtrack") == 1, err[-300:])
    rc, out, err = run(["-c", cfg, "--check-config"], b"")
    check("--check-config: the warning, and the config is still ok",
          rc == 0 and b"may backtrack" in err and b"config ok" in out,
          "exit %d %r %r" % (rc, out, err[-200:]))
    return summary()


if __name__ == "__main__":
    sys.exit(main())
