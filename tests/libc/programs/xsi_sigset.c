/* xsi_sigset.c — sigset(): installs a handler (the signal is blocked while
 * it runs and the handler stays), returns the previous disposition, or
 * SIG_HOLD when the signal was blocked; sigset(sig, SIG_HOLD) blocks it;
 * installing a handler unblocks it. Bad numbers give SIG_ERR EINVAL. */
#define _XOPEN_SOURCE 700
#include <signal.h>
#include <stdio.h>

#include "trace.h"

static void handler(int sig) { printf("  handler %s, mask inside: %s\n", sig_name(sig), mask_str()); }

static const char *disp(void (*h)(int)) {
  return h == SIG_DFL ? "SIG_DFL" : h == SIG_IGN ? "SIG_IGN" : h == SIG_HOLD ? "SIG_HOLD"
       : h == SIG_ERR ? "SIG_ERR" : h == handler ? "handler" : "other";
}

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  printf("sigset(SIGUSR1, handler) = %s\n", disp(sigset(SIGUSR1, handler)));
  raise(SIGUSR1);
  raise(SIGUSR1);
  printf("sigset(SIGUSR1, SIG_HOLD) = %s\n", disp(sigset(SIGUSR1, SIG_HOLD)));
  printf("mask: %s\n", mask_str());
  raise(SIGUSR1);
  printf("pending: %s\n", pending_str());
  printf("sigset(SIGUSR1, SIG_HOLD) again = %s\n", disp(sigset(SIGUSR1, SIG_HOLD)));
  printf("sigset(SIGUSR1, handler) = %s\n", disp(sigset(SIGUSR1, handler)));
  printf("mask: %s\n", mask_str());
  printf("sigset(SIGUSR1, SIG_IGN) = %s\n", disp(sigset(SIGUSR1, SIG_IGN)));
  printf("sigset(SIGUSR1, SIG_DFL) = %s\n", disp(sigset(SIGUSR1, SIG_DFL)));
  errno = 0;
  void (*r)(int) = sigset(0, handler);
  printf("sigset(0, handler) = %s %s\n", disp(r), err_name(errno));
  errno = 0;
  r = sigset(SIGKILL, handler);
  printf("sigset(SIGKILL, handler) = %s %s\n", disp(r), err_name(errno));
  return 0;
}
