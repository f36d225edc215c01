/* test_hosted.c - the hosted helpers (news_file_read, news_free,
 * news_read_article_alloc) with the heap and with an allocator that
 * fails on its Nth call, plus the small global facts: error strings,
 * the version, field keys and default limits. */
#define _POSIX_C_SOURCE 200809L
#include "util.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* ---------------------------------------------------------------------
 * Temporary files
 * ------------------------------------------------------------------ */

/* Write data[0..len) to a new temporary file; its path goes to path. */
static void temp_file(const char *data, size_t len, char path[64])
{
    int fd;
    FILE *f;

    strcpy(path, "/tmp/libnews-test-XXXXXX");
    fd = mkstemp(path);
    ck_assert_msg(fd >= 0, "mkstemp failed");
    f = fdopen(fd, "wb");
    ck_assert_ptr_nonnull(f);
    ck_assert_uint_eq(fwrite(data, 1, len, f), len);
    ck_assert_int_eq(fclose(f), 0);
}

/* Bytes of every value, in a pattern that does not repeat every 256. */
static char *pattern(size_t n)
{
    char *p = malloc(n > 0 ? n : 1);
    size_t i;
    ck_assert_ptr_nonnull(p);
    for (i = 0; i < n; i++)
        p[i] = (char)((i * 7 + i / 251) & 0xFF);
    return p;
}

/* ---------------------------------------------------------------------
 * A counting allocator that fails on one call (or on every call from
 * one on)
 * ------------------------------------------------------------------ */

#define MAX_LIVE 64

typedef struct counter {
    long calls;     /* alloc calls so far */
    long fail_at;   /* the call that fails (from 1); 0: none */
    int fail_after; /* 1: every call from fail_at on fails */
    long failures;  /* alloc calls that failed */
    long live;      /* allocations not yet freed */
    void *ptrs[MAX_LIVE];
} counter;

static void *c_alloc(void *ctx, size_t n)
{
    counter *c = (counter *)ctx;
    void *p;
    int i;

    c->calls++;
    ck_assert_uint_gt(n, 0);
    if (c->fail_at != 0 &&
        (c->calls == c->fail_at || (c->fail_after && c->calls > c->fail_at))) {
        c->failures++;
        return NULL;
    }
    p = malloc(n);
    ck_assert_ptr_nonnull(p);
    memset(p, 0xCD, n); /* no zeroed memory to lean on */
    for (i = 0; i < MAX_LIVE && c->ptrs[i] != NULL; i++)
        ;
    ck_assert_int_lt(i, MAX_LIVE);
    c->ptrs[i] = p;
    c->live++;
    return p;
}

static void c_free(void *ctx, void *p)
{
    counter *c = (counter *)ctx;
    int i;

    ck_assert_msg(p != NULL, "free(NULL) reached the allocator");
    for (i = 0; i < MAX_LIVE && c->ptrs[i] != p; i++)
        ;
    ck_assert_msg(i < MAX_LIVE, "free of a pointer this allocator did not give");
    c->ptrs[i] = NULL;
    c->live--;
    free(p);
}

static news_allocator make_allocator(counter *c, long fail_at)
{
    news_allocator al;
    memset(c, 0, sizeof *c);
    c->fail_at = fail_at;
    al.alloc = c_alloc;
    al.free = c_free;
    al.ctx = c;
    return al;
}

/* ---------------------------------------------------------------------
 * news_file_read
 * ------------------------------------------------------------------ */

static void check_file_read(size_t n)
{
    char path[64], *data = (char *)1, *content = pattern(n);
    size_t len = 12345;
    news_error err;

    temp_file(content, n, path);
    memset(&err, 0, sizeof err);
    ck_assert_int_eq(news_file_read(path, NULL, &data, &len, &err), NEWS_OK);
    ck_assert_ptr_nonnull(data);
    ck_assert_msg(len == n, "size %zu read as %zu", n, len);
    ck_assert_int_eq(memcmp(data, content, n), 0);
    ck_assert_int_eq(data[n], '\0');
    news_free(NULL, data);
    unlink(path);
    free(content);
}

