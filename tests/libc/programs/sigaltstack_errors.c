/* sigaltstack_errors.c — what sigaltstack() refuses: a stack smaller than
 * MINSIGSTKSZ (ENOMEM), unknown flags (EINVAL), and any change while the
 * handler is running on the alternate stack (EPERM). NULL for both
 * arguments is allowed, and so is SS_ONSTACK as a flag (old programs pass
 * it). A refused call leaves the stack as it was. */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "trace.h"

static char *alt;

static void on_usr1(int sig) {
  (void)sig;
  stack_t other = {.ss_sp = alt, .ss_size = 32768, .ss_flags = 0};
  show("in handler: sigaltstack(change)", sigaltstack(&other, NULL));
  other.ss_flags = SS_DISABLE;
  show("in handler: sigaltstack(SS_DISABLE)", sigaltstack(&other, NULL));
  stack_t now;
  show("in handler: sigaltstack(NULL, &now)", sigaltstack(NULL, &now));
  printf("in handler: on the stack: %s\n", now.ss_flags & SS_ONSTACK ? "yes" : "no");
}

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  alt = malloc(65536);
  show("sigaltstack(NULL, NULL)", sigaltstack(NULL, NULL));
  stack_t ss = {.ss_sp = alt, .ss_size = 64, .ss_flags = 0}, now;
  show("sigaltstack(size 64)", sigaltstack(&ss, NULL));
  ss.ss_size = 65536;
  ss.ss_flags = 0x4242;
  show("sigaltstack(flags 0x4242)", sigaltstack(&ss, NULL));
  ss.ss_flags = SS_ONSTACK;
  show("sigaltstack(flags SS_ONSTACK)", sigaltstack(&ss, NULL));
  sigaltstack(NULL, &now);
  /* Linux takes SS_ONSTACK as 0 (old programs pass it): the stack is set. */
  printf("enabled by the SS_ONSTACK call: %s\n",
         now.ss_flags & SS_DISABLE ? "no" : "yes");

  ss.ss_flags = 0;
  show("sigaltstack(size 65536)", sigaltstack(&ss, NULL));
  catch_signal(SIGUSR1, on_usr1, SA_ONSTACK);
  raise(SIGUSR1);
  sigaltstack(NULL, &now);
  printf("after: size %s, flags %s\n", now.ss_size == 65536 ? "65536" : "changed",
         now.ss_flags == 0 ? "0" : "not 0");
  /* Disabling ignores the size. */
  ss.ss_flags = SS_DISABLE;
  ss.ss_size = 0;
  show("sigaltstack(SS_DISABLE, size 0)", sigaltstack(&ss, NULL));
  sigaltstack(NULL, &now);
  printf("disabled: %s\n", now.ss_flags & SS_DISABLE ? "yes" : "no");
  free(alt);
  return 0;
}
