#!/usr/bin/env python3
"""ops_signals.py — scrub as a service: signals (SPEC section 3, issue 14).

  * HUP under load: lines stream through a FIFO in odd-sized chunks while
    the config is rewritten and HUP sent again and again (one thread, -j 2,
    --line-buffered). Every line comes out exactly once, scrubbed under one
    of the two configs; bytes and lines counted in and out agree; the output
    switches config exactly once per reload, in order. The writer waits for
    each reload's notice before it writes on, and writes more than a pipe
    holds between two HUPs, so every config scrubs some lines: the number
    of runs is known.
  * A config that does not load keeps the old one (one line on stderr,
    counted); a later good one is taken. HUP reads the key file again.
  * TERM while input keeps flowing, with -j 2 (the reader used to look at
    the stop flag only when a read was interrupted): scrub ends, and its
    output is exactly the scrubbed form of the bytes it says it read.
  * TERM while idle with -j 2: every line read is written.
  * USR1 writes the stats at once; --rsyslog takes HUP between messages.

No test compares a duration: waits have generous timeouts that only catch
a hang. Output: `ok - ...` / `not ok - ...`, then `N passed, M failed`.
"""
import errno
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))), "lib"))
from tap import check, not_ok  # noqa: E402  (shared reporting)
from tap import summary as tap_summary  # noqa: E402
from suite import SCRUB, scratch  # noqa: E402

TMP, ENV = scratch("scrub-ops-sig-")
WAIT = 60  # seconds before a wait counts as a hang
stderr_seen = []


def path(name):
    return os.path.join(TMP, name)


def write_file(name, data, mode=0o600):
    """Write atomically (a reload never sees half a file)."""
    tmp = path(name + ".tmp")
    with open(tmp, "wb") as f:
        f.write(data)
    os.chmod(tmp, mode)
    os.replace(tmp, path(name))
    return path(name)


KEY = write_file("key", bytes(range(32)))
MASK = b"actions:\n  PHONE: mask\n"
REDACT = b"actions:\n  PHONE: redact\n"


def line_in(i):
    return b"L%07d call 138%08d and %s end\n" % (i, i, b"x" * (i % 40))


def line_masked(i):
    return b"L%07d call 138****%04d and %s end\n" % (i, i % 10000, b"x" * (i % 40))


def line_redacted(i):
    return b"L%07d call [PHONE] and %s end\n" % (i, b"x" * (i % 40))


class Run:
    """scrub on a FIFO (or pipes), stdout to a file, stderr collected."""

    def __init__(self, args, fifo=True, stdout_file=True):
        self.fifo = path("in.fifo") if fifo else None
        if fifo:
            if os.path.exists(self.fifo):
                os.unlink(self.fifo)
            os.mkfifo(self.fifo)
        self.out_path = path("out.txt")
        self.out = open(self.out_path, "wb") if stdout_file else subprocess.PIPE
        cmd = [SCRUB] + list(args) + ([self.fifo] if fifo else [])
        self.p = subprocess.Popen(cmd, env=ENV, cwd=TMP, stdout=self.out,
                                  stderr=subprocess.PIPE,
                                  stdin=None if fifo else subprocess.PIPE)
        self.lines = []
        self.cond = threading.Condition()
        self.t = threading.Thread(target=self._err, daemon=True)
        self.t.start()
        self.w = self._open_writer() if fifo else None

    def _open_writer(self):
        """The FIFO's write end, once scrub has opened it to read."""
        end = time.time() + WAIT
        while True:
            try:
                fd = os.open(self.fifo, os.O_WRONLY | os.O_NONBLOCK)
                os.set_blocking(fd, True)
                return os.fdopen(fd, "wb")
            except OSError as e:
                if e.errno != errno.ENXIO:
                    raise
            if self.p.poll() is not None or time.time() > end:
                raise RuntimeError("scrub did not open its input (exit %s)"
                                   % self.p.poll())
            time.sleep(0.01)

    def _err(self):
        for ln in self.p.stderr:
            with self.cond:
                self.lines.append(ln)
                self.cond.notify_all()
        with self.cond:
            self.cond.notify_all()

    def wait_err(self, pred, secs=WAIT):
        """Wait until pred(stderr lines) holds; False on a hang."""
        end = time.time() + secs
        with self.cond:
            while not pred(self.lines):
                left = end - time.time()
                if left <= 0 or (self.p.poll() is not None and not self.t.is_alive()):
                    return pred(self.lines)
                self.cond.wait(min(left, 0.5))
        return True

    def count(self, word):
        return sum(1 for ln in self.lines if word in ln)

    def finish(self, secs=WAIT):
        if self.w:
            try:
                self.w.close()
            except BrokenPipeError:
                pass
        try:
            rc = self.p.wait(timeout=secs)
        except subprocess.TimeoutExpired:
            self.p.kill()
            rc = self.p.wait()
            rc = "hang"
        self.t.join(timeout=secs)
        if self.out is not subprocess.PIPE:
            self.out.close()
        stderr_seen.extend(self.lines)
        with open(self.out_path, "rb") as f:
            return rc, f.read()


