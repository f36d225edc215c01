/* fuzz_import.c - news_import over arbitrary text and options.
 *
 * Input: 6 parameter bytes, then phrases, then the text.
 *   [0..1] news_import_options.flags, big-endian
 *   [2]    bit 0: no options (NULL); bit 1: extra boilerplate phrases;
 *          bit 2: a kicker dictionary of the phrases; bit 3: an empty
 *          kicker dictionary; bit 4: no explain callback; bits 5-6
 *          arena size: d, need - d, need + d, 0
 *   [3..4] d, big-endian
 *   [5]    length of the phrase block that follows: phrases separated
 *          by '|' (each becomes a C string, so a NUL ends it early)
 *
 * Checks: measuring gives the exact size (an arena of it succeeds and
 * one byte less fails with NEWS_ERR_NOMEM and used set to the size);
 * the call is a pure function (same result, same explanations, equal
 * articles every time); explain is called once per input line, in
 * order, numbered from 1, with the line's bytes (LF, CR LF and a lone
 * CR end lines; a BOM at the start is not part of line 1), a class and
 * a rule name, and not at all on an input error; every value of the
 * article is a view into the text (but for the extension keys
 * "dateline" and "image-credit"); the article passes news_write()
 * and what it writes reads back, with the default limits, to an equal
 * article; errors are those news.h lists, with a position whose
 * offset is the line's start plus column - 1. */
#include "fuzz_util.h"

#include <stdlib.h>
#include <string.h>

/* news_import()'s working memory */
static news_import_work import_work;

typedef struct call {
    unsigned long line;
    int cls;
    const char *rule;
    news_str text;
} call;

typedef struct trace {
    call *calls;
    size_t n, cap;
} trace;

static void explain(void *user, unsigned long line, int cls, const char *rule, news_str text)
{
    trace *t = (trace *)user;
    if (t->n == t->cap) {
        t->cap = t->cap ? t->cap * 2 : 64;
        t->calls = (call *)realloc(t->calls, t->cap * sizeof *t->calls);
        FZ_CHECK(t->calls != NULL);
    }
    t->calls[t->n].line = line;
    t->calls[t->n].cls = cls;
    t->calls[t->n].rule = rule;
    t->calls[t->n].text = text;
    t->n++;
}

static int same_trace(const trace *a, const trace *b)
{
    size_t i;
    if (a->n != b->n)
        return 0;
    for (i = 0; i < a->n; i++)
        if (a->calls[i].line != b->calls[i].line || a->calls[i].cls != b->calls[i].cls ||
            strcmp(a->calls[i].rule, b->calls[i].rule) != 0 ||
            a->calls[i].text.ptr != b->calls[i].text.ptr ||
            a->calls[i].text.len != b->calls[i].text.len)
            return 0;
    return 1;
}

/* The lines of the text by the importer's rule, checked against the
 * explanations: returns the number of lines. */
static unsigned long check_lines(const char *text, size_t len, const trace *t)
{
    size_t p = len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    unsigned long n = 0;

    while (p < len) {
        size_t q = p;
        while (q < len && text[q] != '\n' && text[q] != '\r')
            q++;
        if (t != NULL) {
            const call *c = &t->calls[n];
            FZ_CHECK(n < t->n);
            FZ_CHECK(c->line == n + 1);
            FZ_CHECK(c->text.ptr == text + p && c->text.len == q - p);
            FZ_CHECK(c->cls >= 0 && c->cls < NEWS_LINE_CLASS_COUNT);
            FZ_CHECK(news_line_class_name(c->cls) != NULL);
            FZ_CHECK(c->rule != NULL && c->rule[0] != '\0');
        }
        n++;
        if (q < len && text[q] == '\r' && q + 1 < len && text[q + 1] == '\n')
            q++;
        p = q < len ? q + 1 : q;
    }
    if (t != NULL)
        FZ_CHECK(t->n == n);
    return n;
}

/* Start offset of line `line`: by LF only (the .news reader) or by the
 * importer's rule. (size_t)-1 if there is no such line. */
