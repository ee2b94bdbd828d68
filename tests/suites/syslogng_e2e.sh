#!/bin/sh
# syslogng_e2e.sh — scrub behind a real syslog-ng (issue 6, item 4), the
# wiring doc/integration.md shows:
#
#   unix-stream() source -> program("scrub --line-buffered -k KEY > FIFO")
#   pipe(FIFO) source    -> file() destination
#
# i.e. syslog-ng hands every message to scrub, and takes the scrubbed lines
# back in through a named pipe to send them on. syslog-ng runs as a private
# instance: its own config, pid file, persist file, control socket and
# listening socket in a temp dir, nothing of the system's.
#
# syslog-ng-core conflicts with rsyslog (both are the system log daemon),
# so it is usually not installed where rsyslog_e2e.sh runs. Without an
# installed syslog-ng this suite unpacks the Debian packages into
# build/test-deps/syslog-ng (apt-get download + dpkg-deb -x, no root, no
# install, nothing started) and runs that copy; when that is not possible
# it prints `0 passed, 0 failed, 1 skipped`.
# Knobs: SCRUB, SYSLOG_NG (binary), SCRUB_E2E_MESSAGES (10000),
# SCRUB_E2E_NO_DOWNLOAD=1, SCRUB_E2E_KEEP=1.
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$(dirname "$here")")
SCRUB=${SCRUB:-$root/build/scrub}
N=${SCRUB_E2E_MESSAGES:-10000}
. "$root/tests/lib/daemon.sh"

# ---------------------------------------------------------------- syslog-ng
SNG=${SYSLOG_NG:-$(find_daemon syslog-ng)}
SNG_ARGS=""
if [ -z "$SNG" ]; then
  cache=$root/build/test-deps/syslog-ng
  if [ ! -x "$cache/root/usr/sbin/syslog-ng" ]; then
    [ "${SCRUB_E2E_NO_DOWNLOAD:-}" = 1 ] && skip_all "syslog-ng not installed"
    command -v apt-get >/dev/null 2>&1 && command -v dpkg-deb >/dev/null 2>&1 ||
      skip_all "syslog-ng not installed, no apt-get to fetch it"
    rm -rf "$cache" && mkdir -p "$cache/debs" && chmod 755 "$cache/debs"
    # the daemon and the libraries it needs that are not in a base system
    (cd "$cache/debs" &&
     apt-get download syslog-ng-core libivykis0 libnet1 libwrap0) > "$cache/download.log" 2>&1 ||
      skip_all "syslog-ng not installed and apt-get download failed"
    for deb in "$cache"/debs/*.deb; do dpkg-deb -x "$deb" "$cache/root" || skip_all "dpkg-deb -x failed"; done
  fi
  SNG=$cache/root/usr/sbin/syslog-ng
  moddir=$(ls -d "$cache"/root/usr/lib/syslog-ng/[0-9]* 2>/dev/null | head -n 1)
  SNG_ARGS="--module-path=$moddir"
  LD_LIBRARY_PATH=$cache/root/usr/lib/syslog-ng:$(ls -d "$cache"/root/usr/lib/*-linux-gnu 2>/dev/null | head -n 1)${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
  export LD_LIBRARY_PATH
fi
# shellcheck disable=SC2086
version=$("$SNG" $SNG_ARGS --version 2>/dev/null | sed -n 's/^Config version: *//p')
[ -n "$version" ] || skip_all "$SNG does not run"

require_scrub
make_tmp scrub-sng

cat > "$tmp/e2e.py" <<'PY'
import re, socket, subprocess, sys

def phone(i):
    return "1%d%09d" % (3 + i % 7, (i * 7919 + 12345) % 10**9)

def message(i):
    """(text bytes, raw values)"""
    p, e, ip = phone(i % 2500), "user.%d@example.com" % (i % 2500), "10.%d.%d.%d" % (
        (i >> 16) & 255, (i >> 8) & 255, i & 255)
    if i % 10 == 0:
        return ("seq=%05d heartbeat ok workers=4" % i).encode(), []
    if i % 500 == 499:
        return ("seq=%05d GBK 用户 %s 登录" % (i, p)).encode("gbk"), [p]
    if i % 3 == 0:
        return ("seq=%05d 用户%s登录成功，邮箱%s，来自%s" % (i, p, e, ip)).encode(), [p, e, ip]
    return ('seq=%05d login phone=%s email=%s ip=%s password=Pw%dx note="a \\"b\\""'
            % (i, p, e, ip, i)).encode(), [p, e, ip, "Pw%dx" % i]

a = sys.argv[1:]
if a[0] == "send":
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.connect(a[1])
    # the local (libc syslog) format: no hostname
    s.sendall(b"".join(b"<134>May  1 12:00:00 app[4242]: " + message(i)[0] + b"\n"
                       for i in range(int(a[2]))))
    s.close()