def final_json(lines):
    for ln in reversed(lines):
        if ln.startswith(b"{"):
            try:
                return json.loads(ln)
            except ValueError:
                return None
    return None


def runs_of(out, n, forms):
    """Split the output into its lines; each must be line i under one of
    forms; returns (problem or None, list of form indexes per line)."""
    got = out.split(b"\n")
    if got and got[-1] == b"":
        got.pop()
    if len(got) != n:
        return "%d lines out, %d in" % (len(got), n), []
    idx = []
    for i, ln in enumerate(got):
        k = next((k for k, f in enumerate(forms) if f(i) == ln + b"\n"), None)
        if k is None:
            return "line %d is in no expected form (%d bytes)" % (i, len(ln)), []
        idx.append(k)
    return None, idx


def count_runs(idx):
    return sum(1 for i, k in enumerate(idx) if i == 0 or k != idx[i - 1])


def test_hup_under_load(extra, n=60000, chunk=16391, every=16):
    name = "HUP under load (%s)" % " ".join(extra)
    cfg = write_file("hup.yml", MASK, 0o644)
    data = b"".join(line_in(i) for i in range(n))
    r = Run(["-k", KEY, "-c", cfg, "--stats-format", "json"] + extra)
    hups = 0
    stuck = None
    for k, off in enumerate(range(0, len(data), chunk)):
        r.w.write(data[off:off + chunk])
        r.w.flush()
        if k % every == every - 1 and off + chunk < len(data):
            hups += 1
            write_file("hup.yml", REDACT if hups % 2 else MASK, 0o644)
            r.p.send_signal(signal.SIGHUP)
            if not r.wait_err(lambda ls: sum(b"reloaded" in x for x in ls) >= hups):
                stuck = "no reload notice after HUP %d" % hups
                break
    rc, out = r.finish()
    if stuck or rc != 0:
        not_ok(name + ": runs to the end", stuck or "exit %s" % rc)
        return
    problem, idx = runs_of(out, n, [line_masked, line_redacted])
    check(name + ": every line out exactly once, scrubbed under one config",
          problem is None, problem)
    check(name + ": %d reloads, one notice each, nothing else on stderr" % hups,
          r.count(b"reloaded") == hups and r.count(b"scrub:") == hups,
          "%d notices, %d lines" % (r.count(b"reloaded"), r.count(b"scrub:")))
    if idx:
        check(name + ": the config changes once per reload, in order (%d runs)"
              % (hups + 1), count_runs(idx) == hups + 1 and idx[0] == 0,
              "%d runs, first form %d" % (count_runs(idx), idx[0]))
    st = final_json(r.lines) or {}
    want = {"bytes_in": len(data), "bytes_out": len(out), "lines": n,
            "findings": n, "reloads": hups, "reloads_failed": 0, "errors": 0}
    got = {k: st.get(k) for k in want}
    check(name + ": stats count every byte and line in and out", got == want,
          "got %s want %s" % (got, want))


