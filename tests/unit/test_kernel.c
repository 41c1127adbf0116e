/* test_kernel.c — the emulation kit as a model of the Linux signal kernel,
 * through the public API on `sim`: thread and process pending sets,
 * real-time queueing, the dequeue order, stop/continue cancellation, CPU
 * itimer intervals, per-thread masks and waits, and the dispatch rules that
 * concern the kernel (a tripped signal ends pause; a longjmp out of a
 * handler strands nothing; each failed wakeup write keeps its error).
 *
 * Every expectation was checked against python3 (CPython 3.11 on Linux, the
 * kernel this project runs on); the comment above each test says how.
 */
#include <string.h>

/* WASI preview1 has no setjmp/longjmp. */
#if !defined(__wasi__)
#  define UNIT_LONGJMP 1
#  include <setjmp.h>
#endif

#include "unit.h"

#if defined(SIGEMU_UNIT_THREADS)
#  include <pthread.h>
#  include <sched.h>
#  include <stdatomic.h>
int sched_yield(void);
static void thrd_yield_(void) { (void)sched_yield(); }
#endif

#if defined(SIGEMU_UNIT_FORK)
#  include <sys/wait.h>
#  include <unistd.h>
#endif

static void block(int sig) {
  sigemu_sigset s = unit_set_of(sig, 0);
  sigemu_pthread_sigmask(SIGEMU_SIG_BLOCK, &s, NULL);
}

static sigemu_sigset pending(void) {
  sigemu_sigset p;
  sigemu_sigpending(&p);
  return p;
}

/* ---- who sent it ---------------------------------------------------------- */

#if defined(SIGEMU_UNIT_FORK)
/* The siginfo of a raise in this process, taken back with sigtimedwait:
 * 0 when si_pid and si_uid are this process's getpid() and getuid(). */
static int raise_names_this_process(void) {
  block(U_SIGUSR1);
  if (sigemu_raise_signal(U_SIGUSR1) != 0) return 1;
  sigemu_sigset s = unit_set_of(U_SIGUSR1, 0);
  sigemu_siginfo i;
  if (sigemu_sigtimedwait(&s, 0, &i) != 0) return 2;
  if (i.code != SIGEMU_SI_USER) return 3;
  if (i.pid != (int)getpid()) return 4;
  if (i.uid != (int)getuid()) return 5;
  return 0;
}
#endif

static void t_raise_names_the_raising_process_after_fork(void) {
  /* python3: signal.raise_signal(SIGUSR1) blocked, then sigwaitinfo:
   * si_code SI_USER, si_pid os.getpid(), si_uid os.getuid(); in a child of
   * os.fork(), the child's pid (sim reads them once, and again in a child). */
#if defined(SIGEMU_UNIT_FORK)
  T_EQ_INT(raise_names_this_process(), 0);
  fflush(stdout);
  pid_t pid = fork();
  if (pid == 0) _exit(raise_names_this_process());
  int st = -1;
  T_TRUE(pid > 0 && waitpid(pid, &st, 0) == pid);
  T_TRUE(WIFEXITED(st));
  T_EQ_INT(WEXITSTATUS(st), 0); /* 4: the child was named by its parent's pid */
  T_EQ_INT(raise_names_this_process(), 0);
#else
  T_SKIP("no fork() on this target");
#endif
}

/* ---- thread and process pending sets ------------------------------------ */

static void t_thread_and_process_set_each_hold_one_instance(void) {
  /* python3: block SIGUSR1; raise_signal (the thread's set) and os.kill
   * (the process's set): two sigwaitinfo calls return it, the thread's
   * first; a third would block. */
  block(U_SIGUSR1);
  T_EQ_INT(sigemu_sim_send(U_SIGUSR1), 0);    /* process: from outside */
  T_EQ_INT(sigemu_raise_signal(U_SIGUSR1), 0); /* thread: raise() */
  T_EQ_INT(sigemu_sim_send(U_SIGUSR1), 0);    /* coalesced in the process set */
  sigemu_sigset s = unit_set_of(U_SIGUSR1, 0);
  sigemu_siginfo a, b;
  T_EQ_INT(sigemu_sigtimedwait(&s, 0, &a), 0);
  T_EQ_INT(sigemu_sigtimedwait(&s, 0, &b), 0);
  T_NE_INT(a.pid, 0); /* the raise: our own pid, taken first */
  T_EQ_INT(b.pid, 0); /* the host's send */
  T_EQ_ERR(sigemu_sigtimedwait(&s, 0, &a), SIGEMU_EAGAIN);
}

