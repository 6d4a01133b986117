/* sync_compress_bad: zlib, bzip2 and zstd compression cost time in proportion
 * to the data (sync-compress); gzip files are file I/O (sync-fs). */
#include <bzlib.h>
#include <uv.h>
#include <zlib.h>
#include <zstd.h>

static unsigned char in[1 << 20], out[1 << 21];

static void on_tick(uv_timer_t *t) {
  (void)t;
  uLongf n = sizeof out;
  compress(out, &n, in, sizeof in); // expected-warning {{sync-compress}}
  unsigned int m = sizeof out;
  BZ2_bzBuffToBuffCompress((char *)out, &m, (char *)in, sizeof in, 9, 0, 0); // expected-warning {{sync-compress}}
  ZSTD_compress(out, sizeof out, in, sizeof in, 19); // expected-warning {{sync-compress}}
  gzFile gz = gzopen("/var/log/app.gz", "wb"); // expected-warning {{sync-fs}}
  gzwrite(gz, in, sizeof in); // expected-warning {{sync-fs}}
  gzclose(gz); // expected-warning {{sync-fs}}
}

int main(void) {
  uv_timer_t t;
  uv_timer_init(uv_default_loop(), &t);
  uv_timer_start(&t, on_tick, 1000, 1000);
  return uv_run(uv_default_loop(), UV_RUN_DEFAULT);
}
