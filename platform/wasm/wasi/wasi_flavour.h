/* wasi_flavour.h — what wasi.c shares with the two WASI flavours. */
#ifndef SIGEMU_WASI_FLAVOUR_H
#define SIGEMU_WASI_FLAVOUR_H

#include <stdint.h>
#include <wasi/api.h>

/* A WASI clock in ns, or -1 when the runtime does not have it. */
int64_t sigemu__wasi_clock_ns(__wasi_clockid_t id);

#endif