static void t_first_siginfo_of_a_standard_signal_is_kept(void) {
  /* The timer's SIGALRM (SI_KERNEL) is pending when a kill adds another
   * (SI_USER): Linux drops the second, the first siginfo stays. */
  block(U_SIGALRM);
  T_EQ_INT(sigemu_setitimer(SIGEMU_ITIMER_REAL, 0.5, 0, NULL, NULL), 0);
  sigemu_sim_advance(0.6);
  T_EQ_INT(sigemu_sim_send(U_SIGALRM), 0);
  sigemu_sigset s = unit_set_of(U_SIGALRM, 0);
  sigemu_siginfo i;
  T_EQ_INT(sigemu_sigtimedwait(&s, 0, &i), 0);
  T_EQ_INT(i.code, SIGEMU_SI_KERNEL);
  T_EQ_ERR(sigemu_sigtimedwait(&s, 0, &i), SIGEMU_EAGAIN);
}

static void t_stalled_real_timer_resumes_on_its_own_instance(void) {
  /* A periodic ITIMER_REAL stops after firing while SIGALRM is blocked
   * (getitimer (0, interval)); taking a raise()d SIGALRM from the thread's
   * set does not re-arm it, taking the timer's from the process set does. */
  block(U_SIGALRM);
  T_EQ_INT(sigemu_setitimer(SIGEMU_ITIMER_REAL, 1.0, 1.0, NULL, NULL), 0);
  sigemu_sim_advance(1.5);
  double v, iv;
  T_EQ_INT(sigemu_getitimer(SIGEMU_ITIMER_REAL, &v, &iv), 0);
  T_EQ_DBL(v, 0.0, 1e-9);
  T_EQ_DBL(iv, 1.0, 1e-9);
  T_EQ_INT(sigemu_raise_signal(U_SIGALRM), 0);
  sigemu_sigset s = unit_set_of(U_SIGALRM, 0);
  sigemu_siginfo i;
  T_EQ_INT(sigemu_sigtimedwait(&s, 0, &i), 0);
  T_EQ_INT(i.code, SIGEMU_SI_USER); /* the raise, thread set first */
  T_EQ_INT(sigemu_getitimer(SIGEMU_ITIMER_REAL, &v, &iv), 0);
  T_EQ_DBL(v, 0.0, 1e-9); /* still stalled */
  T_EQ_INT(sigemu_sigtimedwait(&s, 0, &i), 0);
  T_EQ_INT(i.code, SIGEMU_SI_KERNEL);
  T_EQ_INT(sigemu_getitimer(SIGEMU_ITIMER_REAL, &v, &iv), 0);
  T_TRUE(v > 0.4 && v <= 0.5); /* back on its grid: next at 2.0 s */
}

/* ---- real-time signals queue --------------------------------------------- */

static void t_realtime_instances_queue(void) {
  /* python3: block SIGRTMIN, raise it three times: sigpending shows it,
   * and three sigwait calls each take one. */
  block(U_SIGRTMIN);
  for (int k = 0; k < 3; k++) T_EQ_INT(sigemu_raise_signal(U_SIGRTMIN), 0);
  T_EQ_SET(pending(), unit_set_of(U_SIGRTMIN, 0));
  sigemu_sigset s = unit_set_of(U_SIGRTMIN, 0);
  sigemu_siginfo i;
  for (int k = 0; k < 3; k++) T_EQ_INT(sigemu_sigtimedwait(&s, 0, &i), 0);
  T_EQ_ERR(sigemu_sigtimedwait(&s, 0, &i), SIGEMU_EAGAIN);
}

