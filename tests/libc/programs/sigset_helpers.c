/* sigset_helpers.c — sigemptyset, sigfillset, sigaddset, sigdelset,
 * sigismember: their results and their EINVAL for numbers out of range
 * (and, with glibc, for its two internal signals 32 and 33, which
 * sigfillset() leaves out). Written in strict POSIX (no _GNU_SOURCE). */
#define _POSIX_C_SOURCE 200809L
#include <signal.h>
#include <stdio.h>

#include "trace.h"

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  sigset_t s;
  show("sigemptyset", sigemptyset(&s));
  printf("empty: %s\n", set_str(&s));
  show("sigaddset(SIGINT)", sigaddset(&s, SIGINT));
  show("sigaddset(SIGRTMAX)", sigaddset(&s, SIGRTMAX));
  show("sigismember(SIGINT)", sigismember(&s, SIGINT));
  show("sigismember(SIGTERM)", sigismember(&s, SIGTERM));
  show("sigdelset(SIGINT)", sigdelset(&s, SIGINT));
  show("sigdelset(SIGTERM) not a member", sigdelset(&s, SIGTERM));
  printf("now: %s\n", set_str(&s));
  int bad[] = {0, -1, 65, 1000};
  char what[48];
  for (int i = 0; i < 4; i++) {
    snprintf(what, sizeof what, "sigaddset(%d)", bad[i]);
    show(what, sigaddset(&s, bad[i]));
    snprintf(what, sizeof what, "sigdelset(%d)", bad[i]);
    show(what, sigdelset(&s, bad[i]));
    snprintf(what, sizeof what, "sigismember(%d)", bad[i]);
    show(what, sigismember(&s, bad[i]));
  }
  show("sigaddset(32)", sigaddset(&s, 32));
  show("sigaddset(33)", sigaddset(&s, 33));
  show("sigaddset(SIGRTMIN)", sigaddset(&s, SIGRTMIN));
  show("sigfillset", sigfillset(&s));
  int n = 0;
  for (int i = 1; i < 65; i++) n += sigismember(&s, i) == 1;
  printf("full set holds %d of 1..64; 32: %d, 33: %d, SIGKILL: %d\n", n, sigismember(&s, 32),
         sigismember(&s, 33), sigismember(&s, SIGKILL));
  return 0;
}
