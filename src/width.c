/* width.c - how many terminal columns a code point takes. */
#include "internal.h"

/* Sorted ranges of code points: the first, and a length byte L that
 * means L + 1 code points below 0x80 and (L - 0x7F) * 256 from 0x80 up,
 * so that the big CJK blocks take a few entries. The tables were drawn
 * from Unicode 14: general categories Mn and Me of U+0300-0EFF plus the
 * combining and format blocks any script may use (zero), and the East
 * Asian Width classes W and F (wide; wide1 for plane 1, low 16 bits).
 * Unassigned code points were folded into their neighbours' ranges,
 * and the emoji blocks of plane 1 count wide whole: counting a narrow
 * symbol wide can leave a line a column short, never overflow it. */
static const uint16_t zero_first[] = {
    0x0300, 0x0483, 0x0591, 0x05BF, 0x05C1, 0x05C4, 0x05C7, 0x0610, 0x064B, 0x0670, 0x06D6,
    0x06DF, 0x06E7, 0x06EA, 0x0711, 0x0730, 0x07A6, 0x07EB, 0x07FD, 0x0816, 0x081B, 0x0825,
    0x0829, 0x0859, 0x0898, 0x08CA, 0x08E3, 0x093A, 0x093C, 0x0941, 0x094D, 0x0951, 0x0962,
    0x0981, 0x09BC, 0x09C1, 0x09CD, 0x09E2, 0x09FE, 0x0A3C, 0x0A41, 0x0A70, 0x0A75, 0x0A81,
    0x0ABC, 0x0AC1, 0x0ACD, 0x0AE2, 0x0AFA, 0x0B3C, 0x0B3F, 0x0B41, 0x0B4D, 0x0B62, 0x0B82,
    0x0BC0, 0x0BCD, 0x0C00, 0x0C04, 0x0C3C, 0x0C3E, 0x0C46, 0x0C62, 0x0C81, 0x0CBC, 0x0CBF,
    0x0CC6, 0x0CCC, 0x0CE2, 0x0D00, 0x0D3B, 0x0D41, 0x0D4D, 0x0D62, 0x0D81, 0x0DCA, 0x0DD2,
    0x0E31, 0x0E34, 0x0E47, 0x0EB1, 0x0EB4, 0x0EC8, 0x1160, 0x11E0, 0x1AB0, 0x1DC0, 0x200B,
    0x202A, 0x2060, 0x20D0, 0x2CEF, 0x2DE0, 0x302A, 0x3099, 0xA66F, 0xA69E, 0xFE00, 0xFE20,
    0xFEFF,
};
static const uint8_t zero_len[] = {
    111, 6, 44, 0, 1, 1, 0, 10, 20, 0, 6, 5, 1, 3, 0, 26, 10, 8, 0, 3, 8, 2, 4, 2, 7, 23, 31, 0,
    0, 7, 0, 6, 1, 0, 0, 3, 0, 1, 4, 0, 16, 1, 0, 1, 0, 7, 0, 1, 7, 0, 0, 3, 9, 1, 0, 0, 0, 0,
    0, 0, 2, 16, 1, 0, 0, 0, 0, 1, 1, 1, 1, 3, 0, 1, 0, 0, 4, 0, 6, 7, 0, 8, 5, 127, 31, 79, 63,
    4, 4, 15, 47, 2, 31, 3, 1, 14, 1, 15, 15, 0,
};
static const uint16_t wide_first[] = {
    0x1100, 0x231A, 0x2329, 0x23E9, 0x23F0, 0x23F3, 0x25FD, 0x2614, 0x2648, 0x267F, 0x2693,
    0x26A1, 0x26AA, 0x26BD, 0x26C4, 0x26CE, 0x26D4, 0x26EA, 0x26F2, 0x26F5, 0x26FA, 0x26FD,
    0x2705, 0x270A, 0x2728, 0x274C, 0x274E, 0x2753, 0x2757, 0x2795, 0x27B0, 0x27BF, 0x2B1B,
    0x2B50, 0x2B55, 0x2E80, 0x2F80, 0x3000, 0x3041, 0x3241, 0x3250, 0x4D50, 0x4E00, 0xA400,
    0xA480, 0xA960, 0xAC00, 0xD700, 0xD780, 0xF900, 0xFA00, 0xFA80, 0xFE10, 0xFE30, 0xFF01,
    0xFFE0,
};
static const uint8_t wide_len[] = {
    95, 1, 1, 3, 0, 0, 1, 1, 11, 0, 0, 0, 1, 1, 1, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 2, 0, 2,
    0, 0, 1, 0, 0, 128, 127, 62, 129, 6, 154, 111, 213, 127, 70, 28, 170, 127, 35, 128, 127, 89,
    9, 59, 95, 6,
};
static const uint16_t wide1_first[] = {
    0x6FE0, 0xB2E0, 0xF004, 0xF0CF, 0xF18E, 0xF191, 0xF200, 0xF300, 0xF600, 0xF680, 0xF7E0,
    0xF900, 0xFA70, 0xFAF0,
};
static const uint8_t wide1_len[] = {
    194, 31, 0, 0, 0, 9, 101, 130, 79, 127, 31, 128, 127, 15,
};

#define COUNT(t) (sizeof(t) / sizeof((t)[0]))

static int in_table(const uint16_t *first, const uint8_t *len, size_t n, unsigned c)
{
    size_t lo = 0, hi = n;
    unsigned l;

    while (lo < hi) { /* find the last range starting at or before c */
        size_t mid = lo + (hi - lo) / 2;
        if (first[mid] <= c)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == 0)
        return 0;
    l = len[lo - 1];
    return c - first[lo - 1] < (l < 0x80 ? l + 1 : (l - 0x7F) << 8);
}

int news_cp_width(unsigned long cp)
{
    if (cp < 0x300)
        return cp == '\t' || (cp >= 0x20 && cp < 0x7F) || cp >= 0xA0;
    if (cp < 0x10000)
        return in_table(zero_first, zero_len, COUNT(zero_len), (unsigned)cp)
                   ? 0
                   : 1 + in_table(wide_first, wide_len, COUNT(wide_len), (unsigned)cp);
    if (cp < 0x20000)
        return 1 + in_table(wide1_first, wide1_len, COUNT(wide1_len), (unsigned)cp & 0xFFFFu);
    if (cp < 0x40000)
        return 2; /* CJK ideograph extensions */
    return cp - 0xE0000u >= 0x1000u; /* 0 for tags and variation selectors */
}
