/* faults_sim.c — fault injection at the OS seam of the wakeup fd, on `sim`.
 *
 * Why: the wakeup write runs in the trip path, where nothing may block, fail
 * loudly or lose the signal. CPython's rules: EINTR is retried; a failed
 * write is reported later, on the main thread, as "Exception ignored when
 * trying to write to the signal wakeup fd:", except EAGAIN when
 * warn_on_full_buffer is false; the handler runs either way. sim's pipe
 * faults (sigemu_sim_pipe_fault) and capacity make each case happen on
 * demand.
 */
#include <string.h>

#include "harness.h"
#include "sigemu.h"
#include "sigemu_sim.h"

static int runs;
static int rec(int sig, void *arg) {
  (void)sig;
  (void)arg;
  runs++;
  return 0;
}

static intptr_t fd = -1;

/* Every report since setup, '\n'-joined (the options' report callback). */
static char log_buf[4096];
static void collect(const char *msg, void *arg) {
  (void)arg;
  size_t n = strlen(log_buf), m = strlen(msg);
  if (n + m + 2 < sizeof log_buf) {
    memcpy(log_buf + n, msg, m);
    log_buf[n + m] = '\n';
    log_buf[n + m + 1] = 0;
  }
}

static void setup(void) {
  sigemu_shutdown();
  for (intptr_t f = 1000; f < 1016; f++) sigemu_sim_pipe_close(f);
  sigemu_options o = {.report = collect};
  log_buf[0] = 0;
  sigemu_init(&o);
  runs = 0;
  sigemu_action a = {SIGEMU_CALL, rec, NULL};
  sigemu_signal(10, &a, NULL);
  sigemu_signal(12, &a, NULL);
}
static void teardown(void) {
  sigemu_shutdown();
  for (intptr_t f = 1000; f < 1016; f++) sigemu_sim_pipe_close(f);
}

static int pipe_with(int capacity, bool warn) {
  if (sigemu_sim_pipe(capacity, true, &fd) != 0) return -1;
  return sigemu_set_wakeup_fd(fd, warn, NULL);
}

static int drain(unsigned char *buf, int n) {
  return sigemu_sim_pipe_read(fd, buf, n);
}

static const char *reports(void) { return log_buf; }

static void t_eintr_is_retried(void) {
  T_EQ_ERR(pipe_with(8, true), 0);
  T_EQ_ERR(sigemu_sim_pipe_fault(fd, SIGEMU_EINTR, 3), 0);
  T_EQ_ERR(sigemu_sim_send(10), 0);
  T_EQ_ERR(sigemu_check(), 0);
  unsigned char b[8];
  T_EQ_INT(drain(b, 8), 1);
  T_EQ_INT(b[0], 10);
  T_EQ_INT(sigemu_sim_pipe_attempts(fd), 4); /* 3 EINTR, then the write */
  T_EQ_INT(runs, 1);
  T_EQ_STR(reports(), "");
}

static void t_eagain_warns(void) {
  T_EQ_ERR(pipe_with(8, true), 0);
  T_EQ_ERR(sigemu_sim_pipe_fault(fd, SIGEMU_EAGAIN, 1), 0);
  T_EQ_ERR(sigemu_sim_send(10), 0);
  T_EQ_ERR(sigemu_check(), 0);
  T_EQ_INT(runs, 1); /* the handler runs even though the byte was lost */
  T_TRUE(strstr(reports(), "Exception ignored when trying to write to the "
                           "signal wakeup fd:\nBlockingIOError: [Errno 11]") !=
         NULL);
}

static void t_eagain_silent_without_warn(void) {
  T_EQ_ERR(pipe_with(8, false), 0);
  T_EQ_ERR(sigemu_sim_pipe_fault(fd, SIGEMU_EAGAIN, 2), 0);
  T_EQ_ERR(sigemu_sim_send(10), 0);
  T_EQ_ERR(sigemu_sim_send(12), 0);
  T_EQ_ERR(sigemu_check(), 0);
  T_EQ_INT(runs, 2);
  T_EQ_STR(reports(), "");
}

static void t_full_pipe(void) {
  /* Capacity 1: the second byte does not fit (EAGAIN). */
  T_EQ_ERR(pipe_with(1, true), 0);
  T_EQ_ERR(sigemu_sim_send(10), 0);
  T_EQ_ERR(sigemu_sim_send(12), 0);
  T_EQ_ERR(sigemu_check(), 0);
  T_EQ_INT(runs, 2);
  unsigned char b[4];
  T_EQ_INT(drain(b, 4), 1);
  T_EQ_INT(b[0], 10);
  T_TRUE(strstr(reports(), "BlockingIOError") != NULL);
  /* Same, silenced. */
  log_buf[0] = 0;
  T_EQ_ERR(sigemu_set_wakeup_fd(fd, false, NULL), 0);
  T_EQ_ERR(sigemu_sim_send(10), 0);
  T_EQ_ERR(sigemu_sim_send(12), 0);
  T_EQ_ERR(sigemu_check(), 0);
  T_EQ_INT(runs, 4);
  T_EQ_STR(reports(), "");
}

static void t_other_errors_always_warn(void) {
  T_EQ_ERR(pipe_with(8, false), 0);
  T_EQ_ERR(sigemu_sim_pipe_fault(fd, SIGEMU_EBADF, 1), 0);
  T_EQ_ERR(sigemu_sim_send(10), 0);
  T_EQ_ERR(sigemu_check(), 0);
  T_EQ_INT(runs, 1);
  T_TRUE(strstr(reports(), "OSError: [Errno 9] Bad file descriptor") != NULL);
}

static void t_closed_pipe(void) {
  T_EQ_ERR(pipe_with(8, true), 0);
  T_EQ_ERR(sigemu_sim_pipe_close(fd), 0);
  T_EQ_ERR(sigemu_sim_send(12), 0);
  T_EQ_ERR(sigemu_check(), 0);
  T_EQ_INT(runs, 1);
  T_TRUE(strstr(reports(), "Bad file descriptor") != NULL);
}

int main(int argc, char **argv) {
  harness_setup = setup;
  harness_teardown = teardown;
  static const harness_test tests[] = {
      T(t_eintr_is_retried),        T(t_eagain_warns),
      T(t_eagain_silent_without_warn), T(t_full_pipe),
      T(t_other_errors_always_warn),   T(t_closed_pipe)};
  return harness_main(argc, argv, tests, HARNESS_COUNT(tests));
}
