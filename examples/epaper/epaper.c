/* epaper - a story page as a small e-paper panel would show it.
 *
 *   epaper [-s 296x128|400x300] [-a ARTICLE] [-p PAGE] FILE OUT
 *
 * Lays out article ARTICLE (default 1) of FILE (a .news store, or plain
 * text, imported) into a 1-bit framebuffer of the panel's size, with
 * the library's word wrapping measuring in pixels of the font in
 * font.c, and writes page PAGE (default 1) to OUT: PNG if its name ends
 * in ".png", binary PBM otherwise. Exit status: 0, 1 on bad input or
 * failed output, 2 on a usage error.
 */
#include "font.h"
#include "news.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* news_import()'s working memory */
static news_import_work import_work;

static const char *progname = "epaper";

/* ---- layout ---- */

typedef struct page {
    fb *f;          /* NULL while only counting pages */
    int want, page, pages;
    int y, margin, bottom;
    int big;        /* the larger panel: scaled title, dek shown */
    const news_article *a;
} page;

static news_str str(const char *s)
{
    news_str v;
    v.ptr = s;
    v.len = strlen(s);
    return v;
}

static int drawing(const page *p)
{
    return p->f != NULL && p->page == p->want;
}

static void rule(page *p)
{
    if (drawing(p))
        fb_fill(p->f, p->margin, p->y + 1, p->f->w - 2 * p->margin, 1, 1);
    p->y += 4;
}

/* A page begins; pages after the first repeat the title in one line,
 * cut with an ellipsis to fit. */
static void new_page(page *p)
{
    static const font_style bold = {1, 1, 0};
    p->page++;
    p->y = p->margin;
    if (p->page > 1) {
        int cut, width = p->f != NULL ? p->f->w - 2 * p->margin : 0;
        int ell = font_width((void *)&bold, 0x2026);
        news_str t = p->a->title;
        t.len = news_truncate(t, (size_t)width, (size_t)ell, font_width, (void *)&bold, &cut);
        if (drawing(p)) {
            int x = font_text(p->f, p->margin, p->y, t, &bold);
            if (cut)
                font_text(p->f, x, p->y, str("\xE2\x80\xA6"), &bold);
        }
        p->y += FONT_LINE;
        rule(p);
    }
}

/* Wrap s to the page width less indent and set it line by line,
 * turning the page when a line would not fit. */
static void text(page *p, news_str s, const font_style *st, int indent)
{
    int width = p->f->w - 2 * p->margin - indent;
    news_wrap w;
    news_str line;

    news_wrap_init(&w, s, (size_t)(width > 0 ? width : 0), font_width, (void *)st);
    while (news_wrap_next(&w, &line, NULL) == NEWS_OK) {
        if (p->y + FONT_HEIGHT * st->scale > p->bottom)
            new_page(p);
        if (drawing(p))
            font_text(p->f, p->margin + indent, p->y, line, st);
        p->y += FONT_LINE * st->scale;
    }
}

/* The kicker, white on a black label. */
static void kicker(page *p, news_str k)
{
    static const font_style inv = {1, 1, 1};
    int w = (int)news_text_width(k, font_width, (void *)&inv);
    if (drawing(p)) {
        fb_fill(p->f, p->margin, p->y, w + 5, FONT_HEIGHT + 1, 1);
        font_text(p->f, p->margin + 3, p->y, k, &inv);
    }
    p->y += FONT_LINE + 3;
}

/* "By Name and Name · 14 Mar 2024" */
static void byline(page *p, const font_style *st)
{
    static const char *const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    const news_author *au;
    news_time t;
    char buf[512];
    size_t n = 0;

    for (au = p->a->authors; au != NULL && n < 300; au = au->next)
        n += (size_t)snprintf(buf + n, sizeof buf - n, "%s%.*s",
                              au == p->a->authors ? "By " : au->next ? ", " : " and ",
                              (int)(au->name.len < 100 ? au->name.len : 100), au->name.ptr);
    if (p->a->published.ptr != NULL && news_time_parse(p->a->published, &t) == NEWS_OK)
        snprintf(buf + n, sizeof buf - n, "%s%d %s %04d", n > 0 ? " \xC2\xB7 " : "", t.day,
                 months[t.month - 1], t.year);
    if (buf[0] != '\0' && (n > 0 || p->a->published.ptr != NULL))
        text(p, str(buf), st, 0);
}

static void footer(page *p)
{
    static const font_style st = {1, 0, 0};
    char num[32];
    int w;

    if (!drawing(p))
        return;
    snprintf(num, sizeof num, "%d/%d", p->page, p->pages);
    w = (int)news_text_width(str(num), font_width, (void *)&st);
    font_text(p->f, p->f->w - p->margin - w, p->f->h - p->margin - FONT_HEIGHT, str(num), &st);
}

/* Lay the whole story out, drawing page p->want when p->f is set, and
 * return the number of pages. */
