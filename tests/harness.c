/* harness.c — the runner behind harness.h: TAP plan, per-test results,
 * skips with reasons, child processes for tests that may end the process. */
#include "harness.h"

#include <stdarg.h>

#include "sigemu.h"

#if !defined(_WIN32) && !defined(__wasm__) && !defined(__EMSCRIPTEN__)
#  define HARNESS_HAVE_FORK 1
#  include <sys/wait.h>
#  include <unistd.h>
#endif

int harness_failed;
const char *harness_skip_reason;
void (*harness_setup)(void);
void (*harness_teardown)(void);

void harness_fail_at(const char *file, int line, const char *fmt, ...) {
  va_list ap;
  harness_failed = 1;
  printf("#   %s:%d: ", file, line);
  va_start(ap, fmt);
  vprintf(fmt, ap);
  va_end(ap);
  printf("\n");
  fflush(stdout);
}

const char *harness_errname(int err) {
  if (err == 0) return "0";
  if (err > 0) return "handler code";
  return sigemu_error_name(err);
}

/* Runs one test in this process; 0 pass, 1 fail, 2 skip. */
static int run_here(const harness_test *t) {
  harness_failed = 0;
  harness_skip_reason = NULL;
  if (harness_setup) harness_setup();
  t->fn();
  if (harness_teardown) harness_teardown();
  if (harness_failed) return 1;
  return harness_skip_reason ? 2 : 0;
}

static int run_one(const harness_test *t, int alone_ok) {
  if (!t->alone || alone_ok) return run_here(t);
#ifdef HARNESS_HAVE_FORK
  fflush(stdout);
  pid_t pid = fork();
  if (pid == 0) {
    int r = run_here(t);
    if (r == 2) printf("#   skip: %s\n", harness_skip_reason);
    fflush(stdout);
    _exit(r);
  }
  int st = 0;
  if (pid < 0 || waitpid(pid, &st, 0) < 0) {
    printf("#   fork failed\n");
    return 1;
  }
  if (WIFEXITED(st)) {
    if (WEXITSTATUS(st) == 2) harness_skip_reason = "(reason above)";
    return WEXITSTATUS(st) <= 2 ? WEXITSTATUS(st) : 1;
  }
  printf("#   child died of signal %d\n", WTERMSIG(st));
  return 1;
#else
  harness_skip_reason = "may end the process: run it alone with --only";
  return 2;
#endif
}

int harness_main(int argc, char **argv, const harness_test *tests, int n) {
  const char *only = NULL, *filter = NULL;
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--list") == 0) {
      for (int k = 0; k < n; k++)
        printf("%s%s\n", tests[k].name, tests[k].alone ? " alone" : "");
      return 0;
    }
    if (strcmp(argv[i], "--only") == 0 && i + 1 < argc) only = argv[++i];
    if (strcmp(argv[i], "--filter") == 0 && i + 1 < argc) filter = argv[++i];
  }
  int count = 0;
  for (int k = 0; k < n; k++)
    if ((!only || strcmp(tests[k].name, only) == 0) &&
        (!filter || strstr(tests[k].name, filter)))
      count++;
  printf("TAP version 13\n1..%d\n", count);
  fflush(stdout);
  int idx = 0, pass = 0, fail = 0, skip = 0;
  for (int k = 0; k < n; k++) {
    const harness_test *t = &tests[k];
    if (only && strcmp(t->name, only) != 0) continue;
    if (filter && !strstr(t->name, filter)) continue;
    int r = run_one(t, only != NULL);
    idx++;
    if (r == 0) {
      printf("ok %d - %s\n", idx, t->name);
      pass++;
    } else if (r == 2) {
      printf("ok %d - %s # SKIP %s\n", idx, t->name, harness_skip_reason);
      skip++;
    } else {
      printf("not ok %d - %s\n", idx, t->name);
      fail++;
    }
    fflush(stdout);
  }
  printf("# %d passed, %d failed, %d skipped\n", pass, fail, skip);
  fflush(stdout);
  return fail ? 1 : 0;
}
