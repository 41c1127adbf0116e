/* xsi_sigpause.c — XSI sigpause(sig): removes sig from the mask, waits for
 * a handler, returns -1 EINTR and restores the mask. The usual pattern:
 * sighold(), arm the timer, sigpause(). sigpause(0) is EINVAL. */
#define _XOPEN_SOURCE 700
#include <signal.h>
#include <stdio.h>
#include <sys/time.h>

#include "trace.h"

static void handler(int sig) { printf("  handler %s, mask inside: %s\n", sig_name(sig), mask_str()); }

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  sigset(SIGALRM, handler);
  sighold(SIGALRM);
  sighold(SIGHUP);
  struct itimerval it = {{0, 0}, {0, 200000}};
  setitimer(ITIMER_REAL, &it, NULL);
  show("sigpause(SIGALRM)", sigpause(SIGALRM));
  printf("mask after: %s\n", mask_str());
  show("sigpause(0)", sigpause(0));
  show("sigpause(70)", sigpause(70));
  return 0;
}
