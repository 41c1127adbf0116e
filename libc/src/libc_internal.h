/* libc_internal.h — what the files of the POSIX layer (sigemu_libc) share.
 *
 * The layer gives an unmodified C program the standard <signal.h> functions
 * on WebAssembly, over the emulation kit (src/emu/kit.h), which models the
 * Linux signal kernel. Each function NAME is defined as __wrap_NAME and the
 * link wraps every NAME (-Wl,--wrap=NAME, from sigemu_libc.rsp): the
 * program's calls and the C library's own calls both reach the layer, no
 * definition collides with the C library's, and nothing depends on link
 * order (docs/libc.md, "the link study"). Natively the layer is not built:
 * glibc and the kernel play its part, and are the oracle of its tests.
 *
 * Behaviour is glibc's on Linux (errno values, what is refused, rounding),
 * since programs ported to WebAssembly were written against it.
 */
#ifndef SIGEMU_LIBC_INTERNAL_H
#define SIGEMU_LIBC_INTERNAL_H

#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <time.h>

#include "emu/kit.h"
#include "sigemu_libc.h"

/* Start the kit once (a constructor does it before main; any call may be
 * first). */
void sigemu__libc_start(void);

/* A SIGEMU_E* code as an errno value. */
int sigemu__libc_errno(int code);
/* Set errno from a SIGEMU_E* code and return -1. */
int sigemu__libc_fail(int code);

/* Linux's valid numbers for the set helpers and sigaction: 1..64 without
 * glibc's internal 32 and 33. */
bool sigemu__libc_sig_ok(int sig);

/* sigset_t (the program's) <-> the kit's 128-bit set. Only 1..64 are
 * carried; the kit drops what can never be blocked. */
sigemu_sigset sigemu__libc_from_sigset(const sigset_t *s);
void sigemu__libc_to_sigset(const sigemu_sigset *in, sigset_t *out);

/* Fill the program's siginfo_t from the kit's. */
void sigemu__libc_fill_siginfo(siginfo_t *out, const kit_siginfo *in);

/* timespec <-> ns; false when the timespec is invalid (EINVAL). */
bool sigemu__libc_ts_ns(const struct timespec *ts, int64_t *ns);
void sigemu__libc_ns_ts(int64_t ns, struct timespec *ts);

/* Sleep until monotonic deadline_ns or until a handler runs on this thread:
 * 0, or SIGEMU_EINTR, or another SIGEMU_E* code. Where the thread may not
 * block (a browser's main thread) it polls instead. */
int sigemu__libc_sleep_until(int64_t deadline_ns);

/* Sleep rel_ns from now: 0, or -1 with errno (EINTR, ...) and *left (may
 * be NULL) the time not slept. */
int sigemu__libc_sleep_rel(int64_t rel_ns, int64_t *left);

/* The kit's deadline for a CLOCK_REALTIME / CLOCK_MONOTONIC time. */
int64_t sigemu__libc_now_ns(clockid_t clock, bool *ok);

/* The target's own note for a row of the function table, or NULL. */
const char *sigemu__libc_target_note(const char *name);

/* Disposition of sig as the program sees it. */
void sigemu__libc_get_action(int sig, struct sigaction *out);

#endif /* SIGEMU_LIBC_INTERNAL_H */
