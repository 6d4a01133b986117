/* sync_net_curl_bad: curl_easy_perform does the whole transfer (DNS, connect,
 * request, response) before it returns. */
#include <curl/curl.h>
#include <uv.h>

static void on_tick(uv_timer_t *t) {
  (void)t;
  CURL *c = curl_easy_init();
  curl_easy_setopt(c, CURLOPT_URL, "https://api.internal/health");
  curl_easy_perform(c); // expected-warning {{sync-net}}
  curl_easy_cleanup(c);
}

int main(void) {
  uv_timer_t t;
  uv_timer_init(uv_default_loop(), &t);
  uv_timer_start(&t, on_tick, 1000, 1000);
  return uv_run(uv_default_loop(), UV_RUN_DEFAULT);
}
