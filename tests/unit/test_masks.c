/* test_masks.c — emulated masks, the pending set and every blocking wait on
 * the sim backend (unit_masks): pthread_sigmask, sigpending, what
 * unblocking delivers and in which order, what SIG_IGN / SIG_DFL do to a
 * pending signal, sigwait / sigwaitinfo / sigtimedwait, pause and the
 * interruptible sleep.
 *
 * Why: the masks, pending set and waits of CPython's signal module. The orders and values were
 * checked with python3 on Linux: block {1,10,12,14}, raise 12,1,12,10,14,
 * unblock -> wakeup bytes [14,12,10,1] (the kernel delivers the highest
 * first) while the handlers run [1,10,12,14] at the check; sigwait takes the
 * lowest pending signal first; sigtimedwait(-1) is ValueError, (nan)
 * ValueError, (1e10) OverflowError. Waits use sim's blocked-wait hook
 * (unit_script_blocking) to make signals arrive "while blocked", and sim's
 * rule that a wait with a deadline jumps the wall clock to it.
 */
#include "unit.h"

#if defined(SIGEMU_UNIT_THREADS)
#  include <pthread.h>
#endif

static sigemu_sigset empty_set(void) {
  sigemu_sigset s;
  sigemu_sigemptyset(&s);
  return s;
}

static sigemu_sigset cur_mask(void) {
  sigemu_sigset e = empty_set(), o;
  sigemu_sigemptyset(&o);
  sigemu_pthread_sigmask(SIGEMU_SIG_BLOCK, &e, &o);
  return o;
}

static sigemu_sigset cur_pending(void) {
  sigemu_sigset p;
  sigemu_sigemptyset(&p);
  sigemu_sigpending(&p);
  return p;
}

static int block(int sig) {
  sigemu_sigset s = unit_set_of(sig, 0);
  return sigemu_pthread_sigmask(SIGEMU_SIG_BLOCK, &s, NULL);
}

/* ---- pthread_sigmask ----------------------------------------------------- */

static void t_sigmask_block_returns_old_mask(void) {
  sigemu_sigset a = unit_set_of(U_SIGUSR1, 0), b = unit_set_of(U_SIGUSR2, 40, 0),
                old;
  memset(&old, 0xff, sizeof old);
  T_EQ_INT(sigemu_pthread_sigmask(SIGEMU_SIG_BLOCK, &a, &old), 0);
  T_EQ_SET(old, empty_set());
  T_EQ_INT(sigemu_pthread_sigmask(SIGEMU_SIG_BLOCK, &b, &old), 0);
  T_EQ_SET(old, a);
  T_EQ_SET(cur_mask(), unit_set_of(U_SIGUSR1, U_SIGUSR2, 40, 0));
}

static void t_sigmask_unblock_not_blocked_is_fine(void) {
  sigemu_sigset a = unit_set_of(U_SIGUSR1, 0), b = unit_set_of(U_SIGHUP, 0), old;
  T_EQ_INT(sigemu_pthread_sigmask(SIGEMU_SIG_BLOCK, &a, NULL), 0);
  T_EQ_INT(sigemu_pthread_sigmask(SIGEMU_SIG_UNBLOCK, &b, &old), 0);
  T_EQ_SET(old, a);
  T_EQ_SET(cur_mask(), a);
  T_EQ_INT(sigemu_pthread_sigmask(SIGEMU_SIG_UNBLOCK, &a, NULL), 0);
  T_EQ_SET(cur_mask(), empty_set());
}

static void t_sigmask_setmask_replaces(void) {
  sigemu_sigset a = unit_set_of(U_SIGUSR1, U_SIGHUP, 0),
                b = unit_set_of(U_SIGTERM, 64, 0), old;
  T_EQ_INT(sigemu_pthread_sigmask(SIGEMU_SIG_SETMASK, &a, NULL), 0);
  T_EQ_INT(sigemu_pthread_sigmask(SIGEMU_SIG_SETMASK, &b, &old), 0);
  T_EQ_SET(old, a);
  T_EQ_SET(cur_mask(), b);
}

static void t_sigmask_null_set_reads_mask(void) {
  block(U_SIGUSR2);
  sigemu_sigset old;
  /* how is ignored when set is NULL. */
  T_EQ_INT(sigemu_pthread_sigmask(12345, NULL, &old), 0);
  T_EQ_SET(old, unit_set_of(U_SIGUSR2, 0));
  T_EQ_ERR(sigemu_pthread_sigmask(SIGEMU_SIG_BLOCK, NULL, NULL), SIGEMU_ENULL);
  T_EQ_SET(cur_mask(), unit_set_of(U_SIGUSR2, 0));
}

static void t_sigmask_kill_stop_silently_dropped(void) {
  sigemu_sigset s = unit_set_of(U_SIGKILL, U_SIGSTOP, U_SIGUSR1, 0), old;
  T_EQ_INT(sigemu_pthread_sigmask(SIGEMU_SIG_BLOCK, &s, NULL), 0);
  T_EQ_SET(cur_mask(), unit_set_of(U_SIGUSR1, 0));
  sigemu_sigset all;
  sigemu_sigemptyset(&all);
  for (int i = 1; i < 65; i++) sigemu_sigaddset(&all, i);
  T_EQ_INT(sigemu_pthread_sigmask(SIGEMU_SIG_SETMASK, &all, &old), 0);
  sigemu_sigset m = cur_mask();
  T_EQ_INT(sigemu_sigismember(&m, U_SIGKILL), 0);
  T_EQ_INT(sigemu_sigismember(&m, U_SIGSTOP), 0);
  T_EQ_INT(sigemu_sigismember(&m, U_SIGTERM), 1);
}

