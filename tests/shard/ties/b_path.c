/* b_path.c: the other way to save(), as short as a_path.c's. */
#include "ties.h"

void via_b(void) { save(); }
