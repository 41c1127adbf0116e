/* xsi_sighold_sigrelse.c — the XSI calls: sighold() adds a signal to the
 * mask, sigrelse() removes it (and a pending one is delivered before it
 * returns); bad numbers are -1 EINVAL. */
#define _XOPEN_SOURCE 700
#include <signal.h>
#include <stdio.h>

#include "trace.h"

static void handler(int sig) { printf("  handler %s\n", sig_name(sig)); }

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  signal(SIGUSR1, handler);
  show("sighold(SIGUSR1)", sighold(SIGUSR1));
  printf("mask: %s\n", mask_str());
  raise(SIGUSR1);
  printf("pending: %s\n", pending_str());
  show("sigrelse(SIGUSR1)", sigrelse(SIGUSR1));
  printf("mask: %s, pending: %s\n", mask_str(), pending_str());
  show("sighold(0)", sighold(0));
  show("sighold(65)", sighold(65));
  show("sigrelse(-2)", sigrelse(-2));
  show("sigrelse(SIGUSR2) not held", sigrelse(SIGUSR2));
  return 0;
}
