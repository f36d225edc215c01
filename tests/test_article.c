/* test_article.c - building articles in an arena (layer 2):
 * news_read_article, news_parse and news_arena_init. */
#include "util.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LIT(s) s, (sizeof(s) - 1)

/* An arena buffer aligned for anything the library may place in it. */
typedef union aligned_mem {
    void *p;
    size_t s;
    long double d;
    char c[1 << 15];
} aligned_mem;
static aligned_mem mem;

/* ------------------------------------------------------------------
 * helpers
 * ------------------------------------------------------------------ */

#define STR_IS(s, want) str_is((s), (want), #s, __LINE__)
static void str_is(news_str s, const char *want, const char *what, int line)
{
    size_t n = strlen(want);
    ck_assert_msg(s.ptr != NULL, "line %d: %s is absent, want \"%s\"", line, what, want);
    ck_assert_msg(s.len == n && memcmp(s.ptr, want, n) == 0,
                  "line %d: %s is \"%.*s\", want \"%s\"", line, what, (int)s.len, s.ptr, want);
}
#define ABSENT(s) ck_assert_msg((s).ptr == NULL, "%s should be absent", #s)

/* Every string (present ones) and every node of an article. */
typedef struct parts {
    news_str str[256];
    const void *node[128];
    size_t nstr, nnode;
} parts;

static void add_str(parts *p, news_str s)
{
    if (s.ptr == NULL)
        return;
    ck_assert_uint_lt(p->nstr, sizeof p->str / sizeof p->str[0]);
    p->str[p->nstr++] = s;
}

static void add_node(parts *p, const void *n)
{
    ck_assert_uint_lt(p->nnode, sizeof p->node / sizeof p->node[0]);
    p->node[p->nnode++] = n;
}

static void collect(const news_article *a, parts *p)
{
    const news_tag *t;
    const news_author *au;
    const news_block *b;
    const news_link *l;
    const news_field *f;

    p->nstr = p->nnode = 0;
    add_str(p, a->title);
    add_str(p, a->dek);
    add_str(p, a->kicker);
    add_str(p, a->summary);
    add_str(p, a->source);
    add_str(p, a->url);
    add_str(p, a->id);
    add_str(p, a->language);
    add_str(p, a->published);
    add_str(p, a->modified);
    add_str(p, a->image);
    add_str(p, a->image_caption);
    for (t = a->tags; t != NULL; t = t->next) {
        add_node(p, t);
        add_str(p, t->text);
    }
    for (au = a->authors; au != NULL; au = au->next) {
        add_node(p, au);
        add_str(p, au->name);
        add_str(p, au->url);
        add_str(p, au->bio);
    }
    for (f = a->ext; f != NULL; f = f->next) {
        add_node(p, f);
        add_str(p, f->key);
        add_str(p, f->value);
    }
    for (b = a->body; b != NULL; b = b->next) {
        add_node(p, b);
        add_str(p, b->text);
    }
    for (l = a->related; l != NULL; l = l->next) {
        add_node(p, l);
        add_str(p, l->title);
        add_str(p, l->kicker);
        add_str(p, l->summary);
        add_str(p, l->url);
        for (f = l->ext; f != NULL; f = f->next) {
            add_node(p, f);
            add_str(p, f->key);
            add_str(p, f->value);
        }
    }
}

static int within(const void *p, size_t n, const void *lo, size_t size)
{
    const char *c = (const char *)p, *b = (const char *)lo;
    return c >= b && c <= b + size && n <= (size_t)(b + size - c);
}

/* All strings lie in [lo, lo + size) (NUL included when nul is set,
 * then also checked to be there). */
static void strings_within(const parts *p, const void *lo, size_t size, int nul, const char *what)
{
    size_t k;
    for (k = 0; k < p->nstr; k++) {
        news_str s = p->str[k];
        ck_assert_msg(within(s.ptr, s.len + (nul ? 1 : 0), lo, size),
                      "%s: string %lu \"%.*s\" outside", what, (unsigned long)k, (int)s.len, s.ptr);
        if (nul) {
            ck_assert_msg(s.ptr[s.len] == '\0', "%s: string \"%.*s\" not NUL-terminated", what,
                          (int)s.len, s.ptr);
            ck_assert_uint_eq(strlen(s.ptr), s.len);
        }
    }
}

static void nodes_within(const parts *p, const void *lo, size_t size)
{
    size_t k;
    for (k = 0; k < p->nnode; k++) {
        ck_assert(within(p->node[k], 1, lo, size));
        ck_assert_msg((uintptr_t)p->node[k] % NEWS_ALIGN == 0, "node %lu misaligned",
                      (unsigned long)k);
    }
}

/* ------------------------------------------------------------------
 * The story used throughout, and what it must give
 * ------------------------------------------------------------------ */

static const char story[] = "%news 1\n"
                            "title: Beekeepers count the winter losses\n"
                            "dek: Fewer hives, stronger queens\n"
                            "kicker: Countryside\n"
                            "summary: A survey of forty apiaries\n"
                            "source: Valley Post\n"
                            "url: https://valley.invalid/bees\n"
                            "id: vp-77\n"
                            "language: cy\n"
                            "published: 2029-01-15T06:00:00Z\n"
                            "modified: 2029-01-16T08:30:00-05:00\n"
                            "image: https://valley.invalid/hive.jpg\n"
                            "image-caption: A hive under snow\n"
                            "tag: bees\n"
                            "tag: farming\n"
                            "tag: winter\n"
                            "author: Mared Tudur\n"
                            "author: Ivo Lindqvist\n"
                            "author-bio: Ivo keeps six hives.\n"
                            "author-url: https://valley.invalid/ivo\n"
                            "author: Sabine Okafor\n"
                            "author-url: https://valley.invalid/sabine\n"
                            "x-region: north\n"
                            "x-note:\n"
                            "x-region: south\n"
                            "\n"
                            "Most hives survived the cold.\n"
                            "# Numbers\n"
                            "\n"
                            "> We lost three colonies.\n"
                            "\\# twelve percent\n"
                            "-\n"
                            "title: Last year's survey\n"
                            "url: https://valley.invalid/2028\n"
                            "x-archive: yes\n"
                            "x-lang: cy\n"
                            "-\n"
                            "title: Honey prices\n"
                            "kicker: Market\n"
                            "summary:\n"
                            "x-archive: no\n";

