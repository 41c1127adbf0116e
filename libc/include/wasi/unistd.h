/* unistd.h — wasi-libc's, plus what a program that uses signals needs from
 * it: alarm() and pause() (sigemu_libc), and the process's ids (WASI has
 * none: getpid() is wasi-libc's placeholder, 42, which kill() accepts as
 * this process; getpgrp() the same number; getuid() 0).
 */
#ifndef SIGEMU_LIBC_WASI_UNISTD_H
#define SIGEMU_LIBC_WASI_UNISTD_H

#ifndef _WASI_EMULATED_GETPID
#  define _WASI_EMULATED_GETPID 1
#endif
#include_next <unistd.h>

#ifdef __cplusplus
extern "C" {
#endif

unsigned alarm(unsigned);
int pause(void);
pid_t getpgrp(void);
uid_t getuid(void);
uid_t geteuid(void);

#ifdef __cplusplus
}
#endif
#endif
