/* test_badinput.c — every public entry point with every kind of bad input
 * (unit_badinput): calls before sigemu_init, a second sigemu_init,
 * out-of-range signals, uncatchable signals, bad `how` / `which`, NaN,
 * negative and huge times, NULL pointers, bad fds, bad sets, and the order
 * in which CPython checks its arguments.
 *
 * Why: the project's rule "bad input never crashes and never corrupts
 * state" and sigemu.h's "a failed call changes no state". Each test builds
 * a busy state (handlers, a mask, a pending signal, two armed itimers, a
 * wakeup fd), makes the bad calls, checks each error code, checks that out
 * parameters were left alone, and then compares a full snapshot of the
 * state (unit_snap) with the one taken before. The expected classes were
 * checked with python3 (e.g. raise_signal(65) is OSError, not ValueError;
 * sigtimedwait([65], nan) reports the set first; time.sleep(-1e-10) is
 * ValueError because time.sleep rounds away from zero).
 */
#include "unit.h"

static const int bad_sigs[] = {0, -1, 65, 1000, -1000, SIGEMU_MAXSIG};
#define NBAD ((int)(sizeof bad_sigs / sizeof bad_sigs[0]))

/* ---- before init, init twice ---------------------------------------------- */

static void check_all_enoinit(void) {
  sigemu_action a = unit_call(), cur = {SIGEMU_IGN, NULL, NULL};
  sigemu_sigset s = unit_set_of(U_SIGUSR1, 0), o;
  memset(&o, 0x77, sizeof o);
  sigemu_siginfo info;
  memset(&info, 0x77, sizeof info);
  int sig = 77;
  unsigned prev = 77;
  double v = 77, iv = 77;
  intptr_t ofd = 77;
  T_EQ_ERR(sigemu_signal(U_SIGUSR1, &a, &cur), SIGEMU_ENOINIT);
  T_EQ_ERR(sigemu_getsignal(U_SIGUSR1, &cur), SIGEMU_ENOINIT);
  T_EQ_INT(cur.kind, SIGEMU_IGN);
  T_EQ_ERR(sigemu_raise_signal(U_SIGUSR1), SIGEMU_ENOINIT);
  T_EQ_ERR(sigemu_pthread_kill(sigemu_thread_self(), U_SIGUSR1),
           SIGEMU_ENOINIT);
  T_EQ_ERR(sigemu_pidfd_send_signal(3, U_SIGTERM, 0), SIGEMU_ENOINIT);
  T_EQ_ERR(sigemu_pthread_sigmask(SIGEMU_SIG_BLOCK, &s, &o), SIGEMU_ENOINIT);
  T_EQ_ERR(sigemu_pthread_sigmask(SIGEMU_SIG_BLOCK, NULL, &o), SIGEMU_ENOINIT);
  T_EQ_ERR(sigemu_sigpending(&o), SIGEMU_ENOINIT);
  T_EQ_INT(o.bits[0], 0x7777777777777777ULL);
  T_EQ_ERR(sigemu_sigwait(&s, &sig), SIGEMU_ENOINIT);
  T_EQ_INT(sig, 77);
  T_EQ_ERR(sigemu_sigwaitinfo(&s, &info), SIGEMU_ENOINIT);
  T_EQ_ERR(sigemu_sigtimedwait(&s, 0.0, &info), SIGEMU_ENOINIT);
  T_EQ_INT(info.signo, 0x77777777);
  T_EQ_ERR(sigemu_pause(), SIGEMU_ENOINIT);
  T_EQ_ERR(sigemu_sleep(0.0), SIGEMU_ENOINIT);
  T_EQ_ERR(sigemu_alarm(5, &prev), SIGEMU_ENOINIT);
  T_EQ_INT(prev, 77);
  T_EQ_ERR(sigemu_setitimer(SIGEMU_ITIMER_REAL, 1.0, 0, &v, &iv),
           SIGEMU_ENOINIT);
  T_EQ_ERR(sigemu_getitimer(SIGEMU_ITIMER_REAL, &v, &iv), SIGEMU_ENOINIT);
  T_EQ_DBL(v, 77, 0);
  T_EQ_DBL(iv, 77, 0);
  T_EQ_ERR(sigemu_set_wakeup_fd(-1, true, &ofd), SIGEMU_ENOINIT);
  T_EQ_INT(ofd, 77);
  T_EQ_ERR(sigemu_siginterrupt(U_SIGUSR1, true), SIGEMU_ENOINIT);
  T_EQ_INT(sigemu_check(), 0);
}

