/* napi_async_work_bad: napi_create_async_work's execute runs on libuv's pool
 * (blocking is the point of it); its complete callback runs on the loop. */
// lagscan-flags: -I/usr/include/node
#include <node_api.h>
#include <openssl/evp.h>
#include <unistd.h>

typedef struct job { napi_async_work work; unsigned char key[32]; } job;

static void Execute(napi_env env, void *data) {
  (void)env;
  job *j = data;
  PKCS5_PBKDF2_HMAC("pw", 2, (const unsigned char *)"salt", 4, 600000, EVP_sha256(), 32, j->key);
}
static void Complete(napi_env env, napi_status status, void *data) {
  (void)env; (void)status; (void)data;
  fsync(3); // expected-warning {{sync-fs}}
}
static napi_value Hash(napi_env env, napi_callback_info info) {
  (void)info;
  static job j;
  napi_value name;
  napi_create_string_utf8(env, "hash", NAPI_AUTO_LENGTH, &name);
  napi_create_async_work(env, NULL, name, Execute, Complete, &j, &j.work);
  napi_queue_async_work(env, j.work);
  return NULL;
}
static napi_value Init(napi_env env, napi_value exports) {
  napi_value fn;
  napi_create_function(env, "hash", NAPI_AUTO_LENGTH, Hash, NULL, &fn);
  napi_set_named_property(env, exports, "hash", fn);
  return exports;
}
NAPI_MODULE(NODE_GYP_MODULE_NAME, Init)
