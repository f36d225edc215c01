/* reader.c - the pull reader: .news text in, validated events out. */
#include "internal.h"

enum { S_START, S_HEADER, S_BODY, S_LINKS, S_PENDING, S_DONE, S_ERROR };
#define F_STREAM NEWS__F_STREAM
#define F_FINISHED NEWS__F_FINISHED

/* Bits of r->seen: single-valued header fields use their NEWS_FIELD_*
 * number; the rest sit above them. */
#define SEEN(id) (1ul << (id))
#define SEEN_AUTHOR_URL (1ul << 12)
#define SEEN_AUTHOR_BIO (1ul << 13)
#define SEEN_LINK(id) (1ul << (16 + (id)))
#define SEEN_LINKS (0xFul << 16)

/* Internal results of the line steps, besides NEWS_* codes. */
#define SKIP 3  /* line consumed, no event */
#define AT_EOF 4 /* no more lines */

static void init(news_reader *r, const news_limits *limits)
{
    news__memset(r, 0, sizeof *r);
    if (limits != NULL)
        r->lim = *limits;
    else
        news_limits_default(&r->lim);
}

void news_reader_init(news_reader *r, const char *data, size_t len, const news_limits *limits)
{
    init(r, limits);
    r->origin = r->p = data;
    r->end = data == NULL ? data : data + len;
    r->flags = F_FINISHED;
}

void news_reader_init_stream(news_reader *r, char *linebuf, size_t cap,
                             const news_limits *limits)
{
    init(r, limits);
    r->buf = linebuf;
    r->cap = linebuf == NULL ? 0 : cap;
    if (r->cap == 0 || r->lim.max_line > r->cap - 1)
        r->lim.max_line = r->cap == 0 ? 0 : r->cap - 1; /* one byte for a CR */
    r->flags = F_STREAM;
}

int news_reader_feed(news_reader *r, const char *chunk, size_t len)
{
    if (r->state == S_ERROR)
        return r->err.code;
    if (!(r->flags & F_STREAM) || (r->flags & F_FINISHED) || r->p != r->end)
        return NEWS_ERR_STATE;
    if (chunk == NULL && len > 0)
        return NEWS_ERR_ARG;
    r->base += (unsigned long)(r->end - r->origin);
    r->origin = r->p = chunk;
    r->end = chunk == NULL ? chunk : chunk + len;
    return NEWS_OK;
}

void news_reader_finish(news_reader *r)
{
    r->flags |= F_FINISHED;
}

const news_error *news_reader_error(const news_reader *r)
{
    return &r->err;
}

static int fail(news_reader *r, int code, unsigned long line, unsigned long column,
                unsigned long offset)
{
    news__set_error(&r->err, code, line, column, offset);
    r->state = S_ERROR;
    return code;
}

/* Fail at byte column col (from 1) of the current line. */
static int fail_col(news_reader *r, int code, size_t col)
{
    return fail(r, code, r->line, (unsigned long)col, r->line_off + (unsigned long)col - 1);
}

/* Find the next line. Returns NEWS_OK with *ls, *ln (without its LF,
 * or CR LF), AT_EOF, NEWS_MORE, or an error. A line is checked against
 * the length limit before anything else, so that chunking never changes
 * which error a document gets. */
static int get_line(news_reader *r, const char **ls, size_t *ln)
{
    const char *nl;
    size_t avail = (size_t)(r->end - r->p), max = r->lim.max_line, n;

    nl = avail > 0 ? (const char *)news__memchr(r->p, '\n', avail) : NULL;
    if (nl == NULL && !(r->flags & F_FINISHED)) {
        /* Stream mode, line not complete: gather it in the buffer. The
         * buffer holds max + 1 bytes, room for a CR whose LF is yet to
         * come. */
        if (r->fill == 0) {
            if (avail == 0)
                return NEWS_MORE;
            r->line_off = r->base + (unsigned long)(r->p - r->origin);
        }
        n = r->fill + avail;
        if (n > max + 1 || (n == max + 1 && r->end[-1] != '\r')) {
            r->line++;
            return fail_col(r, NEWS_ERR_LINE_TOO_LONG, max + 1);
        }
        news__memcpy(r->buf + r->fill, r->p, avail);
        r->fill = n;
        r->p = r->end;
        return NEWS_MORE;
    }
    if (nl == NULL && avail == 0 && r->fill == 0)
        return AT_EOF;
    r->line++;
    n = nl != NULL ? (size_t)(nl - r->p) : avail;
    if (r->fill == 0) {
        *ls = r->p;
        r->line_off = r->base + (unsigned long)(r->p - r->origin);
    } else {
        if (r->fill + n > max + 1) /* max < cap here: stream mode */
            return fail_col(r, NEWS_ERR_LINE_TOO_LONG, max + 1);
        news__memcpy(r->buf + r->fill, r->p, n);
        *ls = r->buf;
        n += r->fill;
        r->fill = 0;
    }
    r->p = nl != NULL ? nl + 1 : r->end;
    if (nl != NULL && n > 0 && (*ls)[n - 1] == '\r')
        n--;
    *ln = n;
    if (n > max)
        return fail_col(r, NEWS_ERR_LINE_TOO_LONG, max + 1);
    return NEWS_OK;
}

