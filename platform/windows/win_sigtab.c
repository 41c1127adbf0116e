/* win_sigtab.c — the Windows backend's signal table, names and availability.
 *
 * Windows has no POSIX signals. Its C runtime knows seven (SIGINT 2, SIGILL 4,
 * SIGFPE 8, SIGSEGV 11, SIGTERM 15, SIGBREAK 21, SIGABRT 22, NSIG 23), and
 * CPython on Windows accepts exactly those in signal.signal() and returns
 * them from valid_signals(). sigemu keeps those numbers and that whitelist.
 *
 * One addition: SIGALRM (14, the number mingw-w64's <signal.h> gives it).
 * sigemu promises emulated itimers on Windows, and the kit delivers
 * ITIMER_REAL expiries as the signal named "SIGALRM"; without a number there
 * alarm() and setitimer() could only fail. CPython on Windows has no alarm()
 * at all, so no Python program sees the difference. SIGVTALRM (26) and
 * SIGPROF (27) do not fit under NSIG 23, so ITIMER_VIRTUAL / ITIMER_PROF are
 * not available here (the kit answers SIGEMU_ENOSYS when the name is
 * missing). The whitelist used by signal() is the CRT seven plus SIGALRM;
 * see docs/windows.md for the reasoning.
 *
 * CTRL_C_EVENT (0) and CTRL_BREAK_EVENT (1) are not signals (Python exposes
 * them for os.kill()); they are aliases, so sigemu_signum() resolves them.
 *
 * Descriptions are CPython's own fixed table for platforms without
 * strsignal() (Modules/signalmodule.c): Windows' CRT has no strsignal, so
 * Python's strsignal(SIGBREAK) is None there and so is ours.
 */
#include "win_internal.h"

static const sigemu__sigdesc rows[] = {
    {2, "SIGINT", "Interrupt", SIGEMU_DEFAULT_TERMINATE},
    {4, "SIGILL", "Illegal instruction", SIGEMU_DEFAULT_CORE},
    {8, "SIGFPE", "Floating point exception", SIGEMU_DEFAULT_CORE},
    {11, "SIGSEGV", "Segmentation fault", SIGEMU_DEFAULT_CORE},
    {14, "SIGALRM", "Alarm clock", SIGEMU_DEFAULT_TERMINATE}, /* emulated */
    {15, "SIGTERM", "Terminated", SIGEMU_DEFAULT_TERMINATE},
    {21, "SIGBREAK", NULL, SIGEMU_DEFAULT_TERMINATE},
    {22, "SIGABRT", "Aborted", SIGEMU_DEFAULT_CORE},
};
#define ROWS_N ((int)(sizeof rows / sizeof rows[0]))

static const sigemu__sigalias aliases[] = {
    {"CTRL_C_EVENT", 0},
    {"CTRL_BREAK_EVENT", 1},
};

static int row_of(int sig) {
  for (int i = 0; i < ROWS_N; i++)
    if (rows[i].num == sig) return i;
  return -1;
}

const sigemu__sigdesc *sigemu__os_sigtable(int *count) {
  *count = ROWS_N;
  return rows;
}

const sigemu__sigalias *sigemu__os_sigaliases(int *count) {
  *count = (int)(sizeof aliases / sizeof aliases[0]);
  return aliases;
}

bool sigemu__win_crt_signal(int sig) {
  return row_of(sig) >= 0 && sig != 14; /* SIGALRM exists only in sigemu */
}

int sigemu__os_nsig(void) { return 23; }

bool sigemu__os_sig_valid(int sig) { return row_of(sig) >= 0; }

int sigemu__os_signal_precheck(int sig) {
  /* CPython's Windows whitelist, checked before the main-thread check. */
  return row_of(sig) >= 0 ? 0 : SIGEMU_EINVALSIG;
}

int sigemu__plat_catchable(int sig) {
  return row_of(sig) >= 0 ? 0 : SIGEMU_EINVAL;
}

