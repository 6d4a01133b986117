/* server-close-callback.c: the tickloop twin of server-close-callback.js (closing an HTTP server that has no connection, with an immediate set just after). */
#include "conf.h"
static tl_http_server server;
static void closed(tl_handle *h) { (void)h; say("server closed"); }
static void listening(tl_loop *l, void *a) {
  (void)a;
  tl_close(&server.handle, closed);
  tl_set_immediate(l, say_cb, "immediate", NULL);
  tl_next_tick(l, say_cb, "tick");
}
int main(void) {
  tl_loop *loop = conf_loop();
  tl_http_server_init(loop, &server);
  tl_http_listen(&server, "127.0.0.1", 0);
  tl_next_tick(loop, listening, NULL); /* node emits 'listening' from a next tick */
  return conf_finish(loop);
}
