/* sigemu_sim.h — controls of the `sim` backend, for tests only.
 *
 * `sim` is an emulated backend whose clocks are virtual: time moves only when
 * a test says so, so every timer test is deterministic and never sleeps.
 * Link with the `sigemu_sim` library (native builds build both it and the
 * platform library). Nothing here exists in the other backends.
 */
#ifndef SIGEMU_SIM_H
#define SIGEMU_SIM_H

#include "sigemu.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Busy computation for ns nanoseconds: wall and CPU clocks both advance and
 * every timer that falls due fires, in deadline order, at its deadline. */
SIGEMU_API void sigemu_sim_advance_ns(int64_t ns);
SIGEMU_API void sigemu_sim_advance(double seconds);
/* Idle (not on the CPU, not in a sigemu wait): only the wall clock moves. */
SIGEMU_API void sigemu_sim_idle_ns(int64_t ns);
SIGEMU_API int64_t sigemu_sim_now_ns(void);
SIGEMU_API int64_t sigemu_sim_cpu_ns(void);

/* A signal "from the host" (another process, the JS page). Any thread. */
SIGEMU_API int sigemu_sim_send(int sig);
/* kill(2) of this process by a process with that pid and uid: process-
 * directed, si_code SI_USER, si_pid/si_uid as given (sigemu_sim_pid() for
 * the process itself). Any thread. */
SIGEMU_API int sigemu_sim_kill(int sig, int pid, int uid);
/* This process's pid and uid as sim reports them in siginfo. */
SIGEMU_API int sigemu_sim_pid(void);
SIGEMU_API int sigemu_sim_uid(void);

/* Virtual pipes for the wakeup fd: capacity bytes of buffer. fd numbers
 * start at 1000; anything else is a bad fd for the sim backend. */
SIGEMU_API int sigemu_sim_pipe(int capacity, bool nonblocking, intptr_t *fd);
SIGEMU_API int sigemu_sim_pipe_read(intptr_t fd, unsigned char *buf, int n);
SIGEMU_API int sigemu_sim_pipe_close(intptr_t fd);
/* Make the next `count` writes to fd fail with err (a SIGEMU_E* code such as
 * SIGEMU_EINTR or SIGEMU_EAGAIN) before the real write is attempted. */
SIGEMU_API int sigemu_sim_pipe_fault(intptr_t fd, int err, int count);
/* Close the read end: every later write fails with EPIPE. */
SIGEMU_API int sigemu_sim_pipe_break(intptr_t fd);
/* Number of write attempts on fd so far (faults included). */
SIGEMU_API int sigemu_sim_pipe_attempts(intptr_t fd);

/* Called when a thread would block (pause, sigwait, sleep). It may
 * send signals or advance clocks; return nonzero if it did anything. If it
 * did nothing and the wait has no deadline, the wait fails with
 * SIGEMU_ENOTHERE instead of hanging. A wait with a deadline jumps the wall
 * clock to it. fn NULL removes the hook. */
typedef int (*sigemu_sim_block_fn)(int64_t deadline_ns, void *arg);
SIGEMU_API void sigemu_sim_on_block(sigemu_sim_block_fn fn, void *arg);

/* Default actions: by default `sim` really exits (128+sig) or aborts. A test
 * can record them instead; the signal is then treated as discarded. */
typedef void (*sigemu_sim_die_fn)(int sig, int action, void *arg);
SIGEMU_API void sigemu_sim_on_die(sigemu_sim_die_fn fn, void *arg);


#ifdef __cplusplus
}
#endif
#endif /* SIGEMU_SIM_H */
