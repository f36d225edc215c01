/* util.c - helpers shared by the test suites. */
#include "util.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const size_t util_chunks[] = {1, 2, 3, 7, 0};
const size_t util_nchunks = sizeof util_chunks / sizeof util_chunks[0];

void util_buf_add(util_buf *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 256;
        while (cap < b->len + n + 1)
            cap *= 2;
        b->p = realloc(b->p, cap);
        ck_assert_ptr_nonnull(b->p);
        b->cap = cap;
    }
    if (n > 0)
        memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = '\0';
}

void util_buf_printf(util_buf *b, const char *fmt, ...)
{
    char tmp[512];
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    ck_assert_int_ge(n, 0);
    ck_assert_uint_lt((size_t)n, sizeof tmp);
    util_buf_add(b, tmp, (size_t)n);
}

void util_buf_free(util_buf *b)
{
    free(b->p);
    b->p = NULL;
    b->len = b->cap = 0;
}

int util_sink(void *user, const char *data, size_t len)
{
    util_buf_add((util_buf *)user, data, len);
    return 0;
}

char *util_read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    util_buf b = {NULL, 0, 0};
    char tmp[4096];
    size_t n;

    ck_assert_msg(f != NULL, "cannot open %s", path);
    while ((n = fread(tmp, 1, sizeof tmp, f)) > 0)
        util_buf_add(&b, tmp, n);
    ck_assert_msg(!ferror(f), "cannot read %s", path);
    fclose(f);
    util_buf_add(&b, "", 0); /* an empty file still gets a buffer */
    *len = b.len;
    return b.p;
}

static void trace_str(util_buf *out, news_str s)
{
    if (s.ptr == NULL)
        util_buf_add(out, "(null)", 6);
    else
        util_buf_add(out, s.ptr, s.len);
}

static void trace_event(util_buf *out, const news_event *ev)
{
    static const char *const names[] = {"?", "ARTICLE", "FIELD", "BLOCK", "LINK", "LINK_FIELD",
                                        "ARTICLE_END"};
    util_buf_printf(out, "%lu %s", ev->line, names[ev->type]);
    if (ev->type == NEWS_EV_FIELD || ev->type == NEWS_EV_LINK_FIELD) {
        util_buf_printf(out, " %d [", ev->field);
        trace_str(out, ev->key);
        util_buf_add(out, "]=[", 3);
        trace_str(out, ev->value);
        util_buf_add(out, "]", 1);
    } else if (ev->type == NEWS_EV_BLOCK) {
        util_buf_printf(out, " %d [", ev->kind);
        trace_str(out, ev->value);
        util_buf_add(out, "]", 1);
    }
    util_buf_add(out, "\n", 1);
}

static void trace_end(util_buf *out, int rc, const news_reader *r)
{
    const news_error *e = news_reader_error(r);
    if (rc == NEWS_END)
        util_buf_add(out, "END\n", 4);
    else
        util_buf_printf(out, "ERROR %s %lu %lu %lu\n", util_code_name(rc), e->line, e->column,
                        e->offset);
}

int util_trace(const char *data, size_t len, size_t chunk, size_t linecap,
               const news_limits *lim, util_buf *out)
{
    news_reader r;
    news_event ev;
    size_t pos = 0;
    char *line = NULL;
    int rc;

    if (chunk == 0) {
        news_reader_init(&r, data, len, lim);
    } else {
        if (linecap == 0)
            linecap = len + 2;
        line = malloc(linecap);
        ck_assert_ptr_nonnull(line);
        news_reader_init_stream(&r, line, linecap, lim);
    }
    for (;;) {
        rc = news_reader_next(&r, &ev);
        if (rc >= 0) { /* no error yet: none reported, whatever the reader holds */
            const news_error *e = news_reader_error(&r);
            ck_assert(e->code == NEWS_OK && e->message == NULL && e->line == 0 &&
                      e->column == 0 && e->offset == 0);
        }
        if (rc == NEWS_MORE) {
            size_t n = len - pos < chunk ? len - pos : chunk;
            ck_assert_uint_ne(chunk, 0);
            if (n == 0) {
                news_reader_finish(&r);
            } else {
                ck_assert_int_eq(news_reader_feed(&r, data + pos, n), NEWS_OK);
                pos += n;
            }
            continue;
        }
        if (rc != NEWS_OK)
            break;
        trace_event(out, &ev);
    }
    trace_end(out, rc, &r);
    /* The first error sticks. */
    if (rc < 0)
        ck_assert_int_eq(news_reader_next(&r, &ev), rc);
    free(line);
    return rc;
}

