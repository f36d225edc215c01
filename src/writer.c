/* writer.c - articles out as canonical .news text. */
#include "internal.h"

/* The writer runs the same walk twice: first only checking (so that a
 * document the format cannot hold is refused before a byte is written),
 * then only writing. */
typedef struct out {
    news_sink sink;    /* NULL in the checking pass */
    void *user;
    int rc;            /* first failure: a NEWS_ERR_* code or the sink's value */
    unsigned long line; /* output line being written, from 1 */
    news_error *err;
} out;

static void put(out *o, const char *s, size_t n)
{
    if (o->sink != NULL && o->rc == 0 && n > 0)
        o->rc = o->sink(o->user, s, n);
}

static void fail(out *o, int code, size_t col)
{
    if (o->rc == 0) {
        o->rc = code;
        news__set_error(o->err, code, o->line, (unsigned long)col, 0);
    }
}

/* Check v as the text of a line whose first col0 bytes are markup. (The
 * scanner is called directly, not through news__check_text(), to keep
 * a frame off the deepest stack.) */
static void check_text(out *o, const news_str *v, size_t col0)
{
    const unsigned char *s = (const unsigned char *)v->ptr;
    size_t at = 0, end;
    int rc;

    if (o->sink != NULL || o->rc != 0)
        return;
    end = news__scan_line(s, v->len, &rc, &at);
    if (rc == NEWS_OK && end < v->len) { /* a line break inside the value */
        rc = NEWS_ERR_NEWLINE;
        at = end > 0 && s[end - 1] == '\r' ? end - 1 : end;
    } else if (rc == NEWS_ERR_CR) {
        rc = NEWS_ERR_NEWLINE;
    }
    if (rc != NEWS_OK)
        fail(o, rc, col0 + at + 1);
}

static void end_line(out *o)
{
    put(o, "\n", 1);
    o->line++;
}

/* "key: value" (or "key:" when the value is empty). A known field
 * (id >= 0) brings its own key; an extension field (key != NULL) has
 * its key checked. link selects the related-link rules. */
static void field(out *o, int id, int link, const news_str *key, const news_str *value)
{
    news_str k, v = *value;
    size_t col0;
    int rc = 0;

    if (key == NULL) {
        k = news__field_key(id, link);
        if (v.ptr == NULL) { /* a required value that is absent */
            rc = link ? NEWS_ERR_NO_TITLE : 0;
            v.ptr = ""; /* an author's name: checked as empty */
        }
    } else {
        k = *key;
        if (k.ptr == NULL || k.len == 0 || news__key(k.ptr, k.len, link, &id) != k.len ||
            id != NEWS_FIELD_EXT)
            rc = NEWS_ERR_KEY;
    }
    if (rc != 0 && o->sink == NULL)
        fail(o, rc, 1);
    col0 = k.len + 1 + (v.len > 0);
    check_text(o, &v, col0);
    if (o->sink == NULL && o->rc == 0 && (rc = news__check_field(id, link, v)) != NEWS_OK)
        fail(o, rc, col0 + 1);
    put(o, k.ptr, k.len);
    put(o, ": ", 1 + (v.len > 0));
    put(o, v.ptr, v.len);
    end_line(o);
}

static void block(out *o, const news_block *b)
{
    static const char mark[3] = {'\\', '#', '>'};
    news_str t = b->text;
    size_t pre = 0;
    int kind = b->kind;

    if (t.ptr == NULL)
        t.ptr = "";
    if (kind == NEWS_BLOCK_PARAGRAPH) {
        /* Escape what would otherwise read as markup or a blank line. */
        pre = t.len == 0 || t.ptr[0] == '#' || t.ptr[0] == '>' || t.ptr[0] == '%' ||
              t.ptr[0] == '\\' || (t.len == 1 && t.ptr[0] == '-') || news__is_blank(t.ptr, t.len);
    } else if (kind == NEWS_BLOCK_HEADING || kind == NEWS_BLOCK_QUOTE) {
        pre = 1 + (t.len > 0);
    } else {
        if (o->rc == 0) { /* not a place in the text: no position */
            o->rc = NEWS_ERR_ARG;
            news__set_error(o->err, NEWS_ERR_ARG, 0, 0, 0);
        }
        kind = 0;
    }
    check_text(o, &t, pre);
    put(o, &mark[kind], pre > 0);
    put(o, " ", pre > 1);
    put(o, t.ptr, t.len);
    end_line(o);
}

