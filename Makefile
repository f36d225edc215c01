# libnews - see README.md. POSIX-style: the user's CC, CFLAGS, CPPFLAGS,
# LDFLAGS and AR are respected; the project's own flags are added apart.

VERSION = 0.1.0
ABI = 0

PREFIX = /usr/local
BINDIR = $(PREFIX)/bin
LIBDIR = $(PREFIX)/lib
INCLUDEDIR = $(PREFIX)/include
PKGCONFIGDIR = $(LIBDIR)/pkgconfig
DESTDIR =

CC = cc
AR = ar
CFLAGS = -O2 -g
CPPFLAGS =
LDFLAGS =
WERROR = -Werror

NEWS_CFLAGS = -std=c99 -Wall -Wextra -Wpedantic -Wshadow $(WERROR) -Iinclude
LIB_CFLAGS = $(NEWS_CFLAGS) -fPIC -fvisibility=hidden
ALL_CFLAGS = $(CPPFLAGS) $(CFLAGS)

# The core: no malloc, no stdio. hosted.c holds what needs them.
CORE_SRC = src/reader.c src/article.c src/writer.c src/json.c src/text.c src/fields.c \
	src/time.c src/error.c src/import.c src/import_rules.c src/layout.c src/width.c
LIB_SRC = $(CORE_SRC) src/hosted.c src/freestanding.c
LIB_OBJ = $(LIB_SRC:src/%.c=build/lib/%.o)

SONAME = libnews.so.$(ABI)
SHLIB = libnews.so.$(VERSION)

TOOLS = newstool newsview
EXAMPLES = build/dump build/epaper
TEST_SRC = tests/main.c tests/util.c tests/test_reader.c tests/test_article.c \
	tests/test_writer.c tests/test_json.c tests/test_time.c tests/test_vectors.c \
	tests/test_hosted.c tests/test_property.c \
	tests/test_import.c tests/test_layout.c tests/test_bad.c

# Check when it is installed; otherwise the same tests run through the
# small compatible harness in tests/compat.
CHECK_CFLAGS = `pkg-config --cflags check 2>/dev/null || echo -Itests/compat`
CHECK_LIBS = `pkg-config --libs check 2>/dev/null`
CHECK_COMPAT = `pkg-config --exists check 2>/dev/null || echo tests/compat/minicheck.c`

all: libnews.a $(SHLIB) $(TOOLS) $(EXAMPLES)

build/lib/%.o: src/%.c include/news.h src/internal.h src/reader.h
	@mkdir -p build/lib
	$(CC) $(LIB_CFLAGS) $(ALL_CFLAGS) -c $< -o $@
build/lib/import.o build/lib/import_rules.o: src/import.h

libnews.a: $(LIB_OBJ)
	rm -f $@
	$(AR) rcs $@ $(LIB_OBJ)

$(SHLIB): $(LIB_OBJ)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -shared -Wl,-soname,$(SONAME) -o $@ $(LIB_OBJ)
	ln -sf $(SHLIB) $(SONAME)
	ln -sf $(SHLIB) libnews.so

newstool: examples/newstool.c include/news.h libnews.a
	$(CC) $(NEWS_CFLAGS) $(ALL_CFLAGS) $(LDFLAGS) -o $@ examples/newstool.c libnews.a

newsview: examples/newsview.c include/news.h libnews.a
	$(CC) $(NEWS_CFLAGS) $(ALL_CFLAGS) $(LDFLAGS) -o $@ examples/newsview.c libnews.a

build/epaper: examples/epaper/epaper.c examples/epaper/font.c examples/epaper/font.h \
		include/news.h libnews.a
	@mkdir -p build
	$(CC) $(NEWS_CFLAGS) $(ALL_CFLAGS) $(LDFLAGS) -o $@ examples/epaper/epaper.c \
		examples/epaper/font.c libnews.a

build/dump: examples/dump.c include/news.h libnews.a
	@mkdir -p build
	$(CC) $(NEWS_CFLAGS) $(ALL_CFLAGS) $(LDFLAGS) -o $@ examples/dump.c libnews.a

build/tests: $(TEST_SRC) tests/util.h tests/jsonvalid.h tests/compat/check.h tests/compat/minicheck.c libnews.a
	@mkdir -p build
	$(CC) $(NEWS_CFLAGS) $(CHECK_CFLAGS) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $(TEST_SRC) \
		$(CHECK_COMPAT) libnews.a $(CHECK_LIBS)

