/* demo.c — the program the browser demo runs in a Web Worker (built with
 * Emscripten by web-demo/run.sh, linked with the emscripten sigemu library).
 *
 * It is a stand-in for what a language runtime compiled to WebAssembly does:
 * a long computation (a Mandelbrot set, row by row) that calls
 * sigemu_check() at every step, as CPython's eval loop calls
 * PyErr_CheckSignals(), plus thin wrappers over the signal API that the
 * worker (worker.js) calls when the page asks. The page never sees sigemu
 * state directly: it gets what demo_state() reports.
 *
 * Why each handler calls js_signal_event() first: the page measures latency
 * as the time from a click to the start of the handler, so the timestamp is
 * taken at the very start of the handler, on the worker's clock.
 */
#include <emscripten.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "sigemu.h"

/* Entry points for worker.js (exported; declared here for -Wmissing-prototypes). */
int demo_init(int w, int h, int iters);
int demo_compute(int k0, int k1);
int demo_poll(void);
int demo_alarm(int seconds);
int demo_setitimer(double value, double interval);
int demo_mask(int how, int sig);
int demo_raise(int sig);
int demo_sigwait_begin(void);
int demo_sigwait_take(double timeout);
int demo_sigwait_end(void);
int demo_sleep(double seconds);
const char *demo_strerror(int code);
const char *demo_pyexc(int code);
const char *demo_state(void);

/* ---- the worker's side (worker.js sets these on the Module) -------------- */

/* A handler started: kind 0 = plain, 1 = alarm, 2 = periodic tick;
 * late_ms = how late after its deadline a timer signal was handled
 * (-1: not a timer), missed = periods that coalesced into this tick. */
EM_JS(void, js_signal_event, (int sig, int kind, double late_ms, int missed), {
  Module['onSignalEvent'](sig, kind, late_ms, missed);
});
/* Row y is ready: rgba points to 4*width bytes; the page paints it over
 * `block` rows (the picture is computed interlaced, coarse first). Returns
 * a nonzero code when a command the page sent meanwhile raised
 * (KeyboardInterrupt on unblock). */
EM_JS(int, js_row_done, (int y, const uint8_t *rgba, int width, int block), {
  return Module['onRow'](y, rgba, width, block);
});

/* ---- what the computation looks like ------------------------------------- */

enum { MAX_WIDTH = 2048, ITER_PER_STEP = 32 };
static int width = 640, height = 400, max_iter = 2000;
static int current_row = -1, rows_done = 0;
static uint8_t row_rgba[MAX_WIDTH * 4];
static uint64_t checks; /* sigemu_check() calls so far: shown on the page */

/* ---- timer bookkeeping, for lateness ------------------------------------- */

/* What ITIMER_REAL was last set to by the page: alarm() and setitimer()
 * share the one timer, as they do in POSIX. */
static struct {
  int mode;          /* 0 none, 1 alarm, 2 periodic */
  double start_ms;   /* emscripten_get_now() when armed */
  double value_ms, interval_ms;
  long ticks;        /* periods accounted for so far */
} itimer;

static int on_sigint(int sig, void *arg) {
  js_signal_event(sig, 0, -1, 0);
  /* Python's default SIGINT handler: "raise" KeyboardInterrupt. */
  return sigemu_default_int_handler(sig, arg);
}

static int on_sigalrm(int sig, void *arg) {
  (void)arg;
  double now = emscripten_get_now();
  if (itimer.mode == 2) {
    /* Deadlines sit on a grid (start + value + k*interval); periods that a
     * late check missed coalesce into one signal, as in the kernel. */
    double due = itimer.start_ms + itimer.value_ms +
                 (double)itimer.ticks * itimer.interval_ms;
    int missed = 0;
    while (now - due >= itimer.interval_ms) {
      due += itimer.interval_ms;
      itimer.ticks++;
      missed++;
    }
    itimer.ticks++;
    js_signal_event(sig, 2, now - due, missed);
  } else if (itimer.mode == 1) {
    itimer.mode = 0;
    js_signal_event(sig, 1, now - (itimer.start_ms + itimer.value_ms), 0);
  } else {
    js_signal_event(sig, 0, -1, 0);
  }
  return 0;
}

static int on_sigusr(int sig, void *arg) {
  (void)arg;
  js_signal_event(sig, 0, -1, 0);
  return 0;
}

