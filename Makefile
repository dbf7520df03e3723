# showroom — build, test, run, install.  Plain GNU make; see README.md.
#
#   make            build/showroom and build/libshowroom.a
#   make test       ASan+UBSan build, then every unit and command-line test
#   make run        build, create data/showroom.db with demo data if missing, open it
#   make install    PREFIX=/usr/local DESTDIR=
#   make deps       install missing Debian packages (called by the targets above)
#   V=1             show full commands

PREFIX  ?= /usr/local
BINDIR  ?= $(PREFIX)/bin
MANDIR  ?= $(PREFIX)/share/man
DESTDIR ?=

CC      ?= cc
PKGS    := ncursesw sqlite3
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
ifeq ($(SAN),1)
B       := build/asan
CFLAGS  += -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
LDFLAGS += -fsanitize=address,undefined
else
B       := build
endif

CORE_SRC := $(sort $(wildcard src/core/*.c))
CLI_SRC  := $(sort $(wildcard src/cli/*.c))
UNIT_SRC := $(sort $(wildcard tests/unit/*.c))
SCHEMA   := $(sort $(wildcard schema/[0-9][0-9][0-9]_*.sql))

CORE_OBJ := $(CORE_SRC:%.c=$(B)/%.o) $(B)/gen/schema.o
CLI_OBJ  := $(CLI_SRC:%.c=$(B)/%.o)
UNIT_OBJ := $(UNIT_SRC:%.c=$(B)/%.o)

LIB   := $(B)/libshowroom.a
PROG  := $(B)/showroom
UNIT  := $(B)/unit-tests

.PHONY: all deps test unit-test cli-test run install uninstall clean check-deps bench

all: deps $(PROG) $(LIB)

deps:
	$(Q)sh tools/deps.sh

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

$(PROG): $(CLI_OBJ) $(LIB)
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(LDFLAGS) -o $@ $(CLI_OBJ) $(LIB) $(LDLIBS)

$(UNIT): $(UNIT_OBJ) $(LIB)
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(LDFLAGS) -o $@ $(UNIT_OBJ) $(LIB) $(LDLIBS)

# make test: everything under ASan+UBSan, one summary line at the end.
test: deps
	$(Q)$(MAKE) --no-print-directory SAN=1 build/asan/showroom build/asan/unit-tests
	$(Q)sh tests/run.sh build/asan

unit-test: deps
	$(Q)$(MAKE) --no-print-directory SAN=1 build/asan/unit-tests
	$(Q)build/asan/unit-tests

cli-test: deps
	$(Q)$(MAKE) --no-print-directory SAN=1 build/asan/showroom
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

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/showroom $(DESTDIR)$(MANDIR)/man1/showroom.1

clean:
	rm -rf build

-include $(shell find build -name '*.d' 2>/dev/null)
