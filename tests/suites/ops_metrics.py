#!/usr/bin/env python3
"""ops_metrics.py — what scrub counts, and how it tells (issue 14).

  * --metrics-file PATH: every line is checked against the Prometheus text
    exposition format by a parser written here (HELP and TYPE lines, metric
    and label names, label value escapes, values, one TYPE before a family's
    samples, families not interleaved, no series twice); the parser is
    first shown to refuse broken files. Values: bytes, lines, findings per
    type and per rule, errors, reloads, MB/s. The file is replaced whole
    (a reader polling it while scrub rewrites it every second never sees a
    broken file), left with no temporary file beside it, readable (0644
    less the umask), written at start, on USR1 and at exit; a path that
    cannot be written fails at once (exit 2, one line).
  * --stats text and --stats-format json: per type, per rule (without
    --findings too), per FILE, the same for -j 1 and -j 2; --stats-interval
    adds periodic reports (text: one line each).
  * Stats and metrics never hold a raw value.

Output: `ok - ...` / `not ok - ...`, then `N passed, M failed`.
"""
import json
import os
import re
import shutil
import signal
import stat
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))), "lib"))
from tap import check, not_ok  # noqa: E402  (shared reporting)
from tap import summary as tap_summary  # noqa: E402
from suite import SCRUB, scratch  # noqa: E402

TMP, ENV = scratch("scrub-ops-met-")
WAIT = 60
RAW = [b"13812345678", b"13987654321", b"zhang.wei@example.com",
       b"203.0.113.77", b"110101199003078670"]
seen = []  # every stderr, stats and metrics text, for the raw-value check

# ---- a Prometheus text format (0.0.4) parser ------------------------------

NAME = r"[a-zA-Z_:][a-zA-Z0-9_:]*"
LABEL = r"[a-zA-Z_][a-zA-Z0-9_]*"
LVALUE = r'"(?:[^"\\\n]|\\[\\"n])*"'
VALUE = r"(?:[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?|[+-]?Inf|NaN)"
SAMPLE = re.compile(r"(%s)(?:\{((?:%s=%s)(?:,%s=%s)*,?)?\})? (%s)(?: -?[0-9]+)?$"
                    % (NAME, LABEL, LVALUE, LABEL, LVALUE, VALUE))
HELP = re.compile(r"# HELP (%s) (?:[^\\\n]|\\[\\n])*$" % NAME)
TYPE = re.compile(r"# TYPE (%s) (counter|gauge|histogram|summary|untyped)$" % NAME)
LABEL_PAIR = re.compile(r"(%s)=(%s)" % (LABEL, LVALUE))


class PromError(Exception):
    pass


def family_of(name, types):
    for suf in ("_bucket", "_count", "_sum"):
        base = name[:-len(suf)] if name.endswith(suf) else None
        if base and types.get(base) in ("histogram", "summary"):
            return base
    return name


def parse_prom(text):
    """{(name, frozenset(labels)): value, ...}, or PromError naming the
    first line that breaks the format."""
    if not text.endswith("\n"):
        raise PromError("no newline at the end")
    types, helps, samples, done, current = {}, set(), {}, set(), None
    sampled = set()
    for n, line in enumerate(text[:-1].split("\n"), 1):
        if line.startswith("# HELP ") or line.startswith("# TYPE "):
            m = (HELP if line[2] == "H" else TYPE).match(line)
            if not m:
                raise PromError("line %d: bad %s line" % (n, line[2:6]))
            fam = m.group(1)
            if fam in sampled:
                raise PromError("line %d: %s comes after its samples" % (n, fam))
            if line[2] == "H":
                if fam in helps:
                    raise PromError("line %d: second HELP for %s" % (n, fam))
                helps.add(fam)
            else:
                if fam in types:
                    raise PromError("line %d: second TYPE for %s" % (n, fam))
                types[fam] = m.group(2)
            continue
        if line.startswith("#") or line == "":
            continue
        m = SAMPLE.match(line)
        if not m:
            raise PromError("line %d: not a sample line" % n)
        name, labels, value = m.group(1), m.group(2) or "", m.group(3)
        fam = family_of(name, types)
        if fam != current:
            if fam in done:
                raise PromError("line %d: family %s is split" % (n, fam))
            if current is not None:
                done.add(current)
            current = fam
        sampled.add(fam)
        pairs = LABEL_PAIR.findall(labels)
        keys = [k for k, _ in pairs]
        if len(set(keys)) != len(keys):
            raise PromError("line %d: a label twice" % n)
        key = (name, frozenset(pairs))
        if key in samples:
            raise PromError("line %d: series %s twice" % (n, name))
        v = float(value.replace("Inf", "inf").replace("NaN", "nan"))
        if types.get(fam) == "counter" and not v >= 0:
            raise PromError("line %d: counter %s below 0" % (n, name))
        samples[key] = v
    return samples, types


