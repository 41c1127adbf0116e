/* wasm_common.c — the half of the WebAssembly backends that Emscripten and
 * WASI share: identity, the Linux signal table, feature notes, the wakeup fd
 * over the libc's file descriptors, default actions, and turning the host's
 * signal bits into arrivals.
 *
 * Why Linux numbering: a wasm build of a program (CPython in Pyodide, say)
 * must see the numbers its Linux build sees; both Emscripten's and
 * wasi-libc's <signal.h> use them too.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "wasm.h"
#include "errno_pyexc.h"

#ifndef SIGEMU_BACKEND_NAME
#  define SIGEMU_BACKEND_NAME "wasm"
#endif

const char *sigemu__os_name(void) { return SIGEMU_BACKEND_NAME; }

bool sigemu__os_available(sigemu_feature f, const char **note) {
  const char *n = "";
  bool ok = true;
  switch (f) {
  case SIGEMU_FEATURE_OS_SIGNALS:
    ok = false;
    n = "WebAssembly has no OS signals; they come from the host (JS) or from "
        "timers";
    break;
  case SIGEMU_FEATURE_PIDFD_SEND_SIGNAL:
    ok = false;
    n = "no processes on WebAssembly";
    break;
  case SIGEMU_FEATURE_HOST_SIGNALS:
    ok = sigemu__wasm_host_signals(&n);
    break;
  case SIGEMU_FEATURE_CPU_CLOCK:
    ok = sigemu__wasm_cpu_clock(&n);
    break;
  case SIGEMU_FEATURE_ITIMER_VIRTUAL:
  case SIGEMU_FEATURE_ITIMER_PROF:
    sigemu__wasm_cpu_clock(&n);
    break;
  case SIGEMU_FEATURE_SIGWAIT:
  case SIGEMU_FEATURE_SIGWAITINFO:
  case SIGEMU_FEATURE_SIGTIMEDWAIT:
  case SIGEMU_FEATURE_PAUSE:
  case SIGEMU_FEATURE_SLEEP:
    n = sigemu__wasm_block_note();
    break;
  case SIGEMU_FEATURE_ALARM:
  case SIGEMU_FEATURE_ITIMER_REAL:
    n = sigemu__wasm_timer_note();
    break;
  case SIGEMU_FEATURE_PTHREAD_KILL:
    n = "emulated: every thread that has called sigemu (its own mask and "
        "pending set); handlers of the core run at once for it";
    break;
  case SIGEMU_FEATURE_SIGINTERRUPT:
    n = "recorded; WebAssembly system calls are never interrupted by signals";
    break;
  case SIGEMU_FEATURE_DEFAULT_ACTIONS:
    n = "terminate and core: exit status 128+sig, output flushed (no core "
        "file); stop: ignored; ignore and continue: discarded";
    break;
  case SIGEMU_FEATURE_WAKEUP_FD:
    n = "any non-blocking fd of the libc (Emscripten pipes, WASI fds)";
    break;
  default:
    break;
  }
  if (note) *note = n;
  return ok;
}

/* The signal table (Linux numbering) is src/emu/linux/linux_numbering.c. */

void sigemu__plat_disposition_changed(int sig, sigemu_kind kind) {
  /* Nothing below us keeps dispositions: the kit's table is the only one. */
  (void)sig;
  (void)kind;
}

/* ---- host signals -------------------------------------------------------- */
bool sigemu__plat_host_flagged(void) { return sigemu__wasm_host_flagged(); }

void sigemu__plat_host_poll(void) {
  uint32_t bits[2] = {0, 0};
  sigemu__wasm_host_take(bits);
  for (int w = 0; w < 2; w++) {
    uint32_t b = bits[w];
    while (b) {
      int i = __builtin_ctz(b);
      b &= b - 1;
      int sig = w * 32 + i + 1;
      /* The host's JS validated the number; a stray reserved bit (32, 33) is
       * dropped here rather than handed to the kit. */
      if (sigemu__linux_sig_valid(sig)) sigemu__kit_send_host(sig);
    }
  }
}

/* ---- wakeup fd ----------------------------------------------------------- */
static int map_errno(int e) {
  if (e == EAGAIN || e == EWOULDBLOCK) return SIGEMU_EAGAIN;
  if (e == EBADF) return SIGEMU_EBADF;
  if (e == EINTR) return SIGEMU_EINTR;
  return SIGEMU_EOS;
}

int sigemu__os_wakeup_validate(intptr_t fd) {
  if (fd < 0 || fd > INT32_MAX) return SIGEMU_EBADF;
  int fl = fcntl((int)fd, F_GETFL);
  if (fl < 0) {
    sigemu__set_os_error(errno);
    return SIGEMU_EBADF;
  }
  if (!(fl & O_NONBLOCK)) return SIGEMU_EBLOCKINGFD;
  return 0;
}

int sigemu__os_wakeup_write(intptr_t fd, unsigned char byte, int *os_err) {
  int saved = errno;
  int r = 0;
  for (;;) {
    ssize_t n = write((int)fd, &byte, 1);
    if (n == 1) break;
    if (n < 0 && errno == EINTR) continue;
    int e = n < 0 ? errno : EAGAIN;
    if (os_err) *os_err = e;
    r = map_errno(e);
    break;
  }
  errno = saved;
  return r;
}

const char *sigemu__os_wakeup_describe(intptr_t fd, int err, int os_err,
                                       char *buf, size_t n, const char **verb) {
  (void)fd;
  if (verb) *verb = "write to";
  if (buf && n) snprintf(buf, n, "[Errno %d] %s", os_err, strerror(os_err));
  return sigemu__errno_pyexc(err, os_err);
}

/* ---- default actions ----------------------------------------------------- */
void sigemu__plat_die(int sig, int action) {
  /* What a killed process leaves behind: whatever the program printed, and
   * 128 + sig, the status a shell reports (no core file: a core action
   * gives the same status as a terminate one). */
  (void)action;
  fflush(NULL);
  sigemu__wasm_exit(128 + sig);
}
