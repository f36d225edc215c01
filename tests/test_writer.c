/* test_writer.c - news_write and news_write_buffer on articles built by
 * hand: exact canonical text, escapes, refusals (with code, line and
 * column, and nothing written), snprintf semantics, sink errors and
 * write-then-read round trips. */
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------------------
 * Building articles by hand
 * ------------------------------------------------------------------ */

static news_str S(const char *s)
{
    news_str v;
    v.ptr = s;
    v.len = s == NULL ? 0 : strlen(s);
    return v;
}

static news_str SN(const char *s, size_t n)
{
    news_str v;
    v.ptr = s;
    v.len = n;
    return v;
}

static const news_str NONE = {NULL, 0};

/* An article and the nodes of its lists, appended in order. */
typedef struct build {
    news_article a;
    news_tag tags[8];
    news_author authors[8];
    news_block blocks[32];
    news_link links[8];
    news_field fields[32];
    size_t nt, nau, nb, nl, nf;
} build;

static void b_init(build *b)
{
    memset(b, 0, sizeof *b);
}

static void b_tag(build *b, news_str text)
{
    news_tag *t = &b->tags[b->nt++], **pp = &b->a.tags;
    ck_assert_uint_le(b->nt, 8);
    t->text = text;
    while (*pp != NULL)
        pp = &(*pp)->next;
    *pp = t;
    b->a.n_tags++;
}

static news_author *b_author(build *b, news_str name, news_str url, news_str bio)
{
    news_author *au = &b->authors[b->nau++], **pp = &b->a.authors;
    ck_assert_uint_le(b->nau, 8);
    au->name = name;
    au->url = url;
    au->bio = bio;
    while (*pp != NULL)
        pp = &(*pp)->next;
    *pp = au;
    b->a.n_authors++;
    return au;
}

static news_block *b_block(build *b, int kind, news_str text)
{
    news_block *bl = &b->blocks[b->nb++], **pp = &b->a.body;
    ck_assert_uint_le(b->nb, 32);
    bl->kind = kind;
    bl->text = text;
    while (*pp != NULL)
        pp = &(*pp)->next;
    *pp = bl;
    b->a.n_blocks++;
    return bl;
}

static news_link *b_link(build *b, news_str title, news_str kicker, news_str summary,
                         news_str url)
{
    news_link *l = &b->links[b->nl++], **pp = &b->a.related;
    ck_assert_uint_le(b->nl, 8);
    l->title = title;
    l->kicker = kicker;
    l->summary = summary;
    l->url = url;
    while (*pp != NULL)
        pp = &(*pp)->next;
    *pp = l;
    b->a.n_related++;
    return l;
}

static news_field *new_field(build *b, news_field **head, news_str key, news_str value)
{
    news_field *f = &b->fields[b->nf++], **pp = head;
    ck_assert_uint_le(b->nf, 32);
    f->key = key;
    f->value = value;
    while (*pp != NULL)
        pp = &(*pp)->next;
    *pp = f;
    return f;
}

static news_field *b_ext(build *b, news_str key, news_str value)
{
    b->a.n_ext++;
    return new_field(b, &b->a.ext, key, value);
}

static news_field *b_link_ext(build *b, news_link *l, news_str key, news_str value)
{
    l->n_ext++;
    return new_field(b, &l->ext, key, value);
}

/* ---------------------------------------------------------------------
 * Sinks and writing helpers
 * ------------------------------------------------------------------ */

/* Appends to buf and counts calls; returns stop_rc on call stop_at. */
typedef struct counting {
    util_buf buf;
    int calls;
    int stop_at; /* 0: never */
    int stop_rc;
} counting;

static int counting_sink(void *user, const char *data, size_t len)
{
    counting *c = (counting *)user;
    c->calls++;
    if (c->stop_at != 0 && c->calls >= c->stop_at)
        return c->stop_rc;
    util_buf_add(&c->buf, data, len);
    return 0;
}

/* Write a with both entry points, check they agree with expect. */
static void expect_text(const news_article *a, const char *expect)
{
    counting c;
    news_error err;
    size_t len = 12345, n = strlen(expect);
    char *buf = malloc(n + 1);
    int rc;

    memset(&c, 0, sizeof c);
    memset(&err, 0, sizeof err);
    rc = news_write(a, counting_sink, &c, &err);
    ck_assert_msg(rc == NEWS_OK, "news_write: %d (%s) at %lu:%lu", rc, util_code_name(rc),
                  err.line, err.column);
    ck_assert_ptr_nonnull(c.buf.p);
    ck_assert_msg(c.buf.len == n && memcmp(c.buf.p, expect, n) == 0,
                  "news_write gave\n[%s]\nexpected\n[%s]", c.buf.p, expect);
    ck_assert_int_gt(c.calls, 0);

    ck_assert_ptr_nonnull(buf);
    rc = news_write_buffer(a, buf, n + 1, &len, &err);
    ck_assert_int_eq(rc, NEWS_OK);
    ck_assert_uint_eq(len, n);
    ck_assert_str_eq(buf, expect);
    free(buf);
    util_buf_free(&c.buf);
}

/* Parse the first article of text with a large arena. */
static char arena_mem[1 << 16];

static int parse(const char *text, size_t len, news_article *out)
{
    news_arena ar;
    news_error err;
    news_arena_init(&ar, arena_mem, sizeof arena_mem);
    return news_parse(text, len, out, &ar, 0, &err);
}

/* expect_text, then read the text back and compare with a. */
static void expect_round_trip(const news_article *a, const char *expect)
{
    news_article back;
    expect_text(a, expect);
    ck_assert_int_eq(parse(expect, strlen(expect), &back), NEWS_OK);
    ck_assert_msg(util_article_equal(a, &back), "read back differs for\n%s", expect);
}

/* ---------------------------------------------------------------------
 * Canonical text
 * ------------------------------------------------------------------ */

static void full_article(build *b)
{
    news_link *l;

    b_init(b);
    /* Set in an order unrelated to the output: the writer decides it. */
    b->a.image_caption = S("The Meridian at the north pier");
    b->a.modified = S("2024-05-02T08:15:00.25+02:00");
    b->a.title = S("Harbour town votes to keep its last ferry running");
    b->a.source = S("The Coastal Courier");
    b->a.language = S("en-GB");
    b->a.dek = S("A ten-year deal ends months of doubt");
    b->a.url = S("https://courier.example/ferry");
    b->a.kicker = S("Local");
    b->a.image = S("https://courier.example/ferry.jpg");
    b->a.summary = S("Residents backed the ferry.");
    b->a.id = S("urn:courier:1");
    b->a.published = S("2024-05-01T07:30:00Z");
    b_tag(b, S("transport"));
    b_tag(b, S("harbour"));
    b_author(b, S("Jane Doe"), S("https://courier.example/jane"),
             S("Jane Doe covers the coast."));
    b_author(b, S("Sam Roe"), NONE, S("Sam Roe edits the night desk."));
    b_author(b, S("Ana Lee"), S("https://courier.example/ana"), NONE);
    b_author(b, S("Bo Kim"), NONE, NONE);
    b_ext(b, S("x-section"), S("Coast"));
    b_ext(b, S("x-section"), S("Ferries"));
    b_ext(b, S("ref9-a"), S(""));
    b_block(b, NEWS_BLOCK_PARAGRAPH, S("Residents voted on Sunday night."));
    b_block(b, NEWS_BLOCK_HEADING, S("What happens next"));
    b_block(b, NEWS_BLOCK_QUOTE, S("\xe2\x80\x9cIt settles it,\xe2\x80\x9d she said."));
    b_block(b, NEWS_BLOCK_PARAGRAPH, S("- item stays a paragraph"));
    l = b_link(b, S("Tide tables: what changes"), S("Speed Read"), S("New tables."),
               S("https://courier.example/tides"));
    b_link_ext(b, l, S("x-rank"), S("1"));
    b_link_ext(b, l, S("author"), S("A link may use header keys"));
    b_link(b, S("Only a title"), NONE, NONE, NONE);
    b_link(b, S("Title and url"), NONE, NONE, S("https://courier.example/u"));
    b_link(b, S("Title, kicker, summary"), S("In Depth"), S("Summary."), NONE);
}

