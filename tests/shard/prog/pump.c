/* pump.c: a function that queues itself on the next-tick queue. */
#include "app.h"

void pump(tl_loop *loop, void *arg) { tl_next_tick(loop, pump, arg); }
