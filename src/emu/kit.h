/* kit.h — the emulation kit: a small model of the Linux signal kernel for
 * the platforms that have no signals (WebAssembly), too few (Windows), or
 * must be deterministic (sim).
 *
 * What it models, with Linux (kernel/signal.c) as the oracle:
 *   - threads, each with its own mask and its own pending set; a new thread
 *     inherits its creator's mask;
 *   - a process-wide pending set; raise/pthread_kill queue to a thread,
 *     kill, timers and the host to the process; a process-directed signal
 *     goes to the main thread if it does not block it, else to any thread
 *     that does not;
 *   - a queue of siginfo per pending set: a standard signal is pending at
 *     most once per set (the first siginfo is kept), a real-time signal
 *     queues every instance, up to SIGEMU_KIT_SIGQUEUE_MAX;
 *   - the dequeue order: thread set before process set; in each, the
 *     synchronous signals (SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGFPE,
 *     SIGSYS) first, then the lowest number;
 *   - generation: an ignored signal is discarded unless blocked (a waiter's
 *     mask from before its wait counts); stop signals and SIGCONT cancel
 *     each other's pending instances; a fatal default action ends the
 *     process when a thread that does not block it receives it;
 *   - delivery: at a thread's delivery points, every deliverable signal
 *     gets a frame (the handler's mask applied), the last one set up runs
 *     first, and each frame's mask is restored when its handler returns;
 *   - itimers on absolute deadlines; a periodic ITIMER_REAL re-arms when its
 *     SIGALRM is dequeued from the process set.
 *
 * Two kinds of handler. The core's (KIT_TRIP) is sigemu__trip: async-signal-
 * safe, so it runs the moment the target thread is chosen, from whatever
 * thread generated the signal — as if the kernel had interrupted the target.
 * The libc layer's (KIT_USER) is an arbitrary C function: it runs on the
 * target thread, at that thread's next delivery point (any kit call, a
 * check, a wait).
 *
 * Locking: one spin lock guards everything above. It is never held while a
 * user handler runs or while a thread blocks. Arrivals from OS signal
 * handlers (sigemu__kit_send_async) never take it: they leave the signal in
 * a lock-free inbox that whoever holds or next takes the lock drains.
 */
#ifndef SIGEMU_KIT_H
#define SIGEMU_KIT_H

#include <stdatomic.h>

#include "../backend.h"
#include "../bits.h"

/* Queued siginfo entries per process (Linux: RLIMIT_SIGPENDING). Beyond it
 * a real-time signal sent with a value fails with SIGEMU_EAGAIN, and any
 * other signal is still marked pending but loses its siginfo, as Linux
 * does. */
#define SIGEMU_KIT_SIGQUEUE_MAX 1024

/* What sigwaitinfo and a SA_SIGINFO handler see. */
typedef struct {
  int signo, code, err;
  int pid, uid, status;
  long band;
  intptr_t value; /* si_value (sigqueue) */
} kit_siginfo;

/* Linux si_code values. */
#define KIT_SI_USER 0
#define KIT_SI_QUEUE (-1)
#define KIT_SI_TIMER (-2)
#define KIT_SI_TKILL (-6)
#define KIT_SI_KERNEL 0x80
/* What a tgkill (raise, pthread_kill) carries: SI_TKILL, as Linux gives it
 * to a SA_SIGINFO handler. glibc's sigwaitinfo/sigtimedwait fold it into
 * SI_USER before returning (so CPython's sigwaitinfo shows 0): the waits
 * of the core and of the libc layer do the same (sigemu__kit_fold_code). */
#define KIT_SI_THREAD KIT_SI_TKILL
static inline int sigemu__kit_fold_code(int code) {
  return code == KIT_SI_TKILL ? KIT_SI_USER : code;
}

/* A disposition. */
enum { KIT_DFL, KIT_IGN, KIT_TRIP, KIT_USER };
#define KIT_SA_NODEFER 0x1u
#define KIT_SA_RESETHAND 0x2u
#define KIT_SA_SIGINFO 0x4u
#define KIT_SA_RESTART 0x8u
#define KIT_SA_ONSTACK 0x10u

typedef struct kit_action kit_action;
struct kit_action {
  int kind;
  unsigned flags;
  sigemu_sigset mask; /* blocked while the handler runs */
  /* KIT_USER: runs the handler on the target thread (the libc layer sets
   * it; it switches stacks for SA_ONSTACK, calls handler with or without
   * the siginfo). */
  void (*invoke)(int sig, const kit_siginfo *info, const kit_action *act);
  void *handler;
  unsigned long os_flags; /* the flags as the program gave them (libc) */
};

/* ======================================================================== */
/* For the libc layer (libc/) and the backends                               */
/* ======================================================================== */

/* Take a reference on the kit, starting it with the first one (the core's
 * sigemu_init takes one, the libc layer another); release the last one to
 * stop it. */
int sigemu__kit_acquire(void);
void sigemu__kit_release(void);

