/* libc_select.c — select() and poll() used as timed sleeps (no file
 * descriptors): interrupted by a handler (EINTR), never busy-waiting. With
 * file descriptors they are the C library's own, untouched. Linux writes
 * the time not slept back into select's timeval; so does this.
 */
#include <poll.h>
#include <sys/select.h>

#include "libc_internal.h"

static bool tv_ok(const struct timeval *tv) {
  return tv->tv_sec >= 0 && tv->tv_usec >= 0 && tv->tv_usec < 1000000;
}

int __real_select(int n, fd_set *r, fd_set *w, fd_set *e, struct timeval *tv);
int __wrap_select(int n, fd_set *r, fd_set *w, fd_set *e, struct timeval *tv);
int __wrap_select(int n, fd_set *r, fd_set *w, fd_set *e, struct timeval *tv) {
  if (n > 0 && (r || w || e)) return __real_select(n, r, w, e, tv);
  if (n < 0) return sigemu__libc_fail(SIGEMU_EINVAL);
  if (!tv) {
    int rc = sigemu__libc_sleep_until(INT64_MAX);
    return sigemu__libc_fail(rc < 0 ? rc : SIGEMU_EINTR);
  }
  if (!tv_ok(tv)) return sigemu__libc_fail(SIGEMU_EINVAL);
  int64_t left;
  int rc = sigemu__libc_sleep_rel(
      (int64_t)tv->tv_sec * 1000000000 + (int64_t)tv->tv_usec * 1000, &left);
  /* Linux writes the time not slept back into the timeval. */
  tv->tv_sec = (time_t)(left / 1000000000);
  tv->tv_usec = (suseconds_t)((left % 1000000000) / 1000);
  return rc;
}

int __real_poll(struct pollfd *fds, nfds_t n, int timeout);
int __wrap_poll(struct pollfd *fds, nfds_t n, int timeout);
int __wrap_poll(struct pollfd *fds, nfds_t n, int timeout) {
  if (n > 0) return __real_poll(fds, n, timeout);
  if (timeout < 0) {
    int rc = sigemu__libc_sleep_until(INT64_MAX);
    return sigemu__libc_fail(rc < 0 ? rc : SIGEMU_EINTR);
  }
  return sigemu__libc_sleep_rel((int64_t)timeout * 1000000, NULL);
}
