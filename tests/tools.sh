#!/bin/sh
# tools.sh - tests of the newstool command line.
#
#   sh tests/tools.sh ./newstool        (from the project root; make check)
#
# One line per check, "ok - NAME" or "not ok - NAME" (with the details
# after it as "#" lines), then "N passed, N failed". Exits non-zero if
# any check failed. Everything happens in a temporary directory that is
# removed on exit.

NT=${1:-./newstool}
ROOT=$(pwd)
case $NT in
/*) ;;
*) NT=$ROOT/$NT ;;
esac
if [ ! -x "$NT" ]; then
    echo "tools.sh: $NT is not an executable" >&2
    exit 2
fi

T=$(mktemp -d "${TMPDIR:-/tmp}/newstool-test.XXXXXX") || exit 2
trap 'chmod -R u+w "$T" 2>/dev/null; rm -rf "$T"' EXIT
trap 'exit 130' HUP INT TERM
cd "$T" || exit 2

pass=0
fail=0
TAB=$(printf '\t')

ok() {
    pass=$((pass + 1))
    echo "ok - $1"
}

not_ok() {
    fail=$((fail + 1))
    echo "not ok - $1"
    if [ -n "$2" ]; then
        printf '%s\n' "$2" | sed 's/^/#   /'
    fi
}

skip() {
    echo "# skip - $1 ($2)"
}

# run ARGS...: newstool with stdout in out, stderr in err, status in rc.
run() {
    "$NT" "$@" >out 2>err
    rc=$?
}

# run_stdin FILE ARGS...: the same with standard input from FILE.
run_stdin() {
    _in=$1
    shift
    "$NT" "$@" <"$_in" >out 2>err
    rc=$?
}

# expect NAME STATUS OUT ERR: the last run exited with STATUS and wrote
# exactly the files OUT and ERR ("-" for nothing at all).
expect() {
    _why=
    [ "$rc" -eq "$2" ] || _why="exit status $rc, expected $2"
    if [ "$3" = - ]; then
        [ -s out ] && _why="$_why
stdout not empty: $(head -c 300 out)"
    elif ! cmp -s out "$3"; then
        _why="$_why
stdout differs from $3: $(head -c 300 out)"
    fi
    if [ "$4" = - ]; then
        [ -s err ] && _why="$_why
stderr not empty: $(head -c 300 err)"
    elif ! cmp -s err "$4"; then
        _why="$_why
stderr: $(head -c 300 err)
expected: $(cat "$4")"
    fi
    if [ -z "$_why" ]; then ok "$1"; else not_ok "$1" "$_why"; fi
}

# expect_fail NAME STATUS: the last run exited with STATUS, wrote nothing
# on stdout and something on stderr.
expect_fail() {
    _why=
    [ "$rc" -eq "$2" ] || _why="exit status $rc, expected $2"
    [ -s out ] && _why="$_why
stdout not empty"
    [ -s err ] || _why="$_why
no message on stderr"
    if [ -z "$_why" ]; then ok "$1"; else not_ok "$1" "$_why"; fi
}

# is NAME CONDITION...: ok if the command succeeds.
is() {
    _name=$1
    shift
    if "$@"; then ok "$_name"; else not_ok "$_name" "failed: $*"; fi
}

sum() {
    cksum <"$1"
}

# ---------------------------------------------------------------------
# Fixtures
# ---------------------------------------------------------------------

printf '%%news 1\ntitle: Good one\n\nA paragraph.\n' >good1.news
printf '%%news 1\ntitle: First\npublished: 2024-05-01T07:30:00Z\n%%news 1\ntitle: Second\n' \
    >good2.news
printf '%%news 1\ntitle: a\ntitle: b\n' >dup.news
printf 'hello\n' >noheader.news
printf '%%news 2\ntitle: x\n' >version.news
: >empty.news
printf '%%news 1\ntitle: t\npublished: 2023-02-29T00:00:00Z\n' >date.news
printf '%%news 1\ntitle: t\n\nbad \001 byte\n' >ctrl.news

# A valid document far from canonical form: BOM, CRLF, fields out of
# order, no space after a colon, extra blank lines, markers without
# their space, a needless escape, links with fields out of order.
printf '\357\273\277%%news 1\r\nauthor: Jane\r\ntag: b\ntitle:Hello\nx-thing: 1\nkicker: K\n' \
    >messy.news
printf 'author-bio: Jane writes.\n\n\n#Heading\n>  quote\n\\plain\n\\#x\n \t \n-\nurl: u\n' \
    >>messy.news
printf 'title: L\n\n-\ntitle: M\n' >>messy.news
printf '%%news 1\ntitle: Hello\nkicker: K\ntag: b\nauthor: Jane\nauthor-bio: Jane writes.\n' \
    >messy.canon
printf 'x-thing: 1\n\n# Heading\n\n>  quote\n\nplain\n\n\\#x\n\n-\ntitle: L\nurl: u\n-\n' \
    >>messy.canon
printf 'title: M\n' >>messy.canon

# ---------------------------------------------------------------------
# check
# ---------------------------------------------------------------------

run check good1.news
expect "check: a valid file exits 0 silently" 0 - -
run check good1.news good2.news "$ROOT/tests/data/sample.news" messy.news
expect "check: several valid files exit 0 silently" 0 - -

run check dup.news
printf 'dup.news:3:1: error: field given twice\n' >want
expect "check: duplicate field as FILE:LINE:COL: error: MESSAGE" 1 - want

run check noheader.news
printf "noheader.news:1:1: error: expected '%%news 1' before the article\n" >want
expect "check: text before the header" 1 - want

run check version.news
printf 'version.news:1:7: error: unsupported format version\n' >want
expect "check: unsupported version at column 7" 1 - want

run check empty.news
printf 'empty.news:1:1: error: no article in the input\n' >want
expect "check: empty file" 1 - want

run check date.news
printf 'date.news:3:12: error: invalid date: expected RFC 3339 date-time\n' >want
expect "check: invalid date at the column of the value" 1 - want

run check ctrl.news
printf 'ctrl.news:4:5: error: control character in text\n' >want
expect "check: control character" 1 - want

run check good1.news dup.news good2.news noheader.news messy.news
printf "dup.news:3:1: error: field given twice\nnoheader.news:1:1: error: expected '%%news 1' before the article\n" >want
expect "check: mixed valid and invalid files report each invalid one in order" 1 - want

run_stdin dup.news check -
printf '<stdin>:3:1: error: field given twice\n' >want
expect "check: - reads standard input and is shown as <stdin>" 1 - want

run_stdin good1.news check -
expect "check: a valid standard input exits 0 silently" 0 - -

run_stdin dup.news check good1.news - date.news
printf '<stdin>:3:1: error: field given twice\ndate.news:3:12: error: invalid date: expected RFC 3339 date-time\n' >want
expect "check: - among files" 1 - want

run check missing.news good1.news
if [ "$rc" -eq 1 ] && [ ! -s out ] && grep -q 'missing\.news' err && [ "$(wc -l <err)" -eq 1 ]; then
    ok "check: a missing file is an error naming it"
else
    not_ok "check: a missing file is an error naming it" "status $rc: $(cat err)"
fi

# ---------------------------------------------------------------------
# fmt: canonical and idempotent
# ---------------------------------------------------------------------

run fmt messy.news
expect "fmt: a messy document comes out in canonical form" 0 messy.canon -

run fmt messy.canon
expect "fmt: canonical form is kept byte for byte" 0 messy.canon -

run_stdin messy.news fmt -
expect "fmt: - reads standard input" 0 messy.canon -

cat good1.news good2.news >both.want
run fmt good1.news good2.news
expect "fmt: several files are written one after the other" 0 both.want -

run fmt good1.news dup.news good2.news
printf 'dup.news:3:1: error: field given twice\n' >want
expect "fmt: an invalid file is reported, the others are still written" 1 both.want want

run fmt dup.news
printf 'dup.news:3:1: error: field given twice\n' >want
expect "fmt: an invalid file alone writes nothing" 1 - want

# fmt_checks FILE LABEL: fmt of FILE succeeds, fmt of that is the same,
# the result passes check, and json is the same for FILE and its fmt.
fmt_checks() {
    _f=$1
    _l=$2
    if "$NT" fmt "$_f" >f1.news 2>err; then
        ok "fmt: $_l is formatted"
    else
        not_ok "fmt: $_l is formatted" "$(cat err)"
        return
    fi
    if "$NT" fmt f1.news >f2.news 2>err && cmp -s f1.news f2.news; then
        ok "fmt: $_l: fmt of fmt equals fmt"
    else
        not_ok "fmt: $_l: fmt of fmt equals fmt" "$(diff f1.news f2.news | head -20)"
    fi
    if "$NT" check f1.news 2>err; then
        ok "fmt: $_l: the output passes check"
    else
        not_ok "fmt: $_l: the output passes check" "$(cat err)"
    fi
    # canonical text: LF endings, no BOM, no two blank lines in a row,
    # a final LF, no blank line at the end
    if ! od -An -c f1.news | grep -q '\\r' &&
        [ "$(head -c 3 f1.news | od -An -tx1 | tr -d ' \n')" != efbbbf ] &&
        [ "$(tail -c 1 f1.news | od -An -tx1 | tr -d ' \n')" = 0a ] &&
        awk 'NR > 1 && prev == "" && $0 == "" { bad = 1 } { prev = $0 }
            END { exit bad || prev == "" }' f1.news; then
        ok "fmt: $_l: the output is LF text without BOM or extra blank lines"
    else
        not_ok "fmt: $_l: the output is LF text without BOM or extra blank lines"
    fi
    # json through standard input, so that the feed title is the same
    if "$NT" json - <"$_f" >j1.json 2>err && "$NT" json - <f1.news >j2.json 2>>err &&
        cmp -s j1.json j2.json; then
        ok "json: $_l: the same for the file and for its fmt output"
    else
        not_ok "json: $_l: the same for the file and for its fmt output" \
            "$(cat err; diff j1.json j2.json | head -20)"
    fi
}

fmt_checks messy.news messy.news
for f in "$ROOT"/tests/data/*.news; do
    [ -f "$f" ] || continue
    fmt_checks "$f" "tests/data/${f##*/}"
