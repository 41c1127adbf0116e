/* fuzz_api.c — the API-sequence fuzz target (libFuzzer) for sigemu on `sim`.
 *
 * Why: every entry point must survive arbitrary arguments in arbitrary
 * order — bad signal numbers, sets with bit 0 or bits >= NSIG, NaN / negative
 * / huge times, invalid `which` and `how`, NULL pointers, closed or faulty
 * wakeup pipes, shutdown in the middle — without crashing, hanging, losing a
 * signal or corrupting state. The input is decoded into a sequence of calls;
 * a model of the documented semantics (Linux + CPython, as restated in
 * include/sigemu.h) runs beside the library and every call is checked against it:
 *
 *   - the return code, and for a failed call (negative SIGEMU_E*) that the
 *     observable state (handler table via getsignal, mask, pending, itimers)
 *     is unchanged;
 *   - pending is a subset of the valid signals; SIGKILL and SIGSTOP are never
 *     blocked, pending, caught or returned by a wait;
 *   - a handler runs only for a signal delivered while it was unblocked,
 *     exactly once per delivery after coalescing, in ascending order, and
 *     a check that returns 0 leaves nothing tripped or doomed behind
 *     (a default action due is carried out at the next check);
 *   - unblocking delivers what was pending at once; timers fire at their
 *     deadline, never before, in order, and periodic ones stay on the grid;
 *   - every delivery to a handler writes its byte to the wakeup fd (unless
 *     the pipe is full or a fault was injected).
 *
 * Blocking waits never hang: the sim block hook (sigemu_sim_on_block) takes
 * its actions from the input; a wait with no deadline and nothing to do
 * fails with SIGEMU_ENOTHERE; a wait that would run past the input's time
 * budget is ended the way a real process ends, with SIGKILL (the die hook
 * longjmps out of the input). A violated invariant prints what happened and
 * aborts: libFuzzer records the input as a finding.
 *
 * The same file builds without libFuzzer (replay.c supplies main), with gcc
 * or clang, for the corpus regression test.
 */
#include <float.h>
#include <limits.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sigemu.h"
#include "sigemu_sim.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define NSIG_ 65
#define KILL_ 9
#define STOP_ 19
#define NS 1000000000LL
/* Virtual time one input may use (wall clock). Keeps the global sim clock,
 * which never goes back, far from INT64_MAX over millions of inputs. */
#define BUDGET_NS (1LL << 36)
/* At most this many timer expiries per advance (sim steps deadline to
 * deadline; a 1 µs periodic timer over minutes would be a slow unit). */
#define MAX_EXPIRIES 2048
#define MAX_OPS 256
#define MAX_BLOCKS_PER_OP 48
#define NPIPES 16

/* ------------------------------------------------------------------------ */
/* Input reader                                                              */
/* ------------------------------------------------------------------------ */

static const uint8_t *in_p;
static size_t in_n;

static unsigned u8(void) {
  if (!in_n) return 0;
  in_n--;
  return *in_p++;
}
static uint64_t uN(int bytes) {
  uint64_t v = 0;
  for (int i = 0; i < bytes; i++) v |= (uint64_t)u8() << (8 * i);
  return v;
}

static int rd_sig(void) {
  static const int odd[] = {-1, -128, INT_MIN, INT_MAX, 127, 128, 129,
                            256, 65, 64, 9, 19, 32, 33, 0, 66};
  unsigned b = u8();
  if (b < 208) return (int)(b % 70);
  return odd[b % 16];
}

static double rd_double(void) {
  static const double odd[] = {0.0, -0.0, 1e-9, 1e-7, 1e-6, 2e-6, 0.5, 1.0,
                               1.5, 10.0, 100.0, 3600.0, -1e-7, -1e-6,
                               -1.0, 9.2e9, 9.3e9, 9.223372036e9, 1e300,
                               -1e300, DBL_MIN, DBL_MAX, 1e-300, 4294967296.0,
                               0.000999, 0.001, 0.0015, 2.5, 60.0, 1e6};
  unsigned b = u8();
  if (b < 96) return odd[b % 30];
  if (b < 112) return NAN;
  if (b < 120) return -NAN;
  if (b < 128) return (b & 1) ? INFINITY : -INFINITY;
  if (b < 224) return (double)u8() / 64.0 + (double)(u8() % 4); /* 0..~7 s */
  uint64_t bits = uN(8);
  double d;
  memcpy(&d, &bits, sizeof d);
  return d;
}

static int64_t rd_ns(void) {
  unsigned b = u8();
  switch (b % 8) {
  case 0: return 0;
  case 1: return -(int64_t)uN(2);
  case 2: return (int64_t)uN(2);              /* up to 65 µs */
  case 3: return (int64_t)uN(3) * 1000;       /* up to 16 s */
  case 4: return (int64_t)(u8() % 16) * NS;   /* whole seconds */
  case 5: return (int64_t)uN(8);              /* anything */
  case 6: return INT64_MAX;
  default: return (int64_t)(u8() + 1) * 1000000; /* ms */
  }
}

static sigemu_sigset rd_set(void) {
  sigemu_sigset s = {{0, 0}};
  unsigned b = u8();
  switch (b % 5) {
  case 0: break;
  case 1:
  case 2: {
    int k = 1 + (int)(u8() % 4);
    for (int i = 0; i < k; i++) {
      int sig = rd_sig();
      if (sig >= 0 && sig < SIGEMU_MAXSIG)
        s.bits[sig / 64] |= (uint64_t)1 << (sig % 64);
    }
    break;
  }
  case 3:
    s.bits[0] = uN(8);
    s.bits[1] = (u8() & 1) ? uN(8) : 0;
    break;
  default:
    sigemu_sigfillset(&s); /* 1..127: out of range past 64 */
    s.bits[1] = 0;
    s.bits[0] &= ~(uint64_t)1;
    if (u8() & 1) s.bits[1] = 1; /* 64 only */
    break;
  }
  return s;
}

/* ------------------------------------------------------------------------ */
/* Findings                                                                  */
/* ------------------------------------------------------------------------ */

static int op_index;
static const char *op_name = "start";
static char op_desc[256];

static void fail(const char *fmt, ...) {
  va_list ap;
  fprintf(stderr, "\n*** sigemu fuzz finding at op %d (%s %s):\n  ", op_index,
          op_name, op_desc);
  va_start(ap, fmt);
  vfprintf(stderr, fmt, ap);
  va_end(ap);
  fprintf(stderr, "\n");
  fflush(stderr);
  abort();
}
#define CHECK(c, ...)                                                        \
  do {                                                                       \
    if (!(c)) fail(__VA_ARGS__);                                             \
  } while (0)

/* ------------------------------------------------------------------------ */
/* Known findings                                                            */
/* ------------------------------------------------------------------------ */

/* A finding already reported can be tolerated while its fix lands:
 * SIGEMU_FUZZ_ALLOW=name[,name] makes the model copy the library's current
 * behaviour for it instead of stopping. Strict by default. Names:
 *   stop-wait   a sigwait* set containing SIGSTOP takes SIGSTOP (Linux
 *               removes SIGKILL/SIGSTOP from the set: SIGSTOP is never
 *               pending, never returned by a wait).
 *   doom-flag   signal() runs the handlers but not the rest of a check: a
 *               default action due (SIG_DFL terminate) is not carried out,
 *               and the global tripped flag is cleared, so the fast path of
 *               sigemu_check() forgets it.
 *   timer-ovf   a periodic itimer whose next deadline passes INT64_MAX. */
static bool allowed(const char *name) {
  static const char *env;
  static bool read;
  if (!read) {
    env = getenv("SIGEMU_FUZZ_ALLOW");
    read = true;
  }
  if (!env) return false;
  size_t n = strlen(name);
  for (const char *p = env; (p = strstr(p, name)) != NULL; p += n)
    if ((p == env || p[-1] == ',') && (p[n] == 0 || p[n] == ','))
      return true;
  return false;
}

