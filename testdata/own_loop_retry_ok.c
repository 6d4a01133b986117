/* own_loop_retry_ok: loops that are not event loops. A worker thread's
 * retry loop that polls one descriptor with a timeout, and a client helper
 * that waits for one descriptor with select and handles nothing, must not
 * make their callees loop code. */
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <sys/select.h>
#include <unistd.h>

static int sock = -1;
static volatile int done;

static void process_chunk(const char *buf, ssize_t n) {
  FILE *f = fopen("chunks.log", "a"); // no-warning: a worker thread
  if (f) {
    fwrite(buf, 1, (size_t)n, f);
    fclose(f);
  }
}

static void *worker(void *arg) {
  (void)arg;
  char buf[512];
  while (!done) {
    struct pollfd p = {sock, POLLIN, 0};
    if (poll(&p, 1, 100) > 0) {
      ssize_t n = read(sock, buf, sizeof buf);
      if (n > 0) process_chunk(buf, n);
    }
  }
  return NULL;
}

static int wait_readable(int fd, int ms) {
  fd_set set;
  struct timeval tv = {ms / 1000, (ms % 1000) * 1000};
  int r;
  do {
    FD_ZERO(&set);
    FD_SET(fd, &set);
    r = select(fd + 1, &set, NULL, NULL, &tv);
  } while (r < 0);
  return r;
}

static void parse_reply(const char *buf) { printf("%s\n", buf); }

static int fetch(int fd) {
  char buf[256] = {0};
  if (wait_readable(fd, 500) <= 0) return -1;
  if (read(fd, buf, sizeof buf - 1) <= 0) return -1;
  parse_reply(buf);
  return 0;
}

int main(void) {
  pthread_t t;
  pthread_create(&t, NULL, worker, NULL);
  fetch(sock);
  done = 1;
  pthread_join(t, NULL);
  return 0;
}
