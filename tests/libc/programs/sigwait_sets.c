/* sigwait_sets.c — what is in the wait set: SIGKILL and SIGSTOP are
 * dropped from it (waiting for SIGKILL alone times out), a signal outside
 * the set stays pending, and a signal in the set that is not blocked can
 * still be taken if it is pending (here: ignored-but-pending is impossible,
 * so it is raised while blocked and then the mask is narrowed). */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <time.h>

#include "trace.h"

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  struct timespec zero = {0, 0}, tenth = {0, 100000000};
  siginfo_t info;
  sigset_t s = set_of(SIGKILL, SIGSTOP, 0);
  show("sigtimedwait({SIGKILL SIGSTOP}, 100 ms)", sigtimedwait(&s, &info, &tenth));

  sigset_t block = set_of(SIGUSR1, SIGUSR2, 0);
  sigprocmask(SIG_BLOCK, &block, NULL);
  raise(SIGUSR1);
  raise(SIGUSR2);
  sigemptyset(&s);
  sigaddset(&s, SIGUSR2);
  int sig = sigtimedwait(&s, &info, &zero);
  printf("wait {SIGUSR2} = %s; still pending: %s\n", sig_name(sig), pending_str());
  sigemptyset(&s);
  show("wait {} (zero timeout)", sigtimedwait(&s, &info, &zero));
  printf("still pending: %s\n", pending_str());
  sigaddset(&s, SIGUSR1);
  sig = sigtimedwait(&s, &info, &zero);
  printf("wait {SIGUSR1} = %s; pending: %s\n", sig_name(sig), pending_str());
  return 0;
}
