/* nonblocking_field_tu_bad (conn.c): only conn.fd is made non-blocking. */
#include <fcntl.h>

#include "conn.h"

void conn_init(struct conn *c, int fd) {
  c->fd = fd;
  fcntl(c->fd, F_SETFL, O_NONBLOCK);
}
