/* sim.c — the deterministic backend: virtual clocks, virtual pipes, signals
 * sent by the test.
 *
 * Why: timer logic (absolute deadlines, coalescing, rounding, CPU clocks)
 * must be tested without sleeping and without flakiness on a loaded
 * machine. Here time moves only when the test advances it, a blocking wait
 * jumps the wall clock to its deadline, and a wait that nothing could ever
 * end fails with SIGEMU_ENOTHERE instead of hanging. Pure C11: it builds for
 * every target, so the core's unit tests run natively, in wasm and on
 * Windows alike.
 */
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/backend.h"
#include "sigemu_sim.h"

/* Native builds have real threads: a wait that another thread may end
 * blocks for real there. The sim builds for wasm and Windows run the
 * single-threaded unit tests only. */
#if (defined(__linux__) || defined(__APPLE__)) && !defined(SIGEMU_SIM_NO_THREADS)
#  define SIM_THREADS 1
#  include <pthread.h>
#  include <time.h>
#  include <unistd.h>
#endif

/* ---- clocks ------------------------------------------------------------- */

static atomic_llong now_ns = 1000000000; /* start at 1 s: 0 means "unset" */
static atomic_llong cpu_ns;
static atomic_uint wake_word;

int64_t sigemu__plat_now_ns(void) { return atomic_load(&now_ns); }
int64_t sigemu__plat_cpu_ns(void) { return atomic_load(&cpu_ns); }
int64_t sigemu_sim_now_ns(void) { return atomic_load(&now_ns); }
int64_t sigemu_sim_cpu_ns(void) { return atomic_load(&cpu_ns); }

void sigemu_sim_advance_ns(int64_t ns) {
  if (ns <= 0) return;
  /* Step from deadline to deadline so each timer fires at its own time. */
  while (ns > 0) {
    int64_t step = sigemu__kit_next_due_in();
    if (step > ns) step = ns;
    atomic_fetch_add(&now_ns, step);
    atomic_fetch_add(&cpu_ns, step);
    ns -= step;
    sigemu__kit_timer_due();
    if (step == 0 && ns > 0) {
      /* A timer due now fired; avoid spinning if it stays due (interval 0
       * cannot, a periodic one moved its deadline forward). */
      int64_t again = sigemu__kit_next_due_in();
      if (again == 0) break;
    }
  }
}

void sigemu_sim_advance(double seconds) {
  if (!(seconds > 0)) return;
  sigemu_sim_advance_ns((int64_t)(seconds * 1e9 + 0.5));
}

void sigemu_sim_idle_ns(int64_t ns) {
  if (ns <= 0) return;
  atomic_fetch_add(&now_ns, ns);
  sigemu__kit_timer_due();
}

void sigemu__plat_arm(int64_t deadline_ns) { (void)deadline_ns; }

static sigemu_sim_block_fn block_fn;
static void *block_arg;
void sigemu_sim_on_block(sigemu_sim_block_fn fn, void *arg) {
  block_fn = fn;
  block_arg = arg;
}

#ifdef SIM_THREADS
static pthread_mutex_t wake_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t wake_cv = PTHREAD_COND_INITIALIZER;

/* Wait for real until the word moves or ms of real time pass. */
static void real_wait(uint32_t token, int64_t ms) {
  struct timespec until; /* pthread_cond_timedwait's clock: CLOCK_REALTIME */
  timespec_get(&until, TIME_UTC);
  until.tv_sec += (time_t)(ms / 1000);
  until.tv_nsec += (long)(ms % 1000) * 1000000L;
  if (until.tv_nsec >= 1000000000L) {
    until.tv_sec++;
    until.tv_nsec -= 1000000000L;
  }
  pthread_mutex_lock(&wake_mu);
  while (atomic_load(&wake_word) == token)
    if (pthread_cond_timedwait(&wake_cv, &wake_mu, &until) != 0) break;
  pthread_mutex_unlock(&wake_mu);
}
#endif

uint32_t sigemu__plat_wait_token(void) { return atomic_load(&wake_word); }

