/* libc_common.c — the POSIX layer's start, its translations (errors, sets,
 * siginfo, times), the interruptible sleep every blocking call uses, and
 * the delivery point a runtime calls.
 */
#include <string.h>

#include "libc_internal.h"

SIGEMU_API _Thread_local int sigemu__libc_countdown = SIGEMU_POLL_EVERY;

static atomic_int started;

void sigemu__libc_start(void) {
  if (atomic_load_explicit(&started, memory_order_acquire)) return;
  int expect = 0;
  if (atomic_compare_exchange_strong(&started, &expect, 1))
    (void)sigemu__kit_acquire(); /* held for the life of the program */
}

/* Before main(): the thread that runs constructors is the main thread. */
__attribute__((constructor)) static void start_early(void) {
  sigemu__libc_start();
}

int sigemu_libc_poll_now(void) {
  sigemu__libc_countdown = SIGEMU_POLL_EVERY;
  sigemu__libc_start();
  return sigemu__kit_deliver();
}

int sigemu__libc_errno(int code) {
  switch (code) {
  case SIGEMU_EINTR: return EINTR;
  case SIGEMU_EAGAIN: return EAGAIN;
  case SIGEMU_ESRCH: return ESRCH;
  case SIGEMU_EPERM: return EPERM;
  case SIGEMU_ENOSYS: return ENOSYS;
  case SIGEMU_EBADF: return EBADF;
  case SIGEMU_EOVERFLOW: return EOVERFLOW;
  /* A wait that nothing could ever end (no host channel, no thread, no
   * timer) or a thread that may not block: it would hang forever. */
  case SIGEMU_ENOTHERE: return EDEADLK;
  case SIGEMU_EOS: return EIO;
  default: return EINVAL;
  }
}

int sigemu__libc_fail(int code) {
  errno = sigemu__libc_errno(code);
  return -1;
}

bool sigemu__libc_sig_ok(int sig) {
  return sig >= 1 && sig <= 64 && sig != 32 && sig != 33;
}

sigemu_sigset sigemu__libc_from_sigset(const sigset_t *s) {
  sigemu_sigset out;
  sigemu_sigemptyset(&out);
  const unsigned char *b = (const unsigned char *)s;
  for (int sig = 1; sig <= 64; sig++)
    if (b[(sig - 1) / 8] & (1u << ((sig - 1) % 8)))
      out.bits[sig / 64] |= (uint64_t)1 << (sig % 64);
  return out;
}

void sigemu__libc_to_sigset(const sigemu_sigset *in, sigset_t *out) {
  memset(out, 0, sizeof *out);
  unsigned char *b = (unsigned char *)out;
  for (int sig = 1; sig <= 64; sig++)
    if (sigemu_sigismember(in, sig) == 1)
      b[(sig - 1) / 8] |= (unsigned char)(1u << ((sig - 1) % 8));
}

void sigemu__libc_fill_siginfo(siginfo_t *out, const kit_siginfo *in) {
  memset(out, 0, sizeof *out);
  out->si_signo = in->signo;
  out->si_code = in->code;
  out->si_errno = in->err;
  out->si_pid = in->pid;
  out->si_uid = (uid_t)in->uid;
  if (in->code == KIT_SI_QUEUE || in->code == KIT_SI_TIMER)
    out->si_value.sival_ptr = (void *)in->value;
  else
    out->si_status = in->status;
}

bool sigemu__libc_ts_ns(const struct timespec *ts, int64_t *ns) {
  if (ts->tv_nsec < 0 || ts->tv_nsec >= 1000000000L || ts->tv_sec < 0)
    return false;
  if ((int64_t)ts->tv_sec > INT64_MAX / 1000000000 - 1)
    *ns = INT64_MAX;
  else
    *ns = (int64_t)ts->tv_sec * 1000000000 + ts->tv_nsec;
  return true;
}

void sigemu__libc_ns_ts(int64_t ns, struct timespec *ts) {
  if (ns < 0) ns = 0;
  ts->tv_sec = (time_t)(ns / 1000000000);
  ts->tv_nsec = (long)(ns % 1000000000);
}

int64_t sigemu__libc_now_ns(clockid_t clock, bool *ok) {
  struct timespec t;
  /* Through the wrapper: a delivery point too, which is harmless here. */
  *ok = clock_gettime(clock, &t) == 0;
  if (!*ok) return 0;
  return (int64_t)t.tv_sec * 1000000000 + t.tv_nsec;
}

int sigemu__libc_sleep_until(int64_t deadline_ns) {
  sigemu__libc_start();
  int r = sigemu__kit_sleep(deadline_ns, NULL);
  if (r != SIGEMU_ENOTHERE || deadline_ns == INT64_MAX) return r;
  /* This thread may not block (a browser's main thread): poll until the
   * deadline, delivering as we go, as Emscripten's own sleeps busy-wait
   * there. */
  for (;;) {
    if (sigemu__kit_deliver() > 0) return SIGEMU_EINTR;
    if (sigemu__os_monotonic_ns() >= deadline_ns) return 0;
  }
}
