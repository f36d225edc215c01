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
 * NEWS_CONFIG_HEADER is included before anything else here, so its
 * options reach every source file (and the amalgamated news.c) with no
 * source edited; it may also set the NEWS_DEFAULT_MAX_* limits below.
 * It is looked up like any quoted #include: beside news.h, then on the
 * include path. Define NEWS_CONFIG_HEADER the same way for the library
 * and for the code that uses it (examples/firmware/news_config.h).
 *
 *  NEWS_NO_STDIO          leave out everything that uses <stdio.h>
 *                         (the hosted helpers in src/hosted.c).
 *  NEWS_NO_MALLOC         leave out everything that uses malloc/free
 *                         (the hosted helpers in src/hosted.c).
 *  NEWS_FREESTANDING      use no C library header beyond <stddef.h>,
 *                         <stdint.h> and <limits.h>; the few string
 *                         helpers needed are built in (src/freestanding.c:
 *                         news__memchr, news__memcpy, news__memset,
 *                         news__memcmp). Implies the two above. Compile
 *                         with -ffreestanding so that <stdint.h> is the
 *                         compiler's own, and with GCC also with
 *                         -fno-tree-loop-distribute-patterns. The library
 *                         then needs nothing from outside but the
 *                         compiler's support library (libgcc: division,
 *                         switch tables); `make cross` links it with
 *                         -nostdlib to check that.
 *  NEWS_NO_SIMD           use the portable code even where SSE2 is
 *                         available: the text scanner, the key lookup,
 *                         and no look-ahead in buffer mode (the results
 *                         are the same). Where the compiler targets AVX2
 *                         (-mavx2, -march=native on a CPU that has it)
 *                         the look-ahead takes 32 bytes at a time.
 *  NEWS_NO_DISPATCH       on x86-64 with GCC or clang (speed builds not
 *                         targeting AVX2, and not NEWS_FREESTANDING),
 *                         news_read_article()'s loop over the lines of a
 *                         buffer in view mode has a second copy for CPUs
 *                         with AVX2, BMI1 and BMI2, chosen at run time
 *                         (__builtin_cpu_supports, which reads libgcc's
 *                         __cpu_model); this keeps only the SSE2 one (the
 *                         results are the same).
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

/* Members that do not apply to an event's type (key and value of
 * NEWS_EV_ARTICLE, for example) hold unspecified values. */
typedef struct news_event {
    int type;           /* NEWS_EV_* */
    int field;          /* NEWS_FIELD_* or NEWS_LINK_* (NEWS_FIELD_EXT if unknown) */
    int kind;           /* NEWS_BLOCK_* for NEWS_EV_BLOCK */
    news_str key;       /* the key as written (fields only) */
    news_str value;     /* field value or block text (views) */
    unsigned long line; /* line of the event in the input */
} news_event;

typedef struct news_reader {
    /* the bytes first: small cores reach them with the shortest loads */
    unsigned char state, flags, skip, carry;
    const char *p, *end;     /* unread input (buffer, or current chunk) */
    union {
        struct {
            char *buf;       /* stream mode: line buffer */
            size_t fill;
            /* the lines that involve the buffer: set by
             * news_reader_init_stream(), so that a program that only
             * reads buffers does not link that code */
            int (*split)(struct news_reader *, news_str *, size_t *);
        } s;
        struct {
            const char *at;  /* buffer mode: input checked ahead, from here */
            size_t ctrl, bad;
        } w;
    } u;
    /* the input offset of a pointer p into the buffer or the current
     * chunk is org + (unsigned long)(uintptr_t)p, modulo ULONG_MAX + 1 */
    unsigned long org;
    unsigned long line;      /* lines read so far */
    unsigned long line_off;  /* offset of the line last read */
    unsigned long sec_line, sec_off; /* where the article, or the current link, began */
    unsigned long seen;      /* fields seen in this article / link */
    /* What reading needs, then the error that ended it: a reader reads
     * no more after an error, so the two share the bytes. */
    union {
        struct {
            size_t n_fields, n_authors, n_tags;
            size_t n_items;           /* blocks, then links (which follow them) */
            size_t max_line;          /* lim's, or less in stream mode */
            const news_limits *lim;   /* the caller's, or the defaults */
        } c;
        news_error err;
    } v;
} news_reader;

