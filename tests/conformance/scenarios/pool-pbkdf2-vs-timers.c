/* pool-pbkdf2-vs-timers.c: the tickloop twin of pool-pbkdf2-vs-timers.js (work on the pool (about 20 ms of PBKDF2) against a short and a long timeout). */
#include "conf.h"
static void done(tl_loop *l, int status, const unsigned char *key, size_t len, void *a) {
  (void)l, (void)status, (void)key, (void)len, (void)a;
  say("pbkdf2 done");
}
int main(void) {
  tl_loop *loop = conf_loop();
  tl_set_timeout(loop, say_cb, "timeout 2", 2, NULL);
  tl_pbkdf2(loop, "secret", 6, "salt", 4, 100000, 32, "sha256", done, NULL);
  tl_set_timeout(loop, say_cb, "timeout 600", 600, NULL);
  return conf_finish(loop);
}
