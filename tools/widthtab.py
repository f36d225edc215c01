#!/usr/bin/env python3
"""widthtab.py - the code point tables of src/width.c.

usage: widthtab.py            print the C tables for src/width.c
       widthtab.py --check F  exit 1 unless F (src/width.c) holds them as printed

The ranges below are the source: inclusive, sorted, apart (two ranges
never touch). They were drawn from Unicode 14: general categories Mn and
Me of U+0300-0EFF plus the combining and format blocks any script may use
(ZERO), and the East Asian Width classes W and F (WIDE for the BMP, WIDE1
for plane 1). Unassigned code points were folded into their neighbours'
ranges, and the emoji blocks of plane 1 count wide whole: counting a
narrow symbol wide can leave a line a column short, never overflow it.

Each table is packed in blocks of BLOCK bytes, for a binary search over
the blocks and a short walk within one:
  - the first code point of the block's first range (its low 16 bits),
    as a uint16_t;
  - then for each range: its length minus 1, and, when another range
    follows in the block, the number of code points between the two;
  - a 0 where that number would be ends the block (ranges never touch, so
    the number is never 0), and zeros fill it up.
A number below 0x80 is one byte; up to 0x7FFF, two: 0x80 | the high bits,
then the low byte.
"""
import sys

BLOCK = 20

ZERO = [
    (0x0300, 0x036F), (0x0483, 0x0489), (0x0591, 0x05BD), (0x05BF, 0x05BF),
    (0x05C1, 0x05C2), (0x05C4, 0x05C5), (0x05C7, 0x05C7), (0x0610, 0x061A),
    (0x064B, 0x065F), (0x0670, 0x0670), (0x06D6, 0x06DC), (0x06DF, 0x06E4),
    (0x06E7, 0x06E8), (0x06EA, 0x06ED), (0x0711, 0x0711), (0x0730, 0x074A),
    (0x07A6, 0x07B0), (0x07EB, 0x07F3), (0x07FD, 0x07FD), (0x0816, 0x0819),
    (0x081B, 0x0823), (0x0825, 0x0827), (0x0829, 0x082D), (0x0859, 0x085B),
    (0x0898, 0x089F), (0x08CA, 0x08E1), (0x08E3, 0x0902), (0x093A, 0x093A),
    (0x093C, 0x093C), (0x0941, 0x0948), (0x094D, 0x094D), (0x0951, 0x0957),
    (0x0962, 0x0963), (0x0981, 0x0981), (0x09BC, 0x09BC), (0x09C1, 0x09C4),
    (0x09CD, 0x09CD), (0x09E2, 0x09E3), (0x09FE, 0x0A02), (0x0A3C, 0x0A3C),
    (0x0A41, 0x0A51), (0x0A70, 0x0A71), (0x0A75, 0x0A75), (0x0A81, 0x0A82),
    (0x0ABC, 0x0ABC), (0x0AC1, 0x0AC8), (0x0ACD, 0x0ACD), (0x0AE2, 0x0AE3),
    (0x0AFA, 0x0B01), (0x0B3C, 0x0B3C), (0x0B3F, 0x0B3F), (0x0B41, 0x0B44),
    (0x0B4D, 0x0B56), (0x0B62, 0x0B63), (0x0B82, 0x0B82), (0x0BC0, 0x0BC0),
    (0x0BCD, 0x0BCD), (0x0C00, 0x0C00), (0x0C04, 0x0C04), (0x0C3C, 0x0C3C),
    (0x0C3E, 0x0C40), (0x0C46, 0x0C56), (0x0C62, 0x0C63), (0x0C81, 0x0C81),
    (0x0CBC, 0x0CBC), (0x0CBF, 0x0CBF), (0x0CC6, 0x0CC6), (0x0CCC, 0x0CCD),
    (0x0CE2, 0x0CE3), (0x0D00, 0x0D01), (0x0D3B, 0x0D3C), (0x0D41, 0x0D44),
    (0x0D4D, 0x0D4D), (0x0D62, 0x0D63), (0x0D81, 0x0D81), (0x0DCA, 0x0DCA),
    (0x0DD2, 0x0DD6), (0x0E31, 0x0E31), (0x0E34, 0x0E3A), (0x0E47, 0x0E4E),
    (0x0EB1, 0x0EB1), (0x0EB4, 0x0EBC), (0x0EC8, 0x0ECD), (0x1160, 0x11FF),
    (0x1AB0, 0x1AFF), (0x1DC0, 0x1DFF), (0x200B, 0x200F), (0x202A, 0x202E),
    (0x2060, 0x206F), (0x20D0, 0x20FF), (0x2CEF, 0x2CF1), (0x2DE0, 0x2DFF),
    (0x302A, 0x302D), (0x3099, 0x309A), (0xA66F, 0xA67D), (0xA69E, 0xA69F),
    (0xFE00, 0xFE0F), (0xFE20, 0xFE2F), (0xFEFF, 0xFEFF),
]