START_TEST(test_file_read_sizes)
{
    static const size_t sizes[] = {0,    1,    2,    255,  256,  4094,  4095,  4096, 4097,
                                   8190, 8191, 8192, 8193, 65535, 65536, 65537, 200003};
    size_t i;
    for (i = 0; i < sizeof sizes / sizeof sizes[0]; i++)
        check_file_read(sizes[i]);
}
END_TEST

START_TEST(test_file_read_text)
{
    static const char text[] = "%news 1\ntitle: T\n\nA paragraph.\n";
    char path[64], *data;
    size_t len;
    news_article a;
    news_arena ar = {NULL, 0, 0};
    news_reader r;

    temp_file(text, sizeof text - 1, path);
    ck_assert_int_eq(news_file_read(path, NULL, &data, &len, NULL), NEWS_OK);
    ck_assert_uint_eq(len, sizeof text - 1);
    ck_assert_str_eq(data, text);
    /* the NUL after the last byte makes NEWS_INPLACE usable */
    news_reader_init(&r, data, len, NULL);
    ck_assert_int_eq(news_read_article_alloc(&r, &a, &ar, NEWS_INPLACE, NULL), NEWS_OK);
    ck_assert_str_eq(a.title.ptr, "T");
    ck_assert_str_eq(a.body->text.ptr, "A paragraph.");
    ck_assert_int_eq(news_read_article_alloc(&r, &a, &ar, NEWS_INPLACE, NULL), NEWS_END);
    news_free(NULL, ar.base);
    news_free(NULL, data);
    unlink(path);
}
END_TEST

START_TEST(test_file_read_errors)
{
    char *data = NULL;
    size_t len = 7;
    news_error err;
    counter c;
    news_allocator al = make_allocator(&c, 0);

    memset(&err, 0x5a, sizeof err);
    ck_assert_int_eq(news_file_read("/nonexistent/libnews/missing.news", &al, &data, &len, &err),
                     NEWS_ERR_IO);
    ck_assert_int_eq(err.code, NEWS_ERR_IO);
    ck_assert_uint_eq(err.line, 0);
    ck_assert_uint_eq(err.column, 0);
    ck_assert_str_eq(err.message, news_strerror(NEWS_ERR_IO));
    ck_assert_ptr_null(data);
    ck_assert_int_eq(c.live, 0);
    /* error may be NULL */
    ck_assert_int_eq(news_file_read("/nonexistent/libnews/missing.news", NULL, &data, &len, NULL),
                     NEWS_ERR_IO);
    /* a directory cannot be read as a file */
    ck_assert_int_eq(news_file_read("/", &al, &data, &len, &err), NEWS_ERR_IO);
    ck_assert_int_eq(err.code, NEWS_ERR_IO);
    ck_assert_int_eq(c.live, 0);
    ck_assert_ptr_null(data);
    /* arguments */
    ck_assert_int_eq(news_file_read(NULL, NULL, &data, &len, &err), NEWS_ERR_ARG);
    ck_assert_int_eq(err.code, NEWS_ERR_ARG);
    ck_assert_int_eq(news_file_read("/dev/null", NULL, NULL, &len, &err), NEWS_ERR_ARG);
    ck_assert_int_eq(news_file_read("/dev/null", NULL, &data, NULL, &err), NEWS_ERR_ARG);
    ck_assert_ptr_null(data);
}
END_TEST

/* "-" reads standard input. */
START_TEST(test_file_read_stdin)
{
    static const char text[] = "%news 1\ntitle: from stdin\n";
    char path[64], *data;
    size_t len;

    temp_file(text, sizeof text - 1, path);
    ck_assert_ptr_nonnull(freopen(path, "rb", stdin));
    ck_assert_int_eq(news_file_read("-", NULL, &data, &len, NULL), NEWS_OK);
    ck_assert_uint_eq(len, sizeof text - 1);
    ck_assert_str_eq(data, text);
    news_free(NULL, data);
    ck_assert_ptr_nonnull(freopen("/dev/null", "rb", stdin));
    unlink(path);
}
END_TEST