static const char *handler_name(sigemu_handler_fn fn) {
  if (fn == on_sigint) return "on_sigint → KeyboardInterrupt";
  if (fn == on_sigalrm) return "on_sigalrm (logs lateness)";
  if (fn == on_sigusr) return "on_sigusr (logs)";
  if (fn == sigemu_default_int_handler) return "default_int_handler";
  return "handler";
}

/* The signals the page shows and sigwait waits for. */
static const int shown[] = {1, 2, 10, 12, 14, 15};
enum { NSHOWN = sizeof shown / sizeof shown[0] };

static sigemu_sigset wait_set(void) {
  sigemu_sigset s;
  sigemu_sigemptyset(&s);
  for (int i = 0; i < NSHOWN; i++) sigemu_sigaddset(&s, shown[i]);
  return s;
}

/* ---- entry points for worker.js ------------------------------------------- */

EMSCRIPTEN_KEEPALIVE int demo_init(int w, int h, int iters) {
  if (w < 16 || w > MAX_WIDTH || h < 16 || iters < ITER_PER_STEP)
    return SIGEMU_EINVAL;
  width = w;
  height = h;
  max_iter = iters;
  int r = sigemu_init(NULL);
  if (r < 0) return r;
  sigemu_action a = {SIGEMU_CALL, on_sigint, NULL};
  if ((r = sigemu_signal(2, &a, NULL)) < 0) return r;
  a.fn = on_sigalrm;
  if ((r = sigemu_signal(14, &a, NULL)) < 0) return r;
  a.fn = on_sigusr;
  if ((r = sigemu_signal(10, &a, NULL)) < 0) return r;
  if ((r = sigemu_signal(12, &a, NULL)) < 0) return r;
  /* SIGHUP ignored, SIGTERM left at SIG_DFL: the page shows all three kinds. */
  sigemu_action ign = {SIGEMU_IGN, NULL, NULL};
  return sigemu_signal(1, &ign, NULL);
}

/* Colour of an escape count: a cyclic navy → blue → white → gold gradient on
 * the smoothed count (so the far outside is navy and the bands near the set
 * are bright); the inside is near black. */
static void shade(uint8_t *px, int n, double zr, double zi) {
  static const double stop[5] = {0.0, 0.35, 0.6, 0.8, 1.0};
  static const double rgb[5][3] = {
      {11, 29, 81}, {47, 111, 222}, {240, 245, 255}, {244, 185, 66}, {11, 29, 81}};
  if (n >= max_iter) {
    px[0] = 10, px[1] = 12, px[2] = 24, px[3] = 255;
    return;
  }
  double mu = n + 1 - log(log(sqrt(zr * zr + zi * zi))) / log(2.0);
  double t = fmod(sqrt(mu > 0 ? mu : 0) / 6.0 + 0.8, 1.0);
  int i = 0;
  while (i < 3 && t > stop[i + 1]) i++;
  double f = (t - stop[i]) / (stop[i + 1] - stop[i]);
  for (int c = 0; c < 3; c++)
    px[c] = (uint8_t)(rgb[i][c] + f * (rgb[i + 1][c] - rgb[i][c]));
  px[3] = 255;
}

/* The k-th row computed, and how many rows it stands for until finer passes
 * fill them in: rows 0,16,32.. first (painted 16 high), then 8,24,.. (8
 * high), then 4,12,.. (4), 2,6,.. (2), and the odd rows last. The whole
 * picture shows early, and gets sharper while the computation runs. */
static int interlaced_row(int k, int *block) {
  static const int step[5] = {16, 16, 8, 4, 2}, off[5] = {0, 8, 4, 2, 1};
  for (int p = 0; p < 5; p++) {
    int n = off[p] < height ? (height - off[p] + step[p] - 1) / step[p] : 0;
    if (k < n) {
      *block = p == 0 ? 16 : step[p] / 2;
      return off[p] + k * step[p];
    }
    k -= n;
  }
  return -1;
}

/* Rows number k0..k1-1 of the interlaced order (0..height-1). Returns 0 when
 * done, or the code a handler "raised" (SIGEMU_KEYBOARD_INTERRUPT). One step
 * is ITER_PER_STEP iterations of z = z^2 + c followed by sigemu_check(), the
 * way an interpreter checks between bytecodes; the check is a load and a
 * branch unless something is pending, and it polls the host every
 * SIGEMU_POLL_EVERY calls. */
