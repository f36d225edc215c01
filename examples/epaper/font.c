/* font.c - a proportional bitmap font drawn for this example: ASCII,
 * Latin-1 (accented letters are a base letter plus an accent, placed by
 * code), typographic punctuation, combining accents, and a box for the
 * rest. */
#include "font.h"

#include <string.h>

/* Glyphs as pictures: rows separated by spaces, '#' for ink. Seven rows
 * from the cap height to the baseline, then up to two below it. Every
 * row of a glyph has the same length, which is the glyph's width. */
static const struct glyph {
    unsigned short cp;
    const char *art;
} glyphs[] = {
    {' ', "... ... ... ... ... ... ..."},
    {'!', "# # # # # . #"},
    {'"', "#.# #.# ... ... ... ... ..."},
    {'#', ".#.#. .#.#. ##### .#.#. ##### .#.#. .#.#."},
    {'$', "..#.. .#### #.#.. .###. ..#.# ####. ..#.."},
    {'%', "##..# ##.#. ...#. ..#.. .#... .#.## #..##"},
    {'&', ".##.. #..#. #.#.. .#... #.#.# #..#. .##.#"},
    {'\'', "# # . . . . ."},
    {'(', ".# #. #. #. #. #. .#"},
    {')', "#. .# .# .# .# .# #."},
    {'*', "..... ..#.. #.#.# .###. #.#.# ..#.. ....."},
    {'+', "..... ..#.. ..#.. ##### ..#.. ..#.. ....."},
    {',', ".. .. .. .. .. .# .# #. .."},
    {'-', "... ... ... ... ### ... ..."},
    {'.', ". . . . . . #"},
    {'/', "....# ...#. ...#. ..#.. .#... .#... #...."},
    {'0', ".###. #...# #..## #.#.# ##..# #...# .###."},
    {'1', ".#. ##. .#. .#. .#. .#. ###"},
    {'2', ".###. #...# ....# ...#. ..#.. .#... #####"},
    {'3', "####. ....# ....# .###. ....# ....# ####."},
    {'4', "...#. ..##. .#.#. #..#. ##### ...#. ...#."},
    {'5', "##### #.... ####. ....# ....# #...# .###."},
    {'6', ".###. #.... #.... ####. #...# #...# .###."},
    {'7', "##### ....# ...#. ..#.. .#... .#... .#..."},
    {'8', ".###. #...# #...# .###. #...# #...# .###."},
    {'9', ".###. #...# #...# .#### ....# ....# .###."},
    {':', ". . # . . . #"},
    {';', ".. .. .# .. .. .# .# #. .."},
    {'<', "...# ..#. .#.. #... .#.. ..#. ...#"},
    {'=', ".... .... #### .... #### .... ...."},
    {'>', "#... .#.. ..#. ...# ..#. .#.. #..."},
    {'?', ".###. #...# ....# ...#. ..#.. ..... ..#.."},
    {'@', ".###. #...# #.### #.#.# #.### #.... .####"},
    {'A', ".###. #...# #...# ##### #...# #...# #...#"},
    {'B', "####. #...# #...# ####. #...# #...# ####."},
    {'C', ".###. #...# #.... #.... #.... #...# .###."},
    {'D', "####. #...# #...# #...# #...# #...# ####."},
    {'E', "##### #.... #.... ####. #.... #.... #####"},
    {'F', "##### #.... #.... ####. #.... #.... #...."},
    {'G', ".###. #...# #.... #.### #...# #...# .####"},
    {'H', "#...# #...# #...# ##### #...# #...# #...#"},
    {'I', "### .#. .#. .#. .#. .#. ###"},
    {'J', "..### ...#. ...#. ...#. ...#. #..#. .##.."},
    {'K', "#...# #..#. #.#.. ##... #.#.. #..#. #...#"},
    {'L', "#... #... #... #... #... #... ####"},
    {'M', "#.....# ##...## #.#.#.# #..#..# #.....# #.....# #.....#"},
    {'N', "#...# ##..# #.#.# #..## #...# #...# #...#"},
    {'O', ".###. #...# #...# #...# #...# #...# .###."},
    {'P', "####. #...# #...# ####. #.... #.... #...."},
    {'Q', ".###. #...# #...# #...# #.#.# #..#. .##.#"},
    {'R', "####. #...# #...# ####. #.#.. #..#. #...#"},
    {'S', ".#### #.... #.... .###. ....# ....# ####."},
    {'T', "##### ..#.. ..#.. ..#.. ..#.. ..#.. ..#.."},
    {'U', "#...# #...# #...# #...# #...# #...# .###."},
    {'V', "#...# #...# #...# #...# #...# .#.#. ..#.."},
    {'W', "#.....# #.....# #.....# #..#..# #..#..# #.#.#.# .#...#."},
    {'X', "#...# #...# .#.#. ..#.. .#.#. #...# #...#"},
    {'Y', "#...# #...# .#.#. ..#.. ..#.. ..#.. ..#.."},
    {'Z', "##### ....# ...#. ..#.. .#... #.... #####"},
    {'[', "## #. #. #. #. #. ##"},
    {'\\', "#.... .#... .#... ..#.. ...#. ...#. ....#"},
    {']', "## .# .# .# .# .# ##"},
    {'^', "..#.. .#.#. #...# ..... ..... ..... ....."},
    {'_', "..... ..... ..... ..... ..... ..... ..... #####"},
    {'`', "#. .# .. .. .. .. .."},
    {'a', "..... ..... .###. ....# .#### #...# .####"},
    {'b', "#.... #.... ####. #...# #...# #...# ####."},
    {'c', ".... .... .### #... #... #... .###"},
    {'d', "....# ....# .#### #...# #...# #...# .####"},
    {'e', "..... ..... .###. #...# ##### #.... .###."},
    {'f', "..## .#.. #### .#.. .#.. .#.. .#.."},
    {'g', "..... ..... .#### #...# #...# #...# .#### ....# .###."},
    {'h', "#.... #.... ####. #...# #...# #...# #...#"},
    {'i', "# . # # # # #"},
    {'j', "..# ... ..# ..# ..# ..# ..# ..# ##."},
    {'k', "#... #... #..# #.#. ##.. #.#. #..#"},
    {'l', "#. #. #. #. #. #. .#"},
    {'m', "....... ....... ###.##. #..#..# #..#..# #..#..# #..#..#"},
    {'n', "..... ..... ####. #...# #...# #...# #...#"},
    {'o', "..... ..... .###. #...# #...# #...# .###."},
    {'p', "..... ..... ####. #...# #...# #...# ####. #.... #...."},
    {'q', "..... ..... .#### #...# #...# #...# .#### ....# ....#"},
    {'r', ".... .... #.## ##.. #... #... #..."},
    {'s', "..... ..... .#### #.... .###. ....# ####."},
    {'t', ".#.. .#.. #### .#.. .#.. .#.. ..##"},
    {'u', "..... ..... #...# #...# #...# #...# .####"},
    {'v', "..... ..... #...# #...# #...# .#.#. ..#.."},
    {'w', "....... ....... #.....# #.....# #..#..# #..#..# .##.##."},
    {'x', "..... ..... #...# .#.#. ..#.. .#.#. #...#"},
    {'y', "..... ..... #...# #...# #...# #...# .#### ....# .###."},
    {'z', "..... ..... ##### ...#. ..#.. .#... #####"},
    {'{', "..# .#. .#. #.. .#. .#. ..#"},
    {'|', "# # # # # # # # #"},
    {'}', "#.. .#. .#. ..# .#. .#. #.."},
    {'~', "..... ..... .#... #.#.# ...#. ..... ....."},
    {0xA0, "... ... ... ... ... ... ..."},
    {0xA1, ". . # . # # # # #"},
    {0xA2, "..... ..#.. .#### #.#.. #.#.. .#### ..#.."},
    {0xA3, "..##. .#..# .#... ###.. .#... .#... #####"},
    {0xA4, "..... #...# .###. .#.#. .###. #...# ....."},
    {0xA5, "#...# .#.#. ..#.. ##### ..#.. ##### ..#.."},
    {0xA6, "# # # . # # #"},
    {0xA7, ".### #... .##. #..# .##. ...# ###."},
    {0xA8, "#.# ... ... ... ... ... ..."},
    {0xA9, ".#####. #.....# #..##.# #.#...# #..##.# #.....# .#####."},
    {0xAA, ".## #.# .## ... ### ... ..."},
    {0xAB, "...... ...... ..#..# .#..#. #..#.. .#..#. ..#..#"},
    {0xAC, "..... ..... ..... ##### ....# ..... ....."},
    {0xAD, "... ... ... ... ### ... ..."},
    {0xAE, ".#####. #.....# #.##..# #.#.#.# #.##..# #.#.#.# .#####."},
    {0xAF, "##### ..... ..... ..... ..... ..... ....."},
    {0xB0, ".#. #.# .#. ... ... ... ..."},
    {0xB1, "..... ..#.. ..#.. ##### ..#.. ..#.. #####"},
    {0xB2, "##. ..# .#. #.. ### ... ..."},
    {0xB3, "##. ..# .#. ..# ##. ... ..."},
    {0xB4, ".# #. .. .. .. .. .."},
    {0xB5, "..... ..... #...# #...# #...# #...# ####. #.... #...."},
    {0xB6, ".#### ###.# ###.# .##.# ..#.# ..#.# ..#.#"},
    {0xB7, ". . . . # . ."},
    {0xB8, ".. .. .. .. .. .. .. .# #."},
    {0xB9, ".# ## .# .# .# .. .."},
    {0xBA, ".#. #.# .#. ... ### ... ..."},
    {0xBB, "...... ...... #..#.. .#..#. ..#..# .#..#. #..#.."},
    {0xBC, "#...#.. #..#... #.#.... ..#..#. .#..##. #..#.#. ...####"},
    {0xBD, "#...#.. #..#... #.#.... ..#.##. .#...#. #...#.. ....###"},
    {0xBE, "##..#.. .#.#... ##.#... ..#..#. .#..##. #..#.#. ...####"},
    {0xBF, "..#.. ..... ..#.. .#... #.... #...# .###."},
    {0xC6, ".###### #..#... #..#... ####### #..#... #..#... #..####"},
    {0xD0, "####. .#..# .#..# ###.# .#..# .#..# ####."},
    {0xD7, "..... ..... #...# .#.#. ..#.. .#.#. #...#"},
    {0xD8, ".###. #..## #.#.# #.#.# #.#.# ##..# .###."},
    {0xDE, "#.... ####. #...# #...# ####. #.... #...."},
    {0xDF, ".##.. #..#. #..#. #.#.. #..#. #...# #.##."},
    {0xE6, "....... ....... .##.##. ...#..# .###### #..#... .##.###"},
    {0xF0, ".#.#. ..#.. .#.#. ....# .#### #...# .###."},
    {0xF7, "..... ..#.. ..... ##### ..... ..#.. ....."},
    {0xF8, "..... ..... .###. #..## #.#.# ##..# .###."},
    {0xFE, "#.... #.... ####. #...# #...# #...# ####. #.... #...."},
    {0x131, "... ... .#. .#. .#. .#. .#."}, /* dotless i, wide enough for accents */
    {0x2013, "..... ..... ..... ..... ##### ..... ....."},
    {0x2014, "........ ........ ........ ........ ######## ........ ........"},
    {0x2018, ".# #. ## .. .. .. .."},
    {0x2019, "## .# #. .. .. .. .."},
    {0x201C, ".#..# #..#. ##.## ..... ..... ..... ....."},
    {0x201D, "##.## .#..# #..#. ..... ..... ..... ....."},
    {0x2022, "... ... ... ### ### ### ..."},
    {0x2026, "....... ....... ....... ....... ....... ....... #..#..#"},
    {0x20AC, "..### .#... ####. .#... ####. .#... ..###"},
};

