/* signal_errors.c — signal() returns SIG_ERR with errno EINVAL for numbers
 * out of range and for SIGKILL and SIGSTOP, whatever the disposition; the
 * old disposition is kept. */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>

#include "trace.h"

static void handler(int sig) { (void)sig; }

static void try(const char *what, int sig, void (*h)(int)) {
  errno = 0;
  void (*r)(int) = signal(sig, h);
  printf("%s: %s%s\n", what, r == SIG_ERR ? "SIG_ERR " : "ok",
         r == SIG_ERR ? err_name(errno) : "");
}

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  try("signal(0, handler)", 0, handler);
  try("signal(-5, handler)", -5, handler);
  try("signal(65, handler)", 65, handler);
  try("signal(SIGKILL, handler)", SIGKILL, handler);
  try("signal(SIGKILL, SIG_IGN)", SIGKILL, SIG_IGN);
  try("signal(SIGKILL, SIG_DFL)", SIGKILL, SIG_DFL);
  try("signal(SIGSTOP, SIG_IGN)", SIGSTOP, SIG_IGN);
  try("signal(SIGRTMAX, handler)", SIGRTMAX, handler);
  signal(SIGTERM, handler);
  try("signal(SIGSTOP, SIG_DFL)", SIGSTOP, SIG_DFL);
  printf("SIGTERM kept its handler: %s\n", signal(SIGTERM, SIG_DFL) == handler ? "yes" : "no");
  return 0;
}
