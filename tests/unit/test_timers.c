/* test_timers.c — alarm, setitimer and getitimer on sim's virtual clocks
 * (unit_timers): rounding, old values, absolute deadlines without drift,
 * coalescing of missed periods, CPU-clock timers, alarm's rounding, and
 * every bad argument.
 *
 * Why: the itimer rules of Linux and CPython, tested without a single real sleep: sim's
 * clocks move only through sigemu_sim_advance* (busy: wall and CPU time)
 * and sigemu_sim_idle_ns (wall time only), so every expected value is exact.
 * The values were checked with python3 on Linux: setitimer(REAL, 1e-7)
 * arms 1 µs; -1e-7 rounds up to 0 and disarms; NaN is ValueError; 1e10,
 * inf and -inf are OverflowError; -1 and a bad `which` are ItimerError;
 * alarm() after setitimer(2.4 | 2.6 | 0.2) returns 2 | 3 | 1.
 */
#include "unit.h"

#define MS (1000000LL)
#define US (1000LL)

static double left(int which) {
  double v = -1, i = -1;
  if (sigemu_getitimer(which, &v, &i) != 0) return -2;
  return v;
}
static double ival(int which) {
  double v = -1, i = -1;
  if (sigemu_getitimer(which, &v, &i) != 0) return -2;
  return i;
}

/* ---- rounding and old values --------------------------------------------- */

static void t_setitimer_rounds_up_1e7_to_1us(void) {
  T_EQ_INT(sigemu_setitimer(SIGEMU_ITIMER_REAL, 1e-7, 1e-7, NULL, NULL), 0);
  T_EQ_DBL(left(SIGEMU_ITIMER_REAL), 1e-6, 1e-12);
  T_EQ_DBL(ival(SIGEMU_ITIMER_REAL), 1e-6, 1e-12);
}

static void t_setitimer_rounds_up_to_whole_microseconds(void) {
  T_EQ_INT(sigemu_setitimer(SIGEMU_ITIMER_REAL, 1.0000001, 0.0000015, NULL,
                            NULL), 0);
  T_EQ_DBL(left(SIGEMU_ITIMER_REAL), 1.000001, 1e-12);
  T_EQ_DBL(ival(SIGEMU_ITIMER_REAL), 0.000002, 1e-12);
  /* Whole microseconds stay as they are. */
  T_EQ_INT(sigemu_setitimer(SIGEMU_ITIMER_REAL, 0.25, 0.000003, NULL, NULL),
           0);
  T_EQ_DBL(left(SIGEMU_ITIMER_REAL), 0.25, 1e-12);
  T_EQ_DBL(ival(SIGEMU_ITIMER_REAL), 0.000003, 1e-12);
}

static void t_setitimer_tiny_negative_rounds_to_zero_disarms(void) {
  T_EQ_INT(sigemu_setitimer(SIGEMU_ITIMER_REAL, 5.0, 0, NULL, NULL), 0);
  double ov = -1, oi = -1;
  T_EQ_INT(sigemu_setitimer(SIGEMU_ITIMER_REAL, -1e-7, 0, &ov, &oi), 0);
  T_EQ_DBL(ov, 5.0, 1e-9);
  T_EQ_DBL(left(SIGEMU_ITIMER_REAL), 0.0, 0);
  /* A tiny negative interval is an interval of 0. */
  T_EQ_INT(sigemu_setitimer(SIGEMU_ITIMER_REAL, 1.0, -1e-7, NULL, NULL), 0);
  T_EQ_DBL(left(SIGEMU_ITIMER_REAL), 1.0, 1e-9);
  T_EQ_DBL(ival(SIGEMU_ITIMER_REAL), 0.0, 0);
}

static void t_setitimer_returns_old_value_and_interval(void) {
  double ov = -1, oi = -1;
  T_EQ_INT(sigemu_setitimer(SIGEMU_ITIMER_REAL, 2.5, 0.5, &ov, &oi), 0);
  T_EQ_DBL(ov, 0.0, 0);
  T_EQ_DBL(oi, 0.0, 0);
  sigemu_sim_advance(1.0);
  T_EQ_INT(sigemu_setitimer(SIGEMU_ITIMER_REAL, 0, 0, &ov, &oi), 0);
  T_EQ_DBL(ov, 1.5, 1e-9);
  T_EQ_DBL(oi, 0.5, 1e-9);
}

