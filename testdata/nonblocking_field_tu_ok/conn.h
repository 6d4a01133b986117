/* nonblocking_field_tu_ok (conn.h): a connection keeps its socket in a field. */
struct conn {
  int fd;
};
void conn_init(struct conn *c, int fd);
