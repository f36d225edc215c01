/* font.h - a small proportional bitmap font for 1-bit displays. */
#ifndef EPAPER_FONT_H
#define EPAPER_FONT_H

#include "news.h"

/* A 1-bit framebuffer, rows of bytes, most significant bit leftmost;
 * a set bit is a black pixel (as in PBM). */
typedef struct fb {
    unsigned char *bits;
    int w, h, stride;
} fb;

/* How text is drawn: scale 1 or more, bold by striking twice, white on
 * black when inverted. */
typedef struct font_style {
    int scale, bold, invert;
} font_style;

/* A glyph's rows, unscaled: two for accents over capitals, seven from
 * the cap height to the baseline, two for descenders. Lines are
 * FONT_LINE rows apart. */
#define FONT_HEIGHT 11
#define FONT_LINE 12

void fb_pixel(fb *f, int x, int y, int black);
void fb_fill(fb *f, int x, int y, int w, int h, int black);

/* The advance of cp in pixels under the style (a news_width_fn; user is
 * a const font_style *). ASCII and Latin-1 have glyphs, and a few
 * common punctuation marks beyond; combining accents are 0 and drawn
 * over the letter before; anything else is a box. */
int font_width(void *user, unsigned long cp);

/* Draw s with its top-left corner at (x, y); returns the x after it. */
int font_text(fb *f, int x, int y, news_str s, const font_style *st);

#endif
