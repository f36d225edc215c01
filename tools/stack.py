#!/usr/bin/env python3
"""stack.py - the worst-case stack depth of every public libnews function.

usage: stack.py [--budget N [--report-only[=FUNC,...]]] [--brief]
                [--program NAME --entry FUNC] --objdump PREFIXobjdump --name NAME DIR

DIR holds one build of the library (make cross): per source file the
object, GCC's stack usage (-fstack-usage, FILE.su) and call graph
(-fcallgraph-info=su, FILE.ci), plus api.elf and api.map, a program that
links every public function (tests/target/api.c).

The method:
 1. Frames. Each function's own stack comes from GCC: the .ci node label
    (the same number as in the .su file) with its kind. "static" is exact;
    "dynamic,bounded" is an upper bound GCC proved; plain "dynamic" means
    a variable-length array or alloca, and fails the check.
 2. Calls. The .ci edges are the calls GCC saw in the code, after inlining
    (a builtin such as memcpy may still be expanded inline, so counting it
    is on the safe side). Code generation can add calls of its own
    (division and switch helpers from libgcc): those are found in the
    disassembly of api.elf, located through api.map, as direct calls
    (bl / jal / call) out of each function.
 3. Functions outside the library (libgcc, the C library's string
    functions) have no .su: their frame is read off their prologue in the
    disassembly (push/stmdb register count, sub sp, addi sp), and their
    own calls are followed the same way.
 4. A call through a pointer (the caller's sink or width callback) counts
    as zero: the callback's own stack belongs to the caller's budget.
 5. Depth(f) = frame(f) + max over callees of depth(callee). A cycle in
    the graph is recursion and fails the check.
Every public function must fit in --budget bytes when given; with
--report-only none need to (the budget is printed), with
--report-only=FUNC,... every one but those named.
With --entry, the report is the depth of that one function instead, in
the program DIR/NAME.elf (NAME.map) rather than api.elf: the firmware
example's whole stack from its reset handler.
"""
import os
import re
import subprocess
import sys

NODE = re.compile(r'node: \{ title: "([^"]*)" label: "([^"]*)"')
EDGE = re.compile(r'edge: \{ sourcename: "([^"]*)" targetname: "([^"]*)"')
FRAME = re.compile(r"(\d+) bytes \(([^)]*)\)")


def read_graph(d):
    frames, kinds, edges = {}, {}, {}
    for f in sorted(os.listdir(d)):
        if not f.endswith(".ci"):
            continue
        obj = f[:-3]
        with open(os.path.join(d, f), encoding="utf-8") as fh:
            for line in fh:
                m = NODE.search(line)
                if m:
                    title, label = m.groups()
                    fm = FRAME.search(label.replace("\\n", "\n"))
                    if fm:
                        frames[title] = int(fm.group(1))
                        kinds[title] = fm.group(2)
                        edges.setdefault(title, set())
                        edges[title + "@obj"] = {obj}  # where it lives
                    continue
                m = EDGE.search(line)
                if m:
                    edges.setdefault(m.group(1), set()).add(m.group(2))
    objs = {t: next(iter(edges.pop(t + "@obj"))) for t in frames}
    return frames, kinds, edges, objs


def read_map(path):
    """(object base name, function) -> address, from input sections
    .text.FUNC of the library's archive members."""
    where = {}
    if not os.path.exists(path):
        return where
    lines = open(path, encoding="utf-8", errors="replace").read().split("\n")
    try:
        start = next(i for i, l in enumerate(lines) if l.startswith("Linker script and memory map"))
    except StopIteration:
        return where
    pending = None
    for line in lines[start:]:
        m = re.match(r"^ (\.text\.\S+)\s*$", line)
        if m:
            pending = m.group(1)
            continue
        m = re.match(r"^ (\.text\.\S+)?\s+0x([0-9a-f]+)\s+0x([0-9a-f]+)\s+(\S+)$", line)
        if m:
            sec = m.group(1) or pending
            pending = None
            om = re.search(r"\(([^()]+)\.o\)$", m.group(4)) or \
                re.search(r"([^/()]+)\.o$", m.group(4))
            if sec and om and int(m.group(3), 16) > 0:
                where[(om.group(1), sec[len(".text."):])] = int(m.group(2), 16)
        else:
            pending = None
    return where


def disassemble(objdump, elf):
    """{address: (name, [instruction text])} for every function symbol."""
    funcs, cur = {}, None
    if not os.path.exists(elf):
        return funcs
    out = subprocess.run([objdump, "-d", "--no-show-raw-insn", elf], check=True,
                         stdout=subprocess.PIPE, universal_newlines=True).stdout
    for line in out.split("\n"):
        m = re.match(r"^([0-9a-f]+) <([^>]+)>:$", line)
        if m:
            cur = int(m.group(1), 16)
            funcs[cur] = (m.group(2), [])
        elif cur is not None and re.match(r"^\s+[0-9a-f]+:\s", line):
            funcs[cur][1].append(line.split(":", 1)[1].strip())
    return funcs


CALL = re.compile(r"^(?:bl|blx|jal|call|tail)\s+(?:ra,\s*)?[0-9a-f]+ <([^>+]+)>")


def calls_in(insns):
    out = set()
    for ins in insns:
        m = CALL.match(ins)
        if m:
            out.add(m.group(1))
    return out


