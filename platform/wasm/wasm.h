/* wasm.h — what the WebAssembly flavours supply to the code they share
 * (wasm_common.c), and the control block the JS side writes.
 *
 * WebAssembly has no signals: everything arrives through the host. The
 * shared part owns what is the same everywhere (identity and notes, the
 * wakeup fd over the libc's fds, default actions, turning the host's signal
 * bits into process-directed signals). Each flavour owns how it reaches its
 * host, one folder each, picked by CMake:
 *   emscripten/memory  -pthread: the control block in shared linear memory,
 *                      futex waits from any thread
 *   emscripten/sab     no -pthread: the control block in a JS
 *                      SharedArrayBuffer (or messages), Atomics.wait
 *   wasi/pure          imports nothing but wasi_snapshot_preview1
 *   wasi/imports       the "sigemu" host imports of the JS package
 */
#ifndef SIGEMU_WASM_H
#define SIGEMU_WASM_H

#include <stdint.h>

#include "backend.h"

/* The control block. The same word layout is used by the JS package
 * (js/src/control.js, CTL_*): the host bumps SEQ, sets bit (sig-1) of
 * BITS0 for signals 1..32 and bit (sig-33) of BITS1 for 33..64 (in
 * shared-memory mode signals 1..31 go into the flag word instead,
 * SIGEMU__FLAG_CORE), then, only while BLOCKED is not 0, bumps WAKE and
 * notifies it. The module takes the bits with an atomic exchange (an
 * atomic and for the flag word). WAKE is the process's wake word
 * (sigemu__plat_wait_token). POLLS counts the polls the module made (tests
 * and tools see that it is alive); BLOCKED counts the threads asleep in a
 * sigemu wait: each counts itself in before it looks at the bits, so a bit
 * it misses comes with WAKE bumped (all sequentially consistent). */
enum {
  SIGEMU__CTL_BITS0 = 0,
  SIGEMU__CTL_BITS1 = 1,
  SIGEMU__CTL_WAKE = 2,
  SIGEMU__CTL_SEQ = 3,
  SIGEMU__CTL_POLLS = 4,
  SIGEMU__CTL_MAGIC = 5,
  SIGEMU__CTL_BLOCKED = 6,
  SIGEMU__CTL_CLOSED = 7,
  SIGEMU__CTL_WORDS = 8
};
#define SIGEMU__CTL_MAGIC_VALUE 0x4d454753 /* "SGEM" */

/* ---- supplied by each flavour ------------------------------------------- */
/* Set up the host side (after the kit started). */
int sigemu__wasm_host_init(void);
/* Take the signals the host sent since the last call: OR them into bits[]. */
void sigemu__wasm_host_take(uint32_t bits[2]);
/* Whether the host sets the global flag itself and has bits not yet taken
 * (the -pthread flavour's shared control block); false in the others. */
bool sigemu__wasm_host_flagged(void);
/* Whether the host can send signals at all, and how (feature note). */
bool sigemu__wasm_host_signals(const char **note);
/* Whether ITIMER_VIRTUAL/PROF measure CPU time here, and how. */
bool sigemu__wasm_cpu_clock(const char **note);
/* How blocking waits are done here (feature note for pause/sigwait/sleep). */
const char *sigemu__wasm_block_note(void);
/* How ITIMER_REAL reaches an idle program here (feature note). */
const char *sigemu__wasm_timer_note(void);
/* End the module with status, after stdio was flushed. */
_Noreturn void sigemu__wasm_exit(int status);

#endif /* SIGEMU_WASM_H */
