/*
 * Runner and assertions for the Check stand-in declared in check.h.
 * Only hosted C99 library calls are used so that the same file builds
 * for newlib/semihosting targets.
 */
#include <check.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct mck_test { const TTest *t; int start, end, loop; struct mck_test *next; };
struct mck_fix { SFun fn; struct mck_fix *next; };
struct TCase {
    const char *name;
    struct mck_test *tests;
    struct mck_fix *setup, *teardown;   /* checked: around every test */
    struct mck_fix *usetup, *uteardown; /* unchecked: once per tcase */
    TCase *next;
};
struct Suite { const char *name; TCase *tcases; Suite *next; };
struct SRunner { Suite *suites; int nrun, nfailed; };

/*
 * Per-run state lives at file scope: locals of the function that calls
 * setjmp would be indeterminate after longjmp unless volatile.
 */
static struct {
    jmp_buf env;
    int armed;  /* env is valid, an assertion may unwind to it */
    int failed; /* the current run already has a failure recorded */
    const char *file;
    int line;
    char msg[512];
    SFun sf;    /* what mck_guard runs: sf() if set, else tf(i) */
    TFun tf;
    int i;
} mck;

static const char *const mck_ops[] = { "==", "!=", "<", "<=", ">", ">=" };

static void *mck_alloc(size_t n)
{
    void *p = calloc(1, n);
    if (p == NULL) {
        fputs("minicheck: out of memory\n", stdout);
        exit(EXIT_FAILURE);
    }
    return p;
}

Suite *suite_create(const char *name)
{
    Suite *s = mck_alloc(sizeof *s);
    s->name = name != NULL ? name : "";
    return s;
}

TCase *tcase_create(const char *name)
{
    TCase *tc = mck_alloc(sizeof *tc);
    tc->name = name != NULL ? name : "";
    return tc;
}

void suite_add_tcase(Suite *s, TCase *tc)
{
    TCase **p;
    if (s == NULL || tc == NULL)
        return;
    /* Adding twice would link the list into a cycle and double-free it. */
    for (p = &s->tcases; *p != NULL; p = &(*p)->next)
        if (*p == tc)
            return;
    *p = tc;
}

/* No timers without an OS; accepted for source compatibility. */
void tcase_set_timeout(TCase *tc, double timeout) { (void)tc; (void)timeout; }

/* Setups run in the order added, teardowns in reverse, as in Check. */
static void mck_fix_add(struct mck_fix **list, SFun fn, int front)
{
    struct mck_fix *f;
    if (fn == NULL)
        return;
    f = mck_alloc(sizeof *f);
    f->fn = fn;
    while (!front && *list != NULL)
        list = &(*list)->next;
    f->next = *list;
    *list = f;
}

void tcase_add_checked_fixture(TCase *tc, SFun setup, SFun teardown)
{
    if (tc != NULL) {
        mck_fix_add(&tc->setup, setup, 0);
        mck_fix_add(&tc->teardown, teardown, 1);
    }
}

void tcase_add_unchecked_fixture(TCase *tc, SFun setup, SFun teardown)
{
    if (tc != NULL) {
        mck_fix_add(&tc->usetup, setup, 0);
        mck_fix_add(&tc->uteardown, teardown, 1);
    }
}

void mck_tcase_add(TCase *tc, const TTest *t, int start, int end, int loop)
{
    struct mck_test **p, *n;
    if (tc == NULL || t == NULL)
        return;
    for (p = &tc->tests; *p != NULL; p = &(*p)->next)
        ;
    n = mck_alloc(sizeof *n);
    n->t = t;
    n->start = start;
    n->end = end;
    n->loop = loop;
    *p = n;
}

SRunner *srunner_create(Suite *s)
{
    SRunner *sr = mck_alloc(sizeof *sr);
    srunner_add_suite(sr, s);
    return sr;
}

void srunner_add_suite(SRunner *sr, Suite *s)
{
    Suite **p;
    if (sr == NULL || s == NULL)
        return;
    for (p = &sr->suites; *p != NULL; p = &(*p)->next)
        if (*p == s)
            return;
    *p = s;
}

