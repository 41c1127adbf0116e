/* wasm_scenarios.c — the C half of the WebAssembly tests: one program, one
 * scenario per run (argv[1]), built for every wasm flavour (Emscripten with
 * and without -pthread, WASI with host imports, pure WASI).
 *
 * The JS half (js/test/ *.test.mjs files) runs it in the Node main thread or in a
 * worker, plays the host (kill from another thread, message mode, a
 * Pyodide-style buffer) and checks the output. Each scenario checks its own
 * timings with generous bounds (the machine is loaded) and ends with a line
 * "result=ok" or "result=FAIL <why>"; exit status 0 or 1.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "sigemu.h"

#define SIGINT_ 2
#define SIGUSR1_ 10
#define SIGUSR2_ 12
#define SIGALRM_ 14
#define SIGTERM_ 15
#define SIGRTMIN_ 34

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
static int64_t stamps[64];
static volatile int nstamps;

static int h_count(int sig, void *arg) {
  (void)arg;
  calls[sig]++;
  return 0;
}
static int h_raise42(int sig, void *arg) {
  (void)arg;
  calls[sig]++;
  return 42;
}
static int h_stamp(int sig, void *arg) {
  (void)arg;
  calls[sig]++;
  if (nstamps < 64) stamps[nstamps++] = now_ns();
  return 0;
}

static int install(int sig, sigemu_handler_fn fn) {
  sigemu_action a = {SIGEMU_CALL, fn, NULL};
  return sigemu_signal(sig, &a, NULL);
}

/* A busy loop that never yields: only sigemu_check() can see anything.
 * Returns the first nonzero check, or 0 when cond() became true, or -1 after
 * limit_ms. The clock is read every 4096 rounds (a JS call on Emscripten). */
static volatile unsigned sink;
static long long rounds;
/* One round: a little work the compiler must keep, then the check. */
static int work_and_check(void) {
  sink = sink * 1664525u + 1013904223u;
  return sigemu_check();
}
static int busy(double limit_ms, int (*cond)(void)) {
  int64_t t0 = now_ns();
  rounds = 0;
  for (;;) {
    for (int i = 0; i < 4096; i++) {
      int r = work_and_check();
      rounds++;
      if (r) return r;
      if (cond && cond()) return 0;
    }
    if (ms_since(t0) > limit_ms) return -1;
  }
}

static int got_alarm(void) { return calls[SIGALRM_] > 0; }
static int twenty_ticks(void) { return nstamps >= 20; }
static int int_pending(void) {
  sigemu_sigset p;
  sigemu_sigpending(&p);
  return sigemu_sigismember(&p, SIGINT_) == 1;
}

static int sc_busy_sigint(void) {
  install(SIGINT_, h_raise42);
  printf("looping\n");
  fflush(stdout);
  int64_t t0 = now_ns();
  int r = busy(20000, NULL);
  printf("code=%d rounds=%lld ms=%.1f\n", r, rounds, ms_since(t0));
  if (r != 42) return fail("the loop was not stopped by the SIGINT handler");
  if (calls[SIGINT_] != 1) return fail("handler ran other than once");
  /* The signal was consumed: the next checks see nothing. */
  if (busy(50, NULL) != -1) return fail("a second check reported something");
  return ok();
}

static int sc_alarm(void) {
  install(SIGALRM_, h_count);
  int64_t t0 = now_ns();
  unsigned prev = 99;
  if (sigemu_alarm(1, &prev) != 0 || prev != 0) return fail("alarm(1)");
  int r = busy(10000, got_alarm);
  double ms = ms_since(t0);
  printf("alarm_ms=%.1f\n", ms);
  if (r != 0) return fail("alarm never fired during the busy loop");
  if (ms < 990 || ms > 5000) return fail("alarm fired at the wrong time");
  return ok();
}

