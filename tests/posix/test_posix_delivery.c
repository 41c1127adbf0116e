/* test_posix_delivery.c — real signals reaching sigemu from another
 * process, another thread and raise_signal; system calls interrupted or
 * restarted according to siginterrupt; the wakeup fd (bytes, order,
 * coalescing, the full-buffer warning and its suppression). Expected values
 * come from python3's signal module on this machine.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "backend.h"
#include "posix_test.h"

#if defined(__SANITIZE_THREAD__)
#  define TSAN_BUILD 1
#elif defined(__has_feature)
#  if __has_feature(thread_sanitizer)
#    define TSAN_BUILD 1
#  endif
#endif
#ifndef TSAN_BUILD
#  define TSAN_BUILD 0
#endif

/* A child process kill()s the parent: the handler runs on the main thread
 * at a check, never in the OS handler. */
static void t_from_other_process(void) {
  T_EQ_ERR(pt_install(SIGUSR1, 0), 0);
  pid_t parent = getpid();
  pid_t pid = fork();
  if (pid == 0) {
    kill(parent, SIGUSR1);
    _exit(0);
  }
  T_TRUE(pid > 0);
  bool got = pt_wait_hits(SIGUSR1, 1, 10.0);
  waitpid(pid, NULL, 0);
  T_TRUE(got);
  T_EQ_INT(atomic_load(&pt_hits[SIGUSR1]), 1);
  T_EQ_INT(atomic_load(&pt_off_main), 0);
}

static atomic_int thread_result;
static atomic_int thread_hits_seen;
static void *raise_from_thread(void *arg) {
  int sig = (int)(intptr_t)arg;
  /* python3: raise_signal from a thread returns None at once. */
  atomic_store(&thread_result, sigemu_raise_signal(sig));
  atomic_store(&thread_hits_seen, atomic_load(&pt_hits[sig]));
  return NULL;
}

static void *unblocked_raise_from_thread(void *arg) {
  /* This thread takes the signal itself (raise() is thread-directed). */
  sigset_t none;
  sigemptyset(&none);
  pthread_sigmask(SIG_SETMASK, &none, NULL);
  return raise_from_thread(arg);
}

/* raise_signal from another thread: the OS handler runs on that thread, the
 * Python-level handler later, on the main thread. */
static void t_from_other_thread(void) {
  T_EQ_ERR(pt_install(SIGUSR2, 0), 0);
  atomic_store(&thread_result, -999);
  pthread_t t = pt_spawn(unblocked_raise_from_thread, (void *)(intptr_t)SIGUSR2);
  pthread_join(t, NULL);
  T_EQ_ERR(atomic_load(&thread_result), 0);
  T_EQ_INT(atomic_load(&thread_hits_seen), 0);
  T_EQ_INT(atomic_load(&pt_hits[SIGUSR2]), 0); /* not yet: no check ran */
  T_EQ_ERR(sigemu_check(), 0);
  T_EQ_INT(atomic_load(&pt_hits[SIGUSR2]), 1);
  T_EQ_INT(atomic_load(&pt_off_main), 0);
}

/* A handler's nonzero code stops dispatch; the rest stay tripped. */
static void t_handler_code_stops_dispatch(void) {
  T_EQ_ERR(pt_install(SIGUSR1, 42), 0);
  T_EQ_ERR(pt_install(SIGUSR2, 0), 0);
  sigemu_sigset s = pt_set_of(SIGUSR1, SIGUSR2, 0);
  T_EQ_ERR(sigemu_pthread_sigmask(SIGEMU_SIG_BLOCK, &s, NULL), 0);
  kill(getpid(), SIGUSR2);
  kill(getpid(), SIGUSR1);
  T_EQ_INT(sigemu_pthread_sigmask(SIGEMU_SIG_UNBLOCK, &s, NULL), 42);
  T_EQ_INT(atomic_load(&pt_hits[SIGUSR1]), 1);
  T_EQ_INT(atomic_load(&pt_hits[SIGUSR2]), 0);
  T_EQ_ERR(sigemu_check(), 0);
  T_EQ_INT(atomic_load(&pt_hits[SIGUSR2]), 1);
}

/* ---- EINTR vs restart ----------------------------------------------------- */

typedef struct {
  int fd;       /* write one byte here after delay_ms, unless stopped */
  int stop_fd;  /* readable: stop early */
  int delay_ms;
} writer_arg;

