/* emu.c — the emulation kit: the OS seam of src/backend.h for platforms
 * without (enough of) POSIX signals: sim, WebAssembly and Windows.
 *
 * What it emulates, and the kernel behaviour it copies (Linux):
 *   - one process-wide mask (handlers only ever run on the main thread, so
 *     the main thread's mask is the one that matters) and a pending set;
 *     a signal that arrives while blocked waits there, whatever its
 *     disposition, until it is unblocked or taken by sigwait;
 *   - unblocking several pending signals delivers them highest number first:
 *     Linux pushes one handler frame per signal, lowest first, so the
 *     highest runs first (that is the order of the wakeup bytes);
 *   - during sigwait*, the waited-for set counts as blocked, so signals of
 *     the set arriving meanwhile are taken, not handled;
 *   - itimers on absolute deadlines: a periodic timer's next deadline is the
 *     previous one plus the interval, and periods missed by a late check
 *     coalesce into one signal, as hrtimer_forward does; a periodic
 *     ITIMER_REAL stops after firing until its SIGALRM is taken (handled or
 *     sigwait-ed), then resumes on its grid: Linux re-arms it in
 *     dequeue_signal, so while SIGALRM is blocked, or ignored, getitimer
 *     reads (0, interval);
 *   - default actions: terminate and core end the process at the next check
 *     (never inside the trip path); ignore, stop and continue discard.
 *
 * Arrivals (sigemu__emu_arrive) may come from any thread; the mask and the
 * pending set are atomic words, and both sides claim a pending bit with an
 * atomic and-not, so a signal racing an unblock is delivered exactly once.
 */
#include <stdatomic.h>
#include <string.h>

#include "../bits.h"
#include "emu_backend.h"

#define NWORDS 2
typedef struct {
  _Atomic uint64_t w[NWORDS];
} aset;

typedef struct {
  bool armed;
  bool stalled; /* REAL only: fired, waiting for SIGALRM to be taken */
  int64_t deadline; /* on the timer's own clock */
  int64_t interval;
} emu_timer;

static struct {
  aset mask, waitset, pending, doomed;
  atomic_int code[SIGEMU_MAXSIG]; /* si_code of the pending instance */
  atomic_uint seq;                /* bumped by every delivery to a handler */
  atomic_flag lock;               /* guards the timers */
  emu_timer timer[3];
  int timer_sig[3];
  atomic_llong blocked_ns; /* time spent blocked: the CPU-clock fallback */
  atomic_int waiters;      /* main-thread waits in progress (sleep, sigwait) */
  atomic_int armed;        /* armed timers: no clock read when there is none */
  bool restart[SIGEMU_MAXSIG];
  int sig_kill;
} E = {.lock = ATOMIC_FLAG_INIT};

static uint64_t bit(int sig) { return (uint64_t)1 << (sig % 64); }
static int word(int sig) { return sig / 64; }
static bool in_set(aset *s, int sig) {
  return (atomic_load(&s->w[word(sig)]) & bit(sig)) != 0;
}
static bool claim(aset *s, int sig) {
  return (atomic_fetch_and(&s->w[word(sig)], ~bit(sig)) & bit(sig)) != 0;
}
static bool blocked(int sig) {
  return in_set(&E.mask, sig) || in_set(&E.waitset, sig);
}
static void real_taken(int sig);
static bool valid(int sig) {
  return sig >= 1 && sig < SIGEMU_MAXSIG && sig < sigemu__emu_nsig() &&
         sigemu__emu_sig_valid(sig);
}

static void lock(void) {
  while (atomic_flag_test_and_set_explicit(&E.lock, memory_order_acquire)) {
  }
}
static void unlock(void) {
  atomic_flag_clear_explicit(&E.lock, memory_order_release);
}

/* ---- arrival and delivery ---------------------------------------------- */

/* Wake a waiting main thread. Waits count themselves in E.waiters before
 * they look at E.seq, so a delivery either is seen by that look or sees
 * the waiter: no lost wakeup, and no host call (Atomics.notify) when
 * nobody waits. */
static void wake_waiters(void) {
  if (atomic_load(&E.waiters) > 0) sigemu__emu_wake();
}

static void doom(int sig) {
  atomic_fetch_or(&E.doomed.w[word(sig)], bit(sig));
  atomic_store(&sigemu__tripped, 1); /* make the next check go slow */
  atomic_fetch_add(&E.seq, 1);
  wake_waiters();
}

