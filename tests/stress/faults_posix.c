/* faults_posix.c — fault injection at the posix backend's syscall table
 * (platform/posix/posix_syscalls.h): EINTR on every wait, a failing
 * sigaction / setitimer / pthread_sigmask, EAGAIN on the wakeup write.
 *
 * Why: PEP 475 says waits retry EINTR (sigtimedwait on what is left of a
 * fixed deadline, sleep to its absolute deadline), and a failed call must
 * change no state; a real kernel returns those errors only under rare
 * timing, so the table makes each one happen on demand.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "harness.h"
#include "posix_syscalls.h"
#include "sigemu.h"

static int runs;
static char reports[4096];
static int rec(int sig, void *arg) {
  (void)sig;
  (void)arg;
  runs++;
  return 0;
}
static void report(const char *m, void *arg) {
  (void)arg;
  strncat(reports, m, sizeof reports - strlen(reports) - 2);
  strcat(reports, "\n");
}

static void setup(void) {
  sigemu__posix_sys_reset();
  sigemu_options o = {.report = report};
  sigemu_init(&o);
  runs = 0;
  reports[0] = 0;
}
static void teardown(void) {
  sigemu__posix_sys_reset();
  sigemu_shutdown();
}

static double now_s(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Fail the first `eintr_left` calls with EINTR, then call the real one. */
static int eintr_left, eintr_seen;
static sigemu__posix_syscalls real;

static int fake_sigtimedwait(const sigset_t *set, siginfo_t *info,
                             const struct timespec *timeout) {
  if (eintr_left > 0) {
    eintr_left--;
    eintr_seen++;
    errno = EINTR;
    return -1;
  }
  return real.sigtimedwait(set, info, timeout);
}
static int fake_sleep_masked(const struct timespec *timeout,
                             const sigset_t *mask) {
  if (eintr_left > 0) {
    eintr_left--;
    eintr_seen++;
    errno = EINTR;
    return -1;
  }
  return real.sleep_masked(timeout, mask);
}
static int fail_sigaction(int sig, const struct sigaction *act,
                          struct sigaction *old) {
  (void)sig;
  (void)act;
  (void)old;
  errno = EPERM;
  return -1;
}
static int fail_setitimer(int which, const struct itimerval *v,
                          struct itimerval *old) {
  (void)which;
  (void)v;
  (void)old;
  errno = EINVAL;
  return -1;
}
static ssize_t eagain_write(int fd, const void *buf, size_t n) {
  (void)fd;
  (void)buf;
  (void)n;
  errno = EAGAIN;
  return -1;
}

static void block_pending(int sig) {
  sigemu_sigset s;
  sigemu_sigemptyset(&s);
  sigemu_sigaddset(&s, sig);
  sigemu_pthread_sigmask(SIGEMU_SIG_BLOCK, &s, NULL);
  raise(sig);
}

static void t_sigtimedwait_retries_eintr(void) {
  real = sigemu__posix_sys;
  sigemu__posix_sys.sigtimedwait = fake_sigtimedwait;
  eintr_left = 3;
  eintr_seen = 0;
  block_pending(SIGUSR1);
  sigemu_sigset s;
  sigemu_sigemptyset(&s);
  sigemu_sigaddset(&s, SIGUSR1);
  sigemu_siginfo info;
  T_EQ_ERR(sigemu_sigtimedwait(&s, 5.0, &info), 0);
  T_EQ_INT(info.signo, SIGUSR1);
  T_EQ_INT(eintr_seen, 3);
}

static void t_sigwaitinfo_retries_eintr(void) {
  real = sigemu__posix_sys;
  sigemu__posix_sys.sigtimedwait = fake_sigtimedwait;
  eintr_left = 2;
  eintr_seen = 0;
  block_pending(SIGUSR2);
  sigemu_sigset s;
  sigemu_sigemptyset(&s);
  sigemu_sigaddset(&s, SIGUSR2);
  sigemu_siginfo info;
  T_EQ_ERR(sigemu_sigwaitinfo(&s, &info), 0);
  T_EQ_INT(info.signo, SIGUSR2);
  T_EQ_INT(eintr_seen, 2);
}

static void t_sigwait_retries_eintr(void) {
  real = sigemu__posix_sys;
  sigemu__posix_sys.sigtimedwait = fake_sigtimedwait;
  eintr_left = 2;
  eintr_seen = 0;
  block_pending(SIGUSR1);
  sigemu_sigset s;
  sigemu_sigemptyset(&s);
  sigemu_sigaddset(&s, SIGUSR1);
  int sig = 0;
  T_EQ_ERR(sigemu_sigwait(&s, &sig), 0);
  T_EQ_INT(sig, SIGUSR1);
  T_EQ_INT(eintr_seen, 2);
}

