/* siginterrupt_flags.c — siginterrupt(sig, 1) clears SA_RESTART,
 * siginterrupt(sig, 0) sets it, the handler is kept; bad numbers are -1
 * EINVAL. Seen through sigaction() queries (no blocking call needed). */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "trace.h"

static void handler(int sig) { (void)sig; }

static void state(const char *when) {
  struct sigaction now;
  sigaction(SIGALRM, NULL, &now);
  printf("%s: SA_RESTART %s, handler kept %s\n", when, now.sa_flags & SA_RESTART ? "set" : "clear",
         now.sa_handler == handler ? "yes" : "no");
}

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  catch_signal(SIGALRM, handler, 0);
  state("sigaction without flags");
  show("siginterrupt(SIGALRM, 0)", siginterrupt(SIGALRM, 0));
  state("after siginterrupt(0)");
  show("siginterrupt(SIGALRM, 1)", siginterrupt(SIGALRM, 1));
  state("after siginterrupt(1)");
  signal(SIGALRM, handler);
  state("after signal()");
  show("siginterrupt(SIGALRM, 1)", siginterrupt(SIGALRM, 1));
  state("after siginterrupt(1)");
  show("siginterrupt(0, 1)", siginterrupt(0, 1));
  show("siginterrupt(65, 0)", siginterrupt(65, 0));
  show("siginterrupt(SIGKILL, 1)", siginterrupt(SIGKILL, 1));
  return 0;
}
