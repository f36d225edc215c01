#!/bin/sh
# run.sh CMAKE ARM_GCC - the CMakeLists.txt of libnews, tested the ways
# it is used: a standalone build, add_subdirectory() from a project (with
# options and a NEWS_CONFIG_HEADER), a cross build for Cortex-M0, and as
# ESP-IDF and Zephyr call it (through stand-ins of their functions).
set -eu
cmake=${1:-cmake}
armgcc=${2:-arm-none-eabi-gcc}
b=build/cmake
rm -rf "$b"

say() { printf '\n== cmake: %s\n' "$*"; }

say "standalone, with warnings as errors"
"$cmake" -S . -B "$b/plain" -DCMAKE_C_FLAGS="-Wall -Wextra -Wpedantic -Werror" >/dev/null
"$cmake" --build "$b/plain"
test -f "$b/plain/libnews.a"

say "add_subdirectory, default options"
"$cmake" -S tests/cmake/app -B "$b/app" >/dev/null
"$cmake" --build "$b/app"
"$b/app/newsapp" | tee "$b/app.out"
grep -q 'strerror: "invalid date' "$b/app.out"

say "add_subdirectory, NEWS_NO_STDIO NEWS_NO_MALLOC and a NEWS_CONFIG_HEADER"
"$cmake" -S tests/cmake/app -B "$b/app-options" -DNEWS_NO_STDIO=ON -DNEWS_NO_MALLOC=ON \
    -DNEWS_CONFIG_HEADER=news_config.h >/dev/null
"$cmake" --build "$b/app-options"
"$b/app-options/newsapp" | tee "$b/app-options.out"
grep -q 'strerror: ""' "$b/app-options.out"

if command -v "$armgcc" >/dev/null; then
    say "cross build, Cortex-M0, no stdio, no malloc"
    "$cmake" -S . -B "$b/m0" -DCMAKE_SYSTEM_NAME=Generic -DCMAKE_C_COMPILER="$armgcc" \
        -DCMAKE_TRY_COMPILE_TARGET_TYPE=STATIC_LIBRARY \
        -DCMAKE_C_FLAGS="-mcpu=cortex-m0 -mthumb -Os -Wall -Wextra -Wpedantic -Werror" \
        -DNEWS_NO_STDIO=ON -DNEWS_NO_MALLOC=ON >/dev/null
    "$cmake" --build "$b/m0"
    test -f "$b/m0/libnews.a"
else
    say "cross build skipped: $armgcc not found"
fi

say "as an ESP-IDF component"
"$cmake" -S tests/cmake/idf -B "$b/idf" >/dev/null
"$cmake" --build "$b/idf"
"$b/idf/newsapp"

say "as a Zephyr module"
"$cmake" -S tests/cmake/zephyr -B "$b/zephyr" >/dev/null
"$cmake" --build "$b/zephyr"
"$b/zephyr/newsapp"

echo "cmake: all builds passed"
