/* libc_clock.c — the clock calls as delivery points, on Emscripten.
 *
 * (Why delivery points: see wasi/libc_clock.c.) Emscripten 3.1.6 implements
 * time(), clock_gettime(), gettimeofday() and clock() in JavaScript, where
 * a wrapped call cannot reach the original, so the layer answers them
 * itself from the same two sources Emscripten uses — the monotonic
 * performance clock (emscripten_get_now) and the date (emscripten_date_now)
 * — and then checks for signals.
 */
#include <emscripten.h>
#include <emscripten/html5.h>
#include <sys/time.h>
#include <time.h>

#include "../libc_internal.h"

static void ms_to_ts(double ms, struct timespec *ts) {
  double s = ms / 1000;
  ts->tv_sec = (time_t)s;
  ts->tv_nsec = (long)((s - (double)ts->tv_sec) * 1e9);
  if (ts->tv_nsec >= 1000000000L) ts->tv_nsec = 999999999L;
}

static void poll_keeping_errno(void) {
  int saved = errno;
  sigemu_libc_poll();
  errno = saved;
}

int __wrap_clock_gettime(clockid_t clock, struct timespec *ts);
int __wrap_clock_gettime(clockid_t clock, struct timespec *ts) {
  double ms;
  switch (clock) {
  case CLOCK_REALTIME: ms = emscripten_date_now(); break;
  case CLOCK_MONOTONIC:
  case CLOCK_MONOTONIC_RAW:
  case CLOCK_BOOTTIME:
  case CLOCK_PROCESS_CPUTIME_ID: /* Emscripten's own answer, too */
  case CLOCK_THREAD_CPUTIME_ID: ms = emscripten_get_now(); break;
  default: errno = EINVAL; return -1;
  }
  if (!ts) {
    errno = EFAULT;
    return -1;
  }
  ms_to_ts(ms, ts);
  poll_keeping_errno();
  return 0;
}

int __wrap_gettimeofday(struct timeval *tv, void *tz);
int __wrap_gettimeofday(struct timeval *tv, void *tz) {
  (void)tz;
  if (tv) {
    double ms = emscripten_date_now();
    tv->tv_sec = (time_t)(ms / 1000);
    tv->tv_usec = (suseconds_t)((ms - (double)tv->tv_sec * 1000) * 1000);
  }
  poll_keeping_errno();
  return 0;
}

time_t __wrap_time(time_t *t);
time_t __wrap_time(time_t *t) {
  time_t now = (time_t)(emscripten_date_now() / 1000);
  if (t) *t = now;
  poll_keeping_errno();
  return now;
}

/* clock(): processor time as Emscripten counts it, the time since the
 * first call. */
clock_t __wrap_clock(void);
clock_t __wrap_clock(void) {
  static double start = -1;
  double now = emscripten_get_now();
  if (start < 0) start = now;
  poll_keeping_errno();
  return (clock_t)((now - start) * (CLOCKS_PER_SEC / 1000));
}
