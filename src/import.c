/* import.c - scraped plain text in, an article out (rules: docs/IMPORT.md).
 *
 * There is no table of lines: the text is walked twice with the same
 * rules. The first walk validates every line and notes the landmarks
 * later rules need (the last body paragraph, the first byline, where
 * the related list starts); the second classifies each line again,
 * explains it and builds the article. The article's nodes are then the
 * only memory taken from the arena, so measuring is exact; the walk's
 * own state is in the caller's news_import_work, so that it is not on
 * the stack under every rule. */
#include "import.h"

#define SHORT NEWS__IMP_SHORT
#define LONG NEWS__IMP_LONG
#define PROMPT 60u /* longest prompt whose next line may be its blurb */
#define RING 16u   /* non-blank lines the duplicate rule looks back over */

/* The rules, and the class each gives. */
enum {
    R_BLANK, R_TITLE, R_DEK, R_PARAGRAPH, R_BIO, R_BYLINE, R_DATELINE, R_NO_WORDS,
    R_SEPARATOR, R_DUPLICATE, R_USER, R_PROMPT, R_PHRASE, R_BLURB, R_SOCIAL, R_CREDIT,
    R_LINK_TITLE, R_GLUED, R_GLUED_TYPO, R_KICKER, R_KICKER_TYPO, R_SHARED, R_SUMMARY, R_NEWS
};
static const unsigned char rule_class[] = {
    NEWS_LINE_BLANK, NEWS_LINE_TITLE, NEWS_LINE_DEK, NEWS_LINE_PARAGRAPH, NEWS_LINE_BIO,
    NEWS_LINE_BYLINE, NEWS_LINE_BYLINE, NEWS_LINE_NOISE, NEWS_LINE_NOISE,
    NEWS_LINE_BOILERPLATE, NEWS_LINE_BOILERPLATE, NEWS_LINE_BOILERPLATE, NEWS_LINE_BOILERPLATE,
    NEWS_LINE_BOILERPLATE, NEWS_LINE_BOILERPLATE, NEWS_LINE_IMAGE_CREDIT, NEWS_LINE_LINK_TITLE,
    NEWS_LINE_LINK_TITLE, NEWS_LINE_LINK_TITLE, NEWS_LINE_LINK_KICKER, NEWS_LINE_LINK_KICKER,
    NEWS_LINE_LINK_KICKER, NEWS_LINE_LINK_SUMMARY}; /* R_NEWS: explain_news() */

/* Every name of a rule or a class, and the extension keys, in one
 * string. A name that ends another one is that one's tail ("title" of
 * "link-title"). Each P<n> is the string up to a name, so that sizeof
 * gives its offset; the names classes need come first, and the tables
 * hold offsets in a byte. */
#define P1 "blank\0"
#define P2 P1 "paragraph\0"
#define P3 P2 "byline\0"
#define P4 P3 "link-title\0"
#define P5 P4 "author-bio\0"
#define P6 P5 "image-credit\0"
#define P7 P6 "link-summary\0"
#define P8 P7 "dek\0"
#define P9 P8 "boilerplate\0"
#define P10 P9 "link-kicker\0"
#define P11 P10 "noise\0"
#define P12 P11 "news\0"
#define P13 P12 "first-line\0"
#define P14 P13 "under-title\0"
#define P15 P14 "dateline\0"
#define P16 P15 "no-words\0"
#define P17 P16 "link-separator\0"
#define P18 P17 "duplicate\0"
#define P19 P18 "user-phrase\0"
#define P20 P19 "prompt\0"
#define P21 P20 "prompt-blurb\0"
#define P22 P21 "social\0"
#define P23 P22 "glued-misspelt-kicker\0"
#define P24 P23 "glued-kicker\0"
#define P25 P24 "shared-kicker\0"
#define AT(before) (sizeof(before) - 1)
static const char names[] = P25 "news-format";
typedef char names_fit[AT(P24) <= 255 ? 1 : -1]; /* shared-kicker: the last in a table */
static const unsigned char rule_at[] = { /* each rule's name */
    AT(""), AT(P12), AT(P13), AT(P1), AT(P4), AT(P2), AT(P14), AT(P15), AT(P16),
    AT(P17), AT(P18), AT(P19), AT(P18 "user-"), AT(P20), AT(P21), AT(P5), AT(P3), AT(P23),
    AT(P22), AT(P22 "glued-misspelt-"), AT(P22 "glued-"), AT(P24), AT(P6 "link-")};
