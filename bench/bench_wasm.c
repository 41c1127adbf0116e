/* bench_wasm.c — the WebAssembly side of the benchmarks (Emscripten, with or
 * without -pthread, and WASI with the JS package's "sigemu" imports). Node
 * drivers (bench/wasm.mjs) run it, mostly in a worker, and do the timing of
 * everything that crosses threads; this program only does what must happen
 * inside the module.
 *
 * Modes (argv[1]):
 *   check            idle check cost next to a bare flag (bench_common.h)
 *   raise            raise_signal + handler next to a direct call
 *   timer            ITIMER_REAL every 10 ms for 2 s while computing
 *   busy N           install a SIGINT handler that acks, compute with a
 *                    check every ~100 ns of work until N handler runs
 *   sigwait N        block SIGUSR1; N times sigwait for it, ack after each
 *   sleep N          SIGUSR1 handler acks and returns 1; N times sleep(1),
 *                    each cut short by the handler's nonzero code
 *   count MS         count handler runs of four kinds for MS ms of computing
 *   idle             mark, sigemu_sleep(1.0) with nothing arriving, mark
 * The ack and the marks are host functions (EM_JS / "bench" imports): the
 * driver counts acks in a SharedArrayBuffer and times them from the sending
 * thread, so no clock is compared across threads.
 */
#include "bench_common.h"

#if defined(__EMSCRIPTEN__)
#  include <emscripten.h>
EM_JS(void, bench_ack, (void), { if (Module['benchAck']) Module['benchAck'](); });
EM_JS(void, bench_mark, (int k), { if (Module['benchMark']) Module['benchMark'](k); });
#  ifdef __EMSCRIPTEN_PTHREADS__
#    define BENCH_BACKEND "emscripten-pthread"
#  else
#    define BENCH_BACKEND "emscripten"
#  endif
#else
#  define BENCH_IMPORT(name) \
    __attribute__((import_module("bench"), import_name(name)))
BENCH_IMPORT("ack") void bench_ack(void);
BENCH_IMPORT("mark") void bench_mark(int k);
#  ifdef BENCH_WASI_PURE
#    define BENCH_BACKEND "wasi-pure"
#  else
#    define BENCH_BACKEND "wasi"
#  endif
#endif

static long acks;
static int ack_handler(int sig, void *arg) {
  (void)sig;
  (void)arg;
  bench_ack();
  acks++;
  return 0;
}
static int ack_raise_handler(int sig, void *arg) {
  (void)sig;
  (void)arg;
  bench_ack();
  acks++;
  return 1; /* the "exception" that ends sigemu_sleep */
}

/* A function called over and over, so that V8 tiers it up (a loop that
 * never leaves its function would stay in the baseline tier). */
static BENCH_NOINLINE void busy_chunk(void) {
  for (int i = 0; i < 256; i++) {
    bench_work();
    sigemu_check();
  }
}

static int mode_busy(long n) {
  int sigint = sigemu_signum("SIGINT");
  if (bench_install(sigint, ack_handler, NULL) < 0) return 1;
  bench_mark(0); /* ready */
  bench_rec_begin("work." BENCH_BACKEND);
  bench_rec_num("work_ns", bench_work_ns);
  bench_rec_end();
  int64_t end = bench_now_ns() + (int64_t)120 * 1000000000;
  while (acks < n && bench_now_ns() < end) busy_chunk();
  bench_mark(1);
  return acks < n;
}

static int mode_sigwait(long n) {
  int usr1 = sigemu_signum("SIGUSR1");
  sigemu_sigset set;
  sigemu_sigemptyset(&set);
  sigemu_sigaddset(&set, usr1);
  int r = sigemu_pthread_sigmask(SIGEMU_SIG_BLOCK, &set, NULL);
  if (r < 0) {
    fprintf(stderr, "sigmask: %s\n", sigemu_strerror(r));
    return 1;
  }
  bench_mark(0);
  for (long i = 0; i < n; i++) {
    int sig = 0;
    r = sigemu_sigwait(&set, &sig);
    if (r < 0 || sig != usr1) {
      fprintf(stderr, "sigwait: %s (sig %d)\n", sigemu_strerror(r), sig);
      return 1;
    }
    bench_ack();
  }
  bench_mark(1);
  return 0;
}

