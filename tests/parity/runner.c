/* runner.c — runs one parity scenario through sigemu's C API.
 *
 * The parity suite compares this program's output with what
 * tests/parity/oracle.py prints for the same scenario using CPython's real
 * `signal` module. Both print one canonical line per step (format in
 * docs/parity.md), so any behavioural difference between a backend and
 * CPython shows up as a differing line.
 *
 * The same file is built for every backend: natively against `sigemu` (posix)
 * and `sigemu_sim` (sim, with SIGEMU_RUNNER_SIM defined), for Emscripten, WASI
 * and mingw-w64. In the sim build, time steps move the virtual clock and
 * blocking waits are fed through sigemu_sim_on_block(), so nothing sleeps and
 * nothing hangs.
 *
 * Why a check after every call: CPython runs signal handlers at the next
 * bytecode boundary, i.e. right after each successful C call; an embedding
 * interpreter calls sigemu_check() there. The runner does the same: after a
 * step's call succeeds it calls sigemu_check() (a handler's code becomes the
 * step's result, as the exception would in Python), and once more after the
 * step (a code there prints as "; check: ...").
 *
 * Usage: runner SCENARIO.scn | runner - (scenario on stdin) | runner --features
 */
#if !defined(_WIN32)
#  define _GNU_SOURCE
#endif
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "sigemu.h"
#ifdef SIGEMU_RUNNER_SIM
#  include "sigemu_sim.h"
#endif

/* ---- what this target lets the runner do ------------------------------- */

#if defined(_WIN32)
#  define WIN32_LEAN_AND_MEAN
#  include <windows.h>
#  define RUNNER_THREADS 1
#elif defined(__wasi__) || (defined(__EMSCRIPTEN__) && !defined(__EMSCRIPTEN_PTHREADS__))
#  define RUNNER_THREADS 0
#  ifdef __wasi__
#    include <wasi/api.h>
#  endif
#else
#  include <pthread.h>
#  define RUNNER_THREADS 1
#endif
#if !defined(_WIN32) && !defined(__wasi__)
#  include <fcntl.h>
#  include <signal.h>
#  include <unistd.h>
#  define RUNNER_OS_PIPES 1
#else
#  define RUNNER_OS_PIPES 0
#endif
#if defined(__linux__) && !defined(__EMSCRIPTEN__)
#  include <sys/syscall.h>
#endif

#ifdef SIGEMU_RUNNER_SIM
#  define RUNNER_PIPE 1
#  define RUNNER_KILL 1 /* sigemu_sim_send: a signal from outside */
#else
#  define RUNNER_PIPE RUNNER_OS_PIPES
#  if defined(__linux__) || defined(__APPLE__)
#    define RUNNER_KILL 1 /* kill(getpid()) */
#  else
#    define RUNNER_KILL 0
#  endif
#endif
#if !defined(SIGEMU_RUNNER_SIM) && defined(__linux__) && \
    !defined(__EMSCRIPTEN__) && defined(SYS_pidfd_open)
#  define RUNNER_PIDFD 1
#else
#  define RUNNER_PIDFD 0
#endif

/* Capabilities of the runner itself (not of sigemu); listed by --features and
 * usable in `needs` and in expected-differences.txt. */
static const struct {
  const char *name;
  int ok;
  const char *what;
} runner_caps[] = {
    {"THREADS", RUNNER_THREADS, "a second thread to send signals from"},
    {"PIPE", RUNNER_PIPE, "a non-blocking pipe for the wakeup fd"},
    {"KILL", RUNNER_KILL, "a signal from outside the process (kill / host)"},
    {"PIDFD", RUNNER_PIDFD, "a pidfd of this process (pidfd_open)"},
};
#define NCAPS ((int)(sizeof runner_caps / sizeof runner_caps[0]))

/* ---- small helpers ------------------------------------------------------ */

#define MAXTOK 32
#define LINE 512

static char out_line[10240]; /* the line being printed */
static int cur_line;        /* scenario line number */

static void die_scenario(const char *msg, const char *tok) {
  printf("scenario error: %s%s%s\n", msg, tok ? " " : "", tok ? tok : "");
  fflush(stdout);
  exit(3);
}

static const char *signame(int n, char *buf, size_t len) {
  if (n >= 1 && n < 32) {
    const char *s = sigemu_signame(n);
    if (s) return s;
  }
  snprintf(buf, len, "%d", n);
  return buf;
}

static void append(char *dst, size_t cap, const char *src) {
  size_t l = strlen(dst);
  if (l + 1 >= cap) return;
  snprintf(dst + l, cap - l, "%s", src);
}

/* ---- trace of handler calls and reports --------------------------------- */

static char trace_buf[8192];
static int counts[SIGEMU_MAXSIG];

static void trace_add(const char *item) {
  if (trace_buf[0]) append(trace_buf, sizeof trace_buf, " ");
  append(trace_buf, sizeof trace_buf, item);
}

static void on_report(const char *message, void *arg) {
  (void)arg;
  int n;
  char b[16], item[64];
  const char *p = strstr(message, "Signal ");
  if (p && strstr(message, "ignored due to race condition") &&
      sscanf(p, "Signal %d", &n) == 1) {
    snprintf(item, sizeof item, "report:race %s", signame(n, b, sizeof b));
    trace_add(item);
  } else if (strstr(message, "wakeup fd")) {
    trace_add("report:wakeup");
  } else {
    trace_add("report:other");
  }
}

/* ---- handlers ----------------------------------------------------------- */

enum { ACT_IGNORE, ACT_DEFAULT, ACT_SEND };
typedef struct {
  char label[LINE];
  int raise; /* 1: returns 1000+sig (the "exception") */
  int nact;
  struct {
    int act, sig;
  } act[8];
} hdesc;
static hdesc hpool[256];
static int nhpool;

#define RAISE_BASE 1000