static void t_sigmask_32_33_silently_dropped(void) {
  /* python3: pthread_sigmask(SIG_BLOCK, [32, 33]) then the mask is empty
   * (glibc keeps its own signals unblockable). */
  sigemu_sigset s = unit_set_of(32, 33, 0);
  T_EQ_INT(sigemu_pthread_sigmask(SIGEMU_SIG_BLOCK, &s, NULL), 0);
  T_EQ_SET(cur_mask(), empty_set());
}

static void t_sigmask_out_of_range_member_is_valueerror(void) {
  unit_busy_state();
  unit_state before;
  unit_snap(&before);
  int bad[] = {65, 100, SIGEMU_MAXSIG - 1};
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    sigemu_sigset s = unit_set_of(U_SIGHUP, bad[i], 0), old;
    memset(&old, 0x33, sizeof old);
    for (int how = 0; how < 3; how++)
      T_EQ_ERR(sigemu_pthread_sigmask(how, &s, &old), SIGEMU_EMASKRANGE);
    T_EQ_INT(old.bits[0], 0x3333333333333333ULL); /* untouched */
  }
  /* Bit 0 ("signal 0") is not a signal either. */
  sigemu_sigset zero = unit_set_of(U_SIGHUP, 0);
  zero.bits[0] |= 1;
  T_EQ_ERR(sigemu_pthread_sigmask(SIGEMU_SIG_BLOCK, &zero, NULL),
           SIGEMU_EMASKRANGE);
  T_STATE_UNCHANGED(&before);
}

static void t_sigmask_bad_how_is_einval(void) {
  unit_busy_state();
  unit_state before;
  unit_snap(&before);
  sigemu_sigset s = unit_set_of(U_SIGHUP, 0);
  int bad[] = {-1, 3, 100, 0x7fffffff};
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
    T_EQ_ERR(sigemu_pthread_sigmask(bad[i], &s, NULL), SIGEMU_EINVAL);
  T_STATE_UNCHANGED(&before);
}

/* ---- pending ------------------------------------------------------------ */

static void t_blocked_signal_goes_to_pending(void) {
  unit_catch(U_SIGUSR1);
  block(U_SIGUSR1);
  T_EQ_INT(sigemu_raise_signal(U_SIGUSR1), 0);
  T_EQ_INT(U.n, 0);
  T_EQ_SET(cur_pending(), unit_set_of(U_SIGUSR1, 0));
  T_EQ_INT(sigemu_check(), 0);
  T_EQ_INT(U.n, 0); /* still blocked */
}

static void t_unblock_delivers_at_check(void) {
  unit_catch(U_SIGUSR1);
  block(U_SIGUSR1);
  sigemu_sim_send(U_SIGUSR1);
  sigemu_sigset s = unit_set_of(U_SIGUSR1, 0);
  /* pthread_sigmask is a check point itself. */
  T_EQ_INT(sigemu_pthread_sigmask(SIGEMU_SIG_UNBLOCK, &s, NULL), 0);
  T_EQ_STR(unit_order(), "10");
  T_EQ_SET(cur_pending(), empty_set());
}

static void t_unblock_returns_handler_code(void) {
  unit_catch(U_SIGUSR1);
  U.ret[U_SIGUSR1] = 21;
  block(U_SIGUSR1);
  sigemu_sim_send(U_SIGUSR1);
  sigemu_sigset s = unit_set_of(U_SIGUSR1, 0), old;
  T_EQ_INT(sigemu_pthread_sigmask(SIGEMU_SIG_UNBLOCK, &s, &old), 21);
  /* The mask did change (the error is the handler's, after the fact). */
  T_EQ_SET(old, s);
  T_EQ_SET(cur_mask(), empty_set());
}

static void t_unblock_coalesces_and_orders_wakeup_bytes(void) {
  /* python3: block {1,12}; raise 12, 1, 12; unblock -> bytes [12, 1];
   * handlers at the check [1, 12]. */
  intptr_t fd = unit_pipe(64, true);
  T_EQ_INT(sigemu_set_wakeup_fd(fd, true, NULL), 0);
  unit_catch(U_SIGHUP);
  unit_catch(U_SIGUSR2);
  sigemu_sigset s = unit_set_of(U_SIGHUP, U_SIGUSR2, 0);
  T_EQ_INT(sigemu_pthread_sigmask(SIGEMU_SIG_BLOCK, &s, NULL), 0);
  T_EQ_INT(sigemu_raise_signal(U_SIGUSR2), 0);
  T_EQ_INT(sigemu_raise_signal(U_SIGHUP), 0);
  T_EQ_INT(sigemu_raise_signal(U_SIGUSR2), 0);
  unsigned char b[16];
  T_EQ_INT(unit_drain(fd, b, 16), 0); /* nothing while blocked */
  T_EQ_INT(sigemu_pthread_sigmask(SIGEMU_SIG_UNBLOCK, &s, NULL), 0);
  int n = unit_drain(fd, b, 16);
  T_EQ_INT(n, 2);
  T_EQ_INT(b[0], U_SIGUSR2);
  T_EQ_INT(b[1], U_SIGHUP);
  T_EQ_STR(unit_order(), "1,12");
}

static void t_unblock_many_wakeup_bytes_descending(void) {
  /* python3: block {1,10,12,14}; raise 12,1,12,10,14; unblock ->
   * bytes [14,12,10,1], handlers [1,10,12,14]. */
  intptr_t fd = unit_pipe(64, true);
  T_EQ_INT(sigemu_set_wakeup_fd(fd, true, NULL), 0);
  int sigs[] = {U_SIGHUP, U_SIGUSR1, U_SIGUSR2, U_SIGALRM};
  for (int i = 0; i < 4; i++) unit_catch(sigs[i]);
  sigemu_sigset s = unit_set_of(U_SIGHUP, U_SIGUSR1, U_SIGUSR2, U_SIGALRM, 0);
  sigemu_pthread_sigmask(SIGEMU_SIG_BLOCK, &s, NULL);
  int raised[] = {12, 1, 12, 10, 14};
  for (int i = 0; i < 5; i++) sigemu_raise_signal(raised[i]);
  T_EQ_SET(cur_pending(), s);
  T_EQ_INT(sigemu_pthread_sigmask(SIGEMU_SIG_UNBLOCK, &s, NULL), 0);
  unsigned char b[16];
  T_EQ_INT(unit_drain(fd, b, 16), 4);
  T_EQ_INT(b[0], 14);
  T_EQ_INT(b[1], 12);
  T_EQ_INT(b[2], 10);
  T_EQ_INT(b[3], 1);
  T_EQ_STR(unit_order(), "1,10,12,14");
}

