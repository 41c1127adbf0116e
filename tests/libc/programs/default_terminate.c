/* default_terminate.c — raise(SIGTERM) with SIG_DFL ends the process at
 * once: nothing after it runs, and the status says SIGTERM (143 from the
 * shell). Output written before is not lost. */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  printf("raising SIGTERM\n");
  raise(SIGTERM);
  printf("not reached\n");
  return 0;
}