static void *writer(void *p) {
  writer_arg *w = p;
  struct pollfd pf = {w->stop_fd, POLLIN, 0};
  if (poll(&pf, 1, w->delay_ms) == 0) {
    char c = 'x';
    if (write(w->fd, &c, 1) != 1) abort();
  }
  return NULL;
}

/* One blocking read() on a pipe with ITIMER_REAL armed for 30 ms and a
 * writer thread that writes after delay_ms: returns read()'s result, its
 * errno, and the seconds it took. */
static ssize_t timed_read(int delay_ms, int *err, double *took) {
  int p[2], stop[2];
  if (pipe(p) < 0 || pipe(stop) < 0) abort();
  writer_arg w = {p[1], stop[0], delay_ms};
  pthread_t t = pt_spawn(writer, &w);
  char c;
  double t0 = pt_now();
  sigemu_setitimer(SIGEMU_ITIMER_REAL, 0.03, 0, NULL, NULL);
  ssize_t n = read(p[0], &c, 1);
  *err = n < 0 ? errno : 0;
  *took = pt_now() - t0;
  if (write(stop[1], "s", 1) != 1) abort();
  pthread_join(t, NULL);
  close(p[0]);
  close(p[1]);
  close(stop[0]);
  close(stop[1]);
  return n;
}

/* python3 (handler on SIGALRM, setitimer 0.03, os.read on a pipe):
 * siginterrupt(SIGALRM, True) (the default after signal()) -> the read
 * fails with EINTR (Python then retries, PEP 475); siginterrupt(SIGALRM,
 * False) -> the kernel restarts the read and it returns the byte. */
static void t_read_interrupted_or_restarted(void) {
  T_EQ_ERR(pt_install(SIGALRM, 0), 0);
  int err;
  double took;
  ssize_t n = timed_read(3000, &err, &took);
  T_EQ_INT(n, -1);
  T_EQ_INT(err, EINTR);
  T_TRUE(took < 2.5); /* the alarm, not the writer, ended it */
  T_EQ_ERR(sigemu_check(), 0);
  T_EQ_INT(atomic_load(&pt_hits[SIGALRM]), 1);

  T_EQ_ERR(sigemu_siginterrupt(SIGALRM, false), 0);
  n = timed_read(300, &err, &took);
  T_EQ_INT(n, 1);
  T_EQ_INT(err, 0);
  T_TRUE(took >= 0.29); /* it waited for the writer */
  T_EQ_ERR(sigemu_check(), 0);
  T_EQ_INT(atomic_load(&pt_hits[SIGALRM]), 2); /* the alarm did fire */

  /* Installing the handler again resets it to "interrupt". */
  T_EQ_ERR(pt_install(SIGALRM, 0), 0);
  n = timed_read(3000, &err, &took);
  T_EQ_INT(n, -1);
  T_EQ_INT(err, EINTR);
}

/* ---- wakeup fd ------------------------------------------------------------ */

static int nb_pipe(int p[2]) {
  if (pipe(p) < 0) return -1;
  for (int i = 0; i < 2; i++) fcntl(p[i], F_SETFL, fcntl(p[i], F_GETFL) | O_NONBLOCK);
  return 0;
}

static int drain(int fd, unsigned char *buf, int max) {
  int n = 0;
  struct pollfd pf = {fd, POLLIN, 0};
  while (n < max && poll(&pf, 1, 0) == 1) {
    ssize_t r = read(fd, buf + n, (size_t)(max - n));
    if (r <= 0) break;
    n += (int)r;
  }
  return n;
}

/* python3: handlers on 1 and 12, both blocked, kill 12, 1, 12, unblock:
 * the fd gets bytes [12, 1] (the kernel runs the higher number's C handler
 * first), the handlers run in ascending order [1, 12], and the duplicate 12
 * coalesces. sigpending() shows {1, 12} before. */
