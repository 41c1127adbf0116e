/* order_realtime.c — real-time signals queue: each one raised is delivered
 * (three SIGRTMIN+1 give three calls), in order of number with standard
 * signals first, and with si_value in the order sent for the same number.
 * The handlers block everything, so the order is the dequeue order. */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "trace.h"

static void handler(int sig, siginfo_t *info, void *ctx) {
  (void)ctx;
  if (info->si_code == SI_QUEUE)
    printf("handler %s value %d\n", sig_name(sig), info->si_value.sival_int);
  else
    printf("handler %s\n", sig_name(sig));
}

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  struct sigaction sa = {.sa_sigaction = handler, .sa_flags = SA_SIGINFO};
  sigfillset(&sa.sa_mask);
  int sigs[] = {SIGRTMIN + 2, SIGRTMIN, SIGRTMIN + 1, SIGUSR2, SIGTERM};
  sigset_t s;
  sigemptyset(&s);
  for (int i = 0; i < 5; i++) {
    sigaction(sigs[i], &sa, NULL);
    sigaddset(&s, sigs[i]);
  }
  sigprocmask(SIG_BLOCK, &s, NULL);
  int v = 0;
  for (int round = 0; round < 3; round++)
    for (int i = 0; i < 5; i++) {
      union sigval val = {.sival_int = ++v};
      sigqueue(getpid(), sigs[i], val);
    }
  printf("pending: %s\n", pending_str());
  sigprocmask(SIG_UNBLOCK, &s, NULL);
  printf("pending: %s\n", pending_str());
  return 0;
}
