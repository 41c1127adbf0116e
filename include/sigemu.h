/* sigemu.h — the whole public API of sigemu.
 *
 * sigemu gives a C program the semantics of Python's `signal` module on every
 * platform: real kernel signals on POSIX, console events and emulation on
 * Windows, and a complete emulation on WebAssembly (Emscripten, WASI), where
 * signals do not exist. One C function stands for each function of the
 * module; an embedding interpreter maps each SIGEMU_E* code to the Python
 * exception named beside it (see sigemu_error_pyexc()).
 *
 * Conventions
 *   - Every function that can fail returns 0 (or a documented non-negative
 *     value) on success and a negative SIGEMU_E* code on failure. A failed
 *     call changes no state.
 *   - Times cross the API as double seconds, as in Python; inside they are
 *     int64 nanoseconds.
 *   - Handlers never run where a signal arrives. They run later, in
 *     sigemu_check(), on the thread that called sigemu_init() (the "main
 *     thread"), in ascending signal order.
 *   - Names: public sigemu_ / SIGEMU_; anything with a double underscore is
 *     internal and only visible here because sigemu_check() is inline.
 */
#ifndef SIGEMU_H
#define SIGEMU_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(_WIN32) && defined(SIGEMU_SHARED)
#  ifdef SIGEMU_BUILDING
#    define SIGEMU_API __declspec(dllexport)
#  else
#    define SIGEMU_API __declspec(dllimport)
#  endif
#elif defined(__GNUC__) || defined(__clang__)
#  define SIGEMU_API __attribute__((visibility("default")))
#else
#  define SIGEMU_API
#endif

/* The version of this header (CMake reads it from here). */
#define SIGEMU_VERSION_MAJOR 0
#define SIGEMU_VERSION_MINOR 2
#define SIGEMU_VERSION_PATCH 0
/* All three in one number, for #if: major*10000 + minor*100 + patch. */
#define SIGEMU_MAKE_VERSION(major, minor, patch) \
  ((major) * 10000 + (minor) * 100 + (patch))
#define SIGEMU_VERSION \
  SIGEMU_MAKE_VERSION(SIGEMU_VERSION_MAJOR, SIGEMU_VERSION_MINOR, SIGEMU_VERSION_PATCH)
#define SIGEMU__STR(x) #x
#define SIGEMU__XSTR(x) SIGEMU__STR(x)
#define SIGEMU_VERSION_STRING                                     \
  SIGEMU__XSTR(SIGEMU_VERSION_MAJOR) "." SIGEMU__XSTR(SIGEMU_VERSION_MINOR) \
  "." SIGEMU__XSTR(SIGEMU_VERSION_PATCH)

/* The library's version at run time (its SIGEMU_VERSION and
 * SIGEMU_VERSION_STRING): with a shared library it may differ from the
 * header's. Programs built against one minor version need that minor. */
SIGEMU_API int sigemu_version(void);
SIGEMU_API const char *sigemu_version_string(void);

/* ------------------------------------------------------------------------ */
/* Errors. One X-macro: name, value, Python exception, message.              */
/* ------------------------------------------------------------------------ */

#define SIGEMU_ERRNO_MAP(X)                                                   \
  X(ERANGE_SIG,  -1, "ValueError",       "signal number out of range")        \
  X(EINVALSIG,   -2, "ValueError",       "invalid signal value")              \
  X(ENOTMAIN,    -3, "ValueError",       "signal only works in main thread of the main interpreter") \
  X(EINVAL,      -4, "OSError",          "Invalid argument")                  \
  X(EMASKRANGE,  -5, "ValueError",       "signal number out of range [1; NSIG-1] in a signal set") \
  X(ENEGTIMEOUT, -6, "ValueError",       "timeout must be non-negative")      \
  X(EAGAIN,      -7, "",                 "timed out (sigtimedwait returns None)") \
  X(EITIMER,     -8, "ItimerError",      "invalid itimer argument")           \
  X(ENAN,        -9, "ValueError",       "Invalid value NaN (not a number)")  \
  X(EOVERFLOW,  -10, "OverflowError",    "timestamp out of range for platform time_t") \
  X(EBADF,      -11, "OSError",          "Bad file descriptor")               \
  X(EBLOCKINGFD,-12, "ValueError",       "the fd must be in non-blocking mode") \
  X(EWAKEUPMAIN,-13, "ValueError",       "set_wakeup_fd only works in main thread of the main interpreter") \
  X(ENOSYS,     -14, "AttributeError",   "not supported on this platform")    \
  X(ENOTHERE,   -15, "RuntimeError",     "cannot block here: nothing could end the wait (browser main thread, or no timer armed and no host to send a signal)") \
  X(EINTR,      -16, "InterruptedError", "Interrupted system call")           \
  X(ENULL,      -17, "TypeError",        "required pointer argument is NULL") \
  X(ENOINIT,    -18, "RuntimeError",     "sigemu is not initialised")         \
  X(EALREADY,   -19, "RuntimeError",     "sigemu is already initialised")     \
  X(ESRCH,      -20, "ProcessLookupError","No such process or thread")        \
  X(EPERM,      -21, "PermissionError",  "Operation not permitted")           \
  X(EOS,        -22, "OSError",          "operating system error (see sigemu_last_os_error)") \
  X(ETYPE,      -23, "TypeError",        "signal handler must be signal.SIG_IGN, signal.SIG_DFL, or a callable object")

