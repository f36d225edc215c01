/* test_vectors.c - the conformance vectors of tests/vectors (see its
 * README.md): every valid document is accepted the same way at every
 * chunk size, exports exactly NAME.json, and survives parse -> write ->
 * parse; every invalid document fails with exactly the code, line and
 * column of NAME.err, at every chunk size, with a byte offset that
 * points at that line and column. The list of vectors is
 * tests/vectors/MANIFEST, which must agree with the directories. */
#if defined(__unix__) && !defined(_POSIX_C_SOURCE)
#define _POSIX_C_SOURCE 200809L /* opendir, readdir */
#endif
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#if defined(__unix__)
#include <dirent.h>
#endif

#define VECTOR_DIR "tests/vectors"
#define MANIFEST VECTOR_DIR "/MANIFEST"

/* ---------------------------------------------------------------------
 * The manifest, read once when the suite is built (static storage: no
 * heap that would outlive the tests).
 * ------------------------------------------------------------------ */
#define MAX_VECTORS 512
#define MAX_NAME 64

static char valid_names[MAX_VECTORS][MAX_NAME];
static char invalid_names[MAX_VECTORS][MAX_NAME];
static int n_valid, n_invalid;
static char manifest_problem[256]; /* "" when the manifest loaded cleanly */

static int name_ok(const char *s)
{
    size_t i, n = strlen(s);
    if (n == 0 || n >= MAX_NAME)
        return 0;
    for (i = 0; i < n; i++)
        if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '_' ||
              s[i] == '-'))
            return 0;
    return 1;
}

static int listed(char names[][MAX_NAME], int n, const char *name)
{
    int i;
    for (i = 0; i < n; i++)
        if (strcmp(names[i], name) == 0)
            return 1;
    return 0;
}

static void load_manifest(void)
{
    FILE *f = fopen(MANIFEST, "r");
    char line[256];
    unsigned long ln = 0;

    n_valid = n_invalid = 0;
    manifest_problem[0] = '\0';
    if (f == NULL) {
        snprintf(manifest_problem, sizeof manifest_problem, "cannot open %s", MANIFEST);
        return;
    }
    while (fgets(line, sizeof line, f) != NULL) {
        size_t n = strlen(line);
        const char *name;
        char(*names)[MAX_NAME];
        int *count;

        ln++;
        if (n == 0 || line[n - 1] != '\n') {
            snprintf(manifest_problem, sizeof manifest_problem,
                     "MANIFEST line %lu: too long or not ended by a line feed", ln);
            break;
        }
        line[--n] = '\0';
        if (n == 0 || line[0] == '#')
            continue;
        if (strncmp(line, "valid/", 6) == 0) {
            name = line + 6;
            names = valid_names;
            count = &n_valid;
        } else if (strncmp(line, "invalid/", 8) == 0) {
            name = line + 8;
            names = invalid_names;
            count = &n_invalid;
        } else {
            snprintf(manifest_problem, sizeof manifest_problem,
                     "MANIFEST line %lu: expected valid/NAME or invalid/NAME", ln);
            break;
        }
        if (!name_ok(name)) {
            snprintf(manifest_problem, sizeof manifest_problem,
                     "MANIFEST line %lu: bad vector name", ln);
            break;
        }
        if (listed(valid_names, n_valid, name) || listed(invalid_names, n_invalid, name)) {
            snprintf(manifest_problem, sizeof manifest_problem,
                     "MANIFEST line %lu: %.63s listed twice", ln, name);
            break;
        }
        if (*count == MAX_VECTORS) {
            snprintf(manifest_problem, sizeof manifest_problem,
                     "MANIFEST line %lu: more than %d vectors of a kind", ln, MAX_VECTORS);
            break;
        }
        memcpy(names[*count], name, strlen(name) + 1);
        ++*count;
    }
    if (ferror(f) && manifest_problem[0] == '\0')
        snprintf(manifest_problem, sizeof manifest_problem, "cannot read %s", MANIFEST);
    fclose(f);
    if (manifest_problem[0] != '\0')
        n_valid = n_invalid = 0; /* run nothing from a list that is not trusted */
}