/* Accents, two rows each but the diaeresis (one) and the ring (three). */
enum { GRAVE, ACUTE, CIRCUMFLEX, TILDE, DIAERESIS, RING, CEDILLA, N_ACCENTS };
static const char *const accents[N_ACCENTS] = {
    "#. .#", ".# #.", ".#. #.#", ".#.# #.#.", "#.#", ".#. #.# .#.", ".# #.",
};

/* U+00C0-00FF: the base letter and accent of each, or '\0' for a glyph
 * of its own in the table above. Accents: Grave, Acute, Hat
 * (circumflex), Tilde, Diaeresis, Ring, Cedilla; base \1 is the dotless
 * i. */
static const char latin1_base[65] = "AAAAAA\0CEEEEIIII\0NOOOOO\0\0UUUUY\0\0"
                                    "aaaaaa\0ceeee\x01\x01\x01\x01\0nooooo\0\0uuuuy\0y";
static const char latin1_accent[65] = "GAHTDR\0CGAHDGAHD\0TGAHTD\0\0GAHDA\0\0"
                                      "GAHTDR\0CGAHDGAHD\0TGAHTD\0\0GAHDA\0D";

static const struct glyph *find(unsigned long cp)
{
    size_t lo = 0, hi = sizeof glyphs / sizeof glyphs[0];
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (glyphs[mid].cp < cp)
            lo = mid + 1;
        else if (glyphs[mid].cp > cp)
            hi = mid;
        else
            return &glyphs[mid];
    }
    return NULL;
}

