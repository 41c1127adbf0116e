/* abi.c — the library's version at run time and the sized options struct.
 *
 * sigemu_options follows the rule of Linux's extensible structs (clone3,
 * openat2): the caller says how big its struct is; a smaller one gets
 * defaults for what it lacks, a larger one is accepted only if everything
 * this library does not know is zero. 0 is the first sized layout (0.2), so
 * designated initialisers without .size keep their meaning.
 */
#include <string.h>

#include "abi.h"

int sigemu_version(void) { return SIGEMU_VERSION; }
const char *sigemu_version_string(void) { return SIGEMU_VERSION_STRING; }

/* The end of the 0.2 layout: the smallest struct a caller may pass. */
#define LAYOUT_0_2 (offsetof(sigemu_options, size) + sizeof(size_t))

int sigemu__options_copy(const sigemu_options *opt, sigemu_options *out) {
  memset(out, 0, sizeof *out);
  if (!opt) return 0;
  size_t size = opt->size ? opt->size : LAYOUT_0_2;
  if (size < LAYOUT_0_2) return SIGEMU_EINVAL;
  if (size > sizeof *out) {
    const unsigned char *tail = (const unsigned char *)opt + sizeof *out;
    for (size_t i = 0; i < size - sizeof *out; i++)
      if (tail[i]) return SIGEMU_EINVAL;
    size = sizeof *out;
  }
  memcpy(out, opt, size);
  out->size = sizeof *out;
  return 0;
}
