/* test_posix_waits.c — the kernel's masks, pending set and waits behind
 * sigemu: pthread_sigmask, sigpending, sigwait, sigwaitinfo and
 * sigtimedwait with signals pending before the call, arriving during it
 * from another thread or process, timeout 0 and a short timeout; the
 * PEP 475 retry (handlers run between rounds, the deadline stays fixed);
 * pause and the interruptible sleep; EINTR injected through the OS call
 * table. Expected values are python3's on this machine.
 */
#include <errno.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "posix_syscalls.h"
#include "posix_test.h"

static void block(int a, int b) {
  sigemu_sigset s = pt_set_of(a, b, 0);
  sigemu_pthread_sigmask(SIGEMU_SIG_BLOCK, &s, NULL);
}

/* python3: pthread_sigmask(SIG_BLOCK, [9, 19, 10]) then reading the mask
 * gives {SIGUSR1}: SIGKILL/SIGSTOP are left out silently; the old mask
 * comes back; unblocking runs the pending handler. */
static void t_masks_and_pending(void) {
  T_EQ_ERR(pt_install(SIGUSR1, 0), 0);
  sigemu_sigset s = pt_set_of(SIGKILL, SIGSTOP, SIGUSR1), old, cur, pend;
  T_EQ_ERR(sigemu_pthread_sigmask(SIGEMU_SIG_BLOCK, &s, &old), 0);
  T_EQ_INT(sigemu_sigismember(&old, SIGUSR1), 0);
  T_EQ_ERR(sigemu_pthread_sigmask(SIGEMU_SIG_BLOCK, NULL, &cur), 0);
  T_EQ_INT(sigemu_sigismember(&cur, SIGUSR1), 1);
  T_EQ_INT(sigemu_sigismember(&cur, SIGKILL), 0);
  T_EQ_INT(sigemu_sigismember(&cur, SIGSTOP), 0);
  T_EQ_ERR(sigemu_raise_signal(SIGUSR1), 0);
  T_EQ_INT(atomic_load(&pt_hits[SIGUSR1]), 0);
  T_EQ_ERR(sigemu_sigpending(&pend), 0);
  T_EQ_INT(sigemu_sigcount(&pend), 1);
  T_EQ_INT(sigemu_sigismember(&pend, SIGUSR1), 1);
  /* Bad input changes nothing: python3 ValueError for 0 or 65 in a set. */
  sigemu_sigset bad = pt_set_of(SIGUSR2, 0, 0);
  bad.bits[1] |= (uint64_t)1 << 1; /* 65 */
  T_EQ_ERR(sigemu_pthread_sigmask(SIGEMU_SIG_BLOCK, &bad, NULL), SIGEMU_EMASKRANGE);
  T_EQ_ERR(sigemu_pthread_sigmask(SIGEMU_SIG_BLOCK, NULL, &cur), 0);
  T_EQ_INT(sigemu_sigismember(&cur, SIGUSR2), 0);
  T_EQ_ERR(sigemu_pthread_sigmask(SIGEMU_SIG_UNBLOCK, &s, &old), 0);
  T_EQ_INT(sigemu_sigismember(&old, SIGUSR1), 1);
  T_EQ_INT(atomic_load(&pt_hits[SIGUSR1]), 1);
  T_EQ_ERR(sigemu_sigpending(&pend), 0);
  T_EQ_INT(sigemu_sigcount(&pend), 0);
}

/* sigwait takes a signal pending before the call; the handler never runs. */
static void t_sigwait_pending_before(void) {
  T_EQ_ERR(pt_install(SIGUSR1, 0), 0);
  block(SIGUSR1, SIGUSR2);
  T_EQ_ERR(sigemu_raise_signal(SIGUSR1), 0);
  sigemu_sigset w = pt_set_of(SIGUSR1, SIGUSR2, 0), pend;
  int sig = 0;
  T_EQ_ERR(sigemu_sigwait(&w, &sig), 0);
  T_EQ_INT(sig, SIGUSR1);
  T_EQ_ERR(sigemu_sigpending(&pend), 0);
  T_EQ_INT(sigemu_sigcount(&pend), 0);
  T_EQ_ERR(sigemu_check(), 0);
  T_EQ_INT(atomic_load(&pt_hits[SIGUSR1]), 0);
}

