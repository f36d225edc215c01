/* smoke.c - parse, write, parse again: the library's main paths on the
 * target itself, in static memory, with no C library (see smoke.h). */
#include "smoke.h"

#include "news.h"

/* A story with every kind of part: single fields, repeated fields,
 * authors with a bio, an extension field, the three block kinds, text
 * beyond ASCII and two related links. */
static const char story[] =
    "%news 1\n"
    "title: Harbour town votes to keep its last ferry running\n"
    "kicker: Local\n"
    "published: 2024-05-01T07:30:00+01:00\n"
    "language: en-GB\n"
    "tag: transport\n"
    "tag: coast\n"
    "author: Jane Doe\n"
    "author-bio: Jane Doe has covered the coast since 2015.\n"
    "author: Tom\xC3\xA1s N\xC3\xBA\xC3\xB1" "ez\n"
    "desk-code: harbour-07\n"
    "\n"
    "Residents voted on Sunday night to fund the ferry for another ten years.\n"
    "# What changes\n"
    "> \"It settles a question older than the pier itself,\" the mayor said.\n"
    "Crossings will run every 40 minutes \xE2\x80\x94 and the caf\xC3\xA9 stays.\n"
    "-\n"
    "title: Tide tables: what changes this winter\n"
    "kicker: Speed Read\n"
    "-\n"
    "title: The pier at 100\n"
    "url: https://example.com/pier\n";

static char arena1[640], arena2[640], text1[768], text2[768];

/* ---- output ---- */

static smoke_out out;
static char line[128];
static size_t fill;
static int failures;

static void put(const char *s, size_t n)
{
    while (n-- > 0 && fill < sizeof line)
        line[fill++] = *s++;
}

static void str(const char *s)
{
    while (*s != '\0' && fill < sizeof line)
        line[fill++] = *s++;
}

static void num(unsigned long v)
{
    char tmp[12];
    size_t n = 0;
    do {
        tmp[n++] = (char)('0' + (int)(v % 10u));
        v /= 10u;
    } while (v != 0u);
    while (n > 0)
        put(&tmp[--n], 1);
}

static void sint(long v)
{
    if (v < 0) {
        str("-");
        num(0ul - (unsigned long)v);
    } else {
        num((unsigned long)v);
    }
}

static void flush(void)
{
    out(line, fill);
    fill = 0;
}

/* A step that must hold; the transcript says which did not. */
static void expect(int ok, const char *what)
{
    if (!ok) {
        failures++;
        str("FAILED: ");
        str(what);
        flush();
    }
}

static void code(int rc)
{
    str(rc == NEWS_OK ? "ok" : "error ");
    if (rc != NEWS_OK)
        sint(rc);
}

/* ---- helpers ---- */

static int same(news_str a, news_str b)
{
    size_t i;
    if ((a.ptr == NULL) != (b.ptr == NULL) || a.len != b.len)
        return 0;
    for (i = 0; i < a.len; i++)
        if (a.ptr[i] != b.ptr[i])
            return 0;
    return 1;
}

/* 32-bit FNV-1a, in unsigned long arithmetic masked to 32 bits so that
 * every target gives the same number. */
static unsigned long hash;

static void hash_add(const char *s, size_t n)
{
    while (n-- > 0) {
        hash ^= (unsigned char)*s++;
        hash = (hash * 16777619ul) & 0xFFFFFFFFul;
    }
}

static int hash_sink(void *user, const char *data, size_t len)
{
    *(unsigned long *)user += (unsigned long)len;
    hash_add(data, len);
    return 0;
}

/* ---- the steps ---- */

/* Parse the story, write it, parse what was written and write again:
 * the two texts must be identical and the two articles equal. */
