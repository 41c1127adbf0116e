/* ignore_discards_pending.c — setting SIG_IGN for a pending signal discards
 * it (POSIX). A blocked signal raised while its disposition is SIG_IGN is
 * still made pending on Linux (the handler could change before it is
 * unblocked); unblocking it with SIG_IGN still in place drops it. */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>

#include "trace.h"

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  sigset_t s = set_of(SIGUSR1, 0);
  sigprocmask(SIG_BLOCK, &s, NULL);

  signal(SIGUSR1, print_handler);
  raise(SIGUSR1);
  printf("pending with a handler: %s\n", pending_str());
  signal(SIGUSR1, SIG_IGN);
  printf("pending after SIG_IGN: %s\n", pending_str());

  raise(SIGUSR1);
  printf("raised while ignored and blocked: pending %s\n", pending_str());
  signal(SIGUSR1, print_handler);
  printf("pending after the handler is back: %s\n", pending_str());
  sigprocmask(SIG_UNBLOCK, &s, NULL);
  printf("calls after unblocking: %d\n", handler_calls(0));

  sigprocmask(SIG_BLOCK, &s, NULL);
  signal(SIGUSR1, SIG_IGN);
  raise(SIGUSR1);
  printf("pending (ignored, blocked): %s\n", pending_str());
  sigprocmask(SIG_UNBLOCK, &s, NULL);
  printf("pending after unblocking: %s, calls %d\n", pending_str(), handler_calls(0));
  return 0;
}
