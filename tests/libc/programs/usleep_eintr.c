/* usleep_eintr.c — usleep() returns -1 EINTR when a handler runs during the
 * sleep; usleep(0) and a short usleep() return 0. */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <sys/time.h>
#include <unistd.h>

#include "trace.h"

static void on_alrm(int sig) { printf("handler %s\n", sig_name(sig)); }

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  signal(SIGALRM, on_alrm);
  show("usleep(0)", usleep(0));
  show("usleep(20000)", usleep(20000));
  struct itimerval it = {{0, 0}, {0, 200000}};
  setitimer(ITIMER_REAL, &it, NULL);
  show("usleep(900000) with a 200 ms timer", usleep(900000));
  setitimer(ITIMER_REAL, &it, NULL);
  show("usleep(5000000) with a 200 ms timer", usleep(5000000));
  return 0;
}
