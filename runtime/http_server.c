/* http_server.c: the HTTP server handle: routes, listening, and closing the
 * listener and every connection before the server's own close callback.
 *
 * Invariant: while the server is closing, nclosing counts its listener and
 * connections whose close callbacks have not run yet; at 0 the server handle
 * joins the close phase. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "http_internal.h"

#define DEFAULT_MAX_HEADER_BYTES (16 * 1024)
#define DEFAULT_MAX_BODY_BYTES (1024 * 1024)

static void on_connection(tl_tcp *listener, int status) {
  tl_http_server *server = tl__container_of(listener, tl_http_server, listener);
  if (status < 0) return; /* e.g. EMFILE: nothing to accept */
  tl__http_conn_accept(server);
}

int tl_http_server_init(tl_loop *loop, tl_http_server *server) {
  tl__handle_init(loop, &server->handle, TL_HANDLE_HTTP_SERVER);
  tl_tcp_init(loop, &server->listener);
  server->routes = NULL;
  server->nroutes = 0;
  tl__queue_init(&server->conns);
  server->nclosing = 0;
  server->max_header_bytes = DEFAULT_MAX_HEADER_BYTES;
  server->max_body_bytes = DEFAULT_MAX_BODY_BYTES;
  return 0;
}

int tl_http_route(tl_http_server *server, const char *method, const char *path,
                  tl_http_handler handler, void *arg) {
  if (!method || !path || !handler || tl_is_closing(&server->handle)) return -EINVAL;
  struct tl_http_route_entry *routes =
      realloc(server->routes, (server->nroutes + 1) * sizeof *routes);
  if (!routes) return -ENOMEM;
  server->routes = routes;
  struct tl_http_route_entry *r = &routes[server->nroutes];
  r->method = strdup(method);
  r->path = strdup(path);
  if (!r->method || !r->path) {
    free(r->method);
    free(r->path);
    return -ENOMEM;
  }
  r->handler = handler;
  r->arg = arg;
  server->nroutes++;
  return 0;
}

void tl_http_set_limits(tl_http_server *server, size_t max_header_bytes, size_t max_body_bytes) {
  if (max_header_bytes) server->max_header_bytes = max_header_bytes;
  if (max_body_bytes) server->max_body_bytes = max_body_bytes;
}

int tl_http_listen(tl_http_server *server, const char *host, int port) {
  if (tl_is_closing(&server->handle)) return -EINVAL;
  return tl_tcp_listen(&server->listener, host, port, 0, on_connection);
}

int tl_http_port(const tl_http_server *server) { return tl_tcp_port(&server->listener); }

static void child_closed(tl_http_server *server) {
  if (--server->nclosing == 0) tl__handle_make_closing(&server->handle);
}

static void listener_closed(tl_handle *h) {
  child_closed(tl__container_of((tl_tcp *)h, tl_http_server, listener));
}

void tl__http_server_conn_closed(tl_http_server *server) {
  if (server->handle.flags & TL__CLOSING) child_closed(server);
}

void tl__http_server_close(tl_http_server *server) {
  /* Every connection in the list will call tl__http_server_conn_closed,
   * also those that were already closing. */
  server->nclosing = 1;
  tl_queue *q;
  tl__queue_foreach(q, &server->conns) server->nclosing++;
  tl_close(&server->listener.handle, listener_closed);
  q = server->conns.next;
  while (q != &server->conns) {
    tl__http_conn *conn = tl__container_of(q, tl__http_conn, node);
    q = q->next; /* conn stays in the list until its close callback */
    tl__http_conn_close(conn);
  }
}

void tl__http_server_finish_close(tl_http_server *server) {
  for (size_t i = 0; i < server->nroutes; i++) {
    free(server->routes[i].method);
    free(server->routes[i].path);
  }
  free(server->routes);
  server->routes = NULL;
  server->nroutes = 0;
}
