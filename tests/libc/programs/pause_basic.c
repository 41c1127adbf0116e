/* pause_basic.c — pause() sleeps until a handler has run, then returns -1
 * EINTR: once for alarm(1), then three times for a periodic 100 ms
 * ITIMER_REAL, which is then disarmed. */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <sys/time.h>
#include <unistd.h>

#include "trace.h"

static volatile sig_atomic_t ticks;

static void on_alrm(int sig) {
  ticks++;
  printf("handler %s (%d)\n", sig_name(sig), (int)ticks);
}

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  signal(SIGALRM, on_alrm);
  alarm(1);
  show("pause()", pause());
  struct itimerval it = {{0, 100000}, {0, 100000}}, off = {{0, 0}, {0, 0}};
  setitimer(ITIMER_REAL, &it, NULL);
  for (int i = 0; i < 3; i++) show("pause()", pause());
  setitimer(ITIMER_REAL, &off, NULL);
  printf("ticks: %d\n", (int)ticks);
  return 0;
}
