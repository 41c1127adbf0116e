/* trace.h — the few helpers the C-level parity programs share.
 *
 * The programs are ordinary POSIX C: they use <signal.h>, <unistd.h>,
 * <time.h> and pthreads and nothing of sigemu. What they print is a trace
 * that must be the same wherever the program runs, so numbers that differ
 * between C libraries are printed by name: signals as "SIGUSR1" or
 * "SIGRTMIN+2" (glibc puts SIGRTMIN at 34, musl at 35), errno values as
 * "EINTR" (strerror's wording differs). A few one-liners stand for the
 * set-up many programs repeat (a handler with an empty sa_mask, a set, a
 * one-shot timer); a program whose subject is one of those calls spells it
 * out. Include it after the system headers; it only uses what they declare.
 */
#ifndef LIBC_TRACE_H
#define LIBC_TRACE_H

#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>

static inline const char *sig_name(int sig) {
  static char buf[4][24];
  static int turn;
  static const struct { int num; const char *name; } names[] = {
    {SIGHUP, "SIGHUP"},   {SIGINT, "SIGINT"},       {SIGQUIT, "SIGQUIT"},
    {SIGILL, "SIGILL"},   {SIGTRAP, "SIGTRAP"},     {SIGABRT, "SIGABRT"},
    {SIGBUS, "SIGBUS"},   {SIGFPE, "SIGFPE"},       {SIGKILL, "SIGKILL"},
    {SIGUSR1, "SIGUSR1"}, {SIGSEGV, "SIGSEGV"},     {SIGUSR2, "SIGUSR2"},
    {SIGPIPE, "SIGPIPE"}, {SIGALRM, "SIGALRM"},     {SIGTERM, "SIGTERM"},
    {SIGCHLD, "SIGCHLD"}, {SIGCONT, "SIGCONT"},     {SIGSTOP, "SIGSTOP"},
    {SIGTSTP, "SIGTSTP"}, {SIGTTIN, "SIGTTIN"},     {SIGTTOU, "SIGTTOU"},
    {SIGURG, "SIGURG"},   {SIGXCPU, "SIGXCPU"},     {SIGXFSZ, "SIGXFSZ"},
    {SIGVTALRM, "SIGVTALRM"}, {SIGPROF, "SIGPROF"}, {SIGWINCH, "SIGWINCH"},
    {SIGIO, "SIGIO"},     {SIGSYS, "SIGSYS"},
#ifdef SIGSTKFLT
    {SIGSTKFLT, "SIGSTKFLT"},
#endif
#ifdef SIGPWR
    {SIGPWR, "SIGPWR"},
#endif
  };
  for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
    if (names[i].num == sig) return names[i].name;
  char *b = buf[turn++ % 4];
  if (sig == SIGRTMIN)
    return "SIGRTMIN";
  else if (sig > SIGRTMIN && sig <= SIGRTMAX)
    snprintf(b, sizeof buf[0], "SIGRTMIN+%d", sig - SIGRTMIN);
  else
    snprintf(b, sizeof buf[0], "signal %d", sig);
  return b;
}

static inline const char *err_name(int e) {
  static char buf[24];
  switch (e) {
  case 0: return "0";
  case EINTR: return "EINTR";
  case EINVAL: return "EINVAL";
  case EAGAIN: return "EAGAIN";
  case ESRCH: return "ESRCH";
  case EPERM: return "EPERM";
  case EFAULT: return "EFAULT";
  case ENOMEM: return "ENOMEM";
  case ENOSYS: return "ENOSYS";
  case ENOTSUP: return "ENOTSUP";
  case EBADF: return "EBADF";
  case ENOENT: return "ENOENT";
  case EEXIST: return "EEXIST";
  case EDEADLK: return "EDEADLK";
  default: snprintf(buf, sizeof buf, "errno %d", e); return buf;
  }
}

/* "what = r", and the errno name when a -1 says there is one. */
static inline void show(const char *what, long r) {
  if (r == -1)
    printf("%s = -1 %s\n", what, err_name(errno));
  else
    printf("%s = %ld\n", what, r);
}

/* For the pthread_* / clock_nanosleep / sigwait style: 0 or an error number. */
static inline void show_rc(const char *what, int rc) {
  printf("%s = %s\n", what, rc ? err_name(rc) : "0");
}

/* The members of a set among the numbered signals, by name. Four buffers
 * in turn: one printf may show up to four sets. */
static inline const char *set_str(const sigset_t *set) {
  static char buf[4][512];
  static int turn;
  char *b = buf[turn++ % 4];
  size_t n = 0;
  b[0] = 0;
  for (int s = 1; s < 65; s++) {
    if (sigismember(set, s) != 1) continue;
    n += (size_t)snprintf(b + n, sizeof buf[0] - n, "%s%s", n ? " " : "",
                          sig_name(s));
    if (n >= sizeof buf[0]) break;
  }
  return n ? b : "(empty)";
}

/* The calling thread's mask and pending set, as names. */
static inline const char *mask_str(void) {
  sigset_t cur;
  sigprocmask(SIG_BLOCK, NULL, &cur);
  return set_str(&cur);
}

static inline const char *pending_str(void) {
  sigset_t p;
  sigpending(&p);
  return set_str(&p);
}

/* si_code by name (SI_TKILL and SI_KERNEL are Linux's). */
static inline const char *si_code_name(int code) {
  switch (code) {
  case SI_USER: return "SI_USER";
  case SI_QUEUE: return "SI_QUEUE";
  case SI_TKILL: return "SI_TKILL";
  case SI_TIMER: return "SI_TIMER";
  case SI_KERNEL: return "SI_KERNEL";
  default: return "other";
  }
}

/* sigaction() with an empty sa_mask. */
static inline int catch_signal(int sig, void (*fn)(int), int flags) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = fn;
  sa.sa_flags = flags;
  sigemptyset(&sa.sa_mask);
  return sigaction(sig, &sa, NULL);
}

/* The same for an SA_SIGINFO handler (SA_SIGINFO is added to flags). */
static inline int catch_siginfo(int sig, void (*fn)(int, siginfo_t *, void *), int flags) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_sigaction = fn;
  sa.sa_flags = SA_SIGINFO | flags;
  sigemptyset(&sa.sa_mask);
  return sigaction(sig, &sa, NULL);
}

/* The set of the signals listed (the list ends with 0). */
static inline sigset_t set_of(int first, ...) {
  sigset_t s;
  sigemptyset(&s);
  va_list ap;
  va_start(ap, first);
  for (int sig = first; sig != 0; sig = va_arg(ap, int)) sigaddset(&s, sig);
  va_end(ap);
  return s;
}

/* A one-shot ITIMER_REAL (SIGALRM) in ms milliseconds. */
static inline void arm_real_ms(long ms) {
  struct itimerval it = {{0, 0}, {ms / 1000, (ms % 1000) * 1000}};
  setitimer(ITIMER_REAL, &it, NULL);
}

/* A handler that prints its signal and counts; handler_calls(0) reads. */
static inline int handler_calls(int add) {
  static volatile sig_atomic_t calls;
  calls += add;
  return (int)calls;
}

static inline void print_handler(int sig) {
  handler_calls(1);
  printf("handler %s\n", sig_name(sig));
}

#endif
