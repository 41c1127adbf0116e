/* bench_common.h — the measurements that are the same C code on every
 * backend: the idle check next to a bare flag, raise -> handler, an
 * ITIMER_REAL series while computing. bench_native.c (posix), bench_sim.c
 * and bench_wasm.c (Emscripten, WASI) include it, so that a figure for one
 * backend and its twin for another come from the very same loop.
 *
 * Why the loops look the way they do: a check loop whose result is unused
 * could be deleted by the compiler, so each result is summed and the sum
 * stored into a volatile sink; the loops are noinline so that both sides get
 * the same code shape. The machine is shared: each cost figure is taken from
 * many short repetitions, ours and the baseline interleaved (ours, baseline,
 * ours, ...), timed on the thread's CPU clock where there is one
 * (bench_cost_ns), and the fastest repetition of each side is kept: load
 * from the machine's other tenants can only make a repetition slower, never
 * faster, so the minimum is the figure least touched by it.
 */
#ifndef SIGEMU_BENCH_COMMON_H
#define SIGEMU_BENCH_COMMON_H

#include "bench_util.h"
#include "sigemu.h"

#define BENCH_NOINLINE __attribute__((noinline))
#define BENCH_REPS 31
/* One repetition of a cost loop lasts about this long: short enough that
 * most repetitions run within one time slice of a loaded machine. */
#define BENCH_REP_MS 1.0

BENCH_FN volatile long bench_sink;
BENCH_FN volatile int bench_flag; /* the bare baseline: never set */

BENCH_FN BENCH_NOINLINE int bench_bare_slow(void) { return bench_flag; }

/* Eight checks per turn of the loop, in both loops: the loop's own jump
 * and counter, and where the engine happens to place the loop's code,
 * weigh an eighth as much as with one check per turn. */
#define BENCH_X8(e) e; e; e; e; e; e; e; e

/* n checks (a multiple of 8) of the idle check; ns per check. */
BENCH_FN BENCH_NOINLINE double bench_loop_check(long n) {
  long acc = 0;
  int64_t t0 = bench_cost_ns();
  for (long i = 0; i < n; i += 8) { BENCH_X8(acc += sigemu_check()); }
  int64_t t1 = bench_cost_ns();
  bench_sink = acc;
  return (double)(t1 - t0) / (double)n;
}

/* The same shape with a plain volatile flag: what an interpreter pays for
 * its own eval-breaker test without sigemu. The same shape to the letter:
 * an inline test that returns 0 or what its out-of-line slow path returns,
 * added to the sum (a loop that adds only on its slow path would measure
 * the loop, not the test: the compilers keep the sum out of the fast path
 * there, and WebAssembly engines then run it in about half the time). */
static inline int bench_bare_check(void) {
  if (__builtin_expect(bench_flag == 0, 1)) return 0;
  return bench_bare_slow();
}
BENCH_FN BENCH_NOINLINE double bench_loop_bare(long n) {
  long acc = 0;
  int64_t t0 = bench_cost_ns();
  for (long i = 0; i < n; i += 8) { BENCH_X8(acc += bench_bare_check()); }
  int64_t t1 = bench_cost_ns();
  bench_sink = acc;
  return (double)(t1 - t0) / (double)n;
}

/* How many iterations make one repetition last about target_ms (the
 * fastest of a few tries: a try the machine interrupted only looks slower). */
BENCH_FN long bench_calibrate(double (*loop)(long), double target_ms) {
  long n = 1 << 12;
  while (loop(n) * (double)n < 2e5 && n < (1L << 30)) n *= 4;
  double per = 1e9;
  for (int i = 0; i < 5; i++) {
    double p = loop(n);
    if (p > 0 && p < per) per = p;
  }
  long want = (long)(target_ms * 1e6 / per);
  return want < 1 ? 1 : want;
}

/* The median of ours[r] / base[r]: each pair ran back to back, so a change
 * of the machine's speed between repetitions (another tenant, a frequency
 * step) cancels out of each ratio. */
