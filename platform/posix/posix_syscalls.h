/* posix_syscalls.h — the OS seam of the posix backend, as a table tests can
 * override (STYLE rule 6, after SQLite's aSyscall[]).
 *
 * Every kernel call the backend makes whose failure matters goes through
 * sigemu__posix_sys, so a test can make sigaction fail, make sigtimedwait or
 * the sleep return EINTR, or make the wakeup write see a full pipe (EAGAIN),
 * without any special build. Entries follow one convention: return -1 and
 * set errno on failure, even where the libc function returns the error
 * number (pthread_kill); the wrappers in posix_syscalls.c adapt those, so an
 * override only has to set errno. One exception, for speed: the default
 * pthread_sigmask entry is the libc's own function (every mask change goes
 * through it), so the backend also accepts the error number it returns; an
 * override may do either.
 *
 * Internal to the backend and its tests (tests/posix/); not installed.
 */
#ifndef SIGEMU_POSIX_SYSCALLS_H
#define SIGEMU_POSIX_SYSCALLS_H

#include <pthread.h>
#include <signal.h>
#include <sys/select.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/types.h>
#include <time.h>

typedef struct {
  int (*sigaction)(int sig, const struct sigaction *act,
                   struct sigaction *old);
  int (*pthread_sigmask)(int how, const sigset_t *set, sigset_t *old);
  int (*sigpending)(sigset_t *set);
  /* timeout NULL: wait forever (sigwaitinfo). info may be NULL. */
  int (*sigtimedwait)(const sigset_t *set, siginfo_t *info,
                      const struct timespec *timeout);
  /* Sleep with mask installed atomically (pselect with no fds).
   * timeout NULL: until a signal. */
  int (*sleep_masked)(const struct timespec *timeout, const sigset_t *mask);
  int (*setitimer)(int which, const struct itimerval *v,
                   struct itimerval *old);
  int (*getitimer)(int which, struct itimerval *v);
  int (*raise)(int sig);
  int (*pthread_kill)(pthread_t t, int sig);
  int (*pidfd_send_signal)(int pidfd, int sig, unsigned flags);
  /* Called from the signal handler: must stay async-signal-safe. */
  ssize_t (*write)(int fd, const void *buf, size_t n);
  int (*fstat)(int fd, struct stat *st);
  int (*getfl)(int fd); /* fcntl(fd, F_GETFL) */
} sigemu__posix_syscalls;

/* The live table. Tests assign entries while no signal is in flight. */
extern sigemu__posix_syscalls sigemu__posix_sys;
/* Put every entry back to the real call. */
void sigemu__posix_sys_reset(void);

/* The one errno -> SIGEMU_E* translation of this backend (STYLE rule 4).
 * Records err for sigemu_last_os_error(). Not async-signal-safe: the
 * signal-handler path uses sigemu__posix_errno_code() instead, which only
 * maps (same table) and records nothing. */
int sigemu__posix_error(int err);
int sigemu__posix_errno_code(int err);

#endif /* SIGEMU_POSIX_SYSCALLS_H */