/* Tests always run in-process; accepted for source compatibility. */
void srunner_set_fork_status(SRunner *sr, enum fork_status fstat) { (void)sr; (void)fstat; }
enum fork_status srunner_fork_status(SRunner *sr) { (void)sr; return CK_NOFORK; }
int srunner_ntests_failed(SRunner *sr) { return sr != NULL ? sr->nfailed : 0; }
int srunner_ntests_run(SRunner *sr) { return sr != NULL ? sr->nrun : 0; }

static void mck_fix_free(struct mck_fix *f)
{
    struct mck_fix *next;
    for (; f != NULL; f = next) {
        next = f->next;
        free(f);
    }
}

void srunner_free(SRunner *sr)
{
    Suite *s, *snext;
    TCase *tc, *tcnext;
    struct mck_test *t, *tnext;
    if (sr == NULL)
        return;
    for (s = sr->suites; s != NULL; s = snext) {
        snext = s->next;
        for (tc = s->tcases; tc != NULL; tc = tcnext) {
            tcnext = tc->next;
            for (t = tc->tests; t != NULL; t = tnext) {
                tnext = t->next;
                free(t);
            }
            mck_fix_free(tc->setup);
            mck_fix_free(tc->teardown);
            mck_fix_free(tc->usetup);
            mck_fix_free(tc->uteardown);
            free(tc);
        }
        free(s);
    }
    free(sr);
}

/* ---- assertions ---- */

void mck_fail(const char *file, int line, const char *expr, const char *fmt, ...)
{
    char buf[sizeof mck.msg];
    va_list ap;
    if (fmt != NULL) {
        va_start(ap, fmt);
        vsnprintf(buf, sizeof buf, fmt, ap);
        va_end(ap);
    } else {
        snprintf(buf, sizeof buf, "%s", expr != NULL ? expr : "Failed");
    }
    if (!mck.armed) { /* outside a test: nothing to unwind to */
        printf("%s:%d: %s\n", file, line, buf);
        fflush(stdout);
        exit(EXIT_FAILURE);
    }
    /* Keep the first failure: a teardown failing after the test adds nothing. */
    if (!mck.failed) {
        mck.failed = 1;
        mck.file = file;
        mck.line = line;
        memcpy(mck.msg, buf, sizeof buf);
    }
    mck.armed = 0;
    longjmp(mck.env, 1);
}

/* Hand-rolled because newlib-nano's printf has no %jd/%ju. */
static const char *mck_utoa(char *end, uintmax_t v, int neg)
{
    char *p = end;
    *--p = '\0';
    do {
        *--p = (char)('0' + (int)(v % 10u));
        v /= 10u;
    } while (v != 0u);
    if (neg)
        *--p = '-';
    return p;
}

static int mck_holds(int op, int c)
{
    return op == MCK_EQ ? c == 0 : op == MCK_NE ? c != 0 : op == MCK_LT ? c < 0
         : op == MCK_LE ? c <= 0 : op == MCK_GT ? c > 0 : c >= 0;
}

/* Shared by the int and uint checks: magnitudes plus sign flags. */
static void mck_num(const char *file, int line, int op, int cmp, const char *xs,
                    const char *ys, uintmax_t xm, int xneg, uintmax_t ym, int yneg)
{
    char xb[32], yb[32];
    if (!mck_holds(op, cmp))
        mck_fail(file, line, NULL, "Assertion '%s %s %s' failed: %s == %s, %s == %s",
                 xs, mck_ops[op], ys, xs, mck_utoa(xb + sizeof xb, xm, xneg),
                 ys, mck_utoa(yb + sizeof yb, ym, yneg));
}

void mck_cmp_int(const char *file, int line, int op, intmax_t x, intmax_t y,
                 const char *xs, const char *ys)
{
    /* Negate in unsigned arithmetic so INTMAX_MIN does not overflow. */
    mck_num(file, line, op, (x > y) - (x < y), xs, ys,
            x < 0 ? 0u - (uintmax_t)x : (uintmax_t)x, x < 0,
            y < 0 ? 0u - (uintmax_t)y : (uintmax_t)y, y < 0);
}