static const char full_text[] =
    "%news 1\n"
    "title: Harbour town votes to keep its last ferry running\n"
    "dek: A ten-year deal ends months of doubt\n"
    "kicker: Local\n"
    "summary: Residents backed the ferry.\n"
    "source: The Coastal Courier\n"
    "url: https://courier.example/ferry\n"
    "id: urn:courier:1\n"
    "language: en-GB\n"
    "published: 2024-05-01T07:30:00Z\n"
    "modified: 2024-05-02T08:15:00.25+02:00\n"
    "image: https://courier.example/ferry.jpg\n"
    "image-caption: The Meridian at the north pier\n"
    "tag: transport\n"
    "tag: harbour\n"
    "author: Jane Doe\n"
    "author-url: https://courier.example/jane\n"
    "author-bio: Jane Doe covers the coast.\n"
    "author: Sam Roe\n"
    "author-bio: Sam Roe edits the night desk.\n"
    "author: Ana Lee\n"
    "author-url: https://courier.example/ana\n"
    "author: Bo Kim\n"
    "x-section: Coast\n"
    "x-section: Ferries\n"
    "ref9-a:\n"
    "\n"
    "Residents voted on Sunday night.\n"
    "\n"
    "# What happens next\n"
    "\n"
    "> \xe2\x80\x9cIt settles it,\xe2\x80\x9d she said.\n"
    "\n"
    "- item stays a paragraph\n"
    "\n"
    "-\n"
    "title: Tide tables: what changes\n"
    "kicker: Speed Read\n"
    "summary: New tables.\n"
    "url: https://courier.example/tides\n"
    "x-rank: 1\n"
    "author: A link may use header keys\n"
    "-\n"
    "title: Only a title\n"
    "-\n"
    "title: Title and url\n"
    "url: https://courier.example/u\n"
    "-\n"
    "title: Title, kicker, summary\n"
    "kicker: In Depth\n"
    "summary: Summary.\n";

START_TEST(test_full_article)
{
    build b;
    full_article(&b);
    expect_round_trip(&b.a, full_text);
}
END_TEST

START_TEST(test_title_only)
{
    build b;
    b_init(&b);
    b.a.title = S("Just a title");
    expect_round_trip(&b.a, "%news 1\ntitle: Just a title\n");
}
END_TEST

START_TEST(test_links_without_body)
{
    build b;
    news_link *l;
    b_init(&b);
    b.a.title = S("T");
    b_tag(&b, S("a"));
    l = b_link(&b, S("L1"), S(""), NONE, S("https://x/1"));
    b_link_ext(&b, l, S("x"), S(""));
    b_link(&b, S("L2"), NONE, S("S2"), NONE);
    expect_round_trip(&b.a, "%news 1\ntitle: T\ntag: a\n\n-\ntitle: L1\nkicker:\n"
                            "url: https://x/1\nx:\n-\ntitle: L2\nsummary: S2\n");
}
END_TEST

START_TEST(test_body_without_links)
{
    build b;
    b_init(&b);
    b.a.title = S("T");
    b_block(&b, NEWS_BLOCK_PARAGRAPH, S("One."));
    b_block(&b, NEWS_BLOCK_PARAGRAPH, S("Two."));
    expect_round_trip(&b.a, "%news 1\ntitle: T\n\nOne.\n\nTwo.\n");
}
END_TEST

/* Empty but present values: "key:" with no space. */
START_TEST(test_empty_values)
{
    build b;
    b_init(&b);
    b.a.title = S("T");
    b.a.dek = S("");
    b.a.kicker = S("");
    b.a.summary = S("");
    b.a.source = S("");
    b.a.url = S("");
    b.a.id = S("");
    b.a.image = S("");
    b.a.image_caption = S("");
    b_author(&b, S("A"), S(""), S(""));
    b_ext(&b, S("x-empty"), S(""));
    b_link(&b, S("L"), S(""), S(""), S(""));
    expect_round_trip(&b.a, "%news 1\ntitle: T\ndek:\nkicker:\nsummary:\nsource:\nurl:\nid:\n"
                            "image:\nimage-caption:\nauthor: A\nauthor-url:\nauthor-bio:\n"
                            "x-empty:\n\n-\ntitle: L\nkicker:\nsummary:\nurl:\n");
}
END_TEST

/* Values are written byte for byte: leading and trailing spaces, tabs,
 * colons, DEL and C1 controls, non-ASCII text. */
START_TEST(test_values_verbatim)
{
    build b;
    b_init(&b);
    b.a.title = S("  two leading, one trailing ");
    b.a.dek = S("\ttab: and colon: ");
    b.a.summary = S("del \x7f and c1 \xc2\x85 and \xf0\x9f\x93\xb0");
    b_ext(&b, S("x"), S(" "));
    expect_round_trip(&b.a, "%news 1\ntitle:   two leading, one trailing \n"
                            "dek: \ttab: and colon: \n"
                            "summary: del \x7f and c1 \xc2\x85 and \xf0\x9f\x93\xb0\n"
                            "x:  \n");
}
END_TEST

/* Paragraph escapes: text -> line. */
static const struct {
    const char *text;
    const char *line;
} escapes[] = {
    {"#hash", "\\#hash"},
    {"# not a heading", "\\# not a heading"},
    {"#", "\\#"},
    {">quote", "\\>quote"},
    {"> not a quote", "\\> not a quote"},
    {"%news 1", "\\%news 1"},
    {"%", "\\%"},
    {"\\back", "\\\\back"},
    {"\\", "\\\\"},
    {"-", "\\-"},
    {"", "\\"},
    {" ", "\\ "},
    {"   ", "\\   "},
    {"\t", "\\\t"},
    {" \t ", "\\ \t "},
    /* not escaped */
    {"- item", "- item"},
    {"-item", "-item"},
    {"--", "--"},
    {"- ", "- "},
    {" -", " -"},
    {" #x", " #x"},
    {" leading space", " leading space"},
    {"text # > % \\ inside", "text # > % \\ inside"},
    {"title: looks like a field", "title: looks like a field"},
    {"\xe2\x80\x94 an em dash", "\xe2\x80\x94 an em dash"},
};

START_TEST(test_paragraph_escape)
{
    build b;
    util_buf expect = {NULL, 0, 0};
    news_article back;

    b_init(&b);
    b.a.title = S("T");
    b_block(&b, NEWS_BLOCK_PARAGRAPH, S(escapes[_i].text));
    util_buf_printf(&expect, "%%news 1\ntitle: T\n\n%s\n", escapes[_i].line);
    expect_round_trip(&b.a, expect.p);
    /* and the parse gives a paragraph with the very same text */
    ck_assert_int_eq(parse(expect.p, expect.len, &back), NEWS_OK);
    ck_assert_uint_eq(back.n_blocks, 1);
    ck_assert_int_eq(back.body->kind, NEWS_BLOCK_PARAGRAPH);
    ck_assert_uint_eq(back.body->text.len, strlen(escapes[_i].text));
    util_buf_free(&expect);
}
END_TEST

/* Headings and quotes: "# text", "#" alone when empty, leading spaces of
 * the text kept after the one separating space. */
START_TEST(test_heading_quote_forms)
{
    build b;
    b_init(&b);
    b.a.title = S("T");
    b_block(&b, NEWS_BLOCK_HEADING, S("Head"));
    b_block(&b, NEWS_BLOCK_HEADING, S(""));
    b_block(&b, NEWS_BLOCK_HEADING, S(" one leading"));
    b_block(&b, NEWS_BLOCK_HEADING, S("  two leading"));
    b_block(&b, NEWS_BLOCK_HEADING, S(" "));
    b_block(&b, NEWS_BLOCK_HEADING, S("#hash"));
    b_block(&b, NEWS_BLOCK_QUOTE, S("Quote"));
    b_block(&b, NEWS_BLOCK_QUOTE, S(""));
    b_block(&b, NEWS_BLOCK_QUOTE, S(" one leading"));
    b_block(&b, NEWS_BLOCK_QUOTE, S("\ttab"));
    b_block(&b, NEWS_BLOCK_QUOTE, S(">nested"));
    b_block(&b, NEWS_BLOCK_PARAGRAPH, S("end"));
    expect_round_trip(&b.a, "%news 1\ntitle: T\n\n"
                            "# Head\n\n#\n\n#  one leading\n\n#   two leading\n\n#  \n\n"
                            "# #hash\n\n"
                            "> Quote\n\n>\n\n>  one leading\n\n> \ttab\n\n> >nested\n\n"
                            "end\n");
}
END_TEST

/* A block with an absent text is written as an empty one. */
START_TEST(test_block_absent_text)
{
    build b;
    b_init(&b);
    b.a.title = S("T");
    b_block(&b, NEWS_BLOCK_HEADING, NONE);
    b_block(&b, NEWS_BLOCK_PARAGRAPH, NONE);
    expect_text(&b.a, "%news 1\ntitle: T\n\n#\n\n\\\n");
}
END_TEST

