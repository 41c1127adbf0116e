/* sigemu_libc.h — what a runtime adds to a program built on sigemu's POSIX
 * layer (sigemu_libc), on WebAssembly.
 *
 * An unmodified program needs nothing from here: it calls sigaction(),
 * sigprocmask(), sigwait(), setitimer(), nanosleep()... and links the layer
 * (one flag: @sigemu_libc.rsp). Its handlers run at delivery points: inside
 * every call of the layer, inside the blocking calls (sleep, pause,
 * sigsuspend, sigwait*, select and poll used as sleeps), from the host
 * timer while an Emscripten program is idle in the event loop — and at
 * sigemu_libc_poll(), which a runtime that computes for long stretches
 * without calling any of those (an interpreter's eval loop) puts in its
 * loop. With nothing pending it costs a decrement and a load; every
 * SIGEMU_POLL_EVERY calls it also asks the host for signals and fires due
 * timers.
 */
#ifndef SIGEMU_LIBC_H
#define SIGEMU_LIBC_H

#include "sigemu.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The delivery point itself: take the host's signals and due timers, run
 * the handlers of the signals deliverable to the calling thread. Returns
 * the number of handlers run. */
SIGEMU_API int sigemu_libc_poll_now(void);

/* Row i of the layer's function table (the README's table is printed from
 * it): a function or group of functions and how the layer provides it
 * here. 0, or -1 past the last row. */
SIGEMU_API int sigemu_libc_function(int i, const char **name, const char **note);

#ifndef __cplusplus
#  include <stdatomic.h>
/* Nonzero while a handler of this layer waits for a delivery point. */
extern SIGEMU_API atomic_int sigemu__kit_user_pending;
extern SIGEMU_API _Thread_local int sigemu__libc_countdown;
#  ifndef SIGEMU_POLL_EVERY
#    define SIGEMU_POLL_EVERY 256
#  endif
static inline void sigemu_libc_poll(void) {
  if (__builtin_expect(--sigemu__libc_countdown > 0, 1) &&
      __builtin_expect(atomic_load_explicit(&sigemu__kit_user_pending,
                                            memory_order_relaxed) == 0, 1) &&
      __builtin_expect(
          atomic_load_explicit(&sigemu__tripped, memory_order_relaxed) == 0,
          1))
    return;
  (void)sigemu_libc_poll_now();
}
#else
inline void sigemu_libc_poll(void) { (void)sigemu_libc_poll_now(); }
#endif

#ifdef __cplusplus
}
#endif
#endif /* SIGEMU_LIBC_H */