static void deliver(int sig) {
  switch (sigemu__kind(sig)) {
  case SIGEMU_CALL:
    real_taken(sig);
    sigemu__trip(sig);
    atomic_fetch_add(&E.seq, 1);
    wake_waiters();
    break;
  case SIGEMU_DFL: {
    int a = sigemu_default_action(sig);
    if (a == SIGEMU_DEFAULT_TERMINATE || a == SIGEMU_DEFAULT_CORE) {
      real_taken(sig);
      doom(sig);
    }
    break; /* ignore, stop (not emulated), continue: discarded */
  }
  default:
    break; /* SIG_IGN, foreign: discarded */
  }
}

void sigemu__emu_arrive(int sig, int code) {
  if (!valid(sig)) return;
  if (sig == E.sig_kill) { /* can be neither caught nor blocked */
    doom(sig);
    return;
  }
  if (blocked(sig)) {
    atomic_store(&E.code[sig], code);
    atomic_fetch_or(&E.pending.w[word(sig)], bit(sig));
    /* An unblock may have raced us: whoever clears the bit delivers. */
    if (!blocked(sig) && claim(&E.pending, sig)) deliver(sig);
    wake_waiters(); /* a sigwait may want it */
    return;
  }
  deliver(sig);
}

/* Deliver every pending signal that is no longer blocked, highest first:
 * walk the pending bits that the mask and the wait set leave free. */
static void release_pending(void) {
  for (int k = NWORDS - 1; k >= 0; k--) {
    uint64_t free = atomic_load(&E.pending.w[k]) &
                    ~(atomic_load(&E.mask.w[k]) | atomic_load(&E.waitset.w[k]));
    while (free) {
      int b = sigemu__highest_bit(free);
      free &= ~((uint64_t)1 << b);
      int sig = k * 64 + b;
      if (claim(&E.pending, sig)) deliver(sig);
    }
  }
}

/* ---- timers ------------------------------------------------------------- */

/* The first deadline on the grid (deadline + k*interval) after now,
 * saturating at INT64_MAX as the kernel saturates at KTIME_MAX. */
static int64_t forward(int64_t deadline, int64_t now, int64_t interval) {
  int64_t k = (now - deadline) / interval + 1;
  if (k > (INT64_MAX - deadline) / interval) return INT64_MAX;
  return deadline + k * interval;
}

static int64_t clock_of(int which) {
  if (which == SIGEMU_ITIMER_REAL) return sigemu__emu_now_ns();
  int64_t c = sigemu__emu_cpu_ns();
  if (c < 0) c = sigemu__emu_now_ns() - atomic_load(&E.blocked_ns);
  return c;
}

static int64_t next_real_locked(void) {
  emu_timer *t = &E.timer[SIGEMU_ITIMER_REAL];
  return t->armed && !t->stalled ? t->deadline : INT64_MAX;
}

/* Tell the platform the earliest REAL deadline, and keep the count of
 * armed timers. Always, not only on change: a host timer is one-shot and
 * may fire a little early (JS setTimeout), and must then be armed again
 * for the same deadline. Timer lock held. */
static void arm_locked(void) {
  int n = 0;
  for (int w = 0; w < 3; w++) n += E.timer[w].armed;
  atomic_store(&E.armed, n);
  sigemu__emu_arm(next_real_locked());
}

/* SIGALRM was taken: a stalled periodic ITIMER_REAL resumes on its grid,
 * at the first deadline after now (hrtimer_forward). */
static void real_taken(int sig) {
  if (sig != E.timer_sig[SIGEMU_ITIMER_REAL]) return;
  lock();
  emu_timer *t = &E.timer[SIGEMU_ITIMER_REAL];
  if (t->armed && t->stalled) {
    int64_t now = clock_of(SIGEMU_ITIMER_REAL);
    if (now >= t->deadline) t->deadline = forward(t->deadline, now, t->interval);
    t->stalled = false;
    arm_locked();
  }
  unlock();
}

int64_t sigemu__emu_next_deadline(void) {
  lock();
  int64_t d = next_real_locked();
  unlock();
  return d;
}

int64_t sigemu__emu_next_due_in(void) {
  int64_t best = INT64_MAX;
  lock();
  for (int w = 0; w < 3; w++) {
    if (!E.timer[w].armed || E.timer[w].stalled) continue;
    int64_t in = E.timer[w].deadline - clock_of(w);
    if (in < 0) in = 0;
    if (in < best) best = in;
  }
  unlock();
  return best;
}

