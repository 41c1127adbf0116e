/* test_posix_faults.c — faults injected at the posix backend's OS seam
 * (the sigemu__posix_sys table): EINTR and EAGAIN on the wakeup write, a
 * broken fd, failing pthread_sigmask, pidfd_send_signal without kernel
 * support. The real kernel cannot be made to do these on demand; the table
 * can (STYLE rule 6).
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <unistd.h>

#include "posix_syscalls.h"
#include "posix_test.h"

static atomic_int write_calls, write_eintr_left, write_errno;

/* Runs inside the signal handler: only async-signal-safe work. */
static ssize_t fake_write(int fd, const void *buf, size_t n) {
  atomic_fetch_add(&write_calls, 1);
  if (atomic_fetch_sub(&write_eintr_left, 1) > 0) {
    errno = EINTR;
    return -1;
  }
  int e = atomic_load(&write_errno);
  if (e) {
    errno = e;
    return -1;
  }
  return write(fd, buf, n);
}

static int nb_pipe(int p[2]) {
  if (pipe(p) < 0) return -1;
  for (int i = 0; i < 2; i++) fcntl(p[i], F_SETFL, fcntl(p[i], F_GETFL) | O_NONBLOCK);
  return 0;
}

static void arm_write(int eintr, int err) {
  atomic_store(&write_calls, 0);
  atomic_store(&write_eintr_left, eintr);
  atomic_store(&write_errno, err);
  sigemu__posix_sys.write = fake_write;
}

/* EINTR on the wakeup write is retried: the byte still arrives, nothing is
 * reported. */
static void t_wakeup_write_eintr_retried(void) {
  int p[2];
  T_EQ_INT(nb_pipe(p), 0);
  T_EQ_ERR(pt_install(SIGUSR1, 0), 0);
  T_EQ_ERR(sigemu_set_wakeup_fd(p[1], true, NULL), 0);
  arm_write(2, 0);
  T_EQ_ERR(sigemu_raise_signal(SIGUSR1), 0);
  T_EQ_INT(atomic_load(&write_calls), 3);
  unsigned char b = 0;
  T_EQ_INT(read(p[0], &b, 1), 1);
  T_EQ_INT(b, SIGUSR1);
  T_EQ_STR(pt_reports, "");
  T_EQ_INT(atomic_load(&pt_hits[SIGUSR1]), 1);
  sigemu_set_wakeup_fd(-1, true, NULL);
  close(p[0]);
  close(p[1]);
}

/* EAGAIN (a full pipe) is warned about unless warn_on_full_buffer is
 * false; the handler runs either way. */
static void t_wakeup_write_eagain(void) {
  int p[2];
  T_EQ_INT(nb_pipe(p), 0);
  T_EQ_ERR(pt_install(SIGUSR1, 0), 0);
  T_EQ_ERR(sigemu_set_wakeup_fd(p[1], true, NULL), 0);
  arm_write(0, EAGAIN);
  T_EQ_ERR(sigemu_raise_signal(SIGUSR1), 0);
  T_TRUE(strstr(pt_reports, "Exception ignored when trying to write to the "
                            "signal wakeup fd:") != NULL);
  T_TRUE(strstr(pt_reports, "[Errno 11] Resource temporarily unavailable") != NULL);
  T_EQ_INT(atomic_load(&write_calls), 1); /* EAGAIN is not retried */
  pt_reports_clear();
  T_EQ_ERR(sigemu_set_wakeup_fd(p[1], false, NULL), 0);
  T_EQ_ERR(sigemu_raise_signal(SIGUSR1), 0);
  T_EQ_STR(pt_reports, "");
  T_EQ_INT(atomic_load(&pt_hits[SIGUSR1]), 2);
  sigemu_set_wakeup_fd(-1, true, NULL);
  close(p[0]);
  close(p[1]);
}

/* Other errors are reported even with warn_on_full_buffer false
 * (python3: "OSError: [Errno 9] Bad file descriptor"). */
static void t_wakeup_write_other_error(void) {
  int p[2];
  T_EQ_INT(nb_pipe(p), 0);
  T_EQ_ERR(pt_install(SIGUSR1, 0), 0);
  T_EQ_ERR(sigemu_set_wakeup_fd(p[1], false, NULL), 0);
  arm_write(0, EBADF);
  T_EQ_ERR(sigemu_raise_signal(SIGUSR1), 0);
  T_TRUE(strstr(pt_reports, "[Errno 9] Bad file descriptor") != NULL);
  T_EQ_INT(atomic_load(&pt_hits[SIGUSR1]), 1);
  sigemu_set_wakeup_fd(-1, true, NULL);
  close(p[0]);
  close(p[1]);
}

static int fail_sigmask(int how, const sigset_t *set, sigset_t *old) {
  if (set) {
    errno = EINVAL;
    return -1;
  }
  return pthread_sigmask(how, set, old);
}

/* A failing pthread_sigmask changes nothing and gives OSError EINVAL. */
static void t_fault_sigmask(void) {
  sigemu_sigset s = pt_set_of(SIGUSR1, 0, 0), cur;
  sigemu__posix_sys.pthread_sigmask = fail_sigmask;
  T_EQ_ERR(sigemu_pthread_sigmask(SIGEMU_SIG_BLOCK, &s, NULL), SIGEMU_EINVAL);
  T_EQ_INT(sigemu_last_os_error(), EINVAL);
  sigemu__posix_sys_reset();
  T_EQ_ERR(sigemu_pthread_sigmask(SIGEMU_SIG_BLOCK, NULL, &cur), 0);
  T_EQ_INT(sigemu_sigismember(&cur, SIGUSR1), 0);
}

static int enosys_pidfd(int fd, int sig, unsigned flags) {
  (void)fd;
  (void)sig;
  (void)flags;
  errno = ENOSYS;
  return -1;
}

/* A kernel without pidfd_send_signal (< 5.1): a clear "not supported". */
static void t_fault_pidfd_enosys(void) {
  sigemu__posix_sys.pidfd_send_signal = enosys_pidfd;
  T_EQ_ERR(sigemu_pidfd_send_signal(3, SIGTERM, 0), SIGEMU_ENOSYS);
  T_EQ_INT(sigemu_last_os_error(), ENOSYS);
}

static int fail_fstat(int fd, struct stat *st) {
  (void)fd;
  (void)st;
  errno = EBADF;
  return -1;
}

static void t_fault_wakeup_validate(void) {
  int p[2];
  T_EQ_INT(nb_pipe(p), 0);
  sigemu__posix_sys.fstat = fail_fstat;
  T_EQ_ERR(sigemu_set_wakeup_fd(p[1], true, NULL), SIGEMU_EBADF);
  sigemu__posix_sys_reset();
  intptr_t old = 0;
  T_EQ_ERR(sigemu_set_wakeup_fd(-1, true, &old), 0);
  T_EQ_INT(old, -1); /* the failed call installed nothing */
  close(p[0]);
  close(p[1]);
}

static const harness_test tests[] = {
    T(t_wakeup_write_eintr_retried),
    T(t_wakeup_write_eagain),
    T(t_wakeup_write_other_error),
    T(t_fault_sigmask),
    T(t_fault_pidfd_enosys),
    T(t_fault_wakeup_validate),
};

int main(int argc, char **argv) {
  harness_setup = pt_setup;
  harness_teardown = pt_teardown;
  return harness_main(argc, argv, tests, HARNESS_COUNT(tests));
}