static void t_calls_before_init_are_enoinit(void) {
  sigemu_shutdown();
  T_FALSE(sigemu_initialized());
  check_all_enoinit();
}

static void t_calls_after_shutdown_are_enoinit(void) {
  unit_busy_state();
  sigemu_shutdown();
  check_all_enoinit();
  /* A timer armed before shutdown never fires afterwards. */
  sigemu_sim_advance(200.0);
  T_EQ_INT(sigemu_check(), 0);
  T_EQ_INT(U.n, 0);
  T_EQ_INT(unit_ndie, 0);
}

static void t_init_twice_is_ealready_state_unchanged(void) {
  unit_busy_state();
  unit_state before;
  unit_snap(&before);
  sigemu_options o;
  memset(&o, 0, sizeof o);
  o.python_defaults = true; /* would change SIGINT if it were applied */
  T_EQ_ERR(sigemu_init(&o), SIGEMU_EALREADY);
  T_EQ_ERR(sigemu_init(NULL), SIGEMU_EALREADY);
  T_STATE_UNCHANGED(&before);
}

/* ---- handler table -------------------------------------------------------- */

static void t_signal_getsignal_every_bad_input(void) {
  unit_busy_state();
  unit_state before;
  unit_snap(&before);
  sigemu_action a = unit_call(), cur = {SIGEMU_IGN, NULL, NULL};
  sigemu_action old = cur;
  for (int i = 0; i < NBAD; i++) {
    T_EQ_ERR(sigemu_signal(bad_sigs[i], &a, &old), SIGEMU_ERANGE_SIG);
    T_EQ_ERR(sigemu_getsignal(bad_sigs[i], &cur), SIGEMU_ERANGE_SIG);
    T_EQ_ERR(sigemu_getsignal(bad_sigs[i], NULL), SIGEMU_ERANGE_SIG);
  }
  T_EQ_ERR(sigemu_signal(U_SIGKILL, &a, &old), SIGEMU_EINVAL);
  T_EQ_ERR(sigemu_signal(U_SIGSTOP, &a, &old), SIGEMU_EINVAL);
  T_EQ_ERR(sigemu_signal(32, &a, &old), SIGEMU_EINVAL);
  T_EQ_ERR(sigemu_signal(33, &a, &old), SIGEMU_EINVAL);
  T_EQ_ERR(sigemu_signal(U_SIGUSR1, NULL, &old), SIGEMU_ENULL);
  T_EQ_ERR(sigemu_getsignal(U_SIGUSR1, NULL), SIGEMU_ENULL);
  sigemu_action nofn = {SIGEMU_CALL, NULL, NULL};
  T_EQ_ERR(sigemu_signal(U_SIGUSR1, &nofn, &old), SIGEMU_ETYPE);
  T_EQ_INT(old.kind, SIGEMU_IGN);
  T_EQ_INT(cur.kind, SIGEMU_IGN);
  T_STATE_UNCHANGED(&before);
}

/* ---- sending -------------------------------------------------------------- */

static void t_raise_and_pthread_kill_every_bad_input(void) {
  unit_busy_state();
  unit_state before;
  unit_snap(&before);
  for (int i = 0; i < NBAD; i++) {
    if (bad_sigs[i] == 0) continue; /* 0 is the existence check */
    T_EQ_ERR(sigemu_raise_signal(bad_sigs[i]), SIGEMU_EINVAL);
    T_EQ_ERR(sigemu_pthread_kill(sigemu_thread_self(), bad_sigs[i]),
             SIGEMU_EINVAL);
  }
  T_EQ_ERR(sigemu_pthread_kill(0, 0), SIGEMU_ESRCH);
  T_EQ_ERR(sigemu_pthread_kill((sigemu_thread)-1, U_SIGUSR2), SIGEMU_ESRCH);
  T_EQ_INT(U.n, 0);
  T_EQ_INT(unit_ndie, 0);
  T_STATE_UNCHANGED(&before);
}

static void t_pidfd_send_signal_bad_inputs(void) {
  /* sim has no processes: ENOSYS whatever the arguments, nothing sent. */
  unit_busy_state();
  unit_state before;
  unit_snap(&before);
  T_EQ_ERR(sigemu_pidfd_send_signal(-1, U_SIGTERM, 0), SIGEMU_ENOSYS);
  T_EQ_ERR(sigemu_pidfd_send_signal(3, 1000, 0), SIGEMU_ENOSYS);
  T_EQ_ERR(sigemu_pidfd_send_signal(3, U_SIGTERM, 1), SIGEMU_ENOSYS);
  T_EQ_INT(unit_ndie, 0);
  T_STATE_UNCHANGED(&before);
}

