/* libc_send.c — sending: raise, kill, killpg, sigqueue, pthread_kill, abort.
 *
 * A wasm program is alone: its pid (the C library's getpid(), 42 on both
 * Emscripten and WASI), process group 0 and its own group reach it; any
 * other pid names a process that does not exist, and Linux's answer for
 * that is ESRCH — looked up before the signal number is checked, as the
 * kernel does. raise and pthread_kill go to a thread, kill and sigqueue to
 * the process; each returns after a delivery point, so a handler for a
 * signal a thread sends itself has run when the call returns (POSIX).
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "libc_internal.h"

/* 0 when pid names this process (or its group), else SIGEMU_ESRCH. */
static int own_target(pid_t pid) {
  pid_t me = (pid_t)sigemu__plat_pid();
  if (pid == me || pid == 0 || pid == -me) return 0;
  return SIGEMU_ESRCH; /* kill(-1): no other process to reach */
}

static int valid_or_zero(int sig) {
  return sig == 0 || (sig >= 1 && sig <= 64);
}

int __wrap_kill(pid_t pid, int sig);
int __wrap_kill(pid_t pid, int sig) {
  sigemu__libc_start();
  int r = own_target(pid);
  if (r < 0) return sigemu__libc_fail(r);
  if (!valid_or_zero(sig)) return sigemu__libc_fail(SIGEMU_EINVAL);
  if (sig == 0) return 0;
  kit_siginfo info = sigemu__kit_info(sig, KIT_SI_USER);
  r = sigemu__kit_send(KIT_TO_PROCESS, 0, &info);
  return r < 0 ? sigemu__libc_fail(r) : 0;
}

int __wrap_killpg(pid_t pgrp, int sig);
int __wrap_killpg(pid_t pgrp, int sig) {
  if (pgrp < 0) return sigemu__libc_fail(SIGEMU_EINVAL);
  return __wrap_kill(-pgrp, sig);
}

int __wrap_raise(int sig);
int __wrap_raise(int sig) {
  sigemu__libc_start();
  if (!valid_or_zero(sig) || sig == 32 || sig == 33)
    return sigemu__libc_fail(SIGEMU_EINVAL);
  kit_siginfo info = sigemu__kit_info(sig, KIT_SI_THREAD);
  int r = sigemu__kit_send(KIT_TO_THREAD, 0, &info);
  return r < 0 ? sigemu__libc_fail(r) : 0;
}

int __wrap_sigqueue(pid_t pid, int sig, union sigval value);
int __wrap_sigqueue(pid_t pid, int sig, union sigval value) {
  sigemu__libc_start();
  int r = own_target(pid);
  if (r < 0 || pid == 0) return sigemu__libc_fail(SIGEMU_ESRCH);
  if (!valid_or_zero(sig)) return sigemu__libc_fail(SIGEMU_EINVAL);
  if (sig == 0) return 0;
  kit_siginfo info = sigemu__kit_info(sig, KIT_SI_QUEUE);
  info.value = (intptr_t)value.sival_ptr;
  r = sigemu__kit_send(KIT_TO_PROCESS, 0, &info);
  return r < 0 ? sigemu__libc_fail(r) : 0;
}

int __wrap_pthread_kill(pthread_t t, int sig);
int __wrap_pthread_kill(pthread_t t, int sig) {
  sigemu__libc_start();
  if (!valid_or_zero(sig) || sig == 32 || sig == 33) return EINVAL;
  kit_siginfo info = sigemu__kit_info(sig, KIT_SI_THREAD);
  uintptr_t id = (uintptr_t)t;
  int r = sigemu__kit_send(KIT_TO_THREAD, id == 0 ? (uintptr_t)-1 : id, &info);
  return r < 0 ? sigemu__libc_errno(r) : 0;
}

/* abort(): SIGABRT unblocked and raised; if a handler returns, the default
 * action is put back and it is raised again, which ends the process with
 * 128 + SIGABRT. */
_Noreturn void __wrap_abort(void);
_Noreturn void __wrap_abort(void) {
  sigemu__libc_start();
  sigemu_sigset s;
  sigemu_sigemptyset(&s);
  sigemu_sigaddset(&s, SIGABRT);
  (void)sigemu__kit_sigmask(SIG_UNBLOCK, &s, NULL);
  kit_siginfo info = sigemu__kit_info(SIGABRT, KIT_SI_THREAD);
  (void)sigemu__kit_send(KIT_TO_THREAD, 0, &info);
  kit_action dfl;
  memset(&dfl, 0, sizeof dfl);
  dfl.kind = KIT_DFL;
  (void)sigemu__kit_sigaction(SIGABRT, &dfl, NULL);
  (void)sigemu__kit_send(KIT_TO_THREAD, 0, &info);
  _Exit(128 + SIGABRT); /* a test hook swallowed the death: end anyway */
}
