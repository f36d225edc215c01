/* error.c - error messages, the version string and the default limits. */
#include "internal.h"

const char *news_version(void)
{
    return NEWS_VERSION_STRING;
}

const char *news_strerror(int code)
{
#ifdef NEWS_NO_ERROR_STRINGS
    (void)code;
    return "";
#else
    /* One string per code, from NEWS_OK down to NEWS_ERR_STATE, then
     * NEWS_END, NEWS_MORE and the unknown: packed, as a table of
     * pointers would be 4 bytes more for each on 32-bit targets. Keep
     * in step with the enum in news.h. */
    static const char msg[] =
        "success\0"
        "invalid argument\0"
        "out of memory: arena or buffer too small\0"
        "input/output error\0"
        "invalid UTF-8\0"
        "NUL byte in text\0"
        "control character in text\0"
        "CR not followed by LF\0"
        "byte order mark inside the text\0"
        "line too long\0"
        "no article in the input\0"
        "expected '%news 1' before the article\0"
        "unsupported format version\0"
        "unknown directive: lines starting with '%' are reserved\0"
        "expected 'key: value'\0"
        "invalid or reserved extension key\0"
        "field given twice\0"
        "author-url or author-bio before any author\0"
        "article or related link without a title\0"
        "empty value where text is required\0"
        "invalid date: expected RFC 3339 date-time\0"
        "invalid language tag\0"
        "too many fields, authors, tags, links or blocks\0"
        "image-caption without image\0"
        "line break inside a value\0"
        "call out of order\0"
        "no more articles\0"
        "more input needed\0"
        "unknown error";
    const char *p = msg;
    unsigned i = (unsigned)(-NEWS_ERR_STATE + NEWS_MORE + 1); /* the unknown */

    if (code >= NEWS_ERR_STATE && code <= NEWS_MORE) /* (so -code cannot overflow) */
        i = code <= 0 ? (unsigned)-code : (unsigned)(-NEWS_ERR_STATE + code);
    while (i-- > 0)
        while (*p++ != '\0')
            ;
    return p;
#endif
}

void news__set_error(news_error *err, int code, unsigned long line, unsigned long column,
                     unsigned long offset)
{
    if (err == NULL)
        return;
    err->code = code;
    err->line = line;
    err->column = column;
    err->offset = offset;
    err->message = news_strerror(code);
}

const news_limits news__limits = {NEWS_DEFAULT_MAX_LINE,    NEWS_DEFAULT_MAX_FIELDS,
                                  NEWS_DEFAULT_MAX_AUTHORS, NEWS_DEFAULT_MAX_TAGS,
                                  NEWS_DEFAULT_MAX_LINKS,   NEWS_DEFAULT_MAX_BLOCKS};

/* news_reader_error() of a reader without one: code NEWS_OK. */
const news_error news__no_error = {NEWS_OK, 0, 0, 0, NULL};

void news_limits_default(news_limits *lim)
{
    news__memcpy(lim, &news__limits, sizeof *lim);
}
