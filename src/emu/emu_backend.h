/* emu_backend.h — the small seam under the emulation kit (src/emu/emu.c).
 *
 * Where a platform has no signals (WebAssembly), or lacks masks, pending sets
 * and itimers (Windows), or must be deterministic (sim), the core emulates
 * them: src/emu/emu.c defines the whole OS seam of src/backend.h on top of
 * the few primitives below. Each emulated backend (platform/sim,
 * platform/wasm, platform/windows) defines these once.
 *
 * Threading: sigemu__emu_arrive() may be called from any thread, a host
 * timer callback or an OS handler; everything else is called on the main
 * thread unless said otherwise.
 */
#ifndef SIGEMU_EMU_BACKEND_H
#define SIGEMU_EMU_BACKEND_H

#include "../backend.h"

/* ---- supplied by the backend -------------------------------------------- */
const char *sigemu__emu_name(void);
bool sigemu__emu_available(sigemu_feature f, const char **note);
/* Signal table: sim and wasm return the Linux one; Windows its own. */
const sigemu__sigdesc *sigemu__emu_sigtable(int *count);
const sigemu__sigalias *sigemu__emu_sigaliases(int *count);
int sigemu__emu_nsig(void);
bool sigemu__emu_sig_valid(int sig);
int sigemu__emu_signal_precheck(int sig); /* 0 or SIGEMU_EINVALSIG */
/* Catchable here? (SIGKILL, SIGSTOP, Linux 32/33: no -> SIGEMU_EINVAL.) */
int sigemu__emu_catchable(int sig);

int sigemu__emu_init(void);
void sigemu__emu_shutdown(void);
/* Tell the platform that sig's disposition changed (Windows: CRT signal()). */
void sigemu__emu_disposition_changed(int sig, sigemu_kind kind);

uintptr_t sigemu__emu_thread_self(void);
/* 1 if t names a live thread, 0 if not. */
int sigemu__emu_thread_exists(uintptr_t t);

/* Monotonic wall clock, nanoseconds. */
int64_t sigemu__emu_now_ns(void);
/* Process CPU time in ns, or -1 when the runtime has none (the kit then uses
 * wall time minus the time spent blocked in sigemu waits). */
int64_t sigemu__emu_cpu_ns(void);
/* The earliest ITIMER_REAL deadline changed (INT64_MAX: none). The platform
 * may arm a host timer that calls sigemu__emu_timer_due() (from any thread:
 * a JS timer callback, a Windows timer-queue thread). Called with the kit's
 * timer lock held: must not call back into the kit. */
void sigemu__emu_arm(int64_t deadline_ns);
/* Block the main thread until sigemu__emu_wake() or deadline_ns (monotonic;
 * INT64_MAX = no deadline). Returns 0 (woken, or deadline reached: the kit
 * looks at the clock), or SIGEMU_ENOTHERE where blocking is impossible, or
 * (sim) when nothing could ever wake it. */
int sigemu__emu_block(int64_t deadline_ns);
/* Wake a blocked main thread. Any thread; async-signal-safe. */
void sigemu__emu_wake(void);
/* Take signals sent by the host since the last poll (each through
 * sigemu__emu_arrive). Called every slow check on the main thread. */
void sigemu__emu_host_poll(void);

/* Wakeup fd: validate (0, SIGEMU_EBADF, SIGEMU_EBLOCKINGFD) and write one
 * byte (0, SIGEMU_EAGAIN, SIGEMU_EBADF, ...; *os_err = errno-style code). */
int sigemu__emu_fd_validate(intptr_t fd);
int sigemu__emu_fd_write(intptr_t fd, unsigned char byte, int *os_err);
void sigemu__emu_fd_describe(intptr_t fd, int os_err, char *buf, size_t n,
                             const char **verb);

/* Perform a default action that ends the process: flush output, then exit
 * with 128+sig (TERMINATE) or abort (CORE). Does not return. */
void sigemu__emu_die(int sig, int action);

/* ---- supplied by the kit (src/emu/emu.c) to the backends ---------------- */
/* A signal arrives from outside (host, other thread, timer, console event).
 * code is the si_code to report to sigwaitinfo. Any thread. */
void sigemu__emu_arrive(int sig, int code);
/* Fire the itimers that are due now (host timer callback, sim advance).
 * Any thread; serialised by the kit's timer lock. */
void sigemu__emu_timer_due(void);
/* The earliest armed ITIMER_REAL deadline (INT64_MAX: none). */
int64_t sigemu__emu_next_deadline(void);
/* Nanoseconds of busy computation (wall and CPU both moving) until the next
 * timer of any kind falls due; INT64_MAX when none is armed. (sim) */
int64_t sigemu__emu_next_due_in(void);

#endif /* SIGEMU_EMU_BACKEND_H */
