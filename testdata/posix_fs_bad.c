/* posix_fs_bad: the POSIX/stdio file calls of the catalogue, each reported as
 * sync-fs at its own call site when reachable from a loop callback. */
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>
#include <uv.h>

static char buf[512];

static void on_tick(uv_timer_t *t) {
  (void)t;
  struct stat st;
  int fd = open("/var/lib/app/db", O_RDWR); // expected-warning {{sync-fs}}
  ssize_t n = read(fd, buf, sizeof buf);    // expected-warning {{sync-fs}}
  n = write(fd, buf, (size_t)n);            // expected-warning {{sync-fs}}
  fsync(fd);                                // expected-warning {{sync-fs}}
  FILE *f = fopen("/etc/app.conf", "r");    // expected-warning {{sync-fs}}
  fread(buf, 1, 16, f);                     // expected-warning {{sync-fs}}
  fgets(buf, sizeof buf, f);                // expected-warning {{sync-fs}}
  fwrite(buf, 1, 16, f);                    // expected-warning {{sync-fs}}
  stat("/etc/app.conf", &st);               // expected-warning {{sync-fs}}
  unlink("/tmp/app.lock");                  // expected-warning {{sync-fs}}
}

int main(void) {
  uv_loop_t *loop = uv_default_loop();
  uv_timer_t t;
  uv_timer_init(loop, &t);
  uv_timer_start(&t, on_tick, 0, 1000); // expected-note {{registered here as a loop callback}}
  return uv_run(loop, UV_RUN_DEFAULT);
}
