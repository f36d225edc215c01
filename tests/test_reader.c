/* test_reader.c - the pull reader (layer 1): events, positions, errors,
 * limits and the stream protocol. Every test is a loop test over
 * util_chunks: chunk sizes 1, 2, 3 and 7 in stream mode and 0 for one
 * buffer-mode reader over the whole input. */
#include "util.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A literal with its length (literals may hold NUL bytes). */
#define LIT(s) s, (sizeof(s) - 1)
#define CHUNK (util_chunks[_i])
#define NCHUNKS ((int)util_nchunks)

/* ------------------------------------------------------------------
 * helpers
 * ------------------------------------------------------------------ */

/* Trace data at chunk and compare with the expected text. */
static void check_trace(const char *data, size_t len, size_t chunk, size_t linecap,
                        const news_limits *lim, const char *want, const char *what)
{
    util_buf got = {NULL, 0, 0};

    util_trace(data, len, chunk, linecap, lim, &got);
    ck_assert_msg(strcmp(got.p, want) == 0, "%s (chunk %lu):\n--- got\n%s--- want\n%s", what,
                  (unsigned long)chunk, got.p, want);
    util_buf_free(&got);
}

/* The last line of a trace (the final status), without its LF. */
static const char *last_line(const util_buf *t)
{
    const char *p = t->p + t->len - 1; /* the final LF */
    while (p > t->p && p[-1] != '\n')
        p--;
    return p;
}

/* The final status line a trace must end with for an error. */
static void error_line(char *out, size_t cap, int code, unsigned long line,
                       unsigned long column, unsigned long offset)
{
    snprintf(out, cap, "ERROR %s %lu %lu %lu\n", util_code_name(code), line, column, offset);
}

/* Render one event or the final status exactly as util_trace does, for
 * readers driven by hand. */
static void render_event(util_buf *out, const news_event *ev)
{
    static const char *const names[] = {"?",    "ARTICLE",    "FIELD",      "BLOCK",
                                        "LINK", "LINK_FIELD", "ARTICLE_END"};
    char head[64];
    int n;

    /* No assertion on the way (Check logs each one): this runs per event. */
    if (ev->type < NEWS_EV_ARTICLE || ev->type > NEWS_EV_ARTICLE_END)
        ck_abort_msg("event type %d", ev->type);
    if (ev->type == NEWS_EV_FIELD || ev->type == NEWS_EV_LINK_FIELD)
        n = snprintf(head, sizeof head, "%lu %s %d [", ev->line, names[ev->type], ev->field);
    else if (ev->type == NEWS_EV_BLOCK)
        n = snprintf(head, sizeof head, "%lu %s %d [", ev->line, names[ev->type], ev->kind);
    else
        n = snprintf(head, sizeof head, "%lu %s\n", ev->line, names[ev->type]);
    util_buf_add(out, head, (size_t)n);
    if (ev->type == NEWS_EV_FIELD || ev->type == NEWS_EV_LINK_FIELD) {
        util_buf_add(out, ev->key.ptr, ev->key.len);
        util_buf_add(out, "]=[", 3);
    }
    if (ev->type == NEWS_EV_FIELD || ev->type == NEWS_EV_LINK_FIELD ||
        ev->type == NEWS_EV_BLOCK) {
        util_buf_add(out, ev->value.ptr, ev->value.len);
        util_buf_add(out, "]\n", 2);
    }
}

static void render_end(util_buf *out, int rc, const news_reader *r)
{
    const news_error *e = news_reader_error(r);
    if (rc == NEWS_END)
        util_buf_add(out, "END\n", 4);
    else
        util_buf_printf(out, "ERROR %s %lu %lu %lu\n", util_code_name(rc), e->line, e->column,
                        e->offset);
}

/* A document built line by line, remembering where each line starts. */
typedef struct doc {
    util_buf b;
    unsigned long lines;
} doc;

/* Append one line (s, then LF); returns the offset where it starts. */
static unsigned long doc_line(doc *d, const char *s)
{
    unsigned long at = (unsigned long)d->b.len;
    util_buf_add(&d->b, s, strlen(s));
    util_buf_add(&d->b, "\n", 1);
    d->lines++;
    return at;
}

static unsigned long doc_linef(doc *d, const char *fmt, ...)
{
    char tmp[256];
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    ck_assert(n >= 0 && (size_t)n < sizeof tmp);
    return doc_line(d, tmp);
}

/* Run a stream-mode reader, feeding the pieces data[cut[k]..cut[k+1]),
 * then the rest in chunks of step bytes (0: all at once). A piece given
 * as ZERO is fed as a zero-length chunk whose pointer is unrelated
 * memory (not the byte before it in data). Renders the trace like
 * util_trace. The line buffer is followed by a guard zone that must
 * stay untouched: the reader may use exactly linecap bytes. */
#define ZERO ((size_t)-1)
#define GUARD 32
static int trace_pieces(const char *data, size_t len, const size_t *cut, size_t ncut,
                        size_t step, size_t linecap, const news_limits *lim, util_buf *out)
{
    static const char elsewhere[] = "xx";
    news_reader r;
    news_event ev;
    char *line = malloc(linecap + GUARD);
    size_t k = 0, pos = 0;
    int rc;

    ck_assert_ptr_nonnull(line);
    memset(line, 0xA5, linecap + GUARD);
    news_reader_init_stream(&r, line, linecap, lim);
    for (;;) {
        rc = news_reader_next(&r, &ev);
        if (rc == NEWS_MORE) {
            int f = NEWS_OK;
            if (k < ncut && cut[k] == ZERO) {
                f = news_reader_feed(&r, elsewhere + 1, 0);
                k++;
            } else if (k < ncut) {
                if (cut[k] > len)
                    ck_abort_msg("cut %lu past the end", (unsigned long)cut[k]);
                f = news_reader_feed(&r, data + pos, cut[k] - pos);
                pos = cut[k++];
            } else if (pos < len) {
                size_t m = step == 0 || len - pos < step ? len - pos : step;
                f = news_reader_feed(&r, data + pos, m);
                pos += m;
            } else {
                news_reader_finish(&r);
            }
            if (f != NEWS_OK) /* the reader asked for input: it must take it */
                ck_abort_msg("feed after NEWS_MORE gave %d", f);
            continue;
        }
        if (rc != NEWS_OK)
            break;
        render_event(out, &ev);
    }
    render_end(out, rc, &r);
    /* The first error sticks. */
    if (rc < 0 && news_reader_next(&r, &ev) != rc)
        ck_abort_msg("error %d did not stick", rc);
    for (k = linecap; k < linecap + GUARD; k++)
        if ((unsigned char)line[k] != 0xA5)
            ck_abort_msg("the reader wrote past its %lu-byte line buffer", (unsigned long)linecap);
    free(line);
    return rc;
}

/* Like util_trace, without an assertion per chunk or event (Check
 * records every passing assertion, which dominates the run time of the
 * large documents in the limit tests): chunk 0 is one buffer-mode
 * reader, otherwise stream mode in chunks of that size with a guarded
 * line buffer of linecap bytes (0: len + 2). */
static int run_trace(const char *data, size_t len, size_t chunk, size_t linecap,
                     const news_limits *lim, util_buf *out)
{
    news_reader r;
    news_event ev;
    int rc;

    if (chunk != 0)
        return trace_pieces(data, len, NULL, 0, chunk, linecap == 0 ? len + 2 : linecap, lim,
                            out);
    news_reader_init(&r, data, len, lim);
    while ((rc = news_reader_next(&r, &ev)) == NEWS_OK)
        render_event(out, &ev);
    render_end(out, rc, &r);
    if (rc < 0 && news_reader_next(&r, &ev) != rc)
        ck_abort_msg("error %d did not stick", rc);
    return rc;
}

/* ------------------------------------------------------------------
 * A full article: the exact event sequence
 * ------------------------------------------------------------------ */

static const char full_doc[] =
    "%news 1\n"
    "title: Lantern makers gather by the quarry\n"
    "dek: A slow craft finds new hands\n"
    "kicker: Crafts\n"
    "summary: Forty workshops met on Saturday\n"
    "source: The Hillside Ledger\n"
    "url: https://ledger.invalid/lanterns\n"
    "id: hl-2031\n"
    "language: en-GB\n"
    "published: 2031-03-08T09:15:00Z\n"
    "modified: 2031-03-08T10:00:00.5+01:00\n"
    "image: https://ledger.invalid/img/lantern.jpg\n"
    "image-caption: Paper shades drying\n"
    "tag: crafts\n"
    "tag: quarry\n"
    "author: Odile Brankov\n"
    "author-url: https://ledger.invalid/odile\n"
    "author-bio: Odile writes about workshops.\n"
    "author: Teodor Vass\n"
    "x-desk: east\n"
    "reviewed-by:\n"
    "\n"
    "Wicks were trimmed before noon.\n"
    "# Why lanterns\n"
    "  \t\n"
    "#Tight\n"
    "> A good lamp outlives its maker.\n"
    ">\n"
    "\\# not a heading\n"
    "\\\\double\n"
    "\\\n"
    "\\   \n"
    "\\-\n"
    "  leading spaces stay  \n"
    "-\n"
    "title: Earlier: the quarry reopens\n"
    "kicker: Archive\n"
    "summary:  Stone again\n"
    "url: https://ledger.invalid/quarry\n"
    "x-rank: 2\n"
    "\n"
    "-\n"
    "title: Second link\n"
    "dek: kept as link ext\n";

static const char full_trace[] =
    "1 ARTICLE\n"
    "2 FIELD 0 [title]=[Lantern makers gather by the quarry]\n"
    "3 FIELD 1 [dek]=[A slow craft finds new hands]\n"
    "4 FIELD 2 [kicker]=[Crafts]\n"
    "5 FIELD 3 [summary]=[Forty workshops met on Saturday]\n"
    "6 FIELD 4 [source]=[The Hillside Ledger]\n"
    "7 FIELD 5 [url]=[https://ledger.invalid/lanterns]\n"
    "8 FIELD 6 [id]=[hl-2031]\n"
    "9 FIELD 7 [language]=[en-GB]\n"
    "10 FIELD 8 [published]=[2031-03-08T09:15:00Z]\n"
    "11 FIELD 9 [modified]=[2031-03-08T10:00:00.5+01:00]\n"
    "12 FIELD 10 [image]=[https://ledger.invalid/img/lantern.jpg]\n"
    "13 FIELD 11 [image-caption]=[Paper shades drying]\n"
    "14 FIELD 12 [tag]=[crafts]\n"
    "15 FIELD 12 [tag]=[quarry]\n"
    "16 FIELD 13 [author]=[Odile Brankov]\n"
    "17 FIELD 14 [author-url]=[https://ledger.invalid/odile]\n"
    "18 FIELD 15 [author-bio]=[Odile writes about workshops.]\n"
    "19 FIELD 13 [author]=[Teodor Vass]\n"
    "20 FIELD -1 [x-desk]=[east]\n"
    "21 FIELD -1 [reviewed-by]=[]\n"
    "23 BLOCK 0 [Wicks were trimmed before noon.]\n"
    "24 BLOCK 1 [Why lanterns]\n"
    "26 BLOCK 1 [Tight]\n"
    "27 BLOCK 2 [A good lamp outlives its maker.]\n"
    "28 BLOCK 2 []\n"
    "29 BLOCK 0 [# not a heading]\n"
    "30 BLOCK 0 [\\double]\n"
    "31 BLOCK 0 []\n"
    "32 BLOCK 0 [   ]\n"
    "33 BLOCK 0 [-]\n"
    "34 BLOCK 0 [  leading spaces stay  ]\n"
    "35 LINK\n"
    "36 LINK_FIELD 0 [title]=[Earlier: the quarry reopens]\n"
    "37 LINK_FIELD 1 [kicker]=[Archive]\n"
    "38 LINK_FIELD 2 [summary]=[ Stone again]\n"
    "39 LINK_FIELD 3 [url]=[https://ledger.invalid/quarry]\n"
    "40 LINK_FIELD -1 [x-rank]=[2]\n"
    "42 LINK\n"
    "43 LINK_FIELD 0 [title]=[Second link]\n"
    "44 LINK_FIELD -1 [dek]=[kept as link ext]\n"
    "44 ARTICLE_END\n"
    "END\n";

START_TEST(full_article)
{
    check_trace(LIT(full_doc), CHUNK, 0, NULL, full_trace, "full article");
}
END_TEST

/* Line numbers of events across a store: leading blank lines, blank
 * lines between articles, ARTICLE_END at the line that closes it. */
START_TEST(event_lines)
{
    static const char in[] = "\n"
                             "  \n"
                             "%news 1\n"
                             "title: Frost on the orchard\n"
                             "\n"
                             "\n"
                             "Buds held.\n"
                             "\n"
                             "%news 1\n"
                             "title: Ferry timetable\n"
                             "-\n"
                             "title: Older timetable\n"
                             "\n"
                             "\t\n";
    static const char want[] = "3 ARTICLE\n"
                               "4 FIELD 0 [title]=[Frost on the orchard]\n"
                               "7 BLOCK 0 [Buds held.]\n"
                               "9 ARTICLE_END\n"
                               "9 ARTICLE\n"
                               "10 FIELD 0 [title]=[Ferry timetable]\n"
                               "11 LINK\n"
                               "12 LINK_FIELD 0 [title]=[Older timetable]\n"
                               "14 ARTICLE_END\n"
                               "END\n";
    check_trace(LIT(in), CHUNK, 0, NULL, want, "event lines");
}
END_TEST

/* ------------------------------------------------------------------
 * Field ids
 * ------------------------------------------------------------------ */

/* A value valid for each header field, and the line(s) it needs first.
 * The keys are spelt out here, not taken from the library. */
