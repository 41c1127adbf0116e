/* errno_pyexc.c — see errno_pyexc.h. The classes are those of CPython's
 * errnomap (Objects/exceptions.c) that a failed write can give. */
#include <errno.h>

#include "backend.h"
#include "errno_pyexc.h"

const char *sigemu__errno_pyexc(int err, int os_err) {
  switch (os_err) {
  case EPIPE: return "BrokenPipeError";
  case EAGAIN: return "BlockingIOError";
#if EWOULDBLOCK != EAGAIN
  case EWOULDBLOCK: return "BlockingIOError";
#endif
  case EINTR: return "InterruptedError";
  case EPERM:
  case EACCES: return "PermissionError";
  case ECONNRESET: return "ConnectionResetError";
  default: break;
  }
  switch (err) {
  case SIGEMU_EAGAIN: return "BlockingIOError";
  case SIGEMU_EINTR: return "InterruptedError";
  case SIGEMU_EPERM: return "PermissionError";
  default: return "OSError";
  }
}
