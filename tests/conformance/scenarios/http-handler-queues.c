/* http-handler-queues.c: the tickloop twin of http-handler-queues.js (a request handler queues a tick, a promise, an immediate and a 0 ms timeout; the timeout answers). */
#include "conf.h"
static tl_http_server server;
static tl_http_request *pending;
static void answer(tl_loop *l, void *a) {
  (void)l, (void)a;
  say("timeout 0, answering");
  tl_http_respond(pending, 200, "text/plain", "ok", 2);
}
static void handler(tl_http_request *req, void *a) {
  (void)a;
  tl_loop *l = tl_http_request_loop(req);
  say("handler %s", tl_http_url(req));
  pending = req;
  tl_next_tick(l, say_cb, "tick");
  tl_queue_microtask(l, say_cb, "promise");
  tl_set_immediate(l, say_cb, "immediate", NULL);
  tl_set_timeout(l, answer, NULL, 0, NULL);
}
static void done(tl_loop *l, void *a) { (void)l, (void)a; tl_close(&server.handle, NULL); }
int main(void) {
  tl_loop *loop = conf_loop();
  tl_http_server_init(loop, &server);
  tl_http_route(&server, "GET", "/hello", handler, NULL);
  tl_http_listen(&server, "127.0.0.1", 0);
  conf_http_get(loop, tl_http_port(&server), "/hello", done, NULL);
  return conf_finish(loop);
}
