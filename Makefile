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
PKGS = libcmark-gfm lua5.4 yaml-0.1 libxml-2.0 libsodium libmicrohttpd gumbo
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS = $(shell pkg-config --libs $(PKGS) 2>/dev/null)
CFLAGS_ALL = -std=c11 $(OPT) $(WARNINGS) $(WERROR) -D_GNU_SOURCE \
	-DEYSTIME_VERSION='"$(VERSION)"' -DEYSTIME_DATADIR='"$(DATADIR)"' \
	$(PKG_CFLAGS) $(CFLAGS)
LIBS = $(PKG_LIBS) -lcmark-gfm-extensions -lpthread

B ?= build
COMMON = common/buf.c common/msg.c common/text.c
GEN = generator/build.c generator/check.c generator/config.c generator/diag.c \
	generator/falc.c generator/feed.c generator/gloss.c generator/inc.c \
	generator/fm.c generator/fs.c generator/import.c generator/md.c generator/new.c generator/par.c \
	generator/serve.c \
	generator/rule.c generator/sbx.c generator/site.c generator/slug.c \
	generator/theme.c generator/title.c generator/tpl.c generator/url.c
# The default theme inside the binary (generator/theme.h): tools/embed.py
# writes its files as C arrays.
THEME_FILES = $(shell find themes/default -type f ! -name '.*')
GEN_OBJ = $(patsubst %.c,$(B)/%.o,$(COMMON) $(GEN)) \
	$(B)/generator/theme_files.o
CGI = cgi/admin.c cgi/app.c cgi/auth.c cgi/course.c cgi/export.c \
	cgi/follow.c cgi/gate.c cgi/http.c cgi/image.c cgi/io.c cgi/multipart.c \
	cgi/names.c cgi/participant.c cgi/qr.c cgi/quiz.c cgi/report.c \
	cgi/sandbox.c cgi/store.c cgi/talk.c cgi/trainer.c cgi/valid.c cgi/web.c
CGI_OBJ = $(patsubst %.c,$(B)/%.o,$(COMMON) $(CGI))
# libvips (cgi/image.c: photos re-encoded) is the CGI's only: its headers
# (GLib's) as system headers, so our warnings stay on our code.
VIPS_CFLAGS = $(patsubst -I%,-isystem %,$(shell pkg-config --cflags vips 2>/dev/null))
# ICU (cgi/names.c): NFC, default-ignorable characters and TS #39
# confusable skeletons of names.
CGI_LIBS = -lfcgi $(shell pkg-config --libs sqlite3 libsodium libqrencode libseccomp vips icu-uc icu-i18n 2>/dev/null)
UNIT_CGI = $(wildcard tests/unit/test_cgi_*.c)
UNIT = $(filter-out $(UNIT_CGI),$(wildcard tests/unit/test_*.c))
UNIT_BIN = $(patsubst tests/unit/%.c,$(B)/tests/%,$(UNIT)) \
	$(patsubst tests/unit/%.c,$(B)/tests/%,$(UNIT_CGI))
