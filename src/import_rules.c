/* import_rules.c - what one line of scraped text looks like: the phrase
 * lists, names, bylines, bios and kickers the importer's rules test
 * (the order they are tried in, and the state between lines, are in
 * import.c; docs/IMPORT.md describes each rule). */
#include "import.h"

#define TYPO 6u /* shortest kicker matched with one typo */

/* Lists are packed strings, "one\0two\0\0": no pointer table, so they
 * stay in flash. A leading '^' anchors a phrase at the line's start. */
const char news__imp_prompts[] = /* calls to subscribe: may have a blurb under them */
    "^subscribe\0^sign up\0^become a member\0^support our\0newsletter\0";
const char news__imp_phrases[] =
    "^sign in\0^log in\0^already a subscriber\0^advertisement\0^sponsored\0^skip to\0"
    "^click here\0^read more\0^continue reading\0^download the app\0^listen to this\0"
    "^we use cookies\0^\xc2\xa9\0to your inbox\0in your inbox\0daily email\0free trial\0"
    "all rights reserved\0unlimited access\0";
static const char openers[] = "^follow us\0^follow @\0^like us\0^join us\0^find us\0^share this\0"
                              "^share on\0";
static const char networks[] = "facebook\0twitter\0x\0instagram\0linkedin\0whatsapp\0email\0"
                               "reddit\0tiktok\0youtube\0threads\0bluesky\0mastodon\0telegram\0"
                               "print\0copy\0link\0share\0";
const char news__imp_credits[] = "^image credit\0^photo credit\0^image:\0^photo:\0"
                                 "^photograph:\0^photo by\0^picture:\0^credit:\0"
                                 "^illustration:\0getty images\0ap photo\0";
static const char kickers[] = "Speed Read\0The Week Recommends\0In Depth\0Instant Opinion\0"
                              "Talking Point\0The Explainer\0Analysis\0Opinion\0Explainer\0"
                              "Review\0Interview\0Feature\0Briefing\0Editorial\0Fact Check\0"
                              "Long Read\0";
static const char keys[] = "published\0updated\0posted\0";
static const char joins[] = "and\0&\0";
static const char particles[] = "van\0von\0der\0de\0da\0del\0di\0du\0la\0le\0bin\0al\0";
static const char verbs[] = "has\0is\0was\0writes\0covers\0joined\0reports\0";
static const char trade[] = "writ\0report\0journalis\0edit\0column\0correspond\0cover\0author\0";

#define ALNUM(c) (NEWS__IS_ALPHA(c) || NEWS__IS_DIGIT(c))

typedef struct list { /* a packed list, or the caller's NULL-terminated array */
    const char *packed;
    const char *const *user;
} list;

/* x and y are the same byte in any ASCII case: equal, or one letter in
 * both cases (they differ only in the case bit, 0x20). The one
 * comparison of the rules that ignores case, a leaf. */
static int same(char x, char y)
{
    unsigned d = (unsigned char)x ^ (unsigned char)y;

    return d == 0 || (d == 0x20u && ((unsigned char)x | 0x20u) - 'a' < 26u);
}

size_t news__imp_slen(const char *s)
{
    size_t n = 0;
    while (s[n] != '\0')
        n++;
    return n;
}

size_t news__imp_skip(const char *s, size_t len, size_t i)
{
    while (i < len && NEWS__IS_BLANK(s[i]))
        i++;
    return i;
}

size_t news__imp_end(const char *s, size_t len, size_t i)
{
    while (i < len && !NEWS__IS_BLANK(s[i]))
        i++;
    return i;
}

/* a and b equal in any ASCII case: 1; with typo, also 2 when they differ
 * by one letter changed, added or dropped, or two neighbours swapped:
 * what is left between their common start and common end is then at
 * most one byte on each side, or two swapped ones. */
int news__imp_near(const char *a, size_t an, const char *b, size_t bn, int typo)
{
    while (an > 0 && bn > 0 && same(*a, *b)) /* the common start off */
        a++, b++, an--, bn--;
    if (an == 0 && bn == 0)
        return 1;
    if (!typo)
        return 0;
    while (an > 0 && bn > 0 && same(a[an - 1], b[bn - 1])) /* and the common end */
        an--, bn--;
    if ((an | bn) <= 1) /* at most one byte left on each side */
        return 2;
    return an == 2 && bn == 2 && same(a[0], b[1]) && same(a[1], b[0]) ? 2 : 0;
}

/* The next entry of a list, its length in *n; NULL after the last (and
 * then no more calls). Inlined in its two callers: smaller so, as a
 * call would need the list and *n in memory. */
