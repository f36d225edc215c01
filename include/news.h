/*
 * news.h - libnews: news articles for small devices.
 *
 * This header is the manual. libnews reads and writes the .news text
 * format (docs/FORMAT.md), builds articles in memory the caller owns,
 * exports them as JSON Feed, imports scraped plain text, and lays text
 * out for small screens. The core never calls malloc or stdio.
 *
 * Conventions used throughout:
 *  - Functions that can fail return an int: NEWS_OK (0) or a status
 *    above zero on success paths (NEWS_END, NEWS_MORE), a NEWS_ERR_*
 *    code below zero on failure. A callback's non-zero return is passed
 *    back unchanged.
 *  - Strings are news_str views: a pointer and a length in bytes, not
 *    NUL-terminated unless a flag says so. ptr == NULL means "absent";
 *    a present but empty value has a non-NULL ptr and len == 0.
 *  - Sizes are size_t. Positions in a stream (which may be larger than
 *    memory) are unsigned long.
 *  - Nothing is global: every call works only on what it is given, so
 *    different threads may use different objects freely.
 */
#ifndef NEWS_H
#define NEWS_H

/* ---------------------------------------------------------------------
 * Build options. Define them on the compiler command line or in a
 * header named by NEWS_CONFIG_HEADER (e.g. -DNEWS_CONFIG_HEADER='"cfg.h"').
 * None of them changes the layout of a public struct.
 *
 *  NEWS_NO_STDIO          leave out everything that uses <stdio.h>
 *                         (the hosted helpers in src/hosted.c).
 *  NEWS_NO_MALLOC         leave out everything that uses malloc/free
 *                         (the hosted helpers in src/hosted.c).
 *  NEWS_FREESTANDING      use no C library header beyond <stddef.h>,
 *                         <stdint.h> and <limits.h>; the few string
 *                         helpers needed are built in. Implies the two
 *                         above.
 *  NEWS_NO_ERROR_STRINGS  news_strerror() and news_error.message give
 *                         "" instead of a sentence, saving flash.
 *  NEWS_API               decoration of every public function (for
 *                         example __declspec(dllexport)); by default
 *                         symbols get default visibility under GCC and
 *                         clang so that a library built with
 *                         -fvisibility=hidden still exports them.
 * ------------------------------------------------------------------ */
#ifdef NEWS_CONFIG_HEADER
#include NEWS_CONFIG_HEADER
#endif

#ifdef NEWS_FREESTANDING
#ifndef NEWS_NO_STDIO
#define NEWS_NO_STDIO
#endif
#ifndef NEWS_NO_MALLOC
#define NEWS_NO_MALLOC
#endif
#endif

#ifndef NEWS_API
#if defined(__GNUC__) && __GNUC__ >= 4
#define NEWS_API __attribute__((visibility("default")))
#else
#define NEWS_API
#endif
#endif

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Version of this release, and of the .news format it reads and writes. */
#define NEWS_VERSION_MAJOR 0
#define NEWS_VERSION_MINOR 1
#define NEWS_VERSION_PATCH 0
#define NEWS_VERSION_STRING "0.1.0"
#define NEWS_FORMAT_VERSION 1

/* The library's version as "MAJOR.MINOR.PATCH" (static storage). */
NEWS_API const char *news_version(void);

/* ---------------------------------------------------------------------
 * Status and error codes
 * ------------------------------------------------------------------ */
enum {
    NEWS_OK = 0,   /* done */
    NEWS_END = 1,  /* no more articles in the input */
    NEWS_MORE = 2, /* stream reader: feed more input, then call again */

