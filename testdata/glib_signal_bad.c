/* glib_signal_bad: a GObject signal handler runs in the thread that emits
 * the signal, in a GTK or GIO application the main loop: a handler
 * connected with g_signal_connect (a macro for g_signal_connect_data) that
 * runs a command synchronously blocks the loop. */
// lagscan-flags: -I/usr/include/glib-2.0 -I/usr/lib/x86_64-linux-gnu/glib-2.0/include
#include <glib-object.h>
#include <stdlib.h>

static void on_print_activate(GObject *item, gpointer data) {
  (void)item;
  (void)data;
  int rc = system("lpr /tmp/document.ps"); // expected-warning {{sync-process}}
  (void)rc;
}

void connect_menu(GObject *item) {
  g_signal_connect(item, "activate", G_CALLBACK(on_print_activate), NULL); // expected-note {{'on_print_activate' registered here as a loop callback (g_signal_connect_data)}}
}