typedef char rule_count[sizeof rule_at == R_NEWS && sizeof rule_class == R_NEWS ? 1 : -1];
static const unsigned char class_at[] = { /* each class's name */
    AT(""), AT(P3 "link-"), AT(P7), AT(P1), AT(P8), AT(P4 "author-"), AT(P2), AT(P3),
    AT(P9), AT(P6), AT(P5), AT(P10), AT(P11)};
typedef char class_count[sizeof class_at == NEWS_LINE_CLASS_COUNT ? 1 : -1];

#define DASH(t) ((t).len == 1 && (t).ptr[0] == '-')

/* The walk's state, in the caller's news_import_work (news.h). */
typedef news__imp_cur cur;
typedef news__imp imp;
typedef char ring_size[sizeof(((imp *)0)->u.ring) / sizeof(((imp *)0)->u.ring[0]) == RING ? 1 : -1];

/* The bytes of a leading byte order mark: 3 or 0. */
static size_t bom_len(const char *text, size_t len)
{
    return len >= 3 && (unsigned char)text[0] == 0xEFu && (unsigned char)text[1] == 0xBBu &&
                   (unsigned char)text[2] == 0xBFu
               ? 3
               : 0;
}

/* Drops the blanks at either end of *t. In place: a returned news_str
 * would need a temporary in the caller's frame. */
static void trim(news_str *t)
{
    size_t i = news__imp_skip(t->ptr, t->len, 0);

    t->ptr += i;
    t->len -= i;
    while (t->len > 0 && NEWS__IS_BLANK(t->ptr[t->len - 1]))
        t->len--;
}

static int next_line(cur *c)
{
    const char *q = c->p;

    if (q == c->end)
        return 0;
    while (q != c->end && *q != '\n' && *q != '\r')
        q++;
    c->s.ptr = c->p;
    c->s.len = (size_t)(q - c->p);
    if (q != c->end && *q++ == '\r' && q != c->end && *q == '\n')
        q++;
    c->p = q;
    c->no++;
    return 1;
}

/* With dash, the next non-blank line is one that may follow a "-"
 * opening the related list: short, and no "-" itself; without, the next
 * line is blank. 0 at the end of the text. */
NEWS__NOINLINE static int ahead(const imp *im, int dash)
{
    cur c;

    c.p = im->c.p;
    c.end = im->c.end;
    while (next_line(&c)) {
        trim(&c.s);
        if (!dash)
            return c.s.len == 0;
        if (c.s.len > 0)
            return c.s.len <= LONG && !DASH(c.s);
    }
    return 0;
}

/* t was seen among the last RING lines, ignoring case, spaces and ASCII
 * signs (a hash is kept per line, not the line). */
NEWS__NOINLINE static int repeated(imp *im)
{
    uint32_t h = 2166136261u;
    size_t i;
    unsigned k;

    for (i = 0; i < im->t.len; i++) {
        unsigned c = (unsigned char)im->t.ptr[i];
        if (NEWS__IS_ALPHA(c))
            c |= 0x20u;
        else if (!NEWS__IS_DIGIT(c) && c < 0x80u)
            continue;
        h = (h ^ c) * 16777619u;
    }
    for (k = im->nring; k-- > 0;) /* once full, each slot once or twice */
        if (im->u.ring[k % RING] == h)
            return 1;
    im->u.ring[im->nring % RING] = h;
    if (++im->nring == 2 * RING) /* the same slots as an endless count */
        im->nring = RING;
    return 0;
}

/* Which name of the first byline (above this line) is v[0]: its number
 * from 1 (the last, if it is there twice), or 0. v[1] is scratch. */
NEWS__NOINLINE static int by_name(imp *im)
{
    return im->by_no != 0 && im->by_no < im->c.no
               ? news__imp_byline(im->byline, NEWS__IMP_FIND, im->v)
               : 0;
}