static void t_setitimer_old_may_be_null(void) {
  T_EQ_INT(sigemu_setitimer(SIGEMU_ITIMER_PROF, 2.0, 0, NULL, NULL), 0);
  double ov = -1;
  T_EQ_INT(sigemu_setitimer(SIGEMU_ITIMER_PROF, 3.0, 0, &ov, NULL), 0);
  T_EQ_DBL(ov, 2.0, 1e-9);
  double oi = -1;
  T_EQ_INT(sigemu_setitimer(SIGEMU_ITIMER_PROF, 0, 0, NULL, &oi), 0);
  T_EQ_DBL(oi, 0.0, 0);
}

static void t_setitimer_zero_disarms_whatever_interval(void) {
  unit_catch(U_SIGALRM);
  T_EQ_INT(sigemu_setitimer(SIGEMU_ITIMER_REAL, 1.0, 1.0, NULL, NULL), 0);
  T_EQ_INT(sigemu_setitimer(SIGEMU_ITIMER_REAL, 0, 5.0, NULL, NULL), 0);
  T_EQ_DBL(left(SIGEMU_ITIMER_REAL), 0.0, 0);
  T_EQ_DBL(ival(SIGEMU_ITIMER_REAL), 0.0, 0);
  sigemu_sim_advance(20.0);
  T_EQ_INT(sigemu_check(), 0);
  T_EQ_INT(U.n, 0);
}

static void t_setitimer_1e9_seconds_accepted(void) {
  /* python3: setitimer(ITIMER_REAL, 1e9) is fine (1e10 overflows). */
  T_EQ_INT(sigemu_setitimer(SIGEMU_ITIMER_REAL, 1e9, 0, NULL, NULL), 0);
  T_EQ_DBL(left(SIGEMU_ITIMER_REAL), 1e9, 1e-3);
}

/* ---- getitimer -------------------------------------------------------------- */

static void t_getitimer_disarmed_is_zero(void) {
  for (int w = 0; w < 3; w++) {
    double v = -1, i = -1;
    T_EQ_INT(sigemu_getitimer(w, &v, &i), 0);
    T_EQ_DBL(v, 0.0, 0);
    T_EQ_DBL(i, 0.0, 0);
  }
}

static void t_getitimer_shows_time_left(void) {
  T_EQ_INT(sigemu_setitimer(SIGEMU_ITIMER_REAL, 3.0, 0.75, NULL, NULL), 0);
  sigemu_sim_advance(1.25);
  T_EQ_DBL(left(SIGEMU_ITIMER_REAL), 1.75, 1e-9);
  T_EQ_DBL(ival(SIGEMU_ITIMER_REAL), 0.75, 1e-9);
  sigemu_sim_idle_ns(250 * MS);
  T_EQ_DBL(left(SIGEMU_ITIMER_REAL), 1.5, 1e-9);
}

static void t_getitimer_truncates_to_microseconds(void) {
  /* Linux's getitimer truncates the time left to whole microseconds. */
  T_EQ_INT(sigemu_setitimer(SIGEMU_ITIMER_REAL, 1.0, 0, NULL, NULL), 0);
  sigemu_sim_advance_ns(1500);
  T_EQ_DBL(left(SIGEMU_ITIMER_REAL), 0.999998, 1e-12);
  double ov = 0;
  T_EQ_INT(sigemu_setitimer(SIGEMU_ITIMER_REAL, 0, 0, &ov, NULL), 0);
  T_EQ_DBL(ov, 0.999998, 1e-12);
}

static void t_getitimer_armed_never_reads_zero(void) {
  /* Linux never reports 0 for an armed timer (0 means disarmed). */
  T_EQ_INT(sigemu_setitimer(SIGEMU_ITIMER_REAL, 1e-6, 0, NULL, NULL), 0);
  sigemu_sim_idle_ns(999);
  double v = left(SIGEMU_ITIMER_REAL);
  T_TRUE(v > 0);
  T_EQ_DBL(v, 1e-6, 1e-12);
}

/* ---- firing ------------------------------------------------------------------ */

