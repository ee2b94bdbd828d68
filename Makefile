# scrub — build, test and install. `make run` and `make check` install
# missing Debian packages first (tools/install-deps).
PREFIX ?= /usr/local
DESTDIR ?=
CC ?= cc
PKGS := libhs libpcre2-8 libsodium yaml-0.1
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS := $(shell pkg-config --libs $(PKGS) 2>/dev/null)

WARN := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wformat=2
CFLAGS ?= -O2 -g
CPPFLAGS += -D_GNU_SOURCE -Iinclude -Isrc $(PKG_CFLAGS)
ALL_CFLAGS = -std=c11 $(WARN) $(CFLAGS)
LIB_CFLAGS = $(ALL_CFLAGS) -fPIC -fvisibility=hidden -DSCRUB_BUILDING_LIBRARY

B := build
LIB_SRC := $(wildcard src/*.c)
CLI_SRC := $(wildcard src/cli/*.c)
PATTERNS := $(sort $(wildcard patterns/*.yml))
CORE_OBJ := $(LIB_SRC:src/%.c=$(B)/lib/%.o)
LIB_OBJ := $(CORE_OBJ) $(B)/lib/builtin_patterns.o
CLI_OBJ := $(CLI_SRC:src/cli/%.c=$(B)/cli/%.o)

.PHONY: all deps run check test clean install lint format
all: $(B)/scrub $(B)/libscrub.a

deps:
	@sh tools/install-deps

run: deps
	@$(MAKE) --no-print-directory all
	$(B)/scrub samples/app.log

check: deps
	@$(MAKE) --no-print-directory all $(B)/unit_tests
	@sh tests/run-all

test: check

$(B)/embed: tools/embed.c | $(B)
	$(CC) -O2 -o $@ $<

# Two stages: the rules alone build mkdb, which compiles and serialises
# their Hyperscan database; the library embeds rules and database.
$(B)/stage1_patterns.c: $(PATTERNS) $(B)/embed
	$(B)/embed $@ $(PATTERNS)

$(B)/lib/stage1_patterns.o: $(B)/stage1_patterns.c src/internal.h | $(B)/lib
	$(CC) $(CPPFLAGS) $(LIB_CFLAGS) -c -o $@ $<

$(B)/mkdb: tools/mkdb.c $(CORE_OBJ) $(B)/lib/stage1_patterns.o
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -o $@ $^ $(PKG_LIBS) -lstdc++ -lm

$(B)/builtin.hsdb: $(B)/mkdb
	$(B)/mkdb $@ $(B)/builtin.sig

$(B)/builtin_patterns.c: $(PATTERNS) $(B)/embed $(B)/builtin.hsdb
	$(B)/embed $@ --db $(B)/builtin.hsdb $(B)/builtin.sig $(PATTERNS)

$(B)/lib/builtin_patterns.o: $(B)/builtin_patterns.c src/internal.h | $(B)/lib
	$(CC) $(CPPFLAGS) $(LIB_CFLAGS) -c -o $@ $<

$(B)/lib/%.o: src/%.c src/internal.h include/scrub.h | $(B)/lib
	$(CC) $(CPPFLAGS) $(LIB_CFLAGS) -c -o $@ $<

$(B)/cli/%.o: src/cli/%.c src/cli/cli.h include/scrub.h | $(B)/cli
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -c -o $@ $<

$(B)/libscrub.a: $(LIB_OBJ)
	rm -f $@ && ar rcs $@ $^

$(B)/scrub: $(CLI_OBJ) $(B)/libscrub.a
	$(CC) $(ALL_CFLAGS) -o $@ $(CLI_OBJ) $(B)/libscrub.a $(PKG_LIBS) -lstdc++ -lm -pthread

UNIT_SRC := $(wildcard tests/unit/*.c)
$(B)/unit_tests: $(UNIT_SRC) tests/unit/helpers.h $(B)/libscrub.a
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -Wno-shadow $(shell pkg-config --cflags check) \
	  -o $@ $(UNIT_SRC) $(B)/libscrub.a $(PKG_LIBS) \
	  $(shell pkg-config --libs check) -lstdc++ -lm

$(B)/hsprobe: bench/hsprobe.c $(B)/libscrub.a
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -o $@ $< $(B)/libscrub.a $(PKG_LIBS) -lstdc++ -lm

$(B) $(B)/lib $(B)/cli:
	mkdir -p $@

lint:
	cppcheck --quiet --error-exitcode=1 --enable=warning,portability \
	  --inline-suppr -D_GNU_SOURCE -Iinclude -Isrc src

format:
	clang-format -i src/*.c src/*.h src/cli/*.c src/cli/*.h include/*.h

install: all
	install -d $(DESTDIR)$(PREFIX)/bin
	install -m 755 $(B)/scrub $(DESTDIR)$(PREFIX)/bin/scrub
	install -d $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 644 doc/scrub.1 $(DESTDIR)$(PREFIX)/share/man/man1/scrub.1

clean:
	rm -rf $(B)