void sigemu__emu_timer_due(void) {
  int sigs[3];
  int64_t when[3];
  int n = 0;
  if (atomic_load(&E.armed) == 0) return; /* the common case: no clock read */
  lock();
  for (int w = 0; w < 3; w++) {
    emu_timer *t = &E.timer[w];
    if (!t->armed || t->stalled) continue;
    int64_t now = clock_of(w);
    if (now < t->deadline) continue;
    sigs[n] = E.timer_sig[w];
    when[n++] = t->deadline;
    if (t->interval == 0)
      t->armed = false;
    else if (w == SIGEMU_ITIMER_REAL)
      t->stalled = true; /* resumes when SIGALRM is taken */
    else /* CPU timers: stay on the grid; missed periods coalesce */
      t->deadline = forward(t->deadline, now, t->interval);
  }
  arm_locked();
  unlock();
  /* Fire in deadline order (at most three: a tiny insertion sort). */
  for (int i = 1; i < n; i++)
    for (int j = i; j > 0 && when[j] < when[j - 1]; j--) {
      int64_t tw = when[j];
      when[j] = when[j - 1];
      when[j - 1] = tw;
      int ts = sigs[j];
      sigs[j] = sigs[j - 1];
      sigs[j - 1] = ts;
    }
  for (int i = 0; i < n; i++) sigemu__emu_arrive(sigs[i], SIGEMU_SI_KERNEL);
}

static void timer_left(int which, int64_t now, int64_t *v, int64_t *iv) {
  emu_timer *t = &E.timer[which];
  if (!t->armed) {
    *v = 0;
    *iv = 0;
    return;
  }
  if (t->stalled) { /* as Linux: the hrtimer is not queued */
    *v = 0;
    *iv = t->interval;
    return;
  }
  /* As Linux reports it: truncated to µs, never 0 while armed. */
  int64_t rem = t->deadline - now;
  rem = rem / 1000 * 1000;
  if (rem <= 0) rem = 1000;
  *v = rem;
  *iv = t->interval;
}

int sigemu__os_setitimer(int which, int64_t value_ns, int64_t interval_ns,
                         int64_t *old_value_ns, int64_t *old_interval_ns) {
  if (E.timer_sig[which] <= 0) return SIGEMU_ENOSYS;
  lock();
  int64_t now = clock_of(which);
  timer_left(which, now, old_value_ns, old_interval_ns);
  emu_timer *t = &E.timer[which];
  t->stalled = false;
  if (value_ns == 0) {
    t->armed = false;
  } else {
    t->armed = true;
    t->deadline = now > INT64_MAX - value_ns ? INT64_MAX : now + value_ns;
    t->interval = interval_ns;
  }
  arm_locked();
  unlock();
  return 0;
}

int sigemu__os_getitimer(int which, int64_t *value_ns, int64_t *interval_ns) {
  if (E.timer_sig[which] <= 0) return SIGEMU_ENOSYS;
  lock();
  timer_left(which, clock_of(which), value_ns, interval_ns);
  unlock();
  return 0;
}

/* ---- the main thread's services ---------------------------------------- */

/* A terminate or core default action that arrived: carry it out, unless
 * the disposition changed since the arrival. */
static void die_now(int sig) {
  if (sig != E.sig_kill && sigemu__kind(sig) != SIGEMU_DFL) return;
  int a = sig == E.sig_kill ? SIGEMU_DEFAULT_TERMINATE
                            : sigemu_default_action(sig);
  sigemu__emu_die(sig, a);
}

/* Host signals, due timers, then default actions that end the process. */
static void service(void) {
  sigemu__emu_host_poll();
  sigemu__emu_timer_due();
  for (int k = 0; k < NWORDS; k++) {
    if (!atomic_load(&E.doomed.w[k])) continue; /* the common case */
    uint64_t d = atomic_exchange(&E.doomed.w[k], 0);
    while (d) {
      int sig = k * 64 + sigemu__lowest_bit(d);
      d &= d - 1;
      die_now(sig);
    }
  }
}

void sigemu__os_poll(void) { service(); }

static int block_until(int64_t deadline) {
  int64_t next = sigemu__emu_next_deadline();
  if (next < deadline) deadline = next;
  int64_t t0 = sigemu__emu_now_ns();
  int r = sigemu__emu_block(deadline);
  atomic_fetch_add(&E.blocked_ns, sigemu__emu_now_ns() - t0);
  return r;
}

/* ---- masks and waits ---------------------------------------------------- */

