/* crypto.c: PBKDF2 with OpenSSL's PKCS5_PBKDF2_HMAC, on the worker pool
 * (tl_pbkdf2) or on the calling thread (tl_pbkdf2_sync, declared
 * LAGSCAN_BLOCKING(sync-crypto)). At 100000 iterations of SHA-256 one
 * derivation takes tens of milliseconds of CPU: on the loop thread, every
 * other client waits that long; this is the payment-API incident.
 *
 * Invariant: the asynchronous request owns copies of the password and salt
 * and wipes them, and the derived key, before freeing. */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include "internal.h"

#define MAX_KEYLEN ((size_t)1 << 20)

/* Checks the arguments; stores the digest. Returns 0 or -EINVAL. */
static int check(size_t passlen, size_t saltlen, unsigned iterations, size_t keylen,
                 const char *digest, const EVP_MD **md) {
  if (iterations == 0 || iterations > INT_MAX || keylen == 0 || keylen > MAX_KEYLEN ||
      passlen > INT_MAX || saltlen > INT_MAX)
    return -EINVAL;
  *md = EVP_get_digestbyname(digest ? digest : "sha256");
  return *md ? 0 : -EINVAL;
}

static int derive(const void *password, size_t passlen, const void *salt, size_t saltlen,
                  unsigned iterations, const EVP_MD *md, size_t keylen, unsigned char *out) {
  /* OpenSSL wants non-NULL pointers even for empty inputs. */
  static const char empty[1];
  if (PKCS5_PBKDF2_HMAC(password ? password : empty, (int)passlen, salt ? salt : empty,
                        (int)saltlen, (int)iterations, md, (int)keylen, out) != 1)
    return -EIO;
  return 0;
}

int tl_pbkdf2_sync(const void *password, size_t passlen, const void *salt, size_t saltlen,
                   unsigned iterations, size_t keylen, const char *digest, unsigned char *out) {
  const EVP_MD *md;
  int r = check(passlen, saltlen, iterations, keylen, digest, &md);
  if (r != 0) return r;
  if (!out || (!password && passlen) || (!salt && saltlen)) return -EINVAL;
  return derive(password, passlen, salt, saltlen, iterations, md, keylen, out);
}

typedef struct pbkdf2_req {
  tl__work w;
  const EVP_MD *md;
  unsigned char *password, *salt, *key;
  size_t passlen, saltlen, keylen;
  unsigned iterations;
  int status;
  tl_pbkdf2_cb cb;
  void *arg;
} pbkdf2_req;

static void free_req(pbkdf2_req *r) {
  if (r->password) OPENSSL_cleanse(r->password, r->passlen);
  if (r->key) OPENSSL_cleanse(r->key, r->keylen);
  free(r->password);
  free(r->salt);
  free(r->key);
  free(r);
}

static void pbkdf2_work(tl__work *w) {
  pbkdf2_req *r = (pbkdf2_req *)w;
  r->status = derive(r->password, r->passlen, r->salt, r->saltlen, r->iterations, r->md, r->keylen,
                     r->key);
  /* Pool threads outlive OpenSSL's exit-time cleanup, after which their
   * per-thread state (the error queue) is never freed; release it after
   * each job. Re-creating it costs nothing next to the derivation. */
  OPENSSL_thread_stop();
}

static void pbkdf2_done(tl__work *w) {
  pbkdf2_req *r = (pbkdf2_req *)w;
  tl_loop *loop = w->loop;
  tl__cb_enter(loop, TL__FN(r->cb), "pbkdf2");
  r->cb(loop, r->status, r->status == 0 ? r->key : NULL, r->status == 0 ? r->keylen : 0, r->arg);
  free_req(r);
  tl__cb_leave(loop);
}

static unsigned char *dup_bytes(const void *p, size_t n) {
  unsigned char *d = malloc(n ? n : 1);
  if (d && n) memcpy(d, p, n);
  return d;
}

int tl_pbkdf2(tl_loop *loop, const void *password, size_t passlen, const void *salt,
              size_t saltlen, unsigned iterations, size_t keylen, const char *digest,
              tl_pbkdf2_cb cb, void *arg) {
  const EVP_MD *md;
  int e = check(passlen, saltlen, iterations, keylen, digest, &md);
  if (e != 0) return e;
  if (!cb || (!password && passlen) || (!salt && saltlen)) return -EINVAL;
  pbkdf2_req *r = calloc(1, sizeof *r);
  if (!r) return -ENOMEM;
  r->password = dup_bytes(password, passlen);
  r->salt = dup_bytes(salt, saltlen);
  r->key = malloc(keylen);
  r->passlen = passlen;
  r->saltlen = saltlen;
  r->keylen = keylen;
  if (!r->password || !r->salt || !r->key) {
    free_req(r);
    return -ENOMEM;
  }
  r->md = md;
  r->iterations = iterations;
  r->cb = cb;
  r->arg = arg;
  r->w.work = pbkdf2_work;
  r->w.done = pbkdf2_done;
  r->w.kind = "pbkdf2";
  r->w.user_cb = TL__FN(cb);
  e = tl__work_submit(loop, &r->w);
  if (e != 0) free_req(r);
  return e;
}
