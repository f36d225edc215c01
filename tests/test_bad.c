/* test_bad.c - the catalogue of bad input (docs/BAD-INPUT.md).
 *
 * Three parts:
 *  - catalogue: every tests/bad/NAME.news fails with exactly the code,
 *    line and column of NAME.err (or is accepted, for NEWS_END 0 0) at
 *    chunk sizes 1, 2, 3, 7 and whole, with the byte offset of that line
 *    and column; the table in docs/BAD-INPUT.md is the list of cases and
 *    must agree with the files both ways.
 *  - generated: the cases too big to commit (lines at the length limit
 *    and past it, millions of links, fields and blocks read in fixed
 *    memory) and the exhaustive ones (every byte value, every kind of
 *    broken UTF-8 sequence, every single-valued field twice, every count
 *    limit at and past its default).
 *  - guard (POSIX): inputs that end exactly where a PROT_NONE page
 *    begins, so that reading one byte past their length faults: the
 *    reader in both modes, the builder, the writer and JSON export of
 *    what it built, the importer and the layout functions, over every
 *    prefix of a few documents and over every catalogue file. */
#if defined(__unix__) && !defined(_POSIX_C_SOURCE)
#define _POSIX_C_SOURCE 200809L /* opendir, mmap, sysconf */
#endif
#if defined(__unix__) && !defined(_DEFAULT_SOURCE)
#define _DEFAULT_SOURCE /* MAP_ANONYMOUS with glibc */
#endif
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#if defined(__unix__)
#include <dirent.h>
#include <sys/mman.h>
#include <unistd.h>

/* news_import()'s working memory */
static news_import_work import_work;
#if !defined(MAP_ANONYMOUS) && defined(MAP_ANON)
#define MAP_ANONYMOUS MAP_ANON
#endif
#endif

#define BAD_DIR "tests/bad"
#define BAD_DOC "docs/BAD-INPUT.md"

/* ---------------------------------------------------------------------
 * The catalogue, read from the table in docs/BAD-INPUT.md when the
 * suite is built.
 * ------------------------------------------------------------------ */
#define MAX_CASES 512
#define MAX_NAME 64

typedef struct bad_case {
    char name[MAX_NAME];
    int code; /* NEWS_END for inputs that must be accepted */
    unsigned long line, column;
} bad_case;

static bad_case cases[MAX_CASES];
static int n_cases;
static char doc_problem[256];

/* The text between the backticks of a table cell, or NULL. */
static const char *ticked(char *cell)
{
    char *a = strchr(cell, '`'), *b;
    if (a == NULL || (b = strchr(a + 1, '`')) == NULL)
        return NULL;
    *b = '\0';
    return a + 1;
}

/* A row "| case | `NAME.news` | `CODE` | LINE | COLUMN | why |". Rows
 * whose second cell is not a tests/bad file belong to other tables. */
static void table_row(char *row, unsigned long ln)
{
    char *cell[7];
    const char *file, *code;
    int n = 0;
    size_t len;
    char *p = row;

    while (n < 7 && (p = strchr(p, '|')) != NULL)
        cell[n++] = ++p;
    if (n < 7)
        return;
    cell[2][-1] = cell[3][-1] = cell[4][-1] = cell[5][-1] = cell[6][-1] = '\0';
    file = ticked(cell[1]);
    if (file == NULL || (len = strlen(file)) < 6 || strcmp(file + len - 5, ".news") != 0)
        return;
    code = ticked(cell[2]);
    if (n_cases == MAX_CASES || len - 5 >= MAX_NAME || code == NULL) {
        snprintf(doc_problem, sizeof doc_problem, "%s line %lu: bad row", BAD_DOC, ln);
        return;
    }
    memcpy(cases[n_cases].name, file, len - 5);
    cases[n_cases].name[len - 5] = '\0';
    cases[n_cases].code = 0;
    if (strcmp(code, "NEWS_END") == 0) {
        cases[n_cases].code = NEWS_END;
    } else { /* util_code_value() would abort on an unknown name */
        int k;
        for (k = NEWS_ERR_ARG; k >= NEWS_ERR_STATE; k--)
            if (strcmp(code, util_code_name(k)) == 0)
                cases[n_cases].code = k;
    }
    if (cases[n_cases].code == 0) {
        snprintf(doc_problem, sizeof doc_problem, "%s line %lu: unknown code %.40s", BAD_DOC, ln,
                 code);
        return;
    }
    cases[n_cases].line = strtoul(cell[3], NULL, 10);
    cases[n_cases].column = strtoul(cell[4], NULL, 10);
    n_cases++;
}

