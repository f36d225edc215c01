#!/bin/sh
# nolost.sh - newstool loses no data when writing fails.
#
#   sh tests/nolost.sh ./newstool        (from the project root; make check)
#
# `fmt -w` must leave the original byte for byte as it was, and no
# temporary file behind, when its output cannot be written; every command
# must notice a failed write and exit non-zero with a message. Failures
# are made three ways:
#  - a full filesystem: a 64 KB tmpfs, when this user may mount one
#    (root with CAP_SYS_ADMIN); skipped otherwise;
#  - a file-size limit: `ulimit -f` with SIGXFSZ ignored, so that writes
#    past the limit fail with EFBIG; works for any user;
#  - a pipe whose reader has gone, with SIGPIPE ignored (EPIPE).
# tests/tools.sh covers a read-only directory and /dev/full.
#
# One line per check, "ok - NAME" or "not ok - NAME", then "N passed, N
# failed"; exits non-zero if any check failed.

NT=${1:-./newstool}
ROOT=$(pwd)
case $NT in
/*) ;;
*) NT=$ROOT/$NT ;;
esac
if [ ! -x "$NT" ]; then
    echo "nolost.sh: $NT is not an executable" >&2
    exit 2
fi

T=$(mktemp -d "${TMPDIR:-/tmp}/newstool-nolost.XXXXXX") || exit 2
mounted=
cleanup() {
    [ -n "$mounted" ] && umount "$T/fs" 2>/dev/null
    rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 130' HUP INT TERM
cd "$T" || exit 2

pass=0
fail=0

ok() {
    pass=$((pass + 1))
    echo "ok - $1"
}

not_ok() {
    fail=$((fail + 1))
    echo "not ok - $1"
    [ -n "$2" ] && printf '%s\n' "$2" | sed 's/^/#   /'
}

skip() {
    echo "# skip - $1 ($2)"
}

# check NAME COMMAND...: ok if the command succeeds.
check() {
    _name=$1
    shift
    if "$@"; then ok "$_name"; else not_ok "$_name"; fi
}

# failed NAME: the last command (status in rc, stderr in err) failed
# with a message.
failed() {
    if [ "$rc" -ne 0 ] && [ -s err ]; then
        ok "$1: non-zero exit and a message"
    else
        not_ok "$1: non-zero exit and a message" "status $rc: $(cat err 2>/dev/null)"
    fi
}

# only DIR FILE...: DIR holds exactly these files (no temporary left).
only() {
    _d=$1
    shift
    [ "$(ls -A "$_d" | sort | tr '\n' ' ')" = "$(printf '%s\n' "$@" | sort | tr '\n' ' ')" ]
}

# A valid store that is not in canonical form (CR LF endings, blank lines
# between fields and paragraphs), of n articles.
store() {
    awk -v n="$1" 'BEGIN { for (i = 0; i < n; i++) {
        printf "%%news 1\r\ntitle: Article %d\r\nkicker: Test\r\n\r\n\r\n", i
        for (j = 0; j < 4; j++)
            printf "Paragraph %d of article %d, long enough to need a few buffers.\r\n\r\n", j, i
    } }'
}

store 400 >big.news  # about 150 KB, more than any stdio buffer
store 30 >small.news # about 10 KB
cp big.news big.orig
cp small.news small.orig
"$NT" fmt big.news >big.canon 2>err || { echo "nolost.sh: fmt failed: $(cat err)" >&2; exit 2; }
"$NT" fmt small.news >small.canon 2>err || exit 2
cmp -s big.news big.canon && { echo "nolost.sh: the input is already canonical" >&2; exit 2; }

# ---------------------------------------------------------------------
# A file-size limit: writes past it fail with EFBIG
# ---------------------------------------------------------------------

# limited COMMAND...: run newstool with a file-size limit of 8 blocks (4
# or 8 KB, by the shell's unit) and SIGXFSZ ignored; status in rc.
limited() {
    (
        ulimit -f 8 || exit 99
        trap '' XFSZ
        exec "$NT" "$@"
    ) 2>err
    rc=$?
}

mkdir d
cp big.news d/big.news
limited fmt -w d/big.news >out
if [ "$rc" -eq 99 ]; then
    skip "file-size limit" "ulimit -f is not available"
else
    failed "fmt -w over the file-size limit"
    check "fmt -w over the file-size limit: the original is untouched" cmp -s d/big.news big.orig
    check "fmt -w over the file-size limit: no temporary file is left" only d big.news
    limited fmt big.news >d/out.news
    failed "fmt > FILE over the file-size limit"
    limited json big.news >d/out.json
    failed "json > FILE over the file-size limit"
    limited ls big.news >d/out.txt
    failed "ls > FILE over the file-size limit"
    limited check big.news >d/out.txt
    check "check under the file-size limit: nothing to write, so no error" [ "$rc" -eq 0 ]
    if "$NT" 2>&1 | grep -q ' import '; then
        awk 'BEGIN { print "A headline for the import test"; print ""
            for (i = 0; i < 2000; i++) print "Paragraph " i " of a long story." }' >story.txt
        limited import story.txt >d/out.news
        failed "import > FILE over the file-size limit"
    fi
    # A limit the output fits in changes nothing.
    cp small.news d/small.news
    (
        ulimit -f 100000
        trap '' XFSZ
        exec "$NT" fmt -w d/small.news
    ) 2>err
    rc=$?
    check "fmt -w under a large enough limit succeeds" [ "$rc" -eq 0 ]
    check "fmt -w under a large enough limit writes the canonical form" \
        cmp -s d/small.news small.canon
fi

# ---------------------------------------------------------------------
# A full filesystem
# ---------------------------------------------------------------------

mkdir fs
if [ "$(id -u)" = 0 ] && mount -t tmpfs -o size=64k,mode=0755 tmpfs fs 2>/dev/null; then
    mounted=1
    cp small.news fs/a.news
    # Fill it up; cat stops with "No space left on device".
    cat /dev/zero >fs/filler 2>/dev/null
    "$NT" fmt -w fs/a.news >out 2>err
    rc=$?
    failed "fmt -w on a full filesystem"
    check "fmt -w on a full filesystem: the original is untouched" cmp -s fs/a.news small.orig
    check "fmt -w on a full filesystem: no temporary file is left" only fs a.news filler
    # Room for a part of the output only: the write fails half-way.
    size=$(wc -c <fs/filler)
    if truncate -s $((size - 4096)) fs/filler 2>/dev/null; then
        "$NT" fmt -w fs/a.news >out 2>err
        rc=$?
        failed "fmt -w with room for part of the output"
        check "fmt -w with room for part of the output: the original is untouched" \
            cmp -s fs/a.news small.orig
        check "fmt -w with room for part of the output: no temporary file is left" \
            only fs a.news filler
    else
        skip "a partly full filesystem" "no truncate"
    fi
    "$NT" fmt big.news >fs/out.news 2>err
    rc=$?
    failed "fmt > FILE on a full filesystem"
    "$NT" json big.news >fs/out.json 2>err
    rc=$?
    failed "json > FILE on a full filesystem"
    rm -f fs/out.news fs/out.json
    # With room again, the same command works.
    rm -f fs/filler
    "$NT" fmt -w fs/a.news >out 2>err
    rc=$?
    check "fmt -w on the emptied filesystem succeeds" [ "$rc" -eq 0 ]
    check "fmt -w on the emptied filesystem writes the canonical form" \
        cmp -s fs/a.news small.canon
    check "fmt -w on the emptied filesystem leaves one file" only fs a.news
else
    skip "full filesystem" "cannot mount a tmpfs here (needs root with CAP_SYS_ADMIN)"
fi

# ---------------------------------------------------------------------
# A pipe closed by its reader: EPIPE with SIGPIPE ignored
# ---------------------------------------------------------------------

# Enough articles that every output is larger than a pipe holds (64 KB
# on Linux; ls prints one short line per article): otherwise a fast
# writer may finish before the reader has gone, and see no error.
store 6000 >pipe.news
for cmd in fmt json ls; do
    (
        trap '' PIPE
        "$NT" $cmd pipe.news 2>err
        echo $? >status
    ) | head -c 10 >/dev/null
    rc=$(cat status)
    failed "$cmd | a reader that stops early"
done

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
