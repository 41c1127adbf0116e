/* bench_instr.c — the native paths counted in instructions: run under
 * `valgrind --tool=callgrind` by bench/instr.sh. The count is zeroed before
 * each instr_* function below and dumped after it under its name (callgrind
 * client requests), and the script divides by the number of calls. An instruction count does not move with
 * the load of the machine, so these rows give the same verdict on every
 * run; the wall-time rows beside them say what the instructions cost.
 *
 * Each path of sigemu (posix backend) next to what a program calls without
 * it, one call per iteration:
 *   check    the idle sigemu_check() / a bare volatile flag test
 *   raise    sigemu_raise_signal() to its handler / raise() + a sigaction
 *            handler
 *   mask     sigemu_pthread_sigmask() SIG_BLOCK then SIG_UNBLOCK of one
 *            signal / glibc's pthread_sigmask() the same (the pair is one
 *            iteration)
 *   maskread sigemu_pthread_sigmask(…, NULL, &old) / pthread_sigmask(…,
 *            NULL, &old)
 *   sigwait  sigemu_sigwait() / sigwait() for a signal that is already
 *            pending: each iteration raise()s the blocked signal first, and
 *            instr_raise_pending (the raise() alone) is subtracted
 * Usage: bench_instr [iterations]   (prints nothing but a line per path)
 */
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench_common.h" /* bench_count_handler, bench_handled */

#if defined(__has_include)
#  if __has_include(<valgrind/callgrind.h>)
#    include <valgrind/callgrind.h>
#  endif
#endif
#ifndef CALLGRIND_DUMP_STATS_AT
#  define CALLGRIND_ZERO_STATS
#  define CALLGRIND_DUMP_STATS_AT(name) ((void)(name))
#endif
/* Count one call of f, on its own. */
#define COUNT(f, ...)              \
  do {                             \
    CALLGRIND_ZERO_STATS;          \
    f(__VA_ARGS__);                \
    CALLGRIND_DUMP_STATS_AT(#f);   \
  } while (0)

/* Kept whole and under their own names, so that callgrind's dumps name them. */
#if defined(__clang__)
#  define NOINLINE static __attribute__((noinline, used))
#else
#  define NOINLINE static __attribute__((noipa, used))
#endif

static volatile long sink;
static volatile int bare_flag;
static volatile sig_atomic_t bare_count;
static void bare_handler(int sig) {
  (void)sig;
  bare_count = bare_count + 1;
}

NOINLINE int bare_slow(void) { return bare_flag; }

NOINLINE void instr_check_sigemu(long n) {
  long acc = 0;
  for (long i = 0; i < n; i++) acc += sigemu_check();
  sink = acc;
}
NOINLINE void instr_check_bare(long n) {
  long acc = 0;
  for (long i = 0; i < n; i++)
    if (__builtin_expect(bare_flag != 0, 0)) acc += bare_slow();
  sink = acc;
}

NOINLINE void instr_raise_sigemu(long n) {
  for (long i = 0; i < n; i++) sigemu_raise_signal(SIGUSR1);
}
NOINLINE void instr_raise_bare(long n) {
  for (long i = 0; i < n; i++) raise(SIGUSR2);
}

NOINLINE void instr_mask_sigemu(long n, const sigemu_sigset *s) {
  for (long i = 0; i < n; i++) {
    sigemu_pthread_sigmask(SIGEMU_SIG_BLOCK, s, NULL);
    sigemu_pthread_sigmask(SIGEMU_SIG_UNBLOCK, s, NULL);
  }
}
NOINLINE void instr_mask_bare(long n, const sigset_t *s) {
  for (long i = 0; i < n; i++) {
    pthread_sigmask(SIG_BLOCK, s, NULL);
    pthread_sigmask(SIG_UNBLOCK, s, NULL);
  }
}

NOINLINE void instr_maskread_sigemu(long n) {
  sigemu_sigset old;
  long acc = 0;
  for (long i = 0; i < n; i++) {
    sigemu_pthread_sigmask(SIGEMU_SIG_BLOCK, NULL, &old);
    acc += (long)old.bits[0];
  }
  sink = acc;
}
NOINLINE void instr_maskread_bare(long n) {
  sigset_t old;
  long acc = 0;
  for (long i = 0; i < n; i++) {
    pthread_sigmask(SIG_BLOCK, NULL, &old);
    acc += ((const unsigned char *)&old)[0];
  }
  sink = acc;
}

/* What the two sigwait loops spend on raise(): the same raise() of the
 * blocked signal, which stays pending (taken once at the end). */
NOINLINE void instr_raise_pending(long n) {
  for (long i = 0; i < n; i++) raise(SIGUSR2);
}
NOINLINE void instr_sigwait_sigemu(long n, const sigemu_sigset *s) {
  long acc = 0;
  for (long i = 0; i < n; i++) {
    int sig = 0;
    raise(SIGUSR2);
    sigemu_sigwait(s, &sig);
    acc += sig;
  }
  sink = acc;
}
NOINLINE void instr_sigwait_bare(long n, const sigset_t *s) {
  long acc = 0;
  for (long i = 0; i < n; i++) {
    int sig = 0;
    raise(SIGUSR2);
    sigwait(s, &sig);
    acc += sig;
  }
  sink = acc;
}

int main(int argc, char **argv) {
  long n = argc > 1 ? atol(argv[1]) : 2000;
  if (n < 1) n = 1;
  int r = sigemu_init(NULL);
  if (r < 0) {
    fprintf(stderr, "sigemu_init: %s\n", sigemu_strerror(r));
    return 1;
  }
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = bare_handler;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGUSR2, &sa, NULL);
  sigemu_action act = {SIGEMU_CALL, bench_count_handler, NULL};
  if (sigemu_signal(SIGUSR1, &act, NULL) < 0) return 1;

  sigset_t k;
  sigemptyset(&k);
  sigaddset(&k, SIGUSR2);
  sigemu_sigset s;
  sigemu_sigemptyset(&s);
  sigemu_sigaddset(&s, SIGUSR2);

  COUNT(instr_check_sigemu, n);
  COUNT(instr_check_bare, n);
  COUNT(instr_raise_sigemu, n);
  COUNT(instr_raise_bare, n);
  COUNT(instr_mask_sigemu, n, &s);
  COUNT(instr_mask_bare, n, &k);
  COUNT(instr_maskread_sigemu, n);
  COUNT(instr_maskread_bare, n);
  /* SIGUSR2 blocked: raise() leaves it pending for the wait. */
  pthread_sigmask(SIG_BLOCK, &k, NULL);
  COUNT(instr_raise_pending, n);
  int taken = 0;
  sigwait(&k, &taken);
  COUNT(instr_sigwait_sigemu, n, &s);
  COUNT(instr_sigwait_bare, n, &k);
  pthread_sigmask(SIG_UNBLOCK, &k, NULL);

  if (bench_handled != n || bare_count != n) {
    fprintf(stderr, "bench_instr: %ld sigemu handler runs, %ld bare, for %ld raises\n",
            bench_handled, (long)bare_count, n);
    return 1;
  }
  printf("bench_instr: %ld iterations per path\n", n);
  sigemu_shutdown();
  return 0;
}
