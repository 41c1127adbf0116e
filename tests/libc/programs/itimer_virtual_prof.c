/* itimer_virtual_prof.c — ITIMER_VIRTUAL (user CPU time, SIGVTALRM) and
 * ITIMER_PROF (user+system CPU time, SIGPROF) fire while the program
 * computes, not while it sleeps. Each is armed for 50 ms of CPU time and the
 * program spins until its signal came (with a generous wall-clock cap). */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "trace.h"

static volatile sig_atomic_t got_vt, got_prof;
static void handler(int sig) {
  if (sig == SIGVTALRM) got_vt++;
  if (sig == SIGPROF) got_prof++;
}

static int spin_until(volatile sig_atomic_t *flag) {
  time_t start = time(NULL);
  volatile unsigned long x = 0;
  while (!*flag && time(NULL) - start < 60) x++;
  return *flag != 0;
}

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  signal(SIGVTALRM, handler);
  signal(SIGPROF, handler);
  struct itimerval it = {{0, 0}, {0, 50000}}, now;

  show("setitimer(VIRTUAL, 50 ms)", setitimer(ITIMER_VIRTUAL, &it, NULL));
  usleep(200000);
  printf("after sleeping 200 ms: fired %s\n", got_vt ? "yes" : "no");
  getitimer(ITIMER_VIRTUAL, &now);
  printf("still armed: %s\n", now.it_value.tv_sec || now.it_value.tv_usec ? "yes" : "no");
  printf("after computing: %s\n", spin_until(&got_vt) ? "SIGVTALRM received" : "no signal");

  show("setitimer(PROF, 50 ms)", setitimer(ITIMER_PROF, &it, NULL));
  printf("after computing: %s\n", spin_until(&got_prof) ? "SIGPROF received" : "no signal");
  printf("counts: SIGVTALRM %d, SIGPROF %d\n", (int)got_vt, (int)got_prof);
  return 0;
}