static int scenario_handler(int sig, void *arg) {
  hdesc *h = arg;
  char b[16];
  trace_add(signame(sig, b, sizeof b));
  if (sig > 0 && sig < SIGEMU_MAXSIG) counts[sig]++;
  for (int i = 0; i < h->nact; i++) {
    int rc = 0;
    sigemu_action a = {SIGEMU_DFL, NULL, NULL};
    switch (h->act[i].act) {
    case ACT_IGNORE:
      a.kind = SIGEMU_IGN;
      rc = sigemu_signal(h->act[i].sig, &a, NULL);
      break;
    case ACT_DEFAULT: rc = sigemu_signal(h->act[i].sig, &a, NULL); break;
    case ACT_SEND: rc = sigemu_raise_signal(h->act[i].sig); break;
    }
    if (rc != 0) return rc; /* the error propagates out of the handler */
  }
  return h->raise ? RAISE_BASE + sig : 0;
}

static void fmt_rc(char *out, size_t n, int rc) {
  char b[16];
  if (rc == SIGEMU_KEYBOARD_INTERRUPT)
    snprintf(out, n, "KeyboardInterrupt");
  else if (rc > RAISE_BASE && rc < RAISE_BASE + SIGEMU_MAXSIG)
    snprintf(out, n, "raised %s", signame(rc - RAISE_BASE, b, sizeof b));
  else if (rc < 0)
    snprintf(out, n, "%s", sigemu_error_pyexc(rc));
  else
    snprintf(out, n, "code %d", rc);
}

static void fmt_action(char *out, size_t n, const sigemu_action *a) {
  switch (a->kind) {
  case SIGEMU_DFL: snprintf(out, n, "SIG_DFL"); break;
  case SIGEMU_IGN: snprintf(out, n, "SIG_IGN"); break;
  case SIGEMU_FOREIGN: snprintf(out, n, "None"); break;
  case SIGEMU_CALL:
    if (a->fn == sigemu_default_int_handler)
      snprintf(out, n, "default_int_handler");
    else if (a->fn == scenario_handler && a->arg)
      snprintf(out, n, "%s", ((hdesc *)a->arg)->label);
    else
      snprintf(out, n, "callable");
    break;
  default: snprintf(out, n, "kind %d", (int)a->kind); break;
  }
}

/* ---- sets, times -------------------------------------------------------- */
/* Same formats as oracle.py: sets of up to 8 by name, bigger ones as ranges;
 * a timer's value rounded to the nearest 0.1 s with '~' (never compared
 * exactly), an interval exact to the microsecond. */

static void fmt_set(char *out, size_t n, const sigemu_sigset *s) {
  int nums[SIGEMU_MAXSIG], k = 0;
  char b[16], item[32];
  for (int i = 1; i < SIGEMU_MAXSIG; i++)
    if (sigemu_sigismember(s, i) == 1) nums[k++] = i;
  snprintf(out, n, "{");
  if (k <= 8) {
    for (int i = 0; i < k; i++) {
      if (i) append(out, n, ",");
      append(out, n, signame(nums[i], b, sizeof b));
    }
  } else {
    for (int i = 0; i < k;) {
      int j = i;
      while (j + 1 < k && nums[j + 1] == nums[j] + 1) j++;
      if (i) append(out, n, ",");
      if (i == j) snprintf(item, sizeof item, "%d", nums[i]);
      else snprintf(item, sizeof item, "%d-%d", nums[i], nums[j]);
      append(out, n, item);
      i = j + 1;
    }
  }
  append(out, n, "}");
}

static void fmt_value(char *out, size_t n, double t) {
  if (t == 0) snprintf(out, n, "0");
  else snprintf(out, n, "~%.1f", floor(t * 10 + 0.5) / 10);
}

static void fmt_interval(char *out, size_t n, double t) {
  long long us = llround(t * 1e6);
  if (us == 0) {
    snprintf(out, n, "0");
    return;
  }
  snprintf(out, n, "%lld.%06lld", us / 1000000, us % 1000000);
  size_t l = strlen(out);
  while (l > 0 && out[l - 1] == '0') out[--l] = 0;
  if (l > 0 && out[l - 1] == '.') out[--l] = 0;
}

static void fmt_pair(char *out, size_t n, double v, double i) {
  char a[32], b[32];
  fmt_value(a, sizeof a, v);
  fmt_interval(b, sizeof b, i);
  snprintf(out, n, "(%s, %s)", a, b);
}

/* ---- clocks, sleeping, threads ------------------------------------------ */

static double mono_now(void) {
#ifdef SIGEMU_RUNNER_SIM
  return (double)sigemu_sim_now_ns() / 1e9;
#elif defined(_WIN32)
  return (double)GetTickCount64() / 1e3;
#else
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
#endif
}

#ifndef SIGEMU_RUNNER_SIM
static double cpu_now(void) {
#  if defined(_WIN32)
  return (double)clock() / CLOCKS_PER_SEC;
#  elif defined(__wasi__)
  /* WASI's own clock: wasi-libc 2024 hides CLOCK_PROCESS_CPUTIME_ID behind
   * _WASI_EMULATED_PROCESS_CLOCKS; the preview1 call is the same in all. */
  __wasi_timestamp_t t;
  if (__wasi_clock_time_get(__WASI_CLOCKID_PROCESS_CPUTIME_ID, 1000, &t) != 0)
    return mono_now();
  return (double)t / 1e9;
#  else
  struct timespec ts;
  if (clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts) != 0) return mono_now();
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
#  endif
}
#endif

#if RUNNER_THREADS && !defined(SIGEMU_RUNNER_SIM)
static void real_sleep(double s) {
#  if defined(_WIN32)
  Sleep((DWORD)(s * 1000));
#  else
  struct timespec ts = {(time_t)s, (long)((s - (double)(time_t)s) * 1e9)};
  while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {
  }
#  endif
}
#endif

