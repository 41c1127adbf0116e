/* sa_resethand_kill.c — SA_RESETHAND on SIGUSR1: the handler raises the
 * signal again. It is blocked during the handler (no SA_NODEFER), and when
 * the handler returns it is delivered with SIG_DFL, which ends the process
 * (exit status 128+SIGUSR1 from the shell). */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "trace.h"

static void on_usr1(int sig) {
  printf("handler runs once, raises %s again\n", sig_name(sig));
  raise(sig);
  printf("handler returns\n");
}

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  catch_signal(SIGUSR1, on_usr1, SA_RESETHAND);
  raise(SIGUSR1);
  printf("not reached: the second SIGUSR1 ends the process\n");
  return 0;
}
