/* win_backend.c — the Windows primitives under the emulation kit: console
 * control events, the CRT's signal() table, clocks, the blocking wait, the
 * ITIMER_REAL timer thread, threads and default actions.
 *
 * How signals reach sigemu on Windows, and why this way:
 *   - Console events (Ctrl+C, Ctrl+Break, closing the console) are delivered
 *     by Windows on a thread it creates, to the routines registered with
 *     SetConsoleCtrlHandler, newest first. Ours only hands the signal to the
 *     kit (sigemu__kit_send_async) and tells Windows whether sigemu took it:
 *     TRUE when a handler or SIG_IGN is installed or the signal is blocked
 *     (then it waits in the pending set, as on POSIX); FALSE otherwise, so
 *     that an unhandled Ctrl+C still ends the process through Windows' own
 *     default routine.
 *   - C code may call the CRT's raise(), and faults become SIGSEGV/SIGILL/
 *     SIGFPE in the CRT. For a signal with a sigemu handler we install a CRT
 *     handler that arrives too; for SIG_DFL / SIG_IGN we set the CRT's own,
 *     so a fault with no handler still ends the process (a returning
 *     handler would re-run the faulting instruction forever).
 *   - Waits: the kit's wake word is a counter here, and a thread blocks on a
 *     condition variable while the counter still holds the token it read
 *     before looking at its conditions; a wake bumps the counter and wakes
 *     every waiter, so a wake that comes before the wait is not lost, and
 *     nothing polls.
 *   - ITIMER_REAL: one timer thread waits on its own event with a timeout
 *     equal to the armed deadline and then calls sigemu__kit_timer_due().
 *     sigemu__plat_arm() runs under the kit's lock, so it only stores the
 *     deadline and sets the event.
 */
#include <errno.h>
#include <process.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>

#include <windows.h>

#include "win_internal.h"

#define NSIG_WIN 23

static struct {
  SRWLOCK wake_lock;
  CONDITION_VARIABLE wake_cv;
  atomic_uint wake_word;
  DWORD fls; /* FLS slot whose destructor tells the kit a thread ended */
  HANDLE timer_ev;     /* auto-reset: the deadline changed / quit */
  HANDLE timer_thread;
  atomic_llong deadline; /* the armed ITIMER_REAL deadline, INT64_MAX none */
  atomic_int timer_quit;
  atomic_int console_on; /* our control routine is registered */
  atomic_ulong close_wait_ms;
  LARGE_INTEGER qpc_freq;
  /* CRT handlers: which signals have ours, and what was there before the
   * first change, so that shutdown puts it back. */
  atomic_int crt_ours[NSIG_WIN];
  void (*crt_saved[NSIG_WIN])(int);
  bool crt_saved_set[NSIG_WIN];
} win = {.close_wait_ms = INFINITE, .wake_lock = SRWLOCK_INIT,
       .wake_cv = CONDITION_VARIABLE_INIT, .fls = FLS_OUT_OF_INDEXES};

/* ---- clocks ------------------------------------------------------------- */

int64_t sigemu__plat_now_ns(void) {
  LARGE_INTEGER c;
  QueryPerformanceCounter(&c);
  int64_t f = win.qpc_freq.QuadPart;
  if (f <= 0) { /* before init: read the frequency now */
    LARGE_INTEGER q;
    QueryPerformanceFrequency(&q);
    f = q.QuadPart;
  }
  /* Whole seconds and the remainder apart, so that count * 1e9 cannot
   * overflow after a long uptime. */
  int64_t s = c.QuadPart / f, r = c.QuadPart % f;
  return s * 1000000000 + r * 1000000000 / f;
}

int64_t sigemu__plat_cpu_ns(void) {
  FILETIME created, exited, kernel, user;
  if (!GetProcessTimes(GetCurrentProcess(), &created, &exited, &kernel, &user))
    return -1;
  ULARGE_INTEGER k, u;
  k.LowPart = kernel.dwLowDateTime;
  k.HighPart = kernel.dwHighDateTime;
  u.LowPart = user.dwLowDateTime;
  u.HighPart = user.dwHighDateTime;
  return (int64_t)(k.QuadPart + u.QuadPart) * 100; /* 100 ns units */
}

/* Milliseconds to wait for deadline_ns, rounded up so that the wait never
 * ends before the deadline (the kit looks at the clock afterwards). */
static DWORD wait_ms(int64_t deadline_ns) {
  if (deadline_ns == INT64_MAX) return INFINITE;
  int64_t left = deadline_ns - sigemu__plat_now_ns();
  if (left <= 0) return 0;
  int64_t ms = (left + 999999) / 1000000;
  if (ms >= (int64_t)INFINITE) ms = (int64_t)INFINITE - 1;
  return (DWORD)ms;
}

/* ---- blocking ----------------------------------------------------------- */

uint32_t sigemu__plat_wait_token(void) { return atomic_load(&win.wake_word); }

