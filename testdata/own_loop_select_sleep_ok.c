/* own_loop_select_sleep_ok: a set-up loop that sleeps with select on no
 * descriptor (select(0, NULL, NULL, NULL, &tv), poll(NULL, 0, ms)) and
 * calls a handler through a pointer is not an event loop: what it calls is
 * start-up code, not loop code (lighttpd's gw_spawn_connection waits for a
 * backend to come up this way). */
#include <poll.h>
#include <stdio.h>
#include <sys/select.h>
#include <sys/stat.h>

struct backend {
  const char *path;
  int (*probe)(struct backend *b);
};

static int probe_socket(struct backend *b) {
  struct stat st;
  return stat(b->path, &st); // no-warning: start-up code, no loop runs it
}

static void nap(int ms) {
  struct timeval tv = {0, ms * 1000};
  select(0, NULL, NULL, NULL, &tv); // a sleep on no descriptor
}

int spawn_backend(struct backend *b) {
  for (int tries = 0; tries < 10; tries++) {
    nap(100);
    if (b->probe(b) == 0) return 0;
  }
  for (int tries = 0; tries < 10; tries++) {
    poll(NULL, 0, 100); // the same sleep with poll
    if (b->probe(b) == 0) return 0;
  }
  return -1;
}

int main(void) {
  struct backend b = {"/run/app.sock", probe_socket};
  return spawn_backend(&b);
}
