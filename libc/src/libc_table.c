/* libc_table.c — what the layer provides, function by function, and how:
 * the README's POSIX-layer table is printed from this (tools/
 * libc_features.c, docs/gen-tables.sh), never kept by hand. A note that
 * depends on the target comes from that target's folder
 * (sigemu__libc_target_note). */
#include <stddef.h>

#include "libc_internal.h"

static const struct {
  const char *name, *note;
} table[] = {
    {"sigaction", "SA_SIGINFO (siginfo_t filled), SA_RESTART, SA_RESETHAND, "
                  "SA_NODEFER, sa_mask while the handler runs, SA_ONSTACK"},
    {"signal, bsd_signal", "BSD semantics, as glibc"},
    {"siginterrupt", "recorded; signal() installs without SA_RESTART after "
                     "siginterrupt(sig, 1), as glibc"},
    {"sigprocmask, pthread_sigmask", "per thread; SIGKILL, SIGSTOP, 32, 33 "
                                     "left out"},
    {"sigpending", ""},
    {"sigsuspend", ""},
    {"sigwait, sigwaitinfo, sigtimedwait", "si_code SI_TKILL folded into "
                                           "SI_USER, as glibc"},
    {"sigqueue", "to this process, with si_value; real-time signals queue "
                 "(1024 entries)"},
    {"raise", "the handler has run when it returns"},
    {"kill, killpg", "this process, 0, its group; any other pid: ESRCH (no "
                     "other process)"},
    {"pthread_kill", ""},
    {"alarm, setitimer, getitimer", "ITIMER_REAL, ITIMER_VIRTUAL, "
                                    "ITIMER_PROF"},
    {"pause", ""},
    {"sighold, sigrelse, sigignore, sigset, sigpause", "XSI"},
    {"psignal, psiginfo, strsignal", "glibc's words"},
    {"sigemptyset & co., sigisemptyset, sigorset, sigandset",
     "glibc's rules: 1..64, 32 and 33 refused by the setters"},
    {"sigaltstack", "the handler runs on it: the wasm stack pointer moves"},
    {"sleep, usleep, nanosleep, clock_nanosleep",
     "EINTR with the time left; TIMER_ABSTIME; no busy wait"},
    {"select, poll (no descriptors)", "timed sleeps a signal interrupts"},
    {"time, clock_gettime, gettimeofday, clock", "delivery points"},
    {"pthread_create", "the new thread starts with its creator's mask"},
};

int sigemu_libc_function(int i, const char **name, const char **note) {
  if (i < 0 || (size_t)i >= sizeof table / sizeof table[0]) return -1;
  const char *extra = sigemu__libc_target_note(table[i].name);
  if (name) *name = table[i].name;
  if (note) *note = extra ? extra : table[i].note;
  return 0;
}
