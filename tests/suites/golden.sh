#!/bin/sh
# Golden files: tests/golden/input.log through every action with a fixed
# key must give exactly tests/golden/expected.<action>; --findings must
# give expected.findings. tests/golden/types.log (a value of every type,
# in the forms whose pseudonyms and coarser forms differ: coordinates,
# names, IBAN, full-width digits, ip-10-1-2-3, upper-case IPv6) gives
# types.<action> and types.findings. --reveal of each encrypt output gives
# its input back. Regenerate only after reviewing every change:
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
check() { # name expected actual [input: never rewritten by --update]
  if [ "${UPDATE:-}" = 1 ] && [ "${4:-}" != input ]; then cp "$3" "$2"; fi
  if cmp -s "$2" "$3"; then
    echo "ok - golden $1"; pass=$((pass + 1))
  else
    echo "not ok - golden $1: output differs from $(basename "$2") at $(cmp "$2" "$3" 2>&1 | sed 's/.*differ: //')"
    fail=$((fail + 1))
  fi
}
[ "${1:-}" = --update ] && UPDATE=1
for in in input types; do
  [ $in = input ] && pre=expected || pre=types
  for a in hash mask redact keep pseudo encrypt coarsen; do
    "$SCRUB" -k "$tmp/key" -a all=$a "$g/$in.log" > "$tmp/out.$a" 2> "$tmp/err.$a"
    check "$in $a" "$g/$pre.$a" "$tmp/out.$a"
    # same result through stdin in tiny blocks
    "$SCRUB" -k "$tmp/key" -a all=$a --block-size 3 < "$g/$in.log" > "$tmp/out2.$a"
    check "$in $a (stdin, 3-byte blocks)" "$g/$pre.$a" "$tmp/out2.$a"
  done
  "$SCRUB" -k "$tmp/key" --reveal "$g/$pre.encrypt" > "$tmp/revealed"
  check "$in encrypt, revealed" "$g/$in.log" "$tmp/revealed" input
  # relative: the file member names the file as it was given
  (cd "$g" && "$SCRUB" --findings $in.log) > "$tmp/findings"
  check "$in findings" "$g/$pre.findings" "$tmp/findings"
  (cd "$g" && "$SCRUB" --findings --matcher pcre2 $in.log) > "$tmp/findings2"
  check "$in findings (pcre2 matcher)" "$g/$pre.findings" "$tmp/findings2"
done
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
