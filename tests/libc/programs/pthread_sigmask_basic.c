/* pthread_sigmask_basic.c — pthread_sigmask() as a single-threaded program
 * uses it: the same operations as sigprocmask(), the result as a return
 * value. A signal blocked with it stays pending until unblocked. */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>

#include "trace.h"

static void handler(int sig) { printf("handler %s, mask inside %s\n", sig_name(sig), mask_str()); }

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  signal(SIGUSR1, handler);
  sigset_t s, old;
  sigemptyset(&s);
  sigaddset(&s, SIGUSR1);
  show_rc("pthread_sigmask(SIG_BLOCK, {SIGUSR1})", pthread_sigmask(SIG_BLOCK, &s, &old));
  printf("old %s, now %s\n", set_str(&old), mask_str());
  raise(SIGUSR1);
  printf("raised: pending %s\n", pending_str());
  show_rc("pthread_sigmask(SIG_UNBLOCK, {SIGUSR1})", pthread_sigmask(SIG_UNBLOCK, &s, &old));
  printf("old %s, now %s, pending %s\n", set_str(&old), mask_str(), pending_str());
  sigaddset(&s, SIGRTMIN);
  show_rc("pthread_sigmask(SIG_SETMASK, {SIGUSR1 SIGRTMIN})", pthread_sigmask(SIG_SETMASK, &s, NULL));
  printf("now %s\n", mask_str());
  sigemptyset(&s);
  pthread_sigmask(SIG_SETMASK, &s, NULL);
  return 0;
}
