/* order_unblock.c — several signals pending, unblocked at once. Linux
 * takes them lowest number first, but before returning to the program it
 * sets up each handler's frame on top of the previous one, as long as the
 * handlers leave the others unblocked: with an empty sa_mask the handler of
 * the highest number runs first and the others run as each one returns.
 * With a full sa_mask each handler returns before the next signal is taken,
 * and they run lowest number first. */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "trace.h"

static int depth;

static void handler(int sig) {
  depth++;
  printf("  handler %s (nesting %d)\n", sig_name(sig), depth);
  depth--;
}

static void run(int full_mask) {
  int sigs[] = {SIGTERM, SIGUSR2, SIGHUP, SIGUSR1, SIGINT};
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = handler;
  if (full_mask) sigfillset(&sa.sa_mask);
  else sigemptyset(&sa.sa_mask);
  sigset_t s;
  sigemptyset(&s);
  for (int i = 0; i < 5; i++) {
    sigaction(sigs[i], &sa, NULL);
    sigaddset(&s, sigs[i]);
  }
  printf("-- %s sa_mask\n", full_mask ? "full" : "empty");
  sigprocmask(SIG_BLOCK, &s, NULL);
  for (int i = 0; i < 5; i++) raise(sigs[i]);
  printf("  pending: %s\n", pending_str());
  sigprocmask(SIG_UNBLOCK, &s, NULL);
  printf("  all delivered, pending: %s\n", pending_str());
}

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  run(0);
  run(1);
  return 0;
}