static int layout(page *p)
{
    static const font_style body = {1, 0, 0}, bold = {1, 1, 0}, large = {2, 0, 0};
    const news_article *a = p->a;
    const news_block *b;
    int first = 1;

    p->page = 0;
    new_page(p);
    if (a->kicker.ptr != NULL && a->kicker.len > 0)
        kicker(p, a->kicker);
    text(p, a->title, p->big ? &large : &bold, 0);
    if (p->big && a->dek.ptr != NULL) {
        p->y += 2;
        text(p, a->dek, &body, 0);
    }
    p->y += 2;
    byline(p, &body);
    rule(p);
    for (b = a->body; b != NULL; b = b->next) {
        if (!first)
            p->y += 4;
        first = 0;
        if (b->kind == NEWS_BLOCK_HEADING)
            text(p, b->text, &bold, 0);
        else
            text(p, b->text, &body, b->kind == NEWS_BLOCK_QUOTE ? 10 : 0);
    }
    return p->page;
}

/* ---- output ---- */

static unsigned long crc32(unsigned long crc, const unsigned char *s, size_t n)
{
    size_t i;
    int k;
    crc = ~crc & 0xFFFFFFFFul;
    for (i = 0; i < n; i++) {
        crc ^= s[i];
        for (k = 0; k < 8; k++)
            crc = crc & 1 ? (crc >> 1) ^ 0xEDB88320ul : crc >> 1;
    }
    return ~crc & 0xFFFFFFFFul;
}

static void be32(unsigned char *b, unsigned long v)
{
    b[0] = (unsigned char)(v >> 24);
    b[1] = (unsigned char)(v >> 16);
    b[2] = (unsigned char)(v >> 8);
    b[3] = (unsigned char)v;
}

static void chunk(FILE *out, const char *type, const unsigned char *d, size_t n)
{
    unsigned char head[8], tail[4];
    be32(head, (unsigned long)n);
    memcpy(head + 4, type, 4);
    be32(tail, crc32(crc32(0, head + 4, 4), d, n));
    fwrite(head, 1, 8, out);
    if (n > 0)
        fwrite(d, 1, n, out);
    fwrite(tail, 1, 4, out);
}

/* A 1-bit greyscale PNG, its pixels in stored (uncompressed) deflate
 * blocks: enough for a page of a few kilobytes, and no zlib needed. */
static int write_png(FILE *out, const fb *f)
{
    size_t row = (size_t)f->stride + 1, raw_n = row * (size_t)f->h, blocks, i, n = 0;
    unsigned char *raw = malloc(raw_n), *z, ihdr[13];
    unsigned long a = 1, b = 0;
    int x, y;

    blocks = (raw_n + 65534) / 65535;
    z = malloc(2 + raw_n + 5 * blocks + 4);
    if (raw == NULL || z == NULL) {
        free(raw);
        free(z);
        return -1;
    }
    for (y = 0; y < f->h; y++) { /* filter 0, then the row; PNG's 0 is black */
        raw[y * row] = 0;
        for (x = 0; x < f->stride; x++)
            raw[y * row + 1 + (size_t)x] = (unsigned char)~f->bits[y * f->stride + x];
    }
    z[n++] = 0x78;
    z[n++] = 0x01;
    for (i = 0; i < raw_n; i += 65535) {
        size_t len = raw_n - i < 65535 ? raw_n - i : 65535;
        z[n++] = i + len == raw_n;
        z[n++] = (unsigned char)len;
        z[n++] = (unsigned char)(len >> 8);
        z[n++] = (unsigned char)~len;
        z[n++] = (unsigned char)(~len >> 8);
        memcpy(z + n, raw + i, len);
        n += len;
    }
    for (i = 0; i < raw_n; i++) {
        a = (a + raw[i]) % 65521;
        b = (b + a) % 65521;
    }
    be32(z + n, b << 16 | a);
    n += 4;
    fwrite("\x89PNG\r\n\x1A\n", 1, 8, out);
    be32(ihdr, (unsigned long)f->w);
    be32(ihdr + 4, (unsigned long)f->h);
    memcpy(ihdr + 8, "\x01\x00\x00\x00\x00", 5); /* depth 1, greyscale */
    chunk(out, "IHDR", ihdr, 13);
    chunk(out, "IDAT", z, n);
    chunk(out, "IEND", NULL, 0);
    free(raw);
    free(z);
    return 0;
}

static int write_pbm(FILE *out, const fb *f)
{
    fprintf(out, "P4\n%d %d\n", f->w, f->h);
    fwrite(f->bits, (size_t)f->stride, (size_t)f->h, out);
    return 0;
}

static int save(const char *path, const fb *f)
{
    size_t n = strlen(path);
    FILE *out = fopen(path, "wb");
    int rc;

    if (out == NULL) {
        fprintf(stderr, "%s: %s: %s\n", progname, path, strerror(errno));
        return 1;
    }
    rc = n > 4 && strcmp(path + n - 4, ".png") == 0 ? write_png(out, f) : write_pbm(out, f);
    if (rc != 0) {
        fprintf(stderr, "%s: out of memory\n", progname);
        fclose(out);
        return 1;
    }
    if (ferror(out) || fclose(out) != 0) { /* a full disk must not pass silently */
        fprintf(stderr, "%s: %s: %s\n", progname, path, strerror(errno));
        return 1;
    }
    return 0;
}