static const struct {
    int id;
    const char *key;
    const char *before; /* lines needed before it */
    const char *value;
} field_rows[] = {
    {NEWS_FIELD_TITLE, "title", "", "Pylon painters"},
    {NEWS_FIELD_DEK, "dek", "title: t\n", "Up high"},
    {NEWS_FIELD_KICKER, "kicker", "title: t\n", "Heights"},
    {NEWS_FIELD_SUMMARY, "summary", "title: t\n", "They paint"},
    {NEWS_FIELD_SOURCE, "source", "title: t\n", "Gazette"},
    {NEWS_FIELD_URL, "url", "title: t\n", "https://g.invalid/p"},
    {NEWS_FIELD_ID, "id", "title: t\n", "p-1"},
    {NEWS_FIELD_LANGUAGE, "language", "title: t\n", "nb-NO"},
    {NEWS_FIELD_PUBLISHED, "published", "title: t\n", "2030-12-31T23:59:60Z"},
    {NEWS_FIELD_MODIFIED, "modified", "title: t\n", "2032-02-29t00:00:00.123456789-11:30"},
    {NEWS_FIELD_IMAGE, "image", "title: t\n", "https://g.invalid/p.png"},
    {NEWS_FIELD_IMAGE_CAPTION, "image-caption", "title: t\nimage: i\n", "Blue pylon"},
    {NEWS_FIELD_TAG, "tag", "title: t\n", "steel"},
    {NEWS_FIELD_AUTHOR, "author", "title: t\n", "Ines Morrow"},
    {NEWS_FIELD_AUTHOR_URL, "author-url", "title: t\nauthor: a\n", "https://g.invalid/ines"},
    {NEWS_FIELD_AUTHOR_BIO, "author-bio", "title: t\nauthor: a\n", "Ines climbs."},
};

START_TEST(field_ids)
{
    size_t k;
    ck_assert_uint_eq(sizeof field_rows / sizeof field_rows[0], NEWS_FIELD_COUNT);
    ck_assert_int_eq(NEWS_FIELD_SINGLE, NEWS_FIELD_TAG);
    for (k = 0; k < sizeof field_rows / sizeof field_rows[0]; k++) {
        const char *key = field_rows[k].key;
        unsigned long line = 2;
        const char *p;
        char in[256], want[512];
        util_buf got = {NULL, 0, 0};

        ck_assert_int_eq(field_rows[k].id, (int)k);
        ck_assert_str_eq(news_field_key(field_rows[k].id, 0), key);
        for (p = field_rows[k].before; *p; p++)
            line += *p == '\n';
        snprintf(in, sizeof in, "%%news 1\n%s%s: %s\n", field_rows[k].before, key,
                 field_rows[k].value);
        snprintf(want, sizeof want, "%lu FIELD %d [%s]=[%s]\n", line, field_rows[k].id, key,
                 field_rows[k].value);
        ck_assert_int_eq(util_trace(in, strlen(in), CHUNK, 0, NULL, &got), NEWS_END);
        ck_assert_msg(strstr(got.p, want) != NULL, "key %s:\n%s", key, got.p);
        /* The same key with a suffix, a prefix or in upper case is not
         * that field. */
        snprintf(in, sizeof in, "%%news 1\ntitle: t\n%s2: v\nx%s: v\n", key, key);
        got.len = 0;
        ck_assert_int_eq(util_trace(in, strlen(in), CHUNK, 0, NULL, &got), NEWS_END);
        snprintf(want, sizeof want, "3 FIELD -1 [%s2]=[v]\n4 FIELD -1 [x%s]=[v]\n", key, key);
        ck_assert_msg(strstr(got.p, want) != NULL, "key %s:\n%s", key, got.p);
        util_buf_free(&got);
    }
}
END_TEST

START_TEST(link_field_ids)
{
    static const char in[] = "%news 1\n"
                             "title: Kiln report\n"
                             "-\n"
                             "url: https://k.invalid/1\n"
                             "summary: Bricks\n"
                             "kicker: Clay\n"
                             "title: Kiln, part one\n"
                             "author: not a link key\n"
                             "tag: nor this\n"
                             "dek:\n"
                             "titles: close but not\n"
                             "link-title: also not\n"
                             "author-bio: nor the last key\n";
    static const char want[] = "1 ARTICLE\n"
                               "2 FIELD 0 [title]=[Kiln report]\n"
                               "3 LINK\n"
                               "4 LINK_FIELD 3 [url]=[https://k.invalid/1]\n"
                               "5 LINK_FIELD 2 [summary]=[Bricks]\n"
                               "6 LINK_FIELD 1 [kicker]=[Clay]\n"
                               "7 LINK_FIELD 0 [title]=[Kiln, part one]\n"
                               "8 LINK_FIELD -1 [author]=[not a link key]\n"
                               "9 LINK_FIELD -1 [tag]=[nor this]\n"
                               "10 LINK_FIELD -1 [dek]=[]\n"
                               "11 LINK_FIELD -1 [titles]=[close but not]\n"
                               "12 LINK_FIELD -1 [link-title]=[also not]\n"
                               "13 LINK_FIELD -1 [author-bio]=[nor the last key]\n"
                               "13 ARTICLE_END\n"
                               "END\n";
    ck_assert_int_eq(NEWS_LINK_TITLE, 0);
    ck_assert_str_eq(news_field_key(NEWS_LINK_TITLE, 1), "title");
    ck_assert_str_eq(news_field_key(NEWS_LINK_KICKER, 1), "kicker");
    ck_assert_str_eq(news_field_key(NEWS_LINK_SUMMARY, 1), "summary");
    ck_assert_str_eq(news_field_key(NEWS_LINK_URL, 1), "url");
    ck_assert_ptr_null(news_field_key(NEWS_LINK_COUNT, 1));
    ck_assert_ptr_null(news_field_key(NEWS_FIELD_AUTHOR, 1));
    ck_assert_ptr_null(news_field_key(-1, 1));
    ck_assert_ptr_null(news_field_key(NEWS_FIELD_EXT, 0));
    ck_assert_ptr_null(news_field_key(NEWS_FIELD_COUNT, 0));
    ck_assert_ptr_null(news_field_key(NEWS_FIELD_COUNT + NEWS_LINK_COUNT, 0));
    ck_assert_ptr_null(news_field_key(-1000, 0));
    check_trace(LIT(in), CHUNK, 0, NULL, want, "link field ids");
}
END_TEST

/* Keys that look like known ones but are not: extension fields, with
 * the key and value split as written. */
START_TEST(ext_fields)
{
    static const char in[] = "%news 1\n"
                             "title: Rope bridge\n"
                             "titles: plural\n"
                             "author-name: no\n"
                             "a: one letter\n"
                             "z9: digit\n"
                             "x--y-: dashes\n"
                             "x-empty:\n"
                             "x-space: \n"
                             "x-tight:no space\n"
                             "x-two:  two spaces\n"
                             "x-colon: a: b: c\n"
                             "x-trail: end   \n"
                             "x-tab:\tt\n"
                             "x-rep: 1\n"
                             "x-rep: 2\n";
    static const char want[] = "1 ARTICLE\n"
                               "2 FIELD 0 [title]=[Rope bridge]\n"
                               "3 FIELD -1 [titles]=[plural]\n"
                               "4 FIELD -1 [author-name]=[no]\n"
                               "5 FIELD -1 [a]=[one letter]\n"
                               "6 FIELD -1 [z9]=[digit]\n"
                               "7 FIELD -1 [x--y-]=[dashes]\n"
                               "8 FIELD -1 [x-empty]=[]\n"
                               "9 FIELD -1 [x-space]=[]\n"
                               "10 FIELD -1 [x-tight]=[no space]\n"
                               "11 FIELD -1 [x-two]=[ two spaces]\n"
                               "12 FIELD -1 [x-colon]=[a: b: c]\n"
                               "13 FIELD -1 [x-trail]=[end   ]\n"
                               "14 FIELD -1 [x-tab]=[\tt]\n"
                               "15 FIELD -1 [x-rep]=[1]\n"
                               "16 FIELD -1 [x-rep]=[2]\n"
                               "16 ARTICLE_END\n"
                               "END\n";
    check_trace(LIT(in), CHUNK, 0, NULL, want, "extension fields");
}
END_TEST

/* An empty value is present (non-NULL) with length 0; the key view
 * points at the key in the line. */
START_TEST(field_views)
{
    static const char in[] = "%news 1\ntitle: Weir\ndek:\nx-k: \n";
    news_reader r;
    news_event ev;
    char line[64];
    int n = 0;

    if (CHUNK == 0) {
        news_reader_init(&r, LIT(in), NULL);
    } else {
        news_reader_init_stream(&r, line, sizeof line, NULL);
        ck_assert_int_eq(news_reader_feed(&r, LIT(in)), NEWS_OK);
        news_reader_finish(&r);
    }
    while (news_reader_next(&r, &ev) == NEWS_OK) {
        if (ev.type != NEWS_EV_FIELD)
            continue;
        n++;
        ck_assert_ptr_nonnull(ev.key.ptr);
        ck_assert_ptr_nonnull(ev.value.ptr);
        ck_assert_int_eq(ev.key.ptr[ev.key.len], ':');
        if (ev.field == NEWS_FIELD_DEK) {
            ck_assert_uint_eq(ev.value.len, 0);
            ck_assert_ptr_eq(ev.value.ptr, in + 24);
        }
        if (ev.field == NEWS_FIELD_EXT)
            ck_assert_uint_eq(ev.value.len, 0);
    }
    ck_assert_int_eq(n, 3);
}
END_TEST

/* ------------------------------------------------------------------
 * Blocks
 * ------------------------------------------------------------------ */

static const struct {
    const char *line;
    int kind;
    const char *text;
} block_rows[] = {
    {"Gulls circled the pier", NEWS_BLOCK_PARAGRAPH, "Gulls circled the pier"},
    {"# Harbour", NEWS_BLOCK_HEADING, "Harbour"},
    {"#Harbour", NEWS_BLOCK_HEADING, "Harbour"},
    {"#  Two spaces", NEWS_BLOCK_HEADING, " Two spaces"},
    {"#", NEWS_BLOCK_HEADING, ""},
    {"# ", NEWS_BLOCK_HEADING, ""},
    {"##", NEWS_BLOCK_HEADING, "#"},
    {"# \t", NEWS_BLOCK_HEADING, "\t"},
    {"> Said the pilot", NEWS_BLOCK_QUOTE, "Said the pilot"},
    {">tight", NEWS_BLOCK_QUOTE, "tight"},
    {">", NEWS_BLOCK_QUOTE, ""},
    {">  wide", NEWS_BLOCK_QUOTE, " wide"},
    {"> > nested", NEWS_BLOCK_QUOTE, "> nested"},
    {"\\# not heading", NEWS_BLOCK_PARAGRAPH, "# not heading"},
    {"\\> not quote", NEWS_BLOCK_PARAGRAPH, "> not quote"},
    {"\\%news 1", NEWS_BLOCK_PARAGRAPH, "%news 1"},
    {"\\\\", NEWS_BLOCK_PARAGRAPH, "\\"},
    {"\\-", NEWS_BLOCK_PARAGRAPH, "-"},
    {"\\", NEWS_BLOCK_PARAGRAPH, ""},
    {"\\  ", NEWS_BLOCK_PARAGRAPH, "  "},
    {"\\\t", NEWS_BLOCK_PARAGRAPH, "\t"},
    {"\\plain", NEWS_BLOCK_PARAGRAPH, "plain"},
    {"\\ spaced", NEWS_BLOCK_PARAGRAPH, " spaced"},
    {"-x", NEWS_BLOCK_PARAGRAPH, "-x"},
    {"- ", NEWS_BLOCK_PARAGRAPH, "- "},
    {" -", NEWS_BLOCK_PARAGRAPH, " -"},
    {"--", NEWS_BLOCK_PARAGRAPH, "--"},
    {"  indented  ", NEWS_BLOCK_PARAGRAPH, "  indented  "},
    {"\t#tab first", NEWS_BLOCK_PARAGRAPH, "\t#tab first"},
    {"key: value", NEWS_BLOCK_PARAGRAPH, "key: value"},
    {" %news 1", NEWS_BLOCK_PARAGRAPH, " %news 1"},
    {"caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x8C\x8A", NEWS_BLOCK_PARAGRAPH,
     "caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x8C\x8A"},
    {"del\x7F and c1 \xC2\x85", NEWS_BLOCK_PARAGRAPH, "del\x7F and c1 \xC2\x85"},
};

START_TEST(block_kinds)
{
    size_t k;
    for (k = 0; k < sizeof block_rows / sizeof block_rows[0]; k++) {
        char in[256], want[512];
        snprintf(in, sizeof in, "%%news 1\ntitle: t\n\n%s\n", block_rows[k].line);
        snprintf(want, sizeof want,
                 "1 ARTICLE\n2 FIELD 0 [title]=[t]\n4 BLOCK %d [%s]\n4 ARTICLE_END\nEND\n",
                 block_rows[k].kind, block_rows[k].text);
        check_trace(in, strlen(in), CHUNK, 0, NULL, want, block_rows[k].line);
    }
}
END_TEST

/* A header line after the blank line is a paragraph; '-' ends the body. */
START_TEST(body_and_links)
{
    static const char in[] = "%news 1\n"
                             "title: Canal week\n"
                             "-\n"
                             "title: Lock gates\n"
                             "url:\n"
                             "-\n"
                             "title: Barges\n"
                             "  \n"
                             "x-n: 3\n"
                             "%news 1\n"
                             "title: Second\n"
                             "\n"
                             "title: not a field here\n"
                             "-\n"
                             "title: Towpath\n";
    static const char want[] = "1 ARTICLE\n"
                               "2 FIELD 0 [title]=[Canal week]\n"
                               "3 LINK\n"
                               "4 LINK_FIELD 0 [title]=[Lock gates]\n"
                               "5 LINK_FIELD 3 [url]=[]\n"
                               "6 LINK\n"
                               "7 LINK_FIELD 0 [title]=[Barges]\n"
                               "9 LINK_FIELD -1 [x-n]=[3]\n"
                               "10 ARTICLE_END\n"
                               "10 ARTICLE\n"
                               "11 FIELD 0 [title]=[Second]\n"
                               "13 BLOCK 0 [title: not a field here]\n"
                               "14 LINK\n"
                               "15 LINK_FIELD 0 [title]=[Towpath]\n"
                               "15 ARTICLE_END\n"
                               "END\n";
    check_trace(LIT(in), CHUNK, 0, NULL, want, "body and links");
}
END_TEST

