/* newsview - read news stories in a terminal.
 *
 *   newsview [-w COLS] FILE
 *
 * FILE is a .news store, or scraped plain text that is imported on the
 * fly ("-" reads standard input). On a terminal newsview is a pager
 * (press ? for the keys); otherwise it prints every story wrapped to
 * COLS columns (default 80). Exit status: 0 done, 1 bad input or failed
 * output, 2 usage error.
 *
 * Article text never reaches the terminal raw: controls, C1 controls,
 * bidi overrides and invalid bytes are filtered first, so a story cannot
 * send escape sequences. The terminal is put back on every way out:
 * normal exit, error, Ctrl-C, SIGTERM, SIGHUP; Ctrl-Z suspends cleanly.
 */
#define _POSIX_C_SOURCE 200809L
/* SIGWINCH and TIOCGWINSZ are not POSIX; this shows them on glibc/musl. */
#define _DEFAULT_SOURCE
#include "news.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

/* news_import()'s working memory */
static news_import_work import_work;

static const char *progname = "newsview";

/* ---- the stories ---- */

typedef struct story {
    news_article a;
    void *arena;           /* its lists; strings are views into the file */
    size_t title, title_n; /* its title made safe to show, in titles.text */
} story;

static char *data;
static size_t data_len;
static story *stories;
static size_t n_stories;

static void *xrealloc(void *p, size_t n)
{
    p = realloc(p, n);
    if (p == NULL) {
        fprintf(stderr, "%s: out of memory\n", progname);
        exit(1);
    }
    return p;
}

static void clean_title(story *s);

static void add_story(const news_article *a, void *arena)
{
    stories = xrealloc(stories, (n_stories + 1) * sizeof *stories);
    stories[n_stories].a = *a;
    stories[n_stories].arena = arena;
    clean_title(&stories[n_stories]);
    n_stories++;
}

static void report(const char *path, const news_error *err)
{
    fprintf(stderr, "%s:%lu:%lu: error: %s\n", path, err->line, err->column, err->message);
}

/* A store begins with "%news", after a byte order mark or blank lines. */
static int is_store(const char *p, size_t n)
{
    size_t i = n >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    while (i < n && (p[i] == ' ' || p[i] == '\t' || p[i] == '\r' || p[i] == '\n'))
        i++;
    return n - i >= 5 && memcmp(p + i, "%news", 5) == 0;
}

static int load_store(const char *path)
{
    news_reader r;
    news_article a;
    int rc;

    news_reader_init(&r, data, data_len, NULL);
    for (;;) {
        news_arena ar = {NULL, 0, 0}; /* a fresh arena each: all stay alive */
        rc = news_read_article_alloc(&r, &a, &ar, 0, NULL);
        if (rc != NEWS_OK) {
            news_free(NULL, ar.base);
            break;
        }
        add_story(&a, ar.base);
    }
    if (rc == NEWS_END && n_stories > 0)
        return 0;
    if (rc == NEWS_ERR_NOMEM)
        fprintf(stderr, "%s: out of memory\n", progname);
    else if (rc == NEWS_END)
        fprintf(stderr, "%s: %s: no article\n", progname, path);
    else
        report(path, news_reader_error(&r));
    return 1;
}

static int load_text(const char *path)
{
    news_article a;
    news_arena ar;
    news_error err = {0, 0, 0, 0, NULL};
    size_t cap = 4096;
    char *mem;
    int rc;

    for (;;) { /* the arena reports the size it needs */
        mem = xrealloc(NULL, cap);
        news_arena_init(&ar, mem, cap);
        rc = news_import(&import_work, data, data_len, NULL, &a, &ar, NULL, NULL, &err);
        if (rc != NEWS_ERR_NOMEM || ar.used <= cap)
            break;
        free(mem);
        cap = ar.used;
    }
    if (rc == NEWS_OK) {
        add_story(&a, mem);
        return 0;
    }
    free(mem);
    if (err.message != NULL)
        report(path, &err);
    else
        fprintf(stderr, "%s: %s: %s\n", progname, path, news_strerror(rc));
    return 1;
}

static int load(const char *path)
{
    news_error err;
    int rc = news_file_read(path, NULL, &data, &data_len, &err);
    if (rc != NEWS_OK) {
        fprintf(stderr, "%s: %s: %s\n", progname, path,
                rc == NEWS_ERR_IO ? strerror(errno) : news_strerror(rc));
        return 1;
    }
    return is_store(data, data_len) ? load_store(path) : load_text(path);
}

