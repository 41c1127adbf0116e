/* nested_handlers.c — handlers interrupting handlers: SIGUSR1's handler
 * raises SIGUSR2, whose handler raises SIGHUP; nothing blocks them, so each
 * runs inside the previous one. A fourth raise of SIGUSR1 from the deepest
 * handler waits (SIGUSR1 is blocked in its own handler) and runs last. */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "trace.h"

static int depth, usr1_calls;

static void handler(int sig) {
  depth++;
  printf("%*s> %s (depth %d)\n", depth * 2, "", sig_name(sig), depth);
  if (sig == SIGUSR1 && ++usr1_calls == 1) raise(SIGUSR2);
  else if (sig == SIGUSR2) raise(SIGHUP);
  else if (sig == SIGHUP) raise(SIGUSR1);
  printf("%*s< %s\n", depth * 2, "", sig_name(sig));
  depth--;
}

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  catch_signal(SIGUSR1, handler, 0);
  catch_signal(SIGUSR2, handler, 0);
  catch_signal(SIGHUP, handler, 0);
  raise(SIGUSR1);
  printf("back in main, SIGUSR1 handler ran %d times\n", usr1_calls);
  return 0;
}
