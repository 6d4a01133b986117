/* tickloop_callbacks_bad: every loop-callback parameter of tickloop's API is
 * a loop root through its annotation alone: fs, pbkdf2, TCP connection,
 * read and write callbacks, close callbacks, idle and prepare handles,
 * tl_walk. The watchdog's reporter runs on its own thread: fine. */
#include <stdio.h>
#include <sys/stat.h>
#include <tickloop.h>
#include <unistd.h>

static tl_tcp server, client;
static tl_idle idle;
static tl_prepare prepare;

static void on_opened(tl_loop *loop, ssize_t fd, void *arg) {
  (void)loop; (void)arg;
  fsync((int)fd); // expected-warning {{sync-fs}}
}
static void on_stat(tl_loop *loop, int status, const struct stat *st, void *arg) {
  (void)loop; (void)status; (void)st; (void)arg;
  usleep(10); // expected-warning {{sleep}}
}
static void on_key(tl_loop *loop, int status, const unsigned char *key, size_t keylen, void *arg) {
  (void)loop; (void)status; (void)arg;
  tl_fs_write_file_sync("/var/lib/app/key", key, keylen); // expected-warning {{sync-fs}}
}
static void on_closed(tl_handle *h) {
  (void)h;
  unlink("/run/app.sock"); // expected-warning {{sync-fs}}
}
static void on_written(tl_tcp *tcp, int status, void *arg) {
  (void)status; (void)arg;
  tl_close((tl_handle *)tcp, on_closed);
}
static void on_read(tl_tcp *tcp, ssize_t nread, const char *buf) {
  if (nread <= 0) return;
  FILE *log = fopen("/var/log/app.log", "a"); // expected-warning {{sync-fs}}
  if (log) fclose(log); // expected-warning {{sync-fs}}
  tl_tcp_write(tcp, buf, (size_t)nread, on_written, NULL);
}
static void on_connection(tl_tcp *srv, int status) {
  if (status != 0) return;
  tl_tcp_init(tl_http_request_loop(NULL), &client);
  sleep(1); // expected-warning {{sleep}}
  if (tl_tcp_accept(srv, &client) == 0) tl_tcp_read_start(&client, on_read);
}
static void on_idle(tl_idle *h) {
  (void)h;
  sleep(2); // expected-warning {{sleep}}
}
static void on_prepare(tl_prepare *h) {
  (void)h;
  sync(); // expected-warning {{sync-fs}}
}
static void on_each(const tl_walk_item *item, void *arg) {
  (void)item; (void)arg;
  usleep(1); // expected-warning {{sleep}}
}
static void reporter(const tl_block_report *report, void *arg) {
  (void)arg;
  FILE *f = fopen("/var/log/lag.log", "a"); /* the watchdog's thread: fine */
  if (f) {
    fprintf(f, "%s %.0f ms\n", report->name, report->elapsed_ms);
    fclose(f);
  }
}

int main(void) {
  tl_loop *loop;
  if (tl_loop_new(&loop) != 0) return 1;
  tl_fs_open(loop, "/var/lib/app/db", 0, 0, on_opened, NULL);
  tl_fs_stat(loop, "/etc/app.conf", on_stat, NULL);
  tl_pbkdf2(loop, "pw", 2, "salt", 4, 100000, 32, NULL, on_key, NULL);
  tl_tcp_init(loop, &server);
  tl_tcp_listen(&server, "127.0.0.1", 0, 128, on_connection);
  tl_idle_init(loop, &idle);
  tl_idle_start(&idle, on_idle);
  tl_prepare_init(loop, &prepare);
  tl_prepare_start(&prepare, on_prepare);
  tl_walk(loop, on_each, NULL);
  tl_watchdog_set_reporter(loop, reporter, NULL);
  tl_run(loop);
  return tl_loop_close(loop);
}