typedef enum {
  SIGEMU_OK = 0,
#define SIGEMU__ERR_ENUM(name, val, pyexc, msg) SIGEMU_##name = (val),
  SIGEMU_ERRNO_MAP(SIGEMU__ERR_ENUM)
#undef SIGEMU__ERR_ENUM
  SIGEMU__ERR_LAST = -23
} sigemu_error;

/* The message for an error code ("Unknown error" for anything else). These
 * three also know SIGEMU_KEYBOARD_INTERRUPT, the code the built-in SIGINT
 * handler returns. */
SIGEMU_API const char *sigemu_strerror(int err);
/* The Python exception an error code stands for ("ValueError", ...; for
 * SIGEMU_KEYBOARD_INTERRUPT "KeyboardInterrupt"). "" when the code is not an
 * exception: 0, and SIGEMU_EAGAIN (sigtimedwait's timeout: Python returns
 * None). "SystemError" for a code it does not know. */
SIGEMU_API const char *sigemu_error_pyexc(int err);
/* The symbolic name of an error code ("SIGEMU_EINVAL"). */
SIGEMU_API const char *sigemu_error_name(int err);
/* The OS errno (or Windows error) behind the last SIGEMU_EOS/EINVAL/EBADF. */
SIGEMU_API int sigemu_last_os_error(void);

/* What the built-in SIGINT handler returns: the KeyboardInterrupt channel. */
#define SIGEMU_KEYBOARD_INTERRUPT 0x4b49 /* 'KI' */

/* ------------------------------------------------------------------------ */
/* Signal sets.                                                              */
/* ------------------------------------------------------------------------ */

#define SIGEMU_MAXSIG 128 /* capacity of a sigemu_sigset */
typedef struct { uint64_t bits[2]; } sigemu_sigset;

SIGEMU_API void sigemu_sigemptyset(sigemu_sigset *set);
SIGEMU_API void sigemu_sigfillset(sigemu_sigset *set);   /* 1..SIGEMU_MAXSIG-1 */
SIGEMU_API int  sigemu_sigaddset(sigemu_sigset *set, int sig); /* ERANGE_SIG */
SIGEMU_API int  sigemu_sigdelset(sigemu_sigset *set, int sig);
SIGEMU_API int  sigemu_sigismember(const sigemu_sigset *set, int sig); /* 1, 0, <0 */
SIGEMU_API bool sigemu_sigisempty(const sigemu_sigset *set);
SIGEMU_API int  sigemu_sigcount(const sigemu_sigset *set);

/* ------------------------------------------------------------------------ */
/* Handlers and start-up.                                                    */
/* ------------------------------------------------------------------------ */

/* A handler returns 0, or a nonzero code: the "exception" channel. The code
 * stops dispatch and comes back out of sigemu_check() (and of every call that
 * runs handlers). Use positive codes; negative ones look like SIGEMU_E*. */
typedef int (*sigemu_handler_fn)(int signum, void *arg);

typedef enum {
  SIGEMU_DFL = 0,    /* SIG_DFL */
  SIGEMU_IGN = 1,    /* SIG_IGN */
  SIGEMU_CALL = 2,   /* a handler function */
  SIGEMU_FOREIGN = 3 /* installed outside sigemu: Python's getsignal() -> None */
} sigemu_kind;

