/* wasi_pure.c — the pure WASI flavour: nothing but wasi_snapshot_preview1.
 *
 * Clocks and sleeps are WASI's; nothing outside can send a signal and there
 * are no other threads, so the wake word never moves, host delivery is
 * reported unavailable, and a wait with no deadline and no armed timer
 * fails with SIGEMU_ENOTHERE instead of sleeping forever. A command module
 * never returns to an event loop: due timers are found by polling, and
 * blocking waits sleep to the nearest deadline.
 */
#include <wasi/api.h>

#include "../../wasm.h"
#include "../wasi_flavour.h"

int sigemu__wasm_host_init(void) { return 0; }
void sigemu__plat_shutdown(void) {}
void sigemu__plat_arm(int64_t deadline_ns) { (void)deadline_ns; }
uint32_t sigemu__plat_wait_token(void) { return 0; }
void sigemu__plat_wake(void) {}
void sigemu__wasm_host_take(uint32_t bits[2]) { (void)bits; }

/* Sleep on the monotonic clock until deadline_ns: one poll_oneoff with a
 * relative clock subscription (wasi-libc's nanosleep does the same). */
int sigemu__plat_block(uint32_t token, int64_t deadline_ns) {
  (void)token;
  if (deadline_ns == INT64_MAX) return SIGEMU_ENOTHERE;
  int64_t rel = deadline_ns - sigemu__plat_now_ns();
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

bool sigemu__wasm_host_signals(const char **note) {
  *note = "pure WASI preview1 has no way for the host to send a signal; link "
          "sigemu_wasi_host and run with the JS package's imports";
  return false;
}

const char *sigemu__wasm_block_note(void) {
  return "poll_oneoff clock sleep; only a timer can end it, and a wait with "
         "neither deadline nor armed ITIMER_REAL fails with SIGEMU_ENOTHERE";
}

const char *sigemu__wasm_timer_note(void) {
  return "fired by polling in sigemu_check() and at the end of waits";
}