/* With an allocator that fails on call N, for N = 1, 2, ... until the
 * read succeeds: every failure is NEWS_ERR_NOMEM with nothing leaked,
 * and the success returns the whole file in one live allocation. */
START_TEST(test_file_read_failing_allocator)
{
    size_t n = 100000;
    char path[64], *content = pattern(n);
    long fail_at;
    int done = 0;

    temp_file(content, n, path);
    for (fail_at = 1; !done && fail_at < 100; fail_at++) {
        counter c;
        news_allocator al = make_allocator(&c, fail_at);
        char *data = NULL;
        size_t len = 0;
        news_error err;
        int rc;

        memset(&err, 0, sizeof err);
        rc = news_file_read(path, &al, &data, &len, &err);
        if (c.failures == 0) {
            /* every allocation it needed was granted */
            ck_assert_int_eq(rc, NEWS_OK);
            ck_assert_uint_eq(len, n);
            ck_assert_int_eq(memcmp(data, content, n), 0);
            ck_assert_int_eq(data[n], '\0');
            ck_assert_int_eq(c.live, 1);
            news_free(&al, data);
            ck_assert_int_eq(c.live, 0);
            ck_assert_int_gt(fail_at, 2); /* 100000 bytes take several steps */
            done = 1;
        } else {
            ck_assert_msg(rc == NEWS_ERR_NOMEM, "fail at %ld: %s", fail_at, util_code_name(rc));
            ck_assert_int_eq(err.code, NEWS_ERR_NOMEM);
            ck_assert_int_eq(c.failures, 1);
            ck_assert_int_eq(c.calls, fail_at); /* it stopped at the failure */
            ck_assert_msg(c.live == 0, "fail at %ld: %ld allocations leaked", fail_at, c.live);
        }
    }
    ck_assert(done);
    unlink(path);
    free(content);
}
END_TEST

/* news_free: NULL is ignored, whatever the allocator. */
START_TEST(test_free_null)
{
    counter c;
    news_allocator al = make_allocator(&c, 0);
    news_free(&al, NULL);
    news_free(NULL, NULL);
    ck_assert_int_eq(c.live, 0);
    ck_assert_int_eq(c.calls, 0);
}
END_TEST

/* ---------------------------------------------------------------------
 * news_read_article_alloc
 * ------------------------------------------------------------------ */

#define STORE_ARTICLES 6

/* A store whose articles grow: article k has k*k*12 paragraphs. */
static char *make_store(size_t *len, unsigned long *lines)
{
    util_buf b = {NULL, 0, 0};
    unsigned long line = 1;
    int k, i;

    for (k = 0; k < STORE_ARTICLES; k++) {
        lines[k] = line;
        util_buf_printf(&b, "%%news 1\ntitle: Article %d\nkicker: K%d\ntag: t%d\n", k, k, k);
        util_buf_printf(&b, "author: Writer %d\nauthor-bio: Writer %d writes.\nx-ext: %d\n\n", k,
                        k, k);
        line += 8;
        for (i = 0; i < k * k * 12; i++) {
            util_buf_printf(&b, "%sParagraph %d of article %d, with some words in it.\n",
                            i % 5 == 0 ? "# " : "", i, k);
            line++;
        }
        util_buf_printf(&b, "\n-\ntitle: Link %d\nx-l: %d\n-\ntitle: Other %d\nurl: u\n", k, k, k);
        line += 7;
    }
    *len = b.len;
    return b.p;
}

/* The reference: every article of data read with a large fixed arena
 * (the arena keeps them all). */
static char ref_mem[1 << 20];

