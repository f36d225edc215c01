#!/bin/sh
# callgrind.sh - instructions per input byte of every benchmark row.
#
#   sh bench/callgrind.sh [BENCH [ARTICLES]]   (default ./build/bench 600)
#
# Instruction counts do not depend on the load of the machine, so they
# compare runs made anywhere. Each row runs alone under callgrind for one
# round with no warm-up (build/bench --only ROW --rounds 1 --warmup 0);
# a run of the same program that only makes the inputs (--only none) is
# subtracted, which leaves the instructions of that one round. The set-up
# is the same in every run (the corpus, its parsed articles, its JSON and
# plain-text forms), so the difference is the row's work alone.
set -e

bench=${1:-./build/bench}
articles=${2:-600}
command -v valgrind >/dev/null 2>&1 || { echo "callgrind.sh: valgrind not found" >&2; exit 1; }
[ -x "$bench" ] || { echo "callgrind.sh: $bench not built (make bench-build)" >&2; exit 1; }

tmp=`mktemp -d`
trap 'rm -rf "$tmp"' EXIT INT TERM

# run ROW: sets ir to the instructions of the whole process; the
# benchmark's output goes to $tmp/log.
run() {
    rm -f "$tmp/cg.out"
    if ! valgrind --tool=callgrind --callgrind-out-file="$tmp/cg.out" \
        "$bench" --only "$1" --rounds 1 --warmup 0 --articles "$articles" \
        >"$tmp/log" 2>"$tmp/err"; then
        cat "$tmp/err" >&2
        echo "callgrind.sh: row $1 failed" >&2
        exit 1
    fi
    ir=`sed -n 's/^summary: *//p' "$tmp/cg.out"`
    [ -n "$ir" ] || { echo "callgrind.sh: no summary for row $1" >&2; exit 1; }
}

run none
base=$ir
head -1 "$tmp/log"
echo "valgrind `valgrind --version | sed 's/^valgrind-//'`, callgrind; baseline (set-up only): $base instructions"
echo
printf '%-11s %14s %12s %10s\n' row instructions "input bytes" "instr/byte"
build=
for row in `"$bench" --list`; do
    run "$row"
    bytes=`sed -n "s/^bytes $row //p" "$tmp/log"`
    ipb=`awk -v a="$ir" -v b="$base" -v n="$bytes" 'BEGIN { printf "%.3f", (a - b) / n }'`
    printf '%-11s %14d %12d %10s\n' "$row" `expr "$ir" - "$base"` "$bytes" "$ipb"
    [ "$row" = build ] && build=$ipb
done
echo
if [ -n "$build" ]; then
    verdict=`awk -v v="$build" 'BEGIN { print (v <= 2 ? "PASS" : "FAIL") }'`
    echo "target: build (reader, UTF-8 validation, articles) <= 2 instructions per byte: $build  $verdict"
fi
