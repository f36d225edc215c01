/* test_import.c - the plain-text importer: golden fixtures in tests/import,
 * exact arena sizes, the explain callback, error positions, options. */
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* news_import()'s working memory */
static news_import_work import_work;

/* tests/import/NAME.txt, with NAME.json the expected export (feed title NAME). */
static const char *const fixtures[] = {
    "page",   "dataset",    "glued",   "misspelt", "shared_kicker", "byline",
    "credit", "dek",        "social",  "no_related", "cr_only",     "crlf",
    "no_blank", "title_only", "noise", "already"};
#define NFIXTURES ((int)(sizeof fixtures / sizeof fixtures[0]))

static char *fixture(const char *name, const char *ext, size_t *len)
{
    char path[256];
    snprintf(path, sizeof path, "tests/import/%s.%s", name, ext);
    return util_read_file(path, len);
}

/* Import into an arena of exactly the measured size (free *mem). */
static int import(const char *text, size_t len, const news_import_options *opt, news_article *a,
                  void **mem, news_error *err)
{
    news_arena ar = {NULL, 0, 0};
    int rc;

    /* Whatever the working memory holds, the result is the same. */
    memset(&import_work, 0xA5, sizeof import_work);
    rc = news_import(&import_work, text, len, opt, a, &ar, NULL, NULL, err);
    *mem = NULL;
    if (rc != NEWS_OK)
        return rc;
    *mem = malloc(ar.used + 1);
    ck_assert_ptr_nonnull(*mem);
    news_arena_init(&ar, *mem, ar.used);
    memset(&import_work, 0x5A, sizeof import_work);
    return news_import(&import_work, text, len, opt, a, &ar, NULL, NULL, err);
}

static void render(const char *title, const news_article *a, util_buf *out)
{
    news_json j;
    ck_assert_int_eq(news_json_begin(&j, util_sink, out, title, NEWS_JSON_PRETTY), 0);
    ck_assert_int_eq(news_json_article(&j, a), 0);
    ck_assert_int_eq(news_json_end(&j), 0);
}

/* Lines as the importer counts them: LF, CR LF or a lone CR ends one. */
static unsigned long count_lines(const char *s, size_t n)
{
    unsigned long lines = 0;
    size_t i = 0;

    while (i < n) {
        while (i < n && s[i] != '\n' && s[i] != '\r')
            i++;
        lines++;
        if (i < n && s[i++] == '\r' && i < n && s[i] == '\n')
            i++;
    }
    return lines;
}

/* The explain callback's calls, recorded. */
typedef struct calls {
    unsigned long n, last_line;
    int classes[NEWS_LINE_CLASS_COUNT];
    unsigned long want_line; /* record the class and rule of this line */
    int cls;
    const char *rule;
    const char *lo, *hi; /* text must lie in [lo, hi) */
} calls;

static void record(void *user, unsigned long line, int cls, const char *rule, news_str text)
{
    calls *c = (calls *)user;

    ck_assert_uint_eq(line, c->last_line + 1);
    ck_assert_ptr_nonnull(rule);
    ck_assert_uint_gt(strlen(rule), 0);
    ck_assert_int_ge(cls, 0);
    ck_assert_int_lt(cls, NEWS_LINE_CLASS_COUNT);
    ck_assert(text.ptr != NULL && text.ptr >= c->lo && text.ptr + text.len <= c->hi);
    ck_assert(memchr(text.ptr, '\n', text.len) == NULL && memchr(text.ptr, '\r', text.len) == NULL);
    c->classes[cls]++;
    if (line == c->want_line) {
        c->cls = cls;
        c->rule = rule;
    }
    c->last_line = line;
    c->n++;
}

static int within(news_str s, const char *lo, const char *hi)
{
    return s.ptr == NULL || (s.ptr >= lo && s.ptr + s.len <= hi);
}

