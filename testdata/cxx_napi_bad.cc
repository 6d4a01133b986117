/* cxx_napi_bad: node-addon-api (pack node-addon-api, against the stand-in
 * header testdata/include/napi_fake.h): functions exported with
 * Napi::Function::New (a function and a lambda), ObjectWrap methods given
 * to InstanceMethod as an argument and as a template argument, an
 * AsyncWorker's OnOK and OnError (the library calls them on the loop), a
 * cleanup hook and a ThreadSafeFunction's callback run on the JavaScript
 * thread, the ObjectWrap subclass's constructor (run when JavaScript
 * calls `new Counter`) and its Finalize (run when the garbage collector
 * frees the object). */
#include <napi_fake.h>
#include <stdio.h>
#include <unistd.h>

static Napi::Value ReadConfig(const Napi::CallbackInfo &info) {
  FILE *f = fopen("/etc/app.conf", "r"); // expected-warning {{sync-fs}}
  (void)f;
  return Napi::String::New(info.Env(), "x");
}

class Counter : public Napi::ObjectWrap<Counter> {
 public:
  static Napi::Object Init(Napi::Env env, Napi::Object exports);
  Counter(const Napi::CallbackInfo &info) : Napi::ObjectWrap<Counter>(info) { // expected-note {{'Counter::Counter' constructs a class derived from 'Napi::ObjectWrap'}}
    usleep(5); // expected-warning {{sleep}}
  }
  Napi::Value Inc(const Napi::CallbackInfo &info) {
    usleep(1); // expected-warning {{sleep}}
    return info.This();
  }
  void Reset(const Napi::CallbackInfo &info) {
    (void)info;
    usleep(2); // expected-warning {{sleep}}
  }
  Napi::Value Peek(const Napi::CallbackInfo &info) {
    sleep(1); // expected-warning {{sleep}}
    return info.This();
  }
  void NotExported() { sleep(9); } // no-warning: nothing calls it
  void Finalize(Napi::Env env) override { // expected-note {{'Counter::Finalize' overrides 'Napi::ObjectWrap::Finalize'}}
    (void)env;
    usleep(7); // expected-warning {{sleep}}
  }
};

Napi::Object Counter::Init(Napi::Env env, Napi::Object exports) {
  Napi::Function cls =
      DefineClass(env, "Counter",
                  {InstanceMethod("inc", &Counter::Inc), // expected-note {{'Counter::Inc' registered here as a loop callback (Napi::InstanceWrap::InstanceMethod)}}
                   InstanceMethod("reset", &Counter::Reset), // expected-note {{'Counter::Reset' registered here as a loop callback}}
                   InstanceMethod<&Counter::Peek>("peek")}); // expected-note {{'Counter::Peek' registered here as a loop callback}}
  exports.Set("Counter", cls);
  return exports;
}

class HashWorker : public Napi::AsyncWorker {
 public:
  explicit HashWorker(const Napi::Function &cb) : Napi::AsyncWorker(cb) {}
  void Execute() override { usleep(100); } // no-warning: on libuv's pool
  void OnOK() override { // expected-note {{'HashWorker::OnOK' overrides 'Napi::AsyncWorker::OnOK', which the library calls as a loop callback}}
    sleep(1); // expected-warning {{sleep}}
  }
  void OnError(const Napi::Error &e) override { // expected-note {{'HashWorker::OnError' overrides 'Napi::AsyncWorker::OnError'}}
    (void)e;
    usleep(3); // expected-warning {{sleep}}
  }
};

static Napi::Value StartHash(const Napi::CallbackInfo &info) {
  Napi::Function cb;
  auto *w = new HashWorker(cb);
  w->Queue();
  return info.Env().Global();
}

static Napi::ThreadSafeFunction tsfn;

static Napi::Object Init(Napi::Env env, Napi::Object exports) {
  exports.Set("readConfig", Napi::Function::New(env, ReadConfig)); // expected-note {{'ReadConfig' registered here as a loop callback (Napi::Function::New)}}
  exports.Set("nap", Napi::Function::New(env, [](const Napi::CallbackInfo &info) -> Napi::Value { // expected-note {{registered here as a loop callback (Napi::Function::New)}}
                usleep(10); // expected-warning {{sleep}}
                return info.This();
              }));
  exports.Set("hash", Napi::Function::New(env, StartHash));
  env.AddCleanupHook([] { usleep(20); }); // expected-warning {{sleep}} expected-note {{registered here as a loop callback (Napi::Env::AddCleanupHook)}}
  tsfn.BlockingCall([](Napi::Env, Napi::Function) { usleep(30); }); // expected-warning {{sleep}} expected-note {{registered here as a loop callback (Napi::ThreadSafeFunction::BlockingCall)}}
  return Counter::Init(env, exports);
}

int main() {
  Init(Napi::Env(nullptr), Napi::Object());
  return 0;
}
