/* nonblocking_field_tu_bad (conn.h): a connection keeps its socket and a
 * log file in fields; another record has a field of the same name. */
struct conn {
  int fd;
  int log_fd;
};
struct peer {
  int fd;
};
void conn_init(struct conn *c, int fd);
