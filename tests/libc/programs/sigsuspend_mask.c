/* sigsuspend_mask.c — while sigsuspend() waits, its mask replaces the
 * thread's mask: a handler that runs then sees that mask plus its own
 * sa_mask. Signals the wait mask blocks stay pending through the wait. */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>

#include "trace.h"

static void handler(int sig) { printf("handler %s, mask inside: %s\n", sig_name(sig), mask_str()); }

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  struct sigaction sa = {.sa_handler = handler, .sa_mask = set_of(SIGQUIT, 0)};
  sigaction(SIGALRM, &sa, NULL);
  sigaction(SIGUSR2, &sa, NULL);

  sigset_t block = set_of(SIGALRM, SIGUSR2, SIGHUP, 0), wait_mask;
  sigprocmask(SIG_BLOCK, &block, NULL);
  raise(SIGUSR2);
  printf("before: mask %s, pending %s\n", mask_str(), pending_str());

  struct itimerval it = {{0, 0}, {0, 100000}};
  setitimer(ITIMER_REAL, &it, NULL);
  sigemptyset(&wait_mask);
  sigaddset(&wait_mask, SIGUSR2);
  sigaddset(&wait_mask, SIGINT);
  show("sigsuspend({SIGINT SIGUSR2})", sigsuspend(&wait_mask));
  printf("after: mask %s, pending %s\n", mask_str(), pending_str());
  sigemptyset(&block);
  sigprocmask(SIG_SETMASK, &block, NULL);
  return 0;
}