static NEWS__ALWAYS_INLINE const char *item(list *l, size_t *n)
{
    const char *p;

    if (l->user != NULL) {
        if ((p = *l->user++) == NULL)
            return NULL;
    } else if ((p = l->packed) == NULL || *p == '\0') {
        return NULL;
    }
    *n = news__imp_slen(p);
    l->packed = p + *n + 1; /* unused for the caller's list */
    return p;
}

/* Where phrase p occurs in s at the start of a word, plus 1; 0 if not. */
static size_t find(const char *s, size_t len, const char *p)
{
    size_t i = 0, k, end = len;
    const char *q;

    if (*p == '^') { /* one place: the start, after any opening brackets */
        for (p++; i < len && (s[i] == '(' || s[i] == '['); i++)
            ;
        end = i + 1;
    }
    if (*p == '\0')
        return 0;
    for (; i < len && i < end; i++)
        if (i == 0 || !ALNUM((unsigned char)s[i - 1])) {
            for (q = p, k = i; *q != '\0' && k < len && same(s[k], *q); q++)
                k++;
            if (*q == '\0')
                return i + 1;
        }
    return 0;
}

int news__imp_listed(const char *s, size_t len, const char *packed, const char *const *user)
{
    list l;
    const char *p;
    size_t n;

    l.packed = packed;
    l.user = user;
    while ((p = item(&l, &n)) != NULL)
        if (find(s, len, p))
            return 1;
    return 0;
}

/* w is one of the words of a packed list, in any ASCII case. It calls
 * nothing but same(), a leaf: it is at the bottom of the deepest rule
 * calls. */
static int is_word(const char *w, size_t n, const char *p)
{
    size_t k;

    for (; *p != '\0'; p += k + 1) {
        for (k = 0; k < n && p[k] != '\0' && same(p[k], w[k]); k++)
            ;
        if (k == n && p[k] == '\0')
            return 1;
        while (p[k] != '\0')
            k++;
    }
    return 0;
}

/* No letter or digit: only ASCII signs, Latin-1 signs, dashes, bullets. */
int news__imp_wordless(const char *s, size_t len)
{
    size_t i;

    for (i = 0; i < len; i++) {
        unsigned c = (unsigned char)s[i];
        if (ALNUM(c))
            return 0;
        if (c == 0xC2u)
            i++;
        else if (c == 0xE2u && (unsigned char)s[i + 1] == 0x80u)
            i += 2;
        else if (c >= 0x80u)
            return 0;
    }
    return 1;
}

/* Share and follow lines: an opener, or only network names (signs like
 * "|" between them aside), or "Follow ..." naming a network. */
int news__imp_social(const char *s, size_t len)
{
    size_t i, w, n, nets = 0;
    int follow = find(s, len, "^follow ") != 0;

    if (news__imp_listed(s, len, openers, NULL))
        return 1;
    for (i = 0; i < len; i = news__imp_skip(s, len, w)) {
        n = (w = news__imp_end(s, len, i)) - i;
        if (n > 1 && (s[w - 1] == ',' || s[w - 1] == ':'))
            n--;
        if (is_word(s + i, n, networks))
            nets++;
        else if (!follow && !news__imp_wordless(s + i, n))
            return 0; /* a word that is no network: not a share bar */
    }
    return nets > 0;
}

/* 1 if s ends with a full stop, perhaps inside closing quotes. */
int news__imp_sentence(const char *s, size_t len)
{
    size_t n = len;
    unsigned c;

    while (n > 0 && ((c = (unsigned char)s[n - 1]) == '"' || c == '\'' || c == ')' ||
                     c >= 0x80u))
        n--;
    return n > 0 && s[n - 1] == '.';
}

/* End of a personal name starting at t[i]: capitalised words, with
 * particles ("van", "de") between them; *words counts them. It stops at
 * a comma, a date keyword or any other word. */
static size_t name_end(const char *s, size_t len, size_t i, size_t *words)
{
    size_t end = i, n = 0, w;
    unsigned c;

    for (*words = 0;; i = w) {
        i = news__imp_skip(s, len, i);
        for (w = i; w < len && !NEWS__IS_BLANK(s[w]) && s[w] != ',';)
            w++;
        if (w == i)
            break;
        c = (unsigned char)s[i];
        if ((c - 'A' < 26u || (c >= 0xC3u && c < 0xE0u)) && !is_word(s + i, w - i, keys))
            *words = ++n, end = w;
        else if (n > 0 && is_word(s + i, w - i, particles))
            n++;
        else
            break;
        if (w < len && s[w] == ',')
            break;
    }
    return end;
}

