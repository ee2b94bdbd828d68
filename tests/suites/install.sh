#!/bin/sh
# `make install` into a temporary prefix (and a DESTDIR staging root),
# then build examples/scrub_filter.c against the *installed* library
# through pkg-config, shared and static, and run it: its tokens must equal
# the CLI's for the same key. Also: only scrub_* symbols are exported; both
# man pages are installed and render without a groff warning; ldconfig
# runs only for a real install by root into a system library directory
# (LDCONFIG points at a recorder here: the tests never run the real one).
root=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
check() { # name status
  if [ "$2" = 0 ]; then echo "ok - $1"; pass=$((pass + 1));
  else echo "not ok - $1"; fail=$((fail + 1)); fi
}
# A stand-in for ldconfig that records its calls (in a directory any user
# may write, for the non-root case below).
rec=$(mktemp -d) && chmod 755 "$rec"
trap 'rm -rf "$tmp" "$rec"' EXIT
printf '#!/bin/sh\necho "ldconfig $*" >> %s/calls\n' "$rec" > "$rec/ldconfig"
chmod 755 "$rec/ldconfig"
: > "$rec/calls" && chmod 666 "$rec/calls"
LDC="LDCONFIG=$rec/ldconfig"
prefix=$tmp/prefix
make -s -C "$root" install PREFIX="$prefix" "$LDC" > "$tmp/make.log" 2>&1
check "make install PREFIX=..." $?
for f in bin/scrub include/scrub.h lib/libscrub.a lib/libscrub.so lib/libscrub.so.0 \
         lib/pkgconfig/scrub.pc share/man/man1/scrub.1 share/man/man5/scrub.conf.5; do
  test -e "$prefix/$f"; check "installed $f" $?
done
[ ! -s "$rec/calls" ]; check "no ldconfig for a private prefix" $?
make -s -C "$root" install PREFIX=/usr/local DESTDIR="$tmp/stage" "$LDC" > /dev/null 2>&1 &&
  test -e "$tmp/stage/usr/local/lib/pkgconfig/scrub.pc" &&
  grep -q '^prefix=/usr/local$' "$tmp/stage/usr/local/lib/pkgconfig/scrub.pc"
check "DESTDIR stages under the real prefix" $?
test -f "$tmp/stage/usr/local/share/man/man5/scrub.conf.5" &&
  test -f "$tmp/stage/usr/local/share/man/man1/scrub.1"
check "DESTDIR install holds both man pages (scrub.1, scrub.conf.5)" $?
[ ! -s "$rec/calls" ]; check "no ldconfig with DESTDIR (a staged install)" $?
# The decision alone (install-ldconfig, the last step of install), for a
# system prefix: as root it runs, as another user it does not.
if [ "$(id -u)" = 0 ]; then
  make -s -C "$root" install-ldconfig PREFIX=/usr/local "$LDC" > /dev/null 2>&1 &&
    grep -q '^ldconfig' "$rec/calls"
  check "ldconfig after a real install by root into /usr/local" $?
  : > "$rec/calls"
  make -s -C "$root" install-ldconfig PREFIX=/usr DESTDIR="$tmp/stage" "$LDC" > /dev/null 2>&1
  [ ! -s "$rec/calls" ]; check "no ldconfig for PREFIX=/usr with DESTDIR" $?
  if command -v setpriv > /dev/null 2>&1; then
    setpriv --reuid=65534 --regid=65534 --clear-groups \
      make -s -C "$root" install-ldconfig PREFIX=/usr/local "$LDC" > /dev/null 2>&1
    [ ! -s "$rec/calls" ]; check "no ldconfig when not root" $?
  fi
else
  make -s -C "$root" install-ldconfig PREFIX=/usr/local "$LDC" > /dev/null 2>&1
  [ ! -s "$rec/calls" ]; check "no ldconfig when not root" $?
fi

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
cp "$tmp/key" "$tmp/key644" && chmod 644 "$tmp/key644"
"$tmp/ex_static" "$tmp/key644" < "$tmp/in" > "$tmp/ex644.out" 2> "$tmp/ex644.err"
[ $? = 2 ] && [ ! -s "$tmp/ex644.out" ] && grep -q 'readable by others' "$tmp/ex644.err"
check "example refuses a key file others can read" $?
"$tmp/ex_static" "$tmp" < "$tmp/in" > /dev/null 2> "$tmp/exdir.err"
[ $? = 2 ] && grep -q 'not a regular file' "$tmp/exdir.err"
check "example refuses a key that is no regular file" $?
MANWIDTH=80 man -l "$prefix/share/man/man1/scrub.1" 2>/dev/null | grep -q 'de-identif\|personal data' ||
  grep -q '^.SH NAME' "$prefix/share/man/man1/scrub.1"
check "man page installed and readable" $?
# Both pages render without a single groff warning (-ww: all of them).
if command -v groff > /dev/null 2>&1; then
  for page in man1/scrub.1 man5/scrub.conf.5; do
    LC_ALL=C.UTF-8 groff -ww -man -Tutf8 "$prefix/share/man/$page" > "$tmp/page.txt" 2> "$tmp/groff.err"
    [ $? = 0 ] && [ ! -s "$tmp/groff.err" ] && [ -s "$tmp/page.txt" ]
    check "$page renders without groff warnings$( [ -s "$tmp/groff.err" ] && echo ": $(head -n 1 "$tmp/groff.err")")" $?
  done
else
  echo "# groff not installed: man page rendering not checked"
fi
grep -q '^\.BR scrub\.conf (5)' "$prefix/share/man/man1/scrub.1"
check "scrub(1) refers to scrub.conf(5)" $?
# Every top-level key and rule field the config loader accepts is in
# scrub.conf(5).
missing=""
for k in $( (sed -n 's/.*!strcmp(k\(ey\)\{0,1\}, "\([a-z_]*\)").*/\2/p' "$root/src/rules/yaml.c" "$root/src/rules/yaml_native.c"
            sed -n 's/.*{"\([a-z_]*\)", load_[a-z_]*, [01]}.*/\1/p' "$root/src/rules/yaml.c") | sort -u); do
  grep -Eq "^\.BR? (.*\")? ?$k( |\$)" "$prefix/share/man/man5/scrub.conf.5" ||
    missing="$missing $k"
done
[ -z "$missing" ]; check "scrub.conf(5) documents every config key${missing:+ (missing:$missing)}" $?
# ... and every validator of src/validate/validate.h's SCRUB_VALIDATORS list.
missing=""
for v in $(sed -n 's/^ *X([A-Z_0-9]*, "\([a-z_0-9]*\)", \(value\|span\).*/\1/p' "$root/src/validate/validate.h"); do
  grep -q "^\.B $v\$" "$prefix/share/man/man5/scrub.conf.5" || missing="$missing $v"
done
[ -z "$missing" ]; check "scrub.conf(5) documents every validator${missing:+ (missing:$missing)}" $?
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
