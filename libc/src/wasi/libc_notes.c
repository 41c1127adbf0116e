/* libc_notes.c — the table notes that are WASI's own. */
#include <string.h>

#include "../libc_internal.h"

const char *sigemu__libc_target_note(const char *name) {
  if (!strcmp(name, "pthread_kill") || !strcmp(name, "pthread_create"))
    return "one thread (WASI preview1)";
  if (!strcmp(name, "sleep, usleep, nanosleep, clock_nanosleep"))
    return "EINTR with the time left; TIMER_ABSTIME (relative "
           "poll_oneoff, right under node:wasi too)";
  if (!strcmp(name, "pause") || !strcmp(name, "sigsuspend"))
    return "EDEADLK when nothing could ever end it (no timer, no thread, no "
           "host channel)";
  if (!strcmp(name, "kill, killpg"))
    return "this process (getpid() 42, wasi-libc's), 0, its group; any "
           "other pid: ESRCH";
  return NULL;
}
