/* strsignal_names.c — strsignal() for every number 0..65 and a few
 * outside: the descriptions glibc gives ("Real-time signal N" counts from
 * SIGRTMIN; unknown numbers say "Unknown signal N"). */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <string.h>

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  for (int s = -1; s <= 66; s++) printf("%3d %s\n", s, strsignal(s));
  printf("%3d %s\n", 1000, strsignal(1000));
  return 0;
}
