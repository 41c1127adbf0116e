/* libc_clock.c — the clock calls as delivery points.
 *
 * On Linux a signal reaches a computing thread at once, whatever it runs;
 * on WebAssembly nothing can interrupt it, so the layer delivers at calls.
 * A loop that waits for a handler to set a flag usually reads a clock as it
 * goes (to give up after a while): time(), clock_gettime(), gettimeofday()
 * and clock() are therefore delivery points, as a return from a system
 * call is on Linux. Each first does what the C library does, then checks:
 * a decrement and a load while nothing is pending.
 */
#include <sys/time.h>
#include <time.h>

#include "../libc_internal.h"

int __real_clock_gettime(clockid_t clock, struct timespec *ts);
int __wrap_clock_gettime(clockid_t clock, struct timespec *ts);
int __wrap_clock_gettime(clockid_t clock, struct timespec *ts) {
  int r = __real_clock_gettime(clock, ts);
  int saved = errno;
  sigemu_libc_poll();
  errno = saved;
  return r;
}

time_t __real_time(time_t *t);
time_t __wrap_time(time_t *t);
time_t __wrap_time(time_t *t) {
  time_t r = __real_time(t);
  int saved = errno;
  sigemu_libc_poll();
  errno = saved;
  return r;
}

int __real_gettimeofday(struct timeval *tv, void *tz);
int __wrap_gettimeofday(struct timeval *tv, void *tz);
int __wrap_gettimeofday(struct timeval *tv, void *tz) {
  int r = __real_gettimeofday(tv, tz);
  int saved = errno;
  sigemu_libc_poll();
  errno = saved;
  return r;
}

clock_t __real_clock(void);
clock_t __wrap_clock(void);
clock_t __wrap_clock(void) {
  clock_t r = __real_clock();
  int saved = errno;
  sigemu_libc_poll();
  errno = saved;
  return r;
}
