/* trace.h — the few helpers the C-level parity programs share.
 *
 * The programs are ordinary POSIX C: they use <signal.h>, <unistd.h>,
 * <time.h> and pthreads and nothing of sigemu. What they print is a trace
 * that must be the same wherever the program runs, so numbers that differ
 * between C libraries are printed by name: signals as "SIGUSR1" or
 * "SIGRTMIN+2" (glibc puts SIGRTMIN at 34, musl at 35), errno values as
 * "EINTR" (strerror's wording differs). Include it after the system
 * headers; it only uses what they declare.
 */
#ifndef LIBC_TRACE_H
#define LIBC_TRACE_H

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

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

/* The members of a set among the numbered signals, by name. */
static inline const char *set_str(const sigset_t *set) {
  static char buf[2][512];
  static int turn;
  char *b = buf[turn++ % 2];
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

#endif