static void reference(const char *data, size_t len, news_article *refs)
{
    news_reader r;
    news_arena ar;
    int k;

    news_reader_init(&r, data, len, NULL);
    news_arena_init(&ar, ref_mem, sizeof ref_mem);
    for (k = 0; k < STORE_ARTICLES; k++)
        ck_assert_int_eq(news_read_article(&r, &refs[k], &ar, 0), NEWS_OK);
    ck_assert_int_eq(news_read_article(&r, &refs[0], &ar, 0), NEWS_END);
}

/* Where the strings of a point, by flags. */
static void check_strings(const news_article *a, unsigned flags, const char *data, size_t len,
                          const news_arena *ar)
{
    const news_block *b;
    if (flags & NEWS_COPY) {
        ck_assert(a->title.ptr >= ar->base && a->title.ptr < ar->base + ar->cap);
        ck_assert_int_eq(a->title.ptr[a->title.len], '\0');
    } else {
        ck_assert(a->title.ptr >= data && a->title.ptr < data + len);
    }
    if (flags & (NEWS_COPY | NEWS_INPLACE)) {
        ck_assert_int_eq(a->title.ptr[a->title.len], '\0');
        ck_assert_int_eq(a->kicker.ptr[a->kicker.len], '\0');
        ck_assert_int_eq(a->authors->bio.ptr[a->authors->bio.len], '\0');
        ck_assert_int_eq(a->ext->value.ptr[a->ext->value.len], '\0');
        ck_assert_int_eq(a->related->ext->key.ptr[a->related->ext->key.len], '\0');
        for (b = a->body; b != NULL; b = b->next)
            ck_assert_int_eq(b->text.ptr[b->text.len], '\0');
    }
}

static void read_all(unsigned flags)
{
    size_t len;
    unsigned long lines[STORE_ARTICLES];
    char *store = make_store(&len, lines), *input;
    news_article refs[STORE_ARTICLES], a;
    news_arena ar;
    news_reader r;
    counter c;
    news_allocator al = make_allocator(&c, 0);
    size_t first_cap = 0;
    int k;

    reference(store, len, refs);
    input = malloc(len + 1); /* NEWS_INPLACE may write input[len] */
    ck_assert_ptr_nonnull(input);
    memcpy(input, store, len);
    input[len] = 'X';

    memset(&ar, 0, sizeof ar);
    news_reader_init(&r, input, len, NULL);
    for (k = 0; k < STORE_ARTICLES; k++) {
        ck_assert_int_eq(news_read_article_alloc(&r, &a, &ar, flags, &al), NEWS_OK);
        ck_assert_msg(util_article_equal(&a, &refs[k]), "flags %u: article %d differs", flags,
                      k);
        ck_assert_uint_eq(a.n_blocks, (size_t)(k * k * 12));
        ck_assert_ptr_nonnull(ar.base);
        ck_assert_uint_le(ar.used, ar.cap);
        ck_assert_int_eq(c.live, 1); /* the old arena is freed when it grows */
        check_strings(&a, flags, input, len, &ar);
        if (k == 0)
            first_cap = ar.cap;
    }
    ck_assert_msg(ar.cap > first_cap, "the arena did not grow");
    ck_assert_int_gt(c.calls, 1);
    ck_assert_int_eq(news_read_article_alloc(&r, &a, &ar, flags, &al), NEWS_END);
    ck_assert_int_eq(news_read_article_alloc(&r, &a, &ar, flags, &al), NEWS_END);
    news_free(&al, ar.base);
    ck_assert_int_eq(c.live, 0);
    free(input);
    free(store);
}

START_TEST(test_alloc_views)
{
    read_all(0);
}
END_TEST

START_TEST(test_alloc_copy)
{
    read_all(NEWS_COPY);
}
END_TEST

START_TEST(test_alloc_inplace)
{
    read_all(NEWS_INPLACE);
}
END_TEST