done

if [ -f "$ROOT/tests/data/sample.news" ]; then
    run fmt "$ROOT/tests/data/sample.news"
    expect "fmt: tests/data/sample.news is in canonical form" 0 "$ROOT/tests/data/sample.news" -
else
    not_ok "tests/data/sample.news exists"
fi

n_vectors=0
if [ -d "$ROOT/tests/vectors/valid" ]; then
    for f in "$ROOT"/tests/vectors/valid/*.news; do
        [ -f "$f" ] || continue
        n_vectors=$((n_vectors + 1))
        name=${f##*/}
        name=${name%.news}
        fmt_checks "$f" "vector $name"
        case $name in
        canonical*)
            run fmt "$f"
            expect "fmt: vector $name is kept byte for byte" 0 "$f" -
            ;;
        esac
        # The expected export has the feed title NAME: run newstool on
        # a link of that name.
        if [ -f "${f%.news}.json" ]; then
            rm -f "$name"
            ln -s "$f" "$name"
            run json "$name"
            expect "json: vector $name matches $name.json" 0 "${f%.news}.json" -
            rm -f "$name"
        fi
    done
fi
if [ "$n_vectors" -eq 0 ]; then
    skip "fmt and json over tests/vectors/valid" "no vectors yet"
fi

if [ -d "$ROOT/tests/vectors/invalid" ]; then
    for f in "$ROOT"/tests/vectors/invalid/*.news; do
        [ -f "$f" ] || continue
        name=${f##*/}
        name=${name%.news}
        run check "$f"
        if [ "$rc" -eq 1 ] && [ ! -s out ] && [ "$(wc -l <err)" -eq 1 ] &&
            grep -q "^$f:[1-9][0-9]*:[1-9][0-9]*: error: ." err; then
            ok "check: invalid vector $name is refused as FILE:LINE:COL: error: MESSAGE"
        else
            not_ok "check: invalid vector $name is refused as FILE:LINE:COL: error: MESSAGE" \
                "status $rc: $(cat err)"
        fi
    done
