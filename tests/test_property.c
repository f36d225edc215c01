/* test_property.c - property tests with a deterministic PRNG:
 *  - random valid articles written, read back in every mode, equal to
 *    the original and rewritten to the same bytes (canonical form);
 *  - random byte mutations of valid documents: the reader always ends
 *    (NEWS_END or an error), and chunking changes nothing. */
#include "util.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------
 * xorshift64*
 * ------------------------------------------------------------------ */
typedef struct rng {
    uint64_t s;
} rng;

static uint64_t rnd(rng *r)
{
    r->s ^= r->s >> 12;
    r->s ^= r->s << 25;
    r->s ^= r->s >> 27;
    return r->s * 0x2545F4914F6CDD1DULL;
}

static size_t below(rng *r, size_t n)
{
    return n == 0 ? 0 : (size_t)(rnd(r) % n);
}

static int chance(rng *r, unsigned percent)
{
    return below(r, 100) < percent;
}

static rng seeded(int i)
{
    rng r;
    r.s = 0x9E3779B97F4A7C15ULL ^ ((uint64_t)(i + 1) * 0xD1B54A32D192ED03ULL);
    rnd(&r);
    return r;
}

/* ------------------------------------------------------------------
 * Random valid articles, built as structs
 * ------------------------------------------------------------------ */
enum { MAX_TAGS = 4, MAX_AUTHORS = 3, MAX_EXT = 3, MAX_BLOCKS = 8, MAX_LINKS = 3, MAX_LEXT = 2 };

typedef struct gen {
    char text[16384];
    size_t used;
    news_article a;
    news_tag tags[MAX_TAGS];
    news_author authors[MAX_AUTHORS];
    news_field ext[MAX_EXT];
    news_block blocks[MAX_BLOCKS];
    news_link links[MAX_LINKS];
    news_field lext[MAX_LINKS][MAX_LEXT];
} gen;

static const char *const words[] = {"quill", "amber", "ferry", "moss", "lark", "tin",  "ochre",
                                    "drift", "kiln",  "Brae",  "OAK",  "42",   "x",    "wren"};
static const char *const marks[] = {"#", ">",  "%",  "\\", "-", ":",       ": ",  "\"",
                                    "&", "<b>", "{", "}",  "'", "\x7F",    "%news 1", "-->"};
static const char *const utf8[] = {"\xC3\xA9",         "\xC2\x85",         "\xE2\x82\xAC",
                                   "\xE2\x80\xAE",     "\xEF\xBF\xBD",     "\xEF\xBF\xBE",
                                   "\xF0\x9F\x90\x9D", "\xF4\x8F\xBF\xBF", "\xED\x9F\xBF",
                                   "\xEE\x80\x80",     "\xF0\x90\x80\x80", "\xD7\xA9\xD7\x9C"};
static const char *const blanks[] = {" ", "  ", "\t", " \t "};

#define PICK(r, arr) ((arr)[below((r), sizeof(arr) / sizeof((arr)[0]))])

/* Hot paths below assert only on failure (if ... ck_abort_msg): Check
 * records every passing assertion, which would dominate the run time. */
static void put(gen *g, const char *s, size_t n)
{
    if (g->used + n >= sizeof g->text)
        ck_abort_msg("generator pool full");
    memcpy(g->text + g->used, s, n);
    g->used += n;
}

static void puts0(gen *g, const char *s)
{
    put(g, s, strlen(s));
}

static news_str str_from(gen *g, size_t start)
{
    news_str s;
    s.ptr = g->text + start;
    s.len = g->used - start;
    return s;
}

/* Free text: words, blanks, markup characters, DEL, C1 controls and
 * non-ASCII UTF-8 (up to 4-byte sequences). */
static void text_body(gen *g, rng *r, size_t maxpieces)
{
    size_t n = below(r, maxpieces + 1), k;
    for (k = 0; k < n; k++) {
        size_t c = below(r, 20);
        if (c < 10)
            puts0(g, PICK(r, words));
        else if (c < 13)
            puts0(g, PICK(r, blanks));
        else if (c < 16)
            puts0(g, PICK(r, marks));
        else
            puts0(g, PICK(r, utf8));
    }
}

/* A value with a random first character and random leading/trailing
 * blanks; may be empty. */
static news_str value(gen *g, rng *r)
{
    size_t start = g->used;
    switch (below(r, 12)) {
    case 0: /* empty */
        break;
    case 1: /* blanks only */
        puts0(g, PICK(r, blanks));
        break;
    case 2:
        puts0(g, PICK(r, blanks));
        text_body(g, r, 5);
        puts0(g, PICK(r, blanks));
        break;
    case 3:
        puts0(g, PICK(r, marks));
        text_body(g, r, 5);
        break;
    case 4:
        puts0(g, PICK(r, utf8));
        text_body(g, r, 5);
        break;
    default:
        text_body(g, r, 8);
    }
    return str_from(g, start);
}

static news_str nonempty(gen *g, rng *r)
{
    news_str s = value(g, r);
    if (s.len == 0) {
        puts0(g, PICK(r, words));
        s = str_from(g, (size_t)(s.ptr - g->text));
    }
    return s;
}

/* Paragraph, heading and quote text, often starting with what would be
 * markup: the writer must escape it and the reader undo that. */
static news_str block_text(gen *g, rng *r)
{
    size_t start = g->used;
    switch (below(r, 14)) {
    case 0: /* empty */
        break;
    case 1: /* blanks only */
        puts0(g, PICK(r, blanks));
        if (chance(r, 50))
            puts0(g, PICK(r, blanks));
        break;
    case 2:
        puts0(g, "#");
        text_body(g, r, 4);
        break;
    case 3:
        puts0(g, ">");
        text_body(g, r, 4);
        break;
    case 4:
        puts0(g, "%");
        text_body(g, r, 4);
        break;
    case 5:
        puts0(g, "\\");
        text_body(g, r, 4);
        break;
    case 6:
        puts0(g, "-");
        break;
    case 7:
        puts0(g, "-");
        text_body(g, r, 4);
        break;
    case 8:
        puts0(g, "%news 1");
        break;
    case 9:
        puts0(g, PICK(r, blanks));
        text_body(g, r, 4);
        break;
    default:
        text_body(g, r, 10);
    }
    return str_from(g, start);
}