static void t_unblock_more_signals_than_frames_in_kernel_order(void) {
  /* python3: 40 signals (1..47 without 9, 19, 20-22, 32, 33) blocked,
   * raised, handled, then unblocked together: one frame each, in dequeue
   * order (synchronous signals first), the last one set up runs first. */
  static const unsigned char want[40] = {
      47, 46, 45, 44, 43, 42, 41, 40, 39, 38, 37, 36, 35, 34, 30, 29, 28, 27,
      26, 25, 24, 23, 18, 17, 16, 15, 14, 13, 12, 10, 6, 3, 2, 1, 31, 11, 8,
      7, 5, 4};
  intptr_t fd = unit_pipe(64, true);
  T_EQ_INT(sigemu_set_wakeup_fd(fd, true, NULL), 0);
  sigemu_sigset s;
  sigemu_sigemptyset(&s);
  for (int i = 0; i < 40; i++) {
    unit_catch(want[i]);
    sigemu_sigaddset(&s, want[i]);
  }
  T_EQ_INT(sigemu_pthread_sigmask(SIGEMU_SIG_BLOCK, &s, NULL), 0);
  for (int sig = 1; sig < 48; sig++)
    if (sigemu_sigismember(&s, sig) == 1) sigemu_raise_signal(sig);
  T_EQ_INT(sigemu_pthread_sigmask(SIGEMU_SIG_UNBLOCK, &s, NULL), 0);
  unsigned char b[64];
  T_EQ_INT(unit_drain(fd, b, 64), 40);
  for (int i = 0; i < 40; i++) T_EQ_INT(b[i], want[i]);
}

/* 1000 queued instances of SIGRTMIN, unblocked: each gets its own frame
 * after the previous one returned (Linux: one frame at a time on the
 * stack, python3 takes them all), so the delivery's stack use must not
 * grow with the number of instances. */
static void unblock_queued_rt(void *arg) {
  int *delivered = arg;
  sigemu_sigset s = unit_set_of(U_SIGRTMIN, 0), p;
  sigemu_pthread_sigmask(SIGEMU_SIG_BLOCK, &s, NULL);
  for (int i = 0; i < 1000; i++) sigemu_raise_signal(U_SIGRTMIN);
  sigemu_pthread_sigmask(SIGEMU_SIG_UNBLOCK, &s, NULL);
  sigemu_sigpending(&p);
  *delivered = sigemu_sigismember(&p, U_SIGRTMIN) == 0;
}

static void t_unblock_1000_queued_rt_instances(void) {
  intptr_t fd = unit_pipe(256, true);
  T_EQ_INT(sigemu_set_wakeup_fd(fd, false, NULL), 0);
  unit_catch(U_SIGRTMIN);
  int delivered = 0;
  unblock_queued_rt(&delivered);
  T_TRUE(delivered);
  unsigned char b[256];
  T_EQ_INT(unit_drain(fd, b, 256), 256); /* the pipe is full */
  T_EQ_INT(sigemu_check(), 0);
  T_EQ_INT(U.count[U_SIGRTMIN], 1); /* tripped flags coalesce */
}

#if defined(SIGEMU_UNIT_THREADS)
static void *small_stack_body(void *arg) {
  unblock_queued_rt(arg);
  return NULL;
}

static void t_unblock_1000_queued_rt_on_a_small_stack(void) {
  /* The same on a thread with a 256 KiB stack (a browser worker's or a
   * Windows thread's order of size). */
  unit_catch(U_SIGRTMIN);
  pthread_attr_t at;
  pthread_attr_init(&at);
  pthread_attr_setstacksize(&at, 256 * 1024);
  pthread_t t;
  int delivered = 0;
  T_EQ_INT(pthread_create(&t, &at, small_stack_body, &delivered), 0);
  pthread_join(t, NULL);
  pthread_attr_destroy(&at);
  T_TRUE(delivered);
  T_EQ_INT(sigemu_check(), 0);
  T_EQ_INT(U.count[U_SIGRTMIN], 1);
}
#endif

static void t_signal_ign_discards_pending(void) {
  block(U_SIGUSR1);
  sigemu_raise_signal(U_SIGUSR1);
  T_EQ_SET(cur_pending(), unit_set_of(U_SIGUSR1, 0));
  T_EQ_INT(unit_set(U_SIGUSR1, SIGEMU_IGN), 0);
  T_EQ_SET(cur_pending(), empty_set());
}

static void t_signal_dfl_ignore_discards_pending(void) {
  /* POSIX: setting SIG_DFL for a signal whose default is "ignore"
   * discards it as SIG_IGN does. */
  unit_catch(U_SIGCHLD);
  block(U_SIGCHLD);
  sigemu_raise_signal(U_SIGCHLD);
  T_EQ_SET(cur_pending(), unit_set_of(U_SIGCHLD, 0));
  T_EQ_INT(unit_set(U_SIGCHLD, SIGEMU_DFL), 0);
  T_EQ_SET(cur_pending(), empty_set());
}

