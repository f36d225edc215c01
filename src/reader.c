/* reader.c - the pull reader: .news text in, validated events out. */
#include "internal.h"
#include "reader.h"

/* Whether a line begun in an earlier chunk waits in the line buffer
 * (stream mode; in buffer mode u holds the window, when there is one). */
#ifdef NEWS__WINDOW
#define BUFFERED(r) (((r)->flags & NEWS__F_STREAM) && (r)->u.s.fill != 0)
#else
#define BUFFERED(r) ((r)->u.s.fill != 0)
#endif

/* Results of the line steps besides NEWS_OK and error codes. */
#define SKIP 3   /* line consumed, no event */
#define AT_EOF 4 /* no more lines */

static int fail_col(news_reader *r, int code, size_t col);
static int split_line(news_reader *r, news_str *line, size_t *room);

static void init(news_reader *r, const news_limits *limits)
{
    news__memset(r, 0, sizeof *r);
    r->v.c.lim = limits != NULL ? limits : &news__limits;
    r->v.c.max_line = r->v.c.lim->max_line;
}

void news_reader_init(news_reader *r, const char *data, size_t len, const news_limits *limits)
{
    init(r, limits);
    r->p = r->end = data;
    if (data != NULL) {
        r->end = data + len;
    } else if (len > 0) {
        news__set_error(&r->v.err, NEWS_ERR_ARG, 0, 0, 0); /* every read reports it */
        r->state = S_ERROR;
    }
    r->flags = NEWS__F_FINISHED;
#ifdef NEWS__WINDOW
    if (data == NULL) /* pointers the window code can subtract */
        r->p = r->end = "";
    r->u.w.at = r->p;
    r->u.w.bad = ~(size_t)0; /* no window yet: nothing vouched for */
    r->carry = NO_WINDOW;
#endif
    r->org = 0 - OFF(r->p);
}

void news_reader_init_stream(news_reader *r, char *linebuf, size_t cap,
                             const news_limits *limits)
{
    init(r, limits);
    r->u.s.buf = linebuf;
    r->u.s.split = split_line;
    if (linebuf == NULL)
        cap = 0;
    if (r->v.c.max_line >= cap)
        r->v.c.max_line = cap == 0 ? 0 : cap - 1; /* one byte for a CR */
    r->flags = NEWS__F_STREAM;
}

int news_reader_feed(news_reader *r, const char *chunk, size_t len)
{
    if (r->state == S_ERROR)
        return r->v.err.code;
    if ((r->flags & (NEWS__F_STREAM | NEWS__F_FINISHED)) != NEWS__F_STREAM || r->p != r->end)
        return NEWS_ERR_STATE;
    if (chunk == NULL && len > 0)
        return NEWS_ERR_ARG;
    r->org += OFF(r->end) - OFF(chunk); /* the offsets go on from the last chunk's end */
    r->p = r->end = chunk;
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
    return r->state == S_ERROR ? &r->v.err : &news__no_error;
}

/* Fail at byte column col (from 1) of the current line, counted after
 * a BOM that opened it (r->skip bytes). A reader reads no more after
 * an error, so a failure that belongs to another line (a missing title,
 * an empty input) makes that line the current one first. */
static int fail_col(news_reader *r, int code, size_t col)
{
    col += r->skip;
    news__set_error(&r->v.err, code, r->line, (unsigned long)col,
                    r->line_off + (unsigned long)col - 1);
    r->state = S_ERROR;
    return code;
}

/* A BOM is skipped at the start of the input and before a "%news" line
 * (so that concatenated files stay a valid store). The scan reports a
 * BOM opening line s[0..n) as an error at 0; this says whether to skip
 * it and scan again from s + 3, which costs less than a test of every
 * line beforehand. */
static size_t bom(const news_reader *r, const char *s, size_t n, int code, size_t at)
{
    if (code == NEWS_ERR_BOM && at == 0 &&
        (r->line == 0 || (n >= 8 && news__memcmp(s + 3, "%news", 5) == 0)))
        return 3;
    return 0;
}

/* Gather an incomplete line in the line buffer (stream mode). The
 * buffer holds max + 1 bytes: room for a CR whose LF is yet to come. */
