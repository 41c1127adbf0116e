/* badinput.c — proves the bad-input table (docs/bad-input.md) and prints it.
 *
 * Why: "bad input gets a clear error code and changes no state" is a promise
 * of sigemu.h; a table in the docs is only worth something if a test makes
 * every row true. Each row here runs one bad call on the `sim` backend from
 * a busy state (handlers, IGN, a mask, a pending signal, two armed itimers,
 * a wakeup fd), asserts the returned SIGEMU_E* code, asserts that the whole
 * observable state (handler table, mask, pending, itimers, wakeup fd) is
 * unchanged, and prints the row with the Python exception the code maps to
 * (sigemu_error_pyexc). tests/badinput/gen.sh turns the output into
 * docs/bad-input.md, and with --check fails when the committed file differs.
 *
 * Exit status: 0 when every row held; failures are listed on stderr.
 */
#ifndef _GNU_SOURCE
#  define _GNU_SOURCE
#endif
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sigemu.h"
#include "sigemu_sim.h"

#define NSIG_ 65

static int failures;

static int h(int sig, void *arg) {
  (void)sig;
  (void)arg;
  return 0;
}

typedef struct {
  sigemu_action h[NSIG_];
  sigemu_sigset mask, pend;
  double it[3][2];
  intptr_t wfd;
} state;

static intptr_t pipe_nb, pipe_blocking, pipe_closed;

static void snap(state *s) {
  memset(s, 0, sizeof *s);
  for (int i = 1; i < NSIG_; i++) sigemu_getsignal(i, &s->h[i]);
  sigemu_pthread_sigmask(SIGEMU_SIG_BLOCK, NULL, &s->mask);
  sigemu_sigpending(&s->pend);
  for (int w = 0; w < 3; w++) sigemu_getitimer(w, &s->it[w][0], &s->it[w][1]);
  /* The wakeup fd reads back only by replacing it: swap and restore. */
  intptr_t fd = -1;
  sigemu_set_wakeup_fd(-1, true, &fd);
  if (fd != -1) sigemu_set_wakeup_fd(fd, true, NULL);
  s->wfd = fd;
}

static const char *diff(const state *a, const state *b) {
  static char why[160];
  for (int i = 1; i < NSIG_; i++)
    if (a->h[i].kind != b->h[i].kind || a->h[i].fn != b->h[i].fn ||
        a->h[i].arg != b->h[i].arg) {
      snprintf(why, sizeof why, "handler of signal %d", i);
      return why;
    }
  if (memcmp(&a->mask, &b->mask, sizeof a->mask)) return "mask";
  if (memcmp(&a->pend, &b->pend, sizeof a->pend)) return "pending set";
  for (int w = 0; w < 3; w++)
    if (a->it[w][0] != b->it[w][0] || a->it[w][1] != b->it[w][1]) {
      snprintf(why, sizeof why, "itimer %d", w);
      return why;
    }
  if (a->wfd != b->wfd) return "wakeup fd";
  return NULL;
}

/* A fresh, busy state: handlers on SIGHUP and SIGUSR1, SIG_IGN on SIGWINCH,
 * mask {SIGUSR2, SIGRTMIN}, SIGUSR2 pending, ITIMER_REAL 100 s every 1 s,
 * ITIMER_VIRTUAL 50 s, a non-blocking sim pipe as the wakeup fd. */
