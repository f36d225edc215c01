#!/usr/bin/env python3
"""amalgamate.py - libnews as two files, news.h and news.c, for vendoring.

usage: amalgamate.py [--define NAME]... OUTDIR include/news.h src/a.c src/b.c ...

news.h is the public header unchanged; news.c is the private headers the
sources include (internal.h, ...), each once, followed by every source
file, and needs nothing but news.h beside it (cc -c news.c).
Each --define NAME sets that build option in the copy of news.h, for
packages whose users cannot pass compiler flags (Arduino).

The sources were written as separate translation units, so two of them
may use the same name for a file-scope thing of their own (a static
function, a static table, a typedef, an enum constant), or one file's
local variable may have the name of another file's static. Every
file-scope name of a file that another file also uses is renamed within
the declaring file to NAME__FILE: a static function through a function-like macro, so that
struct members of the same name elsewhere are left alone; anything else
through an object-like macro. Macros a source file defines for itself are
undefined at its end. A name this misses makes news.c fail to compile
loudly (the checks build it on every target), never silently.
"""
import os
import re
import sys

IDENT = r"[A-Za-z_]\w*"


def strip_comments(text):
    """The text with comments and string/char literals blanked, keeping
    line structure, so that the declaration scans below see only code."""
    out = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append(re.sub(r"[^\n]", " ", text[i:j]))
            i = j
        elif text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            out.append(" " * (j - i))
            i = j
        elif c in "\"'":
            j = i + 1
            while j < n and text[j] != c:
                j += 2 if text[j] == "\\" else 1
            out.append(c + re.sub(r"[^\n]", " ", text[i + 1:j]) + c)
            i = j + 1
        else:
            out.append(c)
            i += 1
    return "".join(out)


def statements(code):
    """File-scope statements (depth 0 in braces), as (text, is_function_body)."""
    depth, start, result = 0, 0, []
    i = 0
    while i < len(code):
        c = code[i]
        if c == "#" and (i == 0 or code[i - 1] == "\n"):
            # preprocessor line (with continuations): not a statement
            j = i
            while True:
                k = code.find("\n", j)
                if k < 0:
                    k = len(code)
                    break
                if code[k - 1] != "\\":
                    break
                j = k + 1
            if depth == 0:
                start = k
            i = k
            continue
        if c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
            if depth == 0:
                rest = code[i + 1:].lstrip()
                # a function body ends the declaration; a struct, union,
                # enum or initialiser goes on to its ';'
                head = code[start:i + 1]
                if not re.match(r"^[\s\w]*?(=|;|" + IDENT + r"\s*[;,\[=])", rest) and \
                        re.search(r"\)\s*\{", head):
                    result.append((head, True))
                    start = i + 1
        elif c == ";" and depth == 0:
            result.append((code[start:i + 1], False))
            start = i + 1
        i += 1
    return result


def declared(code):
    """File-scope names one source declares for itself: {name: kind},
    kind 'func' for static functions, 'obj' for everything else."""
    names = {}
    for text, is_body in statements(code):
        s = " ".join(text.split())
        if is_body:
            head = s[: s.index("{")]
            m = re.search(r"(" + IDENT + r")\s*\([^()]*\)\s*\{?$", head + "{")
            if head.startswith("static") and m:
                names[m.group(1)] = "func"
            continue
        for em in re.finditer(r"\benum\s*(?:" + IDENT + r")?\s*\{([^}]*)\}", s):
            for part in em.group(1).split(","):
                m = re.match(r"\s*(" + IDENT + ")", part)
                if m:
                    names[m.group(1)] = "obj"
        for tm in re.finditer(r"\b(?:struct|union|enum)\s+(" + IDENT + r")\s*\{", s):
            names[tm.group(1)] = "obj"
        if s.startswith("typedef"):
            body = re.sub(r"\{.*\}", "{}", s)
            m = re.search(r"\(\s*\*\s*(" + IDENT + r")\s*\)\s*\(", body) or \
                re.search(r"(" + IDENT + r")\s*(?:\[[^\]]*\])*\s*;$", body)
            if m:
                names[m.group(1)] = "obj"
        elif s.startswith("static"):
            decl = re.sub(r"=.*$", "", re.sub(r"\{.*\}", "{}", s)).rstrip(" ;")
            m = re.search(r"(" + IDENT + r")\s*\([^()]*\)$", decl)
            if m and "(*" not in decl:
                names[m.group(1)] = "func"  # a prototype
            else:
                m = re.search(r"(" + IDENT + r")\s*(?:\[[^\]]*\])*$", decl)
                if m:
                    names[m.group(1)] = "obj"
    return names


