/* http_conn.c: one HTTP/1.1 connection: parsing with http_parser (Node's
 * original parser), dispatching a complete request to its route's handler,
 * keep-alive, and closing.
 *
 * One request at a time: when a request is complete the parser pauses and
 * reading stops; the bytes after it (pipelined requests) wait in the
 * backlog until the handler answered. Meanwhile the socket is watched for
 * the client hanging up (tl__tcp_read_pause): a client that closes or
 * resets the connection while a handler holds its request is gone, as in
 * Node, nginx and Go; the connection closes at once and the handler's
 * tl_http_respond returns -ECONNRESET. A request that breaks a limit gets 413
 * (body) or 431 (headers), a malformed one 400; either closes the
 * connection. A closing connection first sends its last response, shuts
 * down its side and reads until the client closes (at most
 * TL__HTTP_LINGER_MS), so the client sees the response rather than a reset. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "http_internal.h"

static int on_message_begin(http_parser *p);
static int on_url(http_parser *p, const char *at, size_t len);
static int on_header_field(http_parser *p, const char *at, size_t len);
static int on_header_value(http_parser *p, const char *at, size_t len);
static int on_headers_complete(http_parser *p);
static int on_body(http_parser *p, const char *at, size_t len);
static int on_message_complete(http_parser *p);

static const http_parser_settings settings = {
    .on_message_begin = on_message_begin,
    .on_url = on_url,
    .on_header_field = on_header_field,
    .on_header_value = on_header_value,
    .on_headers_complete = on_headers_complete,
    .on_body = on_body,
    .on_message_complete = on_message_complete,
};

static void on_read(tl_tcp *tcp, ssize_t nread, const char *buf);
static void on_hangup(tl_tcp *tcp, int status);
static void on_resume(tl_loop *loop, tl_pending *p);

static tl__http_conn *conn_of(http_parser *p) { return p->data; }

/* ---- parser callbacks: a nonzero return stops the parser with an error --- */

static int count_header_bytes(tl__http_conn *c, size_t len) {
  c->header_bytes += len;
  if (c->header_bytes <= c->server->max_header_bytes) return 0;
  c->reject = 431;
  return -1;
}

static int out_of_memory(tl__http_conn *c) {
  c->reject = 500;
  return -1;
}

static int on_message_begin(http_parser *p) {
  tl__http_conn *c = conn_of(p);
  c->header_bytes = 0;
  c->reject = 0;
  if (c->req) tl__http_request_free(c->req); /* cannot happen: one at a time */
  c->req = tl__http_request_new(c);
  return c->req ? 0 : out_of_memory(c);
}

static int on_url(http_parser *p, const char *at, size_t len) {
  tl__http_conn *c = conn_of(p);
  if (count_header_bytes(c, len)) return -1;
  return tl__buf_append(&c->req->url, at, len) ? out_of_memory(c) : 0;
}

static int on_header_field(http_parser *p, const char *at, size_t len) {
  tl__http_conn *c = conn_of(p);
  tl_http_request *req = c->req;
  if (count_header_bytes(c, len)) return -1;
  /* A field continues the previous one unless a value came in between. */
  if (req->nheaders == 0 || req->last_was_value) {
    if (req->nheaders == TL__HTTP_MAX_HEADERS) {
      c->reject = 431;
      return -1;
    }
    req->nheaders++;
  }
  req->last_was_value = 0;
  return tl__buf_append(&req->headers[req->nheaders - 1].name, at, len) ? out_of_memory(c) : 0;
}

static int on_header_value(http_parser *p, const char *at, size_t len) {
  tl__http_conn *c = conn_of(p);
  tl_http_request *req = c->req;
  if (count_header_bytes(c, len)) return -1;
  req->last_was_value = 1;
  if (req->nheaders == 0) return 0; /* the parser never sends a value first */
  return tl__buf_append(&req->headers[req->nheaders - 1].value, at, len) ? out_of_memory(c) : 0;
}

static int on_headers_complete(http_parser *p) {
  tl__http_conn *c = conn_of(p);
  snprintf(c->req->method, sizeof c->req->method, "%s", http_method_str(p->method));
  /* Refuse a declared body that is too large before reading any of it. */
  if ((p->flags & F_CONTENTLENGTH) && p->content_length > c->server->max_body_bytes) {
    c->reject = 413;
    return -1; /* any value but 0, 1, 2 is an error for http_parser */
  }
  return 0;
}

