/* password_hashes_bad: bcrypt through libxcrypt's crypt_r (cost read from the
 * literal salt), libsodium's crypto_pwhash_str, libargon2, and RSA key
 * generation are all sync-crypto on the loop. */
#include <argon2.h>
#include <crypt.h>
#include <openssl/evp.h>
#include <openssl/rsa.h>
#include <sodium.h>
#include <string.h>
#include <uv.h>

static void on_tick(uv_timer_t *t) {
  (void)t;
  struct crypt_data cd;
  memset(&cd, 0, sizeof cd);
  crypt_r("hunter2", "$2b$14$abcdefghijklmnopqrstuv", &cd); // expected-warning {{sync-crypto}}
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(out, "hunter2", 7, crypto_pwhash_OPSLIMIT_SENSITIVE, crypto_pwhash_MEMLIMIT_SENSITIVE) != 0) // expected-warning {{sync-crypto}}
    return;
  unsigned char hash[32];
  argon2id_hash_raw(3, 65536, 1, "pw", 2, "saltsalt", 8, hash, sizeof hash); // expected-warning {{sync-crypto}}
  EVP_PKEY *key = EVP_RSA_gen(4096); // expected-warning {{sync-crypto}}
  EVP_PKEY_free(key);
}

int main(void) {
  uv_timer_t t;
  uv_timer_init(uv_default_loop(), &t);
  uv_timer_start(&t, on_tick, 1000, 1000);
  return uv_run(uv_default_loop(), UV_RUN_DEFAULT);
}
