/* http_request.c: a request as its handler sees it (method, URL, headers,
 * body) and tl_http_respond, which answers and frees it.
 *
 * Invariant: a request is freed exactly once, by tl_http_respond, or by its
 * connection when the connection closes before the handler got it. A request
 * whose connection closed while its handler had it is orphaned (conn NULL);
 * answering it only frees it. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "http_internal.h"

int tl__buf_append(tl__buf *b, const char *s, size_t n) {
  if (b->len + n + 1 > b->cap) {
    size_t cap = b->cap ? b->cap : 64;
    while (cap < b->len + n + 1) cap *= 2;
    char *p = realloc(b->p, cap);
    if (!p) return -ENOMEM;
    b->p = p;
    b->cap = cap;
  }
  if (n) memcpy(b->p + b->len, s, n);
  b->len += n;
  b->p[b->len] = '\0';
  return 0;
}

void tl__buf_free(tl__buf *b) {
  free(b->p);
  b->p = NULL;
  b->len = b->cap = 0;
}

tl_http_request *tl__http_request_new(tl__http_conn *conn) {
  tl_http_request *req = calloc(1, sizeof *req);
  if (!req) return NULL;
  req->conn = conn;
  req->loop = conn->tcp.handle.loop;
  return req;
}

void tl__http_request_free(tl_http_request *req) {
  tl__buf_free(&req->url);
  tl__buf_free(&req->body);
  for (unsigned i = 0; i < req->nheaders; i++) {
    tl__buf_free(&req->headers[i].name);
    tl__buf_free(&req->headers[i].value);
  }
  free(req->path);
  free(req->query);
  free(req);
}

int tl__http_request_finish(tl_http_request *req) {
  const char *url = req->url.p ? req->url.p : "";
  const char *q = strchr(url, '?');
  req->path = q ? strndup(url, (size_t)(q - url)) : strdup(url);
  req->query = strdup(q ? q + 1 : "");
  return req->path && req->query ? 0 : -ENOMEM;
}

const char *tl_http_method(const tl_http_request *req) { return req->method; }
const char *tl_http_url(const tl_http_request *req) { return req->url.p ? req->url.p : ""; }
const char *tl_http_path(const tl_http_request *req) { return req->path ? req->path : ""; }
const char *tl_http_query(const tl_http_request *req) { return req->query ? req->query : ""; }
tl_loop *tl_http_request_loop(const tl_http_request *req) { return req->loop; }

const char *tl_http_header(const tl_http_request *req, const char *name) {
  for (unsigned i = 0; i < req->nheaders; i++)
    if (req->headers[i].name.p && strcasecmp(req->headers[i].name.p, name) == 0)
      return req->headers[i].value.p ? req->headers[i].value.p : "";
  return NULL;
}

const char *tl_http_body(const tl_http_request *req, size_t *len) {
  if (len) *len = req->body.len;
  return req->body.p ? req->body.p : "";
}

int tl_http_respond(tl_http_request *req, int status, const char *content_type, const void *body,
                    size_t len) {
  tl__http_conn *conn = req->conn;
  int r;
  if (!conn) {
    r = -ECONNRESET;
  } else {
    conn->req = NULL;
    conn->awaiting = 0;
    /* A content type with a line break would inject headers: refused. */
    if (status < 100 || status > 999 || (!body && len) ||
        (content_type && strpbrk(content_type, "\r\n"))) {
      tl__http_conn_send(conn, 500, "text/plain", "internal error\n", 15, 0, 0);
      r = -EINVAL;
    } else {
      /* body and content_type may point into req: free it only after. */
      int keep_alive = req->keep_alive;
      int head = strcmp(req->method, "HEAD") == 0;
      r = tl__http_conn_send(conn, status, content_type, body, len, keep_alive, head);
      if (r == 0 && keep_alive) tl__http_conn_resume(conn);
    }
  }
  tl__http_request_free(req);
  return r;
}