static void vector_path(char *out, size_t cap, const char *kind, const char *name,
                        const char *ext)
{
    int n = snprintf(out, cap, "%s/%s/%s%s", VECTOR_DIR, kind, name, ext);
    ck_assert(n > 0 && (size_t)n < cap);
}

static int file_exists(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return 0;
    fclose(f);
    return 1;
}

START_TEST(test_manifest)
{
    char path[256];
    int i;

    ck_assert_msg(manifest_problem[0] == '\0', "%s", manifest_problem);
    ck_assert_msg(n_valid > 0 && n_invalid > 0, "MANIFEST lists no valid or no invalid vector");
    for (i = 0; i < n_valid; i++) {
        vector_path(path, sizeof path, "valid", valid_names[i], ".news");
        ck_assert_msg(file_exists(path), "MANIFEST lists valid/%s but %s is missing",
                      valid_names[i], path);
        vector_path(path, sizeof path, "valid", valid_names[i], ".json");
        ck_assert_msg(file_exists(path), "MANIFEST lists valid/%s but %s is missing",
                      valid_names[i], path);
    }
    for (i = 0; i < n_invalid; i++) {
        vector_path(path, sizeof path, "invalid", invalid_names[i], ".news");
        ck_assert_msg(file_exists(path), "MANIFEST lists invalid/%s but %s is missing",
                      invalid_names[i], path);
        vector_path(path, sizeof path, "invalid", invalid_names[i], ".err");
        ck_assert_msg(file_exists(path), "MANIFEST lists invalid/%s but %s is missing",
                      invalid_names[i], path);
    }
}
END_TEST

#if defined(__unix__)
/* Every file in VECTOR_DIR/kind must be NAME.ext1 or NAME.ext2 with NAME
 * listed for that kind. */
static void check_dir(const char *kind, char names[][MAX_NAME], int n, const char *ext1,
                      const char *ext2)
{
    char path[256], base[MAX_NAME + 8];
    DIR *d;
    struct dirent *e;
    int files = 0;

    snprintf(path, sizeof path, "%s/%s", VECTOR_DIR, kind);
    d = opendir(path);
    ck_assert_msg(d != NULL, "cannot open directory %s", path);
    while ((e = readdir(d)) != NULL) {
        const char *dot = strrchr(e->d_name, '.');
        size_t blen;
        int ok;

        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        files++;
        ok = dot != NULL && (strcmp(dot, ext1) == 0 || strcmp(dot, ext2) == 0);
        blen = ok ? (size_t)(dot - e->d_name) : 0;
        ok = ok && blen < sizeof base;
        if (ok) {
            memcpy(base, e->d_name, blen);
            base[blen] = '\0';
            ok = listed(names, n, base);
        }
        if (!ok) {
            char bad[256];
            snprintf(bad, sizeof bad, "%s", e->d_name);
            closedir(d);
            ck_abort_msg("%s/%s is not a vector listed in MANIFEST as %s/NAME (%s or %s)",
                         path, bad, kind, ext1, ext2);
        }
    }
    closedir(d);
    /* With every file accounted for, two files per listed name means
     * nothing listed is missing either. */
    ck_assert_msg(files == 2 * n, "%s holds %d files for %d listed vectors", path, files, n);
}
#endif

START_TEST(test_manifest_matches_directories)
{
#if defined(__unix__)
    ck_assert_msg(manifest_problem[0] == '\0', "%s", manifest_problem);
    check_dir("valid", valid_names, n_valid, ".news", ".json");
    check_dir("invalid", invalid_names, n_invalid, ".news", ".err");
#endif
}
END_TEST

/* ---------------------------------------------------------------------
 * Parsing every article of a buffer, each into an arena of exactly the
 * size measured for it.
 * ------------------------------------------------------------------ */
