/* unit.h — what the core's unit tests share: a fresh sigemu on the `sim`
 * backend for every test, a recording handler, captured reports and default
 * actions, and a snapshot of the whole observable state.
 *
 * Why: every test must start from the same known state (sim's clock moves
 * only when a test says so), and every bad-input test must prove that the
 * failed call "changes no state" (sigemu.h). The snapshot reads that state
 * only through the public API: the handler table with getsignal, the mask
 * with pthread_sigmask(SIG_BLOCK, empty), the pending set, the three
 * itimers and the wakeup fd (set_wakeup_fd(-1) and back).
 *
 * Signal numbers are Linux's (sim uses the Linux table); they are spelled as
 * constants here because <signal.h> does not exist on every target (WASI)
 * and, on Windows, numbers them differently.
 */
#ifndef SIGEMU_UNIT_H
#define SIGEMU_UNIT_H

#include "harness.h"
#include "sigemu.h"
#include "sigemu_sim.h"

enum {
  U_SIGHUP = 1, U_SIGINT = 2, U_SIGQUIT = 3, U_SIGILL = 4, U_SIGABRT = 6,
  U_SIGFPE = 8, U_SIGKILL = 9, U_SIGUSR1 = 10, U_SIGSEGV = 11,
  U_SIGUSR2 = 12, U_SIGPIPE = 13, U_SIGALRM = 14, U_SIGTERM = 15,
  U_SIGCHLD = 17, U_SIGCONT = 18, U_SIGSTOP = 19, U_SIGTSTP = 20,
  U_SIGURG = 23, U_SIGXFSZ = 25, U_SIGVTALRM = 26, U_SIGPROF = 27,
  U_SIGWINCH = 28, U_SIGIO = 29, U_SIGRTMIN = 34, U_SIGRTMAX = 64
};

#define U_NSIG 65
#define U_NS_PER_S 1000000000LL

/* ---- the recording handler --------------------------------------------- */
typedef struct {
  int order[512];         /* signals in the order their handler ran */
  int n;                  /* entries in order[] */
  int count[U_NSIG];      /* runs per signal */
  int ret[U_NSIG];        /* what the handler returns for each signal */
  void *last_arg;         /* the arg the last run received */
  /* Optional extra work done inside the handler for one signal. */
  void (*hook)(int sig);
} unit_log;
extern unit_log U;

int unit_rec(int sig, void *arg);
/* Actions: CALL unit_rec (arg &U), DFL, IGN. */
sigemu_action unit_call(void);
sigemu_action unit_dfl(void);
sigemu_action unit_ign(void);
/* Install unit_rec on sig; returns sigemu_signal()'s result. */
int unit_catch(int sig);
int unit_set(int sig, sigemu_kind kind);
/* "1,10,12": the recorded order, for messages and comparisons. */
const char *unit_order(void);

/* ---- captured reports (options.report) ---------------------------------- */
extern char unit_reports[8192];
extern int unit_nreports;
void unit_report_cb(const char *message, void *arg);

/* ---- captured default actions (sigemu_sim_on_die) ---------------------- */
extern int unit_die_sig[64], unit_die_action[64], unit_ndie;

/* ---- per-test life cycle ------------------------------------------------ */
/* Reset everything, sigemu_init(opts) with reports captured and default
 * actions recorded; python_defaults as given. */
int unit_start(bool python_defaults);
/* harness_setup/teardown used by most files: unit_start(false) / shutdown. */
void unit_setup(void);
void unit_teardown(void);
void unit_use_fixture(void);
/* Teardown only (tests that call sigemu_init themselves). */
void unit_use_bare(void);

/* ---- the observable state ------------------------------------------------ */
typedef struct {
  int hrc[U_NSIG];
  sigemu_action h[U_NSIG];
  int mrc;
  sigemu_sigset mask;
  int prc;
  sigemu_sigset pending;
  int irc[3];
  double it[3][2];
  int wrc;
  intptr_t wfd;
} unit_state;
void unit_snap(unit_state *s);
/* 1 when equal; else 0 and a description of the first difference in why. */
int unit_state_eq(const unit_state *a, const unit_state *b, char *why,
                  size_t n);
/* A non-trivial state to damage: handlers on HUP/USR1/USR2/TERM, IGN on
 * WINCH, mask {USR1, RTMIN}, USR1 pending, ITIMER_REAL 100 s / 1 s,
 * ITIMER_VIRTUAL 50 s, a non-blocking sim pipe as wakeup fd. */
void unit_busy_state(void);

#define T_STATE_UNCHANGED(before)                                            \
  do {                                                                       \
    unit_state after_;                                                       \
    char why_[256];                                                          \
    unit_snap(&after_);                                                      \
    if (!unit_state_eq((before), &after_, why_, sizeof why_))                \
      T_FAIL_("state changed: %s", why_);                                    \
  } while (0)

/* A sigset from a list ending with 0. */
sigemu_sigset unit_set_of(int first, ...);
/* The members of a set, "10,12", for messages. */
const char *unit_set_str(const sigemu_sigset *s);
#define T_EQ_SET(a, b)                                                       \
  do {                                                                       \
    sigemu_sigset a_ = (a), b_ = (b);                                        \
    if (a_.bits[0] != b_.bits[0] || a_.bits[1] != b_.bits[1]) {              \
      char sa_[400];                                                         \
      snprintf(sa_, sizeof sa_, "%s", unit_set_str(&a_));                    \
      T_FAIL_("%s == %s: got {%s}, expected {%s}", #a, #b, sa_,              \
              unit_set_str(&b_));                                            \
    }                                                                        \
  } while (0)

/* A sim pipe that the teardown closes (sim has only 16 and never closes
 * them itself); -1 on failure. */
intptr_t unit_pipe(int capacity, bool nonblocking);
/* Read everything a sim pipe holds into buf (up to cap); returns count. */
int unit_drain(intptr_t fd, unsigned char *buf, int cap);
/* The blocked-wait hook: a script of steps run one per call. */
typedef struct {
  int send_sig;       /* signal to send with sigemu_sim_send (0: none) */
  int64_t idle_ns;    /* wall time that passes first */
  int64_t busy_ns;    /* CPU time that passes first (sigemu_sim_advance_ns) */
} unit_block_step;
extern unit_block_step unit_steps[16];
extern int unit_nsteps, unit_block_calls;
extern int64_t unit_block_deadlines[16];
/* Install the scripted hook; steps beyond the script return 0 ("nothing"). */
void unit_script_blocking(void);

/* Threads: only the native build has pthreads for the tests. */
#if defined(SIGEMU_UNIT_THREADS)
void unit_in_thread(void (*fn)(void *), void *arg);
#endif

#endif /* SIGEMU_UNIT_H */
