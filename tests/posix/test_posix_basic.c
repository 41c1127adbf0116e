/* test_posix_basic.c — the posix backend's tables, dispositions, sigaction
 * flags, siginterrupt, shutdown restoration, sending (raise, pthread_kill,
 * pidfd_send_signal) and fork. Every expected value is what python3's
 * signal module gives on Linux/glibc (checked with python3 3.11).
 */
#include <errno.h>
#include <signal.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "backend.h"
#include "posix_syscalls.h"
#include "posix_test.h"

static void t_backend_and_features(void) {
  T_EQ_STR(sigemu_backend(), "posix");
  for (int f = 0; f < SIGEMU_FEATURE_COUNT; f++) {
    if (!sigemu_available((sigemu_feature)f))
      T_FAIL_("feature %s not available", sigemu_feature_name((sigemu_feature)f));
  }
  T_TRUE(strlen(sigemu_feature_note(SIGEMU_FEATURE_HOST_SIGNALS)) > 0);
}

/* python3: NSIG 65; valid_signals() has 62 members, not 32/33;
 * strsignal(2) 'Interrupt', strsignal(32) None, strsignal(35)
 * 'Real-time signal 1'; Signals(34) SIGRTMIN, Signals(64) SIGRTMAX. */
static void t_table_matches_python(void) {
  T_EQ_INT(sigemu_nsig(), 65);
  sigemu_sigset v;
  T_EQ_ERR(sigemu_valid_signals(&v), 0);
  T_EQ_INT(sigemu_sigcount(&v), 62);
  T_EQ_INT(sigemu_sigismember(&v, 32), 0);
  T_EQ_INT(sigemu_sigismember(&v, 33), 0);
  T_EQ_INT(sigemu_sigismember(&v, 64), 1);
  T_EQ_STR(sigemu_strsignal(2, NULL), "Interrupt");
  T_EQ_STR(sigemu_strsignal(19, NULL), "Stopped (signal)");
  T_EQ_STR(sigemu_strsignal(32, NULL), NULL);
  T_EQ_STR(sigemu_strsignal(33, NULL), NULL);
  T_EQ_STR(sigemu_strsignal(35, NULL), "Real-time signal 1");
  T_EQ_STR(sigemu_strsignal(64, NULL), "Real-time signal 30");
  int err = 0;
  T_EQ_STR(sigemu_strsignal(65, &err), NULL);
  T_EQ_ERR(err, SIGEMU_ERANGE_SIG);
  T_EQ_STR(sigemu_signame(34), "SIGRTMIN");
  T_EQ_STR(sigemu_signame(64), "SIGRTMAX");
  T_EQ_STR(sigemu_signame(6), "SIGABRT");
  T_EQ_INT(sigemu_signum("SIGIOT"), 6);
  T_EQ_INT(sigemu_signum("SIGCLD"), 17);
  T_EQ_INT(sigemu_signum("SIGPOLL"), 29);
  T_EQ_INT(sigemu_signum("SIGSTKFLT"), 16);
  T_EQ_INT(sigemu_default_action(SIGCHLD), SIGEMU_DEFAULT_IGNORE);
  T_EQ_INT(sigemu_default_action(SIGSEGV), SIGEMU_DEFAULT_CORE);
}

/* The host table read from <signal.h>/strsignal() must agree row by row
 * with the Linux table the emulated backends use (src/sigtab.c). */
static void t_host_table_equals_linux_table(void) {
  int n = 0;
  const sigemu__sigdesc *t = sigemu__os_sigtable(&n);
  T_EQ_INT(n, sigemu__linux_sigtable_count);
  for (int i = 0; i < n; i++) {
    const sigemu__sigdesc *l = &sigemu__linux_sigtable[i];
    T_EQ_INT(t[i].num, l->num);
    T_EQ_STR(t[i].name, l->name);
    T_EQ_STR(t[i].desc, l->desc);
    T_EQ_INT(t[i].action, l->action);
  }
  int na = 0;
  const sigemu__sigalias *a = sigemu__os_sigaliases(&na);
  T_EQ_INT(na, sigemu__linux_aliases_count);
  for (int i = 0; i < na; i++) {
    T_EQ_STR(a[i].name, sigemu__linux_aliases[i].name);
    T_EQ_INT(a[i].num, sigemu__linux_aliases[i].num);
  }
  for (int s = 0; s < 70; s++)
    T_EQ_INT(sigemu__os_sig_valid(s), sigemu__linux_sig_valid(s));
}

