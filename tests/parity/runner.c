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
 * step's result, as the exception would in Python), and then checks again
 * after the step until a check passes (each code there prints as
 * "; check: ..."): a handler that raised leaves the other tripped signals for
 * the next check point, and CPython reaches one at once.
 *
 * Threads: `thread Tn ...` steps run on long-lived worker threads, each with
 * its own signal mask (inherited from the thread that started it, as
 * pthread_create does); the main thread hands a worker one step at a time
 * and waits for its result (10 s at most: then "timeout").
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
#  include <process.h>
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
#if defined(__wasi__)
#  include <unistd.h> /* getpid (emulated) */
#endif
#if defined(__linux__) && !defined(__EMSCRIPTEN__)
#  include <sys/syscall.h>
#endif
#if defined(__EMSCRIPTEN__)
#  include <emscripten.h>
#endif
/* The real kernel underneath (posix backend): other processes, blocking
 * reads a signal can interrupt, deaths by signal. */
#if !defined(SIGEMU_RUNNER_SIM) && !defined(_WIN32) && !defined(__wasi__) && \
    !defined(__EMSCRIPTEN__)
#  include <sys/wait.h>
#  define RUNNER_NATIVE_POSIX 1
#else
#  define RUNNER_NATIVE_POSIX 0
#endif

#ifdef SIGEMU_RUNNER_SIM
#  define RUNNER_PIPE 1
#  define RUNNER_KILL 1 /* sigemu_sim_send: a signal from outside */
#else
#  define RUNNER_PIPE RUNNER_OS_PIPES
#  if defined(__linux__) || defined(__APPLE__)
#    define RUNNER_KILL 1 /* kill(getpid()), or from a forked child */
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
 * usable in `needs` and in expected-differences.txt. FULL_PIPE, SETUID,
 * ENDED_THREAD_OK and LINUX_NUMBERING are known only at run time (cap_ok). */
static const struct {
  const char *name;
  int ok;
  const char *what;
} runner_caps[] = {
    {"THREADS", RUNNER_THREADS, "worker threads to send, mask and wait from"},
    {"PIPE", RUNNER_PIPE, "a non-blocking pipe for the wakeup fd"},
    {"KILL", RUNNER_KILL, "a signal from outside the process (kill / host)"},
    {"PIDFD", RUNNER_PIDFD, "a pidfd of this process (pidfd_open)"},
    {"BLOCKING_READ", RUNNER_NATIVE_POSIX,
     "a blocking read of an OS pipe, which a signal can interrupt"},
    {"KILLED_BY_SIGNAL", RUNNER_NATIVE_POSIX,
     "a fatal default action ends the process by the signal itself "
     "(wait status), not by exit(128+sig)"},
};
#define NCAPS ((int)(sizeof runner_caps / sizeof runner_caps[0]))

/* ---- small helpers ------------------------------------------------------ */

#define MAXTOK 96
#define LINE 512
#define RES 9000

static char out_line[10240]; /* the line being printed */

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
/* The full text of every report since the last `reports` step, one line
 * per line of text (CPython's stderr lines, tracebacks left out). */
static char report_text[8192];

static void trace_add(const char *item) {
  if (trace_buf[0]) append(trace_buf, sizeof trace_buf, " ");
  append(trace_buf, sizeof trace_buf, item);
}

/* errno values differ between C libraries (Emscripten and wasi-libc number
 * EBADF 8, Linux 9): a report's "[Errno N]" is shown with Linux's number
 * for the errno names a report can carry, so that the text compares with
 * CPython on Linux. The name behind the number is the platform's own. */
static void linux_errno_numbers(const char *in, char *out, size_t n) {
  static const struct {
    int here, linux_no;
  } map[] = {{EBADF, 9}, {EPIPE, 32}, {EAGAIN, 11}, {EINTR, 4},
             {EIO, 5},   {EACCES, 13}, {EPERM, 1},  {EINVAL, 22}};
  int num, used = 0;
  const char *p = strstr(in, "[Errno ");
  if (!p || sscanf(p, "[Errno %d]%n", &num, &used) != 1) {
    snprintf(out, n, "%s", in);
    return;
  }
  for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
    if (map[i].here == num) {
      snprintf(out, n, "%.*s[Errno %d]%s", (int)(p - in), in, map[i].linux_no,
               p + used);
      return;
    }
  snprintf(out, n, "%s", in);
}