int sigemu__plat_block(uint32_t token, int64_t deadline_ns) {
  if (atomic_load(&wake_word) != token) return 0;
  if (block_fn && block_fn(deadline_ns, block_arg)) return 0;
  if (atomic_load(&wake_word) != token) return 0;
#ifdef SIM_THREADS
  /* Another thread may end this wait: block for real. Virtual time does not
   * move by itself, so a wait with a deadline gives the others 50 ms of
   * real time before it jumps the clock; one without gives up after 30 s
   * rather than hang a test. */
  if (sigemu__kit_live_threads() > 1) {
    real_wait(token, deadline_ns == INT64_MAX ? 30000 : 50);
    if (atomic_load(&wake_word) != token) return 0;
  }
#endif
  if (deadline_ns == INT64_MAX) return SIGEMU_ENOTHERE; /* would hang */
  int64_t now = atomic_load(&now_ns);
  if (deadline_ns > now) atomic_store(&now_ns, deadline_ns); /* idle wait */
  return 0;
}

void sigemu__plat_wake(void) {
  atomic_fetch_add(&wake_word, 1);
#ifdef SIM_THREADS
  pthread_mutex_lock(&wake_mu);
  pthread_cond_broadcast(&wake_cv);
  pthread_mutex_unlock(&wake_mu);
#endif
}

void sigemu__plat_host_poll(void) {}
bool sigemu__plat_host_flagged(void) { return false; }

int sigemu_sim_send(int sig) {
  if (sig < 1 || sig >= SIGEMU__LINUX_NSIG) return SIGEMU_ERANGE_SIG;
  if (!sigemu__linux_sig_valid(sig)) return SIGEMU_EINVAL;
  sigemu__kit_send_host(sig);
  return 0;
}

int sigemu_sim_kill(int sig, int pid, int uid) {
  if (sig < 0 || sig >= SIGEMU__LINUX_NSIG) return SIGEMU_EINVAL;
  if (sig == 0) return 0;
  if (!sigemu__linux_sig_valid(sig)) return SIGEMU_EINVAL;
  sigemu__kit_send_from(sig, pid, uid);
  return 0;
}

int sigemu_sim_pid(void) { return sigemu__plat_pid(); }
int sigemu_sim_uid(void) { return sigemu__plat_uid(); }

/* ---- identity and tables ------------------------------------------------ */

const char *sigemu__os_name(void) { return "sim"; }

bool sigemu__os_available(sigemu_feature f, const char **note) {
  const char *n = "";
  bool ok = true;
  switch (f) {
  case SIGEMU_FEATURE_OS_SIGNALS:
    ok = false;
    n = "no OS: signals come from the test (sigemu_sim_send)";
    break;
  case SIGEMU_FEATURE_PIDFD_SEND_SIGNAL:
    ok = false;
    n = "no processes";
    break;
  case SIGEMU_FEATURE_CPU_CLOCK: n = "virtual CPU clock"; break;
  case SIGEMU_FEATURE_HOST_SIGNALS: n = "sigemu_sim_send"; break;
  case SIGEMU_FEATURE_PAUSE:
  case SIGEMU_FEATURE_SIGWAIT:
  case SIGEMU_FEATURE_SIGWAITINFO:
  case SIGEMU_FEATURE_SIGTIMEDWAIT:
  case SIGEMU_FEATURE_SLEEP: n = "virtual time: waits jump the clock"; break;
  case SIGEMU_FEATURE_DEFAULT_ACTIONS:
    n = "terminate and core: exit status 128+sig (or the test's "
        "sigemu_sim_on_die hook); stop: ignored";
    break;
  default: break;
  }
  if (note) *note = n;
  return ok;
}

int sigemu__plat_init(void) { return 0; }
void sigemu__plat_shutdown(void) {}
void sigemu__plat_disposition_changed(int sig, sigemu_kind kind) {
  (void)sig;
  (void)kind;
}

/* ---- threads: ids handed out per thread, never reused ------------------ */

static atomic_uintptr_t next_id = 1;
static _Thread_local uintptr_t my_id;