static void t_wakeup_fd_bytes_order_coalescing(void) {
  int p[2];
  T_EQ_INT(nb_pipe(p), 0);
  intptr_t old = 0;
  T_EQ_ERR(sigemu_set_wakeup_fd(p[1], true, &old), 0);
  T_EQ_INT(old, -1);
  T_EQ_ERR(pt_install(SIGHUP, 0), 0);
  T_EQ_ERR(pt_install(SIGUSR2, 0), 0);
  sigemu_sigset s = pt_set_of(SIGHUP, SIGUSR2, 0), pend;
  T_EQ_ERR(sigemu_pthread_sigmask(SIGEMU_SIG_BLOCK, &s, NULL), 0);
  kill(getpid(), SIGUSR2);
  kill(getpid(), SIGHUP);
  kill(getpid(), SIGUSR2);
  T_EQ_ERR(sigemu_sigpending(&pend), 0);
  T_EQ_INT(sigemu_sigcount(&pend), 2);
  T_EQ_INT(sigemu_sigismember(&pend, SIGHUP), 1);
  T_EQ_INT(sigemu_sigismember(&pend, SIGUSR2), 1);
  struct pollfd pf = {p[0], POLLIN, 0};
  T_EQ_INT(poll(&pf, 1, 0), 0); /* nothing written while blocked */
  T_EQ_ERR(sigemu_pthread_sigmask(SIGEMU_SIG_UNBLOCK, &s, NULL), 0);
  T_EQ_INT(poll(&pf, 1, 1000), 1);
  unsigned char b[16];
  int n = drain(p[0], b, 16);
  T_EQ_INT(n, 2);
#if TSAN_BUILD
  /* TSan catches every signal itself and replays the queued ones in
   * ascending order, so only the set of bytes is the kernel's here. */
  T_TRUE((b[0] == 12 && b[1] == 1) || (b[0] == 1 && b[1] == 12));
#else
  T_EQ_INT(b[0], 12);
  T_EQ_INT(b[1], 1);
#endif
  T_EQ_INT(atomic_load(&pt_norder), 2);
  T_EQ_INT(pt_order[0], 1);
  T_EQ_INT(pt_order[1], 12);
  T_EQ_ERR(sigemu_set_wakeup_fd(-1, true, &old), 0);
  T_EQ_INT(old, p[1]);
  close(p[0]);
  close(p[1]);
}

/* No byte for a signal whose disposition is SIG_IGN (no C handler is
 * installed, as in CPython); one byte per delivery otherwise; a socket
 * works as well as a pipe. */