static void check_story(const news_article *a)
{
    const news_tag *t;
    const news_author *au;
    const news_block *b;
    const news_link *l;
    const news_field *f;

    STR_IS(a->title, "Beekeepers count the winter losses");
    STR_IS(a->dek, "Fewer hives, stronger queens");
    STR_IS(a->kicker, "Countryside");
    STR_IS(a->summary, "A survey of forty apiaries");
    STR_IS(a->source, "Valley Post");
    STR_IS(a->url, "https://valley.invalid/bees");
    STR_IS(a->id, "vp-77");
    STR_IS(a->language, "cy");
    STR_IS(a->published, "2029-01-15T06:00:00Z");
    STR_IS(a->modified, "2029-01-16T08:30:00-05:00");
    STR_IS(a->image, "https://valley.invalid/hive.jpg");
    STR_IS(a->image_caption, "A hive under snow");

    ck_assert_uint_eq(a->n_tags, 3);
    t = a->tags;
    ck_assert_ptr_nonnull(t);
    STR_IS(t->text, "bees");
    t = t->next;
    ck_assert_ptr_nonnull(t);
    STR_IS(t->text, "farming");
    t = t->next;
    ck_assert_ptr_nonnull(t);
    STR_IS(t->text, "winter");
    ck_assert_ptr_null(t->next);

    /* author-url and author-bio belong to the author named last. */
    ck_assert_uint_eq(a->n_authors, 3);
    au = a->authors;
    ck_assert_ptr_nonnull(au);
    STR_IS(au->name, "Mared Tudur");
    ABSENT(au->url);
    ABSENT(au->bio);
    au = au->next;
    ck_assert_ptr_nonnull(au);
    STR_IS(au->name, "Ivo Lindqvist");
    STR_IS(au->url, "https://valley.invalid/ivo");
    STR_IS(au->bio, "Ivo keeps six hives.");
    au = au->next;
    ck_assert_ptr_nonnull(au);
    STR_IS(au->name, "Sabine Okafor");
    STR_IS(au->url, "https://valley.invalid/sabine");
    ABSENT(au->bio);
    ck_assert_ptr_null(au->next);

    ck_assert_uint_eq(a->n_ext, 3);
    f = a->ext;
    ck_assert_ptr_nonnull(f);
    STR_IS(f->key, "x-region");
    STR_IS(f->value, "north");
    f = f->next;
    ck_assert_ptr_nonnull(f);
    STR_IS(f->key, "x-note");
    STR_IS(f->value, "");
    f = f->next;
    ck_assert_ptr_nonnull(f);
    STR_IS(f->key, "x-region");
    STR_IS(f->value, "south");
    ck_assert_ptr_null(f->next);

    ck_assert_uint_eq(a->n_blocks, 4);
    b = a->body;
    ck_assert_ptr_nonnull(b);
    ck_assert_int_eq(b->kind, NEWS_BLOCK_PARAGRAPH);
    STR_IS(b->text, "Most hives survived the cold.");
    b = b->next;
    ck_assert_ptr_nonnull(b);
    ck_assert_int_eq(b->kind, NEWS_BLOCK_HEADING);
    STR_IS(b->text, "Numbers");
    b = b->next;
    ck_assert_ptr_nonnull(b);
    ck_assert_int_eq(b->kind, NEWS_BLOCK_QUOTE);
    STR_IS(b->text, "We lost three colonies.");
    b = b->next;
    ck_assert_ptr_nonnull(b);
    ck_assert_int_eq(b->kind, NEWS_BLOCK_PARAGRAPH);
    STR_IS(b->text, "# twelve percent");
    ck_assert_ptr_null(b->next);

    /* Link extension fields belong to their link. */
    ck_assert_uint_eq(a->n_related, 2);
    l = a->related;
    ck_assert_ptr_nonnull(l);
    STR_IS(l->title, "Last year's survey");
    STR_IS(l->url, "https://valley.invalid/2028");
    ABSENT(l->kicker);
    ABSENT(l->summary);
    ck_assert_uint_eq(l->n_ext, 2);
    f = l->ext;
    ck_assert_ptr_nonnull(f);
    STR_IS(f->key, "x-archive");
    STR_IS(f->value, "yes");
    f = f->next;
    ck_assert_ptr_nonnull(f);
    STR_IS(f->key, "x-lang");
    STR_IS(f->value, "cy");
    ck_assert_ptr_null(f->next);
    l = l->next;
    ck_assert_ptr_nonnull(l);
    STR_IS(l->title, "Honey prices");
    STR_IS(l->kicker, "Market");
    STR_IS(l->summary, "");
    ABSENT(l->url);
    ck_assert_uint_eq(l->n_ext, 1);
    ck_assert_ptr_nonnull(l->ext);
    STR_IS(l->ext->key, "x-archive");
    STR_IS(l->ext->value, "no");
    ck_assert_ptr_null(l->ext->next);
    ck_assert_ptr_null(l->next);
}

/* Read the first article of data with a fresh buffer-mode reader. */
static int read_one(const char *data, size_t len, news_article *a, news_arena *ar,
                    unsigned flags)
{
    news_reader r;
    news_reader_init(&r, data, len, NULL);
    return news_read_article(&r, a, ar, flags);
}

/* Bytes the first article of data needs (measured with base NULL). */
static size_t needed(const char *data, size_t len, unsigned flags)
{
    news_article a;
    news_arena ar;
    news_arena_init(&ar, NULL, 0);
    ck_assert_int_eq(read_one(data, len, &a, &ar, flags), NEWS_OK);
    return ar.used;
}

/* ------------------------------------------------------------------
 * Tests
 * ------------------------------------------------------------------ */

START_TEST(all_fields_view)
{
    news_article a;
    news_arena ar;
    parts p;

    news_arena_init(&ar, mem.c, sizeof mem.c);
    ck_assert_int_eq(read_one(LIT(story), &a, &ar, 0), NEWS_OK);
    check_story(&a);
    /* View mode: every string points into the input, nodes into the
     * arena. */
    collect(&a, &p);
    /* 12 single values, 3 tags, 6 author strings, 3 extension fields
     * (key and value), 4 blocks, 2 + 2 * 2 and 3 + 1 * 2 link strings */
    ck_assert_uint_eq(p.nstr, 12 + 3 + 6 + 6 + 4 + 6 + 5);
    strings_within(&p, story, sizeof story - 1, 0, "view");
    nodes_within(&p, mem.c, ar.used);
    ck_assert_uint_eq(p.nnode, 3 + 3 + 3 + 4 + 2 + 3);
}
END_TEST