typedef struct {
  sigemu_kind kind;
  sigemu_handler_fn fn; /* SIGEMU_CALL only */
  void *arg;            /* passed to fn */
} sigemu_action;

/* Python's signal.default_int_handler: returns SIGEMU_KEYBOARD_INTERRUPT. */
SIGEMU_API int sigemu_default_int_handler(int signum, void *arg);

/* Options of sigemu_init. The struct grows at its end, with 0 meaning the
 * old behaviour for every new field; `size` (after the three fields of 0.1,
 * so that their positional initialisers still compile) says how much of it
 * the caller knows:
 *   - SIGEMU_OPTIONS_INIT sets it to the caller's sizeof(sigemu_options);
 *   - 0 stands for the 0.2 layout (the four fields below), so that
 *     `(sigemu_options){.python_defaults = true}` keeps working; fields added
 *     later are read only when size covers them;
 *   - a size larger than the library knows (a newer header) is accepted when
 *     the bytes the library does not know are all zero, and is
 *     SIGEMU_EINVAL otherwise, as is a nonzero size smaller than the 0.2
 *     layout. */
typedef struct {
  /* Python's start-up: SIGINT -> sigemu_default_int_handler if it was
   * SIG_DFL, SIGPIPE and SIGXFSZ -> SIG_IGN. */
  bool python_defaults;
  /* Where warnings go ("Exception ignored when trying to write to the signal
   * wakeup fd:", "OSError: Signal N ignored due to race condition"), as
   * CPython prints them. NULL: stderr. */
  void (*report)(const char *message, void *arg);
  void *report_arg;
  size_t size;
  /* New fields go here. */
} sigemu_options;
/* sigemu_options o = SIGEMU_OPTIONS_INIT; (C and C++; every field named, so
 * -Wmissing-field-initializers stays quiet: extend it with the struct). */
#define SIGEMU_OPTIONS_INIT {false, NULL, NULL, sizeof(sigemu_options)}

/* Start sigemu on the calling thread, which becomes the main thread.
 * opt may be NULL (no Python defaults, reports to stderr). */
SIGEMU_API int  sigemu_init(const sigemu_options *opt);
/* Restore every disposition, mask and timer sigemu changed; disarm timers;
 * forget handlers. sigemu_init may be called again afterwards. */
SIGEMU_API void sigemu_shutdown(void);
SIGEMU_API bool sigemu_initialized(void);

/* signal.signal(): install act for sig, return the previous one in *old
 * (old may be NULL). act->kind must be DFL, IGN or CALL (fn not NULL).
 * Runs pending handlers first, as CPython does; if one of them returns
 * nonzero that code is returned and nothing is installed. */
SIGEMU_API int sigemu_signal(int sig, const sigemu_action *act, sigemu_action *old);
/* signal.getsignal(). */
SIGEMU_API int sigemu_getsignal(int sig, sigemu_action *cur);

/* ------------------------------------------------------------------------ */
/* Dispatch: the check.                                                      */
/* ------------------------------------------------------------------------ */

/* Run the handlers of tripped signals (PyErr_CheckSignals). Returns 0, or the
 * nonzero code of the first handler that "raised". Call it often: on
 * WebAssembly it also polls the host for signals and due timers (about every
 * SIGEMU_POLL_INTERVAL_NS, see below). With nothing pending it costs one
 * relaxed load and a branch natively; on WebAssembly a decrement and a
 * branch, plus the load where there are threads. */
SIGEMU_API int sigemu__check_slow(void);
/* The same check without the fast path: polls the host and the timers now
 * (e.g. in a worker woken by a message while idle in its event loop). */
SIGEMU_API int sigemu_check_now(void);
/* The inline check reads the global tripped flag with a relaxed atomic load.
 * C++ has std::atomic, not _Atomic: there the same object is declared as a
 * plain int and read with the compiler's __atomic builtin, which is what
 * atomic_load_explicit(..., memory_order_relaxed) compiles to (an _Atomic int
 * has the size and alignment of an int on every target). Other C++
 * compilers get the out-of-line check. */
/* WebAssembly with threads: the flag is the first word of a 64-byte line
 * whose second half is the control block a JS controller writes into the
 * shared memory, so that one cache line carries a signal from the sender's
 * core to the module's. */