static void busy(void) {
  sigemu_shutdown();
  for (intptr_t fd = 1000; fd < 1016; fd++) sigemu_sim_pipe_close(fd);
  sigemu_options o = {.python_defaults = false};
  if (sigemu_init(&o) != 0) {
    fprintf(stderr, "badinput: sigemu_init failed\n");
    exit(2);
  }
  sigemu_action a = {SIGEMU_CALL, h, NULL}, ign = {SIGEMU_IGN, NULL, NULL};
  sigemu_signal(1, &a, NULL);
  sigemu_signal(10, &a, NULL);
  sigemu_signal(28, &ign, NULL);
  sigemu_sigset m;
  sigemu_sigemptyset(&m);
  sigemu_sigaddset(&m, 12);
  sigemu_sigaddset(&m, 34);
  sigemu_pthread_sigmask(SIGEMU_SIG_BLOCK, &m, NULL);
  sigemu_sim_send(12);
  sigemu_setitimer(SIGEMU_ITIMER_REAL, 100.0, 1.0, NULL, NULL);
  sigemu_setitimer(SIGEMU_ITIMER_VIRTUAL, 50.0, 0.0, NULL, NULL);
  sigemu_sim_pipe(64, true, &pipe_nb);
  sigemu_sim_pipe(64, false, &pipe_blocking);
  sigemu_sim_pipe(64, true, &pipe_closed);
  sigemu_sim_pipe_close(pipe_closed);
  sigemu_set_wakeup_fd(pipe_nb, true, NULL);
}

static void row(const char *fn, const char *input, const char *py, int want,
                int got, const state *before) {
  state after;
  snap(&after);
  const char *what = diff(before, &after);
  if (got != want) {
    fprintf(stderr, "FAIL %s(%s): got %d (%s), expected %s\n", fn, input, got,
            sigemu_error_name(got), sigemu_error_name(want));
    failures++;
  }
  if (what) {
    fprintf(stderr, "FAIL %s(%s): the failed call changed the %s\n", fn,
            input, what);
    failures++;
  }
  printf("| `%s` | %s | `%s` | `%s` | %s |\n", fn, input, py,
         sigemu_error_name(want), sigemu_error_pyexc(want));
}

/* Run expr from a fresh busy state and check it. */
#define CASE(fn, input, py, want, expr)                                      \
  do {                                                                       \
    busy();                                                                  \
    state before_;                                                           \
    snap(&before_);                                                          \
    int got_ = (expr);                                                       \
    row(fn, input, py, want, got_, &before_);                                \
  } while (0)

/* ---- helpers that build the bad arguments ------------------------------- */

static sigemu_sigset set_of(int sig) {
  sigemu_sigset s = {{0, 0}};
  s.bits[sig / 64] |= (uint64_t)1 << (sig % 64);
  return s;
}
static sigemu_action act(sigemu_kind k, sigemu_handler_fn fn) {
  sigemu_action a = {k, fn, NULL};
  return a;
}

static int do_signal(int sig, sigemu_action a) {
  sigemu_action old;
  return sigemu_signal(sig, &a, &old);
}
static int do_getsignal(int sig) {
  sigemu_action cur;
  return sigemu_getsignal(sig, &cur);
}
static int do_mask(int how, sigemu_sigset s) {
  sigemu_sigset old;
  return sigemu_pthread_sigmask(how, &s, &old);
}
static int do_sigwait(sigemu_sigset s) {
  int sig;
  return sigemu_sigwait(&s, &sig);
}
static int do_waitinfo(sigemu_sigset s) {
  sigemu_siginfo i;
  return sigemu_sigwaitinfo(&s, &i);
}
static int do_timedwait(sigemu_sigset s, double t) {
  sigemu_siginfo i;
  return sigemu_sigtimedwait(&s, t, &i);
}
static int do_setitimer(int which, double v, double iv) {
  double a, b;
  return sigemu_setitimer(which, v, iv, &a, &b);
}
static int do_getitimer(int which) {
  double a, b;
  return sigemu_getitimer(which, &a, &b);
}
static int do_strsignal(int sig) {
  int err = 0;
  const char *d = sigemu_strsignal(sig, &err);
  return d ? 0 : err;
}
static int do_not_initialised(void) {
  sigemu_shutdown();
  sigemu_action a = act(SIGEMU_CALL, h);
  sigemu_sigset s = set_of(10);
  int codes[] = {sigemu_signal(10, &a, NULL), sigemu_raise_signal(10),
                 sigemu_pthread_sigmask(SIGEMU_SIG_BLOCK, &s, NULL),
                 sigemu_alarm(1, NULL), sigemu_set_wakeup_fd(-1, true, NULL)};
  int r = codes[0];
  for (size_t i = 1; i < sizeof codes / sizeof codes[0]; i++)
    if (codes[i] != r) r = 0;
  if (sigemu_initialized()) r = 0;
  sigemu_options o = {.python_defaults = false};
  sigemu_init(&o);
  busy(); /* the snapshot compares against a busy state */
  return r;
}
static int do_init_twice(void) {
  sigemu_options o = {.python_defaults = false};
  return sigemu_init(&o);
}

