/* cxx_implicit_special_members_bad: the constructor and destructor the
 * compiler writes run the members' own: a class with a blocking member
 * constructor or destructor and none of its own blocks where it is built or
 * goes out of scope. Known gap: lagscan sees only user-declared constructors
 * and destructors, so neither is reported yet (the GAP comments mark the
 * lines that should be; once they are, expectations go there). */
#include <unistd.h>
#include <uv.h>

struct Member {
  Member() { usleep(4); } // GAP: should be a sleep finding, via ImplicitCtor's implicit constructor
};
struct ImplicitCtor {
  Member m;
};
struct Res {
  ~Res() { usleep(5); } // GAP: should be a sleep finding, via Owner's implicit destructor
};
struct Owner {
  Res r;
};
struct Explicit {
  Explicit() { usleep(6); } // expected-warning {{sleep}}
};

static void on_tick(uv_timer_t *t) {
  (void)t;
  ImplicitCtor a;
  (void)a;
  Owner o;
  (void)o;
  Explicit e; // the user-declared constructor is seen
  (void)e;
}

int main() {
  uv_loop_t *loop = uv_default_loop();
  uv_timer_t t;
  uv_timer_init(loop, &t);
  uv_timer_start(&t, on_tick, 100, 100);
  return uv_run(loop, UV_RUN_DEFAULT);
}
