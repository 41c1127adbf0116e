/* wasi_channel.c — a way in for signals under any WASI runtime.
 *
 * Pure WASI preview1 has no signals and no host imports, so a program run
 * by `wasmtime run` could only be woken by its own timers. With
 * SIGEMU_SIGNAL_FILE=PATH in its environment (PATH inside a preopened
 * directory) the program opens PATH at sigemu_init and, from then on, takes
 * every decimal signal number that another process appends to the file
 * ("2" or "2\n" for SIGINT; numbers are separated by anything else).
 * What was in the file before the program opened it is skipped, so a file
 * can be reused across runs.
 *
 * How it is polled: every host poll (each slow sigemu_check) reads what was
 * appended; a blocking wait sleeps with the same poll_oneoff clock
 * subscription as without a channel, cut into slices of SLICE_NS so that a
 * signal ends it within one slice. A read subscription on the file cannot
 * do better: measured (tests/wasm/wasi_probe.c), wasmtime reports a regular
 * file always readable, node:wasi fails the whole poll_oneoff with EPERM,
 * and wasmtime's open of a named pipe blocks until a writer appears.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "wasi_channel.h"

/* Longest sleep while a channel is open: the latency of a signal that
 * arrives during a wait (the JS host slices the same for sources that
 * cannot notify). */
#define SLICE_NS 10000000

static int chan_fd = -1;
static uint32_t partial;  /* digits of a number cut by the end of a read */
static bool in_number;

void sigemu__wasi_channel_open(void) {
  const char *path = getenv("SIGEMU_SIGNAL_FILE");
  if (chan_fd >= 0 || !path || !*path) return;
  chan_fd = open(path, O_RDONLY);
  if (chan_fd < 0) {
    /* Said once, at start: a misspelt path must not look like a program
     * that ignores its signals. */
    fprintf(stderr, "sigemu: SIGEMU_SIGNAL_FILE=%s: %s (no signal channel)\n",
            path, strerror(errno));
    return;
  }
  /* Only what is written from now on. */
  if (lseek(chan_fd, 0, SEEK_END) < 0) {
    close(chan_fd);
    chan_fd = -1;
  }
  partial = 0;
  in_number = false;
}

void sigemu__wasi_channel_close(void) {
  if (chan_fd >= 0) close(chan_fd);
  chan_fd = -1;
}

bool sigemu__wasi_channel_active(void) { return chan_fd >= 0; }

int64_t sigemu__wasi_channel_slice_end(int64_t now_ns, int64_t deadline_ns) {
  if (chan_fd < 0 || deadline_ns - now_ns <= SLICE_NS) return deadline_ns;
  return now_ns + SLICE_NS;
}

static void end_number(uint32_t bits[2]) {
  if (in_number && partial >= 1 && partial <= 64) {
    int i = (int)partial - 1;
    bits[i >> 5] |= 1u << (i & 31);
  }
  partial = 0;
  in_number = false;
}

void sigemu__wasi_channel_take(uint32_t bits[2]) {
  if (chan_fd < 0) return;
  int saved = errno;
  unsigned char buf[64];
  for (;;) {
    ssize_t n = read(chan_fd, buf, sizeof buf);
    if (n <= 0) break; /* end of what was written so far, or an error */
    for (ssize_t i = 0; i < n; i++) {
      if (buf[i] >= '0' && buf[i] <= '9') {
        /* Saturate: a runaway number is out of range, never wraps in. */
        if (partial < 1000) partial = partial * 10 + (uint32_t)(buf[i] - '0');
        in_number = true;
      } else {
        end_number(bits);
      }
    }
  }
  /* A number at the very end ("2" without newline) counts as written:
   * the writer's append is one write, so no digit of it is still coming. */
  end_number(bits);
  errno = saved;
}
