/* ready_fd_glib_bad: a g_unix_fd_add callback gets the ready descriptor,
 * a g_io_add_watch callback the channel, whose descriptor is
 * g_io_channel_unix_get_fd(source): one read, recv or accept of it returns
 * at once. The descriptor of another channel, a read in a loop, and a
 * variable assigned another descriptor too still block. */
// lagscan-flags: -I/usr/include/glib-2.0 -I/usr/lib/x86_64-linux-gnu/glib-2.0/include
#include <glib.h>
#include <glib-unix.h>
#include <sys/socket.h>
#include <unistd.h>

static GIOChannel *log_channel;

static gboolean on_fd(gint fd, GIOCondition cond, gpointer data) {
  (void)cond;
  (void)data;
  char buf[64];
  (void)read(fd, buf, sizeof buf); // no-warning: fd is ready
  return G_SOURCE_CONTINUE;
}

static gboolean on_channel(GIOChannel *source, GIOCondition cond, gpointer data) {
  (void)cond;
  (void)data;
  char buf[64];
  int fd = g_io_channel_unix_get_fd(source);
  (void)recv(fd, buf, sizeof buf, 0); // no-warning: the channel's descriptor is ready
  int lfd = g_io_channel_unix_get_fd(log_channel);
  (void)read(lfd, buf, sizeof buf);   // expected-warning {{sync-fs}}
  while (read(fd, buf, sizeof buf) > 0) { // expected-warning {{sync-fs}}
  }
  return G_SOURCE_CONTINUE;
}

static gboolean on_reused(GIOChannel *source, GIOCondition cond, gpointer data) {
  (void)cond;
  (void)data;
  char buf[64];
  int fd = g_io_channel_unix_get_fd(source);
  if (data) fd = g_io_channel_unix_get_fd(log_channel);
  (void)read(fd, buf, sizeof buf);    // expected-warning {{sync-fs}}
  return G_SOURCE_REMOVE;
}

int main(void) {
  GMainLoop *loop = g_main_loop_new(NULL, FALSE);
  GIOChannel *ch = g_io_channel_unix_new(3);
  log_channel = g_io_channel_unix_new(4);
  g_unix_fd_add(0, G_IO_IN, on_fd, NULL);
  g_io_add_watch(ch, G_IO_IN, on_channel, NULL);
  g_io_add_watch_full(ch, G_PRIORITY_DEFAULT, G_IO_IN, on_reused, NULL, NULL);
  g_main_loop_run(loop);
  return 0;
}
