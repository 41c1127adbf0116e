/* emscripten.c — the Emscripten flavour of the wasm backend: clocks, timers,
 * blocking and host signals through sigemu's JS library
 * (js/src/library_sigemu.js, linked with --js-library by backend.cmake).
 *
 * Two delivery paths, chosen by the build:
 *   - without -pthread the wasm memory is private, so the control block is a
 *     SharedArrayBuffer held by the JS side (or, without SAB, a message
 *     queue); every poll is one call into JS;
 *   - with -pthread (__EMSCRIPTEN_PTHREADS__) the memory is shared, so the
 *     control block is the array below, in linear memory: a JS controller on
 *     another thread ORs bits into it and sets sigemu__tripped, and a poll is
 *     an atomic exchange with no host call. The JS side is only asked when
 *     it announced extra sources (Pyodide-style buffer, messages).
 */
#include <emscripten.h>
#include <limits.h>
#include <pthread.h>
#include <stdatomic.h>
#ifdef __EMSCRIPTEN_PTHREADS__
#  include <emscripten/threading.h>
#endif

#include "../wasm.h"

/* ---- the JS library (js/src/library_sigemu.js) -------------------------- */
/* Set up the module's host state; ctl/tripped are linear-memory addresses
 * used by the shared-memory mode (shared != 0). */
extern int sigemu__js_init(void *ctl, void *tripped, int shared);
/* OR the bits of every JS-side source into out[0..1]. */
extern void sigemu__js_poll(uint32_t *out);
/* Process CPU time in ms (Node's process.cpuUsage), or -1. */
extern double sigemu__js_cpu_ms(void);
/* Sleep on the wake word for at most timeout_ms (<0: no limit). 0, or -1
 * when this thread may not block (browser main thread, no SAB). */
extern int sigemu__js_block(double timeout_ms);
/* Bump the wake word and notify it (SAB mode). */
extern void sigemu__js_wake(void);
/* Arm (delay >= 0) or cancel (< 0) the host timer. */
extern void sigemu__js_arm(double delay_ms);
/* 1 when a blocking wait is possible on this thread. */
extern int sigemu__js_can_block(void);

#ifdef __EMSCRIPTEN_PTHREADS__
static _Alignas(16) _Atomic uint32_t ctl[SIGEMU__CTL_WORDS];
/* Set by the JS side when a source other than this block is attached. */
static atomic_int ext_sources;

EMSCRIPTEN_KEEPALIVE void sigemu__wasm_set_ext_sources(int n);
EMSCRIPTEN_KEEPALIVE void sigemu__wasm_set_ext_sources(int n) {
  atomic_store(&ext_sources, n);
}
#endif

/* The host timer fired (a JS setTimeout on the main thread): fire the due
 * itimers now, so that an idle program finds them at its next check. */
EMSCRIPTEN_KEEPALIVE void sigemu__wasm_timer_cb(void);
EMSCRIPTEN_KEEPALIVE void sigemu__wasm_timer_cb(void) {
  sigemu__emu_timer_due();
}

int sigemu__emu_init(void) {
#ifdef __EMSCRIPTEN_PTHREADS__
  atomic_store(&ctl[SIGEMU__CTL_MAGIC], SIGEMU__CTL_MAGIC_VALUE);
  return sigemu__js_init((void *)ctl, (void *)&sigemu__tripped, 1);
#else
  return sigemu__js_init(NULL, (void *)&sigemu__tripped, 0);
#endif
}

void sigemu__emu_shutdown(void) { sigemu__js_arm(-1); }

uintptr_t sigemu__emu_thread_self(void) { return (uintptr_t)pthread_self(); }

int sigemu__emu_thread_exists(uintptr_t t) {
  /* Only ids we can check without dereferencing a stranger's pointer: the
   * main thread (the core keeps it) and the caller. */
  return t == sigemu_main_thread() || t == (uintptr_t)pthread_self();
}

int64_t sigemu__emu_now_ns(void) {
  return (int64_t)(emscripten_get_now() * 1e6);
}

int64_t sigemu__emu_cpu_ns(void) {
  double ms = sigemu__js_cpu_ms();
  return ms < 0 ? -1 : (int64_t)(ms * 1e6);
}

void sigemu__emu_arm(int64_t deadline_ns) {
  if (deadline_ns == INT64_MAX) {
    sigemu__js_arm(-1);
    return;
  }
  double d = (double)(deadline_ns - sigemu__emu_now_ns()) / 1e6;
  sigemu__js_arm(d < 0 ? 0 : d);
}

int sigemu__emu_block(int64_t deadline_ns) {
  double t = -1;
  if (deadline_ns != INT64_MAX) {
    t = (double)(deadline_ns - sigemu__emu_now_ns()) / 1e6;
    if (t < 0) t = 0;
  }
  return sigemu__js_block(t) < 0 ? SIGEMU_ENOTHERE : 0;
}

void sigemu__emu_wake(void) {
#ifdef __EMSCRIPTEN_PTHREADS__
  /* Any thread: the wake word is in shared linear memory. */
  atomic_fetch_add(&ctl[SIGEMU__CTL_WAKE], 1);
  emscripten_futex_wake((void *)&ctl[SIGEMU__CTL_WAKE], INT_MAX);
#else
  sigemu__js_wake();
#endif
}

void sigemu__wasm_host_take(uint32_t bits[2]) {
#ifdef __EMSCRIPTEN_PTHREADS__
  /* Exchange, never read-then-clear: a bit set in between is not lost. */
  bits[0] |= atomic_exchange(&ctl[SIGEMU__CTL_BITS0], 0);
  bits[1] |= atomic_exchange(&ctl[SIGEMU__CTL_BITS1], 0);
  atomic_fetch_add_explicit(&ctl[SIGEMU__CTL_POLLS], 1, memory_order_relaxed);
  if (atomic_load_explicit(&ext_sources, memory_order_relaxed))
    sigemu__js_poll(bits);
#else
  sigemu__js_poll(bits);
#endif
}

bool sigemu__wasm_host_signals(const char **note) {
#ifdef __EMSCRIPTEN_PTHREADS__
  *note = "JS SignalController: shared-memory control block (no host call), "
          "SAB or postMessage sources, Pyodide-style interrupt buffer";
#else
  *note = "JS SignalController: SharedArrayBuffer control block polled every "
          "SIGEMU_POLL_EVERY checks, or postMessage without SAB; "
          "Pyodide-style interrupt buffer";
#endif
  return true;
}

bool sigemu__wasm_cpu_clock(const char **note) {
  if (sigemu__js_cpu_ms() >= 0) {
    *note = "CPU time from process.cpuUsage() (Node)";
    return true;
  }
  *note = "no CPU clock in browsers: wall time minus time blocked in waits";
  return false;
}

const char *sigemu__wasm_block_note(void) {
  return sigemu__js_can_block()
             ? "Atomics.wait on the control block's wake word"
             : "cannot block here (browser main thread or no "
               "SharedArrayBuffer): SIGEMU_ENOTHERE";
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
