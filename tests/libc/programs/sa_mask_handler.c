/* sa_mask_handler.c — sa_mask (plus the signal itself) is added to the mask
 * while the handler runs. A SIGUSR2 raised inside the SIGUSR1 handler stays
 * pending and runs right after the handler returns; the mask is back to
 * what it was afterwards. */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "trace.h"

static void on_usr2(int sig) {
  printf("  %s handler, mask: %s\n", sig_name(sig), mask_str());
}

static void on_usr1(int sig) {
  printf("  %s handler enter, mask: %s\n", sig_name(sig), mask_str());
  raise(SIGUSR2);
  printf("  after raise(SIGUSR2): pending %s\n", pending_str());
  printf("  %s handler leave\n", sig_name(sig));
}

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  struct sigaction sa = {.sa_handler = on_usr2};
  sigemptyset(&sa.sa_mask);
  sigaction(SIGUSR2, &sa, NULL);
  /* SIGUSR1's handler: SIGUSR2 and SIGHUP blocked while it runs. */
  sa.sa_handler = on_usr1;
  sa.sa_mask = set_of(SIGUSR2, SIGHUP, 0);
  sigaction(SIGUSR1, &sa, NULL);

  printf("mask before: %s\n", mask_str());
  raise(SIGUSR1);
  printf("mask after: %s, pending: %s\n", mask_str(), pending_str());
  return 0;
}