START_TEST(test_fixture)
{
    const char *name = fixtures[_i];
    size_t len, jlen;
    char *text = fixture(name, "txt", &len), *json = fixture(name, "json", &jlen);
    news_article a, back;
    news_error err;
    util_buf out = {NULL, 0, 0}, doc = {NULL, 0, 0};
    news_arena ar;
    static char arena[1 << 16];
    void *mem;
    const news_block *b;
    const news_link *l;
    const news_author *au;
    const news_field *f;

    ck_assert_int_eq(import(text, len, NULL, &a, &mem, &err), NEWS_OK);
    ck_assert_int_eq(err.code, NEWS_OK);
    render(name, &a, &out);
    ck_assert_msg(out.len == jlen && memcmp(out.p, json, jlen) == 0, "%s: got\n%s", name, out.p);
    ck_assert(util_json_valid(out.p, out.len));

    /* Every string is a view into the input. */
    ck_assert(within(a.title, text, text + len) && within(a.dek, text, text + len));
    for (b = a.body; b != NULL; b = b->next)
        ck_assert(within(b->text, text, text + len));
    for (au = a.authors; au != NULL; au = au->next)
        ck_assert(within(au->name, text, text + len) && within(au->bio, text, text + len));
    for (l = a.related; l != NULL; l = l->next)
        ck_assert(within(l->title, text, text + len) && within(l->kicker, text, text + len) &&
                  within(l->summary, text, text + len));
    for (f = a.ext; f != NULL; f = f->next)
        ck_assert(within(f->value, text, text + len));

    /* The writer accepts it and the reader gives the same article back. */
    ck_assert_int_eq(news_write(&a, util_sink, &doc, &err), NEWS_OK);
    news_arena_init(&ar, arena, sizeof arena);
    ck_assert_int_eq(news_parse(doc.p, doc.len, &back, &ar, 0, &err), NEWS_OK);
    ck_assert(util_article_equal(&a, &back));

    util_buf_free(&out);
    util_buf_free(&doc);
    free(mem);
    free(text);
    free(json);
}
END_TEST

/* Every arena size below the need fails with the exact need; the need
 * itself fits; measuring gives the same need and the same counts. */
START_TEST(test_arena_sizes)
{
    size_t len, need, cap;
    char *text = fixture(fixtures[_i], "txt", &len), *buf;
    news_article a, m;
    news_arena ar = {NULL, 0, 0};
    news_error err;

    ck_assert_int_eq(news_import(&import_work, text, len, NULL, &m, &ar, NULL, NULL, &err), NEWS_OK);
    need = ar.used;
    ck_assert(m.body == NULL && m.authors == NULL && m.related == NULL && m.ext == NULL);
    buf = malloc(need + 1);
    ck_assert_ptr_nonnull(buf);
    for (cap = 0; cap <= need; cap++) {
        news_arena_init(&ar, buf, cap);
        if (cap < need) {
            ck_assert_int_eq(news_import(&import_work, text, len, NULL, &a, &ar, NULL, NULL, &err),
                             NEWS_ERR_NOMEM);
            ck_assert_int_eq(err.code, NEWS_ERR_NOMEM);
            ck_assert_uint_eq(err.line, 0);
        } else {
            ck_assert_int_eq(news_import(&import_work, text, len, NULL, &a, &ar, NULL, NULL, &err), NEWS_OK);
        }
        ck_assert_uint_eq(ar.used, need);
    }
    ck_assert(a.n_blocks == m.n_blocks && a.n_authors == m.n_authors &&
              a.n_related == m.n_related && a.n_ext == m.n_ext);
    /* An arena already in use: the article goes after what is there. */
    news_arena_init(&ar, buf, need + 1);
    ar.used = 1;
    ck_assert_int_eq(news_import(&import_work, text, len, NULL, &a, &ar, NULL, NULL, &err),
                     need == 0 ? NEWS_OK : NEWS_ERR_NOMEM);
    free(buf);
    free(text);
}
END_TEST

/* Once per input line, in order, with a rule; also when measuring. */
START_TEST(test_explain)
{
    size_t len;
    char *text = fixture(fixtures[_i], "txt", &len);
    news_article a;
    news_arena ar = {NULL, 0, 0};
    calls c;
    size_t bom = len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;

    memset(&c, 0, sizeof c);
    c.lo = text;
    c.hi = text + len;
    ck_assert_int_eq(news_import(&import_work, text, len, NULL, &a, &ar, record, &c, NULL), NEWS_OK);
    ck_assert_uint_eq(c.n, count_lines(text + bom, len - bom));
    ck_assert_uint_eq(c.last_line, c.n);
    free(text);
}
END_TEST