BAD_PROM = [
    ("no final newline", "a 1"),
    ("metric name with a dash", "scrub-bytes 1\n"),
    ("unquoted label value", "a{t=PHONE} 1\n"),
    ("unescaped quote", 'a{t="x"y"} 1\n'),
    ("bad escape", 'a{t="\\q"} 1\n'),
    ("value not a number", "a one\n"),
    ("two spaces", "a  1\n"),
    ("TYPE after the samples", "a 1\n# TYPE a counter\n"),
    ("unknown type", "# TYPE a countre\na 1\n"),
    ("family split", "# TYPE a gauge\na 1\n# TYPE b gauge\nb 1\na{x=\"1\"} 2\n"),
    ("series twice", "a{x=\"1\"} 1\na{x=\"1\"} 2\n"),
    ("negative counter", "# TYPE a counter\na -1\n"),
    ("label name with a dot", 'a{t.x="1"} 1\n'),
    ("second TYPE", "# TYPE a gauge\n# TYPE a gauge\na 1\n"),
]
GOOD_PROM = ('# HELP a_total Things, with a \\\\ and a \\n.\n# TYPE a_total counter\n'
             'a_total{k="v\\"q\\\\\\n",l="2"} 3\na_total{k="w"} 4.5e3\n'
             '# TYPE g gauge\ng NaN\ng{x="y"} -Inf 1700000000000\n')


def test_parser():
    refused = []
    for what, text in BAD_PROM:
        try:
            parse_prom(text)
        except PromError:
            refused.append(what)
    check("the Prometheus parser refuses %d broken files" % len(BAD_PROM),
          len(refused) == len(BAD_PROM),
          "accepted: %s" % [w for w, _ in BAD_PROM if w not in refused])
    try:
        s, _ = parse_prom(GOOD_PROM)
        good = len(s) == 4
    except PromError as e:
        good = str(e)
    check("the Prometheus parser takes a valid file", good is True, good)


# ---- scrub ------------------------------------------------------------------

def path(name):
    return os.path.join(TMP, name)


def write(name, data, mode=0o644):
    with open(path(name), "wb") as f:
        f.write(data)
    os.chmod(path(name), mode)
    return path(name)


KEY = write("key", bytes(range(32)), 0o600)
A = write("a.log", b"call 13812345678 or 13987654321\nnothing here\n")
B = write("b.log", b"mail zhang.wei@example.com from 203.0.113.77\n"
          b"id 110101199003078670 end")


def scrub(args, data=b""):
    p = subprocess.run([SCRUB, "-k", KEY] + args, input=data, env=ENV,
                       cwd=TMP, capture_output=True, timeout=WAIT)
    seen.append(p.stderr)
    return p.returncode, p.stdout, p.stderr


def value(samples, name, **labels):
    return samples.get((name, frozenset((k, '"%s"' % v) for k, v in labels.items())))


def read_metrics(p):
    with open(p) as f:
        text = f.read()
    seen.append(text.encode())
    return parse_prom(text)


