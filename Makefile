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
	src/time.c src/error.c
LIB_SRC = $(CORE_SRC) src/hosted.c
LIB_OBJ = $(LIB_SRC:src/%.c=build/lib/%.o)

SONAME = libnews.so.$(ABI)
SHLIB = libnews.so.$(VERSION)

TOOLS = newstool
TEST_SRC = tests/main.c tests/util.c tests/test_reader.c tests/test_article.c \
	tests/test_writer.c tests/test_json.c tests/test_time.c tests/test_vectors.c \
	tests/test_hosted.c tests/test_property.c

# Check when it is installed; otherwise the same tests run through the
# small compatible harness in tests/compat.
CHECK_CFLAGS = `pkg-config --cflags check 2>/dev/null || echo -Itests/compat`
CHECK_LIBS = `pkg-config --libs check 2>/dev/null`
CHECK_COMPAT = `pkg-config --exists check 2>/dev/null || echo tests/compat/minicheck.c`

all: libnews.a $(SHLIB) $(TOOLS)

build/lib/%.o: src/%.c include/news.h src/internal.h
	@mkdir -p build/lib
	$(CC) $(LIB_CFLAGS) $(ALL_CFLAGS) -c $< -o $@

libnews.a: $(LIB_OBJ)
	rm -f $@
	$(AR) rcs $@ $(LIB_OBJ)

$(SHLIB): $(LIB_OBJ)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -shared -Wl,-soname,$(SONAME) -o $@ $(LIB_OBJ)
	ln -sf $(SHLIB) $(SONAME)
	ln -sf $(SHLIB) libnews.so

newstool: examples/newstool.c include/news.h libnews.a
	$(CC) $(NEWS_CFLAGS) $(ALL_CFLAGS) $(LDFLAGS) -o $@ examples/newstool.c libnews.a

build/tests: $(TEST_SRC) tests/util.h tests/compat/check.h tests/compat/minicheck.c libnews.a
	@mkdir -p build
	$(CC) $(NEWS_CFLAGS) $(CHECK_CFLAGS) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $(TEST_SRC) \
		$(CHECK_COMPAT) libnews.a $(CHECK_LIBS)

check: build/tests newstool
	./build/tests
	sh tests/tools.sh ./newstool

demo: newstool
	./newstool ls tests/data/sample.news

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

.PHONY: all check demo install uninstall clean
