/* napi_tsfn_bad: a thread-safe function's call_js runs on the loop; calling
 * napi_call_threadsafe_function with napi_tsfn_blocking on the loop thread can
 * wait for a queue only the loop drains. napi_tsfn_nonblocking is fine. */
// lagscan-flags: -I/usr/include/node
#include <node_api.h>
#include <unistd.h>

static napi_threadsafe_function tsfn;

static void CallJs(napi_env env, napi_value js_cb, void *context, void *data) {
  (void)env; (void)js_cb; (void)context; (void)data;
  usleep(50); // expected-warning {{sleep}}
}
static napi_value Notify(napi_env env, napi_callback_info info) {
  (void)env; (void)info;
  napi_call_threadsafe_function(tsfn, NULL, napi_tsfn_blocking); // expected-warning {{thread-wait}}
  napi_call_threadsafe_function(tsfn, NULL, napi_tsfn_nonblocking);
  return NULL;
}
static napi_value Init(napi_env env, napi_value exports) {
  napi_value fn, name;
  napi_create_string_utf8(env, "tsfn", NAPI_AUTO_LENGTH, &name);
  napi_create_threadsafe_function(env, NULL, NULL, name, 0, 1, NULL, NULL, NULL, CallJs, &tsfn);
  napi_create_function(env, "notify", NAPI_AUTO_LENGTH, Notify, NULL, &fn);
  napi_set_named_property(env, exports, "notify", fn);
  return exports;
}
NAPI_MODULE(NODE_GYP_MODULE_NAME, Init)