typedef struct parsed {
    news_article a[64];
    char *arena[64];
    size_t n;
} parsed;

static void parsed_free(parsed *p)
{
    size_t i;
    for (i = 0; i < p->n; i++)
        free(p->arena[i]);
    p->n = 0;
}

/* Read all of data[0..len) in buffer mode with the given flags. Returns
 * NEWS_END, or the reader's error (then *err is set). */
static int parse_all(const char *name, const char *data, size_t len, unsigned flags, parsed *p,
                     news_error *err)
{
    news_reader r, saved;
    news_arena ar;
    int rc;

    p->n = 0;
    news_reader_init(&r, data, len, NULL);
    for (;;) {
        size_t need;
        saved = r;
        news_arena_init(&ar, NULL, 0);
        rc = news_read_article(&r, &p->a[p->n], &ar, flags);
        if (rc != NEWS_OK)
            break;
        need = ar.used;
        ck_assert_msg(p->n < sizeof p->a / sizeof p->a[0], "%s: too many articles", name);
        r = saved;
        p->arena[p->n] = malloc(need > 0 ? need : 1);
        ck_assert_ptr_nonnull(p->arena[p->n]);
        news_arena_init(&ar, p->arena[p->n], need);
        rc = news_read_article(&r, &p->a[p->n], &ar, flags);
        p->n++;
        ck_assert_msg(rc == NEWS_OK, "%s: article %u: %s with an arena of the measured size",
                      name, (unsigned)p->n, util_code_name(rc));
        ck_assert_msg(ar.used == need, "%s: article %u: measured %lu bytes, used %lu", name,
                      (unsigned)p->n, (unsigned long)need, (unsigned long)ar.used);
    }
    if (err != NULL)
        *err = *news_reader_error(&r);
    return rc;
}

static void check_nul(const char *name, news_str s)
{
    if (s.ptr != NULL)
        ck_assert_msg(s.ptr[s.len] == '\0', "%s: string \"%.*s\" is not NUL-terminated", name,
                      (int)s.len, s.ptr);
}

/* NEWS_COPY and NEWS_INPLACE promise NUL-terminated strings. */
static void check_all_nul(const char *name, const news_article *a)
{
    const news_tag *t;
    const news_author *au;
    const news_block *b;
    const news_link *l;
    const news_field *f;
    const news_str *single[] = {&a->title, &a->dek,       &a->kicker,   &a->summary,
                                &a->source, &a->url,      &a->id,       &a->language,
                                &a->published, &a->modified, &a->image, &a->image_caption};
    size_t i;

    for (i = 0; i < sizeof single / sizeof single[0]; i++)
        check_nul(name, *single[i]);
    for (t = a->tags; t != NULL; t = t->next)
        check_nul(name, t->text);
    for (au = a->authors; au != NULL; au = au->next) {
        check_nul(name, au->name);
        check_nul(name, au->url);
        check_nul(name, au->bio);
    }
    for (b = a->body; b != NULL; b = b->next)
        check_nul(name, b->text);
    for (f = a->ext; f != NULL; f = f->next) {
        check_nul(name, f->key);
        check_nul(name, f->value);
    }
    for (l = a->related; l != NULL; l = l->next) {
        check_nul(name, l->title);
        check_nul(name, l->kicker);
        check_nul(name, l->summary);
        check_nul(name, l->url);
        for (f = l->ext; f != NULL; f = f->next) {
            check_nul(name, f->key);
            check_nul(name, f->value);
        }
    }
}

/* Up to 32 bytes of s[0..n) as C-escaped text into out[0..160). */
static const char *snippet(char *out, const char *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    size_t i, o = 0;

    for (i = 0; i < n && i < 32; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '\n' || c == '\t' || c == '\r' || c == '"' || c == '\\') {
            out[o++] = '\\';
            out[o++] = c == '\n' ? 'n' : c == '\t' ? 't' : c == '\r' ? 'r' : (char)c;
        } else if (c < 0x20 || c >= 0x7f) {
            out[o++] = '\\';
            out[o++] = 'x';
            out[o++] = hex[c >> 4];
            out[o++] = hex[c & 15];
        } else {
            out[o++] = (char)c;
        }
    }
    if (i < n) {
        memcpy(out + o, "...", 3);
        o += 3;
    }
    out[o] = '\0';
    return out;
}

