/* registered_fd_bad: a callback's descriptor parameter is only as
 * non-blocking as every descriptor it is registered with. A callback also
 * registered with a blocking socket, one also called directly with a
 * blocking descriptor, and one also stored where the program calls it
 * through a pointer keep their reads in a loop (a second read may block). */
#include <event2/event.h>
#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

static struct event_base *base;
static void (*on_idle)(evutil_socket_t, short, void *);

static int nonblocking_socket(void) {
  return socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
}

static void on_twice(evutil_socket_t fd, short what, void *arg) {
  (void)what;
  (void)arg;
  char buf[64];
  while (read(fd, buf, sizeof buf) > 0) { // expected-warning {{sync-fs}}
  }
}

static void on_called(evutil_socket_t fd, short what, void *arg) {
  (void)what;
  (void)arg;
  char buf[64];
  while (recv(fd, buf, sizeof buf, 0) > 0) { // expected-warning {{sync-net}}
  }
}

static void on_stored(evutil_socket_t fd, short what, void *arg) {
  (void)what;
  (void)arg;
  char buf[64];
  while (recv(fd, buf, sizeof buf, 0) > 0) { // expected-warning {{sync-net}}
  }
}

static void on_timer(evutil_socket_t fd, short what, void *arg) {
  (void)fd;
  (void)what;
  (void)arg;
  on_called(socket(AF_INET, SOCK_STREAM, 0), EV_READ, NULL);
  on_idle(3, EV_READ, NULL);
}

int main(void) {
  base = event_base_new();
  int nb = nonblocking_socket();
  int blocking = socket(AF_INET, SOCK_STREAM, 0);
  event_add(event_new(base, nb, EV_READ, on_twice, NULL), NULL);
  event_add(event_new(base, blocking, EV_READ, on_twice, NULL), NULL);
  event_add(event_new(base, nb, EV_READ, on_called, NULL), NULL);
  event_add(event_new(base, nb, EV_READ, on_stored, NULL), NULL);
  on_idle = on_stored;
  struct timeval tv = {1, 0};
  event_add(evtimer_new(base, on_timer, NULL), &tv);
  return event_base_dispatch(base);
}