int sigemu__os_sigmask(int how, const sigemu_sigset *set, sigemu_sigset *old) {
  if (how != SIGEMU_SIG_BLOCK && how != SIGEMU_SIG_UNBLOCK &&
      how != SIGEMU_SIG_SETMASK)
    return SIGEMU_EINVAL;
  for (int k = 0; k < NWORDS; k++) {
    uint64_t o = atomic_load(&E.mask.w[k]), n;
    do {
      n = how == SIGEMU_SIG_BLOCK     ? (o | set->bits[k])
          : how == SIGEMU_SIG_UNBLOCK ? (o & ~set->bits[k])
                                      : set->bits[k];
    } while (!atomic_compare_exchange_weak(&E.mask.w[k], &o, n));
    old->bits[k] = o;
  }
  release_pending();
  return 0;
}

int sigemu__os_sigpending(sigemu_sigset *out) {
  for (int k = 0; k < NWORDS; k++) out->bits[k] = atomic_load(&E.pending.w[k]);
  return 0;
}

/* Take the lowest pending signal of set (the kernel's dequeue order). */
static int take(const sigemu_sigset *set) {
  for (int k = 0; k < NWORDS; k++) {
    uint64_t hit = atomic_load(&E.pending.w[k]) & set->bits[k];
    while (hit) {
      int b = sigemu__lowest_bit(hit);
      hit &= hit - 1;
      int sig = k * 64 + b;
      if (claim(&E.pending, sig)) {
        real_taken(sig);
        return sig;
      }
    }
  }
  return 0;
}

int sigemu__os_sigwait(const sigemu_sigset *set, int64_t deadline_ns,
                       sigemu_siginfo *info) {
  atomic_fetch_add(&E.waiters, 1);
  unsigned seq0 = atomic_load(&E.seq);
  for (int k = 0; k < NWORDS; k++) atomic_store(&E.waitset.w[k], set->bits[k]);
  int r;
  for (;;) {
    service();
    int sig = take(set);
    if (sig > 0) {
      memset(info, 0, sizeof *info);
      info->signo = sig;
      info->code = atomic_load(&E.code[sig]);
      r = sig;
      break;
    }
    if (atomic_load(&E.seq) != seq0) { /* another signal was handled */
      r = SIGEMU_EINTR;
      break;
    }
    if (sigemu__emu_now_ns() >= deadline_ns) {
      r = SIGEMU_EAGAIN;
      break;
    }
    r = block_until(deadline_ns);
    if (r < 0) break;
  }
  for (int k = 0; k < NWORDS; k++) atomic_store(&E.waitset.w[k], 0);
  atomic_fetch_sub(&E.waiters, 1);
  release_pending(); /* what arrived for the set but was not taken */
  return r;
}

int sigemu__os_sleep_until(int64_t deadline_ns) {
  atomic_fetch_add(&E.waiters, 1);
  unsigned seq0 = atomic_load(&E.seq);
  int r;
  for (;;) {
    service();
    if (atomic_load(&E.seq) != seq0) {
      r = SIGEMU_EINTR;
      break;
    }
    if (sigemu__emu_now_ns() >= deadline_ns) {
      r = 0;
      break;
    }
    r = block_until(deadline_ns);
    if (r < 0) break;
  }
  atomic_fetch_sub(&E.waiters, 1);
  return r;
}

int64_t sigemu__os_monotonic_ns(void) { return sigemu__emu_now_ns(); }

/* ---- dispositions ------------------------------------------------------- */

sigemu_kind sigemu__os_initial_disposition(int sig) {
  /* Numbers in range that the platform reserves read as "installed
   * elsewhere", as CPython's getsignal() shows None for glibc's 32, 33. */
  return sigemu__emu_sig_valid(sig) ? SIGEMU_DFL : SIGEMU_FOREIGN;
}

int sigemu__os_set_disposition(int sig, sigemu_kind kind) {
  int r = sigemu__emu_catchable(sig);
  if (r < 0) return r;
  if (kind == SIGEMU_IGN) {
    claim(&E.pending, sig); /* POSIX: setting SIG_IGN discards it */
  } else if (kind == SIGEMU_DFL) {
    int a = sigemu_default_action(sig);
    if (a == SIGEMU_DEFAULT_IGNORE || a == SIGEMU_DEFAULT_CONTINUE)
      claim(&E.pending, sig);
  }
  E.restart[sig] = false; /* installing resets siginterrupt */
  sigemu__emu_disposition_changed(sig, kind);
  return 0;
}

