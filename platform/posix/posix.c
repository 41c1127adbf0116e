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
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include <sys/mman.h>
#if defined(__linux__)
#  include <sys/syscall.h>
#endif

#include "backend.h"
#include "errno_pyexc.h"
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
/* sigemu__os_sigmask_read may take its short way: initialised and
 * word_sets; sigemu__os_sigmask_set too once the main thread's change is
 * recorded (mask_changed). */
static atomic_bool mask_read_fast, mask_fast;
static void plan_fast_masks(void);
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

/* pthread_sigmask through the table: 0, or the error number (the default
 * entry returns it, as the libc does; an override may set errno instead). */
static inline int sys_sigmask(int how, const sigset_t *set, sigset_t *old) {
  int e = sigemu__posix_sys.pthread_sigmask(how, set, old);
  return e < 0 ? errno : e;
}

/* ---- sets ---------------------------------------------------------------- */

static int maxsig(void) { return NSIG < SIGEMU_MAXSIG ? NSIG : SIGEMU_MAXSIG; }

/* The conversions run on every mask change and wait, so they are word
 * operations where the libc lays sigset_t out as Linux's libcs do (signal s
 * is bit s-1 of the first 64-bit word; a sigemu_sigset keeps s at bit s).
 * probe_sets() checks that at init with the libc's own sigaddset, and
 * records which numbers it accepts (glibc refuses its reserved 32 and 33);
 * elsewhere the loops over every number are used. */
static bool word_sets;
static uint64_t libc_accepts;

static void probe_sets(void) {
  bool ok = NSIG <= 65 && sizeof(sigset_t) >= sizeof(uint64_t);
  uint64_t accepts = 0;
  for (int s = 1; ok && s < maxsig(); s++) {
    sigset_t k;
    uint64_t w;
    sigemptyset(&k);
    if (sigaddset(&k, s) != 0) continue;
    memcpy(&w, &k, sizeof w);
    if (w != (uint64_t)1 << (s - 1) || sigismember(&k, s) != 1) ok = false;
    accepts |= (uint64_t)1 << (s - 1);
  }
  libc_accepts = accepts;
  word_sets = ok;
}

/* The set handed to the kernel, in the libc's layout: with word_sets a
 * thread-local sigset_t of which only the first word is ever written (the
 * others stay zero: signals 1..64 all live in it), else *conv, filled by
 * the libc's own sigaddset. */
static _Thread_local sigset_t kernel_word;
static __attribute__((noinline)) const sigset_t *
to_kernel_by_number(const sigemu_sigset *in, sigset_t *conv) {
  sigemptyset(conv);
  for (int s = 1; s < maxsig(); s++)
    if (sigemu_sigismember(in, s) == 1)
      (void)sigaddset(conv, s); /* libc-reserved numbers are refused: skip */
  return conv;
}
static inline const sigset_t *to_kernel(const sigemu_sigset *in, sigset_t *conv) {
  if (!word_sets) return to_kernel_by_number(in, conv);
  uint64_t w = ((in->bits[0] >> 1) | (in->bits[1] << 63)) & libc_accepts;
  memcpy(&kernel_word, &w, sizeof w);
  return &kernel_word;
}

static __attribute__((noinline)) void
from_kernel_by_number(const sigset_t *in, sigemu_sigset *out) {
  sigemu_sigemptyset(out);
  for (int s = 1; s < maxsig(); s++)
    if (sigismember(in, s) == 1) (void)sigemu_sigaddset(out, s);
}
static inline void from_kernel(const sigset_t *in, sigemu_sigset *out) {
  if (!word_sets) {
    from_kernel_by_number(in, out);
    return;
  }
  uint64_t w;
  memcpy(&w, in, sizeof w);
  out->bits[0] = w << 1;
  out->bits[1] = w >> 63;
}

/* ---- delivery -------------------------------------------------------------- */

/* The OS handler is the core's trip path itself (CPython's
 * signal_handler()): it sets the flags, then writes the wakeup byte, and
 * keeps errno for the interrupted code. */

