/* bench - libnews against the memory-speed bound and JSON parsers.
 *
 * One process: the corpus (bench/corpus.c) is generated in memory as a
 * .news store, exported as a compact JSON Feed and rendered as scraped
 * plain text; then each row runs over its whole input once per round,
 * and the median of the rounds (after warm-up rounds) is kept.
 * Every row returns a checksum that must be the same in every round and
 * that is printed at the end, so no work can be optimized away.
 *
 *   build/bench [--articles N] [--rounds N] [--warmup N] [--only ROW,...]
 *               [--arena32 FILE] [--no-rss] [--cpu-time]
 *   build/bench --stream-rss SIZE_MB
 *   build/bench --list
 *
 * Rows (the input whose bytes give MB/s in brackets): memchr, a loop of
 * memchr('\n') over the store, and memcpy of it [.news]; reader, every
 * event of the pull reader [.news]; build, news_read_article() in view
 * mode, arena reset per article [.news]; build-copy, the same with
 * NEWS_COPY [.news]; stream, the stream reader fed 4 KB chunks, 64 KB
 * line buffer, NEWS_COPY into a fixed 64 KB arena [.news]; write,
 * news_write_buffer() of every parsed article [output]; json, the JSON
 * Feed export [output]; import, news_import() of each article's plain
 * text [text]; wrap, news_wrap_*() over every block at 40 columns
 * [block text]; cjson, cJSON_Parse() + cJSON_Delete() [JSON]; jsmn,
 * jsmn_parse() counting, then into a token array [JSON].
 *
 * --only runs only the rows named (none: no row, only the set-up, the
 * baseline for bench/callgrind.sh) and prints "bytes ROW N" for each,
 * the input bytes that row consumes per round. The memory figures are
 * measured only without --only. See docs/PERFORMANCE.md. */
#define _POSIX_C_SOURCE 200809L

#include "arena.h"
#include "corpus.h"
#include "news.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#ifdef HAVE_CJSON
#include <cJSON.h>
#endif
#ifdef HAVE_JSMN
/* Parent links are jsmn's speed option: without them every closing
 * bracket searches back through all tokens so far, which makes a large
 * document quadratic (a round of the default corpus takes minutes). */
#define JSMN_PARENT_LINKS
#define JSMN_STATIC
#include <jsmn.h>
#endif

/* news_import()'s working memory */
static news_import_work import_work;

#define DEFAULT_ARTICLES 11000ul /* about 64 MB of .news */
#define CHUNK 4096               /* stream feed */
#define LINEBUF 65536            /* stream line buffer */
#define STREAM_ARENA 65536       /* fixed arena of the stream rows */
#define WRAP_COLUMNS 40
#define MB 1e6

static void die(const char *what, int code)
{
    fprintf(stderr, "bench: %s", what);
    if (code != 0)
        fprintf(stderr, ": %d (%s)", code, news_strerror(code));
    fprintf(stderr, "\n");
    exit(1);
}

#ifdef HAVE_JSMN
static void die_jsmn(const char *what, int code)
{
    fprintf(stderr, "bench: jsmn %s: error %d\n", what, code);
    exit(1);
}
#endif

static void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (p == NULL)
        die("out of memory", 0);
    return p;
}

/* Wall time by default; --cpu-time counts only the time this process
 * ran, which a busy machine disturbs less (but still disturbs: caches
 * and memory bandwidth are shared). */
static clockid_t clock_id = CLOCK_MONOTONIC;

