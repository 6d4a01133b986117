/* msg_dontwait_ok: recv, recvfrom, recvmsg, send, sendto and sendmsg given
 * MSG_DONTWAIT do not wait, whatever the socket's mode (lighttpd peeks at a
 * PROXY header this way); the same calls without it do. */
#include <sys/socket.h>
#include <uv.h>

static int sock = -1;

static void on_tick(uv_timer_t *t) {
  (void)t;
  char hdr[16];
  struct msghdr m = {0};
  recv(sock, hdr, sizeof hdr, MSG_PEEK | MSG_DONTWAIT); // no-warning
  recvfrom(sock, hdr, sizeof hdr, MSG_DONTWAIT, NULL, NULL); // no-warning
  recvmsg(sock, &m, MSG_DONTWAIT); // no-warning
  send(sock, hdr, sizeof hdr, MSG_DONTWAIT | MSG_NOSIGNAL); // no-warning
  sendto(sock, hdr, sizeof hdr, MSG_DONTWAIT, NULL, 0); // no-warning
  sendmsg(sock, &m, MSG_DONTWAIT); // no-warning
}

int main(void) {
  uv_timer_t t;
  uv_timer_init(uv_default_loop(), &t);
  uv_timer_start(&t, on_tick, 100, 100);
  return uv_run(uv_default_loop(), UV_RUN_DEFAULT);
}