/* ---- a story laid out as lines ---- */

enum { S_TEXT, S_TITLE, S_KICKER, S_DEK, S_META, S_HEADING, S_QUOTE, S_SECTION, S_LINK, S_SUB };

/* How each kind of line looks: terminal attributes (SGR), and what goes
 * before its first and its other lines (same width). */
static const struct {
    const char *sgr, *first, *rest;
} styles[] = {
    {"", "", ""},                    /* S_TEXT */
    {"1", "", ""},                   /* S_TITLE */
    {"1;36", "", ""},                /* S_KICKER */
    {"3", "", ""},                   /* S_DEK */
    {"2", "", ""},                   /* S_META */
    {"1", "", ""},                   /* S_HEADING */
    {"3", "  ", "  "},               /* S_QUOTE */
    {"1;4", "", ""},                 /* S_SECTION */
    {"1", "\xE2\x80\xA2 ", "  "},    /* S_LINK: a bullet */
    {"2", "  ", "  "},               /* S_SUB: kicker, summary, url of a link */
};

typedef struct span {
    size_t off, len;
    unsigned char style, first;
} span;

/* Items are the story's paragraphs as filtered text; lines are the
 * items wrapped to a width, and are rebuilt when the width changes. */
typedef struct doc {
    char *text;
    size_t len, cap;
    span *items, *lines;
    size_t n_items, n_lines, items_cap, lines_cap;
} doc;

static void put(doc *d, const char *s, size_t n)
{
    if (n == 0)
        return;
    if (d->cap - d->len < n) {
        while (d->cap - d->len < n)
            d->cap = d->cap ? d->cap * 2 : 1024;
        d->text = xrealloc(d->text, d->cap);
    }
    memcpy(d->text + d->len, s, n);
    d->len += n;
}

/* Append s, made safe for a terminal: invalid bytes become U+FFFD, tabs
 * and line breaks a space; other controls (C0, DEL, C1), bidi controls
 * and BOMs are dropped, so the text cannot move the cursor or reorder
 * the screen. */
static void put_clean(doc *d, news_str s)
{
    size_t i = 0;
    while (i < s.len) {
        unsigned long cp;
        size_t n = news_utf8_decode(s.ptr + i, s.len - i, &cp);
        if (cp == '\t' || cp == '\n' || cp == '\r')
            put(d, " ", 1);
        else if (cp == 0xFFFD)
            put(d, "\xEF\xBF\xBD", 3);
        else if (!(cp < 0x20 || (cp >= 0x7F && cp < 0xA0) || (cp >= 0x202A && cp <= 0x202E) ||
                   (cp >= 0x2066 && cp <= 0x2069) || cp == 0xFEFF))
            put(d, s.ptr + i, n);
        i += n;
    }
}

static void push(span **v, size_t *n, size_t *cap, size_t off, size_t len, int style, int first)
{
    if (*n == *cap) {
        *cap = *cap ? *cap * 2 : 64;
        *v = xrealloc(*v, *cap * sizeof **v);
    }
    (*v)[*n].off = off;
    (*v)[*n].len = len;
    (*v)[*n].style = (unsigned char)style;
    (*v)[*n].first = (unsigned char)first;
    (*n)++;
}

/* An item made of up to three pieces (a prefix, the value, a suffix). */
static void item3(doc *d, int style, const char *pre, news_str s, const char *post)
{
    size_t off = d->len;
    put(d, pre, strlen(pre));
    put_clean(d, s);
    put(d, post, strlen(post));
    push(&d->items, &d->n_items, &d->items_cap, off, d->len - off, style, 0);
}

static void item(doc *d, int style, news_str s)
{
    if (s.ptr != NULL && s.len > 0)
        item3(d, style, "", s, "");
}

static void blank(doc *d)
{
    if (d->n_items > 0 && d->items[d->n_items - 1].len > 0)
        push(&d->items, &d->n_items, &d->items_cap, d->len, 0, S_TEXT, 0);
}

static news_str str(const char *s)
{
    news_str v;
    v.ptr = s;
    v.len = strlen(s);
    return v;
}

/* "1 May 2024, 07:30 UTC" from an RFC 3339 date; the raw value if it
 * does not parse (an imported one may be anything). */