def prologue_frame(insns):
    """Bytes a function outside the library pushes or reserves."""
    total = 0
    for ins in insns[:12]:
        m = re.match(r"^(?:push|push\.w|stmdb(?:\.w)?\s+sp!,)\s*\{([^}]*)\}", ins)
        if m:
            regs = 0
            for part in m.group(1).split(","):
                part = part.strip()
                r = re.match(r"r(\d+)\s*-\s*r(\d+)", part)
                regs += int(r.group(2)) - int(r.group(1)) + 1 if r else 1
            total += 4 * regs
            continue
        m = re.match(r"^sub(?:\.w)?\s+sp,\s*(?:sp,\s*)?#(\d+)", ins)
        if m:
            total += int(m.group(1))
            continue
        m = re.match(r"^(?:c\.)?addi(?:16sp)?\s+sp,\s*(?:sp,\s*)?-(\d+)", ins)
        if m:
            total += int(m.group(1))
    return total


def main(argv):
    budget, brief, objdump, name, d = None, False, "objdump", "", None
    # functions whose budget is printed, not enforced ("*": all);
    # recursion and VLAs are enforced everywhere
    report_only = set()
    program, entry = "api", None
    args = argv[1:]
    while args:
        a = args.pop(0)
        if a == "--budget":
            budget = int(args.pop(0))
        elif a == "--brief":
            brief = True
        elif a == "--report-only":
            report_only = {"*"}
        elif a.startswith("--report-only="):
            report_only = set(a.split("=", 1)[1].split(","))
        elif a == "--objdump":
            objdump = args.pop(0)
        elif a == "--name":
            name = args.pop(0)
        elif a == "--program":
            program = args.pop(0)
        elif a == "--entry":
            entry = args.pop(0)
        else:
            d = a
    if d is None:
        sys.exit(__doc__)

    frames, kinds, edges, objs = read_graph(d)
    if not frames:
        sys.exit("stack.py: no .ci files in %s (GCC 12 or later with -fcallgraph-info=su)" % d)
    where = read_map(os.path.join(d, program + ".map"))
    funcs = disassemble(objdump, os.path.join(d, program + ".elf"))
    by_name = {}
    for addr, (fname, insns) in funcs.items():
        by_name.setdefault(fname, addr)

    # Calls the code generator added, and outside functions' frames.
    for title in frames:
        fn = title.split(":")[-1]
        addr = where.get((objs[title], fn))
        if addr is None and ":" not in title:
            addr = by_name.get(fn)
        if addr is not None and addr in funcs:
            for callee in calls_in(funcs[addr][1]):
                known = callee in frames or any(t.endswith(":" + callee) for t in edges[title])
                if not known:
                    edges[title].add(callee)
    outside = {}

    def outside_frame(fn, seen):
        if fn in outside:
            return outside[fn]
        addr = by_name.get(fn)
        if addr is None:
            outside[fn] = (0, [fn + "?"])  # not linked: expanded inline or absent
            return outside[fn]
        own = prologue_frame(funcs[addr][1])
        worst, path = 0, []
        for callee in sorted(calls_in(funcs[addr][1]) - {fn} - seen):
            cd, cp = outside_frame(callee, seen | {fn})
            if cd > worst:
                worst, path = cd, cp
        outside[fn] = (own + worst, [fn] + path)
        return outside[fn]

    problems = []
    for title, kind in sorted(kinds.items()):
        if kind.startswith("dynamic") and "bounded" not in kind:
            problems.append("%s: stack of unbounded size (a VLA or alloca)" % title)

    memo, active = {}, []

    def depth(title):
        if title in memo:
            return memo[title]
        if title in active:
            problems.append("recursion: " + " > ".join(active[active.index(title):] + [title]))
            return (0, [title])
        if title == "__indirect_call":
            return (0, ["(callback)"])
        if title not in frames:
            return outside_frame(title, set())
        active.append(title)
        worst, path = 0, []
        for callee in sorted(edges.get(title, ())):
            cd, cp = depth(callee)
            if cd > worst:
                worst, path = cd, cp
        active.pop()
        memo[title] = (frames[title] + worst, [title.split(":")[-1]] + path)
        return memo[title]

    public = sorted(t for t in frames if ":" not in t and t.startswith("news_")
                    and not t.startswith("news__"))
    if entry is not None:
        public = [entry]
    rows = sorted(((depth(t)[0], t, depth(t)[1]) for t in public), reverse=True)
    for t in sorted(frames):  # every function, for recursion anywhere
        depth(t)

    if entry is not None:
        print("Stack, %s: worst case from %s, bytes" % (name, entry))
    else:
        print("Stack, %s: worst case of each public function, bytes" % name)
    if not brief:
        print("  (own frames from -fstack-usage; calls from -fcallgraph-info and the")
        print("  disassembly of %s.elf; callbacks the caller passes count 0)" % program)
    shown = rows if not brief else rows[:3]
    for n, t, path in shown:
        print("  %-24s %5d   %s" % (t, n, " > ".join(path)))
    if brief and len(rows) > 3:
        print("  ... %d more, each less deep" % (len(rows) - 3))
    deepest = rows[0] if rows else (0, "-", [])
    verdict = ""
    if budget is not None:
        verdict = "  (budget %d: %s)" % (budget, "ok" if deepest[0] <= budget else "OVER")
    print("  deepest: %s, %d bytes%s" % (deepest[1], deepest[0], verdict))
    over = [t for n, t, _ in rows if budget is not None and n > budget]
    enforced = [t for t in over if "*" not in report_only and t not in report_only]
    if over and budget is not None:
        print("  over %d: %s%s" % (budget, ", ".join(over),
                                   "" if enforced else " (reported, not enforced)"))
    if enforced:
        problems.append("over the stack budget: " + ", ".join(enforced))
    print("  recursion: %s; VLAs or alloca: %s" % (
        "none" if not any(p.startswith("recursion") for p in problems) else "FOUND",
        "none" if not any("unbounded" in p for p in problems) else "FOUND"))
    for p in sorted(set(problems)):
        print("  problem: " + p)
    if problems:
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
