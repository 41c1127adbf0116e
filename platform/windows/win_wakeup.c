/* win_wakeup.c — the wakeup fd on Windows, and the one place where Windows
 * errors become SIGEMU_E* codes.
 *
 * CPython on Windows accepts either a SOCKET or a CRT file descriptor in
 * set_wakeup_fd(): it asks getsockopt(SO_ERROR) first; WSAENOTSOCK means
 * "not a socket, try it as a CRT fd" (which must pass fstat), any other
 * error is an OSError. Windows has no way to ask whether a socket or a
 * file is non-blocking, so CPython checks neither, and neither do we.
 * Sockets are written with send() ("send to" in the warning), fds with a
 * plain write ("write to"). Winsock must be started for getsockopt/send to
 * work at all, so init calls WSAStartup (CPython imports _socket for that).
 */
#include <winsock2.h>

#include <errno.h>
#include <io.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include <windows.h>

#include "win_internal.h"

static atomic_int wsa_started;
/* The fd last validated and whether it is a socket: the trip path then
 * needs no getsockopt to pick send() or write(). */
static atomic_intptr_t known_fd = -1;
static atomic_int known_is_socket;

int sigemu__win_error(unsigned long winerr) {
  sigemu__set_os_error((int)winerr);
  switch (winerr) {
  case ERROR_INVALID_HANDLE:
  case WSAENOTSOCK:
  case WSAEBADF:
    return SIGEMU_EBADF;
  case WSAEWOULDBLOCK:
    return SIGEMU_EAGAIN;
  case WSAEINTR:
    return SIGEMU_EINTR;
  case ERROR_ACCESS_DENIED:
  case WSAEACCES:
    return SIGEMU_EPERM;
  case ERROR_INVALID_PARAMETER:
  case WSAEINVAL:
    return SIGEMU_EINVAL;
  default:
    return SIGEMU_EOS;
  }
}

int sigemu__win_wakeup_init(void) {
  WSADATA d;
  int r = WSAStartup(MAKEWORD(2, 2), &d);
  if (r != 0) return sigemu__win_error((unsigned long)r);
  atomic_store(&wsa_started, 1);
  atomic_store(&known_fd, -1);
  return 0;
}

void sigemu__win_wakeup_shutdown(void) {
  if (atomic_exchange(&wsa_started, 0)) WSACleanup();
  atomic_store(&known_fd, -1);
}

/* 1 socket, 0 not a socket, <0 error (getsockopt failed otherwise). */
static int probe_socket(intptr_t fd) {
  int val = 0, len = sizeof val;
  if (getsockopt((SOCKET)fd, SOL_SOCKET, SO_ERROR, (char *)&val, &len) == 0)
    return 1;
  int err = WSAGetLastError();
  if (err == WSAENOTSOCK) return 0;
  return sigemu__win_error((unsigned long)err);
}

int sigemu__os_wakeup_validate(intptr_t fd) {
  int s = probe_socket(fd);
  if (s < 0) return s;
  if (s == 0) {
    /* A CRT fd: an int, open (fstat succeeds). */
    if ((intptr_t)(int)fd != fd || fd < 0) {
      sigemu__set_os_error(EBADF);
      return SIGEMU_EBADF;
    }
    struct _stat64 st;
    if (_fstat64((int)fd, &st) != 0) {
      sigemu__set_os_error(errno);
      return SIGEMU_EBADF;
    }
  }
  atomic_store(&known_is_socket, s);
  atomic_store(&known_fd, fd);
  return 0;
}

static int is_socket(intptr_t fd) {
  if (atomic_load(&known_fd) == fd) return atomic_load(&known_is_socket);
  return probe_socket(fd) == 1;
}

/* errno of a CRT write to a SIGEMU_E* code (no os-error recording: this
 * runs in the trip path). */
static int from_errno(int e) {
  switch (e) {
  case EAGAIN: return SIGEMU_EAGAIN;
  case EBADF: return SIGEMU_EBADF;
  case EINTR: return SIGEMU_EINTR;
  case EINVAL: return SIGEMU_EINVAL;
  default: return SIGEMU_EOS;
  }
}

int sigemu__os_wakeup_write(intptr_t fd, unsigned char byte, int *os_err) {
  /* May run on a console or timer thread, or inside a CRT signal handler:
   * keep the caller's errno and Windows last-error intact. */
  DWORD saved_last = GetLastError();
  int saved_errno = errno;
  int r = 0;
  if (is_socket(fd)) {
    int n;
    do {
      n = send((SOCKET)fd, (const char *)&byte, 1, 0);
    } while (n == SOCKET_ERROR && WSAGetLastError() == WSAEINTR);
    if (n == SOCKET_ERROR) {
      int err = WSAGetLastError();
      *os_err = err;
      r = err == WSAEWOULDBLOCK ? SIGEMU_EAGAIN
          : (err == WSAENOTSOCK || err == WSAEBADF) ? SIGEMU_EBADF
                                                    : SIGEMU_EOS;
    }
  } else {
    int n;
    do {
      n = _write((int)fd, &byte, 1);
    } while (n < 0 && errno == EINTR);
    if (n < 0) {
      *os_err = errno;
      r = from_errno(errno);
    }
  }
  errno = saved_errno;
  SetLastError(saved_last);
  return r;
}

/* The OSError subclass CPython raises for a failed send (Winsock error, as
 * its winerror-to-errno map gives it) or write (CRT errno). */
static const char *exc_class(bool socket, int err, int os_err) {
  if (socket) {
    switch (os_err) {
    case WSAEWOULDBLOCK: return "BlockingIOError";
    case WSAEINTR: return "InterruptedError";
    case WSAECONNRESET: return "ConnectionResetError";
    case WSAECONNABORTED: return "ConnectionAbortedError";
    case WSAEACCES: return "PermissionError";
    default: break;
    }
  } else {
    switch (os_err) {
    case EPIPE: return "BrokenPipeError";
    case EAGAIN: return "BlockingIOError";
    case EINTR: return "InterruptedError";
    case EACCES: return "PermissionError";
    default: break;
    }
  }
  return err == SIGEMU_EAGAIN ? "BlockingIOError" : "OSError";
}

const char *sigemu__os_wakeup_describe(intptr_t fd, int err, int os_err,
                                       char *buf, size_t n, const char **verb) {
  bool sock = is_socket(fd);
  if (sock) {
    /* As CPython's PyErr_SetExcFromWindowsErr words it: "[WinError N]"
     * and FormatMessage's text without trailing blanks and dots. */
    char msg[256];
    DWORD len = FormatMessageA(
        FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS, NULL,
        (DWORD)os_err, 0, msg, sizeof msg, NULL);
    while (len > 0 && (msg[len - 1] <= ' ' || msg[len - 1] == '.')) len--;
    msg[len] = 0;
    snprintf(buf, n, "[WinError %d] %s", os_err,
             len ? msg : "Unknown error");
    *verb = "send to";
  } else {
    snprintf(buf, n, "[Errno %d] %s", os_err, strerror(os_err));
    *verb = "write to";
  }
  return exc_class(sock, err, os_err);
}
