/* param_guard_callers_bad: a call under a guard on a parameter of its
 * function (`if (lutime)`, `case AF_INET:`) runs only when the function is
 * entered with an argument that lets it: the finding's path goes through a
 * caller that passes one (check_times from on_lutime, not from on_utime,
 * which passes 0), a caller whose argument is not a constant lets any case
 * run, and a case no caller on the loop can take is not reported. A case
 * fallen into from the one before has no guard of its own (it runs for
 * both labels), so its path is the shortest of any caller's. */
#include <netdb.h>
#include <sys/socket.h>
#include <unistd.h>
#include <uv.h>

static int family_of_config = AF_INET6;

static int resolve(const char *host, int family) {
  struct addrinfo *ai = NULL;
  switch (family) {
  case AF_UNIX:
    return 0;
  case AF_INET:
    return getaddrinfo(host, NULL, NULL, &ai); // expected-warning {{sync-dns}}
  case AF_INET6:
    usleep(10); // expected-warning {{sleep}}
    /* fall through */
  case AF_UNSPEC:
    sleep(1); // expected-warning {{sleep}}
    return 0;
  default:
    return -1;
  }
}

static void check_times(const char *path, int lutime) {
  if (lutime) unlink(path); // expected-warning {{sync-fs}}
  else sleep(2);            // expected-warning {{sleep}}
}

static void on_utime(uv_timer_t *t) {
  (void)t;
  check_times("a", 0);
  resolve("/run/app.sock", AF_UNIX);
}

static void on_lutime(uv_timer_t *t) {
  (void)t;
  check_times("b", 1);
  resolve("db.example", family_of_config);
}

static void on_inet(uv_timer_t *t) {
  (void)t;
  resolve("db.example", AF_INET);
}

int main(void) {
  static uv_timer_t a, b, c;
  uv_timer_init(uv_default_loop(), &a);
  uv_timer_start(&a, on_utime, 1, 1);
  uv_timer_init(uv_default_loop(), &b);
  uv_timer_start(&b, on_lutime, 1, 1);
  uv_timer_init(uv_default_loop(), &c);
  uv_timer_start(&c, on_inet, 1, 1);
  return uv_run(uv_default_loop(), UV_RUN_DEFAULT);
}
