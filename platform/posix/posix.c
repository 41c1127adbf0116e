/* posix.c — the posix backend: every function of src/backend.h over real
 * kernel signals, as CPython's signal module does it on Linux.
 *
 * Why it exists: this is the reference backend. The emulated backends (sim,
 * wasm, windows) are judged by how closely they match it, and it must match
 * CPython itself, so each call below is the one CPython makes
 * (Modules/signalmodule.c): sigaction with SA_ONSTACK only, pthread_sigmask,
 * sigpending, sigtimedwait, setitimer/getitimer, raise, pthread_kill,
 * pidfd_send_signal, write() for the wakeup byte. Everything the core can
 * do in portable C (validation, the handler table, dispatch, the wakeup
 * policy) stays in the core; this file only talks to the kernel, through the
 * overridable table of posix_syscalls.h, and turns errno into SIGEMU_E* in
 * one place (posix_syscalls.c).
 *
 * Threads: the OS handler may run on any thread; it only calls the core's
 * async-signal-safe sigemu__trip(). Dispositions are changed on the main
 * thread (the core checks), except siginterrupt, which CPython allows from
 * any thread; the bookkeeping of what to restore is under a mutex.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "backend.h"
#include "posix_syscalls.h"

/* ---- state -------------------------------------------------------------- */

static atomic_bool initialised;
static pthread_mutex_t restore_lock = PTHREAD_MUTEX_INITIALIZER;
/* The action each signal had before sigemu first changed it. */
static struct sigaction saved_action[NSIG];
static bool saved[NSIG];
/* The main thread's mask at init, restored at shutdown if it was changed. */
static sigset_t init_mask;
static atomic_bool mask_changed;
/* Itimers sigemu armed or disarmed: disarmed at shutdown. */
static atomic_bool timer_touched[3];

/* The core keeps the main thread (set at init, moved to the child after
 * fork); this backend only asks. */
static bool on_main_thread(void) {
  return initialised && sigemu__os_thread_self() == sigemu_main_thread();
}

/* ---- identity ------------------------------------------------------------ */

const char *sigemu__os_name(void) { return "posix"; }

bool sigemu__os_available(sigemu_feature f, const char **note) {
  const char *n = "";
  bool ok = true;
  switch (f) {
    case SIGEMU_FEATURE_PIDFD_SEND_SIGNAL:
#if defined(__linux__)
      n = "Linux >= 5.1 (older kernels: SIGEMU_ENOSYS at call time)";
#else
      ok = false;
      n = "pidfd_send_signal is Linux only";
#endif
      break;
#if defined(__APPLE__)
    case SIGEMU_FEATURE_SIGWAITINFO:
    case SIGEMU_FEATURE_SIGTIMEDWAIT:
      ok = false;
      n = "macOS has sigwait() only (as CPython there)";
      break;
#endif
    case SIGEMU_FEATURE_OS_SIGNALS:
      n = "real kernel signals (sigaction)";
      break;
    case SIGEMU_FEATURE_HOST_SIGNALS:
      n = "the host is the kernel and other processes: kill(2), "
          "pthread_kill, the terminal";
      break;
    case SIGEMU_FEATURE_CPU_CLOCK:
      n = "kernel ITIMER_VIRTUAL/ITIMER_PROF count process CPU time";
      break;
    case SIGEMU_FEATURE_DEFAULT_ACTIONS:
      n = "performed by the kernel";
      break;
    case SIGEMU_FEATURE_WAKEUP_FD:
      n = "any non-blocking fd; written with write(2)";
      break;
    default:
      break;
  }
  if (note) *note = n;
  return ok;
}

/* ---- sets ---------------------------------------------------------------- */

static int maxsig(void) { return NSIG < SIGEMU_MAXSIG ? NSIG : SIGEMU_MAXSIG; }

static void to_kernel(const sigemu_sigset *in, sigset_t *out) {
  sigemptyset(out);
  for (int s = 1; s < maxsig(); s++)
    if (sigemu_sigismember(in, s) == 1)
      (void)sigaddset(out, s); /* libc-reserved numbers are refused: skip */
}

static void from_kernel(const sigset_t *in, sigemu_sigset *out) {
  sigemu_sigemptyset(out);
  for (int s = 1; s < maxsig(); s++)
    if (sigismember(in, s) == 1) (void)sigemu_sigaddset(out, s);
}

/* ---- delivery -------------------------------------------------------------- */

/* The OS handler is the core's trip path itself (CPython's
 * signal_handler()): it sets the flags, then writes the wakeup byte, and
 * keeps errno for the interrupted code. */

/* A fork child starts with nothing tripped; its one thread is the main
 * thread (the core's hook, as CPython's PyOS_AfterFork_Child). */
