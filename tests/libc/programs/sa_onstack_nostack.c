/* sa_onstack_nostack.c — SA_ONSTACK without an alternate stack set up is
 * accepted and the handler simply runs on the ordinary stack (its local is
 * near main's). */
#define _GNU_SOURCE
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "trace.h"

static uintptr_t main_local;

static void on_usr1(int sig) {
  volatile char local = 0;
  uintptr_t p = (uintptr_t)&local;
  uintptr_t dist = p > main_local ? p - main_local : main_local - p;
  stack_t now;
  sigaltstack(NULL, &now);
  printf("%s handler: within 1 MiB of main's stack: %s; SS_ONSTACK: %s; SS_DISABLE: %s\n",
         sig_name(sig), dist < (1u << 20) ? "yes" : "no",
         now.ss_flags & SS_ONSTACK ? "yes" : "no",
         now.ss_flags & SS_DISABLE ? "yes" : "no");
}

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  volatile char here = 0;
  main_local = (uintptr_t)&here;
  show("sigaction(SIGUSR1, SA_ONSTACK)", catch_signal(SIGUSR1, on_usr1, SA_ONSTACK));
  raise(SIGUSR1);
  return 0;
}