static void round_trip(void)
{
    news_article a, b;
    news_arena ar1, ar2;
    news_error err;
    size_t len1 = 0, len2 = 0;
    int rc;
    const news_block *blk;

    news_arena_init(&ar1, arena1, sizeof arena1);
    rc = news_parse(story, sizeof story - 1, &a, &ar1, 0, &err);
    str("parse: ");
    code(rc);
    expect(rc == NEWS_OK, "parse");
    if (rc != NEWS_OK)
        return;
    str(", ");
    num(a.n_tags);
    str(" tags, ");
    num(a.n_authors);
    str(" authors, ");
    num(a.n_blocks);
    str(" blocks, ");
    num(a.n_related);
    str(" related, ");
    num(a.n_ext);
    str(" extension");
    flush();
    str("title: ");
    put(a.title.ptr, a.title.len);
    flush();
    for (blk = a.body; blk != NULL; blk = blk->next) {
        str("block ");
        num((unsigned long)blk->kind);
        str(": ");
        num(blk->text.len);
        str(" bytes");
        flush();
    }

    rc = news_write_buffer(&a, text1, sizeof text1, &len1, &err);
    str("write: ");
    code(rc);
    str(", ");
    num(len1);
    str(" bytes");
    flush();
    expect(rc == NEWS_OK && text1[len1] == '\0', "write");

    news_arena_init(&ar2, arena2, sizeof arena2);
    rc = news_parse(text1, len1, &b, &ar2, 0, &err);
    str("parse again: ");
    code(rc);
    flush();
    expect(rc == NEWS_OK && a.n_authors == 2 && b.n_authors == 2 && a.n_ext == 1 &&
               b.n_ext == 1 && a.n_related == 2 && b.n_related == 2,
           "parse again");
    if (rc != NEWS_OK || failures != 0)
        return;
    expect(same(a.title, b.title) && same(a.published, b.published) &&
               same(a.authors->next->name, b.authors->next->name) &&
               same(a.ext->value, b.ext->value) && a.n_blocks == b.n_blocks &&
               same(a.related->next->url, b.related->next->url),
           "articles equal");

    /* Measuring (NULL buffer) and writing give the same length, and the
     * second text is the first byte for byte. */
    rc = news_write_buffer(&b, NULL, 0, &len2, NULL);
    expect(rc == NEWS_OK && len2 == len1, "measure the text");
    rc = news_write_buffer(&b, text2, sizeof text2, &len2, &err);
    expect(rc == NEWS_OK && same((news_str){text1, len1}, (news_str){text2, len2}),
           "same text twice");
    hash = 2166136261ul;
    hash_add(text1, len1);
    str("text hash: ");
    num(hash);
    flush();

    /* The arena measured exactly: one byte less does not do. */
    news_arena_init(&ar1, NULL, 0);
    rc = news_parse(story, sizeof story - 1, &a, &ar1, 0, NULL);
    expect(rc == NEWS_OK && ar1.used > 0 && ar1.used <= sizeof arena1, "measure");
    str("# arena for the story: ");
    num(ar1.used);
    str(" bytes");
    flush();
    news_arena_init(&ar2, arena2, ar1.used - 1);
    expect(news_parse(story, sizeof story - 1, &b, &ar2, 0, NULL) == NEWS_ERR_NOMEM,
           "arena too small");
}

static void json(void)
{
    news_article a;
    news_arena ar;
    news_json j;
    unsigned long bytes = 0;
    int rc;

    news_arena_init(&ar, arena1, sizeof arena1);
    rc = news_parse(story, sizeof story - 1, &a, &ar, 0, NULL);
    hash = 2166136261ul;
    if (rc == NEWS_OK)
        rc = news_json_begin(&j, hash_sink, &bytes, "Harbour", 0);
    if (rc == NEWS_OK)
        rc = news_json_article(&j, &a);
    if (rc == NEWS_OK)
        rc = news_json_end(&j);
    str("json: ");
    code(rc);
    str(", ");
    num(bytes);
    str(" bytes, hash ");
    num(hash);
    flush();
    expect(rc == NEWS_OK, "json");
}

