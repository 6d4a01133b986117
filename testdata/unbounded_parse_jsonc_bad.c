/* unbounded_parse_jsonc_bad: json-c's json_tokener_parse parses the whole
 * document at once (json-c and jansson cannot share a TU: both define
 * json_object). */
// lagscan-flags: -I/usr/include/json-c
#include <json.h>
#include <uv.h>

static void on_read(uv_stream_t *s, ssize_t n, const uv_buf_t *buf) {
  (void)s;
  if (n <= 0) return;
  struct json_object *c = json_tokener_parse(buf->base); // expected-warning {{unbounded-parse}}
  json_object_put(c);
}

static void on_alloc(uv_handle_t *h, size_t size, uv_buf_t *buf) {
  (void)h;
  static char slab[65536];
  buf->base = slab;
  buf->len = size < sizeof slab ? size : sizeof slab;
}

void serve(uv_stream_t *client) { uv_read_start(client, on_alloc, on_read); }
