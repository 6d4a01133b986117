/* own_loop_poll_bad: a plain `while (running) { poll(...); handle(...); }`
 * loop in main with nothing registered: what the loop calls after the wait
 * runs on the loop; main's set-up before the loop and its clean-up after
 * it do not. */
#include <netdb.h>
#include <poll.h>
#include <stdio.h>
#include <unistd.h>

static struct pollfd fds[64];
static int nfds = 1;
static volatile int running = 1;

static void handle_client(int fd) {
  struct addrinfo *res = NULL;
  getaddrinfo("backend.internal", "80", NULL, &res); // expected-warning {{sync-dns}}
  if (res) freeaddrinfo(res);
  (void)fd;
}

int main(void) {
  FILE *cfg = fopen("server.conf", "r"); // no-warning: before the loop
  if (cfg) fclose(cfg);
  while (running) {
    int n = poll(fds, (nfds_t)nfds, 1000); // expected-note {{'main' is an event loop found in the code: it waits here (poll)}}
    for (int i = 0; n > 0 && i < nfds; i++)
      if (fds[i].revents & POLLIN) handle_client(fds[i].fd); // expected-note {{function 'handle_client' called here from 'main'}}
    sleep(1); // expected-warning {{sleep}}
  }
  unlink("server.pid"); // no-warning: after the loop
  return 0;
}