def test_metrics_file():
    mp = path("m/scrub.prom")
    os.makedirs(path("m"), exist_ok=True)
    os.umask(0o022)
    rc, out, err = scrub(["--metrics-file", mp, A, B])
    try:
        samples, types = read_metrics(mp)
        problem = None
    except (PromError, OSError) as e:
        samples, types, problem = {}, {}, str(e)
    check("--metrics-file: exit 0, the file parses as Prometheus text format",
          rc == 0 and problem is None, problem or "exit %d" % rc)
    size = os.path.getsize(A) + os.path.getsize(B)
    want = {("scrub_bytes_in_total", ()): size,
            ("scrub_lines_total", ()): 3,
            ("scrub_bytes_out_total", ()): len(out),
            ("scrub_findings_total", (("type", "PHONE"),)): 2,
            ("scrub_findings_total", (("type", "EMAIL"),)): 1,
            ("scrub_findings_total", (("type", "IPV4"),)): 1,
            ("scrub_findings_total", (("type", "CN_ID"),)): 1,
            ("scrub_findings_total", (("type", "MAC"),)): 0,
            ("scrub_findings_by_rule_total", (("rule", "phone.cn.mobile"),)): 2,
            ("scrub_findings_by_rule_total", (("rule", "email.address"),)): 1,
            ("scrub_errors_total", ()): 0,
            ("scrub_reloads_total", (("result", "ok"),)): 0,
            ("scrub_reloads_total", (("result", "failed"),)): 0}
    got = {k: value(samples, k[0], **dict(k[1])) for k in want}
    check("--metrics-file: bytes, lines, findings per type and rule, errors, "
          "reloads", got == want,
          "differ: %s" % {k[0] + str(k[1]): (got[k], v) for k, v in want.items()
                          if got[k] != v})
    fams = {"scrub_bytes_in_total": "counter", "scrub_lines_total": "counter",
            "scrub_findings_total": "counter", "scrub_errors_total": "counter",
            "scrub_findings_by_rule_total": "counter",
            "scrub_reloads_total": "counter", "scrub_mb_per_second": "gauge"}
    check("--metrics-file: each family has its TYPE (counters *_total, "
          "scrub_mb_per_second a gauge)",
          all(types.get(f) == t for f, t in fams.items()) and
          value(samples, "scrub_mb_per_second") is not None,
          "types %s" % {f: types.get(f) for f in fams})
    mode = stat.S_IMODE(os.stat(mp).st_mode) if os.path.exists(mp) else None
    check("--metrics-file: mode 0644 (umask 022), no temporary file left",
          mode == 0o644 and os.listdir(path("m")) == ["scrub.prom"],
          "mode %s, files %s" % (oct(mode or 0), os.listdir(path("m"))))
    rc, out, err = scrub(["--metrics-file", path("no/such/dir/x.prom")], b"x\n")
    check("--metrics-file in a missing directory: exit 2, one line naming it, "
          "nothing scrubbed", rc == 2 and err.count(b"\n") == 1 and
          b"no/such/dir/x.prom" in err and out == b"",
          "exit %d, %r" % (rc, err[:200]))


class Live:
    """scrub reading a FIFO, with stderr collected."""

    def __init__(self, args):
        self.fifo = path("live.fifo")
        if os.path.exists(self.fifo):
            os.unlink(self.fifo)
        os.mkfifo(self.fifo)
        self.p = subprocess.Popen([SCRUB, "-k", KEY] + args + [self.fifo],
                                  env=ENV, cwd=TMP, stdout=subprocess.DEVNULL,
                                  stderr=subprocess.PIPE)
        self.err = []
        self.t = threading.Thread(target=lambda: self.err.extend(self.p.stderr),
                                  daemon=True)
        self.t.start()
        end = time.time() + WAIT
        while True:
            try:
                fd = os.open(self.fifo, os.O_WRONLY | os.O_NONBLOCK)
                break
            except OSError:
                if self.p.poll() is not None or time.time() > end:
                    raise RuntimeError("scrub did not start")
                time.sleep(0.01)
        os.set_blocking(fd, True)
        self.w = os.fdopen(fd, "wb")

    def wait_for(self, pred):
        end = time.time() + WAIT
        while not pred() and time.time() < end and self.p.poll() is None:
            time.sleep(0.05)
        return pred()

    def end(self):
        self.w.close()
        try:
            rc = self.p.wait(timeout=WAIT)
        except subprocess.TimeoutExpired:
            self.p.kill()
            rc = "hang"
        self.t.join(timeout=WAIT)
        seen.extend(self.err)
        return rc


