/* fuzz_json.c - JSON Feed export, of parsed articles and of articles
 * built by hand from arbitrary bytes (and the writer's checks on those).
 *
 * Input: 3 parameter bytes, then the data.
 *   [0]  bit 0: build articles by hand (else parse the data as .news);
 *        bit 1: the failing sink returns a negative value
 *   [1]  the sink call that fails in the sink test (0: none)
 *   [2]  length of the feed title, taken from the start of the data
 *
 * Built by hand, an article takes its parts from the data as a list of
 * (op, length, bytes): op chooses the member (a single-valued field, a
 * tag, an author, an author's url or bio, a block of any kind number,
 * an extension field, a link, a link field or link extension), the
 * bytes may be anything (invalid UTF-8, NUL, CR, LF).
 *
 * Checks: the pretty and the compact export are valid JSON (strict; for
 * parsed articles no object names a member twice) and are the same
 * document: the pretty one without its whitespace outside strings is
 * the compact one (both end with a line feed); a failing sink stops the
 * export, its value comes back from that call and every later one, and
 * the output is a prefix.
 * For articles built by hand, news_write either refuses the article
 * having written nothing, or writes text that reads back (without
 * limits) to an equal article; news_write_buffer gives the same text,
 * or the same error (code, line, column) and no text. Each value is a
 * heap block of its exact size. */
#include "fuzz_util.h"

#include <stdlib.h>
#include <string.h>

typedef struct exporter {
    news_json pretty, compact, failing;
    fz_buf out_pretty, out_compact, out_failing;
    int fail_rc;
    int rc_failing; /* what the failing exporter returned last */
} exporter;

static void export_begin(exporter *e, const char *title, unsigned fail_at, int fail_rc)
{
    memset(e, 0, sizeof *e);
    e->fail_rc = fail_rc;
    e->out_failing.fail_at = fail_at;
    e->out_failing.fail_rc = fail_rc;
    FZ_CHECK(news_json_begin(&e->pretty, fz_sink, &e->out_pretty, title, NEWS_JSON_PRETTY) ==
             NEWS_OK);
    FZ_CHECK(news_json_begin(&e->compact, fz_sink, &e->out_compact, title, 0) == NEWS_OK);
    e->rc_failing = news_json_begin(&e->failing, fz_sink, &e->out_failing, title, 0);
}

/* The failing exporter returns 0 until its sink fails, then the sink's
 * value every time. */
static void check_failing(exporter *e, int rc)
{
    if (e->out_failing.fail_at > 0 && e->out_failing.calls >= e->out_failing.fail_at)
        FZ_CHECK(rc == e->fail_rc);
    else
        FZ_CHECK(rc == NEWS_OK);
    e->rc_failing = rc;
}

static void export_article(exporter *e, const news_article *a)
{
    FZ_CHECK(news_json_article(&e->pretty, a) == NEWS_OK);
    FZ_CHECK(news_json_article(&e->compact, a) == NEWS_OK);
    check_failing(e, news_json_article(&e->failing, a));
}

/* The pretty text without whitespace outside strings. */
static void squeeze(const fz_buf *in, fz_buf *out)
{
    size_t i;
    int str = 0, esc = 0;

    for (i = 0; i < in->len; i++) {
        char c = in->p[i];
        if (str) {
            if (esc)
                esc = 0;
            else if (c == '\\')
                esc = 1;
            else if (c == '"')
                str = 0;
        } else if (c == '"') {
            str = 1;
        } else if (c == ' ' || c == '\n') {
            continue;
        }
        fz_buf_add(out, &c, 1);
    }
}