static int mode_sleep(long n) {
  if (bench_install(sigemu_signum("SIGUSR1"), ack_raise_handler, NULL) < 0)
    return 1;
  bench_mark(0);
  for (long i = 0; i < n; i++) {
    int r = sigemu_sleep(1.0);
    if (r != 1) {
      fprintf(stderr, "sleep returned %d (%s), not the handler's 1\n", r,
              r < 0 ? sigemu_strerror(r) : "slept through");
      return 1;
    }
  }
  bench_mark(1);
  return 0;
}

/* Sustained delivery: count handler runs per kind for ms milliseconds while
 * computing; sender workers (bench/wasm.mjs) send the four kinds until the
 * "done" mark. */
static long kind_count[4];
static int count_kind(int sig, void *arg) {
  (void)sig;
  kind_count[(intptr_t)arg]++;
  return 0;
}
static int mode_count(long ms) {
  static const char *names[4] = {"SIGHUP", "SIGUSR1", "SIGTERM", "SIGWINCH"};
  for (int k = 0; k < 4; k++)
    if (bench_install(sigemu_signum(names[k]), count_kind, (void *)(intptr_t)k) < 0)
      return 1;
  bench_mark(0);
  int64_t t0 = bench_now_ns();
  int64_t end = t0 + ms * 1000000;
  while (bench_now_ns() < end) busy_chunk();
  double secs = (double)(bench_now_ns() - t0) / 1e9;
  bench_mark(1);
  double c[4], total = 0;
  for (int k = 0; k < 4; k++) total += c[k] = (double)kind_count[k];
  bench_rec_begin("sustained." BENCH_BACKEND);
  bench_rec_num("ours", total / secs);
  bench_rec_str("unit", "/s");
  bench_rec_arr("per_kind", c, 4);
  bench_rec_str("note", "4 sender workers, each cycling SIGHUP/SIGUSR1/SIGTERM/"
                        "SIGWINCH through its own SignalController (SAB mode)");
  bench_rec_end();
  return 0;
}

static int mode_idle(void) {
  bench_mark(0);
  int r = sigemu_sleep(1.0);
  bench_mark(1);
  if (r != 0) fprintf(stderr, "sleep: %d\n", r);
  return r != 0;
}

static void mode_raise(void) {
  int usr1 = sigemu_signum("SIGUSR1");
  if (bench_install(usr1, bench_count_handler, NULL) < 0) return;
  const long n = 100000;
  double ours[BENCH_REPS], base[BENCH_REPS];
  for (int r = 0; r < BENCH_REPS; r++) {
    ours[r] = bench_loop_raise(usr1, n);
    base[r] = bench_loop_direct(usr1, n);
  }
  bench_pair("raise." BENCH_BACKEND, bench_median(ours, BENCH_REPS),
             bench_median(base, BENCH_REPS), "ns",
             "baseline: calling the handler directly through a pointer");
}

int main(int argc, char **argv) {
  int r = sigemu_init(NULL);
  if (r < 0) {
    fprintf(stderr, "sigemu_init: %s\n", sigemu_strerror(r));
    return 1;
  }
  const char *mode = argc > 1 ? argv[1] : "check";
  long n = argc > 2 ? atol(argv[2]) : 1000;
  int status = 0;
  if (strcmp(mode, "busy") == 0 || strcmp(mode, "timer") == 0 ||
      strcmp(mode, "count") == 0)
    bench_work_calibrate(100);
  if (strcmp(mode, "check") == 0)
    bench_check_cost("check." BENCH_BACKEND, 40,
                     "includes the host poll every SIGEMU_POLL_EVERY checks");
  else if (strcmp(mode, "raise") == 0)
    mode_raise();
  else if (strcmp(mode, "timer") == 0)
    bench_timer_series("timer." BENCH_BACKEND, 10, 200,
                       "emulated ITIMER_REAL fired by the polled path of "
                       "sigemu_check() while computing");
  else if (strcmp(mode, "busy") == 0)
    status = mode_busy(n);
  else if (strcmp(mode, "sigwait") == 0)
    status = mode_sigwait(n);
  else if (strcmp(mode, "sleep") == 0)
    status = mode_sleep(n);
  else if (strcmp(mode, "count") == 0)
    status = mode_count(n);
  else if (strcmp(mode, "idle") == 0)
    status = mode_idle();
  else {
    fprintf(stderr, "unknown mode %s\n", mode);
    status = 2;
  }
  sigemu_shutdown();
  return status;
}
