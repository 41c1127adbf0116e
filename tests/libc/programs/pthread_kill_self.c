/* pthread_kill_self.c — pthread_kill() to the calling thread (no second
 * thread needed): the handler runs before it returns; signal 0 only checks;
 * a bad number returns EINVAL (an error number, errno untouched). */
#define _GNU_SOURCE
#include <pthread.h>
#include <signal.h>
#include <stdio.h>

#include "trace.h"

static void handler(int sig) { printf("  handler %s\n", sig_name(sig)); }

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  signal(SIGUSR2, handler);
  show_rc("pthread_kill(self, SIGUSR2)", pthread_kill(pthread_self(), SIGUSR2));
  show_rc("pthread_kill(self, 0)", pthread_kill(pthread_self(), 0));
  errno = 0;
  show_rc("pthread_kill(self, 65)", pthread_kill(pthread_self(), 65));
  show_rc("pthread_kill(self, -1)", pthread_kill(pthread_self(), -1));
  printf("errno: %s\n", err_name(errno));
  return 0;
}
