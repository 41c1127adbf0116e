/* nanosleep_rem.c — nanosleep() interrupted by a handler returns -1 EINTR
 * and writes the time left into rem (asked 5 s, interrupted after 200 ms:
 * between 2.5 and 5 s left, printed as a range); rem may be NULL; a
 * bad request is EINVAL (tv_nsec out of range, negative tv_sec) or EFAULT
 * (NULL); a zero request returns 0. */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <sys/time.h>
#include <time.h>

#include "trace.h"

static void on_alrm(int sig) { printf("handler %s\n", sig_name(sig)); }

static void arm(void) {
  struct itimerval it = {{0, 0}, {0, 200000}};
  setitimer(ITIMER_REAL, &it, NULL);
}

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  signal(SIGALRM, on_alrm);
  struct timespec req = {5, 0}, rem = {-1, -1};
  arm();
  show("nanosleep(5 s, &rem)", nanosleep(&req, &rem));
  double left = rem.tv_sec + rem.tv_nsec / 1e9;
  printf("rem in [2.5, 5): %s; tv_nsec valid: %s\n", left >= 2.5 && left < 5 ? "yes" : "no",
         rem.tv_nsec >= 0 && rem.tv_nsec < 1000000000 ? "yes" : "no");
  arm();
  show("nanosleep(5 s, NULL)", nanosleep(&req, NULL));

  struct timespec zero = {0, 0}, bad = {0, 1000000000};
  show("nanosleep(0)", nanosleep(&zero, NULL));
  show("nanosleep(tv_nsec 1e9)", nanosleep(&bad, &rem));
  bad.tv_nsec = -5;
  show("nanosleep(tv_nsec -5)", nanosleep(&bad, &rem));
  bad.tv_sec = -1;
  bad.tv_nsec = 0;
  show("nanosleep(tv_sec -1)", nanosleep(&bad, &rem));
  struct timespec *volatile no_req = NULL; /* NULL is not allowed here */
  show("nanosleep(NULL, &rem)", nanosleep(no_req, &rem));
  struct timespec short_req = {0, 50000000};
  show("nanosleep(50 ms)", nanosleep(&short_req, &rem));
  return 0;
}