/* language = 1*8ALPHA *("-" 1*8(ALPHA / DIGIT)) */
static news_str language(gen *g, rng *r)
{
    static const char alpha[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    static const char alnum[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    size_t start = g->used, n, k, t, subtags = below(r, 4);

    for (n = 1 + below(r, 8), k = 0; k < n; k++)
        put(g, &alpha[below(r, sizeof alpha - 1)], 1);
    for (t = 0; t < subtags; t++) {
        put(g, "-", 1);
        for (n = 1 + below(r, 8), k = 0; k < n; k++)
            put(g, &alnum[below(r, sizeof alnum - 1)], 1);
    }
    return str_from(g, start);
}

static int days_in(int y, int m)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && y % 4 == 0 && (y % 100 != 0 || y % 400 == 0))
        return 29;
    return days[m - 1];
}

/* An RFC 3339 date-time. */
static news_str date(gen *g, rng *r)
{
    char buf[64];
    size_t start = g->used, k, n;
    int y = (int)below(r, 10000), m = 1 + (int)below(r, 12);
    int d = chance(r, 20) ? days_in(y, m) : 1 + (int)below(r, (size_t)days_in(y, m));
    int len = snprintf(buf, sizeof buf, "%04d-%02d-%02d%c%02d:%02d:%02d", y, m, d,
                       chance(r, 50) ? 'T' : 't', (int)below(r, 24), (int)below(r, 60),
                       (int)below(r, 61));
    put(g, buf, (size_t)len);
    if (chance(r, 30)) {
        put(g, ".", 1);
        for (n = 1 + below(r, 12), k = 0; k < n; k++)
            put(g, &"0123456789"[below(r, 10)], 1);
    }
    if (chance(r, 40)) {
        put(g, chance(r, 50) ? "Z" : "z", 1);
    } else {
        len = snprintf(buf, sizeof buf, "%c%02d:%02d", chance(r, 50) ? '+' : '-',
                       (int)below(r, 24), (int)below(r, 60));
        put(g, buf, (size_t)len);
    }
    return str_from(g, start);
}

/* The known keys, spelt out from docs/FORMAT.md (not taken from the
 * library, whose lookup is under test). */
static const char *const header_keys[] = {
    "title", "dek",   "kicker",        "summary", "source", "url",    "id",         "language",
    "published", "modified", "image", "image-caption", "tag", "author", "author-url", "author-bio"};
static const char *const link_keys[] = {"title", "kicker", "summary", "url"};

static int known_key(const char *k, size_t n, int link)
{
    const char *const *keys = link ? link_keys : header_keys;
    size_t count = link ? 4 : 16, id;
    for (id = 0; id < count; id++)
        if (strlen(keys[id]) == n && memcmp(keys[id], k, n) == 0)
            return 1;
    return 0;
}

/* A valid extension key that is not a known key (of the header, or of
 * a link: then header-only keys such as "dek" are extension keys). */
static news_str ext_key(gen *g, rng *r, int link)
{
    static const char *const near[] = {"x-a",  "titles", "tag-line", "author-", "dek2",
                                       "z",    "a-b-c",  "x--",      "dek",     "tag",
                                       "author", "image", "title",   "url",     "language",
                                       "author-bio", "source", "q9"};
    static const char first[] = "abcdefghijklmnopqrstuvwxyz";
    static const char rest[] = "abcdefghijklmnopqrstuvwxyz0123456789-";
    for (;;) {
        size_t start = g->used, n, k;
        if (chance(r, 40)) {
            puts0(g, PICK(r, near));
        } else {
            put(g, &first[below(r, sizeof first - 1)], 1);
            for (n = below(r, 11), k = 0; k < n; k++)
                put(g, &rest[below(r, sizeof rest - 1)], 1);
        }
        if (!known_key(g->text + start, g->used - start, link))
            return str_from(g, start);
        g->used = start;
    }
}

#define LINK_LIST(arr, n, head)                                                               \
    do {                                                                                      \
        size_t i_;                                                                            \
        for (i_ = 0; i_ < (n); i_++)                                                          \
            (arr)[i_].next = i_ + 1 < (n) ? &(arr)[i_ + 1] : NULL;                            \
        (head) = (n) > 0 ? &(arr)[0] : NULL;                                                  \
    } while (0)