fi

# ---------------------------------------------------------------------
# json
# ---------------------------------------------------------------------

cp good1.news g.news
run json g.news
cat >want <<'EOF'
{
  "version": "https://jsonfeed.org/version/1.1",
  "title": "g.news",
  "items": [
    {
      "title": "Good one",
      "content_text": "A paragraph.",
      "_libnews": {
        "paragraphs": [
          {
            "kind": "text",
            "text": "A paragraph."
          }
        ]
      }
    }
  ]
}
EOF
expect "json: the export of a small file, titled with its name" 0 want -

run_stdin good2.news json -
cat >want <<'EOF'
{
  "version": "https://jsonfeed.org/version/1.1",
  "title": "<stdin>",
  "items": [
    {
      "title": "First",
      "date_published": "2024-05-01T07:30:00Z"
    },
    {
      "title": "Second"
    }
  ]
}
EOF
expect "json: a store of two from standard input" 0 want -

run json dup.news
printf 'dup.news:3:1: error: field given twice\n' >want
expect "json: an invalid file is an error and writes nothing" 1 - want

if command -v python3 >/dev/null 2>&1; then
    if "$NT" json "$ROOT/tests/data/sample.news" | python3 -c 'import json,sys; json.load(sys.stdin)' 2>err; then
        ok "json: the sample store exports valid JSON"
    else
        not_ok "json: the sample store exports valid JSON" "$(cat err)"
    fi