static void t_realtime_each_instance_runs_and_writes(void) {
  /* python3: set_wakeup_fd, block SIGRTMIN+1, os.kill it 3 times,
   * unblock: the fd holds 3 bytes of 35 (the low-level handler ran for
   * each instance); the Python-level handler runs once (the tripped flag
   * coalesces them): "runs 1 bytes [35, 35, 35]". */
  intptr_t fd = unit_pipe(64, true);
  T_EQ_INT(sigemu_set_wakeup_fd(fd, true, NULL), 0);
  unit_catch(U_SIGRTMIN + 1);
  block(U_SIGRTMIN + 1);
  for (int k = 0; k < 3; k++) T_EQ_INT(sigemu_sim_send(U_SIGRTMIN + 1), 0);
  sigemu_sigset s = unit_set_of(U_SIGRTMIN + 1, 0);
  T_EQ_INT(sigemu_pthread_sigmask(SIGEMU_SIG_UNBLOCK, &s, NULL), 0);
  T_EQ_INT(sigemu_check(), 0);
  T_EQ_INT(U.count[U_SIGRTMIN + 1], 1);
  unsigned char b[8];
  T_EQ_INT(unit_drain(fd, b, 8), 3);
  T_EQ_INT(b[0], 35);
  T_EQ_INT(b[2], 35);
}

static void t_realtime_queue_overflow(void) {
  /* Beyond the queue's 1024 entries (Linux: RLIMIT_SIGPENDING) a real-time
   * signal that carries information — raise()'s SI_TKILL, sigqueue — is
   * refused with EAGAIN; a kill() (SI_USER) is still marked pending,
   * without its siginfo (Linux collect_signal: SI_USER from pid 0), as long
   * as no queued instance of it remains; taking the last queued instance
   * clears the bit. */
  block(U_SIGRTMIN);
  block(U_SIGRTMIN + 2);
  for (int k = 0; k < 1024; k++) T_EQ_INT(sigemu_raise_signal(U_SIGRTMIN), 0);
  T_EQ_ERR(sigemu_raise_signal(U_SIGRTMIN), SIGEMU_EAGAIN);
  /* A kill() to the process: its own set, no entry left for its siginfo. */
  T_EQ_INT(sigemu_sim_send(U_SIGRTMIN), 0);
  T_EQ_INT(sigemu_sim_send(U_SIGRTMIN + 2), 0);
  sigemu_sigset s = unit_set_of(U_SIGRTMIN, 0);
  sigemu_siginfo i;
  int taken = 0;
  while (sigemu_sigtimedwait(&s, 0, &i) == 0) taken++;
  /* 1024 from the thread's set, then the process's one without siginfo. */
  T_EQ_INT(taken, 1025);
  T_EQ_INT(i.pid, 0);
  s = unit_set_of(U_SIGRTMIN + 2, 0);
  T_EQ_INT(sigemu_sigtimedwait(&s, 0, &i), 0);
  T_EQ_INT(i.signo, U_SIGRTMIN + 2);
  T_EQ_INT(i.code, SIGEMU_SI_USER);
  T_EQ_INT(i.pid, 0);
  T_EQ_ERR(sigemu_sigtimedwait(&s, 0, &i), SIGEMU_EAGAIN);
}

/* ---- dequeue order ---------------------------------------------------------- */

static void t_synchronous_signals_are_taken_first(void) {
  /* python3: block SIGHUP, SIGUSR1, SIGSEGV, SIGFPE; raise_signal them in
   * that order; sigwait takes SIGFPE (8), SIGSEGV (11), SIGHUP (1),
   * SIGUSR1 (10). */
  int sigs[] = {U_SIGHUP, U_SIGUSR1, U_SIGSEGV, U_SIGFPE};
  sigemu_sigset s = unit_set_of(U_SIGHUP, U_SIGUSR1, U_SIGSEGV, U_SIGFPE, 0);
  sigemu_pthread_sigmask(SIGEMU_SIG_BLOCK, &s, NULL);
  for (int k = 0; k < 4; k++) T_EQ_INT(sigemu_raise_signal(sigs[k]), 0);
  int want[] = {U_SIGFPE, U_SIGSEGV, U_SIGHUP, U_SIGUSR1};
  for (int k = 0; k < 4; k++) {
    int got = 0;
    T_EQ_INT(sigemu_sigwait(&s, &got), 0);
    T_EQ_INT(got, want[k]);
  }
}