static void t_wakeup_fd_socket_and_ignored(void) {
  int sv[2];
  T_EQ_INT(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
  fcntl(sv[1], F_SETFL, fcntl(sv[1], F_GETFL) | O_NONBLOCK);
  T_EQ_ERR(sigemu_set_wakeup_fd(sv[1], true, NULL), 0);
  T_EQ_ERR(pt_set(SIGUSR1, SIGEMU_IGN), 0);
  T_EQ_ERR(pt_install(SIGUSR2, 0), 0);
  T_EQ_ERR(sigemu_raise_signal(SIGUSR1), 0);
  T_EQ_ERR(sigemu_raise_signal(SIGUSR2), 0);
  T_EQ_ERR(sigemu_raise_signal(SIGUSR2), 0);
  unsigned char b[16];
  int n = drain(sv[0], b, 16);
  T_EQ_INT(n, 2);
  T_EQ_INT(b[0], SIGUSR2);
  T_EQ_INT(b[1], SIGUSR2);
  T_EQ_INT(atomic_load(&pt_hits[SIGUSR2]), 2);
  T_EQ_ERR(sigemu_set_wakeup_fd(-1, true, NULL), 0);
  close(sv[0]);
  close(sv[1]);
}

/* python3, pipe filled, os.kill(SIGUSR1) with a handler:
 *   Exception ignored when trying to write to the signal wakeup fd:
 *   BlockingIOError: [Errno 11] Resource temporarily unavailable
 * and nothing with warn_on_full_buffer=False; the handler runs both times.
 */
static void t_wakeup_fd_full_buffer_warning(void) {
  int p[2];
  T_EQ_INT(nb_pipe(p), 0);
  char junk[4096];
  memset(junk, 'j', sizeof junk);
  while (write(p[1], junk, sizeof junk) > 0) {
  }
  while (write(p[1], junk, 1) > 0) {
  }
  T_EQ_ERR(pt_install(SIGUSR1, 0), 0);
  T_EQ_ERR(sigemu_set_wakeup_fd(p[1], true, NULL), 0);
  pt_reports_clear();
  T_EQ_ERR(sigemu_raise_signal(SIGUSR1), 0);
  T_EQ_INT(atomic_load(&pt_hits[SIGUSR1]), 1);
  T_TRUE(strstr(pt_reports, "Exception ignored when trying to write to the "
                            "signal wakeup fd:") == pt_reports);
  T_TRUE(strstr(pt_reports, "BlockingIOError: [Errno 11] Resource "
                            "temporarily unavailable") != NULL);
  pt_reports_clear();
  T_EQ_ERR(sigemu_set_wakeup_fd(p[1], false, NULL), 0);
  T_EQ_ERR(sigemu_raise_signal(SIGUSR1), 0);
  T_EQ_INT(atomic_load(&pt_hits[SIGUSR1]), 2);
  T_EQ_STR(pt_reports, "");
  /* Each call resets the flag: warnings come back. */
  T_EQ_ERR(sigemu_set_wakeup_fd(p[1], true, NULL), 0);
  T_EQ_ERR(sigemu_raise_signal(SIGUSR1), 0);
  T_TRUE(strstr(pt_reports, "[Errno 11]") != NULL);
  T_EQ_ERR(sigemu_set_wakeup_fd(-1, true, NULL), 0);
  close(p[0]);
  close(p[1]);
}

/* python3: set_wakeup_fd on a closed fd or -5 -> OSError [Errno 9]; a
 * blocking pipe -> ValueError "the fd 4 must be in non-blocking mode". A
 * failed call leaves the previous fd in place. */
static void t_wakeup_fd_validation(void) {
  int p[2], q[2];
  T_EQ_INT(nb_pipe(p), 0);
  T_EQ_INT(pipe(q), 0); /* blocking */
  T_EQ_ERR(sigemu_set_wakeup_fd(p[1], true, NULL), 0);
  T_EQ_ERR(sigemu_set_wakeup_fd(q[1], true, NULL), SIGEMU_EBLOCKINGFD);
  int closed = dup(q[1]);
  close(closed);
  T_EQ_ERR(sigemu_set_wakeup_fd(closed, true, NULL), SIGEMU_EBADF);
  T_EQ_INT(sigemu_last_os_error(), EBADF);
  T_EQ_ERR(sigemu_set_wakeup_fd(-5, true, NULL), SIGEMU_EBADF);
  intptr_t old = 0;
  T_EQ_ERR(sigemu_set_wakeup_fd(-1, true, &old), 0);
  T_EQ_INT(old, p[1]);
  close(p[0]);
  close(p[1]);
  close(q[0]);
  close(q[1]);
}

/* The text for a failed write: python3 words it "[Errno 11] Resource
 * temporarily unavailable", "[Errno 32] Broken pipe"; on POSIX CPython
 * writes with write() to any fd, sockets included, so the verb is always
 * "write to". */
static void t_wakeup_describe(void) {
  char buf[128];
  const char *verb = NULL;
  T_EQ_STR(sigemu__os_wakeup_describe(5, SIGEMU_EAGAIN, EAGAIN, buf,
                                      sizeof buf, &verb),
           "BlockingIOError");
  T_EQ_STR(buf, "[Errno 11] Resource temporarily unavailable");
  T_EQ_STR(verb, "write to");
  T_EQ_STR(sigemu__os_wakeup_describe(5, SIGEMU_EOS, EPIPE, buf, sizeof buf,
                                      &verb),
           "BrokenPipeError");
  T_EQ_STR(buf, "[Errno 32] Broken pipe");
  T_EQ_STR(sigemu__os_wakeup_describe(5, SIGEMU_EBADF, EBADF, buf, sizeof buf,
                                      &verb),
           "OSError");
  T_EQ_STR(buf, "[Errno 9] Bad file descriptor");
}

static const harness_test tests[] = {
    T(t_from_other_process),
    T(t_from_other_thread),
    T(t_handler_code_stops_dispatch),
    T(t_read_interrupted_or_restarted),
    T(t_wakeup_fd_bytes_order_coalescing),
    T(t_wakeup_fd_socket_and_ignored),
    T(t_wakeup_fd_full_buffer_warning),
    T(t_wakeup_fd_validation),
    T(t_wakeup_describe),
};

int main(int argc, char **argv) {
  harness_setup = pt_setup;
  harness_teardown = pt_teardown;
  return harness_main(argc, argv, tests, HARNESS_COUNT(tests));
}
