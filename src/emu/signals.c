/* signals.c — generation and delivery: what happens to a signal from the
 * moment it is sent until its handler has run.
 *
 * Generation (Linux send_signal / prepare_signal / complete_signal):
 *   1. SIGCONT discards pending stop signals and a stop signal discards a
 *      pending SIGCONT, in every pending set;
 *   2. an ignored signal (SIG_IGN, or SIG_DFL of an ignore-by-default one)
 *      is discarded unless the receiving thread blocks it — for a process-
 *      directed signal the main thread is asked, and a waiter's mask from
 *      before its wait counts;
 *   3. it is queued in the thread's or the process's pending set;
 *   4. a thread that does not block it is chosen: the addressed thread, or
 *      for the process the main thread, else the others in turn. Nobody:
 *      it stays pending. A fatal default action ends the process here, a
 *      default action that does nothing here (stop, ignore) uses it up. A
 *      core (KIT_TRIP) handler runs at once for the chosen thread, unless
 *      that thread is waiting for this very signal; a libc (KIT_USER)
 *      handler waits for the thread's next delivery point.
 *
 * Delivery (Linux get_signal + the signal frames): at a delivery point the
 * thread dequeues every signal its mask lets through, sets up a frame for
 * each (the handler's sa_mask and the signal itself are blocked from then
 * on; SA_RESETHAND resets the disposition), then runs the frames last one
 * first; when a handler returns its frame's mask comes back and whatever
 * that unblocks is delivered before the next older frame runs.
 *
 * SIGKILL and SIGSTOP cannot be caught, blocked or ignored. A process
 * cannot be stopped here: stop signals only do their cancelling, and when a
 * default "stop" action is due the signal is discarded.
 */
#include <stdlib.h>
#include <string.h>

#include "kit.h"

kit_process sigemu__kit = {.lock = ATOMIC_FLAG_INIT};
atomic_int sigemu__kit_user_pending;

bool sigemu__kit_default_is_fatal(int sig) {
  int a = sigemu_default_action(sig);
  return a == SIGEMU_DEFAULT_TERMINATE || a == SIGEMU_DEFAULT_CORE;
}

/* Ignored at generation (Linux sig_handler_ignored): SIG_IGN, or SIG_DFL of a
 * signal whose default is to be ignored (SIGCHLD, SIGURG, SIGWINCH,
 * SIGCONT). */
static bool handler_ignores(int sig) {
  const kit_action *a = &sigemu__kit.action[sig];
  if (a->kind == KIT_IGN) return true;
  if (a->kind != KIT_DFL) return false;
  int d = sigemu_default_action(sig);
  return d == SIGEMU_DEFAULT_IGNORE || d == SIGEMU_DEFAULT_CONTINUE;
}

void sigemu__kit_wake_waiters(void) {
  if (atomic_load(&sigemu__kit.waiters) > 0) sigemu__plat_wake();
}

void sigemu__kit_wake_others(void) {
  int w = atomic_load(&sigemu__kit.waiters);
  if (w == 0) return;
  if (w == 1) {
    const kit_thread *self = sigemu__kit_self_known();
    if (self && self->counted) return;
  }
  sigemu__plat_wake();
}

/* A fatal default action is due: the process ends at the next delivery
 * point of any thread (the sender's own call is one). The core's fast check
 * goes slow so that a busy main thread finds it too. */
static void doom_locked(int sig) {
  kit_process *k = &sigemu__kit;
  bool due = false;
  for (int i = 0; i < k->nfatal; i++) due |= k->fatal[i] == sig;
  if (!due && k->nfatal < SIGEMU_MAXSIG) k->fatal[k->nfatal++] = sig;
  atomic_store(&k->fatal_any, 1);
  sigemu__flag_set();
  sigemu__kit_wake_others();
}

static bool wants(const kit_thread *t, int sig) {
  if (t->state != KIT_T_LIVE) return false;
  sigemu_sigset m = sigemu__kit_effective_mask(t);
  return !kit_has(&m, sig);
}

/* The thread that receives sig (Linux complete_signal); NULL: nobody. */
static kit_thread *choose_locked(kit_thread *to, int sig) {
  kit_process *k = &sigemu__kit;
  if (to) return wants(to, sig) ? to : NULL;
  if (k->main && wants(k->main, sig)) return k->main;
  for (int n = 0; n < k->nthreads; n++) {
    int i = (k->next_target + n) % k->nthreads;
    if (wants(k->threads[i], sig)) {
      k->next_target = i;
      return k->threads[i];
    }
  }
  return NULL;
}