static void foreign_handler(int sig) { (void)sig; }

/* python3 -c 'import signal; print(signal.getsignal(32),
 * signal.getsignal(9))' -> None Handlers.SIG_DFL; a handler set by C code
 * before start-up reads None; SIG_IGN reads SIG_IGN. */
static void t_initial_dispositions_and_restore(void) {
  struct sigaction fa, ia, orig_usr2, orig_winch, now;
  sigemu_shutdown();
  memset(&fa, 0, sizeof fa);
  fa.sa_handler = foreign_handler;
  memset(&ia, 0, sizeof ia);
  ia.sa_handler = SIG_IGN;
  sigaction(SIGWINCH, &fa, &orig_winch);
  sigaction(SIGUSR2, &ia, &orig_usr2);
  T_EQ_ERR(pt_reinit(false), 0);
  sigemu_action a;
  T_EQ_ERR(sigemu_getsignal(SIGWINCH, &a), 0);
  T_EQ_INT(a.kind, SIGEMU_FOREIGN);
  T_EQ_ERR(sigemu_getsignal(SIGUSR2, &a), 0);
  T_EQ_INT(a.kind, SIGEMU_IGN);
  T_EQ_ERR(sigemu_getsignal(32, &a), 0);
  T_EQ_INT(a.kind, SIGEMU_FOREIGN);
  T_EQ_ERR(sigemu_getsignal(33, &a), 0);
  T_EQ_INT(a.kind, SIGEMU_FOREIGN);
  T_EQ_ERR(sigemu_getsignal(SIGKILL, &a), 0);
  T_EQ_INT(a.kind, SIGEMU_DFL);
  T_EQ_ERR(sigemu_getsignal(SIGUSR1, &a), 0);
  T_EQ_INT(a.kind, SIGEMU_DFL);
  /* Change all three, then shut down: the originals come back. */
  T_EQ_ERR(pt_install(SIGWINCH, 0), 0);
  T_EQ_ERR(pt_install(SIGUSR2, 0), 0);
  T_EQ_ERR(sigemu_siginterrupt(SIGUSR1, false), 0);
  sigaction(SIGWINCH, NULL, &now);
  T_TRUE(now.sa_handler != foreign_handler);
  sigemu_shutdown();
  sigaction(SIGWINCH, NULL, &now);
  T_TRUE(now.sa_handler == foreign_handler);
  sigaction(SIGUSR2, NULL, &now);
  T_TRUE(now.sa_handler == SIG_IGN);
  sigaction(SIGUSR1, NULL, &now);
  T_TRUE(now.sa_handler == SIG_DFL);
  T_FALSE(now.sa_flags & SA_RESTART);
  sigaction(SIGWINCH, &orig_winch, NULL);
  sigaction(SIGUSR2, &orig_usr2, NULL);
}

/* Python's start-up: SIGINT -> default_int_handler if it was SIG_DFL,
 * SIGPIPE and SIGXFSZ -> SIG_IGN (python3: getsignal(SIGPIPE) is
 * Handlers.SIG_IGN). */
