/* backend.h — the seam between the portable core and a platform.
 *
 * The core (src/core.c) owns the handler table, the tripped flags, dispatch,
 * the wakeup-fd policy and argument validation. Everything that touches the
 * OS goes through the functions below. Each is declared here once and
 * defined once per backend:
 *
 *   platform/posix/   defines them with real kernel calls;
 *   src/emu/emu.c     defines them for the emulated backends (sim, wasm,
 *                     windows), which in turn supply the smaller seam in
 *                     src/emu/emu_backend.h.
 *
 * CMake compiles exactly one of the two. Arguments reaching these functions
 * are already validated (ranges, NULLs, NaN); they return 0 or a negative
 * SIGEMU_E* code, translated from the OS error in one place per backend.
 */
#ifndef SIGEMU_BACKEND_H
#define SIGEMU_BACKEND_H

#include "sigemu.h"

/* One row of a platform's signal table. */
typedef struct {
  int num;
  const char *name;   /* "SIGINT" */
  const char *desc;   /* strsignal() text, NULL when the platform has none */
  int action;         /* sigemu_default */
} sigemu__sigdesc;

/* Aliases resolvable by sigemu_signum ("SIGIOT" -> SIGABRT). */
typedef struct {
  const char *name;
  int num;
} sigemu__sigalias;

/* ---- identity and tables ------------------------------------------------ */
const char *sigemu__os_name(void);
/* Availability of a feature here, and a note ("" when plain). */
bool sigemu__os_available(sigemu_feature f, const char **note);
/* The platform's signal table, NSIG and aliases. A number may be in range
 * (1 <= n < nsig) and still be absent from valid_signals (Linux 32, 33). */
const sigemu__sigdesc *sigemu__os_sigtable(int *count);
const sigemu__sigalias *sigemu__os_sigaliases(int *count);
int sigemu__os_nsig(void);
bool sigemu__os_sig_valid(int sig);
/* Checked by signal() before the main-thread check (Windows whitelist):
 * 0 or SIGEMU_EINVALSIG. */
int sigemu__os_signal_precheck(int sig);

/* ---- life cycle and threads -------------------------------------------- */
int sigemu__os_init(void);      /* after the core reset its tables */
void sigemu__os_shutdown(void); /* undo every OS change */
uintptr_t sigemu__os_thread_self(void);

/* ---- dispositions ------------------------------------------------------- */
/* What sig's disposition is at start-up: DFL, IGN or FOREIGN. */
sigemu_kind sigemu__os_initial_disposition(int sig);
/* Make the OS deliver sig to sigemu__trip (CALL), or set DFL / IGN.
 * Uncatchable signals: SIGEMU_EINVAL. Resets the restart flag (siginterrupt)
 * to "interrupt", as installing a handler does in CPython. */
int sigemu__os_set_disposition(int sig, sigemu_kind kind);
int sigemu__os_siginterrupt(int sig, bool flag);

/* ---- sending ------------------------------------------------------------ */
int sigemu__os_raise(int sig);
int sigemu__os_pthread_kill(uintptr_t thread, int sig);
int sigemu__os_pidfd_send_signal(int pidfd, int sig, unsigned flags);

/* ---- masks and waits ---------------------------------------------------- */
int sigemu__os_sigmask(int how, const sigemu_sigset *set, sigemu_sigset *old);
int sigemu__os_sigpending(sigemu_sigset *out);
/* One round of waiting for a signal of set: the signal number (> 0) with
 * *info filled, SIGEMU_EAGAIN when deadline_ns (monotonic; INT64_MAX means
 * never) passed, SIGEMU_EINTR when a signal outside the set was delivered
 * (the core then runs the handlers and retries), or another error. */
int sigemu__os_sigwait(const sigemu_sigset *set, int64_t deadline_ns,
                       sigemu_siginfo *info);
/* Sleep until a signal is delivered (SIGEMU_EINTR) or deadline_ns passes
 * (0). pause() passes INT64_MAX. SIGEMU_ENOTHERE where blocking is not
 * allowed. */
int sigemu__os_sleep_until(int64_t deadline_ns);
int64_t sigemu__os_monotonic_ns(void);

/* ---- timers (integer nanoseconds, already rounded up to µs) ------------- */
int sigemu__os_setitimer(int which, int64_t value_ns, int64_t interval_ns,
                         int64_t *old_value_ns, int64_t *old_interval_ns);
int sigemu__os_getitimer(int which, int64_t *value_ns, int64_t *interval_ns);

/* ---- wakeup fd ---------------------------------------------------------- */
/* 0, SIGEMU_EBADF or SIGEMU_EBLOCKINGFD. */
int sigemu__os_wakeup_validate(intptr_t fd);
/* Async-signal-safe write of one byte, retried on EINTR. 0, SIGEMU_EAGAIN
 * (buffer full) or another error; *os_err receives the OS error number. */
int sigemu__os_wakeup_write(intptr_t fd, unsigned char byte, int *os_err);
/* Text for a failed write, as CPython words it ("[Errno 11] Resource
 * temporarily unavailable"); "write to" or, for sockets, "send to". */
void sigemu__os_wakeup_describe(intptr_t fd, int os_err, char *buf, size_t n,
                                const char **verb);

/* ---- dispatch hook ------------------------------------------------------ */
/* Called at the start of every slow check on the main thread: emulated
 * backends poll the host, fire due timers and perform default actions. */
void sigemu__os_poll(void);

/* ---- provided by the core for the backends ------------------------------ */
/* The async-signal-safe trip path: tripped flag, global flag, wakeup byte.
 * Only for a signal that is delivered (not blocked). Preserves errno. */
void sigemu__trip(int sig);
/* In a fork() child (CPython's PyOS_AfterFork_Child): clear every tripped
 * flag and pending wakeup report, and make the calling thread, the only one
 * left, the main thread. Async-signal-safe. */
void sigemu__after_fork_child(void);
/* The disposition the core has recorded (atomic read, async-signal-safe). */
sigemu_kind sigemu__kind(int sig);
/* Every report (warning) made since the last clear, '\n'-separated. */
const char *sigemu__reports_log(void);
void sigemu__reports_clear(void);
/* Record the OS error behind the current failure (sigemu_last_os_error). */
void sigemu__set_os_error(int err);
/* Signal tables with Linux numbering, shared by the backends that use it. */
extern const sigemu__sigdesc sigemu__linux_sigtable[];
extern const int sigemu__linux_sigtable_count;
extern const sigemu__sigalias sigemu__linux_aliases[];
extern const int sigemu__linux_aliases_count;
#define SIGEMU__LINUX_NSIG 65
bool sigemu__linux_sig_valid(int sig);

#endif /* SIGEMU_BACKEND_H */
