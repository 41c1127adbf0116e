/* test_windows.c — the windows backend's own tests, run under Wine.
 *
 * What they cover: the Windows signal table and whitelist (bad numbers fail
 * with SIGEMU_EINVALSIG and change nothing), console control events (the
 * registered routine driven from another thread as Windows does, and a real
 * GenerateConsoleCtrlEvent in a child that owns its own console), the CRT's
 * raise() reaching sigemu, interruptible waits woken without polling, the
 * ITIMER_REAL timer thread on the real clock (order and generous bounds
 * only: the machine is loaded), masks / pending / sigwait*, the wakeup fd as
 * a SOCKET or a CRT fd, threads, and default actions that end the process.
 *
 * Tests that end a process run in a child: this same .exe started with
 * CreateProcess and `--child NAME`; the parent checks the exit code.
 */
#include <winsock2.h>

#include <fcntl.h>
#include <io.h>
#include <process.h>
#include <signal.h>

#include <windows.h>

#include "harness.h"
#include "sigemu.h"
#include "win_internal.h"

enum { W_SIGINT = 2, W_SIGILL = 4, W_SIGFPE = 8, W_SIGSEGV = 11,
       W_SIGALRM = 14, W_SIGTERM = 15, W_SIGBREAK = 21, W_SIGABRT = 22 };

static const int valid_sigs[] = {W_SIGINT, W_SIGILL, W_SIGFPE, W_SIGSEGV,
                                 W_SIGALRM, W_SIGTERM, W_SIGBREAK, W_SIGABRT};
static bool is_valid(int sig) {
  for (size_t i = 0; i < sizeof valid_sigs / sizeof valid_sigs[0]; i++)
    if (valid_sigs[i] == sig) return true;
  return false;
}

/* ---- fixture --------------------------------------------------------------- */

static char self_exe[MAX_PATH];
static char reports[4096];
static volatile LONG runs[32];
static volatile DWORD ran_on[32];
static int64_t ran_at[32][8];
static int handler_ret[32];

static void report_cb(const char *message, void *arg) {
  (void)arg;
  size_t len = strlen(reports);
  snprintf(reports + len, sizeof reports - len, "%s\n", message);
}

static int rec(int sig, void *arg) {
  (void)arg;
  if (sig > 0 && sig < 32) {
    LONG n = InterlockedIncrement(&runs[sig]);
    ran_on[sig] = GetCurrentThreadId();
    if (n <= 8) {
      LARGE_INTEGER c, f;
      QueryPerformanceCounter(&c);
      QueryPerformanceFrequency(&f);
      ran_at[sig][n - 1] = (int64_t)((double)c.QuadPart * 1e9 / (double)f.QuadPart);
    }
    return handler_ret[sig];
  }
  return 0;
}

static int catch_sig(int sig) {
  sigemu_action a = {SIGEMU_CALL, rec, NULL};
  return sigemu_signal(sig, &a, NULL);
}
static int set_kind(int sig, sigemu_kind k) {
  sigemu_action a = {k, NULL, NULL};
  return sigemu_signal(sig, &a, NULL);
}

static void setup(void) {
  memset((void *)runs, 0, sizeof runs);
  memset((void *)ran_on, 0, sizeof ran_on);
  memset(ran_at, 0, sizeof ran_at);
  memset(handler_ret, 0, sizeof handler_ret);
  reports[0] = 0;
  sigemu_options o = {.report = report_cb};
  int r = sigemu_init(&o);
  if (r != 0) printf("#   sigemu_init failed: %d\n", r);
  sigemu__win_set_close_wait_ms(0);
}
static void teardown(void) { sigemu_shutdown(); }

static double now_s(void) {
  LARGE_INTEGER c, f;
  QueryPerformanceCounter(&c);
  QueryPerformanceFrequency(&f);
  return (double)c.QuadPart / (double)f.QuadPart;
}

static double cpu_s(void) {
  FILETIME a, b, k, u;
  GetProcessTimes(GetCurrentProcess(), &a, &b, &k, &u);
  ULARGE_INTEGER kk = {{k.dwLowDateTime, k.dwHighDateTime}};
  ULARGE_INTEGER uu = {{u.dwLowDateTime, u.dwHighDateTime}};
  return (double)(kk.QuadPart + uu.QuadPart) / 1e7;
}

/* A thread that, after delay_ms, plays Windows: calls the console routine
 * (ctrl >= 0) or another action. */
typedef struct {
  DWORD delay_ms;
  long ctrl;       /* CTRL_* event, or -1 */
  int raise_sig;   /* sigemu_raise_signal from this thread, or 0 */
  int result;
  DWORD tid;
  int kill_main_sig; /* sigemu_pthread_kill to the main thread, or 0 */
} actor;

static unsigned __stdcall actor_main(void *p) {
  actor *a = p;
  a->tid = GetCurrentThreadId();
  if (a->delay_ms) Sleep(a->delay_ms);
  if (a->ctrl >= 0) a->result = sigemu__win_console_event((unsigned long)a->ctrl);
  if (a->raise_sig) a->result = sigemu_raise_signal(a->raise_sig);
  if (a->kill_main_sig)
    a->result = sigemu_pthread_kill(sigemu_main_thread(), a->kill_main_sig);
  return 0;
}

static HANDLE start_actor(actor *a) {
  return (HANDLE)_beginthreadex(NULL, 0, actor_main, a, 0, NULL);
}
static void join(HANDLE h) {
  WaitForSingleObject(h, 10000);
  CloseHandle(h);
}

static bool set_equal(const sigemu_sigset *a, const sigemu_sigset *b) {
  return a->bits[0] == b->bits[0] && a->bits[1] == b->bits[1];
}

/* ---- the table --------------------------------------------------------- */

