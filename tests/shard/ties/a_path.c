/* a_path.c: one of two equally short ways to save(); first in the source. */
#include "ties.h"

void via_a(void) { save(); }