typedef void (*body_fn)(void *);
typedef struct {
  body_fn fn;
  void *arg;
#if defined(_WIN32)
  HANDLE h;
#elif RUNNER_THREADS
  pthread_t t;
#endif
  int started;
} thr;

#if defined(_WIN32)
static DWORD WINAPI thr_main(LPVOID p) {
  thr *t = p;
  t->fn(t->arg);
  return 0;
}
#elif RUNNER_THREADS
static void *thr_main(void *p) {
  thr *t = p;
  t->fn(t->arg);
  return NULL;
}
#endif

static int thr_start(thr *t, body_fn fn, void *arg) {
  t->fn = fn;
  t->arg = arg;
  t->started = 0;
#if defined(_WIN32)
  t->h = CreateThread(NULL, 0, thr_main, t, 0, NULL);
  if (!t->h) return -1;
#elif RUNNER_THREADS
  if (pthread_create(&t->t, NULL, thr_main, t) != 0) return -1;
#else
  return -1;
#endif
  t->started = 1;
  return 0;
}

static void thr_join(thr *t) {
  if (!t->started) return;
#if defined(_WIN32)
  WaitForSingleObject(t->h, INFINITE);
  CloseHandle(t->h);
#elif RUNNER_THREADS
  pthread_join(t->t, NULL);
#endif
  t->started = 0;
}

/* ---- sending ------------------------------------------------------------ */

enum { SEND_RAISE, SEND_PTHREAD_KILL, SEND_KILL };

static int do_send(int how, int sig) {
  switch (how) {
  case SEND_RAISE: return sigemu_raise_signal(sig);
  case SEND_PTHREAD_KILL: return sigemu_pthread_kill(sigemu_main_thread(), sig);
  default:
#ifdef SIGEMU_RUNNER_SIM
    return sigemu_sim_send(sig);
#elif RUNNER_KILL
    if (kill(getpid(), sig) != 0) return errno == EINVAL ? SIGEMU_EINVAL : SIGEMU_EOS;
    return 0;
#else
    (void)sig;
    return SIGEMU_ENOSYS;
#endif
  }
}

typedef struct {
  int how, sig, rc;
  double delay;
} send_job;

#ifdef SIGEMU_RUNNER_SIM
static void send_body(void *p) {
  send_job *j = p;
  j->rc = do_send(j->how, j->sig);
}
#endif

#if RUNNER_THREADS && !defined(SIGEMU_RUNNER_SIM)
static void later_body(void *p) {
  send_job *j = p;
  real_sleep(j->delay);
  j->rc = do_send(j->how, j->sig);
}
#endif

/* `later` sends. Real backends: a thread that sleeps, then sends. sim: a
 * schedule on the virtual clock, run by the block hook and by `spin`. */
#define MAXLATER 32
static struct {
  send_job job;
  thr t;
  int64_t at_ns; /* sim */
  int done;      /* sim */
} later_q[MAXLATER];
static int nlater;

#ifdef SIGEMU_RUNNER_SIM
/* Send from a real second thread where there is one (the sim too: its
 * raise_signal from another thread is part of what is compared). */
static int send_from_thread(int how, int sig) {
  send_job j = {how, sig, 0, 0};
  thr t;
  if (how == SEND_KILL) return do_send(how, sig); /* from outside: no thread */
  if (thr_start(&t, send_body, &j) != 0) return SIGEMU_EOS;
  thr_join(&t);
  return j.rc;
}

/* Run the earliest scheduled send due by `limit` (virtual ns); idle the
 * clock up to it first. Returns 1 if one ran. */
static int sim_run_later(int64_t limit) {
  int best = -1;
  for (int i = 0; i < nlater; i++)
    if (!later_q[i].done && later_q[i].at_ns <= limit &&
        (best < 0 || later_q[i].at_ns < later_q[best].at_ns))
      best = i;
  if (best < 0) return 0;
  int64_t now = sigemu_sim_now_ns();
  if (later_q[best].at_ns > now) sigemu_sim_idle_ns(later_q[best].at_ns - now);
  later_q[best].done = 1;
  send_from_thread(later_q[best].job.how, later_q[best].job.sig);
  return 1;
}

static int sim_block_hook(int64_t deadline_ns, void *arg) {
  (void)arg;
  return sim_run_later(deadline_ns);
}
#endif

/* Why a step cannot run here: set by the parsers below, printed as
 * "unavailable TOKEN"; the scenario stops there. */
static char unavailable[64];

/* ---- wakeup pipe -------------------------------------------------------- */

#if RUNNER_PIPE
static intptr_t pipe_r = -1; /* sim: the one fd is both ends */
static int have_pipe;

static int make_pipe(int blocking, intptr_t *wfd) {
#  ifdef SIGEMU_RUNNER_SIM
  intptr_t fd;
  int rc = sigemu_sim_pipe(256, !blocking, &fd);
  if (rc) return rc;
  pipe_r = fd;
  *wfd = fd;
  return 0;
#  else
  int p[2];
  if (pipe(p) != 0) return SIGEMU_EOS;
  fcntl(p[0], F_SETFL, fcntl(p[0], F_GETFL) | O_NONBLOCK);
  if (!blocking) fcntl(p[1], F_SETFL, fcntl(p[1], F_GETFL) | O_NONBLOCK);
  pipe_r = p[0];
  *wfd = p[1];
  return 0;
#  endif
}

static void fill_pipe(intptr_t w) {
#  ifdef SIGEMU_RUNNER_SIM
  sigemu_sim_pipe_fault(w, SIGEMU_EAGAIN, 1 << 30); /* full forever */
#  else
  /* Some targets' pipes never fill (Emscripten's grow without bound): give
   * up after 4 MiB and say so, rather than loop forever. */
  char buf[4096] = {0};
  long total = 0;
  ssize_t r;
  while ((r = write((int)w, buf, sizeof buf)) > 0 && total < (4L << 20)) total += r;
  while (r > 0 && (r = write((int)w, buf, 1)) > 0 && total < (4L << 20)) total += r;
  if (r > 0 && !unavailable[0])
    snprintf(unavailable, sizeof unavailable, "FULL_PIPE");
#  endif
}

