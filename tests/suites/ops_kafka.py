#!/usr/bin/env python3
"""ops_kafka.py — signals and metrics of `scrub --kafka` (issue 14).

Against librdkafka's mock cluster (build/kafka_mock), records in and out
with kcat, like kafka.py: HUP between two rounds takes a new config (the
records produced before it are scrubbed under the old one, those after it
under the new one, none lost), a config that does not load keeps the old
one with one line on stderr, USR1 writes the stats, and --metrics-file
counts the records' bytes and findings. Skips without kcat, the mock or
Kafka support. Output: `ok - ...` / `not ok - ...`, `N passed, M failed`.
"""
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(ROOT, "tests", "lib"))
import tap  # noqa: E402

SCRUB = os.environ.get("SCRUB", os.path.join(ROOT, "build", "scrub"))
MOCK = os.path.join(os.path.dirname(SCRUB), "kafka_mock")
KCAT = shutil.which("kcat") or shutil.which("kafkacat")
WAIT = 60
tmp = tempfile.mkdtemp(prefix="scrub-ops-kafka.")
KEY = os.path.join(tmp, "key")
procs = []


def spawn(cmd, **kw):
    procs.append(subprocess.Popen(cmd, **kw))
    return procs[-1]


def write(name, data):
    p = os.path.join(tmp, name)
    with open(p + ".tmp", "wb") as f:
        f.write(data)
    os.replace(p + ".tmp", p)
    return p


def produce(brokers, topic, values):
    data = "".join("%s\x1e" % v for v in values)
    subprocess.run([KCAT, "-P", "-b", brokers, "-t", topic, "-D", "\\x1e"],
                   input=data.encode(), check=True, timeout=WAIT)


def consume(brokers, topic):
    out = subprocess.run([KCAT, "-C", "-b", brokers, "-t", topic, "-e", "-q",
                          "-J"], capture_output=True, timeout=WAIT)
    recs = [json.loads(x) for x in out.stdout.decode().splitlines() if x.strip()]
    return sorted(recs, key=lambda r: (r["partition"], r["offset"]))


def wait_until(pred, secs=WAIT):
    end = time.time() + secs
    while time.time() < end:
        if pred():
            return True
        time.sleep(0.3)
    return pred()


def value(i):
    return "seq=%04d phone 138%08d" % (i, i)


def masked(i):
    return "seq=%04d phone 138****%04d" % (i, i % 10000)


def redacted(i):
    return "seq=%04d phone [PHONE]" % i


def test_reload(brokers):
    cfg = write("k.yml", b"actions:\n  PHONE: mask\n")
    prom = os.path.join(tmp, "k.prom")
    err_path = os.path.join(tmp, "k.err")
    with open(err_path, "wb") as errf:
        p = spawn([SCRUB, "-k", KEY, "-c", cfg, "--kafka", brokers, "--from",
                   "hin", "--to", "hout", "--group", "hup", "--metrics-file",
                   prom, "-X", "session.timeout.ms=6000", "-X",
                   "heartbeat.interval.ms=500"], stdout=subprocess.DEVNULL,
                  stderr=errf)

    def err():
        return open(err_path, "rb").read()

    produce(brokers, "hin", [value(i) for i in range(100)])
    first = wait_until(lambda: len(consume(brokers, "hout")) >= 100)
    write("k.yml", b"actions:\n  PHONE: shred\n")
    p.send_signal(signal.SIGHUP)
    failed = wait_until(lambda: b"reload failed" in err())
    write("k.yml", b"actions:\n  PHONE: redact\n")
    p.send_signal(signal.SIGHUP)
    taken = wait_until(lambda: b"reloaded" in err())
    produce(brokers, "hin", [value(i) for i in range(100, 200)])
    second = wait_until(lambda: len(consume(brokers, "hout")) >= 200)
    p.send_signal(signal.SIGUSR1)
    usr1 = wait_until(lambda: b"scrub: stats bytes_in=" in err())
    p.send_signal(signal.SIGTERM)
    try:
        rc = p.wait(timeout=WAIT)
    except subprocess.TimeoutExpired:
        p.kill()
        rc = "hang"
    out = sorted(r["payload"] for r in consume(brokers, "hout"))
    want = sorted([masked(i) for i in range(100)] +
                  [redacted(i) for i in range(100, 200)])
    tap.check("--kafka HUP: records before it under the old config, after it "
              "under the new one, none lost", first and second and
              out == want and rc == 0, "exit %s, %d records, %d as expected" %
              (rc, len(out), sum(a == b for a, b in zip(out, want))))
    lines = err().splitlines()
    tap.check("--kafka HUP: a config that does not load keeps the old one, "
              "one line", failed and taken and
              sum(b"reload failed" in x for x in lines) == 1, lines[:4])
    tap.check("--kafka USR1: the stats at once", usr1)
    text = open(prom).read() if os.path.exists(prom) else ""
    size = sum(len(value(i)) for i in range(200))
    tap.check("--kafka --metrics-file: bytes, findings, reloads at exit",
              "scrub_bytes_in_total %d\n" % size in text and
              'scrub_findings_total{type="PHONE"} 200\n' in text and
              'scrub_reloads_total{result="ok"} 1\n' in text and
              'scrub_reloads_total{result="failed"} 1\n' in text, text[:400])


def main():
    if not (KCAT and os.access(MOCK, os.X_OK) and os.access(SCRUB, os.X_OK)):
        tap.skip("kafka signals", "needs kcat, %s and %s" % (MOCK, SCRUB))
        return tap.summary()
    with open(os.open(KEY, os.O_WRONLY | os.O_CREAT, 0o600), "wb") as f:
        f.write(os.urandom(32))
    probe = subprocess.run([SCRUB, "-k", KEY, "--kafka", "x", "--from", "a",
                            "--to", "b"], capture_output=True, timeout=30)
    if b"built without Kafka support" in probe.stderr:
        tap.skip("kafka signals", "scrub was built without librdkafka")
        return tap.summary()
    mock = spawn([MOCK, "hin:2", "hout:2"], stdout=subprocess.PIPE,
                 stderr=subprocess.DEVNULL, text=True)
    brokers = mock.stdout.readline().strip()
    try:
        if not brokers:
            tap.not_ok("kafka signals", "kafka_mock did not start")
        else:
            test_reload(brokers)
    except Exception as e:
        tap.not_ok("kafka signals", "exception %s: %s" % (type(e).__name__, e))
    return tap.summary()


if __name__ == "__main__":
    try:
        rc = main()
    finally:
        for p in procs:
            if p.poll() is None:
                p.kill()
                p.wait()
        shutil.rmtree(tmp, ignore_errors=True)
    sys.exit(rc)
