/* stranded.c — no signal tripped by another thread is stranded or lost.
 *
 * A second thread raises SIGUSR1 (its own handler trips the signal, on its
 * own CPU) in short bursts while the main thread does nothing but
 * sigemu_check(). After each burst the sender waits until the main thread
 * has run the handler after the burst's last send. If it has not after the
 * main thread made STRANDED_CHECKS further checks, the signal is stranded: its bit is set but the global flag that
 * the fast check reads is clear, so no check will ever look (a dispatcher
 * that clears the flag with a store that a later load may pass, as x86
 * allows, loses the race this way). The sender then counts it and sends
 * again to unstick it. Both counts must be 0.
 *
 * Built against the sim backend and, natively, the posix one; the sanitizers
 * suite runs it under TSan too. Bounded by STRESS_SECONDS (default 1.5 s).
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "harness.h"
#include "sigemu.h"

#define SIG_USR1 10
/* Checks the main thread makes after a send before it counts as stranded:
 * with the flag set, the first check after the trip is visible runs it. */
#define STRANDED_CHECKS 2000

static atomic_long runs, checks;
static atomic_long gen;     /* bumped by the sender before a burst's last send */
static atomic_long seen_gen; /* the gen the handler saw when it last ran */
static atomic_int stop;
static long sent, stranded, lost;

static int handler(int sig, void *arg) {
  (void)sig;
  (void)arg;
  atomic_store(&seen_gen, atomic_load(&gen));
  atomic_fetch_add(&runs, 1);
  return 0;
}

static double now_s(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Bursts of 1 to 4 sends: the later ones land while the main thread is
 * starting a dispatch for the earlier ones, where the race is. After each
 * burst the sender waits until the handler has run after the burst's last
 * send (it saw that send's gen). */
static void *sender(void *arg) {
  double secs = *(double *)arg, t0 = now_s();
  unsigned seed = 12345;
  while (now_s() - t0 < secs) {
    seed = seed * 1103515245u + 12345u;
    int burst = 1 + (int)((seed >> 16) % 4);
    long last = 0;
    for (int k = 0; k < burst; k++) {
      if (k == burst - 1) last = atomic_fetch_add(&gen, 1) + 1;
      if (sigemu_raise_signal(SIG_USR1) != 0) {
        lost++;
        goto out;
      }
      sent++;
    }
    long c0 = atomic_load(&checks);
    bool counted = false;
    double t1 = now_s();
    for (;;) {
      /* The checks first, then what the handler saw: a handler that ran
       * before the main thread made those checks is then seen (all of it
       * is sequentially consistent, and the main thread counts a check
       * after it returns), so a sender descheduled meanwhile counts
       * nothing. */
      long c = atomic_load(&checks);
      if (atomic_load(&seen_gen) >= last) break;
      if (!counted && c - c0 > STRANDED_CHECKS) {
        stranded++;
        counted = true;
        (void)sigemu_raise_signal(SIG_USR1); /* unstick it */
      }
      if (now_s() - t1 > 30) { /* the main thread stopped checking */
        lost++;
        goto out;
      }
    }
  }
out:
  atomic_store(&stop, 1);
  return NULL;
}

static void t_no_stranded_signal(void) {
  T_EQ_ERR(sigemu_init(NULL), 0);
  sigemu_action a = {SIGEMU_CALL, handler, NULL};
  T_EQ_ERR(sigemu_signal(SIG_USR1, &a, NULL), 0);
  const char *env = getenv("STRESS_SECONDS");
  double secs = env ? atof(env) : 1.5;
  pthread_t th;
  T_EQ_INT(pthread_create(&th, NULL, sender, &secs), 0);
  while (!atomic_load(&stop)) {
    T_EQ_ERR(sigemu_check(), 0);
    atomic_fetch_add(&checks, 1);
  }
  pthread_join(th, NULL);
  T_EQ_ERR(sigemu_check(), 0);
  printf("# %s: %ld sent, %ld handled (bursts coalesce), "
         "%ld stranded, %ld lost\n",
         sigemu_backend(), sent, atomic_load(&runs), stranded, lost);
  T_TRUE(sent > 0);
  T_EQ_INT(stranded, 0);
  T_EQ_INT(lost, 0);
  sigemu_shutdown();
}

int main(int argc, char **argv) {
  static const harness_test tests[] = {T(t_no_stranded_signal)};
  return harness_main(argc, argv, tests, HARNESS_COUNT(tests));
}
