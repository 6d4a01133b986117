/* uv_fs_cb_bad: uv_fs_open with a callback is asynchronous (not reported), but
 * its callback runs on the loop: a plain read() on the result is sync-fs. */
#include <fcntl.h>
#include <unistd.h>
#include <uv.h>

static uv_fs_t open_req;
static char header[64];

static void on_open(uv_fs_t *req) {
  if (req->result < 0) return;
  ssize_t n = read((int)req->result, header, sizeof header); // expected-warning {{sync-fs}}
  (void)n;
  uv_fs_req_cleanup(req);
}

int main(void) {
  uv_loop_t *loop = uv_default_loop();
  uv_fs_open(loop, &open_req, "/var/lib/app/data", O_RDONLY, 0, on_open); // expected-note {{registered here as a loop callback}}
  return uv_run(loop, UV_RUN_DEFAULT);
}
