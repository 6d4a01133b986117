/* http-two-requests.c: the tickloop twin of http-two-requests.js (two requests one after the other, the second sent once the first answer arrived). */
#include <stdio.h>

#include "conf.h"
static tl_http_server server;
static int n;
static void handler(tl_http_request *req, void *a) {
  (void)a;
  char body[32];
  say("handler %s", tl_http_url(req));
  int len = snprintf(body, sizeof body, "answer %d", ++n);
  tl_http_respond(req, 200, "text/plain", body, (size_t)len);
}
static void second(tl_loop *l, void *a) { (void)l, (void)a; tl_close(&server.handle, NULL); }
static void first(tl_loop *l, void *a) {
  (void)a;
  conf_http_get(l, tl_http_port(&server), "/two", second, NULL);
}
int main(void) {
  tl_loop *loop = conf_loop();
  tl_http_server_init(loop, &server);
  tl_http_route(&server, "GET", "/one", handler, NULL);
  tl_http_route(&server, "GET", "/two", handler, NULL);
  tl_http_listen(&server, "127.0.0.1", 0);
  conf_http_get(loop, tl_http_port(&server), "/one", first, NULL);
  return conf_finish(loop);
}
