/* poll-callback-queues.c: the tickloop twin of poll-callback-queues.js (an fs callback that queues a tick, a promise, an immediate and a 0 ms timeout). */
#include "conf.h"
static void on_read(tl_loop *l, int status, const char *data, size_t len, void *a) {
  (void)status, (void)data, (void)a;
  say("readFile %zu", len);
  tl_set_timeout(l, say_cb, "timeout 0", 0, NULL);
  tl_set_immediate(l, say_cb, "immediate", NULL);
  tl_queue_microtask(l, say_cb, "promise");
  tl_next_tick(l, say_cb, "tick");
}
int main(void) {
  tl_loop *loop = conf_loop();
  tl_fs_read_file(loop, conf_path("small.txt"), on_read, NULL);
  return conf_finish(loop);
}