static void load_catalogue(void)
{
    FILE *f = fopen(BAD_DOC, "r");
    char row[1024];
    unsigned long ln = 0;

    n_cases = 0;
    doc_problem[0] = '\0';
    if (f == NULL) {
        snprintf(doc_problem, sizeof doc_problem, "cannot open %s", BAD_DOC);
        return;
    }
    while (fgets(row, sizeof row, f) != NULL && doc_problem[0] == '\0') {
        ln++;
        if (row[0] == '|')
            table_row(row, ln);
    }
    fclose(f);
    if (doc_problem[0] != '\0')
        n_cases = 0;
}

static char *read_case(const char *name, const char *ext, size_t *len)
{
    char path[128];
    int n = snprintf(path, sizeof path, "%s/%s%s", BAD_DIR, name, ext);
    ck_assert(n > 0 && (size_t)n < sizeof path);
    return util_read_file(path, len);
}

/* The status line util_trace ends with for an expected result, the
 * offset derived from the line and column. */
static void expected_status(char *out, size_t cap, const char *data, size_t len, int code,
                            unsigned long line, unsigned long column)
{
    unsigned long l = 1;
    size_t i = 0;

    if (code == NEWS_END) {
        snprintf(out, cap, "END\n");
        return;
    }
    while (l < line && i < len)
        if (data[i++] == '\n')
            l++;
    ck_assert_msg(l == line, "the input has no line %lu", line);
    snprintf(out, cap, "ERROR %s %lu %lu %lu\n", util_code_name(code), line, column,
             (unsigned long)i + column - 1);
}

static const char *last_line(const util_buf *t)
{
    const char *p = t->p + t->len - 1;
    while (p > t->p && p[-1] != '\n')
        p--;
    return p;
}

/* Run data whole and at every chunk size (documents over 4 KB at 7 and
 * 4093 bytes only, to keep valgrind runs short): the same trace each
 * time, ending with the expected status. */
static void check_input(const char *what, const char *data, size_t len, int code,
                        unsigned long line, unsigned long column, const news_limits *lim)
{
    static const size_t big[] = {7, 4093};
    const size_t *chunks = len > 4096 ? big : util_chunks;
    size_t nchunks = len > 4096 ? sizeof big / sizeof big[0] : util_nchunks;
    char want[160];
    util_buf whole = {NULL, 0, 0};
    size_t k;

    expected_status(want, sizeof want, data, len, code, line, column);
    util_trace(data, len, 0, 0, lim, &whole);
    ck_assert_msg(strcmp(last_line(&whole), want) == 0, "%s: got %s want %s", what,
                  last_line(&whole), want);
    for (k = 0; k < nchunks; k++) {
        util_buf t = {NULL, 0, 0};
        if (chunks[k] == 0)
            continue;
        util_trace(data, len, chunks[k], 0, lim, &t);
        ck_assert_msg(t.len == whole.len && memcmp(t.p, whole.p, t.len) == 0,
                      "%s: chunks of %lu read differently:\n%s", what,
                      (unsigned long)chunks[k], t.p);
        util_buf_free(&t);
    }
    util_buf_free(&whole);
}