static size_t line_start(const char *text, size_t len, unsigned long line, int lf_only)
{
    size_t p = 0;
    unsigned long n = 1;

    while (n < line) {
        while (p < len && text[p] != '\n' && (lf_only || text[p] != '\r'))
            p++;
        if (p == len)
            return (size_t)-1;
        if (!lf_only && text[p] == '\r' && p + 1 < len && text[p + 1] == '\n')
            p++;
        p++;
        n++;
    }
    return p;
}

/* .news input goes through the reader: its first non-blank line (by
 * the importer's line rule) starts with "%news". */
static int passthrough(const char *text, size_t len, unsigned flags)
{
    size_t p = len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;

    if (flags & NEWS_IMPORT_NO_PASSTHROUGH)
        return 0;
    while (p < len) {
        size_t q = p, i;
        while (q < len && text[q] != '\n' && text[q] != '\r')
            q++;
        for (i = p; i < q && (text[i] == ' ' || text[i] == '\t'); i++)
            ;
        if (i < q)
            return q - p >= 5 && memcmp(text + p, "%news", 5) == 0;
        p = q + 1;
    }
    return 0;
}

typedef struct span {
    const char *lo, *hi;
} span;

static void in_text(void *user, news_str s)
{
    const span *sp = (const span *)user;
    FZ_CHECK(s.ptr != NULL && s.ptr >= sp->lo && s.ptr <= sp->hi &&
             s.len <= (size_t)(sp->hi - s.ptr));
}

/* Every value is a view into the text; so is every extension key but
 * the two names news.h gives (constant strings). */
static void check_views(const news_article *a, const span *sp)
{
    news_article v = *a;
    const news_field *f;

    for (f = a->ext; f != NULL; f = f->next) {
        uintptr_t k = (uintptr_t)f->key.ptr;
        if (k < (uintptr_t)sp->lo || k > (uintptr_t)sp->hi)
            FZ_CHECK((f->key.len == 8 && memcmp(f->key.ptr, "dateline", 8) == 0) ||
                     (f->key.len == 12 && memcmp(f->key.ptr, "image-credit", 12) == 0));
        else
            in_text((void *)(uintptr_t)sp, f->key);
        in_text((void *)(uintptr_t)sp, f->value);
    }
    v.ext = NULL;
    v.n_ext = 0;
    fz_each_str(&v, in_text, (void *)(uintptr_t)sp);
}

static void write_back(const news_article *a)
{
    fz_buf out = {0};
    news_error err;

    FZ_CHECK(news_write(a, fz_sink, &out, &err) == NEWS_OK);
    fz_check_reads_back(a, out.p, out.len, NULL); /* with the default limits */
    fz_buf_free(&out);
}