static void date_item(doc *d, news_str when, const char *label)
{
    static const char *const months[] = {"January", "February", "March",     "April",
                                         "May",     "June",     "July",      "August",
                                         "September", "October", "November", "December"};
    news_time t;
    char buf[96];
    int off;

    if (when.ptr == NULL)
        return;
    if (news_time_parse(when, &t) != NEWS_OK) {
        item3(d, S_META, label, when, "");
        return;
    }
    off = t.offset < 0 ? -t.offset : t.offset;
    if (t.offset == 0)
        snprintf(buf, sizeof buf, "%d %s %04d, %02d:%02d UTC", t.day, months[t.month - 1],
                 t.year, t.hour, t.minute);
    else
        snprintf(buf, sizeof buf, "%d %s %04d, %02d:%02d %c%02d:%02d", t.day,
                 months[t.month - 1], t.year, t.hour, t.minute, t.offset < 0 ? '-' : '+',
                 off / 60, off % 60);
    item3(d, S_META, label, str(buf), "");
}

static void byline(doc *d, const news_article *a)
{
    const news_author *au;
    size_t off = d->len;

    if (a->authors == NULL)
        return;
    put(d, "By ", 3);
    for (au = a->authors; au != NULL; au = au->next) {
        put_clean(d, au->name);
        if (au->next != NULL)
            put(d, au->next->next != NULL ? ", " : " and ", au->next->next != NULL ? 2 : 5);
    }
    if (a->source.ptr != NULL && a->source.len > 0) {
        put(d, ", ", 2);
        put_clean(d, a->source);
    }
    push(&d->items, &d->n_items, &d->items_cap, off, d->len - off, S_META, 0);
}

static void build(doc *d, const news_article *a)
{
    static const int block_style[] = {S_TEXT, S_HEADING, S_QUOTE};
    const news_block *b;
    const news_link *l;
    const news_tag *t;

    d->len = d->n_items = d->n_lines = 0;
    item(d, S_KICKER, a->kicker);
    item(d, S_TITLE, a->title);
    item(d, S_DEK, a->dek);
    blank(d);
    byline(d, a);
    if (a->authors == NULL && a->source.ptr != NULL)
        item(d, S_META, a->source);
    date_item(d, a->published, "");
    if (a->modified.ptr != NULL && !(a->published.len == a->modified.len &&
                                     memcmp(a->published.ptr, a->modified.ptr,
                                            a->modified.len) == 0))
        date_item(d, a->modified, "Updated ");
    if (a->image_caption.ptr != NULL) {
        blank(d);
        item3(d, S_META, "[Image: ", a->image_caption, "]");
    }
    if (a->body == NULL && a->summary.ptr != NULL) {
        blank(d);
        item(d, S_TEXT, a->summary);
    }
    for (b = a->body; b != NULL; b = b->next) {
        blank(d);
        item(d, b->kind >= 0 && b->kind <= 2 ? block_style[b->kind] : S_TEXT, b->text);
    }
    if (a->tags != NULL) {
        size_t off;
        blank(d);
        off = d->len;
        put(d, "Tags: ", 6);
        for (t = a->tags; t != NULL; t = t->next) {
            put_clean(d, t->text);
            if (t->next != NULL)
                put(d, ", ", 2);
        }
        push(&d->items, &d->n_items, &d->items_cap, off, d->len - off, S_META, 0);
    }
    if (a->related != NULL) {
        blank(d);
        item(d, S_SECTION, str("Related"));
    }
    for (l = a->related; l != NULL; l = l->next) {
        size_t off;
        blank(d);
        item(d, S_LINK, l->title);
        off = d->len; /* "Kicker: summary" on one item */
        put_clean(d, l->kicker);
        if (l->kicker.len > 0 && l->summary.len > 0)
            put(d, ": ", 2);
        put_clean(d, l->summary);
        if (d->len > off)
            push(&d->items, &d->n_items, &d->items_cap, off, d->len - off, S_SUB, 0);
        item(d, S_SUB, l->url);
    }
}

/* Wrap the items to width columns. Prefixes (bullets, quote indents)
 * are dropped when the width is too small to spare them. */