static void t_itimer_real_fires_sigalrm_at_deadline(void) {
  unit_catch(U_SIGALRM);
  T_EQ_INT(sigemu_setitimer(SIGEMU_ITIMER_REAL, 1.0, 0, NULL, NULL), 0);
  sigemu_sim_advance_ns(U_NS_PER_S - 1);
  T_EQ_INT(sigemu_check(), 0);
  T_EQ_INT(U.n, 0);
  sigemu_sim_advance_ns(1);
  T_EQ_INT(sigemu_check(), 0);
  T_EQ_STR(unit_order(), "14");
  /* One-shot: disarmed after firing, never again. */
  T_EQ_DBL(left(SIGEMU_ITIMER_REAL), 0.0, 0);
  sigemu_sim_advance(10.0);
  T_EQ_INT(sigemu_check(), 0);
  T_EQ_INT(U.n, 1);
}

static void t_itimer_handler_code_comes_out_of_check(void) {
  unit_catch(U_SIGALRM);
  U.ret[U_SIGALRM] = 17;
  sigemu_setitimer(SIGEMU_ITIMER_REAL, 0.5, 0, NULL, NULL);
  sigemu_sim_advance(0.5);
  T_EQ_INT(sigemu_check(), 17);
}

static void t_periodic_timer_no_drift_over_1000_periods(void) {
  /* 10 ms period, checked after odd 3.7 ms steps: a timer re-armed from
   * "now" at each check would drift by up to 3.7 ms per period. */
  unit_catch(U_SIGALRM);
  T_EQ_INT(sigemu_setitimer(SIGEMU_ITIMER_REAL, 0.01, 0.01, NULL, NULL), 0);
  int64_t t0 = sigemu_sim_now_ns(), step = 3700 * US;
  while (U.count[U_SIGALRM] < 1000) {
    sigemu_sim_advance_ns(step);
    T_EQ_INT(sigemu_check(), 0);
    int64_t el = sigemu_sim_now_ns() - t0;
    T_EQ_INT(U.count[U_SIGALRM], el / (10 * MS));
    if (el > 11 * U_NS_PER_S) T_FAIL_("runaway");
  }
  int64_t el = sigemu_sim_now_ns() - t0;
  int64_t next = (el / (10 * MS) + 1) * (10 * MS);
  T_EQ_DBL(left(SIGEMU_ITIMER_REAL), (double)(next - el) / 1e9, 1.001e-6);
  T_EQ_DBL(ival(SIGEMU_ITIMER_REAL), 0.01, 1e-12);
}

static void t_periodic_fires_at_each_deadline_while_busy(void) {
  /* Busy for 35 ms without a check: the timer fired at 10, 20, 30 ms; the
   * handler runs once (signals coalesce) and the next deadline is 40 ms. */
  intptr_t fd = unit_pipe(64, true);
  sigemu_set_wakeup_fd(fd, true, NULL);
  unit_catch(U_SIGALRM);
  sigemu_setitimer(SIGEMU_ITIMER_REAL, 0.01, 0.01, NULL, NULL);
  sigemu_sim_advance_ns(35 * MS);
  T_EQ_INT(sigemu_check(), 0);
  T_EQ_INT(U.count[U_SIGALRM], 1);
  T_EQ_DBL(left(SIGEMU_ITIMER_REAL), 0.005, 1e-9);
  unsigned char b[16];
  T_EQ_INT(unit_drain(fd, b, 16), 3); /* one byte per expiry */
  sigemu_sim_advance_ns(5 * MS);
  T_EQ_INT(sigemu_check(), 0);
  T_EQ_INT(U.count[U_SIGALRM], 2);
}

