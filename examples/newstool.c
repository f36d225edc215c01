/* newstool - check, format, list and export .news files.
 *
 *   newstool check FILE...      validate; errors as FILE:LINE:COL: error: MESSAGE
 *   newstool fmt [-w] FILE...   canonical form to stdout, or rewritten in place
 *   newstool json FILE          JSON Feed 1.1 export
 *   newstool ls FILE            one line per article: index, published, title
 *
 * "-" reads standard input. Exit status: 0 success, 1 invalid input or
 * failed output, 2 usage error.
 */
#define _POSIX_C_SOURCE 200809L
#include "news.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* news_import()'s working memory */
static news_import_work import_work;

static const char *progname = "newstool";

static int usage(void)
{
    fprintf(stderr, "usage: %s check FILE...\n"
                    "       %s fmt [-w] FILE...\n"
                    "       %s json FILE\n"
                    "       %s ls FILE\n"
                    "       %s import [--explain] FILE\n",
            progname, progname, progname, progname, progname);
    return 2;
}

static const char *display_name(const char *path)
{
    return strcmp(path, "-") == 0 ? "<stdin>" : path;
}

/* Read a whole file; on failure say why and return non-zero. */
static int load(const char *path, char **data, size_t *len)
{
    news_error err;
    int rc = news_file_read(path, NULL, data, len, &err);
    if (rc != NEWS_OK)
        fprintf(stderr, "%s: %s: %s\n", progname, display_name(path),
                rc == NEWS_ERR_IO ? strerror(errno) : news_strerror(rc));
    return rc;
}

static void report(const char *path, const news_error *err)
{
    fprintf(stderr, "%s:%lu:%lu: error: %s\n", display_name(path), err->line, err->column,
            err->message);
}

/* Validate a whole buffer with the reader alone. */
static int validate(const char *path, const char *data, size_t len)
{
    news_reader r;
    news_event ev;
    int rc;

    news_reader_init(&r, data, len, NULL);
    while ((rc = news_reader_next(&r, &ev)) == NEWS_OK)
        ;
    if (rc == NEWS_END)
        return 0;
    report(path, news_reader_error(&r));
    return 1;
}

static int to_file(void *user, const char *data, size_t len)
{
    return fwrite(data, 1, len, (FILE *)user) == len ? 0 : 1;
}

/* Write every article of data as canonical text to out. */
static int format(const char *path, const char *data, size_t len, FILE *out)
{
    news_reader r;
    news_article a;
    news_arena ar = {NULL, 0, 0};
    news_error err;
    int rc;

    news_reader_init(&r, data, len, NULL);
    while ((rc = news_read_article_alloc(&r, &a, &ar, 0, NULL)) == NEWS_OK) {
        rc = news_write(&a, to_file, out, &err);
        if (rc != NEWS_OK)
            break;
    }
    news_free(NULL, ar.base);
    if (rc == NEWS_END)
        return 0;
    if (rc < 0 && rc != NEWS_ERR_NOMEM)
        report(path, rc == news_reader_error(&r)->code ? news_reader_error(&r) : &err);
    else if (rc == NEWS_ERR_NOMEM)
        fprintf(stderr, "%s: %s: out of memory\n", progname, display_name(path));
    return 1; /* a sink failure is reported by the caller */
}

/* Rewrite path in canonical form: a temporary file in the same
 * directory, synced, then renamed over the original, so that the
 * original survives any failure untouched. */
