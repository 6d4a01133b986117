/* param_guard_callers_ok: a call under a guard on a parameter of its
 * function is not reported when no caller on the loop passes an argument
 * that lets it run: the unix-socket case has no lookup, and the name
 * lookup is only taken at start-up, before the loop (lighttpd's
 * sock_addr_from_str_hints, called with AF_UNIX from a callback). The
 * callers' constants differ, so the branch is not dead for the program:
 * only for the loop's paths. A guard of `a && b` holds in its then branch
 * and in b. */
#include <netdb.h>
#include <pthread.h>
#include <sys/socket.h>
#include <uv.h>

static int addr_from_str(const char *str, int family) {
  struct addrinfo *ai = NULL;
  switch (family) {
  case AF_UNIX:
    return str[0] == '/';
  case AF_UNSPEC:
    return getaddrinfo(str, NULL, NULL, &ai); // no-warning: no caller on the loop passes AF_UNSPEC
  default:
    return -1;
  }
}

static pthread_t worker;

/* memcached's stop_item_crawler_thread: the join is in the condition,
 * after `wait &&` */
static int stop_worker(int wait) {
  if (wait && pthread_join(worker, NULL) != 0) return -1; // no-warning: every loop caller passes 0
  return 0;
}

static void save(const char *path, int sync_now) {
  if (path && sync_now) {
    struct addrinfo *ai = NULL;
    getaddrinfo("backup.example", NULL, NULL, &ai); // no-warning: every loop caller passes 0
  }
}

static void on_tick(uv_timer_t *t) {
  (void)t;
  addr_from_str("/run/backend.sock", AF_UNIX);
  save("state", 0);
  stop_worker(0);
}

int main(void) {
  addr_from_str("backend.example", AF_UNSPEC); /* start-up */
  save("state", 1);
  stop_worker(1);
  static uv_timer_t t;
  uv_timer_init(uv_default_loop(), &t);
  uv_timer_start(&t, on_tick, 1, 1);
  return uv_run(uv_default_loop(), UV_RUN_DEFAULT);
}