    NEWS_ERR_ARG = -1,          /* a required argument is NULL or invalid */
    NEWS_ERR_NOMEM = -2,        /* arena or output buffer too small */
    NEWS_ERR_IO = -3,           /* hosted helpers: read or write failed */
    NEWS_ERR_UTF8 = -4,         /* invalid UTF-8 */
    NEWS_ERR_NUL = -5,          /* NUL byte */
    NEWS_ERR_CTRL = -6,         /* control character other than TAB */
    NEWS_ERR_CR = -7,           /* CR not followed by LF */
    NEWS_ERR_BOM = -8,          /* byte order mark inside the text */
    NEWS_ERR_LINE_TOO_LONG = -9, /* line longer than the limit */
    NEWS_ERR_EMPTY = -10,       /* the input holds no article */
    NEWS_ERR_NO_HEADER = -11,   /* text before the first "%news 1" */
    NEWS_ERR_VERSION = -12,     /* "%news N" with N other than 1 */
    NEWS_ERR_DIRECTIVE = -13,   /* line starting with '%' not "%news N" */
    NEWS_ERR_SYNTAX = -14,      /* expected "key: value" */
    NEWS_ERR_KEY = -15,         /* writer: extension key invalid or known */
    NEWS_ERR_DUPLICATE = -16,   /* single-valued field given twice */
    NEWS_ERR_NO_AUTHOR = -17,   /* author-url or author-bio before author */
    NEWS_ERR_NO_TITLE = -18,    /* article or related link without title */
    NEWS_ERR_EMPTY_VALUE = -19, /* empty title, author, tag or link title */
    NEWS_ERR_DATE = -20,        /* published/modified not RFC 3339 */
    NEWS_ERR_LANGUAGE = -21,    /* language not a language tag */
    NEWS_ERR_LIMIT = -22,       /* too many fields, authors, links, ... */
    NEWS_ERR_NO_IMAGE = -23,    /* image-caption without image */
    NEWS_ERR_NEWLINE = -24,     /* writer: line break inside a value */
    NEWS_ERR_STATE = -25        /* call out of order (e.g. feed after finish) */
};

/* A constant sentence describing a code ("" with NEWS_NO_ERROR_STRINGS,
 * "unknown error" for a code that is not listed above). Never NULL. */
NEWS_API const char *news_strerror(int code);

/* Where and why something failed. line and column count from 1; column
 * counts bytes, not characters. offset is the byte offset from the start
 * of the input (or of the stream) of the byte the error points at. For
 * errors that are not about a place in the input (NEWS_ERR_NOMEM,
 * NEWS_ERR_ARG) line, column and offset are 0. message is constant. */
typedef struct news_error {
    int code;
    unsigned long line;
    unsigned long column;
    unsigned long offset;
    const char *message;
} news_error;

/* ---------------------------------------------------------------------
 * The article model
 * ------------------------------------------------------------------ */

/* A string view: len bytes at ptr. ptr == NULL means absent. */
typedef struct news_str {
    const char *ptr;
    size_t len;
} news_str;

/* Body block kinds. */
enum {
    NEWS_BLOCK_PARAGRAPH = 0, /* plain line */
    NEWS_BLOCK_HEADING = 1,   /* "# text" */
    NEWS_BLOCK_QUOTE = 2      /* "> text" */
};

typedef struct news_block {
    int kind;                /* NEWS_BLOCK_* */
    news_str text;           /* without markup or escape */
    struct news_block *next; /* next block, NULL after the last */
} news_block;

typedef struct news_author {
    news_str name; /* required, non-empty */
    news_str url;
    news_str bio;
    struct news_author *next;
} news_author;

/* An unknown field, kept so that reading and writing loses nothing. */
typedef struct news_field {
    news_str key;
    news_str value;
    struct news_field *next;
} news_field;

typedef struct news_tag {
    news_str text; /* non-empty */
    struct news_tag *next;
} news_tag;

/* A related story. */
typedef struct news_link {
    news_str title; /* required, non-empty */
    news_str kicker;
    news_str summary;
    news_str url;
    news_field *ext; /* unknown link fields, in input order */
    size_t n_ext;
    struct news_link *next;
} news_link;

/* One article. The single-valued fields come first, in the order the
 * writer emits them; lists keep input order and carry their length. */
