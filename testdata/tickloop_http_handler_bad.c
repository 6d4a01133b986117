/* tickloop_http_handler_bad: an HTTP route handler runs on the loop; reading
 * a file with tl_fs_read_file_sync and hashing with tl_pbkdf2_sync there
 * stalls every connection. The async variants in the other handler are fine. */
#include <stdlib.h>
#include <tickloop.h>

static void on_index(tl_http_request *req, void *arg) {
  (void)arg;
  char *page = NULL;
  size_t len = 0;
  tl_fs_read_file_sync("/srv/www/index.html", &page, &len); // expected-warning {{sync-fs}}
  tl_http_respond(req, 200, "text/html", page, len);
  free(page);
}

static void on_login(tl_http_request *req, void *arg) {
  (void)arg;
  unsigned char key[32];
  size_t n = 0;
  const char *body = tl_http_body(req, &n);
  tl_pbkdf2_sync(body, n, "salt", 4, 100000, sizeof key, NULL, key); // expected-warning {{sync-crypto}}
  tl_http_respond(req, 204, NULL, NULL, 0);
}

static void on_hashed(tl_loop *loop, int status, const unsigned char *key, size_t keylen, void *arg) {
  (void)loop;
  (void)key;
  (void)keylen;
  tl_http_respond(arg, status == 0 ? 204 : 500, NULL, NULL, 0);
}

static void on_login_async(tl_http_request *req, void *arg) {
  (void)arg;
  size_t n = 0;
  const char *body = tl_http_body(req, &n);
  tl_pbkdf2(tl_http_request_loop(req), body, n, "salt", 4, 100000, 32, NULL, on_hashed, req);
}

int main(void) {
  tl_loop *loop;
  tl_http_server server;
  if (tl_loop_new(&loop) != 0 || tl_http_server_init(loop, &server) != 0) return 1;
  tl_http_route(&server, "GET", "/", on_index, NULL);
  tl_http_route(&server, "POST", "/login", on_login, NULL);
  tl_http_route(&server, "POST", "/login-async", on_login_async, NULL);
  tl_http_listen(&server, "127.0.0.1", 8080);
  tl_run(loop);
  return tl_loop_close(loop);
}