int sigemu__kit_sigaction(int sig, const kit_action *act, kit_action *old);

/* Send a signal: to thread `thread` (KIT_TO_THREAD; 0 is the caller) or to
 * the process. SIGEMU_EINVAL, SIGEMU_ESRCH, SIGEMU_EAGAIN (queue full for
 * a real-time signal with a value). sig 0 only checks the target. A
 * delivery point for the caller follows. */
enum { KIT_TO_PROCESS, KIT_TO_THREAD };
int sigemu__kit_send(int to, uintptr_t thread, const kit_siginfo *info);
/* A siginfo for a signal this process sends to itself. */
kit_siginfo sigemu__kit_info(int sig, int code);
/* The same with the sender known (a host's kill: its pid and uid). */
kit_siginfo sigemu__kit_info_from(int sig, int code, int pid, int uid);

/* The calling thread's mask; then a delivery point. */
int sigemu__kit_sigmask(int how, const sigemu_sigset *set, sigemu_sigset *old);
int sigemu__kit_sigpending(sigemu_sigset *out);

/* A delivery point: take the host's signals and due timers, run the
 * handlers of every signal deliverable to the calling thread, carry out a
 * fatal default action. Returns the number of handlers run. */
int sigemu__kit_deliver(void);

/* Wait for a signal of set (see sigemu__os_sigwait). */
int sigemu__kit_wait(const sigemu_sigset *set, int64_t deadline_ns,
                     kit_siginfo *info);
/* Sleep until a handler runs on this thread (SIGEMU_EINTR) or deadline_ns
 * passes (0); with mask non-NULL, that mask is the thread's mask while it
 * sleeps and while the handlers run (sigsuspend). */
int sigemu__kit_sleep(int64_t deadline_ns, const sigemu_sigset *mask);
/* The core's sleep: on the main thread a signal tripped but not yet
 * dispatched also ends it (as the posix backend checks the tripped flag). */
int sigemu__kit_sleep_core(int64_t deadline_ns);

int sigemu__kit_setitimer(int which, int64_t value_ns, int64_t interval_ns,
                          int64_t *old_value_ns, int64_t *old_interval_ns);
int sigemu__kit_getitimer(int which, int64_t *value_ns, int64_t *interval_ns);

/* Threads: a thread about to be created takes a snapshot of its creator's
 * mask (spawn), and the new thread adopts it first thing (start). A thread
 * the kit meets without it starts with an empty mask. */
typedef struct {
  sigemu_sigset mask;
  unsigned gen;
} kit_spawn;
void sigemu__kit_thread_spawn(kit_spawn *s);
void sigemu__kit_thread_start(const kit_spawn *s);

/* Nonzero while a libc-layer handler waits for a delivery point somewhere:
 * the layer's inline check reads it. */
extern atomic_int sigemu__kit_user_pending;

/* ======================================================================== */
/* Between the kit's files                                                   */
/* ======================================================================== */

/* Pending set with its queue of siginfo (indices into the process's pool,
 * oldest first). */
typedef struct {
  sigemu_sigset set;
  int head, tail;
} kit_pending;

enum { KIT_T_FREE, KIT_T_LIVE, KIT_T_DEAD };
typedef struct {
  uintptr_t id;
  int state;
  sigemu_sigset blocked;
  sigemu_sigset waitset; /* while waiting in sigwait: not blocked then */
  bool waiting;
  bool foreign; /* recorded for a send before the thread ever called us */
  bool counted; /* counted in the process's waiters (a wait it is in, or
                   one a handler's longjmp left without uncounting) */
  kit_pending pending;
  atomic_uint handled; /* handlers run on this thread: ends its waits */
  /* The id it ended with, left by its exit callback when the lock was busy
   * (0: not ended, or already forgotten). */
  atomic_uintptr_t ended;
} kit_thread;

typedef struct {
  bool armed;
  bool stalled; /* periodic REAL: fired, re-armed when SIGALRM is taken */
  int64_t deadline; /* on the timer's own clock */
  int64_t interval;
} kit_itimer;

typedef struct {
  int next;
  kit_siginfo info;
} kit_qent;