/* The default allocator (NULL) reads the same. */
START_TEST(test_alloc_heap)
{
    size_t len;
    unsigned long lines[STORE_ARTICLES];
    char *store = make_store(&len, lines);
    news_article refs[STORE_ARTICLES], a;
    news_arena ar = {NULL, 0, 0};
    news_reader r;
    int k;

    reference(store, len, refs);
    news_reader_init(&r, store, len, NULL);
    for (k = 0; k < STORE_ARTICLES; k++) {
        ck_assert_int_eq(news_read_article_alloc(&r, &a, &ar, NEWS_COPY, NULL), NEWS_OK);
        ck_assert(util_article_equal(&a, &refs[k]));
    }
    ck_assert_int_eq(news_read_article_alloc(&r, &a, &ar, 0, NULL), NEWS_END);
    news_free(NULL, ar.base);
    free(store);
}
END_TEST

/* After NEWS_ERR_NOMEM the reader stands where it stood before the call:
 * its next event is the article that failed. */
static void expect_rewound(const news_reader *r, unsigned long line)
{
    news_reader probe = *r;
    news_event ev;
    ck_assert_int_eq(news_reader_next(&probe, &ev), NEWS_OK);
    ck_assert_int_eq(ev.type, NEWS_EV_ARTICLE);
    ck_assert_uint_eq(ev.line, line);
}

/* Fail the Nth allocation, for N = 1, 2, ... until none fails: every
 * failure is a clean NEWS_ERR_NOMEM, the call is retried and reads the
 * same article, all articles come out right, nothing leaks. */
static void failing_reads(unsigned flags, int fail_after)
{
    size_t len;
    unsigned long lines[STORE_ARTICLES];
    char *store = make_store(&len, lines);
    news_article refs[STORE_ARTICLES];
    long fail_at;
    int done = 0;

    reference(store, len, refs);
    for (fail_at = 1; !done && fail_at < 200; fail_at++) {
        char *input = malloc(len + 1);
        counter c;
        news_allocator al = make_allocator(&c, fail_at);
        news_arena ar;
        news_reader r;
        news_article a;
        int k, rc, retries = 0;

        c.fail_after = fail_after;
        ck_assert_ptr_nonnull(input);
        memcpy(input, store, len);
        memset(&ar, 0, sizeof ar);
        news_reader_init(&r, input, len, NULL);
        for (k = 0; k < STORE_ARTICLES; k++) {
            long live_before = c.live, failures_before = c.failures;
            char *base_before = ar.base;
            rc = news_read_article_alloc(&r, &a, &ar, flags, &al);
            while (rc == NEWS_ERR_NOMEM) {
                /* a failed allocation, the old arena kept, nothing leaked */
                ck_assert_int_gt(c.failures, failures_before);
                ck_assert_int_eq(c.live, live_before);
                ck_assert_ptr_eq(ar.base, base_before);
                expect_rewound(&r, lines[k]);
                if (++retries > 3)
                    c.fail_at = 0; /* give in: let the retry succeed */
                failures_before = c.failures;
                rc = news_read_article_alloc(&r, &a, &ar, flags, &al);
            }
            ck_assert_msg(rc == NEWS_OK, "fail at %ld, article %d: %s", fail_at, k,
                          util_code_name(rc));
            ck_assert_msg(util_article_equal(&a, &refs[k]), "fail at %ld: article %d differs",
                          fail_at, k);
            ck_assert_int_eq(c.live, 1);
        }
        ck_assert_int_eq(news_read_article_alloc(&r, &a, &ar, flags, &al), NEWS_END);
        news_free(&al, ar.base);
        ck_assert_msg(c.live == 0, "fail at %ld: %ld allocations leaked", fail_at, c.live);
        if (c.failures == 0)
            done = 1;
        else if (!fail_after)
            ck_assert_int_eq(c.failures, 1);
        free(input);
    }
    ck_assert(done);
    free(store);
}

START_TEST(test_alloc_failing_views)
{
    failing_reads(0, 0);
}
END_TEST

START_TEST(test_alloc_failing_copy)
{
    failing_reads(NEWS_COPY, 0);
}
END_TEST

START_TEST(test_alloc_failing_inplace)
{
    failing_reads(NEWS_INPLACE, 0);
}
END_TEST

