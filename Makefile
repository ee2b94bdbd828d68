# scrub — build, test and install. `make run` and `make check` install
# missing Debian packages first (tools/install-deps), and so does `make deb`
# (the Debian packages, in build/deb/).
PREFIX ?= /usr/local
DESTDIR ?=
CC ?= cc
PKGS := libhs libpcre2-8 libsodium yaml-0.1
CLI_PKGS := jansson
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
# Everything a program linked with libscrub.a needs (Hyperscan is C++).
LIBS := $(PKG_LIBS) -lstdc++ -lm
# The program links Hyperscan statically when its archive is there
# (libhyperscan-dev ships it): resolving the C++ library's symbols was a
# third of scrub's start-up. The shared library keeps linking it
# dynamically.
HS_ARCHIVE := $(wildcard $(shell pkg-config --variable=libdir libhs 2>/dev/null)/libhs.a)
PROG_LIBS := $(if $(HS_ARCHIVE),$(HS_ARCHIVE) $(filter-out -lhs,$(PKG_LIBS)),$(PKG_LIBS)) -lstdc++ -lm

WARN := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wformat=2
CFLAGS ?= -O2 -g
CPPFLAGS += -D_GNU_SOURCE -Iinclude -Isrc $(PKG_CFLAGS)
# Each object's header dependencies, written as it is compiled.
DEPFLAGS = -MMD -MP
ALL_CFLAGS = -std=c11 $(WARN) $(CFLAGS)
LIB_CFLAGS = $(ALL_CFLAGS) -fPIC -fvisibility=hidden -DSCRUB_BUILDING_LIBRARY