static int gather(news_reader *r, size_t avail)
{
    size_t n = r->u.s.fill + avail, max = r->v.c.max_line;

    if (avail == 0)
        return NEWS_MORE; /* an empty chunk: nothing to add */
    if (r->u.s.fill == 0)
        r->line_off = r->org + OFF(r->p);
    if (n > max + 1 || (n == max + 1 && r->end[-1] != '\r')) {
        r->line++;
        return fail_col(r, NEWS_ERR_LINE_TOO_LONG, max + 1);
    }
    news__memcpy(r->u.s.buf + r->u.s.fill, r->p, avail);
    r->u.s.fill = n;
    r->p = r->end;
    return NEWS_MORE;
}

/* Stream mode: a line begun in an earlier chunk, or one that this
 * chunk does not end. Reached only through r->u.s.split, which
 * news_reader_init_stream() sets, so that a program that reads only
 * buffers does not link it. Returns as get_line(). */
static int split_line(news_reader *r, news_str *line, size_t *room)
{
    size_t avail = (size_t)(r->end - r->p), n, skip, at = 0;
    int code, term;
    const char *s = r->p, *nl;

    /* fill 0: get_line() found no line end in the chunk */
    nl = avail > 0 && r->u.s.fill != 0 ? (const char *)news__memchr(s, '\n', avail) : NULL;
    if (r->u.s.fill == 0 || (nl == NULL && !(r->flags & NEWS__F_FINISHED)))
        return gather(r, avail); /* (one call, which GCC inlines) */
    n = nl != NULL ? (size_t)(nl - s) : avail;
    if (r->u.s.fill + n > r->v.c.max_line + 1) { /* would not fit the buffer */
        r->line++;
        return fail_col(r, NEWS_ERR_LINE_TOO_LONG, r->v.c.max_line + 1);
    }
    if (n > 0)
        news__memcpy(r->u.s.buf + r->u.s.fill, s, n);
    term = nl != NULL;
    r->p = term ? nl + 1 : r->end;
    s = r->u.s.buf;
    n += r->u.s.fill;
    r->u.s.fill = 0;
    *room = n;
    if (term && n > 0 && s[n - 1] == '\r')
        n--;
    code = news__check_text((const unsigned char *)s, n, &at);
    skip = bom(r, s, n, code, at);
    if (skip != 0)
        code = news__check_text((const unsigned char *)s + skip, n - skip, &at);
    *room -= skip;
    /* From here as in get_line(). Written twice: as a shared function
     * of nine arguments it took news_reader_next() 24 more bytes of
     * stack and the core 42 more of flash on Cortex-M0. */
    r->line++;
    if (n > r->v.c.max_line)
        return fail_col(r, NEWS_ERR_LINE_TOO_LONG, r->v.c.max_line + 1);
    r->skip = (unsigned char)skip;
    if (code != NEWS_OK)
        return fail_col(r, code, at + 1);
    line->ptr = s + skip;
    line->len = n - skip;
    return NEWS_OK;
}

/* Find, measure and check the next line. Returns NEWS_OK with *line
 * (without BOM and line ending) and *room (the bytes readable from
 * line->ptr), AT_EOF, NEWS_MORE, or an error. A line whole in the input
 * is found and checked in one pass; the length limit is checked before
 * the content, so that chunking never changes which error a document
 * gets. */
static NEWS__HOT int get_line(news_reader *r, news_str *line, size_t *room)
{
    size_t avail = (size_t)(r->end - r->p), n, skip, at;
    int code, term;
    const char *s = r->p;

    r->skip = 0;
    if (BUFFERED(r))
        return r->u.s.split(r, line, room);
    if (avail == 0)
        return (r->flags & NEWS__F_FINISHED) ? AT_EOF : NEWS_MORE;
    n = news__scan_line((const unsigned char *)s, avail, &code, &at);
    skip = bom(r, s, n, code, at);
    if (skip != 0)
        n = skip + news__scan_line((const unsigned char *)s + skip, avail - skip, &code, &at);
    if (n == avail && !(r->flags & NEWS__F_FINISHED)) /* stream mode */
        return r->u.s.split(r, line, room);
    r->line_off = r->org + OFF(s);
#ifdef NEWS__WINDOW
    *room = avail - skip; /* only the SSE2 key lookup reads ahead */
#endif
    term = s + n < r->end; /* s[n] is the LF, or n is the end of input */
    r->p = s + n + term; /* past the LF, or at the end */
    r->line++;
    if (term && n > 0 && s[n - 1] == '\r')
        n--;
    if (n > r->v.c.max_line)
        return fail_col(r, NEWS_ERR_LINE_TOO_LONG, r->v.c.max_line + 1);
    r->skip = (unsigned char)skip;
    if (code != NEWS_OK)
        return fail_col(r, code, at + 1);
    line->ptr = s + skip;
    line->len = n - skip;
    return NEWS_OK;
}