/* ------------------------------------------------------------------------ */
/* Sets                                                                      */
/* ------------------------------------------------------------------------ */

static bool has(const sigemu_sigset *s, int sig) {
  return sig >= 0 && sig < SIGEMU_MAXSIG &&
         ((s->bits[sig / 64] >> (sig % 64)) & 1);
}
static void add(sigemu_sigset *s, int sig) {
  s->bits[sig / 64] |= (uint64_t)1 << (sig % 64);
}
static void del(sigemu_sigset *s, int sig) {
  s->bits[sig / 64] &= ~((uint64_t)1 << (sig % 64));
}
static bool set_eq(const sigemu_sigset *a, const sigemu_sigset *b) {
  return a->bits[0] == b->bits[0] && a->bits[1] == b->bits[1];
}
static const char *set_str(const sigemu_sigset *s) {
  static char buf[2][420];
  static int which;
  char *b = buf[which ^= 1];
  size_t n = 0;
  b[0] = 0;
  for (int i = 0; i < SIGEMU_MAXSIG && n + 6 < sizeof buf[0]; i++)
    if (has(s, i)) n += (size_t)snprintf(b + n, sizeof buf[0] - n, "%s%d",
                                         n ? "," : "", i);
  return b;
}
static bool valid_sig(int sig) {
  return sig >= 1 && sig < NSIG_ && sig != 32 && sig != 33;
}
/* A set as the Python layer accepts it: members 1..NSIG-1. */
static bool set_ok(const sigemu_sigset *s) {
  if (s->bits[0] & 1) return false;
  for (int i = NSIG_; i < SIGEMU_MAXSIG; i++)
    if (has(s, i)) return false;
  return true;
}

/* ------------------------------------------------------------------------ */
/* Handlers                                                                  */
/* ------------------------------------------------------------------------ */

/* What the real handlers did during the current op. */
static int run_log[512], run_n;
/* The handler's return code travels in arg: code + 1 (arg 0 is never used). */
static int fz_handler(int sig, void *arg) {
  int code = (int)(intptr_t)arg - 1;
  /* Runs on the main thread, for a signal that is in range, and is the
   * handler currently installed for it. */
  CHECK(sig >= 1 && sig < NSIG_ && sig != KILL_ && sig != STOP_,
        "handler called with signal %d", sig);
  CHECK(sigemu_thread_self() == sigemu_main_thread(),
        "handler ran off the main thread");
  sigemu_action cur;
  int r = sigemu_getsignal(sig, &cur);
  CHECK(r == 0 && cur.kind == SIGEMU_CALL && cur.fn == fz_handler &&
            cur.arg == arg,
        "handler for %d ran but getsignal says kind %d (rc %d)", sig,
        (int)cur.kind, r);
  if (run_n < (int)(sizeof run_log / sizeof run_log[0])) run_log[run_n++] = sig;
  return code;
}

/* ------------------------------------------------------------------------ */
/* The model                                                                 */
/* ------------------------------------------------------------------------ */

typedef struct {
  bool armed;
  bool stalled; /* REAL: fired, re-armed when SIGALRM is taken (Linux) */
  int64_t deadline, interval;
} mtimer;

typedef struct {
  bool init;
  sigemu_kind kind[NSIG_];
  sigemu_handler_fn fn[NSIG_];
  int code[NSIG_]; /* fz_handler: its return code; default_int: KI */
  sigemu_sigset mask, waitset, pend, doom;
  int pcode[NSIG_];
  bool trip[NSIG_];
  bool gflag; /* sigemu__tripped */
  unsigned seq; /* emu's counter: deliveries to a handler and dooms */
  bool woken; /* sim's wake flag */
  mtimer t[3];
  int64_t wall, cpu;
  intptr_t wfd;
  /* expectations for the current op */
  int exp_runs[512], exp_n;
  int deliveries[NSIG_]; /* deliveries to a handler: wakeup bytes */
  int dies[64], ndies;
} model;

static model M;

static const int timer_sig[3] = {14, 26, 27};

static int64_t mclock(int w) { return w == SIGEMU_ITIMER_REAL ? M.wall : M.cpu; }
static bool mblocked(int sig) { return has(&M.mask, sig) || has(&M.waitset, sig); }

static void mdoom(int sig) {
  add(&M.doom, sig);
  M.seq++;
  M.gflag = true;
  M.woken = true;
}

static void mreal_taken(int sig);
static void mdeliver(int sig) {
  switch (M.kind[sig]) {
  case SIGEMU_CALL:
    mreal_taken(sig);
    M.trip[sig] = true;
    M.gflag = true;
    M.deliveries[sig]++;
    M.seq++;
    M.woken = true;
    break;
  case SIGEMU_DFL: {
    int a = sigemu_default_action(sig);
    if (a == SIGEMU_DEFAULT_TERMINATE || a == SIGEMU_DEFAULT_CORE) {
      mreal_taken(sig);
      mdoom(sig);
    }
    break;
  }
  default: break;
  }
}

static void marrive(int sig, int code) {
  if (!valid_sig(sig)) return;
  if (sig == KILL_) {
    mdoom(sig);
    return;
  }
  if (mblocked(sig)) {
    M.pcode[sig] = code;
    add(&M.pend, sig);
    M.woken = true;
    return;
  }
  mdeliver(sig);
}

static void mrelease(void) {
  for (int sig = SIGEMU_MAXSIG - 1; sig >= 1; sig--) {
    if (!has(&M.pend, sig) || mblocked(sig)) continue;
    del(&M.pend, sig);
    if (sig < NSIG_) mdeliver(sig);
  }
}

/* Reschedule on the grid; a deadline past int64 saturates at INT64_MAX, as
 * the library does (and the kernel at KTIME_MAX): such a timer never fires
 * again. */
static int64_t mforward(int64_t deadline, int64_t now, int64_t interval) {
  __int128 k = ((__int128)now - deadline) / interval + 1;
  __int128 nd = (__int128)deadline + k * interval;
  return nd > INT64_MAX ? INT64_MAX : (int64_t)nd;
}

/* Linux re-arms a periodic ITIMER_REAL in dequeue_signal: when SIGALRM is
 * handled or taken by sigwait; until then the timer reads (0, interval). */
static void mreal_taken(int sig) {
  mtimer *t = &M.t[0];
  if (sig != timer_sig[0] || !t->armed || !t->stalled) return;
  int64_t now = mclock(0);
  if (now >= t->deadline) t->deadline = mforward(t->deadline, now, t->interval);
  t->stalled = false;
}

static void mtimer_fired(int w, int64_t now) {
  mtimer *t = &M.t[w];
  if (w == 0 && t->interval > 0) {
    t->stalled = true;
    return;
  }
  if (t->interval > 0) {
    __int128 k = ((__int128)now - t->deadline) / t->interval + 1;
    __int128 nd = (__int128)t->deadline + k * t->interval;
    t->deadline = nd > INT64_MAX ? INT64_MAX : (int64_t)nd;
  } else {
    t->armed = false;
  }
}

static void mtimer_due(void) {
  int sigs[3];
  int64_t when[3];
  int n = 0;
  for (int w = 0; w < 3; w++) {
    mtimer *t = &M.t[w];
    if (!t->armed || t->stalled) continue;
    int64_t now = mclock(w);
    if (now < t->deadline) continue;
    sigs[n] = timer_sig[w];
    when[n++] = t->deadline;
    mtimer_fired(w, now);
  }
  for (int i = 1; i < n; i++)
    for (int j = i; j > 0 && when[j] < when[j - 1]; j--) {
      int64_t tw = when[j];
      when[j] = when[j - 1];
      when[j - 1] = tw;
      int ts = sigs[j];
      sigs[j] = sigs[j - 1];
      sigs[j - 1] = ts;
    }
  for (int i = 0; i < n; i++) marrive(sigs[i], SIGEMU_SI_KERNEL);
}