static void export_end(exporter *e, int unique)
{
    fz_buf sq = {0};

    FZ_CHECK(news_json_end(&e->pretty) == NEWS_OK);
    FZ_CHECK(news_json_end(&e->compact) == NEWS_OK);
    check_failing(e, news_json_end(&e->failing));
    FZ_CHECK(fz_json_valid(e->out_pretty.p, e->out_pretty.len, unique));
    FZ_CHECK(fz_json_valid(e->out_compact.p, e->out_compact.len, unique));
    FZ_CHECK(e->out_pretty.len > 0 && e->out_pretty.p[e->out_pretty.len - 1] == '\n');
    FZ_CHECK(e->out_compact.len > 0 && e->out_compact.p[e->out_compact.len - 1] == '\n');
    squeeze(&e->out_pretty, &sq);
    FZ_CHECK(sq.len + 1 == e->out_compact.len && memcmp(sq.p, e->out_compact.p, sq.len) == 0);
    FZ_CHECK(e->out_failing.len <= e->out_compact.len);
    FZ_CHECK(e->out_failing.len == 0 ||
             memcmp(e->out_failing.p, e->out_compact.p, e->out_failing.len) == 0);
    if (e->rc_failing == NEWS_OK)
        FZ_CHECK(e->out_failing.len == e->out_compact.len);
    fz_buf_free(&sq);
    fz_buf_free(&e->out_pretty);
    fz_buf_free(&e->out_compact);
    fz_buf_free(&e->out_failing);
}

/* --- articles built by hand ----------------------------------------- */

static news_str *single(news_article *a, unsigned k)
{
    news_str *s[] = {&a->title,     &a->dek,      &a->kicker, &a->summary,
                     &a->source,    &a->url,      &a->id,     &a->language,
                     &a->published, &a->modified, &a->image,  &a->image_caption};
    return s[k];
}

static news_str *link_single(news_link *l, unsigned k)
{
    news_str *s[] = {&l->title, &l->kicker, &l->summary, &l->url};
    return s[k & 3];
}

static news_field *new_field(fz_pool *pool, news_field **list, news_str bytes)
{
    news_field *f = (news_field *)fz_pool_alloc(pool, sizeof *f), **end = list;
    size_t half = bytes.len / 2;

    f->key.ptr = bytes.ptr;
    f->key.len = half;
    f->value.ptr = bytes.ptr + half;
    f->value.len = bytes.len - half;
    while (*end != NULL)
        end = &(*end)->next;
    *end = f;
    return f;
}

static void build(fz_in *in, news_article *a, fz_pool *pool)
{
    news_tag **tag_end = &a->tags;
    news_author **author_end = &a->authors, *author = NULL;
    news_block **block_end = &a->body;
    news_link **link_end = &a->related, *link = NULL;

    memset(a, 0, sizeof *a);
    while (in->n > 0) {
        unsigned op = fz_byte(in), n = fz_byte(in), which = op % 20, arg = op / 20;
        news_str s;

        if (n > in->n)
            n = (unsigned)in->n;
        /* each value in a heap block of its own size, so that ASan sees
         * a read past its end */
        s.ptr = (const char *)memcpy(fz_pool_alloc(pool, n), in->p, n);
        s.len = n;
        in->p += n;
        in->n -= n;
        if (which < 12) {
            *single(a, which) = s;
        } else if (which == 12) {
            news_tag *t = (news_tag *)fz_pool_alloc(pool, sizeof *t);
            t->text = s;
            *tag_end = t;
            tag_end = &t->next;
            a->n_tags++;
        } else if (which == 13 || (which == 14 && author == NULL)) {
            author = (news_author *)fz_pool_alloc(pool, sizeof *author);
            author->name = s;
            *author_end = author;
            author_end = &author->next;
            a->n_authors++;
        } else if (which == 14) {
            *(arg & 1 ? &author->bio : &author->url) = s;
        } else if (which == 15) {
            news_block *b = (news_block *)fz_pool_alloc(pool, sizeof *b);
            b->kind = (int)(arg % 5) - 1; /* -1 and 3 are not kinds */
            b->text = s;
            *block_end = b;
            block_end = &b->next;
            a->n_blocks++;
        } else if (which == 16) {
            new_field(pool, &a->ext, s);
            a->n_ext++;
        } else if (which == 17 || link == NULL) {
            link = (news_link *)fz_pool_alloc(pool, sizeof *link);
            link->title = s;
            *link_end = link;
            link_end = &link->next;
            a->n_related++;
        } else if (which == 18) {
            *link_single(link, arg) = s;
        } else {
            new_field(pool, &link->ext, s);
            link->n_ext++;
        }
    }
}