static void gen_article(gen *g, rng *r)
{
    news_article *a = &g->a;
    size_t n, k, j;

    memset(a, 0, sizeof *a);
    g->used = 0;
    a->title = nonempty(g, r);
    if (chance(r, 50))
        a->dek = value(g, r);
    if (chance(r, 50))
        a->kicker = value(g, r);
    if (chance(r, 50))
        a->summary = value(g, r);
    if (chance(r, 40))
        a->source = value(g, r);
    if (chance(r, 50))
        a->url = value(g, r);
    if (chance(r, 40))
        a->id = value(g, r);
    if (chance(r, 40))
        a->language = language(g, r);
    if (chance(r, 40))
        a->published = date(g, r);
    if (chance(r, 40))
        a->modified = date(g, r);
    if (chance(r, 40)) {
        a->image = value(g, r);
        if (chance(r, 50))
            a->image_caption = value(g, r);
    }
    n = below(r, MAX_TAGS + 1);
    for (k = 0; k < n; k++)
        g->tags[k].text = nonempty(g, r);
    LINK_LIST(g->tags, n, a->tags);
    a->n_tags = n;
    n = below(r, MAX_AUTHORS + 1);
    for (k = 0; k < n; k++) {
        news_str none = {NULL, 0};
        g->authors[k].name = nonempty(g, r);
        g->authors[k].url = chance(r, 40) ? value(g, r) : none;
        g->authors[k].bio = chance(r, 40) ? value(g, r) : none;
    }
    LINK_LIST(g->authors, n, a->authors);
    a->n_authors = n;
    n = below(r, MAX_EXT + 1);
    for (k = 0; k < n; k++) {
        g->ext[k].key = ext_key(g, r, 0);
        g->ext[k].value = value(g, r);
    }
    LINK_LIST(g->ext, n, a->ext);
    a->n_ext = n;
    n = below(r, MAX_BLOCKS + 1);
    for (k = 0; k < n; k++) {
        size_t kind = below(r, 4);
        g->blocks[k].kind = kind == 1 ? NEWS_BLOCK_HEADING
                            : kind == 2 ? NEWS_BLOCK_QUOTE
                                        : NEWS_BLOCK_PARAGRAPH;
        g->blocks[k].text = block_text(g, r);
    }
    LINK_LIST(g->blocks, n, a->body);
    a->n_blocks = n;
    n = below(r, MAX_LINKS + 1);
    for (k = 0; k < n; k++) {
        news_link *l = &g->links[k];
        news_str none = {NULL, 0};
        size_t m = below(r, MAX_LEXT + 1);
        l->title = nonempty(g, r);
        l->kicker = chance(r, 40) ? value(g, r) : none;
        l->summary = chance(r, 40) ? value(g, r) : none;
        l->url = chance(r, 50) ? value(g, r) : none;
        for (j = 0; j < m; j++) {
            g->lext[k][j].key = ext_key(g, r, 1);
            g->lext[k][j].value = value(g, r);
        }
        LINK_LIST(g->lext[k], m, l->ext);
        l->n_ext = m;
    }
    LINK_LIST(g->links, n, a->related);
    a->n_related = n;
}

/* Write *a (which must be writable) into a new buffer. */
static char *write_article(const news_article *a, size_t *len, const char *what)
{
    news_error e;
    size_t n = 0;
    char *buf;
    int rc = news_write_buffer(a, NULL, 0, &n, &e);

    ck_assert_msg(rc == NEWS_OK, "%s: the writer refused a valid article: %s at %lu:%lu", what,
                  util_code_name(rc), e.line, e.column);
    buf = malloc(n + 1);
    ck_assert_ptr_nonnull(buf);
    ck_assert_int_eq(news_write_buffer(a, buf, n + 1, len, NULL), NEWS_OK);
    ck_assert_uint_eq(*len, n);
    ck_assert_int_eq(buf[n], '\0');
    return buf;
}

/* ------------------------------------------------------------------
 * Round trips of valid stores
 * ------------------------------------------------------------------ */
enum { MAX_ARTICLES = 3, ITER_ROUND = 150, ITER_MUTATE = 250 };

typedef union aligned_mem {
    void *p;
    size_t s;
    long double d;
    char c[1 << 18];
} aligned_mem;
static aligned_mem arena_mem, arena_mem2;
static gen gens[MAX_ARTICLES];

enum { M_VIEW, M_COPY, M_INPLACE, M_STREAM, M_COUNT };
static const char *const mode_names[] = {"view", "NEWS_COPY", "NEWS_INPLACE", "stream"};

/* Every present string of *a lies in [lo, lo + size) and, when nul is
 * set, is NUL-terminated there. */
static void check_str(news_str v, const char *lo, size_t size, int nul, const char *what)
{
    if (v.ptr == NULL)
        return;
    if (!(v.ptr >= lo && v.ptr <= lo + size &&
          v.len + (size_t)(nul != 0) <= (size_t)(lo + size - v.ptr)))
        ck_abort_msg("%s: a string lies outside its buffer", what);
    if (nul && v.ptr[v.len] != '\0')
        ck_abort_msg("%s: \"%.*s\" not NUL-terminated", what, (int)v.len, v.ptr);
}

static void check_strings(const news_article *a, const char *lo, size_t size, int nul,
                          const char *what)
{
    const news_tag *t;
    const news_author *au;
    const news_block *b;
    const news_link *l;
    const news_field *f;
    int id;
    const news_str *singles[] = {&a->title,   &a->dek,      &a->kicker,   &a->summary,
                                 &a->source,  &a->url,      &a->id,       &a->language,
                                 &a->published, &a->modified, &a->image,  &a->image_caption};

    for (id = 0; id < NEWS_FIELD_SINGLE; id++)
        check_str(*singles[id], lo, size, nul, what);
    for (t = a->tags; t != NULL; t = t->next)
        check_str(t->text, lo, size, nul, what);
    for (au = a->authors; au != NULL; au = au->next) {
        check_str(au->name, lo, size, nul, what);
        check_str(au->url, lo, size, nul, what);
        check_str(au->bio, lo, size, nul, what);
    }
    for (f = a->ext; f != NULL; f = f->next) {
        check_str(f->key, lo, size, nul, what);
        check_str(f->value, lo, size, nul, what);
    }
    for (b = a->body; b != NULL; b = b->next)
        check_str(b->text, lo, size, nul, what);
    for (l = a->related; l != NULL; l = l->next) {
        check_str(l->title, lo, size, nul, what);
        check_str(l->kicker, lo, size, nul, what);
        check_str(l->summary, lo, size, nul, what);
        check_str(l->url, lo, size, nul, what);
        for (f = l->ext; f != NULL; f = f->next) {
            check_str(f->key, lo, size, nul, what);
            check_str(f->value, lo, size, nul, what);
        }
    }
}

static size_t longest_line(const char *s, size_t n)
{
    size_t best = 0, cur = 0, k;
    for (k = 0; k < n; k++) {
        if (s[k] == '\n') {
            best = cur > best ? cur : best;
            cur = 0;
        } else {
            cur++;
        }
    }
    return cur > best ? cur : best;
}