START_TEST(test_catalogue_list)
{
    int i;

    ck_assert_msg(doc_problem[0] == '\0', "%s", doc_problem);
    ck_assert_msg(n_cases >= 100, "%s lists only %d cases", BAD_DOC, n_cases);
    for (i = 0; i < n_cases; i++) {
        size_t len;
        char *err = read_case(cases[i].name, ".err", &len), code[64];
        unsigned long line, column;
        int j;
        ck_assert_msg(sscanf(err, "%63s %lu %lu", code, &line, &column) == 3,
                      "%s.err: expected CODE LINE COLUMN", cases[i].name);
        ck_assert_msg((strcmp(code, "NEWS_END") == 0 ? NEWS_END : util_code_value(code)) ==
                              cases[i].code &&
                          line == cases[i].line && column == cases[i].column,
                      "%s.err (%s) disagrees with %s", cases[i].name, err, BAD_DOC);
        free(err);
        for (j = 0; j < i; j++)
            ck_assert_msg(strcmp(cases[i].name, cases[j].name) != 0, "%s listed twice",
                          cases[i].name);
    }
#if defined(__unix__)
    {
        DIR *d = opendir(BAD_DIR);
        struct dirent *e;
        int files = 0;
        ck_assert_msg(d != NULL, "cannot open %s", BAD_DIR);
        while ((e = readdir(d)) != NULL) {
            size_t n = strlen(e->d_name);
            int listed = 0;
            if (e->d_name[0] == '.')
                continue;
            ck_assert_msg(n > 4 && (strcmp(e->d_name + n - 4, ".err") == 0 ||
                                    (n > 5 && strcmp(e->d_name + n - 5, ".news") == 0)),
                          "%s/%s: only NAME.news and NAME.err belong here", BAD_DIR,
                          e->d_name);
            n -= e->d_name[n - 1] == 'r' ? 4 : 5;
            for (i = 0; i < n_cases && !listed; i++)
                listed = strlen(cases[i].name) == n && memcmp(cases[i].name, e->d_name, n) == 0;
            ck_assert_msg(listed, "%s/%s is not in the table of %s", BAD_DIR, e->d_name,
                          BAD_DOC);
            files++;
        }
        closedir(d);
        ck_assert_int_eq(files, 2 * n_cases);
    }
#endif
}
END_TEST

START_TEST(test_catalogue_case)
{
    const bad_case *c = &cases[_i];
    size_t len;
    char *data = read_case(c->name, ".news", &len);
    static char mem[1 << 16];
    news_reader r;
    news_article a;
    news_arena ar;
    const news_error *err;
    int rc;

    check_input(c->name, data, len, c->code, c->line, c->column, NULL);
    /* The builder, over every article, says the same. */
    news_reader_init(&r, data, len, NULL);
    do {
        news_arena_init(&ar, mem, sizeof mem);
        rc = news_read_article(&r, &a, &ar, NEWS_COPY);
    } while (rc == NEWS_OK);
    err = news_reader_error(&r);
    if (c->code == NEWS_END)
        ck_assert_int_eq(rc, NEWS_END);
    else
        ck_assert_msg(rc == c->code && err->code == c->code && err->line == c->line &&
                          err->column == c->column,
                      "%s: the builder gives %s %lu %lu", c->name, util_code_name(rc),
                      err->line, err->column);
    free(data);
}
END_TEST

/* ---------------------------------------------------------------------
 * Generated cases
 * ------------------------------------------------------------------ */

/* "%news 1\n" + key + n bytes of c + end. */
static char *make_line_doc(const char *head, size_t n, char c, const char *end, size_t *len)
{
    size_t h = strlen(head), e = strlen(end);
    char *d = malloc(h + n + e + 1);
    ck_assert_ptr_nonnull(d);
    memcpy(d, head, h);
    memset(d + h, c, n);
    memcpy(d + h + n, end, e + 1);
    *len = h + n + e;
    return d;
}

/* Read data in stream mode with a line buffer of exactly cap bytes, in
 * chunks of chunk bytes. Returns the final status. */
static int stream_status(const char *data, size_t len, size_t cap, size_t chunk,
                         news_error *err)
{
    news_reader r;
    news_event ev;
    char *line = malloc(cap);
    size_t pos = 0;
    int rc;

    ck_assert_ptr_nonnull(line);
    news_reader_init_stream(&r, line, cap, NULL);
    while ((rc = news_reader_next(&r, &ev)) == NEWS_OK || rc == NEWS_MORE) {
        size_t n;
        if (rc == NEWS_OK)
            continue;
        n = len - pos < chunk ? len - pos : chunk;
        if (n == 0)
            news_reader_finish(&r);
        else
            ck_assert_int_eq(news_reader_feed(&r, data + pos, n), NEWS_OK);
        pos += n;
    }
    *err = *news_reader_error(&r);
    free(line);
    return rc;
}