WIDE = [
    (0x1100, 0x115F), (0x231A, 0x231B), (0x2329, 0x232A), (0x23E9, 0x23EC),
    (0x23F0, 0x23F0), (0x23F3, 0x23F3), (0x25FD, 0x25FE), (0x2614, 0x2615),
    (0x2648, 0x2653), (0x267F, 0x267F), (0x2693, 0x2693), (0x26A1, 0x26A1),
    (0x26AA, 0x26AB), (0x26BD, 0x26BE), (0x26C4, 0x26C5), (0x26CE, 0x26CE),
    (0x26D4, 0x26D4), (0x26EA, 0x26EA), (0x26F2, 0x26F3), (0x26F5, 0x26F5),
    (0x26FA, 0x26FA), (0x26FD, 0x26FD), (0x2705, 0x2705), (0x270A, 0x270B),
    (0x2728, 0x2728), (0x274C, 0x274C), (0x274E, 0x274E), (0x2753, 0x2755),
    (0x2757, 0x2757), (0x2795, 0x2797), (0x27B0, 0x27B0), (0x27BF, 0x27BF),
    (0x2B1B, 0x2B1C), (0x2B50, 0x2B50), (0x2B55, 0x2B55), (0x2E80, 0x303E),
    (0x3041, 0x3247), (0x3250, 0x4DBF), (0x4E00, 0xA4C6), (0xA960, 0xA97C),
    (0xAC00, 0xD7A3), (0xF900, 0xFAD9), (0xFE10, 0xFE19), (0xFE30, 0xFE6B),
    (0xFF01, 0xFF60), (0xFFE0, 0xFFE6),
]

WIDE1 = [
    (0x16FE0, 0x1B2FF), (0x1F004, 0x1F004), (0x1F0CF, 0x1F0CF), (0x1F18E, 0x1F18E),
    (0x1F191, 0x1F19A), (0x1F200, 0x1F265), (0x1F300, 0x1F64F), (0x1F680, 0x1F6FF),
    (0x1F7E0, 0x1F7FF), (0x1F900, 0x1F9FF), (0x1FA70, 0x1FAFF),
]

TABLES = [
    ("zero", ZERO, "zero width, U+0300-FFFF"),
    ("wide", WIDE, "wide, U+0300-FFFF"),
    ("wide1", WIDE1, "wide, plane 1 (low 16 bits)"),
]


def number(v):
    if not 0 <= v < 0x8000:
        sys.exit("widthtab.py: %d does not fit" % v)
    return [v] if v < 0x80 else [0x80 | v >> 8, v & 0xFF]


def pack(ranges):
    """The blocks of a table, each a list of BLOCK byte values."""
    plane = ranges[0][0] >> 16
    for (a, b), (c, _) in zip(ranges, ranges[1:]):
        if not a <= b < c - 1:
            sys.exit("widthtab.py: ranges out of order or touching at %04X" % c)
    if any(r[1] >> 16 != plane for r in ranges) or ranges[-1][1] & 0xFFFF == 0xFFFF:
        # the walk in width.c counts in 16 bits (AVR's unsigned) up to
        # the code point past the last range
        sys.exit("widthtab.py: a table must end in its plane, before xFFFF")
    blocks, i = [], 0
    while i < len(ranges):
        a, b = ranges[i]
        block = [a >> 8 & 0xFF, a & 0xFF] + number(b - a)
        i += 1
        while i < len(ranges):
            c, d = ranges[i]
            more = number(c - b - 1) + number(d - c)
            if len(block) + len(more) + 1 > BLOCK:  # room for the end
                break
            block += more
            b = d
            i += 1
        blocks.append(block + [0] * (BLOCK - len(block)))
    return blocks


def c_tables():
    """The C text: each block in braces, its first code point apart,
    without the zeros at its end (C fills them in)."""
    out = ["#define BLOCK %d\n" % BLOCK,
           "struct block {\n    uint16_t first;\n"
           "    unsigned char rest[BLOCK - 2];\n};\n"]
    for name, ranges, what in TABLES:
        rows = []
        for block in pack(ranges):
            while len(block) > 3 and block[-1] == 0:
                block = block[:-1]
            values = ["0x%02X" % v for v in block[2:]]
            lines = [", ".join(values[k:k + 11]) for k in range(0, len(values), 11)]
            rows.append("    {0x%02X%02X,\n     {" % (block[0], block[1])
                        + ",\n      ".join(lines) + "}},")
        out.append("static const struct block %s[] = { /* %s */\n%s\n};\n"
                   % (name, what, "\n".join(rows)))
    return "".join(out)


def main():
    text = c_tables()
    if len(sys.argv) == 3 and sys.argv[1] == "--check":
        with open(sys.argv[2]) as f:
            if text not in f.read():
                sys.exit("widthtab.py: %s does not hold the tables as printed" % sys.argv[2])
        return
    if len(sys.argv) != 1:
        sys.exit(__doc__.split("\n\n")[1])
    sys.stdout.write(text)


if __name__ == "__main__":
    main()
