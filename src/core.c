/* core.c — the portable heart of sigemu: handler table, trip path, dispatch,
 * argument validation and the Python-shaped entry points.
 *
 * Every public entry point validates its arguments here, in the order
 * CPython's signal module checks them, before the backend (src/backend.h) is
 * asked to do anything; so a bad call fails the same way on every platform
 * and changes nothing. The trip path (sigemu__trip) may run inside an OS
 * signal handler, on another thread or in a JS timer callback: it only
 * touches lock-free atomics and the backend's async-signal-safe write.
 * Handlers run only in dispatch (run_handlers), on the main thread.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "abi.h"
#include "backend.h"
#include "bits.h"

#ifndef SIGEMU_POLL_EVERY
#  define SIGEMU_POLL_EVERY 256 /* only read on wasm, where sigemu.h sets it */
#endif
#ifndef SIGEMU_POLL_INTERVAL_NS
#  define SIGEMU_POLL_INTERVAL_NS 4000
#endif
/* The most checks between two polls (a loop of checks and nothing else). */
#define POLL_EVERY_MAX (1 << 22)

/* The trip path may run inside an OS signal handler: every atomic it
 * touches (64-bit tripped words, ints, the wakeup fd) must be lock-free,
 * or a handler interrupting a holder of the emulation lock would deadlock. */
_Static_assert(ATOMIC_LLONG_LOCK_FREE == 2, "64-bit atomics must be lock-free");
_Static_assert(ATOMIC_INT_LOCK_FREE == 2, "int atomics must be lock-free");
_Static_assert(ATOMIC_POINTER_LOCK_FREE == 2, "pointer atomics must be lock-free");

/* Read by the inline sigemu_check() in sigemu.h. */
#ifdef SIGEMU__FLAG_LINE
SIGEMU_API _Alignas(64) atomic_int sigemu__flagline[16];
#else
SIGEMU_API atomic_int sigemu__tripped;
#endif
SIGEMU_API _Thread_local int sigemu__poll_countdown = SIGEMU_POLL_EVERY;

#if defined(__wasm__) && !defined(__wasm_atomics__)
/* One thread: the inline check reads the count alone (sigemu.h), so setting
 * the global flag also zeroes the count; what was left of it is kept, and
 * the check that follows takes it back instead of planning a new poll. */
#  define ONE_WORD_CHECK 1
static int count_left;
#endif

/* Set and clear the global flag (any thread; async-signal-safe). Where the
 * word also carries the host's bits (SIGEMU__FLAG_CORE, backend.h) only the
 * core's bit is touched. */
#ifdef SIGEMU__FLAG_CORE
#  define FLAG_ON() atomic_fetch_or(&sigemu__tripped, SIGEMU__FLAG_CORE)
#  define FLAG_OFF() atomic_fetch_and(&sigemu__tripped, ~SIGEMU__FLAG_CORE)
#  define FLAG_IS_ON() (atomic_load(&sigemu__tripped) & SIGEMU__FLAG_CORE)
#else
#  define FLAG_ON() atomic_store(&sigemu__tripped, 1)
#  define FLAG_OFF() atomic_store(&sigemu__tripped, 0)
#  define FLAG_IS_ON() atomic_load(&sigemu__tripped)
#endif
void sigemu__flag_set(void) {
  FLAG_ON();
#ifdef ONE_WORD_CHECK
  if (sigemu__poll_countdown > 0) count_left = sigemu__poll_countdown;
  sigemu__poll_countdown = 0;
#endif
}

/* Failed wakeup writes, kept by the trip path (lock-free) until the main
 * thread reports them, each with its own error as CPython passes errno per
 * failure. More than fit are counted and reported with the last kept one. */
#define WAKEUP_FAILURES_KEPT 16
typedef struct {
  int err;    /* SIGEMU_E* */
  int os_err; /* the OS error number */
  intptr_t fd;
} wakeup_failure;

static struct {
  atomic_int initialized;
  uintptr_t main_thread;
  sigemu_options opt;
  int nsig;
  int sig_kill, sig_stop, sig_int, sig_alrm;
  /* SIGKILL, SIGSTOP and the numbers the platform reserves: no mask or wait
   * set ever holds them. Fixed at init. */
  sigemu_sigset unmaskable;
  /* 0 and NSIG..SIGEMU_MAXSIG-1: a Python-side set may not hold them.
   * Fixed at init. */
  sigemu_sigset outside;
  /* One bit per tripped signal: dispatch finds them without scanning every
   * number (a fetch_or is as async-signal-safe as a store). */
  _Atomic uint64_t tripped[SIGEMU_MAXSIG / 64];
  atomic_int kind[SIGEMU_MAXSIG];
  /* The Python-level handler: written on the main thread, read by
   * getsignal() on any thread, so each field is atomic. */
  _Atomic(sigemu_handler_fn) fn[SIGEMU_MAXSIG];
  _Atomic(void *) arg[SIGEMU_MAXSIG];
  atomic_uint trip_seq; /* trips so far: tells a nested check what is new */
  atomic_intptr_t wakeup_fd;
  atomic_int wakeup_warn;
  /* Failures: a slot is claimed with a ticket and published with `ready`;
   * the main thread takes them in ticket order. */
  atomic_uint failure_ticket;
  unsigned failure_taken; /* main thread only */
  wakeup_failure failure[WAKEUP_FAILURES_KEPT];
  atomic_int failure_ready[WAKEUP_FAILURES_KEPT];
} core = {.wakeup_fd = -1};