START_TEST(test_line_limit)
{
    const size_t max = NEWS_DEFAULT_MAX_LINE, cap = NEWS_DEFAULT_MAX_LINE + 1;
    news_article a;
    news_arena ar;
    news_error err;
    size_t len;
    char *d;

    /* A title value that makes line 2 exactly the limit: accepted, in
     * buffer mode, at every chunking, and through a stream line buffer
     * of the smallest size that takes it. */
    d = make_line_doc("%news 1\ntitle: ", max - 7, 'a', "\n", &len);
    check_input("value at the limit", d, len, NEWS_END, 0, 0, NULL);
    ck_assert_int_eq(stream_status(d, len, cap, 1, &err), NEWS_END);
    news_arena_init(&ar, NULL, 0);
    ck_assert_int_eq(news_parse(d, len, &a, &ar, 0, NULL), NEWS_OK);
    ck_assert_uint_eq(a.title.len, max - 7);
    free(d);

    /* The same line ended by CR LF: the CR does not count. */
    d = make_line_doc("%news 1\ntitle: ", max - 7, 'a', "\r\n", &len);
    check_input("value at the limit, CR LF", d, len, NEWS_END, 0, 0, NULL);
    ck_assert_int_eq(stream_status(d, len, cap, 4096, &err), NEWS_END);
    free(d);

    /* One byte more: the line is too long, at column limit + 1. */
    d = make_line_doc("%news 1\ntitle: ", max - 6, 'a', "\n", &len);
    check_input("value past the limit", d, len, NEWS_ERR_LINE_TOO_LONG, 2, max + 1, NULL);
    ck_assert_int_eq(stream_status(d, len, cap, 3, &err), NEWS_ERR_LINE_TOO_LONG);
    ck_assert_uint_eq(err.line, 2);
    ck_assert_uint_eq(err.column, max + 1);
    free(d);

    /* A paragraph one past the limit, then one of a mebibyte without a
     * line break, read through a fixed line buffer. */
    d = make_line_doc("%news 1\ntitle: T\n\n", max + 1, 'b', "\n", &len);
    check_input("paragraph past the limit", d, len, NEWS_ERR_LINE_TOO_LONG, 4, max + 1, NULL);
    free(d);
    d = make_line_doc("%news 1\ntitle: T\n\n", (size_t)1 << 20, 'b', "", &len);
    ck_assert_int_eq(stream_status(d, len, cap, 4096, &err), NEWS_ERR_LINE_TOO_LONG);
    ck_assert_uint_eq(err.line, 4);
    ck_assert_uint_eq(err.column, max + 1);
    ck_assert_uint_eq(err.offset, 18 + max);
    free(d);
}
END_TEST

/* Every byte value inside a title value. */
START_TEST(test_every_byte)
{
    unsigned b;

    for (b = 0; b < 256; b++) {
        char doc[] = "%news 1\ntitle: a?z\n", what[32];
        int code;
        if (b == '\n')
            continue; /* a line break, not a byte of the value */
        doc[16] = (char)b;
        if (b == 0)
            code = NEWS_ERR_NUL;
        else if (b == '\r')
            code = NEWS_ERR_CR;
        else if (b < 0x20 && b != '\t')
            code = NEWS_ERR_CTRL;
        else if (b >= 0x80)
            code = NEWS_ERR_UTF8; /* alone, no byte >= 0x80 is UTF-8 */
        else
            code = NEWS_END;
        snprintf(what, sizeof what, "byte %02X", b);
        check_input(what, doc, sizeof doc - 1, code, 2, 9, NULL);
    }
}
END_TEST