/* A stream reader fed chunks of random sizes (1..maxchunk). */
typedef struct feeder {
    const char *data;
    size_t len, pos, maxchunk;
    rng *r;
} feeder;

static void feed_more(news_reader *rd, feeder *f)
{
    size_t m;
    if (f->pos == f->len) {
        news_reader_finish(rd);
        return;
    }
    m = 1 + below(f->r, f->maxchunk);
    if (m > f->len - f->pos)
        m = f->len - f->pos;
    if (news_reader_feed(rd, f->data + f->pos, m) != NEWS_OK)
        ck_abort_msg("feed refused after NEWS_MORE");
    f->pos += m;
}

/* The reader's events rendered as util_trace renders them, quietly:
 * buffer mode when f is NULL, else stream mode fed by f through a line
 * buffer of linecap bytes. */
static int trace(const char *data, size_t len, feeder *f, size_t linecap,
                 const news_limits *lim, util_buf *out)
{
    static const char *const names[] = {"?",    "ARTICLE",    "FIELD",      "BLOCK",
                                        "LINK", "LINK_FIELD", "ARTICLE_END"};
    news_reader rd;
    news_event ev;
    char *line = NULL, head[160];
    int rc, n;

    if (f == NULL) {
        news_reader_init(&rd, data, len, lim);
    } else {
        line = malloc(linecap);
        if (line == NULL)
            ck_abort_msg("out of memory");
        news_reader_init_stream(&rd, line, linecap, lim);
    }
    for (;;) {
        rc = news_reader_next(&rd, &ev);
        if (rc == NEWS_MORE && f != NULL) {
            feed_more(&rd, f);
            continue;
        }
        if (rc != NEWS_OK)
            break;
        if (ev.type < NEWS_EV_ARTICLE || ev.type > NEWS_EV_ARTICLE_END)
            ck_abort_msg("event type %d", ev.type);
        n = snprintf(head, sizeof head, "%lu %s", ev.line, names[ev.type]);
        util_buf_add(out, head, (size_t)n);
        if (ev.type == NEWS_EV_FIELD || ev.type == NEWS_EV_LINK_FIELD) {
            n = snprintf(head, sizeof head, " %d [", ev.field);
            util_buf_add(out, head, (size_t)n);
            util_buf_add(out, ev.key.ptr, ev.key.len);
            util_buf_add(out, "]=[", 3);
            util_buf_add(out, ev.value.ptr, ev.value.len);
            util_buf_add(out, "]", 1);
        } else if (ev.type == NEWS_EV_BLOCK) {
            n = snprintf(head, sizeof head, " %d [", ev.kind);
            util_buf_add(out, head, (size_t)n);
            util_buf_add(out, ev.value.ptr, ev.value.len);
            util_buf_add(out, "]", 1);
        }
        util_buf_add(out, "\n", 1);
    }
    if (rc == NEWS_END) {
        util_buf_add(out, "END\n", 4);
    } else {
        const news_error *e = news_reader_error(&rd);
        n = snprintf(head, sizeof head, "ERROR %s %lu %lu %lu\n", util_code_name(rc), e->line,
                     e->column, e->offset);
        util_buf_add(out, head, (size_t)n);
        if (news_reader_next(&rd, &ev) != rc)
            ck_abort_msg("error %d did not stick", rc);
    }
    free(line);
    return rc;
}

static feeder make_feeder(const char *data, size_t len, size_t maxchunk, rng *r)
{
    feeder f;
    f.data = data;
    f.len = len;
    f.pos = 0;
    f.maxchunk = maxchunk == 0 ? 1 : maxchunk;
    f.r = r;
    return f;
}

static void round_trip(int seed, int iter, rng *r)
{
    util_buf store = {NULL, 0, 0};
    char *texts[MAX_ARTICLES];
    size_t lens[MAX_ARTICLES], offs[MAX_ARTICLES];
    size_t n = 1 + below(r, MAX_ARTICLES), k, mode;
    char what[64];

    for (k = 0; k < n; k++) {
        gen_article(&gens[k], r);
        snprintf(what, sizeof what, "seed %d iter %d article %lu", seed, iter, (unsigned long)k);
        texts[k] = write_article(&gens[k].a, &lens[k], what);
        offs[k] = store.len;
        util_buf_add(&store, texts[k], lens[k]);
    }
    for (mode = 0; mode < M_COUNT; mode++) {
        news_reader rd;
        news_arena ar;
        news_article got[MAX_ARTICLES], extra;
        char *in = NULL, *line = NULL;
        feeder f;
        unsigned flags = mode == M_COPY ? NEWS_COPY : mode == M_INPLACE ? NEWS_INPLACE : 0;
        int rc;

        memset(&f, 0, sizeof f);
        snprintf(what, sizeof what, "seed %d iter %d %s", seed, iter, mode_names[mode]);
        /* A private, writable copy with a spare byte. */
        in = malloc(store.len + 1);
        ck_assert_ptr_nonnull(in);
        memcpy(in, store.p, store.len);
        in[store.len] = '~';
        news_arena_init(&ar, arena_mem.c, sizeof arena_mem.c);
        if (mode == M_STREAM) {
            size_t cap = longest_line(store.p, store.len) + 1 + below(r, 3);
            line = malloc(cap);
            ck_assert_ptr_nonnull(line);
            news_reader_init_stream(&rd, line, cap, NULL);
            f.data = in;
            f.len = store.len;
            f.pos = 0;
            f.maxchunk = chance(r, 50) ? 1 + below(r, 8) : 1 + below(r, store.len);
            f.r = r;
        } else {
            news_reader_init(&rd, in, store.len, NULL);
        }
        /* Read every article (without reusing the arena: all stay). */
        for (k = 0; k <= n; k++) {
            news_article *a = k < n ? &got[k] : &extra;
            while ((rc = news_read_article(&rd, a, &ar, flags)) == NEWS_MORE)
                feed_more(&rd, &f);
            if (k == n)
                ck_assert_msg(rc == NEWS_END, "%s: %d after the last article", what, rc);
            else
                ck_assert_msg(rc == NEWS_OK, "%s article %lu: %s at %lu:%lu\n%s", what,
                              (unsigned long)k, util_code_name(rc),
                              news_reader_error(&rd)->line, news_reader_error(&rd)->column,
                              store.p);
        }
        /* Where the strings are: views into the input, NUL-terminated
         * in it (NEWS_INPLACE), or NUL-terminated copies in the arena
         * (NEWS_COPY and stream mode). */
        for (k = 0; k < n; k++) {
            if (mode == M_VIEW)
                check_strings(&got[k], in, store.len, 0, what);
            else if (mode == M_INPLACE)
                check_strings(&got[k], in, store.len + 1, 1, what);
            else
                check_strings(&got[k], arena_mem.c, ar.used, 1, what);
        }
        /* NEWS_COPY and stream mode must not depend on the input any
         * more. */
        if (mode == M_COPY || mode == M_STREAM)
            memset(in, '?', store.len + 1);
        for (k = 0; k < n; k++) {
            size_t len2;
            char *again;
            ck_assert_msg(util_article_equal(&got[k], &gens[k].a),
                          "%s article %lu differs from the original:\n%.*s", what,
                          (unsigned long)k, (int)lens[k], texts[k]);
            /* Canonical: writing the parse gives the same bytes. */
            again = write_article(&got[k], &len2, what);
            ck_assert_msg(len2 == lens[k] && memcmp(again, store.p + offs[k], len2) == 0,
                          "%s article %lu not canonical:\n%s---\n%.*s", what, (unsigned long)k,
                          again, (int)lens[k], texts[k]);
            free(again);
        }
        free(in);
        free(line);
    }
    for (k = 0; k < n; k++)
        free(texts[k]);
    util_buf_free(&store);
}

