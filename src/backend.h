/* backend.h — the one seam between the portable core and a platform.
 *
 * The core (src/core.c) owns the Python-level handler table, the tripped
 * flags, dispatch, the wakeup-fd policy and argument validation. Everything
 * else is declared here, once, in three parts:
 *
 *   1. Identity, tables, threads, wakeup fd: defined by every backend folder
 *      (platform/posix, platform/windows, platform/wasm, platform/sim).
 *   2. The kernel: dispositions, sending, masks, pending sets, waits, itimers.
 *      platform/posix defines it with the real kernel; everywhere else the
 *      emulation kit (src/emu/) defines it, modelled on Linux.
 *   3. Primitives under the kit: clocks, blocking, waking, the host timer,
 *      host signals, default actions. Defined by the emulated backends only.
 *
 * CMake compiles the core, one backend folder and (for emulated backends) the
 * kit; nothing here is chosen by #ifdef. Arguments reaching parts 1 and 2 are
 * already validated by the core (ranges, NULLs, NaN). Functions return 0 or a
 * negative SIGEMU_E* code, translated from the OS error in one place per
 * backend.
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

/* ======================================================================== */
/* 1. Every backend                                                          */
/* ======================================================================== */

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
uintptr_t sigemu__os_thread_self(void);

/* Wakeup fd. Validate: 0, SIGEMU_EBADF or SIGEMU_EBLOCKINGFD. Write: one
 * byte, async-signal-safe, retried on EINTR; 0, SIGEMU_EAGAIN (buffer full)
 * or another error err, *os_err receiving the OS error number. Describe a
 * failed write as CPython reports it: the text ("[Errno 11] Resource
 * temporarily unavailable") into buf, the verb ("write to", or "send to"
 * for sockets), and, returned, the Python exception class the OS error
 * maps to ("BlockingIOError"). */
int sigemu__os_wakeup_validate(intptr_t fd);
int sigemu__os_wakeup_write(intptr_t fd, unsigned char byte, int *os_err);
const char *sigemu__os_wakeup_describe(intptr_t fd, int err, int os_err,
                                       char *buf, size_t n, const char **verb);

/* ======================================================================== */
/* 2. The kernel (platform/posix, or the kit in src/emu/)                    */
/* ======================================================================== */

int sigemu__os_init(void);      /* after the core reset its tables */
void sigemu__os_shutdown(void); /* undo every change made since init */

/* What sig's disposition is at start-up: DFL, IGN or FOREIGN. */
sigemu_kind sigemu__os_initial_disposition(int sig);
/* Make the kernel deliver sig to sigemu__trip (CALL), or set DFL / IGN.
 * Uncatchable signals: SIGEMU_EINVAL. Resets the restart flag (siginterrupt)
 * to "interrupt", as installing a handler does in CPython. */
int sigemu__os_set_disposition(int sig, sigemu_kind kind);
int sigemu__os_siginterrupt(int sig, bool flag);

/* A thread about to be created takes its creator's mask (the token is a
 * sigemu_spawn's storage); the new thread adopts it. posix: no-ops. */
void sigemu__os_thread_spawn(void *token);
void sigemu__os_thread_begin(const void *token);

/* raise(): the calling thread. pthread_kill: sig 0 only checks that the
 * thread exists (SIGEMU_ESRCH when it does not, or no longer does). */
int sigemu__os_raise(int sig);
int sigemu__os_pthread_kill(uintptr_t thread, int sig);
int sigemu__os_pidfd_send_signal(int pidfd, int sig, unsigned flags);

/* The calling thread's mask. set NULL: only read it into *old. old may be
 * NULL; it is written only when the call succeeds. */
int sigemu__os_sigmask(int how, const sigemu_sigset *set, sigemu_sigset *old);
/* sigemu_pthread_sigmask(how, set, NULL), the common change, in as few
 * instructions as the backend can: 0 (done; the core then runs the
 * handlers of what the change let through) or a negative error. Where it
 * cannot tell in a few instructions that the call is valid (sigemu not
 * initialised, a number outside 1..NSIG-1, an unknown how, anything
 * unusual) it changes nothing and returns sigemu__sigmask_checked(how, set,
 * NULL): the core's whole call (checks, sigemu__os_sigmask, handlers). */