static void t_backend_table_and_names(void) {
  T_EQ_STR(sigemu_backend(), "windows");
  T_EQ_INT(sigemu_nsig(), 23);
  sigemu_sigset v;
  T_EQ_ERR(sigemu_valid_signals(&v), 0);
  T_EQ_INT(sigemu_sigcount(&v), 8);
  for (int s = 0; s < 128; s++)
    T_EQ_INT(sigemu_sigismember(&v, s) == 1, is_valid(s));
  /* CPython's texts for Windows (no CRT strsignal; SIGBREAK has none). */
  int err = 1;
  T_EQ_STR(sigemu_strsignal(W_SIGINT, &err), "Interrupt");
  T_EQ_INT(err, 0);
  T_EQ_STR(sigemu_strsignal(W_SIGILL, NULL), "Illegal instruction");
  T_EQ_STR(sigemu_strsignal(W_SIGFPE, NULL), "Floating point exception");
  T_EQ_STR(sigemu_strsignal(W_SIGSEGV, NULL), "Segmentation fault");
  T_EQ_STR(sigemu_strsignal(W_SIGTERM, NULL), "Terminated");
  T_EQ_STR(sigemu_strsignal(W_SIGABRT, NULL), "Aborted");
  T_EQ_STR(sigemu_strsignal(W_SIGBREAK, &err), NULL);
  T_EQ_INT(err, 0);
  T_EQ_STR(sigemu_strsignal(9, &err), NULL); /* in range, no such signal */
  T_EQ_INT(err, 0);
  T_EQ_STR(sigemu_strsignal(23, &err), NULL);
  T_EQ_ERR(err, SIGEMU_ERANGE_SIG);
  T_EQ_STR(sigemu_signame(W_SIGBREAK), "SIGBREAK");
  T_EQ_STR(sigemu_signame(W_SIGABRT), "SIGABRT");
  T_EQ_STR(sigemu_signame(9), NULL);
  T_EQ_INT(sigemu_signum("SIGBREAK"), W_SIGBREAK);
  T_EQ_INT(sigemu_signum("BREAK"), W_SIGBREAK);
  T_EQ_INT(sigemu_signum("CTRL_C_EVENT"), 0);
  T_EQ_INT(sigemu_signum("CTRL_BREAK_EVENT"), 1);
  T_TRUE(sigemu_signum("SIGHUP") < 0);
  T_TRUE(sigemu_signum("SIGKILL") < 0);
  T_TRUE(sigemu_signum("SIGUSR1") < 0);
  T_EQ_INT(sigemu_default_action(W_SIGTERM), SIGEMU_DEFAULT_TERMINATE);
  T_EQ_INT(sigemu_default_action(W_SIGSEGV), SIGEMU_DEFAULT_CORE);
}

static void t_ctrl_event_names(void) {
  /* Python's Signals enum on Windows lists CTRL_C_EVENT (0) and
   * CTRL_BREAK_EVENT (1): both directions must resolve. */
  T_EQ_INT(sigemu_signum("CTRL_C_EVENT"), 0);
  T_EQ_INT(sigemu_signum("CTRL_BREAK_EVENT"), 1);
  if (sigemu_signame(0) == NULL)
    T_SKIP("sigemu_signame() does not look at the alias table yet "
           "(core change requested)");
  T_EQ_STR(sigemu_signame(0), "CTRL_C_EVENT");
  T_EQ_STR(sigemu_signame(1), "CTRL_BREAK_EVENT");
  T_EQ_STR(sigemu_signame(W_SIGINT), "SIGINT");
}

static void t_unavailable_features_say_enosys(void) {
  T_FALSE(sigemu_available(SIGEMU_FEATURE_SIGINTERRUPT));
  T_FALSE(sigemu_available(SIGEMU_FEATURE_PIDFD_SEND_SIGNAL));
  T_TRUE(sigemu_available(SIGEMU_FEATURE_PTHREAD_SIGMASK));
  T_TRUE(sigemu_available(SIGEMU_FEATURE_ITIMER_REAL));
  T_TRUE(strlen(sigemu_feature_note(SIGEMU_FEATURE_SIGINTERRUPT)) > 0);
  T_EQ_ERR(sigemu_siginterrupt(W_SIGINT, true), SIGEMU_ENOSYS);
  T_EQ_ERR(sigemu_pidfd_send_signal(3, W_SIGTERM, 0), SIGEMU_ENOSYS);
  double ov = -1, oi = -1;
  T_EQ_ERR(sigemu_setitimer(SIGEMU_ITIMER_VIRTUAL, 1.0, 0, &ov, &oi),
           SIGEMU_ENOSYS);
  T_EQ_ERR(sigemu_setitimer(SIGEMU_ITIMER_PROF, 1.0, 0, NULL, NULL),
           SIGEMU_ENOSYS);
  double v = -1, iv = -1;
  T_EQ_ERR(sigemu_getitimer(SIGEMU_ITIMER_REAL, &v, &iv), 0);
  T_EQ_DBL(v, 0.0, 0);
}

/* ---- bad input: every non-whitelisted number ------------------------------ */

typedef struct {
  sigemu_action act[23];
  sigemu_sigset mask, pending;
} snapshot;

static void snap(snapshot *s) {
  memset(s, 0, sizeof *s);
  for (int i = 1; i < 23; i++) sigemu_getsignal(i, &s->act[i]);
  sigemu_pthread_sigmask(SIGEMU_SIG_BLOCK, NULL, &s->mask);
  sigemu_sigpending(&s->pending);
}
static bool snap_equal(const snapshot *a, const snapshot *b) {
  for (int i = 1; i < 23; i++)
    if (a->act[i].kind != b->act[i].kind || a->act[i].fn != b->act[i].fn)
      return false;
  return set_equal(&a->mask, &b->mask) && set_equal(&a->pending, &b->pending);
}

static void t_non_whitelisted_signals_rejected_state_unchanged(void) {
  T_EQ_ERR(catch_sig(W_SIGTERM), 0);
  sigemu_sigset m;
  sigemu_sigemptyset(&m);
  sigemu_sigaddset(&m, W_SIGINT);
  T_EQ_ERR(sigemu_pthread_sigmask(SIGEMU_SIG_BLOCK, &m, NULL), 0);
  snapshot before, after;
  snap(&before);
  sigemu_action a = {SIGEMU_CALL, rec, NULL}, old = {SIGEMU_IGN, NULL, NULL};
  for (int s = -3; s <= 130; s++) {
    if (is_valid(s)) continue;
    int r = sigemu_signal(s, &a, &old);
    if (r != SIGEMU_EINVALSIG)
      T_FAIL_("signal(%d): got %s, expected SIGEMU_EINVALSIG", s,
              harness_errname(r));
    T_EQ_INT(old.kind, SIGEMU_IGN); /* *old untouched on failure */
    if (s != 0) { /* raise_signal(0) is not a signal on any platform */
      r = sigemu_raise_signal(s);
      if (r != SIGEMU_EINVALSIG)
        T_FAIL_("raise_signal(%d): got %s", s, harness_errname(r));
    }
  }
  /* In range but not a Windows signal: CPython's getsignal() says None. */
  sigemu_action cur;
  T_EQ_ERR(sigemu_getsignal(9, &cur), 0);
  T_EQ_INT(cur.kind, SIGEMU_FOREIGN);
  T_EQ_ERR(sigemu_getsignal(23, &cur), SIGEMU_ERANGE_SIG);
  T_EQ_ERR(sigemu_pthread_kill(sigemu_main_thread(), 9), SIGEMU_EINVAL);
  /* A mask with a number >= NSIG is refused as a whole. */
  sigemu_sigaddset(&m, 26);
  T_EQ_ERR(sigemu_pthread_sigmask(SIGEMU_SIG_BLOCK, &m, NULL),
           SIGEMU_EMASKRANGE);
  snap(&after);
  T_TRUE(snap_equal(&before, &after));
  T_EQ_INT(sigemu_check(), 0);
  T_EQ_INT(runs[W_SIGTERM], 0);
}