/* Begin reading the whole input data[0..len). The input must stay
 * unchanged while the reader and any view from it are in use. limits
 * may be NULL for the defaults; otherwise the reader keeps the pointer
 * (a copy would take 24 more bytes of every reader on a 32-bit target),
 * so *limits must stay valid and unchanged while the reader is used.
 * The same holds for news_reader_init_stream(). */
NEWS_API void news_reader_init(news_reader *r, const char *data, size_t len,
                               const news_limits *limits);

/* Begin reading a stream in chunks. linebuf[0..cap) holds a line split
 * between chunks; it must outlive the reader. Lines may be up to cap - 1
 * bytes long (so a NULL linebuf, or cap 0 or 1, accepts only empty
 * lines). */
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

/* The reader's error: code NEWS_OK and message NULL while there is
 * none. The pointer is never NULL; it may differ from one call to the
 * next, so ask again rather than keep it. */
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
 * NULL. On any other error *len is 0 and buf holds "" (when cap > 0).
 * Either way the bytes after the NUL (never those at or past cap) are
 * unspecified: a build for speed may have stored into them. */
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

/* ---------------------------------------------------------------------
 * Layer 6: importing scraped plain text (src/import.c)
 *
 * news_import() turns text scraped from a web page, or a story from a
 * news dataset, into an article: it sorts every input line into one of
 * the classes below and builds the article from the lines it keeps.
 * The rules are documented in docs/IMPORT.md; each heuristic has a
 * NEWS_IMPORT_NO_* switch. The call is a pure function of its input and
 * options: it keeps no state between calls and needs no memory beyond
 * the article's nodes in the caller's arena and a news_import_work of
 * fixed size (it walks the text twice instead of keeping a table of
 * lines), so measuring is exact.
 *
 * Input: UTF-8 text. Repairs: a byte order mark at the very start is
 * skipped; LF, CR LF and a lone CR each end a line; leading and
 * trailing spaces and tabs are trimmed from every value. Errors, with
 * the line and byte column (from 1, a leading BOM counted) of the
 * offending byte:
 *   NEWS_ERR_UTF8           invalid UTF-8 (same rules as the format)
 *   NEWS_ERR_NUL            a NUL byte
 *   NEWS_ERR_CTRL           a C0 control character other than TAB, CR, LF
 *   NEWS_ERR_BOM            U+FEFF anywhere but the very start
 *   NEWS_ERR_LINE_TOO_LONG  a line longer than NEWS_IMPORT_MAX_LINE bytes
 *                           (column NEWS_IMPORT_MAX_LINE + 1)
 *   NEWS_ERR_EMPTY          no input, or only blank lines (line 1, col 1)
 *   NEWS_ERR_NO_TITLE       only noise and boilerplate, nothing to be a
 *                           title (at the first non-blank line, column 1)
 *   NEWS_ERR_LIMIT          more blocks, links, authors or field lines
 *                           than the reader's default limits (at the line
 *                           that crossed one, column 1)
 * so that the article always passes news_write() and its output reads
 * back with the default limits.
 *
 * Input whose first non-blank line starts with "%news" is already in
 * the format: it is read with news_parse() (first article only, views
 * into text, the reader's errors), and every line is explained as
 * NEWS_LINE_NEWS, or NEWS_LINE_BLANK, with the rule "news-format".
 * ------------------------------------------------------------------ */
