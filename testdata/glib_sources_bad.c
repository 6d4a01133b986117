/* glib_sources_bad: g_idle_add, g_timeout_add, g_timeout_add_seconds_full,
 * g_io_add_watch, g_child_watch_add and g_unix_fd_add callbacks run on the
 * thread of the main context: the loop. */
// lagscan-flags: -I/usr/include/glib-2.0 -I/usr/lib/x86_64-linux-gnu/glib-2.0/include
#include <glib.h>
#include <glib-unix.h>
#include <glib/gstdio.h>
#include <unistd.h>

static gboolean on_idle(gpointer data) {
  (void)data;
  g_usleep(1000); // expected-warning {{sleep}}
  return G_SOURCE_REMOVE;
}
static gboolean on_timeout(gpointer data) {
  (void)data;
  gchar *text = NULL;
  g_file_get_contents("/etc/app.conf", &text, NULL, NULL); // expected-warning {{sync-fs}}
  g_free(text);
  return G_SOURCE_CONTINUE;
}
static gboolean on_slow_timeout(gpointer data) {
  (void)data;
  sleep(1); // expected-warning {{sleep}}
  return G_SOURCE_REMOVE;
}
static gboolean on_io(GIOChannel *ch, GIOCondition cond, gpointer data) {
  (void)ch; (void)cond; (void)data;
  g_spawn_command_line_sync("make", NULL, NULL, NULL, NULL); // expected-warning {{sync-process}}
  return G_SOURCE_CONTINUE;
}
static void on_child(GPid pid, gint status, gpointer data) {
  (void)pid; (void)status; (void)data;
  g_unlink("/run/child.pid"); // expected-warning {{sync-fs}}
}
static gboolean on_fd(gint fd, GIOCondition cond, gpointer data) {
  (void)cond; (void)data;
  char buf[64];
  (void)write(fd, buf, 1); // expected-warning {{sync-fs}}: not a read of the ready fd
  return G_SOURCE_CONTINUE;
}

int main(void) {
  GMainLoop *loop = g_main_loop_new(NULL, FALSE);
  g_idle_add(on_idle, NULL);
  g_timeout_add(100, on_timeout, NULL);
  g_timeout_add_seconds_full(G_PRIORITY_DEFAULT, 5, on_slow_timeout, NULL, NULL);
  GIOChannel *ch = g_io_channel_unix_new(0);
  g_io_add_watch(ch, G_IO_IN, on_io, NULL);
  g_child_watch_add(1234, on_child, NULL);
  g_unix_fd_add(0, G_IO_IN, on_fd, NULL);
  g_main_loop_run(loop);
  return 0;
}