typedef struct {
  int r_bad, r_good;
} off_main;
static unsigned __stdcall off_main_thread(void *p) {
  off_main *o = p;
  sigemu_action a = {SIGEMU_CALL, rec, NULL};
  o->r_bad = sigemu_signal(9, &a, NULL);
  o->r_good = sigemu_signal(W_SIGINT, &a, NULL);
  return 0;
}

static void t_whitelist_checked_before_main_thread(void) {
  off_main o = {0, 0};
  join((HANDLE)_beginthreadex(NULL, 0, off_main_thread, &o, 0, NULL));
  T_EQ_ERR(o.r_bad, SIGEMU_EINVALSIG);
  T_EQ_ERR(o.r_good, SIGEMU_ENOTMAIN);
}

/* ---- console control events ------------------------------------------------ */

static void t_ctrl_c_handler_runs_later_on_main_thread(void) {
  T_EQ_ERR(catch_sig(W_SIGINT), 0);
  actor a = {0, CTRL_C_EVENT, 0, -1, 0, 0};
  join(start_actor(&a));
  T_EQ_INT(a.result, 1);          /* handled: Windows must not end us */
  T_EQ_INT(runs[W_SIGINT], 0);    /* never on the console thread */
  T_EQ_INT(sigemu_check(), 0);
  T_EQ_INT(runs[W_SIGINT], 1);
  T_EQ_INT(ran_on[W_SIGINT], GetCurrentThreadId());
  T_EQ_INT(sigemu_check(), 0);
  T_EQ_INT(runs[W_SIGINT], 1);    /* ran once */
}

static void t_ctrl_break_is_sigbreak(void) {
  T_EQ_ERR(catch_sig(W_SIGBREAK), 0);
  actor a = {0, CTRL_BREAK_EVENT, 0, -1, 0, 0};
  join(start_actor(&a));
  T_EQ_INT(a.result, 1);
  T_EQ_INT(sigemu_check(), 0);
  T_EQ_INT(runs[W_SIGBREAK], 1);
  T_EQ_INT(runs[W_SIGINT], 0);
}

static void t_ctrl_c_default_is_left_to_windows(void) {
  /* SIG_DFL: the routine declines, so Windows' own default ends the
   * process (tested for real in t_child_unhandled_ctrl_c_ends_process). */
  actor a = {0, CTRL_C_EVENT, 0, -1, 0, 0};
  join(start_actor(&a));
  T_EQ_INT(a.result, 0);
  sigemu_sigset p;
  sigemu_sigpending(&p);
  T_TRUE(sigemu_sigisempty(&p));
  /* SIG_IGN: taken and dropped, as the CRT does. */
  T_EQ_ERR(set_kind(W_SIGINT, SIGEMU_IGN), 0);
  a.result = -1;
  join(start_actor(&a));
  T_EQ_INT(a.result, 1);
  T_EQ_INT(sigemu_check(), 0);
  /* Other events are not ours. */
  a.ctrl = CTRL_LOGOFF_EVENT;
  a.result = -1;
  join(start_actor(&a));
  T_EQ_INT(a.result, 0);
}

static void t_ctrl_c_python_default_raises_keyboard_interrupt(void) {
  sigemu_action a = {SIGEMU_CALL, sigemu_default_int_handler, NULL};
  T_EQ_ERR(sigemu_signal(W_SIGINT, &a, NULL), 0);
  actor ac = {0, CTRL_C_EVENT, 0, -1, 0, 0};
  join(start_actor(&ac));
  T_EQ_INT(ac.result, 1);
  T_EQ_INT(sigemu_check(), SIGEMU_KEYBOARD_INTERRUPT);
  T_EQ_INT(sigemu_check(), 0);
}

static void t_ctrl_c_blocked_with_default_stays_pending(void) {
  sigemu_sigset m, p;
  sigemu_sigemptyset(&m);
  sigemu_sigaddset(&m, W_SIGINT);
  T_EQ_ERR(sigemu_pthread_sigmask(SIGEMU_SIG_BLOCK, &m, NULL), 0);
  actor a = {0, CTRL_C_EVENT, 0, -1, 0, 0};
  join(start_actor(&a));
  T_EQ_INT(a.result, 1); /* pending, as POSIX keeps a blocked signal */
  T_EQ_ERR(sigemu_sigpending(&p), 0);
  T_TRUE(set_equal(&p, &m));
  int sig = 0;
  T_EQ_ERR(sigemu_sigwait(&m, &sig), 0);
  T_EQ_INT(sig, W_SIGINT);
  T_EQ_ERR(sigemu_sigpending(&p), 0);
  T_TRUE(sigemu_sigisempty(&p));
}

static void t_ctrl_close_delivers_sigterm(void) {
  actor a = {0, CTRL_CLOSE_EVENT, 0, -1, 0, 0};
  join(start_actor(&a));
  T_EQ_INT(a.result, 0); /* no handler: Windows closes us */
  T_EQ_ERR(catch_sig(W_SIGTERM), 0);
  a.result = -1;
  join(start_actor(&a));
  T_EQ_INT(a.result, 1);
  T_EQ_INT(sigemu_check(), 0);
  T_EQ_INT(runs[W_SIGTERM], 1);
}

static void t_console_routine_unregistered_after_shutdown(void) {
  T_EQ_INT(sigemu__win_console_event(CTRL_C_EVENT), 0);
  T_EQ_ERR(catch_sig(W_SIGINT), 0);
  sigemu_shutdown();
  T_EQ_INT(sigemu__win_console_event(CTRL_C_EVENT), 0); /* gone */
  T_FALSE(sigemu__win_crt_handler_installed(W_SIGINT));
  /* The CRT disposition is back to what it was before init. */
  void (*prev)(int) = signal(SIGINT, SIG_DFL);
  T_TRUE(prev == SIG_DFL);
  sigemu_options o = {.report = report_cb};
  T_EQ_ERR(sigemu_init(&o), 0);
  T_EQ_ERR(catch_sig(W_SIGINT), 0);
  T_EQ_INT(sigemu__win_console_event(CTRL_C_EVENT), 1);
  T_EQ_INT(sigemu_check(), 0);
  T_EQ_INT(runs[W_SIGINT], 1);
}

/* ---- the CRT's raise() ---------------------------------------------------- */

