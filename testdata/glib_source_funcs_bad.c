/* glib_source_funcs_bad: a custom GSource's dispatch function (a GSourceFuncs
 * field) and a callback set with g_source_set_callback run on the loop. */
// lagscan-flags: -I/usr/include/glib-2.0 -I/usr/lib/x86_64-linux-gnu/glib-2.0/include
#include <glib.h>

static gboolean my_prepare(GSource *s, gint *timeout) {
  (void)s;
  *timeout = -1;
  return FALSE;
}
static gboolean my_dispatch(GSource *s, GSourceFunc cb, gpointer data) {
  (void)s;
  g_usleep(500); // expected-warning {{sleep}}
  return cb ? cb(data) : G_SOURCE_CONTINUE;
}
static GSourceFuncs funcs = {
    .prepare = my_prepare,
    .dispatch = my_dispatch,
};
static gboolean on_fire(gpointer data) {
  (void)data;
  g_file_set_contents("/var/lib/app/state", "x", 1, NULL); // expected-warning {{sync-fs}}
  return G_SOURCE_REMOVE;
}

int main(void) {
  GMainLoop *loop = g_main_loop_new(NULL, FALSE);
  GSource *src = g_source_new(&funcs, sizeof(GSource));
  g_source_set_callback(src, on_fire, NULL, NULL);
  g_source_attach(src, NULL);
  g_main_loop_run(loop);
  return 0;
}