static int rewrite(const char *path, const char *data, size_t len)
{
    size_t n = strlen(path);
    char *tmp = malloc(n + 16);
    FILE *out = NULL;
    int fd = -1, rc = 1;

    if (tmp == NULL) {
        fprintf(stderr, "%s: %s: out of memory\n", progname, path);
        return 1;
    }
    memcpy(tmp, path, n);
    memcpy(tmp + n, ".tmp.XXXXXX", 12);
    fd = mkstemp(tmp);
    if (fd < 0 || (out = fdopen(fd, "wb")) == NULL) {
        fprintf(stderr, "%s: %s: %s\n", progname, tmp, strerror(errno));
        if (fd >= 0) {
            close(fd);
            unlink(tmp);
        }
        free(tmp);
        return 1;
    }
    if (format(path, data, len, out) == 0) {
        if (fflush(out) != 0 || ferror(out) || fsync(fileno(out)) != 0)
            fprintf(stderr, "%s: %s: %s\n", progname, tmp, strerror(errno));
        else
            rc = 0;
    } else if (ferror(out)) {
        fprintf(stderr, "%s: %s: %s\n", progname, tmp, strerror(errno));
    }
    if (fclose(out) != 0 && rc == 0) {
        fprintf(stderr, "%s: %s: %s\n", progname, tmp, strerror(errno));
        rc = 1;
    }
    if (rc == 0 && rename(tmp, path) != 0) {
        fprintf(stderr, "%s: %s: %s\n", progname, path, strerror(errno));
        rc = 1;
    }
    if (rc != 0)
        unlink(tmp);
    free(tmp);
    return rc;
}

static int cmd_check(int argc, char **argv)
{
    int i, bad = 0;
    for (i = 0; i < argc; i++) {
        char *data;
        size_t len;
        if (load(argv[i], &data, &len) != NEWS_OK) {
            bad = 1;
            continue;
        }
        bad |= validate(argv[i], data, len);
        news_free(NULL, data);
    }
    return bad;
}

static int cmd_fmt(int argc, char **argv)
{
    int i, bad = 0, in_place = argc > 0 && strcmp(argv[0], "-w") == 0;

    if (in_place) {
        argc--;
        argv++;
    }
    if (argc == 0)
        return usage();
    for (i = 0; i < argc; i++) {
        char *data;
        size_t len;
        if (in_place && strcmp(argv[i], "-") == 0) {
            fprintf(stderr, "%s: fmt -w: cannot rewrite standard input\n", progname);
            bad = 1;
            continue;
        }
        if (load(argv[i], &data, &len) != NEWS_OK) {
            bad = 1;
            continue;
        }
        if (validate(argv[i], data, len) != 0)
            bad = 1;
        else if (in_place)
            bad |= rewrite(argv[i], data, len);
        else
            bad |= format(argv[i], data, len, stdout);
        news_free(NULL, data);
    }
    return bad;
}

/* json and ls: every article of one file, through a callback. */
static int each_article(const char *path, int (*fn)(void *, const news_article *, unsigned long),
                        void *user)
{
    news_reader r;
    news_article a;
    news_arena ar = {NULL, 0, 0};
    unsigned long index = 0;
    char *data;
    size_t len;
    int rc;

    if (load(path, &data, &len) != NEWS_OK)
        return 1;
    if (validate(path, data, len) != 0) {
        news_free(NULL, data);
        return 1;
    }
    news_reader_init(&r, data, len, NULL);
    while ((rc = news_read_article_alloc(&r, &a, &ar, 0, NULL)) == NEWS_OK)
        if ((rc = fn(user, &a, ++index)) != 0)
            break;
    news_free(NULL, ar.base);
    news_free(NULL, data);
    if (rc == NEWS_ERR_NOMEM)
        fprintf(stderr, "%s: %s: out of memory\n", progname, display_name(path));
    return rc == NEWS_END ? 0 : 1;
}

/* The feed begins with the first article, so that an invalid file
 * writes nothing to standard output. */
typedef struct json_out {
    news_json j;
    const char *title;
} json_out;

static int json_item(void *user, const news_article *a, unsigned long index)
{
    json_out *o = (json_out *)user;
    if (index == 1 && news_json_begin(&o->j, to_file, stdout, o->title, NEWS_JSON_PRETTY) != 0)
        return 1;
    return news_json_article(&o->j, a);
}

static int cmd_json(int argc, char **argv)
{
    json_out o;
    int rc;

    if (argc != 1)
        return usage();
    o.title = display_name(argv[0]);
    rc = each_article(argv[0], json_item, &o);
    if (rc == 0)
        rc = news_json_end(&o.j) != 0;
    return rc;
}