/* Absent optional values are left out; lists with no node too. */
START_TEST(test_absent_left_out)
{
    build b;
    b_init(&b);
    b.a.title = S("T");
    b.a.published = S("2024-02-29t23:59:60.123456789z");
    b_author(&b, S("A"), NONE, NONE);
    expect_round_trip(&b.a,
                      "%news 1\ntitle: T\npublished: 2024-02-29t23:59:60.123456789z\nauthor: A\n");
}
END_TEST

/* ---------------------------------------------------------------------
 * Refusals
 * ------------------------------------------------------------------ */

/* The base article of the refusal table; its canonical text has these
 * lines:
 *  1 %news 1               17 author-bio: Bio
 *  2 title: Title          18 x-ext: Ext
 *  3 dek: Dek              19
 *  4 kicker: Kicker        20 Paragraph
 *  5 summary: Summary      21
 *  6 source: Source        22 # Heading
 *  7 url: https://u/       23
 *  8 id: id-1              24 > Quote
 *  9 language: en          25
 * 10 published: ...        26 -
 * 11 modified: ...         27 title: Link
 * 12 image: https://i/     28 kicker: LK
 * 13 image-caption: Cap    29 summary: LS
 * 14 tag: tag              30 url: https://l/
 * 15 author: Author        31 x-lext: LE
 * 16 author-url: https://a/
 */
enum {
    T_NONE,
    T_TITLE,
    T_DEK,
    T_LANGUAGE,
    T_PUBLISHED,
    T_MODIFIED,
    T_IMAGE,
    T_TAG,
    T_AUTHOR,
    T_AUTHOR_URL,
    T_AUTHOR_BIO,
    T_EXT_KEY,
    T_EXT_VALUE,
    T_PARAGRAPH,
    T_HEADING,
    T_QUOTE,
    T_KIND,
    T_LINK_TITLE,
    T_LINK_KICKER,
    T_LINK_URL,
    T_LINK_EXT_KEY,
    T_LINK_EXT_VALUE
};

static void base_article(build *b)
{
    news_link *l;
    b_init(b);
    b->a.title = S("Title");
    b->a.dek = S("Dek");
    b->a.kicker = S("Kicker");
    b->a.summary = S("Summary");
    b->a.source = S("Source");
    b->a.url = S("https://u/");
    b->a.id = S("id-1");
    b->a.language = S("en");
    b->a.published = S("2024-05-01T07:30:00Z");
    b->a.modified = S("2024-05-01T07:30:00Z");
    b->a.image = S("https://i/");
    b->a.image_caption = S("Cap");
    b_tag(b, S("tag"));
    b_author(b, S("Author"), S("https://a/"), S("Bio"));
    b_ext(b, S("x-ext"), S("Ext"));
    b_block(b, NEWS_BLOCK_PARAGRAPH, S("Paragraph"));
    b_block(b, NEWS_BLOCK_HEADING, S("Heading"));
    b_block(b, NEWS_BLOCK_QUOTE, S("Quote"));
    l = b_link(b, S("Link"), S("LK"), S("LS"), S("https://l/"));
    b_link_ext(b, l, S("x-lext"), S("LE"));
}

#define V(lit) lit, sizeof(lit) - 1
#define ABSENT NULL, 0