START_TEST(absent_and_empty)
{
    static const char in[] = "%news 1\n"
                             "title: Fog\n"
                             "dek:\n"
                             "summary: \n"
                             "image:\n"
                             "image-caption:\n"
                             "author: Nel\n"
                             "author-bio:\n"
                             "x-void:\n"
                             "\n"
                             "\\\n"
                             "#\n"
                             ">\n"
                             "\\  \n"
                             "-\n"
                             "title: Mist\n"
                             "kicker:\n";
    unsigned flags;

    for (flags = 0; flags <= NEWS_COPY; flags += NEWS_COPY) {
        news_article a;
        news_arena ar;
        const news_block *b;

        news_arena_init(&ar, mem.c, sizeof mem.c);
        ck_assert_int_eq(read_one(LIT(in), &a, &ar, flags), NEWS_OK);
        STR_IS(a.title, "Fog");
        STR_IS(a.dek, "");
        STR_IS(a.summary, "");
        STR_IS(a.image, "");
        STR_IS(a.image_caption, "");
        ABSENT(a.kicker);
        ABSENT(a.source);
        ABSENT(a.url);
        ABSENT(a.id);
        ABSENT(a.language);
        ABSENT(a.published);
        ABSENT(a.modified);
        ck_assert_ptr_null(a.tags);
        ck_assert_uint_eq(a.n_tags, 0);
        ck_assert_uint_eq(a.n_authors, 1);
        STR_IS(a.authors->name, "Nel");
        ABSENT(a.authors->url);
        STR_IS(a.authors->bio, "");
        ck_assert_uint_eq(a.n_ext, 1);
        STR_IS(a.ext->value, "");
        ck_assert_uint_eq(a.n_blocks, 4);
        b = a.body;
        ck_assert_int_eq(b->kind, NEWS_BLOCK_PARAGRAPH);
        STR_IS(b->text, "");
        b = b->next;
        ck_assert_int_eq(b->kind, NEWS_BLOCK_HEADING);
        STR_IS(b->text, "");
        b = b->next;
        ck_assert_int_eq(b->kind, NEWS_BLOCK_QUOTE);
        STR_IS(b->text, "");
        b = b->next;
        ck_assert_int_eq(b->kind, NEWS_BLOCK_PARAGRAPH);
        STR_IS(b->text, "  ");
        ck_assert_uint_eq(a.n_related, 1);
        STR_IS(a.related->kicker, "");
        ABSENT(a.related->summary);
        ABSENT(a.related->url);
        ck_assert_ptr_null(a.related->ext);
        ck_assert_uint_eq(a.related->n_ext, 0);
        if (flags & NEWS_COPY) {
            /* Empty copies are NUL-terminated strings in the arena. */
            ck_assert(within(a.dek.ptr, 1, mem.c, ar.used));
            ck_assert_int_eq(a.dek.ptr[0], '\0');
        }
    }
    /* A title-only article: every list NULL, every count 0. */
    {
        news_article a;
        news_arena ar;
        news_arena_init(&ar, mem.c, sizeof mem.c);
        memset(&a, 0x5A, sizeof a);
        ck_assert_int_eq(read_one(LIT("%news 1\ntitle: Bare\n"), &a, &ar, 0), NEWS_OK);
        STR_IS(a.title, "Bare");
        ABSENT(a.dek);
        ABSENT(a.image_caption);
        ck_assert_ptr_null(a.tags);
        ck_assert_ptr_null(a.authors);
        ck_assert_ptr_null(a.body);
        ck_assert_ptr_null(a.related);
        ck_assert_ptr_null(a.ext);
        ck_assert_uint_eq(a.n_tags + a.n_authors + a.n_blocks + a.n_related + a.n_ext, 0);
        ck_assert_uint_eq(ar.used, 0);
    }
}
END_TEST

/* NEWS_COPY: NUL-terminated copies in the arena; the input may then be
 * overwritten and freed. */
START_TEST(copy_mode)
{
    news_article a, ref;
    news_arena ar, rar;
    static aligned_mem refmem;
    char *in = malloc(sizeof story);
    parts p;

    ck_assert_ptr_nonnull(in);
    memcpy(in, story, sizeof story);
    news_arena_init(&ar, mem.c, sizeof mem.c);
    ck_assert_int_eq(read_one(in, sizeof story - 1, &a, &ar, NEWS_COPY), NEWS_OK);
    check_story(&a);
    collect(&a, &p);
    strings_within(&p, mem.c, ar.used, 1, "copy");
    nodes_within(&p, mem.c, ar.used);
    memset(in, 'X', sizeof story);
    free(in);
    check_story(&a);
    news_arena_init(&rar, refmem.c, sizeof refmem.c);
    ck_assert_int_eq(read_one(LIT(story), &ref, &rar, 0), NEWS_OK);
    ck_assert(util_article_equal(&a, &ref));
    /* It needs more room than the views only. */
    ck_assert_uint_gt(ar.used, rar.used);
}
END_TEST

/* NEWS_INPLACE: each string is NUL-terminated in the (writable) input,
 * which has one spare byte after the last. CR LF line endings, an
 * extension key, and a last line without LF. */
START_TEST(inplace_mode)
{
    util_buf b = {NULL, 0, 0};
    size_t k, len;
    news_article a, ref;
    news_arena ar, rar;
    static aligned_mem refmem;
    parts p;
    char *in;

    for (k = 0; k < sizeof story - 1; k++) {
        if (story[k] == '\n')
            util_buf_add(&b, "\r", 1);
        util_buf_add(&b, story + k, 1);
    }
    len = b.len - 2; /* no final CR LF */
    in = malloc(len + 1);
    ck_assert_ptr_nonnull(in);
    memcpy(in, b.p, len);
    in[len] = '@'; /* the spare byte; must become NUL */
    news_arena_init(&ar, mem.c, sizeof mem.c);
    ck_assert_int_eq(read_one(in, len, &a, &ar, NEWS_INPLACE), NEWS_OK);
    check_story(&a);
    collect(&a, &p);
    strings_within(&p, in, len + 1, 1, "inplace");
    nodes_within(&p, mem.c, ar.used);
    ck_assert_int_eq(in[len], '\0');
    /* The CR of "title: ...\r\n" became the NUL. */
    ck_assert_int_eq(a.title.ptr[a.title.len], '\0');
    ck_assert_int_eq(a.title.ptr[a.title.len + 1], '\n');
    /* The extension key is a C string too (its ':' became the NUL). */
    ck_assert_str_eq(a.ext->key.ptr, "x-region");
    ck_assert_str_eq(a.related->next->ext->key.ptr, "x-archive");
    ck_assert_str_eq(a.related->next->ext->value.ptr, "no");
    /* Strings still point into the input, not into the arena. */
    ck_assert(within(a.related->title.ptr, 1, in, len));
    news_arena_init(&rar, refmem.c, sizeof refmem.c);
    ck_assert_int_eq(read_one(b.p, b.len, &ref, &rar, 0), NEWS_OK);
    ck_assert(util_article_equal(&a, &ref));
    ck_assert_uint_eq(ar.used, rar.used);
    free(in);
    util_buf_free(&b);
}
END_TEST

/* Measuring with base NULL: NEWS_OK, the exact size, lists NULL, the
 * single-valued fields and the counts set. */
