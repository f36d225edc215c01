/* fuzz_roundtrip.c - read, write, read again.
 *
 * Input: 3 parameter bytes, then the document.
 *   [0]  bit 0: read with NEWS_COPY; bit 1: the failing sink returns a
 *        negative value (else a positive one)
 *   [1]  the sink call that fails in the sink test (0: none)
 *   [2]  news_write_buffer capacity: 0 measures, k > 0 gives len + 2 - k
 *
 * For every article the reader produces: the writer accepts it; its
 * output parses back to one article equal to it; writing that gives the
 * same bytes; news_write_buffer measures the same length, fills a
 * buffer that fits and refuses (NUL-terminated prefix) one that does
 * not (and one with room to spare); a sink's non-zero return stops the writer and comes back
 * unchanged, after a prefix of the text. The canonical texts of all the
 * articles, concatenated, are a store that reads back to as many
 * articles and writes back to itself. */
#include "fuzz_util.h"

#include <stdlib.h>
#include <string.h>

static void text_ok(void *user, news_str s)
{
    (void)user;
    FZ_CHECK(fz_text_ok(s.ptr, s.len));
}

/* Every article of doc[0..len), through the heap helper. Returns the
 * count, or -1 if the input is not valid. */
static long each(const char *doc, size_t len, unsigned flags,
                 void (*fn)(void *user, const news_article *a), void *user)
{
    news_reader r;
    news_article a;
    news_arena ar = {NULL, 0, 0};
    long n = 0;
    int rc;

    news_reader_init(&r, doc, len, NULL);
    while ((rc = news_read_article_alloc(&r, &a, &ar, flags, NULL)) == NEWS_OK) {
        fn(user, &a);
        n++;
    }
    news_free(NULL, ar.base);
    FZ_CHECK(rc != NEWS_ERR_NOMEM && rc != NEWS_ERR_ARG && rc != NEWS_MORE);
    return rc == NEWS_END ? n : -1;
}

typedef struct state {
    unsigned flags;
    unsigned fail_at;
    int fail_rc;
    unsigned cap_byte;
    fz_buf store; /* canonical texts so far */
} state;

/* The one article of a canonical text, compared and written again. */
typedef struct again {
    const news_article *first;
    const fz_buf *text;
} again;

static void compare(void *user, const news_article *a)
{
    const again *g = (const again *)user;
    fz_buf b = {0};

    FZ_CHECK(fz_article_equal(a, g->first));
    FZ_CHECK(news_write(a, fz_sink, &b, NULL) == NEWS_OK);
    FZ_CHECK(b.len == g->text->len && memcmp(b.p, g->text->p, b.len) == 0);
    fz_buf_free(&b);
}

static void one(void *user, const news_article *a)
{
    state *st = (state *)user;
    fz_buf b = {0}, part = {0};
    news_error err;
    size_t n = 0, cap;
    char *buf, *copy;
    again g;
    int rc;

    fz_each_str(a, text_ok, NULL);
    FZ_CHECK(fz_counts_ok(a));

    /* The writer never refuses what the reader produced. */
    rc = news_write(a, fz_sink, &b, &err);
    FZ_CHECK(rc == NEWS_OK);
    FZ_CHECK(b.len >= 8 && memcmp(b.p, "%news 1\n", 8) == 0 && b.p[b.len - 1] == '\n');

    /* Measuring, and buffers that fit or not. */
    FZ_CHECK(news_write_buffer(a, NULL, 0, &n, NULL) == NEWS_OK && n == b.len);
    cap = st->cap_byte == 0 ? 0 : b.len + 2 > st->cap_byte ? b.len + 2 - st->cap_byte : 0;
    buf = fz_copy("", 0, cap);
    n = 0;
    rc = news_write_buffer(a, cap > 0 ? buf : NULL, cap, &n, &err);
    FZ_CHECK(n == b.len);
    if (cap == 0) {
        FZ_CHECK(rc == NEWS_OK);
    } else if (cap > b.len) {
        FZ_CHECK(rc == NEWS_OK && memcmp(buf, b.p, b.len) == 0 && buf[b.len] == '\0');
    } else {
        FZ_CHECK(rc == NEWS_ERR_NOMEM && err.code == NEWS_ERR_NOMEM);
        FZ_CHECK(memcmp(buf, b.p, cap - 1) == 0 && buf[cap - 1] == '\0');
    }
    free(buf);
    /* and one with room to spare, which speed builds write in a walk of
     * their own */
    cap = b.len + 1 + 128;
    buf = fz_copy("", 0, cap);
    n = 0;
    rc = news_write_buffer(a, buf, cap, &n, &err);
    FZ_CHECK(rc == NEWS_OK && n == b.len && memcmp(buf, b.p, b.len) == 0 && buf[b.len] == '\0');
    free(buf);

    /* A sink that fails stops the writer with its own value. */
    if (st->fail_at > 0) {
        part.fail_at = st->fail_at;
        part.fail_rc = st->fail_rc;
        rc = news_write(a, fz_sink, &part, NULL);
        FZ_CHECK(rc == (part.calls >= part.fail_at ? st->fail_rc : NEWS_OK));
        FZ_CHECK(part.len <= b.len && memcmp(part.p ? part.p : "", b.p, part.len) == 0);
        if (rc == NEWS_OK)
            FZ_CHECK(part.len == b.len);
        fz_buf_free(&part);
    }

    /* Read back: one article, equal, writing the same bytes. */
    copy = fz_copy(b.p, b.len, 0);
    g.first = a;
    g.text = &b;
    FZ_CHECK(each(copy, b.len, st->flags, compare, &g) == 1);
    free(copy);

    fz_buf_add(&st->store, b.p, b.len);
    fz_buf_free(&b);
}

/* Rewriting the canonical store gives it back. */
static void rewrite(void *user, const news_article *a)
{
    FZ_CHECK(news_write(a, fz_sink, user, NULL) == NEWS_OK);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fz_in in = {data, size};
    unsigned h0 = fz_byte(&in);
    state st;
    char *doc, *store;
    long count;
    fz_buf again_buf = {0};

    memset(&st, 0, sizeof st);
    st.flags = (h0 & 1) ? NEWS_COPY : 0;
    st.fail_rc = (h0 & 2) ? -12345 : 777;
    st.fail_at = fz_byte(&in);
    st.cap_byte = fz_byte(&in);
    doc = fz_copy(in.p, in.n, 0);
    count = each(doc, in.n, st.flags, one, &st);
    if (count > 0) {
        store = fz_copy(st.store.p, st.store.len, 0);
        FZ_CHECK(each(store, st.store.len, 0, rewrite, &again_buf) == count);
        FZ_CHECK(again_buf.len == st.store.len &&
                 memcmp(again_buf.p, st.store.p, st.store.len) == 0);
        free(store);
    }
    fz_buf_free(&again_buf);
    fz_buf_free(&st.store);
    free(doc);
    return 0;
}