static void atfork_child(void) { sigemu__after_fork_child(); }

static pthread_once_t atfork_once = PTHREAD_ONCE_INIT;
static void register_atfork(void) {
  (void)pthread_atfork(NULL, NULL, atfork_child);
}

/* Remember sig's action before sigemu's first change, for shutdown. */
static void remember(int sig, const struct sigaction *old) {
  pthread_mutex_lock(&restore_lock);
  if (initialised && !saved[sig]) {
    saved_action[sig] = *old;
    saved[sig] = true;
  }
  pthread_mutex_unlock(&restore_lock);
}

/* ---- life cycle ------------------------------------------------------------ */

int sigemu__os_init(void) {
  pthread_once(&atfork_once, register_atfork);
  pthread_mutex_lock(&restore_lock);
  memset(saved, 0, sizeof saved);
  mask_changed = false;
  for (int i = 0; i < 3; i++) atomic_store(&timer_touched[i], false);
  initialised = true;
  pthread_mutex_unlock(&restore_lock);
  if (sigemu__posix_sys.pthread_sigmask(SIG_BLOCK, NULL, &init_mask) < 0) {
    initialised = false;
    return sigemu__posix_error(errno);
  }
  return 0;
}

void sigemu__os_shutdown(void) {
  if (!initialised) return;
  /* Timers first, so none fires into a handler that is going away. */
  static const int which[3] = {ITIMER_REAL, ITIMER_VIRTUAL, ITIMER_PROF};
  for (int i = 0; i < 3; i++) {
    if (!timer_touched[i]) continue;
    struct itimerval zero;
    memset(&zero, 0, sizeof zero);
    (void)sigemu__posix_sys.setitimer(which[i], &zero, NULL);
  }
  /* Then the mask, while sigemu's handlers still catch what it releases. */
  if (mask_changed && on_main_thread())
    (void)sigemu__posix_sys.pthread_sigmask(SIG_SETMASK, &init_mask, NULL);
  pthread_mutex_lock(&restore_lock);
  for (int s = 1; s < NSIG; s++) {
    if (!saved[s]) continue;
    (void)sigemu__posix_sys.sigaction(s, &saved_action[s], NULL);
    saved[s] = false;
  }
  initialised = false;
  pthread_mutex_unlock(&restore_lock);
}

uintptr_t sigemu__os_thread_self(void) { return (uintptr_t)pthread_self(); }

/* ---- dispositions ------------------------------------------------------- */

sigemu_kind sigemu__os_initial_disposition(int sig) {
  struct sigaction sa;
  if (sig < 1 || sig >= NSIG) return SIGEMU_FOREIGN;
  /* glibc refuses its reserved 32/33: Python's getsignal() says None. */
  if (sigemu__posix_sys.sigaction(sig, NULL, &sa) < 0) return SIGEMU_FOREIGN;
  if (!(sa.sa_flags & SA_SIGINFO)) {
    if (sa.sa_handler == SIG_DFL) return SIGEMU_DFL;
    if (sa.sa_handler == SIG_IGN) return SIGEMU_IGN;
  }
  return SIGEMU_FOREIGN;
}

int sigemu__os_set_disposition(int sig, sigemu_kind kind) {
  struct sigaction sa, old;
  if (sig < 1 || sig >= NSIG) return sigemu__posix_error(EINVAL);
  memset(&sa, 0, sizeof sa);
  sigemptyset(&sa.sa_mask);
  /* CPython's PyOS_setsig: SA_ONSTACK only, so no SA_RESTART: installing
   * resets what siginterrupt() set. */
  sa.sa_flags = SA_ONSTACK;
  switch (kind) {
    case SIGEMU_CALL: sa.sa_handler = sigemu__trip; break;
    case SIGEMU_DFL: sa.sa_handler = SIG_DFL; break;
    case SIGEMU_IGN: sa.sa_handler = SIG_IGN; break;
    default: return sigemu__posix_error(EINVAL);
  }
  if (sigemu__posix_sys.sigaction(sig, &sa, &old) < 0)
    return sigemu__posix_error(errno);
  remember(sig, &old);
  return 0;
}

int sigemu__os_siginterrupt(int sig, bool flag) {
  struct sigaction sa, old;
  if (sig < 1 || sig >= NSIG) return sigemu__posix_error(EINVAL);
  /* As CPython: read the live action, flip SA_RESTART, write it back. */
  if (sigemu__posix_sys.sigaction(sig, NULL, &sa) < 0)
    return sigemu__posix_error(errno);
  if (flag)
    sa.sa_flags &= ~SA_RESTART;
  else
    sa.sa_flags |= SA_RESTART;
  if (sigemu__posix_sys.sigaction(sig, &sa, &old) < 0)
    return sigemu__posix_error(errno);
  remember(sig, &old);
  return 0;
}

