/* kill_errors.c — kill() errors: a bad signal number to ourselves is
 * EINVAL; a process that does not exist is ESRCH (a pid above any the
 * system gives out, a group that does not exist), even with a bad signal
 * number, because Linux looks for the target first; killpg() with a
 * negative group is EINVAL. */
#define _GNU_SOURCE
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

#include "trace.h"

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  show("kill(getpid(), -1)", kill(getpid(), -1));
  show("kill(getpid(), 65)", kill(getpid(), 65));
  show("kill(INT_MAX, 65)", kill(INT_MAX, 65));
  show("kill(INT_MAX, 0)", kill(INT_MAX, 0));
  show("kill(INT_MAX, SIGUSR1)", kill(INT_MAX, SIGUSR1));
  show("kill(-INT_MAX, SIGUSR1)", kill(-INT_MAX, SIGUSR1));
  show("kill(INT_MIN, SIGUSR1)", kill(INT_MIN, SIGUSR1));
  show("killpg(INT_MAX, 0)", killpg(INT_MAX, 0));
  show("killpg(-1, SIGUSR1)", killpg(-1, SIGUSR1));
  show("sigqueue(INT_MAX, SIGUSR1)", sigqueue(INT_MAX, SIGUSR1, (union sigval){0}));
  return 0;
}
