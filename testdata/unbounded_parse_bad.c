/* unbounded_parse_bad: cJSON, jansson and libxml2 (json-c: unbounded_parse_jsonc_bad) parse a whole
 * document at once; on a request body of any size that holds the loop. */
// lagscan-flags: -I/usr/include/libxml2
#include <cjson/cJSON.h>
#include <jansson.h>
#include <libxml/parser.h>
#include <uv.h>

static void on_read(uv_stream_t *s, ssize_t n, const uv_buf_t *buf) {
  (void)s;
  if (n <= 0) return;
  cJSON *a = cJSON_Parse(buf->base); // expected-warning {{unbounded-parse}}
  cJSON_Delete(a);
  json_error_t err;
  json_t *b = json_loadb(buf->base, (size_t)n, 0, &err); // expected-warning {{unbounded-parse}}
  json_decref(b);
  xmlDocPtr d = xmlReadMemory(buf->base, (int)n, "body.xml", NULL, 0); // expected-warning {{unbounded-parse}}
  xmlFreeDoc(d);
}

static void on_alloc(uv_handle_t *h, size_t size, uv_buf_t *buf) {
  (void)h;
  static char slab[65536];
  buf->base = slab;
  buf->len = size < sizeof slab ? size : sizeof slab;
}

void serve(uv_stream_t *client) { uv_read_start(client, on_alloc, on_read); }