static int sc_itimer(void) {
  install(SIGALRM_, h_stamp);
  const double iv = 0.05;
  int64_t t0 = now_ns();
  if (sigemu_setitimer(SIGEMU_ITIMER_REAL, iv, iv, NULL, NULL) != 0)
    return fail("setitimer");
  int r = busy(15000, twenty_ticks);
  sigemu_setitimer(SIGEMU_ITIMER_REAL, 0, 0, NULL, NULL);
  if (r != 0) return fail("fewer than 20 ticks in 15 s");
  double worst_late = 0;
  for (int k = 0; k < 20; k++) {
    double at = (double)(stamps[k] - t0) / 1e6, due = (k + 1) * iv * 1e3;
    printf("tick %d at %.1f ms (due %.0f)\n", k + 1, at, due);
    if (k && stamps[k] <= stamps[k - 1]) return fail("ticks out of order");
    if (at < due - 1) return fail("a tick came early");
    if (at - due > worst_late) worst_late = at - due;
  }
  double last = (double)(stamps[19] - t0) / 1e6;
  printf("last_ms=%.1f worst_late_ms=%.1f\n", last, worst_late);
  /* No cumulative drift: the 20th tick is at most one interval (plus a
   * generous allowance for a loaded machine) past 20 intervals. */
  if (last > 20 * iv * 1e3 + iv * 1e3 + 400) return fail("periodic timer drifted");
  return ok();
}

static int sc_sigwait(void) {
  install(SIGUSR1_, h_count);
  sigemu_sigset s;
  sigemu_sigemptyset(&s);
  sigemu_sigaddset(&s, SIGUSR1_);
  sigemu_pthread_sigmask(SIGEMU_SIG_BLOCK, &s, NULL);
  printf("waiting\n");
  fflush(stdout);
  int64_t t0 = now_ns();
  int sig = 0;
  int r = sigemu_sigwait(&s, &sig);
  printf("r=%d sig=%d wait_ms=%.1f\n", r, sig, ms_since(t0));
  if (r != 0 || sig != SIGUSR1_) return fail("sigwait did not return SIGUSR1");
  if (calls[SIGUSR1_]) return fail("sigwait ran the handler");
  return ok();
}

static int sc_sigtimedwait(void) {
  sigemu_sigset s;
  sigemu_sigemptyset(&s);
  sigemu_sigaddset(&s, SIGUSR1_);
  sigemu_pthread_sigmask(SIGEMU_SIG_BLOCK, &s, NULL);
  sigemu_siginfo info;
  int64_t t0 = now_ns();
  int r = sigemu_sigtimedwait(&s, 0.2, &info);
  double ms = ms_since(t0);
  printf("r=%d (%s) ms=%.1f\n", r, sigemu_error_name(r), ms);
  if (r != SIGEMU_EAGAIN) return fail("sigtimedwait did not time out");
  if (ms < 195 || ms > 3000) return fail("sigtimedwait timed out at the wrong time");
  return ok();
}

static int sc_pause_alarm(void) {
  install(SIGALRM_, h_count);
  int64_t t0 = now_ns();
  sigemu_alarm(1, NULL);
  int r = sigemu_pause();
  double ms = ms_since(t0);
  printf("r=%d ms=%.1f calls=%d\n", r, ms, calls[SIGALRM_]);
  if (r != 0 || calls[SIGALRM_] != 1) return fail("pause did not return after the alarm");
  if (ms < 990 || ms > 5000) return fail("pause returned at the wrong time");
  return ok();
}

static int sc_pause_forever(void) {
  /* Nothing armed and (pure WASI) nothing that could send: must not hang. */
  int r = sigemu_pause();
  printf("r=%d (%s)\n", r, sigemu_error_name(r));
  return r == SIGEMU_ENOTHERE ? ok() : fail("pause without any source did not fail");
}

static int sc_mask(void) {
  install(SIGINT_, h_count);
  sigemu_sigset s;
  sigemu_sigemptyset(&s);
  sigemu_sigaddset(&s, SIGINT_);
  sigemu_pthread_sigmask(SIGEMU_SIG_BLOCK, &s, NULL);
  printf("looping\n");
  fflush(stdout);
  int r = busy(20000, int_pending);
  if (r != 0) return fail("SIGINT from the host never became pending");
  if (calls[SIGINT_]) return fail("handler ran while blocked");
  r = sigemu_pthread_sigmask(SIGEMU_SIG_UNBLOCK, &s, NULL);
  printf("unblock=%d calls=%d\n", r, calls[SIGINT_]);
  if (r != 0 || calls[SIGINT_] != 1) return fail("unblock did not run the handler");
  if (int_pending()) return fail("still pending after delivery");
  return ok();
}

