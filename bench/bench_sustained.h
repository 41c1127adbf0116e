/* bench_sustained.h — sustained delivery: four threads send four kinds of
 * signal (SIGHUP, SIGUSR1, SIGTERM, SIGWINCH) as fast as they can for a
 * second while the main thread computes and checks. Counts handler runs per
 * kind: standard signals coalesce, so the figure is deliveries per second,
 * and the per-kind counts show whether a kind starves (dispatch runs in
 * ascending order, so a low signal sent nonstop must not shut out a high
 * one). The baseline is the kernel alone: pthread_kill to the main thread,
 * a sigaction handler that sets a flag per kind, the loop taking the flags.
 * Shared by bench_native.c (posix) and bench_sim.c (sim), which only differ
 * in how "ours" sends.
 */
#ifndef SIGEMU_BENCH_SUSTAINED_H
#define SIGEMU_BENCH_SUSTAINED_H

#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>

#include "bench_common.h"

/* ---- sustained delivery --------------------------------------------------- */
#define KINDS 4
BENCH_FN const int kinds[KINDS] = {SIGHUP, SIGUSR1, SIGTERM, SIGWINCH};
BENCH_FN atomic_long sent[KINDS];
BENCH_FN long got[KINDS];
BENCH_FN atomic_long bare_got[KINDS];
BENCH_FN atomic_bool stop;
BENCH_FN pthread_t main_tid;
/* How "ours" sends: sigemu_pthread_kill (posix) or sigemu_sim_send (sim). */
BENCH_FN int (*ours_send)(int sig);
BENCH_FN bool use_sigemu;

BENCH_FN int kind_index(int sig) {
  for (int k = 0; k < KINDS; k++)
    if (kinds[k] == sig) return k;
  return -1;
}
BENCH_FN int count_kind(int sig, void *arg) {
  (void)arg;
  got[kind_index(sig)]++;
  return 0;
}
/* The baseline a program would write by hand: the kernel handler sets a
 * flag per kind and the main loop takes the flags, like CPython's (and
 * sigemu's) tripped flags. Counting in the kernel handler itself would count
 * deliveries that a flag-based program sees as one: while the main thread is
 * flooded, the kernel delivers the next pending signal at every return to
 * user space, many times between two turns of the loop. */
BENCH_FN atomic_int bare_flag[KINDS];
BENCH_FN void bare_kind(int sig) { atomic_store(&bare_flag[kind_index(sig)], 1); }

BENCH_FN void *sender(void *p) {
  int k = (int)(intptr_t)p;
  /* Only the main thread takes these signals. */
  sigset_t all;
  sigfillset(&all);
  pthread_sigmask(SIG_BLOCK, &all, NULL);
  /* Each thread cycles through all four kinds (from its own offset): on a
   * machine with fewer cores than threads, the scheduler then cannot favour
   * one kind by running its sender alone, and a kind that still falls
   * behind is starved by delivery, which is what we look for. */
  for (unsigned i = (unsigned)k;
       !atomic_load_explicit(&stop, memory_order_relaxed); i++) {
    int kk = (int)(i % KINDS);
    if (use_sigemu)
      ours_send(kinds[kk]);
    else
      pthread_kill(main_tid, kinds[kk]);
    atomic_fetch_add_explicit(&sent[kk], 1, memory_order_relaxed);
  }
  return NULL;
}

/* One second of four senders; per-kind handler runs into counts[]. */
BENCH_FN double run_sustained(bool ours, long counts[KINDS], long sends[KINDS]) {
  use_sigemu = ours;
  atomic_store(&stop, false);
  for (int k = 0; k < KINDS; k++) {
    atomic_store(&sent[k], 0);
    got[k] = 0;
    atomic_store(&bare_got[k], 0);
    atomic_store(&bare_flag[k], 0);
  }
  struct sigaction sa, old[KINDS];
  if (ours) {
    for (int k = 0; k < KINDS; k++) bench_install(kinds[k], count_kind, NULL);
  } else {
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = bare_kind;
    sigemptyset(&sa.sa_mask);
    for (int k = 0; k < KINDS; k++) sigaction(kinds[k], &sa, &old[k]);
  }
  pthread_t th[KINDS];
  int64_t t0 = bench_now_ns();
  for (int k = 0; k < KINDS; k++)
    pthread_create(&th[k], NULL, sender, (void *)(intptr_t)k);
  int64_t end = t0 + 1000000000;
  while (bench_now_ns() < end) {
    bench_work();
    if (ours) {
      sigemu_check();
    } else {
      for (int k = 0; k < KINDS; k++)
        if (atomic_load_explicit(&bare_flag[k], memory_order_relaxed) &&
            atomic_exchange(&bare_flag[k], 0))
          atomic_fetch_add_explicit(&bare_got[k], 1, memory_order_relaxed);
    }
  }
  atomic_store(&stop, true);
  for (int k = 0; k < KINDS; k++) pthread_join(th[k], NULL);
  if (ours) sigemu_check(); /* what arrived during the join */
  double secs = (double)(bench_now_ns() - t0) / 1e9;
  long total = 0;
  for (int k = 0; k < KINDS; k++) {
    counts[k] = ours ? got[k] : atomic_load(&bare_got[k]);
    sends[k] = atomic_load(&sent[k]);
    total += counts[k];
  }
  if (ours) {
    sigemu_action dfl = {SIGEMU_DFL, NULL, NULL};
    for (int k = 0; k < KINDS; k++) sigemu_signal(kinds[k], &dfl, NULL);
  } else {
    for (int k = 0; k < KINDS; k++) sigaction(kinds[k], &old[k], NULL);
  }
  return (double)total / secs;
}

BENCH_FN void emit_sustained(const char *id, double ours_rate, double base_rate,
                           const long counts[KINDS], const long sends[KINDS],
                           const char *note) {
  double c[KINDS], s[KINDS];
  for (int k = 0; k < KINDS; k++) {
    c[k] = (double)counts[k];
    s[k] = (double)sends[k];
  }
  bench_rec_begin(id);
  bench_rec_num("ours", ours_rate);
  bench_rec_num("base", base_rate);
  bench_rec_str("unit", "/s");
  bench_rec_arr("per_kind", c, KINDS);
  bench_rec_arr("sent", s, KINDS);
  if (note) bench_rec_str("note", note);
  bench_rec_end();
}

#endif /* SIGEMU_BENCH_SUSTAINED_H */
