/*
 * Minimal stand-in for the Check unit-test framework (API subset of
 * Check 0.15), used when libcheck is not installed and on bare-metal
 * targets. Tests run in-process: a failing assertion longjmps back to
 * the runner, so there is no fork, signal, timeout or crash isolation.
 * A build may define MINICHECK_SKIP as a string of "suite" or
 * "suite/tcase" names to leave out (tests a target cannot run); each
 * one left out is named in the output.
 */
#ifndef MINICHECK_CHECK_H
#define MINICHECK_CHECK_H

/* Real check.h pulls these in; tests may rely on that. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* Lets a test tell which implementation it is built against. */
#define MINICHECK 1

#if defined(__GNUC__)
#define MCK_UNUSED __attribute__((unused))
#define MCK_FAIL_ATTR __attribute__((noreturn, format(printf, 4, 5)))
#else
#define MCK_UNUSED
#define MCK_FAIL_ATTR
#endif
/*
 * Pointer assertions only compare addresses; without this, GCC warns about
 * `&uninitialized_local` passed as const void *, which real Check accepts.
 */
#if defined(__GNUC__) && !defined(__clang__) && __GNUC__ >= 10
#define MCK_NO_ACCESS __attribute__((access(none, 4), access(none, 5)))
#else
#define MCK_NO_ACCESS
#endif

typedef struct Suite Suite;
typedef struct TCase TCase;
typedef struct SRunner SRunner;
typedef void (*TFun)(int);
typedef void (*SFun)(void);

/* Same layout as Check's TTest, so START_TEST users see no difference. */
typedef struct TTest { const char *name; TFun fn; const char *file; int line; } TTest;

enum print_output { CK_SILENT, CK_MINIMAL, CK_NORMAL, CK_VERBOSE, CK_ENV, CK_LAST };
enum fork_status { CK_FORK_GETENV, CK_FORK, CK_NOFORK };

/* As in Check, `name` is a pointer to the descriptor; `_i` is the loop index. */
#define START_TEST(name) \
    static void name##_fn(int _i MCK_UNUSED); \
    static const TTest name##_ttest = { #name, name##_fn, __FILE__, __LINE__ }; \
    static const TTest *name = &name##_ttest; \
    static void name##_fn(int _i MCK_UNUSED)
#define END_TEST

Suite *suite_create(const char *name);
void suite_add_tcase(Suite *s, TCase *tc);
TCase *tcase_create(const char *name);
void tcase_set_timeout(TCase *tc, double timeout);
void tcase_add_checked_fixture(TCase *tc, SFun setup, SFun teardown);
void tcase_add_unchecked_fixture(TCase *tc, SFun setup, SFun teardown);
void mck_tcase_add(TCase *tc, const TTest *t, int start, int end, int loop);
#define tcase_add_test(tc, tf) mck_tcase_add((tc), (tf), 0, 1, 0)
#define tcase_add_loop_test(tc, tf, s, e) mck_tcase_add((tc), (tf), (s), (e), 1)

SRunner *srunner_create(Suite *s);
void srunner_add_suite(SRunner *sr, Suite *s);
void srunner_run_all(SRunner *sr, enum print_output print_mode);
void srunner_run(SRunner *sr, const char *sname, const char *tcname,
                 enum print_output print_mode);
int srunner_ntests_failed(SRunner *sr);
int srunner_ntests_run(SRunner *sr);
void srunner_free(SRunner *sr);
void srunner_set_fork_status(SRunner *sr, enum fork_status fstat);
enum fork_status srunner_fork_status(SRunner *sr);

/* Comparison codes shared by the typed assertions. */
enum { MCK_EQ, MCK_NE, MCK_LT, MCK_LE, MCK_GT, MCK_GE };

/* Records a failure and unwinds the current test; fmt NULL means use expr. */
void mck_fail(const char *file, int line, const char *expr,
              const char *fmt, ...) MCK_FAIL_ATTR;
/* Values travel as function arguments, so each is evaluated exactly once. */
void mck_cmp_int(const char *file, int line, int op, intmax_t x, intmax_t y,
                 const char *xs, const char *ys);
void mck_cmp_uint(const char *file, int line, int op, uintmax_t x, uintmax_t y,
                  const char *xs, const char *ys);
void mck_cmp_str(const char *file, int line, int op, const char *x,
                 const char *y, const char *xs, const char *ys);
