/* json.c - articles out as a JSON Feed 1.1 document. */
#include "internal.h"

#include <stddef.h>

/* Every constant string the export writes, each after its length byte,
 * so that a one-byte index names it (K_*, from 1). Finding one walks the
 * table, so the names written most (each paragraph's) come first; the
 * block kinds follow K_TEXT in NEWS_BLOCK_* order. The names an item
 * shares with the text format's keys are not here: K_FIELD + a
 * NEWS_FIELD_* id names them, from the keys' table (fields.c). */
static const char words[] = "\4kind\4text\7heading\5quote"
                            "\14content_text\16date_published\15date_modified"
                            "\4tags\7authors\4name\10_libnews\3bio"
                            "\15image_caption\12paragraphs\7related\3ext\7version"
                            "\5items\40https://jsonfeed.org/version/1.1";
enum {
    K_KIND = 1,
    K_TEXT,
    K_HEADING,
    K_QUOTE,
    K_CONTENT_TEXT,
    K_PUBLISHED,
    K_MODIFIED,
    K_TAGS,
    K_AUTHORS,
    K_NAME,
    K_LIBNEWS,
    K_BIO,
    K_IMAGE_CAPTION,
    K_PARAGRAPHS,
    K_RELATED,
    K_EXT,
    K_VERSION,
    K_ITEMS,
    K_JSONFEED,
    K_FIELD = 0x20, /* + NEWS_FIELD_*: the names the text format's keys share */
    K_ID = K_FIELD + NEWS_FIELD_ID,
    K_URL = K_FIELD + NEWS_FIELD_URL,
    K_TITLE = K_FIELD + NEWS_FIELD_TITLE,
    K_SUMMARY = K_FIELD + NEWS_FIELD_SUMMARY,
    K_LANGUAGE = K_FIELD + NEWS_FIELD_LANGUAGE,
    K_IMAGE = K_FIELD + NEWS_FIELD_IMAGE,
    K_DEK = K_FIELD + NEWS_FIELD_DEK,
    K_KICKER = K_FIELD + NEWS_FIELD_KICKER,
    K_SOURCE = K_FIELD + NEWS_FIELD_SOURCE
};

/* Runs of optional string members: the name's K_* and the offset of the
 * news_str in its struct, pairs ended by a 0. One object holds them all,
 * so that a run is named by its offset in it (RUN), a byte. */
#define A(k, m) k, offsetof(news_article, m)
#define AU(k, m) k, offsetof(news_author, m)
#define L(k, m) k, offsetof(news_link, m)
static const struct runs {
    unsigned char head[9], dates[7], image[3], libnews[9], author[5], bio[3], link[9];
} runs = {{A(K_ID, id), A(K_URL, url), A(K_TITLE, title), A(K_SUMMARY, summary), 0},
          {A(K_PUBLISHED, published), A(K_MODIFIED, modified), A(K_LANGUAGE, language), 0},
          {A(K_IMAGE, image), 0},
          {A(K_DEK, dek), A(K_KICKER, kicker), A(K_SOURCE, source),
           A(K_IMAGE_CAPTION, image_caption), 0},
          {AU(K_NAME, name), AU(K_URL, url), 0},
          {AU(K_BIO, bio), 0},
          {L(K_TITLE, title), L(K_URL, url), L(K_KICKER, kicker), L(K_SUMMARY, summary), 0}};
#undef A
#undef AU
#undef L
#define RUN(name) offsetof(struct runs, name)

static void put(news_json *j, const char *s, size_t n)
{
    if (j->rc == 0 && n > 0)
        j->rc = j->sink(j->user, s, n);
}

static void newline(news_json *j)
{
    static const char spaces[] = "\n                ";
    unsigned n = j->depth * 2;

    if (!(j->flags & NEWS_JSON_PRETTY))
        return;
    put(j, spaces, 1);
    for (; n > sizeof spaces - 2; n -= sizeof spaces - 2)
        put(j, spaces + 1, sizeof spaces - 2);
    put(j, spaces + 1, n); /* nothing when n is 0 */
}

/* Start a value in the current container: comma and indentation. */
static void next(news_json *j)
{
    unsigned long bit = 1ul << j->depth;
    if (!(j->first & bit))
        put(j, ",", 1);
    j->first &= ~bit;
    newline(j);
}

static void push(news_json *j, char c)
{
    put(j, &c, 1);
    j->depth++;
    j->first |= 1ul << j->depth;
}