static int64_t mnext_due_in(void) {
  int64_t best = INT64_MAX;
  for (int w = 0; w < 3; w++) {
    if (!M.t[w].armed || M.t[w].stalled) continue;
    int64_t in = M.t[w].deadline - mclock(w);
    if (in < 0) in = 0;
    if (in < best) best = in;
  }
  return best;
}

static void madvance(int64_t ns) {
  if (ns <= 0) return;
  while (ns > 0) {
    int64_t step = mnext_due_in();
    if (step > ns) step = ns;
    M.wall += step;
    M.cpu += step;
    ns -= step;
    mtimer_due();
    if (step == 0 && ns > 0 && mnext_due_in() == 0) break;
  }
}

static void midle(int64_t ns) {
  if (ns <= 0) return;
  M.wall += ns;
  mtimer_due();
}

static void mdie(int sig) {
  if (M.ndies < 64) M.dies[M.ndies++] = sig;
}

static void mservice(void) {
  mtimer_due();
  for (int sig = 1; sig < SIGEMU_MAXSIG; sig++) {
    if (!has(&M.doom, sig)) continue;
    del(&M.doom, sig);
    if (sig != KILL_ && (sig >= NSIG_ || M.kind[sig] != SIGEMU_DFL)) continue;
    mdie(sig);
  }
}

static int mrun_handlers(void) {
  if (!M.gflag) return 0;
  M.gflag = false;
  for (int i = 1; i < NSIG_; i++) {
    if (!M.trip[i]) continue;
    M.trip[i] = false;
    if (M.kind[i] != SIGEMU_CALL) continue; /* "ignored due to race" */
    if (M.fn[i] == fz_handler && M.exp_n < 512) M.exp_runs[M.exp_n++] = i;
    if (M.code[i] != 0) {
      M.gflag = true;
      return M.code[i];
    }
  }
  return 0;
}

static int mcheck_slow(void) {
  if (!M.init) return 0;
  mservice();
  return mrun_handlers();
}

static void mreset(bool init) {
  memset(&M, 0, sizeof M);
  M.init = init;
  M.wfd = -1;
  for (int i = 1; i < NSIG_; i++)
    M.kind[i] = valid_sig(i) ? SIGEMU_DFL : SIGEMU_FOREIGN;
  M.wall = sigemu_sim_now_ns();
  M.cpu = sigemu_sim_cpu_ns();
}

/* The disposition side of signal(): what install does to pending. */
static void mset_disposition(int sig, sigemu_kind kind, sigemu_handler_fn fn,
                             int code) {
  M.kind[sig] = kind;
  M.fn[sig] = kind == SIGEMU_CALL ? fn : NULL;
  M.code[sig] = kind == SIGEMU_CALL ? code : 0;
  if (kind == SIGEMU_IGN) {
    del(&M.pend, sig);
  } else if (kind == SIGEMU_DFL) {
    int a = sigemu_default_action(sig);
    if (a == SIGEMU_DEFAULT_IGNORE || a == SIGEMU_DEFAULT_CONTINUE)
      del(&M.pend, sig);
  }
}

static bool catchable(int sig) {
  return valid_sig(sig) && sig != KILL_ && sig != STOP_;
}

static sigemu_sigset maskable(const sigemu_sigset *s) {
  sigemu_sigset m = *s;
  del(&m, KILL_);
  del(&m, STOP_);
  del(&m, 32);
  del(&m, 33);
  return m;
}

/* Time left on a timer as Linux (and emu) report it: µs, never 0 armed. */
static int64_t mleft(int w) {
  if (!M.t[w].armed || M.t[w].stalled) return 0;
  int64_t rem = M.t[w].deadline - mclock(w);
  rem = rem / 1000 * 1000;
  if (rem <= 0) rem = 1000;
  return rem;
}

static int mset_timer(int w, int64_t v, int64_t iv, int64_t *ov, int64_t *oi) {
  *ov = mleft(w);
  *oi = M.t[w].armed ? M.t[w].interval : 0;
  M.t[w].stalled = false;
  if (v == 0) {
    M.t[w].armed = false;
  } else {
    int64_t now = mclock(w);
    M.t[w].armed = true;
    M.t[w].deadline = now > INT64_MAX - v ? INT64_MAX : now + v;
    M.t[w].interval = iv;
  }
  return 0;
}

/* CPython's _PyTime_ROUND_CEILING conversion (what the API promises). */
static int to_ns(double s, int64_t *ns) {
  if (isnan(s)) return SIGEMU_ENAN;
  double v = ceil(s * 1e9);
  if (!(v < 9223372036854775807.0 && v >= -9223372036854775807.0))
    return SIGEMU_EOVERFLOW;
  *ns = (int64_t)v;
  return 0;
}
static int to_timer_ns(double s, int64_t *ns) {
  int r = to_ns(s, ns);
  if (r < 0) return r;
  int64_t us = *ns / 1000;
  if (*ns % 1000 > 0) us++;
  *ns = us * 1000;
  return 0;
}

/* ------------------------------------------------------------------------ */
/* The harness side of sim: block hook, die hook, pipes                      */
/* ------------------------------------------------------------------------ */

static jmp_buf escape_jb;
static bool escaping;
static int64_t base_wall;

typedef struct {
  int64_t deadline;
  int action; /* 0 nothing, 1 send, 2 idle, 3 advance, 4 escape */
  int64_t value;
  int result; /* what the hook returned */
  int send_rc;
} hook_rec;
static hook_rec hooks[MAX_BLOCKS_PER_OP + 2];
static int nhooks;

static int real_dies[64], nreal_dies;

static int64_t budget_left(void) {
  int64_t used = sigemu_sim_now_ns() - base_wall;
  return used >= BUDGET_NS ? 0 : BUDGET_NS - used;
}

/* Clamp a busy advance so it stays in budget and fires a bounded number of
 * timer expiries (decided from the real state; the model gets the same
 * number). */
static int64_t clamp_advance(int64_t ns) {
  if (ns <= 0) return ns;
  int64_t left = budget_left();
  if (ns > left) ns = left;
  int64_t min_iv = INT64_MAX;
  for (int w = 0; w < 3; w++)
    if (M.t[w].armed && M.t[w].interval > 0 && M.t[w].interval < min_iv)
      min_iv = M.t[w].interval;
  if (min_iv != INT64_MAX && ns / min_iv > MAX_EXPIRIES)
    ns = min_iv * MAX_EXPIRIES;
  return ns;
}
static int64_t clamp_idle(int64_t ns) {
  if (ns <= 0) return ns;
  int64_t left = budget_left();
  return ns > left ? left : ns;
}

static void send_kill_escape(void) {
  escaping = true;
  sigemu_sim_send(KILL_);
}

static int fz_block(int64_t deadline, void *arg) {
  (void)arg;
  hook_rec *h = &hooks[nhooks < MAX_BLOCKS_PER_OP + 1 ? nhooks : MAX_BLOCKS_PER_OP + 1];
  nhooks++;
  memset(h, 0, sizeof *h);
  h->deadline = deadline;
  if (escaping) return 1; /* SIGKILL already on its way */
  int64_t now = sigemu_sim_now_ns();
  /* Too many rounds, or an idle wait that would run past the budget: end
   * the "process" as a real one would end: SIGKILL. */
  if (nhooks > MAX_BLOCKS_PER_OP) {
    h->action = 4;
    send_kill_escape();
    return 1;
  }
  unsigned a = u8();
  switch (a % 6) {
  case 1:
  case 2: {
    int sig = rd_sig();
    h->action = 1;
    h->value = sig;
    h->send_rc = sigemu_sim_send(sig);
    h->result = h->send_rc == 0;
    break;
  }
  case 3: {
    int64_t ns = clamp_idle(rd_ns());
    h->action = 2;
    h->value = ns;
    sigemu_sim_idle_ns(ns);
    h->result = ns > 0;
    break;
  }
  case 4: {
    int64_t ns = clamp_advance(rd_ns());
    h->action = 3;
    h->value = ns;
    sigemu_sim_advance_ns(ns);
    h->result = ns > 0;
    break;
  }
  default:
    h->action = 0;
    break;
  }
  if (!h->result && deadline != INT64_MAX && deadline > now &&
      deadline - now > budget_left()) {
    /* sim would jump the clock past the budget. */
    h->action = 4;
    send_kill_escape();
    return 1;
  }
  return h->result;
}

