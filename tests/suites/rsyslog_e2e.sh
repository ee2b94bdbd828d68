#!/bin/sh
# rsyslog_e2e.sh — `scrub --rsyslog` inside a real rsyslogd (issue 6, item 3).
#
# Starts rsyslogd as a private, unprivileged-style instance: its own config
# (-f), work directory, pid file (-i), imtcp on a loopback port the kernel
# picks (written to a port file), no imuxsock, no imklog, nothing under
# /etc, /var or /run, so it never touches or collides with a system
# rsyslogd. mmexternal runs `build/scrub --rsyslog -k KEY`; omfile writes
# the message property to a file in the temp dir.
#
#   round 1  interface.input="msg", 10,000 RFC 5424 messages over TCP
#   round 2  interface.input="fulljson", 2,000 RFC 3164 messages
#   example  examples/rsyslog/scrub.conf as shipped, 50 messages
#   round 3  fulljson with non-UTF-8 (GBK, Latin-1) message text
#   round 4  scrub cannot start (group-readable key): nothing may leak
#
# Each message is numbered (seq=NNNNN) and holds phones, emails, IPv4
# addresses, resident ID numbers and a password; every tenth holds no
# personal data. Checks: all messages arrive, once each, in order; the
# output equals `scrub -k KEY` run over the same texts (a separate process
# with the same key file: the scale-out guarantee); no raw value is left;
# tokens have the TYPE_keyid_digest shape and the text around them is
# intact; one value gives one token however it was written.
#
# The scale-out guarantee on its own (same key file in two processes gives
# identical tokens, a copy of the key too, different keys give different
# tokens and key ids) is tested in tests/suites/cli.py.
#
# Output: `ok - ...` / `not ok - ...` per check, last line `N passed, M
# failed`. Without rsyslogd (Debian package rsyslog, installed by
# tools/install-deps) it prints `0 passed, 0 failed, 1 skipped`.
# Knobs: SCRUB, RSYSLOGD, SCRUB_E2E_MESSAGES (10000), SCRUB_E2E_WAIT (60 s),
# SCRUB_E2E_KEEP=1 keeps the temp dir.
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$(dirname "$here")")
SCRUB=${SCRUB:-$root/build/scrub}
N=${SCRUB_E2E_MESSAGES:-10000}
NJSON=$((N / 5))
WAIT=${SCRUB_E2E_WAIT:-60}
. "$root/tests/lib/daemon.sh"

