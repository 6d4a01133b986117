/* uv_fs_async_ok: uv_fs_* with a callback is asynchronous; chaining
 * open -> read -> close through callbacks that only issue more async requests
 * blocks nothing. */
#include <fcntl.h>
#include <uv.h>

static uv_fs_t open_req, read_req, close_req;
static char data[1024];
static uv_buf_t iov;
static long total;

static void on_closed(uv_fs_t *req) {
  uv_fs_req_cleanup(req);
}

static void on_read(uv_fs_t *req) {
  if (req->result > 0) total += req->result;
  uv_fs_close(req->loop, &close_req, (uv_file)open_req.result, on_closed); // no-warning
}

static void on_open(uv_fs_t *req) {
  if (req->result < 0) return;
  iov = uv_buf_init(data, sizeof data);
  uv_fs_read(req->loop, &read_req, (uv_file)req->result, &iov, 1, -1, on_read); // no-warning
}

static void on_tick(uv_timer_t *t) {
  uv_fs_open(t->loop, &open_req, "/var/lib/app/db", O_RDONLY, 0, on_open); // no-warning
}

int main(void) {
  uv_loop_t *loop = uv_default_loop();
  uv_timer_t t;
  uv_timer_init(loop, &t);
  uv_timer_start(&t, on_tick, 0, 1000);
  return uv_run(loop, UV_RUN_DEFAULT);
}