/* Run the core's handler (the trip path) as thread t. Lock held: the trip
 * path touches atomics and the wakeup fd only. */
static void run_trip_locked(kit_thread *t, int sig) {
  sigemu__trip(sig);
  atomic_fetch_add(&t->handled, 1);
}

int sigemu__kit_generate_locked(kit_thread *to, const kit_siginfo *info) {
  kit_process *k = &sigemu__kit;
  int sig = info->signo;
  if (sig == 0) return 0;

  /* 1. Stop and continue cancel each other. */
  if (sig == k->sig_cont) {
    sigemu__kit_flush_all_locked(&k->stop_sigs);
  } else if (kit_has(&k->stop_sigs, sig)) {
    sigemu_sigset cont;
    sigemu_sigemptyset(&cont);
    kit_add(&cont, k->sig_cont);
    sigemu__kit_flush_all_locked(&cont);
  }
  if (sig == k->sig_kill) {
    doom_locked(sig);
    return 0;
  }
  if (sig == k->sig_stop) return 0; /* cannot stop an emulated process */

  /* 2. Ignored, unless blocked by the receiver (before its wait, too). */
  kit_thread *asked = to ? to : k->main;
  bool blocked = asked && asked->state == KIT_T_LIVE &&
                 kit_has(&asked->blocked, sig);
  if (handler_ignores(sig) && !blocked) return 0;

  /* 3. Who takes it (chosen before it is queued: the choice reads masks
   * only). The common case: the core's handler runs at once and no
   * instance is pending there yet, so it would be queued and taken at
   * once: it runs without the queue. */
  kit_pending *p = to ? &to->pending : &k->shared;
  kit_thread *t = choose_locked(to, sig);
  const kit_action *a = &k->action[sig];
  bool waited_for = t && t->waiting && kit_has(&t->waitset, sig);
  bool trip_now = t && a->kind == KIT_TRIP && !waited_for;
  if (trip_now && !kit_has(&p->set, sig) && sigemu__kit_would_queue_locked(info)) {
    if (!to && sig == k->sig_alrm) sigemu__kit_real_taken_locked();
    run_trip_locked(t, sig);
    sigemu__kit_wake_others();
    return 0;
  }

  /* 4. Queue. */
  int r = sigemu__kit_enqueue_locked(p, info);
  if (r < 0) return r;
  if (!t) return 0;
  if (a->kind == KIT_DFL && sigemu__kit_default_is_fatal(sig) &&
      !(waited_for && kit_has(&t->blocked, sig))) {
    kit_siginfo gone; /* the process ends with it: it is not also pending */
    sigemu__kit_collect_locked(p, sig, &gone);
    doom_locked(sig);
    return 0;
  }
  if ((a->kind == KIT_DFL || a->kind == KIT_IGN) && !waited_for) {
    /* Nothing to run (stop, ignore): the thread uses it up before it runs
     * on, as a Linux thread does on its way back to user space; left
     * pending, a mask change before the next delivery point would make it
     * visible in sigpending. */
    kit_siginfo gone;
    sigemu__kit_collect_locked(p, sig, &gone);
    if (!to && sig == k->sig_alrm) sigemu__kit_real_taken_locked();
    return 0;
  }
  if (trip_now) {
    kit_siginfo got;
    if (sigemu__kit_collect_locked(p, sig, &got)) {
      if (!to && sig == k->sig_alrm) sigemu__kit_real_taken_locked();
      run_trip_locked(t, sig);
    }
  } else if (a->kind == KIT_USER && !waited_for) {
    atomic_store(&sigemu__kit_user_pending, 1);
  }
  sigemu__kit_wake_others();
  return 0;
}

bool sigemu__kit_would_take(int sig) {
  kit_process *k = &sigemu__kit;
  if (sig < 1 || sig >= k->nsig) return false;
  sigemu__kit_lock();
  bool take = k->action[sig].kind != KIT_DFL || !choose_locked(NULL, sig);
  sigemu__kit_unlock();
  return take;
}

/* ---- delivery ------------------------------------------------------------ */

