/* sa_onstack.c — SA_ONSTACK with sigaltstack(): the handler runs on the
 * alternate stack (the address of one of its locals lies inside it, and
 * sigaltstack() reports SS_ONSTACK there); a handler without SA_ONSTACK
 * runs on the ordinary stack. Outside handlers the stack is not in use. */
#define _GNU_SOURCE
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "trace.h"

static char *alt;
static size_t alt_size;

static void where(int sig) {
  volatile char local = 0;
  uintptr_t p = (uintptr_t)&local, lo = (uintptr_t)alt;
  stack_t now;
  sigaltstack(NULL, &now);
  printf("%s handler: local inside the alternate stack: %s; SS_ONSTACK: %s\n",
         sig_name(sig), p >= lo && p < lo + alt_size ? "yes" : "no",
         now.ss_flags & SS_ONSTACK ? "yes" : "no");
}

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  alt_size = 64 * 1024;
  alt = malloc(alt_size);
  stack_t ss = {.ss_sp = alt, .ss_size = alt_size, .ss_flags = 0}, old;
  show("sigaltstack(&ss, &old)", sigaltstack(&ss, &old));
  printf("old stack disabled: %s\n", old.ss_flags & SS_DISABLE ? "yes" : "no");
  sigaltstack(NULL, &old);
  printf("now: size matches %s, base matches %s, flags %s\n",
         old.ss_size == alt_size ? "yes" : "no", old.ss_sp == alt ? "yes" : "no",
         old.ss_flags == 0 ? "0" : "not 0");

  catch_signal(SIGUSR1, where, SA_ONSTACK);
  catch_signal(SIGUSR2, where, 0);
  raise(SIGUSR1);
  raise(SIGUSR2);
  raise(SIGUSR1);

  ss.ss_flags = SS_DISABLE;
  show("sigaltstack(SS_DISABLE)", sigaltstack(&ss, NULL));
  raise(SIGUSR1);
  free(alt);
  return 0;
}