static void t_crt_raise_reaches_handler_and_stays_installed(void) {
  T_EQ_ERR(catch_sig(W_SIGTERM), 0);
  T_TRUE(sigemu__win_crt_handler_installed(W_SIGTERM));
  T_EQ_INT(raise(SIGTERM), 0);
  T_EQ_INT(runs[W_SIGTERM], 0); /* not inside raise() */
  T_EQ_INT(sigemu_check(), 0);
  T_EQ_INT(runs[W_SIGTERM], 1);
  T_EQ_INT(raise(SIGTERM), 0); /* the CRT reset it; sigemu put it back */
  T_EQ_INT(sigemu_check(), 0);
  T_EQ_INT(runs[W_SIGTERM], 2);
  T_EQ_ERR(catch_sig(W_SIGFPE), 0);
  T_EQ_INT(raise(SIGFPE), 0); /* SIG_DFL would end the process */
  T_EQ_INT(sigemu_check(), 0);
  T_EQ_INT(runs[W_SIGFPE], 1);
}

static void t_crt_dispositions_follow_sigemu(void) {
  T_EQ_ERR(set_kind(W_SIGTERM, SIGEMU_IGN), 0);
  T_FALSE(sigemu__win_crt_handler_installed(W_SIGTERM));
  T_EQ_INT(raise(SIGTERM), 0); /* ignored by the CRT itself */
  T_EQ_INT(sigemu_check(), 0);
  T_EQ_ERR(catch_sig(W_SIGABRT), 0);
  T_TRUE(sigemu__win_crt_handler_installed(W_SIGABRT));
  T_EQ_ERR(set_kind(W_SIGABRT, SIGEMU_DFL), 0);
  T_FALSE(sigemu__win_crt_handler_installed(W_SIGABRT));
  void (*prev)(int) = signal(SIGABRT, SIG_DFL);
  T_TRUE(prev == SIG_DFL);
  /* SIGALRM is sigemu's own: nothing in the CRT, still catchable. */
  T_EQ_ERR(catch_sig(W_SIGALRM), 0);
  T_FALSE(sigemu__win_crt_handler_installed(W_SIGALRM));
  T_EQ_ERR(sigemu_raise_signal(W_SIGALRM), 0);
  T_EQ_INT(runs[W_SIGALRM], 1);
}

/* ---- waits ------------------------------------------------------------------ */

static void t_sleep_interrupted_by_ctrl_c(void) {
  sigemu_action a = {SIGEMU_CALL, sigemu_default_int_handler, NULL};
  T_EQ_ERR(sigemu_signal(W_SIGINT, &a, NULL), 0);
  actor ac = {100, CTRL_C_EVENT, 0, -1, 0, 0};
  HANDLE h = start_actor(&ac);
  double t0 = now_s();
  int r = sigemu_sleep(20.0);
  double dt = now_s() - t0;
  join(h);
  T_EQ_INT(r, SIGEMU_KEYBOARD_INTERRUPT);
  T_TRUE(dt >= 0.05);
  T_TRUE(dt < 10.0);
}

static void t_sleep_not_shortened_by_returning_handler(void) {
  T_EQ_ERR(catch_sig(W_SIGBREAK), 0);
  actor ac = {50, CTRL_BREAK_EVENT, 0, -1, 0, 0};
  HANDLE h = start_actor(&ac);
  double t0 = now_s();
  T_EQ_INT(sigemu_sleep(0.4), 0);
  double dt = now_s() - t0;
  join(h);
  T_EQ_INT(runs[W_SIGBREAK], 1);
  T_TRUE(dt >= 0.399);
  T_TRUE(dt < 10.0);
}

static void t_pause_woken_by_ctrl_break(void) {
  T_EQ_ERR(catch_sig(W_SIGBREAK), 0);
  handler_ret[W_SIGBREAK] = 7;
  actor ac = {50, CTRL_BREAK_EVENT, 0, -1, 0, 0};
  HANDLE h = start_actor(&ac);
  T_EQ_INT(sigemu_pause(), 7);
  join(h);
  T_EQ_INT(runs[W_SIGBREAK], 1);
}

static void t_sigtimedwait_times_out_without_spinning(void) {
  sigemu_sigset m;
  sigemu_siginfo info;
  sigemu_sigemptyset(&m);
  sigemu_sigaddset(&m, W_SIGTERM);
  double t0 = now_s(), c0 = cpu_s();
  T_EQ_ERR(sigemu_sigtimedwait(&m, 0.5, &info), SIGEMU_EAGAIN);
  double dt = now_s() - t0, dc = cpu_s() - c0;
  T_TRUE(dt >= 0.499);
  T_TRUE(dt < 10.0);
  /* A spinning wait would burn ~0.5 s of CPU. */
  if (dc >= 0.2) T_FAIL_("sigtimedwait used %.3f s of CPU in %.3f s", dc, dt);
  T_EQ_ERR(sigemu_sigtimedwait(&m, 0.0, &info), SIGEMU_EAGAIN); /* poll */
}

static void t_masks_pending_and_unblock(void) {
  T_EQ_ERR(catch_sig(W_SIGTERM), 0);
  T_EQ_ERR(catch_sig(W_SIGBREAK), 0);
  sigemu_sigset m, old, p;
  sigemu_sigemptyset(&m);
  sigemu_sigaddset(&m, W_SIGTERM);
  sigemu_sigaddset(&m, W_SIGBREAK);
  T_EQ_ERR(sigemu_pthread_sigmask(SIGEMU_SIG_BLOCK, &m, &old), 0);
  T_TRUE(sigemu_sigisempty(&old));
  T_EQ_ERR(sigemu_raise_signal(W_SIGTERM), 0);
  T_EQ_INT(sigemu__win_console_event(CTRL_BREAK_EVENT), 1);
  T_EQ_INT(raise(SIGTERM), 0); /* the CRT path respects the mask too */
  T_EQ_INT(sigemu_check(), 0);
  T_EQ_INT(runs[W_SIGTERM] + runs[W_SIGBREAK], 0);
  T_EQ_ERR(sigemu_sigpending(&p), 0);
  T_TRUE(set_equal(&p, &m));
  T_EQ_ERR(sigemu_pthread_sigmask(SIGEMU_SIG_UNBLOCK, &m, NULL), 0);
  T_EQ_INT(runs[W_SIGTERM], 1); /* coalesced */
  T_EQ_INT(runs[W_SIGBREAK], 1);
  T_EQ_ERR(sigemu_sigpending(&p), 0);
  T_TRUE(sigemu_sigisempty(&p));
}

