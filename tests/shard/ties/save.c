/* save.c: the blocking call both paths end in. */
#include <stdio.h>

#include "ties.h"

void save(void) {
  FILE *f = fopen("/tmp/state", "w");
  if (f) fclose(f);
}
