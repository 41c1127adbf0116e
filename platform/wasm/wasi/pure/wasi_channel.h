/* wasi_channel.h — the pure-WASI inbound signal channel (wasi_channel.c):
 * a file named by SIGEMU_SIGNAL_FILE that another process appends signal
 * numbers to. Part of the pure flavour (wasi_pure.c). */
#ifndef SIGEMU_WASI_CHANNEL_H
#define SIGEMU_WASI_CHANNEL_H

#include <stdbool.h>
#include <stdint.h>

/* Open the channel named by the environment, if any (at sigemu_init). */
void sigemu__wasi_channel_open(void);
/* Close it (at sigemu_shutdown). */
void sigemu__wasi_channel_close(void);
/* Whether a channel is open: waits then sleep in slices and may last
 * forever, since a signal can end them. */
bool sigemu__wasi_channel_active(void);
/* The deadline of the next slice of a wait that ends at deadline_ns. */
int64_t sigemu__wasi_channel_slice_end(int64_t now_ns, int64_t deadline_ns);
/* OR the signals written since the last call into bits[0..1]. */
void sigemu__wasi_channel_take(uint32_t bits[2]);

#endif /* SIGEMU_WASI_CHANNEL_H */
