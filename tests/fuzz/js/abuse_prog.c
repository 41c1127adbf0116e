/* abuse_prog.c — the wasm program that tests/fuzz/js-abuse.test.mjs runs
 * while it abuses the JS host (malformed messages, garbage in the shared
 * control block, bad Pyodide buffer values, controllers closed and workers
 * terminated mid-wait). One mode per run (argv[1]); it reports what the
 * module saw as "key=value" lines and ends with "result=ok" or
 * "result=FAIL <why>" (status 0 / 1), so the JS side can tell "the program
 * saw only valid signals and kept running" from "an exception or a bogus
 * signal reached it".
 *
 * SIGUSR2 (12) is the end marker: the JS side sends it after the abuse, and
 * since every host source is taken in order (bit words by exchange,
 * messages in port order), everything sent before it has been taken when
 * the program sees it.
 *
 * Built on demand by tests/fuzz/js/build.mjs for Emscripten (libsigemu.a of
 * build/emscripten) and WASI with host imports (libsigemu_wasi_host.a of
 * build/wasi).
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "sigemu.h"

#define SIGUSR1_ 10
#define SIGUSR2_ 12

static int64_t now_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}
static double ms_since(int64_t t0) { return (double)(now_ns() - t0) / 1e6; }

static int fail(const char *why) {
  printf("result=FAIL %s\n", why);
  fflush(stdout);
  return 1;
}
static int ok(void) {
  printf("result=ok\n");
  fflush(stdout);
  return 0;
}

static volatile int calls[65];
static int h_count(int sig, void *arg) {
  (void)arg;
  if (sig > 0 && sig <= 64) calls[sig]++;
  return 0;
}
static int install(int sig, sigemu_handler_fn fn) {
  sigemu_action a = {SIGEMU_CALL, fn, NULL};
  return sigemu_signal(sig, &a, NULL);
}

static void print_set(const char *key, const sigemu_sigset *s) {
  printf("%s=", key);
  int first = 1;
  for (int sig = 1; sig <= 64; sig++)
    if (sigemu_sigismember(s, sig) == 1) {
      printf(first ? "%d" : ",%d", sig);
      first = 0;
    }
  printf("\n");
}

/* Busy loop: sigemu_check() is the only way anything reaches the program.
 * Stops when done() is true; counts nonzero checks (none expected: every
 * handler returns 0). Returns -1 after limit_ms. */
static volatile unsigned sink;
static int busy(double limit_ms, int (*done)(void), int *nonzero) {
  int64_t t0 = now_ns();
  for (;;) {
    for (int i = 0; i < 4096; i++) {
      sink = sink * 1664525u + 1013904223u;
      if (sigemu_check() != 0) (*nonzero)++;
    }
    if (done()) return 0;
    if (ms_since(t0) > limit_ms) return -1;
  }
}

static int usr2_pending(void) {
  sigemu_sigset p;
  sigemu_sigpending(&p);
  return sigemu_sigismember(&p, SIGUSR2_) == 1;
}
static int usr2_called(void) { return calls[SIGUSR2_] > 0; }

/* Everything blocked: report the pending set once SIGUSR2 is in it. */
static int m_pending(void) {
  sigemu_sigset all;
  sigemu_valid_signals(&all);
  int r = sigemu_pthread_sigmask(SIGEMU_SIG_BLOCK, &all, NULL);
  if (r != 0) {
    printf("block=%d (%s)\n", r, sigemu_error_name(r));
    return fail("block all");
  }
  printf("ready\n");
  fflush(stdout);
  int nonzero = 0;
  if (busy(30000, usr2_pending, &nonzero) != 0) return fail("no SIGUSR2 within 30 s");
  sigemu_sigset p;
  sigemu_sigpending(&p);
  print_set("pending", &p);
  printf("nonzero=%d\n", nonzero);
  return ok();
}