static void t_unblock_writes_bytes_in_reverse_dequeue_order(void) {
  /* python3: handlers on SIGHUP, SIGUSR1, SIGSEGV, blocked and raised,
   * then unblocked: the handlers run 1, 10, 11 (ascending dispatch) and
   * the wakeup fd reads 10 1 11 (one frame per signal, dequeued 11, 1, 10,
   * the last set up runs first). */
  intptr_t fd = unit_pipe(64, true);
  T_EQ_INT(sigemu_set_wakeup_fd(fd, true, NULL), 0);
  int sigs[] = {U_SIGHUP, U_SIGUSR1, U_SIGSEGV};
  sigemu_sigset s = unit_set_of(U_SIGHUP, U_SIGUSR1, U_SIGSEGV, 0);
  for (int k = 0; k < 3; k++) unit_catch(sigs[k]);
  sigemu_pthread_sigmask(SIGEMU_SIG_BLOCK, &s, NULL);
  for (int k = 0; k < 3; k++) T_EQ_INT(sigemu_raise_signal(sigs[k]), 0);
  T_EQ_INT(sigemu_pthread_sigmask(SIGEMU_SIG_UNBLOCK, &s, NULL), 0);
  T_EQ_STR(unit_order(), "1,10,11");
  unsigned char b[8];
  T_EQ_INT(unit_drain(fd, b, 8), 3);
  T_EQ_INT(b[0], 10);
  T_EQ_INT(b[1], 1);
  T_EQ_INT(b[2], 11);
}

/* ---- stop and continue ------------------------------------------------------- */

static void t_stop_and_continue_cancel_each_other(void) {
  /* python3: block SIGTSTP and SIGCONT; raise SIGTSTP: pending {SIGTSTP};
   * raise SIGCONT: pending {SIGCONT} (the stop is discarded); raise
   * SIGTSTP: pending {SIGTSTP}. */
  sigemu_sigset s = unit_set_of(U_SIGTSTP, U_SIGCONT, 0);
  sigemu_pthread_sigmask(SIGEMU_SIG_BLOCK, &s, NULL);
  T_EQ_INT(sigemu_raise_signal(U_SIGTSTP), 0);
  T_EQ_SET(pending(), unit_set_of(U_SIGTSTP, 0));
  T_EQ_INT(sigemu_raise_signal(U_SIGCONT), 0);
  T_EQ_SET(pending(), unit_set_of(U_SIGCONT, 0));
  T_EQ_INT(sigemu_sim_send(U_SIGTSTP), 0); /* any set: process this time */
  T_EQ_SET(pending(), unit_set_of(U_SIGTSTP, 0));
}

static void t_sigstop_discards_pending_sigcont(void) {
  /* SIGSTOP cannot be blocked or caught; it still cancels a pending
   * SIGCONT (the emulated process itself cannot be stopped). */
  block(U_SIGCONT);
  T_EQ_INT(sigemu_raise_signal(U_SIGCONT), 0);
  T_EQ_SET(pending(), unit_set_of(U_SIGCONT, 0));
  T_EQ_INT(sigemu_sim_send(U_SIGSTOP), 0);
  T_EQ_SET(pending(), unit_set_of(0));
  T_EQ_INT(unit_ndie, 0);
}

/* ---- itimers ------------------------------------------------------------------- */

