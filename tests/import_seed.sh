#!/bin/sh
# Acceptance check of the importer on the scraped seed page, which is not
# part of the repository (it is not ours to copy): run from anywhere, it
# imports ../shared/seed/000_cf1edc562b42e90a.txt (relative to the
# project root) and checks the JSON export point by point. Expectations
# that need the page's own text (link titles, summaries, the bio) are
# derived from the seed file itself by a simpler, independent reading of
# its layout; the rest is spelt out below. Prints "skip" without the seed.
cd "$(dirname "$0")/.." || exit 1
seed=../shared/seed/000_cf1edc562b42e90a.txt
if [ ! -f "$seed" ]; then
    echo "import_seed: skip (no $seed)"
    exit 0
fi
tmp=${TMPDIR:-/tmp}/import_seed.$$
trap 'rm -f "$tmp".news "$tmp".json "$tmp".long' EXIT
fail() {
    echo "import_seed: FAIL: $*" >&2
    exit 1
}

./newstool import "$seed" > "$tmp".news || fail "newstool import failed"
./newstool check "$tmp".news || fail "imported document does not read back"
./newstool json - < "$tmp".news > "$tmp".json || fail "newstool json failed"

if command -v python3 > /dev/null 2>&1; then
    python3 - "$seed" "$tmp".json << 'EOF' || exit 1
import json, sys

seed_lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
item = json.load(open(sys.argv[2], encoding="utf-8"))["items"]
errors = []

def check(ok, what):
    if not ok:
        errors.append(what)

check(len(item) == 1, "one article")
a = item[0]
x = a.get("_libnews", {})

# What the page is made of, read from the seed itself (so that none of
# its text is copied here): the headline is its first line; the story's
# paragraphs are its long lines (over 150 bytes) before the first "-",
# save the last, which is the author's bio and opens with the author's
# first and last name.
long_lines = []
for l in seed_lines:
    if l.strip() == "-":
        break
    if len(l.encode("utf-8")) > 150:
        long_lines.append(l.strip())
check(len(long_lines) == 5, "the seed has four paragraphs and a bio")
want_paras, bio = long_lines[:-1], long_lines[-1:]
name = " ".join(bio[0].split()[:2]) if bio else ""

check(a.get("title") == seed_lines[0].strip(), "title is the seed's first line")
paras = x.get("paragraphs", [])
check(len(paras) == 4, "exactly four paragraphs, got %d" % len(paras))
for n, (p, want) in enumerate(zip(paras, want_paras)):
    check(p["kind"] == "text" and p["text"] == want, "paragraph %d" % (n + 1))
check(a.get("content_text", "").count("\n\n") == 3, "content_text of four paragraphs")

authors = a.get("authors", [])
check(len(authors) == 1, "one author, got %d" % len(authors))
if authors:
    check(authors[0].get("name") == name, "author name")
    check(bio and authors[0].get("_libnews", {}).get("bio") == bio[0],
          "bio is the whole bio line")

# Related links: in the seed each follows a "-" line: a title line, then
# a line that opens with the kicker (if any) and goes on with the summary.
kickers = ["The Week Recommends", "The Week Recommends", None, "Speed Read", "speed read",
           "Speed Read", "speed read", "speed read", "speed read", "speed read", "speed read"]
want = []
for i, l in enumerate(seed_lines):
    if l.strip() == "-":
        want.append((seed_lines[i + 1].strip(), seed_lines[i + 2].strip()))
check(len(want) == 11, "the seed has eleven related stories")
links = x.get("related", [])
check(len(links) == 11, "eleven related links, got %d" % len(links))
for n, (link, (title, line), k) in enumerate(zip(links, want, kickers)):
    summary = line
    if k is not None:
        check(line.startswith(k + " "), "seed link %d opens with its kicker" % (n + 1))
        summary = line[len(k):].strip()
    check(link.get("title") == title, "link %d title" % (n + 1))
    check(link.get("kicker") == k, "link %d kicker: %r" % (n + 1, link.get("kicker")))
    check(link.get("summary") == summary, "link %d summary" % (n + 1))
    check("url" not in link and "ext" not in link, "link %d has nothing else" % (n + 1))