/* Fail with the first difference between two byte strings. */
static void check_same(const char *name, const char *what, const char *got, size_t glen,
                       const char *want, size_t wlen)
{
    char a[160], b[160];
    size_t i, line = 1, n = glen < wlen ? glen : wlen;

    for (i = 0; i < n && got[i] == want[i]; i++)
        if (got[i] == '\n')
            line++;
    if (i == n && glen == wlen)
        return;
    ck_abort_msg("%s: %s differs at byte %lu (line %lu): got \"%s\", expected \"%s\"", name,
                 what, (unsigned long)i, (unsigned long)line, snippet(a, got + i, glen - i),
                 snippet(b, want + i, wlen - i));
}

static void export_json(const char *name, const parsed *p, util_buf *out)
{
    news_json j;
    size_t i;

    ck_assert_int_eq(news_json_begin(&j, util_sink, out, name, NEWS_JSON_PRETTY), NEWS_OK);
    for (i = 0; i < p->n; i++)
        ck_assert_int_eq(news_json_article(&j, &p->a[i]), NEWS_OK);
    ck_assert_int_eq(news_json_end(&j), NEWS_OK);
}

/* How a util_chunks entry feeds the reader, for messages. */
static const char *mode_name(size_t chunk)
{
    static char buf[48];
    if (chunk == 0)
        return "one buffer";
    snprintf(buf, sizeof buf, "chunks of %lu", (unsigned long)chunk);
    return buf;
}

/* The last line of a trace ("END" or "ERROR ..."), for messages. */
static const char *last_line(const util_buf *t)
{
    const char *s = t->p + t->len;
    if (t->len == 0)
        return "";
    s--; /* the final '\n' */
    while (s > t->p && s[-1] != '\n')
        s--;
    return s;
}

/* ---------------------------------------------------------------------
 * Valid vectors
 * ------------------------------------------------------------------ */