# Check's default 4-second limit per test is too tight for loaded or
# emulated machines; the suites themselves stay well under a second.
check: build/tests newstool newsview
	CK_DEFAULT_TIMEOUT=60 ./build/tests
	sh tests/tools.sh ./newstool
	sh tests/nolost.sh ./newstool
	sh tests/newsview.sh ./newsview
	sh tests/import_tool.sh ./newstool
	sh tests/import_seed.sh

demo: newsview
	./newsview tests/data/sample.news

libnews.pc: pkgconfig/libnews.pc.in Makefile
	sed -e 's|@PREFIX@|$(PREFIX)|g' -e 's|@LIBDIR@|$(LIBDIR)|g' \
		-e 's|@INCLUDEDIR@|$(INCLUDEDIR)|g' -e 's|@VERSION@|$(VERSION)|g' \
		pkgconfig/libnews.pc.in > $@

install: all libnews.pc
	mkdir -p $(DESTDIR)$(BINDIR) $(DESTDIR)$(LIBDIR) $(DESTDIR)$(INCLUDEDIR) \
		$(DESTDIR)$(PKGCONFIGDIR)
	cp -f include/news.h $(DESTDIR)$(INCLUDEDIR)/news.h
	cp -f libnews.a $(DESTDIR)$(LIBDIR)/libnews.a
	cp -f $(SHLIB) $(DESTDIR)$(LIBDIR)/$(SHLIB)
	ln -sf $(SHLIB) $(DESTDIR)$(LIBDIR)/$(SONAME)
	ln -sf $(SHLIB) $(DESTDIR)$(LIBDIR)/libnews.so
	cp -f libnews.pc $(DESTDIR)$(PKGCONFIGDIR)/libnews.pc
	cp -f newstool $(DESTDIR)$(BINDIR)/newstool

uninstall:
	rm -f $(DESTDIR)$(INCLUDEDIR)/news.h $(DESTDIR)$(LIBDIR)/libnews.a \
		$(DESTDIR)$(LIBDIR)/$(SHLIB) $(DESTDIR)$(LIBDIR)/$(SONAME) \
		$(DESTDIR)$(LIBDIR)/libnews.so $(DESTDIR)$(PKGCONFIGDIR)/libnews.pc \
		$(DESTDIR)$(BINDIR)/newstool

clean:
	rm -rf build libnews.a libnews.so libnews.so.* libnews.pc $(TOOLS)

# The whole suite under AddressSanitizer and UndefinedBehaviorSanitizer,
# with gcc and with clang, in-process (no fork) so leaks are seen too.
SANITIZE = -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
check-sanitize:
	@mkdir -p build
	for cc in gcc clang; do \
		$$cc $(NEWS_CFLAGS) $(CHECK_CFLAGS) -O1 -g $(SANITIZE) -o build/tests-san-$$cc \
			$(LIB_SRC) $(TEST_SRC) $(CHECK_COMPAT) $(CHECK_LIBS) || exit 1; \
		CK_FORK=no ./build/tests-san-$$cc || exit 1; \
	done

# valgrind 3.19 reads DWARF 4 reliably, not the DWARF 5 that gcc 12 emits.
# The unit tests over each scanner the host can run: the portable one
# (NEWS_NO_SIMD), SSE2 alone (NEWS_NO_DISPATCH: the default build on
# x86-64 takes the builder's AVX2 copy where the CPU has AVX2), and AVX2
# windows throughout where the CPU has AVX2. ASan and UBSan on.
check-simd:
	@mkdir -p build
	$(CC) $(NEWS_CFLAGS) $(CHECK_CFLAGS) -O1 -g $(SANITIZE) -DNEWS_NO_SIMD \
		-o build/tests-nosimd $(LIB_SRC) $(TEST_SRC) $(CHECK_COMPAT) $(CHECK_LIBS)
	CK_FORK=no ./build/tests-nosimd
	$(CC) $(NEWS_CFLAGS) $(CHECK_CFLAGS) -O1 -g $(SANITIZE) -DNEWS_NO_DISPATCH \
		-o build/tests-sse2 $(LIB_SRC) $(TEST_SRC) $(CHECK_COMPAT) $(CHECK_LIBS)
	CK_FORK=no ./build/tests-sse2
	@if grep -qw avx2 /proc/cpuinfo 2>/dev/null; then \
		echo "$(CC) ... -mavx2 -o build/tests-avx2"; \
		$(CC) $(NEWS_CFLAGS) $(CHECK_CFLAGS) -O1 -g $(SANITIZE) -mavx2 \
			-o build/tests-avx2 $(LIB_SRC) $(TEST_SRC) $(CHECK_COMPAT) $(CHECK_LIBS) && \
		CK_FORK=no ./build/tests-avx2; \
	else \
		echo "check-simd: no AVX2 on this CPU, the AVX2 windows are not tested"; \
	fi

