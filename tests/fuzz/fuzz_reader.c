/* fuzz_reader.c - the pull reader, in buffer mode and in stream mode.
 *
 * Input: 10 parameter bytes, then the document.
 *   [0]    bits 0-1 limits: 0 defaults, 1 none, 2 small ones from [6..9],
 *          3 defaults given as NULL; bit 2: zero-length chunks are fed
 *          as NULL
 *   [1..4] the chunk sizes of stream mode, used in turn (0: an empty chunk)
 *   [5]    stream line buffer: 0 for room for any line, else [5] - 1 bytes
 *   [6]    small limits: max_line
 *   [7]    small limits: max_fields
 *   [8]    small limits: max_authors (low 4 bits), max_tags (high 4 bits)
 *   [9]    small limits: max_links (low 4 bits), max_blocks (high 4 bits)
 *
 * Checks: stream mode at that chunking gives the same events as buffer
 * mode over the whole input (with the line limit the line buffer
 * implies), and the same final status with the same code, line,
 * column and offset; every chunk is a heap block of its exact size,
 * freed as soon as the reader asks for the next, so a read past a
 * chunk or a view kept into an old chunk is caught. In buffer mode the
 * events follow the grammar of an article, every view lies in the
 * input on the line the event names and holds text the format allows,
 * and an error's offset is its line's start plus column - 1. Errors
 * and the end stick. */
#include "fuzz_util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define HEADER 10

/* Render an event (binary-safe: lengths before bytes). */
static void render(fz_buf *out, const news_event *ev)
{
    char tmp[96];
    int n = snprintf(tmp, sizeof tmp, "%lu %d", ev->line, ev->type);

    fz_buf_add(out, tmp, (size_t)n);
    if (ev->type == NEWS_EV_FIELD || ev->type == NEWS_EV_LINK_FIELD) {
        n = snprintf(tmp, sizeof tmp, " f%d k%lu:", ev->field, (unsigned long)ev->key.len);
        fz_buf_add(out, tmp, (size_t)n);
        fz_buf_add(out, ev->key.ptr, ev->key.len);
    }
    if (ev->type == NEWS_EV_FIELD || ev->type == NEWS_EV_LINK_FIELD ||
        ev->type == NEWS_EV_BLOCK) {
        n = snprintf(tmp, sizeof tmp, " b%d v%lu:", ev->type == NEWS_EV_BLOCK ? ev->kind : 0,
                     (unsigned long)ev->value.len);
        fz_buf_add(out, tmp, (size_t)n);
        fz_buf_add(out, ev->value.ptr, ev->value.len);
    }
    fz_buf_add(out, "\n", 1);
}

static void render_end(fz_buf *out, int rc, const news_reader *r)
{
    const news_error *e = news_reader_error(r);
    char tmp[128];
    int n;

    if (rc == NEWS_END) {
        FZ_CHECK(e->code == NEWS_OK);
        n = snprintf(tmp, sizeof tmp, "END\n");
    } else {
        FZ_CHECK(rc < 0 && e->code == rc);
        FZ_CHECK(e->message != NULL);
        n = snprintf(tmp, sizeof tmp, "ERROR %d %lu %lu %lu\n", rc, e->line, e->column,
                     e->offset);
    }
    fz_buf_add(out, tmp, (size_t)n);
}

/* The grammar of events: ARTICLE, FIELD*, BLOCK*, (LINK LINK_FIELD*)*,
 * ARTICLE_END, and again. */
enum { G_OUT, G_HEADER, G_BODY, G_LINKS };

static int grammar(int *g, const news_event *ev)
{
    switch (ev->type) {
    case NEWS_EV_ARTICLE:
        if (*g != G_OUT)
            return 0;
        *g = G_HEADER;
        return 1;
    case NEWS_EV_FIELD:
        return *g == G_HEADER;
    case NEWS_EV_BLOCK:
        if (*g != G_HEADER && *g != G_BODY)
            return 0;
        *g = G_BODY;
        return 1;
    case NEWS_EV_LINK:
        if (*g == G_OUT)
            return 0;
        *g = G_LINKS;
        return 1;
    case NEWS_EV_LINK_FIELD:
        return *g == G_LINKS;
    case NEWS_EV_ARTICLE_END:
        if (*g == G_OUT)
            return 0;
        *g = G_OUT;
        return 1;
    default:
        return 0;
    }
}