static void t_python_defaults(void) {
  struct sigaction before_int, before_pipe, now;
  sigemu_shutdown();
  sigaction(SIGINT, NULL, &before_int);
  sigaction(SIGPIPE, NULL, &before_pipe);
  T_EQ_ERR(pt_reinit(true), 0);
  sigemu_action a;
  T_EQ_ERR(sigemu_getsignal(SIGPIPE, &a), 0);
  T_EQ_INT(a.kind, SIGEMU_IGN);
  T_EQ_ERR(sigemu_getsignal(SIGXFSZ, &a), 0);
  T_EQ_INT(a.kind, SIGEMU_IGN);
  sigaction(SIGPIPE, NULL, &now);
  T_TRUE(now.sa_handler == SIG_IGN);
  if (before_int.sa_handler == SIG_DFL) {
    T_EQ_ERR(sigemu_getsignal(SIGINT, &a), 0);
    T_EQ_INT(a.kind, SIGEMU_CALL);
    T_TRUE(a.fn == sigemu_default_int_handler);
    /* raise_signal(SIGINT) -> KeyboardInterrupt */
    T_EQ_INT(sigemu_raise_signal(SIGINT), SIGEMU_KEYBOARD_INTERRUPT);
  }
  sigemu_shutdown();
  sigaction(SIGPIPE, NULL, &now);
  T_TRUE(now.sa_handler == before_pipe.sa_handler);
  sigaction(SIGINT, NULL, &now);
  T_TRUE(now.sa_handler == before_int.sa_handler);
}

/* The live action: SA_ONSTACK only, empty mask, no SA_RESTART; siginterrupt
 * flips SA_RESTART; installing again resets it. */
static void t_sigaction_flags_and_siginterrupt(void) {
  struct sigaction now;
  T_EQ_ERR(pt_install(SIGUSR1, 0), 0);
  sigaction(SIGUSR1, NULL, &now);
  T_TRUE(now.sa_handler != SIG_DFL && now.sa_handler != SIG_IGN);
  T_TRUE(now.sa_flags & SA_ONSTACK);
  T_FALSE(now.sa_flags & SA_RESTART);
  T_FALSE(now.sa_flags & SA_SIGINFO);
  T_FALSE(now.sa_flags & SA_RESETHAND);
  T_EQ_INT(sigismember(&now.sa_mask, SIGUSR2), 0);
  T_EQ_INT(sigismember(&now.sa_mask, SIGINT), 0);
  T_EQ_ERR(sigemu_siginterrupt(SIGUSR1, false), 0);
  sigaction(SIGUSR1, NULL, &now);
  T_TRUE(now.sa_flags & SA_RESTART);
  T_TRUE(now.sa_flags & SA_ONSTACK);
  T_EQ_ERR(sigemu_siginterrupt(SIGUSR1, true), 0);
  sigaction(SIGUSR1, NULL, &now);
  T_FALSE(now.sa_flags & SA_RESTART);
  T_EQ_ERR(sigemu_siginterrupt(SIGUSR1, false), 0);
  T_EQ_ERR(pt_install(SIGUSR1, 0), 0);
  sigaction(SIGUSR1, NULL, &now);
  T_FALSE(now.sa_flags & SA_RESTART);
  /* python3: siginterrupt(9, True) and siginterrupt(32, True) ->
   * OSError [Errno 22]; siginterrupt(0, True) -> ValueError. */
  T_EQ_ERR(sigemu_siginterrupt(SIGKILL, true), SIGEMU_EINVAL);
  T_EQ_INT(sigemu_last_os_error(), EINVAL);
  T_EQ_ERR(sigemu_siginterrupt(32, true), SIGEMU_EINVAL);
  T_EQ_ERR(sigemu_siginterrupt(0, true), SIGEMU_ERANGE_SIG);
  T_EQ_ERR(sigemu_siginterrupt(65, true), SIGEMU_ERANGE_SIG);
}

/* python3: signal(32, h), signal(9, h), signal(9, SIG_DFL),
 * signal(19, SIG_IGN) -> OSError [Errno 22]; signal(34, h) -> 0 (SIG_DFL).
 * A failed call changes nothing. */
