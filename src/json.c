/* json.c - articles out as a JSON Feed 1.1 document. */
#include "internal.h"

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
    while (n > 0) {
        unsigned k = n < sizeof spaces - 2 ? n : (unsigned)sizeof spaces - 2;
        put(j, spaces + 1, k);
        n -= k;
    }
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

/* The inside of a JSON string. Bytes that are not valid UTF-8 become
 * U+FFFD; runs of plain bytes go to the sink in one piece. */
static void chars(news_json *j, const char *p, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    const unsigned char *s = (const unsigned char *)p;
    size_t i = 0, run = 0;

    if (n == 0)
        return;
    while (i < n) {
        unsigned c = s[i];
        size_t len = 1, elen = 2;
        char esc[6]; /* set byte by byte: an initializer would be a memcpy */
        const char *e = esc;

        if (c >= 0x20 && c != '"' && c != '\\' && c < 0x80) {
            i++;
            continue;
        }
        esc[0] = '\\';
        esc[1] = (char)c;
        if (c >= 0x80) {
            len = news__utf8_len(s + i, n - i);
            if (len > 0) {
                i += len;
                continue;
            }
            len = 1;
            e = "\\ufffd";
            elen = 6;
        } else if (c == '\n') {
            esc[1] = 'n';
        } else if (c == '\t') {
            esc[1] = 't';
        } else if (c == '\r') {
            esc[1] = 'r';
        } else if (c != '"' && c != '\\') {
            esc[1] = 'u';
            esc[2] = esc[3] = '0';
            esc[4] = hex[c >> 4];
            esc[5] = hex[c & 15];
            elen = 6;
        }
        put(j, p + run, i - run);
        put(j, e, elen);
        i += len;
        run = i;
    }
    put(j, p + run, n - run);
}

static void string(news_json *j, const char *p, size_t n)
{
    put(j, "\"", 1);
    chars(j, p, n);
    put(j, "\"", 1);
}

static void name(news_json *j, const char *key, size_t len)
{
    next(j);
    string(j, key, len);
    put(j, ": ", (j->flags & NEWS_JSON_PRETTY) ? 2 : 1);
}

#define NAME(j, lit) name((j), (lit), sizeof(lit) - 1)

/* "key": "value", unless the value is absent. */
static void member(news_json *j, const char *key, size_t klen, news_str v)
{
    if (v.ptr == NULL)
        return;
    name(j, key, klen);
    string(j, v.ptr, v.len);
}

#define MEMBER(j, lit, v) member((j), (lit), sizeof(lit) - 1, (v))

static int same_key(const news_field *a, const news_field *b)
{
    return a->key.len == b->key.len && news__memcmp(a->key.ptr, b->key.ptr, a->key.len) == 0;
}

/* Extension fields as an object; a key given more than once maps to
 * the array of its values, in order, where its first field stands. */
static void ext(news_json *j, const news_field *list)
{
    const news_field *f, *g;

    if (list == NULL)
        return;
    NAME(j, "ext");
    push(j, '{');
    for (f = list; f != NULL; f = f->next) {
        /* One pass over the whole list: fields with f's key before f
         * (then f is not the first of its key) and in all. */
        size_t before = 0, count = 0;
        int past = 0;
        for (g = list; g != NULL; g = g->next) {
            past |= g == f;
            if (same_key(g, f)) {
                count++;
                before += !past;
            }
        }
        if (before > 0)
            continue;
        name(j, f->key.ptr, f->key.len);
        if (count > 1)
            push(j, '[');
        for (g = f; g != NULL; g = g->next) {
            if (!same_key(g, f))
                continue;
            if (count > 1)
                next(j);
            string(j, g->value.ptr, g->value.len);
        }
        if (count > 1)
            pop(j, ']');
    }
    pop(j, '}');
}

/* Single-valued members, in output order: the NEWS_FIELD_* id, then the
 * JSON name. An id of 0x7F stands for content_text, which is built from
 * the blocks. */
static const char head_members[] = "\6id\0\5url\0\0title\0\3summary\0\177content_text\0"
                                   "\10date_published\0\11date_modified\0\7language\0\0";
static const char libnews_members[] = "\1dek\0\2kicker\0\4source\0\13image_caption\0\0";

