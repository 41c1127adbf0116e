/* libc_time.c — timers, and the blocking calls a handler must cut short:
 * alarm, setitimer, getitimer; sleep, usleep, nanosleep, clock_nanosleep
 * (relative and TIMER_ABSTIME), and select/poll used as timed sleeps.
 *
 * Each sleep waits in the kit on the monotonic clock, from a fixed
 * deadline, so it never busy-waits and is woken by a signal at once; when a
 * handler ran it returns EINTR with the time left where the call reports it
 * (nanosleep's rem, sleep's return value, as Linux does).
 */
#include <sys/time.h>
#include <unistd.h>

#include "libc_internal.h"

/* ---- itimers ------------------------------------------------------------ */

static bool tv_ok(const struct timeval *tv) {
  return tv->tv_sec >= 0 && tv->tv_usec >= 0 && tv->tv_usec < 1000000;
}

static int64_t tv_ns(const struct timeval *tv) {
  if ((int64_t)tv->tv_sec > INT64_MAX / 1000000000 - 1) return INT64_MAX / 2;
  return (int64_t)tv->tv_sec * 1000000000 + (int64_t)tv->tv_usec * 1000;
}

static void ns_tv(int64_t ns, struct timeval *tv) {
  /* Linux reports a timer's value in whole µs, rounded up while armed. */
  int64_t us = ns / 1000 + (ns % 1000 != 0);
  tv->tv_sec = (time_t)(us / 1000000);
  tv->tv_usec = (suseconds_t)(us % 1000000);
}

int __wrap_setitimer(int which, const struct itimerval *nv,
                     struct itimerval *ov);
int __wrap_setitimer(int which, const struct itimerval *nv,
                     struct itimerval *ov) {
  sigemu__libc_start();
  if (which < ITIMER_REAL || which > ITIMER_PROF)
    return sigemu__libc_fail(SIGEMU_EINVAL);
  int64_t v = 0, iv = 0, ovn = 0, oin = 0;
  if (nv) { /* NULL disarms, as Linux takes it */
    if (!tv_ok(&nv->it_value) || !tv_ok(&nv->it_interval))
      return sigemu__libc_fail(SIGEMU_EINVAL);
    v = tv_ns(&nv->it_value);
    iv = tv_ns(&nv->it_interval);
  }
  int r = sigemu__kit_setitimer(which, v, iv, &ovn, &oin);
  if (r < 0) return sigemu__libc_fail(r);
  if (ov) {
    ns_tv(ovn, &ov->it_value);
    ns_tv(oin, &ov->it_interval);
  }
  return 0;
}

int __wrap_getitimer(int which, struct itimerval *cur);
int __wrap_getitimer(int which, struct itimerval *cur) {
  sigemu__libc_start();
  if (which < ITIMER_REAL || which > ITIMER_PROF)
    return sigemu__libc_fail(SIGEMU_EINVAL);
  if (!cur) {
    errno = EFAULT;
    return -1;
  }
  int64_t v, iv;
  int r = sigemu__kit_getitimer(which, &v, &iv);
  if (r < 0) return sigemu__libc_fail(r);
  ns_tv(v, &cur->it_value);
  ns_tv(iv, &cur->it_interval);
  return 0;
}

unsigned __wrap_alarm(unsigned seconds);
unsigned __wrap_alarm(unsigned seconds) {
  struct itimerval nv = {{0, 0}, {(time_t)seconds, 0}}, ov;
  if (__wrap_setitimer(ITIMER_REAL, &nv, &ov) < 0) return 0;
  /* glibc: whole seconds, rounded to nearest, never 0 while armed. */
  unsigned left = (unsigned)ov.it_value.tv_sec;
  if (ov.it_value.tv_usec >= 500000 || (left == 0 && ov.it_value.tv_usec > 0))
    left++;
  return left;
}

/* ---- sleeps ------------------------------------------------------------- */