static void relayout(doc *d, size_t width)
{
    size_t i;

    d->n_lines = 0;
    for (i = 0; i < d->n_items; i++) {
        const span *it = &d->items[i];
        size_t pw = news_text_width(str(styles[it->style].first), NULL, NULL);
        news_wrap w;
        news_str text, line;
        int first = 1;

        if (it->len == 0) {
            push(&d->lines, &d->n_lines, &d->lines_cap, it->off, 0, it->style, 1);
            continue;
        }
        if (width < pw + 8)
            pw = 0;
        text.ptr = d->text + it->off;
        text.len = it->len;
        news_wrap_init(&w, text, width - pw, NULL, NULL);
        while (news_wrap_next(&w, &line, NULL) == NEWS_OK) {
            push(&d->lines, &d->n_lines, &d->lines_cap, (size_t)(line.ptr - d->text), line.len,
                 it->style, pw == 0 ? 2 : first);
            first = 0;
        }
    }
}

/* The prefix of a line: first-line marker, continuation indent, or
 * none (first == 2: no room for prefixes). */
static const char *prefix(const span *l)
{
    return l->first == 2 ? "" : l->first ? styles[l->style].first : styles[l->style].rest;
}

static void doc_free(doc *d)
{
    free(d->text);
    free(d->items);
    free(d->lines);
}

/* Titles for the status bar and the list, filtered like the stories. */
static doc titles;

static void clean_title(story *s)
{
    s->title = titles.len;
    put_clean(&titles, s->a.title);
    s->title_n = titles.len - s->title;
}

static news_str title_of(size_t i)
{
    news_str t;
    t.ptr = titles.text != NULL ? titles.text + stories[i].title : "";
    t.len = stories[i].title_n;
    return t;
}

/* ---- printing to a pipe or a file ---- */

static int print_all(size_t width)
{
    doc d = {0};
    size_t i, k;

    for (i = 0; i < n_stories; i++) {
        if (i > 0) {
            fputs("\n", stdout);
            for (k = 0; k < width && k < 40; k++)
                fputc('-', stdout);
            fputs("\n\n", stdout);
        }
        build(&d, &stories[i].a);
        relayout(&d, width);
        for (k = 0; k < d.n_lines; k++) {
            const span *l = &d.lines[k];
            fputs(prefix(l), stdout);
            fwrite(d.text + l->off, 1, l->len, stdout);
            fputc('\n', stdout);
        }
    }
    doc_free(&d);
    /* a full disk or a closed pipe must not pass silently */
    if (fflush(stdout) != 0 || ferror(stdout) || fclose(stdout) != 0) {
        fprintf(stderr, "%s: write error: %s\n", progname, strerror(errno));
        return 1;
    }
    return 0;
}

/* ---- the terminal ---- */

static struct termios saved_tio;
static int tty_in = -1;
static volatile sig_atomic_t raw_on, resized;

static void write_all(const char *s, size_t n)
{
    while (n > 0) {
        ssize_t k = write(STDOUT_FILENO, s, n);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0)
            return;
        s += k;
        n -= (size_t)k;
    }
}

/* Safe in a signal handler: only write() and tcsetattr(). */
static void term_restore(void)
{
    static const char leave[] = "\033[m\033[?25h\033[?1049l";
    if (!raw_on)
        return;
    raw_on = 0;
    write_all(leave, sizeof leave - 1);
    tcsetattr(tty_in, TCSANOW, &saved_tio);
}

static void term_raw(void)
{
    static const char enter[] = "\033[?1049h\033[?25l";
    struct termios t = saved_tio;
    /* keys one by one, no echo; ISIG stays so Ctrl-C is a signal */
    t.c_lflag &= ~(tcflag_t)(ICANON | ECHO | IEXTEN);
    t.c_iflag &= ~(tcflag_t)(IXON | ICRNL);
    t.c_cc[VMIN] = 1;
    t.c_cc[VTIME] = 0;
    tcsetattr(tty_in, TCSANOW, &t);
    raw_on = 1;
    write_all(enter, sizeof enter - 1);
}

static void on_signal(int sig);

static void handle(int sig)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0; /* no SA_RESTART: poll() returns so a resize is seen */
    sigaction(sig, &sa, NULL);
}

