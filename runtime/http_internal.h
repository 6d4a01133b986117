/* http_internal.h: This file is private to tickloop. The HTTP server's
 * connection and request structures, shared by http_server.c (the server
 * handle and routes), http_conn.c (parsing and connection lifecycle) and
 * http_request.c (requests and responses). */
#ifndef TL_HTTP_INTERNAL_H
#define TL_HTTP_INTERNAL_H

#include <http_parser.h>

#include "internal.h"

#define TL__HTTP_MAX_HEADERS 64
#define TL__HTTP_LINGER_MS 2000 /* how long a closing connection drains input */

/* A growable NUL-terminated byte string. */
typedef struct tl__buf {
  char *p;
  size_t len, cap;
} tl__buf;

int tl__buf_append(tl__buf *b, const char *s, size_t n); /* 0 or -ENOMEM */
void tl__buf_free(tl__buf *b);

struct tl_http_route_entry {
  char *method;
  char *path;
  tl_http_handler handler;
  void *arg;
};

typedef struct tl__http_header {
  tl__buf name, value;
} tl__http_header;

struct tl__http_conn;

struct tl_http_request {
  struct tl__http_conn *conn; /* NULL once the connection is gone */
  tl_loop *loop;
  char method[24];
  tl__buf url;
  char *path, *query;         /* split from url when the request is complete */
  tl__http_header headers[TL__HTTP_MAX_HEADERS];
  unsigned nheaders;
  int last_was_value;         /* header callbacks: a value ended the last line */
  tl__buf body;
  int keep_alive;
};

/* One accepted connection. Invariants:
 *   - At most one request at a time: while `awaiting`, reading is paused
 *     (only a hang-up is watched) and bytes already received wait in
 *     `backlog`; the response un-pauses the parser and the `resume` pending
 *     callback parses the backlog.
 *   - The conn is in server->conns from accept until its tcp handle's close
 *     callback, which frees it. */
typedef struct tl__http_conn {
  tl_tcp tcp; /* first member: the close callback gets &tcp.handle */
  tl_http_server *server;
  tl_queue node;
  http_parser parser;
  tl_http_request *req; /* being parsed, or with its handler */
  int awaiting;         /* req is complete and with its handler */
  tl__buf backlog;
  size_t header_bytes;  /* header bytes of the request being parsed */
  int reject;           /* status chosen by a parser callback: 413, 431, 500 */
  int close_after;      /* the last response is on its way; then close */
  tl_timer_id linger_timer;
  tl_pending resume;
} tl__http_conn;

/* http_conn.c */
void tl__http_conn_accept(tl_http_server *server);
void tl__http_conn_close(tl__http_conn *conn);
/* Writes a response with Content-Length `len` (and the body unless
 * `omit_body`, for HEAD); keep_alive 0 closes the connection after it.
 * Returns 0 or a negative errno (the connection is then closed). */
int tl__http_conn_send(tl__http_conn *conn, int status, const char *content_type,
                       const void *body, size_t len, int keep_alive, int omit_body);
/* After a keep-alive response: parse what waited, then read again. */
void tl__http_conn_resume(tl__http_conn *conn);
/* http_server.c: a connection's tcp handle finished closing. */
void tl__http_server_conn_closed(tl_http_server *server);

/* http_request.c */
tl_http_request *tl__http_request_new(tl__http_conn *conn);
void tl__http_request_free(tl_http_request *req);
/* Splits url into path and query. Returns 0 or -ENOMEM. */
int tl__http_request_finish(tl_http_request *req);

#endif /* TL_HTTP_INTERNAL_H */