static const struct refusal {
    const char *name;
    int target;
    const char *value; /* NULL: absent */
    size_t len;
    int code; /* NEWS_OK: accepted */
    unsigned long line, column;
} refusals[] = {
    /* the base article itself */
    {"base", T_NONE, V(""), NEWS_OK, 0, 0},
    /* line breaks */
    {"title LF", T_TITLE, V("ab\ncd"), NEWS_ERR_NEWLINE, 2, 10},
    {"title CR", T_TITLE, V("ab\rcd"), NEWS_ERR_NEWLINE, 2, 10},
    {"title CRLF", T_TITLE, V("ab\r\ncd"), NEWS_ERR_NEWLINE, 2, 10},
    {"title LF first", T_TITLE, V("\nab"), NEWS_ERR_NEWLINE, 2, 8},
    {"title LF last", T_TITLE, V("ab\n"), NEWS_ERR_NEWLINE, 2, 10},
    {"dek LF", T_DEK, V("ab\ncd"), NEWS_ERR_NEWLINE, 3, 8},
    {"author-bio LF", T_AUTHOR_BIO, V("ab\ncd"), NEWS_ERR_NEWLINE, 17, 15},
    {"paragraph LF", T_PARAGRAPH, V("ab\ncd"), NEWS_ERR_NEWLINE, 20, 3},
    {"paragraph CR", T_PARAGRAPH, V("ab\rcd"), NEWS_ERR_NEWLINE, 20, 3},
    {"escaped paragraph LF", T_PARAGRAPH, V("#b\ncd"), NEWS_ERR_NEWLINE, 20, 4},
    {"heading LF", T_HEADING, V("ab\ncd"), NEWS_ERR_NEWLINE, 22, 5},
    {"quote CR", T_QUOTE, V("ab\rcd"), NEWS_ERR_NEWLINE, 24, 5},
    {"link title LF", T_LINK_TITLE, V("ab\ncd"), NEWS_ERR_NEWLINE, 27, 10},
    {"link kicker LF", T_LINK_KICKER, V("ab\ncd"), NEWS_ERR_NEWLINE, 28, 11},
    {"link url CR", T_LINK_URL, V("ab\rcd"), NEWS_ERR_NEWLINE, 30, 8},
    {"ext value LF", T_EXT_VALUE, V("ab\ncd"), NEWS_ERR_NEWLINE, 18, 10},
    {"ext value CR", T_EXT_VALUE, V("ab\rcd"), NEWS_ERR_NEWLINE, 18, 10},
    {"link ext value LF", T_LINK_EXT_VALUE, V("ab\ncd"), NEWS_ERR_NEWLINE, 31, 11},
    /* TAB, DEL and C1 controls are text */
    {"title TAB", T_TITLE, V("ab\tcd"), NEWS_OK, 0, 0},
    {"paragraph TAB", T_PARAGRAPH, V("\tindented"), NEWS_OK, 0, 0},
    {"title DEL", T_TITLE, V("ab\x7f"), NEWS_OK, 0, 0},
    {"title C1", T_TITLE, V("ab\xc2\x80\xc2\x9f"), NEWS_OK, 0, 0},
    {"title U+10FFFF", T_TITLE, V("ab\xf4\x8f\xbf\xbf"), NEWS_OK, 0, 0},
    /* other control characters */
    {"title SOH", T_TITLE, V("ab\x01"), NEWS_ERR_CTRL, 2, 10},
    {"title ESC", T_TITLE, V("ab\x1b[0m"), NEWS_ERR_CTRL, 2, 10},
    {"title US", T_TITLE, V("ab\x1f"), NEWS_ERR_CTRL, 2, 10},
    {"title VT", T_TITLE, V("ab\x0b"), NEWS_ERR_CTRL, 2, 10},
    {"title FF", T_TITLE, V("ab\x0c"), NEWS_ERR_CTRL, 2, 10},
    {"paragraph BS", T_PARAGRAPH, V("ab\x08"), NEWS_ERR_CTRL, 20, 3},
    {"ext value BEL", T_EXT_VALUE, V("ab\x07"), NEWS_ERR_CTRL, 18, 10},
    {"tag ctrl", T_TAG, V("\x02"), NEWS_ERR_CTRL, 14, 6},
    /* NUL */
    {"title NUL", T_TITLE, V("ab\0cd"), NEWS_ERR_NUL, 2, 10},
    {"quote NUL", T_QUOTE, V("\0"), NEWS_ERR_NUL, 24, 3},
    {"link url NUL", T_LINK_URL, V("ab\0"), NEWS_ERR_NUL, 30, 8},
    /* invalid UTF-8 */
    {"title 0xFF", T_TITLE, V("ab\xff"), NEWS_ERR_UTF8, 2, 10},
    {"title 0xC0 overlong", T_TITLE, V("ab\xc0\xaf"), NEWS_ERR_UTF8, 2, 10},
    {"title 0xC1", T_TITLE, V("ab\xc1\xbf"), NEWS_ERR_UTF8, 2, 10},
    {"title overlong 3", T_TITLE, V("ab\xe0\x80\xaf"), NEWS_ERR_UTF8, 2, 10},
    {"title overlong 4", T_TITLE, V("ab\xf0\x80\x80\xaf"), NEWS_ERR_UTF8, 2, 10},
    {"title surrogate", T_TITLE, V("ab\xed\xa0\x80"), NEWS_ERR_UTF8, 2, 10},
    {"title above U+10FFFF", T_TITLE, V("ab\xf4\x90\x80\x80"), NEWS_ERR_UTF8, 2, 10},
    {"title 0xF5", T_TITLE, V("ab\xf5\x80\x80\x80"), NEWS_ERR_UTF8, 2, 10},
    {"title stray continuation", T_TITLE, V("ab\x80"), NEWS_ERR_UTF8, 2, 10},
    {"title truncated", T_TITLE, V("ab\xe2\x80"), NEWS_ERR_UTF8, 2, 10},
    {"title truncated before ascii", T_TITLE, V("ab\xe2\x80x"), NEWS_ERR_UTF8, 2, 10},
    {"paragraph 0xFE", T_PARAGRAPH, V("\xfe"), NEWS_ERR_UTF8, 20, 1},
    {"heading invalid", T_HEADING, V("ab\xc3"), NEWS_ERR_UTF8, 22, 5},
    {"link ext value invalid", T_LINK_EXT_VALUE, V("\x80"), NEWS_ERR_UTF8, 31, 9},
    {"author invalid", T_AUTHOR, V("ab\xe2\x28\xa1"), NEWS_ERR_UTF8, 15, 11},
    /* U+FEFF */
    {"title BOM inside", T_TITLE, V("ab\xef\xbb\xbf"), NEWS_ERR_BOM, 2, 10},
    {"title BOM first", T_TITLE, V("\xef\xbb\xbf" "ab"), NEWS_ERR_BOM, 2, 8},
    {"paragraph BOM first", T_PARAGRAPH, V("\xef\xbb\xbf"), NEWS_ERR_BOM, 20, 1},
    {"ext value BOM", T_EXT_VALUE, V("\xef\xbb\xbf"), NEWS_ERR_BOM, 18, 8},
    /* required values */
    {"title absent", T_TITLE, ABSENT, NEWS_ERR_NO_TITLE, 2, 1},
    {"title empty", T_TITLE, V(""), NEWS_ERR_EMPTY_VALUE, 2, 7},
    {"author empty", T_AUTHOR, V(""), NEWS_ERR_EMPTY_VALUE, 15, 8},
    {"author absent", T_AUTHOR, ABSENT, NEWS_ERR_EMPTY_VALUE, 15, 8},
    {"tag empty", T_TAG, V(""), NEWS_ERR_EMPTY_VALUE, 14, 5},
    {"link title empty", T_LINK_TITLE, V(""), NEWS_ERR_EMPTY_VALUE, 27, 7},
    {"link title absent", T_LINK_TITLE, ABSENT, NEWS_ERR_NO_TITLE, 27, 1},
    /* a blank but present title is not empty */
    {"title blank", T_TITLE, V(" "), NEWS_OK, 0, 0},
    /* image-caption needs image: the caption moves up to line 12 */
    {"image-caption without image", T_IMAGE, ABSENT, NEWS_ERR_NO_IMAGE, 12, 1},
    /* dates and language */
    {"published Feb 30", T_PUBLISHED, V("2024-02-30T00:00:00Z"), NEWS_ERR_DATE, 10, 12},
    {"published no offset", T_PUBLISHED, V("2024-05-01T07:30:00"), NEWS_ERR_DATE, 10, 12},
    {"published empty", T_PUBLISHED, V(""), NEWS_ERR_DATE, 10, 11},
    {"published date only", T_PUBLISHED, V("2024-05-01"), NEWS_ERR_DATE, 10, 12},
    {"modified garbage", T_MODIFIED, V("yesterday"), NEWS_ERR_DATE, 11, 11},
    {"modified 1900-02-29", T_MODIFIED, V("1900-02-29T00:00:00Z"), NEWS_ERR_DATE, 11, 11},
    {"language underscore", T_LANGUAGE, V("en_GB"), NEWS_ERR_LANGUAGE, 9, 11},
    {"language empty", T_LANGUAGE, V(""), NEWS_ERR_LANGUAGE, 9, 10},
    {"language digits first", T_LANGUAGE, V("123"), NEWS_ERR_LANGUAGE, 9, 11},
    {"language 9 letters", T_LANGUAGE, V("abcdefghi"), NEWS_ERR_LANGUAGE, 9, 11},
    {"language trailing dash", T_LANGUAGE, V("en-"), NEWS_ERR_LANGUAGE, 9, 11},
    {"language space", T_LANGUAGE, V(" en"), NEWS_ERR_LANGUAGE, 9, 11},
    {"language ok", T_LANGUAGE, V("zh-Hant-TW"), NEWS_OK, 0, 0},
    {"language ok digits", T_LANGUAGE, V("es-419"), NEWS_OK, 0, 0},
    /* extension keys */
    {"ext key upper", T_EXT_KEY, V("Bad"), NEWS_ERR_KEY, 18, 1},
    {"ext key empty", T_EXT_KEY, V(""), NEWS_ERR_KEY, 18, 1},
    {"ext key absent", T_EXT_KEY, ABSENT, NEWS_ERR_KEY, 18, 1},
    {"ext key digit first", T_EXT_KEY, V("1x"), NEWS_ERR_KEY, 18, 1},
    {"ext key dash first", T_EXT_KEY, V("-x"), NEWS_ERR_KEY, 18, 1},
    {"ext key space", T_EXT_KEY, V("a b"), NEWS_ERR_KEY, 18, 1},
    {"ext key colon", T_EXT_KEY, V("a:"), NEWS_ERR_KEY, 18, 1},
    {"ext key underscore", T_EXT_KEY, V("a_b"), NEWS_ERR_KEY, 18, 1},
    {"ext key LF", T_EXT_KEY, V("a\nb"), NEWS_ERR_KEY, 18, 1},
    {"ext key NUL", T_EXT_KEY, V("a\0"), NEWS_ERR_KEY, 18, 1},
    {"ext key non-ASCII", T_EXT_KEY, V("caf\xc3\xa9"), NEWS_ERR_KEY, 18, 1},
    {"ext key title", T_EXT_KEY, V("title"), NEWS_ERR_KEY, 18, 1},
    {"ext key url", T_EXT_KEY, V("url"), NEWS_ERR_KEY, 18, 1},
    {"ext key tag", T_EXT_KEY, V("tag"), NEWS_ERR_KEY, 18, 1},
    {"ext key author", T_EXT_KEY, V("author"), NEWS_ERR_KEY, 18, 1},
    {"ext key author-bio", T_EXT_KEY, V("author-bio"), NEWS_ERR_KEY, 18, 1},
    {"ext key image-caption", T_EXT_KEY, V("image-caption"), NEWS_ERR_KEY, 18, 1},
    {"ext key ok", T_EXT_KEY, V("a-1-b"), NEWS_OK, 0, 0},
    {"ext key near known", T_EXT_KEY, V("titles"), NEWS_OK, 0, 0},
    {"link ext key url", T_LINK_EXT_KEY, V("url"), NEWS_ERR_KEY, 31, 1},
    {"link ext key title", T_LINK_EXT_KEY, V("title"), NEWS_ERR_KEY, 31, 1},
    {"link ext key kicker", T_LINK_EXT_KEY, V("kicker"), NEWS_ERR_KEY, 31, 1},
    {"link ext key summary", T_LINK_EXT_KEY, V("summary"), NEWS_ERR_KEY, 31, 1},
    {"link ext key Bad", T_LINK_EXT_KEY, V("Bad"), NEWS_ERR_KEY, 31, 1},
    {"link ext key empty", T_LINK_EXT_KEY, V(""), NEWS_ERR_KEY, 31, 1},
    /* header-only keys are extension fields in a link */
    {"link ext key author", T_LINK_EXT_KEY, V("author"), NEWS_OK, 0, 0},
    {"link ext key published", T_LINK_EXT_KEY, V("published"), NEWS_OK, 0, 0},
    /* block kinds: NEWS_ERR_ARG is not about a place (news.h) */
    {"block kind 3", T_KIND, "3", 1, NEWS_ERR_ARG, 0, 0},
    {"block kind -1", T_KIND, "-1", 2, NEWS_ERR_ARG, 0, 0},
};

