/* wasi.c — the WASI preview1 part of the wasm backend that both flavours
 * share: clocks, threads and exit. How a wait blocks and whether the host
 * can send signals differ by flavour (platform/wasm/backend.cmake builds
 * both): pure/ imports nothing but wasi_snapshot_preview1 and runs under any
 * WASI runtime; imports/ (library sigemu_wasi_host) adds the "sigemu" import
 * module of the JS package (js/src/wasi.js).
 */
#include <stdlib.h>
#include <wasi/api.h>

#include "../wasm.h"
#include "wasi_flavour.h"

int64_t sigemu__wasi_clock_ns(__wasi_clockid_t id) {
  __wasi_timestamp_t t = 0;
  if (__wasi_clock_time_get(id, 1000, &t) != 0) return -1;
  return (int64_t)t;
}

/* -1 unknown, 0 no, 1 yes: whether the runtime has a process CPU clock
 * (node:wasi has; some runtimes answer ENOTSUP). */
static int have_cpu = -1;

int sigemu__plat_init(void) {
  have_cpu = sigemu__wasi_clock_ns(__WASI_CLOCKID_PROCESS_CPUTIME_ID) >= 0;
  return sigemu__wasm_host_init();
}

/* No threads in WASI preview1: the only thread is the main one. */
uintptr_t sigemu__os_thread_self(void) { return 1; }
int sigemu__plat_thread_alive(uintptr_t t) { return t == 1; }
int sigemu__plat_on_thread_exit(void (*fn)(void *), void *arg) {
  (void)fn;
  (void)arg;
  return SIGEMU_ENOSYS;
}
/* What wasi-libc's getpid emulation (-lwasi-emulated-getpid) answers. */
int sigemu__plat_pid(void) { return 42; }
int sigemu__plat_uid(void) { return 0; }

int64_t sigemu__plat_now_ns(void) {
  return sigemu__wasi_clock_ns(__WASI_CLOCKID_MONOTONIC);
}

int64_t sigemu__plat_cpu_ns(void) {
  if (have_cpu == 0) return -1;
  return sigemu__wasi_clock_ns(__WASI_CLOCKID_PROCESS_CPUTIME_ID);
}

bool sigemu__wasm_cpu_clock(const char **note) {
  if (have_cpu < 0)
    have_cpu = sigemu__wasi_clock_ns(__WASI_CLOCKID_PROCESS_CPUTIME_ID) >= 0;
  if (have_cpu) {
    *note = "CPU time from WASI clock PROCESS_CPUTIME_ID";
    return true;
  }
  *note = "runtime has no WASI process CPU clock: wall time minus time "
          "blocked in waits";
  return false;
}

_Noreturn void sigemu__wasm_exit(int status) { _Exit(status); }
