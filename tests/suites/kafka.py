#!/usr/bin/env python3
"""kafka.py — `scrub --kafka` against a real Kafka protocol peer.

The peer is librdkafka's mock cluster (build/kafka_mock, from
tests/kafka/mock_cluster.c) on loopback: three brokers in one process,
with consumer groups, offsets and the transactional protocol. Records go
in and come back with kcat. Checks: every record arrives scrubbed (as
`scrub` scrubs its value alone), keys, headers, timestamps and per-key
order kept, partitions mapped; two instances in one group where one is
stopped (TERM) and, in another test, killed (KILL) mid-stream while a third
joins: nothing lost; duplicates are counted, not refused (at least once:
the mock refuses commits while its group rebalances); the dead-letter
topic and fail-closed stop; --findings; --exactly-once; one-line errors
with exit status 2.

Skips (counted as skipped) when scrub was built without librdkafka or kcat
or the mock is missing: tools/install-deps installs them on Debian.
"""
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(ROOT, "tests", "lib"))
import tap  # noqa: E402

SCRUB = os.environ.get("SCRUB", os.path.join(ROOT, "build", "scrub"))
MOCK = os.path.join(os.path.dirname(SCRUB), "kafka_mock")
KCAT = shutil.which("kcat") or shutil.which("kafkacat")
RAW_PHONE = re.compile(r"(?<![0-9])1[3-9][0-9]{9}(?![0-9])")
FAST_GROUP = ["-X", "session.timeout.ms=6000", "-X", "heartbeat.interval.ms=500"]

tmp = tempfile.mkdtemp(prefix="scrub-kafka.")
KEY = os.path.join(tmp, "key")
procs = []  # every process this suite started, stopped at the end


def spawn(cmd, **kw):
    procs.append(subprocess.Popen(cmd, **kw))
    return procs[-1]


def cleanup():
    for p in procs:
        if p.poll() is None:
            p.kill()
            p.wait()
    shutil.rmtree(tmp, ignore_errors=True)


class Cluster:
    """A mock cluster with the given topics {name: partitions}."""

    def __init__(self, topics):
        spec = ["%s:%d" % t for t in topics.items()]
        self.p = spawn([MOCK] + spec, stdout=subprocess.PIPE,
                       stderr=subprocess.DEVNULL, text=True)
        self.brokers = self.p.stdout.readline().strip()
        if not self.brokers:
            raise RuntimeError("kafka_mock did not start")

    def stop(self):
        self.p.terminate()
        self.p.wait(timeout=20)

    def committed(self, group, topic):
        out = subprocess.run([MOCK, "--committed", self.brokers, group, topic],
                             capture_output=True, text=True, timeout=30)
        return {int(a): int(b) for a, b in
                (line.split() for line in out.stdout.splitlines())}


def produce(brokers, topic, records, headers=(), null=False):
    """records: [(key or None, value)]; keys and values may hold newlines."""
    keyed = [r for r in records if r[0] is not None]
    bare = [r for r in records if r[0] is None]
    hdr = [a for h in headers for a in ("-H", h)]
    base = [KCAT, "-P", "-b", brokers, "-t", topic, "-D", "\\x1e"] + hdr
    if null:
        base.append("-Z")  # empty values are sent as null (tombstones)
    if keyed:
        data = "".join("%s\x1f%s\x1e" % r for r in keyed)
        subprocess.run(base + ["-K", "\\x1f"], input=data.encode(), check=True,
                       timeout=60)
    if bare:
        data = "".join("%s\x1e" % v for _, v in bare)
        subprocess.run(base, input=data.encode(), check=True, timeout=60)


def consume(brokers, topic):
    out = subprocess.run([KCAT, "-C", "-b", brokers, "-t", topic, "-e", "-q",
                          "-J"], capture_output=True, timeout=60)
    recs = [json.loads(line) for line in out.stdout.decode().splitlines()
            if line.strip()]
    recs.sort(key=lambda r: (r["partition"], r["offset"]))
    return recs


def wait_count(brokers, topic, n, secs=60, distinct=False):
    end = time.time() + secs
    recs = []
    while time.time() < end:
        recs = consume(brokers, topic)
        got = len({r["payload"] for r in recs}) if distinct else len(recs)
        if got >= n:
            return recs
        time.sleep(0.5)
    return recs


