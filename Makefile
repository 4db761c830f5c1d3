# iop -- intensive outpatient program toolkit.
# Plain make; user CC/CFLAGS/LDFLAGS/CPPFLAGS are honoured, project flags
# live in IOP_CFLAGS so that overriding CFLAGS never drops -Ilib.

VERSION = 0.1.0
PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
MANDIR ?= $(PREFIX)/share/man
DESTDIR ?=
FUZZ_SECONDS ?= 60

CC ?= cc
CFLAGS ?= -O2 -g
LDFLAGS ?=
CPPFLAGS ?=
PKG_CONFIG ?= pkg-config

JANSSON_CFLAGS ?= $(shell $(PKG_CONFIG) --cflags jansson 2>/dev/null)
JANSSON_LIBS ?= $(shell $(PKG_CONFIG) --libs jansson 2>/dev/null || echo -ljansson)
LIBCSV_LIBS ?= -lcsv
XLSX_CFLAGS ?= $(shell $(PKG_CONFIG) --cflags xlsxwriter 2>/dev/null)
XLSX_LIBS ?= $(shell $(PKG_CONFIG) --libs xlsxwriter 2>/dev/null || echo -lxlsxwriter)

WARN = -Wall -Wextra -Wformat-security -Wswitch-enum -Wmissing-prototypes \
	-Wshadow -Wno-missing-field-initializers
IOP_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE $(WARN) \
	-I. $(JANSSON_CFLAGS) $(XLSX_CFLAGS) -DIOP_VERSION='"$(VERSION)"'

ifeq ($(SANITIZE),1)
IOP_CFLAGS += -fsanitize=address,undefined -fno-omit-frame-pointer \
	-fno-sanitize-recover=undefined
IOP_LDFLAGS += -fsanitize=address,undefined
OBJDIR = build/asan
else
OBJDIR = build/default
endif
ifeq ($(WERROR),1)
IOP_CFLAGS += -Werror
endif

# lib/ in layers (lib/README): base, io, cli, then the domains.
LIBSRC = $(wildcard lib/*/*.c)
LIBOBJ = $(LIBSRC:lib/%.c=$(OBJDIR)/lib/%.o)
LIBHDR = $(wildcard lib/*.h lib/*/*.h)
CMDSRC = $(wildcard cmd/iop-*.c)
PROGS = $(CMDSRC:cmd/%.c=bin/%)
MAN1 = $(wildcard man/*.1)
MAN5 = $(wildcard man/*.5)
MAN7 = $(wildcard man/*.7)
UNITSRC = $(wildcard tests/unit/*.c)
LIBS = $(OBJDIR)/libiop.a $(JANSSON_LIBS) $(LIBCSV_LIBS)

.PHONY: all check unit e2e lint install uninstall clean dist dev bench demo fuzz

all: $(PROGS)

# Programs land in bin/; a stamp records which flavour built them so that
# switching SANITIZE=1 on and off relinks.
bin/.flavour-$(OBJDIR:build/%=%):
	@mkdir -p bin && rm -f bin/.flavour-* && touch $@

# Only iop-report writes spreadsheets.
bin/iop-report: LIBS += $(XLSX_LIBS)

# Header dependencies are generated (-MMD -MP) and included below.
bin/%: cmd/%.c $(OBJDIR)/libiop.a bin/.flavour-$(OBJDIR:build/%=%)
	@mkdir -p $(OBJDIR)/cmd
	$(CC) $(IOP_CFLAGS) $(CPPFLAGS) $(CFLAGS) -MMD -MP -MF $(OBJDIR)/cmd/$*.d -MT $@ -o $@ $< $(LIBS) $(IOP_LDFLAGS) $(LDFLAGS)

$(OBJDIR)/lib/%.o: lib/%.c
	@mkdir -p $(@D)
	$(CC) $(IOP_CFLAGS) $(CPPFLAGS) $(CFLAGS) -MMD -MP -c -o $@ $<

$(OBJDIR)/libiop.a: $(LIBOBJ)
	rm -f $@
	$(AR) rcs $@ $(LIBOBJ)

$(OBJDIR)/unit: $(UNITSRC) $(OBJDIR)/libiop.a $(LIBHDR)
	$(CC) $(IOP_CFLAGS) $(CPPFLAGS) $(CFLAGS) -o $@ $(UNITSRC) $(LIBS) $(XLSX_LIBS) $(IOP_LDFLAGS) $(LDFLAGS)

-include $(LIBOBJ:.o=.d) $(PROGS:bin/%=$(OBJDIR)/cmd/%.d)

check: all $(OBJDIR)/unit
	@sh tests/run.sh $(OBJDIR)/unit

# libFuzzer harnesses (clang): make fuzz FUZZ_SECONDS=600
fuzz:
	FUZZ_SECONDS=$(FUZZ_SECONDS) sh tests/fuzz/run.sh

dev:
	$(MAKE) WERROR=1 all

# Benchmarks against Miller, datamash, awk, jq and csvkit: bench/RESULTS.md
bench: all
	sh bench/run.sh

demo: all
	bash examples/demo.sh

install: all
	mkdir -p $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man5 $(DESTDIR)$(MANDIR)/man7
	for p in $(PROGS); do cp $$p $(DESTDIR)$(BINDIR)/; done
	for m in $(MAN1); do cp $$m $(DESTDIR)$(MANDIR)/man1/; done
	for m in $(MAN5); do cp $$m $(DESTDIR)$(MANDIR)/man5/; done
	for m in $(MAN7); do cp $$m $(DESTDIR)$(MANDIR)/man7/; done

uninstall:
	for p in $(PROGS); do rm -f $(DESTDIR)$(BINDIR)/$${p#bin/}; done
	for m in $(MAN1); do rm -f $(DESTDIR)$(MANDIR)/man1/$${m#man/}; done
	for m in $(MAN5); do rm -f $(DESTDIR)$(MANDIR)/man5/$${m#man/}; done
	for m in $(MAN7); do rm -f $(DESTDIR)$(MANDIR)/man7/$${m#man/}; done

clean:
	rm -rf bin build

dist:
	git archive --format=tar.gz --prefix=iop-$(VERSION)/ -o iop-$(VERSION).tar.gz HEAD
