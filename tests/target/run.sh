#!/bin/sh
# run.sh MODE NAME COMMAND... - run a program on an emulated target and
# judge what it prints. MODE:
#   unit      the unit tests: the run must exit 0 and the harness's last
#             line must read "N passed, 0 failed"
#   smoke     tests/target/smoke.expected, line for line; lines starting
#             with '#' are facts about the target, shown but not compared
#   firmware  examples/firmware/expected.txt, line for line
# simavr prints the AVR's USART lines on stderr between colour codes,
# with the line feed shown as a final '.': those lines are taken, and
# simavr's own messages dropped.
set -u
mode=$1
name=$2
shift 2

log=$(mktemp "${TMPDIR:-/tmp}/libnews-target.XXXXXX")
got=$log.got
trap 'rm -f "$log" "$got"' EXIT

printf '\n== %s: %s\n' "$mode" "$name"
start=$(date +%s)
"$@" >"$log" 2>&1
rc=$?
secs=$(( $(date +%s) - start ))

esc=$(printf '\033')
if grep -q "${esc}\[32m" "$log"; then
    sed -n "s/^.*${esc}\[32m\(.*\)\.$/\1/p" "$log" | sed "s/${esc}\[0m//g" >"$got"
else
    tr -d '\r' <"$log" >"$got"
fi

case $mode in
unit)
    cat "$got"
    last=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$got" | tail -n 1)
    if [ "$rc" -ne 0 ] || ! printf '%s\n' "$last" | grep -qE '^[0-9]+ passed, 0 failed$'; then
        echo "FAIL: $name (exit status $rc, ${last:-no result line}, ${secs}s)"
        exit 1
    fi
    echo "ok: $name: $last (${secs}s)"
    ;;
smoke | firmware)
    if [ "$mode" = smoke ]; then want=tests/target/smoke.expected; else want=examples/firmware/expected.txt; fi
    grep '^#' "$got"
    if [ "$rc" -ne 0 ] || ! grep -v '^#' "$got" | diff -u "$want" - >"$log.diff"; then
        grep -v '^#' "$got"
        cat "$log.diff" 2>/dev/null
        rm -f "$log.diff"
        echo "FAIL: $name (exit status $rc, output differs from $want, ${secs}s)"
        exit 1
    fi
    rm -f "$log.diff"
    echo "ok: $name: output as $want (${secs}s)"
    ;;
*)
    echo "run.sh: unknown mode $mode" >&2
    exit 2
    ;;
esac