START_TEST(valid_round_trip)
{
    rng r = seeded(_i);
    int iter;
    for (iter = 0; iter < ITER_ROUND; iter++)
        round_trip(_i, iter, &r);
}
END_TEST

/* The generator covers what it claims to: over the iterations of one
 * seed, every field is seen present, absent and empty, and each kind of
 * awkward first character turns up. */
START_TEST(generator_coverage)
{
    rng r = seeded(1000);
    int iter, present = 0, empty_dek = 0, absent_dek = 0, ws_para = 0, empty_para = 0, esc = 0;
    int four_byte = 0, caption = 0, link_ext = 0, frac = 0, lower_t = 0, max_tags = 0;

    for (iter = 0; iter < 300; iter++) {
        gen *g = &gens[0];
        const news_block *b;
        size_t k;
        gen_article(g, &r);
        present += g->a.dek.ptr != NULL;
        empty_dek += g->a.dek.ptr != NULL && g->a.dek.len == 0;
        absent_dek += g->a.dek.ptr == NULL;
        caption += g->a.image_caption.ptr != NULL;
        max_tags += g->a.n_tags == MAX_TAGS;
        link_ext += g->a.related != NULL && g->a.related->n_ext > 0;
        frac += g->a.published.ptr != NULL && g->a.published.len > 20 &&
                g->a.published.ptr[19] == '.';
        lower_t += g->a.published.ptr != NULL && g->a.published.ptr[10] == 't';
        for (b = g->a.body; b != NULL; b = b->next) {
            int blank = 1;
            for (k = 0; k < b->text.len; k++)
                blank &= b->text.ptr[k] == ' ' || b->text.ptr[k] == '\t';
            ws_para += b->kind == NEWS_BLOCK_PARAGRAPH && blank && b->text.len > 0;
            empty_para += b->kind == NEWS_BLOCK_PARAGRAPH && b->text.len == 0;
            esc += b->kind == NEWS_BLOCK_PARAGRAPH && b->text.len > 0 &&
                   strchr("#>%\\", b->text.ptr[0]) != NULL;
        }
        for (k = 0; k + 4 <= g->used; k++)
            four_byte += (unsigned char)g->text[k] >= 0xF0;
    }
    ck_assert_int_gt(present, 0);
    ck_assert_int_gt(empty_dek, 0);
    ck_assert_int_gt(absent_dek, 0);
    ck_assert_int_gt(ws_para, 0);
    ck_assert_int_gt(empty_para, 0);
    ck_assert_int_gt(esc, 0);
    ck_assert_int_gt(four_byte, 0);
    ck_assert_int_gt(caption, 0);
    ck_assert_int_gt(link_ext, 0);
    ck_assert_int_gt(frac, 0);
    ck_assert_int_gt(lower_t, 0);
    ck_assert_int_gt(max_tags, 0);
}
END_TEST

/* ------------------------------------------------------------------
 * Mutations
 * ------------------------------------------------------------------ */

static int reader_code(int rc)
{
    switch (rc) {
    case NEWS_ERR_UTF8:
    case NEWS_ERR_NUL:
    case NEWS_ERR_CTRL:
    case NEWS_ERR_CR:
    case NEWS_ERR_BOM:
    case NEWS_ERR_LINE_TOO_LONG:
    case NEWS_ERR_EMPTY:
    case NEWS_ERR_NO_HEADER:
    case NEWS_ERR_VERSION:
    case NEWS_ERR_DIRECTIVE:
    case NEWS_ERR_SYNTAX:
    case NEWS_ERR_DUPLICATE:
    case NEWS_ERR_NO_AUTHOR:
    case NEWS_ERR_NO_TITLE:
    case NEWS_ERR_EMPTY_VALUE:
    case NEWS_ERR_DATE:
    case NEWS_ERR_LANGUAGE:
    case NEWS_ERR_LIMIT:
    case NEWS_ERR_NO_IMAGE:
        return 1;
    default:
        return 0;
    }
}

