/* article.c - building articles from reader events in a caller's arena. */
#include "internal.h"
#if defined(NEWS__WINDOW) && !defined(__OPTIMIZE_SIZE__)
#include "reader.h"
#endif

void news_arena_init(news_arena *ar, void *base, size_t cap)
{
    ar->base = (char *)base;
    ar->cap = base == NULL ? 0 : cap;
    ar->used = 0;
}

/* Take n bytes aligned to align (a power of two). Returns NULL when
 * only measuring or when they do not fit; used grows either way, so
 * that it ends as the exact size needed. */
static void *take(news_arena *ar, size_t n, size_t align)
{
    size_t pad = (size_t)(0u - ((uintptr_t)ar->base + ar->used)) & (align - 1), at;

    if (n > NEWS__SIZE_MAX - align || ar->used > NEWS__SIZE_MAX - align - n) {
        ar->used = NEWS__SIZE_MAX; /* cannot be met; stays over any cap */
        return NULL;
    }
    at = ar->used + pad;
    ar->used = at + n;
    if (ar->base == NULL || ar->used > ar->cap)
        return NULL;
    return ar->base + at;
}

/* Keep the view *v: as it is, as a NUL-terminated copy in the arena,
 * or NUL-terminated in place. */
static NEWS__HOT void keep(news_arena *ar, news_str *v, unsigned flags)
{
    if (flags & NEWS_COPY) {
        char *p = (char *)take(ar, v->len + 1, 1);
        if (p != NULL) {
            news__memcpy(p, v->ptr, v->len);
            p[v->len] = '\0';
            v->ptr = p;
        }
    } else if (flags & NEWS_INPLACE) {
        ((char *)(uintptr_t)v->ptr)[v->len] = '\0'; /* the caller's input is writable */
    }
}

/* The nodes, one code for all: per kind its size, where its list head
 * and its count lie in the owner (offsets from the article's tags, or
 * from the current link's ext, so that they fit a byte on 64-bit too),
 * where its strings go, which strings of the event it keeps (from FROM
 * to the end of the value: key and value, the value, or none) and what
 * else it takes (F_*). next is every node's last member. */
enum { K_EXT, K_BLOCK, K_LINK, K_LINK_EXT, K_TAG, K_AUTHOR }; /* see kind_of() */
enum { SIZE, HEAD, COUNT, TO, FROM, FLAGS };
#define F_LINK 1u /* owned by the current link */
#define F_KIND 2u /* a block: its kind */
#define E(m) offsetof(news_event, m)
#define E_END (offsetof(news_event, value) + sizeof(news_str))
#define A(m) (offsetof(news_article, m) - offsetof(news_article, tags))
#define L(m) (offsetof(news_link, m) - offsetof(news_link, ext))
static const unsigned char kinds[][6] = {
    {sizeof(news_field), A(ext), A(n_ext), offsetof(news_field, key), E(key), 0},
    {sizeof(news_block), A(body), A(n_blocks), offsetof(news_block, text), E(value), F_KIND},
    {sizeof(news_link), A(related), A(n_related), 0, E_END, 0},
    {sizeof(news_field), L(ext), L(n_ext), offsetof(news_field, key), E(key), F_LINK},
    {sizeof(news_tag), A(tags), A(n_tags), offsetof(news_tag, text), E(value), 0},
    {sizeof(news_author), A(authors), A(n_authors), offsetof(news_author, name), E(value), 0}};
#define LAST(type) (offsetof(type, next) == sizeof(type) - sizeof(type *))
typedef char kinds_fit[A(n_ext) < 256 && sizeof(news_link) < 256 && L(n_ext) < 256 &&
                               LAST(news_block) && LAST(news_link) && LAST(news_field) &&
                               LAST(news_tag) && LAST(news_author) &&
                               offsetof(news_author, url) == sizeof(news_str) &&
                               E(value) == E(key) + sizeof(news_str) &&
                               offsetof(news_field, value) == sizeof(news_str) && E_END < 256 &&
                               offsetof(news_author, bio) == 2 * sizeof(news_str)
                           ? 1
                           : -1];
#undef A
#undef L
#undef LAST
#undef E

/* Append node to the circular list whose head is at head. The heads
 * and next members point to different struct types, which C gives one
 * representation: they are copied as bytes, never read as another
 * type. Both are aligned pointers, which GCC and Clang are told so
 * that the copies are single loads and stores. */