static void fz_die(int sig, int action, void *arg) {
  (void)action;
  (void)arg;
  if (nreal_dies < 64) real_dies[nreal_dies++] = sig;
  if (sig == KILL_ && escaping) longjmp(escape_jb, 1);
}

static void fz_report(const char *msg, void *arg) {
  (void)msg;
  (void)arg;
}

/* Pipes opened by this input. Faulted/full pipes lose bytes legitimately. */
static struct {
  intptr_t fd;
  bool open, nonblocking, lossy;
  int capacity;
} P[NPIPES];
static int np;

static void close_all_pipes(void) {
  for (intptr_t fd = 1000; fd < 1000 + NPIPES; fd++) sigemu_sim_pipe_close(fd);
  np = 0;
}

/* Model of the block: returns what sim's block returns. */
static int hook_i;
static int mblock(int64_t deadline) {
  if (M.woken) {
    M.woken = false;
    return 0;
  }
  CHECK(hook_i < nhooks, "model expected another blocking call (%d so far)",
        nhooks);
  hook_rec *h = &hooks[hook_i++];
  CHECK(h->deadline == deadline,
        "block %d: library waits until %lld, model until %lld", hook_i - 1,
        (long long)h->deadline, (long long)deadline);
  int res = 0;
  switch (h->action) {
  case 1:
    if (h->send_rc == 0) marrive((int)h->value, SIGEMU_SI_USER);
    res = h->send_rc == 0;
    break;
  case 2: midle(h->value); res = h->value > 0; break;
  case 3: madvance(h->value); res = h->value > 0; break;
  default: break;
  }
  if (res) return 0;
  if (M.woken) {
    M.woken = false;
    return 0;
  }
  if (deadline == INT64_MAX) return SIGEMU_ENOTHERE;
  if (deadline > M.wall) M.wall = deadline;
  return 0;
}

static int mblock_until(int64_t deadline) {
  int64_t next = M.t[0].armed && !M.t[0].stalled ? M.t[0].deadline : INT64_MAX;
  if (next < deadline) deadline = next;
  return mblock(deadline);
}

static unsigned seq_now(void) { return M.seq; }

/* emu's sigwait loop. */
static int msigwait_os(const sigemu_sigset *set, int64_t deadline,
                       sigemu_siginfo *info) {
  unsigned seq0 = seq_now();
  M.waitset = *set;
  if (!allowed("stop-wait")) del(&M.waitset, STOP_);
  int r;
  for (;;) {
    mservice();
    int got = 0;
    for (int sig = 1; sig < SIGEMU_MAXSIG; sig++)
      if (has(set, sig) && has(&M.pend, sig)) {
        del(&M.pend, sig);
        mreal_taken(sig);
        got = sig;
        break;
      }
    if (got) {
      memset(info, 0, sizeof *info);
      info->signo = got;
      info->code = M.pcode[got];
      r = got;
      break;
    }
    if (seq_now() != seq0) {
      r = SIGEMU_EINTR;
      break;
    }
    if (M.wall >= deadline) {
      r = SIGEMU_EAGAIN;
      break;
    }
    r = mblock_until(deadline);
    if (r < 0) break;
  }
  memset(&M.waitset, 0, sizeof M.waitset);
  mrelease();
  return r;
}

static int msleep_until(int64_t deadline) {
  unsigned seq0 = seq_now();
  for (;;) {
    mservice();
    if (seq_now() != seq0) return SIGEMU_EINTR;
    if (M.wall >= deadline) return 0;
    int r = mblock_until(deadline);
    if (r < 0) return r;
  }
}

/* ------------------------------------------------------------------------ */
/* Observed state and the comparisons                                        */
/* ------------------------------------------------------------------------ */

typedef struct {
  sigemu_action h[NSIG_];
  sigemu_sigset mask, pend;
  double it[3][2];
} snap;

static void take_snap(snap *s) {
  memset(s, 0, sizeof *s);
  for (int i = 1; i < NSIG_; i++)
    CHECK(sigemu_getsignal(i, &s->h[i]) == 0, "getsignal(%d) failed", i);
  CHECK(sigemu_pthread_sigmask(SIGEMU_SIG_BLOCK, NULL, &s->mask) == 0,
        "reading the mask failed");
  CHECK(sigemu_sigpending(&s->pend) == 0, "sigpending failed");
  for (int w = 0; w < 3; w++)
    CHECK(sigemu_getitimer(w, &s->it[w][0], &s->it[w][1]) == 0,
          "getitimer(%d) failed", w);
}

static void snap_same(const snap *a, const snap *b) {
  for (int i = 1; i < NSIG_; i++)
    CHECK(a->h[i].kind == b->h[i].kind && a->h[i].fn == b->h[i].fn &&
              a->h[i].arg == b->h[i].arg,
          "failed call changed the handler of %d (kind %d -> %d)", i,
          (int)a->h[i].kind, (int)b->h[i].kind);
  CHECK(set_eq(&a->mask, &b->mask), "failed call changed the mask {%s} -> {%s}",
        set_str(&a->mask), set_str(&b->mask));
  CHECK(set_eq(&a->pend, &b->pend),
        "failed call changed pending {%s} -> {%s}", set_str(&a->pend),
        set_str(&b->pend));
  for (int w = 0; w < 3; w++)
    CHECK(a->it[w][0] == b->it[w][0] && a->it[w][1] == b->it[w][1],
          "failed call changed itimer %d (%.9g,%.9g) -> (%.9g,%.9g)", w,
          a->it[w][0], a->it[w][1], b->it[w][0], b->it[w][1]);
}