static void close_pipe(intptr_t r, intptr_t w) {
#  ifdef SIGEMU_RUNNER_SIM
  (void)r;
  sigemu_sim_pipe_close(w);
#  else
  close((int)r);
  close((int)w);
#  endif
}

static void read_pipe(char *out, size_t n) {
  unsigned char buf[512];
  int k = 0;
  out[0] = 0;
  if (pipe_r < 0) {
    snprintf(out, n, "(none)");
    return;
  }
#  ifdef SIGEMU_RUNNER_SIM
  k = sigemu_sim_pipe_read(pipe_r, buf, (int)sizeof buf);
  if (k < 0) k = 0;
#  else
  for (;;) {
    ssize_t r = read((int)pipe_r, buf + k, sizeof buf - (size_t)k);
    if (r <= 0) break;
    k += (int)r;
  }
#  endif
  for (int i = 0; i < k; i++) {
    char b[8];
    snprintf(b, sizeof b, "%s%u", i ? " " : "", buf[i]);
    append(out, n, b);
  }
  if (!k) snprintf(out, n, "(none)");
}
#endif

/* ---- parsing ------------------------------------------------------------ */

typedef struct {
  int ntok;
  char *tok[MAXTOK];
} toks;


static int cap_ok(const char *name) {
  /* Linux signal numbering (NSIG 65, 1..64 without 32/33): what the oracle
   * has; Windows has its own small table. Known only at run time. */
  if (!strcmp(name, "LINUX_NUMBERING")) return sigemu_nsig() == 65;
  for (int i = 0; i < NCAPS; i++)
    if (!strcmp(runner_caps[i].name, name)) return runner_caps[i].ok;
  return -1;
}

static int need_feature(sigemu_feature f) {
  if (unavailable[0]) return 0;
  if (!sigemu_available(f)) {
    snprintf(unavailable, sizeof unavailable, "%s", sigemu_feature_name(f));
    return 0;
  }
  return 1;
}

static int need_cap(const char *name) {
  if (unavailable[0]) return 0;
  if (cap_ok(name) != 1) {
    snprintf(unavailable, sizeof unavailable, "%s", name);
    return 0;
  }
  return 1;
}

/* A `needs` token: a sigemu feature, a runner capability or a signal name. */
static int need_token(const char *t) {
  for (int f = 0; f < SIGEMU_FEATURE_COUNT; f++)
    if (!strcmp(sigemu_feature_name((sigemu_feature)f), t))
      return need_feature((sigemu_feature)f);
  if (cap_ok(t) >= 0) return need_cap(t);
  if (!strncmp(t, "SIG", 3)) {
    if (sigemu_signum(t) < 0) {
      snprintf(unavailable, sizeof unavailable, "%s", t);
      return 0;
    }
    return 1;
  }
  die_scenario("unknown needs token", t);
  return 0;
}

static int parse_sig(const char *t) {
  char *end;
  long v = strtol(t, &end, 10);
  if (*t && !*end) return (int)v;
  if (strncmp(t, "SIG", 3)) die_scenario("bad signal", t);
  int s = sigemu_signum(t);
  if (s < 0) { /* this backend has no such signal */
    if (!unavailable[0]) snprintf(unavailable, sizeof unavailable, "%s", t);
    return 0;
  }
  return s;
}

static void parse_set(toks *tk, int from, sigemu_sigset *s) {
  sigemu_sigemptyset(s);
  for (int i = from; i < tk->ntok; i++) {
    int sig = parse_sig(tk->tok[i]);
    /* Out-of-range numbers must reach the API unchanged (ValueError): a
     * sigemu_sigset holds up to SIGEMU_MAXSIG-1, so set the bit by hand. */
    if (sig >= 0 && sig < SIGEMU_MAXSIG)
      s->bits[sig / 64] |= (uint64_t)1 << (sig % 64);
    else
      die_scenario("signal number outside a sigset's capacity", tk->tok[i]);
  }
}

static double parse_num(const char *t) {
  char *end;
  double v = strtod(t, &end);
  if (*end) die_scenario("bad number", t);
  return v;
}

static int parse_which(const char *t) {
  if (!strcmp(t, "REAL")) return SIGEMU_ITIMER_REAL;
  if (!strcmp(t, "VIRTUAL")) return SIGEMU_ITIMER_VIRTUAL;
  if (!strcmp(t, "PROF")) return SIGEMU_ITIMER_PROF;
  return (int)parse_num(t);
}

static int need_which(int w) {
  if (w == SIGEMU_ITIMER_VIRTUAL) return need_feature(SIGEMU_FEATURE_ITIMER_VIRTUAL);
  if (w == SIGEMU_ITIMER_PROF) return need_feature(SIGEMU_FEATURE_ITIMER_PROF);
  return need_feature(SIGEMU_FEATURE_ITIMER_REAL);
}

static int send_how(const char *t) {
  if (!strcmp(t, "raise")) return SEND_RAISE;
  if (!strcmp(t, "pthread_kill")) return SEND_PTHREAD_KILL;
  if (!strcmp(t, "kill")) return SEND_KILL;
  die_scenario("send with raise|pthread_kill|kill, not", t);
  return -1;
}

static int need_send(int how) {
  if (how == SEND_RAISE) return need_feature(SIGEMU_FEATURE_RAISE_SIGNAL);
  if (how == SEND_PTHREAD_KILL) return need_feature(SIGEMU_FEATURE_PTHREAD_KILL);
  return need_cap("KILL");
}

