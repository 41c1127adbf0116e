/* libc_features.c — prints the POSIX layer's function table as built for
 * this target: NAME<TAB>note per row. docs/gen-tables.sh runs it for
 * emscripten and wasi and writes the README's POSIX-layer table. */
#include <stdio.h>

#include "sigemu_libc.h"

int main(void) {
  printf("backend\t%s\n", sigemu_backend());
  const char *name, *note;
  for (int i = 0; sigemu_libc_function(i, &name, &note) == 0; i++)
    printf("%s\t%s\n", name, note);
  return 0;
}