static void report(const char *msg) {
  if (core.opt.report)
    core.opt.report(msg, core.opt.report_arg);
  else
    fprintf(stderr, "%s\n", msg);
}

static bool initialized(void) {
  return atomic_load_explicit(&core.initialized, memory_order_acquire) != 0;
}
static bool on_main_thread(void) {
  return sigemu__os_thread_self() == core.main_thread;
}
/* 1 <= sig < NSIG: the range signal()/getsignal() accept. */
static bool sig_in_range(int sig) {
  return sig >= 1 && sig < sigemu__os_nsig() && sig < SIGEMU_MAXSIG;
}

sigemu_kind sigemu__kind(int sig) {
  if (sig < 1 || sig >= SIGEMU_MAXSIG) return SIGEMU_DFL;
  return (sigemu_kind)atomic_load_explicit(&core.kind[sig], memory_order_acquire);
}

/* ---- trip path (async-signal-safe) ------------------------------------- */

/* Keep a failed write for the main thread; then set the global flag again,
 * so that a check that already ran (it saw the flag set by this trip) does
 * not leave the report waiting for an unrelated later signal. */
static void keep_failure(int err, int os_err, intptr_t fd) {
  unsigned t = atomic_fetch_add(&core.failure_ticket, 1);
  unsigned slot = t % WAKEUP_FAILURES_KEPT;
  int free_slot = 0;
  if (atomic_compare_exchange_strong(&core.failure_ready[slot], &free_slot, -1)) {
    core.failure[slot].err = err;
    core.failure[slot].os_err = os_err;
    core.failure[slot].fd = fd;
    atomic_store(&core.failure_ready[slot], 1);
  } /* else: more failures at once than kept; this one only counts */
  sigemu__flag_set();
}

void sigemu__trip(int sig) {
  if (sig < 1 || sig >= SIGEMU_MAXSIG) return;
  int saved_errno = errno;
  /* CPython's order: the signal's flag, then the global flag, then the
   * wakeup byte, so that a reader woken by the byte finds the flags set.
   * Sequentially consistent, as the dispatcher's clear of the global flag
   * is: see run_handlers(). */
  atomic_fetch_or(&core.tripped[sig / 64], (uint64_t)1 << (sig % 64));
  atomic_fetch_add(&core.trip_seq, 1);
  sigemu__flag_set();
  intptr_t fd = atomic_load_explicit(&core.wakeup_fd, memory_order_acquire);
  if (fd != -1) {
    int os_err = 0;
    int r = sigemu__os_wakeup_write(fd, (unsigned char)sig, &os_err);
    if (r < 0 && !(r == SIGEMU_EAGAIN && !atomic_load(&core.wakeup_warn)))
      keep_failure(r, os_err, fd);
  }
  errno = saved_errno;
}

static void forget_failures(void) {
  for (int i = 0; i < WAKEUP_FAILURES_KEPT; i++)
    atomic_store(&core.failure_ready[i], 0);
  core.failure_taken = atomic_load(&core.failure_ticket);
}

void sigemu__after_fork_child(void) {
  for (int w = 0; w < SIGEMU_MAXSIG / 64; w++)
    atomic_store_explicit(&core.tripped[w], 0, memory_order_relaxed);
  forget_failures();
  atomic_store(&sigemu__tripped, 0); /* with any host bits in it */
  if (initialized()) core.main_thread = sigemu__os_thread_self();
}

/* ---- dispatch ----------------------------------------------------------- */

static void report_failure(const wakeup_failure *f) {
  char desc[160], msg[320];
  const char *verb = "write to";
  const char *cls = sigemu__os_wakeup_describe(f->fd, f->err, f->os_err, desc,
                                               sizeof desc, &verb);
  snprintf(msg, sizeof msg,
           "Exception ignored when trying to %s the signal wakeup fd:\n%s: %s",
           verb, cls, desc);
  report(msg);
}

/* Report every failed write since the last check, oldest first. */
static void report_wakeup_failures(void) {
  unsigned end = atomic_load(&core.failure_ticket);
  wakeup_failure last = {SIGEMU_EOS, 0, -1};
  for (; core.failure_taken != end; core.failure_taken++) {
    unsigned slot = core.failure_taken % WAKEUP_FAILURES_KEPT;
    /* A writer that claimed its ticket may still be filling the slot. */
    while (atomic_load(&core.failure_ready[slot]) == -1) {
    }
    if (atomic_load(&core.failure_ready[slot]) == 1) {
      last = core.failure[slot];
      atomic_store(&core.failure_ready[slot], 0);
    }
    report_failure(&last);
  }
}

static int dispatch_one(int i);

/* Whether any signal is still tripped. */
static bool any_tripped(void) {
  for (int w = 0; w < SIGEMU_MAXSIG / 64; w++)
    if (atomic_load(&core.tripped[w])) return true;
  return false;
}

/* Leave the global flag set exactly when something is left for the next
 * check: a tripped signal, a failure to report, or signals the host posted
 * and flagged itself (shared-memory mode: its flag may have come between
 * this check's poll and the clear in run_handlers, and would be lost).
 * Cleared first, then set again if needed: a trip landing in between sets
 * it itself (the same ordering argument as in run_handlers). */
