/* siginfo_senders.c — si_code tells who sent the signal: kill() gives
 * SI_USER, sigqueue() SI_QUEUE (with si_value), raise() and
 * pthread_kill() SI_TKILL. Each time si_pid is our own pid. */
#define _GNU_SOURCE
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "trace.h"

static siginfo_t got;

static void on_sig(int sig, siginfo_t *info, void *ctx) {
  (void)sig; (void)ctx;
  got = *info;
}

static void report(const char *how) {
  printf("%-13s si_signo %s si_code %s own pid %s\n", how,
         sig_name(got.si_signo), si_code_name(got.si_code), got.si_pid == getpid() ? "yes" : "no");
  memset(&got, 0, sizeof got);
}

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  catch_siginfo(SIGUSR1, on_sig, 0);
  catch_siginfo(SIGRTMIN + 3, on_sig, 0);

  kill(getpid(), SIGUSR1);
  report("kill");
  raise(SIGUSR1);
  report("raise");
  pthread_kill(pthread_self(), SIGUSR1);
  report("pthread_kill");
  union sigval v = {.sival_int = 1234};
  sigqueue(getpid(), SIGUSR1, v);
  printf("si_value.sival_int: %d\n", got.si_value.sival_int);
  report("sigqueue");
  static int target;
  v.sival_ptr = &target;
  sigqueue(getpid(), SIGRTMIN + 3, v);
  printf("si_value.sival_ptr is &target: %s\n",
         got.si_value.sival_ptr == &target ? "yes" : "no");
  report("sigqueue(RT)");
  return 0;
}