else
    skip "json: the sample store exports valid JSON" "no python3"
fi

# ---------------------------------------------------------------------
# ls
# ---------------------------------------------------------------------

printf '%%news 1\ntitle: First story\npublished: 2024-05-01T07:30:00Z\n' >list.news
printf '%%news 1\ntitle: Second story, no date\nmodified: 2024-05-02T00:00:00Z\n' >>list.news
printf '%%news 1\ntitle: Third\tstory\npublished: 2024-05-03t01:02:03.5+02:00\n' >>list.news
run ls list.news
printf '1\t2024-05-01T07:30:00Z\tFirst story\n2\t-\tSecond story, no date\n3\t2024-05-03t01:02:03.5+02:00\tThird\tstory\n' >want
expect "ls: index, published or -, title, tab-separated" 0 want -

if [ -f "$ROOT/tests/data/sample.news" ]; then
    run ls "$ROOT/tests/data/sample.news"
    n=$(grep -c '^%news 1$' "$ROOT/tests/data/sample.news")
    if [ "$rc" -eq 0 ] && [ "$(wc -l <out)" -eq "$n" ] && [ ! -s err ] &&
        awk -F "$TAB" -v n="$n" 'NF < 3 || $1 != NR || $2 == "" || $3 == "" { bad = 1 }
            END { exit bad || NR != n }' out; then
        ok "ls: one line per article of the sample store"
    else
        not_ok "ls: one line per article of the sample store" "$(cat out err)"
    fi
fi

run_stdin good2.news ls -
printf '1\t2024-05-01T07:30:00Z\tFirst\n2\t-\tSecond\n' >want
expect "ls: - reads standard input" 0 want -

run ls noheader.news
printf "noheader.news:1:1: error: expected '%%news 1' before the article\n" >want
expect "ls: an invalid file is an error and lists nothing" 1 - want

# ---------------------------------------------------------------------
# fmt -w
# ---------------------------------------------------------------------

mkdir w
cp messy.news w/a.news
cp good1.news w/b.news
cp dup.news w/bad.news
bad_sum=$(sum w/bad.news)

run fmt -w w/a.news
expect "fmt -w: rewrites in place, prints nothing" 0 - -
is "fmt -w: the file now holds the canonical form" cmp -s w/a.news messy.canon

cp messy.news w/a.news
run fmt -w w/a.news w/b.news
expect "fmt -w: several files" 0 - -
is "fmt -w: every file is rewritten" cmp -s w/a.news messy.canon
is "fmt -w: a canonical file stays the same" cmp -s w/b.news good1.news

run fmt -w w/bad.news
printf 'w/bad.news:3:1: error: field given twice\n' >want
expect "fmt -w: an invalid file is an error" 1 - want
is "fmt -w: an invalid file is left untouched" [ "$(sum w/bad.news)" = "$bad_sum" ]