static void t_siginterrupt_every_bad_input(void) {
  unit_busy_state();
  unit_state before;
  unit_snap(&before);
  for (int i = 0; i < NBAD; i++) {
    T_EQ_ERR(sigemu_siginterrupt(bad_sigs[i], true), SIGEMU_ERANGE_SIG);
    T_EQ_ERR(sigemu_siginterrupt(bad_sigs[i], false), SIGEMU_ERANGE_SIG);
  }
  T_EQ_ERR(sigemu_siginterrupt(U_SIGKILL, false), SIGEMU_EINVAL);
  T_EQ_ERR(sigemu_siginterrupt(U_SIGSTOP, false), SIGEMU_EINVAL);
  T_EQ_ERR(sigemu_siginterrupt(33, false), SIGEMU_EINVAL);
  T_STATE_UNCHANGED(&before);
}

/* ---- masks and waits ------------------------------------------------------- */

static void t_sigmask_every_bad_input(void) {
  unit_busy_state();
  unit_state before;
  unit_snap(&before);
  sigemu_sigset ok = unit_set_of(U_SIGHUP, 0), o;
  memset(&o, 0x44, sizeof o);
  sigemu_sigset big = unit_set_of(U_SIGHUP, 65, 0);
  sigemu_sigset zero = ok;
  zero.bits[0] |= 1;
  T_EQ_ERR(sigemu_pthread_sigmask(SIGEMU_SIG_BLOCK, &big, &o),
           SIGEMU_EMASKRANGE);
  T_EQ_ERR(sigemu_pthread_sigmask(SIGEMU_SIG_SETMASK, &zero, &o),
           SIGEMU_EMASKRANGE);
  T_EQ_ERR(sigemu_pthread_sigmask(-1, &ok, &o), SIGEMU_EINVAL);
  T_EQ_ERR(sigemu_pthread_sigmask(3, &ok, &o), SIGEMU_EINVAL);
  T_EQ_ERR(sigemu_pthread_sigmask(SIGEMU_SIG_BLOCK, NULL, NULL), SIGEMU_ENULL);
  T_EQ_INT(o.bits[0], 0x4444444444444444ULL);
  T_EQ_ERR(sigemu_sigpending(NULL), SIGEMU_ENULL);
  T_STATE_UNCHANGED(&before);
}

static void t_sigwait_family_every_bad_input(void) {
  unit_busy_state();
  unit_state before;
  unit_snap(&before);
  sigemu_sigset ok = unit_set_of(U_SIGUSR2, 0);
  sigemu_sigset big = unit_set_of(U_SIGUSR2, 100, 0);
  sigemu_sigset zero = ok;
  zero.bits[0] |= 1;
  sigemu_siginfo info;
  memset(&info, 0x66, sizeof info);
  int sig = 66;
  T_EQ_ERR(sigemu_sigwait(NULL, &sig), SIGEMU_ENULL);
  T_EQ_ERR(sigemu_sigwait(&ok, NULL), SIGEMU_ENULL);
  T_EQ_ERR(sigemu_sigwait(&big, &sig), SIGEMU_EMASKRANGE);
  T_EQ_ERR(sigemu_sigwait(&zero, &sig), SIGEMU_EMASKRANGE);
  T_EQ_INT(sig, 66);
  T_EQ_ERR(sigemu_sigwaitinfo(NULL, &info), SIGEMU_ENULL);
  T_EQ_ERR(sigemu_sigwaitinfo(&ok, NULL), SIGEMU_ENULL);
  T_EQ_ERR(sigemu_sigwaitinfo(&big, &info), SIGEMU_EMASKRANGE);
  T_EQ_ERR(sigemu_sigtimedwait(NULL, 0, &info), SIGEMU_ENULL);
  T_EQ_ERR(sigemu_sigtimedwait(&ok, 0, NULL), SIGEMU_ENULL);
  T_EQ_ERR(sigemu_sigtimedwait(&big, 0, &info), SIGEMU_EMASKRANGE);
  T_EQ_INT(info.signo, 0x66666666);
  T_STATE_UNCHANGED(&before);
}