/* The line (from 1) of a byte of the input, found by counting LFs from
 * where the previous lookup stopped: views come in input order. */
typedef struct cursor {
    const char *data;
    size_t off;
    unsigned long line;
} cursor;

static unsigned long line_of(cursor *c, size_t off)
{
    FZ_CHECK(off >= c->off);
    for (; c->off < off; c->off++)
        c->line += c->data[c->off] == '\n';
    return c->line;
}

/* Offset where line number `line` starts, or (size_t)-1 past the end. */
static size_t line_start(const char *data, size_t len, unsigned long line)
{
    size_t i;
    unsigned long l = 1;
    if (line == l)
        return 0;
    for (i = 0; i < len; i++)
        if (data[i] == '\n' && ++l == line)
            return i + 1;
    return (size_t)-1;
}

static void check_view(cursor *c, size_t len, news_str s, unsigned long line)
{
    const char *data = c->data;
    FZ_CHECK(s.ptr != NULL);
    FZ_CHECK(s.ptr >= data && s.len <= len && (size_t)(s.ptr - data) <= len - s.len);
    FZ_CHECK(fz_text_ok(s.ptr, s.len));
    FZ_CHECK(line_of(c, (size_t)(s.ptr - data)) == line);
}

static void check_event(cursor *c, size_t len, const news_event *ev)
{
    if (ev->type == NEWS_EV_FIELD || ev->type == NEWS_EV_LINK_FIELD) {
        int link = ev->type == NEWS_EV_LINK_FIELD;
        const char *key;
        check_view(c, len, ev->key, ev->line);
        check_view(c, len, ev->value, ev->line);
        FZ_CHECK(ev->key.len > 0 && ev->key.ptr[0] >= 'a' && ev->key.ptr[0] <= 'z');
        FZ_CHECK(ev->key.ptr + ev->key.len < ev->value.ptr);
        FZ_CHECK(ev->key.ptr[ev->key.len] == ':');
        FZ_CHECK(ev->field >= NEWS_FIELD_EXT &&
                 ev->field < (link ? (int)NEWS_LINK_COUNT : (int)NEWS_FIELD_COUNT));
        key = news_field_key(ev->field, link);
        FZ_CHECK((ev->field == NEWS_FIELD_EXT) == (key == NULL));
        if (key != NULL)
            FZ_CHECK(strlen(key) == ev->key.len && memcmp(key, ev->key.ptr, ev->key.len) == 0);
    } else if (ev->type == NEWS_EV_BLOCK) {
        check_view(c, len, ev->value, ev->line);
        FZ_CHECK(ev->kind == NEWS_BLOCK_PARAGRAPH || ev->kind == NEWS_BLOCK_HEADING ||
                 ev->kind == NEWS_BLOCK_QUOTE);
    }
}

/* Buffer mode: trace, and the checks only a whole input allows. */
static int trace_buffer(const char *data, size_t len, const news_limits *lim, fz_buf *out)
{
    news_reader r;
    news_event ev;
    unsigned long last_line = 0, events = 0;
    cursor c;
    int g = G_OUT, rc;

    c.data = data;
    c.off = 0;
    c.line = 1;

    news_reader_init(&r, data, len, lim);
    while ((rc = news_reader_next(&r, &ev)) == NEWS_OK) {
        FZ_CHECK(grammar(&g, &ev));
        FZ_CHECK(ev.line >= last_line && ev.line >= 1);
        last_line = ev.line;
        check_event(&c, len, &ev);
        render(out, &ev);
        FZ_CHECK(++events <= 4 * (unsigned long)len + 4); /* it always ends */
    }
    FZ_CHECK(rc != NEWS_MORE);
    render_end(out, rc, &r);
    if (rc == NEWS_END) {
        FZ_CHECK(g == G_OUT && events > 0);
    } else {
        const news_error *e = news_reader_error(&r);
        size_t start = line_start(data, len, e->line);
        FZ_CHECK(e->line >= 1 && e->column >= 1);
        FZ_CHECK(start != (size_t)-1);
        FZ_CHECK(e->offset == start + e->column - 1);
        FZ_CHECK(e->offset <= len);
    }
    /* The end and errors stick. */
    FZ_CHECK(news_reader_next(&r, &ev) == rc);
    FZ_CHECK(news_reader_next(&r, &ev) == rc);
    return rc;
}