#if defined(__GNUC__)
#define PTR_AT(at) __builtin_assume_aligned((at), sizeof(news_tag *))
#else
#define PTR_AT(at) ((void *)(at))
#endif
#define PTR_GET(p, at) news__memcpy(&(p), PTR_AT(at), sizeof(p))
#define PTR_SET(at, p) news__memcpy(PTR_AT(at), &(p), sizeof(p))
static NEWS__HOT void append(char *head, char *node, size_t next)
{
    news_tag *last, *n = (news_tag *)(void *)node, *first = n;

    PTR_GET(last, head);
    if (last != NULL) {
        PTR_GET(first, (char *)last + next);
        PTR_SET((char *)last + next, n);
    }
    PTR_SET(node + next, first);
    PTR_SET(head, n);
}

/* Kept out of line where code size counts (-Os): the compiler would
 * otherwise specialise the code of add() that follows for each kind. */
#ifdef __OPTIMIZE_SIZE__
#define KIND_INLINE NEWS__NOINLINE
#else
#define KIND_INLINE NEWS__HOT
#endif

/* The kind of node an event adds, or NULL for a single-valued field.
 * The kinds are in the order of the event types (with an extension
 * field for each field type), then tag and author. Only a known field
 * has an id other than NEWS_FIELD_EXT: news_reader_next() gives that
 * to every other event. */
static KIND_INLINE const unsigned char *kind_of(int type, int id)
{
    int k = type - NEWS_EV_FIELD;

    if (id != NEWS_FIELD_EXT) {
        if (type != NEWS_EV_FIELD || (unsigned)(id - NEWS_FIELD_TAG) > 1u)
            return NULL;
        k = K_TAG + id - NEWS_FIELD_TAG;
    }
    return kinds[k];
}
typedef char kinds_order[K_BLOCK == NEWS_EV_BLOCK - NEWS_EV_FIELD &&
                                 K_LINK == NEWS_EV_LINK - NEWS_EV_FIELD &&
                                 K_LINK_EXT == NEWS_EV_LINK_FIELD - NEWS_EV_FIELD &&
                                 NEWS_FIELD_AUTHOR == NEWS_FIELD_TAG + 1
                             ? 1
                             : -1];

/* Where code size counts (-Os), add() is news__add(), the one copy that
 * the importer calls too, kept out of news_read_article() so that its
 * frame does not add to that of news_reader_next(). Elsewhere it is
 * inlined into read_article(), and news__add() is a copy of it. */
#ifdef __OPTIMIZE_SIZE__
#define add news__add
#define ADD_INLINE NEWS__NOINLINE
#else
#define ADD_INLINE static NEWS__HOT
#endif

/* Whether the arena is real and has held all so far. */
static int fits(const news_arena *ar)
{
    return ar->base != NULL && ar->used <= ar->cap;
}

/* What an event other than NEWS_EV_ARTICLE_END adds to the article: for
 * NEWS_EV_ARTICLE, its start (here rather than in read_article(), which
 * has two copies). */
