/* threads.c — the threads the kit knows: each with its mask and its own
 * pending set.
 *
 * A thread becomes known at its first kit call (or at its start, when it was
 * created through sigemu__kit_thread_spawn/start, which pass the creator's
 * mask on as pthread_create does). It is forgotten when it ends, if the
 * platform can tell (a TLS destructor): its pending signals go with it, as
 * on Linux, and pthread_kill to it fails with SIGEMU_ESRCH. Records are
 * allocated once and reused, never freed while the process runs, so a stale
 * pointer in another thread's TLS stays harmless; a start of the kit bumps a
 * generation number that makes every thread register again.
 */
#include <stdlib.h>
#include <string.h>

#include "kit.h"

static _Thread_local struct {
  kit_thread *t;
  unsigned gen;
  bool has_spawn;
  kit_spawn spawn;
} tls;

sigemu_sigset sigemu__kit_effective_mask(const kit_thread *t) {
  sigemu_sigset m = t->blocked;
  if (t->waiting)
    for (int w = 0; w < 2; w++) m.bits[w] &= ~t->waitset.bits[w];
  return m;
}

kit_thread *sigemu__kit_find_locked(uintptr_t id) {
  kit_process *k = &sigemu__kit;
  for (int i = 0; i < k->nthreads; i++)
    if (k->threads[i]->state != KIT_T_FREE && k->threads[i]->id == id)
      return k->threads[i];
  return NULL;
}

static void reset_thread(kit_thread *t, uintptr_t id) {
  t->id = id;
  t->state = KIT_T_LIVE;
  sigemu_sigemptyset(&t->blocked);
  sigemu_sigemptyset(&t->waitset);
  t->waiting = false;
  t->foreign = false;
  if (t->counted) atomic_fetch_sub(&sigemu__kit.waiters, 1);
  t->counted = false;
  sigemu__kit_pending_init(&t->pending);
  atomic_store(&t->handled, 0);
  atomic_store(&t->ended, 0);
}

/* A record for a thread starting now: a free one, a dead one, or a new one
 * (spare, allocated beforehand: the lock is a spin lock, so nothing is
 * allocated under it). A live record with the same id belongs to a thread
 * that ended without the platform telling us; it is taken over. Lock held. */
static kit_thread *claim_locked(uintptr_t id, kit_thread **spare) {
  kit_process *k = &sigemu__kit;
  kit_thread *t = sigemu__kit_find_locked(id);
  if (t && t->state == KIT_T_LIVE && t->foreign) {
    t->foreign = false; /* signals sent to it before it called us stay */
    return t;
  }
  for (int pass = KIT_T_FREE; !t && pass <= KIT_T_DEAD; pass++)
    for (int i = 0; i < k->nthreads && !t; i++)
      if (k->threads[i]->state == pass && pass != KIT_T_LIVE) t = k->threads[i];
  if (!t && *spare && k->nthreads < k->cap) {
    t = *spare;
    *spare = NULL;
    sigemu__kit_pending_init(&t->pending);
    k->threads[k->nthreads++] = t;
  }
  if (!t) return NULL;
  sigemu_sigset all;
  sigemu_sigfillset(&all);
  sigemu__kit_flush_locked(&t->pending, &all);
  reset_thread(t, id);
  return t;
}

kit_thread *sigemu__kit_claim_foreign_locked(uintptr_t id, kit_thread **spare) {
  kit_thread *t = claim_locked(id, spare);
  if (t) t->foreign = true;
  return t;
}

static void forget_locked(kit_thread *t, uintptr_t id) {
  if (t->state == KIT_T_LIVE && t->id == id) {
    sigemu_sigset all;
    sigemu_sigfillset(&all);
    sigemu__kit_flush_locked(&t->pending, &all); /* lost with the thread */
    t->state = KIT_T_DEAD;
    t->waiting = false;
  }
}

void sigemu__kit_reap_ended_locked(void) {
  kit_process *k = &sigemu__kit;
  atomic_store(&k->ended_any, 0);
  for (int i = 0; i < k->nthreads; i++) {
    uintptr_t id = atomic_exchange(&k->threads[i]->ended, 0);
    if (id) forget_locked(k->threads[i], id);
  }
}

/* The platform's thread-exit callback. It never waits for the lock (see
 * lock.c): when the lock is busy, the record is forgotten by the lock's
 * next taker, before anything looks at the threads. Until then it is still
 * live, as if the thread were still ending; a new thread given the same id
 * registers under the lock, so after the old record was forgotten. */
static void thread_ended(void *arg) {
  kit_thread *t = arg;
  uintptr_t id = sigemu__os_thread_self();
  if (sigemu__kit_try_lock()) {
    forget_locked(t, id);
    sigemu__kit_unlock();
    return;
  }
  atomic_store(&t->ended, id);
  atomic_store(&sigemu__kit.ended_any, 1);
}

kit_thread *sigemu__kit_self_known(void) {
  return tls.t && tls.gen == sigemu__kit.gen ? tls.t : NULL;
}

kit_thread *sigemu__kit_self(void) {
  kit_process *k = &sigemu__kit;
  if (tls.t && tls.gen == k->gen && tls.t->state == KIT_T_LIVE) return tls.t;
  uintptr_t id = sigemu__os_thread_self();
  kit_thread *spare = calloc(1, sizeof *spare);
  sigemu__kit_lock();
  kit_thread *t = claim_locked(id, &spare);
  if (t && tls.has_spawn && tls.spawn.gen == k->gen)
    t->blocked = tls.spawn.mask; /* pthread_create: the creator's mask */
  tls.has_spawn = false;
  sigemu__kit_unlock();
  free(spare);
  if (!t) return NULL;
  (void)sigemu__plat_on_thread_exit(thread_ended, t);
  tls.t = t;
  tls.gen = k->gen;
  return t;
}

void sigemu__kit_threads_reset_locked(void) {
  kit_process *k = &sigemu__kit;
  for (int i = 0; i < k->nthreads; i++) {
    sigemu_sigset all;
    sigemu_sigfillset(&all);
    sigemu__kit_flush_locked(&k->threads[i]->pending, &all);
    k->threads[i]->state = KIT_T_FREE;
    k->threads[i]->counted = false;
  }
  k->main = NULL;
  k->next_target = 0;
}

int sigemu__kit_live_threads(void) {
  kit_process *k = &sigemu__kit;
  int n = 0;
  sigemu__kit_lock();
  for (int i = 0; i < k->nthreads; i++)
    n += k->threads[i]->state == KIT_T_LIVE;
  sigemu__kit_unlock();
  return n;
}

void sigemu__kit_thread_spawn(kit_spawn *s) {
  kit_thread *t = sigemu__kit_self();
  sigemu_sigemptyset(&s->mask);
  s->gen = sigemu__kit.gen;
  if (!t) return;
  sigemu__kit_lock();
  s->mask = t->blocked;
  sigemu__kit_unlock();
}

void sigemu__kit_thread_start(const kit_spawn *s) {
  tls.spawn = *s;
  tls.has_spawn = true;
  tls.t = NULL;
  (void)sigemu__kit_self();
}