/* ---- sending ------------------------------------------------------------ */

int sigemu__os_raise(int sig) {
  if (sigemu__posix_sys.raise(sig) != 0) return sigemu__posix_error(errno);
  return 0;
}

int sigemu__os_pthread_kill(uintptr_t thread, int sig) {
  if (sigemu__posix_sys.pthread_kill((pthread_t)thread, sig) != 0)
    return sigemu__posix_error(errno);
  return 0;
}

int sigemu__os_pidfd_send_signal(int pidfd, int sig, unsigned flags) {
  if (sigemu__posix_sys.pidfd_send_signal(pidfd, sig, flags) < 0)
    return sigemu__posix_error(errno);
  return 0;
}

/* ---- masks and waits -------------------------------------------------- */

int sigemu__os_sigmask(int how, const sigemu_sigset *set, sigemu_sigset *old) {
  int khow;
  switch (how) {
    case SIGEMU_SIG_BLOCK: khow = SIG_BLOCK; break;
    case SIGEMU_SIG_UNBLOCK: khow = SIG_UNBLOCK; break;
    case SIGEMU_SIG_SETMASK: khow = SIG_SETMASK; break;
    default: return sigemu__posix_error(EINVAL);
  }
  sigset_t kset, kold;
  if (set) to_kernel(set, &kset);
  if (sigemu__posix_sys.pthread_sigmask(khow, set ? &kset : NULL, &kold) < 0)
    return sigemu__posix_error(errno);
  if (set && on_main_thread()) mask_changed = true;
  if (old) from_kernel(&kold, old);
  return 0;
}

int sigemu__os_sigpending(sigemu_sigset *out) {
  sigset_t k;
  if (sigemu__posix_sys.sigpending(&k) < 0) return sigemu__posix_error(errno);
  from_kernel(&k, out);
  return 0;
}

int64_t sigemu__os_monotonic_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* The time left until deadline_ns; false when there is no deadline. */
static bool time_left(int64_t deadline_ns, struct timespec *ts) {
  if (deadline_ns == INT64_MAX) return false;
  int64_t left = deadline_ns - sigemu__os_monotonic_ns();
  if (left < 0) left = 0;
  ts->tv_sec = (time_t)(left / 1000000000);
  ts->tv_nsec = (long)(left % 1000000000);
  return true;
}

static void fill_info(const siginfo_t *si, sigemu_siginfo *info) {
  if (!info) return;
  /* The seven fields CPython's sigwaitinfo returns. si_band shares its
   * union with si_pid; Python shows whatever the union holds, so do we. */
  info->signo = si->si_signo;
  info->code = si->si_code;
  info->err = si->si_errno;
  info->pid = (int)si->si_pid;
  info->uid = (int)si->si_uid;
  info->status = si->si_status;
  info->band = (long)si->si_band;
}

int sigemu__os_sigwait(const sigemu_sigset *set, int64_t deadline_ns,
                       sigemu_siginfo *info) {
  sigset_t k;
  siginfo_t si;
  struct timespec ts;
  to_kernel(set, &k);
  memset(&si, 0, sizeof si);
  bool timed = time_left(deadline_ns, &ts);
  /* No look at the tripped flag here (unlike the sleep below): the core's
   * sigwait retries EINTR without running handlers, as glibc's does, so an
   * early EINTR would spin. The window between the core's check and the
   * syscall is CPython's too. */
  int r = sigemu__posix_sys.sigtimedwait(&k, &si, timed ? &ts : NULL);
  if (r < 0) {
    if (errno == EAGAIN) return SIGEMU_EAGAIN; /* timed out: not an error */
    return sigemu__posix_error(errno);
  }
  fill_info(&si, info);
  return r;
}

int sigemu__os_sleep_until(int64_t deadline_ns) {
  sigset_t all, old;
  struct timespec ts;
  bool main_thr = on_main_thread();
  /* Block everything, look at the tripped flag, then sleep with the old
   * mask put back atomically (pselect): a signal that arrives after the
   * core's last check cannot slip in before the sleep and be missed. */
  sigfillset(&all);
  if (sigemu__posix_sys.pthread_sigmask(SIG_BLOCK, &all, &old) < 0)
    return sigemu__posix_error(errno);
  int rc;
  if (main_thr && atomic_load(&sigemu__tripped)) {
    rc = SIGEMU_EINTR;
  } else {
    bool timed = time_left(deadline_ns, &ts);
    if (timed && ts.tv_sec == 0 && ts.tv_nsec == 0) {
      rc = 0;
    } else if (sigemu__posix_sys.sleep_masked(timed ? &ts : NULL, &old) == 0) {
      rc = 0;
    } else {
      rc = sigemu__posix_error(errno);
    }
  }
  int e = errno;
  (void)sigemu__posix_sys.pthread_sigmask(SIG_SETMASK, &old, NULL);
  errno = e;
  return rc;
}

