# Eystime — `make` installs what is missing, builds, and generates the
# example course into public/; `make test` runs the whole suite.

PREFIX ?= /usr/local
DESTDIR ?=
BINDIR = $(PREFIX)/bin
DATADIR = $(PREFIX)/share/eystime
MANDIR = $(PREFIX)/share/man
VERSION = 0.1.0

CC ?= cc
WERROR ?= -Werror
WARNINGS = -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
	-Wwrite-strings -Wvla
OPT ?= -O2 -g
PKGS = libcmark-gfm lua5.4 yaml-0.1 libxml-2.0 libsodium
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS = $(shell pkg-config --libs $(PKGS) 2>/dev/null)
CFLAGS_ALL = -std=c11 $(OPT) $(WARNINGS) $(WERROR) -D_GNU_SOURCE \
	-DEYSTIME_VERSION='"$(VERSION)"' -DEYSTIME_DATADIR='"$(DATADIR)"' \
	$(PKG_CFLAGS) $(CFLAGS)
LIBS = $(PKG_LIBS) -lcmark-gfm-extensions -lpthread

B ?= build
COMMON = common/buf.c common/msg.c common/text.c
GEN = generator/build.c generator/check.c generator/config.c generator/diag.c \
	generator/feed.c generator/gloss.c \
	generator/fm.c generator/fs.c generator/md.c generator/par.c \
	generator/sbx.c generator/site.c generator/slug.c generator/tpl.c
GEN_OBJ = $(patsubst %.c,$(B)/%.o,$(COMMON) $(GEN))
CGI = cgi/admin.c cgi/app.c cgi/course.c cgi/http.c cgi/io.c cgi/store.c
CGI_OBJ = $(patsubst %.c,$(B)/%.o,$(COMMON) $(CGI))
CGI_LIBS = -lfcgi $(shell pkg-config --libs sqlite3 libsodium 2>/dev/null)
UNIT_CGI = $(wildcard tests/unit/test_cgi_*.c)
UNIT = $(filter-out $(UNIT_CGI),$(wildcard tests/unit/test_*.c))
UNIT_BIN = $(patsubst tests/unit/%.c,$(B)/tests/%,$(UNIT)) \
	$(patsubst tests/unit/%.c,$(B)/tests/%,$(UNIT_CGI))
HEADERS = $(wildcard common/*.h generator/*.h cgi/*.h)

.PHONY: all deps site units test asan bench clean install uninstall help
all: deps $(B)/eystime $(B)/eystime-cgi site

help:
	@echo "make            install missing Debian packages, build, generate public/"
	@echo "make test       the whole suite (unit, sites, errors, HTML validation, valgrind)"
	@echo "make asan       the suite built with AddressSanitizer and UBSan"
	@echo "make bench      eystime against Hugo, Eleventy and cmark-gfm; the CGI"
	@echo "                against nginx's static files (bench/run; a few minutes)"
	@echo "make install    install eystime, the default theme and the man page"
	@echo "                (PREFIX=$(PREFIX), DESTDIR=)"
	@echo "make clean      remove build outputs and public/"

deps:
	@sh tools/deps.sh build

site: $(B)/eystime
	$(B)/eystime build -s .

$(B)/%.o: %.c $(HEADERS) | deps
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -c $< -o $@

$(B)/eystime: $(GEN_OBJ) $(B)/generator/main.o
	$(CC) $(CFLAGS_ALL) $(LDFLAGS) -o $@ $^ $(LIBS)

$(B)/eystime-cgi: $(CGI_OBJ) $(B)/cgi/main.o
	$(CC) $(CFLAGS_ALL) $(LDFLAGS) -o $@ $^ $(CGI_LIBS)

$(B)/tests/test_cgi_%: tests/unit/test_cgi_%.c tests/unit/check.h $(CGI_OBJ)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) $(LDFLAGS) -o $@ $< $(CGI_OBJ) $(CGI_LIBS)

$(B)/tests/%: tests/unit/%.c tests/unit/check.h $(GEN_OBJ)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) $(LDFLAGS) -o $@ $< $(GEN_OBJ) $(LIBS)

units: $(UNIT_BIN)

tests/node_modules/.bin/html-validate: tests/package.json tests/package-lock.json
	cd tests && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

test: deps
	@sh tools/deps.sh test
	$(MAKE) $(B)/eystime $(B)/eystime-cgi units \
		tests/node_modules/.bin/html-validate
	@B=$(B) sh tests/run

asan:
	@sh tools/deps.sh test
	$(MAKE) tests/node_modules/.bin/html-validate
	$(MAKE) B=build-asan OPT="-O1 -g -fsanitize=address,undefined \
		-fno-omit-frame-pointer -fno-sanitize-recover=all" \
		build-asan/eystime build-asan/eystime-cgi units
	@B=build-asan NO_VALGRIND=1 sh tests/run

bench: deps $(B)/eystime $(B)/eystime-cgi
	@sh tools/deps.sh bench
	bash bench/run

install: $(B)/eystime $(B)/eystime-cgi
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/themes \
		$(DESTDIR)$(MANDIR)/man1
	install -m 755 $(B)/eystime $(DESTDIR)$(BINDIR)/eystime
	install -m 755 $(B)/eystime-cgi $(DESTDIR)$(BINDIR)/eystime-cgi
	cp -R themes/default $(DESTDIR)$(DATADIR)/themes/
	install -m 644 docs/eystime.1 $(DESTDIR)$(MANDIR)/man1/eystime.1

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/eystime $(DESTDIR)$(BINDIR)/eystime-cgi \
		$(DESTDIR)$(MANDIR)/man1/eystime.1
	rm -rf $(DESTDIR)$(DATADIR)

clean:
	rm -rf build build-asan public tests/out bench/out
