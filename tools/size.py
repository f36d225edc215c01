#!/usr/bin/env python3
"""size.py - flash and RAM of libnews per target and module, and the budgets.

usage: size.py --table NAME=DIR... --core DIR --core-default DIR --whole DIR
               --zero DIR... --budget-core N --budget-whole N
               [--report-only | --report-only=NAME,...]

Each DIR is one build of the library (make cross): its objects, and for
--core / --core-default also probe.elf and probe.map, the smallest
program that reads articles with the builder and writes them
(tests/target/probe.c), linked with --gc-sections.

Sizes are Berkeley-style: text is code plus read-only data (what goes to
flash), data is initialised RAM, bss zeroed RAM. They are read from the
objects' ELF section headers, so one script serves every target.

Budgets checked (exit status 1 when one is exceeded):
  core   reader + builder + writer, with every helper they need, as the
         probe program keeps them (the library's input sections in the
         link map), built with NEWS_NO_ERROR_STRINGS: at most --budget-core.
         The plain sum of the same objects (reader, article, writer,
         text, fields, time, error) and the default build are reported.
  whole  every object of the --whole build: at most --budget-whole.
  zero   no .data and no .bss in any object of any --zero build.
--report-only prints core and whole without failing on them;
--report-only=whole (or core) only the ones named. zero always fails.
"""
import os
import re
import struct
import sys

MODULES = [
    ("reader", ["reader"]),
    ("article builder", ["article"]),
    ("writer", ["writer"]),
    ("JSON export", ["json"]),
    ("import", ["import", "import_rules"]),
    ("layout", ["layout", "width"]),
    ("shared helpers", ["text", "fields", "time", "error"]),
    ("freestanding", ["freestanding"]),
    ("hosted", ["hosted"]),
]
CORE = ["reader", "article", "writer", "text", "fields", "time", "error"]

SHF_WRITE, SHF_ALLOC, SHT_NOBITS = 0x1, 0x2, 8


def elf_sizes(path):
    """(text, data, bss, rodata) of an ELF32/64 object from its section headers."""
    with open(path, "rb") as f:
        b = f.read()
    if b[:4] != b"\x7fELF":
        raise ValueError("%s: not ELF" % path)
    is64, end = b[4] == 2, "<" if b[5] == 1 else ">"
    if is64:
        shoff, = struct.unpack_from(end + "Q", b, 0x28)
        shentsize, shnum = struct.unpack_from(end + "HH", b, 0x3A)
    else:
        shoff, = struct.unpack_from(end + "I", b, 0x20)
        shentsize, shnum = struct.unpack_from(end + "HH", b, 0x2E)
    text = data = bss = rodata = 0
    for i in range(shnum):
        off = shoff + i * shentsize
        if is64:
            _, stype, flags, _, _, size = struct.unpack_from(end + "IIQQQQ", b, off)
        else:
            _, stype, flags, _, _, size = struct.unpack_from(end + "IIIIII", b, off)
        if not flags & SHF_ALLOC:
            continue
        if stype == SHT_NOBITS:
            bss += size
        elif flags & SHF_WRITE:
            data += size
        else:
            text += size
            if not flags & 0x4:  # not executable: read-only data
                rodata += size
    return text, data, bss, rodata


def members(archive):
    """Names of the objects in a Unix ar archive (GNU or BSD names)."""
    with open(archive, "rb") as f:
        b = f.read()
    if not b.startswith(b"!<arch>\n"):
        raise ValueError("%s: not an archive" % archive)
    names, off = [], 8
    while off + 60 <= len(b):
        name = b[off:off + 16].decode("ascii", "replace").strip()
        size = int(b[off + 48:off + 58].decode("ascii").strip())
        if name not in ("/", "//", "/SYM64/", "__.SYMDEF", "__.SYMDEF SORTED") and name.endswith(".o/"):
            names.append(name[:-1])
        elif name.endswith(".o"):
            names.append(name)
        off += 60 + size + (size & 1)
    return names


def obj_sizes(d):
    """Sizes of the library's objects in a build directory: the members
    of its libnews.a (other objects there belong to programs)."""
    out = {}
    for f in members(os.path.join(d, "libnews.a")):
        out[f[:-2]] = elf_sizes(os.path.join(d, f))
    return out


def map_sizes(path):
    """Bytes of the library's input sections kept in a linked program,
    by object: {obj: [text, data, bss]}."""
    lines = open(path, encoding="utf-8", errors="replace").read().split("\n")
    start = next(i for i, l in enumerate(lines) if l.startswith("Linker script and memory map"))
    out, pending = {}, None
    for line in lines[start:]:
        m = re.match(r"^ (\.\S+|COMMON)\s*$", line)
        if m:
            pending = m.group(1)
            continue
        m = re.match(r"^ (\.\S+|COMMON)?\s+0x([0-9a-f]+)\s+0x([0-9a-f]+)\s+(\S+)$", line)
        sec = None
        if m:
            sec = m.group(1) or pending
        pending = None
        if not m or not sec:
            continue
        om = re.search(r"libnews\.a\(([^()]+)\.o\)$", m.group(4))
        if not om:
            continue
        size = int(m.group(3), 16)
        row = out.setdefault(om.group(1), [0, 0, 0])
        if sec.startswith((".text", ".rodata")):
            row[0] += size
        elif sec.startswith(".data"):
            row[1] += size
        elif sec.startswith((".bss", "COMMON")):
            row[2] += size
    return out


