/* kernel.c — the kit's side of src/backend.h part 2: what the core asks of
 * "the kernel" on the emulated backends, and the kit's start and stop.
 *
 * The core's handlers are KIT_TRIP dispositions: the kit runs sigemu__trip
 * for them the moment a thread that does not block the signal is chosen,
 * which is what a real kernel does by interrupting that thread. The core
 * then runs the Python-level handler on its main thread at the next check.
 */
#include <stdlib.h>
#include <string.h>

#include "kit.h"

#define MAX_THREADS 1024

static int signum(const char *name) {
  int n = sigemu_signum(name);
  return n > 0 ? n : 0;
}

static void add_named(sigemu_sigset *s, const char *name) {
  int n = signum(name);
  if (n > 0) kit_add(s, n);
}

/* Everything back to a fresh process. Lock held. */
static void reset_locked(void) {
  kit_process *k = &sigemu__kit;
  k->gen++;
  sigemu__kit_threads_reset_locked();
  sigemu__kit_pending_init(&k->shared);
  atomic_store(&k->queued, 0);
  for (int i = 0; i < SIGEMU_KIT_SIGQUEUE_MAX; i++)
    k->pool[i].next = i + 1 < SIGEMU_KIT_SIGQUEUE_MAX ? i + 1 : -1;
  k->free_head = 0;
  memset(k->action, 0, sizeof k->action);
  memset(k->restart, 0, sizeof k->restart);
  k->nfatal = 0;
  atomic_store(&k->fatal_any, 0);
  atomic_store(&sigemu__kit_user_pending, 0);
  atomic_store(&k->blocked_ns, 0);
  k->no_cpu_clock = sigemu__plat_cpu_ns() < 0;
  atomic_store(&k->waiters, 0);
  sigemu__kit_itimers_reset_locked();
  for (int w = 0; w < 2; w++) atomic_store(&k->inbox[w], 0);
  for (int i = 0; i < SIGEMU_MAXSIG; i++) atomic_store(&k->inbox_code[i], 0);
  atomic_store(&k->inbox_any, 0);
  atomic_store(&k->ended_any, 0);
}

int sigemu__kit_acquire(void) {
  kit_process *k = &sigemu__kit;
  sigemu__kit_lock();
  if (k->refs++ > 0) {
    sigemu__kit_unlock();
    return 0;
  }
  if (!k->threads) k->threads = calloc(MAX_THREADS, sizeof *k->threads);
  if (!k->threads) {
    k->refs = 0;
    sigemu__kit_unlock();
    return SIGEMU_EOS;
  }
  k->cap = MAX_THREADS;
  k->nsig = sigemu__os_nsig();
  if (k->nsig > SIGEMU_MAXSIG) k->nsig = SIGEMU_MAXSIG;
  k->sigrtmin = signum("SIGRTMIN");
  k->sig_kill = signum("SIGKILL");
  k->sig_stop = signum("SIGSTOP");
  k->sig_cont = signum("SIGCONT");
  k->sig_alrm = signum("SIGALRM");
  static const char *const tnames[3] = {"SIGALRM", "SIGVTALRM", "SIGPROF"};
  for (int w = 0; w < 3; w++) k->timer_sig[w] = signum(tnames[w]);
  sigemu_sigemptyset(&k->sync_sigs);
  static const char *const sync[] = {"SIGSEGV", "SIGBUS", "SIGILL",
                                     "SIGTRAP", "SIGFPE", "SIGSYS"};
  for (size_t i = 0; i < sizeof sync / sizeof sync[0]; i++)
    add_named(&k->sync_sigs, sync[i]);
  sigemu_sigemptyset(&k->stop_sigs);
  static const char *const stop[] = {"SIGSTOP", "SIGTSTP", "SIGTTIN",
                                     "SIGTTOU"};
  for (size_t i = 0; i < sizeof stop / sizeof stop[0]; i++)
    add_named(&k->stop_sigs, stop[i]);
  reset_locked();
  sigemu__kit_unlock();
  int r = sigemu__plat_init();
  if (r < 0) {
    sigemu__kit_lock();
    k->refs = 0;
    sigemu__kit_unlock();
    return r;
  }
  /* The caller is the main thread: process-directed signals go to it first,
   * and its mask decides whether they are ignored. */
  kit_thread *m = sigemu__kit_self();
  sigemu__kit_lock();
  k->main = m;
  sigemu__kit_unlock();
  return 0;
}

void sigemu__kit_release(void) {
  kit_process *k = &sigemu__kit;
  sigemu__kit_lock();
  if (k->refs == 0 || --k->refs > 0) {
    sigemu__kit_unlock();
    return;
  }
  sigemu__kit_itimers_reset_locked();
  sigemu__kit_unlock();
  for (int sig = 1; sig < k->nsig; sig++) {
    sigemu_kind kind = sigemu__kind(sig);
    if (kind == SIGEMU_CALL || kind == SIGEMU_IGN ||
        k->action[sig].kind != KIT_DFL)
      sigemu__plat_disposition_changed(sig, SIGEMU_DFL);
  }
  sigemu__plat_shutdown();
  sigemu__kit_lock();
  reset_locked();
  sigemu__kit_unlock();
}

/* ---- part 2 of the seam, for the core ------------------------------------ */

int sigemu__os_init(void) { return sigemu__kit_acquire(); }
void sigemu__os_shutdown(void) { sigemu__kit_release(); }