static void t_late_check_fires_once_next_deadline_on_grid(void) {
  /* Idle (no timer service) across 3.5 periods: the late check fires once,
   * as the kernel's hrtimer_forward does, and the grid is kept. */
  intptr_t fd = unit_pipe(64, true);
  sigemu_set_wakeup_fd(fd, true, NULL);
  unit_catch(U_SIGALRM);
  sigemu_setitimer(SIGEMU_ITIMER_REAL, 0.01, 0.01, NULL, NULL);
  sigemu_sim_idle_ns(35 * MS);
  T_EQ_INT(sigemu_check(), 0);
  T_EQ_INT(U.count[U_SIGALRM], 1);
  unsigned char b[16];
  T_EQ_INT(unit_drain(fd, b, 16), 1);
  T_EQ_DBL(left(SIGEMU_ITIMER_REAL), 0.005, 1e-9);
  sigemu_sim_advance_ns(5 * MS - 1);
  T_EQ_INT(sigemu_check(), 0);
  T_EQ_INT(U.count[U_SIGALRM], 1);
  sigemu_sim_advance_ns(1);
  T_EQ_INT(sigemu_check(), 0);
  T_EQ_INT(U.count[U_SIGALRM], 2);
}

static void t_blocked_timer_signal_pending_once(void) {
  unit_catch(U_SIGALRM);
  sigemu_sigset s = unit_set_of(U_SIGALRM, 0);
  sigemu_pthread_sigmask(SIGEMU_SIG_BLOCK, &s, NULL);
  sigemu_setitimer(SIGEMU_ITIMER_REAL, 0.01, 0.01, NULL, NULL);
  sigemu_sim_advance_ns(100 * MS);
  T_EQ_INT(sigemu_check(), 0);
  T_EQ_INT(U.n, 0);
  sigemu_sigset p;
  sigemu_sigpending(&p);
  T_EQ_SET(p, s);
  T_EQ_INT(sigemu_pthread_sigmask(SIGEMU_SIG_UNBLOCK, &s, NULL), 0);
  T_EQ_INT(U.count[U_SIGALRM], 1);
}

static void t_itimer_virtual_follows_cpu_clock(void) {
  unit_catch(U_SIGVTALRM);
  T_EQ_INT(sigemu_setitimer(SIGEMU_ITIMER_VIRTUAL, 1.0, 0, NULL, NULL), 0);
  sigemu_sim_idle_ns(5 * U_NS_PER_S); /* not on the CPU */
  T_EQ_INT(sigemu_check(), 0);
  T_EQ_INT(U.n, 0);
  T_EQ_DBL(left(SIGEMU_ITIMER_VIRTUAL), 1.0, 1e-9);
  sigemu_sim_advance(0.6);
  T_EQ_DBL(left(SIGEMU_ITIMER_VIRTUAL), 0.4, 1e-9);
  sigemu_sim_advance(0.4);
  T_EQ_INT(sigemu_check(), 0);
  T_EQ_STR(unit_order(), "26");
}

static void t_itimer_prof_follows_cpu_clock(void) {
  unit_catch(U_SIGPROF);
  T_EQ_INT(sigemu_setitimer(SIGEMU_ITIMER_PROF, 0.5, 0.5, NULL, NULL), 0);
  sigemu_sim_idle_ns(3 * U_NS_PER_S);
  T_EQ_INT(sigemu_check(), 0);
  T_EQ_INT(U.n, 0);
  sigemu_sim_advance(1.0);
  T_EQ_INT(sigemu_check(), 0);
  T_EQ_STR(unit_order(), "27");
  T_EQ_DBL(left(SIGEMU_ITIMER_PROF), 0.5, 1e-9);
}

static void t_itimer_real_follows_wall_clock_when_idle(void) {
  unit_catch(U_SIGALRM);
  T_EQ_INT(sigemu_setitimer(SIGEMU_ITIMER_REAL, 1.0, 0, NULL, NULL), 0);
  sigemu_sim_idle_ns(400 * MS);
  T_EQ_DBL(left(SIGEMU_ITIMER_REAL), 0.6, 1e-9);
  sigemu_sim_idle_ns(600 * MS);
  T_EQ_INT(sigemu_check(), 0);
  T_EQ_STR(unit_order(), "14");
}

static void t_itimer_virtual_not_counting_blocked_sleep(void) {
  unit_catch(U_SIGVTALRM);
  sigemu_setitimer(SIGEMU_ITIMER_VIRTUAL, 1.0, 0, NULL, NULL);
  T_EQ_INT(sigemu_sleep(5.0), 0);
  T_EQ_INT(U.n, 0);
  T_EQ_DBL(left(SIGEMU_ITIMER_VIRTUAL), 1.0, 1e-9);
}