/* ---- threads --------------------------------------------------------------- */

/* The threads sigemu has met (every thread that called it), and whether each
 * has ended: pthread_kill must answer ESRCH for an ended thread, and glibc
 * cannot say so (it returns 0 for an ended one and may crash on a joined
 * one whose memory is gone). A TLS destructor marks the end. */
typedef struct {
  pthread_t id;
  bool alive;
} known_thread;
static pthread_mutex_t threads_lock = PTHREAD_MUTEX_INITIALIZER;
static known_thread *threads;
static size_t nthreads, threads_cap;
static pthread_key_t thread_key;
static pthread_once_t thread_key_once = PTHREAD_ONCE_INIT;
static _Thread_local bool registered;

static known_thread *find_thread_locked(pthread_t t) {
  for (size_t i = 0; i < nthreads; i++)
    if (pthread_equal(threads[i].id, t)) return &threads[i];
  return NULL;
}

static void thread_ended(void *arg) {
  (void)arg;
  pthread_mutex_lock(&threads_lock);
  known_thread *k = find_thread_locked(pthread_self());
  if (k) k->alive = false;
  pthread_mutex_unlock(&threads_lock);
}

static void make_thread_key(void) {
  (void)pthread_key_create(&thread_key, thread_ended);
}

static void register_self(void) {
  if (registered) return;
  pthread_once(&thread_key_once, make_thread_key);
  pthread_t me = pthread_self();
  pthread_mutex_lock(&threads_lock);
  known_thread *k = find_thread_locked(me); /* an ended thread's id, reused */
  if (!k && nthreads == threads_cap) {
    size_t cap = threads_cap ? threads_cap * 2 : 16;
    known_thread *grown = realloc(threads, cap * sizeof *grown);
    if (grown) {
      threads = grown;
      threads_cap = cap;
    }
  }
  if (!k && nthreads < threads_cap) {
    k = &threads[nthreads++];
    k->id = me;
  }
  if (k) k->alive = true;
  pthread_mutex_unlock(&threads_lock);
  registered = true;
  (void)pthread_setspecific(thread_key, (void *)1); /* for the destructor */
}

/* Whether t may be handed to pthread_kill: 1 live, 0 ended or not a
 * thread. A thread sigemu never met is checked without trusting the id:
 * its descriptor must be mapped memory (a garbage id would crash glibc),
 * and glibc must not see it as ended (pthread_getschedparam answers ESRCH
 * once the kernel has cleared the descriptor's tid at the thread's end). */
static int thread_alive(pthread_t t) {
  pthread_mutex_lock(&threads_lock);
  known_thread *k = find_thread_locked(t);
  int known = k ? (k->alive ? 1 : 0) : -1;
  pthread_mutex_unlock(&threads_lock);
  if (known >= 0) return known;
  uintptr_t addr = (uintptr_t)t;
  long page = sysconf(_SC_PAGESIZE);
  if (addr == 0 || page <= 0) return 0;
  uintptr_t start = addr & ~((uintptr_t)page - 1);
  unsigned char vec[4];
  /* A glibc descriptor is about 2.3 KiB: it may straddle two pages. */
  if (mincore((void *)start, (size_t)page * 2, vec) != 0 &&
      mincore((void *)start, (size_t)page, vec) != 0)
    return 0;
  int policy;
  struct sched_param sp;
  return pthread_getschedparam(t, &policy, &sp) == ESRCH ? 0 : 1;
}

/* A fork child starts with nothing tripped; its one thread is the main
 * thread (the core's hook, as CPython's PyOS_AfterFork_Child). The locks
 * may have been held by threads that do not exist in the child. */
