#!/bin/sh
# mkcorpus.sh - rebuild the seed corpus tests/fuzz/corpus/TARGET/ from
# the fixtures (tests/vectors, tests/data, tests/import, tests/bad).
#
# Every target reads a few parameter bytes before its document (see the
# comment at the top of each tests/fuzz/fuzz_*.c); each seed is a
# fixture behind one of a handful of parameter sets, taken in turn, so
# the corpus starts with every mode in use. At most MAX files of at most
# 8 KB per target: the corpus is committed, and libFuzzer's own work
# directory (build/fuzz/work) is where it grows.
#
# Seeds must pass: `make fuzz-replay` runs them. Rerun this after the
# fixtures change, then `make fuzz-replay`.
set -eu
cd "$(dirname "$0")/../.."

out=tests/fuzz/corpus
MAX=60
rm -rf "$out"
mkdir -p "$out"

# seed TARGET NAME HEADER FILE: HEADER is a printf format of the bytes.
seed() {
    [ -f "$4" ] || return 0
    [ "$(wc -c < "$4")" -le 8192 ] || return 0
    mkdir -p "$out/$1"
    [ "$(ls "$out/$1" | wc -l)" -lt "$MAX" ] || return 0
    { printf "$3"; cat "$4"; } > "$out/$1/$2"
}

# each TARGET LIST FILE...: seed every file, cycling through the
# parameter sets of LIST (space-separated printf formats, no spaces
# inside one).
nth() { # nth K WORD...: the K-th word (from 1)
    shift "$1"
    printf '%s' "$1"
}
count() {
    printf '%s' "$#"
}

each() {
    target=$1 sets=$2 i=0
    shift 2
    n=$(count $sets)
    for f in "$@"; do
        i=$((i + 1))
        k=$(( (i % n) + 1 ))
        h=$(nth "$k" $sets)
        base=$(basename "$f")
        dir=$(basename "$(dirname "$f")")
        seed "$target" "$dir-${base%.*}-$k" "$h" "$f"
    done
}

# Every 8th invalid vector: a spread over the rules.
invalid=$(ls tests/vectors/invalid/*.news 2>/dev/null | awk 'NR % 8 == 1')
valid=$(ls tests/vectors/valid/*.news tests/data/*.news 2>/dev/null || true)
texts=$(ls tests/import/*.txt 2>/dev/null || true)
bad=$(ls tests/bad/*.news 2>/dev/null | awk 'NR % 4 == 1')

# reader: limits, chunk sizes, line buffer (10 bytes).
R='\000\377\377\377\377\000\000\000\000\000 \000\001\002\003\007\000\000\000\000\000'
R="$R \002\005\000\013\001\000\040\020\042\042 \001\003\003\003\003\000\000\000\000\000"
R="$R \000\007\007\007\007\021\000\000\000\000"
each reader "$R" $valid $invalid $bad

# article: flags, arena size, chunk size (4 bytes).
A='\000\000\000\000 \021\000\000\000 \042\000\000\010 \005\000\020\002 \031\000\000\003'
A="$A \100\000\000\000 \025\000\000\006 \001\000\000\001"
each article "$A" $valid $invalid

# roundtrip: flags, failing sink call, buffer capacity (3 bytes).
each roundtrip '\000\000\000 \001\003\001 \002\011\002 \000\001\005' $valid

# json: parsed documents, then articles built from the bytes of texts.
each json '\000\000\010 \002\007\000' $valid
each json '\001\000\000 \003\005\004' $texts

# import: flags, options, arena size, phrases (6 bytes and phrases).
I='\000\000\000\000\000\000 \000\000\006\000\000\023advertis|Speed\040Read'
I="$I \377\377\000\000\001\000 \100\000\100\000\020\000 \000\000\021\000\000\000"
each import "$I" $texts
each import '\000\000\000\000\000\000 \000\000\040\000\004\000' $valid

# layout: width callback, width, ellipsis, saved line (4 bytes).
L='\000\024\003\000 \001\010\001\002 \002\000\000\001 \003\050\002\005 \200\000\000\000'
L="$L \000\012\003\007"
each layout "$L" $texts $valid

for t in reader article roundtrip json import layout; do
    printf '%s: %s seeds\n' "$t" "$(ls "$out/$t" | wc -l)"
done