static void t_sigtimedwait_eintr_keeps_deadline(void) {
  /* Nothing arrives: the wait still times out, once, on its deadline. */
  real = sigemu__posix_sys;
  sigemu__posix_sys.sigtimedwait = fake_sigtimedwait;
  eintr_left = 2;
  eintr_seen = 0;
  sigemu_sigset s;
  sigemu_sigemptyset(&s);
  sigemu_sigaddset(&s, SIGUSR1);
  sigemu_siginfo info;
  double t0 = now_s();
  T_EQ_ERR(sigemu_sigtimedwait(&s, 0.05, &info), SIGEMU_EAGAIN);
  double dt = now_s() - t0;
  T_TRUE(dt >= 0.045);
  T_TRUE(dt < 5.0);
  T_EQ_INT(eintr_seen, 2);
}

static void t_sleep_sleeps_on_after_eintr(void) {
  real = sigemu__posix_sys;
  sigemu__posix_sys.sleep_masked = fake_sleep_masked;
  eintr_left = 3;
  eintr_seen = 0;
  double t0 = now_s();
  T_EQ_ERR(sigemu_sleep(0.05), 0);
  double dt = now_s() - t0;
  T_TRUE(dt >= 0.045); /* not shortened */
  T_TRUE(dt < 5.0);
  T_EQ_INT(eintr_seen, 3);
}

static void t_failing_sigaction_changes_nothing(void) {
  sigemu_action a = {SIGEMU_CALL, rec, NULL}, cur;
  T_EQ_ERR(sigemu_signal(SIGUSR1, &a, NULL), 0);
  sigemu__posix_sys.sigaction = fail_sigaction;
  sigemu_action ign = {SIGEMU_IGN, NULL, NULL};
  int r = sigemu_signal(SIGUSR1, &ign, NULL);
  T_TRUE(r < 0);
  T_EQ_STR(sigemu_error_pyexc(r), "PermissionError");
  sigemu__posix_sys_reset();
  T_EQ_ERR(sigemu_getsignal(SIGUSR1, &cur), 0);
  T_EQ_INT(cur.kind, SIGEMU_CALL);
  T_TRUE(cur.fn == rec);
  /* And the old handler still works. */
  raise(SIGUSR1);
  T_EQ_ERR(sigemu_check(), 0);
  T_EQ_INT(runs, 1);
}

static void t_failing_setitimer_changes_nothing(void) {
  T_EQ_ERR(sigemu_setitimer(SIGEMU_ITIMER_REAL, 100.0, 0.0, NULL, NULL), 0);
  sigemu__posix_sys.setitimer = fail_setitimer;
  int r = sigemu_setitimer(SIGEMU_ITIMER_REAL, 5.0, 0.0, NULL, NULL);
  T_TRUE(r < 0);
  sigemu__posix_sys_reset();
  double v = 0, iv = 0;
  T_EQ_ERR(sigemu_getitimer(SIGEMU_ITIMER_REAL, &v, &iv), 0);
  T_TRUE(v > 99.0 && v <= 100.0);
  T_EQ_ERR(sigemu_setitimer(SIGEMU_ITIMER_REAL, 0, 0, NULL, NULL), 0);
}

static void t_wakeup_eagain_reported_handler_runs(void) {
  int p[2];
  T_EQ_INT(pipe(p), 0);
  fcntl(p[1], F_SETFL, O_NONBLOCK);
  sigemu_action a = {SIGEMU_CALL, rec, NULL};
  T_EQ_ERR(sigemu_signal(SIGUSR1, &a, NULL), 0);
  T_EQ_ERR(sigemu_set_wakeup_fd(p[1], true, NULL), 0);
  sigemu__posix_sys.write = eagain_write;
  raise(SIGUSR1);
  T_EQ_ERR(sigemu_check(), 0);
  sigemu__posix_sys_reset();
  T_EQ_INT(runs, 1);
  T_TRUE(strstr(reports, "Exception ignored when trying to write to the "
                         "signal wakeup fd") != NULL);
  T_TRUE(strstr(reports, "BlockingIOError") != NULL);
  /* warn_on_full_buffer=False: silent. */
  reports[0] = 0;
  T_EQ_ERR(sigemu_set_wakeup_fd(p[1], false, NULL), 0);
  sigemu__posix_sys.write = eagain_write;
  raise(SIGUSR1);
  T_EQ_ERR(sigemu_check(), 0);
  sigemu__posix_sys_reset();
  T_EQ_INT(runs, 2);
  T_EQ_STR(reports, "");
  sigemu_set_wakeup_fd(-1, true, NULL);
  close(p[0]);
  close(p[1]);
}

int main(int argc, char **argv) {
  harness_setup = setup;
  harness_teardown = teardown;
  static const harness_test tests[] = {
      T(t_sigtimedwait_retries_eintr),
      T(t_sigwaitinfo_retries_eintr),
      T(t_sigwait_retries_eintr),
      T(t_sigtimedwait_eintr_keeps_deadline),
      T(t_sleep_sleeps_on_after_eintr),
      T(t_failing_sigaction_changes_nothing),
      T(t_failing_setitimer_changes_nothing),
      T(t_wakeup_eagain_reported_handler_runs)};
  return harness_main(argc, argv, tests, HARNESS_COUNT(tests));
}