static void t_sigtimedwait_negative_nan_huge_timeouts(void) {
  unit_busy_state();
  unit_state before;
  unit_snap(&before);
  sigemu_sigset s = unit_set_of(U_SIGUSR1, 0); /* pending: must stay */
  sigemu_siginfo info;
  int64_t t0 = sigemu_sim_now_ns();
  T_EQ_ERR(sigemu_sigtimedwait(&s, -1.0, &info), SIGEMU_ENEGTIMEOUT);
  T_EQ_ERR(sigemu_sigtimedwait(&s, -1e-6, &info), SIGEMU_ENEGTIMEOUT);
  T_EQ_ERR(sigemu_sigtimedwait(&s, NAN, &info), SIGEMU_ENAN);
  T_EQ_ERR(sigemu_sigtimedwait(&s, 1e10, &info), SIGEMU_EOVERFLOW);
  T_EQ_ERR(sigemu_sigtimedwait(&s, INFINITY, &info), SIGEMU_EOVERFLOW);
  T_EQ_ERR(sigemu_sigtimedwait(&s, -INFINITY, &info), SIGEMU_EOVERFLOW);
  T_EQ_INT(sigemu_sim_now_ns(), t0);
  T_STATE_UNCHANGED(&before);
}

static void t_sigtimedwait_set_checked_before_timeout(void) {
  /* python3: sigtimedwait([65], nan) -> "signal number 65 out of range". */
  sigemu_sigset big = unit_set_of(65, 0);
  sigemu_siginfo info;
  T_EQ_ERR(sigemu_sigtimedwait(&big, NAN, &info), SIGEMU_EMASKRANGE);
  T_EQ_ERR(sigemu_sigtimedwait(&big, -1.0, &info), SIGEMU_EMASKRANGE);
}

static void t_sleep_negative_nan_huge(void) {
  unit_busy_state();
  unit_state before;
  unit_snap(&before);
  int64_t t0 = sigemu_sim_now_ns();
  T_EQ_ERR(sigemu_sleep(-1.0), SIGEMU_ENEGTIMEOUT);
  T_EQ_ERR(sigemu_sleep(NAN), SIGEMU_ENAN);
  T_EQ_ERR(sigemu_sleep(1e10), SIGEMU_EOVERFLOW);
  T_EQ_ERR(sigemu_sleep(INFINITY), SIGEMU_EOVERFLOW);
  T_EQ_ERR(sigemu_sleep(-INFINITY), SIGEMU_EOVERFLOW);
  T_EQ_INT(sigemu_sim_now_ns(), t0);
  T_STATE_UNCHANGED(&before);
}

static void t_sleep_tiny_negative_is_valueerror(void) {
  /* python3: time.sleep(-1e-10) -> ValueError "sleep length must be
   * non-negative": time.sleep rounds away from zero (_PyTime_ROUND_TIMEOUT),
   * unlike sigtimedwait, which rounds toward +inf and polls. */
  int64_t t0 = sigemu_sim_now_ns();
  T_EQ_ERR(sigemu_sleep(-1e-10), SIGEMU_ENEGTIMEOUT);
  T_EQ_INT(sigemu_sim_now_ns(), t0);
}

/* ---- timers ----------------------------------------------------------------- */

static void t_timers_every_bad_input(void) {
  unit_busy_state();
  unit_state before;
  unit_snap(&before);
  double ov = 9, oi = 9;
  int which_bad[] = {-1, 3, 1000};
  for (int k = 0; k < 3; k++) {
    T_EQ_ERR(sigemu_setitimer(which_bad[k], 1.0, 1.0, &ov, &oi),
             SIGEMU_EITIMER);
    T_EQ_ERR(sigemu_getitimer(which_bad[k], &ov, &oi), SIGEMU_EITIMER);
  }
  double times[] = {NAN, -1.0, 1e10, INFINITY, -INFINITY};
  int want[] = {SIGEMU_ENAN, SIGEMU_EITIMER, SIGEMU_EOVERFLOW,
                SIGEMU_EOVERFLOW, SIGEMU_EOVERFLOW};
  for (int w = 0; w < 3; w++)
    for (int k = 0; k < 5; k++) {
      T_EQ_ERR(sigemu_setitimer(w, times[k], 0, &ov, &oi), want[k]);
      T_EQ_ERR(sigemu_setitimer(w, 1.0, times[k], &ov, &oi), want[k]);
    }
  T_EQ_ERR(sigemu_getitimer(SIGEMU_ITIMER_REAL, NULL, &oi), SIGEMU_ENULL);
  T_EQ_ERR(sigemu_getitimer(SIGEMU_ITIMER_REAL, &ov, NULL), SIGEMU_ENULL);
  T_EQ_DBL(ov, 9, 0);
  T_EQ_DBL(oi, 9, 0);
  T_STATE_UNCHANGED(&before);
}

/* ---- wakeup fd ------------------------------------------------------------ */

