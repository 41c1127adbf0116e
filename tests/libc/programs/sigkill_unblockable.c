/* sigkill_unblockable.c — SIGKILL and SIGSTOP cannot be blocked: asking
 * sigprocmask() to block them succeeds but leaves them out of the mask; a
 * raised SIGKILL ends the process (137 from the shell). */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>

#include "trace.h"

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  sigset_t s = set_of(SIGKILL, SIGSTOP, SIGUSR1, 0);
  show("sigprocmask(SIG_BLOCK, {SIGKILL SIGSTOP SIGUSR1})", sigprocmask(SIG_BLOCK, &s, NULL));
  printf("mask: %s\n", mask_str());
  sigfillset(&s);
  show("sigprocmask(SIG_SETMASK, full)", sigprocmask(SIG_SETMASK, &s, NULL));
  printf("SIGKILL in mask: %s, SIGSTOP in mask: %s\n",
         strstr(mask_str(), "SIGKILL") ? "yes" : "no", strstr(mask_str(), "SIGSTOP") ? "yes" : "no");
  printf("raising SIGKILL\n");
  raise(SIGKILL);
  printf("not reached\n");
  return 0;
}
