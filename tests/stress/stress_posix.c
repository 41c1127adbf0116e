/* stress_posix.c — hostile timing with real signals (posix backend):
 * threads send kill(getpid()), pthread_kill(main) and sigemu_pthread_kill
 * while the main thread checks, toggles its mask and swaps handlers.
 *
 * Why: on posix the trip path runs inside a real signal handler that can
 * interrupt the main thread anywhere, including inside sigemu itself; the
 * mask is the kernel's. The only way to see a lost signal or a race there
 * is to provoke it. Sender threads block every signal, so process-directed
 * signals land on the main thread and the main thread's mask decides.
 *
 * Asserts: no crash; handlers only on the main thread; after the final
 * unblock every kind sent once more by each sender is handled (within a
 * generous bound, the machine is loaded); nothing stays pending.
 * Bounded by STRESS_SECONDS (default 1.5 s) plus the final round.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "harness.h"
#include "sigemu.h"

#define NTHREADS 3
static const int kinds[] = {SIGHUP, SIGUSR1, SIGUSR2, SIGWINCH, 34, 40, 50, 64};
#define NKINDS ((int)(sizeof kinds / sizeof kinds[0]))

static atomic_int sent[65], handled[65];
static atomic_int stop, final_round, final_done, off_main;
static sigemu_thread main_id;
static pthread_t main_pt;

static int handler_a(int sig, void *arg) {
  (void)arg;
  if (sigemu_thread_self() != main_id) atomic_fetch_add(&off_main, 1);
  atomic_fetch_add(&handled[sig], 1);
  return 0;
}
static int handler_b(int sig, void *arg) { return handler_a(sig, arg); }

static double now_s(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}
static unsigned rnd(unsigned *s) {
  *s = *s * 1103515245u + 12345u;
  return *s >> 8;
}

static void send_one(int how, int sig) {
  int r = how == 0   ? kill(getpid(), sig)
          : how == 1 ? pthread_kill(main_pt, sig)
                     : sigemu_pthread_kill(main_id, sig);
  if (r == 0) atomic_fetch_add(&sent[sig], 1);
}

static void *sender(void *p) {
  sigset_t all;
  sigfillset(&all);
  pthread_sigmask(SIG_BLOCK, &all, NULL);
  unsigned seed = (unsigned)(uintptr_t)p * 7919u + 1;
  while (!atomic_load(&stop)) {
    send_one((int)(rnd(&seed) % 3), kinds[rnd(&seed) % NKINDS]);
    /* Real-time signals queue in the kernel: an unthrottled flood from
     * three threads starves the main thread in its handler (a livelock of
     * the test, not of sigemu). ~10k signals/s per thread is plenty. */
    struct timespec pause_ts = {0, 100000};
    nanosleep(&pause_ts, NULL);
  }
  while (!atomic_load(&final_round)) sched_yield();
  for (int k = 0; k < NKINDS; k++) send_one(k % 3, kinds[k]);
  atomic_fetch_add(&final_done, 1);
  return NULL;
}

static void t_churn(void) {
  sigemu_options o = {.python_defaults = false};
  T_EQ_ERR(sigemu_init(&o), 0);
  main_id = sigemu_thread_self();
  main_pt = pthread_self();
  sigemu_action a = {SIGEMU_CALL, handler_a, NULL};
  sigemu_action b = {SIGEMU_CALL, handler_b, NULL};
  for (int k = 0; k < NKINDS; k++) T_EQ_ERR(sigemu_signal(kinds[k], &a, NULL), 0);

  pthread_t th[NTHREADS];
  for (int i = 0; i < NTHREADS; i++)
    T_EQ_INT(pthread_create(&th[i], NULL, sender, (void *)(uintptr_t)i), 0);

  const char *env = getenv("STRESS_SECONDS");
  double secs = env ? atof(env) : 1.5;
  double t0 = now_s();
  unsigned seed = 42;
  long rounds = 0;
  while (now_s() - t0 < secs) {
    rounds++;
    T_EQ_ERR(sigemu_check(), 0);
    unsigned r = rnd(&seed);
    sigemu_sigset m;
    sigemu_sigemptyset(&m);
    for (int k = 0; k < NKINDS; k++)
      if ((r >> k) & 1) sigemu_sigaddset(&m, kinds[k]);
    switch (r % 6) {
    case 0:
    case 1: T_EQ_ERR(sigemu_pthread_sigmask(SIGEMU_SIG_BLOCK, &m, NULL), 0); break;
    case 2:
    case 3: T_EQ_ERR(sigemu_pthread_sigmask(SIGEMU_SIG_UNBLOCK, &m, NULL), 0); break;
    case 4: T_EQ_ERR(sigemu_pthread_sigmask(SIGEMU_SIG_SETMASK, &m, NULL), 0); break;
    default: {
      int k = (int)(r >> 12) % NKINDS;
      T_EQ_ERR(sigemu_signal(kinds[k], (r >> 20) & 1 ? &a : &b, NULL), 0);
      break;
    }
    }
  }
  sigemu_sigset none;
  sigemu_sigemptyset(&none);
  T_EQ_ERR(sigemu_pthread_sigmask(SIGEMU_SIG_SETMASK, &none, NULL), 0);
  T_EQ_ERR(sigemu_check(), 0);
  int before[NKINDS];
  for (int k = 0; k < NKINDS; k++) before[k] = atomic_load(&handled[kinds[k]]);
  atomic_store(&stop, 1);
  atomic_store(&final_round, 1);
  for (int i = 0; i < NTHREADS; i++) pthread_join(th[i], NULL);
  T_EQ_INT(atomic_load(&final_done), NTHREADS);
  /* Real signals may still be on their way: wait, generously. */
  double t1 = now_s();
  for (;;) {
    T_EQ_ERR(sigemu_check(), 0);
    int missing = 0;
    for (int k = 0; k < NKINDS; k++)
      if (atomic_load(&handled[kinds[k]]) <= before[k]) missing++;
    if (!missing || now_s() - t1 > 10.0) break;
    usleep(1000);
  }
  sigemu_sigset pend;
  T_EQ_ERR(sigemu_sigpending(&pend), 0);
  T_TRUE(sigemu_sigisempty(&pend));
  long ts = 0, thd = 0;
  for (int k = 0; k < NKINDS; k++) {
    int s = kinds[k], hs = atomic_load(&handled[s]), ss = atomic_load(&sent[s]);
    ts += ss;
    thd += hs;
    if (hs <= before[k])
      T_FAIL_("signal %d: sent after the final unblock but never handled", s);
    T_LE_INT(hs, ss);
  }
  T_EQ_INT(atomic_load(&off_main), 0);
  printf("# stress_posix: %ld main-thread rounds, %ld sent, %ld handled\n",
         rounds, ts, thd);
  sigemu_shutdown();
}

int main(int argc, char **argv) {
  static const harness_test tests[] = {T(t_churn)};
  return harness_main(argc, argv, tests, HARNESS_COUNT(tests));
}