ADD_INLINE void add(news_article *a, news_arena *ar, news_event *ev, unsigned flags)
{
    int id = ev->field, type = ev->type;
    const unsigned char *kd;
    unsigned f;
    size_t at;
    char *owner, *node;

    if (type == NEWS_EV_ARTICLE) {
        news__memset(a, 0, sizeof *a);
        return;
    }
    kd = kind_of(type, id);
    /* Strings first, then the node they go into: the same order in
     * every mode, so that measuring gives the size exactly. */
    if (!fits(ar)) /* measuring, or the arena is full: leave the input alone */
        flags &= ~(unsigned)NEWS_INPLACE;
    if (kd == NULL) { /* a single-valued field: no node */
        keep(ar, &ev->value, flags);
        if (type == NEWS_EV_LINK_FIELD) {
            owner = (char *)a->related;
            at = news__link_slot[id];
        } else if (id < NEWS_FIELD_SINGLE) {
            owner = (char *)a; /* measuring too */
            at = news__article_slot[id];
        } else { /* author-url or author-bio, of the last author */
            owner = (char *)a->authors;
            at = (size_t)(id - NEWS_FIELD_AUTHOR) * sizeof(news_str);
        }
        /* No link or author was built when measuring (or, after the
         * arena filled, only those before: the article is then lost) */
        if (owner != NULL)
            *(news_str *)(void *)(owner + at) = ev->value;
        return;
    }
    f = kd[FLAGS];
#ifdef __OPTIMIZE_SIZE__
    for (at = kd[FROM]; at != E_END; at += sizeof(news_str)) /* one call */
        keep(ar, (news_str *)(void *)((char *)ev + at), flags);
#else
    if (kd[FROM] == offsetof(news_event, key)) /* unrolled: faster */
        keep(ar, &ev->key, flags);
    if (kd[FROM] != E_END)
        keep(ar, &ev->value, flags);
#endif
    node = (char *)take(ar, kd[SIZE], NEWS_ALIGN);
    owner = (char *)a + offsetof(news_article, tags);
    if (f & F_LINK) { /* counted only in a link that was built */
        if (node == NULL)
            return;
        owner = (char *)a->related + offsetof(news_link, ext);
    }
    ++*(size_t *)(void *)(owner + kd[COUNT]);
    if (node == NULL) /* measuring, or the arena is full */
        return;
    /* Every member is set: where code size counts by clearing the node
     * and copying the strings from the event, else by stores (calls of
     * variable size are slow for 24 bytes). */
#ifdef __OPTIMIZE_SIZE__
    news__memset(node, 0, kd[SIZE]);
    news__memcpy(node + kd[TO], (char *)ev + kd[FROM], E_END - kd[FROM]);
#else
    if (kd[FROM] == E_END)
        news__memset(node, 0, sizeof(news_link));
    else if (kd[FROM] == offsetof(news_event, key))
        ((news_field *)(void *)node)->key = ev->key;
    else if (kd == kinds[K_AUTHOR])
        news__memset(node + offsetof(news_author, url), 0, 2 * sizeof(news_str));
    if (kd[FROM] != E_END)
        *(news_str *)(void *)(node + kd[TO] + offsetof(news_event, value) - kd[FROM]) =
            ev->value;
#endif
    if (f & F_KIND)
        ((news_block *)(void *)node)->kind = ev->kind;
    append(owner + kd[HEAD], node, kd[SIZE] - sizeof(news_tag *));
}

#if defined(NEWS__WINDOW) && !defined(__OPTIMIZE_SIZE__)
/* Speed builds with look-ahead windows: the common lines of a buffer
 * read in view mode are taken here, without news_event records, under
 * the reader's rules (reader.h, news__key_at(), news__check_field()).
 * A line is taken only once every check that could fail has passed;
 * anything else (a line the window does not vouch for, an error, a
 * limit about to be crossed, a directive, a rare line) is left to
 * news_reader_next() and add(), which then report or build it exactly
 * as they would have, as the reader's state is kept as they keep it. */
#define FAST_LINES 1

/* A node of size bytes, when it fits with NEWS_ALIGN to spare (so that
 * take() too would give it); NULL, with nothing taken, when not. */
static NEWS__HOT char *fast_node(news_arena *ar, size_t size)
{
    size_t at = ar->used + ((size_t)(0u - ((uintptr_t)ar->base + ar->used)) & (NEWS_ALIGN - 1));

    if (ar->cap - ar->used < size + NEWS_ALIGN) /* (used <= cap) */
        return NULL;
    ar->used = at + size;
    return ar->base + at;
}

/* The reader's state as the line loop keeps it: in locals, which node
 * stores (through char pointers, which may alias anything) would
 * otherwise make the compiler load again for every line. */
typedef struct fast_state {
    unsigned long line, seen;
    size_t fields_left, n_authors, n_tags, n_items; /* fields_left: one value, not count and limit */
    int state;
} fast_state;

/* The header fields whose value has a rule besides not being empty. */
#define RULES_OF_TEXT (CHECKED & ~NEWS__MUST_FILL)

/* The keys of a related link, by their first byte & 15 (which tells
 * them apart): the key with its colon and a space, which the 16 bytes
 * of the line must match (mask), and what taking its value needs: its
 * length, its seen bit and where the value goes in the link, all
 * derived from the string and the id. A slot with no key asks for a NUL
 * first, which no field line has: it never matches. A key spelt
 * otherwise in fields.c would only miss here and go to news__key().
 * One entry holds all (32 bytes on 64-bit targets), so that one index
 * reaches it. */
typedef struct link_key_entry {
    char str[16];
    unsigned long bit;
    unsigned short mask;
    unsigned char len, slot;
} link_key_entry;
#define SUMMARY "summary: "
#define TITLE "title: "
#define URL "url: "
#define KICKER "kicker: "
#define KEY(str, id, m)                                                                        \
    {str, SEEN_LINK(id), (1u << (sizeof str - 1)) - 1, sizeof str - 3, offsetof(news_link, m)}