static void t_signal_dfl_sigcont_discards_pending(void) {
  /* python3: SIGCONT blocked and pending, signal(SIGCONT, SIG_DFL) ->
   * sigpending() is empty (Linux counts "continue" as ignored here); raised
   * again with SIG_DFL while blocked, it stays pending. */
  unit_catch(U_SIGCONT);
  block(U_SIGCONT);
  sigemu_raise_signal(U_SIGCONT);
  T_EQ_INT(unit_set(U_SIGCONT, SIGEMU_DFL), 0);
  T_EQ_SET(cur_pending(), empty_set());
  sigemu_raise_signal(U_SIGCONT);
  T_EQ_SET(cur_pending(), unit_set_of(U_SIGCONT, 0));
}

static void t_blocked_signal_stays_pending_whatever_disposition(void) {
  /* python3: with SIG_IGN or SIG_DFL installed, a blocked signal raised is
   * still in sigpending(); SIGCHLD (default: ignore) too. */
  block(U_SIGUSR1);
  block(U_SIGUSR2);
  block(U_SIGCHLD);
  unit_set(U_SIGUSR1, SIGEMU_IGN);
  sigemu_raise_signal(U_SIGUSR1);
  sigemu_raise_signal(U_SIGUSR2); /* DFL: terminate, but blocked */
  sigemu_raise_signal(U_SIGCHLD);
  T_EQ_INT(sigemu_check(), 0);
  T_EQ_SET(cur_pending(), unit_set_of(U_SIGUSR1, U_SIGUSR2, U_SIGCHLD, 0));
  T_EQ_INT(unit_ndie, 0);
}

static void t_unblocked_ign_or_dfl_ignore_discarded(void) {
  block(U_SIGUSR1);
  block(U_SIGCHLD);
  unit_set(U_SIGUSR1, SIGEMU_IGN);
  sigemu_raise_signal(U_SIGUSR1);
  sigemu_raise_signal(U_SIGCHLD);
  sigemu_sigset s = unit_set_of(U_SIGUSR1, U_SIGCHLD, 0);
  T_EQ_INT(sigemu_pthread_sigmask(SIGEMU_SIG_UNBLOCK, &s, NULL), 0);
  T_EQ_SET(cur_pending(), empty_set());
  T_EQ_INT(sigemu_check(), 0);
  T_EQ_INT(unit_ndie, 0);
  T_EQ_INT(U.n, 0);
}

static void t_unblock_dfl_terminate_performs_default_action(void) {
  block(U_SIGTERM);
  sigemu_raise_signal(U_SIGTERM);
  T_EQ_INT(unit_ndie, 0);
  sigemu_sigset s = unit_set_of(U_SIGTERM, 0);
  sigemu_pthread_sigmask(SIGEMU_SIG_UNBLOCK, &s, NULL);
  sigemu_check();
  T_EQ_INT(unit_ndie, 1);
  T_EQ_INT(unit_die_sig[0], U_SIGTERM);
  T_EQ_INT(unit_die_action[0], SIGEMU_DEFAULT_TERMINATE);
}

static void t_handler_installed_while_pending_runs_on_unblock(void) {
  block(U_SIGUSR1);
  sigemu_raise_signal(U_SIGUSR1); /* DFL at the time: still pending */
  unit_catch(U_SIGUSR1);
  sigemu_sigset s = unit_set_of(U_SIGUSR1, 0);
  T_EQ_INT(sigemu_pthread_sigmask(SIGEMU_SIG_UNBLOCK, &s, NULL), 0);
  T_EQ_STR(unit_order(), "10");
  T_EQ_INT(unit_ndie, 0);
}

static void t_sigkill_cannot_be_blocked(void) {
  sigemu_sigset s = unit_set_of(U_SIGKILL, 0);
  sigemu_pthread_sigmask(SIGEMU_SIG_BLOCK, &s, NULL);
  T_EQ_INT(sigemu_sim_send(U_SIGKILL), 0);
  sigemu_check();
  T_EQ_SET(cur_pending(), empty_set());
  T_EQ_INT(unit_ndie, 1);
  T_EQ_INT(unit_die_sig[0], U_SIGKILL);
  T_EQ_INT(unit_die_action[0], SIGEMU_DEFAULT_TERMINATE);
}

static void t_sigpending_null_is_enull(void) {
  T_EQ_ERR(sigemu_sigpending(NULL), SIGEMU_ENULL);
}

/* ---- sigwait family ------------------------------------------------------- */

static void t_sigwait_consumes_pending_without_handler(void) {
  unit_catch(U_SIGUSR1);
  block(U_SIGUSR1);
  sigemu_raise_signal(U_SIGUSR1);
  sigemu_sigset s = unit_set_of(U_SIGUSR1, 0);
  int sig = 0;
  T_EQ_INT(sigemu_sigwait(&s, &sig), 0);
  T_EQ_INT(sig, U_SIGUSR1);
  T_EQ_SET(cur_pending(), empty_set());
  T_EQ_INT(sigemu_check(), 0);
  T_EQ_INT(U.n, 0);
}

static void t_sigwait_lowest_pending_first(void) {
  /* python3: block {10, 12}; kill 12, 10; sigwait -> 10, then 12. */
  block(U_SIGUSR1);
  block(U_SIGUSR2);
  sigemu_raise_signal(U_SIGUSR2);
  sigemu_raise_signal(U_SIGUSR1);
  sigemu_sigset s = unit_set_of(U_SIGUSR1, U_SIGUSR2, 0);
  int sig = 0;
  T_EQ_INT(sigemu_sigwait(&s, &sig), 0);
  T_EQ_INT(sig, U_SIGUSR1);
  T_EQ_INT(sigemu_sigwait(&s, &sig), 0);
  T_EQ_INT(sig, U_SIGUSR2);
}

static void t_sigwait_leaves_other_pending(void) {
  block(U_SIGUSR1);
  block(U_SIGUSR2);
  sigemu_raise_signal(U_SIGUSR1);
  sigemu_raise_signal(U_SIGUSR2);
  sigemu_sigset s = unit_set_of(U_SIGUSR2, 0);
  int sig = 0;
  T_EQ_INT(sigemu_sigwait(&s, &sig), 0);
  T_EQ_INT(sig, U_SIGUSR2);
  T_EQ_SET(cur_pending(), unit_set_of(U_SIGUSR1, 0));
}

