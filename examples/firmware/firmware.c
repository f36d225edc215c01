/* firmware.c - libnews the way firmware uses it.
 *
 * A story compiled into flash is parsed with a static arena (its text
 * stays in flash: the article only points into it), word-wrapped into
 * pages for a 21-column, 8-row display (a 128x64 OLED with a 6x8 font),
 * and written back as .news text through a sink, which here checks it
 * against the flash copy instead of sending it somewhere. No heap, no
 * stdio; README.md gives the RAM it takes. */
#include "news.h"

#include "board.h"

#define COLS 21
#define ROWS 8

/* In canonical form, so writing it back reproduces it exactly. */
static const char story[] =
    "%news 1\n"
    "title: Night ferry returns to the island after a winter away\n"
    "dek: Two sailings a day from Monday, with a late boat on Fridays\n"
    "kicker: Harbour\n"
    "published: 2024-03-18T06:00:00Z\n"
    "author: Ana Lima\n"
    "\n"
    "The night ferry to Inis M\xC3\xB3r sails again from Monday, three months after storm "
    "damage to the pier at Kilronan kept it in port.\n"
    "\n"
    "The operator will run two sailings a day until June, with a late boat on Fridays for "
    "islanders working on the mainland.\n"
    "\n"
    "# Tickets\n"
    "\n"
    "Fares are unchanged: \xE2\x82\xAC" "12 return for adults, \xE2\x82\xAC" "6 for children, "
    "and free for residents over 66.\n"
    "\n"
    "> \"We have missed the evening boat more than anything,\" said the island's nurse, "
    "\xC3\x81ine N\xC3\xAD Fhlatharta.\n";

/* The article's lists: a few nodes, never its text. This story needs
 * 108 bytes on a 32-bit target (main() reports the figure); 256 leave
 * room for a longer one, and a story that does not fit fails with
 * NEWS_ERR_NOMEM, never overflows. The union aligns the nodes. */
#define ARENA_SIZE 256
static union {
    char bytes[ARENA_SIZE];
    void *align_p;
    size_t align_n;
} arena_mem;

/* The display: a page of line views into the story in flash. A real
 * driver draws them; show_page() prints them framed on the console. */
static news_str page[ROWS];
static unsigned rows, pages;

static void show_page(void)
{
    char buf[2 + COLS * 4 + 1];
    unsigned r;
    size_t i, n, w;

    if (rows == 0)
        return;
    board_console("+---------------------+", COLS + 2);
    for (r = 0; r < ROWS; r++) {
        news_str l = r < rows ? page[r] : (news_str){"", 0};
        n = 0;
        buf[n++] = '|';
        for (i = 0; i < l.len; i++)
            buf[n++] = l.ptr[i];
        for (w = news_text_width(l, NULL, NULL); w < COLS; w++)
            buf[n++] = ' ';
        buf[n++] = '|';
        board_console(buf, n);
    }
    rows = 0;
    pages++;
}

static void row(news_str l)
{
    if (rows == ROWS)
        show_page();
    page[rows++] = l;
}

static void blank(void)
{
    if (rows > 0 && rows < ROWS)
        row((news_str){"", 0});
}

static void wrap(news_str text)
{
    news_wrap w;
    news_str l;

    news_wrap_init(&w, text, COLS, NULL, NULL);
    while (news_wrap_next(&w, &l, NULL) == NEWS_OK)
        row(l);
}

/* The write-back sink: compare with the flash copy as the text comes. */
typedef struct {
    size_t pos;
    int same;
} compare;

static int against_story(void *user, const char *data, size_t len)
{
    compare *c = (compare *)user;
    size_t i;

    for (i = 0; i < len; i++, c->pos++)
        if (c->pos >= sizeof story - 1 || story[c->pos] != data[i])
            c->same = 0;
    return 0;
}

static void say(const char *label, unsigned long v)
{
    char buf[48], digits[12];
    size_t n = 0, k = 0;

    while (*label != '\0')
        buf[n++] = *label++;
    do
        digits[k++] = (char)('0' + (int)(v % 10u));
    while ((v /= 10u) != 0);
    while (k > 0)
        buf[n++] = digits[--k];
    board_console(buf, n);
}

int main(void)
{
    news_article a;
    news_arena ar;
    const news_block *b;
    compare c = {0, 1};
    int rc;

    news_arena_init(&ar, arena_mem.bytes, sizeof arena_mem.bytes);
    rc = news_parse(story, sizeof story - 1, &a, &ar, 0, NULL);
    if (rc != NEWS_OK)
        return 1;

    wrap(a.title);
    blank();
    wrap(a.dek);
    blank();
    if (a.authors != NULL)
        wrap(a.authors->name);
    for (b = a.body; b != NULL; b = b->next) {
        blank();
        wrap(b->text);
    }
    show_page();

    rc = news_write(&a, against_story, &c, NULL);
    if (rc != NEWS_OK || !c.same || c.pos != sizeof story - 1)
        return 1;

    say("pages shown: ", pages);
    say("story in flash, bytes: ", sizeof story - 1);
    say("written back, bytes: ", (unsigned long)c.pos);
    say("arena used, bytes: ", (unsigned long)ar.used);
    say("arena size, bytes: ", sizeof arena_mem);
    say("display views, bytes: ", sizeof page);
    say("article on the stack, bytes: ", sizeof a);
    return 0;
}
