/* thread_process_directed.c — a signal sent to the process (kill(getpid()))
 * is handled by a thread that does not block it: main blocks SIGUSR1, the
 * worker waits with it unblocked, so the handler runs on the worker. The
 * same for SIGALRM from alarm(). [needs threads] */
#define _GNU_SOURCE
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

#include "trace.h"

static pthread_t worker;
static volatile sig_atomic_t where_usr1, where_alrm; /* 1 main, 2 worker */
static pthread_barrier_t ready;

static void handler(int sig) {
  int w = pthread_equal(pthread_self(), worker) ? 2 : 1;
  if (sig == SIGUSR1) where_usr1 = w;
  else where_alrm = w;
}

static void *work(void *arg) {
  (void)arg;
  sigset_t none;
  sigemptyset(&none);
  pthread_sigmask(SIG_SETMASK, &none, NULL);
  pthread_barrier_wait(&ready);
  /* Short sleeps, not pause(): a signal that lands between the test and
   * pause() would leave pause() waiting for one more. */
  struct timespec tick = {0, 10000000};
  for (int i = 0; i < 3000 && !(where_usr1 && where_alrm); i++) nanosleep(&tick, NULL);
  return NULL;
}

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  signal(SIGUSR1, handler);
  signal(SIGALRM, handler);
  sigset_t s = set_of(SIGUSR1, SIGALRM, 0);
  pthread_sigmask(SIG_BLOCK, &s, NULL);
  pthread_barrier_init(&ready, NULL, 2);
  pthread_create(&worker, NULL, work, NULL);
  pthread_barrier_wait(&ready);
  show("kill(getpid(), SIGUSR1)", kill(getpid(), SIGUSR1));
  alarm(1);
  pthread_join(worker, NULL);
  printf("SIGUSR1 handled on: %s\n", where_usr1 == 2 ? "worker" : "main");
  printf("SIGALRM handled on: %s\n", where_alrm == 2 ? "worker" : "main");
  printf("main's pending: %s\n", pending_str());
  return 0;
}
