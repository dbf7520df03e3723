# showroom — build, test, run, install.  Plain GNU make; see README.md.
#
#   make            build/showroom and build/libshowroom.a
#   make test       ASan+UBSan build, then every unit and command-line test
#   make run        build, create data/showroom.db with demo data if missing, open it
#   make install    PREFIX=/usr/local DESTDIR=
#   make install-setgid  the shared deployment: group showroom, DBDIR=/var/lib/showroom
#   make pot        regenerate data/po/showroom.pot and merge it into the .po files
#   make deps       install missing Debian packages (called by the targets above)
#   V=1             show full commands
#   BUILDDIR=DIR    build into DIR instead of build/

PREFIX  ?= /usr/local
BINDIR  ?= $(PREFIX)/bin
MANDIR  ?= $(PREFIX)/share/man
LOCALEDIR ?= $(PREFIX)/share/locale
DESTDIR ?=

CC      ?= cc
PKGS    := ncursesw sqlite3 xlsxwriter libsodium
CSTD    := -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE
WARN    := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wformat=2
OPT     ?= -O2 -g
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null)
CPPFLAGS += -Iinclude -Isrc/core -MMD -MP
CFLAGS   += $(CSTD) $(WARN) $(OPT) $(PKG_CFLAGS)
LDLIBS   += $(PKG_LIBS) -lcsv -lm

ifneq ($(V),1)
Q := @
endif

# Sanitizer build for tests lives in its own tree so objects never mix.
# BUILDDIR moves the whole tree (the setgid test installs from its own,
# with its own compiled-in database folder, while build/ is in use).
BUILDDIR ?= build
ifeq ($(SAN),1)
B       := $(BUILDDIR)/asan
CFLAGS  += -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
LDFLAGS += -fsanitize=address,undefined
else
B       := $(BUILDDIR)
endif

