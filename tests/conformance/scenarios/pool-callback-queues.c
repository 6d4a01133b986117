/* pool-callback-queues.c: the tickloop twin of pool-callback-queues.js (a pool completion callback that queues a tick, a promise, an immediate and a due 0 ms timeout). */
#include "conf.h"
static void done(tl_loop *l, int status, const unsigned char *key, size_t len, void *a) {
  (void)status, (void)key, (void)len, (void)a;
  say("pbkdf2 done");
  tl_set_timeout(l, say_cb, "timeout 0", 0, NULL);
  tl_set_immediate(l, say_cb, "immediate", NULL);
  tl_queue_microtask(l, say_cb, "promise");
  tl_next_tick(l, say_cb, "tick");
  busy(3);
}
int main(void) {
  tl_loop *loop = conf_loop();
  tl_pbkdf2(loop, "secret", 6, "salt", 4, 1000, 32, "sha256", done, NULL);
  return conf_finish(loop);
}
