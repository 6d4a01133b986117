/* pool4-jobs-in-parallel.c: the tickloop twin of pool4-jobs-in-parallel.js (on a pool of four threads a fast job queued second finishes first). */
#include "conf.h"
static void done(tl_loop *l, int status, const unsigned char *key, size_t len, void *a) {
  (void)l, (void)status, (void)key, (void)len;
  say("%s", (const char *)a);
}
int main(void) {
  tl_loop *loop = conf_loop();
  tl_pbkdf2(loop, "secret", 6, "salt", 4, 300000, 32, "sha256", done, "slow job (queued first)");
  tl_pbkdf2(loop, "secret", 6, "salt", 4, 1000, 32, "sha256", done, "fast job (queued second)");
  return conf_finish(loop);
}