typedef struct news_article {
    news_str title;         /* required, non-empty */
    news_str dek;           /* subtitle shown under the title */
    news_str kicker;        /* section label, e.g. "Speed Read" */
    news_str summary;
    news_str source;        /* publisher */
    news_str url;
    news_str id;
    news_str language;      /* language tag, e.g. "en" or "pt-BR" */
    news_str published;     /* RFC 3339 date-time; see news_time_parse */
    news_str modified;      /* RFC 3339 date-time */
    news_str image;         /* URL of the lead image */
    news_str image_caption; /* needs image */
    news_tag *tags;
    news_author *authors;
    news_block *body;
    news_link *related;
    news_field *ext; /* unknown header fields, in input order */
    size_t n_tags, n_authors, n_blocks, n_related, n_ext;
} news_article;

/* Header field identifiers, as reported by the reader (news_event.field).
 * The first NEWS_FIELD_SINGLE of them are the single-valued news_str
 * members of news_article, in the same order. */
enum {
    NEWS_FIELD_TITLE,
    NEWS_FIELD_DEK,
    NEWS_FIELD_KICKER,
    NEWS_FIELD_SUMMARY,
    NEWS_FIELD_SOURCE,
    NEWS_FIELD_URL,
    NEWS_FIELD_ID,
    NEWS_FIELD_LANGUAGE,
    NEWS_FIELD_PUBLISHED,
    NEWS_FIELD_MODIFIED,
    NEWS_FIELD_IMAGE,
    NEWS_FIELD_IMAGE_CAPTION,
    NEWS_FIELD_TAG,
    NEWS_FIELD_AUTHOR,
    NEWS_FIELD_AUTHOR_URL,
    NEWS_FIELD_AUTHOR_BIO,
    NEWS_FIELD_COUNT,
    NEWS_FIELD_SINGLE = NEWS_FIELD_TAG,
    NEWS_FIELD_EXT = -1 /* unknown key (header or related link) */
};

/* Related-link field identifiers (news_event.field for link fields). */
enum { NEWS_LINK_TITLE, NEWS_LINK_KICKER, NEWS_LINK_SUMMARY, NEWS_LINK_URL, NEWS_LINK_COUNT };

/* The key of a field identifier as written in the format ("title",
 * "author-bio", ...); NULL for an unknown id. link != 0 selects the
 * related-link keys. */
NEWS_API const char *news_field_key(int field, int link);

/* ---------------------------------------------------------------------
 * Limits. A document that goes past one fails with NEWS_ERR_LIMIT (or
 * NEWS_ERR_LINE_TOO_LONG) at the line that crossed it; nothing is ever
 * cut silently. Counts are per article. Pass NULL for the defaults;
 * (size_t)-1 means no limit.
 * ------------------------------------------------------------------ */
#ifndef NEWS_DEFAULT_MAX_LINE
#define NEWS_DEFAULT_MAX_LINE 65535u /* bytes, without the line ending */
#endif
#ifndef NEWS_DEFAULT_MAX_FIELDS
#define NEWS_DEFAULT_MAX_FIELDS 1024u /* header and link field lines */
#endif
#ifndef NEWS_DEFAULT_MAX_AUTHORS
#define NEWS_DEFAULT_MAX_AUTHORS 64u
#endif
#ifndef NEWS_DEFAULT_MAX_TAGS
#define NEWS_DEFAULT_MAX_TAGS 64u
#endif
#ifndef NEWS_DEFAULT_MAX_LINKS
#define NEWS_DEFAULT_MAX_LINKS 256u
#endif
#ifndef NEWS_DEFAULT_MAX_BLOCKS
#define NEWS_DEFAULT_MAX_BLOCKS 4096u
#endif

typedef struct news_limits {
    size_t max_line;
    size_t max_fields;
    size_t max_authors;
    size_t max_tags;
    size_t max_links;
    size_t max_blocks;
} news_limits;

/* Fill *lim with the defaults above. */
NEWS_API void news_limits_default(news_limits *lim);