/* ---- input ---- */

static void report(const char *path, const news_error *err)
{
    fprintf(stderr, "%s:%lu:%lu: error: %s\n", path, err->line, err->column, err->message);
}

static int is_store(const char *s, size_t n)
{
    size_t i = n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n'))
        i++;
    return n - i >= 5 && memcmp(s + i, "%news", 5) == 0;
}

/* Article number index (from 1) of data, in an arena from the heap. */
static int story(const char *path, const char *data, size_t len, unsigned long index,
                 news_article *a, news_arena *ar)
{
    news_error err = {0, 0, 0, 0, NULL};
    int rc;

    if (is_store(data, len)) {
        news_reader r;
        unsigned long i = 0;
        news_reader_init(&r, data, len, NULL);
        while ((rc = news_read_article_alloc(&r, a, ar, 0, NULL)) == NEWS_OK && ++i < index)
            ;
        if (rc == NEWS_OK)
            return 0;
        if (rc == NEWS_END)
            fprintf(stderr, "%s: %s: no article %lu\n", progname, path, index);
        else if (rc == NEWS_ERR_NOMEM)
            fprintf(stderr, "%s: out of memory\n", progname);
        else
            report(path, news_reader_error(&r));
        return 1;
    }
    ar->cap = 4096;
    for (;;) { /* import: the arena says how much it needs */
        ar->base = malloc(ar->cap);
        if (ar->base == NULL)
            return 1;
        ar->used = 0;
        rc = news_import(&import_work, data, len, NULL, a, ar, NULL, NULL, &err);
        if (rc != NEWS_ERR_NOMEM || ar->used <= ar->cap)
            break;
        free(ar->base);
        ar->cap = ar->used;
    }
    if (rc != NEWS_OK && err.message != NULL)
        report(path, &err);
    else if (rc != NEWS_OK)
        fprintf(stderr, "%s: %s: %s\n", progname, path, news_strerror(rc));
    return rc != NEWS_OK;
}

static int usage(void)
{
    fprintf(stderr, "usage: %s [-s 296x128|400x300] [-a ARTICLE] [-p PAGE] FILE OUT\n",
            progname);
    return 2;
}

static int number(const char *s, long lo, long hi, long *v)
{
    char *end;
    *v = strtol(s, &end, 10);
    return *s != '\0' && *end == '\0' && *v >= lo && *v <= hi;
}

int main(int argc, char **argv)
{
    long w = 400, h = 300, index = 1, want = 1;
    news_arena ar = {NULL, 0, 0};
    news_article a;
    news_error err;
    page p;
    fb f;
    char *data;
    size_t len;
    int i, rc = 1;

    for (i = 1; i + 1 < argc && argv[i][0] == '-' && argv[i][1] != '\0'; i += 2) {
        const char *x = strchr(argv[i + 1], 'x');
        if (strcmp(argv[i], "-s") == 0 && x != NULL) {
            char ws[16];
            if ((size_t)(x - argv[i + 1]) >= sizeof ws)
                return usage();
            memcpy(ws, argv[i + 1], (size_t)(x - argv[i + 1]));
            ws[x - argv[i + 1]] = '\0';
            if (!number(ws, 64, 4000, &w) || !number(x + 1, 32, 4000, &h))
                return usage();
        } else if (!(strcmp(argv[i], "-a") == 0 && number(argv[i + 1], 1, 1000000, &index)) &&
                   !(strcmp(argv[i], "-p") == 0 && number(argv[i + 1], 1, 100000, &want))) {
            return usage();
        }
    }
    if (argc - i != 2)
        return usage();
    if (news_file_read(argv[i], NULL, &data, &len, &err) != NEWS_OK) {
        fprintf(stderr, "%s: %s: %s\n", progname, argv[i],
                err.code == NEWS_ERR_IO ? strerror(errno) : err.message);
        return 1;
    }
    if (story(argv[i], data, len, (unsigned long)index, &a, &ar) == 0) {
        f.w = (int)w;
        f.h = (int)h;
        f.stride = (f.w + 7) / 8;
        f.bits = calloc((size_t)f.stride, (size_t)f.h);
        if (f.bits != NULL) {
            memset(&p, 0, sizeof p);
            p.f = &f;
            p.a = &a;
            p.big = w >= 400;
            p.margin = p.big ? 12 : 6;
            p.bottom = f.h - p.margin - FONT_LINE; /* room for the page number */
            p.want = 0; /* count the pages, then draw the one wanted */
            p.pages = layout(&p);
            if (want > p.pages) {
                fprintf(stderr, "%s: %s: the story has %d pages\n", progname, argv[i], p.pages);
            } else {
                p.want = (int)want;
                layout(&p);
                p.page = p.want;
                footer(&p);
                rc = save(argv[i + 1], &f);
            }
            free(f.bits);
        }
    }
    free(ar.base);
    news_free(NULL, data);
    return rc;
}
