/* bench_native.c — the native benchmarks on the posix backend (real kernel
 * signals), each next to the bare kernel mechanism it wraps:
 *   check      idle sigemu_check() vs a bare volatile flag test
 *   raise      sigemu_raise_signal() + handler vs raise() + sigaction handler
 *   timer      sigemu ITIMER_REAL every 10 ms while computing vs the kernel's
 *              setitimer with a sigaction handler, same loop
 *   sustained  four threads sending four kinds of signal for a second, via
 *              sigemu_pthread_kill vs bare pthread_kill
 * Usage: bench_native [check|raise|timer|sustained ...] (default: all).
 * Output: "@@ {json}" records for bench/report.mjs (see bench_util.h).
 */
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <sys/time.h>
#include <unistd.h>

#include "bench_common.h"
#include "bench_sustained.h"

static bool want(int argc, char **argv, const char *name) {
  if (argc < 2) return true;
  for (int i = 1; i < argc; i++)
    if (strcmp(argv[i], name) == 0) return true;
  return false;
}

/* ---- raise ---------------------------------------------------------------- */
static volatile sig_atomic_t bare_count;
static void bare_handler(int sig) {
  (void)sig;
  bare_count = bare_count + 1;
}

static BENCH_NOINLINE double loop_bare_raise(int sig, long n) {
  long before = bare_count;
  int64_t t0 = bench_cost_ns();
  for (long i = 0; i < n; i++) raise(sig);
  int64_t t1 = bench_cost_ns();
  if ((long)bare_count - before != n) return -1;
  return (double)(t1 - t0) / (double)n;
}

/* The baseline raises its own signal (SIGUSR2): sigemu owns SIGUSR1. */
static double loop_bare_usr2(int sig, long n) {
  (void)sig;
  return loop_bare_raise(SIGUSR2, n);
}

static void bench_raise(void) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = bare_handler;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGUSR2, &sa, NULL); /* bare side; sigemu owns SIGUSR1 */
  if (bench_install(SIGUSR1, bench_count_handler, NULL) < 0) return;
  bench_pair_loops("raise.posix", SIGUSR1, bench_loop_raise, loop_bare_usr2,
                   "baseline: raise() with a sigaction handler");
  signal(SIGUSR2, SIG_DFL);
  sigemu_action dfl = {SIGEMU_DFL, NULL, NULL};
  sigemu_signal(SIGUSR1, &dfl, NULL);
}

/* ---- timer: the kernel's own setitimer as the baseline -------------------- */
static int64_t bare_tick[BENCH_TIMER_MAX];
static volatile sig_atomic_t bare_ticks;
static void bare_alarm(int sig) {
  (void)sig;
  if (bare_ticks < BENCH_TIMER_MAX) bare_tick[bare_ticks++] = bench_now_ns();
}

static void bare_timer_once(bench_timer_run *run, double interval_ms,
                            int periods) {
  struct sigaction sa, old;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = bare_alarm;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGALRM, &sa, &old);
  bare_ticks = 0;
  struct itimerval it = {{0, (long)(interval_ms * 1000)},
                         {0, (long)(interval_ms * 1000)}};
  run->start = bench_now_ns();
  setitimer(ITIMER_REAL, &it, NULL);
  int64_t end = run->start + (int64_t)((periods + 0.5) * interval_ms * 1e6);
  while (bare_ticks < periods && bench_now_ns() < end) bench_work();
  struct itimerval off = {{0, 0}, {0, 0}};
  setitimer(ITIMER_REAL, &off, NULL);
  sigaction(SIGALRM, &old, NULL);
  bench_timer_finish(run, bare_tick, bare_ticks, interval_ms, periods);
}

/* Kernel and sigemu runs interleaved, so that a burst of load from the
 * machine's other tenants hits both; the median run of each is emitted. */
static bench_timer_run kernel_runs[BENCH_TIMER_REPS];
static void bench_timers(void) {
  for (int i = 0; i < BENCH_TIMER_REPS; i++) {
    bare_timer_once(&kernel_runs[i], 10, 200);
    if (bench_timer_once(&bench_timer_runs[i], 10, 200) < 0) return;
  }
  bench_timer_emit("timer.kernel", kernel_runs, BENCH_TIMER_REPS, 10, 200,
                   "the kernel's setitimer with a sigaction handler");
  bench_timer_emit("timer.posix", bench_timer_runs, BENCH_TIMER_REPS, 10, 200,
                   "sigemu ITIMER_REAL (kernel timer), handler at the next "
                   "check of a busy loop");
}

static int send_to_main(int sig) {
  return sigemu_pthread_kill(sigemu_main_thread(), sig);
}

static void bench_sustained(void) {
  long oc[KINDS], os[KINDS], bc[KINDS], bs[KINDS];
  main_tid = pthread_self();
  ours_send = send_to_main;
  double base = run_sustained(false, bc, bs);
  double ours = run_sustained(true, oc, os);
  emit_sustained("sustained.posix", ours, base, oc, os,
                 "4 threads, SIGHUP/SIGUSR1/SIGTERM/SIGWINCH via "
                 "sigemu_pthread_kill; baseline: pthread_kill + sigaction "
                 "handler setting a flag per kind, taken by the loop");
}

int main(int argc, char **argv) {
  int r = sigemu_init(NULL);
  if (r < 0) {
    fprintf(stderr, "sigemu_init: %s\n", sigemu_strerror(r));
    return 1;
  }
  if (want(argc, argv, "check"))
    bench_check_cost("check.native", "posix backend, inline check");
  if (want(argc, argv, "raise")) bench_raise();
  if (want(argc, argv, "timer") || want(argc, argv, "sustained"))
    bench_work_calibrate(100);
  if (want(argc, argv, "timer")) bench_timers();
  if (want(argc, argv, "sustained")) bench_sustained();
  sigemu_shutdown();
  return 0;
}
