/* static_same_name_bad (b.c): the other `static void helper(void)`, which does
 * not block, called from a loop root of its own. */
#include <uv.h>

static int idles;

static void helper(void) {
  idles++;
}

void on_idle_b(uv_idle_t *h) {
  (void)h;
  helper();
}
