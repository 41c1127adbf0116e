/* libc_actions.c — dispositions: sigaction, signal, siginterrupt, the XSI
 * sigset/sigignore/sighold/sigrelse/sigpause, and the alternate stack; and
 * how a handler is called when the kit delivers a signal to this thread.
 */
#include <string.h>

#include "libc_internal.h"

/* The flags sigaction() keeps for the program and what the kit acts on. */
static unsigned kit_flags(unsigned long f) {
  unsigned k = 0;
  if (f & SA_NODEFER) k |= KIT_SA_NODEFER;
  if (f & SA_RESETHAND) k |= KIT_SA_RESETHAND;
  if (f & SA_SIGINFO) k |= KIT_SA_SIGINFO;
  if (f & SA_RESTART) k |= KIT_SA_RESTART;
  if (f & SA_ONSTACK) k |= KIT_SA_ONSTACK;
  return k;
}

/* ---- the alternate stack -------------------------------------------------- */

static _Thread_local stack_t altstack = {NULL, SS_DISABLE, 0};
static _Thread_local int on_altstack;

/* The C stack of a wasm program lives in linear memory; its top is the
 * __stack_pointer global. Switching it around a call runs the callee, and
 * everything it calls, on another stack. */
__asm__(".globaltype __stack_pointer, i32");
static inline uintptr_t get_sp(void) {
  uintptr_t sp;
  __asm__ volatile("global.get __stack_pointer\n\tlocal.set %0" : "=r"(sp));
  return sp;
}
static inline void set_sp(uintptr_t sp) {
  __asm__ volatile("local.get %0\n\tglobal.set __stack_pointer" ::"r"(sp));
}

typedef struct {
  const kit_action *act;
  int sig;
  siginfo_t *si;
} call;

/* The third argument of a SA_SIGINFO handler: Linux passes the interrupted
 * context (a ucontext_t). A wasm program has no machine context to show;
 * the handler gets zeroed storage of that size, never NULL. */
static _Thread_local _Alignas(16) unsigned char no_context[1024];

static void call_handler(void *arg) {
  call *c = arg;
  if (c->act->flags & KIT_SA_SIGINFO) {
    void (*fn)(int, siginfo_t *, void *) =
        (void (*)(int, siginfo_t *, void *))c->act->handler;
    fn(c->sig, c->si, no_context);
  } else {
    void (*fn)(int) = (void (*)(int))c->act->handler;
    fn(c->sig);
  }
}

/* Not inlined, and called through a pointer: the handler's frame must be
 * allocated after the switch, from the new stack. */
__attribute__((noinline)) static void run_on_stack(uintptr_t top,
                                                   void (*fn)(void *),
                                                   void *arg) {
  uintptr_t saved = get_sp();
  set_sp(top & ~(uintptr_t)15);
  fn(arg);
  set_sp(saved);
}

static void (*volatile call_handler_ptr)(void *) = call_handler;

/* The kit runs this on the target thread at a delivery point. */
static void invoke(int sig, const kit_siginfo *info, const kit_action *act) {
  siginfo_t si;
  sigemu__libc_fill_siginfo(&si, info);
  call c = {act, sig, &si};
  if ((act->flags & KIT_SA_ONSTACK) && !(altstack.ss_flags & SS_DISABLE) &&
      !on_altstack) {
    on_altstack = 1;
    run_on_stack((uintptr_t)altstack.ss_sp + altstack.ss_size,
                 call_handler_ptr, &c);
    on_altstack = 0;
  } else {
    call_handler(&c);
  }
}

int __wrap_sigaltstack(const stack_t *ss, stack_t *old);
int __wrap_sigaltstack(const stack_t *ss, stack_t *old) {
  if (ss) {
    /* glibc and Linux: SS_ONSTACK in ss_flags is accepted as 0. */
    int f = ss->ss_flags & ~SS_ONSTACK;
    if (f != 0 && f != SS_DISABLE) return sigemu__libc_fail(SIGEMU_EINVAL);
    if (on_altstack) return sigemu__libc_fail(SIGEMU_EPERM);
    if (f != SS_DISABLE && ss->ss_size < MINSIGSTKSZ) {
      errno = ENOMEM;
      return -1;
    }
  }
  if (old) {
    *old = altstack;
    if (on_altstack) old->ss_flags = SS_ONSTACK;
  }
  if (ss) {
    if ((ss->ss_flags & ~SS_ONSTACK) == SS_DISABLE) {
      altstack.ss_sp = NULL;
      altstack.ss_size = 0;
      altstack.ss_flags = SS_DISABLE;
    } else {
      altstack.ss_sp = ss->ss_sp;
      altstack.ss_size = ss->ss_size;
      altstack.ss_flags = 0;
    }
  }
  return 0;
}