START_TEST(test_valid)
{
    static const unsigned modes[] = {0, NEWS_COPY, NEWS_INPLACE};
    const char *name = valid_names[_i];
    char path[256];
    char *data, *json, *copy;
    size_t len, jlen, k, i;
    util_buf whole = {NULL, 0, 0}, t = {NULL, 0, 0}, js = {NULL, 0, 0};
    util_buf w1 = {NULL, 0, 0}, w2 = {NULL, 0, 0}, w = {NULL, 0, 0};
    parsed p, q;
    news_error err;
    int rc;

    vector_path(path, sizeof path, "valid", name, ".news");
    data = util_read_file(path, &len);
    vector_path(path, sizeof path, "valid", name, ".json");
    json = util_read_file(path, &jlen);

    /* 1. Accepted, with the same events at every chunk size. */
    rc = util_trace(data, len, 0, 0, NULL, &whole);
    ck_assert_msg(rc == NEWS_END, "%s: rejected: %s", name, last_line(&whole));
    for (k = 0; k < util_nchunks; k++) {
        if (util_chunks[k] == 0)
            continue;
        t.len = 0;
        rc = util_trace(data, len, util_chunks[k], 0, NULL, &t);
        ck_assert_msg(rc == NEWS_END, "%s: rejected (%s): %s", name,
                      mode_name(util_chunks[k]), last_line(&t));
        check_same(name, "trace in chunks", t.p, t.len, whole.p, whole.len);
    }

    /* 2. The JSON export is NAME.json, whatever the builder's mode. */
    copy = malloc(len + 1);
    ck_assert_ptr_nonnull(copy);
    for (k = 0; k < sizeof modes / sizeof modes[0]; k++) {
        memcpy(copy, data, len + 1); /* NEWS_INPLACE writes into its input */
        rc = parse_all(name, copy, len, modes[k], &p, &err);
        ck_assert_msg(rc == NEWS_END, "%s: news_read_article: %s at %lu:%lu", name,
                      util_code_name(rc), err.line, err.column);
        ck_assert_uint_gt(p.n, 0);
        if (modes[k] != 0)
            for (i = 0; i < p.n; i++)
                check_all_nul(name, &p.a[i]);
        js.len = 0;
        export_json(name, &p, &js);
        check_same(name, modes[k] == 0 ? "JSON" : modes[k] == NEWS_COPY ? "JSON (NEWS_COPY)"
                                                                     : "JSON (NEWS_INPLACE)",
                   js.p, js.len, json, jlen);
        ck_assert_msg(util_json_valid(js.p, js.len), "%s: the JSON export is not valid JSON",
                      name);
        parsed_free(&p);
    }
    free(copy);

    /* 3. parse -> write -> parse gives the same articles, and writing
     *    what was written changes nothing. */
    rc = parse_all(name, data, len, 0, &p, &err);
    ck_assert_int_eq(rc, NEWS_END);
    for (i = 0; i < p.n; i++) {
        w.len = 0;
        rc = news_write(&p.a[i], util_sink, &w, &err);
        ck_assert_msg(rc == NEWS_OK, "%s: article %lu: news_write: %s at %lu:%lu", name,
                      (unsigned long)i + 1, util_code_name(rc), err.line, err.column);
        util_buf_add(&w1, w.p, w.len);
        rc = parse_all(name, w.p, w.len, 0, &q, &err);
        ck_assert_msg(rc == NEWS_END && q.n == 1,
                      "%s: article %lu: its canonical form does not read back: %s at %lu:%lu",
                      name, (unsigned long)i + 1, util_code_name(rc), err.line, err.column);
        ck_assert_msg(util_article_equal(&p.a[i], &q.a[0]),
                      "%s: article %lu changed in parse -> write -> parse", name,
                      (unsigned long)i + 1);
        w2.len = 0;
        ck_assert_int_eq(news_write(&q.a[0], util_sink, &w2, NULL), NEWS_OK);
        check_same(name, "second writing", w2.p, w2.len, w.p, w.len);
        parsed_free(&q);
    }
    parsed_free(&p);

    /* The whole store, through the builder in every mode and chunking. */
    for (k = 0; k < util_nchunks; k++) {
        w.len = 0;
        rc = util_rewrite(data, len, util_chunks[k], 0, &w);
        ck_assert_int_eq(rc, NEWS_END);
        check_same(name, "canonical form (chunked)", w.p, w.len, w1.p, w1.len);
    }
    w.len = 0;
    ck_assert_int_eq(util_rewrite(w1.p, w1.len, 0, 0, &w), NEWS_END);
    check_same(name, "canonical form written twice", w.p, w.len, w1.p, w1.len);
    if (strncmp(name, "canonical", 9) == 0)
        check_same(name, "canonical form of a canonical vector", w1.p, w1.len, data, len);

    util_buf_free(&whole);
    util_buf_free(&t);
    util_buf_free(&js);
    util_buf_free(&w);
    util_buf_free(&w1);
    util_buf_free(&w2);
    free(json);
    free(data);
}
END_TEST

/* ---------------------------------------------------------------------
 * Invalid vectors
 * ------------------------------------------------------------------ */

/* Offset of the first byte of line `line` (from 1), counting LFs; len + 1
 * if the input has fewer lines. */
static size_t line_start(const char *data, size_t len, unsigned long line)
{
    size_t i;
    unsigned long at = 1;

    if (line == 1)
        return 0;
    for (i = 0; i < len; i++)
        if (data[i] == '\n' && ++at == line)
            return i + 1;
    return len + 1;
}