static void walk(out *o, const news_article *a)
{
    const news_tag *t;
    const news_author *au;
    const news_field *f;
    const news_block *b;
    const news_link *l;
    int id;

    o->line = 1;
    put(o, "%news 1", 7);
    end_line(o);
    if (a->title.ptr == NULL)
        fail(o, NEWS_ERR_NO_TITLE, 1);
    for (id = 0; id < NEWS_FIELD_SINGLE; id++) {
        const news_str *v = NEWS__ARTICLE_CSTR(a, id);
        if (id == NEWS_FIELD_IMAGE_CAPTION && v->ptr != NULL && a->image.ptr == NULL)
            fail(o, NEWS_ERR_NO_IMAGE, 1);
        if (v->ptr != NULL)
            field(o, id, 0, NULL, v);
    }
    for (t = a->tags; t != NULL; t = t->next)
        field(o, NEWS_FIELD_TAG, 0, NULL, &t->text);
    for (au = a->authors; au != NULL; au = au->next) {
        field(o, NEWS_FIELD_AUTHOR, 0, NULL, &au->name);
        if (au->url.ptr != NULL)
            field(o, NEWS_FIELD_AUTHOR_URL, 0, NULL, &au->url);
        if (au->bio.ptr != NULL)
            field(o, NEWS_FIELD_AUTHOR_BIO, 0, NULL, &au->bio);
    }
    for (f = a->ext; f != NULL; f = f->next)
        field(o, NEWS_FIELD_EXT, 0, &f->key, &f->value);
    for (b = a->body; b != NULL; b = b->next) {
        end_line(o); /* blank line before each block */
        block(o, b);
    }
    if (a->related != NULL)
        end_line(o);
    for (l = a->related; l != NULL; l = l->next) {
        put(o, "-", 1);
        end_line(o);
        for (id = 0; id < NEWS_LINK_COUNT; id++)
            if (id == NEWS_LINK_TITLE || NEWS__LINK_CSTR(l, id)->ptr != NULL)
                field(o, id, 1, NULL, NEWS__LINK_CSTR(l, id));
        for (f = l->ext; f != NULL; f = f->next)
            field(o, NEWS_FIELD_EXT, 1, &f->key, &f->value);
    }
}

/* Out of line: the five arguments of news__set_error() would take
 * stack in the frames of the public functions. */
NEWS__NOINLINE static int set_error(news_error *error, int code)
{
    news__set_error(error, code, 0, 0, 0);
    return code;
}

/* Both passes over a, the sink taken from o->sink; o->err set. */
#define WRITE(o, a)                                                                            \
    do {                                                                                       \
        news_sink sink_ = (o)->sink;                                                           \
        (o)->sink = NULL;                                                                      \
        walk((o), (a));                                                                        \
        if ((o)->rc == 0) {                                                                    \
            (o)->sink = sink_;                                                                 \
            walk((o), (a));                                                                    \
            if ((o)->rc != 0)                                                                  \
                set_error((o)->err, (o)->rc);                                                  \
        }                                                                                      \
    } while (0)

int news_write(const news_article *a, news_sink sink, void *user, news_error *error)
{
    out o;

    if (a == NULL || sink == NULL)
        return set_error(error, NEWS_ERR_ARG);
    news__memset(&o, 0, sizeof o);
    o.sink = sink;
    o.user = user;
    o.err = error;
    WRITE(&o, a);
    return o.rc;
}

typedef struct buffer {
    char *p;
    size_t cap, len;
} buffer;

static int to_buffer(void *user, const char *data, size_t n)
{
    buffer *b = (buffer *)user;
    if (b->len < b->cap) {
        size_t room = b->cap - b->len;
        news__memcpy(b->p + b->len, data, n < room ? n : room);
    }
    b->len = n > NEWS__SIZE_MAX - b->len ? NEWS__SIZE_MAX : b->len + n;
    return 0;
}

int news_write_buffer(const news_article *a, char *buf, size_t cap, size_t *len,
                      news_error *error)
{
    buffer b;
    out o;
    int rc;

    if (buf == NULL && cap > 0)
        return set_error(error, NEWS_ERR_ARG);
    b.p = buf;
    b.cap = cap;
    b.len = 0;
    /* news_write() inlined: its frame and this one would add up */
    news__memset(&o, 0, sizeof o);
    o.sink = to_buffer;
    o.user = &b;
    o.err = error;
    if (a != NULL)
        WRITE(&o, a);
    else
        o.rc = set_error(error, NEWS_ERR_ARG); /* *len 0, buf "" */
    rc = o.rc;
    if (len != NULL)
        *len = b.len;
    if (b.cap > 0) /* b.p and b.cap rather than buf and cap: fewer values kept */
        b.p[b.len < b.cap ? b.len : b.cap - 1] = '\0';
    if (rc == NEWS_OK && b.p != NULL && b.len >= b.cap)
        return set_error(o.err, NEWS_ERR_NOMEM);
    return rc;
}
