/* emscripten.c — the Emscripten part of the wasm backend that both flavours
 * share: threads, clocks, the host timer and exit, through sigemu's JS
 * library (js/src/library_sigemu.js, linked with --js-library by
 * platform/wasm/backend.cmake). How the control block is reached and how a
 * thread blocks differ by flavour: memory/ (-pthread) and sab/ (no threads).
 */
#include <emscripten.h>
#include <pthread.h>
#include <stdatomic.h>
#include <unistd.h>

#include "../wasm.h"
#include "em_js.h"

/* The host timer fired (a JS setTimeout on the main thread, idle in the
 * event loop): fire the due itimers, and let the main thread deliver what
 * is now deliverable to it (a libc-layer handler runs here). */
EMSCRIPTEN_KEEPALIVE void sigemu__wasm_timer_cb(void);
EMSCRIPTEN_KEEPALIVE void sigemu__wasm_timer_cb(void) {
  sigemu__kit_timer_due();
  sigemu__os_poll();
}

int sigemu__plat_init(void) { return sigemu__wasm_host_init(); }
void sigemu__plat_shutdown(void) { sigemu__js_arm(-1); }

uintptr_t sigemu__os_thread_self(void) { return (uintptr_t)pthread_self(); }

/* pthread_t values cannot be checked without touching a stranger's memory:
 * the kit knows the threads that called it and when they ended. */
int sigemu__plat_thread_alive(uintptr_t t) {
  return t == 0 ? 0 : -1;
}

static pthread_key_t exit_key;
static pthread_once_t exit_once = PTHREAD_ONCE_INIT;
static void (*exit_fn)(void *);
static void exit_trampoline(void *arg) {
  if (exit_fn) exit_fn(arg);
}
static void make_key(void) { (void)pthread_key_create(&exit_key, exit_trampoline); }

int sigemu__plat_on_thread_exit(void (*fn)(void *), void *arg) {
  pthread_once(&exit_once, make_key);
  exit_fn = fn; /* always the kit's one function */
  return pthread_setspecific(exit_key, arg) == 0 ? 0 : SIGEMU_EOS;
}

int sigemu__plat_pid(void) { return (int)getpid(); }
/* Emscripten's getuid is a JS call that always answers the same: asked
 * once (every siginfo of a kill or raise carries it). */
int sigemu__plat_uid(void) {
  static atomic_int uid = -1;
  int u = atomic_load_explicit(&uid, memory_order_relaxed);
  if (u < 0) {
    u = (int)getuid();
    atomic_store_explicit(&uid, u, memory_order_relaxed);
  }
  return u;
}

int64_t sigemu__plat_now_ns(void) {
  return (int64_t)(emscripten_get_now() * 1e6);
}

int64_t sigemu__plat_cpu_ns(void) {
  double ms = sigemu__js_cpu_ms();
  return ms < 0 ? -1 : (int64_t)(ms * 1e6);
}

void sigemu__plat_arm(int64_t deadline_ns) {
  if (deadline_ns == INT64_MAX) {
    sigemu__js_arm(-1);
    return;
  }
  double d = (double)(deadline_ns - sigemu__plat_now_ns()) / 1e6;
  sigemu__js_arm(d < 0 ? 0 : d);
}

/* Milliseconds to block until deadline_ns; -1: no deadline. */
double sigemu__wasm_ms_until(int64_t deadline_ns) {
  if (deadline_ns == INT64_MAX) return -1;
  double t = (double)(deadline_ns - sigemu__plat_now_ns()) / 1e6;
  return t < 0 ? 0 : t;
}

bool sigemu__wasm_cpu_clock(const char **note) {
  if (sigemu__js_cpu_ms() >= 0) {
    *note = "CPU time from process.cpuUsage() (Node)";
    return true;
  }
  *note = "no CPU clock in browsers: wall time minus time blocked in waits";
  return false;
}

const char *sigemu__wasm_timer_note(void) {
  return "fired by polling in sigemu_check() while busy, by a JS setTimeout "
         "while idle";
}

_Noreturn void sigemu__wasm_exit(int status) {
  /* emscripten_force_exit ends the runtime even when the build keeps it
   * alive (EXIT_RUNTIME=0), so the status reaches Node's process. */
  emscripten_force_exit(status);
  __builtin_unreachable();
}
