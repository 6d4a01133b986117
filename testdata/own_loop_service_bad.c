/* own_loop_service_bad: a server whose main loop calls a library's
 * service function that waits and runs callbacks (libwebsockets'
 * lws_service, declared here as libwebsockets.h does): the loop around it
 * is the program's event loop, so a sleep in it, and the protocol
 * callbacks stored in struct lws_protocols, run on the loop. */
#include <stddef.h>
#include <unistd.h>

struct lws_context;
struct lws;
typedef int lws_callback_function(struct lws *wsi, int reason, void *user, void *in, size_t len);
struct lws_protocols {
  const char *name;
  lws_callback_function *callback;
  size_t per_session_data_size;
  size_t rx_buffer_size;
};
int lws_service(struct lws_context *context, int timeout_ms);

static volatile int force_exit;
static struct lws_context *context;

static void poll_clients(void) {}

static int callback_tty(struct lws *wsi, int reason, void *user, void *in, size_t len) {
  (void)wsi;
  (void)reason;
  (void)user;
  (void)in;
  (void)len;
  sleep(1); // expected-warning {{sleep}}
  return 0;
}

static struct lws_protocols protocols[] = {
    {"tty", callback_tty, 0, 0}, // expected-note {{'callback_tty' registered here as a loop callback (lws_protocols.callback)}}
    {NULL, NULL, 0, 0},
};

int main(void) {
  (void)protocols;
  while (!force_exit) {
    poll_clients();
    lws_service(context, 0); // expected-note {{'main' is an event loop found in the code: it waits here (lws_service)}}
    usleep(10 * 1000); // expected-warning {{sleep}}
  }
  return 0;
}