static void atfork_child(void) {
  pthread_mutex_init(&restore_lock, NULL);
  pthread_mutex_init(&threads_lock, NULL);
  pthread_t me = pthread_self();
  for (size_t i = 0; i < nthreads; i++)
    threads[i].alive = pthread_equal(threads[i].id, me);
  sigemu__after_fork_child();
}

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
  probe_sets();
  plan_fast_masks();
  pthread_mutex_lock(&restore_lock);
  memset(saved, 0, sizeof saved);
  mask_changed = false;
  mask_fast = false;
  for (int i = 0; i < 3; i++) atomic_store(&timer_touched[i], false);
  initialised = true;
  pthread_mutex_unlock(&restore_lock);
  int e = sys_sigmask(SIG_BLOCK, NULL, &init_mask);
  if (e != 0) {
    initialised = false;
    return sigemu__posix_error(e);
  }
  mask_read_fast = word_sets;
  return 0;
}

void sigemu__os_shutdown(void) {
  if (!initialised) return;
  mask_fast = mask_read_fast = false;
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
    (void)sys_sigmask(SIG_SETMASK, &init_mask, NULL);
  pthread_mutex_lock(&restore_lock);
  for (int s = 1; s < NSIG; s++) {
    if (!saved[s]) continue;
    (void)sigemu__posix_sys.sigaction(s, &saved_action[s], NULL);
    saved[s] = false;
  }
  initialised = false;
  pthread_mutex_unlock(&restore_lock);
}

uintptr_t sigemu__os_thread_self(void) {
  register_self();
  return (uintptr_t)pthread_self();
}

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

/* pthread_create passes the creator's mask on by itself. */
void sigemu__os_thread_spawn(void *token) { (void)token; }
void sigemu__os_thread_begin(const void *token) { (void)token; }

int sigemu__os_raise(int sig) {
  if (sigemu__posix_sys.raise(sig) != 0) return sigemu__posix_error(errno);
  return 0;
}

