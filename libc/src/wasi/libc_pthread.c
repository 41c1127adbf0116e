/* libc_pthread.c — pthread_self() where wasi-libc has no threads: the one
 * thread, with the id the kit knows it by. */
#include <pthread.h>

#include "../libc_internal.h"

pthread_t __wrap_pthread_self(void);
pthread_t __wrap_pthread_self(void) {
  return (pthread_t)sigemu__os_thread_self();
}
int __wrap_pthread_equal(pthread_t a, pthread_t b);
int __wrap_pthread_equal(pthread_t a, pthread_t b) { return a == b; }
