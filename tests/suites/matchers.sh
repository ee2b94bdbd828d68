#!/bin/sh
# The native matcher's differential test (issue 13): the default matcher
# (native triggers + Hyperscan for the other rules) must give exactly the
# output and findings of --matcher hyperscan (every rule through
# Hyperscan + PCRE2, the path before it) on the bench corpora, the
# realistic corpus, text holding scrub's own tokens and labels, long lines
# cut into parts, candidates that need a later start, the golden and fuzz
# inputs and, when present, the real logs. Failures name the input, the
# mode and the first differing line number, never its bytes.
here=$(cd "$(dirname "$0")/.." && pwd)
root=$(dirname "$here")
SCRUB=${SCRUB:-$root/build/scrub}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0 skip=0
python3 -c "import sys;sys.stdout.buffer.write(bytes.fromhex(open(sys.argv[1]).read().strip()))" \
  "$here/golden/key.hex" > "$tmp/key"
chmod 600 "$tmp/key"
mkdir "$tmp/in"
for s in 1 2; do
  python3 "$root/bench/gen_corpus.py" --seed $s --lines 3000 -q --out "$tmp/in/core$s.log" --labels /dev/null
  python3 "$root/bench/gen_corpus.py" --seed $s --lines 3000 -q --extended --out "$tmp/in/ext$s.log" --labels /dev/null
  python3 "$root/bench/gen_corpus.py" --seed $s --lines 2000 -q --dense --out "$tmp/in/dense$s.log" --labels /dev/null
  python3 "$root/bench/gen_corpus.py" --seed $s --lines 2000 -q --hard --out "$tmp/in/hard$s.log" --labels /dev/null
  for suite in classic more; do
    python3 "$root/bench/realistic/gen.py" --seed $s --suite $suite --out "$tmp/in/real-$suite$s.log" > /dev/null 2>&1
  done
done
rm -f "$tmp"/in/*.labels "$tmp"/in/*.decoys "$tmp"/in/*.families
cp "$here/golden/input.log" "$tmp/in/golden.log"
cp "$here/golden/types.log" "$tmp/in/types.log"
# scrub's own output: tokens and labels everywhere, glued to text
for a in hash redact encrypt pseudo; do
  "$SCRUB" -k "$tmp/key" -a all=$a "$tmp/in/real-classic1.log" > "$tmp/in/tokens-$a.log"
done
# long lines: whole files as one line of 200 kB and more, scanned in parts
for f in real-classic1 dense1 ext1; do
  tr '\n' ' ' < "$tmp/in/$f.log" > "$tmp/in/longline-$f.log"
done
# values whose leftmost start loses to a longer neighbour (a later start)
cat > "$tmp/in/refine.log" <<'T'
oaid:abcdefgh+86 138-2468-5678 done
deviceid=6D92078A-8246-4BA4-AE5B-76104861E7DC13812345678 x
abcd+86 139-1234-5678 ts=2024-03-11T12:53:31.347+08:00 id=13812345678
"time":"12:30:45","ts":"a:ts:13812345678","order_id":"6222021234567890128"
mac 00:1a:2b:3c:4d:5e:6f ipv6 1:2:3:4:5:6:7:8:9 fe80::1%eth0:22
T
for f in "$here"/fuzz/corpus/engine/*; do
  cp "$f" "$tmp/in/fuzz-$(basename "$f")"
done
corpus="$root/../shared/corpus"
if [ -d "$corpus" ]; then
  for f in "$corpus"/loghub/*.log "$corpus"/real/elastic-examples_*; do
    [ -f "$f" ] && cp "$f" "$tmp/in/realog-$(basename "$f")"
  done
else
  skip=$((skip + 1)); echo "ok - real logs # SKIP ../shared/corpus is absent"
fi

# compare NAME MODE ARGS...: native vs hyperscan on one input
compare() {
  f=$1; m=$2; shift 2
  "$SCRUB" -j1 --matcher native "$@" < "$tmp/in/$f" > "$tmp/a" 2> "$tmp/ea"; ra=$?
  "$SCRUB" -j1 --matcher hyperscan "$@" < "$tmp/in/$f" > "$tmp/b" 2> "$tmp/eb"; rb=$?
  if [ $ra = $rb ] && cmp -s "$tmp/a" "$tmp/b"; then
    pass=$((pass + 1))
  else
    line=$(cmp "$tmp/a" "$tmp/b" 2>&1 | sed -n 's/.* line \([0-9]*\).*/\1/p')
    echo "not ok - matchers: $f $m: native and hyperscan differ (exit $ra/$rb, first at line ${line:-?})"
    fail=$((fail + 1))
  fi
}
n=0
for f in $(ls "$tmp/in"); do
  compare "$f" findings --findings
  compare "$f" redact -a all=redact
  compare "$f" hash -k "$tmp/key"
  case "$f" in longline-*|refine.log|fuzz-*)
    compare "$f" "findings, 4 kB blocks" --findings --block-size 4096 ;;
  esac
  n=$((n + 1))
done
echo "ok - matchers: $pass comparisons on $n inputs"
echo "$pass passed, $fail failed${skip:+, $skip skipped}" | sed 's/, 0 skipped//'
[ "$fail" = 0 ]
