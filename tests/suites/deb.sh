#!/bin/sh
# deb.sh — `make deb` in a temporary copy of the tree, then the three
# packages inspected with dpkg-deb (nothing is installed):
#
#   scrub         /usr/bin/scrub (which runs from the unpacked package, and
#                 has --kafka),
#                 both man pages, the systemd units as in dist/systemd/,
#                 /etc/scrub, /var/log/scrub, tmpfiles, logrotate, examples;
#                 depends on the libraries it links, not on libscrub0
#   libscrub0     libscrub.so.0 (soname), a symbols file naming exactly
#                 the exported functions, shlibs, the ldconfig trigger
#   libscrub-dev  scrub.h, libscrub.a, libscrub.so, scrub.pc for /usr;
#                 depends on libscrub0 of the same version and on the
#                 -dev packages scrub.pc requires
#
# and the version (epoch 1: Debian's unrelated package "scrub" is 2.6.1)
# matches the Makefile and scrub.h. Skipped (`0 passed, 0 failed,
# 1 skipped`) when dpkg-buildpackage, dh or a build dependency is
# missing: `make deb` installs them, `make check` does not.
set -u
# (the real tree: make check-asan runs the suites from a tree of symlinks)
here=$(cd "$(dirname "$0")" && pwd -P)
root=$(dirname "$(dirname "$here")")
. "$root/tests/lib/daemon.sh"

command -v dpkg-buildpackage > /dev/null 2>&1 && command -v dh > /dev/null 2>&1 ||
  skip_all "dpkg-buildpackage or dh not installed (make deb installs debhelper)"
(cd "$root" && dpkg-checkbuilddeps) > /dev/null 2>&1 ||
  skip_all "build dependencies of debian/control missing: $(cd "$root" && dpkg-checkbuilddeps 2>&1 | head -n 1)"

make_tmp scrub-deb
version=$(sed -n 's/^VERSION := //p' "$root/Makefile")
arch=$(dpkg --print-architecture)
multiarch=$(dpkg-architecture -qDEB_HOST_MULTIARCH)

# -------------------------------------------------------------- versions
[ "$(dpkg-parsechangelog -l "$root/debian/changelog" -S Version)" = "1:$version" ] &&
  grep -q "#define SCRUB_VERSION_STRING \"$version\"" "$root/include/scrub.h"
if [ $? = 0 ]; then
  ok "debian/changelog is 1:$version, as the Makefile and scrub.h say"
else
  not_ok "debian/changelog ($(dpkg-parsechangelog -l "$root/debian/changelog" -S Version)), Makefile ($version) and scrub.h agree"
fi

# ----------------------------------------------------------------- build
mkdir "$tmp/src"
(cd "$root" && tar -cf - --exclude=./.git --exclude=./build --exclude=./build-asan .) |
  tar -xf - -C "$tmp/src"
if make -s -C "$tmp/src" deb > "$tmp/make.log" 2>&1; then
  ok "make deb"
else
  not_ok "make deb: $(tail -n 5 "$tmp/make.log" | tr '\n' ' ')"
  summary
  exit 1
fi
d="$tmp/src/build/deb"
for p in scrub libscrub0 libscrub-dev; do
  f="$d/${p}_${version}_$arch.deb"
  if [ -f "$f" ] && [ "$(dpkg-deb -f "$f" Version)" = "1:$version" ]; then
    ok "$p: build/deb/$(basename "$f"), version 1:$version"
  else
    not_ok "$p: build/deb/${p}_${version}_$arch.deb, version 1:$version"
  fi
  dpkg-deb -c "$f" 2>/dev/null | awk '{print $6}' | sed 's#^\./#/#' > "$tmp/$p.files"
  mkdir -p "$tmp/x/$p"
  dpkg-deb -x "$f" "$tmp/x/$p" 2>/dev/null
done
left=""
for f in debian/.debhelper debian/files debian/tmp debian/scrub debian/debhelper-build-stamp; do
  [ -e "$tmp/src/$f" ] && left="$left $f"
done
if [ -z "$left" ] && [ -d "$d/scrub-$version/debian/.debhelper" ]; then
  ok "the build ran in build/deb/scrub-$version/, the tree stays clean"
else
  not_ok "the build ran in build/deb/scrub-$version/, the tree stays clean (left:$left)"
fi

