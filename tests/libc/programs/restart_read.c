/* restart_read.c — SA_RESTART on a blocking read() from an empty pipe. A
 * periodic 100 ms timer ticks; its handler writes a byte into the pipe on
 * the third tick. When the handler has SA_RESTART the read is restarted
 * after the first two ticks and returns the byte; without it the first tick
 * ends the read with EINTR. The same through signal() (BSD semantics:
 * restart) and siginterrupt(), which clears or sets SA_RESTART.
 * [needs pipe] */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
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

/* One blocking read with the SIGALRM disposition in force. */
static void attempt(const char *label) {
  if (pipe(fds) != 0) {
    printf("pipe: %s\n", err_name(errno));
    return;
  }
  ticks = 0;
  struct itimerval it = {{0, 100000}, {0, 100000}}, off = {{0, 0}, {0, 0}};
  setitimer(ITIMER_REAL, &it, NULL);
  char c = 0;
  ssize_t n = read(fds[0], &c, 1);
  int e = errno, at = (int)ticks;
  setitimer(ITIMER_REAL, &off, NULL);
  if (n < 0)
    printf("%-18s read = -1 %s after tick %d\n", label, err_name(e), at);
  else
    printf("%-18s read = %zd ('%c') after tick %d\n", label, n, c, at);
  /* A fresh pipe for the next attempt: a late tick may have written here. */
  close(fds[0]);
  close(fds[1]);
}

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  catch_signal(SIGALRM, on_alrm, SA_RESTART);
  attempt("SA_RESTART:");
  catch_signal(SIGALRM, on_alrm, 0);
  attempt("no SA_RESTART:");
  signal(SIGALRM, on_alrm);
  attempt("signal():");
  siginterrupt(SIGALRM, 1);
  attempt("siginterrupt(1):");
  siginterrupt(SIGALRM, 0);
  attempt("siginterrupt(0):");
  return 0;
}
