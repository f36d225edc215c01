/* fields.c - the field keys of the format and the rules for their values. */
#include "internal.h"

/* Keys in NEWS_FIELD_* order, NUL-separated: one string, no pointer
 * table, so the whole thing stays in flash on every target. */
static const char keys[] = "title\0dek\0kicker\0summary\0source\0url\0id\0language\0"
                           "published\0modified\0image\0image-caption\0tag\0author\0"
                           "author-url\0author-bio";

/* Related-link fields, as indexes into keys[]. */
static const unsigned char link_keys[NEWS_LINK_COUNT] = {NEWS_FIELD_TITLE, NEWS_FIELD_KICKER,
                                                         NEWS_FIELD_SUMMARY, NEWS_FIELD_URL};

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

static const char *key_at(int i)
{
    const char *p = keys;
    while (i-- > 0)
        while (*p++ != '\0')
            ;
    return p;
}

const char *news_field_key(int field, int link)
{
    if (link)
        return field >= 0 && field < NEWS_LINK_COUNT ? key_at(link_keys[field]) : NULL;
    return field >= 0 && field < NEWS_FIELD_COUNT ? key_at(field) : NULL;
}

int news__field_id(const char *key, size_t len, int link)
{
    const char *p = keys;
    int i;

    for (i = 0; i < NEWS_FIELD_COUNT; i++) {
        size_t n = 0;
        while (p[n] != '\0')
            n++;
        if (n == len && news__memcmp(p, key, len) == 0)
            break;
        p += n + 1;
    }
    if (!link)
        return i < NEWS_FIELD_COUNT ? i : NEWS_FIELD_EXT;
    for (len = 0; len < NEWS_LINK_COUNT; len++)
        if (link_keys[len] == i)
            return (int)len;
    return NEWS_FIELD_EXT;
}

/* language = 1*8ALPHA *("-" 1*8alphanum), the shape of a BCP 47 tag. */
int news__check_language(news_str s)
{
    size_t i, run = 0;
    for (i = 0; i < s.len; i++) {
        unsigned c = (unsigned char)s.ptr[i];
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

int news__check_field(int field, int link, news_str v)
{
    if (link)
        return field == NEWS_LINK_TITLE && v.len == 0 ? NEWS_ERR_EMPTY_VALUE : NEWS_OK;
    switch (field) {
    case NEWS_FIELD_TITLE:
    case NEWS_FIELD_TAG:
    case NEWS_FIELD_AUTHOR:
        return v.len == 0 ? NEWS_ERR_EMPTY_VALUE : NEWS_OK;
    case NEWS_FIELD_PUBLISHED:
    case NEWS_FIELD_MODIFIED:
        return news_time_parse(v, NULL);
    case NEWS_FIELD_LANGUAGE:
        return news__check_language(v);
    default:
        return NEWS_OK;
    }
}
