/* conf.c: the helpers of conf.h for the tickloop twins of the conformance
 * scenarios. Output goes through stdout with a flush per line; the HTTP
 * client speaks HTTP/1.1 with "Connection: close" over loopback only, and
 * gives up after 5 s so that a broken server fails the run instead of
 * hanging it. */
#include "conf.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

void say(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vprintf(fmt, ap);
  va_end(ap);
  putchar('\n');
  fflush(stdout);
}

void say_cb(tl_loop *loop, void *arg) {
  (void)loop;
  say("%s", (const char *)arg);
}

void busy(unsigned ms) {
  uint64_t end = tl_hrtime() + (uint64_t)ms * 1000000u;
  while (tl_hrtime() < end) {
  }
}

const char *conf_path(const char *name) {
  static char bufs[8][1024];
  static unsigned next;
  const char *dir = getenv("CONF_DIR");
  char *buf = bufs[next++ % 8];
  snprintf(buf, sizeof bufs[0], "%s/%s", dir ? dir : ".", name);
  return buf;
}

tl_loop *conf_loop(void) {
  tl_loop *loop;
  if (tl_loop_new(&loop) != 0) {
    fprintf(stderr, "conformance: no loop\n");
    exit(2);
  }
  return loop;
}

int conf_finish(tl_loop *loop) {
  tl_run(loop);
  say("exit");
  return tl_loop_close(loop) == 0 ? 0 : 1;
}

typedef struct get_req {
  int port;
  char path[256];
  int status;
  char body[256];
  tl_timer_cb then;
  void *arg;
} get_req;

/* On a pool thread: one request, the whole response, status and body. */
static void get_work(void *data) {
  get_req *g = data;
  g->status = -1;
  int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return;
  struct timeval tv = {5, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  struct sockaddr_in sa = {0};
  sa.sin_family = AF_INET;
  sa.sin_port = htons((uint16_t)g->port);
  sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  char buf[4096];
  size_t used = 0;
  if (connect(fd, (struct sockaddr *)&sa, sizeof sa) == 0) {
    int n = snprintf(buf, sizeof buf,
                     "GET %s HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n", g->path);
    if (send(fd, buf, (size_t)n, MSG_NOSIGNAL) == n) {
      ssize_t r;
      while (used < sizeof buf - 1 && (r = recv(fd, buf + used, sizeof buf - 1 - used, 0)) > 0)
        used += (size_t)r;
    }
  }
  close(fd);
  buf[used] = '\0';
  char *body = strstr(buf, "\r\n\r\n");
  if (sscanf(buf, "HTTP/1.%*d %d", &g->status) != 1 || !body) return;
  snprintf(g->body, sizeof g->body, "%s", body + 4);
}

static void get_done(tl_loop *loop, int status, void *data) {
  (void)status;
  get_req *g = data;
  say("response %d %s", g->status, g->body);
  tl_timer_cb then = g->then;
  void *arg = g->arg;
  free(g);
  if (then) then(loop, arg);
}

int conf_http_get(tl_loop *loop, int port, const char *path, tl_timer_cb then, void *arg) {
  get_req *g = calloc(1, sizeof *g);
  if (!g) return -1;
  g->port = port;
  g->then = then;
  g->arg = arg;
  snprintf(g->path, sizeof g->path, "%s", path);
  int r = tl_queue_work(loop, get_work, get_done, g);
  if (r != 0) free(g);
  return r;
}

const char *conf_err(long err) {
  switch (-err) {
  case ENOENT: return "ENOENT";
  case EISDIR: return "EISDIR";
  case EACCES: return "EACCES";
  case EBADF: return "EBADF";
  default: return err >= 0 ? "ok" : "error";
  }
}

void conf_on_read(tl_loop *loop, int status, const char *data, size_t len, void *name) {
  (void)loop, (void)data;
  if (status < 0)
    say("readFile %s: %s", (const char *)name, conf_err(status));
  else
    say("readFile %s: %zu bytes", (const char *)name, len);
}

void conf_on_stat(tl_loop *loop, int status, const struct stat *st, void *name) {
  (void)loop, (void)st;
  say("stat %s: %s", (const char *)name, conf_err(status));
}