static int art_width(const char *art)
{
    const char *sp = strchr(art, ' ');
    return sp != NULL ? (int)(sp - art) : (int)strlen(art);
}

/* The accent a combining mark or a Latin-1 letter adds (-1: none). */
static int mark_accent(unsigned long cp)
{
    static const unsigned short marks[N_ACCENTS] = {0x300, 0x301, 0x302, 0x303, 0x308, 0x30A,
                                                    0x327};
    int i;
    for (i = 0; i < N_ACCENTS; i++)
        if (marks[i] == cp)
            return i;
    return -1;
}

static int accent_code(char c)
{
    static const char codes[] = "GAHTDRC"; /* in the order of the enum */
    const char *p = c != '\0' ? strchr(codes, c) : NULL;
    return p != NULL ? (int)(p - codes) : -1;
}

/* Split a Latin-1 letter into its base glyph and accent. */
static const struct glyph *base_of(unsigned long cp, int *accent)
{
    *accent = -1;
    if (cp == '\t')
        cp = ' ';
    if (cp >= 0xC0 && cp <= 0xFF && latin1_base[cp - 0xC0] != '\0') {
        char b = latin1_base[cp - 0xC0];
        *accent = accent_code(latin1_accent[cp - 0xC0]);
        return find(b == '\x01' ? 0x131 : (unsigned char)b);
    }
    return find(cp);
}

