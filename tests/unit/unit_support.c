/* unit_support.c — the shared fixture of the core's unit tests (see unit.h):
 * recording handler, report and default-action capture, state snapshots,
 * scripted blocking waits for the sim backend. */
#include "unit.h"

#include <stdarg.h>

#if defined(SIGEMU_UNIT_THREADS)
#  include <pthread.h>
#endif

unit_log U;
char unit_reports[8192];
int unit_nreports;
int unit_die_sig[64], unit_die_action[64], unit_ndie;
unit_block_step unit_steps[16];
int unit_nsteps, unit_block_calls;
int64_t unit_block_deadlines[16];
static intptr_t pipes_open[32];
static int npipes_open;

intptr_t unit_pipe(int capacity, bool nonblocking) {
  intptr_t fd = -1;
  if (sigemu_sim_pipe(capacity, nonblocking, &fd) != 0) return -1;
  if (npipes_open < 32) pipes_open[npipes_open++] = fd;
  return fd;
}

static void close_pipes(void) {
  for (int i = 0; i < npipes_open; i++) sigemu_sim_pipe_close(pipes_open[i]);
  npipes_open = 0;
}

int unit_rec(int sig, void *arg) {
  if (U.n < (int)(sizeof U.order / sizeof U.order[0])) U.order[U.n++] = sig;
  if (sig > 0 && sig < U_NSIG) U.count[sig]++;
  U.last_arg = arg;
  if (U.hook) U.hook(sig);
  return (sig > 0 && sig < U_NSIG) ? U.ret[sig] : 0;
}

sigemu_action unit_call(void) {
  sigemu_action a = {SIGEMU_CALL, unit_rec, &U};
  return a;
}
sigemu_action unit_dfl(void) {
  sigemu_action a = {SIGEMU_DFL, NULL, NULL};
  return a;
}
sigemu_action unit_ign(void) {
  sigemu_action a = {SIGEMU_IGN, NULL, NULL};
  return a;
}

int unit_catch(int sig) {
  sigemu_action a = unit_call();
  return sigemu_signal(sig, &a, NULL);
}

int unit_set(int sig, sigemu_kind kind) {
  sigemu_action a = {kind, NULL, NULL};
  if (kind == SIGEMU_CALL) a = unit_call();
  return sigemu_signal(sig, &a, NULL);
}

const char *unit_order(void) {
  static char buf[2048];
  size_t len = 0;
  buf[0] = 0;
  for (int i = 0; i < U.n && len + 8 < sizeof buf; i++)
    len += (size_t)snprintf(buf + len, sizeof buf - len, "%s%d", i ? "," : "",
                            U.order[i]);
  return buf;
}

void unit_report_cb(const char *message, void *arg) {
  (void)arg;
  size_t len = strlen(unit_reports);
  snprintf(unit_reports + len, sizeof unit_reports - len, "%s%s",
           unit_nreports ? "\n" : "", message);
  unit_nreports++;
}

static void die_cb(int sig, int action, void *arg) {
  (void)arg;
  if (unit_ndie < 64) {
    unit_die_sig[unit_ndie] = sig;
    unit_die_action[unit_ndie] = action;
  }
  unit_ndie++;
}

int unit_start(bool python_defaults) {
  memset(&U, 0, sizeof U);
  unit_reports[0] = 0;
  unit_nreports = 0;
  unit_ndie = 0;
  unit_nsteps = unit_block_calls = 0;
  sigemu_sim_on_die(die_cb, NULL);
  sigemu_sim_on_block(NULL, NULL);
  sigemu_options o;
  memset(&o, 0, sizeof o);
  o.python_defaults = python_defaults;
  o.report = unit_report_cb;
  o.report_arg = NULL;
  return sigemu_init(&o);
}

void unit_setup(void) {
  int rc = unit_start(false);
  if (rc != 0) harness_fail_at(__FILE__, __LINE__, "sigemu_init: %s",
                               harness_errname(rc));
}

void unit_teardown(void) {
  if (sigemu_initialized()) sigemu_shutdown();
  close_pipes();
  sigemu_sim_on_block(NULL, NULL);
  U.hook = NULL;
}

void unit_use_fixture(void) {
  harness_setup = unit_setup;
  harness_teardown = unit_teardown;
}

static void bare_setup(void) {
  memset(&U, 0, sizeof U);
  unit_reports[0] = 0;
  unit_nreports = 0;
  unit_ndie = 0;
  sigemu_sim_on_die(die_cb, NULL);
  sigemu_sim_on_block(NULL, NULL);
  if (sigemu_initialized()) sigemu_shutdown();
}

void unit_use_bare(void) {
  harness_setup = bare_setup;
  harness_teardown = unit_teardown;
}

/* ---- state ---------------------------------------------------------------- */

void unit_snap(unit_state *s) {
  memset(s, 0, sizeof *s);
  for (int sig = 1; sig < U_NSIG; sig++)
    s->hrc[sig] = sigemu_getsignal(sig, &s->h[sig]);
  sigemu_sigset empty;
  sigemu_sigemptyset(&empty);
  s->mrc = sigemu_pthread_sigmask(SIGEMU_SIG_BLOCK, &empty, &s->mask);
  s->prc = sigemu_sigpending(&s->pending);
  for (int w = 0; w < 3; w++)
    s->irc[w] = sigemu_getitimer(w, &s->it[w][0], &s->it[w][1]);
  s->wrc = sigemu_set_wakeup_fd(-1, true, &s->wfd);
  if (s->wrc == 0 && s->wfd != -1) {
    intptr_t ignored;
    sigemu_set_wakeup_fd(s->wfd, true, &ignored);
  }
}

