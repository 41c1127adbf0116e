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

#include "../../src/emu/emu_backend.h"
#include "sigemu_sim.h"

/* ---- clocks ------------------------------------------------------------- */

static atomic_llong now_ns = 1000000000; /* start at 1 s: 0 means "unset" */
static atomic_llong cpu_ns;
static atomic_int woken;

int64_t sigemu__emu_now_ns(void) { return atomic_load(&now_ns); }
int64_t sigemu__emu_cpu_ns(void) { return atomic_load(&cpu_ns); }
int64_t sigemu_sim_now_ns(void) { return atomic_load(&now_ns); }
int64_t sigemu_sim_cpu_ns(void) { return atomic_load(&cpu_ns); }

void sigemu_sim_advance_ns(int64_t ns) {
  if (ns <= 0) return;
  /* Step from deadline to deadline so each timer fires at its own time. */
  while (ns > 0) {
    int64_t step = sigemu__emu_next_due_in();
    if (step > ns) step = ns;
    atomic_fetch_add(&now_ns, step);
    atomic_fetch_add(&cpu_ns, step);
    ns -= step;
    sigemu__emu_timer_due();
    if (step == 0 && ns > 0) {
      /* A timer due now fired; avoid spinning if it stays due (interval 0
       * cannot, a periodic one moved its deadline forward). */
      int64_t again = sigemu__emu_next_due_in();
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
  sigemu__emu_timer_due();
}

void sigemu__emu_arm(int64_t deadline_ns) { (void)deadline_ns; }

static sigemu_sim_block_fn block_fn;
static void *block_arg;
void sigemu_sim_on_block(sigemu_sim_block_fn fn, void *arg) {
  block_fn = fn;
  block_arg = arg;
}

int sigemu__emu_block(int64_t deadline_ns) {
  if (atomic_exchange(&woken, 0)) return 0;
  if (block_fn && block_fn(deadline_ns, block_arg)) return 0;
  if (atomic_exchange(&woken, 0)) return 0;
  if (deadline_ns == INT64_MAX) return SIGEMU_ENOTHERE; /* would hang */
  int64_t now = atomic_load(&now_ns);
  if (deadline_ns > now) atomic_store(&now_ns, deadline_ns); /* idle wait */
  return 0;
}

void sigemu__emu_wake(void) { atomic_store(&woken, 1); }
void sigemu__emu_host_poll(void) {}

int sigemu_sim_send(int sig) {
  if (sig < 1 || sig >= SIGEMU__LINUX_NSIG) return SIGEMU_ERANGE_SIG;
  if (!sigemu__linux_sig_valid(sig)) return SIGEMU_EINVAL;
  sigemu__emu_arrive(sig, SIGEMU_SI_USER);
  return 0;
}

/* ---- identity and tables ------------------------------------------------ */

const char *sigemu__emu_name(void) { return "sim"; }

bool sigemu__emu_available(sigemu_feature f, const char **note) {
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
  default: break;
  }
  if (note) *note = n;
  return ok;
}

int sigemu__emu_init(void) {
  atomic_store(&woken, 0);
  sigemu__reports_clear();
  return 0;
}
void sigemu__emu_shutdown(void) {}
void sigemu__emu_disposition_changed(int sig, sigemu_kind kind) {
  (void)sig;
  (void)kind;
}

/* ---- threads: ids handed out per thread; all alive until shutdown ------ */

static atomic_uintptr_t next_id = 1;
static _Thread_local uintptr_t my_id;

uintptr_t sigemu__emu_thread_self(void) {
  if (!my_id) my_id = atomic_fetch_add(&next_id, 1);
  return my_id;
}
int sigemu__emu_thread_exists(uintptr_t t) {
  return t != 0 && t < atomic_load(&next_id);
}

/* ---- virtual pipes ------------------------------------------------------ */

#define SIM_PIPES 16
#define SIM_FD0 1000
typedef struct {
  bool open, nonblocking;
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

int sigemu_sim_pipe_attempts(intptr_t fd) {
  sim_pipe *p = pipe_of(fd);
  return p ? p->attempts : SIGEMU_EBADF;
}

int sigemu__emu_fd_validate(intptr_t fd) {
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

int sigemu__emu_fd_write(intptr_t fd, unsigned char byte, int *os_err) {
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
    if (p->len >= p->capacity) {
      *os_err = 11;
      return SIGEMU_EAGAIN;
    }
    p->buf[p->len++] = byte;
    return 0;
  }
}

void sigemu__emu_fd_describe(intptr_t fd, int os_err, char *buf, size_t n,
                             const char **verb) {
  (void)fd;
  const char *text = os_err == 11  ? "Resource temporarily unavailable"
                     : os_err == 4 ? "Interrupted system call"
                     : os_err == 9 ? "Bad file descriptor"
                                   : "Input/output error";
  snprintf(buf, n, "[Errno %d] %s", os_err, text);
  *verb = "write to";
}

/* ---- default actions ---------------------------------------------------- */

static sigemu_sim_die_fn die_fn;
static void *die_arg;
void sigemu_sim_on_die(sigemu_sim_die_fn fn, void *arg) {
  die_fn = fn;
  die_arg = arg;
}

void sigemu__emu_die(int sig, int action) {
  if (die_fn) {
    die_fn(sig, action, die_arg);
    return;
  }
  fflush(NULL);
  if (action == SIGEMU_DEFAULT_CORE) abort();
  exit(128 + sig);
}

const char *sigemu_sim_reports(void) { return sigemu__reports_log(); }
void sigemu_sim_reports_clear(void) { sigemu__reports_clear(); }
