/* libc_masks.c — signal sets and masks: the sigset_t helpers (glibc's rules:
 * 1..64, its internal 32 and 33 refused), sigprocmask, pthread_sigmask,
 * sigpending, sigsuspend, and the real-time range (SIGRTMIN 34 as glibc,
 * not musl's 35, so that a wasm build numbers signals as its Linux build).
 */
#include <string.h>

#include "libc_internal.h"

int __wrap___libc_current_sigrtmin(void);
int __wrap___libc_current_sigrtmin(void) { return 34; }
int __wrap___libc_current_sigrtmax(void);
int __wrap___libc_current_sigrtmax(void) { return 64; }

static unsigned char *bytes(sigset_t *s) { return (unsigned char *)s; }

int __wrap_sigemptyset(sigset_t *s);
int __wrap_sigemptyset(sigset_t *s) {
  if (!s) return sigemu__libc_fail(SIGEMU_EINVAL);
  memset(s, 0, sizeof *s);
  return 0;
}

int __wrap_sigfillset(sigset_t *s);
int __wrap_sigfillset(sigset_t *s) {
  if (!s) return sigemu__libc_fail(SIGEMU_EINVAL);
  memset(s, 0, sizeof *s);
  for (int sig = 1; sig <= 64; sig++)
    if (sigemu__libc_sig_ok(sig))
      bytes(s)[(sig - 1) / 8] |= (unsigned char)(1u << ((sig - 1) % 8));
  return 0;
}

int __wrap_sigaddset(sigset_t *s, int sig);
int __wrap_sigaddset(sigset_t *s, int sig) {
  if (!s || !sigemu__libc_sig_ok(sig)) return sigemu__libc_fail(SIGEMU_EINVAL);
  bytes(s)[(sig - 1) / 8] |= (unsigned char)(1u << ((sig - 1) % 8));
  return 0;
}

int __wrap_sigdelset(sigset_t *s, int sig);
int __wrap_sigdelset(sigset_t *s, int sig) {
  if (!s || !sigemu__libc_sig_ok(sig)) return sigemu__libc_fail(SIGEMU_EINVAL);
  bytes(s)[(sig - 1) / 8] &= (unsigned char)~(1u << ((sig - 1) % 8));
  return 0;
}

int __wrap_sigismember(const sigset_t *s, int sig);
int __wrap_sigismember(const sigset_t *s, int sig) {
  /* glibc refuses its internal 32 and 33 in the setters only. */
  if (!s || sig < 1 || sig > 64) return sigemu__libc_fail(SIGEMU_EINVAL);
  return (((const unsigned char *)s)[(sig - 1) / 8] >> ((sig - 1) % 8)) & 1;
}

int __wrap_sigisemptyset(const sigset_t *s);
int __wrap_sigisemptyset(const sigset_t *s) {
  if (!s) return sigemu__libc_fail(SIGEMU_EINVAL);
  const unsigned char *b = (const unsigned char *)s;
  for (size_t i = 0; i < 8; i++)
    if (b[i]) return 0;
  return 1;
}

int __wrap_sigorset(sigset_t *d, const sigset_t *a, const sigset_t *b);
int __wrap_sigorset(sigset_t *d, const sigset_t *a, const sigset_t *b) {
  if (!d || !a || !b) return sigemu__libc_fail(SIGEMU_EINVAL);
  for (size_t i = 0; i < sizeof *d; i++)
    bytes(d)[i] = ((const unsigned char *)a)[i] | ((const unsigned char *)b)[i];
  return 0;
}

int __wrap_sigandset(sigset_t *d, const sigset_t *a, const sigset_t *b);
int __wrap_sigandset(sigset_t *d, const sigset_t *a, const sigset_t *b) {
  if (!d || !a || !b) return sigemu__libc_fail(SIGEMU_EINVAL);
  for (size_t i = 0; i < sizeof *d; i++)
    bytes(d)[i] = ((const unsigned char *)a)[i] & ((const unsigned char *)b)[i];
  return 0;
}

/* pthread_sigmask returns the error; the kit leaves out SIGKILL and
 * SIGSTOP, and glibc leaves out its 32 and 33 (a program cannot block
 * them: they never reach the set). */
int __wrap_pthread_sigmask(int how, const sigset_t *set, sigset_t *old);
int __wrap_pthread_sigmask(int how, const sigset_t *set, sigset_t *old) {
  sigemu__libc_start();
  sigemu_sigset m, o;
  if (set) {
    if (how != SIG_BLOCK && how != SIG_UNBLOCK && how != SIG_SETMASK)
      return EINVAL;
    m = sigemu__libc_from_sigset(set);
    sigemu_sigdelset(&m, 32);
    sigemu_sigdelset(&m, 33);
  }
  int r = sigemu__kit_sigmask(how, set ? &m : NULL, &o);
  if (r < 0) return sigemu__libc_errno(r);
  if (old) sigemu__libc_to_sigset(&o, old);
  return 0;
}

int __wrap_sigprocmask(int how, const sigset_t *set, sigset_t *old);
int __wrap_sigprocmask(int how, const sigset_t *set, sigset_t *old) {
  int e = __wrap_pthread_sigmask(how, set, old);
  if (e) {
    errno = e;
    return -1;
  }
  return 0;
}

int __wrap_sigpending(sigset_t *out);
int __wrap_sigpending(sigset_t *out) {
  sigemu__libc_start();
  if (!out) { /* glibc passes it to the kernel: EFAULT */
    errno = EFAULT;
    return -1;
  }
  sigemu_sigset p;
  sigemu__kit_sigpending(&p);
  sigemu__libc_to_sigset(&p, out);
  return 0;
}

/* sigsuspend: the mask for the wait and for the handlers it runs, then the
 * old mask back; always -1 EINTR (or EDEADLK where nothing could end it). */
int __wrap_sigsuspend(const sigset_t *mask);
int __wrap_sigsuspend(const sigset_t *mask) {
  sigemu__libc_start();
  if (!mask) {
    errno = EFAULT;
    return -1;
  }
  sigemu_sigset m = sigemu__libc_from_sigset(mask);
  sigemu_sigdelset(&m, 32);
  sigemu_sigdelset(&m, 33);
  int r = sigemu__kit_sleep(INT64_MAX, &m);
  return sigemu__libc_fail(r < 0 ? r : SIGEMU_EINTR);
}