START_TEST(measure)
{
    unsigned flags[] = {0, NEWS_COPY, NEWS_INPLACE};
    size_t k;

    for (k = 0; k < 3; k++) {
        news_article a, full;
        news_arena ar;
        char *in = malloc(sizeof story);

        ck_assert_ptr_nonnull(in);
        memcpy(in, story, sizeof story);
        news_arena_init(&ar, NULL, 12345);
        ck_assert_ptr_null(ar.base);
        ck_assert_uint_eq(ar.used, 0);
        memset(&a, 0x5A, sizeof a);
        ck_assert_int_eq(read_one(in, sizeof story - 1, &a, &ar, flags[k]), NEWS_OK);
        ck_assert_ptr_null(a.tags);
        ck_assert_ptr_null(a.authors);
        ck_assert_ptr_null(a.body);
        ck_assert_ptr_null(a.related);
        ck_assert_ptr_null(a.ext);
        ck_assert_uint_eq(a.n_tags, 3);
        ck_assert_uint_eq(a.n_authors, 3);
        ck_assert_uint_eq(a.n_blocks, 4);
        ck_assert_uint_eq(a.n_related, 2);
        ck_assert_uint_eq(a.n_ext, 3);
        STR_IS(a.title, "Beekeepers count the winter losses");
        STR_IS(a.image_caption, "A hive under snow");
        {
            size_t need = ar.used;
            ck_assert_uint_gt(need, 0);
            news_arena_init(&ar, mem.c, sizeof mem.c);
            ck_assert_int_eq(read_one(LIT(story), &full, &ar, flags[k] & NEWS_COPY), NEWS_OK);
            ck_assert_uint_eq(ar.used, need);
        }
        free(in);
    }
    /* Copies are counted: one byte more per string than the text. */
    ck_assert_uint_eq(needed(LIT("%news 1\ntitle: Owl\n"), 0), 0);
    ck_assert_uint_eq(needed(LIT("%news 1\ntitle: Owl\n"), NEWS_COPY), 4);
    ck_assert_uint_eq(needed(LIT("%news 1\ntitle: Owl\ndek:\n"), NEWS_COPY), 5);
}
END_TEST

/* Too small an arena, at every size below the need: NEWS_ERR_NOMEM and
 * ar->used == the need; at exactly the need: NEWS_OK. The reader stands
 * after the article that did not fit; a saved copy retries it. */
START_TEST(arena_every_size)
{
    static const char two[] = "%news 1\ntitle: Kestrel\ntag: birds\n\nHovering.\n"
                              "%news 1\ntitle: Second bird\n";
    unsigned flags;

    for (flags = 0; flags <= NEWS_COPY; flags += NEWS_COPY) {
        size_t need = needed(LIT(story), flags), cap;
        size_t need2 = needed(LIT(two), flags);

        ck_assert_uint_gt(need, 0);
        ck_assert_uint_lt(need, sizeof mem.c);
        for (cap = 0; cap < need; cap++) {
            news_article a;
            news_arena ar;
            size_t k;
            /* Nothing may be written at or past cap. */
            memset(mem.c + cap, 0xA5, 64);
            news_arena_init(&ar, mem.c, cap);
            ck_assert_int_eq(read_one(LIT(story), &a, &ar, flags), NEWS_ERR_NOMEM);
            ck_assert_msg(ar.used == need, "flags %u cap %lu: used %lu, need %lu", flags,
                          (unsigned long)cap, (unsigned long)ar.used, (unsigned long)need);
            for (k = 0; k < 64; k++)
                if ((unsigned char)mem.c[cap + k] != 0xA5)
                    ck_abort_msg("flags %u cap %lu: byte %lu past the arena written", flags,
                                 (unsigned long)cap, (unsigned long)k);
        }
        {
            news_article a;
            news_arena ar;
            size_t k;
            memset(mem.c + need, 0xA5, 64);
            news_arena_init(&ar, mem.c, need);
            ck_assert_int_eq(read_one(LIT(story), &a, &ar, flags), NEWS_OK);
            ck_assert_uint_eq(ar.used, need);
            check_story(&a);
            for (k = 0; k < 64; k++)
                if ((unsigned char)mem.c[need + k] != 0xA5)
                    ck_abort_msg("byte %lu past the arena written", (unsigned long)k);
        }
        /* After NEWS_ERR_NOMEM the reader is past the article. */
        for (cap = 0; cap < need2; cap += 3) {
            news_reader r, saved;
            news_article a;
            news_arena ar;

            news_reader_init(&r, LIT(two), NULL);
            saved = r;
            news_arena_init(&ar, mem.c, cap);
            ck_assert_int_eq(news_read_article(&r, &a, &ar, flags), NEWS_ERR_NOMEM);
            ck_assert_uint_eq(ar.used, need2);
            news_arena_init(&ar, mem.c, sizeof mem.c);
            ck_assert_int_eq(news_read_article(&r, &a, &ar, flags), NEWS_OK);
            STR_IS(a.title, "Second bird");
            /* Retry: rewind, arena of the size reported. */
            r = saved;
            news_arena_init(&ar, mem.c, need2);
            ck_assert_int_eq(news_read_article(&r, &a, &ar, flags), NEWS_OK);
            STR_IS(a.title, "Kestrel");
            ck_assert_uint_eq(a.n_tags, 1);
            STR_IS(a.tags->text, "birds");
            STR_IS(a.body->text, "Hovering.");
        }
    }
}
END_TEST

/* A misaligned base works with NEWS_ALIGN - 1 bytes more, and its nodes
 * are aligned. */
START_TEST(arena_misaligned)
{
    unsigned flags;
    size_t off;

    ck_assert_uint_ge(NEWS_ALIGN, sizeof(void *));
    ck_assert_uint_ge(NEWS_ALIGN, sizeof(size_t));
    ck_assert_uint_eq(NEWS_ALIGN & (NEWS_ALIGN - 1), 0);
    for (flags = 0; flags <= NEWS_COPY; flags += NEWS_COPY) {
        size_t need = needed(LIT(story), flags);
        for (off = 1; off < NEWS_ALIGN; off++) {
            news_article a;
            news_arena ar;
            parts p;

            news_arena_init(&ar, mem.c + off, need + NEWS_ALIGN - 1);
            ck_assert_int_eq(read_one(LIT(story), &a, &ar, flags), NEWS_OK);
            ck_assert_uint_le(ar.used, need + NEWS_ALIGN - 1);
            check_story(&a);
            collect(&a, &p);
            nodes_within(&p, mem.c + off, ar.used);
            if (flags & NEWS_COPY)
                strings_within(&p, mem.c + off, ar.used, 1, "misaligned copy");
        }
    }
}
END_TEST