int sigemu__os_pthread_kill(uintptr_t thread, int sig) {
  if (!thread_alive((pthread_t)thread)) return sigemu__posix_error(ESRCH);
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

static const int khow[3] = {SIG_BLOCK, SIG_UNBLOCK, SIG_SETMASK};
_Static_assert(SIGEMU_SIG_BLOCK == 0 && SIGEMU_SIG_UNBLOCK == 1 &&
                   SIGEMU_SIG_SETMASK == 2,
               "khow is indexed by SIGEMU_SIG_*");

int sigemu__os_sigmask(int how, const sigemu_sigset *set, sigemu_sigset *old) {
  if ((unsigned)how > SIGEMU_SIG_SETMASK) return sigemu__posix_error(EINVAL);
  sigset_t conv, kold;
  const sigset_t *k = set ? to_kernel(set, &conv) : NULL;
  int e = sys_sigmask(khow[how], k, old ? &kold : NULL);
  if (e != 0) return sigemu__posix_error(e);
  if (set && !mask_changed && on_main_thread()) {
    mask_changed = true;
    mask_fast = word_sets;
  }
  if (old) from_kernel(&kold, old);
  return 0;
}

/* The numbers the short way takes in a set (bit s of a sigemu_sigset), and
 * which of them reach the kernel: what the core's checks and maskable()
 * and to_kernel() make of a set, as two masks. Set at init. */
static uint64_t fast_outside[2]; /* 0 and NSIG..: the core's range error */
static uint64_t fast_kernel;     /* kernel bit s-1: maskable, the libc's */

static void plan_fast_masks(void) {
  fast_outside[0] = fast_outside[1] = 0;
  fast_kernel = 0;
  for (int s = 0; s < SIGEMU_MAXSIG; s++) {
    if (s == 0 || s >= sigemu__os_nsig()) {
      fast_outside[s / 64] |= (uint64_t)1 << (s % 64);
      continue;
    }
    if (s == SIGKILL || s == SIGSTOP || !sigemu__os_sig_valid(s)) continue;
    if (s <= 64) fast_kernel |= ((uint64_t)1 << (s - 1)) & libc_accepts;
  }
}

/* The short way's call: glibc's pthread_sigmask is the rt_sigprocmask
 * system call once it has taken its reserved 32 and 33 out of the set, and
 * fast_kernel never holds them; so on Linux, where the table holds the
 * libc's own function (no test override), the short way makes that system
 * call itself, on the one word the kernel reads. */
#if defined(__linux__) && defined(SYS_rt_sigprocmask) && SIG_BLOCK == 0 && \
    SIG_UNBLOCK == 1 && SIG_SETMASK == 2
#  define KERNEL_MASK_CALL 1
#endif

/* A number outside 1..NSIG-1 in the set: glibc's NSIG (65) as constants. */
#if NSIG == 65
#  define OUTSIDE(b0, b1) (((b0) & 1) != 0 || (b1) > 1)
#else
#  define OUTSIDE(b0, b1) ((((b0) & fast_outside[0]) | ((b1) & fast_outside[1])) != 0)
#endif

int sigemu__os_sigmask_set(int how, const sigemu_sigset *set) {
  if (!atomic_load_explicit(&mask_fast, memory_order_relaxed) ||
      (unsigned)how > SIGEMU_SIG_SETMASK)
    return sigemu__sigmask_checked(how, set, NULL);
  uint64_t b0 = set->bits[0], b1 = set->bits[1];
  if (OUTSIDE(b0, b1)) return sigemu__sigmask_checked(how, set, NULL);
  uint64_t w = ((b0 >> 1) | (b1 << 63)) & fast_kernel;
#ifdef KERNEL_MASK_CALL
  if (sigemu__posix_sys.pthread_sigmask == pthread_sigmask) {
    /* SIGEMU_SIG_* are Linux's numbers (above); the kernel's set is 64 bits
     * wide wherever word_sets holds (NSIG <= 65). */
    if (syscall(SYS_rt_sigprocmask, how, &w, NULL, sizeof w) == 0) return 0;
    return sigemu__posix_error(errno);
  }
#endif
  memcpy(&kernel_word, &w, sizeof w);
  int e = sys_sigmask(khow[how], &kernel_word, NULL);
  return e == 0 ? 0 : sigemu__posix_error(e);
}

int sigemu__os_sigmask_read(int how, sigemu_sigset *old) {
#ifdef KERNEL_MASK_CALL
  if (atomic_load_explicit(&mask_read_fast, memory_order_relaxed) &&
      sigemu__posix_sys.pthread_sigmask == pthread_sigmask) {
    uint64_t w;
    if (syscall(SYS_rt_sigprocmask, SIG_BLOCK, NULL, &w, sizeof w) != 0)
      return sigemu__posix_error(errno);
    old->bits[0] = w << 1; /* from_kernel's word case */
    old->bits[1] = w >> 63;
    return 0;
  }
#endif
  return sigemu__sigmask_checked(how, NULL, old);
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
  sigset_t conv;
  siginfo_t si; /* filled by the kernel when a signal is taken */
  struct timespec ts;
  const sigset_t *k = to_kernel(set, &conv);
  bool timed = time_left(deadline_ns, &ts);
  /* No look at the tripped flag here (unlike the sleep below): the core's
   * sigwait retries EINTR without running handlers, as glibc's does, so an
   * early EINTR would spin. The window between the core's check and the
   * syscall is CPython's too. */
  int r = sigemu__posix_sys.sigtimedwait(k, info ? &si : NULL, timed ? &ts : NULL);
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
  int e = sys_sigmask(SIG_BLOCK, &all, &old);
  if (e != 0) return sigemu__posix_error(e);
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
  e = errno;
  (void)sys_sigmask(SIG_SETMASK, &old, NULL);
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

const char *sigemu__os_wakeup_describe(intptr_t fd, int err, int os_err,
                                       char *buf, size_t n, const char **verb) {
  (void)fd; /* CPython on POSIX writes to sockets with write() too */
  if (verb) *verb = "write to";
  if (buf && n) snprintf(buf, n, "[Errno %d] %s", os_err, strerror(os_err));
  return sigemu__errno_pyexc(err, os_err);
}

/* ---- dispatch hook ------------------------------------------------------ */

void sigemu__os_poll(void) {
  /* Nothing to poll: the kernel delivers, the handler trips. */
}
void sigemu__os_deliver(void) {}
bool sigemu__os_host_flagged(void) { return false; }
