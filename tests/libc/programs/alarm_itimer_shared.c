/* alarm_itimer_shared.c — alarm() and ITIMER_REAL are one timer: alarm()
 * reports what setitimer() set, getitimer() sees what alarm() set, and
 * setitimer() replaces an alarm. */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <sys/time.h>
#include <unistd.h>

#include "trace.h"

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  signal(SIGALRM, SIG_IGN);
  struct itimerval it = {{0, 0}, {30, 0}}, now, old;
  setitimer(ITIMER_REAL, &it, NULL);
  unsigned left = alarm(20);
  printf("alarm(20) after setitimer(30 s) = %s\n", left >= 29 && left <= 30 ? "29 or 30" : "other");
  getitimer(ITIMER_REAL, &now);
  printf("getitimer after alarm(20): %s\n", now.it_value.tv_sec >= 18 && now.it_value.tv_sec <= 20 ? "18..20 s" : "other");
  it.it_value.tv_sec = 1;
  it.it_value.tv_usec = 200000;
  setitimer(ITIMER_REAL, &it, &old);
  printf("setitimer replaced the alarm: old %s\n", old.it_value.tv_sec >= 18 ? ">= 18 s" : "other");
  left = alarm(0);
  printf("alarm(0) with under 1.2 s left = %u (rounded, never 0)\n", left);
  getitimer(ITIMER_REAL, &now);
  printf("disarmed: %s\n", now.it_value.tv_sec == 0 && now.it_value.tv_usec == 0 ? "yes" : "no");
  return 0;
}