/* Failing on every call from N on: repeated NEWS_ERR_NOMEM, each time
 * rewound, then success once memory is back. */
START_TEST(test_alloc_failing_persistent)
{
    failing_reads(0, 1);
    failing_reads(NEWS_INPLACE, 1);
}
END_TEST

/* A reader error in a later article comes through; what was allocated
 * is still the caller's to free. */
START_TEST(test_alloc_reader_error)
{
    static const char text[] = "%news 1\ntitle: one\n%news 1\ntitle: two\ntitle: again\n";
    counter c;
    news_allocator al = make_allocator(&c, 0);
    news_arena ar = {NULL, 0, 0};
    news_reader r;
    news_article a;

    news_reader_init(&r, text, sizeof text - 1, NULL);
    ck_assert_int_eq(news_read_article_alloc(&r, &a, &ar, 0, &al), NEWS_OK);
    ck_assert_int_eq(news_read_article_alloc(&r, &a, &ar, 0, &al), NEWS_ERR_DUPLICATE);
    ck_assert_uint_eq(news_reader_error(&r)->line, 5);
    ck_assert_uint_eq(news_reader_error(&r)->column, 1);
    ck_assert_int_eq(news_read_article_alloc(&r, &a, &ar, 0, &al), NEWS_ERR_DUPLICATE);
    news_free(&al, ar.base);
    ck_assert_int_eq(c.live, 0);
}
END_TEST

START_TEST(test_alloc_arguments)
{
    news_reader r, s;
    news_article a;
    news_arena ar = {NULL, 0, 0};
    char line[64];
    counter c;
    news_allocator al = make_allocator(&c, 0);

    news_reader_init(&r, "%news 1\ntitle: t\n", 17, NULL);
    ck_assert_int_eq(news_read_article_alloc(NULL, &a, &ar, 0, &al), NEWS_ERR_ARG);
    ck_assert_int_eq(news_read_article_alloc(&r, NULL, &ar, 0, &al), NEWS_ERR_ARG);
    ck_assert_int_eq(news_read_article_alloc(&r, &a, NULL, 0, &al), NEWS_ERR_ARG);
    /* a stream reader cannot be rewound */
    news_reader_init_stream(&s, line, sizeof line, NULL);
    ck_assert_int_eq(news_read_article_alloc(&s, &a, &ar, 0, &al), NEWS_ERR_ARG);
    ck_assert_int_eq(c.calls, 0);
    /* the refused calls did not move the reader */
    ck_assert_int_eq(news_read_article_alloc(&r, &a, &ar, 0, &al), NEWS_OK);
    ck_assert_uint_eq(a.title.len, 1);
    news_free(&al, ar.base);
    ck_assert_int_eq(c.live, 0);
}
END_TEST

/* ---------------------------------------------------------------------
 * Error strings, version, field keys, limits
 * ------------------------------------------------------------------ */

START_TEST(test_strerror)
{
    int a, b;
    for (a = NEWS_ERR_STATE; a <= NEWS_MORE; a++) {
        const char *s = news_strerror(a);
        ck_assert_ptr_nonnull(s);
        ck_assert_msg(s[0] != '\0', "code %d: empty message", a);
        ck_assert_msg(strcmp(s, "unknown error") != 0, "code %d is unknown", a);
        for (b = NEWS_ERR_STATE; b < a; b++)
            ck_assert_msg(strcmp(s, news_strerror(b)) != 0, "codes %d and %d share \"%s\"", a, b,
                          s);
    }
    ck_assert_str_eq(news_strerror(NEWS_ERR_STATE - 1), "unknown error");
    ck_assert_str_eq(news_strerror(-100), "unknown error");
    ck_assert_str_eq(news_strerror(NEWS_MORE + 1), "unknown error");
    ck_assert_str_eq(news_strerror(100), "unknown error");
    ck_assert_str_eq(news_strerror(INT_MIN), "unknown error");
    ck_assert_str_eq(news_strerror(INT_MAX), "unknown error");
    /* the message in an error is the same sentence */
    {
        news_error err;
        news_article art;
        news_arena ar = {NULL, 0, 0};
        ck_assert_int_eq(news_parse("%news 2\n", 8, &art, &ar, 0, &err), NEWS_ERR_VERSION);
        ck_assert_str_eq(err.message, news_strerror(NEWS_ERR_VERSION));
    }
}
END_TEST

