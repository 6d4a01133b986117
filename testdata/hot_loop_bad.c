/* hot_loop_bad: callbacks that never let the loop sleep. An idle handle and a
 * 0 ms timer that re-arm themselves unconditionally in their own callback,
 * and a GLib idle callback that returns G_SOURCE_CONTINUE on every path, are
 * reported (next-tick-recursion) at the re-arming call or the registration. */
// lagscan-flags: -I/usr/include/glib-2.0 -I/usr/lib/x86_64-linux-gnu/glib-2.0/include
#include <glib.h>
#include <uv.h>

static unsigned long spins;

static void on_idle(uv_idle_t *h) {
  spins++;
  uv_idle_start(h, on_idle); // expected-warning {{next-tick-recursion}}
}

static void on_tick(uv_timer_t *t) {
  spins++;
  uv_timer_start(t, on_tick, 0, 0); // expected-warning {{next-tick-recursion}}
}

static gboolean on_glib_idle(gpointer data) {
  (void)data;
  spins++;
  return G_SOURCE_CONTINUE;
}

int main(void) {
  uv_idle_t idle;
  uv_timer_t timer;
  uv_idle_init(uv_default_loop(), &idle);
  uv_idle_start(&idle, on_idle);
  uv_timer_init(uv_default_loop(), &timer);
  uv_timer_start(&timer, on_tick, 0, 0);
  g_idle_add(on_glib_idle, NULL); // expected-warning {{next-tick-recursion}}
  return uv_run(uv_default_loop(), UV_RUN_DEFAULT);
}
