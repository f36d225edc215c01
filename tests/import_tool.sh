#!/bin/sh
# newstool import: every fixture of tests/import through the tool (file
# and standard input), .news passed through unchanged, the --explain
# format, error messages and exit statuses.
cd "$(dirname "$0")/.." || exit 1
tool=${1:-./newstool}
case $tool in /*) ;; *) tool=$PWD/$tool ;; esac
tmp=${TMPDIR:-/tmp}/import_tool.$$
mkdir -p "$tmp" || exit 1
trap 'rm -rf "$tmp"' EXIT
fail() {
    echo "import_tool: FAIL: $*" >&2
    exit 1
}

for txt in tests/import/*.txt; do
    name=$(basename "$txt" .txt)
    "$tool" import "$txt" > "$tmp/$name" || fail "$name: import"
    (cd "$tmp" && "$tool" json "$name") | cmp -s - "tests/import/$name.json" || fail "$name: json"
    "$tool" import - < "$txt" | cmp -s - "$tmp/$name" || fail "$name: from standard input"
    "$tool" fmt "$tmp/$name" | cmp -s - "$tmp/$name" || fail "$name: not canonical"

    # --explain: one line per input line, LINE TAB CLASS TAB RULE TAB TEXT.
    "$tool" import --explain "$txt" > "$tmp/explain" || fail "$name: explain"
    # (A lone CR ends a line too; the one CR LF fixture is counted below.)
    lines=$(tr '\r' '\n' < "$txt" | awk 'END { print NR }')
    [ "$(awk 'END { print NR }' "$tmp/explain")" -eq "$lines" ] ||
        [ "$name" = crlf ] || fail "$name: explain line count"
    awk -F '\t' 'NF < 4 || $1 != NR || $2 !~ /^(blank|title|dek|paragraph|boilerplate|bio|byline|link-title|link-kicker|link-summary|image-credit|noise|news)$/ || $3 == "" { bad = 1 } END { exit bad }' \
        "$tmp/explain" || fail "$name: explain format"
done
# CR LF counts once: the crlf fixture has 9 lines.
[ "$("$tool" import --explain tests/import/crlf.txt | awk 'END { print NR }')" -eq 9 ] ||
    fail "crlf: explain line count"

# Already .news: copied byte for byte; invalid .news is reported.
"$tool" import tests/import/already.txt | cmp -s - tests/import/already.txt ||
    fail "passthrough changed the document"
printf '%%news 1\ntitle: A\ntitle: B\n' > "$tmp/bad.news"
"$tool" import "$tmp/bad.news" > "$tmp/out" 2> "$tmp/err" && fail "invalid .news accepted"
grep -q "^$tmp/bad.news:3:1: error: " "$tmp/err" || fail "invalid .news: message"

# Errors: FILE:LINE:COL: error: MESSAGE, status 1, nothing on stdout.
printf 'Title\nbad \377 byte\n' > "$tmp/utf8.txt"
"$tool" import "$tmp/utf8.txt" > "$tmp/out" 2> "$tmp/err" && fail "invalid UTF-8 accepted"
[ -s "$tmp/out" ] && fail "output despite an error"
grep -q "^$tmp/utf8.txt:2:5: error: invalid UTF-8" "$tmp/err" || fail "UTF-8 message"
printf '' > "$tmp/empty.txt"
"$tool" import "$tmp/empty.txt" 2> "$tmp/err" && fail "empty input accepted"
grep -q "^$tmp/empty.txt:1:1: error: " "$tmp/err" || fail "empty input message"
printf 'Title\000x\n' | "$tool" import - 2> "$tmp/err" && fail "NUL accepted"
grep -q "^<stdin>:1:6: error: " "$tmp/err" || fail "NUL message"
"$tool" import "$tmp/missing.txt" 2> /dev/null && fail "missing file accepted"

# Usage errors exit 2; a failed write exits 1.
"$tool" import > /dev/null 2>&1
[ $? -eq 2 ] || fail "usage status"
"$tool" import --explain > /dev/null 2>&1
[ $? -eq 2 ] || fail "usage status (--explain)"
if [ -w /dev/full ]; then
    "$tool" import tests/import/page.txt > /dev/full 2> /dev/null && fail "write error missed"
    "$tool" import --explain tests/import/page.txt > /dev/full 2> /dev/null &&
        fail "explain write error missed"
fi
echo "import_tool: ok"
