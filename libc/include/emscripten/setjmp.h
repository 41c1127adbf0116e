/* setjmp.h — Emscripten's, with sigsetjmp/siglongjmp that keep the signal
 * mask as POSIX says (Emscripten makes them plain setjmp/longjmp, so a
 * handler that siglongjmp()s out would leave its signal blocked). The mask
 * is saved in the jmp_buf's own fields before setjmp, and put back by
 * siglongjmp before the jump.
 */
#ifndef SIGEMU_LIBC_EMSCRIPTEN_SETJMP_H
#define SIGEMU_LIBC_EMSCRIPTEN_SETJMP_H

#include_next <setjmp.h>

#ifdef sigsetjmp
#  undef sigsetjmp
#  undef siglongjmp
#  ifdef __cplusplus
extern "C" {
#  endif
int sigemu__libc_sigsetjmp_save(struct __jmp_buf_tag *buf, int savemask);
_Noreturn void sigemu__libc_siglongjmp(struct __jmp_buf_tag *buf, int val);
#  ifdef __cplusplus
}
#  endif
#  define sigsetjmp(buf, savemask)                                            \
    (sigemu__libc_sigsetjmp_save((buf), (savemask)) + setjmp(buf))
#  define siglongjmp(buf, val) sigemu__libc_siglongjmp((buf), (val))
#endif

#endif
