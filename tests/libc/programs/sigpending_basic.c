/* sigpending_basic.c — blocked signals collect in the pending set; a
 * standard signal raised three times is pending once; unblocking delivers
 * and clears them. sigpending(NULL) is EFAULT. */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>

#include "trace.h"

static int calls;
static void handler(int sig) { calls++; printf("handler %s\n", sig_name(sig)); }

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  signal(SIGUSR1, handler);
  signal(SIGUSR2, handler);
  signal(SIGRTMIN, handler);
  sigset_t s, p;
  sigemptyset(&s);
  sigaddset(&s, SIGUSR1);
  sigaddset(&s, SIGUSR2);
  sigaddset(&s, SIGRTMIN);
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
  printf("calls: %d (SIGUSR1 once, SIGRTMIN twice)\n", calls);
  sigpending(&p);
  printf("pending: %s\n", set_str(&p));
  sigset_t *volatile nowhere = NULL; /* NULL is not allowed here */
  show("sigpending(NULL)", sigpending(nowhere));
  return 0;
}