static void t_cpu_timers_keep_their_interval_at_zero(void) {
  /* python3: setitimer(ITIMER_VIRTUAL, 0, 1) -> getitimer (0.0, 1.0);
   * setitimer(ITIMER_REAL, 0, 1) -> (0.0, 0.0). */
  double v, iv;
  T_EQ_INT(sigemu_setitimer(SIGEMU_ITIMER_VIRTUAL, 0, 1, NULL, NULL), 0);
  T_EQ_INT(sigemu_getitimer(SIGEMU_ITIMER_VIRTUAL, &v, &iv), 0);
  T_EQ_DBL(v, 0.0, 1e-9);
  T_EQ_DBL(iv, 1.0, 1e-9);
  T_EQ_INT(sigemu_setitimer(SIGEMU_ITIMER_PROF, 0, 0.5, NULL, NULL), 0);
  T_EQ_INT(sigemu_getitimer(SIGEMU_ITIMER_PROF, &v, &iv), 0);
  T_EQ_DBL(iv, 0.5, 1e-9);
  T_EQ_INT(sigemu_setitimer(SIGEMU_ITIMER_REAL, 0, 1, NULL, NULL), 0);
  T_EQ_INT(sigemu_getitimer(SIGEMU_ITIMER_REAL, &v, &iv), 0);
  T_EQ_DBL(v, 0.0, 1e-9);
  T_EQ_DBL(iv, 0.0, 1e-9);
}

/* ---- dispatch rules the kernel model touches ------------------------------ */

static void t_pause_returns_for_a_signal_tripped_before_it(void) {
  /* A signal delivered while the program was elsewhere (a JS timer in the
   * event loop) and not yet dispatched: pause() runs its handler and
   * returns instead of sleeping (posix checks the tripped flag the same
   * way). */
  unit_catch(U_SIGUSR1);
  unit_script_blocking();
  T_EQ_INT(sigemu_sim_send(U_SIGUSR1), 0); /* tripped, not dispatched */
  T_EQ_INT(sigemu_pause(), 0);
  T_EQ_INT(U.count[U_SIGUSR1], 1);
  T_EQ_INT(unit_block_calls, 0);
}

#if defined(UNIT_LONGJMP)
static jmp_buf escape;
static void hook_longjmp_on_usr1(int sig) {
  if (sig == U_SIGUSR1) longjmp(escape, 1);
}

static void t_handler_that_longjmps_strands_nothing(void) {
  /* SIGUSR1's handler never returns; SIGUSR2, tripped with it, must still
   * run at the next check (it must not wait for an unrelated signal). */
  unit_catch(U_SIGUSR1);
  unit_catch(U_SIGUSR2);
  U.hook = hook_longjmp_on_usr1;
  T_EQ_INT(sigemu_sim_send(U_SIGUSR1), 0);
  T_EQ_INT(sigemu_sim_send(U_SIGUSR2), 0);
  if (setjmp(escape) == 0) {
    (void)sigemu_check();
    T_FAIL_("the handler did not longjmp");
  }
  U.hook = NULL;
  T_EQ_INT(U.count[U_SIGUSR2], 0);
  T_EQ_INT(sigemu_check(), 0);
  T_EQ_INT(U.count[U_SIGUSR2], 1);
  T_EQ_STR(unit_order(), "10,12");
}
#endif

static int hup_runs_inside;
static void hook_send_and_check(int sig) {
  if (sig != U_SIGUSR1) return;
  sigemu_sim_send(U_SIGHUP); /* arrives while this handler runs */
  (void)sigemu_check();      /* nested: runs it now */
  hup_runs_inside = U.count[U_SIGHUP];
}

static void t_nested_check_sees_signals_that_arrived_meanwhile(void) {
  unit_catch(U_SIGUSR1);
  unit_catch(U_SIGHUP);
  U.hook = hook_send_and_check;
  hup_runs_inside = -1;
  T_EQ_INT(sigemu_sim_send(U_SIGUSR1), 0);
  T_EQ_INT(sigemu_check(), 0);
  T_EQ_INT(hup_runs_inside, 1);
  T_EQ_STR(unit_order(), "10,1");
}

static void t_each_failed_wakeup_write_keeps_its_error(void) {
  /* Two failures before the check: two reports, each with its own error
   * (CPython passes errno per failure). */
  intptr_t fd = unit_pipe(64, true);
  T_EQ_INT(sigemu_set_wakeup_fd(fd, true, NULL), 0);
  unit_catch(U_SIGUSR1);
  unit_catch(U_SIGUSR2);
  T_EQ_INT(sigemu_sim_pipe_fault(fd, SIGEMU_EAGAIN, 1), 0);
  T_EQ_INT(sigemu_sim_send(U_SIGUSR1), 0);
  T_EQ_INT(sigemu_sim_pipe_fault(fd, SIGEMU_EOS, 1), 0);
  T_EQ_INT(sigemu_sim_send(U_SIGUSR2), 0);
  T_EQ_INT(sigemu_check(), 0);
  T_EQ_INT(unit_nreports, 2);
  const char *eagain = strstr(unit_reports, "BlockingIOError: [Errno 11]");
  const char *eio = strstr(unit_reports, "OSError: [Errno 5]");
  T_TRUE(eagain != NULL);
  T_TRUE(eio != NULL);
  T_TRUE(eagain < eio);
}

