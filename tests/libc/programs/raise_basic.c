/* raise_basic.c — raise() returns 0 after the handler ran; raise(0) is a
 * valid no-op; numbers out of range are -1 EINVAL; raising an ignored or
 * blocked signal returns 0. */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>

#include "trace.h"

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  signal(SIGUSR1, print_handler);
  signal(SIGRTMAX, print_handler);
  show("raise(SIGUSR1)", raise(SIGUSR1));
  show("raise(SIGRTMAX)", raise(SIGRTMAX));
  show("raise(0)", raise(0));
  show("raise(-1)", raise(-1));
  show("raise(65)", raise(65));
  show("raise(1000)", raise(1000));
  signal(SIGUSR2, SIG_IGN);
  show("raise(SIGUSR2) ignored", raise(SIGUSR2));
  sigset_t s = set_of(SIGUSR1, 0);
  sigprocmask(SIG_BLOCK, &s, NULL);
  show("raise(SIGUSR1) blocked", raise(SIGUSR1));
  printf("calls so far: %d\n", handler_calls(0));
  sigprocmask(SIG_UNBLOCK, &s, NULL);
  printf("calls: %d\n", handler_calls(0));
  return 0;
}