static void t_three_timers_fire_in_deadline_order(void) {
  /* PROF at 0.1 s, VIRTUAL at 0.2 s, REAL at 0.3 s, all in one advance:
   * the wakeup bytes show the firing order, the handlers run ascending. */
  intptr_t fd = unit_pipe(64, true);
  sigemu_set_wakeup_fd(fd, true, NULL);
  unit_catch(U_SIGALRM);
  unit_catch(U_SIGVTALRM);
  unit_catch(U_SIGPROF);
  sigemu_setitimer(SIGEMU_ITIMER_REAL, 0.3, 0, NULL, NULL);
  sigemu_setitimer(SIGEMU_ITIMER_VIRTUAL, 0.2, 0, NULL, NULL);
  sigemu_setitimer(SIGEMU_ITIMER_PROF, 0.1, 0, NULL, NULL);
  sigemu_sim_advance(0.5);
  unsigned char b[16];
  T_EQ_INT(unit_drain(fd, b, 16), 3);
  T_EQ_INT(b[0], U_SIGPROF);
  T_EQ_INT(b[1], U_SIGVTALRM);
  T_EQ_INT(b[2], U_SIGALRM);
  T_EQ_INT(sigemu_check(), 0);
  T_EQ_STR(unit_order(), "14,26,27");
}

static void t_itimer_dfl_sigalrm_terminates(void) {
  sigemu_setitimer(SIGEMU_ITIMER_REAL, 0.1, 0, NULL, NULL);
  sigemu_sim_advance(0.1);
  sigemu_check();
  T_EQ_INT(unit_ndie, 1);
  T_EQ_INT(unit_die_sig[0], U_SIGALRM);
  T_EQ_INT(unit_die_action[0], SIGEMU_DEFAULT_TERMINATE);
}

static void t_itimer_ign_sigalrm_discarded(void) {
  unit_set(U_SIGALRM, SIGEMU_IGN);
  sigemu_setitimer(SIGEMU_ITIMER_REAL, 0.1, 0.1, NULL, NULL);
  sigemu_sim_advance(1.0);
  T_EQ_INT(sigemu_check(), 0);
  T_EQ_INT(unit_ndie, 0);
  /* Linux re-arms ITIMER_REAL only when SIGALRM is dequeued; an ignored
   * one never is, so the timer stops: python3 shows getitimer() == (0.0,
   * 0.1) here. */
  T_EQ_DBL(left(SIGEMU_ITIMER_REAL), 0.0, 1e-9);
  double v = -1, iv = -1;
  T_EQ_INT(sigemu_getitimer(SIGEMU_ITIMER_REAL, &v, &iv), 0);
  T_EQ_DBL(iv, 0.1, 1e-9);
}

/* ---- alarm ------------------------------------------------------------------- */

static void t_alarm_returns_seconds_left_rounded(void) {
  unsigned prev = 99;
  T_EQ_INT(sigemu_alarm(10, &prev), 0);
  T_EQ_INT(prev, 0);
  sigemu_sim_advance(7.6); /* 2.4 s left */
  T_EQ_INT(sigemu_alarm(5, &prev), 0);
  T_EQ_INT(prev, 2);
  sigemu_sim_advance(2.4); /* 2.6 s left */
  T_EQ_INT(sigemu_alarm(0, &prev), 0);
  T_EQ_INT(prev, 3);
}

static void t_alarm_rounds_half_up_and_never_zero_while_armed(void) {
  unsigned prev = 99;
  sigemu_setitimer(SIGEMU_ITIMER_REAL, 2.5, 0, NULL, NULL);
  T_EQ_INT(sigemu_alarm(0, &prev), 0);
  T_EQ_INT(prev, 3);
  sigemu_setitimer(SIGEMU_ITIMER_REAL, 0.2, 0, NULL, NULL);
  T_EQ_INT(sigemu_alarm(0, &prev), 0);
  T_EQ_INT(prev, 1);
  sigemu_setitimer(SIGEMU_ITIMER_REAL, 0.0001, 0, NULL, NULL);
  T_EQ_INT(sigemu_alarm(0, &prev), 0);
  T_EQ_INT(prev, 1);
  sigemu_setitimer(SIGEMU_ITIMER_REAL, 2.499999, 0, NULL, NULL);
  T_EQ_INT(sigemu_alarm(0, &prev), 0);
  T_EQ_INT(prev, 2);
}