#if defined(__wasm__) && defined(__wasm_atomics__)
#  define SIGEMU__FLAG_LINE 1
#  define sigemu__tripped (sigemu__flagline[0])
#endif
#if !defined(__cplusplus)
#  include <stdatomic.h>
#  ifdef SIGEMU__FLAG_LINE
extern SIGEMU_API atomic_int sigemu__flagline[16];
#  else
extern SIGEMU_API atomic_int sigemu__tripped;
#  endif
#  define SIGEMU__TRIPPED() \
    atomic_load_explicit(&sigemu__tripped, memory_order_relaxed)
#  define SIGEMU__INLINE static inline
#  define SIGEMU__TLS _Thread_local
#elif defined(__GNUC__) || defined(__clang__)
#  ifdef SIGEMU__FLAG_LINE
extern SIGEMU_API int sigemu__flagline[16];
#  else
extern SIGEMU_API int sigemu__tripped;
#  endif
#  define SIGEMU__TRIPPED() __atomic_load_n(&sigemu__tripped, __ATOMIC_RELAXED)
#  define SIGEMU__INLINE inline
#  define SIGEMU__TLS __thread
#endif
#if defined(__GNUC__) || defined(__clang__)
#  define SIGEMU__LIKELY(x) __builtin_expect(!!(x), 1)
#else
#  define SIGEMU__LIKELY(x) (x)
#endif

#if !defined(SIGEMU__TRIPPED)
inline int sigemu_check(void) { return sigemu__check_slow(); }
#elif defined(__wasm__)
/* WebAssembly: signals from the host and due timers are found by polling.
 * The check counts down; when the count runs out it polls, and sets the
 * next count so that polls come about every SIGEMU_POLL_INTERVAL_NS of the
 * main thread's time, whatever one check costs: a tight loop of checks pays
 * one poll per interval (near the cost of a bare flag), a loop with work
 * between checks still sees a signal within microseconds (make bench).
 * SIGEMU_POLL_EVERY is the count before the first poll. */
#  define SIGEMU_POLL_EVERY 256
#  ifndef SIGEMU_POLL_INTERVAL_NS
#    define SIGEMU_POLL_INTERVAL_NS 4000
#  endif
extern SIGEMU_API SIGEMU__TLS int sigemu__poll_countdown;
#  if defined(__wasm_atomics__)
/* Threads: another thread trips the global flag, so the check reads it.
 * Both words are read and folded into one value that is zero exactly when
 * the count has not run out (left >= 1) and the flag is clear, so that
 * there is one test and one branch: the compilers turn `left > 0 && flag
 * == 0`, and even `&` of the two, into two branches and a jump, which V8
 * runs at about 1.6 times the cost of this form in a loop of checks. */
SIGEMU__INLINE int sigemu_check(void) {
  unsigned left = (unsigned)--sigemu__poll_countdown;
  unsigned flag = (unsigned)SIGEMU__TRIPPED();
  if (SIGEMU__LIKELY((((left - 1u) >> 31) | flag) == 0)) return 0;
  return sigemu__check_slow();
}
#  else
/* One thread (no atomics, so no shared memory): only this thread trips the
 * global flag, and it zeroes the count whenever it does, so the count
 * alone is the check: one word, as a bare flag is (make bench). */
SIGEMU__INLINE int sigemu_check(void) {
  if (SIGEMU__LIKELY(--sigemu__poll_countdown > 0)) return 0;
  return sigemu__check_slow();
}
#  endif
#else
SIGEMU__INLINE int sigemu_check(void) {
  if (SIGEMU__LIKELY(SIGEMU__TRIPPED() == 0)) return 0;
  return sigemu__check_slow();
}
#endif

/* ------------------------------------------------------------------------ */
/* Sending signals.                                                          */
/* ------------------------------------------------------------------------ */

typedef uintptr_t sigemu_thread;
/* The calling thread's id, usable with sigemu_pthread_kill(). */
SIGEMU_API sigemu_thread sigemu_thread_self(void);
/* The id of the thread that called sigemu_init(). */
SIGEMU_API sigemu_thread sigemu_main_thread(void);

/* A new thread starts with its creator's mask. On posix the kernel sees to
 * it. On the emulated backends sigemu cannot see a thread being created: a
 * thread it meets for the first time starts with an empty mask, unless the
 * creator calls sigemu_thread_spawn() just before creating it and the new
 * thread calls sigemu_thread_begin() with that token before anything else
 * (the libc layer's pthread_create does both). No-ops on posix. */
typedef struct { uint64_t opaque[3]; } sigemu_spawn;
SIGEMU_API void sigemu_thread_spawn(sigemu_spawn *token);
SIGEMU_API void sigemu_thread_begin(const sigemu_spawn *token);

