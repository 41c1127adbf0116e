/* wasi.c — the WASI preview1 flavour of the wasm backend.
 *
 * Two builds of this one file (see platform/wasm/backend.cmake):
 *   - pure (the `sigemu` library of the wasi preset): imports nothing but
 *     wasi_snapshot_preview1, so it runs under any WASI runtime (wasmtime,
 *     node:wasi). Clocks and sleeps are WASI's; nothing outside can send a
 *     signal, so host delivery is reported unavailable, and a wait with no
 *     deadline and no armed timer fails with SIGEMU_ENOTHERE instead of
 *     sleeping forever.
 *   - with host imports (SIGEMU_WASI_HOST_IMPORTS, library sigemu_wasi_host):
 *     a few functions of import module "sigemu", supplied by the JS package
 *     (js/src/wasi.js), give it the JS controller's signals, Atomics.wait
 *     sleeps that a signal ends at once, and a host timer for reactors.
 */
#include <stdio.h>
#include <stdlib.h>
#include <wasi/api.h>

#include "../wasm.h"
#include "wasi_channel.h"

#ifdef SIGEMU_WASI_HOST_IMPORTS
#  define SIGEMU_IMPORT(name)                                                  \
    __attribute__((import_module("sigemu"), import_name(name)))
/* OR the signals the host sent since the last call into out[0..1]. */
SIGEMU_IMPORT("poll") void sigemu__wasi_poll(uint32_t *out);
/* Sleep on the host's wake word at most timeout_ms (<0: no limit); 0, or -1
 * when this thread may not block. */
SIGEMU_IMPORT("block") int32_t sigemu__wasi_block(double timeout_ms);
SIGEMU_IMPORT("wake") void sigemu__wasi_wake(void);
/* Arm (delay >= 0) or cancel (< 0) a host timer calling sigemu_timer_cb. */
SIGEMU_IMPORT("arm") void sigemu__wasi_arm(double delay_ms);

/* The host timer fired: the program is idle (a reactor between calls). */
__attribute__((export_name("sigemu_timer_cb"))) void sigemu__wasi_timer_cb(void);
void sigemu__wasi_timer_cb(void) { sigemu__emu_timer_due(); }
#endif

static int64_t clock_ns(__wasi_clockid_t id) {
  __wasi_timestamp_t t = 0;
  if (__wasi_clock_time_get(id, 1000, &t) != 0) return -1;
  return (int64_t)t;
}

/* -1 unknown, 0 no, 1 yes: whether the runtime has a process CPU clock
 * (node:wasi has; some runtimes answer ENOTSUP). */
static int have_cpu = -1;

int sigemu__emu_init(void) {
  have_cpu = clock_ns(__WASI_CLOCKID_PROCESS_CPUTIME_ID) >= 0;
#ifndef SIGEMU_WASI_HOST_IMPORTS
  sigemu__wasi_channel_open();
#endif
  return 0;
}

void sigemu__emu_shutdown(void) {
#ifdef SIGEMU_WASI_HOST_IMPORTS
  sigemu__wasi_arm(-1);
#else
  sigemu__wasi_channel_close();
#endif
}

/* No threads in WASI preview1: the only thread is the main one. */
uintptr_t sigemu__emu_thread_self(void) { return 1; }
int sigemu__emu_thread_exists(uintptr_t t) { return t == 1; }

int64_t sigemu__emu_now_ns(void) {
  return clock_ns(__WASI_CLOCKID_MONOTONIC);
}

int64_t sigemu__emu_cpu_ns(void) {
  if (have_cpu == 0) return -1;
  return clock_ns(__WASI_CLOCKID_PROCESS_CPUTIME_ID);
}

void sigemu__emu_arm(int64_t deadline_ns) {
#ifdef SIGEMU_WASI_HOST_IMPORTS
  if (deadline_ns == INT64_MAX) {
    sigemu__wasi_arm(-1);
    return;
  }
  double d = (double)(deadline_ns - sigemu__emu_now_ns()) / 1e6;
  sigemu__wasi_arm(d < 0 ? 0 : d);
#else
  /* A command module never returns to an event loop: due timers are found
   * by polling, and blocking waits sleep to the deadline. */
  (void)deadline_ns;
#endif
}