/* The library against the model, after every call. */
static void compare(void) {
  CHECK(sigemu_initialized() == M.init, "initialized %d, model %d",
        sigemu_initialized(), M.init);
  CHECK(sigemu_sim_now_ns() == M.wall && sigemu_sim_cpu_ns() == M.cpu,
        "clocks wall %lld cpu %lld, model %lld %lld",
        (long long)sigemu_sim_now_ns(), (long long)sigemu_sim_cpu_ns(),
        (long long)M.wall, (long long)M.cpu);
  /* Handler runs: exactly those the model delivered, in order. */
  bool same = run_n == M.exp_n;
  for (int i = 0; same && i < run_n; i++) same = run_log[i] == M.exp_runs[i];
  if (!same) {
    char a[600] = "", b[600] = "";
    size_t na = 0, nb = 0;
    for (int i = 0; i < run_n && na < 580; i++)
      na += (size_t)snprintf(a + na, sizeof a - na, "%d ", run_log[i]);
    for (int i = 0; i < M.exp_n && nb < 580; i++)
      nb += (size_t)snprintf(b + nb, sizeof b - nb, "%d ", M.exp_runs[i]);
    fail("handlers ran [%s], model expected [%s]", a, b);
  }
  bool dsame = nreal_dies == M.ndies;
  for (int i = 0; dsame && i < nreal_dies; i++) dsame = real_dies[i] == M.dies[i];
  CHECK(dsame, "default actions: %d performed, model %d (first %d vs %d)",
        nreal_dies, M.ndies, nreal_dies ? real_dies[0] : 0,
        M.ndies ? M.dies[0] : 0);
  if (!M.init) return;
  snap s;
  take_snap(&s);
  for (int i = 1; i < NSIG_; i++) {
    sigemu_kind k = s.h[i].kind;
    CHECK(k == M.kind[i], "getsignal(%d) kind %d, model %d", i, (int)k,
          (int)M.kind[i]);
    if (k == SIGEMU_CALL) {
      sigemu_handler_fn want = M.fn[i];
      void *warg = want == fz_handler ? (void *)(intptr_t)(M.code[i] + 1) : NULL;
      CHECK(s.h[i].fn == want && s.h[i].arg == warg,
            "getsignal(%d) returns another handler", i);
    }
    if (i == KILL_ || i == STOP_)
      CHECK(k == SIGEMU_DFL, "signal %d has disposition %d", i, (int)k);
  }
  CHECK(set_eq(&s.mask, &M.mask), "mask {%s}, model {%s}", set_str(&s.mask),
        set_str(&M.mask));
  CHECK(!has(&s.mask, KILL_) && !has(&s.mask, STOP_), "SIGKILL/SIGSTOP blocked");
  CHECK(set_eq(&s.pend, &M.pend), "pending {%s}, model {%s}", set_str(&s.pend),
        set_str(&M.pend));
  for (int i = 0; i < SIGEMU_MAXSIG; i++)
    if (has(&s.pend, i))
      CHECK(valid_sig(i) && i != KILL_ && i != STOP_,
            "signal %d pending but not a valid blockable signal", i);
  for (int w = 0; w < 3; w++) {
    double v = (double)mleft(w) / 1e9;
    double iv = M.t[w].armed ? (double)M.t[w].interval / 1e9 : 0.0;
    CHECK(s.it[w][0] == v && s.it[w][1] == iv,
          "itimer %d reads (%.9f, %.9f), model (%.9f, %.9f)", w, s.it[w][0],
          s.it[w][1], v, iv);
  }
  /* Wakeup bytes: one per delivery to a handler, unless the pipe lost
   * some (fault injected, full). Drain every pipe; only the current wakeup
   * fd may hold bytes. */
  int got[SIGEMU_MAXSIG + 256];
  memset(got, 0, sizeof got);
  int total = 0;
  for (int k = 0; k < np; k++) {
    if (!P[k].open) continue;
    unsigned char buf[256];
    int n = sigemu_sim_pipe_read(P[k].fd, buf, (int)sizeof buf);
    CHECK(n >= 0, "reading sim pipe %ld failed: %d", (long)P[k].fd, n);
    if (P[k].fd != M.wfd) {
      CHECK(n == 0, "%d wakeup bytes in pipe %ld, which is not the wakeup fd",
            n, (long)P[k].fd);
      continue;
    }
    for (int i = 0; i < n; i++) got[buf[i]]++;
    total += n;
    int want_total = 0;
    for (int i = 0; i < NSIG_; i++) {
      CHECK(got[i] <= M.deliveries[i],
            "%d wakeup bytes for signal %d, only %d deliveries", got[i], i,
            M.deliveries[i]);
      want_total += M.deliveries[i];
    }
    for (int i = NSIG_; i < 256; i++)
      CHECK(got[i] == 0, "wakeup byte %d is not a signal", i);
    if (!P[k].lossy && want_total <= P[k].capacity)
      CHECK(total == want_total, "%d wakeup bytes written, %d deliveries",
            total, want_total);
  }
}

/* ------------------------------------------------------------------------ */
/* The ops                                                                   */
/* ------------------------------------------------------------------------ */

static sigemu_handler_fn DEFAULT_INT;

static void begin_op(const char *name) {
  op_name = name;
  op_desc[0] = 0;
  run_n = 0;
  M.exp_n = 0;
  memset(M.deliveries, 0, sizeof M.deliveries);
  nreal_dies = 0;
  M.ndies = 0;
  nhooks = 0;
  hook_i = 0;
}

#define DESC(...) snprintf(op_desc, sizeof op_desc, __VA_ARGS__)
static int last_rc;
#define EXPECT_RC(got, want)                                                 \
  last_rc = (got);                                                           \
  CHECK((got) == (want), "returned %d (%s), model %d (%s)", (got),          \
        sigemu_error_name(got), (want), sigemu_error_name(want))

static void model_init(bool pydef) {
  mreset(true);
  if (pydef) {
    M.kind[2] = SIGEMU_CALL;
    M.fn[2] = DEFAULT_INT;
    M.code[2] = SIGEMU_KEYBOARD_INTERRUPT;
    M.kind[13] = SIGEMU_IGN;
    M.kind[25] = SIGEMU_IGN;
  }
}

static void op_signal(void) {
  int sig = rd_sig();
  unsigned sel = u8();
  int code = (int)(u8() % 4) == 0 ? (int)(u8() % 3) + 1 : 0;
  sigemu_action act = {SIGEMU_DFL, NULL, NULL}, old;
  bool null_act = false, null_old = (sel & 0x80) != 0;
  switch (sel % 8) {
  case 0: act.kind = SIGEMU_DFL; break;
  case 1: act.kind = SIGEMU_IGN; break;
  case 2:
  case 3:
    act.kind = SIGEMU_CALL;
    act.fn = fz_handler;
    act.arg = (void *)(intptr_t)(code + 1);
    break;
  case 4: act.kind = SIGEMU_FOREIGN; break;
  case 5: act.kind = (sigemu_kind)(int)(u8() | 4); break;
  case 6: act.kind = SIGEMU_CALL; act.fn = NULL; break;
  default: null_act = true; break;
  }
  DESC("sig=%d kind=%d fn=%s code=%d%s", sig, (int)act.kind,
       act.fn ? "h" : "-", code, null_act ? " act=NULL" : "");
  int r = sigemu_signal(sig, null_act ? NULL : &act, null_old ? NULL : &old);
  int want;
  sigemu_action prev = {0, NULL, NULL};
  if (!M.init) want = SIGEMU_ENOINIT;
  else if (sig < 1 || sig >= NSIG_) want = SIGEMU_ERANGE_SIG;
  else if (null_act) want = SIGEMU_ENULL;
  else if ((act.kind != SIGEMU_DFL && act.kind != SIGEMU_IGN &&
            act.kind != SIGEMU_CALL) ||
           (act.kind == SIGEMU_CALL && !act.fn))
    want = SIGEMU_ETYPE;
  else {
    /* signal() is a check point (CPython calls PyErr_CheckSignals before
     * installing): due default actions happen, then handlers run. */
    want = allowed("doom-flag") ? mrun_handlers() : mcheck_slow();
    if (want == 0) {
      if (!catchable(sig)) {
        want = SIGEMU_EINVAL;
      } else {
        prev.kind = M.kind[sig];
        if (prev.kind == SIGEMU_CALL) {
          prev.fn = M.fn[sig];
          prev.arg = M.fn[sig] == fz_handler ? (void *)(intptr_t)(M.code[sig] + 1)
                                             : NULL;
        }
        mset_disposition(sig, act.kind, act.fn, code);
      }
    }
  }
  EXPECT_RC(r, want);
  if (r == 0 && !null_old)
    CHECK(old.kind == prev.kind && old.fn == prev.fn && old.arg == prev.arg,
          "signal() returned old kind %d, model %d", (int)old.kind,
          (int)prev.kind);
}

static void op_getsignal(void) {
  int sig = rd_sig();
  bool null_cur = (u8() & 7) == 0;
  sigemu_action cur;
  DESC("sig=%d%s", sig, null_cur ? " cur=NULL" : "");
  int r = sigemu_getsignal(sig, null_cur ? NULL : &cur);
  int want = !M.init ? SIGEMU_ENOINIT
             : (sig < 1 || sig >= NSIG_) ? SIGEMU_ERANGE_SIG
             : null_cur ? SIGEMU_ENULL : 0;
  EXPECT_RC(r, want);
}