static void t_sigwaitinfo_takes_console_event_without_handler(void) {
  T_EQ_ERR(catch_sig(W_SIGINT), 0);
  sigemu_sigset m;
  sigemu_sigemptyset(&m);
  sigemu_sigaddset(&m, W_SIGINT);
  T_EQ_ERR(sigemu_pthread_sigmask(SIGEMU_SIG_BLOCK, &m, NULL), 0);
  actor ac = {50, CTRL_C_EVENT, 0, -1, 0, 0};
  HANDLE h = start_actor(&ac);
  sigemu_siginfo info;
  double t0 = now_s();
  T_EQ_ERR(sigemu_sigwaitinfo(&m, &info), 0);
  double dt = now_s() - t0;
  join(h);
  T_EQ_INT(info.signo, W_SIGINT);
  T_EQ_INT(info.code, SIGEMU_SI_KERNEL);
  T_EQ_INT(runs[W_SIGINT], 0);
  T_TRUE(dt < 10.0);
  /* From another thread to the main thread (pthread_kill): SI_USER, as the
   * reference kernel reports a tgkill. (raise_signal in another thread
   * would target that thread, as on Linux.) */
  actor ar = {30, -1, 0, -1, 0, W_SIGINT};
  h = start_actor(&ar);
  T_EQ_ERR(sigemu_sigtimedwait(&m, 10.0, &info), 0);
  join(h);
  T_EQ_INT(ar.result, 0);
  T_EQ_INT(info.signo, W_SIGINT);
  T_EQ_INT(info.code, SIGEMU_SI_USER);
}

/* ---- the ITIMER_REAL thread -------------------------------------------------- */

static void t_alarm_through_sigtimedwait(void) {
  sigemu_sigset m;
  sigemu_sigemptyset(&m);
  sigemu_sigaddset(&m, W_SIGALRM);
  T_EQ_ERR(sigemu_pthread_sigmask(SIGEMU_SIG_BLOCK, &m, NULL), 0);
  unsigned prev = 99;
  double t0 = now_s(); /* before arming: the deadline is >= t0 + 1 */
  T_EQ_ERR(sigemu_alarm(1, &prev), 0);
  T_EQ_INT(prev, 0);
  double v = 0, iv = -1;
  T_EQ_ERR(sigemu_getitimer(SIGEMU_ITIMER_REAL, &v, &iv), 0);
  T_TRUE(v > 0.0 && v <= 1.0);
  T_EQ_DBL(iv, 0.0, 0);
  sigemu_siginfo info;
  T_EQ_ERR(sigemu_sigtimedwait(&m, 10.0, &info), 0);
  double dt = now_s() - t0;
  T_EQ_INT(info.signo, W_SIGALRM);
  T_EQ_INT(info.code, SIGEMU_SI_KERNEL);
  T_TRUE(dt >= 0.9);
  T_TRUE(dt < 6.0);
  T_EQ_ERR(sigemu_getitimer(SIGEMU_ITIMER_REAL, &v, &iv), 0);
  T_EQ_DBL(v, 0.0, 0);
}

static void t_itimer_fires_while_main_thread_blocks(void) {
  /* The main thread sits in pause(); only the timer thread can wake it. */
  T_EQ_ERR(catch_sig(W_SIGALRM), 0);
  double t0 = now_s();
  T_EQ_ERR(sigemu_setitimer(SIGEMU_ITIMER_REAL, 0.05, 0.05, NULL, NULL), 0);
  for (int i = 0; i < 3 && runs[W_SIGALRM] < 3; i++) T_EQ_INT(sigemu_pause(), 0);
  while (runs[W_SIGALRM] < 3 && now_s() - t0 < 10) T_EQ_INT(sigemu_pause(), 0);
  double dt = now_s() - t0;
  double ov = 0, oi = 0;
  T_EQ_ERR(sigemu_setitimer(SIGEMU_ITIMER_REAL, 0, 0, &ov, &oi), 0);
  T_EQ_DBL(oi, 0.05, 1e-9);
  T_TRUE(runs[W_SIGALRM] >= 3);
  T_TRUE(dt >= 0.14); /* three periods of 50 ms, on absolute deadlines */
  T_TRUE(dt < 10.0);
  for (int i = 1; i < 3; i++) T_TRUE(ran_at[W_SIGALRM][i] > ran_at[W_SIGALRM][i - 1]);
  /* Disarmed: nothing more arrives. */
  LONG n = runs[W_SIGALRM];
  T_EQ_INT(sigemu_sleep(0.2), 0);
  T_EQ_INT(runs[W_SIGALRM], n);
}

static void t_timer_and_console_event_in_time_order(void) {
  T_EQ_ERR(catch_sig(W_SIGALRM), 0);
  T_EQ_ERR(catch_sig(W_SIGBREAK), 0);
  double t0 = now_s();
  T_EQ_ERR(sigemu_setitimer(SIGEMU_ITIMER_REAL, 0.4, 0, NULL, NULL), 0);
  actor ac = {50, CTRL_BREAK_EVENT, 0, -1, 0, 0};
  HANDLE h = start_actor(&ac);
  while ((runs[W_SIGALRM] == 0 || runs[W_SIGBREAK] == 0) && now_s() - t0 < 10)
    T_EQ_INT(sigemu_pause(), 0);
  join(h);
  T_EQ_INT(runs[W_SIGBREAK], 1);
  T_EQ_INT(runs[W_SIGALRM], 1);
  T_TRUE(ran_at[W_SIGBREAK][0] < ran_at[W_SIGALRM][0]);
  T_TRUE(now_s() - t0 >= 0.399);
}

static void t_rearming_replaces_the_deadline(void) {
  /* A long timer replaced by a short one: the thread must wake early. */
  T_EQ_ERR(catch_sig(W_SIGALRM), 0);
  T_EQ_ERR(sigemu_setitimer(SIGEMU_ITIMER_REAL, 30.0, 0, NULL, NULL), 0);
  double ov = 0, t0 = now_s();
  T_EQ_ERR(sigemu_setitimer(SIGEMU_ITIMER_REAL, 0.1, 0, &ov, NULL), 0);
  T_TRUE(ov > 29.0 && ov <= 30.0);
  T_EQ_INT(sigemu_pause(), 0);
  double dt = now_s() - t0;
  T_EQ_INT(runs[W_SIGALRM], 1);
  T_TRUE(dt >= 0.09);
  T_TRUE(dt < 10.0);
  unsigned prev = 0;
  T_EQ_ERR(sigemu_alarm(0, &prev), 0);
  T_EQ_INT(prev, 0);
}

static void t_itimer_fires_during_busy_work(void) {
  /* No sigemu wait at all: only the timer thread can notice the deadline;
   * the next sigemu_check() then runs the handler. */
  T_EQ_ERR(catch_sig(W_SIGALRM), 0);
  double t0 = now_s(), dt = 0;
  T_EQ_ERR(sigemu_setitimer(SIGEMU_ITIMER_REAL, 0.1, 0, NULL, NULL), 0);
  volatile double x = 0;
  while (runs[W_SIGALRM] == 0 && (dt = now_s() - t0) < 10) {
    x += 1.0;
    T_EQ_INT(sigemu_check(), 0);
  }
  T_EQ_INT(runs[W_SIGALRM], 1);
  dt = (double)ran_at[W_SIGALRM][0] / 1e9 - t0; /* when the handler ran */
  T_TRUE(dt >= 0.099);
  T_TRUE(dt < 10.0);
}

/* ---- wakeup fd ---------------------------------------------------------------- */

