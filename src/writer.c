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

/* Check v as the text of a line whose first col0 bytes are markup. */
static void check_text(out *o, news_str v, size_t col0)
{
    size_t at = 0;
    int rc;

    if (o->sink != NULL || o->rc != 0)
        return;
    rc = news__check_text((const unsigned char *)v.ptr, v.len, &at);
    if (rc == NEWS_ERR_CTRL && v.ptr[at] == '\n')
        rc = NEWS_ERR_NEWLINE;
    if (rc == NEWS_ERR_CR) /* a CR in a value is a line break too */
        rc = NEWS_ERR_NEWLINE;
    if (rc != NEWS_OK)
        fail(o, rc, col0 + at + 1);
}

static void end_line(out *o)
{
    put(o, "\n", 1);
    o->line++;
}

/* "key: value" (or "key:" when the value is empty). link selects the
 * related-link rules for the value's checks. */
static void field(out *o, news_str key, news_str v, int id, int link)
{
    size_t col0 = key.len + 1 + (v.len > 0);
    int rc;

    check_text(o, v, col0);
    if (o->sink == NULL && o->rc == 0 && (rc = news__check_field(id, link, v)) != NEWS_OK)
        fail(o, rc, col0 + 1);
    put(o, key.ptr, key.len);
    put(o, ": ", 1 + (v.len > 0));
    put(o, v.ptr, v.len);
    end_line(o);
}

static void known(out *o, int id, int link, news_str v)
{
    news_str key;
    key.ptr = news_field_key(id, link);
    for (key.len = 0; key.ptr[key.len] != '\0'; key.len++)
        ;
    if (v.ptr == NULL) { /* a required value that is absent */
        if (link)
            fail(o, NEWS_ERR_NO_TITLE, 1);
        v.ptr = ""; /* author name: checked as empty */
    }
    field(o, key, v, id, link);
}

static void extension(out *o, const news_field *f, int link)
{
    int id = 0;
    if (o->sink == NULL && o->rc == 0 &&
        (f->key.ptr == NULL || news__key(f->key.ptr, f->key.len, link, &id) != f->key.len ||
         f->key.len == 0 || id != NEWS_FIELD_EXT))
        fail(o, NEWS_ERR_KEY, 1);
    field(o, f->key, f->value, NEWS_FIELD_EXT, link);
}

static void block(out *o, const news_block *b)
{
    static const char mark[3] = {'\\', '#', '>'};
    news_str t = b->text;
    size_t pre = 0;

    if (t.ptr == NULL)
        t.ptr = "";
    if (b->kind == NEWS_BLOCK_PARAGRAPH) {
        /* Escape what would otherwise read as markup or a blank line. */
        if (t.len == 0 || t.ptr[0] == '#' || t.ptr[0] == '>' || t.ptr[0] == '%' ||
            t.ptr[0] == '\\' || (t.len == 1 && t.ptr[0] == '-') || news__is_blank(t.ptr, t.len))
            pre = 1;
    } else if (b->kind == NEWS_BLOCK_HEADING || b->kind == NEWS_BLOCK_QUOTE) {
        pre = 1 + (t.len > 0);
    } else if (o->rc == 0) { /* not a place in the text: no position */
        o->rc = NEWS_ERR_ARG;
        news__set_error(o->err, NEWS_ERR_ARG, 0, 0, 0);
    }
    check_text(o, t, pre);
    put(o, &mark[b->kind == NEWS_BLOCK_HEADING || b->kind == NEWS_BLOCK_QUOTE ? b->kind : 0],
        pre > 0);
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
        news_str v = *NEWS__ARTICLE_CSTR(a, id);
        if (id == NEWS_FIELD_IMAGE_CAPTION && v.ptr != NULL && a->image.ptr == NULL)
            fail(o, NEWS_ERR_NO_IMAGE, 1);
        if (v.ptr != NULL)
            known(o, id, 0, v);
    }
    for (t = a->tags; t != NULL; t = t->next)
        known(o, NEWS_FIELD_TAG, 0, t->text);
    for (au = a->authors; au != NULL; au = au->next) {
        known(o, NEWS_FIELD_AUTHOR, 0, au->name);
        if (au->url.ptr != NULL)
            known(o, NEWS_FIELD_AUTHOR_URL, 0, au->url);
        if (au->bio.ptr != NULL)
            known(o, NEWS_FIELD_AUTHOR_BIO, 0, au->bio);
    }
    for (f = a->ext; f != NULL; f = f->next)
        extension(o, f, 0);
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
                known(o, id, 1, *NEWS__LINK_CSTR(l, id));
        for (f = l->ext; f != NULL; f = f->next)
            extension(o, f, 1);
    }
}

int news_write(const news_article *a, news_sink sink, void *user, news_error *error)
{
    out o;

    if (a == NULL || sink == NULL) {
        news__set_error(error, NEWS_ERR_ARG, 0, 0, 0);
        return NEWS_ERR_ARG;
    }
    news__memset(&o, 0, sizeof o);
    o.err = error;
    walk(&o, a);
    if (o.rc != 0)
        return o.rc;
    o.sink = sink;
    o.user = user;
    walk(&o, a);
    if (o.rc != 0)
        news__set_error(error, o.rc, 0, 0, 0);
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
    int rc;

    if (buf == NULL && cap > 0) {
        news__set_error(error, NEWS_ERR_ARG, 0, 0, 0);
        return NEWS_ERR_ARG;
    }
    b.p = buf;
    b.cap = cap;
    b.len = 0;
    rc = news_write(a, to_buffer, &b, error);
    if (len != NULL)
        *len = b.len;
    if (cap > 0)
        buf[b.len < cap ? b.len : cap - 1] = '\0';
    if (rc == NEWS_OK && buf != NULL && b.len >= cap) {
        news__set_error(error, NEWS_ERR_NOMEM, 0, 0, 0);
        return NEWS_ERR_NOMEM;
    }
    return rc;
}
