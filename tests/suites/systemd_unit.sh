#!/bin/sh
# systemd_unit.sh — dist/systemd/scrub@.service and scrub@.socket, and the
# model they set up, without a running systemd (none is needed):
#
#   unit      the settings the design rests on are there (credential key,
#             FIFO on stdin, errors to the journal, the sandbox);
#   verify    systemd-analyze verify prints nothing for either unit
#             (skipped without systemd-analyze);
#   service   the unit's own ExecStart, as systemd would run it: stdin a
#             FIFO that another process holds open (as systemd does), the
#             key a 0400 credential file, stdout appended to a log, and,
#             where the kernel has PR_SET_MDWE, no W+X memory as with
#             MemoryDenyWriteExecute=yes. Two writers one after the other
#             (scrub sees no end of input in between), then SIGTERM; lines
#             written while scrub is stopped wait in the FIFO for the next
#             start. The log must equal `scrub -c CONF -k KEY` of all lines;
#   syscalls  every system call scrub made there (strace) is one that the
#             unit's SystemCallFilter= lines allow (skipped without strace
#             or systemd-analyze);
#   mdwe      without W+X memory PCRE2 cannot JIT; scrub's output is the
#             same, byte for byte, on a generated corpus;
#   rsyslog   examples/rsyslog/ompipe-fifo.conf in a private rsyslogd: its
#             messages reach the FIFO and come out scrubbed (skipped
#             without rsyslogd).
#
# Last line: `N passed, M failed`. Knobs: SCRUB, SCRUB_E2E_KEEP=1.
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$(dirname "$here")")
SCRUB=${SCRUB:-$root/build/scrub}
. "$root/tests/lib/daemon.sh"
require_scrub
case "$SCRUB" in /*) ;; *) SCRUB=$(cd "$(dirname "$SCRUB")" && pwd)/$(basename "$SCRUB") ;; esac
unit="$root/dist/systemd/scrub@.service"
sock="$root/dist/systemd/scrub@.socket"

make_tmp scrub-systemd-unit
SPID=""
# our scrub goes first, then whatever daemon.sh started
stop_scrub() {
  [ -n "$SPID" ] || return 0
  kill -TERM "$SPID" 2>/dev/null
  i=0
  while kill -0 "$SPID" 2>/dev/null && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
  kill -0 "$SPID" 2>/dev/null && kill -KILL "$SPID" 2>/dev/null
  wait "$SPID" 2>/dev/null
  SPID=""
}
trap 'stop_scrub; cleanup' EXIT

# ------------------------------------------------------------------ unit
has() { # FILE LINE: the unit has this exact line
  grep -qxF -- "$2" "$1"
}
for line in 'DynamicUser=yes' 'ProtectSystem=strict' 'ProtectHome=yes' \
    'PrivateTmp=yes' 'NoNewPrivileges=yes' 'CapabilityBoundingSet=' \
    'RestrictAddressFamilies=AF_UNIX' 'SystemCallFilter=@system-service' \
    'MemoryDenyWriteExecute=yes' 'LoadCredential=key:/etc/scrub/%i.key' \
    'StandardInput=socket' 'StandardError=journal' \
    'ExecReload=/bin/kill -HUP $MAINPID' 'LimitCORE=0' \
    'Requires=scrub@%i.socket'; do
  if has "$unit" "$line"; then ok "unit: $line"; else not_ok "unit: $line"; fi
done
execstart=$(sed -n 's/^ExecStart=//p' "$unit")
case "$execstart" in
  "/usr/bin/scrub "*"-c /etc/scrub/%i.yml"*"-k \${CREDENTIALS_DIRECTORY}/key"*)
    ok "unit: ExecStart reads /etc/scrub/%i.yml and the credential key" ;;
  *) not_ok "unit: ExecStart reads /etc/scrub/%i.yml and the credential key: $execstart" ;;
esac
case "$execstart" in
  *--line-buffered*) ok "unit: ExecStart writes each line when it is complete" ;;
  *) not_ok "unit: ExecStart writes each line when it is complete (--line-buffered)" ;;
esac
case "$execstart" in
  *" -j 1 "*) ok "unit: ExecStart runs one thread (stops at once on SIGTERM)" ;;
  *) not_ok "unit: ExecStart runs one thread (-j 1: stops at once on SIGTERM)" ;;
esac
if has "$sock" 'ListenFIFO=/run/scrub/%i.fifo' && has "$sock" 'SocketMode=0600'; then
  ok "socket: root-only FIFO /run/scrub/%i.fifo"
else
  not_ok "socket: root-only FIFO /run/scrub/%i.fifo"
fi

# ---------------------------------------------------------------- verify
mkdir -p "$tmp/units"
sed "s#/usr/bin/scrub#$SCRUB#" "$unit" > "$tmp/units/scrub@.service"
cp "$sock" "$tmp/units/scrub@.socket"
if command -v systemd-analyze > /dev/null 2>&1; then
  (cd "$tmp/units" && systemd-analyze verify --man=no ./scrub@.service ./scrub@.socket) \
    > "$tmp/verify.log" 2>&1
  if [ $? = 0 ] && [ ! -s "$tmp/verify.log" ]; then
    ok "systemd-analyze verify: no complaint about either unit"
  else
    not_ok "systemd-analyze verify: $(head -n 3 "$tmp/verify.log" | tr '\n' ' ')"
  fi
else
  echo "# systemd-analyze not installed (Debian package systemd): verify skipped"
fi

# --------------------------------------------------------------- service
# The instance "app": its config, its key as systemd leaves a credential
# (mode 0400), its FIFO and its log.
mkdir -p "$tmp/etc" "$tmp/creds" "$tmp/run" "$tmp/log"
cp "$root/examples/scrub.yml" "$tmp/etc/app.yml"
chmod 644 "$tmp/etc/app.yml"
cp "$tmp/key" "$tmp/creds/key"
chmod 400 "$tmp/creds/key"
fifo="$tmp/run/app.fifo"
mkfifo -m 600 "$fifo"
# systemd holds the FIFO open, read and write, for as long as the socket
# unit runs: so do we (fd 9), and scrub gets it as its stdin.
exec 9<> "$fifo"
# ... with PipeSize=1M, as scrub@.socket asks (F_SETPIPE_SZ)
python3 -c 'import fcntl, os, sys
fd = os.open(sys.argv[1], os.O_RDWR | os.O_NONBLOCK)
fcntl.fcntl(fd, 1031, 1 << 20)' "$fifo" 2> /dev/null ||
  echo "# could not enlarge the FIFO to 1 MiB (PipeSize=1M)"

# Without W+X memory, as MemoryDenyWriteExecute=yes makes it (the kernel's
# PR_SET_MDWE where there is one: 6.3 and later).
cat > "$tmp/mdwe.py" <<'PY'
import ctypes, os, sys
libc = ctypes.CDLL(None, use_errno=True)
if libc.prctl(65, 1, 0, 0, 0) != 0:   # PR_SET_MDWE, PR_MDWE_REFUSE_EXEC_GAIN
    sys.exit("prctl(PR_SET_MDWE): %s" % os.strerror(ctypes.get_errno()))
os.execvp(sys.argv[1], sys.argv[1:])
PY
mdwe=""
if python3 "$tmp/mdwe.py" true 2> /dev/null; then
  mdwe="python3 $tmp/mdwe.py"
  if python3 "$tmp/mdwe.py" python3 -c 'import mmap; mmap.mmap(-1, 4096, prot=7)' 2> /dev/null; then
    not_ok "PR_SET_MDWE refuses memory that is writable and executable"
  else
    ok "PR_SET_MDWE refuses memory that is writable and executable"
  fi
else
  echo "# kernel without PR_SET_MDWE: the service runs with W+X memory allowed"
fi
trace=""
if [ -n "${SCRUB_SANITIZER:-}" ]; then
  echo "# $SCRUB is a sanitizer build: its runtime makes system calls of its own, not checked"
elif command -v strace > /dev/null 2>&1 && command -v systemd-analyze > /dev/null 2>&1; then
  if strace -f -qq -o /dev/null true 2> /dev/null; then
    trace="strace -f -qq -o $tmp/strace"
  else
    echo "# strace cannot trace here (ptrace not permitted): system calls not checked"
  fi
fi

# The unit's ExecStart, with the paths of this test.
cmd=$(printf '%s\n' "$execstart" | sed \
  -e "s#^/usr/bin/scrub#$SCRUB#" \
  -e "s#/etc/scrub/%i.yml#$tmp/etc/app.yml#" \
  -e "s#\${CREDENTIALS_DIRECTORY}#$tmp/creds#")
# start_scrub N: the service's main process (scrub itself: strace and the
# MDWE wrapper are not it), stderr to err.N.
start_scrub() {
  # shellcheck disable=SC2086
  $mdwe ${trace:+$trace.$1} $cmd <&9 >> "$tmp/log/app.log" 2> "$tmp/err.$1" &
  SPID=$!
  if [ -n "$trace" ]; then
    # scrub is the child of strace that runs scrub (strace forks others
    # first, to probe the kernel)
    TRACER=$SPID SPID="" i=0
    while [ -z "$SPID" ] && [ $i -lt 100 ]; do
      for c in $(cat "/proc/$TRACER/task/$TRACER/children" 2>/dev/null); do
        [ "$(cat "/proc/$c/comm" 2>/dev/null)" = scrub ] && SPID=$c
      done
      [ -n "$SPID" ] || { sleep 0.1; i=$((i + 1)); }
    done
    if [ -z "$SPID" ]; then # strace dies with (and kills) scrub
      kill -KILL "$TRACER"
      wait "$TRACER" 2>/dev/null
      TRACER=""
    fi
  fi
}
# wait_log N: until the log has N lines, 20 s at most
wait_log() {
  i=0
  while [ "$(lines_of "$tmp/log/app.log")" -lt "$1" ] && [ $i -lt 200 ]; do
    kill -0 "$SPID" 2>/dev/null || break
    sleep 0.1; i=$((i + 1))
  done
  [ "$(lines_of "$tmp/log/app.log")" -ge "$1" ]
}
# end_scrub: SIGTERM, as systemctl stop sends; scrub writes what it read
# and ends by that signal (status 143).
# (10 s at most, then SIGKILL: status 137)
running() { # PID: there and not a zombie
  st=$(sed 's/.*) //' "/proc/$1/stat" 2>/dev/null | cut -c1)
  [ -n "$st" ] && [ "$st" != Z ]
}
end_scrub() {
  [ -n "$SPID" ] && kill -TERM "$SPID" || return 1
  i=0
  while running "$SPID" && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
  running "$SPID" && kill -KILL "$SPID"
  wait "${TRACER:-$SPID}" 2>/dev/null
  st=$?
  SPID=""
  return $st
}

python3 "$root/bench/gen_corpus.py" --out "$tmp/corpus" --labels "$tmp/labels" \
  --extended --lines 2000 --seed 7 -q
head -n 1000 "$tmp/corpus" > "$tmp/part1"
tail -n +1001 "$tmp/corpus" | head -n 500 > "$tmp/part2"
tail -n +1501 "$tmp/corpus" > "$tmp/part3"
cat "$root/samples/app.log" >> "$tmp/part2"
cat "$tmp/part1" "$tmp/part2" "$tmp/part3" > "$tmp/all"
"$SCRUB" -c "$tmp/etc/app.yml" -k "$tmp/key" < "$tmp/all" > "$tmp/expected"

TRACER=""
start_scrub 1
cat "$tmp/part1" > "$fifo"       # a writer that comes and goes
cat "$tmp/part2" > "$fifo"       # and the next one
n12=$(cat "$tmp/part1" "$tmp/part2" | wc -l)
if wait_log "$n12"; then
  ok "service: lines of two writers, one after the other, scrubbed into the log"
else
  not_ok "service: lines of two writers scrubbed into the log ($(lines_of "$tmp/log/app.log") of $n12)"
fi
end_scrub
st=$?
if [ "$st" = 143 ] && [ ! -s "$tmp/err.1" ]; then
  ok "service: SIGTERM ends it quietly (status 143, nothing on stderr)"
else
  not_ok "service: SIGTERM ends it quietly (status $st, stderr: $(head -c 200 "$tmp/err.1"))"
fi
# While it is stopped, lines wait in the FIFO (systemd keeps it open).
# (In the background all the same: should they not fit, the writer waits
# for the new scrub instead of this test waiting forever.)
cat "$tmp/part3" > "$fifo" &
writer=$!
start_scrub 2
if wait_log "$(wc -l < "$tmp/all")"; then
  ok "service: lines written while it was stopped come out after the restart"
else
  not_ok "service: lines written while it was stopped come out after the restart"
fi
kill "$writer" 2>/dev/null # only if it still waits for a reader
wait "$writer"
end_scrub
if cmp -s "$tmp/expected" "$tmp/log/app.log"; then
  ok "service: the log is exactly scrub -c CONF -k KEY of every line written"
else
  not_ok "service: the log is exactly scrub -c CONF -k KEY of every line written ($(cmp "$tmp/expected" "$tmp/log/app.log" 2>&1 | head -n 1))"
fi
if grep -q '13812345678\|13912345678' "$tmp/log/app.log"; then
  not_ok "service: no raw phone number of samples/app.log in the log"
else
  ok "service: no raw phone number of samples/app.log in the log"
fi

# -------------------------------------------------------------- syscalls
# @system-service, less the groups the unit denies, expanded to calls.
expand() {
  systemd-analyze syscall-filter "$1" | sed -n '2,$p' |
    sed 's/#.*//; s/^[[:space:]]*//; /^$/d' |
    while read -r s; do case "$s" in @*) expand "$s" ;; *) echo "$s" ;; esac; done
}
if [ -n "$trace" ]; then
  # what the unit's SystemCallFilter= lines allow, less what they deny (~)
  for g in $(sed -n 's/^SystemCallFilter=\([^~]\)/\1/p' "$unit"); do expand "$g"; done |
    sort -u > "$tmp/allowed"
  for g in $(sed -n 's/^SystemCallFilter=~//p' "$unit"); do expand "$g"; done |
    sort -u > "$tmp/denied"
  comm -23 "$tmp/allowed" "$tmp/denied" > "$tmp/permitted"
  cat "$tmp"/strace.* | sed -n 's/^[0-9]* *\([a-z_0-9]*\)(.*/\1/p' | sort -u > "$tmp/used"
  bad=$(comm -23 "$tmp/used" "$tmp/permitted" | tr '\n' ' ')
  if [ "$(wc -l < "$tmp/used")" -gt 10 ] && [ -z "$bad" ]; then
    ok "syscalls: the $(wc -l < "$tmp/used" | tr -d ' ') system calls scrub made are all allowed by SystemCallFilter"
  else
    not_ok "syscalls: made but not allowed by SystemCallFilter: ${bad:-(no trace)}"
  fi
