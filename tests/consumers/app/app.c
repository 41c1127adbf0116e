/* app.c — a program that uses sigemu as any other project would, built
 * against an installed sigemu (find_package and pkg-config, every target) by
 * tests/consumers/run.sh. Written in the common subset of C and C++: the
 * same checks build as C here and as C++ through app_cxx.cpp, which takes
 * sigemu.h's C++ branch (the inline sigemu_check() on std-free atomics).
 *
 *   app          version, signal constants, options, an ITIMER_REAL taken
 *                by sigemu_pause() and one taken by the inline check in a
 *                busy loop, KeyboardInterrupt by name
 *   app host     also takes a SIGUSR1 sent by the embedder (before the
 *                start, or any time in a browser): blocked until the end,
 *                then delivered on unblock or waited for by busy checks
 *                (Emscripten and WASI-with-imports under the JS package; a
 *                browser worker)
 * Prints "app: ok ..." and exits 0, or prints every failed check and exits 1.
 */
#include <stdio.h>
#include <string.h>

#include "sigemu.h"

#ifdef __cplusplus
#  define APP_LANG "C++"
#else
#  define APP_LANG "C"
#endif

static int failures;
#define CHECK(cond)                                                      \
  do {                                                                   \
    if (!(cond)) {                                                       \
      printf("FAIL: %s (%s line %d)\n", #cond, APP_LANG, __LINE__);      \
      failures++;                                                        \
    }                                                                    \
  } while (0)

static int hits[SIGEMU_MAXSIG];
static int count(int sig, void *arg) {
  (void)arg;
  if (sig > 0 && sig < SIGEMU_MAXSIG) hits[sig]++;
  return 0;
}

/* Check until sig's handler has run `want` times in all; the bound only
 * keeps a failure from hanging (the timer fires after 10 ms, the host signal
 * is sent before the start). */
static int check_until(int sig, int want) {
  for (long i = 0; i < 2000000000L && hits[sig] < want; i++) {
    int r = sigemu_check();
    if (r != 0) return r;
  }
  return hits[sig] == want ? 0 : -1;
}

int main(int argc, char **argv) {
  bool host = argc > 1 && strcmp(argv[1], "host") == 0;

  CHECK(sigemu_version() == SIGEMU_VERSION);
  CHECK(strcmp(sigemu_version_string(), SIGEMU_VERSION_STRING) == 0);
#define CHECK_NUMBER(name) CHECK(sigemu_signum(#name) == SIGEMU_##name);
  SIGEMU_SIGNAL_LIST(CHECK_NUMBER)
#undef CHECK_NUMBER

  /* With a host signal already sent, the first check would take it while
   * SIGUSR1 is still SIG_DFL (the Python defaults' check, in init) and end
   * the program, as a real process: so the host run installs them itself,
   * after blocking SIGUSR1, which stays pending until the end. */
  sigemu_options opt = SIGEMU_OPTIONS_INIT;
  opt.python_defaults = !host;
  CHECK(sigemu_init(&opt) == 0);

  sigemu_action act = {SIGEMU_CALL, count, NULL};
#ifdef SIGEMU_SIGUSR1
  sigemu_sigset usr1;
  sigemu_sigemptyset(&usr1);
  sigemu_sigaddset(&usr1, SIGEMU_SIGUSR1);
  if (host) {
    CHECK(sigemu_pthread_sigmask(SIGEMU_SIG_BLOCK, &usr1, NULL) == 0);
    CHECK(sigemu_signal(SIGEMU_SIGUSR1, &act, NULL) == 0);
    sigemu_action ki = {SIGEMU_CALL, sigemu_default_int_handler, NULL};
    CHECK(sigemu_signal(SIGEMU_SIGINT, &ki, NULL) == 0);
  }
#endif
  CHECK(sigemu_signal(SIGEMU_SIGALRM, &act, NULL) == 0);
  /* A wait: the timer's signal ends it. */
  CHECK(sigemu_setitimer(SIGEMU_ITIMER_REAL, 0.01, 0, NULL, NULL) == 0);
  CHECK(sigemu_pause() == 0);
  CHECK(hits[SIGEMU_SIGALRM] == 1);
  /* Busy: the inline check takes it. */
  CHECK(sigemu_setitimer(SIGEMU_ITIMER_REAL, 0.01, 0, NULL, NULL) == 0);
  CHECK(check_until(SIGEMU_SIGALRM, 2) == 0);
  CHECK(hits[SIGEMU_SIGALRM] == 2);

  /* Python's SIGINT handler "raises" KeyboardInterrupt, by name. Python
   * installs it only where SIGINT was not ignored at start-up (a program
   * started in the background by a non-interactive shell, or by nohup,
   * inherits SIG_IGN): then the signal stays ignored and raising it is 0. */
  sigemu_action sigint_now;
  CHECK(sigemu_getsignal(SIGEMU_SIGINT, &sigint_now) == 0);
  int r = sigemu_raise_signal(SIGEMU_SIGINT);
  if (sigint_now.kind == SIGEMU_IGN) {
    printf("# SIGINT was ignored at start-up (inherited), so Python's defaults left it "
           "ignored: raising it must do nothing\n");
    CHECK(r == 0);
  } else {
    CHECK(r == SIGEMU_KEYBOARD_INTERRUPT);
    CHECK(strcmp(sigemu_error_pyexc(r), "KeyboardInterrupt") == 0);
  }

#ifdef SIGEMU_SIGUSR1
  if (host) {
    CHECK(sigemu_pthread_sigmask(SIGEMU_SIG_UNBLOCK, &usr1, NULL) == 0);
    CHECK(check_until(SIGEMU_SIGUSR1, 1) == 0);
    CHECK(hits[SIGEMU_SIGUSR1] == 1);
  }
#else
  CHECK(!host);
#endif

  sigemu_shutdown();
  if (failures) return 1;
  printf("app: ok (%s, backend %s, sigemu %s%s)\n", APP_LANG, sigemu_backend(),
         sigemu_version_string(), host ? ", signal from the host" : "");
  return 0;
}
