/* waits.c — the blocking calls: sigwait*, and the sleeps (pause, time.sleep,
 * sigsuspend, nanosleep).
 *
 * Every wait is the same loop: read the wake token, take the host's signals
 * and due timers, look at the conditions under the lock, then block with
 * the token. A signal generated anywhere after the token was read changes
 * the wake word, so the block returns at once: no wakeup is lost, and
 * nothing polls. A waiter counts itself in `waiters` before it reads the
 * token, so that senders call the platform's wake only when someone waits.
 *
 * As on Linux, while a thread waits in sigwait the signals of its set are
 * not blocked (they are chosen for it and left pending for it to take), and
 * signals that were deliverable before the call are delivered before it
 * starts waiting.
 */
#include "kit.h"

/* Count t among the waiters once: a handler that longjmp'd out of a wait
 * left it counted, and its next wait does not count it again. */
static void count_in(kit_thread *t) {
  if (t->counted) return;
  t->counted = true;
  atomic_fetch_add(&sigemu__kit.waiters, 1);
}
static void count_out(kit_thread *t) {
  if (!t->counted) return;
  t->counted = false;
  atomic_fetch_sub(&sigemu__kit.waiters, 1);
}

void sigemu__kit_service(void) {
  sigemu__plat_host_poll();
  sigemu__kit_timer_due();
}

/* Block until woken, deadline_ns, or the next ITIMER_REAL deadline (a wait
 * must notice a timer even where no host timer wakes it). */
static int block_round(uint32_t token, int64_t deadline_ns) {
  kit_process *k = &sigemu__kit;
  int64_t next = sigemu__kit_next_deadline();
  if (next < deadline_ns) deadline_ns = next;
  /* Time blocked is counted only for the CPU-clock fallback: the clock
   * reads around the block are on the woken thread's way back otherwise. */
  if (!k->no_cpu_clock) return sigemu__plat_block(token, deadline_ns);
  int64_t t0 = sigemu__plat_now_ns();
  int r = sigemu__plat_block(token, deadline_ns);
  atomic_fetch_add(&k->blocked_ns, sigemu__plat_now_ns() - t0);
  return r;
}

int sigemu__kit_wait(const sigemu_sigset *set, int64_t deadline_ns,
                     kit_siginfo *info) {
  kit_process *k = &sigemu__kit;
  kit_thread *t = sigemu__kit_self();
  if (!t) return SIGEMU_EAGAIN;
  sigemu_sigset want = *set, others;
  kit_del(&want, k->sig_kill);
  kit_del(&want, k->sig_stop);
  for (int w = 0; w < 2; w++) others.bits[w] = ~want.bits[w];

  sigemu__kit_deliver_self(t); /* what was deliverable before the call */
  unsigned handled0 = atomic_load(&t->handled);
  count_in(t);
  int r;
  for (;;) {
    uint32_t token = sigemu__plat_wait_token();
    /* Timers that fell due while we were blocked fire with the set still
     * open (t->waiting stays set from the block until here): a signal of
     * the set is the wait's, not its handler's, as when it comes during
     * the block. */
    sigemu__kit_service();
    sigemu__kit_lock();
    t->waiting = false;
    sigemu__kit_unlock();
    sigemu__kit_die_if_fatal();
    /* A signal of the set first (Linux dequeues before it looks at
     * anything else), then the handlers of the others, which end the
     * wait. */
    sigemu__kit_lock();
    r = sigemu__kit_dequeue_locked(t, &others, info);
    sigemu__kit_unlock();
    if (r > 0) break;
    sigemu__kit_deliver_self(t);
    if (atomic_load(&t->handled) != handled0) {
      r = SIGEMU_EINTR;
      break;
    }
    if (sigemu__plat_now_ns() >= deadline_ns) {
      r = SIGEMU_EAGAIN;
      break;
    }
    sigemu__kit_lock();
    r = sigemu__kit_dequeue_locked(t, &others, info);
    if (r == 0) { /* the set is open to senders while we sleep */
      t->waiting = true;
      t->waitset = want;
    }
    sigemu__kit_unlock();
    if (r > 0) break;
    r = block_round(token, deadline_ns);
    if (r < 0) break;
  }
  sigemu__kit_lock();
  t->waiting = false;
  sigemu__kit_unlock();
  count_out(t);
  return r;
}

static int sleep_until(int64_t deadline_ns, const sigemu_sigset *mask,
                       bool tripped_ends) {
  kit_process *k = &sigemu__kit;
  kit_thread *t = sigemu__kit_self();
  if (!t) return SIGEMU_EAGAIN;
  sigemu__kit_deliver_self(t);
  sigemu_sigset saved;
  if (mask) { /* sigsuspend: this mask while sleeping and handling */
    sigemu__kit_lock();
    saved = t->blocked;
    t->blocked = *mask;
    kit_del(&t->blocked, k->sig_kill);
    kit_del(&t->blocked, k->sig_stop);
    sigemu__kit_unlock();
  }
  unsigned handled0 = atomic_load(&t->handled);
  count_in(t);
  int r;
  for (;;) {
    uint32_t token = sigemu__plat_wait_token();
    sigemu__kit_service();
    sigemu__kit_deliver_self(t);
    if (atomic_load(&t->handled) != handled0 ||
        (tripped_ends && t == k->main &&
         atomic_load(&sigemu__tripped) != 0)) {
      r = SIGEMU_EINTR;
      break;
    }
    if (sigemu__plat_now_ns() >= deadline_ns) {
      r = 0;
      break;
    }
    r = block_round(token, deadline_ns);
    if (r < 0) break;
  }
  count_out(t);
  if (mask) {
    sigemu__kit_lock();
    t->blocked = saved;
    sigemu__kit_unlock();
    sigemu__kit_deliver_self(t);
  }
  return r;
}

int sigemu__kit_sleep(int64_t deadline_ns, const sigemu_sigset *mask) {
  return sleep_until(deadline_ns, mask, false);
}

int sigemu__kit_sleep_core(int64_t deadline_ns) {
  return sleep_until(deadline_ns, NULL, true);
}
