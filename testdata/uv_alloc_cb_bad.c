/* uv_alloc_cb_bad: the alloc callback of uv_read_start is a loop root too;
 * sizing the buffer with stat() on a file blocks: sync-fs. */
#include <stdlib.h>
#include <sys/stat.h>
#include <uv.h>

static void on_alloc(uv_handle_t *h, size_t suggested, uv_buf_t *buf) {
  (void)h;
  struct stat st;
  size_t n = suggested;
  if (stat("/etc/app/bufsize", &st) == 0) // expected-warning {{sync-fs}}
    n = (size_t)st.st_size;
  buf->base = malloc(n);
  buf->len = n;
}

static void on_read(uv_stream_t *s, ssize_t nread, const uv_buf_t *buf) {
  (void)s;
  (void)nread;
  free(buf->base);
}

int main(void) {
  uv_loop_t *loop = uv_default_loop();
  uv_pipe_t in;
  uv_pipe_init(loop, &in, 0);
  uv_pipe_open(&in, 0);
  uv_read_start((uv_stream_t *)&in, on_alloc, on_read); // expected-note {{registered here as a loop callback}}
  return uv_run(loop, UV_RUN_DEFAULT);
}