static void apply(build *b, const struct refusal *c)
{
    news_str v = c->value == NULL ? NONE : SN(c->value, c->len);
    switch (c->target) {
    case T_NONE:
        break;
    case T_TITLE:
        b->a.title = v;
        break;
    case T_DEK:
        b->a.dek = v;
        break;
    case T_LANGUAGE:
        b->a.language = v;
        break;
    case T_PUBLISHED:
        b->a.published = v;
        break;
    case T_MODIFIED:
        b->a.modified = v;
        break;
    case T_IMAGE:
        b->a.image = v;
        break;
    case T_TAG:
        b->a.tags->text = v;
        break;
    case T_AUTHOR:
        b->a.authors->name = v;
        break;
    case T_AUTHOR_URL:
        b->a.authors->url = v;
        break;
    case T_AUTHOR_BIO:
        b->a.authors->bio = v;
        break;
    case T_EXT_KEY:
        b->a.ext->key = v;
        break;
    case T_EXT_VALUE:
        b->a.ext->value = v;
        break;
    case T_PARAGRAPH:
        b->a.body->text = v;
        break;
    case T_HEADING:
        b->a.body->next->text = v;
        break;
    case T_QUOTE:
        b->a.body->next->next->text = v;
        break;
    case T_KIND:
        b->a.body->next->kind = atoi(c->value);
        break;
    case T_LINK_TITLE:
        b->a.related->title = v;
        break;
    case T_LINK_KICKER:
        b->a.related->kicker = v;
        break;
    case T_LINK_URL:
        b->a.related->url = v;
        break;
    case T_LINK_EXT_KEY:
        b->a.related->ext->key = v;
        break;
    case T_LINK_EXT_VALUE:
        b->a.related->ext->value = v;
        break;
    default:
        ck_abort_msg("bad target");
    }
}

START_TEST(test_refusal)
{
    const struct refusal *c = &refusals[_i];
    build b;
    counting sink;
    news_error err;
    char buf[2048];
    size_t len = 0;
    int rc;

    base_article(&b);
    apply(&b, c);
    memset(&sink, 0, sizeof sink);
    memset(&err, 0x5a, sizeof err);
    rc = news_write(&b.a, counting_sink, &sink, &err);
    if (c->code == NEWS_OK) {
        ck_assert_msg(rc == NEWS_OK, "%s: got %s at %lu:%lu", c->name, util_code_name(rc),
                      err.line, err.column);
        ck_assert_int_gt(sink.calls, 0);
        /* and what was written reads back as the same article */
        {
            news_article back;
            ck_assert_int_eq(parse(sink.buf.p, sink.buf.len, &back), NEWS_OK);
            ck_assert_msg(util_article_equal(&b.a, &back), "%s: read back differs", c->name);
        }
        util_buf_free(&sink.buf);
        return;
    }
    ck_assert_msg(rc == c->code, "%s: returned %s, expected %s", c->name, util_code_name(rc),
                  util_code_name(c->code));
    ck_assert_msg(sink.calls == 0, "%s: the sink was called %d times", c->name, sink.calls);
    ck_assert_msg(err.code == c->code, "%s: err.code %s", c->name, util_code_name(err.code));
    ck_assert_msg(err.line == c->line && err.column == c->column,
                  "%s: error at %lu:%lu, expected %lu:%lu", c->name, err.line, err.column,
                  c->line, c->column);
    ck_assert_ptr_nonnull(err.message);
    ck_assert_str_eq(err.message, news_strerror(c->code));

    /* the same refusal from news_write_buffer, and the length is not
     * that of a document */
    memset(&err, 0x5a, sizeof err);
    rc = news_write_buffer(&b.a, buf, sizeof buf, &len, &err);
    ck_assert_int_eq(rc, c->code);
    ck_assert_int_eq(err.code, c->code);
    ck_assert_uint_eq(err.line, c->line);
    ck_assert_uint_eq(err.column, c->column);
    ck_assert_msg(len == 0 && buf[0] == '\0', "%s: write_buffer produced text", c->name);

    /* error may be NULL */
    ck_assert_int_eq(news_write(&b.a, counting_sink, &sink, NULL), c->code);
    ck_assert_int_eq(sink.calls, 0);
}
END_TEST

/* Only the first of several problems is reported, in output order. */
START_TEST(test_first_error_wins)
{
    build b;
    counting sink;
    news_error err;

    base_article(&b);
    b.a.dek = S("a\nb");                /* line 3 */
    b.a.ext->key = S("Bad");            /* line 18 */
    b.a.body->text = S("\x01");         /* line 20 */
    b.a.related->title = S("");         /* line 27 */
    memset(&sink, 0, sizeof sink);
    ck_assert_int_eq(news_write(&b.a, counting_sink, &sink, &err), NEWS_ERR_NEWLINE);
    ck_assert_uint_eq(err.line, 3);
    ck_assert_uint_eq(err.column, 7);
    ck_assert_int_eq(sink.calls, 0);
}
END_TEST

START_TEST(test_null_arguments)
{
    build b;
    news_error err;
    size_t len = 99;
    counting sink;

    memset(&sink, 0, sizeof sink);
    b_init(&b);
    b.a.title = S("T");
    ck_assert_int_eq(news_write(NULL, counting_sink, &sink, &err), NEWS_ERR_ARG);
    ck_assert_int_eq(err.code, NEWS_ERR_ARG);
    ck_assert_uint_eq(err.line, 0);
    ck_assert_uint_eq(err.column, 0);
    ck_assert_int_eq(news_write(&b.a, NULL, &sink, &err), NEWS_ERR_ARG);
    ck_assert_int_eq(news_write(NULL, NULL, NULL, NULL), NEWS_ERR_ARG);
    ck_assert_int_eq(sink.calls, 0);
    ck_assert_int_eq(news_write_buffer(NULL, NULL, 0, &len, &err), NEWS_ERR_ARG);
    ck_assert_int_eq(news_write_buffer(&b.a, NULL, 5, &len, &err), NEWS_ERR_ARG);
    ck_assert_int_eq(err.code, NEWS_ERR_ARG);
    /* the user pointer may be NULL: it is only passed on */
    ck_assert_int_eq(news_write(&b.a, counting_sink, &sink, NULL), NEWS_OK);
    ck_assert_int_gt(sink.calls, 0);
    util_buf_free(&sink.buf);
}
END_TEST

/* ---------------------------------------------------------------------
 * news_write_buffer: snprintf semantics
 * ------------------------------------------------------------------ */

#define GUARD 32
#define GUARD_BYTE 0xA5

/* Index of the first byte of mem[from..to) that is not the guard byte,
 * or to. */
static size_t touched(const char *mem, size_t from, size_t to)
{
    while (from < to && (unsigned char)mem[from] == GUARD_BYTE)
        from++;
    return from;
}

START_TEST(test_buffer_every_capacity)
{
    build b;
    util_buf full = {NULL, 0, 0};
    size_t n, cap, i, len;
    char *mem;
    news_error err;
    int rc;

    full_article(&b);
    ck_assert_int_eq(news_write(&b.a, util_sink, &full, NULL), NEWS_OK);
    n = full.len;
    ck_assert_uint_eq(n, strlen(full_text));
    mem = malloc(n + 1 + GUARD);
    ck_assert_ptr_nonnull(mem);

    /* measure */
    len = 0;
    ck_assert_int_eq(news_write_buffer(&b.a, NULL, 0, &len, &err), NEWS_OK);
    ck_assert_uint_eq(len, n);
    ck_assert_int_eq(news_write_buffer(&b.a, NULL, 0, NULL, NULL), NEWS_OK);

    for (cap = 0; cap <= n + 1; cap++) {
        memset(mem, GUARD_BYTE, n + 1 + GUARD);
        len = 0;
        memset(&err, 0, sizeof err);
        rc = news_write_buffer(&b.a, mem, cap, &len, &err);
        ck_assert_uint_eq(len, n);
        if (cap <= n) {
            ck_assert_msg(rc == NEWS_ERR_NOMEM, "cap %zu: rc %d", cap, rc);
            ck_assert_int_eq(err.code, NEWS_ERR_NOMEM);
            ck_assert_uint_eq(err.line, 0);
            ck_assert_uint_eq(err.column, 0);
            if (cap > 0) {
                ck_assert_msg(memcmp(mem, full.p, cap - 1) == 0, "cap %zu: prefix", cap);
                ck_assert_msg(mem[cap - 1] == '\0', "cap %zu: no NUL", cap);
            }
        } else {
            ck_assert_int_eq(rc, NEWS_OK);
            ck_assert_int_eq(memcmp(mem, full.p, n), 0);
            ck_assert_int_eq(mem[n], '\0');
        }
        i = touched(mem, cap, n + 1 + GUARD);
        ck_assert_msg(i == n + 1 + GUARD, "cap %zu: byte %zu written past the capacity", cap, i);
        /* len may be NULL */
        memset(mem, GUARD_BYTE, n + 1 + GUARD);
        ck_assert_int_eq(news_write_buffer(&b.a, mem, cap, NULL, NULL),
                         cap <= n ? NEWS_ERR_NOMEM : NEWS_OK);
        i = touched(mem, cap, n + 1 + GUARD);
        ck_assert_msg(i == n + 1 + GUARD, "cap %zu: byte %zu written past the capacity", cap, i);
    }
    free(mem);
    util_buf_free(&full);
}
END_TEST