/* ---- sigaction ---------------------------------------------------------------- */

/* What a core (Python-level) handler reads back as, should a program mix
 * the two APIs: installing it again gives the disposition back to the core. */
static void core_handler(int sig) { sigemu__trip(sig); }

void sigemu__libc_get_action(int sig, struct sigaction *out) {
  kit_action a;
  memset(out, 0, sizeof *out);
  if (sigemu__kit_sigaction(sig, NULL, &a) < 0) return;
  switch (a.kind) {
  case KIT_IGN: out->sa_handler = SIG_IGN; break;
  case KIT_USER:
    if (a.flags & KIT_SA_SIGINFO)
      out->sa_sigaction = (void (*)(int, siginfo_t *, void *))a.handler;
    else
      out->sa_handler = (void (*)(int))a.handler;
    break;
  case KIT_TRIP: out->sa_handler = core_handler; break;
  default: out->sa_handler = SIG_DFL; break;
  }
  out->sa_flags = (int)a.os_flags;
  sigemu__libc_to_sigset(&a.mask, &out->sa_mask);
}

int __wrap_sigaction(int sig, const struct sigaction *act,
                     struct sigaction *old);
int __wrap_sigaction(int sig, const struct sigaction *act,
                     struct sigaction *old) {
  sigemu__libc_start();
  if (!sigemu__libc_sig_ok(sig)) return sigemu__libc_fail(SIGEMU_EINVAL);
  if (act && (sig == SIGKILL || sig == SIGSTOP))
    return sigemu__libc_fail(SIGEMU_EINVAL);
  struct sigaction prev;
  sigemu__libc_get_action(sig, &prev);
  if (act) {
    kit_action a;
    memset(&a, 0, sizeof a);
    void *h = (act->sa_flags & SA_SIGINFO) ? (void *)act->sa_sigaction
                                           : (void *)act->sa_handler;
    if (h == (void *)SIG_DFL)
      a.kind = KIT_DFL;
    else if (h == (void *)SIG_IGN)
      a.kind = KIT_IGN;
    else if (h == (void *)core_handler)
      a.kind = KIT_TRIP;
    else {
      a.kind = KIT_USER;
      a.invoke = invoke;
      a.handler = h;
    }
    a.flags = kit_flags((unsigned long)act->sa_flags);
    a.os_flags = (unsigned long)(unsigned)act->sa_flags;
    a.mask = sigemu__libc_from_sigset(&act->sa_mask);
    int r = sigemu__kit_sigaction(sig, &a, NULL);
    if (r < 0) return sigemu__libc_fail(r);
  }
  if (old) *old = prev;
  return 0;
}

/* Shared by the internal name musl's signal() and bsd_signal() call. */
int __wrap___sigaction(int sig, const struct sigaction *act,
                       struct sigaction *old);
int __wrap___sigaction(int sig, const struct sigaction *act,
                       struct sigaction *old) {
  return __wrap_sigaction(sig, act, old);
}

/* Signals for which siginterrupt(sig, 1) was called: glibc's signal()
 * installs them without SA_RESTART from then on. */
static sigemu_sigset interrupting;
static atomic_flag interrupting_lock = ATOMIC_FLAG_INIT;

static bool interrupts(int sig) {
  while (atomic_flag_test_and_set(&interrupting_lock)) {
  }
  bool r = sigemu_sigismember(&interrupting, sig) == 1;
  atomic_flag_clear(&interrupting_lock);
  return r;
}

static void set_interrupts(int sig, bool on) {
  while (atomic_flag_test_and_set(&interrupting_lock)) {
  }
  if (on)
    sigemu_sigaddset(&interrupting, sig);
  else
    sigemu_sigdelset(&interrupting, sig);
  atomic_flag_clear(&interrupting_lock);
}

/* signal(): BSD semantics, as glibc's: the handler stays, the signal is
 * blocked while it runs, system calls restart. */