/* Classes of input lines, as reported to the explain callback. */
enum {
    NEWS_LINE_BLANK,        /* empty or only spaces and tabs */
    NEWS_LINE_TITLE,        /* -> title */
    NEWS_LINE_DEK,          /* -> dek */
    NEWS_LINE_PARAGRAPH,    /* -> a paragraph block */
    NEWS_LINE_BOILERPLATE,  /* dropped: prompts, repeats, share lines */
    NEWS_LINE_BIO,          /* -> an author with this line as bio */
    NEWS_LINE_BYLINE,       /* -> authors, and a "dateline" extension */
    NEWS_LINE_LINK_TITLE,   /* -> a related link (with kicker and summary
                               when they are run into the same line) */
    NEWS_LINE_LINK_KICKER,  /* a kicker, and the summary after it */
    NEWS_LINE_LINK_SUMMARY, /* a summary without kicker */
    NEWS_LINE_IMAGE_CREDIT, /* -> an "image-credit" extension */
    NEWS_LINE_NOISE,        /* dropped: no words, or a "-" separator */
    NEWS_LINE_NEWS,         /* input already in the format: kept as written */
    NEWS_LINE_CLASS_COUNT
};

/* The name of a class as newstool prints it ("blank", "title", "dek",
 * "paragraph", "boilerplate", "bio", "byline", "link-title",
 * "link-kicker", "link-summary", "image-credit", "noise", "news");
 * NULL for an unknown class. */
NEWS_API const char *news_line_class_name(int cls);

/* Switches for news_import_options.flags, each turning one heuristic
 * off; 0 leaves them all on. */
enum {
    NEWS_IMPORT_NO_NOISE = 1 << 0,       /* lines without words become paragraphs */
    NEWS_IMPORT_NO_DUPLICATES = 1 << 1,  /* repeated lines are kept */
    NEWS_IMPORT_NO_PHRASES = 1 << 2,     /* built-in boilerplate phrases off (the
                                            caller's phrases still apply) */
    NEWS_IMPORT_NO_BLURB = 1 << 3,       /* the line under a short prompt is kept */
    NEWS_IMPORT_NO_SOCIAL = 1 << 4,      /* "follow us" and share lines are kept */
    NEWS_IMPORT_NO_CREDITS = 1 << 5,     /* no image-credit lines */
    NEWS_IMPORT_NO_BYLINE = 1 << 6,      /* no "By NAME" / "Published ..." lines */
    NEWS_IMPORT_NO_DEK = 1 << 7,         /* no dek under the title */
    NEWS_IMPORT_NO_BIO = 1 << 8,         /* no author bio paragraph */
    NEWS_IMPORT_NO_RELATED = 1 << 9,     /* no related list: all text is body */
    NEWS_IMPORT_NO_KICKERS = 1 << 10,    /* kicker dictionary off */
    NEWS_IMPORT_NO_TYPOS = 1 << 11,      /* kickers must be spelt exactly */
    NEWS_IMPORT_NO_SHARED = 1 << 12,     /* no kickers from shared prefixes */
    NEWS_IMPORT_NO_GLUED = 1 << 13,      /* no title/kicker split without separator */
    NEWS_IMPORT_NO_PASSTHROUGH = 1 << 14, /* read .news input as plain text too */
    /* Every heuristic off: the first non-blank line is the title, every
     * other non-blank line a paragraph (the caller's phrases still
     * apply; .news input still passes through). */
    NEWS_IMPORT_PLAIN = (1 << 14) - 1
};

/* Longest input line imported. It leaves room for the longest key the
 * importer writes before a value ("image-credit: "), so that every line
 * of the written document stays within NEWS_DEFAULT_MAX_LINE. */
#define NEWS_IMPORT_MAX_LINE (NEWS_DEFAULT_MAX_LINE - 16u)

