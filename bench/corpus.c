/* corpus.c - a deterministic corpus of realistic articles, as a
 * canonical .news store.
 *
 * Each article: a title of about 80 bytes, a dek, a kicker, a source,
 * a url, a language, a date, two or three tags, 1-3 authors with bios,
 * 7-9 blocks (paragraphs of about 400 bytes, one heading, one quote)
 * with curly quotes, dashes and accented words, and 5-11 related links
 * with kicker, summary and (mostly) a url. The words come from fixed
 * lists through a fixed-seed PRNG, so every run on every machine gives
 * the same bytes. */
#include "corpus.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static unsigned long long state;

static size_t pick(size_t n)
{
    /* xorshift64*: small, fast and deterministic */
    state ^= state >> 12;
    state ^= state << 25;
    state ^= state >> 27;
    return (size_t)((state * 2685821657736338717ull) >> 33) % n;
}

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static const char *const words[] = {
    "harbour", "council", "ferry", "vote", "residents", "mayor", "budget", "winter",
    "storm", "tide", "coast", "pier", "island", "route", "funding", "decade",
    "meeting", "evening", "plan", "service", "boat", "captain", "market", "school",
    "bridge", "river", "valley", "farmers", "rail", "station", "museum", "library",
    "district", "hospital", "nurses", "teachers", "report", "survey", "court", "judge",
    "ruling", "appeal", "election", "minister", "policy", "energy", "wind", "solar",
    "grid", "prices", "rents", "housing", "workers", "union", "strike", "talks",
    "deal", "season", "festival", "crowd", "record", "year", "week", "night",
    "morning", "officials", "said", "says", "would", "could", "after", "before",
    "while", "since", "under", "over", "new", "old", "local", "national",
    "small", "large", "first", "last", "early", "late", "quiet", "busy",
    "caf\xC3\xA9", "na\xC3\xAFve", ("fa\xC3\xA7" "ade"), "r\xC3\xB4le", "Z\xC3\xBCrich",
    "S\xC3\xA3o Paulo", "Krak\xC3\xB3w", "\xC3\x86r\xC3\xB8",
};
static const char *const kickers[] = {"Speed Read", "In Depth", "Analysis", "The Explainer",
                                      "Opinion", "Review", "Local", "Briefing"};
static const char *const names[] = {"Jane Doe", "Tom\xC3\xA1s Ortega", "Mia Lindqvist",
                                    "Ravi Menon", "Chlo\xC3\xA9 Martin", "Oskar Nowak",
                                    "Amara Okafor", "Liam Byrne"};
static const char *const tags[] = {"transport", "politics", "weather", "economy",
                                   "culture", "health", "energy", "courts"};

static void add(news_buf *b, const char *s)
{
    news_buf_add(b, s, strlen(s));
}

/* Words until at least len bytes; now and then a curly quote, an em
 * dash, a comma or an apostrophe, as in edited prose. */
static void prose(news_buf *b, size_t len, int sentence)
{
    size_t start = b->len, k;
    int quoted = 0;

    for (k = 0; b->len - start < len; k++) {
        const char *w = words[pick(COUNT(words))];
        size_t r = pick(100);
        if (k > 0)
            add(b, " ");
        if (r < 4 && !quoted) {
            add(b, "\xE2\x80\x9C");
            quoted = 1;
        }
        if (k == 0 && sentence && w[0] >= 'a' && w[0] <= 'z') {
            char c = (char)(w[0] - 'a' + 'A');
            news_buf_add(b, &c, 1);
            add(b, w + 1);
        } else {
            add(b, w);
        }
        if (quoted && r >= 4 && r < 12) {
            add(b, "\xE2\x80\x9D");
            quoted = 0;
        } else if (r >= 12 && r < 15) {
            add(b, " \xE2\x80\x94");
        } else if (r >= 15 && r < 22) {
            add(b, ",");
        } else if (r >= 22 && r < 24) {
            add(b, "\xE2\x80\x99s");
        }
    }
    if (quoted)
        add(b, "\xE2\x80\x9D");
    if (sentence)
        add(b, ".");
}

static void line(news_buf *b, const char *key, const char *value)
{
    add(b, key);
    add(b, ": ");
    add(b, value);
    add(b, "\n");
}

static void article(news_buf *b, unsigned long n)
{
    size_t i, nauthors = 1 + pick(3), nblocks = 7 + pick(3), nlinks = 5 + pick(7);
    size_t ntags = 2 + pick(2);
    char tmp[64];

    add(b, "%news 1\ntitle: ");
    prose(b, 72 + pick(16), 0);
    add(b, "\ndek: ");
    prose(b, 100, 1);
    add(b, "\n");
    line(b, "kicker", kickers[pick(COUNT(kickers))]);
    line(b, "source", "The Coastal Courier");
    sprintf(tmp, "https://courier.example/2024/%06lu", n);
    line(b, "url", tmp);
    line(b, "language", "en-GB");
    sprintf(tmp, "2024-%02lu-%02luT%02lu:%02lu:00Z", 1 + n % 12, 1 + n % 28, n % 24, n % 60);
    line(b, "published", tmp);
    for (i = 0; i < ntags; i++)
        line(b, "tag", tags[pick(COUNT(tags))]);
    for (i = 0; i < nauthors; i++) {
        const char *name = names[pick(COUNT(names))];
        line(b, "author", name);
        add(b, "author-bio: ");
        add(b, name);
        add(b, " has reported on ");
        prose(b, 120 + pick(80), 1);
        add(b, "\n");
    }
    for (i = 0; i < nblocks; i++) {
        add(b, i == 4 ? "\n# " : i == 6 ? "\n> " : "\n");
        prose(b, i == 4 ? 40 : 340 + pick(120), 1);
        add(b, "\n");
    }
    add(b, "\n");
    for (i = 0; i < nlinks; i++) {
        add(b, "-\ntitle: ");
        prose(b, 50 + pick(30), 0);
        add(b, "\n");
        line(b, "kicker", kickers[pick(COUNT(kickers))]);
        add(b, "summary: ");
        prose(b, 90 + pick(60), 1);
        add(b, "\n");
        if (pick(4) != 0) {
            sprintf(tmp, "https://courier.example/2024/%06lu", (unsigned long)pick(999999));
            line(b, "url", tmp);
        }
    }
}

void news_buf_add(news_buf *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap * 2 : (size_t)1 << 16;
        while (cap < b->len + n + 1)
            cap *= 2;
        b->p = realloc(b->p, cap);
        if (b->p == NULL) {
            fprintf(stderr, "corpus: out of memory\n");
            exit(1);
        }
        b->cap = cap;
    }
    memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = '\0';
}

void corpus_seed(unsigned long long seed)
{
    state = seed ? seed : 0x9E3779B97F4A7C15ull;
}

void corpus_article(news_buf *b, unsigned long n)
{
    article(b, n);
}

void corpus_store(news_buf *b, unsigned long articles, unsigned long long seed)
{
    unsigned long n;
    corpus_seed(seed);
    for (n = 0; n < articles; n++)
        article(b, n);
}
