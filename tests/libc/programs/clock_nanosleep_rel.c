/* clock_nanosleep_rel.c — relative clock_nanosleep() on CLOCK_MONOTONIC and
 * CLOCK_REALTIME: returns the error number (not -1/errno), EINTR with the
 * time left in rem when a handler ran; EINVAL for a bad request or an
 * unknown clock; CLOCK_THREAD_CPUTIME_ID cannot be slept on (EINVAL). */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <sys/time.h>
#include <time.h>

#include "trace.h"

static void on_alrm(int sig) { printf("handler %s\n", sig_name(sig)); }

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  signal(SIGALRM, on_alrm);
  struct itimerval it = {{0, 0}, {0, 200000}};
  struct timespec req = {5, 0}, rem;
  clockid_t clocks[] = {CLOCK_MONOTONIC, CLOCK_REALTIME};
  const char *names[] = {"CLOCK_MONOTONIC", "CLOCK_REALTIME"};
  for (int i = 0; i < 2; i++) {
    setitimer(ITIMER_REAL, &it, NULL);
    errno = 0;
    int rc = clock_nanosleep(clocks[i], 0, &req, &rem);
    double left = rem.tv_sec + rem.tv_nsec / 1e9;
    printf("clock_nanosleep(%s, 5 s) = %s, errno untouched: %s, rem in [2.5, 5): %s\n", names[i],
           err_name(rc), errno == 0 ? "yes" : "no", left >= 2.5 && left < 5 ? "yes" : "no");
  }
  struct timespec shortreq = {0, 30000000}, bad = {1, 1000000000};
  show_rc("clock_nanosleep(MONOTONIC, 30 ms)", clock_nanosleep(CLOCK_MONOTONIC, 0, &shortreq, NULL));
  show_rc("clock_nanosleep(MONOTONIC, tv_nsec 1e9)", clock_nanosleep(CLOCK_MONOTONIC, 0, &bad, NULL));
  bad.tv_sec = -1;
  bad.tv_nsec = 0;
  show_rc("clock_nanosleep(MONOTONIC, tv_sec -1)", clock_nanosleep(CLOCK_MONOTONIC, 0, &bad, NULL));
  show_rc("clock_nanosleep(clock 1234)", clock_nanosleep((clockid_t)1234, 0, &shortreq, NULL));
  show_rc("clock_nanosleep(THREAD_CPUTIME)", clock_nanosleep(CLOCK_THREAD_CPUTIME_ID, 0, &shortreq, NULL));
  return 0;
}