RSYSLOGD=${RSYSLOGD:-$(find_daemon rsyslogd)}
if [ -z "$RSYSLOGD" ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  sh "$root/tools/install-deps" >/dev/null 2>&1
  RSYSLOGD=$(find_daemon rsyslogd)
fi
[ -n "$RSYSLOGD" ] || skip_all "rsyslogd not found and not installable (Debian package rsyslog)"
require_scrub

# The key ($tmp/key) is readable by this user only, which is rsyslogd's.
make_tmp scrub-rsyslog-e2e

# ---------------------------------------------------------------- helper
# Generates the messages (deterministically from their number), sends them
# and checks the output. Never prints a raw value: only counts and line
# numbers.
cat > "$tmp/e2e.py" <<'PY'
import datetime, json, re, socket, subprocess, sys

W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
AREAS = ["110105", "310104", "440305", "330106", "510107", "420102"]

def cn_id(k):
    d = datetime.date(1960, 1, 1) + datetime.timedelta(days=(k * 37) % 18000)
    body = AREAS[k % len(AREAS)] + d.strftime("%Y%m%d") + "%03d" % ((k * 13) % 1000)
    return body + "10X98765432"[sum(int(c) * w for c, w in zip(body, W)) % 11]

def phone_digits(k):
    return "1%d%09d" % (3 + k % 7, (k * 7919 + 12345) % 10**9)

def phone(k, i):
    d = phone_digits(k)
    return [d, "+86" + d, "+86 %s-%s-%s" % (d[:3], d[3:7], d[7:]),
            "%s %s %s" % (d[:3], d[3:7], d[7:])][i % 4]

def email(k, i):
    e = "user.%d@example%d.com" % (k, k % 7)
    return e.upper() if i % 3 == 0 else e

def ipv4(i):
    return "10.%d.%d.%d" % ((i >> 16) & 255, (i >> 8) & 255, i & 255) if i % 2 else \
           "203.0.%d.%d" % ((i >> 8) & 255, i & 255)

def message(i, gbk_every=0):
    """One message as a list of segments: bytes (literal) or (TYPE, raw)."""
    k = i % 2500           # every person comes back: one value, one token
    seq = "seq=%05d " % i
    P = ("PHONE", phone(k, i)); E = ("EMAIL", email(k, i)); I = ("IPV4", ipv4(i))
    C = ("CN_ID", cn_id(k)); S = ("SECRET", "Pw%dx" % i)
    if gbk_every and i % gbk_every == gbk_every - 1:
        return [(seq + "GBK 用户手机 ").encode("gbk"), ("PHONE", phone_digits(k)),
                " 登录 ".encode("gbk"), E, b" end"]
    kind = i % 10
    if kind == 0:
        return [seq + "heartbeat ok workers=4 queue=12 latency_ms=17 version=10.0.19045.3693"]
    if kind <= 5:
        return [seq + "user login phone=", P, " email=", E, " ip=", I, " idcard=", C,
                " password=", S, " status=ok"]
    if kind <= 7:
        return [seq + "用户", ("PHONE", phone_digits(k)), "登录成功，邮箱", E, "，来自", I,
                "，身份证", C]
    if kind == 8:
        return [seq + '{"event":"signup","mobile":"', P, '","email":"', E,
                '","client_ip":"', I, '","id_no":"', C, '","password":"', S,
                '","note":"say \\"hi\\" C:\\\\dir"}']
    return [seq + "GET /api/v1/profile?mobile=", ("PHONE", phone_digits(k)),
            "&token=", S, " HTTP/1.1 from ", I]

def b(s):
    return s if isinstance(s, bytes) else s.encode()

def text(segs):
    return b"".join(b(s) if not isinstance(s, tuple) else b(s[1]) for s in segs)

HEAD = {"5424": b"<134>1 2024-05-01T12:00:00Z web-3 app 4242 - - ",
        "3164": b"<134>May  1 12:00:00 web-3 app[4242]: "}
# what rsyslog's %msg% holds: RFC 3164 keeps the space after the tag
LEAD = {"5424": b"", "3164": b" "}

def msgs(n, gbk):
    return [message(i, gbk) for i in range(n)]

def cmd_send(port, n, framing, gbk):
    data = b"".join(HEAD[framing] + text(m) + b"\n" for m in msgs(n, gbk))
    s = socket.create_connection(("127.0.0.1", port))
    s.sendall(data)
    s.close()

TOKEN = rb"[a-z]{2,15}_[a-z]{18}"
def seg_re(s):
    if not isinstance(s, tuple):
        return re.escape(b(s))
    if s[0] == "SECRET":
        return re.escape(b"[SECRET]")
    return b"(" + s[0].encode() + b"_" + TOKEN + b")"

def canon(t, raw):
    if t == "PHONE":
        return re.sub(r"\D", "", raw)[-11:]
    return raw.lower()

RAW_RE = [  # raw-looking values, outside tokens
    ("phone", rb"(?<![0-9A-Za-z_])1[3-9]\d{9}(?!\d)"),
    ("grouped phone", rb"1[3-9]\d[ -]\d{4}[ -]\d{4}"),
    ("email", rb"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}"),
    ("IPv4", rb"(?<![\d.])(?:\d{1,3}\.){3}\d{1,3}(?![\d.])"),
    ("ID number", rb"(?<!\d)\d{17}[\dXx](?![\dA-Za-z])"),
    ("password value", rb"(?:password=|\"password\":\")(?!\[SECRET\])"),
]

def cmd_check(out, n, framing, gbk, scrub, key, prefix, sent_file, wrap):
    # wrap: the template puts "%hostname% %syslogtag%" before the message
    wrap = re.escape(b"web-3 app[4242]:") if wrap == "tag" else b""
    ms = msgs(n, gbk)
    lines = open(out, "rb").read().split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()
    def ok(name): print("ok - %s%s" % (prefix, name))
    def bad(name, why): print("not ok - %s%s: %s" % (prefix, name, why))
    def check(name, cond, why=""):
        ok(name) if cond else bad(name, why)

    check("%d lines in the output file" % n, len(lines) == n, "got %d" % len(lines))

    seqs = []
    for ln in lines:
        m = re.search(rb"seq=(\d{5})", ln)
        seqs.append(int(m.group(1)) if m else -1)
    dup = len(seqs) - len(set(seqs))
    missing = len(set(range(n)) - set(seqs))
    first = next((j for j, s in enumerate(seqs) if s != j), None)
    check("every message present exactly once, in order", seqs == list(range(n)),
          "%d missing, %d duplicated, first out of place at line %s"
          % (missing, dup, None if first is None else first + 1))

    # the same texts through the scrub CLI: a separate process, same key
    with open(sent_file, "wb") as f:
        f.write(b"".join(LEAD[framing] + text(m) + b"\n" for m in ms))
    r = subprocess.run([scrub, "-k", key, sent_file], stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE)
    exp = r.stdout.split(b"\n")[:-1]
    if wrap:
        exp = [b"web-3 app[4242]:" + e for e in exp]
    diff = next((j for j in range(min(len(exp), len(lines))) if exp[j] != lines[j]), None)
    check("output equals `scrub -k KEY` over the same messages in another process",
          r.returncode == 0 and exp == lines,
          "scrub exit %d, %d vs %d lines, first difference at line %s"
          % (r.returncode, len(exp), len(lines), None if diff is None else diff + 1))

    leaks = 0
    for ln, m in zip(lines, ms):
        leaks += sum(1 for s in m if isinstance(s, tuple) and b(s[1]) in ln)
    check("no raw value of a message in its output line", leaks == 0,
          "%d raw values left" % leaks)
    body = b"\n".join(lines)
    stripped = re.sub(rb"[A-Z][A-Z0-9_]*_" + TOKEN, b"T", body)
    found = [(name, len(re.findall(rx, stripped))) for name, rx in RAW_RE]
    found = [(name, c) for name, c in found if c]
    check("nothing that looks like a phone, email, IPv4, ID number or password "
          "in the output", not found, ", ".join("%d %s" % (c, nm) for nm, c in found))

    bad_shape, tokens, kids = [], {}, set()
    for j, (ln, m) in enumerate(zip(lines, ms)):
        body_re = wrap + re.escape(LEAD[framing]) + b"".join(seg_re(s) for s in m)
        mt = re.fullmatch(body_re, ln)
        if not mt:
            bad_shape.append(j + 1)
            continue
        typed = [s for s in m if isinstance(s, tuple) and s[0] != "SECRET"]
        for s, tok in zip(typed, mt.groups()):
            tokens.setdefault((s[0], canon(s[0], s[1])), set()).add(tok)
            kids.add(tok.split(b"_")[-2])
    check("tokens have the TYPE_keyid_digest shape, the text around them is intact",
          not bad_shape, "%d lines differ, first at line %s"
          % (len(bad_shape), bad_shape[0] if bad_shape else None))
    split = sum(1 for v in tokens.values() if len(v) != 1)
    owners = {}
    for (t, _), v in tokens.items():
        for tok in v:
            owners.setdefault(tok, set()).add(_)
    shared = sum(1 for v in owners.values() if len(v) > 1)
    check("one value gives one token however it was written (%d values)" % len(tokens),
          tokens and split == 0, "%d values with several tokens" % split)
    check("different values give different tokens", shared == 0,
          "%d tokens shared by different values" % shared)
    check("all tokens carry one key id", len(kids) == 1, "%d key ids" % len(kids))
    plain = [j for j, m in enumerate(ms) if len(m) == 1]
    check("messages without personal data are passed through unchanged",
          all(j < len(lines) and lines[j].endswith(text(ms[j])) for j in plain))

def cmd_edge(out, scrub, key, sent_file):
    """fulljson with non-UTF-8 text: each line must be what the CLI makes."""
    texts = [("seq=00000 GBK 用户 13812345678 登录".encode("gbk"), "GBK"),
             (b"seq=00001 latin1 caf\xe9 13912345678 ok", "Latin-1"),
             ("seq=00002 utf8 用户 13712345678 ok".encode(), "UTF-8")]
    lines = open(out, "rb").read().split(b"\n")[:-1]
    with open(sent_file, "wb") as f:
        f.write(b"".join(t + b"\n" for t, _ in texts))
    exp = subprocess.run([scrub, "-k", key, sent_file], stdout=subprocess.PIPE
                         ).stdout.split(b"\n")[:-1]
    for j, (t, name) in enumerate(texts):
        got = lines[j] if j < len(lines) else None
        leak = got is not None and re.search(rb"1[3-9]\d{9}", got) is not None
        print("%s - fulljson non-UTF-8: %s message text never leaks a raw value"
              % ("not ok" if leak or got is None else "ok", name)
              + (": raw phone in output" if leak else ": line missing" if got is None else ""))
        same = j < len(exp) and got == exp[j]
        why = ("got %s" % ("[UNSCANNED]" if got == b"[UNSCANNED]" else
                           "a different line" if got else "nothing"))
        print(("ok" if same else "not ok") + " - fulljson non-UTF-8: %s message text is scrubbed "
              "and passed through byte for byte (as the CLI does)%s"
              % (name, "" if same else ": " + why))

def edge_send(port, framing):
    texts = ["seq=00000 GBK 用户 13812345678 登录".encode("gbk"),
             b"seq=00001 latin1 caf\xe9 13912345678 ok",
             "seq=00002 utf8 用户 13712345678 ok".encode()]
    s = socket.create_connection(("127.0.0.1", port))
    s.sendall(b"".join(HEAD[framing] + t + b"\n" for t in texts))
    s.close()

def cmd_noleak(out, n):
    lines = open(out, "rb").read().split(b"\n")[:-1] if out else []
    raw = sum(1 for ln in lines if re.search(rb"1[3-9]\d{9}|@example", ln))
    return len(lines), raw

a = sys.argv[1:]
if a[0] == "send":
    cmd_send(int(open(a[1]).read().strip()), int(a[2]), a[3], int(a[4]))
elif a[0] == "check":
    cmd_check(a[1], int(a[2]), a[3], int(a[4]), a[5], a[6], a[7], a[8], a[9])
elif a[0] == "edge-send":
    edge_send(int(open(a[1]).read().strip()), a[2])
elif a[0] == "edge-check":
    cmd_edge(a[1], a[2], a[3], a[4])
elif a[0] == "noleak":
    got, raw = cmd_noleak(a[1], int(a[2]))
    print("%d %d" % (got, raw))
PY

# ---------------------------------------------------------------- rsyslogd
# write_conf DIR INPUT TEMPLATE KEY
write_conf() {
  mkdir -p "$1/work"
  cat > "$1/rsyslog.conf" <<EOF
# processInternalMessages: rsyslogd's own messages go to rsyslogd.log
# below, never to the system log
global(workDirectory="$1/work" net.enableDNS="off" processInternalMessages="on")
# one worker: messages leave mmexternal in the order they came in
main_queue(queue.workerThreads="1")
module(load="imtcp")
module(load="mmexternal")
input(type="imtcp" address="127.0.0.1" port="0"
      listenPortFileName="$1/port" ruleset="scrub")
template(name="out" type="string" string="$3")
# rsyslogd's own messages (the default ruleset gets nothing else)
action(type="omfile" file="$1/rsyslogd.log")
ruleset(name="scrub") {
  action(type="mmexternal" interface.input="$2" forceSingleInstance="on"
         binary="$SCRUB --rsyslog --rsyslog-input $2 -k $4")
  action(type="omfile" file="$1/out.log" template="out")
}
EOF
}

# start_rsyslogd DIR PREFIX: validates the config, starts rsyslogd -n in
# the background, waits (10 s at most) for the port file.
start_rsyslogd() {
  if ! "$RSYSLOGD" -N1 -f "$1/rsyslog.conf" > "$1/validate.log" 2>&1; then
    not_ok "$2rsyslogd accepts the config: $(grep -v 'version\|End of config' "$1/validate.log" | head -n 3 | tr '\n' ' ')"
    return 1
  fi
  if start_daemon "$1/stdout.log" "$1/port" \
       "$RSYSLOGD" -n -f "$1/rsyslog.conf" -i "$1/rsyslogd.pid"; then
    ok "$2rsyslogd (own config, work dir, pid file) listens on 127.0.0.1:$(cat "$1/port")"
    return 0
  fi
  not_ok "$2rsyslogd starts and listens: $(head -n 3 "$1/stdout.log" | tr '\n' ' ')"
  return 1
}

# scrub processes started by our rsyslogd (children of $DPID)
children() {
  for p in /proc/[0-9]*; do
    [ "$(awk '{print $4}' "$p/stat" 2>/dev/null)" = "$DPID" ] && echo "${p#/proc/}"
  done
}

# alive PID: running (not gone, not a zombie)
alive() {
  [ -r "/proc/$1/stat" ] && [ "$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null)" != Z ]
}

# stop_and_check DIR PREFIX: stop rsyslogd, check that it and its scrub
# child are gone and that rsyslogd saw no invalid reply.
stop_and_check() {
  kids=$(children)
  if stop_daemon; then
    ok "$2rsyslogd stops on SIGTERM (pid from its pid file)"
  else
    not_ok "$2rsyslogd stops on SIGTERM within 10 s (killed)"
  fi
  # rsyslogd does not wait for the child: scrub sees EOF when it exits
  i=0
  while :; do
    left=""
    for k in $kids; do alive "$k" && left="$left $k"; done
    [ -z "$left" ] || [ $i -ge 50 ] && break
    sleep 0.1; i=$((i + 1))
  done
  if [ -z "$kids" ]; then
    not_ok "$2scrub ran as rsyslogd's mmexternal child"
  elif [ -z "$left" ]; then
    ok "$2the scrub child exits with rsyslogd"
  else
    not_ok "$2the scrub child exits within 5 s of rsyslogd: still running:$left"
  fi
  if grep -q 'invalid reply' "$1/rsyslogd.log" "$1/stdout.log" 2>/dev/null; then
    not_ok "$2rsyslogd accepted every reply: $(grep -c 'invalid reply' "$1/rsyslogd.log") 'invalid reply' messages"
  else
    ok "$2rsyslogd accepted every reply (no 'invalid reply' in its log)"
  fi
}

# run_round NAME INPUT FRAMING COUNT GBK_EVERY TEMPLATE WRAP
run_round() {
  d=$tmp/$1
  mkdir -p "$d"
  pre="$1: "
  write_conf "$d" "$2" "$6" "$tmp/key"
  start_rsyslogd "$d" "$pre" || return
  t0=$(date +%s)
  if python3 "$tmp/e2e.py" send "$d/port" "$4" "$3" "$5" 2> "$d/send.err"; then
    ok "${pre}sent $4 RFC $3 messages over TCP"
  else
    not_ok "${pre}sent $4 messages: $(tail -n 1 "$d/send.err")"
  fi
  if wait_lines "$d/out.log" "$4" "$WAIT"; then
    ok "${pre}all $4 messages written within $(( $(date +%s) - t0 )) s"
  else
    not_ok "${pre}all $4 messages written within $WAIT s: $(lines_of "$d/out.log") lines"
  fi
  sleep 0.3   # anything extra would show up now
  stop_and_check "$d" "$pre"
  python3 "$tmp/e2e.py" check "$d/out.log" "$4" "$3" "$5" "$SCRUB" "$tmp/key" \
    "$pre" "$d/sent.txt" "$7" > "$d/check.log" 2>&1
  tally "$d/check.log"
  grep -q '^Traceback' "$d/check.log" && not_ok "${pre}checker crashed"
}

# round 1: interface.input="msg", the plain message text
run_round msg msg 5424 "$N" 997 '%msg%\n' -
# round 2: interface.input="fulljson", only msg changes; hostname and tag
# stay as they were
run_round fulljson fulljson 3164 "$NJSON" 0 '%hostname% %syslogtag%%msg%\n' tag

# examples/rsyslog/scrub.conf as shipped (scrub and key paths
# replaced), included into a config whose only other rule writes a file
d=$tmp/example
mkdir -p "$d/work"
sed "s#/usr/local/bin/scrub#$SCRUB#; s#/etc/scrub/key#$tmp/key#" \
  "$root/examples/rsyslog/scrub.conf" > "$d/00-scrub.conf"
cat > "$d/rsyslog.conf" <<EOF
global(workDirectory="$d/work" net.enableDNS="off" processInternalMessages="on")
module(load="imtcp")
input(type="imtcp" address="127.0.0.1" port="0" listenPortFileName="$d/port")
include(file="$d/00-scrub.conf")
template(name="out" type="string" string="%msg%\n")
if \$programname == "app" then action(type="omfile" file="$d/out.log" template="out")
EOF
if start_rsyslogd "$d" "example config: "; then
  python3 "$tmp/e2e.py" send "$d/port" 50 5424 0
  wait_lines "$d/out.log" 50 20
  stop_daemon
  # shellcheck disable=SC2046 # two numbers
  set -- $(python3 "$tmp/e2e.py" noleak "$d/out.log" 50)
  if [ "$1" = 50 ] && [ "$2" = 0 ] && grep -q 'PHONE_' "$d/out.log"; then
    ok "example config: examples/rsyslog/scrub.conf scrubs every message"
  else
    not_ok "example config: examples/rsyslog/scrub.conf scrubs every message: $1 of 50 lines, $2 with raw values"
  fi
fi

# round 3: fulljson with non-UTF-8 message text (rsyslog puts the raw bytes
# into its JSON string)
d=$tmp/edge
mkdir -p "$d"
write_conf "$d" fulljson '%msg%\n' "$tmp/key"
if start_rsyslogd "$d" "fulljson non-UTF-8: "; then
  python3 "$tmp/e2e.py" edge-send "$d/port" 5424
  wait_lines "$d/out.log" 3 10
  sleep 0.3
  stop_daemon
  python3 "$tmp/e2e.py" edge-check "$d/out.log" "$SCRUB" "$tmp/key" "$d/sent.txt" \
    > "$d/check.log" 2>&1
  tally "$d/check.log"
fi

# round 4: scrub cannot start (its key file is group-readable, a common
# mistake). rsyslog's mmexternal treats a program that exits as "no change"
# and writes the message as it came, so scrub must not exit: fail closed.
d=$tmp/badkey
mkdir -p "$d"
cp "$tmp/key" "$d/key"
chmod 640 "$d/key"
write_conf "$d" msg '%msg%\n' "$d/key"
if start_rsyslogd "$d" "unusable key: "; then
  python3 "$tmp/e2e.py" send "$d/port" 20 5424 0
  wait_lines "$d/out.log" 20 10
  sleep 0.3
  stop_daemon
  # shellcheck disable=SC2046 # two numbers
  set -- $(python3 "$tmp/e2e.py" noleak "$d/out.log" 20)
  if [ "$2" = 0 ]; then
    ok "unusable key: no raw value reaches the output ($1 of 20 lines written)"
  else
    not_ok "unusable key: no raw value reaches the output: $2 of $1 lines carry raw phones/emails (scrub exits, rsyslog passes the message on unchanged)"
  fi
fi

summary