def test_failed_reload(extra):
    name = "failed reload (%s)" % " ".join(extra)
    cfg = write_file("bad.yml", MASK, 0o644)
    n = 3000
    data = b"".join(line_in(i) for i in range(n))
    r = Run(["-k", KEY, "-c", cfg, "--stats-format", "json"] + extra)
    third = len(data) // 3
    r.w.write(data[:third])
    r.w.flush()
    write_file("bad.yml", b"actions:\n  PHONE: shred\n", 0o644)
    r.p.send_signal(signal.SIGHUP)
    ok1 = r.wait_err(lambda ls: any(b"reload failed" in x for x in ls))
    r.w.write(data[third:2 * third])
    r.w.flush()
    write_file("bad.yml", REDACT, 0o644)
    r.p.send_signal(signal.SIGHUP)
    ok2 = r.wait_err(lambda ls: any(b"reloaded" in x for x in ls))
    r.w.write(data[2 * third:])
    rc, out = r.finish()
    fail = [x for x in r.lines if b"reload failed" in x]
    check(name + ": one line on stderr naming the config, scrub goes on",
          ok1 and rc == 0 and len(fail) == 1 and cfg.encode() in fail[0],
          "exit %s, %d failure lines" % (rc, len(fail)))
    problem, idx = runs_of(out, n, [line_masked, line_redacted])
    check(name + ": the old config stays, a later good one is taken",
          ok2 and problem is None and count_runs(idx) == 2,
          problem or "%d runs" % count_runs(idx))
    st = final_json(r.lines) or {}
    check(name + ": counted (reloads 1, reloads_failed 1, errors 1)",
          (st.get("reloads"), st.get("reloads_failed"), st.get("errors")) ==
          (1, 1, 1), "stats %s" % {k: st.get(k) for k in
                                   ("reloads", "reloads_failed", "errors")})


