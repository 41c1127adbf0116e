/* linux_numbering.c — the signal table of the backends that number signals
 * as Linux does (sim, emscripten, wasi).
 *
 * A wasm program sees the numbers a Linux build of it sees; sim uses them so
 * that its tests compare with CPython on Linux. CMake adds this folder for
 * those backends only: Windows has its own table and numbering.
 */
#include "../../backend.h"

const sigemu__sigdesc *sigemu__os_sigtable(int *count) {
  *count = sigemu__linux_sigtable_count;
  return sigemu__linux_sigtable;
}

const sigemu__sigalias *sigemu__os_sigaliases(int *count) {
  *count = sigemu__linux_aliases_count;
  return sigemu__linux_aliases;
}

int sigemu__os_nsig(void) { return SIGEMU__LINUX_NSIG; }
bool sigemu__os_sig_valid(int sig) { return sigemu__linux_sig_valid(sig); }

/* No whitelist: every number in range reaches the range check. */
int sigemu__os_signal_precheck(int sig) {
  (void)sig;
  return 0;
}

/* SIGKILL, SIGSTOP and the NPTL-reserved 32/33 refuse a handler, as Linux's
 * sigaction does (Python: OSError EINVAL). */
int sigemu__plat_catchable(int sig) {
  if (sig == 9 || sig == 19 || !sigemu__linux_sig_valid(sig))
    return SIGEMU_EINVAL;
  return 0;
}
