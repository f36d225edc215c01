/* reader.c - the pull reader: .news text in, validated events out. */
#include "internal.h"

enum { S_START, S_HEADER, S_BODY, S_LINKS, S_PENDING, S_DONE, S_ERROR };

/* Bits of r->seen: single-valued header fields use their NEWS_FIELD_*
 * number; the rest sit above them. */
#define SEEN(id) (1ul << (id))
#define SEEN_AUTHOR_URL (1ul << 12)
#define SEEN_AUTHOR_BIO (1ul << 13)
#define SEEN_LINK(id) (1ul << (16 + (id)))
#define SEEN_LINKS (0xFul << 16)

/* Results of the line steps besides NEWS_OK and error codes. */
#define SKIP 3   /* line consumed, no event */
#define AT_EOF 4 /* no more lines */

static int fail(news_reader *r, int code, unsigned long line, unsigned long col,
                unsigned long off);

static void init(news_reader *r, const news_limits *limits)
{
    news__memset(r, 0, sizeof *r);
    if (limits != NULL)
        news__memcpy(&r->lim, limits, sizeof r->lim); /* no implicit memcpy call */
    else
        news_limits_default(&r->lim);
}

void news_reader_init(news_reader *r, const char *data, size_t len, const news_limits *limits)
{
    init(r, limits);
    r->origin = r->p = r->end = data;
    if (data != NULL)
        r->end = data + len;
    else if (len > 0)
        fail(r, NEWS_ERR_ARG, 0, 0, 0); /* every read reports it */
    r->flags = NEWS__F_FINISHED;
}

void news_reader_init_stream(news_reader *r, char *linebuf, size_t cap,
                             const news_limits *limits)
{
    init(r, limits);
    r->buf = linebuf;
    r->cap = linebuf == NULL ? 0 : cap;
    if (r->lim.max_line >= r->cap)
        r->lim.max_line = r->cap == 0 ? 0 : r->cap - 1; /* one byte for a CR */
    r->flags = NEWS__F_STREAM;
}

int news_reader_feed(news_reader *r, const char *chunk, size_t len)
{
    if (r->state == S_ERROR)
        return r->err.code;
    if ((r->flags & (NEWS__F_STREAM | NEWS__F_FINISHED)) != NEWS__F_STREAM || r->p != r->end)
        return NEWS_ERR_STATE;
    if (chunk == NULL && len > 0)
        return NEWS_ERR_ARG;
    r->base += (unsigned long)(r->end - r->origin);
    r->origin = r->p = r->end = chunk;
    if (chunk != NULL)
        r->end = chunk + len;
    return NEWS_OK;
}

void news_reader_finish(news_reader *r)
{
    r->flags |= NEWS__F_FINISHED;
}

const news_error *news_reader_error(const news_reader *r)
{
    return &r->err;
}

static int fail(news_reader *r, int code, unsigned long line, unsigned long col,
                unsigned long off)
{
    news__set_error(&r->err, code, line, col, off);
    r->state = S_ERROR;
    return code;
}

/* Fail at byte column col (from 1) of the current line, counted after
 * a BOM that opened it (r->skip bytes). */
static int fail_col(news_reader *r, int code, size_t col)
{
    col += r->skip;
    return fail(r, code, r->line, (unsigned long)col, r->line_off + (unsigned long)col - 1);
}

/* A BOM is skipped at the start of the input and before a "%news" line
 * (so that concatenated files stay a valid store). */
static size_t bom(const news_reader *r, const char *s, size_t n)
{
    if ((unsigned char)s[0] == 0xEF && n >= 3 && (unsigned char)s[1] == 0xBB &&
        (unsigned char)s[2] == 0xBF &&
        (r->line == 0 || (n >= 8 && news__memcmp(s + 3, "%news", 5) == 0)))
        return 3;
    return 0;
}

/* Gather an incomplete line in the line buffer (stream mode). The
 * buffer holds max + 1 bytes: room for a CR whose LF is yet to come. */
static int gather(news_reader *r, size_t avail)
{
    size_t n = r->fill + avail, max = r->lim.max_line;

    if (avail == 0)
        return NEWS_MORE; /* an empty chunk: nothing to add */
    if (r->fill == 0)
        r->line_off = r->base + (unsigned long)(r->p - r->origin);
    if (n > max + 1 || (n == max + 1 && r->end[-1] != '\r')) {
        r->line++;
        return fail_col(r, NEWS_ERR_LINE_TOO_LONG, max + 1);
    }
    news__memcpy(r->buf + r->fill, r->p, avail);
    r->fill = n;
    r->p = r->end;
    return NEWS_MORE;
}