void (*__wrap_signal(int sig, void (*h)(int)))(int);
void (*__wrap_signal(int sig, void (*h)(int)))(int) {
  struct sigaction a, o;
  memset(&a, 0, sizeof a);
  if (h == SIG_ERR || !sigemu__libc_sig_ok(sig)) {
    errno = EINVAL;
    return SIG_ERR;
  }
  a.sa_handler = h;
  sigemptyset(&a.sa_mask);
  sigaddset(&a.sa_mask, sig);
  a.sa_flags = interrupts(sig) ? 0 : SA_RESTART;
  if (__wrap_sigaction(sig, &a, &o) < 0) return SIG_ERR;
  return o.sa_handler;
}

void (*__wrap_bsd_signal(int sig, void (*h)(int)))(int);
void (*__wrap_bsd_signal(int sig, void (*h)(int)))(int) {
  return __wrap_signal(sig, h);
}

int __wrap_siginterrupt(int sig, int flag);
int __wrap_siginterrupt(int sig, int flag) {
  struct sigaction a;
  if (!sigemu__libc_sig_ok(sig)) return sigemu__libc_fail(SIGEMU_EINVAL);
  if (__wrap_sigaction(sig, NULL, &a) < 0) return -1;
  if (flag)
    a.sa_flags &= ~SA_RESTART;
  else
    a.sa_flags |= SA_RESTART;
  if (__wrap_sigaction(sig, &a, NULL) < 0) return -1;
  set_interrupts(sig, flag != 0);
  return 0;
}

int __wrap_sigignore(int sig);
int __wrap_sigignore(int sig) {
  struct sigaction a;
  memset(&a, 0, sizeof a);
  a.sa_handler = SIG_IGN;
  sigemptyset(&a.sa_mask);
  return __wrap_sigaction(sig, &a, NULL);
}

/* ---- the XSI calls that change the mask of one signal ---------------------- */

int __wrap_pthread_sigmask(int how, const sigset_t *set, sigset_t *old);

static int mask_one(int how, int sig, sigset_t *old) {
  if (!sigemu__libc_sig_ok(sig)) return sigemu__libc_fail(SIGEMU_EINVAL);
  sigset_t s;
  sigemptyset(&s);
  sigaddset(&s, sig);
  int e = __wrap_pthread_sigmask(how, &s, old);
  if (e) {
    errno = e;
    return -1;
  }
  return 0;
}

int __wrap_sighold(int sig);
int __wrap_sighold(int sig) { return mask_one(SIG_BLOCK, sig, NULL); }

int __wrap_sigrelse(int sig);
int __wrap_sigrelse(int sig) { return mask_one(SIG_UNBLOCK, sig, NULL); }

void (*__wrap_sigset(int sig, void (*disp)(int)))(int);
void (*__wrap_sigset(int sig, void (*disp)(int)))(int) {
  sigset_t old;
  if (disp == SIG_ERR || !sigemu__libc_sig_ok(sig)) {
    errno = EINVAL;
    return SIG_ERR;
  }
  if (disp == SIG_HOLD) {
    if (mask_one(SIG_BLOCK, sig, &old) < 0) return SIG_ERR;
    if (sigismember(&old, sig)) return SIG_HOLD;
    struct sigaction o;
    if (__wrap_sigaction(sig, NULL, &o) < 0) return SIG_ERR;
    return o.sa_handler;
  }
  struct sigaction a, o;
  memset(&a, 0, sizeof a);
  a.sa_handler = disp;
  sigemptyset(&a.sa_mask);
  if (__wrap_sigaction(sig, &a, &o) < 0) return SIG_ERR;
  if (mask_one(SIG_UNBLOCK, sig, &old) < 0) return SIG_ERR;
  return sigismember(&old, sig) ? SIG_HOLD : o.sa_handler;
}

int __wrap_sigsuspend(const sigset_t *mask);

/* XSI sigpause(sig): wait with sig taken out of the mask. */
int __wrap_sigpause(int sig);
int __wrap_sigpause(int sig) {
  sigset_t m;
  if (!sigemu__libc_sig_ok(sig)) return sigemu__libc_fail(SIGEMU_EINVAL);
  if (__wrap_pthread_sigmask(SIG_BLOCK, NULL, &m) != 0) return -1;
  sigdelset(&m, sig);
  return __wrap_sigsuspend(&m);
}
