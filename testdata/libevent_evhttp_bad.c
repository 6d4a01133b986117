/* libevent_evhttp_bad: evhttp_set_cb and evhttp_set_gencb handlers run on the
 * loop; a handler that hashes a password with PBKDF2 blocks every request. */
#include <event2/event.h>
#include <event2/http.h>
#include <openssl/evp.h>

static void on_login(struct evhttp_request *req, void *arg) {
  (void)arg;
  unsigned char key[32];
  PKCS5_PBKDF2_HMAC("pw", 2, (const unsigned char *)"salt", 4, 210000, EVP_sha256(), 32, key); // expected-warning {{sync-crypto}}
  evhttp_send_reply(req, 200, "OK", NULL);
}
static void on_other(struct evhttp_request *req, void *arg) {
  (void)arg;
  evhttp_send_reply(req, 404, "Not Found", NULL);
}

int main(void) {
  struct event_base *base = event_base_new();
  struct evhttp *http = evhttp_new(base);
  evhttp_set_cb(http, "/login", on_login, NULL);
  evhttp_set_gencb(http, on_other, NULL);
  evhttp_bind_socket(http, "127.0.0.1", 8080);
  return event_base_dispatch(base);
}