CORE_SRC := $(sort $(wildcard src/core/*.c))
CLI_SRC  := $(sort $(wildcard src/cli/*.c))
TUI_SRC  := $(sort $(wildcard src/tui/*.c))
UNIT_SRC := $(sort $(wildcard tests/unit/*.c))
FAULT_SRC := $(sort $(wildcard tests/fault/*.c))
SCHEMA   := $(sort $(wildcard schema/[0-9][0-9][0-9]_*.sql))

CORE_OBJ := $(CORE_SRC:%.c=$(B)/%.o) $(B)/gen/schema.o
CLI_OBJ  := $(CLI_SRC:%.c=$(B)/%.o)
TUI_OBJ  := $(TUI_SRC:%.c=$(B)/%.o)
UNIT_OBJ := $(UNIT_SRC:%.c=$(B)/%.o)
FAULT_OBJ := $(FAULT_SRC:%.c=$(B)/%.o)

LIB   := $(B)/libshowroom.a
PROG  := $(B)/showroom
UNIT  := $(B)/unit-tests
FAULT := $(B)/fault-tests
# The Chinese catalogue, next to the program: build/showroom finds
# build/locale without installing (src/cli/i18n.c).
MO_REL := locale/zh_CN/LC_MESSAGES/showroom.mo
MO    := $(B)/$(MO_REL)

.PHONY: fuzz fuzz-build all deps test unit-test fault-test cli-test run install install-setgid uninstall clean check-deps bench bench-import pot FORCE

all: deps $(PROG) $(LIB) $(MO)

deps:
	$(Q)sh tools/deps.sh

# Where an installed program finds its catalogue; rebuilt when PREFIX or
# LOCALEDIR changes (the stamp holds the value).
$(B)/src/cli/i18n.o: CPPFLAGS += -DLOCALEDIR='"$(LOCALEDIR)"'
$(B)/src/cli/i18n.o: $(B)/gen/localedir
$(B)/gen/localedir: FORCE
	@mkdir -p $(dir $@)
	@echo '$(LOCALEDIR)' | cmp -s - $@ || echo '$(LOCALEDIR)' > $@
FORCE:

$(B)/%.o: %.c
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

# The schema migrations are compiled into the program (no files to install).
build/embed: tools/embed.c
	@mkdir -p build
	$(Q)$(CC) $(CSTD) $(WARN) -O1 -o $@ $<

$(B)/gen/schema.c: $(SCHEMA) build/embed
	@mkdir -p $(dir $@)
	$(Q)build/embed $(SCHEMA) > $@

$(B)/gen/schema.o: $(B)/gen/schema.c
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

$(LIB): $(CORE_OBJ)
	@$(if $(Q),echo "  AR      $@")
	$(Q)rm -f $@ && ar rcs $@ $^

$(PROG): $(CLI_OBJ) $(TUI_OBJ) $(LIB)
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(LDFLAGS) -o $@ $(CLI_OBJ) $(TUI_OBJ) $(LIB) $(LDLIBS)

$(MO): data/po/zh_CN.po
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  MSGFMT  $@")
	$(Q)msgfmt --check -o $@ data/po/zh_CN.po

# The message template from every _() and N_() (P_ has a plural), merged
# into each translation; new messages then need translating in zh_CN.po.
POT_SRC = $(CORE_SRC) $(CLI_SRC) $(TUI_SRC) $(wildcard src/tui/*.h)
# Texts kept in X-macro lists in headers (the third argument of X), shown
# through _() where they are used: status texts, permission actions; the
# kpi labels are the second argument, the answers' labels (card.h) the
# fourth.
POT_XMACRO = include/showroom/error.h include/showroom/perm.h
pot:
	xgettext --from-code=UTF-8 --keyword=_ --keyword=N_ --keyword=P_:1,2 \
	  --package-name=showroom --msgid-bugs-address= --add-location=file --sort-by-file \
	  -o data/po/showroom.pot $(POT_SRC)
	xgettext --join-existing --from-code=UTF-8 --keyword= --keyword=X:3 \
	  --add-location=file --sort-by-file -o data/po/showroom.pot $(POT_XMACRO)
	xgettext --join-existing --from-code=UTF-8 --keyword= --keyword=X:2 \
	  --add-location=file --sort-by-file -o data/po/showroom.pot include/showroom/kpi.h
	xgettext --join-existing --from-code=UTF-8 --keyword= --keyword=X:4 \
	  --add-location=file --sort-by-file -o data/po/showroom.pot include/showroom/card.h
	msgmerge --quiet --update --backup=none --add-location=file data/po/zh_CN.po data/po/showroom.pot
	msgfmt --check --statistics -o /dev/null data/po/zh_CN.po

$(UNIT): $(UNIT_OBJ) $(LIB)
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(LDFLAGS) -o $@ $(UNIT_OBJ) $(LIB) $(LDLIBS)

# Concurrency, crash, power-loss and disk-full tests (tests/fault/fault.c).
$(FAULT): $(FAULT_OBJ) $(LIB)
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(LDFLAGS) -o $@ $(FAULT_OBJ) $(LIB) $(LDLIBS)

fault-test: deps
	$(Q)$(MAKE) --no-print-directory SAN=1 build/asan/fault-tests
	$(Q)build/asan/fault-tests

# make test: everything under ASan+UBSan, one summary line at the end.
test: deps
	$(Q)$(MAKE) --no-print-directory SAN=1 build/asan/showroom build/asan/unit-tests \
	  build/asan/$(MO_REL) build/asan/fault-tests
	$(Q)sh tests/run.sh build/asan

unit-test: deps
	$(Q)$(MAKE) --no-print-directory SAN=1 build/asan/unit-tests
	$(Q)build/asan/unit-tests

cli-test: deps
	$(Q)$(MAKE) --no-print-directory SAN=1 build/asan/showroom build/asan/$(MO_REL)
	$(Q)sh tests/cli/run.sh build/asan/showroom

run: all
	$(Q)if [ ! -f data/showroom.db ]; then \
	  $(PROG) --db data/showroom.db init && \
	  $(PROG) --db data/showroom.db demo --seed 1; fi
	$(Q)$(PROG) --db data/showroom.db

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1
	install -m 0755 $(PROG) $(DESTDIR)$(BINDIR)/showroom
	install -m 0644 man/showroom.1 $(DESTDIR)$(MANDIR)/man1/showroom.1
	install -d $(DESTDIR)$(LOCALEDIR)/zh_CN/LC_MESSAGES
	install -m 0644 $(MO) $(DESTDIR)$(LOCALEDIR)/zh_CN/LC_MESSAGES/showroom.mo
	install -d $(DESTDIR)$(PREFIX)/share/showroom
	install -m 0755 tools/backup-rotate.sh $(DESTDIR)$(PREFIX)/share/showroom/backup-rotate.sh

# The shared deployment (README "Deployment"): the program setgid to the
# group showroom, the database directory 2770 and the file 0660 owned by that
# group, so staff reach the books only through showroom. Setgid, the program
# uses $(DBDIR)/showroom.db only (no --db, --now or SHOWROOM_DB) and keeps
# only the language and terminal variables of its environment.
SHOWROOM_GROUP ?= showroom
DBDIR ?= /var/lib/showroom
$(B)/src/cli/main.o: CPPFLAGS += -DSHOWROOM_SETGID_DB='"$(DBDIR)/showroom.db"'
$(B)/src/cli/main.o: $(B)/gen/dbdir
$(B)/gen/dbdir: FORCE
	@mkdir -p $(dir $@)
	@echo '$(DBDIR)' | cmp -s - $@ || echo '$(DBDIR)' > $@

install-setgid: install
	getent group $(SHOWROOM_GROUP) >/dev/null || groupadd --system $(SHOWROOM_GROUP)
	chgrp $(SHOWROOM_GROUP) $(DESTDIR)$(BINDIR)/showroom
	chmod 2755 $(DESTDIR)$(BINDIR)/showroom
	install -d -m 2770 -g $(SHOWROOM_GROUP) $(DESTDIR)$(DBDIR)
	@if [ -z "$(DESTDIR)" ] && [ ! -f $(DBDIR)/showroom.db ]; then \
	  $(BINDIR)/showroom init && chmod 0660 $(DBDIR)/showroom.db; fi
	@echo "showroom: installed setgid $(SHOWROOM_GROUP); database $(DBDIR)/showroom.db"

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/showroom $(DESTDIR)$(MANDIR)/man1/showroom.1
	rm -f $(DESTDIR)$(LOCALEDIR)/zh_CN/LC_MESSAGES/showroom.mo
	rm -f $(DESTDIR)$(PREFIX)/share/showroom/backup-rotate.sh

# Fuzzing the CSV importer (issue 5): clang's libFuzzer, not part of `make
# test` (CI has no clang). The core is rebuilt with the fuzzer's flags.
FUZZ_SECONDS ?= 60
FUZZ_BIN := build/fuzz/fuzz_import
FUZZ_CFLAGS := $(CSTD) -Iinclude -Isrc/core -g -O1 -fno-omit-frame-pointer \
  -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined $(PKG_CFLAGS)

fuzz-build: $(FUZZ_BIN)

$(FUZZ_BIN): tests/fuzz/fuzz_import.c $(CORE_SRC) build/asan/gen/schema.c \
  $(wildcard include/showroom/*.h src/core/*.h)
	@command -v clang >/dev/null || { echo "fuzz: installing clang"; \
	  if [ "$$(id -u)" = 0 ]; then apt-get install -y clang; \
	  else sudo apt-get install -y clang; fi; }
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CLANG   $@")
	$(Q)clang $(FUZZ_CFLAGS) -o $@ tests/fuzz/fuzz_import.c $(CORE_SRC) \
	  build/asan/gen/schema.c $(PKG_LIBS) -lcsv -lm

# From the plain build, make the sanitizer tree's schema.c with SAN=1; in
# the SAN=1 build the $(B)/gen/schema.c rule above makes it (a rule here
# would override that one and recurse).
ifneq ($(SAN),1)
build/asan/gen/schema.c:
	$(Q)$(MAKE) --no-print-directory SAN=1 $@
endif

# Seeds stay read-only in tests/fuzz/corpus; new inputs go to build/fuzz.
fuzz: deps $(FUZZ_BIN)
	@mkdir -p build/fuzz/corpus build/fuzz/crashes
	$(Q)$(FUZZ_BIN) -max_total_time=$(FUZZ_SECONDS) -max_len=4096 \
	  -artifact_prefix=build/fuzz/crashes/ -print_final_stats=1 \
	  build/fuzz/corpus tests/fuzz/corpus 2>build/fuzz/log; rc=$$?; \
	  grep -E '^#[0-9]+.*(DONE|pulse)|stat::' build/fuzz/log | tail -12; \
	  if [ $$rc -ne 0 ]; then tail -60 build/fuzz/log; exit $$rc; fi

# make bench (issue 7): figures on a million cards, not part of make test.
# The data set is built once into build/bench (tests/bench/bench.sh).
$(B)/srbench: tests/bench/bench.c $(LIB)
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $< $(LIB) $(LDLIBS)

bench: all $(B)/srbench
	$(Q)sh tests/bench/bench.sh $(B)

# make bench-import: the import figure alone, on an empty database: 100 000
# portal leads through `showroom import` beside sqlite3's .import.
bench-import: all
	$(Q)sh tests/bench/import_bench.sh $(B)/showroom

clean:
	rm -rf build

-include $(shell find build -name '*.d' 2>/dev/null)