/* ---- timers --------------------------------------------------------------- */

static int itimer_which(int which, int *idx) {
  switch (which) {
    case SIGEMU_ITIMER_REAL: *idx = 0; return ITIMER_REAL;
    case SIGEMU_ITIMER_VIRTUAL: *idx = 1; return ITIMER_VIRTUAL;
    case SIGEMU_ITIMER_PROF: *idx = 2; return ITIMER_PROF;
    default: *idx = -1; return -1; /* the kernel answers EINVAL */
  }
}

/* ns -> timeval; the core already rounded up to µs, round up again anyway
 * so a value never shrinks to 0 (which would disarm). */
static struct timeval ns_to_tv(int64_t ns) {
  struct timeval tv;
  if (ns < 0) ns = 0;
  int64_t us = ns / 1000 + (ns % 1000 != 0);
  tv.tv_sec = (time_t)(us / 1000000);
  tv.tv_usec = (suseconds_t)(us % 1000000);
  return tv;
}

static int64_t tv_to_ns(const struct timeval *tv) {
  return (int64_t)tv->tv_sec * 1000000000 + (int64_t)tv->tv_usec * 1000;
}

/* CPython raises ItimerError (an OSError) for any failure of the two
 * calls; the errno is kept for sigemu_last_os_error(). */
static int itimer_error(int err) {
  (void)sigemu__posix_error(err);
  return SIGEMU_EITIMER;
}

int sigemu__os_setitimer(int which, int64_t value_ns, int64_t interval_ns,
                         int64_t *old_value_ns, int64_t *old_interval_ns) {
  int idx;
  int kwhich = itimer_which(which, &idx);
  struct itimerval v, old;
  v.it_value = ns_to_tv(value_ns);
  v.it_interval = ns_to_tv(interval_ns);
  memset(&old, 0, sizeof old);
  if (sigemu__posix_sys.setitimer(kwhich, &v, &old) < 0)
    return itimer_error(errno);
  if (idx >= 0) timer_touched[idx] = true;
  if (old_value_ns) *old_value_ns = tv_to_ns(&old.it_value);
  if (old_interval_ns) *old_interval_ns = tv_to_ns(&old.it_interval);
  return 0;
}

int sigemu__os_getitimer(int which, int64_t *value_ns, int64_t *interval_ns) {
  int idx;
  int kwhich = itimer_which(which, &idx);
  struct itimerval v;
  if (sigemu__posix_sys.getitimer(kwhich, &v) < 0) return itimer_error(errno);
  if (value_ns) *value_ns = tv_to_ns(&v.it_value);
  if (interval_ns) *interval_ns = tv_to_ns(&v.it_interval);
  return 0;
}

/* ---- wakeup fd ------------------------------------------------------------- */

int sigemu__os_wakeup_validate(intptr_t fd) {
  struct stat st;
  if (fd < 0 || fd > INT_MAX) return sigemu__posix_error(EBADF);
  if (sigemu__posix_sys.fstat((int)fd, &st) < 0)
    return sigemu__posix_error(errno);
  int fl = sigemu__posix_sys.getfl((int)fd);
  if (fl < 0) return sigemu__posix_error(errno);
  if (!(fl & O_NONBLOCK)) return SIGEMU_EBLOCKINGFD;
  return 0;
}

int sigemu__os_wakeup_write(intptr_t fd, unsigned char byte, int *os_err) {
  /* Runs in the signal handler: write(2) only, retried on EINTR as
   * CPython's _Py_write_noraise does; nothing is recorded here. */
  for (;;) {
    ssize_t n = sigemu__posix_sys.write((int)fd, &byte, 1);
    if (n == 1) {
      if (os_err) *os_err = 0;
      return 0;
    }
    int e = n < 0 ? errno : EAGAIN; /* a 0-byte write: nothing went */
    if (e == EINTR) continue;
    if (os_err) *os_err = e;
    return sigemu__posix_errno_code(e);
  }
}

void sigemu__os_wakeup_describe(intptr_t fd, int os_err, char *buf, size_t n,
                                const char **verb) {
  (void)fd; /* CPython on POSIX writes to sockets with write() too */
  if (verb) *verb = "write to";
  if (buf && n) snprintf(buf, n, "[Errno %d] %s", os_err, strerror(os_err));
}

/* ---- dispatch hook ------------------------------------------------------ */

void sigemu__os_poll(void) {
  /* Nothing to poll: the kernel delivers, the handler trips. */
}
