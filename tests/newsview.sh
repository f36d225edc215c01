#!/bin/sh
# newsview.sh - the viewer, tested as a person uses it.
#
#   sh tests/newsview.sh ./newsview
#
# First without a terminal: the printed story fits the width asked for,
# errors have their position, a failed write is an error. Then in a real
# terminal (a tmux pane of fixed size): open a store, page, switch
# articles, use the list, resize, quit, and be killed, checking the
# screen each time and that the terminal settings come back unchanged.
# Needs tmux for the second part (skipped without it); python3 measures
# display widths when present.

VIEW=${1:-./newsview}
FIXTURE=tests/data/viewer.news
SEED=../shared/seed/000_cf1edc562b42e90a.txt
pass=0
fail=0

ok() { pass=$((pass + 1)); echo "ok - $1"; }
not_ok() { fail=$((fail + 1)); echo "not ok - $1"; }
not() { ! "$@"; }
check() { # NAME COMMAND...: ok when the command succeeds
    name=$1
    shift
    if "$@"; then ok "$name"; else not_ok "$name"; fi
}

D=$(mktemp -d "${TMPDIR:-/tmp}/newsview-test.XXXXXX") || exit 1
SOCK=newsview-test-$$
S=
cleanup() {
    command -v tmux >/dev/null 2>&1 && tmux -L "$SOCK" kill-server >/dev/null 2>&1
    rm -rf "$D"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

# Widest line of standard input in terminal columns (East Asian wide 2,
# marks and format characters 0), or "" when nothing can measure it.
widest() {
    if command -v python3 >/dev/null 2>&1; then
        python3 -c '
import sys, unicodedata as u
def w(c):
    if u.category(c) in ("Mn", "Me", "Cf"): return 0
    return 2 if u.east_asian_width(c) in "WF" else 1
text = sys.stdin.buffer.read().decode("utf-8", "replace")
print(max([sum(map(w, l)) for l in text.split("\n")] + [0]))'
    elif locale -a 2>/dev/null | grep -qi '^c\.utf-*8$'; then
        LC_ALL=C.UTF-8 wc -L | tr -d ' '
    else
        cat >/dev/null
    fi
}

fits() { # FILE COLS: every printed line at most COLS wide
    "$VIEW" -w "$2" "$1" >"$D/out" 2>"$D/err" || return 1
    [ -s "$D/out" ] || return 1
    n=$(widest <"$D/out")
    if [ -z "$n" ]; then
        echo "# no way to measure display width; only the exit status checked"
        return 0
    fi
    [ "$n" -le "$2" ] || { echo "# $1 at $2 columns: a line of $n"; return 1; }
}

# ---- without a terminal ----

for f in tests/data/*.news; do
    for cols in 40 20 80; do
        check "print $f at $cols columns, no line wider" fits "$f" "$cols"
    done
done
check "print -w 1 ends" "$VIEW" -w 1 "$FIXTURE" >/dev/null

printf '%%news 1\ntitle: ok\nauthor:\n' >"$D/bad.news"
"$VIEW" "$D/bad.news" >/dev/null 2>"$D/err"
check "invalid store exits 1" [ $? -eq 1 ]
check "error as FILE:LINE:COL" grep -q "^$D/bad.news:3:[0-9]*: error: " "$D/err"
"$VIEW" -w 0 "$FIXTURE" >/dev/null 2>&1
check "-w 0 is a usage error" [ $? -eq 2 ]
"$VIEW" "$D/missing.news" >/dev/null 2>&1
check "missing file exits 1" [ $? -eq 1 ]
if [ -w /dev/full ]; then
    "$VIEW" "$FIXTURE" >/dev/full 2>/dev/null
    check "write error exits 1" [ $? -eq 1 ]
fi
# Text the viewer must not pass on raw: the format allows DEL, C1
# controls (CSI is U+009B) and bidi overrides, and plain text for import
# may hold them too; tabs in a store are allowed as well.
printf '%%news 1\ntitle: CSI \302\2332J and DEL \177 here\n\n' >"$D/ctrl.news"
printf 'CSI \302\23331m red,\ta \342\200\256 override.\n' >>"$D/ctrl.news"
printf 'A title with \302\233 31m in it\n\n' >"$D/ctrl.txt"
printf 'A body with \342\200\256 an override and \302\205 a C1 line break.\n' >>"$D/ctrl.txt"
clean() { # FILE: no C0 control but line feed, no DEL, no C1 control, no bidi override
    ! LC_ALL=C grep -q "$(printf '[\001-\011\013-\037\177]')" "$1" &&
        ! LC_ALL=C grep -q "$(printf '\302[\200-\237]')" "$1" &&
        ! LC_ALL=C grep -q "$(printf '\342\200[\252-\256]')" "$1"
}
for f in "$D/ctrl.news" "$D/ctrl.txt"; do
    "$VIEW" -w 30 "$f" >"$D/out" 2>"$D/err"
    check "${f##*/}: shown" [ $? -eq 0 -a -s "$D/out" ]
    check "${f##*/}: the input has controls to filter" not clean "$f"
    check "${f##*/}: none reaches the output" clean "$D/out"