/* ------------------------------------------------------------------
 * Line endings, BOM, last line, blank lines
 * ------------------------------------------------------------------ */

/* LF -> CR LF on every line (all = 1) or on every other line. */
static void to_crlf(const char *in, size_t len, int all, util_buf *out)
{
    size_t k;
    int n = 0;
    for (k = 0; k < len; k++) {
        if (in[k] == '\n' && (all || n++ % 2 == 0))
            util_buf_add(out, "\r", 1);
        util_buf_add(out, in + k, 1);
    }
}

START_TEST(crlf)
{
    util_buf b = {NULL, 0, 0};

    to_crlf(LIT(full_doc), 1, &b);
    check_trace(b.p, b.len, CHUNK, 0, NULL, full_trace, "all CR LF");
    b.len = 0;
    to_crlf(LIT(full_doc), 0, &b);
    check_trace(b.p, b.len, CHUNK, 0, NULL, full_trace, "mixed CR LF and LF");
    util_buf_free(&b);
    /* CR LF with a last line lacking its line ending. */
    check_trace(LIT("%news 1\r\ntitle: Mill\r\n\r\nGrain\r\n-\r\ntitle: Sluice"), CHUNK, 0, NULL,
                "1 ARTICLE\n2 FIELD 0 [title]=[Mill]\n4 BLOCK 0 [Grain]\n5 LINK\n"
                "6 LINK_FIELD 0 [title]=[Sluice]\n6 ARTICLE_END\nEND\n",
                "CR LF, no final");
    /* "-" and blank lines with CR LF. */
    check_trace(LIT("\r\n \r\n%news 1\r\ntitle: a\r\n \t\r\n-\r\ntitle: b\r\n"), CHUNK, 0, NULL,
                "3 ARTICLE\n4 FIELD 0 [title]=[a]\n6 LINK\n7 LINK_FIELD 0 [title]=[b]\n"
                "7 ARTICLE_END\nEND\n",
                "CR LF blank and dash");
}
END_TEST

START_TEST(bom)
{
    static const char plain[] = "%news 1\ntitle: Dune walk\n\nSand.\n";
    static const char want[] = "1 ARTICLE\n2 FIELD 0 [title]=[Dune walk]\n4 BLOCK 0 [Sand.]\n"
                               "4 ARTICLE_END\nEND\n";
    /* At the start of the input. */
    check_trace(LIT("\xEF\xBB\xBF%news 1\ntitle: Dune walk\n\nSand.\n"), CHUNK, 0, NULL, want,
                "BOM first");
    check_trace(LIT(plain), CHUNK, 0, NULL, want, "no BOM");
    /* Opening the document, then blank lines. */
    check_trace(LIT("\xEF\xBB\xBF\n\n%news 1\ntitle: Dune walk\n\nSand.\n"), CHUNK, 0, NULL,
                "3 ARTICLE\n4 FIELD 0 [title]=[Dune walk]\n6 BLOCK 0 [Sand.]\n"
                "6 ARTICLE_END\nEND\n",
                "BOM then blank lines");
    /* Before a later %news line (concatenated files). */
    check_trace(LIT("\xEF\xBB\xBF%news 1\ntitle: One\n\xEF\xBB\xBF%news 1\ntitle: Two\n"
                    "\n\xEF\xBB\xBF%news 1\ntitle: Three\n"),
                CHUNK, 0, NULL,
                "1 ARTICLE\n2 FIELD 0 [title]=[One]\n3 ARTICLE_END\n3 ARTICLE\n"
                "4 FIELD 0 [title]=[Two]\n6 ARTICLE_END\n6 ARTICLE\n"
                "7 FIELD 0 [title]=[Three]\n7 ARTICLE_END\nEND\n",
                "BOM before later %news");
    /* Before a %news line that follows blank lines at the start. */
    check_trace(LIT("\n\xEF\xBB\xBF%news 1\ntitle: x\n"), CHUNK, 0, NULL,
                "2 ARTICLE\n3 FIELD 0 [title]=[x]\n3 ARTICLE_END\nEND\n",
                "BOM on line 2 before the first %news");
    /* Elsewhere: an error at the BOM's first byte. */
    check_trace(LIT("%news 1\ntitle: x\n\n\xEF\xBB\xBF" "Body\n"), CHUNK, 0, NULL,
                "1 ARTICLE\n2 FIELD 0 [title]=[x]\nERROR NEWS_ERR_BOM 4 1 18\n",
                "BOM opening a body line");
    check_trace(LIT("%news 1\ntitle: x\xEF\xBB\xBF\n"), CHUNK, 0, NULL,
                "1 ARTICLE\nERROR NEWS_ERR_BOM 2 9 16\n", "BOM in a value");
    check_trace(LIT("%news 1\n\xEF\xBB\xBFtitle: x\n"), CHUNK, 0, NULL,
                "1 ARTICLE\nERROR NEWS_ERR_BOM 2 1 8\n", "BOM opening a field line");
    check_trace(LIT("%news 1\ntitle: x\n\xEF\xBB\xBF\n"), CHUNK, 0, NULL,
                "1 ARTICLE\n2 FIELD 0 [title]=[x]\nERROR NEWS_ERR_BOM 3 1 17\n",
                "BOM alone on a later line");
    check_trace(LIT("%news 1\ntitle: x\n\xEF\xBB\xBF\xEF\xBB\xBF%news 1\ntitle: y\n"), CHUNK, 0,
                NULL, "1 ARTICLE\n2 FIELD 0 [title]=[x]\nERROR NEWS_ERR_BOM 3 1 17\n",
                "two BOMs before a later %news");
    check_trace(LIT("%news\xEF\xBB\xBF 1\ntitle: x\n"), CHUNK, 0, NULL,
                "ERROR NEWS_ERR_BOM 1 6 5\n", "BOM inside %news");
}
END_TEST

START_TEST(last_line_without_lf)
{
    check_trace(LIT("%news 1\ntitle: Pier"), CHUNK, 0, NULL,
                "1 ARTICLE\n2 FIELD 0 [title]=[Pier]\n2 ARTICLE_END\nEND\n", "header");
    check_trace(LIT("%news 1\ntitle: Pier\n\nPlanks"), CHUNK, 0, NULL,
                "1 ARTICLE\n2 FIELD 0 [title]=[Pier]\n4 BLOCK 0 [Planks]\n4 ARTICLE_END\nEND\n",
                "body");
    check_trace(LIT("%news 1\ntitle: Pier\n-\ntitle: Jetty"), CHUNK, 0, NULL,
                "1 ARTICLE\n2 FIELD 0 [title]=[Pier]\n3 LINK\n4 LINK_FIELD 0 [title]=[Jetty]\n"
                "4 ARTICLE_END\nEND\n",
                "link");
    check_trace(LIT("%news 1\ntitle: Pier\n  "), CHUNK, 0, NULL,
                "1 ARTICLE\n2 FIELD 0 [title]=[Pier]\n3 ARTICLE_END\nEND\n", "blank last line");
    check_trace(LIT("%news 1\ntitle: Pier\n\n#"), CHUNK, 0, NULL,
                "1 ARTICLE\n2 FIELD 0 [title]=[Pier]\n4 BLOCK 1 []\n4 ARTICLE_END\nEND\n",
                "bare heading last");
    check_trace(LIT("%news 1\ntitle: Pier\ndek:"), CHUNK, 0, NULL,
                "1 ARTICLE\n2 FIELD 0 [title]=[Pier]\n3 FIELD 1 [dek]=[]\n3 ARTICLE_END\nEND\n",
                "empty value last");
    check_trace(LIT("%news 1"), CHUNK, 0, NULL, "1 ARTICLE\nERROR NEWS_ERR_NO_TITLE 1 1 0\n",
                "only %news");
    check_trace(LIT("%news 1\ntitle: Pier\n-"), CHUNK, 0, NULL,
                "1 ARTICLE\n2 FIELD 0 [title]=[Pier]\n3 LINK\nERROR NEWS_ERR_NO_TITLE 3 1 20\n",
                "dash last");
    check_trace(LIT("%news 1\ntitle: Pier\r"), CHUNK, 0, NULL,
                "1 ARTICLE\nERROR NEWS_ERR_CR 2 12 19\n", "CR last");
}
END_TEST

START_TEST(blank_lines)
{
    /* Blank and whitespace-only lines: skipped before the first article,
     * end the header, ignored in the body and among links. */
    static const char in[] = "\n"
                             " \t \n"
                             "\t\n"
                             "%news 1\n"
                             "title: Storm drains\n"
                             "\t \n"
                             "Cleared.\n"
                             "\n"
                             "   \n"
                             "Again.\n"
                             " \n"
                             "-\n"
                             "\n"
                             "title: Gutters\n"
                             "\t\n"
                             "url: u\n"
                             "\n"
                             "\n";
    static const char want[] = "4 ARTICLE\n"
                               "5 FIELD 0 [title]=[Storm drains]\n"
                               "7 BLOCK 0 [Cleared.]\n"
                               "10 BLOCK 0 [Again.]\n"
                               "12 LINK\n"
                               "14 LINK_FIELD 0 [title]=[Gutters]\n"
                               "16 LINK_FIELD 3 [url]=[u]\n"
                               "18 ARTICLE_END\n"
                               "END\n";
    check_trace(LIT(in), CHUNK, 0, NULL, want, "blank lines");
    /* "Not empty" is at least one byte: a title, tag or author of
     * blanks is accepted (the first space after the colon is not part
     * of the value). */
    check_trace(LIT("%news 1\ntitle:   \ntag: \t\nauthor:  \n-\ntitle:  \n"), CHUNK, 0, NULL,
                "1 ARTICLE\n2 FIELD 0 [title]=[  ]\n3 FIELD 12 [tag]=[\t]\n"
                "4 FIELD 13 [author]=[ ]\n5 LINK\n6 LINK_FIELD 0 [title]=[ ]\n6 ARTICLE_END\nEND\n",
                "blank values");
    /* A header of only %news and title, then only blank lines: no body. */
    check_trace(LIT("%news 1\ntitle: t\n\n\n \n"), CHUNK, 0, NULL,
                "1 ARTICLE\n2 FIELD 0 [title]=[t]\n5 ARTICLE_END\nEND\n", "trailing blanks");
}
END_TEST

/* ------------------------------------------------------------------
 * Errors: code, line, column and offset
 * ------------------------------------------------------------------ */

static const news_limits lim_line8 = {8, 1024, 64, 64, 256, 4096};
static const news_limits lim_fields1 = {65535, 1, 64, 64, 256, 4096};
static const news_limits lim_authors1 = {65535, 1024, 1, 64, 256, 4096};
static const news_limits lim_tags0 = {65535, 1024, 64, 0, 256, 4096};
static const news_limits lim_links1 = {65535, 1024, 64, 64, 1, 4096};
static const news_limits lim_blocks2 = {65535, 1024, 64, 64, 256, 2};

#define P "%news 1\ntitle: t\n" /* 17 bytes; line 3 starts at offset 17 */