static void mutate(util_buf *d, rng *r)
{
    static const char *const inserts[] = {"\n",  "\r",     "\r\n",      "\xEF\xBB\xBF", "%news 1\n",
                                          "-\n", "\n\n",   ":",         " ",            "\t",
                                          "#",   "\\",     "title: t\n", "\xF0\x9F",     "\x80",
                                          "\0",  "\x1B",   "%news 2\n", "tag:\n",       "\xC0\xAF"};
    static const unsigned char bytes[] = {'\n', '\r', 0, 0x7F, 0x80, 0xBF, 0xC0, 0xC2, 0xE0,
                                          0xED, 0xEF, 0xF0, 0xF4, 0xF5, 0xFF, '%', '-', ':', ' ',
                                          '\t', '#', '>', '\\', 'a', 'Z', '1', 0x01};
    size_t ops = 1 + below(r, 4), k;

    for (k = 0; k < ops; k++) {
        size_t pos = below(r, d->len + 1);
        switch (below(r, 3)) {
        case 0: /* change a byte */
            if (d->len == 0)
                break;
            pos = below(r, d->len);
            if (chance(r, 50))
                d->p[pos] ^= (char)(1u << below(r, 8));
            else
                d->p[pos] = (char)bytes[below(r, sizeof bytes)];
            break;
        case 1: { /* insert bytes */
            util_buf t = {NULL, 0, 0};
            const char *ins;
            size_t n;
            char one;
            if (chance(r, 50)) {
                ins = PICK(r, inserts);
                n = strlen(ins);
                if (n == 0) { /* the "\0" entry */
                    ins = "";
                    n = 1;
                }
            } else {
                one = (char)(chance(r, 50) ? bytes[below(r, sizeof bytes)] : below(r, 256));
                ins = &one;
                n = 1;
            }
            util_buf_add(&t, d->p, pos);
            util_buf_add(&t, ins, n);
            util_buf_add(&t, d->p + pos, d->len - pos);
            d->len = 0;
            util_buf_add(d, t.p, t.len);
            util_buf_free(&t);
            break;
        }
        default: { /* delete bytes */
            size_t n = 1 + below(r, 3);
            if (pos >= d->len)
                break;
            if (n > d->len - pos)
                n = d->len - pos;
            memmove(d->p + pos, d->p + pos + n, d->len - pos - n);
            d->len -= n;
            break;
        }
        }
    }
}

/* Every article of data through the builder (view mode, or stream mode
 * fed by f); renders each one canonically, then the final status.
 * Each accepted article must also write, and its text read back to the
 * same article. */
static int build_all(const char *data, size_t len, feeder *f, util_buf *out, const char *what)
{
    news_reader rd;
    news_arena ar;
    news_article a;
    char line[256];
    int rc;

    if (f != NULL)
        news_reader_init_stream(&rd, line, sizeof line, NULL);
    else
        news_reader_init(&rd, data, len, NULL);
    news_arena_init(&ar, arena_mem.c, sizeof arena_mem.c);
    for (;;) {
        ar.used = 0;
        while ((rc = news_read_article(&rd, &a, &ar, 0)) == NEWS_MORE)
            feed_more(&rd, f);
        if (rc != NEWS_OK)
            break;
        {
            size_t n;
            char *text = write_article(&a, &n, what);
            news_article b;
            news_arena br;
            news_arena_init(&br, arena_mem2.c, sizeof arena_mem2.c);
            ck_assert_int_eq(news_parse(text, n, &b, &br, 0, NULL), NEWS_OK);
            ck_assert_msg(util_article_equal(&a, &b), "%s: rewritten article differs:\n%s",
                          what, text);
            util_buf_add(out, text, n);
            free(text);
        }
    }
    {
        const news_error *e = news_reader_error(&rd);
        util_buf_printf(out, "%s %lu %lu %lu\n", util_code_name(rc), e->line, e->column,
                        e->offset);
    }
    return rc;
}