EMSCRIPTEN_KEEPALIVE int demo_compute(int k0, int k1) {
  /* The whole set: its black interior is where the time goes (every
   * interior point runs max_iter iterations), which makes it slow enough
   * to watch and to interrupt. */
  const double cx = -0.62, cy = 0.0, span = 3.1;
  const double scale = span / width;
  if (k0 == 0) rows_done = 0;
  for (int k = k0; k < k1 && k < height; k++) {
    int block = 1;
    int y = interlaced_row(k, &block);
    current_row = y;
    double ci = cy + (y - height / 2.0) * scale;
    for (int x = 0; x < width; x++) {
      double cr = cx + (x - width / 2.0) * scale;
      double zr = 0, zi = 0;
      int n = 0;
      while (n < max_iter) {
        for (int i = 0; i < ITER_PER_STEP; i++, n++) {
          double t = zr * zr - zi * zi + cr;
          zi = 2 * zr * zi + ci;
          zr = t;
          if (zr * zr + zi * zi > 256) goto escaped;
        }
        checks++;
        int code = sigemu_check();
        if (code) return code;
      }
    escaped:
      checks++;
      int code = sigemu_check();
      if (code) return code;
      shade(&row_rgba[x * 4], n, zr, zi);
    }
    rows_done = k + 1;
    int code = js_row_done(y, row_rgba, width, block);
    if (code) return code;
  }
  current_row = -1;
  return 0;
}

/* Poll the host now and run what is pending. sigemu_check() polls only every
 * SIGEMU_POLL_EVERY calls (that is what keeps it cheap inside a loop); an
 * idle worker woken by a message or a timer wants the poll at once, so it
 * runs the check until the countdown reaches the poll. */
EMSCRIPTEN_KEEPALIVE int demo_poll(void) {
  /* Poll the host and the timers now, not at the next amortised poll. */
  return sigemu_check_now();
}

EMSCRIPTEN_KEEPALIVE int demo_alarm(int seconds) {
  if (seconds < 0) return SIGEMU_EINVAL;
  unsigned prev = 0;
  double now = emscripten_get_now();
  int r = sigemu_alarm((unsigned)seconds, &prev);
  if (r < 0) return r;
  itimer.mode = seconds ? 1 : 0;
  itimer.start_ms = now;
  itimer.value_ms = seconds * 1000.0;
  itimer.interval_ms = 0;
  return (int)prev;
}

EMSCRIPTEN_KEEPALIVE int demo_setitimer(double value, double interval) {
  double now = emscripten_get_now();
  int r = sigemu_setitimer(SIGEMU_ITIMER_REAL, value, interval, NULL, NULL);
  if (r < 0) return r;
  itimer.mode = value > 0 ? (interval > 0 ? 2 : 1) : 0;
  itimer.start_ms = now;
  itimer.value_ms = value * 1000.0;
  itimer.interval_ms = interval * 1000.0;
  itimer.ticks = 0;
  return 0;
}

/* how: SIGEMU_SIG_BLOCK / SIGEMU_SIG_UNBLOCK. Unblocking delivers what was
 * pending: the handler's code comes back (KeyboardInterrupt). */
EMSCRIPTEN_KEEPALIVE int demo_mask(int how, int sig) {
  sigemu_sigset s;
  sigemu_sigemptyset(&s);
  int r = sigemu_sigaddset(&s, sig);
  if (r < 0) return r;
  return sigemu_pthread_sigmask(how, &s, NULL);
}

EMSCRIPTEN_KEEPALIVE int demo_raise(int sig) { return sigemu_raise_signal(sig); }

/* sigwait, in three calls so that the worker can post the state between
 * them and, where it cannot block (message mode), poll with timeout 0:
 * begin blocks the set (as a Python program must before sigwait), take
 * waits (timeout < 0: sigwait; else sigtimedwait), end restores the mask,
 * which may run handlers of other signals that came meanwhile. */
static sigemu_sigset saved_mask;
EMSCRIPTEN_KEEPALIVE int demo_sigwait_begin(void) {
  sigemu_sigset s = wait_set();
  return sigemu_pthread_sigmask(SIGEMU_SIG_BLOCK, &s, &saved_mask);
}
EMSCRIPTEN_KEEPALIVE int demo_sigwait_take(double timeout) {
  sigemu_sigset s = wait_set();
  if (timeout < 0) {
    int sig = 0;
    int r = sigemu_sigwait(&s, &sig);
    return r < 0 ? r : sig;
  }
  sigemu_siginfo info;
  int r = sigemu_sigtimedwait(&s, timeout, &info);
  return r < 0 ? r : info.signo;
}
EMSCRIPTEN_KEEPALIVE int demo_sigwait_end(void) {
  return sigemu_pthread_sigmask(SIGEMU_SIG_SETMASK, &saved_mask, NULL);
}

