/* handler_mask_restore.c — a handler may change its own mask with
 * sigprocmask(); returning from the handler restores the mask that was in
 * force before the signal, whatever the handler did. */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "trace.h"

static void on_usr1(int sig) {
  sigset_t s = set_of(SIGTERM, 0);
  sigprocmask(SIG_BLOCK, &s, NULL);
  sigemptyset(&s);
  sigaddset(&s, SIGUSR1);
  sigaddset(&s, SIGHUP);
  sigprocmask(SIG_UNBLOCK, &s, NULL);
  printf("in handler of %s after changes: %s\n", sig_name(sig), mask_str());
}

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  catch_signal(SIGUSR1, on_usr1, 0);
  sigset_t s = set_of(SIGHUP, 0);
  sigprocmask(SIG_BLOCK, &s, NULL);
  printf("before: %s\n", mask_str());
  raise(SIGUSR1);
  printf("after: %s\n", mask_str());
  return 0;
}