done

if [ -f "$SEED" ] && "$VIEW" "$SEED" >/dev/null 2>&1; then
    check "seed imported on the fly at 40 columns" fits "$SEED" 40
    check "seed title shown" grep -qF "$(head -n 1 "$SEED" | cut -d ' ' -f 1-4)" "$D/out"
else
    echo "# skip: seed story absent or not importable"
fi

# ---- in a terminal ----

if ! command -v tmux >/dev/null 2>&1; then
    echo "skip: tmux not installed"
    echo "$pass passed, $fail failed"
    [ "$fail" -eq 0 ]
    exit
fi

T() { tmux -L "$SOCK" "$@"; }
screen() { T capture-pane -p -t "$S" 2>/dev/null | sed 's/ *$//'; }
nap() { sleep 0.1 2>/dev/null || sleep 1; }
# Wait (up to 10 s) until the screen shows a fixed string.
wait_for() {
    i=0
    while [ $i -lt 100 ]; do
        screen | grep -qF -- "$1" && return 0
        nap
        i=$((i + 1))
    done
    echo "# waited for: $1"
    screen | sed 's/^/#   | /'
    return 1
}
wait_row() { # N TEXT: until row N is exactly TEXT
    i=0
    while [ $i -lt 100 ]; do
        [ "$(row "$1")" = "$2" ] && return 0
        nap
        i=$((i + 1))
    done
    echo "# row $1 is not: $2"
    screen | sed 's/^/#   | /'
    return 1
}
wait_gone() {
    i=0
    while [ $i -lt 100 ]; do
        screen | grep -qF -- "$1" || return 0
        nap
        i=$((i + 1))
    done
    echo "# still there: $1"
    return 1
}

# The pane runs the viewer between two readings of the terminal
# settings; the viewer's pid is kept so it can be sent signals. The
# shell survives Ctrl-C (a trap, not an ignore: the viewer gets the
# default) to report what happened.
cat >"$D/run.sh" <<EOF
trap : INT
stty -g >"$D/before"
echo BEFORE-RUN
sh -c 'echo \$\$ >"$D/pid"; exec "\$0" "\$@"' "$VIEW" "\$@"
echo "STATUS \$?"
stty -g >"$D/after"
echo EXITED
sleep 60
EOF

runs=0
start() { # COLS ROWS FILE: a new session for each run (made before
    # the last one goes, so that the server never runs out of sessions)
    old=$S
    runs=$((runs + 1))
    S=view$runs
    rm -f "$D/before" "$D/after" "$D/pid"
    T new-session -d -s "$S" -x "$1" -y "$2" -c "$PWD" "sh $D/run.sh $3" || return 1
    [ -z "$old" ] || T kill-session -t "$old" >/dev/null 2>&1
}

restored() { # EXPECTED-STATUS: the viewer ended so and the terminal is as it was
    wait_for EXITED || return 1
    screen | grep -qx "STATUS $1" || {
        echo "# want STATUS $1"
        screen | sed 's/^/#   | /'
        return 1
    }
    screen | grep -q BEFORE-RUN || return 1        # the alternate screen was left
    ! screen | grep -qF "Lighthouse keepers" || return 1
    cmp -s "$D/before" "$D/after" || { echo "# stty settings changed"; return 1; }
}

# Line N of the story printed at COLS columns (article k: after k-1 rules).
printed() { # COLS ARTICLE LINE
    "$VIEW" -w "$1" "$FIXTURE" | awk -v a="$2" -v n="$3" '
        $0 == "----------------------------------------" { art++; getline; next }
        art == a - 1 { if (++i == n) { print; exit } }'
}
row() { screen | sed -n "${1}p"; }

