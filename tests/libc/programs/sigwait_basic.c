/* sigwait_basic.c — sigwait() takes a blocked pending signal without
 * running its handler and returns its number through the pointer; several
 * pending come out lowest first; a timer signal is waited for. */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

#include "trace.h"

static int calls;
static void handler(int sig) { (void)sig; calls++; }

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  signal(SIGUSR1, handler);
  signal(SIGUSR2, handler);
  sigset_t s = set_of(SIGUSR1, SIGUSR2, SIGALRM, 0);
  sigprocmask(SIG_BLOCK, &s, NULL);
  raise(SIGUSR2);
  raise(SIGUSR1);
  int sig = 0;
  for (int i = 0; i < 2; i++) {
    int rc = sigwait(&s, &sig);
    printf("sigwait = %s, sig %s\n", rc ? err_name(rc) : "0", sig_name(sig));
  }
  printf("handler calls: %d, pending: %s\n", calls, pending_str());
  alarm(1);
  int rc = sigwait(&s, &sig);
  printf("sigwait = %s, sig %s\n", rc ? err_name(rc) : "0", sig_name(sig));
  return 0;
}