static void settle_flag(void) {
  /* (Read first: a flag already clear needs no write.) */
  if (FLAG_IS_ON()) FLAG_OFF();
  if (any_tripped() || atomic_load(&core.failure_ticket) != core.failure_taken ||
      sigemu__os_host_flagged())
    sigemu__flag_set();
}

/* The dispatch in progress on the main thread: how many handlers are
 * running, where the outermost dispatch's frame is, and the trip count when
 * the global flag was last cleared. */
static struct {
  int depth;
  uintptr_t frame;
  unsigned seq;
  uint64_t nonce;              /* numbers each outermost dispatch */
  volatile uint64_t *canary;   /* in that dispatch's frame: holds nonce */
} disp;

static int run_handlers(void) {
  /* A handler that never returned (it longjmp'd out) left a dispatch
   * behind: a check at or above that dispatch's frame cannot be nested in
   * it. (Stacks grow down on every target.) */
  volatile char here;
  uintptr_t at = (uintptr_t)&here;
  /* Below it, the dispatch is still there only if the canary it keeps in
   * its own frame still holds its number: the calls made after a longjmp
   * out of it write over that memory (x86 pushes return addresses there;
   * on wasm only frames with address-taken locals use the shadow stack,
   * and without such frames the check is not below the dispatch). */
  if (disp.depth > 0 &&
      (at >= disp.frame || *disp.canary != disp.nonce))
    disp.depth = 0;
  if (!atomic_load_explicit(&sigemu__tripped, memory_order_acquire)) return 0;
  bool nested = disp.depth > 0;
  /* Inside a handler, with no trip since the flag was cleared: CPython's
   * flag would read clear here, so a nested check runs nothing (the flag
   * is only set to keep the rest safe from a longjmp, see below). */
  if (nested && atomic_load(&core.trip_seq) == disp.seq) return 0;
  /* Clear the global flag before the scan: a signal that trips during the
   * scan sets it again and is seen by the next check. The clear is
   * sequentially consistent, as the trip path's stores are: with a weaker
   * store the load of the bits below could be ordered before it (x86 does
   * that) and a trip landing in between would leave its bit set and the
   * flag clear, stranded until some other signal came (CPython stores with
   * _Py_atomic_store for the same reason). */
  FLAG_OFF();
  disp.seq = atomic_load(&core.trip_seq);
  volatile uint64_t canary = 0;
  if (!nested) {
    disp.frame = at;
    canary = ++disp.nonce;
    disp.canary = &canary;
  }
  for (int w = 0; w < SIGEMU_MAXSIG / 64; w++) {
    uint64_t done = 0; /* bits at or below the one just run */
    for (;;) {
      /* Ascending, reading the live bits as CPython's scan does: a higher
       * signal tripping meanwhile runs in this pass, a lower one at the
       * next check. */
      uint64_t bits = atomic_load(&core.tripped[w]) & ~done;
      if (!bits) break;
      int b = sigemu__lowest_bit(bits);
      uint64_t m = (uint64_t)1 << b;
      done |= m | (m - 1);
      if (!(atomic_fetch_and(&core.tripped[w], ~m) & m)) continue;
      /* If this handler never returns, the others still tripped must not
       * be stranded behind a clear flag. */
      if (any_tripped()) sigemu__flag_set();
      disp.depth++;
      int r = dispatch_one(w * 64 + b);
      disp.depth--;
      if (r != 0) {
        /* The "exception": stop here; the rest stay tripped, and the flag
         * says so. Only they keep it set: CPython sets its flag again here
         * as a maybe, but a flag set with nothing behind it would end the
         * next pause() at once (python3's pause() blocks after a handler
         * raised). */
        settle_flag();
        return r;
      }
    }
  }
  /* The flag may have been set above for a longjmp that did not happen. */
  settle_flag();
  return 0;
}

static int dispatch_one(int i) {
  sigemu_handler_fn fn = atomic_load(&core.fn[i]);
  if (sigemu__kind(i) != SIGEMU_CALL || !fn) {
    /* Tripped while a handler was installed, replaced by SIG_IGN/SIG_DFL
     * before we got here. CPython reports it and goes on. */
    char msg[64];
    snprintf(msg, sizeof msg, "OSError: Signal %d ignored due to race condition",
             i);
    report(msg);
    return 0;
  }
  return fn(i, atomic_load(&core.arg[i]));
}

/* Where the inline check counts down to a poll (WebAssembly), the count is
 * set so that polls come about every SIGEMU_POLL_INTERVAL_NS of the main
 * thread's time, whatever one check costs: the next count is the last one
 * scaled by how long it took, at most doubled (a pause, such as a time
 * slice lost to another process, makes the count small for a few polls,
 * not the next latency long). One clock read per poll. */
static _Thread_local struct {
  int64_t last; /* when the count last ran out */
  int every;    /* the count then */
} poll_plan = {0, SIGEMU_POLL_EVERY};