/* A refused article does not write past cap either. */
START_TEST(test_buffer_refusal_guard)
{
    build b;
    char mem[64];
    size_t cap, i, len;

    base_article(&b);
    b.a.title = S("a\nb");
    for (cap = 0; cap < 16; cap++) {
        memset(mem, GUARD_BYTE, sizeof mem);
        ck_assert_int_eq(news_write_buffer(&b.a, mem, cap, &len, NULL), NEWS_ERR_NEWLINE);
        i = touched(mem, cap, sizeof mem);
        ck_assert_msg(i == sizeof mem, "cap %zu: byte %zu written past the capacity", cap, i);
    }
}
END_TEST

/* ---------------------------------------------------------------------
 * Sink errors
 * ------------------------------------------------------------------ */

START_TEST(test_sink_stops)
{
    build b;
    counting all, c;
    int k, rc;
    news_error err;

    full_article(&b);
    memset(&all, 0, sizeof all);
    ck_assert_int_eq(news_write(&b.a, counting_sink, &all, NULL), NEWS_OK);
    ck_assert_int_gt(all.calls, 1);
    for (k = 1; k <= all.calls; k++) {
        memset(&c, 0, sizeof c);
        c.stop_at = k;
        c.stop_rc = 7;
        rc = news_write(&b.a, counting_sink, &c, &err);
        ck_assert_msg(rc == 7, "stop at call %d: returned %d", k, rc);
        ck_assert_msg(c.calls == k, "stop at call %d: sink called %d times", k, c.calls);
        /* what went out before is a prefix of the document */
        ck_assert_uint_le(c.buf.len, all.buf.len);
        if (c.buf.len > 0)
            ck_assert_int_eq(memcmp(c.buf.p, all.buf.p, c.buf.len), 0);
        util_buf_free(&c.buf);
        /* negative values, including library codes, pass unchanged */
        memset(&c, 0, sizeof c);
        c.stop_at = k;
        c.stop_rc = k % 2 ? -1000 : NEWS_ERR_IO;
        ck_assert_int_eq(news_write(&b.a, counting_sink, &c, NULL), c.stop_rc);
        ck_assert_int_eq(c.calls, k);
        util_buf_free(&c.buf);
    }
    util_buf_free(&all.buf);
}
END_TEST

/* ---------------------------------------------------------------------
 * Stores: write several, read them back
 * ------------------------------------------------------------------ */

START_TEST(test_store_round_trip)
{
    build arts[4];
    util_buf store = {NULL, 0, 0}, again = {NULL, 0, 0};
    static char mem[1 << 16];
    news_reader r;
    news_arena ar;
    news_article a;
    size_t i;
    int rc;

    full_article(&arts[0]);
    b_init(&arts[1]);
    arts[1].a.title = S("Second");
    base_article(&arts[2]);
    b_init(&arts[3]);
    arts[3].a.title = S("Fourth");
    b_block(&arts[3], NEWS_BLOCK_PARAGRAPH, S("%news 1"));
    b_block(&arts[3], NEWS_BLOCK_PARAGRAPH, S("-"));
    b_block(&arts[3], NEWS_BLOCK_PARAGRAPH, S(""));
    b_link(&arts[3], S("L"), NONE, NONE, NONE);

    for (i = 0; i < 4; i++)
        ck_assert_int_eq(news_write(&arts[i].a, util_sink, &store, NULL), NEWS_OK);

    news_reader_init(&r, store.p, store.len, NULL);
    for (i = 0; i < 4; i++) {
        news_arena_init(&ar, mem, sizeof mem);
        rc = news_read_article(&r, &a, &ar, 0);
        ck_assert_msg(rc == NEWS_OK, "article %zu: %s", i, util_code_name(rc));
        ck_assert_msg(util_article_equal(&arts[i].a, &a), "article %zu differs", i);
    }
    news_arena_init(&ar, mem, sizeof mem);
    ck_assert_int_eq(news_read_article(&r, &a, &ar, 0), NEWS_END);

    /* the text is canonical: reading and writing it again changes nothing */
    ck_assert_int_eq(util_rewrite(store.p, store.len, 0, 0, &again), NEWS_END);
    ck_assert_uint_eq(again.len, store.len);
    ck_assert_int_eq(memcmp(again.p, store.p, store.len), 0);
    util_buf_free(&store);
    util_buf_free(&again);
}
END_TEST

/* news_write_buffer() checks common text as it copies it, and passes
 * anything else to the same checks news_write() uses: the two must give
 * the same text, or the same error at the same place, for any value.
 * Each sequence below goes at every place of a value of every length to
 * 40 (across the 16-byte steps and the last bytes of the copy), in a
 * field and in the body, among ASCII letters or among two-byte
 * characters. */
static const char *const inserts[] = {
    "\xC3\xA9", "\xE2\x80\x9C", "\xE2\x82\xAC", "\xF0\x9F\x98\x80", "\xEF\xBC\x81",
    "\xED\x9F\xBF", "\xE0\xA0\x80", "\t", "\r", "\n", "\r\n", "\x01", "\x7F", "\x1F",
    "\xC3", "\xE2\x80", "\x80", "\xBF", "\xC0\x80", "\xC1\xBF", "\xE0\x80\x80",
    "\xED\xA0\x80", "\xEF\xBB\xBF", "\xF4\x90\x80\x80", "\xF5\x80\x80\x80", "\xFF",
    "\xC3\xC3", "\xE2\x80\x41"};

static void write_both(const news_article *a, util_buf *out, news_error *err)
{
    counting sink;
    static char buf[1024];
    news_error e2;
    size_t len = 0;
    int rc, rc2;

    memset(&sink, 0, sizeof sink);
    rc = news_write(a, counting_sink, &sink, err);
    rc2 = news_write_buffer(a, buf, sizeof buf, &len, &e2);
    ck_assert_int_eq(rc2, rc);
    if (rc == NEWS_OK) {
        ck_assert_uint_eq(len, sink.buf.len);
        ck_assert_msg(memcmp(buf, sink.buf.p, len) == 0, "buffer and sink differ");
    } else {
        ck_assert_uint_eq(len, 0);
        ck_assert_int_eq(e2.code, err->code);
        ck_assert_uint_eq(e2.line, err->line);
        ck_assert_uint_eq(e2.column, err->column);
    }
    *out = sink.buf;
}

START_TEST(test_buffer_checks_as_sink)
{
    const char *ins = inserts[_i];
    size_t k = strlen(ins), len, pos, fill, i;
    int where;
    char v[64];

    for (fill = 0; fill < 2; fill++)
        for (len = 0; len <= 40; len++)
            for (pos = 0; pos <= len; pos++)
                for (where = 0; where < 3; where++) {
                    build b;
                    util_buf out;
                    news_error err;
                    news_str val;

                    /* len bytes of filler ('a', or "\xC3\xA9" pairs, the
                     * last one cut to 'e' if len is odd), the insert at
                     * pos */
                    for (i = 0; i < len; i++)
                        v[i] = fill == 0 ? 'a' : (i % 2 == 0 ? (i + 1 < len ? '\xC3' : 'e') : '\xA9');
                    if (fill == 1 && pos % 2 == 1)
                        continue; /* not inside a character */
                    memmove(v + pos + k, v + pos, len - pos);
                    memcpy(v + pos, ins, k);
                    val = SN(v, len + k);
                    b_init(&b);
                    b.a.title = S("T");
                    if (where == 0)
                        b.a.kicker = val;
                    else
                        b_block(&b, where == 1 ? NEWS_BLOCK_PARAGRAPH : NEWS_BLOCK_QUOTE, val);
                    write_both(&b.a, &out, &err);
                    util_buf_free(&out);
                }
}
END_TEST

/* ---------------------------------------------------------------------
 * news_write_buffer's own walk (speed builds)
 * ------------------------------------------------------------------ */

/* The code news_write() gives for a value, found from the format's
 * rules alone, with *at the offset of the first offending byte: any CR
 * or LF is a line break; NUL, and control characters but TAB, are
 * refused; UTF-8 must be valid (no overlong forms, surrogates or code
 * points above U+10FFFF), and U+FEFF is refused. */