void mck_cmp_ptr(const char *file, int line, int op, const void *x,
                 const void *y, const char *xs, const char *ys) MCK_NO_ACCESS;
void mck_cmp_mem(const char *file, int line, int op, const void *x,
                 const void *y, size_t len, const char *xs, const char *ys);

/* Stringified directly (not via ck_assert_msg) so macros in expr stay unexpanded. */
#define ck_assert(expr) \
    ((expr) ? (void)0 : mck_fail(__FILE__, __LINE__, "Assertion '" #expr "' failed", NULL))
#define ck_assert_msg(expr, ...) \
    ((expr) ? (void)0 : mck_fail(__FILE__, __LINE__, "Assertion '" #expr "' failed", __VA_ARGS__))
#define ck_abort() mck_fail(__FILE__, __LINE__, "Failed", NULL)
#define ck_abort_msg(...) mck_fail(__FILE__, __LINE__, "Failed", __VA_ARGS__)
#define mark_point() ((void)0)

/* Stringified here, not in a helper macro, so #X shows the source text. */
#define ck_assert_int_eq(X, Y) mck_cmp_int(__FILE__, __LINE__, MCK_EQ, (X), (Y), #X, #Y)
#define ck_assert_int_ne(X, Y) mck_cmp_int(__FILE__, __LINE__, MCK_NE, (X), (Y), #X, #Y)
#define ck_assert_int_lt(X, Y) mck_cmp_int(__FILE__, __LINE__, MCK_LT, (X), (Y), #X, #Y)
#define ck_assert_int_le(X, Y) mck_cmp_int(__FILE__, __LINE__, MCK_LE, (X), (Y), #X, #Y)
#define ck_assert_int_gt(X, Y) mck_cmp_int(__FILE__, __LINE__, MCK_GT, (X), (Y), #X, #Y)
#define ck_assert_int_ge(X, Y) mck_cmp_int(__FILE__, __LINE__, MCK_GE, (X), (Y), #X, #Y)

#define ck_assert_uint_eq(X, Y) mck_cmp_uint(__FILE__, __LINE__, MCK_EQ, (X), (Y), #X, #Y)
#define ck_assert_uint_ne(X, Y) mck_cmp_uint(__FILE__, __LINE__, MCK_NE, (X), (Y), #X, #Y)
#define ck_assert_uint_lt(X, Y) mck_cmp_uint(__FILE__, __LINE__, MCK_LT, (X), (Y), #X, #Y)
#define ck_assert_uint_le(X, Y) mck_cmp_uint(__FILE__, __LINE__, MCK_LE, (X), (Y), #X, #Y)
#define ck_assert_uint_gt(X, Y) mck_cmp_uint(__FILE__, __LINE__, MCK_GT, (X), (Y), #X, #Y)
#define ck_assert_uint_ge(X, Y) mck_cmp_uint(__FILE__, __LINE__, MCK_GE, (X), (Y), #X, #Y)

#define ck_assert_str_eq(X, Y) mck_cmp_str(__FILE__, __LINE__, MCK_EQ, (X), (Y), #X, #Y)
#define ck_assert_str_ne(X, Y) mck_cmp_str(__FILE__, __LINE__, MCK_NE, (X), (Y), #X, #Y)
#define ck_assert_ptr_eq(X, Y) mck_cmp_ptr(__FILE__, __LINE__, MCK_EQ, (X), (Y), #X, #Y)
#define ck_assert_ptr_ne(X, Y) mck_cmp_ptr(__FILE__, __LINE__, MCK_NE, (X), (Y), #X, #Y)
#define ck_assert_ptr_null(X) mck_cmp_ptr(__FILE__, __LINE__, MCK_EQ, (X), NULL, #X, NULL)
#define ck_assert_ptr_nonnull(X) mck_cmp_ptr(__FILE__, __LINE__, MCK_NE, (X), NULL, #X, NULL)
#define ck_assert_mem_eq(X, Y, L) \
    mck_cmp_mem(__FILE__, __LINE__, MCK_EQ, (X), (Y), (L), #X, #Y)
#define ck_assert_mem_ne(X, Y, L) \
    mck_cmp_mem(__FILE__, __LINE__, MCK_NE, (X), (Y), (L), #X, #Y)

#endif /* MINICHECK_CHECK_H */
