/* sigsuspend_basic.c — the classic race-free wait: block SIGALRM, arm the
 * timer, sigsuspend() with a mask that lets it in. sigsuspend() returns -1
 * EINTR after the handler ran, and the old mask (SIGALRM blocked) is back.
 * A signal already pending is taken at once. */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>
#include <unistd.h>

#include "trace.h"

static volatile sig_atomic_t got;
static void handler(int sig) {
  got = sig;
  printf("handler %s, mask inside: %s\n", sig_name(sig), mask_str());
}

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  signal(SIGALRM, handler);
  signal(SIGUSR1, handler);
  sigset_t block = set_of(SIGALRM, SIGUSR1, 0), wait_mask;
  sigprocmask(SIG_BLOCK, &block, NULL);

  struct itimerval it = {{0, 0}, {0, 200000}};
  setitimer(ITIMER_REAL, &it, NULL);
  sigemptyset(&wait_mask);
  sigaddset(&wait_mask, SIGUSR1);
  show("sigsuspend({SIGUSR1})", sigsuspend(&wait_mask));
  printf("got %s, mask after: %s\n", sig_name(got), mask_str());

  raise(SIGUSR1);
  printf("pending: %s\n", pending_str());
  sigemptyset(&wait_mask);
  show("sigsuspend({})", sigsuspend(&wait_mask));
  printf("got %s, mask after: %s\n", sig_name(got), mask_str());
  return 0;
}
