/* wasi_imports.c — the WASI flavour with host imports (library
 * sigemu_wasi_host): a few functions of import module "sigemu", supplied by
 * the JS package (js/src/wasi.js), give it the JS controller's signals,
 * Atomics.wait sleeps that a signal ends at once, and a host timer for
 * reactors.
 */
#include "../../wasm.h"

#define SIGEMU_IMPORT(name)                                                    \
  __attribute__((import_module("sigemu"), import_name(name)))
/* OR the signals the host sent since the last call into out[0..1]. */
SIGEMU_IMPORT("poll") void sigemu__wasi_poll(uint32_t *out);
/* The host's wake word now (the token of a wait). */
SIGEMU_IMPORT("token") int32_t sigemu__wasi_token(void);
/* Sleep on the host's wake word while it holds token, at most timeout_ms
 * (<0: no limit); 0, or -1 when this thread may not block. */
SIGEMU_IMPORT("block") int32_t sigemu__wasi_block(double timeout_ms, int32_t token);
SIGEMU_IMPORT("wake") void sigemu__wasi_wake(void);
/* Arm (delay >= 0) or cancel (< 0) a host timer calling sigemu_timer_cb. */
SIGEMU_IMPORT("arm") void sigemu__wasi_arm(double delay_ms);

/* The host timer fired: the program is idle (a reactor between calls). */
__attribute__((export_name("sigemu_timer_cb"))) void sigemu__wasi_timer_cb(void);
void sigemu__wasi_timer_cb(void) {
  sigemu__kit_timer_due();
  sigemu__os_poll();
}

int sigemu__wasm_host_init(void) { return 0; }
void sigemu__plat_shutdown(void) { sigemu__wasi_arm(-1); }

void sigemu__plat_arm(int64_t deadline_ns) {
  if (deadline_ns == INT64_MAX) {
    sigemu__wasi_arm(-1);
    return;
  }
  double d = (double)(deadline_ns - sigemu__plat_now_ns()) / 1e6;
  sigemu__wasi_arm(d < 0 ? 0 : d);
}

uint32_t sigemu__plat_wait_token(void) { return (uint32_t)sigemu__wasi_token(); }

int sigemu__plat_block(uint32_t token, int64_t deadline_ns) {
  double t = -1;
  if (deadline_ns != INT64_MAX) {
    t = (double)(deadline_ns - sigemu__plat_now_ns()) / 1e6;
    if (t < 0) t = 0;
  }
  return sigemu__wasi_block(t, (int32_t)token) < 0 ? SIGEMU_ENOTHERE : 0;
}

void sigemu__plat_wake(void) { sigemu__wasi_wake(); }
void sigemu__wasm_host_take(uint32_t bits[2]) { sigemu__wasi_poll(bits); }
bool sigemu__wasm_host_flagged(void) { return false; }

bool sigemu__wasm_host_signals(const char **note) {
  *note = "JS SignalController through the \"sigemu\" imports (SAB control "
          "block, postMessage, Pyodide-style interrupt buffer)";
  return true;
}

const char *sigemu__wasm_block_note(void) {
  return "Atomics.wait on the host's wake word (the \"sigemu\" block import)";
}

const char *sigemu__wasm_timer_note(void) {
  return "fired by polling in sigemu_check(); a host timer calls the "
         "sigemu_timer_cb export while a reactor is idle";
}
