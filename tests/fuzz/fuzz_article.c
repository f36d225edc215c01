/* fuzz_article.c - the arena builder (news_read_article, news_parse).
 *
 * Input: 4 parameter bytes, then the document.
 *   [0]    bits 0-1 flags: NEWS_COPY (1), NEWS_INPLACE (2), both (3);
 *          bit 2: stream mode (always copies); bit 3: an arena base one
 *          byte off alignment; bits 4-5 arena size: d, need - d,
 *          need + d, or 0; bit 6 (buffer mode): a NULL base (measure)
 *   [1..2] d, big-endian
 *   [3]    stream mode: chunk size - 1
 *
 * Every article is compared with one built from the reader's events by
 * fuzz_util.c, with no code of the library's builder. Checks: measuring
 * (NULL base) gives NEWS_OK, the counts and single-valued fields, no
 * lists, and the exact size; an arena of that size (aligned) succeeds
 * using exactly it; a smaller one gives NEWS_ERR_NOMEM with used set to
 * exactly that size and the reader standing after the article, and the
 * retry with that size succeeds; a misaligned arena needs at most
 * NEWS_ALIGN - 1 bytes more (it may need fewer). Strings are views into
 * the input, copies in the arena (NUL-terminated) with NEWS_COPY, or
 * NUL-terminated in the input with NEWS_INPLACE (given a malloc'd copy
 * with one spare byte). The arena is a heap block of exactly its capacity. Stream mode
 * at any chunk size gives the same articles and the same NOMEM sizes as
 * buffer mode. */
#include "fuzz_util.h"

#include <stdlib.h>
#include <string.h>

typedef struct params {
    unsigned flags;
    int stream, misalign, size_mode, null_base;
    size_t d, chunk;
} params;

/* Where every string of an article must lie. */
typedef struct where {
    const char *lo, *hi; /* [lo, hi) */
    int nul;             /* ptr[len] must be NUL (and inside [lo, hi)) */
} where;

static void check_place(void *user, news_str s)
{
    const where *w = (const where *)user;
    FZ_CHECK(s.ptr != NULL);
    FZ_CHECK(s.ptr >= w->lo && s.ptr <= w->hi && s.len <= (size_t)(w->hi - s.ptr));
    if (w->nul) {
        FZ_CHECK(s.len < (size_t)(w->hi - s.ptr));
        FZ_CHECK(s.ptr[s.len] == '\0');
    }
}

static size_t arena_size(const params *p, size_t need)
{
    switch (p->size_mode) {
    case 0: return p->d;
    case 1: return need > p->d ? need - p->d : 0;
    case 2: return need + p->d;
    default: return 0;
    }
}

/* The single-valued fields and counts of a measured article. */
static void check_measured(const news_article *m, const news_article *ref)
{
    news_article x = *m;
    x.tags = ref->tags;
    x.authors = ref->authors;
    x.body = ref->body;
    x.related = ref->related;
    x.ext = ref->ext;
    FZ_CHECK(m->tags == NULL && m->authors == NULL && m->body == NULL && m->related == NULL &&
             m->ext == NULL);
    FZ_CHECK(fz_article_equal(&x, ref));
}

static void same_error(const news_error *a, const news_error *b)
{
    FZ_CHECK(a->code == b->code && a->line == b->line && a->column == b->column &&
             a->offset == b->offset);
}

/* Two readers stand at the same place: their next events agree. */
static void same_place(news_reader a, news_reader b)
{
    news_event ea, eb;
    int ra = news_reader_next(&a, &ea), rb = news_reader_next(&b, &eb);
    FZ_CHECK(ra == rb);
    if (ra == NEWS_OK)
        FZ_CHECK(ea.type == eb.type && ea.line == eb.line);
}

