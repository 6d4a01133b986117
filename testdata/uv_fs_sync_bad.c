/* uv_fs_sync_bad: uv_fs_* with a NULL callback runs synchronously on the
 * calling thread: uv_fs_open, uv_fs_read, uv_fs_write, uv_fs_stat, uv_fs_close
 * with NULL are sync-fs. */
#include <fcntl.h>
#include <uv.h>

static char data[1024];

static void on_tick(uv_timer_t *t) {
  uv_loop_t *loop = t->loop;
  uv_fs_t req;
  uv_buf_t buf = uv_buf_init(data, sizeof data);
  uv_fs_stat(loop, &req, "/var/lib/app/db", NULL); // expected-warning {{sync-fs}}
  int fd = uv_fs_open(loop, &req, "/var/lib/app/db", O_RDWR, 0, NULL); // expected-warning {{sync-fs}}
  uv_fs_read(loop, &req, fd, &buf, 1, -1, NULL); // expected-warning {{sync-fs}}
  uv_fs_write(loop, &req, fd, &buf, 1, -1, NULL); // expected-warning {{sync-fs}}
  uv_fs_close(loop, &req, fd, NULL); // expected-warning {{sync-fs}}
  uv_fs_req_cleanup(&req);
}

int main(void) {
  uv_loop_t *loop = uv_default_loop();
  uv_timer_t t;
  uv_timer_init(loop, &t);
  uv_timer_start(&t, on_tick, 0, 1000); // expected-note {{registered here as a loop callback}}
  return uv_run(loop, UV_RUN_DEFAULT);
}
