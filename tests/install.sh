#!/bin/sh
# Install into a staging directory, build examples/dump.c with
# `pkg-config --cflags --libs libnews` against it, run it against the
# shared library, uninstall and check that nothing is left.
set -eu
make=${1:-make}
stage=$(pwd)/build/stage
rm -rf "$stage"
$make -s install DESTDIR="$stage" PREFIX=/usr/local >/dev/null
pc="$stage/usr/local/lib/pkgconfig/libnews.pc"
test -f "$pc"
grep -q '^prefix=/usr/local$' "$pc"
flags=$(PKG_CONFIG_PATH="$stage/usr/local/lib/pkgconfig" PKG_CONFIG_SYSROOT_DIR="$stage" \
	pkg-config --cflags --libs libnews)
echo "pkg-config: $flags"
${CC:-cc} -std=c99 -o "$stage/dump" examples/dump.c $flags
out=$(LD_LIBRARY_PATH="$stage/usr/local/lib" "$stage/dump" < tests/data/sample.news)
echo "$out" | head -3
echo "$out" | grep -q '^article 1: '
LD_LIBRARY_PATH="$stage/usr/local/lib" ldd "$stage/dump" | grep -q "$stage/usr/local/lib/libnews.so.0"
readelf -d "$stage/usr/local/lib/libnews.so.0" | grep -q 'SONAME.*libnews.so.0'
rm -f "$stage/dump"
$make -s uninstall DESTDIR="$stage" PREFIX=/usr/local >/dev/null
left=$(find "$stage" -type f -o -type l)
if [ -n "$left" ]; then
	echo "left after uninstall: $left"
	exit 1
fi
rm -rf "$stage"
echo "install: ok"