def own_macros(text):
    return sorted(set(re.findall(r"^\s*#\s*define\s+(" + IDENT + ")", text, re.M)))


LOCAL = re.compile(r'^[ \t]*#[ \t]*include[ \t]+"([^"]+\.h)"[^\n]*$', re.M)


def local(path, name):
    """The source tree's header a quoted include names, or None."""
    inc = os.path.normpath(os.path.join(os.path.dirname(path), name))
    return inc if os.path.exists(inc) else None


def headers(path, text, public, done, out):
    """Append to out every local header text includes, each once, after
    the local headers it includes itself."""
    for name in LOCAL.findall(text):
        inc = local(path, name)
        if inc is None or os.path.basename(inc) == public or inc in done:
            continue
        done.add(inc)
        htext = open(inc, encoding="utf-8").read()
        headers(inc, htext, public, done, out)
        out.append('#line 1 "%s"\n' % inc)
        out.append(without_local(inc, htext))
        if not htext.endswith("\n"):
            out.append("\n")


def without_local(path, text):
    """text with its includes of local headers (and of news.h) blanked,
    line numbers kept: news.c has them all once at its top."""
    return LOCAL.sub(lambda m: "" if local(path, m.group(1)) or m.group(1) == "news.h"
                     else m.group(0), text)


def main(argv):
    defines = []
    while len(argv) > 2 and argv[1] == "--define":
        defines.append(argv[2])
        argv = argv[:1] + argv[3:]
    if len(argv) < 4:
        sys.exit(__doc__)
    outdir, header, sources = argv[1], argv[2], argv[3:]
    public = os.path.basename(header)
    texts = {src: open(src, encoding="utf-8").read() for src in sources}
    decls = {src: declared(strip_comments(t)) for src, t in texts.items()}

    # A file's own name clashes when any other file has the same word:
    # declares it too, or only uses it (a local variable of that name
    # would shadow it, which -Wshadow reports).
    words = {src: set(re.findall(IDENT, strip_comments(t))) for src, t in texts.items()}
    clashes = set()
    for src, names in decls.items():
        for name in names:
            if any(name in words[other] for other in sources if other != src):
                clashes.add(name)

    version = re.search(r'#define NEWS_VERSION_STRING "([^"]*)"',
                        open(header, encoding="utf-8").read()).group(1)
    out = [
        "/* news.c - libnews %s in one file, made by `make amalgamate` from\n"
        " * src/ (tools/amalgamate.py). Put news.h beside it and compile it like\n"
        " * any other source: cc -c news.c. The build options are those of\n"
        " * news.h (NEWS_FREESTANDING, NEWS_CONFIG_HEADER, ...). */\n" % version,
        '#include "%s"\n' % public,
    ]
    # The private headers first, before any renaming below can touch them.
    done = set()
    for src in sources:
        headers(src, texts[src], public, done, out)

    for src in sources:
        base = os.path.splitext(os.path.basename(src))[0]
        mine = sorted(n for n in decls[src] if n in clashes)
        out.append("\n/* ---- %s ---- */\n" % src)
        for name in mine:
            if decls[src][name] == "func":
                out.append("#define %s(...) %s__%s(__VA_ARGS__)\n" % (name, name, base))
            else:
                out.append("#define %s %s__%s\n" % (name, name, base))
        out.append('#line 1 "%s"\n' % src)
        out.append(without_local(src, texts[src]))
        if not texts[src].endswith("\n"):
            out.append("\n")
        for name in sorted(set(mine) | set(own_macros(texts[src]))):
            out.append("#undef %s\n" % name)

    os.makedirs(outdir, exist_ok=True)
    with open(os.path.join(outdir, "news.c"), "w", encoding="utf-8") as f:
        f.write("".join(out))
    with open(header, encoding="utf-8") as f:
        htext = f.read()
    if defines:
        # after the header's opening comment, before its options are read
        cut = htext.index("*/") + 3
        block = "".join("#ifndef %s\n#define %s\n#endif\n" % (d, d) for d in defines)
        htext = (htext[:cut] + "/* Build options of this package. */\n" + block + htext[cut:])
    with open(os.path.join(outdir, public), "w", encoding="utf-8") as f:
        f.write(htext)
    renamed = ", ".join(sorted(clashes)) or "none"
    print("amalgamate: %s/news.h, %s/news.c from %d sources and %d private headers;"
          " renamed per file: %s" % (outdir, outdir, len(sources), len(done), renamed))


if __name__ == "__main__":
    main(sys.argv)