static int sc_sigwait_pending(void) {
  install(SIGUSR1_, h_count);
  sigemu_sigset s, p;
  sigemu_sigemptyset(&s);
  sigemu_sigaddset(&s, SIGUSR1_);
  sigemu_pthread_sigmask(SIGEMU_SIG_BLOCK, &s, NULL);
  if (sigemu_raise_signal(SIGUSR1_) != 0) return fail("raise_signal");
  sigemu_sigpending(&p);
  if (sigemu_sigismember(&p, SIGUSR1_) != 1) return fail("not pending");
  int sig = 0;
  int64_t t0 = now_ns();
  int r = sigemu_sigwait(&s, &sig);
  printf("r=%d sig=%d ms=%.1f\n", r, sig, ms_since(t0));
  if (r != 0 || sig != SIGUSR1_) return fail("sigwait did not return the pending signal");
  sigemu_sigpending(&p);
  if (!sigemu_sigisempty(&p)) return fail("pending not consumed");
  if (calls[SIGUSR1_]) return fail("handler ran");
  return ok();
}

static int sc_sigterm(void) {
  /* Fully buffered: only the default action's flush can get this out. */
  static char buf[4096];
  setvbuf(stdout, buf, _IOFBF, sizeof buf);
  printf("flushed-before-death\n");
  int r = busy(20000, NULL);
  printf("code=%d\n", r);
  return fail("still alive after SIGTERM");
}

/* Host signals, each sent once the last one was taken (js/test/helpers
 * scenario.mjs, action "echo"), run their handlers once each while the
 * module sets and clears its own flag all along: a raise to itself and a
 * mask call every 256 checks. In shared-memory mode the sender's bits for
 * signals 1..31 live in the very word the core clears. */
#define ECHO_EACH 3000
static int echo_done(void) {
  return calls[SIGUSR1_] >= ECHO_EACH && calls[SIGRTMIN_] >= ECHO_EACH;
}
static int sc_echo(void) {
  if (install(SIGUSR1_, h_count) || install(SIGRTMIN_, h_count) ||
      install(SIGUSR2_, h_count))
    return fail("sigemu_signal");
  sigemu_sigset none;
  sigemu_sigemptyset(&none);
  printf("looping\n");
  fflush(stdout);
  int64_t t0 = now_ns();
  int own = 0;
  while (!echo_done() && ms_since(t0) < 50000) {
    for (int i = 0; i < 256; i++)
      if (work_and_check() != 0) return fail("a handler raised");
    if (sigemu_raise_signal(SIGUSR2_) != 0) return fail("raise_signal");
    own++;
    if (sigemu_pthread_sigmask(SIGEMU_SIG_BLOCK, &none, NULL) != 0)
      return fail("pthread_sigmask");
  }
  printf("usr1=%d rtmin=%d usr2=%d own=%d ms=%.0f\n", calls[SIGUSR1_],
         calls[SIGRTMIN_], calls[SIGUSR2_], own, ms_since(t0));
  if (!echo_done()) return fail("host signals were lost");
  if (calls[SIGUSR1_] != ECHO_EACH || calls[SIGRTMIN_] != ECHO_EACH)
    return fail("a host signal ran more than once");
  if (calls[SIGUSR2_] != own) return fail("a raise to itself was lost");
  return ok();
}

static int sc_info(void) {
  printf("backend=%s\n", sigemu_backend());
  for (int f = 0; f < SIGEMU_FEATURE_COUNT; f++)
    printf("feature %s=%d %s\n", sigemu_feature_name((sigemu_feature)f),
           sigemu_available((sigemu_feature)f),
           sigemu_feature_note((sigemu_feature)f));
  return ok();
}

static const struct {
  const char *name;
  int (*fn)(void);
} scenarios[] = {
  {"busy_sigint", sc_busy_sigint}, {"alarm", sc_alarm},
  {"itimer", sc_itimer}, {"sigwait", sc_sigwait},
  {"sigtimedwait", sc_sigtimedwait}, {"pause_alarm", sc_pause_alarm},
  {"pause_forever", sc_pause_forever}, {"mask", sc_mask},
  {"sigwait_pending", sc_sigwait_pending}, {"sigterm", sc_sigterm},
  {"echo", sc_echo}, {"info", sc_info},
};

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: wasm_scenarios SCENARIO\n");
    return 2;
  }
  int r = sigemu_init(NULL);
  if (r != 0) {
    printf("init=%d\n", r);
    return fail("sigemu_init");
  }
  for (size_t i = 0; i < sizeof scenarios / sizeof scenarios[0]; i++)
    if (strcmp(argv[1], scenarios[i].name) == 0) {
      r = scenarios[i].fn();
      sigemu_shutdown();
      return r;
    }
  fprintf(stderr, "unknown scenario %s\n", argv[1]);
  return 2;
}
