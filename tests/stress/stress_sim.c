/* stress_sim.c — hostile timing on the `sim` backend: several threads trip
 * signals (sigemu_sim_send, sigemu_raise_signal from a non-main thread,
 * sigemu_pthread_kill to the main thread) while the main thread checks,
 * toggles masks, swaps handlers, polls sigtimedwait and moves the virtual
 * clock with an itimer armed.
 *
 * Why: the trip path and the emulated mask/pending words are written from
 * any thread; a read-then-clear or a lost race with an unblock would lose a
 * signal only under contention, which unit tests never create. Run under
 * TSan (the tsan preset) it also proves the cross-thread paths race-free.
 *
 * What it asserts: nothing crashes; handlers run only on the main thread;
 * handled <= sent for every kind (coalescing may merge, never invent);
 * after the final unblock, every kind sent once more by every thread is
 * handled at least once, and nothing is left pending. Bounded: about
 * STRESS_SECONDS (default 1.5 s) of churn, then the final round.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "harness.h"
#include "sigemu.h"
#include "sigemu_sim.h"

#define NTHREADS 3
static const int kinds[] = {1, 10, 12, 34, 35, 40, 50, 64};
#define NKINDS ((int)(sizeof kinds / sizeof kinds[0]))

static atomic_int sent[65], handled[65];
static atomic_int stop, final_round, final_done;
static atomic_int off_main;
static sigemu_thread main_id;

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
  int r = how == 0   ? sigemu_sim_send(sig)
          : how == 1 ? sigemu_raise_signal(sig)
                     : sigemu_pthread_kill(main_id, sig);
  if (r == 0) atomic_fetch_add(&sent[sig], 1);
}

static void *sender(void *p) {
  unsigned seed = (unsigned)(uintptr_t)p * 7919u + 1;
  while (!atomic_load(&stop)) {
    send_one((int)(rnd(&seed) % 3), kinds[rnd(&seed) % NKINDS]);
    /* An ignored signal and an invalid one, to stir the other paths. */
    if (rnd(&seed) % 16 == 0) sigemu_sim_send(28);
    if (rnd(&seed) % 64 == 0) sigemu_sim_send(32);
  }
  /* Final round: after the main thread's last unblock, each kind once. */
  while (!atomic_load(&final_round)) {
  }
  for (int k = 0; k < NKINDS; k++) send_one(k % 3, kinds[k]);
  atomic_fetch_add(&final_done, 1);
  return NULL;
}

static void t_churn(void) {
  sigemu_options o = {.python_defaults = false};
  T_EQ_ERR(sigemu_init(&o), 0);
  main_id = sigemu_thread_self();
  sigemu_action a = {SIGEMU_CALL, handler_a, NULL};
  sigemu_action b = {SIGEMU_CALL, handler_b, NULL};
  sigemu_action ign = {SIGEMU_IGN, NULL, NULL};
  for (int k = 0; k < NKINDS; k++) T_EQ_ERR(sigemu_signal(kinds[k], &a, NULL), 0);
  T_EQ_ERR(sigemu_signal(28, &ign, NULL), 0);
  /* A periodic timer on a kind nobody counts: SIGALRM keeps the timer
   * paths (lock, due, arrive) busy against the senders. */
  T_EQ_ERR(sigemu_signal(14, &a, NULL), 0);
  T_EQ_ERR(sigemu_setitimer(SIGEMU_ITIMER_REAL, 0.001, 0.001, NULL, NULL), 0);

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
    switch (r % 7) {
    case 0:
    case 1: T_EQ_ERR(sigemu_pthread_sigmask(SIGEMU_SIG_BLOCK, &m, NULL), 0); break;
    case 2:
    case 3: T_EQ_ERR(sigemu_pthread_sigmask(SIGEMU_SIG_UNBLOCK, &m, NULL), 0); break;
    case 4: T_EQ_ERR(sigemu_pthread_sigmask(SIGEMU_SIG_SETMASK, &m, NULL), 0); break;
    case 5: {
      int k = (int)(r >> 12) % NKINDS;
      T_EQ_ERR(sigemu_signal(kinds[k], (r >> 20) & 1 ? &a : &b, NULL), 0);
      break;
    }
    default: {
      /* Poll-take SIGWINCH if a sender left it pending (it is ignored, so
       * it never is: EAGAIN), and move virtual time for the timer. */
      sigemu_sigset w;
      sigemu_sigemptyset(&w);
      sigemu_sigaddset(&w, 28);
      sigemu_siginfo info;
      int rr = sigemu_sigtimedwait(&w, 0.0, &info);
      T_TRUE(rr == SIGEMU_EAGAIN || rr == 0);
      sigemu_sim_advance_ns(300000);
      break;
    }
    }
  }
  /* Final unblock, then the last round from every sender. */
  sigemu_sigset none;
  sigemu_sigemptyset(&none);
  T_EQ_ERR(sigemu_setitimer(SIGEMU_ITIMER_REAL, 0, 0, NULL, NULL), 0);
  T_EQ_ERR(sigemu_pthread_sigmask(SIGEMU_SIG_SETMASK, &none, NULL), 0);
  T_EQ_ERR(sigemu_check(), 0);
  int before[65];
  for (int k = 0; k < NKINDS; k++) before[k] = atomic_load(&handled[kinds[k]]);
  atomic_store(&stop, 1);
  atomic_store(&final_round, 1);
  for (int i = 0; i < NTHREADS; i++) pthread_join(th[i], NULL);
  T_EQ_INT(atomic_load(&final_done), NTHREADS);
  T_EQ_ERR(sigemu_check(), 0);

  sigemu_sigset pend;
  T_EQ_ERR(sigemu_sigpending(&pend), 0);
  T_TRUE(sigemu_sigisempty(&pend));
  long total_sent = 0, total_handled = 0;
  for (int k = 0; k < NKINDS; k++) {
    int s = kinds[k];
    int hs = atomic_load(&handled[s]), ss = atomic_load(&sent[s]);
    total_sent += ss;
    total_handled += hs;
    if (hs <= before[k])
      T_FAIL_("signal %d: sent after the final unblock but never handled "
              "(handled %d before, %d after)", s, before[k], hs);
    T_LE_INT(hs, ss);
  }
  T_EQ_INT(atomic_load(&off_main), 0);
  printf("# stress_sim: %ld main-thread rounds, %ld sent, %ld handled "
         "(coalesced %ld)\n", rounds, total_sent, total_handled,
         total_sent - total_handled);
  sigemu_shutdown();
}