/* signal.raise_signal(): send sig to the calling thread, as raise() does.
 * On the main thread the handler has run when this returns (its code is
 * returned); from another thread it returns at once, the handler runs at
 * the main thread's next check, and a pause() there is not woken. */
SIGEMU_API int sigemu_raise_signal(int sig);
/* signal.pthread_kill(): sig 0 only checks that the thread exists. */
SIGEMU_API int sigemu_pthread_kill(sigemu_thread t, int sig);
/* signal.pidfd_send_signal(pidfd, sig, None, flags): Linux only. */
SIGEMU_API int sigemu_pidfd_send_signal(int pidfd, int sig, unsigned flags);

/* ------------------------------------------------------------------------ */
/* Masks, pending set, waits.                                                */
/* ------------------------------------------------------------------------ */

#define SIGEMU_SIG_BLOCK 0
#define SIGEMU_SIG_UNBLOCK 1
#define SIGEMU_SIG_SETMASK 2

/* signal.pthread_sigmask(): set may be NULL only to read the mask (then how
 * is ignored); old may be NULL. SIGKILL and SIGSTOP are silently left out.
 * Runs pending handlers afterwards (its code is returned then). */
SIGEMU_API int sigemu_pthread_sigmask(int how, const sigemu_sigset *set, sigemu_sigset *old);
SIGEMU_API int sigemu_sigpending(sigemu_sigset *out);

/* Python's struct_siginfo fields si_signo, si_code, si_errno, si_pid,
 * si_uid, si_status, si_band, in order. (Not named si_* because <signal.h>
 * defines those as macros.) */
typedef struct {
  int signo, code, err;
  int pid, uid, status;
  long band;
} sigemu_siginfo;

/* si_code values used by the emulated backends (Linux numbering). */
#define SIGEMU_SI_USER 0    /* sent by raise/kill/the host */
#define SIGEMU_SI_TIMER (-2) /* POSIX timer */
#define SIGEMU_SI_TKILL (-6) /* pthread_kill */
#define SIGEMU_SI_KERNEL 0x80 /* itimer expiry (Linux reports SI_KERNEL) */

/* signal.sigwait(): *sig receives the signal taken from pending. */
SIGEMU_API int sigemu_sigwait(const sigemu_sigset *set, int *sig);
/* signal.sigwaitinfo(): PEP 475 retry; a handler's nonzero code propagates. */
SIGEMU_API int sigemu_sigwaitinfo(const sigemu_sigset *set, sigemu_siginfo *info);
/* signal.sigtimedwait(): SIGEMU_EAGAIN when the timeout passes (Python
 * returns None); timeout 0 polls; negative is SIGEMU_ENEGTIMEOUT. */
SIGEMU_API int sigemu_sigtimedwait(const sigemu_sigset *set, double timeout, sigemu_siginfo *info);
/* signal.pause(): sleep until a signal is delivered; returns its handler's
 * code (0 when the handlers returned normally). */
SIGEMU_API int sigemu_pause(void);
/* Python's time.sleep(): runs handlers as signals arrive and returns the
 * first nonzero code; otherwise sleeps on to the absolute deadline. */
SIGEMU_API int sigemu_sleep(double seconds);

/* ------------------------------------------------------------------------ */
/* Timers.                                                                   */
/* ------------------------------------------------------------------------ */

#define SIGEMU_ITIMER_REAL 0
#define SIGEMU_ITIMER_VIRTUAL 1
#define SIGEMU_ITIMER_PROF 2

/* signal.alarm(): returns through *previous the seconds left (rounded as
 * glibc does); previous may be NULL. */
SIGEMU_API int sigemu_alarm(unsigned seconds, unsigned *previous);
/* signal.setitimer(): values rounded up to microseconds; old_* may be NULL. */
SIGEMU_API int sigemu_setitimer(int which, double seconds, double interval,
                                double *old_value, double *old_interval);
SIGEMU_API int sigemu_getitimer(int which, double *value, double *interval);

/* ------------------------------------------------------------------------ */
/* Wakeup fd, siginterrupt.                                                  */
/* ------------------------------------------------------------------------ */