static int line_class(const char *text, const news_import_options *opt, unsigned long line,
                      const char **rule)
{
    news_article a;
    news_arena ar = {NULL, 0, 0};
    calls c;

    memset(&c, 0, sizeof c);
    c.lo = text;
    c.hi = text + strlen(text);
    c.want_line = line;
    c.cls = -1;
    ck_assert_int_eq(news_import(&import_work, text, strlen(text), opt, &a, &ar, record, &c, NULL), NEWS_OK);
    *rule = c.rule;
    return c.cls;
}

/* A dataset story: every paragraph kept, nothing taken for boilerplate. */
START_TEST(test_dataset_keeps_all)
{
    size_t len;
    char *text = fixture("dataset", "txt", &len);
    news_article a;
    news_arena ar = {NULL, 0, 0};
    calls c;

    memset(&c, 0, sizeof c);
    c.lo = text;
    c.hi = text + len;
    ck_assert_int_eq(news_import(&import_work, text, len, NULL, &a, &ar, record, &c, NULL), NEWS_OK);
    ck_assert_int_eq(c.classes[NEWS_LINE_BOILERPLATE], 0);
    ck_assert_int_eq(c.classes[NEWS_LINE_NOISE], 0);
    ck_assert_int_eq(c.classes[NEWS_LINE_TITLE], 1);
    ck_assert_int_eq(c.classes[NEWS_LINE_PARAGRAPH], 7);
    ck_assert_uint_eq(a.n_blocks, 7);
    free(text);
}
END_TEST

static const struct {
    const char *text;
    size_t len; /* 0: strlen */
    int code;
    unsigned long line, column, offset;
} errors[] = {
    {"", 0, NEWS_ERR_EMPTY, 1, 1, 0},
    {" \n\t\n  ", 0, NEWS_ERR_EMPTY, 1, 1, 0},
    {"\r\n\r\r", 0, NEWS_ERR_EMPTY, 1, 1, 0},
    {"\xEF\xBB\xBF", 0, NEWS_ERR_EMPTY, 1, 1, 0},
    {"Title\nbad \xFF byte\n", 0, NEWS_ERR_UTF8, 2, 5, 10},
    {"Title\n\xC0\xAF overlong\n", 0, NEWS_ERR_UTF8, 2, 1, 6},
    {"Title\n\xED\xA0\x80 surrogate\n", 0, NEWS_ERR_UTF8, 2, 1, 6},
    {"Title\nends in \xE2\x80", 0, NEWS_ERR_UTF8, 2, 9, 14},
    {"Title\rstray \x80 here", 0, NEWS_ERR_UTF8, 2, 7, 12},
    {"Title\nnul\0here\n", 15, NEWS_ERR_NUL, 2, 4, 9},
    {"Title\x01\n", 0, NEWS_ERR_CTRL, 1, 6, 5},
    {"Title\nform\ffeed\n", 0, NEWS_ERR_CTRL, 2, 5, 10},
    {"\xEF\xBB\xBFTi\x1B", 0, NEWS_ERR_CTRL, 1, 6, 5},
    {"Title\nmid\xEF\xBB\xBF" "bom\n", 0, NEWS_ERR_BOM, 2, 4, 9},
    {"Subscribe to our newsletter\n* * *\n", 0, NEWS_ERR_NO_TITLE, 1, 1, 0},
    {"\n\nAdvertisement\n-\n", 0, NEWS_ERR_NO_TITLE, 3, 1, 2},
    {"\xEF\xBB\xBF* * *\nSign in\n", 0, NEWS_ERR_NO_TITLE, 1, 1, 0},
    {"\xEF\xBB\xBF\nToo long: \xFF", 0, NEWS_ERR_UTF8, 2, 11, 14},
};