static void t_alarm_zero_cancels_and_returns_seconds_left(void) {
  unit_catch(U_SIGALRM);
  unsigned prev = 0;
  sigemu_alarm(4, NULL);
  sigemu_sim_advance(1.0);
  T_EQ_INT(sigemu_alarm(0, &prev), 0);
  T_EQ_INT(prev, 3);
  T_EQ_DBL(left(SIGEMU_ITIMER_REAL), 0.0, 0);
  sigemu_sim_advance(10.0);
  T_EQ_INT(sigemu_check(), 0);
  T_EQ_INT(U.n, 0);
  T_EQ_INT(sigemu_alarm(0, &prev), 0);
  T_EQ_INT(prev, 0);
}

static void t_alarm_fires_sigalrm(void) {
  unit_catch(U_SIGALRM);
  T_EQ_INT(sigemu_alarm(3, NULL), 0);
  T_EQ_DBL(left(SIGEMU_ITIMER_REAL), 3.0, 1e-9);
  T_EQ_DBL(ival(SIGEMU_ITIMER_REAL), 0.0, 0);
  sigemu_sim_advance(2.999);
  T_EQ_INT(sigemu_check(), 0);
  T_EQ_INT(U.n, 0);
  sigemu_sim_advance(0.001);
  T_EQ_INT(sigemu_check(), 0);
  T_EQ_STR(unit_order(), "14");
}

static void t_alarm_replaces_periodic_itimer(void) {
  /* alarm() shares ITIMER_REAL: it replaces value and interval. */
  sigemu_setitimer(SIGEMU_ITIMER_REAL, 0.5, 0.5, NULL, NULL);
  unsigned prev = 9;
  T_EQ_INT(sigemu_alarm(7, &prev), 0);
  T_EQ_INT(prev, 1);
  T_EQ_DBL(left(SIGEMU_ITIMER_REAL), 7.0, 1e-9);
  T_EQ_DBL(ival(SIGEMU_ITIMER_REAL), 0.0, 0);
  double ov = 0, oi = 1;
  T_EQ_INT(sigemu_setitimer(SIGEMU_ITIMER_REAL, 1.0, 0, &ov, &oi), 0);
  T_EQ_DBL(ov, 7.0, 1e-9);
  T_EQ_DBL(oi, 0.0, 0);
}

static void t_alarm_large_value(void) {
  unsigned prev = 1;
  T_EQ_INT(sigemu_alarm(4294967295u, &prev), 0);
  T_EQ_INT(prev, 0);
  T_EQ_DBL(left(SIGEMU_ITIMER_REAL), 4294967295.0, 1e-3);
  T_EQ_INT(sigemu_alarm(0, &prev), 0);
  T_EQ_INT(prev, 4294967295u);
}

/* ---- bad arguments ----------------------------------------------------------- */

static void t_setitimer_bad_which_is_itimererror(void) {
  unit_busy_state();
  unit_state before;
  unit_snap(&before);
  int bad[] = {-1, 3, 100, -1000};
  double ov = 42, oi = 43, v = 44, i = 45;
  for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
    T_EQ_ERR(sigemu_setitimer(bad[k], 1.0, 0, &ov, &oi), SIGEMU_EITIMER);
    T_EQ_ERR(sigemu_getitimer(bad[k], &v, &i), SIGEMU_EITIMER);
  }
  T_EQ_DBL(ov, 42, 0);
  T_EQ_DBL(oi, 43, 0);
  T_EQ_DBL(v, 44, 0);
  T_EQ_DBL(i, 45, 0);
  T_STATE_UNCHANGED(&before);
}

static void t_setitimer_negative_is_itimererror(void) {
  unit_busy_state();
  unit_state before;
  unit_snap(&before);
  for (int w = 0; w < 3; w++) {
    T_EQ_ERR(sigemu_setitimer(w, -1.0, 0, NULL, NULL), SIGEMU_EITIMER);
    T_EQ_ERR(sigemu_setitimer(w, 1.0, -1.0, NULL, NULL), SIGEMU_EITIMER);
    T_EQ_ERR(sigemu_setitimer(w, -0.001, 0, NULL, NULL), SIGEMU_EITIMER);
    T_EQ_ERR(sigemu_setitimer(w, 0, -1e-6, NULL, NULL), SIGEMU_EITIMER);
  }
  T_STATE_UNCHANGED(&before);
}