static int next_poll_count(void) {
  int64_t now = sigemu__os_monotonic_ns();
  int64_t took = now - poll_plan.last;
  poll_plan.last = now;
  int64_t every = poll_plan.every;
  int64_t next = took > 0 ? every * SIGEMU_POLL_INTERVAL_NS / took : 2 * every;
  if (next > 2 * every) next = 2 * every;
  if (next > POLL_EVERY_MAX) next = POLL_EVERY_MAX;
  if (next < 1) next = 1;
  poll_plan.every = (int)next;
  return (int)next;
}

/* A count that sigemu__flag_set zeroed (it did not run out): take back
 * what was left of it. */
static void take_back_count(void) {
#ifdef ONE_WORD_CHECK
  if (sigemu__poll_countdown <= 0 && count_left > 0) {
    sigemu__poll_countdown = count_left;
    count_left = 0;
  }
#endif
}

/* What a check asks of the backend before it runs the handlers. */
typedef enum {
  ASK_HOST, /* a poll: the host's signals and due timers, then delivery */
  DELIVER,  /* deliver what is already pending for the caller */
  NOTHING   /* the caller's backend call has just delivered */
} check_kind;

static int check_as(check_kind kind) {
  /* Only a count that ran out is planned again: a call for a tripped
   * signal, or from an API function, leaves the plan alone. */
  take_back_count();
  bool due = sigemu__poll_countdown <= 0;
  if (!initialized() || !on_main_thread()) {
    if (due) sigemu__poll_countdown = SIGEMU_POLL_EVERY;
    return 0;
  }
  if (due) sigemu__poll_countdown = next_poll_count();
  if (kind == ASK_HOST)
    sigemu__os_poll();
  else if (kind == DELIVER)
    sigemu__os_deliver();
  if (atomic_load(&core.failure_ticket) != core.failure_taken)
    report_wakeup_failures();
  return run_handlers();
}

static int check(void) { return check_as(ASK_HOST); }

int sigemu__check_slow(void) { return check(); }
int sigemu_check_now(void) { return check(); }
/* The check our calls make where CPython calls PyErr_CheckSignals(). The
 * call was a delivery point itself; on WebAssembly it counts as one inline
 * check, and asks the host (a host call there) only when the count says a
 * poll is due, so that a call in a loop (raise, sigwait) is not a host call
 * each time and still lets timers and the host's signals in. */
static int check_inside_as(check_kind not_due) {
#ifdef __wasm__
  take_back_count();
  if (--sigemu__poll_countdown > 0) return check_as(not_due);
#else
  (void)not_due;
#endif
  return check_as(ASK_HOST);
}
static int check_inside(void) { return check_inside_as(DELIVER); }
/* After a send, whose backend call delivered to the caller on its way out
 * (kill, raise, pthread_kill). */
static int check_after_send(void) { return check_inside_as(NOTHING); }

/* ---- life cycle --------------------------------------------------------- */

int sigemu_default_int_handler(int signum, void *arg) {
  (void)signum;
  (void)arg;
  return SIGEMU_KEYBOARD_INTERRUPT;
}

bool sigemu_initialized(void) { return initialized(); }

static int lookup_num(const char *name) {
  int n = sigemu_signum(name);
  return n > 0 ? n : -1;
}

static void reset_tables(void) {
  for (int w = 0; w < SIGEMU_MAXSIG / 64; w++) atomic_store(&core.tripped[w], 0);
  for (int i = 0; i < SIGEMU_MAXSIG; i++) {
    atomic_store(&core.kind[i], SIGEMU_DFL);
    atomic_store(&core.fn[i], NULL);
    atomic_store(&core.arg[i], NULL);
  }
  atomic_store(&sigemu__tripped, 0); /* with any host bits in it */
  atomic_store(&core.wakeup_fd, -1);
  atomic_store(&core.wakeup_warn, 1);
  forget_failures();
}

int sigemu_init(const sigemu_options *opt) {
  if (initialized()) return SIGEMU_EALREADY;
  sigemu_options o;
  int rc = sigemu__options_copy(opt, &o);
  if (rc < 0) return rc;
  reset_tables();
  core.opt = o;
  core.nsig = sigemu__os_nsig();
  if (core.nsig > SIGEMU_MAXSIG) core.nsig = SIGEMU_MAXSIG;
  core.sig_kill = lookup_num("SIGKILL");
  core.sig_stop = lookup_num("SIGSTOP");
  core.sig_int = lookup_num("SIGINT");
  core.sig_alrm = lookup_num("SIGALRM");
  sigemu_sigemptyset(&core.unmaskable);
  if (core.sig_kill > 0) sigemu_sigaddset(&core.unmaskable, core.sig_kill);
  if (core.sig_stop > 0) sigemu_sigaddset(&core.unmaskable, core.sig_stop);
  for (int i = 1; i < core.nsig; i++)
    if (!sigemu__os_sig_valid(i)) sigemu_sigaddset(&core.unmaskable, i);
  memset(&core.outside, 0, sizeof core.outside);
  core.outside.bits[0] = 1;
  for (int i = sigemu__os_nsig(); i < SIGEMU_MAXSIG; i++)
    if (i > 0) core.outside.bits[i / 64] |= (uint64_t)1 << (i % 64);
  core.main_thread = sigemu__os_thread_self();
  int r = sigemu__os_init();
  if (r < 0) return r;
  for (int i = 1; i < core.nsig; i++)
    atomic_store(&core.kind[i], sigemu__os_initial_disposition(i));
  atomic_store_explicit(&core.initialized, 1, memory_order_release);
  if (core.opt.python_defaults) {
    /* Python's start-up: SIGINT raises KeyboardInterrupt if it was SIG_DFL;
     * SIGPIPE and SIGXFSZ are ignored so that writes fail with an error. */
    if (core.sig_int > 0 && sigemu__kind(core.sig_int) == SIGEMU_DFL) {
      sigemu_action a = {SIGEMU_CALL, sigemu_default_int_handler, NULL};
      sigemu_signal(core.sig_int, &a, NULL);
    }
    const char *ign[] = {"SIGPIPE", "SIGXFSZ"};
    for (int k = 0; k < 2; k++) {
      int s = lookup_num(ign[k]);
      if (s > 0) {
        sigemu_action a = {SIGEMU_IGN, NULL, NULL};
        sigemu_signal(s, &a, NULL);
      }
    }
  }
  return 0;
}