/* A byline: "By" and names joined by "and" or "&", then nothing,
 * punctuation or a date keyword; or a line opening with a date keyword.
 * Returns the number of names (-1: not a byline); name number want goes
 * to out[0], the date part (from its keyword on) to out[1]. With want
 * NEWS__IMP_FIND, it returns the number from 1 of the last name that is
 * out[0], 0 if none (one walk over the names, at no more depth). */
int news__imp_byline(news_str t, int want, news_str *out)
{
    size_t i = 0, e, words, first = 0, at = NEWS__SIZE_MAX, k;
    const char *p;
    int n = 0, found = 0;

    out[1].ptr = NULL;
    if (t.len > NEWS__IMP_SHORT)
        return -1;
    if (t.len > 3 && (t.ptr[0] | 0x20) == 'b' && (t.ptr[1] | 0x20) == 'y' && /* only B, b; Y, y */
        NEWS__IS_BLANK(t.ptr[2]))
        for (i = 3;; i = e) {
            i = news__imp_skip(t.ptr, t.len, i);
            e = name_end(t.ptr, t.len, i, &words);
            if (words == 0)
                break;
            if (n == want)
                out[0] = news__imp_sub(t, i, e);
            else if (want == NEWS__IMP_FIND && e - i == out[0].len &&
                     news__memcmp(t.ptr + i, out[0].ptr, e - i) == 0)
                found = n + 1;
            if (n++ == 0)
                first = words;
            i = news__imp_skip(t.ptr, t.len, e);
            e = news__imp_end(t.ptr, t.len, i);
            if (!is_word(t.ptr + i, e - i, joins))
                break;
        }
    for (p = keys; *p != '\0'; p += news__imp_slen(p) + 1)
        if ((k = find(t.ptr + i, t.len - i, p) - 1) < at) /* none: the size_t maximum */
            at = k;
    if (n == 0 ? at != 0 || i > 0
               : i < t.len && at != 0 && (first < 2 || ALNUM((unsigned char)t.ptr[i])))
        return -1;
    if (at != NEWS__SIZE_MAX)
        out[1] = news__imp_sub(t, i + at, t.len);
    return want == NEWS__IMP_FIND ? found : n;
}

/* "NAME has worked as a reporter...": a name of two words or more, a
 * verb bios use, and a word of the trade somewhere. The name's end or 0. */
size_t news__imp_bio(news_str t)
{
    size_t words, e = name_end(t.ptr, t.len, 0, &words), i = news__imp_skip(t.ptr, t.len, e);
    news_str verb = news__imp_sub(t, i, news__imp_end(t.ptr, t.len, i));

    return words >= 2 && is_word(verb.ptr, verb.len, verbs) &&
                   news__imp_listed(t.ptr, t.len, trade, NULL)
               ? e
               : 0;
}

/* s[i] is a blank followed by a word not in lower case: where a kicker
 * may end and its summary begin. */
int news__imp_opens(const char *s, size_t len, size_t i)
{
    if (i >= len || !NEWS__IS_BLANK(s[i]))
        return 0;
    i = news__imp_skip(s, len, i);
    return i < len && !NEWS__IS_LOWER((unsigned char)s[i]);
}

/* A dictionary kicker at the start of s, or with at, one run into the
 * title before it ("...northIn Depth Scientists": a capital right after
 * a non-blank), its offset to *at. Twice its length, plus 1 if it took
 * the one typo allowed; 0 if none. One function for both, so that the
 * glued search adds no frame to the calls under it. */
size_t news__imp_kicker(const char *s, size_t len, size_t *at, const char *const *user,
                        unsigned flags)
{
    list l;
    const char *d;
    size_t i = at != NULL, dl, n;
    int m;

    if (at != NULL && (len > NEWS__IMP_LONG || (flags & NEWS_IMPORT_NO_GLUED)))
        return 0;
    for (; i < len && !(flags & NEWS_IMPORT_NO_KICKERS); i++) {
        if (at != NULL &&
            ((unsigned)(unsigned char)s[i] - 'A' >= 26u || NEWS__IS_BLANK(s[i - 1])))
            continue;
        l.packed = kickers;
        l.user = user;
        while ((d = item(&l, &dl)) != NULL)
            for (n = dl + 1; n + 1 >= dl && n > 0; n--) { /* "": near() is 0 */
                if (!news__imp_opens(s, len, i + n) || NEWS__IS_BLANK(s[i + n - 1]))
                    continue;
                m = news__imp_near(s + i, n, d, dl,
                                   dl >= TYPO && !(flags & NEWS_IMPORT_NO_TYPOS));
                if (m != 0) {
                    if (at != NULL)
                        *at = i;
                    return 2 * n + (m > 1);
                }
            }
        if (at == NULL)
            break;
    }
    return 0;
}