/* ---------------------------------------------------------------------
 * Layer 1: the pull reader
 *
 * The reader turns .news text into events, one per call, with string
 * views into the input. It validates everything (UTF-8, grammar, field
 * rules, limits): a document the reader accepts to its NEWS_END is
 * valid. It needs no memory beyond its struct (and, in stream mode, one
 * line buffer), so a store of any size is read in fixed memory.
 *
 * Buffer mode: news_reader_init() over the whole input. The reader is a
 * plain value in this mode: copying the struct saves a position, and
 * assigning the copy back rewinds to it.
 *
 * Stream mode: news_reader_init_stream() with a line buffer, then
 * news_reader_feed() chunks split at any byte and news_reader_finish()
 * at the end of input. news_reader_next() returns NEWS_MORE when it
 * needs the next chunk. A line that lies whole in a chunk is seen in
 * place; only a line split between chunks is copied into the line
 * buffer. The longest line accepted is cap - 1 bytes (one byte is kept
 * for a CR), or limits->max_line if smaller.
 *
 * The struct's members are private; it is public only so that it can
 * live on the stack or in static memory.
 * ------------------------------------------------------------------ */

/* Event types. */
enum {
    NEWS_EV_ARTICLE = 1, /* "%news 1": an article begins */
    NEWS_EV_FIELD,       /* header field: field, key, value */
    NEWS_EV_BLOCK,       /* body block: kind, value */
    NEWS_EV_LINK,        /* "-": a related link begins */
    NEWS_EV_LINK_FIELD,  /* field of the current link: field, key, value */
    NEWS_EV_ARTICLE_END  /* the article is complete and valid */
};

typedef struct news_event {
    int type;           /* NEWS_EV_* */
    int field;          /* NEWS_FIELD_* or NEWS_LINK_* (NEWS_FIELD_EXT if unknown) */
    int kind;           /* NEWS_BLOCK_* for NEWS_EV_BLOCK */
    news_str key;       /* the key as written (fields only) */
    news_str value;     /* field value or block text (views) */
    unsigned long line; /* line of the event in the input */
} news_event;

typedef struct news_reader {
    const char *p, *end;     /* unread input (buffer, or current chunk) */
    char *buf;               /* stream mode: line buffer */
    size_t cap, fill;
    unsigned long base;      /* stream offset of the current chunk */
    unsigned long line;      /* lines read so far */
    unsigned long line_off;  /* offset of the line last read */
    unsigned long art_line, art_off;   /* where the article began */
    unsigned long link_line, link_off; /* where the current link began */
    unsigned long seen;      /* fields seen in this article / link */
    size_t n_fields, n_authors, n_tags, n_links, n_blocks;
    news_limits lim;
    news_error err;
    const char *origin;      /* buffer mode: start of input */
    unsigned char state, flags;
} news_reader;

/* Begin reading the whole input data[0..len). limits may be NULL. The
 * input must stay unchanged while the reader and any view from it are
 * in use. */
NEWS_API void news_reader_init(news_reader *r, const char *data, size_t len,
                               const news_limits *limits);

/* Begin reading a stream in chunks. linebuf[0..cap) holds a line split
 * between chunks; it must outlive the reader. */
NEWS_API void news_reader_init_stream(news_reader *r, char *linebuf, size_t cap,
                                      const news_limits *limits);

/* Give the stream reader its next chunk (call after NEWS_MORE, or right
 * after init). The chunk must stay valid until news_reader_next()
 * returns NEWS_MORE again. len may be 0. Returns NEWS_OK,
 * NEWS_ERR_STATE if the reader is not waiting for input or has been
 * finished, NEWS_ERR_ARG for a NULL chunk with len > 0. */
NEWS_API int news_reader_feed(news_reader *r, const char *chunk, size_t len);

/* Tell the stream reader the input has ended. */
NEWS_API void news_reader_finish(news_reader *r);

/* Read the next event into *ev. Returns NEWS_OK with *ev filled,
 * NEWS_END after the last article, NEWS_MORE (stream mode) when the
 * next chunk is needed, or a NEWS_ERR_* code. Views in *ev stay valid
 * until the next call to news_reader_next() or news_reader_feed() (in
 * buffer mode: as long as the input). Errors stick: once one is
 * returned, every later call returns it again. */