static int on_body(http_parser *p, const char *at, size_t len) {
  tl__http_conn *c = conn_of(p);
  if (c->req->body.len + len > c->server->max_body_bytes) { /* chunked bodies */
    c->reject = 413;
    return -1;
  }
  return tl__buf_append(&c->req->body, at, len) ? out_of_memory(c) : 0;
}

static int on_message_complete(http_parser *p) {
  tl__http_conn *c = conn_of(p);
  if (tl__http_request_finish(c->req) != 0) return out_of_memory(c);
  c->req->keep_alive = http_should_keep_alive(p);
  /* Stop here: http_parser_execute returns HPE_PAUSED with the bytes of this
   * request consumed and the rest untouched. */
  http_parser_pause(p, 1);
  return 0;
}

/* ---- dispatch -------------------------------------------------------------- */

static void dispatch(tl__http_conn *c) {
  tl_http_request *req = c->req;
  tl_http_server *server = c->server;
  c->awaiting = 1;
  int path_known = 0;
  for (size_t i = 0; i < server->nroutes; i++) {
    const struct tl_http_route_entry *r = &server->routes[i];
    if (strcmp(r->path, req->path) != 0) continue;
    path_known = 1;
    if (strcmp(r->method, req->method) != 0) continue;
    tl_loop *loop = c->tcp.handle.loop;
    tl__cb_enter(loop, TL__FN(r->handler), "http handler");
    r->handler(req, r->arg);
    tl__cb_leave(loop);
    return;
  }
  if (path_known)
    tl_http_respond(req, 405, "text/plain", "method not allowed\n", 19);
  else
    tl_http_respond(req, 404, "text/plain", "not found\n", 10);
}

/* Answers a request the parser refused, and closes. */
static void fail(tl__http_conn *c, int status) {
  if (c->req) {
    tl__http_request_free(c->req);
    c->req = NULL;
  }
  const char *text = status == 413   ? "payload too large\n"
                     : status == 431 ? "request header fields too large\n"
                     : status == 500 ? "internal error\n"
                                     : "bad request\n";
  tl__http_conn_send(c, status, "text/plain", text, strlen(text), 0, 0);
}

static void parse(tl__http_conn *c, const char *data, size_t len) {
  size_t n = http_parser_execute(&c->parser, &settings, data, len);
  enum http_errno err = HTTP_PARSER_ERRNO(&c->parser);
  if (err == HPE_PAUSED) {
    if (n < len && tl__buf_append(&c->backlog, data + n, len - n) != 0) {
      fail(c, 500);
      return;
    }
    if (tl__tcp_read_pause(&c->tcp, on_hangup) != 0) tl_tcp_read_stop(&c->tcp);
    dispatch(c);
  } else if (err != HPE_OK) {
    fail(c, c->reject ? c->reject : 400);
  }
  /* else: everything consumed, the request is not complete yet */
}

/* ---- connection lifecycle ------------------------------------------------- */

static void on_closed(tl_handle *h) {
  tl__http_conn *c = (tl__http_conn *)h; /* tcp is the first member */
  tl_http_server *server = c->server;
  tl__queue_remove(&c->node);
  tl__buf_free(&c->backlog);
  free(c);
  tl__http_server_conn_closed(server);
}

void tl__http_conn_close(tl__http_conn *c) {
  if (tl_is_closing(&c->tcp.handle)) return;
  if (c->req) {
    if (c->awaiting)
      c->req->conn = NULL; /* the handler still has it: orphaned */
    else
      tl__http_request_free(c->req);
    c->req = NULL;
  }
  tl__pending_cancel(&c->resume);
  if (c->linger_timer) {
    tl_clear_timeout(c->tcp.handle.loop, c->linger_timer);
    c->linger_timer = 0;
  }
  tl_close(&c->tcp.handle, on_closed);
}

void tl__http_conn_accept(tl_http_server *server) {
  tl_loop *loop = server->handle.loop;
  tl__http_conn *c = calloc(1, sizeof *c);
  if (!c) return; /* dropped: the listener closes the unaccepted socket */
  tl_tcp_init(loop, &c->tcp);
  c->server = server;
  tl__queue_insert_tail(&server->conns, &c->node);
  http_parser_init(&c->parser, HTTP_REQUEST);
  c->parser.data = c;
  tl__pending_init(&c->resume, on_resume);
  if (tl_tcp_accept(&server->listener, &c->tcp) != 0 || tl_tcp_read_start(&c->tcp, on_read) != 0)
    tl__http_conn_close(c);
}

