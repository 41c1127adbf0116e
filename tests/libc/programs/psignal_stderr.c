/* psignal_stderr.c — psignal() writes "prefix: description" to stderr; an
 * empty or NULL prefix gives the description alone; unknown numbers still
 * print. stdout is unbuffered so the two streams interleave in call order. */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  printf("psignal(SIGINT, \"caught\"):\n");
  psignal(SIGINT, "caught");
  printf("psignal(SIGUSR1, \"\"):\n");
  psignal(SIGUSR1, "");
  printf("psignal(SIGTERM, NULL):\n");
  psignal(SIGTERM, NULL);
  printf("psignal(SIGRTMIN+3, \"rt\"):\n");
  psignal(SIGRTMIN + 3, "rt");
  printf("psignal(99, \"bad\"):\n");
  psignal(99, "bad");
  return 0;
}
