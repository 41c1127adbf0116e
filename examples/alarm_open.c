/* alarm_open.c — the first example of Python's `signal` docs, in C.
 *
 * An alarm limits the time spent waiting for a device that may never answer
 * (the docs open /dev/ttyS0, which can hang). Here the hanging call is an
 * interruptible sleep of a minute, so the example runs the same on every
 * backend, including WebAssembly where there is no serial port. The SIGALRM
 * handler "raises": it returns a nonzero code, which comes out of the
 * blocked call at once, exactly as the OSError comes out of os.open().
 */
#include <stdio.h>

#include "sigemu.h"

#define OPEN_FAILED 1 /* our "OSError" */

static int handler(int signum, void *arg) {
  (void)arg;
  printf("Signal handler called with signal %s (%d)\n", sigemu_signame(signum),
         signum);
  return OPEN_FAILED;
}

/* Stands for os.open() on a device that is not turned on. */
static int open_device(void) { return sigemu_sleep(60.0); }

int main(void) {
  int r = sigemu_init(&(sigemu_options){.python_defaults = true});
  if (r < 0) {
    printf("sigemu_init: %s\n", sigemu_strerror(r));
    return 1;
  }
  printf("alarm_open on %s\n", sigemu_backend());
  int sigalrm = sigemu_signum("SIGALRM");
  if (sigalrm < 0 || !sigemu_available(SIGEMU_FEATURE_ALARM)) {
    printf("unavailable: alarm (%s)\n",
           sigemu_feature_note(SIGEMU_FEATURE_ALARM));
    return 0;
  }
  /* Set the signal handler and an alarm (the docs use 5 s; 1 s is enough). */
  sigemu_action act = {SIGEMU_CALL, handler, NULL};
  sigemu_signal(sigalrm, &act, NULL);
  sigemu_alarm(1, NULL);

  printf("opening the device (it may hang)...\n");
  r = open_device();
  unsigned left = 0;
  sigemu_alarm(0, &left); /* disable the alarm */
  if (r == OPEN_FAILED)
    printf("OSError: Couldn't open device!\n");
  else if (r < 0)
    printf("open failed: %s\n", sigemu_strerror(r));
  else
    printf("device opened\n");
  printf("alarm left: %u s\n", left);
  sigemu_shutdown();
  return r == OPEN_FAILED ? 0 : 1;
}
