/* reg_z.c: on_two's second registration in the source. */
#include "ties.h"

void register_z(uv_timer_t *t) { uv_timer_start(t, on_two, 5, 10); }
