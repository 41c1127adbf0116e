/* alarm_basic.c — alarm() returns the seconds left on the previous alarm
 * (rounded to the nearest, never 0 while one is set), alarm(0) cancels and
 * returns what was left, and a set alarm fires SIGALRM once. */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

#include "trace.h"

static volatile sig_atomic_t fired;
static void on_alrm(int sig) { fired++; printf("handler %s\n", sig_name(sig)); }

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  signal(SIGALRM, on_alrm);
  printf("alarm(100) = %u\n", alarm(100));
  unsigned left = alarm(50);
  printf("alarm(50) = %s\n", left >= 99 && left <= 100 ? "99 or 100" : "other");
  left = alarm(0);
  printf("alarm(0) = %s\n", left >= 49 && left <= 50 ? "49 or 50" : "other");
  printf("alarm(0) again = %u\n", alarm(0));
  alarm(1);
  while (!fired) pause();
  printf("alarm(0) after it fired = %u, fired %d\n", alarm(0), (int)fired);
  return 0;
}