BENCH_FN double bench_pair_ratio(const double *ours, const double *base, int n) {
  double q[BENCH_REPS];
  int k = 0;
  for (int r = 0; r < n && k < BENCH_REPS; r++)
    if (base[r] > 0) q[k++] = ours[r] / base[r];
  return k ? bench_median(q, (size_t)k) : 0;
}

/* The record of a cost loop: ours[] and base[], BENCH_REPS interleaved
 * repetitions of n iterations each (ns per iteration): the fastest of each
 * side, the medians, and the median ratio of back-to-back pairs. */
BENCH_FN void bench_rec_cost(const char *id, const double *ours,
                             const double *base, long n, const char *note) {
  bench_rec_begin(id);
  bench_rec_num("ours", bench_min(ours, BENCH_REPS));
  bench_rec_num("base", bench_min(base, BENCH_REPS));
  bench_rec_num("ours_median", bench_median(ours, BENCH_REPS));
  bench_rec_num("base_median", bench_median(base, BENCH_REPS));
  bench_rec_num("pair_ratio", bench_pair_ratio(ours, base, BENCH_REPS));
  bench_rec_str("unit", "ns");
  bench_rec_str("clock", BENCH_COST_CLOCK);
  bench_rec_num("iterations", (double)n);
  bench_rec_num("reps", BENCH_REPS);
  if (note && *note) bench_rec_str("note", note);
  bench_rec_end();
}

/* Idle check cost: record id with ours/base in ns per check (the fastest
 * repetition of each side; the medians ride along). sigemu must be
 * initialised (with nothing pending) before. */
BENCH_FN void bench_check_cost(const char *id, const char *note) {
  /* Warm up both loops first: V8 runs a wasm function in its baseline tier
   * until it has been hot for a while, and only a later call gets the
   * optimised code (no on-stack replacement for wasm). */
  for (int w = 0; w < 20; w++) {
    bench_loop_check(1 << 16);
    bench_loop_bare(1 << 16);
  }
  long n = (bench_calibrate(bench_loop_check, BENCH_REP_MS) + 7) & ~7L;
  double ours[BENCH_REPS], base[BENCH_REPS];
  for (int r = 0; r < BENCH_REPS; r++) {
    ours[r] = bench_loop_check(n);
    base[r] = bench_loop_bare(n);
  }
  bench_rec_cost(id, ours, base, n, note);
}

/* ---- raise -> handler --------------------------------------------------- */
BENCH_FN long bench_handled;
BENCH_FN int bench_count_handler(int sig, void *arg) {
  (void)sig;
  (void)arg;
  bench_handled++;
  return 0;
}
/* The baseline of the emulated backends: calling the handler directly
 * through a pointer the compiler cannot see through. */
BENCH_FN int (*volatile bench_handler_ptr)(int, void *) = bench_count_handler;

BENCH_FN BENCH_NOINLINE double bench_loop_raise(int sig, long n) {
  long before = bench_handled;
  int64_t t0 = bench_cost_ns();
  for (long i = 0; i < n; i++) sigemu_raise_signal(sig);
  int64_t t1 = bench_cost_ns();
  if (bench_handled - before != n) {
    fprintf(stderr, "raise: %ld handler runs for %ld raises\n",
            bench_handled - before, n);
    return -1;
  }
  return (double)(t1 - t0) / (double)n;
}

BENCH_FN BENCH_NOINLINE double bench_loop_direct(int sig, long n) {
  int64_t t0 = bench_cost_ns();
  for (long i = 0; i < n; i++) bench_handler_ptr(sig, NULL);
  int64_t t1 = bench_cost_ns();
  return (double)(t1 - t0) / (double)n;
}

/* ours(sig, n) and base(sig, n) interleaved, BENCH_REPS repetitions of
 * about BENCH_REP_MS each (n calibrated on ours); the fastest of each side
 * is recorded (ns per call), the medians ride along. */
