/* thread_pending_sets.c — pending signals belong to a thread or to the
 * process: pthread_kill() to a worker that blocks the signal leaves it
 * pending for that worker only (its sigpending() shows it, main's does
 * not); kill() to the process, blocked everywhere, is pending for every
 * thread. [needs threads] */
#define _GNU_SOURCE
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

#include "trace.h"

static pthread_barrier_t step;

static void *work(void *arg) {
  (void)arg;
  pthread_barrier_wait(&step); /* main sends */
  pthread_barrier_wait(&step);
  printf("worker pending after pthread_kill: %s\n", pending_str());
  pthread_barrier_wait(&step); /* main looks, then sends to the process */
  pthread_barrier_wait(&step);
  printf("worker pending after kill: %s\n", pending_str());
  sigset_t s = set_of(SIGUSR1, 0);
  int sig;
  sigwait(&s, &sig);
  printf("worker took %s; pending now %s\n", sig_name(sig), pending_str());
  pthread_barrier_wait(&step);
  return NULL;
}

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  sigset_t s = set_of(SIGUSR1, SIGUSR2, 0);
  pthread_sigmask(SIG_BLOCK, &s, NULL);
  pthread_barrier_init(&step, NULL, 2);
  pthread_t t;
  pthread_create(&t, NULL, work, NULL);
  pthread_barrier_wait(&step);
  pthread_kill(t, SIGUSR1);
  pthread_barrier_wait(&step);
  pthread_barrier_wait(&step);
  printf("main pending after pthread_kill(worker): %s\n", pending_str());
  kill(getpid(), SIGUSR2);
  printf("main pending after kill: %s\n", pending_str());
  pthread_barrier_wait(&step);
  pthread_barrier_wait(&step);
  printf("main pending at the end: %s\n", pending_str());
  pthread_join(t, NULL);
  return 0;
}
