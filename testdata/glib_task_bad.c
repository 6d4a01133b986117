/* glib_task_bad: g_task_run_in_thread's function runs on a pool thread, where
 * blocking is fine; the GTask's completion callback runs on the loop. So do
 * GIO *_async callbacks. g_thread_pool_new workers run off the loop. The
 * rest of the *_sync family is matched by pattern. */
// lagscan-flags: -I/usr/include/glib-2.0 -I/usr/lib/x86_64-linux-gnu/glib-2.0/include
#include <gio/gio.h>

static void in_thread(GTask *task, gpointer source, gpointer data, GCancellable *c) {
  (void)source; (void)data; (void)c;
  gchar *text = NULL;
  g_file_get_contents("/var/lib/app/big.json", &text, NULL, NULL); /* off the loop: fine */
  g_task_return_pointer(task, text, g_free);
}
static void on_done(GObject *source, GAsyncResult *res, gpointer data) {
  (void)source; (void)res; (void)data;
  g_usleep(100); // expected-warning {{sleep}}
}
static void on_read(GObject *source, GAsyncResult *res, gpointer data) {
  (void)source; (void)res; (void)data;
  g_spawn_command_line_sync("sync", NULL, NULL, NULL, NULL); // expected-warning {{sync-process}}
  /* Not listed by name: matched by the g_dbus_*_sync and g_*_sync patterns. */
  g_dbus_connection_flush_sync(NULL, NULL, NULL); // expected-warning {{sync-net}}
  g_settings_sync(); // expected-warning {{sync-fs}}
}
static void pool_job(gpointer item, gpointer data) {
  (void)item; (void)data;
  g_usleep(1000000); /* a pool thread: fine */
}

int main(void) {
  GMainLoop *loop = g_main_loop_new(NULL, FALSE);
  GTask *task = g_task_new(NULL, NULL, on_done, NULL);
  g_task_run_in_thread(task, in_thread);
  GFile *f = g_file_new_for_path("/etc/app.conf");
  g_file_read_async(f, G_PRIORITY_DEFAULT, NULL, on_read, NULL);
  GThreadPool *pool = g_thread_pool_new(pool_job, NULL, 4, FALSE, NULL);
  g_thread_pool_push(pool, GINT_TO_POINTER(1), NULL);
  g_main_loop_run(loop);
  return 0;
}