void sigemu_shutdown(void) {
  if (!initialized()) return;
  sigemu__os_shutdown();
  atomic_store_explicit(&core.initialized, 0, memory_order_release);
  reset_tables();
}

/* ---- handler table ------------------------------------------------------ */

int sigemu_signal(int sig, const sigemu_action *act, sigemu_action *old) {
  if (!initialized()) return SIGEMU_ENOINIT;
  /* CPython's order: (Windows whitelist), main thread, range, handler. */
  int r = sigemu__os_signal_precheck(sig);
  if (r < 0) return r;
  if (!on_main_thread()) return SIGEMU_ENOTMAIN;
  if (!sig_in_range(sig)) return SIGEMU_ERANGE_SIG;
  if (!act) return SIGEMU_ENULL;
  if (act->kind != SIGEMU_DFL && act->kind != SIGEMU_IGN &&
      act->kind != SIGEMU_CALL)
    return SIGEMU_ETYPE;
  if (act->kind == SIGEMU_CALL && !act->fn) return SIGEMU_ETYPE;
  /* A full check first (pending handlers, due default actions); if a
   * handler raises, nothing is installed. */
  r = check_inside();
  if (r != 0) return r;

  sigemu_action prev = {sigemu__kind(sig), atomic_load(&core.fn[sig]),
                       atomic_load(&core.arg[sig])};
  if (prev.kind != SIGEMU_CALL) prev.fn = NULL, prev.arg = NULL;
  /* Store the new handler before the OS is told, so a signal arriving at
   * once finds it; undo if the OS refuses. */
  atomic_store(&core.fn[sig], act->kind == SIGEMU_CALL ? act->fn : NULL);
  atomic_store(&core.arg[sig], act->kind == SIGEMU_CALL ? act->arg : NULL);
  atomic_store_explicit(&core.kind[sig], act->kind, memory_order_release);
  r = sigemu__os_set_disposition(sig, act->kind);
  if (r < 0) {
    atomic_store(&core.fn[sig], prev.fn);
    atomic_store(&core.arg[sig], prev.arg);
    atomic_store_explicit(&core.kind[sig], prev.kind, memory_order_release);
    return r;
  }
  if (old) *old = prev;
  return 0;
}

int sigemu_getsignal(int sig, sigemu_action *cur) {
  if (!initialized()) return SIGEMU_ENOINIT;
  if (!sig_in_range(sig)) return SIGEMU_ERANGE_SIG;
  if (!cur) return SIGEMU_ENULL;
  cur->kind = sigemu__kind(sig);
  cur->fn = cur->kind == SIGEMU_CALL ? atomic_load(&core.fn[sig]) : NULL;
  cur->arg = cur->kind == SIGEMU_CALL ? atomic_load(&core.arg[sig]) : NULL;
  return 0;
}

/* ---- sending ------------------------------------------------------------ */

sigemu_thread sigemu_thread_self(void) { return sigemu__os_thread_self(); }
sigemu_thread sigemu_main_thread(void) { return core.main_thread; }

void sigemu_thread_spawn(sigemu_spawn *token) {
  if (!token) return;
  memset(token, 0, sizeof *token);
  if (initialized()) sigemu__os_thread_spawn(token->opaque);
}

void sigemu_thread_begin(const sigemu_spawn *token) {
  if (token && initialized()) sigemu__os_thread_begin(token->opaque);
}

int sigemu_raise_signal(int sig) {
  if (!initialized()) return SIGEMU_ENOINIT;
  int r = sigemu__os_signal_precheck(sig);
  if (r < 0) return r;
  if (sig < 0 || sig >= sigemu__os_nsig()) return SIGEMU_EINVAL;
  r = sigemu__os_raise(sig);
  if (r < 0) return r;
  return check_after_send(); /* 0 off the main thread */
}

int sigemu_pthread_kill(sigemu_thread t, int sig) {
  if (!initialized()) return SIGEMU_ENOINIT;
  if (sig < 0 || sig >= sigemu__os_nsig()) return SIGEMU_EINVAL;
  int r = sigemu__os_pthread_kill(t, sig);
  if (r < 0) return r;
  /* The signal may have been sent to this very thread. */
  return check_after_send();
}

