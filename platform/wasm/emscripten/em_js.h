/* em_js.h — the functions of sigemu's JS library (js/src/library_sigemu.js)
 * that the Emscripten flavours call, and what they share. */
#ifndef SIGEMU_EM_JS_H
#define SIGEMU_EM_JS_H

#include <stdint.h>

/* Set up the module's host state; ctl/tripped are linear-memory addresses
 * used by the shared-memory flavour (shared != 0). */
extern int sigemu__js_init(void *ctl, void *tripped, int shared);
/* OR the bits of every JS-side source into out[0..1]. */
extern void sigemu__js_poll(uint32_t *out);
/* Process CPU time in ms (Node's process.cpuUsage), or -1. */
extern double sigemu__js_cpu_ms(void);
/* The wake word's value now (the token of sigemu__plat_wait_token). */
extern int sigemu__js_wait_token(void);
/* Sleep on the wake word while it still holds token, at most timeout_ms
 * (<0: no limit). 0, or -1 when this thread may not block (browser main
 * thread, no SharedArrayBuffer). */
/* next: where to write the wake word's value once the block ended (the
 * token of the wait's next round, read on the JS side), or 0. */
extern int sigemu__js_block(double timeout_ms, int token, int *next);
/* Bump the wake word and notify it (SAB flavour). */
extern void sigemu__js_wake(void);
/* Arm (delay >= 0) or cancel (< 0) the host timer. */
extern void sigemu__js_arm(double delay_ms);
/* 1 when a blocking wait is possible on this thread. */
extern int sigemu__js_can_block(void);

/* emscripten.c: milliseconds until deadline_ns (-1: none). */
double sigemu__wasm_ms_until(int64_t deadline_ns);

#endif