void mck_cmp_uint(const char *file, int line, int op, uintmax_t x, uintmax_t y,
                  const char *xs, const char *ys)
{
    mck_num(file, line, op, (x > y) - (x < y), xs, ys, x, 0, y, 0);
}

void mck_cmp_str(const char *file, int line, int op, const char *x,
                 const char *y, const char *xs, const char *ys)
{
    /* As in Check, a NULL operand fails either comparison instead of crashing. */
    if (x != NULL && y != NULL && (strcmp(x, y) == 0) == (op == MCK_EQ))
        return;
    mck_fail(file, line, NULL, "Assertion '%s %s %s' failed: %s == %s%s%s, %s == %s%s%s",
             xs, mck_ops[op], ys, xs, x ? "\"" : "", x ? x : "(null)", x ? "\"" : "",
             ys, y ? "\"" : "", y ? y : "(null)", y ? "\"" : "");
}

/* ys == NULL marks ck_assert_ptr_null/nonnull, which have no second operand. */
void mck_cmp_ptr(const char *file, int line, int op, const void *x,
                 const void *y, const char *xs, const char *ys)
{
    if ((x == y) == (op == MCK_EQ))
        return;
    if (ys == NULL)
        mck_fail(file, line, NULL, "Assertion '%s %s NULL' failed: %s == %p",
                 xs, mck_ops[op], xs, x);
    mck_fail(file, line, NULL, "Assertion '%s %s %s' failed: %s == %p, %s == %p",
             xs, mck_ops[op], ys, xs, x, ys, y);
}

/* Hex dump of at most 16 bytes into out[52], "..." marking truncation. */
static void mck_hex(char *out, const unsigned char *p, size_t n)
{
    static const char digits[] = "0123456789abcdef";
    size_t k;
    for (k = 0; k < n && k < 16u; k++) {
        if (k > 0)
            *out++ = ' ';
        *out++ = digits[p[k] >> 4];
        *out++ = digits[p[k] & 15u];
    }
    strcpy(out, n > 16u ? " ..." : "");
}

void mck_cmp_mem(const char *file, int line, int op, const void *x,
                 const void *y, size_t len, const char *xs, const char *ys)
{
    const unsigned char *a = x, *b = y;
    char ha[52], hb[52];
    size_t off = 0;
    if (len > 0 && (a == NULL || b == NULL))
        mck_fail(file, line, NULL, "Assertion '%s %s %s' failed: %s == %p, %s == %p",
                 xs, mck_ops[op], ys, xs, x, ys, y);
    while (off < len && a[off] == b[off])
        off++;
    if ((off == len) == (op == MCK_EQ))
        return;
    if (off == len) {
        mck_hex(ha, a, len);
        mck_fail(file, line, NULL, "Assertion '%s %s %s' failed: all %lu bytes equal: %s",
                 xs, mck_ops[op], ys, (unsigned long)len, ha);
    }
    mck_hex(ha, a + off, len - off);
    mck_hex(hb, b + off, len - off);
    mck_fail(file, line, NULL,
             "Assertion '%s %s %s' failed: first difference at offset %lu: %s == %s, %s == %s",
             xs, mck_ops[op], ys, (unsigned long)off, xs, ha, ys, hb);
}

/* ---- runner ---- */

/* Runs mck.sf() or mck.tf(mck.i); returns 0 if an assertion failed. */
static int mck_guard(void)
{
    if (setjmp(mck.env) != 0)
        return 0;
    mck.armed = 1;
    if (mck.sf != NULL)
        mck.sf();
    else
        mck.tf(mck.i);
    mck.armed = 0;
    return 1;
}

/* Setups stop at the first failure; teardowns all run so resources are freed. */
static int mck_run_fixes(const struct mck_fix *f, int stop_on_fail)
{
    int ok = 1;
    for (; f != NULL && (ok || !stop_on_fail); f = f->next) {
        mck.sf = f->fn;
        if (!mck_guard())
            ok = 0;
    }
    mck.sf = NULL;
    return ok;
}

static void mck_report(SRunner *sr, const char *name, enum print_output mode)
{
    sr->nrun++;
    if (mck.failed) {
        sr->nfailed++;
        if (mode >= CK_NORMAL)
            printf("%s:%d: %s: %s\n", mck.file, mck.line, name, mck.msg);
    }
    if (mode == CK_VERBOSE)
        printf("%s %s\n", mck.failed ? "FAIL" : "PASS", name);
    fflush(stdout); /* so output survives a later crash or semihosting stop */
}