START_TEST(test_errors)
{
    news_article a;
    news_arena ar = {NULL, 0, 0};
    news_error err;
    const char *t = errors[_i].text;
    size_t len = errors[_i].len ? errors[_i].len : strlen(t);
    calls c;

    memset(&c, 0, sizeof c);
    ck_assert_int_eq(news_import(&import_work, t, len, NULL, &a, &ar, record, &c, &err), errors[_i].code);
    ck_assert_msg(err.code == errors[_i].code && err.line == errors[_i].line &&
                      err.column == errors[_i].column && err.offset == errors[_i].offset,
                  "case %d: %s %lu:%lu @%lu", _i, util_code_name(err.code), err.line, err.column,
                  err.offset);
    ck_assert_str_eq(err.message, news_strerror(errors[_i].code));
    ck_assert_uint_eq(c.n, 0); /* no explain on an input error */
}
END_TEST

START_TEST(test_arguments)
{
    news_article a;
    news_arena ar = {NULL, 0, 0};
    news_error err;

    memset(&err, 0, sizeof err);
    ck_assert_int_eq(news_import(NULL, "T", 1, NULL, &a, &ar, NULL, NULL, &err), NEWS_ERR_ARG);
    ck_assert(err.code == NEWS_ERR_ARG && err.line == 0 && err.message != NULL);
    ck_assert_int_eq(news_import(&import_work, NULL, 0, NULL, &a, &ar, NULL, NULL, &err), NEWS_ERR_EMPTY);
    ck_assert_int_eq(news_import(&import_work, NULL, 1, NULL, &a, &ar, NULL, NULL, &err), NEWS_ERR_ARG);
    ck_assert_int_eq(err.code, NEWS_ERR_ARG);
    ck_assert_int_eq(news_import(&import_work, "T", 1, NULL, NULL, &ar, NULL, NULL, &err), NEWS_ERR_ARG);
    ck_assert_int_eq(news_import(&import_work, "T", 1, NULL, &a, NULL, NULL, NULL, NULL), NEWS_ERR_ARG);
    ck_assert_int_eq(news_import(&import_work, "T", 1, NULL, &a, &ar, NULL, NULL, NULL), NEWS_OK);
    ck_assert_uint_eq(a.title.len, 1);
}
END_TEST

static char *repeat_lines(size_t n, const char *fmt)
{
    util_buf b = {NULL, 0, 0};
    size_t i;
    util_buf_add(&b, "A headline\n", 11);
    for (i = 0; i < n; i++)
        util_buf_printf(&b, fmt, (unsigned long)i);
    return b.p;
}

START_TEST(test_limits)
{
    news_article a;
    news_error err;
    void *mem;
    char *text, *line;
    size_t n = NEWS_IMPORT_MAX_LINE + 1;

    /* A line of the longest length fits; one byte more does not. */
    line = malloc(n + 8);
    ck_assert_ptr_nonnull(line);
    memcpy(line, "Head\n", 5);
    memset(line + 5, 'a', n);
    ck_assert_int_eq(import(line, 5 + n - 1, NULL, &a, &mem, &err), NEWS_OK);
    ck_assert_uint_eq(a.n_blocks, 1);
    free(mem);
    ck_assert_int_eq(import(line, 5 + n, NULL, &a, &mem, &err), NEWS_ERR_LINE_TOO_LONG);
    ck_assert(err.line == 2 && err.column == n && err.offset == 5 + n - 1);
    free(line);

    /* As many paragraphs as the reader takes, then one too many. */
    text = repeat_lines(NEWS_DEFAULT_MAX_BLOCKS, "Paragraph %lu of a very long story.\n");
    ck_assert_int_eq(import(text, strlen(text), NULL, &a, &mem, &err), NEWS_OK);
    ck_assert_uint_eq(a.n_blocks, NEWS_DEFAULT_MAX_BLOCKS);
    free(mem);
    free(text);
    text = repeat_lines(NEWS_DEFAULT_MAX_BLOCKS + 1, "Paragraph %lu of a very long story.\n");
    ck_assert_int_eq(import(text, strlen(text), NULL, &a, &mem, &err), NEWS_ERR_LIMIT);
    ck_assert(err.line == NEWS_DEFAULT_MAX_BLOCKS + 2 && err.column == 1);
    free(text);

    /* Too many related links. */
    text = repeat_lines(NEWS_DEFAULT_MAX_LINKS + 1, "-\nLink %lu\nSpeed Read Some summary\n");
    ck_assert_int_eq(import(text, strlen(text), NULL, &a, &mem, &err), NEWS_ERR_LIMIT);
    ck_assert_uint_eq(err.line, 3 * NEWS_DEFAULT_MAX_LINKS + 3);
    free(text);
}
END_TEST