static double now(void)
{
    struct timespec ts;
    clock_gettime(clock_id, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* ---- the inputs, made once ------------------------------------------- */

static news_buf store;     /* the .news store */
static news_buf json;      /* the same articles as one JSON Feed document */
static news_buf text;      /* the same articles as scraped plain text */
static size_t *text_off;   /* article k of text: text_off[k] .. text_off[k + 1] */
static news_article *arts; /* every article of the store, parsed (views) */
static char *arts_mem;     /* their arena */
static unsigned long n_arts;
static size_t wrap_bytes;  /* bytes of block text */
static char *out;          /* output of memcpy, write and JSON export */
static size_t out_cap;
static char *arena_mem;    /* arena of the build and import rows */
static size_t arena_cap;
#ifdef HAVE_JSMN
static jsmntok_t *tokens;
static unsigned n_tokens;
#endif

static int add_sink(void *user, const char *data, size_t len)
{
    news_buf_add(user, data, len);
    return 0;
}

static void add_str(news_buf *b, news_str s)
{
    news_buf_add(b, s.ptr, s.len);
}

static void add_c(news_buf *b, const char *s)
{
    news_buf_add(b, s, strlen(s));
}

/* An article as a page scraper gives it: headline, blank line,
 * paragraphs separated by blank lines, a byline, then the related
 * stories each after a "-" line, as title and "KICKER SUMMARY". */
static void render_text(news_buf *b, const news_article *a)
{
    const news_block *bl;
    const news_author *au;
    const news_link *l;

    add_str(b, a->title);
    add_c(b, "\n\n");
    for (bl = a->body; bl != NULL; bl = bl->next) {
        add_str(b, bl->text);
        add_c(b, "\n\n");
    }
    add_c(b, "By ");
    for (au = a->authors; au != NULL; au = au->next) {
        add_str(b, au->name);
        if (au->next != NULL)
            add_c(b, " and ");
    }
    add_c(b, "\n\n");
    for (l = a->related; l != NULL; l = l->next) {
        add_c(b, "-\n");
        add_str(b, l->title);
        add_c(b, "\n");
        if (l->kicker.ptr != NULL) {
            add_str(b, l->kicker);
            add_c(b, " ");
        }
        add_str(b, l->summary);
        add_c(b, "\n");
    }
}

static void setup(unsigned long articles)
{
    news_reader r;
    news_arena ar;
    news_json j;
    unsigned long k;
    size_t need = 0, len;
    int rc;

    corpus_store(&store, articles, 0);

    /* Every article parsed once (views into the store), for the rows that
     * start from articles: measure, then build them all in one arena. */
    news_reader_init(&r, store.p, store.len, NULL);
    news_arena_init(&ar, NULL, 0);
    for (n_arts = 0; (rc = news_read_article(&r, &(news_article){0}, &ar, 0)) == NEWS_OK;
         n_arts++) {
        need += ar.used + NEWS_ALIGN;
        ar.used = 0;
    }
    if (rc != NEWS_END)
        die("corpus does not read", rc);
    arts = xmalloc(n_arts * sizeof *arts);
    arts_mem = xmalloc(need);
    news_reader_init(&r, store.p, store.len, NULL);
    news_arena_init(&ar, arts_mem, need);
    for (k = 0; k < n_arts; k++)
        if ((rc = news_read_article(&r, &arts[k], &ar, 0)) != NEWS_OK)
            die("corpus does not build", rc);

    /* The largest article, with copies, sizes the arena of the rows. */
    arena_cap = 0;
    news_reader_init(&r, store.p, store.len, NULL);
    news_arena_init(&ar, NULL, 0);
    while (news_read_article(&r, &(news_article){0}, &ar, NEWS_COPY) == NEWS_OK) {
        if (ar.used > arena_cap)
            arena_cap = ar.used;
        ar.used = 0;
    }
    arena_cap = arena_cap * 4 + 65536;
    arena_mem = xmalloc(arena_cap);

    if (news_json_begin(&j, add_sink, &json, "Benchmark", 0) != NEWS_OK)
        die("json begin", j.rc);
    for (k = 0; k < n_arts; k++)
        if ((rc = news_json_article(&j, &arts[k])) != NEWS_OK)
            die("json article", rc);
    if ((rc = news_json_end(&j)) != NEWS_OK)
        die("json end", rc);

    text_off = xmalloc((n_arts + 1) * sizeof *text_off);
    for (k = 0; k < n_arts; k++) {
        const news_block *bl;
        text_off[k] = text.len;
        render_text(&text, &arts[k]);
        for (bl = arts[k].body; bl != NULL; bl = bl->next)
            wrap_bytes += bl->text.len;
    }
    text_off[n_arts] = text.len;

    out_cap = (store.len > json.len ? store.len : json.len) + 1;
    out = xmalloc(out_cap);

    /* The corpus is canonical: writing it back gives the same bytes. */
    for (len = 0, k = 0; k < n_arts; k++) {
        size_t n;
        if ((rc = news_write_buffer(&arts[k], out + len, out_cap - len, &n, NULL)) != NEWS_OK)
            die("write", rc);
        len += n;
    }
    if (len != store.len || memcmp(out, store.p, len) != 0)
        die("the writer does not give the store back", 0);

#ifdef HAVE_JSMN
    {
        jsmn_parser p;
        int n;
        jsmn_init(&p);
        n = jsmn_parse(&p, json.p, json.len, NULL, 0);
        if (n <= 0)
            die_jsmn("cannot count the JSON form", n);
        n_tokens = (unsigned)n;
        tokens = xmalloc(n_tokens * sizeof *tokens);
    }
#endif
}

/* ---- the rows ---------------------------------------------------------- */

static unsigned long row_memchr(void)
{
    const char *p = store.p, *end = store.p + store.len, *q;
    unsigned long n = 0;

    while ((q = memchr(p, '\n', (size_t)(end - p))) != NULL) {
        n++;
        p = q + 1;
    }
    return n;
}

static unsigned long row_memcpy(void)
{
    memcpy(out, store.p, store.len);
    return (unsigned char)out[store.len / 2] + (unsigned char)out[store.len - 1];
}

static unsigned long row_reader(void)
{
    news_reader r;
    news_event ev;
    unsigned long n = 0;
    int rc;

    news_reader_init(&r, store.p, store.len, NULL);
    while ((rc = news_reader_next(&r, &ev)) == NEWS_OK) {
        n += (unsigned long)ev.type;
        if (ev.type == NEWS_EV_FIELD || ev.type == NEWS_EV_BLOCK || ev.type == NEWS_EV_LINK_FIELD)
            n += ev.value.len;
    }
    if (rc != NEWS_END)
        die("reader", rc);
    return n;
}

static unsigned long sum_article(const news_article *a)
{
    return a->title.len + a->n_blocks + a->n_related * 3 + a->n_authors * 5 + a->n_tags * 7 +
           (a->body != NULL ? a->body->text.len : 0);
}

static unsigned long build(unsigned flags)
{
    news_reader r;
    news_article a;
    news_arena ar;
    unsigned long n = 0;
    int rc;

    news_reader_init(&r, store.p, store.len, NULL);
    news_arena_init(&ar, arena_mem, arena_cap);
    while ((rc = news_read_article(&r, &a, &ar, flags)) == NEWS_OK) {
        n += sum_article(&a);
        ar.used = 0;
    }
    if (rc != NEWS_END)
        die("build", rc);
    return n;
}

static unsigned long row_build(void)
{
    return build(0);
}

static unsigned long row_build_copy(void)
{
    return build(NEWS_COPY);
}

static unsigned long row_stream(void)
{
    static char linebuf[LINEBUF], chunk[CHUNK], mem[STREAM_ARENA];
    news_reader r;
    news_article a;
    news_arena ar;
    size_t pos = 0, n;
    unsigned long sum = 0;
    int rc;

    news_reader_init_stream(&r, linebuf, sizeof linebuf, NULL);
    news_arena_init(&ar, mem, sizeof mem);
    for (;;) {
        rc = news_read_article(&r, &a, &ar, NEWS_COPY);
        if (rc == NEWS_MORE) {
            /* as a device would read: into one small chunk buffer */
            n = store.len - pos < CHUNK ? store.len - pos : CHUNK;
            if (n == 0) {
                news_reader_finish(&r);
                continue;
            }
            memcpy(chunk, store.p + pos, n);
            pos += n;
            if ((rc = news_reader_feed(&r, chunk, n)) != NEWS_OK)
                die("feed", rc);
            continue;
        }
        if (rc != NEWS_OK)
            break;
        sum += sum_article(&a);
        ar.used = 0;
    }
    if (rc != NEWS_END)
        die("stream", rc);
    return sum;
}

static unsigned long row_write(void)
{
    size_t len = 0, n;
    unsigned long k;
    int rc;

    for (k = 0; k < n_arts; k++) {
        if ((rc = news_write_buffer(&arts[k], out + len, out_cap - len, &n, NULL)) != NEWS_OK)
            die("write", rc);
        len += n;
    }
    return len + (unsigned char)out[len / 2];
}

typedef struct out_buf {
    char *p;
    size_t len, cap;
} out_buf;

static int out_sink(void *user, const char *data, size_t len)
{
    out_buf *o = user;
    if (len > o->cap - o->len)
        return -1;
    memcpy(o->p + o->len, data, len);
    o->len += len;
    return 0;
}

static unsigned long row_json(void)
{
    out_buf o;
    news_json j;
    unsigned long k;
    int rc;

    o.p = out;
    o.len = 0;
    o.cap = out_cap;
    if ((rc = news_json_begin(&j, out_sink, &o, "Benchmark", 0)) != NEWS_OK)
        die("json", rc);
    for (k = 0; k < n_arts; k++)
        if ((rc = news_json_article(&j, &arts[k])) != NEWS_OK)
            die("json", rc);
    if ((rc = news_json_end(&j)) != NEWS_OK)
        die("json", rc);
    return o.len + (unsigned char)out[o.len / 2];
}

static unsigned long row_import(void)
{
    news_article a;
    news_arena ar;
    unsigned long k, n = 0;
    int rc;

    news_arena_init(&ar, arena_mem, arena_cap);
    for (k = 0; k < n_arts; k++) {
        ar.used = 0;
        rc = news_import(&import_work, text.p + text_off[k], text_off[k + 1] - text_off[k], NULL, &a, &ar,
                         NULL, NULL, NULL);
        if (rc != NEWS_OK)
            die("import", rc);
        n += sum_article(&a);
    }
    return n;
}

static unsigned long row_wrap(void)
{
    const news_block *bl;
    news_wrap w;
    news_str line;
    size_t width;
    unsigned long k, n = 0;

    for (k = 0; k < n_arts; k++)
        for (bl = arts[k].body; bl != NULL; bl = bl->next) {
            news_wrap_init(&w, bl->text, WRAP_COLUMNS, NULL, NULL);
            while (news_wrap_next(&w, &line, &width) == NEWS_OK)
                n += 1 + width;
        }
    return n;
}

#ifdef HAVE_CJSON
static unsigned long row_cjson(void)
{
    cJSON *doc = cJSON_Parse(json.p);
    unsigned long n;

    if (doc == NULL)
        die("cJSON_Parse failed", 0);
    n = (unsigned long)cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(doc, "items"));
    cJSON_Delete(doc);
    return n;
}
#endif

#ifdef HAVE_JSMN
/* The caller does not know the token count: count, then parse. */
static unsigned long row_jsmn(void)
{
    jsmn_parser p;
    int n;

    jsmn_init(&p);
    n = jsmn_parse(&p, json.p, json.len, NULL, 0);
    if (n < 0 || (unsigned)n > n_tokens)
        die_jsmn("count", n);
    jsmn_init(&p);
    n = jsmn_parse(&p, json.p, json.len, tokens, (unsigned)n);
    if (n < 0)
        die_jsmn("parse", n);
    return (unsigned long)n + (unsigned long)tokens[n / 2].start;
}
#endif

typedef struct row {
    const char *name;  /* for --only */
    const char *input; /* what its bytes are */
    unsigned long (*run)(void);
    size_t bytes; /* input bytes per round */
    int selected;
    double secs;  /* median seconds per round */
    unsigned long check;
} row;

enum { R_MEMCHR, R_MEMCPY, R_READER, R_BUILD, R_BUILD_COPY, R_STREAM, R_WRITE, R_JSON,
       R_IMPORT, R_WRAP, R_CJSON, R_JSMN, R_COUNT };

static row rows[R_COUNT] = {
    {"memchr", ".news", row_memchr, 0, 0, 0, 0},
    {"memcpy", ".news", row_memcpy, 0, 0, 0, 0},
    {"reader", ".news", row_reader, 0, 0, 0, 0},
    {"build", ".news", row_build, 0, 0, 0, 0},
    {"build-copy", ".news", row_build_copy, 0, 0, 0, 0},
    {"stream", ".news", row_stream, 0, 0, 0, 0},
    {"write", "output", row_write, 0, 0, 0, 0},
    {"json", "output", row_json, 0, 0, 0, 0},
    {"import", "text", row_import, 0, 0, 0, 0},
    {"wrap", "blocks", row_wrap, 0, 0, 0, 0},
#ifdef HAVE_CJSON
    {"cjson", "JSON", row_cjson, 0, 0, 0, 0},
#else
    {"cjson", "JSON", NULL, 0, 0, 0, 0},
#endif
#ifdef HAVE_JSMN
    {"jsmn", "JSON", row_jsmn, 0, 0, 0, 0},
#else
    {"jsmn", "JSON", NULL, 0, 0, 0, 0},
#endif
};

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static void run_once(row *rw, int first, double *t)
{
    double t0 = now();
    unsigned long c = rw->run();

    if (t != NULL)
        *t = now() - t0;
    if (!first && c != rw->check) {
        fprintf(stderr, "bench: %s: checksum differs between rounds\n", rw->name);
        exit(1);
    }
    rw->check = c;
}

/* The rounds go round the rows (each round runs every selected row once)
 * rather than row after row, so that a change in the load of a shared
 * machine falls on all rows alike and their ratios stay meaningful. */
static void measure(int rounds, int warmup, int progress)
{
    double *t = xmalloc((size_t)rounds * R_COUNT * sizeof *t);
    int i, k;

    for (i = 0; i < warmup + rounds; i++) {
        if (progress)
            fprintf(stderr, "\rbench: %s %d of %d ", i < warmup ? "warm-up" : "round",
                    i < warmup ? i + 1 : i - warmup + 1, i < warmup ? warmup : rounds);
        for (k = 0; k < R_COUNT; k++)
            if (rows[k].selected)
                run_once(&rows[k], i == 0, i < warmup ? NULL : &t[k * rounds + i - warmup]);
    }
    if (progress)
        fprintf(stderr, "\r%40s\r", "");
    for (k = 0; k < R_COUNT; k++)
        if (rows[k].selected) {
            double *r = &t[k * rounds];
            qsort(r, (size_t)rounds, sizeof *r, cmp_double);
            rows[k].secs = rounds % 2 ? r[rounds / 2] : (r[rounds / 2 - 1] + r[rounds / 2]) / 2;
        }
    free(t);
}

static double mbps(const row *rw)
{
    return rw->secs > 0 ? (double)rw->bytes / rw->secs / MB : 0;
}

/* ---- memory ------------------------------------------------------------ */

static long maxrss_kb(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss; /* kilobytes on Linux and the BSDs */
}

typedef struct rss_result {
    int rc;
    unsigned long articles;
    unsigned long long bytes;
    long rss_start, rss_peak; /* KB */
    size_t gen_cap, max_arena;
} rss_result;

/* Stream a store of size_mb * 10^6 bytes (whole articles) that is made
 * on the fly, one article at a time into a small rolling buffer and fed
 * in 4 KB chunks, so that nothing in this process grows with the store. */
static void stream_rss(unsigned long size_mb, rss_result *res)
{
    static char linebuf[LINEBUF], chunk[CHUNK], mem[STREAM_ARENA];
    news_buf gen = {NULL, 0, 0};
    news_reader r;
    news_article a;
    news_arena ar;
    unsigned long long target = (unsigned long long)size_mb * 1000000ull;
    unsigned long made = 0;
    size_t pos = 0, n;
    int rc;

    memset(res, 0, sizeof *res);
    res->rss_start = maxrss_kb();
    corpus_seed(0);
    news_reader_init_stream(&r, linebuf, sizeof linebuf, NULL);
    news_arena_init(&ar, mem, sizeof mem);
    for (;;) {
        rc = news_read_article(&r, &a, &ar, NEWS_COPY);
        if (rc == NEWS_MORE) {
            if (pos == gen.len && res->bytes < target) {
                gen.len = 0;
                pos = 0;
                corpus_article(&gen, made++);
                res->bytes += gen.len;
            }
            n = gen.len - pos < CHUNK ? gen.len - pos : CHUNK;
            if (n == 0) {
                news_reader_finish(&r);
                continue;
            }
            memcpy(chunk, gen.p + pos, n);
            pos += n;
            if ((rc = news_reader_feed(&r, chunk, n)) != NEWS_OK)
                break;
            continue;
        }
        if (rc != NEWS_OK)
            break;
        if (ar.used > res->max_arena)
            res->max_arena = ar.used;
        res->articles++;
        ar.used = 0;
    }
    res->rc = rc == NEWS_END && res->articles == made ? 0 : rc == NEWS_END ? -1 : rc;
    res->gen_cap = gen.cap;
    res->rss_peak = maxrss_kb();
    free(gen.p);
}

static void print_rss(const rss_result *res, unsigned long size_mb)
{
    printf("stream %lu MB: %llu bytes, %lu articles, peak RSS %ld KB (%ld KB before "
           "streaming); arena %d KB (max used %lu B), line buffer %d KB, chunk %d KB, "
           "generator buffer %lu KB\n",
           size_mb, res->bytes, res->articles, res->rss_peak, res->rss_start,
           STREAM_ARENA / 1024, (unsigned long)res->max_arena, LINEBUF / 1024, CHUNK / 1024,
           (unsigned long)(res->gen_cap / 1024));
}

/* Run stream_rss in a child made now, while this process is still small,
 * so that its peak RSS is its own. */
static int stream_rss_child(unsigned long size_mb, rss_result *res)
{
    int fd[2], status;
    pid_t pid;
    ssize_t got;

    fflush(NULL);
    if (pipe(fd) != 0)
        return -1;
    pid = fork();
    if (pid < 0)
        return -1;
    if (pid == 0) {
        close(fd[0]);
        stream_rss(size_mb, res);
        if (write(fd[1], res, sizeof *res) != (ssize_t)sizeof *res)
            _exit(1);
        _exit(0);
    }
    close(fd[1]);
    do
        got = read(fd[0], res, sizeof *res);
    while (got < 0 && errno == EINTR);
    close(fd[0]);
    waitpid(pid, &status, 0);
    return got == (ssize_t)sizeof *res && WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -1;
}

#ifdef HAVE_CJSON
static size_t heap_now, heap_peak;
static unsigned long heap_allocs;

/* Each block carries its size in front, to be subtracted on free. */
typedef union heap_head {
    size_t size;
    double d;
    void *p;
    long long ll;
} heap_head;

static void *count_malloc(size_t n)
{
    heap_head *h = malloc(sizeof *h + n);
    if (h == NULL)
        return NULL;
    h->size = n;
    heap_now += n;
    heap_allocs++;
    if (heap_now > heap_peak)
        heap_peak = heap_now;
    return h + 1;
}

static void count_free(void *p)
{
    heap_head *h = p;
    if (p == NULL)
        return;
    h--;
    heap_now -= h->size;
    free(h);
}
#endif

typedef struct arena32 {
    int ok;
    unsigned bits;
    unsigned long articles;
    unsigned long long input, view, copy;
    unsigned long max_view, max_copy;
} arena32;

static void read_arena32(const char *path, arena32 *a)
{
    FILE *f = fopen(path, "r");

    memset(a, 0, sizeof *a);
    if (f == NULL)
        return;
    a->ok = fscanf(f, "arena32 bits=%u articles=%lu input=%llu view=%llu copy=%llu max_view=%lu "
                      "max_copy=%lu",
                   &a->bits, &a->articles, &a->input, &a->view, &a->copy, &a->max_view,
                   &a->max_copy) == 7 &&
            a->input > 0;
    fclose(f);
}

/* ---- report ------------------------------------------------------------ */

static const char *compiler(void)
{
#if defined(__clang__)
    static char v[64];
    sprintf(v, "clang %d.%d.%d", __clang_major__, __clang_minor__, __clang_patchlevel__);
    return v;
#elif defined(__GNUC__)
    return "gcc " __VERSION__;
#else
    return "unknown compiler";
#endif
}

static double ratio(int k, int to)
{
    double base = rows[to].selected ? mbps(&rows[to]) : 0;
    return base > 0 ? mbps(&rows[k]) / base : 0;
}

static void cell(double v, int show)
{
    if (show && v > 0)
        printf(" %9.3f", v);
    else
        printf(" %9s", "-");
}

static void table(void)
{
    int k;

    printf("%-11s %-7s %9s %9s %9s %9s %9s\n", "row", "input", "MB/s", "ms/round", "x memchr",
           "x memcpy", "x cJSON");
    for (k = 0; k < R_COUNT; k++) {
        const row *rw = &rows[k];
        if (!rw->selected)
            continue;
        printf("%-11s %-7s %9.0f %9.2f", rw->name, rw->input, mbps(rw), rw->secs * 1e3);
        cell(ratio(k, R_MEMCHR), 1);
        cell(ratio(k, R_MEMCPY), k == R_MEMCPY || k == R_WRITE || k == R_JSON);
        cell(ratio(k, R_CJSON), 1);
        printf("\n");
    }
    for (k = 0; k < R_COUNT; k++)
        if (rows[k].run == NULL)
            printf("%-11s not built (%s not found at build time)\n", rows[k].name,
                   k == R_CJSON ? "libcjson-dev" : "libjsmn-dev");
    /* The same articles, parsed from each form: time per corpus. */
    if (rows[R_BUILD].selected && rows[R_BUILD].secs > 0)
        for (k = R_CJSON; k <= R_JSMN; k++)
            if (rows[k].selected && rows[k].secs > 0)
                printf("same content: build %.1f ms, %s %.1f ms on the JSON form: "
                       "build is %.2fx as fast\n",
                       rows[R_BUILD].secs * 1e3, rows[k].name, rows[k].secs * 1e3,
                       rows[k].secs / rows[R_BUILD].secs);
}

static void memory(const arena32 *a32, const rss_result *r10, const rss_result *r100)
{
    arena_stats st;
    int rc;

    memset(&st, 0, sizeof st);
    rc = arena_measure(store.p, store.len, arena_mem, arena_cap, &st);
    if (rc != 0)
        die("arena measure", rc);
    printf("\nmemory (arena reset per article; bytes per .news input byte)\n");
    printf("  arena, view, %2u-bit      %.4f B/B  (%llu B; largest article %lu B)\n",
           (unsigned)(sizeof(void *) * 8), (double)st.view / (double)st.input, st.view,
           (unsigned long)st.max_view);
    printf("  arena, NEWS_COPY, %2u-bit %.4f B/B  (%llu B; largest article %lu B)\n",
           (unsigned)(sizeof(void *) * 8), (double)st.copy / (double)st.input, st.copy,
           (unsigned long)st.max_copy);
    if (a32->ok) {
        printf("  arena, view, %2u-bit      %.4f B/B  (%llu B; largest article %lu B; "
               "%lu articles, from --arena32)\n",
               a32->bits, (double)a32->view / (double)a32->input, a32->view, a32->max_view,
               a32->articles);
        printf("  arena, NEWS_COPY, %2u-bit %.4f B/B  (%llu B; largest article %lu B)\n",
               a32->bits, (double)a32->copy / (double)a32->input, a32->copy, a32->max_copy);
    } else {
        printf("  arena, 32-bit           not measured (make bench-arena32: "
               "arm-none-eabi-gcc and qemu-arm)\n");
    }
    if (r10 != NULL) {
        printf("  ");
        print_rss(r10, 10);
        printf("  ");
        print_rss(r100, 100);
    }
#ifdef HAVE_CJSON
    {
        cJSON_Hooks hooks;
        cJSON *doc;

        hooks.malloc_fn = count_malloc;
        hooks.free_fn = count_free;
        cJSON_InitHooks(&hooks);
        heap_now = heap_peak = 0;
        heap_allocs = 0;
        doc = cJSON_Parse(json.p);
        if (doc == NULL)
            die("cJSON_Parse failed", 0);
        cJSON_Delete(doc);
        cJSON_InitHooks(NULL);
        printf("  cJSON_Parse heap peak    %.4f B per JSON byte, %.4f per .news byte "
               "(%lu B in %lu blocks, malloc's own overhead not counted)\n",
               (double)heap_peak / (double)json.len, (double)heap_peak / (double)store.len,
               (unsigned long)heap_peak, heap_allocs);
    }
#endif
#ifdef HAVE_JSMN
    printf("  jsmn tokens              %.4f B per JSON byte (%u tokens of %lu B)\n",
           (double)n_tokens * sizeof *tokens / (double)json.len, n_tokens,
           (unsigned long)sizeof *tokens);
#endif
}

static const char *verdict(int pass)
{
    return pass ? "PASS" : "FAIL";
}

static void targets(const arena32 *a32, const rss_result *r10, const rss_result *r100)
{
    double v;

    printf("\ntargets\n");
    v = ratio(R_BUILD, R_MEMCHR);
    printf("  build (reader, UTF-8 validation, articles) >= 0.35 x memchr: %.3f  %s\n", v,
           verdict(v >= 0.35));
    v = ratio(R_WRITE, R_MEMCPY);
    printf("  write >= 0.50 x memcpy: %.3f  %s\n", v, verdict(v >= 0.5));
    if (a32->ok) {
        v = (double)a32->view / (double)a32->input;
        printf("  arena for a full parse, %u-bit, <= 0.10 B per input byte: %.4f  %s\n",
               a32->bits, v, verdict(a32->bits <= 32 && v <= 0.10));
    } else {
        printf("  arena for a full parse, 32-bit, <= 0.10 B per input byte: not measured\n");
    }
    if (r10 != NULL) {
        long grow = r100->rss_peak - r10->rss_peak;
        printf("  stream memory fixed (peak RSS 100 MB - 10 MB store <= 1024 KB): %ld KB  %s\n",
               grow, verdict(grow <= 1024));
    } else {
        printf("  stream memory fixed: not measured\n");
    }
    printf("  instructions per input byte <= 2 (build): see make bench-callgrind\n");
}

/* ---- main -------------------------------------------------------------- */

static void usage(void)
{
    fprintf(stderr, "usage: bench [--articles N] [--rounds N] [--warmup N] [--only ROW,...]\n"
                    "             [--arena32 FILE] [--no-rss] [--cpu-time]\n"
                    "       bench --stream-rss SIZE_MB\n"
                    "       bench --list\n");
    exit(2);
}

static void select_rows(const char *list)
{
    const char *p = list;
    size_t n;
    int k, found;

    while (*p != '\0') {
        n = strcspn(p, ",");
        found = n == 4 && memcmp(p, "none", 4) == 0;
        for (k = 0; k < R_COUNT; k++)
            if (strlen(rows[k].name) == n && memcmp(rows[k].name, p, n) == 0) {
                if (rows[k].run == NULL) {
                    fprintf(stderr, "bench: row %s is not built in\n", rows[k].name);
                    exit(2);
                }
                rows[k].selected = found = 1;
            }
        if (!found) {
            fprintf(stderr, "bench: no row %.*s\n", (int)n, p);
            exit(2);
        }
        p += n + (p[n] == ',');
    }
}

int main(int argc, char **argv)
{
    unsigned long articles = DEFAULT_ARTICLES, size_mb = 0;
    int rounds = 11, warmup = 1, only = 0, rss = 1, i, k;
    const char *arena32_path = NULL;
    rss_result rss10, rss100;
    int have_rss = 0;
    unsigned long check = 0;
    arena32 a32;

    for (i = 1; i < argc; i++) {
        const char *o = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(o, "--list") == 0) {
            for (k = 0; k < R_COUNT; k++)
                if (rows[k].run != NULL)
                    printf("%s\n", rows[k].name);
            return 0;
        } else if (strcmp(o, "--no-rss") == 0) {
            rss = 0;
            continue;
        } else if (strcmp(o, "--cpu-time") == 0) {
            clock_id = CLOCK_PROCESS_CPUTIME_ID;
            continue;
        }
        if (v == NULL)
            usage();
        i++;
        if (strcmp(o, "--articles") == 0)
            articles = strtoul(v, NULL, 10);
        else if (strcmp(o, "--rounds") == 0)
            rounds = atoi(v);
        else if (strcmp(o, "--warmup") == 0)
            warmup = atoi(v);
        else if (strcmp(o, "--only") == 0) {
            select_rows(v);
            only = 1;
        }
        else if (strcmp(o, "--stream-rss") == 0)
            size_mb = strtoul(v, NULL, 10);
        else if (strcmp(o, "--arena32") == 0)
            arena32_path = v;
        else
            usage();
    }
    if (articles == 0 || rounds < 1 || warmup < 0)
        usage();

    if (size_mb > 0) {
        rss_result res;
        stream_rss(size_mb, &res);
        print_rss(&res, size_mb);
        if (res.rc != 0)
            die("stream", res.rc);
        return 0;
    }
    if (!only && rss) {
        have_rss = stream_rss_child(10, &rss10) == 0 && stream_rss_child(100, &rss100) == 0;
        if (have_rss && (rss10.rc != 0 || rss100.rc != 0))
            die("stream-rss", rss10.rc != 0 ? rss10.rc : rss100.rc);
    }

    setup(articles);
    for (k = 0; k < R_COUNT; k++) {
        if (!only)
            rows[k].selected = rows[k].run != NULL;
        rows[k].bytes = k == R_JSON || k == R_CJSON || k == R_JSMN ? json.len
                        : k == R_IMPORT                              ? text.len
                        : k == R_WRAP                                ? wrap_bytes
                                                                     : store.len;
    }
    measure(rounds, warmup, !only && isatty(2));
    for (k = 0; k < R_COUNT; k++)
        if (rows[k].selected)
            check += rows[k].check;

    printf("libnews %s benchmark: %lu articles; .news %.1f MB, JSON %.1f MB, plain text "
           "%.1f MB, block text %.1f MB\n",
           news_version(), n_arts, store.len / MB, json.len / MB, text.len / MB,
           wrap_bytes / MB);
    printf("%s, %u-bit; median of %d rounds after %d warm-up, %s; MB = 10^6 bytes\n\n",
           compiler(), (unsigned)(sizeof(void *) * 8), rounds, warmup,
           clock_id == CLOCK_MONOTONIC ? "wall clock" : "process CPU time");
    table();
    if (only) {
        for (k = 0; k < R_COUNT; k++)
            if (rows[k].selected)
                printf("bytes %s %lu\n", rows[k].name, (unsigned long)rows[k].bytes);
        printf("checksum %lx\n", check);
        return 0;
    }

    read_arena32(arena32_path != NULL ? arena32_path : "", &a32);
    memory(&a32, have_rss ? &rss10 : NULL, have_rss ? &rss100 : NULL);
    targets(&a32, have_rss ? &rss10 : NULL, have_rss ? &rss100 : NULL);
    printf("\nchecksum %lx\n", check);
    return 0;
}