#define NO_KEY {"", 0, 1, 0, 0}
static const link_key_entry link_key[16] = {NO_KEY, NO_KEY, NO_KEY,
                                            KEY(SUMMARY, NEWS_LINK_SUMMARY, summary),
                                            KEY(TITLE, NEWS_LINK_TITLE, title),
                                            KEY(URL, NEWS_LINK_URL, url),
                                            NO_KEY, NO_KEY, NO_KEY, NO_KEY, NO_KEY,
                                            KEY(KICKER, NEWS_LINK_KICKER, kicker),
                                            NO_KEY, NO_KEY, NO_KEY, NO_KEY};
typedef char link_key_fits[sizeof(news_link) < 256 ? 1 : -1];
#undef SUMMARY
#undef TITLE
#undef URL
#undef KICKER
#undef KEY
#undef NO_KEY

/* A link's field line s[0..n) with one of the keys above and a value
 * that can be taken at once (not empty, not seen, within the limit),
 * its 16 bytes readable: 1 when taken, 0 when not (nothing changed). */
static NEWS__HOT int fast_link_field(fast_state *f, news_article *a, const char *s, size_t n)
{
    const link_key_entry *e = &link_key[(unsigned char)s[0] & 15u];
    unsigned m = (unsigned)_mm_movemask_epi8(
        _mm_cmpeq_epi8(_mm_loadu_si128((const __m128i *)(const void *)s),
                       _mm_loadu_si128((const __m128i *)(const void *)e->str)));
    news_str *slot;

    if ((~m & e->mask) != 0 || n == e->len + 2u || f->fields_left == 0 || (f->seen & e->bit))
        return 0;
    f->seen |= e->bit;
    f->fields_left--;
    slot = (news_str *)(void *)((char *)a->related + e->slot);
    slot->ptr = s + e->len + 2;
    slot->len = n - e->len - 2;
    return 1;
}

/* A field line s[0..n) of the header (link 0) or of the current link:
 * 1 when taken, 0 when left to the general path (nothing changed). */
static NEWS__HOT int fast_field(fast_state *f, const news_reader *r, news_article *a,
                                news_arena *ar, const char *s, size_t n, int link)
{
    const news_limits *lim = r->v.c.lim;
    int id, key_id;
    /* 16 bytes readable: in the line, or in the rest of the input */
    size_t k = link || (n < 16 && (size_t)(r->end - s) < 16) ? 0 : news__key16(s, 0, 1, &id),
           v = k + 2;
    unsigned long bit;
    news_str val, *slot;
    char *node;

    if (k == 0) { /* not a known key then "key: " (a match is on the line) */
        k = news__key(s, n, link, &key_id); /* (not &id: id stays in a register) */
        if (k == 0 || k == n || s[k] != ':')
            return 0;
        id = key_id;
        v = k + 1 + (k + 1 < n && s[k + 1] == ' ');
    }
    if (f->fields_left == 0)
        return 0;
    val.ptr = s + v;
    val.len = n - v;
    /* The rules: for a value that is not empty, only those of a header's
     * language and dates (the others are that it not be empty) */
    if (id >= 0 && (val.len == 0 || (!link && ((RULES_OF_TEXT >> id) & 1u))) &&
        news__check_field(id, link, val.ptr, val.len) != NEWS_OK)
        return 0;
    if (link) {
        if (id >= 0) {
            bit = SEEN_LINK(id);
            slot = NEWS__LINK_STR(a->related, id);
            goto single;
        }
        if ((node = fast_node(ar, sizeof(news_field))) == NULL) {
            return 0;
        }
    } else if (id == NEWS_FIELD_TAG) {
        if (f->n_tags >= lim->max_tags || (node = fast_node(ar, sizeof(news_tag))) == NULL)
            return 0;
        f->n_tags++;
    } else if (id == NEWS_FIELD_AUTHOR) {
        if (f->n_authors >= lim->max_authors ||
            (node = fast_node(ar, sizeof(news_author))) == NULL)
            return 0;
        f->n_authors++;
        f->seen &= ~(SEEN_AUTHOR_URL | SEEN_AUTHOR_BIO);
    } else if (id >= 0) {
        bit = SEEN(id);
        if (id == NEWS_FIELD_IMAGE_CAPTION && !(f->seen & SEEN(NEWS_FIELD_IMAGE)))
            return 0;
        if (id < NEWS_FIELD_SINGLE) {
            slot = NEWS__ARTICLE_STR(a, id);
        } else { /* author-url or author-bio, of the last author */
            if (f->n_authors == 0)
                return 0;
            slot = (news_str *)(void *)((char *)a->authors +
                                        (size_t)(id - NEWS_FIELD_AUTHOR) * sizeof(news_str));
        }
        goto single;
    } else if ((node = fast_node(ar, sizeof(news_field))) == NULL) {
        return 0;
    }
    /* Taken, into a node: from here as news_reader_next() and add() would. */
    f->fields_left--;
    if (id == NEWS_FIELD_EXT) {
        news_field *e = (news_field *)(void *)node;
        e->key.ptr = s;
        e->key.len = k;
        e->value = val;
        if (link) {
            a->related->n_ext++;
            append((char *)&a->related->ext, node, offsetof(news_field, next));
        } else {
            a->n_ext++;
            append((char *)&a->ext, node, offsetof(news_field, next));
        }
    } else if (id == NEWS_FIELD_TAG) {
        ((news_tag *)(void *)node)->text = val;
        a->n_tags++;
        append((char *)&a->tags, node, offsetof(news_tag, next));
    } else { /* author */
        news_author *au = (news_author *)(void *)node;
        au->name = val;
        au->url.ptr = au->bio.ptr = NULL;
        au->url.len = au->bio.len = 0;
        a->n_authors++;
        append((char *)&a->authors, node, offsetof(news_author, next));
    }
    return 1;
single: /* a single-valued field, taken unless it came before */
    if (f->seen & bit)
        return 0;
    f->seen |= bit;
    f->fields_left--;
    *slot = val;
    return 1;
}