/* ---- threads --------------------------------------------------------------------- */

#if defined(SIGEMU_UNIT_THREADS)
typedef struct {
  atomic_int phase; /* 0 start, 1 ready, 2 go on, 3 done */
  sigemu_spawn token;
  sigemu_sigset mask;  /* what the thread saw as its mask at start */
  sigemu_thread id;
  int sig, got, rc;
} worker;

static void wait_phase(atomic_int *p, int want) {
  while (atomic_load(p) < want) thrd_yield_();
}

static void *w_block_all_then_wait(void *arg) {
  worker *w = arg;
  sigemu_sigset all;
  sigemu_valid_signals(&all);
  w->rc = sigemu_pthread_sigmask(SIGEMU_SIG_BLOCK, &all, NULL);
  atomic_store(&w->phase, 1);
  wait_phase(&w->phase, 2);
  atomic_store(&w->phase, 3);
  return NULL;
}

static void t_worker_blocking_everything_does_not_block_main(void) {
  /* The common pattern: a worker blocks every signal; the main thread's
   * handlers still run. */
  unit_catch(U_SIGUSR1);
  worker w = {0};
  pthread_t th;
  T_EQ_INT(pthread_create(&th, NULL, w_block_all_then_wait, &w), 0);
  wait_phase(&w.phase, 1);
  T_EQ_INT(w.rc, 0);
  T_EQ_INT(sigemu_sim_send(U_SIGUSR1), 0);
  T_EQ_INT(sigemu_check(), 0);
  T_EQ_INT(U.count[U_SIGUSR1], 1);
  T_EQ_SET(pending(), unit_set_of(0));
  atomic_store(&w.phase, 2);
  pthread_join(th, NULL);
}

static void *w_unblocked_wait(void *arg) {
  worker *w = arg;
  sigemu_sigset none;
  sigemu_sigemptyset(&none);
  w->rc = sigemu_pthread_sigmask(SIGEMU_SIG_SETMASK, &none, NULL);
  atomic_store(&w->phase, 1);
  wait_phase(&w->phase, 2);
  atomic_store(&w->phase, 3);
  return NULL;
}

static void t_process_signal_goes_to_a_thread_that_does_not_block_it(void) {
  /* python3: the main thread blocks SIGUSR1, a worker does not; os.kill:
   * the worker takes it, so the handler runs (on the main thread, at its
   * next check) although the main thread blocks it. */
  unit_catch(U_SIGUSR1);
  block(U_SIGUSR1);
  worker w = {0};
  pthread_t th;
  T_EQ_INT(pthread_create(&th, NULL, w_unblocked_wait, &w), 0);
  wait_phase(&w.phase, 1);
  T_EQ_INT(sigemu_sim_send(U_SIGUSR1), 0);
  T_EQ_INT(sigemu_check(), 0);
  T_EQ_INT(U.count[U_SIGUSR1], 1);
  T_EQ_SET(pending(), unit_set_of(0));
  atomic_store(&w.phase, 2);
  pthread_join(th, NULL);
}

static void *w_report_mask(void *arg) {
  worker *w = arg;
  sigemu_thread_begin(&w->token);
  w->rc = sigemu_pthread_sigmask(SIGEMU_SIG_BLOCK, NULL, &w->mask);
  return NULL;
}

static void t_new_thread_inherits_its_creators_mask(void) {
  block(U_SIGUSR2);
  worker w = {0};
  sigemu_thread_spawn(&w.token);
  pthread_t th;
  T_EQ_INT(pthread_create(&th, NULL, w_report_mask, &w), 0);
  pthread_join(th, NULL);
  T_EQ_INT(w.rc, 0);
  T_EQ_SET(w.mask, unit_set_of(U_SIGUSR2, 0));
}