/* A kicker no dictionary knows: the first one to three words of t, when
 * two more lines of the related list open with them (in any case) and
 * a word not in lower case follows each time. One word needs 4 bytes,
 * so that "The" opening a sentence is not taken for a kicker. */
NEWS__NOINLINE static size_t shared(const imp *im)
{
    size_t e, k, j, count;
    cur c;

    for (k = 3; k > 0; k--) {
        for (e = j = 0; j < k; j++) /* the end of word k */
            e = news__imp_end(im->t.ptr, im->t.len, news__imp_skip(im->t.ptr, im->t.len, e));
        if (e < 4 || !news__imp_opens(im->t.ptr, im->t.len, e))
            continue;
        c.p = im->rel_p;
        c.end = im->c.end;
        for (count = 0; count < 3 && next_line(&c);) {
            trim(&c.s);
            count += news__imp_opens(c.s.ptr, c.s.len, e) &&
                     news__imp_near(c.s.ptr, e, im->t.ptr, e, 0);
        }
        if (count >= 3)
            return e;
    }
    return 0;
}

/* The kicker rule on the line, with the caller's dictionary if any. */
NEWS__NOINLINE static size_t kicker(const imp *im, size_t *at)
{
    return news__imp_kicker(im->t.ptr, im->t.len, at, im->opt != NULL ? im->opt->kickers : NULL,
                            im->flags);
}

/* A line of the related list: a title, or the kicker and summary after
 * it. v[0..2] get the link's title, kicker and summary. */
static int link_line(imp *im)
{
    size_t i = 0, k;
    int r = R_SUMMARY;

    if (im->want) {
        if ((k = kicker(im, NULL)) != 0)
            r = R_KICKER + (int)(k & 1);
        else if (!(im->flags & NEWS_IMPORT_NO_SHARED) && (k = 2 * shared(im)) != 0)
            r = R_SHARED;
    } else if ((k = kicker(im, &im->v[0].len)) != 0) {
        /* the title: all before the kicker (trimmed already: t is, and
         * a glued kicker follows a non-blank) */
        i = im->v[0].len;
        im->v[0].ptr = im->t.ptr;
        r = R_GLUED + (int)(k & 1);
    } else {
        im->v[0] = im->t;
        im->want = 1;
        return R_LINK_TITLE;
    }
    im->want = 0;
    k /= 2;
    if (k != 0)
        im->v[1] = news__imp_sub(im->t, i, i + k);
    im->v[2] = news__imp_sub(im->t, news__imp_skip(im->t.ptr, im->t.len, i + k), im->t.len);
    return r;
}

