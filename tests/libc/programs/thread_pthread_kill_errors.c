/* thread_pthread_kill_errors.c — pthread_kill() to a live thread with a bad
 * number is EINVAL and with 0 is a check (0); pthread_sigmask() with a bad
 * how in a thread is EINVAL and leaves that thread's mask alone.
 * [needs threads] */
#define _GNU_SOURCE
#include <pthread.h>
#include <signal.h>
#include <stdio.h>

#include "trace.h"

static pthread_barrier_t step;

static void *work(void *arg) {
  (void)arg;
  sigset_t s = set_of(SIGQUIT, 0);
  pthread_sigmask(SIG_BLOCK, &s, NULL);
  show_rc("worker: pthread_sigmask(77)", pthread_sigmask(77, &s, NULL));
  printf("worker mask: %s\n", mask_str());
  pthread_barrier_wait(&step);
  pthread_barrier_wait(&step);
  return NULL;
}

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  pthread_barrier_init(&step, NULL, 2);
  pthread_t t;
  pthread_create(&t, NULL, work, NULL);
  pthread_barrier_wait(&step);
  show_rc("pthread_kill(worker, 0)", pthread_kill(t, 0));
  show_rc("pthread_kill(worker, 65)", pthread_kill(t, 65));
  show_rc("pthread_kill(worker, -4)", pthread_kill(t, -4));
  pthread_barrier_wait(&step);
  pthread_join(t, NULL);
  printf("main mask: %s\n", mask_str());
  return 0;
}
