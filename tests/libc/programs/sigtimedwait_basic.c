/* sigtimedwait_basic.c — sigtimedwait(): a pending signal comes back at
 * once, a zero timeout polls, a short timeout ends with EAGAIN, a bad
 * timeout (tv_nsec out of range, negative) is EINVAL, and a signal sent by
 * a timer during the wait is taken. */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <sys/time.h>
#include <time.h>

#include "trace.h"

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  sigset_t s = set_of(SIGUSR2, SIGALRM, 0);
  sigprocmask(SIG_BLOCK, &s, NULL);
  siginfo_t info;

  struct timespec zero = {0, 0}, short_wait = {0, 100000000}, long_wait = {20, 0};
  show("sigtimedwait(zero) with nothing pending", sigtimedwait(&s, &info, &zero));
  raise(SIGUSR2);
  int sig = sigtimedwait(&s, &info, &zero);
  printf("sigtimedwait(zero) with SIGUSR2 pending = %s\n", sig_name(sig));
  show("sigtimedwait(100 ms)", sigtimedwait(&s, &info, &short_wait));

  struct timespec bad = {0, 1000000000};
  show("sigtimedwait(tv_nsec 1e9)", sigtimedwait(&s, &info, &bad));
  bad.tv_nsec = -1;
  show("sigtimedwait(tv_nsec -1)", sigtimedwait(&s, &info, &bad));
  bad.tv_sec = -1;
  bad.tv_nsec = 0;
  show("sigtimedwait(tv_sec -1)", sigtimedwait(&s, &info, &bad));

  struct itimerval it = {{0, 0}, {0, 200000}};
  setitimer(ITIMER_REAL, &it, NULL);
  sig = sigtimedwait(&s, &info, &long_wait);
  printf("sigtimedwait(20 s) with a 200 ms timer = %s\n", sig_name(sig));
  raise(SIGUSR2);
  sig = sigtimedwait(&s, NULL, NULL);
  printf("sigtimedwait(NULL info, NULL timeout) = %s\n", sig_name(sig));
  return 0;
}
