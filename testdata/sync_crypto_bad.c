/* sync_crypto_bad: password hashing on the loop (the pbkdf2Sync incident):
 * PKCS5_PBKDF2_HMAC and EVP_PBE_scrypt are sync-crypto. */
#include <openssl/evp.h>
#include <uv.h>

static unsigned char key[64];

static void on_login(uv_timer_t *t) {
  const char *pw = t->data;
  PKCS5_PBKDF2_HMAC(pw, 8, (const unsigned char *)"salt", 4, 100000, EVP_sha512(), 64, key); // expected-warning {{sync-crypto}}
  EVP_PBE_scrypt(pw, 8, (const unsigned char *)"salt", 4, 16384, 8, 1, 0, key, sizeof key); // expected-warning {{sync-crypto}}
}

int main(void) {
  uv_loop_t *loop = uv_default_loop();
  uv_timer_t t;
  uv_timer_init(loop, &t);
  t.data = "hunter22";
  uv_timer_start(&t, on_login, 0, 0); // expected-note {{registered here as a loop callback}}
  return uv_run(loop, UV_RUN_DEFAULT);
}