/* Broken UTF-8 of every kind, and the valid sequences at the edges. */
START_TEST(test_utf8_kinds)
{
    static const struct {
        unsigned char lead, lo, hi; /* second bytes lo..hi after lead */
        unsigned len;              /* sequence length */
        int valid;
    } ranges[] = {
        {0xC0, 0x80, 0xBF, 2, 0}, /* overlong */
        {0xC1, 0x80, 0xBF, 2, 0}, /* overlong */
        {0xC2, 0x80, 0xBF, 2, 1},
        {0xDF, 0x80, 0xBF, 2, 1},
        {0xE0, 0x80, 0x9F, 3, 0}, /* overlong */
        {0xE0, 0xA0, 0xBF, 3, 1},
        {0xED, 0x80, 0x9F, 3, 1},
        {0xED, 0xA0, 0xBF, 3, 0}, /* surrogates */
        {0xEE, 0x80, 0xBF, 3, 1},
        {0xF0, 0x80, 0x8F, 4, 0}, /* overlong */
        {0xF0, 0x90, 0xBF, 4, 1},
        {0xF4, 0x80, 0x8F, 4, 1},
        {0xF4, 0x90, 0xBF, 4, 0}, /* above U+10FFFF */
        {0xF5, 0x80, 0xBF, 4, 0},
        {0xF7, 0x80, 0xBF, 4, 0},
        {0xF8, 0x80, 0xBF, 4, 0},
        {0xFF, 0x80, 0xBF, 4, 0},
    };
    size_t i;

    for (i = 0; i < sizeof ranges / sizeof ranges[0]; i++) {
        unsigned s;
        for (s = ranges[i].lo; s <= ranges[i].hi; s++) {
            char doc[32], what[48];
            size_t n = 0, k;
            memcpy(doc, "%news 1\ntitle: a", 16);
            n = 16;
            doc[n++] = (char)ranges[i].lead;
            doc[n++] = (char)s;
            for (k = 2; k < ranges[i].len; k++)
                doc[n++] = (char)0x80;
            doc[n++] = '\n';
            snprintf(what, sizeof what, "%02X %02X (%u bytes)", ranges[i].lead, s,
                     ranges[i].len);
            check_input(what, doc, n, ranges[i].valid ? NEWS_END : NEWS_ERR_UTF8, 2, 9, NULL);
            /* Cut short by the line feed, every sequence is invalid. */
            if (ranges[i].len > 2) {
                doc[n - 2] = '\n';
                check_input(what, doc, n - 1, NEWS_ERR_UTF8, 2, 9, NULL);
            }
        }
    }
}
END_TEST

/* Every single-valued field twice: NEWS_ERR_DUPLICATE at column 1 of
 * the second. */
START_TEST(test_every_duplicate)
{
    int id;

    for (id = 0; id < NEWS_FIELD_COUNT + NEWS_LINK_COUNT; id++) {
        util_buf d = {NULL, 0, 0};
        int link = id >= NEWS_FIELD_COUNT, f = link ? id - NEWS_FIELD_COUNT : id;
        const char *key = news_field_key(f, link), *value = "v";
        unsigned long line;

        if (!link && (f == NEWS_FIELD_TAG || f == NEWS_FIELD_AUTHOR))
            continue; /* repeatable */
        if (!link && (f == NEWS_FIELD_PUBLISHED || f == NEWS_FIELD_MODIFIED))
            value = "2024-05-01T07:30:00Z";
        if (!link && f == NEWS_FIELD_LANGUAGE)
            value = "en";
        util_buf_printf(&d, "%%news 1\n%s", f == NEWS_FIELD_TITLE && !link ? "" : "title: T\n");
        if (!link && f == NEWS_FIELD_IMAGE_CAPTION)
            util_buf_printf(&d, "image: i.jpg\n");
        if (!link && (f == NEWS_FIELD_AUTHOR_URL || f == NEWS_FIELD_AUTHOR_BIO))
            util_buf_printf(&d, "author: A\n");
        if (link)
            util_buf_printf(&d, "-\n%s", f == NEWS_LINK_TITLE ? "" : "title: L\n");
        util_buf_printf(&d, "%s: %s\n", key, value);
        line = 1;
        {
            size_t i;
            for (i = 0; i < d.len; i++)
                line += d.p[i] == '\n';
        }
        util_buf_printf(&d, "%s: %s\n", key, value);
        check_input(key, d.p, d.len, NEWS_ERR_DUPLICATE, line, 1, NULL);
        util_buf_free(&d);
    }
}
END_TEST

/* Each count limit: the default is accepted, one more is not, at the
 * line that crossed it. */
