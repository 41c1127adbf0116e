/* size_base.c — the minimal program sigemu's size is measured against: an
 * interpreter-like loop that polls its own flag. size_sigemu.c is the same
 * program with sigemu doing the polling; the difference of the two at -Oz
 * is what linking sigemu adds (bench/run.sh, "size" rows).
 */
#include <stdio.h>

static volatile int flag;

int main(int argc, char **argv) {
  (void)argv;
  long acc = 0;
  for (long i = 0; i < 1000L * argc; i++)
    if (flag) acc++;
  printf("%ld\n", acc);
  return 0;
}
