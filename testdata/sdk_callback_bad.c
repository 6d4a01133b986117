/* sdk_callback_bad: a networking SDK built on libuv, of which only the
 * header is in the build: functions that take the uv_loop_t (or a
 * connection made from one) and a callback are assumed to call it on the
 * loop. libuv's own uv_queue_work keeps its pack's meaning (work off the
 * loop), and a function that takes a callback but no handle is not
 * assumed to be anything. */
#include <stdio.h>
#include <unistd.h>
#include <uv.h>

/* ---- the SDK's header ---- */
typedef struct sdk_conn sdk_conn_t;
typedef void (*sdk_listen_cb)(sdk_conn_t *conn, int status);
typedef void (*sdk_client_cb)(sdk_conn_t *conn, const char *peer);
typedef void (*sdk_data_cb)(sdk_conn_t *conn, const char *buf, size_t len);
sdk_conn_t *sdk_conn_new(uv_loop_t *loop, const char *service);
int sdk_listen(sdk_conn_t *conn, const char *service, int opts, sdk_listen_cb on_listen,
               sdk_client_cb on_client);
int sdk_on_data(sdk_conn_t *conn, sdk_data_cb cb);
int sdk_set_logger(void (*log)(const char *line));

static void on_listen(sdk_conn_t *conn, int status) {
  (void)conn;
  (void)status;
  usleep(500); // expected-warning {{sleep}}
}

static void on_client(sdk_conn_t *conn, const char *peer) {
  (void)conn;
  FILE *f = fopen("clients.log", "a"); // expected-warning {{sync-fs}}
  if (f) {
    fprintf(f, "%s\n", peer);
    fclose(f); // expected-warning {{sync-fs}}
  }
}

static void on_data(sdk_conn_t *conn, const char *buf, size_t len) {
  (void)conn;
  (void)buf;
  (void)len;
  sleep(1); // expected-warning {{sleep}}
}

static void log_line(const char *line) {
  FILE *f = fopen("sdk.log", "a"); // no-warning: sdk_set_logger takes no handle
  if (f) {
    fputs(line, f);
    fclose(f);
  }
}

static void work(uv_work_t *req) {
  (void)req;
  sleep(1); // no-warning: the pool
}

int main(void) {
  uv_loop_t *loop = uv_default_loop();
  sdk_conn_t *conn = sdk_conn_new(loop, "echo");
  sdk_listen(conn, "echo", 0, on_listen, on_client); // expected-note {{'on_listen' registered here as a loop callback (sdk_listen, assumed: it takes a sdk_conn_t and is not in the program)}} {{'on_client' registered here}}
  sdk_on_data(conn, on_data); // expected-note {{'on_data' registered here as a loop callback (sdk_on_data, assumed}}
  sdk_set_logger(log_line);
  static uv_work_t req;
  uv_queue_work(loop, &req, work, NULL);
  return uv_run(loop, UV_RUN_DEFAULT);
}
