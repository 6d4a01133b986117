/* glib_async_ok: the asynchronous GIO variants and work handed to a GTask
 * thread or a GThreadPool block nothing on the loop. */
// lagscan-flags: -I/usr/include/glib-2.0 -I/usr/lib/x86_64-linux-gnu/glib-2.0/include
#include <gio/gio.h>

static void on_contents(GObject *source, GAsyncResult *res, gpointer data) {
  (void)data;
  gchar *text = NULL;
  gsize len = 0;
  if (g_file_load_contents_finish(G_FILE(source), res, &text, &len, NULL, NULL)) g_free(text);
}

static void in_thread(GTask *task, gpointer source, gpointer data, GCancellable *c) {
  (void)source; (void)data; (void)c;
  g_usleep(1000); /* a GTask thread: fine */
  g_task_return_boolean(task, TRUE);
}

static void on_done(GObject *source, GAsyncResult *res, gpointer data) {
  (void)source; (void)res; (void)data;
}

static gboolean on_timeout(gpointer data) {
  GFile *f = data;
  g_file_load_contents_async(f, NULL, on_contents, NULL);
  GTask *task = g_task_new(NULL, NULL, on_done, NULL);
  g_task_run_in_thread(task, in_thread);
  g_object_unref(task);
  return G_SOURCE_CONTINUE;
}

int main(void) {
  GMainLoop *loop = g_main_loop_new(NULL, FALSE);
  g_timeout_add_seconds(5, on_timeout, g_file_new_for_path("/etc/app.conf"));
  g_main_loop_run(loop);
  return 0;
}