B := build
# The library: a folder per stage of the data path (README "How it works").
LIB_SRC := $(filter-out src/cli/%,$(wildcard src/*/*.c))
CLI_SRC := $(wildcard src/cli/*.c)

# Kafka mode (src/cli/kafka*.c) only when librdkafka is there; without
# it `scrub --kafka` says "built without Kafka support". The library never
# uses Kafka.
HAVE_KAFKA ?= $(shell pkg-config --exists rdkafka && echo 1)
ifeq ($(HAVE_KAFKA),1)
KAFKA_CPPFLAGS := -DSCRUB_HAVE_KAFKA $(shell pkg-config --cflags rdkafka)
KAFKA_LIBS := $(shell pkg-config --libs rdkafka)
KAFKA_TEST_BINS := $(B)/kafka_mock
else
CLI_SRC := $(filter-out src/cli/kafka%.c,$(CLI_SRC))
endif
PATTERNS := $(sort $(wildcard patterns/*.yml))
CORE_OBJ := $(LIB_SRC:src/%.c=$(B)/lib/%.o)
LIB_OBJ := $(CORE_OBJ) $(B)/lib/builtin_patterns.o
CLI_OBJ := $(CLI_SRC:src/cli/%.c=$(B)/cli/%.o)

VERSION := 0.1.0
SONAME := libscrub.so.0
LIBDIR ?= $(PREFIX)/lib
INCLUDEDIR ?= $(PREFIX)/include
MANDIR ?= $(PREFIX)/share/man
LDCONFIG ?= ldconfig

.PHONY: all deps run check test clean install install-ldconfig uninstall \
  lint format deb
all: $(B)/scrub $(B)/libscrub.a $(B)/libscrub.so.$(VERSION) $(B)/scrub.pc

deps:
	@sh tools/install-deps

run: deps
	@$(MAKE) --no-print-directory all
	$(B)/scrub samples/app.log

check: deps
	@$(MAKE) --no-print-directory all $(B)/unit_tests kafka-test-bins
	@sh tests/run-all

test: check

$(B)/embed: tools/embed.c | $(B)
	$(CC) -O2 -o $@ $<

# Two stages: the rules alone build mkdb, which compiles and serialises
# their Hyperscan database; the library embeds rules and database.
$(B)/stage1_patterns.c: $(PATTERNS) $(B)/embed
	$(B)/embed $@ $(PATTERNS)

$(B)/lib/stage1_patterns.o: $(B)/stage1_patterns.c | $(B)/lib
	$(CC) $(CPPFLAGS) $(DEPFLAGS) $(LIB_CFLAGS) -c -o $@ $<

$(B)/mkdb: tools/mkdb.c $(CORE_OBJ) $(B)/lib/stage1_patterns.o
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $^ $(LIBS)

$(B)/builtin.hsdb: $(B)/mkdb
	$(B)/mkdb $@ $(B)/builtin.sig

$(B)/builtin_patterns.c: $(PATTERNS) $(B)/embed $(B)/builtin.hsdb
	$(B)/embed $@ --db $(B)/builtin.hsdb $(B)/builtin.sig $(PATTERNS)

$(B)/lib/builtin_patterns.o: $(B)/builtin_patterns.c | $(B)/lib
	$(CC) $(CPPFLAGS) $(DEPFLAGS) $(LIB_CFLAGS) -c -o $@ $<

$(B)/lib/%.o: src/%.c | $(B)/lib
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(DEPFLAGS) $(LIB_CFLAGS) -c -o $@ $<

$(B)/cli/%.o: src/cli/%.c | $(B)/cli
	$(CC) $(CPPFLAGS) $(DEPFLAGS) $(KAFKA_CPPFLAGS) $(ALL_CFLAGS) -c -o $@ $<

-include $(CORE_OBJ:.o=.d) $(CLI_OBJ:.o=.d) $(B)/lib/builtin_patterns.d \
  $(B)/lib/stage1_patterns.d

# The program's objects are built again when Kafka support comes or goes.
KAFKA_STAMP := $(B)/kafka-$(if $(filter 1,$(HAVE_KAFKA)),on,off).stamp
$(KAFKA_STAMP): | $(B)
	rm -f $(B)/kafka-*.stamp && touch $@
$(CLI_OBJ): $(KAFKA_STAMP)

$(B)/libscrub.a: $(LIB_OBJ)
	rm -f $@ && ar rcs $@ $^

# The shared library exports only the SCRUB_API functions of scrub.h:
# everything else is compiled with hidden visibility.
$(B)/libscrub.so.$(VERSION): $(LIB_OBJ)
	$(CC) $(LDFLAGS) -shared -Wl,-soname,$(SONAME) -Wl,--no-undefined -o $@ $^ \
	  $(LIBS)
	ln -sf libscrub.so.$(VERSION) $(B)/$(SONAME)
	ln -sf $(SONAME) $(B)/libscrub.so

PC_SED = sed -e 's|@PREFIX@|$(PREFIX)|; s|@LIBDIR@|$(LIBDIR)|; \
  s|@INCLUDEDIR@|$(INCLUDEDIR)|; s|@VERSION@|$(VERSION)|; s|@REQUIRES@|$(PKGS)|'

# (install writes its own: the prefix is known only then)
$(B)/scrub.pc: scrub.pc.in Makefile | $(B)
	$(PC_SED) $< > $@

$(B)/scrub: $(CLI_OBJ) $(B)/libscrub.a
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $(CLI_OBJ) $(B)/libscrub.a $(PROG_LIBS) \
	  $(shell pkg-config --libs $(CLI_PKGS)) $(KAFKA_LIBS) -pthread

# A Kafka protocol peer for tests/suites/kafka.py and bench/kafka-bench:
# librdkafka's mock cluster on loopback (nothing to build without it).
.PHONY: kafka-test-bins
kafka-test-bins: $(KAFKA_TEST_BINS)

$(B)/kafka_mock: tests/kafka/mock_cluster.c | $(B)
	$(CC) $(CPPFLAGS) $(KAFKA_CPPFLAGS) $(ALL_CFLAGS) -o $@ $< $(KAFKA_LIBS) -pthread

# The unit tests: a file per stage (tests/unit/README.md), linked with the
# static library, whose hidden internals they may call.
UNIT_SRC := $(wildcard tests/unit/*.c)
$(B)/unit_tests: $(UNIT_SRC) tests/unit/helpers.h $(B)/libscrub.a \
  $(wildcard src/*/*.h)
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -Wno-shadow $(shell pkg-config --cflags check) \
	  -o $@ $(UNIT_SRC) $(B)/libscrub.a $(LIBS) $(shell pkg-config --libs check)

$(B)/hsprobe: bench/hsprobe.c $(B)/libscrub.a
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -o $@ $< $(B)/libscrub.a $(LIBS)

# ns per hash token and per part of one (bench/tokbench.c; issue 13).
$(B)/tokbench: bench/tokbench.c $(B)/libscrub.a $(wildcard src/*/*.h)
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -o $@ $< $(B)/libscrub.a $(LIBS)

$(B) $(B)/lib $(B)/cli:
	mkdir -p $@

lint:
	cppcheck --quiet --error-exitcode=1 --enable=warning,portability \
	  --inline-suppr -D_GNU_SOURCE -Iinclude -Isrc src

format:
	clang-format -i src/*/*.c src/*/*.h include/*.h

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(LIBDIR)/pkgconfig \
	  $(DESTDIR)$(INCLUDEDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man5
	install -m 755 $(B)/scrub $(DESTDIR)$(PREFIX)/bin/scrub
	install -m 644 include/scrub.h $(DESTDIR)$(INCLUDEDIR)/scrub.h
	install -m 644 $(B)/libscrub.a $(DESTDIR)$(LIBDIR)/libscrub.a
	install -m 755 $(B)/libscrub.so.$(VERSION) $(DESTDIR)$(LIBDIR)/
	ln -sf libscrub.so.$(VERSION) $(DESTDIR)$(LIBDIR)/$(SONAME)
	ln -sf $(SONAME) $(DESTDIR)$(LIBDIR)/libscrub.so
	$(PC_SED) scrub.pc.in > $(DESTDIR)$(LIBDIR)/pkgconfig/scrub.pc
	install -m 644 doc/scrub.1 $(DESTDIR)$(MANDIR)/man1/scrub.1
	install -m 644 doc/scrub.conf.5 $(DESTDIR)$(MANDIR)/man5/scrub.conf.5
	@$(MAKE) --no-print-directory install-ldconfig

# A real install (no DESTDIR) by root into a directory the dynamic linker
# searches runs ldconfig, so that libscrub.so.0 is found at once. Staged
# installs (DESTDIR: packaging), other users and private prefixes
# (LD_LIBRARY_PATH, -rpath) do not need it and must not touch the system.
install-ldconfig:
	@if [ -z "$(DESTDIR)" ] && [ "$$(id -u)" = 0 ]; then \
	  case "$(LIBDIR)" in \
	    /lib|/usr/lib|/usr/local/lib|/lib/*-linux-gnu*|/usr/lib/*-linux-gnu*) \
	      echo "$(LDCONFIG)"; $(LDCONFIG) ;; \
	  esac; \
	fi

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/scrub $(DESTDIR)$(INCLUDEDIR)/scrub.h \
	  $(DESTDIR)$(LIBDIR)/libscrub.a $(DESTDIR)$(LIBDIR)/libscrub.so* \
	  $(DESTDIR)$(LIBDIR)/pkgconfig/scrub.pc \
	  $(DESTDIR)$(MANDIR)/man1/scrub.1 $(DESTDIR)$(MANDIR)/man5/scrub.conf.5
	@$(MAKE) --no-print-directory install-ldconfig

clean:
	rm -rf $(B)

# --- Debian packages ------------------------------------------------------
# make deb: the binary packages scrub, libscrub0 and libscrub-dev (see
# debian/control) as .deb files in build/deb/. They are built with
# dpkg-buildpackage -b (debhelper compat 13) from a copy of the source tree
# in build/deb/scrub-VERSION/, so the tree itself stays clean; the log is
# build/deb/build.log. Installs the build dependencies first
# (tools/install-deps build deb); nothing else uses the network.
DEB_DIR := $(B)/deb
DEB_SRC := $(DEB_DIR)/scrub-$(VERSION)
deb:
	@sh tools/install-deps build deb
	@rm -rf $(DEB_DIR) && mkdir -p $(DEB_SRC)
	@tar -cf - --exclude=./.git --exclude=./$(B) --exclude=./build \
	  --exclude=./build-asan . | tar -xf - -C $(DEB_SRC)
	@echo "dpkg-buildpackage -us -uc -b in $(DEB_SRC) (log: $(DEB_DIR)/build.log)"
	@cd $(DEB_SRC) && dpkg-buildpackage -us -uc -b > ../build.log 2>&1 || \
	  { tail -n 40 ../build.log; echo "make deb: dpkg-buildpackage failed, see $(DEB_DIR)/build.log" >&2; exit 1; }
	@ls -1 $(DEB_DIR)/*.deb

# --- fuzzing and sanitizers ---------------------------------------------
# make fuzz           libFuzzer harnesses of tests/fuzz/ in build/fuzz/ (clang,
#                     -fsanitize=fuzzer,address,undefined; the library is
#                     compiled again with the sanitizers in build/fuzz/lib/)
# make fuzz-run       run each harness for FUZZ_SECONDS (default 60) on its
#                     seed corpus; new inputs go to build/fuzz/corpus/NAME,
#                     crashes to build/fuzz/artifacts/ (non-zero exit)
# make fuzz-replay    replay every seed file through gcc builds of the
#                     harnesses with a plain main (no clang needed; also
#                     run by `make check` as tests/suites/fuzz_replay.sh)
# make check-asan     the whole test suite against a gcc ASan+UBSan build in
#                     build-asan/ (library, CLI, unit tests, replay binaries)
# See tests/fuzz/README.md.
FUZZ_CC ?= clang
FUZZ_SECONDS ?= 60
FUZZ_FLAGS ?=
FUZZ_HARNESSES := engine config
FB := $(B)/fuzz
FUZZ_SAN := -fsanitize=address,undefined -fno-sanitize-recover=all \
  -fno-omit-frame-pointer
FUZZ_CFLAGS := -std=c11 -g -O1 -Wall -Wextra $(FUZZ_SAN)
FUZZ_LIB_OBJ := $(LIB_SRC:src/%.c=$(FB)/lib/%.o) $(FB)/lib/builtin_patterns.o
FUZZ_BINS := $(FUZZ_HARNESSES:%=$(FB)/fuzz_%)
FUZZ_REPLAY_BINS := $(FUZZ_HARNESSES:%=$(B)/fuzz_%_replay)
FUZZ_DEPS := tests/fuzz/fuzz_util.h include/scrub.h

.PHONY: fuzz fuzz-run fuzz-replay fuzz-replay-bins check-asan clean-asan
fuzz: $(FUZZ_BINS)
.SECONDARY: $(FUZZ_LIB_OBJ)

$(FB)/lib/builtin_patterns.o: $(B)/builtin_patterns.c
	@mkdir -p $(@D)
	$(FUZZ_CC) $(CPPFLAGS) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link \
	  -fvisibility=hidden -DSCRUB_BUILDING_LIBRARY -c -o $@ $<

$(FB)/lib/%.o: src/%.c $(wildcard src/*/*.h) include/scrub.h
	@mkdir -p $(@D)
	$(FUZZ_CC) $(CPPFLAGS) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link \
	  -fvisibility=hidden -DSCRUB_BUILDING_LIBRARY -c -o $@ $<

$(FB)/fuzz_%: tests/fuzz/fuzz_%.c $(FUZZ_DEPS) $(FUZZ_LIB_OBJ)
	$(FUZZ_CC) $(CPPFLAGS) $(FUZZ_CFLAGS) -fsanitize=fuzzer -o $@ $< \
	  $(FUZZ_LIB_OBJ) $(LIBS)

# Each harness runs FUZZ_SECONDS on a working corpus seeded from
# tests/fuzz/corpus/NAME (without the bug-* reproducers, which
# tests/suites/fuzz_replay.sh replays), with tests/fuzz/NAME.dict.
# FUZZ_SKIP can turn off the checks of a bug class while it is open (see
# tests/fuzz/README.md); none is open, so every check runs, in CI too.
# FUZZ_FLAGS adds libFuzzer options (e.g. -fork=1 -ignore_crashes=1).
FUZZ_SKIP ?=
fuzz-run: $(FUZZ_BINS)
	@set -e; for h in $(FUZZ_HARNESSES); do \
	  mkdir -p $(FB)/corpus/$$h $(FB)/artifacts; \
	  ls -d tests/fuzz/corpus/$$h/* | grep -v '/bug-' > $(FB)/seeds-$$h; \
	  echo "fuzz-run: $$h for $(FUZZ_SECONDS) s (SCRUB_FUZZ_SKIP=$(FUZZ_SKIP))"; \
	  SCRUB_FUZZ_SKIP=$(FUZZ_SKIP) $(FB)/fuzz_$$h \
	    -max_total_time=$(FUZZ_SECONDS) -timeout=60 -rss_limit_mb=4096 \
	    -print_final_stats=1 -dict=tests/fuzz/$$h.dict \
	    -artifact_prefix=$(FB)/artifacts/$$h- -seed_inputs=@$(FB)/seeds-$$h \
	    $(FUZZ_FLAGS) $(FB)/corpus/$$h; \
	done

$(B)/fuzz_%_replay: tests/fuzz/fuzz_%.c tests/fuzz/replay_main.c $(FUZZ_DEPS) \
  $(B)/libscrub.a
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -o $@ $< tests/fuzz/replay_main.c \
	  $(B)/libscrub.a $(LIBS)

fuzz-replay-bins: $(FUZZ_REPLAY_BINS)

fuzz-replay: fuzz-replay-bins
	@FUZZ_REPLAY_DIR=$(CURDIR)/$(B) sh tests/suites/fuzz_replay.sh

# check-asan: tests/run-all takes the unit tests from <root>/build/, so it
# runs from build-asan/tree/, a mirror of the repository (symlinks) whose
# build/ is build-asan/. The sanitizer flags are part of CC, so that every
# compile and link (mkdb, the shared library, the replay binaries) has
# them. Leak checks are off while building (mkdb runs during the build)
# and on for the tests; SCRUB_SANITIZER=address tells the suites. The
# reliability suite's 1 GiB line shrinks to SCRUB_BIG_LINE_MB (64): under
# ASan it is slow, and shadow memory breaks its 128 MiB RSS bound.
ASAN_B := build-asan
ASAN_CC ?= gcc
ASAN_SAN := -fsanitize=address,undefined -fno-omit-frame-pointer
ASAN_CFLAGS := -O1 -g -Wno-error
ASAN_ENV := ASAN_OPTIONS=detect_leaks=1 \
  UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 SCRUB_SANITIZER=address
check-asan: deps
	ASAN_OPTIONS=detect_leaks=0 $(MAKE) --no-print-directory B=$(ASAN_B) \
	  CC='$(ASAN_CC) $(ASAN_SAN)' CFLAGS='$(ASAN_CFLAGS)' all \
	  $(ASAN_B)/unit_tests $(FUZZ_HARNESSES:%=$(ASAN_B)/fuzz_%_replay) \
	  kafka-test-bins
	@mkdir -p $(ASAN_B)/tree && ln -sfn .. $(ASAN_B)/tree/build && \
	  for f in $(filter-out build $(ASAN_B),$(wildcard *)); do \
	    ln -sfn ../../$$f $(ASAN_B)/tree/$$f; done
	$(ASAN_ENV) SCRUB=$(CURDIR)/$(ASAN_B)/scrub \
	  FUZZ_REPLAY_DIR=$(CURDIR)/$(ASAN_B) \
	  SCRUB_VECTORS_DIR="$${SCRUB_VECTORS_DIR:-$(abspath ..)/shared/corpus/vectors}" \
	  SCRUB_BIG_LINE_MB="$${SCRUB_BIG_LINE_MB:-64}" \
	  sh $(ASAN_B)/tree/tests/run-all

clean-asan:
	rm -rf $(ASAN_B)