/* python3: os.kill(getpid(), SIGUSR1) then sigwaitinfo([SIGUSR1]) ->
 * si_signo=10, si_code=0 (SI_USER), si_errno=0, si_pid=getpid(),
 * si_uid=getuid(), si_status=0, si_band=getpid() (it shares the union). */
static void t_sigwaitinfo_fields(void) {
  block(SIGUSR1, 0);
  kill(getpid(), SIGUSR1);
  sigemu_sigset w = pt_set_of(SIGUSR1, 0, 0);
  sigemu_siginfo si;
  T_EQ_ERR(sigemu_sigwaitinfo(&w, &si), 0);
  T_EQ_INT(si.signo, SIGUSR1);
  T_EQ_INT(si.code, 0);
  T_EQ_INT(si.err, 0);
  T_EQ_INT(si.pid, getpid());
  T_EQ_INT(si.uid, getuid());
  T_EQ_INT(si.status, 0);
  T_EQ_INT(si.band, getpid());
}

/* From another process: si_pid is the child's. */
static void t_sigwaitinfo_from_child(void) {
  block(SIGUSR2, 0);
  pid_t parent = getpid();
  pid_t pid = fork();
  if (pid == 0) {
    kill(parent, SIGUSR2);
    _exit(0);
  }
  sigemu_sigset w = pt_set_of(SIGUSR2, 0, 0);
  sigemu_siginfo si;
  int r = sigemu_sigtimedwait(&w, 10.0, &si);
  waitpid(pid, NULL, 0);
  T_EQ_ERR(r, 0);
  T_EQ_INT(si.signo, SIGUSR2);
  T_EQ_INT(si.pid, pid);
  T_EQ_INT(si.code, 0);
}

typedef struct {
  pthread_t target;
  int sig, delay_ms, count, every_ms;
  atomic_int *stop;
} sender_arg;

static void *sender(void *p) {
  sender_arg *a = p;
  pt_msleep(a->delay_ms);
  for (int i = 0; i < a->count; i++) {
    if (a->stop && atomic_load(a->stop)) break;
    pthread_kill(a->target, a->sig);
    if (a->every_ms) pt_msleep(a->every_ms);
  }
  return NULL;
}

/* A signal of the set sent from another thread while the main thread
 * waits: sigwait returns it, after the sender's delay. */
static void t_sigwait_arrives_from_thread(void) {
  block(SIGUSR1, 0);
  sender_arg a = {pthread_self(), SIGUSR1, 50, 1, 0, NULL};
  double t0 = pt_now();
  pthread_t t = pt_spawn(sender, &a);
  sigemu_sigset w = pt_set_of(SIGUSR1, 0, 0);
  int sig = 0;
  int r = sigemu_sigwait(&w, &sig);
  double took = pt_now() - t0;
  pthread_join(t, NULL);
  T_EQ_ERR(r, 0);
  T_EQ_INT(sig, SIGUSR1);
  T_TRUE(took >= 0.045);
}

/* python3: sigtimedwait([SIGUSR1], 0) -> None at once;
 * sigtimedwait([SIGUSR1], 0.05) -> None after 0.05 s; a negative timeout
 * is ValueError "timeout must be non-negative". */
static void t_sigtimedwait_timeouts(void) {
  block(SIGUSR1, 0);
  sigemu_sigset w = pt_set_of(SIGUSR1, 0, 0);
  sigemu_siginfo si;
  double t0 = pt_now();
  T_EQ_ERR(sigemu_sigtimedwait(&w, 0, &si), SIGEMU_EAGAIN);
  T_TRUE(pt_now() - t0 < 1.0);
  t0 = pt_now();
  T_EQ_ERR(sigemu_sigtimedwait(&w, 0.05, &si), SIGEMU_EAGAIN);
  double took = pt_now() - t0;
  T_TRUE(took >= 0.049 && took < 5.0);
  T_EQ_ERR(sigemu_sigtimedwait(&w, -1, &si), SIGEMU_ENEGTIMEOUT);
  T_EQ_ERR(sigemu_sigtimedwait(&w, NAN, &si), SIGEMU_ENAN);
  /* Pending before: timeout 0 takes it. */
  T_EQ_ERR(sigemu_raise_signal(SIGUSR1), 0);
  T_EQ_ERR(sigemu_sigtimedwait(&w, 0, &si), 0);
  T_EQ_INT(si.signo, SIGUSR1);
}

