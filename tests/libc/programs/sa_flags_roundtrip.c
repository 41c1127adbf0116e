/* sa_flags_roundtrip.c — the flags and mask given to sigaction() come back
 * from the next query, except that SIGKILL and SIGSTOP never stay in
 * sa_mask. Only the named flags are printed (the kernel may add its own,
 * such as SA_RESTORER on x86-64). */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "trace.h"

static void handler(int sig) { (void)sig; }

static void print_flags(int f) {
  printf("flags:%s%s%s%s%s%s%s\n", f & SA_SIGINFO ? " SA_SIGINFO" : "",
         f & SA_RESTART ? " SA_RESTART" : "", f & SA_NODEFER ? " SA_NODEFER" : "",
         f & SA_RESETHAND ? " SA_RESETHAND" : "", f & SA_ONSTACK ? " SA_ONSTACK" : "",
         f & SA_NOCLDSTOP ? " SA_NOCLDSTOP" : "", f & SA_NOCLDWAIT ? " SA_NOCLDWAIT" : "");
}

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  int combos[] = {0, SA_RESTART, SA_NODEFER | SA_RESETHAND, SA_ONSTACK,
                  SA_RESTART | SA_NODEFER | SA_ONSTACK};
  struct sigaction sa, old;
  for (size_t i = 0; i < sizeof combos / sizeof combos[0]; i++) {
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = handler;
    sa.sa_flags = combos[i];
    sigemptyset(&sa.sa_mask);
    sigaction(SIGUSR1, &sa, NULL);
    sigaction(SIGUSR1, NULL, &old);
    print_flags(old.sa_flags);
  }
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = handler;
  sa.sa_flags = SA_NOCLDSTOP;
  sigaction(SIGCHLD, &sa, NULL);
  sigaction(SIGCHLD, NULL, &old);
  printf("SIGCHLD ");
  print_flags(old.sa_flags);

  /* sa_mask: what was asked, less SIGKILL and SIGSTOP. */
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = handler;
  sigemptyset(&sa.sa_mask);
  sigaddset(&sa.sa_mask, SIGUSR2);
  sigaddset(&sa.sa_mask, SIGKILL);
  sigaddset(&sa.sa_mask, SIGSTOP);
  sigaddset(&sa.sa_mask, SIGRTMIN + 5);
  printf("sa_mask given: %s\n", set_str(&sa.sa_mask));
  sigaction(SIGUSR1, &sa, NULL);
  sigaction(SIGUSR1, NULL, &old);
  printf("sa_mask read back: %s\n", set_str(&old.sa_mask));

  /* A full mask reads back full, less SIGKILL and SIGSTOP. */
  sigfillset(&sa.sa_mask);
  sigaction(SIGUSR1, &sa, NULL);
  sigaction(SIGUSR1, NULL, &old);
  printf("full sa_mask has SIGKILL: %d, SIGSTOP: %d, SIGTERM: %d, SIGRTMAX: %d\n",
         sigismember(&old.sa_mask, SIGKILL), sigismember(&old.sa_mask, SIGSTOP),
         sigismember(&old.sa_mask, SIGTERM), sigismember(&old.sa_mask, SIGRTMAX));
  return 0;
}
