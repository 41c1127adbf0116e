/* test_wakeup.c — the wakeup-fd policy of the core on sim's virtual pipes
 * (unit_wakeup): which signals write a byte, what the byte is, the warning
 * on a failed write and when it is silent, the EINTR retry, and every bad
 * fd.
 *
 * Why: the wakeup fd rules of CPython's signal module. CPython (checked with python3 on Linux)
 * writes one byte, the signal number, only for signals with a Python-level
 * handler; a write that fails prints "Exception ignored when trying to write
 * to the signal wakeup fd:" then "BlockingIOError: [Errno 11] Resource
 * temporarily unavailable", except when warn_on_full_buffer=False and the
 * error is EAGAIN; set_wakeup_fd(-2 | 9999) is OSError EBADF and a blocking
 * fd is ValueError. sim's pipes have a chosen capacity and can inject
 * faults (sigemu_sim_pipe_fault), which real pipes cannot do on demand.
 */
#include "unit.h"

#define WARN_EAGAIN                                                          \
  "Exception ignored when trying to write to the signal wakeup fd:\n"        \
  "BlockingIOError: [Errno 11] Resource temporarily unavailable"
#define WARN_EBADF                                                           \
  "Exception ignored when trying to write to the signal wakeup fd:\n"        \
  "OSError: [Errno 9] Bad file descriptor"

static intptr_t wakeup_now(void) {
  intptr_t old = -2;
  if (sigemu_set_wakeup_fd(-1, true, &old) != 0) return -3;
  if (old != -1) sigemu_set_wakeup_fd(old, true, NULL);
  return old;
}

static void t_wakeup_fd_returns_old_fd(void) {
  intptr_t a = unit_pipe(8, true), b = unit_pipe(8, true), old = 0;
  T_EQ_INT(sigemu_set_wakeup_fd(a, true, &old), 0);
  T_EQ_INT(old, -1);
  T_EQ_INT(sigemu_set_wakeup_fd(b, true, &old), 0);
  T_EQ_INT(old, a);
  T_EQ_INT(sigemu_set_wakeup_fd(b, true, &old), 0); /* same fd again */
  T_EQ_INT(old, b);
  T_EQ_INT(sigemu_set_wakeup_fd(-1, true, &old), 0);
  T_EQ_INT(old, b);
  T_EQ_INT(sigemu_set_wakeup_fd(-1, true, &old), 0);
  T_EQ_INT(old, -1);
}

static void t_wakeup_fd_old_may_be_null(void) {
  intptr_t a = unit_pipe(8, true);
  T_EQ_INT(sigemu_set_wakeup_fd(a, true, NULL), 0);
  T_EQ_INT(wakeup_now(), a);
}

static void t_wakeup_fd_minus_one_disables(void) {
  intptr_t fd = unit_pipe(8, true);
  unit_catch(U_SIGUSR1);
  sigemu_set_wakeup_fd(fd, true, NULL);
  sigemu_set_wakeup_fd(-1, true, NULL);
  T_EQ_INT(sigemu_raise_signal(U_SIGUSR1), 0);
  unsigned char b[8];
  T_EQ_INT(unit_drain(fd, b, 8), 0);
  T_EQ_INT(sigemu_sim_pipe_attempts(fd), 0);
  T_EQ_INT(U.n, 1);
}

static void t_wakeup_byte_is_signal_number_for_call_handlers(void) {
  intptr_t fd = unit_pipe(16, true);
  sigemu_set_wakeup_fd(fd, true, NULL);
  unit_catch(U_SIGUSR1);
  unit_catch(U_SIGRTMAX);
  unit_catch(U_SIGHUP);
  sigemu_raise_signal(U_SIGUSR1);
  sigemu_raise_signal(U_SIGRTMAX);
  sigemu_raise_signal(U_SIGHUP);
  unsigned char b[16];
  T_EQ_INT(unit_drain(fd, b, 16), 3);
  T_EQ_INT(b[0], 10);
  T_EQ_INT(b[1], 64);
  T_EQ_INT(b[2], 1);
}

static void t_wakeup_no_byte_for_ign_or_dfl(void) {
  intptr_t fd = unit_pipe(16, true);
  sigemu_set_wakeup_fd(fd, true, NULL);
  unit_set(U_SIGUSR1, SIGEMU_IGN);
  sigemu_raise_signal(U_SIGUSR1);  /* SIG_IGN */
  sigemu_raise_signal(U_SIGCHLD);  /* SIG_DFL, default ignore */
  sigemu_raise_signal(U_SIGTERM);  /* SIG_DFL, default terminate */
  T_EQ_INT(unit_ndie, 1);          /* recorded, process kept */
  unsigned char b[16];
  T_EQ_INT(unit_drain(fd, b, 16), 0);
  T_EQ_INT(sigemu_sim_pipe_attempts(fd), 0);
}