/* A connected loopback TCP pair (Windows has no socketpair). */
static int tcp_pair(SOCKET *a, SOCKET *b) {
  SOCKET l = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
  if (l == INVALID_SOCKET) return -1;
  struct sockaddr_in sa;
  memset(&sa, 0, sizeof sa);
  sa.sin_family = AF_INET;
  sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  int len = sizeof sa;
  if (bind(l, (struct sockaddr *)&sa, sizeof sa) != 0 || listen(l, 1) != 0 ||
      getsockname(l, (struct sockaddr *)&sa, &len) != 0) {
    closesocket(l);
    return -1;
  }
  *a = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
  if (connect(*a, (struct sockaddr *)&sa, sizeof sa) != 0) {
    closesocket(l);
    return -1;
  }
  *b = accept(l, NULL, NULL);
  closesocket(l);
  return *b == INVALID_SOCKET ? -1 : 0;
}

static int recv_byte(SOCKET s) {
  unsigned char c = 0;
  DWORD tmo = 5000;
  setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, (const char *)&tmo, sizeof tmo);
  return recv(s, (char *)&c, 1, 0) == 1 ? c : -1;
}

static void t_wakeup_socket_gets_signal_bytes(void) {
  SOCKET a, b;
  if (tcp_pair(&a, &b) != 0) T_SKIP("no loopback TCP here");
  u_long nb = 1;
  ioctlsocket(a, FIONBIO, &nb);
  intptr_t old = 0;
  T_EQ_ERR(sigemu_set_wakeup_fd((intptr_t)a, true, &old), 0);
  T_EQ_INT(old, -1);
  T_EQ_ERR(catch_sig(W_SIGTERM), 0);
  T_EQ_ERR(catch_sig(W_SIGINT), 0);
  T_EQ_ERR(sigemu_raise_signal(W_SIGTERM), 0);
  T_EQ_INT(recv_byte(b), W_SIGTERM);
  T_EQ_INT(sigemu__win_console_event(CTRL_C_EVENT), 1);
  T_EQ_INT(recv_byte(b), W_SIGINT);
  T_EQ_INT(sigemu_check(), 0);
  T_EQ_INT(runs[W_SIGINT], 1);
  T_EQ_ERR(sigemu_set_wakeup_fd(-1, true, &old), 0);
  T_EQ_INT(old, (intptr_t)a);
  closesocket(a);
  closesocket(b);
  T_EQ_STR(reports, "");
}

static void t_alarm_wakes_a_foreign_wait_through_the_wakeup_socket(void) {
  /* The main thread waits in recv(), outside sigemu, as an event loop
   * would: the timer thread's trip writes the byte that wakes it. */
  SOCKET a, b;
  if (tcp_pair(&a, &b) != 0) T_SKIP("no loopback TCP here");
  u_long nb = 1;
  ioctlsocket(a, FIONBIO, &nb);
  T_EQ_ERR(catch_sig(W_SIGALRM), 0);
  T_EQ_ERR(sigemu_set_wakeup_fd((intptr_t)a, true, NULL), 0);
  double t0 = now_s();
  T_EQ_ERR(sigemu_setitimer(SIGEMU_ITIMER_REAL, 0.15, 0, NULL, NULL), 0);
  T_EQ_INT(recv_byte(b), W_SIGALRM);
  double dt = now_s() - t0;
  T_TRUE(dt >= 0.14);
  T_TRUE(dt < 6.0);
  T_EQ_INT(runs[W_SIGALRM], 0); /* tripped, not run: no check yet */
  T_EQ_INT(sigemu_check(), 0);
  T_EQ_INT(runs[W_SIGALRM], 1);
  T_EQ_ERR(sigemu_set_wakeup_fd(-1, true, NULL), 0);
  closesocket(a);
  closesocket(b);
}

static void t_wakeup_crt_pipe_gets_signal_bytes(void) {
  int fds[2];
  T_EQ_INT(_pipe(fds, 256, _O_BINARY), 0);
  T_EQ_ERR(sigemu_set_wakeup_fd(fds[1], true, NULL), 0);
  T_EQ_ERR(catch_sig(W_SIGABRT), 0);
  T_EQ_ERR(sigemu_raise_signal(W_SIGABRT), 0);
  unsigned char c = 0;
  T_EQ_INT(_read(fds[0], &c, 1), 1);
  T_EQ_INT(c, W_SIGABRT);
  T_EQ_INT(runs[W_SIGABRT], 1);
  T_EQ_ERR(sigemu_set_wakeup_fd(-1, true, NULL), 0);
  _close(fds[0]);
  _close(fds[1]);
}

static void t_wakeup_bad_fds_rejected_state_unchanged(void) {
  int fds[2];
  T_EQ_INT(_pipe(fds, 256, _O_BINARY), 0);
  T_EQ_ERR(sigemu_set_wakeup_fd(fds[1], true, NULL), 0);
  intptr_t old = 1234;
  T_EQ_ERR(sigemu_set_wakeup_fd(4000, true, &old), SIGEMU_EBADF);
  T_EQ_INT(old, 1234);
  T_EQ_ERR(sigemu_set_wakeup_fd(-5, true, &old), SIGEMU_EBADF);
  T_EQ_ERR(sigemu_set_wakeup_fd((intptr_t)1 << 40, true, &old), SIGEMU_EBADF);
  SOCKET a, b;
  if (tcp_pair(&a, &b) == 0) {
    closesocket(b);
    closesocket(a); /* a closed socket handle */
    T_EQ_ERR(sigemu_set_wakeup_fd((intptr_t)a, true, &old), SIGEMU_EBADF);
  }
  int spare = _dup(fds[0]);
  _close(spare); /* a closed CRT fd */
  T_EQ_ERR(sigemu_set_wakeup_fd(spare, true, &old), SIGEMU_EBADF);
  T_EQ_INT(old, 1234);
  /* Still the pipe. */
  T_EQ_ERR(sigemu_set_wakeup_fd(-1, true, &old), 0);
  T_EQ_INT(old, fds[1]);
  _close(fds[0]);
  _close(fds[1]);
}

