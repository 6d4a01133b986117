/* close-order.c: the tickloop twin of close-order.js (close callbacks of three handles closed in order run last-closed first (libuv's closing list)). */
#include "conf.h"
#include <sys/socket.h>
#include <unistd.h>
static tl_tcp h[3];
static int peer[3];
static void open_three(tl_loop *loop) {
  for (int i = 0; i < 3; i++) {
    int sv[2];
    socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv);
    tl_tcp_init(loop, &h[i]);
    tl_tcp_open(&h[i], sv[0]);
    h[i].handle.data = (void *)(intptr_t)(i + 1);
    peer[i] = sv[1];
  }
}
static void close_peers(void) {
  for (int i = 0; i < 3; i++) close(peer[i]);
}

static void on_close(tl_handle *hd) { say("close %d", (int)(intptr_t)hd->data); }
int main(void) {
  tl_loop *loop = conf_loop();
  open_three(loop);
  for (int i = 0; i < 3; i++) tl_close(&h[i].handle, on_close);
  say("closed all three");
  int r = conf_finish(loop);
  close_peers();
  return r;
}
