/* nonblocking_field_tu_ok (conn.c): the field conn.fd is made non-blocking
 * here, in another file than the callback that reads it. */
#include <fcntl.h>

#include "conn.h"

void conn_init(struct conn *c, int fd) {
  c->fd = fd;
  fcntl(c->fd, F_SETFL, O_NONBLOCK);
}
