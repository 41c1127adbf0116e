/* pthread.h — for WASI without threads (wasi-libc before its threads
 * support ships no <pthread.h>): a program that signals itself with
 * pthread_kill(pthread_self(), sig) still builds; the process has one
 * thread. Where wasi-libc has a <pthread.h>, that one is used. */
#ifndef SIGEMU_LIBC_WASI_PTHREAD_H
#define SIGEMU_LIBC_WASI_PTHREAD_H

#if __has_include_next(<pthread.h>)
#  include_next <pthread.h>
#else
#  include <signal.h> /* pthread_kill, pthread_sigmask */
#  include <sys/types.h>
#  ifdef __cplusplus
extern "C" {
#  endif
pthread_t pthread_self(void);
int pthread_equal(pthread_t, pthread_t);
#  ifdef __cplusplus
}
#  endif
#endif

#endif
