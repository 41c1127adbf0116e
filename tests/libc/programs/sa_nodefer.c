/* sa_nodefer.c — without SA_NODEFER a signal is blocked while its own
 * handler runs, so raising it again there runs the handler only after the
 * first call returns; with SA_NODEFER it nests at once. */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "trace.h"

static int depth, calls;

static void on_usr1(int sig) {
  int me = ++calls;
  depth++;
  printf("enter call %d at depth %d (SIGUSR1 blocked here: %s)\n", me, depth,
         strstr(mask_str(), "SIGUSR1") ? "yes" : "no");
  if (me == 1) {
    raise(sig);
    printf("call %d: raise returned\n", me);
  }
  printf("leave call %d\n", me);
  depth--;
}

static void run(int flags, const char *label) {
  catch_signal(SIGUSR1, on_usr1, flags);
  calls = 0;
  printf("-- %s\n", label);
  raise(SIGUSR1);
  printf("calls: %d, mask after: %s\n", calls, mask_str());
}

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  run(0, "default (deferred)");
  run(SA_NODEFER, "SA_NODEFER (nested)");
  return 0;
}
