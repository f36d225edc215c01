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
    /* Indexed by -code; keep in step with the enum in news.h. */
    static const char *const msg[] = {
        "success",
        "invalid argument",
        "out of memory: arena or buffer too small",
        "input/output error",
        "invalid UTF-8",
        "NUL byte in text",
        "control character in text",
        "CR not followed by LF",
        "byte order mark inside the text",
        "line too long",
        "no article in the input",
        "expected '%news 1' before the article",
        "unsupported format version",
        "unknown directive: lines starting with '%' are reserved",
        "expected 'key: value'",
        "invalid or reserved extension key",
        "field given twice",
        "author-url or author-bio before any author",
        "article or related link without a title",
        "empty value where text is required",
        "invalid date: expected RFC 3339 date-time",
        "invalid language tag",
        "too many fields, authors, tags, links or blocks",
        "image-caption without image",
        "line break inside a value",
        "call out of order",
    };
    if (code == NEWS_END)
        return "no more articles";
    if (code == NEWS_MORE)
        return "more input needed";
    if (code > 0 || code <= -(int)(sizeof msg / sizeof msg[0]))
        return "unknown error";
    return msg[-code];
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
