/* thread_mask_inherit.c — a new thread starts with its creator's mask;
 * after that each thread's mask is its own: the worker unblocking a signal
 * does not change main's mask and the reverse. [needs threads] */
#define _GNU_SOURCE
#include <pthread.h>
#include <signal.h>
#include <stdio.h>

#include "trace.h"

static pthread_barrier_t step;

static void *work(void *arg) {
  (void)arg;
  printf("worker starts with: %s\n", mask_str());
  sigset_t s = set_of(SIGUSR1, 0);
  pthread_sigmask(SIG_UNBLOCK, &s, NULL);
  sigemptyset(&s);
  sigaddset(&s, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &s, NULL);
  printf("worker changed to: %s\n", mask_str());
  pthread_barrier_wait(&step);
  pthread_barrier_wait(&step);
  printf("worker after main's change: %s\n", mask_str());
  return NULL;
}

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  pthread_barrier_init(&step, NULL, 2);
  sigset_t s = set_of(SIGUSR1, SIGHUP, 0);
  pthread_sigmask(SIG_BLOCK, &s, NULL);
  printf("main: %s\n", mask_str());
  pthread_t t;
  pthread_create(&t, NULL, work, NULL);
  pthread_barrier_wait(&step);
  printf("main after the worker's change: %s\n", mask_str());
  sigemptyset(&s);
  sigaddset(&s, SIGINT);
  pthread_sigmask(SIG_SETMASK, &s, NULL);
  printf("main changed to: %s\n", mask_str());
  pthread_barrier_wait(&step);
  pthread_join(t, NULL);
  return 0;
}
