/* server.c: the payment-API incident on tickloop. POST /register hashes the
 * password with PBKDF2 on the loop thread, through hash_password_sync ->
 * tl_pbkdf2_sync: while one password hashes (tens of milliseconds at
 * 100000 iterations), every other request waits, health checks included.
 * This is the bug lagscan must find, so it stays. POST /register-async does
 * the same work on the worker pool with tl_pbkdf2 and keeps the loop free.
 *
 *   GET  /health       {"status":"ok"}
 *   GET  /lag          loop delay histogram: p50, p90, p99, max, mean (ms)
 *   POST /lag/reset    clears the histogram (bench/payment-api.sh uses it)
 *   POST /register, POST /register-async  {"username": "...", "password": "..."}
 *
 * Usage: payment-api [PORT [ITERATIONS]]; PORT, PBKDF2_ITERATIONS and HOST
 * (default 127.0.0.1) from the environment otherwise. TL_BLOCK_WARN_MS=50
 * makes the watchdog name on_register whenever it holds the loop. The soft
 * descriptor limit is raised to the hard one (one per connection); SIGTERM
 * or SIGINT closes the server and every connection, lets work in flight
 * finish, and exits 0 once tl_loop_close succeeds (lifecycle.c).
 *
 * The handlers are not static so that the watchdog (dladdr, -rdynamic) can
 * print their names. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/rand.h>

#include "json.h"
#include "lifecycle.h"
#include "tickloop.h"

#define SALT_LEN 16
#define KEY_LEN 32
#define MAX_USERNAME 64
#define MAX_PASSWORD 1024

static unsigned iterations = 100000;

typedef struct credentials {
  char username[MAX_USERNAME + 1];
  char password[MAX_PASSWORD + 1];
  size_t password_len;
} credentials;

/* Hashes on the calling thread: on the loop thread, that is the bug. */
int hash_password_sync(const char *password, size_t len, const unsigned char *salt,
                       unsigned char *key) {
  return tl_pbkdf2_sync(password, len, salt, SALT_LEN, iterations, KEY_LEN, "sha256", key);
}

static void respond_json(tl_http_request *req, int status, const char *json) {
  tl_http_respond(req, status, "application/json", json, strlen(json));
}

static int valid_username(const char *s) {
  if (!*s) return 0;
  for (; *s; s++)
    if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') ||
          *s == '_' || *s == '.' || *s == '-'))
      return 0;
  return 1;
}

/* Reads the credentials of a register request; answers 400 and returns -1
 * when they are missing or malformed. */
static int read_credentials(tl_http_request *req, credentials *c) {
  size_t len;
  const char *body = tl_http_body(req, &len);
  int ulen = json_get_string(body, len, "username", c->username, sizeof c->username);
  int plen = json_get_string(body, len, "password", c->password, sizeof c->password);
  if (ulen <= 0 || plen <= 0 || !valid_username(c->username)) {
    respond_json(req, 400, "{\"error\":\"expected {\\\"username\\\": ..., \\\"password\\\": ...}\"}");
    return -1;
  }
  c->password_len = (size_t)plen;
  return 0;
}

static void respond_registered(tl_http_request *req, const char *username,
                               const unsigned char *salt, const unsigned char *key,
                               const char *mode) {
  char salt_hex[2 * SALT_LEN + 1], key_hex[2 * KEY_LEN + 1], json[512];
  hex_encode(salt, SALT_LEN, salt_hex);
  hex_encode(key, KEY_LEN, key_hex);
  snprintf(json, sizeof json,
           "{\"username\":\"%s\",\"salt\":\"%s\",\"hash\":\"%s\",\"iterations\":%u,"
           "\"mode\":\"%s\"}",
           username, salt_hex, key_hex, iterations, mode);
  respond_json(req, 201, json);
}

/* POST /register: hashes on the loop thread. */
void on_register(tl_http_request *req, void *arg) {
  (void)arg;
  credentials c;
  unsigned char salt[SALT_LEN], key[KEY_LEN];
  if (read_credentials(req, &c) != 0) return;
  if (RAND_bytes(salt, sizeof salt) != 1 ||
      hash_password_sync(c.password, c.password_len, salt, key) != 0) {
    respond_json(req, 500, "{\"error\":\"hashing failed\"}");
    return;
  }
  respond_registered(req, c.username, salt, key, "sync");
}

typedef struct pending_registration {
  tl_http_request *req;
  char username[MAX_USERNAME + 1];
  unsigned char salt[SALT_LEN];
} pending_registration;

/* The worker pool derived the key; answer on the loop. */
void on_hashed(tl_loop *loop, int status, const unsigned char *key, size_t keylen, void *arg) {
  (void)loop;
  pending_registration *p = arg;
  if (status != 0 || keylen != KEY_LEN)
    respond_json(p->req, 500, "{\"error\":\"hashing failed\"}");
  else
    respond_registered(p->req, p->username, p->salt, key, "async");
  free(p);
}

