/* sigprocmask_basic.c — SIG_BLOCK adds, SIG_UNBLOCK removes, SIG_SETMASK
 * replaces; the old mask comes back in oset; with set NULL nothing changes
 * (and how is not looked at); both NULL is allowed. */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>

#include "trace.h"

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  sigset_t a, b, old;
  sigemptyset(&a);
  sigaddset(&a, SIGUSR1);
  sigaddset(&a, SIGHUP);
  sigemptyset(&b);
  sigaddset(&b, SIGHUP);
  sigaddset(&b, SIGRTMIN + 2);

  printf("start: %s\n", mask_str());
  show("SIG_BLOCK {SIGHUP SIGUSR1}", sigprocmask(SIG_BLOCK, &a, &old));
  printf("  old %s, now %s\n", set_str(&old), mask_str());
  show("SIG_BLOCK {SIGHUP SIGRTMIN+2}", sigprocmask(SIG_BLOCK, &b, &old));
  printf("  old %s, now %s\n", set_str(&old), mask_str());
  show("SIG_UNBLOCK {SIGHUP SIGUSR1}", sigprocmask(SIG_UNBLOCK, &a, &old));
  printf("  old %s, now %s\n", set_str(&old), mask_str());
  show("SIG_SETMASK {SIGHUP SIGUSR1}", sigprocmask(SIG_SETMASK, &a, &old));
  printf("  old %s, now %s\n", set_str(&old), mask_str());
  show("set NULL, how SIG_UNBLOCK", sigprocmask(SIG_UNBLOCK, NULL, &old));
  printf("  old %s, now %s\n", set_str(&old), mask_str());
  show("set NULL, how 12345", sigprocmask(12345, NULL, &old));
  printf("  old %s, now %s\n", set_str(&old), mask_str());
  show("both NULL", sigprocmask(SIG_SETMASK, NULL, NULL));
  sigemptyset(&a);
  show("SIG_SETMASK {}", sigprocmask(SIG_SETMASK, &a, NULL));
  printf("end: %s\n", mask_str());
  return 0;
}
