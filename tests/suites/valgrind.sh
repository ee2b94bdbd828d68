#!/bin/sh
# End-to-end runs of the CLI under valgrind memcheck: no invalid access, no
# use of uninitialised memory, no leak (--leak-check=full), in text mode,
# --findings, -j 2 and with a config holding key rules and allow lists;
# the output must equal that of the same run without valgrind.
# Skipped (0 passed, 0 failed, 1 skipped) without valgrind, or when $SCRUB
# is a sanitizer build (ASan and valgrind do not mix).
# Binary: $SCRUB (default <repo>/build/scrub).
here=$(cd "$(dirname "$0")/.." && pwd)
root=$(dirname "$here")
SCRUB=${SCRUB:-$root/build/scrub}
pass=0 fail=0

if ! command -v valgrind > /dev/null 2>&1; then
  echo "skip - valgrind not installed"
  echo "0 passed, 0 failed, 1 skipped"
  exit 0
fi
if grep -q -a -e __asan_init -e __tsan_init "$SCRUB" 2> /dev/null; then
  echo "skip - $SCRUB is a sanitizer build"
  echo "0 passed, 0 failed, 1 skipped"
  exit 0
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 -c "import sys;sys.stdout.buffer.write(bytes.fromhex(open(sys.argv[1]).read().strip()))" \
  "$here/golden/key.hex" > "$tmp/key"
chmod 600 "$tmp/key"
cat > "$tmp/config.yml" <<'EOF'
actions:
  all: mask
  EMAIL: hash
  MEMBER_ID: redact
disable: [imei.grouped14]
allow:
  values: [13812345678]
  cidrs: [203.0.113.0/24, '2001:db8::/32']
rules:
  - id: acme.member
    type: MEMBER_ID
    keys: [member_id, memberNo]
    value: 'M[0-9]{8}'
    right: '(?![0-9A-Za-z])'
  - id: acme.order
    type: ORDER_ID
    pattern: 'ORD-[0-9]{10}'
    left: '(?<![A-Za-z0-9-])'
    right: '(?![0-9])'
EOF
# Every built-in type, context keys, CRLF, invalid UTF-8, no final newline.
{
  cat "$root/samples/app.log"
  printf '{"member_id":"M12345678","imsi":"460001234567890","password":"hunter2"}\r\n'
  printf 'order ORD-1234567890 \377\376 name=\345\274\240\344\274\237 phone=13912345678'
} > "$tmp/input.log"

vg() { # name expected-status args... (stdin: $tmp/input.log)
  name=$1 want=$2
  shift 2
  "$SCRUB" "$@" < "$tmp/input.log" > "$tmp/plain.out" 2> "$tmp/plain.err"
  plain=$?
  valgrind --error-exitcode=99 --leak-check=full --track-fds=no -q \
    --log-file="$tmp/vg.log" "$SCRUB" "$@" < "$tmp/input.log" \
    > "$tmp/vg.out" 2> "$tmp/vg.err"
  status=$?
  if [ "$status" = 99 ] || [ -s "$tmp/vg.log" ]; then
    echo "not ok - valgrind $name: memcheck errors (exit $status)"
    sed 's/^/#   /' "$tmp/vg.log" | head -n 40
    fail=$((fail + 1))
  elif [ "$status" != "$want" ] || [ "$plain" != "$want" ]; then
    echo "not ok - valgrind $name: exit $status (without valgrind $plain), expected $want"
    fail=$((fail + 1))
  elif ! cmp -s "$tmp/plain.out" "$tmp/vg.out"; then
    echo "not ok - valgrind $name: output differs from the run without valgrind"
    fail=$((fail + 1))
  else
    echo "ok - valgrind $name"
    pass=$((pass + 1))
  fi
}

vg "text mode" 0 -k "$tmp/key" -j 1
vg "--findings" 0 -k "$tmp/key" --findings -j 1
vg "-j 2, mask, small blocks" 0 -k "$tmp/key" -j 2 -a all=mask --block-size 64
vg "config with key rules and allow lists, --line-buffered" 0 \
  -k "$tmp/key" -c "$tmp/config.yml" --line-buffered -j 1
printf 'rules:\n  - id: x\n    type: X\n    pattern: "(unclosed"\n' > "$tmp/bad.yml"
vg "config error exits 2 cleanly" 2 -k "$tmp/key" -c "$tmp/bad.yml"
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