/* The fields the limit still allows, as the reader counts them. */
#define FIELDS_LEFT(r, lim)                                                                    \
    ((r)->v.c.n_fields < (lim)->max_fields ? (lim)->max_fields - (r)->v.c.n_fields : 0)

/* A mask of the window from its byte off on: the bits below cleared,
 * none left when off is past the window. */
#define FROM_OFF(w, off) ((off) < NEWS__W ? (w) & (~(size_t)0 << (off)) : 0)

/* The window as the line loop keeps it: in locals (the struct is never
 * in memory, as its address goes only to inlined code), the bits
 * before the next line cleared, so that a line costs a bit scan and a
 * test. */
typedef struct fast_window {
    const char *at;
    size_t m, b, ahead; /* ahead: whole windows past the one at at */
} fast_window; /* (the carry stays in r->carry: a register fewer) */

/* The whole windows past the one at at, not past the end (at <= end). */
#define AHEAD(r, at)                                                                           \
    ((size_t)((r)->end - (at)) < NEWS__W ? 0 : (size_t)((r)->end - (at)) / NEWS__W - 1)

/* A line's end: where the next line begins, and the line's length. By
 * value, so that it comes back in registers: an address given out of
 * line would be kept in a register through the loops. */
typedef struct fast_line {
    const char *next;
    size_t n;
} fast_line;

/* The line at p the general way (window_peek(), window_renew()), for
 * what the masks do not vouch for: the window stored in *r first, and
 * taken back from it after. Next is where the next line begins, or
 * NULL to stop (the window stored). Out of line: rare, and the loops
 * need its registers. (The window by value: with its address taken,
 * the loops would keep it in memory.) */
static NEWS__COLD fast_line fast_peek(news_reader *r, fast_window w, const char *p)
{
    fast_line l;

    r->u.w.at = w.at;
    r->u.w.ctrl = w.m;
    r->u.w.bad = w.b;
    l.next = window_peek(r, p, &l.n);
    if (l.next == NULL && window_renew(r, p))
        l.next = window_peek(r, p, &l.n);
    return l;
}

/* The masks of the last window, of n < NEWS__W bytes at s, its carry
 * into r->carry: out of line, for the reason given at fast_line. */
typedef struct fast_masks {
    size_t m, b;
} fast_masks;

static NEWS__COLD fast_masks fast_end(news_reader *r, const char *s, size_t n, unsigned carry)
{
    fast_masks k;

    r->carry = (unsigned char)news__window_end((const unsigned char *)s, n, carry, &k.m, &k.b);
    return k;
}

/* The end of the line at p: 1 with *next where the next line begins
 * and *n the line's length; 0 to stop, the window stored. (The results
 * by pointer, and the pointer test out of the loops.) A new window is made here
 * when a line runs past one (by news__window_wide() when wide);
 * anything else (no window yet, the end of the input, a line the masks
 * do not vouch for) goes to fast_peek(). */