static void t_setitimer_nan_is_valueerror(void) {
  unit_busy_state();
  unit_state before;
  unit_snap(&before);
  for (int w = 0; w < 3; w++) {
    T_EQ_ERR(sigemu_setitimer(w, NAN, 0, NULL, NULL), SIGEMU_ENAN);
    T_EQ_ERR(sigemu_setitimer(w, 1.0, NAN, NULL, NULL), SIGEMU_ENAN);
  }
  T_STATE_UNCHANGED(&before);
}

static void t_setitimer_huge_is_overflowerror(void) {
  unit_busy_state();
  unit_state before;
  unit_snap(&before);
  double bad[] = {1e10, 1e12, INFINITY, -INFINITY, 1e300};
  for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
    T_EQ_ERR(sigemu_setitimer(SIGEMU_ITIMER_REAL, bad[k], 0, NULL, NULL),
             SIGEMU_EOVERFLOW);
    T_EQ_ERR(sigemu_setitimer(SIGEMU_ITIMER_VIRTUAL, 1.0, bad[k], NULL, NULL),
             SIGEMU_EOVERFLOW);
  }
  T_STATE_UNCHANGED(&before);
}

static void t_getitimer_null_pointers(void) {
  double v;
  T_EQ_ERR(sigemu_getitimer(SIGEMU_ITIMER_REAL, NULL, &v), SIGEMU_ENULL);
  T_EQ_ERR(sigemu_getitimer(SIGEMU_ITIMER_REAL, &v, NULL), SIGEMU_ENULL);
  T_EQ_ERR(sigemu_getitimer(SIGEMU_ITIMER_REAL, NULL, NULL), SIGEMU_ENULL);
}

static const harness_test tests[] = {
    T(t_setitimer_rounds_up_1e7_to_1us),
    T(t_setitimer_rounds_up_to_whole_microseconds),
    T(t_setitimer_tiny_negative_rounds_to_zero_disarms),
    T(t_setitimer_returns_old_value_and_interval),
    T(t_setitimer_old_may_be_null),
    T(t_setitimer_zero_disarms_whatever_interval),
    T(t_setitimer_1e9_seconds_accepted),
    T(t_getitimer_disarmed_is_zero),
    T(t_getitimer_shows_time_left),
    T(t_getitimer_truncates_to_microseconds),
    T(t_getitimer_armed_never_reads_zero),
    T(t_itimer_real_fires_sigalrm_at_deadline),
    T(t_itimer_handler_code_comes_out_of_check),
    T(t_periodic_timer_no_drift_over_1000_periods),
    T(t_periodic_fires_at_each_deadline_while_busy),
    T(t_late_check_fires_once_next_deadline_on_grid),
    T(t_blocked_timer_signal_pending_once),
    T(t_itimer_virtual_follows_cpu_clock),
    T(t_itimer_prof_follows_cpu_clock),
    T(t_itimer_real_follows_wall_clock_when_idle),
    T(t_itimer_virtual_not_counting_blocked_sleep),
    T(t_three_timers_fire_in_deadline_order),
    T(t_itimer_dfl_sigalrm_terminates),
    T(t_itimer_ign_sigalrm_discarded),
    T(t_alarm_returns_seconds_left_rounded),
    T(t_alarm_rounds_half_up_and_never_zero_while_armed),
    T(t_alarm_zero_cancels_and_returns_seconds_left),
    T(t_alarm_fires_sigalrm),
    T(t_alarm_replaces_periodic_itimer),
    T(t_alarm_large_value),
    T(t_setitimer_bad_which_is_itimererror),
    T(t_setitimer_negative_is_itimererror),
    T(t_setitimer_nan_is_valueerror),
    T(t_setitimer_huge_is_overflowerror),
    T(t_getitimer_null_pointers),
};

int main(int argc, char **argv) {
  unit_use_fixture();
  return harness_main(argc, argv, tests, HARNESS_COUNT(tests));
}