/* Find, measure and check the next line. Returns NEWS_OK with *ls, *ln
 * (without BOM and line ending), AT_EOF, NEWS_MORE, or an error. A
 * line whole in the input is found and checked in one pass; the length
 * limit is checked before the content, so that chunking never changes
 * which error a document gets. */
static int get_line(news_reader *r, const char **ls, size_t *ln)
{
    size_t avail = (size_t)(r->end - r->p), n, skip, at = 0;
    int code = NEWS_OK, done = (r->flags & NEWS__F_FINISHED) != 0, term;
    const char *s = r->p, *nl;

    r->skip = 0;
    if (r->fill == 0) {
        if (avail == 0)
            return done ? AT_EOF : NEWS_MORE;
        skip = bom(r, s, avail);
        n = skip + news__scan_line((const unsigned char *)s + skip, avail - skip, &code, &at);
        if (n == avail && !done)
            return gather(r, avail);
        r->line_off = r->base + (unsigned long)(s - r->origin);
        nl = s + n;
    } else {
        nl = avail > 0 ? (const char *)news__memchr(s, '\n', avail) : NULL;
        if (nl == NULL && !done)
            return gather(r, avail);
        n = nl != NULL ? (size_t)(nl - s) : avail;
        if (r->fill + n > r->lim.max_line + 1) { /* would not fit the buffer */
            r->line++;
            return fail_col(r, NEWS_ERR_LINE_TOO_LONG, r->lim.max_line + 1);
        }
        if (n > 0)
            news__memcpy(r->buf + r->fill, s, n);
        nl = s + n;
        s = r->buf;
        n += r->fill;
        r->fill = 0;
        skip = bom(r, s, n);
        code = news__check_text((const unsigned char *)s + skip,
                                n - skip - (nl < r->end && n > skip && s[n - 1] == '\r'), &at);
    }
    term = nl < r->end; /* nl points at the LF, or at the end of input */
    r->p = term ? nl + 1 : r->end;
    r->line++;
    if (term && n > 0 && s[n - 1] == '\r')
        n--;
    if (n > r->lim.max_line)
        return fail_col(r, NEWS_ERR_LINE_TOO_LONG, r->lim.max_line + 1);
    r->skip = (unsigned char)skip;
    if (code != NEWS_OK)
        return fail_col(r, code, at + 1);
    *ls = s + skip;
    *ln = n - skip;
    return NEWS_OK;
}

/* "%news 1" starts an article; other lines starting with '%' are
 * reserved. */
static int directive(news_reader *r, const char *s, size_t n)
{
    if (n >= 5 && news__memcmp(s, "%news", 5) == 0 && (n == 5 || s[5] == ' ')) {
        if (n == 7 && s[6] == '1')
            return NEWS_OK;
        return fail_col(r, NEWS_ERR_VERSION, n == 5 ? 6 : 7);
    }
    return fail_col(r, NEWS_ERR_DIRECTIVE, 1);
}

/* The checks due where the header or a related link ends: its title. */
static int section_end(news_reader *r)
{
    if (r->state == S_HEADER && !(r->seen & SEEN(NEWS_FIELD_TITLE)))
        return fail(r, NEWS_ERR_NO_TITLE, r->art_line, 1, r->art_off);
    if (r->state == S_LINKS && !(r->seen & SEEN_LINK(NEWS_LINK_TITLE)))
        return fail(r, NEWS_ERR_NO_TITLE, r->link_line, 1, r->link_off);
    return NEWS_OK;
}

/* Count one more of something; 1 when that crosses the limit. */
static int over(size_t *count, size_t max)
{
    return ++*count > max;
}

/* A "key: value" line of the header (link == 0) or of a link. */
static int field(news_reader *r, const char *s, size_t n, news_event *ev, int link)
{
    int id, code = NEWS_OK;
    size_t k = news__key(s, n, link, &id), v = 0;
    unsigned long bit = 0;

    if (k == 0 || k == n || s[k] != ':') {
        code = NEWS_ERR_SYNTAX;
        v = k;
    } else if (over(&r->n_fields, r->lim.max_fields)) {
        code = NEWS_ERR_LIMIT;
    } else if (link) {
        if (id >= 0)
            bit = SEEN_LINK(id);
    } else if (id == NEWS_FIELD_TAG) {
        code = over(&r->n_tags, r->lim.max_tags) ? NEWS_ERR_LIMIT : NEWS_OK;
    } else if (id == NEWS_FIELD_AUTHOR) {
        code = over(&r->n_authors, r->lim.max_authors) ? NEWS_ERR_LIMIT : NEWS_OK;
        r->seen &= ~(SEEN_AUTHOR_URL | SEEN_AUTHOR_BIO);
    } else if (id >= 0) {
        bit = id < NEWS_FIELD_SINGLE ? SEEN(id)
              : id == NEWS_FIELD_AUTHOR_URL ? SEEN_AUTHOR_URL : SEEN_AUTHOR_BIO;
        if (id > NEWS_FIELD_AUTHOR && r->n_authors == 0)
            code = NEWS_ERR_NO_AUTHOR;
        if (id == NEWS_FIELD_IMAGE_CAPTION && !(r->seen & SEEN(NEWS_FIELD_IMAGE)))
            code = NEWS_ERR_NO_IMAGE;
    }
    if (code == NEWS_OK && (r->seen & bit))
        code = NEWS_ERR_DUPLICATE;
    if (code == NEWS_OK) {
        r->seen |= bit;
        v = k + 1 + (k + 1 < n && s[k + 1] == ' ');
        ev->type = link ? NEWS_EV_LINK_FIELD : NEWS_EV_FIELD;
        ev->field = id;
        ev->key.ptr = s;
        ev->key.len = k;
        ev->value.ptr = s + v;
        ev->value.len = n - v;
        code = news__check_field(id, link, ev->value);
    }
    return code == NEWS_OK ? NEWS_OK : fail_col(r, code, v + 1);
}