def scrub_cli(values):
    """What `scrub` makes of each value alone (one-line values in one run:
    scrub works line by line)."""
    one = [v for v in values if v is not None and "\n" not in v]
    out = {}
    if one:
        r = subprocess.run([SCRUB, "-k", KEY, "-j", "1"],
                           input=("\n".join(one) + "\n").encode(),
                           capture_output=True, timeout=60)
        for v, s in zip(one, r.stdout.decode().split("\n")):
            out[v] = s
    for v in values:
        if v is not None and "\n" in v:
            r = subprocess.run([SCRUB, "-k", KEY, "-j", "1"], input=v.encode(),
                               capture_output=True, timeout=60)
            out[v] = r.stdout.decode()
    return out


def scrubber(brokers, src, dst, group, *extra):
    """A scrub instance; its stderr goes to a file (p.errfile)."""
    cmd = [SCRUB, "-k", KEY, "--kafka", brokers, "--from", src, "--group",
           group] + (["--to", dst] if dst else []) + list(extra)
    errfile = tempfile.NamedTemporaryFile(dir=tmp, delete=False)
    p = spawn(cmd, stdout=subprocess.PIPE if not dst else subprocess.DEVNULL,
              stderr=errfile)
    p.errfile = errfile.name
    return p


def errors_of(p):
    return open(p.errfile, encoding="utf-8", errors="replace").read()


def stop(p, sig=signal.SIGTERM, secs=60):
    """Signal p; its exit status, or None when it did not end in time."""
    p.send_signal(sig)
    try:
        p.wait(timeout=secs)
    except subprocess.TimeoutExpired:
        p.kill()
        p.wait()
        return None
    return p.returncode


def record(i, nkeys=10):
    k = i % nkeys
    return ("k%d" % k,
            "seq=%d key=k%d id=%06d phone 13%d%08d mail user%d@example.com "
            "ip 203.0.113.%d 北京" % (i // nkeys, k, i, 8 + i % 2, i, i,
                                     i % 250 + 1))


def parse(v):
    m = re.match(r"seq=(\d+) key=(k\d+) id=(\d+)", v or "")
    return (int(m.group(1)), m.group(2), int(m.group(3))) if m else None


def key_order_ok(recs):
    """Per key (records of a key sit in one partition), the first time each
    record appears is in input order."""
    last, seen = {}, set()
    for r in recs:
        p = parse(r["payload"])
        if not p or p[2] in seen:
            continue
        seen.add(p[2])
        if last.get(p[1], -1) >= p[0]:
            return False
        last[p[1]] = p[0]
    return True


def no_raw(recs):
    return not any(RAW_PHONE.search(r["payload"] or "") or "203.0.113." in
                   (r["payload"] or "") for r in recs)


def one_line_error(p, words, name, secs=30):
    try:
        _, err = p.communicate(timeout=secs)
    except subprocess.TimeoutExpired:
        p.kill()
        p.communicate()
        tap.not_ok(name, "no exit within %d s" % secs)
        return
    err = errors_of(p) if hasattr(p, "errfile") else err.decode()
    lines = err.splitlines()
    tap.check(name, p.returncode == 2 and len(lines) == 1 and
              all(w in err for w in words),
              "exit %s, stderr %r" % (p.returncode, err))


# --------------------------------------------------------------------------