/* Frames alive at once in one delivery (the "user stack" of Linux's signal
 * frames). One per signal number is enough for handlers that block their
 * own signal while they run, which keeps Linux's order whatever the number
 * of signals; with SA_NODEFER, further instances wait until a frame has
 * returned. */
#define MAX_FRAMES 64

typedef struct {
  int sig;
  kit_siginfo info;
  kit_action act;
  sigemu_sigset saved; /* the mask to restore when the handler returns */
} frame;

/* Whether t's mask lets through something pending for it. */
static bool deliverable_locked(const kit_thread *t) {
  const kit_process *k = &sigemu__kit;
  for (int w = 0; w < 2; w++)
    if ((t->pending.set.bits[w] | k->shared.set.bits[w]) & ~t->blocked.bits[w])
      return true;
  return false;
}

/* Whether some live thread could take a pending libc-layer signal now. */
static bool user_work_left_locked(void) {
  kit_process *k = &sigemu__kit;
  for (int i = 0; i < k->nthreads; i++) {
    const kit_thread *t = k->threads[i];
    if (t->state != KIT_T_LIVE) continue;
    sigemu_sigset m = sigemu__kit_effective_mask(t);
    for (int w = 0; w < 2; w++) {
      uint64_t x = (t->pending.set.bits[w] | k->shared.set.bits[w]) &
                   ~m.bits[w];
      while (x) {
        int sig = w * 64 + sigemu__lowest_bit(x);
        x &= x - 1;
        if (k->action[sig].kind == KIT_USER) return true;
      }
    }
  }
  return false;
}

/* Dequeue and set up frames, on top of the n already there, for every
 * signal t's mask lets through; returns the new number of frames. */
static int setup_frames_locked(kit_thread *t, frame *f, int n) {
  kit_process *k = &sigemu__kit;
  while (n < MAX_FRAMES) {
    kit_siginfo info;
    int sig = sigemu__kit_dequeue_locked(t, &t->blocked, &info);
    if (!sig) break;
    const kit_action *a = &k->action[sig];
    if (a->kind == KIT_IGN) continue;
    if (a->kind == KIT_DFL) {
      if (sigemu__kit_default_is_fatal(sig)) doom_locked(sig);
      continue; /* ignore, continue, stop: nothing to run */
    }
    f[n].sig = sig;
    f[n].info = info;
    f[n].act = *a;
    f[n].saved = t->blocked;
    for (int w = 0; w < 2; w++) t->blocked.bits[w] |= a->mask.bits[w];
    if (!(a->flags & KIT_SA_NODEFER)) kit_add(&t->blocked, sig);
    if (a->flags & KIT_SA_RESETHAND) {
      /* Linux resets the handler only: sa_flags and sa_mask read back
       * unchanged. */
      k->action[sig].kind = KIT_DFL;
      k->action[sig].invoke = NULL;
      k->action[sig].handler = NULL;
    }
    /* SIGKILL/SIGSTOP never get here: they cannot have a handler. */
    n++;
  }
  return n;
}

/* Whether every pending set is empty. */
static bool none_pending_locked(void) {
  const kit_process *k = &sigemu__kit;
  if (!sigemu_sigisempty(&k->shared.set)) return false;
  for (int i = 0; i < k->nthreads; i++)
    if (k->threads[i]->state == KIT_T_LIVE &&
        !sigemu_sigisempty(&k->threads[i]->pending.set))
      return false;
  return true;
}

/* Run the frames, the last one set up first. When a handler returns, its
 * frame's mask comes back (sigreturn) and whatever that lets through gets
 * frames on top before the next older frame runs. A loop over an explicit
 * stack, not a recursion: 1000 queued instances of a real-time signal are
 * 1000 frames one after the other, never 1000 deep. */