static void on_linger_timeout(tl_loop *loop, void *arg) {
  (void)loop;
  tl__http_conn *c = arg;
  c->linger_timer = 0;
  tl__http_conn_close(c);
}

/* The last response was written (or failed): stop sending, drain input. */
static void on_last_written(tl_tcp *tcp, int status, void *arg) {
  tl__http_conn *c = arg;
  if (tl_is_closing(&tcp->handle)) return;
  if (status < 0) {
    tl__http_conn_close(c);
    return;
  }
  tl__tcp_shutdown_write(tcp);
  if (tl_tcp_read_start(tcp, on_read) != 0 ||
      tl_set_timeout(tcp->handle.loop, on_linger_timeout, c, TL__HTTP_LINGER_MS,
                     &c->linger_timer) != 0)
    tl__http_conn_close(c);
}

static void on_read(tl_tcp *tcp, ssize_t nread, const char *buf) {
  tl__http_conn *c = (tl__http_conn *)tcp;
  if (nread < 0) { /* EOF or an error: whatever was asked is abandoned */
    tl__http_conn_close(c);
    return;
  }
  if (c->close_after) return; /* draining before close */
  if (c->awaiting || HTTP_PARSER_ERRNO(&c->parser) == HPE_PAUSED) {
    /* Defensive: reading stops while a request is with its handler or its
     * answer's resume is still queued; keep the bytes for the resume. */
    if (tl__tcp_read_pause(tcp, on_hangup) != 0) tl_tcp_read_stop(tcp);
    if (tl__buf_append(&c->backlog, buf, (size_t)nread) != 0) tl__http_conn_close(c);
    return;
  }
  parse(c, buf, (size_t)nread);
}

/* The client closed or reset the connection while reading was paused. With
 * a request at its handler nobody will read the answer: close now, which
 * orphans the request. Without one (answered, its resume queued), the
 * resume reads the EOF itself, after the backlog's requests. */
static void on_hangup(tl_tcp *tcp, int status) {
  (void)status;
  tl__http_conn *c = (tl__http_conn *)tcp;
  if (c->awaiting) tl__http_conn_close(c);
}

int tl__http_conn_send(tl__http_conn *c, int status, const char *content_type, const void *body,
                       size_t len, int keep_alive, int omit_body) {
  if (tl_is_closing(&c->tcp.handle)) return -ECONNRESET;
  if (c->close_after) return -EPIPE; /* a final response was already sent */
  if (c->server->handle.flags & TL__CLOSING) keep_alive = 0;
  const char *reason = http_status_str((enum http_status)status);
  char head[512];
  int n = snprintf(head, sizeof head,
                   "HTTP/1.1 %d %s\r\nContent-Type: %s\r\nContent-Length: %zu\r\n"
                   "Connection: %s\r\n\r\n",
                   status, strcmp(reason, "<unknown>") == 0 ? "Unknown" : reason,
                   content_type ? content_type : "application/octet-stream", len,
                   keep_alive ? "keep-alive" : "close");
  if (n < 0 || (size_t)n >= sizeof head) n = -EINVAL;
  if (!keep_alive) c->close_after = 1;
  int r = n < 0 ? n
                : tl__tcp_write2(&c->tcp, head, (size_t)n, body, omit_body ? 0 : len,
                                 keep_alive ? NULL : on_last_written, c);
  if (r != 0) tl__http_conn_close(c);
  return r;
}

void tl__http_conn_resume(tl__http_conn *c) {
  tl__pending_queue(c->tcp.handle.loop, &c->resume);
}

static void on_resume(tl_loop *loop, tl_pending *p) {
  tl__http_conn *c = tl__container_of(p, tl__http_conn, resume);
  if (tl_is_closing(&c->tcp.handle) || c->awaiting || c->close_after) return;
  http_parser_pause(&c->parser, 0);
  if (c->backlog.len > 0) {
    tl__buf data = c->backlog; /* parse may refill the backlog */
    c->backlog = (tl__buf){0};
    tl__cb_enter(loop, TL__FN(on_resume), "http");
    parse(c, data.p, data.len);
    tl__cb_leave(loop);
    tl__buf_free(&data);
    /* The scope's end ran next ticks: the connection may be gone now. */
    if (tl_is_closing(&c->tcp.handle)) return;
  }
  /* A request of the backlog may have been answered at once: its own
   * resume is queued and continues from here. */
  if (c->awaiting || c->close_after || c->resume.queued) return;
  if (tl_tcp_read_start(&c->tcp, on_read) != 0) tl__http_conn_close(c);
}
