/* __typedef_sigset_t.h — sigset_t for WASI programs built on sigemu_libc.
 *
 * wasi-libc's own definition is one byte (it has no signal sets); every
 * header of it that needs sigset_t (signal.h, poll.h, sys/select.h) comes
 * here through bits/alltypes.h, so this directory, put first on the include
 * path, gives all of them the 128-byte set Linux and musl use.
 */
#ifndef __wasilibc___typedef_sigset_t_h
#define __wasilibc___typedef_sigset_t_h

typedef struct __sigset_t {
  unsigned long __bits[128 / sizeof(long)];
} sigset_t;

#endif