/* python3: setitimer(ITIMER_REAL, 0.01) with SIGALRM blocked, then
 * sigwaitinfo([SIGALRM]) -> si_code=128 (SI_KERNEL), si_pid=0. */
static void t_sigtimedwait_itimer(void) {
  block(SIGALRM, 0);
  T_EQ_ERR(sigemu_setitimer(SIGEMU_ITIMER_REAL, 0.02, 0, NULL, NULL), 0);
  sigemu_sigset w = pt_set_of(SIGALRM, 0, 0);
  sigemu_siginfo si;
  T_EQ_ERR(sigemu_sigtimedwait(&w, 10.0, &si), 0);
  T_EQ_INT(si.signo, SIGALRM);
  T_EQ_INT(si.code, 128);
  T_EQ_INT(si.pid, 0);
}

/* PEP 475: a signal outside the set with a handler interrupts the wait;
 * the handler runs (inside sigwaitinfo), the wait goes on. */
static void t_sigwaitinfo_runs_handlers_between_rounds(void) {
  T_EQ_ERR(pt_install(SIGUSR2, 0), 0);
  block(SIGUSR1, 0);
  sender_arg a2 = {pthread_self(), SIGUSR2, 30, 1, 0, NULL};
  sender_arg a1 = {pthread_self(), SIGUSR1, 150, 1, 0, NULL};
  pthread_t t2 = pt_spawn(sender, &a2), t1 = pt_spawn(sender, &a1);
  sigemu_sigset w = pt_set_of(SIGUSR1, 0, 0);
  sigemu_siginfo si;
  int r = sigemu_sigwaitinfo(&w, &si);
  int hits_at_return = atomic_load(&pt_hits[SIGUSR2]);
  pthread_join(t1, NULL);
  pthread_join(t2, NULL);
  T_EQ_ERR(r, 0);
  T_EQ_INT(si.signo, SIGUSR1);
  T_EQ_INT(hits_at_return, 1);
}

/* python3: a handler that raises during sigwaitinfo -> the exception
 * propagates out of sigwaitinfo. */
static void t_sigwaitinfo_handler_raises(void) {
  T_EQ_ERR(pt_install(SIGUSR2, 7), 0);
  block(SIGUSR1, 0);
  sender_arg a2 = {pthread_self(), SIGUSR2, 30, 1, 0, NULL};
  pthread_t t2 = pt_spawn(sender, &a2);
  sigemu_sigset w = pt_set_of(SIGUSR1, 0, 0);
  sigemu_siginfo si;
  int r = sigemu_sigwaitinfo(&w, &si);
  pthread_join(t2, NULL);
  T_EQ_INT(r, 7);
  T_EQ_INT(atomic_load(&pt_hits[SIGUSR2]), 1);
}

/* The deadline stays fixed across interruptions: interrupted every 20 ms
 * for 0.6 s, sigtimedwait(0.3) still returns at about 0.3 s (restarting the
 * full timeout each time would not return before the interruptions stop,
 * 0.6 + 0.3 s). */
static void t_sigtimedwait_fixed_deadline(void) {
  T_EQ_ERR(pt_install(SIGUSR2, 0), 0);
  block(SIGUSR1, 0);
  atomic_int stop = 0;
  sender_arg a = {pthread_self(), SIGUSR2, 0, 30, 20, &stop};
  pthread_t t = pt_spawn(sender, &a);
  sigemu_sigset w = pt_set_of(SIGUSR1, 0, 0);
  sigemu_siginfo si;
  double t0 = pt_now();
  int r = sigemu_sigtimedwait(&w, 0.3, &si);
  double took = pt_now() - t0;
  atomic_store(&stop, 1);
  pthread_join(t, NULL);
  T_EQ_ERR(r, SIGEMU_EAGAIN);
  T_TRUE(took >= 0.29);
  T_TRUE(took < 0.85);
  T_TRUE(atomic_load(&pt_hits[SIGUSR2]) >= 1);
}

/* pause() sleeps until a signal is delivered and returns after its
 * handler; the handler's code comes back. */
