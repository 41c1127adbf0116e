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
 *   rounds           install a SIGINT handler that acks; then, for each
 *                    block of trials the driver starts (bench_round), compute
 *                    with a check every ~100 ns of work until the block's
 *                    number of handler runs
 *   bare-spin        the floor of shared-memory mode (-pthread builds): the
 *                    same blocks, the loop watching a plain int in linear
 *                    memory that the driver bumps, acking each change
 *   bare-spinwork    the same with the ~100 ns of work between two looks
 *   bare-poll        the floor of SAB mode: the work loop asks the host
 *                    (bench_peek, one JS call) for a SharedArrayBuffer word
 *                    once per SIGEMU_POLL_INTERVAL_NS of work
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
EM_JS(int, bench_round, (void), { return Module['benchRound'] ? Module['benchRound']() : 0; });
EM_JS(int, bench_peek, (void), { return Module['benchPeek'] ? Module['benchPeek']() : 0; });
EM_JS(void, bench_word, (int addr), { if (Module['benchWord']) Module['benchWord'](addr); });
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
BENCH_IMPORT("round") int bench_round(void);
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

/* Blocks of trials: the driver starts one with bench_round() (the number
 * of acks it will take), times each signal from its own thread, and the
 * loop goes back to waiting once the block's handlers have all run. */
static int mode_rounds(void) {
  int sigint = sigemu_signum("SIGINT");
  if (bench_install(sigint, ack_handler, NULL) < 0) return 1;
  bench_rec_begin("work." BENCH_BACKEND);
  bench_rec_num("work_ns", bench_work_ns);
  bench_rec_end();
  bench_mark(0); /* ready */
  for (long goal; (goal = bench_round()) > 0;) {
    acks = 0;
    while (acks < goal) busy_chunk();
  }
  bench_mark(1);
  return 0;
}

#if defined(__EMSCRIPTEN__)
/* The floors: the same blocks and the same loop shape, with no sigemu. */
static _Alignas(64) _Atomic int bare_word;
static int bare_seen;
static BENCH_NOINLINE void bare_chunk(bool work) {
  for (int i = 0; i < 256; i++) {
    if (work) bench_work();
    int v = atomic_load_explicit(&bare_word, memory_order_relaxed);
    if (__builtin_expect(v != bare_seen, 0)) {
      bare_seen = v;
      bench_ack();
      acks++;
    }
  }
}
static int mode_bare_spin(bool work) {
  bench_word((int)(intptr_t)&bare_word);
  bench_mark(0);
  for (long goal; (goal = bench_round()) > 0;) {
    acks = 0;
    while (acks < goal) bare_chunk(work);
  }
  bench_mark(1);
  return 0;
}
/* SAB mode's floor: a host call every `every` checks, as many as make
 * SIGEMU_POLL_INTERVAL_NS of work. */
static BENCH_NOINLINE void poll_chunk(int every, int *left) {
  for (int i = 0; i < 256; i++) {
    bench_work();
    if (__builtin_expect(--*left <= 0, 0)) {
      *left = every;
      if (bench_peek()) {
        bench_ack();
        acks++;
      }
    }
  }
}
static int mode_bare_poll(void) {
  int every = (int)((double)SIGEMU_POLL_INTERVAL_NS / bench_work_ns + 0.5);
  if (every < 1) every = 1;
  int left = every;
  bench_rec_begin("floor.poll.every");
  bench_rec_num("checks", every);
  bench_rec_num("work_ns", bench_work_ns);
  bench_rec_end();
  bench_mark(0);
  for (long goal; (goal = bench_round()) > 0;) {
    acks = 0;
    while (acks < goal) poll_chunk(every, &left);
  }
  bench_mark(1);
  return 0;
}
#endif

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
  bench_pair_loops("raise." BENCH_BACKEND, usr1, bench_loop_raise,
                   bench_loop_direct,
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
  if (strcmp(mode, "rounds") == 0 || strncmp(mode, "bare-", 5) == 0 ||
      strcmp(mode, "timer") == 0 || strcmp(mode, "count") == 0)
    bench_work_calibrate(100);
  if (strcmp(mode, "check") == 0)
    bench_check_cost("check." BENCH_BACKEND,
                     "includes the host polls (one per SIGEMU_POLL_INTERVAL_NS)");
  else if (strcmp(mode, "raise") == 0)
    mode_raise();
  else if (strcmp(mode, "timer") == 0)
    bench_timer_series("timer." BENCH_BACKEND, 10, 200,
                       "emulated ITIMER_REAL fired by the polled path of "
                       "sigemu_check() while computing");
  else if (strcmp(mode, "rounds") == 0)
    status = mode_rounds();
#if defined(__EMSCRIPTEN__)
  else if (strcmp(mode, "bare-spin") == 0)
    status = mode_bare_spin(false);
  else if (strcmp(mode, "bare-spinwork") == 0)
    status = mode_bare_spin(true);
  else if (strcmp(mode, "bare-poll") == 0)
    status = mode_bare_poll();
#endif
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