# No subscription or newsletter line anywhere in the article: the seed's
# lines 7, 8, 10, 11, 12 and 14 (prompts, their blurb, a repeat).
text = json.dumps(a, ensure_ascii=False)
for n in (7, 8, 10, 11, 12, 14):
    line = seed_lines[n - 1].strip()
    check(line and line not in text and json.dumps(line, ensure_ascii=False)[1:-1] not in text,
          "seed line %d kept" % n)
for word in ("Subscribe", "Sign up", "ewsletter", "daily email", "inbox"):
    check(word not in text, "%r in the article" % word)
check("ext" not in x and "dek" not in x and "kicker" not in x, "nothing else in the article")

if errors:
    for e in errors:
        print("import_seed: FAIL:", e, file=sys.stderr)
    sys.exit(1)
EOF
else
    # Without python: the same points with grep and sed.
    j=$tmp.json
    count() { grep -c -- "$1" "$j"; }
    esc() { sed 's/[\\"]/\\&/g'; } # as a JSON string holds it
    title=$(sed -n 1p "$seed" | esc)
    grep -qF "\"title\": \"$title\"" "$j" || fail title
    [ "$(count '"kind": "text"')" -eq 4 ] || fail "four paragraphs"
    # the long lines before the first "-": four paragraphs, then the bio
    sed '/^-$/,$d' "$seed" | awk 'length($0) > 150' > "$tmp".long
    [ "$(wc -l < "$tmp".long)" -eq 5 ] || fail "the seed has four paragraphs and a bio"
    head -n 4 "$tmp".long | while IFS= read -r line; do
        line=$(printf '%s\n' "$line" | esc)
        grep -qF "\"text\": \"$line\"" "$j" || exit 1
    done || fail paragraphs
    [ "$(count '"name": ')" -eq 1 ] || fail "one author"
    name=$(tail -n 1 "$tmp".long | awk '{print $1 " " $2}')
    grep -qF "\"name\": \"$name\"" "$j" || fail "author name"
    bio=$(tail -n 1 "$tmp".long | esc)
    grep -qF "\"bio\": \"$bio\"" "$j" || fail bio
    [ "$(count '"title": ')" -eq 13 ] || fail "eleven links (and two titles)"
    [ "$(count '"kicker": ')" -eq 10 ] || fail "ten kickers"
    [ "$(count '"kicker": "The Week Recommends"')" -eq 2 ] || fail "The Week Recommends twice"
    [ "$(count '"kicker": "Speed Read"')" -eq 2 ] || fail "Speed Read twice"
    [ "$(count '"kicker": "speed read"')" -eq 6 ] || fail "speed read six times"
    { sed -n '/^-$/{n;p;n;p;}' "$seed"; echo; } | { # echo: the seed lacks a final LF
        n=0
        while IFS= read -r title && IFS= read -r line; do
            n=$((n + 1))
            title=$(printf '%s\n' "$title" | esc)
            summary=$(printf '%s\n' "$line" | sed -e 's/^The Week Recommends //;t' \
                -e 's/^Speed Read //;t' -e 's/^speed read //' | esc)
            grep -qF "\"title\": \"$title\"" "$j" || fail "link $n title"
            grep -qF "\"summary\": \"$summary\"" "$j" || fail "link $n summary"
        done
        [ "$n" -eq 11 ] || fail "eleven related stories in the seed"
    } || exit 1
    grep -q 'Subscribe\|Sign up\|ewsletter\|daily email\|inbox\|echo chamber' "$j" &&
        fail "boilerplate kept"
fi
echo "import_seed: ok"
