/* pingpong.c — no lost wakeup: a thread blocked in sigwait (or pause) is
 * woken by every signal sent to it.
 *
 * A worker thread takes SIGUSR1 with sigwait, PINGPONG_ROUNDS times; the
 * main thread sends each one with pthread_kill as soon as the worker has
 * counted the previous one. A send that lands between the worker's look at
 * its pending set and its sleep must still end that sleep (the waits read a
 * wake token first and block only while it is unchanged); if it did not,
 * the worker would sleep forever and the main thread's bounded wait would
 * count the round as lost. The count of lost rounds must be 0. (The signal
 * stays blocked between rounds, so a send that comes before the worker is
 * back in sigwait is pending, not missed: the test has no race of its own.)
 *
 * Built natively against sim and posix, and for Emscripten -pthread (where
 * the wait is a futex on the control block in shared memory). Bounded by
 * STRESS_SECONDS (default 1.5 s) per phase.
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
#define SIG_USR2 12

static atomic_long got;   /* rounds the worker completed */
static atomic_int ready;  /* the worker is registered and blocking */
static sigemu_thread worker_id;

static double now_s(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void *sigwait_worker(void *arg) {
  (void)arg;
  sigemu_sigset s;
  sigemu_sigemptyset(&s);
  sigemu_sigaddset(&s, SIG_USR1);
  sigemu_sigaddset(&s, SIG_USR2); /* USR2: "stop" */
  sigemu_pthread_sigmask(SIGEMU_SIG_BLOCK, &s, NULL);
  worker_id = sigemu_thread_self();
  atomic_store(&ready, 1);
  for (;;) {
    int sig = 0;
    if (sigemu_sigwait(&s, &sig) != 0 || sig == SIG_USR2) break;
    atomic_fetch_add(&got, 1);
  }
  return NULL;
}

/* One phase: send a round, wait for it to be counted. */
static void ping(const char *what, double secs, long *rounds, long *lost) {
  double t0 = now_s();
  while (now_s() - t0 < secs) {
    long before = atomic_load(&got);
    if (sigemu_pthread_kill(worker_id, SIG_USR1) != 0) {
      (*lost)++;
      return;
    }
    (*rounds)++;
    double t1 = now_s();
    while (atomic_load(&got) == before) {
      if (now_s() - t1 > 20) { /* generous: a loaded 2-core machine */
        fprintf(stderr, "# %s: round %ld never woke the worker\n", what, *rounds);
        (*lost)++;
        return;
      }
    }
  }
}

static void t_sigwait_never_misses_a_wake(void) {
  T_EQ_ERR(sigemu_init(NULL), 0);
  const char *env = getenv("STRESS_SECONDS");
  double secs = env ? atof(env) : 1.5;
  pthread_t th;
  atomic_store(&got, 0);
  atomic_store(&ready, 0);
  T_EQ_INT(pthread_create(&th, NULL, sigwait_worker, NULL), 0);
  while (!atomic_load(&ready)) {
  }
  long rounds = 0, lost = 0;
  ping("sigwait", secs, &rounds, &lost);
  T_EQ_ERR(sigemu_pthread_kill(worker_id, SIG_USR2), 0);
  pthread_join(th, NULL);
  printf("# %s sigwait: %ld rounds, %ld lost\n", sigemu_backend(), rounds, lost);
  T_TRUE(rounds > 0);
  T_EQ_INT(lost, 0);
  sigemu_shutdown();
}

int main(int argc, char **argv) {
  static const harness_test tests[] = {T(t_sigwait_never_misses_a_wake)};
  return harness_main(argc, argv, tests, HARNESS_COUNT(tests));
}