def main(argv):
    tables, zero, core = [], [], {}
    budget_core = budget_whole = None
    # budgets printed, not enforced: all (True) or those named (zero
    # .data/.bss always is)
    report_only = False
    args = argv[1:]
    while args:
        a = args.pop(0)
        if a == "--table":
            name, d = args.pop(0).split("=", 1)
            tables.append((name, d))
        elif a == "--zero":
            zero.append(args.pop(0))
        elif a in ("--core", "--core-default", "--whole"):
            core[a] = args.pop(0)
        elif a == "--budget-core":
            budget_core = int(args.pop(0))
        elif a == "--budget-whole":
            budget_whole = int(args.pop(0))
        elif a == "--report-only":
            report_only = True
        elif a.startswith("--report-only="):
            report_only = a.split("=", 1)[1].split(",")
        else:
            sys.exit(__doc__)
    failed = []

    # The table: one column group per target.
    sizes = [(name, obj_sizes(d)) for name, d in tables]
    print("Size of each module, bytes: -Os, no stdio, no malloc (RV32IMAC: no C")
    print("library at all); text is code plus read-only data")
    head = "%-16s" % "module"
    sub = "%-16s" % ""
    for name, _ in sizes:
        head += " | %-17s" % name
        sub += " | %5s %5s %5s" % ("text", "data", "bss")
    print(head)
    print(sub)
    totals = [[0, 0, 0] for _ in sizes]
    grouped = {o for _, objs in MODULES for o in objs}
    others = sorted({o for _, sz in sizes for o in sz} - grouped)
    for label, objs in MODULES + ([("other: " + " ".join(others), others)] if others else []):
        row = "%-16s" % label
        for k, (_, s) in enumerate(sizes):
            t = [sum(s[o][i] for o in objs if o in s) for i in range(3)]
            for i in range(3):
                totals[k][i] += t[i]
            row += " | %5d %5d %5d" % tuple(t)
        print(row)
    row = "%-16s" % "total"
    for t in totals:
        row += " | %5d %5d %5d" % tuple(t)
    print(row)
    for name, s in sizes:
        if name.upper().startswith("AVR"):
            ro = sum(v[3] for v in s.values())
            print("  %s: avr-gcc places read-only data in RAM unless it is in program"
                  " memory;" % name)
            print("  %d of the %d text bytes above are such tables and strings." %
                  (ro, sum(v[0] for v in s.values())))

    # The core budget.
    print()
    print("Budgets, Cortex-M0 -Os")
    results = []
    for label, key in (("error strings stripped", "--core"), ("default build", "--core-default")):
        d = core.get(key)
        if d is None:
            continue
        linked = map_sizes(os.path.join(d, "probe.map"))
        lt = sum(v[0] for v in linked.values())
        plain = obj_sizes(d)
        pt = sum(plain[o][0] for o in CORE if o in plain)
        kept = ", ".join("%s %d" % (o, linked[o][0]) for o in sorted(linked, key=lambda o: -linked[o][0]))
        results.append((label, key, lt, pt, kept))
    for label, key, lt, pt, kept in results:
        checked = key == "--core" and budget_core is not None
        verdict = ""
        if checked:
            ok = lt <= budget_core
            verdict = "  budget %d: %s" % (budget_core, "ok" if ok else "OVER by %d" % (lt - budget_core))
            if not ok:
                failed.append("core")
        print("  reader + builder + writer, %s:" % label)
        print("    linked (--gc-sections, what a program keeps): %5d%s" % (lt, verdict))
        print("      by object: %s" % kept)
        print("    plain sum of %s.o: %5d" % (".o ".join(CORE), pt))
    if "--whole" in core:
        s = obj_sizes(core["--whole"])
        whole = sum(v[0] for v in s.values())
        verdict = ""
        if budget_whole is not None:
            ok = whole <= budget_whole
            verdict = "  budget %d: %s" % (budget_whole, "ok" if ok else "OVER by %d" % (whole - budget_whole))
            if not ok:
                failed.append("whole")
        print("  whole library, default build, every object: %5d%s" % (whole, verdict))
        if "--core" in core:  # for comparison: the core's configuration
            stripped = sum(v[0] for v in obj_sizes(core["--core"]).values())
            print("    the same, error strings stripped: %5d" % stripped)
    bad = []
    for d in zero:
        for o, v in obj_sizes(d).items():
            if v[1] or v[2]:
                bad.append("%s/%s.o: data %d, bss %d" % (d, o, v[1], v[2]))
    print("  .data + .bss, every object of %d builds: %s" % (len(zero), "0, ok" if not bad else "NOT ZERO"))
    for b in bad:
        print("    " + b)
    if bad:
        failed.append("zero")
    if failed:
        print("size: over budget: %s" % ", ".join(failed))
        if report_only is True and "zero" not in failed:
            print("size: budgets reported only (ENFORCE_BUDGETS=no)")
            return 0
        if report_only and all(f in report_only for f in failed):
            print("size: %s reported only (ENFORCE_BUDGETS=met)" % ", ".join(failed))
            return 0
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