static void t_pause(void) {
  T_EQ_ERR(pt_install(SIGUSR1, 0), 0);
  sender_arg a = {pthread_self(), SIGUSR1, 50, 1, 0, NULL};
  pthread_t t = pt_spawn(sender, &a);
  int r = sigemu_pause();
  pthread_join(t, NULL);
  T_EQ_ERR(r, 0);
  T_EQ_INT(atomic_load(&pt_hits[SIGUSR1]), 1);
  T_EQ_ERR(pt_install(SIGUSR2, 5), 0);
  sender_arg b = {pthread_self(), SIGUSR2, 50, 1, 0, NULL};
  t = pt_spawn(sender, &b);
  r = sigemu_pause();
  pthread_join(t, NULL);
  T_EQ_INT(r, 5);
}

/* A signal tripped after the last check but before pause() must not be
 * slept through: the sleep looks at the tripped flag with every signal
 * blocked and sleeps with the mask restored atomically. (An alarm in 3 s
 * ends the test if that ever fails.) */
static void t_pause_after_trip_returns(void) {
  T_EQ_ERR(pt_install(SIGUSR1, 0), 0);
  T_EQ_ERR(pt_install(SIGALRM, 0), 0);
  T_EQ_ERR(sigemu_setitimer(SIGEMU_ITIMER_REAL, 3, 0, NULL, NULL), 0);
  kill(getpid(), SIGUSR1); /* trips now; no check runs before pause */
  double t0 = pt_now();
  int r = sigemu_pause();
  double took = pt_now() - t0;
  T_EQ_ERR(r, 0);
  T_EQ_INT(atomic_load(&pt_hits[SIGUSR1]), 1);
  T_EQ_INT(atomic_load(&pt_hits[SIGALRM]), 0);
  T_TRUE(took < 2.0);
}

/* time.sleep() semantics: a handler returning normally does not shorten
 * the sleep; one that "raises" ends it with its code. */
static void t_sleep_not_shortened(void) {
  T_EQ_ERR(pt_install(SIGUSR1, 0), 0);
  sender_arg a = {pthread_self(), SIGUSR1, 30, 1, 0, NULL};
  pthread_t t = pt_spawn(sender, &a);
  double t0 = pt_now();
  int r = sigemu_sleep(0.2);
  double took = pt_now() - t0;
  pthread_join(t, NULL);
  T_EQ_ERR(r, 0);
  T_TRUE(took >= 0.199);
  T_EQ_INT(atomic_load(&pt_hits[SIGUSR1]), 1);
  T_EQ_ERR(pt_install(SIGUSR2, 3), 0);
  sender_arg b = {pthread_self(), SIGUSR2, 30, 1, 0, NULL};
  t = pt_spawn(sender, &b);
  r = sigemu_sleep(5.0);
  pthread_join(t, NULL);
  T_EQ_INT(r, 3);
}

/* ---- EINTR injected at the OS seam ------------------------------------- */

static atomic_int eintr_left, calls;
static int eintr_sigtimedwait(const sigset_t *set, siginfo_t *info,
                              const struct timespec *ts) {
  atomic_fetch_add(&calls, 1);
  if (atomic_fetch_sub(&eintr_left, 1) > 0) {
    errno = EINTR;
    return -1;
  }
  return ts ? sigtimedwait(set, info, ts) : sigwaitinfo(set, info);
}

static int eintr_sleep(const struct timespec *ts, const sigset_t *mask) {
  atomic_fetch_add(&calls, 1);
  if (atomic_fetch_sub(&eintr_left, 1) > 0) {
    errno = EINTR;
    return -1;
  }
  return pselect(0, NULL, NULL, NULL, ts, mask);
}