START_TEST(test_count_limits)
{
    static const struct {
        const char *what, *head, *unit;
        size_t max;
        unsigned long lines_per_unit;
    } kinds[] = {
        {"tags", "%news 1\ntitle: T\n", "tag: t\n", NEWS_DEFAULT_MAX_TAGS, 1},
        {"authors", "%news 1\ntitle: T\n", "author: A\n", NEWS_DEFAULT_MAX_AUTHORS, 1},
        {"fields", "%news 1\ntitle: T\n", "x: y\n", NEWS_DEFAULT_MAX_FIELDS - 1, 1},
        {"links", "%news 1\ntitle: T\n", "-\ntitle: L\n", NEWS_DEFAULT_MAX_LINKS, 2},
        {"blocks", "%news 1\ntitle: T\n\n", "Text.\n", NEWS_DEFAULT_MAX_BLOCKS, 1},
    };
    size_t i, n;

    for (i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
        for (n = kinds[i].max; n <= kinds[i].max + 1; n++) {
            util_buf d = {NULL, 0, 0};
            size_t k, head_lines = 0;
            for (k = 0; kinds[i].head[k] != '\0'; k++)
                head_lines += kinds[i].head[k] == '\n';
            util_buf_add(&d, kinds[i].head, strlen(kinds[i].head));
            for (k = 0; k < n; k++)
                util_buf_add(&d, kinds[i].unit, strlen(kinds[i].unit));
            if (n == kinds[i].max)
                check_input(kinds[i].what, d.p, d.len, NEWS_END, 0, 0, NULL);
            else
                check_input(kinds[i].what, d.p, d.len, NEWS_ERR_LIMIT,
                            (unsigned long)(head_lines + (n - 1) * kinds[i].lines_per_unit + 1),
                            1, NULL);
            util_buf_free(&d);
        }
    }
}
END_TEST

/* A document too big to hold: a head, then count copies of a unit,
 * produced a chunk at a time. */
typedef struct gen {
    const char *head, *unit;
    size_t hlen, ulen;
    unsigned long count;
    size_t pos;          /* bytes produced so far */
    char chunk[4096];
} gen;

static size_t gen_next(gen *g)
{
    size_t n = 0;
    while (n < sizeof g->chunk) {
        const char *src;
        size_t at, avail, k;
        if (g->pos < g->hlen) {
            src = g->head;
            at = g->pos;
            avail = g->hlen - at;
        } else {
            size_t body = g->pos - g->hlen;
            if (body / g->ulen >= g->count)
                break;
            src = g->unit;
            at = body % g->ulen;
            avail = g->ulen - at;
        }
        k = avail < sizeof g->chunk - n ? avail : sizeof g->chunk - n;
        memcpy(g->chunk + n, src + at, k);
        n += k;
        g->pos += k;
    }
    return n;
}

/* Read the generated document in stream mode through a 64-byte line
 * buffer: fixed memory, whatever its size. Counts events of one type. */
static int gen_read(gen *g, const news_limits *lim, int type, unsigned long *events,
                    news_error *err)
{
    news_reader r;
    news_event ev;
    char line[64];
    int rc;

    *events = 0;
    news_reader_init_stream(&r, line, sizeof line, lim);
    while ((rc = news_reader_next(&r, &ev)) == NEWS_OK || rc == NEWS_MORE) {
        if (rc == NEWS_OK) {
            *events += ev.type == type;
        } else {
            size_t n = gen_next(g);
            if (n == 0)
                news_reader_finish(&r);
            else
                ck_assert_int_eq(news_reader_feed(&r, g->chunk, n), NEWS_OK);
        }
    }
    *err = *news_reader_error(&r);
    return rc;
}

static void gen_init(gen *g, const char *head, const char *unit, unsigned long count)
{
    g->head = head;
    g->unit = unit;
    g->hlen = strlen(head);
    g->ulen = strlen(unit);
    g->count = count;
    g->pos = 0;
}

START_TEST(test_millions)
{
    static const struct {
        const char *head, *unit;
        int type;
        unsigned long limit_line;
    } kinds[] = {
        {"%news 1\ntitle: T\n", "-\ntitle: L\n", NEWS_EV_LINK, 515},
        {"%news 1\ntitle: T\n", "x: y\n", NEWS_EV_FIELD, 1026},
        {"%news 1\ntitle: T\n\n", "Text.\n", NEWS_EV_BLOCK, 4100},
    };
    const unsigned long count = 2000000ul;
    static gen g; /* 4 KB of chunk: not on the stack */
    news_limits none;
    news_error err;
    unsigned long events;
    size_t i;

    none.max_line = 63;
    none.max_fields = none.max_authors = none.max_tags = (size_t)-1;
    none.max_links = none.max_blocks = (size_t)-1;
    for (i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
        /* Default limits: stopped at the line that crossed one. */
        gen_init(&g, kinds[i].head, kinds[i].unit, count);
        ck_assert_int_eq(gen_read(&g, NULL, kinds[i].type, &events, &err), NEWS_ERR_LIMIT);
        ck_assert_uint_eq(err.line, kinds[i].limit_line);
        ck_assert_uint_eq(err.column, 1);
        ck_assert_uint_lt(g.pos, 65536); /* and read no further than needed */
        /* No limits: all two million, in the same fixed memory. */
        gen_init(&g, kinds[i].head, kinds[i].unit, count);
        ck_assert_int_eq(gen_read(&g, &none, kinds[i].type, &events, &err), NEWS_END);
        ck_assert_uint_eq(events, count + (kinds[i].type == NEWS_EV_FIELD)); /* + title */
    }
}
END_TEST