static void t_wakeup_fd_every_bad_input(void) {
  unit_busy_state();
  unit_state before;
  unit_snap(&before);
  intptr_t blocking = unit_pipe(4, false), closed = unit_pipe(4, true);
  sigemu_sim_pipe_close(closed);
  intptr_t old = 55;
  T_EQ_ERR(sigemu_set_wakeup_fd(-2, true, &old), SIGEMU_EBADF);
  T_EQ_ERR(sigemu_set_wakeup_fd(3, true, &old), SIGEMU_EBADF);
  T_EQ_ERR(sigemu_set_wakeup_fd(closed, true, &old), SIGEMU_EBADF);
  T_EQ_ERR(sigemu_set_wakeup_fd(blocking, true, &old), SIGEMU_EBLOCKINGFD);
  T_EQ_INT(old, 55);
  T_STATE_UNCHANGED(&before);
}

/* ---- tables and sets --------------------------------------------------------- */

static void t_names_and_sets_every_bad_input(void) {
  for (int i = 0; i < NBAD; i++) {
    int err = 0;
    T_EQ_STR(sigemu_strsignal(bad_sigs[i], &err), NULL);
    T_EQ_ERR(err, SIGEMU_ERANGE_SIG);
    T_EQ_STR(sigemu_signame(bad_sigs[i]), NULL);
    T_TRUE(sigemu_default_action(bad_sigs[i]) < 0);
  }
  T_TRUE(sigemu_signum(NULL) < 0);
  T_TRUE(sigemu_signum("NOPE") < 0);
  T_EQ_ERR(sigemu_valid_signals(NULL), SIGEMU_ENULL);
  T_EQ_ERR(sigemu_sigaddset(NULL, 1), SIGEMU_ENULL);
  sigemu_sigemptyset(NULL); /* must not crash */
  sigemu_sigfillset(NULL);
  T_TRUE(sigemu_sigisempty(NULL));
  T_EQ_INT(sigemu_sigcount(NULL), 0);
}

/* ---- the sim controls themselves ---------------------------------------------- */

static void t_sim_controls_bad_inputs(void) {
  unit_state before;
  unit_busy_state();
  unit_snap(&before);
  T_EQ_ERR(sigemu_sim_send(0), SIGEMU_ERANGE_SIG);
  T_EQ_ERR(sigemu_sim_send(65), SIGEMU_ERANGE_SIG);
  T_EQ_ERR(sigemu_sim_send(-1), SIGEMU_ERANGE_SIG);
  T_EQ_ERR(sigemu_sim_send(32), SIGEMU_EINVAL);
  T_EQ_ERR(sigemu_sim_pipe(4, true, NULL), SIGEMU_ENULL);
  intptr_t fd = 0;
  T_EQ_ERR(sigemu_sim_pipe(-1, true, &fd), SIGEMU_EINVAL);
  unsigned char b[4];
  T_EQ_ERR(sigemu_sim_pipe_read(5, b, 4), SIGEMU_EBADF);
  T_EQ_ERR(sigemu_sim_pipe_close(5), SIGEMU_EBADF);
  T_EQ_ERR(sigemu_sim_pipe_fault(5, SIGEMU_EINTR, 1), SIGEMU_EBADF);
  T_EQ_ERR(sigemu_sim_pipe_attempts(5), SIGEMU_EBADF);
  sigemu_sim_advance_ns(-5); /* no time travel */
  sigemu_sim_idle_ns(-5);
  sigemu_sim_advance(NAN);
  T_STATE_UNCHANGED(&before);
}

static const harness_test tests[] = {
    T(t_calls_before_init_are_enoinit),
    T(t_calls_after_shutdown_are_enoinit),
    T(t_init_twice_is_ealready_state_unchanged),
    T(t_signal_getsignal_every_bad_input),
    T(t_raise_and_pthread_kill_every_bad_input),
    T(t_pidfd_send_signal_bad_inputs),
    T(t_siginterrupt_every_bad_input),
    T(t_sigmask_every_bad_input),
    T(t_sigwait_family_every_bad_input),
    T(t_sigtimedwait_negative_nan_huge_timeouts),
    T(t_sigtimedwait_set_checked_before_timeout),
    T(t_sleep_negative_nan_huge),
    T(t_sleep_tiny_negative_is_valueerror),
    T(t_timers_every_bad_input),
    T(t_wakeup_fd_every_bad_input),
    T(t_names_and_sets_every_bad_input),
    T(t_sim_controls_bad_inputs),
};

int main(int argc, char **argv) {
  unit_use_fixture();
  return harness_main(argc, argv, tests, HARNESS_COUNT(tests));
}