static void t_signal_errors(void) {
  sigemu_action a, old;
  T_EQ_ERR(pt_install(32, 0), SIGEMU_EINVAL);
  T_EQ_INT(sigemu_last_os_error(), EINVAL);
  T_EQ_ERR(sigemu_getsignal(32, &a), 0);
  T_EQ_INT(a.kind, SIGEMU_FOREIGN);
  T_EQ_ERR(pt_install(SIGKILL, 0), SIGEMU_EINVAL);
  T_EQ_ERR(pt_set(SIGKILL, SIGEMU_DFL), SIGEMU_EINVAL);
  T_EQ_ERR(pt_set(SIGSTOP, SIGEMU_IGN), SIGEMU_EINVAL);
  T_EQ_ERR(sigemu_getsignal(SIGKILL, &a), 0);
  T_EQ_INT(a.kind, SIGEMU_DFL);
  sigemu_action h = {SIGEMU_CALL, pt_count, NULL};
  T_EQ_ERR(sigemu_signal(34, &h, &old), 0);
  T_EQ_INT(old.kind, SIGEMU_DFL);
  T_EQ_ERR(pt_install(0, 0), SIGEMU_ERANGE_SIG);
  T_EQ_ERR(pt_install(65, 0), SIGEMU_ERANGE_SIG);
}

/* The OS sigaction failing leaves the handler table as it was. */
static int fail_sigaction(int sig, const struct sigaction *act,
                          struct sigaction *old) {
  (void)sig;
  (void)old;
  if (act) {
    errno = EPERM;
    return -1;
  }
  return sigaction(sig, act, old);
}

static void t_fault_sigaction(void) {
  sigemu__posix_sys.sigaction = fail_sigaction;
  T_EQ_ERR(pt_install(SIGUSR1, 0), SIGEMU_EPERM);
  T_EQ_INT(sigemu_last_os_error(), EPERM);
  sigemu_action a;
  T_EQ_ERR(sigemu_getsignal(SIGUSR1, &a), 0);
  T_EQ_INT(a.kind, SIGEMU_DFL);
  T_EQ_ERR(sigemu_siginterrupt(SIGUSR1, false), SIGEMU_EPERM);
  sigemu__posix_sys_reset();
  T_EQ_ERR(pt_install(SIGUSR1, 0), 0);
}

/* raise_signal on the main thread: the handler has run when it returns,
 * and its code comes back (the "exception"). */
static void t_raise_main_thread(void) {
  T_EQ_ERR(pt_install(SIGUSR1, 0), 0);
  T_EQ_ERR(sigemu_raise_signal(SIGUSR1), 0);
  T_EQ_INT(atomic_load(&pt_hits[SIGUSR1]), 1);
  T_EQ_ERR(pt_install(SIGUSR2, 42), 0);
  T_EQ_INT(sigemu_raise_signal(SIGUSR2), 42);
  T_EQ_INT(atomic_load(&pt_hits[SIGUSR2]), 1);
  T_EQ_INT(atomic_load(&pt_off_main), 0);
  /* python3: raise_signal(32) -> OSError [Errno 22]. */
  T_EQ_ERR(sigemu_raise_signal(32), SIGEMU_EINVAL);
  T_EQ_INT(sigemu_last_os_error(), EINVAL);
}

static atomic_int stop_flag;
static void *idle_thread(void *arg) {
  (void)arg;
  while (!atomic_load(&stop_flag)) pt_msleep(1);
  return NULL;
}

/* python3: pthread_kill(get_ident(), 0) -> None; pthread_kill(..., 32) and
 * (..., 65) -> OSError [Errno 22]. */
static void t_pthread_kill(void) {
  T_EQ_ERR(pt_install(SIGUSR1, 0), 0);
  T_EQ_ERR(sigemu_pthread_kill(sigemu_thread_self(), 0), 0);
  T_EQ_INT(atomic_load(&pt_hits[SIGUSR1]), 0);
  atomic_store(&stop_flag, 0);
  pthread_t t = pt_spawn(idle_thread, NULL);
  int r0 = sigemu_pthread_kill((sigemu_thread)t, 0);
  int r32 = sigemu_pthread_kill((sigemu_thread)t, 32);
  int e32 = sigemu_last_os_error();
  int r65 = sigemu_pthread_kill((sigemu_thread)t, 65);
  atomic_store(&stop_flag, 1);
  pthread_join(t, NULL);
  T_EQ_ERR(r0, 0);
  T_EQ_ERR(r32, SIGEMU_EINVAL);
  T_EQ_INT(e32, EINVAL);
  T_EQ_ERR(r65, SIGEMU_EINVAL);
  /* To the main thread itself: the handler has run on return. */
  T_EQ_ERR(sigemu_pthread_kill(sigemu_main_thread(), SIGUSR1), 0);
  T_EQ_INT(atomic_load(&pt_hits[SIGUSR1]), 1);
}