def test_metrics_live():
    mp = path("live.prom")
    cfg = write("live.yml", b"actions:\n  PHONE: mask\n")
    lv = Live(["--metrics-file", mp, "--stats-interval", "1", "-c", cfg,
               "--line-buffered"])
    started = lv.wait_for(lambda: os.path.exists(mp))
    broken, reads, stop = [], [0], threading.Event()

    def poll():
        while not stop.is_set():
            try:
                with open(mp) as f:
                    parse_prom(f.read())
                reads[0] += 1
            except PromError as e:
                broken.append(str(e))
            except OSError:
                pass

    t = threading.Thread(target=poll, daemon=True)
    t.start()
    lines = b"".join(b"n %d call 13812345678\n" % i for i in range(100))
    lv.w.write(lines)
    lv.w.flush()
    def bytes_in():
        try:
            s, _ = read_metrics(mp)
            return value(s, "scrub_bytes_in_total")
        except (PromError, OSError):
            return None
    got_tick = lv.wait_for(lambda: bytes_in() == len(lines))
    write("live.yml", b"actions:\n  PHONE: shred\n")
    lv.p.send_signal(signal.SIGHUP)
    lv.wait_for(lambda: any(b"reload failed" in x for x in lv.err))
    lv.p.send_signal(signal.SIGUSR1)
    def failed_one():
        try:
            s, _ = read_metrics(mp)
            return value(s, "scrub_reloads_total", result="failed") == 1
        except (PromError, OSError):
            return False
    got_usr1 = lv.wait_for(failed_one)
    stop.set()
    t.join()
    rc = lv.end()
    check("--metrics-file while running: written at start, then every "
          "interval (bytes_in follows the input)", started and got_tick,
          "start %s, interval %s" % (started, got_tick))
    check("--metrics-file: a reader never sees a broken file (%d reads)"
          % reads[0], not broken and reads[0] > 0, "; ".join(broken[:3]))
    check("--metrics-file: a failed reload is counted (USR1 rewrites it)",
          got_usr1 and rc == 0, "exit %s" % rc)
    try:
        s, _ = read_metrics(mp)
        fin = (value(s, "scrub_errors_total"), value(s, "scrub_lines_total"))
    except (PromError, OSError) as e:
        fin = str(e)
    check("--metrics-file at exit: errors 1, lines 100", fin == (1, 100),
          "got %s" % (fin,))
    ticks = [x for x in lv.err if x.startswith(b"scrub: stats bytes_in=")
             and b" reloads=" in x]
    full = [x for x in lv.err if x.startswith(b"scrub: stats errors=")]
    check("--stats-interval: one-line reports; USR1: a full one",
          len(ticks) >= 1 and len(full) == 2, "%d interval lines, %d full "
          "reports" % (len(ticks), len(full)))


def stats_json(args):
    rc, out, err = scrub(["--stats-format", "json"] + args)
    objs = [json.loads(x) for x in err.splitlines() if x.startswith(b"{")]
    return rc, out, err, objs[-1] if objs else {}


def test_stats():
    rc, out, err, st = stats_json(["-j1", A, B])
    files = st.get("files", [])
    fa = files[0] if len(files) == 2 else {}
    fb = files[1] if len(files) == 2 else {}
    check("--stats-format json: one object, event exit, per-file counts",
          rc == 0 and st.get("event") == "exit" and
          fa.get("file") == A and fa.get("types") == {"PHONE": 2} and
          fa.get("lines") == 2 and fb.get("file") == B and
          fb.get("types") == {"EMAIL": 1, "IPV4": 1, "CN_ID": 1} and
          fa.get("bytes_in", 0) + fb.get("bytes_in", 0) == st.get("bytes_in"),
          "exit %d, %s" % (rc, files))
    t, r = st.get("types", {}), st.get("rules", {})
    check("--stats-format json: findings = sum per type = sum per rule",
          st.get("findings") == 5 == sum(t.values()) == sum(r.values()) and
          r.get("phone.cn.mobile") == 2 and "MAC" in t,
          "findings %s, types %s, rules %s" % (st.get("findings"), t, r))
    rc2, _, _, st2 = stats_json(["-j2", A, B])
    for s in (st, st2):
        s.pop("seconds", None)
        s.pop("mb_per_s", None)
    check("--stats: the same counts for -j 1 and -j 2", rc2 == 0 and st == st2,
          "differ")
    rc, out, err = scrub(["--stats", A, B])
    text = err.decode()
    check("--stats text: per rule (without --findings) and per FILE lines",
          "scrub: stats rule=phone.cn.mobile findings=2\n" in text and
          ('scrub: stats file="%s" ' % A) in text and " PHONE=2\n" in text and
          "scrub: stats errors=0 reloads=0 reloads_failed=0\n" in text,
          "text stats lack a line")
    rc, out, err = scrub(["--stats"], b"")
    check("--stats on standard input: no file lines",
          rc == 0 and b"file=" not in err)


def main():
    if not os.access(SCRUB, os.X_OK):
        not_ok("binary", "%s is not executable (run make)" % SCRUB)
        return
    for t in (test_parser, test_metrics_file, test_metrics_live, test_stats):
        try:
            t()
        except Exception as e:
            not_ok(t.__name__, "exception %s: %s" % (type(e).__name__, e))
    blob = b"".join(seen)
    leaked = [i for i, v in enumerate(RAW) if v in blob]
    check("stats and metrics hold no raw value (%d texts)" % len(seen),
          not leaked, "raw values #%s" % leaked)


try:
    main()
except Exception as e:
    not_ok("suite", "exception %s: %s" % (type(e).__name__, e))
finally:
    shutil.rmtree(TMP, ignore_errors=True)
sys.exit(tap_summary())