/* A store, article by article, reusing the arena (used = 0 between). */
START_TEST(store)
{
    static const char in[] = "\n%news 1\ntitle: Dawn chorus\ntag: birds\n\nRobins first.\n"
                             "%news 1\ntitle: Noon lull\nauthor: Pim\n"
                             "\xEF\xBB\xBF%news 1\ntitle: Dusk flight\n-\ntitle: Bats\n"
                             "%news 1\ntitle: Night shift\nx-owl: yes";
    static const char *const titles[] = {"Dawn chorus", "Noon lull", "Dusk flight",
                                         "Night shift"};
    unsigned flags;

    for (flags = 0; flags <= NEWS_COPY; flags += NEWS_COPY) {
        news_reader r, mr;
        news_article a, ma;
        news_arena ar, mar;
        size_t k;

        news_reader_init(&r, LIT(in), NULL);
        news_reader_init(&mr, LIT(in), NULL);
        news_arena_init(&ar, mem.c, sizeof mem.c);
        news_arena_init(&mar, NULL, 0);
        for (k = 0; k < 4; k++) {
            ar.used = 0;
            mar.used = 0;
            ck_assert_int_eq(news_read_article(&mr, &ma, &mar, flags), NEWS_OK);
            ck_assert_int_eq(news_read_article(&r, &a, &ar, flags), NEWS_OK);
            STR_IS(a.title, titles[k]);
            ck_assert_uint_eq(a.n_tags, k == 0);
            ck_assert_uint_eq(a.n_blocks, k == 0);
            ck_assert_uint_eq(a.n_authors, k == 1);
            ck_assert_uint_eq(a.n_related, k == 2);
            ck_assert_uint_eq(a.n_ext, k == 3);
            if (k == 0)
                STR_IS(a.body->text, "Robins first.");
            if (k == 2)
                STR_IS(a.related->title, "Bats");
            if (k == 3)
                STR_IS(a.ext->value, "yes");
            /* Each article alone in the arena: what it measures alone. */
            ck_assert_uint_eq(ar.used, mar.used);
        }
        ck_assert_int_eq(news_read_article(&r, &a, &ar, flags), NEWS_END);
        ck_assert_int_eq(news_read_article(&r, &a, &ar, flags), NEWS_END);
    }
}
END_TEST

/* Stream mode: NEWS_MORE in the middle of an article keeps the half-built
 * article; the result equals the buffer-mode parse, with every string
 * copied into the arena (stream mode always copies, even when
 * NEWS_INPLACE is asked for). */
START_TEST(stream_more)
{
    static const char tail[] = "%news 1\ntitle: Second\n\nLast line";
    size_t step = util_chunks[_i];
    util_buf in = {NULL, 0, 0};
    news_article a, ref;
    news_arena ar, rar;
    static aligned_mem refmem;
    news_reader r;
    char line[64], *chunk;
    size_t pos = 0, k;
    unsigned long mores = 0;
    int rc;
    unsigned flags[] = {0, NEWS_COPY, NEWS_INPLACE};

    util_buf_add(&in, LIT(story));
    util_buf_add(&in, LIT(tail));
    if (step == 0)
        step = in.len;
    chunk = malloc(step);
    ck_assert_ptr_nonnull(chunk);
    news_arena_init(&rar, refmem.c, sizeof refmem.c);
    ck_assert_int_eq(read_one(LIT(story), &ref, &rar, 0), NEWS_OK);
    for (k = 0; k < 3; k++) {
        pos = 0;
        mores = 0;
        news_reader_init_stream(&r, line, sizeof line, NULL);
        news_arena_init(&ar, mem.c, sizeof mem.c);
        for (;;) {
            rc = news_read_article(&r, &a, &ar, flags[k]);
            if (rc != NEWS_MORE)
                break;
            mores++;
            if (pos == in.len) {
                news_reader_finish(&r);
            } else {
                size_t m = in.len - pos < step ? in.len - pos : step;
                /* The previous chunk's memory is reused: nothing may
                 * point into it any more. */
                memset(chunk, '?', step);
                memcpy(chunk, in.p + pos, m);
                ck_assert_int_eq(news_reader_feed(&r, chunk, m), NEWS_OK);
                pos += m;
            }
        }
        ck_assert_int_eq(rc, NEWS_OK);
        ck_assert_uint_ge(mores, (sizeof story - 1) / step);
        check_story(&a);
        ck_assert(util_article_equal(&a, &ref));
        {
            parts p;
            collect(&a, &p);
            strings_within(&p, mem.c, ar.used, 1, "stream");
            nodes_within(&p, mem.c, ar.used);
        }
        /* The second article, then the end. */
        ar.used = 0;
        while ((rc = news_read_article(&r, &a, &ar, flags[k])) == NEWS_MORE) {
            if (pos == in.len) {
                news_reader_finish(&r);
            } else {
                size_t m = in.len - pos < step ? in.len - pos : step;
                memcpy(chunk, in.p + pos, m);
                ck_assert_int_eq(news_reader_feed(&r, chunk, m), NEWS_OK);
                pos += m;
            }
        }
        ck_assert_int_eq(rc, NEWS_OK);
        STR_IS(a.title, "Second");
        ck_assert_uint_eq(a.n_blocks, 1);
        STR_IS(a.body->text, "Last line");
        ck_assert(within(a.body->text.ptr, a.body->text.len + 1, mem.c, ar.used));
        ck_assert_int_eq(news_read_article(&r, &a, &ar, flags[k]), NEWS_END);
    }
    free(chunk);
    util_buf_free(&in);
}
END_TEST

/* news_parse: the first article; errors filled in; error may be NULL. */
START_TEST(parse)
{
    static const struct {
        const char *data;
        size_t len;
        int code;
        unsigned long line, column, offset;
    } rows[] = {
        {LIT("%news 1\ntitle: Ok\ntitle: again\n"), NEWS_ERR_DUPLICATE, 3, 1, 18},
        {LIT("%news 1\ntitle: Ok\n\nfine\n%what\n"), NEWS_ERR_DIRECTIVE, 5, 1, 24},
        {LIT("\n\n"), NEWS_ERR_EMPTY, 1, 1, 0},
        {LIT("%news 1\ntitle: Ok\nlanguage: e\xC3(\n"), NEWS_ERR_UTF8, 3, 12, 29},
        {LIT("%news 1\ntitle: Ok\npublished: yesterday\n"), NEWS_ERR_DATE, 3, 12, 29},
    };
    size_t k;

    for (k = 0; k < sizeof rows / sizeof rows[0]; k++) {
        news_article a;
        news_arena ar;
        news_error e;

        memset(&e, 0x5A, sizeof e);
        news_arena_init(&ar, mem.c, sizeof mem.c);
        ck_assert_int_eq(news_parse(rows[k].data, rows[k].len, &a, &ar, 0, &e), rows[k].code);
        ck_assert_int_eq(e.code, rows[k].code);
        ck_assert_uint_eq(e.line, rows[k].line);
        ck_assert_uint_eq(e.column, rows[k].column);
        ck_assert_uint_eq(e.offset, rows[k].offset);
        ck_assert_ptr_nonnull(e.message);
        ck_assert_uint_gt(strlen(e.message), 0);
        ck_assert_str_eq(e.message, news_strerror(rows[k].code));
        news_arena_init(&ar, mem.c, sizeof mem.c);
        ck_assert_int_eq(news_parse(rows[k].data, rows[k].len, &a, &ar, 0, NULL), rows[k].code);
    }
    /* Success: the first article only; error code NEWS_OK. */
    {
        static const char two[] = "%news 1\ntitle: First\n%news 1\ntitle: Second\n";
        news_article a;
        news_arena ar;
        news_error e;

        memset(&e, 0x5A, sizeof e);
        news_arena_init(&ar, mem.c, sizeof mem.c);
        ck_assert_int_eq(news_parse(LIT(two), &a, &ar, NEWS_COPY, &e), NEWS_OK);
        ck_assert_int_eq(e.code, NEWS_OK);
        STR_IS(a.title, "First");
        ck_assert_int_eq(news_parse(LIT(story), &a, &ar, 0, NULL), NEWS_OK);
        check_story(&a);
    }
    /* Too small an arena: NEWS_ERR_NOMEM, no position, a message, and
     * the size needed. */
    {
        news_article a;
        news_arena ar;
        news_error e;
        size_t need = needed(LIT(story), NEWS_COPY);

        news_arena_init(&ar, mem.c, 10);
        ck_assert_int_eq(news_parse(LIT(story), &a, &ar, NEWS_COPY, &e), NEWS_ERR_NOMEM);
        ck_assert_uint_eq(ar.used, need);
        ck_assert_int_eq(e.code, NEWS_ERR_NOMEM);
        ck_assert_uint_eq(e.line, 0);
        ck_assert_uint_eq(e.column, 0);
        ck_assert_uint_eq(e.offset, 0);
        ck_assert_ptr_nonnull(e.message);
        ck_assert_uint_gt(strlen(e.message), 0);
    }
}
END_TEST

