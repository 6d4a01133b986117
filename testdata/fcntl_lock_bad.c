/* fcntl_lock_bad: fcntl waits only with F_SETLKW; F_SETLK and F_GETFL return
 * at once. flock waits for the lock. */
#include <fcntl.h>
#include <sys/file.h>
#include <uv.h>

static void on_tick(uv_timer_t *t) {
  (void)t;
  struct flock lk = {.l_type = F_WRLCK, .l_whence = SEEK_SET};
  fcntl(5, F_SETLKW, &lk); // expected-warning {{sync-fs}}
  fcntl(5, F_SETLK, &lk);
  fcntl(5, F_GETFL);
  flock(6, LOCK_EX); // expected-warning {{sync-fs}}
}

int main(void) {
  uv_timer_t t;
  uv_timer_init(uv_default_loop(), &t);
  uv_timer_start(&t, on_tick, 1000, 1000);
  return uv_run(uv_default_loop(), UV_RUN_DEFAULT);
}
