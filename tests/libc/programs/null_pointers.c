/* null_pointers.c — NULL where a call needs a pointer: Linux answers EFAULT
 * (or glibc EINVAL for the set helpers, which check) instead of crashing,
 * and nothing changes. NULL where it is allowed (sigaction's and
 * sigprocmask's optional arguments, nanosleep's rem, sigwaitinfo's info) is
 * tested by the programs of those calls. */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <sys/time.h>
#include <time.h>

#include "trace.h"

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  /* volatile: the compiler must not see the NULL and warn or fold it. */
  sigset_t *volatile no_set = NULL;
  struct timespec *volatile no_ts = NULL;
  struct itimerval *volatile no_it = NULL;
  struct timespec rem;
  show("sigemptyset(NULL)", sigemptyset(no_set));
  show("sigfillset(NULL)", sigfillset(no_set));
  show("sigaddset(NULL, SIGINT)", sigaddset(no_set, SIGINT));
  show("sigdelset(NULL, SIGINT)", sigdelset(no_set, SIGINT));
  show("sigismember(NULL, SIGINT)", sigismember(no_set, SIGINT));
  show("sigsuspend(NULL)", sigsuspend(no_set));
  show("sigpending(NULL)", sigpending(no_set));
  show("sigwaitinfo(NULL, NULL)", sigwaitinfo(no_set, NULL));
  show("sigtimedwait(NULL, NULL, NULL)", sigtimedwait(no_set, NULL, NULL));
  show("nanosleep(NULL, &rem)", nanosleep(no_ts, &rem));
  show_rc("clock_nanosleep(MONOTONIC, NULL)", clock_nanosleep(CLOCK_MONOTONIC, 0, no_ts, &rem));
  show("getitimer(ITIMER_REAL, NULL)", getitimer(ITIMER_REAL, no_it));
  show("setitimer(ITIMER_REAL, NULL, NULL)", setitimer(ITIMER_REAL, no_it, NULL));
  printf("mask: %s, pending: %s\n", mask_str(), pending_str());
  return 0;
}