/* Options of news_import(); NULL means all defaults.
 *
 * boilerplate: extra phrases, added to the built-in ones. A phrase
 *   matches in a line of at most 200 bytes, at the start of a word, as a
 *   prefix, ASCII letters in any case; a leading '^' anchors it at the
 *   start of the line (after any "(" or "["). Built in (switched off by
 *   NEWS_IMPORT_NO_PHRASES): "^subscribe", "^sign up", "^become a
 *   member", "^support our", "newsletter" (prompts: the short line under
 *   one may be its blurb), "^sign in", "^log in", "^already a
 *   subscriber", "^advertisement", "^sponsored", "^skip to", "^click
 *   here", "^read more", "^continue reading", "^download the app",
 *   "^listen to this", "^we use cookies", "^" + the copyright sign,
 *   "to your inbox", "in your inbox", "daily email", "free trial",
 *   "all rights reserved", "unlimited access".
 *
 * kickers: the kicker dictionary, replacing the built-in one. Entries
 *   match in any ASCII case; entries of 6 bytes or more also with one
 *   typo (a letter changed, added or dropped, or two neighbours
 *   swapped). Built in: "Speed Read", "The Week Recommends", "In Depth",
 *   "Instant Opinion", "Talking Point", "The Explainer", "Analysis",
 *   "Opinion", "Explainer", "Review", "Interview", "Feature",
 *   "Briefing", "Editorial", "Fact Check", "Long Read".
 *
 * Both lists are NULL-terminated arrays; the strings must outlive the
 * call only. */
typedef struct news_import_options {
    const char *const *boilerplate; /* extra phrases, NULL-terminated; NULL for none */
    const char *const *kickers;     /* kicker dictionary, NULL-terminated; NULL: built in */
    unsigned flags;                 /* NEWS_IMPORT_* switches */
} news_import_options;

/* Called once per input line, in order, with its class and the name of
 * the rule that decided it (a constant string, never NULL; the names
 * are listed in docs/IMPORT.md). text is the line as it is in the
 * input, without its line break. */
typedef void (*news_import_explain)(void *user, unsigned long line, int cls, const char *rule,
                                    news_str text);

/* news_import()'s working memory, which is the caller's (as a reader
 * is), so that the call itself takes little stack: at most 256 bytes
 * on Cortex-M0. A static one suits a small stack; one may serve any
 * number of calls, one at a time. The members are private: they are
 * here only so that the struct can be declared. */
typedef struct news__imp_cur { /* a walk over the lines */
    const char *p, *end;
    unsigned long no; /* number of the line last read */
    news_str s;       /* that line, without its line break */
} news__imp_cur;

typedef struct news__imp { /* the walk's state; hot members first */
    unsigned flags;
    unsigned char pass;         /* 1: validate, find landmarks; 2: explain, build */
    unsigned char prev, prompt; /* rule of the line before; it was a short prompt */
    unsigned char titled, want, bio_done; /* want: the related list expects a summary */
    unsigned char nring;        /* lines in ring, kept in [16, 32) once full */
    unsigned long last, by_no;  /* landmarks: last paragraph, first byline with names */
    unsigned long rel_no;       /* the line before the related list */
    news__imp_cur c;
    news_article *a;
    news_arena *ar;
    size_t fields;              /* field lines, counted as the reader counts them */
    const news_import_options *opt;
    news_str byline;            /* that first byline */
    news_str t, v[3];           /* the line, trimmed, and the parts its rule found */
    const char *rel_p;          /* landmark: the related list's first line, or NULL */
    const char *text;           /* the input; a BOM, if any, is its first bom bytes */
    size_t off, col, first_off, bom, at; /* at: scratch */
    unsigned long line, first;  /* line, col, off: of an error; first: first non-blank */
    news_import_explain explain;
    void *user;
    news_error *error;
    union {
        unsigned long ring[16]; /* scraped text: hashes of recent lines */
        news_reader reader;     /* input already in the format */
    } u;
} news__imp;

typedef struct news_import_work {
    news__imp s;
} news_import_work;