START_TEST(mutations)
{
    rng r = seeded(100 + _i);
    int iter;
    size_t k;

    for (iter = 0; iter < ITER_MUTATE; iter++) {
        util_buf d = {NULL, 0, 0}, t0 = {NULL, 0, 0}, t1 = {NULL, 0, 0};
        size_t n = 1 + below(&r, 2), chunk, max;
        news_limits lim;
        feeder f;
        char what[64];
        int rc0, rc1;

        snprintf(what, sizeof what, "seed %d iter %d", 100 + _i, iter);
        for (k = 0; k < n; k++) {
            size_t len;
            char *text;
            gen_article(&gens[k], &r);
            text = write_article(&gens[k].a, &len, what);
            util_buf_add(&d, text, len);
            free(text);
        }
        mutate(&d, &r);
        if (d.p == NULL)
            util_buf_add(&d, "", 0);

        /* Whole buffer against chunks of random sizes. */
        rc0 = trace(d.p, d.len, NULL, 0, NULL, &t0);
        chunk = chance(&r, 50) ? 1 + below(&r, 8) : 1 + below(&r, d.len + 1);
        f = make_feeder(d.p, d.len, chunk, &r);
        rc1 = trace(d.p, d.len, &f, d.len + 2, NULL, &t1);
        ck_assert_msg(rc0 == NEWS_END || reader_code(rc0), "%s: ended with %d", what, rc0);
        ck_assert_int_eq(rc0, rc1);
        ck_assert_msg(strcmp(t0.p, t1.p) == 0, "%s chunk %lu:\n--- whole\n%s--- chunks\n%s",
                      what, (unsigned long)chunk, t0.p, t1.p);
        if (rc0 < 0) {
            news_reader rd;
            news_event ev;
            const news_error *e;
            news_reader_init(&rd, d.p, d.len, NULL);
            while (news_reader_next(&rd, &ev) == NEWS_OK)
                ;
            e = news_reader_error(&rd);
            ck_assert_int_eq(e->code, rc0);
            ck_assert_uint_ge(e->line, 1);
            ck_assert_uint_ge(e->column, 1);
            ck_assert_uint_le(e->offset, d.len);
            ck_assert_uint_ge(e->offset + 1, e->column); /* the line starts in the input */
        }

        /* A line limit: news_limits in buffer mode, the line buffer's
         * capacity in stream mode; the same error either way. */
        max = 8 + below(&r, 60);
        news_limits_default(&lim);
        lim.max_line = max;
        t0.len = t1.len = 0;
        rc0 = trace(d.p, d.len, NULL, 0, &lim, &t0);
        f = make_feeder(d.p, d.len, 1 + below(&r, 9), &r);
        rc1 = trace(d.p, d.len, &f, max + 1, NULL, &t1);
        ck_assert_int_eq(rc0, rc1);
        ck_assert_msg(strcmp(t0.p, t1.p) == 0, "%s max_line %lu:\n--- buffer\n%s--- stream\n%s",
                      what, (unsigned long)max, t0.p, t1.p);

        /* The builder: view mode and stream mode agree article by
         * article. */
        t0.len = t1.len = 0;
        rc0 = build_all(d.p, d.len, NULL, &t0, what);
        f.data = d.p;
        f.len = d.len;
        f.pos = 0;
        f.maxchunk = 1 + below(&r, 12);
        f.r = &r;
        if (longest_line(d.p, d.len) < 255) {
            rc1 = build_all(d.p, d.len, &f, &t1, what);
            ck_assert_int_eq(rc0, rc1);
            ck_assert_msg(strcmp(t0.p, t1.p) == 0, "%s builder:\n--- view\n%s--- stream\n%s",
                          what, t0.p, t1.p);
        }
        util_buf_free(&t0);
        util_buf_free(&t1);
        util_buf_free(&d);
    }
}
END_TEST

/* Mutations must also produce valid documents now and then, and errors
 * of many kinds: otherwise the test above proves little. */
START_TEST(mutation_coverage)
{
    rng r = seeded(999);
    int iter, ok = 0, kinds = 0;
    int seen[32] = {0};

    for (iter = 0; iter < 400; iter++) {
        util_buf d = {NULL, 0, 0}, t = {NULL, 0, 0};
        size_t len;
        char *text;
        int rc;
        gen_article(&gens[0], &r);
        text = write_article(&gens[0].a, &len, "coverage");
        util_buf_add(&d, text, len);
        free(text);
        mutate(&d, &r);
        rc = trace(d.p, d.len, NULL, 0, NULL, &t);
        if (rc == NEWS_END)
            ok++;
        else if (rc < 0 && rc > -32)
            seen[-rc]++;
        util_buf_free(&t);
        util_buf_free(&d);
    }
    for (iter = 0; iter < 32; iter++)
        kinds += seen[iter] > 0;
    ck_assert_int_gt(ok, 10);
    ck_assert_int_ge(kinds, 8);
}
END_TEST

/* ------------------------------------------------------------------
 * The text rules against a reference written from docs/FORMAT.md
 * ------------------------------------------------------------------ */

/* The first byte of s[0..n) the format rejects, and why; NEWS_OK if
 * none. Decodes each sequence and checks the code point, rather than
 * the byte ranges the library uses. */
