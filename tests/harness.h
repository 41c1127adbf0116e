/* harness.h — sigemu's own small test harness (TAP output).
 *
 * Why our own: the same C tests run natively, under Node (Emscripten, WASI)
 * and under Wine, where no test framework is installed. Typed asserts print
 * both sides; a skip always prints its reason; a test that may end the
 * process (default actions) runs in a child process where fork() exists,
 * and alone (`--only NAME`) elsewhere.
 *
 *   static void t_something(void) { T_EQ_INT(sigemu_foo(), 0); }
 *   static const harness_test tests[] = { T(t_something), T_ALONE(t_dies) };
 *   int main(int argc, char **argv) { return harness_main(argc, argv, tests,
 *                                     HARNESS_COUNT(tests)); }
 *
 * Options: --list, --only NAME (runs one test in-process), --filter SUBSTR.
 * Exit status 0 when every test passed or skipped.
 */
#ifndef SIGEMU_HARNESS_H
#define SIGEMU_HARNESS_H

#include <inttypes.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
  const char *name;
  void (*fn)(void);
  int alone; /* may end the process: fork, or run only with --only */
} harness_test;

#define T(fn) {#fn, fn, 0}
#define T_ALONE(fn) {#fn, fn, 1}
#define HARNESS_COUNT(a) ((int)(sizeof(a) / sizeof((a)[0])))

int harness_main(int argc, char **argv, const harness_test *tests, int n);

/* State of the running test (defined in harness.c). */
extern int harness_failed;
extern const char *harness_skip_reason;
extern void (*harness_setup)(void);    /* before each test, may be NULL */
extern void (*harness_teardown)(void); /* after each test, may be NULL */
void harness_fail_at(const char *file, int line, const char *fmt, ...);

/* Asserts return from the test on failure (they are used in void tests). */
#define T_FAIL_(...)                                                         \
  do {                                                                       \
    harness_fail_at(__FILE__, __LINE__, __VA_ARGS__);                        \
    return;                                                                  \
  } while (0)

#define T_TRUE(c)                                                            \
  do {                                                                       \
    if (!(c)) T_FAIL_("expected true: %s", #c);                              \
  } while (0)
#define T_FALSE(c)                                                           \
  do {                                                                       \
    if (c) T_FAIL_("expected false: %s", #c);                                \
  } while (0)
#define T_EQ_INT(a, b)                                                       \
  do {                                                                       \
    long long a_ = (long long)(a), b_ = (long long)(b);                      \
    if (a_ != b_) T_FAIL_("%s == %s: got %lld, expected %lld", #a, #b, a_, b_); \
  } while (0)
#define T_NE_INT(a, b)                                                       \
  do {                                                                       \
    long long a_ = (long long)(a), b_ = (long long)(b);                      \
    if (a_ == b_) T_FAIL_("%s != %s: both are %lld", #a, #b, a_);            \
  } while (0)
#define T_LE_INT(a, b)                                                       \
  do {                                                                       \
    long long a_ = (long long)(a), b_ = (long long)(b);                      \
    if (!(a_ <= b_)) T_FAIL_("%s <= %s: got %lld > %lld", #a, #b, a_, b_);   \
  } while (0)
#define T_GE_INT(a, b)                                                       \
  do {                                                                       \
    long long a_ = (long long)(a), b_ = (long long)(b);                      \
    if (!(a_ >= b_)) T_FAIL_("%s >= %s: got %lld < %lld", #a, #b, a_, b_);   \
  } while (0)
/* An error code, printed by name. */
#define T_EQ_ERR(a, b)                                                       \
  do {                                                                       \
    int a_ = (int)(a), b_ = (int)(b);                                        \
    if (a_ != b_)                                                            \
      T_FAIL_("%s: got %d (%s), expected %d (%s)", #a, a_,                   \
              harness_errname(a_), b_, harness_errname(b_));                 \
  } while (0)
#define T_EQ_DBL(a, b, eps)                                                  \
  do {                                                                       \
    double a_ = (double)(a), b_ = (double)(b);                               \
    if (!(fabs(a_ - b_) <= (eps)))                                           \
      T_FAIL_("%s == %s: got %.9g, expected %.9g (±%g)", #a, #b, a_, b_,     \
              (double)(eps));                                                \
  } while (0)
#define T_EQ_STR(a, b)                                                       \
  do {                                                                       \
    const char *a_ = (a), *b_ = (b);                                         \
    if ((a_ == NULL) != (b_ == NULL) || (a_ && strcmp(a_, b_) != 0))        \
      T_FAIL_("%s == %s: got \"%s\", expected \"%s\"", #a, #b,               \
              a_ ? a_ : "(null)", b_ ? b_ : "(null)");                       \
  } while (0)
#define T_SKIP(reason)                                                       \
  do {                                                                       \
    harness_skip_reason = (reason);                                          \
    return;                                                                  \
  } while (0)

/* Name of a SIGEMU_E* code or "0"; supplied by harness.c via sigemu.h. */
const char *harness_errname(int err);

#endif /* SIGEMU_HARNESS_H */