static int deliver(kit_thread *t) {
  kit_process *k = &sigemu__kit;
  frame f[MAX_FRAMES];
  int n = 0, ran = 0;
  /* Nothing queued anywhere (the common case: a host signal whose core
   * handler ran as it was generated): no lock. A signal queued for this
   * thread by another one meanwhile is seen at its next delivery point,
   * as if it had come just after this one; one queued before this thread's
   * last lock, or before a wake it saw, is seen here (the lock and the
   * wake word order it before this load). */
  if (!atomic_load(&k->queued) &&
      !atomic_load_explicit(&sigemu__kit_user_pending, memory_order_relaxed))
    return 0;
  for (;;) {
    sigemu__kit_lock();
    n = setup_frames_locked(t, f, n);
    if (atomic_load_explicit(&sigemu__kit_user_pending, memory_order_relaxed) &&
        !user_work_left_locked())
      atomic_store(&sigemu__kit_user_pending, 0);
    if (n == 0 && none_pending_locked()) atomic_store(&k->queued, 0);
    sigemu__kit_unlock();
    if (n == 0) return ran;
    const frame *top = &f[--n];
    if (top->act.kind == KIT_TRIP)
      sigemu__trip(top->sig);
    else if (top->act.invoke)
      top->act.invoke(top->sig, &top->info, &top->act);
    atomic_fetch_add(&t->handled, 1);
    ran++;
    sigemu__kit_lock();
    t->blocked = top->saved; /* sigreturn */
    sigemu__kit_unlock();
  }
}

/* Carry out every fatal default action due, the first due first: on Linux
 * the first fatal signal taken ends the process (its number is the exit
 * status), whatever its number. */
void sigemu__kit_die_if_fatal(void) {
  kit_process *k = &sigemu__kit;
  if (!atomic_load(&k->fatal_any)) return;
  int due[SIGEMU_MAXSIG];
  sigemu__kit_lock();
  int n = k->nfatal;
  memcpy(due, k->fatal, (size_t)n * sizeof due[0]);
  k->nfatal = 0;
  atomic_store(&k->fatal_any, 0);
  sigemu__kit_unlock();
  for (int i = 0; i < n; i++) {
    int sig = due[i];
    int action = sig == k->sig_kill ? SIGEMU_DEFAULT_TERMINATE
                                    : sigemu_default_action(sig);
    /* Returns only where a test hook recorded it (sim): then the signal
     * counts as discarded, and the next one due is carried out. */
    sigemu__plat_die(sig, action);
  }
}

int sigemu__kit_deliver_self(kit_thread *self) {
  int ran = self ? deliver(self) : 0;
  sigemu__kit_die_if_fatal();
  return ran;
}

int sigemu__kit_deliver(void) {
  sigemu__kit_service();
  return sigemu__kit_deliver_self(sigemu__kit_self());
}

/* ---- the calls ------------------------------------------------------------ */

static bool valid(int sig) {
  return sig >= 1 && sig < sigemu__kit.nsig && sig < SIGEMU_MAXSIG &&
         sigemu__os_sig_valid(sig);
}

kit_siginfo sigemu__kit_info_from(int sig, int code, int pid, int uid) {
  kit_siginfo i;
  memset(&i, 0, sizeof i);
  i.signo = sig;
  i.code = code;
  i.pid = pid;
  i.uid = uid;
  return i;
}

kit_siginfo sigemu__kit_info(int sig, int code) {
  if (code == KIT_SI_USER || code == KIT_SI_QUEUE || code == KIT_SI_TKILL)
    return sigemu__kit_info_from(sig, code, sigemu__plat_pid(),
                                 sigemu__plat_uid());
  return sigemu__kit_info_from(sig, code, 0, 0);
}

int sigemu__kit_sigaction(int sig, const kit_action *act, kit_action *old) {
  kit_process *k = &sigemu__kit;
  if (!valid(sig)) return SIGEMU_EINVAL;
  if (act && sigemu__plat_catchable(sig) < 0) return SIGEMU_EINVAL;
  kit_thread *self = sigemu__kit_self();
  sigemu__kit_lock();
  if (old) *old = k->action[sig];
  if (act) {
    k->action[sig] = *act;
    /* sa_mask never holds what cannot be blocked. */
    kit_del(&k->action[sig].mask, k->sig_kill);
    kit_del(&k->action[sig].mask, k->sig_stop);
    k->restart[sig] = (act->flags & KIT_SA_RESTART) != 0;
    if (handler_ignores(sig)) {
      /* POSIX: setting an ignoring disposition discards it where pending. */
      sigemu_sigset one;
      sigemu_sigemptyset(&one);
      kit_add(&one, sig);
      sigemu__kit_flush_all_locked(&one);
    }
  }
  sigemu__kit_unlock();
  if (act) sigemu__kit_deliver_self(self);
  return 0;
}