sigemu_kind sigemu__os_initial_disposition(int sig) {
  /* Numbers in range that the platform reserves read as "installed
   * elsewhere", as CPython's getsignal() shows None for glibc's 32, 33. */
  return sigemu__os_sig_valid(sig) ? SIGEMU_DFL : SIGEMU_FOREIGN;
}

int sigemu__os_set_disposition(int sig, sigemu_kind kind) {
  int r = sigemu__plat_catchable(sig);
  if (r < 0) return r;
  kit_action a;
  memset(&a, 0, sizeof a);
  /* CPython's PyOS_setsig: no SA_RESTART, empty sa_mask. */
  a.kind = kind == SIGEMU_CALL ? KIT_TRIP : kind == SIGEMU_IGN ? KIT_IGN : KIT_DFL;
  r = sigemu__kit_sigaction(sig, &a, NULL);
  if (r < 0) return r;
  sigemu__plat_disposition_changed(sig, kind);
  return 0;
}

int sigemu__os_siginterrupt(int sig, bool flag) {
  int r = sigemu__plat_catchable(sig);
  if (r < 0) return r;
  /* Emulated calls are never restarted behind the caller's back; the flag
   * is kept so that the state reads back as set. */
  sigemu__kit_lock();
  if (flag)
    sigemu__kit.action[sig].flags &= ~KIT_SA_RESTART;
  else
    sigemu__kit.action[sig].flags |= KIT_SA_RESTART;
  sigemu__kit.restart[sig] = !flag;
  sigemu__kit_unlock();
  return 0;
}

_Static_assert(sizeof(kit_spawn) <= sizeof(sigemu_spawn),
               "a sigemu_spawn holds a kit_spawn");

void sigemu__os_thread_spawn(void *token) {
  kit_spawn s;
  sigemu__kit_thread_spawn(&s);
  memcpy(token, &s, sizeof s);
}

void sigemu__os_thread_begin(const void *token) {
  kit_spawn s;
  memcpy(&s, token, sizeof s);
  sigemu__kit_thread_start(&s);
}

int sigemu__os_raise(int sig) {
  /* glibc's raise() is tgkill() to the calling thread. */
  kit_siginfo info = sigemu__kit_info(sig, KIT_SI_THREAD);
  return sigemu__kit_send(KIT_TO_THREAD, 0, &info);
}

int sigemu__os_pthread_kill(uintptr_t thread, int sig) {
  kit_siginfo info = sigemu__kit_info(sig, KIT_SI_THREAD);
  return sigemu__kit_send(KIT_TO_THREAD, thread == 0 ? (uintptr_t)-1 : thread,
                          &info);
}

int sigemu__os_pidfd_send_signal(int pidfd, int sig, unsigned flags) {
  (void)pidfd;
  (void)sig;
  (void)flags;
  return SIGEMU_ENOSYS;
}

int sigemu__os_sigmask(int how, const sigemu_sigset *set, sigemu_sigset *old) {
  return sigemu__kit_sigmask(how, set, old);
}

int sigemu__os_sigmask_set(int how, const sigemu_sigset *set) {
  /* The kit's own mask call is the whole cost: no short way. */
  return sigemu__sigmask_checked(how, set, NULL);
}

int sigemu__os_sigmask_read(int how, sigemu_sigset *old) {
  return sigemu__sigmask_checked(how, NULL, old);
}

int sigemu__os_sigpending(sigemu_sigset *out) {
  return sigemu__kit_sigpending(out);
}

int sigemu__os_sigwait(const sigemu_sigset *set, int64_t deadline_ns,
                       sigemu_siginfo *info) {
  kit_siginfo ki;
  int r = sigemu__kit_wait(set, deadline_ns, &ki);
  if (r > 0 && info) {
    info->signo = ki.signo;
    info->code = sigemu__kit_fold_code(ki.code); /* as glibc's sigwaitinfo */
    info->err = ki.err;
    info->pid = ki.pid;
    info->uid = ki.uid;
    info->status = ki.status;
    info->band = ki.band;
  }
  return r;
}

int sigemu__os_sleep_until(int64_t deadline_ns) {
  return sigemu__kit_sleep_core(deadline_ns);
}

int64_t sigemu__os_monotonic_ns(void) { return sigemu__plat_now_ns(); }

int sigemu__os_setitimer(int which, int64_t value_ns, int64_t interval_ns,
                         int64_t *old_value_ns, int64_t *old_interval_ns) {
  return sigemu__kit_setitimer(which, value_ns, interval_ns, old_value_ns,
                               old_interval_ns);
}

int sigemu__os_getitimer(int which, int64_t *value_ns, int64_t *interval_ns) {
  return sigemu__kit_getitimer(which, value_ns, interval_ns);
}

void sigemu__os_poll(void) { (void)sigemu__kit_deliver(); }
bool sigemu__os_host_flagged(void) { return sigemu__plat_host_flagged(); }
void sigemu__os_deliver(void) {
  (void)sigemu__kit_deliver_self(sigemu__kit_self());
}

/* ---- for the backends ------------------------------------------------------ */

void sigemu__kit_send_from(int sig, int pid, int uid) {
  kit_process *k = &sigemu__kit;
  if (sig < 1 || sig >= k->nsig || !sigemu__os_sig_valid(sig)) return;
  kit_siginfo info = sigemu__kit_info_from(sig, KIT_SI_USER, pid, uid);
  sigemu__kit_lock();
  (void)sigemu__kit_generate_locked(NULL, &info);
  sigemu__kit_unlock();
}

/* From another process that the emulation cannot name: SI_USER, pid 0. */
void sigemu__kit_send_host(int sig) { sigemu__kit_send_from(sig, 0, 0); }