static NEWS__HOT int fast_next(news_reader *r, fast_window *w, const char *p,
                               const char **next, size_t *n, int wide)
{
    fast_line l;
    fast_masks k;
    size_t off, m, b;

#ifndef NEWS__DISPATCH
    (void)wide;
#endif
    for (;;) {
        if (w->m != 0) {
            size_t j = NEWS__CTZ(w->m);
            if ((w->b != 0 && (w->b & (w->m ^ (w->m - 1))) != 0) || w->at[j] != '\n')
                break; /* (b is mostly 0: tested first, alone) */
            w->m &= w->m - 1;
            *n = (size_t)(w->at + j - p);
            *next = w->at + j + 1;
            return 1;
        }
        if (w->b != 0)
            break;
        if (w->ahead != 0) { /* a whole window next: one test */
            w->ahead--;
            w->at += NEWS__W;
#ifdef NEWS__DISPATCH
            if (wide)
                r->carry = (unsigned char)news__window_wide((const unsigned char *)w->at,
                                                            r->carry, &m, &b);
            else
#endif
                r->carry = (unsigned char)news__window_full((const unsigned char *)w->at,
                                                            r->carry, &m, &b);
            w->m = m;
            w->b = b;
            continue;
        }
        if ((size_t)(r->end - w->at) <= NEWS__W)
            break;
        w->at += NEWS__W;
        k = fast_end(r, w->at, (size_t)(r->end - w->at), r->carry);
        w->m = k.m;
        w->b = k.b;
    }
    l = fast_peek(r, *w, p);
    if (l.next == NULL)
        return 0;
    w->at = r->u.w.at;
    w->ahead = AHEAD(r, w->at);
    off = (size_t)(l.next - w->at); /* <= NEWS__W */
    w->m = FROM_OFF(r->u.w.ctrl, off);
    w->b = FROM_OFF(r->u.w.bad, off);
    *n = l.n;
    *next = l.next;
    return 1;
}

/* A related link opens at line line, at p: 1 when taken. */
static NEWS__HOT int fast_link(fast_state *f, news_reader *r, news_article *a, news_arena *ar,
                               const char *p)
{
    const news_limits *lim = r->v.c.lim;
    news_link *l;

    if (f->state == S_LINKS
            ? !(f->seen & SEEN_LINK(NEWS_LINK_TITLE)) || f->n_items >= lim->max_links
            : lim->max_links == 0)
        return 0;
    if ((l = (news_link *)(void *)fast_node(ar, sizeof(news_link))) == NULL)
        return 0;
    f->n_items = f->state == S_LINKS ? f->n_items + 1 : 1;
    f->seen &= ~SEEN_LINKS;
    r->sec_line = f->line + 1;
    r->sec_off = r->org + OFF(p);
    f->state = S_LINKS;
    /* by members: a memset of this size is a rep stos, slow to start */
    l->title.ptr = l->kicker.ptr = l->summary.ptr = l->url.ptr = NULL;
    l->title.len = l->kicker.len = l->summary.len = l->url.len = 0;
    l->ext = NULL;
    l->n_ext = 0;
    a->n_related++;
    append((char *)&a->related, (char *)l, offsetof(news_link, next));
    return 1;
}

/* The lines from r->p on that need nothing of the general path, until
 * one does: a loop for each state, so that each keeps only what its
 * lines need in registers. Where the loop stops before the line at p,
 * the masks are stored for that line, as window_peek() would see them.
 * wide: windows by news__window_wide(). */