/* signal.set_wakeup_fd(): -1 disables; returns the old fd in *old_fd. */
SIGEMU_API int sigemu_set_wakeup_fd(intptr_t fd, bool warn_on_full_buffer, intptr_t *old_fd);
/* signal.siginterrupt(): flag false -> system calls restart. */
SIGEMU_API int sigemu_siginterrupt(int sig, bool flag);

/* ------------------------------------------------------------------------ */
/* Names and tables.                                                         */
/* ------------------------------------------------------------------------ */

/* signal.NSIG on this backend (65 with Linux numbering). */
SIGEMU_API int sigemu_nsig(void);
SIGEMU_API int sigemu_valid_signals(sigemu_sigset *out);
/* signal.strsignal(): NULL when the platform has no description; out of
 * range also gives NULL and sets *err (err may be NULL). */
SIGEMU_API const char *sigemu_strsignal(int sig, int *err);
/* "SIGINT"; on Windows also "CTRL_C_EVENT" via sigemu_signum. NULL if none. */
SIGEMU_API const char *sigemu_signame(int sig);
/* Number for a name ("SIGINT", "INT", aliases such as "SIGIOT"); <0 if none. */
SIGEMU_API int sigemu_signum(const char *name);

/* Signal numbers as compile-time constants (#if, switch cases, static
 * tables) on the targets whose <signal.h> lacks them: SIGEMU_SIGINT,
 * SIGEMU_SIGALRM... They are the numbers of the target's own backend, the
 * ones sigemu_signum("SIGALRM") returns at run time:
 *   - WebAssembly (Emscripten, WASI): Linux's numbering, which the emulated
 *     backends use (wasi-libc's <signal.h> has none of them by default);
 *   - Windows: the CRT's seven and the emulated SIGALRM (14) — nothing else
 *     exists there, so nothing else is defined;
 *   - Linux on the architectures with the generic numbering: the kernel's
 *     numbers (the same as <signal.h>, which may also be used).
 * Elsewhere (macOS, the BSDs) use <signal.h>. SIGEMU_SIGNAL_LIST(X) names
 * the defined ones as X(SIGINT), for tables (SIGEMU_##name is the number). */
#if defined(_WIN32)
#  define SIGEMU_SIGINT 2
#  define SIGEMU_SIGILL 4
#  define SIGEMU_SIGFPE 8
#  define SIGEMU_SIGSEGV 11
#  define SIGEMU_SIGALRM 14
#  define SIGEMU_SIGTERM 15
#  define SIGEMU_SIGBREAK 21
#  define SIGEMU_SIGABRT 22
#  define SIGEMU_SIGNAL_LIST(X) \
   X(SIGINT) X(SIGILL) X(SIGFPE) X(SIGSEGV) X(SIGALRM) X(SIGTERM) \
   X(SIGBREAK) X(SIGABRT)
#elif defined(__wasm__) ||                                                   \
    (defined(__linux__) && !defined(__mips__) && !defined(__alpha__) &&     \
     !defined(__sparc__) && !defined(__hppa__))
#  define SIGEMU_SIGHUP 1
#  define SIGEMU_SIGINT 2
#  define SIGEMU_SIGQUIT 3
#  define SIGEMU_SIGILL 4
#  define SIGEMU_SIGTRAP 5
#  define SIGEMU_SIGABRT 6
#  define SIGEMU_SIGBUS 7
#  define SIGEMU_SIGFPE 8
#  define SIGEMU_SIGKILL 9
#  define SIGEMU_SIGUSR1 10
#  define SIGEMU_SIGSEGV 11
#  define SIGEMU_SIGUSR2 12
#  define SIGEMU_SIGPIPE 13
#  define SIGEMU_SIGALRM 14
#  define SIGEMU_SIGTERM 15
#  define SIGEMU_SIGSTKFLT 16
#  define SIGEMU_SIGCHLD 17
#  define SIGEMU_SIGCONT 18
#  define SIGEMU_SIGSTOP 19
#  define SIGEMU_SIGTSTP 20
#  define SIGEMU_SIGTTIN 21
#  define SIGEMU_SIGTTOU 22
#  define SIGEMU_SIGURG 23
#  define SIGEMU_SIGXCPU 24
#  define SIGEMU_SIGXFSZ 25
#  define SIGEMU_SIGVTALRM 26
#  define SIGEMU_SIGPROF 27
#  define SIGEMU_SIGWINCH 28
#  define SIGEMU_SIGIO 29
#  define SIGEMU_SIGPWR 30
#  define SIGEMU_SIGSYS 31
#  define SIGEMU_SIGRTMIN 34
#  define SIGEMU_SIGRTMAX 64
#  define SIGEMU_SIGNAL_LIST(X) \
   X(SIGHUP) X(SIGINT) X(SIGQUIT) X(SIGILL) X(SIGTRAP) X(SIGABRT) \
   X(SIGBUS) X(SIGFPE) X(SIGKILL) X(SIGUSR1) X(SIGSEGV) X(SIGUSR2) \
   X(SIGPIPE) X(SIGALRM) X(SIGTERM) X(SIGSTKFLT) X(SIGCHLD) X(SIGCONT) \
   X(SIGSTOP) X(SIGTSTP) X(SIGTTIN) X(SIGTTOU) X(SIGURG) X(SIGXCPU) \
   X(SIGXFSZ) X(SIGVTALRM) X(SIGPROF) X(SIGWINCH) X(SIGIO) X(SIGPWR) \
   X(SIGSYS) X(SIGRTMIN) X(SIGRTMAX)
