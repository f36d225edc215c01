/* jsonvalid.h - a strict JSON validator of the tests' own (RFC 8259:
 * UTF-8 without overlongs or surrogates, escapes, numbers, nesting up
 * to 64 levels), shared by the unit tests (tests/util.c) and the fuzz
 * targets (tests/fuzz/fuzz_util.c), so that the library's JSON export
 * is never judged by the library. Header only, so that neither build
 * needs another file: include it in exactly one source file. */
#ifndef NEWS_TESTS_JSONVALID_H
#define NEWS_TESTS_JSONVALID_H

#include <stdlib.h>
#include <string.h>

typedef struct jv {
    const unsigned char *s;
    size_t n, i;
    int depth, unique;
} jv;

static int jv_at(const jv *j, unsigned char c)
{
    return j->i < j->n && j->s[j->i] == c;
}

static void jv_ws(jv *j)
{
    while (j->i < j->n &&
           (j->s[j->i] == ' ' || j->s[j->i] == '\t' || j->s[j->i] == '\n' || j->s[j->i] == '\r'))
        j->i++;
}

static int jv_hex(unsigned c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/* One UTF-8 sequence at j->i, decoded and range-checked. */
static int jv_utf8(jv *j)
{
    unsigned c = j->s[j->i];
    size_t len = c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4, k;
    unsigned long cp = c & (len == 2 ? 0x1Fu : len == 3 ? 0x0Fu : 0x07u);

    if (c < 0xC2 || c > 0xF4 || j->n - j->i < len)
        return 0;
    for (k = 1; k < len; k++) {
        if ((j->s[j->i + k] & 0xC0) != 0x80)
            return 0;
        cp = cp << 6 | (j->s[j->i + k] & 0x3Fu);
    }
    if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
        (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    j->i += len;
    return 1;
}

static int jv_string(jv *j)
{
    if (!jv_at(j, '"'))
        return 0;
    j->i++;
    while (j->i < j->n) {
        unsigned c = j->s[j->i];
        if (c == '"') {
            j->i++;
            return 1;
        }
        if (c < 0x20)
            return 0;
        if (c == '\\') {
            if (++j->i >= j->n)
                return 0;
            c = j->s[j->i];
            if (c == 'u') {
                size_t k;
                if (j->n - j->i < 5)
                    return 0;
                for (k = 1; k <= 4; k++)
                    if (!jv_hex(j->s[j->i + k]))
                        return 0;
                j->i += 5;
            } else if (c == '"' || c == '\\' || c == '/' || c == 'b' || c == 'f' || c == 'n' ||
                       c == 'r' || c == 't') {
                j->i++;
            } else {
                return 0;
            }
        } else if (c >= 0x80) {
            if (!jv_utf8(j))
                return 0;
        } else {
            j->i++;
        }
    }
    return 0;
}

static int jv_digits(jv *j)
{
    size_t start = j->i;
    while (j->i < j->n && j->s[j->i] >= '0' && j->s[j->i] <= '9')
        j->i++;
    return j->i > start;
}

static int jv_number(jv *j)
{
    if (jv_at(j, '-'))
        j->i++;
    if (jv_at(j, '0'))
        j->i++;
    else if (!jv_digits(j))
        return 0;
    if (jv_at(j, '.')) {
        j->i++;
        if (!jv_digits(j))
            return 0;
    }
    if (jv_at(j, 'e') || jv_at(j, 'E')) {
        j->i++;
        if (jv_at(j, '+') || jv_at(j, '-'))
            j->i++;
        if (!jv_digits(j))
            return 0;
    }
    return 1;
}

static int jv_word(jv *j, const char *w)
{
    size_t k = strlen(w);
    if (j->n - j->i < k || memcmp(j->s + j->i, w, k) != 0)
        return 0;
    j->i += k;
    return 1;
}

/* Names already seen in one object, as byte ranges of the input (the
 * escaped form: the library escapes one way only, so equal names are
 * equal bytes). */
typedef struct jv_names {
    size_t *at, *len;
    size_t n, cap;
} jv_names;

static int jv_name_new(jv_names *names, const unsigned char *s, size_t at, size_t len)
{
    size_t k;
    for (k = 0; k < names->n; k++)
        if (names->len[k] == len && memcmp(s + names->at[k], s + at, len) == 0)
            return 0;
    if (names->n == names->cap) {
        names->cap = names->cap ? names->cap * 2 : 16;
        names->at = (size_t *)realloc(names->at, names->cap * sizeof *names->at);
        names->len = (size_t *)realloc(names->len, names->cap * sizeof *names->len);
        if (names->at == NULL || names->len == NULL)
            abort(); /* test code: no answer is better than a wrong one */
    }
    names->at[names->n] = at;
    names->len[names->n] = len;
    names->n++;
    return 1;
}

static int jv_value(jv *j);

static int jv_object(jv *j)
{
    jv_names names = {NULL, NULL, 0, 0};
    int ok = 0;

    j->i++; /* '{' */
    jv_ws(j);
    if (jv_at(j, '}')) {
        j->i++;
        return 1;
    }
    for (;;) {
        size_t at;
        jv_ws(j);
        at = j->i;
        if (!jv_string(j))
            break;
        if (j->unique && !jv_name_new(&names, j->s, at, j->i - at))
            break;
        jv_ws(j);
        if (!jv_at(j, ':'))
            break;
        j->i++;
        if (!jv_value(j))
            break;
        jv_ws(j);
        if (jv_at(j, ',')) {
            j->i++;
            continue;
        }
        if (jv_at(j, '}')) {
            j->i++;
            ok = 1;
        }
        break;
    }
    free(names.at);
    free(names.len);
    return ok;
}

static int jv_array(jv *j)
{
    j->i++; /* '[' */
    jv_ws(j);
    if (jv_at(j, ']')) {
        j->i++;
        return 1;
    }
    for (;;) {
        if (!jv_value(j))
            return 0;
        jv_ws(j);
        if (jv_at(j, ',')) {
            j->i++;
            continue;
        }
        if (!jv_at(j, ']'))
            return 0;
        j->i++;
        return 1;
    }
}

static int jv_value(jv *j)
{
    int ok;

    jv_ws(j);
    if (j->i >= j->n || j->depth >= 64)
        return 0;
    j->depth++;
    switch (j->s[j->i]) {
    case '{':
        ok = jv_object(j);
        break;
    case '[':
        ok = jv_array(j);
        break;
    case '"':
        ok = jv_string(j);
        break;
    case 't':
        ok = jv_word(j, "true");
        break;
    case 'f':
        ok = jv_word(j, "false");
        break;
    case 'n':
        ok = jv_word(j, "null");
        break;
    default:
        ok = jv_number(j);
    }
    j->depth--;
    return ok;
}

/* s[0..n) is one JSON value, with nothing but white space after it;
 * with unique_names, no object repeats a member name. */
static int jv_valid(const char *s, size_t n, int unique_names)
{
    jv j;

    j.s = (const unsigned char *)s;
    j.n = n;
    j.i = 0;
    j.depth = 0;
    j.unique = unique_names;
    if (!jv_value(&j))
        return 0;
    jv_ws(&j);
    return j.i == n;
}

#endif
