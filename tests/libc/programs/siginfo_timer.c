/* siginfo_timer.c — what the kernel puts in siginfo_t for SIGALRM from
 * alarm() and from setitimer(ITIMER_REAL): si_code SI_KERNEL (the kernel
 * sends it, not a process). */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>
#include <unistd.h>

#include "trace.h"

static volatile sig_atomic_t fired;
static siginfo_t got;

static void on_alrm(int sig, siginfo_t *info, void *ctx) {
  (void)sig; (void)ctx;
  got = *info;
  fired = 1;
}

static void report(const char *how) {
  const char *code = got.si_code == SI_KERNEL  ? "SI_KERNEL"
                     : got.si_code == SI_USER  ? "SI_USER"
                     : got.si_code == SI_TIMER ? "SI_TIMER"
                                               : "other";
  printf("%s: si_signo %s si_code %s si_errno %d\n", how,
         sig_name(got.si_signo), code, got.si_errno);
}

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_sigaction = on_alrm;
  sa.sa_flags = SA_SIGINFO;
  sigaction(SIGALRM, &sa, NULL);

  alarm(1);
  while (!fired) pause();
  report("alarm");

  fired = 0;
  struct itimerval it = {{0, 0}, {0, 100000}};
  setitimer(ITIMER_REAL, &it, NULL);
  while (!fired) pause();
  report("setitimer");
  return 0;
}