/* The rule that decides line t (trimmed). */
NEWS__NOINLINE static int classify(imp *im)
{
    unsigned f = im->flags;
    int prompt = im->prompt, dash = DASH(im->t), rel, n;
    size_t k;

    im->prompt = 0;
    if (im->t.len == 0)
        return R_BLANK;
    /* The related list opens at a "-" with a short line after it, or at
     * a line with a kicker run into its title. */
    if (im->pass == 1 && im->rel_p == NULL && im->titled && !(f & NEWS_IMPORT_NO_RELATED) &&
        (dash ? ahead(im, 1) : kicker(im, &im->at) != 0)) {
        im->rel_p = im->c.s.ptr;
        im->rel_no = im->c.no - 1;
    }
    rel = im->rel_p != NULL && im->c.no > im->rel_no;
    if (rel && dash) {
        im->want = 0;
        return R_SEPARATOR;
    }
    if (!(f & NEWS_IMPORT_NO_NOISE) && news__imp_wordless(im->t.ptr, im->t.len))
        return R_NO_WORDS;
    if (!(f & NEWS_IMPORT_NO_DUPLICATES) && repeated(im))
        return R_DUPLICATE;
    if (im->t.len <= SHORT) {
        if (im->opt != NULL && news__imp_listed(im->t.ptr, im->t.len, NULL, im->opt->boilerplate))
            return R_USER;
        if (!(f & NEWS_IMPORT_NO_PHRASES)) {
            if (news__imp_listed(im->t.ptr, im->t.len, news__imp_prompts, NULL)) {
                im->prompt = im->t.len <= PROMPT && im->titled;
                return R_PROMPT;
            }
            if (news__imp_listed(im->t.ptr, im->t.len, news__imp_phrases, NULL))
                return R_PHRASE;
        }
        /* A promotion block: prompt, blurb, then a blank line. */
        if (!(f & NEWS_IMPORT_NO_BLURB) && prompt && !rel && ahead(im, 0))
            return R_BLURB;
        if (!(f & NEWS_IMPORT_NO_SOCIAL) && news__imp_social(im->t.ptr, im->t.len))
            return R_SOCIAL;
        if (!(f & NEWS_IMPORT_NO_CREDITS) &&
            news__imp_listed(im->t.ptr, im->t.len, news__imp_credits, NULL))
            return R_CREDIT;
    }
    if (rel)
        return link_line(im);
    if (!(f & NEWS_IMPORT_NO_BYLINE) && (n = news__imp_byline(im->t, -1, im->v)) >= 0)
        return n > 0 ? R_BYLINE : R_DATELINE;
    if (!im->titled) {
        im->titled = 1;
        return R_TITLE;
    }
    if (!(f & NEWS_IMPORT_NO_DEK) && im->prev == R_TITLE && im->t.len <= SHORT &&
        !news__imp_sentence(im->t.ptr, im->t.len))
        return R_DEK;
    /* The bio: the last paragraph, or one naming the byline's author. */
    if (im->pass == 2 && !(f & NEWS_IMPORT_NO_BIO) && !im->bio_done &&
        (k = news__imp_bio(im->t)) != 0) {
        im->v[0] = news__imp_sub(im->t, 0, k);
        if (im->c.no == im->last || by_name(im)) { /* v[1]: no bio reads it */
            im->bio_done = 1;
            return R_BIO;
        }
    }
    return R_PARAGRAPH;
}

/* The arena is real and has held every node so far. */
static int built(const imp *im)
{
    return im->ar->base != NULL && im->ar->used <= im->ar->cap;
}

/* An event's id for an extension field whose key is at names + at.
 * EXT(0) is NEWS_FIELD_EXT, the id of the events that are no field. */
#define EXT(at) (-1 - (int)(at))
typedef char ext_zero[EXT(0) == NEWS_FIELD_EXT ? 1 : -1];

/* Hands the builder of article.c (news__add()) the event of type, id
 * and value v. A field line counts as the reader counts it (a link by
 * its title). A link's field goes only into a link that was built, and
 * all before it (the newest is then the list's head). The event is in
 * this frame rather than in build()'s, which is under the byline rule's
 * deep calls. */
NEWS__NOINLINE static void put(imp *im, int type, int id, const news_str *v)
{
    news_event ev;

    im->fields += type != NEWS_EV_BLOCK && type != NEWS_EV_LINK && v->ptr != NULL;
    if (type == NEWS_EV_LINK_FIELD && !built(im))
        return;
    ev.type = type;
    ev.field = id < 0 ? NEWS_FIELD_EXT : id;
    ev.kind = NEWS_BLOCK_PARAGRAPH;
    ev.key.ptr = names + (id < 0 ? EXT(id) : 0);
    ev.key.len = news__imp_slen(ev.key.ptr);
    ev.value = *v;
    news__add(im->a, im->ar, &ev, 0);
}

typedef char same_order[NEWS_LINE_DEK - NEWS_LINE_TITLE == NEWS_FIELD_DEK - NEWS_FIELD_TITLE &&
                                NEWS_LINK_KICKER == 1 && NEWS_LINK_SUMMARY == 2
                            ? 1
                            : -1];

