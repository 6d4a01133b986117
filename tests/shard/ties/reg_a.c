/* reg_a.c: on_two's first registration in the source. */
#include "ties.h"

void register_a(uv_timer_t *t) { uv_timer_start(t, on_two, 0, 10); }