static NEWS__HOT void lines(news_reader *r, news_article *a, news_arena *ar, int wide)
{
    const news_limits *lim = r->v.c.lim;
    /* (next is set before use; GCC at -Og cannot tell) */
    const char *p = r->p, *taken = NULL, *next = NULL;
    size_t n = 0, max_line = r->v.c.max_line, off;
    fast_window w;
    fast_state f;
    int c;

    f.state = r->state;
    if (f.state == S_START || f.state > S_LINKS)
        return;
    f.line = r->line;
    f.seen = r->seen;
    f.fields_left = FIELDS_LEFT(r, lim);
    f.n_authors = r->v.c.n_authors;
    f.n_tags = r->v.c.n_tags;
    f.n_items = r->v.c.n_items;
    w.at = r->u.w.at; /* (never past the end) */
    w.ahead = AHEAD(r, w.at);
    off = (size_t)(p - w.at);
    w.m = FROM_OFF(r->u.w.ctrl, off);
    /* (p before the window, or beyond its end: window_peek() decides) */
    w.b = off <= NEWS__W ? FROM_OFF(r->u.w.bad, off) : ~(size_t)0;
    if (f.state == S_BODY)
        goto body;
    if (f.state == S_LINKS)
        goto links;
    for (;; taken = p, p = next, f.line++) { /* the header */
        if (!fast_next(r, &w, p, &next, &n, wide))
            goto stop;
        if (n > max_line)
            goto out;
        if (n == 0) { /* blank: the header's end */
            if (!(f.seen & SEEN(NEWS_FIELD_TITLE)))
                goto out;
            f.state = S_BODY;
            break;
        }
        if (!NEWS__IS_LOWER((unsigned char)p[0]) || !fast_field(&f, r, a, ar, p, n, 0))
            goto out;
    }
    for (;;) { /* the body */
        taken = p;
        p = next;
        f.line++;
    body:
        if (!fast_next(r, &w, p, &next, &n, wide))
            goto stop;
        if (n > max_line)
            goto out;
        if (n == 0)
            continue;
        c = (unsigned char)p[0];
        if (c == '-' && n == 1) {
            if (!fast_link(&f, r, a, ar, p))
                goto out;
            break;
        } else { /* a block, unless a directive or maybe blank */
            news_block *bl;
            size_t skip = 0;
            int kind = NEWS_BLOCK_PARAGRAPH;

            if (c == '%' || c == ' ' || f.n_items >= lim->max_blocks)
                goto out;
            if ((bl = (news_block *)(void *)fast_node(ar, sizeof(news_block))) == NULL)
                goto out;
            if (c == '#' || c == '>') {
                kind = c == '#' ? NEWS_BLOCK_HEADING : NEWS_BLOCK_QUOTE;
                skip = 1 + (n > 1 && p[1] == ' ');
            } else if (c == '\\') {
                skip = 1;
            }
            f.n_items++;
            bl->kind = kind;
            bl->text.ptr = p + skip;
            bl->text.len = n - skip;
            a->n_blocks++;
            append((char *)&a->body, (char *)bl, offsetof(news_block, next));
        }
    }
    for (;;) { /* the related links */
        taken = p;
        p = next;
        f.line++;
    links:
        if (!fast_next(r, &w, p, &next, &n, wide))
            goto stop;
        if (n > max_line)
            goto out;
        if (n == 0)
            continue;
        c = (unsigned char)p[0];
        if (NEWS__IS_LOWER(c)) { /* (fields first: four or five to a link) */
            if (((n < 16 && (size_t)(r->end - p) < 16) || !fast_link_field(&f, a, p, n)) &&
                !fast_field(&f, r, a, ar, p, n, 1))
                goto out;
        } else if (c != '-' || n != 1 || !fast_link(&f, r, a, ar, p)) {
            goto out;
        }
    }
out:
    /* stopped before the line at p, whose masks are clear: the window
     * as it stands for it, its LF (the last byte, if one) put back
     * (bad bits were none from p to there) */
    if (next[-1] == '\n')
        w.m |= (size_t)1 << (size_t)(next - 1 - w.at);
    r->u.w.at = w.at;
    r->u.w.ctrl = w.m;
    r->u.w.bad = w.b;
stop:
    if (taken != NULL) { /* the reader as news_reader_next() leaves it */
        r->line = f.line - 1;
        line_taken(r, taken, p);
        r->state = (unsigned char)f.state;
        r->seen = f.seen;
        r->v.c.n_fields += FIELDS_LEFT(r, lim) - f.fields_left;
        r->v.c.n_authors = f.n_authors;
        r->v.c.n_tags = f.n_tags;
        r->v.c.n_items = f.n_items;
    }
}

static NEWS__NOINLINE void fast_lines(news_reader *r, news_article *a, news_arena *ar)
{
    lines(r, a, ar, 0);
}

#ifdef NEWS__DISPATCH
/* The same for CPUs with AVX2, BMI1 and BMI2 (NEWS__HAS_WIDE()): the
 * windows 32 bytes a step, and every line op with the newer encodings. */
NEWS__WIDE __attribute__((flatten)) static NEWS__NOINLINE void
fast_lines_wide(news_reader *r, news_article *a, news_arena *ar)
{
    lines(r, a, ar, 1);
}
#endif
#undef AHEAD
#undef FROM_OFF
#undef FIELDS_LEFT
#endif

#ifndef __OPTIMIZE_SIZE__
void news__add(news_article *a, news_arena *ar, news_event *ev, unsigned flags)
{
    add(a, ar, ev, flags);
}
#endif

