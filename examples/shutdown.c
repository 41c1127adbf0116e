/* shutdown.c — a worker that stops cleanly on SIGINT and SIGTERM.
 *
 * The pattern of the `signal` docs for servers and long computations: with
 * Python's defaults SIGINT raises KeyboardInterrupt (sigemu_default_int_
 * handler returns SIGEMU_KEYBOARD_INTERRUPT) and the work loop unwinds; a
 * SIGTERM handler only records the request, and a critical section blocks
 * SIGTERM so that it is held pending and handled right after the section.
 * The signals are raised by the program itself at fixed steps so that the
 * trace is the same on every backend; `make web` shows the same program
 * interrupted from a page.
 */
#include <stdbool.h>
#include <stdio.h>

#include "sigemu.h"

static bool stop_requested;

static int on_term(int signum, void *arg) {
  (void)arg;
  printf("  handler: %s -> shutdown requested\n", sigemu_signame(signum));
  stop_requested = true;
  return 0;
}

/* One unit of work: a short interruptible sleep (stands for computation
 * that calls the check now and then). */
static int work_step(int i) {
  printf("  step %d\n", i);
  return sigemu_sleep(0.05);
}

int main(void) {
  if (sigemu_init(&(sigemu_options){.python_defaults = true}) < 0) return 1;
  printf("shutdown on %s\n", sigemu_backend());
  int sigint = sigemu_signum("SIGINT"), sigterm = sigemu_signum("SIGTERM");

  /* Part 1: Ctrl+C during the work -> KeyboardInterrupt unwinds the loop. */
  printf("part 1: SIGINT with the default handler\n");
  for (int i = 1; i <= 5; i++) {
    int r = work_step(i);
    if (i == 2) r = sigemu_raise_signal(sigint); /* the operator's Ctrl+C */
    if (r == SIGEMU_KEYBOARD_INTERRUPT) {
      printf("  KeyboardInterrupt at step %d: cleaning up\n", i);
      break;
    }
  }

  /* Part 2: SIGTERM held back during a critical section. */
  printf("part 2: SIGTERM blocked in a critical section\n");
  sigemu_action act = {SIGEMU_CALL, on_term, NULL};
  sigemu_signal(sigterm, &act, NULL);
  sigemu_sigset set, pending;
  sigemu_sigemptyset(&set);
  sigemu_sigaddset(&set, sigterm);
  if (sigemu_available(SIGEMU_FEATURE_PTHREAD_SIGMASK)) {
    sigemu_pthread_sigmask(SIGEMU_SIG_BLOCK, &set, NULL);
    printf("  critical section begins\n");
    sigemu_raise_signal(sigterm); /* `kill -TERM` from outside */
    sigemu_sigpending(&pending);
    printf("  SIGTERM pending: %s\n",
           sigemu_sigismember(&pending, sigterm) == 1 ? "yes" : "no");
    printf("  critical section ends\n");
    sigemu_pthread_sigmask(SIGEMU_SIG_UNBLOCK, &set, NULL);
  } else {
    printf("  (masks unavailable: %s)\n",
           sigemu_feature_note(SIGEMU_FEATURE_PTHREAD_SIGMASK));
    sigemu_raise_signal(sigterm);
  }
  int steps = 0;
  while (!stop_requested && steps < 5) work_step(++steps);
  printf("  stopped cleanly after %d more steps\n", steps);
  sigemu_shutdown();
  return stop_requested ? 0 : 1;
}