static void t_wakeup_socket_full_warns_with_send_to(void) {
  SOCKET a, b;
  if (tcp_pair(&a, &b) != 0) T_SKIP("no loopback TCP here");
  u_long nb = 1;
  ioctlsocket(a, FIONBIO, &nb);
  int small = 1;
  setsockopt(a, SOL_SOCKET, SO_SNDBUF, (const char *)&small, sizeof small);
  setsockopt(b, SOL_SOCKET, SO_RCVBUF, (const char *)&small, sizeof small);
  static char junk[65536];
  int full = 0;
  for (int i = 0; i < 4096 && !full; i++)
    if (send(a, junk, sizeof junk, 0) == SOCKET_ERROR)
      full = WSAGetLastError() == WSAEWOULDBLOCK;
  if (!full) {
    closesocket(a);
    closesocket(b);
    T_SKIP("could not fill a loopback socket buffer");
  }
  T_EQ_ERR(catch_sig(W_SIGTERM), 0);
  T_EQ_ERR(sigemu_set_wakeup_fd((intptr_t)a, false, NULL), 0);
  T_EQ_ERR(sigemu_raise_signal(W_SIGTERM), 0);
  T_EQ_STR(reports, ""); /* full buffer, warn_on_full_buffer=False */
  T_EQ_ERR(sigemu_set_wakeup_fd((intptr_t)a, true, NULL), 0);
  T_EQ_ERR(sigemu_raise_signal(W_SIGTERM), 0);
  T_EQ_INT(runs[W_SIGTERM], 2);
  const char *want =
      "Exception ignored when trying to send to the signal wakeup fd:\n"
      "BlockingIOError: [WinError 10035] ";
  if (strncmp(reports, want, strlen(want)) != 0)
    T_FAIL_("report: \"%s\"", reports);
  T_EQ_ERR(sigemu_set_wakeup_fd(-1, true, NULL), 0);
  closesocket(a);
  closesocket(b);
}

static void t_wakeup_crt_fd_error_says_write_to(void) {
  int fds[2];
  T_EQ_INT(_pipe(fds, 256, _O_BINARY), 0);
  T_EQ_ERR(sigemu_set_wakeup_fd(fds[0], true, NULL), 0); /* read end */
  T_EQ_ERR(catch_sig(W_SIGTERM), 0);
  T_EQ_ERR(sigemu_raise_signal(W_SIGTERM), 0);
  T_EQ_INT(runs[W_SIGTERM], 1);
  const char *want =
      "Exception ignored when trying to write to the signal wakeup fd:\n"
      "OSError: [Errno ";
  if (strncmp(reports, want, strlen(want)) != 0)
    T_FAIL_("report: \"%s\"", reports);
  T_EQ_ERR(sigemu_set_wakeup_fd(-1, true, NULL), 0);
  _close(fds[0]);
  _close(fds[1]);
}

/* ---- threads ------------------------------------------------------------------ */

static unsigned __stdcall quick_thread(void *p) {
  *(DWORD *)p = GetCurrentThreadId();
  return 0;
}

static void t_pthread_kill_and_thread_existence(void) {
  T_EQ_ERR(sigemu_pthread_kill(sigemu_main_thread(), 0), 0);
  T_EQ_INT(sigemu_thread_self(), GetCurrentThreadId());
  DWORD tid = 0;
  HANDLE h = (HANDLE)_beginthreadex(NULL, 0, quick_thread, &tid, 0, NULL);
  WaitForSingleObject(h, 10000);
  CloseHandle(h);
  T_NE_INT(tid, 0);
  T_EQ_ERR(sigemu_pthread_kill(tid, 0), SIGEMU_ESRCH); /* ended */
  T_EQ_ERR(sigemu_pthread_kill(0, 0), SIGEMU_ESRCH);
  T_EQ_ERR(sigemu_pthread_kill((sigemu_thread)1 << 40, 0), SIGEMU_ESRCH);
  T_EQ_ERR(catch_sig(W_SIGTERM), 0);
  T_EQ_ERR(sigemu_pthread_kill(sigemu_main_thread(), W_SIGTERM), 0);
  T_EQ_INT(runs[W_SIGTERM], 1);
}

static void t_cpu_clock_moves_with_work_only(void) {
  /* Busy until the CPU clock has moved 0.1 s (the machine may be loaded:
   * wall time is only a safety net), then asleep: it must hardly move. */
  int64_t c0 = sigemu__plat_cpu_ns(), w0 = sigemu__plat_now_ns();
  T_TRUE(c0 >= 0);
  volatile double x = 0;
  int64_t c1 = c0;
  while ((c1 = sigemu__plat_cpu_ns()) - c0 < 100000000 &&
         sigemu__plat_now_ns() - w0 < 20000000000LL)
    for (int i = 0; i < 100000; i++) x += 1.0;
  T_TRUE(c1 - c0 >= 100000000);
  int64_t w1 = sigemu__plat_now_ns();
  Sleep(300);
  int64_t c2 = sigemu__plat_cpu_ns(), w2 = sigemu__plat_now_ns();
  T_TRUE(c2 - c1 < 150000000);
  T_TRUE(w2 - w1 >= 290000000); /* the monotonic clock moved meanwhile */
}

/* ---- children: what ends a process ---------------------------------------- */

/* Runs `self --child name`; the exit code, or -1. */
static long run_child(const char *name, double *secs) {
  char cmd[1024];
  snprintf(cmd, sizeof cmd, "\"%s\" --child %s", self_exe, name);
  STARTUPINFOA si;
  PROCESS_INFORMATION pi;
  memset(&si, 0, sizeof si);
  si.cb = sizeof si;
  double t0 = now_s();
  fflush(stdout);
  if (!CreateProcessA(NULL, cmd, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi))
    return -1;
  DWORD code = 0;
  if (WaitForSingleObject(pi.hProcess, 20000) != WAIT_OBJECT_0) {
    TerminateProcess(pi.hProcess, 99);
    code = (DWORD)-2;
  } else {
    GetExitCodeProcess(pi.hProcess, &code);
  }
  if (secs) *secs = now_s() - t0;
  CloseHandle(pi.hThread);
  CloseHandle(pi.hProcess);
  return (long)code;
}

#define CHILD_SURVIVED 77
#define CHILD_NO_CONSOLE 78

/* A console of our own, so that CTRL_C_EVENT reaches only this process. */
static bool own_console(void) {
  FreeConsole();
  return AllocConsole() || GetConsoleWindow() != NULL ||
         GetLastError() == ERROR_INVALID_HANDLE; /* Wine: made one anyway */
}

/* The kit's lock (src/emu/lock.c), taken here the way a thread in the
 * middle of any kit call holds it. */
void sigemu__kit_lock(void);

static unsigned __stdcall hold_kit_lock(void *ev) {
  sigemu__kit_lock();
  SetEvent((HANDLE)ev);
  Sleep(INFINITE);
  return 0;
}