#ifdef NEWS__WINDOW
/* A line the window vouches for: p[0..n) of the buffer, the next line
 * at next. Only its length is left to check. */
static NEWS__HOT int take_line(news_reader *r, const char *p, size_t n, const char *next)
{
    line_taken(r, p, next);
    if (n > r->v.c.max_line)
        return fail_col(r, NEWS_ERR_LINE_TOO_LONG, r->v.c.max_line + 1);
    return NEWS_OK;
}

/* The line at p from the window (buffer mode): NEWS_OK (or its length
 * error) with *ls and *ln when the masks vouch for it (window_peek()),
 * -1 when it needs a new window or the byte path. */
static NEWS__HOT int window_find(news_reader *r, const char *p, const char **ls, size_t *ln)
{
    const char *next = window_peek(r, p, ln);

    if (next == NULL)
        return -1;
    *ls = p;
    return take_line(r, p, *ln, next);
}

/* The next line in buffer mode when window_find() does not take it: a
 * new window where the line begins (window_renew()), or the byte path
 * for a line with anything the masks cannot vouch for (rare
 * characters, TAB, CR, errors). Returns as get_line(). */
NEWS__COLD static int window_line(news_reader *r, news_str *line, size_t *room)
{
    const char *p = r->p;
    int rc;

    if (window_renew(r, p)) {
        rc = window_find(r, p, &line->ptr, &line->len);
        if (rc != -1) {
            *room = (size_t)(r->end - line->ptr);
            return rc;
        }
    }
    return get_line(r, line, room);
}
#endif

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

/* The checks due where the header or a related link ends: its title.
 * state: r->state, which the callers have at hand. */
static int section_end(news_reader *r, int state)
{
    unsigned long title = state == S_HEADER  ? SEEN(NEWS_FIELD_TITLE)
                          : state == S_LINKS ? SEEN_LINK(NEWS_LINK_TITLE)
                                             : 0;

    if (title & ~r->seen) {
        r->line = r->sec_line;
        r->line_off = r->sec_off;
        r->skip = 0;
        return fail_col(r, NEWS_ERR_NO_TITLE, 1);
    }
    return NEWS_OK;
}

/* Count one more of something; 1 when that crosses the limit. */
static int over(size_t *count, size_t max)
{
    return ++*count > max;
}

/* A "key: value" line of the header (link == 0) or of a link; room: the
 * bytes readable from s. */
static int field(news_reader *r, const char *s, size_t n, size_t room, news_event *ev, int link)
{
    int id, code = NEWS_OK;
    size_t k = news__key_at(s, n, room, link, &id), v = 0;
    unsigned long bit = 0;

    if (k == 0 || k == n || s[k] != ':') {
        code = NEWS_ERR_SYNTAX;
        v = k;
    } else if (over(&r->v.c.n_fields, r->v.c.lim->max_fields)) {
        code = NEWS_ERR_LIMIT;
    } else if (link) {
        if (id >= 0)
            bit = SEEN_LINK(id);
    } else if (id == NEWS_FIELD_TAG) {
        code = NEWS_ERR_LIMIT * over(&r->v.c.n_tags, r->v.c.lim->max_tags); /* or NEWS_OK */
    } else if (id == NEWS_FIELD_AUTHOR) {
        code = NEWS_ERR_LIMIT * over(&r->v.c.n_authors, r->v.c.lim->max_authors);
        r->seen &= ~(SEEN_AUTHOR_URL | SEEN_AUTHOR_BIO);
    } else if (id >= 0) {
        bit = SEEN(id);
        if (id > NEWS_FIELD_AUTHOR && r->v.c.n_authors == 0)
            code = NEWS_ERR_NO_AUTHOR;
        if (id == NEWS_FIELD_IMAGE_CAPTION && !(r->seen & SEEN(NEWS_FIELD_IMAGE)))
            code = NEWS_ERR_NO_IMAGE;
    }
    if (code == NEWS_OK && (r->seen & bit))
        code = NEWS_ERR_DUPLICATE;
    if (code == NEWS_OK) {
        r->seen |= bit;
        v = k + 1 + (k + 1 < n && s[k + 1] == ' ');
        ev->type = NEWS_EV_FIELD + link * (NEWS_EV_LINK_FIELD - NEWS_EV_FIELD); /* no branch */
        ev->field = id;
        ev->key.ptr = s;
        ev->key.len = k;
        ev->value.ptr = s + v;
        ev->value.len = n - v;
        if (HAS_RULE(id, link))
            code = news__check_field(id, link, s + v, n - v);
    }
    return code == NEWS_OK ? NEWS_OK : fail_col(r, code, v + 1);
}