static int import_error(int rc, int pass)
{
    switch (rc) {
    case NEWS_ERR_UTF8: case NEWS_ERR_NUL: case NEWS_ERR_CTRL: case NEWS_ERR_BOM:
    case NEWS_ERR_LINE_TOO_LONG: case NEWS_ERR_EMPTY: case NEWS_ERR_NO_TITLE:
    case NEWS_ERR_LIMIT:
        return 1;
    default: /* the reader's errors, for .news input */
        return pass && rc < 0 && rc != NEWS_ERR_NOMEM && rc != NEWS_ERR_ARG &&
               rc != NEWS_ERR_IO && rc != NEWS_ERR_KEY && rc != NEWS_ERR_NEWLINE &&
               rc != NEWS_ERR_STATE;
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fz_in in = {data, size};
    unsigned flags = fz_u16(&in), h2 = fz_byte(&in), d = fz_u16(&in), plen = fz_byte(&in);
    news_import_options opt;
    const news_import_options *o = (h2 & 1) ? NULL : &opt;
    news_import_explain ex = (h2 & 16) ? NULL : explain;
    char *phrases, **list = NULL, *text, *block;
    const char *empty[1] = {NULL};
    size_t nlist = 0, i, need, cap, len;
    trace t1 = {NULL, 0, 0}, t2 = {NULL, 0, 0}, t3 = {NULL, 0, 0};
    news_article a, b;
    news_arena ar;
    news_error e1, e2;
    int rc, rc2, pass;
    span sp;

    /* The phrase block, split at '|' into C strings. */
    if (plen > in.n)
        plen = (unsigned)in.n;
    phrases = fz_copy(in.p, plen, 1);
    in.p += plen;
    in.n -= plen;
    list = (char **)calloc((size_t)plen + 2, sizeof *list);
    FZ_CHECK(list != NULL);
    if (plen > 0) {
        list[nlist++] = phrases;
        for (i = 0; i < plen; i++)
            if (phrases[i] == '|') {
                phrases[i] = '\0';
                list[nlist++] = phrases + i + 1;
            }
    }
    list[nlist] = NULL;
    memset(&opt, 0, sizeof opt);
    opt.flags = flags;
    if (h2 & 2)
        opt.boilerplate = (const char *const *)list;
    if (h2 & 4)
        opt.kickers = (const char *const *)list;
    if (h2 & 8)
        opt.kickers = empty;

    len = in.n;
    text = fz_copy(in.p, len, 0);
    pass = passthrough(text, len, o != NULL ? flags : 0);
    sp.lo = text;
    sp.hi = text + len;

    /* Measure. */
    news_arena_init(&ar, NULL, 0);
    rc = news_import(&import_work, text, len, o, &a, &ar, ex, &t1, &e1);
    FZ_CHECK(e1.code == rc);
    if (rc != NEWS_OK) {
        size_t start;
        FZ_CHECK(import_error(rc, pass));
        if (!pass && rc == NEWS_ERR_LIMIT) {
            /* news.h: lines are explained up to the one that crossed
             * the limit, in order and each once. */
            FZ_CHECK(t1.n <= e1.line);
            for (i = 0; i < t1.n; i++)
                FZ_CHECK(t1.calls[i].line == i + 1);
        } else if (!pass)
            FZ_CHECK(t1.n == 0); /* not explained on other input errors */
        FZ_CHECK(e1.line >= 1 && e1.column >= 1);
        start = line_start(text, len, e1.line, pass);
        FZ_CHECK(rc == NEWS_ERR_EMPTY ? e1.offset == 0 && e1.line == 1 && e1.column == 1
                                      : start != (size_t)-1 &&
                                            e1.offset == start + e1.column - 1);
        /* The same error again, explanations and all. */
        news_arena_init(&ar, NULL, 0);
        FZ_CHECK(news_import(&import_work, text, len, o, &b, &ar, ex, &t2, &e2) == rc);
        FZ_CHECK(e2.line == e1.line && e2.column == e1.column && e2.offset == e1.offset);
        FZ_CHECK(same_trace(&t1, &t2));
        goto done;
    }
    FZ_CHECK(e1.line == 0 && e1.column == 0 && e1.offset == 0);
    if (ex != NULL)
        check_lines(text, len, &t1);
    FZ_CHECK(a.tags == NULL && a.authors == NULL && a.body == NULL && a.related == NULL &&
             a.ext == NULL);
    need = ar.used;

    /* The chosen arena, and then one of the exact size. */
    switch ((h2 >> 5) & 3) {
    case 0: cap = d; break;
    case 1: cap = need > d ? need - d : 0; break;
    case 2: cap = need + d; break;
    default: cap = 0; break;
    }
    block = fz_copy("", 0, cap);
    news_arena_init(&ar, block, cap);
    rc2 = news_import(&import_work, text, len, o, &b, &ar, ex, &t2, &e2);
    FZ_CHECK(ar.used == need && rc2 == (cap >= need ? NEWS_OK : NEWS_ERR_NOMEM));
    FZ_CHECK(e2.code == rc2);
    FZ_CHECK(same_trace(&t1, &t2));
    free(block);

    block = fz_copy("", 0, need);
    news_arena_init(&ar, block, need);
    FZ_CHECK(news_import(&import_work, text, len, o, &b, &ar, ex, &t3, &e2) == NEWS_OK && ar.used == need);
    FZ_CHECK(same_trace(&t1, &t3));
    FZ_CHECK(fz_counts_ok(&b));
    check_views(&b, &sp);
    /* Measuring set the single-valued fields and counts alike. */
    a.tags = b.tags;
    a.authors = b.authors;
    a.body = b.body;
    a.related = b.related;
    a.ext = b.ext;
    FZ_CHECK(fz_article_equal(&a, &b));
    write_back(&b);
    free(block);
done:
    free(t1.calls);
    free(t2.calls);
    free(t3.calls);
    free(text);
    free(list);
    free(phrases);
    return 0;
}
