/* annot_loop_param_bad: a user API whose callback parameter is declared
 * LAGSCAN_LOOP_CALLBACK registers loop roots, like a libuv API would. */
#include <lagscan.h>
#include <netdb.h>
#include <stddef.h>

typedef void (*bus_handler)(const char *payload, void *arg);

/* The message bus delivers every message on the loop thread. */
void bus_subscribe(const char *topic, bus_handler cb LAGSCAN_LOOP_CALLBACK, void *arg);
void bus_run(void);

static void on_peer_joined(const char *payload, void *arg) {
  struct addrinfo *res = NULL;
  (void)arg;
  getaddrinfo(payload, "7000", NULL, &res); // expected-warning {{sync-dns}}
}

int main(void) {
  bus_subscribe("peers", on_peer_joined, NULL); // expected-note {{registered here as a loop callback}}
  bus_run();
  return 0;
}
