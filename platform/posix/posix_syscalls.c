/* posix_syscalls.c — the default OS call table and the errno translation.
 *
 * The table's entries are thin adapters over libc so that every entry has
 * the same failure convention (-1 and errno), whatever the libc function
 * does; tests replace entries to inject faults (see posix_syscalls.h). The
 * errno translation lives here, once, as STYLE rule 4 asks.
 */
#include "posix_syscalls.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#if defined(__linux__)
#  include <sys/syscall.h>
#endif

#include "backend.h"

static int sys_sigaction(int sig, const struct sigaction *act,
                         struct sigaction *old) {
  return sigaction(sig, act, old);
}

/* pthread_sigmask: the libc's own function (see posix_syscalls.h). */

static int sys_sigpending(sigset_t *set) { return sigpending(set); }

#if defined(__APPLE__)
/* macOS has sigwait() only (Python there has no sigwaitinfo/sigtimedwait):
 * an untimed wait is served by sigwait with just the number filled in. */
static int sys_sigtimedwait(const sigset_t *set, siginfo_t *info,
                            const struct timespec *timeout) {
  int sig = 0, e;
  if (timeout) {
    errno = ENOSYS;
    return -1;
  }
  e = sigwait(set, &sig);
  if (e) {
    errno = e;
    return -1;
  }
  if (info) info->si_signo = sig;
  return sig;
}
#else
static int sys_sigtimedwait(const sigset_t *set, siginfo_t *info,
                            const struct timespec *timeout) {
  if (!timeout) return sigwaitinfo(set, info);
  return sigtimedwait(set, info, timeout);
}
#endif

static int sys_sleep_masked(const struct timespec *timeout,
                            const sigset_t *mask) {
  /* pselect with no descriptors: on Linux a real syscall (pselect6), so the
   * mask swap and the sleep are one atomic step. */
  return pselect(0, NULL, NULL, NULL, timeout, mask);
}

static int sys_setitimer(int which, const struct itimerval *v,
                         struct itimerval *old) {
  return setitimer(which, v, old);
}

static int sys_getitimer(int which, struct itimerval *v) {
  return getitimer(which, v);
}

static int sys_raise(int sig) { return raise(sig); }

static int sys_pthread_kill(pthread_t t, int sig) {
  int e = pthread_kill(t, sig);
  if (e == 0) return 0;
  errno = e;
  return -1;
}

static int sys_pidfd_send_signal(int pidfd, int sig, unsigned flags) {
#if defined(__linux__) && defined(SYS_pidfd_send_signal)
  return (int)syscall(SYS_pidfd_send_signal, pidfd, sig, (void *)0, flags);
#else
  (void)pidfd;
  (void)sig;
  (void)flags;
  errno = ENOSYS;
  return -1;
#endif
}

static ssize_t sys_write(int fd, const void *buf, size_t n) {
  return write(fd, buf, n);
}

static int sys_fstat(int fd, struct stat *st) { return fstat(fd, st); }

static int sys_getfl(int fd) { return fcntl(fd, F_GETFL); }

static const sigemu__posix_syscalls defaults = {
    sys_sigaction,     pthread_sigmask,     sys_sigpending,
    sys_sigtimedwait,  sys_sleep_masked,    sys_setitimer,
    sys_getitimer,     sys_raise,           sys_pthread_kill,
    sys_pidfd_send_signal, sys_write,       sys_fstat,
    sys_getfl,
};

sigemu__posix_syscalls sigemu__posix_sys = {
    sys_sigaction,     pthread_sigmask,     sys_sigpending,
    sys_sigtimedwait,  sys_sleep_masked,    sys_setitimer,
    sys_getitimer,     sys_raise,           sys_pthread_kill,
    sys_pidfd_send_signal, sys_write,       sys_fstat,
    sys_getfl,
};

void sigemu__posix_sys_reset(void) { sigemu__posix_sys = defaults; }

/* ---- errno -> SIGEMU_E* ------------------------------------------------- */

int sigemu__posix_errno_code(int err) {
  switch (err) {
    case 0: return 0;
    case EINVAL: return SIGEMU_EINVAL;
    case EBADF: return SIGEMU_EBADF;
    case EINTR: return SIGEMU_EINTR;
    case ESRCH: return SIGEMU_ESRCH;
    case EPERM: return SIGEMU_EPERM;
    case ENOSYS: return SIGEMU_ENOSYS;
    case EAGAIN: return SIGEMU_EAGAIN;
#if defined(EWOULDBLOCK) && EWOULDBLOCK != EAGAIN
    case EWOULDBLOCK: return SIGEMU_EAGAIN;
#endif
    default: return SIGEMU_EOS;
  }
}

int sigemu__posix_error(int err) {
  sigemu__set_os_error(err);
  return sigemu__posix_errno_code(err);
}