int util_rewrite(const char *data, size_t len, size_t chunk, unsigned flags, util_buf *out)
{
    news_reader r;
    news_article a;
    news_arena ar;
    static char arena[1 << 16];
    size_t pos = 0;
    char *line = NULL;
    int rc;

    if (chunk == 0) {
        news_reader_init(&r, data, len, NULL);
    } else {
        line = malloc(len + 2);
        ck_assert_ptr_nonnull(line);
        news_reader_init_stream(&r, line, len + 2, NULL);
    }
    news_arena_init(&ar, arena, sizeof arena);
    for (;;) {
        rc = news_read_article(&r, &a, &ar, flags);
        if (rc == NEWS_MORE) {
            size_t n = len - pos < chunk ? len - pos : chunk;
            if (n == 0) {
                news_reader_finish(&r);
            } else {
                ck_assert_int_eq(news_reader_feed(&r, data + pos, n), NEWS_OK);
                pos += n;
            }
            continue;
        }
        if (rc != NEWS_OK)
            break;
        ck_assert_int_eq(news_write(&a, util_sink, out, NULL), NEWS_OK);
        ar.used = 0;
    }
    free(line);
    return rc;
}

static int str_equal(news_str a, news_str b)
{
    if ((a.ptr == NULL) != (b.ptr == NULL))
        return 0;
    return a.ptr == NULL || (a.len == b.len && (a.len == 0 || memcmp(a.ptr, b.ptr, a.len) == 0));
}

static int fields_equal(const news_field *a, const news_field *b)
{
    for (; a != NULL && b != NULL; a = a->next, b = b->next)
        if (!str_equal(a->key, b->key) || !str_equal(a->value, b->value))
            return 0;
    return a == NULL && b == NULL;
}

int util_article_equal(const news_article *a, const news_article *b)
{
    const news_tag *ta, *tb;
    const news_author *aa, *ab;
    const news_block *ba, *bb;
    const news_link *la, *lb;

    if (!str_equal(a->title, b->title) || !str_equal(a->dek, b->dek) ||
        !str_equal(a->kicker, b->kicker) || !str_equal(a->summary, b->summary) ||
        !str_equal(a->source, b->source) || !str_equal(a->url, b->url) ||
        !str_equal(a->id, b->id) || !str_equal(a->language, b->language) ||
        !str_equal(a->published, b->published) || !str_equal(a->modified, b->modified) ||
        !str_equal(a->image, b->image) || !str_equal(a->image_caption, b->image_caption))
        return 0;
    if (a->n_tags != b->n_tags || a->n_authors != b->n_authors || a->n_blocks != b->n_blocks ||
        a->n_related != b->n_related || a->n_ext != b->n_ext)
        return 0;
    for (ta = a->tags, tb = b->tags; ta && tb; ta = ta->next, tb = tb->next)
        if (!str_equal(ta->text, tb->text))
            return 0;
    if (ta || tb)
        return 0;
    for (aa = a->authors, ab = b->authors; aa && ab; aa = aa->next, ab = ab->next)
        if (!str_equal(aa->name, ab->name) || !str_equal(aa->url, ab->url) ||
            !str_equal(aa->bio, ab->bio))
            return 0;
    if (aa || ab)
        return 0;
    for (ba = a->body, bb = b->body; ba && bb; ba = ba->next, bb = bb->next)
        if (ba->kind != bb->kind || !str_equal(ba->text, bb->text))
            return 0;
    if (ba || bb)
        return 0;
    for (la = a->related, lb = b->related; la && lb; la = la->next, lb = lb->next)
        if (!str_equal(la->title, lb->title) || !str_equal(la->kicker, lb->kicker) ||
            !str_equal(la->summary, lb->summary) || !str_equal(la->url, lb->url) ||
            la->n_ext != lb->n_ext || !fields_equal(la->ext, lb->ext))
            return 0;
    if (la || lb)
        return 0;
    return fields_equal(a->ext, b->ext);
}