static void dates(void)
{
    news_time t;
    news_str s;
    int rc;

    s.ptr = "2024-02-29T23:59:60.123456789-14:00"; /* leap day, leap second */
    s.len = 35;
    rc = news_time_parse(s, &t);
    str("date: ");
    code(rc);
    str(", ");
    sint(t.year);
    str("-");
    sint(t.month);
    str("-");
    sint(t.day);
    str(" ");
    sint(t.hour);
    str(":");
    sint(t.minute);
    str(":");
    sint(t.second);
    str(" ns ");
    num(t.nanosecond);
    str(" offset ");
    sint(t.offset);
    flush();
    expect(rc == NEWS_OK && t.offset == -840 && t.nanosecond == 123456789ul, "date");
    s.ptr = "2023-02-29T00:00:00Z";
    s.len = 20;
    expect(news_time_parse(s, NULL) == NEWS_ERR_DATE, "no leap day in 2023");
}

/* The first paragraph on a 21-column display. */
static void wrap(void)
{
    static const char para[] =
        "Crossings will run every 40 minutes \xE2\x80\x94 and the caf\xC3\xA9 stays.";
    news_wrap w;
    news_str text, l;
    size_t width, lines = 0;

    text.ptr = para;
    text.len = sizeof para - 1;
    news_wrap_init(&w, text, 21, NULL, NULL);
    while (news_wrap_next(&w, &l, &width) == NEWS_OK) {
        str("|");
        put(l.ptr, l.len);
        while (width++ < 21)
            str(" ");
        str("|");
        flush();
        lines++;
    }
    expect(lines == 3, "wrap");
}

/* A store streamed in odd-sized chunks through a 64-byte line buffer:
 * 17000 short articles (68000 lines, 340000 bytes, so line numbers and
 * offsets pass 65535), then one with a bad date. Each article is built
 * in the arena, which is reset each time. */
#define N_ARTICLES 17000ul

static const char unit[] = "%news 1\ntitle: Tide at noon\n\nCalm.\n";
static const char bad[] = "%news 1\ntitle: Storm\npublished: 2024-13-01T00:00:00Z\n";

static void stream(void)
{
    static char chunk[61], linebuf[64];
    news_reader r;
    news_article a;
    news_arena ar;
    const news_error *e;
    unsigned long pos = 0, total, n = 0, wrong = 0, ulen = sizeof unit - 1;
    int rc;

    total = N_ARTICLES * ulen + (sizeof bad - 1);
    news_reader_init_stream(&r, linebuf, sizeof linebuf, NULL);
    for (;;) {
        news_arena_init(&ar, arena1, sizeof arena1);
        rc = news_read_article(&r, &a, &ar, 0);
        if (rc == NEWS_MORE) {
            size_t k = 0;
            while (k < sizeof chunk && pos < total) {
                unsigned long in = pos - N_ARTICLES * ulen;
                chunk[k++] = pos < N_ARTICLES * ulen ? unit[pos % ulen] : bad[in];
                pos++;
            }
            if (k == 0)
                news_reader_finish(&r);
            else
                news_reader_feed(&r, chunk, k);
            continue;
        }
        if (rc != NEWS_OK)
            break;
        wrong += a.title.len != 12 || a.n_blocks != 1 || a.body->text.len != 5;
        n++;
    }
    e = news_reader_error(&r);
    str("stream: ");
    num(n);
    str(" articles, then ");
    code(rc);
    str(" at line ");
    num(e->line);
    str(" column ");
    num(e->column);
    str(" offset ");
    num(e->offset);
    flush();
    expect(wrong == 0, "streamed articles");
    expect(n == N_ARTICLES && rc == NEWS_ERR_DATE && e->line == 4ul * N_ARTICLES + 3 &&
               e->column == 12 && e->offset == N_ARTICLES * ulen + 32,
           "stream");
}

int smoke_run(smoke_out fn)
{
    out = fn;
    failures = 0;
    str("libnews smoke test");
    flush();
    str("# version ");
    str(news_version());
    str("; sizeof int ");
    num(sizeof(int));
    str(", long ");
    num(sizeof(long));
    str(", size_t ");
    num(sizeof(size_t));
    str(", void * ");
    num(sizeof(void *));
    str("; news_reader ");
    num(sizeof(news_reader));
    str(", news_article ");
    num(sizeof(news_article));
    str(" bytes");
    flush();
    round_trip();
    json();
    dates();
    wrap();
    stream();
    str(failures == 0 ? "PASS" : "FAIL");
    flush();
    return failures != 0;
}