elif a[0] == "check":
    out, n, scrub, key, sent = a[1], int(a[2]), a[3], a[4], a[5]
    lines = open(out, "rb").read().split(b"\n")[:-1]
    ms = [message(i) for i in range(n)]
    def check(name, cond, why=""):
        print(("ok - " if cond else "not ok - ") + name + ("" if cond else ": " + why))
    check("%d lines in the output" % n, len(lines) == n, "got %d" % len(lines))
    seqs = [int(m.group(1)) if m else -1
            for m in (re.search(rb"seq=(\d{5})", ln) for ln in lines)]
    check("every message present exactly once, in order", seqs == list(range(n)),
          "%d missing, %d duplicated" % (len(set(range(n)) - set(seqs)),
                                         len(seqs) - len(set(seqs))))
    with open(sent, "wb") as f:
        f.write(b"".join(b"app[4242]: " + t + b"\n" for t, _ in ms))
    r = subprocess.run([scrub, "-k", key, sent], stdout=subprocess.PIPE)
    exp = r.stdout.split(b"\n")[:-1]
    diff = next((j + 1 for j in range(min(len(exp), len(lines))) if exp[j] != lines[j]), None)
    check("output equals `scrub -k KEY` over the same messages in another process",
          r.returncode == 0 and exp == lines, "first difference at line %s" % diff)
    leaks = sum(1 for ln, (_, raws) in zip(lines, ms) for v in raws if v.encode() in ln)
    check("no raw value of a message in its output line", leaks == 0, "%d left" % leaks)
    kids = set(re.findall(rb"[A-Z][A-Z0-9_]*_([a-z]{2,15})_[a-z]{18}", b"\n".join(lines)))
    check("tokens present, all with one key id", len(kids) == 1, "%d key ids" % len(kids))
elif a[0] == "leaks":
    try:
        data = open(a[1], "rb").read()
    except OSError:
        data = b""
    print(len(re.findall(rb"1[3-9]\d{9}|user\.\d+@example", data)))
PY

# write_conf DIR KEY
write_conf() {
  # the FIFO must exist before syslog-ng starts: else the program's shell
  # may create a plain file there before pipe() makes the FIFO
  mkfifo -m 600 "$1/scrubbed.fifo"
  cat > "$1/syslog-ng.conf" <<EOF
@version: $version
options { stats-freq(0); };
source s_in { unix-stream("$1/log.sock"); };
# scrub reads every message on stdin and writes the scrubbed line into a
# named pipe that syslog-ng reads back
destination d_scrub {
  program("exec $SCRUB --line-buffered -k $2 > $1/scrubbed.fifo"
          template("\$PROGRAM[\$PID]: \$MSG\n"));
};
log { source(s_in); destination(d_scrub); flags(flow-control); };
source s_scrubbed { pipe("$1/scrubbed.fifo" flags(no-parse)); };
destination d_out { file("$1/out.log" template("\$MSG\n")); };
log { source(s_scrubbed); destination(d_out); };
EOF
}

# release_fifo DIR: a program() child that syslog-ng (re)started just
# before it stopped waits to open the FIFO for writing, and syslog-ng,
# gone, does not reap it; opening the read end once lets it go on (exec
# scrub, which ends with its stdin), so that no run leaves it behind.
release_fifo() {
  timeout 2 sh -c 'cat < "$1" > /dev/null' sh "$1/scrubbed.fifo" 2>/dev/null
  return 0
}

start_sng() { # dir
  # shellcheck disable=SC2086
  if ! "$SNG" $SNG_ARGS -s -f "$1/syslog-ng.conf" > "$1/syntax.log" 2>&1; then
    not_ok "syslog-ng accepts the config: $(grep -i error "$1/syntax.log" | head -n 2 | tr '\n' ' ')"
    return 1
  fi
  # shellcheck disable=SC2086
  if start_daemon "$1/syslog-ng.log" "$1/log.sock" \
       "$SNG" $SNG_ARGS -F --no-caps -f "$1/syslog-ng.conf" -p "$1/syslog-ng.pid" \
       -R "$1/syslog-ng.persist" -c "$1/syslog-ng.ctl"; then
    ok "syslog-ng (config version $version; own config, pid, persist and control files) listens on its socket"
    return 0
  fi
  not_ok "syslog-ng starts: $(head -n 3 "$1/syslog-ng.log" | tr '\n' ' ')"
  return 1
}

d=$tmp/main
mkdir -p "$d"
write_conf "$d" "$tmp/key"
if start_sng "$d"; then
  t0=$(date +%s)
  if python3 "$tmp/e2e.py" send "$d/log.sock" "$N" 2> "$d/send.err"; then
    ok "sent $N messages to the unix-stream() source"
  else
    not_ok "sent $N messages: $(tail -n 1 "$d/send.err")"
  fi
  if wait_lines "$d/out.log" "$N" 60; then
    ok "all $N messages came back through scrub and the pipe within $(( $(date +%s) - t0 )) s"
  else
    not_ok "all $N messages came back within 60 s: $(lines_of "$d/out.log") lines"
  fi
  sleep 0.3
  if stop_daemon; then ok "syslog-ng stops on SIGTERM"; else not_ok "syslog-ng stops on SIGTERM (killed)"; fi
  release_fifo "$d"
  python3 "$tmp/e2e.py" check "$d/out.log" "$N" "$SCRUB" "$tmp/key" "$d/sent.txt" > "$d/check.log" 2>&1
  tally "$d/check.log"
  grep -q '^Traceback' "$d/check.log" && not_ok "checker crashed"
fi

# scrub cannot start (group-readable key): syslog-ng restarts it again and
# again, the messages written to it are lost; nothing may come out raw
d=$tmp/badkey
mkdir -p "$d"
cp "$tmp/key" "$d/key"
chmod 640 "$d/key"
write_conf "$d" "$d/key"
if start_sng "$d"; then
  python3 "$tmp/e2e.py" send "$d/log.sock" 20
  sleep 2
  stop_daemon
  release_fifo "$d"
  n=$(python3 "$tmp/e2e.py" leaks "$d/out.log")
  if [ "$n" = 0 ]; then
    ok "unusable key: no raw value reaches the output"
  else
    not_ok "unusable key: no raw value reaches the output: $n raw values"
  fi
fi

summary