/* The builder over the endless stream of links: the same limit error,
 * in a fixed arena. */
START_TEST(test_millions_builder)
{
    static gen g;
    static char arena[1 << 16];
    news_reader r;
    news_article a;
    news_arena ar;
    char line[64];
    int rc;

    gen_init(&g, "%news 1\ntitle: T\n", "-\ntitle: L\n", 2000000ul);
    news_reader_init_stream(&r, line, sizeof line, NULL);
    news_arena_init(&ar, arena, sizeof arena);
    while ((rc = news_read_article(&r, &a, &ar, NEWS_COPY)) == NEWS_MORE) {
        size_t n = gen_next(&g);
        if (n == 0)
            news_reader_finish(&r);
        else
            ck_assert_int_eq(news_reader_feed(&r, g.chunk, n), NEWS_OK);
    }
    ck_assert_int_eq(rc, NEWS_ERR_LIMIT);
    ck_assert_uint_eq(news_reader_error(&r)->line, 515);
    ck_assert_uint_le(ar.used, sizeof arena);
}
END_TEST

/* ---------------------------------------------------------------------
 * Inputs flush against a guard page
 * ------------------------------------------------------------------ */
#if defined(__unix__)
static char *guard_map;
static size_t guard_page;

/* A copy of data[0..len) ending exactly where an unreadable page starts. */
static const char *guarded(const char *data, size_t len)
{
    char *p;
    ck_assert_uint_le(len, guard_page);
    p = guard_map + guard_page - len;
    if (len > 0)
        memcpy(p, data, len);
    return p;
}

