/* xsi_sigignore.c — sigignore() sets SIG_IGN (a pending instance is
 * discarded); SIGKILL, SIGSTOP and bad numbers are -1 EINVAL. */
#define _XOPEN_SOURCE 700
#include <signal.h>
#include <stdio.h>

#include "trace.h"

static void handler(int sig) { printf("  handler %s\n", sig_name(sig)); }

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  signal(SIGUSR2, handler);
  sighold(SIGUSR2);
  raise(SIGUSR2);
  printf("pending: %s\n", pending_str());
  show("sigignore(SIGUSR2)", sigignore(SIGUSR2));
  printf("pending: %s\n", pending_str());
  sigrelse(SIGUSR2);
  raise(SIGUSR2);
  struct sigaction now;
  sigaction(SIGUSR2, NULL, &now);
  printf("disposition: %s\n", now.sa_handler == SIG_IGN ? "SIG_IGN" : "other");
  show("sigignore(SIGKILL)", sigignore(SIGKILL));
  show("sigignore(SIGSTOP)", sigignore(SIGSTOP));
  show("sigignore(0)", sigignore(0));
  show("sigignore(99)", sigignore(99));
  return 0;
}
