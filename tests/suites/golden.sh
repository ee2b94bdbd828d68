#!/bin/sh
# Golden files: tests/golden/input.log through every action with a fixed
# key must give exactly tests/golden/expected.<action>; --findings must
# give expected.findings. Regenerate only after reviewing every change:
#   sh tests/suites/golden.sh --update
here=$(cd "$(dirname "$0")/.." && pwd)
SCRUB=${SCRUB:-$here/../build/scrub}
g=$here/golden
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 -c "import sys;sys.stdout.buffer.write(bytes.fromhex(open(sys.argv[1]).read().strip()))" \
  "$g/key.hex" > "$tmp/key"
chmod 600 "$tmp/key"
pass=0 fail=0
check() { # name expected actual
  if [ "${UPDATE:-}" = 1 ]; then cp "$3" "$2"; fi
  if cmp -s "$2" "$3"; then
    echo "ok - golden $1"; pass=$((pass + 1))
  else
    echo "not ok - golden $1: output differs from $(basename "$2") at $(cmp "$2" "$3" 2>&1 | sed 's/.*differ: //')"
    fail=$((fail + 1))
  fi
}
[ "${1:-}" = --update ] && UPDATE=1
for a in hash mask redact keep; do
  "$SCRUB" -k "$tmp/key" -a all=$a "$g/input.log" > "$tmp/out.$a" 2> "$tmp/err.$a"
  check "$a" "$g/expected.$a" "$tmp/out.$a"
  # same result through stdin in tiny blocks
  "$SCRUB" -k "$tmp/key" -a all=$a --block-size 3 < "$g/input.log" > "$tmp/out2.$a"
  check "$a (stdin, 3-byte blocks)" "$g/expected.$a" "$tmp/out2.$a"
done
# relative: the file member names the file as it was given
(cd "$g" && "$SCRUB" --findings input.log) > "$tmp/findings"
check findings "$g/expected.findings" "$tmp/findings"
(cd "$g" && "$SCRUB" --findings --matcher pcre2 input.log) > "$tmp/findings2"
check "findings (pcre2 matcher)" "$g/expected.findings" "$tmp/findings2"
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
