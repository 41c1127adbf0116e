/* siglongjmp_timeout.c — the old way to put a time limit on a call: the
 * SIGALRM handler siglongjmp()s out of it. sigsetjmp(env, 1) saves the mask,
 * so after the jump SIGALRM (blocked while the handler ran) is unblocked
 * again and a second timeout works the same way. [needs setjmp] */
#define _GNU_SOURCE
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

#include "trace.h"

static sigjmp_buf env;
static void on_alrm(int sig) { (void)sig; siglongjmp(env, 1); }

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  signal(SIGALRM, on_alrm);
  for (volatile int round = 1; round <= 2; round++) {
    if (sigsetjmp(env, 1) == 0) {
      alarm(1);
      printf("round %d: waiting (a call that would take 30 s)\n", round);
      sleep(30);
      printf("round %d: not reached\n", round);
    } else {
      printf("round %d: timed out, mask after the jump: %s\n", round, mask_str());
    }
  }
  return 0;
}