/* "%news 1" starts an article; other lines starting with '%' are
 * reserved. Returns NEWS_OK or fails. */
static int directive(news_reader *r, const char *s, size_t n)
{
    if (n >= 5 && news__memcmp(s, "%news", 5) == 0 && (n == 5 || s[5] == ' ')) {
        if (n == 7 && s[6] == '1')
            return NEWS_OK;
        return fail_col(r, NEWS_ERR_VERSION, n == 5 ? 6 : 7);
    }
    return fail_col(r, NEWS_ERR_DIRECTIVE, 1);
}

/* Checks when the header ends (blank line, '-', '%news' or end). */
static int header_end(news_reader *r)
{
    if (!(r->seen & SEEN(NEWS_FIELD_TITLE)))
        return fail(r, NEWS_ERR_NO_TITLE, r->art_line, 1, r->art_off);
    return NEWS_OK;
}

/* Checks when a related link ends. */
static int link_end(news_reader *r)
{
    if (!(r->seen & SEEN_LINK(NEWS_LINK_TITLE)))
        return fail(r, NEWS_ERR_NO_TITLE, r->link_line, 1, r->link_off);
    return NEWS_OK;
}

/* Close the open article (state HEADER, BODY or LINKS). */
static int article_end(news_reader *r, news_event *ev)
{
    if ((r->state == S_HEADER && header_end(r) != NEWS_OK) ||
        (r->state == S_LINKS && link_end(r) != NEWS_OK))
        return r->err.code;
    ev->type = NEWS_EV_ARTICLE_END;
    ev->line = r->line;
    return NEWS_OK;
}

/* Split "key: value" and count it. Returns the key length, 0 on error. */
static size_t field(news_reader *r, const char *s, size_t n, news_event *ev)
{
    size_t k = news__key_len(s, n), v;
    if (k == 0 || k == n || s[k] != ':') {
        fail_col(r, NEWS_ERR_SYNTAX, k + 1);
        return 0;
    }
    if (++r->n_fields > r->lim.max_fields) {
        fail_col(r, NEWS_ERR_LIMIT, 1);
        return 0;
    }
    v = k + 1 + (k + 1 < n && s[k + 1] == ' ');
    ev->key.ptr = s;
    ev->key.len = k;
    ev->value.ptr = s + v;
    ev->value.len = n - v;
    return k;
}

static int header_field(news_reader *r, const char *s, size_t n, news_event *ev)
{
    size_t k = field(r, s, n, ev);
    unsigned long bit = 0;
    int id, rc;

    if (k == 0)
        return r->err.code;
    id = news__field_id(s, k, 0);
    if (id >= 0 && id < NEWS_FIELD_SINGLE) {
        bit = SEEN(id);
        if (id == NEWS_FIELD_IMAGE_CAPTION && !(r->seen & SEEN(NEWS_FIELD_IMAGE)))
            return fail_col(r, NEWS_ERR_NO_IMAGE, 1);
    } else if (id == NEWS_FIELD_TAG) {
        if (++r->n_tags > r->lim.max_tags)
            return fail_col(r, NEWS_ERR_LIMIT, 1);
    } else if (id == NEWS_FIELD_AUTHOR) {
        if (++r->n_authors > r->lim.max_authors)
            return fail_col(r, NEWS_ERR_LIMIT, 1);
        r->seen &= ~(SEEN_AUTHOR_URL | SEEN_AUTHOR_BIO);
    } else if (id == NEWS_FIELD_AUTHOR_URL || id == NEWS_FIELD_AUTHOR_BIO) {
        if (r->n_authors == 0)
            return fail_col(r, NEWS_ERR_NO_AUTHOR, 1);
        bit = id == NEWS_FIELD_AUTHOR_URL ? SEEN_AUTHOR_URL : SEEN_AUTHOR_BIO;
    }
    if (r->seen & bit)
        return fail_col(r, NEWS_ERR_DUPLICATE, 1);
    r->seen |= bit;
    rc = news__check_field(id, 0, ev->value);
    if (rc != NEWS_OK)
        return fail_col(r, rc, (size_t)(ev->value.ptr - s) + 1);
    ev->type = NEWS_EV_FIELD;
    ev->field = id;
    return NEWS_OK;
}