static int ls_line(void *user, const news_article *a, unsigned long index)
{
    (void)user;
    printf("%lu\t%.*s\t%.*s\n", index, a->published.ptr ? (int)a->published.len : 1,
           a->published.ptr ? a->published.ptr : "-", (int)a->title.len, a->title.ptr);
    return 0;
}

static int cmd_ls(int argc, char **argv)
{
    if (argc != 1)
        return usage();
    return each_article(argv[0], ls_line, NULL);
}

static void import_explain(void *user, unsigned long line, int cls, const char *rule,
                           news_str text)
{
    (void)user;
    printf("%lu\t%s\t%s\t", line, news_line_class_name(cls), rule);
    fwrite(text.ptr, 1, text.len, stdout);
    putchar('\n');
}

/* import [--explain] FILE: scraped text to canonical .news, or each input
 * line with its class and rule. Input already in the format (first
 * non-blank line starting with "%news") is validated and copied as is. */
static int cmd_import(int argc, char **argv)
{
    int explain = argc > 0 && strcmp(argv[0], "--explain") == 0, rc;
    news_arena ar = {NULL, 0, 0};
    news_article a;
    news_error err;
    char *data, *mem = NULL;
    size_t len, i = 0, start;

    if (argc != 1 + explain)
        return usage();
    if (load(argv[explain], &data, &len) != NEWS_OK)
        return 1;
    start = i = len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    while (i < len && data[i] != '\0' && strchr(" \t\r\n", data[i]) != NULL)
        i++;
    while (i > start && data[i - 1] != '\n' && data[i - 1] != '\r')
        i--; /* "%news" must open its line */
    if (!explain && len - i >= 5 && memcmp(data + i, "%news", 5) == 0) {
        if ((rc = validate(argv[explain], data, len)) == 0)
            rc = fwrite(data, 1, len, stdout) != len;
        news_free(NULL, data);
        return rc;
    }
    rc = news_import(&import_work, data, len, NULL, &a, &ar, NULL, NULL, &err); /* measure */
    if (rc == NEWS_OK && (mem = malloc(ar.used + 1)) == NULL)
        rc = NEWS_ERR_NOMEM;
    if (rc == NEWS_OK) {
        news_arena_init(&ar, mem, ar.used + 1);
        rc = news_import(&import_work, data, len, NULL, &a, &ar, explain ? import_explain : NULL, NULL, &err);
    }
    if (rc == NEWS_OK && !explain)
        rc = news_write(&a, to_file, stdout, &err);
    if (rc < 0 && rc != NEWS_ERR_NOMEM)
        report(argv[explain], &err);
    else if (rc == NEWS_ERR_NOMEM)
        fprintf(stderr, "%s: %s: out of memory\n", progname, display_name(argv[explain]));
    free(mem);
    news_free(NULL, data);
    return rc != NEWS_OK;
}

int main(int argc, char **argv)
{
    int rc;

    if (argc < 2)
        return usage();
    if (strcmp(argv[1], "check") == 0 && argc > 2)
        rc = cmd_check(argc - 2, argv + 2);
    else if (strcmp(argv[1], "fmt") == 0 && argc > 2)
        rc = cmd_fmt(argc - 2, argv + 2);
    else if (strcmp(argv[1], "json") == 0)
        rc = cmd_json(argc - 2, argv + 2);
    else if (strcmp(argv[1], "ls") == 0)
        rc = cmd_ls(argc - 2, argv + 2);
    else if (strcmp(argv[1], "import") == 0)
        rc = cmd_import(argc - 2, argv + 2);
    else
        return usage();
    if (rc == 2)
        return rc;
    /* Output errors (a full disk, /dev/full, a closed pipe) must not pass
     * silently: flush and close standard output and check both. */
    if (fflush(stdout) != 0 || ferror(stdout) || fclose(stdout) != 0) {
        fprintf(stderr, "%s: write error: %s\n", progname, strerror(errno));
        return 1;
    }
    return rc;
}
