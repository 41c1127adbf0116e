/* win_internal.h — what the Windows backend's files share, and the few hooks
 * its tests (tests/windows/) use to reach the OS seam.
 *
 * Why test hooks: Wine's GenerateConsoleCtrlEvent only sends CTRL_C_EVENT,
 * and only to a process that owns a console; the other console events
 * (Ctrl+Break, close) can only be tested by calling the registered control
 * routine directly, from another thread, exactly as Windows would.
 */
#ifndef SIGEMU_WIN_INTERNAL_H
#define SIGEMU_WIN_INTERNAL_H

#include "../../src/backend.h"

/* True for the signals the C runtime knows (signal()/raise() accept them);
 * false for SIGALRM, which only sigemu has. */
bool sigemu__win_crt_signal(int sig);

/* Wakeup fd (win_wakeup.c): start/stop Winsock, needed by getsockopt/send. */
int sigemu__win_wakeup_init(void);
void sigemu__win_wakeup_shutdown(void);

/* Translate a Win32/Winsock error into a SIGEMU_E* code and record it as
 * the OS error behind the failure (the one place per backend). */
int sigemu__win_error(unsigned long winerr);

/* ---- test hooks ---------------------------------------------------------- */
/* Call the console control routine sigemu registered, as Windows does on
 * its own thread: returns what the routine returns (1 handled, 0 not). */
int sigemu__win_console_event(unsigned long ctrl_type);
/* How long the routine holds a handled CTRL_CLOSE_EVENT before returning
 * (Windows ends the process when it returns). Default: forever, as libuv. */
void sigemu__win_set_close_wait_ms(unsigned long ms);
/* Whether sigemu's CRT signal() handler is installed for sig now. */
bool sigemu__win_crt_handler_installed(int sig);

#endif /* SIGEMU_WIN_INTERNAL_H */