/* --- JSON (the validator is shared with the fuzz targets) ----------- */

#include "jsonvalid.h"

/* Member names may repeat: articles built by hand can have two
 * extension fields of one key. */
int util_json_valid(const char *s, size_t n)
{
    return jv_valid(s, n, 0);
}

static const struct {
    int code;
    const char *name;
} codes[] = {
    {NEWS_OK, "NEWS_OK"},
    {NEWS_END, "NEWS_END"},
    {NEWS_MORE, "NEWS_MORE"},
    {NEWS_ERR_ARG, "NEWS_ERR_ARG"},
    {NEWS_ERR_NOMEM, "NEWS_ERR_NOMEM"},
    {NEWS_ERR_IO, "NEWS_ERR_IO"},
    {NEWS_ERR_UTF8, "NEWS_ERR_UTF8"},
    {NEWS_ERR_NUL, "NEWS_ERR_NUL"},
    {NEWS_ERR_CTRL, "NEWS_ERR_CTRL"},
    {NEWS_ERR_CR, "NEWS_ERR_CR"},
    {NEWS_ERR_BOM, "NEWS_ERR_BOM"},
    {NEWS_ERR_LINE_TOO_LONG, "NEWS_ERR_LINE_TOO_LONG"},
    {NEWS_ERR_EMPTY, "NEWS_ERR_EMPTY"},
    {NEWS_ERR_NO_HEADER, "NEWS_ERR_NO_HEADER"},
    {NEWS_ERR_VERSION, "NEWS_ERR_VERSION"},
    {NEWS_ERR_DIRECTIVE, "NEWS_ERR_DIRECTIVE"},
    {NEWS_ERR_SYNTAX, "NEWS_ERR_SYNTAX"},
    {NEWS_ERR_KEY, "NEWS_ERR_KEY"},
    {NEWS_ERR_DUPLICATE, "NEWS_ERR_DUPLICATE"},
    {NEWS_ERR_NO_AUTHOR, "NEWS_ERR_NO_AUTHOR"},
    {NEWS_ERR_NO_TITLE, "NEWS_ERR_NO_TITLE"},
    {NEWS_ERR_EMPTY_VALUE, "NEWS_ERR_EMPTY_VALUE"},
    {NEWS_ERR_DATE, "NEWS_ERR_DATE"},
    {NEWS_ERR_LANGUAGE, "NEWS_ERR_LANGUAGE"},
    {NEWS_ERR_LIMIT, "NEWS_ERR_LIMIT"},
    {NEWS_ERR_NO_IMAGE, "NEWS_ERR_NO_IMAGE"},
    {NEWS_ERR_NEWLINE, "NEWS_ERR_NEWLINE"},
    {NEWS_ERR_STATE, "NEWS_ERR_STATE"},
};

const char *util_code_name(int code)
{
    size_t i;
    for (i = 0; i < sizeof codes / sizeof codes[0]; i++)
        if (codes[i].code == code)
            return codes[i].name;
    return "UNKNOWN";
}

int util_code_value(const char *name)
{
    size_t i;
    for (i = 0; i < sizeof codes / sizeof codes[0]; i++)
        if (strcmp(codes[i].name, name) == 0)
            return codes[i].code;
    ck_abort_msg("unknown error code name %s", name);
    return 0;
}