START_TEST(test_version)
{
    const char *v = news_version();
    int major = -1, minor = -1, patch = -1, n = 0;
    char want[32];

    ck_assert_ptr_nonnull(v);
    ck_assert_str_eq(v, NEWS_VERSION_STRING);
    ck_assert_int_eq(sscanf(v, "%d.%d.%d%n", &major, &minor, &patch, &n), 3);
    ck_assert_uint_eq((size_t)n, strlen(v));
    ck_assert_int_eq(major, NEWS_VERSION_MAJOR);
    ck_assert_int_eq(minor, NEWS_VERSION_MINOR);
    ck_assert_int_eq(patch, NEWS_VERSION_PATCH);
    /* no sign, no leading zeros, no spaces: exactly MAJOR.MINOR.PATCH */
    snprintf(want, sizeof want, "%d.%d.%d", major, minor, patch);
    ck_assert_str_eq(v, want);
    ck_assert_ptr_eq(news_version(), v); /* static storage */
    ck_assert_int_eq(NEWS_FORMAT_VERSION, 1);
}
END_TEST

static const char *const header_keys[NEWS_FIELD_COUNT] = {
    "title", "dek",   "kicker",        "summary", "source", "url",        "id",        "language",
    "published", "modified", "image", "image-caption", "tag", "author", "author-url",
    "author-bio"};
static const char *const link_keys[NEWS_LINK_COUNT] = {"title", "kicker", "summary", "url"};

/* The reader's field id for key in a header (link = 0) or a link. */
static int reader_id(const char *key, int link)
{
    util_buf doc = {NULL, 0, 0};
    const char *value = strcmp(key, "published") == 0 || strcmp(key, "modified") == 0
                            ? "2024-05-01T07:30:00Z"
                        : strcmp(key, "language") == 0 ? "en"
                                                       : "v";
    news_reader r;
    news_event ev;
    int rc, id = -100;

    util_buf_add(&doc, "%news 1\n", 8);
    if (link || strcmp(key, "title") != 0)
        util_buf_printf(&doc, "title: t\n");
    if (!link && strncmp(key, "author-", 7) == 0)
        util_buf_printf(&doc, "author: a\n");
    if (!link && strcmp(key, "image-caption") == 0)
        util_buf_printf(&doc, "image: i\n");
    if (link) {
        util_buf_printf(&doc, "\n-\n");
        if (strcmp(key, "title") != 0)
            util_buf_printf(&doc, "title: l\n");
    }
    util_buf_printf(&doc, "%s: %s\n", key, value);
    news_reader_init(&r, doc.p, doc.len, NULL);
    while ((rc = news_reader_next(&r, &ev)) == NEWS_OK)
        if ((ev.type == NEWS_EV_FIELD || ev.type == NEWS_EV_LINK_FIELD) &&
            (ev.type == NEWS_EV_LINK_FIELD) == (link != 0) && ev.key.len == strlen(key) &&
            memcmp(ev.key.ptr, key, ev.key.len) == 0)
            id = ev.field;
    ck_assert_int_eq(rc, NEWS_END);
    util_buf_free(&doc);
    return id;
}