int sigemu__plat_block(uint32_t token, int64_t deadline_ns) {
  DWORD ms = wait_ms(deadline_ns);
  if (ms == 0) return 0;
  AcquireSRWLockExclusive(&win.wake_lock);
  if (atomic_load(&win.wake_word) == token)
    SleepConditionVariableSRW(&win.wake_cv, &win.wake_lock, ms, 0);
  ReleaseSRWLockExclusive(&win.wake_lock);
  return 0;
}

void sigemu__plat_wake(void) {
  atomic_fetch_add(&win.wake_word, 1);
  /* Through the lock: a waiter between its look at the word and its sleep
   * holds it, so this wake cannot fall in that gap. */
  AcquireSRWLockExclusive(&win.wake_lock);
  ReleaseSRWLockExclusive(&win.wake_lock);
  WakeAllConditionVariable(&win.wake_cv);
}

bool sigemu__plat_host_flagged(void) { return false; }
void sigemu__plat_host_poll(void) {
  /* Nothing to poll: console events and the timer thread arrive directly. */
}

/* ---- the ITIMER_REAL thread --------------------------------------------- */

void sigemu__plat_arm(int64_t deadline_ns) {
  atomic_store(&win.deadline, deadline_ns);
  if (win.timer_ev) SetEvent(win.timer_ev);
}

static unsigned __stdcall timer_main(void *arg) {
  (void)arg;
  while (!atomic_load(&win.timer_quit)) {
    int64_t d = atomic_load(&win.deadline);
    if (d != INT64_MAX && sigemu__plat_now_ns() >= d) {
      /* The kit fires what is due and re-arms through sigemu__plat_arm. If
       * it did not re-arm (nothing was due by its reckoning), take its
       * next deadline ourselves so that we neither spin nor stop. */
      sigemu__kit_timer_due();
      int64_t next = sigemu__kit_next_deadline();
      int64_t expect = d;
      atomic_compare_exchange_strong(&win.deadline, &expect, next);
      if (next == d) Sleep(1); /* the kit disagrees that d passed */
      continue;
    }
    WaitForSingleObject(win.timer_ev, wait_ms(d));
  }
  return 0;
}

/* ---- console control events --------------------------------------------- */

/* Whether sigemu takes the event: a handler or SIG_IGN is installed, or
 * every thread blocks the signal (it then waits in the pending set, as on
 * POSIX). Otherwise Windows' own routine ends the process. */
static BOOL take_event(int sig) {
  if (!sigemu__kit_would_take(sig)) return FALSE;
  sigemu__kit_send_async(sig, SIGEMU_SI_KERNEL);
  return TRUE;
}

static BOOL WINAPI console_routine(DWORD type) {
  switch (type) {
  case CTRL_C_EVENT:
    return take_event(SIGINT);
  case CTRL_BREAK_EVENT:
    return take_event(SIGBREAK);
  case CTRL_CLOSE_EVENT: {
    /* libuv's choice: deliver it, then hold this thread, because Windows
     * ends the process as soon as the routine returns (and anyway about
     * 5 s after the event). libuv calls it SIGHUP; Windows has no SIGHUP
     * (and CPython rejects it there), so sigemu delivers SIGTERM. */
    if (!take_event(SIGTERM)) return FALSE;
    Sleep(atomic_load(&win.close_wait_ms));
    return TRUE;
  }
  default:
    /* CTRL_LOGOFF_EVENT, CTRL_SHUTDOWN_EVENT reach services only. */
    return FALSE;
  }
}

int sigemu__win_console_event(unsigned long ctrl_type) {
  if (!atomic_load(&win.console_on)) return 0; /* not registered: not ours */
  return console_routine((DWORD)ctrl_type) ? 1 : 0;
}

void sigemu__win_set_close_wait_ms(unsigned long ms) {
  atomic_store(&win.close_wait_ms, ms);
}

/* Put our routine first in Windows' list (newest runs first). msvcrt adds
 * its own routine when signal(SIGINT/SIGBREAK) is first set; ours must see
 * the event before it so that the answer is sigemu's. */
static void console_register(void) {
  if (atomic_load(&win.console_on)) SetConsoleCtrlHandler(console_routine, FALSE);
  if (SetConsoleCtrlHandler(console_routine, TRUE))
    atomic_store(&win.console_on, 1);
}

/* ---- CRT signal() handlers ----------------------------------------------- */

static void crt_handler(int sig) {
  /* The CRT resets the disposition to SIG_DFL before calling us: put ours
   * back while sigemu still wants it (BSD semantics, as CPython does). */
  if (sig > 0 && sig < NSIG_WIN && sigemu__kind(sig) == SIGEMU_CALL)
    signal(sig, crt_handler);
  /* Possibly in the middle of a kit call on this very thread (a fault, an
   * abort()): the lock-free path. */
  sigemu__kit_send_async(sig, SIGEMU_SI_USER);
}