int unit_state_eq(const unit_state *a, const unit_state *b, char *why,
                  size_t n) {
  for (int sig = 1; sig < U_NSIG; sig++) {
    if (a->hrc[sig] != b->hrc[sig] || a->h[sig].kind != b->h[sig].kind ||
        a->h[sig].fn != b->h[sig].fn || a->h[sig].arg != b->h[sig].arg) {
      snprintf(why, n, "handler of %d: kind %d -> %d (rc %d -> %d)", sig,
               (int)a->h[sig].kind, (int)b->h[sig].kind, a->hrc[sig],
               b->hrc[sig]);
      return 0;
    }
  }
  if (a->mrc != b->mrc || a->mask.bits[0] != b->mask.bits[0] ||
      a->mask.bits[1] != b->mask.bits[1]) {
    char sa[400];
    snprintf(sa, sizeof sa, "%s", unit_set_str(&a->mask));
    snprintf(why, n, "mask {%s} -> {%s}", sa, unit_set_str(&b->mask));
    return 0;
  }
  if (a->prc != b->prc || a->pending.bits[0] != b->pending.bits[0] ||
      a->pending.bits[1] != b->pending.bits[1]) {
    char sa[400];
    snprintf(sa, sizeof sa, "%s", unit_set_str(&a->pending));
    snprintf(why, n, "pending {%s} -> {%s}", sa, unit_set_str(&b->pending));
    return 0;
  }
  for (int w = 0; w < 3; w++) {
    if (a->irc[w] != b->irc[w] || a->it[w][0] != b->it[w][0] ||
        a->it[w][1] != b->it[w][1]) {
      snprintf(why, n, "itimer %d: (%.9g, %.9g) -> (%.9g, %.9g)", w,
               a->it[w][0], a->it[w][1], b->it[w][0], b->it[w][1]);
      return 0;
    }
  }
  if (a->wrc != b->wrc || a->wfd != b->wfd) {
    snprintf(why, n, "wakeup fd %ld -> %ld", (long)a->wfd, (long)b->wfd);
    return 0;
  }
  return 1;
}

void unit_busy_state(void) {
  unit_catch(U_SIGHUP);
  unit_catch(U_SIGUSR1);
  unit_catch(U_SIGUSR2);
  unit_catch(U_SIGTERM);
  unit_set(U_SIGWINCH, SIGEMU_IGN);
  sigemu_sigset m = unit_set_of(U_SIGUSR1, U_SIGRTMIN, 0);
  sigemu_pthread_sigmask(SIGEMU_SIG_BLOCK, &m, NULL);
  sigemu_raise_signal(U_SIGUSR1);
  sigemu_setitimer(SIGEMU_ITIMER_REAL, 100.0, 1.0, NULL, NULL);
  sigemu_setitimer(SIGEMU_ITIMER_VIRTUAL, 50.0, 0.0, NULL, NULL);
  sigemu_set_wakeup_fd(unit_pipe(64, true), true, NULL);
}

sigemu_sigset unit_set_of(int first, ...) {
  sigemu_sigset s;
  sigemu_sigemptyset(&s);
  va_list ap;
  va_start(ap, first);
  for (int sig = first; sig != 0; sig = va_arg(ap, int))
    sigemu_sigaddset(&s, sig);
  va_end(ap);
  return s;
}

const char *unit_set_str(const sigemu_sigset *s) {
  static char buf[400];
  size_t len = 0;
  buf[0] = 0;
  for (int sig = 0; sig < SIGEMU_MAXSIG; sig++)
    if ((s->bits[sig / 64] >> (sig % 64)) & 1u)
      len += (size_t)snprintf(buf + len, sizeof buf - len, "%s%d",
                              len ? "," : "", sig);
  return buf;
}

int unit_drain(intptr_t fd, unsigned char *buf, int cap) {
  int total = 0;
  while (total < cap) {
    int r = sigemu_sim_pipe_read(fd, buf + total, cap - total);
    if (r <= 0) break;
    total += r;
  }
  return total;
}

static int scripted_block(int64_t deadline_ns, void *arg) {
  (void)arg;
  int i = unit_block_calls++;
  if (i < 16) unit_block_deadlines[i] = deadline_ns;
  if (i >= unit_nsteps) return 0;
  unit_block_step *st = &unit_steps[i];
  if (st->idle_ns) sigemu_sim_idle_ns(st->idle_ns);
  if (st->busy_ns) sigemu_sim_advance_ns(st->busy_ns);
  if (st->send_sig) sigemu_sim_send(st->send_sig);
  return 1;
}

void unit_script_blocking(void) {
  unit_block_calls = 0;
  sigemu_sim_on_block(scripted_block, NULL);
}

#if defined(SIGEMU_UNIT_THREADS)
typedef struct {
  void (*fn)(void *);
  void *arg;
} thread_job;

static void *thread_main(void *p) {
  thread_job *j = p;
  j->fn(j->arg);
  return NULL;
}

void unit_in_thread(void (*fn)(void *), void *arg) {
  thread_job j = {fn, arg};
  pthread_t t;
  if (pthread_create(&t, NULL, thread_main, &j) != 0) {
    harness_fail_at(__FILE__, __LINE__, "pthread_create failed");
    return;
  }
  pthread_join(t, NULL);
}
#endif