/* Threads end while others keep the kit's lock busy. A thread's exit
 * callback never waits for the lock (on Windows its holder may be a thread
 * that ExitProcess already ended): when it is busy, the lock's next taker
 * forgets the thread. After each join the ended thread must be unknown
 * (ESRCH, not a live record that would take signals into the void), and
 * more threads must come and go than the kit has records (1024). */
static atomic_int busy_stop;

static void *keep_lock_busy(void *p) {
  (void)p;
  sigemu_sigset m;
  sigemu_sigemptyset(&m);
  sigemu_sigaddset(&m, 40);
  while (!atomic_load(&busy_stop)) {
    sigemu_pthread_sigmask(SIGEMU_SIG_BLOCK, &m, NULL);
    sigemu_pthread_sigmask(SIGEMU_SIG_UNBLOCK, &m, NULL);
  }
  return NULL;
}

static void *short_lived(void *p) {
  sigemu_sigset none;
  sigemu_sigemptyset(&none);
  /* A kit call registers the thread; its exit callback forgets it. */
  if (sigemu_pthread_sigmask(SIGEMU_SIG_BLOCK, &none, NULL) == 0)
    *(sigemu_thread *)p = sigemu_thread_self();
  return NULL;
}

static void t_threads_end_while_the_lock_is_busy(void) {
  sigemu_options o = {.python_defaults = false};
  T_EQ_ERR(sigemu_init(&o), 0);
  atomic_store(&busy_stop, 0);
  pthread_t busy[2];
  for (int i = 0; i < 2; i++)
    T_EQ_INT(pthread_create(&busy[i], NULL, keep_lock_busy, NULL), 0);
  int rounds = 3000, unregistered = 0, still_known = 0;
  for (int i = 0; i < rounds; i++) {
    sigemu_thread id = 0;
    pthread_t th;
    if (pthread_create(&th, NULL, short_lived, &id) != 0) {
      T_FAIL_("pthread_create failed in round %d", i);
      break;
    }
    pthread_join(th, NULL);
    if (id == 0)
      unregistered++;
    else if (sigemu_pthread_kill(id, 0) != SIGEMU_ESRCH)
      still_known++;
  }
  atomic_store(&busy_stop, 1);
  for (int i = 0; i < 2; i++) pthread_join(busy[i], NULL);
  T_EQ_INT(unregistered, 0);
  T_EQ_INT(still_known, 0);
  printf("# %d threads started and ended against two lock-busy threads\n",
         rounds);
  sigemu_shutdown();
}

int main(int argc, char **argv) {
  static const harness_test tests[] = {T(t_churn),
                                       T(t_threads_end_while_the_lock_is_busy)};
  return harness_main(argc, argv, tests, HARNESS_COUNT(tests));
}