int sigemu_pidfd_send_signal(int pidfd, int sig, unsigned flags) {
  if (!initialized()) return SIGEMU_ENOINIT;
  if (!sigemu__os_available(SIGEMU_FEATURE_PIDFD_SEND_SIGNAL, NULL))
    return SIGEMU_ENOSYS;
  if (pidfd < 0) return SIGEMU_EBADF;
  if (sig < 0 || sig >= sigemu__os_nsig()) return SIGEMU_EINVAL;
  if (flags != 0) return SIGEMU_EINVAL;
  return sigemu__os_pidfd_send_signal(pidfd, sig, flags);
}

/* ---- masks and waits ---------------------------------------------------- */

/* A Python-side sigset: every member must be 1..NSIG-1. Only called once
 * sigemu is initialised (core.outside is set then). */
static int check_set(const sigemu_sigset *set) {
  if (!set) return SIGEMU_ENULL;
  if ((set->bits[0] & core.outside.bits[0]) | (set->bits[1] & core.outside.bits[1]))
    return SIGEMU_EMASKRANGE;
  return 0;
}

/* What the OS would do with a mask or a wait set: SIGKILL, SIGSTOP and the
 * numbers the platform reserves (glibc's 32, 33) are silently left out. */
static sigemu_sigset maskable(const sigemu_sigset *set) {
  sigemu_sigset m;
  for (int k = 0; k < 2; k++) m.bits[k] = set->bits[k] & ~core.unmaskable.bits[k];
  return m;
}

/* After a mask change: unblocking may have delivered pending signals (the
 * backend's mask call is a delivery point, as the kernel's is): run their
 * handlers now, as CPython's PyErr_CheckSignals() does, for which a clear
 * flag is enough. */
static inline int mask_changed_check(void) {
  if (!atomic_load_explicit(&sigemu__tripped, memory_order_acquire)) return 0;
  return check_inside();
}

/* pthread_sigmask with every check: the calls the backend's short way
 * leaves to it (backend.h). */
int sigemu__sigmask_checked(int how, const sigemu_sigset *set,
                            sigemu_sigset *old) {
  if (!initialized()) return SIGEMU_ENOINIT;
  if (!set) {
    /* Only a read: nothing changes, and nothing is marked changed. */
    if (!old) return SIGEMU_ENULL;
    return sigemu__os_sigmask(SIGEMU_SIG_BLOCK, NULL, old);
  }
  int r = check_set(set);
  if (r < 0) return r;
  if (how != SIGEMU_SIG_BLOCK && how != SIGEMU_SIG_UNBLOCK &&
      how != SIGEMU_SIG_SETMASK)
    return SIGEMU_EINVAL;
  sigemu_sigset m = maskable(set);
  /* A backend writes *old only when it succeeds. */
  r = sigemu__os_sigmask(how, &m, old);
  if (r < 0) return r;
  return mask_changed_check();
}

int sigemu_pthread_sigmask(int how, const sigemu_sigset *set,
                           sigemu_sigset *old) {
  if (!set) return old ? sigemu__os_sigmask_read(how, old)
                       : sigemu__sigmask_checked(how, NULL, NULL);
  if (old) return sigemu__sigmask_checked(how, set, old);
  /* The common change: the backend's short way, or the checked call (which
   * has run the handlers already; running them again finds none, or ones
   * that came since, as any check may). A handler's code is returned. */
  int r = sigemu__os_sigmask_set(how, set);
  if (r != 0) return r;
  return mask_changed_check();
}

int sigemu_sigpending(sigemu_sigset *out) {
  if (!initialized()) return SIGEMU_ENOINIT;
  if (!out) return SIGEMU_ENULL;
  return sigemu__os_sigpending(out);
}

/* The wait loop behind sigwaitinfo and sigtimedwait: 0 with *out filled,
 * a negative error (SIGEMU_EAGAIN: deadline passed), or the nonzero code of
 * a handler. The handlers of a signal outside the set run between rounds
 * (PEP 475; sigwait, below, just goes on, as glibc's does). Each round
 * waits for what is left of the fixed deadline. */
static int wait_for(const sigemu_sigset *set, int64_t deadline,
                    sigemu_siginfo *out) {
  sigemu_sigset w = maskable(set); /* a wait never takes SIGKILL, SIGSTOP */
  sigemu_siginfo tmp;
  int r;
  for (;;) {
    memset(&tmp, 0, sizeof tmp);
    r = sigemu__os_sigwait(&w, deadline, &tmp);
    if (r != SIGEMU_EINTR) break;
    int c = check_inside();
    if (c != 0) return c;
  }
  if (r < 0) return r;
  *out = tmp;
  return 0;
}

int sigemu_sigwait(const sigemu_sigset *set, int *sig) {
  if (!initialized()) return SIGEMU_ENOINIT;
  int r = check_set(set);
  if (r < 0) return r;
  if (!sig) return SIGEMU_ENULL;
  /* glibc's sigwait: the number only (no siginfo is asked of the OS), and
   * EINTR retried without running handlers (they run at the next check). */
  sigemu_sigset w = maskable(set); /* a wait never takes SIGKILL, SIGSTOP */
  do
    r = sigemu__os_sigwait(&w, INT64_MAX, NULL);
  while (r == SIGEMU_EINTR);
  if (r < 0) return r;
  *sig = r;
  return 0;
}

int sigemu_sigwaitinfo(const sigemu_sigset *set, sigemu_siginfo *info) {
  if (!initialized()) return SIGEMU_ENOINIT;
  int r = check_set(set);
  if (r < 0) return r;
  if (!info) return SIGEMU_ENULL;
  return wait_for(set, INT64_MAX, info);
}