NEWS__NOINLINE static void build(imp *im, int cls)
{
    news_str *t = &im->t, *v = im->v;
    int k, key = EXT(AT(P5)); /* image-credit */
    news_author *au;

    switch (cls) {
    case NEWS_LINE_TITLE:
    case NEWS_LINE_DEK:
        put(im, NEWS_EV_FIELD, cls - NEWS_LINE_TITLE + NEWS_FIELD_TITLE, t);
        break;
    case NEWS_LINE_PARAGRAPH:
        put(im, NEWS_EV_BLOCK, NEWS_FIELD_EXT, t);
        break;
    case NEWS_LINE_BIO:
        /* The byline's authors are the first ones made: only a bio makes
         * others, and the one bio comes after that byline to join it.
         * The list is still circular: author k (counted from the
         * oldest) is k steps on from its head, the newest author (with
         * k 0, the one just made). */
        if ((k = by_name(im)) == 0)
            put(im, NEWS_EV_FIELD, NEWS_FIELD_AUTHOR, v);
        if (built(im)) {
            for (au = im->a->authors; k-- > 0;)
                au = au->next;
            au->bio = *t;
        }
        im->fields++;
        break;
    case NEWS_LINE_BYLINE:
        for (k = 0; news__imp_byline(*t, k, v) > k; k++) /* name k to v[0] */
            put(im, NEWS_EV_FIELD, NEWS_FIELD_AUTHOR, v);
        if (v[1].ptr == NULL)
            break;
        key = EXT(AT(P14));
        t = &v[1];
        /* fall through - the date part is an extension field */
    case NEWS_LINE_IMAGE_CREDIT:
        put(im, NEWS_EV_FIELD, key, t);
        break;
    case NEWS_LINE_LINK_TITLE:
        put(im, NEWS_EV_LINK, NEWS_FIELD_EXT, t);
        /* fall through - a title may carry its kicker and summary */
    case NEWS_LINE_LINK_KICKER:
    case NEWS_LINE_LINK_SUMMARY:
        /* v[k] is the link's NEWS_LINK_* k (a title that carries no
         * kicker and summary sets those of its new, zeroed link to none) */
        for (k = cls != NEWS_LINE_LINK_TITLE; k < 3; k++)
            put(im, NEWS_EV_LINK_FIELD, k, &v[k]);
        break;
    default:
        break;
    }
}

const char *news_line_class_name(int cls)
{
    return cls >= 0 && cls < NEWS_LINE_CLASS_COUNT ? names + class_at[cls] : NULL;
}

/* The input offset of the current line's first byte (a BOM before the
 * first line is part of it). */
static size_t line_start(const imp *im)
{
    return im->c.no == 1 ? 0 : (size_t)(im->c.s.ptr - im->text);
}

/* The error, and the article's lists ended (the walk may stop halfway). */
NEWS__NOINLINE static int finish(const imp *im, int rc)
{
    news__close_lists(im->a);
    news__set_error(im->error, rc, im->line, (unsigned long)im->col, (unsigned long)im->off);
    return rc;
}

/* The two walks over plain text, with all their state in *im (set by
 * news_import()), so that the frame under the rules stays small. It is
 * in news_import()'s frame: the reader's deeper calls under
 * passthrough() set the stack bound, not the rules. */
static int walk(imp *im)
{
    int r, rc = NEWS_OK;

    for (im->pass = 1; im->pass <= 2; im->pass++) {
        im->c.p = im->text + im->bom;
        im->c.no = 0;
        im->nring = 0;
        im->prev = im->prompt = im->titled = im->want = 0;
        while (next_line(&im->c)) {
            /* member by member: a struct assignment may become a memcpy
             * call, which freestanding builds do not have */
            im->t.ptr = im->c.s.ptr;
            im->t.len = im->c.s.len;
            trim(&im->t);
            news__memset(im->v, 0, sizeof im->v);
            if (im->pass == 1) { /* validate; then only up to the related list */
                rc = NEWS_ERR_LINE_TOO_LONG;
                im->at = NEWS_IMPORT_MAX_LINE;
                if (im->c.s.len <= im->at)
                    rc = news__check_text((const unsigned char *)im->c.s.ptr, im->c.s.len,
                                          &im->at);
                if (rc != NEWS_OK) { /* at byte at of the line (a BOM counts) */
                    im->col = im->at + (im->c.no == 1 ? im->bom : 0);
                    goto here;
                }
                if (im->t.len > 0 && im->first == 0) {
                    im->first = im->c.no;
                    im->first_off = line_start(im);
                }
                if (im->rel_p != NULL)
                    continue;
            }
            im->prev = (unsigned char)(r = classify(im));
            if (im->pass == 1) {
                if (r == R_PARAGRAPH)
                    im->last = im->c.no;
                if (r == R_BYLINE && im->by_no == 0) {
                    im->byline.ptr = im->t.ptr;
                    im->byline.len = im->t.len;
                    im->by_no = im->c.no;
                }
                continue;
            }
            if (im->explain != NULL)
                im->explain(im->user, im->c.no, rule_class[r], names + rule_at[r], im->c.s);
            build(im, rule_class[r]);
            rc = NEWS_ERR_LIMIT;
            if (im->a->n_blocks > NEWS_DEFAULT_MAX_BLOCKS ||
                im->a->n_related > NEWS_DEFAULT_MAX_LINKS ||
                im->a->n_authors > NEWS_DEFAULT_MAX_AUTHORS || im->fields > NEWS_DEFAULT_MAX_FIELDS) {
                im->col = 0;
                goto here;
            }
        }
        if (im->first == 0 || !im->titled) {
            im->line = im->first + (im->first == 0);
            im->col = 1;
            im->off = im->first_off;
            rc = im->first == 0 ? NEWS_ERR_EMPTY : NEWS_ERR_NO_TITLE;
            goto out;
        }
    }
    rc = im->ar->base != NULL && im->ar->used > im->ar->cap ? NEWS_ERR_NOMEM : NEWS_OK;
    return finish(im, rc); /* at line 0, column 0, offset 0 */
here: /* on the current line, col bytes into it */
    im->line = im->c.no;
    im->off = line_start(im) + im->col++;
out:
    return finish(im, rc);
}

