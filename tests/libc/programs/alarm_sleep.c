/* alarm_sleep.c — sleep() is cut short by a handled SIGALRM and returns the
 * seconds it did not sleep (here 10 asked, ~9 left; printed as a range so
 * that a slow machine gives the same trace). */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

#include "trace.h"

static void on_alrm(int sig) { printf("handler %s\n", sig_name(sig)); }

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  signal(SIGALRM, on_alrm);
  alarm(1);
  unsigned left = sleep(10);
  printf("sleep(10) returned early with %s\n", left >= 5 && left <= 9 ? "5..9 s left" : "something else");
  printf("sleep(0) = %u\n", sleep(0));
  return 0;
}