static void t_sigwait_waited_set_counts_as_blocked(void) {
  /* SIGUSR1 is not blocked, has a handler, and arrives during the wait:
   * sigwait takes it, the handler does not run. */
  unit_catch(U_SIGUSR1);
  unit_steps[0].send_sig = U_SIGUSR1;
  unit_nsteps = 1;
  unit_script_blocking();
  sigemu_sigset s = unit_set_of(U_SIGUSR1, 0);
  int sig = 0;
  T_EQ_INT(sigemu_sigwait(&s, &sig), 0);
  T_EQ_INT(sig, U_SIGUSR1);
  T_EQ_INT(unit_block_calls, 1);
  T_EQ_INT(sigemu_check(), 0);
  T_EQ_INT(U.n, 0);
  T_EQ_SET(cur_pending(), empty_set());
}

static void t_sigwait_other_signal_handled_not_returned(void) {
  /* SIGUSR2 (handler) arrives first: sigwait keeps waiting for SIGUSR1 and
   * SIGUSR2's handler runs by the next check. */
  unit_catch(U_SIGUSR2);
  unit_steps[0].send_sig = U_SIGUSR2;
  unit_steps[1].send_sig = U_SIGUSR1;
  unit_nsteps = 2;
  block(U_SIGUSR1); /* a SIG_DFL signal waited for must be blocked */
  unit_script_blocking();
  sigemu_sigset s = unit_set_of(U_SIGUSR1, 0);
  int sig = 0;
  T_EQ_INT(sigemu_sigwait(&s, &sig), 0);
  T_EQ_INT(sig, U_SIGUSR1);
  T_EQ_INT(sigemu_check(), 0);
  T_EQ_STR(unit_order(), "12");
}

static void t_sigwait_nothing_can_arrive_is_enothere(void) {
  /* sim: a wait without a deadline that nothing could end fails instead of
   * hanging the test. */
  sigemu_sigset s = unit_set_of(U_SIGUSR1, 0);
  int sig = 77;
  T_EQ_ERR(sigemu_sigwait(&s, &sig), SIGEMU_ENOTHERE);
  T_EQ_INT(sig, 77);
  sigemu_siginfo info;
  T_EQ_ERR(sigemu_sigwaitinfo(&s, &info), SIGEMU_ENOTHERE);
}

static void t_sigwaitinfo_fills_all_7_fields(void) {
  block(U_SIGUSR1);
  sigemu_raise_signal(U_SIGUSR1);
  sigemu_sigset s = unit_set_of(U_SIGUSR1, 0);
  sigemu_siginfo info;
  memset(&info, 0x5a, sizeof info);
  T_EQ_INT(sigemu_sigwaitinfo(&s, &info), 0);
  T_EQ_INT(info.signo, U_SIGUSR1);
  T_EQ_INT(info.code, SIGEMU_SI_USER);
  T_EQ_INT(info.err, 0);
  /* No garbage left in any field (sim has no processes: pid/uid 0). */
  T_NE_INT(info.pid, 0x5a5a5a5a);
  T_NE_INT(info.uid, 0x5a5a5a5a);
  T_EQ_INT(info.status, 0);
  T_NE_INT(info.band, (long)0x5a5a5a5a5a5a5a5aLL);
  T_NE_INT(info.band, 0x5a5a5a5a);
}

static void t_sigwaitinfo_itimer_code_is_si_kernel(void) {
  /* python3: sigtimedwait([SIGALRM]) after setitimer -> si_code 128. */
  block(U_SIGALRM);
  T_EQ_INT(sigemu_setitimer(SIGEMU_ITIMER_REAL, 0.5, 0, NULL, NULL), 0);
  sigemu_sim_advance(0.5);
  sigemu_sigset s = unit_set_of(U_SIGALRM, 0);
  sigemu_siginfo info;
  T_EQ_INT(sigemu_sigwaitinfo(&s, &info), 0);
  T_EQ_INT(info.signo, U_SIGALRM);
  T_EQ_INT(info.code, SIGEMU_SI_KERNEL);
  T_EQ_INT(info.pid, 0);
}

static void t_sigwaitinfo_eintr_retries_after_handler(void) {
  /* PEP 475: SIGUSR2 (outside the set, handler returns 0) interrupts the
   * wait; the handler runs and the wait goes on until SIGUSR1. */
  unit_catch(U_SIGUSR2);
  unit_steps[0].send_sig = U_SIGUSR2;
  unit_steps[1].send_sig = U_SIGUSR1;
  unit_nsteps = 2;
  block(U_SIGUSR1); /* a SIG_DFL signal waited for must be blocked */
  unit_script_blocking();
  sigemu_sigset s = unit_set_of(U_SIGUSR1, 0);
  sigemu_siginfo info;
  T_EQ_INT(sigemu_sigwaitinfo(&s, &info), 0);
  T_EQ_INT(info.signo, U_SIGUSR1);
  T_EQ_STR(unit_order(), "12");
}

static void t_sigwaitinfo_handler_raise_propagates(void) {
  unit_catch(U_SIGUSR2);
  U.ret[U_SIGUSR2] = 13;
  unit_steps[0].send_sig = U_SIGUSR2;
  unit_steps[1].send_sig = U_SIGUSR1;
  unit_nsteps = 2;
  unit_script_blocking();
  sigemu_sigset s = unit_set_of(U_SIGUSR1, 0);
  sigemu_siginfo info;
  memset(&info, 0, sizeof info);
  T_EQ_INT(sigemu_sigwaitinfo(&s, &info), 13);
  T_EQ_INT(info.signo, 0); /* not filled */
  T_EQ_INT(unit_block_calls, 1);
}