static void on_signal(int sig)
{
    int saved_errno = errno;

    if (sig == SIGWINCH) {
        resized = 1;
    } else if (sig == SIGTSTP) { /* suspend with the terminal as found */
        sigset_t set;
        sigemptyset(&set);
        sigaddset(&set, SIGTSTP);
        term_restore();
        signal(SIGTSTP, SIG_DFL);
        raise(SIGTSTP);
        sigprocmask(SIG_UNBLOCK, &set, NULL); /* the stop happens here */
        handle(SIGTSTP);                      /* continued: take the terminal back */
        term_raw();
        resized = 1;
    } else { /* die by the same signal, the terminal put back first */
        term_restore();
        signal(sig, SIG_DFL);
        raise(sig);
    }
    errno = saved_errno;
}

static void term_size(size_t *rows, size_t *cols)
{
    struct winsize ws;
    *rows = 24;
    *cols = 80;
    if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0 && ws.ws_col > 0) {
        *rows = ws.ws_row;
        *cols = ws.ws_col;
    }
}

/* ---- keys ---- */

enum { K_NONE = -1, K_UP = 256, K_DOWN, K_PGUP, K_PGDN, K_HOME, K_END, K_ESC, K_ENTER };

static unsigned char inq[64];
static size_t inq_n;

static int fill(int timeout)
{
    struct pollfd p;
    ssize_t n;

    p.fd = tty_in;
    p.events = POLLIN;
    if (poll(&p, 1, timeout) <= 0)
        return 0;
    n = read(tty_in, inq + inq_n, sizeof inq - inq_n);
    if (n == 0 || (n < 0 && errno != EINTR && errno != EAGAIN))
        return -1; /* the terminal went away */
    if (n > 0)
        inq_n += (size_t)n;
    return n > 0;
}

/* One key from the queue; K_NONE when interrupted (by a resize). */
static int read_key(void)
{
    size_t used = 1, k;
    int key;

    if (inq_n == 0 && fill(-1) < 0)
        return 'q';
    if (inq_n == 0)
        return K_NONE;
    if (inq[0] == 0x1B && inq_n == 1)
        fill(40); /* a lone Esc, or the start of a sequence? */
    key = inq[0] == '\r' || inq[0] == '\n' ? K_ENTER : inq[0];
    if (inq[0] == 0x1B) {
        key = K_ESC;
        if (inq_n > 2 && (inq[1] == '[' || inq[1] == 'O')) {
            for (k = 2; k < inq_n && !(inq[k] >= 0x40 && inq[k] <= 0x7E); k++)
                ;
            used = k < inq_n ? k + 1 : inq_n;
            key = K_NONE;
            if (k < inq_n) {
                switch (inq[k]) {
                case 'A': key = K_UP; break;
                case 'B': key = K_DOWN; break;
                case 'H': key = K_HOME; break;
                case 'F': key = K_END; break;
                case '~':
                    key = inq[2] == '5' ? K_PGUP : inq[2] == '6' ? K_PGDN
                        : inq[2] == '1' || inq[2] == '7' ? K_HOME
                        : inq[2] == '4' || inq[2] == '8' ? K_END : K_NONE;
                    break;
                default: break;
                }
            }
        }
    }
    memmove(inq, inq + used, inq_n - used);
    inq_n -= used;
    return key;
}

/* ---- the pager ---- */

enum { M_STORY, M_LIST, M_HELP };

static struct {
    doc d;
    size_t cur, top, rows, cols, width;
    size_t sel, list_top;
    int mode;
    const char *msg;
    char *out;
    size_t out_len, out_cap;
} pg;

static void out(const char *s, size_t n)
{
    if (pg.out_cap - pg.out_len < n) {
        while (pg.out_cap - pg.out_len < n)
            pg.out_cap = pg.out_cap ? pg.out_cap * 2 : 8192;
        pg.out = xrealloc(pg.out, pg.out_cap);
    }
    memcpy(pg.out + pg.out_len, s, n);
    pg.out_len += n;
}

static void outs(const char *s)
{
    out(s, strlen(s));
}

static void goto_row(size_t row, const char *sgr)
{
    char buf[48];
    snprintf(buf, sizeof buf, "\033[%lu;1H\033[m\033[K\033[%sm", (unsigned long)row + 1, sgr);
    outs(buf);
}