/* The record of thread id for a thread-directed send; NULL when there is no
 * such thread (or it has ended). A thread the platform says is alive but that
 * never called the kit gets a record now, with the mask it was created with
 * as far as we know (empty): it adopts it at its first kit call. */
static kit_thread *lookup_thread(uintptr_t id) {
  int alive = sigemu__plat_thread_alive(id);
  sigemu__kit_lock();
  kit_thread *t = sigemu__kit_find_locked(id);
  if (t && t->state == KIT_T_LIVE && alive == 0) {
    sigemu_sigset all;
    sigemu_sigfillset(&all);
    sigemu__kit_flush_locked(&t->pending, &all);
    t->state = KIT_T_DEAD; /* ended without telling us */
  }
  bool known = t && t->state == KIT_T_LIVE;
  sigemu__kit_unlock();
  if (known) return t;
  if (alive != 1) return NULL;
  kit_thread *spare = calloc(1, sizeof *spare);
  sigemu__kit_lock();
  t = sigemu__kit_find_locked(id);
  if (!t || t->state != KIT_T_LIVE) t = sigemu__kit_claim_foreign_locked(id, &spare);
  sigemu__kit_unlock();
  free(spare);
  return t;
}

int sigemu__kit_send(int to, uintptr_t thread, const kit_siginfo *info) {
  int sig = info->signo;
  if (sig != 0 && !valid(sig)) return SIGEMU_EINVAL;
  kit_thread *self = sigemu__kit_self();
  kit_thread *t = NULL;
  int r = 0;
  if (to == KIT_TO_THREAD) {
    t = thread == 0 || (self && thread == self->id) ? self : lookup_thread(thread);
    if (!t) r = SIGEMU_ESRCH;
  }
  bool look = true;
  if (r == 0 && sig != 0) {
    sigemu__kit_lock();
    r = t && t->state != KIT_T_LIVE ? SIGEMU_ESRCH
                                    : sigemu__kit_generate_locked(t, info);
    /* The usual raise: its core handler ran at generation and nothing is
     * left that the caller's mask lets through, so delivery would find
     * nothing (what arrives from an OS handler meanwhile waits for the
     * next delivery point, as if it had come a moment later). */
    look = self && deliverable_locked(self);
    sigemu__kit_unlock();
  }
  if (look)
    sigemu__kit_deliver_self(self);
  else
    sigemu__kit_die_if_fatal();
  return r;
}

int sigemu__kit_sigmask(int how, const sigemu_sigset *set, sigemu_sigset *old) {
  kit_process *k = &sigemu__kit;
  kit_thread *t = sigemu__kit_self();
  if (!t) return SIGEMU_EAGAIN;
  if (set && how != SIGEMU_SIG_BLOCK && how != SIGEMU_SIG_UNBLOCK &&
      how != SIGEMU_SIG_SETMASK)
    return SIGEMU_EINVAL;
  sigemu__kit_lock();
  if (old) *old = t->blocked;
  if (set) {
    for (int w = 0; w < 2; w++) {
      uint64_t b = t->blocked.bits[w], s = set->bits[w];
      t->blocked.bits[w] = how == SIGEMU_SIG_BLOCK     ? (b | s)
                           : how == SIGEMU_SIG_UNBLOCK ? (b & ~s)
                                                       : s;
    }
    kit_del(&t->blocked, k->sig_kill);
    kit_del(&t->blocked, k->sig_stop);
  }
  sigemu__kit_unlock();
  /* A delivery point, as the kernel's return from sigprocmask is. The
   * host's signals are taken first: one it sent while the signal was
   * blocked is delivered now, as a pending one would be. */
  if (set) {
    sigemu__kit_service();
    sigemu__kit_deliver_self(t);
  }
  return 0;
}

int sigemu__kit_sigpending(sigemu_sigset *out) {
  kit_process *k = &sigemu__kit;
  kit_thread *t = sigemu__kit_self();
  sigemu_sigemptyset(out);
  if (!t) return 0;
  sigemu__kit_lock();
  for (int w = 0; w < 2; w++)
    out->bits[w] = (t->pending.set.bits[w] | k->shared.set.bits[w]) &
                   t->blocked.bits[w];
  sigemu__kit_unlock();
  return 0;
}