cp messy.news w/a.news
run fmt -w w/bad.news w/a.news
expect "fmt -w: invalid and valid files together" 1 - want
is "fmt -w: the valid one is still rewritten" cmp -s w/a.news messy.canon
is "fmt -w: the invalid one is still untouched" [ "$(sum w/bad.news)" = "$bad_sum" ]

run_stdin good1.news fmt -w -
expect_fail "fmt -w: refuses - with exit status 1" 1

cp messy.news w/c.news
run fmt -w w/c.news missing.news
if [ "$rc" -eq 1 ] && cmp -s w/c.news messy.canon && grep -q 'missing\.news' err; then
    ok "fmt -w: a missing file is reported, the others rewritten"
else
    not_ok "fmt -w: a missing file is reported, the others rewritten" "status $rc: $(cat err)"
fi

# nothing but the files themselves is left in the directory
if [ "$(ls -A w | tr '\n' ' ')" = "a.news b.news bad.news c.news " ]; then
    ok "fmt -w: no temporary files are left behind"
else
    not_ok "fmt -w: no temporary files are left behind" "$(ls -A w)"
fi

# a read-only directory: no temporary file can be made, so the original
# must stay as it was
if [ "$(id -u)" -eq 0 ]; then
    skip "fmt -w: a read-only directory fails and leaves the file untouched" \
        "running as root, which ignores permissions"
else
    mkdir ro
    cp messy.news ro/a.news
    ro_sum=$(sum ro/a.news)
    chmod a-w ro
    run fmt -w ro/a.news
    chmod u+w ro
    if [ "$rc" -ne 0 ] && [ -s err ]; then
        ok "fmt -w: a read-only directory is an error with a message"
    else
        not_ok "fmt -w: a read-only directory is an error with a message" "status $rc"
    fi
    is "fmt -w: in a read-only directory the file is untouched" [ "$(sum ro/a.news)" = "$ro_sum" ]
    if [ "$(ls -A ro)" = "a.news" ]; then
        ok "fmt -w: a read-only directory holds no temporary file"
    else
        not_ok "fmt -w: a read-only directory holds no temporary file" "$(ls -A ro)"
    fi
fi

# ---------------------------------------------------------------------
# Output errors: /dev/full as standard output
# ---------------------------------------------------------------------

if [ -w /dev/full ]; then
    # a store larger than any stdio buffer, so that writes fail both in
    # the middle and at the final flush
    awk 'BEGIN { for (i = 0; i < 400; i++) {
        printf "%%news 1\ntitle: Article %d\n\n", i
        for (j = 0; j < 4; j++) printf "Paragraph %d of article %d, long enough to fill a buffer.\n", j, i
    } }' >big.news
    for f in good1.news big.news; do
        for cmd in fmt json ls; do
            "$NT" $cmd "$f" >/dev/full 2>err
            rc=$?
            if [ "$rc" -ne 0 ] && [ -s err ]; then
                ok "$cmd $f > /dev/full: non-zero exit and a message"
            else
                not_ok "$cmd $f > /dev/full: non-zero exit and a message" "status $rc: $(cat err)"
            fi
        done
    done
    "$NT" check good1.news >/dev/full 2>err
    rc=$?
    if [ "$rc" -eq 0 ] && [ ! -s err ]; then
        ok "check > /dev/full: nothing to write, so no error"
    else
        not_ok "check > /dev/full: nothing to write, so no error" "status $rc: $(cat err)"
    fi
else
    skip "output errors" "no writable /dev/full"
fi

# ---------------------------------------------------------------------
# Usage errors
# ---------------------------------------------------------------------

usage_case() {
    _l=$1
    shift
    run "$@"
    if [ "$rc" -eq 2 ] && [ ! -s out ] && grep -q 'usage' err; then
        ok "usage: $_l exits 2 with the usage"
    else
        not_ok "usage: $_l exits 2 with the usage" "status $rc: $(cat err)"
    fi
}

usage_case "no arguments"
usage_case "an unknown command" frobnicate good1.news
usage_case "check without files" check
usage_case "fmt without files" fmt
usage_case "fmt -w without files" fmt -w
usage_case "json without a file" json
usage_case "json with two files" json good1.news good2.news
usage_case "ls without a file" ls
usage_case "ls with two files" ls good1.news good2.news

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
