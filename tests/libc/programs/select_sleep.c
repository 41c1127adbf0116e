/* select_sleep.c — select() with no descriptors is a timed sleep: the
 * timeout passes (0), a zero timeout returns at once, a handler makes it
 * fail with EINTR, and Linux writes the time left back into the timeout.
 * A negative time or nfds is EINVAL. */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <sys/select.h>
#include <sys/time.h>

#include "trace.h"

static void on_alrm(int sig) { printf("handler %s\n", sig_name(sig)); }

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  signal(SIGALRM, on_alrm);
  struct timeval tv = {0, 0};
  show("select(0, zero timeout)", select(0, NULL, NULL, NULL, &tv));
  tv.tv_usec = 50000;
  show("select(0, 50 ms)", select(0, NULL, NULL, NULL, &tv));
  printf("timeout after it passed: %ld.%06ld\n", (long)tv.tv_sec, (long)tv.tv_usec);

  struct itimerval it = {{0, 0}, {0, 200000}};
  setitimer(ITIMER_REAL, &it, NULL);
  tv.tv_sec = 5;
  tv.tv_usec = 0;
  show("select(0, 5 s) with a 200 ms timer", select(0, NULL, NULL, NULL, &tv));
  double left = tv.tv_sec + tv.tv_usec / 1e6;
  printf("time left written back, in [2.5, 5): %s\n", left >= 2.5 && left < 5 ? "yes" : "no");

  setitimer(ITIMER_REAL, &it, NULL);
  show("select(0, NULL timeout) with a 200 ms timer", select(0, NULL, NULL, NULL, NULL));

  tv.tv_sec = -1;
  tv.tv_usec = 0;
  show("select(0, tv_sec -1)", select(0, NULL, NULL, NULL, &tv));
  tv.tv_sec = 0;
  tv.tv_usec = 1000;
  show("select(-1, 1 ms)", select(-1, NULL, NULL, NULL, &tv));
  return 0;
}
