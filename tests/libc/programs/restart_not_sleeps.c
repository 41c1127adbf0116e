/* restart_not_sleeps.c — SA_RESTART does not restart sleeps and waits:
 * nanosleep(), select(), poll(), pause(), sigsuspend() and sigtimedwait()
 * still fail with EINTR after a handler installed with SA_RESTART ran. */
#define _GNU_SOURCE
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/select.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "trace.h"

static int calls;
static void on_alrm(int sig) { (void)sig; calls++; }

static void arm(void) {
  struct itimerval it = {{0, 0}, {0, 150000}};
  setitimer(ITIMER_REAL, &it, NULL);
}

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  catch_signal(SIGALRM, on_alrm, SA_RESTART);

  struct timespec ts = {5, 0};
  arm();
  show("nanosleep", nanosleep(&ts, NULL));
  struct timeval tv = {5, 0};
  arm();
  show("select", select(0, NULL, NULL, NULL, &tv));
  arm();
  show("poll", poll(NULL, 0, 5000));
  arm();
  show("pause", pause());
  sigset_t none;
  sigemptyset(&none);
  arm();
  show("sigsuspend", sigsuspend(&none));
  sigset_t w = set_of(SIGUSR1, 0);
  sigprocmask(SIG_BLOCK, &w, NULL);
  arm();
  show("sigtimedwait", sigtimedwait(&w, NULL, &ts));
  arm();
  show("usleep", usleep(5000000));
  printf("handler calls: %d\n", calls);
  return 0;
}
