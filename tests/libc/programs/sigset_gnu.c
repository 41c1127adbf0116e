/* sigset_gnu.c — the GNU set helpers that glibc and musl both have:
 * sigisemptyset, sigorset, sigandset. */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>

#include "trace.h"

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  sigset_t a, b, r;
  sigemptyset(&a);
  sigemptyset(&b);
  printf("sigisemptyset(empty) = %d\n", sigisemptyset(&a));
  sigaddset(&a, SIGHUP);
  sigaddset(&a, SIGUSR1);
  sigaddset(&b, SIGUSR1);
  sigaddset(&b, SIGRTMIN + 1);
  printf("sigisemptyset(a) = %d\n", sigisemptyset(&a));
  show("sigorset", sigorset(&r, &a, &b));
  printf("a | b = %s\n", set_str(&r));
  show("sigandset", sigandset(&r, &a, &b));
  printf("a & b = %s\n", set_str(&r));
  sigdelset(&r, SIGUSR1);
  printf("after removing SIGUSR1, empty: %d\n", sigisemptyset(&r));
  return 0;
}
