/* bench_sim.c — the emulated path without any host: the `sim` backend, where
 * a signal never touches the kernel. What it shows is the cost of the
 * emulation itself (the kit's masks/pending bookkeeping, the trip, dispatch),
 * which is what the wasm backends pay too, minus the host calls:
 *   raise      sigemu_raise_signal() + handler on sim vs the kernel's
 *              raise() with a sigaction handler (the native alternative)
 *   sustained  four threads calling sigemu_sim_send for a second vs the
 *              kernel's pthread_kill (bench_sustained.h)
 * Usage: bench_sim [raise|sustained ...] (default: all).
 */
#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#include "bench_common.h"
#include "bench_sustained.h"
#include "sigemu_sim.h"

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

static bool want(int argc, char **argv, const char *name) {
  if (argc < 2) return true;
  for (int i = 1; i < argc; i++)
    if (strcmp(argv[i], name) == 0) return true;
  return false;
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
  sigaction(SIGUSR2, &sa, NULL);
  if (bench_install(SIGUSR1, bench_count_handler, NULL) < 0) return;
  bench_pair_loops("raise.sim", SIGUSR1, bench_loop_raise, loop_bare_usr2,
                   "baseline: the kernel's raise() with a sigaction handler");
  signal(SIGUSR2, SIG_DFL);
  sigemu_action dfl = {SIGEMU_DFL, NULL, NULL};
  sigemu_signal(SIGUSR1, &dfl, NULL);
}

static void bench_sustained(void) {
  long oc[KINDS], os[KINDS], bc[KINDS], bs[KINDS];
  main_tid = pthread_self();
  ours_send = sigemu_sim_send;
  double base = run_sustained(false, bc, bs);
  double ours = run_sustained(true, oc, os);
  emit_sustained("sustained.sim", ours, base, oc, os,
                 "4 threads calling sigemu_sim_send (no kernel); baseline: "
                 "pthread_kill + sigaction handler setting a flag per kind");
}

int main(int argc, char **argv) {
  int r = sigemu_init(NULL);
  if (r < 0) {
    fprintf(stderr, "sigemu_init: %s\n", sigemu_strerror(r));
    return 1;
  }
  if (want(argc, argv, "raise")) bench_raise();
  if (want(argc, argv, "sustained")) bench_sustained();
  sigemu_shutdown();
  return 0;
}