/* s cut to width columns with an ellipsis, then padded with spaces. */
static void out_fit(news_str s, size_t width, int pad)
{
    int cut;
    size_t n = news_truncate(s, width, 1, NULL, NULL, &cut);
    s.len = n;
    out(s.ptr, n);
    if (cut && width > 0)
        outs("\xE2\x80\xA6");
    for (n = news_text_width(s, NULL, NULL) + (cut && width > 0); pad && n < width; n++)
        out(" ", 1);
}

static size_t page(void)
{
    return pg.rows > 1 ? pg.rows - 1 : 1;
}

static size_t max_top(void)
{
    return pg.d.n_lines > page() ? pg.d.n_lines - page() : 0;
}

/* Lay the current story out again, keeping the top line's place. */
static void refit(void)
{
    size_t at = pg.top < pg.d.n_lines ? pg.d.lines[pg.top].off : 0, i;
    size_t width = pg.width > 0 && pg.width < pg.cols ? pg.width : pg.cols;

    relayout(&pg.d, width);
    pg.top = 0;
    for (i = 0; i < pg.d.n_lines && pg.d.lines[i].off <= at; i++)
        pg.top = i;
    if (pg.top > max_top())
        pg.top = max_top();
}

static void open_story(size_t i)
{
    pg.cur = i;
    build(&pg.d, &stories[i].a);
    pg.top = 0;
    refit();
    pg.top = 0;
}

static void status(const char *right)
{
    char left[32];
    size_t rw = strlen(right), lw;
    news_str title = title_of(pg.cur);

    goto_row(pg.rows - 1, "7");
    snprintf(left, sizeof left, " %lu/%lu ", (unsigned long)pg.cur + 1,
             (unsigned long)n_stories);
    lw = strlen(left);
    if (pg.cols < rw + lw + 4) {
        out_fit(str(right), pg.cols, 1);
        return;
    }
    outs(left);
    out_fit(pg.msg != NULL ? str(pg.msg) : title, pg.cols - rw - lw, 1);
    outs(right);
}

static void draw_story(void)
{
    size_t r, i;
    char right[32];

    for (r = 0; r < page(); r++) {
        i = pg.top + r;
        if (i >= pg.d.n_lines) {
            goto_row(r, "");
            continue;
        }
        goto_row(r, styles[pg.d.lines[i].style].sgr);
        outs(prefix(&pg.d.lines[i]));
        out(pg.d.text + pg.d.lines[i].off, pg.d.lines[i].len);
    }
    if (pg.d.n_lines <= page())
        snprintf(right, sizeof right, " All  ? help ");
    else if (pg.top == 0)
        snprintf(right, sizeof right, " Top  ? help ");
    else if (pg.top >= max_top())
        snprintf(right, sizeof right, " End  ? help ");
    else
        snprintf(right, sizeof right, " %2lu%%  ? help ",
                 (unsigned long)((pg.top + page()) * 100 / pg.d.n_lines));
    status(right);
}

static void draw_list(void)
{
    size_t r, rows = page() > 1 ? page() - 1 : 1;
    char num[24];

    if (pg.sel < pg.list_top)
        pg.list_top = pg.sel;
    if (pg.sel >= pg.list_top + rows)
        pg.list_top = pg.sel - rows + 1;
    goto_row(0, "1");
    out_fit(str(" Articles"), pg.cols, 0);
    for (r = 0; r + 1 < page(); r++) {
        size_t i = pg.list_top + r, nw;
        if (i >= n_stories) {
            goto_row(r + 1, "");
            continue;
        }
        goto_row(r + 1, i == pg.sel ? "7" : "");
        nw = (size_t)snprintf(num, sizeof num, " %3lu  ", (unsigned long)i + 1);
        if (pg.cols <= nw) {
            out_fit(str(num), pg.cols, 1);
            continue;
        }
        outs(num);
        out_fit(title_of(i), pg.cols - nw, 1);
    }
    status(" j/k move  Enter open  Esc back ");
}

static void draw_help(void)
{
    static const char *const help[] = {
        " Keys",
        "",
        "   Space  f  PgDn     page down",
        "   b  PgUp            page up",
        "   j  Down  Enter     line down",
        "   k  Up              line up",
        "   g  Home            top of the story",
        "   G  End             end of the story",
        "   n                  next article",
        "   p                  previous article",
        "   l                  list of articles",
        "   ?  h               this help",
        "   q                  quit",
    };
    size_t r, n = sizeof help / sizeof help[0];

    for (r = 0; r < page(); r++) {
        goto_row(r, r == 0 ? "1" : "");
        if (r < n)
            out_fit(str(help[r]), pg.cols, 0);
    }
    status(" any key: back ");
}

