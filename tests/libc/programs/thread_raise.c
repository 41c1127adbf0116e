/* thread_raise.c — raise() in a thread sends to that thread: the handler
 * runs there before raise() returns, even though main has the signal
 * unblocked too. [needs threads] */
#define _GNU_SOURCE
#include <pthread.h>
#include <signal.h>
#include <stdio.h>

#include "trace.h"

static pthread_t worker;
static void handler(int sig) {
  printf("handler %s on %s\n", sig_name(sig), pthread_equal(pthread_self(), worker) ? "the worker" : "main");
}

static void *work(void *arg) {
  (void)arg;
  printf("worker: raise\n");
  raise(SIGUSR2);
  printf("worker: raise returned\n");
  return NULL;
}

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  signal(SIGUSR2, handler);
  pthread_create(&worker, NULL, work, NULL);
  pthread_join(worker, NULL);
  printf("main: raise\n");
  raise(SIGUSR2);
  return 0;
}