check-valgrind:
	@mkdir -p build
	$(CC) $(NEWS_CFLAGS) $(CHECK_CFLAGS) -O1 -gdwarf-4 -o build/tests-vg \
		$(LIB_SRC) $(TEST_SRC) $(CHECK_COMPAT) $(CHECK_LIBS)
	CK_FORK=no valgrind -q --leak-check=full --errors-for-leak-kinds=all \
		--error-exitcode=1 ./build/tests-vg

# The core built without stdio and malloc must not reference them: the
# only outside symbols allowed are the string functions, and on x86-64
# the CPU model of libgcc that __builtin_cpu_supports() reads (through
# the GOT) for the builder's AVX2 copy (NEWS_NO_DISPATCH).
check-nostdio:
	@mkdir -p build/nostdio
	for f in $(CORE_SRC) src/hosted.c; do \
		$(CC) $(NEWS_CFLAGS) -DNEWS_NO_STDIO -DNEWS_NO_MALLOC -O2 -c $$f \
			-o build/nostdio/`basename $$f .c`.o || exit 1; \
	done
	@bad=`nm -u build/nostdio/*.o | awk 'NF == 2 { print $$2 }' | sort -u | \
		grep -v -E '^(news_|news__|mem(chr|cmp|cpy|move|set)$$|strlen$$)' | \
		grep -v -E '^(__cpu_model|_GLOBAL_OFFSET_TABLE_)$$'`; \
	if [ -n "$$bad" ]; then echo "outside symbols: $$bad"; exit 1; fi; \
	echo "no-stdio/no-malloc build references only: `nm -u build/nostdio/*.o | \
		awk 'NF == 2 && $$2 !~ /^news_/ { print $$2 }' | sort -u | tr '\n' ' '`"

# Install into a staging directory, build a program with pkg-config
# against it, run it, uninstall, and check nothing is left behind.
check-install: all
	sh tests/install.sh "$(MAKE)"

# Benchmark (docs/PERFORMANCE.md); not part of check. The library
# sources are compiled into build/bench with the default build's flags
# plus -O2 and BENCH_CFLAGS (make bench BENCH_CFLAGS=-march=native);
# BENCH_ARTICLES=N changes the corpus (default 11000, about 64 MB).
# The cJSON row is built in when pkg-config finds libcjson, the jsmn row
# when JSMN_H exists.
BENCH_ARTICLES =
BENCH_CFLAGS =
BENCH_ARGS =
BENCH_CALLGRIND_ARTICLES = 600
BENCH_SRC = bench/bench.c bench/corpus.c bench/arena.c
JSMN_H = /usr/include/jsmn.h
BENCH_JSON_CFLAGS = `pkg-config --exists libcjson 2>/dev/null && echo -DHAVE_CJSON && \
	pkg-config --cflags libcjson` `test -f $(JSMN_H) && echo -DHAVE_JSMN`
BENCH_JSON_LIBS = `pkg-config --libs libcjson 2>/dev/null`

bench-build:
	@mkdir -p build
	$(CC) $(LIB_CFLAGS) $(ALL_CFLAGS) -O2 $(BENCH_CFLAGS) $(BENCH_JSON_CFLAGS) $(LDFLAGS) \
		-o build/bench $(BENCH_SRC) $(LIB_SRC) $(BENCH_JSON_LIBS)

bench: bench-build bench-arena32
	./build/bench $(BENCH_ARTICLES:%=--articles %) --arena32 build/bench-arena32.txt $(BENCH_ARGS)

# Arena use on a 32-bit target: ARMv7-A (the struct layout of every
# 32-bit ARM, Cortex-M0 included) under qemu-arm; skipped without them.
build/bench-arena32.elf: bench/arena32.c bench/arena.c bench/arena.h bench/corpus.c \
		bench/corpus.h $(LIB_SRC) include/news.h src/internal.h src/reader.h
	@mkdir -p build
	$(ARM_PREFIX)gcc $(NEWS_CFLAGS) -O2 -march=armv7-a -marm --specs=rdimon.specs -o $@ \
		bench/arena32.c bench/arena.c bench/corpus.c $(LIB_SRC)

bench-arena32:
	@rm -f build/bench-arena32.txt
	@if command -v $(ARM_PREFIX)gcc >/dev/null 2>&1 && command -v $(QEMU_ARM) >/dev/null 2>&1; \
	then $(MAKE) -s build/bench-arena32.elf && \
		$(QEMU_ARM) build/bench-arena32.elf $(BENCH_ARTICLES) > build/bench-arena32.txt && \
		cat build/bench-arena32.txt; \
	else echo "bench-arena32: no $(ARM_PREFIX)gcc or $(QEMU_ARM): 32-bit arena not measured"; fi