START_TEST(test_field_keys)
{
    int id;
    for (id = 0; id < NEWS_FIELD_COUNT; id++) {
        const char *k = news_field_key(id, 0);
        ck_assert_ptr_nonnull(k);
        ck_assert_str_eq(k, header_keys[id]);
        ck_assert_int_eq(reader_id(k, 0), id);
    }
    for (id = 0; id < NEWS_LINK_COUNT; id++) {
        const char *k = news_field_key(id, 1);
        ck_assert_ptr_nonnull(k);
        ck_assert_str_eq(k, link_keys[id]);
        ck_assert_int_eq(reader_id(k, 1), id);
    }
    /* keys of the other kind read as extension fields */
    ck_assert_int_eq(reader_id("author", 1), NEWS_FIELD_EXT);
    ck_assert_int_eq(reader_id("x-title", 0), NEWS_FIELD_EXT);
    /* unknown ids */
    ck_assert_ptr_null(news_field_key(-1, 0));
    ck_assert_ptr_null(news_field_key(NEWS_FIELD_EXT, 0));
    ck_assert_ptr_null(news_field_key(NEWS_FIELD_COUNT, 0));
    ck_assert_ptr_null(news_field_key(1000, 0));
    ck_assert_ptr_null(news_field_key(INT_MIN, 0));
    ck_assert_ptr_null(news_field_key(-1, 1));
    ck_assert_ptr_null(news_field_key(NEWS_LINK_COUNT, 1));
    ck_assert_ptr_null(news_field_key(NEWS_FIELD_AUTHOR, 1));
    ck_assert_int_eq(NEWS_FIELD_SINGLE, NEWS_FIELD_TAG);
}
END_TEST

START_TEST(test_limits_default)
{
    news_limits lim;
    memset(&lim, 0xff, sizeof lim);
    news_limits_default(&lim);
    ck_assert_uint_eq(lim.max_line, 65535);
    ck_assert_uint_eq(lim.max_fields, 1024);
    ck_assert_uint_eq(lim.max_authors, 64);
    ck_assert_uint_eq(lim.max_tags, 64);
    ck_assert_uint_eq(lim.max_links, 256);
    ck_assert_uint_eq(lim.max_blocks, 4096);
    ck_assert_uint_eq(lim.max_line, NEWS_DEFAULT_MAX_LINE);
    ck_assert_uint_eq(lim.max_fields, NEWS_DEFAULT_MAX_FIELDS);
    ck_assert_uint_eq(lim.max_authors, NEWS_DEFAULT_MAX_AUTHORS);
    ck_assert_uint_eq(lim.max_tags, NEWS_DEFAULT_MAX_TAGS);
    ck_assert_uint_eq(lim.max_links, NEWS_DEFAULT_MAX_LINKS);
    ck_assert_uint_eq(lim.max_blocks, NEWS_DEFAULT_MAX_BLOCKS);
}
END_TEST

Suite *hosted_suite(void)
{
    Suite *s = suite_create("hosted");
    TCase *tc = tcase_create("file");

    tcase_add_test(tc, test_file_read_sizes);
    tcase_add_test(tc, test_file_read_text);
    tcase_add_test(tc, test_file_read_errors);
    tcase_add_test(tc, test_file_read_stdin);
    tcase_add_test(tc, test_file_read_failing_allocator);
    tcase_add_test(tc, test_free_null);
    suite_add_tcase(s, tc);

    tc = tcase_create("alloc");
    tcase_set_timeout(tc, 300); /* generous: valgrind runs it 50 times slower */
    tcase_add_test(tc, test_alloc_views);
    tcase_add_test(tc, test_alloc_copy);
    tcase_add_test(tc, test_alloc_inplace);
    tcase_add_test(tc, test_alloc_heap);
    tcase_add_test(tc, test_alloc_failing_views);
    tcase_add_test(tc, test_alloc_failing_copy);
    tcase_add_test(tc, test_alloc_failing_inplace);
    tcase_add_test(tc, test_alloc_failing_persistent);
    tcase_add_test(tc, test_alloc_reader_error);
    tcase_add_test(tc, test_alloc_arguments);
    suite_add_tcase(s, tc);

    tc = tcase_create("facts");
    tcase_add_test(tc, test_strerror);
    tcase_add_test(tc, test_version);
    tcase_add_test(tc, test_field_keys);
    tcase_add_test(tc, test_limits_default);
    suite_add_tcase(s, tc);
    return s;
}