static void t_wakeup_byte_written_at_arrival_before_check(void) {
  /* The trip path writes the byte; the handler runs later. */
  intptr_t fd = unit_pipe(16, true);
  sigemu_set_wakeup_fd(fd, true, NULL);
  unit_catch(U_SIGUSR2);
  sigemu_sim_send(U_SIGUSR2);
  unsigned char b[16];
  T_EQ_INT(unit_drain(fd, b, 16), 1);
  T_EQ_INT(b[0], U_SIGUSR2);
  T_EQ_INT(U.n, 0);
  T_EQ_INT(sigemu_check(), 0);
  T_EQ_INT(U.n, 1);
}

static void t_wakeup_byte_per_arrival_even_when_coalesced(void) {
  /* Three arrivals before a check: three bytes, one handler run. */
  intptr_t fd = unit_pipe(16, true);
  sigemu_set_wakeup_fd(fd, true, NULL);
  unit_catch(U_SIGUSR2);
  for (int i = 0; i < 3; i++) sigemu_sim_send(U_SIGUSR2);
  T_EQ_INT(sigemu_check(), 0);
  unsigned char b[16];
  T_EQ_INT(unit_drain(fd, b, 16), 3);
  T_EQ_INT(U.count[U_SIGUSR2], 1);
}

static void t_wakeup_full_buffer_reports_warning(void) {
  intptr_t fd = unit_pipe(1, true);
  sigemu_set_wakeup_fd(fd, true, NULL);
  unit_catch(U_SIGUSR1);
  T_EQ_INT(sigemu_raise_signal(U_SIGUSR1), 0);
  T_EQ_STR(unit_reports, "");
  T_EQ_INT(sigemu_raise_signal(U_SIGUSR1), 0); /* buffer full */
  T_EQ_STR(unit_reports, WARN_EAGAIN);
  T_EQ_INT(unit_nreports, 1);
  T_EQ_INT(U.count[U_SIGUSR1], 2); /* the handler still runs */
  unsigned char b[4];
  T_EQ_INT(unit_drain(fd, b, 4), 1);
}

static void t_wakeup_full_buffer_one_report_per_failure(void) {
  intptr_t fd = unit_pipe(0, true);
  sigemu_set_wakeup_fd(fd, true, NULL);
  unit_catch(U_SIGUSR1);
  for (int i = 0; i < 3; i++) sigemu_sim_send(U_SIGUSR1);
  T_EQ_INT(sigemu_check(), 0);
  T_EQ_INT(unit_nreports, 3);
  T_EQ_INT(U.count[U_SIGUSR1], 1);
}

static void t_wakeup_full_buffer_silent_when_warn_false(void) {
  intptr_t fd = unit_pipe(0, true);
  sigemu_set_wakeup_fd(fd, false, NULL);
  unit_catch(U_SIGUSR1);
  T_EQ_INT(sigemu_raise_signal(U_SIGUSR1), 0);
  T_EQ_INT(sigemu_check(), 0);
  T_EQ_INT(unit_nreports, 0);
  T_EQ_INT(sigemu_sim_pipe_attempts(fd), 1);
  T_EQ_INT(U.count[U_SIGUSR1], 1);
}

static void t_wakeup_other_error_reported_even_when_warn_false(void) {
  intptr_t fd = unit_pipe(8, true);
  sigemu_set_wakeup_fd(fd, false, NULL);
  unit_catch(U_SIGUSR1);
  sigemu_sim_pipe_fault(fd, SIGEMU_EBADF, 1);
  T_EQ_INT(sigemu_raise_signal(U_SIGUSR1), 0);
  T_EQ_STR(unit_reports, WARN_EBADF);
}

static void t_wakeup_each_call_resets_warn(void) {
  intptr_t fd = unit_pipe(0, true);
  unit_catch(U_SIGUSR1);
  sigemu_set_wakeup_fd(fd, false, NULL);
  sigemu_set_wakeup_fd(fd, true, NULL); /* warn again */
  T_EQ_INT(sigemu_raise_signal(U_SIGUSR1), 0);
  T_EQ_STR(unit_reports, WARN_EAGAIN);
}

static void t_wakeup_eintr_retried(void) {
  intptr_t fd = unit_pipe(8, true);
  sigemu_set_wakeup_fd(fd, true, NULL);
  unit_catch(U_SIGUSR1);
  sigemu_sim_pipe_fault(fd, SIGEMU_EINTR, 2);
  T_EQ_INT(sigemu_raise_signal(U_SIGUSR1), 0);
  T_EQ_INT(sigemu_sim_pipe_attempts(fd), 3);
  unsigned char b[8];
  T_EQ_INT(unit_drain(fd, b, 8), 1);
  T_EQ_INT(b[0], U_SIGUSR1);
  T_EQ_INT(unit_nreports, 0);
}

