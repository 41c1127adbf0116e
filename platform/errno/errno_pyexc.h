/* errno_pyexc.h — the Python exception class of an <errno.h> error, for the
 * backends whose OS errors are libc errno values (posix, wasm). Windows and
 * sim keep their own tables (Winsock errors; sim's Linux numbers). */
#ifndef SIGEMU_ERRNO_PYEXC_H
#define SIGEMU_ERRNO_PYEXC_H

/* The OSError subclass CPython raises for os_err (PyErr_SetFromErrno), or
 * the one err (a SIGEMU_E* code) stands for when os_err is 0 or unknown. */
const char *sigemu__errno_pyexc(int err, int os_err);

#endif