START_TEST(null_arguments)
{
    news_reader r;
    news_article a;
    news_arena ar;
    news_error e;

    news_reader_init(&r, LIT(story), NULL);
    news_arena_init(&ar, mem.c, sizeof mem.c);
    ck_assert_int_eq(news_read_article(NULL, &a, &ar, 0), NEWS_ERR_ARG);
    ck_assert_int_eq(news_read_article(&r, NULL, &ar, 0), NEWS_ERR_ARG);
    ck_assert_int_eq(news_read_article(&r, &a, NULL, 0), NEWS_ERR_ARG);
    /* The reader was not touched: the article still reads. */
    ck_assert_int_eq(news_read_article(&r, &a, &ar, 0), NEWS_OK);
    check_story(&a);

    memset(&e, 0x5A, sizeof e);
    ck_assert_int_eq(news_parse(LIT(story), NULL, &ar, 0, &e), NEWS_ERR_ARG);
    ck_assert_int_eq(e.code, NEWS_ERR_ARG);
    ck_assert_uint_eq(e.line, 0);
    ck_assert_uint_eq(e.column, 0);
    ck_assert_uint_eq(e.offset, 0);
    ck_assert_ptr_nonnull(e.message);
    memset(&e, 0x5A, sizeof e);
    ck_assert_int_eq(news_parse(LIT(story), &a, NULL, 0, &e), NEWS_ERR_ARG);
    ck_assert_int_eq(e.code, NEWS_ERR_ARG);
    ck_assert_int_eq(news_parse(LIT(story), &a, NULL, 0, NULL), NEWS_ERR_ARG);
}
END_TEST

/* A NULL input with a non-zero length is an invalid argument, not an
 * empty document. */
START_TEST(null_input)
{
    news_article a;
    news_arena ar;
    news_error e;

    news_arena_init(&ar, mem.c, sizeof mem.c);
    memset(&e, 0x5A, sizeof e);
    ck_assert_int_eq(news_parse(NULL, 16, &a, &ar, 0, &e), NEWS_ERR_ARG);
    ck_assert_int_eq(e.code, NEWS_ERR_ARG);
    ck_assert_uint_eq(e.line, 0);
    ck_assert_uint_eq(e.column, 0);
    ck_assert_uint_eq(e.offset, 0);
}
END_TEST

START_TEST(end_of_input)
{
    news_reader r;
    news_article a;
    news_arena ar;
    int k;

    news_reader_init(&r, LIT("%news 1\ntitle: Only\n\n\n"), NULL);
    news_arena_init(&ar, mem.c, sizeof mem.c);
    ck_assert_int_eq(news_read_article(&r, &a, &ar, 0), NEWS_OK);
    STR_IS(a.title, "Only");
    for (k = 0; k < 3; k++)
        ck_assert_int_eq(news_read_article(&r, &a, &ar, 0), NEWS_END);
    /* An empty input is an error, not the end. */
    news_reader_init(&r, LIT("  \n"), NULL);
    ck_assert_int_eq(news_read_article(&r, &a, &ar, 0), NEWS_ERR_EMPTY);
    ck_assert_int_eq(news_read_article(&r, &a, &ar, 0), NEWS_ERR_EMPTY);
    /* An error in the second article comes after the first. */
    news_reader_init(&r, LIT("%news 1\ntitle: A\n%news 1\ndek: no title\n"), NULL);
    ck_assert_int_eq(news_read_article(&r, &a, &ar, 0), NEWS_OK);
    ck_assert_int_eq(news_read_article(&r, &a, &ar, 0), NEWS_ERR_NO_TITLE);
    ck_assert_int_eq(news_reader_error(&r)->line, 3);
    ck_assert_int_eq(news_read_article(&r, &a, &ar, 0), NEWS_ERR_NO_TITLE);
}
END_TEST

/* ------------------------------------------------------------------
 * Views from a buffer: speed builds with look-ahead windows take the
 * common lines in a loop of the builder's own and leave the rest to
 * news_reader_next(). Whatever the line where it hands over, reading
 * must give the reader's errors at the reader's places, and the
 * articles that copying (which always takes the general path) gives.
 * ------------------------------------------------------------------ */

/* Every kind of line the loop takes, some longer than a window. */
static const char lines_doc[] =
    "%news 1\n"
    "title: A title long enough to run past one window of sixty-four bytes\n"
    "dek: Dek\nkicker: K\nsummary: S\nsource: Src\nurl: https://x.example/1\nid: 7\n"
    "language: en-GB\npublished: 2024-01-01T00:00:00Z\nmodified: 2024-01-02T00:00:00Z\n"
    "image: https://x.example/i.jpg\nimage-caption: Caption\n"
    "tag: one\ntag: two\nauthor: Ann\nauthor-url: https://a.example\nauthor-bio: Bio\n"
    "author: Bob\nauthor-bio: Bio two\nx-ext: header extension\n"
    "\n"
    "First paragraph, caf\xc3\xa9, long enough to run past the end of a window of the reader.\n"
    "\n"
    "# Heading\n> Quote\n\\# escaped\n-not a link\nLast paragraph.\n"
    "\n"
    "-\ntitle: Link one\nkicker: LK\nsummary: LS\nurl: https://l.example/1\nx-lext: link ext\n"
    "\n"
    "-\ntitle: Link two\n"
    "%news 1\ntitle: Second\n\nBody.\n";

/* What the reader's events say of data: "article" per article, then
 * the final status and error. */
