/* libevent_event_new_bad: callbacks of event_new, event_assign, the evtimer_new
 * macro and event_base_once run on the loop thread. */
#include <event2/event.h>
#include <event2/event_struct.h>
#include <unistd.h>

static void on_read(evutil_socket_t fd, short what, void *arg) {
  (void)what; (void)arg;
  char buf[64];
  (void)fd;
  (void)read(0, buf, sizeof buf); // expected-warning {{sync-fs}}
}

static void on_timer(evutil_socket_t fd, short what, void *arg) {
  (void)fd; (void)what; (void)arg;
  sleep(1); // expected-warning {{sleep}}
}

static void on_assigned(evutil_socket_t fd, short what, void *arg) {
  (void)fd; (void)what; (void)arg;
  usleep(100); // expected-warning {{sleep}}
}

static void on_once(evutil_socket_t fd, short what, void *arg) {
  (void)fd; (void)what; (void)arg;
  unlink("/tmp/once"); // expected-warning {{sync-fs}}
}

int main(void) {
  struct event_base *base = event_base_new();
  struct event *rd = event_new(base, 0, EV_READ | EV_PERSIST, on_read, NULL);
  struct event *tm = evtimer_new(base, on_timer, NULL);
  struct event assigned;
  event_assign(&assigned, base, -1, 0, on_assigned, NULL);
  struct timeval tv = {1, 0};
  event_base_once(base, -1, EV_TIMEOUT, on_once, NULL, &tv);
  event_add(rd, NULL);
  event_add(tm, &tv);
  return event_base_dispatch(base);
}
