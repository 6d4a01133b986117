/* static_same_name_ok (b.c): the non-blocking `static void helper(void)`,
 * called from the loop. */
#include <uv.h>

static int idles;

static void helper(void) {
  idles++;
}

void on_idle_b(uv_idle_t *h) {
  (void)h;
  helper();
}
