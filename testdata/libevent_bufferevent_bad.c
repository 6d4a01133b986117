/* libevent_bufferevent_bad: bufferevent_setcb's read, write and event
 * callbacks, evconnlistener's accept callback and evbuffer_add_cb run on
 * the loop. */
#include <event2/buffer.h>
#include <event2/bufferevent.h>
#include <event2/event.h>
#include <event2/listener.h>
#include <stdio.h>
#include <unistd.h>

static void on_read(struct bufferevent *bev, void *arg) {
  (void)bev; (void)arg;
  FILE *f = fopen("/var/log/app.log", "a"); // expected-warning {{sync-fs}}
  (void)f;
}
static void on_write(struct bufferevent *bev, void *arg) {
  (void)bev; (void)arg;
  usleep(10); // expected-warning {{sleep}}
}
static void on_event(struct bufferevent *bev, short what, void *arg) {
  (void)bev; (void)what; (void)arg;
  sleep(1); // expected-warning {{sleep}}
}
static void on_buffer(struct evbuffer *buf, const struct evbuffer_cb_info *info, void *arg) {
  (void)buf; (void)info; (void)arg;
  unlink("/tmp/spool"); // expected-warning {{sync-fs}}
}
static void on_accept(struct evconnlistener *l, evutil_socket_t fd, struct sockaddr *sa, int len,
                      void *arg) {
  (void)sa; (void)len; (void)arg;
  struct bufferevent *bev =
      bufferevent_socket_new(evconnlistener_get_base(l), fd, BEV_OPT_CLOSE_ON_FREE);
  bufferevent_setcb(bev, on_read, on_write, on_event, NULL);
  evbuffer_add_cb(bufferevent_get_output(bev), on_buffer, NULL);
}

int main(void) {
  struct event_base *base = event_base_new();
  struct sockaddr_in sin = {0};
  sin.sin_family = AF_INET;
  evconnlistener_new_bind(base, on_accept, NULL, LEV_OPT_REUSEABLE, -1, (struct sockaddr *)&sin,
                          sizeof sin);
  return event_base_dispatch(base);
}
