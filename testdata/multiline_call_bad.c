/* multiline_call_bad: a blocking call whose arguments span several lines is
 * reported on the line where the call starts (expectation written with @+1
 * on the line above). */
#include <openssl/evp.h>
#include <string.h>
#include <uv.h>

static unsigned char key[32];
static const unsigned char salt[16] = {1, 2, 3};

static void on_login(uv_timer_t *t) {
  const char *pw = t->data;
  // expected-warning@+1 {{sync-crypto}}
  PKCS5_PBKDF2_HMAC(pw, (int)strlen(pw),
                    salt, sizeof salt,
                    210000, EVP_sha512(),
                    sizeof key, key);
}

int main(void) {
  uv_loop_t *loop = uv_default_loop();
  uv_timer_t t;
  uv_timer_init(loop, &t);
  t.data = "correct horse";
  uv_timer_start(&t, on_login, 0, 0); // expected-note {{registered here as a loop callback}}
  return uv_run(loop, UV_RUN_DEFAULT);
}
