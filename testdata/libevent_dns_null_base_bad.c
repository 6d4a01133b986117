/* libevent_dns_null_base_bad: bufferevent_socket_connect_hostname and
 * evhttp_connection_base_new resolve synchronously when the evdns base is
 * NULL; evutil_getaddrinfo always does. */
#include <event2/bufferevent.h>
#include <event2/event.h>
#include <event2/http.h>
#include <event2/util.h>

static void on_timer(evutil_socket_t fd, short what, void *arg) {
  (void)fd; (void)what;
  struct event_base *base = arg;
  struct bufferevent *bev = bufferevent_socket_new(base, -1, BEV_OPT_CLOSE_ON_FREE);
  bufferevent_socket_connect_hostname(bev, NULL, AF_UNSPEC, "upstream.internal", 80); // expected-warning {{sync-dns}}
  evhttp_connection_base_new(base, NULL, "api.internal", 443); // expected-warning {{sync-dns}}
  struct evutil_addrinfo *ai = NULL;
  evutil_getaddrinfo("db.internal", "5432", NULL, &ai); // expected-warning {{sync-dns}}
}

int main(void) {
  struct event_base *base = event_base_new();
  struct event *ev = evtimer_new(base, on_timer, base);
  struct timeval tv = {1, 0};
  evtimer_add(ev, &tv);
  return event_base_dispatch(base);
}
