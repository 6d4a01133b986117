/* uv_after_work_bad: uv_queue_work's work_cb is a worker root (its PBKDF2 is
 * fine), but after_work_cb runs on the loop: writing the result to a file with
 * fopen is sync-fs. */
#include <openssl/evp.h>
#include <stdio.h>
#include <uv.h>

static unsigned char key[32];
static uv_work_t work;

static void derive(uv_work_t *req) {
  (void)req;
  PKCS5_PBKDF2_HMAC("pw", 2, (const unsigned char *)"salt", 4, 600000, EVP_sha256(), 32, key); // no-warning: worker
}

static void derived(uv_work_t *req, int status) {
  (void)req;
  if (status != 0) return;
  FILE *f = fopen("/var/lib/app/key", "wb"); // expected-warning {{sync-fs}}
  (void)f;
}

int main(void) {
  uv_loop_t *loop = uv_default_loop();
  uv_queue_work(loop, &work, derive, derived); // expected-note {{registered here as a loop callback}}
  return uv_run(loop, UV_RUN_DEFAULT);
}