# ----------------------------------------------------------------- files
# has PACKAGE PATH...: each path is in the package
has() {
  p=$1; shift
  miss=""
  for f in "$@"; do grep -qxF "$f" "$tmp/$p.files" || miss="$miss $f"; done
  if [ -z "$miss" ]; then ok "$p holds $*"; else not_ok "$p lacks$miss"; fi
}
lacks() { # PACKAGE REGEX WHAT
  if grep -q "$2" "$tmp/$1.files"; then not_ok "$1 holds no $3"; else ok "$1 holds no $3"; fi
}
has scrub /usr/bin/scrub
has scrub /usr/share/man/man1/scrub.1.gz /usr/share/man/man5/scrub.conf.5.gz
has scrub "/lib/systemd/system/scrub@.service" "/lib/systemd/system/scrub@.socket"
has scrub /etc/scrub/ /var/log/scrub/ /usr/lib/tmpfiles.d/scrub.conf /etc/logrotate.d/scrub
has scrub /usr/share/doc/scrub/examples/scrub.yml \
  /usr/share/doc/scrub/examples/rsyslog/ompipe-fifo.conf \
  /usr/share/doc/scrub/examples/rsyslog/scrub.conf /usr/share/doc/scrub/copyright
lacks scrub 'libscrub\|\.h$' "library or header"
has libscrub0 "/usr/lib/$multiarch/libscrub.so.0.1.0" "/usr/lib/$multiarch/libscrub.so.0"
lacks libscrub0 '\.a$\|\.h$\|libscrub\.so$\|/bin/' "static library, header, link or program"
has libscrub-dev /usr/include/scrub.h "/usr/lib/$multiarch/libscrub.a" \
  "/usr/lib/$multiarch/libscrub.so" "/usr/lib/$multiarch/pkgconfig/scrub.pc" \
  /usr/share/doc/libscrub-dev/examples/scrub_filter.c
lacks libscrub-dev 'libscrub\.so\.0' "shared library (that is libscrub0)"

x="$tmp/x"
for u in "scrub@.service" "scrub@.socket"; do
  if cmp -s "$root/dist/systemd/$u" "$x/scrub/lib/systemd/system/$u"; then
    ok "scrub: $u is dist/systemd/$u"
  else
    not_ok "scrub: $u is dist/systemd/$u"
  fi
done
zcat "$x/scrub/usr/share/man/man5/scrub.conf.5.gz" 2>/dev/null | grep -q '^\.TH SCRUB\.CONF 5' &&
  zcat "$x/scrub/usr/share/man/man1/scrub.1.gz" 2>/dev/null | grep -q '^\.TH SCRUB 1'
if [ $? = 0 ]; then ok "scrub: man pages scrub(1) and scrub.conf(5)"; else not_ok "scrub: man pages scrub(1) and scrub.conf(5)"; fi
if grep -q '^d /var/log/scrub 2750 root adm' "$x/scrub/usr/lib/tmpfiles.d/scrub.conf"; then
  ok "scrub: tmpfiles makes /var/log/scrub 2750 root:adm"
else
  not_ok "scrub: tmpfiles makes /var/log/scrub 2750 root:adm"
fi
if dpkg-deb -I "$d/scrub_${version}_$arch.deb" conffiles 2>/dev/null | grep -qx /etc/logrotate.d/scrub; then
  ok "scrub: /etc/logrotate.d/scrub is a conffile"
else
  not_ok "scrub: /etc/logrotate.d/scrub is a conffile"
fi

# ---------------------------------------------------------- dependencies
dep() { dpkg-deb -f "$d/${1}_${version}_$arch.deb" Depends; }
case "$arch" in amd64) hs=libhyperscan ;; *) hs=libvectorscan ;; esac
# The program links libhs statically when the archive is there (the
# Makefile's HS_ARCHIVE): then no libhyperscan dependency, but the
# package names the Hyperscan source it carries (Static-Built-Using).
miss=""
libs="libpcre2-8-0 libsodium23 libyaml-0-2 libjansson4 librdkafka1"
dpkg-deb --fsys-tarfile "$d/scrub_${version}_$arch.deb" |
  tar -xOf - ./usr/bin/scrub > "$x/scrub.bin"
if objdump -p "$x/scrub.bin" | grep -q 'NEEDED.*libhs'; then
  libs="${hs}5 $libs"
elif ! dpkg-deb -f "$d/scrub_${version}_$arch.deb" Static-Built-Using |
     grep -Eq '^(hyperscan|vectorscan) \(= [^)]+\)$'; then
  miss="$miss Static-Built-Using:hyperscan"
fi
for l in $libs; do
  dep scrub | grep -q "$l" || miss="$miss $l"
done
if [ -z "$miss" ] && ! dep scrub | grep -q libscrub; then
  ok "scrub: depends on the libraries it links (libscrub is linked in)"
else
  not_ok "scrub: depends on the libraries it links:${miss:+ missing$miss} ($(dep scrub))"
fi
if dep libscrub0 | grep -q "${hs}5" && dep libscrub0 | grep -q libsodium23; then
  ok "libscrub0: depends on the libraries it links"
