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
  printf("%s: si_signo %s si_code %s si_errno %d\n", how,
         sig_name(got.si_signo), si_code_name(got.si_code), got.si_errno);
}

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  catch_siginfo(SIGALRM, on_alrm, 0);

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
