/* test_crypto.c: tl_pbkdf2 and tl_pbkdf2_sync against known vectors:
 * RFC 6070 (PBKDF2-HMAC-SHA1) and the common PBKDF2-HMAC-SHA256 vectors. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "rt.h"

typedef struct vector {
  const char *digest; /* NULL: the default, sha256 */
  const char *password, *salt;
  unsigned iterations;
  size_t keylen;
  const char *hex;
} vector;

static const vector vectors[] = {
    {"sha1", "password", "salt", 1, 20, "0c60c80f961f0e71f3a9b524af6012062fe037a6"},
    {"sha1", "password", "salt", 2, 20, "ea6c014dc72d6f8ccd1ed92ace1d41f0d8de8957"},
    {"sha1", "password", "salt", 4096, 20, "4b007901b765489abead49d926f721d065a429c1"},
    {"sha256", "password", "salt", 1, 32,
     "120fb6cffcf8b32c43e7225256c4f837a86548c92ccc35480805987cb70be17b"},
    {NULL, "password", "salt", 1, 32,
     "120fb6cffcf8b32c43e7225256c4f837a86548c92ccc35480805987cb70be17b"},
    {"sha256", "password", "salt", 4096, 32,
     "c5e478d59288c841aa530db6845c4c8d962893a001ce4e11a4963873aa98134a"},
};
#define NVECTORS (sizeof vectors / sizeof vectors[0])

static void to_hex(const unsigned char *in, size_t n, char *out) {
  for (size_t i = 0; i < n; i++) sprintf(out + 2 * i, "%02x", in[i]);
}

static void test_sync_vectors(void) {
  for (size_t i = 0; i < NVECTORS; i++) {
    const vector *v = &vectors[i];
    unsigned char key[64];
    char hex[129];
    CU_ASSERT_EQUAL(tl_pbkdf2_sync(v->password, strlen(v->password), v->salt, strlen(v->salt),
                                   v->iterations, v->keylen, v->digest, key),
                    0);
    to_hex(key, v->keylen, hex);
    CU_ASSERT_STRING_EQUAL(hex, v->hex);
  }
}

static char async_hex[NVECTORS][129];
static int async_status[NVECTORS];

static void on_key(tl_loop *l, int status, const unsigned char *key, size_t keylen, void *arg) {
  (void)l;
  size_t i = (size_t)(uintptr_t)arg;
  async_status[i] = status;
  if (status == 0) to_hex(key, keylen, async_hex[i]);
}

static void test_async_vectors(void) {
  tl_loop *loop = rt_loop();
  memset(async_hex, 0, sizeof async_hex);
  for (size_t i = 0; i < NVECTORS; i++) {
    const vector *v = &vectors[i];
    async_status[i] = 1;
    CU_ASSERT_EQUAL(tl_pbkdf2(loop, v->password, strlen(v->password), v->salt, strlen(v->salt),
                              v->iterations, v->keylen, v->digest, on_key, (void *)(uintptr_t)i),
                    0);
  }
  tl_run(loop);
  for (size_t i = 0; i < NVECTORS; i++) {
    CU_ASSERT_EQUAL(async_status[i], 0);
    CU_ASSERT_STRING_EQUAL(async_hex[i], vectors[i].hex);
  }
  rt_close(loop);
}

static void test_bad_arguments(void) {
  tl_loop *loop = rt_loop();
  unsigned char key[32];
  CU_ASSERT_EQUAL(tl_pbkdf2_sync("p", 1, "s", 1, 1, 32, "no-such-digest", key), -EINVAL);
  CU_ASSERT_EQUAL(tl_pbkdf2_sync("p", 1, "s", 1, 0, 32, NULL, key), -EINVAL);
  CU_ASSERT_EQUAL(tl_pbkdf2_sync("p", 1, "s", 1, 1, 0, NULL, key), -EINVAL);
  CU_ASSERT_EQUAL(tl_pbkdf2(loop, "p", 1, "s", 1, 1, 32, "no-such-digest", on_key, NULL), -EINVAL);
  CU_ASSERT_EQUAL(tl_pbkdf2(loop, "p", 1, "s", 1, 1, 32, NULL, NULL, NULL), -EINVAL);
  rt_close(loop); /* nothing was queued */
}

void register_crypto_tests(void) {
  CU_pSuite s = CU_add_suite("crypto", NULL, NULL);
  RT_ADD(s, test_sync_vectors);
  RT_ADD(s, test_async_vectors);
  RT_ADD(s, test_bad_arguments);
}