else
  not_ok "libscrub0: depends on the libraries it links ($(dep libscrub0))"
fi
miss=""
for l in "libscrub0 (= 1:$version)" "${hs}-dev" libpcre2-dev libsodium-dev libyaml-dev; do
  dep libscrub-dev | grep -qF "$l" || miss="$miss [$l]"
done
if [ -z "$miss" ]; then
  ok "libscrub-dev: depends on libscrub0 (= 1:$version) and what scrub.pc requires"
else
  not_ok "libscrub-dev: depends on$miss ($(dep libscrub-dev))"
fi

# ------------------------------------------------------- shared library
lib0="$d/libscrub0_${version}_$arch.deb"
soname=$(objdump -p "$x/libscrub0/usr/lib/$multiarch/libscrub.so.0.1.0" 2>/dev/null | awk '/SONAME/ {print $2}')
[ "$soname" = libscrub.so.0 ]; r=$?
if [ $r = 0 ]; then ok "libscrub0: soname libscrub.so.0"; else not_ok "libscrub0: soname libscrub.so.0 (not $soname)"; fi
dpkg-deb -I "$lib0" symbols 2>/dev/null | sed -n 's/^ \([a-z_0-9]*\)@Base .*/\1/p' | sort > "$tmp/symbols"
nm -D --defined-only "$x/libscrub0/usr/lib/$multiarch/libscrub.so.0.1.0" | awk '{print $3}' | sort > "$tmp/exported"
if [ -s "$tmp/symbols" ] && cmp -s "$tmp/symbols" "$tmp/exported"; then
  ok "libscrub0: the symbols file names exactly the $(wc -l < "$tmp/exported" | tr -d ' ') exported functions"
else
  not_ok "libscrub0: the symbols file names exactly the exported functions ($(comm -3 "$tmp/symbols" "$tmp/exported" | tr -d '\t' | tr '\n' ' '))"
fi
if dpkg-deb -I "$lib0" shlibs 2>/dev/null | grep -qx "libscrub 0 libscrub0 (>= 1:$version)" &&
   dpkg-deb -I "$lib0" triggers 2>/dev/null | grep -q 'activate-noawait ldconfig'; then
  ok "libscrub0: shlibs, and the ldconfig trigger"
else
  not_ok "libscrub0: shlibs, and the ldconfig trigger"
fi
pc="$x/libscrub-dev/usr/lib/$multiarch/pkgconfig/scrub.pc"
if grep -qx 'prefix=/usr' "$pc" && grep -qx "libdir=/usr/lib/$multiarch" "$pc" &&
   grep -qx "Version: $version" "$pc"; then
  ok "libscrub-dev: scrub.pc for /usr and /usr/lib/$multiarch"
else
  not_ok "libscrub-dev: scrub.pc for /usr and /usr/lib/$multiarch"
fi

# ------------------------------------------------------------ the program
bin="$x/scrub/usr/bin/scrub"
if readelf -d "$bin" 2>/dev/null | grep -q 'BIND_NOW\|FLAGS.*NOW' &&
   readelf -l "$bin" 2>/dev/null | grep -q GNU_RELRO; then
  ok "scrub: built with full RELRO (the packaging's hardening flags reach the link)"
else
  not_ok "scrub: built with full RELRO (LDFLAGS)"
fi
"$bin" --version 2>/dev/null | grep -q "^scrub $version "
if [ $? = 0 ]; then ok "scrub --version from the package says $version"; else not_ok "scrub --version from the package says $version"; fi
# (on standard input only: a file argument given to the wrong "scrub"
# would be overwritten)
"$bin" -k "$tmp/key" < "$root/samples/app.log" > "$tmp/app.out" 2> "$tmp/app.err"
if [ $? = 0 ] && grep -q 'PHONE_' "$tmp/app.out" && ! grep -q 13812345678 "$tmp/app.out" &&
   [ "$(wc -l < "$tmp/app.out")" = "$(wc -l < "$root/samples/app.log")" ]; then
  ok "scrub from the package scrubs samples/app.log"
else
  not_ok "scrub from the package scrubs samples/app.log ($(head -c 200 "$tmp/app.err"))"
fi
# (without --from: a build with Kafka support asks for it, one without
# says so; neither connects anywhere)
"$bin" -k "$tmp/key" --kafka 127.0.0.1:9 < /dev/null > /dev/null 2> "$tmp/kafka.err"
if grep -q "needs --from" "$tmp/kafka.err"; then
  ok "scrub from the package has --kafka"
else
  not_ok "scrub from the package has --kafka ($(head -n 1 "$tmp/kafka.err"))"
fi
summary
