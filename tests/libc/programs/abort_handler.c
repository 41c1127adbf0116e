/* abort_handler.c — abort() raises SIGABRT: a handler that returns runs
 * once, and the process still ends by SIGABRT (134 from the shell), even
 * when SIGABRT was blocked or ignored first. */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>

#include "trace.h"

static void on_abrt(int sig) { printf("handler %s, returning\n", sig_name(sig)); }

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  signal(SIGABRT, on_abrt);
  sigset_t s = set_of(SIGABRT, 0);
  sigprocmask(SIG_BLOCK, &s, NULL);
  printf("SIGABRT blocked; calling abort()\n");
  abort();
  printf("not reached\n");
  return 0;
}
