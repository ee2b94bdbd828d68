# daemon.sh — what the log-daemon suites (tests/suites/rsyslog_e2e.sh,
# tests/suites/syslogng_e2e.sh) share: one private daemon at a time,
# started, waited for and stopped, and the reporting every suite does
# (tests/lib/tap.py is the same for the Python suites).
#
# POSIX sh, sourced by a suite after `set -u` and SCRUB:
#   . "$root/tests/lib/daemon.sh"
# It sets passed, failed, and DPID, the daemon running now ("" when none).
# shellcheck shell=sh

passed=0 failed=0
DPID=""

ok() { passed=$((passed + 1)); echo "ok - $*"; }
not_ok() { failed=$((failed + 1)); echo "not ok - $*"; }

# tally FILE: passes on the ok / not ok lines a helper wrote and counts
# them, so that helpers in other languages report as the suite does.
tally() {
  cat "$1"
  passed=$((passed + $(grep -c '^ok - ' "$1")))
  failed=$((failed + $(grep -c '^not ok - ' "$1")))
}

# summary: the last line, which tests/run-all sums; true iff nothing failed,
# so that a suite can end with it.
summary() {
  echo "$passed passed, $failed failed"
  [ "$failed" = 0 ]
}

# skip_all REASON: a missing daemon is not a failure of scrub, so the
# suite counts as skipped instead.
skip_all() {
  echo "# $*: skipped"
  echo "0 passed, 0 failed, 1 skipped"
  exit 0
}

require_scrub() {
  [ -x "$SCRUB" ] && return 0
  not_ok "scrub binary $SCRUB not built"
  summary
  exit 1
}

# find_daemon NAME: daemons live in sbin, which a user's PATH often lacks.
find_daemon() {
  command -v "$1" 2>/dev/null && return
  for p in "/usr/sbin/$1" "/sbin/$1"; do
    [ -x "$p" ] && { echo "$p"; return; }
  done
}

# make_tmp NAME: the temp dir $tmp with the scrub key $tmp/key in it. It
# goes on exit, even on ^C, with the daemon stopped first, so that no run
# leaves a daemon or personal data behind (SCRUB_E2E_KEEP=1 keeps the dir
# to look at). umask 077 from here on: the daemon's files hold test data.
make_tmp() {
  tmp=$(mktemp -d "${TMPDIR:-/tmp}/$1.XXXXXX") || exit 2
  trap cleanup EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
  umask 077
  head -c 32 /dev/urandom > "$tmp/key"
  chmod 600 "$tmp/key"
}
cleanup() {
  stop_daemon
  if [ "${SCRUB_E2E_KEEP:-}" = 1 ]; then echo "# kept $tmp"; else rm -rf "$tmp"; fi
}

# start_daemon LOG READY COMMAND...: runs COMMAND (a daemon kept in the
# foreground, so that DPID is the daemon itself) with its output in LOG,
# and waits up to 10 s until it listens: READY is then a socket, or a port
# file with the port written in it. False, with the daemon stopped, when
# it does not listen or has exited.
start_daemon() {
  log=$1 ready=$2
  shift 2
  "$@" > "$log" 2>&1 &
  DPID=$!
  i=0
  while ! listens "$ready" && kill -0 "$DPID" 2>/dev/null && [ $i -lt 100 ]; do
    sleep 0.1; i=$((i + 1))
  done
  listens "$ready" && kill -0 "$DPID" 2>/dev/null && return 0
  stop_daemon
  return 1
}
listens() { [ -S "$1" ] || [ -s "$1" ]; }

# stop_daemon: SIGTERM to the daemon we started, and only to it: never a
# pid read from elsewhere, which could be anyone's. False when it had to
# be killed after 10 s.
stop_daemon() {
  [ -n "$DPID" ] || return 0
  kill -TERM "$DPID" 2>/dev/null
  i=0
  while kill -0 "$DPID" 2>/dev/null && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
  rc=0
  if kill -0 "$DPID" 2>/dev/null; then kill -KILL "$DPID" 2>/dev/null; rc=1; fi
  wait "$DPID" 2>/dev/null
  DPID=""
  return $rc
}

# wait_lines FILE N SECONDS: until FILE has N lines; gives up early when
# the daemon has died, as nothing more will come.
wait_lines() {
  i=0
  while [ $i -lt $(($3 * 10)) ]; do
    [ "$(lines_of "$1")" -ge "$2" ] && return 0
    kill -0 "$DPID" 2>/dev/null || return 1
    sleep 0.1; i=$((i + 1))
  done
  return 1
}

lines_of() { cat "$1" 2>/dev/null | wc -l | tr -d ' '; }