/* Seconds (double) to nanoseconds, rounding toward +inf as CPython's
 * _PyTime_ROUND_CEILING does. SIGEMU_ENAN / SIGEMU_EOVERFLOW. */
static int seconds_to_ns(double s, int64_t *ns) {
  if (isnan(s)) return SIGEMU_ENAN;
  double v = ceil(s * 1e9);
  if (!(v < 9223372036854775807.0 && v >= -9223372036854775807.0))
    return SIGEMU_EOVERFLOW;
  *ns = (int64_t)v;
  return 0;
}

int sigemu_sigtimedwait(const sigemu_sigset *set, double timeout,
                        sigemu_siginfo *info) {
  if (!initialized()) return SIGEMU_ENOINIT;
  int r = check_set(set);
  if (r < 0) return r;
  int64_t ns;
  r = seconds_to_ns(timeout, &ns);
  if (r < 0) return r;
  if (ns < 0) return SIGEMU_ENEGTIMEOUT;
  if (!info) return SIGEMU_ENULL;
  int64_t now = sigemu__os_monotonic_ns();
  int64_t deadline = now > INT64_MAX - ns ? INT64_MAX - 1 : now + ns;
  /* SIGEMU_EAGAIN when it times out: Python's None. */
  return wait_for(set, deadline, info);
}

int sigemu_pause(void) {
  if (!initialized()) return SIGEMU_ENOINIT;
  int r = sigemu__os_sleep_until(INT64_MAX);
  if (r < 0 && r != SIGEMU_EINTR) return r;
  return check_inside();
}

int sigemu_sleep(double seconds) {
  if (!initialized()) return SIGEMU_ENOINIT;
  int64_t ns;
  /* time.sleep rounds away from zero (_PyTime_ROUND_TIMEOUT), so a tiny
   * negative length is still negative: ValueError, as in Python. */
  int r = seconds_to_ns(seconds < 0 ? -seconds : seconds, &ns);
  if (r < 0) return r;
  if (seconds < 0) return SIGEMU_ENEGTIMEOUT;
  int64_t now = sigemu__os_monotonic_ns();
  int64_t deadline = now > INT64_MAX - ns ? INT64_MAX - 1 : now + ns;
  for (;;) {
    r = sigemu__os_sleep_until(deadline);
    if (r == SIGEMU_EINTR) {
      /* A handler that returns normally does not shorten the sleep. */
      int c = check_inside();
      if (c != 0) return c;
      continue;
    }
    if (r < 0) return r;
    if (sigemu__os_monotonic_ns() >= deadline) return 0;
  }
}

/* ---- timers ------------------------------------------------------------- */

static int to_timer_ns(double s, int64_t *ns) {
  int r = seconds_to_ns(s, ns);
  if (r < 0) return r;
  /* Round up to whole microseconds (CPython's timeval, ROUND_CEILING):
   * 1e-7 s becomes 1 µs, -1e-7 s becomes 0. */
  int64_t us = *ns / 1000;
  if (*ns % 1000 > 0) us++;
  *ns = us * 1000;
  return 0;
}

int sigemu_setitimer(int which, double seconds, double interval,
                     double *old_value, double *old_interval) {
  if (!initialized()) return SIGEMU_ENOINIT;
  int64_t v, iv, ov = 0, oi = 0;
  int r = to_timer_ns(seconds, &v);
  if (r < 0) return r;
  r = to_timer_ns(interval, &iv);
  if (r < 0) return r;
  if (which < SIGEMU_ITIMER_REAL || which > SIGEMU_ITIMER_PROF)
    return SIGEMU_EITIMER;
  if (v < 0 || iv < 0) return SIGEMU_EITIMER;
  r = sigemu__os_setitimer(which, v, iv, &ov, &oi);
  if (r < 0) return r;
  if (old_value) *old_value = (double)ov / 1e9;
  if (old_interval) *old_interval = (double)oi / 1e9;
  return 0;
}

int sigemu_getitimer(int which, double *value, double *interval) {
  if (!initialized()) return SIGEMU_ENOINIT;
  if (which < SIGEMU_ITIMER_REAL || which > SIGEMU_ITIMER_PROF)
    return SIGEMU_EITIMER;
  if (!value || !interval) return SIGEMU_ENULL;
  int64_t v = 0, iv = 0;
  int r = sigemu__os_getitimer(which, &v, &iv);
  if (r < 0) return r;
  *value = (double)v / 1e9;
  *interval = (double)iv / 1e9;
  return 0;
}

int sigemu_alarm(unsigned seconds, unsigned *previous) {
  if (!initialized()) return SIGEMU_ENOINIT;
  int64_t ov = 0, oi = 0;
  int r = sigemu__os_setitimer(SIGEMU_ITIMER_REAL,
                               (int64_t)seconds * 1000000000, 0, &ov, &oi);
  if (r < 0) return r;
  if (previous) {
    /* glibc's alarm(): whole seconds, rounded to nearest, and at least 1
     * while any time was left. */
    int64_t sec = ov / 1000000000, usec = (ov % 1000000000) / 1000;
    if ((sec == 0 && usec != 0) || usec >= 500000) sec++;
    *previous = (unsigned)sec;
  }
  return 0;
}