/* Lists are built circular, the list head pointing at the last node,
 * so that appending is O(1) without keeping tail pointers anywhere
 * (append()). This turns the list whose head is at head into a
 * NULL-terminated one from the first node. */
static void close_list(char *head, size_t next)
{
    news_tag *last, *first, *none = NULL;

    PTR_GET(last, head);
    if (last != NULL) {
        PTR_GET(first, (char *)last + next);
        PTR_SET((char *)last + next, none);
        PTR_SET(head, first);
    }
}

/* The article's lists by their kinds (the related links' first, so
 * that they can be walked), then each link's. */
void news__close_lists(news_article *a)
{
    size_t k;
    news_link *l;

    for (k = 0; k < sizeof kinds / sizeof kinds[0]; k++)
        if (!(kinds[k][FLAGS] & F_LINK))
            close_list((char *)a + offsetof(news_article, tags) + kinds[k][HEAD],
                       kinds[k][SIZE] - sizeof(news_tag *));
    for (l = a->related; l != NULL; l = l->next)
        close_list((char *)&l->ext, offsetof(news_field, next));
}

#ifdef FAST_LINES
/* read_article() for views (flags without NEWS_COPY and NEWS_INPLACE,
 * so a buffer-mode reader): the same loop, with fast_lines() after each
 * event while the arena holds all (used stays NEWS__SIZE_MAX after a
 * take() that could never be met, which a cap of NEWS__SIZE_MAX would
 * not tell). Apart, so that the other modes test nothing more per
 * event. */
static NEWS__NOINLINE int read_views(news_reader *r, news_article *a, news_arena *ar)
{
    news_event ev;
    int rc;
#ifdef NEWS__DISPATCH
    int wide = NEWS__HAS_WIDE();
#endif

    for (;;) {
        rc = news_reader_next(r, &ev);
        if (rc != NEWS_OK)
            return rc;
        if (ev.type == NEWS_EV_ARTICLE_END) {
            news__close_lists(a); /* (none was built when measuring) */
            return ar->base != NULL && ar->used > ar->cap ? NEWS_ERR_NOMEM : NEWS_OK;
        }
        add(a, ar, &ev, 0);
        if (fits(ar) && ar->used != NEWS__SIZE_MAX) {
#ifdef NEWS__DISPATCH
            if (wide)
                fast_lines_wide(r, a, ar);
            else
#endif
                fast_lines(r, a, ar);
        }
    }
}
#endif

/* news_read_article() after its checks; also news_parse()'s own copy,
 * so that the deepest reading call has one frame fewer on the stack. */
static NEWS__ALWAYS_INLINE int read_article(news_reader *r, news_article *a, news_arena *ar,
                                            unsigned flags)
{
    news_event ev;
    int rc;

#ifdef FAST_LINES
    if (!(flags & (NEWS_COPY | NEWS_INPLACE))) /* (stream mode always copies) */
        return read_views(r, a, ar);
#endif
    for (;;) {
        rc = news_reader_next(r, &ev);
        if (rc != NEWS_OK)
            return rc;
        if (ev.type == NEWS_EV_ARTICLE_END) {
            news__close_lists(a); /* (none was built when measuring) */
            return ar->base != NULL && ar->used > ar->cap ? NEWS_ERR_NOMEM : NEWS_OK;
        }
        add(a, ar, &ev, flags);
    }
}

int news_read_article(news_reader *r, news_article *a, news_arena *ar, unsigned flags)
{
    if (r == NULL || a == NULL || ar == NULL)
        return NEWS_ERR_ARG;
    if (r->flags & NEWS__F_STREAM)
        flags = (flags | NEWS_COPY) & ~(unsigned)NEWS_INPLACE; /* chunks do not last */
    return read_article(r, a, ar, flags);
}

int news_parse(const char *data, size_t len, news_article *a, news_arena *ar, unsigned flags,
               news_error *error)
{
    news_reader r;
    int rc;

    news_reader_init(&r, data, len, NULL);
    rc = a == NULL || ar == NULL ? NEWS_ERR_ARG : read_article(&r, a, ar, flags);
    news__parse_error(&r, rc, error);
    return rc;
}

void news__parse_error(const news_reader *r, int rc, news_error *error)
{
    if (error != NULL) {
        /* (not news__set_error(), whose fifth argument takes stack) */
        news__memcpy(error, news_reader_error(r), sizeof *error);
        if (rc == NEWS_ERR_NOMEM || rc == NEWS_ERR_ARG) { /* not the reader's */
            error->code = rc;
            error->message = news_strerror(rc);
        }
    }
}