/* Big inputs stay fast: no rule looks at more than a bounded window or
 * the related list, and blank or noise lines cost almost nothing. */
START_TEST(test_big)
{
    news_article a;
    news_arena ar = {NULL, 0, 0};
    news_error err;
    util_buf b = {NULL, 0, 0};
    size_t i;

    util_buf_add(&b, "Headline\n", 9);
    for (i = 0; i < 200000; i++)
        util_buf_add(&b, i % 2 ? "\r\r" : "\xE2\x80\x94\n   \n* * *\n", i % 2 ? 2 : 14);
    util_buf_add(&b, "Closing line.\n", 14);
    ck_assert_int_eq(news_import(&import_work, b.p, b.len, NULL, &a, &ar, NULL, NULL, &err), NEWS_OK);
    ck_assert_uint_eq(a.n_blocks, 1);
    util_buf_free(&b);

    /* 3000 short distinct paragraphs, each a candidate for every rule. */
    util_buf_add(&b, "Headline\n", 9);
    for (i = 0; i < 3000; i++)
        util_buf_printf(&b, "L%lu NoteIn Depthx ok By Ann Lee and Bo Chen.\n", (unsigned long)i);
    ck_assert_int_eq(news_import(&import_work, b.p, b.len, NULL, &a, &ar, NULL, NULL, &err), NEWS_OK);
    ck_assert_uint_eq(a.n_blocks, 3000);
    util_buf_free(&b);
}
END_TEST