static int ref_check(const unsigned char *s, size_t n, size_t *at)
{
    size_t i = 0, len, k;
    for (; i < n; i += len) {
        unsigned c = s[i];
        unsigned long cp;
        *at = i;
        len = 1;
        if (c < 0x80) {
            if (c == 0)
                return NEWS_ERR_NUL;
            if (c == '\r')
                return NEWS_ERR_CR;
            if (c < 0x20 && c != '\t')
                return NEWS_ERR_CTRL;
            continue;
        }
        if (c >= 0xC0 && c < 0xE0) {
            len = 2;
            cp = c & 0x1F;
        } else if (c >= 0xE0 && c < 0xF0) {
            len = 3;
            cp = c & 0x0F;
        } else if (c >= 0xF0 && c < 0xF8) {
            len = 4;
            cp = c & 0x07;
        } else {
            return NEWS_ERR_UTF8; /* continuation byte or 0xF8-0xFF */
        }
        if (n - i < len)
            return NEWS_ERR_UTF8;
        for (k = 1; k < len; k++) {
            if ((s[i + k] & 0xC0) != 0x80)
                return NEWS_ERR_UTF8;
            cp = cp << 6 | (s[i + k] & 0x3F);
        }
        if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
            (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
            return NEWS_ERR_UTF8;
        if (cp == 0xFEFF)
            return NEWS_ERR_BOM;
    }
    return NEWS_OK;
}

static void put_cp(util_buf *b, unsigned long cp)
{
    char u[4];
    size_t n;
    if (cp < 0x80) {
        u[0] = (char)cp;
        n = 1;
    } else if (cp < 0x800) {
        u[0] = (char)(0xC0 | cp >> 6);
        u[1] = (char)(0x80 | (cp & 0x3F));
        n = 2;
    } else if (cp < 0x10000) {
        u[0] = (char)(0xE0 | cp >> 12);
        u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        u[2] = (char)(0x80 | (cp & 0x3F));
        n = 3;
    } else {
        u[0] = (char)(0xF0 | cp >> 18);
        u[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        u[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        u[3] = (char)(0x80 | (cp & 0x3F));
        n = 4;
    }
    util_buf_add(b, u, n);
}

/* A line without LF: long runs of ASCII and of valid characters (so
 * that whole 16-byte blocks pass), now and then something invalid. */
static void random_line(util_buf *b, rng *r)
{
    static const char *const bad[] = {"\xC0\x80", "\xC1\xBF", "\xE0\x80\x80", "\xE0\x9F\xBF",
                                      "\xF0\x80\x80\x80", "\xF0\x8F\xBF\xBF", "\xED\xA0\x80",
                                      "\xED\xBF\xBF", "\xF4\x90\x80\x80", "\xF5\x80\x80\x80",
                                      "\xFF", "\xFE", "\x80", "\xBF", "\xEF\xBB\xBF", "\r",
                                      "\x7F", "\t", "\x01", "\x1F", "\x1B"};
    size_t pieces = below(r, 12), k, j;
    for (k = 0; k < pieces; k++) {
        size_t c = below(r, 100);
        if (c < 35) { /* printable ASCII */
            size_t n = 1 + below(r, 24);
            for (j = 0; j < n; j++) {
                char ch = (char)(0x20 + below(r, 0x5F));
                util_buf_add(b, &ch, 1);
            }
        } else if (c < 75) { /* valid characters of every length */
            size_t n = 1 + below(r, 8);
            for (j = 0; j < n; j++) {
                unsigned long cp;
                switch (below(r, 4)) {
                case 0:
                    cp = 0x80 + below(r, 0x780);
                    break;
                case 1:
                    cp = 0x800 + below(r, 0xF800);
                    if ((cp >= 0xD800 && cp <= 0xDFFF) || cp == 0xFEFF)
                        cp = 0x3042;
                    break;
                case 2:
                    cp = 0x10000 + below(r, 0x100000);
                    break;
                default:
                    cp = chance(r, 50) ? 0xFFFD : chance(r, 50) ? 0x10FFFF : 0xE9;
                }
                put_cp(b, cp);
            }
        } else if (c < 88) { /* a valid sequence cut short */
            util_buf t = {NULL, 0, 0};
            put_cp(&t, 0x800 + below(r, 0x10F000));
            util_buf_add(b, t.p, 1 + below(r, t.len - 1));
            util_buf_free(&t);
        } else if (c < 97) {
            const char *x = PICK(r, bad);
            util_buf_add(b, x, strlen(x));
        } else {
            util_buf_add(b, "", 1); /* NUL */
        }
    }
}

START_TEST(text_oracle)
{
    rng r = seeded(500 + _i);
    int iter, valid = 0, longer = 0, seen[32] = {0};

    for (iter = 0; iter < 1500; iter++) {
        util_buf line = {NULL, 0, 0}, doc = {NULL, 0, 0}, t0 = {NULL, 0, 0}, t1 = {NULL, 0, 0};
        size_t n, at = 0, chunk;
        int code, rc0, rc1;
        char want[256];
        feeder f;

        random_line(&line, &r);
        util_buf_add(&line, "", 0);
        n = line.len;
        /* A CR right before the LF is the line ending, not text. */
        if (n > 0 && line.p[n - 1] == '\r')
            n--;
        code = ref_check((const unsigned char *)line.p, n, &at);
        valid += code == NEWS_OK;
        longer += code == NEWS_OK && n >= 48;
        seen[-code]++;
        util_buf_add(&doc, "%news 1\ntitle: t\nx-v: ", 22);
        util_buf_add(&doc, line.p, line.len);
        util_buf_add(&doc, "\n", 1);
        rc0 = trace(doc.p, doc.len, NULL, 0, NULL, &t0);
        chunk = 1 + below(&r, 20);
        f = make_feeder(doc.p, doc.len, chunk, &r);
        rc1 = trace(doc.p, doc.len, &f, doc.len + 2, NULL, &t1);
        if (rc0 != rc1 || strcmp(t0.p, t1.p) != 0)
            ck_abort_msg("seed %d iter %d: chunks change the trace:\n%s---\n%s", 500 + _i, iter,
                         t0.p, t1.p);
        if (code != NEWS_OK) {
            snprintf(want, sizeof want, "ERROR %s 3 %lu %lu\n", util_code_name(code),
                     (unsigned long)(6 + at), (unsigned long)(22 + at));
            if (rc0 != code || strstr(t0.p, want) == NULL)
                ck_abort_msg("seed %d iter %d: want %sgot\n%s", 500 + _i, iter, want, t0.p);
        } else {
            util_buf v = {NULL, 0, 0};
            util_buf_add(&v, "3 FIELD -1 [x-v]=[", 18);
            util_buf_add(&v, line.p, n);
            util_buf_add(&v, "]\n3 ARTICLE_END\nEND\n", 20);
            if (!(rc0 == NEWS_END && t0.len >= v.len &&
                  memcmp(t0.p + t0.len - v.len, v.p, v.len) == 0))
                ck_abort_msg("seed %d iter %d: a valid line was refused:\n%s", 500 + _i, iter,
                             t0.p);
            util_buf_free(&v);
        }
        util_buf_free(&line);
        util_buf_free(&doc);
        util_buf_free(&t0);
        util_buf_free(&t1);
    }
    /* Enough of each outcome for the comparison to mean something. */
    ck_assert_int_gt(valid, 300);
    ck_assert_int_gt(longer, 100);
    ck_assert_int_gt(seen[-NEWS_ERR_UTF8], 50);
    ck_assert_int_gt(seen[-NEWS_ERR_NUL], 5);
    ck_assert_int_gt(seen[-NEWS_ERR_CTRL], 5);
    ck_assert_int_gt(seen[-NEWS_ERR_CR], 5);
    ck_assert_int_gt(seen[-NEWS_ERR_BOM], 5);
}
END_TEST

Suite *property_suite(void)
{
    Suite *s = suite_create("property");
    TCase *tc = tcase_create("round trip");

    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, generator_coverage);
    tcase_add_loop_test(tc, valid_round_trip, 0, 8);
    suite_add_tcase(s, tc);
    tc = tcase_create("mutations");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, mutation_coverage);
    tcase_add_loop_test(tc, mutations, 0, 8);
    tcase_add_loop_test(tc, text_oracle, 0, 4);
    suite_add_tcase(s, tc);
    return s;
}
