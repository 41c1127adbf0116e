/* libc_jmp.c — the two halves of sigsetjmp/siglongjmp that keep the mask
 * (see libc/include/emscripten/setjmp.h). */
#include <setjmp.h>
#include <string.h>

#include "../libc_internal.h"

int __wrap_pthread_sigmask(int how, const sigset_t *set, sigset_t *old);

int sigemu__libc_sigsetjmp_save(struct __jmp_buf_tag *buf, int savemask) {
  buf->__fl = savemask != 0;
  if (savemask)
    (void)__wrap_pthread_sigmask(SIG_BLOCK, NULL, (sigset_t *)buf->__ss);
  return 0;
}

_Noreturn void sigemu__libc_siglongjmp(struct __jmp_buf_tag *buf, int val) {
  if (buf->__fl)
    (void)__wrap_pthread_sigmask(SIG_SETMASK, (const sigset_t *)buf->__ss,
                                 NULL);
  longjmp(buf, val);
}
