/* abort_ignored.c — abort() with SIGABRT ignored still ends the process by
 * SIGABRT (it restores SIG_DFL and raises again). */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  signal(SIGABRT, SIG_IGN);
  printf("SIGABRT ignored; calling abort()\n");
  abort();
  printf("not reached\n");
  return 0;
}
