/* em_sab.c — the Emscripten flavour without threads: the wasm memory is
 * private, so the control block is a SharedArrayBuffer held by the JS side
 * (or, without SAB, a queue of messages); every poll is one call into JS,
 * and the one thread blocks with Atomics.wait on the block's wake word.
 */
#include "../../wasm.h"
#include "../em_js.h"

int sigemu__wasm_host_init(void) {
  return sigemu__js_init(NULL, (void *)&sigemu__tripped, 0);
}

/* The token read by the JS side as a block ended: the next wait round
 * takes it instead of calling out again (one thread, so it is this
 * thread's next round; one left over from a wait that ended is older than
 * the wake word and only makes the next block return at once). */
static int next_token;
static bool have_next;

uint32_t sigemu__plat_wait_token(void) {
  if (have_next) {
    have_next = false;
    return (uint32_t)next_token;
  }
  return (uint32_t)sigemu__js_wait_token();
}

int sigemu__plat_block(uint32_t token, int64_t deadline_ns) {
  double ms = sigemu__wasm_ms_until(deadline_ns);
  if (ms == 0) return 0;
  if (sigemu__js_block(ms, (int)token, &next_token) < 0) return SIGEMU_ENOTHERE;
  have_next = true;
  return 0;
}

void sigemu__plat_wake(void) { sigemu__js_wake(); }

void sigemu__wasm_host_take(uint32_t bits[2]) { sigemu__js_poll(bits); }
bool sigemu__wasm_host_flagged(void) { return false; }

bool sigemu__wasm_host_signals(const char **note) {
  *note = "JS SignalController: SharedArrayBuffer control block polled about "
          "every SIGEMU_POLL_INTERVAL_NS of checks, or postMessage without SAB; "
          "Pyodide-style interrupt buffer";
  return true;
}

const char *sigemu__wasm_block_note(void) {
  return sigemu__js_can_block()
             ? "Atomics.wait on the control block's wake word"
             : "cannot block here (browser main thread or no "
               "SharedArrayBuffer): SIGEMU_ENOTHERE";
}
