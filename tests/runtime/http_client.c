/* http_client.c: the tests' blocking HTTP/1.1 client (see http_client.h). */
#define _GNU_SOURCE /* memmem, strcasestr */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "http_client.h"

int rt_dial(rt_conn *c, int port) {
  c->len = 0;
  c->fd = socket(AF_INET, SOCK_STREAM, 0);
  if (c->fd < 0) return -1;
  struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
  sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  struct timeval tv = {5, 0};
  setsockopt(c->fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  return connect(c->fd, (struct sockaddr *)&sa, sizeof sa);
}

int rt_send_all(rt_conn *c, const char *data, size_t len) {
  while (len > 0) {
    ssize_t n = send(c->fd, data, len, MSG_NOSIGNAL);
    if (n <= 0) return -1;
    data += n;
    len -= (size_t)n;
  }
  return 0;
}

int rt_send_str(rt_conn *c, const char *s) { return rt_send_all(c, s, strlen(s)); }

static int fill(rt_conn *c) {
  if (c->len == sizeof c->buf) return -1;
  ssize_t n = recv(c->fd, c->buf + c->len, sizeof c->buf - c->len, 0);
  if (n <= 0) return -1;
  c->len += (size_t)n;
  return 0;
}

static void header_value(const char *head, const char *name, char *out, size_t size) {
  out[0] = '\0';
  const char *p = strcasestr(head, name);
  if (!p) return;
  p += strlen(name);
  size_t n = strcspn(p, "\r\n");
  if (n >= size) n = size - 1;
  memcpy(out, p, n);
  out[n] = '\0';
}

int rt_read_response(rt_conn *c, rt_response *r) {
  memset(r, 0, sizeof *r);
  char *end;
  while (!(end = memmem(c->buf, c->len, "\r\n\r\n", 4)))
    if (fill(c) != 0) return -1;
  size_t head_len = (size_t)(end - c->buf) + 4;
  char head[4096];
  if (head_len >= sizeof head) return -1;
  memcpy(head, c->buf, head_len);
  head[head_len] = '\0';
  if (sscanf(head, "HTTP/1.1 %d", &r->status) != 1) return -1;
  char cl[32];
  header_value(head, "\r\nContent-Length: ", cl, sizeof cl);
  header_value(head, "\r\nConnection: ", r->connection, sizeof r->connection);
  header_value(head, "\r\nContent-Type: ", r->content_type, sizeof r->content_type);
  size_t body_len = (size_t)atol(cl);
  if (head_len + body_len > sizeof c->buf) return -1;
  while (c->len < head_len + body_len)
    if (fill(c) != 0) return -1;
  r->body_len = body_len;
  memcpy(r->body, c->buf + head_len, body_len < sizeof r->body - 1 ? body_len : sizeof r->body - 1);
  memmove(c->buf, c->buf + head_len + body_len, c->len - head_len - body_len);
  c->len -= head_len + body_len;
  return 0;
}

int rt_closed_by_server(rt_conn *c) {
  char b;
  return c->len == 0 && recv(c->fd, &b, 1, 0) == 0;
}

void rt_reset(rt_conn *c) {
  struct linger lg = {1, 0};
  setsockopt(c->fd, SOL_SOCKET, SO_LINGER, &lg, sizeof lg);
  close(c->fd);
  c->fd = -1;
}