int sigemu__os_siginterrupt(int sig, bool flag) {
  int r = sigemu__emu_catchable(sig);
  if (r < 0) return r;
  /* Emulated calls are never restarted behind the caller's back; the flag
   * is kept so that the state reads back as set. */
  E.restart[sig] = !flag;
  return 0;
}

/* ---- sending ------------------------------------------------------------ */

int sigemu__os_raise(int sig) {
  if (sig == 0) return 0;
  if (!valid(sig)) return SIGEMU_EINVAL;
  sigemu__emu_arrive(sig, SIGEMU_SI_USER);
  return 0;
}

int sigemu__os_pthread_kill(uintptr_t thread, int sig) {
  if (sig != 0 && !valid(sig)) return SIGEMU_EINVAL;
  if (!sigemu__emu_thread_exists(thread)) return SIGEMU_ESRCH;
  if (sig == 0) return 0;
  /* Signals are process-wide here: the main thread handles them. */
  sigemu__emu_arrive(sig, SIGEMU_SI_TKILL);
  return 0;
}

int sigemu__os_pidfd_send_signal(int pidfd, int sig, unsigned flags) {
  (void)pidfd;
  (void)sig;
  (void)flags;
  return SIGEMU_ENOSYS;
}

/* ---- pass-throughs to the small seam ------------------------------------ */

const char *sigemu__os_name(void) { return sigemu__emu_name(); }
bool sigemu__os_available(sigemu_feature f, const char **note) {
  return sigemu__emu_available(f, note);
}
const sigemu__sigdesc *sigemu__os_sigtable(int *count) {
  return sigemu__emu_sigtable(count);
}
const sigemu__sigalias *sigemu__os_sigaliases(int *count) {
  return sigemu__emu_sigaliases(count);
}
int sigemu__os_nsig(void) { return sigemu__emu_nsig(); }
bool sigemu__os_sig_valid(int sig) { return sigemu__emu_sig_valid(sig); }
int sigemu__os_signal_precheck(int sig) {
  return sigemu__emu_signal_precheck(sig);
}
uintptr_t sigemu__os_thread_self(void) { return sigemu__emu_thread_self(); }
int sigemu__os_wakeup_validate(intptr_t fd) {
  return sigemu__emu_fd_validate(fd);
}
int sigemu__os_wakeup_write(intptr_t fd, unsigned char byte, int *os_err) {
  return sigemu__emu_fd_write(fd, byte, os_err);
}
void sigemu__os_wakeup_describe(intptr_t fd, int os_err, char *buf, size_t n,
                                const char **verb) {
  sigemu__emu_fd_describe(fd, os_err, buf, n, verb);
}

/* ---- life cycle --------------------------------------------------------- */

static void clear_state(void) {
  for (int k = 0; k < NWORDS; k++) {
    atomic_store(&E.mask.w[k], 0);
    atomic_store(&E.waitset.w[k], 0);
    atomic_store(&E.pending.w[k], 0);
    atomic_store(&E.doomed.w[k], 0);
  }
  for (int i = 0; i < SIGEMU_MAXSIG; i++) {
    atomic_store(&E.code[i], 0);
    E.restart[i] = false;
  }
  lock();
  memset(E.timer, 0, sizeof E.timer);
  atomic_store(&E.armed, 0);
  unlock();
  atomic_store(&E.blocked_ns, 0);
  atomic_store(&E.waiters, 0);
}

int sigemu__os_init(void) {
  clear_state();
  static const char *const names[3] = {"SIGALRM", "SIGVTALRM", "SIGPROF"};
  for (int w = 0; w < 3; w++) {
    int s = sigemu_signum(names[w]);
    E.timer_sig[w] = s > 0 ? s : 0;
  }
  int k = sigemu_signum("SIGKILL");
  E.sig_kill = k > 0 ? k : -1;
  return sigemu__emu_init();
}

void sigemu__os_shutdown(void) {
  lock();
  memset(E.timer, 0, sizeof E.timer);
  arm_locked();
  unlock();
  for (int sig = 1; sig < SIGEMU_MAXSIG && sig < sigemu__emu_nsig(); sig++) {
    sigemu_kind k = sigemu__kind(sig);
    if (k == SIGEMU_CALL || k == SIGEMU_IGN)
      sigemu__emu_disposition_changed(sig, SIGEMU_DFL);
  }
  sigemu__emu_shutdown();
  clear_state();
}