elif [ -z "${SCRUB_SANITIZER:-}" ]; then
  echo "# strace or systemd-analyze missing: system calls not checked"
fi

# ------------------------------------------------------------------ mdwe
if [ -n "$mdwe" ]; then
  "$SCRUB" -k "$tmp/key" -a all=pseudo < "$tmp/corpus" > "$tmp/jit.out"
  $mdwe "$SCRUB" -k "$tmp/key" -a all=pseudo < "$tmp/corpus" > "$tmp/nojit.out" 2> "$tmp/nojit.err"
  if [ -s "$tmp/jit.out" ] && cmp -s "$tmp/jit.out" "$tmp/nojit.out" && [ ! -s "$tmp/nojit.err" ]; then
    ok "mdwe: without W+X memory (no PCRE2 JIT) the output is the same, byte for byte"
  else
    not_ok "mdwe: without W+X memory (no PCRE2 JIT) the output is the same, byte for byte"
  fi
fi

# --------------------------------------------------------------- rsyslog
RSYSLOGD=$(find_daemon rsyslogd)
if [ -z "$RSYSLOGD" ]; then
  echo "# rsyslogd not installed: ompipe example not run"
  summary
  exit
fi
: > "$tmp/log/app.log"
start_scrub 3
mkdir -p "$tmp/rs/work"
sed "s#/run/scrub/app.fifo#$fifo#" "$root/examples/rsyslog/ompipe-fifo.conf" > "$tmp/rs/60-scrub-app.conf"
cat > "$tmp/rs/rsyslog.conf" <<EOF
global(workDirectory="$tmp/rs/work" net.enableDNS="off" processInternalMessages="on")
module(load="imtcp")
input(type="imtcp" address="127.0.0.1" port="0" listenPortFileName="$tmp/rs/port")
include(file="$tmp/rs/60-scrub-app.conf")
action(type="omfile" file="$tmp/rs/other.log")
EOF
if start_daemon "$tmp/rs/stdout.log" "$tmp/rs/port" \
     "$RSYSLOGD" -n -f "$tmp/rs/rsyslog.conf" -i "$tmp/rs/rsyslogd.pid"; then
  python3 - "$(cat "$tmp/rs/port")" <<'PY'