uintptr_t sigemu__os_thread_self(void) {
  if (!my_id) my_id = atomic_fetch_add(&next_id, 1);
  return my_id;
}

/* An id never handed out names no thread; the kit knows which of the others
 * have ended (their TLS destructor told it). */
int sigemu__plat_thread_alive(uintptr_t t) {
  return t == 0 || t >= atomic_load(&next_id) ? 0 : -1;
}

#ifdef SIM_THREADS
static pthread_key_t exit_key;
static pthread_once_t exit_once = PTHREAD_ONCE_INIT;
static struct {
  void (*fn)(void *);
} exit_hook;
static void exit_trampoline(void *arg) {
  if (exit_hook.fn) exit_hook.fn(arg);
}
static void make_key(void) { (void)pthread_key_create(&exit_key, exit_trampoline); }

int sigemu__plat_on_thread_exit(void (*fn)(void *), void *arg) {
  pthread_once(&exit_once, make_key);
  exit_hook.fn = fn; /* always the kit's one function */
  return pthread_setspecific(exit_key, arg) == 0 ? 0 : SIGEMU_EOS;
}
/* The process's own pid and uid, which the siginfo of every raise, kill
 * and pthread_kill names: read once, and again in a child after fork().
 * (Two system calls per signal were five sixths of a raise here: make
 * bench, raise.sim.) A simulated process keeps the user it started as: a
 * setuid() afterwards is not seen in si_uid. */
static atomic_int own_pid = -1, own_uid = -1;
static pthread_once_t own_once = PTHREAD_ONCE_INIT;
static void forget_own(void) {
  atomic_store_explicit(&own_pid, -1, memory_order_relaxed);
  atomic_store_explicit(&own_uid, -1, memory_order_relaxed);
}
static void watch_fork(void) { (void)pthread_atfork(NULL, NULL, forget_own); }
static int own(atomic_int *v, int (*read)(void)) {
  int x = atomic_load_explicit(v, memory_order_relaxed);
  if (x < 0) {
    pthread_once(&own_once, watch_fork);
    x = read();
    atomic_store_explicit(v, x, memory_order_relaxed);
  }
  return x;
}
static int read_pid(void) { return (int)getpid(); }
static int read_uid(void) { return (int)getuid(); }
int sigemu__plat_pid(void) { return own(&own_pid, read_pid); }
int sigemu__plat_uid(void) { return own(&own_uid, read_uid); }
#else
int sigemu__plat_on_thread_exit(void (*fn)(void *), void *arg) {
  (void)fn;
  (void)arg;
  return SIGEMU_ENOSYS;
}
int sigemu__plat_pid(void) { return 1; }
int sigemu__plat_uid(void) { return 0; }
#endif

/* ---- virtual pipes ------------------------------------------------------ */

#define SIM_PIPES 16
#define SIM_FD0 1000
typedef struct {
  bool open, nonblocking, broken;
  int capacity, len;
  unsigned char buf[256];
  int fault_err, fault_count, attempts;
} sim_pipe;
static sim_pipe pipes[SIM_PIPES];

static sim_pipe *pipe_of(intptr_t fd) {
  if (fd < SIM_FD0 || fd >= SIM_FD0 + SIM_PIPES) return NULL;
  sim_pipe *p = &pipes[fd - SIM_FD0];
  return p->open ? p : NULL;
}

int sigemu_sim_pipe(int capacity, bool nonblocking, intptr_t *fd) {
  if (!fd) return SIGEMU_ENULL;
  if (capacity < 0 || capacity > (int)sizeof pipes[0].buf)
    return SIGEMU_EINVAL;
  for (int i = 0; i < SIM_PIPES; i++)
    if (!pipes[i].open) {
      memset(&pipes[i], 0, sizeof pipes[i]);
      pipes[i].open = true;
      pipes[i].nonblocking = nonblocking;
      pipes[i].capacity = capacity;
      *fd = SIM_FD0 + i;
      return 0;
    }
  return SIGEMU_EOS;
}