static void *report_id(void *arg) {
  *(sigemu_thread *)arg = sigemu_thread_self();
  return NULL;
}

/* Bad input never crashes: glibc's pthread_kill segfaults on an id whose
 * memory is gone and returns 0 for an ended thread; sigemu answers
 * ProcessLookupError (ESRCH) for both, and for a number that names no
 * thread at all. */
static void t_pthread_kill_ended_or_bogus_thread(void) {
  sigemu_thread id = 0;
  pthread_t t;
  T_EQ_INT(pthread_create(&t, NULL, report_id, &id), 0);
  pthread_join(t, NULL);
  T_EQ_ERR(sigemu_pthread_kill(id, 0), SIGEMU_ESRCH);
  T_EQ_ERR(sigemu_pthread_kill(id, SIGUSR1), SIGEMU_ESRCH);
  T_EQ_INT(sigemu_last_os_error(), ESRCH);
  /* Never a thread: unmapped memory, and an address inside our data. */
  T_EQ_ERR(sigemu_pthread_kill((sigemu_thread)0x10, 0), SIGEMU_ESRCH);
  T_EQ_ERR(sigemu_pthread_kill((sigemu_thread)0x7ffffffff000ULL, 0),
           SIGEMU_ESRCH);
  T_EQ_ERR(sigemu_pthread_kill(0, 0), SIGEMU_ESRCH);
}

/* A read-only pthread_sigmask changes nothing, so shutdown must not put
 * back the start-up mask over the application's own later change. */
static void t_readonly_sigmask_keeps_app_mask_at_shutdown(void) {
  sigemu_sigset cur;
  T_EQ_ERR(sigemu_pthread_sigmask(SIGEMU_SIG_BLOCK, NULL, &cur), 0);
  sigset_t s, now;
  sigemptyset(&s);
  sigaddset(&s, SIGUSR2);
  pthread_sigmask(SIG_BLOCK, &s, NULL); /* the application's own change */
  sigemu_shutdown();
  pthread_sigmask(SIG_BLOCK, NULL, &now);
  int kept = sigismember(&now, SIGUSR2);
  pthread_sigmask(SIG_UNBLOCK, &s, NULL);
  T_EQ_INT(kept, 1);
  T_EQ_ERR(sigemu_init(NULL), 0); /* for the teardown */
}

/* The kernel's mask as a sigemu-side bit word (signal s at bit s-1). */
static uint64_t kernel_mask_word(void) {
  sigset_t now;
  pthread_sigmask(SIG_BLOCK, NULL, &now);
  uint64_t w = 0;
  for (int s = 1; s < NSIG && s <= 64; s++)
    if (sigismember(&now, s) == 1) w |= (uint64_t)1 << (s - 1);
  return w;
}

static int count_sigmask_calls;
static int counting_sigmask(int how, const sigset_t *set, sigset_t *old) {
  count_sigmask_calls++;
  return pthread_sigmask(how, set, old);
}

/* Mask changes after the first and mask reads (the backend's short ways,
 * backend.h) do what the checked call does, as glibc + python3 do: BLOCK /
 * UNBLOCK / SETMASK of random sets leave the kernel's mask as a model says
 * (SIGKILL, SIGSTOP and glibc's 32 and 33 never in it) and a read gives it
 * back; a number outside 1..64 or an unknown how is an error that changes
 * nothing; a table override is still called. */