static void on_report(const char *message, void *arg) {
  (void)arg;
  int n;
  char b[16], item[64], text[512];
  linux_errno_numbers(message, text, sizeof text);
  append(report_text, sizeof report_text, text);
  append(report_text, sizeof report_text, "\n");
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

/* `reports`: the lines joined with " | ", then forgotten. */
static void take_reports(char *out, size_t n) {
  out[0] = 0;
  char *save = report_text, *line;
  while ((line = strchr(save, '\n')) != NULL) {
    *line = 0;
    if (out[0]) append(out, n, " | ");
    append(out, n, save);
    save = line + 1;
  }
  if (!out[0]) snprintf(out, n, "(none)");
  report_text[0] = 0;
}

/* ---- the data pipe (a blocking read a signal may interrupt) ------------- */

#if RUNNER_NATIVE_POSIX
static int data_r = -1, data_w = -1;
#endif

static int data_write(int byte) {
#if RUNNER_NATIVE_POSIX
  unsigned char c = (unsigned char)byte;
  if (data_w < 0) return SIGEMU_EBADF;
  return write(data_w, &c, 1) == 1 ? 0 : SIGEMU_EOS;
#else
  (void)byte;
  return SIGEMU_ENOSYS;
#endif
}

/* ---- handlers ----------------------------------------------------------- */

enum { ACT_IGNORE, ACT_DEFAULT, ACT_SEND, ACT_WRITE };
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
    case ACT_WRITE: rc = data_write(h->act[i].sig); break;
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

/* ---- sets, times, siginfo ----------------------------------------------- */
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

/* The process and user ids a siginfo is compared with (WASI: wasi-libc's
 * getpid emulation, linked in by CMakeLists.txt; no uid there). */
static long self_pid(void) {
#if defined(_WIN32)
  return (long)_getpid();
#else
  return (long)getpid();
#endif
}
static long self_uid(void) {
#if defined(_WIN32) || defined(__wasi__)
  return 0;
#else
  return (long)getuid();
#endif
}

/* The last siginfo a sigwaitinfo/sigtimedwait returned (`siginfo` step). */
static sigemu_siginfo last_info;
static int have_info;

static void fmt_id(char *out, size_t n, long v, long self) {
  snprintf(out, n, "%s", v == self ? "self" : v == 0 ? "0" : "other");
}

static void fmt_code(char *out, size_t n, int code) {
  static const struct {
    int code;
    const char *name;
  } codes[] = {{0, "SI_USER"},     {0x80, "SI_KERNEL"}, {-1, "SI_QUEUE"},
               {-2, "SI_TIMER"},   {-3, "SI_MESGQ"},    {-4, "SI_ASYNCIO"},
               {-5, "SI_SIGIO"},   {-6, "SI_TKILL"}};
  for (size_t i = 0; i < sizeof codes / sizeof codes[0]; i++)
    if (codes[i].code == code) {
      snprintf(out, n, "%s", codes[i].name);
      return;
    }
  snprintf(out, n, "%d", code);
}

/* `siginfo [FIELD...]`: signo code pid uid by default; status errno band. */
static void fmt_info(const sigemu_siginfo *si, char **fields, int nf,
                     char *out, size_t n) {
  static const char *const dflt[] = {"signo", "code", "pid", "uid"};
  char v[64], item[96], b[16];
  out[0] = 0;
  if (nf == 0) {
    fields = (char **)dflt;
    nf = 4;
  }
  for (int i = 0; i < nf; i++) {
    const char *f = fields[i];
    if (!strcmp(f, "signo")) snprintf(v, sizeof v, "%s", signame(si->signo, b, sizeof b));
    else if (!strcmp(f, "code")) fmt_code(v, sizeof v, si->code);
    else if (!strcmp(f, "pid")) fmt_id(v, sizeof v, si->pid, self_pid());
    else if (!strcmp(f, "uid")) fmt_id(v, sizeof v, si->uid, self_uid());
    else if (!strcmp(f, "status")) snprintf(v, sizeof v, "%d", si->status);
    else if (!strcmp(f, "errno")) snprintf(v, sizeof v, "%d", si->err);
    else if (!strcmp(f, "band")) snprintf(v, sizeof v, "%ld", si->band);
    else die_scenario("siginfo signo|code|pid|uid|status|errno|band, not", f);
    snprintf(item, sizeof item, "%s%s=%s", i ? " " : "", f, v);
    append(out, n, item);
  }
}

/* ---- clocks, sleeping, threads ------------------------------------------ */

/* Real monotonic time, whatever the backend (bounds of waits for workers). */
static double wall_now(void) {
#if defined(_WIN32)
  return (double)GetTickCount64() / 1e3;
#else
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
#endif
}

/* The backend's clock: virtual on sim. */
static double mono_now(void) {
#ifdef SIGEMU_RUNNER_SIM
  return (double)sigemu_sim_now_ns() / 1e9;
#else
  return wall_now();
#endif
}

#ifndef SIGEMU_RUNNER_SIM
#  if defined(__EMSCRIPTEN__)
/* The CPU clock the emscripten backend's CPU itimers count (Node's
 * process.cpuUsage); Emscripten's CLOCK_PROCESS_CPUTIME_ID is wall time, so
 * on a loaded machine `spin` would end before the timer's CPU time passed. */
EM_JS(double, runner_cpu_ms, (void), {
  if (typeof process !== 'undefined' && process.cpuUsage) {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  }
  return -1;
});
#  endif
static double cpu_now(void) {
#  if defined(__EMSCRIPTEN__)
  double ms = runner_cpu_ms();
  if (ms >= 0) return ms / 1e3;
#  endif
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

/* Every thread the runner starts inherits its creator's mask, as
 * pthread_create gives it: the creator takes a token with
 * sigemu_thread_spawn() and the new thread hands it to sigemu_thread_begin()
 * first (the emulated backends cannot see a thread being created). */
typedef void (*body_fn)(void *);
typedef struct {
  body_fn fn;
  void *arg;
  sigemu_spawn token;
#if defined(_WIN32)
  HANDLE h;
#elif RUNNER_THREADS
  pthread_t t;
#endif
  int started;
} thr;

#if RUNNER_THREADS
#  if defined(_WIN32)
static DWORD WINAPI thr_main(LPVOID p) {
  thr *t = p;
  sigemu_thread_begin(&t->token);
  t->fn(t->arg);
  return 0;
}
#  else
static void *thr_main(void *p) {
  thr *t = p;
  sigemu_thread_begin(&t->token);
  t->fn(t->arg);
  return NULL;
}
#  endif

static int thr_start(thr *t, body_fn fn, void *arg) {
  t->fn = fn;
  t->arg = arg;
  t->started = 0;
  sigemu_thread_spawn(&t->token);
#  if defined(_WIN32)
  t->h = CreateThread(NULL, 0, thr_main, t, 0, NULL);
  if (!t->h) return -1;
#  else
  if (pthread_create(&t->t, NULL, thr_main, t) != 0) return -1;
#  endif
  t->started = 1;
  return 0;
}

static void thr_join(thr *t) {
  if (!t->started) return;
#  if defined(_WIN32)
  WaitForSingleObject(t->h, INFINITE);
  CloseHandle(t->h);
#  else
  pthread_join(t->t, NULL);
#  endif
  t->started = 0;
}
#endif /* RUNNER_THREADS */

/* A mutex and a condition variable (the workers' mailboxes). */
#if RUNNER_THREADS
#  if defined(_WIN32)
typedef CRITICAL_SECTION rmutex;
typedef CONDITION_VARIABLE rcond;
static void rm_init(rmutex *m, rcond *c) {
  InitializeCriticalSection(m);
  InitializeConditionVariable(c);
}
static void rm_lock(rmutex *m) { EnterCriticalSection(m); }
static void rm_unlock(rmutex *m) { LeaveCriticalSection(m); }
static void rc_broadcast(rcond *c) { WakeAllConditionVariable(c); }
/* Wait at most `s` seconds (spurious wake-ups are fine: callers loop). */
static void rc_wait(rcond *c, rmutex *m, double s) {
  SleepConditionVariableCS(c, m, (DWORD)(s * 1000) + 1);
}
#  else
typedef pthread_mutex_t rmutex;
typedef pthread_cond_t rcond;
static void rm_init(rmutex *m, rcond *c) {
  pthread_mutex_init(m, NULL);
  pthread_cond_init(c, NULL);
}
static void rm_lock(rmutex *m) { pthread_mutex_lock(m); }
static void rm_unlock(rmutex *m) { pthread_mutex_unlock(m); }
static void rc_broadcast(rcond *c) { pthread_cond_broadcast(c); }
static void rc_wait(rcond *c, rmutex *m, double s) {
  struct timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  double end = (double)ts.tv_nsec / 1e9 + s;
  ts.tv_sec += (time_t)end;
  ts.tv_nsec = (long)((end - (double)(time_t)end) * 1e9);
  pthread_cond_timedwait(c, m, &ts);
}
#  endif
#endif

/* ---- sending ------------------------------------------------------------ */

enum {
  SEND_RAISE,
  SEND_PTHREAD_KILL,
  SEND_KILL,           /* kill(getpid()) */
  SEND_KILL_OTHER,     /* from another process */
  SEND_KILL_OTHERUSER, /* from another process with another real uid */
  SEND_WRITE           /* a byte to the data pipe (`later` only) */
};

typedef struct {
  int how, sig, rc;
  sigemu_thread target; /* pthread_kill */
  double delay;
} send_job;

#if RUNNER_NATIVE_POSIX
/* kill(parent) from a forked child, with another real uid if asked (as
 * root: the effective uid stays 0, so the kill is still permitted, and the
 * receiver sees the real uid in si_uid). */
static int kill_from_child(int sig, int other_user) {
  pid_t parent = getpid();
  pid_t c = fork();
  if (c < 0) return SIGEMU_EOS;
  if (c == 0) {
    if (other_user && setresuid(65534, 0, 0) != 0) _exit(100);
    _exit(kill(parent, sig) == 0 ? 0 : errno == EINVAL ? 101 : 102);
  }
  int st = 0;
  while (waitpid(c, &st, 0) < 0 && errno == EINTR) {
  }
  if (!WIFEXITED(st)) return SIGEMU_EOS;
  switch (WEXITSTATUS(st)) {
  case 0: return 0;
  case 101: return SIGEMU_EINVAL;
  default: return SIGEMU_EOS;
  }
}
#endif

static int do_send(const send_job *j) {
  switch (j->how) {
  case SEND_RAISE: return sigemu_raise_signal(j->sig);
  case SEND_PTHREAD_KILL: return sigemu_pthread_kill(j->target, j->sig);
  case SEND_WRITE: return data_write(j->sig);
  default: break;
  }
#ifdef SIGEMU_RUNNER_SIM
  /* sim's processes: this one (its pid), another one (another pid), or
   * another user's (uid 65534). */
  switch (j->how) {
  case SEND_KILL: return sigemu_sim_kill(j->sig, sigemu_sim_pid(), sigemu_sim_uid());
  case SEND_KILL_OTHERUSER:
    return sigemu_sim_kill(j->sig, sigemu_sim_pid() + 1, 65534);
  default: return sigemu_sim_kill(j->sig, sigemu_sim_pid() + 1, sigemu_sim_uid());
  }
#elif RUNNER_NATIVE_POSIX
  if (j->how == SEND_KILL) {
    if (kill(getpid(), j->sig) != 0) return errno == EINVAL ? SIGEMU_EINVAL : SIGEMU_EOS;
    return 0;
  }
  return kill_from_child(j->sig, j->how == SEND_KILL_OTHERUSER);
#else
  return SIGEMU_ENOSYS;
#endif
}

#ifdef SIGEMU_RUNNER_SIM
static void send_body(void *p) {
  send_job *j = p;
  j->rc = do_send(j);
}
#endif

#if RUNNER_THREADS && !defined(SIGEMU_RUNNER_SIM)
static void later_body(void *p) {
  send_job *j = p;
  real_sleep(j->delay);
  j->rc = do_send(j);
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
static int send_from_thread(send_job j) {
  thr t;
  if (j.how >= SEND_KILL) return do_send(&j); /* from outside: no thread */
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
  send_from_thread(later_q[best].job);
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
/* The installed wakeup pipe: its read end (sim: the one fd is both ends)
 * and its write end, the fd sigemu writes to. */
static intptr_t pipe_r = -1, pipe_w = -1;

static int make_pipe(int blocking, intptr_t *rfd, intptr_t *wfd) {
#  ifdef SIGEMU_RUNNER_SIM
  intptr_t fd;
  int rc = sigemu_sim_pipe(256, !blocking, &fd);
  if (rc) return rc;
  *rfd = fd;
  *wfd = fd;
  return 0;
#  else
  int p[2];
  if (pipe(p) != 0) return SIGEMU_EOS;
  fcntl(p[0], F_SETFL, fcntl(p[0], F_GETFL) | O_NONBLOCK);
  if (!blocking) fcntl(p[1], F_SETFL, fcntl(p[1], F_GETFL) | O_NONBLOCK);
  *rfd = p[0];
  *wfd = p[1];
  return 0;
#  endif
}

/* Fill the pipe; 1 if it is full, 0 if this target's pipes never fill
 * (Emscripten's grow without bound: give up after 4 MiB). */
static int fill_pipe(intptr_t w) {
#  ifdef SIGEMU_RUNNER_SIM
  sigemu_sim_pipe_fault(w, SIGEMU_EAGAIN, 1 << 30); /* full forever */
  return 1;
#  else
  char buf[4096] = {0};
  long total = 0;
  ssize_t r;
  while ((r = write((int)w, buf, sizeof buf)) > 0 && total < (4L << 20)) total += r;
  while (r > 0 && (r = write((int)w, buf, 1)) > 0 && total < (4L << 20)) total += r;
  return r <= 0;
#  endif
}

static void close_end(intptr_t fd) {
#  ifdef SIGEMU_RUNNER_SIM
  sigemu_sim_pipe_close(fd);
#  else
  close((int)fd);
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

#if RUNNER_PIPE
static int full_pipe_ok(void) {
  static int known = -1;
  if (known < 0) {
    intptr_t r, w;
    known = make_pipe(0, &r, &w) == 0 && fill_pipe(w);
  }
  return known;
}
#endif

#if RUNNER_THREADS
static void record_self(void *arg) { *(sigemu_thread *)arg = sigemu_thread_self(); }
#endif

/* Does pthread_kill(T, 0) for a thread T that has ended and been joined
 * return 0, as CPython on glibc does? (POSIX leaves it undefined; a backend
 * may answer ESRCH instead.) Asked once, of a thread started for it. */
static int ended_thread_ok(void) {
  static int known = -1;
  if (known < 0) {
    known = 0;
#if RUNNER_THREADS
    thr t;
    sigemu_thread id = 0;
    if (thr_start(&t, record_self, &id) == 0) {
      thr_join(&t);
      known = sigemu_pthread_kill(id, 0) == 0;
    }
#endif
  }
  return known;
}

/* 1 / 0 for a runner capability, -1 when the name is not one. */
static int cap_ok(const char *name) {
  /* Linux signal numbering (NSIG 65, 1..64 without 32/33): what the oracle
   * has; Windows has its own small table. Known only at run time. */
  if (!strcmp(name, "LINUX_NUMBERING")) return sigemu_nsig() == 65;
  if (!strcmp(name, "FULL_PIPE")) {
#if RUNNER_PIPE
    return full_pipe_ok();
#else
    return 0;
#endif
  }
  if (!strcmp(name, "ENDED_THREAD_OK")) return ended_thread_ok();
  /* A write to a pipe whose read end is closed fails with EPIPE; Emscripten's
   * PIPEFS accepts it (measured: the write succeeds). */
  if (!strcmp(name, "BROKEN_PIPE")) {
#if RUNNER_PIPE && !defined(__EMSCRIPTEN__)
    return 1;
#else
    return 0;
#endif
  }
  /* A signal from another user: root can send with another real uid. */
  if (!strcmp(name, "SETUID")) {
#if RUNNER_NATIVE_POSIX
    return geteuid() == 0;
#elif defined(SIGEMU_RUNNER_SIM)
    return 1; /* sim names the sender's uid itself */
#else
    return 0;
#endif
  }
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
      if (!unavailable[0]) snprintf(unavailable, sizeof unavailable, "%s", t);
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

/* A set from tokens, as a C embedding builds one from a Python iterable:
 * numbers a sigemu_sigset can hold reach the API unchanged (it answers
 * ValueError for 0 and >= NSIG); others (negative, >= SIGEMU_MAXSIG) make
 * sigemu_sigaddset fail, and that error is the step's result. */
static int parse_set(toks *tk, int from, sigemu_sigset *s) {
  int err = 0;
  sigemu_sigemptyset(s);
  for (int i = from; i < tk->ntok; i++) {
    int sig = parse_sig(tk->tok[i]);
    if (sig >= 0 && sig < SIGEMU_MAXSIG) {
      s->bits[sig / 64] |= (uint64_t)1 << (sig % 64);
    } else {
      int r = sigemu_sigaddset(s, sig);
      if (r < 0 && !err) err = r;
    }
  }
  return err;
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

/* handler SIG MODE [and ignore|default|send|write SIG]... */
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
      die_scenario("expected 'and ignore|default|send|write SIG'", NULL);
    const char *act = tk->tok[i + 1];
    int k = !strcmp(act, "ignore")    ? ACT_IGNORE
            : !strcmp(act, "default") ? ACT_DEFAULT
            : !strcmp(act, "send")    ? ACT_SEND
            : !strcmp(act, "write")   ? ACT_WRITE
                                      : -1;
    if (k < 0) die_scenario("unknown handler action", act);
    if (k == ACT_WRITE && !need_cap("BLOCKING_READ")) return 0;
    h->act[h->nact].act = k;
    h->act[h->nact].sig = parse_sig(tk->tok[i + 2]);
    h->nact++;
  }
  a->fn = scenario_handler;
  a->arg = h;
  return sig;
}

/* ---- worker threads ----------------------------------------------------- */
/* `thread Tn start|spawn Tm|end|STEP...`. Each worker loops on a mailbox:
 * the main thread posts one step, the worker runs it with run_step() (on
 * its own thread, with its own mask) and posts the result back. */

#define MAXWORKERS 8
#define WORKER_WAIT 10.0 /* seconds the main thread waits for one step */

typedef struct {
  char name[16];
  int started, live; /* started once; live until `end` */
  int stuck;         /* a step did not finish in time: leave it alone */
  sigemu_thread id;
  thr t;
#if RUNNER_THREADS
  rmutex m;
  rcond c;
#endif
  int has_cmd, done, quit;
  char cmd[LINE];
  char res[RES];
  int rc;
} worker;
static worker workers[MAXWORKERS + 1]; /* the last: one-off `thread STEP` */

static int is_worker_name(const char *t) {
  if (t[0] != 'T' || !t[1]) return 0;
  for (const char *p = t + 1; *p; p++)
    if (*p < '0' || *p > '9') return 0;
  return 1;
}

static worker *find_worker(const char *name, int create) {
  for (int i = 0; i < MAXWORKERS; i++)
    if (workers[i].name[0] && !strcmp(workers[i].name, name)) return &workers[i];
  if (!create) die_scenario("thread not started:", name);
  for (int i = 0; i < MAXWORKERS; i++)
    if (!workers[i].name[0]) {
      snprintf(workers[i].name, sizeof workers[i].name, "%s", name);
      return &workers[i];
    }
  die_scenario("too many threads", NULL);
  return NULL;
}

/* `main` or a worker's name -> the thread id for sigemu_pthread_kill. */
static sigemu_thread parse_target(const char *t) {
  if (!strcmp(t, "main")) return sigemu_main_thread();
  if (!is_worker_name(t)) die_scenario("pthread_kill main|Tn SIG, not", t);
  worker *w = find_worker(t, 0);
  if (!w->started) die_scenario("thread not started:", t);
  return w->id;
}

static int run_step(toks *tk, char *res, size_t rn);
static void tokenize(char *line, toks *tk);

#if RUNNER_THREADS
static int worker_start(worker *w);

/* What a worker runs: `spawn Tm` (a worker started by this thread, so it
 * inherits this thread's mask) or any step. */
static int worker_exec(char *line, char *res, size_t rn) {
  toks tk;
  tokenize(line, &tk);
  snprintf(res, rn, "ok");
  if (tk.ntok == 2 && !strcmp(tk.tok[0], "spawn")) {
    if (!is_worker_name(tk.tok[1])) die_scenario("spawn Tn, not", tk.tok[1]);
    worker *n = find_worker(tk.tok[1], 1);
    if (n->started) die_scenario("thread already started:", tk.tok[1]);
    return worker_start(n);
  }
  return run_step(&tk, res, rn);
}

static void worker_body(void *p) {
  worker *w = p;
  char line[LINE];
  static char res[MAXWORKERS + 1][RES];
  char *r = res[w - workers];
  rm_lock(&w->m);
  w->id = sigemu_thread_self();
  w->live = 1;
  rc_broadcast(&w->c);
  for (;;) {
    while (!w->has_cmd) rc_wait(&w->c, &w->m, 1.0);
    w->has_cmd = 0;
    if (w->quit) {
      w->live = 0;
      w->done = 1;
      rc_broadcast(&w->c);
      rm_unlock(&w->m);
      return;
    }
    snprintf(line, sizeof line, "%s", w->cmd);
    rm_unlock(&w->m);
    int rc = worker_exec(line, r, RES);
    rm_lock(&w->m);
    snprintf(w->res, sizeof w->res, "%s", r);
    w->rc = rc;
    w->done = 1;
    rc_broadcast(&w->c);
  }
}

/* Start w from the calling thread; wait until it runs. */
static int worker_start(worker *w) {
  rm_init(&w->m, &w->c);
  w->has_cmd = w->done = w->quit = w->live = w->stuck = 0;
  if (thr_start(&w->t, worker_body, w) != 0) return SIGEMU_EOS;
  w->started = 1;
  rm_lock(&w->m);
  while (!w->live) rc_wait(&w->c, &w->m, 1.0);
  rm_unlock(&w->m);
  return 0;
}

/* Post one command and wait for its result (WORKER_WAIT at most). */
static int worker_call(worker *w, const char *cmd, int quit, char *res, size_t rn) {
  if (w->stuck) {
    snprintf(res, rn, "busy");
    return 0;
  }
  rm_lock(&w->m);
  snprintf(w->cmd, sizeof w->cmd, "%s", cmd);
  w->quit = quit;
  w->done = 0;
  w->has_cmd = 1;
  rc_broadcast(&w->c);
  double end = wall_now() + WORKER_WAIT;
  while (!w->done && wall_now() < end) rc_wait(&w->c, &w->m, 0.05);
  int rc = 0;
  if (!w->done) {
    w->stuck = 1;
    snprintf(res, rn, "timeout");
  } else {
    if (!quit) snprintf(res, rn, "%s", w->res);
    rc = quit ? 0 : w->rc;
  }
  rm_unlock(&w->m);
  return rc;
}

/* End w (its thread returns) and join it: afterwards its id names a thread
 * that is gone, as a joined Python thread's ident does. */
static int worker_end(worker *w, char *res, size_t rn) {
  int rc = worker_call(w, "", 1, res, rn);
  if (!w->stuck) thr_join(&w->t);
  return rc;
}

/* `thread ...` on the main thread. */
static int thread_step(toks *tk, char *res, size_t rn) {
  char **a = tk->tok + 1;
  int na = tk->ntok - 1;
  char cmd[LINE] = "";
  int named = is_worker_name(a[0]);
  if (named && na < 2) die_scenario("thread Tn start|spawn Tm|end|STEP", NULL);
  for (int i = named ? 1 : 0; i < na; i++) {
    if (cmd[0]) append(cmd, sizeof cmd, " ");
    append(cmd, sizeof cmd, a[i]);
  }
  if (!named) { /* one step on a fresh thread, joined */
    worker *w = &workers[MAXWORKERS];
    if (w->stuck) die_scenario("an earlier one-off thread step never ended", NULL);
    snprintf(w->name, sizeof w->name, "anon");
    if (worker_start(w) != 0) return SIGEMU_EOS;
    int rc = worker_call(w, cmd, 0, res, rn);
    char ignore[16];
    if (!w->stuck) worker_end(w, ignore, sizeof ignore);
    return rc;
  }
  worker *w = find_worker(a[0], !strcmp(a[1], "start"));
  if (!strcmp(a[1], "start")) {
    if (na != 2) die_scenario("thread Tn start", NULL);
    if (w->started) die_scenario("thread already started:", a[0]);
    return worker_start(w);
  }
  if (!w->live) die_scenario("thread not running:", a[0]);
  if (!strcmp(a[1], "end")) return worker_end(w, res, rn);
  return worker_call(w, cmd, 0, res, rn);
}
#endif

/* raise SIG | pthread_kill [main|Tn] SIG | kill [self|other|otheruser] SIG
 * | write N (later only), from tk->tok[at]. 1 when it can run here. */
static int parse_send(toks *tk, int at, send_job *j) {
  const char *op = tk->tok[at];
  int na = tk->ntok - at - 1;
  memset(j, 0, sizeof *j);
  if (na < 1 || na > 2) die_scenario("send: raise|pthread_kill|kill|write [WHO] SIG", op);
  const char *who = na == 2 ? tk->tok[at + 1] : NULL;
  j->sig = parse_sig(tk->tok[at + na]);
  if (!strcmp(op, "raise") && !who) {
    j->how = SEND_RAISE;
    return need_feature(SIGEMU_FEATURE_RAISE_SIGNAL);
  }
  if (!strcmp(op, "pthread_kill")) {
    j->how = SEND_PTHREAD_KILL;
    if (who && strcmp(who, "main") && !need_cap("THREADS")) return 0;
    j->target = who ? parse_target(who) : sigemu_main_thread();
    /* A worker that has ended: only where the backend answers as glibc. */
    if (who && strcmp(who, "main") && !find_worker(who, 0)->live &&
        !need_cap("ENDED_THREAD_OK"))
      return 0;
    return need_feature(SIGEMU_FEATURE_PTHREAD_KILL);
  }
  if (!strcmp(op, "kill")) {
    if (!who || !strcmp(who, "self")) j->how = SEND_KILL;
    else if (!strcmp(who, "other")) j->how = SEND_KILL_OTHER;
    else if (!strcmp(who, "otheruser")) j->how = SEND_KILL_OTHERUSER;
    else die_scenario("kill self|other|otheruser SIG, not", who);
    if (j->how == SEND_KILL_OTHERUSER && !need_cap("SETUID")) return 0;
    return need_cap("KILL");
  }
  if (!strcmp(op, "write") && !who) {
    j->how = SEND_WRITE;
    return need_cap("BLOCKING_READ");
  }
  die_scenario("send with raise|pthread_kill|kill|write, not", op);
  return 0;
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

/* `read`: one read() of the data pipe, as CPython's os.read does it: a
 * signal that interrupts it (EINTR) runs the handlers, then it retries. */
static int step_read(char *res, size_t rn) {
#if RUNNER_NATIVE_POSIX
  unsigned char buf[64];
  if (data_r < 0) die_scenario("read before datapipe", NULL);
  for (;;) {
    ssize_t n = read(data_r, buf, sizeof buf);
    if (n >= 0) {
      res[0] = 0;
      for (ssize_t i = 0; i < n; i++) {
        char b[8];
        snprintf(b, sizeof b, "%s%u", i ? " " : "", buf[i]);
        append(res, rn, b);
      }
      if (!n) snprintf(res, rn, "(eof)");
      return 0;
    }
    if (errno != EINTR) return SIGEMU_EOS;
    int rc = sigemu_check();
    if (rc) return rc;
  }
#else
  (void)res;
  (void)rn;
  return SIGEMU_ENOSYS;
#endif
}

static int step_wakeup(char **a, int na, char *res, size_t rn) {
  const char *kind = na ? a[0] : "pipe";
  bool warn = true;
  for (int i = 0; i < na; i++)
    if (!strcmp(a[i], "nowarn")) warn = false;
  intptr_t fd = -1, oldfd = -1;
  int rc;
  if (!strcmp(kind, "read") || !strcmp(kind, "close") || !strcmp(kind, "break")) {
    if (!need_cap("PIPE")) return 0;
#if RUNNER_PIPE
    if (!strcmp(kind, "read")) {
      read_pipe(res, rn);
    } else if (!strcmp(kind, "close")) {
      /* Close the write end: the fd stays installed (writes: EBADF). */
      if (pipe_w < 0) die_scenario("wakeup close without a pipe", NULL);
      close_end(pipe_w);
      if (pipe_r == pipe_w) pipe_r = -1;
      pipe_w = -1;
    } else {
      /* Close the read end: writes fail with EPIPE (SIGPIPE is ignored). */
      if (!need_cap("BROKEN_PIPE")) return 0;
#  ifdef SIGEMU_RUNNER_SIM
      if (pipe_w < 0) die_scenario("wakeup break without a pipe", NULL);
      sigemu_sim_pipe_break(pipe_w);
#  else
      if (pipe_r < 0) die_scenario("wakeup break without a pipe", NULL);
      close_end(pipe_r);
      pipe_r = -1;
#  endif
    }
#endif
    return 0;
  }
  if (!need_feature(SIGEMU_FEATURE_WAKEUP_FD)) return 0;
  if (!strcmp(kind, "off")) {
    fd = -1;
  } else if (!strcmp(kind, "fd")) {
    if (na < 2) die_scenario("wakeup fd N", NULL);
    fd = (intptr_t)parse_num(a[1]);
  } else {
    if (!need_cap("PIPE")) return 0;
#if RUNNER_PIPE
    intptr_t r, w;
    int blocking = !strcmp(kind, "blocking");
    if (strcmp(kind, "pipe") && strcmp(kind, "full") && !blocking &&
        strcmp(kind, "closed"))
      die_scenario("wakeup pipe|full|blocking|closed|off|fd N|read|close|break, not", kind);
    rc = make_pipe(blocking, &r, &w);
    if (rc) return rc;
    if (!strcmp(kind, "full") && !fill_pipe(w)) {
      snprintf(unavailable, sizeof unavailable, "FULL_PIPE");
      return 0;
    }
    if (!strcmp(kind, "closed")) {
      close_end(w);
      if (r != w) close_end(r);
    }
    rc = sigemu_set_wakeup_fd(w, warn, &oldfd);
    if (!rc && strcmp(kind, "closed") && !blocking) {
      pipe_r = r; /* the new pipe is the one `wakeup read` reads */
      pipe_w = w;
    }
    if (!rc) snprintf(res, rn, "%s", oldfd == -1 ? "-1" : "fd");
    return rc;
#endif
  }
  rc = sigemu_set_wakeup_fd(fd, warn, &oldfd);
  if (!rc) snprintf(res, rn, "%s", oldfd == -1 ? "-1" : "fd");
  return rc;
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
    send_job j;
    if (!parse_send(tk, 0, &j) || unavailable[0]) return 0;
    return do_send(&j);
  }
  if (!strcmp(op, "thread")) {
    NEEDARGS(1);
    if (!need_cap("THREADS")) return 0;
#if RUNNER_THREADS
    return thread_step(tk, res, rn);
#endif
  }
  if (!strcmp(op, "later")) {
    NEEDARGS(3);
    double d = parse_num(a[0]);
    send_job j;
    if (!parse_send(tk, 2, &j) || unavailable[0] || !need_cap("THREADS")) return 0;
    if (nlater >= MAXLATER) die_scenario("too many later steps", NULL);
    j.delay = d;
    later_q[nlater].job = j;
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
    int err = parse_set(tk, 1 + from, &set);
    NEED(PTHREAD_SIGMASK);
    if (unavailable[0]) return 0;
    if (err) return err;
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
    int err = parse_set(tk, 1, &set);
    char b[16];
    if (!strcmp(op, "sigwait")) {
      NEED(SIGWAIT);
      if (unavailable[0]) return 0;
      if (err) return err;
      int sig = 0;
      rc = sigemu_sigwait(&set, &sig);
      if (!rc) snprintf(res, rn, "%s", signame(sig, b, sizeof b));
      return rc;
    }
    NEED(SIGWAITINFO);
    if (unavailable[0]) return 0;
    if (err) return err;
    sigemu_siginfo info;
    rc = sigemu_sigwaitinfo(&set, &info);
    if (rc == 0) {
      snprintf(res, rn, "%s", signame(info.signo, b, sizeof b));
      last_info = info;
      have_info = 1;
    }
    return rc; /* else an error, or a handler's code (PEP 475 retry ended) */
  }
  if (!strcmp(op, "sigtimedwait")) {
    NEEDARGS(1);
    double t = parse_num(a[0]);
    int err = parse_set(tk, 2, &set);
    NEED(SIGTIMEDWAIT);
    if (unavailable[0]) return 0;
    if (err) return err;
    sigemu_siginfo info;
    char b[16];
    rc = sigemu_sigtimedwait(&set, t, &info);
    if (rc == SIGEMU_EAGAIN) {
      snprintf(res, rn, "None");
      return 0;
    }
    if (rc == 0) {
      snprintf(res, rn, "%s", signame(info.signo, b, sizeof b));
      last_info = info;
      have_info = 1;
    }
    return rc;
  }
  if (!strcmp(op, "siginfo")) {
    if (!have_info) die_scenario("siginfo before a sigwaitinfo/sigtimedwait", NULL);
    fmt_info(&last_info, a, na, res, rn);
    return 0;
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
  if (!strcmp(op, "wakeup")) return step_wakeup(a, na, res, rn);
  if (!strcmp(op, "datapipe")) {
    if (!need_cap("BLOCKING_READ")) return 0;
#if RUNNER_NATIVE_POSIX
    int p[2];
    if (pipe(p) != 0) return SIGEMU_EOS;
    data_r = p[0];
    data_w = p[1];
#endif
    return 0;
  }
  if (!strcmp(op, "read")) {
    if (!need_cap("BLOCKING_READ")) return 0;
    return step_read(res, rn);
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
  if (!strcmp(op, "reports")) {
    take_reports(res, rn);
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
    if (parse_set(tk, 2, &s) != 0) die_scenario("expect: a signal out of range", NULL);
    fmt_set(exp, n, &s);
    return;
  }
  die_scenario("expect trace|pending|mask|wakeup", NULL);
}

/* Split line in place at blanks (reentrant: workers tokenize too). */
static void tokenize(char *line, toks *tk) {
  tk->ntok = 0;
  for (char *p = line; *p;) {
    while (*p && strchr(" \t\r\n", *p)) *p++ = 0;
    if (!*p) break;
    if (tk->ntok >= MAXTOK) die_scenario("too many tokens", NULL);
    tk->tok[tk->ntok++] = p;
    while (*p && !strchr(" \t\r\n", *p)) p++;
  }
}

/* After a step: check points until one passes (16 at most), as CPython
 * runs a re-scheduled handler at its very next check. */
#define MAX_CHECKS 16

static void run_line(char *raw, int lineno) {
  char line[LINE], text[LINE], expected[LINE], res2[256];
  static char res[RES];
  toks tk, q;
  int has_exp = 0;
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
  snprintf(out_line, sizeof out_line, "L%d: %s -> %s", lineno, text, res);
  for (int k = 0; k < MAX_CHECKS; k++) { /* the check points after the step */
    int rc2 = sigemu_check();
    if (rc2 == 0) break;
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
  static const char *const run_time[] = {"LINUX_NUMBERING", "FULL_PIPE", "SETUID",
                                         "ENDED_THREAD_OK", "BROKEN_PIPE"};
  printf("backend %s\n", sigemu_backend());
  for (int f = 0; f < SIGEMU_FEATURE_COUNT; f++)
    printf("feature %s %s\n", sigemu_feature_name((sigemu_feature)f),
           sigemu_available((sigemu_feature)f) ? "yes" : "no");
  for (int i = 0; i < NCAPS; i++)
    printf("runner %s %s\n", runner_caps[i].name, runner_caps[i].ok ? "yes" : "no");
  for (int i = 0; i < 4; i++)
    printf("runner %s %s\n", run_time[i], cap_ok(run_time[i]) == 1 ? "yes" : "no");
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
  printf("end\n");
  fflush(stdout);
  /* No sigemu_shutdown(): it would put the start-up mask back and so
   * deliver what the scenario left blocked and pending (a SIGUSR2 with
   * SIG_DFL would kill the process after "end"); CPython leaves the mask
   * alone at exit. _Exit: a worker may still be blocked in a wait. */
  _Exit(0);
}