/* One line: an event (NEWS_OK), SKIP, or an error. */
static int dispatch(news_reader *r, const char *s, size_t n, news_event *ev)
{
    size_t skip = 0;
    int c = n > 0 ? s[0] : 0, state = r->state;

    /* blank: empty or only spaces and tabs; most lines fail at once */
    if (n == 0 || (NEWS__IS_BLANK(c) && news__is_blank(s, n))) {
        if (state != S_HEADER)
            return SKIP;
        if (section_end(r) != NEWS_OK)
            return r->err.code;
        r->state = S_BODY;
        return SKIP;
    }
    if (c == '%') {
        if (directive(r, s, n) != NEWS_OK || section_end(r) != NEWS_OK)
            return r->err.code;
        ev->type = NEWS_EV_ARTICLE_END;
        r->art_line = r->line;
        r->art_off = r->line_off;
        r->state = S_PENDING;
        return state == S_START ? SKIP : NEWS_OK; /* no article to end yet */
    }
    if (state == S_START)
        return fail_col(r, NEWS_ERR_NO_HEADER, 1);
    if (n == 1 && c == '-') {
        if (section_end(r) != NEWS_OK)
            return r->err.code;
        if (over(&r->n_links, r->lim.max_links))
            return fail_col(r, NEWS_ERR_LIMIT, 1);
        r->seen &= ~SEEN_LINKS;
        r->link_line = r->line;
        r->link_off = r->line_off;
        r->state = S_LINKS;
        ev->type = NEWS_EV_LINK;
        return NEWS_OK;
    }
    if (state != S_BODY)
        return field(r, s, n, ev, state == S_LINKS);
    if (over(&r->n_blocks, r->lim.max_blocks))
        return fail_col(r, NEWS_ERR_LIMIT, 1);
    ev->type = NEWS_EV_BLOCK;
    if (c == '#' || c == '>') {
        ev->kind = c == '#' ? NEWS_BLOCK_HEADING : NEWS_BLOCK_QUOTE;
        skip = 1 + (n > 1 && s[1] == ' ');
    } else if (c == '\\') {
        skip = 1;
    }
    ev->value.ptr = s + skip;
    ev->value.len = n - skip;
    return NEWS_OK;
}

int news_reader_next(news_reader *r, news_event *ev)
{
    const char *s = NULL;
    size_t n = 0;
    int rc;

    for (;;) {
        if (r->state == S_ERROR)
            return r->err.code;
        if (r->state == S_DONE)
            return NEWS_END;
        if (r->state == S_PENDING) {
            r->state = S_HEADER;
            r->seen = 0;
            r->n_fields = r->n_authors = r->n_tags = r->n_links = r->n_blocks = 0;
            ev->type = NEWS_EV_ARTICLE;
            ev->line = r->art_line;
            return NEWS_OK;
        }
        rc = get_line(r, &s, &n);
        ev->line = r->line;
        if (rc == AT_EOF) {
            if (r->state == S_START)
                return fail(r, NEWS_ERR_EMPTY, 1, 1, 0);
            if (section_end(r) != NEWS_OK)
                return r->err.code;
            r->state = S_DONE;
            ev->type = NEWS_EV_ARTICLE_END;
            return NEWS_OK;
        }
        if (rc != NEWS_OK)
            return rc;
        ev->field = NEWS_FIELD_EXT;
        ev->kind = 0;
        ev->key.ptr = NULL;
        ev->key.len = 0;
        rc = dispatch(r, s, n, ev);
        if (rc != SKIP)
            return rc;
    }
}