static void outcome_events(const char *data, size_t len, const news_limits *lim, util_buf *out)
{
    news_reader r;
    news_event ev;
    const news_error *e;
    int rc;

    news_reader_init(&r, data, len, lim);
    while ((rc = news_reader_next(&r, &ev)) == NEWS_OK)
        if (ev.type == NEWS_EV_ARTICLE_END)
            util_buf_printf(out, "article\n");
    e = news_reader_error(&r);
    util_buf_printf(out, "%d %d %lu %lu %lu\n", rc, e->code, e->line, e->column, e->offset);
}

/* The same from the builder (arena cap bytes at mem.c + off): "article"
 * then the article as written, then the final status and error. */
static void outcome_build(const char *data, size_t len, const news_limits *lim, unsigned flags,
                          size_t off, size_t cap, util_buf *out)
{
    news_reader r;
    news_article a;
    news_arena ar;
    const news_error *e;
    int rc;

    news_reader_init(&r, data, len, lim);
    for (;;) {
        news_arena_init(&ar, mem.c + off, cap);
        memset(mem.c + off + cap, 0xA5, 64);
        rc = news_read_article(&r, &a, &ar, flags);
        {
            size_t k;
            for (k = 0; k < 64; k++)
                if ((unsigned char)mem.c[off + cap + k] != 0xA5)
                    ck_abort_msg("flags %u: byte %lu past the arena written", flags,
                                 (unsigned long)k);
        }
        if (rc != NEWS_OK)
            break;
        util_buf_printf(out, "article\n");
        ck_assert_int_eq(news_write(&a, util_sink, out, NULL), NEWS_OK);
    }
    e = news_reader_error(&r);
    util_buf_printf(out, "%d %d %lu %lu %lu\n", rc, e->code, e->line, e->column, e->offset);
}

/* Keep only the "article" lines and the final status of a build. */
static void statuses(const util_buf *b, util_buf *out)
{
    const char *p = b->p, *end = b->p + b->len;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t n = (size_t)(nl - p);
        if ((n == 7 && memcmp(p, "article", 7) == 0) || nl + 1 == end)
            util_buf_add(out, p, n + 1);
        p = nl + 1;
    }
}

/* Views and copies of data agree with each other and with the events. */
static void lines_agree(const char *data, size_t len, const news_limits *lim, const char *what)
{
    util_buf ev = {NULL, 0, 0}, view = {NULL, 0, 0}, copy = {NULL, 0, 0}, st = {NULL, 0, 0};

    outcome_events(data, len, lim, &ev);
    outcome_build(data, len, lim, 0, 0, sizeof mem.c - 64, &view);
    outcome_build(data, len, lim, NEWS_COPY, 0, sizeof mem.c - 64, &copy);
    statuses(&view, &st);
    ck_assert_msg(st.len == ev.len && memcmp(st.p, ev.p, ev.len) == 0,
                  "%s: views give\n%.*s\nevents give\n%.*s", what, (int)st.len, st.p,
                  (int)ev.len, ev.p);
    ck_assert_msg(view.len == copy.len && memcmp(view.p, copy.p, view.len) == 0,
                  "%s: views give\n%.*s\ncopies give\n%.*s", what, (int)view.len, view.p,
                  (int)copy.len, copy.p);
    util_buf_free(&ev);
    util_buf_free(&view);
    util_buf_free(&copy);
    util_buf_free(&st);
}

/* Each line of lines_doc replaced by, or preceded by, each of these,
 * and each line given twice. */
START_TEST(lines_each_place)
{
    static const char *const bad[] = {"", "-", "title:", "title: again", "dek: again",
                                      "tag:", "author:", "author-url: u", "author-bio: b",
                                      "image-caption: c", "language: e1", "published: 2024",
                                      "%news 1", "%news 2", "%x", "bad key line", "Key: v",
                                      "title t", "kicker: k", "url: u", "x-ext: e", "x-ext:",
                                      "# h", ">", "\\", "\x01", "   ", " lead space",
                                      "caf\xc3: bad", "a\rb", "tab\tbed", "\xef\xbb\xbf\x42OM",
                                      "title: \xf0\x9f\x90\xa6 bird"};
    const char *lines[64];
    size_t nlines = 0, i, j, len = sizeof lines_doc - 1;
    const char *p = lines_doc;
    util_buf doc = {NULL, 0, 0};

    while (p < lines_doc + len) {
        ck_assert_uint_lt(nlines, 64);
        lines[nlines++] = p;
        p = strchr(p, '\n') + 1;
    }
    lines_agree(lines_doc, len, NULL, "as it is");
    for (i = 0; i < nlines; i++) {
        size_t at = (size_t)(lines[i] - lines_doc),
               n = (size_t)((i + 1 < nlines ? lines[i + 1] : lines_doc + len) - lines[i]);
        char what[64];

        for (j = 0; j < sizeof bad / sizeof bad[0] * 2 + 1; j++) {
            doc.len = 0;
            util_buf_add(&doc, lines_doc, at);
            if (j < sizeof bad / sizeof bad[0] * 2) {
                util_buf_add(&doc, bad[j / 2], strlen(bad[j / 2]));
                util_buf_add(&doc, "\n", 1);
                if (j % 2 == 1) /* before the line, else instead of it */
                    util_buf_add(&doc, lines_doc + at, n);
            } else { /* the line twice */
                util_buf_add(&doc, lines_doc + at, n);
                util_buf_add(&doc, lines_doc + at, n);
            }
            util_buf_add(&doc, lines_doc + at + n, len - at - n);
            snprintf(what, sizeof what, "line %lu, change %lu", (unsigned long)i + 1,
                     (unsigned long)j);
            lines_agree(doc.p, doc.len, NULL, what);
            /* without its last LF too */
            lines_agree(doc.p, doc.len - 1, NULL, what);
        }
    }
    util_buf_free(&doc);
}
END_TEST

/* Every limit at every value up to past what lines_doc needs: the limit
 * is reached exactly where the reader reaches it. */
START_TEST(lines_limits)
{
    size_t v, k;

    for (k = 0; k < 6; k++) {
        for (v = 0; v <= (k == 0 ? 130u : 40u); v++) {
            news_limits lim;
            char what[64];
            size_t *m[6];

            news_limits_default(&lim);
            m[0] = &lim.max_line;
            m[1] = &lim.max_fields;
            m[2] = &lim.max_authors;
            m[3] = &lim.max_tags;
            m[4] = &lim.max_links;
            m[5] = &lim.max_blocks;
            *m[k] = v;
            snprintf(what, sizeof what, "limit %lu at %lu", (unsigned long)k, (unsigned long)v);
            lines_agree(lines_doc, sizeof lines_doc - 1, &lim, what);
        }
    }
}
END_TEST

/* Every arena size around the need, the base aligned or not: the same
 * status, nothing written past the arena, the same articles. */
