/* hot_loop_ok: re-arming that lets the loop sleep: a timer re-armed with a
 * real delay, one re-armed with 0 ms only while work remains, an idle
 * handle that stops itself when done (started again only conditionally), a
 * GLib idle callback that removes itself when done, and a GLib timeout that
 * always continues (a periodic timer is normal). */
// lagscan-flags: -I/usr/include/glib-2.0 -I/usr/lib/x86_64-linux-gnu/glib-2.0/include
#include <glib.h>
#include <uv.h>

static int pending = 100;

static void on_period(uv_timer_t *t) { uv_timer_start(t, on_period, 1000, 0); }

static void on_batch(uv_timer_t *t) {
  if (--pending > 0) uv_timer_start(t, on_batch, 0, 0);
}

static void on_idle(uv_idle_t *h) {
  if (pending <= 0) {
    uv_idle_stop(h);
    return;
  }
  pending--;
  uv_idle_start(h, on_idle);
}

static gboolean on_glib_idle(gpointer data) {
  (void)data;
  if (--pending > 0) return G_SOURCE_CONTINUE;
  return G_SOURCE_REMOVE;
}

static gboolean on_glib_tick(gpointer data) {
  (void)data;
  return G_SOURCE_CONTINUE;
}

int main(void) {
  uv_timer_t a, b;
  uv_idle_t idle;
  uv_timer_init(uv_default_loop(), &a);
  uv_timer_init(uv_default_loop(), &b);
  uv_idle_init(uv_default_loop(), &idle);
  uv_timer_start(&a, on_period, 1000, 0);
  uv_timer_start(&b, on_batch, 0, 0);
  uv_idle_start(&idle, on_idle);
  g_idle_add(on_glib_idle, NULL);
  g_timeout_add(1000, on_glib_tick, NULL);
  return uv_run(uv_default_loop(), UV_RUN_DEFAULT);
}
