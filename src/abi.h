/* abi.h — what lets the public API grow without breaking callers: the
 * library's version and the sized sigemu_options (src/abi.c). */
#ifndef SIGEMU_ABI_H
#define SIGEMU_ABI_H

#include "sigemu.h"

/* Copy the caller's options into *out (NULL: all defaults), honouring
 * opt->size as sigemu.h documents. 0, or SIGEMU_EINVAL with *out zeroed. */
int sigemu__options_copy(const sigemu_options *opt, sigemu_options *out);

#endif /* SIGEMU_ABI_H */
