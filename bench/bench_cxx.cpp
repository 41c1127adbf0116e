// bench_cxx.cpp — the idle check called from C++: sigemu.h's C++ branch
// (the same relaxed load through the compiler's __atomic builtin) in the
// very loop the C benchmarks use (bench_common.h, compiled here as C++),
// next to the same bare volatile flag. Native (posix) and Emscripten;
// bench/run.sh runs it, bench/report.mjs judges it against the C rows.
#include "bench_common.h"

int main() {
  int r = sigemu_init(NULL);
  if (r < 0) {
    fprintf(stderr, "sigemu_init: %s\n", sigemu_strerror(r));
    return 1;
  }
#ifdef __EMSCRIPTEN__
  bench_check_cost("check.cxx.emscripten",
                   "emscripten backend, C++ caller, inline check (incl. host polls)");
#else
  bench_check_cost("check.cxx.native", "posix backend, C++ caller, inline check");
#endif
  sigemu_shutdown();
  return 0;
}
