/* order_unblock_nested.c — several signals pending, unblocked at once, with
 * handlers that block nothing else (empty sa_mask). Linux takes them lowest
 * number first, but sets up each handler's frame on top of the previous
 * one before returning to the program, so the handler of the highest
 * number runs first and the others run as each one returns. */
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
  sigemptyset(&sa.sa_mask);
  sigset_t s;
  sigemptyset(&s);
  for (int i = 0; i < 5; i++) {
    sigaction(sigs[i], &sa, NULL);
    sigaddset(&s, sigs[i]);
  }
  sigprocmask(SIG_BLOCK, &s, NULL);
  for (int i = 0; i < 5; i++) raise(sigs[i]);
  printf("pending: %s\n", pending_str());
  sigprocmask(SIG_UNBLOCK, &s, NULL);
  printf("all delivered, pending: %s\n", pending_str());
  return 0;
}