int sigemu__os_sigmask_set(int how, const sigemu_sigset *set);
/* sigemu_pthread_sigmask(how, NULL, old), the read, the same way: 0 with
 * *old filled, a negative error, or sigemu__sigmask_checked(how, NULL,
 * old). */
int sigemu__os_sigmask_read(int how, sigemu_sigset *old);
int sigemu__sigmask_checked(int how, const sigemu_sigset *set, sigemu_sigset *old);
/* Pending for the calling thread or the process, and blocked. */
int sigemu__os_sigpending(sigemu_sigset *out);
/* One round of waiting for a signal of set: the signal number (> 0) with
 * *info filled (info may be NULL: the number only), SIGEMU_EAGAIN when deadline_ns (monotonic; INT64_MAX means
 * never) passed, SIGEMU_EINTR when a handler ran on this thread meanwhile
 * (the core then runs the Python handlers and retries), or another error. */
int sigemu__os_sigwait(const sigemu_sigset *set, int64_t deadline_ns,
                       sigemu_siginfo *info);
/* Sleep until a handler runs on this thread (SIGEMU_EINTR; on the main
 * thread also when a signal is tripped but not yet dispatched) or
 * deadline_ns passes (0). pause() passes INT64_MAX. SIGEMU_ENOTHERE where
 * blocking is not allowed or nothing could ever end the wait. */
int sigemu__os_sleep_until(int64_t deadline_ns);
int64_t sigemu__os_monotonic_ns(void);

/* Timers (integer nanoseconds, already rounded up to µs). */
int sigemu__os_setitimer(int which, int64_t value_ns, int64_t interval_ns,
                         int64_t *old_value_ns, int64_t *old_interval_ns);
int sigemu__os_getitimer(int which, int64_t *value_ns, int64_t *interval_ns);

/* Called at the start of every slow check: emulated backends take the
 * host's signals, fire due timers and carry out fatal default actions. */
void sigemu__os_poll(void);
/* The same without asking the host or the timers: deliver what is pending
 * for the calling thread (after an API call, which was a delivery point). */
void sigemu__os_deliver(void);
/* Whether the host posted signals that no poll has taken yet and set the
 * global flag for them itself (shared-memory mode): a check that clears the
 * flag sets it again then. False where the host never sets the flag. */
bool sigemu__os_host_flagged(void);

/* ======================================================================== */
/* 3. Primitives under the kit (emulated backends: sim, wasm, windows)       */
/* ======================================================================== */

int sigemu__plat_init(void);
void sigemu__plat_shutdown(void);
/* SIGKILL, SIGSTOP and reserved numbers refuse a handler: SIGEMU_EINVAL. */
int sigemu__plat_catchable(int sig);
/* sig's disposition changed (Windows: mirror it in the CRT's signal()). */
void sigemu__plat_disposition_changed(int sig, sigemu_kind kind);

/* Clocks: monotonic wall time; process CPU time, or -1 when the runtime has
 * none (the kit then uses wall time minus the time spent blocked). */
int64_t sigemu__plat_now_ns(void);
int64_t sigemu__plat_cpu_ns(void);
/* The earliest ITIMER_REAL deadline changed (INT64_MAX: none). The platform
 * may arm a host timer that later calls sigemu__kit_timer_due() (a JS timer
 * callback, a Windows timer thread). Called with the kit's lock held: it
 * must not call back into the kit. */
void sigemu__plat_arm(int64_t deadline_ns);

/* Blocking, as a futex: the process has one wake word. A waiter reads the
 * token first, then looks at its conditions, then blocks with that token;
 * a wake in between changes the word, so the block returns at once and no
 * wakeup is lost. block: 0 (woken, or deadline reached — the kit looks at
 * the clock), or SIGEMU_ENOTHERE where blocking is impossible here, or when
 * nothing could ever end a wait without a deadline. wake: any thread, async-
 * signal-safe; wakes every waiter. */
