/* features.c — prints this backend's availability table, one line per
 * feature: NAME<TAB>yes|no<TAB>note. docs/gen-tables.sh runs it for every
 * backend and writes the README's table from the output, so the table is
 * the code's own answer (sigemu_available), never a hand-kept list. */
#include <stdio.h>

#include "sigemu.h"

int main(void) {
  printf("backend\t%s\n", sigemu_backend());
  for (int f = 0; f < SIGEMU_FEATURE_COUNT; f++) {
    sigemu_feature ft = (sigemu_feature)f;
    printf("%s\t%s\t%s\t%s\n", sigemu_feature_name(ft),
           sigemu_available(ft) ? "yes" : "no", sigemu_feature_what(ft),
           sigemu_feature_note(ft));
  }
  return 0;
}
