/* siginterrupt_read.c — the effect of siginterrupt() on a blocking read()
 * from an empty pipe: after siginterrupt(SIGALRM, 0) the read is restarted
 * across a tick, after siginterrupt(SIGALRM, 1) the first tick ends it with
 * EINTR. The handler comes from signal() (BSD semantics: restart).
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
  if (++ticks == 2) {
    char c = 'y';
    if (write(fds[1], &c, 1) != 1) ticks = 100;
  }
}

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
    printf("%s: read = -1 %s at tick %d\n", label, err_name(e), at);
  else
    printf("%s: read = %zd ('%c') at tick %d\n", label, n, c, at);
  /* A fresh pipe for the next attempt: a late tick may have written here. */
  close(fds[0]);
  close(fds[1]);
}

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  signal(SIGALRM, on_alrm);
  attempt("signal() default");
  siginterrupt(SIGALRM, 1);
  attempt("siginterrupt(1)");
  siginterrupt(SIGALRM, 0);
  attempt("siginterrupt(0)");
  return 0;
}