/* One line: an event (NEWS_OK), SKIP, or an error. */
static int dispatch(news_reader *r, const char *s, size_t n, size_t room, news_event *ev)
{
    size_t skip = 0;
    int c = n > 0 ? (unsigned char)s[0] : 0, state = r->state;

    /* The common lines go straight on: in the header or a link, one
     * starting with a lower-case letter can only be a field; in the
     * body, one starting above '>' (but not with '\') a paragraph. */
    if (!COMMON(state, c)) {
        if (BLANK(s, n, c)) {
            if (state != S_HEADER)
                return SKIP;
            if (section_end(r, state) != NEWS_OK)
                return r->v.err.code;
            r->state = S_BODY;
            return SKIP;
        }
        /* not blank, so n > 0 (under -Os, where BLANK() needs no c, the
         * only read) */
        c = (unsigned char)s[0];
        if (c == '%') {
            if (directive(r, s, n) != NEWS_OK || section_end(r, state) != NEWS_OK)
                return r->v.err.code;
            ev->type = NEWS_EV_ARTICLE_END;
            r->sec_line = r->line;
            r->sec_off = r->line_off;
            r->state = S_PENDING;
            return state == S_START ? SKIP : NEWS_OK; /* no article to end yet */
        }
        if (state == S_START)
            return fail_col(r, NEWS_ERR_NO_HEADER, 1);
        if (n == 1 && c == '-') {
            if (section_end(r, state) != NEWS_OK)
                return r->v.err.code;
            if (state != S_LINKS)
                r->v.c.n_items = 0; /* the blocks are over: links from here */
            if (over(&r->v.c.n_items, r->v.c.lim->max_links))
                return fail_col(r, NEWS_ERR_LIMIT, 1);
            r->seen &= ~SEEN_LINKS;
            r->sec_line = r->line; /* the header's is no longer needed */
            r->sec_off = r->line_off;
            r->state = S_LINKS;
            ev->type = NEWS_EV_LINK;
            return NEWS_OK;
        }
    }
    if (state != S_BODY)
        return field(r, s, n, room, ev, state == S_LINKS);
    if (over(&r->v.c.n_items, r->v.c.lim->max_blocks))
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
    const char *s = NULL; /* (set before use; GCC at -O1 cannot tell) */
    size_t n = 0, room;
    int rc;

    for (;;) {
        if (r->state > S_LINKS) {
            if (r->state == S_ERROR)
                return r->v.err.code;
            if (r->state == S_DONE)
                return NEWS_END;
            /* S_PENDING: the "%news 1" line was read */
            r->state = S_HEADER;
            r->seen = 0;
            r->v.c.n_fields = r->v.c.n_authors = r->v.c.n_tags = r->v.c.n_items = 0;
            ev->type = NEWS_EV_ARTICLE;
            ev->line = r->sec_line;
            return NEWS_OK;
        }
#ifdef NEWS__WINDOW
        if (!(r->flags & NEWS__F_STREAM)) {
            rc = window_find(r, r->p, &s, &n);
            if (rc == -1) {
                news_str line;

                rc = window_line(r, &line, &room);
                if (rc == NEWS_OK) {
                    s = line.ptr;
                    n = line.len;
                }
            } else {
                room = (size_t)(r->end - s);
            }
        } else
#endif
        {
            /* The event lends its members as the line's out-parameters
             * (they are all set again below): locals whose address is
             * taken would add to the frame under the deepest call. */
            rc = get_line(r, &ev->value, &ev->key.len);
            s = NULL;
            n = room = 0;
            if (rc == NEWS_OK) {
                s = ev->value.ptr;
                n = ev->value.len;
                room = ev->key.len;
            }
        }
        ev->line = r->line;
        if (rc == AT_EOF) {
            if (r->state == S_START) {
                r->line = 1; /* r->skip is 0 */
                r->line_off = 0;
                return fail_col(r, NEWS_ERR_EMPTY, 1);
            }
            if (section_end(r, r->state) != NEWS_OK)
                return r->v.err.code;
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
        rc = dispatch(r, s, n, room, ev);
        if (rc != SKIP)
            return rc;
    }
}