NEWS_API int news_reader_next(news_reader *r, news_event *ev);

/* The reader's error (code NEWS_OK while there is none). Never NULL. */
NEWS_API const news_error *news_reader_error(const news_reader *r);

/* ---------------------------------------------------------------------
 * Layer 2: building articles in an arena
 *
 * The arena is a caller buffer that the builder fills from the bottom
 * up; nothing is freed piecemeal. To reuse it for the next article set
 * used back to 0 (or to any earlier value of used).
 * ------------------------------------------------------------------ */
typedef struct news_arena {
    char *base;  /* the buffer; NULL to only measure */
    size_t cap;  /* its size in bytes */
    size_t used; /* bytes taken; after NEWS_ERR_NOMEM, bytes needed */
} news_arena;

/* Alignment the arena's nodes need. An arena whose base is aligned to
 * it uses exactly the measured number of bytes; a misaligned one may
 * need up to NEWS_ALIGN - 1 more. */
#define NEWS_ALIGN (sizeof(void *) > sizeof(size_t) ? sizeof(void *) : sizeof(size_t))

NEWS_API void news_arena_init(news_arena *ar, void *base, size_t cap);

/* Flags for news_read_article(). */
enum {
    NEWS_COPY = 1,   /* copy every string into the arena, NUL-terminated,
                        so the input may be freed (always on in stream
                        mode) */
    NEWS_INPLACE = 2 /* NUL-terminate every string in the input itself
                        (buffer mode only; the input must be writable,
                        including the byte data[len]) */
};

/* Read the next article from r into *a, allocating its lists (and, with
 * NEWS_COPY, its strings) from ar.
 *
 * Returns NEWS_OK with *a complete, NEWS_END when there are no more
 * articles, NEWS_MORE in stream mode (feed, then call again with the
 * same a and ar: the half-built article is kept), a reader error, or
 * NEWS_ERR_NOMEM when the article did not fit: then ar->used holds the
 * exact number of bytes the article needed, the reader stands after the
 * article, and *a is unspecified. To retry, rewind the reader (buffer
 * mode: keep a copy of it from before the call), give an arena of
 * ar->used bytes and call again.
 *
 * Measuring first: with ar->base == NULL the call returns NEWS_OK, sets
 * ar->used to the bytes needed and leaves the lists of *a NULL (the
 * single-valued fields and the counts are set).
 *
 * Strings are views into the input unless NEWS_COPY or stream mode
 * applies; *a is valid as long as the arena (and, for views, the
 * input). */
NEWS_API int news_read_article(news_reader *r, news_article *a, news_arena *ar, unsigned flags);

/* Parse the first article of data[0..len). A convenience over the
 * reader for the common case; error may be NULL. */
NEWS_API int news_parse(const char *data, size_t len, news_article *a, news_arena *ar,
                        unsigned flags, news_error *error);

/* ---------------------------------------------------------------------
 * Layer 3: writing .news text
 *
 * The writer emits the canonical form of an article (docs/FORMAT.md).
 * It first checks that the format can hold the article exactly (valid
 * UTF-8, no line breaks or control characters in values, required
 * fields present, dates and language valid, extension keys well formed
 * and not known keys) and writes nothing if not. Writing articles one
 * after the other makes a store.
 * ------------------------------------------------------------------ */

/* A sink receives output in pieces. Return 0 to go on; any other value
 * stops the writer, which returns that value unchanged. */
typedef int (*news_sink)(void *user, const char *data, size_t len);

/* Write *a to a sink. error may be NULL; on a validation error it tells
 * which output line would have held the bad value and the column of
 * the bad byte. */
NEWS_API int news_write(const news_article *a, news_sink sink, void *user, news_error *error);

/* Write *a into buf[0..cap), like snprintf: *len gets the length of the
 * whole document whatever cap is; the text is NUL-terminated when cap >
 * *len. Returns NEWS_ERR_NOMEM (and writes a NUL-terminated prefix)
 * when cap <= *len. buf may be NULL with cap 0 to measure. len may be
 * NULL. */