static const struct {
    const char *what;
    const char *data;
    size_t len;
    const news_limits *lim;
    int code;
    unsigned long line, column, offset;
} error_rows[] = {
    {"bad byte 0xFF", LIT("%news 1\ntitle: a\xFF\n"), NULL, NEWS_ERR_UTF8, 2, 9, 16},
    {"byte 0xC0", LIT(P "dek: \xC0\xAF\n"), NULL, NEWS_ERR_UTF8, 3, 6, 22},
    {"byte 0xC1", LIT(P "dek: \xC1\xBF\n"), NULL, NEWS_ERR_UTF8, 3, 6, 22},
    {"byte 0xF5", LIT(P "dek: \xF5\x80\x80\x80\n"), NULL, NEWS_ERR_UTF8, 3, 6, 22},
    {"overlong 3-byte", LIT(P "dek: ok\xE0\x80\x80\n"), NULL, NEWS_ERR_UTF8, 3, 8, 24},
    {"overlong 4-byte", LIT(P "dek: \xF0\x80\x80\x80\n"), NULL, NEWS_ERR_UTF8, 3, 6, 22},
    {"surrogate", LIT(P "\nx\xED\xA0\x80\n"), NULL, NEWS_ERR_UTF8, 4, 2, 19},
    {"above U+10FFFF", LIT(P "dek: \xF4\x90\x80\x80\n"), NULL, NEWS_ERR_UTF8, 3, 6, 22},
    {"truncated at LF", LIT(P "dek: \xE2\x82\n"), NULL, NEWS_ERR_UTF8, 3, 6, 22},
    {"truncated by bad continuation", LIT(P "dek: \xE2\x82Z\n"), NULL, NEWS_ERR_UTF8, 3, 6, 22},
    {"truncated at end", LIT(P "dek: ab\xF0\x9F\x98"), NULL, NEWS_ERR_UTF8, 3, 8, 24},
    {"stray continuation", LIT(P "\n\x80\n"), NULL, NEWS_ERR_UTF8, 4, 1, 18},
    {"NUL", LIT(P "dek: a\0b\n"), NULL, NEWS_ERR_NUL, 3, 7, 23},
    {"NUL first", LIT("\0"), NULL, NEWS_ERR_NUL, 1, 1, 0},
    {"control 0x01", LIT(P "dek: \x01\n"), NULL, NEWS_ERR_CTRL, 3, 6, 22},
    {"control ESC in body", LIT(P "\nab\x1B[0m\n"), NULL, NEWS_ERR_CTRL, 4, 3, 20},
    {"control VT before article", LIT("\x0B\n%news 1\n"), NULL, NEWS_ERR_CTRL, 1, 1, 0},
    {"control 0x1F", LIT(P "x-k:\x1F\n"), NULL, NEWS_ERR_CTRL, 3, 5, 21},
    {"lone CR", LIT(P "dek: a\rb\n"), NULL, NEWS_ERR_CR, 3, 7, 23},
    {"CR CR LF", LIT(P "dek: a\r\r\n"), NULL, NEWS_ERR_CR, 3, 7, 23},
    {"CR at end", LIT(P "dek: a\r"), NULL, NEWS_ERR_CR, 3, 7, 23},
    {"CR alone", LIT("\r"), NULL, NEWS_ERR_CR, 1, 1, 0},
    {"BOM in value", LIT(P "dek: \xEF\xBB\xBF\n"), NULL, NEWS_ERR_BOM, 3, 6, 22},
    {"BOM opening body line", LIT(P "\n\xEF\xBB\xBF" "body\n"), NULL, NEWS_ERR_BOM, 4, 1, 18},
    {"BOM before another directive", LIT(P "\xEF\xBB\xBF%include\n"), NULL, NEWS_ERR_BOM, 3, 1,
     17},
    {"BOM before a directive in body", LIT(P "\n\xEF\xBB\xBF%x\n"), NULL, NEWS_ERR_BOM, 4, 1, 18},
    /* Columns count bytes, an opening BOM's included. */
    {"BOM, version 2", LIT("\xEF\xBB\xBF%news 2\n"), NULL, NEWS_ERR_VERSION, 1, 10, 9},
    {"BOM, bare %news", LIT("\xEF\xBB\xBF%news\n"), NULL, NEWS_ERR_VERSION, 1, 9, 8},
    {"BOM, version 2 later", LIT(P "\xEF\xBB\xBF%news 2\n"), NULL, NEWS_ERR_VERSION, 3, 10, 26},
    {"BOM, directive", LIT("\xEF\xBB\xBF%x\n"), NULL, NEWS_ERR_DIRECTIVE, 1, 4, 3},
    {"BOM, text first", LIT("\xEF\xBB\xBF" "hello\n"), NULL, NEWS_ERR_NO_HEADER, 1, 4, 3},
    {"BOM, control after %news 1", LIT("\xEF\xBB\xBF%news 1\x01\n"), NULL, NEWS_ERR_CTRL, 1, 11,
     10},
    {"line too long", LIT("%news 1\ntitle: abc\n"), &lim_line8, NEWS_ERR_LINE_TOO_LONG, 2, 9,
     16},
    {"too long beats control", LIT("%news 1\nti\x01tle: abc\n"), &lim_line8,
     NEWS_ERR_LINE_TOO_LONG, 2, 9, 16},
    {"too long beats UTF-8 split at limit", LIT("%news 1\ntitle: \xC3\xA9\xC3\xA9\n"),
     &lim_line8, NEWS_ERR_LINE_TOO_LONG, 2, 9, 16},
    {"too long at end", LIT("%news 1\ntitle: a\n\n123456789"), &lim_line8,
     NEWS_ERR_LINE_TOO_LONG, 4, 9, 26},
    {"too long: CR without LF counts", LIT("%news 1\ntitle: a\r"), &lim_line8,
     NEWS_ERR_LINE_TOO_LONG, 2, 9, 16},
    {"empty input", LIT(""), NULL, NEWS_ERR_EMPTY, 1, 1, 0},
    {"blank input", LIT(" \n\t\n\n  "), NULL, NEWS_ERR_EMPTY, 1, 1, 0},
    {"CR LF only", LIT("\r\n\r\n"), NULL, NEWS_ERR_EMPTY, 1, 1, 0},
    {"BOM only", LIT("\xEF\xBB\xBF"), NULL, NEWS_ERR_EMPTY, 1, 1, 0},
    {"text first", LIT("title: x\n"), NULL, NEWS_ERR_NO_HEADER, 1, 1, 0},
    {"text after blanks", LIT("\n  \nhello\n%news 1\n"), NULL, NEWS_ERR_NO_HEADER, 3, 1, 4},
    {"indented %news", LIT("  %news 1\n"), NULL, NEWS_ERR_NO_HEADER, 1, 1, 0},
    {"version 2", LIT("%news 2\n"), NULL, NEWS_ERR_VERSION, 1, 7, 6},
    {"bare %news", LIT("%news\n"), NULL, NEWS_ERR_VERSION, 1, 6, 5},
    {"bare %news at end", LIT("%news"), NULL, NEWS_ERR_VERSION, 1, 6, 5},
    {"%news and space", LIT("%news \n"), NULL, NEWS_ERR_VERSION, 1, 7, 6},
    {"version 12", LIT("%news 12\n"), NULL, NEWS_ERR_VERSION, 1, 7, 6},
    {"version 1 and space", LIT("%news 1 \n"), NULL, NEWS_ERR_VERSION, 1, 7, 6},
    {"version 0 later", LIT(P "%news 0\ntitle: u\n"), NULL, NEWS_ERR_VERSION, 3, 7, 23},
    {"unknown directive", LIT("%new 1\n"), NULL, NEWS_ERR_DIRECTIVE, 1, 1, 0},
    {"lone percent", LIT("%"), NULL, NEWS_ERR_DIRECTIVE, 1, 1, 0},
    {"upper case", LIT("%NEWS 1\n"), NULL, NEWS_ERR_DIRECTIVE, 1, 1, 0},
    {"%newsroom", LIT("%newsroom\n"), NULL, NEWS_ERR_DIRECTIVE, 1, 1, 0},
    {"%news1", LIT("%news1\n"), NULL, NEWS_ERR_DIRECTIVE, 1, 1, 0},
    {"%news TAB 1", LIT("%news\t1\n"), NULL, NEWS_ERR_DIRECTIVE, 1, 1, 0},
    {"%newsroom later", LIT(P "\n%newsroom\n"), NULL, NEWS_ERR_DIRECTIVE, 4, 1, 18},
    {"directive in body", LIT(P "\n%include x\n"), NULL, NEWS_ERR_DIRECTIVE, 4, 1, 18},
    {"directive in header", LIT(P "%\n"), NULL, NEWS_ERR_DIRECTIVE, 3, 1, 17},
    {"directive in link", LIT(P "-\ntitle: l\n%x\n"), NULL, NEWS_ERR_DIRECTIVE, 5, 1, 28},
    {"upper-case key", LIT(P "Dek: x\n"), NULL, NEWS_ERR_SYNTAX, 3, 1, 17},
    {"no colon", LIT(P "dek x\n"), NULL, NEWS_ERR_SYNTAX, 3, 4, 20},
    {"key only", LIT(P "dek\n"), NULL, NEWS_ERR_SYNTAX, 3, 4, 20},
    {"no key", LIT(P ": x\n"), NULL, NEWS_ERR_SYNTAX, 3, 1, 17},
    {"underscore", LIT(P "dek_x: y\n"), NULL, NEWS_ERR_SYNTAX, 3, 4, 20},
    {"space before colon", LIT(P "dek : y\n"), NULL, NEWS_ERR_SYNTAX, 3, 4, 20},
    {"leading space", LIT(P " dek: y\n"), NULL, NEWS_ERR_SYNTAX, 3, 1, 17},
    {"digit first", LIT(P "1x: y\n"), NULL, NEWS_ERR_SYNTAX, 3, 1, 17},
    {"non-ASCII key", LIT(P "d\xC3\xA9k: y\n"), NULL, NEWS_ERR_SYNTAX, 3, 2, 18},
    {"block in link", LIT(P "-\ntitle: l\n# no\n"), NULL, NEWS_ERR_SYNTAX, 5, 1, 28},
    {"dash space in header", LIT(P "- \n"), NULL, NEWS_ERR_SYNTAX, 3, 1, 17},
    {"title twice", LIT(P "title: again\n"), NULL, NEWS_ERR_DUPLICATE, 3, 1, 17},
    {"dek twice (empty first)", LIT(P "dek:\nkicker: k\ndek: d\n"), NULL, NEWS_ERR_DUPLICATE, 5,
     1, 32},
    {"caption twice", LIT(P "image: i\nimage-caption: a\nimage-caption: b\n"), NULL,
     NEWS_ERR_DUPLICATE, 5, 1, 43},
    {"author-url twice", LIT(P "author: a\nauthor-url: u\nauthor-url: v\n"), NULL,
     NEWS_ERR_DUPLICATE, 5, 1, 41},
    {"author-bio twice", LIT(P "author: a\nauthor-bio: u\nauthor-bio: v\n"), NULL,
     NEWS_ERR_DUPLICATE, 5, 1, 41},
    {"link url twice", LIT(P "-\ntitle: l\nurl: u\nurl: v\n"), NULL, NEWS_ERR_DUPLICATE, 6, 1,
     35},
    {"link title twice", LIT(P "-\ntitle: l\ntitle: m\n"), NULL, NEWS_ERR_DUPLICATE, 5, 1, 28},
    {"author-bio first", LIT(P "author-bio: x\n"), NULL, NEWS_ERR_NO_AUTHOR, 3, 1, 17},
    {"author-url first", LIT(P "tag: a\nauthor-url: x\n"), NULL, NEWS_ERR_NO_AUTHOR, 4, 1, 24},
    {"no title, body", LIT("%news 1\ndek: x\n\nbody\n"), NULL, NEWS_ERR_NO_TITLE, 1, 1, 0},
    {"no title, nothing", LIT("%news 1\n"), NULL, NEWS_ERR_NO_TITLE, 1, 1, 0},
    {"no title, link", LIT("%news 1\ndek: d\n-\ntitle: l\n"), NULL, NEWS_ERR_NO_TITLE, 1, 1, 0},
    {"no title, next article", LIT("\n%news 1\ndek: d\n%news 1\ntitle: t\n"), NULL,
     NEWS_ERR_NO_TITLE, 2, 1, 1},
    {"no title, second article", LIT(P "%news 1\ndek: x\n"), NULL, NEWS_ERR_NO_TITLE, 3, 1, 17},
    {"no title, BOM article", LIT(P "\xEF\xBB\xBF%news 1\n"), NULL, NEWS_ERR_NO_TITLE, 3, 1,
     17},
    {"link without title", LIT(P "-\nurl: u\n"), NULL, NEWS_ERR_NO_TITLE, 3, 1, 17},
    {"link without title, next link", LIT(P "-\nurl: u\n\n-\ntitle: b\n"), NULL,
     NEWS_ERR_NO_TITLE, 3, 1, 17},
    {"link without title, next article", LIT(P "\n-\n%news 1\ntitle: b\n"), NULL,
     NEWS_ERR_NO_TITLE, 4, 1, 18},
    {"empty title", LIT("%news 1\ntitle:\n"), NULL, NEWS_ERR_EMPTY_VALUE, 2, 7, 14},
    {"empty title, space", LIT("%news 1\ntitle: \n"), NULL, NEWS_ERR_EMPTY_VALUE, 2, 8, 15},
    {"empty tag", LIT(P "tag:\n"), NULL, NEWS_ERR_EMPTY_VALUE, 3, 5, 21},
    {"empty author", LIT(P "author: \n"), NULL, NEWS_ERR_EMPTY_VALUE, 3, 9, 25},
    {"empty link title", LIT(P "-\ntitle:\n"), NULL, NEWS_ERR_EMPTY_VALUE, 4, 7, 25},
    {"no such day", LIT(P "published: 2031-02-29T00:00:00Z\n"), NULL, NEWS_ERR_DATE, 3, 12,
     28},
    {"date only", LIT(P "modified:2031-01-01\n"), NULL, NEWS_ERR_DATE, 3, 10, 26},
    {"empty date", LIT(P "published:\n"), NULL, NEWS_ERR_DATE, 3, 11, 27},
    {"hour 24", LIT(P "published: 2031-01-01T24:00:00Z\n"), NULL, NEWS_ERR_DATE, 3, 12, 28},
    {"digit first subtag", LIT(P "language: 1en\n"), NULL, NEWS_ERR_LANGUAGE, 3, 11, 27},
    {"empty language", LIT(P "language:\n"), NULL, NEWS_ERR_LANGUAGE, 3, 10, 26},
    {"long subtag", LIT(P "language: en-abcdefghi\n"), NULL, NEWS_ERR_LANGUAGE, 3, 11, 27},
    {"trailing dash", LIT(P "language: en-\n"), NULL, NEWS_ERR_LANGUAGE, 3, 11, 27},
    {"underscore tag", LIT(P "language: en_GB\n"), NULL, NEWS_ERR_LANGUAGE, 3, 11, 27},
    {"too many fields", LIT("%news 1\ntitle: a\ndek: b\n"), &lim_fields1, NEWS_ERR_LIMIT, 3, 1,
     17},
    {"too many authors", LIT(P "author: a\nauthor: b\n"), &lim_authors1, NEWS_ERR_LIMIT, 4, 1,
     27},
    {"too many tags", LIT(P "tag: a\n"), &lim_tags0, NEWS_ERR_LIMIT, 3, 1, 17},
    {"too many links", LIT(P "-\ntitle: a\n-\ntitle: b\n"), &lim_links1, NEWS_ERR_LIMIT, 5, 1,
     28},
    {"too many blocks", LIT(P "\na\n\nb\nc\n"), &lim_blocks2, NEWS_ERR_LIMIT, 7, 1, 23},
    {"caption first", LIT(P "image-caption: c\n"), NULL, NEWS_ERR_NO_IMAGE, 3, 1, 17},
    {"caption before image", LIT(P "image-caption: c\nimage: i\n"), NULL, NEWS_ERR_NO_IMAGE, 3,
     1, 17},
};