static void pop(news_json *j, char c)
{
    int empty = (j->first >> j->depth) & 1u;
    j->depth--;
    if (!empty)
        newline(j);
    put(j, &c, 1);
}

/* An object as the next element of an array. */
static void element(news_json *j)
{
    next(j);
    push(j, '{');
}

/* The escape of byte c of a string: a control character, a quote or a
 * backslash, or (c >= 0x80) a byte that is not valid UTF-8, which
 * becomes U+FFFD. Out of the loop of chars(), which it seldom leaves. */
static NEWS__NOINLINE void escape(news_json *j, unsigned c)
{
    char esc[6]; /* set byte by byte: an initializer would be a memcpy */
    const char *e = esc;
    size_t n = 2;

    esc[0] = '\\';
    esc[1] = (char)c;
    if (c >= 0x80) {
        e = "\\ufffd";
        n = 6;
    } else if (c == '\n') {
        esc[1] = 'n';
    } else if (c == '\t') {
        esc[1] = 't';
    } else if (c == '\r') {
        esc[1] = 'r';
    } else if (c < 0x20) {
        esc[1] = 'u';
        esc[2] = esc[3] = '0';
        esc[4] = (char)('0' + (c >> 4));
        esc[5] = (char)((c & 15) < 10 ? '0' + (c & 15) : 'a' - 10 + (c & 15));
        n = 6;
    }
    put(j, e, n);
}

/* The inside of a JSON string. Bytes that are not valid UTF-8 become
 * U+FFFD; runs of plain bytes go to the sink in one piece. */
static void chars(news_json *j, const char *p, size_t n)
{
    const unsigned char *s = (const unsigned char *)p;
    size_t i = 0, run = 0;

    if (n == 0)
        return;
    while (i < n) {
        unsigned c = s[i];

        if (c >= 0x20 && c != '"' && c != '\\' && c < 0x80) {
            i++;
#ifndef __OPTIMIZE_SIZE__
            /* the rest of a run of them in a loop of its own (speed builds:
             * fewer branches a byte) */
            while (i < n && (c = s[i]) - 0x20u < 0x60u && c != '"' && c != '\\')
                i++;
#endif
            continue;
        }
        if (c >= 0x80) {
            size_t len = news__utf8_len(s + i, n - i);
            if (len > 0) {
                i += len;
                continue;
            }
        }
        put(j, p + run, i - run);
        escape(j, c);
        run = ++i;
    }
    put(j, p + run, n - run);
}

static void quote(news_json *j)
{
    put(j, "\"", 1);
}

static void string(news_json *j, const char *p, size_t n)
{
    quote(j);
    chars(j, p, n);
    quote(j);
}

/* The constant string K_* k, quoted. */
static void word(news_json *j, unsigned k)
{
    const unsigned char *p = (const unsigned char *)words;

    if (k >= K_FIELD) {
        p = news__key_of((int)k - K_FIELD, 0); /* the same shape: length, then bytes */
    } else {
        while (--k > 0)
            p += *p + 1;
    }
    quote(j); /* as string() would, but none needs escaping */
    put(j, (const char *)p + 1, *p);
    quote(j);
}

static void colon(news_json *j)
{
    put(j, ": ", (j->flags & NEWS_JSON_PRETTY) ? 2 : 1);
}

/* Start the member named K_* k. */
static void key(news_json *j, unsigned k)
{
    next(j);
    word(j, k);
    colon(j);
}

/* A member holding an array or object (c opens it). */
static void container(news_json *j, unsigned k, char c)
{
    key(j, k);
    push(j, c);
}

/* The members of the run at offset at in runs whose news_str in the
 * struct at base is present. */
static void members(news_json *j, const void *base, size_t at)
{
    const unsigned char *run = (const unsigned char *)&runs + at;

    for (; *run != 0; run += 2) {
        const news_str *v = (const news_str *)(const void *)((const char *)base + run[1]);
        if (v->ptr != NULL) {
            key(j, *run);
            string(j, v->ptr, v->len);
        }
    }
}

/* The first field from g on with the key of f, or NULL. */
static const news_field *find(const news_field *g, const news_field *f)
{
    while (g != NULL && (g->key.len != f->key.len ||
                         news__memcmp(g->key.ptr, f->key.ptr, f->key.len) != 0))
        g = g->next;
    return g;
}

/* Extension fields as an object; a key given more than once maps to
 * the array of its values, in order, where its first field stands. */