/* POST /register-async: hashes on the worker pool. */
void on_register_async(tl_http_request *req, void *arg) {
  (void)arg;
  credentials c;
  if (read_credentials(req, &c) != 0) return;
  pending_registration *p = malloc(sizeof *p);
  if (!p || RAND_bytes(p->salt, sizeof p->salt) != 1) {
    free(p);
    respond_json(req, 500, "{\"error\":\"out of resources\"}");
    return;
  }
  p->req = req;
  memcpy(p->username, c.username, sizeof p->username);
  int r = tl_pbkdf2(tl_http_request_loop(req), c.password, c.password_len, p->salt, SALT_LEN,
                    iterations, KEY_LEN, "sha256", on_hashed, p);
  if (r != 0) {
    free(p);
    respond_json(req, 500, "{\"error\":\"hashing failed\"}");
  }
}

/* GET /health */
void on_health(tl_http_request *req, void *arg) {
  (void)arg;
  respond_json(req, 200, "{\"status\":\"ok\"}");
}

/* GET /lag: the loop-delay histogram since start or the last reset. */
void on_lag(tl_http_request *req, void *arg) {
  (void)arg;
  tl_lag_stats s;
  char json[512];
  if (tl_lag_stats_get(tl_http_request_loop(req), &s) != 0) {
    respond_json(req, 500, "{\"error\":\"lag monitor off\"}");
    return;
  }
  snprintf(json, sizeof json,
           "{\"count\":%llu,\"p50_ms\":%.3f,\"p90_ms\":%.3f,\"p99_ms\":%.3f,\"max_ms\":%.3f,"
           "\"mean_ms\":%.3f,\"resolution_ms\":10}",
           (unsigned long long)s.count, s.p50_ms, s.p90_ms, s.p99_ms, s.max_ms, s.mean_ms);
  respond_json(req, 200, json);
}

/* POST /lag/reset */
void on_lag_reset(tl_http_request *req, void *arg) {
  (void)arg;
  tl_lag_reset(tl_http_request_loop(req));
  respond_json(req, 200, "{\"reset\":true}");
}

static long number_arg(const char *s, long min, long max, const char *what) {
  char *end;
  errno = 0;
  long v = s ? strtol(s, &end, 10) : -1;
  if (!s || errno || *end || v < min || v > max) {
    fprintf(stderr, "payment-api: invalid %s '%s'\n", what, s ? s : "");
    exit(2);
  }
  return v;
}

int main(int argc, char **argv) {
  const char *port_s = argc > 1 ? argv[1] : getenv("PORT");
  const char *iter_s = argc > 2 ? argv[2] : getenv("PBKDF2_ITERATIONS");
  const char *host = getenv("HOST") ? getenv("HOST") : "127.0.0.1";
  int port = port_s ? (int)number_arg(port_s, 0, 65535, "port") : 3000;
  if (iter_s) iterations = (unsigned)number_arg(iter_s, 1, 100000000, "iteration count");

  long nofile = raise_nofile_limit();
  tl_loop *loop;
  static tl_http_server server;
  int r;
  if ((r = tl_loop_new(&loop)) != 0) {
    fprintf(stderr, "payment-api: cannot create the loop: %s\n", strerror(-r));
    return 1;
  }
  tl_lag_enable(loop, 10);
  tl_http_server_init(loop, &server);
  tl_http_route(&server, "POST", "/register", on_register, NULL);
  tl_http_route(&server, "POST", "/register-async", on_register_async, NULL);
  tl_http_route(&server, "GET", "/health", on_health, NULL);
  tl_http_route(&server, "GET", "/lag", on_lag, NULL);
  tl_http_route(&server, "POST", "/lag/reset", on_lag_reset, NULL);
  if ((r = tl_http_listen(&server, host, port)) != 0) {
    fprintf(stderr, "payment-api: cannot listen on %s:%d: %s\n", host, port, strerror(-r));
    return 1;
  }
  if ((r = stop_on_signals(loop, &server)) != 0)
    fprintf(stderr, "payment-api: no clean shutdown on signals: %s\n", strerror(-r));
  printf("payment-api listening on http://%s:%d (pbkdf2-sha256, %u iterations, %u pool threads, "
         "%ld descriptors)\n",
         host, tl_http_port(&server), iterations, tl_threadpool_size(), nofile);
  fflush(stdout);
  tl_run(loop);
  signals_restore();
  if ((r = tl_loop_close(loop)) != 0) {
    fprintf(stderr, "payment-api: tl_loop_close: %s\n", strerror(-r));
    return 1;
  }
  if (stopped_by_signal()) fprintf(stderr, "payment-api: stopped cleanly\n");
  return 0;
}