START_TEST(error_table)
{
    util_buf bad = {NULL, 0, 0};
    size_t k, nbad = 0;

    /* Every row is checked; the failures are reported together. */
    for (k = 0; k < sizeof error_rows / sizeof error_rows[0]; k++) {
        util_buf t = {NULL, 0, 0};
        char want[128];
        int rc = util_trace(error_rows[k].data, error_rows[k].len, CHUNK, 0, error_rows[k].lim,
                            &t);
        error_line(want, sizeof want, error_rows[k].code, error_rows[k].line,
                   error_rows[k].column, error_rows[k].offset);
        if (rc != error_rows[k].code || strcmp(last_line(&t), want) != 0) {
            util_buf_printf(&bad, "[%s] got %s     want %s", error_rows[k].what, last_line(&t),
                            want);
            nbad++;
        }
        util_buf_free(&t);
    }
    ck_assert_msg(nbad == 0, "chunk %lu, %lu rows wrong:\n%s", (unsigned long)CHUNK,
                  (unsigned long)nbad, bad.p);
    util_buf_free(&bad);
}
END_TEST

/* Every reader error code appears in the table above. */
START_TEST(error_table_complete)
{
    static const int codes[] = {NEWS_ERR_UTF8,        NEWS_ERR_NUL,         NEWS_ERR_CTRL,
                                NEWS_ERR_CR,          NEWS_ERR_BOM,         NEWS_ERR_LINE_TOO_LONG,
                                NEWS_ERR_EMPTY,       NEWS_ERR_NO_HEADER,   NEWS_ERR_VERSION,
                                NEWS_ERR_DIRECTIVE,   NEWS_ERR_SYNTAX,      NEWS_ERR_DUPLICATE,
                                NEWS_ERR_NO_AUTHOR,   NEWS_ERR_NO_TITLE,    NEWS_ERR_EMPTY_VALUE,
                                NEWS_ERR_DATE,        NEWS_ERR_LANGUAGE,    NEWS_ERR_LIMIT,
                                NEWS_ERR_NO_IMAGE};
    size_t c, k;
    for (c = 0; c < sizeof codes / sizeof codes[0]; c++) {
        int found = 0;
        for (k = 0; k < sizeof error_rows / sizeof error_rows[0]; k++)
            found |= error_rows[k].code == codes[c];
        ck_assert_msg(found, "no row for %s", util_code_name(codes[c]));
    }
}
END_TEST

/* The error struct agrees with the return value, and errors stick:
 * later calls return the same code and leave the error unchanged. */
START_TEST(errors_stick)
{
    static const char in[] = "%news 1\ntitle: Kelp\n\nFronds\n%nope\n%news 1\ntitle: z\n";
    news_reader r;
    news_event ev;
    news_error first;
    char line[64];
    size_t pos = 0;
    int rc, n;

    if (CHUNK == 0)
        news_reader_init(&r, LIT(in), NULL);
    else
        news_reader_init_stream(&r, line, sizeof line, NULL);
    ck_assert_int_eq(news_reader_error(&r)->code, NEWS_OK);
    for (;;) {
        rc = news_reader_next(&r, &ev);
        if (rc == NEWS_MORE) {
            size_t m = sizeof in - 1 - pos < CHUNK ? sizeof in - 1 - pos : CHUNK;
            if (m == 0)
                news_reader_finish(&r);
            else
                ck_assert_int_eq(news_reader_feed(&r, in + pos, m), NEWS_OK);
            pos += m;
            continue;
        }
        if (rc != NEWS_OK)
            break;
    }
    ck_assert_int_eq(rc, NEWS_ERR_DIRECTIVE);
    first = *news_reader_error(&r);
    ck_assert_int_eq(first.code, NEWS_ERR_DIRECTIVE);
    ck_assert_uint_eq(first.line, 5);
    ck_assert_uint_eq(first.column, 1);
    ck_assert_uint_eq(first.offset, 28);
    ck_assert_ptr_nonnull(first.message);
    ck_assert_uint_gt(strlen(first.message), 0);
    ck_assert_str_eq(first.message, news_strerror(NEWS_ERR_DIRECTIVE));
    for (n = 0; n < 3; n++) {
        const news_error *e;
        ck_assert_int_eq(news_reader_next(&r, &ev), NEWS_ERR_DIRECTIVE);
        e = news_reader_error(&r);
        ck_assert_int_eq(e->code, first.code);
        ck_assert_uint_eq(e->line, first.line);
        ck_assert_uint_eq(e->column, first.column);
        ck_assert_uint_eq(e->offset, first.offset);
    }
}
END_TEST

/* NEWS_END repeats; the error stays NEWS_OK. */
START_TEST(end_repeats)
{
    static const char in[] = "%news 1\ntitle: Reed beds\n";
    util_buf t = {NULL, 0, 0};
    news_reader r;
    news_event ev;
    char line[64];

    ck_assert_int_eq(util_trace(LIT(in), CHUNK, 0, NULL, &t), NEWS_END);
    util_buf_free(&t);
    if (CHUNK == 0) {
        news_reader_init(&r, LIT(in), NULL);
    } else {
        news_reader_init_stream(&r, line, sizeof line, NULL);
        ck_assert_int_eq(news_reader_next(&r, &ev), NEWS_MORE);
        ck_assert_int_eq(news_reader_feed(&r, LIT(in)), NEWS_OK);
        news_reader_finish(&r);
    }
    while (news_reader_next(&r, &ev) == NEWS_OK)
        ;
    ck_assert_int_eq(news_reader_next(&r, &ev), NEWS_END);
    ck_assert_int_eq(news_reader_next(&r, &ev), NEWS_END);
    ck_assert_int_eq(news_reader_error(&r)->code, NEWS_OK);
}
END_TEST

/* ------------------------------------------------------------------
 * Limits
 * ------------------------------------------------------------------ */

/* max_line: a line of exactly max bytes passes, max + 1 fails at column
 * max + 1. Buffer mode (chunk 0): through news_limits. Stream mode: the
 * line buffer capacity (max = cap - 1), and news_limits with a larger
 * buffer. The long line is the title, a body line, a link field or the
 * last line without LF. */
static void long_line_doc(util_buf *b, int where, size_t n, unsigned long *line,
                          unsigned long *off)
{
    char pad[512];
    size_t k;

    b->len = 0;
    ck_assert_uint_lt(n, sizeof pad);
    util_buf_add(b, "%news 1\n", 8);
    if (where != 0)
        util_buf_add(b, "title: t\n\n", 10);
    if (where == 2)
        util_buf_add(b, "-\n", 2);
    *line = where == 0 ? 2 : where == 1 || where == 3 ? 4 : 5;
    *off = (unsigned long)b->len;
    for (k = 0; k < n; k++)
        pad[k] = (char)('a' + k % 26);
    if (where == 0 || where == 2) {
        memcpy(pad, "title: ", 7);
    }
    util_buf_add(b, pad, n);
    if (where != 3)
        util_buf_add(b, "\n", 1);
    if (where == 2)
        util_buf_add(b, "url: u\n", 7);
}

START_TEST(limit_line)
{
    static const size_t maxes[] = {8, 9, 16, 63, 100};
    size_t m, where;
    util_buf b = {NULL, 0, 0};

    for (m = 0; m < sizeof maxes / sizeof maxes[0]; m++) {
        size_t max = maxes[m];
        news_limits lim;
        news_limits_default(&lim);
        lim.max_line = max;
        for (where = 0; where < 4; where++) {
            unsigned long line, off;
            int pass;
            for (pass = 1; pass >= 0; pass--) {
                util_buf t = {NULL, 0, 0};
                char want[128];
                int rc, variant;

                long_line_doc(&b, (int)where, pass ? max : max + 1, &line, &off);
                error_line(want, sizeof want, NEWS_ERR_LINE_TOO_LONG, line, max + 1,
                           off + max);
                for (variant = 0; variant < (CHUNK == 0 ? 1 : 2); variant++) {
                    t.len = 0;
                    if (CHUNK == 0)
                        rc = run_trace(b.p, b.len, 0, 0, &lim, &t);
                    else if (variant == 0)
                        rc = trace_pieces(b.p, b.len, NULL, 0, CHUNK, max + 1, NULL, &t);
                    else
                        rc = trace_pieces(b.p, b.len, NULL, 0, CHUNK, 4 * max, &lim, &t);
                    if (pass)
                        ck_assert_msg(rc == NEWS_END, "max %lu where %lu variant %d:\n%s",
                                      (unsigned long)max, (unsigned long)where, variant, t.p);
                    else
                        ck_assert_msg(rc == NEWS_ERR_LINE_TOO_LONG &&
                                          strcmp(last_line(&t), want) == 0,
                                      "max %lu where %lu variant %d:\n%swant %s",
                                      (unsigned long)max, (unsigned long)where, variant, t.p,
                                      want);
                }
                util_buf_free(&t);
            }
        }
    }
    util_buf_free(&b);
}
END_TEST

/* A CR LF line whose text is exactly max bytes passes; the CR does not
 * count. In stream mode the CR ends one chunk and the LF starts the next
 * (also with zero-length chunks fed in between), so that the line buffer
 * holds max bytes and the CR. Text of max bytes and a CR at the end of
 * the input (no LF) is one byte too long. */
START_TEST(limit_line_crlf)
{
    static const size_t maxes[] = {8, 12, 40};
    size_t m;

    for (m = 0; m < sizeof maxes / sizeof maxes[0]; m++) {
        size_t max = maxes[m], k, cr;
        util_buf b = {NULL, 0, 0}, t = {NULL, 0, 0};
        news_limits lim;
        char want[128];
        int rc;

        news_limits_default(&lim);
        lim.max_line = max;
        util_buf_add(&b, "%news 1\r\ntitle: ", 16);
        for (k = 7; k < max; k++)
            util_buf_add(&b, "q", 1);
        cr = b.len;
        util_buf_add(&b, "\r\ndek: d\r\n", 10);
        /* Buffer mode, and uniform chunks. */
        if (CHUNK == 0)
            rc = run_trace(b.p, b.len, 0, 0, &lim, &t);
        else
            rc = trace_pieces(b.p, b.len, NULL, 0, CHUNK, max + 1, NULL, &t);
        ck_assert_msg(rc == NEWS_END, "max %lu:\n%s", (unsigned long)max, t.p);
        if (CHUNK != 0) {
            /* Chunks of CHUNK bytes up to the CR (inclusive), then LF on. */
            size_t cut[64], n = 0, pos = 0, z;
            for (z = 0; z < 3; z++) {
                util_buf u = {NULL, 0, 0};
                n = 0;
                pos = 0;
                while (pos < cr + 1) {
                    pos = pos + CHUNK < cr + 1 ? pos + CHUNK : cr + 1;
                    ck_assert_uint_lt(n, 60);
                    cut[n++] = pos;
                }
                if (z >= 1)
                    cut[n++] = ZERO;
                if (z == 2)
                    cut[n++] = ZERO;
                cut[n++] = cr + 2;
                rc = trace_pieces(b.p, b.len, cut, n, 0, max + 1, NULL, &u);
                ck_assert_msg(rc == NEWS_END,
                              "max %lu, CR and LF split, %lu zero-length feeds between:\n%s",
                              (unsigned long)max, (unsigned long)z, u.p);
                ck_assert_msg(strstr(u.p, "[title]=[") != NULL && strstr(u.p, "[dek]=[d]"), "%s",
                              u.p);
                util_buf_free(&u);
            }
        }
        /* Text of max bytes, then a CR at the end of the input: too long. */
        b.len = cr + 1;
        t.len = 0;
        if (CHUNK == 0)
            rc = run_trace(b.p, b.len, 0, 0, &lim, &t);
        else
            rc = trace_pieces(b.p, b.len, NULL, 0, CHUNK, max + 1, NULL, &t);
        error_line(want, sizeof want, NEWS_ERR_LINE_TOO_LONG, 2, max + 1, 9 + max);
        ck_assert_msg(rc == NEWS_ERR_LINE_TOO_LONG && strcmp(last_line(&t), want) == 0,
                      "max %lu:\n%swant %s", (unsigned long)max, t.p, want);
        /* max bytes, CR, then a byte that is not LF: too long. */
        util_buf_add(&b, "x\n", 2);
        t.len = 0;
        if (CHUNK == 0)
            rc = run_trace(b.p, b.len, 0, 0, &lim, &t);
        else
            rc = trace_pieces(b.p, b.len, NULL, 0, CHUNK, max + 1, NULL, &t);
        ck_assert_msg(rc == NEWS_ERR_LINE_TOO_LONG && strcmp(last_line(&t), want) == 0,
                      "max %lu:\n%swant %s", (unsigned long)max, t.p, want);
        util_buf_free(&t);
        util_buf_free(&b);
    }
}
END_TEST

/* The same CR-split line with a NULL zero-length chunk between the CR
 * and the LF ("len may be 0"; only a NULL chunk with len > 0 is an
 * error). */
START_TEST(limit_line_crlf_null_feed)
{
    static const char in[] = "%news 1\ntitle: abcdefgh\r\ndek: d\n"; /* title line: 15 */
    news_reader r;
    news_event ev;
    util_buf t = {NULL, 0, 0};
    char line[16];
    size_t cr = 8 + 15, pos = 0;
    int rc, fed_null = 0;

    news_reader_init_stream(&r, line, sizeof line, NULL);
    for (;;) {
        rc = news_reader_next(&r, &ev);
        if (rc == NEWS_MORE) {
            size_t step = CHUNK == 0 ? sizeof in : CHUNK;
            size_t stop = pos <= cr ? cr + 1 : sizeof in - 1;
            size_t m = stop - pos < step ? stop - pos : step;
            if (pos == cr + 1 && !fed_null) {
                fed_null = 1;
                ck_assert_int_eq(news_reader_feed(&r, NULL, 0), NEWS_OK);
            } else if (m == 0) {
                news_reader_finish(&r);
            } else {
                ck_assert_int_eq(news_reader_feed(&r, in + pos, m), NEWS_OK);
                pos += m;
            }
            continue;
        }
        if (rc != NEWS_OK)
            break;
        render_event(&t, &ev);
    }
    render_end(&t, rc, &r);
    ck_assert_int_eq(fed_null, 1);
    ck_assert_str_eq(t.p, "1 ARTICLE\n2 FIELD 0 [title]=[abcdefgh]\n3 FIELD 1 [dek]=[d]\n"
                          "3 ARTICLE_END\nEND\n");
    util_buf_free(&t);
}
END_TEST

