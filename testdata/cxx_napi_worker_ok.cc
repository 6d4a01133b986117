/* cxx_napi_worker_ok: an AsyncWorker's Execute runs on libuv's pool (pack
 * node-addon-api, 'overrides:' Napi::AsyncWorker::Execute): it may block,
 * and so may a method reached only from it. Its OnOK does not block. */
#include <napi_fake.h>
#include <unistd.h>

class CompressWorker : public Napi::AsyncWorker {
 public:
  explicit CompressWorker(const Napi::Function &cb) : Napi::AsyncWorker(cb) {}
  void Execute() override {
    usleep(100); // no-warning: on the pool
    Crunch();
  }
  void OnOK() override { done_ = true; }

 private:
  void Crunch() { sleep(2); } // no-warning: reached only from Execute
  bool done_ = false;
};

static Napi::Value Start(const Napi::CallbackInfo &info) {
  Napi::Function cb;
  (new CompressWorker(cb))->Queue();
  return info.Env().Global();
}

int main() {
  Napi::Function::New(Napi::Env(nullptr), Start);
  return 0;
}