static void t_fault_eintr_on_waits(void) {
  block(SIGUSR1, 0);
  sigemu__posix_sys.sigtimedwait = eintr_sigtimedwait;
  sigemu_sigset w = pt_set_of(SIGUSR1, 0, 0);
  sigemu_siginfo si;
  int sig = 0;
  /* sigwait retries EINTR (as glibc's sigwait does). */
  atomic_store(&eintr_left, 3);
  atomic_store(&calls, 0);
  T_EQ_ERR(sigemu_raise_signal(SIGUSR1), 0);
  T_EQ_ERR(sigemu_sigwait(&w, &sig), 0);
  T_EQ_INT(sig, SIGUSR1);
  T_EQ_INT(atomic_load(&calls), 4);
  /* sigtimedwait retries with the time left: EINTR three times, then a
   * real timeout. */
  atomic_store(&eintr_left, 3);
  atomic_store(&calls, 0);
  double t0 = pt_now();
  T_EQ_ERR(sigemu_sigtimedwait(&w, 0.05, &si), SIGEMU_EAGAIN);
  T_TRUE(pt_now() - t0 >= 0.049);
  T_EQ_INT(atomic_load(&calls), 4);
  /* sigwaitinfo too. */
  atomic_store(&eintr_left, 2);
  atomic_store(&calls, 0);
  T_EQ_ERR(sigemu_raise_signal(SIGUSR1), 0);
  T_EQ_ERR(sigemu_sigwaitinfo(&w, &si), 0);
  T_EQ_INT(si.signo, SIGUSR1);
  T_EQ_INT(atomic_load(&calls), 3);
  /* The sleep: EINTR does not shorten it. */
  sigemu__posix_sys.sleep_masked = eintr_sleep;
  atomic_store(&eintr_left, 3);
  atomic_store(&calls, 0);
  t0 = pt_now();
  T_EQ_ERR(sigemu_sleep(0.05), 0);
  T_TRUE(pt_now() - t0 >= 0.049);
  T_TRUE(atomic_load(&calls) >= 4);
}

static int efault_sigtimedwait(const sigset_t *set, siginfo_t *info,
                               const struct timespec *ts) {
  (void)set;
  (void)info;
  (void)ts;
  errno = EFAULT;
  return -1;
}

/* Any other error ends the wait with the translated code and the errno. */
static void t_fault_wait_error(void) {
  sigemu__posix_sys.sigtimedwait = efault_sigtimedwait;
  sigemu_sigset w = pt_set_of(SIGUSR1, 0, 0);
  sigemu_siginfo si;
  T_EQ_ERR(sigemu_sigtimedwait(&w, 1, &si), SIGEMU_EOS);
  T_EQ_INT(sigemu_last_os_error(), EFAULT);
}

static void t_errno_translation(void) {
  T_EQ_ERR(sigemu__posix_error(EINVAL), SIGEMU_EINVAL);
  T_EQ_INT(sigemu_last_os_error(), EINVAL);
  T_EQ_ERR(sigemu__posix_error(EBADF), SIGEMU_EBADF);
  T_EQ_ERR(sigemu__posix_error(EAGAIN), SIGEMU_EAGAIN);
  T_EQ_ERR(sigemu__posix_error(EWOULDBLOCK), SIGEMU_EAGAIN);
  T_EQ_ERR(sigemu__posix_error(EINTR), SIGEMU_EINTR);
  T_EQ_ERR(sigemu__posix_error(ESRCH), SIGEMU_ESRCH);
  T_EQ_ERR(sigemu__posix_error(EPERM), SIGEMU_EPERM);
  T_EQ_ERR(sigemu__posix_error(ENOSYS), SIGEMU_ENOSYS);
  T_EQ_ERR(sigemu__posix_error(ENOMEM), SIGEMU_EOS);
  T_EQ_INT(sigemu_last_os_error(), ENOMEM);
  T_EQ_ERR(sigemu__posix_errno_code(EPIPE), SIGEMU_EOS);
}

static const harness_test tests[] = {
    T(t_masks_and_pending),
    T(t_sigwait_pending_before),
    T(t_sigwaitinfo_fields),
    T(t_sigwaitinfo_from_child),
    T(t_sigwait_arrives_from_thread),
    T(t_sigtimedwait_timeouts),
    T(t_sigtimedwait_itimer),
    T(t_sigwaitinfo_runs_handlers_between_rounds),
    T(t_sigwaitinfo_handler_raises),
    T(t_sigtimedwait_fixed_deadline),
    T(t_pause),
    T(t_pause_after_trip_returns),
    T(t_sleep_not_shortened),
    T(t_fault_eintr_on_waits),
    T(t_fault_wait_error),
    T(t_errno_translation),
};

int main(int argc, char **argv) {
  harness_setup = pt_setup;
  harness_teardown = pt_teardown;
  return harness_main(argc, argv, tests, HARNESS_COUNT(tests));
}