static void t_sigtimedwait_zero_polls(void) {
  sigemu_sigset s = unit_set_of(U_SIGUSR1, 0);
  sigemu_siginfo info;
  unit_script_blocking();
  int64_t t0 = sigemu_sim_now_ns();
  T_EQ_ERR(sigemu_sigtimedwait(&s, 0.0, &info), SIGEMU_EAGAIN);
  T_EQ_INT(sigemu_sim_now_ns(), t0); /* no time passed */
  T_EQ_INT(unit_block_calls, 0);     /* never blocked */
  block(U_SIGUSR1);
  sigemu_raise_signal(U_SIGUSR1);
  T_EQ_INT(sigemu_sigtimedwait(&s, 0.0, &info), 0);
  T_EQ_INT(info.signo, U_SIGUSR1);
}

static void t_sigtimedwait_timeout_is_eagain(void) {
  sigemu_sigset s = unit_set_of(U_SIGUSR1, 0);
  sigemu_siginfo info;
  memset(&info, 0x11, sizeof info);
  int64_t t0 = sigemu_sim_now_ns();
  T_EQ_ERR(sigemu_sigtimedwait(&s, 2.5, &info), SIGEMU_EAGAIN);
  T_EQ_INT(sigemu_sim_now_ns() - t0, 2500000000LL);
  T_EQ_INT(info.signo, 0x11111111); /* Python's None: nothing filled */
}

static void t_sigtimedwait_signal_before_deadline(void) {
  unit_steps[0].idle_ns = 700000000;
  unit_steps[0].send_sig = U_SIGUSR1;
  unit_nsteps = 1;
  block(U_SIGUSR1); /* a SIG_DFL signal waited for must be blocked */
  unit_script_blocking();
  sigemu_sigset s = unit_set_of(U_SIGUSR1, 0);
  sigemu_siginfo info;
  int64_t t0 = sigemu_sim_now_ns();
  T_EQ_INT(sigemu_sigtimedwait(&s, 5.0, &info), 0);
  T_EQ_INT(info.signo, U_SIGUSR1);
  T_EQ_INT(sigemu_sim_now_ns() - t0, 700000000);
  T_EQ_INT(unit_block_deadlines[0], t0 + 5 * U_NS_PER_S);
}

static void t_sigtimedwait_eintr_recomputes_deadline(void) {
  /* Interrupted after 2 s by SIGUSR2 (handler returns 0): the wait goes on
   * for the 3 s left of the fixed deadline, not for 5 s again. */
  unit_catch(U_SIGUSR2);
  unit_steps[0].idle_ns = 2 * U_NS_PER_S;
  unit_steps[0].send_sig = U_SIGUSR2;
  unit_nsteps = 1;
  unit_script_blocking();
  sigemu_sigset s = unit_set_of(U_SIGUSR1, 0);
  sigemu_siginfo info;
  int64_t t0 = sigemu_sim_now_ns();
  T_EQ_ERR(sigemu_sigtimedwait(&s, 5.0, &info), SIGEMU_EAGAIN);
  T_EQ_STR(unit_order(), "12");
  T_EQ_INT(unit_block_calls, 2);
  T_EQ_INT(unit_block_deadlines[0], t0 + 5 * U_NS_PER_S);
  T_EQ_INT(unit_block_deadlines[1], t0 + 5 * U_NS_PER_S);
  T_EQ_INT(sigemu_sim_now_ns() - t0, 5 * U_NS_PER_S);
}

static void t_sigtimedwait_handler_raise_returns_code(void) {
  unit_catch(U_SIGUSR2);
  U.ret[U_SIGUSR2] = 31;
  unit_steps[0].idle_ns = U_NS_PER_S;
  unit_steps[0].send_sig = U_SIGUSR2;
  unit_nsteps = 1;
  unit_script_blocking();
  sigemu_sigset s = unit_set_of(U_SIGUSR1, 0);
  sigemu_siginfo info;
  int64_t t0 = sigemu_sim_now_ns();
  T_EQ_INT(sigemu_sigtimedwait(&s, 5.0, &info), 31);
  T_EQ_INT(sigemu_sim_now_ns() - t0, U_NS_PER_S);
}

static void t_sigtimedwait_wakes_for_itimer(void) {
  /* The wait ends at the timer's deadline, not at its own. */
  block(U_SIGALRM);
  T_EQ_INT(sigemu_setitimer(SIGEMU_ITIMER_REAL, 1.25, 0, NULL, NULL), 0);
  sigemu_sigset s = unit_set_of(U_SIGALRM, 0);
  sigemu_siginfo info;
  int64_t t0 = sigemu_sim_now_ns();
  T_EQ_INT(sigemu_sigtimedwait(&s, 10.0, &info), 0);
  T_EQ_INT(info.signo, U_SIGALRM);
  T_EQ_INT(info.code, SIGEMU_SI_KERNEL);
  T_EQ_INT(sigemu_sim_now_ns() - t0, 1250000000LL);
  T_EQ_INT(unit_ndie, 0); /* taken by the wait: no default action */
}

static void t_sigwaits_take_itimer_signal_that_has_a_handler(void) {
  /* python3: SIGALRM handled and not blocked, setitimer(ITIMER_REAL, 0.1);
   * sigtimedwait([SIGALRM], 1) returns its siginfo (si_code 128),
   * sigwait([SIGALRM]) returns 14, and the handler never runs: a signal of
   * the set that comes while the thread waits is the wait's, a timer that
   * falls due during the wait included. */
  unit_catch(U_SIGALRM);
  sigemu_sigset s = unit_set_of(U_SIGALRM, 0);
  sigemu_siginfo info;
  memset(&info, 0, sizeof info);
  T_EQ_INT(sigemu_setitimer(SIGEMU_ITIMER_REAL, 0.1, 0, NULL, NULL), 0);
  T_EQ_INT(sigemu_sigtimedwait(&s, 1.0, &info), 0);
  T_EQ_INT(info.signo, U_SIGALRM);
  T_EQ_INT(info.code, SIGEMU_SI_KERNEL);
  T_EQ_INT(sigemu_setitimer(SIGEMU_ITIMER_REAL, 0.1, 0, NULL, NULL), 0);
  int sig = 0;
  T_EQ_INT(sigemu_sigwait(&s, &sig), 0);
  T_EQ_INT(sig, U_SIGALRM);
  T_EQ_INT(sigemu_check(), 0);
  T_EQ_INT(U.count[U_SIGALRM], 0);
}