static void op_raise(void) {
  int sig = rd_sig();
  DESC("sig=%d", sig);
  int r = sigemu_raise_signal(sig);
  int want;
  if (!M.init) want = SIGEMU_ENOINIT;
  else if (sig < 0 || sig >= NSIG_) want = SIGEMU_EINVAL;
  else if (sig != 0 && !valid_sig(sig)) want = SIGEMU_EINVAL;
  else {
    if (sig) marrive(sig, SIGEMU_SI_USER);
    want = mcheck_slow();
  }
  EXPECT_RC(r, want);
}

static void op_pthread_kill(void) {
  int sig = rd_sig();
  unsigned t = u8() % 4;
  sigemu_thread th = t == 0   ? sigemu_main_thread()
                     : t == 1 ? 0
                     : t == 2 ? UINTPTR_MAX
                              : sigemu_main_thread() + 1000;
  DESC("thread=%u sig=%d", t, sig);
  int r = sigemu_pthread_kill(th, sig);
  int want;
  if (!M.init) want = SIGEMU_ENOINIT;
  else if (sig < 0 || sig >= NSIG_) want = SIGEMU_EINVAL;
  else if (sig != 0 && !valid_sig(sig)) want = SIGEMU_EINVAL;
  else if (t != 0) want = SIGEMU_ESRCH;
  else {
    if (sig) marrive(sig, SIGEMU_SI_TKILL);
    want = mcheck_slow();
  }
  EXPECT_RC(r, want);
}

static void op_send(void) {
  int sig = rd_sig();
  DESC("sig=%d", sig);
  int r = sigemu_sim_send(sig);
  int want = (sig < 1 || sig >= NSIG_) ? SIGEMU_ERANGE_SIG
             : !valid_sig(sig)         ? SIGEMU_EINVAL
                                       : 0;
  EXPECT_RC(r, want);
  if (r == 0 && M.init) marrive(sig, SIGEMU_SI_USER);
}

static void op_sigmask(void) {
  unsigned sel = u8();
  int how = (sel & 0x40) ? (int)(int8_t)u8() : (int)(sel % 3);
  bool null_set = (sel & 0x30) == 0x30, null_old = (sel & 0x08) != 0;
  sigemu_sigset set = rd_set(), old;
  memset(&old, 0xa5, sizeof old);
  DESC("how=%d set={%s}%s%s", how, null_set ? "NULL" : set_str(&set),
       null_set ? " (read)" : "", null_old ? " old=NULL" : "");
  sigemu_sigset before = M.mask;
  int r = sigemu_pthread_sigmask(how, null_set ? NULL : &set,
                                 null_old ? NULL : &old);
  int want;
  if (!M.init) want = SIGEMU_ENOINIT;
  else if (null_set) want = null_old ? SIGEMU_ENULL : 0;
  else if (!set_ok(&set)) want = SIGEMU_EMASKRANGE;
  else if (how < 0 || how > 2) want = SIGEMU_EINVAL;
  else {
    sigemu_sigset m = maskable(&set);
    for (int k = 0; k < 2; k++)
      M.mask.bits[k] = how == SIGEMU_SIG_BLOCK     ? (M.mask.bits[k] | m.bits[k])
                       : how == SIGEMU_SIG_UNBLOCK ? (M.mask.bits[k] & ~m.bits[k])
                                                   : m.bits[k];
    mrelease();
    want = mcheck_slow();
  }
  EXPECT_RC(r, want);
  if (M.init && !null_old && r >= 0)
    CHECK(set_eq(&old, &before), "old mask {%s}, model {%s}", set_str(&old),
          set_str(&before));
}

static void op_sigpending(void) {
  bool null_out = (u8() & 7) == 0;
  sigemu_sigset out;
  DESC("%s", null_out ? "out=NULL" : "");
  int r = sigemu_sigpending(null_out ? NULL : &out);
  int want = !M.init ? SIGEMU_ENOINIT : null_out ? SIGEMU_ENULL : 0;
  EXPECT_RC(r, want);
  if (r == 0) CHECK(set_eq(&out, &M.pend), "sigpending {%s}, model {%s}",
                    set_str(&out), set_str(&M.pend));
}

/* kind 0 sigwait, 1 sigwaitinfo, 2 sigtimedwait. */
static void op_wait(int kind) {
  sigemu_sigset set = rd_set();
  double timeout = kind == 2 ? rd_double() : 0.0;
  bool null_out = (u8() & 15) == 0;
  int sig = -12345;
  sigemu_siginfo info, minfo;
  memset(&info, 0x5a, sizeof info);
  memset(&minfo, 0, sizeof minfo);
  DESC("set={%s} timeout=%.17g%s", set_str(&set), timeout,
       null_out ? " out=NULL" : "");
  int r;
  if (kind == 0) r = sigemu_sigwait(&set, null_out ? NULL : &sig);
  else if (kind == 1) r = sigemu_sigwaitinfo(&set, null_out ? NULL : &info);
  else r = sigemu_sigtimedwait(&set, timeout, null_out ? NULL : &info);
  /* The model, replaying the block hook's record. */
  int want;
  int64_t ns = 0;
  if (!M.init) want = SIGEMU_ENOINIT;
  else if (!set_ok(&set)) want = SIGEMU_EMASKRANGE;
  else if (kind == 2 && (want = to_ns(timeout, &ns)) < 0) {
  } else if (kind == 2 && ns < 0) want = SIGEMU_ENEGTIMEOUT;
  else if (null_out) want = SIGEMU_ENULL;
  else if (kind == 0) {
    do want = msigwait_os(&set, INT64_MAX, &minfo);
    while (want == SIGEMU_EINTR);
  } else {
    int64_t deadline = INT64_MAX;
    if (kind == 2)
      deadline = M.wall > INT64_MAX - ns ? INT64_MAX - 1 : M.wall + ns;
    for (;;) {
      want = msigwait_os(&set, deadline, &minfo);
      if (want != SIGEMU_EINTR) break;
      int c = mcheck_slow();
      if (c != 0) {
        want = c;
        break;
      }
    }
  }
  if (want > 0 && kind != 0 && want < NSIG_ && minfo.signo == want) want = 0;
  if (kind == 0 && want > 0 && minfo.signo == want) want = 0;
  EXPECT_RC(r, want);
  CHECK(hook_i == nhooks, "library blocked %d times, model %d", nhooks, hook_i);
  if (r == 0) {
    int got = kind == 0 ? sig : info.signo;
    CHECK(got == minfo.signo, "wait returned signal %d, model %d", got,
          minfo.signo);
    CHECK(has(&set, got) && got != KILL_ &&
              (got != STOP_ || allowed("stop-wait")),
          "wait returned %d, not a waitable member of {%s}", got,
          set_str(&set));
    if (kind != 0)
      CHECK(info.code == minfo.code && info.err == 0,
            "siginfo code %d, model %d", info.code, minfo.code);
  }
}

static void op_pause(void) {
  DESC("-");
  int r = sigemu_pause();
  int want;
  if (!M.init) want = SIGEMU_ENOINIT;
  else {
    want = msleep_until(INT64_MAX);
    if (want >= 0 || want == SIGEMU_EINTR) want = mcheck_slow();
  }
  EXPECT_RC(r, want);
  CHECK(hook_i == nhooks, "library blocked %d times, model %d", nhooks, hook_i);
}