typedef double (*bench_sig_loop)(int sig, long n);
BENCH_FN void bench_pair_loops(const char *id, int sig, bench_sig_loop ours_fn,
                               bench_sig_loop base_fn, const char *note) {
  long n = 64;
  ours_fn(sig, n);
  base_fn(sig, n);
  double per = 1e18;
  for (int i = 0; i < 5; i++) {
    double p = ours_fn(sig, n);
    if (p > 0 && p < per) per = p;
  }
  n = (long)(BENCH_REP_MS * 1e6 / per);
  if (n < 16) n = 16;
  double ours[BENCH_REPS], base[BENCH_REPS];
  for (int r = 0; r < BENCH_REPS; r++) {
    ours[r] = ours_fn(sig, n);
    base[r] = base_fn(sig, n);
  }
  if (bench_min(ours, BENCH_REPS) < 0 || bench_min(base, BENCH_REPS) < 0) {
    bench_rec_begin(id);
    bench_rec_str("na", "a handler did not run once per raise");
    bench_rec_end();
    return;
  }
  bench_rec_cost(id, ours, base, n, note);
}

BENCH_FN int bench_install(int sig, sigemu_handler_fn fn, void *arg) {
  sigemu_action a = {SIGEMU_CALL, fn, arg};
  int r = sigemu_signal(sig, &a, NULL);
  if (r < 0)
    fprintf(stderr, "sigemu_signal(%d): %s\n", sig, sigemu_strerror(r));
  return r;
}

/* ---- ITIMER_REAL series while computing --------------------------------- */
#define BENCH_TIMER_MAX 400
BENCH_FN int64_t bench_tick[BENCH_TIMER_MAX];
BENCH_FN int bench_ticks;
BENCH_FN int bench_tick_handler(int sig, void *arg) {
  (void)sig;
  (void)arg;
  if (bench_ticks < BENCH_TIMER_MAX) bench_tick[bench_ticks++] = bench_now_ns();
  return 0;
}

/* About 100 ns of work that the compiler must keep, between two checks of
 * the busy loops (the interrupt-latency and timer benchmarks). The number
 * of steps is calibrated at start-up (bench_work_calibrate), since one step
 * costs a different time natively, in V8's wasm tiers, and under load. */
BENCH_FN volatile int bench_work_steps = 40;
BENCH_FN double bench_work_ns; /* what one bench_work() took, calibrated */
BENCH_FN BENCH_NOINLINE void bench_work(void) {
  int n = bench_work_steps;
  for (int i = 0; i < n; i++) bench_sink = bench_sink + i;
}
/* Calibrated on the fastest of many short tries: on a loaded machine most
 * tries are interrupted, and an interrupted try would make the work far
 * shorter than target_ns once the machine is quiet again. */
BENCH_FN double bench_work_time(int calls) {
  double best = 1e18;
  for (int r = 0; r < 25; r++) {
    int64_t t0 = bench_cost_ns();
    for (int i = 0; i < calls; i++) bench_work();
    double t = (double)(bench_cost_ns() - t0) / calls;
    if (t > 0 && t < best) best = t;
  }
  return best;
}
BENCH_FN void bench_work_calibrate(double target_ns) {
  for (int warm = 0; warm < 3; warm++) /* let a JIT tier up first */
    for (int i = 0; i < 20000; i++) bench_work();
  double step = bench_work_time(2000) / bench_work_steps;
  if (step <= 0) step = 0.5;
  int n = (int)(target_ns / step + 0.5);
  bench_work_steps = n < 1 ? 1 : n;
  bench_work_ns = bench_work_time(2000);
}

/* One run of a periodic timer: when each handler ran, from start. */
#define BENCH_TIMER_REPS 3
typedef struct {
  int64_t tick[BENCH_TIMER_MAX];
  int n;
  int64_t start;
  double drift; /* ms: last tick minus start + n*interval, plus lost ticks */
} bench_timer_run;

BENCH_FN void bench_timer_finish(bench_timer_run *r, const int64_t *ticks,
                                 int n, double interval_ms, int periods) {
  r->n = n;
  memcpy(r->tick, ticks, (size_t)n * sizeof *ticks);
  r->drift = n ? (double)(ticks[n - 1] - r->start) / 1e6 - n * interval_ms +
                     (periods - n) * interval_ms
               : 1e9;
}