static void t_sigtimedwait_unblocked_dfl_fatal_ends_process(void) {
  /* python3: setitimer(ITIMER_REAL, 0.2); sigtimedwait([SIGALRM], 1) with
   * SIGALRM neither blocked nor handled: killed by SIGALRM (exit 142).
   * Linux decides at generation, with the mask from before the wait. */
  T_EQ_INT(sigemu_setitimer(SIGEMU_ITIMER_REAL, 0.25, 0, NULL, NULL), 0);
  sigemu_sigset s = unit_set_of(U_SIGALRM, 0);
  sigemu_siginfo info;
  (void)sigemu_sigtimedwait(&s, 1.0, &info);
  T_EQ_INT(unit_ndie, 1);
  T_EQ_INT(unit_die_sig[0], U_SIGALRM);
}

static void t_sigtimedwait_unblocked_ignored_is_discarded(void) {
  /* python3: SIGUSR1 set to SIG_IGN, not blocked, sent during
   * sigtimedwait([SIGUSR1], 1): discarded at generation, the wait times
   * out (None). */
  unit_set(U_SIGUSR1, SIGEMU_IGN);
  unit_steps[0].send_sig = U_SIGUSR1;
  unit_nsteps = 1;
  unit_script_blocking();
  sigemu_sigset s = unit_set_of(U_SIGUSR1, 0);
  sigemu_siginfo info;
  T_EQ_ERR(sigemu_sigtimedwait(&s, 1.0, &info), SIGEMU_EAGAIN);
  T_EQ_SET(cur_pending(), empty_set());
}

static void t_sigtimedwait_tiny_negative_rounds_to_poll(void) {
  /* -1e-10 s rounds up to 0 ns (CPython's ROUND_CEILING): a poll, as
   * python3's sigtimedwait([10], -1e-10) returns None. */
  sigemu_sigset s = unit_set_of(U_SIGUSR1, 0);
  sigemu_siginfo info;
  T_EQ_ERR(sigemu_sigtimedwait(&s, -1e-10, &info), SIGEMU_EAGAIN);
}

/* ---- pause and sleep ------------------------------------------------------ */

static void t_pause_returns_handler_code(void) {
  unit_catch(U_SIGUSR1);
  U.ret[U_SIGUSR1] = 8;
  unit_steps[0].send_sig = U_SIGUSR1;
  unit_nsteps = 1;
  unit_script_blocking();
  T_EQ_INT(sigemu_pause(), 8);
  T_EQ_INT(U.count[U_SIGUSR1], 1);
}

static void t_pause_returns_zero_after_normal_handler(void) {
  unit_catch(U_SIGUSR1);
  unit_steps[0].idle_ns = 3 * U_NS_PER_S;
  unit_steps[0].send_sig = U_SIGUSR1;
  unit_nsteps = 1;
  unit_script_blocking();
  int64_t t0 = sigemu_sim_now_ns();
  T_EQ_INT(sigemu_pause(), 0);
  T_EQ_INT(U.count[U_SIGUSR1], 1);
  T_EQ_INT(sigemu_sim_now_ns() - t0, 3 * U_NS_PER_S);
}

static void t_pause_ends_on_alarm(void) {
  unit_catch(U_SIGALRM);
  T_EQ_INT(sigemu_alarm(2, NULL), 0);
  int64_t t0 = sigemu_sim_now_ns();
  T_EQ_INT(sigemu_pause(), 0);
  T_EQ_INT(U.count[U_SIGALRM], 1);
  T_EQ_INT(sigemu_sim_now_ns() - t0, 2 * U_NS_PER_S);
}

static void t_pause_ignored_signal_does_not_end_it(void) {
  /* SIGUSR2 is ignored: pause goes on until SIGUSR1 is handled. */
  unit_set(U_SIGUSR2, SIGEMU_IGN);
  unit_catch(U_SIGUSR1);
  unit_steps[0].send_sig = U_SIGUSR2;
  unit_steps[1].send_sig = U_SIGUSR1;
  unit_nsteps = 2;
  unit_script_blocking();
  T_EQ_INT(sigemu_pause(), 0);
  T_EQ_INT(unit_block_calls, 2);
  T_EQ_STR(unit_order(), "10");
}

static void t_pause_after_a_handler_raised_waits_for_a_signal(void) {
  /* python3: a SIGUSR1 handler raises, the exception is caught; then
   * setitimer(ITIMER_REAL, 0.5) and signal.pause() returns after 0.5 s,
   * when SIGALRM comes: nothing is left to dispatch, so pause blocks. */
  unit_catch(U_SIGUSR1);
  unit_catch(U_SIGALRM);
  U.ret[U_SIGUSR1] = 5;
  T_EQ_INT(sigemu_raise_signal(U_SIGUSR1), 5);
  T_EQ_INT(sigemu_setitimer(SIGEMU_ITIMER_REAL, 0.5, 0, NULL, NULL), 0);
  int64_t t0 = sigemu_sim_now_ns();
  T_EQ_INT(sigemu_pause(), 0);
  T_EQ_INT(sigemu_sim_now_ns() - t0, U_NS_PER_S / 2);
  T_EQ_INT(U.count[U_SIGALRM], 1);
}

static void t_pause_nothing_can_wake_is_enothere(void) {
  T_EQ_ERR(sigemu_pause(), SIGEMU_ENOTHERE);
}

