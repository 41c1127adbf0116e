/* libc_notes.c — the table notes that are Emscripten's own. */
#include <string.h>

#include "../libc_internal.h"

const char *sigemu__libc_target_note(const char *name) {
#ifdef __EMSCRIPTEN_PTHREADS__
  if (!strcmp(name, "pthread_kill"))
    return "to any thread; its handler runs on it, at its next delivery "
           "point";
#else
  if (!strcmp(name, "pthread_kill") || !strcmp(name, "pthread_create"))
    return "one thread without -pthread";
#endif
  if (!strcmp(name, "sleep, usleep, nanosleep, clock_nanosleep"))
    return "EINTR with the time left; TIMER_ABSTIME; Atomics.wait (a "
           "browser's main thread polls instead)";
  if (!strcmp(name, "time, clock_gettime, gettimeofday, clock"))
    return "delivery points (answered from emscripten_get_now and the "
           "date, as Emscripten does)";
  return NULL;
}
