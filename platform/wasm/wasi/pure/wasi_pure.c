/* wasi_pure.c — the pure WASI flavour: nothing but wasi_snapshot_preview1.
 *
 * Clocks and sleeps are WASI's; there are no other threads, so the wake
 * word never moves. Signals from outside come only through the signal
 * channel (wasi_channel.c: a file named by SIGEMU_SIGNAL_FILE); without
 * one, host delivery is reported unavailable, and a wait with no deadline
 * and no armed timer fails with SIGEMU_ENOTHERE instead of sleeping forever. A command module
 * never returns to an event loop: due timers are found by polling, and
 * blocking waits sleep to the nearest deadline.
 */
#include <wasi/api.h>

#include "../../wasm.h"
#include "../wasi_flavour.h"
#include "wasi_channel.h"

int sigemu__wasm_host_init(void) {
  sigemu__wasi_channel_open();
  return 0;
}
void sigemu__plat_shutdown(void) { sigemu__wasi_channel_close(); }
void sigemu__plat_arm(int64_t deadline_ns) { (void)deadline_ns; }
uint32_t sigemu__plat_wait_token(void) { return 0; }
void sigemu__plat_wake(void) {}
void sigemu__wasm_host_take(uint32_t bits[2]) { sigemu__wasi_channel_take(bits); }
bool sigemu__wasm_host_flagged(void) { return false; }

/* Sleep on the monotonic clock until deadline_ns: one poll_oneoff with a
 * relative clock subscription (wasi-libc's nanosleep does the same). */
int sigemu__plat_block(uint32_t token, int64_t deadline_ns) {
  (void)token;
  /* Only the signal channel, read between slices, can end a wait early. */
  if (deadline_ns == INT64_MAX && !sigemu__wasi_channel_active())
    return SIGEMU_ENOTHERE;
  int64_t now = sigemu__plat_now_ns();
  int64_t rel = sigemu__wasi_channel_slice_end(now, deadline_ns) - now;
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
  if (sigemu__wasi_channel_active()) {
    *note = "signal numbers appended to the file SIGEMU_SIGNAL_FILE names";
    return true;
  }
  *note = "pure WASI preview1 has no way for the host to send a signal: set "
          "SIGEMU_SIGNAL_FILE, or link sigemu_wasi_host for the JS imports";
  return false;
}

const char *sigemu__wasm_block_note(void) {
  if (sigemu__wasi_channel_active())
    return "poll_oneoff clock sleep in 10 ms slices; the SIGEMU_SIGNAL_FILE "
           "channel is read between them";
  return "poll_oneoff clock sleep; only a timer can end it, and a wait with "
         "neither deadline nor armed ITIMER_REAL fails with SIGEMU_ENOTHERE";
}

const char *sigemu__wasm_timer_note(void) {
  return "fired by polling in sigemu_check() and at the end of waits";
}
