/* thread_pthread_kill.c — pthread_kill() to another thread runs the handler
 * on that thread (pthread_self() inside the handler is the target), and the
 * target's wait is interrupted; main is not. [needs threads] */
#define _GNU_SOURCE
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "trace.h"

static pthread_t worker;
static volatile sig_atomic_t on_worker, on_main, calls;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cond = PTHREAD_COND_INITIALIZER;
static int ready;

static void handler(int sig) {
  (void)sig;
  calls++;
  if (pthread_equal(pthread_self(), worker)) on_worker++;
  else on_main++;
}

static void *work(void *arg) {
  (void)arg;
  sigset_t s, old;
  sigemptyset(&s);
  sigaddset(&s, SIGUSR1);
  pthread_sigmask(SIG_BLOCK, &s, &old);
  pthread_mutex_lock(&lock);
  ready = 1;
  pthread_cond_signal(&cond);
  pthread_mutex_unlock(&lock);
  /* Wait with SIGUSR1 let in: the race-free way. */
  int r = sigsuspend(&old);
  printf("worker: sigsuspend = %d %s\n", r, err_name(errno));
  return NULL;
}

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  catch_signal(SIGUSR1, handler, 0);
  pthread_create(&worker, NULL, work, NULL);
  pthread_mutex_lock(&lock);
  while (!ready) pthread_cond_wait(&cond, &lock);
  pthread_mutex_unlock(&lock);
  /* Printed after the join: the worker's line would race with it. */
  int rc = pthread_kill(worker, SIGUSR1);
  pthread_join(worker, NULL);
  show_rc("main: pthread_kill(worker, SIGUSR1)", rc);
  printf("handler calls %d: on the worker %d, on main %d\n", (int)calls, (int)on_worker, (int)on_main);
  return 0;
}
