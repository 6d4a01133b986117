/* napi_fake.h: a stand-in for node-addon-api's napi.h, for lagscan's C++
 * fixtures (CI has no node-addon-api). Written from the API's shapes, not
 * copied: namespace Napi with the classes and the signatures the
 * node-addon-api pack (rules/node-addon-api.yml) names, declarations, and
 * trivial inline bodies for the templates a lambda may be given to (they
 * must be defined where they are used). Included as a project header (-I), as
 * node-gyp and cmake-js include the real one. */
#ifndef LAGSCAN_TESTDATA_NAPI_FAKE_H
#define LAGSCAN_TESTDATA_NAPI_FAKE_H

#include <cstddef>
#include <initializer_list>
#include <string>

typedef struct napi_env__ *napi_env;
typedef struct napi_value__ *napi_value;
typedef enum { napi_default = 0 } napi_property_attributes;
typedef enum { napi_ok = 0 } napi_status;

namespace Napi {

class Env;
class Function;

class Value {
 public:
  Value();
  Value(napi_env env, napi_value value);
  Napi::Env Env() const;
};

class Object : public Value {
 public:
  Object();
  void Set(const char *name, const Value &value);
};

class String : public Value {
 public:
  static String New(napi_env env, const char *value);
  std::string Utf8Value() const;
};

class Number : public Value {
 public:
  static Number New(napi_env env, double value);
};

class Env {
 public:
  Env(napi_env env);
  operator napi_env() const;
  Object Global() const;
  /* the hook runs on the JavaScript thread when the environment goes away */
  template <typename Hook>
  void AddCleanupHook(Hook hook) { (void)hook; }
  template <typename Hook, typename Arg>
  void AddCleanupHook(Hook hook, Arg *arg) { (void)hook; (void)arg; }
};

class Error : public Object {
 public:
  static Error New(napi_env env, const char *message);
  std::string Message() const;
};

class CallbackInfo {
 public:
  Napi::Env Env() const;
  size_t Length() const;
  Value operator[](size_t index) const;
  Value This() const;
};

class Function : public Object {
 public:
  typedef void (*VoidCallback)(const CallbackInfo &info);
  typedef Value (*Callback)(const CallbackInfo &info);
  /* a function called from JavaScript: any callable */
  template <typename Callable>
  static Function New(napi_env env, Callable cb, const char *utf8name = nullptr,
                      void *data = nullptr) {
    (void)env; (void)cb; (void)utf8name; (void)data;
    return Function();
  }
  Value Call(std::initializer_list<napi_value> args) const;
};

template <typename T>
class Reference {
 public:
  T Value() const;
};

class FunctionReference : public Reference<Function> {};

template <typename T>
class ClassPropertyDescriptor {
 public:
  ClassPropertyDescriptor();
};

template <typename T>
class InstanceWrap {
 public:
  typedef void (T::*InstanceVoidMethodCallback)(const CallbackInfo &info);
  typedef Napi::Value (T::*InstanceMethodCallback)(const CallbackInfo &info);
  typedef ClassPropertyDescriptor<T> PropertyDescriptor;
  /* the method is given as an argument... */
  static PropertyDescriptor InstanceMethod(const char *utf8name, InstanceVoidMethodCallback method,
                                           napi_property_attributes attributes = napi_default,
                                           void *data = nullptr);
  static PropertyDescriptor InstanceMethod(const char *utf8name, InstanceMethodCallback method,
                                           napi_property_attributes attributes = napi_default,
                                           void *data = nullptr);
  /* ... or as a template argument */
  template <InstanceVoidMethodCallback method>
  static PropertyDescriptor InstanceMethod(const char *utf8name,
                                           napi_property_attributes attributes = napi_default,
                                           void *data = nullptr);
  template <InstanceMethodCallback method>
  static PropertyDescriptor InstanceMethod(const char *utf8name,
                                           napi_property_attributes attributes = napi_default,
                                           void *data = nullptr);
};

template <typename T>
class ObjectWrap : public InstanceWrap<T>, public Reference<Object> {
 public:
  typedef void (*StaticVoidMethodCallback)(const CallbackInfo &info);
  typedef Napi::Value (*StaticMethodCallback)(const CallbackInfo &info);
  typedef ClassPropertyDescriptor<T> PropertyDescriptor;
  ObjectWrap(const CallbackInfo &info);
  virtual ~ObjectWrap();
  virtual void Finalize(Napi::Env env);
  static Function DefineClass(Napi::Env env, const char *utf8name,
                              const std::initializer_list<PropertyDescriptor> &properties,
                              void *data = nullptr);
  static PropertyDescriptor StaticMethod(const char *utf8name, StaticVoidMethodCallback method,
                                         napi_property_attributes attributes = napi_default,
                                         void *data = nullptr);
  static PropertyDescriptor StaticMethod(const char *utf8name, StaticMethodCallback method,
                                         napi_property_attributes attributes = napi_default,
                                         void *data = nullptr);
};

/* Execute runs on libuv's pool; OnOK or OnError then run on the loop. */
class AsyncWorker {
 public:
  virtual ~AsyncWorker();
  void Queue();
  void Cancel();

 protected:
  explicit AsyncWorker(const Function &callback);
  explicit AsyncWorker(Napi::Env env);
  virtual void Execute() = 0;
  virtual void OnOK();
  virtual void OnError(const Error &e);
  void SetError(const std::string &error);
  Napi::Env Env() const;
};

class ThreadSafeFunction {
 public:
  template <typename ResourceString>
  static ThreadSafeFunction New(napi_env env, const Function &callback, ResourceString resourceName,
                                size_t maxQueueSize, size_t initialThreadCount);
  /* the callback runs on the loop, called from another thread */
  napi_status BlockingCall() const;
  template <typename Callback>
  napi_status BlockingCall(Callback callback) const { (void)callback; return napi_ok; }
  template <typename DataType, typename Callback>
  napi_status BlockingCall(DataType *data, Callback callback) const {
    (void)data; (void)callback;
    return napi_ok;
  }
  template <typename Callback>
  napi_status NonBlockingCall(Callback callback) const { (void)callback; return napi_ok; }
  napi_status Release() const;
};

}  // namespace Napi

#endif