static void draw(void)
{
    pg.out_len = 0;
    if (pg.mode == M_LIST)
        draw_list();
    else if (pg.mode == M_HELP)
        draw_help();
    else
        draw_story();
    outs("\033[m");
    write_all(pg.out, pg.out_len);
}

static void scroll(long by)
{
    if (by < 0)
        pg.top = (size_t)-by > pg.top ? 0 : pg.top - (size_t)-by;
    else
        pg.top = pg.top + (size_t)by > max_top() ? max_top() : pg.top + (size_t)by;
}

/* Handle one key in the story; returns 0 to quit. */
static int story_key(int key)
{
    switch (key) {
    case ' ': case 'f': case K_PGDN: scroll((long)page()); break;
    case 'b': case K_PGUP: scroll(-(long)page()); break;
    case 'j': case K_DOWN: case K_ENTER: scroll(1); break;
    case 'k': case K_UP: scroll(-1); break;
    case 'g': case K_HOME: pg.top = 0; break;
    case 'G': case K_END: pg.top = max_top(); break;
    case 'n':
        if (pg.cur + 1 < n_stories)
            open_story(pg.cur + 1);
        else
            pg.msg = "(last article)";
        break;
    case 'p':
        if (pg.cur > 0)
            open_story(pg.cur - 1);
        else
            pg.msg = "(first article)";
        break;
    case 'l': pg.mode = M_LIST; pg.sel = pg.cur; break;
    case '?': case 'h': pg.mode = M_HELP; break;
    case 'q': return 0;
    default: break;
    }
    return 1;
}

static void list_key(int key)
{
    switch (key) {
    case 'j': case K_DOWN: if (pg.sel + 1 < n_stories) pg.sel++; break;
    case 'k': case K_UP: if (pg.sel > 0) pg.sel--; break;
    case 'g': case K_HOME: pg.sel = 0; break;
    case 'G': case K_END: pg.sel = n_stories - 1; break;
    case K_ENTER: open_story(pg.sel); pg.mode = M_STORY; break;
    case K_ESC: case 'l': case 'q': pg.mode = M_STORY; break;
    default: break;
    }
}

static int pager(size_t width)
{
    static const int sigs[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGTSTP, SIGWINCH};
    size_t i;

    if (tcgetattr(tty_in, &saved_tio) != 0)
        return print_all(width > 0 ? width : 80);
    atexit(term_restore);
    for (i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
        handle(sigs[i]);
    term_raw();
    pg.width = width;
    term_size(&pg.rows, &pg.cols);
    open_story(0);
    for (;;) {
        int key;
        if (resized) {
            resized = 0;
            term_size(&pg.rows, &pg.cols);
            refit();
        }
        draw();
        key = read_key();
        if (key == K_NONE)
            continue;
        pg.msg = NULL;
        if (pg.mode == M_HELP)
            pg.mode = M_STORY;
        else if (pg.mode == M_LIST)
            list_key(key);
        else if (!story_key(key))
            break;
    }
    term_restore();
    doc_free(&pg.d);
    free(pg.out);
    return 0;
}

static int usage(void)
{
    fprintf(stderr, "usage: %s [-w COLS] FILE\n", progname);
    return 2;
}

int main(int argc, char **argv)
{
    size_t width = 0, i;
    int rc, arg = 1;

    if (argc > 2 && strcmp(argv[1], "-w") == 0) {
        char *end;
        long v = strtol(argv[2], &end, 10);
        if (*argv[2] == '\0' || *end != '\0' || v < 1 || v > 10000)
            return usage();
        width = (size_t)v;
        arg = 3;
    }
    if (argc != arg + 1)
        return usage();
    if (load(argv[arg]) != 0) {
        rc = 1;
    } else {
        if (isatty(STDOUT_FILENO))
            tty_in = isatty(STDIN_FILENO) ? STDIN_FILENO : open("/dev/tty", O_RDWR);
        rc = tty_in >= 0 ? pager(width) : print_all(width > 0 ? width : 80);
    }
    for (i = 0; i < n_stories; i++)
        free(stories[i].arena);
    free(stories);
    doc_free(&titles);
    news_free(NULL, data);
    return rc;
}
