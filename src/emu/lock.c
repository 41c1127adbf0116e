/* lock.c — the kit's one lock, and the inbox that lets an OS signal handler
 * send a signal without taking it.
 *
 * Why an inbox: a Windows CRT handler (SIGABRT, SIGFPE, ...) runs on the
 * thread that raised or faulted, possibly in the middle of a kit call that
 * holds the lock; taking it again would deadlock. So such an arrival sets a
 * bit (lock-free) and only tries the lock; whoever holds the lock looks at
 * the inbox after releasing it. Both sides use sequentially consistent
 * operations, so either the sender's try succeeds or the holder's look sees
 * the bit: no arrival waits for an unrelated later call.
 *
 * A thread's exit callback does not wait for the lock either (threads.c):
 * on Windows, ExitProcess ends the other threads wherever they are and then
 * runs the exiting thread's callbacks, so a lock held by an ended thread is
 * never released. Each taking of the lock (sequentially consistent, so that
 * it sees what an exit callback left before it) first forgets the threads
 * that ended meanwhile.
 */
#include "kit.h"

static void acquired(void) {
  if (atomic_load(&sigemu__kit.ended_any)) sigemu__kit_reap_ended_locked();
}

void sigemu__kit_lock(void) {
  while (atomic_flag_test_and_set_explicit(&sigemu__kit.lock,
                                           memory_order_seq_cst)) {
  }
  acquired();
}

bool sigemu__kit_try_lock(void) {
  if (atomic_flag_test_and_set_explicit(&sigemu__kit.lock,
                                        memory_order_seq_cst))
    return false;
  acquired();
  return true;
}

/* Generate what the inbox holds: process-directed, the si_code the sender
 * gave. Lock held. */
static void drain_locked(void) {
  kit_process *k = &sigemu__kit;
  atomic_store(&k->inbox_any, 0);
  for (int w = 0; w < 2; w++) {
    uint64_t bits = atomic_exchange(&k->inbox[w], 0);
    while (bits) {
      int sig = w * 64 + sigemu__lowest_bit(bits);
      bits &= bits - 1;
      int code = atomic_exchange(&k->inbox_code[sig], 0) - 1;
      kit_siginfo info = sigemu__kit_info(sig, code);
      (void)sigemu__kit_generate_locked(NULL, &info);
    }
  }
}

void sigemu__kit_unlock(void) {
  for (;;) {
    atomic_flag_clear_explicit(&sigemu__kit.lock, memory_order_seq_cst);
    if (!atomic_load(&sigemu__kit.inbox_any)) return;
    if (!sigemu__kit_try_lock()) return; /* its holder will drain */
    drain_locked();
  }
}

void sigemu__kit_send_async(int sig, int code) {
  kit_process *k = &sigemu__kit;
  if (sig < 1 || sig >= k->nsig || sig >= SIGEMU_MAXSIG) return;
  /* The first code of a pending standard signal is the one kept. */
  int none = 0;
  atomic_compare_exchange_strong(&k->inbox_code[sig], &none, code + 1);
  atomic_fetch_or(&k->inbox[sig / 64], (uint64_t)1 << (sig % 64));
  atomic_store(&k->inbox_any, 1);
  if (sigemu__kit_try_lock()) {
    drain_locked();
    sigemu__kit_unlock();
  }
  sigemu__kit_wake_waiters(); /* a delivery point anywhere will see it */
}
