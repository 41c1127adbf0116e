/* handler_mask_restore.c — a handler may change its own mask with
 * sigprocmask(); returning from the handler restores the mask that was in
 * force before the signal, whatever the handler did. */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "trace.h"

static void on_usr1(int sig) {
  sigset_t s;
  sigemptyset(&s);
  sigaddset(&s, SIGTERM);
  sigprocmask(SIG_BLOCK, &s, NULL);
  sigemptyset(&s);
  sigaddset(&s, SIGUSR1);
  sigaddset(&s, SIGHUP);
  sigprocmask(SIG_UNBLOCK, &s, NULL);
  printf("in handler of %s after changes: %s\n", sig_name(sig), mask_str());
}

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_usr1;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGUSR1, &sa, NULL);
  sigset_t s;
  sigemptyset(&s);
  sigaddset(&s, SIGHUP);
  sigprocmask(SIG_BLOCK, &s, NULL);
  printf("before: %s\n", mask_str());
  raise(SIGUSR1);
  printf("after: %s\n", mask_str());
  return 0;
}