static void *w_sigwait(void *arg) {
  worker *w = arg;
  sigemu_sigset s = unit_set_of(w->sig, 0);
  sigemu_pthread_sigmask(SIGEMU_SIG_BLOCK, &s, NULL);
  w->id = sigemu_thread_self();
  atomic_store(&w->phase, 1);
  w->rc = sigemu_sigwait(&s, &w->got);
  atomic_store(&w->phase, 3);
  return NULL;
}

static void t_concurrent_sigwaits_each_get_their_own(void) {
  /* Two threads wait for different signals at once; pthread_kill wakes
   * each with its own (a process-wide wait set would mix them up). */
  worker a = {0}, b = {0};
  a.sig = U_SIGUSR1;
  b.sig = U_SIGUSR2;
  pthread_t ta, tb;
  T_EQ_INT(pthread_create(&ta, NULL, w_sigwait, &a), 0);
  T_EQ_INT(pthread_create(&tb, NULL, w_sigwait, &b), 0);
  wait_phase(&a.phase, 1);
  wait_phase(&b.phase, 1);
  T_EQ_INT(sigemu_pthread_kill(b.id, U_SIGUSR2), 0);
  T_EQ_INT(sigemu_pthread_kill(a.id, U_SIGUSR1), 0);
  pthread_join(ta, NULL);
  pthread_join(tb, NULL);
  T_EQ_INT(a.rc, 0);
  T_EQ_INT(a.got, U_SIGUSR1);
  T_EQ_INT(b.rc, 0);
  T_EQ_INT(b.got, U_SIGUSR2);
}

static void *w_exit_at_once(void *arg) {
  worker *w = arg;
  w->id = sigemu_thread_self();
  return NULL;
}

static void t_pthread_kill_to_an_ended_thread_is_esrch(void) {
  worker w = {0};
  pthread_t th;
  T_EQ_INT(pthread_create(&th, NULL, w_exit_at_once, &w), 0);
  pthread_join(th, NULL);
  T_EQ_ERR(sigemu_pthread_kill(w.id, 0), SIGEMU_ESRCH);
  T_EQ_ERR(sigemu_pthread_kill(w.id, U_SIGUSR1), SIGEMU_ESRCH);
  T_EQ_ERR(sigemu_pthread_kill((sigemu_thread)123456789, 0), SIGEMU_ESRCH);
}
#endif

int main(int argc, char **argv) {
  static const harness_test tests[] = {
    T(t_raise_names_the_raising_process_after_fork),
    T(t_thread_and_process_set_each_hold_one_instance),
    T(t_first_siginfo_of_a_standard_signal_is_kept),
    T(t_stalled_real_timer_resumes_on_its_own_instance),
    T(t_realtime_instances_queue),
    T(t_realtime_each_instance_runs_and_writes),
    T(t_realtime_queue_overflow),
    T(t_synchronous_signals_are_taken_first),
    T(t_unblock_writes_bytes_in_reverse_dequeue_order),
    T(t_stop_and_continue_cancel_each_other),
    T(t_sigstop_discards_pending_sigcont),
    T(t_cpu_timers_keep_their_interval_at_zero),
    T(t_pause_returns_for_a_signal_tripped_before_it),
#if defined(UNIT_LONGJMP)
    T(t_handler_that_longjmps_strands_nothing),
#endif
    T(t_nested_check_sees_signals_that_arrived_meanwhile),
    T(t_each_failed_wakeup_write_keeps_its_error),
#if defined(SIGEMU_UNIT_THREADS)
    T(t_worker_blocking_everything_does_not_block_main),
    T(t_process_signal_goes_to_a_thread_that_does_not_block_it),
    T(t_new_thread_inherits_its_creators_mask),
    T(t_concurrent_sigwaits_each_get_their_own),
    T(t_pthread_kill_to_an_ended_thread_is_esrch),
#endif
  };
  unit_use_fixture();
  return harness_main(argc, argv, tests, HARNESS_COUNT(tests));
}
