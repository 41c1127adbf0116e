/* libc_wait.c — waiting for a signal: sigwait, sigwaitinfo, sigtimedwait,
 * pause. As glibc on Linux: sigwaitinfo and sigtimedwait return -1 EINTR
 * when a handler ran meanwhile, sigwait retries then (it cannot fail with
 * EINTR), sigtimedwait's timeout is EAGAIN, pause always ends with EINTR.
 */
#include <string.h>

#include "libc_internal.h"

/* A bad pointer reaches the kernel in glibc, which answers EFAULT. */
static int efault(void) {
  errno = EFAULT;
  return -1;
}

static int wait_set(const sigset_t *set, int64_t deadline, siginfo_t *info) {
  sigemu__libc_start();
  sigemu_sigset s = sigemu__libc_from_sigset(set);
  kit_siginfo ki;
  int r = sigemu__kit_wait(&s, deadline, &ki);
  ki.code = sigemu__kit_fold_code(ki.code); /* glibc folds SI_TKILL */
  if (r > 0 && info) sigemu__libc_fill_siginfo(info, &ki);
  return r;
}

int __wrap_sigwaitinfo(const sigset_t *set, siginfo_t *info);
int __wrap_sigwaitinfo(const sigset_t *set, siginfo_t *info) {
  if (!set) return efault();
  int r = wait_set(set, INT64_MAX, info);
  return r > 0 ? r : sigemu__libc_fail(r);
}

int __wrap_sigtimedwait(const sigset_t *set, siginfo_t *info,
                        const struct timespec *ts);
int __wrap_sigtimedwait(const sigset_t *set, siginfo_t *info,
                        const struct timespec *ts) {
  if (!set) return efault();
  int64_t deadline = INT64_MAX;
  if (ts) {
    int64_t ns;
    if (!sigemu__libc_ts_ns(ts, &ns)) return sigemu__libc_fail(SIGEMU_EINVAL);
    int64_t now = sigemu__os_monotonic_ns();
    deadline = ns > INT64_MAX - now ? INT64_MAX - 1 : now + ns;
  }
  int r = wait_set(set, deadline, info);
  return r > 0 ? r : sigemu__libc_fail(r);
}

int __wrap_sigwait(const sigset_t *set, int *sig);
int __wrap_sigwait(const sigset_t *set, int *sig) {
  if (!set || !sig) return EFAULT;
  for (;;) {
    int r = wait_set(set, INT64_MAX, NULL);
    if (r > 0) {
      *sig = r;
      return 0;
    }
    if (r != SIGEMU_EINTR) return sigemu__libc_errno(r);
  }
}

int __wrap_pause(void);
int __wrap_pause(void) {
  int r = sigemu__libc_sleep_until(INT64_MAX);
  return sigemu__libc_fail(r < 0 ? r : SIGEMU_EINTR);
}