#ifndef SIGEMU_WASI_HOST_IMPORTS
/* Sleep on the monotonic clock until deadline_ns: one poll_oneoff with a
 * relative clock subscription (wasi-libc's nanosleep does the same). */
static int sleep_until(int64_t deadline_ns) {
  int64_t rel = deadline_ns - sigemu__emu_now_ns();
  if (rel <= 0) return 0;
  __wasi_subscription_t sub = {0};
  sub.userdata = 1;
  sub.u.tag = __WASI_EVENTTYPE_CLOCK;
  sub.u.u.clock.id = __WASI_CLOCKID_MONOTONIC;
  sub.u.u.clock.timeout = (__wasi_timestamp_t)rel;
  sub.u.u.clock.precision = 1000;
  __wasi_event_t ev;
  __wasi_size_t n = 0;
  return __wasi_poll_oneoff(&sub, &ev, 1, &n) == 0 ? 0 : SIGEMU_EOS;
}
#endif

int sigemu__emu_block(int64_t deadline_ns) {
#ifdef SIGEMU_WASI_HOST_IMPORTS
  double t = -1;
  if (deadline_ns != INT64_MAX) {
    t = (double)(deadline_ns - sigemu__emu_now_ns()) / 1e6;
    if (t < 0) t = 0;
  }
  return sigemu__wasi_block(t) < 0 ? SIGEMU_ENOTHERE : 0;
#else
  /* Nothing can end a sleep without a deadline (no host, no threads) but
   * the signal channel (wasi_channel.c), which is read between slices. */
  if (!sigemu__wasi_channel_active() && deadline_ns == INT64_MAX)
    return SIGEMU_ENOTHERE;
  int r = sleep_until(
      sigemu__wasi_channel_slice_end(sigemu__emu_now_ns(), deadline_ns));
  return r < 0 ? r : 0;
#endif
}

void sigemu__emu_wake(void) {
#ifdef SIGEMU_WASI_HOST_IMPORTS
  sigemu__wasi_wake();
#endif
}

void sigemu__wasm_host_take(uint32_t bits[2]) {
#ifdef SIGEMU_WASI_HOST_IMPORTS
  sigemu__wasi_poll(bits);
#else
  sigemu__wasi_channel_take(bits);
#endif
}

bool sigemu__wasm_host_signals(const char **note) {
#ifdef SIGEMU_WASI_HOST_IMPORTS
  *note = "JS SignalController through the \"sigemu\" imports (SAB control "
          "block, postMessage, Pyodide-style interrupt buffer)";
  return true;
#else
  if (sigemu__wasi_channel_active()) {
    *note = "signal numbers appended to the file SIGEMU_SIGNAL_FILE names";
    return true;
  }
  *note = "pure WASI preview1 has no way for the host to send a signal: set "
          "SIGEMU_SIGNAL_FILE, or link sigemu_wasi_host for the JS imports";
  return false;
#endif
}

bool sigemu__wasm_cpu_clock(const char **note) {
  if (have_cpu < 0) have_cpu = clock_ns(__WASI_CLOCKID_PROCESS_CPUTIME_ID) >= 0;
  if (have_cpu) {
    *note = "CPU time from WASI clock PROCESS_CPUTIME_ID";
    return true;
  }
  *note = "runtime has no WASI process CPU clock: wall time minus time "
          "blocked in waits";
  return false;
}

const char *sigemu__wasm_block_note(void) {
#ifdef SIGEMU_WASI_HOST_IMPORTS
  return "Atomics.wait on the host's wake word (the \"sigemu\" block import)";
#else
  if (sigemu__wasi_channel_active())
    return "poll_oneoff clock sleep in 10 ms slices; the SIGEMU_SIGNAL_FILE "
           "channel is read between them";
  return "poll_oneoff clock sleep; only a timer can end it, and a wait with "
         "neither deadline nor armed ITIMER_REAL fails with SIGEMU_ENOTHERE";
#endif
}

const char *sigemu__wasm_timer_note(void) {
#ifdef SIGEMU_WASI_HOST_IMPORTS
  return "fired by polling in sigemu_check(); a host timer calls the "
         "sigemu_timer_cb export while a reactor is idle";
#else
  return "fired by polling in sigemu_check() and at the end of waits";
#endif
}

_Noreturn void sigemu__wasm_exit(int status) {
  _Exit(status);
}
