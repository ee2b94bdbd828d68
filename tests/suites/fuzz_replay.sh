#!/bin/sh
# Replay the fuzz seed corpora (tests/fuzz/corpus/NAME/*) through gcc builds
# of the fuzz harnesses (tests/fuzz/fuzz_NAME.c + replay_main.c): every
# property the fuzzers check must hold for every seed, and inputs that once
# broke one (bug-*) stay here as regressions. See tests/fuzz/README.md.
#
# Binaries: $FUZZ_REPLAY_DIR/fuzz_NAME_replay when set (make check-asan
# sets it to its sanitizer build), else built with `make fuzz-replay-bins`
# into <repo>/build/. SCRUB_FUZZ_SKIP (see README) turns checks off.
# Output: ok / not ok per file, then `N passed, M failed`.
here=$(cd "$(dirname "$0")/.." && pwd)
root=$(dirname "$here")
harnesses="engine config"
pass=0 fail=0
log=$(mktemp)
trap 'rm -f "$log"' EXIT

if [ -n "${FUZZ_REPLAY_DIR:-}" ]; then
  bin=$FUZZ_REPLAY_DIR
else
  bin=$root/build
  if ! make -C "$root" --no-print-directory fuzz-replay-bins > "$log" 2>&1; then
    tail -n 20 "$log"
    echo "not ok - build the replay binaries (make fuzz-replay-bins)"
    echo "0 passed, 1 failed"
    exit 1
  fi
fi

cd "$here/fuzz" || exit 1
for h in $harnesses; do
  exe=$bin/fuzz_${h}_replay
  if [ ! -x "$exe" ]; then
    echo "not ok - $h: no replay binary $exe"
    fail=$((fail + 1))
    continue
  fi
  # One child per file; a failing file's diagnostics (stderr) are shown.
  "$exe" "corpus/$h" > "$log" 2>&1
  status=$?
  grep -v -E '^[0-9]+ passed, [0-9]+ failed' "$log" | sed "s|^ok - |ok - $h |; s|^not ok - |not ok - $h |"
  summary=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$log" | tail -n 1)
  if [ -z "$summary" ]; then
    echo "not ok - $h: replay ended without a summary (exit $status)"
    fail=$((fail + 1))
    continue
  fi
  p=${summary%% passed*}
  f=$(echo "$summary" | sed -E 's/^[0-9]+ passed, ([0-9]+) failed.*/\1/')
  pass=$((pass + p))
  fail=$((fail + f))
done
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