static int ref_value(const unsigned char *s, size_t n, size_t *at)
{
    size_t i = 0, len, k;
    unsigned long cp;

    while (i < n) {
        unsigned c = s[i];
        *at = i;
        if (c == '\n' || c == '\r')
            return NEWS_ERR_NEWLINE;
        if (c == 0)
            return NEWS_ERR_NUL;
        if (c < 0x20 && c != '\t')
            return NEWS_ERR_CTRL;
        if (c < 0x80) {
            i++;
            continue;
        }
        if (c >= 0xC2 && c <= 0xDF)
            len = 2, cp = c & 0x1F;
        else if (c >= 0xE0 && c <= 0xEF)
            len = 3, cp = c & 0x0F;
        else if (c >= 0xF0 && c <= 0xF4)
            len = 4, cp = c & 0x07;
        else
            return NEWS_ERR_UTF8;
        if (n - i < len)
            return NEWS_ERR_UTF8;
        for (k = 1; k < len; k++) {
            if ((s[i + k] & 0xC0) != 0x80)
                return NEWS_ERR_UTF8;
            cp = cp << 6 | (s[i + k] & 0x3Fu);
        }
        if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
            (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
            return NEWS_ERR_UTF8;
        if (cp == 0xFEFF)
            return NEWS_ERR_BOM;
        i += len;
    }
    return NEWS_OK;
}

/* One of each kind of byte and sequence the copy tells apart. */
static const struct {
    const char *name, *bytes;
    size_t len;
} classes[] = {
    {"NUL", V("\0")}, {"SOH", V("\x01")}, {"TAB", V("\t")}, {"LF", V("\n")}, {"VT", V("\x0b")},
    {"CR", V("\r")}, {"CRLF", V("\r\n")}, {"ESC", V("\x1b")}, {"US", V("\x1f")}, {"space", V(" ")},
    {"tilde", V("~")}, {"DEL", V("\x7f")},
    /* two bytes: the first, a common one, the last */
    {"U+0080", V("\xC2\x80")}, {"U+00E9", V("\xC3\xA9")}, {"U+07FF", V("\xDF\xBF")},
    /* three bytes, by lead: E0 (its lowest), E1-EC, ED (below the
     * surrogates), EE, EF (and the BOM), the last */
    {"U+0800", V("\xE0\xA0\x80")}, {"U+0FFF", V("\xE0\xBF\xBF")}, {"U+1000", V("\xE1\x80\x80")},
    {"U+201C", V("\xE2\x80\x9C")}, {"U+CFFF", V("\xEC\xBF\xBF")}, {"U+D7FF", V("\xED\x9F\xBF")},
    {"U+E000", V("\xEE\x80\x80")}, {"U+FF01", V("\xEF\xBC\x81")}, {"U+FFFF", V("\xEF\xBF\xBF")},
    {"BOM", V("\xEF\xBB\xBF")},
    /* four bytes */
    {"U+10000", V("\xF0\x90\x80\x80")}, {"U+1F600", V("\xF0\x9F\x98\x80")},
    {"U+FFFFF", V("\xF3\xBF\xBF\xBF")}, {"U+10FFFF", V("\xF4\x8F\xBF\xBF")},
    /* overlong forms, surrogates, too high, never valid */
    {"C0 80", V("\xC0\x80")}, {"C1 BF", V("\xC1\xBF")}, {"E0 80 80", V("\xE0\x80\x80")},
    {"E0 9F BF", V("\xE0\x9F\xBF")}, {"F0 80 80 80", V("\xF0\x80\x80\x80")},
    {"F0 8F BF BF", V("\xF0\x8F\xBF\xBF")}, {"ED A0 80", V("\xED\xA0\x80")},
    {"ED BF BF", V("\xED\xBF\xBF")}, {"F4 90 80 80", V("\xF4\x90\x80\x80")},
    {"F5", V("\xF5\x80\x80\x80")}, {"F8", V("\xF8\x88\x80\x80\x80")}, {"FE", V("\xFE")},
    {"FF", V("\xFF")},
    /* continuation bytes out of place, sequences cut short */
    {"80", V("\x80")}, {"BF", V("\xBF")}, {"C3 A9 80", V("\xC3\xA9\x80")},
    {"E2 80 9C BF", V("\xE2\x80\x9C\xBF")},
    {"C3", V("\xC3")}, {"E2", V("\xE2")}, {"E2 80", V("\xE2\x80")}, {"F0 9F 98", V("\xF0\x9F\x98")},
    {"C3 A", V("\xC3" "A")}, {"E2 80 A", V("\xE2\x80" "A")}, {"E2 A 80", V("\xE2" "A\x80")},
    {"C3 C3 A9", V("\xC3\xC3\xA9")}, {"E2 E2 80 9C", V("\xE2\xE2\x80\x9C")}, {"C3 LF", V("\xC3\n")},
    {"E2 80 LF", V("\xE2\x80\n")}, {"LF 80", V("\n\x80")}, {"C3 NUL", V("\xC3\0")}};

/* The value's bytes: len bytes of filler of fill (0: ASCII, 1: two-byte
 * characters, 2: three-byte ones; 'e' where a whole one does not fit),
 * with the class k's bytes at pos, which must be where the filler has a
 * character boundary (*ok is 0 when it is not). */
static size_t class_value(char *v, unsigned k, unsigned fill, size_t len, size_t pos, int *ok)
{
    static const char *const unit[] = {"a", "\xC3\xA9", "\xE2\x80\x9D"};
    size_t u = strlen(unit[fill]), whole = len / u * u, i, n;
    const char *ins = classes[k].bytes;
    size_t m = classes[k].len;

    *ok = pos % u == 0 || pos >= whole;
    n = 0;
    for (i = 0; i < len; i++) {
        if (i == pos)
            memcpy(v + n, ins, m), n += m;
        v[n++] = i < whole ? unit[fill][i % u] : 'e';
    }
    if (pos == len)
        memcpy(v + n, ins, m), n += m;
    return n;
}

/* Write a through news_write_buffer() and news_write(): NULL when they
 * agree (the same text, or the same error at the same place, *err),
 * else what differs. Plain tests rather than ck_assert, which costs a
 * system call each in Check's fork mode. */
static const char *agree(const news_article *a, news_error *err)
{
    static char buf[1024];
    util_buf sink = {NULL, 0, 0};
    news_error e2;
    size_t len = 1;
    int rc, rc2;
    const char *why = NULL;

    memset(err, 0, sizeof *err);
    memset(&e2, 0, sizeof e2);
    rc = news_write(a, util_sink, &sink, err);
    rc2 = news_write_buffer(a, buf, sizeof buf, &len, &e2);
    if (rc2 != rc || e2.code != err->code || e2.line != err->line || e2.column != err->column)
        why = "the errors differ";
    else if (rc == NEWS_OK && (len != sink.len || memcmp(buf, sink.p, len) != 0 || buf[len] != 0))
        why = "the texts differ";
    else if (rc != NEWS_OK && (len != 0 || buf[0] != '\0'))
        why = "a refusal left text";
    util_buf_free(&sink);
    return why;
}

/* Each class at every place of values of every length to 100, among
 * each filler: as a related link's summary (fast_field) and as a quote
 * (fast_block), and among ASCII as a related link's URL too.
 * news_write_buffer() and news_write() (the general walk) must agree,
 * and give the error the rules give. */
START_TEST(test_buffer_byte_classes)
{
    unsigned k = (unsigned)_i, fill, where;
    size_t len, pos, n, at = 0;
    char v[128];
    int ok;

    for (fill = 0; fill < 3; fill++)
        for (len = 0; len <= 100; len++)
            for (pos = 0; pos <= len; pos++) {
                int want;

                n = class_value(v, k, fill, len, pos, &ok);
                if (!ok)
                    continue;
                want = ref_value((const unsigned char *)v, n, &at);
                /* and among ASCII, as a URL (a field whose values are
                 * nearly always ASCII: a copy of its own) */
                for (where = 0; where < (fill == 0 ? 3u : 2u); where++) {
                    build b;
                    news_error err;
                    const char *why;
                    /* "summary: ", "> " or "url: " before the value */
                    unsigned long col =
                        want == NEWS_OK ? 0 : (where == 0 ? 9 : where == 1 ? 2 : 5) + at + 1;

                    b_init(&b);
                    b.a.title = S("T");
                    if (where == 0)
                        b_link(&b, S("L"), NONE, SN(v, n), NONE);
                    else if (where == 1)
                        b_block(&b, NEWS_BLOCK_QUOTE, SN(v, n));
                    else
                        b_link(&b, S("L"), NONE, NONE, SN(v, n));
                    why = agree(&b.a, &err);
                    if (why == NULL && (err.code != want || err.column != col))
                        why = "not the error of the rules";
                    if (why != NULL)
                        ck_abort_msg("%s, filler %u, length %zu, at %zu, %s: %s (%s at column %lu, "
                                     "the rules: %s at %lu)",
                                     classes[k].name, fill, len, pos,
                                     where == 0 ? "summary" : where == 1 ? "quote" : "url",
                                     why, util_code_name(err.code), err.column,
                                     util_code_name(want), col);
                }
            }
}
END_TEST

/* Text of n bytes (valid: ASCII with two-, three- and four-byte
 * characters), different for each seed; shorter characters fill the
 * end. */
static size_t mixed_text(char *v, size_t n, unsigned seed)
{
    static const char *const pieces[] = {"word", " ", "\xC3\xA9", "\xE2\x80\x94", "x",
                                         "\xF0\x9F\x98\x80", "\xE2\x80\x9C", "q.", "\xD0\x96"};
    size_t i = 0;

    while (i < n) {
        const char *p = pieces[(seed = seed * 1103515245u + 12345u) >> 16 & 7u];
        size_t k = strlen(p);
        if (k > n - i)
            p = "z", k = 1;
        memcpy(v + i, p, k);
        i += k;
    }
    return n;
}

/* The places of the walk: every field the article and its lists hold,
 * each kind of block. */
enum { P_TITLE, P_DEK, P_KICKER, P_SUMMARY, P_SOURCE, P_URL, P_ID, P_IMAGE, P_CAPTION, P_TAG,
       P_AUTHOR, P_AUTHOR_URL, P_AUTHOR_BIO, P_EXT, P_PARAGRAPH, P_HEADING, P_QUOTE,
       P_LINK_TITLE, P_LINK_KICKER, P_LINK_SUMMARY, P_LINK_URL, P_LINK_EXT, P_COUNT };

static void put_value(build *b, int place, news_str v)
{
    news_str *slot[P_COUNT];

    slot[P_TITLE] = &b->a.title;
    slot[P_DEK] = &b->a.dek;
    slot[P_KICKER] = &b->a.kicker;
    slot[P_SUMMARY] = &b->a.summary;
    slot[P_SOURCE] = &b->a.source;
    slot[P_URL] = &b->a.url;
    slot[P_ID] = &b->a.id;
    slot[P_IMAGE] = &b->a.image;
    slot[P_CAPTION] = &b->a.image_caption;
    slot[P_TAG] = &b->a.tags->text;
    slot[P_AUTHOR] = &b->a.authors->name;
    slot[P_AUTHOR_URL] = &b->a.authors->url;
    slot[P_AUTHOR_BIO] = &b->a.authors->bio;
    slot[P_EXT] = &b->a.ext->value;
    slot[P_PARAGRAPH] = &b->a.body->text;
    slot[P_HEADING] = &b->a.body->next->text;
    slot[P_QUOTE] = &b->a.body->next->next->text;
    slot[P_LINK_TITLE] = &b->a.related->title;
    slot[P_LINK_KICKER] = &b->a.related->kicker;
    slot[P_LINK_SUMMARY] = &b->a.related->summary;
    slot[P_LINK_URL] = &b->a.related->url;
    slot[P_LINK_EXT] = &b->a.related->ext->value;
    *slot[place] = v;
}

/* Every place with values of every length to 100: plain, starting with
 * each byte that a paragraph escapes, blank, absent. */
START_TEST(test_buffer_every_place)
{
    static const char *const starts[] = {"", "#", ">", "%", "\\", "-", " ", "\t", "  \t"};
    int place = _i;
    size_t len, k, n;
    char v[160];

    for (k = 0; k < sizeof starts / sizeof starts[0]; k++)
        for (len = 0; len <= 100; len++) {
            build b;
            news_error err;
            const char *why;

            n = strlen(starts[k]);
            memcpy(v, starts[k], n);
            if (k != 8) /* the last is blank whatever its length */
                n += mixed_text(v + n, len, (unsigned)(len * 31 + k));
            else
                memset(v + n, ' ', len), n += len;
            base_article(&b);
            put_value(&b, place, SN(v, n));
            why = agree(&b.a, &err);
            if (why != NULL)
                ck_abort_msg("place %d, start %zu, length %zu: %s", place, k, len, why);
            if (len == 0 && k == 0) { /* absent too */
                base_article(&b);
                put_value(&b, place, NONE);
                if ((why = agree(&b.a, &err)) != NULL)
                    ck_abort_msg("place %d absent: %s", place, why);
            }
        }
}
END_TEST

/* The article of test_buffer_capacity: long values of every kind of
 * character, many lines. */
static void long_article(build *b, char *mem)
{
    static const int places[] = {P_TITLE, P_DEK, P_SUMMARY, P_AUTHOR_BIO, P_PARAGRAPH,
                                 P_QUOTE, P_LINK_TITLE, P_LINK_SUMMARY};
    size_t i;

    base_article(b);
    for (i = 0; i < sizeof places / sizeof places[0]; i++) {
        size_t n = 33 + 17 * i;
        mixed_text(mem, n, (unsigned)i);
        put_value(b, places[i], SN(mem, n));
        mem += n;
    }
}

/* Every capacity around the length the text needs (the buffer's own
 * walk needs room to spare, so that near the need it leaves the work to
 * the general walk): the text cut at the capacity, its length, the NUL,
 * nothing written past the capacity. A refused article: the error and
 * no text, at every capacity too. */
START_TEST(test_buffer_capacity)
{
    static char mem[2048 + GUARD];
    char values[1024];
    util_buf text = {NULL, 0, 0};
    build b;
    news_error err;
    size_t n, cap, len, i;
    int which = _i, rc, want = NEWS_OK;

    if (which == 0)
        base_article(&b);
    else if (which == 1)
        full_article(&b);
    else
        long_article(&b, values);
    if (which == 3) { /* refused at the last line */
        b.a.related->ext->value = S("\x01");
        want = NEWS_ERR_CTRL;
    }
    ck_assert_int_eq(news_write(&b.a, util_sink, &text, NULL), want);
    n = text.len;
    if (want != NEWS_OK) /* the length it would have */
        n = 1000;
    ck_assert_uint_le(n + 200, sizeof mem - GUARD);
    for (cap = 0; cap <= n + 200; cap++) {
        const char *why = NULL;

        memset(mem, GUARD_BYTE, sizeof mem);
        len = 12345;
        rc = news_write_buffer(&b.a, mem, cap, &len, &err);
        if (want != NEWS_OK) {
            if (rc != want || err.code != want || len != 0 || (cap > 0 && mem[0] != '\0'))
                why = "not refused";
        } else if (rc != (cap > n ? NEWS_OK : NEWS_ERR_NOMEM) || len != n) {
            why = "wrong code or length";
        } else if (cap > 0) {
            size_t keep = cap > n ? n : cap - 1;
            if (memcmp(mem, text.p, keep) != 0 || mem[keep] != '\0')
                why = "wrong text";
        }
        if (why == NULL && (i = touched(mem, cap, sizeof mem)) != sizeof mem)
            why = "written past the capacity";
        if (why != NULL)
            ck_abort_msg("article %d, need %zu, capacity %zu: %s (%s, length %zu)", which, n, cap,
                         why, util_code_name(rc), len);
    }
    util_buf_free(&text);
}
END_TEST

Suite *writer_suite(void)
{
    Suite *s = suite_create("writer");
    TCase *tc = tcase_create("canonical");

    tcase_add_test(tc, test_full_article);
    tcase_add_test(tc, test_title_only);
    tcase_add_test(tc, test_links_without_body);
    tcase_add_test(tc, test_body_without_links);
    tcase_add_test(tc, test_empty_values);
    tcase_add_test(tc, test_values_verbatim);
    tcase_add_loop_test(tc, test_paragraph_escape, 0, (int)(sizeof escapes / sizeof escapes[0]));
    tcase_add_test(tc, test_heading_quote_forms);
    tcase_add_test(tc, test_block_absent_text);
    tcase_add_test(tc, test_absent_left_out);
    suite_add_tcase(s, tc);

    tc = tcase_create("refusals");
    tcase_add_loop_test(tc, test_refusal, 0, (int)(sizeof refusals / sizeof refusals[0]));
    tcase_add_test(tc, test_first_error_wins);
    tcase_add_test(tc, test_null_arguments);
    suite_add_tcase(s, tc);

    tc = tcase_create("buffer");
    tcase_set_timeout(tc, 300); /* generous: valgrind runs it 50 times slower */
    tcase_add_test(tc, test_buffer_every_capacity);
    tcase_add_test(tc, test_buffer_refusal_guard);
    tcase_add_loop_test(tc, test_buffer_checks_as_sink, 0,
                        (int)(sizeof inserts / sizeof inserts[0]));
    tcase_add_loop_test(tc, test_buffer_byte_classes, 0,
                        (int)(sizeof classes / sizeof classes[0]));
    tcase_add_loop_test(tc, test_buffer_every_place, 0, P_COUNT);
    tcase_add_loop_test(tc, test_buffer_capacity, 0, 4);
    suite_add_tcase(s, tc);

    tc = tcase_create("sink");
    tcase_add_test(tc, test_sink_stops);
    tcase_add_test(tc, test_store_round_trip);
    suite_add_tcase(s, tc);
    return s;
}