/* handler SIG MODE [and ignore|default|send SIG]... */
static int parse_handler(toks *tk, int at, sigemu_action *a) {
  if (tk->ntok < at + 3) die_scenario("handler SIG MODE", NULL);
  int sig = parse_sig(tk->tok[at + 1]);
  const char *mode = tk->tok[at + 2];
  a->fn = NULL;
  a->arg = NULL;
  if (!strcmp(mode, "default")) {
    a->kind = SIGEMU_DFL;
    return sig;
  }
  if (!strcmp(mode, "ignore")) {
    a->kind = SIGEMU_IGN;
    return sig;
  }
  a->kind = SIGEMU_CALL;
  if (!strcmp(mode, "int")) {
    a->fn = sigemu_default_int_handler;
    return sig;
  }
  if (strcmp(mode, "record") && strcmp(mode, "raise"))
    die_scenario("unknown handler mode", mode);
  if (nhpool >= (int)(sizeof hpool / sizeof hpool[0]))
    die_scenario("too many handlers", NULL);
  hdesc *h = &hpool[nhpool++];
  memset(h, 0, sizeof *h);
  h->raise = !strcmp(mode, "raise");
  for (int i = at + 2; i < tk->ntok; i++) {
    if (i > at + 2) append(h->label, sizeof h->label, " ");
    append(h->label, sizeof h->label, tk->tok[i]);
  }
  for (int i = at + 3; i < tk->ntok; i += 3) {
    if (i + 2 >= tk->ntok || strcmp(tk->tok[i], "and") || h->nact >= 8)
      die_scenario("expected 'and ignore|default|send SIG'", NULL);
    const char *act = tk->tok[i + 1];
    int k = !strcmp(act, "ignore")    ? ACT_IGNORE
            : !strcmp(act, "default") ? ACT_DEFAULT
            : !strcmp(act, "send")    ? ACT_SEND
                                      : -1;
    if (k < 0) die_scenario("unknown handler action", act);
    h->act[h->nact].act = k;
    h->act[h->nact].sig = parse_sig(tk->tok[i + 2]);
    h->nact++;
  }
  a->fn = scenario_handler;
  a->arg = h;
  return sig;
}

/* ---- thread steps -------------------------------------------------------- */

typedef struct {
  int kind; /* 0 send, 1 handler, 2 wakeup */
  int how, sig;
  sigemu_action act, old;
  int rc;
} thread_job;

static void thread_step_body(void *p) {
  thread_job *j = p;
  if (j->kind == 0) j->rc = do_send(j->how, j->sig);
  else if (j->kind == 1) j->rc = sigemu_signal(j->sig, &j->act, &j->old);
  else j->rc = sigemu_set_wakeup_fd(-1, true, NULL);
}

/* ---- the steps ---------------------------------------------------------- */

#ifndef SIGEMU_RUNNER_SIM
static volatile unsigned long spin_sink; /* keeps the busy loop */
#endif

static int step_spin(double seconds) {
#ifdef SIGEMU_RUNNER_SIM
  /* Busy computation in 1 ms slices, with a check after each, as CPython
   * checks between bytecodes: a periodic timer's handler runs each time. */
  int64_t left = (int64_t)(seconds * 1e9 + 0.5);
  while (left > 0) {
    int64_t step = left < 1000000 ? left : 1000000;
    while (sim_run_later(sigemu_sim_now_ns())) {
    }
    sigemu_sim_advance_ns(step);
    left -= step;
    int rc = sigemu_check();
    if (rc) return rc;
  }
  return 0;
#else
  /* CPU seconds, as Python's time.process_time(); a wall-clock bound in
   * case the target's CPU clock does not move (then the timer step shows
   * the difference instead of hanging). */
  double end = cpu_now() + seconds, wall_end = mono_now() + seconds + 10;
  while (cpu_now() < end && mono_now() < wall_end) {
    for (int i = 0; i < 200; i++) spin_sink += (unsigned long)i;
    int rc = sigemu_check();
    if (rc) return rc;
  }
  return 0;
#endif
}

static int step_until(int sig, int n, char *res, size_t rn) {
  double deadline = mono_now() + 10.0;
  while (counts[sig] < n) {
    if (mono_now() > deadline) {
      snprintf(res, rn, "timeout");
      return 0;
    }
    int rc = sigemu_sleep(0.02);
    if (rc) return rc;
  }
  snprintf(res, rn, "ok");
  return 0;
}