/* The writer refuses the article having written nothing, or what it
 * writes reads back to the same article. news_write_buffer() (which
 * checks as it copies) gives the same text, or the same error with no
 * text, whether it measures or has room. */
static void write_back(const news_article *a)
{
    fz_buf out = {0};
    news_error err, err2;
    int rc = news_write(a, fz_sink, &out, &err), rc2;
    size_t cap = out.len + 1, len = 1;
    char *buf = (char *)malloc(cap);

    FZ_CHECK(buf != NULL);
    FZ_CHECK(news_write_buffer(a, NULL, 0, &len, NULL) == rc); /* measuring */
    FZ_CHECK(len == (rc == NEWS_OK ? out.len : 0));
    rc2 = news_write_buffer(a, buf, cap, &len, &err2);
    FZ_CHECK(rc2 == rc);
    if (rc != NEWS_OK) {
        FZ_CHECK(rc < 0 && err.code == rc && out.len == 0);
        if (rc != NEWS_ERR_ARG)
            FZ_CHECK(err.line >= 1 && err.column >= 1);
        FZ_CHECK(len == 0 && buf[0] == '\0');
        FZ_CHECK(err2.code == rc && err2.line == err.line && err2.column == err.column);
    } else {
        news_limits none;

        FZ_CHECK(len == out.len && memcmp(buf, out.p, len) == 0 && buf[len] == '\0');
        none.max_line = none.max_fields = none.max_authors = (size_t)-1;
        none.max_tags = none.max_links = none.max_blocks = (size_t)-1;
        fz_check_reads_back(a, out.p, out.len, &none);
    }
    free(buf);
    /* a buffer with room to spare, which speed builds write in a walk of
     * their own: the same again */
    cap = out.len + 1 + 128;
    buf = (char *)malloc(cap);
    FZ_CHECK(buf != NULL);
    rc2 = news_write_buffer(a, buf, cap, &len, &err2);
    FZ_CHECK(rc2 == rc);
    if (rc != NEWS_OK)
        FZ_CHECK(len == 0 && buf[0] == '\0' && err2.code == rc && err2.line == err.line &&
                 err2.column == err.column);
    else
        FZ_CHECK(len == out.len && memcmp(buf, out.p, len) == 0 && buf[len] == '\0');
    free(buf);
    fz_buf_free(&out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fz_in in = {data, size};
    unsigned h0 = fz_byte(&in), fail_at = fz_byte(&in), tlen = fz_byte(&in);
    char *doc = fz_copy(in.p, in.n, 0), *title;
    exporter e;

    if (tlen > in.n)
        tlen = (unsigned)in.n;
    title = fz_copy(in.p, tlen, 1); /* a C string: stops at a NUL */
    export_begin(&e, title, fail_at, (h0 & 2) ? -4242 : 99);
    if (h0 & 1) {
        fz_pool pool = {NULL, 0, 0};
        news_article a;
        fz_in parts = {(const uint8_t *)doc, in.n};
        build(&parts, &a, &pool);
        export_article(&e, &a);
        export_end(&e, 0);
        write_back(&a);
        fz_pool_free(&pool);
    } else {
        news_reader r;
        news_article a;
        news_arena ar = {NULL, 0, 0};
        news_reader_init(&r, doc, in.n, NULL);
        while (news_read_article_alloc(&r, &a, &ar, 0, NULL) == NEWS_OK)
            export_article(&e, &a);
        news_free(NULL, ar.base);
        export_end(&e, 1);
    }
    free(title);
    free(doc);
    return 0;
}