static void t_sigmask_changes_match_the_kernel(void) {
  const uint64_t never = (1ull << (SIGKILL - 1)) | (1ull << (SIGSTOP - 1)) |
                         (1ull << 31) | (1ull << 32);
  sigemu_sigset first = pt_set_of(SIGUSR2, 0, 0);
  T_EQ_ERR(sigemu_pthread_sigmask(SIGEMU_SIG_BLOCK, &first, NULL), 0);
  uint64_t model = kernel_mask_word();
  T_TRUE((model >> (SIGUSR2 - 1)) & 1);
  uint64_t x = 0x9e3779b97f4a7c15ull;
  for (int i = 0; i < 3000; i++) {
    x ^= x << 13, x ^= x >> 7, x ^= x << 17;
    /* Sparse sets; SIGINT stays out (the harness may rely on it). */
    uint64_t w = (x & (x >> 21) & (x >> 42)) & ~(1ull << (SIGINT - 1));
    if (i % 50 == 0) w |= never;
    if (i % 50 == 25) w |= 1ull << 63; /* signal 64: the second word */
    sigemu_sigset set;
    sigemu_sigemptyset(&set);
    for (int s = 1; s <= 64; s++)
      if ((w >> (s - 1)) & 1) (void)sigemu_sigaddset(&set, s);
    int how = (int)(x % 3);
    T_EQ_ERR(sigemu_pthread_sigmask(how, &set, NULL), 0);
    uint64_t keep = w & ~never;
    model = how == SIGEMU_SIG_BLOCK     ? model | keep
            : how == SIGEMU_SIG_UNBLOCK ? model & ~keep
                                        : keep;
    uint64_t now = kernel_mask_word();
    sigemu_sigset read;
    T_EQ_ERR(sigemu_pthread_sigmask(how, NULL, &read), 0); /* how is ignored */
    if (read.bits[0] != model << 1 || read.bits[1] != model >> 63) {
      T_FAIL_("round %d: read %#llx %#llx, expected the model %#llx", i,
              (unsigned long long)read.bits[0], (unsigned long long)read.bits[1],
              (unsigned long long)model);
      break;
    }
    if (now != model) {
      T_FAIL_("round %d how %d: kernel mask %#llx, expected %#llx", i, how,
              (unsigned long long)now, (unsigned long long)model);
      break;
    }
  }
  /* Errors change nothing. */
  uint64_t before = kernel_mask_word();
  sigemu_sigset bad = pt_set_of(SIGUSR1, 0, 0);
  bad.bits[0] |= 1; /* signal 0 */
  T_EQ_ERR(sigemu_pthread_sigmask(SIGEMU_SIG_BLOCK, &bad, NULL), SIGEMU_EMASKRANGE);
  bad = pt_set_of(SIGUSR1, 0, 0);
  bad.bits[1] |= 2; /* signal 65 */
  T_EQ_ERR(sigemu_pthread_sigmask(SIGEMU_SIG_SETMASK, &bad, NULL), SIGEMU_EMASKRANGE);
  sigemu_sigset good = pt_set_of(SIGUSR1, 0, 0);
  T_EQ_ERR(sigemu_pthread_sigmask(3, &good, NULL), SIGEMU_EINVAL);
  T_EQ_ERR(sigemu_pthread_sigmask(-1, &good, NULL), SIGEMU_EINVAL);
  T_EQ_INT((long long)(kernel_mask_word() == before), 1);
  /* An override of the table is called (tests/posix/test_posix_faults.c
   * relies on it for every change). */
  sigemu__posix_sys.pthread_sigmask = counting_sigmask;
  count_sigmask_calls = 0;
  T_EQ_ERR(sigemu_pthread_sigmask(SIGEMU_SIG_BLOCK, &good, NULL), 0);
  T_EQ_ERR(sigemu_pthread_sigmask(SIGEMU_SIG_UNBLOCK, &good, NULL), 0);
  sigemu_sigset cur;
  T_EQ_ERR(sigemu_pthread_sigmask(SIGEMU_SIG_BLOCK, NULL, &cur), 0);
  sigemu__posix_sys_reset();
  T_EQ_INT(count_sigmask_calls, 3);
  sigemu_sigset none;
  sigemu_sigemptyset(&none);
  T_EQ_ERR(sigemu_pthread_sigmask(SIGEMU_SIG_SETMASK, &none, NULL), 0);
  T_EQ_INT((long long)kernel_mask_word(), 0);
}

