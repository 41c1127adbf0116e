/* poll_sleep.c — poll() with no descriptors is a timed sleep: a timeout of
 * 0 returns 0 at once, a short one returns 0 when it passes, a handler makes
 * it fail with EINTR, and -1 (no timeout) waits until a handler runs. */
#define _GNU_SOURCE
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <sys/time.h>

#include "trace.h"

static void on_alrm(int sig) { printf("handler %s\n", sig_name(sig)); }

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  signal(SIGALRM, on_alrm);
  show("poll(NULL, 0, 0)", poll(NULL, 0, 0));
  show("poll(NULL, 0, 50)", poll(NULL, 0, 50));
  struct itimerval it = {{0, 0}, {0, 200000}};
  setitimer(ITIMER_REAL, &it, NULL);
  show("poll(NULL, 0, 5000) with a 200 ms timer", poll(NULL, 0, 5000));
  setitimer(ITIMER_REAL, &it, NULL);
  show("poll(NULL, 0, -1) with a 200 ms timer", poll(NULL, 0, -1));
  return 0;
}