/* Import scraped plain text text[0..len) into *a, with w as working
 * memory (not NULL; nothing in it need be set, and nothing in it is
 * needed after the call).
 *
 * Arena rules as for news_read_article(): with ar->base == NULL the
 * call only measures (NEWS_OK, ar->used = bytes needed, lists NULL);
 * NEWS_ERR_NOMEM sets ar->used to the exact need. Every string of the
 * article is a view into text (a title and kicker run together are two
 * views of one line), valid as long as text and the arena are. What
 * goes where: the title, dek, paragraphs, authors (byline names; a bio
 * line's name and the line as bio), related links, and the extension
 * fields "image-credit" (a credit line) and "dateline" (the date part
 * of a byline, from its keyword on, e.g. "Published 3 May 2024").
 *
 * opt, explain, user and error may be NULL; text may be NULL when len
 * is 0. explain is called for every line before the call returns
 * NEWS_OK or NEWS_ERR_NOMEM (also when measuring), up to the line that
 * crossed a limit on NEWS_ERR_LIMIT, and not at all on other errors.
 * Returns NEWS_OK or a NEWS_ERR_* code, with *error set (code NEWS_OK
 * on success). */
NEWS_API int news_import(news_import_work *w, const char *text, size_t len,
                         const news_import_options *opt, news_article *a, news_arena *ar,
                         news_import_explain explain, void *user, news_error *error);

/* ---------------------------------------------------------------------
 * Layer 7: text layout for small screens (src/layout.c, src/width.c)
 *
 * Measuring, wrapping and truncating UTF-8 text for a display whose
 * unit is whatever the caller says: terminal columns by default, or the
 * pixels of a bitmap font through a width callback. Nothing here
 * allocates or copies: lines are byte ranges of the input.
 *
 * Input need not be valid UTF-8. Every byte that does not start a valid
 * sequence (news_utf8_decode) counts as one U+FFFD on its own, and no
 * function reads past the length it is given.
 *
 * A cluster is a code point with what extends it: the code points of
 * default width 0 that follow it (combining marks, variation selectors,
 * ZERO WIDTH JOINER and the code point after it, ...) except controls
 * and U+200B ZERO WIDTH SPACE, and emoji skin tone modifiers
 * (U+1F3FB-1F3FF). Lines and truncation never split a cluster, so an
 * accent always stays with its letter. A cluster's width is the sum of
 * its code points' widths.
 * ------------------------------------------------------------------ */

/* The advance of code point cp in the caller's unit (columns, pixels).
 * user is the pointer given with the callback. A negative result counts
 * as 0. Invalid bytes are passed as 0xFFFD. */
typedef int (*news_width_fn)(void *user, unsigned long cp);

/* The width of cp in terminal columns, the default when a function
 * below gets a NULL callback:
 *   0  combining marks (U+0300-036F, U+1AB0-1AFF, U+1DC0-1DFF,
 *      U+20D0-20FF, U+FE20-FE2F and the marks of the blocks from
 *      Cyrillic to Lao: Hebrew, Arabic, Indic, Thai, ...), zero-width
 *      and format characters (U+200B-200F, U+202A-202E, U+2060-206F,
 *      U+FEFF, U+FE00-FE0F, U+E0000-E0FFF), Hangul vowel and final
 *      jamo (U+1160-11FF), and control characters other than TAB
 *      (U+0000-001F, U+007F-009F);
 *   2  East Asian Wide and Fullwidth characters (Unicode 14: CJK,
 *      kana, Hangul syllables, fullwidth forms, U+20000-3FFFD), emoji
 *      shown as pictures by default, and all of the emoji blocks
 *      U+1F300-1F64F, U+1F680-1F6FF and U+1F900-1F9FF;
 *   1  everything else, TAB included (show it as one space), and
 *      values that are not code points (above U+10FFFF, surrogates).
 * This is an approximation in about 500 bytes of tables: marks of
 * scripts outside the blocks named (Tibetan, Myanmar, historic scripts)
 * count 1, unassigned code points count as their neighbours, and
 * terminals differ on East Asian Ambiguous characters (counted 1 here).
 * Where it errs on purpose it errs wide: the few text-style symbols in
 * the emoji blocks count 2, and emoji sequences are measured by their
 * parts, which a terminal that joins them shows narrower. */
NEWS_API int news_cp_width(unsigned long cp);