HEADERS = $(wildcard common/*.h generator/*.h cgi/*.h)

.PHONY: all deps site units test asan bench fuzz clean install uninstall help
all: deps $(B)/eystime $(B)/eystime-cgi site

help:
	@echo "make            install missing Debian packages, build, generate public/"
	@echo "make test       the whole suite (unit, sites, errors, HTML validation, valgrind)"
	@echo "make asan       the suite built with AddressSanitizer and UBSan"
	@echo "make fuzz       libFuzzer on every parser (FUZZ_SECONDS=60 each)"
	@echo "make bench      eystime against Hugo, Eleventy and cmark-gfm; the CGI"
	@echo "                against nginx's static files (bench/run; a few minutes)"
	@echo "make install    install eystime, the default theme and the man page"
	@echo "                (PREFIX=$(PREFIX), DESTDIR=)"
	@echo "make clean      remove build outputs and public/"

deps:
	@sh tools/deps.sh build

site: $(B)/eystime
	$(B)/eystime build -s .

$(B)/cgi/image.o $(B)/tests/test_cgi_image build-fuzz/fuzz_image \
$(B)/tests/replay_image: CFLAGS_ALL += $(VIPS_CFLAGS)

$(B)/%.o: %.c $(HEADERS) | deps
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -c $< -o $@

$(B)/generator/theme_files.c: tools/embed.py $(THEME_FILES)
	@mkdir -p $(dir $@)
	python3 tools/embed.py themes/default >$@.tmp && mv $@.tmp $@

$(B)/generator/theme_files.o: $(B)/generator/theme_files.c generator/theme.h
	$(CC) $(CFLAGS_ALL) -Igenerator -c $< -o $@

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

# Fuzz harnesses (tests/fuzz/fuzz_*.c): each also builds, with the normal
# compiler, as a replayer of its seed corpus and kept crashes (make test).
FUZZ_GEN = fm tpl link title import
FUZZ_CGI = form text manifest multipart image
REPLAY_BIN = $(patsubst %,$(B)/tests/replay_%,$(FUZZ_GEN) $(FUZZ_CGI))

units: $(UNIT_BIN) $(REPLAY_BIN)


$(B)/tests/replay_%: tests/fuzz/fuzz_%.c tests/fuzz/replay.c $(GEN_OBJ) $(CGI_OBJ)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) $(LDFLAGS) -o $@ $< tests/fuzz/replay.c \
		$(if $(filter $*,$(FUZZ_CGI)),$(CGI_OBJ) $(CGI_LIBS),$(GEN_OBJ) $(LIBS))

# make fuzz: libFuzzer (clang) with ASan and UBSan, each harness for
# FUZZ_SECONDS on a copy of its seed corpus; a crash stops with its input
# in build-fuzz/, to be fixed and kept in tests/fuzz/regress/<harness>/.
# The executions of each harness go to build-fuzz/execs.tsv.
FUZZ_SECONDS ?= 60
FUZZ_FLAGS = -O1 -g -fsanitize=fuzzer-no-link,address,undefined \
	-fno-sanitize-recover=all -fno-omit-frame-pointer

fuzz:
	@sh tools/deps.sh fuzz
	$(MAKE) B=build-fuzz CC=clang OPT="$(FUZZ_FLAGS)" \
		$(patsubst %,build-fuzz/fuzz_%,$(FUZZ_GEN) $(FUZZ_CGI))
	@rm -f build-fuzz/execs.tsv; for h in $(FUZZ_GEN) $(FUZZ_CGI); do \
		mkdir -p build-fuzz/corpus/$$h && \
		cp tests/fuzz/corpus/$$h/* build-fuzz/corpus/$$h/ && \
		{ [ $$h != tpl ] || cp themes/default/templates/*.html \
			build-fuzz/corpus/tpl/; } && \
		dict=; [ -f tests/fuzz/$$h.dict ] && dict=-dict=tests/fuzz/$$h.dict; \
		echo "fuzz: $$h for $(FUZZ_SECONDS) s"; \
		build-fuzz/fuzz_$$h -max_total_time=$(FUZZ_SECONDS) \
			-rss_limit_mb=2048 -print_final_stats=1 \
			-artifact_prefix=build-fuzz/crash-$$h- $$dict \
			build-fuzz/corpus/$$h 2>build-fuzz/$$h.log || \
			{ tail -40 build-fuzz/$$h.log; exit 1; }; \
		printf '%s\t%s\t%s s\n' $$h "$$(sed -n \
			's/^stat::number_of_executed_units: *//p' \
			build-fuzz/$$h.log)" $(FUZZ_SECONDS) >>build-fuzz/execs.tsv; \
	done; echo "fuzz: executions per harness (build-fuzz/execs.tsv):"; \
	cat build-fuzz/execs.tsv

build-fuzz/fuzz_%: tests/fuzz/fuzz_%.c $(GEN_OBJ) $(CGI_OBJ)
	$(CC) $(CFLAGS_ALL) -fsanitize=fuzzer,address,undefined -o $@ $< \
		$(if $(filter $*,$(FUZZ_CGI)),$(CGI_OBJ) $(CGI_LIBS),$(GEN_OBJ) $(LIBS))

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
	rm -rf build build-asan build-fuzz public .public.eystime-cache tests/out bench/out