const char *sigemu__os_name(void) { return "windows"; }

bool sigemu__os_available(sigemu_feature f, const char **note) {
  const char *n = "";
  bool ok = true;
  switch (f) {
  case SIGEMU_FEATURE_SIGNAL:
    n = "CRT signals SIGINT, SIGILL, SIGFPE, SIGSEGV, SIGTERM, SIGBREAK, "
        "SIGABRT (CPython's whitelist) plus the emulated SIGALRM";
    break;
  case SIGEMU_FEATURE_RAISE_SIGNAL:
    n = "emulated: to the calling thread, as raise() on POSIX (the CRT's "
        "raise() would run the handler inside it)";
    break;
  case SIGEMU_FEATURE_PTHREAD_KILL:
    n = "emulated (CPython on Windows has none): to that thread, with its "
        "own mask and pending set; existence checked with OpenThread";
    break;
  case SIGEMU_FEATURE_PTHREAD_SIGMASK:
  case SIGEMU_FEATURE_SIGPENDING:
  case SIGEMU_FEATURE_SIGWAIT:
  case SIGEMU_FEATURE_SIGWAITINFO:
  case SIGEMU_FEATURE_SIGTIMEDWAIT:
  case SIGEMU_FEATURE_PAUSE:
    n = "emulated by sigemu (CPython on Windows has none): per-thread masks; "
        "waits block on a condition variable, no polling";
    break;
  case SIGEMU_FEATURE_SLEEP:
    n = "a condition variable that every delivered signal wakes (CPython: "
        "SIGINT only)";
    break;
  case SIGEMU_FEATURE_ALARM:
  case SIGEMU_FEATURE_ITIMER_REAL:
    n = "emulated (CPython on Windows has none): a timer thread delivers "
        "the emulated SIGALRM (14); resolution of the Windows wait (ms)";
    break;
  case SIGEMU_FEATURE_ITIMER_VIRTUAL:
  case SIGEMU_FEATURE_ITIMER_PROF:
    ok = false;
    n = "no SIGVTALRM / SIGPROF on Windows (NSIG is 23)";
    break;
  case SIGEMU_FEATURE_WAKEUP_FD:
    n = "a CRT fd (write) or a SOCKET (send), as CPython; Windows cannot "
        "tell whether either is non-blocking, so neither is checked";
    break;
  case SIGEMU_FEATURE_SIGINTERRUPT:
    ok = false;
    n = "no siginterrupt on Windows (nor in CPython there)";
    break;
  case SIGEMU_FEATURE_PIDFD_SEND_SIGNAL:
    ok = false;
    n = "Linux only";
    break;
  case SIGEMU_FEATURE_STRSIGNAL:
    n = "CPython's fixed table (the CRT has no strsignal): SIGBREAK has no "
        "text";
    break;
  case SIGEMU_FEATURE_VALID_SIGNALS:
    n = "the seven CRT signals plus the emulated SIGALRM";
    break;
  case SIGEMU_FEATURE_OS_SIGNALS:
    n = "console events (Ctrl+C -> SIGINT, Ctrl+Break -> SIGBREAK, close "
        "-> SIGTERM) and the CRT's raise() and faults";
    break;
  case SIGEMU_FEATURE_HOST_SIGNALS:
    ok = false;
    n = "no host controller; other processes send console events";
    break;
  case SIGEMU_FEATURE_CPU_CLOCK:
    ok = false;
    n = "GetProcessTimes exists, but no ITIMER_VIRTUAL / ITIMER_PROF uses it";
    break;
  case SIGEMU_FEATURE_DEFAULT_ACTIONS:
    n = "terminate and core: exit status 128+sig, as every emulated "
        "backend; an unhandled Ctrl+C / Ctrl+Break is left to Windows";
    break;
  default:
    ok = false;
    n = "unknown feature";
    break;
  }
  if (note) *note = n;
  return ok;
}