static void ext(news_json *j, const news_field *list)
{
    const news_field *f, *g;

    if (list == NULL)
        return;
    container(j, K_EXT, '{');
    for (f = list; f != NULL; f = f->next) {
        int many;

        if (find(list, f) != f) /* not the first of its key */
            continue;
        many = find(f->next, f) != NULL;
        next(j);
        string(j, f->key.ptr, f->key.len);
        colon(j);
        if (many)
            push(j, '[');
        for (g = f; g != NULL; g = find(g->next, f)) {
            if (many)
                next(j);
            string(j, g->value.ptr, g->value.len);
        }
        if (many)
            pop(j, ']');
    }
    pop(j, '}');
}

/* content_text: the blocks joined by a blank line. */
static void content(news_json *j, const news_block *body)
{
    const news_block *b;

    if (body == NULL)
        return;
    key(j, K_CONTENT_TEXT);
    quote(j);
    for (b = body; b != NULL; b = b->next) {
        if (b != body)
            put(j, "\\n\\n", 4);
        chars(j, b->text.ptr, b->text.len);
    }
    quote(j);
}

static void authors(news_json *j, const news_author *au)
{
    if (au == NULL)
        return;
    container(j, K_AUTHORS, '[');
    for (; au != NULL; au = au->next) {
        element(j);
        members(j, au, RUN(author));
        if (au->bio.ptr != NULL) {
            container(j, K_LIBNEWS, '{');
            members(j, au, RUN(bio));
            pop(j, '}');
        }
        pop(j, '}');
    }
    pop(j, ']');
}

static void paragraphs(news_json *j, const news_block *b)
{
    if (b == NULL)
        return;
    container(j, K_PARAGRAPHS, '[');
    for (; b != NULL; b = b->next) {
        unsigned kind = (unsigned)b->kind;
        element(j);
        key(j, K_KIND);
        word(j, K_TEXT + (kind <= NEWS_BLOCK_QUOTE ? kind : NEWS_BLOCK_PARAGRAPH));
        key(j, K_TEXT);
        string(j, b->text.ptr, b->text.len);
        pop(j, '}');
    }
    pop(j, ']');
}

static void links(news_json *j, const news_link *l)
{
    if (l == NULL)
        return;
    container(j, K_RELATED, '[');
    for (; l != NULL; l = l->next) {
        element(j);
        members(j, l, RUN(link));
        ext(j, l->ext);
        pop(j, '}');
    }
    pop(j, ']');
}

static void libnews(news_json *j, const news_article *a)
{
    if (a->dek.ptr == NULL && a->kicker.ptr == NULL && a->source.ptr == NULL &&
        a->image_caption.ptr == NULL && a->body == NULL && a->related == NULL && a->ext == NULL)
        return;
    container(j, K_LIBNEWS, '{');
    members(j, a, RUN(libnews));
    paragraphs(j, a->body);
    links(j, a->related);
    ext(j, a->ext);
    pop(j, '}');
}

int news_json_begin(news_json *j, news_sink sink, void *user, const char *title, unsigned flags)
{
    size_t n = 0;

    if (j == NULL || sink == NULL)
        return NEWS_ERR_ARG;
    j->sink = sink;
    j->user = user;
    j->rc = 0;
    j->flags = flags;
    j->depth = 0;
    j->first = 0;
    while (title != NULL && title[n] != '\0')
        n++;
    push(j, '{');
    key(j, K_VERSION);
    word(j, K_JSONFEED);
    key(j, K_TITLE);
    string(j, title, n);
    container(j, K_ITEMS, '[');
    return j->rc;
}

int news_json_article(news_json *j, const news_article *a)
{
    const news_tag *t;

    if (j == NULL || a == NULL)
        return NEWS_ERR_ARG;
    element(j);
    members(j, a, RUN(head));
    content(j, a->body);
    members(j, a, RUN(dates));
    if (a->tags != NULL) {
        container(j, K_TAGS, '[');
        for (t = a->tags; t != NULL; t = t->next) {
            next(j);
            string(j, t->text.ptr, t->text.len);
        }
        pop(j, ']');
    }
    members(j, a, RUN(image));
    authors(j, a->authors);
    libnews(j, a);
    pop(j, '}');
    return j->rc;
}

int news_json_end(news_json *j)
{
    if (j == NULL)
        return NEWS_ERR_ARG;
    pop(j, ']');
    pop(j, '}');
    put(j, "\n", 1);
    return j->rc;
}