void fb_pixel(fb *f, int x, int y, int black)
{
    unsigned char bit;
    if (x < 0 || y < 0 || x >= f->w || y >= f->h)
        return;
    bit = (unsigned char)(0x80u >> (x & 7));
    if (black)
        f->bits[y * f->stride + x / 8] |= bit;
    else
        f->bits[y * f->stride + x / 8] &= (unsigned char)~bit;
}

void fb_fill(fb *f, int x, int y, int w, int h, int black)
{
    int i, j;
    for (j = 0; j < h; j++)
        for (i = 0; i < w; i++)
            fb_pixel(f, x + i, y + j, black);
}

/* One font pixel at glyph position (gx, gy), scaled and struck. */
static void dot(fb *f, int x, int y, int gx, int gy, const font_style *st)
{
    int s = st->scale;
    fb_fill(f, x + gx * s, y + gy * s, s + (st->bold ? 1 : 0), s, !st->invert);
}

/* Draw art with its first row at glyph row top, shifted dx columns. */
static void draw_art(fb *f, int x, int y, const char *art, int top, int dx,
                     const font_style *st)
{
    int gx = 0, gy = top;
    for (; *art != '\0'; art++) {
        if (*art == ' ') {
            gx = 0;
            gy++;
            continue;
        }
        if (*art == '#')
            dot(f, x, y, gx + dx, gy, st);
        gx++;
    }
}

/* The first glyph row of art holding ink (art starts at row 2). */
static int ink_top(const char *art)
{
    int row = 2;
    for (; *art != '\0'; art++) {
        if (*art == '#')
            return row;
        row += *art == ' ';
    }
    return row;
}

/* Put an accent on the glyph drawn at x: above its ink, one row clear
 * of it when there is room (lower case), touching it when not
 * (capitals); a cedilla goes under the baseline. */
static void draw_accent(fb *f, int x, int y, const struct glyph *g, int accent,
                        const font_style *st)
{
    const char *a = accents[accent];
    int rows = 1, d = art_width(g->art) - art_width(a), top;
    int dx = d >= 0 ? (d + 1) / 2 : -(-d / 2); /* centred, rounding left */
    const char *p;

    for (p = a; *p != '\0'; p++)
        rows += *p == ' ';
    if (accent == CEDILLA) {
        top = 9;
    } else {
        top = ink_top(g->art) - 1 - rows;
        if (top < 0)
            top = 0;
    }
    draw_art(f, x, y, a, top, dx, st);
}

static int box_width(unsigned long cp)
{
    return news_cp_width(cp) == 2 ? 9 : 5;
}

int font_width(void *user, unsigned long cp)
{
    const font_style *st = (const font_style *)user;
    const struct glyph *g;
    int accent, w;

    if (mark_accent(cp) >= 0 || news_cp_width(cp) == 0)
        return 0;
    g = base_of(cp, &accent);
    w = g != NULL ? art_width(g->art) : box_width(cp);
    return (w + 1) * st->scale + (st->bold ? 1 : 0);
}

int font_text(fb *f, int x, int y, news_str s, const font_style *st)
{
    const struct glyph *last = NULL;
    int last_x = x;
    size_t i = 0;

    while (i < s.len) {
        unsigned long cp;
        const struct glyph *g;
        int accent;

        i += news_utf8_decode(s.ptr + i, s.len - i, &cp);
        if ((accent = mark_accent(cp)) >= 0) { /* on the letter before */
            if (last != NULL)
                draw_accent(f, last_x, y, last, accent, st);
            continue;
        }
        if (news_cp_width(cp) == 0)
            continue;
        g = base_of(cp, &accent);
        if (g != NULL) {
            draw_art(f, x, y, g->art, 2, 0, st);
            if (accent >= 0)
                draw_accent(f, x, y, g, accent, st);
        } else { /* no glyph: a box the height of a capital */
            int w = box_width(cp), k;
            for (k = 0; k < w; k++) {
                dot(f, x, y, k, 2, st);
                dot(f, x, y, k, 8, st);
            }
            for (k = 3; k < 8; k++) {
                dot(f, x, y, 0, k, st);
                dot(f, x, y, w - 1, k, st);
            }
        }
        last = g;
        last_x = x;
        x += font_width((void *)st, cp);
    }
    return x;
}