/* The process. Everything but the atomics is guarded by the lock. */
typedef struct {
  atomic_flag lock;
  int refs;
  unsigned gen; /* bumped by every start: stale thread pointers re-register */
  int nsig, sigrtmin;
  int sig_kill, sig_stop, sig_cont, sig_alrm;
  sigemu_sigset sync_sigs, stop_sigs;

  kit_thread **threads;
  int nthreads, cap;
  kit_thread *main;
  int next_target; /* round robin for process-directed signals */

  kit_pending shared;
  /* 0 only when every pending set was last seen empty (by a delivery that
   * found nothing, under the lock): a delivery point then takes no lock.
   * Set by every enqueue, under the lock. */
  atomic_int queued;
  kit_qent pool[SIGEMU_KIT_SIGQUEUE_MAX];
  int free_head;

  kit_action action[SIGEMU_MAXSIG];
  bool restart[SIGEMU_MAXSIG];

  /* Fatal default actions to carry out, in the order they became due (the
   * first one decides how the process ends, as on Linux). */
  int fatal[SIGEMU_MAXSIG];
  int nfatal;
  atomic_int fatal_any;
  atomic_int waiters; /* threads in a kit wait: only then is a wake needed */

  kit_itimer timer[3];
  int timer_sig[3];
  atomic_int armed;         /* armed timers: no clock read when none */
  atomic_llong blocked_ns;  /* time spent blocked: the CPU-clock fallback */
  bool no_cpu_clock;        /* the platform has none (asked at init) */

  /* Arrivals from OS signal handlers, drained under the lock. */
  _Atomic uint64_t inbox[2];
  atomic_int inbox_code[SIGEMU_MAXSIG];
  atomic_int inbox_any;
  /* Some thread's `ended` is set: the lock's next taker forgets it. */
  atomic_int ended_any;
} kit_process;

extern kit_process sigemu__kit;

/* Sets. */
static inline bool kit_has(const sigemu_sigset *s, int sig) {
  return (s->bits[sig / 64] >> (sig % 64)) & 1;
}
static inline void kit_add(sigemu_sigset *s, int sig) {
  s->bits[sig / 64] |= (uint64_t)1 << (sig % 64);
}
static inline void kit_del(sigemu_sigset *s, int sig) {
  s->bits[sig / 64] &= ~((uint64_t)1 << (sig % 64));
}

/* lock.c. Whoever takes the lock first forgets the threads that ended while
 * it was busy (sigemu__kit_reap_ended_locked). */
void sigemu__kit_lock(void);
bool sigemu__kit_try_lock(void);
void sigemu__kit_unlock(void); /* drains the inbox */

/* threads.c (lock held unless said) */
kit_thread *sigemu__kit_self(void); /* registers the caller; lock NOT held */
void sigemu__kit_reap_ended_locked(void);
/* The calling thread's record if it already has one, else NULL; never
 * takes the lock. */
kit_thread *sigemu__kit_self_known(void);
kit_thread *sigemu__kit_find_locked(uintptr_t id);
kit_thread *sigemu__kit_claim_foreign_locked(uintptr_t id, kit_thread **spare);
void sigemu__kit_threads_reset_locked(void);
/* The mask a thread presents to a new signal: a waiter's wait set is open. */
sigemu_sigset sigemu__kit_effective_mask(const kit_thread *t);

/* pending.c (lock held) */
void sigemu__kit_pending_init(kit_pending *p);
/* Queue info in p: 0, or SIGEMU_EAGAIN (queue full, real-time with a
 * value); a standard signal already pending is dropped (returns 0). */
int sigemu__kit_enqueue_locked(kit_pending *p, const kit_siginfo *info);
/* Whether enqueue would take info (it refuses only a real-time signal
 * with information when the pool is empty). */
bool sigemu__kit_would_queue_locked(const kit_siginfo *info);
/* Take sig out of p (its oldest siginfo); false when not pending there. */
bool sigemu__kit_collect_locked(kit_pending *p, int sig, kit_siginfo *out);
/* The next signal of p not in mask, in Linux's order; 0 when none. */
int sigemu__kit_next_locked(const kit_pending *p, const sigemu_sigset *mask);
/* Discard every pending instance of the signals in set. */
void sigemu__kit_flush_locked(kit_pending *p, const sigemu_sigset *set);
void sigemu__kit_flush_all_locked(const sigemu_sigset *set);
/* Take the next signal for t not in mask: thread set first, then process.
 * 0 when none. */
int sigemu__kit_dequeue_locked(kit_thread *t, const sigemu_sigset *mask,
                               kit_siginfo *out);

/* signals.c */
/* Generate info for thread t (NULL: the process). Lock held. */
int sigemu__kit_generate_locked(kit_thread *t, const kit_siginfo *info);
/* Run the delivery point of the caller (lock NOT held). */
int sigemu__kit_deliver_self(kit_thread *self);
/* Fatal default actions, carried out at the next delivery point. */
void sigemu__kit_die_if_fatal(void);
void sigemu__kit_wake_waiters(void);
/* The same from the calling thread's own flow (not from code that may have
 * interrupted it): when the one waiter counted is the caller, it is awake
 * and looks at everything again before it blocks, so nobody is woken. */
void sigemu__kit_wake_others(void);
bool sigemu__kit_default_is_fatal(int sig);

/* itimers.c (lock held) */
void sigemu__kit_itimers_reset_locked(void);
/* SIGALRM was dequeued from the process set: re-arm a stalled ITIMER_REAL. */
void sigemu__kit_real_taken_locked(void);

/* waits.c: take the host's signals and fire due timers. Lock NOT held. */
void sigemu__kit_service(void);

#endif /* SIGEMU_KIT_H */
