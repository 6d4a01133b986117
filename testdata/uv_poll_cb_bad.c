/* uv_poll_cb_bad: a uv_poll_start callback that opens and reads a regular
 * file: open and read are both sync-fs. */
#include <fcntl.h>
#include <unistd.h>
#include <uv.h>

static char state[256];

static void on_ready(uv_poll_t *h, int status, int events) {
  (void)h;
  (void)events;
  if (status < 0) return;
  int fd = open("/var/lib/app/state", O_RDONLY); // expected-warning {{sync-fs}}
  if (fd < 0) return;
  ssize_t n = read(fd, state, sizeof state); // expected-warning {{sync-fs}}
  (void)n;
}

int main(void) {
  uv_loop_t *loop = uv_default_loop();
  uv_poll_t poll;
  uv_poll_init(loop, &poll, 0);
  uv_poll_start(&poll, UV_READABLE, on_ready); // expected-note {{registered here as a loop callback}}
  return uv_run(loop, UV_RUN_DEFAULT);
}
