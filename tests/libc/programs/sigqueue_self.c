/* sigqueue_self.c — sigqueue() to our own pid: the SA_SIGINFO handler gets
 * si_value (int and pointer), si_code SI_QUEUE; signal 0 checks; a bad
 * number is EINVAL; to a blocked real-time signal values queue up. */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "trace.h"

static const char *names[] = {"first", "second", "third"};

static void handler(int sig, siginfo_t *info, void *ctx) {
  (void)ctx;
  if (sig != SIGUSR1)
    printf("  handler %s ptr -> %s\n", sig_name(sig), *(const char **)info->si_value.sival_ptr);
  else
    printf("  handler %s int %d\n", sig_name(sig), info->si_value.sival_int);
}

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  catch_siginfo(SIGUSR1, handler, 0);
  catch_siginfo(SIGRTMIN + 2, handler, 0);
  show("sigqueue(SIGUSR1, 42)", sigqueue(getpid(), SIGUSR1, (union sigval){.sival_int = 42}));
  show("sigqueue(SIGUSR1, -7)", sigqueue(getpid(), SIGUSR1, (union sigval){.sival_int = -7}));
  show("sigqueue(0)", sigqueue(getpid(), 0, (union sigval){0}));
  show("sigqueue(65)", sigqueue(getpid(), 65, (union sigval){0}));
  show("sigqueue(-3)", sigqueue(getpid(), -3, (union sigval){0}));
  sigset_t s = set_of(SIGRTMIN + 2, 0);
  sigprocmask(SIG_BLOCK, &s, NULL);
  for (int i = 0; i < 3; i++)
    show("sigqueue(SIGRTMIN+2, ptr)",
         sigqueue(getpid(), SIGRTMIN + 2, (union sigval){.sival_ptr = (void *)&names[i]}));
  printf("unblocking\n");
  sigprocmask(SIG_UNBLOCK, &s, NULL);
  printf("done\n");
  return 0;
}
