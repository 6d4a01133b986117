/* close-from-close.c: the tickloop twin of close-from-close.js (a handle closed inside a close callback waits for the next close phase, after the check phase). */
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

static void on_close(tl_handle *hd) {
  int i = (int)(intptr_t)hd->data;
  if (i != 1) {
    say("close %d", i);
    return;
  }
  say("close 1, closing 3");
  tl_set_immediate(hd->loop, say_cb, "immediate", NULL);
  tl_close(&h[2].handle, on_close);
}
int main(void) {
  tl_loop *loop = conf_loop();
  open_three(loop);
  tl_close(&h[0].handle, on_close);
  tl_close(&h[1].handle, on_close);
  int r = conf_finish(loop);
  close_peers();
  return r;
}
