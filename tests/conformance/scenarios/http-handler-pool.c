/* http-handler-pool.c: the tickloop twin of http-handler-pool.js (a request handler answers from a pool callback (fs.stat) and sets an immediate first). */
#include "conf.h"
static tl_http_server server;
static tl_http_request *pending;
static void on_stat(tl_loop *l, int status, const struct stat *st, void *a) {
  (void)l, (void)status, (void)st, (void)a;
  say("stat done, answering");
  tl_http_respond(pending, 200, "text/plain", "stat", 4);
}
static void handler(tl_http_request *req, void *a) {
  (void)a;
  tl_loop *l = tl_http_request_loop(req);
  say("handler");
  pending = req;
  tl_fs_stat(l, conf_path("small.txt"), on_stat, NULL);
  tl_set_immediate(l, say_cb, "immediate", NULL);
}
static void done(tl_loop *l, void *a) { (void)l, (void)a; tl_close(&server.handle, NULL); }
int main(void) {
  tl_loop *loop = conf_loop();
  tl_http_server_init(loop, &server);
  tl_http_route(&server, "GET", "/", handler, NULL);
  tl_http_listen(&server, "127.0.0.1", 0);
  conf_http_get(loop, tl_http_port(&server), "/", done, NULL);
  return conf_finish(loop);
}
