/* clock_nanosleep_abs.c — TIMER_ABSTIME: sleeping until a deadline 5 s
 * away is interrupted by a handler (EINTR) and leaves rem untouched; the
 * same deadline can simply be slept on again (here a nearer one, reached
 * normally: 0, and the clock is past it); a deadline in the past returns 0
 * at once. */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <sys/time.h>
#include <time.h>

#include "trace.h"

static void on_alrm(int sig) { printf("handler %s\n", sig_name(sig)); }

static struct timespec after(clockid_t c, long ms) {
  struct timespec t;
  clock_gettime(c, &t);
  t.tv_sec += ms / 1000;
  t.tv_nsec += (ms % 1000) * 1000000L;
  if (t.tv_nsec >= 1000000000L) { t.tv_sec++; t.tv_nsec -= 1000000000L; }
  return t;
}

static int reached(clockid_t c, struct timespec dl) {
  struct timespec now;
  clock_gettime(c, &now);
  return now.tv_sec > dl.tv_sec || (now.tv_sec == dl.tv_sec && now.tv_nsec >= dl.tv_nsec);
}

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  signal(SIGALRM, on_alrm);
  struct itimerval it = {{0, 0}, {0, 200000}};
  clockid_t clocks[] = {CLOCK_MONOTONIC, CLOCK_REALTIME};
  const char *names[] = {"MONOTONIC", "REALTIME"};
  for (int i = 0; i < 2; i++) {
    struct timespec dl = after(clocks[i], 5000), rem = {123, 456};
    setitimer(ITIMER_REAL, &it, NULL);
    int rc = clock_nanosleep(clocks[i], TIMER_ABSTIME, &dl, &rem);
    printf("%s: until now+5 s = %s, rem untouched: %s, deadline reached: %s\n", names[i],
           err_name(rc), rem.tv_sec == 123 && rem.tv_nsec == 456 ? "yes" : "no",
           reached(clocks[i], dl) ? "yes" : "no");
    dl = after(clocks[i], 300);
    rc = clock_nanosleep(clocks[i], TIMER_ABSTIME, &dl, NULL);
    printf("%s: until now+300 ms = %s, deadline reached: %s\n", names[i], err_name(rc),
           reached(clocks[i], dl) ? "yes" : "no");
    struct timespec past = {1, 0};
    show_rc("  deadline in the past", clock_nanosleep(clocks[i], TIMER_ABSTIME, &past, NULL));
  }
  struct timespec bad = {1, -1};
  show_rc("TIMER_ABSTIME with tv_nsec -1", clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &bad, NULL));
  return 0;
}