static void t_sleep_not_shortened_by_handler(void) {
  unit_catch(U_SIGUSR1);
  unit_steps[0].idle_ns = U_NS_PER_S;
  unit_steps[0].send_sig = U_SIGUSR1;
  unit_nsteps = 1;
  unit_script_blocking();
  int64_t t0 = sigemu_sim_now_ns();
  T_EQ_INT(sigemu_sleep(5.0), 0);
  T_EQ_INT(U.count[U_SIGUSR1], 1);
  T_EQ_INT(sigemu_sim_now_ns() - t0, 5 * U_NS_PER_S);
  T_EQ_INT(unit_block_deadlines[0], t0 + 5 * U_NS_PER_S);
  T_EQ_INT(unit_block_deadlines[1], t0 + 5 * U_NS_PER_S);
}

static void t_sleep_returns_handler_code_at_once(void) {
  unit_catch(U_SIGUSR1);
  U.ret[U_SIGUSR1] = 4;
  unit_steps[0].idle_ns = U_NS_PER_S;
  unit_steps[0].send_sig = U_SIGUSR1;
  unit_nsteps = 1;
  unit_script_blocking();
  int64_t t0 = sigemu_sim_now_ns();
  T_EQ_INT(sigemu_sleep(5.0), 4);
  T_EQ_INT(sigemu_sim_now_ns() - t0, U_NS_PER_S);
}

static void t_sleep_zero_returns_at_once(void) {
  unit_script_blocking();
  int64_t t0 = sigemu_sim_now_ns();
  T_EQ_INT(sigemu_sleep(0.0), 0);
  T_EQ_INT(sigemu_sim_now_ns(), t0);
  T_EQ_INT(unit_block_calls, 0);
}

static void t_sleep_runs_handlers_of_periodic_timer(void) {
  /* time.sleep(1) with a 0.25 s periodic ITIMER_REAL: four handler runs,
   * and the sleep still lasts exactly 1 s. */
  unit_catch(U_SIGALRM);
  T_EQ_INT(sigemu_setitimer(SIGEMU_ITIMER_REAL, 0.25, 0.25, NULL, NULL), 0);
  int64_t t0 = sigemu_sim_now_ns();
  T_EQ_INT(sigemu_sleep(1.0), 0);
  T_EQ_INT(sigemu_sim_now_ns() - t0, U_NS_PER_S);
  T_EQ_INT(U.count[U_SIGALRM], 4);
}

static const harness_test tests[] = {
    T(t_sigmask_block_returns_old_mask),
    T(t_sigmask_unblock_not_blocked_is_fine),
    T(t_sigmask_setmask_replaces),
    T(t_sigmask_null_set_reads_mask),
    T(t_sigmask_kill_stop_silently_dropped),
    T(t_sigmask_32_33_silently_dropped),
    T(t_sigmask_out_of_range_member_is_valueerror),
    T(t_sigmask_bad_how_is_einval),
    T(t_blocked_signal_goes_to_pending),
    T(t_unblock_delivers_at_check),
    T(t_unblock_returns_handler_code),
    T(t_unblock_coalesces_and_orders_wakeup_bytes),
    T(t_unblock_many_wakeup_bytes_descending),
    T(t_unblock_more_signals_than_frames_in_kernel_order),
    T(t_unblock_1000_queued_rt_instances),
#if defined(SIGEMU_UNIT_THREADS)
    T(t_unblock_1000_queued_rt_on_a_small_stack),
#endif
    T(t_signal_ign_discards_pending),
    T(t_signal_dfl_ignore_discards_pending),
    T(t_signal_dfl_sigcont_discards_pending),
    T(t_blocked_signal_stays_pending_whatever_disposition),
    T(t_unblocked_ign_or_dfl_ignore_discarded),
    T(t_unblock_dfl_terminate_performs_default_action),
    T(t_handler_installed_while_pending_runs_on_unblock),
    T(t_sigkill_cannot_be_blocked),
    T(t_sigpending_null_is_enull),
    T(t_sigwait_consumes_pending_without_handler),
    T(t_sigwait_lowest_pending_first),
    T(t_sigwait_leaves_other_pending),
    T(t_sigwait_waited_set_counts_as_blocked),
    T(t_sigwait_other_signal_handled_not_returned),
    T(t_sigwait_nothing_can_arrive_is_enothere),
    T(t_sigwaitinfo_fills_all_7_fields),
    T(t_sigwaitinfo_itimer_code_is_si_kernel),
    T(t_sigwaitinfo_eintr_retries_after_handler),
    T(t_sigwaitinfo_handler_raise_propagates),
    T(t_sigtimedwait_zero_polls),
    T(t_sigtimedwait_timeout_is_eagain),
    T(t_sigtimedwait_signal_before_deadline),
    T(t_sigtimedwait_eintr_recomputes_deadline),
    T(t_sigtimedwait_handler_raise_returns_code),
    T(t_sigtimedwait_wakes_for_itimer),
    T(t_sigwaits_take_itimer_signal_that_has_a_handler),
    T(t_sigtimedwait_unblocked_dfl_fatal_ends_process),
    T(t_sigtimedwait_unblocked_ignored_is_discarded),
    T(t_sigtimedwait_tiny_negative_rounds_to_poll),
    T(t_pause_returns_handler_code),
    T(t_pause_returns_zero_after_normal_handler),
    T(t_pause_ends_on_alarm),
    T(t_pause_ignored_signal_does_not_end_it),
    T(t_pause_nothing_can_wake_is_enothere),
    T(t_pause_after_a_handler_raised_waits_for_a_signal),
    T(t_sleep_not_shortened_by_handler),
    T(t_sleep_returns_handler_code_at_once),
    T(t_sleep_zero_returns_at_once),
    T(t_sleep_runs_handlers_of_periodic_timer),
};

int main(int argc, char **argv) {
  unit_use_fixture();
  return harness_main(argc, argv, tests, HARNESS_COUNT(tests));
}