bool sigemu__win_crt_handler_installed(int sig) {
  return sig > 0 && sig < NSIG_WIN && atomic_load(&win.crt_ours[sig]) != 0;
}

void sigemu__plat_disposition_changed(int sig, sigemu_kind kind) {
  if (!sigemu__win_crt_signal(sig)) return; /* SIGALRM: nothing in the CRT */
  void (*want)(int) = kind == SIGEMU_CALL  ? crt_handler
                      : kind == SIGEMU_IGN ? SIG_IGN
                                           : SIG_DFL;
  void (*prev)(int) = signal(sig, want);
  if (prev != SIG_ERR && !win.crt_saved_set[sig]) {
    win.crt_saved[sig] = prev == crt_handler ? SIG_DFL : prev;
    win.crt_saved_set[sig] = true;
  }
  atomic_store(&win.crt_ours[sig], kind == SIGEMU_CALL);
  if (sig == SIGINT || sig == SIGBREAK) console_register();
}

/* ---- threads ------------------------------------------------------------- */

uintptr_t sigemu__os_thread_self(void) {
  return (uintptr_t)GetCurrentThreadId();
}

int sigemu__plat_thread_alive(uintptr_t t) {
  if (t == 0 || t > 0xFFFFFFFFu) return 0;
  HANDLE h = OpenThread(SYNCHRONIZE, FALSE, (DWORD)t);
  if (!h) return 0;
  /* An id stays openable while a handle to the ended thread is open. */
  int alive = WaitForSingleObject(h, 0) == WAIT_TIMEOUT;
  CloseHandle(h);
  return alive;
}

static void (*exit_fn)(void *);
static void WINAPI fls_ended(void *arg) {
  if (arg && exit_fn) exit_fn(arg);
}

int sigemu__plat_on_thread_exit(void (*fn)(void *), void *arg) {
  exit_fn = fn; /* always the kit's one function */
  if (win.fls == FLS_OUT_OF_INDEXES) return SIGEMU_ENOSYS;
  return FlsSetValue(win.fls, arg) ? 0 : SIGEMU_EOS;
}

int sigemu__plat_pid(void) { return (int)GetCurrentProcessId(); }
int sigemu__plat_uid(void) { return 0; }

/* ---- default actions ----------------------------------------------------- */

void sigemu__plat_die(int sig, int action) {
  /* The kit's convention on every emulated backend: 128 + sig, the status
   * a POSIX shell reports for a killed process, for a core action too (no
   * core files here). A native Windows program whose CRT raise() meets
   * SIG_DFL exits with 3; sigemu keeps the status the same on every
   * platform (docs/windows.md). */
  (void)action;
  fflush(NULL);
  _exit(128 + sig);
}

/* ---- life cycle ---------------------------------------------------------- */

int sigemu__plat_init(void) {
  QueryPerformanceFrequency(&win.qpc_freq);
  win.timer_ev = CreateEventW(NULL, FALSE, FALSE, NULL);
  if (win.fls == FLS_OUT_OF_INDEXES) win.fls = FlsAlloc(fls_ended);
  if (!win.timer_ev) {
    int r = sigemu__win_error(GetLastError());
    sigemu__plat_shutdown();
    return r;
  }
  int r = sigemu__win_wakeup_init();
  if (r < 0) {
    sigemu__plat_shutdown();
    return r;
  }
  atomic_store(&win.deadline, INT64_MAX);
  atomic_store(&win.timer_quit, 0);
  uintptr_t th = _beginthreadex(NULL, 0, timer_main, NULL, 0, NULL);
  if (th == 0) {
    r = sigemu__win_error(GetLastError());
    sigemu__plat_shutdown();
    return r;
  }
  win.timer_thread = (HANDLE)th;
  for (int i = 0; i < NSIG_WIN; i++) {
    atomic_store(&win.crt_ours[i], 0);
    win.crt_saved_set[i] = false;
  }
  console_register();
  return 0;
}

void sigemu__plat_shutdown(void) {
  if (atomic_load(&win.console_on)) {
    SetConsoleCtrlHandler(console_routine, FALSE);
    atomic_store(&win.console_on, 0);
  }
  /* The kit has set every disposition back to SIG_DFL; restore what the
   * CRT had before sigemu touched it. */
  for (int i = 0; i < NSIG_WIN; i++) {
    if (win.crt_saved_set[i]) signal(i, win.crt_saved[i]);
    win.crt_saved_set[i] = false;
    atomic_store(&win.crt_ours[i], 0);
  }
  if (win.timer_thread) {
    atomic_store(&win.timer_quit, 1);
    SetEvent(win.timer_ev);
    WaitForSingleObject(win.timer_thread, INFINITE);
    CloseHandle(win.timer_thread);
    win.timer_thread = NULL;
  }
  sigemu__win_wakeup_shutdown();
  if (win.timer_ev) CloseHandle(win.timer_ev);
  win.timer_ev = NULL;
}
