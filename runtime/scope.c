/* scope.c: the frame around every user callback. Entering tells the
 * watchdog which callback holds the loop; leaving the outermost frame drains
 * the next-tick and microtask queues, which is what "after every callback"
 * means (Node's InternalCallbackScope does the same).
 *
 * Invariant: scope_depth counts the frames entered and not yet left on the
 * loop thread; queues drain only when it returns to 0. */
#include "internal.h"

void tl__cb_enter(tl_loop *loop, const void *fn, const char *kind) {
  loop->scope_depth++;
  if (tl__wd_active(loop->wd)) tl__wd_enter(loop->wd, fn, kind);
}

void tl__cb_leave(tl_loop *loop) {
  /* The watchdog may have been started or stopped by the callback; its own
   * depth counter ignores a leave without an enter. */
  if (tl__wd_active(loop->wd)) tl__wd_leave(loop->wd);
  if (--loop->scope_depth == 0) tl__drain(loop);
}
