/* libraries_on_pool_ok: database, compression, parsing, network and
 * password-hashing calls made in uv_queue_work's work callback run on the
 * thread pool, where blocking is what the pool is for. */
#include <cjson/cJSON.h>
#include <curl/curl.h>
#include <openssl/evp.h>
#include <sqlite3.h>
#include <uv.h>
#include <zlib.h>

typedef struct job {
  uv_work_t req;
  sqlite3 *db;
  char body[4096];
  unsigned char key[32];
} job;

static void work(uv_work_t *req) {
  job *j = req->data;
  sqlite3_exec(j->db, "VACUUM", NULL, NULL, NULL);
  static unsigned char out[8192];
  uLongf n = sizeof out;
  compress(out, &n, (const unsigned char *)j->body, sizeof j->body);
  cJSON_Delete(cJSON_Parse(j->body));
  CURL *c = curl_easy_init();
  curl_easy_perform(c);
  curl_easy_cleanup(c);
  PKCS5_PBKDF2_HMAC("pw", 2, (const unsigned char *)"salt", 4, 600000, EVP_sha256(), 32, j->key);
}

static void after(uv_work_t *req, int status) {
  (void)req;
  (void)status;
}

static void on_tick(uv_timer_t *t) {
  static job j;
  j.req.data = &j;
  uv_queue_work(t->loop, &j.req, work, after);
}

int main(void) {
  uv_timer_t t;
  uv_timer_init(uv_default_loop(), &t);
  uv_timer_start(&t, on_tick, 1000, 1000);
  return uv_run(uv_default_loop(), UV_RUN_DEFAULT);
}
