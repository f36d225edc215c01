/* test_json.c - the JSON Feed export: exact text (compact and pretty),
 * every member of the item contract in news.h, omissions, escaping,
 * validity for random bytes, several items, sink errors, arguments. */
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

typedef struct build {
    news_article a;
    news_tag tags[8];
    news_author authors[8];
    news_block blocks[16];
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
    t->text = text;
    while (*pp != NULL)
        pp = &(*pp)->next;
    *pp = t;
    b->a.n_tags++;
}

static void b_author(build *b, news_str name, news_str url, news_str bio)
{
    news_author *au = &b->authors[b->nau++], **pp = &b->a.authors;
    au->name = name;
    au->url = url;
    au->bio = bio;
    while (*pp != NULL)
        pp = &(*pp)->next;
    *pp = au;
    b->a.n_authors++;
}

static void b_block(build *b, int kind, news_str text)
{
    news_block *bl = &b->blocks[b->nb++], **pp = &b->a.body;
    bl->kind = kind;
    bl->text = text;
    while (*pp != NULL)
        pp = &(*pp)->next;
    *pp = bl;
    b->a.n_blocks++;
}

static news_link *b_link(build *b, news_str title, news_str kicker, news_str summary,
                         news_str url)
{
    news_link *l = &b->links[b->nl++], **pp = &b->a.related;
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

static void add_field(build *b, news_field **head, size_t *count, news_str key, news_str value)
{
    news_field *f = &b->fields[b->nf++], **pp = head;
    f->key = key;
    f->value = value;
    while (*pp != NULL)
        pp = &(*pp)->next;
    *pp = f;
    ++*count;
}

static void b_ext(build *b, news_str key, news_str value)
{
    add_field(b, &b->a.ext, &b->a.n_ext, key, value);
}

static void b_link_ext(build *b, news_link *l, news_str key, news_str value)
{
    add_field(b, &l->ext, &l->n_ext, key, value);
}

/* ---------------------------------------------------------------------
 * Helpers
 * ------------------------------------------------------------------ */

/* A feed of n articles into out; every call must succeed. */
static void feed(const news_article *const *arts, size_t n, const char *title, unsigned flags,
                 util_buf *out)
{
    news_json j;
    size_t i;
    ck_assert_int_eq(news_json_begin(&j, util_sink, out, title, flags), NEWS_OK);
    for (i = 0; i < n; i++)
        ck_assert_int_eq(news_json_article(&j, arts[i]), NEWS_OK);
    ck_assert_int_eq(news_json_end(&j), NEWS_OK);
}

static void feed1(const news_article *a, unsigned flags, util_buf *out)
{
    feed(&a, 1, "feed", flags, out);
}

/* Remove the whitespace outside strings: the compact form of a pretty
 * text, keeping the final line feed. */
static void compact(const char *s, size_t n, util_buf *out)
{
    size_t i;
    int in = 0;
    for (i = 0; i < n; i++) {
        char c = s[i];
        if (in) {
            util_buf_add(out, &c, 1);
            if (c == '\\') {
                util_buf_add(out, &s[++i], 1);
            } else if (c == '"') {
                in = 0;
            }
        } else if (c == '"') {
            in = 1;
            util_buf_add(out, &c, 1);
        } else if (c != ' ' && c != '\n') {
            util_buf_add(out, &c, 1);
        }
    }
    util_buf_add(out, "\n", 1);
}

static void expect_json(const news_article *a, unsigned flags, const char *expect)
{
    util_buf out = {NULL, 0, 0};
    feed1(a, flags, &out);
    ck_assert_ptr_nonnull(out.p);
    ck_assert_msg(out.len == strlen(expect) && memcmp(out.p, expect, out.len) == 0,
                  "got\n%s\nexpected\n%s", out.p, expect);
    ck_assert_msg(util_json_valid(out.p, out.len), "invalid JSON:\n%s", out.p);
    util_buf_free(&out);
}

/* Expect the pretty text, and the compact text derived from it. */
static void expect_both(const news_article *a, const char *pretty)
{
    util_buf c = {NULL, 0, 0};
    expect_json(a, NEWS_JSON_PRETTY, pretty);
    compact(pretty, strlen(pretty), &c);
    expect_json(a, 0, c.p);
    util_buf_free(&c);
}

#define HEAD_C "{\"version\":\"https://jsonfeed.org/version/1.1\",\"title\":\"feed\",\"items\":["
#define TAIL_C "]}\n"

/* ---------------------------------------------------------------------
 * Exact text
 * ------------------------------------------------------------------ */

START_TEST(test_empty_feed)
{
    util_buf out = {NULL, 0, 0};
    feed(NULL, 0, "feed", 0, &out);
    ck_assert_str_eq(out.p, HEAD_C TAIL_C);
    util_buf_free(&out);
    feed(NULL, 0, "feed", NEWS_JSON_PRETTY, &out);
    ck_assert_str_eq(out.p, "{\n  \"version\": \"https://jsonfeed.org/version/1.1\",\n"
                            "  \"title\": \"feed\",\n  \"items\": []\n}\n");
    util_buf_free(&out);
    /* a NULL title is written as "" */
    feed(NULL, 0, NULL, 0, &out);
    ck_assert_str_eq(out.p, "{\"version\":\"https://jsonfeed.org/version/1.1\",\"title\":\"\","
                            "\"items\":[]}\n");
    util_buf_free(&out);
    /* the feed title is escaped */
    feed(NULL, 0, "a\"b\\c\n\xff", 0, &out);
    ck_assert_str_eq(out.p, "{\"version\":\"https://jsonfeed.org/version/1.1\","
                            "\"title\":\"a\\\"b\\\\c\\n\\ufffd\",\"items\":[]}\n");
    util_buf_free(&out);
}
END_TEST

START_TEST(test_small_article)
{
    build b;
    b_init(&b);
    b.a.title = S("Hello");
    b_block(&b, NEWS_BLOCK_PARAGRAPH, S("World."));
    expect_json(&b.a, 0,
                HEAD_C "{\"title\":\"Hello\",\"content_text\":\"World.\",\"_libnews\":{"
                       "\"paragraphs\":[{\"kind\":\"text\",\"text\":\"World.\"}]}}" TAIL_C);
    expect_json(&b.a, NEWS_JSON_PRETTY,
                "{\n"
                "  \"version\": \"https://jsonfeed.org/version/1.1\",\n"
                "  \"title\": \"feed\",\n"
                "  \"items\": [\n"
                "    {\n"
                "      \"title\": \"Hello\",\n"
                "      \"content_text\": \"World.\",\n"
                "      \"_libnews\": {\n"
                "        \"paragraphs\": [\n"
                "          {\n"
                "            \"kind\": \"text\",\n"
                "            \"text\": \"World.\"\n"
                "          }\n"
                "        ]\n"
                "      }\n"
                "    }\n"
                "  ]\n"
                "}\n");
}
END_TEST

static void full_article(build *b)
{
    news_link *l;
    b_init(b);
    b->a.title = S("Ferry saved");
    b->a.dek = S("D");
    b->a.kicker = S("K");
    b->a.summary = S("Yes.");
    b->a.source = S("S");
    b->a.url = S("https://c.example/a");
    b->a.id = S("urn:1");
    b->a.language = S("en");
    b->a.published = S("2024-05-01T07:30:00Z");
    b->a.modified = S("2024-05-02T08:00:00+02:00");
    b->a.image = S("https://c.example/i.jpg");
    b->a.image_caption = S("C");
    b_tag(b, S("a"));
    b_tag(b, S("b"));
    b_author(b, S("Jane"), S("https://c.example/jane"), S("Jane writes."));
    b_author(b, S("Sam"), NONE, NONE);
    b_author(b, S("Ana"), NONE, S("Ana edits."));
    b_block(b, NEWS_BLOCK_PARAGRAPH, S("P1"));
    b_block(b, NEWS_BLOCK_HEADING, S("H"));
    b_block(b, NEWS_BLOCK_QUOTE, S("Q \"x\""));
    l = b_link(b, S("L1"), S("K1"), S("S1"), S("https://c.example/l1"));
    b_link_ext(b, l, S("x-rank"), S("1"));
    b_link(b, S("L2"), NONE, NONE, NONE);
    b_ext(b, S("x-a"), S("1"));
    b_ext(b, S("x-b"), S("2"));
    b_ext(b, S("x-a"), S("3"));
}

static const char full_pretty[] =
    "{\n"
    "  \"version\": \"https://jsonfeed.org/version/1.1\",\n"
    "  \"title\": \"feed\",\n"
    "  \"items\": [\n"
    "    {\n"
    "      \"id\": \"urn:1\",\n"
    "      \"url\": \"https://c.example/a\",\n"
    "      \"title\": \"Ferry saved\",\n"
    "      \"summary\": \"Yes.\",\n"
    "      \"content_text\": \"P1\\n\\nH\\n\\nQ \\\"x\\\"\",\n"
    "      \"date_published\": \"2024-05-01T07:30:00Z\",\n"
    "      \"date_modified\": \"2024-05-02T08:00:00+02:00\",\n"
    "      \"language\": \"en\",\n"
    "      \"tags\": [\n"
    "        \"a\",\n"
    "        \"b\"\n"
    "      ],\n"
    "      \"image\": \"https://c.example/i.jpg\",\n"
    "      \"authors\": [\n"
    "        {\n"
    "          \"name\": \"Jane\",\n"
    "          \"url\": \"https://c.example/jane\",\n"
    "          \"_libnews\": {\n"
    "            \"bio\": \"Jane writes.\"\n"
    "          }\n"
    "        },\n"
    "        {\n"
    "          \"name\": \"Sam\"\n"
    "        },\n"
    "        {\n"
    "          \"name\": \"Ana\",\n"
    "          \"_libnews\": {\n"
    "            \"bio\": \"Ana edits.\"\n"
    "          }\n"
    "        }\n"
    "      ],\n"
    "      \"_libnews\": {\n"
    "        \"dek\": \"D\",\n"
    "        \"kicker\": \"K\",\n"
    "        \"source\": \"S\",\n"
    "        \"image_caption\": \"C\",\n"
    "        \"paragraphs\": [\n"
    "          {\n"
    "            \"kind\": \"text\",\n"
    "            \"text\": \"P1\"\n"
    "          },\n"
    "          {\n"
    "            \"kind\": \"heading\",\n"
    "            \"text\": \"H\"\n"
    "          },\n"
    "          {\n"
    "            \"kind\": \"quote\",\n"
    "            \"text\": \"Q \\\"x\\\"\"\n"
    "          }\n"
    "        ],\n"
    "        \"related\": [\n"
    "          {\n"
    "            \"title\": \"L1\",\n"
    "            \"url\": \"https://c.example/l1\",\n"
    "            \"kicker\": \"K1\",\n"
    "            \"summary\": \"S1\",\n"
    "            \"ext\": {\n"
    "              \"x-rank\": \"1\"\n"
    "            }\n"
    "          },\n"
    "          {\n"
    "            \"title\": \"L2\"\n"
    "          }\n"
    "        ],\n"
    "        \"ext\": {\n"
    "          \"x-a\": [\n"
    "            \"1\",\n"
    "            \"3\"\n"
    "          ],\n"
    "          \"x-b\": \"2\"\n"
    "        }\n"
    "      }\n"
    "    }\n"
    "  ]\n"
    "}\n";

START_TEST(test_full_article)
{
    build b;
    full_article(&b);
    expect_both(&b.a, full_pretty);
}
END_TEST

/* The compact form written out once by hand, so that it does not rest
 * on compact() alone. */
START_TEST(test_full_article_compact_literal)
{
    build b;
    full_article(&b);
    expect_json(
        &b.a, 0,
        HEAD_C "{\"id\":\"urn:1\",\"url\":\"https://c.example/a\",\"title\":\"Ferry saved\","
               "\"summary\":\"Yes.\",\"content_text\":\"P1\\n\\nH\\n\\nQ \\\"x\\\"\","
               "\"date_published\":\"2024-05-01T07:30:00Z\","
               "\"date_modified\":\"2024-05-02T08:00:00+02:00\",\"language\":\"en\","
               "\"tags\":[\"a\",\"b\"],\"image\":\"https://c.example/i.jpg\","
               "\"authors\":[{\"name\":\"Jane\",\"url\":\"https://c.example/jane\","
               "\"_libnews\":{\"bio\":\"Jane writes.\"}},{\"name\":\"Sam\"},"
               "{\"name\":\"Ana\",\"_libnews\":{\"bio\":\"Ana edits.\"}}],"
               "\"_libnews\":{\"dek\":\"D\",\"kicker\":\"K\",\"source\":\"S\","
               "\"image_caption\":\"C\",\"paragraphs\":[{\"kind\":\"text\",\"text\":\"P1\"},"
               "{\"kind\":\"heading\",\"text\":\"H\"},{\"kind\":\"quote\",\"text\":"
               "\"Q \\\"x\\\"\"}],\"related\":[{\"title\":\"L1\",\"url\":\"https://c.example/l1\","
               "\"kicker\":\"K1\",\"summary\":\"S1\",\"ext\":{\"x-rank\":\"1\"}},"
               "{\"title\":\"L2\"}],\"ext\":{\"x-a\":[\"1\",\"3\"],\"x-b\":\"2\"}}}" TAIL_C);
}
END_TEST

/* ---------------------------------------------------------------------
 * Members one at a time: absent values, empty lists and empty objects
 * are left out; present but empty values are kept.
 * ------------------------------------------------------------------ */

START_TEST(test_only_title)
{
    build b;
    b_init(&b);
    b.a.title = S("T");
    expect_json(&b.a, 0, HEAD_C "{\"title\":\"T\"}" TAIL_C);
}
END_TEST

START_TEST(test_all_absent)
{
    build b;
    b_init(&b);
    expect_json(&b.a, 0, HEAD_C "{}" TAIL_C);
    expect_json(&b.a, NEWS_JSON_PRETTY,
                "{\n  \"version\": \"https://jsonfeed.org/version/1.1\",\n"
                "  \"title\": \"feed\",\n  \"items\": [\n    {}\n  ]\n}\n");
}
END_TEST

START_TEST(test_empty_values_kept)
{
    build b;
    b_init(&b);
    b.a.id = S("");
    b.a.url = S("");
    b.a.title = S("");
    b.a.summary = S("");
    b.a.published = S("");
    b.a.modified = S("");
    b.a.language = S("");
    b.a.image = S("");
    b.a.dek = S("");
    b.a.kicker = S("");
    b.a.source = S("");
    b.a.image_caption = S("");
    b_tag(&b, S(""));
    b_author(&b, S(""), S(""), S(""));
    b_block(&b, NEWS_BLOCK_PARAGRAPH, S(""));
    b_link(&b, S(""), S(""), S(""), S(""));
    b_ext(&b, S("x"), S(""));
    expect_json(&b.a, 0,
                HEAD_C "{\"id\":\"\",\"url\":\"\",\"title\":\"\",\"summary\":\"\","
                       "\"content_text\":\"\",\"date_published\":\"\",\"date_modified\":\"\","
                       "\"language\":\"\",\"tags\":[\"\"],\"image\":\"\","
                       "\"authors\":[{\"name\":\"\",\"url\":\"\",\"_libnews\":{\"bio\":\"\"}}],"
                       "\"_libnews\":{\"dek\":\"\",\"kicker\":\"\",\"source\":\"\","
                       "\"image_caption\":\"\",\"paragraphs\":[{\"kind\":\"text\",\"text\":\"\"}],"
                       "\"related\":[{\"title\":\"\",\"url\":\"\",\"kicker\":\"\","
                       "\"summary\":\"\"}],\"ext\":{\"x\":\"\"}}}" TAIL_C);
}
END_TEST

/* Each _libnews member alone makes the object appear with only it. */
START_TEST(test_libnews_members_alone)
{
    build b;

    b_init(&b);
    b.a.title = S("T");
    b.a.dek = S("d");
    expect_json(&b.a, 0, HEAD_C "{\"title\":\"T\",\"_libnews\":{\"dek\":\"d\"}}" TAIL_C);

    b_init(&b);
    b.a.title = S("T");
    b.a.kicker = S("k");
    expect_json(&b.a, 0, HEAD_C "{\"title\":\"T\",\"_libnews\":{\"kicker\":\"k\"}}" TAIL_C);

    b_init(&b);
    b.a.title = S("T");
    b.a.source = S("s");
    expect_json(&b.a, 0, HEAD_C "{\"title\":\"T\",\"_libnews\":{\"source\":\"s\"}}" TAIL_C);

    b_init(&b);
    b.a.title = S("T");
    b.a.image = S("i");
    b.a.image_caption = S("c");
    expect_json(&b.a, 0,
                HEAD_C "{\"title\":\"T\",\"image\":\"i\",\"_libnews\":{\"image_caption\":\"c\"}}"
                TAIL_C);

    b_init(&b);
    b.a.title = S("T");
    b_link(&b, S("L"), NONE, NONE, S("u"));
    expect_json(&b.a, 0,
                HEAD_C "{\"title\":\"T\",\"_libnews\":{\"related\":[{\"title\":\"L\",\"url\":\"u\"}]}}"
                TAIL_C);

    b_init(&b);
    b.a.title = S("T");
    b_ext(&b, S("x-y"), S("v"));
    expect_json(&b.a, 0, HEAD_C "{\"title\":\"T\",\"_libnews\":{\"ext\":{\"x-y\":\"v\"}}}" TAIL_C);
}
END_TEST

START_TEST(test_item_members_alone)
{
    build b;

    b_init(&b);
    b.a.id = S("i");
    expect_json(&b.a, 0, HEAD_C "{\"id\":\"i\"}" TAIL_C);
    b_init(&b);
    b.a.url = S("u");
    expect_json(&b.a, 0, HEAD_C "{\"url\":\"u\"}" TAIL_C);
    b_init(&b);
    b.a.summary = S("s");
    expect_json(&b.a, 0, HEAD_C "{\"summary\":\"s\"}" TAIL_C);
    b_init(&b);
    b.a.published = S("p");
    expect_json(&b.a, 0, HEAD_C "{\"date_published\":\"p\"}" TAIL_C);
    b_init(&b);
    b.a.modified = S("m");
    expect_json(&b.a, 0, HEAD_C "{\"date_modified\":\"m\"}" TAIL_C);
    b_init(&b);
    b.a.language = S("l");
    expect_json(&b.a, 0, HEAD_C "{\"language\":\"l\"}" TAIL_C);
    b_init(&b);
    b.a.image = S("im");
    expect_json(&b.a, 0, HEAD_C "{\"image\":\"im\"}" TAIL_C);
    b_init(&b);
    b_tag(&b, S("t1"));
    expect_json(&b.a, 0, HEAD_C "{\"tags\":[\"t1\"]}" TAIL_C);
    b_init(&b);
    b_author(&b, S("n"), NONE, NONE);
    expect_json(&b.a, 0, HEAD_C "{\"authors\":[{\"name\":\"n\"}]}" TAIL_C);
    b_init(&b);
    b_author(&b, S("n"), S("u"), NONE);
    expect_json(&b.a, 0, HEAD_C "{\"authors\":[{\"name\":\"n\",\"url\":\"u\"}]}" TAIL_C);
}
END_TEST

/* content_text: blocks of every kind joined by one blank line. */
START_TEST(test_content_text)
{
    build b;
    b_init(&b);
    b_block(&b, NEWS_BLOCK_HEADING, S("h"));
    b_block(&b, NEWS_BLOCK_PARAGRAPH, S(""));
    b_block(&b, NEWS_BLOCK_QUOTE, S("q\""));
    b_block(&b, NEWS_BLOCK_PARAGRAPH, S("p\n"));
    expect_json(&b.a, 0,
                HEAD_C "{\"content_text\":\"h\\n\\n\\n\\nq\\\"\\n\\np\\n\","
                       "\"_libnews\":{\"paragraphs\":[{\"kind\":\"heading\",\"text\":\"h\"},"
                       "{\"kind\":\"text\",\"text\":\"\"},{\"kind\":\"quote\",\"text\":\"q\\\"\"},"
                       "{\"kind\":\"text\",\"text\":\"p\\n\"}]}}" TAIL_C);
}
END_TEST

/* Extension fields: one value, repeated keys as arrays in order, the
 * array placed at the first occurrence of its key; links too. */
START_TEST(test_ext_repeated)
{
    build b;
    news_link *l;
    b_init(&b);
    b_ext(&b, S("b"), S("1"));
    b_ext(&b, S("a"), S("2"));
    b_ext(&b, S("b"), S("3"));
    b_ext(&b, S("c"), S("4"));
    b_ext(&b, S("b"), S("5"));
    b_ext(&b, S("a"), S("6"));
    l = b_link(&b, S("L"), NONE, NONE, NONE);
    b_link_ext(&b, l, S("k"), S("x"));
    b_link_ext(&b, l, S("k"), S("y"));
    b_link_ext(&b, l, S("j"), S("z"));
    expect_json(&b.a, 0,
                HEAD_C "{\"_libnews\":{\"related\":[{\"title\":\"L\",\"ext\":{\"k\":[\"x\",\"y\"],"
                       "\"j\":\"z\"}}],\"ext\":{\"b\":[\"1\",\"3\",\"5\"],\"a\":[\"2\",\"6\"],"
                       "\"c\":\"4\"}}}" TAIL_C);
}
END_TEST

/* Keys that differ only in length are different keys. */
START_TEST(test_ext_prefix_keys)
{
    build b;
    b_init(&b);
    b_ext(&b, S("ab"), S("1"));
    b_ext(&b, S("a"), S("2"));
    b_ext(&b, S("abc"), S("3"));
    b_ext(&b, S("a"), S("4"));
    expect_json(&b.a, 0,
                HEAD_C "{\"_libnews\":{\"ext\":{\"ab\":\"1\",\"a\":[\"2\",\"4\"],\"abc\":\"3\"}}}"
                TAIL_C);
}
END_TEST

/* ---------------------------------------------------------------------
 * Escaping
 * ------------------------------------------------------------------ */

static const struct {
    const char *in;
    size_t len;
    const char *out;  /* the expected string contents */
    const char *alt;  /* another acceptable form, or NULL */
} escapes[] = {
#define E(lit, out, alt) {lit, sizeof(lit) - 1, out, alt}
    E("plain", "plain", NULL),
    E("\"", "\\\"", NULL),
    E("\\", "\\\\", NULL),
    E("/", "/", NULL),
    E("\n", "\\n", NULL),
    E("\t", "\\t", NULL),
    E("\r", "\\r", NULL),
    E("\r\n", "\\r\\n", NULL),
    E("\0", "\\u0000", NULL),
    E("\x01", "\\u0001", NULL),
    E("\x08", "\\u0008", "\\b"),
    E("\x0b", "\\u000b", NULL),
    E("\x0c", "\\u000c", "\\f"),
    E("\x1b", "\\u001b", NULL),
    E("\x1f", "\\u001f", NULL),
    E(" ", " ", NULL),
    E("a\"b\\c\nd", "a\\\"b\\\\c\\nd", NULL),
    /* DEL, U+2028 and U+2029 are valid in JSON strings as they are */
    E("\x7f", "\x7f", "\\u007f"),
    E("\xe2\x80\xa8", "\xe2\x80\xa8", "\\u2028"),
    E("\xe2\x80\xa9", "\xe2\x80\xa9", "\\u2029"),
    E("\xc2\x85", "\xc2\x85", "\\u0085"),
    E("caf\xc3\xa9 \xe2\x80\x94 \xf0\x9f\x93\xb0", "caf\xc3\xa9 \xe2\x80\x94 \xf0\x9f\x93\xb0",
      NULL),
    E("\xef\xbb\xbf", "\xef\xbb\xbf", "\\ufeff"),
    E("\xf4\x8f\xbf\xbf", "\xf4\x8f\xbf\xbf", NULL),
    /* invalid UTF-8: each byte that is not part of a valid sequence */
    E("\xff", "\\ufffd", NULL),
    E("\xfe", "\\ufffd", NULL),
    E("\x80", "\\ufffd", NULL),
    E("a\xff" "b", "a\\ufffdb", NULL),
    E("\xc3", "\\ufffd", NULL),
    E("\xc3" "a", "\\ufffda", NULL),
    E("\xc0\xaf", "\\ufffd\\ufffd", NULL),
    E("\xc1\xbf", "\\ufffd\\ufffd", NULL),
    E("\xe2\x82", "\\ufffd\\ufffd", NULL),
    E("\xed\xa0\x80", "\\ufffd\\ufffd\\ufffd", NULL),
    E("\xe0\x80\xaf", "\\ufffd\\ufffd\\ufffd", NULL),
    E("\xf4\x90\x80\x80", "\\ufffd\\ufffd\\ufffd\\ufffd", NULL),
    E("\xf5\x80\x80\x80", "\\ufffd\\ufffd\\ufffd\\ufffd", NULL),
    E("\xf0\x9f\x93", "\\ufffd\\ufffd\\ufffd", NULL),
    E("\xc3\xa9\xff\xc3\xa9", "\xc3\xa9\\ufffd\xc3\xa9", NULL),
    E("\"\xff\"", "\\\"\\ufffd\\\"", NULL),
#undef E
};

/* The escaped text must come out the same in every place a string is
 * written: a header value, a key, a block (and content_text), a tag, an
 * author, a link, an ext value. */
START_TEST(test_escape)
{
    build b;
    news_link *l;
    util_buf out = {NULL, 0, 0}, want = {NULL, 0, 0};
    news_str v = SN(escapes[_i].in, escapes[_i].len);
    static const char *const parts[] = {
        (HEAD_C "{\"title\":\""), "\",\"content_text\":\"", "\",\"tags\":[\"",
        "\"],\"authors\":[{\"name\":\"", "\",\"_libnews\":{\"bio\":\"",
        "\"}}],\"_libnews\":{\"paragraphs\":[{\"kind\":\"quote\",\"text\":\"",
        "\"}],\"related\":[{\"title\":\"", "\",\"ext\":{\"", "\":\"",
        "\"}}],\"ext\":{\"", "\":\"", ("\"}}}" TAIL_C)};
    const char *forms[2];
    size_t i;
    int k, matched = 0;

    forms[0] = escapes[_i].out;
    forms[1] = escapes[_i].alt;
    b_init(&b);
    b.a.title = v;
    b_tag(&b, v);
    b_author(&b, v, NONE, v);
    b_block(&b, NEWS_BLOCK_QUOTE, v);
    l = b_link(&b, v, NONE, NONE, NONE);
    b_link_ext(&b, l, v, v);
    b_ext(&b, v, v);
    feed1(&b.a, 0, &out);
    ck_assert_msg(util_json_valid(out.p, out.len), "invalid JSON: %s", out.p);
    for (k = 0; k < 2; k++) {
        const char *e = forms[k];
        if (e == NULL)
            continue;
        want.len = 0;
        for (i = 0; i < sizeof parts / sizeof parts[0]; i++) {
            util_buf_add(&want, parts[i], strlen(parts[i]));
            if (i + 1 < sizeof parts / sizeof parts[0])
                util_buf_add(&want, e, strlen(e));
        }
        if (out.len == want.len && memcmp(out.p, want.p, out.len) == 0)
            matched = 1;
    }
    ck_assert_msg(matched, "case %d: got\n%s\nexpected the string as\n%s", _i, out.p, forms[0]);
    util_buf_free(&out);
    util_buf_free(&want);
}
END_TEST

/* Escapes in a long run: plain bytes around them arrive intact (the
 * writer sends runs of plain bytes in one piece). */
START_TEST(test_escape_runs)
{
    build b;
    util_buf out = {NULL, 0, 0}, want = {NULL, 0, 0};
    char in[600];
    size_t i;

    for (i = 0; i < sizeof in; i++)
        in[i] = i % 97 == 96 ? '\n' : i % 89 == 88 ? '\xff' : (char)('a' + i % 26);
    b_init(&b);
    b.a.title = SN(in, sizeof in);
    feed1(&b.a, 0, &out);
    util_buf_add(&want, HEAD_C "{\"title\":\"", strlen(HEAD_C "{\"title\":\""));
    for (i = 0; i < sizeof in; i++) {
        if (in[i] == '\n')
            util_buf_add(&want, "\\n", 2);
        else if (in[i] == '\xff')
            util_buf_add(&want, "\\ufffd", 6);
        else
            util_buf_add(&want, &in[i], 1);
    }
    util_buf_add(&want, "\"}" TAIL_C, strlen("\"}" TAIL_C));
    ck_assert_uint_eq(out.len, want.len);
    ck_assert_int_eq(memcmp(out.p, want.p, out.len), 0);
    util_buf_free(&out);
    util_buf_free(&want);
}
END_TEST

/* ---------------------------------------------------------------------
 * Random bytes in every field: always valid JSON, and the pretty form
 * differs from the compact one only by whitespace outside strings.
 * ------------------------------------------------------------------ */

static unsigned long rng_state;

static unsigned long rnd(void)
{
    /* xorshift32, deterministic on every platform */
    unsigned long x = rng_state;
    x ^= (x << 13) & 0xFFFFFFFFul;
    x ^= x >> 17;
    x ^= (x << 5) & 0xFFFFFFFFul;
    rng_state = x & 0xFFFFFFFFul;
    return rng_state;
}

/* Random bytes biased toward the interesting ones. */
static news_str rnd_str(char *pool, size_t *used, size_t cap)
{
    static const unsigned char special[] = {0x00, 0x01, '\n', '\r', '\t', '"', '\\', '/', 0x1f,
                                            0x7f, 0x80, 0xbf, 0xc0, 0xc2, 0xe2, 0x80, 0xa8,
                                            0xed, 0xa0, 0xef, 0xbb, 0xf0, 0xf4, 0x8f, 0xf5,
                                            0xff, 'a', ' '};
    size_t n = rnd() % 24, i;
    news_str s;

    if (rnd() % 16 == 0) {
        s.ptr = NULL; /* absent */
        s.len = 0;
        return s;
    }
    if (*used + n > cap)
        n = 0;
    for (i = 0; i < n; i++) {
        unsigned long r = rnd();
        pool[*used + i] = (char)(r % 3 == 0 ? special[(r >> 8) % sizeof special]
                                            : (unsigned char)(r >> 8));
    }
    s.ptr = pool + *used;
    s.len = n;
    *used += n;
    return s;
}

START_TEST(test_random_bytes_valid)
{
    static char pool[8192];
    util_buf pretty = {NULL, 0, 0}, flat = {NULL, 0, 0}, squeezed = {NULL, 0, 0};
    int iter;

    rng_state = 2463534242ul;
    for (iter = 0; iter < 2000; iter++) {
        build b[2];
        const news_article *arts[2];
        size_t used = 0, k, i, n;
        news_json j;

        for (k = 0; k < 2; k++) {
            news_str *singles[12];
            b_init(&b[k]);
            singles[0] = &b[k].a.title;
            singles[1] = &b[k].a.dek;
            singles[2] = &b[k].a.kicker;
            singles[3] = &b[k].a.summary;
            singles[4] = &b[k].a.source;
            singles[5] = &b[k].a.url;
            singles[6] = &b[k].a.id;
            singles[7] = &b[k].a.language;
            singles[8] = &b[k].a.published;
            singles[9] = &b[k].a.modified;
            singles[10] = &b[k].a.image;
            singles[11] = &b[k].a.image_caption;
            for (i = 0; i < 12; i++)
                *singles[i] = rnd_str(pool, &used, sizeof pool);
            for (n = rnd() % 3, i = 0; i < n; i++)
                b_tag(&b[k], rnd_str(pool, &used, sizeof pool));
            for (n = rnd() % 3, i = 0; i < n; i++)
                b_author(&b[k], rnd_str(pool, &used, sizeof pool),
                         rnd_str(pool, &used, sizeof pool), rnd_str(pool, &used, sizeof pool));
            for (n = rnd() % 4, i = 0; i < n; i++)
                b_block(&b[k], (int)(rnd() % 3), rnd_str(pool, &used, sizeof pool));
            for (n = rnd() % 3, i = 0; i < n; i++) {
                news_link *l = b_link(&b[k], rnd_str(pool, &used, sizeof pool),
                                      rnd_str(pool, &used, sizeof pool),
                                      rnd_str(pool, &used, sizeof pool),
                                      rnd_str(pool, &used, sizeof pool));
                size_t e, ne = rnd() % 3;
                for (e = 0; e < ne; e++) {
                    news_str key = rnd_str(pool, &used, sizeof pool);
                    if (key.ptr == NULL)
                        key = S("k"); /* keys are never absent */
                    b_link_ext(&b[k], l, key, rnd_str(pool, &used, sizeof pool));
                }
            }
            for (n = rnd() % 5, i = 0; i < n; i++) {
                /* short keys from a small set repeat often */
                static const char *const few[3] = {"a", "b", "ab"};
                news_str key = rnd() % 2 ? rnd_str(pool, &used, sizeof pool) : S(few[rnd() % 3]);
                if (key.ptr == NULL)
                    key = S("k");
                b_ext(&b[k], key, rnd_str(pool, &used, sizeof pool));
            }
            arts[k] = &b[k].a;
        }
        pretty.len = flat.len = squeezed.len = 0;
        {
            news_str t = rnd_str(pool, &used, sizeof pool);
            char title[32];
            size_t tl = t.len < sizeof title - 1 ? t.len : sizeof title - 1;
            /* the feed title is a C string: cut at the first NUL */
            memcpy(title, t.ptr != NULL ? t.ptr : "", tl);
            title[tl] = '\0';
            ck_assert_int_eq(news_json_begin(&j, util_sink, &flat, title, 0), NEWS_OK);
            ck_assert_int_eq(news_json_article(&j, arts[0]), NEWS_OK);
            ck_assert_int_eq(news_json_article(&j, arts[1]), NEWS_OK);
            ck_assert_int_eq(news_json_end(&j), NEWS_OK);
            ck_assert_int_eq(news_json_begin(&j, util_sink, &pretty, title, NEWS_JSON_PRETTY),
                             NEWS_OK);
            ck_assert_int_eq(news_json_article(&j, arts[0]), NEWS_OK);
            ck_assert_int_eq(news_json_article(&j, arts[1]), NEWS_OK);
            ck_assert_int_eq(news_json_end(&j), NEWS_OK);
        }
        ck_assert_msg(util_json_valid(flat.p, flat.len), "iteration %d: invalid JSON\n%s", iter,
                      flat.p);
        ck_assert_msg(util_json_valid(pretty.p, pretty.len), "iteration %d: invalid JSON\n%s",
                      iter, pretty.p);
        compact(pretty.p, pretty.len, &squeezed);
        ck_assert_msg(squeezed.len == flat.len && memcmp(squeezed.p, flat.p, flat.len) == 0,
                      "iteration %d: pretty and compact differ beyond whitespace", iter);
    }
    util_buf_free(&pretty);
    util_buf_free(&flat);
    util_buf_free(&squeezed);
}
END_TEST

/* ---------------------------------------------------------------------
 * Several items
 * ------------------------------------------------------------------ */

START_TEST(test_several_items)
{
    build b[3];
    const news_article *arts[3];
    util_buf out = {NULL, 0, 0};

    b_init(&b[0]);
    b[0].a.title = S("one");
    b_init(&b[1]);
    b[1].a.id = S("2");
    b_tag(&b[1], S("x"));
    b_tag(&b[1], S("y"));
    b_init(&b[2]);
    b[2].a.title = S("three");
    arts[0] = &b[0].a;
    arts[1] = &b[1].a;
    arts[2] = &b[2].a;
    feed(arts, 3, "feed", 0, &out);
    ck_assert_str_eq(out.p, HEAD_C "{\"title\":\"one\"},{\"id\":\"2\",\"tags\":[\"x\",\"y\"]},"
                                   "{\"title\":\"three\"}" TAIL_C);
    ck_assert(util_json_valid(out.p, out.len));
    util_buf_free(&out);
    feed(arts, 3, "feed", NEWS_JSON_PRETTY, &out);
    ck_assert_str_eq(out.p, "{\n  \"version\": \"https://jsonfeed.org/version/1.1\",\n"
                            "  \"title\": \"feed\",\n  \"items\": [\n"
                            "    {\n      \"title\": \"one\"\n    },\n"
                            "    {\n      \"id\": \"2\",\n      \"tags\": [\n        \"x\",\n"
                            "        \"y\"\n      ]\n    },\n"
                            "    {\n      \"title\": \"three\"\n    }\n  ]\n}\n");
    ck_assert(util_json_valid(out.p, out.len));
    util_buf_free(&out);
}
END_TEST

/* A store read from .news text exports as its articles would. */
START_TEST(test_from_parsed_store)
{
    static const char text[] = "%news 1\ntitle: A\ntag: t\n\n# H\n\\#p\n\n-\ntitle: L\nx-y: 1\n"
                               "%news 1\ntitle: B\nx-z: 1\nx-z: 2\n";
    static char mem[8192];
    news_reader r;
    news_arena ar;
    news_article a;
    news_json j;
    util_buf out = {NULL, 0, 0};

    news_reader_init(&r, text, sizeof text - 1, NULL);
    ck_assert_int_eq(news_json_begin(&j, util_sink, &out, "s", 0), NEWS_OK);
    for (;;) {
        int rc;
        news_arena_init(&ar, mem, sizeof mem);
        rc = news_read_article(&r, &a, &ar, 0);
        if (rc == NEWS_END)
            break;
        ck_assert_int_eq(rc, NEWS_OK);
        ck_assert_int_eq(news_json_article(&j, &a), NEWS_OK);
    }
    ck_assert_int_eq(news_json_end(&j), NEWS_OK);
    ck_assert_str_eq(out.p,
                     "{\"version\":\"https://jsonfeed.org/version/1.1\",\"title\":\"s\",\"items\":["
                     "{\"title\":\"A\",\"content_text\":\"H\\n\\n#p\",\"tags\":[\"t\"],"
                     "\"_libnews\":{\"paragraphs\":[{\"kind\":\"heading\",\"text\":\"H\"},"
                     "{\"kind\":\"text\",\"text\":\"#p\"}],\"related\":[{\"title\":\"L\","
                     "\"ext\":{\"x-y\":\"1\"}}]}},"
                     "{\"title\":\"B\",\"_libnews\":{\"ext\":{\"x-z\":[\"1\",\"2\"]}}}]}\n");
    util_buf_free(&out);
}
END_TEST

/* ---------------------------------------------------------------------
 * Sink errors and arguments
 * ------------------------------------------------------------------ */

typedef struct failing {
    int calls, stop_at, rc;
    util_buf buf;
} failing;

static int failing_sink(void *user, const char *data, size_t len)
{
    failing *f = (failing *)user;
    f->calls++;
    if (f->stop_at != 0 && f->calls >= f->stop_at)
        return f->rc;
    util_buf_add(&f->buf, data, len);
    return 0;
}

START_TEST(test_sink_error)
{
    build b;
    failing all, f;
    news_json j;
    int k, total, r_begin, r_a1, r_a2, r_end;

    full_article(&b);
    memset(&all, 0, sizeof all);
    ck_assert_int_eq(news_json_begin(&j, failing_sink, &all, "t", NEWS_JSON_PRETTY), NEWS_OK);
    ck_assert_int_eq(news_json_article(&j, &b.a), NEWS_OK);
    ck_assert_int_eq(news_json_article(&j, &b.a), NEWS_OK);
    ck_assert_int_eq(news_json_end(&j), NEWS_OK);
    total = all.calls;
    ck_assert_int_gt(total, 10);

    for (k = 1; k <= total; k++) {
        memset(&f, 0, sizeof f);
        f.stop_at = k;
        f.rc = k % 2 ? 9 : -77;
        /* each call returns the failure once the sink has met it, and
         * NEWS_OK before */
        r_begin = news_json_begin(&j, failing_sink, &f, "t", NEWS_JSON_PRETTY);
        ck_assert_int_eq(r_begin, f.calls >= k ? f.rc : NEWS_OK);
        r_a1 = news_json_article(&j, &b.a);
        ck_assert_int_eq(r_a1, f.calls >= k ? f.rc : NEWS_OK);
        r_a2 = news_json_article(&j, &b.a);
        ck_assert_int_eq(r_a2, f.calls >= k ? f.rc : NEWS_OK);
        r_end = news_json_end(&j);
        ck_assert_int_eq(r_end, f.rc);
        /* the sink is not called again once it failed */
        ck_assert_msg(f.calls == k, "stop at %d: %d calls", k, f.calls);
        /* what went out is a prefix of the whole */
        ck_assert_uint_lt(f.buf.len, all.buf.len);
        if (f.buf.len > 0)
            ck_assert_int_eq(memcmp(f.buf.p, all.buf.p, f.buf.len), 0);
        util_buf_free(&f.buf);
    }
    util_buf_free(&all.buf);
}
END_TEST

START_TEST(test_null_arguments)
{
    news_json j;
    build b;
    util_buf out = {NULL, 0, 0};

    b_init(&b);
    b.a.title = S("T");
    ck_assert_int_eq(news_json_begin(NULL, util_sink, &out, "t", 0), NEWS_ERR_ARG);
    ck_assert_int_eq(news_json_begin(&j, NULL, &out, "t", 0), NEWS_ERR_ARG);
    ck_assert_uint_eq(out.len, 0);
    ck_assert_int_eq(news_json_begin(&j, util_sink, &out, "t", 0), NEWS_OK);
    ck_assert_int_eq(news_json_article(NULL, &b.a), NEWS_ERR_ARG);
    ck_assert_int_eq(news_json_article(&j, NULL), NEWS_ERR_ARG);
    ck_assert_int_eq(news_json_end(NULL), NEWS_ERR_ARG);
    /* the refused calls wrote nothing: the feed is still well formed */
    ck_assert_int_eq(news_json_article(&j, &b.a), NEWS_OK);
    ck_assert_int_eq(news_json_end(&j), NEWS_OK);
    ck_assert_str_eq(out.p, "{\"version\":\"https://jsonfeed.org/version/1.1\",\"title\":\"t\","
                            "\"items\":[{\"title\":\"T\"}]}\n");
    util_buf_free(&out);
}
END_TEST

/* The tests' own validator (tests/jsonvalid.h) judges every export
 * above; it must reject what is not JSON, or those checks prove nothing. */
static const struct {
    const char *text;
    int valid;
} validator_cases[] = {
    {"{}", 1},
    {" [1, -0.5e+3, true, false, null, \"a\\u00e9\\n\"] ", 1},
    {"{\"a\":{\"b\":[]},\"a\":1}", 1}, /* repeated names allowed here */
    {"\"\xC3\xA9\xE2\x80\x9C\xF0\x9F\x8E\x89\"", 1},
    {"", 0},
    {"{", 0},
    {"[1,]", 0},
    {"{\"a\" 1}", 0},
    {"01", 0},
    {"1.", 0},
    {"tru", 0},
    {"\"a", 0},
    {"\"\\x\"", 0},
    {"\"\\u12g4\"", 0},
    {"\"\x01\"", 0},
    {"\"\xC0\xAF\"", 0},         /* overlong */
    {"\"\xED\xA0\x80\"", 0},     /* surrogate */
    {"\"\xF4\x90\x80\x80\"", 0}, /* above U+10FFFF */
    {"\"\xE2\x80\"", 0},         /* cut short */
    {"{} {}", 0},
};

START_TEST(test_validator)
{
    const char *t = validator_cases[_i].text;
    ck_assert_msg(util_json_valid(t, strlen(t)) == validator_cases[_i].valid, "case %d", _i);
}
END_TEST

Suite *json_suite(void)
{
    Suite *s = suite_create("json");
    TCase *tc = tcase_create("text");

    tcase_add_test(tc, test_empty_feed);
    tcase_add_test(tc, test_small_article);
    tcase_add_test(tc, test_full_article);
    tcase_add_test(tc, test_full_article_compact_literal);
    tcase_add_test(tc, test_only_title);
    tcase_add_test(tc, test_all_absent);
    tcase_add_test(tc, test_empty_values_kept);
    tcase_add_test(tc, test_libnews_members_alone);
    tcase_add_test(tc, test_item_members_alone);
    tcase_add_test(tc, test_content_text);
    tcase_add_test(tc, test_ext_repeated);
    tcase_add_test(tc, test_ext_prefix_keys);
    tcase_add_test(tc, test_several_items);
    tcase_add_test(tc, test_from_parsed_store);
    suite_add_tcase(s, tc);

    tc = tcase_create("escape");
    tcase_set_timeout(tc, 300); /* generous: valgrind runs it 50 times slower */
    tcase_add_loop_test(tc, test_escape, 0, (int)(sizeof escapes / sizeof escapes[0]));
    tcase_add_test(tc, test_escape_runs);
    tcase_add_test(tc, test_random_bytes_valid);
    tcase_add_loop_test(tc, test_validator, 0,
                        (int)(sizeof validator_cases / sizeof validator_cases[0]));
    suite_add_tcase(s, tc);

    tc = tcase_create("errors");
    tcase_add_test(tc, test_sink_error);
    tcase_add_test(tc, test_null_arguments);
    suite_add_tcase(s, tc);
    return s;
}
