/* napi_function_bad: functions exported with napi_create_function, methods,
 * getters and setters of napi_define_properties' descriptors, and a class
 * constructor run on the JavaScript thread, which is the loop. */
// lagscan-flags: -I/usr/include/node
#include <node_api.h>
#include <stdio.h>
#include <unistd.h>

static napi_value ReadConfig(napi_env env, napi_callback_info info) {
  (void)env; (void)info;
  FILE *f = fopen("/etc/app.conf", "r"); // expected-warning {{sync-fs}}
  (void)f;
  return NULL;
}
static napi_value Nap(napi_env env, napi_callback_info info) {
  (void)env; (void)info;
  usleep(1000); // expected-warning {{sleep}}
  return NULL;
}
static napi_value GetState(napi_env env, napi_callback_info info) {
  (void)env; (void)info;
  unlink("/tmp/state"); // expected-warning {{sync-fs}}
  return NULL;
}
static napi_value NewThing(napi_env env, napi_callback_info info) {
  (void)env; (void)info;
  sleep(1); // expected-warning {{sleep}}
  return NULL;
}

static napi_value Init(napi_env env, napi_value exports) {
  napi_value fn, cls;
  napi_create_function(env, "readConfig", NAPI_AUTO_LENGTH, ReadConfig, NULL, &fn);
  napi_property_descriptor props[] = {
      {"nap", NULL, Nap, NULL, NULL, NULL, napi_default, NULL},
      {"state", NULL, NULL, GetState, NULL, NULL, napi_default, NULL},
  };
  napi_define_properties(env, exports, 2, props);
  napi_define_class(env, "Thing", NAPI_AUTO_LENGTH, NewThing, NULL, 0, NULL, &cls);
  return exports;
}

NAPI_MODULE(NODE_GYP_MODULE_NAME, Init)
