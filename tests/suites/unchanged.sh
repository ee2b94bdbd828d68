#!/bin/sh
# Proof that a refactoring changed nothing: every action's output and
# the findings (both matchers) on gen_corpus, realistic, golden, fuzz and
# real-log inputs hash as in tests/unchanged/manifest, which the build
# before the issue 12 redesign wrote (tests/unchanged/run). A change of
# behaviour on purpose rewrites the manifest, in its own commit:
#   tests/unchanged/run build/scrub > tests/unchanged/manifest
here=$(cd "$(dirname "$0")/.." && pwd)
root=$(dirname "$here")
SCRUB=${SCRUB:-$root/build/scrub}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if ! sh "$here/unchanged/run" "$SCRUB" > "$tmp/now" 2> "$tmp/err"; then
  echo "not ok - unchanged: the run failed: $(head -n 1 "$tmp/err")"
  echo "0 passed, 1 failed"; exit 1
fi
pass=0 fail=0 skip=0
while read -r hash file mode; do
  got=$(awk -v f="$file" -v m="$mode" '$2 == f && $3 == m { print $1 }' "$tmp/now")
  case "$file" in real-*) [ -z "$got" ] && { skip=$((skip + 1)); continue; } ;; esac
  if [ "$got" = "$hash" ]; then
    pass=$((pass + 1))
  else
    echo "not ok - unchanged: $file $mode: output differs from the manifest"
    fail=$((fail + 1))
  fi
done < "$here/unchanged/manifest"
echo "ok - unchanged: $pass (input, mode) outputs as in the manifest"
[ "$skip" -gt 0 ] && echo "ok - unchanged: real logs # SKIP ../shared/corpus is absent ($skip)"
echo "$pass passed, $fail failed${skip:+, $skip skipped}" | sed 's/, 0 skipped//'
[ "$fail" = 0 ]