static void guard_setup(void)
{
    long ps = sysconf(_SC_PAGESIZE);
    void *m;

    guard_page = ps > 0 ? (size_t)ps : 4096;
    while (guard_page < 8192)
        guard_page *= 2; /* room for the longest document below */
    m = mmap(NULL, 2 * guard_page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    ck_assert_msg(m != MAP_FAILED, "mmap failed");
    guard_map = (char *)m;
    ck_assert_int_eq(mprotect(guard_map + guard_page, guard_page, PROT_NONE), 0);
}

static void guard_teardown(void)
{
    munmap(guard_map, 2 * guard_page);
    guard_map = NULL;
}

static void count_line(void *user, unsigned long line, int cls, const char *rule, news_str text)
{
    (void)line;
    (void)cls;
    (void)rule;
    (void)text;
    ++*(unsigned long *)user;
}

/* Everything that reads a text, over s[0..len) at the guard. */
static void read_all(const char *s, size_t len)
{
    static char arena[1 << 16];
    static const size_t widths[] = {0, 1, 7, 40};
    news_article a;
    news_arena ar;
    news_str t;
    util_buf out = {NULL, 0, 0};
    size_t i, n;
    unsigned long lines = 0;
    unsigned long cp;
    int rc;

    util_trace(s, len, 0, 0, NULL, &out);
    util_trace(s, len, 7, 0, NULL, &out);
    news_arena_init(&ar, arena, sizeof arena);
    rc = news_parse(s, len, &a, &ar, 0, NULL);
    if (rc == NEWS_OK) {
        news_json j;
        ck_assert_int_eq(news_write(&a, util_sink, &out, NULL), NEWS_OK);
        out.len = 0;
        ck_assert_int_eq(news_json_begin(&j, util_sink, &out, "guard", 0), NEWS_OK);
        ck_assert_int_eq(news_json_article(&j, &a), NEWS_OK);
        ck_assert_int_eq(news_json_end(&j), NEWS_OK);
        ck_assert(util_json_valid(out.p, out.len));
    }
    news_arena_init(&ar, arena, sizeof arena);
    news_parse(s, len, &a, &ar, NEWS_COPY, NULL);
    news_arena_init(&ar, arena, sizeof arena);
    rc = news_import(&import_work, s, len, NULL, &a, &ar, count_line, &lines, NULL);
    if (rc == NEWS_OK)
        ck_assert_int_eq(news_write(&a, util_sink, &out, NULL), NEWS_OK);
    t.ptr = s;
    t.len = len;
    news_text_width(t, NULL, NULL);
    for (i = 0; i < sizeof widths / sizeof widths[0]; i++) {
        news_wrap w;
        news_str line;
        int cut;
        news_wrap_init(&w, t, widths[i], NULL, NULL);
        for (n = 0; news_wrap_next(&w, &line, NULL) == NEWS_OK; n++)
            ck_assert_uint_le(n, len);
        ck_assert_uint_le(news_truncate(t, widths[i], 1, NULL, NULL, &cut), len);
        ck_assert_uint_le(news_truncate(t, widths[i], 3, NULL, NULL, &cut), len);
    }
    for (i = 0; i < len; i++)
        ck_assert_uint_ge(news_utf8_decode(s + i, len - i, &cp), 1);
    util_buf_free(&out);
}

/* Documents whose every prefix is read at the guard: they end in
 * multi-byte sequences, CR LF, a BOM, keys, markup and link fields. */
static const char *const guard_docs[] = {
    "\xEF\xBB\xBF%news 1\r\ntitle: Caf\xC3\xA9 \xE2\x80\x94 \xF0\x9F\x93\xB0\r\n"
    "dek: D\xC3\xA9k\r\npublished: 2024-05-01T07:30:00.5+02:00\r\nlanguage: pt-BR\r\n"
    "image: i.jpg\r\nimage-caption: C\r\ntag: t\r\nauthor: A\r\nauthor-url: u\r\n"
    "author-bio: B\r\nx-desk: metro\r\n\r\nPara \xE4\xB8\xAD\xE6\x96\x87 text.\r\n"
    "# Head\r\n> Quote\r\n\\# escaped\r\n\r\n-\r\ntitle: L\r\nkicker: K\r\nsummary: S\r\n"
    "url: u\r\nx-y: z\r\n\xEF\xBB\xBF%news 1\ntitle: Second\n",
    "Speed Read\nHarbour town votes to keep its ferry\nA short dek under the title\n\n"
    "By Jane Doe and John Roe\nPublished 3 May 2024\n\nResidents voted on Sunday.\n"
    "Photo: Getty Images\nSubscribe to our newsletter\n\nThe mayor spoke.\n\n"
    "Jane Doe is a reporter who covers the coast.\n\nMore stories\n-\n"
    "Opinion: Why ferries matter\nIn Depth\nTide tables change\n\xE2\x80\xA2 bullet\r"
    "end\xCC\x81 \xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9",
};

START_TEST(test_guard_prefixes)
{
    size_t d, k;

    for (d = 0; d < sizeof guard_docs / sizeof guard_docs[0]; d++) {
        size_t len = strlen(guard_docs[d]);
        for (k = 0; k <= len; k++)
            read_all(guarded(guard_docs[d], k), k);
    }
}
END_TEST

START_TEST(test_guard_catalogue)
{
    size_t len;
    char *data = read_case(cases[_i].name, ".news", &len);
    read_all(guarded(data, len), len);
    free(data);
}
END_TEST
#endif

Suite *bad_suite(void)
{
    Suite *s = suite_create("bad");
    TCase *tc;

    load_catalogue();
    tc = tcase_create("catalogue");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_catalogue_list);
    tcase_add_loop_test(tc, test_catalogue_case, 0, n_cases);
    suite_add_tcase(s, tc);

    tc = tcase_create("generated");
    tcase_set_timeout(tc, 600);
    tcase_add_test(tc, test_line_limit);
    tcase_add_test(tc, test_every_byte);
    tcase_add_test(tc, test_utf8_kinds);
    tcase_add_test(tc, test_every_duplicate);
    tcase_add_test(tc, test_count_limits);
    tcase_add_test(tc, test_millions);
    tcase_add_test(tc, test_millions_builder);
    suite_add_tcase(s, tc);

#if defined(__unix__)
    tc = tcase_create("guard");
    tcase_set_timeout(tc, 600);
    tcase_add_checked_fixture(tc, guard_setup, guard_teardown);
    tcase_add_test(tc, test_guard_prefixes);
    tcase_add_loop_test(tc, test_guard_catalogue, 0, n_cases);
    suite_add_tcase(s, tc);
#endif
    return s;
}
