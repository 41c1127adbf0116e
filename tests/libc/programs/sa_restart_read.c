/* sa_restart_read.c — SA_RESTART on a blocking read() from an empty pipe.
 * A periodic 100 ms timer ticks; its handler writes a byte into the pipe on
 * the third tick. With SA_RESTART the read is restarted after the first two
 * ticks and returns the byte; without it the first tick ends the read with
 * EINTR. [needs pipe] */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>
#include <unistd.h>

#include "trace.h"

static int fds[2];
static volatile sig_atomic_t ticks;

static void on_alrm(int sig) {
  (void)sig;
  if (++ticks == 3) {
    char c = 'x';
    if (write(fds[1], &c, 1) != 1) ticks = 100;
  }
}

static void run(int flags, const char *label) {
  if (pipe(fds) != 0) {
    printf("pipe: %s\n", err_name(errno));
    return;
  }
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_alrm;
  sa.sa_flags = flags;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGALRM, &sa, NULL);
  ticks = 0;
  struct itimerval it = {{0, 100000}, {0, 100000}}, off = {{0, 0}, {0, 0}};
  setitimer(ITIMER_REAL, &it, NULL);
  char c = 0;
  ssize_t n = read(fds[0], &c, 1);
  int e = errno;
  int at = (int)ticks;
  setitimer(ITIMER_REAL, &off, NULL);
  if (n < 0)
    printf("%s: read = -1 %s after tick %d\n", label, err_name(e), at);
  else
    printf("%s: read = %zd ('%c') after tick %d\n", label, n, c, at);
  /* A fresh pipe for the next run: a late tick may have written here. */
  close(fds[0]);
  close(fds[1]);
}

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  run(SA_RESTART, "SA_RESTART");
  run(0, "no SA_RESTART");
  return 0;
}