def test_errors(c):
    b = c.brokers
    cases = [
        ("bad broker address", ["--kafka", "127.0.0.1:1", "--from", "in",
                                "--to", "out"], ["--kafka", "no broker"]),
        ("unresolvable broker", ["--kafka", "nosuch.invalid:9092", "--from",
                                 "in", "--to", "out"], ["no broker"]),
        ("missing --from topic", ["--kafka", b, "--from", "nosuch", "--to",
                                  "out"], ["--from", "nosuch"]),
        ("missing --to topic", ["--kafka", b, "--from", "in", "--to",
                                "nosuch"], ["--to", "nosuch"]),
        ("missing --dlq topic", ["--kafka", b, "--from", "in", "--to", "out",
                                 "--dlq", "nosuch"], ["--dlq", "nosuch"]),
        ("--kafka without --to", ["--kafka", b, "--from", "in"], ["--to"]),
        ("--from without --kafka", ["--from", "in"], ["--kafka"]),
        ("unknown -X property", ["--kafka", b, "--from", "in", "--to", "out",
                                 "-X", "no.such.prop=1"], ["no.such.prop"]),
        ("-X group.id refused", ["--kafka", b, "--from", "in", "--to", "out",
                                 "-X", "group.id=x"], ["--group"]),
    ]
    for name, args, words in cases:
        p = spawn([SCRUB, "-k", KEY] + args, stdout=subprocess.DEVNULL,
                  stderr=subprocess.PIPE)
        one_line_error(p, words, "error: " + name)
    # a bad value is named by its property, never shown
    p = spawn([SCRUB, "-k", KEY, "--kafka", b, "--from", "in", "--to", "out",
               "-X", "session.timeout.ms=Secret123"],
              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, err = p.communicate(timeout=30)
    tap.check("error: bad -X value named, value not shown",
              p.returncode == 2 and "session.timeout.ms" in err.decode() and
              "Secret123" not in err.decode(), err)
    bad = os.path.join(tmp, "open.key")
    shutil.copy(KEY, bad)
    os.chmod(bad, 0o644)
    for name, key in (("missing key file", os.path.join(tmp, "nokey")),
                      ("key readable by others", bad)):
        p = spawn([SCRUB, "-k", key, "--kafka", b, "--from", "in", "--to",
                   "out"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        one_line_error(p, [key], "error: " + name)


def test_basic(c):
    """One instance, same partition counts: values scrubbed exactly as the
    CLI does, partition, order, key, headers and timestamp kept."""
    b = c.brokers
    recs = [record(i) for i in range(300)]
    extra = [("multi", "first line\nsecond 13812345678 line\n"),
             ("cjk", "手机号：13912345678，邮箱 王@例子.中国"),
             ("empty", ""), (None, "no key here 13612345678")]
    produce(b, "in", recs[:150])
    produce(b, "in", recs[150:] + extra, headers=["trace=abc", "src=app"])
    produce(b, "in", [("tomb", "")], null=True)
    n = len(recs) + len(extra) + 1
    time.sleep(0.2)  # output timestamps must be the input's, not now
    inp = consume(b, "in")
    p = scrubber(b, "in", "out", "basic", "-j", "2", "--stats")
    out = wait_count(b, "out", n)
    rc, err = stop(p), errors_of(p)
    tap.check("basic: exit 0 on TERM", rc == 0, "exit %s" % rc)
    tap.check("basic: every record arrives once", len(out) == len(inp) == n,
              "%d in, %d out" % (len(inp), len(out)))
    exp = scrub_cli([r["payload"] for r in inp])
    bad = [i for i, (a, o) in enumerate(zip(inp, out))
           if o["payload"] != (None if a["payload"] is None
                               else exp[a["payload"]])]
    tap.check("basic: each value scrubbed as scrub does it alone", not bad,
              "%d differ, first input offset %s" %
              (len(bad), inp[bad[0]]["offset"] if bad else ""))
    same = all((a["partition"], a["key"], a.get("headers"), a["ts"]) ==
               (o["partition"], o["key"], o.get("headers"), o["ts"])
               for a, o in zip(inp, out))
    tap.check("basic: partition, order, key, headers, timestamp kept", same)
    tap.check("basic: no raw phone or address in the output", no_raw(out))
    tomb = [o for o in out if o["key"] == "tomb"]
    tap.check("basic: a tombstone stays null", len(tomb) == 1 and
              tomb[0]["payload"] is None, tomb)
    tap.check("basic: an empty value stays empty",
              [o["payload"] for o in out if o["key"] == "empty"] == [""])
    ends = {a["partition"]: a["offset"] + 1 for a in inp}
    com = c.committed("basic", "in")
    tap.check("basic: offsets committed up to the end on TERM",
              all(com.get(pp) == e for pp, e in ends.items()),
              "committed %s, ends %s" % (com, ends))
    tap.check("basic: --stats counts the records",
              "records_in=%d " % n in err and "records_out=%d " % n in err,
              err[-300:])
    rest = [l for l in err.splitlines() if "stats" not in l]
    tap.check("basic: nothing else on stderr", not rest, rest)


def test_repartition(c):
    """4 partitions in, 3 out: records of a key share an output partition,
    in order; keyless records keep their input partition's order."""
    b = c.brokers
    recs = [record(i, 13) for i in range(260)]
    produce(b, "in4", recs)
    produce(b, "in4", [(None, "keyless %d 13812345678" % i) for i in range(20)])
    p = scrubber(b, "in4", "out3", "repart", "-j", "1")
    out = wait_count(b, "out3", 280)
    rc = stop(p)
    tap.check("repartition: all 280 arrive, exit 0",
              len(out) == 280 and rc == 0, "%d, exit %s" % (len(out), rc))
    parts = {}
    for o in out:
        if parse(o["payload"]):
            parts.setdefault(parse(o["payload"])[1], set()).add(o["partition"])
    tap.check("repartition: one output partition per key",
              len(parts) == 13 and all(len(v) == 1 for v in parts.values()),
              parts)
    tap.check("repartition: per-key order kept", key_order_ok(out))
    tap.check("repartition: no raw value", no_raw(out))


def group_test(c, name, kill_sig):
    """A and B in one group; mid-stream one stops (TERM or KILL) and C
    joins. Nothing may be lost (at least once: duplicates are counted)."""
    b, src, dst, n = c.brokers, name + "_in", name + "_out", 6000
    recs = [record(i, 24) for i in range(n)]
    a = scrubber(b, src, dst, name, "-j", "2", *FAST_GROUP)
    bb = scrubber(b, src, dst, name, "-j", "2", *FAST_GROUP)
    feeder = threading.Thread(target=lambda: [
        (produce(b, src, recs[i:i + 300]), time.sleep(0.3))
        for i in range(0, n, 300)])
    feeder.start()
    # mid-stream: both members consume (each committed some partitions)
    # and most records are still to come
    end, com = time.time() + 30, {}
    while time.time() < end:
        com = c.committed(name, src)
        if len(com) == 6 and all(v > 0 for v in com.values()):
            break
        time.sleep(0.2)
    tap.check("%s: both members consume before one stops" % name,
              all(v > 0 for v in com.values()), com)
    victim, keep = (a, bb) if kill_sig == signal.SIGTERM else (bb, a)
    rc_victim = stop(victim, kill_sig)
    cc = scrubber(b, src, dst, name, "-j", "2", *FAST_GROUP)
    feeder.join()
    out = wait_count(b, dst, n, secs=90, distinct=True)
    rcs = [stop(keep), stop(cc)]
    ids = [parse(o["payload"]) for o in out]
    got = {i[2] for i in ids if i}
    dups = len(out) - len(got)
    if kill_sig == signal.SIGTERM:
        # (its commit is checked by the basic test: here the group may
        # still be settling, and the mock refuses commits meanwhile)
        tap.check("%s: the stopped instance exited 0" % name, rc_victim == 0,
                  "exit %s %r" % (rc_victim, errors_of(victim)))
    else:
        tap.check("%s: the instance was killed" % name, rc_victim == -9,
                  "exit %s" % rc_victim)
    tap.check("%s: the others exit 0 on TERM" % name, rcs == [0, 0], rcs)
    tap.check("%s: no record lost (%d of %d)" % (name, len(got), n),
              len(got) == n, "%d missing" % (n - len(got)))
    # At least once allows duplicates. After a KILL, records since the
    # victim's last commit come again. After TERM the stopped member
    # commits everything, but the mock refuses the commits the other
    # members make when their partitions are revoked (it answers
    # REBALANCE_IN_PROGRESS, where Kafka accepts a commit of the current
    # generation): what they did in the last moments before a rebalance
    # comes again too.
    tap.ok("%s: %d duplicates (at least once)" % (name, dups))
    tap.check("%s: per-key order kept" % name, key_order_ok(out))
    tap.check("%s: every value scrubbed" % name,
              no_raw(out) and None not in ids)


def test_dlq(c):
    b = c.brokers
    big = "203.0.113.9 " * 50000  # 600 KB in, ~1.5 MB scrubbed: too large
    produce(b, "f_in", [("a", "a 13812345678"), ("big", big),
                        ("c", "c 13812345679")], headers=["h=1"])
    p = scrubber(b, "f_in", "f_out", "fail")
    one_line_error(p, ["f_in/0@1", "f_out", "--dlq"],
                   "fail closed: a record too large to produce stops scrub "
                   "(exit 2, one line)", secs=60)
    out = consume(b, "f_out")
    tap.check("fail closed: nothing after it produced, nothing raw",
              [o["key"] for o in out] == ["a"] and no_raw(out),
              [o["key"] for o in out])
    com = c.committed("fail", "f_in").get(0)
    tap.check("fail closed: its offset is not committed", com == 1,
              "committed %s" % com)
    p = scrubber(b, "f_in", "f_out", "fail", "--dlq", "f_dlq")
    out = wait_count(b, "f_out", 2)
    dead = wait_count(b, "f_dlq", 1, secs=10)
    rc = stop(p)
    tap.check("dlq: the run goes on and exits 0",
              [o["key"] for o in out] == ["a", "c"] and rc == 0,
              ([o["key"] for o in out], rc))
    d = dead[0] if len(dead) == 1 else {}
    hd = dict(zip(d.get("headers", [])[::2], d.get("headers", [])[1::2]))
    tap.check("dlq: a placeholder with key, headers, error and source",
              d.get("payload") == "[UNSCANNED]" and d.get("key") == "big" and
              hd.get("h") == "1" and "too large" in hd.get("scrub-error", "")
              and hd.get("scrub-source") == "f_in/0/1", d)


def test_findings(c):
    b = c.brokers
    recs = [record(i) for i in range(40)]
    produce(b, "fi_in", recs)
    want = subprocess.run([SCRUB, "--findings", "-j", "1"],
                          input=("\n".join(v for _, v in recs) + "\n").encode(),
                          capture_output=True, timeout=60).stdout.count(b"\n")
    p = scrubber(b, "fi_in", None, "find", "--findings")
    lines, end = [], time.time() + 30
    while len(lines) < want and time.time() < end:
        line = p.stdout.readline()
        if not line:
            break
        lines.append(json.loads(line))
    rc = stop(p)
    tap.check("findings: one JSON line per finding, exit 0",
              len(lines) == want and rc == 0, "%d of %d, exit %s" %
              (len(lines), want, rc))
    tap.check("findings: each names topic, partition and record offset",
              all(f.get("topic") == "fi_in" and "partition" in f and
                  "record_offset" in f and "type" in f for f in lines))


def test_exactly_once(c):
    b = c.brokers
    recs = [record(i) for i in range(500)]
    produce(b, "e_in", recs)
    p = scrubber(b, "e_in", "e_out", "eos", "--exactly-once", "-j", "2")
    out = wait_count(b, "e_out", 500)
    time.sleep(1)  # nothing more may come
    out, rc = consume(b, "e_out"), stop(p)
    err = errors_of(p)
    tap.check("exactly-once: exit 0 on TERM, no error", rc == 0 and not err,
              "exit %s %r" % (rc, err))
    tap.check("exactly-once: every record once, scrubbed, in order",
              len(out) == 500 and no_raw(out) and key_order_ok(out),
              "%d records" % len(out))
    com = c.committed("eos", "e_in")
    if all(v < 0 for v in com.values()):
        # librdkafka 2.0.2's mock cluster answers TxnOffsetCommit without
        # storing the offsets, and ignores read_committed (no transaction
        # markers, LSO = high watermark): a second member would start from
        # the beginning. So no-duplicates across a handover cannot be tested
        # against it (doc/integration.md).
        tap.skip("exactly-once: no duplicate across a handover",
                 "the mock cluster keeps no transactional offsets")
        return
    produce(b, "e_in", [record(i) for i in range(500, 1000)])
    p = scrubber(b, "e_in", "e_out", "eos", "--exactly-once")
    out = wait_count(b, "e_out", 1000)
    stop(p)
    tap.check("exactly-once: no duplicate across a handover",
              len(out) == 1000, "%d records" % len(out))


def main():
    if not KCAT or not os.access(MOCK, os.X_OK) or not os.access(SCRUB, os.X_OK):
        tap.skip("kafka suite", "needs kcat, %s and %s (tools/install-deps)"
                 % (MOCK, SCRUB))
        return tap.summary()
    with open(os.open(KEY, os.O_WRONLY | os.O_CREAT, 0o600), "wb") as f:
        f.write(os.urandom(32))
    probe = subprocess.run([SCRUB, "-k", KEY, "--kafka", "x", "--from", "a",
                            "--to", "b"], capture_output=True, timeout=30)
    if b"built without Kafka support" in probe.stderr:
        tap.skip("kafka suite", "scrub was built without librdkafka")
        return tap.summary()
    c = Cluster({"in": 4, "out": 4, "in4": 4, "out3": 3,
                 "gterm_in": 6, "gterm_out": 6, "gkill_in": 6, "gkill_out": 6,
                 "f_in": 1, "f_out": 1, "f_dlq": 1, "fi_in": 2,
                 "e_in": 2, "e_out": 2})
    try:
        for t in (test_errors, test_basic, test_repartition,
                  lambda c: group_test(c, "gterm", signal.SIGTERM),
                  lambda c: group_test(c, "gkill", signal.SIGKILL),
                  test_dlq, test_findings, test_exactly_once):
            t(c)
    finally:
        c.stop()
    return tap.summary()


if __name__ == "__main__":
    try:
        rc = main()
    finally:
        cleanup()
    sys.exit(rc)
