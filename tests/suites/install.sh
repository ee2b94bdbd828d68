#!/bin/sh
# `make install` into a temporary prefix (and a DESTDIR staging root),
# then build examples/scrub_filter.c against the *installed* library
# through pkg-config, shared and static, and run it: its tokens must equal
# the CLI's for the same key. Also: only scrub_* symbols are exported.
root=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
check() { # name status
  if [ "$2" = 0 ]; then echo "ok - $1"; pass=$((pass + 1));
  else echo "not ok - $1"; fail=$((fail + 1)); fi
}
prefix=$tmp/prefix
make -s -C "$root" install PREFIX="$prefix" > "$tmp/make.log" 2>&1
check "make install PREFIX=..." $?
for f in bin/scrub include/scrub.h lib/libscrub.a lib/libscrub.so lib/libscrub.so.0 \
         lib/pkgconfig/scrub.pc share/man/man1/scrub.1; do
  test -e "$prefix/$f"; check "installed $f" $?
done
make -s -C "$root" install PREFIX=/usr/local DESTDIR="$tmp/stage" > /dev/null 2>&1 &&
  test -e "$tmp/stage/usr/local/lib/pkgconfig/scrub.pc" &&
  grep -q '^prefix=/usr/local$' "$tmp/stage/usr/local/lib/pkgconfig/scrub.pc"
check "DESTDIR stages under the real prefix" $?

bad=$(nm -D --defined-only "$prefix/lib/libscrub.so" | awk '$2 == "T" || $2 == "D" || $2 == "B" || $2 == "R" {print $3}' | grep -v '^scrub_' | head -3)
[ -z "$bad" ]; check "only scrub_* symbols exported${bad:+ (also: $bad)}" $?
soname=$(objdump -p "$prefix/lib/libscrub.so" 2>/dev/null | awk '/SONAME/ {print $2}')
[ "$soname" = libscrub.so.0 ]; check "soname libscrub.so.0" $?

export PKG_CONFIG_PATH="$prefix/lib/pkgconfig"
# An ASan build of the library needs the example built with it too.
san=${SCRUB_SANITIZER:+-fsanitize=$SCRUB_SANITIZER,undefined}
# shellcheck disable=SC2046
cc $san -Wall -Wextra -Werror -o "$tmp/ex_shared" "$root/examples/scrub_filter.c" \
   $(pkg-config --cflags --libs scrub) 2> "$tmp/cc1.log"
check "example builds against the installed shared library" $?
# shellcheck disable=SC2046
cc $san -Wall -Wextra -Werror -o "$tmp/ex_static" "$root/examples/scrub_filter.c" \
   $(pkg-config --cflags scrub) "$prefix/lib/libscrub.a" \
   $(pkg-config --static --libs-only-l --libs-only-other scrub | sed 's/-lscrub//') 2> "$tmp/cc2.log"
check "example builds against the installed static library" $?

python3 -c "import sys; sys.stdout.buffer.write(bytes(range(40, 72)))" > "$tmp/key"
chmod 600 "$tmp/key"
printf 'user 13812345678 from 10.1.2.3 mail a.b@example.com\nno data here\n' > "$tmp/in"
"$prefix/bin/scrub" -k "$tmp/key" "$tmp/in" > "$tmp/cli.out"
LD_LIBRARY_PATH="$prefix/lib" "$tmp/ex_shared" "$tmp/key" < "$tmp/in" > "$tmp/ex.out" 2> "$tmp/ex.err"
check "example runs" $?
cmp -s "$tmp/cli.out" "$tmp/ex.out"; check "example output equals the CLI's (same key, same tokens)" $?
grep -q '^PHONE 1$' "$tmp/ex.err"; check "example reports findings per type" $?
ldd "$tmp/ex_shared" | grep -q "$prefix/lib/libscrub.so.0" 2>/dev/null ||
  LD_LIBRARY_PATH="$prefix/lib" ldd "$tmp/ex_shared" | grep -q "$prefix/lib/libscrub.so.0"
check "example is linked to the installed libscrub.so.0" $?
"$tmp/ex_static" "$tmp/key" mask < "$tmp/in" 2>/dev/null | grep -q '138\*\*\*\*5678'
check "static example masks" $?
MANWIDTH=80 man -l "$prefix/share/man/man1/scrub.1" 2>/dev/null | grep -q 'de-identif\|personal data' ||
  grep -q '^.SH NAME' "$prefix/share/man/man1/scrub.1"
check "man page installed and readable" $?
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