#endif

typedef enum {
  SIGEMU_DEFAULT_TERMINATE = 0,
  SIGEMU_DEFAULT_CORE = 1,
  SIGEMU_DEFAULT_IGNORE = 2,
  SIGEMU_DEFAULT_STOP = 3,
  SIGEMU_DEFAULT_CONTINUE = 4
} sigemu_default;
/* The default action (SIG_DFL) of sig; <0 when out of range. */
SIGEMU_API int sigemu_default_action(int sig);

/* ------------------------------------------------------------------------ */
/* Availability per backend. X(name, "what it is")                          */
/* ------------------------------------------------------------------------ */

#define SIGEMU_FEATURE_MAP(X)                                                \
  X(SIGNAL,          "signal / getsignal (handler table)")                   \
  X(RAISE_SIGNAL,    "raise_signal")                                         \
  X(PTHREAD_KILL,    "pthread_kill")                                         \
  X(PTHREAD_SIGMASK, "pthread_sigmask (masks)")                              \
  X(SIGPENDING,      "sigpending")                                           \
  X(SIGWAIT,         "sigwait")                                              \
  X(SIGWAITINFO,     "sigwaitinfo")                                          \
  X(SIGTIMEDWAIT,    "sigtimedwait")                                         \
  X(PAUSE,           "pause")                                                \
  X(SLEEP,           "interruptible sleep (time.sleep)")                     \
  X(ALARM,           "alarm")                                                \
  X(ITIMER_REAL,     "setitimer/getitimer ITIMER_REAL")                      \
  X(ITIMER_VIRTUAL,  "setitimer/getitimer ITIMER_VIRTUAL")                   \
  X(ITIMER_PROF,     "setitimer/getitimer ITIMER_PROF")                      \
  X(WAKEUP_FD,       "set_wakeup_fd")                                        \
  X(SIGINTERRUPT,    "siginterrupt")                                         \
  X(PIDFD_SEND_SIGNAL,"pidfd_send_signal")                                   \
  X(STRSIGNAL,       "strsignal")                                            \
  X(VALID_SIGNALS,   "valid_signals")                                        \
  X(OS_SIGNALS,      "signals from the OS (kill, terminal, kernel)")         \
  X(HOST_SIGNALS,    "signals sent by the host (JS controller, test hook)")  \
  X(CPU_CLOCK,       "ITIMER_VIRTUAL/PROF measure CPU time (not wall time)") \
  X(DEFAULT_ACTIONS, "SIG_DFL actions (terminate, core, ignore)")

typedef enum {
#define SIGEMU__FEAT_ENUM(name, what) SIGEMU_FEATURE_##name,
  SIGEMU_FEATURE_MAP(SIGEMU__FEAT_ENUM)
#undef SIGEMU__FEAT_ENUM
  SIGEMU_FEATURE_COUNT
} sigemu_feature;

SIGEMU_API bool sigemu_available(sigemu_feature f);
/* Why a feature is missing or how it is done ("" when plain). */
SIGEMU_API const char *sigemu_feature_note(sigemu_feature f);
SIGEMU_API const char *sigemu_feature_name(sigemu_feature f);
SIGEMU_API const char *sigemu_feature_what(sigemu_feature f);
/* "posix", "windows", "emscripten", "wasi", "sim". */
SIGEMU_API const char *sigemu_backend(void);

#ifdef __cplusplus
}
#endif
#endif /* SIGEMU_H */