/* Write the members of a table whose value is present (a table ends
 * with two NULs). */
static void members(news_json *j, const news_article *a, const char *m)
{
    for (; *m != '\0' || m[1] != '\0'; m += 2) {
        size_t n = 0;
        int id = (unsigned char)*m;
        const news_block *b;

        while (m[1 + n] != '\0')
            n++;
        if (id == 0x7F) {
            if (a->body != NULL) {
                name(j, m + 1, n);
                put(j, "\"", 1);
                for (b = a->body; b != NULL; b = b->next) {
                    if (b != a->body)
                        put(j, "\\n\\n", 4);
                    chars(j, b->text.ptr, b->text.len);
                }
                put(j, "\"", 1);
            }
        } else {
            member(j, m + 1, n, *NEWS__ARTICLE_CSTR(a, id));
        }
        m += n;
    }
}

static void links(news_json *j, const news_link *l)
{
    if (l == NULL)
        return;
    NAME(j, "related");
    push(j, '[');
    for (; l != NULL; l = l->next) {
        next(j);
        push(j, '{');
        MEMBER(j, "title", l->title);
        MEMBER(j, "url", l->url);
        MEMBER(j, "kicker", l->kicker);
        MEMBER(j, "summary", l->summary);
        ext(j, l->ext);
        pop(j, '}');
    }
    pop(j, ']');
}

static void libnews(news_json *j, const news_article *a)
{
    static const char *const kinds[3] = {"text", "heading", "quote"};
    const news_block *b;

    if (a->dek.ptr == NULL && a->kicker.ptr == NULL && a->source.ptr == NULL &&
        a->image_caption.ptr == NULL && a->body == NULL && a->related == NULL && a->ext == NULL)
        return;
    NAME(j, "_libnews");
    push(j, '{');
    members(j, a, libnews_members);
    if (a->body != NULL) {
        NAME(j, "paragraphs");
        push(j, '[');
        for (b = a->body; b != NULL; b = b->next) {
            const char *k = kinds[b->kind == NEWS_BLOCK_HEADING || b->kind == NEWS_BLOCK_QUOTE ? b->kind : 0];
            size_t klen = 0;
            while (k[klen] != '\0')
                klen++;
            next(j);
            push(j, '{');
            NAME(j, "kind");
            string(j, k, klen);
            NAME(j, "text");
            string(j, b->text.ptr, b->text.len);
            pop(j, '}');
        }
        pop(j, ']');
    }
    links(j, a->related);
    ext(j, a->ext);
    pop(j, '}');
}

int news_json_begin(news_json *j, news_sink sink, void *user, const char *title, unsigned flags)
{
    size_t n = 0;

    if (j == NULL || sink == NULL)
        return NEWS_ERR_ARG;
    news__memset(j, 0, sizeof *j);
    j->sink = sink;
    j->user = user;
    j->flags = flags;
    if (title == NULL)
        title = "";
    while (title[n] != '\0')
        n++;
    push(j, '{');
    NAME(j, "version");
    string(j, "https://jsonfeed.org/version/1.1", 32);
    NAME(j, "title");
    string(j, title, n);
    NAME(j, "items");
    push(j, '[');
    return j->rc;
}

int news_json_article(news_json *j, const news_article *a)
{
    const news_tag *t;
    const news_author *au;

    if (j == NULL || a == NULL)
        return NEWS_ERR_ARG;
    next(j);
    push(j, '{');
    members(j, a, head_members);
    if (a->tags != NULL) {
        NAME(j, "tags");
        push(j, '[');
        for (t = a->tags; t != NULL; t = t->next) {
            next(j);
            string(j, t->text.ptr, t->text.len);
        }
        pop(j, ']');
    }
    MEMBER(j, "image", a->image);
    if (a->authors != NULL) {
        NAME(j, "authors");
        push(j, '[');
        for (au = a->authors; au != NULL; au = au->next) {
            next(j);
            push(j, '{');
            MEMBER(j, "name", au->name);
            MEMBER(j, "url", au->url);
            if (au->bio.ptr != NULL) {
                NAME(j, "_libnews");
                push(j, '{');
                MEMBER(j, "bio", au->bio);
                pop(j, '}');
            }
            pop(j, '}');
        }
        pop(j, ']');
    }
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