def test_key_reload():
    key = write_file("hup.key", bytes(range(32)))
    n = 2000
    data = b"".join(line_in(i) for i in range(n))
    r = Run(["-k", key, "-j1", "--line-buffered"])
    r.w.write(data[:len(data) // 2])
    r.w.flush()
    end = time.time() + WAIT  # until scrub has read it (else it is new)
    while (open(r.out_path, "rb").read().count(b"\n") < n // 2 - 1 and
           time.time() < end):
        time.sleep(0.05)
    write_file("hup.key", bytes(range(100, 132)))
    r.p.send_signal(signal.SIGHUP)
    ok1 = r.wait_err(lambda ls: any(b"reloaded" in x for x in ls))
    r.w.write(data[len(data) // 2:])
    rc, out = r.finish()
    kids = [m.group(1) for m in re.finditer(rb"PHONE_([a-z]+)_[a-z]{18}", out)]
    changes = sum(1 for i in range(1, len(kids)) if kids[i] != kids[i - 1])
    check("HUP reads the key file again: tokens change key id once",
          ok1 and rc == 0 and len(kids) == n and changes == 1 and
          b"13800" not in out, "exit %s, %d tokens, %d changes" %
          (rc, len(kids), changes))


BLOCK = b"".join(line_in(k) for k in range(20000))  # about 1 MB


def endless(w, stop):
    """As fast as a pipe takes it: the reader never waits for input."""
    try:
        while not stop.is_set():
            w.write(BLOCK)
    except (BrokenPipeError, OSError, ValueError):
        pass


def test_term_flowing(rounds=3):
    """The old reader missed a TERM that did not land inside read(): a
    race, so it is tried a few times."""
    name = "-j 2, TERM while input keeps flowing"
    bad = []
    for k in range(rounds):
        r = Run(["-k", KEY, "-j2", "-a", "PHONE=mask", "--stats-format", "json"])
        stop = threading.Event()
        t = threading.Thread(target=endless, args=(r.w, stop), daemon=True)
        t.start()
        end = time.time() + WAIT
        while os.path.getsize(r.out_path) < 200000 * (k + 1) and time.time() < end:
            time.sleep(0.01)
        r.p.send_signal(signal.SIGTERM)
        try:
            rc = r.p.wait(timeout=WAIT)
        except subprocess.TimeoutExpired:
            rc = "hang"
        stop.set()
        _, out = r.finish()
        if rc != -signal.SIGTERM:
            bad.append("round %d: exit %s" % (k, rc))
            continue
        st = final_json(r.lines) or {}
        nin = st.get("bytes_in", -1)
        whole = (BLOCK * (nin // len(BLOCK) + 1))[:max(nin, 0)]
        ref = subprocess.run([SCRUB, "-k", KEY, "-a", "PHONE=mask", "-j1"],
                             input=whole, capture_output=True, env=ENV).stdout
        if nin <= 0 or out != ref or st.get("bytes_out") != len(out):
            bad.append("round %d: %d bytes out, %d expected" %
                       (k, len(out), len(ref)))
    check(name + ": scrub ends, and its output is the scrubbed form of the "
          "bytes it read (%d rounds)" % rounds, not bad, "; ".join(bad))


def test_term_idle():
    r = Run(["-k", KEY, "-j2"])
    lines = [b"line %d phone 1381234%04d partial" % (i, i) for i in range(200)]
    r.w.write(b"\n".join(lines))
    r.w.flush()
    time.sleep(0.5)  # scrub waits for more input
    r.p.send_signal(signal.SIGTERM)
    try:
        rc = r.p.wait(timeout=WAIT)
    except subprocess.TimeoutExpired:
        rc = "hang"
    _, out = r.finish()
    check("-j 2, TERM while idle: every line read is written, scrubbed",
          rc == -signal.SIGTERM and out.count(b"\n") == 199 and
          out.endswith(b"partial") and out.count(b"PHONE_") == 200,
          "exit %s, %d newlines" % (rc, out.count(b"\n")))


def test_usr1(fmt):
    r = Run(["-k", KEY, "--line-buffered", "--stats-format", fmt])
    data = b"".join(line_in(i) for i in range(10))
    r.w.write(data)
    r.w.flush()
    end = time.time() + WAIT
    while open(r.out_path, "rb").read().count(b"\n") < 10 and time.time() < end:
        time.sleep(0.05)
    r.p.send_signal(signal.SIGUSR1)
    if fmt == "json":
        def seen(ls):
            return any(b'"event":"signal"' in x and b'"lines":10,' in x for x in ls)
    else:
        def seen(ls):
            return any(x.startswith(b"scrub: stats bytes_in=%d " % len(data))
                       for x in ls)
    got = r.wait_err(seen)
    rc, _ = r.finish()
    check("USR1 writes the stats at once (%s)" % fmt, got and rc == 0,
          "exit %s, stderr %d lines" % (rc, len(r.lines)))


def test_rsyslog_hup():
    cfg = write_file("rs.yml", MASK, 0o644)
    r = Run(["--rsyslog", "-k", KEY, "-c", cfg], fifo=False, stdout_file=False)

    def ask(i):
        r.p.stdin.write(line_in(i))
        r.p.stdin.flush()
        return r.p.stdout.readline()

    first = ask(0)
    write_file("rs.yml", REDACT, 0o644)
    r.p.send_signal(signal.SIGHUP)
    replies = []
    for i in range(1, 200):
        replies.append(ask(i))
        if b"[PHONE]" in replies[-1]:
            break
        time.sleep(0.05)
    r.p.stdin.close()
    rc = r.p.wait(timeout=WAIT)
    r.t.join(timeout=WAIT)
    stderr_seen.extend(r.lines)
    check("--rsyslog: HUP takes the new config between two messages",
          rc == 0 and b"138****0000" in first and replies and
          b"[PHONE]" in replies[-1] and
          all(b"138****" in x for x in replies[:-1]),
          "exit %s, %d replies" % (rc, len(replies)))


def main():
    if not os.access(SCRUB, os.X_OK):
        not_ok("binary", "%s is not executable (run make)" % SCRUB)
        return
    tests = [(test_hup_under_load, e) for e in
             (["-j1"], ["-j2"], ["-j2", "--line-buffered"])]
    tests += [(test_failed_reload, e) for e in (["-j1"], ["-j2"])]
    tests += [(test_key_reload,), (test_term_flowing,), (test_term_idle,),
              (test_usr1, "json"), (test_usr1, "text"), (test_rsyslog_hup,)]
    for t in tests:
        try:
            t[0](*t[1:])
        except Exception as e:  # one broken test must not hide the others
            not_ok(t[0].__name__, "exception %s: %s" % (type(e).__name__, e))
    blob = b"".join(stderr_seen)
    check("no stderr line carries a raw value or the key",
          b"13800" not in blob and bytes(range(32)) not in blob)


try:
    main()
except Exception as e:  # a crash of the suite is a failure, not a pass
    not_ok("suite", "exception %s: %s" % (type(e).__name__, e))
finally:
    shutil.rmtree(TMP, ignore_errors=True)
sys.exit(tap_summary())
