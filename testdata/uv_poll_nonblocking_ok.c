/* uv_poll_nonblocking_ok: uv_poll_init sets the descriptor it is given
 * non-blocking (libuv >= 1.2.2), so the poll callback's recv and send on
 * it return at once: nothing is reported. The callback is given the
 * handle, not the descriptor; the descriptor is the one the program keeps. */
#include <sys/socket.h>
#include <uv.h>

struct client {
  uv_poll_t poll;
  int sock;
};

static struct client cl;

static void on_poll(uv_poll_t *h, int status, int events) {
  struct client *c = h->data;
  char buf[256];
  if (status < 0) return;
  if (events & UV_READABLE) (void)recv(c->sock, buf, sizeof buf, 0); // no-warning
  if (events & UV_WRITABLE) (void)send(c->sock, "x", 1, 0);          // no-warning
}

int main(void) {
  uv_loop_t *loop = uv_default_loop();
  cl.sock = socket(AF_INET, SOCK_STREAM, 0);
  uv_poll_init(loop, &cl.poll, cl.sock);
  cl.poll.data = &cl;
  uv_poll_start(&cl.poll, UV_READABLE | UV_WRITABLE, on_poll);
  return uv_run(loop, UV_RUN_DEFAULT);
}