# Checks on the screen, as functions so that check can run them.
top_row_is() { [ "$(row 1)" = "$1" ]; }
row_has() { row "$1" | grep -qF -- "$2"; }
lists_all() {
    screen >"$D/list"
    grep -q 'Lighthouse keepers' "$D/list" && grep -q 'Market hall' "$D/list" &&
        grep -q 'Weather: a dry' "$D/list"
}
rows_within() {
    n=$(screen | widest)
    [ -z "$n" ] || [ "$n" -le "$1" ]
}
same_as_printed() { # COLS ARTICLE ROWS: the screen's first rows are the printed story
    "$VIEW" -w "$1" "$FIXTURE" | awk -v a="$2" '
        $0 == "----------------------------------------" { art++; getline; next }
        art == a - 1' | head -n "$3" >"$D/want"
    screen | head -n "$3" >"$D/got"
    cmp -s "$D/want" "$D/got" || { diff "$D/want" "$D/got" | sed 's/^/# /'; return 1; }
}
failed_cleanly() {
    wait_for EXITED || return 1
    screen | grep -q ': error: ' && screen | grep -qx 'STATUS 1' &&
        cmp -s "$D/before" "$D/after"
}

if ! start 80 24 "$FIXTURE"; then
    not_ok "tmux session starts"
    echo "$pass passed, $fail failed"
    exit 1
fi
check "opens on the first article's title" wait_for "Lighthouse keepers' cottages open"
check "  ... kicker above the title" top_row_is "Outdoors"
check "  ... status bar on the last row" row_has 24 " 1/3 "
check "  ... same lines as printed at 80" same_as_printed 80 1 23

T send-keys -t "$S" Space
want=$(printed 80 1 24)
check "page down moves the text up a page" wait_for "$want"
check "  ... to the top row" top_row_is "$want"
T send-keys -t "$S" b
check "page up goes back" wait_for "Outdoors"
T send-keys -t "$S" j
check "line down" wait_gone "Outdoors"
T send-keys -t "$S" k
check "line up" wait_for "Outdoors"
T send-keys -t "$S" G
check "G goes to the end" wait_for "keeper-storm"
T send-keys -t "$S" g
check "g goes to the top" wait_for "Outdoors"

T send-keys -t "$S" n
check "n opens the second article" wait_for "Market hall reopens with a night bazaar"
check "  ... and the status bar says 2/3" row_has 24 " 2/3 "
T send-keys -t "$S" p
check "p goes back to the first" wait_for "Lighthouse keepers' cottages open"

T send-keys -t "$S" l
check "l lists the articles" wait_for "Articles"
check "  ... all three titles" lists_all
T send-keys -t "$S" j j Enter
check "choosing the third opens it" wait_for "High pressure settles over the region"

T send-keys -t "$S" '?'
check "? shows the keys" wait_for "list of articles"
T send-keys -t "$S" x
check "any key leaves the help" wait_for "High pressure settles"

# At 80 columns the second paragraph is one line; at 50 it must wrap
# exactly as the printed story at 50 columns.
check "one line at 80 columns" \
    wait_for "Highs of 17 to 19 °C are expected inland, a little lower on exposed headlands."
T resize-window -t "$S" -x 50 -y 20 2>/dev/null || T resize-pane -t "$S" -x 50 -y 20
check "resize rewraps to the new width" wait_row 7 "$(printed 50 3 7)"
check "  ... every row within 50 columns" rows_within 50
check "  ... same lines as printed at 50" same_as_printed 50 3 8
check "  ... status bar moved to row 20" row_has 20 " 3/3 "

T send-keys -t "$S" q
check "q quits and restores the terminal" restored 0

start 80 24 "$FIXTURE"
wait_for "Lighthouse keepers' cottages open" >/dev/null
kill -TERM "$(cat "$D/pid")" 2>/dev/null
check "SIGTERM: dies by it, terminal restored" restored 143

start 80 24 "$FIXTURE"
wait_for "Lighthouse keepers' cottages open" >/dev/null
T send-keys -t "$S" C-c
check "Ctrl-C: dies by SIGINT, terminal restored" restored 130

start 80 24 "$FIXTURE"
wait_for "Lighthouse keepers' cottages open" >/dev/null
kill -HUP "$(cat "$D/pid")" 2>/dev/null
check "SIGHUP: dies by it, terminal restored" restored 129

start 60 20 "$D/bad.news"
check "bad input: error shown, exit 1, terminal untouched" failed_cleanly

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