# Instructions per input byte of each row, under callgrind.
bench-callgrind: bench-build
	sh bench/callgrind.sh ./build/bench $(BENCH_CALLGRIND_ARTICLES)

.PHONY: bench bench-build bench-arena32 bench-callgrind

.PHONY: all check demo install uninstall clean check-sanitize check-valgrind check-nostdio \
	check-install check-simd

# Fuzzing (tests/fuzz/README.md). `make fuzz` builds each target with
# clang's libFuzzer, ASan and UBSan, and runs each for FUZZ_SECONDS
# (one after the other, or N at a time with -jN), growing a work corpus in build/fuzz/work from
# the committed seeds and regression inputs (read only); crashes go to
# build/fuzz/crashes. `make fuzz-replay` runs the committed inputs
# through plain replay drivers: gcc and clang with ASan and UBSan, then
# valgrind.
FUZZ_TARGETS = reader article roundtrip json import layout
FUZZ_SECONDS = 60
FUZZ_CC = clang
FUZZ_FLAGS = -g -O1 -fno-omit-frame-pointer -fsanitize=fuzzer,address,undefined \
	-fno-sanitize-recover=all
FUZZ_ARGS = -max_len=8192 -timeout=10 -rss_limit_mb=2048 -print_final_stats=1
FUZZ_DEPS = tests/fuzz/fuzz_util.c tests/fuzz/fuzz_util.h tests/jsonvalid.h $(LIB_SRC) $(wildcard src/*.h) \
	include/news.h

build/fuzz/fuzz_%: tests/fuzz/fuzz_%.c $(FUZZ_DEPS)
	@mkdir -p build/fuzz
	$(FUZZ_CC) $(NEWS_CFLAGS) $(FUZZ_FLAGS) -o $@ $< tests/fuzz/fuzz_util.c $(LIB_SRC)

# One rule per target, so that `make -jN fuzz` runs N at a time.
fuzz: $(FUZZ_TARGETS:%=fuzz-run-%)

$(FUZZ_TARGETS:%=fuzz-run-%): fuzz-run-%: build/fuzz/fuzz_%
	@mkdir -p build/fuzz/work/$* build/fuzz/crashes/$*
	./build/fuzz/fuzz_$* $(FUZZ_ARGS) -max_total_time=$(FUZZ_SECONDS) \
		-dict=tests/fuzz/news.dict -artifact_prefix=build/fuzz/crashes/$*/ \
		build/fuzz/work/$* tests/fuzz/corpus/$* tests/fuzz/regress/$* \
		>build/fuzz/fuzz-$*.log 2>&1 || { tail -60 build/fuzz/fuzz-$*.log; exit 1; }
	@grep -E 'stat::(number_of_executed_units|new_units_added)' build/fuzz/fuzz-$*.log | \
		sed 's/^/$*: /'

fuzz-replay:
	@mkdir -p build/fuzz
	for cc in gcc clang; do \
		for t in $(FUZZ_TARGETS); do \
			$$cc $(NEWS_CFLAGS) -O1 -g $(SANITIZE) -o build/fuzz/replay-$$cc-$$t \
				tests/fuzz/fuzz_$$t.c tests/fuzz/replay.c tests/fuzz/fuzz_util.c \
				$(LIB_SRC) || exit 1; \
			./build/fuzz/replay-$$cc-$$t tests/fuzz/corpus/$$t tests/fuzz/regress/$$t \
				2>build/fuzz/replay-$$cc-$$t.log || { cat build/fuzz/replay-$$cc-$$t.log; \
				exit 1; }; \
		done; \
	done
	for t in $(FUZZ_TARGETS); do \
		$(CC) $(NEWS_CFLAGS) -O1 -gdwarf-4 -o build/fuzz/replay-vg-$$t tests/fuzz/fuzz_$$t.c \
			tests/fuzz/replay.c tests/fuzz/fuzz_util.c $(LIB_SRC) || exit 1; \
		valgrind -q --leak-check=full --errors-for-leak-kinds=all --error-exitcode=1 \
			./build/fuzz/replay-vg-$$t tests/fuzz/corpus/$$t tests/fuzz/regress/$$t \
			2>build/fuzz/replay-vg-$$t.log || { cat build/fuzz/replay-vg-$$t.log; exit 1; }; \
	done

.PHONY: fuzz fuzz-replay $(FUZZ_TARGETS:%=fuzz-run-%)

# Cross builds, size and stack budgets, emulated targets, vendoring.
include mk/embedded.mk