/* pidfd_send_signal: a real child killed through its pidfd; python3:
 * pidfd_send_signal(-1, 2) and (0, 2) -> OSError [Errno 9]. */
static void t_pidfd_send_signal(void) {
#if defined(SYS_pidfd_open)
  T_EQ_ERR(sigemu_pidfd_send_signal(-1, SIGINT, 0), SIGEMU_EBADF);
  T_EQ_ERR(sigemu_pidfd_send_signal(0, SIGINT, 0), SIGEMU_EBADF);
  T_EQ_INT(sigemu_last_os_error(), EBADF);
  pid_t pid = fork();
  if (pid == 0) {
    for (;;) pause();
  }
  T_TRUE(pid > 0);
  int pidfd = (int)syscall(SYS_pidfd_open, pid, 0);
  if (pidfd < 0) {
    kill(pid, SIGKILL);
    waitpid(pid, NULL, 0);
    T_SKIP("pidfd_open not supported by this kernel");
  }
  int r0 = sigemu_pidfd_send_signal(pidfd, 0, 0);
  int rf = sigemu_pidfd_send_signal(pidfd, SIGTERM, 1); /* bad flags */
  int rt = sigemu_pidfd_send_signal(pidfd, SIGTERM, 0);
  int st = 0;
  waitpid(pid, &st, 0);
  close(pidfd);
  T_EQ_ERR(r0, 0);
  T_EQ_ERR(rf, SIGEMU_EINVAL);
  T_EQ_ERR(rt, 0);
  T_TRUE(WIFSIGNALED(st));
  T_EQ_INT(WTERMSIG(st), SIGTERM);
#else
  T_SKIP("no pidfd_open on this system");
#endif
}

/* After fork() the child starts with no tripped signal (CPython's
 * _PySignal_AfterFork): a signal tripped but not yet dispatched in the
 * parent does not run in the child. */
static void t_fork_child_starts_clean(void) {
  T_EQ_ERR(pt_install(SIGUSR1, 0), 0);
  T_EQ_ERR(pt_install(SIGUSR2, 0), 0);
  kill(getpid(), SIGUSR1); /* delivered now: tripped, not dispatched */
  T_TRUE(atomic_load(&sigemu__tripped) != 0);
  pid_t pid = fork();
  if (pid == 0) {
    int bad = 0;
    if (sigemu_check() != 0 || atomic_load(&pt_hits[SIGUSR1]) != 0) bad |= 1;
    /* A fresh signal in the child runs alone. */
    if (sigemu_raise_signal(SIGUSR2) != 0) bad |= 2;
    if (atomic_load(&pt_hits[SIGUSR1]) != 0) bad |= 4;
    if (atomic_load(&pt_hits[SIGUSR2]) != 1) bad |= 8;
    _exit(bad);
  }
  int st = 0;
  waitpid(pid, &st, 0);
  T_TRUE(WIFEXITED(st));
  T_EQ_INT(WEXITSTATUS(st), 0);
  T_EQ_ERR(sigemu_check(), 0); /* the parent still has it */
  T_EQ_INT(atomic_load(&pt_hits[SIGUSR1]), 1);
}

static const harness_test tests[] = {
    T(t_backend_and_features),
    T(t_table_matches_python),
    T(t_host_table_equals_linux_table),
    T(t_initial_dispositions_and_restore),
    T(t_python_defaults),
    T(t_sigaction_flags_and_siginterrupt),
    T(t_signal_errors),
    T(t_fault_sigaction),
    T(t_raise_main_thread),
    T(t_pthread_kill),
    T(t_pthread_kill_ended_or_bogus_thread),
    T(t_readonly_sigmask_keeps_app_mask_at_shutdown),
    T(t_sigmask_changes_match_the_kernel),
    T(t_pidfd_send_signal),
    T(t_fork_child_starts_clean),
};

int main(int argc, char **argv) {
  harness_setup = pt_setup;
  harness_teardown = pt_teardown;
  return harness_main(argc, argv, tests, HARNESS_COUNT(tests));
}