/* What the byte at the error's offset must look like, for each code. */
static void check_error_byte(const char *name, const char *data, size_t len, int code,
                             unsigned long col, size_t ls, size_t off)
{
    static const char bom[] = "\xEF\xBB\xBF";
    const unsigned char *u = (const unsigned char *)data;
    size_t le = ls, ts = ls; /* end of the line (without CR LF), start of its text */

    while (le < len && data[le] != '\n')
        le++;
    if (le > ls && le < len && data[le - 1] == '\r')
        le--;
    if (le - ls >= 3 && memcmp(data + ls, bom, 3) == 0)
        ts = ls + 3;
    switch (code) {
    case NEWS_ERR_UTF8:
        ck_assert_msg(off < len && u[off] >= 0x80, "%s: UTF-8 error not at a byte >= 0x80",
                      name);
        break;
    case NEWS_ERR_NUL:
        ck_assert_msg(off < len && u[off] == 0, "%s: NUL error not at a NUL", name);
        break;
    case NEWS_ERR_CTRL:
        ck_assert_msg(off < len && u[off] < 0x20 && u[off] != 0 && u[off] != '\t' &&
                          u[off] != '\n' && u[off] != '\r',
                      "%s: control error not at a control character", name);
        break;
    case NEWS_ERR_CR:
        ck_assert_msg(off < len && u[off] == '\r' && (off + 1 == len || u[off + 1] != '\n'),
                      "%s: CR error not at a lone CR", name);
        break;
    case NEWS_ERR_BOM:
        ck_assert_msg(off + 3 <= len && memcmp(data + off, bom, 3) == 0,
                      "%s: BOM error not at a BOM", name);
        break;
    case NEWS_ERR_EMPTY:
        ck_assert_msg(off == 0, "%s: NEWS_ERR_EMPTY not at offset 0", name);
        break;
    case NEWS_ERR_VERSION:
        ck_assert_msg(le - ts >= 5 && memcmp(data + ts, "%news", 5) == 0 &&
                          (col - (ts - ls) == 6 || col - (ts - ls) == 7),
                      "%s: version error not at column 6 or 7 of a %%news line", name);
        break;
    case NEWS_ERR_DIRECTIVE:
        ck_assert_msg(col == 1 && ts < le && data[ts] == '%',
                      "%s: directive error not at column 1 of a %% line", name);
        break;
    case NEWS_ERR_NO_TITLE:
        ck_assert_msg(col == 1 && ((le - ts == 7 && memcmp(data + ts, "%news 1", 7) == 0) ||
                                   (le - ts == 1 && data[ts] == '-')),
                      "%s: NEWS_ERR_NO_TITLE not at a %%news 1 or - line", name);
        break;
    case NEWS_ERR_NO_HEADER:
    case NEWS_ERR_DUPLICATE:
    case NEWS_ERR_NO_AUTHOR:
    case NEWS_ERR_NO_IMAGE:
    case NEWS_ERR_LIMIT:
        ck_assert_msg(col == 1, "%s: error expected at column 1", name);
        break;
    case NEWS_ERR_EMPTY_VALUE:
    case NEWS_ERR_DATE:
    case NEWS_ERR_LANGUAGE:
        /* The column of the value: after the colon and its optional space. */
        ck_assert_msg(off > ls && off <= le &&
                          (data[off - 1] == ':' ||
                           (data[off - 1] == ' ' && off - 1 > ls && data[off - 2] == ':')),
                      "%s: value error not at the start of a value", name);
        ck_assert_msg(code != NEWS_ERR_EMPTY_VALUE || off == le,
                      "%s: NEWS_ERR_EMPTY_VALUE but the value is not empty", name);
        break;
    default:
        ck_assert_msg(off <= le, "%s: error beyond the end of its line", name);
        break;
    }
}