static void t_wakeup_closed_fd_reports_ebadf(void) {
  intptr_t fd = unit_pipe(8, true);
  sigemu_set_wakeup_fd(fd, true, NULL);
  unit_catch(U_SIGUSR1);
  sigemu_sim_pipe_close(fd);
  T_EQ_INT(sigemu_raise_signal(U_SIGUSR1), 0);
  T_EQ_STR(unit_reports, WARN_EBADF);
  T_EQ_INT(U.count[U_SIGUSR1], 1);
}

static void t_wakeup_bad_fd_is_ebadf_and_unchanged(void) {
  unit_busy_state();
  unit_state before;
  unit_snap(&before);
  intptr_t closed = unit_pipe(8, true);
  sigemu_sim_pipe_close(closed);
  intptr_t bad[] = {-2, -1000, 0, 5, 999, 9999, closed, INTPTR_MAX};
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    intptr_t old = 1234;
    T_EQ_ERR(sigemu_set_wakeup_fd(bad[i], true, &old), SIGEMU_EBADF);
    T_EQ_INT(old, 1234);
  }
  T_STATE_UNCHANGED(&before);
}

static void t_wakeup_blocking_fd_is_valueerror(void) {
  unit_busy_state();
  unit_state before;
  unit_snap(&before);
  intptr_t fd = unit_pipe(8, false), old = 1234;
  T_EQ_ERR(sigemu_set_wakeup_fd(fd, true, &old), SIGEMU_EBLOCKINGFD);
  T_EQ_ERR(sigemu_set_wakeup_fd(fd, false, &old), SIGEMU_EBLOCKINGFD);
  T_EQ_INT(old, 1234);
  T_STATE_UNCHANGED(&before);
}

#if defined(SIGEMU_UNIT_THREADS)
typedef struct {
  intptr_t fd, old;
  int rc, rc2;
} wk_out;

static void th_set_wakeup(void *p) {
  wk_out *o = p;
  o->rc = sigemu_set_wakeup_fd(o->fd, true, &o->old);
  o->rc2 = sigemu_set_wakeup_fd(-1, true, &o->old);
}

static void t_wakeup_fd_from_thread_is_valueerror(void) {
  intptr_t mine = unit_pipe(8, true), other = unit_pipe(8, true);
  sigemu_set_wakeup_fd(mine, true, NULL);
  wk_out o = {other, 4321, 0, 0};
  unit_in_thread(th_set_wakeup, &o);
  T_EQ_ERR(o.rc, SIGEMU_EWAKEUPMAIN);
  T_EQ_ERR(o.rc2, SIGEMU_EWAKEUPMAIN);
  T_EQ_INT(o.old, 4321);
  T_EQ_INT(wakeup_now(), mine);
}

static void th_send_usr1(void *p) {
  (void)p;
  sigemu_sim_send(U_SIGUSR1);
}

static void t_wakeup_byte_from_other_thread(void) {
  intptr_t fd = unit_pipe(8, true);
  sigemu_set_wakeup_fd(fd, true, NULL);
  unit_catch(U_SIGUSR1);
  unit_in_thread(th_send_usr1, NULL);
  unsigned char b[8];
  T_EQ_INT(unit_drain(fd, b, 8), 1);
  T_EQ_INT(b[0], U_SIGUSR1);
  T_EQ_INT(U.n, 0);
  T_EQ_INT(sigemu_check(), 0);
  T_EQ_INT(U.n, 1);
}
#endif

static const harness_test tests[] = {
    T(t_wakeup_fd_returns_old_fd),
    T(t_wakeup_fd_old_may_be_null),
    T(t_wakeup_fd_minus_one_disables),
    T(t_wakeup_byte_is_signal_number_for_call_handlers),
    T(t_wakeup_no_byte_for_ign_or_dfl),
    T(t_wakeup_byte_written_at_arrival_before_check),
    T(t_wakeup_byte_per_arrival_even_when_coalesced),
    T(t_wakeup_full_buffer_reports_warning),
    T(t_wakeup_full_buffer_one_report_per_failure),
    T(t_wakeup_full_buffer_silent_when_warn_false),
    T(t_wakeup_other_error_reported_even_when_warn_false),
    T(t_wakeup_each_call_resets_warn),
    T(t_wakeup_eintr_retried),
    T(t_wakeup_closed_fd_reports_ebadf),
    T(t_wakeup_bad_fd_is_ebadf_and_unchanged),
    T(t_wakeup_blocking_fd_is_valueerror),
#if defined(SIGEMU_UNIT_THREADS)
    T(t_wakeup_fd_from_thread_is_valueerror),
    T(t_wakeup_byte_from_other_thread),
#endif
};

int main(int argc, char **argv) {
  unit_use_fixture();
  return harness_main(argc, argv, tests, HARNESS_COUNT(tests));
}