START_TEST(test_options)
{
    static const char *const extra[] = {"^short paragraph", NULL};
    static const char *const dict[] = {"Field Notes", NULL};
    static const char *const empty[] = {"", "^", NULL};
    news_import_options o = {NULL, NULL, 0};
    news_article a;
    news_error err;
    void *mem;
    const char *rule;
    size_t len;
    char *page = fixture("page", "txt", &len), *text;

    /* Options of all zeros are the defaults. */
    ck_assert_int_eq(line_class(page, &o, 8, &rule), NEWS_LINE_BOILERPLATE);
    ck_assert_str_eq(rule, "prompt-blurb");
    ck_assert_int_eq(line_class(page, &o, 12, &rule), NEWS_LINE_BOILERPLATE);
    ck_assert_str_eq(rule, "duplicate");
    o.flags = NEWS_IMPORT_NO_DUPLICATES;
    ck_assert_int_eq(line_class(page, &o, 12, &rule), NEWS_LINE_BOILERPLATE);
    ck_assert_str_eq(rule, "phrase");
    o.flags = NEWS_IMPORT_NO_BLURB;
    ck_assert_int_eq(line_class(page, &o, 8, &rule), NEWS_LINE_PARAGRAPH);
    o.flags = NEWS_IMPORT_NO_PHRASES;
    ck_assert_int_eq(line_class(page, &o, 7, &rule), NEWS_LINE_PARAGRAPH);
    ck_assert_int_eq(line_class(page, &o, 8, &rule), NEWS_LINE_PARAGRAPH);
    o.flags = NEWS_IMPORT_NO_BIO;
    ck_assert_int_eq(line_class(page, &o, 15, &rule), NEWS_LINE_PARAGRAPH);
    o.flags = NEWS_IMPORT_NO_KICKERS;
    ck_assert_int_eq(line_class(page, &o, 21, &rule), NEWS_LINE_LINK_SUMMARY);
    o.flags = NEWS_IMPORT_NO_RELATED;
    ck_assert_int_eq(line_class(page, &o, 16, &rule), NEWS_LINE_NOISE);
    ck_assert_int_eq(line_class(page, &o, 17, &rule), NEWS_LINE_PARAGRAPH);

    /* Every heuristic off: the headline, then a paragraph per line. */
    o.flags = NEWS_IMPORT_PLAIN;
    ck_assert_int_eq(import(page, len, &o, &a, &mem, &err), NEWS_OK);
    ck_assert_uint_eq(a.n_blocks, 23);
    ck_assert(a.n_authors == 0 && a.n_related == 0 && a.n_ext == 0);
    free(mem);
    free(page);

    /* The caller's phrases add to the built-in ones; empty ones match nothing. */
    text = fixture("dataset", "txt", &len);
    o.flags = 0;
    o.boilerplate = extra;
    ck_assert_int_eq(line_class(text, &o, 11, &rule), NEWS_LINE_BOILERPLATE);
    ck_assert_str_eq(rule, "user-phrase");
    o.boilerplate = empty;
    ck_assert_int_eq(line_class(text, &o, 11, &rule), NEWS_LINE_PARAGRAPH);
    o.boilerplate = NULL;
    free(text);

    /* The caller's kicker dictionary replaces the built-in one. */
    text = fixture("shared_kicker", "txt", &len);
    o.flags = NEWS_IMPORT_NO_SHARED;
    ck_assert_int_eq(line_class(text, &o, 7, &rule), NEWS_LINE_LINK_SUMMARY);
    o.kickers = dict;
    ck_assert_int_eq(line_class(text, &o, 7, &rule), NEWS_LINE_LINK_KICKER);
    ck_assert_str_eq(rule, "kicker");
    o.kickers = empty;
    ck_assert_int_eq(line_class(text, &o, 7, &rule), NEWS_LINE_LINK_SUMMARY);
    o.kickers = NULL;
    free(text);

    text = fixture("misspelt", "txt", &len);
    o.flags = NEWS_IMPORT_NO_TYPOS;
    ck_assert_int_eq(line_class(text, &o, 7, &rule), NEWS_LINE_LINK_SUMMARY);
    ck_assert_int_eq(line_class(text, &o, 13, &rule), NEWS_LINE_LINK_KICKER);
    o.flags = NEWS_IMPORT_NO_GLUED;
    ck_assert_int_eq(line_class(text, &o, 15, &rule), NEWS_LINE_LINK_TITLE);
    ck_assert_str_eq(rule, "link-title");
    free(text);

    text = fixture("byline", "txt", &len);
    o.flags = NEWS_IMPORT_NO_BYLINE;
    ck_assert_int_eq(line_class(text, &o, 2, &rule), NEWS_LINE_DEK);
    o.flags |= NEWS_IMPORT_NO_DEK;
    ck_assert_int_eq(line_class(text, &o, 2, &rule), NEWS_LINE_PARAGRAPH);
    free(text);

    /* .news input: the reader's article, or plain text when switched off. */
    text = fixture("already", "txt", &len);
    ck_assert_int_eq(line_class(text, NULL, 2, &rule), NEWS_LINE_NEWS);
    ck_assert_str_eq(rule, "news-format");
    ck_assert_int_eq(line_class(text, NULL, 4, &rule), NEWS_LINE_BLANK);
    o.flags = NEWS_IMPORT_NO_PASSTHROUGH;
    ck_assert_int_eq(import(text, len, &o, &a, &mem, &err), NEWS_OK);
    ck_assert(a.title.len == 7 && memcmp(a.title.ptr, "%news 1", 7) == 0);
    free(mem);
    free(text);
    ck_assert_int_eq(import("%news 1\ntitle:\n", 15, NULL, &a, &mem, &err), NEWS_ERR_EMPTY_VALUE);
    ck_assert(err.line == 2 && err.column == 7);
}
END_TEST

