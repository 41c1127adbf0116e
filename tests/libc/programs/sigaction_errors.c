/* sigaction_errors.c — the numbers sigaction() refuses: 0, negative, past
 * the last signal, SIGKILL and SIGSTOP (with a handler, with SIG_IGN and
 * even with SIG_DFL), and the two that glibc keeps for itself (32, 33).
 * Querying SIGKILL is fine. A refused call leaves the old action alone. */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "trace.h"

static void handler(int sig) { (void)sig; }

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  struct sigaction sa, old;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = handler;
  char what[64];
  int bad[] = {0, -1, 65, 128, 1000};
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    snprintf(what, sizeof what, "sigaction(%d, handler)", bad[i]);
    show(what, sigaction(bad[i], &sa, NULL));
    snprintf(what, sizeof what, "sigaction(%d, NULL, &old)", bad[i]);
    show(what, sigaction(bad[i], NULL, &old));
  }
  show("sigaction(SIGKILL, handler)", sigaction(SIGKILL, &sa, NULL));
  show("sigaction(SIGSTOP, handler)", sigaction(SIGSTOP, &sa, NULL));
  sa.sa_handler = SIG_IGN;
  show("sigaction(SIGKILL, SIG_IGN)", sigaction(SIGKILL, &sa, NULL));
  sa.sa_handler = SIG_DFL;
  show("sigaction(SIGKILL, SIG_DFL)", sigaction(SIGKILL, &sa, NULL));
  show("sigaction(SIGSTOP, SIG_DFL)", sigaction(SIGSTOP, &sa, NULL));
  show("sigaction(SIGKILL, NULL, &old)", sigaction(SIGKILL, NULL, &old));
  printf("SIGKILL disposition is SIG_DFL: %s\n",
         old.sa_handler == SIG_DFL ? "yes" : "no");

  /* glibc's two internal signals, and the first real-time one. */
  sa.sa_handler = handler;
  show("sigaction(32, handler)", sigaction(32, &sa, NULL));
  show("sigaction(33, handler)", sigaction(33, &sa, NULL));
  show("sigaction(SIGRTMIN, handler)", sigaction(SIGRTMIN, &sa, NULL));
  show("sigaction(SIGRTMAX, handler)", sigaction(SIGRTMAX, &sa, NULL));
  show("sigaction(64, NULL, &old)", sigaction(64, NULL, &old));
  printf("signal 64 is SIGRTMAX: %s\n", SIGRTMAX == 64 ? "yes" : "no");

  /* A refused call changes nothing. */
  sa.sa_handler = handler;
  sigaction(SIGUSR1, &sa, NULL);
  sa.sa_handler = SIG_IGN;
  show("sigaction(SIGKILL, SIG_IGN, &old)", sigaction(SIGKILL, &sa, &old));
  sigaction(SIGUSR1, NULL, &old);
  printf("SIGUSR1 still has its handler: %s\n",
         old.sa_handler == handler ? "yes" : "no");
  return 0;
}