/* Count limits: at the limit passes, one past fails at the line that
 * crossed it with column 1. */
enum { K_FIELDS, K_LINK_FIELDS, K_AUTHORS, K_TAGS, K_LINKS, K_BLOCKS, K_COUNT };

/* An article holding n items of the kind; *at gets the line and offset
 * where item number mark (from 1) starts. */
static void count_doc(doc *d, int kind, size_t n, size_t mark, unsigned long *line,
                      unsigned long *off)
{
    size_t k;
    unsigned long o;

    o = doc_line(d, "%news 1");
    (void)o;
    if (kind != K_FIELDS && kind != K_LINK_FIELDS)
        doc_line(d, "title: Count");
    if (kind == K_BLOCKS)
        doc_line(d, "");
    for (k = 1; k <= n; k++) {
        unsigned long ln = d->lines + 1;
        switch (kind) {
        case K_FIELDS:
            o = k == 1 ? doc_line(d, "title: Fields") : doc_linef(d, "x-f%lu: v", (unsigned long)k);
            break;
        case K_LINK_FIELDS:
            if (k == 1) {
                o = doc_line(d, "title: Fields");
            } else if (k == 2) {
                doc_line(d, "-");
                ln++;
                o = doc_line(d, "title: Link");
            } else {
                o = doc_linef(d, "x-l%lu: w", (unsigned long)k);
            }
            break;
        case K_AUTHORS:
            o = doc_linef(d, "author: Writer %lu", (unsigned long)k);
            break;
        case K_TAGS:
            o = doc_linef(d, "tag: t%lu", (unsigned long)k);
            break;
        case K_LINKS:
            o = doc_line(d, "-");
            doc_linef(d, "title: Link %lu", (unsigned long)k);
            break;
        default:
            o = doc_linef(d, "Block %lu", (unsigned long)k);
            break;
        }
        if (k == mark) {
            *line = ln;
            *off = o;
        }
    }
}

static size_t *limit_member(news_limits *lim, int kind)
{
    switch (kind) {
    case K_FIELDS:
    case K_LINK_FIELDS:
        return &lim->max_fields;
    case K_AUTHORS:
        return &lim->max_authors;
    case K_TAGS:
        return &lim->max_tags;
    case K_LINKS:
        return &lim->max_links;
    default:
        return &lim->max_blocks;
    }
}

START_TEST(limit_counts)
{
    static const size_t maxes[] = {1, 2, 5, 17};
    int kind;
    size_t m;

    for (kind = 0; kind < K_COUNT; kind++) {
        for (m = 0; m < sizeof maxes / sizeof maxes[0]; m++) {
            size_t max = maxes[m];
            news_limits lim;
            doc d = {{NULL, 0, 0}, 0};
            util_buf t = {NULL, 0, 0};
            unsigned long line = 0, off = 0;
            char want[128];
            int rc;

            if (kind == K_LINK_FIELDS && max < 2)
                continue;
            news_limits_default(&lim);
            *limit_member(&lim, kind) = max;
            /* At the limit; and two articles each at the limit (counts
             * are per article). */
            count_doc(&d, kind, max, 0, &line, &off);
            rc = run_trace(d.b.p, d.b.len, CHUNK, 0, &lim, &t);
            ck_assert_msg(rc == NEWS_END, "kind %d max %lu:\n%s", kind, (unsigned long)max, t.p);
            count_doc(&d, kind, max, 0, &line, &off);
            t.len = 0;
            rc = run_trace(d.b.p, d.b.len, CHUNK, 0, &lim, &t);
            ck_assert_msg(rc == NEWS_END, "kind %d max %lu twice:\n%s", kind, (unsigned long)max,
                          t.p);
            /* One past. */
            d.b.len = 0;
            d.lines = 0;
            count_doc(&d, kind, max + 1, max + 1, &line, &off);
            t.len = 0;
            rc = run_trace(d.b.p, d.b.len, CHUNK, 0, &lim, &t);
            error_line(want, sizeof want, NEWS_ERR_LIMIT, line, 1, off);
            ck_assert_msg(rc == NEWS_ERR_LIMIT && strcmp(last_line(&t), want) == 0,
                          "kind %d max %lu:\n%swant %s", kind, (unsigned long)max, t.p, want);
            /* (size_t)-1: no limit. */
            *limit_member(&lim, kind) = (size_t)-1;
            t.len = 0;
            ck_assert_int_eq(run_trace(d.b.p, d.b.len, CHUNK, 0, &lim, &t), NEWS_END);
            util_buf_free(&t);
            util_buf_free(&d.b);
        }
    }
}
END_TEST

/* Blocks and links, each up to its own limit in one article: the
 * links' count starts after the blocks, whatever their number. Rows:
 * limits, blocks and links written, and the line of the expected limit
 * error (0: none). */
START_TEST(limit_blocks_then_links)
{
    static const struct {
        size_t max_blocks, max_links, blocks, links;
        unsigned long error_line;
    } rows[] = {
        {3, 2, 3, 2, 0}, {3, 2, 3, 3, 11}, {3, 2, 0, 2, 0}, {3, 2, 0, 3, 8},
        {1, 5, 1, 5, 0}, {5, 1, 5, 1, 0},  {5, 1, 5, 2, 11}, {1, 1, 2, 0, 5},
    };
    size_t k, i;

    for (k = 0; k < sizeof rows / sizeof rows[0]; k++) {
        news_limits lim;
        util_buf d = {NULL, 0, 0}, t = {NULL, 0, 0};
        char want[128];
        int rc;

        news_limits_default(&lim);
        lim.max_blocks = rows[k].max_blocks;
        lim.max_links = rows[k].max_links;
        util_buf_printf(&d, "%%news 1\ntitle: Ferry\n\n"); /* lines 1-3 */
        for (i = 0; i < rows[k].blocks; i++)
            util_buf_printf(&d, "Paragraph %lu.\n", (unsigned long)i);
        for (i = 0; i < rows[k].links; i++)
            util_buf_printf(&d, "-\ntitle: Link %lu\n", (unsigned long)i);
        rc = run_trace(d.p, d.len, CHUNK, 0, &lim, &t);
        if (rows[k].error_line == 0) {
            ck_assert_msg(rc == NEWS_END, "row %lu:\n%s", (unsigned long)k, t.p);
        } else {
            size_t off = 0, line = 1;
            while (line < rows[k].error_line)
                line += d.p[off++] == '\n';
            error_line(want, sizeof want, NEWS_ERR_LIMIT, rows[k].error_line, 1, off);
            ck_assert_msg(rc == NEWS_ERR_LIMIT && strcmp(last_line(&t), want) == 0,
                          "row %lu:\n%swant %s", (unsigned long)k, t.p, want);
        }
        util_buf_free(&d);
        util_buf_free(&t);
    }
}
END_TEST

/* The defaults (NULL limits) at and one past each limit; (size_t)-1 in
 * every member reads past all of them. */
START_TEST(limit_defaults)
{
    static const struct {
        int kind;
        size_t max;
    } rows[] = {{K_FIELDS, NEWS_DEFAULT_MAX_FIELDS},   {K_AUTHORS, NEWS_DEFAULT_MAX_AUTHORS},
                {K_TAGS, NEWS_DEFAULT_MAX_TAGS},       {K_LINKS, NEWS_DEFAULT_MAX_LINKS},
                {K_BLOCKS, NEWS_DEFAULT_MAX_BLOCKS}};
    news_limits none = {(size_t)-1, (size_t)-1, (size_t)-1, (size_t)-1, (size_t)-1, (size_t)-1};
    news_limits def;
    size_t k;

    news_limits_default(&def);
    ck_assert_uint_eq(def.max_line, 65535);
    ck_assert_uint_eq(def.max_fields, 1024);
    ck_assert_uint_eq(def.max_authors, 64);
    ck_assert_uint_eq(def.max_tags, 64);
    ck_assert_uint_eq(def.max_links, 256);
    ck_assert_uint_eq(def.max_blocks, 4096);
    for (k = 0; k < sizeof rows / sizeof rows[0]; k++) {
        doc d = {{NULL, 0, 0}, 0};
        util_buf t = {NULL, 0, 0};
        unsigned long line = 0, off = 0;
        char want[128];
        int rc;

        count_doc(&d, rows[k].kind, rows[k].max, 0, &line, &off);
        ck_assert_int_eq(run_trace(d.b.p, d.b.len, CHUNK, 0, NULL, &t), NEWS_END);
        d.b.len = 0;
        d.lines = 0;
        count_doc(&d, rows[k].kind, rows[k].max + 1, rows[k].max + 1, &line, &off);
        t.len = 0;
        rc = run_trace(d.b.p, d.b.len, CHUNK, 0, NULL, &t);
        error_line(want, sizeof want, NEWS_ERR_LIMIT, line, 1, off);
        ck_assert_msg(rc == NEWS_ERR_LIMIT && strcmp(last_line(&t), want) == 0,
                      "kind %d:\n...%s want %s", rows[k].kind, last_line(&t), want);
        t.len = 0;
        ck_assert_int_eq(run_trace(d.b.p, d.b.len, CHUNK, 0, &none, &t), NEWS_END);
        util_buf_free(&t);
        util_buf_free(&d.b);
    }
}
END_TEST

/* The default line limit: 65535 bytes pass, 65536 fail; no limit and a
 * large enough line buffer read a 70000-byte line. Stream mode uses a
 * line buffer larger than the limit so that news_limits decides. */
START_TEST(limit_line_default)
{
    size_t n;
    news_limits none = {(size_t)-1, (size_t)-1, (size_t)-1, (size_t)-1, (size_t)-1, (size_t)-1};

    for (n = 65535; n <= 65536; n++) {
        util_buf b = {NULL, 0, 0}, t = {NULL, 0, 0};
        char *pad = malloc(n);
        int rc;

        ck_assert_ptr_nonnull(pad);
        memset(pad, 'w', n);
        memcpy(pad, "title: ", 7);
        util_buf_add(&b, "%news 1\n", 8);
        util_buf_add(&b, pad, n);
        util_buf_add(&b, "\n", 1);
        rc = run_trace(b.p, b.len, CHUNK, 70000, NULL, &t);
        if (n == 65535)
            ck_assert_int_eq(rc, NEWS_END);
        else
            ck_assert_str_eq(last_line(&t), "ERROR NEWS_ERR_LINE_TOO_LONG 2 65536 65543\n");
        t.len = 0;
        ck_assert_int_eq(run_trace(b.p, b.len, CHUNK, 0, &none, &t), NEWS_END);
        free(pad);
        util_buf_free(&t);
        util_buf_free(&b);
    }
}
END_TEST

/* ------------------------------------------------------------------
 * Stream-mode protocol
 * ------------------------------------------------------------------ */

static const char proto_doc[] = "%news 1\ntitle: Sluice gate\n\nOpened at six.\n";
static const char proto_trace[] = "1 ARTICLE\n2 FIELD 0 [title]=[Sluice gate]\n"
                                  "4 BLOCK 0 [Opened at six.]\n4 ARTICLE_END\nEND\n";

START_TEST(stream_more_first)
{
    news_reader r;
    news_event ev;
    char line[64];

    check_trace(LIT(proto_doc), CHUNK, 0, NULL, proto_trace, "protocol document");
    news_reader_init_stream(&r, line, sizeof line, NULL);
    ck_assert_int_eq(news_reader_next(&r, &ev), NEWS_MORE);
    ck_assert_int_eq(news_reader_next(&r, &ev), NEWS_MORE);
    ck_assert_int_eq(news_reader_error(&r)->code, NEWS_OK);
    /* Finishing without any input: no article. */
    news_reader_finish(&r);
    ck_assert_int_eq(news_reader_next(&r, &ev), NEWS_ERR_EMPTY);
}
END_TEST

/* Feeding while the reader still holds unread input is refused and
 * changes nothing; so is feeding a buffer-mode reader. */
START_TEST(stream_feed_not_waiting)
{
    size_t step = CHUNK == 0 ? sizeof proto_doc - 1 : CHUNK;
    size_t len = sizeof proto_doc - 1, pos = 0;
    util_buf t = {NULL, 0, 0};
    news_reader r;
    news_event ev;
    char line[64];
    int rc, refused = 0;

    /* Buffer mode never waits for input. */
    news_reader_init(&r, LIT(proto_doc), NULL);
    ck_assert_int_eq(news_reader_feed(&r, "x", 1), NEWS_ERR_STATE);
    ck_assert_int_eq(news_reader_next(&r, &ev), NEWS_OK);
    ck_assert_int_eq(news_reader_feed(&r, "x", 1), NEWS_ERR_STATE);
    ck_assert_int_eq(news_reader_feed(&r, NULL, 0), NEWS_ERR_STATE);

    /* Stream mode: a second feed before next() has read the first chunk
     * is refused, and the trace is unchanged. */
    news_reader_init_stream(&r, line, sizeof line, NULL);
    for (;;) {
        rc = news_reader_next(&r, &ev);
        if (rc == NEWS_MORE) {
            size_t m = len - pos < step ? len - pos : step;
            if (m == 0) {
                news_reader_finish(&r);
            } else {
                ck_assert_int_eq(news_reader_feed(&r, proto_doc + pos, m), NEWS_OK);
                ck_assert_int_eq(news_reader_feed(&r, "%news 2\n", 8), NEWS_ERR_STATE);
                ck_assert_int_eq(news_reader_feed(&r, "", 0), NEWS_ERR_STATE);
                refused++;
                pos += m;
            }
            continue;
        }
        if (rc != NEWS_OK)
            break;
        /* After the %news line the rest of the first chunk is unread
         * (the whole document in buffer-sized chunks). */
        if (ev.type == NEWS_EV_ARTICLE && step > 8)
            ck_assert_int_eq(news_reader_feed(&r, "%news 2\n", 8), NEWS_ERR_STATE);
        render_event(&t, &ev);
    }
    render_end(&t, rc, &r);
    ck_assert_int_gt(refused, 0);
    ck_assert_str_eq(t.p, proto_trace);
    util_buf_free(&t);
}
END_TEST