EMSCRIPTEN_KEEPALIVE int demo_sleep(double seconds) {
  return sigemu_sleep(seconds);
}

EMSCRIPTEN_KEEPALIVE const char *demo_strerror(int code) {
  if (code == SIGEMU_KEYBOARD_INTERRUPT) return "KeyboardInterrupt";
  return sigemu_strerror(code);
}
EMSCRIPTEN_KEEPALIVE const char *demo_pyexc(int code) {
  if (code == SIGEMU_KEYBOARD_INTERRUPT) return "KeyboardInterrupt";
  return sigemu_error_pyexc(code);
}

static size_t put(char *buf, size_t n, size_t at, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static size_t put(char *buf, size_t n, size_t at, const char *fmt, ...) {
  if (at >= n) return at;
  va_list ap;
  va_start(ap, fmt);
  int k = vsnprintf(buf + at, n - at, fmt, ap);
  va_end(ap);
  return k < 0 ? at : at + (size_t)k;
}

static const char *kind_name(sigemu_kind k) {
  switch (k) {
  case SIGEMU_DFL: return "SIG_DFL";
  case SIGEMU_IGN: return "SIG_IGN";
  case SIGEMU_CALL: return "handler";
  default: return "foreign";
  }
}
static const char *default_name(int sig) {
  switch (sigemu_default_action(sig)) {
  case SIGEMU_DEFAULT_TERMINATE: return "terminate";
  case SIGEMU_DEFAULT_CORE: return "core dump";
  case SIGEMU_DEFAULT_IGNORE: return "ignore";
  case SIGEMU_DEFAULT_STOP: return "stop";
  case SIGEMU_DEFAULT_CONTINUE: return "continue";
  default: return "?";
  }
}

/* Everything the page's panels show, as JSON (ASCII names; the handler
 * names contain UTF-8 arrows, which JSON carries as is). */
EMSCRIPTEN_KEEPALIVE const char *demo_state(void) {
  static char buf[4096];
  size_t at = 0, n = sizeof buf;
  sigemu_sigset mask, pend;
  sigemu_sigemptyset(&mask);
  sigemu_sigemptyset(&pend);
  sigemu_pthread_sigmask(SIGEMU_SIG_BLOCK, NULL, &mask);
  sigemu_sigpending(&pend);
  double value = 0, interval = 0;
  sigemu_getitimer(SIGEMU_ITIMER_REAL, &value, &interval);
  at = put(buf, n, at,
           "{\"backend\":\"%s\",\"row\":%d,\"done\":%d,\"height\":%d,\"checks\":%llu,"
           "\"itimer\":{\"value\":%.6f,\"interval\":%.6f},\"mask\":[",
           sigemu_backend(), current_row, rows_done, height, (unsigned long long)checks,
           value, interval);
  int first = 1;
  for (int s = 1; s < 65; s++)
    if (sigemu_sigismember(&mask, s) == 1)
      at = put(buf, n, at, "%s\"%s\"", first ? "" : ",", sigemu_signame(s)),
      first = 0;
  at = put(buf, n, at, "],\"pending\":[");
  first = 1;
  for (int s = 1; s < 65; s++)
    if (sigemu_sigismember(&pend, s) == 1)
      at = put(buf, n, at, "%s\"%s\"", first ? "" : ",", sigemu_signame(s)),
      first = 0;
  at = put(buf, n, at, "],\"handlers\":[");
  for (int i = 0; i < NSHOWN; i++) {
    int s = shown[i];
    sigemu_action cur = {SIGEMU_DFL, NULL, NULL};
    sigemu_getsignal(s, &cur);
    at = put(buf, n, at,
             "%s{\"sig\":%d,\"name\":\"%s\",\"kind\":\"%s\",\"fn\":\"%s\","
             "\"default\":\"%s\",\"blocked\":%d,\"pending\":%d}",
             i ? "," : "", s, sigemu_signame(s), kind_name(cur.kind),
             cur.kind == SIGEMU_CALL ? handler_name(cur.fn) : "",
             default_name(s), sigemu_sigismember(&mask, s) == 1,
             sigemu_sigismember(&pend, s) == 1);
  }
  at = put(buf, n, at, "]}");
  return buf;
}
