/* fields.c - the field keys of the format and the rules for their values. */
#include "internal.h"

/* The keys in NEWS_FIELD_* order, each with its length before it (the
 * writer reads it through news__key_of()) and a NUL after it, in one
 * string so that it stays in flash on every target. at[i] says how far
 * past at[i] itself key i's length byte lies, so that a pointer into at
 * is enough to reach its key (one register less in the size build's
 * search). The related links' keys follow from NEWS_FIELD_COUNT in
 * NEWS_LINK_* order (title, kicker, summary, url), and a 0 ends the
 * list. */
static const struct key_table {
    unsigned char at[NEWS_FIELD_COUNT + NEWS_LINK_COUNT + 1];
    char str[136];
} keys = {{21, 27, 31, 38, 46, 53, 57, 60, 69, 79, 88, 94, 108, 112, 119, 130, 5, 16, 23, 39, 0},
          "\5title\0\3dek\0\6kicker\0\7summary\0\6source\0\3url\0\2id\0"
          "\10language\0\11published\0\10modified\0\5image\0"
          "\15image-caption\0\3tag\0\6author\0\12author-url\0"
          "\12author-bio"};
/* The offsets are bytes of the whole object, reached through an unsigned
 * char pointer to it (not past the end of at); they need str right after
 * at, which this typedef checks at compile time. */
#define KEYS ((const unsigned char *)&keys)
typedef char key_table_packed[offsetof(struct key_table, str) == sizeof keys.at ? 1 : -1];

#if !defined(__OPTIMIZE_SIZE__) || (defined(__SSE2__) && !defined(NEWS_NO_SIMD))
/* A perfect hash of the keys, (first byte * 8 + last byte + length * 4)
 * mod 32 (NEWS__KEY_HASH), maps each to its id + 1; other keys land on
 * 0 or on a key that the byte comparison then rejects. */
const unsigned char news__key_hash[32] = {6,  11, 3, 0, 0, 8, 0, 0,  9, 0, 12, 0, 10, 4, 0, 0,
                                          0,  0,  14, 13, 7, 5, 0, 2, 0, 1, 0, 0, 15, 0, 0, 16};
#endif

#ifndef __OPTIMIZE_SIZE__
/* Related-link ids by header id: title, kicker, summary and url. */
static const signed char link_id[NEWS_FIELD_COUNT] = {
    NEWS_LINK_TITLE, -1, NEWS_LINK_KICKER, NEWS_LINK_SUMMARY, -1, NEWS_LINK_URL, -1, -1,
    -1,              -1, -1, -1, -1, -1, -1, -1};
#endif

/* Where the single-valued fields live, by NEWS_FIELD_* / NEWS_LINK_*. */
const unsigned char news__article_slot[NEWS_FIELD_SINGLE] = {
    offsetof(news_article, title),     offsetof(news_article, dek),
    offsetof(news_article, kicker),    offsetof(news_article, summary),
    offsetof(news_article, source),    offsetof(news_article, url),
    offsetof(news_article, id),        offsetof(news_article, language),
    offsetof(news_article, published), offsetof(news_article, modified),
    offsetof(news_article, image),     offsetof(news_article, image_caption)};
const unsigned char news__link_slot[NEWS_LINK_COUNT] = {
    offsetof(news_link, title), offsetof(news_link, kicker), offsetof(news_link, summary),
    offsetof(news_link, url)};

/* Where in keys.at key field is, or -1 for an unknown id. */
#define KEY_INDEX(field, link)                                                                 \
    ((link) ? (field) >= 0 && (field) < NEWS_LINK_COUNT ? (field) + NEWS_FIELD_COUNT : -1     \
     : (field) < NEWS_FIELD_COUNT ? (field)                                                    \
                                  : -1)

const unsigned char *news__key_of(int field, int link)
{
    int i = KEY_INDEX(field, link);
    return i >= 0 ? KEYS + i + keys.at[i] : NULL;
}

const char *news_field_key(int field, int link)
{
    const unsigned char *k = news__key_of(field, link);
    return k != NULL ? (const char *)k + 1 : NULL;
}

#if !defined(__OPTIMIZE_SIZE__) || (defined(__SSE2__) && !defined(NEWS_NO_SIMD))
/* The tables of news__key16() (internal.h), besides the hash: the keys
 * again with their colon and the usual space, each padded to 16 bytes,
 * to compare one with a line in a single step (the hash's empty slots,
 * 0, lead to the entry that matches nothing), and the ids by entry, of
 * the header and of a related link. Speed builds' writer stores a key
 * from here in one 16-byte step. */