START_TEST(stream_feed_after_finish)
{
    size_t step = CHUNK == 0 ? sizeof proto_doc - 1 : CHUNK;
    news_reader r;
    news_event ev;
    char line[64];
    int rc;

    /* Finished at once: a feed is refused, the reader reports no input. */
    news_reader_init_stream(&r, line, sizeof line, NULL);
    news_reader_finish(&r);
    ck_assert_int_eq(news_reader_feed(&r, proto_doc, step), NEWS_ERR_STATE);
    ck_assert_int_eq(news_reader_next(&r, &ev), NEWS_ERR_EMPTY);

    /* Finished after a first chunk, while waiting for more. */
    news_reader_init_stream(&r, line, sizeof line, NULL);
    ck_assert_int_eq(news_reader_next(&r, &ev), NEWS_MORE);
    ck_assert_int_eq(news_reader_feed(&r, proto_doc, 16), NEWS_OK); /* "%news 1\ntitle: S" */
    ck_assert_int_eq(news_reader_next(&r, &ev), NEWS_OK);
    ck_assert_int_eq(ev.type, NEWS_EV_ARTICLE);
    ck_assert_int_eq(news_reader_next(&r, &ev), NEWS_MORE);
    news_reader_finish(&r);
    ck_assert_int_eq(news_reader_feed(&r, proto_doc + 16, step), NEWS_ERR_STATE);
    rc = news_reader_next(&r, &ev);
    ck_assert_int_eq(rc, NEWS_OK);
    ck_assert_int_eq(ev.type, NEWS_EV_FIELD);
    ck_assert_uint_eq(ev.value.len, 1);
    ck_assert_int_eq(ev.value.ptr[0], 'S');
    ck_assert_int_eq(news_reader_next(&r, &ev), NEWS_OK);
    ck_assert_int_eq(ev.type, NEWS_EV_ARTICLE_END);
    ck_assert_int_eq(news_reader_next(&r, &ev), NEWS_END);
    ck_assert_int_eq(news_reader_feed(&r, "x", 1), NEWS_ERR_STATE);
    ck_assert_int_eq(news_reader_feed(&r, "x", 0), NEWS_ERR_STATE);
}
END_TEST

START_TEST(stream_null_chunk)
{
    size_t step = CHUNK == 0 ? sizeof proto_doc - 1 : CHUNK;
    size_t len = sizeof proto_doc - 1, pos = 0;
    util_buf t = {NULL, 0, 0};
    news_reader r;
    news_event ev;
    char line[64];
    int rc;

    news_reader_init_stream(&r, line, sizeof line, NULL);
    for (;;) {
        rc = news_reader_next(&r, &ev);
        if (rc == NEWS_MORE) {
            size_t m = len - pos < step ? len - pos : step;
            /* Refused, and the reader still waits. */
            ck_assert_int_eq(news_reader_feed(&r, NULL, 1), NEWS_ERR_ARG);
            ck_assert_int_eq(news_reader_feed(&r, NULL, m + 1), NEWS_ERR_ARG);
            if (m == 0) {
                news_reader_finish(&r);
            } else {
                ck_assert_int_eq(news_reader_feed(&r, proto_doc + pos, m), NEWS_OK);
                pos += m;
            }
            continue;
        }
        if (rc != NEWS_OK)
            break;
        util_buf_printf(&t, "%lu %d\n", ev.line, ev.type);
    }
    ck_assert_int_eq(rc, NEWS_END);
    ck_assert_str_eq(t.p, "1 1\n2 2\n4 3\n4 6\n");
    util_buf_free(&t);
}
END_TEST

/* Zero-length chunks (NULL or not) between the real ones change nothing. */
START_TEST(stream_zero_feeds)
{
    static const char elsewhere[] = "zz";
    size_t step = CHUNK == 0 ? sizeof full_doc - 1 : CHUNK;
    size_t len = sizeof full_doc - 1, pos = 0;
    util_buf t = {NULL, 0, 0};
    news_reader r;
    news_event ev;
    char *line = malloc(len + 2);
    int rc;
    unsigned long mores = 0;

    ck_assert_ptr_nonnull(line);
    news_reader_init_stream(&r, line, len + 2, NULL);
    ck_assert_int_eq(news_reader_feed(&r, NULL, 0), NEWS_OK);
    for (;;) {
        rc = news_reader_next(&r, &ev);
        if (rc == NEWS_MORE) {
            size_t m = len - pos < step ? len - pos : step;
            switch (mores++ % 3) {
            case 0: /* nothing new: the reader asks again */
                ck_assert_int_eq(news_reader_feed(&r, NULL, 0), NEWS_OK);
                ck_assert_int_eq(news_reader_next(&r, &ev), NEWS_MORE);
                ck_assert_int_eq(news_reader_feed(&r, elsewhere + 1, 0), NEWS_OK);
                break;
            case 1: /* two in a row: the first leaves nothing unread */
                ck_assert_int_eq(news_reader_feed(&r, elsewhere + 1, 0), NEWS_OK);
                ck_assert_int_eq(news_reader_feed(&r, NULL, 0), NEWS_OK);
                break;
            default:
                if (m == 0) {
                    news_reader_finish(&r);
                } else {
                    ck_assert_int_eq(news_reader_feed(&r, full_doc + pos, m), NEWS_OK);
                    pos += m;
                }
            }
            continue;
        }
        if (rc != NEWS_OK)
            break;
        render_event(&t, &ev);
    }
    render_end(&t, rc, &r);
    ck_assert_uint_gt(mores, 2);
    ck_assert_str_eq(t.p, full_trace);
    util_buf_free(&t);
    free(line);
}
END_TEST

/* finish() right after the last feed, before the reader has seen it:
 * the last line (without LF here) still counts. */
START_TEST(stream_finish_early)
{
    static const char in[] = "%news 1\ntitle: Lighthouse\n\nBeam\n-\ntitle: Keeper";
    static const char want[] = "1 1\n2 2 [Lighthouse]\n4 3 [Beam]\n5 4\n6 5 [Keeper]\n6 6\n";
    size_t step = CHUNK == 0 ? sizeof in - 1 : CHUNK;
    size_t len = sizeof in - 1, pos = 0;
    util_buf t = {NULL, 0, 0};
    news_reader r;
    news_event ev;
    char line[64];
    int rc;

    news_reader_init_stream(&r, line, sizeof line, NULL);
    for (;;) {
        rc = news_reader_next(&r, &ev);
        if (rc == NEWS_MORE) {
            size_t m = len - pos < step ? len - pos : step;
            ck_assert_uint_gt(m, 0); /* finished with the last feed */
            ck_assert_int_eq(news_reader_feed(&r, in + pos, m), NEWS_OK);
            pos += m;
            if (pos == len)
                news_reader_finish(&r);
            continue;
        }
        if (rc != NEWS_OK)
            break;
        if (ev.type == NEWS_EV_FIELD || ev.type == NEWS_EV_BLOCK || ev.type == NEWS_EV_LINK_FIELD)
            util_buf_printf(&t, "%lu %d [%.*s]\n", ev.line, ev.type, (int)ev.value.len,
                            ev.value.ptr);
        else
            util_buf_printf(&t, "%lu %d\n", ev.line, ev.type);
    }
    ck_assert_int_eq(rc, NEWS_END);
    ck_assert_str_eq(t.p, want);
    util_buf_free(&t);

    /* All of it in one chunk, finished before the first next(). */
    t.len = 0;
    news_reader_init_stream(&r, line, sizeof line, NULL);
    ck_assert_int_eq(news_reader_feed(&r, LIT(in)), NEWS_OK);
    news_reader_finish(&r);
    {
        int n = 0;
        while ((rc = news_reader_next(&r, &ev)) == NEWS_OK)
            n++;
        ck_assert_int_eq(rc, NEWS_END);
        ck_assert_int_eq(n, 6);
    }
    /* Again, checking that the last line (whole in the chunk, known to
     * be complete) is seen in place. */
    news_reader_init_stream(&r, line, sizeof line, NULL);
    ck_assert_int_eq(news_reader_feed(&r, LIT(in)), NEWS_OK);
    news_reader_finish(&r);
    while ((rc = news_reader_next(&r, &ev)) == NEWS_OK && ev.type != NEWS_EV_LINK_FIELD)
        ;
    ck_assert_int_eq(rc, NEWS_OK);
    ck_assert_uint_eq(ev.value.len, 6);
    ck_assert_ptr_eq(ev.value.ptr, in + sizeof in - 1 - 6);
}
END_TEST

/* Views: in stream mode a line that lies whole in the chunk is seen in
 * place, a line split between chunks in the line buffer; in buffer mode
 * everything points into the input. Each chunk is a fresh copy, freed
 * once the reader asks for the next. */
START_TEST(stream_views)
{
    static const char in[] = "%news 1\n"
                             "title: Orchard ledger\n"
                             "summary: Apples counted by hand\n"
                             "x-ext: extra\n"
                             "\n"
                             "# Rows\n"
                             "Seven rows of trees, each one older than the barn.\n"
                             "> Pick early\r\n"
                             "-\n"
                             "title: Cider press\n"
                             "url: https://o.invalid/press\n";
    size_t len = sizeof in - 1, step = CHUNK == 0 ? len : CHUNK;
    size_t start[32], nl[32], nlines = 0, k, pos = 0, cstart = 0, clen = 0;
    news_reader r;
    news_event ev;
    char line[64], *chunk = NULL;
    int rc, inplace = 0, buffered = 0;

    /* Line k (from 1) spans in[start[k]..nl[k]], nl[k] being its LF. */
    start[1] = 0;
    for (k = 0; k < len; k++)
        if (in[k] == '\n') {
            nl[++nlines] = k;
            start[nlines + 1] = k + 1;
        }
    if (CHUNK == 0)
        news_reader_init(&r, LIT(in), NULL);
    else
        news_reader_init_stream(&r, line, sizeof line, NULL);
    for (;;) {
        const news_str *v;
        rc = news_reader_next(&r, &ev);
        if (rc == NEWS_MORE) {
            size_t m = len - pos < step ? len - pos : step;
            free(chunk);
            chunk = NULL;
            if (m == 0) {
                news_reader_finish(&r);
                continue;
            }
            chunk = malloc(m);
            ck_assert_ptr_nonnull(chunk);
            memcpy(chunk, in + pos, m);
            cstart = pos;
            clen = m;
            ck_assert_int_eq(news_reader_feed(&r, chunk, m), NEWS_OK);
            pos += m;
            continue;
        }
        if (rc != NEWS_OK)
            break;
        if (ev.type != NEWS_EV_FIELD && ev.type != NEWS_EV_BLOCK &&
            ev.type != NEWS_EV_LINK_FIELD)
            continue;
        v = &ev.value;
        ck_assert_uint_le(ev.line, nlines);
        if (CHUNK == 0) {
            ck_assert(v->ptr >= in && v->ptr + v->len <= in + len);
            ck_assert(v->ptr >= in + start[ev.line] && v->ptr + v->len <= in + nl[ev.line]);
            inplace++;
        } else if (start[ev.line] >= cstart && nl[ev.line] < cstart + clen) {
            /* whole in the current chunk */
            ck_assert_msg(v->ptr >= chunk && v->ptr + v->len <= chunk + clen,
                          "line %lu not seen in place", ev.line);
            ck_assert_mem_eq(v->ptr, in + cstart + (size_t)(v->ptr - chunk), v->len);
            if (ev.key.ptr != NULL)
                ck_assert(ev.key.ptr >= chunk && ev.key.ptr + ev.key.len <= chunk + clen);
            inplace++;
        } else {
            ck_assert_msg(v->ptr >= line && v->ptr + v->len <= line + sizeof line,
                          "line %lu not in the line buffer", ev.line);
            if (ev.key.ptr != NULL)
                ck_assert(ev.key.ptr >= line && ev.key.ptr + ev.key.len <= line + sizeof line);
            buffered++;
        }
    }
    free(chunk);
    ck_assert_int_eq(rc, NEWS_END);
    ck_assert_int_eq(inplace + buffered, 8);
    if (CHUNK == 1)
        ck_assert_int_eq(inplace, 0);
    if (CHUNK == 0)
        ck_assert_int_eq(inplace, 8);
    if (CHUNK != 0)
        ck_assert_int_gt(buffered, 0);
}
END_TEST

/* Buffer mode: a copy of the reader saves its position; assigning it
 * back rewinds, and the same events come again (compared with the
 * stream-mode trace at this chunk size). */
