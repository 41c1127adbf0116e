/* rt_sigwaitinfo_queue.c — sigwaitinfo() takes queued real-time signals one
 * at a time: the lowest number first, and for one number in the order they
 * were sent (si_value shows it); a standard signal sent twice is taken
 * once. */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

#include "trace.h"

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  sigset_t s = set_of(SIGRTMIN, SIGRTMIN + 4, SIGUSR1, 0);
  sigprocmask(SIG_BLOCK, &s, NULL);
  int order[] = {SIGRTMIN + 4, SIGRTMIN, SIGUSR1, SIGRTMIN + 4, SIGRTMIN, SIGUSR1};
  for (int i = 0; i < 6; i++) {
    union sigval v = {.sival_int = 100 + i};
    sigqueue(getpid(), order[i], v);
  }
  struct timespec zero = {0, 0};
  for (;;) {
    siginfo_t info;
    int sig = sigtimedwait(&s, &info, &zero);
    if (sig < 0) {
      printf("sigtimedwait: -1 %s (nothing left)\n", err_name(errno));
      break;
    }
    printf("took %s value %d\n", sig_name(sig), info.si_value.sival_int);
  }
  return 0;
}