int sigemu__libc_sleep_rel(int64_t rel_ns, int64_t *left) {
  int64_t now = sigemu__os_monotonic_ns();
  int64_t deadline = rel_ns > INT64_MAX - now ? INT64_MAX - 1 : now + rel_ns;
  int r = sigemu__libc_sleep_until(deadline);
  if (left) {
    int64_t l = deadline - sigemu__os_monotonic_ns();
    *left = r == 0 || l < 0 ? 0 : l;
  }
  return r == 0 ? 0 : sigemu__libc_fail(r);
}

int __wrap_nanosleep(const struct timespec *req, struct timespec *rem);
int __wrap_nanosleep(const struct timespec *req, struct timespec *rem) {
  int64_t ns, left;
  if (!req) {
    errno = EFAULT;
    return -1;
  }
  if (!sigemu__libc_ts_ns(req, &ns)) return sigemu__libc_fail(SIGEMU_EINVAL);
  int r = sigemu__libc_sleep_rel(ns, &left);
  if (r < 0 && errno == EINTR && rem) sigemu__libc_ns_ts(left, rem);
  return r;
}

int __wrap_clock_nanosleep(clockid_t clock, int flags,
                           const struct timespec *req, struct timespec *rem);
int __wrap_clock_nanosleep(clockid_t clock, int flags,
                           const struct timespec *req, struct timespec *rem) {
  int64_t ns, left;
#ifdef CLOCK_PROCESS_CPUTIME_ID /* wasi-libc 2024 has it only with
                                  _WASI_EMULATED_PROCESS_CLOCKS */
  if (clock == CLOCK_PROCESS_CPUTIME_ID) return ENOTSUP;
#endif
  if (clock != CLOCK_REALTIME && clock != CLOCK_MONOTONIC) return EINVAL;
  if (!req) return EFAULT;
  if (!sigemu__libc_ts_ns(req, &ns)) return EINVAL;
  int saved = errno; /* it returns the error; errno stays as it was */
  int e = 0;
  if (flags & TIMER_ABSTIME) {
    /* An absolute time on the caller's clock: sleep for how far it is now,
     * and again until that clock has passed it — the sleep runs on the
     * monotonic clock, and a coarser or drifting CLOCK_REALTIME (Date.now()
     * has whole milliseconds) may still read short of the deadline. rem is
     * not written for an absolute sleep. */
    for (bool first = true;; first = false) {
      bool ok;
      int64_t now = sigemu__libc_now_ns(clock, &ok);
      if (!ok) {
        e = EINVAL;
        break;
      }
      if (now >= ns) {
        /* A deadline already past still is a delivery point (a sleep of 0). */
        if (first && sigemu__libc_sleep_rel(0, NULL) < 0) e = errno;
        break;
      }
      if (sigemu__libc_sleep_rel(ns - now, NULL) < 0) {
        e = errno;
        break;
      }
    }
  } else if (sigemu__libc_sleep_rel(ns, &left) < 0) {
    e = errno;
    if (e == EINTR && rem) sigemu__libc_ns_ts(left, rem);
  }
  errno = saved;
  return e;
}

/* The internal name musl's nanosleep() calls on Emscripten. */
int __wrap___clock_nanosleep(clockid_t clock, int flags,
                             const struct timespec *req, struct timespec *rem);
int __wrap___clock_nanosleep(clockid_t clock, int flags,
                             const struct timespec *req, struct timespec *rem) {
  return __wrap_clock_nanosleep(clock, flags, req, rem);
}

unsigned __wrap_sleep(unsigned seconds);
unsigned __wrap_sleep(unsigned seconds) {
  int saved = errno;
  struct timespec ts = {(time_t)seconds, 0};
  if (__wrap_nanosleep(&ts, &ts) < 0) return (unsigned)ts.tv_sec;
  errno = saved;
  return 0;
}

int __wrap_usleep(useconds_t us);
int __wrap_usleep(useconds_t us) {
  struct timespec ts = {(time_t)(us / 1000000), (long)(us % 1000000) * 1000};
  return __wrap_nanosleep(&ts, NULL);
}

