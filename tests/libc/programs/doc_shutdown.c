/* doc_shutdown.c — the shutdown pattern of servers and long computations
 * (Python's signal documentation and KeyboardInterrupt): SIGINT and SIGTERM
 * handlers only set a flag; the work loop looks at it between steps and
 * stops cleanly. Part 2 holds SIGTERM back during a critical section with
 * sigprocmask(); it is handled as soon as the section ends. The signals are
 * sent by the program itself at fixed steps, so the trace is the same every
 * time; from a shell, `kill -TERM` does the same. */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t stop_signal;

static void request_stop(int sig) { stop_signal = sig; }

static const char *name(int sig) { return sig == SIGINT ? "SIGINT" : sig == SIGTERM ? "SIGTERM" : "?"; }

/* One unit of work: 50 ms that a signal may cut short. */
static void work_step(int i) {
  printf("  step %d\n", i);
  struct timespec ts = {0, 50000000};
  nanosleep(&ts, NULL);
}

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  struct sigaction stop = {.sa_handler = request_stop};
  sigemptyset(&stop.sa_mask);
  sigaction(SIGINT, &stop, NULL);
  sigaction(SIGTERM, &stop, NULL);

  printf("part 1: Ctrl+C during the work\n");
  for (int i = 1; i <= 5 && !stop_signal; i++) {
    work_step(i);
    if (i == 2) kill(getpid(), SIGINT); /* the operator's Ctrl+C */
  }
  printf("  stopped by %s: cleaning up\n", name(stop_signal));

  printf("part 2: SIGTERM held back in a critical section\n");
  stop_signal = 0;
  sigset_t term, pending;
  sigemptyset(&term);
  sigaddset(&term, SIGTERM);
  sigprocmask(SIG_BLOCK, &term, NULL);
  printf("  critical section begins\n");
  kill(getpid(), SIGTERM); /* `kill -TERM` from outside */
  sigpending(&pending);
  printf("  SIGTERM pending: %s, flag set: %s\n", sigismember(&pending, SIGTERM) ? "yes" : "no",
         stop_signal ? "yes" : "no");
  printf("  critical section ends\n");
  sigprocmask(SIG_UNBLOCK, &term, NULL);
  int steps = 0;
  while (!stop_signal && steps < 5) work_step(++steps);
  printf("  stopped by %s after %d more steps\n", name(stop_signal), steps);
  return stop_signal == SIGTERM ? 0 : 1;
}
