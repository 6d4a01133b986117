/* uv_write_cb_bad: a uv_write completion callback that fsyncs a journal
 * descriptor: sync-fs. */
#include <fcntl.h>
#include <unistd.h>
#include <uv.h>

static int journal_fd = -1;
static uv_write_t wreq;
static char reply[] = "ok\n";

static void on_written(uv_write_t *req, int status) {
  (void)req;
  if (status == 0)
    fsync(journal_fd); // expected-warning {{sync-fs}}
}

int main(void) {
  journal_fd = open("/var/lib/app/journal", O_WRONLY | O_APPEND); // no-warning: start-up
  uv_loop_t *loop = uv_default_loop();
  uv_pipe_t out;
  uv_pipe_init(loop, &out, 0);
  uv_pipe_open(&out, 1);
  uv_buf_t buf = uv_buf_init(reply, sizeof reply - 1);
  uv_write(&wreq, (uv_stream_t *)&out, &buf, 1, on_written); // expected-note {{registered here as a loop callback}}
  return uv_run(loop, UV_RUN_DEFAULT);
}
