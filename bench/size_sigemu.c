/* size_sigemu.c — size_base.c with sigemu: init, one handler, the check in
 * the loop. What a program that only wants "Ctrl-C works in my loop" links.
 */
#include <stdio.h>

#include "sigemu.h"

static int on_int(int sig, void *arg) {
  (void)sig;
  (void)arg;
  return 1;
}

int main(int argc, char **argv) {
  (void)argv;
  if (sigemu_init(NULL) < 0) return 1;
  sigemu_action a = {SIGEMU_CALL, on_int, NULL};
  sigemu_signal(sigemu_signum("SIGINT"), &a, NULL);
  long acc = 0;
  for (long i = 0; i < 1000L * argc; i++) acc += sigemu_check();
  printf("%ld\n", acc);
  return 0;
}