static void op_sleep(void) {
  double s = rd_double();
  DESC("seconds=%.17g", s);
  int r = sigemu_sleep(s);
  int want;
  int64_t ns = 0;
  /* time.sleep rounds away from zero (_PyTime_ROUND_TIMEOUT): any
   * negative length, however tiny, is ValueError; -0.0 is not negative. */
  if (!M.init) want = SIGEMU_ENOINIT;
  else if ((want = to_ns(s < 0 ? -s : s, &ns)) < 0) {
  } else if (s < 0) want = SIGEMU_ENEGTIMEOUT;
  else {
    int64_t deadline = M.wall > INT64_MAX - ns ? INT64_MAX - 1 : M.wall + ns;
    for (;;) {
      want = msleep_until(deadline);
      if (want == SIGEMU_EINTR) {
        int c = mcheck_slow();
        if (c != 0) {
          want = c;
          break;
        }
        continue;
      }
      if (want < 0) break;
      if (M.wall >= deadline) {
        want = 0;
        break;
      }
    }
  }
  EXPECT_RC(r, want);
  CHECK(hook_i == nhooks, "library blocked %d times, model %d", nhooks, hook_i);
  if (r == 0 && M.init)
    CHECK(sigemu_sim_now_ns() >= M.wall, "sleep returned early");
}

static void op_setitimer(void) {
  int which = (u8() & 0x80) ? rd_sig() : (int)(u8() % 3);
  double v = rd_double(), iv = (u8() & 3) ? 0.0 : rd_double();
  bool nulls = (u8() & 3) == 0;
  double ov = -7, oi = -7;
  DESC("which=%d value=%.17g interval=%.17g", which, v, iv);
  /* While timer-ovf is tolerated, keep intervals where the library's
   * next-deadline sum cannot overflow (it is UB there, not a behaviour). */
  if (allowed("timer-ovf") && !(fabs(iv) < 1e9)) iv = 1.0;
  int r = sigemu_setitimer(which, v, iv, nulls ? NULL : &ov, nulls ? NULL : &oi);
  int want;
  int64_t vn = 0, ivn = 0, mov = 0, moi = 0;
  if (!M.init) want = SIGEMU_ENOINIT;
  else if ((want = to_timer_ns(v, &vn)) < 0) {
  } else if ((want = to_timer_ns(iv, &ivn)) < 0) {
  } else if (which < 0 || which > 2) want = SIGEMU_EITIMER;
  else if (vn < 0 || ivn < 0) want = SIGEMU_EITIMER;
  else want = mset_timer(which, vn, ivn, &mov, &moi);
  EXPECT_RC(r, want);
  if (r == 0 && !nulls)
    CHECK(ov == (double)mov / 1e9 && oi == (double)moi / 1e9,
          "setitimer old (%.9f, %.9f), model (%.9f, %.9f)", ov, oi,
          (double)mov / 1e9, (double)moi / 1e9);
}

static void op_getitimer(void) {
  int which = (u8() & 0x80) ? rd_sig() : (int)(u8() % 3);
  bool nulls = (u8() & 7) == 0;
  double v, iv;
  DESC("which=%d", which);
  int r = sigemu_getitimer(which, nulls ? NULL : &v, &iv);
  int want = !M.init ? SIGEMU_ENOINIT
             : (which < 0 || which > 2) ? SIGEMU_EITIMER
             : nulls ? SIGEMU_ENULL : 0;
  EXPECT_RC(r, want);
}

static void op_alarm(void) {
  unsigned sel = u8();
  unsigned secs = sel < 128 ? sel % 8 : sel < 250 ? (unsigned)uN(2) : (unsigned)uN(4);
  bool nullp = (sel & 1) != 0;
  unsigned prev = 777;
  DESC("seconds=%u", secs);
  int r = sigemu_alarm(secs, nullp ? NULL : &prev);
  int want = 0;
  int64_t ov = 0, oi = 0;
  if (!M.init) want = SIGEMU_ENOINIT;
  else mset_timer(0, (int64_t)secs * NS, 0, &ov, &oi);
  EXPECT_RC(r, want);
  if (r == 0 && !nullp) {
    int64_t sec = ov / NS, usec = (ov % NS) / 1000;
    if ((sec == 0 && usec != 0) || usec >= 500000) sec++;
    CHECK(prev == (unsigned)sec, "alarm previous %u, model %lld", prev,
          (long long)sec);
  }
}

static void op_pipe(void) {
  unsigned sel = u8();
  int cap = (sel & 0x80) ? (int)(int8_t)u8() * 3 : (int)(u8() % 8) + 1;
  bool nb = (sel & 7) != 0;
  intptr_t fd = -1;
  DESC("capacity=%d nonblocking=%d", cap, nb);
  int r = sigemu_sim_pipe(cap, nb, (sel & 0x40) && (sel & 0x20) ? NULL : &fd);
  if (r == 0) {
    CHECK(fd >= 1000 && fd < 1000 + NPIPES, "sim pipe fd %ld", (long)fd);
    int k;
    for (k = 0; k < np && P[k].fd != fd; k++) {
    }
    if (k == np) np++;
    P[k].fd = fd;
    P[k].open = true;
    P[k].nonblocking = nb;
    P[k].capacity = cap;
    P[k].lossy = false;
  }
}

static intptr_t pick_fd(void) {
  unsigned s = u8();
  if (s < 32) return -1;
  if (s < 40) return (intptr_t)(int32_t)uN(4);
  if (s < 44) return INTPTR_MAX;
  if (s < 48) return 1000 + NPIPES; /* just past the sim pipes */
  if (!np) return 1000;
  return P[s % np].fd;
}

static int pipe_index(intptr_t fd) {
  for (int k = 0; k < np; k++)
    if (P[k].fd == fd) return k;
  return -1;
}

static void op_wakeup(void) {
  intptr_t fd = pick_fd();
  unsigned sel = u8();
  bool warn = (sel & 1) != 0, null_old = (sel & 6) == 0;
  intptr_t old = -77;
  DESC("fd=%ld warn=%d", (long)fd, warn);
  int r = sigemu_set_wakeup_fd(fd, warn, null_old ? NULL : &old);
  int want;
  int k = pipe_index(fd);
  if (!M.init) want = SIGEMU_ENOINIT;
  else if (fd == -1) want = 0;
  else if (k < 0 || !P[k].open) want = SIGEMU_EBADF;
  else if (!P[k].nonblocking) want = SIGEMU_EBLOCKINGFD;
  else want = 0;
  EXPECT_RC(r, want);
  if (r == 0) {
    if (!null_old)
      CHECK(old == M.wfd, "set_wakeup_fd old %ld, model %ld", (long)old,
            (long)M.wfd);
    M.wfd = fd;
  }
}

static void op_fault(void) {
  intptr_t fd = pick_fd();
  static const int errs[] = {SIGEMU_EINTR, SIGEMU_EAGAIN, SIGEMU_EBADF,
                             SIGEMU_EOS, SIGEMU_EPERM};
  int err = errs[u8() % 5];
  int count = (int)(u8() % 5);
  DESC("fd=%ld err=%s count=%d", (long)fd, sigemu_error_name(err), count);
  int r = sigemu_sim_pipe_fault(fd, err, count);
  int k = pipe_index(fd);
  int want = (k >= 0 && P[k].open) ? 0 : SIGEMU_EBADF;
  EXPECT_RC(r, want);
  if (r == 0 && count > 0 && err != SIGEMU_EINTR) P[k].lossy = true;
}

static void op_close_pipe(void) {
  intptr_t fd = pick_fd();
  DESC("fd=%ld", (long)fd);
  int r = sigemu_sim_pipe_close(fd);
  int k = pipe_index(fd);
  int want = (k >= 0 && P[k].open) ? 0 : SIGEMU_EBADF;
  EXPECT_RC(r, want);
  if (r == 0) P[k].open = false;
}

