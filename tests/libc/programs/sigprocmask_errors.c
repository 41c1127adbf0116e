/* sigprocmask_errors.c — a bad how with a set is EINVAL and changes
 * nothing; SIGKILL and SIGSTOP are silently left out of the mask; the
 * pthread_sigmask() form returns the error number instead of setting errno.
 * glibc also keeps its two internal signals (32, 33) out of every set. */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>

#include "trace.h"

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  sigset_t s, old;
  sigemptyset(&s);
  sigaddset(&s, SIGUSR2);
  sigprocmask(SIG_SETMASK, &s, NULL);

  sigemptyset(&s);
  sigaddset(&s, SIGTERM);
  errno = 0;
  show("sigprocmask(99, {SIGTERM})", sigprocmask(99, &s, &old));
  show("sigprocmask(-1, {SIGTERM})", sigprocmask(-1, &s, &old));
  printf("mask unchanged: %s\n", mask_str());

  errno = 0;
  int rc = pthread_sigmask(99, &s, NULL);
  show_rc("pthread_sigmask(99, {SIGTERM})", rc);
  printf("errno left alone: %s\n", errno == 0 ? "yes" : "no");
  show_rc("pthread_sigmask(SIG_BLOCK, NULL, NULL)", pthread_sigmask(SIG_BLOCK, NULL, NULL));
  printf("mask unchanged: %s\n", mask_str());

  sigfillset(&s);
  show("SIG_SETMASK all", sigprocmask(SIG_SETMASK, &s, &old));
  sigprocmask(SIG_BLOCK, NULL, &old);
  int n = 0;
  for (int i = 1; i < 65; i++) n += sigismember(&old, i) == 1;
  printf("blocked count: %d; SIGKILL %d SIGSTOP %d\n", n, sigismember(&old, SIGKILL),
         sigismember(&old, SIGSTOP));
  sigemptyset(&s);
  sigprocmask(SIG_SETMASK, &s, NULL);
  printf("end: %s\n", mask_str());
  return 0;
}
