/* default_terminate_unblock.c — SIGTERM raised while blocked waits; the
 * program carries on, and the process ends inside the sigprocmask() call
 * that unblocks it (before that call returns). */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>

#include "trace.h"

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  sigset_t s = set_of(SIGTERM, 0);
  sigprocmask(SIG_BLOCK, &s, NULL);
  raise(SIGTERM);
  printf("alive with SIGTERM pending: %s\n", pending_str());
  printf("unblocking\n");
  sigprocmask(SIG_UNBLOCK, &s, NULL);
  printf("not reached\n");
  return 0;
}
