/* http_client.h: a blocking HTTP/1.1 client for the tickloop tests. It runs
 * on a worker-pool thread (tl_queue_work) or any thread but the loop's,
 * over loopback, with a 5 s receive timeout so that a broken server fails
 * the test instead of hanging it. */
#ifndef RT_HTTP_CLIENT_H
#define RT_HTTP_CLIENT_H

#include <stddef.h>

typedef struct rt_conn {
  int fd;
  char buf[65536]; /* received, not yet consumed */
  size_t len;
} rt_conn;

typedef struct rt_response {
  int status;
  char connection[32];
  char content_type[64];
  char body[512]; /* NUL-terminated, truncated to fit */
  size_t body_len;
} rt_response;

/* Connects to 127.0.0.1:port. Returns 0 or -1. */
int rt_dial(rt_conn *c, int port);
/* Sends everything. Returns 0 or -1. */
int rt_send_all(rt_conn *c, const char *data, size_t len);
int rt_send_str(rt_conn *c, const char *s);
/* Reads one response (Content-Length framing). Returns 0, or -1 on EOF or
 * error. */
int rt_read_response(rt_conn *c, rt_response *r);
/* 1 when the server closed the connection (EOF) with nothing more to read. */
int rt_closed_by_server(rt_conn *c);
/* Closes with a reset (SO_LINGER 0) instead of a FIN. */
void rt_reset(rt_conn *c);

#endif
