/* http-handler-slow-timer.c: the tickloop twin of http-handler-slow-timer.js (a handler works 30 ms, then sets a 10 ms timeout; a 35 ms timeout set just before the request was sent comes first, since the handler's counts from after the work). */
#include "conf.h"
static tl_http_server server;
static tl_http_request *pending;
static void answer(tl_loop *l, void *a) {
  (void)l, (void)a;
  say("handler timeout 10, answering");
  tl_http_respond(pending, 200, "text/plain", "late", 4);
}
static void handler(tl_http_request *req, void *a) {
  (void)a;
  tl_loop *l = tl_http_request_loop(req);
  say("handler");
  pending = req;
  busy(30);
  tl_set_timeout(l, answer, NULL, 10, NULL);
}
static void done(tl_loop *l, void *a) { (void)l, (void)a; tl_close(&server.handle, NULL); }
static void listening(tl_loop *l, void *a) {
  (void)a;
  tl_set_timeout(l, say_cb, "timeout 35, set before the request", 35, NULL);
  conf_http_get(l, tl_http_port(&server), "/", done, NULL);
}
int main(void) {
  tl_loop *loop = conf_loop();
  tl_http_server_init(loop, &server);
  tl_http_route(&server, "GET", "/", handler, NULL);
  tl_http_listen(&server, "127.0.0.1", 0);
  tl_next_tick(loop, listening, NULL); /* node emits 'listening' from a next tick */
  return conf_finish(loop);
}