/* Run one step; 0 with the value in res, or a code (handler) / error. */
static int run_step(toks *tk, char *res, size_t rn) {
  const char *op = tk->tok[0];
  char **a = tk->tok + 1;
  int na = tk->ntok - 1;
  sigemu_sigset set, old;
  sigemu_action act, prev;
  int rc;
  snprintf(res, rn, "ok");
#define NEEDARGS(k) \
  if (na < (k)) die_scenario("missing arguments for", op)
#define NEED(f) \
  if (!need_feature(SIGEMU_FEATURE_##f)) return 0

  if (!strcmp(op, "handler")) {
    int sig = parse_handler(tk, 0, &act);
    NEED(SIGNAL);
    if (unavailable[0]) return 0;
    rc = sigemu_signal(sig, &act, &prev);
    if (!rc) fmt_action(res, rn, &prev);
    return rc;
  }
  if (!strcmp(op, "getsignal")) {
    NEEDARGS(1);
    int sig = parse_sig(a[0]);
    NEED(SIGNAL);
    rc = sigemu_getsignal(sig, &prev);
    if (!rc) fmt_action(res, rn, &prev);
    return rc;
  }
  if (!strcmp(op, "raise") || !strcmp(op, "pthread_kill") || !strcmp(op, "kill")) {
    NEEDARGS(1);
    int how = send_how(op), sig = parse_sig(a[0]);
    if (!need_send(how)) return 0;
    return do_send(how, sig);
  }
  if (!strcmp(op, "thread")) {
    NEEDARGS(1);
    thread_job j;
    memset(&j, 0, sizeof j);
    if (!strcmp(a[0], "handler")) {
      j.kind = 1;
      j.sig = parse_handler(tk, 1, &j.act);
      NEED(SIGNAL);
    } else if (!strcmp(a[0], "wakeup")) {
      j.kind = 2;
      NEED(WAKEUP_FD);
    } else {
      NEEDARGS(2);
      j.kind = 0;
      j.how = send_how(a[0]);
      j.sig = parse_sig(a[1]);
      if (!need_send(j.how)) return 0;
    }
    if (!need_cap("THREADS")) return 0;
    if (j.kind == 0 && j.how == SEND_KILL) return do_send(j.how, j.sig);
    thr t;
    if (thr_start(&t, thread_step_body, &j) != 0) return SIGEMU_EOS;
    thr_join(&t);
    if (j.kind == 1 && !j.rc) fmt_action(res, rn, &j.old);
    return j.rc;
  }
  if (!strcmp(op, "later")) {
    NEEDARGS(3);
    double d = parse_num(a[0]);
    int how = send_how(a[1]), sig = parse_sig(a[2]);
    if (!need_send(how) || !need_cap("THREADS")) return 0;
    if (nlater >= MAXLATER) die_scenario("too many later steps", NULL);
    later_q[nlater].job = (send_job){how, sig, 0, d};
#ifdef SIGEMU_RUNNER_SIM
    later_q[nlater].at_ns = sigemu_sim_now_ns() + (int64_t)(d * 1e9 + 0.5);
    later_q[nlater].done = 0;
#elif RUNNER_THREADS
    if (thr_start(&later_q[nlater].t, later_body, &later_q[nlater].job) != 0)
      return SIGEMU_EOS;
#endif
    nlater++;
    return 0;
  }
  if (!strcmp(op, "block") || !strcmp(op, "unblock") || !strcmp(op, "setmask") ||
      !strcmp(op, "sigmask") || !strcmp(op, "mask")) {
    int how = SIGEMU_SIG_BLOCK, from = 0;
    if (!strcmp(op, "unblock")) how = SIGEMU_SIG_UNBLOCK;
    if (!strcmp(op, "setmask")) how = SIGEMU_SIG_SETMASK;
    if (!strcmp(op, "sigmask")) {
      NEEDARGS(1);
      how = (int)parse_num(a[0]);
      from = 1;
    }
    if (!strcmp(op, "mask")) from = na; /* empty set: read only */
    parse_set(tk, 1 + from, &set);
    NEED(PTHREAD_SIGMASK);
    if (unavailable[0]) return 0;
    rc = sigemu_pthread_sigmask(how, &set, &old);
    if (!rc) fmt_set(res, rn, &old);
    return rc;
  }
  if (!strcmp(op, "pending")) {
    NEED(SIGPENDING);
    rc = sigemu_sigpending(&set);
    if (!rc) fmt_set(res, rn, &set);
    return rc;
  }
  if (!strcmp(op, "sigwait") || !strcmp(op, "sigwaitinfo")) {
    parse_set(tk, 1, &set);
    char b[16];
    if (!strcmp(op, "sigwait")) {
      NEED(SIGWAIT);
      if (unavailable[0]) return 0;
      int sig = 0;
      rc = sigemu_sigwait(&set, &sig);
      if (!rc) snprintf(res, rn, "%s", signame(sig, b, sizeof b));
      return rc;
    }
    NEED(SIGWAITINFO);
    if (unavailable[0]) return 0;
    sigemu_siginfo info;
    rc = sigemu_sigwaitinfo(&set, &info);
    if (rc == 0) snprintf(res, rn, "%s", signame(info.signo, b, sizeof b));
    return rc; /* else an error, or a handler's code (PEP 475 retry ended) */
  }
  if (!strcmp(op, "sigtimedwait")) {
    NEEDARGS(1);
    double t = parse_num(a[0]);
    parse_set(tk, 2, &set);
    NEED(SIGTIMEDWAIT);
    if (unavailable[0]) return 0;
    sigemu_siginfo info;
    char b[16];
    rc = sigemu_sigtimedwait(&set, t, &info);
    if (rc == SIGEMU_EAGAIN) {
      snprintf(res, rn, "None");
      return 0;
    }
    if (rc == 0) snprintf(res, rn, "%s", signame(info.signo, b, sizeof b));
    return rc;
  }
  if (!strcmp(op, "pause")) {
    NEED(PAUSE);
    return sigemu_pause();
  }
  if (!strcmp(op, "sleep")) {
    NEEDARGS(1);
    NEED(SLEEP);
    return sigemu_sleep(parse_num(a[0]));
  }
  if (!strcmp(op, "spin")) {
    NEEDARGS(1);
    return step_spin(parse_num(a[0]));
  }
  if (!strcmp(op, "until")) {
    NEEDARGS(2);
    int sig = parse_sig(a[0]);
    NEED(SLEEP);
    if (unavailable[0]) return 0;
    if (sig <= 0 || sig >= SIGEMU_MAXSIG) die_scenario("until SIG N", NULL);
    return step_until(sig, (int)parse_num(a[1]), res, rn);
  }
  if (!strcmp(op, "alarm")) {
    NEEDARGS(1);
    NEED(ALARM);
    unsigned prevs = 0;
    rc = sigemu_alarm((unsigned)parse_num(a[0]), &prevs);
    if (!rc) snprintf(res, rn, "%u", prevs);
    return rc;
  }
  if (!strcmp(op, "setitimer")) {
    NEEDARGS(2);
    int w = parse_which(a[0]);
    double v = parse_num(a[1]), i = na > 2 ? parse_num(a[2]) : 0.0, ov = 0, oi = 0;
    if (!need_which(w)) return 0;
    rc = sigemu_setitimer(w, v, i, &ov, &oi);
    if (!rc) fmt_pair(res, rn, ov, oi);
    return rc;
  }
  if (!strcmp(op, "getitimer")) {
    NEEDARGS(1);
    int w = parse_which(a[0]);
    double v = 0, i = 0;
    if (!need_which(w)) return 0;
    rc = sigemu_getitimer(w, &v, &i);
    if (!rc) fmt_pair(res, rn, v, i);
    return rc;
  }
  if (!strcmp(op, "wakeup")) {
    const char *kind = na ? a[0] : "pipe";
    bool warn = true;
    for (int i = 0; i < na; i++)
      if (!strcmp(a[i], "nowarn")) warn = false;
    intptr_t fd = -1, oldfd = -1;
    if (!strcmp(kind, "read")) {
      if (!need_cap("PIPE")) return 0;
#if RUNNER_PIPE
      read_pipe(res, rn);
#endif
      return 0;
    }
    NEED(WAKEUP_FD);
    if (!strcmp(kind, "off")) {
      fd = -1;
    } else if (!strcmp(kind, "fd")) {
      NEEDARGS(2);
      fd = (intptr_t)parse_num(a[1]);
    } else {
      if (!need_cap("PIPE")) return 0;
#if RUNNER_PIPE
      intptr_t w;
      int blocking = !strcmp(kind, "blocking");
      if (strcmp(kind, "pipe") && strcmp(kind, "full") && !blocking &&
          strcmp(kind, "closed"))
        die_scenario("wakeup pipe|full|blocking|closed|off|fd N|read, not", kind);
      intptr_t saved_r = pipe_r;
      rc = make_pipe(blocking, &w);
      if (rc) return rc;
      if (!strcmp(kind, "full")) {
        fill_pipe(w);
        if (unavailable[0]) return 0;
      }
      if (!strcmp(kind, "closed") || blocking) {
        if (!strcmp(kind, "closed")) close_pipe(pipe_r, w);
        pipe_r = saved_r; /* not a pipe to read from later */
      } else {
        have_pipe = 1;
        (void)have_pipe;
      }
      fd = w;
#endif
    }
    rc = sigemu_set_wakeup_fd(fd, warn, &oldfd);
    if (!rc) snprintf(res, rn, "%s", oldfd == -1 ? "-1" : "fd");
    return rc;
  }
  if (!strcmp(op, "siginterrupt")) {
    NEEDARGS(2);
    int sig = parse_sig(a[0]);
    NEED(SIGINTERRUPT);
    if (unavailable[0]) return 0;
    return sigemu_siginterrupt(sig, parse_num(a[1]) != 0);
  }
  if (!strcmp(op, "strsignal")) {
    NEEDARGS(1);
    int sig = parse_sig(a[0]), err = 0;
    NEED(STRSIGNAL);
    if (unavailable[0]) return 0;
    const char *s = sigemu_strsignal(sig, &err);
    if (!s && err) return err;
    if (s) snprintf(res, rn, "\"%s\"", s);
    else snprintf(res, rn, "None");
    return 0;
  }
  if (!strcmp(op, "valid_signals")) {
    NEED(VALID_SIGNALS);
    rc = sigemu_valid_signals(&set);
    if (!rc) fmt_set(res, rn, &set);
    return rc;
  }
  if (!strcmp(op, "nsig")) {
    snprintf(res, rn, "%d", sigemu_nsig());
    return 0;
  }
  if (!strcmp(op, "pidfd")) {
    NEEDARGS(2);
    int sig = parse_sig(a[1]);
    NEED(PIDFD_SEND_SIGNAL);
    if (!strcmp(a[0], "self")) {
      if (!need_cap("PIDFD")) return 0;
#if RUNNER_PIDFD
      int fd = (int)syscall(SYS_pidfd_open, getpid(), 0);
      if (fd < 0) return SIGEMU_EOS;
      rc = sigemu_pidfd_send_signal(fd, sig, 0);
      close(fd);
      return rc;
#endif
    }
    if (unavailable[0]) return 0;
    return sigemu_pidfd_send_signal((int)parse_num(a[0]), sig, 0);
  }
  if (!strcmp(op, "check")) return 0;
  if (!strcmp(op, "trace") || !strcmp(op, "forget")) {
    if (!strcmp(op, "trace"))
      snprintf(res, rn, "%s", trace_buf[0] ? trace_buf : "(none)");
    trace_buf[0] = 0;
    memset(counts, 0, sizeof counts);
    return 0;
  }
  die_scenario("unknown step", op);
  return 0;
#undef NEED
#undef NEEDARGS
}

/* `expect WHAT ITEMS...` -> the query step and the expected text. */
static void expectation(toks *tk, toks *q, char *exp, size_t n) {
  static char qbuf[2][16];
  const char *what = tk->ntok > 1 ? tk->tok[1] : "";
  exp[0] = 0;
  q->ntok = 1;
  if (!strcmp(what, "trace") || !strcmp(what, "wakeup")) {
    if (!strcmp(what, "wakeup")) {
      snprintf(qbuf[0], sizeof qbuf[0], "wakeup");
      snprintf(qbuf[1], sizeof qbuf[1], "read");
      q->tok[0] = qbuf[0];
      q->tok[1] = qbuf[1];
      q->ntok = 2;
    } else {
      snprintf(qbuf[0], sizeof qbuf[0], "trace");
      q->tok[0] = qbuf[0];
    }
    for (int i = 2; i < tk->ntok; i++) {
      if (i > 2) append(exp, n, " ");
      append(exp, n, tk->tok[i]);
    }
    if (!exp[0]) snprintf(exp, n, "(none)");
    return;
  }
  if (!strcmp(what, "pending") || !strcmp(what, "mask")) {
    sigemu_sigset s;
    snprintf(qbuf[0], sizeof qbuf[0], "%s", what);
    q->tok[0] = qbuf[0];
    parse_set(tk, 2, &s);
    fmt_set(exp, n, &s);
    return;
  }
  die_scenario("expect trace|pending|mask|wakeup", NULL);
}

static void tokenize(char *line, toks *tk) {
  tk->ntok = 0;
  for (char *p = strtok(line, " \t\r\n"); p; p = strtok(NULL, " \t\r\n")) {
    if (tk->ntok >= MAXTOK) die_scenario("too many tokens", NULL);
    tk->tok[tk->ntok++] = p;
  }
}

static void run_line(char *raw, int lineno) {
  char line[LINE], text[LINE], expected[LINE], res[9000], res2[256];
  toks tk, q;
  int has_exp = 0;
  cur_line = lineno;
  const char *s = raw;
  while (*s == ' ' || *s == '\t') s++;
  if (*s == '#') return;
  snprintf(line, sizeof line, "%s", raw);
  char *c = strstr(line, " #");
  if (c) *c = 0;
  char *arrow = strstr(line, "->");
  if (arrow) {
    *arrow = 0;
    toks et;
    tokenize(arrow + 2, &et);
    expected[0] = 0;
    for (int i = 0; i < et.ntok; i++) {
      if (i) append(expected, sizeof expected, " ");
      append(expected, sizeof expected, et.tok[i]);
    }
    has_exp = 1;
  }
  tokenize(line, &tk);
  if (!tk.ntok) return;
  text[0] = 0;
  for (int i = 0; i < tk.ntok; i++) {
    if (i) append(text, sizeof text, " ");
    append(text, sizeof text, tk.tok[i]);
  }
  if (!strcmp(tk.tok[0], "needs")) {
    for (int i = 1; i < tk.ntok; i++) need_token(tk.tok[i]);
    if (unavailable[0]) {
      printf("L%d: %s -> unavailable %s\n", lineno, text, unavailable);
      fflush(stdout);
      exit(0);
    }
    return;
  }
  toks *step = &tk;
  if (!strcmp(tk.tok[0], "expect")) {
    expectation(&tk, &q, expected, sizeof expected);
    has_exp = 1;
    step = &q;
  }
  int rc = run_step(step, res, sizeof res);
  if (unavailable[0]) {
    printf("L%d: %s -> unavailable %s\n", lineno, text, unavailable);
    fflush(stdout);
    exit(0);
  }
  if (rc == 0) rc = sigemu_check(); /* CPython's eval breaker after a call */
  if (rc != 0) fmt_rc(res, sizeof res, rc);
  int rc2 = sigemu_check(); /* the check point after the step */
  snprintf(out_line, sizeof out_line, "L%d: %s -> %s", lineno, text, res);
  if (rc2 != 0) {
    fmt_rc(res2, sizeof res2, rc2);
    append(out_line, sizeof out_line, "; check: ");
    append(out_line, sizeof out_line, res2);
  }
  if (has_exp && strcmp(expected, res)) {
    append(out_line, sizeof out_line, "  !! expected ");
    append(out_line, sizeof out_line, expected);
  }
  printf("%s\n", out_line);
  fflush(stdout);
}

static void print_features(void) {
  printf("backend %s\n", sigemu_backend());
  for (int f = 0; f < SIGEMU_FEATURE_COUNT; f++)
    printf("feature %s %s\n", sigemu_feature_name((sigemu_feature)f),
           sigemu_available((sigemu_feature)f) ? "yes" : "no");
  for (int i = 0; i < NCAPS; i++)
    printf("runner %s %s\n", runner_caps[i].name, runner_caps[i].ok ? "yes" : "no");
  printf("runner LINUX_NUMBERING %s\n", cap_ok("LINUX_NUMBERING") ? "yes" : "no");
#if RUNNER_PIPE
  {
    intptr_t w;
    int full = 0;
    if (make_pipe(0, &w) == 0) {
      fill_pipe(w);
      full = !unavailable[0];
      unavailable[0] = 0;
    }
    printf("runner FULL_PIPE %s\n", full ? "yes" : "no");
  }
#else
  printf("runner FULL_PIPE no\n");
#endif
  /* The names this backend knows (a scenario's signal may be missing). */
  for (int s = 1; s < sigemu_nsig() && s < SIGEMU_MAXSIG; s++) {
    const char *n = sigemu_signame(s);
    if (n) printf("signal %s %d\n", n, s);
  }
}

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: %s SCENARIO.scn | - | --features\n", argv[0]);
    return 2;
  }
  sigemu_options opt = {.python_defaults = true, .report = on_report};
  int rc = sigemu_init(&opt);
  if (rc) {
    printf("sigemu_init failed: %s\n", sigemu_strerror(rc));
    return 1;
  }
#ifdef SIGEMU_RUNNER_SIM
  sigemu_sim_on_block(sim_block_hook, NULL);
#endif
  if (!strcmp(argv[1], "--features")) {
    print_features();
    sigemu_shutdown();
    return 0;
  }
  FILE *f = strcmp(argv[1], "-") ? fopen(argv[1], "r") : stdin;
  if (!f) {
    printf("cannot open %s\n", argv[1]);
    return 2;
  }
  static char lines[512][LINE];
  int n = 0;
  while (n < 512 && fgets(lines[n], LINE, f)) n++;
  if (f != stdin) fclose(f);
  for (int i = 0; i < n; i++) run_line(lines[i], i + 1);
#if RUNNER_THREADS && !defined(SIGEMU_RUNNER_SIM)
  for (int i = 0; i < nlater; i++) thr_join(&later_q[i].t);
#endif
  sigemu_setitimer(SIGEMU_ITIMER_REAL, 0, 0, NULL, NULL);
  sigemu_setitimer(SIGEMU_ITIMER_VIRTUAL, 0, 0, NULL, NULL);
  sigemu_setitimer(SIGEMU_ITIMER_PROF, 0, 0, NULL, NULL);
  (void)cur_line;
  printf("end\n");
  fflush(stdout);
  sigemu_shutdown();
  return 0;
}