static const struct {
    const char *text;
    unsigned long line;
    int cls;
    const char *rule;
} rules[] = {
    {"Head\nBY JANE DOE | Updated 5 June\n", 2, NEWS_LINE_BYLINE, "byline"},
    {"Head\nBy Reuters\n", 2, NEWS_LINE_BYLINE, "byline"},
    {"Head\nBy Tuesday, officials had left.\n", 2, NEWS_LINE_PARAGRAPH, "paragraph"},
    {"Head\nBy the river the crowd waited.\n", 2, NEWS_LINE_PARAGRAPH, "paragraph"},
    {"Head\nBy Monday Morning the floods had gone.\n", 2, NEWS_LINE_PARAGRAPH, "paragraph"},
    {"Head\nPosted 3 May\n", 2, NEWS_LINE_BYLINE, "dateline"},
    {"Head\n\nFollow the money, the inspector said.\n", 3, NEWS_LINE_PARAGRAPH, "paragraph"},
    {"Head\n\nShare prices fell across US markets.\n", 3, NEWS_LINE_PARAGRAPH, "paragraph"},
    {"Head\n\n[Photo: K. Obi]\n", 3, NEWS_LINE_IMAGE_CREDIT, "image-credit"},
    {"Head\n\nA.\nB.\nLee Park is a nurse.\n", 5, NEWS_LINE_PARAGRAPH, "paragraph"},
    {"Head\n\nA.\nJo van Dam writes about ships.\n", 4, NEWS_LINE_BIO, "author-bio"},
    {"Head\n\nAdvertisement\nA short real paragraph.\n\nMore.\n", 4, NEWS_LINE_PARAGRAPH,
     "paragraph"},
    {"Subscribe now\nHead\nBody.\n", 2, NEWS_LINE_TITLE, "first-line"},
    {"Head\nA.\nSubscribe today\nA short real paragraph.\nMore.\n", 4, NEWS_LINE_PARAGRAPH,
     "paragraph"},
    {"Head\n\nBody.\n-\nT\nThe court ruled today\n", 6, NEWS_LINE_LINK_SUMMARY, "summary"},
    {"Head\n\nBody.\n-\nT\nReview shows how the flood spread\n", 6, NEWS_LINE_LINK_SUMMARY,
     "summary"},
    {"Head\n\nBody.\n-\nT\nReview The new album\n", 6, NEWS_LINE_LINK_KICKER, "kicker"},
    {"Head\n\nBody.\n-\nT\n-\nU\n", 7, NEWS_LINE_LINK_TITLE, "link-title"},
    {"Head\n\nBody.\nT1\n-\n-\n", 5, NEWS_LINE_NOISE, "no-words"},
    {"Head\n\xC2\xA0\xC2\xA0\nBody.\n", 2, NEWS_LINE_NOISE, "no-words"},
    {"Head\n\nCaf\xC3\xA9 owners say\n", 3, NEWS_LINE_PARAGRAPH, "paragraph"},
    {"Head\n\nIt rained.\nIT RAINED!\n", 4, NEWS_LINE_BOILERPLATE, "duplicate"},
};

START_TEST(test_rules)
{
    const char *rule;
    int cls = line_class(rules[_i].text, NULL, rules[_i].line, &rule);

    ck_assert_msg(cls == rules[_i].cls && strcmp(rule, rules[_i].rule) == 0, "case %d: %s %s",
                  _i, news_line_class_name(cls), rule);
}
END_TEST

START_TEST(test_class_names)
{
    int i, j;
    for (i = 0; i < NEWS_LINE_CLASS_COUNT; i++) {
        ck_assert_ptr_nonnull(news_line_class_name(i));
        for (j = 0; j < i; j++)
            ck_assert_str_ne(news_line_class_name(i), news_line_class_name(j));
    }
    ck_assert_str_eq(news_line_class_name(NEWS_LINE_LINK_KICKER), "link-kicker");
    ck_assert_str_eq(news_line_class_name(NEWS_LINE_NEWS), "news");
    ck_assert_ptr_null(news_line_class_name(-1));
    ck_assert_ptr_null(news_line_class_name(NEWS_LINE_CLASS_COUNT));
}
END_TEST

/* Random damage to every fixture: an error, or an article that the
 * writer accepts and the reader reads back the same. */