/* Calls that must come from the main thread, made from another one. */
static int thread_result;
static void *thread_signal(void *p) {
  (void)p;
  sigemu_action a = act(SIGEMU_CALL, h);
  thread_result = sigemu_signal(10, &a, NULL);
  return NULL;
}
static void *thread_wakeup(void *p) {
  (void)p;
  thread_result = sigemu_set_wakeup_fd(-1, true, NULL);
  return NULL;
}
static int in_thread(void *(*fn)(void *)) {
  pthread_t t;
  thread_result = 12345;
  if (pthread_create(&t, NULL, fn, NULL) != 0) return 12345;
  pthread_join(t, NULL);
  return thread_result;
}

int main(void) {
  printf("| function | bad input | Python equivalent | sigemu code | "
         "Python exception |\n");
  printf("| --- | --- | --- | --- | --- |\n");

  /* signal() — CPython's order: main thread, range, handler type. */
  CASE("sigemu_signal", "signal 0", "signal.signal(0, h)", SIGEMU_ERANGE_SIG,
       do_signal(0, act(SIGEMU_CALL, h)));
  CASE("sigemu_signal", "signal 65 (NSIG)", "signal.signal(65, h)",
       SIGEMU_ERANGE_SIG, do_signal(65, act(SIGEMU_CALL, h)));
  CASE("sigemu_signal", "signal -1", "signal.signal(-1, h)",
       SIGEMU_ERANGE_SIG, do_signal(-1, act(SIGEMU_CALL, h)));
  CASE("sigemu_signal", "SIGKILL", "signal.signal(SIGKILL, h)",
       SIGEMU_EINVAL, do_signal(9, act(SIGEMU_CALL, h)));
  CASE("sigemu_signal", "SIGSTOP, SIG_IGN", "signal.signal(SIGSTOP, SIG_IGN)",
       SIGEMU_EINVAL, do_signal(19, act(SIGEMU_IGN, NULL)));
  CASE("sigemu_signal", "32 (reserved by glibc)", "signal.signal(32, h)",
       SIGEMU_EINVAL, do_signal(32, act(SIGEMU_CALL, h)));
  CASE("sigemu_signal", "act NULL", "signal.signal(SIGUSR1)",
       SIGEMU_ENULL, sigemu_signal(10, NULL, NULL));
  CASE("sigemu_signal", "kind SIGEMU_FOREIGN", "signal.signal(SIGUSR1, None)",
       SIGEMU_ETYPE, do_signal(10, act(SIGEMU_FOREIGN, NULL)));
  CASE("sigemu_signal", "kind 99", "signal.signal(SIGUSR1, 99)",
       SIGEMU_ETYPE, do_signal(10, act((sigemu_kind)99, NULL)));
  CASE("sigemu_signal", "CALL with fn NULL", "signal.signal(SIGUSR1, None)",
       SIGEMU_ETYPE, do_signal(10, act(SIGEMU_CALL, NULL)));
  CASE("sigemu_signal", "from another thread",
       "signal.signal() in a thread", SIGEMU_ENOTMAIN, in_thread(thread_signal));
  CASE("sigemu_getsignal", "signal 0", "signal.getsignal(0)",
       SIGEMU_ERANGE_SIG, do_getsignal(0));
  CASE("sigemu_getsignal", "signal 65", "signal.getsignal(65)",
       SIGEMU_ERANGE_SIG, do_getsignal(65));
  CASE("sigemu_getsignal", "cur NULL", "-", SIGEMU_ENULL,
       sigemu_getsignal(10, NULL));

  /* Sending. */
  CASE("sigemu_raise_signal", "signal -1", "signal.raise_signal(-1)",
       SIGEMU_EINVAL, sigemu_raise_signal(-1));
  CASE("sigemu_raise_signal", "signal 65", "signal.raise_signal(65)",
       SIGEMU_EINVAL, sigemu_raise_signal(65));
  CASE("sigemu_raise_signal", "32 (reserved by glibc)",
       "signal.raise_signal(32)", SIGEMU_EINVAL, sigemu_raise_signal(32));
  CASE("sigemu_pthread_kill", "signal 65",
       "signal.pthread_kill(threading.get_ident(), 65)", SIGEMU_EINVAL,
       sigemu_pthread_kill(sigemu_thread_self(), 65));
  CASE("sigemu_pthread_kill", "thread id that never existed",
       "signal.pthread_kill(dead_id, 0)", SIGEMU_ESRCH,
       sigemu_pthread_kill(sigemu_main_thread() + 100000, 0));
  CASE("sigemu_pidfd_send_signal", "any call on sim (no processes)",
       "signal.pidfd_send_signal(fd, SIGUSR1)", SIGEMU_ENOSYS,
       sigemu_pidfd_send_signal(3, 10, 0));

  /* Masks and waits. */
  CASE("sigemu_pthread_sigmask", "how 3",
       "signal.pthread_sigmask(3, [SIGUSR1])", SIGEMU_EINVAL,
       do_mask(3, set_of(10)));
  CASE("sigemu_pthread_sigmask", "how -1",
       "signal.pthread_sigmask(-1, [SIGUSR1])", SIGEMU_EINVAL,
       do_mask(-1, set_of(10)));
  CASE("sigemu_pthread_sigmask", "signal 0 in the set",
       "signal.pthread_sigmask(SIG_BLOCK, [0])", SIGEMU_EMASKRANGE,
       do_mask(SIGEMU_SIG_BLOCK, set_of(0)));
  CASE("sigemu_pthread_sigmask", "signal 65 in the set",
       "signal.pthread_sigmask(SIG_BLOCK, [65])", SIGEMU_EMASKRANGE,
       do_mask(SIGEMU_SIG_BLOCK, set_of(65)));
  CASE("sigemu_pthread_sigmask", "signal 127 in the set, how 3",
       "signal.pthread_sigmask(3, [127])", SIGEMU_EMASKRANGE,
       do_mask(3, set_of(127)));
  CASE("sigemu_pthread_sigmask", "set NULL and old NULL", "-", SIGEMU_ENULL,
       sigemu_pthread_sigmask(SIGEMU_SIG_BLOCK, NULL, NULL));
  CASE("sigemu_sigpending", "out NULL", "-", SIGEMU_ENULL,
       sigemu_sigpending(NULL));
  CASE("sigemu_sigwait", "signal 0 in the set", "signal.sigwait([0])",
       SIGEMU_EMASKRANGE, do_sigwait(set_of(0)));
  CASE("sigemu_sigwait", "sig NULL", "-", SIGEMU_ENULL,
       sigemu_sigwait(&(sigemu_sigset){{1u << 12, 0}}, NULL));
  CASE("sigemu_sigwaitinfo", "signal 65 in the set",
       "signal.sigwaitinfo([65])", SIGEMU_EMASKRANGE, do_waitinfo(set_of(65)));
  CASE("sigemu_sigtimedwait", "timeout -1",
       "signal.sigtimedwait([SIGUSR2], -1)", SIGEMU_ENEGTIMEOUT,
       do_timedwait(set_of(12), -1.0));
  CASE("sigemu_sigtimedwait", "timeout -1e-9",
       "signal.sigtimedwait([SIGUSR2], -1e-9)", SIGEMU_ENEGTIMEOUT,
       do_timedwait(set_of(12), -1e-9));
  CASE("sigemu_sigtimedwait", "timeout NaN",
       "signal.sigtimedwait([SIGUSR2], nan)", SIGEMU_ENAN,
       do_timedwait(set_of(12), NAN));
  CASE("sigemu_sigtimedwait", "timeout +inf",
       "signal.sigtimedwait([SIGUSR2], inf)", SIGEMU_EOVERFLOW,
       do_timedwait(set_of(12), INFINITY));
  CASE("sigemu_sigtimedwait", "timeout -inf",
       "signal.sigtimedwait([SIGUSR2], -inf)", SIGEMU_EOVERFLOW,
       do_timedwait(set_of(12), -INFINITY));
  CASE("sigemu_sigtimedwait", "timeout 1e300",
       "signal.sigtimedwait([SIGUSR2], 1e300)", SIGEMU_EOVERFLOW,
       do_timedwait(set_of(12), 1e300));
  CASE("sigemu_sigtimedwait", "signal 0 in the set, timeout NaN",
       "signal.sigtimedwait([0], nan)", SIGEMU_EMASKRANGE,
       do_timedwait(set_of(0), NAN));
  CASE("sigemu_sigtimedwait", "info NULL", "-", SIGEMU_ENULL,
       sigemu_sigtimedwait(&(sigemu_sigset){{1u << 12, 0}}, 0.0, NULL));
  CASE("sigemu_sleep", "-1 s", "time.sleep(-1)", SIGEMU_ENEGTIMEOUT,
       sigemu_sleep(-1.0));
  CASE("sigemu_sleep", "-1e-103 s", "time.sleep(-1e-103)", SIGEMU_ENEGTIMEOUT,
       sigemu_sleep(-1e-103));
  CASE("sigemu_sleep", "NaN", "time.sleep(nan)", SIGEMU_ENAN,
       sigemu_sleep(NAN));
  CASE("sigemu_sleep", "+inf", "time.sleep(inf)", SIGEMU_EOVERFLOW,
       sigemu_sleep(INFINITY));

  /* Timers. */
  CASE("sigemu_setitimer", "which 3", "signal.setitimer(3, 1.0)",
       SIGEMU_EITIMER, do_setitimer(3, 1.0, 0.0));
  CASE("sigemu_setitimer", "which -1", "signal.setitimer(-1, 1.0)",
       SIGEMU_EITIMER, do_setitimer(-1, 1.0, 0.0));
  CASE("sigemu_setitimer", "value -1", "signal.setitimer(ITIMER_REAL, -1)",
       SIGEMU_EITIMER, do_setitimer(0, -1.0, 0.0));
  CASE("sigemu_setitimer", "interval -1",
       "signal.setitimer(ITIMER_REAL, 1, -1)", SIGEMU_EITIMER,
       do_setitimer(0, 1.0, -1.0));
  CASE("sigemu_setitimer", "value NaN",
       "signal.setitimer(ITIMER_REAL, nan)", SIGEMU_ENAN,
       do_setitimer(0, NAN, 0.0));
  CASE("sigemu_setitimer", "value NaN, which 3", "signal.setitimer(3, nan)",
       SIGEMU_ENAN, do_setitimer(3, NAN, 0.0));
  CASE("sigemu_setitimer", "interval NaN",
       "signal.setitimer(ITIMER_REAL, 1, nan)", SIGEMU_ENAN,
       do_setitimer(0, 1.0, NAN));
  CASE("sigemu_setitimer", "value +inf",
       "signal.setitimer(ITIMER_REAL, inf)", SIGEMU_EOVERFLOW,
       do_setitimer(0, INFINITY, 0.0));
  CASE("sigemu_setitimer", "value 1e300",
       "signal.setitimer(ITIMER_REAL, 1e300)", SIGEMU_EOVERFLOW,
       do_setitimer(0, 1e300, 0.0));
  CASE("sigemu_getitimer", "which 3", "signal.getitimer(3)", SIGEMU_EITIMER,
       do_getitimer(3));
  CASE("sigemu_getitimer", "value NULL", "-", SIGEMU_ENULL,
       sigemu_getitimer(0, NULL, NULL));

  /* Wakeup fd, siginterrupt. */
  CASE("sigemu_set_wakeup_fd", "fd that is not open (54321)",
       "signal.set_wakeup_fd(54321)", SIGEMU_EBADF,
       sigemu_set_wakeup_fd(54321, true, NULL));
  CASE("sigemu_set_wakeup_fd", "fd -2", "signal.set_wakeup_fd(-2)",
       SIGEMU_EBADF, sigemu_set_wakeup_fd(-2, true, NULL));
  CASE("sigemu_set_wakeup_fd", "closed pipe", "signal.set_wakeup_fd(closed)",
       SIGEMU_EBADF, sigemu_set_wakeup_fd(pipe_closed, true, NULL));
  CASE("sigemu_set_wakeup_fd", "blocking pipe",
       "signal.set_wakeup_fd(blocking_fd)", SIGEMU_EBLOCKINGFD,
       sigemu_set_wakeup_fd(pipe_blocking, true, NULL));
  CASE("sigemu_set_wakeup_fd", "from another thread",
       "signal.set_wakeup_fd(-1) in a thread", SIGEMU_EWAKEUPMAIN,
       in_thread(thread_wakeup));
  CASE("sigemu_siginterrupt", "signal 0", "signal.siginterrupt(0, True)",
       SIGEMU_ERANGE_SIG, sigemu_siginterrupt(0, true));
  CASE("sigemu_siginterrupt", "signal 65", "signal.siginterrupt(65, True)",
       SIGEMU_ERANGE_SIG, sigemu_siginterrupt(65, true));
  CASE("sigemu_siginterrupt", "SIGKILL", "signal.siginterrupt(SIGKILL, True)",
       SIGEMU_EINVAL, sigemu_siginterrupt(9, true));

  /* Names, tables, life cycle. */
  CASE("sigemu_strsignal", "signal 0", "signal.strsignal(0)",
       SIGEMU_ERANGE_SIG, do_strsignal(0));
  CASE("sigemu_strsignal", "signal 65", "signal.strsignal(65)",
       SIGEMU_ERANGE_SIG, do_strsignal(65));
  CASE("sigemu_signum", "unknown name \"SIGNOPE\"", "signal.Signals['SIGNOPE']",
       SIGEMU_EINVAL, sigemu_signum("SIGNOPE"));
  CASE("sigemu_signum", "name NULL", "-", SIGEMU_ENULL, sigemu_signum(NULL));
  CASE("sigemu_default_action", "signal 0", "-", SIGEMU_ERANGE_SIG,
       sigemu_default_action(0));
  CASE("sigemu_sigaddset", "signal 0", "-", SIGEMU_ERANGE_SIG,
       sigemu_sigaddset(&(sigemu_sigset){{0, 0}}, 0));
  CASE("sigemu_sigaddset", "signal 128", "-", SIGEMU_ERANGE_SIG,
       sigemu_sigaddset(&(sigemu_sigset){{0, 0}}, 128));
  CASE("sigemu_valid_signals", "out NULL", "-", SIGEMU_ENULL,
       sigemu_valid_signals(NULL));
  CASE("sigemu_init", "called twice", "-", SIGEMU_EALREADY, do_init_twice());
  CASE("every entry point", "before sigemu_init / after sigemu_shutdown", "-",
       SIGEMU_ENOINIT, do_not_initialised());

  sigemu_shutdown();
  if (failures) fprintf(stderr, "badinput: %d failure(s)\n", failures);
  return failures ? 1 : 0;
}
