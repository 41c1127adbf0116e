/* siginfo_raise.c — SA_SIGINFO: the handler gets a siginfo_t filled in by
 * the sender. raise() sends with tgkill: si_code SI_TKILL, si_pid and
 * si_uid are the caller's. The third argument is a ucontext_t. */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "trace.h"

static siginfo_t got;
static int got_sig, got_ctx;

static void on_sig(int sig, siginfo_t *info, void *ctx) {
  got_sig = sig;
  got = *info;
  got_ctx = ctx != NULL;
}

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  show("sigaction(SIGUSR2, SA_SIGINFO)", catch_siginfo(SIGUSR2, on_sig, 0));
  show("raise(SIGUSR2)", raise(SIGUSR2));
  printf("signal argument: %s\n", sig_name(got_sig));
  printf("si_signo: %s\n", sig_name(got.si_signo));
  printf("si_code: %s\n", si_code_name(got.si_code));
  printf("si_errno: %d\n", got.si_errno);
  printf("si_pid is getpid(): %s\n", got.si_pid == getpid() ? "yes" : "no");
  printf("si_uid is getuid(): %s\n", got.si_uid == getuid() ? "yes" : "no");
  printf("context given: %s\n", got_ctx ? "yes" : "no");

  /* The same through a real-time signal. */
  show("sigaction(SIGRTMIN+1, SA_SIGINFO)", catch_siginfo(SIGRTMIN + 1, on_sig, 0));
  show("raise(SIGRTMIN+1)", raise(SIGRTMIN + 1));
  printf("si_signo: %s, si_code: %s\n", sig_name(got.si_signo),
         si_code_name(got.si_code));
  return 0;
}