/* Decode the code point at the start of s[0..len) into *cp (cp may be
 * NULL). Returns the number of bytes it takes, 1 to 4. A byte that does
 * not start a valid sequence (stray continuation, overlong form,
 * surrogate, above U+10FFFF, or cut short by len) gives 0xFFFD and
 * returns 1, so decoding always moves on by at least one byte. Returns
 * 0 (and leaves *cp alone) when len is 0 or s is NULL. */
NEWS_API size_t news_utf8_decode(const char *s, size_t len, unsigned long *cp);

/* The width of the whole of s: the sum of width(user, cp) over its code
 * points, or of news_cp_width() when width is NULL. 0 for an absent or
 * empty s. Saturates at (size_t)-1 instead of overflowing. */
NEWS_API size_t news_text_width(news_str s, news_width_fn width, void *user);

/* Word wrapping. news_wrap_init() starts over a text, news_wrap_next()
 * hands out one line per call. The rules:
 *  - A line breaks at a run of spaces (U+0020 and TAB), which belongs to
 *    no line: spaces at the start and end of lines are skipped. (A mark
 *    after a space makes that space the base of a cluster, which may
 *    start a line.)
 *  - It may also break after a hyphen or dash (U+002D unless a digit
 *    follows, U+2010, U+2012-2014) inside a word, after U+200B, and
 *    before or after a wide character (CJK, kana, Hangul, emoji),
 *    except before closing punctuation (!),.:;?]}, U+2019, U+201D,
 *    U+2026, and their CJK and fullwidth forms) and after opening
 *    brackets and quotes (([{, U+2018, U+201C and their CJK and
 *    fullwidth forms).
 *  - A line feed (U+000A) ends the line; a line feed right after
 *    another gives an empty line. CR and other controls are ordinary
 *    (zero-width by default) characters: filter them before display.
 *  - Each line is as long as fits in width, breaking at the last
 *    opportunity that fits. A word longer than the width is cut between
 *    two clusters, as many as fit. A cluster wider than the width on its
 *    own gets a line to itself, so every line holds at least one
 *    cluster, even with width 0, and the iteration always ends.
 * Joining the lines with the skipped spaces and line feeds between them
 * gives back the text exactly.
 *
 * The struct's members are private. It is a plain value: copying it
 * saves the position (to page back, for example) and assigning the copy
 * back returns there. */
typedef struct news_wrap {
    const char *text;
    size_t len;
    size_t pos;
    size_t width;
    news_width_fn fn;
    void *user;
} news_wrap;

/* Start wrapping text (not copied: it must stay unchanged while w is in
 * use) to lines at most width units wide. fn and user measure code
 * points as for news_text_width; fn may be NULL for terminal columns.
 * An absent or empty text gives no lines. */
NEWS_API void news_wrap_init(news_wrap *w, news_str text, size_t width, news_width_fn fn,
                             void *user);

/* The next line: NEWS_OK with *line set to its bytes in the text (never
 * holding a line feed, nor a break space at either end) and *line_width (when
 * not NULL) to its width, or NEWS_END when the text is used up (and on
 * every call after). A line is empty (len 0) only when a line feed ends
 * it with nothing before it, as between two line feeds. NEWS_ERR_ARG if
 * w or line is NULL. */
NEWS_API int news_wrap_next(news_wrap *w, news_str *line, size_t *line_width);

/* Fit s on one line of width units, for a headline or a list entry.
 * Returns how many bytes of s to show. If all of s fits, that is s.len
 * and *cut (when not NULL) is set to 0. Otherwise *cut is set to 1 and
 * the bytes returned, spaces at their end left out, fit in width minus
 * ellipsis_width, leaving room for the ellipsis the caller then shows
 * ("\xE2\x80\xA6" or "...", whose width the caller knows). Clusters are
 * never split. When width < ellipsis_width and s does not fit, returns
 * 0 with *cut set: the caller may show the ellipsis alone or nothing.
 * Line feeds are not special here. fn and user as for news_text_width. */
NEWS_API size_t news_truncate(news_str s, size_t width, size_t ellipsis_width,
                              news_width_fn fn, void *user, int *cut);

#ifdef __cplusplus
}
#endif
#endif /* NEWS_H */