static void buffer_mode(const params *p, const char *doc, size_t len)
{
    int inplace = (p->flags & (NEWS_COPY | NEWS_INPLACE)) == NEWS_INPLACE;
    char *pristine = fz_copy(doc, len, 0), *work = fz_copy(doc, len, inplace ? 1 : 0);
    news_reader r, ref;
    news_article a, ra;
    news_error perr;
    fz_pool pool = {NULL, 0, 0};
    unsigned long k;
    int rc, rc_ref;

    news_reader_init(&r, work, len, NULL);
    news_reader_init(&ref, pristine, len, NULL);
    for (k = 0;; k++) {
        news_reader saved = r, measured;
        news_arena m, ar;
        news_article ma;
        size_t need, cap;
        char *block;
        where w;

        rc_ref = fz_reference_article(&ref, &ra, &pool);
        if (k == 0) {
            /* news_parse is the first article of the same reading. */
            news_arena_init(&m, NULL, 0);
            rc = news_parse(pristine, len, &ma, &m, 0, &perr);
            FZ_CHECK(rc == rc_ref);
            if (rc < 0)
                same_error(&perr, news_reader_error(&ref));
            else
                FZ_CHECK(perr.code == NEWS_OK);
        }
        /* Measure. */
        news_arena_init(&m, NULL, 0);
        rc = news_read_article(&r, &ma, &m, p->flags);
        FZ_CHECK(rc == rc_ref);
        if (rc != NEWS_OK) {
            if (rc < 0)
                same_error(news_reader_error(&r), news_reader_error(&ref));
            break;
        }
        FZ_CHECK(m.base == NULL && m.cap == 0);
        need = m.used;
        check_measured(&ma, &ra);
        measured = r;

        /* The chosen arena. */
        cap = arena_size(p, need);
        if (inplace && cap < need + NEWS_ALIGN)
            cap = need + NEWS_ALIGN; /* a failed try would change the input */
        block = fz_copy("", 0, cap + (size_t)p->misalign);
        news_arena_init(&ar, p->null_base ? NULL : block + p->misalign, cap);
        r = saved;
        rc = news_read_article(&r, &a, &ar, p->flags);
        if (p->null_base) {
            FZ_CHECK(rc == NEWS_OK && ar.used == need);
            check_measured(&a, &ra);
            free(block);
            continue;
        }
        if (!p->misalign)
            FZ_CHECK(ar.used == need && rc == (cap >= need ? NEWS_OK : NEWS_ERR_NOMEM));
        else
            FZ_CHECK(ar.used < need + NEWS_ALIGN &&
                     rc == (cap >= ar.used ? NEWS_OK : NEWS_ERR_NOMEM));
        if (rc == NEWS_ERR_NOMEM) {
            /* The reader stands after the article; retry with the size
             * reported. */
            size_t again = ar.used;
            same_place(r, measured);
            free(block);
            block = fz_copy("", 0, again + (size_t)p->misalign);
            news_arena_init(&ar, block + p->misalign, again);
            r = saved;
            rc = news_read_article(&r, &a, &ar, p->flags);
            FZ_CHECK(rc == NEWS_OK && ar.used == again);
        }
        same_place(r, measured);
        FZ_CHECK(ar.used <= ar.cap);
        FZ_CHECK(fz_counts_ok(&a));
        FZ_CHECK(fz_article_equal(&a, &ra));
        if (p->flags & NEWS_COPY) {
            w.lo = ar.base;
            w.hi = ar.base + ar.used;
            w.nul = 1;
        } else {
            w.lo = work;
            w.hi = work + len + (size_t)inplace;
            w.nul = inplace;
        }
        fz_each_str(&a, check_place, &w);
        free(block);
    }
    fz_pool_free(&pool);
    free(work);
    free(pristine);
}

/* Stream mode: the same articles, and NOMEM at the same sizes. */
static void stream_mode(const params *p, const char *doc, size_t len)
{
    char *line = fz_copy("", 0, len + 2), *chunk = NULL, *pristine = fz_copy(doc, len, 0);
    news_reader r, ref, meas;
    news_article a, ra, ma;
    news_arena ar, m;
    fz_pool pool = {NULL, 0, 0};
    size_t pos = 0, need = 0, cap;
    char *block = NULL;
    int rc, rc_ref = NEWS_OK, fresh = 1;

    news_reader_init_stream(&r, line, len + 2, NULL);
    news_reader_init(&ref, pristine, len, NULL);
    news_reader_init(&meas, pristine, len, NULL);
    for (;;) {
        if (fresh) { /* a new article begins: what it should give */
            rc_ref = fz_reference_article(&ref, &ra, &pool);
            news_arena_init(&m, NULL, 0);
            FZ_CHECK(news_read_article(&meas, &ma, &m, NEWS_COPY) == rc_ref);
            need = m.used;
            cap = arena_size(p, need);
            free(block);
            block = fz_copy("", 0, cap + (size_t)p->misalign);
            news_arena_init(&ar, block + p->misalign, cap);
            fresh = 0;
        }
        rc = news_read_article(&r, &a, &ar, p->flags);
        if (rc == NEWS_MORE) {
            size_t n = p->chunk < len - pos ? p->chunk : len - pos;
            free(chunk);
            chunk = NULL;
            if (n == 0) {
                news_reader_finish(&r);
            } else {
                chunk = fz_copy(doc + pos, n, 0);
                FZ_CHECK(news_reader_feed(&r, chunk, n) == NEWS_OK);
                pos += n;
            }
            continue;
        }
        if (rc_ref != NEWS_OK) {
            FZ_CHECK(rc == rc_ref);
            if (rc < 0)
                same_error(news_reader_error(&r), news_reader_error(&ref));
            break;
        }
        if (!p->misalign) {
            FZ_CHECK(ar.used == need && rc == (ar.cap >= need ? NEWS_OK : NEWS_ERR_NOMEM));
        } else {
            FZ_CHECK(ar.used < need + NEWS_ALIGN);
            FZ_CHECK(rc == (ar.cap >= ar.used ? NEWS_OK : NEWS_ERR_NOMEM));
        }
        if (rc == NEWS_OK) {
            where w;
            w.lo = ar.base;
            w.hi = ar.base + ar.used;
            w.nul = 1;
            FZ_CHECK(fz_counts_ok(&a));
            FZ_CHECK(fz_article_equal(&a, &ra));
            fz_each_str(&a, check_place, &w);
        }
        fresh = 1;
    }
    free(block);
    free(chunk);
    fz_pool_free(&pool);
    free(pristine);
    free(line);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fz_in in = {data, size};
    unsigned h0 = fz_byte(&in);
    params p;
    char *doc;

    p.flags = h0 & 3;
    p.stream = (h0 & 4) != 0;
    p.misalign = (h0 & 8) != 0;
    p.size_mode = (int)(h0 >> 4) & 3;
    p.null_base = (h0 & 64) != 0;
    p.d = fz_u16(&in);
    p.chunk = fz_byte(&in) + 1;
    doc = fz_copy(in.p, in.n, 0);
    if (p.stream)
        stream_mode(&p, doc, in.n);
    else
        buffer_mode(&p, doc, in.n);
    free(doc);
    return 0;
}
