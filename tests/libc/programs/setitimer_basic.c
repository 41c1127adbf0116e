/* setitimer_basic.c — ITIMER_REAL: getitimer() while armed shows at most
 * what was set; setitimer() returns the old value; a one-shot timer fires
 * once and reads back as zero; an interval timer keeps firing until it is
 * disarmed. Times are printed coarsely. */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <sys/time.h>
#include <unistd.h>

#include "trace.h"

static volatile sig_atomic_t ticks;
static void on_alrm(int sig) { (void)sig; ticks++; }

static long usec(struct timeval tv) { return tv.tv_sec * 1000000L + tv.tv_usec; }

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  signal(SIGALRM, on_alrm);
  struct itimerval it = {{0, 0}, {5, 0}}, old, now;
  show("setitimer(REAL, 5 s)", setitimer(ITIMER_REAL, &it, &old));
  printf("old value zero: %s\n", usec(old.it_value) == 0 && usec(old.it_interval) == 0 ? "yes" : "no");
  show("getitimer(REAL)", getitimer(ITIMER_REAL, &now));
  printf("value in (4 s, 5 s]: %s, interval 0: %s\n",
         usec(now.it_value) > 4000000 && usec(now.it_value) <= 5000000 ? "yes" : "no",
         usec(now.it_interval) == 0 ? "yes" : "no");
  it.it_value.tv_sec = 0;
  it.it_value.tv_usec = 200000;
  show("setitimer(REAL, 200 ms)", setitimer(ITIMER_REAL, &it, &old));
  printf("old value in (4 s, 5 s]: %s\n", usec(old.it_value) > 4000000 && usec(old.it_value) <= 5000000 ? "yes" : "no");
  while (ticks == 0) pause();
  getitimer(ITIMER_REAL, &now);
  printf("fired once: %s; now zero: %s\n", ticks == 1 ? "yes" : "no",
         usec(now.it_value) == 0 ? "yes" : "no");

  struct itimerval periodic = {{0, 50000}, {0, 50000}}, off = {{0, 0}, {0, 0}};
  ticks = 0;
  setitimer(ITIMER_REAL, &periodic, NULL);
  while (ticks < 5) pause();
  getitimer(ITIMER_REAL, &now);
  printf("interval reads back 50 ms: %s\n", usec(now.it_interval) == 50000 ? "yes" : "no");
  show("setitimer(REAL, off)", setitimer(ITIMER_REAL, &off, &old));
  printf("old interval 50 ms: %s\n", usec(old.it_interval) == 50000 ? "yes" : "no");
  int seen = (int)ticks;
  usleep(300000);
  printf("no tick after disarming: %s\n", ticks == seen ? "yes" : "no");
  return 0;
}