START_TEST(test_invalid)
{
    const char *name = invalid_names[_i];
    char path[256], code_name[64], extra;
    char *data, *err_text;
    size_t len, elen, k, ls, off;
    unsigned long line, col;
    util_buf t = {NULL, 0, 0};
    parsed p;
    news_error err;
    int code, rc;

    vector_path(path, sizeof path, "invalid", name, ".news");
    data = util_read_file(path, &len);
    vector_path(path, sizeof path, "invalid", name, ".err");
    err_text = util_read_file(path, &elen);

    /* NAME.err: exactly one line "CODE-NAME LINE COLUMN". */
    ck_assert_msg(elen > 0 && err_text[elen - 1] == '\n' &&
                      memchr(err_text, '\n', elen) == err_text + elen - 1,
                  "%s.err must hold exactly one line", name);
    ck_assert_msg(sscanf(err_text, "%63s %lu %lu %c", code_name, &line, &col, &extra) == 3,
                  "%s.err: expected \"CODE-NAME LINE COLUMN\", got \"%s\"", name, err_text);
    code = util_code_value(code_name);
    ck_assert_msg(code < 0, "%s.err: %s is not an error code", name, code_name);
    ck_assert_msg(line >= 1 && col >= 1, "%s.err: lines and columns count from 1", name);

    /* The offset the error must carry: line `line` found by counting
     * LFs, then column - 1 bytes into it. */
    ls = line_start(data, len, line);
    ck_assert_msg(ls <= len, "%s.err: the file has no line %lu", name, line);
    off = ls + col - 1;
    ck_assert_msg(off <= len, "%s.err: column %lu is past the end of the file", name, col);
    check_error_byte(name, data, len, code, col, ls, off);

    for (k = 0; k < util_nchunks; k++) {
        char got_name[64];
        unsigned long got_line, got_col, got_off;
        const char *last;

        t.len = 0;
        rc = util_trace(data, len, util_chunks[k], 0, NULL, &t);
        last = last_line(&t);
        ck_assert_msg(sscanf(last, "ERROR %63s %lu %lu %lu", got_name, &got_line, &got_col,
                             &got_off) == 4,
                      "%s (%s): expected %s %lu %lu, got %s", name, mode_name(util_chunks[k]),
                      code_name, line, col, last);
        ck_assert_msg(rc == code && strcmp(got_name, code_name) == 0 && got_line == line &&
                          got_col == col,
                      "%s (%s): expected %s %lu %lu, got %s %lu %lu", name,
                      mode_name(util_chunks[k]), code_name, line, col, got_name, got_line,
                      got_col);
        ck_assert_msg(got_off == off,
                      "%s (%s): error at %lu:%lu but offset %lu (line %lu column %lu is offset "
                      "%lu)",
                      name, mode_name(util_chunks[k]), got_line, got_col, got_off, line, col,
                      (unsigned long)off);
    }

    /* The builder stops at the same error. */
    rc = parse_all(name, data, len, 0, &p, &err);
    parsed_free(&p);
    ck_assert_msg(rc == code && err.code == code && err.line == line && err.column == col &&
                      err.offset == off,
                  "%s: news_read_article: expected %s %lu %lu, got %s %lu %lu", name, code_name,
                  line, col, util_code_name(rc), err.line, err.column);
    ck_assert_ptr_nonnull(err.message);

    util_buf_free(&t);
    free(err_text);
    free(data);
}
END_TEST

Suite *vectors_suite(void)
{
    Suite *s = suite_create("vectors");
    TCase *tc;

    load_manifest();
    tc = tcase_create("manifest");
    tcase_add_test(tc, test_manifest);
    tcase_add_test(tc, test_manifest_matches_directories);
    suite_add_tcase(s, tc);

    tc = tcase_create("valid");
    tcase_set_timeout(tc, 60);
    tcase_add_loop_test(tc, test_valid, 0, n_valid);
    suite_add_tcase(s, tc);

    tc = tcase_create("invalid");
    tcase_set_timeout(tc, 60);
    tcase_add_loop_test(tc, test_invalid, 0, n_invalid);
    suite_add_tcase(s, tc);
    return s;
}