static int link_field(news_reader *r, const char *s, size_t n, news_event *ev)
{
    size_t k = field(r, s, n, ev);
    int id, rc;

    if (k == 0)
        return r->err.code;
    id = news__field_id(s, k, 1);
    if (id >= 0) {
        if (r->seen & SEEN_LINK(id))
            return fail_col(r, NEWS_ERR_DUPLICATE, 1);
        r->seen |= SEEN_LINK(id);
    }
    rc = news__check_field(id, 1, ev->value);
    if (rc != NEWS_OK)
        return fail_col(r, rc, (size_t)(ev->value.ptr - s) + 1);
    ev->type = NEWS_EV_LINK_FIELD;
    ev->field = id;
    return NEWS_OK;
}

static int block(news_reader *r, const char *s, size_t n, news_event *ev)
{
    size_t skip = 0;
    int kind = NEWS_BLOCK_PARAGRAPH;

    if (++r->n_blocks > r->lim.max_blocks)
        return fail_col(r, NEWS_ERR_LIMIT, 1);
    if (s[0] == '#' || s[0] == '>') {
        kind = s[0] == '#' ? NEWS_BLOCK_HEADING : NEWS_BLOCK_QUOTE;
        skip = 1 + (n > 1 && s[1] == ' ');
    } else if (s[0] == '\\') {
        skip = 1;
    }
    ev->type = NEWS_EV_BLOCK;
    ev->kind = kind;
    ev->value.ptr = s + skip;
    ev->value.len = n - skip;
    return NEWS_OK;
}

/* One line of an open article or before the first one. */
static int dispatch(news_reader *r, const char *s, size_t n, news_event *ev)
{
    int blank = news__is_blank(s, n);

    if (r->state == S_START) {
        if (blank)
            return SKIP;
        if (s[0] != '%')
            return fail_col(r, NEWS_ERR_NO_HEADER, 1);
        if (directive(r, s, n) != NEWS_OK)
            return r->err.code;
        r->art_line = r->line;
        r->art_off = r->line_off;
        r->state = S_PENDING;
        return SKIP;
    }
    if (n > 0 && s[0] == '%') {
        if (directive(r, s, n) != NEWS_OK || article_end(r, ev) != NEWS_OK)
            return r->err.code;
        r->art_line = r->line;
        r->art_off = r->line_off;
        r->state = S_PENDING;
        return NEWS_OK;
    }
    if (n == 1 && s[0] == '-') {
        if ((r->state == S_HEADER && header_end(r) != NEWS_OK) ||
            (r->state == S_LINKS && link_end(r) != NEWS_OK))
            return r->err.code;
        if (++r->n_links > r->lim.max_links)
            return fail_col(r, NEWS_ERR_LIMIT, 1);
        r->seen &= ~SEEN_LINKS;
        r->link_line = r->line;
        r->link_off = r->line_off;
        r->state = S_LINKS;
        ev->type = NEWS_EV_LINK;
        return NEWS_OK;
    }
    if (blank) {
        if (r->state == S_HEADER) {
            if (header_end(r) != NEWS_OK)
                return r->err.code;
            r->state = S_BODY;
        }
        return SKIP;
    }
    if (r->state == S_HEADER)
        return header_field(r, s, n, ev);
    if (r->state == S_BODY)
        return block(r, s, n, ev);
    return link_field(r, s, n, ev);
}

int news_reader_next(news_reader *r, news_event *ev)
{
    static const char bom[3] = {'\xEF', '\xBB', '\xBF'};
    const char *ls = NULL, *s;
    size_t ln = 0, n, at;
    int rc;

    for (;;) {
        switch (r->state) {
        case S_ERROR:
            return r->err.code;
        case S_DONE:
            return NEWS_END;
        case S_PENDING:
            r->state = S_HEADER;
            r->seen = 0;
            r->n_fields = r->n_authors = r->n_tags = r->n_links = r->n_blocks = 0;
            ev->type = NEWS_EV_ARTICLE;
            ev->line = r->art_line;
            return NEWS_OK;
        default:
            break;
        }
        rc = get_line(r, &ls, &ln);
        if (rc == AT_EOF) {
            if (r->state == S_START)
                return fail(r, NEWS_ERR_EMPTY, 1, 1, 0);
            if (article_end(r, ev) != NEWS_OK)
                return r->err.code;
            r->state = S_DONE;
            return NEWS_OK;
        }
        if (rc != NEWS_OK)
            return rc;
        s = ls;
        n = ln;
        /* A BOM may open the input, and may open a "%news" line so that
         * concatenated files stay a valid store. */
        if (n >= 3 && news__memcmp(s, bom, 3) == 0 &&
            (r->line == 1 || (n > 3 && s[3] == '%'))) {
            s += 3;
            n -= 3;
        }
        rc = news__check_text((const unsigned char *)s, n, &at);
        if (rc != NEWS_OK)
            return fail_col(r, rc, (size_t)(s - ls) + at + 1);
        ev->line = r->line;
        ev->key.ptr = NULL;
        ev->key.len = 0;
        ev->field = NEWS_FIELD_EXT;
        ev->kind = 0;
        rc = dispatch(r, s, n, ev);
        if (rc != SKIP)
            return rc;
    }
}
