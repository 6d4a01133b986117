/* libevent_dns_base_ok: with an evdns base, connecting by host name and
 * evhttp connections resolve asynchronously; evdns callbacks are loop code
 * that does nothing blocking here. */
#include <event2/bufferevent.h>
#include <event2/dns.h>
#include <event2/event.h>
#include <event2/http.h>

static void on_resolved(int result, struct evutil_addrinfo *res, void *arg) {
  (void)result; (void)arg;
  if (res) evutil_freeaddrinfo(res);
}

static void on_timer(evutil_socket_t fd, short what, void *arg) {
  (void)fd; (void)what;
  struct event_base *base = arg;
  struct evdns_base *dns = evdns_base_new(base, EVDNS_BASE_INITIALIZE_NAMESERVERS);
  struct bufferevent *bev = bufferevent_socket_new(base, -1, BEV_OPT_CLOSE_ON_FREE);
  bufferevent_socket_connect_hostname(bev, dns, AF_UNSPEC, "upstream.internal", 80);
  evhttp_connection_base_new(base, dns, "api.internal", 443);
  evdns_getaddrinfo(dns, "db.internal", "5432", NULL, on_resolved, NULL);
}

int main(void) {
  struct event_base *base = event_base_new();
  struct event *ev = evtimer_new(base, on_timer, base);
  struct timeval tv = {1, 0};
  evtimer_add(ev, &tv);
  return event_base_dispatch(base);
}
