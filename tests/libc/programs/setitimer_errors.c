/* setitimer_errors.c — bad timers: an unknown timer is EINVAL for both
 * calls, tv_usec outside [0, 1000000) is EINVAL, getitimer() with a NULL
 * result is EFAULT; setitimer() with a NULL new value disarms (Linux). A
 * refused call leaves the armed timer alone. */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <sys/time.h>

#include "trace.h"

static long usec(struct timeval tv) { return tv.tv_sec * 1000000L + tv.tv_usec; }

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  signal(SIGALRM, SIG_IGN);
  struct itimerval it = {{0, 0}, {10, 0}}, now;
  setitimer(ITIMER_REAL, &it, NULL);

  show("setitimer(7, ...)", setitimer(7, &it, NULL));
  show("setitimer(-1, ...)", setitimer(-1, &it, NULL));
  show("getitimer(7)", getitimer(7, &now));
  struct itimerval bad = {{0, 0}, {1, 1000000}};
  show("setitimer(value.tv_usec 1000000)", setitimer(ITIMER_REAL, &bad, NULL));
  bad.it_value.tv_usec = -1;
  show("setitimer(value.tv_usec -1)", setitimer(ITIMER_REAL, &bad, NULL));
  bad.it_value.tv_usec = 0;
  bad.it_interval.tv_usec = 2000000;
  show("setitimer(interval.tv_usec 2000000)", setitimer(ITIMER_REAL, &bad, NULL));
  struct itimerval *volatile nowhere = NULL; /* NULL is not allowed here */
  show("getitimer(REAL, NULL)", getitimer(ITIMER_REAL, nowhere));
  getitimer(ITIMER_REAL, &now);
  printf("still armed after the refused calls: %s\n", usec(now.it_value) > 5000000 ? "yes" : "no");

  struct itimerval old;
  show("setitimer(REAL, NULL, &old)", setitimer(ITIMER_REAL, nowhere, &old));
  printf("old was armed: %s\n", usec(old.it_value) > 5000000 ? "yes" : "no");
  getitimer(ITIMER_REAL, &now);
  printf("disarmed by NULL: %s\n", usec(now.it_value) == 0 ? "yes" : "no");
  show("setitimer(REAL, zero, NULL)", setitimer(ITIMER_REAL, &(struct itimerval){{0, 0}, {0, 0}}, NULL));
  return 0;
}