START_TEST(buffer_rewind)
{
    news_reader r, saved, start;
    news_event ev;
    util_buf want = {NULL, 0, 0}, a = {NULL, 0, 0}, b = {NULL, 0, 0};
    int rc, k, stop;

    util_trace(LIT(full_doc), CHUNK, 0, NULL, &want);
    ck_assert_str_eq(want.p, full_trace);
    for (stop = 0; stop <= 44; stop += 4) {
        size_t mark;
        a.len = b.len = 0;
        news_reader_init(&r, LIT(full_doc), NULL);
        start = r;
        for (k = 0; k < stop && (rc = news_reader_next(&r, &ev)) == NEWS_OK; k++)
            render_event(&a, &ev);
        mark = a.len;
        saved = r;
        while ((rc = news_reader_next(&r, &ev)) == NEWS_OK)
            render_event(&a, &ev);
        render_end(&a, rc, &r);
        ck_assert_str_eq(a.p, want.p);
        /* Rewind to the saved position: the rest comes again. */
        r = saved;
        while ((rc = news_reader_next(&r, &ev)) == NEWS_OK)
            render_event(&b, &ev);
        render_end(&b, rc, &r);
        ck_assert_str_eq(b.p, a.p + mark);
        /* Rewind to the start: everything again. */
        r = start;
        b.len = 0;
        while ((rc = news_reader_next(&r, &ev)) == NEWS_OK)
            render_event(&b, &ev);
        render_end(&b, rc, &r);
        ck_assert_str_eq(b.p, want.p);
    }
    /* An error sticks to the reader that met it, not to an earlier copy. */
    news_reader_init(&r, LIT("%news 1\ntitle: Wharf\n%bad\n"), NULL);
    ck_assert_int_eq(news_reader_next(&r, &ev), NEWS_OK);
    saved = r;
    ck_assert_int_eq(news_reader_next(&r, &ev), NEWS_OK);
    ck_assert_int_eq(news_reader_next(&r, &ev), NEWS_ERR_DIRECTIVE);
    r = saved;
    ck_assert_int_eq(news_reader_error(&r)->code, NEWS_OK);
    ck_assert_int_eq(news_reader_next(&r, &ev), NEWS_OK);
    ck_assert_int_eq(ev.type, NEWS_EV_FIELD);
    util_buf_free(&want);
    util_buf_free(&a);
    util_buf_free(&b);
}
END_TEST

/* A store of 1000 articles read in fixed memory: a 64-byte line buffer
 * and one reused chunk buffer (4096 bytes; the small sizes of util_chunks
 * too). */
START_TEST(stream_store_1000)
{
    static char chunk[4096];
    char line[64];
    size_t step = CHUNK == 0 ? sizeof chunk : CHUNK, pos = 0;
    util_buf b = {NULL, 0, 0};
    news_reader r;
    news_event ev;
    unsigned long articles = 0, ends = 0, blocks = 0, links = 0;
    int rc, k;

    for (k = 0; k < 1000; k++) {
        util_buf_printf(&b, "%%news 1\ntitle: Bulletin %04d\n", k);
        if (k % 3 == 0)
            util_buf_printf(&b, "tag: t%d\nauthor: Writer %d\n", k % 11, k % 7);
        if (k % 2 == 0)
            util_buf_printf(&b, "\nTide at %d metres.\n# Note %d\n", k % 5, k);
        if (k % 5 == 0)
            util_buf_printf(&b, "-\ntitle: Earlier %d\n", k - 1);
        if (k % 7 == 0)
            util_buf_add(&b, "\r\n", 2);
    }
    news_reader_init_stream(&r, line, sizeof line, NULL);
    for (;;) {
        rc = news_reader_next(&r, &ev);
        if (rc == NEWS_MORE) {
            size_t m = b.len - pos < step ? b.len - pos : step;
            if (m == 0) {
                news_reader_finish(&r);
            } else {
                memcpy(chunk, b.p + pos, m);
                if (news_reader_feed(&r, chunk, m) != NEWS_OK)
                    ck_abort_msg("feed refused at %lu", (unsigned long)pos);
                pos += m;
            }
            continue;
        }
        if (rc != NEWS_OK)
            break;
        if (ev.type == NEWS_EV_ARTICLE) {
            articles++;
        } else if (ev.type == NEWS_EV_ARTICLE_END) {
            ends++;
        } else if (ev.type == NEWS_EV_FIELD && ev.field == NEWS_FIELD_TITLE) {
            char want[32];
            snprintf(want, sizeof want, "Bulletin %04lu", articles - 1);
            if (ev.value.len != strlen(want) || memcmp(ev.value.ptr, want, ev.value.len) != 0)
                ck_abort_msg("article %lu: title \"%.*s\", want \"%s\"", articles,
                             (int)ev.value.len, ev.value.ptr, want);
        } else if (ev.type == NEWS_EV_BLOCK) {
            blocks++;
        } else if (ev.type == NEWS_EV_LINK) {
            links++;
        }
    }
    ck_assert_int_eq(rc, NEWS_END);
    ck_assert_uint_eq(pos, b.len);
    ck_assert_uint_eq(articles, 1000);
    ck_assert_uint_eq(ends, 1000);
    ck_assert_uint_eq(blocks, 1000);
    ck_assert_uint_eq(links, 200);
    util_buf_free(&b);
}
END_TEST

/* Buffer mode checks lines through look-ahead windows (64 bytes with
 * SSE2, in reader.h and in the article builder's own line loop), stream
 * mode through the line scanner: both must see the same lines. Each
 * sequence below goes at every byte position of a window and across
 * the boundary of two (a line of pad bytes before shifts it), at the
 * start, inside and at the end of a line among ASCII or two-byte
 * characters, in a field and in a paragraph, with lines after it; the
 * events, the final status and the articles built from views in buffer
 * mode must be those of a stream reader given the input in one chunk. */
static const char *const window_seqs[] = {
    "\xC3\xA9", "\xE2\x80\x9C", "\xE2\x82\xAC", "\xF0\x9F\x98\x80", "\xEF\xBC\x81",
    "\xED\x9F\xBF", "\xE0\xA0\x80", "\xDF\xBF", "\xC2\x80", "\xEC\xBF\xBF", "\xEE\x80\x80",
    "\t", "\r", "\n", "\r\n", "\x01", "\x7F", "\x1F", "\x20", "\x3F", "\x40", "\xC3",
    "\xE2\x80", "\x80", "\xBF", "\xC0\x80", "\xC1\xBF", "\xE0\x80\x80", "\xED\xA0\x80",
    "\xEF\xBB\xBF", "\xF4\x90\x80\x80", "\xF5\x80\x80\x80", "\xFF", "\xC3\xC3",
    "\xE2\x80\x41", "\xC3\x0A", "\xE2\x0A\x80"};

/* 1 if s[0..n) breaks a rule of the text (invalid UTF-8, U+FEFF, a
 * control byte other than TAB and the LF, a CR not before an LF): a
 * checker of its own, so that a rule both scanners get wrong is caught
 * too. */
static int text_broken(const unsigned char *s, size_t n)
{
    static const unsigned long least[5] = {0, 0, 0x80, 0x800, 0x10000};
    size_t i = 0, len, j;
    unsigned long cp;

    while (i < n) {
        unsigned c = s[i];
        if (c == '\n' || c == '\t' || (c >= 0x20 && c < 0x80) ||
            (c == '\r' && i + 1 < n && s[i + 1] == '\n')) {
            i++;
            continue;
        }
        len = c >= 0xF8 ? 0 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 0;
        if (len == 0 || i + len > n)
            return 1;
        cp = c & (0x7Fu >> len);
        for (j = 1; j < len; j++) {
            if ((s[i + j] & 0xC0u) != 0x80u)
                return 1;
            cp = cp << 6 | (s[i + j] & 0x3Fu);
        }
        if (cp < least[len] || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF || cp == 0xFEFF)
            return 1;
        i += len;
    }
    return 0;
}

static int text_error(int code)
{
    return code == NEWS_ERR_UTF8 || code == NEWS_ERR_NUL || code == NEWS_ERR_CTRL ||
           code == NEWS_ERR_CR || code == NEWS_ERR_BOM;
}

START_TEST(window_positions)
{
    const char *ins = window_seqs[_i];
    size_t k = strlen(ins), pad, place, i;
    int where, fill;

    for (where = 0; where < 2; where++)
        for (fill = 0; fill < 2; fill++)
            for (place = 0; place <= 20; place += 10)
                for (pad = 0; pad < 64; pad++) {
                    util_buf in = {NULL, 0, 0}, t0 = {NULL, 0, 0}, t1 = {NULL, 0, 0};
                    util_buf w0 = {NULL, 0, 0}, w1 = {NULL, 0, 0};
                    int rc0, rc1;

                    util_buf_printf(&in, "%%news 1\ntitle: T\n%s", where == 0 ? "x-pad: " : "\n");
                    for (i = 0; i < pad; i++)
                        util_buf_add(&in, "p", 1);
                    util_buf_add(&in, where == 0 ? "\ndek: " : "p\n", where == 0 ? 6 : 2);
                    for (i = 0; i <= 20; i += 2) { /* 20 bytes, the sequence at place */
                        if (i == place)
                            util_buf_add(&in, ins, k);
                        if (i < 20)
                            util_buf_add(&in, fill == 0 ? "ab" : "\xC3\xA9", 2);
                    }
                    util_buf_printf(&in, "\n%s",
                                    where == 0 ? "kicker: \xC3\xA9k\n\nbody \xE2\x80\x94 x\n"
                                               : "after \xC3\xA9\n# head \xE2\x80\x9C\nend\n");
                    rc0 = util_trace(in.p, in.len, 0, 0, NULL, &t0);
                    rc1 = util_trace(in.p, in.len, in.len, 0, NULL, &t1);
                    ck_assert_int_eq(rc0, rc1);
                    ck_assert_int_eq(text_error(rc0),
                                     text_broken((const unsigned char *)in.p, in.len));
                    ck_assert_msg(strcmp(t0.p, t1.p) == 0,
                                  "seq %d, where %d, fill %d, place %lu, pad %lu:\n%s---\n%s", _i,
                                  where, fill, (unsigned long)place, (unsigned long)pad, t0.p,
                                  t1.p);
                    rc0 = util_rewrite(in.p, in.len, 0, 0, &w0);
                    rc1 = util_rewrite(in.p, in.len, in.len, 0, &w1);
                    ck_assert_int_eq(rc0, rc1);
                    ck_assert_uint_eq(w0.len, w1.len);
                    ck_assert_msg(w0.len == 0 || memcmp(w0.p, w1.p, w0.len) == 0,
                                  "articles differ: seq %d, where %d, fill %d, place %lu, pad %lu",
                                  _i, where, fill, (unsigned long)place, (unsigned long)pad);
                    util_buf_free(&in);
                    util_buf_free(&t0);
                    util_buf_free(&t1);
                    util_buf_free(&w0);
                    util_buf_free(&w1);
                }
}
END_TEST

Suite *reader_suite(void)
{
    Suite *s = suite_create("reader");
    TCase *tc;

    tc = tcase_create("events");
    tcase_add_loop_test(tc, full_article, 0, NCHUNKS);
    tcase_add_loop_test(tc, event_lines, 0, NCHUNKS);
    tcase_add_loop_test(tc, field_ids, 0, NCHUNKS);
    tcase_add_loop_test(tc, link_field_ids, 0, NCHUNKS);
    tcase_add_loop_test(tc, ext_fields, 0, NCHUNKS);
    tcase_add_loop_test(tc, field_views, 0, NCHUNKS);
    tcase_add_loop_test(tc, block_kinds, 0, NCHUNKS);
    tcase_add_loop_test(tc, body_and_links, 0, NCHUNKS);
    suite_add_tcase(s, tc);

    tc = tcase_create("lines");
    tcase_add_loop_test(tc, crlf, 0, NCHUNKS);
    tcase_add_loop_test(tc, bom, 0, NCHUNKS);
    tcase_add_loop_test(tc, last_line_without_lf, 0, NCHUNKS);
    tcase_add_loop_test(tc, blank_lines, 0, NCHUNKS);
    tcase_add_loop_test(tc, window_positions, 0, (int)(sizeof window_seqs / sizeof window_seqs[0]));
    suite_add_tcase(s, tc);

    tc = tcase_create("errors");
    tcase_add_loop_test(tc, error_table, 0, NCHUNKS);
    tcase_add_test(tc, error_table_complete);
    tcase_add_loop_test(tc, errors_stick, 0, NCHUNKS);
    tcase_add_loop_test(tc, end_repeats, 0, NCHUNKS);
    suite_add_tcase(s, tc);

    tc = tcase_create("limits");
    tcase_set_timeout(tc, 60);
    tcase_add_loop_test(tc, limit_line, 0, NCHUNKS);
    tcase_add_loop_test(tc, limit_line_crlf, 0, NCHUNKS);
    tcase_add_loop_test(tc, limit_line_crlf_null_feed, 0, NCHUNKS);
    tcase_add_loop_test(tc, limit_counts, 0, NCHUNKS);
    tcase_add_loop_test(tc, limit_blocks_then_links, 0, NCHUNKS);
    tcase_add_loop_test(tc, limit_defaults, 0, NCHUNKS);
    tcase_add_loop_test(tc, limit_line_default, 0, NCHUNKS);
    suite_add_tcase(s, tc);

    tc = tcase_create("stream");
    tcase_set_timeout(tc, 60);
    tcase_add_loop_test(tc, stream_more_first, 0, NCHUNKS);
    tcase_add_loop_test(tc, stream_feed_not_waiting, 0, NCHUNKS);
    tcase_add_loop_test(tc, stream_feed_after_finish, 0, NCHUNKS);
    tcase_add_loop_test(tc, stream_null_chunk, 0, NCHUNKS);
    tcase_add_loop_test(tc, stream_zero_feeds, 0, NCHUNKS);
    tcase_add_loop_test(tc, stream_finish_early, 0, NCHUNKS);
    tcase_add_loop_test(tc, stream_views, 0, NCHUNKS);
    tcase_add_loop_test(tc, buffer_rewind, 0, NCHUNKS);
    tcase_add_loop_test(tc, stream_store_1000, 0, NCHUNKS);
    suite_add_tcase(s, tc);
    return s;
}
