/* sigpending_basic.c — blocked signals collect in the pending set; a
 * standard signal raised three times is pending once; unblocking delivers
 * and clears them. sigpending(NULL) is EFAULT. */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>

#include "trace.h"

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  signal(SIGUSR1, print_handler);
  signal(SIGUSR2, print_handler);
  signal(SIGRTMIN, print_handler);
  sigset_t s = set_of(SIGUSR1, SIGUSR2, SIGRTMIN, 0), p;
  sigprocmask(SIG_BLOCK, &s, NULL);
  show("sigpending(&p)", sigpending(&p));
  printf("pending: %s\n", set_str(&p));
  raise(SIGUSR1);
  raise(SIGUSR1);
  raise(SIGUSR1);
  raise(SIGRTMIN);
  raise(SIGRTMIN);
  sigpending(&p);
  printf("pending: %s\n", set_str(&p));
  sigprocmask(SIG_UNBLOCK, &s, NULL);
  printf("calls: %d (SIGUSR1 once, SIGRTMIN twice)\n", handler_calls(0));
  sigpending(&p);
  printf("pending: %s\n", set_str(&p));
  sigset_t *volatile nowhere = NULL; /* NULL is not allowed here */
  show("sigpending(NULL)", sigpending(nowhere));
  return 0;
}