uint32_t sigemu__plat_wait_token(void);
int sigemu__plat_block(uint32_t token, int64_t deadline_ns);
void sigemu__plat_wake(void);
/* Take the signals the host sent since the last call, each through
 * sigemu__kit_send_host(). Called by every slow check and wait round. */
void sigemu__plat_host_poll(void);
/* sigemu__os_host_flagged() of the kit's platforms. */
bool sigemu__plat_host_flagged(void);

/* Threads. alive: 1 if t names a live thread, 0 if it does not, -1 when the
 * platform cannot tell. on_exit: call fn(arg) when the calling thread ends
 * (a TLS destructor); 0, or SIGEMU_ENOSYS where threads never end. */
int sigemu__plat_thread_alive(uintptr_t t);
int sigemu__plat_on_thread_exit(void (*fn)(void *), void *arg);
/* The process's pid and uid as the libc reports them (siginfo). */
int sigemu__plat_pid(void);
int sigemu__plat_uid(void);

/* Carry out a default action that ends the process: flush output, then exit
 * with 128+sig (TERMINATE) or abort (CORE). Returns only where a test hook
 * recorded it instead (sim). */
void sigemu__plat_die(int sig, int action);

/* ---- provided by the kit to the emulated backends ----------------------- */
/* A signal from outside the process (the JS host, a console event, the sim
 * test): process-directed, si_code SI_USER, si_pid 0. Any thread; not from
 * inside an OS signal handler (use sigemu__kit_send_async there). */
void sigemu__kit_send_host(int sig);
/* The same from a process that has a pid (kill(2) by another process, or
 * by this one): SI_USER with that si_pid and si_uid. */
void sigemu__kit_send_from(int sig, int pid, int uid);
/* The same from an OS signal handler or any context that may have
 * interrupted the kit (Windows CRT handlers): never blocks, never takes
 * the kit's lock; the signal is generated as soon as the lock is free. */
void sigemu__kit_send_async(int sig, int code);
/* Whether a process-directed sig would be taken now rather than end the
 * process by its default action: a handler or SIG_IGN is installed, or
 * every thread blocks it (Windows: answer the console routine). */
bool sigemu__kit_would_take(int sig);
/* Fire the itimers that are due now (host timer callback, sim advance). */
void sigemu__kit_timer_due(void);
/* The earliest armed ITIMER_REAL deadline (INT64_MAX: none). */
int64_t sigemu__kit_next_deadline(void);
/* Nanoseconds of busy computation (wall and CPU both moving) until the next
 * timer of any kind falls due; INT64_MAX when none is armed. (sim) */
int64_t sigemu__kit_next_due_in(void);
/* Threads the kit knows that are alive (sim: may a wait be ended by another
 * thread?). */
int sigemu__kit_live_threads(void);

/* ======================================================================== */
/* Provided by the core                                                      */
/* ======================================================================== */

/* The async-signal-safe trip path: tripped flag, global flag, wakeup byte.
 * Only for a signal that is delivered (not blocked). Preserves errno. */
void sigemu__trip(int sig);
/* Set the global flag that the inline check reads, so that the next check
 * goes slow (any thread; async-signal-safe). */
void sigemu__flag_set(void);
#ifdef SIGEMU__FLAG_LINE
/* WebAssembly with threads: the core owns bit 0 of the flag word and sets
 * and clears only that bit; the host's shared-memory sender ORs its signals
 * 1..31 into bits 1..31 (js/src/control.js postSignal), so that a send is
 * one atomic, and the backend takes them with the rest of its control
 * block (sigemu__wasm_host_take). A word with host bits reads as set. */
#  define SIGEMU__FLAG_CORE 1
#endif
/* In a fork() child (CPython's PyOS_AfterFork_Child): clear every tripped
 * flag and pending wakeup report, and make the calling thread, the only one
 * left, the main thread. Async-signal-safe. */
void sigemu__after_fork_child(void);
/* The disposition the core has recorded (atomic read, async-signal-safe). */
sigemu_kind sigemu__kind(int sig);
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
