/* libc_threads.c — pthread_create passes the creator's signal mask to the
 * new thread, as on Linux: the kit cannot see a thread being created, so
 * the creator takes a snapshot and the new thread adopts it before it runs
 * anything. (Emscripten -pthread; wrapped as every other name.)
 */
#include <pthread.h>
#include <stdlib.h>

#include "libc_internal.h"

typedef struct {
  void *(*fn)(void *);
  void *arg;
  kit_spawn mask;
} start;

static void *begin(void *p) {
  start s = *(start *)p;
  free(p);
  sigemu__kit_thread_start(&s.mask);
  return s.fn(s.arg);
}

int __real_pthread_create(pthread_t *t, const pthread_attr_t *attr,
                          void *(*fn)(void *), void *arg);
int __wrap_pthread_create(pthread_t *t, const pthread_attr_t *attr,
                          void *(*fn)(void *), void *arg);
int __wrap_pthread_create(pthread_t *t, const pthread_attr_t *attr,
                          void *(*fn)(void *), void *arg) {
  sigemu__libc_start();
  start *s = malloc(sizeof *s);
  if (!s) return EAGAIN;
  s->fn = fn;
  s->arg = arg;
  sigemu__kit_thread_spawn(&s->mask);
  int r = __real_pthread_create(t, attr, begin, s);
  if (r != 0) free(s);
  return r;
}