/* Stream mode at the chosen chunking. */
static int trace_stream(const char *data, size_t len, const news_limits *lim,
                        const unsigned *sizes, size_t linecap, int null_empty, fz_buf *out)
{
    news_reader r;
    news_event ev;
    char *line = fz_copy("", 0, linecap), *chunk = NULL;
    size_t pos = 0, turn = 0;
    unsigned long calls = 0;
    int rc;

    news_reader_init_stream(&r, line, linecap, lim);
    for (;;) {
        rc = news_reader_next(&r, &ev);
        FZ_CHECK(++calls <= 8 * (unsigned long)len + 64); /* it always ends */
        if (rc == NEWS_MORE) {
            size_t n = sizes[turn++ % 4];
            free(chunk); /* the reader is done with it */
            chunk = NULL;
            if (pos == len) {
                news_reader_finish(&r);
                continue;
            }
            if (n > len - pos)
                n = len - pos;
            chunk = fz_copy(data + pos, n, 0);
            FZ_CHECK(news_reader_feed(&r, n == 0 && null_empty ? NULL : chunk, n) == NEWS_OK);
            pos += n;
            continue;
        }
        if (rc != NEWS_OK)
            break;
        render(out, &ev);
    }
    render_end(out, rc, &r);
    FZ_CHECK(news_reader_next(&r, &ev) == rc);
    /* Input after the end or an error is refused. */
    FZ_CHECK(news_reader_feed(&r, "x", 1) != NEWS_OK);
    FZ_CHECK(news_reader_next(&r, &ev) == rc);
    free(chunk);
    free(line);
    return rc;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fz_in in = {data, size};
    news_limits lim, buf_lim;
    unsigned mode = fz_byte(&in), sizes[4], cap_byte;
    size_t linecap, i;
    char *doc;
    fz_buf a = {0}, b = {0};
    int rc_a, rc_b;

    for (i = 0; i < 4; i++)
        sizes[i] = fz_byte(&in);
    if ((sizes[0] | sizes[1] | sizes[2] | sizes[3]) == 0)
        sizes[0] = 1; /* some progress */
    cap_byte = fz_byte(&in);
    news_limits_default(&lim);
    switch (mode & 3) {
    case 1:
        lim.max_line = lim.max_fields = lim.max_authors = (size_t)-1;
        lim.max_tags = lim.max_links = lim.max_blocks = (size_t)-1;
        break;
    case 2:
        lim.max_line = fz_byte(&in);
        lim.max_fields = fz_byte(&in);
        lim.max_authors = fz_byte(&in);
        lim.max_tags = lim.max_authors >> 4;
        lim.max_authors &= 15;
        lim.max_links = fz_byte(&in);
        lim.max_blocks = lim.max_links >> 4;
        lim.max_links &= 15;
        break;
    default:
        break;
    }
    while (in.n > 0 && size - in.n < HEADER) /* the document starts at HEADER */
        fz_byte(&in);

    doc = fz_copy(in.p, in.n, 0);
    linecap = cap_byte == 0 ? in.n + 2 : cap_byte - 1;
    /* Stream mode takes lines up to linecap - 1 bytes: buffer mode
     * gets the same limit. */
    buf_lim = lim;
    if (linecap == 0)
        buf_lim.max_line = 0;
    else if (buf_lim.max_line > linecap - 1)
        buf_lim.max_line = linecap - 1;

    rc_a = trace_buffer(doc, in.n, &buf_lim, &a);
    rc_b = trace_stream(doc, in.n, (mode & 3) == 3 ? NULL : &lim, sizes, linecap, (mode & 4) != 0,
                        &b);
    if (rc_a != rc_b || a.len != b.len || memcmp(a.p, b.p, a.len) != 0) {
        fprintf(stderr, "--- buffer mode\n%.*s--- stream mode\n%.*s", (int)a.len, a.p,
                (int)b.len, b.p);
        FZ_CHECK(!"stream mode differs from buffer mode");
    }
    fz_buf_free(&a);
    fz_buf_free(&b);
    free(doc);
    return 0;
}