static void mck_run_tcase(SRunner *sr, const TCase *tc, enum print_output mode)
{
    const struct mck_test *t;
    char name[128];
    int i;
    mck.failed = 0;
    if (!mck_run_fixes(tc->usetup, 1)) {
        /* Check skips the tcase and counts the setup as one failed run. */
        mck_report(sr, tc->name, mode);
        return;
    }
    for (t = tc->tests; t != NULL; t = t->next) {
        for (i = t->start; i < t->end; i++) {
            if (t->loop) /* the index tells loop iterations apart */
                snprintf(name, sizeof name, "%s[%d]", t->t->name, i);
            else
                snprintf(name, sizeof name, "%s", t->t->name);
            mck.failed = 0;
            if (mck_run_fixes(tc->setup, 1)) {
                mck.tf = t->t->fn;
                mck.i = i;
                mck_guard();
                mck_run_fixes(tc->teardown, 0);
            }
            mck_report(sr, name, mode);
        }
    }
    mck.failed = 0;
    if (!mck_run_fixes(tc->uteardown, 0))
        mck_report(sr, tc->name, mode);
}

static enum print_output mck_env_mode(void)
{
    static const char *const names[] = { "silent", "minimal", "normal", "verbose" };
    const char *v = getenv("CK_VERBOSITY");
    int k;
    for (k = 0; v != NULL && k < 4; k++)
        if (strcmp(v, names[k]) == 0)
            return (enum print_output)k;
    return CK_NORMAL;
}

/* An unset or empty filter selects everything. */
static int mck_selected(const char *filter, const char *name)
{
    return filter == NULL || *filter == '\0' || strcmp(filter, name) == 0;
}

/*
 * MINICHECK_SKIP, when defined, is a string of space-separated names,
 * "suite" or "suite/tcase", that a build leaves out: a target without a
 * POSIX file system, for example, cannot run tests that make temporary
 * files. Every tcase left out is named in the output.
 */
static int mck_skipped(const char *suite, const char *tcase)
{
#ifdef MINICHECK_SKIP
    const char *p = MINICHECK_SKIP;
    size_t sl = strlen(suite), tl = strlen(tcase), n;
    for (; *p != '\0'; p += n) {
        while (*p == ' ')
            p++;
        n = strcspn(p, " ");
        if (n < sl || strncmp(p, suite, sl) != 0)
            continue;
        if (n == sl || (n == sl + 1 + tl && p[sl] == '/' && strncmp(p + sl + 1, tcase, tl) == 0))
            return 1;
    }
#else
    (void)suite;
    (void)tcase;
#endif
    return 0;
}

void srunner_run(SRunner *sr, const char *sname, const char *tcname,
                 enum print_output print_mode)
{
    const Suite *s;
    const TCase *tc;
    if (sr == NULL)
        return;
    if (sname == NULL)
        sname = getenv("CK_RUN_SUITE");
    if (tcname == NULL)
        tcname = getenv("CK_RUN_CASE");
    if (print_mode == CK_ENV)
        print_mode = mck_env_mode();
    else if (print_mode > CK_ENV)
        print_mode = CK_NORMAL;
    for (s = sr->suites; s != NULL; s = s->next) {
        if (!mck_selected(sname, s->name))
            continue;
        for (tc = s->tcases; tc != NULL; tc = tc->next) {
            if (!mck_selected(tcname, tc->name))
                continue;
            if (mck_skipped(s->name, tc->name))
                printf("%s/%s: skipped (MINICHECK_SKIP)\n", s->name, tc->name);
            else
                mck_run_tcase(sr, tc, print_mode);
        }
    }
    /* Printed in every mode, CK_SILENT included: CI parses this exact line. */
    printf("%d passed, %d failed\n", sr->nrun - sr->nfailed, sr->nfailed);
    fflush(stdout);
}

void srunner_run_all(SRunner *sr, enum print_output print_mode)
{
    srunner_run(sr, NULL, NULL, print_mode);
}