static void op_check(void) {
  DESC("-");
  int r = sigemu_check();
  int want = 0;
  if (M.gflag) want = mcheck_slow();
  EXPECT_RC(r, want);
  if (M.init && r == 0) {
    /* A check that returned normally leaves nothing behind: every signal
     * delivered to a handler ran, every default action due was done. */
    for (int i = 1; i < NSIG_; i++)
      CHECK(!M.trip[i] || M.kind[i] != SIGEMU_CALL,
            "signal %d still tripped after a check returned 0", i);
    CHECK(sigemu_sigisempty(&M.doom) || allowed("doom-flag"),
          "default action of {%s} still due after a check returned 0 "
          "(the global tripped flag was cleared while it was due)",
          set_str(&M.doom));
  }
}

static void op_advance(bool busy) {
  int64_t ns = rd_ns();
  ns = busy ? clamp_advance(ns) : clamp_idle(ns);
  DESC("ns=%lld", (long long)ns);
  if (busy) {
    sigemu_sim_advance_ns(ns);
    if (M.init) madvance(ns);
    else if (ns > 0) M.wall += ns, M.cpu += ns;
  } else {
    sigemu_sim_idle_ns(ns);
    if (M.init) midle(ns);
    else if (ns > 0) M.wall += ns;
  }
}

static void op_restart(void) {
  unsigned sel = u8();
  bool pydef = (sel & 1) != 0;
  DESC("python_defaults=%d mode=%u", pydef, (sel >> 1) % 3);
  switch ((sel >> 1) % 3) {
  case 0: /* shutdown then init */
    sigemu_shutdown();
    if (M.init) {
      int64_t w = M.wall, c = M.cpu;
      mreset(false);
      M.wall = w;
      M.cpu = c;
    }
    /* falls through */
  case 1: {
    sigemu_options o = {.python_defaults = pydef, .report = fz_report};
    int r = sigemu_init(&o);
    EXPECT_RC(r, M.init ? SIGEMU_EALREADY : 0);
    if (r == 0) {
      int64_t w = M.wall, c = M.cpu;
      model_init(pydef);
      M.wall = w;
      M.cpu = c;
    }
    break;
  }
  default:
    sigemu_shutdown();
    if (M.init) {
      int64_t w = M.wall, c = M.cpu;
      mreset(false);
      M.wall = w;
      M.cpu = c;
    }
    break;
  }
}

static void op_siginterrupt(void) {
  int sig = rd_sig();
  bool flag = (u8() & 1) != 0;
  DESC("sig=%d flag=%d", sig, flag);
  int r = sigemu_siginterrupt(sig, flag);
  int want = !M.init ? SIGEMU_ENOINIT
             : (sig < 1 || sig >= NSIG_) ? SIGEMU_ERANGE_SIG
             : catchable(sig) ? 0 : SIGEMU_EINVAL;
  EXPECT_RC(r, want);
}

static void op_tables(void) {
  int sig = rd_sig();
  int err = 0;
  DESC("sig=%d", sig);
  const char *d = sigemu_strsignal(sig, &err);
  if (sig >= 1 && sig < NSIG_) CHECK(err == 0, "strsignal(%d) err %d", sig, err);
  else CHECK(!d && err == SIGEMU_ERANGE_SIG, "strsignal(%d) out of range", sig);
  const char *n = sigemu_signame(sig);
  if (n) CHECK(sigemu_signum(n) == sig || sig == 6 || sig == 29,
               "signum(signame(%d)) = %d", sig, sigemu_signum(n));
  char name[8];
  for (int i = 0; i < 7; i++) name[i] = (char)u8();
  name[7] = 0;
  (void)sigemu_signum(name);
  (void)sigemu_signum(NULL);
  (void)sigemu_strerror(sig);
  (void)sigemu_error_pyexc(sig);
  (void)sigemu_available((sigemu_feature)sig);
  (void)sigemu_feature_note((sigemu_feature)sig);
  (void)sigemu_default_action(sig);
}

/* ------------------------------------------------------------------------ */
/* Entry point                                                               */
/* ------------------------------------------------------------------------ */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  DEFAULT_INT = sigemu_default_int_handler;
  in_p = data;
  in_n = size;
  op_index = 0;
  op_name = "start";
  op_desc[0] = 0;
  escaping = false;
  sigemu_shutdown();
  close_all_pipes();
  sigemu_sim_on_block(fz_block, NULL);
  sigemu_sim_on_die(fz_die, NULL);
  /* SIGEMU_FUZZ_TRACE=1: print every call (to read a finding). */
  static int trace = -1;
  if (trace < 0) trace = getenv("SIGEMU_FUZZ_TRACE") != NULL;
  bool pydef = (u8() & 1) != 0;
  sigemu_options o = {.python_defaults = pydef, .report = fz_report};
  if (sigemu_init(&o) != 0) fail("sigemu_init failed");
  base_wall = sigemu_sim_now_ns();
  model_init(pydef);
  begin_op("init");
  compare();

  if (setjmp(escape_jb) == 0) {
    for (op_index = 1; in_n > 0 && op_index <= MAX_OPS; op_index++) {
      unsigned op = u8() % 27;
      bool was_init = M.init;
      snap pre;
      if (was_init) take_snap(&pre);
      last_rc = 0;
      switch (op) {
      case 0: case 1: begin_op("signal"); op_signal(); break;
      case 2: begin_op("getsignal"); op_getsignal(); break;
      case 3: begin_op("raise_signal"); op_raise(); break;
      case 4: case 5: begin_op("sim_send"); op_send(); break;
      case 6: case 7: begin_op("pthread_sigmask"); op_sigmask(); break;
      case 8: begin_op("sigpending"); op_sigpending(); break;
      case 9: begin_op("sigwait"); op_wait(0); break;
      case 10: begin_op("sigwaitinfo"); op_wait(1); break;
      case 11: begin_op("sigtimedwait"); op_wait(2); break;
      case 12: begin_op("pause"); op_pause(); break;
      case 13: begin_op("sleep"); op_sleep(); break;
      case 14: begin_op("setitimer"); op_setitimer(); break;
      case 15: begin_op("getitimer"); op_getitimer(); break;
      case 16: begin_op("alarm"); op_alarm(); break;
      case 17: begin_op("sim_pipe"); op_pipe(); break;
      case 18: begin_op("set_wakeup_fd"); op_wakeup(); break;
      case 19: begin_op("sim_pipe_fault"); op_fault(); break;
      case 20: begin_op("check"); op_check(); break;
      case 21: begin_op("sim_advance"); op_advance(true); break;
      case 22: begin_op("sim_idle"); op_advance(false); break;
      case 23: begin_op("shutdown/init"); op_restart(); break;
      case 24: begin_op("pthread_kill"); op_pthread_kill(); break;
      case 25:
        if (u8() & 1) { begin_op("sim_pipe_close"); op_close_pipe(); }
        else { begin_op("siginterrupt"); op_siginterrupt(); }
        break;
      default: begin_op("tables"); op_tables(); break;
      }
      /* A failed call changes nothing: the model only changes on success
       * (compare), and the snapshot taken before must still hold. Waits
       * that time out (EAGAIN) or find nothing to wait for (ENOTHERE) may
       * have seen time pass and signals arrive: not "failed" in that sense. */
      if (trace)
        fprintf(stderr, "op %d: %s %s -> %d %s\n", op_index, op_name, op_desc,
                last_rc, last_rc < 0 ? sigemu_error_name(last_rc) : "");
      compare();
      if (was_init && M.init && last_rc < 0 && last_rc != SIGEMU_EAGAIN &&
          last_rc != SIGEMU_ENOTHERE) {
        snap post;
        take_snap(&post);
        snap_same(&pre, &post);
      }
    }
  }
  /* Leave the library quiet for the next input. */
  sigemu_sim_on_block(NULL, NULL);
  sigemu_shutdown();
  close_all_pipes();
  sigemu_sim_on_die(fz_die, NULL);
  return 0;
}
