/* unblock_delivers.c — POSIX: when sigprocmask() unblocks a pending signal,
 * it is delivered before sigprocmask() returns. The same for
 * pthread_sigmask() and for raise() of an unblocked signal. */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>

#include "trace.h"

static void handler(int sig) { printf("  handler %s\n", sig_name(sig)); }

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  signal(SIGUSR1, handler);
  sigset_t s = set_of(SIGUSR1, 0);
  sigprocmask(SIG_BLOCK, &s, NULL);
  raise(SIGUSR1);
  printf("calling sigprocmask(SIG_UNBLOCK)\n");
  sigprocmask(SIG_UNBLOCK, &s, NULL);
  printf("sigprocmask returned\n");
  pthread_sigmask(SIG_BLOCK, &s, NULL);
  raise(SIGUSR1);
  printf("calling pthread_sigmask(SIG_SETMASK, {})\n");
  sigemptyset(&s);
  pthread_sigmask(SIG_SETMASK, &s, NULL);
  printf("pthread_sigmask returned\n");
  printf("calling raise\n");
  raise(SIGUSR1);
  printf("raise returned\n");
  return 0;
}