static int child_main(const char *name) {
  sigemu_options o = {.python_defaults = false};
  if (strcmp(name, "ctrl-c-default") == 0) {
    own_console();
    sigemu_init(&o);
    if (!GenerateConsoleCtrlEvent(CTRL_C_EVENT, 0)) return CHILD_NO_CONSOLE;
    Sleep(5000);
    sigemu_check();
    return CHILD_SURVIVED;
  }
  if (strcmp(name, "ctrl-c-handled") == 0) {
    own_console();
    o.python_defaults = true;
    sigemu_init(&o);
    /* Wine now and then drops the first event sent to a console it has just
     * made (seen once in a clean-clone run); send again if none arrived.
     * What is asserted is unchanged: a delivered Ctrl+C ends the sleep
     * through the handler, with KeyboardInterrupt. */
    for (int attempt = 0; attempt < 3; attempt++) {
      if (!GenerateConsoleCtrlEvent(CTRL_C_EVENT, 0)) return CHILD_NO_CONSOLE;
      int r = sigemu_sleep(4.0);
      if (r == SIGEMU_KEYBOARD_INTERRUPT) return 42;
      if (r != 0) return 41; /* an error, not a lost event */
    }
    return 40;
  }
  if (strcmp(name, "exit-while-kit-busy") == 0) {
    /* ExitProcess ends the other threads wherever they are, then runs the
     * exiting thread's fiber-local destructors, sigemu's among them: one
     * must not wait for a lock that an ended thread held (Windows' console
     * thread, killed inside its control routine, did this now and then). */
    sigemu_init(&o);
    sigemu_sigset none;
    sigemu_sigemptyset(&none);
    sigemu_pthread_sigmask(SIGEMU_SIG_BLOCK, &none, NULL); /* registers us */
    HANDLE ev = CreateEventW(NULL, TRUE, FALSE, NULL);
    if (!ev || !_beginthreadex(NULL, 0, hold_kit_lock, ev, 0, NULL)) return 41;
    WaitForSingleObject(ev, INFINITE);
    return 43;
  }
  if (strcmp(name, "raise-default") == 0) {
    sigemu_init(&o);
    sigemu_raise_signal(W_SIGTERM);
    return CHILD_SURVIVED;
  }
  if (strcmp(name, "raise-default-core") == 0) {
    sigemu_init(&o);
    sigemu_raise_signal(W_SIGSEGV);
    return CHILD_SURVIVED;
  }
  if (strcmp(name, "alarm-default") == 0) {
    sigemu_init(&o);
    sigemu_alarm(1, NULL);
    sigemu_sleep(15.0);
    return CHILD_SURVIVED;
  }
  if (strcmp(name, "crt-raise-blocked-default") == 0) {
    /* A CRT raise() of a SIG_DFL signal is the CRT's: it ends the process
     * even while sigemu's mask blocks the signal (see docs/windows.md). */
    sigemu_init(&o);
    sigemu_sigset m;
    sigemu_sigemptyset(&m);
    sigemu_sigaddset(&m, W_SIGTERM);
    sigemu_pthread_sigmask(SIGEMU_SIG_BLOCK, &m, NULL);
    raise(SIGTERM);
    return CHILD_SURVIVED;
  }
  return 1;
}

static void t_child_unhandled_ctrl_c_ends_process(void) {
  long code = run_child("ctrl-c-default", NULL);
  if (code == CHILD_NO_CONSOLE) T_SKIP("GenerateConsoleCtrlEvent not supported here");
  /* Windows: STATUS_CONTROL_C_EXIT; Wine's default routine exits with 0. */
  T_NE_INT(code, CHILD_SURVIVED);
  T_TRUE(code == (long)0xC000013AL || code == 0);
}

static void t_child_real_ctrl_c_runs_handler(void) {
  long code = run_child("ctrl-c-handled", NULL);
  if (code == CHILD_NO_CONSOLE) T_SKIP("GenerateConsoleCtrlEvent not supported here");
  T_EQ_INT(code, 42);
}

static void t_child_raise_default_exits_128_plus_sig(void) {
  T_EQ_INT(run_child("raise-default", NULL), 128 + W_SIGTERM);
  /* A core action ends with 128+sig too (no core file on Windows). */
  T_EQ_INT(run_child("raise-default-core", NULL), 128 + W_SIGSEGV);
}

static void t_child_alarm_default_terminates_on_time(void) {
  double secs = 0;
  T_EQ_INT(run_child("alarm-default", &secs), 128 + W_SIGALRM);
  T_TRUE(secs >= 0.9);
  T_TRUE(secs < 12.0);
}

static void t_child_exit_while_another_thread_holds_the_kit(void) {
  T_EQ_INT(run_child("exit-while-kit-busy", NULL), 43);
}

static void t_child_crt_raise_default_is_crt_default(void) {
  T_EQ_INT(run_child("crt-raise-blocked-default", NULL), 3);
}

static const harness_test tests[] = {
    T(t_backend_table_and_names),
    T(t_ctrl_event_names),
    T(t_unavailable_features_say_enosys),
    T(t_non_whitelisted_signals_rejected_state_unchanged),
    T(t_whitelist_checked_before_main_thread),
    T(t_ctrl_c_handler_runs_later_on_main_thread),
    T(t_ctrl_break_is_sigbreak),
    T(t_ctrl_c_default_is_left_to_windows),
    T(t_ctrl_c_python_default_raises_keyboard_interrupt),
    T(t_ctrl_c_blocked_with_default_stays_pending),
    T(t_ctrl_close_delivers_sigterm),
    T(t_console_routine_unregistered_after_shutdown),
    T(t_crt_raise_reaches_handler_and_stays_installed),
    T(t_crt_dispositions_follow_sigemu),
    T(t_sleep_interrupted_by_ctrl_c),
    T(t_sleep_not_shortened_by_returning_handler),
    T(t_pause_woken_by_ctrl_break),
    T(t_sigtimedwait_times_out_without_spinning),
    T(t_masks_pending_and_unblock),
    T(t_sigwaitinfo_takes_console_event_without_handler),
    T(t_alarm_through_sigtimedwait),
    T(t_itimer_fires_while_main_thread_blocks),
    T(t_timer_and_console_event_in_time_order),
    T(t_rearming_replaces_the_deadline),
    T(t_itimer_fires_during_busy_work),
    T(t_wakeup_socket_gets_signal_bytes),
    T(t_alarm_wakes_a_foreign_wait_through_the_wakeup_socket),
    T(t_wakeup_crt_pipe_gets_signal_bytes),
    T(t_wakeup_bad_fds_rejected_state_unchanged),
    T(t_wakeup_socket_full_warns_with_send_to),
    T(t_wakeup_crt_fd_error_says_write_to),
    T(t_pthread_kill_and_thread_existence),
    T(t_cpu_clock_moves_with_work_only),
    T(t_child_unhandled_ctrl_c_ends_process),
    T(t_child_real_ctrl_c_runs_handler),
    T(t_child_raise_default_exits_128_plus_sig),
    T(t_child_alarm_default_terminates_on_time),
    T(t_child_crt_raise_default_is_crt_default),
    T(t_child_exit_while_another_thread_holds_the_kit),
};

int main(int argc, char **argv) {
  GetModuleFileNameA(NULL, self_exe, sizeof self_exe);
  if (argc == 3 && strcmp(argv[1], "--child") == 0) return child_main(argv[2]);
  harness_setup = setup;
  harness_teardown = teardown;
  return harness_main(argc, argv, tests, HARNESS_COUNT(tests));
}