/* ---- wakeup fd, siginterrupt ------------------------------------------- */

int sigemu_set_wakeup_fd(intptr_t fd, bool warn_on_full_buffer,
                         intptr_t *old_fd) {
  if (!initialized()) return SIGEMU_ENOINIT;
  if (!on_main_thread()) return SIGEMU_EWAKEUPMAIN;
  if (fd != -1) {
    int r = sigemu__os_wakeup_validate(fd);
    if (r < 0) return r;
  }
  intptr_t prev = atomic_exchange(&core.wakeup_fd, fd);
  atomic_store(&core.wakeup_warn, warn_on_full_buffer ? 1 : 0);
  if (old_fd) *old_fd = prev;
  return 0;
}

int sigemu_siginterrupt(int sig, bool flag) {
  if (!initialized()) return SIGEMU_ENOINIT;
  if (!sig_in_range(sig)) return SIGEMU_ERANGE_SIG;
  if (!sigemu__os_available(SIGEMU_FEATURE_SIGINTERRUPT, NULL))
    return SIGEMU_ENOSYS;
  return sigemu__os_siginterrupt(sig, flag);
}

/* ---- names and tables --------------------------------------------------- */

int sigemu_nsig(void) { return sigemu__os_nsig(); }

int sigemu_valid_signals(sigemu_sigset *out) {
  if (!out) return SIGEMU_ENULL;
  sigemu_sigemptyset(out);
  int nsig = sigemu__os_nsig();
  for (int i = 1; i < nsig && i < SIGEMU_MAXSIG; i++)
    if (sigemu__os_sig_valid(i)) sigemu_sigaddset(out, i);
  return 0;
}

static const sigemu__sigdesc *find_desc(int sig) {
  int n = 0;
  const sigemu__sigdesc *t = sigemu__os_sigtable(&n);
  for (int i = 0; i < n; i++)
    if (t[i].num == sig) return &t[i];
  return NULL;
}

const char *sigemu_strsignal(int sig, int *err) {
  if (err) *err = 0;
  if (!sig_in_range(sig)) {
    if (err) *err = SIGEMU_ERANGE_SIG;
    return NULL;
  }
  const sigemu__sigdesc *d = find_desc(sig);
  return d ? d->desc : NULL;
}

const char *sigemu_signame(int sig) {
  const sigemu__sigdesc *d = find_desc(sig);
  if (d) return d->name;
  /* A number with no signal row may still have a name: Windows'
   * CTRL_C_EVENT (0) and CTRL_BREAK_EVENT (1), as Python's Signals shows. */
  int na = 0;
  const sigemu__sigalias *a = sigemu__os_sigaliases(&na);
  for (int i = 0; i < na; i++)
    if (a[i].num == sig) return a[i].name;
  return NULL;
}

int sigemu_signum(const char *name) {
  if (!name) return SIGEMU_ENULL;
  int n = 0, na = 0;
  const sigemu__sigdesc *t = sigemu__os_sigtable(&n);
  const sigemu__sigalias *a = sigemu__os_sigaliases(&na);
  /* "SIGINT" or "INT". */
  for (int pass = 0; pass < 2; pass++) {
    for (int i = 0; i < n; i++) {
      const char *nm = t[i].name;
      if (pass == 1 && strncmp(nm, "SIG", 3) == 0) nm += 3;
      if (strcmp(nm, name) == 0) return t[i].num;
    }
    for (int i = 0; i < na; i++) {
      const char *nm = a[i].name;
      if (pass == 1 && strncmp(nm, "SIG", 3) == 0) nm += 3;
      if (strcmp(nm, name) == 0) return a[i].num;
    }
  }
  return SIGEMU_EINVAL;
}

int sigemu_default_action(int sig) {
  if (!sig_in_range(sig)) return SIGEMU_ERANGE_SIG;
  const sigemu__sigdesc *d = find_desc(sig);
  return d ? d->action : SIGEMU_EINVAL;
}

/* ---- availability ------------------------------------------------------- */

static const char *const feature_names[] = {
#define SIGEMU__FEAT_NAME(name, what) #name,
    SIGEMU_FEATURE_MAP(SIGEMU__FEAT_NAME)
#undef SIGEMU__FEAT_NAME
};
static const char *const feature_whats[] = {
#define SIGEMU__FEAT_WHAT(name, what) what,
    SIGEMU_FEATURE_MAP(SIGEMU__FEAT_WHAT)
#undef SIGEMU__FEAT_WHAT
};

static bool feature_ok(sigemu_feature f) {
  return (int)f >= 0 && f < SIGEMU_FEATURE_COUNT;
}

bool sigemu_available(sigemu_feature f) {
  return feature_ok(f) && sigemu__os_available(f, NULL);
}

const char *sigemu_feature_note(sigemu_feature f) {
  const char *note = "";
  if (!feature_ok(f)) return NULL;
  sigemu__os_available(f, &note);
  return note ? note : "";
}

const char *sigemu_feature_name(sigemu_feature f) {
  return feature_ok(f) ? feature_names[f] : NULL;
}

const char *sigemu_feature_what(sigemu_feature f) {
  return feature_ok(f) ? feature_whats[f] : NULL;
}

const char *sigemu_backend(void) { return sigemu__os_name(); }