/* Explain each line of .news input as such. Out of line, so that its
 * walk over the lines does not add to the frame above the reader. */
NEWS__NOINLINE static void explain_news(const char *p, const char *end,
                                        news_import_explain explain, void *user)
{
    news_str u;
    cur c;

    c.p = p;
    c.end = end;
    c.no = 0;
    while (next_line(&c)) {
        u = c.s;
        trim(&u);
        explain(user, c.no, u.len ? NEWS_LINE_NEWS : NEWS_LINE_BLANK, names + AT(P25),
                c.s);
    }
}

/* The first line that is not blank opens with "%news". On the walk's
 * cursor, which the walk sets again. */
static int is_news(imp *im)
{
    size_t i;

    im->c.p = im->text + im->bom;
    while (next_line(&im->c))
        if ((i = news__imp_skip(im->c.s.ptr, im->c.s.len, 0)) < im->c.s.len)
            return i == 0 && im->c.s.len >= 5 && news__memcmp(im->c.s.ptr, "%news", 5) == 0;
    return 0;
}

/* Input already in the format: news_parse()'s article (lines kept as
 * written), with the reader in the caller's memory rather than on the
 * stack. */
static int passthrough(imp *im)
{
    int rc;

    news_reader_init(&im->u.reader, im->text, (size_t)(im->c.end - im->text), NULL);
    rc = news_read_article(&im->u.reader, im->a, im->ar, 0);
    news__parse_error(&im->u.reader, rc, im->error);
    if (im->explain != NULL && (rc == NEWS_OK || rc == NEWS_ERR_NOMEM))
        explain_news(im->text + im->bom, im->c.end, im->explain, im->user);
    return rc;
}

int news_import(news_import_work *w, const char *text, size_t len,
                const news_import_options *opt, news_article *a, news_arena *ar,
                news_import_explain explain, void *user, news_error *error)
{
    imp *im;

    if (text == NULL) {
        if (len > 0)
            w = NULL; /* the same error as no work area */
        text = "";
    }
    if (w == NULL || a == NULL || ar == NULL) {
        news__set_error(error, NEWS_ERR_ARG, 0, 0, 0);
        return NEWS_ERR_ARG;
    }
    news__memset(a, 0, sizeof *a);
    im = &w->s;
    news__memset(im, 0, sizeof *im);
    im->text = text;
    im->c.end = text + len;
    im->bom = bom_len(text, len);
    im->opt = opt;
    im->flags = opt != NULL ? opt->flags : 0;
    im->a = a;
    im->ar = ar;
    im->explain = explain;
    im->user = user;
    im->error = error;
    if (!(im->flags & NEWS_IMPORT_NO_PASSTHROUGH) && is_news(im))
        return passthrough(im);
    return walk(im);
}