const char news__key16_str[NEWS_FIELD_COUNT + 1][16] = {
    "",           "title: ",    "dek: ",           "kicker: ", "summary: ",
    "source: ",   "url: ",      "id: ",            "language: ", "published: ",
    "modified: ", "image: ",    "image-caption: ", "tag: ",    "author: ",
    "author-url: ", "author-bio: "};
#endif

#if defined(__SSE2__) && !defined(NEWS_NO_SIMD)
const signed char news__key16_id[2][NEWS_FIELD_COUNT + 1] = {
    {-1, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15},
    {-1, NEWS_LINK_TITLE, -1, NEWS_LINK_KICKER, NEWS_LINK_SUMMARY, -1, NEWS_LINK_URL, -1, -1,
     -1, -1, -1, -1, -1, -1, -1, -1}};

size_t news__key_at(const char *s, size_t n, size_t room, int link, int *id)
{
    size_t k;

    if (room >= 16 && (k = news__key16(s, link, 0, id)) != 0)
        return k;
    return news__key(s, n, link, id);
}
#endif

size_t news__key(const char *s, size_t n, int link, int *id)
{
    size_t k = 0;
    const char *t;
#ifdef __OPTIMIZE_SIZE__
    const unsigned char *a;
#else
    int i;
#endif

    *id = NEWS_FIELD_EXT;
    /* Letters run fast; digits and '-' (not first) extend the key. */
    for (;;) {
        while (k < n && NEWS__IS_LOWER((unsigned char)s[k]))
            k++;
        if (k == 0 || k == n || (s[k] != '-' && !NEWS__IS_DIGIT((unsigned char)s[k])))
            break;
        k++;
    }
#ifdef __OPTIMIZE_SIZE__
    /* A linear search is smaller than the hash; a related link's keys
     * are searched by their NEWS_LINK_* order, which is then the id. */
    for (a = KEYS + (link != 0) * NEWS_FIELD_COUNT; *a; a++) {
        size_t j = k;
        t = (const char *)a + *a;
        if ((unsigned char)t[0] != k)
            continue;
        while (j > 0 && t[j] == s[j - 1])
            j--;
        if (j == 0) {
            *id = (int)((size_t)(a - KEYS) % NEWS_FIELD_COUNT);
            break;
        }
    }
#else
    if (k == 0 || k > 13)
        return k;
    i = news__key_hash[NEWS__KEY_HASH(s, k)] - 1;
    if (i < 0)
        return k;
    t = (const char *)KEYS + i + keys.at[i];
    if ((unsigned char)t[0] != k || news__memcmp(t + 1, s, k) != 0)
        return k;
    *id = link ? link_id[i] : i;
#endif
    return k;
}

/* language = 1*8ALPHA *("-" 1*8alphanum), the shape of a BCP 47 tag.
 * A helper on (pointer, length) rather than news_str: GCC spills a
 * struct argument to the stack on Thumb-1. */
NEWS__NOINLINE static int language(const char *p, size_t n)
{
    size_t i, run = 0;
    for (i = 0; i < n; i++) {
        unsigned c = (unsigned char)p[i];
        if (c == '-' && run > 0) {
            run = 0;
        } else if ((NEWS__IS_ALPHA(c) || (NEWS__IS_DIGIT(c) && i > run)) && run < 8) {
            run++; /* digits only after the first subtag: i > run */
        } else {
            return NEWS_ERR_LANGUAGE;
        }
    }
    return run > 0 ? NEWS_OK : NEWS_ERR_LANGUAGE;
}

int news__check_field(int field, int link, const char *p, size_t n)
{
    /* Tests and a bit set rather than a switch, which Thumb-1 turns into
     * a call to a libgcc table helper. Must not be empty: a link's title;
     * a header's title, tag and author. */
    unsigned f = (unsigned)field, must = NEWS__MUST_FILL_LINK;

    if (!link) {
        if (f - NEWS_FIELD_PUBLISHED < 2u) /* or NEWS_FIELD_MODIFIED */
            return news__time(p, n, NULL);
        if (f == NEWS_FIELD_LANGUAGE)
            return language(p, n);
        must = NEWS__MUST_FILL;
    }
    return n == 0 && f < 16u && (must >> f & 1u) ? NEWS_ERR_EMPTY_VALUE : NEWS_OK;
}

#ifdef NEWS__WIDE_WINDOW
/* The constants of news__window_wide() (internal.h): defined here, apart
 * from the files that read them, so that they are read as operands. */
#define X4(v) v, v, v, v
#define X32(v) X4(X4(v)), X4(X4(v))
const unsigned char news__wide_k[6][32] = {{X32(0xC0)}, {X32(32)},  /* control or lead */
                                           {X32(0xBE)}, {X32(98)},  /* C2-DF */
                                           {X32(0x9F)}, {X32(116)}}; /* E1-EC */
#undef X32
#undef X4
#endif
