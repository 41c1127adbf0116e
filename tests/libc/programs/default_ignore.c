/* default_ignore.c — signals whose default action is to ignore (SIGCHLD,
 * SIGURG, SIGWINCH, and SIGCONT which only continues) do nothing when
 * raised with SIG_DFL; raised while blocked they wait in the pending set
 * and vanish when unblocked. */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>

#include "trace.h"

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  int sigs[] = {SIGCHLD, SIGURG, SIGWINCH, SIGCONT};
  for (int i = 0; i < 4; i++) {
    int r = raise(sigs[i]);
    printf("raise(%s) with SIG_DFL = %d, still running\n", sig_name(sigs[i]), r);
  }
  sigset_t s;
  sigemptyset(&s);
  for (int i = 0; i < 4; i++) sigaddset(&s, sigs[i]);
  sigprocmask(SIG_BLOCK, &s, NULL);
  for (int i = 0; i < 4; i++) raise(sigs[i]);
  printf("pending while blocked: %s\n", pending_str());
  sigprocmask(SIG_UNBLOCK, &s, NULL);
  printf("pending after unblocking: %s\n", pending_str());
  return 0;
}
