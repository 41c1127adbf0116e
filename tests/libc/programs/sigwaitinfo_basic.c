/* sigwaitinfo_basic.c — sigwaitinfo() returns the signal number and fills
 * siginfo_t (si_code, si_value); the info pointer may be NULL. While it
 * waits, an unblocked signal outside the set that has a handler interrupts
 * it: the handler runs and sigwaitinfo() fails with EINTR. */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <sys/time.h>
#include <unistd.h>

#include "trace.h"

static void on_alrm(int sig) { printf("handler %s\n", sig_name(sig)); }

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  sigset_t s = set_of(SIGUSR1, SIGRTMIN + 1, 0);
  sigprocmask(SIG_BLOCK, &s, NULL);

  siginfo_t info;
  union sigval v = {.sival_int = 77};
  sigqueue(getpid(), SIGRTMIN + 1, v);
  int sig = sigwaitinfo(&s, &info);
  printf("sigwaitinfo = %s, si_signo %s, SI_QUEUE %s, value %d\n", sig_name(sig),
         sig_name(info.si_signo), info.si_code == SI_QUEUE ? "yes" : "no",
         info.si_value.sival_int);
  kill(getpid(), SIGUSR1);
  sig = sigwaitinfo(&s, &info);
  printf("sigwaitinfo = %s, SI_USER %s, own pid %s\n", sig_name(sig),
         info.si_code == SI_USER ? "yes" : "no", info.si_pid == getpid() ? "yes" : "no");
  raise(SIGUSR1);
  sig = sigwaitinfo(&s, NULL);
  printf("sigwaitinfo(NULL info) = %s\n", sig_name(sig));

  signal(SIGALRM, on_alrm);
  struct itimerval it = {{0, 0}, {0, 200000}};
  setitimer(ITIMER_REAL, &it, NULL);
  show("sigwaitinfo while SIGALRM arrives", sigwaitinfo(&s, &info));
  return 0;
}