int sigemu_sim_pipe_read(intptr_t fd, unsigned char *buf, int n) {
  sim_pipe *p = pipe_of(fd);
  if (!p) return SIGEMU_EBADF;
  if (!buf || n < 0) return SIGEMU_ENULL;
  int k = p->len < n ? p->len : n;
  memcpy(buf, p->buf, (size_t)k);
  memmove(p->buf, p->buf + k, (size_t)(p->len - k));
  p->len -= k;
  return k;
}

int sigemu_sim_pipe_close(intptr_t fd) {
  sim_pipe *p = pipe_of(fd);
  if (!p) return SIGEMU_EBADF;
  p->open = false;
  return 0;
}

int sigemu_sim_pipe_fault(intptr_t fd, int err, int count) {
  sim_pipe *p = pipe_of(fd);
  if (!p) return SIGEMU_EBADF;
  p->fault_err = err;
  p->fault_count = count;
  return 0;
}

int sigemu_sim_pipe_break(intptr_t fd) {
  sim_pipe *p = pipe_of(fd);
  if (!p) return SIGEMU_EBADF;
  p->broken = true;
  return 0;
}

int sigemu_sim_pipe_attempts(intptr_t fd) {
  sim_pipe *p = pipe_of(fd);
  return p ? p->attempts : SIGEMU_EBADF;
}

int sigemu__os_wakeup_validate(intptr_t fd) {
  sim_pipe *p = pipe_of(fd);
  if (!p) return SIGEMU_EBADF;
  if (!p->nonblocking) return SIGEMU_EBLOCKINGFD;
  return 0;
}

/* Linux errno numbers, so reports read as they do natively. */
static int os_errno_of(int err) {
  switch (err) {
  case SIGEMU_EAGAIN: return 11;
  case SIGEMU_EINTR: return 4;
  case SIGEMU_EBADF: return 9;
  default: return 5; /* EIO */
  }
}

int sigemu__os_wakeup_write(intptr_t fd, unsigned char byte, int *os_err) {
  sim_pipe *p = pipe_of(fd);
  for (;;) {
    if (!p) {
      *os_err = 9;
      return SIGEMU_EBADF;
    }
    p->attempts++;
    if (p->fault_count > 0) {
      p->fault_count--;
      if (p->fault_err == SIGEMU_EINTR) continue; /* retried, as CPython */
      *os_err = os_errno_of(p->fault_err);
      return p->fault_err;
    }
    if (p->broken) {
      *os_err = 32; /* EPIPE: the reader is gone */
      return SIGEMU_EOS;
    }
    if (p->len >= p->capacity) {
      *os_err = 11;
      return SIGEMU_EAGAIN;
    }
    p->buf[p->len++] = byte;
    return 0;
  }
}

const char *sigemu__os_wakeup_describe(intptr_t fd, int err, int os_err,
                                       char *buf, size_t n, const char **verb) {
  (void)fd;
  const char *text = os_err == 11  ? "Resource temporarily unavailable"
                     : os_err == 4 ? "Interrupted system call"
                     : os_err == 9 ? "Bad file descriptor"
                     : os_err == 32 ? "Broken pipe"
                                   : "Input/output error";
  snprintf(buf, n, "[Errno %d] %s", os_err, text);
  *verb = "write to";
  /* Linux's numbers, as os_errno_of() gives them. */
  switch (os_err) {
  case 11: return "BlockingIOError";
  case 4: return "InterruptedError";
  case 32: return "BrokenPipeError";
  default: return err == SIGEMU_EAGAIN ? "BlockingIOError" : "OSError";
  }
}

/* ---- default actions ---------------------------------------------------- */

static sigemu_sim_die_fn die_fn;
static void *die_arg;
void sigemu_sim_on_die(sigemu_sim_die_fn fn, void *arg) {
  die_fn = fn;
  die_arg = arg;
}

void sigemu__plat_die(int sig, int action) {
  if (die_fn) {
    die_fn(sig, action, die_arg);
    return;
  }
  /* Terminate and core alike: 128 + sig, the status a shell reports for a
   * killed process (there is no core file to write). */
  (void)action;
  fflush(NULL);
  exit(128 + sig);
}