START_TEST(lines_arena)
{
    size_t len = sizeof lines_doc - 1, need = 0, cap, off;
    util_buf copy = {NULL, 0, 0}, view = {NULL, 0, 0};

    {
        news_reader r;
        news_article a;
        news_arena ar;
        news_reader_init(&r, lines_doc, len, NULL);
        news_arena_init(&ar, NULL, 0);
        ck_assert_int_eq(news_read_article(&r, &a, &ar, 0), NEWS_OK);
        need = ar.used;
    }
    outcome_build(lines_doc, len, NULL, NEWS_COPY, 0, sizeof mem.c - 64, &copy);
    for (off = 0; off < NEWS_ALIGN; off++) {
        for (cap = 0; cap <= need + NEWS_ALIGN; cap++) {
            news_reader r, saved;
            news_article a;
            news_arena ar;
            int rc;

            news_reader_init(&r, lines_doc, len, NULL);
            saved = r;
            news_arena_init(&ar, mem.c + off, cap);
            memset(mem.c + off + cap, 0xA5, 64);
            rc = news_read_article(&r, &a, &ar, 0);
            ck_assert_int_eq(rc, ar.used <= cap ? NEWS_OK : NEWS_ERR_NOMEM);
            if (off == 0)
                ck_assert_uint_eq(ar.used, need);
            else
                ck_assert_uint_lt(ar.used, need + NEWS_ALIGN);
            {
                size_t k;
                for (k = 0; k < 64; k++)
                    ck_assert_msg((unsigned char)mem.c[off + cap + k] == 0xA5,
                                  "off %lu cap %lu: byte %lu past the arena written",
                                  (unsigned long)off, (unsigned long)cap, (unsigned long)k);
            }
            /* The reader stands after the article either way. */
            news_arena_init(&ar, mem.c + 4096, 4096);
            ck_assert_int_eq(news_read_article(&r, &a, &ar, 0), NEWS_OK);
            STR_IS(a.title, "Second");
            if (rc == NEWS_OK) {
                view.len = 0;
                r = saved;
                news_arena_init(&ar, mem.c + off, cap);
                ck_assert_int_eq(news_read_article(&r, &a, &ar, 0), NEWS_OK);
                util_buf_printf(&view, "article\n");
                ck_assert_int_eq(news_write(&a, util_sink, &view, NULL), NEWS_OK);
                ck_assert(view.len < copy.len && memcmp(view.p, copy.p, view.len) == 0);
            }
        }
    }
    util_buf_free(&copy);
    util_buf_free(&view);
}
END_TEST

/* Each kind of byte sequence (good and bad UTF-8, control bytes) at
 * each place of a long line: a header field, a paragraph or a link's
 * field, 150 places in a row, so that every offset of a window (and of
 * each of its halves) holds it twice or more, ends of windows cutting
 * it too. The rest of the line is ASCII or two-byte characters (a lead
 * byte then falls on every offset as well); the line is followed by
 * more lines, so that its windows are whole ones, or is the last. */
static const char *const utf8_seqs[] = {
    "\xC3\xA9", "\xE2\x80\x9C", "\xE2\x82\xAC", "\xF0\x9F\x98\x80", "\xEF\xBC\x81",
    "\xED\x9F\xBF", "\xE0\xA0\x80", "\xDF\xBF", "\xC2\x80", "\xEC\xBF\xBF", "\xEE\x80\x80",
    "\t", "\r", "\n", "\r\n", "\x01", "\x7F", "\x1F", "\xC3", "\xE2\x80", "\x80", "\xBF",
    "\xC0\x80", "\xC1\xBF", "\xE0\x80\x80", "\xED\xA0\x80", "\xEF\xBB\xBF", "\xF4\x90\x80\x80",
    "\xF5\x80\x80\x80", "\xFF", "\xC3\xC3", "\xE2\x80\x41", "\xC3\x0A", "\xE2\x0A\x80",
    "\xE2\x80\x94\xC3\xA9"};

START_TEST(lines_utf8_places)
{
    static const char *const lead[] = {"dek: ", "", "kicker: "};
    const char *seq = utf8_seqs[_i];
    size_t k = strlen(seq), place, i;
    int where, fill, tail;
    util_buf doc = {NULL, 0, 0};

    for (where = 0; where < 3; where++)
        for (fill = 0; fill < 2; fill++)
            for (tail = 0; tail < 2; tail++)
                for (place = 0; place < 150; place++) {
                    char what[80];

                    doc.len = 0;
                    util_buf_printf(&doc, "%%news 1\ntitle: T\n%s", where == 0 ? "" : "\nBody.\n");
                    if (where == 2)
                        util_buf_printf(&doc, "-\ntitle: L\n");
                    util_buf_printf(&doc, "%s", lead[where]);
                    for (i = 0; i + 2 <= place; i += 2) /* the sequence at place */
                        util_buf_add(&doc, fill == 0 ? "ab" : "\xC3\xA9", 2);
                    util_buf_add(&doc, "x", place - i);
                    util_buf_add(&doc, seq, k);
                    for (i = 0; i < 40; i++)
                        util_buf_add(&doc, fill == 0 ? "ab" : "\xC3\xA9", 2);
                    util_buf_add(&doc, "\n", 1);
                    if (tail == 0) /* lines of the line's state, then the others */
                        util_buf_printf(&doc,
                                        "%s\nA paragraph that runs for more than one window of "
                                        "sixty-four bytes, \xE2\x80\x9Cquoted\xE2\x80\x9D.\n"
                                        "\n-\ntitle: Link \xE2\x80\x94 one\nurl: https://l.example/1\n"
                                        "summary: A summary of the link, long enough for a window.\n",
                                        where == 0   ? "tag: one\ntag: two"
                                        : where == 1 ? "Second paragraph."
                                                     : "summary: S\nurl: u");
                    snprintf(what, sizeof what, "seq %d, where %d, fill %d, tail %d, place %lu",
                             _i, where, fill, tail, (unsigned long)place);
                    lines_agree(doc.p, doc.len, NULL, what);
                }
    util_buf_free(&doc);
}
END_TEST

Suite *article_suite(void)
{
    Suite *s = suite_create("article");
    TCase *tc = tcase_create("build");

    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, all_fields_view);
    tcase_add_test(tc, absent_and_empty);
    tcase_add_test(tc, copy_mode);
    tcase_add_test(tc, inplace_mode);
    tcase_add_test(tc, measure);
    tcase_add_test(tc, arena_every_size);
    tcase_add_test(tc, arena_misaligned);
    tcase_add_test(tc, store);
    tcase_add_loop_test(tc, stream_more, 0, (int)util_nchunks);
    tcase_add_test(tc, parse);
    tcase_add_test(tc, null_arguments);
    tcase_add_test(tc, null_input);
    tcase_add_test(tc, end_of_input);
    tcase_add_test(tc, lines_each_place);
    tcase_add_test(tc, lines_limits);
    tcase_add_test(tc, lines_arena);
    tcase_add_loop_test(tc, lines_utf8_places, 0, (int)(sizeof utf8_seqs / sizeof utf8_seqs[0]));
    suite_add_tcase(s, tc);
    return s;
}