START_TEST(test_mutations)
{
    static const char bytes[] = "\n\r \t-A.a\"'\xC3\xA9\x80\xE2\x80\x94";
    size_t len, n, i;
    char *orig = fixture(fixtures[_i], "txt", &len), *text = malloc(len + 2);
    unsigned long seed = 12345u + (unsigned long)_i;
    int round;
    static char arena[1 << 16];

    ck_assert_ptr_nonnull(text);
    for (round = 0; round < 300; round++) {
        news_article a, back;
        news_arena ar;
        news_error err;
        util_buf doc = {NULL, 0, 0};
        int k, rc;

        memcpy(text, orig, len);
        n = len;
        for (k = 0; k < 4; k++) {
            seed = seed * 1103515245u + 12345u;
            i = n > 0 ? (seed >> 8) % n : 0;
            if (n > 0)
                text[i] = bytes[(seed >> 20) % (sizeof bytes - 1)];
        }
        if (round % 7 == 0)
            n = (seed >> 4) % (len + 1);
        news_arena_init(&ar, arena, sizeof arena);
        rc = news_import(&import_work, text, n, NULL, &a, &ar, NULL, NULL, &err);
        if (rc != NEWS_OK) {
            ck_assert_int_lt(rc, 0);
            continue;
        }
        ck_assert_int_eq(news_write(&a, util_sink, &doc, &err), NEWS_OK);
        news_arena_init(&ar, arena, sizeof arena);
        rc = news_parse(doc.p, doc.len, &back, &ar, NEWS_COPY, &err);
        ck_assert_msg(rc == NEWS_OK, "round %d: %s at %lu:%lu", round, err.message, err.line,
                      err.column);
        util_buf_free(&doc);
    }
    free(text);
    free(orig);
}
END_TEST

/* The same input and options give the same article, call after call. */
START_TEST(test_pure)
{
    size_t len;
    char *text = fixture("page", "txt", &len);
    util_buf one = {NULL, 0, 0}, two = {NULL, 0, 0};
    news_article a;
    news_arena ar;
    static char arena[1024];
    static const char between[] = "%news 1\ntitle: Between\n";
    void *mem;

    news_arena_init(&ar, arena, sizeof arena);
    ck_assert_int_eq(import(text, len, NULL, &a, &mem, NULL), NEWS_OK);
    ck_assert_int_eq(news_write(&a, util_sink, &one, NULL), NEWS_OK);
    free(mem);
    /* One working memory for every call: .news input in between leaves
     * nothing that changes the next import. */
    ck_assert_int_eq(news_import(&import_work, between, strlen(between), NULL, &a, &ar, NULL,
                                 NULL, NULL),
                     NEWS_OK);
    ck_assert(a.title.len == 7 && a.body == NULL);
    mem = malloc(len * 2); /* views: nodes only, far less than the text */
    ck_assert_ptr_nonnull(mem);
    news_arena_init(&ar, mem, len * 2);
    ck_assert_int_eq(news_import(&import_work, text, len, NULL, &a, &ar, NULL, NULL, NULL),
                     NEWS_OK);
    ck_assert_int_eq(news_write(&a, util_sink, &two, NULL), NEWS_OK);
    free(mem);
    ck_assert(one.len == two.len && memcmp(one.p, two.p, one.len) == 0);
    util_buf_free(&one);
    util_buf_free(&two);
    free(text);
}
END_TEST

Suite *import_suite(void)
{
    Suite *s = suite_create("import");
    TCase *tc = tcase_create("import");

    tcase_set_timeout(tc, 30);
    tcase_add_loop_test(tc, test_fixture, 0, NFIXTURES);
    tcase_add_loop_test(tc, test_arena_sizes, 0, NFIXTURES);
    tcase_add_loop_test(tc, test_explain, 0, NFIXTURES);
    tcase_add_loop_test(tc, test_mutations, 0, NFIXTURES);
    tcase_add_test(tc, test_dataset_keeps_all);
    tcase_add_loop_test(tc, test_errors, 0, (int)(sizeof errors / sizeof errors[0]));
    tcase_add_test(tc, test_arguments);
    tcase_add_test(tc, test_limits);
    tcase_add_test(tc, test_big);
    tcase_add_test(tc, test_options);
    tcase_add_loop_test(tc, test_rules, 0, (int)(sizeof rules / sizeof rules[0]));
    tcase_add_test(tc, test_class_names);
    tcase_add_test(tc, test_pure);
    suite_add_tcase(s, tc);
    return s;
}