import socket, sys
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
for i in range(200):
    prog = "app" if i % 4 else "other"
    s.sendall(("<13>Dec  1 10:00:00 host %s: n=%03d phone 1391234%04d ip 10.9.%d.1\n"
               % (prog, i, i, i % 250)).encode())
s.close()
PY
  if wait_log 150; then
    ok "rsyslog: the 150 messages of program app went through the FIFO"
  else
    not_ok "rsyslog: the 150 messages of program app went through the FIFO ($(lines_of "$tmp/log/app.log"))"
  fi
  if grep -q 'app: n=' "$tmp/log/app.log" && ! grep -q 'phone 1391234' "$tmp/log/app.log" &&
     ! grep -q 'other: ' "$tmp/log/app.log"; then
    ok "rsyslog: they arrive scrubbed, and only they"
  else
    not_ok "rsyslog: they arrive scrubbed, and only they"
  fi
  if grep -q 'app: ' "$tmp/rs/other.log" 2>/dev/null; then
    not_ok "rsyslog: stop keeps program app out of the other rules"
  else
    ok "rsyslog: stop keeps program app out of the other rules"
  fi
  stop_daemon
else
  not_ok "rsyslog: rsyslogd starts with examples/rsyslog/ompipe-fifo.conf: $(head -n 3 "$tmp/rs/stdout.log" | tr '\n' ' ')"
fi
end_scrub
summary