NEWS_API int news_write_buffer(const news_article *a, char *buf, size_t cap, size_t *len,
                               news_error *error);

/* ---------------------------------------------------------------------
 * Layer 4: JSON Feed 1.1 export
 *
 * news_json_begin() writes the feed's head, news_json_article() one item
 * per call, news_json_end() the tail. The output is valid JSON for any
 * article, even one built by hand with invalid UTF-8 (such bytes become
 * U+FFFD). Absent values, empty lists and empty objects are omitted.
 * Item layout (the contract other tools depend on):
 *   id, url, title, summary, content_text (blocks joined by a blank
 *   line), date_published, date_modified, language, tags[], image,
 *   authors[] {name, url, _libnews {bio}},
 *   _libnews {dek, kicker, source, image_caption,
 *             paragraphs[] {kind: "text"|"heading"|"quote", text},
 *             related[] {title, url, kicker, summary, ext},
 *             ext {key: value, or key: [values] when a key repeats}}
 * ------------------------------------------------------------------ */
enum { NEWS_JSON_PRETTY = 1 /* two-space indentation, one member a line */ };

typedef struct news_json {
    news_sink sink;
    void *user;
    int rc;
    unsigned flags;
    unsigned depth;      /* nesting level */
    unsigned long first; /* bit d set: container at depth d is still empty */
} news_json;

/* title: the feed's title (JSON Feed requires one); NULL writes "". */
NEWS_API int news_json_begin(news_json *j, news_sink sink, void *user, const char *title,
                             unsigned flags);
NEWS_API int news_json_article(news_json *j, const news_article *a);
NEWS_API int news_json_end(news_json *j);

/* ---------------------------------------------------------------------
 * Dates
 * ------------------------------------------------------------------ */
typedef struct news_time {
    int year;                /* 0000-9999 */
    int month, day;          /* 1-12, 1-31 (checked against the month) */
    int hour, minute, second; /* 0-23, 0-59, 0-60 (leap second) */
    unsigned long nanosecond; /* fraction, first 9 digits */
    int offset;              /* minutes east of UTC, -1439..1439 */
} news_time;

/* Parse an RFC 3339 date-time ("2024-05-01T07:30:00Z",
 * "2024-05-01t07:30:00.25+02:00"). t may be NULL to only validate.
 * Returns NEWS_OK or NEWS_ERR_DATE. */
NEWS_API int news_time_parse(news_str s, news_time *t);

/* ---------------------------------------------------------------------
 * Layer 5: hosted helpers (src/hosted.c; not built with NEWS_NO_STDIO
 * or NEWS_NO_MALLOC)
 * ------------------------------------------------------------------ */
#if !defined(NEWS_NO_STDIO) && !defined(NEWS_NO_MALLOC)
/* An allocator passed per call. NULL means malloc/realloc/free. */
typedef struct news_allocator {
    void *(*alloc)(void *ctx, size_t size);
    void (*free)(void *ctx, void *ptr);
    void *ctx;
} news_allocator;

/* Read a whole file ("-" is standard input) into a new buffer with a
 * NUL after the last byte (so NEWS_INPLACE may be used). On success
 * *data must be released with news_free(). */
NEWS_API int news_file_read(const char *path, const news_allocator *al, char **data,
                            size_t *len, news_error *error);

/* Release memory from news_file_read() or an arena's base from
 * news_read_article_alloc(). NULL is ignored. */
NEWS_API void news_free(const news_allocator *al, void *ptr);

/* news_read_article() over a buffer-mode reader with an arena that
 * grows from the heap as needed (start from a zeroed news_arena; free
 * ar->base with news_free()). The arena is reset for each article. */
NEWS_API int news_read_article_alloc(news_reader *r, news_article *a, news_arena *ar,
                                     unsigned flags, const news_allocator *al);
#endif

#ifdef __cplusplus
}
#endif
#endif /* NEWS_H */
