/* order_unblock_masked.c — the same pending signals as
 * order_unblock_nested, but every handler blocks all signals (full
 * sa_mask): now each handler returns before the next signal is taken, and
 * they run lowest number first. */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "trace.h"

static int depth;

static void handler(int sig) {
  depth++;
  printf("handler %s (nesting %d)\n", sig_name(sig), depth);
  depth--;
}

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  int sigs[] = {SIGTERM, SIGUSR2, SIGHUP, SIGUSR1, SIGINT};
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = handler;
  sigfillset(&sa.sa_mask);
  sigset_t s;
  sigemptyset(&s);
  for (int i = 0; i < 5; i++) {
    sigaction(sigs[i], &sa, NULL);
    sigaddset(&s, sigs[i]);
  }
  sigprocmask(SIG_BLOCK, &s, NULL);
  for (int i = 0; i < 5; i++) raise(sigs[i]);
  sigprocmask(SIG_UNBLOCK, &s, NULL);
  printf("all delivered, pending: %s\n", pending_str());
  return 0;
}
