/* pending.c — pending sets, their siginfo queues, and the order in which
 * signals leave them.
 *
 * As Linux (sigpending / sigqueue lists): each pending set is a bit set plus
 * a list of siginfo in arrival order. A standard signal already pending in a
 * set is not queued again (the first siginfo wins); a real-time signal
 * queues one entry per instance and stays pending until the last is taken.
 * Entries come from a fixed pool (no allocation while a signal arrives);
 * when it is empty, a real-time signal sent with a value is refused with
 * SIGEMU_EAGAIN, anything else is marked pending without its siginfo and is
 * later reported as SI_USER from pid 0. All of it runs under the kit's lock.
 */
#include <string.h>

#include "kit.h"

#define NIL (-1)

void sigemu__kit_pending_init(kit_pending *p) {
  sigemu_sigemptyset(&p->set);
  p->head = p->tail = NIL;
}

static int alloc_entry(void) {
  kit_process *k = &sigemu__kit;
  int i = k->free_head;
  if (i != NIL) k->free_head = k->pool[i].next;
  return i;
}

static void free_entry(int i) {
  kit_process *k = &sigemu__kit;
  k->pool[i].next = k->free_head;
  k->free_head = i;
}

static bool is_rt(int sig) {
  return sigemu__kit.sigrtmin > 0 && sig >= sigemu__kit.sigrtmin;
}

int sigemu__kit_enqueue_locked(kit_pending *p, const kit_siginfo *info) {
  kit_process *k = &sigemu__kit;
  int sig = info->signo;
  if (!is_rt(sig) && kit_has(&p->set, sig)) return 0; /* legacy: coalesce */
  if (!atomic_load_explicit(&k->queued, memory_order_relaxed))
    atomic_store(&k->queued, 1);
  int e = alloc_entry();
  if (e == NIL) {
    /* Out of entries: Linux refuses only a real-time signal that carries
     * information (sigqueue, timers); the rest keep their bit. */
    if (is_rt(sig) && info->code != KIT_SI_USER) return SIGEMU_EAGAIN;
    kit_add(&p->set, sig);
    return 0;
  }
  k->pool[e].info = *info;
  k->pool[e].next = NIL;
  if (p->tail == NIL)
    p->head = e;
  else
    k->pool[p->tail].next = e;
  p->tail = e;
  kit_add(&p->set, sig);
  return 0;
}

bool sigemu__kit_would_queue_locked(const kit_siginfo *info) {
  return sigemu__kit.free_head != NIL ||
         !(is_rt(info->signo) && info->code != KIT_SI_USER);
}

bool sigemu__kit_collect_locked(kit_pending *p, int sig, kit_siginfo *out) {
  kit_process *k = &sigemu__kit;
  if (!kit_has(&p->set, sig)) return false;
  int prev = NIL, found = NIL, more = 0;
  for (int i = p->head; i != NIL; i = k->pool[i].next) {
    if (k->pool[i].info.signo != sig) {
      if (found == NIL) prev = i;
      continue;
    }
    if (found == NIL)
      found = i;
    else {
      more = 1;
      break;
    }
  }
  if (found == NIL) {
    /* Pending without its siginfo (the pool was empty when it came). */
    memset(out, 0, sizeof *out);
    out->signo = sig;
    out->code = KIT_SI_USER;
    kit_del(&p->set, sig);
    return true;
  }
  *out = k->pool[found].info;
  int next = k->pool[found].next;
  if (prev == NIL)
    p->head = next;
  else
    k->pool[prev].next = next;
  if (p->tail == found) p->tail = prev;
  free_entry(found);
  if (!more) kit_del(&p->set, sig);
  return true;
}

int sigemu__kit_next_locked(const kit_pending *p, const sigemu_sigset *mask) {
  const kit_process *k = &sigemu__kit;
  /* The synchronous signals first (Linux next_signal), then the lowest. */
  for (int pass = 0; pass < 2; pass++)
    for (int w = 0; w < 2; w++) {
      uint64_t x = p->set.bits[w] & ~mask->bits[w];
      if (pass == 0) x &= k->sync_sigs.bits[w];
      if (x) return w * 64 + sigemu__lowest_bit(x);
    }
  return 0;
}

void sigemu__kit_flush_locked(kit_pending *p, const sigemu_sigset *set) {
  kit_process *k = &sigemu__kit;
  int prev = NIL;
  for (int i = p->head; i != NIL;) {
    int next = k->pool[i].next;
    if (kit_has(set, k->pool[i].info.signo)) {
      if (prev == NIL)
        p->head = next;
      else
        k->pool[prev].next = next;
      if (p->tail == i) p->tail = prev;
      free_entry(i);
    } else {
      prev = i;
    }
    i = next;
  }
  for (int w = 0; w < 2; w++) p->set.bits[w] &= ~set->bits[w];
}

void sigemu__kit_flush_all_locked(const sigemu_sigset *set) {
  kit_process *k = &sigemu__kit;
  sigemu__kit_flush_locked(&k->shared, set);
  for (int i = 0; i < k->nthreads; i++)
    if (k->threads[i]->state == KIT_T_LIVE)
      sigemu__kit_flush_locked(&k->threads[i]->pending, set);
}

int sigemu__kit_dequeue_locked(kit_thread *t, const sigemu_sigset *mask,
                               kit_siginfo *out) {
  kit_process *k = &sigemu__kit;
  int sig = sigemu__kit_next_locked(&t->pending, mask);
  if (sig) {
    sigemu__kit_collect_locked(&t->pending, sig, out);
    return sig;
  }
  sig = sigemu__kit_next_locked(&k->shared, mask);
  if (!sig) return 0;
  sigemu__kit_collect_locked(&k->shared, sig, out);
  /* Linux re-arms a periodic ITIMER_REAL only when SIGALRM leaves the
   * process set (dequeue_signal). */
  if (sig == k->sig_alrm) sigemu__kit_real_taken_locked();
  return sig;
}
