/* libc_ids.c — the process ids a signal program asks for, which WASI does
 * not have: the process group is the process (42, wasi-libc's placeholder
 * pid, as getpid() answers), and the user is 0. And what SIG_HOLD names. */
#include <unistd.h>

#include "../libc_internal.h"

pid_t __wrap_getpgrp(void);
pid_t __wrap_getpgrp(void) { return (pid_t)sigemu__plat_pid(); }
/* SIG_HOLD's address (never called). */
void sigemu_libc_sig_hold(int sig) { (void)sig; }

uid_t __wrap_getuid(void);
uid_t __wrap_getuid(void) { return (uid_t)sigemu__plat_uid(); }
uid_t __wrap_geteuid(void);
uid_t __wrap_geteuid(void) { return (uid_t)sigemu__plat_uid(); }
