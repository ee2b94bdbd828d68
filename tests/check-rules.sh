#!/bin/sh
# Every example and negative example of every built-in rule, on both the
# Hyperscan and the PCRE2 path (scrub --check-rules).
out=$("$SCRUB" --check-rules)
status=$?
echo "$out"
n=$("$SCRUB" --list-rules | wc -l)
if [ $status = 0 ] && [ "$n" -gt 0 ]; then
  echo "ok - examples of $n rules"
  echo "1 passed, 0 failed"
else
  echo "not ok - rule examples"
  echo "0 passed, 1 failed"
  exit 1
fi