/* Emit the run with the median drift of runs[0..nruns): the lateness
 * (since the most recent due time: a tick that coalesced with the next one
 * shows in the drift, not here), the drift, and the series against the
 * absolute schedule start + k*interval (for the plot). */
BENCH_FN void bench_timer_emit(const char *id, bench_timer_run *runs, int nruns,
                               double interval_ms, int periods,
                               const char *note) {
  double drifts[BENCH_TIMER_REPS];
  for (int i = 0; i < nruns; i++) drifts[i] = runs[i].drift;
  double med = bench_median(drifts, (size_t)nruns);
  const bench_timer_run *r = &runs[0];
  for (int i = 0; i < nruns; i++)
    if (runs[i].drift == med) r = &runs[i];
  int n = r->n;
  int64_t iv_ns = (int64_t)(interval_ms * 1e6);
  double late[BENCH_TIMER_MAX], since[BENCH_TIMER_MAX];
  for (int k = 0; k < n; k++) {
    late[k] = (double)(r->tick[k] - r->start) / 1e6 - (k + 1) * interval_ms;
    since[k] = (double)(((r->tick[k] - r->start) - iv_ns) % iv_ns) / 1e6;
  }
  bench_rec_begin(id);
  bench_rec_num("p50", bench_quantile(since, (size_t)n, 0.5));
  bench_rec_num("p99", bench_quantile(since, (size_t)n, 0.99));
  bench_rec_num("drift", r->drift);
  bench_rec_arr("drift_reps", drifts, (size_t)nruns);
  bench_rec_num("fired", n);
  bench_rec_num("periods", periods);
  bench_rec_num("interval", interval_ms);
  bench_rec_num("work_ns", bench_work_ns);
  bench_rec_str("unit", "ms");
  bench_rec_arr("series", late, (size_t)n);
  if (note && *note) bench_rec_str("note", note);
  bench_rec_end();
}

/* Arm sigemu's ITIMER_REAL every interval_ms for periods periods while
 * computing, with a check after each bit of work. 0 or a SIGEMU_E* code. */
BENCH_FN int bench_timer_once(bench_timer_run *run, double interval_ms,
                              int periods) {
  if (periods > BENCH_TIMER_MAX) periods = BENCH_TIMER_MAX;
  int r = bench_install(sigemu_signum("SIGALRM"), bench_tick_handler, NULL);
  if (r < 0) return r;
  bench_ticks = 0;
  double iv = interval_ms / 1000.0;
  run->start = bench_now_ns();
  r = sigemu_setitimer(SIGEMU_ITIMER_REAL, iv, iv, NULL, NULL);
  if (r < 0) {
    fprintf(stderr, "setitimer: %s\n", sigemu_strerror(r));
    return r;
  }
  int64_t end = run->start + (int64_t)((periods + 0.5) * interval_ms * 1e6);
  while (bench_ticks < periods && bench_now_ns() < end) {
    bench_work();
    sigemu_check();
  }
  sigemu_setitimer(SIGEMU_ITIMER_REAL, 0, 0, NULL, NULL);
  bench_timer_finish(run, bench_tick, bench_ticks, interval_ms, periods);
  return 0;
}

BENCH_FN bench_timer_run bench_timer_runs[BENCH_TIMER_REPS];

/* BENCH_TIMER_REPS runs of bench_timer_once; the median one is emitted. */
BENCH_FN void bench_timer_series(const char *id, double interval_ms,
                                 int periods, const char *note) {
  for (int i = 0; i < BENCH_TIMER_REPS; i++)
    if (bench_timer_once(&bench_timer_runs[i], interval_ms, periods) < 0) return;
  bench_timer_emit(id, bench_timer_runs, BENCH_TIMER_REPS, interval_ms,
                   periods, note);
}

#endif /* SIGEMU_BENCH_COMMON_H */
