/* sigaction_basic.c — install a handler, read back the old action, let
 * raise() run it, switch to SIG_IGN and back to SIG_DFL, query without
 * changing anything. */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "trace.h"

static volatile sig_atomic_t hits;

static void on_usr1(int sig) {
  hits++;
  printf("handler: %s (call %d)\n", sig_name(sig), (int)hits);
}

static const char *disp(void (*h)(int)) {
  if (h == SIG_DFL) return "SIG_DFL";
  if (h == SIG_IGN) return "SIG_IGN";
  if (h == on_usr1) return "on_usr1";
  return "other";
}

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  struct sigaction sa, old;
  memset(&sa, 0, sizeof sa);
  sigemptyset(&sa.sa_mask);

  show("sigaction(SIGUSR1, NULL, &old)", sigaction(SIGUSR1, NULL, &old));
  printf("initial disposition: %s\n", disp(old.sa_handler));

  sa.sa_handler = on_usr1;
  show("sigaction(SIGUSR1, handler, &old)", sigaction(SIGUSR1, &sa, &old));
  printf("old disposition: %s\n", disp(old.sa_handler));
  show("raise(SIGUSR1)", raise(SIGUSR1));
  show("raise(SIGUSR1)", raise(SIGUSR1));
  printf("hits: %d\n", (int)hits);

  sa.sa_handler = SIG_IGN;
  show("sigaction(SIGUSR1, SIG_IGN, &old)", sigaction(SIGUSR1, &sa, &old));
  printf("old disposition: %s\n", disp(old.sa_handler));
  show("raise(SIGUSR1) while ignored", raise(SIGUSR1));
  printf("hits: %d\n", (int)hits);

  sa.sa_handler = SIG_DFL;
  show("sigaction(SIGUSR1, SIG_DFL, &old)", sigaction(SIGUSR1, &sa, &old));
  printf("old disposition: %s\n", disp(old.sa_handler));
  show("sigaction(SIGUSR1, NULL, NULL)", sigaction(SIGUSR1, NULL, NULL));
  show("sigaction(SIGUSR1, NULL, &old)", sigaction(SIGUSR1, NULL, &old));
  printf("disposition now: %s\n", disp(old.sa_handler));
  return 0;
}
