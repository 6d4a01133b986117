/* napi_pure_ok: an exported function that only computes (like bufferutil's
 * mask) has nothing to report. */
// lagscan-flags: -I/usr/include/node
#include <node_api.h>
#include <stddef.h>

static napi_value Mask(napi_env env, napi_callback_info info) {
  size_t argc = 2;
  napi_value argv[2];
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
  unsigned char *buf;
  size_t len;
  napi_get_buffer_info(env, argv[0], (void **)&buf, &len);
  for (size_t i = 0; i < len; i++) buf[i] ^= 0x5a;
  return NULL;
}
static napi_value Init(napi_env env, napi_value exports) {
  napi_value fn;
  napi_create_function(env, NULL, 0, Mask, NULL, &fn);
  napi_set_named_property(env, exports, "mask", fn);
  return exports;
}
NAPI_MODULE(NODE_GYP_MODULE_NAME, Init)
