/* em_memory.c — the Emscripten -pthread flavour: the wasm memory is shared,
 * so the control block lives in linear memory. A JS controller on another
 * thread ORs its signal's bit into sigemu__tripped itself (signals 1..31:
 * bit s, SIGEMU__FLAG_CORE being the core's; the others go into the block's
 * bit words, and then the flag's core bit) and bumps the wake word while a
 * thread sleeps; a poll is an atomic and/exchange with no host call, and
 * any thread blocks with a futex wait on the wake word. The JS side is
 * asked only when it announced extra sources (Pyodide-style buffer,
 * messages).
 */
#include <emscripten.h>
#include <emscripten/threading.h>
#include <limits.h>
#include <math.h>
#include <stdatomic.h>

#include "../../wasm.h"
#include "../em_js.h"

/* The second half of the flag's cache line (sigemu.h, SIGEMU__FLAG_LINE):
 * the sender's bit and the flag travel to this core together. */
_Static_assert(SIGEMU__CTL_WORDS <= 8, "the control block fills half a line");
#define ctl ((_Atomic uint32_t *)&sigemu__flagline[8])
/* Set by the JS side when a source other than this block is attached. */
static atomic_int ext_sources;

EMSCRIPTEN_KEEPALIVE void sigemu__wasm_set_ext_sources(int n);
EMSCRIPTEN_KEEPALIVE void sigemu__wasm_set_ext_sources(int n) {
  atomic_store(&ext_sources, n);
}

int sigemu__wasm_host_init(void) {
  atomic_store(&ctl[SIGEMU__CTL_MAGIC], SIGEMU__CTL_MAGIC_VALUE);
  return sigemu__js_init((void *)ctl, (void *)&sigemu__tripped, 1);
}

uint32_t sigemu__plat_wait_token(void) {
  return atomic_load(&ctl[SIGEMU__CTL_WAKE]);
}

/* Whether this thread may block: any worker may; the main runtime thread
 * only where the host allows it (Node yes, a browser's main thread no:
 * futex waits there would spin and freeze the page). */
static bool may_block(void) {
  return !emscripten_is_main_runtime_thread() || sigemu__js_can_block();
}

int sigemu__plat_block(uint32_t token, int64_t deadline_ns) {
  if (!may_block()) return SIGEMU_ENOTHERE;
  double ms = sigemu__wasm_ms_until(deadline_ns);
  if (ms == 0) return 0;
  /* Counted in before it looks at the bits: the sender sets its bit, then
   * bumps the wake word and notifies only if it sees a sleeper counted
   * (js/src/control.js, postSignal); both sides are sequentially
   * consistent, so a bit this look misses comes with a bumped word. */
  atomic_fetch_add(&ctl[SIGEMU__CTL_BLOCKED], 1);
  if (!sigemu__wasm_host_flagged())
    (void)emscripten_futex_wait((void *)&ctl[SIGEMU__CTL_WAKE], token,
                                ms < 0 ? INFINITY : ms);
  atomic_fetch_sub(&ctl[SIGEMU__CTL_BLOCKED], 1);
  return 0;
}

void sigemu__plat_wake(void) {
  /* Any thread: the wake word is in shared linear memory. */
  atomic_fetch_add(&ctl[SIGEMU__CTL_WAKE], 1);
  emscripten_futex_wake((void *)&ctl[SIGEMU__CTL_WAKE], INT_MAX);
}

/* The host's bits in the flag word, as BITS0 holds them (bit sig-1). */
static uint32_t flag_host_bits(uint32_t flag) {
  return (flag & ~(uint32_t)SIGEMU__FLAG_CORE) >> 1;
}

void sigemu__wasm_host_take(uint32_t bits[2]) {
  /* Taken with an atomic and/exchange, never read-then-clear: a bit set in
   * between is not lost. Each word is looked at first, so that a poll with
   * nothing sent writes nothing to the line the sender shares. */
  if (flag_host_bits((uint32_t)atomic_load(&sigemu__tripped)))
    bits[0] |= flag_host_bits((uint32_t)atomic_fetch_and(
        &sigemu__tripped, SIGEMU__FLAG_CORE));
  if (atomic_load(&ctl[SIGEMU__CTL_BITS0]))
    bits[0] |= atomic_exchange(&ctl[SIGEMU__CTL_BITS0], 0);
  if (atomic_load(&ctl[SIGEMU__CTL_BITS1]))
    bits[1] |= atomic_exchange(&ctl[SIGEMU__CTL_BITS1], 0);
  atomic_fetch_add_explicit(&ctl[SIGEMU__CTL_POLLS], 1, memory_order_relaxed);
  if (atomic_load_explicit(&ext_sources, memory_order_relaxed))
    sigemu__js_poll(bits);
}

/* Whether the host has bits not yet taken. A bit in the block's words comes
 * before the flag's core bit (js/src/control.js): a check that cleared that
 * bit after the bit came (sequentially consistent, as the sender is) sees
 * the bit here and sets the flag again. */
bool sigemu__wasm_host_flagged(void) {
  return (flag_host_bits((uint32_t)atomic_load(&sigemu__tripped)) |
          atomic_load(&ctl[SIGEMU__CTL_BITS0]) |
          atomic_load(&ctl[SIGEMU__CTL_BITS1])) != 0;
}

bool sigemu__wasm_host_signals(const char **note) {
  *note = "JS SignalController: shared-memory control block (no host call), "
          "SAB or postMessage sources, Pyodide-style interrupt buffer";
  return true;
}

const char *sigemu__wasm_block_note(void) {
  return may_block()
             ? "futex wait on the control block's wake word (any thread)"
             : "cannot block on a browser's main thread: SIGEMU_ENOTHERE";
}
