/* signal.h — the whole POSIX <signal.h> for WASI programs, over sigemu_libc.
 *
 * wasi-libc's header stops the build unless _WASI_EMULATED_SIGNAL is defined,
 * and then declares only signal(), raise(), the numbers and the types. This
 * header turns that on, takes wasi-libc's part (#include_next), and declares
 * the rest with Linux's values: siginfo_t, sigaction and its flags, masks,
 * waits, sending, the alternate stack, the XSI calls, real-time numbers.
 * (sigset_t is __typedef_sigset_t.h's, beside this file.) The
 * functions come from libsigemu_libc.a (see sigemu_libc.rsp).
 */
#ifndef SIGEMU_LIBC_WASI_SIGNAL_H
#define SIGEMU_LIBC_WASI_SIGNAL_H

#ifndef _WASI_EMULATED_SIGNAL
#  define _WASI_EMULATED_SIGNAL 1
#endif
#include_next <signal.h> /* the numbers, SIG_DFL/IGN/ERR, signal, raise */

#include <__typedef_sigset_t.h> /* beside this file: 128 bytes */
#include <stddef.h>
#include <sys/types.h> /* pid_t, uid_t, pthread_t */
#include <time.h>      /* struct timespec */

#ifdef __cplusplus
extern "C" {
#endif

#define SIG_BLOCK 0
#define SIG_UNBLOCK 1
#define SIG_SETMASK 2

#define SI_ASYNCNL (-60)
#define SI_TKILL (-6)
#define SI_SIGIO (-5)
#define SI_ASYNCIO (-4)
#define SI_MESGQ (-3)
#define SI_TIMER (-2)
#define SI_QUEUE (-1)
#define SI_USER 0
#define SI_KERNEL 128

union sigval {
  int sival_int;
  void *sival_ptr;
};

/* Plain members (Linux keeps them in unions; a program only uses the
 * names). 128 bytes, as on Linux. */
typedef struct {
  int si_signo, si_errno, si_code;
  pid_t si_pid;
  uid_t si_uid;
  int si_status;
  union sigval si_value;
  void *si_addr;
  long si_band;
  int si_fd, si_timerid, si_overrun;
  char __pad[128 - 7 * sizeof(int) - sizeof(pid_t) - sizeof(uid_t) -
             sizeof(union sigval) - sizeof(void *) - sizeof(long)];
} siginfo_t;
#define si_int si_value.sival_int
#define si_ptr si_value.sival_ptr

struct sigaction {
  union {
    void (*sa_handler)(int);
    void (*sa_sigaction)(int, siginfo_t *, void *);
  } __sa_handler;
  sigset_t sa_mask;
  int sa_flags;
  void (*sa_restorer)(void);
};
#define sa_handler __sa_handler.sa_handler
#define sa_sigaction __sa_handler.sa_sigaction

/* A function, as wasi-libc makes SIG_IGN and SIG_ERR: on wasm a small
 * number such as 2 can be a real function's address. */
void sigemu_libc_sig_hold(int);
#undef SIG_HOLD
#define SIG_HOLD (sigemu_libc_sig_hold)

#define SA_NOCLDSTOP 1
#define SA_NOCLDWAIT 2
#define SA_SIGINFO 4
#define SA_ONSTACK 0x08000000
#define SA_RESTART 0x10000000
#define SA_NODEFER 0x40000000
#define SA_RESETHAND 0x80000000
#define SA_NOMASK SA_NODEFER
#define SA_ONESHOT SA_RESETHAND

#define MINSIGSTKSZ 2048
#define SIGSTKSZ 8192
#ifndef SS_ONSTACK
#  define SS_ONSTACK 1
#  define SS_DISABLE 2
#endif

typedef struct sigaltstack {
  void *ss_sp;
  int ss_flags;
  size_t ss_size;
} stack_t;

#ifndef NSIG
#  define NSIG _NSIG
#endif

int __libc_current_sigrtmin(void);
int __libc_current_sigrtmax(void);
#define SIGRTMIN (__libc_current_sigrtmin())
#define SIGRTMAX (__libc_current_sigrtmax())

int kill(pid_t, int);
int killpg(pid_t, int);

int sigemptyset(sigset_t *);
int sigfillset(sigset_t *);
int sigaddset(sigset_t *, int);
int sigdelset(sigset_t *, int);
int sigismember(const sigset_t *, int);
int sigisemptyset(const sigset_t *);
int sigorset(sigset_t *, const sigset_t *, const sigset_t *);
int sigandset(sigset_t *, const sigset_t *, const sigset_t *);

int sigprocmask(int, const sigset_t *__restrict, sigset_t *__restrict);
int pthread_sigmask(int, const sigset_t *__restrict, sigset_t *__restrict);
int sigsuspend(const sigset_t *);
int sigaction(int, const struct sigaction *__restrict,
              struct sigaction *__restrict);
int sigpending(sigset_t *);
int sigwait(const sigset_t *__restrict, int *__restrict);
int sigwaitinfo(const sigset_t *__restrict, siginfo_t *__restrict);
int sigtimedwait(const sigset_t *__restrict, siginfo_t *__restrict,
                 const struct timespec *__restrict);
int sigqueue(pid_t, int, union sigval);
int pthread_kill(pthread_t, int);

void psiginfo(const siginfo_t *, const char *);
int sigaltstack(const stack_t *__restrict, stack_t *__restrict);
int sighold(int);
int sigignore(int);
int siginterrupt(int, int);
int sigpause(int);
int sigrelse(int);
void (*sigset(int, void (*)(int)))(int);

#ifdef __cplusplus
}
#endif
#endif