/* A counting handler on every signal that takes one: report the counts
 * once SIGUSR2's handler ran. */
static int m_handlers(void) {
  sigemu_sigset valid;
  sigemu_valid_signals(&valid);
  for (int sig = 1; sig <= 64; sig++)
    if (sigemu_sigismember(&valid, sig) == 1) install(sig, h_count); /* 9, 19 refuse */
  printf("ready\n");
  fflush(stdout);
  int nonzero = 0;
  if (busy(30000, usr2_called, &nonzero) != 0) return fail("no SIGUSR2 within 30 s");
  printf("calls=");
  int first = 1;
  for (int sig = 1; sig <= 64; sig++)
    if (calls[sig]) {
      printf(first ? "%d:%d" : ",%d:%d", sig, calls[sig]);
      first = 0;
    }
  printf("\nnonzero=%d\n", nonzero);
  return ok();
}

static void block_usr1(sigemu_sigset *s) {
  sigemu_sigemptyset(s);
  sigemu_sigaddset(s, SIGUSR1_);
  sigemu_pthread_sigmask(SIGEMU_SIG_BLOCK, s, NULL);
}

static int m_sigwait(void) {
  sigemu_sigset s;
  block_usr1(&s);
  printf("waiting\n");
  fflush(stdout);
  int64_t t0 = now_ns();
  int sig = 0;
  int r = sigemu_sigwait(&s, &sig);
  printf("r=%d (%s) sig=%d ms=%.0f\n", r, sigemu_error_name(r), sig, ms_since(t0));
  return r == 0 && sig == SIGUSR1_ ? ok() : fail("sigwait did not return SIGUSR1");
}

static int m_sigtimedwait(double ms) {
  sigemu_sigset s;
  block_usr1(&s);
  printf("waiting\n");
  fflush(stdout);
  int64_t t0 = now_ns();
  sigemu_siginfo info;
  memset(&info, 0, sizeof info);
  int r = sigemu_sigtimedwait(&s, ms / 1000, &info);
  printf("r=%d (%s) sig=%d ms=%.0f\n", r, sigemu_error_name(r), info.signo, ms_since(t0));
  return ok();
}

static int m_sleep(double ms) {
  install(SIGUSR1_, h_count);
  printf("waiting\n");
  fflush(stdout);
  int64_t t0 = now_ns();
  int r = sigemu_sleep(ms / 1000);
  printf("r=%d (%s) calls=%d ms=%.0f\n", r, sigemu_error_name(r), calls[SIGUSR1_], ms_since(t0));
  return ok();
}

static int m_pause(void) {
  install(SIGUSR1_, h_count);
  printf("waiting\n");
  fflush(stdout);
  int64_t t0 = now_ns();
  int r = sigemu_pause();
  printf("r=%d (%s) calls=%d ms=%.0f\n", r, sigemu_error_name(r), calls[SIGUSR1_], ms_since(t0));
  return r == 0 && calls[SIGUSR1_] == 1 ? ok() : fail("pause did not return after SIGUSR1");
}

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: abuse_prog MODE [MS]\n");
    return 2;
  }
  int r = sigemu_init(NULL);
  if (r != 0) {
    printf("init=%d\n", r);
    return fail("sigemu_init");
  }
  double ms = argc > 2 ? atof(argv[2]) : 0;
  const char *m = argv[1];
  if (!strcmp(m, "pending")) r = m_pending();
  else if (!strcmp(m, "handlers")) r = m_handlers();
  else if (!strcmp(m, "sigwait")) r = m_sigwait();
  else if (!strcmp(m, "sigtimedwait")) r = m_sigtimedwait(ms);
  else if (!strcmp(m, "sleep")) r = m_sleep(ms);
  else if (!strcmp(m, "pause")) r = m_pause();
  else {
    fprintf(stderr, "unknown mode %s\n", m);
    return 2;
  }
  sigemu_shutdown();
  return r;
}
