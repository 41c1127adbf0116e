/* kill_self.c — kill() to ourselves: by pid, to our process group (pid 0),
 * to -pgrp and with killpg(); signal 0 checks that the process exists. The
 * handler runs before kill() returns. */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

#include "trace.h"

static int calls;
static void handler(int sig) { calls++; printf("  handler %s\n", sig_name(sig)); }

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  signal(SIGUSR1, handler);
  show("kill(getpid(), SIGUSR1)", kill(getpid(), SIGUSR1));
  show("kill(0, SIGUSR1)", kill(0, SIGUSR1));
  show("kill(-getpgrp(), SIGUSR1)", kill(-getpgrp(), SIGUSR1));
  show("killpg(getpgrp(), SIGUSR1)", killpg(getpgrp(), SIGUSR1));
  show("killpg(0, SIGUSR1)", killpg(0, SIGUSR1));
  show("kill(getpid(), 0)", kill(getpid(), 0));
  show("kill(0, 0)", kill(0, 0));
  printf("calls: %d\n", calls);
  return 0;
}
